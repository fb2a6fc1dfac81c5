//! The ten-year data set the benchmarks run against: generated once per
//! schema version and seed into `target/bench-data/`, then reused, so a
//! bench run measures queries, not generation.

#![allow(dead_code, reason = "each bench binary uses its own part of these")]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use taskforce::encryption::{DataKey, FolderEncryption};
use taskforce::store::SCHEMA_VERSION;
use taskforce::{FixedClock, Store};
use taskforce_dev::synthetic::{generate, Size};

pub const SEED: u64 = 1;

/// A word in most minutes, a word found nowhere (e-mail addresses are not
/// indexed), and a very common word.
pub const SEARCHES: [(&str, &str); 3] = [
    ("typical", "tuinbouw"),
    ("rare", "contact4711"),
    ("common", "de"),
];

/// The last day of the generated history; the benches' "now" is the day after.
pub fn until() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap_or_default()
}

pub fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::new(
        chrono::DateTime::parse_from_rfc3339("2026-07-01T09:00:00Z")
            .map(|t| t.to_utc())
            .unwrap_or_default(),
    ))
}

pub fn data_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("bench-data")
}

/// A short fingerprint of every migration's SQL, so a changed schema (even
/// one not yet released) never reuses a data set made with the old one.
fn schema_fingerprint() -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    for migration in taskforce::store::MIGRATIONS {
        hash.update(migration.sql.as_bytes());
    }
    format!("{:x}", hash.finalize())[..12].to_string()
}

/// The path of the ten-year database, generating it when missing.
pub fn ten_years() -> PathBuf {
    let dir = data_dir();
    let path = dir.join(format!(
        "ten-years-seed{SEED}-until{}-schema{SCHEMA_VERSION}-{}.sqlite3",
        until(),
        schema_fingerprint()
    ));
    if !path.exists() {
        std::fs::create_dir_all(&dir).expect("bench-data folder");
        let partial = dir.join("generating.sqlite3");
        for stale in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{stale}", partial.display()));
        }
        let clock = clock();
        let store = Store::open(&partial, clock.clone()).expect("open");
        let started = std::time::Instant::now();
        generate(
            &store,
            &clock,
            SEED,
            Size::TEN_YEARS,
            until(),
            &mut |step| {
                eprintln!(
                    "data set: {step} ({:.0} s)",
                    started.elapsed().as_secs_f64()
                )
            },
        )
        .expect("generate");
        drop(store);
        std::fs::rename(&partial, &path).expect("rename");
    }
    path
}

/// The benches' key: fixed, so the encrypted data set is made once.
pub fn key() -> DataKey {
    DataKey::from_bytes([0x5a; 32])
}

/// The ten-year database encrypted as the app's data folders are (SQLCipher,
/// through the same in-place encryption a plain folder gets), in a folder
/// of its own; made once from [`ten_years`].
pub fn ten_years_encrypted() -> PathBuf {
    let plain = ten_years();
    let name = plain
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let folder = data_dir().join(format!("{name}-encrypted"));
    let path = folder.join("taskforce.sqlite3");
    if !path.exists()
        || FolderEncryption::read(&path)
            .ok()
            .flatten()
            .is_none_or(|m| m.converting)
    {
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(&folder).expect("bench-data folder");
        std::fs::copy(&plain, &path).expect("copy");
        taskforce::store::encrypt_folder(&path, &key(), clock()).expect("encrypt");
    }
    path
}

/// A private copy of the encrypted ten-year database, for benches that write.
pub fn ten_years_copy(dir: &Path) -> PathBuf {
    let copy = dir.join("taskforce.sqlite3");
    std::fs::copy(ten_years_encrypted(), &copy).expect("copy");
    let marker = FolderEncryption::path(&ten_years_encrypted());
    std::fs::copy(marker, FolderEncryption::path(&copy)).expect("copy marker");
    copy
}

/// Opens a bench database, encrypted with the benches' key (a new one is
/// made encrypted).
pub fn open(path: &Path) -> Store {
    Store::open_keyed(path, clock(), Some(&key())).expect("open")
}

/// Durations in ms: (p50, p95, p99, max).
pub fn percentiles(mut samples: Vec<f64>) -> (f64, f64, f64, f64) {
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    (at(0.5), at(0.95), at(0.99), at(1.0))
}

/// Appends one measured figure to `target/bench-data/figures.jsonl`, which
/// `scripts/bench-report` turns into docs/benchmarks.md.
pub fn record(name: &str, value: f64, unit: &str) {
    use std::io::Write;
    let line = format!("{{\"name\":\"{name}\",\"value\":{value:.4},\"unit\":\"{unit}\"}}\n");
    eprintln!("figure: {name} = {value:.3} {unit}");
    let path = data_dir().join("figures.jsonl");
    let _ = std::fs::create_dir_all(data_dir());
    if let Ok(mut file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        let _ = file.write_all(line.as_bytes());
    }
}
