//! One module per command group, as `taskforce-cli GROUP …` names them: each
//! takes the parsed arguments, calls the core and hands the result to
//! [`crate::print::Output`]. None of them prints by itself.

pub mod action;
pub mod agenda;
pub mod attendance;
pub mod data;
pub mod decision;
pub mod document;
pub mod export;
pub mod import;
pub mod invite;
pub mod meeting;
pub mod members;
pub mod minutes;
pub mod partner;
pub mod subject;
pub mod term;
