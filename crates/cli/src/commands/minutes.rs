//! A meeting's minutes: writing, showing, sending round for comments and
//! adopting them.

use crate::args::MinutesCommand;
use crate::print::{self, Output};
use taskforce::calendar::parse_date;
use taskforce::error::Field;
use taskforce::import::read_text_file;
use taskforce::message::MessageKey;
use taskforce::{Error, Message, Result, Store};

pub fn run(store: &Store, out: &Output, cmd: MinutesCommand) -> Result<()> {
    match cmd {
        MinutesCommand::Set {
            meeting,
            file,
            text,
        } => {
            let body = match (file, text) {
                (Some(file), None) => read_text_file(&file)?,
                (None, Some(text)) => text,
                _ => return Err(Error::validation(Field::Text, MessageKey::CliFileOrText)),
            };
            out.one(&store.set_minutes(meeting, &body, None)?, print::minutes)
        }
        MinutesCommand::Adopt { meeting, at } => {
            out.one(&store.adopt_minutes(meeting, at)?, print::minutes)
        }
        MinutesCommand::Circulate {
            meeting,
            by,
            out: dir,
        } => {
            let by = parse_date(Field::Date, &by)?;
            let saved = taskforce_export::minutes_round::circulate(store, meeting, by, &dir)?;
            out.warn(&saved.warnings);
            out.one(&saved.cycle, |c| {
                format!(
                    "{}\n{}",
                    saved.path.display(),
                    print::minutes_cycle(out.lang, c)
                )
            })
        }
        MinutesCommand::Comment {
            meeting,
            seat,
            text,
            on,
        } => {
            let on = on.map(|d| parse_date(Field::Date, &d)).transpose()?;
            let cycle = store.add_minutes_comment(meeting, seat, &text, on)?;
            out.one(&cycle, |c| print::minutes_cycle(out.lang, c))
        }
        MinutesCommand::Cycle { meeting } => out.one(&store.minutes_cycle(meeting)?, |c| {
            print::minutes_cycle(out.lang, c)
        }),
        MinutesCommand::Show { meeting } => match store.minutes(meeting)? {
            Some(minutes) => out.one(&minutes, print::minutes),
            None => out.said(&serde_json::Value::Null, |_| {
                Message::new(MessageKey::CliNoMinutes)
            }),
        },
    }
}
