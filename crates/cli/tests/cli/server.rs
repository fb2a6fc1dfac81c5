//! The CLI on the shared server (`--server`), on the real PostgreSQL that
//! `scripts/test` starts: the same commands, the password from a `.pgpass`
//! file, clear refusals for what only a data folder has.

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
