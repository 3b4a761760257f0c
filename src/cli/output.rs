//! Shared output helpers: styles, tables that fit the terminal, diagnostics to stderr.

use std::io::{IsTerminal as _, Write};

use anstyle::{AnsiColor, Style};

use crate::diag::{self, Diagnostic, Sources};

pub const ERROR: Style = AnsiColor::Red.on_default().bold();
pub const HEADER: Style = Style::new().bold();
pub const DIM: Style = Style::new().dimmed();
pub const DATE: Style = AnsiColor::Cyan.on_default();
pub const MATCH: Style = AnsiColor::Red.on_default().bold();
pub const WARN: Style = AnsiColor::Yellow.on_default().bold();
/// Lines a diff adds and removes (hunk headers use [`DATE`]'s cyan, as git does).
pub const ADDED: Style = AnsiColor::Green.on_default();
pub const REMOVED: Style = AnsiColor::Red.on_default();

/// `warning: …` or `note: …` on stderr, the label in [`WARN`]'s colours.
pub fn warn(label: &str, message: impl std::fmt::Display) -> std::io::Result<()> {
    // Messages quote files, hosts and rules: their control characters never reach the terminal.
    let message = crate::probe::sanitize(&message.to_string());
    writeln!(anstream::stderr(), "{}{label}:{} {message}", WARN.render(), WARN.render_reset())
}

/// Notes (an index rebuilt, a fuzzy fallback) on stderr.
pub fn print_notes(notes: &[String]) -> std::io::Result<()> {
    notes.iter().try_for_each(|note| warn("note", note))
}

/// Whether styled output to stderr will keep its colours (terminal, `--color`, NO_COLOR).
pub fn stderr_colored() -> bool {
    anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never
}

/// Prints diagnostics to stderr, each with its source lines and caret.
pub fn print_diagnostics(diags: &[Diagnostic], sources: &Sources) -> std::io::Result<()> {
    let color = stderr_colored();
    let mut err = anstream::stderr().lock();
    for d in diags {
        writeln!(err, "{}", diag::render(d, sources, color))?;
    }
    Ok(())
}

/// A cell's text and style.
pub struct Cell {
    pub text: String,
    pub style: Style,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), style: Style::new() }
    }

    pub fn styled(text: impl Into<String>, style: Style) -> Cell {
        Cell { text: text.into(), style }
    }
}

/// A plain table. Columns may have a maximum width (longer text ends in `…`); on a terminal
/// the last column is cut to the terminal's width, elsewhere it is printed whole so that
/// scripts and `grep` see everything.
pub struct Table {
    pub headers: Vec<&'static str>,
    pub max_widths: Vec<Option<usize>>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(headers: Vec<&'static str>) -> Table {
        let n = headers.len();
        Table { headers, max_widths: vec![None; n], rows: Vec::new() }
    }

    pub fn max_width(mut self, column: usize, width: usize) -> Table {
        self.max_widths[column] = Some(width);
        self
    }

    pub fn print(&self, out: &mut impl Write) -> std::io::Result<()> {
        let terminal = std::io::stdout().is_terminal();
        let term_width = terminal.then(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0))).flatten();
        let n = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate() {
                let w = cell.text.chars().count();
                widths[i] = widths[i].max(self.max_widths[i].map_or(w, |m| w.min(m)));
            }
        }
        let last_width = term_width.map(|tw| {
            let used: usize = widths[..n - 1].iter().map(|w| w + 2).sum();
            tw.saturating_sub(used).max(20)
        });
        let fit = |text: &str, i: usize| -> String {
            let limit = if i == n - 1 { last_width } else { self.max_widths[i] };
            match limit {
                Some(limit) if text.chars().count() > limit => {
                    let mut cut: String = text.chars().take(limit.saturating_sub(1)).collect();
                    cut.push('…');
                    cut
                }
                _ => text.to_string(),
            }
        };
        for (i, h) in self.headers.iter().enumerate() {
            let sep = if i + 1 == n { "\n" } else { "  " };
            let pad = if i + 1 == n { 0 } else { widths[i] };
            write!(out, "{}{h:pad$}{}{sep}", HEADER.render(), HEADER.render_reset())?;
        }
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate() {
                // Cells hold Memory Bank text, rule titles and host names: escapes shown, not run.
                let text = fit(&crate::probe::sanitize(&cell.text), i);
                let pad = if i + 1 == n { 0 } else { widths[i].saturating_sub(text.chars().count()) };
                write!(out, "{}{text}{}", cell.style.render(), cell.style.render_reset())?;
                if i + 1 == n {
                    writeln!(out)?;
                } else {
                    write!(out, "{:pad$}  ", "")?;
                }
            }
        }
        Ok(())
    }
}

/// mb.toml, its problems shown as a diagnostic with a caret.
pub fn load_config(root: &std::path::Path) -> anyhow::Result<crate::config::Config> {
    crate::config::Config::load(root).or_else(|e| match e.diagnostic() {
        Some((diag, sources)) => {
            print_diagnostics(&[diag], &sources)?;
            anyhow::bail!("{} is not valid; see above", crate::config::FILE)
        }
        None => Err(e.into()),
    })
}

/// The inventory, its problems shown as a diagnostic with a caret.
pub fn load_inventory(path: &std::path::Path) -> anyhow::Result<crate::inventory::Inventory> {
    crate::inventory::Inventory::load(path).or_else(|e| match e.diagnostic() {
        Some((diag, sources)) => {
            print_diagnostics(&[diag], &sources)?;
            anyhow::bail!("the inventory is not valid; see above")
        }
        None => Err(anyhow::Error::new(e).context("reading the inventory")),
    })
}

/// Writes `value` as pretty JSON and a newline through a 64 KiB buffer. serde_json writes
/// token by token; unbuffered, a large `mb decisions --json` cost millions of write calls.
pub(crate) fn write_json<T: serde::Serialize + ?Sized>(out: &mut impl Write, value: &T) -> anyhow::Result<()> {
    use anyhow::Context as _;
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut buffered, value).context("writing JSON")?;
    buffered.write_all(b"\n").context("writing JSON")?;
    buffered.flush().context("writing JSON")?;
    Ok(())
}

/// A clap parser for a whole number from `min` to `max`: a count or a number of seconds
/// outside them is a typo that would hang, flood or do nothing, refused before any work.
pub(super) fn bounded<T>(min: u64, max: u64) -> clap::builder::RangedU64ValueParser<T>
where
    T: TryFrom<u64> + Clone + Send + Sync + 'static,
    <T as TryFrom<u64>>::Error: std::error::Error + Send + Sync + 'static,
{
    clap::builder::RangedU64ValueParser::new().range(min..=max)
}
