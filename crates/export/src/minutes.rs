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
        decisions: store
            .decisions_of_meeting(meeting)?
            .into_iter()
            .map(|d| DecisionRow {
                text: d.recorded_text(),
                code: d.code,
            })
            .collect(),
        actions: store
            .actions_of_meeting(meeting)?
            .into_iter()
            .map(|a| ActionRow {
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
            })
            .collect(),
    })
}
