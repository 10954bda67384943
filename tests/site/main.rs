//! One integration-test binary: small fixture sites built into temp folders, checked the way
//! a reader sees them (parsed HTML and XML).

// A failed fixture step should stop the test where it happened: unwrap is the point here.
#![allow(clippy::unwrap_used)]

mod support;

mod architecture;
mod bad_input;
mod browser;
mod citations;
mod cli;
mod content;
mod coverage;
mod dates;
mod desk;
mod desk_browser;
mod events;
mod expiry;
mod external;
mod feeds;
mod fuzz;
mod import;
mod import_bad_input;
mod invariant;
mod ledger;
mod media;
mod output;
mod photos;
mod portal;
mod publish;
mod publish_safety;
mod readers;
mod related;
mod report;
mod sample;
mod sample_pages;
mod search;
mod security;
mod serve;
mod sharing;
mod urls;
mod vietnamese;
mod workflow;
