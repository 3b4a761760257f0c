//! Evaluate: a check, a host and the fact it gave → a finding.
//!
//! The fact is narrowed by the probe's selector (an INI key, matching lines, a JSON pointer)
//! to a value or to *absent*. Each expectation then holds, fails, or cannot be decided (a
//! template variable the host lacks, a size that does not parse): the last is an `error`
//! finding that says why, never a pass or a fail.

use crate::inventory::Host;
use crate::probe::{Fact, sanitize};
use crate::rules::Check;
use crate::rules::check::{Expectation, FieldPattern, Selector, describe_fields, parse_size};
use crate::rules::select::{self, Picked};
use crate::rules::source::{ObserveError, Quoting, Raw, render};

use std::sync::Arc;

use super::{CheckRef, Finding, FindingStatus, PASSED};

/// What a probe observed, after its selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    /// `None` is absent: a missing file, key or line, an undefined variable.
    pub value: Option<String>,
    /// A command's exit status.
    pub status: Option<i32>,
    /// The 1-based line of the fact where the selector found it (an INI key's line, the first
    /// matching line), for findings located in a file.
    pub line: Option<usize>,
}

impl Observed {
    pub fn value(value: Option<String>) -> Observed {
        Observed { value, status: None, line: None }
    }
}

/// Narrows a target's fact to what the check looks at: the source's reading of it, then the
/// check's selector. `Err` is a fact that cannot be read. A file a run saved as selections
/// ([`Fact::Selected`]) answers the checks whose selections it kept.
pub fn observe(check: &Check, fact: &Fact) -> Result<Observed, ObserveError> {
    if let Fact::Selected { picks, .. } = fact {
        let wanted = check.probe.select.as_ref().map(Selector::pick);
        let what = match &wanted {
            Some(pick) => pick.describe(),
            None => "the whole content".to_string(),
        };
        return match wanted.and_then(|w| picks.iter().find(|p| p.pick == w)) {
            Some(picked) => observed(picked.clone(), None),
            None => Err(ObserveError::NotSaved(format!(
                "the run did not save {what} of this file (a run keeps only what its checks selected)"
            ))),
        };
    }
    let Raw { value, status } = check.probe.source.observe(fact)?;
    match (value, &check.probe.select) {
        (None, _) => Ok(Observed { value: None, status, line: None }),
        (Some(raw), None) => Ok(Observed { value: Some(raw), status, line: None }),
        (Some(raw), Some(selector)) => observed(select::select(selector, &raw), status),
    }
}

fn observed(picked: Picked, status: Option<i32>) -> Result<Observed, ObserveError> {
    match picked.error {
        Some(e) => Err(ObserveError::NotJson(e)),
        None => Ok(Observed { value: picked.value, status, line: picked.line }),
    }
}

/// One expectation's verdict.
enum Verdict {
    Holds,
    Fails {
        expected: String,
    },
    /// Failed, and the part of the fact that shows why is more telling than the whole.
    FailsWith {
        expected: String,
        found: String,
    },
    Undecidable(String),
}

fn judge(e: &Expectation, seen: &Observed, host: &Host) -> Verdict {
    let value = seen.value.as_deref();
    let want = |t| render(t, host, Quoting::Plain).map_err(|e| e.to_string());
    let fails = |expected: String| Verdict::Fails { expected };
    match e {
        Expectation::Equals(t) => match want(t) {
            Err(why) => Verdict::Undecidable(why),
            Ok(w) if value.map(str::trim) == Some(w.trim()) => Verdict::Holds,
            Ok(w) => fails(w),
        },
        Expectation::NotEquals(t) => match want(t) {
            Err(why) => Verdict::Undecidable(why),
            Ok(w) if value.is_some_and(|v| v.trim() != w.trim()) => Verdict::Holds,
            Ok(w) => fails(format!("present and not {w}")),
        },
        Expectation::OneOf(list) => {
            let mut options = Vec::with_capacity(list.len());
            for t in list {
                match want(t) {
                    Ok(w) => options.push(w),
                    Err(why) => return Verdict::Undecidable(why),
                }
            }
            if value.is_some_and(|v| options.iter().any(|o| o.trim() == v.trim())) {
                Verdict::Holds
            } else {
                fails(format!("one of {}", options.join(", ")))
            }
        }
        Expectation::Contains(t) => match want(t) {
            Err(why) => Verdict::Undecidable(why),
            Ok(w) if value.is_some_and(|v| v.contains(w.as_str())) => Verdict::Holds,
            Ok(w) => fails(format!("contains {w}")),
        },
        Expectation::NotContains(t) => match want(t) {
            Err(why) => Verdict::Undecidable(why),
            Ok(w) if !value.is_some_and(|v| v.contains(w.as_str())) => Verdict::Holds,
            Ok(w) => {
                // Name the line that has it: the whole fact is usually a file.
                let line = value.and_then(|v| v.lines().find(|l| l.contains(w.as_str()))).unwrap_or("");
                Verdict::FailsWith { expected: format!("does not contain {w}"), found: format!("`{}`", line.trim()) }
            }
        },
        Expectation::Matches(re) => {
            if value.is_some_and(|v| re.is_match(v)) {
                Verdict::Holds
            } else {
                fails(format!("matches /{}/", re.as_str()))
            }
        }
        Expectation::Present => {
            if value.is_some() {
                Verdict::Holds
            } else {
                fails("present".into())
            }
        }
        Expectation::Absent => {
            if value.is_none() {
                Verdict::Holds
            } else {
                fails("absent".into())
            }
        }
        Expectation::SizeEquals(t) => {
            let w = match want(t) {
                Ok(w) => w,
                Err(why) => return Verdict::Undecidable(why),
            };
            let Some(want_bytes) = parse_size(&w) else {
                return Verdict::Undecidable(format!("the expected size `{w}` is not a size"));
            };
            match value.map(|v| (v, parse_size(v))) {
                None => fails(w),
                Some((_, Some(have))) if have == want_bytes => Verdict::Holds,
                Some((_, Some(_))) => fails(w),
                Some((v, None)) => Verdict::Undecidable(format!("the host's value `{v}` is not a size")),
            }
        }
        Expectation::Unique => {
            let Some(v) = value else {
                return Verdict::Holds;
            };
            let items: Vec<String> = match serde_json::from_str::<serde_json::Value>(v) {
                Ok(serde_json::Value::Array(items)) => items.iter().map(|i| i.to_string()).collect(),
                _ => v.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect(),
            };
            let mut seen_items = std::collections::HashSet::new();
            match items.iter().find(|i| !seen_items.insert(i.as_str())) {
                None => Verdict::Holds,
                Some(dup) => {
                    let times = items.iter().filter(|i| *i == dup).count();
                    Verdict::FailsWith { expected: "no duplicates".into(), found: format!("`{dup}` {times} times") }
                }
            }
        }
        Expectation::UniqueIgnoring(fields) => {
            let Some(v) = value else {
                return Verdict::Holds;
            };
            let items = match json_items(v) {
                Ok(items) => items,
                Err(why) => return Verdict::Undecidable(why),
            };
            let stripped: Vec<String> = items
                .into_iter()
                .map(|mut item| {
                    if let Some(object) = item.as_object_mut() {
                        for f in fields {
                            object.remove(f);
                        }
                    }
                    item.to_string()
                })
                .collect();
            let mut seen_items = std::collections::HashSet::new();
            match stripped.iter().find(|i| !seen_items.insert(i.as_str())) {
                None => Verdict::Holds,
                Some(dup) => {
                    let times = stripped.iter().filter(|i| *i == dup).count();
                    Verdict::FailsWith {
                        expected: format!("no duplicates ignoring {}", fields.join(", ")),
                        found: format!("`{dup}` {times} times"),
                    }
                }
            }
        }
        Expectation::AnyMatches(fields) | Expectation::NoneMatches(fields) | Expectation::AllMatch(fields) => {
            let mut wanted = Vec::with_capacity(fields.len());
            for (name, pattern) in fields {
                let rendered = match pattern {
                    FieldPattern::Equals(t) => match want(t) {
                        Ok(w) => Some(w),
                        Err(why) => return Verdict::Undecidable(why),
                    },
                    _ => None,
                };
                wanted.push((name.as_str(), pattern, rendered));
            }
            let items = match value.map(json_items) {
                None => Vec::new(),
                Some(Ok(items)) => items,
                Some(Err(why)) => return Verdict::Undecidable(why),
            };
            let matching: Vec<&serde_json::Value> = items.iter().filter(|i| item_matches(i, &wanted)).collect();
            let shown = describe_fields(fields);
            match e {
                Expectation::AnyMatches(_) if matching.is_empty() => fails(format!("an item with {{{shown}}}")),
                Expectation::NoneMatches(_) if !matching.is_empty() => Verdict::FailsWith {
                    expected: format!("no item with {{{shown}}}"),
                    found: format!("`{}`", matching[0]),
                },
                Expectation::AllMatch(_) if value.is_none() => fails(format!("every item with {{{shown}}}")),
                Expectation::AllMatch(_) if matching.len() < items.len() => {
                    let other =
                        items.iter().find(|i| !item_matches(i, &wanted)).map(|i| i.to_string()).unwrap_or_default();
                    Verdict::FailsWith { expected: format!("every item with {{{shown}}}"), found: format!("`{other}`") }
                }
                _ => Verdict::Holds,
            }
        }
        Expectation::ExitStatus(n) => {
            if seen.status == Some(*n as i32) {
                Verdict::Holds
            } else {
                fails(format!("exit status {n}"))
            }
        }
    }
}

/// The items of a JSON array fact; a single object (`json: /0`) is an array of one.
fn json_items(value: &str) -> Result<Vec<serde_json::Value>, String> {
    match serde_json::from_str::<serde_json::Value>(value) {
        Ok(serde_json::Value::Array(items)) => Ok(items),
        Ok(object @ serde_json::Value::Object(_)) => Ok(vec![object]),
        Ok(_) => Err("the fact is not a JSON array or object".into()),
        Err(e) => Err(format!("the fact is not JSON: {e}")),
    }
}

/// Whether a JSON item has every wanted field: `(name, pattern, rendered value)`.
fn item_matches(item: &serde_json::Value, wanted: &[(&str, &FieldPattern, Option<String>)]) -> bool {
    wanted.iter().all(|(name, pattern, rendered)| {
        let field = item.get(*name).filter(|v| !v.is_null());
        match pattern {
            FieldPattern::Present => field.is_some(),
            FieldPattern::Absent => field.is_none(),
            FieldPattern::Equals(_) => match (field, rendered) {
                (Some(serde_json::Value::String(s)), Some(w)) => s.trim() == w.trim(),
                (Some(other), Some(w)) => {
                    let text = other.to_string();
                    text == w.trim()
                }
                _ => false,
            },
        }
    })
}

/// The finding for a check whose fact (or variable) is known.
/// `shown` is the check as its findings share it ([`CheckRef::of`]), `name` the host's name.
pub fn evaluate(
    check: &Check,
    shown: &Arc<CheckRef>,
    host: &Host,
    name: &Arc<str>,
    seen: Result<Observed, ObserveError>,
) -> Finding {
    let seen = match seen {
        Ok(seen) => seen,
        Err(why) => {
            return Finding::of(shown, name, FindingStatus::Error, None, None, sanitize(&why.to_string()));
        }
    };
    let actual = describe(&seen);
    let mut failed = Vec::new();
    let mut found = None;
    let mut errors = Vec::new();
    for e in &check.expect {
        match judge(e, &seen, host) {
            Verdict::Holds => {}
            Verdict::Fails { expected } => failed.push(expected),
            Verdict::FailsWith { expected, found: f } => {
                failed.push(expected);
                found.get_or_insert(f);
            }
            Verdict::Undecidable(why) => errors.push(why),
        }
    }
    if !failed.is_empty() {
        let expected = failed.join("; ");
        let found = found.unwrap_or_else(|| one_line(&actual));
        let mut message = format!("expected {expected}, found {}", sanitize(&found));
        if !errors.is_empty() {
            message.push_str(&format!(" (and: {})", errors.join("; ")));
        }
        return Finding::of(shown, name, FindingStatus::Fail, Some(expected), Some(actual), message);
    }
    if !errors.is_empty() {
        return Finding::of(shown, name, FindingStatus::Error, None, Some(actual), errors.join("; "));
    }
    Finding::of(shown, name, FindingStatus::Pass, None, Some(actual), PASSED)
}

/// A value for a one-line message: its first line, and how many more there are.
fn one_line(value: &str) -> String {
    let mut lines = value.lines();
    let first = lines.next().unwrap_or("");
    match lines.count() {
        0 => first.to_string(),
        n => format!("`{first}` and {n} more {}", if n == 1 { "line" } else { "lines" }),
    }
}

/// The observed value as a finding shows it: `absent`, or the value (long ones cut, escapes
/// made harmless).
pub fn describe(seen: &Observed) -> String {
    const MAX: usize = 400;
    match &seen.value {
        None => "absent".into(),
        Some(v) => {
            let v = sanitize(v);
            if v.chars().count() > MAX {
                let cut: String = v.chars().take(MAX).collect();
                format!("{cut}… ({} bytes)", v.len())
            } else {
                v
            }
        }
    }
}
