//! What gets indexed: every file mb knows, cut into units a hit can point at.
//!
//! - Memory Bank files: each item and paragraph, and each entry and section heading.
//! - Rule files: their prose the same way (kind `rule`), and each check (kind `check`).
//!
//! A unit knows its file, line, entry title, date and kind, so a hit can say where it is and
//! what it is without another look at the file.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::kb::{self, MarkdownFiles};
use crate::rules::{self, extract};
use crate::source::{LineIndex, SourceFile, display_path};

/// Which part of the repository a file belongs to; it decides how the file is cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    MemoryBank,
    Rules,
}

/// A file the index covers.
#[derive(Debug, Clone)]
pub struct SourcePath {
    /// On disk.
    pub disk: PathBuf,
    /// As shown and stored (relative to the repository root, forward slashes).
    pub shown: String,
    pub source: Source,
}

/// One searchable unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub file: String,
    pub line: usize,
    pub entry: String,
    pub date: Option<Date>,
    /// A Memory Bank kind (`decision`, `learning`, …), `heading`, `rule` or `check`.
    pub kind: String,
    pub text: String,
}

/// The kinds a unit can have, for `--kind` and its help.
pub const KINDS: &[&str] = &[
    "focus", "change", "next_step", "decision", "pattern", "learning", "other", "heading", "rule",
    "check",
];

/// Every file the index covers under `root`: `memory-bank/**/*.md`, `rules/**/*.md`,
/// `.clinerules` and `.clinerules/**/*.md`. Sorted by shown path.
pub fn source_paths(root: &Path) -> Vec<SourcePath> {
    let mut out = Vec::new();
    let mut add = |found: MarkdownFiles, source: Source| {
        for (disk, shown) in found.files {
            out.push(SourcePath {
                disk,
                shown: display_path(&shown),
                source,
            });
        }
    };
    let bank = root.join("memory-bank");
    if bank.is_dir() {
        add(MarkdownFiles::find(&bank, root), Source::MemoryBank);
    }
    for path in rules::default_paths(root) {
        add(MarkdownFiles::find(&path, root), Source::Rules);
    }
    out.sort_by(|a, b| a.shown.cmp(&b.shown));
    out.dedup_by(|a, b| a.shown == b.shown);
    out
}

/// Cuts one file's text into units.
pub fn units(source: Source, shown: &str, text: &str) -> Vec<Unit> {
    let path = Path::new(shown);
    let doc = kb::parse::parse_document(path, text);
    let mut out = Vec::with_capacity(doc.items.len() + doc.sections.len());
    let prose_kind = |kind: kb::Kind| match source {
        Source::MemoryBank => kind.as_str().to_string(),
        Source::Rules => "rule".to_string(),
    };
    // Headings: entry titles and section titles are what people remember a topic by.
    for entry in &doc.entries {
        if entry.from_heading {
            out.push(Unit {
                file: shown.to_string(),
                line: entry.line,
                entry: entry.title.clone(),
                date: entry.date,
                kind: "heading".into(),
                text: entry.title.clone(),
            });
        }
    }
    for section in &doc.sections {
        if let Some(title) = &section.title {
            out.push(Unit {
                file: shown.to_string(),
                line: section.line,
                entry: doc.entries[section.entry].title.clone(),
                date: section.date,
                kind: "heading".into(),
                text: title.clone(),
            });
        }
    }
    for item in &doc.items {
        out.push(Unit {
            file: shown.to_string(),
            line: item.line,
            entry: doc.entries[item.entry].title.clone(),
            date: item.date,
            kind: prose_kind(item.kind),
            text: item.text.clone(),
        });
    }
    if source == Source::Rules {
        let lines = LineIndex::new(text);
        for block in extract::blocks(text) {
            // The block as written (id, title and all) is what people search for; a block
            // with errors is still text worth finding.
            out.push(Unit {
                file: shown.to_string(),
                line: lines.line(block.file_offset(0)),
                entry: block.heading.clone().unwrap_or_default(),
                date: None,
                kind: "check".into(),
                text: block.yaml.trim().to_string(),
            });
        }
    }
    out.sort_by_key(|u| u.line);
    out
}

/// Reads a file and cuts it into units; a file that cannot be read has none, and says why.
pub fn read_units(path: &SourcePath) -> Result<Vec<Unit>, crate::source::ReadError> {
    let file = SourceFile::read(&path.disk, PathBuf::from(&path.shown))?;
    Ok(units(path.source, &path.shown, &file.text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_headings_and_checks_are_units() {
        let text = "# Samba\n\nWhy locking matters.\n\n## Locking\n\n- Keep it none.\n\n```mb-check\nid: samba-locking\ntitle: Locking stays none\nhosts: samba\nprobe: { var: x }\nexpect: { present: true }\n```\n";
        let units = units(Source::Rules, "rules/samba.md", text);
        let kinds: Vec<(&str, usize)> = units.iter().map(|u| (u.kind.as_str(), u.line)).collect();
        assert_eq!(
            kinds,
            [("heading", 1), ("rule", 3), ("heading", 5), ("rule", 7), ("check", 10)]
        );
        let check = units.last().unwrap();
        assert!(check.text.starts_with("id: samba-locking\ntitle: Locking stays none"));
        assert_eq!(check.entry, "Locking");
    }
}
