#![allow(clippy::unwrap_used)] // a test: a failed step is the failure it reports
//! Integration tests of the core (`taskforce`): its use cases on a real
//! SQLite file in a temp dir with a fixed clock, one module per feature.

mod actions;
mod audit;
mod calendar_replies;
mod corrections;
mod erasure;
mod invitations;
mod list_import;
mod meetings;
mod members;
mod minutes;
mod minutes_round;
mod partners;
mod plans;
mod reminders;
mod replies;
mod search;
mod series;
mod server;
mod store;
mod synthetic;
mod terms;
mod tls;
mod transfer;
