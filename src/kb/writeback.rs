//! Write-back: mb's own dated entries in a Memory Bank file.
//!
//! An entry mb writes is marked so it can be found again and nothing else is mistaken for it:
//!
//! ```markdown
//! ## Drift audit (2026-11-25)
//! <!-- mb:drift-audit date=2026-11-25 run=2026-11-25T19-00-00Z … -->
//! …
//! <!-- /mb:drift-audit -->
//! ```
//!
//! [`splice`] is pure: it inserts the entry where the file's dated entries begin, or replaces
//! mb's entry of the same day, and leaves every other byte as it was (front matter, CRLF, a
//! missing final newline). [`write`] does it to a file: under a lock, through a temporary file
//! in the same folder that is synced and renamed over the original.

use std::io::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use pulldown_cmark::{Event, Parser, Tag};

use super::heading::find_date;
use super::parse::markdown_options;
use crate::source::{LineIndex, lone_cr_as_lf};

/// The mark that opens an entry mb wrote.
pub const MARK: &str = "<!-- mb:drift-audit ";
/// The mark that closes it.
pub const END_MARK: &str = "<!-- /mb:drift-audit -->";

/// An entry to write: its date, the run it records and its Markdown body (LF line endings;
/// headings inside it one level below the entry's).
#[derive(Debug, Clone)]
pub struct NewEntry {
    pub date: Date,
    pub run: String,
    pub body: String,
}

impl NewEntry {
    /// The entry's full text at a heading level, with the marks, ending in a newline.
    pub fn render(&self, level: usize) -> String {
        let hashes = "#".repeat(level);
        format!(
            "{hashes} Drift audit ({date})\n{MARK}date={date} run={run}: written by mb; recording again on this day replaces everything down to the closing mark -->\n{body}{END_MARK}\n",
            date = self.date,
            run = self.run,
            body = self.body,
        )
    }
}

/// An entry mb wrote earlier, found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub date: Date,
    pub run: String,
    /// From the start of its heading line to the end of the closing mark's line.
    pub range: Range<usize>,
    /// 1-based line of its heading.
    pub line: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum WriteBackError {
    #[error(
        "{path}:{line}: mb's entry of {date} has lost its closing mark `{END_MARK}`; put it back at the end of the entry, or delete the entry, and record again"
    )]
    Damaged { path: String, line: usize, date: String },
    #[error("{path}: not UTF-8 text; mb will not rewrite it")]
    NotUtf8 { path: String },
    /// An entry in UTF-8 would make the file half garbled, half not: read as it stands, and
    /// no longer repaired, its decisions would turn back into mojibake.
    #[error("{path}: {garbling}; mb will not write into it — save it as UTF-8 first")]
    Mojibake { path: String, garbling: String },
    #[error("{path} is read-only; mb will not replace it (make it writable, or record into another file with --file)")]
    ReadOnly { path: String },
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} kept changing while mb wrote it (is an editor saving it?); try again")]
    Busy { path: String },
}

/// The text of a Memory Bank file mb may write into (`shown` names it in errors): UTF-8, and
/// not garbled ([`crate::source::undo_mojibake`]) — an entry in UTF-8 would leave that half
/// garbled. Asked before a write and before a dry run shows what it would write.
pub fn writable_text<'a>(bytes: &'a [u8], shown: &str) -> Result<&'a str, WriteBackError> {
    let text = std::str::from_utf8(bytes).map_err(|_| WriteBackError::NotUtf8 { path: shown.to_string() })?;
    match crate::source::undo_mojibake(text) {
        Some((_, page)) => Err(WriteBackError::Mojibake { path: shown.to_string(), garbling: page.garbling() }),
        None => Ok(text),
    }
}

/// What [`splice`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spliced {
    pub text: String,
    /// The entry's bytes in the new text.
    pub range: Range<usize>,
    /// 1-based line of the entry's heading in the new text.
    pub line: usize,
    /// An entry of the same day was replaced (rather than a new one inserted).
    pub replaced: bool,
}

/// A top-level Markdown block, for finding entries and marks.
#[derive(Debug)]
enum Blk {
    Heading { level: usize, start: usize, date: bool },
    Html(Range<usize>),
    Rule,
    Other,
}

/// The file's top-level blocks with byte ranges (front matter and a byte-order mark skipped).
fn blocks(text: &str) -> Vec<Blk> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &text[bom..];
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut heading: Option<(usize, usize)> = None;
    let mut heading_text = String::new();
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        let range = range.start + bom..range.end + bom;
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    match &tag {
                        Tag::Heading { level, .. } => {
                            heading = Some((*level as usize, range.start));
                            heading_text.clear();
                        }
                        Tag::HtmlBlock => out.push(Blk::Html(range.clone())),
                        _ => out.push(Blk::Other),
                    }
                }
                depth += 1;
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0
                    && let Some((level, start)) = heading.take()
                {
                    out.push(Blk::Heading { level, start, date: find_date(&heading_text).is_some() });
                }
            }
            Event::Text(t) | Event::Code(t) if heading.is_some() => heading_text.push_str(&t),
            Event::Rule if depth == 0 => out.push(Blk::Rule),
            _ if depth == 0 => out.push(Blk::Other),
            _ => {}
        }
    }
    out
}

/// The end of the line holding `offset` (after its line ending), or the end of the text.
fn line_end(text: &str, offset: usize) -> usize {
    text[offset..].find('\n').map_or(text.len(), |n| offset + n + 1)
}

fn line_of(text: &str, offset: usize) -> usize {
    LineIndex::new(text).line(offset)
}

/// The line ending `text` uses, as its first line ends: `\n`, `\r\n`, or a lone `\r`.
fn line_ending(text: &str) -> &'static str {
    match text.find(['\n', '\r']).map(|at| &text[at..]) {
        Some(rest) if rest.starts_with("\r\n") => "\r\n",
        Some(rest) if rest.starts_with('\r') => "\r",
        _ => "\n",
    }
}

/// The text without its final line ending(s).
fn without_final_newline(mut text: String) -> String {
    text.truncate(text.trim_end_matches(['\r', '\n']).len());
    text
}

/// `date=… run=…` out of an opening mark.
fn parse_mark(mark: &str) -> Option<(Date, String)> {
    let rest = mark.strip_prefix(MARK)?;
    let mut date = None;
    let mut run = None;
    for word in rest.split_whitespace() {
        if let Some(d) = word.strip_prefix("date=") {
            date = d.parse().ok();
        } else if let Some(r) = word.strip_prefix("run=") {
            run = Some(r.trim_end_matches(':').to_string());
        }
    }
    Some((date?, run.unwrap_or_default()))
}

/// mb's entries in a file, in file order. An entry whose closing mark is gone is an error:
/// mb cannot tell where it ends, so it will not touch it.
pub fn recorded(path: &str, text: &str) -> Result<Vec<Recorded>, WriteBackError> {
    let text = lone_cr_as_lf(text);
    recorded_in(path, &text, &blocks(&text))
}

fn recorded_in(path: &str, text: &str, blocks: &[Blk]) -> Result<Vec<Recorded>, WriteBackError> {
    let lines = LineIndex::new(text);
    let mut out = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let Blk::Html(mark) = b else { continue };
        let Some((date, run)) = parse_mark(&text[mark.clone()]) else {
            continue;
        };
        let Some(Blk::Heading { level, start, .. }) = i.checked_sub(1).map(|p| &blocks[p]) else {
            continue;
        };
        let end = blocks[i + 1..]
            .iter()
            .take_while(|b| !matches!(b, Blk::Heading { level: l, .. } if l <= level))
            .find_map(|b| match b {
                Blk::Html(r) if text[r.clone()].trim_start().starts_with(END_MARK) => {
                    Some(line_end(text, r.start + text[r.clone()].find(END_MARK).unwrap_or(0)))
                }
                _ => None,
            });
        let line = lines.line(*start);
        let Some(end) = end else {
            return Err(WriteBackError::Damaged { path: path.into(), line, date: date.to_string() });
        };
        out.push(Recorded { date, run, range: *start..end, line });
    }
    Ok(out)
}

/// The heading level of the file's dated entries (2 when it has none yet).
pub fn entry_level(text: &str) -> usize {
    first_dated(&blocks(text)).map_or(2, |(_, level, _)| level)
}

/// The first heading below H1 that carries a date: `(block index, level, byte start)`.
fn first_dated(blocks: &[Blk]) -> Option<(usize, usize, usize)> {
    blocks.iter().enumerate().find_map(|(i, b)| match b {
        Blk::Heading { level, start, date: true } if *level >= 2 => Some((i, *level, *start)),
        _ => None,
    })
}

/// Puts `entry` (rendered at [`entry_level`], LF endings) into `text`: in place of mb's
/// entry of the same day, or before the first dated entry, or at the end. Every other byte
/// stays; the entry takes the file's line endings.
pub fn splice(path: &str, text: &str, date: Date, entry: &str) -> Result<Spliced, WriteBackError> {
    let nl = line_ending(text);
    let entry = if nl == "\n" { entry.to_string() } else { entry.replace('\n', nl) };
    let build = |at: usize, cut: usize, insert: String| {
        let mut out = String::with_capacity(text.len() + insert.len());
        out.push_str(&text[..at]);
        out.push_str(&insert);
        out.push_str(&text[cut..]);
        out
    };

    // Read with `\n` for each lone `\r` (byte for byte, so its places are the text's).
    let scan = lone_cr_as_lf(text);
    let blocks = blocks(&scan);
    if let Some(old) = recorded_in(path, &scan, &blocks)?.into_iter().find(|r| r.date == date) {
        // Replace exactly mb's bytes; keep the old entry's final newline (or its absence).
        let new = if text[old.range.clone()].ends_with(['\n', '\r']) { entry } else { without_final_newline(entry) };
        let range = old.range.start..old.range.start + new.len();
        return Ok(Spliced { text: build(old.range.start, old.range.end, new), range, line: old.line, replaced: true });
    }

    match first_dated(&blocks) {
        Some((i, _, at)) => {
            // Entries divided by `---` get one after mb's too.
            let ruled = i > 0 && matches!(blocks[i - 1], Blk::Rule);
            let insert = if ruled { format!("{entry}{nl}---{nl}{nl}") } else { format!("{entry}{nl}") };
            let range = at..at + entry.len();
            Ok(Spliced { text: build(at, at, insert), range, line: line_of(text, at), replaced: false })
        }
        None => {
            let at = text.len();
            let (lead, new) = if text.is_empty() {
                (String::new(), entry)
            } else if text.ends_with(['\n', '\r']) {
                let last_blank = text.trim_end_matches(['\n', '\r']).len() < text.len() - nl.len();
                (if last_blank { String::new() } else { nl.to_string() }, entry)
            } else {
                // The file had no final newline; neither has it after mb's entry.
                (format!("{nl}{nl}"), without_final_newline(entry))
            };
            let start = at + lead.len();
            let range = start..start + new.len();
            let out = build(at, at, format!("{lead}{new}"));
            let line = line_of(&out, start);
            Ok(Spliced { text: out, range, line, replaced: false })
        }
    }
}

/// What [`write`] did.
#[derive(Debug, Clone)]
pub struct Written {
    /// The file written: the link's target when the path was a symlink.
    pub path: PathBuf,
    pub via_symlink: bool,
    pub created: bool,
    pub line: usize,
    pub replaced: bool,
    /// The file already held exactly this entry.
    pub unchanged: bool,
}

/// How many times [`write`] starts over when the file changes under it.
const ATTEMPTS: usize = 5;

/// Writes an entry into a Memory Bank file. `entry_for` gets the file's current text (to pick
/// the heading level and read earlier entries) and returns the entry's text. Holds an
/// exclusive lock on `lock` for the whole read-modify-write, so two mb processes queue rather
/// than lose each other's entry; replaces the file by renaming a synced temporary file from
/// the same folder over it, so a reader sees the old file or the new one, never half of one.
pub fn write<E: From<WriteBackError>>(
    path: &Path,
    lock: &Path,
    date: Date,
    mut entry_for: impl FnMut(&str) -> Result<String, E>,
) -> Result<Written, E> {
    let shown = crate::source::display_path(path);
    let io = |path: &Path, source| E::from(WriteBackError::Io { path: crate::source::display_path(path), source });

    // A symlinked file is updated where it lives, so the link stays a link.
    let via_symlink = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let target = if via_symlink { std::fs::canonicalize(path).map_err(|e| io(path, e))? } else { path.to_path_buf() };
    let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();

    if let Some(parent) = lock.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
    }
    let lock_file =
        std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(lock).map_err(|e| io(lock, e))?;
    lock_file.lock().map_err(|e| io(lock, e))?;

    for _ in 0..ATTEMPTS {
        let (old, meta) = match std::fs::read(&target) {
            Ok(bytes) => (Some(bytes), Some(std::fs::metadata(&target).map_err(|e| io(&target, e))?)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !via_symlink => (None, None),
            Err(e) => return Err(io(&target, e)),
        };
        if meta.as_ref().is_some_and(|m| m.permissions().readonly()) {
            return Err(WriteBackError::ReadOnly { path: shown }.into());
        }
        let text = match &old {
            Some(bytes) => writable_text(bytes, &shown).map_err(E::from)?,
            None => "",
        };
        let entry = entry_for(text)?;
        let spliced = splice(&shown, text, date, &entry).map_err(E::from)?;
        let written = Written {
            path: target.clone(),
            via_symlink,
            created: old.is_none(),
            line: spliced.line,
            replaced: spliced.replaced,
            unchanged: spliced.text == text && old.is_some(),
        };
        if written.unchanged {
            return Ok(written);
        }
        let tmp = Temp::create(&dir, &target).map_err(|e| io(&dir, e))?;
        tmp.write(spliced.text.as_bytes(), meta.as_ref()).map_err(|e| io(&tmp.path, e))?;
        // Someone (an editor, a person's mb) changed the file since we read it: start over
        // on their version rather than lose it.
        let now = match std::fs::read(&target) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(io(&target, e)),
        };
        if now != old {
            continue;
        }
        tmp.persist(&target).map_err(|e| io(&target, e))?;
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        return Ok(written);
    }
    Err(WriteBackError::Busy { path: shown }.into())
}

/// A temporary file beside the target, removed unless it was renamed over it.
struct Temp {
    path: PathBuf,
    done: bool,
}

impl Temp {
    fn create(dir: &Path, target: &Path) -> std::io::Result<Temp> {
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        for n in 0..100u32 {
            let path = dir.join(format!(".{name}.mb-{}-{n}.tmp", std::process::id()));
            match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(_) => return Ok(Temp { path, done: false }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
        Err(std::io::Error::other("cannot create a temporary file"))
    }

    fn write(&self, bytes: &[u8], like: Option<&std::fs::Metadata>) -> std::io::Result<()> {
        let mut file = std::fs::OpenOptions::new().write(true).truncate(true).open(&self.path)?;
        file.write_all(bytes)?;
        if let Some(meta) = like {
            file.set_permissions(meta.permissions())?;
        }
        file.sync_all()
    }

    fn persist(mut self, target: &Path) -> std::io::Result<()> {
        std::fs::rename(&self.path, target)?;
        self.done = true;
        Ok(())
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(date: &str, body: &str) -> (Date, String) {
        let date: Date = date.parse().unwrap();
        let e = NewEntry { date, run: format!("{date}T10-00-00Z"), body: format!("\n{body}\n\n") };
        (date, e.render(2))
    }

    #[test]
    fn inserts_before_the_first_dated_entry_with_the_files_separator() {
        let text = "# Context\n\nPreface.\n\n---\n\n## Firewall (2025-11-17)\n- x\n";
        let (date, e) = entry("2026-11-25", "- drift");
        let s = splice("f.md", text, date, &e).unwrap();
        assert_eq!(s.text, format!("# Context\n\nPreface.\n\n---\n\n{e}\n---\n\n## Firewall (2025-11-17)\n- x\n"));
        assert_eq!(s.line, 7);
        assert!(!s.replaced);
        assert_eq!(recorded("f.md", &s.text).unwrap().len(), 1);
    }

    #[test]
    fn replaces_only_mbs_entry_of_the_same_day() {
        let text = "## Drift audit (2026-11-25)\nA person's note of the same title.\n\n## Old (2025-01-01)\n- y\n";
        let (date, e1) = entry("2026-11-25", "- first");
        let once = splice("f.md", text, date, &e1).unwrap();
        let (_, e2) = entry("2026-11-25", "- second");
        let twice = splice("f.md", &once.text, date, &e2).unwrap();
        assert!(twice.replaced);
        assert_eq!(twice.text, once.text.replace(&e1, &e2));
        assert!(twice.text.contains("A person's note of the same title."));
        let again = splice("f.md", &twice.text, date, &e2).unwrap();
        assert_eq!(again.text, twice.text);
    }

    #[test]
    fn keeps_crlf_and_a_missing_final_newline() {
        let text = "# Context\r\n\r\nNo entries yet.";
        let (date, e) = entry("2026-11-25", "- drift");
        let s = splice("f.md", text, date, &e).unwrap();
        assert!(s.text.starts_with(text));
        assert!(!s.text.ends_with('\n'));
        assert!(!s.text.replace("\r\n", "").contains('\n'), "{:?}", s.text);
        let again = splice("f.md", &s.text, date, &e).unwrap();
        assert_eq!(again.text, s.text);
    }

    #[test]
    fn keeps_cr_only_line_endings() {
        // Old Mac editors end lines with a lone `\r`: mb's entry takes them, lands on the line
        // a reader counts, and is found again the next time.
        let text = "# Context\r\r## Notes (2025-01-01)\r\r- kept\r";
        let (date, e) = entry("2026-11-25", "- drift");
        let s = splice("f.md", text, date, &e).unwrap();
        assert!(s.text.starts_with("# Context\r\r## Drift audit") && !s.text.contains('\n'), "{:?}", s.text);
        assert!(s.text.ends_with("\r## Notes (2025-01-01)\r\r- kept\r"), "{:?}", s.text);
        assert_eq!(s.line, 3);
        let again = splice("f.md", &s.text, date, &e).unwrap();
        assert_eq!(again.text, s.text);
        let appended = splice("f.md", "# Context\r", date, &e).unwrap();
        let new = &appended.text;
        assert!(new.starts_with("# Context\r\r## Drift audit") && !new.contains('\n'), "{new:?}");
        assert_eq!(appended.line, 3);
    }

    #[test]
    fn a_lost_closing_mark_is_refused() {
        let (date, e) = entry("2026-11-25", "- drift");
        let text = format!("{}## Next (2025-01-01)\n", e.replace(END_MARK, ""));
        assert!(matches!(splice("f.md", &text, date, &e), Err(WriteBackError::Damaged { line: 1, .. })));
    }

    #[test]
    fn marks_inside_code_blocks_are_not_entries() {
        let (date, e) = entry("2026-11-25", "- drift");
        let text = format!("## Notes (2025-01-01)\n```\n{e}```\n");
        assert!(recorded("f.md", &text).unwrap().is_empty());
        let s = splice("f.md", &text, date, &e).unwrap();
        assert!(s.text.ends_with(&text));
    }
}
