#![allow(clippy::unwrap_used)] // a test: a failed step is the failure it reports
//! Integration tests of the core, one module per feature, each on its own
//! temp-dir database and a fixed clock.

mod actions;
mod audit;
mod backup;
mod cli;
mod corrections;
mod crafted;
mod documents;
mod docx;
mod drafts;
mod encryption;
mod erasure;
mod exports;
mod faults;
mod invitations;
mod meetings;
mod members;
mod minutes;
mod pack;
mod partners;
mod pdf;
mod plans;
mod private_files;
mod report;
mod search;
mod series;
mod store;
mod support;
mod synthetic;
mod terms;
