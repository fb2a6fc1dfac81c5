//! What the crates' integration tests share: a real SQLite file in a temp
//! dir (or a fresh database on the PostgreSQL test server), a fixed clock, the 5th term with its members, a few records made
//! the way a secretariat makes them, and the real readers exports are
//! checked with (poppler for PDF, Python's readers in `tests/readers/`).
//! Never shipped.
#![allow(clippy::unwrap_used)] // test set-up: a failed step is the failure it reports

use chrono::{DateTime, TimeZone, Utc};
use std::sync::Arc;
use taskforce::calendar::parse_local_datetime;
use taskforce::domain::*;
use taskforce::error::Field;
use taskforce::import::{parse_members, MemberFormat};
use taskforce::store::server::scratch::Scratch;
use taskforce::{FixedClock, Store};
use tempfile::TempDir;

pub struct Fixture {
    pub dir: TempDir,
    pub store: Store,
    pub clock: Arc<FixedClock>,
    /// The server's scratch database, for a fixture on the server; dropped
    /// after the store, which is declared before it.
    pub scratch: Option<Scratch>,
}

impl Fixture {
    /// A second window on the same record: another store on the same file,
    /// or another connection to the same server database.
    pub fn another_window(&self) -> Store {
        match &self.scratch {
            Some(scratch) => Store::open_server(&scratch.address(), self.clock.clone())
                .expect("open on the server"),
            None => Store::open(
                &self.dir.path().join("taskforce.sqlite3"),
                self.clock.clone(),
            )
            .expect("open store"),
        }
    }
}

pub fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("valid test instant")
}

pub fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

/// A fresh database file, with the clock at 1 April 2021.
pub fn empty() -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = Arc::new(FixedClock::new(at(2021, 4, 1, 9, 0)));
    let store =
        Store::open(&dir.path().join("taskforce.sqlite3"), clock.clone()).expect("open store");
    Fixture {
        dir,
        store,
        clock,
        scratch: None,
    }
}

/// A fresh, empty database on the PostgreSQL test server, with the clock at
/// 1 April 2021; `None` where no test server runs (see [`Scratch::create`]).
pub fn empty_on_server() -> Option<Fixture> {
    let scratch = Scratch::create()?;
    let clock = Arc::new(FixedClock::new(at(2021, 4, 1, 9, 0)));
    let store = Store::open_server(&scratch.address(), clock.clone()).expect("open on the server");
    Some(Fixture {
        dir: tempfile::tempdir().expect("temp dir"),
        store,
        clock,
        scratch: Some(scratch),
    })
}

/// Term 5 (2020-03-01 – 2023-03-01) with the 21 seats of the decree.
pub fn term5() -> Fixture {
    with_term5(empty())
}

/// [`term5`] on the PostgreSQL test server.
pub fn term5_on_server() -> Option<Fixture> {
    empty_on_server().map(with_term5)
}

/// Term 5 and its seats added to `f`'s store.
pub fn with_term5(f: Fixture) -> Fixture {
    f.store
        .add_term(&NewTerm {
            number: 5,
            starts_on: day(2020, 3, 1),
            ends_on: day(2023, 3, 1),
            goals: "Integrale aanpak van mensenhandel".into(),
        })
        .expect("term 5");
    let seats =
        parse_members(taskforce::TERM5_MEMBERS, MemberFormat::DecreeText).expect("seed parses");
    f.store.import_seats(5, &seats).expect("seed imports");
    f
}

pub fn subject(store: &Store, title: &str, tags: &[&str]) -> Subject {
    store
        .add_subject(&SubjectDraft {
            title: title.into(),
            kind: SubjectKind::Case,
            description: format!("Beschrijving van {title}"),
            confidential: false,
            tags: parse_tags(tags).expect("tags"),
        })
        .expect("subject")
}

pub fn partner(store: &Store, organisation: &str, contact: &str, tags: &[&str]) -> Partner {
    store
        .add_partner(&PartnerDraft {
            organisation: organisation.into(),
            contact_name: Some(contact.into()),
            email: None,
            phone: None,
            notes: String::new(),
            tags: parse_tags(tags).expect("tags"),
        })
        .expect("partner")
}

/// A concept meeting in term 5 at an Amsterdam wall-clock time, 2 hours long.
pub fn meeting(store: &Store, local_start: &str) -> MeetingDetail {
    let starts_at = parse_local_datetime(Field::Start, local_start).expect("start");
    store
        .add_meeting(
            &MeetingDraft {
                term_number: 5,
                starts_at,
                ends_at: starts_at + chrono::Duration::hours(2),
                location: "Den Haag".into(),
            },
            NewAgenda::FromTemplate,
        )
        .expect("meeting")
}

/// A meeting that took place: subject set, scheduled, held — with the clock
/// moved on to its end when it was earlier, as a meeting is held (and its
/// record written) only once it has begun.
pub fn held_meeting(f: &Fixture, local_start: &str, subject_id: Id) -> MeetingDetail {
    let store = &f.store;
    let m = meeting(store, local_start);
    store
        .set_meeting_subject(m.meeting.id, Some(subject_id))
        .expect("subject");
    store.schedule_meeting(m.meeting.id).expect("schedule");
    f.clock.set(store.now().max(m.meeting.ends_at));
    store.hold_meeting(m.meeting.id).expect("hold")
}

pub fn seat_id(store: &Store, organisation: &str) -> Id {
    store
        .seats(5)
        .expect("seats")
        .into_iter()
        .find(|s| s.organisation.starts_with(organisation))
        .map(|s| s.id)
        .expect("seat exists")
}

/// A small tmpfs mounted at `dir` for as long as the guard lives, to make a
/// disk full or read-only for real. Mounting needs root: CI runs as root and
/// sets TASKFORCE_REQUIRE_TMPFS, so these tests cannot be skipped there;
/// elsewhere `None` means "skip".
pub fn mount_tmpfs(dir: &std::path::Path, size: &str) -> Option<Mounted> {
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(dir)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        assert!(
            std::env::var_os("TASKFORCE_REQUIRE_TMPFS").is_none(),
            "could not mount a tmpfs (root needed)"
        );
        eprintln!("skipped: mounting a tmpfs needs root");
        return None;
    }
    Some(Mounted(dir.to_path_buf()))
}

/// Unmounts its tmpfs when dropped.
pub struct Mounted(std::path::PathBuf);

impl Mounted {
    pub fn remount_read_only(&self) {
        let status = std::process::Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .status();
        assert!(status.is_ok_and(|s| s.success()), "remount read-only");
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

/// Text with every run of white space folded to one space: table cells and
/// line breaks in a PDF's text do not matter to what it says.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Fails unless every item occurs in `text`, in this order.
pub fn assert_in_order(text: &str, expected: &[&str]) {
    let mut from = 0;
    for item in expected {
        let at = text[from..]
            .find(item)
            .unwrap_or_else(|| panic!("'{item}' missing or out of order in:\n{text}"));
        from += at + item.len();
    }
}

/// The first Python that has `module` (pip's or Debian's): the independent
/// readers in `tests/readers/` need icalendar or pypdf.
pub fn python_with(module: &str) -> &'static str {
    ["python3", "/usr/bin/python3"]
        .into_iter()
        .find(|python| {
            std::process::Command::new(python)
                .args(["-c", &format!("import {module}")])
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .unwrap_or("python3")
}

/// Runs a reader from `tests/readers/` on `file` and returns its JSON.
pub fn read_with(reader: &str, module: &str, file: &std::path::Path) -> serde_json::Value {
    read_with_args(reader, module, &[file.as_os_str()])
}

/// Runs a reader from `tests/readers/` with its arguments (the file first)
/// and returns its JSON.
pub fn read_with_args(reader: &str, module: &str, args: &[&std::ffi::OsStr]) -> serde_json::Value {
    let script = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/readers")
        .join(reader);
    let out = std::process::Command::new(python_with(module))
        .arg(script)
        .args(args)
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{reader} failed (scripts/setup installs {module}): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("reader output")
}

/// Runs a writer from `tests/writers/` with a JSON spec: files made by an
/// independent library (as a member's mail program would), for the app to
/// read.
pub fn write_with(writer: &str, module: &str, spec: &serde_json::Value) {
    let script = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/writers")
        .join(writer);
    let out = std::process::Command::new(python_with(module))
        .arg(script)
        .arg(spec.to_string())
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{writer} failed (scripts/setup installs {module}): {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs a poppler tool on `file` (`pdftotext` to stdout) and returns what it printed.
pub fn poppler(tool: &str, args: &[&str], file: &std::path::Path) -> String {
    let out = std::process::Command::new(tool)
        .args(args)
        .arg(file)
        .args(if tool == "pdftotext" {
            vec!["-"]
        } else {
            vec![]
        })
        .output()
        .unwrap_or_else(|e| panic!("{tool} (apt install poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Converts `input` with LibreOffice into `format` (`xlsx`, `ods`, `pdf`)
/// beside it, with a private profile so tests running at the same time do
/// not fight over one profile lock; `infilter` reads a CSV as asked
/// (`CSV:59,34,76,1`: `;`-separated UTF-8). Returns the new file.
pub fn libreoffice_convert(
    input: &std::path::Path,
    format: &str,
    infilter: Option<&str>,
) -> std::path::PathBuf {
    let folder = input.parent().expect("folder");
    let profile = folder.join("lo-profile");
    let mut command = std::process::Command::new("soffice");
    command
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--norestore"]);
    if let Some(filter) = infilter {
        command.arg(format!("--infilter={filter}"));
    }
    let out = command
        .args(["--convert-to", format, "--outdir"])
        .arg(folder)
        .arg(input)
        .output()
        .unwrap_or_else(|e| panic!("soffice (scripts/setup installs LibreOffice): {e}"));
    let converted = input.with_extension(format);
    assert!(
        out.status.success() && converted.exists(),
        "LibreOffice could not convert {}: {}{}",
        input.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    converted
}
