//! Settings stated in prose: `fruit:locking = none`, `` `server role = standalone server` ``,
//! `` ZFS `refquota` set to 3T ``.
//!
//! Only what the text says clearly becomes a setting: an `=` with a key-shaped left side, a
//! code span holding `key = value` or `key: value`, or `KEY set to VALUE` / `set KEY to VALUE`
//! where KEY is a code span or an identifier with `:`, `_` or `.` in it. A setting in a negated
//! clause ("do not set x = y", "avoid …") is left out.

use std::ops::Range;

use super::Setting;

/// Words that end a key when read leftwards from `=`: verbs and fillers that introduce a
/// setting rather than belong to its name.
const KEY_STOP: &[&str] = &[
    "a",
    "add",
    "added",
    "adding",
    "allow",
    "allows",
    "also",
    "always",
    "an",
    "and",
    "are",
    "be",
    "becomes",
    "consider",
    "considering",
    "disable",
    "disabled",
    "enable",
    "enabled",
    "enforce",
    "enforced",
    "ensure",
    "ensured",
    "explicitly",
    "gets",
    "got",
    "had",
    "has",
    "have",
    "if",
    "is",
    "keep",
    "keeps",
    "kept",
    "make",
    "must",
    "need",
    "needs",
    "never",
    "only",
    "or",
    "prefer",
    "remain",
    "remains",
    "require",
    "required",
    "requires",
    "runs",
    "set",
    "sets",
    "setting",
    "should",
    "stays",
    "the",
    "then",
    "try",
    "trying",
    "update",
    "updated",
    "use",
    "used",
    "uses",
    "using",
    "via",
    "wants",
    "was",
    "when",
    "where",
    "with",
];

/// Words that end a value when read rightwards.
const VALUE_STOP: &[&str] = &[
    "and", "are", "as", "at", "because", "but", "by", "for", "if", "in", "instead", "is", "on", "or", "set", "since",
    "so", "to", "unless", "via", "was", "when", "where", "which", "while", "with",
];

/// Words that negate the clause they open ("do not set …", "avoid …"); "no longer" too.
const NEGATIONS: &[&str] = &["avoid", "don't", "dont", "never", "not", "without"];

const SET_VERBS: &[&str] = &[
    "bumped", "change", "changed", "lower", "lowered", "pinned", "raise", "raised", "set", "switched", "update",
    "updated",
];

const MAX_KEY_WORDS: usize = 5;
const MAX_VALUE_WORDS: usize = 4;

/// Settings in an item's plain `text`, where `code` holds the byte ranges of its code spans.
pub fn extract(text: &str, code: &[Range<usize>]) -> Vec<Setting> {
    let mut out = Vec::new();
    for range in code {
        if let Some((key, value)) = split_code_setting(&text[range.clone()])
            && !negated(text, range.start)
            && !dismissed(text, range.end)
        {
            push(&mut out, key, value);
        }
    }
    let in_code = |i: usize| code.iter().any(|r| r.contains(&i));
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices('=') {
        let prev = i.checked_sub(1).map(|p| bytes[p]);
        let next = bytes.get(i + 1).copied();
        if in_code(i) || matches!(prev, Some(b'=' | b'!' | b'<' | b'>')) || matches!(next, Some(b'=' | b'>')) {
            continue;
        }
        let Some((key, key_start)) = key_before(text, i, code) else {
            continue;
        };
        let Some(value) = value_after(text, i + 1, code) else {
            continue;
        };
        if !negated(text, key_start) && !dismissed(text, i) {
            push(&mut out, key, value);
        }
    }
    set_to_settings(text, code, &mut out);
    out
}

fn push(out: &mut Vec<Setting>, key: &str, value: &str) {
    let key = normalize_key(key);
    let value = value.trim().trim_matches(['"', '\'']).trim().to_string();
    if key.is_empty() || value.is_empty() || out.iter().any(|s| s.key == key && s.value == value) {
        return;
    }
    out.push(Setting { key, value });
}

/// Lower-cased with runs of whitespace folded to one space.
pub fn normalize_key(key: &str) -> String {
    let b = key.as_bytes();
    let tidy = b.iter().all(|c| c.is_ascii() && !c.is_ascii_uppercase() && *c != b'\t' && *c != b'\n')
        && !b.windows(2).any(|w| w == b"  ")
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ');
    if tidy {
        return key.to_string();
    }
    let mut out = String::with_capacity(key.len());
    for word in key.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.to_lowercase());
    }
    out
}

/// `k = v`, `k=v` or `k: v` inside one code span; values that are lists or mappings are not
/// settings.
fn split_code_setting(code: &str) -> Option<(&str, &str)> {
    let (key, value, assigned) = match code.split_once('=') {
        Some((k, v)) if !v.starts_with(['=', '>']) && !k.ends_with(['!', '<', '>']) => (k, v, true),
        _ => {
            let (k, v) = code.split_once(": ")?;
            (k, v, false)
        }
    };
    let key = key.trim();
    let value = value.trim();
    let key_ok = !key.is_empty()
        && key.len() <= 64
        && key.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ':' | '.' | ' ' | '/'))
        && key.split_whitespace().count() <= MAX_KEY_WORDS;
    // A bracketed value is taken whole or not at all: `provider_params={"provider": "x"}`.
    let bracketed = assigned && value.starts_with(['[', '{']);
    let value_ok = !value.is_empty()
        && !value.contains('=')
        && !value.contains("{{")
        && (if bracketed { balanced(value) } else { !value.starts_with(['[', '{']) && !value.contains('{') });
    (key_ok && value_ok).then_some((key, value))
}

/// Whether `value` is one bracketed whole: its first bracket closes at its last byte, quotes
/// respected.
fn balanced(value: &str) -> bool {
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    for (i, c) in value.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => {
                depth -= 1;
                if depth == 0 && i + 1 != value.len() {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0 && quote.is_none()
}

fn is_key_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | ':' | '.' | '/')
}

/// The key that ends just before byte `eq`, read leftwards word by word.
fn key_before<'t>(text: &'t str, eq: usize, code: &[Range<usize>]) -> Option<(&'t str, usize)> {
    let head = text[..eq].trim_end();
    if let Some(r) = code.iter().find(|r| r.end == head.len()) {
        return Some((&text[r.clone()], r.start));
    }
    let mut start = head.len();
    let mut words = 0;
    for raw in head.rsplit(' ') {
        let word_end = if words == 0 { head.len() } else { start - 1 };
        // An opening bracket or quote ends the key: `(xattr=sa)`.
        let (word, opened) = match raw.strip_prefix(['(', '[', '"', '\'']) {
            Some(rest) => (rest, true),
            None => (raw, false),
        };
        let word_start = word_end - word.len();
        if word.is_empty() || !word.chars().all(is_key_char) || word.ends_with(':') {
            break;
        }
        if is_one_of(word, KEY_STOP) {
            break;
        }
        // An initial capital marks prose ("Keep", "ZFS") unless it is the word next to `=`.
        if words > 0 && word.chars().next().is_some_and(char::is_uppercase) {
            break;
        }
        if code.iter().any(|r| r.start < word_end && r.end > word_start) {
            break;
        }
        start = word_start;
        words += 1;
        if opened || words == MAX_KEY_WORDS {
            break;
        }
    }
    if words == 0 {
        return None;
    }
    let key = &head[start..];
    key.chars().any(char::is_alphabetic).then_some((key, start))
}

/// The value that starts at byte `from`, read rightwards until punctuation or a stop word.
fn value_after<'t>(text: &'t str, from: usize, code: &[Range<usize>]) -> Option<&'t str> {
    let rest = &text[from..];
    let skipped = rest.len() - rest.trim_start().len();
    let begin = from + skipped;
    if let Some(r) = code.iter().find(|r| r.start == begin) {
        return Some(&text[r.clone()]);
    }
    // The words taken are consecutive, one space apart: the value is the text from `begin`
    // to the end of the last one.
    let (mut end, mut at) = (begin, begin);
    let mut words = 0;
    for raw in text[begin..].split(' ') {
        if raw.is_empty() {
            break;
        }
        let (word, ends) = strip_trailing_punct(raw);
        if words > 0 && is_one_of(word, VALUE_STOP) {
            break;
        }
        if word.contains(['(', ')', '=']) && !word.starts_with(['"', '\'']) {
            if words == 0 {
                end = at + word.find(['(', ')', '=']).unwrap_or(word.len());
            }
            break;
        }
        end = at + word.len();
        words += 1;
        if ends || words == MAX_VALUE_WORDS {
            break;
        }
        at += raw.len() + 1;
    }
    let value = text[begin..end].trim().trim_matches(['"', '\'', '`']);
    (!value.is_empty()).then_some(value)
}

/// Splits sentence punctuation off a word: `none,` → (`none`, true). A dot inside a word
/// (`smb.conf`, `1.5T`) stays.
fn strip_trailing_punct(word: &str) -> (&str, bool) {
    let trimmed = word.trim_end_matches([',', ';', '.', '!', '?', ':', ')']);
    (trimmed, trimmed.len() != word.len())
}

/// Whether `word` is one of `list`, ignoring ASCII case. The lists are sorted and lower-case
/// ASCII (a unit test keeps them so): only the words with `word`'s first letter are compared.
fn is_one_of(word: &str, list: &[&str]) -> bool {
    let first = word.as_bytes().first().map(u8::to_ascii_lowercase);
    let from = list.partition_point(|w| w.as_bytes().first().copied() < first);
    list[from..].iter().take_while(|w| w.as_bytes().first().copied() == first).any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether the clause holding byte `at` is negated before that point.
fn negated(text: &str, at: usize) -> bool {
    let clause_start = text[..at].rfind(['.', ';', ',', '(', ':']).map_or(0, |i| i + 1);
    let mut previous = "";
    for word in text[clause_start..at].split(|c: char| !(c.is_alphanumeric() || c == '\'')).filter(|w| !w.is_empty()) {
        if is_one_of(word, NEGATIONS) || (previous.eq_ignore_ascii_case("no") && word.eq_ignore_ascii_case("longer")) {
            return true;
        }
        previous = word;
    }
    false
}

/// Phrases after a setting that say it is not the answer: "setting `x = y` is not enough".
const DISMISSALS: &[&str] = &[
    "not enough",
    "not sufficient",
    "insufficient",
    "does not help",
    "doesn't help",
    "did not help",
    "didn't help",
    "does not work",
    "doesn't work",
    "did not work",
    "didn't work",
    "has no effect",
    "had no effect",
];

/// Whether the rest of the sentence after byte `at` dismisses the setting before it.
fn dismissed(text: &str, at: usize) -> bool {
    let rest = &text[at..];
    // The marks are ASCII, so a byte search finds the same place as a character search.
    let end = rest.bytes().position(|b| matches!(b, b'.' | b';' | b'!' | b'?')).unwrap_or(rest.len());
    // Every dismissal has an `n` followed by `o`, `'` or `su` (`not`, `no`, `n't`,
    // `insufficient`; a unit test checks it): most sentences after a setting have none, and
    // the rest are searched once lower-cased rather than compared window by window.
    let rest = &rest[..end];
    if !may_dismiss(rest.as_bytes()) {
        return false;
    }
    // One ASCII-case-insensitive pass for all of them (a short list of short words always
    // builds; were it not to, nothing would be dismissed).
    static WORDS: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> = std::sync::OnceLock::new();
    WORDS
        .get_or_init(|| aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(DISMISSALS).ok())
        .as_ref()
        .is_some_and(|words| words.is_match(rest))
}

/// Whether `text` holds, ignoring ASCII case, `no`, `n'` or `nsu`: one of them is in every
/// dismissal.
fn may_dismiss(text: &[u8]) -> bool {
    memchr::memchr2_iter(b'n', b'N', text).any(|at| match text.get(at + 1) {
        Some(b'o' | b'O' | b'\'') => true,
        Some(b's' | b'S') => text.get(at + 2).is_some_and(|b| b.eq_ignore_ascii_case(&b'u')),
        _ => false,
    })
}

/// `KEY set to VALUE` and `(set|updated|…) KEY to VALUE`.
fn set_to_settings(text: &str, code: &[Range<usize>], out: &mut Vec<Setting>) {
    static TO: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    let to = TO.get_or_init(|| memchr::memmem::Finder::new(" to "));
    for i in to.find_iter(text.as_bytes()) {
        let before = text[..i].trim_end();
        let (key, key_start) = if let Some(stripped) = before.strip_suffix(" set") {
            match key_at_end(text, stripped.trim_end(), code) {
                Some(k) => k,
                None => continue,
            }
        } else {
            let Some((key, key_start)) = key_at_end(text, before, code) else {
                continue;
            };
            let verb = text[..key_start].trim_end().rsplit(' ').next().unwrap_or("");
            if !is_one_of(verb, SET_VERBS) {
                continue;
            }
            (key, key_start)
        };
        let begin = i + " to ".len();
        let value = match code.iter().find(|r| r.start == begin) {
            Some(r) => &text[r.clone()],
            None => {
                let word = text[begin..].split(' ').next().unwrap_or("");
                let (word, _) = strip_trailing_punct(word);
                if word.is_empty() || is_one_of(word, VALUE_STOP) {
                    continue;
                }
                word
            }
        };
        if !negated(text, key_start) {
            push(out, key, value);
        }
    }
}

/// A key ending exactly at the end of `head`: a code span, or one identifier with `:`, `_`
/// or `.` in it.
fn key_at_end<'t>(text: &'t str, head: &'t str, code: &[Range<usize>]) -> Option<(&'t str, usize)> {
    if let Some(r) = code.iter().find(|r| r.end == head.len()) {
        let key = &text[r.clone()];
        return (!key.contains('=') && key.split_whitespace().count() <= MAX_KEY_WORDS).then_some((key, r.start));
    }
    let word = head.rsplit(' ').next()?;
    let start = head.len() - word.len();
    let ok = word.chars().all(is_key_char)
        && word.contains([':', '_', '.'])
        && !looks_like_file(word)
        && word.chars().next().is_some_and(char::is_alphabetic)
        && !word.ends_with([':', '.']);
    ok.then_some((word, start))
}

/// `firewall.yml`, `roles/x/tasks/main.yml`: paths are what a sentence is about, not keys.
fn looks_like_file(word: &str) -> bool {
    const EXTENSIONS: &[&str] = &[
        "cfg", "conf", "env", "ini", "j2", "json", "list", "md", "py", "service", "sh", "sources", "toml", "txt",
        "yaml", "yml",
    ];
    word.contains('/')
        || word.rsplit_once('.').is_some_and(|(_, ext)| EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_lower_case_ascii() {
        for list in [KEY_STOP, VALUE_STOP, NEGATIONS, SET_VERBS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
            assert!(list.iter().all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase())));
            for word in list {
                assert!(is_one_of(word, list) && is_one_of(&word.to_uppercase(), list), "{word}");
                assert!(
                    !is_one_of(&format!("{word}x"), list) && !is_one_of(&word[1..], list) || list.contains(&&word[1..])
                );
            }
            assert!(!is_one_of("", list) && !is_one_of("zzz", list) && !is_one_of("é", list));
        }
    }

    #[test]
    fn every_dismissal_passes_the_first_look() {
        for d in DISMISSALS {
            assert!(may_dismiss(d.as_bytes()) && may_dismiss(d.to_uppercase().as_bytes()), "{d}");
        }
        assert!(!may_dismiss(b" on every share"));
        assert!(dismissed("x = y did NOT help.", 5) && !dismissed("x = y. It did not help", 5));
    }

    /// Builds the plain text of an item from Markdown-ish input where `backticks` mark code.
    fn run(marked: &str) -> Vec<(String, String)> {
        let mut text = String::new();
        let mut code = Vec::new();
        for (n, part) in marked.split('`').enumerate() {
            let start = text.len();
            text.push_str(part);
            if n % 2 == 1 {
                code.push(start..text.len());
            }
        }
        extract(&text, &code).into_iter().map(|s| (s.key, s.value)).collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn equals_in_prose() {
        assert_eq!(
            run("Keep fruit:locking = none so Time Machine stays reliable."),
            pairs(&[("fruit:locking", "none")])
        );
        assert_eq!(
            run("Use fruit:resource = xattr on ZFS (xattr=sa) for old sparsebundles."),
            pairs(&[("fruit:resource", "xattr"), ("xattr", "sa")])
        );
        assert_eq!(
            run("Turned DFS off (host msdfs = no, msdfs root = no) after path errors."),
            pairs(&[("host msdfs", "no"), ("msdfs root", "no")])
        );
        assert_eq!(
            run("Forced SMB3, turned off NetBIOS, set map to guest = Never."),
            pairs(&[("map to guest", "Never")])
        );
        assert_eq!(
            run("If ACL errors return, try nt acl support = no and inherit owner = yes."),
            pairs(&[("nt acl support", "no"), ("inherit owner", "yes")])
        );
    }

    #[test]
    fn code_spans_and_set_to() {
        assert_eq!(
            run("Samba: `server role = standalone server` is set in smb.conf"),
            pairs(&[("server role", "standalone server")])
        );
        assert_eq!(
            run("Quotas: `tm_quota` set to 3T in defaults, ZFS `refquota` set to 3T on the dataset."),
            pairs(&[("tm_quota", "3T"), ("refquota", "3T")])
        );
        assert_eq!(run("Switched fruit:resource to xattr for ZFS."), pairs(&[("fruit:resource", "xattr")]));
        assert_eq!(run("The cluster runs `policy_out: ACCEPT`."), pairs(&[("policy_out", "ACCEPT")]));
        assert_eq!(run("Sets use `cidrs: [{cidr: x}]` dicts"), pairs(&[]));
    }

    #[test]
    fn no_settings_from_vague_or_negated_text() {
        assert_eq!(run("Migrated from legacy iptables to Proxmox nftables."), pairs(&[]));
        assert_eq!(
            run("The old print server needs server min protocol = SMB2."),
            pairs(&[("server min protocol", "SMB2")])
        );
        assert_eq!(run("Roll the updated firewall.yml to staging first."), pairs(&[]));
        assert_eq!(run("Do not set fruit:locking = posix on these shares."), pairs(&[]));
        assert_eq!(run("Avoid `fruit:time machine max size = 1T` unless quotas match"), pairs(&[]));
        assert_eq!(run("if a == b or x => y"), pairs(&[]));
        assert_eq!(run("Use `.get('enable', 0)` for missing keys"), pairs(&[]));
        assert_eq!(run("Setting `grpc_tls = false` in the config is not enough."), pairs(&[]));
        assert_eq!(run("With tls = off set, the flag had no effect."), pairs(&[]));
    }
}
