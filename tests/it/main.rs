//! Integration tests: the real `mb` binary and the library, on fixture files.

mod common;
mod docs;
