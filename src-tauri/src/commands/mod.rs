//! The commands the webview may call, one module per screen area.

pub mod app;
pub mod term;
