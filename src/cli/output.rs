//! Shared output helpers: styles, tables that fit the terminal, diagnostics to stderr.

use std::borrow::Cow;
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

    /// Writes the table through a buffer: one write call per 64 KiB, not one per cell.
    pub fn print(&self, out: &mut impl Write) -> std::io::Result<()> {
        let mut layout = Layout::new(&self.headers, &self.max_widths);
        for row in &self.rows {
            layout.measure(row.iter().map(|cell| cell.text.as_str()));
        }
        let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
        layout.write_header(&mut out)?;
        for row in &self.rows {
            layout.write_row(&mut out, row)?;
        }
        out.flush()
    }
}

/// The column widths of a [`Table`], measured before any row is written; a command with
/// more rows than it wants to hold measures them in one pass and writes them in another.
#[derive(Debug, Clone)]
pub struct Layout {
    headers: Vec<&'static str>,
    max_widths: Vec<Option<usize>>,
    widths: Vec<usize>,
    /// The terminal's width, when stdout is a terminal.
    term_width: Option<usize>,
}

impl Layout {
    pub fn new(headers: &[&'static str], max_widths: &[Option<usize>]) -> Layout {
        let terminal = std::io::stdout().is_terminal();
        let term_width = terminal.then(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0))).flatten();
        Layout {
            headers: headers.to_vec(),
            max_widths: max_widths.to_vec(),
            widths: headers.iter().map(|h| h.chars().count()).collect(),
            term_width,
        }
    }

    /// Widens the columns for a row's texts.
    pub fn measure<'t>(&mut self, row: impl IntoIterator<Item = &'t str>) {
        for (i, text) in row.into_iter().enumerate() {
            self.measure_cell(i, display_width(text));
        }
    }

    /// Widens column `i` for a text `chars` terminal columns wide ([`display_width`]).
    pub fn measure_cell(&mut self, i: usize, chars: usize) {
        self.widths[i] = self.widths[i].max(self.max_widths[i].map_or(chars, |m| chars.min(m)));
    }

    /// On a terminal, the width the last column is cut to.
    fn last_width(&self) -> Option<usize> {
        let n = self.headers.len();
        self.term_width.map(|tw| {
            let used: usize = self.widths[..n - 1].iter().map(|w| w + 2).sum();
            tw.saturating_sub(used).max(20)
        })
    }

    pub fn write_header(&self, out: &mut impl Write) -> std::io::Result<()> {
        let n = self.headers.len();
        for (i, h) in self.headers.iter().enumerate() {
            let sep = if i + 1 == n { "\n" } else { "  " };
            let pad = if i + 1 == n { 0 } else { self.widths[i] };
            write!(out, "{}{h:pad$}{}{sep}", HEADER.render(), HEADER.render_reset())?;
        }
        Ok(())
    }

    pub fn write_row(&self, out: &mut impl Write, row: &[Cell]) -> std::io::Result<()> {
        self.write_cells(out, row.iter().map(|cell| (cell.text.as_str(), cell.style)))
    }

    /// [`Layout::write_row`] for cells of borrowed text, `(text, style)`: a table of a large
    /// bank has millions of cells, and need not copy them into [`Cell`]s.
    pub fn write_cells<'t>(
        &self,
        out: &mut impl Write,
        row: impl IntoIterator<Item = (&'t str, Style)>,
    ) -> std::io::Result<()> {
        let fitted: Vec<(Fitted<'t>, Style)> =
            row.into_iter().enumerate().map(|(i, (text, style))| (self.fit(i, text), style)).collect();
        self.write_fitted(out, fitted.iter().map(|(cell, style)| (cell, *style)))
    }

    /// `text` made ready for column `i`: escapes shown, not run (cells hold Memory Bank text,
    /// rule titles and host names), and cut to the column's limit. A text repeated on many
    /// rows (a file's entry titles) is fitted once.
    pub fn fit<'t>(&self, i: usize, text: &'t str) -> Fitted<'t> {
        let last = i + 1 == self.headers.len();
        let limit = if last { self.last_width() } else { self.max_widths.get(i).copied().flatten() };
        let text = crate::probe::sanitized(text);
        // The width matters to pad a cell or to cut it; the last column, uncut, is neither.
        let chars = if last && limit.is_none() { 0 } else { display_width(&text) };
        match limit {
            Some(limit) if chars > limit => {
                // As many characters as fit in the limit with the `…` after them.
                let room = limit.saturating_sub(1);
                let mut used = 0;
                let mut end = 0;
                for (at, c) in text.char_indices() {
                    let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                    if used + w > room {
                        break;
                    }
                    used += w;
                    end = at + c.len_utf8();
                }
                Fitted { text: Cow::Owned(format!("{}…", &text[..end])), chars: used + 1 }
            }
            _ => Fitted { text, chars },
        }
    }

    /// Writes a row of fitted cells, `(cell, style)`, padded to the columns' widths.
    pub fn write_fitted<'c, 't: 'c>(
        &self,
        out: &mut impl Write,
        row: impl IntoIterator<Item = (&'c Fitted<'t>, Style)>,
    ) -> std::io::Result<()> {
        let n = self.headers.len();
        for (i, (cell, style)) in row.into_iter().enumerate() {
            // No formatting machinery for the cells either.
            let styled = style != Style::new();
            if styled {
                write!(out, "{}", style.render())?;
            }
            out.write_all(cell.text.as_bytes())?;
            if styled {
                write!(out, "{}", style.render_reset())?;
            }
            if i + 1 == n {
                out.write_all(b"\n")?;
            } else {
                let mut pad = self.widths[i].saturating_sub(cell.chars) + 2;
                while pad > 0 {
                    let now = pad.min(SPACES.len());
                    out.write_all(&SPACES[..now])?;
                    pad -= now;
                }
            }
        }
        Ok(())
    }
}

/// How many terminal columns `text` takes: a CJK character or an emoji takes two, a combining
/// mark none. Tables pad and cut by it, so Japanese and Chinese titles keep the columns
/// aligned.
pub fn display_width(text: &str) -> usize {
    if text.is_ascii() { text.len() } else { unicode_width::UnicodeWidthStr::width(text) }
}

/// A cell's text as shown (see [`Layout::fit`]) and its width in terminal columns.
pub struct Fitted<'t> {
    text: Cow<'t, str>,
    chars: usize,
}

const SPACES: &[u8; 64] = &[b' '; 64];

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

/// Stdout for a large output: a 64 KiB buffer over the locked stdout, raw. Styles are the
/// caller's to render or strip ([`stdout_colored`], [`plain`]): stripping them in a filter
/// on the way out would turn each styled piece into a write call of its own.
pub fn buffered_stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock())
}

/// Whether styled output to stdout keeps its colours (terminal, `--color`, NO_COLOR).
pub fn stdout_colored() -> bool {
    anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
}

/// `text` without its ANSI styles, unless `colored`.
pub fn plain(text: Vec<u8>, colored: bool) -> Vec<u8> {
    if colored { text } else { anstream::adapter::strip_bytes(&text).into_vec() }
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

/// Lets go of a command's large result without waiting for it to be freed: the command is
/// done and the process exits next, and freeing a 100 000-host run piece by piece takes
/// seconds. It is freed on another thread (or here, if no thread can be started).
pub fn discard<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each line of `out` as the terminal columns its cells start at.
    fn column_starts(out: &str) -> Vec<Vec<usize>> {
        out.lines()
            .map(|line| {
                let mut starts = vec![0];
                let mut col = 0;
                let mut prev_space = 0;
                for c in line.chars() {
                    if c == ' ' {
                        prev_space += 1;
                    } else {
                        if prev_space >= 2 {
                            starts.push(col);
                        }
                        prev_space = 0;
                    }
                    col += display_width(c.encode_utf8(&mut [0; 4]));
                }
                starts
            })
            .collect()
    }

    #[test]
    fn wide_characters_keep_the_columns_aligned() {
        assert_eq!(display_width("認証方式"), 8);
        assert_eq!(display_width("Proxy"), 5);
        let mut table = Table::new(vec!["ENTRY", "TEXT"]).max_width(0, 9);
        table.rows.push(vec![Cell::new("認証方式の決定"), Cell::new("JWT")]);
        table.rows.push(vec![Cell::new("Proxy"), Cell::new("Caddy")]);
        let mut out = Vec::new();
        table.print(&mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        // Cut to nine columns: four wide characters and the ellipsis.
        assert!(out.contains("認証方式…  JWT"), "{out}");
        // The rows (the header is styled): the second column starts at the same column.
        let starts = column_starts(out.split_once('\n').unwrap().1);
        assert_eq!(starts, [vec![0, 11], vec![0, 11]], "{out}");
    }
}
