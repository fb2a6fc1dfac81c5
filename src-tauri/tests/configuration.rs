#![allow(clippy::unwrap_used)] // a test: a failed step is the failure it reports
//! What the shell is packaged and configured with, checked from the files
//! themselves: one version number, a desktop entry and AppStream metainfo
//! the freedesktop validators accept, and a webview locked down (its CSP and
//! capabilities, and the commands it registers, lists and permits agree).
//! No window is opened.

fn listed_commands() -> std::collections::BTreeSet<String> {
    include_str!("../commands.list")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// One version number: the workspace's. `tauri.conf.json` has none of
/// its own (Tauri takes the crate's), and the UI package says the same.
#[test]
fn the_version_is_set_in_one_place() {
    let config: serde_json::Value =
        serde_json::from_str(include_str!("../../tauri.conf.json")).expect("tauri.conf.json");
    assert!(
        config.get("version").is_none(),
        "tauri.conf.json sets no version"
    );
    let ui: serde_json::Value =
        serde_json::from_str(include_str!("../../ui/package.json")).expect("package.json");
    assert_eq!(ui["version"], env!("CARGO_PKG_VERSION"));
}

/// The desktop entry (nl/en names, keywords) and the AppStream metainfo
/// the package installs pass the freedesktop validators.
#[test]
fn the_desktop_entry_and_metainfo_validate() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let template =
        std::fs::read_to_string(root.join("packaging/linux/taskforce-secretariaat.desktop"))
            .expect("desktop template");
    // The bundler fills these in; the validator wants a real entry.
    let entry = template
        .replace("{{exec}}", "taskforce-app")
        .replace("{{icon}}", "taskforce-app");
    for (lang, name) in [
        ("nl", "Taskforce Secretariaat"),
        ("en", "Taskforce Secretariat"),
    ] {
        assert!(entry.contains(&format!("Name[{lang}]={name}")), "{entry}");
    }
    assert!(entry.contains("mensenhandel"), "Dutch keywords");
    let filled = std::env::temp_dir().join(format!("taskforce-{}.desktop", std::process::id()));
    std::fs::write(&filled, entry).expect("write entry");
    let desktop = std::process::Command::new("desktop-file-validate")
        .arg(&filled)
        .output()
        .expect("desktop-file-validate (apt install desktop-file-utils)");
    let _ = std::fs::remove_file(&filled);
    assert!(
        desktop.status.success() && desktop.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&desktop.stdout)
    );
    // The metainfo names the desktop entry the bundler installs, which
    // is called after the product name.
    let config: serde_json::Value =
        serde_json::from_str(include_str!("../../tauri.conf.json")).expect("tauri.conf.json");
    let product = config["productName"].as_str().expect("productName");
    let metainfo_text = std::fs::read_to_string(
        root.join("packaging/linux/nl.taskforce_mensenhandel.secretariaat.metainfo.xml"),
    )
    .expect("metainfo");
    assert!(
        metainfo_text.contains(&format!(
            "<launchable type=\"desktop-id\">{product}.desktop</launchable>"
        )),
        "launchable is {product}.desktop"
    );
    let metainfo = std::process::Command::new("appstreamcli")
        .args(["validate", "--no-net", "--pedantic"])
        .arg(root.join("packaging/linux/nl.taskforce_mensenhandel.secretariaat.metainfo.xml"))
        .output()
        .expect("appstreamcli (apt install appstream)");
    assert!(
        metainfo.status.success(),
        "{}",
        String::from_utf8_lossy(&metainfo.stdout)
    );
}

/// The webview is locked down: a strict CSP, one capability for the main
/// window, nothing on disk, shell or network.
#[test]
fn the_webview_is_locked_down() {
    let config: serde_json::Value =
        serde_json::from_str(include_str!("../../tauri.conf.json")).expect("tauri.conf.json");
    let csp = config["app"]["security"]["csp"]
        .as_str()
        .expect("a CSP is set");
    assert!(csp.contains("default-src 'self'"), "{csp}");
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert!(!csp.contains("unsafe-eval"), "{csp}");
    assert!(csp.contains("form-action 'none'"), "{csp}");
    for source in csp
        .split([' ', ';'])
        .filter(|s| s.contains("://") || *s == "*" || s.ends_with(':'))
    {
        assert!(
            ["http://ipc.localhost", "ipc:", "data:"].contains(&source),
            "remote or wildcard source '{source}' in the CSP"
        );
    }
    assert_ne!(
        config["app"]["withGlobalTauri"],
        serde_json::json!(true),
        "no global Tauri object"
    );

    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities");
    let listed = listed_commands();
    for entry in std::fs::read_dir(&dir).expect("capabilities dir").flatten() {
        let text = std::fs::read_to_string(entry.path()).expect("capability file");
        let capability: serde_json::Value = serde_json::from_str(&text).expect("capability JSON");
        assert_eq!(
            capability["windows"],
            serde_json::json!(["main"]),
            "{:?} covers other windows",
            entry.path()
        );
        for permission in capability["permissions"].as_array().expect("permissions") {
            let name = permission
                .as_str()
                .or_else(|| permission["identifier"].as_str())
                .unwrap_or_default();
            for forbidden in ["fs:", "shell:", "http:", "opener:", "dialog:"] {
                assert!(
                    !name.starts_with(forbidden),
                    "{name} must not be granted to the webview"
                );
            }
            if let Some(command) = name.strip_prefix("allow-") {
                assert!(
                    listed.contains(&command.replace('-', "_")),
                    "{name} is not in commands.list"
                );
            } else {
                assert!(
                    name.starts_with("core:event:"),
                    "unexpected permission {name}"
                );
            }
        }
    }
}

/// The webview can call a command only when the manifest (commands.list)
/// and the capability both name it; the bindings show what the app
/// registers. All three must agree, so nothing is exposed by accident.
#[test]
fn registered_listed_and_permitted_commands_agree() {
    let listed = listed_commands();
    let bindings = include_str!("../../ui/src/lib/bindings.ts");
    let registered: std::collections::BTreeSet<String> = bindings
        .split("__TAURI_INVOKE(\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect();
    assert_eq!(
        registered, listed,
        "collect_commands! in lib.rs vs commands.list"
    );

    let capability: serde_json::Value =
        serde_json::from_str(include_str!("../capabilities/main-window.json"))
            .expect("capability JSON");
    assert_eq!(
        capability["windows"],
        serde_json::json!(["main"]),
        "one window only"
    );
    let permitted: std::collections::BTreeSet<String> = capability["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .filter_map(|p| p.as_str())
        .filter(|p| !p.starts_with("core:"))
        .map(|p| p.trim_start_matches("allow-").replace('-', "_"))
        .collect();
    assert_eq!(permitted, listed, "capability vs commands.list");
}
