//! Exports checked by independent readers: `.ics` by Python's `icalendar`,
//! CSV by a CSV parser with `;` and the BOM.

use std::path::Path;
use taskforce::domain::*;
use taskforce::error::Field;
use taskforce::ErrorCode;
use taskforce_dev::fixture::{self, held_meeting, meeting, subject, term5};
use taskforce_export::{ics, lists, write_atomically};

fn read_ics(path: &Path) -> serde_json::Value {
    fixture::read_with("ics_events.py", "icalendar", path)
}

#[test]
fn a_meeting_calendar_has_utc_times_our_prodid_and_a_stable_uid() {
    let f = term5();
    let s = subject(&f.store, "Coördinatie – „tuinbouw”", &[]);
    let m = meeting(&f.store, "2021-05-12 14:00");
    f.store
        .set_meeting_subject(m.meeting.id, Some(s.id))
        .unwrap();
    f.store.schedule_meeting(m.meeting.id).unwrap();
    let first = f.dir.path().join("eerste.ics");
    write_atomically(
        &first,
        ics::meeting_ics(&f.store, m.meeting.id).unwrap().as_bytes(),
    )
    .unwrap();
    let parsed = read_ics(&first);
    assert_eq!(parsed["prodid"], ics::PRODID);
    let event = &parsed["events"][0];
    assert_eq!(
        event["start"], "2021-05-12T12:00:00+00:00",
        "14.00 Amsterdam is 12.00 UTC in May"
    );
    assert_eq!(event["end"], "2021-05-12T14:00:00+00:00");
    assert_eq!(event["status"], "CONFIRMED");
    assert_eq!(
        event["summary"],
        "Task Force Aanpak Mensenhandel: Coördinatie – „tuinbouw”"
    );
    assert_eq!(event["location"], "Den Haag");
    assert!(event["description"]
        .as_str()
        .unwrap()
        .contains("14.35 5. Centraal onderwerp"));

    // Moved: same UID, higher SEQUENCE, so calendars update the event.
    let start =
        taskforce::calendar::parse_local_datetime(Field::Start, "2021-05-19 10:00").unwrap();
    f.store
        .reschedule_meeting(
            m.meeting.id,
            start,
            start + chrono::Duration::hours(2),
            None,
            None,
        )
        .unwrap();
    let second = f.dir.path().join("tweede.ics");
    write_atomically(
        &second,
        ics::meeting_ics(&f.store, m.meeting.id).unwrap().as_bytes(),
    )
    .unwrap();
    let moved = &read_ics(&second)["events"][0];
    assert_eq!(moved["uid"], event["uid"]);
    assert_eq!(moved["sequence"], 1);
    assert_eq!(moved["start"], "2021-05-19T08:00:00+00:00");
}

#[test]
fn a_term_calendar_lists_every_meeting_and_marks_cancelled_ones() {
    let f = term5();
    let secret = f
        .store
        .add_subject(&SubjectDraft {
            title: "Zaak Rahul".into(),
            kind: SubjectKind::Case,
            description: String::new(),
            confidential: true,
            tags: vec![],
        })
        .unwrap();
    held_meeting(&f, "2021-02-10 14:00", secret.id);
    let cancelled = meeting(&f.store, "2021-06-09 14:00");
    f.store.cancel_meeting(cancelled.meeting.id).unwrap();
    let path = f.dir.path().join("termijn.ics");
    let text = ics::term_ics(&f.store, 5).unwrap();
    assert!(
        !text.contains("Rahul"),
        "a confidential subject stays out of the calendar"
    );
    write_atomically(&path, text.as_bytes()).unwrap();
    let events = read_ics(&path)["events"].as_array().unwrap().clone();
    assert_eq!(events.len(), 2);
    assert_eq!(events[1]["status"], "CANCELLED");
    assert_ne!(events[0]["uid"], events[1]["uid"]);
}

#[test]
fn csv_lists_open_in_dutch_spreadsheets() {
    let f = term5();
    let s = subject(&f.store, "Coördinatie", &[]);
    let m = held_meeting(&f, "2021-05-12 14:00", s.id);
    f.store
        .add_decision(m.meeting.id, "Een werkgroep „ketenregie” – met ë")
        .unwrap();
    f.store
        .add_action(
            m.meeting.id,
            "Notitie opstellen",
            &ActionOwner::Secretariat,
            Some(fixture::day(2021, 6, 1)),
        )
        .unwrap();
    for (name, bytes, expected_rows) in [
        ("leden.csv", lists::seats(&f.store, 5).unwrap(), 21),
        ("besluiten.csv", lists::decisions(&f.store, 5).unwrap(), 1),
        ("acties.csv", lists::actions(&f.store, None).unwrap(), 1),
        ("partners.csv", lists::partners(&f.store).unwrap(), 0),
        ("onderwerpen.csv", lists::subjects(&f.store).unwrap(), 1),
    ] {
        assert!(
            bytes.starts_with("\u{feff}".as_bytes()),
            "{name}: BOM for Excel"
        );
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), expected_rows, "{name}");
        if name == "besluiten.csv" {
            assert_eq!(&rows[0][0], "TF5-2021-01");
            assert_eq!(&rows[0][1], "12-05-2021", "Dutch date");
            assert_eq!(
                &rows[0][2], "Een werkgroep „ketenregie” – met ë",
                "characters survive"
            );
        }
        if name == "acties.csv" {
            assert_eq!(&rows[0][2], "01-06-2021");
            assert_eq!(&rows[0][3], "open");
        }
        if name == "onderwerpen.csv" {
            // Statuses and kinds by their Dutch names, not the stored codes.
            assert_eq!(&rows[0][1], "casus");
            assert_eq!(&rows[0][2], "besproken");
        }
        if name == "leden.csv" {
            assert_eq!(&rows[0][5], "ja", "the chair");
        }
    }
}

#[test]
fn an_unwritable_target_gives_a_clear_error_and_leaves_no_partial_file() {
    let f = term5();
    let missing = f.dir.path().join("bestaat-niet").join("agenda.ics");
    let err = write_atomically(&missing, b"BEGIN:VCALENDAR").unwrap_err();
    assert_eq!(err.code(), ErrorCode::Io);
    assert!(
        err.to_string().contains("kan het bestand niet opslaan"),
        "{err}"
    );
    // A directory in the way: the rename fails, the temp file is removed.
    let blocked = f.dir.path().join("map.ics");
    std::fs::create_dir(&blocked).unwrap();
    assert_eq!(
        write_atomically(&blocked, b"x").unwrap_err().code(),
        ErrorCode::Io
    );
    let stray: Vec<_> = std::fs::read_dir(f.dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(stray.is_empty(), "no partial file left");
}
