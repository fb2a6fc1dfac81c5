//! Who attended a meeting, was represented or absent.

use crate::args::AttendanceCommand;
use crate::print::{self, Output};
use taskforce::domain::AttendanceStatus;
use taskforce::{Result, Store};

pub fn run(store: &Store, out: &Output, cmd: AttendanceCommand) -> Result<()> {
    match cmd {
        AttendanceCommand::Clear { meeting, seat } => {
            out.list(&store.clear_attendance(meeting, seat)?, print::attendance)
        }
        AttendanceCommand::Set {
            meeting,
            seat,
            status,
            by,
        } => out.list(
            &store.set_attendance(
                meeting,
                seat,
                AttendanceStatus::parse(&status)?,
                by.as_deref(),
            )?,
            print::attendance,
        ),
        AttendanceCommand::FromReplies { meeting } => {
            out.list(&store.attendance_from_replies(meeting)?, print::attendance)
        }
        AttendanceCommand::List { meeting } => {
            out.list(&store.attendance(meeting)?, print::attendance)
        }
    }
}
