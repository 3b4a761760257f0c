//! The write-back promise, checked over many generated Memory Banks: mb's entry goes in (or
//! replaces mb's own entry of the day) and every other byte stays as it was, whatever the
//! file's front matter, line endings, trailing spaces, final newline or entry layout.

use std::path::Path;

use jiff::civil::Date;
use mb::kb::writeback::{self, NewEntry};
use proptest::prelude::*;

/// One block of a generated file.
#[derive(Debug, Clone)]
enum Piece {
    /// A person's entry, dated in one of the usual ways.
    Dated { style: u8, day: u8, body: u8 },
    /// An undated entry (`## Previous Context: …`).
    Undated { body: u8 },
    /// An entry mb wrote earlier, on this day of the month.
    Mb { day: u8 },
    /// A person's entry that happens to carry mb's title, without mb's mark.
    SameTitle { day: u8 },
    /// A `---` between entries.
    Rule,
}

#[derive(Debug, Clone)]
struct Bank {
    bom: bool,
    front_matter: bool,
    title: bool,
    preface: bool,
    /// Entries are H3 under an H2 "History" instead of H2.
    nested: bool,
    pieces: Vec<Piece>,
    crlf: bool,
    /// Lines (by index modulo) that get trailing spaces.
    trailing: u8,
    final_newline: bool,
}

fn date(day: u8) -> Date {
    Date::new(2026, 11, i8::try_from(day).unwrap()).unwrap()
}

/// Body texts with the quirks of real Memory Banks: nested and numbered lists, bold
/// pseudo-headings, inline `Decision:`, code fences holding things that look like entries.
const BODIES: &[&str] = &[
    "### Current Focus\n- Keep `fruit:locking = none` on nas1.\n  - nested detail\n\n### Next Steps\n1. Reboot the second Mac.\n2. Check the backup.\n",
    "**Firewall (final fixes):**\n- Decision: loopback ACCEPT is rule 0.\n\n### Learnings\n- conntrack hides gaps\n",
    "Some prose with a table:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "```markdown\n## Drift audit (2026-11-25)\n<!-- mb:drift-audit date=2026-11-25 run=x -->\n```\n\n- after the fence\n",
    "<!-- agent note\n## not a heading\n-->\n\n### Active Decisions & Considerations\n- refquota 3T\n",
    "",
];

fn render(bank: &Bank) -> String {
    let h = if bank.nested { "###" } else { "##" };
    let mut out = String::new();
    if bank.bom {
        out.push('\u{feff}');
    }
    if bank.front_matter {
        out.push_str("---\ntitle: active context\ntags: [mb]\n---\n\n");
    }
    if bank.title {
        out.push_str("# activeContext.md\n\n");
    }
    if bank.preface {
        out.push_str("**Purpose:**  \nWorking memory for the fleet.\n\n");
    }
    if bank.nested {
        out.push_str("## History\n\n");
    }
    for piece in &bank.pieces {
        match piece {
            Piece::Dated { style, day, body } => {
                let d = date(*day);
                let heading = match style % 3 {
                    0 => format!("{h} Firewall rollout ({d})"),
                    1 => format!("{h} {d} — Quota alignment"),
                    _ => format!("{h} {d}: Samba"),
                };
                out.push_str(&format!("{heading}\n\n{}\n", BODIES[*body as usize % BODIES.len()]));
            }
            Piece::Undated { body } => {
                out.push_str(&format!("{h} Previous Context: indexer\n\n{}\n", BODIES[*body as usize % BODIES.len()]));
            }
            Piece::Mb { day } => {
                let body = format!("\n{h}# Findings\n- **old** (error): drift.\n\n");
                let entry = NewEntry { date: date(*day), run: format!("{}T08-00-00Z", date(*day)), body };
                out.push_str(&entry.render(h.len()));
                out.push('\n');
            }
            Piece::SameTitle { day } => {
                out.push_str(&format!("{h} Drift audit ({})\nA person's own notes.\n\n", date(*day)));
            }
            Piece::Rule => out.push_str("---\n\n"),
        }
    }
    // Trailing spaces on some lines, then the line endings and the final newline.
    let mut lines: Vec<String> = out.split('\n').map(str::to_string).collect();
    let every = usize::from(bank.trailing % 5) + 2;
    let count = lines.len();
    for (i, line) in lines.iter_mut().enumerate() {
        if i % every == 0 && i + 1 < count && !line.is_empty() {
            line.push_str("  ");
        }
    }
    let mut text = lines.join(if bank.crlf { "\r\n" } else { "\n" });
    if !bank.final_newline {
        while text.ends_with('\n') || text.ends_with('\r') {
            text.pop();
        }
    }
    text
}

fn bank() -> impl Strategy<Value = Bank> {
    let piece = prop_oneof![
        4 => (0u8..3, 1u8..29, 0u8..6).prop_map(|(style, day, body)| Piece::Dated { style, day, body }),
        1 => (0u8..6).prop_map(|body| Piece::Undated { body }),
        2 => (20u8..29).prop_map(|day| Piece::Mb { day }),
        1 => (20u8..29).prop_map(|day| Piece::SameTitle { day }),
        2 => Just(Piece::Rule),
    ];
    (
        (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()),
        proptest::collection::vec(piece, 0..8),
        (any::<bool>(), any::<u8>(), any::<bool>()),
    )
        .prop_map(|((bom, front_matter, title, preface, nested), mut pieces, (crlf, trailing, final_newline))| {
            // mb never has two entries of one day in a file.
            let mut seen = Vec::new();
            pieces.retain(|p| match p {
                Piece::Mb { day } if seen.contains(day) => false,
                Piece::Mb { day } => {
                    seen.push(*day);
                    true
                }
                _ => true,
            });
            Bank { bom, front_matter, title, preface, nested, pieces, crlf, trailing, final_newline }
        })
}

/// The entry in the file's line endings (the property allows its final newline to be left
/// off, when it ends a file that had none).
fn landed(entry: &str, crlf: bool) -> String {
    if crlf { entry.replace('\n', "\r\n") } else { entry.to_string() }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn every_byte_outside_mbs_entry_is_kept(bank in bank(), day in 20u8..29) {
        let old = render(&bank);
        let d = date(day);
        let level = writeback::entry_level(&old);
        let body = format!("\n{}# Findings\n- **samba-fruit-locking** (error).\n  - nas1: expected `none`, found `posix`\n\n", "#".repeat(level));
        let entry = NewEntry { date: d, run: format!("{d}T19-00-00Z"), body }.render(level);
        let before = writeback::recorded("f.md", &old).unwrap();
        let spliced = writeback::splice("f.md", &old, d, &entry).unwrap();
        let new = &spliced.text;
        let r = spliced.range.clone();
        let crlf = old.find('\n').is_some_and(|n| n > 0 && old.as_bytes()[n - 1] == b'\r');
        let nl = if crlf { "\r\n" } else { "\n" };

        // The entry itself, in the file's line endings.
        let full = landed(&entry, crlf);
        prop_assert!(full.starts_with(&new[r.clone()]) && full.trim_end() == new[r.clone()].trim_end(), "entry bytes: {:?}", &new[r.clone()]);

        // Everything else: the old text around the old entry (replaced) or around the
        // insertion point, with nothing but mb's separator added.
        match before.iter().find(|e| e.date == d) {
            Some(old_entry) => {
                prop_assert!(spliced.replaced);
                prop_assert_eq!(&new[..r.start], &old[..old_entry.range.start]);
                prop_assert_eq!(&new[r.end..], &old[old_entry.range.end..]);
            }
            None => {
                prop_assert!(!spliced.replaced);
                let (prefix, suffix) = (&new[..r.start], &new[r.end..]);
                let leads = [String::new(), nl.to_string(), format!("{nl}{nl}")];
                let seps = [String::new(), nl.to_string(), format!("{nl}---{nl}{nl}")];
                let rebuilt = leads.iter().filter(|l| prefix.ends_with(l.as_str())).any(|lead| {
                    seps.iter().filter(|s| suffix.starts_with(s.as_str())).any(|sep| {
                        format!("{}{}", &prefix[..prefix.len() - lead.len()], &suffix[sep.len()..]) == old
                    })
                });
                prop_assert!(rebuilt, "the old text is not the new one minus mb's entry:\nold: {:?}\nnew: {:?}", old, new);
            }
        }

        // One mb entry of the day; every other mb entry as it was.
        let after = writeback::recorded("f.md", new).unwrap();
        prop_assert_eq!(after.iter().filter(|e| e.date == d).count(), 1);
        for e in before.iter().filter(|e| e.date != d) {
            prop_assert!(after.iter().any(|a| a.date == e.date && new[a.range.clone()] == old[e.range.clone()]));
        }
        // The final newline, or its absence, is the file's.
        if !old.is_empty() {
            prop_assert_eq!(new.ends_with('\n'), old.ends_with('\n'));
        }
        // Recording again changes nothing.
        let again = writeback::splice("f.md", new, d, &entry).unwrap();
        prop_assert_eq!(&again.text, new);
        // And the Memory Bank parser reads it as a dated entry (or section) like any other.
        let doc = mb::kb::parse::parse_document(Path::new("activeContext.md"), new);
        let title = format!("Drift audit ({d})");
        let seen = doc.entries.iter().any(|e| e.title == title && e.date == Some(d))
            || doc.sections.iter().any(|s| s.title.as_deref() == Some(title.as_str()) && s.date == Some(d));
        prop_assert!(seen, "the parser does not see the entry");
    }
}
