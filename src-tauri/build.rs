//! Build script: reads the root-level `tauri.conf.json`, the capability files
//! and the explicit command list in `commands.list`.

fn main() {
    println!("cargo:rerun-if-changed=commands.list");
    let list =
        std::fs::read_to_string("commands.list").unwrap_or_else(|e| panic!("commands.list: {e}"));
    let commands: Vec<&'static str> = list
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| &*Box::leak(l.to_string().into_boxed_str()))
        .collect();
    let commands: &'static [&'static str] = Box::leak(commands.into_boxed_slice());
    let attributes = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(commands));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri build failed: {error:#}");
    }
}
