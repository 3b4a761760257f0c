//! `--format markdown`: a report to paste as a pull-request or merge-request comment.
//!
//! A one-line verdict, a table of failing checks, then one collapsed `<details>` block per
//! check that needs attention (rule and decision with `file:line`, the decision's words, each
//! host's message), the checks mb could not judge and the hosts it could not audit.
//!
//! It stays a comment at any fleet size: a list shows [`NAMES`] hosts and says how many more
//! there are, a cell [`VALUES`] distinct values, and once the table and the check blocks pass
//! [`BUDGET`] bytes the remaining checks are named in one line (GitHub refuses comments over 65 536
//! characters; the JSON, SARIF, JUnit and HTML reports carry every finding).
//!
//! Everything that comes from outside mb (host names, messages, values, titles, decision text)
//! is escaped where it lands: in the table as code spans (a run of backticks longer than any in
//! the value, `|` escaped, line breaks shown as `↵`), in the `<details>` blocks as HTML text
//! (`&`, `<`, `>`, quotes as entities, and no blank line, which would end the HTML block). So no
//! value can open a table, a heading, a link, a code fence or an HTML tag.

use std::io::{self, Write};

use super::cut;
use super::view::{About, Checks, Overview, Verdict, host_problem, html, one_line, plural};
use crate::audit::run::Run;
use crate::audit::{Finding, FindingStatus};
use crate::report::by_check;
use crate::rules::Check;

/// How much of an expected or found value the table shows.
const CELL: usize = 80;
/// How many hosts a list names before it says how many more there are.
pub const NAMES: usize = 20;
/// How many distinct expected or found values a table cell shows.
pub const VALUES: usize = 5;
/// Bytes of table rows and check blocks after which the remaining checks are only named.
pub const BUDGET: usize = 60_000;

/// Writes `run` as Markdown.
pub fn write(run: &Run, checks: &[Check], out: &mut dyn Write) -> io::Result<()> {
    let today = Checks::new(checks);
    let overview = Overview::of(run);
    writeln!(out, "**mb: {}** — {}", overview.verdict.as_str(), overview.detail(run))?;

    let groups: Vec<(&str, Vec<&Finding>)> = by_check(&run.findings);
    let failing: Vec<&(&str, Vec<&Finding>)> =
        groups.iter().filter(|(_, fs)| fs.iter().any(|f| f.status == FindingStatus::Fail)).collect();
    let undecided: Vec<&(&str, Vec<&Finding>)> = groups
        .iter()
        .filter(|(_, fs)| {
            fs.iter().any(|f| f.status == FindingStatus::Error) && !fs.iter().any(|f| f.status == FindingStatus::Fail)
        })
        .collect();

    // Bytes of table rows and check blocks so far, against the budget.
    let mut written = 0;
    if !failing.is_empty() {
        writeln!(out)?;
        writeln!(out, "| Check | Severity | Hosts | Expected | Found |")?;
        writeln!(out, "| --- | --- | --- | --- | --- |")?;
        for (n, (id, findings)) in failing.iter().enumerate() {
            let fails: Vec<&Finding> = findings.iter().copied().filter(|f| f.status == FindingStatus::Fail).collect();
            let mut hosts: Vec<String> = fails.iter().take(NAMES).map(|f| code_cell(&f.host)).collect();
            if fails.len() > NAMES {
                hosts.push(format!("and {} more", fails.len() - NAMES));
            }
            let row = format!(
                "| {} | {} | {} | {} | {} |\n",
                code_cell(id),
                fails[0].check.severity.as_str(),
                hosts.join(", "),
                values(fails.iter().map(|f| f.expected.as_deref())),
                values(fails.iter().map(|f| f.actual.as_deref())),
            );
            if written + row.len() > BUDGET {
                writeln!(out, "| and {} more | | | | |", plural(failing.len() - n, "failing check"))?;
                break;
            }
            written += row.len();
            out.write_all(row.as_bytes())?;
        }
    }

    if !failing.is_empty() || !undecided.is_empty() {
        writeln!(out)?;
        let mut left: Vec<&str> = Vec::new();
        for (id, findings) in failing.iter().chain(&undecided) {
            let mut block = Vec::new();
            details(&mut block, &today.about(findings[0]), findings, &overview)?;
            if left.is_empty() && written + block.len() <= BUDGET {
                written += block.len();
                out.write_all(&block)?;
            } else {
                left.push(id);
            }
        }
        if !left.is_empty() {
            let ids: Vec<String> = left.iter().map(|id| format!("<code>{}</code>", text(id))).collect();
            writeln!(
                out,
                "<p>{} more need attention: {} (every finding is in the JSON, SARIF, JUnit and HTML reports)</p>",
                plural(left.len(), "check"),
                ids.join(", ")
            )?;
        }
    }

    if !overview.not_audited.is_empty() {
        writeln!(out)?;
        writeln!(out, "<details><summary>{} not audited</summary>", plural(overview.not_audited.len(), "host"))?;
        writeln!(out, "<ul>")?;
        for h in overview.not_audited.iter().take(NAMES) {
            writeln!(out, "<li><code>{}</code>: {}</li>", text(&h.name), text(&host_problem(h)))?;
        }
        if overview.not_audited.len() > NAMES {
            writeln!(out, "<li>and {} more</li>", overview.not_audited.len() - NAMES)?;
        }
        writeln!(out, "</ul>")?;
        writeln!(out, "</details>")?;
    }

    if overview.verdict != Verdict::Clean || run.summary.skip > 0 {
        let s = &run.summary;
        writeln!(out)?;
        writeln!(
            out,
            "<p><sub>run {}: {} on {}: {} passed, {} failed, {} could not be judged, {} skipped</sub></p>",
            text(&run.run),
            plural(s.checks, "check"),
            plural(s.hosts, "host"),
            s.pass,
            s.fail,
            s.error,
            s.skip
        )?;
    }
    Ok(())
}

/// One check's block: collapsed, its title as summary; rule, decision and each host inside.
fn details(out: &mut dyn Write, about: &About, findings: &[&Finding], overview: &Overview) -> io::Result<()> {
    let title = about.title.map(|t| format!(" — {}", text(t))).unwrap_or_default();
    writeln!(out, "<details><summary><code>{}</code>{title}</summary>", text(about.id))?;
    writeln!(out, "<p>rule <code>{}:{}</code>", text(about.rule_file), about.rule_line)?;
    if let Some(d) = &about.decision {
        let date = d.date.as_deref().map(|d| format!(" ({})", text(d))).unwrap_or_default();
        writeln!(out, "· decision <code>{}:{}</code>{date}</p>", text(&d.file), d.line)?;
        writeln!(out, "<blockquote>{}</blockquote>", text(&d.text))?;
    } else {
        writeln!(out, "</p>")?;
    }
    writeln!(out, "<ul>")?;
    let judged = findings.iter().filter(|f| matches!(f.status, FindingStatus::Fail | FindingStatus::Error));
    let mut shown = 0;
    for f in judged.clone().take(NAMES) {
        let label = if f.status == FindingStatus::Fail { "fails" } else { "could not judge" };
        let at = match &f.location {
            Some(at) => match at.line {
                Some(line) => format!(" at <code>{}:{line}</code>", text(&at.file)),
                None => format!(" at <code>{}</code>", text(&at.file)),
            },
            None => String::new(),
        };
        writeln!(out, "<li><code>{}</code> {label}{at}: {}</li>", text(&f.host), text(&f.message))?;
        shown += 1;
    }
    let more = judged.count() - shown;
    if more > 0 {
        writeln!(out, "<li>and {more} more host{}</li>", if more == 1 { "" } else { "s" })?;
    }
    let passing = hosts(findings.iter().copied().filter(|f| f.status == FindingStatus::Pass));
    if !passing.is_empty() {
        writeln!(out, "<li>passes on {passing}</li>")?;
    }
    let missed = hosts(findings.iter().copied().filter(|f| overview.host_missed(f)));
    if !missed.is_empty() {
        writeln!(out, "<li>not audited on {missed}</li>")?;
    }
    writeln!(out, "</ul>")?;
    writeln!(out, "</details>")
}

/// The findings' hosts as code: every name when there are few, else how many (`""` for none).
fn hosts<'a>(findings: impl Iterator<Item = &'a Finding>) -> String {
    let names: Vec<&str> = findings.map(|f| f.host.as_ref()).collect();
    if names.len() > NAMES {
        return plural(names.len(), "host");
    }
    names.iter().map(|h| format!("<code>{}</code>", text(h))).collect::<Vec<_>>().join(", ")
}

/// The distinct values of a column, in order, each as a code span (the first [`VALUES`], then
/// `…`); `—` for none.
fn values<'a>(all: impl Iterator<Item = Option<&'a str>>) -> String {
    let mut seen: Vec<&str> = Vec::new();
    let mut more = false;
    for v in all.flatten() {
        if !seen.contains(&v) {
            if seen.len() == VALUES {
                more = true;
                break;
            }
            seen.push(v);
        }
    }
    if seen.is_empty() {
        return "—".to_string();
    }
    let mut cells: Vec<String> = seen.iter().map(|v| code_cell(&cut(v, CELL))).collect();
    if more {
        cells.push("…".to_string());
    }
    cells.join(", ")
}

/// A value as a code span in a table cell: nothing inside a code span is Markdown, except that
/// a table splits cells at `|` first, so each is escaped (GFM reads `\|` as `|` even there).
pub(crate) fn code_cell(value: &str) -> String {
    let text = one_line(value).replace('|', "\\|");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    // A span that starts or ends with a backtick needs a space between it and the fence; the
    // parser strips one space on each side.
    if text.starts_with('`') || text.ends_with('`') || text.starts_with(' ') && text.ends_with(' ') {
        format!("{fence} {text} {fence}")
    } else if text.is_empty() {
        format!("{fence} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

/// Outside text for an HTML context: on one line (a blank line would end the HTML block and
/// let Markdown in), the five characters that mean something in HTML as entities.
pub(crate) fn text(value: &str) -> String {
    html(&one_line(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_outlast_the_backticks_inside() {
        assert_eq!(code_cell("a|b"), "`a\\|b`");
        assert_eq!(code_cell("x `y` z"), "``x `y` z``");
        assert_eq!(code_cell("`"), "`` ` ``");
        assert_eq!(code_cell("a\nb"), "`a ↵ b`");
    }
}
