//! Decisions that replace earlier ones, and settings whose current decisions disagree.
//!
//! A later-dated decision that sets the same setting key to a different value supersedes the
//! earlier decision. Undated decisions cannot be ordered, so they neither supersede nor are
//! superseded; if they disagree with a current decision, that is a conflict.

use std::collections::HashMap;

use jiff::civil::Date;
use rayon::prelude::*;

use super::{Document, Kind, KnowledgeBase, Setting, Status};

/// A decision's setting: where it is, its date, and the value it sets. Small, because a
/// large bank has millions (documents and items are counted in `u32`: a file is at most
/// 64 MiB).
pub(crate) struct Use {
    pub doc: u32,
    pub item: u32,
    pub date: Option<Date>,
    pub value: Box<str>,
}

/// One document's decision settings, grouped by key: each key is held once per document
/// rather than once per setting, which keeps a large bank's settings small in memory.
pub(crate) type DocUses = HashMap<String, Vec<Use>>;

/// The settings stated by document `d`'s decisions.
pub(crate) fn document_uses(d: usize, doc: &Document) -> DocUses {
    let decisions = doc.items.iter().enumerate().filter(|(_, item)| item.kind == Kind::Decision);
    uses_of(d, doc, decisions.map(|(i, item)| (i, item.settings())))
}

/// The settings of document `d`'s decisions as `(item, its settings)`, grouped by key.
pub(crate) fn uses_of(d: usize, doc: &Document, settings: impl IntoIterator<Item = (usize, Vec<Setting>)>) -> DocUses {
    let mut groups = DocUses::new();
    for (i, stated) in settings {
        let item = &doc.items[i];
        for s in stated {
            let u = Use { doc: d as u32, item: i as u32, date: item.when(), value: s.value.into_boxed_str() };
            match groups.get_mut(&s.key) {
                Some(uses) => uses.push(u),
                None => {
                    groups.insert(s.key, vec![u]);
                }
            }
        }
    }
    groups
}

/// Decision settings grouped by key (sorted), each group in date order (undated last), then
/// file order.
pub(crate) fn group(per_document: Vec<DocUses>) -> Vec<(String, Vec<Use>)> {
    // Each key's group is allocated once at its final size, and each document's settings are
    // moved into it and freed: growing the groups by doubling would hold up to three times
    // the settings at the peak.
    let mut sizes: HashMap<&str, usize> = HashMap::new();
    for doc in &per_document {
        for (key, uses) in doc {
            *sizes.entry(key.as_str()).or_default() += uses.len();
        }
    }
    let mut groups: DocUses = sizes.into_iter().map(|(key, n)| (key.to_string(), Vec::with_capacity(n))).collect();
    for doc in per_document {
        for (key, mut uses) in doc {
            if let Some(group) = groups.get_mut(&key) {
                group.append(&mut uses);
            }
        }
    }
    let mut groups: Vec<(String, Vec<Use>)> = groups.into_iter().collect();
    groups.par_iter_mut().for_each(|(_, uses)| {
        uses.sort_by_key(|u| (u.date.is_none(), u.date, u.doc, u.item));
    });
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    groups
}

/// Decision settings of the whole knowledge base, grouped by key (see [`group`]); settings
/// are extracted per document in parallel.
fn by_key(kb: &KnowledgeBase) -> Vec<(String, Vec<Use>)> {
    group(kb.documents.par_iter().enumerate().map(|(d, doc)| document_uses(d, doc)).collect())
}

/// Values compare the way smb.conf compares them: case and runs of whitespace ignored.
pub(crate) fn same_value(a: &str, b: &str) -> bool {
    // Most values are a few ASCII words between single spaces: such values are the same
    // exactly when they are equal but for case.
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    if is_plain(a) && is_plain(b) {
        return false;
    }
    let (mut x, mut y) = (a.split_whitespace(), b.split_whitespace());
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if same_word(p, q) => {}
            _ => return false,
        }
    }
}

/// ASCII without leading, trailing, doubled or other whitespace than a space.
fn is_plain(value: &str) -> bool {
    let b = value.as_bytes();
    b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && b.iter().all(|&c| c.is_ascii() && !(0x09..=0x0d).contains(&c))
        && !b.windows(2).any(|w| w == b"  ")
}

fn same_word(p: &str, q: &str) -> bool {
    if p.is_ascii() && q.is_ascii() {
        return p.eq_ignore_ascii_case(q);
    }
    p.chars().flat_map(char::to_lowercase).eq(q.chars().flat_map(char::to_lowercase))
}

/// Marks superseded decisions. Linear in the number of decision settings per key.
pub(crate) fn resolve(kb: &mut KnowledgeBase) {
    for ((d, i), by) in supersessions(&by_key(kb)) {
        let item = &mut kb.documents[d as usize].items[i as usize];
        item.status = Status::Superseded;
        // The first key that was overridden names the successor.
        item.superseded_by.get_or_insert((by.0 as usize, by.1 as usize));
    }
    // A record that says it was superseded, and links the file that replaced it.
    let by_path: HashMap<String, usize> =
        kb.documents.iter().enumerate().map(|(d, doc)| (crate::source::display_path(&doc.path), d)).collect();
    // Each linked file's one decision is looked for once, however many records link it.
    let mut only: HashMap<usize, Option<usize>> = HashMap::new();
    let named: Vec<(usize, usize, (usize, usize))> = kb
        .documents
        .iter()
        .enumerate()
        .flat_map(|(d, doc)| named_successors(doc).into_iter().map(move |(i, file)| (d, i, file)))
        .filter_map(|(d, i, file)| {
            let t = *by_path.get(&file)?;
            let decision = (*only.entry(t).or_insert_with(|| only_decision(&kb.documents[t])))?;
            Some((d, i, (t, decision)))
        })
        .collect();
    for (d, i, by) in named {
        kb.documents[d].items[i].superseded_by.get_or_insert(by);
    }
}

/// `(decision, file)` for each decision of `doc` whose record says it was superseded and whose
/// status field links the file that replaced it (`Superseded by [4. …](0004-….md)`): the link
/// resolved against `doc`'s folder, as paths are shown.
pub(crate) fn named_successors(doc: &Document) -> Vec<(usize, String)> {
    let from = crate::source::display_path(&doc.path);
    let mut out: Vec<(usize, String)> = Vec::new();
    for item in &doc.items {
        let (Some("status"), Some(d)) = (item.field.as_deref(), item.record) else { continue };
        let retired = doc.items.get(d).is_some_and(|i| i.kind == Kind::Decision && i.status == Status::Superseded);
        if !retired || out.last().is_some_and(|(last, _)| *last == d) {
            continue;
        }
        if let Some(file) = item.links.iter().find_map(|link| linked_file(&from, &link.url)) {
            out.push((d, file));
        }
    }
    out
}

/// The Markdown file a relative link in file `from` (a shown path) points at, as a shown path;
/// `None` for a URL, an absolute path, or one that climbs out of the root.
fn linked_file(from: &str, url: &str) -> Option<String> {
    let url = url.split(['#', '?']).next()?;
    if url.is_empty() || url.contains("://") || url.starts_with('/') || !super::is_markdown(url) {
        return None;
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in url.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// A file's one decision (an ADR's), if it has exactly one.
pub(crate) fn only_decision(doc: &Document) -> Option<usize> {
    let mut decisions = doc.items.iter().enumerate().filter(|(_, i)| i.kind == Kind::Decision).map(|(i, _)| i);
    let first = decisions.next()?;
    decisions.next().is_none().then_some(first)
}

/// `(superseded, successor)` pairs of `(document, item)` among grouped settings (see
/// [`group`]). A decision superseded on several keys appears once per key, the first key's
/// successor first.
pub(crate) fn supersessions(groups: &[(String, Vec<Use>)]) -> Vec<((u32, u32), (u32, u32))> {
    groups.par_iter().flat_map_iter(|(_, uses)| superseded_in(uses)).collect()
}

/// `(superseded, successor)` pairs among one key's uses, sorted by date.
fn superseded_in(uses: &[Use]) -> Vec<((u32, u32), (u32, u32))> {
    let dated = uses.iter().take_while(|u| u.date.is_some()).count();
    let uses = &uses[..dated];
    // next_diff[k]: the first index ≥ k whose value differs from uses[k]'s value.
    let mut next_diff = vec![dated; dated];
    for k in (0..dated.saturating_sub(1)).rev() {
        next_diff[k] = if same_value(&uses[k].value, &uses[k + 1].value) { next_diff[k + 1] } else { k + 1 };
    }
    let mut marks = Vec::new();
    let mut k = 0;
    while k < dated {
        // Decisions of one date form a block; `later` is the first index after it.
        let later = (k..dated).find(|&j| uses[j].date != uses[k].date).unwrap_or(dated);
        if later < dated {
            for u in &uses[k..later] {
                let newer = if same_value(&uses[later].value, &u.value) { next_diff[later] } else { later };
                if newer < dated {
                    marks.push(((u.doc, u.item), (uses[newer].doc, uses[newer].item)));
                }
            }
        }
        k = later;
    }
    marks
}

/// A setting whose active decisions disagree.
#[derive(Debug)]
pub struct Conflict {
    pub key: String,
    /// `(document, item, value)` of every active decision that sets the key.
    pub decisions: Vec<(usize, usize, String)>,
}

/// Setting keys whose active decisions set different values, sorted by key.
pub fn conflicts(kb: &KnowledgeBase) -> Vec<Conflict> {
    by_key(kb)
        .into_iter()
        .filter_map(|(key, uses)| {
            let active: Vec<(usize, usize, String)> = uses
                .into_iter()
                .filter(|u| kb.documents[u.doc as usize].items[u.item as usize].status == Status::Active)
                .map(|u| (u.doc as usize, u.item as usize, String::from(u.value)))
                .collect();
            let disagree = active.iter().any(|u| !same_value(&u.2, &active[0].2));
            disagree.then_some(Conflict { key, decisions: active })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_link_resolves_to_a_file_of_the_bank_or_to_nothing() {
        let from = "memory-bank/adr/0003-nfs.md";
        assert_eq!(linked_file(from, "0004-quota.md").as_deref(), Some("memory-bank/adr/0004-quota.md"));
        assert_eq!(linked_file(from, "./0004-quota.md#status").as_deref(), Some("memory-bank/adr/0004-quota.md"));
        assert_eq!(linked_file(from, "../decisionLog.md").as_deref(), Some("memory-bank/decisionLog.md"));
        for outside in ["../../../etc/passwd.md", "/etc/x.md", "https://example.com/0004.md", "0004.txt", "", "#top"] {
            assert_eq!(linked_file(from, outside), None, "{outside}");
        }
    }

    #[test]
    fn values_compare_ignoring_case_and_whitespace() {
        let slow = |a: &str, b: &str| {
            let (x, y): (Vec<_>, Vec<_>) = (a.split_whitespace().collect(), b.split_whitespace().collect());
            x.len() == y.len() && x.iter().zip(&y).all(|(p, q)| same_word(p, q))
        };
        let values =
            ["none", "None", "NONE ", " none", "no ne", "no  ne", "no\tne", "", " ", "Größe", "GRÖSSE", "größe", "3T"];
        for a in values {
            for b in values {
                assert_eq!(same_value(a, b), slow(a, b), "{a:?} {b:?}");
            }
        }
    }
}
