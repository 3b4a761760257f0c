//! `mb fix`: turn drift that declares a fix into a commit on a new branch.

use std::io::Write as _;

use anstyle::Style;
use anyhow::bail;
use serde::Serialize;

use super::output;
use super::{Context, Exit};
use crate::audit::run;
use crate::fix::{self, FixPlan, FixState, git::Repo};
use crate::rules;

/// Commit the declared fixes of a run's failing checks on a new branch.
///
/// For every failing check whose rule has a `fix:`, mb makes the edit (ini_set, line_present,
/// line_absent, replace, yaml_set) to HEAD's copy of the file, in memory; several fixes to one
/// file make one edit. It prints the unified diff, then creates one commit whose parent is
/// HEAD on a new branch (default mb/fix/YYYY-MM-DD, the run's date). The working tree, the
/// index and the current branch are not touched: review the branch, merge it, run the play.
///
/// mb refuses, and commits nothing, when a fix would write outside the repository (an
/// absolute path, `..`, a symlink), its file is missing, its edit does not apply, the branch
/// exists, or a merge or rebase is in progress. A fix already in HEAD means the repo is right
/// and the host needs the play: mb says so and commits nothing for it.
///
/// Exit status: 0 committed, nothing to do, or --dry-run; 2 refused or failed.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  mb fix                               the latest run's fixes, on branch mb/fix/<date>
  mb fix --dry-run                     show the diff only
  mb fix --dry-run > fix.patch         the diff alone is on stdout (git apply fix.patch)
  mb fix 2026-11-25T19-00-00Z --branch fix/time-machine
  mb fix --check samba-fruit-locking   only that check's fix
  mb fix && mb record                  the Memory Bank entry then names the branch

Commits are authored by git's user.name/user.email, or by `mb <mb@localhost>` when the
repository has none.")]
pub struct Args {
    /// The run whose findings to fix: an id from `mb runs`, `latest`, or a run file.
    #[arg(value_name = "RUN", default_value = "latest")]
    run: String,

    /// Print the diff; create no commit and no branch.
    #[arg(long)]
    dry_run: bool,

    /// The branch to create (default: mb/fix/YYYY-MM-DD, with -2, -3… when taken).
    #[arg(long, value_name = "NAME")]
    branch: Option<String>,

    /// Only the fixes of these checks (repeatable).
    #[arg(long = "check", value_name = "ID")]
    checks: Vec<String>,

    /// Print what was done as JSON (diffs included) instead of the diff.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Report<'a> {
    run: &'a str,
    dry_run: bool,
    /// The branch created, or the one that already held these fixes.
    branch: Option<String>,
    commit: Option<String>,
    /// True when a branch already held exactly these fixes.
    already_committed: bool,
    #[serde(flatten)]
    plan: &'a FixPlan,
}

pub fn run(cx: &Context, args: Args) -> anyhow::Result<Exit> {
    let set = rules::load(&cx.root, &rules::default_paths(&cx.root));
    if set.errors() > 0 {
        output::print_diagnostics(&set.diagnostics, &set.sources)?;
        bail!("the rule files have errors; fix them (see `mb rules`) before `mb fix`");
    }
    for id in &args.checks {
        if !set.checks.iter().any(|c| &c.id == id) {
            bail!("--check `{id}`: no such check in the rule files (see `mb rules`)");
        }
    }
    let run = run::find(&cx.root, &args.run)?;
    let repo = Repo::open(&cx.root)?;
    let plan = fix::plan(&run, &set.checks, &repo, &args.checks);

    let mut err = anstream::stderr();
    let mut out = anstream::stdout().lock();
    if !args.json {
        for file in &plan.files {
            print_diff(&file.diff, &mut out)?;
        }
        summarize(&plan, &mut err)?;
        for f in &plan.files {
            if repo.changed_in_worktree(&f.path) {
                output::warn(
                    "warning",
                    format_args!("{} has uncommitted changes; the fix is made on HEAD's version", f.path),
                )?;
            }
        }
    }
    let mut report = Report {
        run: &run.run,
        dry_run: args.dry_run,
        branch: None,
        commit: None,
        already_committed: false,
        plan: &plan,
    };
    let exit = if !plan.refused.is_empty() {
        for r in &plan.refused {
            writeln!(err, "{}refused:{} {r}", output::ERROR.render(), output::ERROR.render_reset())?;
        }
        writeln!(err, "nothing was committed: mb commits all of a run's fixes or none")?;
        Exit::Invalid
    } else if plan.files.is_empty() {
        writeln!(err, "nothing to commit: {}", nothing_because(&plan))?;
        Exit::Clean
    } else if args.dry_run {
        writeln!(err, "dry run: no branch and no commit made")?;
        Exit::Clean
    } else {
        let tree = repo.tree_with(&plan.files)?;
        let date = run::local_date(&run.run);
        let (branch, existing) = repo.branch_for(args.branch.as_deref(), &date.to_string(), tree)?;
        match existing {
            Some(commit) => {
                writeln!(
                    err,
                    "branch {branch} (commit {commit}) already holds these fixes on HEAD {}; nothing to do",
                    repo.head_short
                )?;
                report.already_committed = true;
                report.commit = Some(commit);
            }
            None => {
                let message = fix::commit_message(&plan, &run);
                let commit = repo.commit_on_branch(&branch, tree, &message, run::now())?;
                writeln!(
                    err,
                    "created branch {branch} (commit {commit}) on HEAD {}; your working tree, index and branch are untouched\n  review: git show {branch}\n  merge:  git merge {branch}",
                    repo.head_short
                )?;
                report.commit = Some(commit);
            }
        }
        report.branch = Some(branch);
        Exit::Clean
    };
    if args.json {
        super::output::write_json(&mut out, &report)?;
    }
    Ok(exit)
}

/// Why a plan changes no file.
fn nothing_because(plan: &FixPlan) -> String {
    let already: Vec<&str> =
        plan.fixes.iter().filter(|f| f.state == FixState::AlreadyInHead).map(|f| f.check.as_str()).collect();
    if !already.is_empty() {
        format!(
            "HEAD already has the fixes of {}; the hosts need the play run, not the repository a change",
            already.join(", ")
        )
    } else if plan.fixes.is_empty() {
        "no failing check of the run declares a `fix:`".to_string()
    } else {
        "the fixes change nothing".to_string()
    }
}

/// What each failing check gets, on stderr (the diff alone goes to stdout).
fn summarize(plan: &FixPlan, err: &mut dyn std::io::Write) -> std::io::Result<()> {
    for f in &plan.fixes {
        let state = match f.state {
            FixState::Changes => "fix",
            FixState::AlreadyInHead => "already in HEAD",
            FixState::Covered => "same as another fix",
            FixState::Refused => "refused",
        };
        writeln!(err, "{:<16} {} on {}: {} {}", state, f.check, f.hosts.join(", "), f.file, f.edit)?;
    }
    if !plan.without_fix.is_empty() {
        writeln!(err, "no fix declared: {}", plan.without_fix.join(", "))?;
    }
    if !plan.unknown_checks.is_empty() {
        writeln!(err, "not in today's rules (skipped): {}", plan.unknown_checks.join(", "))?;
    }
    Ok(())
}

fn print_diff(diff: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut header = false;
    for line in diff.split_inclusive('\n') {
        if line.starts_with("diff --git ") {
            header = true;
        } else if line.starts_with("@@") {
            header = false;
        }
        let style = if header {
            output::HEADER
        } else if line.starts_with("@@") {
            output::DATE
        } else if line.starts_with('+') {
            output::ADDED
        } else if line.starts_with('-') {
            output::REMOVED
        } else {
            Style::new()
        };
        write!(out, "{}{}{}", style.render(), line.trim_end_matches('\n'), style.render_reset())?;
        if line.ends_with('\n') {
            writeln!(out)?;
        }
    }
    Ok(())
}
