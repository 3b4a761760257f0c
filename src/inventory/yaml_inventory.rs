//! Ansible YAML inventories: groups with `hosts`, `vars` and `children`, at any depth.

use serde_json::Value;

use super::{InventoryError, Raw, Var, Vars};
use crate::source::LineIndex;
use crate::yaml::{self, Node};

/// The file being read, for errors that name its line.
struct Ctx<'a> {
    file: &'a str,
    lines: LineIndex,
}

impl<'a> Ctx<'a> {
    fn new(file: &'a str, text: &str) -> Ctx<'a> {
        Ctx { file, lines: LineIndex::new(text) }
    }

    fn err(&self, at: usize, message: String) -> InventoryError {
        InventoryError { offset: Some(at), ..InventoryError::new(self.file, Some(self.lines.line(at)), message) }
    }
}

pub(crate) fn parse(file: &str, text: &str, raw: &mut Raw) -> Result<(), InventoryError> {
    let cx = Ctx::new(file, text);
    let err = |at: usize, message: String| cx.err(at, message);
    let root = yaml::parse(text).map_err(|e| err(e.offset, format!("invalid YAML: {}", e.message)))?;
    if root.is_null() {
        return Ok(());
    }
    let groups =
        root.as_map().ok_or_else(|| err(root.span.start, "an inventory is a mapping of group names".into()))?;
    for (name, body) in groups {
        let name = name_of(&cx, name, "group")?;
        group(&cx, name, body, raw)?;
    }
    Ok(())
}

fn group(cx: &Ctx, name: &str, body: &Node, raw: &mut Raw) -> Result<(), InventoryError> {
    let err = |at: usize, message: String| cx.err(at, message);
    raw.group(name);
    if body.is_null() {
        return Ok(());
    }
    let fields = body
        .as_map()
        .ok_or_else(|| err(body.span.start, format!("group `{name}` must be a mapping of hosts, vars and children")))?;
    for (key, value) in fields {
        match key.as_str() {
            Some("hosts") => {
                if value.is_null() {
                    continue;
                }
                let hosts = value.as_map().ok_or_else(|| {
                    err(value.span.start, format!("`hosts` of `{name}` must be a mapping of host names"))
                })?;
                for (host, host_vars) in hosts {
                    let pattern = name_of(cx, host, "host")?;
                    let (pattern, port) = super::host_and_port(pattern).map_err(|m| err(host.span.start, m))?;
                    let mut vars = if host_vars.is_null() { Vars::new() } else { vars(cx, host_vars)? };
                    if let Some(port) = port {
                        vars.entry("ansible_port".into()).or_insert(Var::Value(Value::from(port)));
                    }
                    for h in super::pattern::expand_range(&pattern).map_err(|m| err(host.span.start, m))? {
                        raw.host(&h).extend(vars.clone());
                        raw.add_host(name, &h);
                    }
                }
            }
            Some("vars") => {
                if !value.is_null() {
                    let v = vars(cx, value)?;
                    raw.group(name).vars.extend(v);
                }
            }
            Some("children") => {
                if value.is_null() {
                    continue;
                }
                let children = value.as_map().ok_or_else(|| {
                    err(value.span.start, format!("`children` of `{name}` must be a mapping of groups"))
                })?;
                for (child, child_body) in children {
                    let child_name = name_of(cx, child, "group")?.to_string();
                    group(cx, &child_name, child_body, raw)?;
                    raw.add_child(name, &child_name);
                }
            }
            Some(other) => {
                return Err(err(
                    key.span.start,
                    format!("unknown key `{other}` in group `{name}` (groups have hosts, vars and children)"),
                ));
            }
            None => return Err(err(key.span.start, "a key must be text".into())),
        }
    }
    Ok(())
}

/// A host or group name as Ansible's YAML plugin takes it: text, and not a plain scalar YAML
/// 1.1 reads as a number, a boolean or null (Ansible refuses `1234:` until it is quoted).
fn name_of<'n>(cx: &Ctx, node: &'n Node, what: &str) -> Result<&'n str, InventoryError> {
    let text = node.as_str().ok_or_else(|| cx.err(node.span.start, format!("a {what} name must be text")))?;
    let kind = match json(node) {
        Value::String(_) => return Ok(text),
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        _ => "a number",
    };
    Err(cx.err(
        node.span.start,
        format!("{what} name `{text}` is {kind} in YAML, which Ansible refuses: quote it (\"{text}\")"),
    ))
}

/// Whether a YAML file configures an inventory plugin (`plugin: community.general.proxmox`)
/// rather than listing hosts.
pub(crate) fn is_plugin_config(text: &str) -> bool {
    yaml::parse(text).is_ok_and(|root| root.get("plugin").is_some_and(|p| p.as_str().is_some()))
}

/// A `group_vars/` or `host_vars/` file's variables. As Ansible's `host_group_vars` plugin,
/// a file whose content is false to Python (empty, `~`, `[]`, `''`, `0`, `false`, `no`) has
/// none, and any other content that is not a mapping (a list, a number, a line of text such
/// as a symlink checked out as a file) is an error naming the file: never merged.
pub(crate) fn vars_file(file: &str, text: &str) -> Result<Vars, InventoryError> {
    let cx = Ctx::new(file, text);
    let node = yaml::parse(text).map_err(|e| cx.err(e.offset, format!("invalid YAML: {}", e.message)))?;
    if node.as_map().is_some() {
        return vars(&cx, &node);
    }
    let falsy = match json(&node) {
        Value::Null | Value::Bool(false) => true,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(_) | Value::Bool(true) => false,
    };
    if falsy {
        return Ok(Vars::new());
    }
    Err(cx.err(
        node.span.start,
        format!("a vars file must hold a mapping of variables, found {} (Ansible refuses it too)", node.type_name()),
    ))
}

/// A mapping of variables.
fn vars(cx: &Ctx, node: &Node) -> Result<Vars, InventoryError> {
    let map = node
        .as_map()
        .ok_or_else(|| cx.err(node.span.start, format!("variables must be a mapping, found {}", node.type_name())))?;
    let mut out = Vars::new();
    for (k, v) in map {
        if is_merge_key(k) {
            continue;
        }
        if let Some(k) = k.as_str() {
            out.insert(k.to_string(), var(v));
        }
    }
    // `<<: *defaults` (or a list of them): keys written here win over merged ones.
    for (_, v) in map.iter().filter(|(k, _)| is_merge_key(k)) {
        for (mk, mv) in merged(v) {
            out.entry(mk).or_insert(mv);
        }
    }
    Ok(out)
}

fn is_merge_key(key: &Node) -> bool {
    matches!(&key.value, yaml::Value::Scalar { text, plain: true } if text == "<<")
}

/// The entries a merge key brings in: a mapping, or the mappings of a list (earlier first).
fn merged(value: &Node) -> Vec<(String, Var)> {
    let mut out: Vec<(String, Var)> = Vec::new();
    let maps: Vec<&Node> = match &value.value {
        yaml::Value::Map(_) => vec![value],
        yaml::Value::Seq(items) => items.iter().collect(),
        _ => vec![],
    };
    for m in maps {
        if let yaml::Value::Map(entries) = &m.value
            && let Ok(vars) = vars_of_map(entries)
        {
            for (k, v) in vars {
                if !out.iter().any(|(ok, _)| *ok == k) {
                    out.push((k, v));
                }
            }
        }
    }
    out
}

fn vars_of_map(entries: &[(Node, Node)]) -> Result<Vec<(String, Var)>, ()> {
    let mut out: Vec<(String, Var)> = entries
        .iter()
        .filter(|(k, _)| !is_merge_key(k))
        .filter_map(|(k, v)| Some((k.as_str()?.to_string(), var(v))))
        .collect();
    for (_, v) in entries.iter().filter(|(k, _)| is_merge_key(k)) {
        for (k, mv) in merged(v) {
            if !out.iter().any(|(ok, _)| *ok == k) {
                out.push((k, mv));
            }
        }
    }
    Ok(out)
}

fn var(node: &Node) -> Var {
    if let Some(text) = node.as_str()
        && super::is_vault(text)
    {
        return Var::Vault;
    }
    Var::Value(json(node))
}

/// YAML as JSON, with plain scalars typed as PyYAML (YAML 1.1), which Ansible uses, types
/// them: `yes`/`no`/`on`/`off` are booleans, `0755` is octal, `1_000` an integer.
fn json(node: &Node) -> Value {
    match &node.value {
        yaml::Value::Scalar { text, plain: true } => {
            if node.is_null() {
                Value::Null
            } else if let Some(b) = yaml11_bool(text) {
                Value::Bool(b)
            } else if let Some(i) = yaml11_int(text) {
                Value::from(i)
            } else if let Some(f) = text.parse::<f64>().ok().filter(|f| f.is_finite() && text.contains('.')) {
                Value::from(f)
            } else {
                Value::String(text.clone())
            }
        }
        yaml::Value::Scalar { text, plain: false } => Value::String(text.clone()),
        yaml::Value::Seq(items) => Value::Array(items.iter().map(json).collect()),
        yaml::Value::Map(entries) => {
            let mut object: serde_json::Map<String, Value> = entries
                .iter()
                .filter(|(k, _)| !is_merge_key(k))
                .filter_map(|(k, v)| Some((k.as_str()?.to_string(), json(v))))
                .collect();
            for (_, v) in entries.iter().filter(|(k, _)| is_merge_key(k)) {
                for (k, mv) in merged(v) {
                    if let Var::Value(mv) = mv {
                        object.entry(k).or_insert(mv);
                    }
                }
            }
            Value::Object(object)
        }
    }
}

/// PyYAML's booleans.
fn yaml11_bool(text: &str) -> Option<bool> {
    match text {
        "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => Some(true),
        "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => Some(false),
        _ => None,
    }
}

/// PyYAML's integers: decimal, `0o`-less octal (`0755`), `0x`, `0b`, with `_` separators.
fn yaml11_int(text: &str) -> Option<i64> {
    let (negative, body) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    if body.is_empty() || body.starts_with('_') {
        return None;
    }
    let digits: String = body.chars().filter(|c| *c != '_').collect();
    let value = if let Some(hex) = digits.strip_prefix("0x") {
        i64::from_str_radix(hex, 16).ok()?
    } else if let Some(bin) = digits.strip_prefix("0b") {
        i64::from_str_radix(bin, 2).ok()?
    } else if digits.len() > 1 && digits.starts_with('0') {
        i64::from_str_radix(&digits, 8).ok()?
    } else if digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse().ok()?
    } else {
        return None;
    };
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_groups_hosts_and_typed_vars() {
        let text = "all:\n  vars:\n    ansible_user: root\n  children:\n    proxmox:\n      hosts:\n        zd[1:2]:\n          ansible_port: 2222\n      vars:\n        manage: false\n        secret: !vault |\n          $ANSIBLE_VAULT;1.1;AES256\n          6162\n      children:\n        prod:\n          hosts:\n            zd1:\n";
        let mut raw = Raw::default();
        parse("hosts.yml", text, &mut raw).unwrap();
        assert_eq!(raw.groups["all"].children, ["proxmox"]);
        assert_eq!(raw.groups["proxmox"].children, ["prod"]);
        assert_eq!(raw.groups["proxmox"].hosts, ["zd1", "zd2"]);
        assert_eq!(raw.groups["proxmox"].vars["manage"], Var::Value(Value::Bool(false)));
        assert_eq!(raw.groups["proxmox"].vars["secret"], Var::Vault);
        assert_eq!(raw.hosts[0].1["ansible_port"].as_text().as_deref(), Some("2222"));
    }

    #[test]
    fn yaml_1_1_scalars_and_merge_keys() {
        let text = "defaults: &d\n  a: 1\n  b: 2\nbecome: yes\nmode: 0755\nbig: 1_000\nwhere: on\nquoted: 'yes'\nmerged:\n  <<: *d\n  b: 3\n";
        let v = vars_file("v.yml", text).unwrap();
        assert_eq!(v["become"], Var::Value(Value::Bool(true)));
        assert_eq!(v["where"], Var::Value(Value::Bool(true)));
        assert_eq!(v["mode"], Var::Value(Value::from(493)));
        assert_eq!(v["big"], Var::Value(Value::from(1000)));
        assert_eq!(v["quoted"], Var::Value(Value::String("yes".into())));
        assert_eq!(v["merged"], Var::Value(serde_json::json!({"a": 1, "b": 3})));
        let top = vars_file("v.yml", "base: &b\n  x: 1\n<<: *b\ny: 2\n").unwrap();
        assert_eq!(top["x"], Var::Value(Value::from(1)));
        assert!(is_plugin_config("plugin: community.general.proxmox\nurl: x\n"));
        assert!(!is_plugin_config("all:\n  hosts:\n    a:\n"));
    }

    #[test]
    fn errors_name_the_line() {
        let mut raw = Raw::default();
        let e = parse("hosts.yml", "all:\n  hostz:\n    a:\n", &mut raw).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("unknown key `hostz`"));
    }

    /// As `ansible-inventory` refuses them ("Host pattern 1234 must be a string").
    #[test]
    fn names_yaml_types_as_numbers_booleans_or_null_are_refused() {
        for (text, line, says) in [
            ("all:\n  hosts:\n    web1:\n    1234:\n", 4, "host name `1234` is a number"),
            ("all:\n  hosts:\n    yes:\n", 3, "host name `yes` is a boolean"),
            ("all:\n  hosts:\n    1.5:\n", 3, "host name `1.5` is a number"),
            ("all:\n  hosts:\n    ~:\n", 3, "host name `~` is null"),
            ("all:\n  children:\n    123:\n      hosts:\n        a:\n", 3, "group name `123` is a number"),
        ] {
            let e = parse("hosts.yml", text, &mut Raw::default()).unwrap_err();
            assert_eq!(e.line, Some(line), "{text}");
            assert!(e.message.contains(says) && e.message.contains("quote it"), "{e}");
        }
        let mut raw = Raw::default();
        parse("hosts.yml", "all:\n  hosts:\n    \"1234\":\n    0x1f.lan:\n", &mut raw).unwrap();
        assert_eq!(raw.hosts.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["1234", "0x1f.lan"]);
    }
}
