#![allow(clippy::unwrap_used)] // a test: a failed step is the failure it reports
//! Integration tests of `taskforce-cli`, run as the binary: every command
//! (and `--json`), backups and restores from the command line, crash and
//! fault behaviour (SIGKILL, full disks, two processes), documents streamed
//! in constant memory.

mod backup;
mod cli;
mod documents;
mod faults;
mod server;
