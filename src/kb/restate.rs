//! Restatements: a decision written again in another file of the bank, or in an index of its
//! own file's records.
//!
//! Banks repeat their decisions: a project brief's table lists the dated decisions of
//! activeContext.md again, a progress log's "Evolution of Project Decisions" recaps
//! systemPatterns.md, a changelog line copies the decision log's. A careful reader lists each
//! decision once, where it is recorded. So a decision whose statement has the same words as
//! one in another file — case, punctuation and filler words (`the`, `for`, `use`, `Decision:`,
//! and a recap's `confirmed`, `leveraging` …) aside, and word order too unless it says what
//! replaced what (`from`, `to`, `instead of`, `not` …) — is a restatement of the copy that is
//! its record: a dated copy before an undated one (the date is what `--since` and
//! supersession read), then the one in a decision log, systemPatterns.md, techContext.md,
//! activeContext.md, any other file, progress.md, and last the project brief and product
//! context; then the earlier date, then the first file and line. `mb decisions` leaves
//! restatements out unless `--all` is given.
//!
//! A copy in other words is a restatement too, when most of its words are the other's: of the
//! shorter statement's words (filler aside, a word's plural, `-ing` and `-ed` endings aside,
//! Chinese and Japanese text read two characters at a time), all of three or four, or two in
//! three of more and at least four, are in the longer one (and make at least a quarter of the
//! longer's), with every number and version it names (`Decided to add
//! tests for external sensor temperature conversion` restates `Add unit tests for external
//! temperature sensor conversion logic`; `tests-java-v8.yaml` is not `tests-java-v24.yaml`). A
//! statement that turns something down after its choice (`Keep the Go backend, rather than
//! rewriting it in TypeScript`) is matched in other words by its choice alone; one that names
//! what was replaced first (`Switched from Redis to Valkey`) only word for word. One whose
//! every word is common across the bank (in more than [`COMMON`] decisions) says too little to
//! be matched by its words.
//!
//! A decision that states a setting (`recordsize = 128K`) is never a restatement: written
//! again later, it says the setting still holds, which supersession needs to know.

use std::collections::HashMap;
use std::path::Path;

use super::{Kind, KnowledgeBase};
use crate::source::is_cjk;

/// A document's decisions that may restate another, in item order.
pub(crate) type Keys = Vec<Stated>;

/// A decision that may restate another, or be restated.
#[derive(Debug)]
pub(crate) struct Stated {
    pub item: u32,
    pub line: u32,
    /// Its [`Statement::key`].
    pub key: Box<str>,
    /// The key's hash, which sorts copies together.
    pub key_hash: u64,
    /// Its [`Statement::words`], sorted: empty when it is matched only word for word.
    pub words: Box<[u64]>,
    /// Its [`rank`] as a record.
    pub rank: u8,
    /// Its date: of two copies of one rank, the earlier is the record.
    pub date: Option<jiff::civil::Date>,
    /// The [`record_id`] it opens with (`D-SEO-01: Keep one JSON-LD block`): it cites that
    /// record; and the [`topic_words`] it says after the id.
    pub cites: Option<(u64, Box<[u64]>)>,
    /// The [`record_id`] its section's or entry's title opens with (`## D-SEO-01 · 2026-09-02
    /// · …`): the record it is.
    pub titled: Option<u64>,
}

impl Stated {
    /// Decision `index` of `doc`, a file whose [`role`] is `role`, when it states no setting
    /// and says enough to be matched (see [`Statement::of`]).
    pub(crate) fn of(doc: &super::Document, index: usize, role: u8) -> Option<Stated> {
        let item = &doc.items[index];
        let Statement { key, mut words } = Statement::of(&item.text)?;
        // A topic's bold label over its parts (`2. **Separación de responsabilidades**:`) is
        // matched word for word only: `Separación de responsabilidades: FastAPI solo como capa
        // HTTP` elsewhere shares its words and is a decision of its own.
        let text = item.text.trim_end();
        let label = text.trim_end_matches([':', '：']).trim_end();
        if label.len() < text.len() && item.bold.as_deref().is_some_and(|b| b.trim() == label) {
            words = Box::default();
        }
        Some(Stated {
            item: index as u32,
            line: item.line as u32,
            key_hash: key_hash(&key),
            key,
            words,
            rank: rank(role, item.when().is_some()),
            date: item.when(),
            cites: record_id(&item.text).map(|(id, said)| (id, topic_words(said))),
            titled: {
                let section = doc.sections.get(item.section);
                let title = section.and_then(|s| s.title.as_deref()).and_then(record_id);
                title.or_else(|| doc.entries.get(item.entry).and_then(|e| record_id(&e.title))).map(|(id, _)| id)
            },
        })
    }
}

/// The id of a decision record that `text` opens with, hashed: capitals and a hyphen, then
/// digits (`ADR-0003`, `D-SEO-01`, `DEC-7`, `DECISION-0E`: [`is_record_number`]), followed by
/// the end, a space or a colon; and the text after it.
pub(crate) fn record_id(text: &str) -> Option<(u64, &str)> {
    let t = text.trim_start_matches(['#', '*', '_', ' ', '[']);
    if !t.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let end = t.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).unwrap_or(t.len());
    let (id, after) = t.split_at(end);
    let (letters, digits) = id.rsplit_once('-')?;
    let id_like = id.len() <= 24
        && letters.starts_with(|c: char| c.is_ascii_uppercase())
        && letters.bytes().all(|b| b.is_ascii_uppercase() || b == b'-')
        && !letters.ends_with('-')
        && is_record_number(digits);
    let after = after.trim_start_matches([']', '*', '_']);
    (id_like && (after.is_empty() || after.starts_with([' ', ':', '：']))).then(|| (key_hash(id), after))
}

/// The number of a record's id: digits, and at most one capital after them (`DECISION-0E`
/// beside `DECISION-0D`).
pub(crate) fn is_record_number(n: &str) -> bool {
    let digits = n.trim_end_matches(|c: char| c.is_ascii_uppercase());
    !digits.is_empty() && n.len() - digits.len() <= 1 && digits.bytes().all(|b| b.is_ascii_digit())
}

/// The words of `text` that may tell what it is about, hashed, sorted: each of three letters
/// or more (lowercased, filler aside), and Chinese and Japanese text two characters at a time.
fn topic_words(text: &str) -> Box<[u64]> {
    let mut out: Vec<u64> = Vec::new();
    for (part, cjk) in words(text) {
        if cjk {
            out.extend(bigrams(part).map(key_hash));
        } else if part.chars().count() >= 3 {
            let lower = part.to_lowercase();
            if !is_filler(&lower) {
                out.push(key_hash(&lower));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out.into_boxed_slice()
}

/// A restated decision of a document, and the copy that is its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Restatement {
    pub item: u32,
    /// `(document, line)` of the record: the document's index among those given.
    pub record: (usize, u32),
}

/// Words that say nothing of what was decided.
fn is_filler(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            // (A possessive's `s`, `Godot's`: two statements about one product share it.)
            | "s"
            | "and"
            | "as"
            | "be"
            | "by"
            | "decided"
            | "decision"
            | "for"
            | "in"
            | "is"
            | "of"
            | "on"
            | "our"
            | "the"
            | "to"
            | "use"
            | "used"
            | "uses"
            | "using"
            | "via"
            | "we"
            | "with"
            // Words a recap adds around a decision it repeats: `Leveraging Cloudflare Tunnel for
            // zero-trust access` and `Zero-trust access via Cloudflare Tunnel confirmed`.
            | "adopted"
            | "adopting"
            | "chose"
            | "chosen"
            | "confirmed"
            | "implemented"
            | "implementing"
            | "leveraging"
            | "selected"
            | "utilizing"
            | "utilising"
    )
}

/// Words that give a statement its direction: `Switched from Redis to Valkey` is not
/// `Switched from Valkey to Redis`, nor `Use X, not Y` `Use Y, not X`.
fn is_directed(word: &str) -> bool {
    matches!(word, "to" | "into") || names_the_other(word)
}

/// Directed words that name what was not chosen or what was replaced (`from`, `not`,
/// `instead of`): a statement holding one is matched word for word in its order, and in other
/// words only by what comes before them. (`to` alone is mostly an infinitive's, `Decided to
/// add tests`.)
fn names_the_other(word: &str) -> bool {
    matches!(word, "from" | "instead" | "rather" | "than" | "over" | "not" | "no" | "vs" | "versus" | "replacing")
}

/// Bigrams of Chinese and Japanese text that say nothing of what was decided: `决策`, `决定`
/// (decision), `使用` (use), `采用` (adopt).
const CJK_FILLER: [&str; 6] = ["决策", "决定", "使用", "采用", "決定", "採用"];

/// Decisions a word may be common to before it stops telling copies apart (see the module's
/// text): a statement is matched in other words through its rarer words only.
pub(crate) const COMMON: usize = 64;

/// What a statement says, as two copies of it share it.
pub(crate) struct Statement {
    /// Its words lowercased and filler left out — sorted and deduplicated, or in their order
    /// when the statement has a direction ([`is_directed`]): what a copy word for word shares.
    pub key: Box<str>,
    /// What a copy in other words shares most of: the hashes of its words, each stemmed
    /// ([`stem`]) and Chinese and Japanese runs cut into bigrams, the lowest bit set for a word
    /// holding a digit; sorted and deduplicated. Of the words before the first that names what
    /// was not chosen ([`names_the_other`]: `instead`, `rather`, `over` …); empty when that
    /// is what was replaced or a negation (`from`, `replacing`, `not`, `no`) or fewer than
    /// three words are left.
    pub words: Box<[u64]>,
}

impl Statement {
    /// `None` for a statement too short to tell a copy from a coincidence (one word, unless it
    /// is a run of CJK text of six characters or more).
    pub(crate) fn of(text: &str) -> Option<Statement> {
        // A log's timestamp says when it was written, not what (`[2025-04-01 18:57:19] Decided
        // to …`).
        let text = super::fields::after_timestamp(text);
        let lower = if text.is_ascii() { text.to_ascii_lowercase() } else { text.to_lowercase() };
        let mut directed = false;
        let mut keep = |w: &&str| {
            directed |= is_directed(w);
            !w.is_empty() && !is_filler(w)
        };
        let mut words: Vec<&str> = if lower.is_ascii() {
            // Split byte by byte: a char pattern decodes every character first.
            lower
                .as_bytes()
                .split(|b| !b.is_ascii_alphanumeric())
                .filter_map(|w| std::str::from_utf8(w).ok())
                .filter(&mut keep)
                .collect()
        } else {
            lower.split(|c: char| !c.is_alphanumeric()).filter(&mut keep).collect()
        };
        // The option a record took is named by its number (`Decision: Option 2 - Use OAuth user
        // authentication`): the number is the option's, not part of what was chosen.
        if words.len() > 3 && words[0] == "option" && words[1].len() <= 2 {
            words.drain(..2);
        }
        if !directed {
            words.sort_unstable();
            words.dedup();
        }
        let long_enough = match words.as_slice() {
            [] => false,
            [word] => !word.is_ascii() && word.chars().count() >= 6,
            _ => true,
        };
        if !long_enough {
            return None;
        }
        // What it chose: the whole statement, or what comes before what it turned down (`Keep
        // the Go backend, rather than rewriting it in TypeScript`). A statement that names
        // what was replaced first (`from`, `replacing`) or negates (`not`, `no`) is matched
        // only word for word.
        let chosen = match words.iter().position(|w| names_the_other(w)) {
            None => &words[..],
            Some(at) if matches!(words[at], "instead" | "rather" | "than" | "over" | "vs" | "versus") => &words[..at],
            // (`from`, `replacing`: the replaced thing first; `not`, `no`: what comes before
            // may be the negated choice itself, `Tokens are not stored in localStorage`.)
            Some(_) => &[],
        };
        let mut hashes = Vec::new();
        if chosen.len() >= 3 {
            for word in chosen {
                hash_word(word, &mut hashes);
            }
            hashes.sort_unstable();
            hashes.dedup();
        }
        Some(Statement { key: words.join(" ").into_boxed_str(), words: hashes.into_boxed_slice() })
    }
}

/// The hash of a [`Statement::key`].
fn key_hash(key: &str) -> u64 {
    let mut h = super::parse::IdHash::new();
    h.write(key.as_bytes());
    h.finish()
}

/// An English word without its plural, `-ing` or `-ed` ending (`tests` and `test`, `fixing`
/// and `fix`), so that two wordings of one decision share it. Crude, and the same for both.
fn stem(word: &str) -> &str {
    let n = word.len();
    if n > 5 && word.ends_with("ing") {
        &word[..n - 3]
    } else if n > 4 && word.ends_with("ed") {
        &word[..n - 2]
    } else if n > 3 && word.ends_with('s') && !word.ends_with("ss") {
        &word[..n - 1]
    } else {
        word
    }
}

/// The words of `text` as statements are compared: each run of letters and digits, cut where
/// Chinese, Japanese or Korean text meets other text (`Proxmox採用理由` is `Proxmox` and
/// `採用理由`), each with whether it is such text. Those runs have no spaces between their
/// words: they are read two characters at a time ([`bigrams`]).
pub(crate) fn words(text: &str) -> impl Iterator<Item = (&str, bool)> {
    text.split(|c: char| !c.is_alphanumeric()).flat_map(|run| {
        let mut rest = run;
        std::iter::from_fn(move || {
            let cjk = is_cjk(rest.chars().next()?);
            let end = rest.find(|c: char| is_cjk(c) != cjk).unwrap_or(rest.len());
            let (part, after) = rest.split_at(end);
            rest = after;
            Some((part, cjk))
        })
    })
}

/// The pairs of characters in a row of `run` (`模块化` gives `模块` and `块化`); none for a
/// lone character.
pub(crate) fn bigrams(run: &str) -> impl Iterator<Item = &str> {
    let mut starts = run.char_indices().map(|(i, _)| i).chain([run.len()]);
    let (mut a, mut b) = (starts.next(), starts.next());
    std::iter::from_fn(move || {
        let (from, _) = (a?, b?);
        let to = starts.next()?;
        (a, b) = (b, Some(to));
        Some(&run[from..to])
    })
}

/// Pushes the hashes of `word`'s parts (see [`Statement::words`]): the word stemmed, or each
/// run of CJK characters in it as its bigrams (a lone character as itself) and each other run
/// whole.
fn hash_word(word: &str, out: &mut Vec<u64>) {
    let hash = |part: &str| {
        let mut h = super::parse::IdHash::new();
        h.write(part.as_bytes());
        (h.finish() & !1) | u64::from(part.bytes().any(|b| b.is_ascii_digit()))
    };
    if word.is_ascii() {
        out.push(hash(stem(word)));
        return;
    }
    for (run, cjk) in words(word) {
        if cjk && run.chars().nth(1).is_some() {
            out.extend(bigrams(run).filter(|b| !CJK_FILLER.contains(b)).map(hash));
        } else {
            out.push(hash(run));
        }
    }
}

/// Where a copy stands as a decision's record, lower first: a dated copy, then by the file
/// ([`role`], worked out once per file).
pub(crate) fn rank(role: u8, dated: bool) -> u8 {
    u8::from(!dated) * 8 + role
}

/// The file's place among the places a decision is recorded, lower first (see [`rank`]): a
/// decision log, then the core files in the order a reader looks for decisions — Cline's, and
/// Kilo Code's under their names (`architecture.md`, `tech.md`, `context.md`, `brief.md`,
/// `product.md`).
pub(crate) fn role(path: &Path) -> u8 {
    let stem = path.file_stem().map(|s| s.to_string_lossy().to_lowercase()).unwrap_or_default();
    let in_log_folder = path.parent().and_then(Path::file_name).is_some_and(|dir| {
        let dir = dir.to_string_lossy().to_lowercase();
        dir == "decisions" || dir == "adr" || dir == "adrs"
    });
    // A log by its name (`decisionLog`, `decision-log`, `decisions`, `adr-0007`), not a file
    // about decisions still to take (`openDecisions`, `pending-decisions`).
    let name: String = stem.chars().filter(|c| c.is_alphanumeric()).collect();
    let log = ["decisionlog", "decisions", "decisionrecords", "architecturedecisions", "decisionhistory"]
        .contains(&name.as_str())
        || name.starts_with("adr");
    if in_log_folder || log {
        0
    } else if stem == "systempatterns" || stem == "architecture" {
        1
    } else if stem == "techcontext" || stem == "tech" {
        2
    } else if stem == "activecontext" || stem == "context" {
        3
    } else if stem == "progress" {
        5
    } else if ["projectbrief", "productcontext", "brief", "product"].contains(&stem.as_str()) {
        6
    } else {
        4
    }
}

/// The restatements of each document, by item, given each document's [`Keys`].
pub(crate) fn restated(keys: &[Keys]) -> Vec<Vec<Restatement>> {
    // Every decision that may restate another, as `(document, decision)`.
    let all: Vec<(usize, &Stated)> =
        keys.iter().enumerate().flat_map(|(d, keys)| keys.iter().map(move |s| (d, s))).collect();
    // Where a copy stands as a record: lower first.
    let order = |i: usize| {
        let (d, s) = all[i];
        (s.rank, s.date, d, s.item)
    };
    // The copy each restates, by index into `all`.
    let mut record: Vec<Option<u32>> = vec![None; all.len()];
    // Word for word: each copy but the best restates the best. (Sorted by the key's hash,
    // copies lie side by side; keys of one hash are then told apart by their text.)
    let mut by_hash: Vec<(u64, u32)> = all.iter().enumerate().map(|(i, (_, s))| (s.key_hash, i as u32)).collect();
    by_hash.sort_unstable();
    for same_hash in by_hash.chunk_by_mut(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
        same_hash.sort_unstable_by(|a, b| all[a.1 as usize].1.key.cmp(&all[b.1 as usize].1.key));
        for group in same_hash.chunk_by(|a, b| all[a.1 as usize].1.key == all[b.1 as usize].1.key) {
            let Some(&(_, best)) = group.iter().min_by_key(|(_, i)| order(*i as usize)) else { continue };
            for &(_, i) in group.iter().filter(|(_, i)| all[*i as usize].0 != all[best as usize].0) {
                record[i as usize] = Some(best);
            }
        }
    }
    drop(by_hash);
    // Copies that cite their record by its id, which may be in their own file (an index).
    let mut cited = vec![false; all.len()];
    by_record_id(&all, &order, &mut record, &mut cited);
    in_other_words(&all, &order, &mut record);
    end_chains(&mut record, &order);
    let mut restated = vec![Vec::new(); keys.len()];
    for (i, r) in record.iter().enumerate() {
        let Some(root) = *r else { continue };
        let ((d, s), (record_doc, record)) = (all[i], all[root as usize]);
        // (A copy in the record's own file stays, unless it cites the record by its id: a row
        // of the file's index, `| DECISION-15 | Vitest added … |` over `### DECISION-15 — …`.)
        if d != record_doc || cited[i] {
            restated[d].push(Restatement { item: s.item, record: (record_doc, record.line) });
        }
    }
    for items in &mut restated {
        items.sort_unstable_by_key(|r| r.item);
    }
    restated
}

/// A record that restates another in turn hands its copies to that one: each copy's record
/// becomes the end of its chain. Copies matched by their words lead to copies earlier in
/// `order`, but a citation leads to the record of its id wherever that stands, so chains may
/// close into a loop (`FOO-1` citing `FOO-2` citing `FOO-1`, or a copy word for word of a
/// record that cites it): the copy of the loop earliest in `order` is then the record of the
/// others. Each copy is walked once.
fn end_chains(record: &mut [Option<u32>], order: &impl Fn(usize) -> Order) {
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; record.len()];
    let mut path: Vec<usize> = Vec::new();
    for start in 0..record.len() {
        if state[start] != NEW {
            continue;
        }
        path.clear();
        let mut at = start;
        // Walk until a copy that records itself, one whose chain is ended, or one met again.
        let root = loop {
            state[at] = ON_PATH;
            path.push(at);
            match record[at].map(|r| r as usize) {
                None => break at,
                Some(next) if state[next] == DONE => break record[next].map_or(next, |r| r as usize),
                Some(next) if state[next] == ON_PATH => {
                    let from = path.iter().position(|&p| p == next).unwrap_or(0);
                    let first = path[from..].iter().copied().min_by_key(|&p| order(p)).unwrap_or(next);
                    break first;
                }
                Some(next) => at = next,
            }
        };
        for &p in &path {
            record[p] = (p != root).then_some(root as u32);
            state[p] = DONE;
        }
    }
}

/// Makes each decision that cites a record by its id (`D-SEO-01: Keep one JSON-LD block`) a
/// restatement of the decision that record states (under `## D-SEO-01 · 2026-09-02 · JSON-LD
/// as the single source`), in another file or in its own (an index of the file's records) —
/// when the two share a word, so that an id that happens to open unrelated lines (`SHA-256:
/// …`) matches nothing. Marks each such copy in `cited`.
fn by_record_id(
    all: &[(usize, &Stated)],
    order: &impl Fn(usize) -> Order,
    record: &mut [Option<u32>],
    cited: &mut [bool],
) {
    // The best record of each id in the bank, and in each file: a line cites the record of its
    // own file when it has one (ids such as `DEC-3` repeat across files).
    let mut records: HashMap<u64, u32> = HashMap::new();
    let mut in_file: HashMap<(usize, u64), u32> = HashMap::new();
    for (i, &(doc, s)) in all.iter().enumerate() {
        if let Some(id) = s.titled {
            for best in [records.entry(id).or_insert(i as u32), in_file.entry((doc, id)).or_insert(i as u32)] {
                if order(i) < order(*best as usize) {
                    *best = i as u32;
                }
            }
        }
    }
    if records.is_empty() {
        return;
    }
    // (Two sorted lists share a word: one merge.)
    let share = |a: &[u64], b: &[u64]| {
        let (mut x, mut y) = (0, 0);
        while x < a.len() && y < b.len() {
            match a[x].cmp(&b[y]) {
                std::cmp::Ordering::Less => x += 1,
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    };
    for i in 0..all.len() {
        let (doc, s) = all[i];
        let Some((id, said)) = &s.cites else { continue };
        let Some(&best) = in_file.get(&(doc, *id)).or_else(|| records.get(id)) else { continue };
        let r = all[best as usize].1;
        if record[i].is_some() || s.titled == Some(*id) {
            continue;
        }
        // (What the record says, its own id aside.)
        let record_words = match &r.cites {
            Some((_, words)) => share(said, words),
            None => share(said, &topic_words(&r.key)),
        };
        if record_words {
            record[i] = Some(best);
            cited[i] = true;
        }
    }
}

/// Where a copy stands as a record, lower first: its [`rank`], its date, its file and item.
type Order = (u8, Option<jiff::civil::Date>, usize, u32);

/// Words of a statement `n` words long that another must share for it to be a copy in other
/// words: all of three or four (one word can turn a short statement round: `Enable` and
/// `Disable compression on the tank pool`), two in three of a longer one, and at least four.
fn needed(n: usize) -> usize {
    if n <= 4 { n.max(3) } else { (n * 2).div_ceil(3).max(4) }
}

/// Whether two statements' [`Statement::words`] say the same in other words: the shorter
/// shares [`needed`] of its words with the longer, at least a quarter of the longer's, and
/// every word of it holding a digit.
fn same_in_other_words(a: &[u64], b: &[u64]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let (mut x, mut y, mut shared) = (0, 0, 0);
    while x < short.len() && y < long.len() {
        match short[x].cmp(&long[y]) {
            std::cmp::Ordering::Less => {
                if short[x] & 1 == 1 {
                    return false;
                }
                x += 1;
            }
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                x += 1;
                y += 1;
            }
        }
    }
    // (And a quarter of the longer's: a recap's long summary holds the words of many short
    // decisions without restating any one.)
    shared >= needed(short.len()) && shared * 4 >= long.len() && short[x..].iter().all(|w| w & 1 == 0)
}

/// Finds, for each decision not yet restated, the best copy in another file that says the
/// same in other words ([`same_in_other_words`]), and makes it the record of the worse of the
/// two.
///
/// Only a decision's rarest words are looked up (a prefix filter, as set-similarity joins
/// do): a statement of `n` words shares [`needed`]`(n)` with a copy only if it shares one of
/// its `n - needed(n) + 1` rarest, so each pair is found from its shorter side. A word held
/// by more than [`COMMON`] decisions is not looked up, which bounds the work on any bank.
fn in_other_words(all: &[(usize, &Stated)], order: &impl Fn(usize) -> Order, record: &mut [Option<u32>]) {
    let open = |i: usize| record[i].is_none() && !all[i].1.words.is_empty();
    let mut holders: HashMap<u64, Vec<u32>> = HashMap::new();
    for i in (0..all.len()).filter(|&i| open(i)) {
        for &w in &all[i].1.words {
            holders.entry(w).or_default().push(i as u32);
        }
    }
    if holders.is_empty() {
        return;
    }
    let mut found: Vec<Option<u32>> = vec![None; all.len()];
    let mut keep_best = |copy: usize, record: usize| {
        if found[copy].is_none_or(|f| order(record) < order(f as usize)) {
            found[copy] = Some(record as u32);
        }
    };
    let mut rarest: Vec<(usize, u64)> = Vec::new();
    for i in (0..all.len()).filter(|&i| open(i)) {
        let words = &all[i].1.words;
        rarest.clear();
        rarest.extend(words.iter().map(|w| (holders.get(w).map_or(0, Vec::len), *w)));
        rarest.sort_unstable();
        for &(held, w) in rarest.iter().take((words.len() + 1).saturating_sub(needed(words.len()))) {
            if held > COMMON {
                break;
            }
            for j in holders.get(&w).into_iter().flatten().map(|&j| j as usize) {
                if all[j].0 == all[i].0 || !same_in_other_words(words, &all[j].1.words) {
                    continue;
                }
                if order(j) < order(i) {
                    keep_best(i, j);
                } else {
                    keep_best(j, i);
                }
            }
        }
    }
    for (i, f) in found.into_iter().enumerate() {
        if let Some(f) = f {
            record[i] = Some(f);
        }
    }
}

/// The restatements among each of `kb`'s documents, by item (see the module's text).
pub fn restatements(kb: &KnowledgeBase) -> Vec<Vec<Restatement>> {
    let keys: Vec<Keys> = kb
        .documents
        .iter()
        .map(|doc| {
            let role = role(&doc.path);
            doc.items
                .iter()
                .enumerate()
                .filter(|(_, item)| item.kind == Kind::Decision && item.settings().is_empty())
                .filter_map(|(i, _)| Stated::of(doc, i, role))
                .collect()
        })
        .collect();
    restated(&keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_citing_an_id_restates_its_record_when_they_share_a_word_beside_the_id() {
        let mut keys = stated(&[
            &[("Keep one JSON-LD block for Schema.org", 0)],
            &[("D-SEO-01: JSON-LD stays the single source", 4)],
            // (The id's own letters are no shared word.)
            &[("D-SEO-01: the footer links", 4)],
        ]);
        keys[0][0].titled = record_id("D-SEO-01 · 2026-09-02 · JSON-LD").map(|(id, _)| id);
        let restated = restated(&keys);
        assert_eq!(restated[1], [Restatement { item: 0, record: (0, 1) }]);
        assert_eq!(restated[2], []);
    }

    #[test]
    fn citations_that_close_into_a_loop_end_at_one_record() {
        // `## FOO-1 …` over `- FOO-2: Use Redis …` and `## FOO-2 …` over `- FOO-1: Use Redis
        // …` in one file cite each other; and a copy word for word of a record that cites it.
        // Both once walked their chains forever.
        let mut keys = stated(&[&[
            ("FOO-2: Use Redis for the session cache layer", 0),
            ("FOO-1: Use Redis for the session cache layer", 0),
        ]]);
        keys[0][0].titled = record_id("FOO-1 Decisions").map(|(id, _)| id);
        keys[0][1].titled = record_id("FOO-2 Decisions").map(|(id, _)| id);
        let found = super::restated(&keys);
        assert_eq!(found[0].len(), 1, "{:?}", found[0]);
        let mut keys = stated(&[
            &[("FOO-2: Use Redis for the session cache layer", 0)],
            &[("FOO-2: Use Redis for the session cache layer", 3)],
        ]);
        keys[1][0].titled = record_id("FOO-2 Decisions").map(|(id, _)| id);
        let found = super::restated(&keys);
        assert_eq!(found.iter().map(Vec::len).sum::<usize>(), 1, "{found:?}");
        // A long chain of citations is walked once, not once per copy.
        let texts: Vec<String> = (0..2000).map(|n| format!("CH-{}: keep the chain of hosts", n + 1)).collect();
        let pairs: Vec<(&str, u8)> = texts.iter().map(|t| (t.as_str(), 0)).collect();
        let mut keys = stated(&[&pairs]);
        for (n, k) in keys[0].iter_mut().enumerate() {
            k.titled = record_id(&format!("CH-{n} hosts")).map(|(id, _)| id);
        }
        let found = super::restated(&keys);
        assert!(found[0].len() < 2000);
    }

    #[test]
    fn one_word_said_three_ways_is_no_panic() {
        // `Testing tests test` stems to one word, fewer than `needed` asks of any statement.
        let keys = stated(&[&[("Testing tests test", 0)], &[("Testing tests test", 0)]]);
        let _ = restated(&keys);
    }

    #[test]
    fn a_record_id_is_capitals_a_hyphen_and_digits() {
        let id = |t: &str| record_id(t).map(|(id, _)| id);
        assert!(id("D-SEO-01: Keep one JSON-LD block").is_some());
        assert_eq!(id("D-SEO-01 · 2026-09-02 · JSON-LD"), id("**D-SEO-01**: …"));
        assert!(id("## ADR-0003").is_some());
        assert_ne!(id("ADR-0003: Caddy"), id("ADR-0004: Caddy"));
        assert!(id("DECISION-0E — Brand archetype").is_some());
        assert_ne!(id("DECISION-0E: x"), id("DECISION-0F: x"));
        for none in [
            "Adr-3: x",
            "ADR-: x",
            "ADR3: x",
            "-1: x",
            "ADR-3b: x",
            "ADR-3.1 x",
            "",
            "é-1",
            "-",
            "ÉTÉ-1 x",
            "ADR-E: x",
            "ADR-3EF: x",
        ] {
            assert_eq!(id(none), None, "{none}");
        }
    }

    #[test]
    fn words_cut_where_cjk_text_meets_other_text_and_cjk_runs_read_in_pairs() {
        let w: Vec<(&str, bool)> = words("Proxmox採用理由, v8.2 (ZFS)").collect();
        assert_eq!(w, [("Proxmox", false), ("採用理由", true), ("v8", false), ("2", false), ("ZFS", false)]);
        assert_eq!(words("").count(), 0);
        assert_eq!(bigrams("模块化").collect::<Vec<_>>(), ["模块", "块化"]);
        assert_eq!(bigrams("模块").collect::<Vec<_>>(), ["模块"]);
        assert_eq!(bigrams("模").count(), 0);
        assert_eq!(bigrams("").count(), 0);
    }

    #[test]
    fn copies_share_a_key_whatever_their_case_order_and_filler() {
        let key = |t: &str| Statement::of(t).map(|s| String::from(s.key));
        assert_eq!(key("GitHub Actions for CI/CD"), key("GitHub Actions CI/CD"));
        assert_eq!(key("Use Spot instances for workloads"), key("Spot instances for workloads"));
        assert_eq!(key("✓ Startup scripts now use the Ops Agent"), key("Startup scripts now use the Ops Agent"));
        assert_eq!(key("Decision: Traefik as the reverse proxy"), key("Reverse proxy: Traefik"));
        assert_ne!(key("Spot instances for workloads"), key("No spot instances for workloads"));
        assert_eq!(key("Caching"), None);
        assert_eq!(key("Use the Proxmox API"), key("Proxmox API"));
        assert_eq!(
            key("Zero-trust access via Cloudflare Tunnel confirmed"),
            key("Leveraging Cloudflare Tunnel for zero-trust access")
        );
        assert_eq!(key("ゼロコスト運用を継続する"), Some("ゼロコスト運用を継続する".to_string()));
        assert_eq!(key("採用"), None);
        // What replaced what keeps its order.
        assert_ne!(
            key("Switched the session store from Redis to Valkey"),
            key("Switched the session store from Valkey to Redis")
        );
        assert_ne!(key("Use Caddy, not Traefik"), key("Use Traefik, not Caddy"));
        assert_eq!(key("Moved backups from rsync to restic"), key("moved backups from rsync to restic."));
    }

    #[test]
    fn the_record_is_a_dated_copy_then_the_log_then_the_core_files() {
        let r = |path: &str, dated: bool| rank(role(Path::new(path)), dated);
        assert!(r("memory-bank/activeContext.md", true) < r("memory-bank/decisionLog.md", false));
        assert!(r("memory-bank/decision-log.md", true) < r("memory-bank/systemPatterns.md", true));
        assert!(r("memory-bank/decisions/0007-backups.md", true) < r("memory-bank/activeContext.md", true));
        assert!(r("memory-bank/adr-0007.md", false) < r("memory-bank/systemPatterns.md", false));
        // A file about decisions still to take is no log.
        assert!(r("memory-bank/openDecisions.md", true) > r("memory-bank/activeContext.md", true));
        assert!(r("memory-bank/activeContext.md", true) < r("memory-bank/systemPatterns.md", false));
        assert!(r("memory-bank/systemPatterns.md", true) < r("memory-bank/activeContext.md", true));
        assert!(r("memory-bank/activeContext.md", false) < r("memory-bank/notes.md", false));
        assert!(r("memory-bank/notes.md", false) < r("memory-bank/progress.md", false));
        assert!(r("memory-bank/progress.md", true) < r("memory-bank/projectbrief.md", true));
        // Kilo Code's core files stand where Cline's do.
        assert!(r(".kilocode/rules/memory-bank/tech.md", false) < r(".kilocode/rules/memory-bank/brief.md", false));
        assert!(
            r(".kilocode/rules/memory-bank/architecture.md", false) < r(".kilocode/rules/memory-bank/tech.md", false)
        );
        assert!(r(".kilocode/rules/memory-bank/context.md", false) < r(".kilocode/rules/memory-bank/notes.md", false));
        assert!(r(".kilocode/rules/memory-bank/notes.md", false) < r(".kilocode/rules/memory-bank/product.md", false));
    }

    #[test]
    fn every_copy_but_the_record_is_restated_and_copies_in_one_file_are_not() {
        let s = |item: u32, key: &str, rank: u8| Stated {
            item,
            line: item + 10,
            key_hash: key_hash(key),
            key: key.into(),
            words: Box::new([]),
            rank,
            date: None,
            cites: None,
            titled: None,
        };
        let keys = vec![
            // 0: progress.md — a recap of 1's and a line of its own written twice.
            vec![s(4, "ansible automation", 10), s(5, "own line", 10), s(9, "own line", 10)],
            // 1: systemPatterns.md, the record.
            vec![s(2, "ansible automation", 2)],
            // 2: projectbrief.md, a third copy.
            vec![s(7, "ansible automation", 12)],
        ];
        let record = (1, 12);
        assert_eq!(
            restated(&keys),
            [vec![Restatement { item: 4, record }], vec![], vec![Restatement { item: 7, record }]]
        );
    }

    /// `(document, text, rank)` statements as [`Keys`], each document's in order, items
    /// numbered from 0 and on line `item + 1`.
    fn stated(docs: &[&[(&str, u8)]]) -> Vec<Keys> {
        docs.iter()
            .map(|texts| {
                texts
                    .iter()
                    .enumerate()
                    .filter_map(|(i, (text, rank))| {
                        let Statement { key, words } = Statement::of(text)?;
                        Some(Stated {
                            item: i as u32,
                            line: i as u32 + 1,
                            key_hash: key_hash(&key),
                            key,
                            words,
                            rank: *rank,
                            date: None,
                            cites: record_id(text).map(|(id, said)| (id, topic_words(said))),
                            titled: None,
                        })
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_copy_in_other_words_shares_most_words_and_every_number() {
        let same = |a: &str, b: &str| {
            let (a, b) = (Statement::of(a).unwrap(), Statement::of(b).unwrap());
            !a.words.is_empty() && same_in_other_words(&a.words, &b.words)
        };
        assert!(same(
            "[2025-04-01 19:09:04] Decided to add tests for external sensor temperature conversion logic.",
            "[2025-04-01 19:09:26] Add unit tests for external temperature sensor conversion logic."
        ));
        assert!(same(
            "Leveraging Cloudflare Tunnel for zero-trust access",
            "Cloudflare Tunnel for zero-trust external access"
        ));
        assert!(same("Run backups with restic to the NAS", "Backups to the NAS run nightly with restic"));
        // Chinese read two characters at a time, `使用` (use) aside.
        assert!(same("决策：使用 Apple ID 个人免费证书", "开发者账号 — Apple ID 个人免费证书 — 真机测试可行"));
        // A number or version the shorter names must be in the longer.
        assert!(!same(
            "Main pipeline runs tests-java-v8.yaml with caching",
            "Main pipeline runs tests-java-v24.yaml with caching and Java 25"
        ));
        assert!(same("Retention of 30 days for snapshots", "Snapshot retention of 30 days on the NAS pool"));
        // Two in three of a longer statement's words (four of six here) are enough …
        assert!(same(
            "Timeline view for post-install drift tracking",
            "Use a timeline view for host updates and drift tracking"
        ));
        // … but a statement of four words or fewer shares them all: one word can turn it round.
        assert!(!same("Enable compression on the tank pool", "Disable compression on the tank pool"));
        assert!(!same("Keep the NAS snapshots", "Keep the NAS shares"));
        // What replaced what is matched word for word only; a choice that turns something
        // down after it, by the choice alone (too short here: `caddy proxy`).
        assert!(Statement::of("Switched the session store from Redis to Valkey").unwrap().words.is_empty());
        assert!(Statement::of("Use Caddy for the proxy, not Traefik").unwrap().words.is_empty());
        assert!(!Statement::of("Decided to add tests for the parser").unwrap().words.is_empty());
        assert!(same(
            "Option A: keep the Go backend, use the aisdk-go adapter",
            "Option A - keep the Go backend, using aisdk-go to stream the protocol, rather than rewriting the LLM calls"
        ));
        // A negation is not matched by what comes before it.
        assert!(Statement::of("Session tokens are not stored in localStorage").unwrap().words.is_empty());
        assert!(!same(
            "Rewrite the LLM calls in TypeScript",
            "Keep the Go backend, using aisdk-go to stream the protocol, rather than rewriting the LLM calls in TypeScript"
        ));
        // A long summary holds the words of many short decisions without restating one.
        assert!(!same(
            "Import the existing data flow",
            "Initial state: the Terraform code drifted from the existing resources. Analysis: terraform plan \
             listed each mismatch. Alignment: edited the code until the plan was clean. Import: found the \
             new data flow with the Azure CLI and imported it. Final state: no drift left anywhere."
        ));
    }

    #[test]
    fn copies_in_other_words_name_the_best_record_and_chains_end_at_it() {
        let keys = stated(&[
            // 0: decisionLog.md, the record.
            &[("Add unit tests for external temperature sensor conversion logic", 0)],
            // 1: activeContext.md, a recap in other words.
            &[("Decided to add tests for external sensor temperature conversion logic", 3)],
            // 2: progress.md: a copy of 1's words, which restates 0 in turn; and a line of its
            // own.
            &[
                ("Decided to add tests for external sensor temperature conversion logic", 5),
                ("Rotate the offsite keys every quarter", 5),
            ],
        ]);
        let record = (0, 1);
        assert_eq!(
            restated(&keys),
            [vec![], vec![Restatement { item: 0, record }], vec![Restatement { item: 0, record }]]
        );
        // Of one rank, the earlier date is the record.
        let mut keys = stated(&[
            &[("Keep the restic repository on the second pool", 4)],
            &[("Decided to keep the restic repository on the second pool", 4)],
        ]);
        keys[0][0].date = Some(jiff::civil::date(2025, 9, 2));
        keys[1][0].date = Some(jiff::civil::date(2025, 4, 2));
        assert_eq!(restated(&keys), [vec![Restatement { item: 0, record: (1, 1) }], vec![]]);
    }

    /// A bank of thousands of decisions built from the same few words (a generated fleet's)
    /// matches them through its rare words only, and a chain of copies each like the next
    /// resolves to one record.
    #[test]
    fn common_words_and_long_chains_stay_bounded() {
        let of = |texts: &[String]| -> Vec<Vec<Restatement>> {
            let docs: Vec<Vec<(&str, u8)>> = texts.iter().map(|t| vec![(t.as_str(), 4)]).collect();
            let refs: Vec<&[(&str, u8)]> = docs.iter().map(Vec::as_slice).collect();
            restated(&stated(&refs))
        };
        // Each names two hosts, one of them its neighbour's: no copies.
        let hosts: Vec<String> = (0..3000)
            .map(|i| format!("Decided to rotate the backup keys on host{i} and host{} weekly", i + 1))
            .collect();
        assert!(of(&hosts).iter().all(Vec::is_empty));
        // Word for word in other files, by the thousand: every copy names the first.
        let same = vec!["Rotate the backup keys weekly on every host".to_string(); 3000];
        let restated = of(&same);
        assert!(restated[0].is_empty());
        assert!(restated[1..].iter().all(|r| r == &[Restatement { item: 0, record: (0, 1) }]));
        // Five made-up words sliding by one: each statement shares four with the one before.
        let word = |mut n: usize| {
            let mut w = String::from("q");
            while n > 0 {
                w.push((b'a' + (n % 26) as u8) as char);
                n /= 26;
            }
            w
        };
        let chain: Vec<String> = (0..3000).map(|i| (i..i + 5).map(word).collect::<Vec<_>>().join(" ")).collect();
        let restated = of(&chain);
        assert!(restated[0].is_empty());
        assert!(restated[1..].iter().all(|r| r == &[Restatement { item: 0, record: (0, 1) }]));
    }
}
