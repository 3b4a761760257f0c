//! `mb index`: bring the search index up to date, or rebuild it.

use std::io::Write as _;

use super::{Context, Exit};
use crate::search;

/// Update the search index (.mb/index), or rebuild it from scratch.
///
/// `mb search` keeps the index fresh by itself before every search; run this to do the work
/// ahead of time (after a large pull, in a post-merge hook) or with --rebuild when you
/// suspect the index. The index is mb's own state: it is safe to delete .mb/index at any time.
///
/// With --watch, mb stays in the foreground and watches the files the index covers, so that a
/// search re-examines only what changed instead of checking every file (worth it from a few
/// thousand files). A search that cannot trust the watcher, or finds none, checks every file
/// as usual. Stop it with Ctrl-C or SIGTERM.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  mb index               index what changed since the last search
  mb index --rebuild     start over
  mb index --json        what was indexed, as JSON
  mb index --watch       keep watching; searches ask the watcher what changed")]
pub struct Args {
    /// Throw the index away and build it again.
    #[arg(long)]
    rebuild: bool,

    /// Bring the index up to date, then watch the files it covers until stopped, answering
    /// searches with what changed (on the socket .mb/watch/sock).
    #[arg(long, conflicts_with = "json")]
    watch: bool,

    /// Print what was done as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(cx: &Context, args: Args) -> anyhow::Result<Exit> {
    let freshness = if args.rebuild { search::Freshness::Rebuild } else { search::Freshness::Refresh };
    if args.watch {
        return watch(cx, freshness);
    }
    let index = search::open(&cx.root, freshness)?;
    super::output::print_notes(&index.notes)?;
    let s = &index.stats;
    let mut out = anstream::stdout().lock();
    if args.json {
        let report = serde_json::json!({
            "location": index.location.as_ref().map(|p| crate::source::display_path(p)),
            "units": index.len(),
            "stats": s,
        });
        super::output::write_json(&mut out, &report)?;
    } else if s.touched() {
        writeln!(
            out,
            "indexed {} new and {} changed {} ({} units, {:.1} MiB), removed {}, {} unchanged, in {} ms",
            s.added,
            s.changed,
            if s.added + s.changed == 1 { "file" } else { "files" },
            s.units,
            s.bytes as f64 / (1 << 20) as f64,
            s.removed,
            s.unchanged,
            s.millis
        )?;
    } else if s.walked {
        writeln!(out, "up to date: {} files, {} units", s.unchanged, index.len())?;
    } else {
        writeln!(out, "up to date: {} units; the file watcher {}", index.len(), s.watcher)?;
    }
    for file in &s.unreadable {
        writeln!(anstream::stderr(), "error: {file}: cannot be read as UTF-8 text; left out of the index")?;
    }
    Ok(if s.unreadable.is_empty() { Exit::Clean } else { Exit::Invalid })
}

/// `mb index --watch`: watches in the foreground, started on an index brought up to date
/// first (so the first search has little to do), until SIGINT or SIGTERM.
fn watch(cx: &Context, freshness: search::Freshness) -> anyhow::Result<Exit> {
    let notes: search::watch::server::Notes = std::sync::Arc::new(|note: &str| {
        let _ = super::output::warn("note", note);
    });
    let root = cx.root.clone();
    // The index is refreshed once the watcher answers, so the refresh stores its token.
    let (started, ready) = std::sync::mpsc::channel();
    let refresher = std::thread::spawn(move || -> anyhow::Result<()> {
        // Dropped unanswered when the watcher could not start.
        if ready.recv().is_ok() {
            let index = search::open(&root, freshness)?;
            super::output::print_notes(&index.notes)?;
        }
        Ok(())
    });
    let served = search::watch::server::serve(&cx.root, notes, Some(started));
    if let Ok(Err(e)) = refresher.join() {
        writeln!(anstream::stderr(), "error: {e:#}")?;
    }
    served?;
    Ok(Exit::Clean)
}
