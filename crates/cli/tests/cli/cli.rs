//! The CLI as an admin uses it: the exact command forms, JSON output, one
//! clear line on stderr and a non-zero exit on bad input, nothing half-written.

use std::path::Path;
use std::process::{Command, Output};

fn cli(db: &Path, args: &[&str]) -> Output {
    cli_in(db, args, "nl_NL.UTF-8")
}

/// The CLI in a terminal whose language is `lang`.
fn cli_in(db: &Path, args: &[&str], lang: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_taskforce-cli"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("TASKFORCE_DB")
        .env_remove("TASKFORCE_DATA_DIR")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .output()
        .expect("run taskforce-cli")
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = cli(db, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn fails(db: &Path, args: &[&str]) -> String {
    let out = cli(db, args);
    assert!(!out.status.success(), "{args:?} should fail");
    let stderr = String::from_utf8(out.stderr).expect("utf-8 stderr");
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    assert!(stderr.starts_with("fout: "), "{stderr}");
    stderr
}

fn seed_file(dir: &Path) -> std::path::PathBuf {
    let file = dir.join("leden.txt");
    std::fs::write(&file, taskforce::TERM5_MEMBERS).unwrap();
    file
}

#[test]
fn errors_follow_the_terminal_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    let args = [
        "term",
        "add",
        "--number",
        "5",
        "--start",
        "2023-02-30",
        "--end",
        "2026-03-01",
    ];
    let dutch = fails(&db, &args);
    assert!(dutch.contains("ongeldige datum '2023-02-30'"), "{dutch}");
    let out = cli_in(&db, &args, "en_GB.UTF-8");
    assert_eq!(out.status.code(), Some(1));
    let english = String::from_utf8(out.stderr).unwrap();
    assert!(
        english.starts_with("error: invalid date '2023-02-30': use DD/MM/YYYY"),
        "{english}"
    );
    ok(
        &db,
        &[
            "term",
            "add",
            "--number",
            "5",
            "--start",
            "2020-03-01",
            "--end",
            "2023-03-01",
        ],
    );
    let out = cli_in(
        &db,
        &["term", "extend", "5", "--to", "2020-02-01"],
        "en_GB.UTF-8",
    );
    let english = String::from_utf8(out.stderr).unwrap();
    assert!(
        english.contains("after the start of term 5 (Sunday, 1 March 2020)"),
        "{english}"
    );
}

#[test]
fn the_documented_forms_import_and_list_term_5() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    let file = seed_file(dir.path());
    ok(
        &db,
        &[
            "term",
            "add",
            "--number",
            "5",
            "--start",
            "2020-03-01",
            "--end",
            "2023-03-01",
        ],
    );
    let first = ok(
        &db,
        &["members", "import", file.to_str().unwrap(), "--term", "5"],
    );
    assert!(first.contains("21 leden toegevoegd"), "{first}");
    let second = ok(
        &db,
        &["members", "import", file.to_str().unwrap(), "--term", "5"],
    );
    assert!(
        second.contains("0 leden toegevoegd, 21 waren er al"),
        "{second}"
    );

    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["members", "list", "--term", "5", "--json"])).unwrap();
    let seats = json.as_array().expect("a JSON array");
    assert_eq!(seats.len(), 21);
    for seat in seats {
        for key in ["organisation", "role", "person", "chair"] {
            assert!(seat.get(key).is_some(), "{key} in {seat}");
        }
    }
    let chairs: Vec<_> = seats.iter().filter(|s| s["chair"] == true).collect();
    assert_eq!(chairs.len(), 1);
    assert_eq!(chairs[0]["organisation"], "Openbaar Ministerie");
    assert!(ok(&db, &["check"]).contains("in orde"));
}

#[test]
fn bad_input_gives_one_line_a_non_zero_exit_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    let err = fails(
        &db,
        &[
            "term",
            "add",
            "--number",
            "5",
            "--start",
            "2020-02-30",
            "--end",
            "2023-03-01",
        ],
    );
    assert!(err.contains("ongeldige datum '2020-02-30'"), "{err}");
    ok(
        &db,
        &[
            "term",
            "add",
            "--number",
            "5",
            "--start",
            "2020-03-01",
            "--end",
            "2023-03-01",
        ],
    );

    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, "Politie, de directeur;\nzonder komma\n").unwrap();
    let err = fails(
        &db,
        &["members", "import", bad.to_str().unwrap(), "--term", "5"],
    );
    assert!(err.contains("regel 2"), "{err}");
    assert_eq!(
        ok(&db, &["members", "list", "--term", "5", "--json"]).trim(),
        "[]",
        "nothing half-imported"
    );

    let missing = dir.path().join("bestaat-niet.txt");
    let err = fails(
        &db,
        &[
            "members",
            "import",
            missing.to_str().unwrap(),
            "--term",
            "5",
        ],
    );
    assert!(err.contains("kan het bestand niet lezen"), "{err}");
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"Co\xf6rdinatie, de directeur;\n").unwrap();
    assert!(fails(
        &db,
        &["members", "import", latin1.to_str().unwrap(), "--term", "5"]
    )
    .contains("UTF-8"));

    let err = fails(
        &db,
        &[
            "members",
            "import",
            seed_file(dir.path()).to_str().unwrap(),
            "--term",
            "7",
        ],
    );
    assert!(err.contains("termijn 7 bestaat niet"), "{err}");

    ok(
        &db,
        &[
            "meeting",
            "add",
            "--term",
            "5",
            "--start",
            "2021-05-12 14:00",
            "--end",
            "2021-05-12 16:00",
        ],
    );
    let err = fails(&db, &["meeting", "schedule", "1"]);
    assert!(err.contains("centraal onderwerp"), "{err}");
    let err = fails(
        &db,
        &[
            "meeting",
            "add",
            "--term",
            "5",
            "--start",
            "2021-03-28 02:30",
            "--end",
            "2021-03-28 04:00",
        ],
    );
    assert!(err.contains("bestaat niet"), "{err}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["meeting", "list", "--term", "5", "--json"])).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1);
    assert_eq!(json[0]["meeting"]["status"], "concept");
}

#[test]
fn a_newer_database_exits_3_and_check_exits_non_zero_on_damage() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    ok(
        &db,
        &[
            "term",
            "add",
            "--number",
            "5",
            "--start",
            "2020-03-01",
            "--end",
            "2023-03-01",
        ],
    );
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let clock = std::sync::Arc::new(taskforce::SystemClock);
        taskforce::store::register_audit_functions(&conn, clock).unwrap();
        conn.execute_batch("PRAGMA foreign_keys = OFF; INSERT INTO seats (term_id, position, organisation, role) VALUES (42, 1, 'x', 'y');")
            .unwrap();
    }
    let out = cli(&db, &["check"]);
    assert_eq!(out.status.code(), Some(6));
    assert!(String::from_utf8_lossy(&out.stdout).contains("PROBLEMEN"));

    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("PRAGMA user_version = 999;").unwrap();
    }
    let out = cli(&db, &["term", "list"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nieuwere versie"));
}

#[test]
fn without_db_the_data_dir_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_taskforce-cli"))
        .args([
            "term",
            "add",
            "--number",
            "5",
            "--start",
            "2020-03-01",
            "--end",
            "2023-03-01",
        ])
        .env_remove("TASKFORCE_DB")
        .env("TASKFORCE_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("taskforce.sqlite3").exists());
}

#[test]
fn the_whole_workflow_runs_headless() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    ok(
        &db,
        &[
            "term",
            "add",
            "--number",
            "5",
            "--start",
            "2020-03-01",
            "--end",
            "2023-03-01",
        ],
    );
    assert!(ok(&db, &["members", "seed"]).contains("21 leden toegevoegd"));
    ok(
        &db,
        &[
            "subject",
            "add",
            "--title",
            "Coördinatie tuinbouw",
            "--kind",
            "casus",
            "--tag",
            "uitbuiting:arbeid",
        ],
    );
    ok(
        &db,
        &[
            "partner",
            "add",
            "--organisation",
            "FNV",
            "--contact",
            "Jan",
            "--tag",
            "uitbuiting:arbeid",
        ],
    );
    ok(
        &db,
        &[
            "meeting",
            "add",
            "--term",
            "5",
            "--start",
            "2021-05-12 14:00",
            "--end",
            "2021-05-12 16:00",
            "--location",
            "Den Haag",
        ],
    );
    ok(&db, &["meeting", "set-subject", "1", "1"]);
    ok(&db, &["meeting", "schedule", "1"]);
    assert!(ok(
        &db,
        &["partner", "suggest", "--subject", "1", "--meeting", "1"]
    )
    .contains("FNV"));
    ok(&db, &["invite", "add", "1", "1"]);
    ok(&db, &["invite", "set", "1", "uitgenodigd"]);
    ok(&db, &["invite", "set", "1", "accepted"]);
    ok(
        &db,
        &[
            "agenda",
            "add",
            "1",
            "--title",
            "Presentatie FNV",
            "--minutes",
            "20",
            "--presenter",
            "FNV",
        ],
    );
    assert!(ok(&db, &["agenda", "list", "1"])
        .contains("geplande eindtijd: woensdag 12 mei 2021, 16.05 uur"));
    // The listing is the secretariat's Dutch record: statuses by their Dutch
    // names (`--json` keeps the codes).
    assert!(ok(&db, &["meeting", "hold", "1"]).contains("— gehouden —"));
    ok(&db, &["attendance", "set", "1", "1", "aanwezig"]);
    ok(
        &db,
        &[
            "minutes",
            "set",
            "1",
            "--text",
            "De coördinatie wordt besproken.",
        ],
    );
    assert!(ok(&db, &["decision", "add", "1", "Werkgroep tuinbouw"]).contains("TF5-2021-01"));
    ok(
        &db,
        &[
            "action",
            "add",
            "1",
            "--description",
            "Notitie",
            "--owner",
            "lid:3",
            "--due",
            "2021-06-01",
        ],
    );
    ok(
        &db,
        &[
            "meeting",
            "add",
            "--term",
            "5",
            "--start",
            "2021-09-08 14:00",
            "--end",
            "2021-09-08 16:00",
        ],
    );
    assert!(ok(&db, &["action", "list", "--meeting", "2"]).contains("Notitie"));
    // Adopted at a later meeting only once that one has begun.
    assert!(fails(&db, &["minutes", "adopt", "1", "--at", "2"]).contains("zodra die begonnen is"));
    ok(&db, &["meeting", "set-subject", "2", "1"]);
    ok(&db, &["meeting", "schedule", "2"]);
    assert!(ok(&db, &["minutes", "adopt", "1", "--at", "2"]).contains("vastgesteld op"));
    let hits = ok(&db, &["search", "coordinatie"]);
    assert!(
        hits.contains("onderwerp") && hits.contains("verslag"),
        "{hits}"
    );
    assert!(ok(&db, &["search", "tuinbouw"]).contains("TF5-2021-01"));
    ok(&db, &["action", "postpone", "1", "--to", "2021-07-01"]);
    ok(&db, &["action", "done", "1"]);
    assert!(ok(&db, &["action", "list", "--meeting", "2"]).contains("afgerond"));
}

#[test]
fn documents_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    ok(&db, &["members", "seed"]);
    let decree = dir.path().join("Instellingsbesluit.pdf");
    std::fs::write(&decree, b"%PDF-1.4 besluit").unwrap();
    let attached: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &[
            "--json",
            "document",
            "attach",
            decree.to_str().unwrap(),
            "--term",
            "5",
            "--kind",
            "instellingsbesluit",
        ],
    ))
    .unwrap();
    assert_eq!(attached["document"]["kind"], "decree");
    let id = attached["document"]["id"].to_string();
    let link = attached["link_id"].to_string();
    assert!(ok(&db, &["document", "list", "--term", "5"]).contains("Instellingsbesluit.pdf"));
    let stored = ok(&db, &["document", "open-path", &id]);
    assert_eq!(std::fs::read(stored.trim()).unwrap(), b"%PDF-1.4 besluit");
    let copy = dir.path().join("kopie.pdf");
    ok(&db, &["document", "export", &id, copy.to_str().unwrap()]);
    assert_eq!(std::fs::read(&copy).unwrap(), b"%PDF-1.4 besluit");
    assert!(ok(&db, &["document", "verify"]).contains("in orde"));
    std::fs::write(stored.trim(), b"veranderd").unwrap();
    let out = cli(&db, &["document", "verify"]);
    assert_eq!(out.status.code(), Some(6), "a changed file fails verify");
    assert!(String::from_utf8_lossy(&out.stdout).contains("gewijzigd: Instellingsbesluit"));
    assert!(fails(
        &db,
        &["document", "attach", "/bestaat/niet.pdf", "--term", "5"]
    )
    .contains("bestaat niet"));
    ok(&db, &["document", "unlink", &link]);
    assert!(ok(&db, &["document", "gc"]).contains("1 documenten en 1 bestanden opgeruimd"));
}

#[test]
fn terms_are_started_extended_and_listed_from_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    ok(&db, &["members", "seed"]);
    let seats: serde_json::Value =
        serde_json::from_str(&ok(&db, &["--json", "members", "list", "--term", "5"])).unwrap();
    let jeugdzorg = seats
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["organisation"] == "Jeugdzorg Nederland")
        .unwrap()["id"]
        .to_string();
    let out = ok(
        &db,
        &[
            "--json",
            "term",
            "start-next",
            "--number",
            "6",
            "--start",
            "2023-03-01",
            "--end",
            "2026-03-01",
            "--copy-seats",
            "--drop",
            &jeugdzorg,
            "--reference",
            "Stcrt. 2023, 6789",
        ],
    );
    let view: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(view["term"]["number"], 6);
    assert_eq!(view["term"]["decree"]["reference"], "Stcrt. 2023, 6789");
    let seats: serde_json::Value =
        serde_json::from_str(&ok(&db, &["--json", "members", "list", "--term", "6"])).unwrap();
    assert_eq!(seats.as_array().unwrap().len(), 20);

    let text = ok(
        &db,
        &[
            "term",
            "extend",
            "6",
            "--to",
            "01-09-2026",
            "--decree-date",
            "2025-11-20",
        ],
    );
    assert!(
        text.contains("verlengd van zondag 1 maart 2026 tot dinsdag 1 september 2026"),
        "{text}"
    );
    let list: serde_json::Value =
        serde_json::from_str(&ok(&db, &["--json", "term", "list"])).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[1]["extensions"][0]["previous_ends_on"], "2026-03-01");
    assert_eq!(list[0]["phase"], "ended");

    let csv = dir.path().join("leden.csv");
    let err = fails(
        &db,
        &["export", "csv", "seats", "--out", csv.to_str().unwrap()],
    );
    assert!(err.contains("hoort bij een termijn"), "{err}");
    assert!(!csv.exists(), "nothing written");
    ok(
        &db,
        &[
            "export",
            "csv",
            "actions",
            "--term",
            "6",
            "--out",
            csv.to_str().unwrap(),
        ],
    );

    let err = fails(&db, &["term", "extend", "6", "--to", "2020-01-01"]);
    assert!(err.contains("na het begin"), "{err}");

    let preview = ok(
        &db,
        &[
            "meeting",
            "series",
            "--term",
            "6",
            "--first",
            "2024-05-09",
            "--every",
            "1",
            "--count",
            "2",
            "--preview",
        ],
    );
    assert!(
        preview.contains(
            "vrijdag 10 mei 2024, 14.00 uur — verplaatst van donderdag 9 mei 2024 (Hemelvaartsdag)"
        ),
        "{preview}"
    );
    assert!(
        !ok(&db, &["meeting", "list", "--term", "6"]).contains("2024"),
        "a preview saves nothing"
    );
    let planned = ok(
        &db,
        &[
            "--json",
            "meeting",
            "series",
            "--term",
            "6",
            "--first",
            "2024-04-23",
            "--every",
            "4",
            "--count",
            "3",
        ],
    );
    let planned: serde_json::Value = serde_json::from_str(&planned).unwrap();
    assert_eq!(planned.as_array().unwrap().len(), 3);
}

#[test]
fn invitation_drafts_and_the_pack_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    let drafts = dir.path().join("concepten");
    std::fs::create_dir(&drafts).unwrap();
    for args in [
        &[
            "term",
            "add",
            "--number",
            "5",
            "--start",
            "2020-03-01",
            "--end",
            "2023-03-01",
        ][..],
        &["members", "seed"],
        &[
            "members",
            "update",
            "1",
            "--organisation",
            "Ministerie van Justitie en Veiligheid",
            "--role",
            "de directeur-generaal Straffen en Beschermen",
            "--email",
            "dg@minjenv.nl",
        ],
        &[
            "subject",
            "add",
            "--title",
            "Arbeidsuitbuiting",
            "--kind",
            "fenomeen",
        ],
        &[
            "partner",
            "add",
            "--organisation",
            "FNV",
            "--contact",
            "Jan Bakker",
            "--email",
            "jan@fnv.nl",
        ],
        &[
            "meeting",
            "add",
            "--term",
            "5",
            "--start",
            "2021-05-12 14:00",
            "--end",
            "2021-05-12 16:00",
            "--location",
            "Den Haag",
        ],
        &["meeting", "set-subject", "1", "1"],
        &["invite", "add", "1", "1"],
        &[
            "invite",
            "reason",
            "1",
            "Vanwege uw kennis van de vleessector.",
        ],
    ] {
        ok(&db, args);
    }
    let refused = fails(
        &db,
        &["invite", "drafts", "1", "--out", drafts.to_str().unwrap()],
    );
    assert!(refused.contains("afzenderadres"), "{refused}");
    assert_eq!(
        std::fs::read_dir(&drafts).unwrap().count(),
        0,
        "nothing written"
    );

    ok(
        &db,
        &[
            "invite",
            "sender",
            "--email",
            "secretariaat@tf.nl",
            "--name",
            "Secretariaat",
        ],
    );
    let out = cli(
        &db,
        &["invite", "drafts", "1", "--out", drafts.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = String::from_utf8(out.stdout).unwrap();
    assert_eq!(written.lines().count(), 2, "{written}");
    assert!(written.contains("2021-05-12 Uitnodiging leden Task Force Mensenhandel.eml"));
    assert!(written.contains("2021-05-12 Uitnodiging FNV Task Force Mensenhandel.eml"));
    let warnings = String::from_utf8(out.stderr).unwrap();
    assert!(
        warnings
            .lines()
            .any(|l| l.starts_with("let op: 20 leden hebben geen e-mailadres")),
        "the 20 seats without an address: {warnings}"
    );
    let listed = ok(&db, &["meeting", "show", "1", "--json"]);
    assert!(listed.contains("todo.members_not_sent"), "{listed}");
    ok(&db, &["invite", "sent", "1"]);

    let pack = dir.path().join("bundel.pdf");
    ok(
        &db,
        &["export", "pack", "1", "--out", pack.to_str().unwrap()],
    );
    let text = taskforce_dev::fixture::poppler("pdftotext", &[], &pack);
    assert!(
        text.contains("Vergaderbundel") && text.contains("Agendapunten"),
        "{text}"
    );
    let external = dir.path().join("bundel-extern.pdf");
    ok(
        &db,
        &[
            "export",
            "pack",
            "1",
            "--external",
            "--out",
            external.to_str().unwrap(),
        ],
    );
    assert!(taskforce_dev::fixture::poppler("pdftotext", &[], &external)
        .contains("Versie voor externe partners"));
}

/// An encrypted data folder as the app makes it, with term 5 in it.
fn encrypted_folder(dir: &Path) -> (std::path::PathBuf, taskforce::encryption::DataKey) {
    use taskforce::encryption::{DataKey, FolderEncryption};
    let db = dir.join("taskforce.sqlite3");
    let key = DataKey::generate().unwrap();
    FolderEncryption::new(&key).unwrap().write(&db).unwrap();
    let store =
        taskforce::Store::open_keyed(&db, std::sync::Arc::new(taskforce::SystemClock), Some(&key))
            .unwrap();
    taskforce::seed::start_with_term5(&store).unwrap();
    (db, key)
}

fn write_private(path: &Path, text: &str, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn an_encrypted_folder_opens_with_a_private_key_file_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let (db, key) = encrypted_folder(dir.path());
    let before = std::fs::read(&db).unwrap();

    // No key: no keychain entry for this folder, no terminal to ask on.
    let out = cli(&db, &["term", "list"]);
    assert_eq!(out.status.code(), Some(7));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("versleuteld") && stderr.contains("--key-file"),
        "{stderr}"
    );

    // A key file others can read is refused, before it is read.
    let key_file = dir.path().join("herstelsleutel.txt");
    write_private(&key_file, &key.recovery_text(), 0o644);
    let stderr = fails(
        &db,
        &["--key-file", key_file.to_str().unwrap(), "term", "list"],
    );
    assert!(stderr.contains("chmod 600"), "{stderr}");

    // A wrong key: exit 7, the database untouched.
    let wrong = dir.path().join("verkeerd.txt");
    let other = taskforce::encryption::DataKey::generate().unwrap();
    write_private(&wrong, &other.recovery_text(), 0o600);
    let out = cli(
        &db,
        &["--key-file", wrong.to_str().unwrap(), "term", "list"],
    );
    assert_eq!(out.status.code(), Some(7));
    assert!(String::from_utf8_lossy(&out.stderr).contains("hoort niet bij deze gegevens"));
    assert_eq!(std::fs::read(&db).unwrap(), before);

    // The right one, by option and by TASKFORCE_KEY_FILE.
    write_private(&key_file, &key.recovery_text(), 0o600);
    let listed = ok(
        &db,
        &["--key-file", key_file.to_str().unwrap(), "term", "list"],
    );
    assert!(listed.contains('5'), "{listed}");
    let out = Command::new(env!("CARGO_BIN_EXE_taskforce-cli"))
        .arg("--db")
        .arg(&db)
        .args(["members", "list", "--term", "5"])
        .env("TASKFORCE_KEY_FILE", &key_file)
        .env("LANG", "nl_NL.UTF-8")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Marechaussee"));
}

#[test]
fn encrypt_gives_the_recovery_key_first_then_encrypts_the_folder_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("taskforce.sqlite3");
    ok(&db, &["members", "seed"]);
    let raw = |needle: &str| {
        let bytes = std::fs::read(&db).unwrap();
        bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
    };
    assert!(raw("Marechaussee"), "plain to begin with");

    let key_file = dir.path().join("herstelsleutel.txt");
    let said = ok(
        &db,
        &["encrypt", "--recovery-key-out", key_file.to_str().unwrap()],
    );
    assert!(said.contains("versleuteld"), "{said}");
    assert_eq!(taskforce::private::mode(&key_file).unwrap(), 0o600);
    assert!(!raw("Marechaussee"), "the database is encrypted");
    let listed = ok(
        &db,
        &[
            "--key-file",
            key_file.to_str().unwrap(),
            "members",
            "list",
            "--term",
            "5",
        ],
    );
    assert!(listed.contains("Marechaussee"), "{listed}");

    // Twice: refused, nothing changes.
    let before = std::fs::read(&db).unwrap();
    let stderr = fails(&db, &["--key-file", key_file.to_str().unwrap(), "encrypt"]);
    assert!(stderr.contains("al versleuteld"), "{stderr}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn a_folder_whose_marker_was_moved_is_locked_not_damaged_and_the_key_file_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let (db, key) = encrypted_folder(dir.path());
    let marker = taskforce::encryption::FolderEncryption::path(&db);
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::rename(&marker, elsewhere.path().join("marker")).unwrap();
    let before = std::fs::read(&db).unwrap();

    let out = cli(&db, &["term", "list"]);
    assert_eq!(out.status.code(), Some(7), "locked");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("beschadigd"), "{stderr}");
    assert_eq!(std::fs::read(&db).unwrap(), before);

    let key_file = elsewhere.path().join("herstelsleutel.txt");
    write_private(&key_file, &key.recovery_text(), 0o600);
    let listed = ok(
        &db,
        &["--key-file", key_file.to_str().unwrap(), "term", "list"],
    );
    assert!(listed.contains('5'), "{listed}");
    assert!(marker.exists(), "the marker is written again");
}

/// Every correction the window offers, from the command line, each with
/// `--json` (the case from the issue included: `term extend` to an earlier
/// end is refused and `term shorten` says what it did).
#[test]
fn corrections_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    let json = |args: &[&str]| -> serde_json::Value {
        let mut with = args.to_vec();
        with.push("--json");
        serde_json::from_str(&ok(&db, &with)).expect("json")
    };
    ok(&db, &["members", "seed"]);
    json(&["subject", "add", "--title", "Tuinbouw", "--kind", "casus"]);
    let mistake = json(&["subject", "add", "--title", "Dubbel", "--kind", "casus"]);
    assert_eq!(
        json(&["subject", "remove", &mistake["id"].to_string()])["removed"],
        mistake["id"]
    );
    let meeting = |date: &str| {
        json(&[
            "meeting",
            "add",
            "--term",
            "5",
            "--start",
            &format!("{date} 14:00"),
            "--end",
            &format!("{date} 16:00"),
        ])["meeting"]["id"]
            .to_string()
    };
    let concept = meeting("2021-04-14");
    assert_eq!(
        json(&["meeting", "remove", &concept])["removed"].to_string(),
        concept
    );
    let held = meeting("2021-05-12");
    ok(&db, &["meeting", "set-subject", &held, "1"]);
    ok(&db, &["meeting", "schedule", &held]);
    ok(&db, &["meeting", "hold", &held]);
    let decision = json(&["decision", "add", &held, "Werkgroep tuinbowu"]);
    let id = decision["id"].to_string();
    assert_eq!(
        json(&["decision", "edit", &id, "Werkgroep tuinbouw"])["text"],
        "Werkgroep tuinbouw"
    );
    let wrong = json(&["decision", "add", &held, "Verkeerd"])["id"].to_string();
    assert_eq!(
        json(&["decision", "remove", &wrong])["removed"].to_string(),
        wrong
    );
    let action = json(&["action", "add", &held, "--description", "Notitie"])["id"].to_string();
    assert_eq!(
        json(&[
            "action",
            "edit",
            &action,
            "--owner",
            "lid:3",
            "--due",
            "2021-06-01"
        ])["owner"]["kind"],
        "seat"
    );
    ok(&db, &["action", "done", &action]);
    assert_eq!(
        json(&[
            "action",
            "reopen",
            &action,
            "--reason",
            "Te vroeg afgevinkt"
        ])["status"],
        "open"
    );
    assert!(ok(&db, &["action", "history", &action]).contains("Te vroeg afgevinkt"));
    assert!(json(&["subject", "archive", "1"])["archived_at"].is_string());
    assert!(json(&["subject", "archive", "1", "--undo"])["archived_at"].is_null());
    let ended = json(&[
        "members",
        "end",
        "5",
        "--on",
        "2022-01-01",
        "--successor-organisation",
        "Nieuwe organisatie",
        "--successor-role",
        "lid",
    ]);
    assert_eq!(ended["ends_on"], "2022-01-01");
    let added = json(&[
        "members",
        "add",
        "--term",
        "5",
        "--organisation",
        "Per abuis",
        "--role",
        "lid",
    ])["id"]
        .to_string();
    assert_eq!(
        json(&["members", "remove", &added])["removed"].to_string(),
        added
    );
    ok(&db, &["partner", "add", "--organisation", "FairWork"]);
    let planned = meeting("2021-09-08");
    let invitation = json(&["invite", "add", &planned, "1"])["id"].to_string();
    ok(&db, &["invite", "set", &invitation, "invited"]);
    assert!(json(&["invite", "withdraw", &invitation])["withdrawn_at"].is_string());

    let refused = fails(&db, &["term", "extend", "5", "--to", "2022-03-01"]);
    assert!(refused.contains("inkorten"), "{refused}");
    let shortened = json(&["term", "shorten", "5", "--to", "2022-12-01"]);
    assert_eq!(shortened["extensions"][0]["shortened"], true);
    assert!(ok(&db, &["term", "show", "5"]).contains("ingekort van woensdag 1 maart 2023"));
}

/// Every leaf subcommand of the binary, as its words (`["term", "add"]`),
/// read from its own `--help`: a subcommand added later is found without
/// this list being told.
fn leaf_subcommands(path: &[String]) -> Vec<Vec<String>> {
    let out = Command::new(env!("CARGO_BIN_EXE_taskforce-cli"))
        .args(path)
        .arg("--help")
        .env("LANG", "nl_NL.UTF-8")
        .output()
        .expect("run taskforce-cli --help");
    assert!(out.status.success(), "{path:?} --help");
    let help = String::from_utf8(out.stdout).expect("utf-8 help");
    let names: Vec<String> = help
        .lines()
        .skip_while(|line| *line != "Commands:")
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .filter_map(|line| line.strip_prefix("  "))
        .filter(|line| !line.starts_with(' '))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect();
    if names.is_empty() {
        return vec![path.to_vec()];
    }
    names
        .into_iter()
        .flat_map(|name| {
            let mut sub = path.to_vec();
            sub.push(name);
            leaf_subcommands(&sub)
        })
        .collect()
}

/// Runs commands with `--json` and keeps what ran, so the test can tell
/// which subcommands it has seen.
struct JsonRun<'a> {
    db: &'a Path,
    ran: std::cell::RefCell<Vec<Vec<String>>>,
}

impl JsonRun<'_> {
    /// One successful command: exactly one JSON document on stdout.
    fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut with = vec!["--json"];
        with.extend_from_slice(args);
        let out = cli(self.db, &with);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        self.ran
            .borrow_mut()
            .push(args.iter().map(|a| a.to_string()).collect());
        let stdout = String::from_utf8(out.stdout).expect("utf-8 output");
        serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("{args:?} printed no single JSON document ({e}):\n{stdout}"))
    }

    fn id(&self, args: &[&str]) -> String {
        self.json(args)["id"].to_string()
    }
}

/// `--json` is for scripts: every subcommand, on success, prints exactly one
/// JSON document on stdout (saved exports, written drafts, a restore and
/// `encrypt` included), and the commands below run every leaf subcommand
/// the binary's help lists.
#[test]
fn every_subcommand_prints_one_json_document_with_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("taskforce.sqlite3");
    let file = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let run = JsonRun {
        db: &db,
        ran: Default::default(),
    };
    let json = |args: &[&str]| run.json(args);
    let id = |args: &[&str]| run.id(args);

    let term5 = [
        "--number",
        "5",
        "--start",
        "2020-03-01",
        "--end",
        "2023-03-01",
    ];
    json(&[&["term", "add"][..], &term5, &["--goals", "Doelen"]].concat());
    json(&["term", "list"]);
    json(&["term", "show", "5"]);
    json(&["term", "goals", "5", "Nieuwe doelen"]);
    json(&["term", "decree", "5", "--reference", "Stcrt. 2020, 1"]);
    json(&["term", "template", "5"]);
    json(&["term", "extend", "5", "--to", "2023-06-01"]);
    json(&["term", "shorten", "5", "--to", "2023-03-01"]);
    json(&[
        "term",
        "add",
        "--number",
        "9",
        "--start",
        "2030-03-01",
        "--end",
        "2033-03-01",
    ]);
    json(&["term", "correct", "9", "--number", "8"]);
    json(&["term", "start-next", "--number", "6", "--skip-between"]);

    json(&["members", "seed"]);
    let members = file("leden.txt");
    std::fs::write(&members, taskforce::TERM5_MEMBERS).unwrap();
    assert_eq!(
        json(&["members", "import", &members, "--term", "5"])["already_present"],
        21
    );
    json(&["members", "list", "--term", "5"]);
    let seat = id(&[
        "members",
        "add",
        "--term",
        "5",
        "--organisation",
        "Per abuis",
        "--role",
        "lid",
    ]);
    json(&[
        "members",
        "update",
        &seat,
        "--organisation",
        "Per abuis",
        "--role",
        "adviseur",
    ]);
    json(&["members", "history", &seat]);
    assert_eq!(
        json(&["members", "remove", &seat])["removed"].to_string(),
        seat
    );
    json(&[
        "members",
        "end",
        "5",
        "--on",
        "2022-01-01",
        "--successor-organisation",
        "Nieuw",
        "--successor-role",
        "lid",
    ]);
    json(&[
        "members",
        "update",
        "1",
        "--organisation",
        "Ministerie van Justitie en Veiligheid",
        "--role",
        "de directeur-generaal Straffen en Beschermen",
        "--email",
        "dg@minjenv.nl",
    ]);

    let fnv = id(&[
        "partner",
        "add",
        "--organisation",
        "FNV",
        "--contact",
        "Jan",
        "--email",
        "jan@fnv.nl",
        "--tag",
        "uitbuiting:arbeid",
    ]);
    json(&[
        "partner",
        "update",
        &fnv,
        "--organisation",
        "FNV",
        "--contact",
        "Jan Bakker",
        "--email",
        "jan@fnv.nl",
        "--tag",
        "uitbuiting:arbeid",
    ]);
    json(&["partner", "list"]);
    json(&["partner", "show", &fnv]);
    let mistake = id(&["partner", "add", "--organisation", "Per abuis"]);
    json(&["partner", "remove", &mistake]);
    let erased = id(&[
        "partner",
        "add",
        "--organisation",
        "Wis",
        "--contact",
        "Kees",
    ]);
    json(&["partner", "erase", &erased]);
    json(&["partner", "review"]);
    assert_eq!(json(&["partner", "erase-reviewed"])["erased"], 0);

    let subject = id(&[
        "subject",
        "add",
        "--title",
        "Tuinbouw",
        "--kind",
        "casus",
        "--tag",
        "uitbuiting:arbeid",
    ]);
    json(&[
        "subject",
        "update",
        &subject,
        "--title",
        "Coördinatie tuinbouw",
        "--kind",
        "casus",
        "--tag",
        "uitbuiting:arbeid",
    ]);
    json(&["subject", "status", &subject, "planned"]);
    json(&["subject", "show", &subject]);
    json(&["subject", "list"]);
    let other = id(&["subject", "add", "--title", "Dubbel", "--kind", "casus"]);
    json(&["subject", "archive", &other]);
    json(&["subject", "archive", &other, "--undo"]);
    json(&["subject", "remove", &other]);
    let secret = id(&["subject", "add", "--title", "Geheim", "--kind", "thema"]);
    json(&["subject", "anonymise", &secret]);

    let meeting = json(&[
        "meeting",
        "add",
        "--term",
        "5",
        "--start",
        "2021-05-12 14:00",
        "--end",
        "2021-05-12 16:00",
        "--location",
        "Den Haag",
    ])["meeting"]["id"]
        .to_string();
    let series = [
        "meeting",
        "series",
        "--term",
        "5",
        "--first",
        "2021-09-08",
        "--count",
        "2",
    ];
    json(&[&series[..], &["--preview"]].concat());
    let planned = json(&series);
    let later = planned[0]["meeting"]["id"].to_string();
    let cancelled = planned[1]["meeting"]["id"].to_string();
    json(&["meeting", "list", "--term", "5"]);
    json(&["meeting", "show", &meeting]);
    json(&["meeting", "set-subject", &meeting, &subject]);
    json(&["meeting", "set-subject", &cancelled, &subject]);
    json(&["meeting", "clear-subject", &cancelled]);
    json(&[
        "meeting",
        "move",
        &cancelled,
        "--start",
        "2021-11-04 14:00",
        "--end",
        "2021-11-04 16:00",
    ]);
    json(&["meeting", "cancel", &cancelled]);
    let concept = json(&[
        "meeting",
        "add",
        "--term",
        "5",
        "--start",
        "2022-05-12 14:00",
        "--end",
        "2022-05-12 16:00",
    ])["meeting"]["id"]
        .to_string();
    json(&["meeting", "remove", &concept]);
    json(&["meeting", "schedule", &meeting]);
    json(&[
        "partner",
        "suggest",
        "--subject",
        &subject,
        "--meeting",
        &meeting,
    ]);

    let agenda = json(&["agenda", "list", &meeting]);
    assert!(agenda["ends_at"].is_string(), "{agenda}");
    let item = id(&["agenda", "add", &meeting, "--title", "Presentatie FNV"]);
    json(&[
        "agenda",
        "update",
        &item,
        "--title",
        "Presentatie",
        "--minutes",
        "20",
    ]);
    json(&["agenda", "move", &item, "--to", "3"]);
    json(&["agenda", "remove", &item]);

    // An old partner list: previewed, the mapping changed, imported.
    let list = dir.path().join("partners.csv");
    std::fs::write(
        &list,
        "Organisatie;Wie;E-mail\nCoMensha;Marie;marie@comensha.nl\nFNV;Jan;jan@fnv.nl\n",
    )
    .unwrap();
    let preview = json(&[
        "import",
        "partners",
        list.to_str().unwrap(),
        "--dry-run",
        "--map",
        "Wie=contactpersoon",
    ]);
    assert_eq!(preview["mapping"][1], "contact", "{preview}");
    assert_eq!(
        preview["rows"][1]["duplicate_of"]["kind"], "record",
        "FNV is there: {preview}"
    );
    let imported = json(&[
        "import",
        "partners",
        list.to_str().unwrap(),
        "--map",
        "2=contact",
    ]);
    assert_eq!(
        (&imported["added"], &imported["skipped"]),
        (&serde_json::json!(1), &serde_json::json!(1)),
        "{imported}"
    );
    let invitation = id(&["invite", "add", &meeting, &fnv]);
    json(&["invite", "set", &invitation, "invited"]);
    json(&["invite", "list", &meeting]);
    json(&["invite", "history", &invitation]);
    json(&["invite", "reason", &invitation, "Vanwege uw kennis."]);
    json(&[
        "invite",
        "sender",
        "--email",
        "secretariaat@tf.nl",
        "--name",
        "Secretariaat",
    ]);
    let drafts = dir.path().join("concepten");
    std::fs::create_dir(&drafts).unwrap();
    let written = json(&[
        "invite",
        "drafts",
        &meeting,
        "--out",
        drafts.to_str().unwrap(),
    ]);
    assert_eq!(written.as_array().map(Vec::len), Some(2), "{written}");
    json(&["invite", "sent", &meeting]);
    let replied = json(&["invite", "reply", &meeting, "1", "komt"]);
    assert!(
        replied
            .as_array()
            .is_some_and(|r| r.iter().any(|s| s["reply"] == "coming")),
        "{replied}"
    );
    json(&[
        "invite",
        "reply",
        &meeting,
        "3",
        "vervangen",
        "--by",
        "Piet",
    ]);
    let replies = json(&["invite", "replies", &meeting]);
    assert_eq!(
        (
            &replies["expected"]["coming"],
            &replies["expected"]["substituted"]
        ),
        (&serde_json::json!(1), &serde_json::json!(1)),
        "{replies}"
    );
    // A calendar reply from an address no seat has: read, reported by its
    // meeting (the UID says which), not applied.
    let answer = dir.path().join("antwoord.ics");
    taskforce_dev::fixture::write_with(
        "itip_reply.py",
        "icalendar",
        &serde_json::json!({
            "out": answer, "format": "ics", "sequence": 0, "dtstamp": "20210501T080000Z",
            "uid": format!("tf5-bijeenkomst-{meeting}@taskforce-secretariaat.local"),
            "attendee": {"address": "iemand@elders.nl", "cn": "Iemand", "partstat": "ACCEPTED"},
        }),
    );
    let read = json(&["invite", "replies", answer.to_str().unwrap()]);
    assert_eq!(
        (&read["readings"][0]["outcome"], &read["to_check"]),
        (&serde_json::json!("unknown_address"), &serde_json::json!(1)),
        "{read}"
    );
    assert_eq!(read["readings"][0]["meeting_id"].to_string(), meeting);
    let missing = fails(
        &db,
        &[
            "invite",
            "replies",
            &file("weg.eml"),
            answer.to_str().unwrap(),
        ],
    );
    assert!(missing.contains("weg.eml"), "{missing}");
    let proposal = id(&["invite", "add", &later, &fnv]);
    json(&["invite", "withdraw", &proposal]);

    json(&["meeting", "hold", &meeting]);
    json(&["attendance", "set", &meeting, "1", "present"]);
    json(&[
        "attendance",
        "set",
        &meeting,
        "2",
        "represented",
        "--by",
        "Piet",
    ]);
    json(&["attendance", "clear", &meeting, "2"]);
    let started = json(&["attendance", "from-replies", &meeting]);
    let seat3 = started
        .as_array()
        .and_then(|a| a.iter().find(|s| s["seat_id"] == 3))
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        (&seat3["status"], &seat3["represented_by"]),
        (
            &serde_json::json!("represented"),
            &serde_json::json!("Piet")
        ),
        "{started}"
    );
    json(&["attendance", "list", &meeting]);

    assert!(json(&["minutes", "show", &meeting]).is_null());
    json(&[
        "minutes",
        "set",
        &meeting,
        "--text",
        "De coördinatie wordt besproken.",
    ]);
    json(&["minutes", "show", &meeting]);
    let round = dir.path().join("rondsturen");
    let circulated = json(&[
        "minutes",
        "circulate",
        &meeting,
        "--by",
        "31-12-2099",
        "--out",
        round.to_str().unwrap(),
    ]);
    assert_eq!(circulated["stage"], "circulated", "{circulated}");
    assert_eq!(std::fs::read_dir(&round).unwrap().count(), 1, "one draft");
    let commented = json(&["minutes", "comment", &meeting, "3", "Punt 2 aanvullen."]);
    assert_eq!(commented["comments"][0]["seat_id"], 3, "{commented}");
    json(&["minutes", "cycle", &meeting]);
    let decision = id(&["decision", "add", &meeting, "Werkgroep tuinbowu"]);
    json(&["decision", "edit", &decision, "Werkgroep tuinbouw"]);
    let item = json(&["agenda", "list", &meeting])["items"][0]["item"]["id"].to_string();
    let placed = json(&["decision", "item", &decision, &item]);
    assert_eq!(placed["agenda_item_id"].to_string(), item, "{placed}");
    json(&["decision", "item", &decision]);
    let wrong = id(&["decision", "add", &meeting, "Verkeerd"]);
    json(&["decision", "remove", &wrong]);
    json(&["decision", "list", "--term", "5"]);
    json(&["decision", "list", "--meeting", &meeting]);

    let action = id(&[
        "action",
        "add",
        &meeting,
        "--description",
        "Notitie",
        "--owner",
        "lid:3",
        "--due",
        "2021-06-01",
    ]);
    json(&["action", "postpone", &action, "--to", "2021-07-01"]);
    json(&[
        "action",
        "edit",
        &action,
        "--description",
        "Notitie tuinbouw",
    ]);
    json(&["action", "done", &action]);
    json(&["action", "reopen", &action, "--reason", "Te vroeg"]);
    json(&["action", "history", &action]);
    let placed = json(&["action", "item", &action, &item]);
    assert_eq!(placed["agenda_item_id"].to_string(), item, "{placed}");
    // Seat 3 (no address) and the secretariat (its sender address) have
    // an action due in 2021, overdue today: one reminder, to the
    // secretariat, kept in its action's history.
    let own = id(&[
        "action",
        "add",
        &meeting,
        "--description",
        "Zaal",
        "--due",
        "2021-06-01",
    ]);
    let reminders = dir.path().join("herinneringen");
    let reminded = json(&["action", "remind", "--out", reminders.to_str().unwrap()]);
    assert_eq!(reminded.as_array().map(Vec::len), Some(1), "{reminded}");
    assert!(json(&["action", "history", &own])
        .as_array()
        .is_some_and(|h| h.iter().any(|e| e["kind"] == "reminded")));
    json(&["action", "drop", &own]);
    json(&["action", "list"]);
    json(&["action", "list", "--meeting", &meeting]);
    let dropped = id(&["action", "add", &meeting, "--description", "Weg"]);
    json(&["action", "drop", &dropped]);
    json(&["action", "anonymise", &dropped]);

    json(&["meeting", "set-subject", &later, &subject]);
    json(&["meeting", "schedule", &later]);
    json(&["minutes", "adopt", &meeting, "--at", &later]);
    let amended = id(&[
        "decision",
        "amend",
        &decision,
        "--at",
        &later,
        "Werkgroep glas",
    ]);
    json(&["decision", "anonymise", &amended]);

    let decree = file("Instellingsbesluit.pdf");
    std::fs::write(&decree, b"%PDF-1.4 besluit").unwrap();
    let attached = json(&[
        "document",
        "attach",
        &decree,
        "--term",
        "5",
        "--kind",
        "instellingsbesluit",
    ]);
    let document = attached["document"]["id"].to_string();
    json(&["document", "list", "--term", "5"]);
    json(&["document", "open-path", &document]);
    json(&["document", "export", &document, &file("kopie.pdf")]);
    json(&["document", "rename", &document, "Besluit"]);
    json(&["document", "verify"]);
    json(&["document", "unlink", &attached["link_id"].to_string()]);
    json(&["document", "gc"]);

    for export in [
        &[
            "export",
            "ics",
            "--meeting",
            &meeting,
            "--out",
            &file("a.ics"),
        ][..],
        &["export", "ics", "--term", "5", "--out", &file("b.ics")],
        &["export", "agenda", &meeting, "--out", &file("agenda.pdf")],
        &[
            "export",
            "agenda",
            &meeting,
            "--external",
            "--out",
            &file("agenda.docx"),
        ],
        &["export", "pack", &meeting, "--out", &file("bundel.pdf")],
        &[
            "export",
            "minutes",
            &meeting,
            "--out",
            &file("verslag.docx"),
        ],
        &[
            "export",
            "report",
            "--term",
            "5",
            "--out",
            &file("rapport.pdf"),
        ],
        &[
            "export",
            "csv",
            "seats",
            "--term",
            "5",
            "--out",
            &file("leden.csv"),
        ],
    ] {
        let saved = json(export);
        let out = export.last().unwrap();
        assert!(saved.to_string().contains(out), "{saved}");
        assert!(Path::new(out).exists(), "{out}");
    }

    json(&["search", "tuinbouw"]);
    json(&["check"]);
    json(&["backup"]);
    let copy = file("kopie.sqlite3");
    json(&["backup", "--to", &copy]);
    json(&["restore", &copy]);
    json(&["restore-confirm"]);
    let key = file("herstelsleutel.txt");
    let encrypted = json(&["encrypt", "--recovery-key-out", &key]);
    assert!(encrypted["recovery_key"].is_null(), "{encrypted}");
    json(&["check", "--key-file", &key]);

    let leaves = leaf_subcommands(&[]);
    // A help this test no longer reads would leave nothing to check.
    for known in [&["term", "add"][..], &["export", "pack"], &["check"]] {
        assert!(leaves.iter().any(|l| l == known), "{known:?} in {leaves:?}");
    }
    let ran = run.ran.borrow();
    // Moving between a folder and a server needs the test server: their
    // --json cases are in server.rs.
    let on_the_server = ["move-to-server", "copy-to-file"];
    let missing: Vec<String> = leaves
        .into_iter()
        .filter(|leaf| !ran.iter().any(|args| args.starts_with(leaf)))
        .filter(|leaf| !(leaf.len() == 1 && on_the_server.contains(&leaf[0].as_str())))
        .map(|leaf| leaf.join(" "))
        .collect();
    assert!(
        missing.is_empty(),
        "subcommands without a --json case here: {missing:?}"
    );
}

/// Without `--recovery-key-out` the recovery key is part of the one JSON
/// document `encrypt --json` prints, and it opens the folder.
#[test]
fn encrypt_with_json_prints_the_recovery_key_in_its_one_document() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("taskforce.sqlite3");
    ok(&db, &["members", "seed"]);
    let said: serde_json::Value = serde_json::from_str(&ok(&db, &["--json", "encrypt"])).unwrap();
    let key = said["recovery_key"].as_str().expect("the recovery key");
    assert!(said["encrypted"]["backups_encrypted"].is_number(), "{said}");
    let key_file = dir.path().join("herstelsleutel.txt");
    write_private(&key_file, key, 0o600);
    let listed = ok(
        &db,
        &[
            "--key-file",
            key_file.to_str().unwrap(),
            "members",
            "list",
            "--term",
            "5",
        ],
    );
    assert!(listed.contains("Marechaussee"), "{listed}");
}

/// An encryption cut off (the marker says `converting`) is finished by the
/// next command that has the key, as the window does at its next start —
/// never refused as "unfinished".
#[test]
fn the_cli_finishes_an_encryption_that_was_cut_off() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("taskforce.sqlite3");
    ok(&db, &["members", "seed"]);
    let key = taskforce::encryption::DataKey::generate().unwrap();
    taskforce::encryption::FolderEncryption {
        converting: true,
        ..taskforce::encryption::FolderEncryption::new(&key).unwrap()
    }
    .write(&db)
    .unwrap();
    let key_file = dir.path().join("herstelsleutel.txt");
    write_private(&key_file, &key.recovery_text(), 0o600);

    let listed = ok(
        &db,
        &[
            "--key-file",
            key_file.to_str().unwrap(),
            "members",
            "list",
            "--term",
            "5",
        ],
    );
    assert!(listed.contains("Marechaussee"), "{listed}");
    let marker = taskforce::encryption::FolderEncryption::read(&db)
        .unwrap()
        .unwrap();
    assert!(!marker.converting, "finished");
    let header = std::fs::read(&db).unwrap();
    assert!(
        !header.starts_with(b"SQLite format 3\0"),
        "the database is encrypted now"
    );
}
