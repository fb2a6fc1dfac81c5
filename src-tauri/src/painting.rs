//! How the window's page is painted: by WebKit on the processor, not
//! composited on the graphics card.
//!
//! Measured in `docs/benchmarks.md` (issue #15): with WebKitGTK's GPU
//! compositing the very first start waited 300–800 ms for Mesa to compile
//! its shaders before the first paint, and the page's process carried the
//! GL driver and its compiler (~40 MiB). The app is forms and lists: nothing
//! in it animates, plays video or draws 3D, so compositing buys it nothing,
//! and on the virtual desktops many offices use (no graphics card, software
//! GL) painting on the processor is the faster way anyway. Its one measured
//! cost: on some everyday starts WebKit's processes wait on each other for
//! half a second before the first request, which the composited start does
//! not (the trade is weighed in `docs/benchmarks-notes.md`).
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

/// Sets WebKit to paint without compositing unless the user chose otherwise.
/// Called first thing in `run`, while the process has one thread.
pub fn on_the_processor() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}
