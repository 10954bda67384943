//! loa turns a folder of Vietnamese Markdown articles into the static site of the
//! department's administrative-reform communication work.
//!
//! One pipeline, read top to bottom in [`pipeline::build`]:
//!
//! ```text
//! content/** --load--> sources --parse--> pages --assemble--> site --render--> outputs --write--> output/**
//! ```
//!
//! Every verb that makes the site runs it, into its [`Destination`]; `report` and `share` stop
//! at [`assemble_site`]. Only `load` and `write` touch the disk.

// Only `main` prints and picks the exit code; the library returns what it found.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod allocator;
pub mod approval;
pub mod assemble;
pub mod calendar;
pub mod citations;
pub mod config;
pub mod diag;
pub mod embed;
pub mod external;
pub mod feeds;
#[cfg(test)]
mod fixtures;
pub mod frontmatter;
pub mod images;
pub mod import;
pub mod kept;
pub mod key;
pub mod ledger;
pub mod legacy;
pub mod links;
pub mod load;
pub mod markdown;
pub mod memo;
pub mod model;
pub mod msg;
pub mod output;
pub mod parse;
pub mod pipeline;
pub mod plan;
pub mod publish;
pub mod random;
pub mod render;
pub mod report;
pub mod review;
pub mod sanitize;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod share;
pub mod svg;
pub mod taxonomy;
pub mod templates;
pub mod text;
pub mod url_policy;
pub mod views;
pub mod within;
pub mod workflow;
pub mod write;
pub mod yaml;

pub use pipeline::{assemble_site, build, cache, parse_now, Built, Destination, Options};
