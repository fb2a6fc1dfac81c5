//! Agenda items (*agendapunten*): ordered, timed, from a standard template.

use super::{code_enum, optional_text, required, Id};
use crate::error::Field;
use crate::error::{Error, Result};
use crate::message::{Message, MessageKey};
use crate::msg;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

code_enum!(AgendaItemKind, Kind {
    Opening = "opening",
    Announcements = "announcements" | "mededelingen",
    PreviousMinutes = "previous_minutes" | "verslag",
    ActionList = "action_list" | "actielijst",
    CentralSubject = "central_subject" | "centraal onderwerp" | "onderwerp",
    Aob = "aob" | "rondvraag",
    Closing = "closing" | "sluiting",
    Other = "other" | "overig",
});

impl AgendaItemKind {
    /// The Dutch title an item of this kind gets from the template.
    pub fn standard_title(self) -> &'static str {
        match self {
            AgendaItemKind::Opening => "Opening",
            AgendaItemKind::Announcements => "Mededelingen",
            AgendaItemKind::PreviousMinutes => "Verslag vorige vergadering",
            AgendaItemKind::ActionList => "Actielijst",
            AgendaItemKind::CentralSubject => "Centraal onderwerp",
            AgendaItemKind::Aob => "Rondvraag",
            AgendaItemKind::Closing => "Sluiting",
            AgendaItemKind::Other => "Overig",
        }
    }
}

/// The standard agenda (docs/design.md §7) with planned minutes per item.
/// 105 minutes: a new meeting (two hours by default) keeps a quarter of
/// an hour for a partner's contribution before its agenda runs past its end.
pub const STANDARD_AGENDA: &[(AgendaItemKind, u32)] = &[
    (AgendaItemKind::Opening, 5),
    (AgendaItemKind::Announcements, 10),
    (AgendaItemKind::PreviousMinutes, 10),
    (AgendaItemKind::ActionList, 10),
    (AgendaItemKind::CentralSubject, 60),
    (AgendaItemKind::Aob, 5),
    (AgendaItemKind::Closing, 5),
];

/// What agenda a new meeting starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewAgenda {
    /// The items of the term's agenda template.
    FromTemplate,
    /// No items (the CLI's `--empty-agenda`).
    Empty,
}

/// One item of a term's agenda template: what every new meeting starts with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TemplateItem {
    pub kind: AgendaItemKind,
    pub title: String,
    pub duration_minutes: u32,
}

/// Checks a template as a whole: 1–30 items, each with a title and at most
/// 480 minutes, and one central-subject item at most (a meeting has one
/// central subject).
pub fn validate_template(items: &[TemplateItem]) -> Result<Vec<TemplateItem>> {
    if items.is_empty() || items.len() > 30 {
        return Err(Error::validation(
            Field::Template,
            MessageKey::TemplateItemCount,
        ));
    }
    if items
        .iter()
        .filter(|i| i.kind == AgendaItemKind::CentralSubject)
        .count()
        > 1
    {
        return Err(Error::validation(
            Field::Template,
            MessageKey::TemplateOneCentral,
        ));
    }
    items
        .iter()
        .map(|item| {
            if item.duration_minutes > 480 {
                return Err(Error::validation(
                    Field::Template,
                    msg!(TemplateItemTooLong, title = item.title.trim()),
                ));
            }
            let title = match optional_text(Some(&item.title)) {
                Some(title) => required(Field::Template, &title)?,
                None => item.kind.standard_title().to_string(),
            };
            Ok(TemplateItem {
                kind: item.kind,
                title,
                duration_minutes: item.duration_minutes,
            })
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AgendaItem {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub id: Id,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub meeting_id: Id,
    pub position: u32,
    pub kind: AgendaItemKind,
    pub title: String,
    pub duration_minutes: u32,
    pub presenter: Option<String>,
    pub confidential: bool,
}

#[derive(Debug, Clone, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AgendaItemDraft {
    pub kind: AgendaItemKind,
    pub title: Option<String>,
    pub duration_minutes: u32,
    pub presenter: Option<String>,
    pub confidential: bool,
}

impl AgendaItemDraft {
    pub fn normalized(&self) -> Result<(String, AgendaItemDraft)> {
        if self.duration_minutes > 480 {
            return Err(Error::validation(
                Field::Duration,
                MessageKey::AgendaDurationMax,
            ));
        }
        let title = match optional_text(self.title.as_deref()) {
            Some(title) => required(Field::Title, &title)?,
            None => self.kind.standard_title().to_string(),
        };
        Ok((
            title,
            AgendaItemDraft {
                presenter: optional_text(self.presenter.as_deref()),
                ..self.clone()
            },
        ))
    }
}

/// An item with its planned start time, computed from the durations before it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlannedItem {
    pub item: AgendaItem,
    pub starts_at: DateTime<Utc>,
}

/// A meeting's agenda laid out in time.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlannedAgenda {
    pub items: Vec<PlannedItem>,
    /// When the last item ends, by the planned durations.
    pub ends_at: DateTime<Utc>,
    /// Said when the items run past the meeting's own end.
    pub warning: Option<Message>,
}

/// Lays the items out from the meeting's start: each starts when the one
/// before it ends. An agenda longer than the meeting is said, not refused:
/// the secretariat decides what to shorten.
pub fn plan_agenda(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    items: &[AgendaItem],
) -> PlannedAgenda {
    let mut at = start;
    let items = items
        .iter()
        .map(|item| {
            let planned = PlannedItem {
                item: item.clone(),
                starts_at: at,
            };
            at += Duration::minutes(i64::from(item.duration_minutes));
            planned
        })
        .collect();
    PlannedAgenda {
        items,
        ends_at: at,
        warning: overrun_warning(at, end),
    }
}

/// "The agenda runs 10 minutes past the meeting's end (16.00)."
pub fn overrun_warning(agenda_end: DateTime<Utc>, meeting_end: DateTime<Utc>) -> Option<Message> {
    let over = (agenda_end - meeting_end).num_minutes();
    (over > 0).then(|| {
        msg!(
            AgendaRunsPastEnd,
            minutes = over as i32,
            end = crate::calendar::to_amsterdam(meeting_end)
                .format("%H.%M")
                .to_string()
        )
    })
}
