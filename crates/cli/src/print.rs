//! How results look on a terminal; `--json` prints the core's types as they are.

use serde::Serialize;
use taskforce::calendar::{dutch_date, dutch_datetime, to_amsterdam};
use taskforce::domain::*;
use taskforce::error::Field;
use taskforce::msg;
use taskforce::store::CheckReport;
use taskforce::Lang;
use taskforce::{Error, Result};

pub struct Output {
    pub json: bool,
}

impl Output {
    pub fn one<T: Serialize>(&self, value: &T, text: impl Fn(&T) -> String) -> Result<()> {
        if self.json {
            println!("{}", to_json(value)?);
        } else {
            println!("{}", text(value));
        }
        Ok(())
    }

    /// A record taken out: `{"removed": id}` as JSON, a sentence otherwise.
    pub fn removed(&self, id: taskforce::domain::Id) -> Result<()> {
        self.one(&serde_json::json!({ "removed": id }), |_| {
            msg!(CliRemoved, id = id as i32).render(Lang::from_env())
        })
    }

    pub fn list<T: Serialize>(&self, values: &[T], text: impl Fn(&T) -> String) -> Result<()> {
        if self.json {
            println!("{}", to_json(&values)?);
        } else {
            for value in values {
                println!("{}", text(value));
            }
        }
        Ok(())
    }
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string_pretty(value)
        .map_err(|e| Error::validation(Field::Json, msg!(CliJsonFailed, detail = e.to_string())))
}

fn tags(tags: &[Tag]) -> String {
    tags.iter()
        .map(Tag::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn term(t: &Term) -> String {
    format!(
        "termijn {}: {} tot en met {}",
        t.number,
        dutch_date(t.starts_on),
        dutch_date(t.ends_on)
    )
}

pub fn term_view(v: &TermView) -> String {
    let phase = match v.phase {
        TermPhase::Upcoming => "komend",
        TermPhase::Current => "lopend",
        TermPhase::Ended => "afgelopen",
    };
    let mut line = format!("{} ({phase})", term(&v.term));
    for extension in &v.extensions {
        line.push_str(&format!(
            "; {} van {} tot {}",
            if extension.shortened {
                "ingekort"
            } else {
                "verlengd"
            },
            dutch_date(extension.previous_ends_on),
            dutch_date(extension.new_ends_on)
        ));
        if let Some(reference) = &extension.decree.reference {
            line.push_str(&format!(" ({reference})"));
        }
    }
    line
}

pub fn template_item(item: &TemplateItem) -> String {
    format!("{} ({} min)", item.title, item.duration_minutes)
}

pub fn series(preview: &SeriesPreview) -> String {
    let mut lines = Vec::new();
    for date in &preview.dates {
        let mut line = dutch_datetime(date.starts_at);
        if date.moved {
            line.push_str(&format!(
                " — verplaatst van {}",
                dutch_date(date.rhythm_date)
            ));
        }
        if let Some(holiday) = date.holiday {
            line.push_str(&format!(" ({})", holiday.dutch_name()));
        }
        if date.in_break {
            line.push_str(" (zomerreces)");
        }
        if date.clashes {
            line.push_str(" (er is die dag al een bijeenkomst)");
        }
        if date.flagged {
            line.push_str(" [let op]");
        }
        lines.push(line);
    }
    for left in &preview.left_out {
        let why = match left.reason {
            LeftOutReason::BeyondTerm => "na het einde van de termijn",
            LeftOutReason::SameDay => "valt na verplaatsen op een dag die de reeks al heeft",
        };
        lines.push(format!(
            "niet opgenomen: {} ({why})",
            dutch_date(left.rhythm_date)
        ));
    }
    lines.join("\n")
}

pub fn seat(s: &Seat) -> String {
    let mut line = format!("[{}] {}, {}", s.id, s.organisation, s.role);
    if let Some(person) = &s.person {
        line.push_str(&format!(" — {person}"));
    }
    if s.chair {
        line.push_str(" (voorzitter)");
    }
    if let Some(end) = s.ends_on {
        line.push_str(&format!(" — beëindigd per {}", dutch_date(end)));
    }
    line
}

pub fn seat_change(c: &SeatChange) -> String {
    format!(
        "{}: was {}, {}",
        dutch_datetime(c.changed_at),
        c.before.organisation,
        c.before.role
    )
}

pub fn partner(p: &Partner) -> String {
    format!(
        "[{}] {} [{}]",
        p.id,
        p.display_name().render(Lang::Nl),
        tags(&p.tags)
    )
}

pub fn suggestion(s: &PartnerSuggestion) -> String {
    format!(
        "[{}] {} — gedeeld: {}; {} keer uitgenodigd",
        s.partner.id,
        s.partner.display_name().render(Lang::Nl),
        tags(&s.shared_tags),
        s.times_invited
    )
}

pub fn subject(s: &Subject) -> String {
    format!(
        "[{}] {} ({}, {}{}) {} keer centraal [{}]",
        s.id,
        s.title,
        Lang::Nl.name(s.kind),
        Lang::Nl.name(s.status),
        if s.confidential {
            ", vertrouwelijk"
        } else {
            ""
        },
        s.times_central,
        tags(&s.tags)
    ) + if s.archived_at.is_some() {
        " — niet meer actueel"
    } else {
        ""
    }
}

pub fn meeting(m: &MeetingDetail) -> String {
    format!(
        "[{}] TF{} #{} {} — {} — {} — onderwerp: {}",
        m.meeting.id,
        m.term_number,
        m.meeting.number,
        m.date_text,
        if m.meeting.location.is_empty() {
            "(geen locatie)"
        } else {
            &m.meeting.location
        },
        Lang::Nl.name(m.meeting.status),
        m.subject
            .as_ref()
            .map_or("nog geen centraal onderwerp", |s| s.title.as_str())
    )
}

pub fn item(i: &AgendaItem) -> String {
    format!(
        "[{}] {}. {} ({} min){}",
        i.id,
        i.position,
        i.title,
        i.duration_minutes,
        if i.confidential { " vertrouwelijk" } else { "" }
    )
}

pub fn planned_item(p: &PlannedItem) -> String {
    format!(
        "{} {}",
        to_amsterdam(p.starts_at).format("%H.%M"),
        item(&p.item)
    )
}

pub fn invitation(i: &Invitation) -> String {
    format!(
        "[{}] {} — {}",
        i.id,
        i.partner_name.render(Lang::Nl),
        Lang::Nl.name(i.status)
    ) + if i.withdrawn_at.is_some() {
        " (ingetrokken)"
    } else {
        ""
    }
}

pub fn invitation_event(e: &InvitationEvent) -> String {
    format!(
        "{}: {} → {}{}",
        dutch_datetime(e.at),
        e.from.map_or("-".to_string(), |s| Lang::Nl.name(s)),
        Lang::Nl.name(e.to),
        e.reason
            .as_ref()
            .map_or(String::new(), |r| format!(" (correctie: {r})"))
    )
}

pub fn attendance(a: &Attendance) -> String {
    format!(
        "[{}] {}, {}: {}{}",
        a.seat_id,
        a.organisation,
        a.role,
        a.status
            .map_or("niet geregistreerd".to_string(), |s| Lang::Nl.name(s)),
        a.represented_by
            .as_ref()
            .map_or(String::new(), |b| format!(" door {b}"))
    )
}

pub fn minutes(m: &Minutes) -> String {
    let status = match m.adopted_at {
        Some(at) => format!("vastgesteld op {}", dutch_datetime(at)),
        None => "concept".to_string(),
    };
    format!("{status}\n\n{}", m.body)
}

pub fn decision(d: &Decision) -> String {
    let mut line = format!("{} {}", d.code, d.text);
    if let Some(amends) = &d.amends {
        line.push_str(&format!(" (amendeert {})", amends.code));
    }
    for by in &d.amended_by {
        line.push_str(&format!(" (geamendeerd door {})", by.code));
    }
    line
}

pub fn action(a: &ActionItem) -> String {
    format!(
        "[{}] {} — {} — {}{} — {}",
        a.id,
        a.description,
        a.owner_name.render(Lang::Nl),
        a.due_on.map_or("geen deadline".to_string(), dutch_date),
        if a.times_postponed > 0 {
            format!(" ({}x uitgesteld)", a.times_postponed)
        } else {
            String::new()
        },
        Lang::Nl.name(a.status)
    )
}

pub fn action_event(e: &ActionEvent) -> String {
    let mut line = format!("{}: {}", dutch_datetime(e.at), Lang::Nl.name(e.kind));
    if let Some(note) = &e.note {
        line.push_str(&format!(" — {note}"));
    }
    line
}

pub fn hit(h: &SearchHit) -> String {
    format!(
        "{} {}: {} {}",
        Lang::Nl.name(h.kind),
        h.id,
        h.title,
        taskforce::domain::bracketed(&h.snippet)
    )
}

pub fn check(r: &CheckReport) -> String {
    if r.is_ok() {
        format!("in orde (schemaversie {})", r.schema_version)
    } else {
        format!("PROBLEMEN:\n- {}", r.problems.join("\n- "))
    }
}

pub fn linked_document(l: &LinkedDocument) -> String {
    format!(
        "[{}] {} — {} ({}, {} bytes){} (koppeling {})",
        l.document.id,
        l.document.title,
        l.document.original_name,
        Lang::Nl.name(l.document.kind),
        l.document.size,
        if l.confidential { " vertrouwelijk" } else { "" },
        l.link_id
    )
}

pub fn verify(r: &VerifyReport) -> String {
    if r.is_ok() {
        return format!(
            "{} documenten gecontroleerd: alle bestanden in orde",
            r.checked
        );
    }
    let mut lines = vec![format!("{} documenten gecontroleerd:", r.checked)];
    lines.extend(r.missing.iter().map(|m| format!("- ontbreekt: {m}")));
    lines.extend(r.altered.iter().map(|a| format!("- gewijzigd: {a}")));
    lines.join("\n")
}
