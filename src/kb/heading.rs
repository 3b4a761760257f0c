//! What headings say: the section kind their wording names, and the date they carry.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use jiff::civil::Date;

use super::Kind;

/// Words and phrases that name each kind. Wording drifts between teams and agents ("Active
/// Decisions & Considerations", "Key Technical Decisions", "What's left"), so the lists are
/// generous. When a title names several kinds, the kind listed first in [`Kind::ALL`]-order
/// below wins: decision, next_step, focus, change, pattern, learning.
const KIND_WORDS: &[(Kind, &[&str])] = &[
    (
        Kind::Decision,
        &["decision", "decisions", "decided", "consideration", "considerations", "adr", "adrs", "choices"],
    ),
    (
        Kind::NextStep,
        &[
            "next step",
            "next steps",
            "next",
            "todo",
            "todos",
            "to do",
            "to-do",
            "upcoming",
            "roadmap",
            "what's left",
            "what is left",
            "remaining",
            "open tasks",
            "action items",
            "follow-up",
            "follow-ups",
            "follow up",
            "backlog",
            "plan",
            "plans",
            "planned",
        ],
    ),
    (
        Kind::Focus,
        &[
            "focus",
            "current work",
            "current task",
            "current tasks",
            "working on",
            "in progress",
            "current state",
            "current status",
            "current goal",
            "current goals",
        ],
    ),
    (
        Kind::Change,
        &[
            "change",
            "changes",
            "changelog",
            "recent work",
            "recent updates",
            "updates",
            "completed",
            "done",
            "accomplished",
            "accomplishments",
            "implemented",
            "summary of actions",
            "actions taken",
            "what changed",
            "what works",
            "fixed",
            "fixes",
        ],
    ),
    (
        Kind::Pattern,
        &[
            "pattern",
            "patterns",
            "preference",
            "preferences",
            "convention",
            "conventions",
            "guideline",
            "guidelines",
            "best practice",
            "best practices",
            "standards",
        ],
    ),
    (
        Kind::Learning,
        &[
            "learning",
            "learnings",
            "insight",
            "insights",
            "lesson",
            "lessons",
            "gotcha",
            "gotchas",
            "quirk",
            "quirks",
            "finding",
            "findings",
            "observation",
            "observations",
            "takeaway",
            "takeaways",
            "root cause",
            "discoveries",
            "learned",
        ],
    ),
];

/// The longest phrase in [`KIND_WORDS`], in words.
const MAX_PHRASE_WORDS: usize = 3;

type PhraseMap = HashMap<&'static str, usize, BuildHasherDefault<WordHasher>>;

/// Phrase → rank, where rank is the kind's place in [`KIND_WORDS`].
fn phrase_table() -> &'static PhraseMap {
    static TABLE: OnceLock<PhraseMap> = OnceLock::new();
    TABLE.get_or_init(|| {
        KIND_WORDS.iter().enumerate().flat_map(|(rank, (_, phrases))| phrases.iter().map(move |p| (*p, rank))).collect()
    })
}

/// FxHash's mixing, for short words in process-local maps (heading phrases, the search
/// stemmer's cache): SipHash's DoS resistance buys nothing there.
#[derive(Default)]
pub(crate) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
}

/// The section kind a heading (or bold pseudo-heading) names; [`Kind::Other`] if none.
/// Every run of up to three words of the title is looked up in the phrase table.
pub fn classify(title: &str) -> Kind {
    let lower = title.to_lowercase();
    let words: Vec<&str> =
        lower.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-')).filter(|w| !w.is_empty()).collect();
    let table = phrase_table();
    let mut best: Option<usize> = None;
    let mut phrase = String::new();
    for start in 0..words.len() {
        phrase.clear();
        for (n, word) in words[start..].iter().take(MAX_PHRASE_WORDS).enumerate() {
            if n > 0 {
                phrase.push(' ');
            }
            phrase.push_str(word);
            if let Some(&rank) = table.get(phrase.as_str()) {
                best = Some(best.map_or(rank, |b| b.min(rank)));
            }
        }
    }
    best.map_or(Kind::Other, |rank| KIND_WORDS[rank].0)
}

/// The first calendar date written `YYYY-MM-DD` (or `YYYY/MM/DD`) in `text`, with its byte
/// range. Digits glued to either side, and impossible dates (2025-02-30), do not count.
pub fn find_date(text: &str) -> Option<(Date, std::ops::Range<usize>)> {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let mut i = 0;
    while i + 10 <= b.len() {
        let sep = b[i + 4];
        if (sep == b'-' || sep == b'/')
            && b[i + 7] == sep
            && (0..4).all(|k| digit(i + k))
            && digit(i + 5)
            && digit(i + 6)
            && digit(i + 8)
            && digit(i + 9)
            && !(i > 0 && digit(i - 1))
            && !digit(i + 10)
        {
            let num = |r: std::ops::Range<usize>| b[r].iter().fold(0i32, |n, d| n * 10 + i32::from(d - b'0'));
            let (y, m, d) = (num(i..i + 4), num(i + 5..i + 7), num(i + 8..i + 10));
            if let Ok(date) = Date::new(y as i16, m as i8, d as i8) {
                return Some((date, i..i + 10));
            }
        }
        i += 1;
    }
    None
}

/// A date that opens an item (`2025-11-17: …`, `[2025-11-17] …`, `**2025-11-17** …`).
pub fn leading_date(text: &str) -> Option<Date> {
    let start =
        text.char_indices().find(|&(_, c)| !matches!(c, '[' | '(' | '*' | '_' | ' ')).map_or(text.len(), |(i, _)| i);
    let end = crate::source::floor_char_boundary(text, start + 10);
    let (date, range) = find_date(text.get(start..end)?)?;
    (range.start == 0).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_real_heading_wording() {
        let cases = [
            ("Active Decisions & Considerations", Kind::Decision),
            ("Key Technical Decisions", Kind::Decision),
            ("Current Considerations", Kind::Decision),
            ("Recent Changes (2025-11-17)", Kind::Change),
            ("Summary of actions", Kind::Change),
            ("Next Steps", Kind::NextStep),
            ("What's left to build", Kind::NextStep),
            ("Current Work Focus", Kind::Focus),
            ("Patterns & Preferences", Kind::Pattern),
            ("Learnings & Insights", Kind::Learning),
            ("Root Cause Analysis", Kind::Learning),
            ("Issue Summary", Kind::Other),
            ("2. Next steps", Kind::NextStep),
            ("🔧 Current focus", Kind::Focus),
            ("Next steps: what's left", Kind::NextStep),
            ("Decisions and next steps", Kind::Decision),
        ];
        for (title, kind) in cases {
            assert_eq!(classify(title), kind, "{title}");
        }
    }

    #[test]
    fn no_phrase_is_longer_than_the_lookup_window() {
        for (_, phrases) in KIND_WORDS {
            for p in *phrases {
                assert!(p.split(' ').count() <= MAX_PHRASE_WORDS, "{p}");
            }
        }
    }

    #[test]
    fn dates_in_the_forms_people_write() {
        let d = |y, m, dd| Some(Date::new(y, m, dd).unwrap());
        let date = |t: &str| find_date(t).map(|(d, _)| d);
        assert_eq!(date("Loopback Rules (2025-11-17)"), d(2025, 11, 17));
        assert_eq!(date("2026-03-02 — Firewall rework"), d(2026, 3, 2));
        assert_eq!(date("2025-12-25: Use restic"), d(2025, 12, 25));
        assert_eq!(date("Session (2025-11-24 - Session 7 - wrap up)"), d(2025, 11, 24));
        assert_eq!(date("build 12025-11-17"), None);
        assert_eq!(date("2025-02-30 typo"), None);
        assert_eq!(date("no date"), None);
        assert_eq!(leading_date("[2025-04-16 10:00:00] - Decided"), d(2025, 4, 16));
        assert_eq!(leading_date("Moved on 2025-04-16"), None);
        assert_eq!(leading_date("Ünïcödé and emoji 🔧"), None);
    }
}
