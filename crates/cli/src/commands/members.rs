//! Member seats: importing a decree's list, editing, ending and removing seats.

use crate::args::{FormatArg, MembersCommand};
use crate::print::{self, Output};
use taskforce::calendar::parse_date;
use taskforce::domain::SeatDraft;
use taskforce::error::Field;
use taskforce::import::{parse_members, read_text_file, MemberFormat};
use taskforce::msg;
use taskforce::{Result, Store};

pub fn run(store: &Store, out: &Output, cmd: MembersCommand) -> Result<()> {
    match cmd {
        MembersCommand::Import { file, term, format } => {
            let content = read_text_file(&file)?;
            let format = match format {
                Some(FormatArg::Text) => MemberFormat::DecreeText,
                Some(FormatArg::Csv) => MemberFormat::Csv,
                None => MemberFormat::detect(file.to_str(), &content),
            };
            let seats = parse_members(&content, format)?;
            let outcome = store.import_seats(term, &seats)?;
            out.said(&outcome, |o| {
                msg!(
                    CliMembersAdded,
                    added = o.added,
                    present = o.already_present
                )
            })
        }
        MembersCommand::Seed => {
            let (term, outcome) = taskforce::seed::start_with_term5(store)?;
            out.said(&outcome, |o| {
                msg!(
                    CliTermMembersAdded,
                    term = term.number,
                    added = o.added,
                    present = o.already_present
                )
            })
        }
        MembersCommand::List { term } => out.list(&store.seats(term)?, print::seat),
        MembersCommand::Add { term, seat } => {
            out.one(&store.add_seat(term, &seat.draft()?)?, print::seat)
        }
        MembersCommand::Update { seat_id, seat } => out.one(
            &store.update_seat(seat_id, &seat.draft()?, None)?,
            print::seat,
        ),
        MembersCommand::History { seat_id } => {
            out.list(&store.seat_history(seat_id)?, print::seat_change)
        }
        MembersCommand::End {
            seat_id,
            on,
            successor_organisation,
            successor_role,
            successor_person,
        } => {
            let successor = match (successor_organisation, successor_role) {
                (Some(organisation), Some(role)) => Some(SeatDraft {
                    organisation,
                    role,
                    person: successor_person,
                    ..SeatDraft::default()
                }),
                _ => None,
            };
            out.one(
                &store.end_seat(seat_id, parse_date(Field::EndsOn, &on)?, successor.as_ref())?,
                print::seat,
            )
        }
        MembersCommand::Remove { seat_id } => {
            store.remove_seat(seat_id)?;
            out.removed(seat_id)
        }
    }
}
