//! mb makes a Memory Bank executable: it parses the decisions a team and its AI agent wrote
//! down, turns rule files into checks, audits hosts against them and writes what it found back.
//!
//! Data flows one way: parse ([`kb`], [`rules`], [`inventory`]) → plan → probe → evaluate →
//! report / record / fix. [`cli`] is the only module that prints.

pub mod audit;
pub mod ci;
pub mod cli;
pub mod config;
pub mod diag;
pub mod fix;
pub mod inventory;
pub mod json;
pub mod kb;
pub mod probe;
pub mod record;
pub mod report;
pub mod rules;
pub mod search;
pub mod source;
pub mod state;
pub mod yaml;
