//! Finding the decision a check's `decision:` names: by id, or by a phrase of its text. Every
//! decision's text is normalised once into one string, so linking hundreds of checks against a
//! large Memory Bank costs one substring search per check, not a pass of normalisation.

use memchr::memmem;

use super::{Document, Item, ItemId, Kind, KnowledgeBase, Status, normalize_phrase};

/// The decisions of a knowledge base, ready to be looked up.
pub struct DecisionIndex<'a> {
    /// Every decision's normalised text, each followed by `\0`.
    text: String,
    /// Where each decision's text starts in `text`, in the order of `decisions`.
    starts: Vec<usize>,
    decisions: Vec<(&'a Document, &'a Item)>,
}

impl<'a> DecisionIndex<'a> {
    pub fn new(kb: &'a KnowledgeBase) -> DecisionIndex<'a> {
        let decisions: Vec<(&Document, &Item)> = kb.items().filter(|(_, item)| item.kind == Kind::Decision).collect();
        let mut text = String::new();
        let mut starts = Vec::with_capacity(decisions.len());
        for (_, item) in &decisions {
            starts.push(text.len());
            text.push_str(&normalize_phrase(&item.text));
            text.push('\0');
        }
        DecisionIndex { text, starts, decisions }
    }

    /// The decision that best matches `needle`: an id, or a phrase of its text (case and
    /// whitespace ignored). An exact match wins over a partial one, then active decisions,
    /// then the latest-dated.
    pub fn find(&self, needle: &str) -> Option<(&'a Document, &'a Item)> {
        let needle = needle.trim();
        if needle.len() == 16
            && let Ok(id) = needle.parse::<ItemId>()
            && let Some(found) = self.decisions.iter().find(|(_, item)| item.id == id)
        {
            return Some(*found);
        }
        let wanted = normalize_phrase(needle);
        if wanted.is_empty() || wanted.contains('\0') {
            return None;
        }
        // (exact match, active, date), and the decision's index.
        type Rank = (bool, bool, Option<jiff::civil::Date>);
        let mut best: Option<(Rank, usize)> = None;
        let mut last = usize::MAX;
        for at in memmem::find_iter(self.text.as_bytes(), wanted.as_bytes()) {
            // The decision holding this match (matches never span a `\0`).
            let n = self.starts.partition_point(|&s| s <= at) - 1;
            if n == last {
                continue;
            }
            last = n;
            let (_, item) = self.decisions[n];
            let end = self.starts.get(n + 1).map_or(self.text.len(), |&s| s) - 1;
            let exact = at == self.starts[n] && at + wanted.len() == end;
            let rank = (exact, item.status == Status::Active, item.date);
            // Later decisions win ties, as a fold with `max_by` over file order would.
            if best.as_ref().is_none_or(|(r, _)| rank >= *r) {
                best = Some((rank, n));
            }
        }
        best.map(|(_, n)| self.decisions[n])
    }
}
