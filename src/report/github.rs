//! `--format github`: GitHub Actions workflow commands, so findings show as annotations on the
//! rule (or, for repo checks, the repository file) in a workflow run and a pull request's diff.
//!
//! One line per finding that fails or could not be judged:
//! `::error file=F,line=L,endLine=E,title=T::message`, the command by severity (error →
//! `error`, warning → `warning`, info → `notice`), then one `::notice` with the verdict.
//! Values are escaped as GitHub's toolkit (`@actions/core`) escapes them: in the message `%`,
//! `\r`, `\n` become `%25`, `%0D`, `%0A`; in properties `:` and `,` also become `%3A`, `%2C`. A
//! message from a host can therefore never start a workflow command of its own.

use std::io::{self, Write};

use super::view::{Checks, Overview};
use crate::audit::run::Run;
use crate::audit::{Finding, FindingStatus};
use crate::rules::{Check, Severity};

/// Writes one workflow command per failing or undecidable finding, and a summary notice.
pub fn write(run: &Run, checks: &[Check], out: &mut dyn Write) -> io::Result<()> {
    let today = Checks::new(checks);
    let overview = Overview::of(run);
    for f in run.findings.iter().filter(|f| matches!(f.status, FindingStatus::Fail | FindingStatus::Error)) {
        let about = today.about(f);
        let (file, line, end_line) = match &f.location {
            Some(at) => (at.file.as_str(), at.line, None),
            None => (about.rule_file, Some(about.rule_line), about.rule_end_line),
        };
        let mut props = vec![("file", file.to_string())];
        if let Some(line) = line {
            props.push(("line", line.to_string()));
            if let Some(end) = end_line.filter(|e| *e > line) {
                props.push(("endLine", end.to_string()));
            }
        }
        let verdict = if f.status == FindingStatus::Fail { "" } else { "could not judge " };
        props.push(("title", format!("mb: {verdict}{} on {}", f.check.id, f.host)));

        let mut message = f.message.to_string();
        if let Some(title) = about.title {
            message = format!("{title}: {message}");
        }
        if f.location.is_some() {
            message.push_str(&format!("\nrule: {}:{}", about.rule_file, about.rule_line));
        }
        if let Some(d) = &about.decision {
            message.push_str(&format!("\ndecision ({}:{}): {}", d.file, d.line, d.text));
        }
        // Control characters (terminal escapes above all) stay visible in the job's log.
        command(out, level(f), &props, &crate::probe::sanitize(&message))?;
    }
    let detail = overview.detail(run);
    command(out, "notice", &[("title", format!("mb: {}", overview.verdict.as_str()))], &detail)
}

fn level(f: &Finding) -> &'static str {
    match f.check.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

fn command(out: &mut dyn Write, name: &str, props: &[(&str, String)], message: &str) -> io::Result<()> {
    let props: Vec<String> =
        props.iter().map(|(k, v)| format!("{k}={}", escape_property(&crate::probe::sanitize(v)))).collect();
    writeln!(out, "::{name} {}::{}", props.join(","), escape_data(message))
}

/// As `escapeData` in `@actions/core`.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// As `escapeProperty` in `@actions/core`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_toolkit_does() {
        assert_eq!(escape_data("50%\r\n::x"), "50%25%0D%0A::x");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
