//! A meeting's minutes: writing, showing and adopting them.

use crate::args::MinutesCommand;
use crate::print::{self, Output};
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
        MinutesCommand::Show { meeting } => match store.minutes(meeting)? {
            Some(minutes) => out.one(&minutes, print::minutes),
            None => out.said(&serde_json::Value::Null, |_| {
                Message::new(MessageKey::CliNoMinutes)
            }),
        },
    }
}
