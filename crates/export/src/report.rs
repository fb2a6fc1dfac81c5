//! The term report (*termijnrapportage*): what a term of the task force did —
//! the meetings and their central subjects, how those cover the forms of
//! exploitation and the regions, which partners came, how member
//! organisations attended, and the decisions and actions. Internal: it names
//! confidential subjects, so it is never offered to external partners.

use super::agenda::ORGANISATION;
use serde::Serialize;
use std::collections::BTreeMap;
use taskforce::calendar::{dutch_date, dutch_day_month_year, dutch_numeric_date, to_amsterdam};
use taskforce::domain::{
    ActionStatus, AttendanceStatus, Decree, ExploitationForm, InvitationStatus, MeetingStatus,
    SeatType, TagCategory,
};
use taskforce::error::Result;
use taskforce::Lang;
use taskforce::Store;

#[derive(Debug, Serialize)]
pub struct TermReportData {
    pub organisation: &'static str,
    pub term_number: u32,
    pub period_text: String,
    pub made_on: String,
    pub goals: String,
    pub summary: Summary,
    pub meetings: Vec<ReportMeeting>,
    pub forms: Vec<CoverageRow>,
    pub regions: Vec<CoverageRow>,
    pub attendance: Vec<OrganisationAttendance>,
    /// The same, counted per type of seat (rijksoverheid, gemeente, …):
    /// each seat once per held meeting.
    pub attendance_by_type: Vec<OrganisationAttendance>,
    /// The founding decree, as recorded on the term.
    pub decree: Vec<String>,
    /// Each move of the end: "verlengd (or ingekort) van … tot …" with its decree.
    pub extensions: Vec<String>,
    pub decisions: Vec<ReportDecision>,
    pub open_actions: Vec<ReportAction>,
}

#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub meetings_held: u32,
    pub meetings_planned: u32,
    pub meetings_cancelled: u32,
    pub partners_invited: u32,
    pub partners_attended: u32,
    pub decisions: u32,
    pub actions: u32,
    pub actions_done: u32,
    pub actions_dropped: u32,
    pub actions_open: u32,
    pub actions_postponed: u32,
}

#[derive(Debug, Serialize)]
pub struct ReportMeeting {
    pub number: u32,
    pub date_text: String,
    pub status: String,
    pub subject: String,
    pub partners_invited: Vec<String>,
    pub partners_attended: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct CoverageRow {
    pub name: String,
    pub meetings: u32,
}

#[derive(Debug, Default, Serialize)]
pub struct OrganisationAttendance {
    pub organisation: String,
    pub present: u32,
    pub represented: u32,
    pub absent: u32,
    /// Absent with apologies sent beforehand (*afgemeld*), apart from absent.
    pub apologies: u32,
    /// Held meetings where no attendance was registered for it.
    pub unknown: u32,
    /// Present or represented, of the held meetings: `83%`.
    pub rate: String,
}

#[derive(Debug, Serialize)]
pub struct ReportDecision {
    pub code: String,
    pub date: String,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct ReportAction {
    pub description: String,
    pub owner: String,
    pub due: String,
    pub times_postponed: u32,
}

fn rank(status: Option<AttendanceStatus>) -> u8 {
    match status {
        Some(AttendanceStatus::Present) => 3,
        Some(AttendanceStatus::Represented) => 2,
        Some(AttendanceStatus::Apologies) => 1,
        Some(AttendanceStatus::Absent) => 1,
        None => 0,
    }
}

fn form_name(code: &str) -> String {
    match ExploitationForm::parse(code) {
        Ok(ExploitationForm::Sexual) => "Seksuele uitbuiting",
        Ok(ExploitationForm::Labour) => "Arbeidsuitbuiting",
        Ok(ExploitationForm::Criminal) => "Criminele uitbuiting",
        Ok(ExploitationForm::OrganRemoval) => "Orgaanverwijdering",
        Ok(ExploitationForm::Other) => "Overige vormen",
        Err(_) => code,
    }
    .to_string()
}

/// Gathers the report for `term_number`. Reports on what the store holds
/// today; cancelled meetings are listed but count for nothing else.
pub fn term_report_data(store: &Store, term_number: u32) -> Result<TermReportData> {
    let plan = store.term_plan(term_number)?;
    let mut summary = Summary::default();
    let mut meetings = Vec::with_capacity(plan.meetings.len());
    let mut attendance: BTreeMap<String, OrganisationAttendance> = BTreeMap::new();
    let mut by_type: BTreeMap<String, OrganisationAttendance> = BTreeMap::new();
    let seat_types: BTreeMap<i64, String> = store
        .seats(term_number)?
        .into_iter()
        .map(|s| {
            (
                s.id,
                s.seat_type
                    .map_or("Soort onbekend", SeatType::dutch_name)
                    .to_string(),
            )
        })
        .collect();
    let mut open_actions = Vec::new();
    for detail in &plan.meetings {
        let meeting = &detail.meeting;
        match meeting.status {
            MeetingStatus::Held => summary.meetings_held += 1,
            MeetingStatus::Cancelled => summary.meetings_cancelled += 1,
            MeetingStatus::Concept | MeetingStatus::Scheduled => summary.meetings_planned += 1,
        }
        let mut invited = Vec::new();
        let mut attended = Vec::new();
        if meeting.status != MeetingStatus::Cancelled {
            for invitation in store.invitations(meeting.id)? {
                use InvitationStatus::*;
                if matches!(invitation.status, Invited | Accepted | Attended | NoShow) {
                    invited.push(invitation.partner_name.render(Lang::Nl));
                }
                if invitation.status == Attended {
                    attended.push(invitation.partner_name.render(Lang::Nl));
                }
            }
        }
        summary.partners_invited += invited.len() as u32;
        summary.partners_attended += attended.len() as u32;
        if meeting.status == MeetingStatus::Held {
            // An organisation with two seats (the OM has two) counts once per
            // meeting, by the best registration among its seats.
            let mut best: BTreeMap<String, Option<AttendanceStatus>> = BTreeMap::new();
            for row in store.attendance(meeting.id)? {
                let kind = seat_types.get(&row.seat_id).cloned().unwrap_or_default();
                count(by_type.entry(kind.clone()).or_default(), &kind, row.status);
                let entry = best.entry(row.organisation).or_insert(None);
                if rank(row.status) > rank(*entry) {
                    *entry = row.status;
                }
            }
            for (organisation, status) in best {
                count(
                    attendance.entry(organisation.clone()).or_default(),
                    &organisation,
                    status,
                );
            }
        }
        for action in store.actions_of_meeting(meeting.id)? {
            summary.actions += 1;
            if action.times_postponed > 0 {
                summary.actions_postponed += 1;
            }
            match action.status {
                ActionStatus::Done => summary.actions_done += 1,
                ActionStatus::Dropped => summary.actions_dropped += 1,
                ActionStatus::Open => {
                    summary.actions_open += 1;
                    open_actions.push(ReportAction {
                        description: action.description,
                        owner: action.owner_name.render(Lang::Nl),
                        due: action.due_on.map(dutch_numeric_date).unwrap_or_default(),
                        times_postponed: action.times_postponed,
                    });
                }
            }
        }
        meetings.push(ReportMeeting {
            number: meeting.number,
            date_text: dutch_date(to_amsterdam(meeting.starts_at).date()),
            status: Lang::Nl.name(meeting.status),
            subject: detail.subject.as_ref().map_or_else(
                || "nog geen centraal onderwerp".to_string(),
                |s| format!("{} ({})", s.title, Lang::Nl.name(s.kind)),
            ),
            partners_invited: invited,
            partners_attended: attended,
        });
    }
    // An organisation is counted once per held meeting; a type of seat once
    // per seat and meeting, so its rate is over its registrations.
    let held = summary.meetings_held.max(1);
    let attendance = attendance
        .into_values()
        .map(|mut a| {
            a.rate = format!("{}%", (a.present + a.represented) * 100 / held);
            a
        })
        .collect();
    let attendance_by_type = by_type
        .into_values()
        .map(|mut a| {
            let registrations =
                (a.present + a.represented + a.absent + a.apologies + a.unknown).max(1);
            a.rate = format!("{}%", (a.present + a.represented) * 100 / registrations);
            a
        })
        .collect();
    let decree = &plan.term.decree;
    let decree_lines = decree_text(decree);
    let extensions = store
        .term_view(term_number)?
        .extensions
        .iter()
        .map(|e| {
            let mut line = format!(
                "{} van {} tot en met {}",
                if e.shortened { "Ingekort" } else { "Verlengd" },
                dutch_day_month_year(e.previous_ends_on),
                dutch_day_month_year(e.new_ends_on)
            );
            let about = decree_text(&e.decree);
            if !about.is_empty() {
                line.push_str(&format!(" ({})", about.join(", ")));
            }
            line
        })
        .collect();
    let decisions: Vec<ReportDecision> = store
        .decisions_of_term(term_number)?
        .into_iter()
        .map(|d| ReportDecision {
            date: plan
                .meetings
                .iter()
                .find(|m| m.meeting.id == d.meeting_id)
                .map(|m| dutch_numeric_date(to_amsterdam(m.meeting.starts_at).date()))
                .unwrap_or_default(),
            text: d.recorded_text(),
            code: d.code,
        })
        .collect();
    summary.decisions = decisions.len() as u32;
    let (forms, regions): (Vec<_>, Vec<_>) = plan
        .coverage
        .into_iter()
        .partition(|c| c.tag.category == TagCategory::Exploitation);
    Ok(TermReportData {
        organisation: ORGANISATION,
        term_number,
        period_text: format!(
            "{} – {}",
            dutch_day_month_year(plan.term.starts_on),
            dutch_day_month_year(plan.term.ends_on)
        ),
        made_on: dutch_date(store.today()),
        goals: plan.term.goals,
        summary,
        meetings,
        forms: forms
            .into_iter()
            .map(|c| CoverageRow {
                name: form_name(&c.tag.name),
                meetings: c.meetings,
            })
            .collect(),
        regions: regions
            .into_iter()
            .map(|c| CoverageRow {
                name: c.tag.name,
                meetings: c.meetings,
            })
            .collect(),
        attendance,
        attendance_by_type,
        decree: decree_lines,
        extensions,
        decisions,
        open_actions,
    })
}

/// Counts one registration (or its absence) for a row of the attendance
/// tables.
fn count(entry: &mut OrganisationAttendance, name: &str, status: Option<AttendanceStatus>) {
    entry.organisation = name.to_string();
    match status {
        Some(AttendanceStatus::Present) => entry.present += 1,
        Some(AttendanceStatus::Represented) => entry.represented += 1,
        Some(AttendanceStatus::Absent) => entry.absent += 1,
        Some(AttendanceStatus::Apologies) => entry.apologies += 1,
        None => entry.unknown += 1,
    }
}

/// A decree as the report names it: `besluit van 25 februari 2020`,
/// `Stcrt. 2020, 12345`, the link.
fn decree_text(decree: &Decree) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(date) = decree.date {
        parts.push(format!("besluit van {}", dutch_day_month_year(date)));
    }
    parts.extend(decree.reference.clone());
    parts.extend(decree.url.clone());
    parts
}
