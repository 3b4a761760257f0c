//! `mb record`: write an audit's findings into the Memory Bank as a dated entry.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::bail;

use super::output;
use super::{Context, Exit};
use crate::audit::run::{self, Run};
use crate::kb::writeback::{self, NewEntry, Written};
use crate::report::entry::{self, EntryContext, Previous};
use crate::rules;

/// Record an audit in the Memory Bank, where the next session starts reading.
///
/// Adds a dated entry `## Drift audit (YYYY-MM-DD)` to memory-bank/activeContext.md, before
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
    /// The Memory Bank folder.
    #[arg(long, value_name = "DIR", default_value = "memory-bank")]
    pub memory_bank: PathBuf,

    /// The file in it that gets the entry.
    #[arg(long, value_name = "NAME", default_value = "activeContext.md")]
    pub file: PathBuf,
}

pub fn run(cx: &Context, args: Args) -> anyhow::Result<Exit> {
    let run = run::find(&cx.root, &args.run)?;
    let set = rules::load(&cx.root, &rules::default_paths(&cx.root));
    if args.dry_run {
        let recorder = Recorder::new(cx, &run, &set.checks, &args.target)?;
        let text = std::fs::read_to_string(&recorder.path).unwrap_or_default();
        let entry = recorder.entry(&text)?;
        anstream::stdout().lock().write_all(entry.as_bytes())?;
        return Ok(Exit::Clean);
    }
    let written = record(cx, &run, &set.checks, &args.target)?;
    report(cx, &run, &written, &mut anstream::stdout().lock())?;
    Ok(Exit::Clean)
}

/// Writes the run's entry; used by `mb record` and `mb audit --record`.
pub(super) fn record(cx: &Context, run: &Run, checks: &[rules::Check], target: &Target) -> anyhow::Result<Written> {
    let recorder = Recorder::new(cx, run, checks, target)?;
    let lock = crate::state::dir(&cx.root, "")
        .map_err(|e| anyhow::anyhow!("{}/{}: {e}", crate::source::display_path(&cx.root), crate::state::DIR))?
        .join("record.lock");
    writeback::write(&recorder.path, &lock, recorder.date, |text| recorder.entry(text))
}

/// What an entry for a run says that does not depend on the file's text, worked out once
/// (the write may start over on a changed file).
struct Recorder<'a> {
    root: &'a Path,
    run: &'a Run,
    /// The file the entry goes into.
    path: PathBuf,
    /// It as shown in messages.
    shown: String,
    /// It relative to the repository root, when it is inside.
    in_repo: Option<String>,
    /// Its folder relative to the repository root, for links.
    links_from: Option<String>,
    date: jiff::civil::Date,
    branches: Vec<(String, String)>,
    with_fix: Vec<String>,
}

impl<'a> Recorder<'a> {
    /// Finds the file (its folder must exist) and gathers the fix branches of the run.
    fn new(cx: &'a Context, run: &'a Run, checks: &[rules::Check], target: &Target) -> anyhow::Result<Recorder<'a>> {
        let bank = cx.resolve(Some(&target.memory_bank), "memory-bank");
        if !bank.is_dir() {
            bail!(
                "no Memory Bank folder at `{}`: run mb from your repository's root, pass -C DIR, or --memory-bank DIR",
                crate::source::display_path(&bank)
            );
        }
        let path = bank.join(&target.file);
        let root = cx.root.canonicalize().unwrap_or_else(|_| cx.root.clone());
        let relative = |p: Option<PathBuf>| p.and_then(|p| p.strip_prefix(&root).ok().map(crate::source::display_path));
        Ok(Recorder {
            root: &cx.root,
            run,
            shown: crate::source::display_path(&path),
            in_repo: relative(path.canonicalize().ok()),
            links_from: relative(path.parent().and_then(|p| p.canonicalize().ok())),
            path,
            date: run::local_date(&run.run),
            branches: crate::fix::git::fix_branches(&cx.root, &run.run),
            with_fix: checks.iter().filter(|c| c.fix.is_some()).map(|c| c.id.clone()).collect(),
        })
    }

    /// The entry, given the file's current text.
    fn entry(&self, text: &str) -> anyhow::Result<String> {
        let (run, date) = (self.run, self.date);
        let earlier = writeback::recorded(&self.shown, text)?;
        let previous_entry = earlier.iter().filter(|r| r.date != date && r.run != run.run).max_by_key(|r| r.date);
        let previous_run = previous_entry.map(|r| (r, run::find(self.root, &r.run)));
        let previous = match &previous_run {
            None => Previous::None,
            Some((r, Ok(old))) => Previous::Found { run: old, date: r.date },
            Some((r, Err(_))) => Previous::Missing { run: r.run.clone(), date: r.date },
        };
        let level = writeback::entry_level(text);
        let render = |run: &Run| {
            let body = entry::body(&EntryContext {
                run,
                previous: previous.clone(),
                branches: &self.branches,
                with_fix: &self.with_fix,
                links_from: self.links_from.as_deref(),
                level,
            });
            NewEntry { date, run: run.run.clone(), body }.render(level)
        };
        let Some(in_file) = &self.in_repo else {
            return Ok(render(run));
        };
        // Links to decisions in this very file: find where each is now (the file may have
        // changed since the audit), then move those below the entry by the lines it adds.
        // The number of lines does not depend on the numbers, so one trial splice settles it.
        let doc = crate::kb::parse::parse_document(&self.path, text);
        let mut moved = run.clone();
        let here = |d: &crate::audit::DecisionRef| d.file == *in_file;
        for d in moved.findings.iter_mut().filter_map(|f| f.decision.as_mut()).filter(|d| here(d)) {
            if let Some(item) = doc.items.iter().find(|i| i.text == d.text) {
                d.line = item.line;
            }
        }
        let spliced = writeback::splice(&self.shown, text, date, &render(&moved))?;
        let lines = |t: &str| t.bytes().filter(|&b| b == b'\n').count() as isize;
        let (from, added) = (spliced.line, lines(&spliced.text) - lines(text));
        for d in moved.findings.iter_mut().filter_map(|f| f.decision.as_mut()).filter(|d| here(d)) {
            if d.line >= from {
                d.line = d.line.saturating_add_signed(added);
            }
        }
        Ok(render(&moved))
    }
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
