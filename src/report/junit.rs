//! `--format junit`: the run as JUnit XML, for CI systems that show test reports (GitLab,
//! Jenkins, Azure Pipelines, …).
//!
//! One `<testsuite>` per check (its name is the check id), one `<testcase>` per (check, host)
//! in it: `classname` is the check id, `name` the host, so a CI's test view groups by check, as
//! decisions are written. A failing check is a `<failure>` (expected and found in the message
//! and in the body, with the rule and the decision); a check mb could not judge is an
//! `<error>`, and so is every check of a host that was not audited (the audit is incomplete, so
//! the report must not be green); a skip is `<skipped>`. The counts on `<testsuites>` and each
//! `<testsuite>` are those of the testcases written.

use std::io::{self, Write};

use quick_junit::{NonSuccessKind, Property, Report, TestCase, TestCaseStatus, TestSuite};

use super::view::{Checks, Overview, host_problem, one_line};
use crate::audit::FindingStatus;
use crate::audit::run::Run;
use crate::report::by_check;
use crate::rules::Check;

/// Writes `run` as a JUnit XML report.
pub fn write(run: &Run, checks: &[Check], out: &mut dyn Write) -> io::Result<()> {
    let today = Checks::new(checks);
    let overview = Overview::of(run);
    let mut report = Report::new(attr(&format!("mb audit {}", run.run)));
    for (id, findings) in by_check(&run.findings) {
        let about = today.about(findings[0]);
        let mut suite = TestSuite::new(attr(id));
        if let Some(title) = about.title {
            suite.add_property(Property::new("title", attr(title)));
        }
        suite.add_property(Property::new("severity", findings[0].check.severity.as_str()));
        suite.add_property(Property::new("rule", attr(&format!("{}:{}", about.rule_file, about.rule_line))));
        if let Some(d) = &about.decision {
            suite.add_property(Property::new("decision", attr(&format!("{}:{}", d.file, d.line))));
            suite.add_property(Property::new("decision-text", attr(&d.text)));
        }
        let rule = format!("rule: {}:{}", about.rule_file, about.rule_line);
        let decision = about.decision.as_ref().map(|d| format!("decision: {}:{}: {}", d.file, d.line, d.text));
        for f in findings {
            let message = attr(&f.message);
            let status = match f.status {
                FindingStatus::Pass => TestCaseStatus::success(),
                FindingStatus::Fail => {
                    let mut body = vec![
                        format!("expected: {}", f.expected.as_deref().unwrap_or("(nothing)")),
                        format!("found: {}", f.actual.as_deref().unwrap_or("(nothing)")),
                    ];
                    if let Some(at) = &f.location {
                        body.push(match at.line {
                            Some(line) => format!("at: {}:{line}", at.file),
                            None => format!("at: {}", at.file),
                        });
                    }
                    body.push(rule.clone());
                    body.extend(decision.clone());
                    let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    s.set_message(message).set_type(f.check.severity.as_str()).set_description(xml(&body.join("\n")));
                    s
                }
                FindingStatus::Skip if overview.host_missed(f) => {
                    let problem = overview.missed_host(&f.host).map(host_problem).unwrap_or_default();
                    let mut s = TestCaseStatus::non_success(NonSuccessKind::Error);
                    s.set_message(attr(&format!("host not audited: {problem}"))).set_type("host-not-audited");
                    s
                }
                FindingStatus::Error => {
                    let mut body = vec![rule.clone()];
                    body.extend(decision.clone());
                    let mut s = TestCaseStatus::non_success(NonSuccessKind::Error);
                    s.set_message(message).set_type("undecidable").set_description(xml(&body.join("\n")));
                    s
                }
                FindingStatus::Skip => {
                    let mut s = TestCaseStatus::skipped();
                    s.set_message(message);
                    s
                }
            };
            let mut case = TestCase::new(attr(&f.host), status);
            case.set_classname(attr(id));
            suite.add_test_case(case);
        }
        report.add_test_suite(suite);
    }
    // Serialized whole first, so a failing writer (a closed pipe) is reported as the I/O
    // error it is, not wrapped in the serializer's.
    let xml = report.to_string().map_err(io::Error::other)?;
    out.write_all(xml.as_bytes())
}

/// Text that XML 1.0 can carry: control characters other than newline and tab become visible
/// `\x..` escapes (XML has no way to write them), as do the non-characters U+FFFE and U+FFFF.
fn xml(text: &str) -> String {
    let text = crate::probe::sanitize(&text.replace("\r\n", "\n"));
    text.replace('\u{FFFE}', "\\ufffe").replace('\u{FFFF}', "\\uffff")
}

/// Text for an attribute: on one line as well, since a parser reads a line break in an
/// attribute's value as a space.
fn attr(text: &str) -> String {
    xml(&one_line(text))
}
