//! The pull-request report (`mb ci`): what a change between two commits does to the team's
//! decisions and to compliance, read straight from git's objects.
//!
//! [`compare`] reads the Memory Bank and the rule files at both revisions ([`revision`]),
//! judges the `scope: repo` checks at each through the audit engine (the repository's files
//! read from the commit's tree), and reports decisions added, removed and changed, checks
//! added, removed and changed, the repo-check failures the change introduces, fixes or
//! leaves, and the decisions no check enforces ([`coverage`]).

pub mod coverage;
pub mod markdown;
pub mod revision;

use std::collections::HashMap;

use serde::Serialize;

use crate::audit::run::Run;
use crate::audit::{self, Finding, FindingStatus, Reach, Request};
use crate::diag::Diagnostic;
use crate::inventory::Inventory;
use crate::kb::{Document, Item, ItemId, Kind, KnowledgeBase, Setting, Status};
use crate::rules::{Check, RuleSet};
pub use revision::{Repo, Revision, RevisionError};

/// What `mb ci` compares.
#[derive(Debug, Clone)]
pub struct Options {
    /// The Memory Bank folder, relative to the mb root; `None`: each revision's own
    /// ([`Repo::bank_folder`]).
    pub memory_bank: Option<String>,
}

/// Why the comparison could not be made.
#[derive(Debug, thiserror::Error)]
pub enum CiError {
    #[error(transparent)]
    Revision(#[from] RevisionError),
    #[error("the rule files at {rev} have errors")]
    InvalidRules { rev: String, diagnostics: Vec<Diagnostic>, sources: crate::diag::Sources },
    #[error("judging the repository at {rev}: {source}")]
    Audit {
        rev: String,
        #[source]
        source: audit::AuditError,
    },
}

/// One side of the comparison.
pub struct Side {
    pub rev: Revision,
    pub kb: KnowledgeBase,
    pub rules: RuleSet,
    /// The `scope: repo` checks judged against the revision's files.
    pub run: Run,
}

/// A decision as the report shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DecisionRow {
    pub id: String,
    pub text: String,
    pub file: String,
    pub line: usize,
    pub entry: String,
    pub date: Option<String>,
    pub settings: Vec<Setting>,
    pub status: Status,
}

/// A decision that the change edited (or whose status it changed).
#[derive(Debug, Clone, Serialize)]
pub struct ChangedDecision {
    pub before: DecisionRow,
    pub after: DecisionRow,
    /// What changed: `text`, `settings`, `status`.
    pub changed: Vec<&'static str>,
}

/// A decision the change added, with the decisions it supersedes.
#[derive(Debug, Clone, Serialize)]
pub struct AddedDecision {
    #[serde(flatten)]
    pub decision: DecisionRow,
    pub supersedes: Vec<DecisionRow>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct DecisionChanges {
    pub added: Vec<AddedDecision>,
    pub removed: Vec<DecisionRow>,
    pub changed: Vec<ChangedDecision>,
}

/// A check as the report shows it.
#[derive(Debug, Clone, Serialize)]
pub struct CheckRow {
    pub id: String,
    pub title: Option<String>,
    pub file: String,
    pub line: usize,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckChanges {
    pub added: Vec<CheckRow>,
    pub removed: Vec<CheckRow>,
    pub changed: Vec<CheckRow>,
}

/// The repo-check failures, split by what the change did to them.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FindingChanges {
    /// Failing at head, not at base.
    pub introduced: Vec<Finding>,
    /// Failing at base, not at head.
    pub fixed: Vec<Finding>,
    /// Failing at both.
    pub existing: Vec<Finding>,
    /// Could not be judged at head (an error finding).
    pub errors: Vec<Finding>,
}

/// The summary of a fleet audit run (`--run`), shown beside the change.
#[derive(Debug, Clone, Serialize)]
pub struct Fleet {
    pub run: String,
    pub verdict: &'static str,
    pub summary: audit::Summary,
    /// Checks failing on some host, with the hosts.
    pub failing: Vec<(String, Vec<String>)>,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub base: RevRef,
    pub head: RevRef,
    pub decisions: DecisionChanges,
    pub checks: CheckChanges,
    pub findings: FindingChanges,
    /// Decisions at head that no check enforces.
    pub uncovered: Vec<coverage::Uncovered>,
    /// The ids among `uncovered` that the change adds.
    pub uncovered_new: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fleet: Option<Fleet>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RevRef {
    pub name: String,
    pub commit: String,
    pub short: String,
}

impl From<&Revision> for RevRef {
    fn from(r: &Revision) -> RevRef {
        RevRef { name: r.name.clone(), commit: r.id.to_string(), short: r.short.clone() }
    }
}

impl Report {
    /// Whether the change introduces failures (the job fails on these by default).
    pub fn introduces_failures(&self) -> bool {
        !self.findings.introduced.is_empty()
    }
}

/// Reads one revision: its Memory Bank, its rules (linked to its decisions) and its repo checks
/// judged against its own files. With `strict`, rule files with errors are an error (the head
/// must be valid); without, their broken blocks are left out (a base may predate a fix).
pub fn side(repo: &Repo, rev: Revision, options: &Options, strict: bool) -> Result<Side, CiError> {
    let own = repo.bank_folder(&rev)?;
    // (`./memory-bank/` names the folder `memory-bank`, as on the command line.)
    let bank = options.memory_bank.as_deref().map_or(own, |folder| {
        let folder = folder.trim_end_matches('/');
        folder.strip_prefix("./").unwrap_or(folder)
    });
    let mut bank_files = repo.markdown(&rev, bank, true)?;
    // (With the core files the repository keeps at its root, and the root's journal, as on
    // disk.)
    if bank == own {
        let journal = std::path::Path::new(bank).join(crate::kb::load::CLINE_JOURNAL);
        let in_folder = bank_files.iter().any(|(path, _)| *path == journal);
        let core = repo.root_core_files(&rev, bank)?;
        for name in &core {
            bank_files.extend(repo.markdown(&rev, name, true)?);
        }
        if repo.journal_at_root(&rev, bank, !core.is_empty(), in_folder)? {
            bank_files.extend(repo.markdown(&rev, crate::kb::load::CLINE_JOURNAL, true)?);
        }
        bank_files.sort();
    }
    let kb = crate::kb::load::parse_all(&bank_files);
    let mut files = repo.markdown(&rev, "rules", false)?;
    files.extend(repo.markdown(&rev, ".clinerules", false)?);
    files.retain(|(path, _)| !crate::kb::load::in_bank_among_rules(path));
    files.sort();
    files.dedup_by(|a, b| a.0 == b.0);
    let mut rules = crate::rules::from_texts(files);
    rules.link_decisions(&kb);
    if strict && rules.errors() > 0 {
        return Err(CiError::InvalidRules {
            rev: format!("{} ({})", rev.name, rev.short),
            diagnostics: std::mem::take(&mut rules.diagnostics),
            sources: std::mem::take(&mut rules.sources),
        });
    }
    let request = Request {
        checks: rules.checks.clone(),
        inventory: Inventory::default(),
        limit: None,
        reach: Reach::RepoOnly,
        repo: Some(repo.files(&rev)),
        jobs: 1,
        save: None,
        shard: None,
        provenance: Default::default(),
    };
    let run = match audit::execute(&request, &mut ()) {
        Ok(run) => run,
        // No repo check at this revision: an empty run.
        Err(audit::AuditError::NoTarget { .. }) => empty_run(),
        Err(source) => return Err(CiError::Audit { rev: rev.name.clone(), source }),
    };
    Ok(Side { rev, kb, rules, run })
}

fn empty_run() -> Run {
    let plan = audit::AuditPlan { checks: Vec::new(), hosts: Vec::new(), unmatched: Vec::new() };
    Run::new(audit::run::id_at(audit::run::now()), "repo", &plan, Vec::new(), Vec::new())
}

/// Compares two sides.
pub fn compare(base: &Side, head: &Side, fleet: Option<&Run>) -> Report {
    let decisions = compare_decisions(&base.kb, &head.kb);
    let checks = compare_checks(&base.rules, &head.rules);
    let findings = compare_findings(&base.run, &head.run);
    let uncovered = coverage::uncovered(&head.kb, &head.rules.checks);
    let base_ids: std::collections::HashSet<String> = decisions_of(&base.kb).map(|(_, i)| i.id.to_string()).collect();
    let uncovered_new = uncovered.iter().filter(|u| !base_ids.contains(&u.id)).map(|u| u.id.clone()).collect();
    Report {
        base: (&base.rev).into(),
        head: (&head.rev).into(),
        decisions,
        checks,
        findings,
        uncovered,
        uncovered_new,
        fleet: fleet.map(fleet_summary),
    }
}

fn decisions_of(kb: &KnowledgeBase) -> impl Iterator<Item = (&Document, &Item)> {
    kb.items().filter(|(_, i)| i.kind == Kind::Decision)
}

fn row(doc: &Document, item: &Item) -> DecisionRow {
    DecisionRow {
        id: item.id.to_string(),
        text: item.text.as_str().to_owned(),
        file: crate::source::display_path(&doc.path),
        line: item.line,
        entry: doc
            .entries
            .get(item.entry)
            .map(|e| crate::kb::record::repeated_title(&e.title).into_owned())
            .unwrap_or_default(),
        date: item.date.map(|d| d.to_string()),
        settings: item.settings(),
        status: item.status,
    }
}

/// Two decisions are one edited decision when they sit in the same file and entry and share
/// their bold lead or a setting key.
fn same_decision(a: (&Document, &Item), b: (&Document, &Item)) -> bool {
    fn entry<'a>((d, i): (&'a Document, &Item)) -> Option<&'a str> {
        d.entries.get(i.entry).map(|e| e.title.as_str())
    }
    if a.0.path != b.0.path || entry(a) != entry(b) {
        return false;
    }
    if let (Some(x), Some(y)) = (&a.1.bold, &b.1.bold) {
        return crate::kb::normalize_phrase(x) == crate::kb::normalize_phrase(y);
    }
    let theirs = b.1.settings();
    a.1.settings().iter().any(|s| theirs.iter().any(|t| t.key == s.key))
}

/// Decisions matched by id, then edits paired by [`same_decision`]; rows are built only for
/// what changed, so a large Memory Bank with a small change costs little.
fn compare_decisions(base: &KnowledgeBase, head: &KnowledgeBase) -> DecisionChanges {
    let before: HashMap<ItemId, (&Document, &Item)> = decisions_of(base).map(|(d, i)| (i.id, (d, i))).collect();
    let mut out = DecisionChanges::default();
    let mut matched: std::collections::HashSet<ItemId> = std::collections::HashSet::new();
    let mut added: Vec<(&Document, &Item)> = Vec::new();
    for (doc, item) in decisions_of(head) {
        match before.get(&item.id) {
            Some(&(was_doc, was)) => {
                matched.insert(item.id);
                if was.status != item.status {
                    out.changed.push(ChangedDecision {
                        before: row(was_doc, was),
                        after: row(doc, item),
                        changed: vec!["status"],
                    });
                }
            }
            None => added.push((doc, item)),
        }
    }
    let mut removed: Vec<(&Document, &Item)> = decisions_of(base).filter(|(_, i)| !matched.contains(&i.id)).collect();
    // An added decision that matches a removed one is that decision, edited.
    let mut really_added = Vec::new();
    for now in added {
        match removed.iter().position(|was| same_decision(*was, now)) {
            Some(p) => {
                let (was, now) = (row(removed[p].0, removed.remove(p).1), row(now.0, now.1));
                let mut changed = vec!["text"];
                if was.settings != now.settings {
                    changed.push("settings");
                }
                if was.status != now.status {
                    changed.push("status");
                }
                out.changed.push(ChangedDecision { before: was, after: now, changed });
            }
            None => really_added.push(now),
        }
    }
    // What each added decision supersedes: the head's decisions whose successor it is.
    let mut superseded_by: HashMap<ItemId, Vec<DecisionRow>> = HashMap::new();
    for (doc, item) in decisions_of(head).filter(|(_, i)| i.status == Status::Superseded) {
        if let Some(next) = item.superseded_by.and_then(|(d, k)| head.documents.get(d)?.items.get(k)) {
            superseded_by.entry(next.id).or_default().push(row(doc, item));
        }
    }
    for (doc, item) in really_added {
        let supersedes = superseded_by.remove(&item.id).unwrap_or_default();
        out.added.push(AddedDecision { decision: row(doc, item), supersedes });
    }
    out.removed = removed.into_iter().map(|(d, i)| row(d, i)).collect();
    out
}

fn check_row(check: &Check) -> CheckRow {
    CheckRow {
        id: check.id.clone(),
        title: check.title.clone(),
        file: crate::source::display_path(&check.source.file),
        line: check.source.line,
    }
}

/// A check's block as written, for comparing two revisions of it.
fn block_text<'a>(set: &'a RuleSet, check: &Check) -> Option<&'a str> {
    let (file, _) = set.sources.get(&check.source.file)?;
    file.text.get(check.source.span.clone())
}

fn compare_checks(base: &RuleSet, head: &RuleSet) -> CheckChanges {
    let before: HashMap<&str, &Check> = base.checks.iter().map(|c| (c.id.as_str(), c)).collect();
    let after: HashMap<&str, &Check> = head.checks.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut out = CheckChanges::default();
    for check in &head.checks {
        match before.get(check.id.as_str()) {
            None => out.added.push(check_row(check)),
            Some(was) if block_text(base, was) != block_text(head, check) => out.changed.push(check_row(check)),
            Some(_) => {}
        }
    }
    out.removed = base.checks.iter().filter(|c| !after.contains_key(c.id.as_str())).map(check_row).collect();
    out
}

fn compare_findings(base: &Run, head: &Run) -> FindingChanges {
    let was: HashMap<(&str, &str), &Finding> =
        base.findings.iter().map(|f| ((f.check.id.as_str(), f.host.as_ref()), f)).collect();
    let now: HashMap<(&str, &str), &Finding> =
        head.findings.iter().map(|f| ((f.check.id.as_str(), f.host.as_ref()), f)).collect();
    let failing = |f: Option<&&Finding>| f.is_some_and(|f| f.status == FindingStatus::Fail);
    let mut out = FindingChanges::default();
    for f in &head.findings {
        let key = (f.check.id.as_str(), f.host.as_ref());
        match f.status {
            FindingStatus::Fail if failing(was.get(&key)) => out.existing.push(f.clone()),
            FindingStatus::Fail => out.introduced.push(f.clone()),
            FindingStatus::Error => out.errors.push(f.clone()),
            _ => {}
        }
    }
    for f in &base.findings {
        if f.status == FindingStatus::Fail && !failing(now.get(&(f.check.id.as_str(), f.host.as_ref()))) {
            out.fixed.push(f.clone());
        }
    }
    out
}

fn fleet_summary(run: &Run) -> Fleet {
    let mut failing: Vec<(String, Vec<String>)> = Vec::new();
    for f in run.findings.iter().filter(|f| f.status == FindingStatus::Fail) {
        match failing.last_mut() {
            Some((check, hosts)) if *check == f.check.id => hosts.push(f.host.to_string()),
            _ => failing.push((f.check.id.clone(), vec![f.host.to_string()])),
        }
    }
    Fleet { run: run.run.clone(), verdict: run.verdict().as_str(), summary: run.summary.clone(), failing }
}

/// Where the report links `file:line` to (a web view of the head commit), when known.
#[derive(Debug, Clone, Default)]
pub struct Links {
    /// `https://github.com/OWNER/REPO/blob/SHA`, to which `/path#Lline` is added.
    pub blob_base: Option<String>,
    /// The mb root's place in the repository, prepended to paths (`infra/`), or empty.
    pub prefix: String,
}

impl Links {
    pub fn to(&self, file: &str, line: usize) -> Option<String> {
        self.blob_base.as_ref().map(|b| format!("{}/{}{file}#L{line}", b.trim_end_matches('/'), self.prefix))
    }
}
