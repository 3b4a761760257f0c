//! `mb ci`: the drift report for a pull request.

use std::path::PathBuf;

use anyhow::Context as _;

use super::output;
use super::{Context, Exit};
use crate::audit::Finished;
use crate::ci::{self, CiError, Links, Options, Repo};
use crate::report::Format;

/// The drift report for a pull request: what a change does to your decisions and compliance.
///
/// mb reads the Memory Bank and the rule files at two commits straight from git's objects (no
/// checkout; the working tree, the index and every ref stay as they are), judges the `scope:
/// repo` checks at both against each commit's own files, and reports:
///
/// - decisions added, removed and changed (text, settings, status; a new decision that
///   supersedes an old one says so), and checks added, removed and changed;
/// - the repo-check failures the change introduces, those it fixes, and those already there;
/// - the decisions that state a setting but that no check enforces, with a suggested check;
/// - with --run, the fleet's last audit beside them.
///
/// Exit status: 1 when the change introduces a failure (with --fail-on all: when anything
/// fails at the head), 0 otherwise; 2 for a revision that does not exist, rule files with
/// errors at the head, or another failure.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  mb ci --base origin/main                        the current branch against main (a PR)
  mb ci --base origin/main...HEAD                 against the merge base, as a PR's diff is
  mb ci --base main --head feature --format json
  mb ci --base origin/main --output sarif=mb.sarif --output markdown=comment.md
  mb ci --base origin/main --run .mb/runs/latest-nightly.json

In GitHub Actions, check out with `fetch-depth: 0` so the base is there; links in the
markdown point at the head commit (GITHUB_SERVER_URL, GITHUB_REPOSITORY) unless --links says
otherwise. Ready workflows: examples/github/ and examples/gitlab/.")]
pub struct Args {
    /// The base revision: a branch, tag or commit (`origin/main`), or `A...B` for their merge
    /// base.
    #[arg(long, value_name = "REF")]
    base: String,

    /// The head revision.
    #[arg(long, value_name = "REF", default_value = "HEAD")]
    head: String,

    /// The report on standard output: markdown (the PR comment), json, or one of the audit
    /// formats (sarif, junit, github, html, human) for the head's repo checks.
    #[arg(long, value_name = "FORMAT", default_value = "markdown", value_parser = parse_format)]
    format: CiFormat,

    /// Also write the report in FORMAT to FILE (repeatable).
    #[arg(long = "output", short = 'o', value_name = "FORMAT=FILE", value_parser = parse_output)]
    outputs: Vec<(CiFormat, PathBuf)>,

    /// A saved audit run to summarise beside the change (e.g. the artifact of a nightly
    /// `mb audit`).
    #[arg(long, value_name = "FILE")]
    run: Option<PathBuf>,

    /// Which failures fail the job: `new` (those the change introduces) or `all` (anything
    /// failing at the head).
    #[arg(long, value_name = "WHICH", default_value = "new", value_parser = ["new", "all"])]
    fail_on: String,

    /// Where `file:line` links point: a URL to which `/PATH#LLINE` is added (default: the head
    /// commit on GitHub or GitLab, from their CI variables; none elsewhere).
    #[arg(long, value_name = "URL")]
    links: Option<String>,

    /// The Memory Bank folder, relative to the repository root [default: each revision's
    /// memory-bank, else the first other agent's bank folder in it: see `mb decisions --help`]
    #[arg(long, value_name = "DIR")]
    memory_bank: Option<String>,
}

#[derive(Debug, Clone, Copy)]
enum CiFormat {
    Markdown,
    Json,
    /// An audit format, of the head's repo checks.
    Audit(Format),
}

fn parse_format(name: &str) -> Result<CiFormat, String> {
    match name {
        "markdown" => Ok(CiFormat::Markdown),
        "json" => Ok(CiFormat::Json),
        other => Format::from_name(other).map(CiFormat::Audit).ok_or_else(|| {
            format!("unknown format `{other}` (one of: markdown, json, sarif, junit, github, html, human)")
        }),
    }
}

fn parse_output(spec: &str) -> Result<(CiFormat, PathBuf), String> {
    super::audit::output_spec(spec, parse_format)
}

pub fn run(cx: &Context, args: Args) -> anyhow::Result<Exit> {
    let repo = Repo::open(&cx.root)?;
    let options = Options { memory_bank: args.memory_bank.clone() };
    let base = repo.revision(&args.base).context("the base revision")?;
    let head = repo.revision(&args.head).context("the head revision")?;
    let fleet = match &args.run {
        Some(path) => Some(crate::audit::run::read(&cx.resolve(Some(path), ""))?),
        None => None,
    };
    let head_commit = head.id.to_string();
    let base = ci::side(&repo, base, &options, false).map_err(|e| explain(e, "base"))?;
    let head = ci::side(&repo, head, &options, true).map_err(|e| explain(e, "head"))?;
    let report = ci::compare(&base, &head, fleet.as_ref());
    let links =
        Links { blob_base: args.links.clone().or_else(|| ci_links(&head_commit)), prefix: repo.prefix().into() };

    let write = |format: CiFormat, out: &mut dyn std::io::Write| -> std::io::Result<()> {
        match format {
            CiFormat::Markdown => ci::markdown::write(&report, &links, out),
            CiFormat::Json => {
                serde_json::to_writer_pretty(&mut *out, &report)?;
                writeln!(out)
            }
            CiFormat::Audit(f) => f.write(&head.run, &Finished { checks: &head.rules.checks, saved: None }, out),
        }
    };
    {
        let mut stdout = std::io::BufWriter::with_capacity(1 << 16, anstream::stdout().lock());
        write(args.format, &mut stdout)
            .and_then(|()| std::io::Write::flush(&mut stdout))
            .context("writing the report")?;
    }
    for (format, path) in &args.outputs {
        crate::report::write_file(&cx.resolve(Some(path), ""), |out| write(*format, out))
            .context("writing a report")?;
    }
    let failing = report.introduces_failures() || (args.fail_on == "all" && !report.findings.existing.is_empty());
    Ok(if failing { Exit::Findings } else { Exit::Clean })
}

/// Errors of one side, with the rule diagnostics printed.
fn explain(e: CiError, side: &str) -> anyhow::Error {
    if let CiError::InvalidRules { diagnostics, sources, .. } = &e {
        let _ = output::print_diagnostics(diagnostics, sources);
    }
    anyhow::Error::new(e).context(format!("reading the {side}"))
}

/// The head commit's web view from the CI system's variables (GitHub Actions, GitLab CI).
fn ci_links(commit: &str) -> Option<String> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    if let (Some(server), Some(repo)) = (var("GITHUB_SERVER_URL"), var("GITHUB_REPOSITORY")) {
        return Some(format!("{}/{repo}/blob/{commit}", server.trim_end_matches('/')));
    }
    var("CI_PROJECT_URL").map(|url| format!("{}/-/blob/{commit}", url.trim_end_matches('/')))
}
