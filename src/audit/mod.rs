//! The audit engine: a resolved [`Request`] → plan → probe (every target at once) →
//! evaluate → a [`Run`], with events streamed to an [`AuditSink`] on the way.
//!
//! [`execute`] is what every command calls (`mb audit`, and the front ends to come); none of
//! them knows how the others work. [`plan::plan`] decides everything before any connection:
//! which checks apply to which targets and what each is asked. The engine then gathers every
//! target through its transport (`probe::Transport`: ssh, local, replay, repository files)
//! with bounded concurrency; a target that fails gets a status and every other goes on. Every
//! (check, target) is then judged on all cores and the findings sorted, so the result does not
//! depend on the order in which hosts answered, nor on which sinks listen.

mod engine;
pub mod evaluate;
pub mod merge;
pub mod plan;
pub mod run;
mod runfile;
pub mod shard;
pub mod sink;

use std::borrow::Cow;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::rules::{Check, Severity};
use crate::source::display_path;

pub use engine::{AuditError, Reach, Request, execute};
pub use plan::{AuditPlan, HostPlan, Need};
pub use run::Run;
pub use sink::{AuditSink, Finished};

/// A finding's verdict (a contract: `findings[].status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingStatus {
    Fail,
    Error,
    Skip,
    Pass,
}

/// Where the rule that demanded a finding is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleRef {
    pub file: String,
    /// The first line of the check's YAML.
    pub line: usize,
    /// The last line of its `mb-check` block (absent in runs saved before mb recorded it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_line: Option<usize>,
}

/// Where in the repository a finding's fact was found (for `scope: repo` checks): the file,
/// and the line of the selected key or line when the selector found one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

/// The decision a finding's check enforces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRef {
    pub file: String,
    pub line: usize,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

impl DecisionRef {
    /// The decision `check` enforces, when its link was resolved in the Memory Bank.
    pub fn of(check: &Check) -> Option<DecisionRef> {
        let r = check.decision.as_ref()?.resolved.as_ref()?;
        Some(DecisionRef { file: r.file.clone(), line: r.line, text: r.text.clone(), date: r.date.clone() })
    }
}

/// One check on one host (a contract: `findings[]` in `mb audit --format json`, serialised
/// flat: the check's id, severity, rule, decision and title are fields of the finding).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The check, shared by its findings.
    pub check: Arc<CheckRef>,
    /// Shared by the host's findings.
    pub host: Arc<str>,
    pub status: FindingStatus,
    /// Shared by the findings (of one evaluation or one run file) that expect alike.
    pub expected: Option<Arc<str>>,
    /// Shared by the findings that found alike: most hosts answer a check the same way.
    pub actual: Option<Arc<str>>,
    /// [`PASSED`] for every pass (not a copy per finding).
    pub message: Cow<'static, str>,
    /// For `scope: repo` checks: the repository file (and line) the fact came from.
    pub location: Option<Box<Location>>,
}

impl Serialize for Finding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Flat<'a> {
            check: &'a str,
            host: &'a str,
            status: FindingStatus,
            severity: Severity,
            expected: Option<&'a str>,
            actual: Option<&'a str>,
            message: &'a str,
            rule: &'a RuleRef,
            decision: Option<&'a DecisionRef>,
            #[serde(skip_serializing_if = "Option::is_none")]
            title: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            location: Option<&'a Location>,
        }
        let check = &*self.check;
        Flat {
            check: &check.id,
            host: &self.host,
            status: self.status,
            severity: check.severity,
            expected: self.expected.as_deref(),
            actual: self.actual.as_deref(),
            message: &self.message,
            rule: &check.rule,
            decision: check.decision.as_ref(),
            title: check.title.as_deref(),
            location: self.location.as_deref(),
        }
        .serialize(s)
    }
}

/// The message of a finding that passes.
pub const PASSED: &str = "as decided";

/// The check a finding is of, as its findings all say it — its id, severity, rule, decision
/// and title: made once per check and shared by its findings (a 100 000-host run holds one
/// copy per check, not per host). As written in a run file's `checks` list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckRef {
    pub id: String,
    pub severity: Severity,
    pub rule: RuleRef,
    #[serde(default)]
    pub decision: Option<DecisionRef>,
    /// The check's title, for reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

impl CheckRef {
    pub fn of(check: &Check) -> Arc<CheckRef> {
        Arc::new(CheckRef {
            id: check.id.clone(),
            severity: check.severity,
            rule: RuleRef {
                file: display_path(&check.source.file),
                line: check.source.line,
                end_line: Some(check.source.end_line),
            },
            decision: DecisionRef::of(check),
            title: check.title.clone(),
        })
    }
}

impl Finding {
    /// A finding of `check` on `host`, sharing the check ([`CheckRef`], made once per check)
    /// and the host's name.
    pub fn of(
        check: &Arc<CheckRef>,
        host: &Arc<str>,
        status: FindingStatus,
        expected: Option<String>,
        actual: Option<String>,
        message: impl Into<Cow<'static, str>>,
    ) -> Finding {
        Finding {
            check: check.clone(),
            host: host.clone(),
            status,
            expected: expected.map(Arc::from),
            actual: actual.map(Arc::from),
            message: message.into(),
            location: None,
        }
    }
}

/// Counts for the summary line and the JSON contract.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub hosts: usize,
    pub checks: usize,
    pub pass: usize,
    pub fail: usize,
    pub error: usize,
    pub skip: usize,
}

impl Summary {
    pub fn of(plan_checks: usize, hosts: usize, findings: &[Finding]) -> Summary {
        let mut summary = Summary { hosts, checks: plan_checks, ..Summary::default() };
        for f in findings {
            *match f.status {
                FindingStatus::Pass => &mut summary.pass,
                FindingStatus::Fail => &mut summary.fail,
                FindingStatus::Error => &mut summary.error,
                FindingStatus::Skip => &mut summary.skip,
            } += 1;
        }
        summary
    }
}
