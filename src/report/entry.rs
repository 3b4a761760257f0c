//! The Memory Bank entry for an audit: what `mb record` writes into `activeContext.md`, in
//! the style of the entries people write there (H3 sections, bullets with bold labels,
//! nested bullets per host), so the next session, human or agent, reads it like any other.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::civil::Date;

use crate::audit::run::{self, Run};
use crate::audit::{Finding, FindingStatus};

/// The previous recorded audit, for "fixed since".
#[derive(Debug, Clone)]
pub enum Previous<'a> {
    /// No earlier entry of mb's in the file.
    None,
    /// An earlier entry names a run that is no longer in `.mb/runs`.
    Missing {
        run: String,
        date: Date,
    },
    Found {
        run: &'a Run,
        date: Date,
    },
}

/// Everything the entry says, gathered by the caller.
#[derive(Debug)]
pub struct EntryContext<'a> {
    pub run: &'a Run,
    pub previous: Previous<'a>,
    /// Fix branches made from this run: `(branch, short commit)`.
    pub branches: &'a [(String, String)],
    /// Checks that declare a `fix:` (those failing in the run get a `mb fix` step).
    pub with_fix: &'a [String],
    /// The folder of the file the entry goes into, relative to the repository root, for
    /// relative links to rules and decisions; `None` to write paths without links.
    pub links_from: Option<&'a str>,
    /// The entry's heading level; its sections are one below.
    pub level: usize,
}

/// Hosts named in a line before the rest are counted.
const MAX_HOSTS: usize = 8;

/// The entry's body (between its heading and closing mark), LF line endings.
pub fn body(cx: &EntryContext) -> String {
    let run = cx.run;
    let h3 = "#".repeat(cx.level + 1);
    let mut out = String::from("\n");
    let s = &run.summary;
    let down: Vec<&run::HostRecord> = run.incomplete_hosts().collect();
    let replay = run.replay_of.as_deref().map(|r| format!(" (a replay of run {})", code(r))).unwrap_or_default();
    let _ = writeln!(
        out,
        "`mb audit` run {}{replay} judged {} checks on {} hosts: {} passed, {} failed, {} skipped{}.",
        code(&run.run),
        s.checks,
        s.hosts,
        s.pass,
        s.fail,
        s.skip,
        match down.len() {
            0 => String::new(),
            1 => "; 1 host not audited".into(),
            n => format!("; {n} hosts not audited"),
        }
    );

    let diff = match &cx.previous {
        Previous::Found { run: old, .. } => Some(run::diff(old, run)),
        _ => None,
    };
    let new: std::collections::HashSet<(&str, &str)> =
        diff.iter().flat_map(|d| &d.new).map(|f| (f.check.id.as_str(), f.host.as_ref())).collect();
    let is_new = |f: &Finding| new.contains(&(f.check.id.as_str(), f.host.as_ref()));

    let by_check = super::by_check(run.findings.iter().filter(|f| f.status == FindingStatus::Fail));
    let _ = writeln!(out, "\n{h3} Findings");
    if by_check.is_empty() {
        let _ = writeln!(out, "- No drift: every check that could be judged passed.");
    }
    for (id, findings) in &by_check {
        let f = findings[0];
        let mut line = format!("- **{}** ({})", inline(id), f.check.severity.as_str());
        if let Some(title) = &f.check.title {
            let _ = write!(line, ": {}", inline(title));
        }
        let _ = write!(line, ". Rule {}", link(cx, &f.check.rule.file, f.check.rule.line));
        if let Some(d) = &f.check.decision {
            let _ = write!(line, "; enforces “{}” ({}", inline(&shorten(&d.text, 100)), link(cx, &d.file, d.line));
            if let Some(date) = &d.date {
                let _ = write!(line, ", {}", inline(date));
            }
            line.push(')');
        }
        let _ = writeln!(out, "{line}.");
        // One nested bullet per distinct drift, naming its hosts.
        let mut drifts: BTreeMap<(String, bool), Vec<&str>> = BTreeMap::new();
        for f in findings {
            drifts.entry((drift(f), is_new(f))).or_default().push(&f.host);
        }
        for ((what, new), hosts) in drifts {
            let _ = writeln!(
                out,
                "  - {}: {what}{}",
                hosts_list(&hosts),
                if new { " (new since the last recorded audit)" } else { "" }
            );
        }
    }

    if let (Some(diff), Previous::Found { date, .. }) = (&diff, &cx.previous) {
        let _ = writeln!(out, "\n{h3} Fixed since the last recorded audit ({date})");
        if diff.resolved.is_empty() {
            let _ = writeln!(out, "- Nothing that failed then passes now.");
        }
        for (id, hosts) in group_hosts(&diff.resolved) {
            let _ = writeln!(out, "- **{}** passes again on {}.", inline(id), hosts_list(&hosts));
        }
        for (id, hosts) in group_hosts(&diff.unknown) {
            let _ = writeln!(
                out,
                "- **{}** failed then on {} and was not judged this time.",
                inline(id),
                hosts_list(&hosts)
            );
        }
    } else if let Previous::Missing { run: old, date } = &cx.previous {
        let _ = writeln!(out, "\n{h3} Fixed since the last recorded audit ({date})");
        let _ = writeln!(out, "- Cannot tell: run {} of that audit is no longer in `.mb/runs`.", code(old));
    }

    let errors: Vec<&Finding> = run.findings.iter().filter(|f| f.status == FindingStatus::Error).collect();
    if !down.is_empty() || !errors.is_empty() {
        let _ = writeln!(out, "\n{h3} Not audited");
        for h in &down {
            let why = h.error.as_deref().map(|e| format!(": {}", inline(&shorten(e, 160)))).unwrap_or_default();
            let _ = writeln!(out, "- {} ({}){why}", inline(&h.name), h.status.as_str());
        }
        for f in errors {
            let _ = writeln!(
                out,
                "- **{}** on {}: {}",
                inline(&f.check.id),
                inline(&f.host),
                inline(&shorten(&f.message, 160))
            );
        }
    }

    let _ = writeln!(out, "\n{h3} Next Steps");
    let mut steps = 0;
    for (branch, commit) in cx.branches {
        let _ = writeln!(
            out,
            "- Review and merge the fix branch {} (commit {}), then run the play on the hosts it names.",
            code(branch),
            code(commit)
        );
        steps += 1;
    }
    let failing: Vec<&str> = by_check.iter().map(|(id, _)| *id).collect();
    let fixable: Vec<&str> = failing.iter().copied().filter(|id| cx.with_fix.iter().any(|w| w == id)).collect();
    if cx.branches.is_empty() && !fixable.is_empty() {
        let _ = writeln!(
            out,
            "- Commit the declared fixes of {} with {}, then review the branch.",
            inline(&fixable.join(", ")),
            code(&format!("mb fix {}", run.run))
        );
        steps += 1;
    }
    let by_hand: Vec<String> = by_check
        .iter()
        .filter(|(id, _)| !fixable.contains(id))
        .map(|(id, fs)| {
            format!("{} ({})", inline(id), hosts_list(&fs.iter().map(|f| f.host.as_ref()).collect::<Vec<_>>()))
        })
        .collect();
    if !by_hand.is_empty() {
        let _ =
            writeln!(out, "- Bring back in line by hand or with the play (no fix declared): {}.", by_hand.join(", "));
        steps += 1;
    }
    if !down.is_empty() {
        let names: Vec<&str> = down.iter().map(|h| h.name.as_str()).collect();
        let _ = writeln!(
            out,
            "- Audit {} again once {} can be reached.",
            hosts_list(&names),
            if names.len() == 1 { "it" } else { "they" }
        );
        steps += 1;
    }
    if steps == 0 {
        let _ = writeln!(out, "- Nothing to do: the fleet matches its decisions.");
    }
    out.push('\n');
    out
}

/// `expected `none`, found `posix``, with the values as code.
fn drift(f: &Finding) -> String {
    match (&f.expected, &f.actual) {
        (Some(e), Some(a)) => format!("expected {}, found {}", code(e), code(a)),
        _ => inline(&shorten(&f.message, 160)),
    }
}

/// Findings' check ids with their hosts, in order.
fn group_hosts(findings: &[Finding]) -> Vec<(&str, Vec<&str>)> {
    let mut out: Vec<(&str, Vec<&str>)> = Vec::new();
    for f in findings {
        match out.iter_mut().find(|(id, _)| *id == f.check.id) {
            Some((_, hosts)) => hosts.push(&f.host),
            None => out.push((&f.check.id, vec![&f.host])),
        }
    }
    out
}

/// `nas1, zd2` or `zd1, zd2, … and 992 more`, each name escaped as Markdown text.
fn hosts_list(hosts: &[&str]) -> String {
    let shown: Vec<String> = hosts.iter().take(MAX_HOSTS).map(|h| inline(h)).collect();
    if hosts.len() <= MAX_HOSTS {
        return shown.join(", ");
    }
    format!("{} and {} more", shown.join(", "), hosts.len() - MAX_HOSTS)
}

/// `text` on one line with control characters made visible: whatever a host, a run file or
/// an inventory says, it cannot start a line (a heading, a list item, a closing mark) or
/// reach a terminal as an escape sequence when the entry is shown.
fn one_line(text: &str) -> String {
    let folded: Vec<String> = text
        .split_whitespace()
        .map(|word| word.chars().map(|c| if c.is_control() { char::REPLACEMENT_CHARACTER } else { c }).collect())
        .collect();
    folded.join(" ")
}

/// A value as an inline code span, on one line and not too long.
fn code(value: &str) -> String {
    let value = shorten(&one_line(value), 120);
    let mut fence = String::from("`");
    while value.contains(fence.as_str()) {
        fence.push('`');
    }
    let pad = if value.starts_with('`') || value.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{value}{pad}{fence}")
}

/// Prose on one line with Markdown's special characters escaped.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        if "\\`*_[]<>|#".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
}

/// `[rules/samba.md:18](../rules/samba.md#L18)`, relative to the entry's folder. A path
/// with characters a link cannot hold as they are (it came from a run file) is code.
fn link(cx: &EntryContext, file: &str, line: usize) -> String {
    let plain = file.chars().all(|c| c.is_ascii_alphanumeric() || "._/-+@".contains(c));
    match cx.links_from {
        Some(_) | None if !plain => code(&format!("{file}:{line}")),
        None => format!("`{file}:{line}`"),
        Some(dir) => format!("[{file}:{line}]({}#L{line})", relative(dir, file)),
    }
}

/// The path of `to` seen from the folder `from`, both relative to the same root.
fn relative(from: &str, to: &str) -> String {
    let from: Vec<&str> = from.split('/').filter(|p| !p.is_empty() && *p != ".").collect();
    let to: Vec<&str> = to.split('/').filter(|p| !p.is_empty() && *p != ".").collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(&to[common..]);
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links() {
        assert_eq!(relative("memory-bank", "rules/samba.md"), "../rules/samba.md");
        assert_eq!(relative("memory-bank", "memory-bank/decisionLog.md"), "decisionLog.md");
        assert_eq!(relative("", "rules/a.md"), "rules/a.md");
        assert_eq!(relative("docs/mb", "docs/rules/a.md"), "../rules/a.md");
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code("none"), "`none`");
        assert_eq!(code("`x` 2 times"), "`` `x` 2 times ``");
        assert_eq!(inline("a <b> *c*"), "a \\<b\\> \\*c\\*");
    }
}
