//! Calendar files (RFC 5545) for one meeting or a whole term: UTC times, our
//! own PRODID, a UID per meeting that stays the same across exports (so a
//! re-import updates rather than duplicates), SEQUENCE raised when a
//! scheduled meeting moves, and cancelled meetings as STATUS:CANCELLED.

use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property};
use taskforce::domain::{Id, MeetingDetail, MeetingStatus};
use taskforce::error::Result;
use taskforce::Store;

pub const PRODID: &str = concat!(
    "-//Task Force Aanpak Mensenhandel//Taskforce Secretariaat ",
    env!("CARGO_PKG_VERSION"),
    "//NL"
);

/// The meeting's UID, the same in every export and invitation, so a
/// calendar updates the event instead of adding another.
pub fn uid(meeting: &MeetingDetail) -> String {
    meeting.calendar_uid()
}

fn calendar(name: &str) -> Calendar {
    with_method("PUBLISH")
        .append_property(Property::new("X-WR-CALNAME", name))
        .done()
}

fn with_method(method: &str) -> Calendar {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", PRODID))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", method));
    calendar
}

/// Someone an invitation's calendar part names.
pub struct Attendee<'a> {
    pub name: &'a str,
    pub email: &'a str,
    /// A deputy is invited as optional.
    pub optional: bool,
}

/// The calendar part of an invitation (iTIP, RFC 5546): the meeting's event
/// with the secretariat as ORGANIZER and one ATTENDEE per recipient, asked
/// to reply; `REQUEST` invites or updates (the meeting's SEQUENCE tells
/// which), `CANCEL` calls it off. The event is the `.ics` export's own.
pub fn invitation_calendar(
    store: &Store,
    detail: &MeetingDetail,
    cancel: bool,
    organizer: (&str, &str),
    attendees: &[Attendee<'_>],
) -> Result<String> {
    let mut event = event(store, detail)?;
    let mut organizer_property = Property::new("ORGANIZER", format!("mailto:{}", organizer.1));
    if !organizer.0.is_empty() {
        organizer_property.add_parameter("CN", &parameter_text(organizer.0));
    }
    event.append_property(organizer_property);
    for attendee in attendees {
        let mut property = Property::new("ATTENDEE", format!("mailto:{}", attendee.email));
        property
            .add_parameter("CN", &parameter_text(attendee.name))
            .add_parameter("CUTYPE", "INDIVIDUAL")
            .add_parameter(
                "ROLE",
                if attendee.optional {
                    "OPT-PARTICIPANT"
                } else {
                    "REQ-PARTICIPANT"
                },
            )
            .add_parameter("PARTSTAT", "NEEDS-ACTION")
            .add_parameter("RSVP", "TRUE");
        event.append_multi_property(property);
    }
    if cancel {
        event.status(EventStatus::Cancelled);
    }
    let mut calendar = with_method(if cancel { "CANCEL" } else { "REQUEST" });
    calendar.push(event.done());
    Ok(calendar.done().to_string())
}

/// A parameter value may not hold a double quote (RFC 5545 §3.2); the
/// library quotes the rest.
fn parameter_text(text: &str) -> String {
    text.replace('"', "'")
}

fn event(store: &Store, detail: &MeetingDetail) -> Result<Event> {
    let meeting = &detail.meeting;
    // A confidential subject stays out of calendars, which travel far.
    let subject = detail
        .subject
        .as_ref()
        .filter(|s| !s.confidential)
        .map(|s| s.title.as_str());
    let summary = match subject {
        Some(title) => format!("Task Force Aanpak Mensenhandel: {title}"),
        None => "Task Force Aanpak Mensenhandel".to_string(),
    };
    let agenda = store.planned_agenda(meeting.id)?;
    let lines: Vec<String> = agenda
        .items
        .iter()
        .filter(|p| !p.item.confidential)
        .map(|p| {
            format!(
                "{} {}. {}",
                taskforce::calendar::to_amsterdam(p.starts_at).format("%H.%M"),
                p.item.position,
                p.item.title
            )
        })
        .collect();
    let status = match meeting.status {
        MeetingStatus::Cancelled => EventStatus::Cancelled,
        MeetingStatus::Concept => EventStatus::Tentative,
        MeetingStatus::Scheduled | MeetingStatus::Held => EventStatus::Confirmed,
    };
    let mut event = Event::new();
    event
        .uid(&uid(detail))
        .timestamp(store.now())
        .starts(meeting.starts_at)
        .ends(meeting.ends_at)
        .summary(&summary)
        .description(&format!("Agenda:\n{}", lines.join("\n")))
        .sequence(meeting.sequence)
        .status(status);
    if !meeting.location.is_empty() {
        event.location(&meeting.location);
    }
    Ok(event.done())
}

/// One meeting as an `.ics` file.
pub fn meeting_ics(store: &Store, meeting: Id) -> Result<String> {
    let detail = store.meeting(meeting)?;
    let mut calendar = calendar("Task Force Aanpak Mensenhandel");
    calendar.push(event(store, &detail)?);
    Ok(calendar.done().to_string())
}

/// Every meeting of a term, cancelled ones included (so calendars drop them).
pub fn term_ics(store: &Store, term: u32) -> Result<String> {
    let mut calendar = calendar(&format!("Task Force Aanpak Mensenhandel, termijn {term}"));
    for detail in store.meetings(term)? {
        calendar.push(event(store, &detail)?);
    }
    Ok(calendar.done().to_string())
}
