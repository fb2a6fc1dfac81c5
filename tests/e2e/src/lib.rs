#![allow(clippy::unwrap_used)] // a test: a failed step is the failure it reports
//! Harness for the end-to-end tests: starts `tauri-driver` on free loopback
//! ports, opens a WebDriver session on the built app with its own temp data
//! dir, and stops everything (SIGTERM, so WebKitWebDriver goes too) when the
//! test ends, also when it fails.
//!
//! Needs the debug app built (`cargo build -p taskforce-app`), `tauri-driver`
//! and `WebKitWebDriver`, and a display: `scripts/test` runs it under Xvfb.

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long a list took to show its first rows (see [`App::time_to_rows`]).
#[derive(Debug, Clone, Copy)]
pub struct RowsTiming {
    /// Click to the first rows in the document and the next frame.
    pub total_ms: f64,
    /// Click to the first command sent to the app.
    pub asked_ms: f64,
    /// Click to the last answer of the app that came before the rows; -1
    /// when none did (rows sent on a channel ahead of the answer).
    pub data_ms: f64,
}

pub struct App {
    pub client: Client,
    pub data_dir: tempfile::TempDir,
    driver: Driver,
    /// Put before each screenshot's name (`server-` on the shared server),
    /// so one test's run on both backends keeps both sets.
    screenshot_prefix: &'static str,
}

/// The tauri-driver process; SIGTERM on drop lets it stop WebKitWebDriver.
struct Driver(Child);

/// Whether an instance of the app binary still runs. The app is single
/// instance, so the next test's start would hand over to a lingering one.
fn app_running() -> bool {
    let binary = app_binary();
    std::fs::read_dir("/proc")
        .map(|entries| {
            entries.flatten().any(|entry| {
                std::fs::read_link(entry.path().join("exe")).is_ok_and(|exe| exe == binary)
            })
        })
        .unwrap_or(false)
}

/// Whether an instance still holds the app's D-Bus name
/// (tauri-plugin-single-instance). A dying process keeps it until its
/// socket is closed, which comes after its `/proc` exe link is gone; a start
/// in between hands over to the dying instance and exits.
fn single_instance_name_held() -> bool {
    Command::new("dbus-send")
        .args([
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.ListNames",
        ])
        .output()
        .is_ok_and(|o| {
            String::from_utf8_lossy(&o.stdout)
                .contains("nl.taskforce-mensenhandel.secretariaat.SingleInstance")
        })
}

/// Waits for the app instances this harness started to exit; one left
/// behind by a failed test (its session never closed) is ended, so the next
/// test does not hand over to it.
fn wait_until_app_gone() {
    let deadline = Instant::now() + Duration::from_secs(10);
    while (app_running() || single_instance_name_held()) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    if app_running() {
        let binary = app_binary();
        for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            if std::fs::read_link(entry.path().join("exe")).is_ok_and(|exe| exe == binary) {
                let _ = Command::new("kill")
                    .arg("-KILL")
                    .arg(entry.file_name())
                    .status();
            }
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.0.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                wait_until_app_gone();
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
        wait_until_app_gone();
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn app_binary() -> PathBuf {
    let path = std::env::var_os("TASKFORCE_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            // Where cargo put it: $CARGO_TARGET_DIR, else the workspace's target/.
            std::env::var_os("CARGO_TARGET_DIR")
                .map(|dir| workspace_root().join(dir))
                .unwrap_or_else(|| workspace_root().join("target"))
                .join("debug/taskforce-app")
        });
    assert!(
        path.exists(),
        "{} missing: build the app first (cargo build -p taskforce-app)",
        path.display()
    );
    path.canonicalize().expect("app path")
}

/// The CLI of the same build, to prepare a database before the app starts.
pub fn cli_binary() -> PathBuf {
    app_binary().with_file_name("taskforce-cli")
}

/// Runs that CLI on `db` in Dutch; a failure fails the test with its error.
pub fn run_cli(db: &Path, args: &[&str]) {
    run(Command::new(cli_binary()).arg("--db").arg(db), args);
}

/// Runs that CLI on the shared server at `address` as a colleague would,
/// the password from the `.pgpass` file `pgpass`.
pub fn run_cli_on_server(address: &str, pgpass: &Path, args: &[&str]) {
    run(
        Command::new(cli_binary())
            .arg("--server")
            .arg(address)
            .env("PGPASSFILE", pgpass),
        args,
    );
}

fn run(cli: &mut Command, args: &[&str]) {
    let out = cli
        .args(args)
        .env("LANG", "nl_NL.UTF-8")
        .output()
        .expect("taskforce-cli");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn tauri_driver() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(path);
    }
    // `cargo install` puts it in $CARGO_HOME/bin (~/.cargo/bin by default).
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")));
    let cargo_bin = cargo_home
        .map(|home| home.join("bin/tauri-driver"))
        .filter(|p| p.exists());
    cargo_bin.unwrap_or_else(|| PathBuf::from("tauri-driver"))
}

/// A loopback port that nothing listens on, taken from below the kernel's
/// ephemeral range: a port from inside it (what binding port 0 gives) can be
/// handed to any outgoing connection — our own wait for tauri-driver
/// included — between this check and WebKitWebDriver's bind, which then
/// fails ("Unable to listen for HTTP server").
fn free_port() -> u16 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let (low, high) = std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|text| {
            let mut parts = text.split_whitespace().map(str::parse::<u32>);
            Some((parts.next()?.ok()?, parts.next()?.ok()?))
        })
        .unwrap_or((32768, 60999));
    let (from, to) = if low > 12000 {
        (10000, low - 1)
    } else {
        (high + 1, 65535)
    };
    let span = to - from + 1;
    let start = std::process::id().wrapping_mul(7919);
    for _ in 0..span {
        let offset = start.wrapping_add(NEXT.fetch_add(1, Ordering::Relaxed)) % span;
        let port = u16::try_from(from + offset).expect("a port number");
        if TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
    panic!("no free loopback port between {from} and {to}");
}

fn wait_for_port(port: u16, timeout: Duration) {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("tauri-driver did not listen on port {port} within {timeout:?}");
}

impl App {
    /// Starts the app on a fresh, empty data dir.
    pub async fn launch() -> App {
        Self::launch_in(tempfile::tempdir().expect("temp data dir")).await
    }

    /// Starts the app on a fresh data dir as if it were `start` (RFC 3339):
    /// the debug app's clock runs on from there, so a test of "today" sees
    /// the same day whenever it runs.
    pub async fn launch_at(start: &str) -> App {
        Self::start(tempfile::tempdir().expect("temp data dir"), Some(start)).await
    }

    pub async fn launch_in(data_dir: tempfile::TempDir) -> App {
        Self::start(data_dir, None).await
    }

    /// Starts the app on `data_dir` (set up beforehand, e.g. by the CLI) as
    /// if it were `start` (RFC 3339).
    pub async fn launch_in_at(data_dir: tempfile::TempDir, start: &str) -> App {
        Self::start(data_dir, Some(start)).await
    }

    /// Starts the app on a fresh data dir whose record is the shared server
    /// at `url` (chosen as the settings choose it: the address in the
    /// folder, the password in the keychain), as if it were `start`.
    pub async fn launch_on_server_at(url: &str, password: &str, start: &str) -> App {
        let data_dir = tempfile::tempdir().expect("temp data dir");
        std::fs::write(data_dir.path().join("taskforce-server"), format!("{url}\n"))
            .expect("choose the server");
        let login = taskforce::store::server::Login::parse(url).expect("server address");
        // The keychain's client blocks: off the test's async workers.
        tokio::task::block_in_place(|| {
            taskforce_folder::keychain::save_server_password(&login.describe(), password)
        })
        .expect("the server's password in the keychain");
        let mut app = Self::start_app(data_dir, Some(start)).await;
        app.screenshot_prefix = "server-";
        app
    }

    /// Chooses the shared server at `url` in the settings, as a secretary
    /// does (address, password, connect), and waits until the window is on
    /// it.
    pub async fn connect_to_server(&self, url: &str, password: &str) {
        self.open("settings").await;
        self.set_value("[data-testid=server-address]", url).await;
        self.set_value("[data-testid=server-password]", password)
            .await;
        self.click("[data-testid=server-connect]").await;
        self.wait_for("[data-testid=server-indicator]").await;
    }

    /// Starts the app on `data_dir` and leaves the first start's recovery
    /// key on screen (for the tests of encryption itself).
    pub async fn launch_keeping_recovery_key(data_dir: tempfile::TempDir) -> App {
        Self::start_app(data_dir, None).await
    }

    /// As a user at a first start: a new data folder is encrypted, and its
    /// recovery key is shown first; it is marked as kept, and the app goes
    /// on to its first screen.
    async fn start(data_dir: tempfile::TempDir, start_at: Option<&str>) -> App {
        let fresh = !data_dir.path().join("taskforce.sqlite3").exists();
        let app = Self::start_app(data_dir, start_at).await;
        if fresh {
            app.keep_recovery_key().await;
        }
        app
    }

    /// Confirms the recovery key on screen as kept; returns it.
    pub async fn keep_recovery_key(&self) -> String {
        let key = self.text("[data-testid=recovery-key]").await;
        self.click("[data-testid=recovery-kept]").await;
        self.click("[data-testid=recovery-confirm]").await;
        key
    }

    /// Starts the app where no keychain can be reached (no D-Bus session
    /// bus, so no Secret Service), as on a bare server session.
    pub async fn launch_without_keychain(data_dir: tempfile::TempDir) -> App {
        Self::start_with(data_dir, None, true).await
    }

    async fn start_app(data_dir: tempfile::TempDir, start_at: Option<&str>) -> App {
        Self::start_with(data_dir, start_at, false).await
    }

    async fn start_with(
        data_dir: tempfile::TempDir,
        start_at: Option<&str>,
        no_keychain: bool,
    ) -> App {
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": app_binary().to_string_lossy() }),
        );
        // tauri-driver now and then drops the very first session request
        // while WebKitWebDriver is still starting (IncompleteMessage), and a
        // WebKitWebDriver that could not listen fails every request after:
        // a new driver on new ports a moment later gets the session.
        let mut attempt = 0;
        let (client, driver) = loop {
            attempt += 1;
            wait_until_app_gone();
            let port = free_port();
            let native_port = free_port();
            let mut command = Command::new(tauri_driver());
            match start_at {
                Some(start) => command.env("TASKFORCE_START_AT", start),
                None => command.env_remove("TASKFORCE_START_AT"),
            };
            if no_keychain {
                command.env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
            }
            let child = command
                .args([
                    "--port",
                    &port.to_string(),
                    "--native-port",
                    &native_port.to_string(),
                ])
                .env("TASKFORCE_DATA_DIR", data_dir.path())
                .env_remove("TASKFORCE_DB")
                .stdout(Stdio::null())
                .stderr(Stdio::inherit())
                .spawn()
                .expect("start tauri-driver (cargo install tauri-driver --version ^2 --locked)");
            let driver = Driver(child);
            wait_for_port(port, Duration::from_secs(15));
            match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => break (client, driver),
                Err(e) if attempt < 3 => {
                    eprintln!("WebDriver session, attempt {attempt}: {e}; trying again");
                    drop(driver);
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(e) => panic!("WebDriver session on the app: {e}"),
            }
        };
        App {
            client,
            data_dir,
            driver,
            screenshot_prefix: "",
        }
    }

    /// The app binary under test.
    pub fn application(&self) -> PathBuf {
        app_binary()
    }

    /// Waits (up to 10 s) for an element by CSS selector.
    pub async fn find(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element '{css}': {e}"))
    }

    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .expect("find_all")
    }

    /// Clicks an element, scrolled to the middle of the window first (a
    /// button under the window's edge or the sticky header is not
    /// clickable); when the page reloads in between (a stale element),
    /// finds it again, for up to 10 s.
    pub async fn click(&self, css: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let element = self.find(css).await;
            let _ = self
                .client
                .execute(
                    "arguments[0].scrollIntoView({ block: 'center' });",
                    vec![serde_json::to_value(&element).unwrap_or_default()],
                )
                .await;
            match element.click().await {
                Ok(()) => return,
                Err(_) if Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("click '{css}': {e}"),
            }
        }
    }

    /// Goes to a route (`#/meeting/2`) as a link to it would.
    pub async fn go_to(&self, hash: &str) {
        self.client
            .execute("location.hash = arguments[0];", vec![hash.into()])
            .await
            .unwrap_or_else(|e| panic!("go to {hash}: {e}"));
    }

    /// Presses Ctrl with `key` on the page outside any field, as a person
    /// using a shortcut does.
    pub async fn press_ctrl(&self, key: char) {
        let body = self.find("body").await;
        // U+E009 is WebDriver's Control, held until U+E000 releases it.
        body.send_keys(&format!("\u{E009}{key}\u{E000}"))
            .await
            .unwrap_or_else(|e| panic!("Ctrl+{key}: {e}"));
    }

    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.expect("text")
    }

    /// Waits until the element's text contains `expected`.
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            // The element may be drawn anew between finding and reading it
            // (a screen loading again): then it is found again.
            let text = self.find(css).await.text().await.unwrap_or_default();
            if text.contains(expected) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "'{css}' shows '{text}', not '{expected}'"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the element's text no longer contains `gone` (or the
    /// element itself is gone).
    pub async fn wait_for_text_gone(&self, css: &str, gone: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let mut shown = String::new();
            for element in self
                .client
                .find_all(Locator::Css(css))
                .await
                .unwrap_or_default()
            {
                shown.push_str(&element.text().await.unwrap_or_default());
            }
            if !shown.contains(gone) {
                return;
            }
            assert!(Instant::now() < deadline, "'{css}' still shows '{gone}'");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The current value of an input, as the person sees it in the field.
    pub async fn value(&self, css: &str) -> String {
        self.find(css)
            .await
            .prop("value")
            .await
            .unwrap_or_else(|e| panic!("value of '{css}': {e}"))
            .unwrap_or_default()
    }

    /// Waits until an input's or select's value is `expected`.
    pub async fn wait_for_value(&self, css: &str, expected: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let value = self.value(css).await;
            if value == expected {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "'{css}' has '{value}', not '{expected}'"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Types into an input or textarea (real key events).
    pub async fn type_into(&self, css: &str, text: &str) {
        let element = self.find(css).await;
        element
            .clear()
            .await
            .unwrap_or_else(|e| panic!("clear '{css}': {e}"));
        element
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into '{css}': {e}"));
    }

    /// Sets a field's value and fires the events a person's edit fires.
    /// For `<select>` and date/time inputs, whose native pickers WebDriver
    /// cannot operate on WebKitGTK.
    pub async fn set_value(&self, css: &str, value: &str) {
        self.find(css).await;
        let script = "const el = document.querySelector(arguments[0]);
                      el.value = arguments[1];
                      el.dispatchEvent(new Event('input', { bubbles: true }));
                      el.dispatchEvent(new Event('change', { bubbles: true }));";
        self.client
            .execute(script, vec![css.into(), value.into()])
            .await
            .unwrap_or_else(|e| panic!("set value of '{css}': {e}"));
    }

    /// Milliseconds, measured inside the page, from clicking `trigger` until
    /// an element matching `rows` is in the document and the next frame
    /// begins, and how much of that went to waiting for the app's answers.
    /// With `search` set, `trigger` is a search field: its value is set and
    /// its form submitted instead of clicked.
    pub async fn time_to_rows(
        &self,
        trigger: &str,
        rows: &str,
        search: Option<&str>,
    ) -> RowsTiming {
        self.find(trigger).await;
        // Every command the page sends is timed (Tauri sends them with
        // `fetch` to its `ipc:` scheme, wrapped here once), so the time
        // splits into waiting for the data (click to the last answer that
        // came before the rows) and the rest: rendering.
        let script = "const [trigger, rows, search, done] = arguments;
            if (!window.__benchTimed) {
              const fetch = window.fetch;
              window.__benchTimed = true;
              window.fetch = (...args) => {
                const answer = fetch.apply(window, args);
                if (String(args[0]).startsWith('ipc:')) {
                  const call = { begin: performance.now(), end: null };
                  window.__benchCalls.push(call);
                  const ended = () => { call.end = performance.now(); };
                  answer.then(ended, ended);
                }
                return answer;
              };
            }
            window.__benchCalls = [];
            const finish = (start) => {
              // A search's first hits come on a channel while its command is
              // still reading the rest: then no answer came before the rows (-1).
              const calls = window.__benchCalls;
              const answered = calls.filter((c) => c.end !== null);
              const asked = calls.length ? Math.min(...calls.map((c) => c.begin)) - start : 0;
              const data = answered.length ? Math.max(...answered.map((c) => c.end)) - start : -1;
              requestAnimationFrame(() => done([performance.now() - start, asked, data]));
            };
            const element = document.querySelector(trigger);
            const start = performance.now();
            if (search === null) {
              element.click();
            } else {
              element.value = search;
              element.dispatchEvent(new Event('input', { bubbles: true }));
              element.form.requestSubmit();
            }
            if (document.querySelector(rows)) { finish(start); return; }
            const observer = new MutationObserver(() => {
              if (document.querySelector(rows)) { observer.disconnect(); finish(start); }
            });
            observer.observe(document.body, { childList: true, subtree: true });
            setTimeout(() => { observer.disconnect(); done([-1, -1, -1]); }, 20000);";
        let elapsed = self
            .client
            .execute_async(
                script,
                vec![
                    trigger.into(),
                    rows.into(),
                    search.map_or(serde_json::Value::Null, Into::into),
                ],
            )
            .await
            .unwrap_or_else(|e| panic!("time '{trigger}' to '{rows}': {e}"));
        let figure = |i: usize| elapsed.get(i).and_then(|v| v.as_f64()).unwrap_or(-1.0);
        let timing = RowsTiming {
            total_ms: figure(0),
            asked_ms: figure(1),
            data_ms: figure(2),
        };
        assert!(
            timing.total_ms >= 0.0,
            "'{rows}' did not appear after '{trigger}'"
        );
        timing
    }

    /// Opens a screen through the navigation, as a person would.
    pub async fn open(&self, screen: &str) {
        self.click(&format!("[data-testid=nav-{screen}]")).await;
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let url = self.client.current_url().await.expect("url");
            if url
                .fragment()
                .is_some_and(|f| f.starts_with(&format!("/{screen}")))
            {
                return;
            }
            assert!(Instant::now() < deadline, "did not reach {screen}: {url}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until an element matching `css` exists.
    pub async fn wait_for(&self, css: &str) {
        self.find(css).await;
    }

    /// Runs axe-core (from the UI's node_modules) in the page and returns the
    /// serious and critical violations as "rule: target" lines.
    pub async fn accessibility_violations(&self) -> Vec<String> {
        let axe = workspace_root().join("ui/node_modules/axe-core/axe.min.js");
        let source =
            std::fs::read_to_string(&axe).unwrap_or_else(|e| panic!("{}: {e}", axe.display()));
        self.client
            .execute(&source, vec![])
            .await
            .expect("load axe-core");
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })
                    .then(r => done(r.violations
                        .filter(v => v.impact === 'serious' || v.impact === 'critical')
                        .flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ')))))
                    .catch(e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await
            .expect("run axe-core");
        result
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Saves a screenshot of the window under `artifacts/screenshots/`.
    pub async fn screenshot(&self, name: &str) {
        // The screen from its top, as a person opening it sees it.
        let _ = self
            .client
            .execute(
                "document.querySelector('main')?.scrollTo(0, 0); window.scrollTo(0, 0);",
                vec![],
            )
            .await;
        self.save_screenshot(name).await;
    }

    /// Saves a screenshot with the element `css` scrolled to the top of the
    /// view, for a part of a long screen (a preview under its form).
    pub async fn screenshot_of(&self, name: &str, css: &str) {
        self.find(css).await;
        self.client
            .execute(
                "document.querySelector(arguments[0]).scrollIntoView({ block: 'start' });",
                vec![css.into()],
            )
            .await
            .unwrap_or_else(|e| panic!("scroll to '{css}': {e}"));
        self.save_screenshot(name).await;
    }

    async fn save_screenshot(&self, name: &str) {
        // WebKit paints this window without compositing (src-tauri's
        // painting.rs), and then its screenshot waits for the next painted
        // frame: on a page where nothing changes it would wait for ever. A
        // few frames are asked for (a pixel of the page's own colour
        // toggled) while the screenshot waits.
        let _ = self
            .client
            .execute(
                "const root = document.documentElement;
                 for (const at of [50, 150, 400, 1000]) setTimeout(() => {
                   root.style.outline = root.style.outline ? '' : '1px solid transparent';
                 }, at);
                 setTimeout(() => { root.style.outline = ''; }, 1100);",
                vec![],
            )
            .await;
        let png = self.client.screenshot().await.expect("screenshot");
        let dir = workspace_root().join("artifacts/screenshots");
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        std::fs::write(
            dir.join(format!("{}{name}.png", self.screenshot_prefix)),
            png,
        )
        .expect("write screenshot");
    }

    /// Answers the GTK file dialog titled `title` with `path`, as a person
    /// typing the location (Ctrl+L) would. WebDriver cannot reach native
    /// dialogs; xdotool types into the real one.
    pub fn answer_file_dialog(&self, title: &str, path: &Path) {
        self.answer_dialog(title, path, "ctrl+l");
    }

    /// Answers the GTK folder dialog titled `title` with the folder `path`:
    /// typing it in the location bar goes into the folder, and confirming
    /// with the location bar emptied chooses the folder the dialog is in.
    pub fn answer_folder_dialog(&self, title: &str, path: &Path) {
        self.answer_dialog_with(title, path, "ctrl+l", "Return");
        std::thread::sleep(Duration::from_millis(500));
        let status = Command::new("xdotool")
            .args(["key", "--clearmodifiers", "alt+o"])
            .status()
            .expect("xdotool");
        assert!(status.success());
    }

    /// Declines the native message dialog titled `title` as a person
    /// would, with Escape. WebDriver cannot reach it: that is the point of
    /// asking there instead of in the page.
    pub fn decline_message_dialog(&self, title: &str) {
        let deadline = std::time::Instant::now() + Duration::from_secs(15);
        let window = loop {
            let found = Command::new("xdotool")
                .args(["search", "--onlyvisible", "--name", title])
                .output()
                .expect("run xdotool (apt install xdotool)");
            let id = String::from_utf8_lossy(&found.stdout)
                .lines()
                .next()
                .map(str::to_string);
            if let Some(id) = id {
                break id;
            }
            if std::time::Instant::now() > deadline {
                let names = Command::new("sh")
                    .args([
                        "-c",
                        "for w in $(xdotool search --onlyvisible --name . 2>/dev/null); do xdotool getwindowname $w; done",
                    ])
                    .output()
                    .map(|o| String::from_utf8_lossy(&o.stdout).to_string())
                    .unwrap_or_default();
                let _ = Command::new("import")
                    .args(["-window", "root"])
                    .arg(workspace_root().join("artifacts/no-dialog.png"))
                    .status();
                panic!("no dialog '{title}' to decline; windows shown: {names}");
            }
            std::thread::sleep(Duration::from_millis(200));
        };
        let status = Command::new("xdotool")
            .args([
                "windowfocus",
                "--sync",
                &window,
                "key",
                "--clearmodifiers",
                "Escape",
            ])
            .status()
            .expect("run xdotool");
        assert!(status.success(), "could not decline the dialog '{title}'");
    }

    /// Answers the GTK save dialog titled `title`: the name field has the
    /// focus, so the whole suggested name is replaced by `path`.
    pub fn answer_save_dialog(&self, title: &str, path: &Path) {
        self.answer_dialog(title, path, "ctrl+a");
    }

    fn answer_dialog(&self, title: &str, path: &Path, first_key: &str) {
        self.answer_dialog_with(title, path, first_key, "Return");
    }

    fn answer_dialog_with(&self, title: &str, path: &Path, first_key: &str, last_key: &str) {
        let xdotool = |args: &[&std::ffi::OsStr]| {
            let output = Command::new("xdotool")
                .args(args)
                .output()
                .expect("run xdotool (apt install xdotool)");
            assert!(
                output.status.success(),
                "xdotool {args:?} failed on the dialog '{title}': {}",
                String::from_utf8_lossy(&output.stderr)
            );
        };
        let os = |s: &'static str| std::ffi::OsStr::new(s);
        xdotool(&[
            os("search"),
            os("--sync"),
            os("--onlyvisible"),
            os("--name"),
            std::ffi::OsStr::new(title),
            os("windowfocus"),
            os("--sync"),
            os("%1"),
            os("key"),
            os("--clearmodifiers"),
            std::ffi::OsStr::new(first_key),
        ]);
        std::thread::sleep(Duration::from_millis(300));
        // `type` takes every remaining argument as text, so it runs alone.
        xdotool(&[os("type"), os("--delay"), os("5"), path.as_os_str()]);
        std::thread::sleep(Duration::from_millis(300));
        xdotool(&[os("key"), std::ffi::OsStr::new(last_key)]);
    }

    /// Closes the app but keeps its data dir, to start it again on it.
    pub async fn close_keeping_data(self) -> tempfile::TempDir {
        let App {
            client,
            data_dir,
            driver,
            ..
        } = self;
        let _ = client.close().await;
        drop(driver);
        data_dir
    }

    pub async fn close(self) {
        let App {
            client,
            data_dir,
            driver,
            ..
        } = self;
        let _ = client.close().await;
        drop(driver);
        drop(data_dir);
    }
}
