//! What gets indexed: every file mb knows, cut into units a hit can point at.
//!
//! - Memory Bank files: each item and paragraph, each entry title, and each section heading
//!   or bold pseudo-heading that says more than its kind (`### Locking: fruit:locking = none`,
//!   `**Left for later: the cache retention**`; not `### Next Steps` or `**Rationale:**`).
//! - Rule files: their prose the same way (kind `rule`), and each check (kind `check`).
//!
//! A unit knows its file, line, entry title, date and kind, so a hit can say where it is and
//! what it is without another look at the file. Units borrow their text from the parsed file.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::kb::{self, Document, Kind};
use crate::rules::extract;
use crate::source::{LineIndex, display_path};

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

/// A covered file with its size and modification time (nanoseconds since the epoch).
pub type Listed = (SourcePath, u64, u64);

/// One searchable unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit<'a> {
    pub line: usize,
    pub entry: &'a str,
    pub date: Option<Date>,
    /// A Memory Bank kind (`decision`, `learning`, …), `heading`, `rule` or `check`.
    pub kind: &'static str,
    pub text: &'a str,
    /// More text the unit is found by, not shown: a table row's other cells (its fields),
    /// which are no items of their own.
    pub also: &'a [(String, String)],
}

/// The kinds a unit can have, for `--kind` and its help.
pub const KINDS: &[&str] =
    &["focus", "change", "next_step", "decision", "pattern", "learning", "other", "heading", "rule", "check"];

/// Every file the index covers under `root` — `memory-bank/**/*.md` (or another agent's bank
/// folder, [`crate::kb::load::bank_folder`], and the core files a bank keeps at the root,
/// [`crate::kb::load::beside_own_bank`]), `rules/**/*.md`,
/// `.clinerules` and `.clinerules/**/*.md` — with its size and modification time, read from
/// the directory entries as the folders are listed (a search stats every file, so this is on
/// its hot path). Sorted by shown path.
pub fn source_files(root: &Path) -> Vec<Listed> {
    let mut out = Vec::new();
    // A top folder linked from outside the repository is not read (as `mb decisions` and
    // `mb rules` skip it): the walk checks links below the top, not the top itself.
    let real_root = root.canonicalize().ok();
    let inside =
        |top: &Path| top.canonicalize().ok().zip(real_root.as_ref()).is_some_and(|(top, r)| top.starts_with(r));
    let bank = root.join(crate::kb::load::bank_folder(root));
    if inside(&bank) {
        walk(&bank, root, Source::MemoryBank, &mut out);
    }
    // (The core files a bank keeps at the root, as the bank's walk reads them.)
    for name in crate::kb::load::beside_own_bank(root, &bank) {
        let path = root.join(name);
        let linked = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        if let Ok(meta) = std::fs::metadata(&path) {
            visit(path, linked, &meta, root, root, Source::MemoryBank, &mut out);
        }
    }
    for path in crate::rules::default_paths(root).into_iter().filter(|path| inside(path)) {
        match std::fs::metadata(&path) {
            // (A rule file at the top is admitted as `mb rules` admits it: not through a link
            // into `.git`, whose `config` may hold a remote's token.)
            Ok(meta) if meta.is_file() => {
                let linked = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
                if crate::kb::load::admit(&path, &meta, linked, root).is_ok() {
                    push(&mut out, path, root, Source::Rules, &meta);
                }
            }
            _ => walk(&path, root, Source::Rules, &mut out),
        }
    }
    // (A bank kept among the rules is no rule file, as `mb rules` reads them.)
    out.retain(|(path, ..)| {
        path.source == Source::MemoryBank || !crate::kb::load::in_bank_among_rules(Path::new(&path.shown))
    });
    out.sort_unstable_by(|a, b| a.0.shown.cmp(&b.0.shown));
    out.dedup_by(|a, b| a.0.shown == b.0.shown);
    out
}

fn push(out: &mut Vec<Listed>, disk: PathBuf, root: &Path, source: Source, meta: &std::fs::Metadata) {
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64);
    let shown = display_path(disk.strip_prefix(root).unwrap_or(&disk));
    out.push((SourcePath { disk, shown, source }, meta.len(), mtime));
}

fn walk(dir: &Path, root: &Path, source: Source, out: &mut Vec<Listed>) {
    use rayon::prelude::*;
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let entries: Vec<std::fs::DirEntry> =
        entries.flatten().filter(|e| !hidden(&e.file_name().to_string_lossy())).collect();
    // Stat on every core: a search stats every file it covers.
    let stated: Vec<(std::fs::DirEntry, bool, std::fs::Metadata)> = entries
        .into_par_iter()
        .with_min_len(256)
        .filter_map(|entry| {
            let linked = entry.file_type().ok()?.is_symlink();
            // A symlink is followed; anything else is stat'ed through its directory entry.
            let meta = if linked { std::fs::metadata(entry.path()) } else { entry.metadata() };
            meta.ok().map(|m| (entry, linked, m))
        })
        .collect();
    for (entry, linked, meta) in stated {
        visit(entry.path(), linked, &meta, dir, root, source, out);
    }
}

/// Names the walk skips at every level (`.git`, editors' swap files, mb's own cookies), before
/// it knows what they are: not Cline's journal, a file ([`visit`] skips a folder of that name).
fn hidden(name: &str) -> bool {
    crate::kb::load::is_hidden(name, false)
}

/// One entry of folder `dir`: a folder is walked, a file the Memory Bank or the rules would
/// read is listed. `linked`: the entry itself is a symlink (`meta` is what it leads to).
fn visit(
    path: PathBuf,
    linked: bool,
    meta: &std::fs::Metadata,
    dir: &Path,
    root: &Path,
    source: Source,
    out: &mut Vec<Listed>,
) {
    if meta.is_dir() {
        if path.file_name().is_some_and(|name| crate::kb::load::is_hidden(&name.to_string_lossy(), true)) {
            return;
        }
        // A linked folder is indexed only when it stays inside the repository (and so
        // cannot loop back above itself for ever).
        if linked {
            let inside = match (path.canonicalize(), root.canonicalize()) {
                (Ok(real), Ok(root)) => {
                    real.starts_with(&root)
                        && !real.starts_with(root.join(".git"))
                        && !dir.canonicalize().is_ok_and(|d| d.starts_with(&real))
                }
                _ => false,
            };
            if !inside {
                return;
            }
        }
        walk(&path, root, source, out);
    } else {
        let Some(name) = path.file_name() else {
            return;
        };
        // What the Memory Bank and rules would not read is not indexed either: Cline's journal
        // only in the bank, and not as the root's rule file reached through a link.
        let name = name.to_string_lossy();
        let read = crate::kb::is_markdown(&name)
            || (source == Source::MemoryBank
                && crate::kb::load::is_journal_name(&name)
                && crate::kb::load::is_the_journal(&path, root));
        if read && crate::kb::load::admit(&path, meta, linked, root).is_ok() {
            push(out, path, root, source, meta);
        }
    }
}

/// The files the index covers at or under `shown` (a path relative to `root`, as the index
/// shows it: a file or a folder, present or gone), by the same rules as [`source_files`], so
/// that re-examining the paths a file watcher reported gives what a whole walk would give
/// there. Sorted by shown path. `None` when that cannot be told from `shown` alone — a
/// symlink on the way, a name that is not plain — and the caller must walk everything.
pub fn source_files_at(root: &Path, shown: &str) -> Option<Vec<Listed>> {
    let mut out = Vec::new();
    let mut parts = shown.split('/');
    let top = parts.next()?;
    let rest: Vec<&str> = parts.collect();
    if rest.iter().any(|part| part.is_empty() || *part == "." || *part == "..") {
        return None;
    }
    // (Only the file watcher asks, and it declines a repository whose bank is elsewhere.)
    let source = match top {
        "memory-bank" => Source::MemoryBank,
        ".clinerules" if crate::kb::load::in_bank_among_rules(Path::new(shown)) => return Some(out),
        "rules" | ".clinerules" => Source::Rules,
        // Not covered: nothing there, whatever it is.
        _ => return Some(out),
    };
    // (Folders on the way are never hidden ones; the last name may be Cline's journal.)
    if rest.split_last().is_some_and(|(last, between)| hidden(last) || between.iter().any(|p| p.starts_with('.'))) {
        return Some(out);
    }
    let top_path = root.join(top);
    let Some((last, between)) = rest.split_last() else {
        // A whole top folder, or the `.clinerules` file: as `source_files` reads them.
        match std::fs::symlink_metadata(&top_path) {
            Err(_) => {}
            Ok(meta) if meta.file_type().is_symlink() => return None,
            Ok(meta) if meta.is_dir() => walk(&top_path, root, source, &mut out),
            Ok(meta) if meta.is_file() && top == ".clinerules" => push(&mut out, top_path, root, source, &meta),
            Ok(_) => {}
        }
        out.sort_unstable_by(|a, b| a.0.shown.cmp(&b.0.shown));
        return Some(out);
    };
    // Every folder on the way must be a plain folder the walk would enter.
    let mut dir = top_path;
    for part in std::iter::once(&"").chain(between) {
        if !part.is_empty() {
            dir.push(part);
        }
        match std::fs::symlink_metadata(&dir) {
            Ok(meta) if meta.file_type().is_symlink() => return None,
            Ok(meta) if meta.is_dir() => {}
            // Gone or not a folder: nothing under it is covered.
            _ => return Some(out),
        }
    }
    let path = dir.join(last);
    let Ok(lmeta) = std::fs::symlink_metadata(&path) else {
        return Some(out);
    };
    let linked = lmeta.file_type().is_symlink();
    if linked {
        return None;
    }
    visit(path, false, &lmeta, &dir, root, source, &mut out);
    out.sort_unstable_by(|a, b| a.0.shown.cmp(&b.0.shown));
    Some(out)
}

/// A file parsed for indexing; its [`Parsed::units`] borrow from it.
pub struct Parsed {
    source: Source,
    doc: Document,
    /// `(line, yaml, heading)` of each check block in a rule file.
    checks: Vec<(usize, String, Option<String>)>,
}

/// Parses one file's text for indexing.
pub fn parse(source: Source, shown: &str, text: &str) -> Parsed {
    let path = Path::new(shown);
    let doc = kb::parse::parse_document(path, text);
    let mut checks = Vec::new();
    if source == Source::Rules {
        let lines = LineIndex::new(text);
        for block in extract::blocks(text) {
            // The block as written (id, title and all) is what people search for; a block
            // with errors is still text worth finding.
            checks.push((lines.line(block.file_offset(0)), block.yaml.trim().to_string(), block.heading));
        }
    }
    Parsed { source, doc, checks }
}

impl Parsed {
    /// The file's units, in line order.
    pub fn units(&self) -> Vec<Unit<'_>> {
        let doc = &self.doc;
        let mut out = Vec::with_capacity(doc.items.len() + doc.entries.len() + self.checks.len());
        for entry in &doc.entries {
            if entry.from_heading {
                out.push(Unit {
                    line: entry.line,
                    entry: &entry.title,
                    date: entry.date,
                    kind: "heading",
                    text: &entry.title,
                    also: &[],
                });
            }
        }
        for section in &doc.sections {
            // A heading that only names its kind is structure, not content.
            if let Some(title) = &section.title
                && says_more_than_its_kind(title)
            {
                out.push(Unit {
                    line: section.line,
                    entry: &doc.entries[section.entry].title,
                    date: section.date,
                    kind: "heading",
                    text: title,
                    also: &[],
                });
            }
        }
        // A bold pseudo-heading is a heading in disguise, under the entry of what it heads.
        let mut group_entry: Vec<Option<usize>> = vec![None; doc.groups.len()];
        for item in &doc.items {
            if let Some(slot) = item.group.and_then(|g| group_entry.get_mut(g)) {
                slot.get_or_insert(item.entry);
            }
        }
        for (group, entry) in doc.groups.iter().zip(&group_entry) {
            // (A title over nothing: the entry of the line above it.)
            let entry = entry.or_else(|| {
                let above = doc.items.partition_point(|item| item.line < group.line);
                above.checked_sub(1).map(|a| doc.items[a].entry)
            });
            let title = group.title.as_str();
            if kb::fields::field_for_label(title).is_none() && says_more_than_its_kind(title) {
                out.push(Unit {
                    line: group.line,
                    entry: &doc.entries[entry.unwrap_or(0)].title,
                    date: None,
                    kind: "heading",
                    text: title,
                    also: &[],
                });
            }
        }
        for item in &doc.items {
            out.push(Unit {
                line: item.line,
                entry: &doc.entries[item.entry].title,
                date: item.date,
                kind: match self.source {
                    Source::MemoryBank => item.kind.as_str(),
                    Source::Rules => "rule",
                },
                text: &item.text,
                also: if item.block == kb::Block::TableRow { &item.fields } else { &[] },
            });
        }
        for (line, yaml, heading) in &self.checks {
            out.push(Unit {
                line: *line,
                entry: heading.as_deref().unwrap_or(""),
                date: None,
                kind: "check",
                text: yaml,
                also: &[],
            });
        }
        out.sort_by_key(|u| u.line);
        out
    }
}

/// Whether a heading (or a bold pseudo-heading) is content, not structure: it names no kind,
/// or says something of its own beside it ([`distinctive`]).
fn says_more_than_its_kind(title: &str) -> bool {
    kb::classify(title) == Kind::Other || distinctive(title)
}

/// Whether a heading that names a kind also says something of its own: more than three words
/// besides a date (`### Decisions about the ZFS quota`, not `### Recent Changes (2025-11-17)`).
fn distinctive(title: &str) -> bool {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .count()
        > 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(source: Source, text: &str) -> Vec<(&'static str, usize, String)> {
        let parsed = parse(source, "x.md", text);
        parsed.units().iter().map(|u| (u.kind, u.line, u.text.to_string())).collect()
    }

    #[test]
    fn what_a_watcher_reports_is_covered_as_a_walk_covers_it() {
        // Cline's journal in the bank is covered, as the whole walk covers it; a `.clinerules/`
        // folder there and other hidden names are not.
        let root = std::env::temp_dir().join(format!("mb-units-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("memory-bank/.clinerules.d")).unwrap();
        std::fs::create_dir_all(root.join("memory-bank/sub/.clinerules")).unwrap();
        std::fs::write(root.join("memory-bank/.clinerules"), "- Always pin images.\n").unwrap();
        std::fs::write(root.join("memory-bank/sub/.clinerules/style.md"), "- Use tabs.\n").unwrap();
        std::fs::write(root.join("memory-bank/.clinerules.d/a.md"), "- Use Caddy.\n").unwrap();
        let shown = |listed: Vec<Listed>| listed.into_iter().map(|(p, ..)| p.shown).collect::<Vec<_>>();
        assert_eq!(shown(source_files(&root)), ["memory-bank/.clinerules"]);
        assert_eq!(shown(source_files_at(&root, "memory-bank/.clinerules").unwrap()), ["memory-bank/.clinerules"]);
        assert!(source_files_at(&root, "memory-bank/sub/.clinerules").unwrap().is_empty());
        assert!(source_files_at(&root, "memory-bank/sub/.clinerules/style.md").unwrap().is_empty());
        assert!(source_files_at(&root, "memory-bank/.clinerules.d/a.md").unwrap().is_empty());
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn items_headings_and_checks_are_units() {
        let text = "# Samba\n\nWhy locking matters.\n\n## Locking\n\n- Keep it none.\n\n```mb-check\nid: samba-locking\ntitle: Locking stays none\nhosts: samba\nprobe: { var: x }\nexpect: { present: true }\n```\n";
        let units = kinds(Source::Rules, text);
        let shape: Vec<(&str, usize)> = units.iter().map(|(k, l, _)| (*k, *l)).collect();
        assert_eq!(shape, [("heading", 1), ("rule", 3), ("heading", 5), ("rule", 7), ("check", 10)]);
        assert!(units[4].2.starts_with("id: samba-locking\ntitle: Locking stays none"));
    }

    #[test]
    fn generic_section_headings_are_not_units() {
        let text = "# Log\n\n## Rework (2025-01-02)\n\n### Recent Changes (2025-01-03)\n- a\n\n### Next Steps\n- b\n\n### Decisions about the ZFS quota\n- c\n";
        let headings: Vec<String> = kinds(Source::MemoryBank, text)
            .into_iter()
            .filter(|(k, _, _)| *k == "heading")
            .map(|(_, _, t)| t)
            .collect();
        assert_eq!(headings, ["Log", "Rework (2025-01-02)", "Decisions about the ZFS quota"]);
    }

    #[test]
    fn bold_pseudo_headings_that_say_something_are_units() {
        // A title over two lines, a field's label and a kind's name: only the first says
        // something of its own, and it is found at its first line.
        let text = "# Log

**Left for later: the cache retention, which the runners
share with the tests.**
- a

                    Decision: keep the cache.
**Rationale:**
- b

**Next steps:**

- c
";
        let headings: Vec<(usize, String)> = kinds(Source::MemoryBank, text)
            .into_iter()
            .filter(|(k, _, _)| *k == "heading")
            .map(|(_, line, t)| (line, t))
            .collect();
        assert_eq!(
            headings,
            [
                (1, "Log".to_string()),
                (3, "Left for later: the cache retention, which the runners share with the tests.".to_string())
            ]
        );
    }
}
