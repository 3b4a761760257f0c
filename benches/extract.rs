//! Decision extraction throughput on a generated 128 MB Memory Bank, next to pulldown-cmark's
//! bare event parse of the same bytes (the floor: mb cannot read Markdown faster than the
//! parser it uses).
//!
//!     cargo bench --bench extract
//!
//! Figures and the machine they were taken on are in book/src/performance.md.
#![allow(clippy::print_stdout, clippy::print_stderr)] // a harness reports on its own terminal

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mb::kb;
use pulldown_cmark::Parser;
use rayon::prelude::*;

#[path = "support/corpus.rs"]
mod corpus;

const SIZE: usize = 128 << 20;

fn extraction(c: &mut Criterion) {
    let files = corpus::memory_bank(42, SIZE, 128 << 10);
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let decisions = kb::parse_all(&files).items().filter(|(_, i)| i.kind == kb::Kind::Decision).count();
    eprintln!("corpus: {} files, {:.1} MiB, {decisions} decisions", files.len(), bytes as f64 / (1 << 20) as f64);

    let mut group = c.benchmark_group("memory-bank");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("pulldown-cmark events (1 thread)", |b| {
        b.iter(|| {
            let mut events = 0usize;
            for (_, text) in &files {
                events += Parser::new_ext(text, kb::parse::markdown_options()).into_offset_iter().count();
            }
            black_box(events)
        })
    });
    group.bench_function("pulldown-cmark events (all cores)", |b| {
        b.iter(|| {
            let events: usize = files
                .par_iter()
                .map(|(_, text)| Parser::new_ext(text, kb::parse::markdown_options()).into_offset_iter().count())
                .sum();
            black_box(events)
        })
    });
    // The parsed documents are freed outside the timing (`iter_with_large_drop`): mb exits
    // without freeing them, and the bare parse keeps nothing to free.
    group.bench_function("mb extraction (1 thread)", |b| {
        b.iter_with_large_drop(|| {
            files.iter().map(|(path, text)| kb::parse::parse_document(path, text)).collect::<Vec<_>>()
        })
    });
    group.bench_function("mb extraction + supersession (all cores)", |b| {
        b.iter_with_large_drop(|| kb::parse_all(&files))
    });
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
