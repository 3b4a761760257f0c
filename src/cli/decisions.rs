//! `mb decisions`: what have we decided? Structured, dated, with sources.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::bail;
use jiff::civil::Date;
use serde::Serialize;

use super::output::{self, Cell, Table};

mod list;
use super::{Context, Exit};
use crate::kb::{self, Kind, KnowledgeBase};
use crate::source::display_path;

/// List the decisions recorded in the Memory Bank.
///
/// mb reads every Markdown file under PATH (default: ./memory-bank, else the first of
/// .kilocode/rules/memory-bank (Kilo Code), memory_bank, .memory-bank, docs/memory-bank,
/// .clinerules/memory-bank, .cursor/memory-bank, .cursor/rules/memory-bank, .github/memory-bank,
/// .roo/memory-bank, .roo/rules/memory-bank, .agents/rules/memory-bank, .agent/rules/memory-bank,
/// .windsurf/memory-bank, .claude/memory-bank,
/// .ai/memory-bank, .ai/memory, cline_docs and .kiro/steering that exists; and
/// Cline's core files kept at the repository's root, beside the README, when that folder holds
/// none of them; when there is none, the error names the folders elsewhere that hold a Memory
/// Bank's core files, for you to give, and a note names those beside the bank read) the way a person reads a Cline Memory Bank: H2 entries with dates in their titles (`Title (2025-11-17)`,
/// `2026-03-02 — Title`, `## 2025-12-25: Title`), H3 sections whose wording names what they
/// hold ("Active Decisions & Considerations", "Next Steps", …), bullets and numbered lists
/// with nested children, bold pseudo-headings, and `Decision:` bullets anywhere.
///
/// Each item gets a stable id, its entry's date (or the date of its section, or none), and the
/// settings it states (`fruit:locking = none`). A later-dated decision that sets the same key
/// to another value supersedes the earlier one. A decision written again in another file (a
/// recap, a brief's table) or in an index of a file's records is listed once, where it is
/// recorded; --all shows every copy.
///
/// Kinds: focus, change, next_step, decision, pattern, learning, other.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  mb decisions                          decisions in ./memory-bank, in file order
  mb decisions --active                 only decisions nothing has superseded
  mb decisions --kind learning,pattern  what we learned and prefer
  mb decisions --all --since 2025-11-01 everything written since November
  mb decisions --conflicts              settings whose current decisions disagree (exit 1 if any)
  mb decisions --coverage               decisions no check enforces, with a suggested check
  mb decisions --json | jq '.[] | select(.settings != [])'")]
pub struct Args {
    /// The Memory Bank folder or a single Markdown file [default: memory-bank, else the first
    /// other agent's bank folder that exists (see above)]
    #[arg(value_name = "PATH")]
    path: Option<PathBuf>,

    /// Print a JSON array (the `mb decisions --json` contract) instead of a table.
    #[arg(long)]
    json: bool,

    /// Item kinds to list, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "KIND", default_value = "decision", value_parser = parse_kind)]
    kind: Vec<Kind>,

    /// List items of every kind, and decisions that restate one recorded elsewhere: in another
    /// file, or in the index of a file's records (the table names the record after the text;
    /// the JSON adds a `restates` field).
    #[arg(long, conflicts_with = "kind")]
    all: bool,

    /// Only items dated on or after DATE (YYYY-MM-DD); an undated item counts by the day its
    /// file says it was last updated, and one with neither is left out.
    #[arg(long, value_name = "DATE")]
    since: Option<Date>,

    /// Leave out superseded decisions.
    #[arg(long)]
    active: bool,

    /// List setting keys whose active decisions set different values.
    #[arg(long, conflicts_with_all = ["kind", "all", "since", "active"])]
    conflicts: bool,

    /// List the active decisions that state a setting but that no check enforces (no rule's
    /// `decision:` links them), each with a suggested `mb-check` block when the setting maps
    /// to a probe (an smb.conf key, a ZFS property, a service state, an inventory variable).
    #[arg(long, conflicts_with_all = ["kind", "all", "since", "active", "conflicts"])]
    coverage: bool,
}

fn parse_kind(name: &str) -> Result<Kind, String> {
    Kind::parse(name).ok_or_else(|| {
        let names: Vec<_> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown kind `{name}`; kinds are {}", names.join(", "))
    })
}

pub fn run(cx: &Context, args: Args) -> anyhow::Result<Exit> {
    // (The repository's own bank folder, looked for once: read when no folder is given, and
    // not named again beside itself.)
    let folder = kb::load::bank_folder(&cx.root);
    let (own, path) = (Path::new(folder), cx.resolve(args.path.as_ref(), folder));
    if !kb::load::bank_exists(&cx.root, &path) {
        if args.path.is_none()
            && let Some(elsewhere) = banks_elsewhere(cx, None)
        {
            bail!(
                "no Memory Bank at `{}` (nor in another agent's folder: `mb decisions --help`), but Memory Bank files are in {elsewhere}",
                display_path(&path)
            );
        }
        let others = if args.path.is_none() { " (nor in another agent's folder: `mb decisions --help`)" } else { "" };
        bail!(
            "no Memory Bank at `{}`{others}: run mb from your repository's root, pass -C DIR, or give the folder",
            display_path(&path)
        );
    }
    if !(args.conflicts || args.coverage) {
        // The listing keeps only what it prints of each file (see `list`).
        let listing = list::load(&path, &cx.root, &list::Selection::of(&args));
        // (A bank folder with nothing to read, `memory-bank/.gitkeep` alone, beside a bank of
        // the team's own naming: that one is named; found by review.)
        // (Files left out, too large to read, are said first; and the bank that was looked in
        // is not named as one elsewhere; found by review.)
        report_read_problems(&listing.warnings, &listing.errors)?;
        if args.path.is_none()
            && listing.read_nothing()
            && let Some(elsewhere) = banks_elsewhere(cx, Some(own))
        {
            bail!("no Markdown file in `{}`, but Memory Bank files are in {elsewhere}", display_path(&path));
        }
        listing.print(&args)?;
        if args.path.is_none() {
            note_banks_elsewhere(cx, own, &path)?;
        }
        return Ok(if listing.errors.is_empty() { Exit::Clean } else { Exit::Invalid });
    }
    let kb = kb::load(&path, &cx.root);
    report_read_problems(&kb.warnings, &kb.errors)?;
    let exit = if args.conflicts { print_conflicts(&kb, args.json)? } else { print_coverage(cx, &kb, args.json)? };
    if args.path.is_none() {
        note_banks_elsewhere(cx, own, &path)?;
    }
    Ok(if kb.errors.is_empty() { exit } else { Exit::Invalid })
}

/// The folders of the repository that hold a Memory Bank's files though it has no bank folder
/// mb knows, or besides the one it read ([`kb::load::banks_elsewhere`]), named for the user to
/// give: `` `a`, `b`: give the folder, `mb decisions a` ``. Each name on one line, its control
/// characters shown; the command quotes a name the shell would split ([`crate::probe::ssh::shell_quote`]).
fn banks_elsewhere(cx: &Context, besides: Option<&Path>) -> Option<String> {
    let (found, total) = kb::load::banks_elsewhere(&cx.root, besides, 5);
    let first = found.first()?;
    let names: Vec<String> = found.iter().map(|f| format!("`{}`", one_line(&display_path(f)))).collect();
    let more = if total > found.len() { format!(" and {} more", total - found.len()) } else { String::new() };
    let mut said = format!("{}{more}", names.join(", "));
    let first = display_path(first);
    if !first.contains(char::is_control) {
        // (Given from where mb was told the repository is: `-C DIR` goes with it.)
        let root = display_path(&cx.root);
        let quote = crate::probe::ssh::shell_quote;
        let at = if root == "." { String::new() } else { format!("-C {} ", quote(&root)) };
        said.push_str(&format!(": give the folder, `mb {at}decisions {}`", quote(&first)));
    }
    Some(said)
}

/// A note on stderr naming the other banks of a repository whose own bank folder `own` (relative
/// to its root; `read` as given to the reader) was listed:
/// a monorepo keeps one per module (`Modules/Importer/memory-bank/` beside the root's
/// `memory-bank/`), and mb reads the one it is given, so that the others are not left out
/// unsaid.
fn note_banks_elsewhere(cx: &Context, own: &Path, read: &Path) -> anyhow::Result<()> {
    if let Some(elsewhere) = banks_elsewhere(cx, Some(own)) {
        // (No folder: the core files kept at the repository's root were read.)
        let read =
            if read.exists() { format!("`{}`", one_line(&display_path(read))) } else { "the root's core files".into() };
        output::warn("note", format!("read {read}; more Memory Bank files are in {elsewhere}"))?;
    }
    Ok(())
}

/// A path on one line: its control characters, line breaks and tabs too, as escapes.
fn one_line(path: &str) -> String {
    crate::probe::sanitize(path).replace('\n', "\\n").replace('\t', "\\t")
}

/// Files left out or read repaired (warnings) and files that could not be read (errors), on
/// stderr.
fn report_read_problems(warnings: &[String], errors: &[crate::source::ReadError]) -> anyhow::Result<()> {
    for why in warnings {
        output::warn("warning", why)?;
    }
    for err in errors {
        let mut stderr = anstream::stderr();
        writeln!(stderr, "{}error:{} {err}", output::ERROR.render(), output::ERROR.render_reset())?;
    }
    Ok(())
}

/// Decisions nothing checks, against the repository's rules.
fn print_coverage(cx: &Context, kb: &KnowledgeBase, json: bool) -> anyhow::Result<Exit> {
    let mut rules = crate::rules::load(&cx.root, &crate::rules::default_paths(&cx.root));
    rules.link_decisions(kb);
    let uncovered = crate::ci::coverage::uncovered(kb, &rules.checks);
    if json {
        output::write_json(&mut anstream::stdout().lock(), &uncovered)?;
        return Ok(Exit::Clean);
    }
    let mut out = std::io::BufWriter::new(anstream::stdout().lock());
    for u in &uncovered {
        let settings: Vec<String> = u.settings.iter().map(|s| format!("{} = {}", s.key, s.value)).collect();
        writeln!(
            out,
            "{}{}:{}{}  {}",
            output::DIM.render(),
            u.file,
            u.line,
            output::DIM.render_reset(),
            crate::probe::sanitize(&u.text)
        )?;
        writeln!(out, "  sets {}", crate::probe::sanitize(&settings.join(", ")))?;
        match &u.suggestion {
            Some(block) => {
                writeln!(out, "  a check for it:\n  ```mb-check")?;
                for line in block.lines() {
                    writeln!(out, "  {}", crate::probe::sanitize(line))?;
                }
                writeln!(out, "  ```")?;
            }
            None => writeln!(out, "  (no probe fits this setting; write the check by hand)")?,
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "{} {} state a setting that no check enforces",
        uncovered.len(),
        if uncovered.len() == 1 { "decision" } else { "decisions" }
    )?;
    Ok(Exit::Clean)
}

#[derive(Serialize)]
struct ConflictJson<'a> {
    key: &'a str,
    decisions: Vec<ConflictDecision<'a>>,
}

#[derive(Serialize)]
struct ConflictDecision<'a> {
    value: &'a str,
    id: kb::ItemId,
    file: String,
    line: usize,
    date: Option<String>,
    text: &'a str,
}

fn print_conflicts(kb: &KnowledgeBase, json: bool) -> anyhow::Result<Exit> {
    let conflicts = kb::conflicts(kb);
    let mut out = anstream::stdout().lock();
    let list: Vec<ConflictJson<'_>> = conflicts
        .iter()
        .map(|c| ConflictJson {
            key: &c.key,
            decisions: c
                .decisions
                .iter()
                .map(|(d, i, value)| {
                    let doc = &kb.documents[*d];
                    let item = &doc.items[*i];
                    ConflictDecision {
                        value,
                        id: item.id,
                        file: display_path(&doc.path),
                        line: item.line,
                        date: item.date.map(|d| d.to_string()),
                        text: &item.text,
                    }
                })
                .collect(),
        })
        .collect();
    if json {
        super::output::write_json(&mut out, &list)?;
    } else {
        for c in &list {
            writeln!(out, "{}{}{}", output::WARN.render(), c.key, output::WARN.render_reset())?;
            let mut table = Table::new(vec!["  VALUE", "DATE", "SOURCE", "TEXT"]);
            for d in &c.decisions {
                table.rows.push(vec![
                    Cell::new(format!("  {}", d.value)),
                    Cell::styled(d.date.clone().unwrap_or_else(|| "-".into()), output::DATE),
                    Cell::new(format!("{}:{}", d.file, d.line)),
                    Cell::new(d.text),
                ]);
            }
            table.print(&mut out)?;
            writeln!(out)?;
        }
        drop(out);
        let mut err = anstream::stderr();
        if list.is_empty() {
            writeln!(err, "no conflicting decisions")?;
        } else {
            writeln!(
                err,
                "{} setting {} conflicting decisions; date the newer one, or edit the older",
                list.len(),
                if list.len() == 1 { "has" } else { "have" }
            )?;
        }
    }
    Ok(if list.is_empty() { Exit::Clean } else { Exit::Findings })
}
