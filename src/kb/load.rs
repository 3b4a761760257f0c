//! Reading a Memory Bank folder: find the Markdown files, parse them in parallel, resolve
//! supersession across them.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{KnowledgeBase, parse::parse_document, supersede};
use crate::source::{ReadError, SourceFile};

/// Markdown files under a folder (or the file itself), sorted, with the path each is shown
/// under. Hidden folders (`.git`, `.mb`) are not entered.
#[derive(Debug, Default)]
pub struct MarkdownFiles {
    /// `(path on disk, display path)`.
    pub files: Vec<(PathBuf, PathBuf)>,
    pub errors: Vec<ReadError>,
}

impl MarkdownFiles {
    /// Walks `path`, showing files relative to `shown_from` when they are under it.
    pub fn find(path: &Path, shown_from: &Path) -> MarkdownFiles {
        let mut found = MarkdownFiles::default();
        found.walk(path, shown_from);
        found.files.sort_by(|a, b| a.1.cmp(&b.1));
        found
    }

    fn walk(&mut self, path: &Path, shown_from: &Path) {
        let display = || path.strip_prefix(shown_from).unwrap_or(path).to_path_buf();
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(source) => {
                self.errors.push(ReadError::Io { path: display(), source });
                return;
            }
        };
        if meta.is_file() {
            self.files.push((path.to_path_buf(), display()));
            return;
        }
        let entries = match std::fs::read_dir(path) {
            Ok(entries) => entries,
            Err(source) => {
                self.errors.push(ReadError::Io { path: display(), source });
                return;
            }
        };
        for entry in entries.flatten() {
            let child = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') {
                continue;
            }
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir())
                || (entry.file_type().is_ok_and(|t| t.is_symlink()) && child.is_dir());
            if is_dir {
                self.walk(&child, shown_from);
            } else if is_markdown(&name) {
                self.files.push((child.clone(), child.strip_prefix(shown_from).unwrap_or(&child).to_path_buf()));
            }
        }
    }
}

/// Whether a file name is a Markdown file's.
pub fn is_markdown(name: &str) -> bool {
    name.ends_with(".md") || name.ends_with(".markdown")
}

/// Parses every Markdown file under `path` (shown relative to `shown_from`). Files that cannot
/// be read or are not UTF-8 are reported in [`KnowledgeBase::errors`]; the rest are parsed,
/// in parallel.
pub fn load(path: &Path, shown_from: &Path) -> KnowledgeBase {
    let found = MarkdownFiles::find(path, shown_from);
    let results: Vec<_> = found
        .files
        .par_iter()
        .map(|(disk, shown)| SourceFile::read(disk, shown.clone()).map(|f| parse_document(&f.path, &f.text)))
        .collect();
    let mut kb = KnowledgeBase { documents: Vec::with_capacity(results.len()), errors: found.errors };
    for result in results {
        match result {
            Ok(doc) => kb.documents.push(doc),
            Err(err) => kb.errors.push(err),
        }
    }
    supersede::resolve(&mut kb);
    kb
}

/// Parses texts already in memory, in parallel, into a knowledge base.
pub fn parse_all(files: &[(PathBuf, String)]) -> KnowledgeBase {
    let documents = files.par_iter().map(|(path, text)| parse_document(path, text)).collect();
    KnowledgeBase::from_documents(documents)
}

impl KnowledgeBase {
    /// Builds a knowledge base from documents already parsed (tests, benchmarks, fixtures).
    pub fn from_documents(documents: Vec<super::Document>) -> KnowledgeBase {
        let mut kb = KnowledgeBase { documents, errors: Vec::new() };
        supersede::resolve(&mut kb);
        kb
    }
}
