//! Build script: the bare window's own Tauri config.

fn main() {
    tauri_build::build()
}
