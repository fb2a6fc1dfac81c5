//! The audit log: every change appended, chained by hash, never rewritten,
//! and free of erased personal data.

use taskforce::domain::*;
use taskforce_dev::fixture::{self, term5};

#[test]
fn every_change_is_logged_with_time_user_and_before_after() {
    let f = term5();
    f.clock.set(fixture::at(2021, 5, 1, 10, 0));
    let s = fixture::subject(&f.store, "Loverboys", &["uitbuiting:seksueel"]);
    f.clock.set(fixture::at(2021, 5, 2, 10, 0));
    f.store
        .set_subject_status(s.id, SubjectStatus::FollowUp)
        .unwrap();
    let history = f.store.history(AuditedRecord::Subjects, s.id).unwrap();
    let actions: Vec<_> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["insert", "update"]);
    assert_eq!(
        history[0].at,
        fixture::at(2021, 5, 1, 10, 0),
        "time from the app's clock"
    );
    assert!(!history[0].os_user.is_empty());
    assert!(history[1]
        .before
        .as_deref()
        .unwrap()
        .contains("\"status\":\"proposed\""));
    assert!(history[1]
        .after
        .as_deref()
        .unwrap()
        .contains("\"status\":\"follow_up\""));
    assert!(f.store.check().unwrap().is_ok());
}

#[test]
fn the_log_is_append_only_and_a_rewritten_entry_breaks_the_chain() {
    let f = term5();
    fixture::subject(&f.store, "A", &[]);
    let path = f.dir.path().join("taskforce.sqlite3");
    let conn = rusqlite::Connection::open(&path).unwrap();
    assert!(
        conn.execute("UPDATE audit_log SET os_user = 'x'", [])
            .is_err(),
        "no updates"
    );
    assert!(
        conn.execute("DELETE FROM audit_log", []).is_err(),
        "no deletes"
    );

    // Someone with the file and a SQLite tool drops the guard and rewrites one entry.
    conn.execute_batch(
        "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET after = '{}' WHERE id = 3;",
    )
    .unwrap();
    let report = f.store.check().unwrap();
    assert_eq!(report.audit_broken_at, Some(3));
    assert!(!report.is_ok());
}

#[test]
fn erased_personal_data_is_not_kept_in_the_log() {
    let f = term5();
    let p = f
        .store
        .add_partner(&PartnerDraft {
            organisation: "FNV".into(),
            contact_name: Some("Jan Geheim".into()),
            email: Some("jan.geheim@example.nl".into()),
            phone: None,
            notes: "Slachtoffer van uitbuiting".into(),
            tags: vec![],
        })
        .unwrap();
    f.store.erase_partner(p.id).unwrap();
    let conn = rusqlite::Connection::open(f.dir.path().join("taskforce.sqlite3")).unwrap();
    let leaks: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_log WHERE coalesce(before,'') || coalesce(after,'') LIKE '%Geheim%'
                OR coalesce(before,'') || coalesce(after,'') LIKE '%Slachtoffer%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(leaks, 0);
    assert_eq!(
        f.store
            .history(AuditedRecord::Partners, p.id)
            .unwrap()
            .len(),
        2,
        "the erasure itself is logged"
    );
}

/// Changes the schema behind the store's back, as another program could.
fn alter(f: &fixture::Fixture, sql: &str) {
    let conn = rusqlite::Connection::open(f.dir.path().join("taskforce.sqlite3")).unwrap();
    conn.execute_batch(sql).unwrap();
}

#[test]
fn every_column_of_a_fresh_database_is_logged_or_left_out_with_a_reason() {
    let f = term5();
    let report = f.store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    for table in taskforce::store::audited::AUDITED {
        for (column, reason) in table.left_out {
            assert!(reason.len() > 10, "{}.{column} needs a reason", table.table);
        }
    }
}

#[test]
fn a_new_column_without_audit_is_reported() {
    let f = term5();
    alter(&f, "ALTER TABLE meetings ADD COLUMN notes_for_chair TEXT;");
    let problems = f.store.check().unwrap().problems;
    assert!(
        problems.contains(&"kolom meetings.notes_for_chair wordt niet gelogd".to_string()),
        "{problems:?}"
    );
}

#[test]
fn a_new_table_or_a_changed_trigger_is_reported() {
    let f = term5();
    alter(
        &f,
        "CREATE TABLE working_groups (id INTEGER PRIMARY KEY, name TEXT);
         DROP TRIGGER audit_terms_update;",
    );
    let problems = f.store.check().unwrap().problems;
    assert!(
        problems.contains(&"tabel working_groups wordt niet gelogd".to_string()),
        "{problems:?}"
    );
    assert!(
        problems
            .contains(&"de logtriggers van tabel terms ontbreken of zijn gewijzigd".to_string()),
        "{problems:?}"
    );
}

#[test]
fn every_audited_table_is_a_record_the_history_can_be_asked_for() {
    for table in taskforce::store::audited::AUDITED {
        assert!(AuditedRecord::parse(table.table).is_ok(), "{}", table.table);
    }
    assert_eq!(
        AuditedRecord::ALL.len(),
        taskforce::store::audited::AUDITED.len()
    );
}

/// Migration 12 made every audit trigger anew from the declared list; a
/// fresh database must carry exactly that text. `UPDATE_MIGRATIONS=1`
/// wrote the file once, before it shipped.
#[test]
fn migration_12_is_what_the_declared_list_generates() {
    let generated = taskforce::store::audited::migration_12_sql();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../core/src/store/migrations/0012_audit_keyed.sql"
    );
    if std::env::var_os("UPDATE_MIGRATIONS").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(path).unwrap(),
        generated,
        "migration 12 holds the generated SQL"
    );
}

/// Migration 13 is the SQL `audited::migration_13_sql` generates (its
/// tables' triggers from the declared list).
#[test]
fn migration_13_is_what_the_declared_list_generates() {
    let generated = taskforce::store::audited::migration_13_sql();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../core/src/store/migrations/0013_corrections.sql"
    );
    if std::env::var_os("UPDATE_MIGRATIONS").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(path).unwrap(),
        generated,
        "migration 13 holds the generated SQL"
    );
}

pub(crate) const FREE_TEXT: [&str; 6] = [
    "Zaak Xylofoonhuis",
    "Getuige Kwetsbaarheidsmarker",
    "Besluit over Mevrouw Rozengracht",
    "Bel Meneer Tulpenveld",
    "Agendapunt Zonnebloemstraat",
    "Omdat Lindeboom getuige was",
];

/// Writes each of [`FREE_TEXT`] through the app: a subject (title and
/// description), a decision, an action, an agenda item and the reason a
/// partner was invited.
pub(crate) fn write_free_text(store: &taskforce::Store) -> (Id, Id, Id) {
    let subject = store
        .add_subject(&SubjectDraft {
            title: FREE_TEXT[0].into(),
            kind: SubjectKind::Case,
            description: FREE_TEXT[1].into(),
            confidential: true,
            tags: vec![],
        })
        .unwrap();
    let meeting = fixture::meeting(store, "2021-03-10 14:00").meeting.id;
    store
        .add_agenda_item(
            meeting,
            &AgendaItemDraft {
                kind: AgendaItemKind::Other,
                title: Some(FREE_TEXT[4].into()),
                duration_minutes: 10,
                presenter: None,
                confidential: false,
            },
        )
        .unwrap();
    let partner = fixture::partner(store, "Stichting Voorbeeld", "Anna Partner", &[]);
    let invitation = store.propose_partner(meeting, partner.id).unwrap();
    store
        .set_invitation_reason(invitation.id, FREE_TEXT[5])
        .unwrap();
    store
        .set_meeting_subject(meeting, Some(subject.id))
        .unwrap();
    store.schedule_meeting(meeting).unwrap();
    store.hold_meeting(meeting).unwrap();
    let decision = store.add_decision(meeting, FREE_TEXT[2]).unwrap();
    let action = store
        .add_action(meeting, FREE_TEXT[3], &ActionOwner::Secretariat, None)
        .unwrap();
    (subject.id, decision.id, action.id)
}

fn log_text(path: &std::path::Path) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut statement = conn
        .prepare("SELECT coalesce(before, '') || coalesce(after, '') FROM audit_log")
        .unwrap();
    let rows = statement
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .collect::<rusqlite::Result<Vec<_>>>()
        .unwrap();
    rows.join("\n")
}

#[test]
fn free_text_is_logged_as_its_length_never_verbatim() {
    let f = term5();
    write_free_text(&f.store);
    let log = log_text(f.store.path().unwrap());
    for text in FREE_TEXT {
        assert!(!log.contains(text), "{text} verbatim in the log");
    }
    // A plain folder logs the length alone.
    assert!(
        log.contains(&format!("\"title\":\"{}\"", FREE_TEXT[0].chars().count())),
        "{log}"
    );
    let report = f.store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    assert!(!report.audit_keyed);
    assert!(
        report.notes.iter().any(|n| n.contains("SHA-256")),
        "check says a plain folder's chain can be recomputed: {:?}",
        report.notes
    );
}

#[test]
fn anonymising_replaces_the_text_its_search_entries_and_its_earlier_log_values() {
    let f = term5();
    let (subject, decision, action) = write_free_text(&f.store);
    // An edit: the log now holds two earlier values of the title.
    let current = f.store.subject(subject).unwrap();
    let draft = SubjectDraft {
        title: format!("{} (bijgewerkt)", FREE_TEXT[0]),
        kind: current.kind,
        description: current.description,
        confidential: current.confidential,
        tags: current.tags,
    };
    f.store.update_subject(subject, &draft, None).unwrap();
    assert!(!f.store.search("Xylofoonhuis", 10).unwrap().is_empty());

    f.store.anonymise(Anonymisable::Subject, subject).unwrap();
    f.store.anonymise(Anonymisable::Decision, decision).unwrap();
    f.store.anonymise(Anonymisable::Action, action).unwrap();
    let anonymised = f.store.subject(subject).unwrap();
    assert_eq!(anonymised.title, REDACTION_MARK);
    assert_eq!(anonymised.description, REDACTION_MARK);
    for word in [
        "Xylofoonhuis",
        "Kwetsbaarheidsmarker",
        "Rozengracht",
        "Tulpenveld",
    ] {
        assert!(
            f.store.search(word, 10).unwrap().is_empty(),
            "{word} still found"
        );
    }
    let report = f.store.check().unwrap();
    assert!(
        report.is_ok(),
        "the chain checks out: {:?}",
        report.problems
    );
    // Every earlier value of the title in the log is the mark now.
    let history = f.store.history(AuditedRecord::Subjects, subject).unwrap();
    assert!(history.len() >= 3, "{history:?}");
    for entry in &history {
        for side in [&entry.before, &entry.after].into_iter().flatten() {
            assert!(
                side.contains(&format!("\"title\":\"{REDACTION_MARK}\""))
                    || !side.contains("\"title\""),
                "{side}"
            );
        }
    }
    // One redaction entry per request, naming the record, not the text.
    let path = f.store.path().unwrap().to_path_buf();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let redactions: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_log WHERE table_name = 'audit_log' AND after LIKE '%anonymised%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(redactions, 3);
    assert!(
        conn.execute("DELETE FROM audit_log", []).is_err(),
        "append-only again"
    );
    drop(conn);
    drop(f.store);
    // Nothing of the texts left in the raw files.
    for file in [
        path.clone(),
        std::path::PathBuf::from(format!("{}-wal", path.display())),
    ] {
        let bytes = std::fs::read(&file).unwrap_or_default();
        for word in [
            "Xylofoonhuis",
            "Kwetsbaarheidsmarker",
            "Rozengracht",
            "Tulpenveld",
        ] {
            assert!(
                !bytes.windows(word.len()).any(|w| w == word.as_bytes()),
                "{word} in {}",
                file.display()
            );
        }
    }
}

#[test]
fn erasing_a_partner_clears_why_they_were_invited() {
    let f = term5();
    write_free_text(&f.store);
    let partner = f.store.partners(10, 0).unwrap()[0].clone();
    let meeting = f.store.partner_invitations(partner.id).unwrap()[0].meeting_id;
    f.store.erase_partner(partner.id).unwrap();
    let invitations = f.store.invitations(meeting).unwrap();
    assert!(!invitations.is_empty());
    assert!(
        invitations.iter().all(|i| i.reason.is_empty()),
        "{invitations:?}"
    );
}

/// A database of schema 9, whose audit log still holds the names of seat
/// holders, deputies, stand-ins and presenters and the own names of files,
/// is redacted by migration 10: the names are gone, the chain still checks
/// out, and the redaction is itself on record.
#[test]
fn the_audit_log_keeps_no_personal_data_and_earlier_entries_are_redacted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("taskforce.sqlite3");
    let clock: std::sync::Arc<dyn taskforce::Clock> =
        std::sync::Arc::new(taskforce::FixedClock::new(fixture::at(2021, 4, 1, 9, 0)));
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        taskforce::store::register_audit_functions(&conn, clock.clone()).unwrap();
        taskforce::store::migrate(&mut conn, &taskforce::store::MIGRATIONS[..9]).unwrap();
        conn.execute_batch(
            "INSERT INTO terms (number, starts_on, ends_on, goals) VALUES (5, '2020-03-01', '2023-03-01', '');
             INSERT INTO seats (term_id, position, organisation, role, person, deputy, chair)
                 VALUES (1, 1, 'Politie', 'de korpschef', 'Henk Persoonlijk', 'Ria Vervanger', 0);
             UPDATE seats SET person = 'Henk Persoonlijk-Nieuw' WHERE id = 1;",
        )
        .unwrap();
        let names: i64 = conn
            .query_row(
                "SELECT count(*) FROM audit_log WHERE after LIKE '%Persoonlijk%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(names > 0, "schema 9 logged the names");
    }
    let store = taskforce::Store::open(&path, clock).unwrap();
    let report = store.check().unwrap();
    assert_eq!(report.audit_broken_at, None, "the chain checks out");
    assert!(report.is_ok(), "{:?}", report.problems);
    // New changes leave no names behind either.
    let seat = store.seats(5).unwrap()[0].clone();
    let mut draft = seat.draft();
    draft.person = Some("Henk Persoonlijk-Derde".into());
    store.update_seat(seat.id, &draft, None).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let leaks: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_log
             WHERE coalesce(before, '') || coalesce(after, '') LIKE '%Persoonlijk%'
                OR coalesce(before, '') || coalesce(after, '') LIKE '%Vervanger%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(leaks, 0);
    let redaction: String = conn
        .query_row(
            "SELECT after FROM audit_log WHERE table_name = 'audit_log'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(redaction.contains("seats.person"), "{redaction}");
    // And the log is append-only again.
    assert!(conn.execute("DELETE FROM audit_log", []).is_err());
}

/// The server's audit log is what `audited::server_audit_sql` generates
/// from the same declared list (`UPDATE_MIGRATIONS=1` writes it; the
/// baseline is amended in place until the server backend ships).
#[test]
fn server_audit_is_what_the_declared_list_generates() {
    let generated = taskforce::store::audited::server_audit_sql();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../core/src/store/migrations/postgres/0014_audit.sql"
    );
    if std::env::var_os("UPDATE_MIGRATIONS").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(path).unwrap(),
        generated,
        "the server's audit SQL is the generated one"
    );
}
