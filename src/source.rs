//! Source files as mb reads them: relative display paths, UTF-8 text and byte → line/column mapping.

use std::ops::Range;
use std::path::{Path, PathBuf};

/// A text file read from disk, with the path it is shown under.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user should see it (relative to the root mb runs in).
    pub path: PathBuf,
    pub text: String,
}

/// Why a file could not be turned into text.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: not valid UTF-8 (byte offset {offset}); {}", utf8_hint(*.stray))]
    NotUtf8 {
        path: PathBuf,
        offset: usize,
        line: usize,
        column: usize,
        /// The rest of the file is UTF-8 (it holds UTF-8 characters beyond ASCII): the bad
        /// bytes are strays in it, not a file written in another encoding.
        stray: bool,
    },
}

/// What to do about a file that is not UTF-8: re-encoding a UTF-8 file with a stray byte as
/// Latin-1 would garble every other character beyond ASCII in it.
fn utf8_hint(stray: bool) -> &'static str {
    if stray {
        "the rest of the file is UTF-8, so fix or delete the bad bytes there (an editor reading UTF-8 shows them as �)"
    } else {
        "mb reads Markdown as UTF-8 — re-encode the file, e.g. `iconv -f latin1 -t utf-8`"
    }
}

/// Whether `bytes`, not valid UTF-8 as a whole, hold UTF-8 characters beyond ASCII between
/// their bad sequences. Looks at the first 64 bad sequences at most.
fn holds_utf8_beyond_ascii(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    for _ in 0..64 {
        match std::str::from_utf8(rest) {
            Ok(text) => return !text.is_ascii(),
            Err(err) => {
                let (good, after) = rest.split_at(err.valid_up_to());
                if !good.is_ascii() {
                    return true;
                }
                rest = &after[err.error_len().unwrap_or(after.len())..];
            }
        }
    }
    false
}

impl ReadError {
    pub fn path(&self) -> &Path {
        match self {
            ReadError::Io { path, .. } | ReadError::NotUtf8 { path, .. } => path,
        }
    }
}

impl SourceFile {
    /// Reads `disk_path`, showing it as `display` in every message.
    pub fn read(disk_path: &Path, display: PathBuf) -> Result<SourceFile, ReadError> {
        let bytes = std::fs::read(disk_path).map_err(|source| ReadError::Io { path: display.clone(), source })?;
        SourceFile::from_bytes(display, bytes)
    }

    /// Validates `bytes` as UTF-8; a bad byte is reported with its line and column.
    pub fn from_bytes(path: PathBuf, bytes: Vec<u8>) -> Result<SourceFile, ReadError> {
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile { path, text }),
            Err(err) => {
                let offset = err.utf8_error().valid_up_to();
                let bytes = err.into_bytes();
                let before = &bytes[..offset];
                let line = line_ends(&bytes).take_while(|&at| at < offset).count() + 1;
                let line_start = memchr::memrchr2(b'\n', b'\r', before).map_or(0, |i| i + 1);
                // Everything before `offset` is valid UTF-8, so counting chars is exact.
                let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
                let stray = holds_utf8_beyond_ascii(&bytes);
                Err(ReadError::NotUtf8 { path, offset, line, column, stray })
            }
        }
    }
}

/// Whether the `\n` or `\r` at `at` ends a line: a `\n` does, and so does a `\r` not followed
/// by one. CommonMark and YAML end lines at `\n`, `\r\n` and a lone `\r` (which old Mac
/// editors write), and so do the line numbers mb reports in Memory Banks, rule files and
/// inventories. (A host's own files are read as its tools read them, at `\n`.)
fn ends_line(bytes: &[u8], at: usize) -> bool {
    bytes[at] == b'\n' || bytes.get(at + 1) != Some(&b'\n')
}

/// Where lines end in `bytes` ([`ends_line`]): the offset of each one's `\n` or lone `\r`.
fn line_ends(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr2_iter(b'\n', b'\r', bytes).filter(move |&at| ends_line(bytes, at))
}

/// How many lines `text` has: one more than its line endings ([`ends_line`]).
pub fn line_count(text: &str) -> usize {
    line_ends(text.as_bytes()).count() + 1
}

/// Whether `bytes` hold a `\r` that ends a line by itself ([`ends_line`]).
fn has_lone_cr(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'\r', bytes).any(|at| ends_line(bytes, at))
}

/// `text` with each `\r` that ends a line by itself made `\n`: one byte for one, so every
/// offset and line stays where it was, and what reads the text line by line need know only
/// `\n` and `\r\n`. Most files have none, and are borrowed as they are.
pub fn lone_cr_as_lf(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    if !has_lone_cr(bytes) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    // (`\r` is ASCII: the bytes either side of it are character boundaries.)
    for at in memchr::memchr_iter(b'\r', bytes).filter(|&at| ends_line(bytes, at)) {
        out.push_str(&text[from..at]);
        out.push('\n');
        from = at + 1;
    }
    out.push_str(&text[from..]);
    std::borrow::Cow::Owned(out)
}

/// Maps byte offsets of one text to 1-based lines and columns.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        let bytes = text.as_bytes();
        starts.extend(line_ends(bytes).map(|at| at + 1));
        LineIndex { starts }
    }

    /// How many lines the text has (one more than its line endings).
    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// The 1-based line holding byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }

    /// The 1-based line and 1-based column (in characters) of byte `offset`.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        let start = self.starts[line - 1];
        let end = floor_char_boundary(text, offset.min(text.len()));
        let column = text.get(start..end).map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }

    /// The byte range of 1-based `line`, without its line ending.
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.starts[line - 1];
        let end = self.starts.get(line).map_or(text.len(), |&next| next - 1);
        let end = if end > start && text.as_bytes()[end - 1] == b'\r' { end - 1 } else { end };
        start..end
    }
}

/// The largest char boundary at or below `offset` (str::floor_char_boundary is unstable).
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    if offset >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Where `part`, a slice of `whole`, starts in it; `None` when `part` lies elsewhere (a
/// literal, a slice of another string). A slice starts on a char boundary, so the offset
/// splits `whole` safely, where `whole.len() - part.len()` does not when `part` was trimmed
/// at its end too.
pub fn offset_in(whole: &str, part: &str) -> Option<usize> {
    let at = (part.as_ptr() as usize).checked_sub(whole.as_ptr() as usize)?;
    (at.checked_add(part.len())? <= whole.len()).then_some(at)
}

/// Shows `path` with forward slashes, as every report and JSON contract does.
/// A path as written in the repository, `/`-separated, when it stays inside it: `..`,
/// absolute paths and empty paths are refused (with why) before anything is read. Symlinks
/// are the reader's to check.
pub fn repo_relative(path: &Path) -> Result<String, String> {
    use std::path::Component;
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir => return Err("leads outside the repository (`..`)".into()),
            Component::RootDir | Component::Prefix(_) => {
                return Err("is an absolute path; repository files are named relative to its root".into());
            }
        }
    }
    if parts.is_empty() {
        return Err("names no file".into());
    }
    Ok(parts.join("/"))
}

pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' { s.into_owned() } else { s.replace(std::path::MAIN_SEPARATOR, "/") }
}

/// A code page that UTF-8 text is misread as, on Windows, before being saved as UTF-8 again:
/// `Технический` becomes `РўРµС…РЅРёС‡РµСЃРєРёР№` (Windows-1251), `café` becomes `cafÃ©`
/// (Windows-1252). Each byte of the first encoding became one character of the code page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodePage {
    Windows1251,
    Windows1252,
}

impl CodePage {
    pub fn name(self) -> &'static str {
        match self {
            CodePage::Windows1251 => "Windows-1251",
            CodePage::Windows1252 => "Windows-1252",
        }
    }

    /// What happened to a file garbled through this page, as every message says it.
    pub fn garbling(self) -> String {
        format!("UTF-8 text that was once read as {} and saved again (mojibake)", self.name())
    }

    /// The byte this code page writes as `c`. Bytes a code page leaves undefined read as the
    /// C1 control of the same number (`0x98` → U+0098), as Windows and browsers read them.
    fn byte(self, c: char) -> Option<u8> {
        let code = c as u32;
        if code < 0x80 {
            return Some(code as u8);
        }
        match self {
            CodePage::Windows1251 if (0x410..=0x44F).contains(&code) => Some((code - 0x410 + 0xC0) as u8),
            CodePage::Windows1251 => CP1251_80_BF.iter().position(|&m| m == c).map(|i| 0x80 + i as u8),
            CodePage::Windows1252 if (0xA0..=0xFF).contains(&code) => Some(code as u8),
            // (ISO-8859-1 reads 0x80–0x9F as the C1 controls of the same number: text garbled
            // through it reads back through this page too.)
            CodePage::Windows1252 => CP1252_80_9F
                .iter()
                .position(|&m| m == c)
                .map(|i| 0x80 + i as u8)
                .or_else(|| (0x80..=0x9F).contains(&code).then_some(code as u8)),
        }
    }
}

/// Windows-1251's bytes 0x80–0xBF (0xC0–0xFF are А–я).
#[rustfmt::skip]
const CP1251_80_BF: [char; 64] = [
    '\u{0402}', '\u{0403}', '\u{201A}', '\u{0453}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{20AC}', '\u{2030}', '\u{0409}', '\u{2039}', '\u{040A}', '\u{040C}', '\u{040B}', '\u{040F}',
    '\u{0452}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{0098}', '\u{2122}', '\u{0459}', '\u{203A}', '\u{045A}', '\u{045C}', '\u{045B}', '\u{045F}',
    '\u{00A0}', '\u{040E}', '\u{045E}', '\u{0408}', '\u{00A4}', '\u{0490}', '\u{00A6}', '\u{00A7}',
    '\u{0401}', '\u{00A9}', '\u{0404}', '\u{00AB}', '\u{00AC}', '\u{00AD}', '\u{00AE}', '\u{0407}',
    '\u{00B0}', '\u{00B1}', '\u{0406}', '\u{0456}', '\u{0491}', '\u{00B5}', '\u{00B6}', '\u{00B7}',
    '\u{0451}', '\u{2116}', '\u{0454}', '\u{00BB}', '\u{0458}', '\u{0405}', '\u{0455}', '\u{0457}',
];

/// Windows-1252's bytes 0x80–0x9F (0xA0–0xFF are U+00A0–U+00FF).
#[rustfmt::skip]
const CP1252_80_9F: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// The text `text` was before it was misread as a Windows code page and saved again
/// (mojibake), with that code page, when the whole of it reads back that way: every
/// character after a leading BOM is one of the code page's, and their bytes are UTF-8 with
/// characters beyond ASCII. Text written in Russian, French or any language reads back so
/// only by accident of a few characters (a letter is followed by letters, not by the
/// continuation bytes UTF-8 needs), so a file that does is taken for what it says; a file
/// mixing both (a line added later as UTF-8) is left as it is.
pub fn undo_mojibake(text: &str) -> Option<(String, CodePage)> {
    let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // ASCII reads back as itself: the test starts at the first character beyond it, where
    // most text written right is turned away (`—`, `é`, `П` then `р`, an emoji).
    let first = first_beyond_ascii(body.as_bytes())?;
    for page in [CodePage::Windows1251, CodePage::Windows1252] {
        // That test allocates nothing.
        if !reads_back_as_utf8(&body[first..], page) {
            continue;
        }
        let mut bytes = Vec::with_capacity(text.len());
        bytes.extend_from_slice(&text.as_bytes()[..text.len() - body.len()]);
        bytes.extend(body.chars().filter_map(|c| page.byte(c)));
        let Ok(mut repaired) = String::from_utf8(bytes) else { continue };
        // A few such pairs may be written on purpose (a note on the bug that showed `Ã©` for
        // `é`, `25Â°C`, the Russian `Её`): it takes MIN_REPAIRED characters beyond ASCII,
        // where a garbled file holds one in most of its words.
        let said = repaired.trim_start_matches('\u{FEFF}');
        if said.chars().filter(|c| !c.is_ascii()).take(MIN_REPAIRED).count() < MIN_REPAIRED {
            continue;
        }
        // The file's own byte-order mark, garbled after the one the second save added.
        if repaired.starts_with("\u{FEFF}\u{FEFF}") {
            repaired.drain(..'\u{FEFF}'.len_utf8());
        }
        return Some((repaired, page));
    }
    None
}

/// How many characters beyond ASCII a repaired text must hold (see [`undo_mojibake`]).
pub const MIN_REPAIRED: usize = 8;

/// Where the first byte beyond ASCII is, found a block at a time (`<[u8]>::is_ascii` reads
/// a word at a time; a byte loop is several times dearer on a long ASCII file).
fn first_beyond_ascii(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    for block in bytes.chunks(64) {
        if !block.is_ascii() {
            return block.iter().position(|b| !b.is_ascii()).map(|i| at + i);
        }
        at += block.len();
    }
    None
}

/// Whether the bytes `page` writes for `text` fall into UTF-8's sequences (lead bytes followed
/// by as many continuation bytes as they announce); `String::from_utf8` has the last word.
fn reads_back_as_utf8(text: &str, page: CodePage) -> bool {
    let mut owed = 0;
    for c in text.chars() {
        let Some(b) = page.byte(c) else { return false };
        match b {
            0x80..=0xBF if owed > 0 => owed -= 1,
            _ if owed > 0 => return false,
            0x00..=0x7F => {}
            0xC2..=0xDF => owed = 1,
            0xE0..=0xEF => owed = 2,
            0xF0..=0xF4 => owed = 3,
            _ => return false,
        }
    }
    owed == 0
}

/// Whether `c` is written without spaces between words: Han ideographs, kana, Hangul.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        // Hiragana, Katakana with ー (not the middle dot ・, which separates words)
        0x3040..=0x30FA | 0x30FC..=0x30FF
        | 0x31F0..=0x31FF   // Katakana phonetic extensions
        | 0x3400..=0x4DBF   // CJK extension A
        | 0x4E00..=0x9FFF   // CJK unified ideographs
        | 0xF900..=0xFAFF   // CJK compatibility ideographs
        | 0xFF66..=0xFF9F   // half-width Katakana
        | 0x1100..=0x11FF   // Hangul Jamo
        | 0x3130..=0x318F   // Hangul compatibility Jamo
        | 0xAC00..=0xD7AF   // Hangul syllables
        | 0x20000..=0x3134F // CJK extensions B–G
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repository_paths_stay_inside() {
        assert!(repo_relative(Path::new("./roles/x/../y")).unwrap_err().contains(".."));
        assert!(repo_relative(Path::new("/etc/passwd")).unwrap_err().contains("absolute"));
        assert!(repo_relative(Path::new("")).is_err());
        assert_eq!(repo_relative(Path::new("./roles//samba/smb.conf.j2")).unwrap(), "roles/samba/smb.conf.j2");
    }

    #[test]
    fn mojibake_reads_back_as_what_was_written() {
        // Each original encoded as UTF-8, its bytes read as the code page, saved as UTF-8.
        let russian = "# Технический контекст\n\n- **Next.js 14** — выбран для фронтенда\n- Импорт: «Иван»\n";
        let french = "Décision : garder l’hôte « nas-1 » après l’été 🚀\n";
        for (original, page) in [(russian, CodePage::Windows1251), (french, CodePage::Windows1252)] {
            let garbled: String = original.bytes().map(|b| decode_byte(b, page)).collect();
            assert_ne!(garbled, original);
            assert_eq!(undo_mojibake(&garbled), Some((original.to_string(), page)), "{garbled}");
            let with_bom = format!("\u{FEFF}{garbled}");
            assert_eq!(undo_mojibake(&with_bom).map(|(t, _)| t), Some(format!("\u{FEFF}{original}")));
            // A file that had its own mark keeps one.
            let marked: String = "\u{FEFF}".bytes().chain(original.bytes()).map(|b| decode_byte(b, page)).collect();
            assert_eq!(
                undo_mojibake(&format!("\u{FEFF}{marked}")).map(|(t, _)| t),
                Some(format!("\u{FEFF}{original}"))
            );
        }
        for page in [CodePage::Windows1251, CodePage::Windows1252] {
            for b in 0..=255u8 {
                assert_eq!(page.byte(decode_byte(b, page)), Some(b), "{page:?} {b:#x}");
            }
        }
        // Garbled through ISO-8859-1, whose 0x80–0x9F are C1 controls (`’` is E2 80 99).
        let latin1: String = french.bytes().map(char::from).collect();
        assert_eq!(undo_mojibake(&latin1), Some((french.to_string(), CodePage::Windows1252)));
        // Text as written stays as written: Russian, French, ASCII, emoji, a lone `Ã`, and
        // a few pairs that read back but are written on purpose.
        for text in [
            russian,
            french,
            "plain ASCII\n",
            "✅ done",
            "Ã",
            "Ёлка",
            "naïve café",
            "Рим и Мир",
            "- Fixed the export: names showed `Ã©` instead of accents\n",
            "Temp: 25Â°C",
            "Её",
        ] {
            assert_eq!(undo_mojibake(text), None, "{text}");
        }
        // A file with a line added later as UTF-8 is left alone.
        let garbled: String = russian.bytes().map(|b| decode_byte(b, CodePage::Windows1251)).collect();
        assert_eq!(undo_mojibake(&format!("{garbled}- Новая строка\n")), None);
    }

    /// The character `page` shows for byte `b`.
    fn decode_byte(b: u8, page: CodePage) -> char {
        match (page, b) {
            (_, 0x00..=0x7F) => b as char,
            (CodePage::Windows1251, 0xC0..) => char::from_u32(0x410 + u32::from(b - 0xC0)).unwrap(),
            (CodePage::Windows1251, _) => CP1251_80_BF[usize::from(b - 0x80)],
            (CodePage::Windows1252, 0xA0..) => b as char,
            (CodePage::Windows1252, _) => CP1252_80_9F[usize::from(b - 0x80)],
        }
    }

    #[test]
    fn lines_and_columns_count_characters() {
        let text = "ab\nçd\r\nef";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 3), (2, 1));
        assert_eq!(idx.line_col(text, 5), (2, 2)); // after the two-byte ç
        assert_eq!(idx.line_col(text, 9), (3, 2));
        assert_eq!(&text[idx.line_range(text, 2)], "çd");
        assert_eq!(&text[idx.line_range(text, 3)], "ef");
        // A lone `\r` ends a line too; `\r\n` is one ending, and `\r\r\n` two.
        let text = "ab\rcd\r\ref\r\r\ngh\r";
        let idx = LineIndex::new(text);
        let lines: Vec<&str> = (1..=5).map(|n| &text[idx.line_range(text, n)]).collect();
        assert_eq!(lines, ["ab", "cd", "", "ef", ""]);
        assert_eq!(idx.line_col(text, text.find('g').unwrap()), (6, 1));
        assert_eq!(line_count(text), 7);
        assert!(has_lone_cr(text.as_bytes()) && !has_lone_cr(b"a\r\nb\n"));
        assert_eq!(lone_cr_as_lf(text), "ab\ncd\n\nef\n\r\ngh\n");
        assert!(matches!(lone_cr_as_lf("a\r\nb\n"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let err = SourceFile::from_bytes("x.md".into(), b"ok\nab\xffc".to_vec()).unwrap_err();
        match err {
            ReadError::NotUtf8 { line, column, offset, stray, .. } => {
                assert_eq!((line, column, offset, stray), (2, 3, 5, false));
            }
            other => panic!("unexpected {other}"),
        }
    }

    #[test]
    fn a_stray_byte_in_a_utf8_file_is_not_a_reason_to_re_encode_it() {
        // A Latin-1 file: re-encoding it is the fix.
        let latin1 = SourceFile::from_bytes("a.md".into(), b"caf\xe9 cr\xe8me".to_vec()).unwrap_err();
        assert!(latin1.to_string().contains("iconv -f latin1"), "{latin1}");
        // A UTF-8 file with one bad byte: re-encoding it would garble its `é`s.
        let stray = SourceFile::from_bytes("b.md".into(), "café\n".bytes().chain(*b"x\xffy").collect()).unwrap_err();
        let message = stray.to_string();
        assert!(message.starts_with("b.md:2:2:") && !message.contains("iconv"), "{message}");
        // Bad bytes everywhere are looked at a bounded number of times.
        let many = SourceFile::from_bytes("c.md".into(), [0xffu8; 10_000].to_vec()).unwrap_err();
        assert!(many.to_string().contains("iconv"), "{many}");
    }
}
