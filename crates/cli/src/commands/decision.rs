//! Decisions: recording, correcting, amending and anonymising them.

use crate::args::DecisionCommand;
use crate::print::{self, Output};
use taskforce::domain::Anonymisable;
use taskforce::error::Field;
use taskforce::message::MessageKey;
use taskforce::{Error, Result, Store};

pub fn run(store: &Store, out: &Output, cmd: DecisionCommand) -> Result<()> {
    match cmd {
        DecisionCommand::Anonymise { id } => {
            store.anonymise(Anonymisable::Decision, id)?;
            out.anonymised(id)
        }
        DecisionCommand::Add { meeting, text } => {
            out.one(&store.add_decision(meeting, &text)?, print::decision)
        }
        DecisionCommand::Edit { id, text } => {
            out.one(&store.edit_decision(id, &text, None)?, print::decision)
        }
        DecisionCommand::Item { id, item } => {
            out.one(&store.set_decision_item(id, item)?, print::decision)
        }
        DecisionCommand::Remove { id } => {
            store.remove_decision(id)?;
            out.removed(id)
        }
        DecisionCommand::Amend { id, meeting, text } => {
            out.one(&store.amend_decision(id, meeting, &text)?, print::decision)
        }
        DecisionCommand::List { term, meeting } => match (term, meeting) {
            (_, Some(meeting)) => out.list(&store.decisions_of_meeting(meeting)?, print::decision),
            (Some(term), None) => out.list(&store.decisions_of_term(term)?, print::decision),
            (None, None) => Err(Error::validation(Field::Term, MessageKey::CliTermOrMeeting)),
        },
    }
}
