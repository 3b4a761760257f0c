//! Parses a generated Memory Bank a few times: a target for `perf record` and callgrind.
//!
//!     cargo build --release --example profile_extract
//!     perf record -g target/release/examples/profile_extract 32
#![allow(clippy::print_stdout, clippy::print_stderr)] // a harness reports on its own terminal

#[path = "../benches/support/corpus.rs"]
mod corpus;

fn main() {
    let mib: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(32);
    let files = corpus::memory_bank(42, mib << 20, 128 << 10);
    let started = std::time::Instant::now();
    let mut events = 0;
    for (_, text) in &files {
        events += pulldown_cmark::Parser::new_ext(text, mb::kb::parse::markdown_options()).into_offset_iter().count();
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!("{events} events: bare parse {:.0} MiB/s", mib as f64 / secs);
    let started = std::time::Instant::now();
    let mut items = 0;
    for (path, text) in &files {
        items += mb::kb::parse::parse_document(path, text).items.len();
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!("{items} items, {mib} MiB in {secs:.2} s = {:.0} MiB/s", mib as f64 / secs);
    split_timing(&files, mib);
    let started = std::time::Instant::now();
    let kb = mb::kb::parse_all(&files);
    let secs = started.elapsed().as_secs_f64();
    eprintln!("parse_all (all cores, with supersession): {:.0} MiB/s", mib as f64 / secs);
    let started = std::time::Instant::now();
    let conflicts = mb::kb::conflicts(&kb).len();
    eprintln!("conflicts: {conflicts} keys in {:.2} s", started.elapsed().as_secs_f64());
}

fn split_timing(files: &[(std::path::PathBuf, String)], mib: usize) {
    use rayon::prelude::*;
    let started = std::time::Instant::now();
    let docs: Vec<_> = files.par_iter().map(|(p, t)| mb::kb::parse::parse_document(p, t)).collect();
    let secs = started.elapsed().as_secs_f64();
    eprintln!("parallel parse only: {:.0} MiB/s", mib as f64 / secs);
    let started = std::time::Instant::now();
    let kb = mb::kb::KnowledgeBase::from_documents(docs);
    eprintln!("supersession: {:.3} s ({} docs)", started.elapsed().as_secs_f64(), kb.documents.len());
}
