//! The agenda of one meeting as the secretariat sends it: the data every
//! format (PDF, Word) is rendered from, with the confidentiality rules for the
//! external version applied here, once, so no renderer can forget them.

use serde::Serialize;
use taskforce::calendar::{dutch_date, to_amsterdam};
use taskforce::domain::{DocumentTarget, Id, InvitationStatus};
use taskforce::error::Result;
use taskforce::Lang;
use taskforce::Store;

pub const ORGANISATION: &str = "Task Force Aanpak Mensenhandel";

/// Who the document is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Members and secretariat: everything.
    Internal,
    /// Invited partners: nothing marked confidential, no other partners' names.
    External,
}

#[derive(Debug, Serialize)]
pub struct AgendaData {
    pub organisation: &'static str,
    pub meeting_number: u32,
    pub term_number: u32,
    pub date_text: String,
    pub time_text: String,
    pub end_text: String,
    pub location: String,
    pub subject: Option<SubjectData>,
    pub items: Vec<ItemData>,
    pub partners: Vec<String>,
    pub papers: Vec<PaperData>,
    pub classification: String,
}

#[derive(Debug, Serialize)]
pub struct SubjectData {
    pub title: String,
    pub kind: String,
    pub description: String,
}

#[derive(Debug, Serialize)]
pub struct ItemData {
    pub number: u32,
    pub time: String,
    pub title: String,
    pub presenter: String,
}

#[derive(Debug, Serialize)]
pub struct PaperData {
    pub title: String,
    pub kind: String,
    /// The agenda item it belongs to, numbered as this audience's agenda
    /// numbers it.
    pub item: Option<ItemRef>,
    #[serde(skip)]
    pub document_id: Id,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemRef {
    pub number: u32,
    pub title: String,
}

/// What goes on the agenda for this audience. Confidential items, a
/// confidential subject's description (and title) and confidential papers are
/// left out of the external version, as are all partner names.
pub fn agenda_data(store: &Store, meeting: Id, audience: Audience) -> Result<AgendaData> {
    let detail = store.meeting(meeting)?;
    let planned = store.planned_agenda(meeting)?;
    let external = audience == Audience::External;
    let local_start = to_amsterdam(detail.meeting.starts_at);
    let local_end = to_amsterdam(detail.meeting.ends_at);
    let subject = detail
        .subject
        .as_ref()
        .map(|s| match (external, s.confidential) {
            (true, true) => SubjectData {
                title: format!("vertrouwelijke {}", Lang::Nl.name(s.kind)),
                kind: Lang::Nl.name(s.kind),
                description: String::new(),
            },
            _ => SubjectData {
                title: s.title.clone(),
                kind: Lang::Nl.name(s.kind),
                description: s.description.clone(),
            },
        });
    let shown: Vec<_> = planned
        .items
        .iter()
        .filter(|p| !(external && p.item.confidential))
        .collect();
    let items = shown
        .iter()
        .enumerate()
        .map(|(index, p)| ItemData {
            number: index as u32 + 1,
            time: to_amsterdam(p.starts_at).format("%H.%M").to_string(),
            title: p.item.title.clone(),
            presenter: p.item.presenter.clone().unwrap_or_default(),
        })
        .collect();
    let item_ref = |id: Id| {
        shown
            .iter()
            .position(|p| p.item.id == id)
            .map(|index| ItemRef {
                number: index as u32 + 1,
                title: shown[index].item.title.clone(),
            })
    };
    let partners = if external {
        Vec::new()
    } else {
        store
            .invitations(meeting)?
            .into_iter()
            .filter(|i| {
                !matches!(
                    i.status,
                    InvitationStatus::Declined | InvitationStatus::Proposed
                )
            })
            .map(|i| i.partner_name.render(Lang::Nl))
            .collect()
    };
    // A paper under an item the external agenda leaves out goes with it.
    let mut papers: Vec<PaperData> = store
        .documents_of(DocumentTarget::Meeting(meeting))?
        .into_iter()
        .filter(|d| !(external && d.confidential))
        .filter_map(|d| {
            let item = d.agenda_item_id.map(item_ref);
            if matches!(item, Some(None)) {
                return None;
            }
            Some(PaperData {
                title: d.document.title,
                kind: Lang::Nl.name(d.document.kind),
                item: item.flatten(),
                document_id: d.document.id,
            })
        })
        .collect();
    // In agenda order; papers under no item last, each group as attached.
    papers.sort_by_key(|p| p.item.as_ref().map_or(u32::MAX, |i| i.number));
    Ok(AgendaData {
        organisation: ORGANISATION,
        meeting_number: detail.meeting.number,
        term_number: detail.term_number,
        date_text: dutch_date(local_start.date()),
        time_text: format!(
            "{} – {} uur",
            local_start.format("%H.%M"),
            local_end.format("%H.%M")
        ),
        end_text: format!("{} uur", to_amsterdam(planned.ends_at).format("%H.%M")),
        location: detail.meeting.location.clone(),
        subject,
        items,
        partners,
        papers,
        classification: match audience {
            Audience::Internal => "Intern — alleen voor leden en secretariaat".to_string(),
            Audience::External => "Versie voor externe partners".to_string(),
        },
    })
}
