//! Rule files: Markdown prose for people and agents, with fenced `mb-check` blocks that the
//! auditor runs.
//!
//! [`load`] finds the rule files (`rules/**/*.md`, `.clinerules`, `.clinerules/**/*.md`),
//! extracts their blocks ([`extract`]), validates each into a [`Check`] ([`parse`]) and reports
//! every problem as a [`Diagnostic`]. [`RuleSet::link_decisions`] then ties each check to the
//! memory-bank decision it enforces.

pub mod check;
pub mod extract;
pub mod ini;
pub mod parse;
pub mod reference;
pub mod registry;
pub mod select;
mod shell;
pub mod source;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

pub use check::{Check, Expectation, Probe, ProbeSource, Scope, Selector, Severity};

use crate::diag::{Code, Diagnostic, Sources};
use crate::kb::{KnowledgeBase, MarkdownFiles};
use crate::source::{LineIndex, SourceFile, display_path};

/// Every check found, every problem found, and the texts the problems point into.
#[derive(Debug, Default)]
pub struct RuleSet {
    pub checks: Vec<Check>,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
    /// The rule files read, in the order they were read.
    pub files: Vec<PathBuf>,
}

impl RuleSet {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// A digest of every check as written (file and block), in order: two runs with the same
    /// digest judged the same rules.
    pub fn digest(&self) -> String {
        let blocks = self.checks.iter().flat_map(|c| {
            let text = self.sources.get(&c.source.file).and_then(|(f, _)| f.text.get(c.source.span.clone()));
            [c.id.as_str(), text.unwrap_or("")]
        });
        crate::audit::shard::digest(blocks)
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// Resolves each check's `decision:` against the memory bank; one that matches no
    /// decision is a warning (the check still runs).
    pub fn link_decisions(&mut self, kb: &KnowledgeBase) {
        let index = crate::kb::find::DecisionIndex::new(kb);
        for check in &mut self.checks {
            let Some(link) = &mut check.decision else {
                continue;
            };
            match index.find(&link.text) {
                Some((doc, item)) => {
                    link.resolved = Some(check::ResolvedDecision {
                        id: item.id.to_string(),
                        file: display_path(&doc.path),
                        line: item.line,
                        text: item.text.as_str().to_owned(),
                        date: item.date.map(|d| d.to_string()),
                    });
                }
                None => self.diagnostics.push(
                    Diagnostic::warning(
                        Code::UnknownDecision,
                        format!(
                            "check `{}` links a decision the memory bank does not contain",
                            check.id
                        ),
                    )
                    .at(&check.source.file, link.span.clone(), "no decision matches this text")
                    .help(
                        "quote a phrase of the decision's text (case and spacing are ignored) or its id from `mb decisions --json`",
                    ),
                ),
            }
        }
    }
}

/// The rule files mb reads from a repository root: `rules/**/*.md`, a `.clinerules` file or
/// the Markdown files under a `.clinerules/` folder.
pub fn default_paths(root: &Path) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    let rules = root.join("rules");
    if rules.is_dir() {
        paths.push(rules);
    }
    let cline = root.join(".clinerules");
    if cline.exists() {
        paths.push(cline);
    }
    paths
}

/// Reads, extracts and validates the rule files under `paths` (files or folders), shown
/// relative to `root`.
pub fn load(root: &Path, paths: &[PathBuf]) -> RuleSet {
    let mut found = MarkdownFiles::default();
    for path in paths {
        let mut more = MarkdownFiles::find(path, root);
        // A bank kept among the rules is no rule file, unless named itself.
        if !crate::kb::load::in_bank_among_rules(path.strip_prefix(root).unwrap_or(path)) {
            more.files.retain(|(_, shown)| !crate::kb::load::in_bank_among_rules(shown));
        }
        found.files.extend(more.files);
        found.errors.extend(more.errors);
        found.warnings.extend(more.warnings);
    }
    found.files.sort_by(|a, b| a.1.cmp(&b.1));
    found.files.dedup_by(|a, b| a.1 == b.1);

    let files: Vec<(PathBuf, Result<SourceFile, crate::source::ReadError>)> =
        found.files.par_iter().map(|(disk, shown)| (shown.clone(), SourceFile::read(disk, shown.clone()))).collect();
    let mut set = build(found.errors, files);
    set.diagnostics.extend(found.warnings.into_iter().map(|why| Diagnostic::warning(Code::ReadFailed, why)));
    set
}

/// Validates rule files already in memory (`(display path, text)`, e.g. read from a commit's
/// tree), in the order given.
pub fn from_texts(files: Vec<(PathBuf, String)>) -> RuleSet {
    let files = files
        .into_iter()
        .map(|(path, text)| {
            let file = SourceFile::from_bytes(path.clone(), text.into_bytes());
            (path, file)
        })
        .collect();
    build(Vec::new(), files)
}

/// Extracts and validates the blocks of files read (or not) for a rule set.
fn build(
    errors: Vec<crate::source::ReadError>,
    files: Vec<(PathBuf, Result<SourceFile, crate::source::ReadError>)>,
) -> RuleSet {
    let mut set = RuleSet::default();
    for err in errors {
        set.diagnostics.push(Diagnostic::error(Code::ReadFailed, err.to_string()));
    }
    let parsed: Vec<_> = files
        .into_par_iter()
        .map(|(shown, file)| match file {
            Ok(file) => {
                let file = Arc::new(file);
                let lines = LineIndex::new(&file.text);
                let mut blocks = Vec::new();
                let mut diags = Vec::new();
                for block in extract::blocks(&file.text) {
                    let mut parsed = parse::parse_block_with_id(&file.path, &lines, &block);
                    diags.append(&mut parsed.diagnostics);
                    blocks.push((parsed.check, parsed.id));
                }
                (shown, Some(file), blocks, diags)
            }
            Err(err) => (shown, None, Vec::new(), vec![Diagnostic::error(Code::ReadFailed, err.to_string())]),
        })
        .collect();

    // Every block that names a well-formed id claims it, valid or not: a duplicate is
    // reported with the block's other problems, not on the run after they are fixed.
    let mut first_seen: HashMap<String, (PathBuf, std::ops::Range<usize>)> = HashMap::new();
    for (path, file, blocks, diags) in parsed {
        set.files.push(path);
        set.diagnostics.extend(diags);
        let Some(file) = file else { continue };
        for (check, id) in blocks {
            let Some((id, id_span)) = id else {
                set.checks.extend(check);
                continue;
            };
            if let Some((first_file, first_span)) = first_seen.get(&id) {
                set.diagnostics.push(
                    Diagnostic::error(Code::DuplicateId, format!("check id `{id}` is used twice"))
                        .at(&file.path, id_span, "this check")
                        .also(first_file, first_span.clone(), "has the same id as this one")
                        .help("ids are unique across all rule files: findings, runs and fixes are keyed by them"),
                );
                continue;
            }
            first_seen.insert(id, (file.path.clone(), id_span));
            set.checks.extend(check);
        }
        set.sources.add(file);
    }
    set
}
