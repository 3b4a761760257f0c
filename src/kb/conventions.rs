//! The rules a team sets itself: what a patterns, conventions or constraints section states as
//! a rule is a decision.
//!
//! The rule, in the words a reader would use: under a heading over the team's patterns,
//! conventions, guidelines, principles or constraints (the `pattern` kind), a line that tells
//! what to do or not to do — `Always use Flyway for schema changes`, `Never commit secrets`,
//! `Use snake_case for database identifiers`, `No ORM`, `All API routes must validate input`,
//! `Migrations should be reversible`, `统一使用 UTC`, `必ず型を付ける` — is a convention the team
//! settled, and so a decision. What such a section only describes (`Repository pattern over
//! the data layer`, `Services talk over a queue`) stays a pattern (`mb decisions --kind
//! pattern`), as does a question or a `Use case:` line, and what a section over requirements
//! asks of a choice still to make (`## Requirements & Constraints` in a creative phase).

use super::fields;
use super::{Block, Item, Kind, Section};

/// Turns the rules stated under pattern headings into decisions: see the module's rule.
pub(crate) fn rules(items: &mut [Item], sections: &[Section]) {
    // Each section's answer once: whether its title names requirements.
    let mut asks: Vec<Option<bool>> = vec![None; sections.len()];
    for item in items.iter_mut() {
        if item.kind == Kind::Pattern
            && !*asks[item.section]
                .get_or_insert_with(|| sections[item.section].title.as_deref().is_some_and(names_requirements))
            && matches!(item.block, Block::ListItem | Block::Paragraph)
            && item.field.is_none()
            && item.record.is_none()
            && item.done.is_none()
            && states_rule(&item.text)
        {
            item.kind = Kind::Decision;
        }
    }
}

/// A title over what a solution must meet (`Requirements & Constraints` in a creative phase,
/// `Technical Requirements`, `Anforderungen`, `要件`, `需求`): what it lists asks something of
/// the choice to come; it settles nothing.
fn names_requirements(title: &str) -> bool {
    const WORDS: &[&str] =
        &["requirement", "requirements", "anforderungen", "exigences", "requisitos", "requisiti", "требования"];
    title.split(|c: char| !c.is_alphanumeric()).any(|w| !w.is_empty() && fields::is_word_of(w, WORDS))
        || (!title.is_ascii() && ["要件", "需求", "要求"].iter().any(|w| title.contains(w)))
}

/// Words that open a rule: `Always …`, `Never …`, `Use …`, `No ORM`, `Do not …`.
const OPENINGS: &[&str] = &["always", "never", "must", "use", "prefer", "avoid", "no", "keep", "only"];

/// Words that make a sentence a rule wherever they stand: `Migrations must be reversible`,
/// `Secrets are never logged`, in the languages of the phrase table.
const MODALS: &[&str] = &[
    "must",
    "never",
    "always",
    "shall",
    "should",
    "muss",
    "müssen",
    "immer",
    "niemals",
    "toujours",
    "jamais",
    "doit",
    "doivent",
    "siempre",
    "nunca",
    "debe",
    "deben",
    "sempre",
    "deve",
    "devem",
    "всегда",
    "никогда",
    "должен",
    "должна",
    "должно",
    "должны",
    "нельзя",
];

/// The same in Chinese and Japanese, found inside a run of text: 必须 (must), 禁止 (forbidden),
/// 不得 (may not), 统一使用 (always use), 必ず (always), べき (should), 应当/应该 (should).
const CJK_MODALS: &[&str] =
    &["必须", "必須", "禁止", "不得", "不要", "统一使用", "統一使用", "必ず", "べき", "应当", "应该", "應該"];

/// Whether a line states a rule: it opens with a rule's word (after a short label, `Naming:
/// use kebab-case`), opens with `All` and a rule's verb within seven words (`All routes must
/// …`, `All scripts use …`), or holds a modal (`… must be reversible`).
pub(crate) fn states_rule(text: &str) -> bool {
    let text = text.trim();
    if text.ends_with(['?', '？']) {
        return false;
    }
    let body = after_short_label(text);
    for t in [text, body] {
        let w: Vec<&str> =
            t.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()).take(8).collect();
        let Some(first) = w.first() else { continue };
        // (`Use case: …`, `Use Cases` name what a pattern is for.)
        if first.eq_ignore_ascii_case("use")
            && w.get(1).is_some_and(|n| n.eq_ignore_ascii_case("case") || n.eq_ignore_ascii_case("cases"))
        {
            return false;
        }
        let opens = fields::is_word_of(first, OPENINGS) && w.len() > 1
            || (first.eq_ignore_ascii_case("do") && w.get(1).is_some_and(|n| n.eq_ignore_ascii_case("not")))
            || first.eq_ignore_ascii_case("don't")
            || (first.eq_ignore_ascii_case("all")
                && w[1..].iter().any(|n| {
                    fields::is_word_of(
                        n,
                        &["must", "should", "need", "needs", "require", "requires", "required", "use", "uses"],
                    )
                }));
        if opens {
            return true;
        }
    }
    text.split(|c: char| !c.is_alphanumeric()).any(|w| !w.is_empty() && fields::is_word_of(w, MODALS))
        || (!text.is_ascii() && CJK_MODALS.iter().any(|m| text.contains(m)))
}

/// What follows a short label (`Naming: use kebab-case` → `use kebab-case`): at most four words
/// before a colon in the first 48 bytes; else the text itself.
fn after_short_label(text: &str) -> &str {
    match fields::first_colon(text).filter(|&at| at <= 48) {
        Some(at) if text[..at].split_whitespace().count() <= 4 => text[at..].trim_start_matches([':', '：']).trim(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_in_any_wording() {
        for rule in [
            "Always use Flyway for schema changes",
            "Never commit secrets to the repository",
            "Use snake_case for database identifiers",
            "Naming: use kebab-case for files",
            "**Database access**: Always go through the repository layer",
            "No ORM",
            "Do not call the API from components",
            "Don't log tokens",
            "All API routes must validate their input",
            "All scripts use set -euo pipefail",
            "Migrations should be reversible",
            "Secrets are never written to logs",
            "Zeitstempel werden immer in UTC gespeichert",
            "Les dates sont toujours en UTC",
            "Las fechas siempre en UTC",
            "Даты всегда хранятся в UTC",
            "时间统一使用 UTC",
            "所有接口必须校验输入",
            "型は必ず明示する",
        ] {
            assert!(states_rule(rule), "{rule}");
        }
        for other in [
            "Repository pattern over the data layer",
            "Services talk to each other over a queue",
            "Use case: expensive start-up in a sandbox",
            "Use Cases",
            "Should we keep the cache?",
            "All tests pass",
            "All components interact via protocols",
            "Use",
            "No",
            "Usage of the cache is low",
            "Nobody owns the staging cluster",
        ] {
            assert!(!states_rule(other), "{other}");
        }
    }
}
