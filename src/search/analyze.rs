//! How text becomes search terms, for indexing and for queries alike.
//!
//! Infrastructure text is full of compound words — `fruit:locking`, `ansible_host`,
//! `pve-firewall`, `10.10.68.0/24`, `xattr=sa`, `/etc/samba/smb.conf` — that people search for
//! whole and by their parts. A compound is indexed as itself *and* as its parts, the first part
//! at the compound's position and each next part one position later, so that
//!
//! - `fruit:locking` finds the compound exactly,
//! - `locking` finds it by a part,
//! - the phrase `"fruit locking"` finds it too (parts are adjacent),
//! - and the word after the compound follows its last part, so phrases across it work.
//!
//! Plain words are lower-cased and stemmed (English), so `locks` finds `locking`. Compounds
//! are kept as written (lower-cased): stemming `smb.conf` would only blur it.
//!
//! Chinese and Japanese (and Korean) are written without spaces between words, so a run of
//! CJK characters is cut into overlapping **bigrams** (`日本語` → `日本`, `本語`), as many
//! search engines do: no dictionary, and any word of two or more characters is a phrase of
//! bigrams. The index also holds each character alone, at the position of the bigram it starts,
//! so a one-character query (`日`) finds it; a query is cut into bigrams only (a lone character
//! stays itself), since the index's bigrams already say everything its characters would.
//! A CJK run ends an ASCII word, so `ZFSの` is `zfs` then `の`.

use std::sync::OnceLock;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::source::is_cjk;

/// Characters that join the parts of a compound word.
fn is_joiner(c: char) -> bool {
    matches!(c, ':' | '/' | '=' | '_' | '-' | '.' | '@' | '+' | '~' | '#' | '%' | ',')
}

/// Whether single CJK characters are indexed beside the bigrams (when indexing), or only
/// where a run is one character long (when reading a query).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cjk {
    Index,
    Query,
}

/// The longest term indexed; longer runs (base64 blobs, hashes) are not words anyone types.
const MAX_TERM_BYTES: usize = 128;

/// One search term with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    /// Byte range in the analysed text.
    pub from: usize,
    pub to: usize,
    pub position: usize,
}

fn stemmer() -> &'static frostem::Stemmer {
    static STEMMER: OnceLock<frostem::Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| frostem::Stemmer::new(frostem::Algorithm::English))
}

/// Appends `word` lower-cased (and stemmed, if all letters) to `buf`, without allocating
/// when the stem is cached.
fn push_normalized(buf: &mut String, word: &str) {
    let start = buf.len();
    let alphabetic = if word.is_ascii() {
        buf.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
        word.bytes().all(|b| b.is_ascii_alphabetic())
    } else {
        buf.extend(word.chars().flat_map(char::to_lowercase));
        buf[start..].chars().all(char::is_alphabetic)
    };
    if alphabetic {
        // Copy the word out of `buf` (on the stack when short) so the stem can replace it.
        let len = buf.len() - start;
        let mut short = [0u8; 64];
        let owned;
        let lower = if len <= short.len() {
            short[..len].copy_from_slice(&buf.as_bytes()[start..]);
            std::str::from_utf8(&short[..len]).unwrap_or_default()
        } else {
            owned = buf[start..].to_owned();
            owned.as_str()
        };
        with_stem(lower, |stem| {
            buf.truncate(start);
            buf.push_str(stem);
        });
    }
}

/// Calls `f` with the stem of a lower-cased word. The vocabulary of a Memory Bank is small and
/// repetitive, so each thread remembers the stems it computed (stemming was a tenth of
/// indexing time).
fn with_stem(lower: &str, f: impl FnOnce(&str)) {
    const CACHE_LIMIT: usize = 1 << 16;
    type Cache =
        std::collections::HashMap<String, String, std::hash::BuildHasherDefault<crate::kb::heading::WordHasher>>;
    thread_local! {
        static CACHE: std::cell::RefCell<Cache> = std::cell::RefCell::new(Cache::default());
    }
    CACHE.with(|cache| {
        if let Some(stemmed) = cache.borrow().get(lower) {
            f(stemmed);
            return;
        }
        let stemmed = stemmer().stem(lower).into_owned();
        f(&stemmed);
        let mut cache = cache.borrow_mut();
        if cache.len() >= CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(lower.to_string(), stemmed);
    });
}

/// Analysed terms whose texts share one buffer: no allocation per token.
#[derive(Debug, Default, Clone)]
pub struct Terms {
    buf: String,
    spans: Vec<Span>,
}

#[derive(Debug, Clone, Copy)]
struct Span {
    text: (u32, u32),
    from: usize,
    to: usize,
    position: usize,
}

impl Terms {
    pub fn clear(&mut self) {
        self.buf.clear();
        self.spans.clear();
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    fn push(&mut self, word: &str, normalize: bool, from: usize, position: usize) {
        let start = self.buf.len();
        if normalize {
            push_normalized(&mut self.buf, word);
        } else if word.is_ascii() {
            self.buf.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
        } else {
            self.buf.extend(word.chars().flat_map(char::to_lowercase));
        }
        self.spans.push(Span { text: (start as u32, self.buf.len() as u32), from, to: from + word.len(), position });
    }

    /// The `i`th term: its text, source byte range and position.
    fn get(&self, i: usize) -> (&str, usize, usize, usize) {
        let s = self.spans[i];
        (&self.buf[s.text.0 as usize..s.text.1 as usize], s.from, s.to, s.position)
    }

    /// Analyses `text` into these terms (after any already here), as the index holds it.
    /// Positions start at 0.
    pub fn analyze(&mut self, text: &str) {
        self.analyze_as(text, Cjk::Index);
    }

    fn analyze_as(&mut self, text: &str, cjk: Cjk) {
        let mut position = 0;
        let mut chars = text.char_indices().peekable();
        while let Some(&(start, c)) = chars.peek() {
            if is_cjk(c) {
                position = self.push_cjk_run(&mut chars, cjk, position);
                continue;
            }
            if !c.is_alphanumeric() {
                chars.next();
                continue;
            }
            // A run of word characters and joiners, ended by anything else.
            let mut end = start;
            while let Some(&(i, c)) = chars.peek() {
                if (c.is_alphanumeric() || is_joiner(c)) && !is_cjk(c) {
                    end = i + c.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            // Joiners at the edges are punctuation: "(xattr=sa)." → "xattr=sa".
            let word = text[start..end].trim_end_matches(is_joiner);
            if word.is_empty() || word.len() > MAX_TERM_BYTES {
                continue;
            }
            let parts = split_parts(word);
            if parts.len() <= 1 {
                self.push(word, true, start, position);
                position += 1;
                continue;
            }
            self.push(word, false, start, position);
            for (n, (a, b)) in parts.iter().enumerate() {
                self.push(&word[*a..*b], true, start + a, position + n);
            }
            position += parts.len();
        }
    }

    /// Pushes the CJK run at the front of `chars` as bigrams (and characters, see [`Cjk`]);
    /// returns the position after it.
    fn push_cjk_run(
        &mut self,
        chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
        cjk: Cjk,
        mut position: usize,
    ) -> usize {
        // (byte offset, char) of the previous character of the run.
        let mut previous: Option<(usize, char)> = None;
        let mut run_len = 0;
        let mut pair = [0u8; 8];
        while let Some(&(i, c)) = chars.peek() {
            if !is_cjk(c) {
                break;
            }
            chars.next();
            if let Some((j, p)) = previous {
                let a = p.encode_utf8(&mut pair).len();
                let b = c.encode_utf8(&mut pair[a..]).len();
                let bigram = std::str::from_utf8(&pair[..a + b]).unwrap_or_default();
                self.push_raw(bigram, j, i + c.len_utf8(), position);
                if cjk == Cjk::Index {
                    self.push_raw(p.encode_utf8(&mut [0u8; 4]), j, i, position);
                }
                position += 1;
            }
            previous = Some((i, c));
            run_len += 1;
        }
        if let Some((j, p)) = previous
            && (cjk == Cjk::Index || run_len == 1)
        {
            self.push_raw(p.encode_utf8(&mut [0u8; 4]), j, j + p.len_utf8(), position);
        }
        position + usize::from(run_len > 0)
    }

    /// Pushes a term as it is (CJK has no case and no stems).
    fn push_raw(&mut self, term: &str, from: usize, to: usize, position: usize) {
        let start = self.buf.len();
        self.buf.push_str(term);
        self.spans.push(Span { text: (start as u32, self.buf.len() as u32), from, to, position });
    }
}

/// Splits `text` into terms as the index holds them, at positions from 0.
pub fn analyze(text: &str, out: &mut Vec<Term>) {
    analyze_into(text, Cjk::Index, out);
}

/// Splits a query word or phrase into the terms to look up: as [`analyze`], but a CJK run is
/// only its bigrams (a lone CJK character stays itself).
pub fn analyze_query(text: &str, out: &mut Vec<Term>) {
    analyze_into(text, Cjk::Query, out);
}

fn analyze_into(text: &str, cjk: Cjk, out: &mut Vec<Term>) {
    let mut terms = Terms::default();
    terms.analyze_as(text, cjk);
    out.extend((0..terms.len()).map(|i| {
        let (text, from, to, position) = terms.get(i);
        Term { text: text.to_string(), from, to, position }
    }));
}

/// The parts of a compound word as byte ranges. A `.` between digits does not split
/// (`10.10.68.0`, `1.5T`), so addresses and versions stay whole.
fn split_parts(word: &str) -> Vec<(usize, usize)> {
    let bytes = word.as_bytes();
    let mut parts = Vec::new();
    let mut start = None;
    for (i, c) in word.char_indices() {
        let splits = is_joiner(c)
            && !(c == '.'
                && i > 0
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
        match (splits, start) {
            (true, Some(s)) => {
                parts.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        parts.push((s, word.len()));
    }
    parts
}

/// The analyser as a tantivy tokenizer, registered as [`TOKENIZER`].
#[derive(Clone, Default)]
pub struct InfraTokenizer {
    terms: Terms,
}

/// The name the analyser is registered under in every index mb opens.
pub const TOKENIZER: &str = "mb-infra";

pub struct InfraTokenStream<'a> {
    terms: &'a Terms,
    next: usize,
    token: Token,
}

impl Tokenizer for InfraTokenizer {
    type TokenStream<'a> = InfraTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> InfraTokenStream<'a> {
        self.terms.clear();
        self.terms.analyze(text);
        InfraTokenStream { terms: &self.terms, next: 0, token: Token::default() }
    }
}

impl TokenStream for InfraTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next >= self.terms.len() {
            return false;
        }
        let (text, from, to, position) = self.terms.get(self.next);
        self.next += 1;
        self.token.text.clear();
        self.token.text.push_str(text);
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = position;
        self.token.position_length = 1;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        analyze(text, &mut out);
        out.into_iter().map(|t| (t.text, t.position)).collect()
    }

    fn texts(text: &str) -> Vec<String> {
        terms(text).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn compounds_are_whole_and_in_parts() {
        assert_eq!(
            terms("Keep fruit:locking = none"),
            [
                ("keep".into(), 0),
                ("fruit:locking".into(), 1),
                ("fruit".into(), 1),
                ("lock".into(), 2),
                ("none".into(), 3)
            ]
        );
        assert_eq!(texts("ansible_host"), ["ansible_host", "ansibl", "host"]);
        assert_eq!(texts("pve-firewall."), ["pve-firewall", "pve", "firewal"]);
        assert_eq!(texts("(xattr=sa)"), ["xattr=sa", "xattr", "sa"]);
        assert_eq!(texts("10.10.68.0/24"), ["10.10.68.0/24", "10.10.68.0", "24"]);
        assert_eq!(texts("/etc/samba/smb.conf"), ["etc/samba/smb.conf", "etc", "samba", "smb", "conf"]);
        assert_eq!(texts("refquota 3T"), ["refquota", "3t"]);
    }

    #[test]
    fn prose_is_stemmed_and_unicode_survives() {
        assert_eq!(texts("Locks were locking"), ["lock", "were", "lock"]);
        assert_eq!(texts("Ünïcödé 🔧 café"), ["ünïcödé", "café"]);
    }

    #[test]
    fn cjk_runs_are_bigrams_with_their_characters() {
        assert_eq!(
            terms("日本語"),
            [("日本".into(), 0), ("日".into(), 0), ("本語".into(), 1), ("本".into(), 1), ("語".into(), 2)]
        );
        // A CJK run ends a word, the word after it follows the run, and `・` separates.
        assert_eq!(texts("ZFSの refquota"), ["zfs", "の", "refquota"]);
        assert_eq!(terms("设置ZFS配额 now").last(), Some(&("now".into(), 5)));
        assert_eq!(texts("決定・考慮"), ["決定", "決", "定", "考慮", "考", "慮"]);
    }

    #[test]
    fn a_cjk_query_is_its_bigrams() {
        let query = |text: &str| {
            let mut out = Vec::new();
            analyze_query(text, &mut out);
            out.into_iter().map(|t| (t.text, t.position)).collect::<Vec<_>>()
        };
        assert_eq!(query("日本語"), [("日本".into(), 0), ("本語".into(), 1)]);
        assert_eq!(query("日"), [("日".into(), 0)]);
        assert_eq!(query("ZFSの設定"), [("zfs".into(), 0), ("の設".into(), 1), ("設定".into(), 2)]);
        // Positions agree with the index's, so a query is a phrase of the index's terms.
        let indexed = terms("ZFSの設定を変更");
        assert!(indexed.contains(&("の設".into(), 1)) && indexed.contains(&("設定".into(), 2)));
    }

    #[test]
    fn offsets_point_at_the_source() {
        let text = "see fruit:locking.";
        let mut out = Vec::new();
        analyze(text, &mut out);
        let spans: Vec<&str> = out.iter().map(|t| &text[t.from..t.to]).collect();
        assert_eq!(spans, ["see", "fruit:locking", "fruit", "locking"]);
    }
}
