//! The record on a real PostgreSQL server (the one `scripts/test` starts):
//! its schema equal to the file's, migrations only by the owner and never
//! over a newer or foreign database, and a secretariat's year giving the
//! same answers as on the file.

use std::collections::BTreeMap;
use taskforce::domain::*;
use taskforce::store::server::scratch::Scratch;
use taskforce::{Error, ErrorCode, Store};
use taskforce_dev::fixture::{self, held_meeting, meeting, partner, seat_id, subject, Fixture};

/// One column as both schemas describe it.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Column {
    name: String,
    kind: String,
    not_null: bool,
    default: Option<String>,
}

/// The file's tables (without SQLite's own and the FTS index, which the
/// server keeps as a column of its own), their columns in order.
fn file_schema(path: &std::path::Path) -> BTreeMap<String, Vec<Column>> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
              AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index%'",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables
        .into_iter()
        .map(|table| {
            let columns = conn
                .prepare("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?1) ORDER BY cid")
                .unwrap()
                .query_map([&table], |r| {
                    let kind: String = r.get(1)?;
                    Ok(Column {
                        name: r.get(0)?,
                        kind: kind.to_lowercase(),
                        not_null: r.get::<_, bool>(2)? || r.get::<_, i64>(4)? > 0,
                        default: r.get(3)?,
                    })
                })
                .unwrap()
                .map(Result::unwrap)
                .collect();
            (table, columns)
        })
        .collect()
}

/// The server's tables, their columns in order, in the file's words
/// (`bigint` is the file's `integer`; a literal default without its cast).
fn server_schema(client: &mut postgres::Client) -> BTreeMap<String, Vec<Column>> {
    let mut tables: BTreeMap<String, Vec<Column>> = BTreeMap::new();
    for row in client
        .query(
            "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text,
                    column_default::text
               FROM information_schema.columns
              WHERE table_schema = current_schema() AND table_name <> 'schema_version'
                AND table_name NOT LIKE 'search_index%'
                -- Documents' content: files in the folder, chunks on the server.
                AND table_name <> 'document_chunks'
                -- Undo's journal: a temporary table of the file's connection.
                AND table_name <> 'undo_journal'
              ORDER BY table_name, ordinal_position",
            &[],
        )
        .unwrap()
    {
        let kind: String = row.get(2);
        let default: Option<String> = row.get(4);
        tables.entry(row.get(0)).or_default().push(Column {
            name: row.get(1),
            kind: if kind == "bigint" {
                "integer".into()
            } else {
                kind
            },
            not_null: row.get::<_, String>(3) == "NO",
            default: default.map(|d| d.trim_end_matches("::text").to_string()),
        });
    }
    tables
}

fn index_names_of_file(path: &std::path::Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    names.sort();
    names
}

fn index_names_of_server(client: &mut postgres::Client) -> Vec<String> {
    // Keys and unique constraints are indexes on the server, columns'
    // declarations in the file: both compared through the columns above.
    let mut names: Vec<String> = client
        .query(
            "SELECT indexname::text FROM pg_indexes WHERE schemaname = current_schema()
               AND indexname NOT LIKE '%\\_pkey' AND indexname NOT LIKE '%\\_key'
               AND indexname NOT LIKE 'search\\_index%'
               AND tablename <> 'undo_journal'",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    names.sort();
    names
}

/// (table, column) → (referenced table, column, on delete) of every
/// foreign key.
fn file_foreign_keys(path: &std::path::Path) -> Vec<(String, String, String, String, String)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut keys: Vec<_> = conn
        .prepare(
            "SELECT m.name, f.\"from\", f.\"table\", f.\"to\", f.on_delete
               FROM sqlite_master m, pragma_foreign_key_list(m.name) f
              WHERE m.type = 'table'",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get::<_, String>(4)?.to_lowercase(),
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    keys.sort();
    keys
}

fn server_foreign_keys(
    client: &mut postgres::Client,
) -> Vec<(String, String, String, String, String)> {
    let mut keys: Vec<_> = client
        .query(
            "SELECT c.conrelid::regclass::text, a.attname::text, c.confrelid::regclass::text,
                    b.attname::text,
                    CASE c.confdeltype WHEN 'c' THEN 'cascade' ELSE 'no action' END
               FROM pg_constraint c
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
               JOIN pg_attribute b ON b.attrelid = c.confrelid AND b.attnum = c.confkey[1]
              WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4)))
        .collect();
    keys.sort();
    keys
}

#[test]
fn the_server_schema_equals_the_file_schema_table_by_table() {
    let Some(server) = fixture::empty_on_server() else {
        return;
    };
    let file = fixture::empty();
    let path = file.dir.path().join("taskforce.sqlite3");
    let scratch = server.scratch.as_ref().unwrap();
    let mut client = scratch.client();

    let (ours, theirs) = (file_schema(&path), server_schema(&mut client));
    assert_eq!(
        ours.keys().collect::<Vec<_>>(),
        theirs.keys().collect::<Vec<_>>(),
        "the same tables"
    );
    for (table, columns) in &ours {
        assert_eq!(columns, &theirs[table], "the columns of {table}");
    }
    assert_eq!(
        index_names_of_file(&path),
        index_names_of_server(&mut client),
        "the same indexes"
    );
    assert_eq!(
        file_foreign_keys(&path),
        server_foreign_keys(&mut client),
        "the same foreign keys"
    );
}

#[test]
fn the_schema_is_made_once_and_a_second_start_changes_nothing() {
    let Some(scratch) = Scratch::create() else {
        return;
    };
    let clock = std::sync::Arc::new(taskforce::FixedClock::new(fixture::at(2026, 12, 7, 9, 0)));
    drop(Store::open_server(&scratch.address(), clock.clone()).unwrap());
    drop(Store::open_server(&scratch.address(), clock).unwrap());
    let mut client = scratch.client();
    let runs: Vec<(i64, String, String)> = client
        .query(
            "SELECT version, name, migrated_by FROM schema_version ORDER BY version",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    let owner = std::env::var("PGUSER").unwrap_or_else(|_| "postgres".into());
    assert_eq!(
        runs,
        vec![
            (14, "0014_baseline".to_string(), owner.clone()),
            (15, "0015_audit_recorded_at".to_string(), owner.clone()),
            (16, "0016_replies".to_string(), owner.clone()),
            (17, "0017_minutes_round".to_string(), owner.clone()),
            (18, "0018_reminders".to_string(), owner.clone()),
            (19, "0019_agenda_item_links".to_string(), owner.clone()),
            (20, "0020_import_layouts".to_string(), owner)
        ]
    );
}

#[test]
fn a_newer_or_foreign_database_on_the_server_is_refused_and_left_alone() {
    let Some(scratch) = Scratch::create() else {
        return;
    };
    let clock = std::sync::Arc::new(taskforce::FixedClock::new(fixture::at(2026, 12, 7, 9, 0)));
    drop(Store::open_server(&scratch.address(), clock.clone()).unwrap());
    let mut client = scratch.client();
    client
        .batch_execute("INSERT INTO schema_version (version, name) VALUES (99, 'the future')")
        .unwrap();
    let error = Store::open_server(&scratch.address(), clock.clone()).unwrap_err();
    assert_eq!(error.code(), ErrorCode::Incompatible, "{error:?}");
    assert!(error.to_string().contains("99"), "{error}");
    let newest: i64 = client
        .query_one("SELECT max(version) FROM schema_version", &[])
        .unwrap()
        .get(0);
    assert_eq!(newest, 99, "left as it was");

    let Some(other) = Scratch::create() else {
        return;
    };
    let mut client = other.client();
    client
        .batch_execute(
            "CREATE TABLE invoices (id bigint PRIMARY KEY); INSERT INTO invoices VALUES (7)",
        )
        .unwrap();
    let error = Store::open_server(&other.address(), clock).unwrap_err();
    assert_eq!(error.code(), ErrorCode::Incompatible, "{error:?}");
    let tables: i64 = client
        .query_one(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(
        tables, 1,
        "nothing was added to another application's database"
    );
}

#[test]
fn only_the_owner_of_the_database_brings_its_schema_up_to_date() {
    let Some(scratch) = Scratch::create() else {
        return;
    };
    let clock = std::sync::Arc::new(taskforce::FixedClock::new(fixture::at(2026, 12, 7, 9, 0)));
    let clerk = scratch.address_as("taskforce_test_clerk");
    let error = Store::open_server(&clerk, clock.clone()).unwrap_err();
    assert_eq!(error.code(), ErrorCode::Incompatible, "{error:?}");
    let owner = std::env::var("PGUSER").unwrap_or_else(|_| "postgres".into());
    assert!(
        error.to_string().contains(&owner),
        "names the owner: {error}"
    );
    assert!(
        scratch
            .client()
            .query_opt("SELECT to_regclass('schema_version')::text", &[])
            .unwrap()
            .and_then(|r| r.get::<_, Option<String>>(0))
            .is_none(),
        "nothing made"
    );

    // Once the owner has, a colleague let into the database works in the
    // record — and cannot touch the log, the index or the schema.
    drop(Store::open_server(&scratch.address(), clock.clone()).unwrap());
    let store = Store::open_server(&clerk, clock.clone()).unwrap();
    let made = subject(&store, "Casus van de griffier", &[]);
    assert_eq!(
        store
            .history(AuditedRecord::Subjects, made.id)
            .unwrap()
            .last()
            .unwrap()
            .os_user,
        "taskforce_test_clerk"
    );
    assert_eq!(store.search("griffier", 10).unwrap().len(), 1);
    let mut direct = postgres::Client::connect(&clerk, postgres::NoTls).unwrap();
    for refused in [
        "UPDATE audit_log SET os_user = 'iemand'",
        "INSERT INTO audit_log (id, at, os_user, table_name, row_id, action, prev_hash, hash)
         VALUES (999, 'nu', 'iemand', 'subjects', 1, 'insert', '', '')",
        "DELETE FROM search_index",
        "UPDATE schema_version SET version = 99",
        "DROP TABLE subjects",
        "ALTER TABLE subjects ADD COLUMN x text",
        "CREATE TABLE eigen (id bigint)",
        // A temporary table of one's own could stand in for the log in a
        // definer function's search; the index is written only by triggers.
        "CREATE TEMP TABLE audit_log (id bigint)",
        "SELECT search_index_put(1, 'x', 'y')",
        // The undo journal is reached only through its functions, and
        // the server's own time of an entry is the server's.
        "SELECT * FROM undo_journal",
        "INSERT INTO undo_journal (tbl, key) VALUES ('subjects', '{}')",
        "UPDATE audit_log SET recorded_at = '2020-01-01T00:00:00Z'",
    ] {
        let error = direct.batch_execute(refused).unwrap_err();
        let state = error.code().map(|c| c.code().to_string());
        assert!(
            matches!(state.as_deref(), Some("42501")),
            "{refused}: {error:?}"
        );
    }

    // A login the administrator has not let in is told so.
    let outsider = scratch.address_without_access("taskforce_test_outsider");
    let error = Store::open_server(&outsider, clock).unwrap_err();
    assert!(matches!(error, Error::Io { .. }), "{error:?}");
    assert!(error.to_string().contains("rechten"), "{error}");
}

#[test]
fn a_server_that_cannot_be_reached_or_a_bad_address_is_a_clear_error() {
    let clock = std::sync::Arc::new(taskforce::FixedClock::new(fixture::at(2026, 12, 7, 9, 0)));
    let error =
        Store::open_server("postgres://nobody@127.0.0.1:1/none", clock.clone()).unwrap_err();
    assert!(matches!(error, Error::Io { .. }), "{error:?}");
    assert!(error.to_string().contains("niet bereikbaar"), "{error}");
    let error = Store::open_server("postgres://[niet een adres", clock).unwrap_err();
    assert_eq!(error.code(), ErrorCode::Validation, "{error:?}");
}

/// What a secretariat does in a year, written down as the store answers
/// it — without ids, which the server hands out its own way (a refused
/// insert uses up a sequence number there, never in the file).
pub(crate) fn a_year(f: &Fixture) -> Vec<String> {
    let store = &f.store;
    let mut said = Vec::new();
    let mut say = |line: String| said.push(line);

    let casus = subject(
        store,
        "Casus Rotterdam haven",
        &["sector:havens", "exploitation:arbeid"],
    );
    let thema = subject(
        store,
        "Loverboys online",
        &["exploitation:seksueel", "Sector:Havens"],
    );
    let imec = partner(store, "Inspectie SZW", "J. de Vries", &["sector:havens"]);
    partner(store, "Arbeidsinspectie", "A. Bakker", &[]);
    say(format!("tags of {}: {:?}", thema.title, thema.tags));

    let first = held_meeting(f, "2021-02-10 14:00", casus.id);
    say(format!(
        "first: {:?} on {} with {} agenda items",
        first.meeting.status,
        first.meeting.starts_at,
        store.agenda(first.meeting.id).unwrap().len()
    ));
    store
        .set_minutes(first.meeting.id, "## Verslag\n\nDe voorzitter opent.", None)
        .unwrap();
    let chair = seat_id(store, "Nationaal Rapporteur");
    store
        .set_attendance(first.meeting.id, chair, AttendanceStatus::Present, None)
        .unwrap();
    let represented = store
        .set_attendance(
            first.meeting.id,
            seat_id(store, "Openbaar Ministerie"),
            AttendanceStatus::Represented,
            Some("mr. Jansen"),
        )
        .unwrap();
    say(format!("attendance: {}", represented.len()));
    let decision = store
        .add_decision(
            first.meeting.id,
            "De taskforce stelt een werkgroep havens in.",
        )
        .unwrap();
    say(format!("decision {}", decision.code));
    let action = store
        .add_action(
            first.meeting.id,
            "Werkgroep samenstellen",
            &ActionOwner::Seat(chair),
            Some(fixture::day(2021, 3, 1)),
        )
        .unwrap();
    store
        .postpone_action(action.id, fixture::day(2021, 4, 15))
        .unwrap();

    let next = meeting(store, "2021-05-12 14:00");
    store
        .set_meeting_subject(next.meeting.id, Some(thema.id))
        .unwrap();
    let invitation = store.propose_partner(next.meeting.id, imec.id).unwrap();
    store
        .set_invitation_status(invitation.id, InvitationStatus::Invited, None)
        .unwrap();
    store.schedule_meeting(next.meeting.id).unwrap();
    say(format!(
        "to adopt at the next: {}",
        store.minutes_to_adopt(next.meeting.id).unwrap() == Some(first.meeting.id)
    ));

    let overview = store.overview().unwrap();
    say(format!(
        "overview: term {:?}, next {:?}, unanswered {}, to adopt {}, missing {}, overdue {}, held {}, planned {}, elapsed {}%",
        overview.term.map(|t| t.number),
        overview.next_meeting.map(|m| m.meeting.starts_at),
        overview.unanswered_invitations,
        overview.minutes_to_adopt.len(),
        overview.minutes_missing.len(),
        overview.overdue_total,
        overview.meetings_held,
        overview.meetings_planned,
        overview.term_elapsed_percent
    ));

    f.clock.set(fixture::at(2021, 5, 12, 13, 30));
    store
        .adopt_minutes(first.meeting.id, next.meeting.id)
        .unwrap();
    let refused = store
        .set_minutes(first.meeting.id, "gewijzigd", None)
        .unwrap_err();
    say(format!("changing adopted minutes: {:?}", refused.code()));
    let twice = store
        .add_term(&NewTerm {
            number: 5,
            starts_on: fixture::day(2024, 1, 1),
            ends_on: fixture::day(2025, 1, 1),
            goals: String::new(),
        })
        .unwrap_err();
    say(format!("a second term 5: {:?} {}", twice.code(), twice));

    for s in store.subjects(&SubjectFilter::default()).unwrap() {
        say(format!(
            "subject {} {:?} central {}",
            s.title, s.status, s.times_central
        ));
    }
    for a in store.actions(&ActionFilter::default()).unwrap() {
        say(format!(
            "action {} due {:?} postponed {}",
            a.description, a.due_on, a.times_postponed
        ));
    }
    for p in store.partners(50, 0).unwrap() {
        say(format!("partner {} {:?}", p.organisation, p.tags));
    }
    for m in store.meetings(5).unwrap() {
        say(format!(
            "meeting {} {:?}",
            m.meeting.starts_at, m.meeting.status
        ));
    }
    say(format!("seats: {}", store.seats(5).unwrap().len()));
    said
}

#[test]
fn a_year_of_meetings_gives_the_same_answers_on_the_server_as_on_the_file() {
    let Some(server) = fixture::term5_on_server() else {
        return;
    };
    let on_file = a_year(&fixture::term5());
    let on_server = a_year(&server);
    assert_eq!(on_file, on_server);
    assert!(on_file.len() > 15, "{on_file:#?}");
}

/// How many entries the audit log holds per table and action.
fn entries_of_file(path: &std::path::Path) -> BTreeMap<(String, String), i64> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut statement = conn
        // The file's log opens with entries of its own (its migrations
        // computed the chain anew); the server's schema starts where those
        // ended.
        .prepare(
            "SELECT table_name, action, count(*) FROM audit_log
              WHERE table_name <> 'audit_log' GROUP BY 1, 2",
        )
        .unwrap();
    let entries = statement
        .query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    entries
}

fn entries_of_server(client: &mut postgres::Client) -> BTreeMap<(String, String), i64> {
    client
        .query(
            "SELECT table_name, action, count(*) FROM audit_log GROUP BY 1, 2",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| ((r.get(0), r.get(1)), r.get(2)))
        .collect()
}

fn json(text: &Option<String>) -> Option<serde_json::Value> {
    text.as_deref().map(|t| serde_json::from_str(t).unwrap())
}

#[test]
fn every_change_on_the_server_is_logged_as_on_the_file_and_checks_out_with_the_same_verifier() {
    let Some(server) = fixture::term5_on_server() else {
        return;
    };
    let file = fixture::term5();
    a_year(&file);
    a_year(&server);
    let mut client = server.scratch.as_ref().unwrap().client();
    let on_file = entries_of_file(&file.dir.path().join("taskforce.sqlite3"));
    assert!(on_file.len() > 10, "{on_file:?}");
    assert_eq!(on_file, entries_of_server(&mut client));

    assert_eq!(file.store.audit_broken_at().unwrap(), None);
    assert_eq!(server.store.audit_broken_at().unwrap(), None);

    // The same entry, field for field: free text as its length (no folder
    // key on the server), the app's clock, and the login as the user.
    let subject = server
        .store
        .subjects(&SubjectFilter::default())
        .unwrap()
        .into_iter()
        .find(|s| s.title == "Casus Rotterdam haven")
        .unwrap();
    let ours = file
        .store
        .history(AuditedRecord::Subjects, subject.id)
        .unwrap();
    let theirs = server
        .store
        .history(AuditedRecord::Subjects, subject.id)
        .unwrap();
    assert_eq!(ours.len(), theirs.len());
    for (a, b) in ours.iter().zip(&theirs) {
        assert_eq!((a.at, &a.action), (b.at, &b.action));
        assert_eq!(json(&a.before), json(&b.before));
        assert_eq!(json(&a.after), json(&b.after));
    }
    assert_eq!(theirs[0].at, fixture::at(2021, 4, 1, 9, 0));
    let login = std::env::var("PGUSER").unwrap_or_else(|_| "postgres".into());
    assert!(theirs.iter().all(|e| e.os_user == login), "{theirs:?}");
    assert!(
        !theirs[0].after.as_deref().unwrap().contains("Rotterdam"),
        "free text is never in the log"
    );
}

#[test]
fn the_servers_audit_log_is_append_only_and_a_changed_entry_is_found() {
    let Some(f) = fixture::term5_on_server() else {
        return;
    };
    subject(&f.store, "Casus A", &[]);
    let mut client = f.scratch.as_ref().unwrap().client();
    for refused in [
        "UPDATE audit_log SET os_user = 'iemand' WHERE id = 3",
        "DELETE FROM audit_log WHERE id = 3",
        "TRUNCATE audit_log",
    ] {
        let error = client.batch_execute(refused).unwrap_err();
        assert!(
            error
                .as_db_error()
                .is_some_and(|e| e.message().contains("append-only")),
            "{refused}: {error:?}"
        );
    }
    assert_eq!(f.store.audit_broken_at().unwrap(), None);
    // Past the guards, as only the database's owner can: the verifier
    // finds the changed entry.
    client
        .batch_execute(
            "ALTER TABLE audit_log DISABLE TRIGGER USER;
             UPDATE audit_log SET os_user = 'iemand anders' WHERE id = 3;
             ALTER TABLE audit_log ENABLE TRIGGER USER;",
        )
        .unwrap();
    assert_eq!(f.store.audit_broken_at().unwrap(), Some(3));
}

#[test]
fn two_colleagues_writing_at_once_keep_one_chain() {
    let Some(f) = fixture::empty_on_server() else {
        return;
    };
    let address = f.scratch.as_ref().unwrap().address();
    let writers: Vec<_> = ["Anna", "Bram"]
        .into_iter()
        .map(|who| {
            let address = address.clone();
            let clock = f.clock.clone();
            std::thread::spawn(move || {
                let store = Store::open_server(&address, clock).unwrap();
                for n in 0..15 {
                    subject(&store, &format!("Casus van {who} {n}"), &["sector:horeca"]);
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
    assert_eq!(
        f.store.subjects(&SubjectFilter::default()).unwrap().len(),
        30
    );
    assert_eq!(f.store.audit_broken_at().unwrap(), None);
    let mut client = f.scratch.as_ref().unwrap().client();
    assert_eq!(
        entries_of_server(&mut client)[&("subjects".to_string(), "insert".to_string())],
        30
    );
}

/// Two colleagues edit one subject: whoever saves second over the first's
/// change is refused with who and when, and nothing of theirs is saved.
fn a_save_over_a_colleagues_change(anna: &Store, bram: &Store) -> Error {
    let shown = subject(anna, "Casus Rotterdam haven", &[]);
    let seen_by_bram = bram.subject(shown.id).unwrap();
    assert_eq!(seen_by_bram.revision, shown.revision);
    let draft = |title: &str| SubjectDraft {
        title: title.into(),
        kind: SubjectKind::Case,
        description: String::new(),
        confidential: false,
        tags: vec![],
    };
    let saved = anna
        .update_subject(
            shown.id,
            &draft("Casus Rotterdam-haven"),
            Some(shown.revision),
        )
        .unwrap();
    assert!(saved.revision > shown.revision);
    let refused = bram
        .update_subject(shown.id, &draft("Casus haven"), Some(seen_by_bram.revision))
        .unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Conflict, "{refused:?}");
    assert_eq!(
        bram.subject(shown.id).unwrap().title,
        "Casus Rotterdam-haven"
    );
    // Seen anew, it saves.
    let fresh = bram.subject(shown.id).unwrap();
    bram.update_subject(shown.id, &draft("Casus haven"), Some(fresh.revision))
        .unwrap();
    refused
}

#[test]
fn a_save_over_a_colleagues_change_is_refused_naming_who_and_when_on_both_backends() {
    // The file: two connections, as the window and the CLI.
    let file = fixture::empty();
    let second = Store::open(
        &file.dir.path().join("taskforce.sqlite3"),
        file.clock.clone(),
    )
    .unwrap();
    let refused = a_save_over_a_colleagues_change(&file.store, &second);
    assert!(
        refused.to_string().contains("01-04-2021 11:00"),
        "{refused}"
    );

    let Some(server) = fixture::empty_on_server() else {
        return;
    };
    let (url, password) = server.scratch.as_ref().unwrap().url_and_password();
    let anna_address = server
        .scratch
        .as_ref()
        .unwrap()
        .address_as("taskforce_test_anna");
    // Anna's own login, let into the database as a colleague is.
    let anna = Store::open_server(&anna_address, server.clock.clone()).unwrap();
    let bram = Store::open_login(
        &taskforce::store::server::Login::parse(&url)
            .unwrap()
            .with_password(&password),
        server.clock.clone(),
    )
    .unwrap();
    let refused = a_save_over_a_colleagues_change(&anna, &bram);
    assert!(
        refused
            .to_string()
            .starts_with("taskforce_test_anna heeft dit intussen gewijzigd (01-04-2021 11:00)"),
        "{refused}"
    );
    assert!(
        refused
            .message()
            .render(taskforce::Lang::En)
            .starts_with("taskforce_test_anna changed this meanwhile"),
        "{refused}"
    );
}

#[test]
fn another_window_hears_of_a_colleagues_change_within_a_second_and_not_of_its_own() {
    use std::time::{Duration, Instant};
    assert!(
        fixture::empty().store.changes().unwrap().is_none(),
        "the file has one window"
    );
    let Some(f) = fixture::empty_on_server() else {
        return;
    };
    let mut changes = f.store.changes().unwrap().unwrap();
    subject(&f.store, "Eigen onderwerp", &[]);
    assert!(
        !changes.wait(Duration::from_millis(500)).unwrap(),
        "its own change is on its screen already"
    );
    let colleague =
        Store::open_server(&f.scratch.as_ref().unwrap().address(), f.clock.clone()).unwrap();
    let made = Instant::now();
    subject(&colleague, "Van een collega", &["sector:horeca"]);
    assert!(changes.wait(Duration::from_secs(5)).unwrap());
    assert!(
        made.elapsed() < Duration::from_secs(1),
        "{:?}",
        made.elapsed()
    );
    assert!(
        !changes.wait(Duration::from_millis(300)).unwrap(),
        "one change, heard once"
    );
    // A change made past the app (psql) is heard too.
    f.scratch
        .as_ref()
        .unwrap()
        .client()
        .batch_execute("UPDATE subjects SET status = 'planned' WHERE title = 'Van een collega'")
        .unwrap();
    assert!(changes.wait(Duration::from_secs(5)).unwrap());
}

/// Two secretaries write the minutes of one meeting: the second save over
/// the first's version is refused, also when the minutes did not exist
/// yet when the editor opened (revision 0).
fn minutes_written_twice(f: &Fixture, colleague: &Store) {
    let s = subject(&f.store, "Casus", &[]);
    let held = held_meeting(f, "2021-02-10 14:00", s.id);
    let id = held.meeting.id;
    assert!(f.store.minutes(id).unwrap().is_none());
    colleague
        .set_minutes(id, "## Verslag (collega)", Some(0))
        .unwrap();
    let refused = f
        .store
        .set_minutes(id, "## Verslag (eigen)", Some(0))
        .unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Conflict, "{refused:?}");
    let shown = f.store.minutes(id).unwrap().unwrap();
    assert_eq!(shown.body, "## Verslag (collega)");
    let saved = f
        .store
        .set_minutes(id, "## Verslag (samen)", Some(shown.revision))
        .unwrap();
    let refused = colleague
        .set_minutes(id, "## Verslag (collega, later)", Some(shown.revision))
        .unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Conflict, "{refused:?}");
    assert_eq!(colleague.minutes(id).unwrap().unwrap().body, saved.body);
}

#[test]
fn a_save_of_the_minutes_over_a_colleagues_version_is_refused_on_both_backends() {
    let file = fixture::term5();
    let second = Store::open(
        &file.dir.path().join("taskforce.sqlite3"),
        file.clock.clone(),
    )
    .unwrap();
    minutes_written_twice(&file, &second);
    let Some(server) = fixture::term5_on_server() else {
        return;
    };
    let colleague = Store::open_server(
        &server.scratch.as_ref().unwrap().address(),
        server.clock.clone(),
    )
    .unwrap();
    minutes_written_twice(&server, &colleague);
}

#[test]
fn a_save_of_a_partner_over_a_colleagues_change_is_refused_on_both_backends() {
    fn twice(anna: &Store, bram: &Store) {
        let shown = partner(anna, "Inspectie SZW", "J. de Vries", &[]);
        let draft = |contact: &str| PartnerDraft {
            organisation: "Inspectie SZW".into(),
            contact_name: Some(contact.into()),
            email: None,
            phone: None,
            notes: String::new(),
            tags: vec![],
        };
        bram.update_partner(shown.id, &draft("A. Bakker"), Some(shown.revision))
            .unwrap();
        let refused = anna
            .update_partner(shown.id, &draft("C. Jansen"), Some(shown.revision))
            .unwrap_err();
        assert_eq!(refused.code(), ErrorCode::Conflict, "{refused:?}");
        assert_eq!(
            anna.partner(shown.id).unwrap().contact_name.as_deref(),
            Some("A. Bakker")
        );
    }
    two_colleagues(fixture::empty(), fixture::empty_on_server, twice);
}

#[test]
fn a_write_waits_for_a_stuck_one_at_most_ten_seconds_and_a_lost_connection_is_opened_again() {
    let Some(f) = fixture::empty_on_server() else {
        return;
    };
    let scratch = f.scratch.as_ref().unwrap();
    // A psql session left open in the middle of a change.
    let mut stuck = scratch.client();
    let mut held = stuck.transaction().unwrap();
    held.batch_execute(&format!(
        "SELECT pg_advisory_xact_lock({})",
        taskforce::store::audited::SERVER_WRITE_LOCK
    ))
    .unwrap();
    let started = std::time::Instant::now();
    let busy = f
        .store
        .add_subject(&SubjectDraft {
            title: "Casus".into(),
            kind: SubjectKind::Case,
            description: String::new(),
            confidential: false,
            tags: vec![],
        })
        .unwrap_err();
    assert_eq!(busy.code(), ErrorCode::Conflict, "{busy:?}");
    assert!(started.elapsed() < std::time::Duration::from_secs(15));
    held.rollback().unwrap();
    subject(&f.store, "Casus", &[]);

    // The server drops the app's connection (a restart): the call that
    // meets it is refused as unreachable, the next one works again.
    scratch
        .client()
        .batch_execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
              WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
        .unwrap();
    let lost = f.store.subjects(&SubjectFilter::default()).unwrap_err();
    assert!(matches!(lost, Error::Io { .. }), "{lost:?}");
    assert_eq!(
        f.store.subjects(&SubjectFilter::default()).unwrap().len(),
        1
    );
}

#[test]
fn testing_the_connection_says_what_the_first_start_will_do_and_changes_nothing() {
    use taskforce::message::MessageKey;
    use taskforce::store::server::{Login, Server};
    let Some(scratch) = Scratch::create() else {
        return;
    };
    let tables = || -> i64 {
        scratch
            .client()
            .query_one(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
                &[],
            )
            .unwrap()
            .get(0)
    };
    // A colleague's login on an empty database: only the owner sets it up.
    let clerk = Login::parse(&scratch.address_as("probe_clerk")).unwrap();
    let refused = Server::probe(&clerk).unwrap_err();
    assert_eq!(refused.message().key, MessageKey::ServerSchemaOwnerOnly);
    let owner = Login::parse(&scratch.address()).unwrap();
    let said = Server::probe(&owner).unwrap();
    assert_eq!(said.key, MessageKey::ServerTestEmpty);
    assert!(
        said.render(taskforce::message::Lang::Nl)
            .contains("onversleuteld, op deze computer"),
        "{said:?}"
    );
    assert_eq!(tables(), 0, "a test changes nothing");
    let clock = std::sync::Arc::new(taskforce::FixedClock::new(fixture::at(2026, 12, 7, 9, 0)));
    Store::open_server(&scratch.address(), clock).unwrap();
    assert_eq!(
        Server::probe(&clerk).unwrap().key,
        MessageKey::ServerTestCurrent
    );
}

#[test]
fn two_colleagues_moving_the_same_meeting_the_second_is_refused_on_both_backends() {
    fn twice(anna: &Store, bram: &Store) {
        let shown = meeting(anna, "2021-05-10 14:00");
        let seen_by_bram = bram.meeting(shown.meeting.id).unwrap();
        assert_eq!(seen_by_bram.meeting.revision, shown.meeting.revision);
        let start = |hour: u32| fixture::at(2021, 5, 10, hour, 0);
        anna.reschedule_meeting(
            shown.meeting.id,
            start(10),
            start(12),
            Some("Den Haag"),
            Some(shown.meeting.revision),
        )
        .unwrap();
        let refused = bram
            .reschedule_meeting(
                shown.meeting.id,
                start(13),
                start(15),
                Some("Utrecht"),
                Some(seen_by_bram.meeting.revision),
            )
            .unwrap_err();
        assert_eq!(refused.code(), ErrorCode::Conflict, "{refused:?}");
        assert!(
            refused.to_string().contains("intussen gewijzigd"),
            "{refused}"
        );
        let kept = bram.meeting(shown.meeting.id).unwrap();
        assert_eq!(
            (kept.meeting.starts_at, kept.meeting.location.as_str()),
            (start(10), "Den Haag")
        );
        // A colleague's other change to the meeting (its central subject)
        // counts too: the move form showed the meeting before it.
        let subject = subject(anna, "Casus Rotterdam haven", &[]);
        anna.set_meeting_subject(shown.meeting.id, Some(subject.id))
            .unwrap();
        let refused = bram
            .reschedule_meeting(
                shown.meeting.id,
                start(13),
                start(15),
                None,
                Some(kept.meeting.revision),
            )
            .unwrap_err();
        assert_eq!(refused.code(), ErrorCode::Conflict, "{refused:?}");
    }
    two_colleagues(fixture::term5(), fixture::term5_on_server, twice);
}

/// Runs `twice` with two colleagues' stores on one record: two connections
/// to `file`, then two connections to the server `on_server` makes (when a
/// test server runs).
fn two_colleagues(file: Fixture, on_server: fn() -> Option<Fixture>, twice: fn(&Store, &Store)) {
    let second = Store::open(
        &file.dir.path().join("taskforce.sqlite3"),
        file.clock.clone(),
    )
    .unwrap();
    twice(&file.store, &second);
    let Some(server) = on_server() else {
        return;
    };
    let colleague = Store::open_server(
        &server.scratch.as_ref().unwrap().address(),
        server.clock.clone(),
    )
    .unwrap();
    twice(&server.store, &colleague);
}

#[test]
fn the_undo_journal_follows_every_table_and_never_outlives_a_transaction() {
    let Some(f) = fixture::term5_on_server() else {
        return;
    };
    let scratch = f.scratch.as_ref().unwrap();
    let mut owner = scratch.client();
    // Every table of the record has the journal's trigger, but the log, the
    // register of erasures, the documents' content, the index and the
    // schema's own: a table a later migration adds without it fails here.
    let without: Vec<String> = owner
        .query(
            "SELECT t.table_name::text FROM information_schema.tables t
              WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
                AND NOT EXISTS (SELECT 1 FROM information_schema.triggers g
                                 WHERE g.event_object_table = t.table_name
                                   AND g.trigger_name = 'undo_note')
              ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(
        without,
        [
            "audit_log",
            "document_chunks",
            "erasures",
            "schema_version",
            "search_index",
            "undo_journal"
        ]
    );

    // A session that asks for notes (as the app's writes do) and commits
    // without taking them back is refused: nothing of it is kept.
    let mut tx = owner.transaction().unwrap();
    tx.batch_execute("SET LOCAL taskforce.undo = 'on'; UPDATE terms SET goals = 'Anders'")
        .unwrap();
    let refused = tx.commit().unwrap_err();
    assert!(
        format!("{refused:?}").contains("undo journal"),
        "{refused:?}"
    );
    let kept: i64 = owner
        .query_one("SELECT count(*) FROM undo_journal", &[])
        .unwrap()
        .get(0);
    assert_eq!(kept, 0);
    assert_ne!(f.store.term(5).unwrap().goals, "Anders");

    // The app's writes leave nothing either, while its window can undo.
    subject(&f.store, "Arbeidsuitbuiting", &[]);
    assert!(f.store.undo_offer().is_some());
    let kept: i64 = owner
        .query_one("SELECT count(*) FROM undo_journal", &[])
        .unwrap()
        .get(0);
    assert_eq!(kept, 0);
}

#[test]
fn the_server_notes_its_own_time_of_every_entry_beside_the_apps() {
    let Some(f) = fixture::empty_on_server() else {
        return;
    };
    // The app's clock says 2021; the server's says now.
    let made = subject(&f.store, "Casus", &[]);
    let mut owner = f.scratch.as_ref().unwrap().client();
    let row = owner
        .query_one(
            "SELECT at, CAST(extract(epoch FROM now() - CAST(recorded_at AS timestamptz)) AS float8)
               FROM audit_log WHERE table_name = 'subjects' AND row_id = $1",
            &[&made.id],
        )
        .unwrap();
    let at: String = row.get(0);
    assert!(at.starts_with("2021-04-01"), "{at}");
    let seconds: f64 = row.get(1);
    assert!((0.0..600.0).contains(&seconds), "{seconds}");
    // Outside the chain: the log still checks out.
    assert_eq!(f.store.audit_broken_at().unwrap(), None);
}

#[test]
fn a_colleague_anonymises_a_record_and_its_history_on_the_server() {
    let Some(f) = fixture::term5_on_server() else {
        return;
    };
    let scratch = f.scratch.as_ref().unwrap();
    let clerk_address = scratch.address_as("taskforce_test_clerk");
    let clerk = Store::open_server(&clerk_address, f.clock.clone()).unwrap();
    let (subject, decision, action) = crate::audit::write_free_text(&clerk);
    let current = clerk.subject(subject).unwrap();
    let edited = SubjectDraft {
        title: format!("{} (bijgewerkt)", crate::audit::FREE_TEXT[0]),
        kind: current.kind,
        description: current.description,
        confidential: current.confidential,
        tags: current.tags,
    };
    clerk.update_subject(subject, &edited, None).unwrap();
    let untouched = fixture::subject(&clerk, "Casus Lindenlaan", &[]);

    clerk.anonymise(Anonymisable::Subject, subject).unwrap();
    clerk.anonymise(Anonymisable::Decision, decision).unwrap();
    clerk.anonymise(Anonymisable::Action, action).unwrap();
    assert_eq!(clerk.subject(subject).unwrap().title, REDACTION_MARK);
    for word in ["Xylofoonhuis", "Rozengracht", "Tulpenveld"] {
        assert!(clerk.search(word, 10).unwrap().is_empty(), "{word} found");
    }
    assert_eq!(
        clerk.audit_broken_at().unwrap(),
        None,
        "the chain checks out"
    );
    let history = clerk.history(AuditedRecord::Subjects, subject).unwrap();
    assert!(history.len() >= 3, "{history:?}");
    for entry in &history {
        for side in [&entry.before, &entry.after].into_iter().flatten() {
            let row: serde_json::Value = serde_json::from_str(side).unwrap();
            assert!(
                row.get("title")
                    .is_none_or(|t| t.as_str() == Some(REDACTION_MARK)),
                "{side}"
            );
        }
    }

    let mut owner = scratch.client();
    let redactions: i64 = owner
        .query_one(
            "SELECT count(*) FROM audit_log WHERE table_name = 'audit_log'
                AND after LIKE '%anonymised%' AND os_user = 'taskforce_test_clerk'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(redactions, 3);
    // The log's guard is back, and the function redacts only a record that
    // already says less.
    let error = owner
        .batch_execute("UPDATE audit_log SET os_user = 'iemand'")
        .unwrap_err();
    assert!(format!("{error:?}").contains("append-only"), "{error:?}");
    let mut direct = postgres::Client::connect(&clerk_address, postgres::NoTls).unwrap();
    let error = direct
        .execute(
            "SELECT audit_redact('subjects', $1, '{}', '{}')",
            &[&untouched.id],
        )
        .unwrap_err();
    assert!(format!("{error:?}").contains("not anonymised"), "{error:?}");
    let error = direct
        .execute("SELECT audit_redact('terms', 1, '{}', '{}')", &[])
        .unwrap_err();
    assert!(format!("{error:?}").contains("only subjects"), "{error:?}");
    assert!(
        !clerk.search("Lindenlaan", 10).unwrap().is_empty(),
        "the other record is as it was"
    );
}

#[test]
fn check_on_the_server_finds_what_the_server_does_not_guard_itself() {
    let Some(f) = fixture::term5_on_server() else {
        return;
    };
    let said = a_year(&f);
    assert!(!said.is_empty());
    let report = f.store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    assert_eq!(
        report.schema_version,
        taskforce::store::server::server_version()
    );
    assert!(report.search_index_ok);

    // The owner, by hand: a trigger switched off, one added, the index
    // changed behind the record's back, a referenced row taken away with
    // the server's checks suspended.
    let mut owner = f.scratch.as_ref().unwrap().client();
    owner
        .batch_execute(
            "ALTER TABLE subjects DISABLE TRIGGER audit_subjects;
             CREATE FUNCTION leak() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
             CREATE TRIGGER leak AFTER INSERT ON partners FOR EACH ROW EXECUTE FUNCTION leak();
             UPDATE search_index SET body = 'iets anders' WHERE key = (SELECT min(key) FROM search_index);
             SET session_replication_role = replica;
             DELETE FROM subjects WHERE id = (SELECT min(subject_id) FROM meetings);
             SET session_replication_role = origin;
             GRANT CREATE ON SCHEMA public TO PUBLIC;",
        )
        .unwrap();
    let report = f.store.check().unwrap();
    let problems = report.problems.join("\n");
    assert!(!report.search_index_ok, "{problems}");
    assert!(report.foreign_key_violations > 0, "{problems}");
    for said in [
        "trigger audit_subjects van tabel subjects staat uit",
        "onverwachte trigger leak op tabel partners",
        "de zoekindex klopt niet",
        "verwijzing(en) naar ontbrekende records",
        "iedereen mag objecten maken",
    ] {
        assert!(problems.contains(said), "{said}: {problems}");
    }
}

#[test]
fn the_secretariat_role_writes_the_readonly_role_reads_and_others_are_kept_out() {
    let Some(f) = fixture::term5_on_server() else {
        return;
    };
    let scratch = f.scratch.as_ref().unwrap();
    let db = scratch.database();
    let anna_address = scratch.address_as("taskforce_test_anna_w");
    let piet_address = scratch.address_as("taskforce_test_piet_r");
    let kees_address = scratch.address_as("taskforce_test_kees_x");
    // The administrator makes the two roles of docs/server.md …
    scratch
        .client()
        .batch_execute(&format!(
            "CREATE ROLE {db}_secretariat NOLOGIN; CREATE ROLE {db}_readonly NOLOGIN;
             GRANT {db}_secretariat TO taskforce_test_anna_w;
             GRANT {db}_readonly TO taskforce_test_piet_r;"
        ))
        .unwrap();
    // … and the owner's next start gives them their rights.
    drop(Store::open_server(&scratch.address(), f.clock.clone()).unwrap());

    let anna = Store::open_server(&anna_address, f.clock.clone()).unwrap();
    assert!(!anna.is_read_only());
    let made = subject(&anna, "Casus van het secretariaat", &[]);

    let piet = Store::open_server(&piet_address, f.clock.clone()).unwrap();
    assert!(piet.is_read_only());
    assert_eq!(piet.subject(made.id).unwrap().title, made.title);
    assert!(!piet
        .history(AuditedRecord::Subjects, made.id)
        .unwrap()
        .is_empty());
    assert_eq!(piet.search("secretariaat", 10).unwrap().len(), 1);
    let refused = piet
        .add_subject(&SubjectDraft {
            title: "Mag niet".into(),
            kind: SubjectKind::Case,
            description: String::new(),
            confidential: false,
            tags: vec![],
        })
        .unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Conflict);
    assert!(refused.to_string().contains("alleen inzien"), "{refused}");
    assert!(refused
        .message()
        .render(taskforce::Lang::En)
        .contains("only read"));
    // Not by the app only: the server itself refuses every write of his.
    let mut direct = postgres::Client::connect(&piet_address, postgres::NoTls).unwrap();
    for refused in [
        "INSERT INTO subjects DEFAULT VALUES",
        "UPDATE subjects SET title = 'x'",
        "DELETE FROM minutes",
        "SELECT undo_recorded('{}')",
    ] {
        let error = direct.batch_execute(refused).unwrap_err();
        let state = error.code().map(|c| c.code().to_string());
        assert_eq!(state.as_deref(), Some("42501"), "{refused}: {error:?}");
    }
    direct
        .batch_execute("SELECT count(*) FROM audit_log")
        .unwrap();

    // Let into the database but in neither role: nothing to read, said so.
    let error = Store::open_server(&kees_address, f.clock.clone()).unwrap_err();
    assert!(error.to_string().contains("rechten"), "{error}");

    // The read-only role without the secretariat role beside it would
    // leave everyone's rights to it: the owner's start refuses.
    scratch
        .client()
        .batch_execute(&format!(
            "REVOKE {db}_secretariat FROM taskforce_test_anna_w; DROP OWNED BY {db}_secretariat;
             DROP ROLE {db}_secretariat;"
        ))
        .unwrap();
    let refused = Store::open_server(&scratch.address(), f.clock.clone()).unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Incompatible, "{refused:?}");
    assert!(refused.to_string().contains("needs the role"), "{refused}");
    let piet = Store::open_server(&piet_address, f.clock.clone()).unwrap();
    assert!(piet.is_read_only(), "nothing was granted to everyone");
}

#[test]
fn every_edit_form_refuses_a_save_over_a_colleagues_change_on_both_backends() {
    every_form_refuses(fixture::term5());
    if let Some(f) = fixture::term5_on_server() {
        every_form_refuses(f);
    }
}

/// Anna and Bram open the same record; Anna saves first; Bram's save with
/// the revision his form showed is refused, naming Anna's change, and
/// Anna's stays. Without a revision (the CLI) a save goes through.
fn every_form_refuses(f: Fixture) {
    let (anna, bram) = (&f.store, &f.another_window());
    let refused = |outcome: taskforce::Result<()>| {
        let error = outcome.unwrap_err();
        assert_eq!(error.code(), ErrorCode::Conflict, "{error:?}");
        assert!(error.to_string().contains("intussen gewijzigd"), "{error}");
    };
    let s = subject(anna, "Arbeidsuitbuiting", &[]);
    let m = held_meeting(&f, "2021-02-10 14:00", s.id).meeting.id;

    let decision = anna.add_decision(m, "Werkgroep").unwrap();
    let shown = bram.decisions_of_meeting(m).unwrap()[0].revision;
    assert_eq!(shown, decision.revision);
    anna.edit_decision(decision.id, "Werkgroep tuinbouw", Some(decision.revision))
        .unwrap();
    refused(
        bram.edit_decision(decision.id, "Werkgroep glas", Some(shown))
            .map(drop),
    );
    assert_eq!(
        anna.decision(decision.id).unwrap().text,
        "Werkgroep tuinbouw"
    );

    let action = anna
        .add_action(m, "Notitie", &ActionOwner::Secretariat, None)
        .unwrap();
    let shown = bram.actions_of_meeting(m).unwrap()[0].revision;
    assert_eq!(shown, action.revision);
    let edit = |text: &str| ActionEdit {
        description: text.into(),
        owner: ActionOwner::Secretariat,
        due_on: None,
    };
    anna.edit_action(action.id, &edit("Notitie over tuinbouw"), Some(shown))
        .unwrap();
    refused(
        bram.edit_action(action.id, &edit("Notitie over glas"), Some(shown))
            .map(drop),
    );
    // A colleague's postponement changes the action too.
    let shown = anna.actions_of_meeting(m).unwrap()[0].revision;
    bram.postpone_action(action.id, fixture::day(2021, 6, 1))
        .unwrap();
    refused(
        anna.edit_action(action.id, &edit("Later"), Some(shown))
            .map(drop),
    );

    let seat = anna.seats(5).unwrap()[3].clone();
    let draft = |person: &str| SeatDraft {
        organisation: seat.organisation.clone(),
        role: seat.role.clone(),
        person: Some(person.into()),
        ..SeatDraft::default()
    };
    anna.update_seat(seat.id, &draft("A. de Vries"), Some(seat.revision))
        .unwrap();
    refused(
        bram.update_seat(seat.id, &draft("B. Bakker"), Some(seat.revision))
            .map(drop),
    );
    assert_eq!(
        bram.seats(5).unwrap()[3].person.as_deref(),
        Some("A. de Vries")
    );

    let term = bram.term(5).unwrap();
    anna.set_term_goals(5, "Minder uitbuiting", Some(term.revision))
        .unwrap();
    refused(
        bram.set_term_goals(5, "Meer toezicht", Some(term.revision))
            .map(drop),
    );
    refused(
        bram.set_term_decree(
            5,
            &DecreeForm {
                reference: Some("Stcrt. 2020, 1".into()),
                ..DecreeForm::default()
            },
            Some(term.revision),
        )
        .map(drop),
    );
    assert_eq!(anna.term(5).unwrap().goals, "Minder uitbuiting");

    let mail = bram.mail_settings().unwrap();
    assert_eq!(mail.revision, 0, "nothing saved yet");
    let mut mine = anna.mail_settings().unwrap();
    mine.sender_name = "Secretariaat".into();
    anna.set_mail_settings(&mine, Some(mine.revision)).unwrap();
    let mut theirs = mail.clone();
    theirs.sender_name = "Bram".into();
    refused(
        bram.set_mail_settings(&theirs, Some(theirs.revision))
            .map(drop),
    );
    assert_eq!(bram.mail_settings().unwrap().sender_name, "Secretariaat");
    // The CLI saves without a revision: over the change, as asked.
    bram.set_mail_settings(&theirs, None).unwrap();
    assert_eq!(anna.mail_settings().unwrap().sender_name, "Bram");
}
