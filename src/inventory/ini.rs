//! Ansible INI inventories: `[group]`, `[group:vars]`, `[group:children]`, host lines with
//! `key=value` variables, and host ranges (`web[01:03]`).

use serde_json::Value;

use super::{InventoryError, Raw, Var};

/// What a section's lines mean. Host lines before any section belong to no group (the
/// inventory puts them in `ungrouped`).
enum Section {
    Hosts(Option<String>),
    Vars(String),
    Children(String),
}

/// A group a section names before any `[g]` or `[g:children]` header declares it.
struct Undeclared {
    line: usize,
    /// The `[parent:children]` section that names it, or `None` for its own `[g:vars]`.
    parent: Option<String>,
}

/// Whether a group exists for Ansible's INI rules: `all` and `ungrouped` always do.
fn declared(raw: &Raw, name: &str) -> bool {
    name == "all" || name == "ungrouped" || raw.groups.contains_key(name)
}

pub(crate) fn parse(file: &str, text: &str, raw: &mut Raw) -> Result<(), InventoryError> {
    let mut section = Section::Hosts(None);
    // Ansible's rule: `[g:vars]` and a child in `[p:children]` must name a group that a
    // `[g]` or `[g:children]` header declares, in this file (before or after) or an earlier
    // one; the first one that none does is an error (Ansible then skips the file).
    let mut undeclared: Vec<(String, Undeclared)> = Vec::new();
    // Ansible splits lines as Python does: a lone `\r` ends one too.
    let text = crate::source::lone_cr_as_lf(text);
    for (n, line) in text.lines().enumerate() {
        let err = |message: String| InventoryError::new(file, Some(n + 1), message);
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        // `[2001:db8::1]:22` is a host line, not a section header.
        let bracketed_host = line
            .split_whitespace()
            .next()
            .and_then(|w| w.strip_prefix('['))
            .and_then(|w| w.split_once(']'))
            .is_some_and(|(inner, _)| inner.parse::<std::net::Ipv6Addr>().is_ok());
        if let Some(header) = line.strip_prefix('[').filter(|_| !bracketed_host) {
            let header = header
                .strip_suffix(']')
                .ok_or_else(|| err(format!("section header `{line}` is not closed by `]`")))?
                .trim();
            let (name, kind) = header.split_once(':').unwrap_or((header, ""));
            if name.is_empty() || name.contains(char::is_whitespace) {
                return Err(err(format!("`{name}` is not a group name")));
            }
            section = match kind {
                "" | "hosts" => Section::Hosts(Some(name.to_string())),
                "vars" => Section::Vars(name.to_string()),
                "children" => Section::Children(name.to_string()),
                other => return Err(err(format!("unknown section kind `:{other}` (use :vars or :children)"))),
            };
            let is_vars = matches!(section, Section::Vars(_));
            if is_vars && !declared(raw, name) && !undeclared.iter().any(|(g, _)| g == name) {
                undeclared.push((name.to_string(), Undeclared { line: n + 1, parent: None }));
            }
            if !is_vars {
                undeclared.retain(|(g, _)| g != name);
            }
            raw.group(name);
            continue;
        }
        match &section {
            Section::Hosts(group) => {
                let words = super::shlex::split(line, true).map_err(err)?;
                let Some((pattern, assignments)) = words.split_first() else {
                    continue;
                };
                let mut vars = Vec::new();
                for word in assignments {
                    let (k, v) =
                        word.split_once('=').ok_or_else(|| err(format!("`{word}` is not a key=value variable")))?;
                    vars.push((k.to_string(), value(v)));
                }
                let (pattern, port) = super::host_and_port(pattern).map_err(err)?;
                if let Some(port) = port {
                    vars.insert(0, ("ansible_port".to_string(), Var::Value(serde_json::Value::from(port))));
                }
                for host in super::pattern::expand_range(&pattern).map_err(err)? {
                    raw.host(&host).extend(vars.iter().cloned());
                    if let Some(group) = group {
                        raw.add_host(group, &host);
                    }
                }
            }
            Section::Vars(group) => {
                let (k, v) =
                    line.split_once('=').ok_or_else(|| err(format!("`{line}` is not a key=value variable")))?;
                raw.group(group).vars.insert(k.trim().to_string(), value(v));
            }
            Section::Children(group) => {
                let child = line.split_whitespace().next().unwrap_or(line).to_string();
                if !declared(raw, &child) {
                    match undeclared.iter_mut().find(|(g, _)| *g == child) {
                        Some((_, first)) => first.parent = Some(group.clone()),
                        None => {
                            undeclared.push((child.clone(), Undeclared { line: n + 1, parent: Some(group.clone()) }))
                        }
                    }
                }
                raw.add_child(group, &child);
            }
        }
    }
    match undeclared.into_iter().next() {
        None => Ok(()),
        Some((group, Undeclared { line, parent: None })) => Err(InventoryError::new(
            file,
            Some(line),
            format!(
                "`[{group}:vars]` is for group `{group}`, which no `[{group}]` or `[{group}:children]` section declares (Ansible refuses it too)"
            ),
        )),
        Some((group, Undeclared { line, parent: Some(parent) })) => Err(InventoryError::new(
            file,
            Some(line),
            format!(
                "`[{parent}:children]` names group `{group}`, which no `[{group}]` or `[{group}:children]` section declares (Ansible refuses it too)"
            ),
        )),
    }
}

/// An INI value as Ansible's `_parse_value` reads it (Python's `ast.literal_eval`, else the
/// text as written): Python string literals (`"a b"`, `'it\'s'`, `r'…'`; adjacent ones joined;
/// a `# comment` after them allowed) become their text, `True`/`False`/`None` a boolean or
/// null, a decimal integer a number. Anything else (`it's`, `a # b`, `C:\new`) stays as
/// written. Lists, dicts and floats also stay text: mb compares them as text anyway. Vault text
/// stays secret.
fn value(v: &str) -> Var {
    if super::is_vault(v) {
        return Var::Vault;
    }
    let v = v.trim();
    if let Some(text) = python_strings(v) {
        return Var::Value(Value::String(text));
    }
    let bare = v.split_once('#').map_or(v, |(before, _)| before).trim();
    let value = match bare {
        "True" => Value::Bool(true),
        "False" => Value::Bool(false),
        "None" => Value::Null,
        _ => python_int(bare).map_or_else(|| Value::String(v.to_string()), Value::from),
    };
    Var::Value(value)
}

/// A decimal Python integer literal (`42`, `-7`, `1_000`; not `0755`, which Python refuses).
fn python_int(text: &str) -> Option<i64> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let well_formed = digits.starts_with(|c: char| c.is_ascii_digit())
        && !digits.ends_with('_')
        && !digits.contains("__")
        && digits.chars().all(|c| c.is_ascii_digit() || c == '_')
        && (!digits.starts_with('0') || digits.chars().all(|c| c == '0' || c == '_'));
    if !well_formed {
        return None;
    }
    text.replace('_', "").parse().ok()
}

/// The text of one or more adjacent Python string literals, optionally followed by a comment;
/// `None` when `text` is anything else (then Ansible keeps it as written).
fn python_strings(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = text;
    let mut any = false;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() || rest.starts_with('#') {
            return any.then_some(out);
        }
        let (raw, body) = match rest.as_bytes()[0] {
            b'r' | b'R' => (true, &rest[1..]),
            b'u' | b'U' | b'b' | b'B' => (false, &rest[1..]),
            _ => (false, rest),
        };
        let quote = body.chars().next().filter(|q| matches!(q, '\'' | '"'))?;
        if body[1..].starts_with(quote) && body[2..].starts_with(quote) {
            return None; // triple quotes: left as written
        }
        let mut chars = body[1..].char_indices();
        let end = loop {
            let (at, c) = chars.next()?;
            if c == quote {
                break at;
            }
            if c != '\\' {
                out.push(c);
                continue;
            }
            let (_, escaped) = chars.next()?;
            if raw {
                out.push('\\');
                out.push(escaped);
                continue;
            }
            match escaped {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'a' => out.push('\u{7}'),
                'b' => out.push('\u{8}'),
                'f' => out.push('\u{c}'),
                'v' => out.push('\u{b}'),
                '\\' | '\'' | '"' => out.push(escaped),
                'x' | 'u' | 'U' => {
                    let len = match escaped {
                        'x' => 2,
                        'u' => 4,
                        _ => 8,
                    };
                    let hex: String = (0..len).map(|_| chars.next().map(|(_, h)| h)).collect::<Option<_>>()?;
                    out.push(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)?);
                }
                '0'..='7' | 'N' => return None, // octal and named escapes: left as written
                other => {
                    out.push('\\');
                    out.push(other);
                }
            }
        };
        any = true;
        rest = &body[1 + end + quote.len_utf8()..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(raw: &Raw, host: &str, var: &str) -> Option<String> {
        raw.hosts.iter().find(|(n, _)| n == host)?.1.get(var)?.as_text()
    }

    #[test]
    fn groups_vars_children_and_ranges() {
        let mut raw = Raw::default();
        let inv = "# fleet\nlone ansible_host=10.0.0.9\n\n[samba]\nnas1 ansible_host=127.0.0.11 ansible_user=root\n\n[proxmox]\nzd[1:3] ansible_port=2222\n\n[proxmox:vars]\nnote=\"a quoted value\"\n\n[prod:children]\nproxmox\nsamba\n";
        parse("hosts.ini", inv, &mut raw).unwrap();
        let names: Vec<&str> = raw.hosts.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["lone", "nas1", "zd1", "zd2", "zd3"]);
        assert_eq!(text(&raw, "zd2", "ansible_port").as_deref(), Some("2222"));
        assert_eq!(raw.groups["proxmox"].hosts, ["zd1", "zd2", "zd3"]);
        assert_eq!(raw.groups["prod"].children, ["proxmox", "samba"]);
        assert_eq!(raw.groups["proxmox"].vars["note"].as_text().as_deref(), Some("a quoted value"));
        assert!(!raw.groups.get("ungrouped").is_some_and(|g| g.hosts.contains(&"lone".to_string())));
    }

    /// Each expectation is what `ansible-inventory --host` printed for the same lines.
    #[test]
    fn values_as_ansible_reads_them() {
        let mut raw = Raw::default();
        let inv = r#"[web]
h1 a=x#y b=1
h2 path=C:\\dir q="a b" e=it\'s
h3 lit="'single'" n=0755 t=True k=-1_000 none=None
[web:vars]
v1 = it's
v2 = a # not a comment
v3 = "quoted" # a comment
v4 = 'a' "b"
v5 = C:\new
v6 = "tab\tthere"
v7 = r'raw\n'
v8 = "unknown \p escape"
v9 =
"#;
        parse("hosts.ini", inv, &mut raw).unwrap();
        let host = |h: &str| -> serde_json::Value {
            let vars = &raw.hosts.iter().find(|(n, _)| n == h).unwrap().1;
            vars.iter().map(|(k, v)| (k.clone(), if let Var::Value(v) = v { v.clone() } else { Value::Null })).collect()
        };
        assert_eq!(host("h1"), serde_json::json!({"a": "x"}), "shlex: a # ends the line, even in a word");
        assert_eq!(host("h2"), serde_json::json!({"path": "C:\\dir", "q": "a b", "e": "it's"}));
        assert_eq!(host("h3"), serde_json::json!({"lit": "single", "n": "0755", "t": true, "k": -1000, "none": null}));
        let group: serde_json::Value = raw.groups["web"]
            .vars
            .iter()
            .map(|(k, v)| (k.clone(), if let Var::Value(v) = v { v.clone() } else { Value::Null }))
            .collect();
        assert_eq!(
            group,
            serde_json::json!({
                "v1": "it's", "v2": "a # not a comment", "v3": "quoted", "v4": "ab", "v5": "C:\\new",
                "v6": "tab\tthere", "v7": "raw\\n", "v8": "unknown \\p escape", "v9": ""
            })
        );
    }

    /// Each case as `ansible-inventory --graph` takes it: refused (with the same line) or not.
    #[test]
    fn sections_must_name_declared_groups() {
        let parse_text = |text: &str| parse("hosts.ini", text, &mut Raw::default());
        let e = parse_text("h1\n[g:vars]\nx=1\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("`[g:vars]`"), "{e}");
        assert!(parse_text("h1\n[g:vars]\nx=1\n[g]\nh2\n").is_ok(), "declared later");
        let e = parse_text("[p:children]\ng\nk\n[g:vars]\nx=1\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("`[p:children]` names group `g`"), "{e}");
        assert!(parse_text("[p:children]\ng\n[g:children]\n").is_ok());
        assert!(parse_text("[all:vars]\nx=1\n[ungrouped:vars]\ny=1\n").is_ok());
        // A group an earlier file declared counts (a folder shares one inventory).
        let mut raw = Raw::default();
        parse("01.ini", "[web]\nh1\n", &mut raw).unwrap();
        assert!(parse("02.ini", "[web:vars]\nx=1\n[all:children]\nweb\n", &mut raw).is_ok());
    }

    #[test]
    fn errors_name_the_line() {
        let mut raw = Raw::default();
        let e = parse("hosts.ini", "[web\nh1\n", &mut raw).unwrap_err();
        assert_eq!((e.line, e.file.as_str()), (Some(1), "hosts.ini"));
        let e = parse("hosts.ini", "[web]\nh1 port\n", &mut raw).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("key=value"));
    }
}
