//! `mb merge`: join the runs of a sharded audit into one.

use std::path::PathBuf;

use anyhow::Context as _;
use rayon::prelude::*;

use super::{Context, Exit};
use crate::audit::run;
use crate::audit::{AuditSink, Finished};
use crate::report::{Destination, Format, ReportSink};

/// Merge the runs of a sharded audit (`mb audit --shard K/N`) into one run.
///
/// The merged run is what one unsharded audit would have made: the same hosts, findings,
/// statuses and summary, in the same order. It is saved like any run, so `mb record`, `mb fix`,
/// `mb diff` and `mb ci --run` work on it, and reported in any format.
///
/// mb refuses runs made from different rules or inventories, two runs of one shard, and a host
/// in two shards. A shard no run was given for makes the merged run incomplete (exit 3, naming
/// the shard) unless drift was found (exit 1).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  mb merge shard-1.json shard-2.json shard-3.json
  mb merge runs/                                 every run file in a folder
  mb merge runs/ --format markdown --output sarif=mb.sarif")]
pub struct Args {
    /// Run files, or folders of them.
    #[arg(value_name = "RUN", required = true)]
    runs: Vec<PathBuf>,

    /// The report on standard output: human, json, sarif, junit, markdown, github or html.
    #[arg(long, value_name = "FORMAT", default_value = "human", value_parser = super::audit::parse_format)]
    format: Format,

    /// Also write the report in FORMAT to FILE (repeatable).
    #[arg(long = "output", short = 'o', value_name = "FORMAT=FILE", value_parser = super::audit::parse_output)]
    outputs: Vec<(Format, PathBuf)>,

    /// Do not save the merged run in .mb/runs.
    #[arg(long)]
    no_save: bool,
}

pub fn run(cx: &Context, args: Args) -> anyhow::Result<Exit> {
    let mut files = Vec::new();
    for path in &args.runs {
        let path = cx.resolve(Some(path), "");
        if path.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(&path)
                .with_context(|| format!("reading {}", path.display()))?
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .collect();
            inside.sort();
            files.extend(inside);
        } else {
            files.push(path);
        }
    }
    // Read on every core (each file is parsed on one); the first file that fails, in order, is
    // the one named.
    let read: Vec<_> = files.par_iter().map(|f| run::read(f)).collect();
    let runs = read.into_iter().collect::<Result<Vec<_>, _>>()?;
    let mut merged = crate::audit::merge::merge(runs)?;
    if let Some(m) = &merged.merged
        && !m.missing_shards.is_empty()
    {
        let missing: Vec<String> = m.missing_shards.iter().map(|s| s.to_string()).collect();
        super::output::warn(
            "warning",
            format_args!("shard {} of the audit is missing: the merged run is incomplete", missing.join(", ")),
        )?;
    }
    let saved = if args.no_save { None } else { Some(run::save(&cx.root, &mut merged)?) };
    let saved = saved.map(|p| p.strip_prefix(&cx.root).map(|p| p.to_path_buf()).unwrap_or(p));
    let checks = crate::rules::load(&cx.root, &crate::rules::default_paths(&cx.root)).checks;
    let done = Finished { checks: &checks, saved: saved.as_deref() };
    let mut sinks = vec![ReportSink::new(args.format, Destination::Stdout)];
    sinks.extend(args.outputs.iter().map(|(f, p)| ReportSink::new(*f, Destination::File(cx.resolve(Some(p), "")))));
    for sink in &mut sinks {
        sink.finished(&merged, &done);
        if let Some(e) = sink.error.take() {
            return Err(e).context(format!("writing the {} report", sink.format.name()));
        }
    }
    let exit = super::audit::exit_of(&merged);
    super::output::discard(merged);
    Ok(exit)
}
