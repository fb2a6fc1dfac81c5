#![allow(clippy::unwrap_used)] // a test: a failed step is the failure it reports
//! Integration tests of the exports (`taskforce-export`): what is sent out
//! and what comes back in, read by real readers (poppler, Python's readers,
//! `tar`), one module per export; the archive's restore against crafted
//! backups; encryption at rest read from the raw files.

mod crafted;
mod docx;
mod drafts;
mod encryption;
mod exports;
mod pack;
mod pdf;
mod private_files;
mod report;
