//! Meetings: planning one or a series, and moving them through their statuses.

use crate::args::MeetingCommand;
use crate::print::{self, Output};
use taskforce::calendar::parse_local_datetime;
use taskforce::domain::{MeetingDraft, NewAgenda, SeriesForm};
use taskforce::error::Field;
use taskforce::{Result, Store};

pub fn run(store: &Store, out: &Output, cmd: MeetingCommand) -> Result<()> {
    match cmd {
        MeetingCommand::Add {
            term,
            start,
            end,
            location,
            empty_agenda,
        } => {
            let draft = MeetingDraft {
                term_number: term,
                starts_at: parse_local_datetime(Field::Start, &start)?,
                ends_at: parse_local_datetime(Field::End, &end)?,
                location: location.unwrap_or_default(),
            };
            out.one(
                &store.add_meeting(
                    &draft,
                    if empty_agenda {
                        NewAgenda::Empty
                    } else {
                        NewAgenda::FromTemplate
                    },
                )?,
                print::meeting,
            )
        }
        MeetingCommand::Series {
            term,
            first,
            every,
            count,
            start,
            end,
            location,
            break_from,
            break_to,
            flag_only,
            preview,
        } => {
            let form = SeriesForm {
                term_number: term,
                first_date: first,
                every_weeks: every,
                count,
                start_time: start,
                end_time: end,
                location: location.unwrap_or_default(),
                break_from,
                break_to,
                move_off_holidays: !flag_only,
            };
            if preview {
                out.one(&store.preview_series(&form)?, print::series)
            } else {
                out.list(&store.plan_series(&form)?, print::meeting)
            }
        }
        MeetingCommand::List { term } => out.list(&store.meetings(term)?, print::meeting),
        MeetingCommand::Show { id } => out.one(&store.meeting(id)?, print::meeting),
        MeetingCommand::SetSubject { id, subject } => out.one(
            &store.set_meeting_subject(id, Some(subject))?,
            print::meeting,
        ),
        MeetingCommand::ClearSubject { id } => {
            out.one(&store.set_meeting_subject(id, None)?, print::meeting)
        }
        MeetingCommand::Schedule { id } => out.one(&store.schedule_meeting(id)?, print::meeting),
        MeetingCommand::Hold { id } => out.one(&store.hold_meeting(id)?, print::meeting),
        MeetingCommand::Cancel { id } => out.one(&store.cancel_meeting(id)?, print::meeting),
        MeetingCommand::Remove { id } => {
            store.remove_meeting(id)?;
            out.removed(id)
        }
        MeetingCommand::Move {
            id,
            start,
            end,
            location,
        } => {
            let starts_at = parse_local_datetime(Field::Start, &start)?;
            let ends_at = parse_local_datetime(Field::End, &end)?;
            out.one(
                &store.reschedule_meeting(id, starts_at, ends_at, location.as_deref(), None)?,
                print::meeting,
            )
        }
    }
}
