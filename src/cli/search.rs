//! `mb search`: everything mb knows about X, ranked, with the matching words marked.

use std::io::Write as _;

use anyhow::Context as _;
use jiff::civil::Date;

use super::output;
use super::{Context, Exit};
use crate::probe::sanitize;
use crate::search::{self, Filters, units::KINDS};

/// Search the Memory Bank and rule files.
///
/// Finds the items, paragraphs, headings, rule prose and checks that mention what you ask,
/// best first, with the entry, date and file:line of each and the matching words marked.
///
/// Infrastructure words are found whole and by their parts: `fruit:locking`, `locking` and
/// "fruit locking" all find `fruit:locking`; `pve-firewall`, `ansible_host`, `10.10.68.0/24`
/// and `xattr=sa` likewise. Prose is stemmed, so `locks` finds `locking`. A word that matches
/// nothing is searched for fuzzily (`refquta` finds `refquota`) and the results say so.
///
/// Query syntax: words must all match (AND); `a OR b`; `-word` or `NOT word` excludes;
/// "quoted words" must appear in that order; parentheses group.
///
/// The index lives in .mb/index and refreshes itself: files added, changed or deleted since
/// the last search are re-indexed before answering. Exit status: 0 when something matched,
/// 1 when nothing did, 2 on error.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  mb search refquota
  mb search 'fruit:locking'                  a compound, whole
  mb search '\"map to guest\"'                 a phrase (quote it for the shell too)
  mb search 'samba -dfs'                     samba, but not dfs (quoted: one argument)
  mb search '(zfs OR samba) quota' --kind decision,learning
  mb search firewall --since 2025-11-01 --file 'memory-bank/*'
  mb search loopback --json | jq -r '.[] | \"\\(.file):\\(.line)\"'")]
pub struct Args {
    /// What to look for (several words are joined: all must match). Quote a query that
    /// excludes, so the shell passes it whole: `mb search 'samba -dfs'`.
    #[arg(required = true, value_name = "QUERY")]
    query: Vec<String>,

    /// Only units of these kinds, comma-separated: focus, change, next_step, decision,
    /// pattern, learning, other, heading, rule, check.
    #[arg(long, value_delimiter = ',', value_name = "KIND", value_parser = parse_kind)]
    kind: Vec<String>,

    /// Only units dated on or after DATE (YYYY-MM-DD); undated units are left out.
    #[arg(long, value_name = "DATE")]
    since: Option<Date>,

    /// Only units dated on or before DATE (YYYY-MM-DD); undated units are left out.
    #[arg(long, value_name = "DATE")]
    until: Option<Date>,

    /// Only files matching this glob (`memory-bank/**`, `rules/*.md`).
    #[arg(long, value_name = "GLOB")]
    file: Option<String>,

    /// How many hits to show (1 to 10000).
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N", value_parser = super::output::bounded::<usize>(1, 10_000))]
    limit: usize,

    /// Print a JSON array of hits (the `mb search --json` contract).
    #[arg(long)]
    json: bool,

    /// Search the index as it is, without checking the files for changes. For scripts and
    /// agents that search many times in a row after `mb index` (with `mb index --watch`
    /// running, a fresh search costs nearly the same).
    #[arg(long)]
    no_refresh: bool,
}

fn parse_kind(name: &str) -> Result<String, String> {
    let name = name.trim().replace('-', "_");
    if KINDS.contains(&name.as_str()) {
        Ok(name)
    } else {
        Err(format!("unknown kind `{name}`; kinds are {}", KINDS.join(", ")))
    }
}

pub fn run(cx: &Context, args: Args) -> anyhow::Result<Exit> {
    let file = match &args.file {
        Some(glob) => Some(
            globset::GlobBuilder::new(glob)
                .literal_separator(false)
                .build()
                .with_context(|| format!("--file `{glob}` is not a glob"))?
                .compile_matcher(),
        ),
        None => None,
    };
    let freshness = if args.no_refresh { search::Freshness::AsIs } else { search::Freshness::Refresh };
    let mut index = search::open(&cx.root, freshness)?;
    let filters = Filters { kinds: args.kind, since: args.since, until: args.until, file, limit: args.limit };
    let query = args.query.join(" ");
    // Notes after the search: one that finds the index damaged rebuilds it and says so.
    let results = index.search(&query, &filters);
    output::print_notes(&index.notes)?;
    let results = results?;
    let mut err = anstream::stderr();
    if !results.fuzzy_terms.is_empty() {
        let asked = results.fuzzy_terms.join("`, `");
        if results.fuzzy_matches.is_empty() {
            writeln!(err, "no exact match for `{asked}`, and nothing close")?;
        } else {
            writeln!(err, "no exact match for `{asked}`; showing close matches: {}", results.fuzzy_matches.join(", "))?;
        }
    }
    let mut out = anstream::stdout().lock();
    if args.json {
        super::output::write_json(&mut out, &results.hits)?;
    } else {
        for hit in &results.hits {
            writeln!(
                out,
                "{}{}:{}{}  {}{}{}  {}{}{}{}  {}",
                output::HEADER.render(),
                sanitize(&hit.file),
                hit.line,
                output::HEADER.render_reset(),
                output::DATE.render(),
                hit.date.as_deref().unwrap_or("-"),
                output::DATE.render_reset(),
                output::DIM.render(),
                hit.kind,
                if hit.superseded { " (superseded)" } else { "" },
                output::DIM.render_reset(),
                sanitize(&hit.entry),
            )?;
            writeln!(out, "    {}", highlighted(&hit.snippet, &hit.highlights))?;
        }
    }
    drop(out);
    if results.hits.is_empty() {
        writeln!(err, "no matches for `{query}` in {} units", index.len())?;
        return Ok(Exit::Findings);
    }
    Ok(Exit::Clean)
}

/// The snippet with its matches styled (anstream drops the style where colour is off).
fn highlighted(text: &str, ranges: &[[usize; 2]]) -> String {
    let mut out = String::with_capacity(text.len() + ranges.len() * 16);
    let mut at = 0;
    for &[a, b] in ranges {
        if a < at || b > text.len() {
            continue;
        }
        // Memory Bank text is shown, never run: its control characters become escapes.
        let (Some(before), Some(hit)) = (text.get(at..a), text.get(a..b)) else {
            continue;
        };
        out.push_str(&sanitize(before));
        out.push_str(&format!("{}{}{}", output::MATCH.render(), sanitize(hit), output::MATCH.render_reset()));
        at = b;
    }
    out.push_str(&sanitize(text.get(at..).unwrap_or("")));
    out
}
