//! Fixes: failing checks that declare a `fix:` become edits to files of the repository, made
//! in memory against HEAD, shown as a unified diff and committed on a new branch.
//!
//! [`plan`] is pure: it takes a run, today's checks and a [`Base`] to read HEAD's files from,
//! and says per check what its fix changes, what is already so in HEAD, and what it refuses.
//! [`git`] reads HEAD and writes the commit without touching the working tree, the index or
//! the current branch.

pub mod edit;
pub mod git;

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::audit::run::{HostRecord, Run};
use crate::audit::{DecisionRef, Finding, FindingStatus, RuleRef};
use crate::rules::Check;
use crate::rules::check::{Edit, Template};
pub use edit::Op;

/// Where fixes read the files they edit (HEAD's tree, for `mb fix`).
pub trait Base {
    /// The bytes of a file at a repository-relative path (`/`-separated), or why mb will not
    /// edit it.
    fn read(&self, path: &str) -> Result<Vec<u8>, String>;
}

/// One check's fix, for the hosts where the check failed.
#[derive(Debug, Clone, Serialize)]
pub struct PlannedFix {
    pub check: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub hosts: Vec<String>,
    /// The file the fix edits, relative to the repository root.
    pub file: String,
    /// The edit, described: `ini_set [global] fruit:locking = none`.
    pub edit: String,
    pub state: FixState,
    pub rule: RuleRef,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<DecisionRef>,
    /// What the findings saw: `nas1: expected none, found posix`.
    pub drift: Vec<String>,
    #[serde(skip)]
    pub op: Option<Op>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FixState {
    /// The edit changes the file.
    Changes,
    /// HEAD already says so: the hosts need the play run, not the repo a change.
    AlreadyInHead,
    /// Another fix in this plan makes the same change.
    Covered,
    /// mb will not make this fix (see the refusal).
    Refused,
}

/// A fix mb will not make, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Refusal {
    pub check: String,
    pub rule: RuleRef,
    pub file: String,
    pub message: String,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "fix of `{}` ({}:{}): {}: {}", self.check, self.rule.file, self.rule.line, self.file, self.message)
    }
}

/// A file the fixes change.
#[derive(Debug, Clone, Serialize)]
pub struct FileChange {
    pub path: String,
    #[serde(skip)]
    pub after: String,
    /// The unified diff, `a/path` → `b/path`.
    pub diff: String,
}

/// What `mb fix` will do for a run.
#[derive(Debug, Default, Serialize)]
pub struct FixPlan {
    pub fixes: Vec<PlannedFix>,
    pub files: Vec<FileChange>,
    pub refused: Vec<Refusal>,
    /// Failing checks that declare no fix.
    pub without_fix: Vec<String>,
    /// Failing checks of the run that today's rules no longer have.
    pub unknown_checks: Vec<String>,
}

impl PlannedFix {
    fn refusal(&self, message: impl Into<String>) -> Refusal {
        Refusal { check: self.check.clone(), rule: self.rule.clone(), file: self.file.clone(), message: message.into() }
    }
}

impl FixPlan {
    /// The fixes that change a file.
    pub fn changing(&self) -> impl Iterator<Item = &PlannedFix> {
        self.fixes.iter().filter(|f| f.state == FixState::Changes)
    }
}

/// Plans the fixes of a run's failing checks (only those named in `only`, when it is not
/// empty), reading the files to edit from `base`.
pub fn plan(run: &Run, checks: &[Check], base: &dyn Base, only: &[String]) -> FixPlan {
    let mut failing: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in run.findings.iter().filter(|f| f.status == FindingStatus::Fail) {
        if only.is_empty() || only.iter().any(|o| *o == f.check.id) {
            failing.entry(f.check.id.as_str()).or_default().push(f);
        }
    }
    let mut out = FixPlan {
        unknown_checks: failing
            .keys()
            .filter(|id| !checks.iter().any(|c| c.id == **id))
            .map(|s| s.to_string())
            .collect(),
        ..FixPlan::default()
    };

    // Render each check's edit for its failing hosts, in rule order.
    let recorded = run.hosts_by_name();
    let mut fixes: Vec<PlannedFix> = Vec::new();
    for check in checks {
        let Some(findings) = failing.get(check.id.as_str()) else {
            continue;
        };
        let Some(fix) = &check.fix else {
            out.without_fix.push(check.id.clone());
            continue;
        };
        let first = findings[0];
        let mut planned = PlannedFix {
            check: check.id.clone(),
            title: check.title.clone(),
            hosts: findings.iter().map(|f| f.host.to_string()).collect(),
            file: crate::source::display_path(&fix.file),
            edit: String::new(),
            state: FixState::Refused,
            rule: first.check.rule.clone(),
            decision: first.check.decision.clone(),
            drift: findings.iter().map(|f| format!("{}: {}", f.host, drift_of(f))).collect(),
            op: None,
        };
        match crate::source::repo_relative(&fix.file) {
            Ok(path) => planned.file = path,
            Err(why) => {
                out.refused.push(planned.refusal(why));
                fixes.push(planned);
                continue;
            }
        }
        match render_for(&fix.edit, run, &recorded, &planned.hosts) {
            Ok(op) => {
                planned.edit = op.to_string();
                planned.op = Some(op);
            }
            Err(why) => out.refused.push(planned.refusal(why)),
        }
        fixes.push(planned);
    }

    // Apply the fixes file by file, in rule order, each on the result of the one before.
    let mut by_file: Vec<(String, Vec<usize>)> = Vec::new();
    let mut slot: HashMap<String, usize> = HashMap::new();
    for (i, f) in fixes.iter().enumerate().filter(|(_, f)| f.op.is_some()) {
        let n = *slot.entry(f.file.clone()).or_insert_with(|| {
            by_file.push((f.file.clone(), Vec::new()));
            by_file.len() - 1
        });
        by_file[n].1.push(i);
    }
    for (path, here) in by_file {
        let refuse_all = |fixes: &[PlannedFix], refused: &mut Vec<Refusal>, message: &str| {
            refused.extend(here.iter().map(|&i| fixes[i].refusal(message)));
        };
        let before = match base.read(&path).map(String::from_utf8) {
            Ok(Ok(text)) => text,
            Ok(Err(_)) => {
                refuse_all(&fixes, &mut out.refused, "is not UTF-8 text; mb edits text files only");
                continue;
            }
            Err(why) => {
                refuse_all(&fixes, &mut out.refused, &why);
                continue;
            }
        };
        let mut current = before.clone();
        let mut applied: Vec<usize> = Vec::new();
        for &i in &here {
            let op = fixes[i].op.as_ref().expect("filtered on op");
            match op.apply(&current) {
                Err(why) => out.refused.push(fixes[i].refusal(format!("the edit does not apply: {why}"))),
                Ok(after) => {
                    fixes[i].state = if after != current {
                        FixState::Changes
                    } else if op.apply(&before).is_ok_and(|b| b == before) {
                        FixState::AlreadyInHead
                    } else {
                        FixState::Covered
                    };
                    current = after;
                    applied.push(i);
                }
            }
        }
        // Fixes that undo each other would flip-flop on every run: refuse the file.
        let undone: Vec<&str> = applied
            .iter()
            .filter(|&&i| {
                fixes[i].op.as_ref().and_then(|op| op.apply(&current).ok()).is_none_or(|again| again != current)
            })
            .map(|&i| fixes[i].check.as_ref())
            .collect();
        if !undone.is_empty() {
            let message = format!("the fixes of {} disagree about this file; make them agree", undone.join(", "));
            refuse_all(&fixes, &mut out.refused, &message);
            for &i in &here {
                fixes[i].state = FixState::Refused;
            }
            continue;
        }
        if current != before {
            let diff = unified_diff(&path, &before, &current);
            out.files.push(FileChange { path, after: current, diff });
        }
    }
    out.fixes = fixes;
    out
}

/// The fix commit's message: a subject naming the checks, one paragraph per fix with its
/// hosts, edit, rule and decision, and a trailer naming the run.
pub fn commit_message(plan: &FixPlan, run: &Run) -> String {
    let ids: Vec<&str> = plan.changing().map(|f| f.check.as_ref()).collect();
    let mut subject = format!("Fix drift: {}", ids.join(", "));
    if subject.chars().count() > 72 {
        subject = format!("Fix drift: {} and {} more", ids[0], ids.len() - 1);
    }
    let mut out = format!(
        "{subject}\n\n`mb audit` run {} found hosts drifted from decisions that these\nfiles state; this commit makes the repository state them again.\n",
        run.run
    );
    for f in plan.changing() {
        out.push_str(&format!("\n- {}", f.check));
        if let Some(title) = &f.title {
            out.push_str(&format!(": {title}"));
        }
        out.push_str(&format!(
            "\n  hosts: {}\n  edit: {}: {}\n  rule: {}:{}\n",
            f.hosts.join(", "),
            f.file,
            f.edit,
            f.rule.file,
            f.rule.line
        ));
        for d in &f.drift {
            out.push_str(&format!("  was: {d}\n"));
        }
        if let Some(d) = &f.decision {
            let date = d.date.as_deref().map(|d| format!(", {d}")).unwrap_or_default();
            out.push_str(&format!("  decision: \"{}\" ({}:{}{date})\n", d.text, d.file, d.line));
        }
    }
    out.push_str("\nmb changes no host: apply this to the fleet with the play once merged.\n");
    out.push_str(&format!("\n{}: {}\n", git::RUN_TRAILER, run.run));
    out
}

/// `expected none, found posix`, or the finding's message.
fn drift_of(f: &Finding) -> String {
    match (&f.expected, &f.actual) {
        (Some(e), Some(a)) => format!("expected {e}, found {a}"),
        _ => f.message.to_string(),
    }
}

/// The edit with its templates filled in from the run's variables of each failing host; the
/// hosts must agree, since one file is edited for all of them.
fn render_for(edit: &Edit, run: &Run, recorded: &HashMap<&str, &HostRecord>, hosts: &[String]) -> Result<Op, String> {
    let mut agreed: Option<(Op, &str)> = None;
    for host in hosts {
        let op = render(edit, run, recorded.get(host.as_str()).map(|h| &h.vars), host)?;
        match &agreed {
            None => agreed = Some((op, host)),
            Some((first, first_host)) if *first != op => {
                return Err(format!(
                    "the fix reads differently for {first_host} (`{first}`) and {host} (`{op}`); one file cannot fix both (put the value in host_vars)"
                ));
            }
            Some(_) => {}
        }
    }
    agreed.map(|(op, _)| op).ok_or_else(|| "no failing host".into())
}

fn render(edit: &Edit, run: &Run, vars: Option<&BTreeMap<String, String>>, host: &str) -> Result<Op, String> {
    edit.try_map(|t: &Template| {
        t.render(|name| match (name, vars.and_then(|v| v.get(name))) {
            (_, Some(v)) => Some(v.clone()),
            ("inventory_hostname", None) => Some(host.to_string()),
            _ => None,
        })
        .map_err(|name| {
            format!(
                "`{{{{ {name} }}}}` has no value for {host} in run {} (vault values are never written by mb)",
                run.run
            )
        })
    })
}

/// A `git apply`-able unified diff of one file.
fn unified_diff(path: &str, before: &str, after: &str) -> String {
    let diff = similar::TextDiff::from_lines(before, after);
    let body = diff.unified_diff().context_radius(3).header(&format!("a/{path}"), &format!("b/{path}")).to_string();
    format!("diff --git a/{path} b/{path}\n{body}")
}
