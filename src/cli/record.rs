//! `mb record`: write an audit's findings into the Memory Bank as a dated entry.

use std::io::Write as _;
use std::path::PathBuf;

use super::output;
use super::{Context, Exit};
use crate::audit::run::{self, Run};
use crate::kb::writeback::Written;
use crate::{record, rules};

/// Record an audit in the Memory Bank, where the next session starts reading.
///
/// Adds a dated entry `## Drift audit (YYYY-MM-DD)` to memory-bank/activeContext.md (the
/// bank's own, wherever the repository keeps it: context.md in Kilo Code's, the root's
/// activeContext.md when the bank keeps its core files beside the README), before
/// the file's first dated entry: what failed (check, hosts, expected and found, with links to
/// the rule and the decision), what was fixed since the last recorded audit, hosts that could
/// not be audited, and next steps, including fix branches `mb fix` made from the run.
///
/// The entry is marked as mb's. Recording again on the same day replaces mb's entry of that
/// day and nothing else; every other byte of the file stays as it was. The file is replaced
/// atomically (a synced temporary file renamed over it) under a lock in .mb, so two mb
/// processes cannot lose each other's entry.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  mb record                            the latest run
  mb record 2026-11-25T19-00-00Z       a run by id (see `mb runs`)
  mb audit --record                    audit, then record the run
  mb audit && mb fix && mb record      the entry then names the fix branch
  mb record --dry-run                  print the entry, write nothing")]
pub struct Args {
    /// The run to record: an id from `mb runs`, `latest`, or a run file.
    #[arg(value_name = "RUN", default_value = "latest")]
    run: String,

    #[command(flatten)]
    target: Target,

    /// Print the entry instead of writing it.
    #[arg(long)]
    dry_run: bool,
}

/// Where entries go; shared with `mb audit --record`.
#[derive(Debug, Clone, clap::Args)]
pub struct Target {
    /// The Memory Bank folder [default: memory-bank, else
    /// the first other agent's bank folder that exists: see `mb decisions --help`]
    #[arg(long, value_name = "DIR")]
    pub memory_bank: Option<PathBuf>,

    /// The file in it that gets the entry [default: activeContext.md, or context.md in Kilo
    /// Code's bank]
    #[arg(long, value_name = "NAME")]
    pub file: Option<PathBuf>,
}

impl Target {
    /// The folder and file, the folder resolved against the repository root.
    pub fn resolve(&self, cx: &Context) -> record::Bank {
        bank(cx, self.memory_bank.as_ref(), self.file.as_ref())
    }
}

/// Where an entry goes: the bank `folder` given or the repository's ([`Context::memory_bank`]),
/// and the `file` given or the bank's own context file ([`crate::kb::load::context_file`]).
/// Given neither, that is at the repository's root when the bank keeps its core files there
/// ([`crate::kb::load::root_core_files`]): where the next session reads it.
pub(super) fn bank(cx: &Context, given: Option<&PathBuf>, file: Option<&PathBuf>) -> record::Bank {
    let mut folder = cx.memory_bank(given);
    // (Given no folder, `folder` is the repository's own.)
    if given.is_none() && file.is_none() && !crate::kb::load::beside_own_bank(&cx.root, &folder).is_empty() {
        folder = cx.root.clone();
    }
    let file = file.cloned().unwrap_or_else(|| crate::kb::load::context_file(&folder).into());
    record::Bank { folder, file }
}

pub fn run(cx: &Context, args: Args) -> anyhow::Result<Exit> {
    let run = run::find(&cx.root, &args.run)?;
    let set = rules::load(&cx.root, &rules::default_paths(&cx.root));
    let bank = args.target.resolve(cx);
    if args.dry_run {
        let entry = record::entry(&cx.root, &run, &set.checks, &bank)?;
        anstream::stdout().lock().write_all(entry.as_bytes())?;
        return Ok(Exit::Clean);
    }
    let written = record::record(&cx.root, &run, &set.checks, &bank)?;
    report(cx, &run, &written, &mut anstream::stdout().lock())?;
    Ok(Exit::Clean)
}

/// One line saying what was written where.
pub(super) fn report(cx: &Context, run: &Run, written: &Written, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let shown = crate::source::display_path(written.path.strip_prefix(&cx.root).unwrap_or(&written.path));
    let what = if written.unchanged {
        "already recorded there; nothing changed".to_string()
    } else if written.replaced {
        "replaced mb's entry of that day".to_string()
    } else if written.created {
        "new file".to_string()
    } else {
        "new entry".to_string()
    };
    writeln!(out, "recorded run {} in {shown}:{} ({what})", run.run, written.line)?;
    if written.via_symlink {
        output::warn(
            "note",
            format_args!("the Memory Bank file is a symlink; mb wrote its target, {}", written.path.display()),
        )?;
    }
    Ok(())
}
