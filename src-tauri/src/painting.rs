//! How the window's page is painted: by WebKit on the processor, not
//! composited on the graphics card.
//!
//! Measured in `docs/benchmarks.md` (issue #15): with WebKitGTK's GPU
//! compositing the very first start waited 300–800 ms for Mesa to compile
//! its shaders before the first paint, and the page's process carried the
//! GL driver and its compiler (~40 MiB). The app is forms and lists: nothing
//! in it animates, plays video or draws 3D, so compositing buys it nothing,
//! and on the virtual desktops many offices use (no graphics card, software
//! GL) painting on the processor is the faster way anyway.
//!
//! WebKit's setting for this (`hardware-acceleration-policy`) can only be
//! reached once the webview exists and its page is already loading; turned
//! off then, WebKitWebDriver's next command on the first start never
//! answered. WebKit also reads `WEBKIT_DISABLE_COMPOSITING_MODE` once, when
//! it first decides how to paint — so that is what is set, before anything
//! else runs. A user who wants compositing back sets it to `0`. Programs the
//! app opens (the mail program with an invitation draft, the browser with a
//! link) inherit the variable; a WebKitGTK-based one then paints the same
//! way, which changes nothing else for it.
//!
//! Painting on the processor has one trap, measured on ten years of data
//! (some starts took 850–1050 ms instead of 300–500): when GTK draws the
//! window before the page's process has painted anything, WebKit asks that
//! process for a frame and blocks the app's main thread until it comes or
//! 500 ms pass (`DrawingAreaProxyCoordinatedGraphics::forceUpdateIfNeeded`).
//! Early in the first navigation the page's process was itself waiting on
//! the app (0.52 s under `strace`), so both waited out the timeout. The main
//! window is therefore built hidden and shown once its page has loaded
//! ([`show_once_loaded`]; [`show_anyway_after`] in case it never says so),
//! when the page's process answers at once. Measured: eight everyday starts
//! on ten years 332–414 ms, none stalled (were 298–886, half stalled).

/// Sets WebKit to paint without compositing unless the user chose otherwise.
/// Called first thing in `run`, while the process has one thread.
pub fn on_the_processor() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}

/// Shows the main window, which `lib.rs` builds hidden, now that its page
/// has loaded (see the module docs).
pub fn show_once_loaded<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>) {
    if let Err(error) = window.show() {
        tracing::warn!(%error, "venster tonen mislukt");
    }
}

/// Shows the window after `latest` if it is still hidden: a page that never
/// reported its load would otherwise leave the app without a window.
pub fn show_anyway_after<R: tauri::Runtime>(
    window: tauri::WebviewWindow<R>,
    latest: std::time::Duration,
) {
    std::thread::spawn(move || {
        std::thread::sleep(latest);
        if !window.is_visible().unwrap_or(false) {
            tracing::warn!("de pagina meldde niet dat ze geladen was; venster toch getoond");
            show_once_loaded(&window);
        }
    });
}
