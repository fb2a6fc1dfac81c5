//! The audit log: every change appended, chained by hash, never rewritten,
//! and free of erased personal data.

use crate::support::{self, term5};
use taskforce::domain::*;

#[test]
fn every_change_is_logged_with_time_user_and_before_after() {
    let f = term5();
    f.clock.set(support::at(2021, 5, 1, 10, 0));
    let s = support::subject(&f.store, "Loverboys", &["uitbuiting:seksueel"]);
    f.clock.set(support::at(2021, 5, 2, 10, 0));
    f.store
        .set_subject_status(s.id, SubjectStatus::FollowUp)
        .unwrap();
    let history = f.store.history(AuditedRecord::Subjects, s.id).unwrap();
    let actions: Vec<_> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["insert", "update"]);
    assert_eq!(
        history[0].at,
        support::at(2021, 5, 1, 10, 0),
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
    support::subject(&f.store, "A", &[]);
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
fn alter(f: &support::Fixture, sql: &str) {
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

#[test]
fn the_shipped_triggers_are_the_ones_the_declared_list_generates() {
    // Migration 6 installed the triggers of its tables from this generator's
    // output; a fresh database must carry exactly that text.
    let sql = taskforce::store::audited::triggers_sql(
        taskforce::store::audited::AUDITED
            .iter()
            .find(|t| t.table == "term_extensions")
            .unwrap(),
    );
    let migration = include_str!("../../crates/core/src/store/migrations/0006_terms_over_time.sql");
    assert!(
        migration.contains(&sql),
        "migration 6 holds the generated SQL"
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
        std::sync::Arc::new(taskforce::FixedClock::new(support::at(2021, 4, 1, 9, 0)));
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
    store.update_seat(seat.id, &draft).unwrap();
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
