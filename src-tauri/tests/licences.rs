//! Every crate the app and the CLI ship is under a licence that may be
//! combined with the EUPL-1.2 the project is published under: its SPDX
//! expression (read by the `spdx` crate, lax for the older `MIT/Apache-2.0`
//! form) must be satisfiable from the allowed set below. A new dependency
//! under another licence fails this test.

use std::collections::{BTreeMap, BTreeSet};

/// Permissive licences, and the copyleft ones the EUPL-1.2's appendix names
/// as compatible or that allow linking (MPL-2.0, LGPL).
const ALLOWED: &[&str] = &[
    "0BSD",
    "Apache-2.0",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "BSL-1.0",
    "CC0-1.0",
    "EUPL-1.2",
    "ISC",
    "LGPL-2.1",
    "MIT",
    "MIT-0",
    "MPL-2.0",
    "Unicode-3.0",
    "Unicode-DFS-2016",
    "Unlicense",
    "Zlib",
];

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
                    spdx::LicenseItem::Spdx { id, .. } => ALLOWED.iter().any(|allowed| {
                        id.name == *allowed
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
