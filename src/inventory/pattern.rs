//! Ansible host patterns: `all`, `samba`, `zd*`, `~zd[0-9]+`, `a:b`, `a:&b`, `a:!b`, `a,b`.

use regex::Regex;

/// How a term combines with the terms before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermOp {
    Union,
    Intersect,
    Exclude,
}

#[derive(Debug, Clone)]
pub enum Matcher {
    /// `all` or `*`.
    All,
    /// A host or group name (or a glob that does not compile, taken literally).
    Name(String),
    /// A glob with `*`, `?` or `[…]`, compiled once.
    Glob(globset::GlobMatcher),
    /// `~regex`, matched against host and group names.
    Regex(Regex),
}

#[derive(Debug, Clone)]
pub struct Term {
    pub op: TermOp,
    pub matcher: Matcher,
}

/// A parsed pattern, kept with the text it came from.
#[derive(Debug, Clone)]
pub struct HostPattern {
    pub raw: String,
    pub terms: Vec<Term>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct PatternError {
    pub message: String,
    /// Byte range of the offending term within the pattern text.
    pub span: std::ops::Range<usize>,
}

impl HostPattern {
    /// Parses a pattern. Terms are separated by `,` when the pattern has one (as Ansible does,
    /// so that IPv6 addresses survive), otherwise by `:`.
    pub fn parse(raw: &str) -> Result<HostPattern, PatternError> {
        let sep = if raw.contains(',') { ',' } else { ':' };
        let mut terms = Vec::new();
        let mut offset = 0;
        for part in raw.split(sep) {
            let span = offset..offset + part.len();
            offset += part.len() + 1;
            let trimmed = part.trim();
            let err = |message: String| PatternError { message, span: span.clone() };
            let (op, name) = if let Some(rest) = trimmed.strip_prefix('&') {
                (TermOp::Intersect, rest)
            } else if let Some(rest) = trimmed.strip_prefix('!') {
                (TermOp::Exclude, rest)
            } else {
                (TermOp::Union, trimmed)
            };
            if name.is_empty() {
                return Err(err(if trimmed.is_empty() {
                    format!("empty term in host pattern `{raw}`")
                } else {
                    format!("`{trimmed}` names no host or group")
                }));
            }
            let matcher = if let Some(re) = name.strip_prefix('~') {
                Matcher::Regex(Regex::new(re).map_err(|e| err(format!("bad regex in host pattern: {e}")))?)
            } else if name == "all" || name == "*" {
                Matcher::All
            } else if name.contains(char::is_whitespace) {
                return Err(err(format!("`{name}` contains whitespace")));
            } else if name.contains(['*', '?', '[']) {
                match globset::Glob::new(name) {
                    Ok(glob) => Matcher::Glob(glob.compile_matcher()),
                    Err(_) => Matcher::Name(name.to_string()),
                }
            } else {
                Matcher::Name(name.to_string())
            };
            terms.push(Term { op, matcher });
        }
        Ok(HostPattern { raw: raw.to_string(), terms })
    }
}

/// The hosts a pattern selects, in inventory order. Like Ansible, plain terms are applied
/// first, then `&` intersections, then `!` exclusions, whatever order they were written in.
pub(crate) fn select<'a>(inventory: &'a super::Inventory, pattern: &HostPattern) -> Vec<&'a super::Host> {
    use std::collections::BTreeSet;
    let mut chosen: BTreeSet<&str> = BTreeSet::new();
    for op in [TermOp::Union, TermOp::Intersect, TermOp::Exclude] {
        for term in pattern.terms.iter().filter(|t| t.op == op) {
            let matched = matching(inventory, &term.matcher);
            match op {
                TermOp::Union => chosen.extend(matched),
                TermOp::Intersect => chosen.retain(|h| matched.contains(h)),
                TermOp::Exclude => chosen.retain(|h| !matched.contains(h)),
            }
        }
    }
    inventory.hosts.iter().filter(|h| chosen.contains(h.name.as_str())).collect()
}

/// Host names a term matches: a host, every host of a group, or names matching a glob or
/// regex (host names and group names alike).
fn matching<'a>(inventory: &'a super::Inventory, matcher: &Matcher) -> std::collections::BTreeSet<&'a str> {
    let by = |is: &dyn Fn(&str) -> bool| -> std::collections::BTreeSet<&'a str> {
        let groups: std::collections::HashSet<&str> =
            inventory.groups.keys().map(String::as_str).filter(|g| is(g)).collect();
        inventory
            .hosts
            .iter()
            .filter(|h| is(&h.name) || h.groups.iter().any(|hg| groups.contains(hg.as_str())))
            .map(|h| h.name.as_str())
            .collect()
    };
    match matcher {
        Matcher::All => inventory.hosts.iter().map(|h| h.name.as_str()).collect(),
        Matcher::Glob(glob) => by(&|n: &str| glob.is_match(n)),
        Matcher::Name(name) => by(&|n: &str| n == name),
        Matcher::Regex(re) => by(&|n: &str| re.is_match(n)),
    }
}

/// Expands Ansible host ranges: `zd[1:3]` → zd1 zd2 zd3, `web[01:10:2]` keeps the zero
/// padding and steps by 2, `db-[a:c]` counts letters. A name without a range is itself.
pub(crate) fn expand_range(name: &str) -> Result<Vec<String>, String> {
    let (Some(open), Some(close)) = (name.find('['), name.find(']')) else {
        return Ok(vec![name.to_string()]);
    };
    if close < open {
        return Ok(vec![name.to_string()]);
    }
    let (prefix, inner, suffix) = (&name[..open], &name[open + 1..close], &name[close + 1..]);
    let parts: Vec<&str> = inner.split(':').collect();
    let (start, end, step) = match parts.as_slice() {
        [a, b] => (*a, *b, 1usize),
        [a, b, s] => (*a, *b, s.parse().map_err(|_| format!("bad step in host range `{name}`"))?),
        _ => return Ok(vec![name.to_string()]),
    };
    if step == 0 {
        return Err(format!("host range `{name}` has a step of 0"));
    }
    let rest = expand_range(suffix)?;
    let mut out = Vec::new();
    let mut push = |middle: String| {
        for r in &rest {
            out.push(format!("{prefix}{middle}{r}"));
        }
    };
    if let (Ok(a), Ok(b)) = (start.parse::<u64>(), end.parse::<u64>()) {
        if b < a || (b - a) / step as u64 > 100_000 {
            return Err(format!("host range `{name}` is empty or too large"));
        }
        let width = if start.starts_with('0') { start.len() } else { 0 };
        for i in (a..=b).step_by(step) {
            push(format!("{i:0width$}"));
        }
    } else if let ([a], [b]) = (start.as_bytes(), end.as_bytes())
        && a.is_ascii_alphabetic()
        && b.is_ascii_alphabetic()
        && a <= b
    {
        for c in (*a..=*b).step_by(step) {
            push((c as char).to_string());
        }
    } else {
        return Err(format!("`{name}` is not a host range (use [1:3], [01:10] or [a:f])"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert_eq!(expand_range("zd[1:3]").unwrap(), ["zd1", "zd2", "zd3"]);
        assert_eq!(expand_range("web[08:10]").unwrap(), ["web08", "web09", "web10"]);
        assert_eq!(expand_range("n[1:5:2].lan").unwrap(), ["n1.lan", "n3.lan", "n5.lan"]);
        assert_eq!(expand_range("db-[a:c]").unwrap(), ["db-a", "db-b", "db-c"]);
        assert_eq!(expand_range("plain").unwrap(), ["plain"]);
        assert!(expand_range("x[3:1]").is_err());
    }

    #[test]
    fn parses_ansible_forms() {
        let p = HostPattern::parse("proxmox:&prod:!zd3").unwrap();
        let ops: Vec<_> = p.terms.iter().map(|t| t.op).collect();
        assert_eq!(ops, [TermOp::Union, TermOp::Intersect, TermOp::Exclude]);
        assert!(HostPattern::parse("web*,db").is_ok());
        assert!(HostPattern::parse("~zd[0-9]+").is_ok());
        assert!(matches!(HostPattern::parse("all").unwrap().terms[0].matcher, Matcher::All));
    }

    #[test]
    fn rejects_malformed() {
        assert_eq!(HostPattern::parse("a::b").unwrap_err().span, 2..2);
        // Ansible applies `!` and `&` after the plain terms, so a pattern may start with one.
        assert!(HostPattern::parse("!a:b").is_ok());
        assert!(HostPattern::parse("a:&").is_err());
        assert!(HostPattern::parse("~(").is_err());
        assert!(HostPattern::parse("a b").is_err());
    }
}
