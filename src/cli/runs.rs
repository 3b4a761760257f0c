//! `mb runs`: the audits saved in .mb/runs.

use std::io::Write as _;

use serde::Serialize;

use super::output::{Cell, Table};
use super::{Context, Exit};
use crate::audit::run;

/// List the saved audit runs, oldest first.
///
/// Every `mb audit` saves its run (findings and the facts gathered) in .mb/runs. A run can be
/// replayed against today's rules (`mb audit --replay RUN`) or compared with another
/// (`mb diff A B`).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  mb runs
  mb runs --json | jq -r '.[-1].run'")]
pub struct Args {
    /// Print the runs as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct RunRow {
    run: String,
    mode: String,
    hosts: usize,
    not_audited: usize,
    summary: crate::audit::Summary,
}

pub fn run(cx: &Context, args: Args) -> anyhow::Result<Exit> {
    let mut rows = Vec::new();
    let mut err = anstream::stderr();
    for id in run::ids(&cx.root) {
        // Only what the list shows: a 100 000-host run's facts and findings are skipped.
        match run::read_part(&run::path_of(&cx.root, &id), run::Part::Summary) {
            Ok(r) => rows.push(RunRow {
                run: r.run.clone(),
                mode: r.mode.clone(),
                hosts: r.hosts.len(),
                not_audited: r.incomplete_hosts().count(),
                summary: r.summary.clone(),
            }),
            Err(e) => writeln!(err, "warning: {e}")?,
        }
    }
    let mut out = anstream::stdout().lock();
    if args.json {
        super::output::write_json(&mut out, &rows)?;
        return Ok(Exit::Clean);
    }
    if rows.is_empty() {
        drop(out);
        writeln!(err, "no saved runs yet; run `mb audit`")?;
        return Ok(Exit::Clean);
    }
    let mut table = Table::new(vec!["RUN", "MODE", "HOSTS", "PASS", "FAIL", "ERROR", "SKIP"]);
    for r in &rows {
        let hosts = if r.not_audited > 0 {
            format!("{} ({} not audited)", r.hosts, r.not_audited)
        } else {
            r.hosts.to_string()
        };
        table.rows.push(vec![
            Cell::new(r.run.clone()),
            Cell::new(r.mode.clone()),
            Cell::new(hosts),
            Cell::new(r.summary.pass.to_string()),
            Cell::new(r.summary.fail.to_string()),
            Cell::new(r.summary.error.to_string()),
            Cell::new(r.summary.skip.to_string()),
        ]);
    }
    table.print(&mut out)?;
    Ok(Exit::Clean)
}
