//! `handbook`: a static site generator for programme handbooks.
//!
//! The pipeline, one module per stage, data flowing one way:
//! `config` + `content` (load) -> `resolve` (one view per division) -> `render` -> `output`
//! (write). `build` runs the stages; `cli` is the command line.

pub mod approvals;
pub mod build;
pub mod builtin;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod history;
pub mod holidays;
pub mod init;
pub mod markdown;
pub mod messages;
pub mod output;
pub mod render;
pub mod report;
pub mod resolve;
pub mod review;
pub mod serve;
pub mod source;
pub mod stale;
pub mod translations;
pub mod typeset;
pub mod urls;
pub mod yaml;
