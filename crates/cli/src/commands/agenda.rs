//! A meeting's agenda items, with their planned times.

use crate::args::AgendaCommand;
use crate::print::{self, Output};
use taskforce::{Result, Store};

pub fn run(store: &Store, out: &Output, cmd: AgendaCommand) -> Result<()> {
    match cmd {
        AgendaCommand::List { meeting } => out.planned_agenda(&store.planned_agenda(meeting)?),
        AgendaCommand::Add { meeting, item } => out.one(
            &store.add_agenda_item(meeting, &item.draft()?)?,
            print::item,
        ),
        AgendaCommand::Update { item_id, item } => out.one(
            &store.update_agenda_item(item_id, &item.draft()?)?,
            print::item,
        ),
        AgendaCommand::Move { item_id, to } => {
            out.list(&store.move_agenda_item(item_id, to)?, print::item)
        }
        AgendaCommand::Remove { item_id } => {
            out.list(&store.remove_agenda_item(item_id)?, print::item)
        }
    }
}
