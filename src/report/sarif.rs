//! `--format sarif`: the run as a SARIF 2.1.0 log, for GitHub code scanning and other SARIF
//! viewers.
//!
//! - One rule (`reportingDescriptor`) per check the run judged, in run order: its title, its
//!   prose as help, its decision (file, line, text) in the help and in `properties.decision`.
//! - A failing (check, host) is a result of kind `fail`, level by severity (error → `error`,
//!   warning → `warning`, info → `note`), located at the rule's `mb-check` block; a repo check's
//!   result is located at the repository file it read, with the rule block as a related location.
//!   The decision is a related location too.
//! - A (check, host) mb could not judge is a result of kind `open`; SARIF then demands level
//!   `none` (§3.27.10), so it never reads as drift.
//! - Passes and skips are left out: code scanning documents no `kind`, and would show them as
//!   alerts. Their counts are in the run's `properties.summary`.
//! - A host that was not audited is a `toolExecutionNotification` (level `error`), and makes the
//!   invocation's `executionSuccessful` false: the audit is incomplete.
//! - `partialFingerprints["mbFindingHash/v1"]` hashes the check id, the host and (for repo
//!   checks) the repository file; never lines or messages, so an alert survives edits to the rule
//!   file and changes of wording.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::json;
use serde_sarif::sarif;

use super::view::{About, Checks, Overview, host_problem};
use crate::audit::run::Run;
use crate::audit::{Finding, FindingStatus};
use crate::rules::{Check, Severity};

/// The SARIF 2.1.0 schema (errata 01), as GitHub names it.
const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The base every `uri` is relative to: the root of the repository mb audited from.
const SRCROOT: &str = "%SRCROOT%";

/// The fingerprint key; bump its version if what it hashes changes.
const FINGERPRINT: &str = "mbFindingHash/v1";

/// Writes `run` as a SARIF 2.1.0 log (pretty JSON and a final newline).
pub fn write(run: &Run, checks: &[Check], out: &mut dyn Write) -> io::Result<()> {
    let log = log(run, checks);
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn log(run: &Run, checks: &[Check]) -> sarif::Sarif {
    let today = Checks::new(checks);
    let overview = Overview::of(run);

    // One rule per check, in the order the run's findings come (sorted by check).
    let mut rules: Vec<sarif::ReportingDescriptor> = Vec::new();
    let mut index: BTreeMap<&str, i64> = BTreeMap::new();
    for f in &run.findings {
        if !index.contains_key(f.check.id.as_str()) {
            index.insert(&f.check.id, rules.len() as i64);
            rules.push(rule(&today.about(f), f.check.severity));
        }
    }

    let results: Vec<sarif::Result> = run
        .findings
        .iter()
        .filter(|f| matches!(f.status, FindingStatus::Fail | FindingStatus::Error))
        .map(|f| result(f, &today.about(f), index.get(f.check.id.as_str()).copied().unwrap_or(-1)))
        .collect();

    let notifications: Vec<sarif::Notification> = overview
        .not_audited
        .iter()
        .map(|h| {
            sarif::Notification::builder()
                .level(json!("error"))
                .message(text(format!("host {} was not audited: {}", h.name, host_problem(h))))
                .properties(bag([("host", json!(h.name)), ("status", json!(h.status.as_str()))]))
                .build()
        })
        .collect();
    let mut invocation = sarif::Invocation::builder().execution_successful(notifications.is_empty()).build();
    if !notifications.is_empty() {
        invocation.tool_execution_notifications = Some(notifications);
    }

    let s = &run.summary;
    let mut properties = vec![
        ("mbRun", json!(run.run)),
        ("mode", json!(run.mode)),
        ("verdict", json!(overview.verdict.as_str())),
        (
            "summary",
            json!({"hosts": s.hosts, "checks": s.checks, "pass": s.pass, "fail": s.fail, "error": s.error, "skip": s.skip}),
        ),
    ];
    if let Some(of) = &run.replay_of {
        properties.push(("replayOf", json!(of)));
    }

    let driver = sarif::ToolComponent::builder()
        .name("mb")
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .version(env!("CARGO_PKG_VERSION"))
        .rules(rules)
        .build();
    let sarif_run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .invocations(vec![invocation])
        .results(results)
        .properties(bag(properties))
        .build();
    sarif::Sarif::builder().schema(SCHEMA).version(json!("2.1.0")).runs(vec![sarif_run]).build()
}

fn rule(about: &About, severity: Severity) -> sarif::ReportingDescriptor {
    let title = about.title.unwrap_or(about.id);
    // Help for a person deciding what to do: the rule's prose, then the decision it enforces.
    let mut help_text = about.prose.unwrap_or(title).to_string();
    let mut help_md = help_text.clone();
    help_text.push_str(&format!("\n\nRule: {}:{}", about.rule_file, about.rule_line));
    help_md.push_str(&format!("\n\nRule: `{}:{}`", about.rule_file, about.rule_line));
    let mut properties = vec![
        ("severity", json!(severity.as_str())),
        ("rule", json!({"file": about.rule_file, "line": about.rule_line, "endLine": about.rule_end_line})),
    ];
    if let Some(d) = &about.decision {
        let date = d.date.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
        help_text.push_str(&format!("\nEnforces the decision at {}:{}{date}: {}", d.file, d.line, d.text));
        help_md.push_str(&format!("\n\nEnforces the decision at `{}:{}`{date}:\n\n> {}", d.file, d.line, d.text));
        properties.push(("decision", json!({"file": d.file, "line": d.line, "text": d.text, "date": d.date})));
    }
    if !about.tags.is_empty() {
        properties.push(("tags", json!(about.tags)));
    }
    let mut descriptor = sarif::ReportingDescriptor::builder()
        .id(about.id)
        .short_description(multiformat(title.to_string(), None))
        .help(multiformat(help_text, Some(help_md)))
        .default_configuration(sarif::ReportingConfiguration::builder().level(json!(level(severity))).build())
        .properties(bag(properties))
        .build();
    if let Some(prose) = about.prose {
        descriptor.full_description = Some(multiformat(prose.to_string(), None));
    }
    if about.title.is_some() {
        descriptor.name = Some(about.id.to_string());
    }
    descriptor
}

fn result(f: &Finding, about: &About, rule_index: i64) -> sarif::Result {
    let rule_location = physical(about.rule_file, Some(about.rule_line), about.rule_end_line);
    let mut related = Vec::new();
    let primary = match &f.location {
        Some(at) => {
            related.push(located(rule_location, 1, "the rule that demands it"));
            physical(&at.file, Some(at.line.unwrap_or(1)), None)
        }
        None => rule_location,
    };
    if let Some(d) = &about.decision {
        let id = related.len() as i64 + 1;
        related.push(located(physical(&d.file, Some(d.line), None), id, "the decision it enforces"));
    }

    let verdict = if f.status == FindingStatus::Error { "could not judge" } else { "fails" };
    let title = about.title.map(|t| format!(" ({t})")).unwrap_or_default();
    let message = format!("{} {verdict} on {}{title}: {}", f.check.id, f.host, crate::probe::sanitize(&f.message));

    let mut properties = vec![("host", json!(f.host)), ("status", json!(f.status))];
    if let Some(e) = &f.expected {
        properties.push(("expected", json!(e)));
    }
    if let Some(a) = &f.actual {
        properties.push(("actual", json!(a)));
    }

    let mut result = sarif::Result::builder()
        .rule_id(f.check.id.as_str())
        .message(text(message))
        .locations(vec![sarif::Location::builder().physical_location(primary).build()])
        .partial_fingerprints(BTreeMap::from([(FINGERPRINT.to_string(), fingerprint(f))]))
        .properties(bag(properties))
        .build();
    if rule_index >= 0 {
        result.rule_index = Some(rule_index);
    }
    if !related.is_empty() {
        result.related_locations = Some(related);
    }
    if f.status == FindingStatus::Error {
        result.kind = Some(sarif::ResultKind::Open);
        result.level = Some(sarif::ResultLevel::None);
    } else {
        result.kind = Some(sarif::ResultKind::Fail);
        result.level = Some(match f.check.severity {
            Severity::Error => sarif::ResultLevel::Error,
            Severity::Warning => sarif::ResultLevel::Warning,
            Severity::Info => sarif::ResultLevel::Note,
        });
    }
    result
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A file (relative to the repository root) and, when known, its lines.
fn physical(file: &str, line: Option<usize>, end_line: Option<usize>) -> sarif::PhysicalLocation {
    let artifact = sarif::ArtifactLocation::builder().uri(uri(file)).uri_base_id(SRCROOT).build();
    let mut location = sarif::PhysicalLocation::builder().artifact_location(artifact).build();
    if let Some(start) = line.filter(|l| *l > 0) {
        let mut region = sarif::Region::builder().start_line(start as i64).build();
        region.end_line = end_line.filter(|e| *e >= start).map(|e| e as i64);
        location.region = Some(region);
    }
    location
}

fn located(physical: sarif::PhysicalLocation, id: i64, what: &str) -> sarif::Location {
    sarif::Location::builder().id(id).physical_location(physical).message(text(what.to_string())).build()
}

fn text(text: String) -> sarif::Message {
    sarif::Message::builder().text(text).build()
}

fn multiformat(text: String, markdown: Option<String>) -> sarif::MultiformatMessageString {
    let mut m = sarif::MultiformatMessageString::builder().text(text).build();
    m.markdown = markdown;
    m
}

fn bag<'a>(entries: impl IntoIterator<Item = (&'a str, serde_json::Value)>) -> sarif::PropertyBag {
    let mut bag = sarif::PropertyBag::builder().build();
    bag.additional_properties = entries.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    bag
}

/// A repository path as a relative URI reference: `/` separates segments, everything outside
/// RFC 3986's unreserved characters is percent-encoded (a space, `#` or `?` in a file name
/// would otherwise change what the URI names).
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// What identifies a finding across runs: its check, its host and, for repo checks, the file.
/// FNV-1a (64 bits), over length-prefixed fields so that `("ab", "c")` and `("a", "bc")` differ;
/// spelled out here because the standard library's hasher may change between releases.
fn fingerprint(f: &Finding) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in (bytes.len() as u64).to_le_bytes().iter().chain(bytes) {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    eat(f.check.id.as_bytes());
    eat(f.host.as_bytes());
    if let Some(at) = &f.location {
        eat(at.file.as_bytes());
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_escape_what_would_change_their_meaning() {
        assert_eq!(uri("rules/samba.md"), "rules/samba.md");
        assert_eq!(uri("rules/a b#c?.md"), "rules/a%20b%23c%3F.md");
        assert_eq!(uri("rules/é.md"), "rules/%C3%A9.md");
    }
}
