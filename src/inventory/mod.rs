//! The fleet as Ansible describes it: inventories (INI and YAML), `group_vars/` and
//! `host_vars/`, variable precedence, and host patterns.
//!
//! Variables are merged the way Ansible merges them: the `all` group first, then parent groups
//! before their children (groups at one depth in name order), each group's inventory-file vars
//! before its `group_vars/` file; then the host's inventory-file vars, then its `host_vars/`.
//! Vault-encrypted values are kept as [`Var::Vault`]: mb never decrypts them, and a check that
//! needs one reports that it cannot.

mod ini;
mod pattern;
mod yaml_inventory;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use pattern::{HostPattern, Matcher, PatternError, Term, TermOp};

use crate::source::display_path;

/// A variable's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Var {
    Value(serde_json::Value),
    /// An `!vault` value or a value from a vault-encrypted file.
    Vault,
}

impl Var {
    /// The value as text for templates and comparisons: strings as themselves, other values as
    /// compact JSON. `None` for a vault value.
    pub fn as_text(&self) -> Option<String> {
        match self {
            Var::Value(serde_json::Value::String(s)) => Some(s.clone()),
            Var::Value(serde_json::Value::Null) => Some(String::new()),
            Var::Value(v) => Some(v.to_string()),
            Var::Vault => None,
        }
    }
}

pub type Vars = BTreeMap<String, Var>;

/// How mb reaches a host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Connection {
    Ssh,
    Local,
    /// A connection plugin mb does not speak (`docker`, `winrm`, …).
    Other(String),
}

/// A host with everything needed to reach and check it.
#[derive(Debug, Clone)]
pub struct Host {
    pub name: String,
    /// Every group the host belongs to, directly or through children, `all` included; sorted.
    pub groups: Vec<String>,
    /// Merged variables (see the module documentation for the order).
    pub vars: Vars,
}

impl Host {
    pub fn var(&self, name: &str) -> Option<&Var> {
        if name == "inventory_hostname" {
            return None;
        }
        self.vars.get(name)
    }

    /// A variable as text, with `inventory_hostname` defined as Ansible defines it.
    pub fn var_text(&self, name: &str) -> Result<String, VarError> {
        if name == "inventory_hostname" {
            return Ok(self.name.clone());
        }
        match self.vars.get(name) {
            None => Err(VarError::Undefined(name.to_string())),
            Some(Var::Vault) => Err(VarError::Vault(name.to_string())),
            Some(v) => Ok(v.as_text().unwrap_or_default()),
        }
    }

    fn text(&self, name: &str) -> Option<String> {
        self.vars.get(name).and_then(Var::as_text).filter(|s| !s.is_empty())
    }

    /// `ansible_host`, or the inventory name.
    pub fn address(&self) -> String {
        self.text("ansible_host").unwrap_or_else(|| self.name.clone())
    }

    pub fn port(&self) -> u16 {
        self.text("ansible_port").and_then(|p| p.parse().ok()).unwrap_or(22)
    }

    pub fn user(&self) -> Option<String> {
        self.text("ansible_user").or_else(|| self.text("ansible_ssh_user"))
    }

    pub fn key_file(&self) -> Option<PathBuf> {
        self.text("ansible_ssh_private_key_file")
            .or_else(|| self.text("ansible_private_key_file"))
            .map(|p| PathBuf::from(expand_home(&p)))
    }

    pub fn connection(&self) -> Connection {
        match self.text("ansible_connection").as_deref() {
            None | Some("ssh" | "smart" | "paramiko" | "ssh_mb") => Connection::Ssh,
            Some("local") => Connection::Local,
            Some(other) => Connection::Other(other.to_string()),
        }
    }

    /// A jump host: `mb_jump_host`, or `ProxyJump`/`-J` in `ansible_ssh_common_args` or
    /// `ansible_ssh_extra_args`. As `[user@]host[:port]`.
    pub fn jump_host(&self) -> Option<String> {
        if let Some(jump) = self.text("mb_jump_host") {
            return Some(jump);
        }
        for var in ["ansible_ssh_common_args", "ansible_ssh_extra_args"] {
            if let Some(args) = self.text(var)
                && let Some(jump) = proxy_jump(&args)
            {
                return Some(jump);
            }
        }
        None
    }
}

/// `-J host`, `-o ProxyJump=host` or `-o 'ProxyJump host'` in ssh arguments.
fn proxy_jump(args: &str) -> Option<String> {
    let words: Vec<String> = args.split_whitespace().map(|w| w.trim_matches(['\'', '"']).to_string()).collect();
    for (i, w) in words.iter().enumerate() {
        if w == "-J" {
            return words.get(i + 1).cloned();
        }
        if let Some(rest) = w.strip_prefix("-J") {
            return Some(rest.to_string()).filter(|r| !r.is_empty());
        }
        let opt = if w == "-o" { words.get(i + 1).map(String::as_str) } else { w.strip_prefix("-o") };
        if let Some(opt) = opt {
            let lower = opt.to_ascii_lowercase();
            if let Some(value) = lower.strip_prefix("proxyjump=") {
                return Some(opt[opt.len() - value.len()..].to_string());
            }
            if lower == "proxyjump" {
                return words.get(i + 2).cloned();
            }
        }
    }
    None
}

fn expand_home(path: &str) -> String {
    match (path.strip_prefix("~/"), std::env::var("HOME")) {
        (Some(rest), Ok(home)) => format!("{home}/{rest}"),
        _ => path.to_string(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VarError {
    #[error("the host has no variable `{0}`")]
    Undefined(String),
    #[error("variable `{0}` is vault-encrypted; mb does not decrypt vaults")]
    Vault(String),
}

/// A group as written: its own hosts, children and variables.
#[derive(Debug, Clone, Default)]
pub struct Group {
    pub hosts: Vec<String>,
    pub children: Vec<String>,
    pub vars: Vars,
}

/// What an inventory source parsed into, before variables are merged.
#[derive(Debug, Default)]
pub(crate) struct Raw {
    /// Hosts in the order they first appear, with their inventory-file vars.
    pub hosts: Vec<(String, Vars)>,
    pub groups: BTreeMap<String, Group>,
    /// Where each host is in `hosts`, and which (group, host) memberships exist: ranges can
    /// make tens of thousands of hosts, so neither is a linear search.
    index: HashMap<String, usize>,
    members: HashSet<(String, String)>,
}

impl Raw {
    pub fn host(&mut self, name: &str) -> &mut Vars {
        let idx = match self.index.get(name) {
            Some(&i) => i,
            None => {
                self.hosts.push((name.to_string(), Vars::new()));
                self.index.insert(name.to_string(), self.hosts.len() - 1);
                self.hosts.len() - 1
            }
        };
        &mut self.hosts[idx].1
    }

    pub fn group(&mut self, name: &str) -> &mut Group {
        self.groups.entry(name.to_string()).or_default()
    }

    /// Puts a host in a group (once).
    pub fn add_host(&mut self, group: &str, host: &str) {
        if self.members.insert((group.to_string(), host.to_string())) {
            self.group(group).hosts.push(host.to_string());
        }
    }

    /// Makes `child` a child group of `group` (once).
    pub fn add_child(&mut self, group: &str, child: &str) {
        let g = self.group(group);
        if !g.children.iter().any(|c| c == child) {
            g.children.push(child.to_string());
        }
    }
}

/// A problem with an inventory, with the file (and line, when known) it is in.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct InventoryError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
    /// The byte offset of the problem in the file, when it is known more closely than its line.
    pub offset: Option<usize>,
}

impl InventoryError {
    pub fn new(file: &str, line: Option<usize>, message: String) -> InventoryError {
        InventoryError { file: file.to_string(), line, message, offset: None }
    }

    /// The problem as a diagnostic with a caret under its place (the file is read again).
    pub fn diagnostic(&self) -> Option<(crate::diag::Diagnostic, crate::diag::Sources)> {
        let path = Path::new(&self.file);
        let text = std::fs::read_to_string(path).ok()?;
        let lines = crate::source::LineIndex::new(&text);
        let span = match (self.offset, self.line) {
            (Some(at), _) => at..(at + 1).min(text.len().max(at)),
            (None, Some(line)) if line >= 1 && line <= text.lines().count() => lines.line_range(&text, line),
            _ => return None,
        };
        Some(crate::diag::Diagnostic::in_file(crate::diag::Code::InvalidInventory, &self.message, path, span, "here"))
    }
}

/// The resolved fleet.
#[derive(Debug, Clone, Default)]
pub struct Inventory {
    /// In inventory order.
    pub hosts: Vec<Host>,
    pub groups: BTreeMap<String, Group>,
    /// Files that were read, for messages.
    pub sources: Vec<String>,
    /// Variables mb could not read (a vault-encrypted vars file), by file.
    pub warnings: Vec<String>,
}

impl Inventory {
    /// Loads an inventory file (INI or YAML, by content) or a folder of them, with the
    /// `group_vars/` and `host_vars/` beside it.
    pub fn load(path: &Path) -> Result<Inventory, InventoryError> {
        let err = |message: String| InventoryError::new(&display_path(path), None, message);
        let meta = std::fs::metadata(path).map_err(|e| err(format!("cannot read the inventory: {e}")))?;
        let (files, base) = if meta.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| err(e.to_string()))?
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .filter(|p| {
                    let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    !name.starts_with('.') && !name.ends_with(".md") && !name.ends_with('~')
                })
                .collect();
            files.sort();
            (files, path.to_path_buf())
        } else {
            (vec![path.to_path_buf()], path.parent().unwrap_or(Path::new(".")).to_path_buf())
        };
        let mut raw = Raw::default();
        let mut sources = Vec::new();
        for file in &files {
            let (shown, text) = read(file)?;
            if looks_like_yaml(file, &text) {
                yaml_inventory::parse(&shown, &text, &mut raw)?;
            } else {
                ini::parse(&shown, &text, &mut raw)?;
            }
            sources.push(shown);
        }
        let mut inventory = Inventory { sources, ..Inventory::default() };
        let group_vars = vars_dir(&base.join("group_vars"), &mut inventory.warnings)?;
        let host_vars = vars_dir(&base.join("host_vars"), &mut inventory.warnings)?;
        inventory.resolve(raw, &group_vars, &host_vars);
        Ok(inventory)
    }

    /// Merges variables and computes group membership.
    fn resolve(&mut self, mut raw: Raw, group_vars: &BTreeMap<String, Vars>, host_vars: &BTreeMap<String, Vars>) {
        // Every group is a child of `all`; hosts in no group are `ungrouped`.
        let grouped: BTreeSet<String> = raw.groups.values().flat_map(|g| g.hosts.iter().cloned()).collect();
        let child_groups: BTreeSet<String> = raw.groups.values().flat_map(|g| g.children.iter().cloned()).collect();
        let top: Vec<String> =
            raw.groups.keys().filter(|g| *g != "all" && !child_groups.contains(*g)).cloned().collect();
        let ungrouped: Vec<String> =
            raw.hosts.iter().map(|(n, _)| n.clone()).filter(|n| !grouped.contains(n)).collect();
        raw.group("all");
        for g in top {
            raw.add_child("all", &g);
        }
        if !ungrouped.is_empty() {
            for host in &ungrouped {
                raw.add_host("ungrouped", host);
            }
            raw.add_child("all", "ungrouped");
        }
        // Depth of each group below `all` (the longest path, as Ansible orders by depth).
        let mut depth: BTreeMap<String, usize> = BTreeMap::new();
        let mut frontier = vec![("all".to_string(), 0usize)];
        let mut guard = 0;
        while let Some((g, d)) = frontier.pop() {
            guard += 1;
            if guard > 100_000 {
                break; // a cycle of children; Ansible rejects it, we stop descending
            }
            if depth.get(&g).is_some_and(|&old| old >= d) {
                continue;
            }
            depth.insert(g.clone(), d);
            if let Some(group) = raw.groups.get(&g) {
                for c in &group.children {
                    frontier.push((c.clone(), d + 1));
                }
            }
        }
        // Parents of each group, to compute a host's groups.
        let mut parents: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (name, group) in &raw.groups {
            for c in &group.children {
                parents.entry(c.as_str()).or_default().push(name.as_str());
            }
        }
        // The groups each host is written in, once for all hosts.
        let mut written_in: HashMap<&str, Vec<&str>> = HashMap::new();
        for (group, g) in &raw.groups {
            for host in &g.hosts {
                written_in.entry(host.as_str()).or_default().push(group.as_str());
            }
        }
        for (name, host_file_vars) in &raw.hosts {
            let mut groups: BTreeSet<String> = BTreeSet::new();
            let mut todo: Vec<&str> = written_in.get(name.as_str()).cloned().unwrap_or_default();
            while let Some(g) = todo.pop() {
                if groups.insert(g.to_string()) {
                    todo.extend(parents.get(g).into_iter().flatten().copied());
                }
            }
            groups.insert("all".into());
            let mut ordered: Vec<&String> = groups.iter().collect();
            ordered.sort_by_key(|g| (depth.get(*g).copied().unwrap_or(0), (*g).clone()));
            let mut vars = Vars::new();
            for g in ordered {
                if let Some(group) = raw.groups.get(g) {
                    vars.extend(group.vars.clone());
                }
                if let Some(extra) = group_vars.get(g) {
                    vars.extend(extra.clone());
                }
            }
            vars.extend(host_file_vars.clone());
            if let Some(extra) = host_vars.get(name) {
                vars.extend(extra.clone());
            }
            self.hosts.push(Host { name: name.clone(), groups: groups.into_iter().collect(), vars });
        }
        self.groups = raw.groups;
    }

    pub fn host(&self, name: &str) -> Option<&Host> {
        self.hosts.iter().find(|h| h.name == name)
    }

    /// The hosts a pattern selects, in inventory order.
    pub fn select(&self, pattern: &HostPattern) -> Vec<&Host> {
        pattern::select(self, pattern)
    }
}

/// YAML unless the file says otherwise: a `.ini` name, or `[group]` lines.
fn looks_like_yaml(path: &Path, text: &str) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        Some("yml" | "yaml" | "json") => true,
        Some("ini" | "cfg") => false,
        _ => {
            let first =
                text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with(';'));
            !first.is_some_and(|l| l.starts_with('['))
                && first.is_some_and(|l| l.starts_with("---") || l.ends_with(':') || l.contains(": "))
        }
    }
}

/// `group_vars/` or `host_vars/`: `NAME.yml` (`.yaml`, `.json`, no extension) or a folder
/// `NAME/` of such files, merged in name order.
fn vars_dir(dir: &Path, warnings: &mut Vec<String>) -> Result<BTreeMap<String, Vars>, InventoryError> {
    let mut out: BTreeMap<String, Vars> = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(out);
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if file_name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&path)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file() && is_vars_file(p))
                .collect();
            files.sort();
            for file in files {
                let vars = vars_file(&file, warnings)?;
                out.entry(file_name.clone()).or_default().extend(vars);
            }
        } else if is_vars_file(&path) {
            let name =
                file_name.trim_end_matches(".yml").trim_end_matches(".yaml").trim_end_matches(".json").to_string();
            let vars = vars_file(&path, warnings)?;
            out.entry(name).or_default().extend(vars);
        }
    }
    Ok(out)
}

/// An inventory or vars file's text, with the path it is shown as.
fn read(path: &Path) -> Result<(String, String), InventoryError> {
    let shown = display_path(path);
    match std::fs::read_to_string(path) {
        Ok(text) => Ok((shown, text)),
        Err(e) => Err(InventoryError::new(&shown, None, format!("cannot read: {e}"))),
    }
}

/// Text encrypted with ansible-vault (a whole file, or one value).
pub(crate) fn is_vault(text: &str) -> bool {
    text.trim_start().starts_with("$ANSIBLE_VAULT;")
}

fn is_vars_file(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        Some("yml" | "yaml" | "json") | None => true,
        Some(_) => false,
    }
}

/// One vars file. A file encrypted whole with ansible-vault gives no variables and a warning.
fn vars_file(path: &Path, warnings: &mut Vec<String>) -> Result<Vars, InventoryError> {
    let (shown, text) = read(path)?;
    if is_vault(&text) {
        warnings.push(format!("{shown}: vault-encrypted; its variables are unknown to mb"));
        return Ok(Vars::new());
    }
    yaml_inventory::vars_file(&shown, &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_jump_in_the_forms_ansible_users_write() {
        assert_eq!(proxy_jump("-o ProxyJump=admin@bastion:2222").as_deref(), Some("admin@bastion:2222"));
        assert_eq!(proxy_jump("-J bastion").as_deref(), Some("bastion"));
        assert_eq!(proxy_jump("-o StrictHostKeyChecking=no -o 'ProxyJump=jump'").as_deref(), Some("jump"));
        assert_eq!(proxy_jump("-o ProxyCommand=nc %h %p"), None);
    }
}
