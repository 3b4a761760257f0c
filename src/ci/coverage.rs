//! Decision coverage: the active decisions that state a setting but that no check enforces
//! (no check's `decision:` links them), each with a suggested `mb-check` block when the
//! setting maps to a probe mb knows — an smb.conf key, a ZFS property, a service state or an
//! inventory variable. `mb decisions --coverage` and `mb ci` report it.

use std::collections::HashSet;
use std::fmt::Write as _;

use serde::Serialize;

use crate::kb::{Item, Kind, KnowledgeBase, Setting, Status};
use crate::rules::Check;

/// A decision nothing checks.
#[derive(Debug, Clone, Serialize)]
pub struct Uncovered {
    pub id: String,
    pub text: String,
    pub file: String,
    pub line: usize,
    pub date: Option<String>,
    pub settings: Vec<Setting>,
    /// A check that would enforce its first mappable setting, as an `mb-check` block's YAML.
    pub suggestion: Option<String>,
}

/// ZFS dataset properties a decision may name (`refquota set to 3T`).
const ZFS_PROPERTIES: &[&str] = &[
    "acltype",
    "atime",
    "canmount",
    "casesensitivity",
    "checksum",
    "compression",
    "dedup",
    "encryption",
    "logbias",
    "mountpoint",
    "primarycache",
    "quota",
    "readonly",
    "recordsize",
    "refquota",
    "refreservation",
    "relatime",
    "reservation",
    "snapdir",
    "sync",
    "volsize",
    "xattr",
];

/// The active decisions of `kb` that state a setting and that no check of `checks` links.
pub fn uncovered(kb: &KnowledgeBase, checks: &[Check]) -> Vec<Uncovered> {
    let linked: HashSet<&str> =
        checks.iter().filter_map(|c| c.decision.as_ref()?.resolved.as_ref()).map(|r| r.id.as_str()).collect();
    kb.items()
        .filter(|(_, item)| item.kind == Kind::Decision && item.status == Status::Active)
        .filter(|(_, item)| !linked.contains(item.id.to_string().as_str()))
        .filter_map(|(doc, item)| {
            let settings = item.settings();
            if settings.is_empty() {
                return None;
            }
            let suggestion = settings.iter().find_map(|s| suggest(item, s));
            Some(Uncovered {
                id: item.id.to_string(),
                text: item.text.as_str().to_owned(),
                file: crate::source::display_path(&doc.path),
                line: item.line,
                date: item.date.map(|d| d.to_string()),
                settings,
                suggestion,
            })
        })
        .collect()
}

/// What kind of probe a setting maps to.
enum Probe {
    Smb,
    Zfs,
    Service { active: bool },
    Var,
}

fn probe_for(setting: &Setting) -> Option<Probe> {
    let key = setting.key.as_str();
    let value = setting.value.to_ascii_lowercase();
    if ZFS_PROPERTIES.contains(&key) {
        return Some(Probe::Zfs);
    }
    if matches!(value.as_str(), "enabled" | "disabled" | "masked" | "static") && is_unit(key) {
        return Some(Probe::Service { active: false });
    }
    if matches!(value.as_str(), "active" | "inactive") && is_unit(key) {
        return Some(Probe::Service { active: true });
    }
    if key.contains(':') || key.contains(' ') {
        return Some(Probe::Smb);
    }
    let identifier = key.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    identifier.then_some(Probe::Var)
}

fn is_unit(key: &str) -> bool {
    !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '@'))
}

/// The YAML of a check enforcing `setting` for `decision`, or `None` when no probe fits.
/// Every value is written as a JSON string, which YAML reads as the same text, so nothing in
/// the decision can change the block's structure.
pub fn suggest(decision: &Item, setting: &Setting) -> Option<String> {
    let probe = probe_for(setting)?;
    let q = |text: &str| serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into());
    let slug: String = setting
        .key
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let phrase: String = crate::kb::normalize_phrase(&decision.text).split(' ').take(12).collect::<Vec<_>>().join(" ");
    let mut out = String::new();
    let _ = writeln!(out, "id: decision-{slug}");
    let _ = writeln!(out, "title: {}", q(&format!("{} = {}", setting.key, setting.value)));
    let _ = writeln!(out, "hosts: all  # narrow this to the hosts the decision is about");
    let _ = writeln!(out, "decision: {}", q(&phrase));
    let _ = writeln!(out, "probe:");
    let expect = match probe {
        Probe::Smb => {
            let _ = writeln!(out, "  file: /etc/samba/smb.conf");
            let _ = writeln!(out, "  ini: {{ section: global, key: {} }}", q(&setting.key));
            format!("equals: {}", q(&setting.value))
        }
        Probe::Zfs => {
            let _ =
                writeln!(out, "  zfs: {{ dataset: \"pool/dataset\", property: {} }}  # the dataset", q(&setting.key));
            if crate::rules::check::parse_size(&setting.value).is_some()
                && setting.value.chars().any(|c| c.is_alphabetic())
            {
                format!("size_equals: {}", q(&setting.value))
            } else {
                format!("equals: {}", q(&setting.value))
            }
        }
        Probe::Service { active } => {
            let _ = writeln!(out, "  service: {}", q(&setting.key));
            if active {
                let _ = writeln!(out, "  query: is-active");
            }
            format!("equals: {}", q(&setting.value.to_ascii_lowercase()))
        }
        Probe::Var => {
            let _ = writeln!(out, "  var: {}", q(&setting.key));
            format!("equals: {}", q(&setting.value))
        }
    };
    let _ = writeln!(out, "expect:");
    let _ = writeln!(out, "  {expect}");
    Some(out)
}
