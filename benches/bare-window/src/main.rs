//! A bare Tauri window: what every Tauri app costs before it does anything.
//! `scripts/bench-app` measures the real app against it.

fn main() {
    if let Err(error) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("bare-window: {error}");
        std::process::exit(1);
    }
}
