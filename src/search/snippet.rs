//! Snippets: the part of a unit's text around what matched, with the matches marked.

use std::ops::Range;

use super::analyze::analyze;
use super::query::Wanted;

/// How many characters of text a snippet shows at most.
pub const SNIPPET_CHARS: usize = 180;

/// A piece of text with the byte ranges to highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    /// Byte ranges of `text` that matched the query.
    pub highlights: Vec<[usize; 2]>,
}

/// Whether an analysed term is one the query asked for (exactly, or within a fuzzy distance).
fn is_wanted(term: &str, wanted: &Wanted) -> bool {
    wanted.terms.iter().any(|t| t == term)
        || wanted.fuzzy.iter().any(|(t, d)| crate::diag::edit_distance(term, t) <= usize::from(*d))
}

/// The matched byte ranges of `text`, merged where they overlap (a compound and its parts).
pub fn matches(text: &str, wanted: &Wanted) -> Vec<Range<usize>> {
    let mut terms = Vec::new();
    analyze(text, &mut terms);
    let mut ranges: Vec<Range<usize>> =
        terms.iter().filter(|t| is_wanted(&t.text, wanted)).map(|t| t.from..t.to).collect();
    ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// The words of a fuzzy match that stood in for a query word, for "did you mean".
pub fn fuzzy_words<'a>(text: &'a str, wanted: &Wanted) -> Vec<&'a str> {
    if wanted.fuzzy.is_empty() {
        return Vec::new();
    }
    let only_fuzzy = Wanted { terms: Vec::new(), fuzzy: wanted.fuzzy.clone() };
    matches(text, &only_fuzzy).into_iter().map(|r| &text[r]).collect()
}

/// A window of at most [`SNIPPET_CHARS`] characters of `text` around the most matches, on one
/// line (line breaks and tabs become spaces; byte offsets are unchanged).
pub fn snippet(text: &str, wanted: &Wanted) -> Snippet {
    let mut snip = window(text, wanted);
    if snip.text.contains(['\n', '\r', '\t']) {
        snip.text = snip.text.replace(['\n', '\r', '\t'], " ");
    }
    snip
}

fn window(text: &str, wanted: &Wanted) -> Snippet {
    let found = matches(text, wanted);
    if text.chars().count() <= SNIPPET_CHARS {
        return Snippet { text: text.to_string(), highlights: found.into_iter().map(|r| [r.start, r.end]).collect() };
    }
    // Byte offset of every char, to move the window in characters.
    let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let char_at = |byte: usize| offsets.partition_point(|&o| o < byte);
    let lead = 30; // characters of context before the first match
    let mut best = (0usize, 0usize); // (matches in window, start char)
    for r in &found {
        let start = char_at(r.start).saturating_sub(lead);
        let end_byte = offsets.get(start + SNIPPET_CHARS).copied().unwrap_or(text.len());
        let start_byte = offsets[start];
        let count = found.iter().filter(|m| m.start >= start_byte && m.end <= end_byte).count();
        if count > best.0 {
            best = (count, start);
        }
    }
    let mut start = best.1.min(offsets.len().saturating_sub(SNIPPET_CHARS));
    // Begin at a word boundary when one is near.
    if start > 0
        && let Some(space) = text[offsets[start]..].char_indices().take(15).find(|&(_, c)| c == ' ')
    {
        start = char_at(offsets[start] + space.0 + 1);
    }
    let start_byte = offsets.get(start).copied().unwrap_or(text.len());
    let mut end_byte = offsets.get(start + SNIPPET_CHARS).copied().unwrap_or(text.len());
    if end_byte < text.len()
        && let Some(space) = text[start_byte..end_byte].rfind(' ')
        && space > (end_byte - start_byte) / 2
    {
        end_byte = start_byte + space;
    }
    let prefix = if start_byte > 0 { "…" } else { "" };
    let suffix = if end_byte < text.len() { "…" } else { "" };
    let body = &text[start_byte..end_byte];
    let shift = prefix.len();
    Snippet {
        text: format!("{prefix}{body}{suffix}"),
        highlights: found
            .into_iter()
            .filter(|r| r.start >= start_byte && r.end <= end_byte)
            .map(|r| [r.start - start_byte + shift, r.end - start_byte + shift])
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wanted(terms: &[&str]) -> Wanted {
        Wanted { terms: terms.iter().map(|t| t.to_string()).collect(), fuzzy: Vec::new() }
    }

    #[test]
    fn highlights_words_compounds_and_parts() {
        let s = snippet("Keep fruit:locking = none; locks are trouble.", &wanted(&["lock"]));
        let marked: Vec<&str> = s.highlights.iter().map(|[a, b]| &s.text[*a..*b]).collect();
        assert_eq!(marked, ["locking", "locks"]);
        let s = snippet("Keep fruit:locking = none.", &wanted(&["fruit:locking", "fruit", "lock"]));
        let marked: Vec<&str> = s.highlights.iter().map(|[a, b]| &s.text[*a..*b]).collect();
        assert_eq!(marked, ["fruit:locking"]);
    }

    #[test]
    fn long_text_is_cut_around_the_match() {
        let text = format!("{} refquota must equal the advertised size. {}", "lorem ".repeat(60), "ipsum ".repeat(60));
        let s = snippet(&text, &wanted(&["refquota"]));
        assert!(s.text.starts_with('…') && s.text.ends_with('…'), "{}", s.text);
        assert!(s.text.chars().count() <= SNIPPET_CHARS + 2);
        let [a, b] = s.highlights[0];
        assert_eq!(&s.text[a..b], "refquota");
    }

    #[test]
    fn fuzzy_terms_highlight_what_they_matched() {
        let w = Wanted { terms: Vec::new(), fuzzy: vec![("refquta".into(), 2)] };
        assert_eq!(fuzzy_words("ZFS refquota is 3T", &w), ["refquota"]);
    }
}
