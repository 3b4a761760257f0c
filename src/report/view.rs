//! What every report format says the same way: a run's verdict, the hosts it could not audit,
//! and a finding's check as today's rules describe it (or, for a check that is gone, as the
//! finding recorded it).

use std::collections::{BTreeSet, HashMap};

use crate::audit::run::{HostRecord, Run};
use crate::audit::{DecisionRef, Finding, FindingStatus};
use crate::probe::HostStatus;
use crate::rules::Check;

pub(crate) use crate::audit::run::Verdict;

/// A run at a glance: its verdict and the counts that back it.
pub(crate) struct Overview<'a> {
    pub(crate) verdict: Verdict,
    /// Checks that fail on at least one host.
    pub(crate) failing_checks: usize,
    /// Hosts on which at least one check fails.
    pub(crate) failing_hosts: usize,
    /// Checks that could not be judged on at least one host.
    pub(crate) error_checks: usize,
    /// Hosts mb could not audit, in run order.
    pub(crate) not_audited: Vec<&'a HostRecord>,
    /// The same hosts by name: reports ask once per finding.
    missed_by_name: HashMap<&'a str, &'a HostRecord>,
}

impl<'a> Overview<'a> {
    pub(crate) fn of(run: &'a Run) -> Overview<'a> {
        let with = |status: FindingStatus, key: fn(&Finding) -> &str| -> usize {
            run.findings.iter().filter(|f| f.status == status).map(key).collect::<BTreeSet<_>>().len()
        };
        let failing_checks = with(FindingStatus::Fail, |f| &f.check.id);
        let failing_hosts = with(FindingStatus::Fail, |f| &f.host);
        let error_checks = with(FindingStatus::Error, |f| &f.check.id);
        let not_audited: Vec<&HostRecord> = run.hosts.iter().filter(|h| h.status != HostStatus::Ok).collect();
        let missed_by_name = not_audited.iter().map(|h| (h.name.as_str(), *h)).collect();
        let verdict = run.verdict();
        Overview { verdict, failing_checks, failing_hosts, error_checks, not_audited, missed_by_name }
    }

    /// The verdict's detail in words: `4 checks fail on 3 hosts; 1 host not audited`.
    pub(crate) fn detail(&self, run: &Run) -> String {
        let mut parts = Vec::new();
        match self.verdict {
            Verdict::Drift => parts.push(format!(
                "{} fail{} on {}",
                plural(self.failing_checks, "check"),
                if self.failing_checks == 1 { "s" } else { "" },
                plural(self.failing_hosts, "host")
            )),
            Verdict::Clean if run.findings.is_empty() => parts.push("no checks apply to the selected hosts".into()),
            Verdict::Clean => parts.push(format!(
                "{} pass on {}",
                plural(run.summary.checks, "check"),
                plural(run.summary.hosts, "host")
            )),
            Verdict::Incomplete => {}
        }
        if self.error_checks > 0 {
            parts.push(format!("{} could not be judged", plural(self.error_checks, "check")));
        }
        if !self.not_audited.is_empty() {
            parts.push(format!("{} not audited", plural(self.not_audited.len(), "host")));
        }
        if self.verdict == Verdict::Incomplete && run.summary.skip > 0 {
            parts.push(format!("{} skipped", plural(run.summary.skip, "finding")));
        }
        parts.join("; ")
    }

    /// Whether `f` is a skip only because its host was not audited (told once per host, not
    /// once per check).
    pub(crate) fn host_missed(&self, f: &Finding) -> bool {
        f.status == FindingStatus::Skip && self.missed_by_name.contains_key(f.host.as_ref())
    }

    /// The record of a host that was not audited.
    pub(crate) fn missed_host(&self, name: &str) -> Option<&'a HostRecord> {
        self.missed_by_name.get(name).copied()
    }
}

/// `3 checks`, `1 host`.
pub(crate) fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// A finding's check as reports describe it. Today's check gives the prose; the finding gives
/// what the run saw (its rule lines, its decision), so an old run replayed after a check was
/// removed still reports everything it recorded.
pub(crate) struct About<'a> {
    pub(crate) id: &'a str,
    pub(crate) title: Option<&'a str>,
    /// The rule's prose about the check: its description, else the heading it sits under.
    pub(crate) prose: Option<&'a str>,
    pub(crate) rule_file: &'a str,
    pub(crate) rule_line: usize,
    pub(crate) rule_end_line: Option<usize>,
    pub(crate) decision: Option<DecisionRef>,
    pub(crate) tags: &'a [String],
}

/// Today's checks by id.
pub(crate) struct Checks<'a>(HashMap<&'a str, &'a Check>);

impl<'a> Checks<'a> {
    pub(crate) fn new(checks: &'a [Check]) -> Checks<'a> {
        Checks(checks.iter().map(|c| (c.id.as_str(), c)).collect())
    }

    pub(crate) fn about(&self, f: &'a Finding) -> About<'a> {
        let check = self.0.get(f.check.id.as_str()).copied();
        // Today's block is the finding's only if it still starts where the finding says.
        let same_block = check.filter(|c| {
            crate::source::display_path(&c.source.file) == f.check.rule.file && c.source.line == f.check.rule.line
        });
        About {
            id: &f.check.id,
            title: f.check.title.as_deref().or_else(|| check.and_then(|c| c.title.as_deref())),
            prose: check.and_then(|c| c.description.as_deref().or(c.source.heading.as_deref())),
            rule_file: &f.check.rule.file,
            rule_line: f.check.rule.line,
            rule_end_line: f.check.rule.end_line.or_else(|| same_block.map(|c| c.source.end_line)),
            decision: f.check.decision.clone().or_else(|| DecisionRef::of(check?)),
            tags: check.map(|c| c.tags.as_slice()).unwrap_or(&[]),
        }
    }
}

/// Why a host was not audited, in one line: `unreachable: connection refused`.
pub(crate) fn host_problem(h: &HostRecord) -> String {
    match h.error.as_deref() {
        Some(e) if !e.is_empty() => format!("{}: {}", h.status.as_str(), e),
        _ => h.status.as_str().to_string(),
    }
}

/// Text as one line: line breaks become `↵`, other control characters `\x..` escapes.
pub(crate) fn one_line(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    crate::probe::sanitize(&text).replace(['\n', '\r'], " ↵ ").replace('\t', " ")
}

/// Text for an HTML context: the five characters that mean something there, as entities.
pub(crate) fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
