//! The minutes (verslag) of a held meeting: the data the PDF and Word
//! versions are rendered from — attendance, the text as blocks, decisions,
//! actions and whether the minutes are concept or adopted.

use super::agenda::ORGANISATION;
use serde::Serialize;
use taskforce::calendar::{dutch_date, to_amsterdam};
use taskforce::domain::Id;
use taskforce::error::Result;
use taskforce::Lang;
use taskforce::Store;

#[derive(Debug, Serialize)]
pub struct MinutesData {
    pub organisation: &'static str,
    pub meeting_number: u32,
    pub term_number: u32,
    pub date_text: String,
    pub subject: String,
    pub status_text: String,
    /// Not adopted: every page says CONCEPT.
    pub concept: bool,
    pub attendance: Vec<AttendanceRow>,
    pub blocks: Vec<taskforce::markdown::Block>,
    /// The agenda items that decisions or actions were tied to, with them.
    pub items: Vec<ItemRecord>,
    /// Decisions and actions not tied to an item.
    pub decisions: Vec<DecisionRow>,
    pub actions: Vec<ActionRow>,
}

/// An agenda item with the decisions and actions taken under it.
#[derive(Debug, Serialize)]
pub struct ItemRecord {
    pub position: u32,
    pub title: String,
    pub decisions: Vec<DecisionRow>,
    pub actions: Vec<ActionRow>,
}

#[derive(Debug, Serialize)]
pub struct AttendanceRow {
    pub seat: String,
    pub status: String,
}

#[derive(Debug, Serialize)]
pub struct DecisionRow {
    pub code: String,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct ActionRow {
    pub description: String,
    pub owner: String,
    pub due: String,
    pub status: &'static str,
}

/// The minutes of a held meeting: attendance, the text, decisions, actions,
/// and whether they are concept or adopted (and when).
pub fn minutes_data(store: &Store, meeting: Id) -> Result<MinutesData> {
    use taskforce::domain::{ActionStatus, AttendanceStatus, MinutesStage};
    let detail = store.meeting(meeting)?;
    let minutes = store.minutes(meeting)?;
    let cycle = store.minutes_cycle(meeting)?;
    let status_text = match (cycle.stage, cycle.adopted_on, cycle.adopted_in_meeting_on) {
        (MinutesStage::Adopted, Some(on), Some(at)) if on != at => format!(
            "vastgesteld op {} in de bijeenkomst van {}",
            dutch_date(on),
            dutch_date(at)
        ),
        (MinutesStage::Adopted, Some(on), _) => {
            format!("vastgesteld in de bijeenkomst van {}", dutch_date(on))
        }
        (MinutesStage::Circulated, ..) => match cycle.rounds.last() {
            Some(round) => format!(
                "concept, rondgestuurd op {}; reacties vóór {}",
                dutch_date(round.sent_on),
                dutch_date(round.comments_by)
            ),
            None => "concept".to_string(),
        },
        _ => "concept".to_string(),
    };
    let concept = cycle.stage != MinutesStage::Adopted;
    let attendance = store
        .attendance(meeting)?
        .into_iter()
        .map(|a| AttendanceRow {
            seat: format!("{}, {}", a.organisation, a.role),
            status: match a.status {
                Some(AttendanceStatus::Present) => "aanwezig".to_string(),
                Some(AttendanceStatus::Absent) => "afwezig".to_string(),
                Some(AttendanceStatus::Apologies) => "afgemeld".to_string(),
                Some(AttendanceStatus::Represented) => {
                    format!(
                        "vertegenwoordigd door {}",
                        a.represented_by.unwrap_or_default()
                    )
                }
                None => "—".to_string(),
            },
        })
        .collect();
    // Each decision and action under the agenda item it was tied to, in
    // the agenda's order; the rest after, as before.
    let mut items: Vec<(taskforce::domain::Id, ItemRecord)> = store
        .planned_agenda(meeting)?
        .items
        .into_iter()
        .map(|p| {
            (
                p.item.id,
                ItemRecord {
                    position: p.item.position,
                    title: p.item.title,
                    decisions: Vec::new(),
                    actions: Vec::new(),
                },
            )
        })
        .collect();
    let mut decisions = Vec::new();
    for d in store.decisions_of_meeting(meeting)? {
        let row = DecisionRow {
            text: d.recorded_text(),
            code: d.code,
        };
        match items
            .iter_mut()
            .find(|(id, _)| Some(*id) == d.agenda_item_id)
        {
            Some((_, item)) => item.decisions.push(row),
            None => decisions.push(row),
        }
    }
    let mut actions = Vec::new();
    for a in store.actions_of_meeting(meeting)? {
        let row = ActionRow {
            description: a.description,
            owner: a.owner_name.render(Lang::Nl),
            due: a
                .due_on
                .map(taskforce::calendar::dutch_numeric_date)
                .unwrap_or_default(),
            status: match a.status {
                ActionStatus::Open => "open",
                ActionStatus::Done => "afgerond",
                ActionStatus::Dropped => "vervallen",
            },
        };
        match items
            .iter_mut()
            .find(|(id, _)| Some(*id) == a.agenda_item_id)
        {
            Some((_, item)) => item.actions.push(row),
            None => actions.push(row),
        }
    }
    let items: Vec<ItemRecord> = items
        .into_iter()
        .map(|(_, item)| item)
        .filter(|item| !item.decisions.is_empty() || !item.actions.is_empty())
        .collect();
    Ok(MinutesData {
        organisation: ORGANISATION,
        meeting_number: detail.meeting.number,
        term_number: detail.term_number,
        date_text: dutch_date(to_amsterdam(detail.meeting.starts_at).date()),
        subject: detail
            .subject
            .map_or("nog geen centraal onderwerp".to_string(), |s| s.title),
        status_text,
        concept,
        attendance,
        blocks: taskforce::markdown::to_blocks(minutes.as_ref().map_or("", |m| m.body.as_str())),
        items,
        decisions,
        actions,
    })
}
