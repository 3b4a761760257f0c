//! The pull-request comment: a one-line verdict, then what the change does to compliance, to
//! the decisions and to the checks, the decisions nothing checks (with suggested checks), and
//! the fleet's last audit — the long parts folded in `<details>`.
//!
//! Everything from the repository (paths, decision text, check titles, values) is escaped as
//! the audit's Markdown report escapes it: code spans in tables, HTML text in `<details>`.

use std::io::{self, Write};

use super::{CheckRow, DecisionRow, Links, Report};
use crate::audit::Finding;
use crate::report::markdown::{code_cell, text};

/// A hidden marker that lets a workflow find and update its own comment.
pub const MARKER: &str = "<!-- mb-ci-report -->";

/// Writes the report as a pull-request comment.
pub fn write(report: &Report, links: &Links, out: &mut dyn Write) -> io::Result<()> {
    let f = &report.findings;
    let d = &report.decisions;
    let new_uncovered = report.uncovered_new.len();
    writeln!(out, "{MARKER}")?;
    let verdict = match f.introduced.len() {
        0 => "**mb: no new drift**".to_string(),
        1 => "**mb: this change introduces 1 failure**".to_string(),
        n => format!("**mb: this change introduces {n} failures**"),
    };
    let mut parts = Vec::new();
    if !f.fixed.is_empty() {
        parts.push(format!("fixes {}", f.fixed.len()));
    }
    if !f.existing.is_empty() {
        parts.push(format!("{} already failing", f.existing.len()));
    }
    let decisions = d.added.len() + d.changed.len() + d.removed.len();
    for (n, what) in [(d.added.len(), "added"), (d.changed.len(), "changed"), (d.removed.len(), "removed")] {
        if n > 0 {
            parts.push(format!("{n} decision{} {what}", if n == 1 { "" } else { "s" }));
        }
    }
    if new_uncovered > 0 {
        parts.push(format!("{new_uncovered} new decision{} nothing checks", if new_uncovered == 1 { "" } else { "s" }));
    }
    writeln!(
        out,
        "{verdict}{} — {} ({}) → {}",
        if parts.is_empty() { String::new() } else { format!(": {}", parts.join(", ")) },
        code_cell(&report.base.short),
        text(&report.base.name),
        code_cell(&report.head.short),
    )?;

    if !f.introduced.is_empty() || !f.fixed.is_empty() || !f.errors.is_empty() {
        writeln!(out, "\n### Compliance\n")?;
        writeln!(out, "| | Check | Where | Expected | Found |")?;
        writeln!(out, "| --- | --- | --- | --- | --- |")?;
        for (label, list) in [("new failure", &f.introduced), ("fixed", &f.fixed), ("cannot judge", &f.errors)] {
            for finding in list {
                finding_row(out, label, finding, links)?;
            }
        }
    }
    if !f.existing.is_empty() {
        writeln!(out, "\n<details><summary>{} failures already on the base</summary>\n", f.existing.len())?;
        writeln!(out, "| | Check | Where | Expected | Found |")?;
        writeln!(out, "| --- | --- | --- | --- | --- |")?;
        for finding in &f.existing {
            finding_row(out, "failing", finding, links)?;
        }
        writeln!(out, "\n</details>")?;
    }

    if decisions > 0 {
        writeln!(out, "\n### Decisions\n")?;
        for added in &d.added {
            write!(out, "- **added** {}", decision(&added.decision, links))?;
            for old in &added.supersedes {
                write!(out, " — supersedes {}", decision(old, links))?;
            }
            writeln!(out)?;
        }
        for changed in &d.changed {
            writeln!(
                out,
                "- **changed** ({}) {} — was {}",
                changed.changed.join(", "),
                decision(&changed.after, links),
                code_cell(&crate::report::cut(&changed.before.text, 120))
            )?;
        }
        for removed in &d.removed {
            writeln!(out, "- **removed** {}", decision(removed, links))?;
        }
    }

    let c = &report.checks;
    if !c.added.is_empty() || !c.changed.is_empty() || !c.removed.is_empty() {
        writeln!(out, "\n### Checks\n")?;
        for (label, list) in [("added", &c.added), ("changed", &c.changed), ("removed", &c.removed)] {
            for row in list.iter() {
                writeln!(out, "- **{label}** {}", check(row, links, label != "removed"))?;
            }
        }
    }

    if !report.uncovered.is_empty() {
        writeln!(out, "\n### Decisions nothing checks\n")?;
        if new_uncovered > 0 {
            writeln!(
                out,
                "This change adds {new_uncovered} decision{} that no check enforces.\n",
                if new_uncovered == 1 { "" } else { "s" }
            )?;
        }
        let (new, old): (Vec<_>, Vec<_>) = report.uncovered.iter().partition(|u| report.uncovered_new.contains(&u.id));
        for u in &new {
            uncovered(out, u, links, true)?;
        }
        if !old.is_empty() {
            writeln!(out, "<details><summary>{} older decisions nothing checks</summary>\n", old.len())?;
            for u in &old {
                uncovered(out, u, links, false)?;
            }
            writeln!(out, "</details>")?;
        }
    }

    if let Some(fleet) = &report.fleet {
        writeln!(out, "\n### Fleet\n")?;
        let s = &fleet.summary;
        writeln!(
            out,
            "Audit run {}: **{}** — {} checks on {} hosts: {} passed, {} failed, {} errors, {} skipped.",
            code_cell(&fleet.run),
            fleet.verdict,
            s.checks,
            s.hosts,
            s.pass,
            s.fail,
            s.error,
            s.skip
        )?;
        for (check, hosts) in &fleet.failing {
            let hosts: Vec<String> = hosts.iter().map(|h| code_cell(h)).collect();
            writeln!(out, "- {} fails on {}", code_cell(check), hosts.join(", "))?;
        }
    }
    Ok(())
}

fn finding_row(out: &mut dyn Write, label: &str, f: &Finding, links: &Links) -> io::Result<()> {
    let (file, line) = match &f.location {
        Some(l) => (l.file.as_str(), l.line.unwrap_or(1)),
        None => (f.check.rule.file.as_str(), f.check.rule.line),
    };
    writeln!(
        out,
        "| {label} | {} | {} | {} | {} |",
        code_cell(&f.check.id),
        place(file, line, links),
        f.expected.as_deref().map(|v| code_cell(&crate::report::cut(v, 80))).unwrap_or_default(),
        f.actual.as_deref().map(|v| code_cell(&crate::report::cut(v, 80))).unwrap_or_default(),
    )
}

/// `file:line` as a code span, linked to the head commit when the report knows where.
fn place(file: &str, line: usize, links: &Links) -> String {
    let shown = code_cell(&format!("{file}:{line}"));
    match links.to(&encode_path(file), line) {
        Some(url) => format!("[{shown}]({url})"),
        None => shown,
    }
}

/// A path for a URL: everything but unreserved characters and `/` percent-encoded, so no path
/// can end the link or inject Markdown.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'.' | b'-' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn decision(d: &DecisionRow, links: &Links) -> String {
    let date = d.date.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
    format!("{}{date} {}", code_cell(&crate::report::cut(&d.text, 120)), place(&d.file, d.line, links))
}

fn check(c: &CheckRow, links: &Links, linked: bool) -> String {
    let title = c.title.as_deref().map(|t| format!(" — {}", code_cell(t))).unwrap_or_default();
    let at = if linked { place(&c.file, c.line, links) } else { code_cell(&format!("{}:{}", c.file, c.line)) };
    format!("{}{title} {at}", code_cell(&c.id))
}

fn uncovered(out: &mut dyn Write, u: &super::coverage::Uncovered, links: &Links, new: bool) -> io::Result<()> {
    let settings: Vec<String> = u.settings.iter().map(|s| code_cell(&format!("{} = {}", s.key, s.value))).collect();
    writeln!(
        out,
        "- {}{} {} — sets {}",
        if new { "**new** " } else { "" },
        code_cell(&crate::report::cut(&u.text, 120)),
        place(&u.file, u.line, links),
        settings.join(", ")
    )?;
    if let Some(block) = &u.suggestion {
        // A fence longer than any run of backticks in the block, so nothing can close it.
        let longest = block.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest.max(2) + 1);
        writeln!(out, "  <details><summary>a check for it</summary>\n")?;
        writeln!(out, "  {fence}mb-check")?;
        for line in block.lines() {
            writeln!(out, "  {line}")?;
        }
        writeln!(out, "  {fence}\n  </details>")?;
    }
    Ok(())
}
