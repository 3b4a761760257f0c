//! `mb rules`: validate rule files and list their checks.

use std::io::Write as _;
use std::path::PathBuf;

use serde::Serialize;

use super::output::{self, Cell, Table};
use super::{Context, Exit};
use crate::diag::JsonDiagnostic;
use crate::kb;
use crate::rules::check::{Edit, ResolvedDecision};
use crate::rules::{self, Check, Scope, Selector};
use crate::source::display_path;

/// Validate rule files and list their checks.
///
/// A rule file is Markdown: prose that explains a decision, and fenced ```mb-check blocks that
/// each hold one check in YAML (id, hosts, probe, expect, and optionally fix). mb reads
/// rules/**/*.md, a .clinerules file and .clinerules/**/*.md, or the files and folders you
/// name.
///
/// Every problem in every file is reported with file:line:column and a caret, and mb exits 2
/// if any is an error. A check whose `decision:` matches nothing in the Memory Bank is a
/// warning. The full rule language is in the book's rule reference.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
A check:
  ```mb-check
  id: samba-fruit-locking
  hosts: samba
  decision: Keep fruit:locking = none
  probe:
    file: /etc/samba/smb.conf
    ini: { section: global, key: \"fruit:locking\" }
  expect:
    equals: none
  ```

Examples:
  mb rules                         validate the repository's rule files
  mb rules rules/samba.md          one file
  mb rules --json | jq '.checks[].id'")]
pub struct Args {
    /// Rule files or folders (default: rules/, .clinerules).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// The Memory Bank whose decisions checks link to [default: memory-bank, else
    /// the first other agent's bank folder that exists: see `mb decisions --help`]
    #[arg(long, value_name = "DIR")]
    memory_bank: Option<PathBuf>,

    /// Print checks and diagnostics as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(cx: &Context, args: Args) -> anyhow::Result<Exit> {
    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        rules::default_paths(&cx.root)
    } else {
        args.paths.iter().map(|p| cx.resolve(Some(p), "")).collect()
    };
    let mut set = rules::load(&cx.root, &paths);
    let mb_path = cx.memory_bank(args.memory_bank.as_ref());
    if kb::load::bank_exists(&cx.root, &mb_path) {
        let kb = kb::load(&mb_path, &cx.root);
        for why in &kb.warnings {
            output::warn("warning", why)?;
        }
        set.link_decisions(&kb);
    }
    let exit = if set.errors() > 0 { Exit::Invalid } else { Exit::Clean };
    if args.json {
        let report = JsonReport {
            checks: set.checks.iter().map(CheckJson::new).collect(),
            diagnostics: set.diagnostics.iter().map(|d| JsonDiagnostic::new(d, &set.sources)).collect(),
        };
        let mut out = std::io::stdout().lock();
        super::output::write_json(&mut out, &report)?;
        return Ok(exit);
    }
    output::print_diagnostics(&set.diagnostics, &set.sources)?;
    let mut table = Table::new(vec!["ID", "HOSTS", "PROBE", "SEVERITY", "SOURCE", "DECISION"]).max_width(2, 40);
    for check in &set.checks {
        let hosts = match check.scope {
            Scope::Repo => "(repo)".to_string(),
            Scope::Host => check.hosts.as_ref().map_or_else(String::new, |h| h.raw.clone()),
        };
        let decision = match &check.decision {
            Some(link) => match &link.resolved {
                Some(r) => Cell::new(format!("{}:{}", r.file, r.line)),
                None => Cell::styled(format!("? {}", link.text), output::WARN),
            },
            None => Cell::styled("-", output::DIM),
        };
        table.rows.push(vec![
            Cell::new(check.id.clone()),
            Cell::new(hosts),
            Cell::new(probe_summary(check)),
            Cell::new(check.severity.as_str()),
            Cell::new(format!("{}:{}", display_path(&check.source.file), check.source.line)),
            decision,
        ]);
    }
    let mut out = anstream::stdout().lock();
    if !set.checks.is_empty() {
        table.print(&mut out)?;
    }
    drop(out);
    let mut err = anstream::stderr();
    if set.files.is_empty() {
        writeln!(err, "no rule files found (mb reads rules/**/*.md, .clinerules and .clinerules/**/*.md)")?;
        return Ok(exit);
    }
    let (errors, warnings) = (set.errors(), set.warnings());
    writeln!(
        err,
        "{} {} in {} {}: {}{errors} {}{}, {warnings} {}",
        set.checks.len(),
        if set.checks.len() == 1 { "check" } else { "checks" },
        set.files.len(),
        if set.files.len() == 1 { "file" } else { "files" },
        if errors > 0 { output::ERROR.render().to_string() } else { String::new() },
        if errors == 1 { "error" } else { "errors" },
        if errors > 0 { output::ERROR.render_reset().to_string() } else { String::new() },
        if warnings == 1 { "warning" } else { "warnings" },
    )?;
    Ok(exit)
}

fn probe_summary(check: &Check) -> String {
    let mut s = check.probe.source.describe();
    match &check.probe.select {
        Some(Selector::Ini { section, key }) => s.push_str(&format!(" [{section}] {key}")),
        Some(Selector::Lines(re)) => s.push_str(&format!(" lines /{}/", re.as_str())),
        Some(Selector::Json(p)) => s.push_str(&format!(" {p}")),
        None => {}
    }
    s
}

#[derive(Serialize)]
struct JsonReport<'a> {
    checks: Vec<CheckJson<'a>>,
    diagnostics: Vec<JsonDiagnostic>,
}

#[derive(Serialize)]
struct CheckJson<'a> {
    id: &'a str,
    title: Option<&'a str>,
    hosts: Option<&'a str>,
    scope: Scope,
    severity: rules::Severity,
    probe: ProbeJson,
    expect: Vec<String>,
    fix: Option<FixJson>,
    tags: &'a [String],
    source: SourceJson,
    decision: Option<DecisionJson<'a>>,
}

#[derive(Serialize)]
struct ProbeJson {
    kind: &'static str,
    summary: String,
}

#[derive(Serialize)]
struct FixJson {
    file: String,
    edit: &'static str,
}

#[derive(Serialize)]
struct SourceJson {
    file: String,
    line: usize,
}

#[derive(Serialize)]
struct DecisionJson<'a> {
    text: &'a str,
    resolved: Option<&'a ResolvedDecision>,
}

impl<'a> CheckJson<'a> {
    fn new(check: &'a Check) -> CheckJson<'a> {
        CheckJson {
            id: &check.id,
            title: check.title.as_deref(),
            hosts: check.hosts.as_ref().map(|h| h.raw.as_str()),
            scope: check.scope,
            severity: check.severity,
            probe: ProbeJson { kind: check.probe.source.kind().name(), summary: probe_summary(check) },
            expect: check.expect.iter().map(|e| e.describe()).collect(),
            fix: check.fix.as_ref().map(|f| FixJson { file: display_path(&f.file), edit: Edit::kind(&f.edit).name() }),
            tags: &check.tags,
            source: SourceJson { file: display_path(&check.source.file), line: check.source.line },
            decision: check.decision.as_ref().map(|d| DecisionJson { text: &d.text, resolved: d.resolved.as_ref() }),
        }
    }
}
