//! Calendar replies as members and partners send them: the iTIP REPLY
//! (RFC 5546) Outlook or Thunderbird makes when someone answers the
//! invitation's REQUEST, saved as an `.ics` file or as the whole reply
//! e-mail (`.eml`, the calendar part inside). Only reading lives here; what
//! a reply means for the record is `store::calendar_replies`.
//!
//! Parsing is done by maintained readers (`icalendar`'s parser, Stalwart's
//! `mail-parser`); a file they cannot read, or that holds no reply, is
//! refused with a message that says why, never half-read.

use crate::domain::{Id, MeetingDetail, ReplyFile};
use crate::message::{Message, MessageKey};
use crate::msg;
use chrono::{DateTime, NaiveDateTime, Utc};
use icalendar::parser::{read_calendar, unfold, Component, Property};
use mail_parser::{MessageParser, MimeHeaders};

/// The meeting's calendar UID, the same in every export and invitation, so
/// a calendar updates the event instead of adding another — and a reply
/// names the meeting it answers.
pub fn meeting_uid(term_number: u32, meeting_id: Id) -> String {
    format!("tf{term_number}-bijeenkomst-{meeting_id}@taskforce-secretariaat.local")
}

impl MeetingDetail {
    pub fn calendar_uid(&self) -> String {
        meeting_uid(self.term_number, self.meeting.id)
    }
}

/// The meeting a UID of ours names, as (term number, meeting id); `None`
/// for any other calendar's event.
pub fn meeting_of_uid(uid: &str) -> Option<(u32, Id)> {
    let local = uid.trim().strip_suffix("@taskforce-secretariaat.local")?;
    let (term, meeting) = local.strip_prefix("tf")?.split_once("-bijeenkomst-")?;
    Some((term.parse().ok()?, meeting.parse().ok()?))
}

/// What an attendee answered (PARTSTAT).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Accepted,
    Declined,
    Tentative,
    /// Sent on to someone else, who comes instead.
    Delegated,
}

/// One attendee's answer in a reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarReply {
    pub uid: String,
    /// The invitation version answered; an answer to an older one may no
    /// longer hold (the meeting moved since).
    pub sequence: u32,
    /// Lower case, without `mailto:`.
    pub address: String,
    pub name: Option<String>,
    pub answer: Answer,
    /// For a delegated answer: who comes instead (their name when the
    /// reply gives it, else their address).
    pub delegate: Option<String>,
    /// When the answer was given (DTSTAMP), when readable.
    pub stamped: Option<DateTime<Utc>>,
}

/// Reads reply files as dropped or chosen (e-mails with attachments: up to
/// 50 MB each), named by their file name.
pub fn read_reply_files(paths: &[std::path::PathBuf]) -> crate::Result<Vec<ReplyFile>> {
    paths
        .iter()
        .map(|path| {
            Ok(ReplyFile {
                name: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| path.display().to_string()),
                bytes: crate::import::read_file(path, 50 * 1024 * 1024)?,
            })
        })
        .collect()
}

/// Reads the calendar replies in one file: an `.ics` calendar, or an e-mail
/// with one inside (as a part or an attachment). Refused with the reason
/// when it holds none or cannot be read.
pub fn read_replies(bytes: &[u8]) -> Result<Vec<CalendarReply>, Message> {
    let text =
        std::str::from_utf8(bytes).map_err(|_| Message::from(MessageKey::ReplyFileNotText))?;
    if text.trim_start().starts_with("BEGIN:VCALENDAR") {
        return read_calendar_text(text);
    }
    let mail = MessageParser::default()
        .parse(bytes)
        .filter(|m| !m.parts.is_empty() && !m.headers().is_empty())
        .ok_or_else(|| Message::from(MessageKey::ReplyFileUnreadable))?;
    let calendars: Vec<&str> = mail
        .parts
        .iter()
        .filter(|part| {
            part.content_type().is_some_and(|t| {
                t.ctype().eq_ignore_ascii_case("text")
                    && t.subtype()
                        .is_some_and(|s| s.eq_ignore_ascii_case("calendar"))
            }) || part
                .attachment_name()
                .is_some_and(|n| n.to_lowercase().ends_with(".ics"))
        })
        .filter_map(|part| part.text_contents())
        .collect();
    // Outlook sends the same reply twice (inline and attached): read the
    // first readable one.
    let mut first_problem = None;
    for calendar in calendars {
        match read_calendar_text(calendar) {
            Ok(replies) => return Ok(replies),
            Err(problem) => {
                first_problem.get_or_insert(problem);
            }
        }
    }
    Err(first_problem.unwrap_or_else(|| MessageKey::ReplyFileNoCalendar.into()))
}

fn read_calendar_text(text: &str) -> Result<Vec<CalendarReply>, Message> {
    let unfolded = unfold(text);
    let calendar =
        read_calendar(&unfolded).map_err(|_| Message::from(MessageKey::ReplyFileUnreadable))?;
    let method = calendar
        .properties
        .iter()
        .find(|p| p.name.as_str().eq_ignore_ascii_case("METHOD"))
        .map(|p| p.val.as_str().trim().to_uppercase())
        .unwrap_or_default();
    if method != "REPLY" {
        return Err(if method.is_empty() {
            MessageKey::ReplyFileNoMethod.into()
        } else {
            msg!(ReplyFileNotReply, method = method)
        });
    }
    let events: Vec<&Component> = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str().eq_ignore_ascii_case("VEVENT"))
        .collect();
    if events.is_empty() {
        return Err(msg!(ReplyFileIncomplete, what = "VEVENT"));
    }
    let mut replies = Vec::new();
    for event in events {
        replies.extend(event_replies(event)?);
    }
    Ok(replies)
}

fn event_replies(event: &Component) -> Result<Vec<CalendarReply>, Message> {
    let uid = value(event, "UID").ok_or_else(|| msg!(ReplyFileIncomplete, what = "UID"))?;
    let sequence = match value(event, "SEQUENCE") {
        None => 0,
        Some(text) => text
            .parse()
            .map_err(|_| msg!(ReplyFileBadValue, what = "SEQUENCE", value = text))?,
    };
    let stamped = value(event, "DTSTAMP").and_then(|text| {
        NaiveDateTime::parse_from_str(text.trim_end_matches('Z'), "%Y%m%dT%H%M%S")
            .ok()
            .map(|t| t.and_utc())
    });
    let attendees: Vec<&Property> = event
        .properties
        .iter()
        .filter(|p| p.name.as_str().eq_ignore_ascii_case("ATTENDEE"))
        .collect();
    let mut replies = Vec::new();
    for attendee in &attendees {
        let status = parameter(attendee, "PARTSTAT")
            .unwrap_or_default()
            .to_uppercase();
        let answer = match status.as_str() {
            "ACCEPTED" => Answer::Accepted,
            "DECLINED" => Answer::Declined,
            "TENTATIVE" => Answer::Tentative,
            "DELEGATED" => Answer::Delegated,
            // The delegate's own line, or an attendee who did not answer:
            // not an answer of the one replying.
            "NEEDS-ACTION" | "" => continue,
            other => {
                return Err(msg!(ReplyFileBadValue, what = "PARTSTAT", value = other));
            }
        };
        let delegate = match answer {
            Answer::Delegated => {
                let to = parameter(attendee, "DELEGATED-TO")
                    .map(address)
                    .ok_or_else(|| msg!(ReplyFileIncomplete, what = "DELEGATED-TO"))?;
                // The delegate is usually listed too, with a name.
                let named = attendees
                    .iter()
                    .find(|a| address(a.val.as_str()) == to)
                    .and_then(|a| parameter(a, "CN"))
                    .map(str::to_string);
                Some(named.unwrap_or(to))
            }
            _ => None,
        };
        replies.push(CalendarReply {
            uid: uid.to_string(),
            sequence,
            address: address(attendee.val.as_str()),
            name: parameter(attendee, "CN").map(str::to_string),
            answer,
            delegate,
            stamped,
        });
    }
    if replies.is_empty() {
        return Err(msg!(ReplyFileIncomplete, what = "ATTENDEE;PARTSTAT"));
    }
    Ok(replies)
}

fn value<'a>(component: &'a Component, name: &str) -> Option<&'a str> {
    component
        .properties
        .iter()
        .find(|p| p.name.as_str().eq_ignore_ascii_case(name))
        .map(|p| p.val.as_str().trim())
        .filter(|v| !v.is_empty())
}

fn parameter<'a>(property: &'a Property, key: &str) -> Option<&'a str> {
    property
        .params
        .iter()
        .find(|p| p.key.as_str().eq_ignore_ascii_case(key))
        .and_then(|p| p.val.as_ref())
        .map(|v| v.as_str().trim_matches('"').trim())
        .filter(|v| !v.is_empty())
}

/// An address as compared: without `mailto:`, in lower case.
fn address(uri: &str) -> String {
    let uri = uri.trim().trim_matches('"');
    let bare = if uri.len() >= 7 && uri[..7].eq_ignore_ascii_case("mailto:") {
        &uri[7..]
    } else {
        uri
    };
    bare.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_uid_of_ours_names_its_meeting() {
        assert_eq!(meeting_of_uid(&meeting_uid(5, 42)), Some((5, 42)));
        assert_eq!(meeting_of_uid("abc@example.org"), None);
        assert_eq!(
            meeting_of_uid("tfx-bijeenkomst-1@taskforce-secretariaat.local"),
            None
        );
    }

    #[test]
    fn addresses_compare_without_mailto_and_case() {
        assert_eq!(address("MAILTO:Jan@Politie.NL"), "jan@politie.nl");
        assert_eq!(address("\"mailto:a@b.nl\""), "a@b.nl");
    }
}
