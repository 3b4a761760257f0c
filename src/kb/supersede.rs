//! Decisions that replace earlier ones, and settings whose current decisions disagree.
//!
//! A later-dated decision that sets the same setting key to a different value supersedes the
//! earlier decision. Undated decisions cannot be ordered, so they neither supersede nor are
//! superseded; if they disagree with a current decision, that is a conflict.

use std::collections::HashMap;

use super::{Kind, KnowledgeBase, Status};

/// A decision's setting: `(document, item, value)`.
type Use = (usize, usize, String);

/// Decision settings grouped by key, each group in date order (undated last), then file order.
fn by_key(kb: &KnowledgeBase) -> Vec<(String, Vec<Use>)> {
    let mut groups: HashMap<&str, Vec<Use>> = HashMap::new();
    for (d, doc) in kb.documents.iter().enumerate() {
        for (i, item) in doc.items.iter().enumerate() {
            if item.kind != Kind::Decision {
                continue;
            }
            for s in &item.settings {
                groups
                    .entry(s.key.as_str())
                    .or_default()
                    .push((d, i, s.value.clone()));
            }
        }
    }
    let mut groups: Vec<(String, Vec<Use>)> = groups
        .into_iter()
        .map(|(k, mut uses)| {
            uses.sort_by_key(|&(d, i, _)| {
                let date = kb.documents[d].items[i].date;
                (date.is_none(), date, d, i)
            });
            (k.to_string(), uses)
        })
        .collect();
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    groups
}

fn same_value(a: &str, b: &str) -> bool {
    a.split_whitespace()
        .map(str::to_lowercase)
        .eq(b.split_whitespace().map(str::to_lowercase))
}

/// Marks superseded decisions. Linear in the number of decision settings per key.
pub(crate) fn resolve(kb: &mut KnowledgeBase) {
    let mut marks: Vec<((usize, usize), (usize, usize))> = Vec::new();
    for (_, uses) in by_key(kb) {
        let date = |u: &Use| kb.documents[u.0].items[u.1].date;
        let dated = uses.iter().take_while(|u| date(u).is_some()).count();
        let uses = &uses[..dated];
        // next_diff[k]: the first index ≥ k whose value differs from uses[k]'s value.
        let mut next_diff = vec![dated; dated];
        for k in (0..dated.saturating_sub(1)).rev() {
            next_diff[k] = if same_value(&uses[k].2, &uses[k + 1].2) {
                next_diff[k + 1]
            } else {
                k + 1
            };
        }
        let mut k = 0;
        while k < dated {
            // Decisions of one date form a block; the first later block index is `later`.
            let later = (k..dated)
                .find(|&j| date(&uses[j]) != date(&uses[k]))
                .unwrap_or(dated);
            for u in &uses[k..later] {
                let newer = if later < dated && !same_value(&uses[later].2, &u.2) {
                    Some(later)
                } else if later < dated {
                    Some(next_diff[later]).filter(|&n| n < dated)
                } else {
                    None
                };
                if let Some(n) = newer {
                    marks.push(((u.0, u.1), (uses[n].0, uses[n].1)));
                }
            }
            k = later;
        }
    }
    for ((d, i), by) in marks {
        let item = &mut kb.documents[d].items[i];
        item.status = Status::Superseded;
        // The first key that was overridden names the successor.
        item.superseded_by.get_or_insert(by);
    }
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
            let active: Vec<Use> = uses
                .into_iter()
                .filter(|u| kb.documents[u.0].items[u.1].status == Status::Active)
                .collect();
            let disagree = active.iter().any(|u| !same_value(&u.2, &active[0].2));
            disagree.then_some(Conflict {
                key,
                decisions: active,
            })
        })
        .collect()
}
