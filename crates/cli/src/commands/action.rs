//! Action items: agreeing, following up and correcting them.

use crate::args::ActionCommand;
use crate::print::{self, Output};
use taskforce::calendar::parse_date;
use taskforce::domain::{ActionEdit, ActionFilter, ActionOwner, ActionStatus, Anonymisable};
use taskforce::error::Field;
use taskforce::{Result, Store};

pub fn run(store: &Store, out: &Output, cmd: ActionCommand) -> Result<()> {
    match cmd {
        ActionCommand::Anonymise { id } => {
            store.anonymise(Anonymisable::Action, id)?;
            out.anonymised(id)
        }
        ActionCommand::Add {
            meeting,
            description,
            owner,
            due,
        } => {
            let due = due
                .as_deref()
                .map(|d| parse_date(Field::Due, d))
                .transpose()?;
            out.one(
                &store.add_action(meeting, &description, &ActionOwner::parse(&owner)?, due)?,
                print::action,
            )
        }
        ActionCommand::Done { id } => out.one(&store.complete_action(id)?, print::action),
        ActionCommand::Item { id, item } => {
            out.one(&store.set_action_item(id, item)?, print::action)
        }
        ActionCommand::Drop { id } => out.one(&store.drop_action(id)?, print::action),
        ActionCommand::Postpone { id, to } => out.one(
            &store.postpone_action(id, parse_date(Field::To, &to)?)?,
            print::action,
        ),
        ActionCommand::Edit {
            id,
            description,
            owner,
            due,
        } => {
            let action = store.action(id)?;
            let edit = ActionEdit {
                description: description.unwrap_or(action.description),
                owner: match owner {
                    Some(owner) => ActionOwner::parse(&owner)?,
                    None => action.owner,
                },
                due_on: match due.as_deref() {
                    None => action.due_on,
                    Some("geen" | "none") => None,
                    Some(due) => Some(parse_date(Field::Due, due)?),
                },
            };
            out.one(&store.edit_action(id, &edit, None)?, print::action)
        }
        ActionCommand::Reopen { id, reason } => {
            out.one(&store.reopen_action(id, &reason)?, print::action)
        }
        ActionCommand::Remind { out: dir, all } => {
            let saved = taskforce_export::reminders::save(store, !all, &dir)?;
            out.warn(&saved.warnings);
            out.list(&saved.paths, |path| path.display().to_string())
        }
        ActionCommand::History { id } => out.list(&store.action_history(id)?, print::action_event),
        ActionCommand::List {
            meeting,
            status,
            owner,
            overdue,
            term,
            limit,
            offset,
        } => {
            if let Some(meeting) = meeting {
                return out.list(&store.action_list_for_meeting(meeting)?, print::action);
            }
            let today = store.today();
            let filter = ActionFilter {
                status: status.as_deref().map(ActionStatus::parse).transpose()?,
                owner: owner.as_deref().map(ActionOwner::parse).transpose()?,
                overdue_on: overdue.then_some(today),
                limit: Some(limit),
                offset: Some(offset),
                term,
                overdue: false,
            };
            out.list(&store.actions(&filter)?, print::action)
        }
    }
}
