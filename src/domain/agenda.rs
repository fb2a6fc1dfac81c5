//! Agenda items (*agendapunten*): ordered, timed, from a standard template.

use super::{code_enum, optional_text, required, Id};
use crate::error::{Error, Result};
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

code_enum!(AgendaItemKind, "kind", "soort agendapunt" {
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

/// The standard agenda (DESIGN.md §7) with planned minutes per item.
pub const STANDARD_AGENDA: &[(AgendaItemKind, u32)] = &[
    (AgendaItemKind::Opening, 5),
    (AgendaItemKind::Announcements, 10),
    (AgendaItemKind::PreviousMinutes, 10),
    (AgendaItemKind::ActionList, 15),
    (AgendaItemKind::CentralSubject, 60),
    (AgendaItemKind::Aob, 10),
    (AgendaItemKind::Closing, 5),
];

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
                "duration",
                "een agendapunt duurt hoogstens 480 minuten",
            ));
        }
        let title = match optional_text(self.title.as_deref()) {
            Some(title) => required("title", "de titel", &title)?,
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
}

/// Lays the items out from the meeting's start: each starts when the one
/// before it ends.
pub fn plan_agenda(start: DateTime<Utc>, items: &[AgendaItem]) -> PlannedAgenda {
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
    PlannedAgenda { items, ends_at: at }
}
