#![allow(clippy::unwrap_used)] // a test: a failed step is the failure it reports
//! How quickly the list screens show their first rows on ten years of data
//! (docs/design.md §6: at most 50 ms after the click). A benchmark, not a test of
//! behaviour: `make bench` runs it (it is ignored in the normal suite) and it
//! records the figures; it asserts only that the rows come.
//!
//! The data set is the benches' (`TASKFORCE_BENCH_DB`), or generated here.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use taskforce_e2e::{App, RowsTiming};

const RUNS: usize = 7;

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn record(lines: &mut Vec<String>, name: &str, timings: Vec<RowsTiming>) {
    let times: Vec<f64> = timings.iter().map(|t| t.total_ms).collect();
    let max = times.iter().copied().fold(0.0, f64::max);
    let total = median(times.clone());
    // Where the time goes (medians; not part of a budget): until the screen
    // asked the app, until the last answer came, and the rendering after it.
    let asked = median(timings.iter().map(|t| t.asked_ms).collect());
    // Rows that came on a channel before any answer have no answer time.
    let answered: Vec<f64> = timings
        .iter()
        .map(|t| t.data_ms)
        .filter(|ms| *ms >= 0.0)
        .collect();
    let data = if answered.is_empty() {
        "null".to_string()
    } else {
        format!("{:.2}", median(answered))
    };
    // Each run as total/asked/answered, so a slow first click can be told
    // apart from waiting for the app.
    let runs: Vec<String> = timings
        .iter()
        .map(|t| format!("{:.0}/{:.0}/{:.0}", t.total_ms, t.asked_ms, t.data_ms))
        .collect();
    eprintln!(
        "{name}: median {total:.1} ms (asked after {asked:.1}, answered after {data}), max {max:.1} ms; runs total/asked/answered: {}",
        runs.join(" ")
    );
    lines.push(format!(
        "{{\"name\":\"{name}\",\"median_ms\":{total:.2},\"max_ms\":{max:.2},\"asked_median_ms\":{asked:.2},\"data_median_ms\":{data},\"runs\":{}}}",
        times.len()
    ));
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "benchmark: run by make bench"]
async fn list_screens_show_their_first_rows_quickly_on_ten_years_of_data() {
    let data = tempfile::tempdir().expect("temp dir");
    let db = data.path().join("taskforce.sqlite3");
    match std::env::var_os("TASKFORCE_BENCH_DB") {
        Some(source) => {
            std::fs::copy(&source, &db).expect("copy the benches' data set");
        }
        None => {
            let clock = Arc::new(taskforce::FixedClock::new(chrono::Utc::now()));
            let store = taskforce::Store::open(&db, clock.clone()).expect("store");
            let until = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
            let size = taskforce_dev::synthetic::Size::TEN_YEARS;
            taskforce_dev::synthetic::generate(&store, &clock, 1, size, until, &mut |_| {})
                .expect("ten years of data");
        }
    }
    // Encrypted as the app's data folders are, its key in the session's
    // keychain (make bench runs this under scripts/with-keyring).
    let recovery_key = data.path().join("herstelsleutel.txt");
    taskforce_e2e::run_cli(
        &db,
        &[
            "encrypt",
            "--recovery-key-out",
            recovery_key.to_str().expect("a temp path is UTF-8"),
        ],
    );
    let app = App::launch_in(data).await;
    // The clicks start once the overview shows its data, as a user's would:
    // this copy was just encrypted, so its first open checks the whole file
    // (~0.9 s on ten years; a sealed folder skips it — see store/seal.rs),
    // and a click before that waited for the check, not for its screen.
    app.wait_for("[data-testid=todos]").await;
    let mut lines = Vec::new();
    let screens = [
        ("planner", "[data-testid=planner-meetings] li"),
        ("subjects", "[data-testid=subjects] tbody tr"),
        ("partners", "[data-testid=partners] tbody tr"),
        ("actions", "[data-testid=actions] tbody tr"),
    ];
    for (screen, rows) in screens {
        let mut times = Vec::new();
        for _ in 0..RUNS {
            app.open("overview").await;
            let nav = format!("[data-testid=nav-{screen}]");
            times.push(app.time_to_rows(&nav, rows, None).await);
        }
        record(&mut lines, &format!("first rows: {screen}"), times);
    }
    for (kind, word) in [("typical", "tuinbouw"), ("rare", "4711"), ("common", "de")] {
        let mut times = Vec::new();
        for _ in 0..RUNS {
            app.open("overview").await;
            app.open("search").await;
            times.push(
                app.time_to_rows(
                    "[data-testid=search-input]",
                    "[data-testid=search-results] li",
                    Some(word),
                )
                .await,
            );
        }
        record(
            &mut lines,
            &format!("first rows: search, {kind} word"),
            times,
        );
    }
    app.close().await;
    let out = std::env::var_os("TASKFORCE_BENCH_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data/ui.jsonl")
        });
    if let Some(folder) = out.parent() {
        std::fs::create_dir_all(folder).expect("bench-data folder");
    }
    let mut file = std::fs::File::create(&out).expect("ui figures");
    for line in lines {
        writeln!(file, "{line}").expect("write figure");
    }
}
