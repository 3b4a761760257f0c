//! The run file's format: the JSON report with each check's rule, decision, title and
//! severity written once, in `checks`, instead of in each of its findings (a 100 000-host run
//! would repeat them 100 000 times), and, per host, the facts gathered.
//!
//! Files written before `checks` existed (every finding whole, as `mb audit --format json`
//! prints them) are read the same way: a finding that carries its own rule keeps it.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::run::{HostRecord, Merged, Provenance, Run};
use super::{CheckRefs, DecisionRef, Finding, FindingStatus, Location, PASSED, RuleRef, Summary};
use crate::rules::Severity;

/// Writes `run` in the run file's format.
pub fn write(run: &Run, out: impl std::io::Write) -> serde_json::Result<()> {
    serde_json::to_writer(out, &FileOut::of(run))
}

/// Reads a run file (either form).
pub fn read(input: &[u8]) -> serde_json::Result<Run> {
    let file: FileIn = serde_json::from_slice(input)?;
    file.into_run().map_err(serde::de::Error::custom)
}

#[derive(Serialize)]
struct FileOut<'a> {
    version: u32,
    run: &'a str,
    mode: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    replay_of: Option<&'a str>,
    hosts: &'a [HostRecord],
    checks: Vec<CheckOut<'a>>,
    findings: FindingsOut<'a>,
    summary: &'a Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    provenance: Option<&'a Provenance>,
    #[serde(skip_serializing_if = "Option::is_none")]
    merged: Option<&'a Merged>,
}

/// What every finding of a check says alike.
#[derive(Serialize)]
struct CheckOut<'a> {
    id: &'a str,
    severity: Severity,
    rule: &'a RuleRef,
    decision: Option<&'a DecisionRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
}

impl<'a> CheckOut<'a> {
    fn of(f: &'a Finding) -> CheckOut<'a> {
        CheckOut {
            id: &f.check,
            severity: f.severity,
            rule: &f.rule,
            decision: f.decision.as_deref(),
            title: f.title.as_deref(),
        }
    }

    /// Whether `f` says what this entry says (then the finding need not say it again).
    fn covers(&self, f: &Finding) -> bool {
        self.severity == f.severity
            && *self.rule == *f.rule
            && self.decision == f.decision.as_deref()
            && self.title == f.title.as_deref()
    }
}

impl<'a> FileOut<'a> {
    fn of(run: &'a Run) -> FileOut<'a> {
        // One entry per check, from its first finding; looked up only where the check changes
        // (a run's findings are ordered by check).
        let mut checks: Vec<CheckOut<'a>> = Vec::new();
        let mut index: HashMap<&'a str, usize> = HashMap::new();
        let mut entry = Vec::with_capacity(run.findings.len());
        let mut last: Option<(&str, usize)> = None;
        for f in &run.findings {
            let at = match last {
                Some((check, at)) if check == &*f.check => at,
                _ => *index.entry(&f.check).or_insert_with(|| {
                    checks.push(CheckOut::of(f));
                    checks.len() - 1
                }),
            };
            last = Some((&f.check, at));
            entry.push(checks[at].covers(f));
        }
        FileOut {
            version: run.version,
            run: &run.run,
            mode: &run.mode,
            replay_of: run.replay_of.as_deref(),
            hosts: &run.hosts,
            checks,
            findings: FindingsOut { findings: &run.findings, covered: entry },
            summary: &run.summary,
            provenance: run.provenance.as_ref(),
            merged: run.merged.as_ref(),
        }
    }
}

/// The findings without what their check's entry says; a finding that differs from it (never,
/// in runs mb makes) says everything itself.
struct FindingsOut<'a> {
    findings: &'a [Finding],
    covered: Vec<bool>,
}

impl Serialize for FindingsOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.findings.iter().zip(&self.covered).map(|(f, &covered)| FindingOut {
            check: &f.check,
            host: &f.host,
            status: f.status,
            severity: (!covered).then_some(f.severity),
            expected: &f.expected,
            actual: &f.actual,
            message: &f.message,
            rule: (!covered).then_some(&*f.rule),
            decision: (!covered).then_some(f.decision.as_deref()),
            title: if covered { None } else { f.title.as_deref() },
            location: f.location.as_deref(),
        }))
    }
}

#[derive(Serialize)]
struct FindingOut<'a> {
    check: &'a str,
    host: &'a str,
    status: FindingStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    severity: Option<Severity>,
    expected: &'a Option<String>,
    actual: &'a Option<String>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<&'a RuleRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    decision: Option<Option<&'a DecisionRef>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a Location>,
}

#[derive(Deserialize)]
struct FileIn {
    version: u32,
    run: String,
    #[serde(default)]
    mode: String,
    #[serde(default)]
    replay_of: Option<String>,
    hosts: Vec<HostRecord>,
    #[serde(default)]
    checks: Vec<CheckIn>,
    findings: Vec<FindingIn>,
    summary: Summary,
    #[serde(default)]
    provenance: Option<Provenance>,
    #[serde(default)]
    merged: Option<Merged>,
}

#[derive(Deserialize)]
struct CheckIn {
    id: String,
    severity: Severity,
    rule: RuleRef,
    #[serde(default)]
    decision: Option<DecisionRef>,
    #[serde(default)]
    title: Option<String>,
}

#[derive(Deserialize)]
struct FindingIn {
    check: String,
    host: String,
    status: FindingStatus,
    #[serde(default)]
    severity: Option<Severity>,
    #[serde(default)]
    expected: Option<String>,
    #[serde(default)]
    actual: Option<String>,
    message: String,
    #[serde(default)]
    rule: Option<RuleRef>,
    /// `Some(None)`: the finding says it has no decision.
    #[serde(default, deserialize_with = "present")]
    decision: Option<Option<DecisionRef>>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    location: Option<Box<Location>>,
}

/// A field that is present, even as `null`.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

impl FileIn {
    fn into_run(self) -> Result<Run, String> {
        let mut table: HashMap<String, (Severity, CheckRefs)> = HashMap::with_capacity(self.checks.len());
        for c in self.checks {
            let refs = CheckRefs {
                id: Arc::from(c.id.as_str()),
                rule: Arc::new(c.rule),
                decision: c.decision.map(Arc::new),
                title: c.title.map(Arc::from),
            };
            if table.insert(c.id.clone(), (c.severity, refs)).is_some() {
                return Err(format!("check `{}` is listed twice in `checks`", c.id));
            }
        }
        // Findings that carry their own rule (files written before `checks`): equal ones share
        // one copy, as findings of one check do in the run that wrote them.
        let mut own: HashMap<String, (Severity, CheckRefs)> = HashMap::new();
        // Host names shared by their findings, as in the run that wrote them.
        let mut names: HashMap<String, Arc<str>> =
            self.hosts.iter().map(|h| (h.name.clone(), Arc::from(h.name.as_str()))).collect();
        let mut findings = Vec::with_capacity(self.findings.len());
        for f in self.findings {
            let (severity, refs) = match f.rule {
                Some(rule) => {
                    let severity =
                        f.severity.ok_or_else(|| format!("finding of check `{}` has no severity", f.check))?;
                    let decision = f.decision.flatten();
                    let title = f.title;
                    let same = own.get(&f.check).filter(|(s, r)| {
                        *s == severity
                            && *r.rule == rule
                            && r.decision.as_deref() == decision.as_ref()
                            && r.title.as_deref() == title.as_deref()
                    });
                    match same {
                        Some((s, r)) => (*s, r.clone()),
                        None => {
                            let refs = CheckRefs {
                                id: Arc::from(f.check.as_str()),
                                rule: Arc::new(rule),
                                decision: decision.map(Arc::new),
                                title: title.map(Arc::from),
                            };
                            own.insert(f.check.clone(), (severity, refs.clone()));
                            (severity, refs)
                        }
                    }
                }
                None => match table.get(&f.check) {
                    Some((s, r)) => (*s, r.clone()),
                    None => {
                        return Err(format!(
                            "finding of check `{}` has no rule, and `checks` has no entry for it",
                            f.check
                        ));
                    }
                },
            };
            let host = match names.get(&f.host) {
                Some(name) => name.clone(),
                None => names.entry(f.host.clone()).or_insert_with(|| Arc::from(f.host.as_str())).clone(),
            };
            findings.push(Finding {
                check: refs.id,
                host,
                status: f.status,
                severity,
                expected: f.expected,
                actual: f.actual,
                message: if f.message == PASSED { Cow::Borrowed(PASSED) } else { Cow::Owned(f.message) },
                rule: refs.rule,
                decision: refs.decision,
                title: refs.title,
                location: f.location,
            });
        }
        Ok(Run {
            version: self.version,
            run: self.run,
            mode: self.mode,
            replay_of: self.replay_of,
            hosts: self.hosts,
            findings,
            summary: self.summary,
            provenance: self.provenance,
            merged: self.merged,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(check: &str, host: &str, rule_line: usize, title: Option<&str>) -> Finding {
        let refs = CheckRefs {
            id: Arc::from(check),
            rule: Arc::new(RuleRef { file: "rules/a.md".into(), line: rule_line, end_line: Some(rule_line + 5) }),
            decision: Some(Arc::new(DecisionRef {
                file: "memory-bank/activeContext.md".into(),
                line: 3,
                text: "Keep it so".into(),
                date: None,
            })),
            title: title.map(Arc::from),
        };
        Finding {
            check: refs.id,
            host: Arc::from(host),
            status: FindingStatus::Pass,
            severity: Severity::Error,
            expected: None,
            actual: Some("v".into()),
            message: Cow::Borrowed(PASSED),
            rule: refs.rule,
            decision: refs.decision,
            title: refs.title,
            location: None,
        }
    }

    fn run(findings: Vec<Finding>) -> Run {
        Run {
            version: 1,
            run: "2026-11-25T19-00-00Z".into(),
            mode: "replay".into(),
            replay_of: None,
            hosts: Vec::new(),
            summary: Summary::of(2, 2, &findings),
            findings,
            provenance: None,
            merged: None,
        }
    }

    #[test]
    fn a_checks_rule_decision_and_title_are_written_once_and_shared_again_when_read() {
        let mut odd = finding("b", "h2", 9, Some("B"));
        // A finding that differs from its check's entry (never made by mb) keeps its own.
        odd.rule = Arc::new(RuleRef { file: "rules/other.md".into(), line: 1, end_line: None });
        let written = run(vec![
            finding("a", "h1", 1, Some("A")),
            finding("a", "h2", 1, Some("A")),
            finding("b", "h1", 9, None),
            odd,
        ]);
        let mut bytes = Vec::new();
        write(&written, &mut bytes).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(json["checks"].as_array().unwrap().len(), 2, "{json}");
        assert_eq!(json["checks"][0]["title"], "A");
        assert!(json["findings"][0].get("rule").is_none() && json["findings"][0].get("title").is_none());
        assert_eq!(json["findings"][3]["rule"]["file"], "rules/other.md");
        assert_eq!(json["findings"][3]["title"], "B");

        let read = read(&bytes).unwrap();
        assert_eq!(read.findings, written.findings);
        assert!(Arc::ptr_eq(&read.findings[0].rule, &read.findings[1].rule));
        assert!(Arc::ptr_eq(&read.findings[0].host, &read.findings[2].host));
        assert!(matches!(read.findings[0].message, Cow::Borrowed(_)));
    }

    #[test]
    fn files_with_whole_findings_are_read_and_their_rules_shared() {
        let whole = serde_json::json!({
            "version": 1, "run": "2026-11-25T19-00-00Z", "mode": "ssh", "hosts": [],
            "findings": [
                { "check": "a", "host": "h1", "status": "fail", "severity": "warning", "expected": "x",
                  "actual": "y", "message": "expected x, found y", "rule": { "file": "rules/a.md", "line": 4 },
                  "decision": null, "title": "A" },
                { "check": "a", "host": "h2", "status": "pass", "severity": "warning", "expected": null,
                  "actual": "x", "message": "as decided", "rule": { "file": "rules/a.md", "line": 4 },
                  "decision": null, "title": "A" }
            ],
            "summary": { "hosts": 2, "checks": 1, "pass": 1, "fail": 1, "error": 0, "skip": 0 }
        });
        let run = read(whole.to_string().as_bytes()).unwrap();
        assert_eq!(run.findings[0].severity, Severity::Warning);
        assert_eq!(run.findings[1].title.as_deref(), Some("A"));
        assert!(run.findings[0].decision.is_none());
        assert!(Arc::ptr_eq(&run.findings[0].rule, &run.findings[1].rule));
    }

    #[test]
    fn a_check_listed_twice_is_an_error() {
        let entry = serde_json::json!({ "id": "a", "severity": "error", "rule": { "file": "rules/a.md", "line": 1 } });
        let twice = serde_json::json!({
            "version": 1, "run": "2026-11-25T19-00-00Z", "hosts": [], "checks": [entry, entry],
            "findings": [], "summary": { "hosts": 0, "checks": 0, "pass": 0, "fail": 0, "error": 0, "skip": 0 }
        });
        let e = read(twice.to_string().as_bytes()).unwrap_err().to_string();
        assert!(e.contains("check `a` is listed twice"), "{e}");
    }

    #[test]
    fn a_finding_without_rule_or_entry_is_an_error() {
        let bad = serde_json::json!({
            "version": 1, "run": "2026-11-25T19-00-00Z", "hosts": [], "checks": [],
            "findings": [{ "check": "a", "host": "h1", "status": "pass", "message": "as decided" }],
            "summary": { "hosts": 1, "checks": 1, "pass": 1, "fail": 0, "error": 0, "skip": 0 }
        });
        let e = read(bad.to_string().as_bytes()).unwrap_err().to_string();
        assert!(e.contains("check `a`"), "{e}");
    }
}
