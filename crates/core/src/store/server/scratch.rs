//! A throw-away database on a real PostgreSQL server, for the tests of the
//! server backend (never used by the app).
//!
//! The server is the one `scripts/test` starts with Debian's
//! `pg_virtualenv`, found by the standard `PGHOST`, `PGPORT`, `PGUSER` and
//! `PGPASSWORD` variables. Each scratch database is created fresh, named
//! after the test process, and dropped when it goes. Without a server the
//! tests are skipped with a line saying so — unless
//! `TASKFORCE_REQUIRE_SERVER` is set, as `scripts/test` and CI set it, where
//! a missing server fails them.

use std::sync::atomic::{AtomicU32, Ordering};

/// A fresh, empty database on the test server.
pub struct Scratch {
    admin: String,
    name: String,
}

impl Scratch {
    /// A new empty database, or `None` (after saying why) where no test
    /// server is configured and none is required.
    pub fn create() -> Option<Scratch> {
        let Some(admin) = admin_address() else {
            if std::env::var_os("TASKFORCE_REQUIRE_SERVER").is_some() {
                panic!("TASKFORCE_REQUIRE_SERVER is set but PGHOST is not: run the tests through scripts/test");
            }
            eprintln!("skipped: no PostgreSQL test server (PGHOST unset); scripts/test starts one");
            return None;
        };
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let name = format!(
            "taskforce_test_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let mut client = connect(&admin);
        client
            // UTF-8 whatever the test cluster was made with (a CI shell
            // without LANG makes an SQL_ASCII one), as the app requires.
            .batch_execute(&format!(
                "CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'
                 LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
            ))
            .unwrap_or_else(|e| panic!("creating {name}: {e}"));
        Some(Scratch { admin, name })
    }

    /// The connection string of the scratch database, as its owner.
    /// The scratch database's name (the record's roles are named after it).
    pub fn database(&self) -> &str {
        &self.name
    }

    pub fn address(&self) -> String {
        format!("{} dbname={}", self.admin, self.name)
    }

    /// The connection string of the scratch database as `role` (password
    /// `role` too), a login made for the test.
    pub fn address_as(&self, role: &str) -> String {
        let address = self.address_without_access(role);
        connect(&self.address())
            .batch_execute(&format!(
                "GRANT CONNECT ON DATABASE {} TO {role}",
                self.name
            ))
            .unwrap_or_else(|e| panic!("letting {role} in: {e}"));
        address
    }

    /// [`Scratch::address_as`] for a login the administrator has not let
    /// into the database.
    pub fn address_without_access(&self, role: &str) -> String {
        let mut client = connect(&self.address());
        client
            .batch_execute(&format!(
                "DO $$ BEGIN
                     IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN
                         CREATE ROLE {role} LOGIN PASSWORD '{role}';
                     END IF;
                 END $$;"
            ))
            .unwrap_or_else(|e| panic!("making the role {role}: {e}"));
        format!(
            "{} dbname={} user={role} password={role}",
            self.admin_without_user(),
            self.name
        )
    }

    /// The scratch database as a URL without its password, and the
    /// password apart: what a user types and what their `.pgpass` holds.
    pub fn url_and_password(&self) -> (String, String) {
        let var =
            |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.into());
        (
            format!(
                "postgres://{}@{}:{}/{}",
                var("PGUSER", "postgres"),
                var("PGHOST", "localhost"),
                var("PGPORT", "5432"),
                self.name
            ),
            var("PGPASSWORD", ""),
        )
    }

    /// A `.pgpass` file in `dir` (readable by its owner alone, as libpq
    /// wants it) holding `password` for any server: what a user's own file
    /// gives the CLI.
    pub fn pgpass_in(dir: &std::path::Path, password: &str) -> std::path::PathBuf {
        let file = dir.join("pgpass");
        std::fs::write(&file, format!("*:*:*:*:{password}\n"))
            .unwrap_or_else(|e| panic!("writing {}: {e}", file.display()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))
                .unwrap_or_else(|e| panic!("restricting {}: {e}", file.display()));
        }
        file
    }

    /// A direct connection to the scratch database, for a test to look at
    /// or change what the app wrote.
    pub fn client(&self) -> postgres::Client {
        connect(&self.address())
    }

    /// Stops and starts the whole test server, as a restart by its
    /// administrator would: every open connection is lost. The server's
    /// superuser asks `pg_ctl` to do it from the server itself (as
    /// `serve_tls` writes its files), detached, so it works on whatever
    /// cluster `scripts/test` started; this waits until the new server
    /// takes connections. Tests run one at a time there (`--test-threads=1`)
    /// and this one has a test binary of its own.
    pub fn restart_server(&self) {
        let mut client = connect(&self.admin);
        let (bindir, data, started): (String, String, String) = client
            .query_one(
                "SELECT (SELECT setting FROM pg_config WHERE name = 'BINDIR'),
                        current_setting('data_directory'), pg_postmaster_start_time()::text",
                &[],
            )
            .and_then(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?)))
            .unwrap_or_else(|e| panic!("reading where the server lives: {e:?}"));
        let clean = |path: &str| path.replace(['\'', '"'], "");
        client
            .batch_execute(&format!(
                "COPY (SELECT 1) TO PROGRAM 'setsid nohup \"{}/pg_ctl\" restart -D \"{}\" -m fast -w > /dev/null 2>&1 &'",
                clean(&bindir),
                clean(&data)
            ))
            .unwrap_or_else(|e| panic!("restarting the server: {e:?}"));
        drop(client);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            let restarted = postgres::Client::connect(&self.admin, postgres::NoTls)
                .ok()
                .and_then(|mut c| {
                    c.query_one("SELECT pg_postmaster_start_time()::text", &[])
                        .ok()
                })
                .and_then(|row| row.try_get::<_, String>(0).ok())
                .is_some_and(|now| now != started);
            if restarted {
                return;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the test server did not come back within a minute"
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }

    /// Has the test server offer TLS with `certificate` and `key` (PEM),
    /// for connections made from now on. Changes the throw-away cluster
    /// `scripts/test` starts, as its superuser: the files are written by the
    /// server itself (readable by the server alone, as PostgreSQL wants a
    /// key), into its data directory.
    pub fn serve_tls(&self, certificate: &str, key: &str) {
        let mut client = connect(&self.admin);
        let files = format!(
            "DO $do$ DECLARE file oid; BEGIN
                 file := lo_from_bytea(0, convert_to($pem${certificate}$pem$, 'UTF8'));
                 PERFORM lo_export(file, current_setting('data_directory') || '/taskforce-test.crt');
                 PERFORM lo_unlink(file);
                 file := lo_from_bytea(0, convert_to($pem${key}$pem$, 'UTF8'));
                 PERFORM lo_export(file, current_setting('data_directory') || '/taskforce-test.key');
                 PERFORM lo_unlink(file);
             END $do$"
        );
        let data: String = client
            .query_one("SHOW data_directory", &[])
            .and_then(|row| row.try_get(0))
            .unwrap_or_else(|e| panic!("serving TLS: {e:?}"));
        // The server writes files readable by all; it wants its key
        // readable by itself alone.
        let restrict = format!(
            "COPY (SELECT 1) TO PROGRAM 'chmod 600 \"{}/taskforce-test.key\"'",
            data.replace(['\'', '"'], "")
        );
        // One statement each: ALTER SYSTEM runs outside a transaction.
        for statement in [
            files.as_str(),
            restrict.as_str(),
            "ALTER SYSTEM SET ssl_cert_file = 'taskforce-test.crt'",
            "ALTER SYSTEM SET ssl_key_file = 'taskforce-test.key'",
            "ALTER SYSTEM SET ssl = on",
            "SELECT pg_reload_conf()",
        ] {
            client
                .batch_execute(statement)
                .unwrap_or_else(|e| panic!("serving TLS: {e:?}"));
        }
    }

    /// Lets `role` (made here, without a password) into the scratch
    /// database only by a client certificate that `ca` (PEM) signed for
    /// it, over TLS (`pg_hba`'s `cert` method, the lines put first so they
    /// decide for this role and database alone). Needs [`Scratch::serve_tls`].
    pub fn allow_certificate_login(&self, role: &str, ca: &str) {
        let mut client = connect(&self.admin);
        let hba: String = client
            .query_one("SELECT pg_read_file(current_setting('hba_file'))", &[])
            .and_then(|row| row.try_get(0))
            .unwrap_or_else(|e| panic!("reading pg_hba: {e:?}"));
        let lines = format!(
            "hostssl {db} {role} 127.0.0.1/32 cert\nhostssl {db} {role} ::1/128 cert\n",
            db = self.name
        );
        let files = format!(
            "DO $do$ DECLARE file oid; BEGIN
                 file := lo_from_bytea(0, convert_to($pem${ca}$pem$, 'UTF8'));
                 PERFORM lo_export(file, current_setting('data_directory') || '/taskforce-test-ca.crt');
                 PERFORM lo_unlink(file);
                 file := lo_from_bytea(0, convert_to($hba${lines}{hba}$hba$, 'UTF8'));
                 PERFORM lo_export(file, current_setting('hba_file'));
                 PERFORM lo_unlink(file);
             END $do$"
        );
        for statement in [
            format!(
                "DO $$ BEGIN
                     IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN
                         CREATE ROLE {role} LOGIN;
                     END IF;
                 END $$"
            ),
            format!("GRANT CONNECT ON DATABASE {} TO {role}", self.name),
            files,
            "ALTER SYSTEM SET ssl_ca_file = 'taskforce-test-ca.crt'".to_string(),
            "SELECT pg_reload_conf()".to_string(),
        ] {
            client
                .batch_execute(&statement)
                .unwrap_or_else(|e| panic!("letting {role} in by certificate: {e:?}"));
        }
    }

    /// Has the test server offer no TLS, for connections made from now on.
    pub fn stop_tls(&self) {
        let mut client = connect(&self.admin);
        for statement in ["ALTER SYSTEM SET ssl = off", "SELECT pg_reload_conf()"] {
            client
                .batch_execute(statement)
                .unwrap_or_else(|e| panic!("stopping TLS: {e:?}"));
        }
    }

    fn admin_without_user(&self) -> String {
        self.admin
            .split_whitespace()
            .filter(|part| !part.starts_with("user=") && !part.starts_with("password="))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // Connections of the test may still be closing.
        let (admin, name) = (self.admin.clone(), self.name.clone());
        let drop_database = move || {
            if let Ok(mut client) = postgres::Client::connect(&admin, postgres::NoTls) {
                let _ =
                    client.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        };
        // The blocking client cannot run on a thread that drives async
        // tasks (an end-to-end test that failed there): on its own thread.
        if tokio::runtime::Handle::try_current().is_ok() {
            let _ = std::thread::spawn(drop_database).join();
        } else {
            drop_database();
        }
    }
}

/// The test server's own database, from the `PG*` variables.
fn admin_address() -> Option<String> {
    let host = std::env::var("PGHOST").ok()?;
    let var = |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.into());
    Some(format!(
        "host={host} port={} user={} password={} dbname={}",
        var("PGPORT", "5432"),
        var("PGUSER", "postgres"),
        var("PGPASSWORD", ""),
        var("PGDATABASE", "postgres"),
    ))
}

fn connect(address: &str) -> postgres::Client {
    postgres::Client::connect(address, postgres::NoTls)
        .unwrap_or_else(|e| panic!("the PostgreSQL test server: {e}"))
}
