//! Integration tests: the real `mb` binary and the library, on fixture files.
#![allow(clippy::print_stdout, clippy::print_stderr)] // a harness reports on its own terminal

mod api;
mod audit;
mod audit_local;
mod ci;
mod cli;
mod common;
mod docs;
mod engine;
mod example;
mod fix;
mod fleet;
mod formats;
mod inventory;
mod inventory_ansible;
mod inventory_localhost;
mod inventory_vault;
mod kb;
mod known_hosts;
mod listing;
mod log_entries;
mod properties;
mod realbanks;
mod record;
mod rules;
mod search;
mod search_cjk;
mod security;
mod shard;
mod ssh_config;
mod ssh_routes;
mod writeback;
