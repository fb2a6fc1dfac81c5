//! Terms: adding, correcting, extending and starting the next one.

use crate::args::TermCommand;
use crate::print::{self, Output};
use taskforce::calendar::parse_date;
use taskforce::domain::{NewTerm, TermStart};
use taskforce::error::Field;
use taskforce::{Result, Store};

pub fn run(store: &Store, out: &Output, cmd: TermCommand) -> Result<()> {
    match cmd {
        TermCommand::Add {
            number,
            start,
            end,
            goals,
        } => {
            let term = store.add_term(&NewTerm {
                number,
                starts_on: parse_date(Field::Start, &start)?,
                ends_on: parse_date(Field::End, &end)?,
                goals: goals.unwrap_or_default(),
            })?;
            out.one(&term, print::term)
        }
        TermCommand::List => out.list(&store.term_views()?, print::term_view),
        TermCommand::Show { number } => out.one(&store.term_view(number)?, print::term_view),
        TermCommand::Goals { number, goals } => {
            out.one(&store.set_term_goals(number, &goals, None)?, print::term)
        }
        TermCommand::Decree { number, decree } => out.one(
            &store.set_term_decree(number, &decree.form(), None)?,
            print::term,
        ),
        TermCommand::Extend { number, to, decree } => out.one(
            &store.extend_term(number, &to, &decree.form())?,
            print::term_view,
        ),
        TermCommand::Shorten { number, to, decree } => out.one(
            &store.shorten_term(number, &to, &decree.form())?,
            print::term_view,
        ),
        TermCommand::Correct {
            number,
            new_number,
            start,
            end,
        } => {
            let term = store.term(number)?;
            let corrected = NewTerm {
                number: new_number.unwrap_or(term.number),
                starts_on: match start {
                    Some(start) => parse_date(Field::Start, &start)?,
                    None => term.starts_on,
                },
                ends_on: match end {
                    Some(end) => parse_date(Field::End, &end)?,
                    None => term.ends_on,
                },
                goals: term.goals,
            };
            out.one(
                &store.correct_term(number, &corrected, None)?,
                print::term_view,
            )
        }
        TermCommand::StartNext {
            number,
            start,
            end,
            copy_seats,
            drop_seats,
            skip_between,
            decree,
        } => {
            let proposal = store.propose_term()?;
            let seats = if copy_seats {
                proposal
                    .seats
                    .into_iter()
                    .filter(|s| s.from_seat.is_none_or(|id| !drop_seats.contains(&id)))
                    .collect()
            } else {
                Vec::new()
            };
            let start = TermStart {
                number: number.unwrap_or(proposal.number),
                starts_on: start.unwrap_or_else(|| proposal.starts_on.to_string()),
                ends_on: end.unwrap_or_else(|| proposal.ends_on.to_string()),
                goals: proposal.goals,
                decree: decree.form(),
                seats,
                skip_between,
            };
            out.one(&store.start_term(&start)?, print::term_view)
        }
        TermCommand::Template { number } => {
            out.list(&store.agenda_template(number)?, print::template_item)
        }
    }
}
