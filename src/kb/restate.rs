//! Restatements: a decision written again in another file of the bank.
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
//! context; then the first file and line. `mb decisions` leaves restatements out unless
//! `--all` is given.
//!
//! A decision that states a setting (`recordsize = 128K`) is never a restatement: written
//! again later, it says the setting still holds, which supersession needs to know.

use std::collections::HashMap;
use std::path::Path;

use super::{Kind, KnowledgeBase};

/// A document's decisions that may restate another, in item order.
pub(crate) type Keys = Vec<Stated>;

/// A decision that may restate another, or be restated.
#[derive(Debug)]
pub(crate) struct Stated {
    pub item: u32,
    pub line: u32,
    /// Its [`statement_key`].
    pub key: Box<str>,
    /// Its [`rank`] as a record.
    pub rank: u8,
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
    matches!(
        word,
        "from" | "to" | "into" | "instead" | "rather" | "than" | "over" | "not" | "no" | "vs" | "versus" | "replacing"
    )
}

/// What a statement says, as a key two copies of it share: its words lowercased and filler
/// left out — sorted and deduplicated, or in their order when the statement has a direction
/// ([`is_directed`]). `None` for a statement too short to tell a copy from a coincidence (one
/// word, unless it is a run of CJK text of six characters or more).
pub(crate) fn statement_key(text: &str) -> Option<Box<str>> {
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
    if !directed {
        words.sort_unstable();
        words.dedup();
    }
    let long_enough = match words.as_slice() {
        [] => false,
        [word] => !word.is_ascii() && word.chars().count() >= 6,
        _ => true,
    };
    long_enough.then(|| words.join(" ").into_boxed_str())
}

/// Where a copy stands as a decision's record, lower first: a dated copy, then by the file
/// ([`role`], worked out once per file).
pub(crate) fn rank(role: u8, dated: bool) -> u8 {
    u8::from(!dated) * 8 + role
}

/// The file's place among the places a decision is recorded, lower first (see [`rank`]): a
/// decision log, then the core files in the order a reader looks for decisions.
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
    } else if stem == "systempatterns" {
        1
    } else if stem == "techcontext" {
        2
    } else if stem == "activecontext" {
        3
    } else if stem == "progress" {
        5
    } else if stem == "projectbrief" || stem == "productcontext" {
        6
    } else {
        4
    }
}

/// The restatements of each document, by item, given each document's [`Keys`].
pub(crate) fn restated(keys: &[Keys]) -> Vec<Vec<Restatement>> {
    let mut copies: HashMap<&str, Vec<(u8, usize, u32, u32)>> = HashMap::new();
    for (d, keys) in keys.iter().enumerate() {
        for s in keys {
            copies.entry(&s.key).or_default().push((s.rank, d, s.item, s.line));
        }
    }
    let mut restated = vec![Vec::new(); keys.len()];
    for copies in copies.values().filter(|c| c.len() > 1) {
        let Some(&(_, record_doc, _, record_line)) = copies.iter().min() else { continue };
        for &(_, d, item, _) in copies.iter().filter(|(_, d, _, _)| *d != record_doc) {
            restated[d].push(Restatement { item, record: (record_doc, record_line) });
        }
    }
    for items in &mut restated {
        // A decision restated twice over names its first record.
        items.sort_by_key(|r| (r.item, r.record));
        items.dedup_by_key(|r| r.item);
    }
    restated
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
                .filter_map(|(i, item)| {
                    let key = statement_key(&item.text)?;
                    Some(Stated { item: i as u32, line: item.line as u32, key, rank: rank(role, item.date.is_some()) })
                })
                .collect()
        })
        .collect();
    restated(&keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_share_a_key_whatever_their_case_order_and_filler() {
        let key = |t: &str| statement_key(t).map(String::from);
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
    }

    #[test]
    fn every_copy_but_the_record_is_restated_and_copies_in_one_file_are_not() {
        let s = |item: u32, key: &str, rank: u8| Stated { item, line: item + 10, key: key.into(), rank };
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
}
