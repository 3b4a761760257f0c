//! `mb index`: bring the search index up to date, or rebuild it.

use std::io::Write as _;

use super::{Context, Exit};
use crate::search;

/// Update the search index (.mb/index), or rebuild it from scratch.
///
/// `mb search` keeps the index fresh by itself before every search; run this to do the work
/// ahead of time (after a large pull, in a post-merge hook) or with --rebuild when you
/// suspect the index. The index is mb's own state: it is safe to delete .mb/index at any time.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  mb index               index what changed since the last search
  mb index --rebuild     start over
  mb index --json        what was indexed, as JSON")]
pub struct Args {
    /// Throw the index away and build it again.
    #[arg(long)]
    rebuild: bool,

    /// Print what was done as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(cx: &Context, args: Args) -> anyhow::Result<Exit> {
    let freshness = if args.rebuild { search::Freshness::Rebuild } else { search::Freshness::Refresh };
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
    } else {
        writeln!(out, "up to date: {} files, {} units", s.unchanged, index.len())?;
    }
    for file in &s.unreadable {
        writeln!(anstream::stderr(), "error: {file}: cannot be read as UTF-8 text; left out of the index")?;
    }
    Ok(if s.unreadable.is_empty() { Exit::Clean } else { Exit::Invalid })
}
