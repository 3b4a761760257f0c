//! `human`: the report for people at a terminal — checks that need attention, failures first,
//! each with its rule and decision and a line per host; one summary line. Also `mb diff`'s.

use std::collections::BTreeMap;
use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::{by_check, cut};
use crate::audit::run::{Diff, Run};
use crate::audit::{Finding, FindingStatus};
use crate::probe::{HostStatus, sanitize};

const FAIL: Style = AnsiColor::Red.on_default().bold();
const ERROR: Style = AnsiColor::Magenta.on_default().bold();
const SKIP: Style = AnsiColor::Yellow.on_default();
const PASS: Style = AnsiColor::Green.on_default().bold();
const DIM: Style = Style::new().dimmed();
const BOLD: Style = Style::new().bold();

fn paint(style: Style, text: &str) -> String {
    format!("{}{text}{}", style.render(), style.render_reset())
}

/// The report for people: checks that need attention, failures first, each with the rule and
/// the decision behind it and one line per host; checks skipped for one shared reason folded
/// into one block; hosts that could not be audited; one summary line.
pub fn write(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let down: Vec<&str> = run.hosts.iter().filter(|h| h.status != HostStatus::Ok).map(|h| h.name.as_str()).collect();
    let missed = Missed(down.iter().copied().collect());
    let groups = by_check(&run.findings);
    let mut passing = 0;
    let mut shown: Vec<(FindingStatus, &str, Vec<&Finding>)> = Vec::new();
    // Checks whose only trouble is one skip reason shared by all their hosts: reason → checks.
    let mut folded: Vec<(String, Vec<&str>, Vec<&str>)> = Vec::new();
    for (id, findings) in groups {
        // Hosts that were not audited are named once per check, not once per finding.
        let judged: Vec<&Finding> = findings.iter().copied().filter(|f| !missed.skipped(f)).collect();
        let worst = judged.iter().map(|f| f.status).min().unwrap_or(FindingStatus::Pass);
        if worst == FindingStatus::Pass {
            if judged.len() == findings.len() {
                passing += 1;
            } else {
                shown.push((FindingStatus::Skip, id, findings));
            }
            continue;
        }
        let skips: Vec<&&Finding> = judged.iter().filter(|f| f.status == FindingStatus::Skip).collect();
        if worst == FindingStatus::Skip && skips.iter().all(|f| f.message == skips[0].message) {
            let hosts: Vec<&str> = skips.iter().map(|f| f.host.as_ref()).collect();
            match folded.iter_mut().find(|(m, _, _)| *m == skips[0].message) {
                Some((_, checks, all_hosts)) => {
                    checks.push(id);
                    for h in hosts {
                        if !all_hosts.contains(&h) {
                            all_hosts.push(h);
                        }
                    }
                }
                None => folded.push((skips[0].message.to_string(), vec![id], hosts)),
            }
            continue;
        }
        shown.push((worst, id, findings));
    }
    shown.sort_by_key(|(worst, _, _)| *worst);
    for (worst, id, findings) in &shown {
        write_check(out, *worst, id, findings, &missed)?;
    }
    for (reason, checks, hosts) in &folded {
        writeln!(
            out,
            "{} {} {} on {}: {}",
            paint(SKIP, "SKIP "),
            checks.len(),
            if checks.len() == 1 { "check" } else { "checks" },
            hosts.join(", "),
            sanitize(reason)
        )?;
        writeln!(out, "      {}", paint(DIM, &checks.join(", ")))?;
    }
    if !down.is_empty() {
        writeln!(out, "{}", paint(BOLD, "Hosts not audited"))?;
        let width = down.iter().map(|h| h.chars().count()).max().unwrap_or(0);
        for h in run.hosts.iter().filter(|h| h.status != HostStatus::Ok) {
            writeln!(
                out,
                "  {:width$}  {}  {}",
                h.name,
                paint(FAIL, h.status.as_str()),
                sanitize(h.error.as_deref().unwrap_or(""))
            )?;
        }
    }
    if run.findings.is_empty() {
        writeln!(out, "no checks apply to the selected hosts")?;
    }
    let s = &run.summary;
    let mut parts = vec![paint(PASS, &format!("{} passed", s.pass))];
    if s.fail > 0 {
        parts.push(paint(FAIL, &format!("{} failed", s.fail)));
    }
    if s.error > 0 {
        parts.push(paint(ERROR, &format!("{} errors", s.error)));
    }
    if s.skip > 0 {
        parts.push(paint(SKIP, &format!("{} skipped", s.skip)));
    }
    let mut line = format!(
        "{} {} on {} {}: {}",
        s.checks,
        if s.checks == 1 { "check" } else { "checks" },
        s.hosts,
        if s.hosts == 1 { "host" } else { "hosts" },
        parts.join(", ")
    );
    if passing > 0 {
        line.push_str(&format!(" ({passing} checks pass everywhere)"));
    }
    if !down.is_empty() {
        line.push_str(&format!("; {} not audited", down.len()));
    }
    writeln!(out, "{line}")
}

/// One check that needs attention: its title, rule and decision, then a line per host.
/// Hosts that were not audited: their skipped findings are told once, not per check.
struct Missed<'a>(std::collections::HashSet<&'a str>);

impl Missed<'_> {
    fn skipped(&self, f: &Finding) -> bool {
        f.status == FindingStatus::Skip && self.0.contains(f.host.as_ref())
    }
}

fn write_check(
    out: &mut dyn Write,
    worst: FindingStatus,
    id: &str,
    findings: &[&Finding],
    down: &Missed,
) -> io::Result<()> {
    let first = findings[0];
    let (label, style) = match worst {
        FindingStatus::Fail => ("FAIL ", FAIL),
        FindingStatus::Error => ("ERROR", ERROR),
        _ => ("SKIP ", SKIP),
    };
    let title = first.check.title.as_deref().map(|t| format!(" — {}", sanitize(t))).unwrap_or_default();
    writeln!(
        out,
        "{} {}{} {}",
        paint(style, label),
        paint(BOLD, id),
        title,
        paint(DIM, &format!("({})", first.check.severity.as_str()))
    )?;
    let mut source = format!("{}:{}", first.check.rule.file, first.check.rule.line);
    if let Some(d) = &first.check.decision {
        let date = d.date.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
        source.push_str(&format!(" · enforces {}:{}{date}", d.file, d.line));
    }
    writeln!(out, "      {}", paint(DIM, &source))?;
    if let Some(d) = &first.check.decision {
        writeln!(out, "      {}", paint(DIM, &format!("“{}”", sanitize(&cut(&d.text, 110)))))?;
    }
    let listed: Vec<&&Finding> =
        findings.iter().filter(|f| f.status != FindingStatus::Pass && !down.skipped(f)).collect();
    let width = listed.iter().map(|f| f.host.chars().count()).max().unwrap_or(0);
    for f in listed {
        let message = sanitize(&f.message);
        let text = match f.status {
            FindingStatus::Fail => paint(FAIL, &message),
            FindingStatus::Error => paint(ERROR, &message),
            _ => paint(SKIP, &message),
        };
        writeln!(out, "        {:width$}  {text}", f.host)?;
    }
    let passed: Vec<&str> =
        findings.iter().filter(|f| f.status == FindingStatus::Pass).map(|f| f.host.as_ref()).collect();
    let missed: Vec<&str> = findings.iter().filter(|f| down.skipped(f)).map(|f| f.host.as_ref()).collect();
    let mut tail = Vec::new();
    if !passed.is_empty() {
        tail.push(format!("passes on {}", passed.join(", ")));
    }
    if !missed.is_empty() {
        tail.push(format!("not audited on {}", missed.join(", ")));
    }
    if !tail.is_empty() {
        writeln!(out, "        {}", paint(DIM, &tail.join("; ")))?;
    }
    Ok(())
}

/// `mb diff` for people.
pub fn diff(older: &str, newer: &str, diff: &Diff, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{} → {}", paint(BOLD, older), paint(BOLD, newer))?;
    let section = |out: &mut dyn Write, title: &str, style: Style, list: &[Finding]| -> io::Result<()> {
        if list.is_empty() {
            return Ok(());
        }
        writeln!(out, "{}", paint(style, &format!("{title} ({})", list.len())))?;
        let mut by_check: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for f in list {
            by_check.entry(&f.check.id).or_default().push(&f.host);
        }
        for (check, hosts) in by_check {
            writeln!(out, "  {check}  {}", hosts.join(", "))?;
        }
        Ok(())
    };
    section(out, "New failures", FAIL, &diff.new)?;
    section(out, "Resolved", PASS, &diff.resolved)?;
    section(out, "Still failing", SKIP, &diff.still_failing)?;
    section(out, "No longer judged (host not audited or check removed)", DIM, &diff.unknown)?;
    writeln!(
        out,
        "{} new, {} resolved, {} still failing",
        diff.new.len(),
        diff.resolved.len(),
        diff.still_failing.len()
    )
}
