//! The CLI on the shared server (`--server`), on the real PostgreSQL that
//! `scripts/test` starts: the same commands, the password from a `.pgpass`
//! file, `PGPASSWORD` or the window's keychain entry, clear refusals for
//! what only a data folder has.

use std::process::{Command, Output};
use taskforce::store::server::scratch::Scratch;

fn cli(address: &str, pgpass: Option<&std::path::Path>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_taskforce-cli"));
    command
        .arg("--server")
        .arg(address)
        .args(args)
        .env_remove("TASKFORCE_DB")
        .env_remove("TASKFORCE_SERVER")
        .env_remove("PGPASSWORD")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "nl_NL.UTF-8");
    match pgpass {
        Some(file) => command.env("PGPASSFILE", file),
        None => command.env("PGPASSFILE", "/nonexistent/pgpass"),
    };
    command.output().expect("run taskforce-cli")
}

fn ok(address: &str, pgpass: &std::path::Path, args: &[&str]) -> String {
    let out = cli(address, Some(pgpass), args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

#[test]
fn the_cli_keeps_the_record_on_the_server_with_the_password_from_pgpass() {
    let Some(scratch) = Scratch::create() else {
        return;
    };
    let (url, password) = scratch.url_and_password();
    let dir = tempfile::tempdir().unwrap();
    let pgpass = Scratch::pgpass_in(dir.path(), &password);
    let members = dir.path().join("leden.txt");
    std::fs::write(&members, taskforce::TERM5_MEMBERS).unwrap();

    ok(
        &url,
        &pgpass,
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
    ok(
        &url,
        &pgpass,
        &[
            "members",
            "import",
            "--term",
            "5",
            members.to_str().unwrap(),
        ],
    );
    ok(
        &url,
        &pgpass,
        &[
            "subject",
            "add",
            "--title",
            "Casus Rotterdam haven",
            "--kind",
            "casus",
        ],
    );
    let listed: serde_json::Value =
        serde_json::from_str(&ok(&url, &pgpass, &["--json", "subject", "list"])).unwrap();
    let titles: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Casus Rotterdam haven"]);
    let seats: serde_json::Value = serde_json::from_str(&ok(
        &url,
        &pgpass,
        &["--json", "members", "list", "--term", "5"],
    ))
    .unwrap();
    assert_eq!(seats.as_array().unwrap().len(), 21);
    // `check` reads the server's record as it reads a file.
    let checked: serde_json::Value =
        serde_json::from_str(&ok(&url, &pgpass, &["--json", "check"])).unwrap();
    assert_eq!(checked["problems"], serde_json::json!([]), "{checked}");
    assert_eq!(checked["search_index_ok"], true);

    // What only a data folder has is refused with why, and nothing else.
    let out = cli(&url, Some(&pgpass), &["backup"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("de beheerder"), "{stderr}");
}

#[test]
fn a_wrong_password_or_none_and_an_unreachable_server_are_clear_errors() {
    let Some(scratch) = Scratch::create() else {
        return;
    };
    let (url, _) = scratch.url_and_password();
    let dir = tempfile::tempdir().unwrap();
    let wrong = Scratch::pgpass_in(dir.path(), "niet-het-wachtwoord");
    for pgpass in [Some(wrong.as_path()), None] {
        let out = cli(&url, pgpass, &["term", "list"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(7), "{stderr}");
        assert!(
            stderr.contains("aanmelden op de server is mislukt"),
            "{stderr}"
        );
    }
    let out = cli(
        "postgres://iemand@127.0.0.1:1/taskforce",
        None,
        &["term", "list"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{stderr}");
    assert!(stderr.contains("niet bereikbaar"), "{stderr}");
}

/// The record as its owner sees it, checked: how many subjects, and whether
/// the audit log's chain holds.
fn subjects_and_chain(scratch: &Scratch) -> (usize, Option<taskforce::domain::Id>) {
    let clock = std::sync::Arc::new(taskforce::SystemClock);
    let store = taskforce::Store::open_server(&scratch.address(), clock).unwrap();
    (
        store.subjects(&Default::default()).unwrap().len(),
        store.audit_broken_at().unwrap(),
    )
}

#[test]
fn five_colleagues_writing_two_hundred_times_at_once_lose_nothing_and_keep_one_chain() {
    let Some(scratch) = Scratch::create() else {
        return;
    };
    let (url, password) = scratch.url_and_password();
    let dir = tempfile::tempdir().unwrap();
    let pgpass = Scratch::pgpass_in(dir.path(), &password);
    // The schema made first, as the owner's first start does.
    ok(&url, &pgpass, &["subject", "list"]);
    let started = std::time::Instant::now();
    let writers: Vec<_> = (0..5)
        .map(|writer| {
            let (url, pgpass) = (url.clone(), pgpass.clone());
            std::thread::spawn(move || {
                let mut failures = Vec::new();
                for n in 0..200 {
                    let title = format!("Schrijver {writer} onderwerp {n}");
                    let out = cli(
                        &url,
                        Some(&pgpass),
                        &["subject", "add", "--title", &title, "--kind", "fenomeen"],
                    );
                    if !out.status.success() {
                        failures.push(String::from_utf8_lossy(&out.stderr).into_owned());
                    }
                }
                failures
            })
        })
        .collect();
    let failures: Vec<String> = writers
        .into_iter()
        .flat_map(|writer| writer.join().unwrap())
        .collect();
    eprintln!(
        "5 × 200 writes by separate CLI processes in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(failures, Vec::<String>::new());
    let (subjects, broken) = subjects_and_chain(&scratch);
    assert_eq!(subjects, 1000, "every write is there");
    assert_eq!(broken, None, "one chain, unbroken");
    let logged: i64 = scratch
        .client()
        .query_one(
            "SELECT count(*) FROM audit_log WHERE table_name = 'subjects' AND action = 'insert'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(logged, 1000, "one log entry per write");
}

#[test]
fn a_colleague_killed_in_the_middle_of_a_write_leaves_nothing_half_written() {
    let Some(scratch) = Scratch::create() else {
        return;
    };
    let (url, password) = scratch.url_and_password();
    let dir = tempfile::tempdir().unwrap();
    let pgpass = Scratch::pgpass_in(dir.path(), &password);
    ok(
        &url,
        &pgpass,
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
    let members = dir.path().join("leden.txt");
    std::fs::write(&members, taskforce::TERM5_MEMBERS).unwrap();

    // The test holds the audit log, so the import stops inside its
    // transaction after its first seat, waiting to log it.
    let mut holder = scratch.client();
    let mut held = holder.transaction().unwrap();
    held.batch_execute("LOCK TABLE audit_log IN EXCLUSIVE MODE")
        .unwrap();
    let mut import = std::process::Command::new(env!("CARGO_BIN_EXE_taskforce-cli"))
        .args(["--server", &url, "members", "import", "--term", "5"])
        .arg(&members)
        .env("PGPASSFILE", &pgpass)
        .env_remove("PGPASSWORD")
        .env_remove("TASKFORCE_SERVER")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut watcher = scratch.client();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(8);
    loop {
        let waiting: i64 = watcher
            .query_one(
                "SELECT count(*) FROM pg_stat_activity
                  WHERE datname = current_database() AND wait_event_type = 'Lock'",
                &[],
            )
            .unwrap()
            .get(0);
        if waiting == 1 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the import never reached the log"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // kill -9: the client gets no chance to roll back.
    import.kill().unwrap();
    import.wait().unwrap();
    held.rollback().unwrap();

    let (subjects, broken) = subjects_and_chain(&scratch);
    assert_eq!((subjects, broken), (0, None));
    let seats: i64 = watcher
        .query_one("SELECT count(*) FROM seats", &[])
        .unwrap()
        .get(0);
    assert_eq!(seats, 0, "no seat of the cut-off import");
    // The next writer is not kept waiting by the dead one.
    ok(
        &url,
        &pgpass,
        &[
            "members",
            "import",
            "--term",
            "5",
            members.to_str().unwrap(),
        ],
    );
    let seats: i64 = watcher
        .query_one("SELECT count(*) FROM seats", &[])
        .unwrap()
        .get(0);
    assert_eq!(seats, 21);
    assert_eq!(subjects_and_chain(&scratch).1, None);
}

/// The CLI on a data folder, with the server's password file at hand.
fn on_folder(db: &std::path::Path, pgpass: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_taskforce-cli"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("TASKFORCE_DB")
        .env_remove("TASKFORCE_SERVER")
        .env_remove("PGPASSWORD")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "nl_NL.UTF-8")
        .env("PGPASSFILE", pgpass)
        .output()
        .expect("run taskforce-cli")
}

#[test]
fn a_data_folder_moves_to_the_server_and_the_servers_record_comes_back_as_a_file() {
    let Some(scratch) = Scratch::create() else {
        return;
    };
    let (url, password) = scratch.url_and_password();
    let dir = tempfile::tempdir().unwrap();
    let pgpass = Scratch::pgpass_in(dir.path(), &password);
    let db = dir.path().join("taskforce.sqlite3");
    let succeeded = |out: Output| {
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "{stderr}");
        String::from_utf8(out.stdout).unwrap()
    };
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
        &[
            "subject",
            "add",
            "--title",
            "Casus Rotterdam haven",
            "--kind",
            "casus",
        ],
    ] {
        succeeded(on_folder(&db, &pgpass, args));
    }
    let said = succeeded(on_folder(&db, &pgpass, &["move-to-server", &url]));
    assert!(said.contains("de keten gecontroleerd"), "{said}");
    // With --json: one document saying what was copied (the second subject
    // moves into a second, empty database).
    let other = Scratch::create().unwrap();
    let (other_url, _) = other.url_and_password();
    let moved: serde_json::Value = serde_json::from_str(&succeeded(on_folder(
        &db,
        &pgpass,
        &["--json", "move-to-server", &other_url],
    )))
    .unwrap();
    // The term, the subject and the five seeded tags.
    assert_eq!(moved["rows"], 7, "{moved}");
    let listed: serde_json::Value =
        serde_json::from_str(&ok(&url, &pgpass, &["--json", "subject", "list"])).unwrap();
    assert_eq!(listed[0]["title"], "Casus Rotterdam haven");
    // Twice is refused: the server holds a record now.
    let again = on_folder(&db, &pgpass, &["move-to-server", &url]);
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("niet leeg"),
        "{again:?}"
    );

    let copy = dir.path().join("kopie.sqlite3");
    let said = ok(&url, &pgpass, &["copy-to-file", copy.to_str().unwrap()]);
    assert!(said.contains("niet versleuteld"), "{said}");
    let json_copy = dir.path().join("kopie-json.sqlite3");
    let copied: serde_json::Value = serde_json::from_str(&ok(
        &url,
        &pgpass,
        &["--json", "copy-to-file", json_copy.to_str().unwrap()],
    ))
    .unwrap();
    assert_eq!(copied["rows"], 7, "{copied}");
    let listed: serde_json::Value = serde_json::from_str(&succeeded(on_folder(
        &copy,
        &pgpass,
        &["--json", "subject", "list"],
    )))
    .unwrap();
    assert_eq!(listed[0]["title"], "Casus Rotterdam haven");
    let out = cli(
        &url,
        Some(&pgpass),
        &["copy-to-file", copy.to_str().unwrap()],
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("bestaat al"),
        "{out:?}"
    );
    // On a folder, copy-to-file has nothing to copy from.
    let out = on_folder(&db, &pgpass, &["copy-to-file", "elders.sqlite3"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--server"),
        "{out:?}"
    );
}

#[test]
fn the_password_comes_from_pgpassword_or_the_windows_keychain_entry() {
    let Some(scratch) = Scratch::create() else {
        return;
    };
    let (url, password) = scratch.url_and_password();
    // As psql takes it.
    let out = Command::new(env!("CARGO_BIN_EXE_taskforce-cli"))
        .args(["--server", &url, "term", "list"])
        .env_remove("TASKFORCE_SERVER")
        .env("PGPASSFILE", "/nonexistent/pgpass")
        .env("PGPASSWORD", &password)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // As the window kept it for this login.
    let login = taskforce::store::server::Login::parse(&url)
        .unwrap()
        .describe();
    match taskforce_folder::keychain::save_server_password(&login, &password) {
        Ok(()) => {}
        Err(_) if std::env::var_os("TASKFORCE_REQUIRE_KEYRING").is_none() => return,
        Err(missing) => panic!("no keychain: {missing:?}"),
    }
    let out = cli(&url, None, &["term", "list"]);
    let _ = taskforce_folder::keychain::forget_server_password(&login);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
