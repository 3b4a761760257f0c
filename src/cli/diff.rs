//! `mb diff`: what changed between two audits.

use anyhow::bail;

use super::{Context, Exit};
use crate::audit::run;

/// Show new, resolved and still-failing findings between two saved runs.
///
/// With no arguments, compares the last two runs; with one, that run and the latest. Runs are
/// named by id (see `mb runs`), by `latest`, or by a path to a run file.
///
/// Exit status: 1 when the newer run has new failures, 0 otherwise.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  mb diff                                        the last two runs
  mb diff 2026-11-24T19-00-00Z                   that run against the latest
  mb diff 2026-11-24T19-00-00Z 2026-11-25T19-00-00Z --json")]
pub struct Args {
    /// The older run.
    #[arg(value_name = "OLDER")]
    older: Option<String>,

    /// The newer run (default: the latest).
    #[arg(value_name = "NEWER")]
    newer: Option<String>,

    /// Print the difference as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(cx: &Context, args: Args) -> anyhow::Result<Exit> {
    let ids = run::ids(&cx.root);
    let (older, newer) = match (&args.older, &args.newer) {
        (Some(a), Some(b)) => (a.clone(), b.clone()),
        (Some(a), None) => (a.clone(), "latest".to_string()),
        (None, _) => {
            if ids.len() < 2 {
                bail!(
                    "mb diff needs two saved runs; there {} {} (run `mb audit` again)",
                    if ids.len() == 1 { "is" } else { "are" },
                    ids.len()
                );
            }
            (ids[ids.len() - 2].clone(), ids[ids.len() - 1].clone())
        }
    };
    let a = run::find(&cx.root, &older)?;
    let b = run::find(&cx.root, &newer)?;
    let diff = run::diff(&a, &b);
    let mut out = anstream::stdout().lock();
    if args.json {
        let report = serde_json::json!({ "older": a.run, "newer": b.run, "diff": diff });
        super::output::write_json(&mut out, &report)?;
    } else {
        crate::report::human::diff(&a.run, &b.run, &diff, &mut out)?;
    }
    Ok(if diff.new.is_empty() { Exit::Clean } else { Exit::Findings })
}
