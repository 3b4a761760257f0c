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
    /// A host or group name, or a glob with `*`, `?` or `[…]`.
    Name(String),
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
        for (n, part) in raw.split(sep).enumerate() {
            let span = offset..offset + part.len();
            offset += part.len() + 1;
            let trimmed = part.trim();
            let err = |message: String| PatternError {
                message,
                span: span.clone(),
            };
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
            if n == 0 && op != TermOp::Union {
                return Err(err(format!(
                    "host pattern `{raw}` starts with `{}`, which needs a term before it",
                    &trimmed[..1]
                )));
            }
            let matcher = if let Some(re) = name.strip_prefix('~') {
                Matcher::Regex(
                    Regex::new(re).map_err(|e| err(format!("bad regex in host pattern: {e}")))?,
                )
            } else if name == "all" || name == "*" {
                Matcher::All
            } else if name.contains(char::is_whitespace) {
                return Err(err(format!("`{name}` contains whitespace")));
            } else {
                Matcher::Name(name.to_string())
            };
            terms.push(Term { op, matcher });
        }
        Ok(HostPattern {
            raw: raw.to_string(),
            terms,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(HostPattern::parse("!a").is_err());
        assert!(HostPattern::parse("a:&").is_err());
        assert!(HostPattern::parse("~(").is_err());
        assert!(HostPattern::parse("a b").is_err());
    }
}
