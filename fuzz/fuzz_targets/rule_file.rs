//! Any bytes as a rule file: block extraction, YAML, check validation, diagnostic rendering.
#![no_main]

use std::path::Path;
use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use mb::diag::{self, Sources};
use mb::rules::{extract, parse::parse_block};
use mb::source::{LineIndex, SourceFile};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let path = Path::new("rules/fuzz.md");
    let lines = LineIndex::new(&text);
    let mut sources = Sources::default();
    sources.add(Arc::new(SourceFile { path: path.to_path_buf(), text: text.clone() }));
    for block in extract::blocks(&text) {
        let (_, diags) = parse_block(path, &lines, &block);
        for d in &diags {
            let _ = diag::render(d, &sources, false);
        }
    }
    let _ = mb::yaml::parse(&text);
});
