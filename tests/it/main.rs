//! Integration tests: the real `mb` binary and the library, on fixture files.

mod audit;
mod audit_local;
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
mod kb;
mod known_hosts;
mod properties;
mod record;
mod rules;
mod search;
mod writeback;
