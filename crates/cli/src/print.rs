//! The one way out of the CLI: every result goes through [`Output`], as one
//! JSON document under `--json` or as text for a person otherwise; warnings
//! and errors go to stderr. Records (a term, a seat, a meeting) are written
//! as the secretariat's Dutch record; the CLI's own sentences ("opgeslagen
//! als …", "hersteld") are core messages in the terminal's language, like
//! its errors. `--json` prints the core's types as they are, codes and all.

use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use taskforce::calendar::{dutch_date, dutch_datetime, english_date, to_amsterdam};
use taskforce::domain::*;
use taskforce::error::Field;
use taskforce::message::MessageKey;
use taskforce::msg;
use taskforce::store::CheckReport;
use taskforce::{Error, Lang, Message, Result};

pub struct Output {
    json: bool,
    /// The terminal's language, for the CLI's sentences and warnings.
    pub lang: Lang,
}

impl Output {
    pub fn new(json: bool) -> Output {
        Output {
            json,
            lang: Lang::from_env(),
        }
    }

    /// One record: the value as JSON, or its text line(s).
    pub fn one<T: Serialize>(&self, value: &T, text: impl Fn(&T) -> String) -> Result<()> {
        if self.json {
            stdout(&to_json(value)?)
        } else {
            stdout(&text(value))
        }
    }

    /// What a command did, said in the terminal's language: the value as
    /// JSON, or the sentence.
    pub fn said<T: Serialize>(&self, value: &T, sentence: impl Fn(&T) -> Message) -> Result<()> {
        self.one(value, |v| sentence(v).render(self.lang))
    }

    /// A record taken out: `{"removed": id}` as JSON, a sentence otherwise.
    pub fn removed(&self, id: taskforce::domain::Id) -> Result<()> {
        self.said(&serde_json::json!({ "removed": id }), |_| {
            msg!(CliRemoved, id = id as i32)
        })
    }

    /// A record's free text anonymised: its id as JSON, a sentence otherwise.
    pub fn anonymised(&self, id: taskforce::domain::Id) -> Result<()> {
        self.one(&id, |id| {
            format!(
                "{} ({id})",
                Message::new(MessageKey::CliAnonymised).render(self.lang)
            )
        })
    }

    /// Records, or files written: a JSON array, or one line each.
    pub fn list<T: Serialize>(&self, values: &[T], text: impl Fn(&T) -> String) -> Result<()> {
        if self.json {
            stdout(&to_json(&values)?)
        } else {
            values.iter().try_for_each(|value| stdout(&text(value)))
        }
    }

    /// A file written where the user asked: its path as JSON, "opgeslagen
    /// als PATH" otherwise.
    pub fn saved(&self, path: &Path) -> Result<()> {
        self.said(&path, |p| msg!(CliSavedAs, path = *p))
    }

    /// The meeting pack: where it was saved and the papers that travel
    /// beside it, as their own files.
    pub fn pack_saved(&self, path: &Path, send_separately: &[String]) -> Result<()> {
        if self.json {
            return stdout(&to_json(&serde_json::json!({
                "saved": path,
                "send_separately": send_separately,
            }))?);
        }
        for file in send_separately {
            stdout(&msg!(CliSendSeparately, file = file).render(self.lang))?;
        }
        stdout(&msg!(CliSavedAs, path = path).render(self.lang))
    }

    /// The agenda with planned times, and when it ends.
    pub fn planned_agenda(&self, agenda: &PlannedAgenda) -> Result<()> {
        if self.json {
            return stdout(&to_json(agenda)?);
        }
        self.list(&agenda.items, planned_item)?;
        let end = datetime(self.lang, agenda.ends_at);
        stdout(&msg!(CliPlannedEnd, end = end).render(self.lang))
    }

    /// What the user should know (before sending, say), on stderr.
    pub fn warn(&self, warnings: &[Message]) {
        for warning in warnings {
            self.tell(&msg!(CliNote, warning = warning.clone()));
        }
    }

    /// One line on stderr, beside the result rather than part of it.
    pub fn tell(&self, message: &Message) {
        eprintln!("{}", message.render(self.lang));
    }

    /// `encrypt`'s recovery key, out before the folder is changed: a key
    /// said only at the end would be lost with an encryption cut off half
    /// way, which needs it to finish. As JSON the document is opened with
    /// the key and closed by [`Encrypting::done`] — or, on an error, with
    /// `"encrypted": null` — so stdout still holds one document.
    pub fn encrypting(&self, recovery_key: Option<&str>) -> Result<Encrypting<'_>> {
        let opening = if self.json {
            let key =
                zeroize::Zeroizing::new(serde_json::to_string(&recovery_key).map_err(json_failed)?);
            format!("{{\n  \"recovery_key\": {},", key.as_str())
        } else {
            match recovery_key {
                Some(key) => msg!(CliRecoveryKey, key = key).render(self.lang),
                None => {
                    return Ok(Encrypting {
                        out: self,
                        open: false,
                    })
                }
            }
        };
        stdout(&zeroize::Zeroizing::new(opening))?;
        Ok(Encrypting {
            out: self,
            open: self.json,
        })
    }
}

/// An `encrypt` under way, its recovery key already out.
pub struct Encrypting<'a> {
    out: &'a Output,
    /// A JSON document opened and not yet closed.
    open: bool,
}

/// What encrypting did, as `encrypt --json` says it.
#[derive(Serialize)]
struct Encrypted<'a> {
    documents_sealed: u32,
    backups_encrypted: u32,
    left_plain: &'a [PathBuf],
}

impl Encrypting<'_> {
    pub fn done(mut self, report: &taskforce::store::EncryptionReport) -> Result<()> {
        let out = self.out;
        if self.open {
            let encrypted = to_json(&Encrypted {
                documents_sealed: report.documents_sealed,
                backups_encrypted: report.backups_encrypted,
                left_plain: &report.left_plain,
            })?;
            self.open = false;
            // Indented as a member of the document the opening began.
            return stdout(&format!(
                "  \"encrypted\": {}\n}}",
                encrypted.replace('\n', "\n  ")
            ));
        }
        stdout(
            &msg!(
                CliEncrypted,
                documents = report.documents_sealed,
                backups = report.backups_encrypted
            )
            .render(out.lang),
        )?;
        for left in &report.left_plain {
            stdout(&msg!(CliLeftPlain, path = left).render(out.lang))?;
        }
        Ok(())
    }
}

impl Drop for Encrypting<'_> {
    fn drop(&mut self) {
        if self.open {
            // The error itself goes to stderr; a stdout that cannot be
            // written to has nothing left to close.
            let _ = stdout("  \"encrypted\": null\n}");
        }
    }
}

/// An error, as one line on stderr in the terminal's language.
pub fn error(error: &Error) {
    let lang = Lang::from_env();
    eprintln!("{}", msg!(CliError, message = error.message()).render(lang));
}

/// A line on stdout. A closed pipe (`| head`) or a full disk is an I/O
/// error like any other, not a panic.
fn stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}")
        .and_then(|()| out.flush())
        .map_err(|e| Error::io(MessageKey::CliOutputFailed, "stdout", e))
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string_pretty(value).map_err(json_failed)
}

fn json_failed(e: serde_json::Error) -> Error {
    Error::validation(Field::Json, msg!(CliJsonFailed, detail = e.to_string()))
}

/// A moment in Amsterdam time, as the terminal's language writes it.
fn datetime(lang: Lang, instant: chrono::DateTime<chrono::Utc>) -> String {
    match lang {
        Lang::Nl => dutch_datetime(instant),
        Lang::En => {
            let local = to_amsterdam(instant);
            format!("{}, {}", english_date(local.date()), local.format("%H:%M"))
        }
    }
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

pub fn seat_reply(r: &SeatReply) -> String {
    format!(
        "[{}] {}, {}{}: {}{}{}",
        r.seat_id,
        r.organisation,
        r.role,
        if r.chair { " (voorzitter)" } else { "" },
        r.reply
            .map_or("geen reactie".to_string(), |reply| Lang::Nl.name(reply)),
        r.substitute
            .as_ref()
            .map_or(String::new(), |s| format!(" {s}")),
        r.replied_on
            .map_or(String::new(), |d| format!(" ({})", d.format("%d-%m-%Y")))
    )
}

/// Who is expected, from the replies: one line.
pub fn expected(lang: Lang, e: &Expected) -> String {
    msg!(
        CliExpected,
        coming = e.coming,
        substituted = e.substituted,
        apologies = e.apologies,
        no_reply = e.no_reply
    )
    .render(lang)
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

pub fn check(lang: Lang, r: &CheckReport) -> String {
    if r.is_ok() {
        msg!(CliCheckOk, version = r.schema_version).render(lang)
    } else {
        format!(
            "{}\n- {}",
            Message::new(MessageKey::CliCheckProblems).render(lang),
            r.problems.join("\n- ")
        )
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

pub fn verify(lang: Lang, r: &VerifyReport) -> String {
    if r.is_ok() {
        return msg!(CliVerifyOk, checked = r.checked).render(lang);
    }
    let mut lines = vec![msg!(CliVerifyChecked, checked = r.checked).render(lang)];
    lines.extend(
        r.missing
            .iter()
            .map(|m| format!("- {}", msg!(CliVerifyMissing, name = m).render(lang))),
    );
    lines.extend(
        r.altered
            .iter()
            .map(|a| format!("- {}", msg!(CliVerifyAltered, name = a).render(lang))),
    );
    lines.join("\n")
}

/// What became of each calendar reply read, file by file, and the count.
pub fn reply_readings(lang: Lang, r: &ReplyReadings) -> String {
    let mut lines: Vec<String> = r
        .readings
        .iter()
        .map(|reading| {
            let mark = match reading.outcome {
                ReplyOutcome::Registered => "+",
                ReplyOutcome::Unchanged => "=",
                _ => "!",
            };
            format!("{mark} {}: {}", reading.file, reading.note.render(lang))
        })
        .collect();
    lines.push(
        msg!(
            CliRepliesRead,
            registered = r.registered,
            to_check = r.to_check
        )
        .render(lang),
    );
    lines.join("\n")
}

/// Where the minutes are: the stage, each round and each comment.
pub fn minutes_cycle(lang: Lang, c: &MinutesCycle) -> String {
    let date = |d: chrono::NaiveDate| match lang {
        Lang::Nl => dutch_date(d),
        Lang::En => english_date(d),
    };
    let mut lines = vec![msg!(CliMinutesStage, stage = c.stage).render(lang)];
    if let (Some(on), Some(at)) = (c.adopted_on, c.adopted_in_meeting_on) {
        lines[0] = format!("{}: {} ({})", lines[0], date(on), date(at));
    }
    for round in &c.rounds {
        lines.push(
            msg!(
                CliMinutesRound,
                sent = round.sent_on,
                by = round.comments_by
            )
            .render(lang),
        );
    }
    for comment in &c.comments {
        lines.push(format!(
            "{} ({}): {}",
            comment.organisation,
            date(comment.received_on),
            comment.comment
        ));
    }
    lines.join("\n")
}

/// The preview: the mapping, then each row with its number and what it
/// is (new, a duplicate, refused and why).
pub fn import_preview(lang: Lang, p: &ImportPreview) -> String {
    let mapping: Vec<String> = p
        .headings
        .iter()
        .zip(&p.mapping)
        .map(|(h, f)| format!("{h} → {}", f.map_or("-", |f| f.code())))
        .collect();
    let mut lines = vec![mapping.join(", ")];
    for row in &p.rows {
        let what = match (&row.problem, &row.duplicate_of) {
            (Some(problem), _) => format!("! {}", problem.render(lang)),
            (None, Some(DuplicateOf::Record { name, .. })) => {
                msg!(CliImportDuplicateRecord, name = name.as_str()).render(lang)
            }
            (None, Some(DuplicateOf::Row { number })) => {
                msg!(CliImportDuplicateRow, number = *number).render(lang)
            }
            (None, None) => "+".to_string(),
        };
        lines.push(format!("{}: {} {what}", row.number, row.cells.join(" | ")));
    }
    lines.push(
        msg!(
            CliImportCounts,
            new = p.new,
            duplicates = p.duplicates,
            refused = p.refused
        )
        .render(lang),
    );
    lines.join("\n")
}

pub fn import_done(lang: Lang, d: &ImportDone) -> String {
    msg!(
        CliImportDone,
        added = d.added,
        merged = d.merged,
        skipped = d.skipped
    )
    .render(lang)
}
