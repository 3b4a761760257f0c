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

use std::sync::OnceLock;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Characters that join the parts of a compound word.
fn is_joiner(c: char) -> bool {
    matches!(c, ':' | '/' | '=' | '_' | '-' | '.' | '@' | '+' | '~' | '#' | '%' | ',')
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

/// A plain word's term: lower-cased, stemmed when it is all letters.
pub fn normalize_word(word: &str) -> String {
    let lower = word.to_lowercase();
    if lower.chars().all(char::is_alphabetic) {
        stemmer().stem(&lower).into_owned()
    } else {
        lower
    }
}

/// Splits `text` into terms. Positions start at `first_position`.
pub fn analyze(text: &str, first_position: usize, out: &mut Vec<Term>) {
    let mut position = first_position;
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if !c.is_alphanumeric() {
            chars.next();
            continue;
        }
        // A run of word characters and joiners, ended by anything else.
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphanumeric() || is_joiner(c) {
                end = i + c.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        // Joiners at the edges are punctuation: "(xattr=sa)." → "xattr=sa".
        let word = text[start..end].trim_end_matches(is_joiner);
        let end = start + word.len();
        if word.is_empty() || word.len() > MAX_TERM_BYTES {
            continue;
        }
        let parts = split_parts(word);
        if parts.len() <= 1 {
            out.push(Term {
                text: normalize_word(word),
                from: start,
                to: end,
                position,
            });
            position += 1;
            continue;
        }
        out.push(Term {
            text: word.to_lowercase(),
            from: start,
            to: end,
            position,
        });
        for (n, (a, b)) in parts.iter().enumerate() {
            out.push(Term {
                text: normalize_word(&word[*a..*b]),
                from: start + a,
                to: start + b,
                position: position + n,
            });
        }
        position += parts.len();
    }
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
    terms: Vec<Term>,
}

/// The name the analyser is registered under in every index mb opens.
pub const TOKENIZER: &str = "mb-infra";

pub struct InfraTokenStream<'a> {
    terms: &'a [Term],
    next: usize,
    token: Token,
}

impl Tokenizer for InfraTokenizer {
    type TokenStream<'a> = InfraTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> InfraTokenStream<'a> {
        self.terms.clear();
        analyze(text, 0, &mut self.terms);
        InfraTokenStream {
            terms: &self.terms,
            next: 0,
            token: Token::default(),
        }
    }
}

impl TokenStream for InfraTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(term) = self.terms.get(self.next) else {
            return false;
        };
        self.next += 1;
        self.token.text.clear();
        self.token.text.push_str(&term.text);
        self.token.offset_from = term.from;
        self.token.offset_to = term.to;
        self.token.position = term.position;
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
        analyze(text, 0, &mut out);
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
    fn offsets_point_at_the_source() {
        let text = "see fruit:locking.";
        let mut out = Vec::new();
        analyze(text, 0, &mut out);
        let spans: Vec<&str> = out.iter().map(|t| &text[t.from..t.to]).collect();
        assert_eq!(spans, ["see", "fruit:locking", "fruit", "locking"]);
    }
}
