//! Writes a deterministic Memory Bank and rule files of a given size, for benchmarks.
//!
//!     cargo run --release --example gen_corpus -- 1G /tmp/mb-corpus-1g
//!     cargo run --release --example gen_corpus -- 1G /tmp/mb-corpus-66k 42 16K   # ~16 KiB files
//!
//! The same size and seed give the same bytes on every machine.
#![allow(clippy::print_stdout, clippy::print_stderr)] // a harness reports on its own terminal

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::path::PathBuf;

fn parse_size(s: &str) -> Option<usize> {
    let (n, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: usize = n.parse().ok()?;
    Some(
        n * match unit.to_ascii_uppercase().as_str() {
            "" => 1,
            "K" => 1 << 10,
            "M" => 1 << 20,
            "G" => 1 << 30,
            _ => return None,
        },
    )
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(size), Some(out)) = (args.get(1).and_then(|s| parse_size(s)), args.get(2)) else {
        eprintln!("usage: gen_corpus SIZE[K|M|G] OUT_DIR [SEED [FILE_SIZE]]");
        std::process::exit(2);
    };
    let seed = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(42);
    let file_size = args.get(4).and_then(|s| parse_size(s)).unwrap_or(128 << 10);
    let out = PathBuf::from(out);
    // Rule files are a small share of a real repository: one for every ~50 bank files.
    let bank = corpus::memory_bank(seed, size, file_size);
    let rules = corpus::rule_files(seed, (bank.len() / 50).max(4), 12);
    let mut bytes = 0;
    for (path, text) in bank.iter().chain(rules.iter()) {
        let path = out.join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create the folder");
        std::fs::write(&path, text).expect("write the file");
        bytes += text.len();
    }
    eprintln!(
        "{} bank files and {} rule files, {:.1} MiB, in {}",
        bank.len(),
        rules.len(),
        bytes as f64 / (1 << 20) as f64,
        out.display()
    );
}
