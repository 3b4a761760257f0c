//! Report formats for an audit. Each writes a finished [`Run`] to a writer; none knows how
//! the run was gathered. [`ReportSink`] makes any of them an audit sink, to stdout or to a
//! file, so one run can be reported in several formats at once. `human` is for people at a
//! terminal; `json` is the contract scripts and CI read.

pub mod entry;
pub mod github;
pub mod html;
pub mod junit;
pub mod markdown;
pub mod sarif;
mod view;

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;

use anstyle::{AnsiColor, Style};

use crate::audit::run::{Diff, Run};
use crate::audit::{AuditSink, Finding, FindingStatus, Finished};
use crate::probe::{HostStatus, sanitize};

/// A report format (`mb audit --format`, `--output FORMAT=FILE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Junit,
    Markdown,
    Github,
    Html,
}

impl Format {
    pub const ALL: &[Format] =
        &[Format::Human, Format::Json, Format::Sarif, Format::Junit, Format::Markdown, Format::Github, Format::Html];

    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
            Format::Markdown => "markdown",
            Format::Github => "github",
            Format::Html => "html",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.iter().copied().find(|f| f.name() == name)
    }

    /// Writes the run in this format.
    pub fn write(self, run: &Run, done: &Finished<'_>, out: &mut dyn Write) -> io::Result<()> {
        match self {
            Format::Human => {
                human(run, out)?;
                if let Some(path) = done.saved {
                    writeln!(out, "run {} saved in {}", run.run, crate::source::display_path(path))?;
                }
                Ok(())
            }
            Format::Json => {
                serde_json::to_writer_pretty(&mut *out, &run.report())?;
                writeln!(out)
            }
            Format::Sarif => sarif::write(run, done.checks, out),
            Format::Junit => junit::write(run, done.checks, out),
            Format::Markdown => markdown::write(run, done.checks, out),
            Format::Github => github::write(run, done.checks, out),
            Format::Html => html::write(run, done.checks, out),
        }
    }
}

/// Where a report goes.
#[derive(Debug, Clone)]
pub enum Destination {
    Stdout,
    /// A file, replaced whole when the report is complete (never left half-written); its
    /// folder is created when missing.
    File(PathBuf),
}

/// One format to one destination, written when the run is finished.
pub struct ReportSink {
    pub format: Format,
    pub to: Destination,
    /// What went wrong writing it, for the caller to report.
    pub error: Option<io::Error>,
}

impl ReportSink {
    pub fn new(format: Format, to: Destination) -> ReportSink {
        ReportSink { format, to, error: None }
    }
}

impl AuditSink for ReportSink {
    fn finished(&mut self, run: &Run, done: &Finished<'_>) {
        let result = match &self.to {
            Destination::Stdout => {
                let mut out = anstream::stdout().lock();
                self.format.write(run, done, &mut out).and_then(|()| out.flush())
            }
            Destination::File(path) => {
                // Files get no colour, whatever the terminal says.
                let mut bytes = Vec::new();
                let mut plain = anstream::StripStream::new(&mut bytes);
                self.format
                    .write(run, done, &mut plain)
                    .and_then(|()| match path.parent().filter(|p| !p.as_os_str().is_empty()) {
                        Some(dir) => std::fs::create_dir_all(dir),
                        None => Ok(()),
                    })
                    .and_then(|()| crate::state::write_atomically(path, &bytes))
                    .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))
            }
        };
        if let Err(e) = result {
            self.error = Some(e);
        }
    }
}

const FAIL: Style = AnsiColor::Red.on_default().bold();
const ERROR: Style = AnsiColor::Magenta.on_default().bold();
const SKIP: Style = AnsiColor::Yellow.on_default();
const PASS: Style = AnsiColor::Green.on_default().bold();
const DIM: Style = Style::new().dimmed();
const BOLD: Style = Style::new().bold();

fn paint(style: Style, text: &str) -> String {
    format!("{}{text}{}", style.render(), style.render_reset())
}

/// Findings grouped by check, in their order (a run's findings come sorted by check, then
/// host).
pub(crate) fn by_check<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Vec<(&'a str, Vec<&'a Finding>)> {
    let mut groups: Vec<(&str, Vec<&Finding>)> = Vec::new();
    for f in findings {
        match groups.last_mut() {
            Some((id, list)) if *id == f.check => list.push(f),
            _ => groups.push((&f.check, vec![f])),
        }
    }
    groups
}

/// The report for people: checks that need attention, failures first, each with the rule and
/// the decision behind it and one line per host; checks skipped for one shared reason folded
/// into one block; hosts that could not be audited; one summary line.
pub fn human(run: &Run, out: &mut dyn Write) -> io::Result<()> {
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
            let hosts: Vec<&str> = skips.iter().map(|f| f.host.as_str()).collect();
            match folded.iter_mut().find(|(m, _, _)| *m == skips[0].message) {
                Some((_, checks, all_hosts)) => {
                    checks.push(id);
                    for h in hosts {
                        if !all_hosts.contains(&h) {
                            all_hosts.push(h);
                        }
                    }
                }
                None => folded.push((skips[0].message.clone(), vec![id], hosts)),
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
        f.status == FindingStatus::Skip && self.0.contains(f.host.as_str())
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
    let title = first.title.as_deref().map(|t| format!(" — {t}")).unwrap_or_default();
    writeln!(
        out,
        "{} {}{} {}",
        paint(style, label),
        paint(BOLD, id),
        title,
        paint(DIM, &format!("({})", first.severity.as_str()))
    )?;
    let mut source = format!("{}:{}", first.rule.file, first.rule.line);
    if let Some(d) = &first.decision {
        let date = d.date.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
        source.push_str(&format!(" · enforces {}:{}{date}", d.file, d.line));
    }
    writeln!(out, "      {}", paint(DIM, &source))?;
    if let Some(d) = &first.decision {
        writeln!(out, "      {}", paint(DIM, &format!("“{}”", cut(&d.text, 110))))?;
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
        findings.iter().filter(|f| f.status == FindingStatus::Pass).map(|f| f.host.as_str()).collect();
    let missed: Vec<&str> = findings.iter().filter(|f| down.skipped(f)).map(|f| f.host.as_str()).collect();
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

fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

/// `mb diff` for people.
pub fn human_diff(older: &str, newer: &str, diff: &Diff, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{} → {}", paint(BOLD, older), paint(BOLD, newer))?;
    let section = |out: &mut dyn Write, title: &str, style: Style, list: &[Finding]| -> io::Result<()> {
        if list.is_empty() {
            return Ok(());
        }
        writeln!(out, "{}", paint(style, &format!("{title} ({})", list.len())))?;
        let mut by_check: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for f in list {
            by_check.entry(&f.check).or_default().push(&f.host);
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
