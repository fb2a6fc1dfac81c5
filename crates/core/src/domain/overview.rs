//! What the secretariat sees first: the next meeting and what is still to do,
//! and the term plan with its coverage of forms of exploitation and regions.

use super::{
    code_enum, ActionItem, Id, InvitationStatus, MeetingDetail, Subject, Tag, Term, TermPhase,
    TermView,
};
use chrono::{DateTime, Utc};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Overview {
    pub term: Option<Term>,
    /// Where the shown term stands today: an ended term asks for the next
    /// step (start the next term, or extend this one).
    pub term_phase: Option<TermPhase>,
    pub next_meeting: Option<MeetingDetail>,
    /// Partners of the next meeting who were proposed or invited but have not
    /// answered yet.
    pub unanswered_invitations: u32,
    /// Held meetings whose minutes wait for adoption.
    pub minutes_to_adopt: Vec<MeetingDetail>,
    /// Held meetings that have no minutes yet.
    pub minutes_missing: Vec<MeetingDetail>,
    /// Open actions past their due date, earliest first (at most
    /// [`Overview::OVERDUE_SHOWN`]; the action list has them all).
    pub overdue_actions: Vec<ActionItem>,
    pub overdue_total: u32,
    /// Owners (seats, partners, the secretariat) with an action past its
    /// due date: whom a reminder is due.
    pub owners_overdue: u32,
    pub meetings_held: u32,
    pub meetings_planned: u32,
    /// Share of the term's days that have passed, 0–100.
    pub term_elapsed_percent: u32,
}

/// How many meetings of a term had a central subject with this tag.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Coverage {
    pub tag: Tag,
    pub meetings: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TermPlan {
    pub term: Term,
    pub meetings: Vec<MeetingDetail>,
    /// Every form of exploitation (also those not covered yet), then every
    /// region that occurs.
    pub coverage: Vec<Coverage>,
}

/// Everything the term planner shows, answered at once: on ten years of data
/// the store reads it in a few milliseconds, while each extra question from
/// the screen costs a round trip through the webview.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Planner {
    /// Every term, oldest first, for the term switcher.
    pub terms: Vec<TermView>,
    /// The term shown: the one asked for, else the current one.
    pub view: TermView,
    pub plan: TermPlan,
    /// The newest subjects still to be discussed (at most
    /// [`Planner::BACKLOG`]); older ones are found on the subjects screen.
    pub backlog: Vec<Subject>,
}

impl Overview {
    /// A card's worth: the overview points at what needs attention, and
    /// links to the action list for the rest.
    pub const OVERDUE_SHOWN: u32 = 5;
}

impl Planner {
    pub const BACKLOG: u32 = 100;
}

/// One invitation in a partner's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PartnerInvitation {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub meeting_id: Id,
    pub meeting_starts_at: DateTime<Utc>,
    pub subject_title: Option<String>,
    pub status: InvitationStatus,
}

code_enum!(AuditedRecord, Record {
    Terms = "terms",
    Seats = "seats",
    Partners = "partners",
    Subjects = "subjects",
    SubjectTags = "subject_tags",
    PartnerTags = "partner_tags",
    Meetings = "meetings",
    AgendaItems = "agenda_items",
    Invitations = "invitations",
    Attendance = "attendance",
    Minutes = "minutes",
    Decisions = "decisions",
    Actions = "actions",
    Documents = "documents",
    DocumentLinks = "document_links",
    TermExtensions = "term_extensions",
    AgendaTemplateItems = "agenda_template_items",
    MailSettings = "mail_settings",
});

/// What a change in the audit log did, as its `action` column stores it
/// (its name in the dictionaries is `audit_action.<code>`).
pub const AUDIT_ACTIONS: &[&str] = &["insert", "update", "delete"];

/// One change in the audit log.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AuditEntry {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub id: Id,
    pub at: DateTime<Utc>,
    pub os_user: String,
    pub table: String,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub row_id: Id,
    /// insert, update or delete: one of [`AUDIT_ACTIONS`]
    pub action: String,
    /// The record before and after, as JSON (personal data left out).
    pub before: Option<String>,
    pub after: Option<String>,
}
