//! Ansible INI inventories: `[group]`, `[group:vars]`, `[group:children]`, host lines with
//! `key=value` variables, and host ranges (`web[01:03]`).

use super::{InventoryError, Raw, Var};

/// What a section's lines mean. Host lines before any section belong to no group (the
/// inventory puts them in `ungrouped`).
enum Section {
    Hosts(Option<String>),
    Vars(String),
    Children(String),
}

pub(crate) fn parse(file: &str, text: &str, raw: &mut Raw) -> Result<(), InventoryError> {
    let mut section = Section::Hosts(None);
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
            raw.group(name);
            continue;
        }
        match &section {
            Section::Hosts(group) => {
                let words = split_words(line).map_err(err)?;
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
                let v = split_words(v.trim()).map_err(err)?.join(" ");
                raw.group(group).vars.insert(k.trim().to_string(), value(&v));
            }
            Section::Children(group) => {
                let child = line.split_whitespace().next().unwrap_or(line).to_string();
                raw.group(&child);
                raw.add_child(group, &child);
            }
        }
    }
    Ok(())
}

/// An INI value: vault text stays secret; everything else is text, as Ansible's INI values are
/// strings until a template uses them.
fn value(v: &str) -> Var {
    if super::is_vault(v) { Var::Vault } else { Var::Value(serde_json::Value::String(v.to_string())) }
}

/// Splits a line into words, honouring single and double quotes (`key="a b"`).
fn split_words(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut in_word = false;
    for c in line.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => word.push(c),
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                in_word = true;
            }
            None if c == '#' && !in_word => break,
            None if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            None => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if let Some(q) = quote {
        return Err(format!("a {q} quote is not closed"));
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
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
