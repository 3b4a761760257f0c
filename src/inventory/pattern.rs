//! Ansible host patterns, selected as ansible-core's `InventoryManager` selects them: `all`,
//! `samba`, `zd*`, `~zd[0-9]+` (a regex matched at the start of names), `g[0]`, `g[-1]`,
//! `g[1:]`, `g[0:2]` (subscripts of a group's hosts in inventory order), `a:b`, `a:&b`, `a:!b`,
//! `a,b`; a pattern made only of `&`/`!` terms starts from `all`; empty terms are ignored.

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
    /// Every host (the implicit start of a pattern made only of `&`/`!` terms).
    All,
    /// A host or group name (or a glob that does not compile, taken literally).
    Name(String),
    /// A glob with `*`, `?` or `[…]` (Python's `fnmatch`), compiled once.
    Glob(globset::GlobMatcher),
    /// `~regex`, matched at the start of host and group names (Python's `re.match`).
    Regex(Regex),
}

/// `[i]` or `[start:end]` (`end` included; `None`: to the last host).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subscript {
    Index(i64),
    Range(usize, Option<usize>),
}

#[derive(Debug, Clone)]
pub struct Term {
    pub op: TermOp,
    pub matcher: Matcher,
    pub subscript: Option<Subscript>,
    /// Whether the term may also match host names when a group matched (Ansible does so only
    /// for regexes and names with `.`, `?`, `*` or `[`).
    pub hosts_too: bool,
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

/// The terms of a pattern with their byte ranges: split on `,` when there is one, else the
/// whole text when it is an address (IPv6, or `host:port`), else on `:` outside `[…]` (Ansible's
/// `split_host_pattern`).
fn split_terms(raw: &str) -> Vec<(usize, &str)> {
    if raw.contains(',') {
        let mut out = Vec::new();
        let mut offset = 0;
        for part in raw.split(',') {
            out.push((offset, part));
            offset += part.len() + 1;
        }
        return out;
    }
    // An address with a port (`host:2222`, `[v6]:22`) or an IPv6 address is one term.
    if matches!(super::host_and_port(raw.trim()), Ok((_, Some(_)))) || raw.trim().parse::<std::net::Ipv6Addr>().is_ok()
    {
        return vec![(0, raw)];
    }
    let mut out = Vec::new();
    let (mut start, mut depth) = (0, 0usize);
    for (i, c) in raw.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            ':' if depth == 0 => {
                out.push((start, &raw[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push((start, &raw[start..]));
    out
}

/// `name[3]`, `name[-1]`, `name[1:]`, `name[0:2]` → the name and its subscript.
fn split_subscript(name: &str) -> Result<(&str, Option<Subscript>), String> {
    if name.starts_with('~') || !name.ends_with(']') {
        return Ok((name, None));
    }
    let Some(open) = name.rfind('[') else {
        return Ok((name, None));
    };
    let (base, inner) = (&name[..open], &name[open + 1..name.len() - 1]);
    if base.is_empty() {
        return Ok((name, None));
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let number = |s: &str| s.parse::<usize>().map_err(|_| format!("subscript `[{inner}]` is too large"));
    if digits(inner.strip_prefix('-').unwrap_or(inner)) {
        let i = inner.parse::<i64>().map_err(|_| format!("subscript `[{inner}]` is too large"))?;
        return Ok((base, Some(Subscript::Index(i))));
    }
    if let Some((a, b)) = inner.split_once([':', '-'])
        && digits(a)
        && (b.is_empty() || digits(b))
    {
        let end = if b.is_empty() { None } else { Some(number(b)?) };
        return Ok((base, Some(Subscript::Range(number(a)?, end))));
    }
    // Not a subscript: a glob character class (`web[12]` is a subscript, `web[a-c]` a glob).
    Ok((name, None))
}

impl HostPattern {
    /// Parses a pattern.
    pub fn parse(raw: &str) -> Result<HostPattern, PatternError> {
        let mut terms = Vec::new();
        for (offset, part) in split_terms(raw) {
            let span = offset..offset + part.len();
            let trimmed = part.trim();
            if trimmed.is_empty() {
                continue; // Ansible drops empty terms
            }
            let err = |message: String| PatternError { message, span: span.clone() };
            let (op, name) = if let Some(rest) = trimmed.strip_prefix('&') {
                (TermOp::Intersect, rest)
            } else if let Some(rest) = trimmed.strip_prefix('!') {
                (TermOp::Exclude, rest)
            } else {
                (TermOp::Union, trimmed)
            };
            if name.is_empty() {
                return Err(err(format!("`{trimmed}` names no host or group")));
            }
            if name.contains(char::is_whitespace) {
                return Err(err(format!("`{name}` contains whitespace")));
            }
            let (name, subscript) = split_subscript(name).map_err(err)?;
            let matcher = if let Some(re) = name.strip_prefix('~') {
                // Python's re.match: anchored at the start only.
                let anchored = format!("^(?:{re})");
                Matcher::Regex(
                    regex::RegexBuilder::new(&anchored)
                        .size_limit(1 << 20)
                        .build()
                        .map_err(|e| err(format!("bad regex in host pattern: {e}")))?,
                )
            } else if name.contains(['*', '?', '[']) {
                match globset::GlobBuilder::new(name).backslash_escape(false).build() {
                    Ok(glob) => Matcher::Glob(glob.compile_matcher()),
                    Err(_) => Matcher::Name(name.to_string()),
                }
            } else {
                Matcher::Name(name.to_string())
            };
            let hosts_too = name.starts_with('~') || name.contains(['.', '?', '*', '[']);
            terms.push(Term { op, matcher, subscript, hosts_too });
        }
        if terms.is_empty() {
            return Err(PatternError { message: format!("empty host pattern `{raw}`"), span: 0..raw.len() });
        }
        Ok(HostPattern { raw: raw.to_string(), terms })
    }
}

/// The hosts a pattern selects, in inventory order. Like Ansible, plain terms are applied
/// first, then `&` intersections, then `!` exclusions, whatever order they were written in;
/// with no plain term, the start is every host.
pub(crate) fn select<'a>(inventory: &'a super::Inventory, pattern: &HostPattern) -> Vec<&'a super::Host> {
    use std::collections::HashSet;
    let mut chosen: HashSet<&str> = HashSet::new();
    if !pattern.terms.iter().any(|t| t.op == TermOp::Union) {
        chosen.extend(inventory.hosts.iter().map(|h| h.name.as_str()));
    }
    for op in [TermOp::Union, TermOp::Intersect, TermOp::Exclude] {
        for term in pattern.terms.iter().filter(|t| t.op == op) {
            let matched: HashSet<&str> = matching(inventory, term).into_iter().collect();
            match op {
                TermOp::Union => chosen.extend(matched),
                TermOp::Intersect => chosen.retain(|h| matched.contains(h)),
                TermOp::Exclude => chosen.retain(|h| !matched.contains(h)),
            }
        }
    }
    inventory.hosts_and_implicit().filter(|h| chosen.contains(h.name.as_str())).map(std::sync::Arc::as_ref).collect()
}

/// A group's hosts as Ansible lists them: its own, then its children's level by level.
fn group_hosts<'a>(inventory: &'a super::Inventory, group: &str, out: &mut Vec<&'a str>) {
    use std::collections::HashSet;
    let mut seen_groups: HashSet<&str> = HashSet::new();
    let mut seen_hosts: HashSet<&str> = HashSet::new();
    let mut level: Vec<&str> = vec![group];
    while !level.is_empty() {
        let mut next = Vec::new();
        for g in level {
            if !seen_groups.insert(g) {
                continue;
            }
            let Some(body) = inventory.groups.get(g) else { continue };
            for h in &body.hosts {
                if seen_hosts.insert(h.as_str()) {
                    out.push(h.as_str());
                }
            }
            next.extend(body.children.iter().map(String::as_str));
        }
        level = next;
    }
}

/// The host names one term selects, in Ansible's order, its subscript applied.
fn matching<'a>(inventory: &'a super::Inventory, term: &Term) -> Vec<&'a str> {
    let is = |n: &str| match &term.matcher {
        Matcher::All => true,
        Matcher::Name(name) => n == name,
        Matcher::Glob(glob) => glob.is_match(n),
        Matcher::Regex(re) => re.is_match(n),
    };
    let mut out: Vec<&'a str> = Vec::new();
    if matches!(term.matcher, Matcher::All) {
        out.extend(inventory.hosts.iter().map(|h| h.name.as_str()));
    } else {
        let groups: Vec<&str> = inventory.groups.keys().map(String::as_str).filter(|g| is(g)).collect();
        for g in &groups {
            group_hosts(inventory, g, &mut out);
        }
        if groups.is_empty() || term.hosts_too {
            out.extend(inventory.hosts.iter().map(|h| h.name.as_str()).filter(|n| is(n)));
        }
        // `localhost` (or `127.0.0.1`, `::1`) that names nothing: Ansible's implicit localhost.
        if let (true, Matcher::Name(name)) = (out.is_empty(), &term.matcher)
            && let Some(host) = inventory.localhost(name)
        {
            out.push(host.name.as_str());
        }
    }
    match term.subscript {
        None => out,
        Some(Subscript::Index(i)) => {
            let at = if i < 0 { out.len() as i64 + i } else { i };
            usize::try_from(at).ok().and_then(|at| out.get(at).copied()).into_iter().collect()
        }
        // Python's `hosts[start:end + 1]`, where an end of 0 (falsy) means "just the start".
        Some(Subscript::Range(start, Some(0))) => out.get(start).copied().into_iter().collect(),
        Some(Subscript::Range(start, end)) => {
            let last = end.unwrap_or(out.len().saturating_sub(1));
            out.iter().copied().skip(start).take((last + 1).saturating_sub(start)).collect()
        }
    }
}

/// The most host names one range may expand to.
const MAX_EXPANDED: u64 = 1_000_000;

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
    let count = if let (Ok(a), Ok(b)) = (start.parse::<u64>(), end.parse::<u64>()) {
        b.checked_sub(a).map_or(0, |d| d / step as u64 + 1)
    } else {
        26
    };
    // Nested ranges multiply: `a[0:9999]b[0:9999]` would be 10^8 names.
    if count.saturating_mul(rest.len() as u64) > MAX_EXPANDED {
        return Err(format!("host range `{name}` expands to more than {MAX_EXPANDED} hosts"));
    }
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
        assert!(matches!(&HostPattern::parse("all").unwrap().terms[0].matcher, Matcher::Name(n) if n == "all"));
        let p = HostPattern::parse("web[0]:db[1:]:x[-1]:y[0:2]:z[a-c]").unwrap();
        let subs: Vec<_> = p.terms.iter().map(|t| t.subscript).collect();
        assert_eq!(
            subs,
            [
                Some(Subscript::Index(0)),
                Some(Subscript::Range(1, None)),
                Some(Subscript::Index(-1)),
                Some(Subscript::Range(0, Some(2))),
                None
            ]
        );
        assert_eq!(HostPattern::parse("fe80::1").unwrap().terms.len(), 1);
    }

    #[test]
    fn rejects_malformed() {
        // Empty terms are dropped, as Ansible does; a pattern of nothing is an error.
        assert_eq!(HostPattern::parse("x::y").unwrap().terms.len(), 2);
        assert!(HostPattern::parse(" , ").is_err());
        // Ansible applies `!` and `&` after the plain terms, so a pattern may start with one.
        assert!(HostPattern::parse("!a:b").is_ok());
        assert!(HostPattern::parse("a:&").is_err());
        assert!(HostPattern::parse("~(").is_err());
        assert!(HostPattern::parse("a b").is_err());
    }
}
