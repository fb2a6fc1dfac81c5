#![allow(clippy::unwrap_used)] // a test: a failed step is the failure it reports
//! Every crate the app and the CLI ship is under a licence that may be
//! combined with the EUPL-1.2 the project is published under: its SPDX
//! expression (read by the `spdx` crate, lax for the older `MIT/Apache-2.0`
//! form) must be satisfiable from the allowed set (`accepted` in
//! about.toml). A new dependency under another licence fails this test.

use std::collections::{BTreeMap, BTreeSet};

/// The allowed licences: `accepted` in `about.toml`, the list cargo-about
/// also generates the shown licence list against (one list, not two).
fn allowed() -> Vec<String> {
    let about = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../about.toml"))
        .expect("about.toml");
    let list = about
        .split_once("accepted = [")
        .and_then(|(_, rest)| rest.split_once(']'))
        .map(|(list, _)| list)
        .expect("accepted = [ … ] in about.toml");
    list.lines()
        .map(|l| {
            l.split('#')
                .next()
                .unwrap_or_default()
                .trim()
                .trim_end_matches(',')
        })
        .filter(|l| !l.is_empty())
        .map(|l| l.trim_matches('"').to_string())
        .collect()
}

#[test]
fn every_shipped_crate_has_an_allowed_licence() {
    let output = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("cargo metadata");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).expect("metadata");

    // What ships: the normal (not dev, not build) dependencies of the app
    // and the CLI, all the way down.
    let nodes: BTreeMap<&str, &serde_json::Value> = metadata["resolve"]["nodes"]
        .as_array()
        .expect("resolve")
        .iter()
        .map(|n| (n["id"].as_str().unwrap_or_default(), n))
        .collect();
    let packages: BTreeMap<&str, &serde_json::Value> = metadata["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .map(|p| (p["id"].as_str().unwrap_or_default(), p))
        .collect();
    let mut todo: Vec<&str> = packages
        .iter()
        .filter(|(_, p)| matches!(p["name"].as_str(), Some("taskforce-app" | "taskforce-cli")))
        .map(|(id, _)| *id)
        .collect();
    let mut shipped = BTreeSet::new();
    while let Some(id) = todo.pop() {
        if !shipped.insert(id) {
            continue;
        }
        for dep in nodes[id]["deps"].as_array().into_iter().flatten() {
            let normal = dep["dep_kinds"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|k| k["kind"].is_null());
            if normal {
                todo.push(dep["pkg"].as_str().unwrap_or_default());
            }
        }
    }
    assert!(
        shipped.len() > 300,
        "the whole tree is read: {}",
        shipped.len()
    );

    let allowed = allowed();
    assert!(allowed.contains(&"MIT".to_string()), "{allowed:?}");
    let mut refused = Vec::new();
    for id in &shipped {
        let package = packages[id];
        let name = package["name"].as_str().unwrap_or_default();
        let Some(text) = package["license"].as_str() else {
            refused.push(format!("{name}: no licence stated"));
            continue;
        };
        match spdx::Expression::parse_mode(text, spdx::ParseMode::LAX) {
            Ok(expression) => {
                let ok = expression.evaluate(|requirement| match &requirement.license {
                    // `LGPL-2.1-or-later` is LGPL-2.1 with its own later
                    // versions: allowed as LGPL-2.1 is.
                    spdx::LicenseItem::Spdx { id, .. } => allowed.iter().any(|allowed| {
                        id.name == allowed
                            || id.name == format!("{allowed}-only")
                            || id.name == format!("{allowed}-or-later")
                    }),
                    _ => false,
                });
                if !ok {
                    refused.push(format!("{name}: {text}"));
                }
            }
            Err(e) => refused.push(format!("{name}: unreadable licence {text} ({e})")),
        }
    }
    assert!(
        refused.is_empty(),
        "licences outside the allowed set: {refused:#?}"
    );
}

/// The list under Instellingen → Over is what cargo-about writes today: a
/// dependency added, removed or updated without `scripts/licences` fails
/// here (the npm side is written by the bundler at every build).
#[test]
fn the_shown_licence_list_is_current() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let fresh = tempfile::NamedTempFile::new().expect("temp file");
    let run = std::process::Command::new(format!("{root}/scripts/licences"))
        .arg(fresh.path())
        .current_dir(root)
        .output()
        .expect("scripts/licences (cargo-about: scripts/setup installs it)");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let shown = std::fs::read_to_string(format!("{root}/ui/public/licences-rust.json"))
        .expect("ui/public/licences-rust.json");
    let today = std::fs::read_to_string(fresh.path()).expect("fresh list");
    assert!(
        shown == today,
        "ui/public/licences-rust.json is stale: run scripts/licences"
    );
    let list: serde_json::Value = serde_json::from_str(&shown).expect("json");
    let crates: usize = list["licences"]
        .as_array()
        .expect("licences")
        .iter()
        .map(|l| l["used_by"].as_array().map_or(0, Vec::len))
        .sum();
    assert!(crates > 500, "every shipped crate: {crates}");
}
