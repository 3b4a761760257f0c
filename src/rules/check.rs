//! Checks as the auditor runs them: typed, validated, with the place they were written.

use std::ops::Range;
use std::path::PathBuf;

use regex::Regex;
use serde::Serialize;

use super::registry::{EditKind, OperatorKind};
pub use super::source::{ProbeSource, SourceKind};
use crate::inventory::HostPattern;

/// One `mb-check` block, validated.
#[derive(Debug, Clone)]
pub struct Check {
    pub id: String,
    pub title: Option<String>,
    pub description: Option<String>,
    /// The hosts it applies to; `None` for `scope: repo`.
    pub hosts: Option<HostPattern>,
    pub severity: Severity,
    pub scope: Scope,
    pub decision: Option<DecisionLink>,
    pub probe: Probe,
    pub expect: Vec<Expectation>,
    pub fix: Option<Fix>,
    pub tags: Vec<String>,
    /// The fact is a secret: runs save its digest, reports never show it.
    pub secret: bool,
    pub source: CheckSource,
}

/// Where a check was written.
#[derive(Debug, Clone)]
pub struct CheckSource {
    pub file: PathBuf,
    /// 1-based line of the first line of YAML in the block.
    pub line: usize,
    /// 1-based line of the block's closing fence (or its last line).
    pub end_line: usize,
    /// Byte range of the whole fenced block in the file.
    pub span: Range<usize>,
    /// Byte range of the id's value in the file.
    pub id_span: Range<usize>,
    /// The heading the block sits under, which usually names the decision in prose.
    pub heading: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const NAMES: [&'static str; 3] = ["error", "warning", "info"];

    pub fn from_name(name: &str) -> Option<Severity> {
        match name {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Whether a check reads hosts or the repository itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Host,
    Repo,
}

/// The memory-bank decision a check enforces: the text written in the rule, and where it was
/// found (filled in when a memory bank is available).
#[derive(Debug, Clone)]
pub struct DecisionLink {
    pub text: String,
    pub span: Range<usize>,
    pub resolved: Option<ResolvedDecision>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResolvedDecision {
    pub id: String,
    pub file: String,
    pub line: usize,
    pub text: String,
    pub date: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Probe {
    pub source: ProbeSource,
    pub select: Option<Selector>,
}

/// The part of a fact a check looks at.
#[derive(Debug, Clone)]
pub enum Selector {
    Ini { section: String, key: String },
    Lines(Regex),
    Json(String),
}

/// One expectation; a check passes when all of its expectations hold.
#[derive(Debug, Clone)]
pub enum Expectation {
    Equals(Template),
    NotEquals(Template),
    OneOf(Vec<Template>),
    Contains(Template),
    NotContains(Template),
    Matches(Regex),
    Present,
    Absent,
    SizeEquals(Template),
    Unique,
    /// No two items of a JSON array are equal once these fields are left out.
    UniqueIgnoring(Vec<String>),
    /// Some item of a JSON array has these fields.
    AnyMatches(Vec<(String, FieldPattern)>),
    /// No item of a JSON array has these fields.
    NoneMatches(Vec<(String, FieldPattern)>),
    /// Every item of a JSON array has these fields.
    AllMatch(Vec<(String, FieldPattern)>),
    ExitStatus(i64),
}

/// What one field of a JSON object must be, in the array operators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldPattern {
    /// Present, whatever its value (`"*"`).
    Present,
    /// Not present (`null` or `~`).
    Absent,
    /// Present with this value (strings compare as text, other values as compact JSON).
    Equals(Template),
}

impl Check {
    /// Whether judging a fact needs the host: some expectation's template names a variable.
    /// A check that needs none judges equal facts alike on every host.
    pub fn expects_host_vars(&self) -> bool {
        self.expect.iter().flat_map(Expectation::templates).any(|t| t.vars().next().is_some())
    }
}

impl Expectation {
    /// The templates the expectation renders with the host's variables.
    pub fn templates(&self) -> Vec<&Template> {
        match self {
            Expectation::Equals(t)
            | Expectation::NotEquals(t)
            | Expectation::Contains(t)
            | Expectation::NotContains(t)
            | Expectation::SizeEquals(t) => vec![t],
            Expectation::OneOf(list) => list.iter().collect(),
            Expectation::AnyMatches(fields) | Expectation::NoneMatches(fields) | Expectation::AllMatch(fields) => {
                fields
                    .iter()
                    .filter_map(|(_, p)| match p {
                        FieldPattern::Equals(t) => Some(t),
                        _ => None,
                    })
                    .collect()
            }
            Expectation::Matches(_)
            | Expectation::Present
            | Expectation::Absent
            | Expectation::Unique
            | Expectation::UniqueIgnoring(_)
            | Expectation::ExitStatus(_) => Vec::new(),
        }
    }

    pub fn kind(&self) -> OperatorKind {
        match self {
            Expectation::Equals(_) => OperatorKind::Equals,
            Expectation::NotEquals(_) => OperatorKind::NotEquals,
            Expectation::OneOf(_) => OperatorKind::OneOf,
            Expectation::Contains(_) => OperatorKind::Contains,
            Expectation::NotContains(_) => OperatorKind::NotContains,
            Expectation::Matches(_) => OperatorKind::Matches,
            Expectation::Present => OperatorKind::Present,
            Expectation::Absent => OperatorKind::Absent,
            Expectation::SizeEquals(_) => OperatorKind::SizeEquals,
            Expectation::Unique => OperatorKind::Unique,
            Expectation::UniqueIgnoring(_) => OperatorKind::UniqueIgnoring,
            Expectation::AnyMatches(_) => OperatorKind::AnyMatches,
            Expectation::NoneMatches(_) => OperatorKind::NoneMatches,
            Expectation::AllMatch(_) => OperatorKind::AllMatch,
            Expectation::ExitStatus(_) => OperatorKind::ExitStatus,
        }
    }

    /// The expectation as the user wrote it: `equals: none`.
    pub fn describe(&self) -> String {
        let name = self.kind().name();
        match self {
            Expectation::Equals(t)
            | Expectation::NotEquals(t)
            | Expectation::Contains(t)
            | Expectation::NotContains(t)
            | Expectation::SizeEquals(t) => format!("{name}: {}", t.raw),
            Expectation::OneOf(list) => {
                format!("{name}: [{}]", list.iter().map(|t| t.raw.as_str()).collect::<Vec<_>>().join(", "))
            }
            Expectation::Matches(re) => format!("{name}: {}", re.as_str()),
            Expectation::Present | Expectation::Absent | Expectation::Unique => {
                format!("{name}: true")
            }
            Expectation::UniqueIgnoring(fields) => format!("{name}: [{}]", fields.join(", ")),
            Expectation::AnyMatches(fields) | Expectation::NoneMatches(fields) | Expectation::AllMatch(fields) => {
                format!("{name}: {{{}}}", describe_fields(fields))
            }
            Expectation::ExitStatus(n) => format!("{name}: {n}"),
        }
    }
}

/// `iface: lo, action: ACCEPT` — the fields of an array operator as written.
pub fn describe_fields(fields: &[(String, FieldPattern)]) -> String {
    fields
        .iter()
        .map(|(k, p)| match p {
            FieldPattern::Present => format!("{k}: \"*\""),
            FieldPattern::Absent => format!("{k}: null"),
            FieldPattern::Equals(t) => format!("{k}: {}", t.raw),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A declared fix: an edit to a file of the repository, never to a host.
#[derive(Debug, Clone)]
pub struct Fix {
    /// Relative to the repository root; checked to stay inside it when applied.
    pub file: PathBuf,
    pub edit: Edit,
}

/// An edit, with its values as templates (as written in a rule) or, once filled in for the
/// hosts it fixes, as text (`Edit<String>`, which `mb fix` applies).
#[derive(Debug, Clone)]
pub enum Edit<V = Template> {
    IniSet { section: String, key: String, value: V },
    LinePresent { line: V, after: Option<Regex> },
    LineAbsent { matches: Regex },
    Replace { regex: Regex, with: String },
    YamlSet { path: Vec<String>, value: V },
}

impl<V> Edit<V> {
    pub fn kind(&self) -> EditKind {
        match self {
            Edit::IniSet { .. } => EditKind::IniSet,
            Edit::LinePresent { .. } => EditKind::LinePresent,
            Edit::LineAbsent { .. } => EditKind::LineAbsent,
            Edit::Replace { .. } => EditKind::Replace,
            Edit::YamlSet { .. } => EditKind::YamlSet,
        }
    }

    /// The same edit with every value mapped (templates filled in, for instance).
    pub fn try_map<W, E>(&self, mut f: impl FnMut(&V) -> Result<W, E>) -> Result<Edit<W>, E> {
        Ok(match self {
            Edit::IniSet { section, key, value } => {
                Edit::IniSet { section: section.clone(), key: key.clone(), value: f(value)? }
            }
            Edit::LinePresent { line, after } => Edit::LinePresent { line: f(line)?, after: after.clone() },
            Edit::LineAbsent { matches } => Edit::LineAbsent { matches: matches.clone() },
            Edit::Replace { regex, with } => Edit::Replace { regex: regex.clone(), with: with.clone() },
            Edit::YamlSet { path, value } => Edit::YamlSet { path: path.clone(), value: f(value)? },
        })
    }

    /// The values the edit fills in.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        match self {
            Edit::IniSet { value, .. } | Edit::YamlSet { value, .. } | Edit::LinePresent { line: value, .. } => {
                Some(value)
            }
            Edit::LineAbsent { .. } | Edit::Replace { .. } => None,
        }
        .into_iter()
    }
}

/// Text with `{{ var }}` placeholders filled from the host's inventory variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub raw: String,
    pub parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Text(String),
    Var(String),
}

impl Template {
    /// Parses `{{ name }}` placeholders; an error message says what is wrong.
    pub fn parse(raw: &str) -> Result<Template, String> {
        let mut parts = Vec::new();
        let mut rest = raw;
        while let Some(open) = rest.find("{{") {
            if open > 0 {
                parts.push(Part::Text(rest[..open].to_string()));
            }
            let after = &rest[open + 2..];
            let close = after.find("}}").ok_or_else(|| "`{{` is not closed by `}}`".to_string())?;
            let name = after[..close].trim();
            if name.contains('|') {
                return Err(format!(
                    "`{{{{ {name} }}}}`: filters are not supported; put the value in an inventory variable"
                ));
            }
            let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !valid {
                return Err(format!("`{{{{ {name} }}}}` is not a variable name (letters, digits and `_`)"));
            }
            parts.push(Part::Var(name.to_string()));
            rest = &after[close + 2..];
        }
        if rest.contains("}}") {
            return Err("`}}` without an opening `{{`".into());
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_string()));
        }
        Ok(Template { raw: raw.to_string(), parts })
    }

    pub fn literal(text: &str) -> Template {
        Template { raw: text.to_string(), parts: vec![Part::Text(text.to_string())] }
    }

    pub fn vars(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            Part::Var(name) => Some(name.as_str()),
            Part::Text(_) => None,
        })
    }

    pub fn is_literal(&self) -> bool {
        self.vars().next().is_none()
    }

    /// Fills the placeholders; `Err(name)` names the first variable `lookup` lacks.
    pub fn render(&self, mut lookup: impl FnMut(&str) -> Option<String>) -> Result<String, String> {
        let mut out = String::with_capacity(self.raw.len());
        for part in &self.parts {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::Var(name) => out.push_str(&lookup(name).ok_or_else(|| name.clone())?),
            }
        }
        Ok(out)
    }
}

/// Bytes in a size written the way ZFS and Samba write them: `3T`, `3TiB`, `3TB`, `1.5G`,
/// `3298534883328`. Units are binary (K = 1024).
pub fn parse_size(text: &str) -> Option<u128> {
    let text = text.trim();
    let split = text.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    if number.is_empty() || number.starts_with('.') || number.matches('.').count() > 1 {
        return None;
    }
    let unit = unit.trim();
    let unit = unit.strip_suffix("iB").or_else(|| unit.strip_suffix('B').filter(|u| !u.is_empty())).unwrap_or(unit);
    let power = match unit.to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" => 1,
        "M" => 2,
        "G" => 3,
        "T" => 4,
        "P" => 5,
        "E" => 6,
        _ => return None,
    };
    let scale = 1024u128.pow(power);
    match number.split_once('.') {
        None => number.parse::<u128>().ok()?.checked_mul(scale),
        Some((int, frac)) => {
            let int: u128 = if int.is_empty() { 0 } else { int.parse().ok()? };
            let frac_digits = frac.len().min(18) as u32;
            let frac: u128 = if frac.is_empty() { 0 } else { frac[..frac_digits as usize].parse().ok()? };
            let whole = int.checked_mul(scale)?;
            let part = frac.checked_mul(scale)? / 10u128.pow(frac_digits);
            whole.checked_add(part)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_binary_and_unit_aware() {
        let t = 3_298_534_883_328u128;
        for s in ["3T", "3TiB", "3TB", "3 T", "3t", "3298534883328"] {
            assert_eq!(parse_size(s), Some(t), "{s}");
        }
        assert_eq!(parse_size("1.5G"), Some(1_610_612_736));
        assert_eq!(parse_size("512"), Some(512));
        for bad in ["", "T", "3X", "1.2.3G", "-1G", "three"] {
            assert_eq!(parse_size(bad), None, "{bad}");
        }
    }

    #[test]
    fn templates() {
        let t = Template::parse("tank/{{ pool }}/tm-{{host}}").unwrap();
        assert_eq!(t.vars().collect::<Vec<_>>(), ["pool", "host"]);
        let lookup = |n: &str| (n == "pool").then(|| "p".to_string());
        assert_eq!(t.render(lookup), Err("host".to_string()));
        assert!(Template::parse("{{ a | default(1) }}").is_err());
        assert!(Template::parse("{{ a").is_err());
        assert!(Template::parse("{{ 1a }}").is_err());
        assert!(Template::parse("plain").unwrap().is_literal());
    }
}
