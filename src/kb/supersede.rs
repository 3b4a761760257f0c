//! Decisions that replace earlier ones, and settings whose current decisions disagree.
//!
//! A later-dated decision that sets the same setting key to a different value supersedes the
//! earlier decision. Undated decisions cannot be ordered, so they neither supersede nor are
//! superseded; if they disagree with a current decision, that is a conflict.

use std::collections::HashMap;

use jiff::civil::Date;
use rayon::prelude::*;

use super::{Kind, KnowledgeBase, Status};

/// A decision's setting: where it is, its date, and the value it sets.
struct Use {
    doc: usize,
    item: usize,
    date: Option<Date>,
    value: String,
}

/// Decision settings grouped by key (sorted), each group in date order (undated last), then
/// file order. Settings are extracted per document in parallel.
fn by_key(kb: &KnowledgeBase) -> Vec<(String, Vec<Use>)> {
    type Groups = HashMap<String, Vec<Use>>;
    // Each worker groups the documents it takes; the few per-worker maps are merged after.
    let groups: Groups = kb
        .documents
        .par_iter()
        .enumerate()
        .fold(Groups::new, |mut groups, (d, doc)| {
            for (i, item) in doc.items.iter().enumerate() {
                if item.kind != Kind::Decision {
                    continue;
                }
                for s in item.settings() {
                    let u = Use { doc: d, item: i, date: item.date, value: s.value };
                    groups.entry(s.key).or_default().push(u);
                }
            }
            groups
        })
        .reduce(Groups::new, |mut a, b| {
            for (key, mut uses) in b {
                a.entry(key).or_default().append(&mut uses);
            }
            a
        });
    let mut groups: Vec<(String, Vec<Use>)> = groups.into_iter().collect();
    groups.par_iter_mut().for_each(|(_, uses)| {
        uses.sort_by_key(|u| (u.date.is_none(), u.date, u.doc, u.item));
    });
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    groups
}

/// Values compare the way smb.conf compares them: case and runs of whitespace ignored.
pub(crate) fn same_value(a: &str, b: &str) -> bool {
    let (mut x, mut y) = (a.split_whitespace(), b.split_whitespace());
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if same_word(p, q) => {}
            _ => return false,
        }
    }
}

fn same_word(p: &str, q: &str) -> bool {
    if p.is_ascii() && q.is_ascii() {
        return p.eq_ignore_ascii_case(q);
    }
    p.chars().flat_map(char::to_lowercase).eq(q.chars().flat_map(char::to_lowercase))
}

/// Marks superseded decisions. Linear in the number of decision settings per key.
pub(crate) fn resolve(kb: &mut KnowledgeBase) {
    let groups = by_key(kb);
    let marks: Vec<((usize, usize), (usize, usize))> =
        groups.par_iter().flat_map_iter(|(_, uses)| superseded_in(uses)).collect();
    for ((d, i), by) in marks {
        let item = &mut kb.documents[d].items[i];
        item.status = Status::Superseded;
        // The first key that was overridden names the successor.
        item.superseded_by.get_or_insert(by);
    }
}

/// `(superseded, successor)` pairs among one key's uses, sorted by date.
fn superseded_in(uses: &[Use]) -> Vec<((usize, usize), (usize, usize))> {
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
                .filter(|u| kb.documents[u.doc].items[u.item].status == Status::Active)
                .map(|u| (u.doc, u.item, u.value))
                .collect();
            let disagree = active.iter().any(|u| !same_value(&u.2, &active[0].2));
            disagree.then_some(Conflict { key, decisions: active })
        })
        .collect()
}
