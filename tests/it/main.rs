//! Integration tests: the real `mb` binary and the library, on fixture files.

mod cli;
mod common;
mod docs;
mod example;
mod kb;
mod properties;
mod rules;
mod search;
