//! Subjects: the backlog of cases, phenomena and themes.

use crate::args::SubjectCommand;
use crate::print::{self, Output};
use taskforce::domain::{Anonymisable, SubjectFilter, SubjectKind, SubjectStatus, Tag};
use taskforce::{Result, Store};

pub fn run(store: &Store, out: &Output, cmd: SubjectCommand) -> Result<()> {
    match cmd {
        SubjectCommand::Anonymise { id } => {
            store.anonymise(Anonymisable::Subject, id)?;
            out.anonymised(id)
        }
        SubjectCommand::Add(fields) => {
            out.one(&store.add_subject(&fields.draft()?)?, print::subject)
        }
        SubjectCommand::Update { id, fields } => out.one(
            &store.update_subject(id, &fields.draft()?, None)?,
            print::subject,
        ),
        SubjectCommand::Status { id, status } => out.one(
            &store.set_subject_status(id, SubjectStatus::parse(&status)?)?,
            print::subject,
        ),
        SubjectCommand::Archive { id, undo } => {
            out.one(&store.archive_subject(id, !undo)?, print::subject)
        }
        SubjectCommand::Remove { id } => {
            store.remove_subject(id)?;
            out.removed(id)
        }
        SubjectCommand::Show { id } => out.one(&store.subject(id)?, print::subject),
        SubjectCommand::List { kind, status, tag } => {
            let filter = SubjectFilter {
                kind: kind.as_deref().map(SubjectKind::parse).transpose()?,
                status: status.as_deref().map(SubjectStatus::parse).transpose()?,
                tag: tag.as_deref().map(Tag::parse).transpose()?,
                ..SubjectFilter::default()
            };
            out.list(&store.subjects(&filter)?, print::subject)
        }
    }
}
