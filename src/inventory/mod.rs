//! The fleet as Ansible describes it: inventories (INI and YAML), `group_vars/` and
//! `host_vars/`, variable precedence, and host patterns.
//!
//! Variables are merged the way ansible-core merges them: every inventory-file group variable
//! (`all` first, then the host's groups by depth, `ansible_group_priority` and name), then the
//! `group_vars/` files in the same order, then the host's inventory-file vars, then its
//! `host_vars/`.
//! Vault-encrypted values are kept as [`Var::Vault`]: mb never decrypts them, and a check that
//! needs one reports that it cannot.

mod ini;
mod pattern;
mod shlex;
mod template;
mod yaml_inventory;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

pub use pattern::{HostPattern, Matcher, PatternError, Subscript, Term, TermOp};

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
    /// Vars files of the host encrypted whole with ansible-vault: any variable not defined
    /// elsewhere may be in them, so it is unknown, never absent.
    pub vault_files: Vec<String>,
    /// A `group_vars/` or `host_vars/` file of the host that cannot be read as variables (not
    /// YAML, not a mapping, unreadable), with its file and line. Ansible fails such a host and
    /// runs the others; mb audits none of its checks and says why.
    pub vars_problem: Option<String>,
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
            None if !self.vault_files.is_empty() => {
                Err(VarError::InVaultFile { name: name.to_string(), files: self.vault_files.join(", ") })
            }
            None => Err(VarError::Undefined(name.to_string())),
            Some(Var::Vault) => Err(VarError::Vault(name.to_string())),
            Some(v) => Ok(v.as_text().unwrap_or_default()),
        }
    }

    fn text(&self, name: &str) -> Option<String> {
        self.vars.get(name).and_then(Var::as_text).filter(|s| !s.is_empty())
    }

    /// The first of these variables that is set, its `{{ }}` templates rendered from the
    /// host's variables (as Ansible reads `ansible_host` then `ansible_ssh_host`, …).
    fn connection_var(&self, names: &[&str]) -> Result<Option<String>, String> {
        let Some((name, raw)) = names.iter().find_map(|n| self.text(n).map(|t| (*n, t))) else {
            return Ok(None);
        };
        template::render(&raw, self, 0)
            .map(|v| Some(v).filter(|v| !v.is_empty()))
            .map_err(|why| format!("`{name}: {raw}` cannot be rendered: {why}"))
    }

    /// `ansible_host` (or `ansible_ssh_host`), or the inventory name.
    pub fn address(&self) -> String {
        self.connection_var(&["ansible_host", "ansible_ssh_host"]).ok().flatten().unwrap_or_else(|| self.name.clone())
    }

    /// `ansible_port` (or `ansible_ssh_port`), else 22. Unreadable ports show as 22 here;
    /// [`Host::reach_problem`] refuses them.
    pub fn port(&self) -> u16 {
        self.port_checked().ok().flatten().unwrap_or(22)
    }

    fn port_checked(&self) -> Result<Option<u16>, String> {
        match self.connection_var(&["ansible_port", "ansible_ssh_port"])? {
            None => Ok(None),
            Some(p) => match p.trim().parse::<u16>() {
                Ok(port) if port > 0 => Ok(Some(port)),
                _ => Err(format!("the port `{p}` is not a TCP port (1-65535)")),
            },
        }
    }

    pub fn user(&self) -> Option<String> {
        self.connection_var(&["ansible_user", "ansible_ssh_user"]).ok().flatten()
    }

    /// `ansible_port` (or `ansible_ssh_port`) when the inventory sets a readable one: Ansible
    /// passes it to ssh as `-o Port=`, over the ssh config's.
    pub fn port_set(&self) -> Option<u16> {
        self.port_checked().ok().flatten()
    }

    /// Why mb must not connect to this host as the inventory describes it: a template it
    /// cannot render or a port that is not one. `None` when the inventory is usable.
    pub fn reach_problem(&self) -> Option<String> {
        if let Some(problem) = &self.vars_problem {
            return Some(problem.clone());
        }
        for names in [&["ansible_host", "ansible_ssh_host"][..], &["ansible_user", "ansible_ssh_user"]] {
            if let Err(why) = self.connection_var(names) {
                return Some(why);
            }
        }
        self.port_checked().err()
    }

    /// The words of `ansible_ssh_common_args` then `ansible_ssh_extra_args`, as ssh gets them
    /// (after Ansible's own `-o Port=`, `-o IdentityFile=` and `-o User=`), split as Ansible
    /// splits them (`shlex.split`); an unclosed quote is an error, as it is Ansible's.
    pub fn ssh_arguments(&self) -> Result<Vec<String>, String> {
        let mut words = Vec::new();
        for var in ["ansible_ssh_common_args", "ansible_ssh_extra_args"] {
            if let Some(args) = self.text(var) {
                words.extend(shlex::split(&args, false).map_err(|why| format!("`{var}`: {why}"))?);
            }
        }
        Ok(words)
    }

    /// A `ProxyCommand` in `ansible_ssh_common_args` or `ansible_ssh_extra_args`.
    pub fn proxy_command(&self) -> Option<String> {
        ssh_option(&self.ssh_arguments().ok()?, "proxycommand")
    }

    pub fn key_file(&self) -> Option<PathBuf> {
        self.text("ansible_ssh_private_key_file")
            .or_else(|| self.text("ansible_private_key_file"))
            .map(|p| PathBuf::from(expand_home(&p)))
    }

    pub fn connection(&self) -> Connection {
        let text = self.connection_var(&["ansible_connection"]).ok().flatten();
        let name = text.as_deref().map(|c| c.strip_prefix("ansible.builtin.").unwrap_or(c));
        match name {
            None | Some("ssh" | "smart" | "paramiko" | "paramiko_ssh" | "ssh_mb") => Connection::Ssh,
            Some("local") => Connection::Local,
            Some(_) => Connection::Other(text.unwrap_or_default()),
        }
    }

    /// A jump host: `mb_jump_host`, or `ProxyJump`/`-J` in `ansible_ssh_common_args` or
    /// `ansible_ssh_extra_args`. As `[user@]host[:port]`.
    pub fn jump_host(&self) -> Option<String> {
        if let Some(jump) = self.text("mb_jump_host") {
            return Some(jump);
        }
        proxy_jump(&self.ssh_arguments().ok()?)
    }
}

/// The `-o` option at `words[i]` (`-o Name=value`, `-o 'Name value'`, `-oName=value`), as
/// its name and value.
fn option_at(words: &[String], i: usize) -> Option<(&str, &str)> {
    let w = &words[i];
    let opt = if w == "-o" { words.get(i + 1).map(String::as_str) } else { w.strip_prefix("-o") }?;
    let (key, value) = opt.split_once(['=', ' '])?;
    Some((key, value.trim_start_matches(['=', ' '])))
}

/// The value of the first `-o NAME=…` in ssh arguments (ssh keeps an option's first value).
fn ssh_option(words: &[String], name: &str) -> Option<String> {
    (0..words.len())
        .filter_map(|i| option_at(words, i))
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.to_string())
}

/// The first `-J host`, `-o ProxyJump=host` or `-o 'ProxyJump host'` in ssh arguments.
fn proxy_jump(words: &[String]) -> Option<String> {
    for (i, w) in words.iter().enumerate() {
        if w == "-J" {
            return words.get(i + 1).cloned();
        }
        if let Some(rest) = w.strip_prefix("-J").filter(|r| !r.is_empty()) {
            return Some(rest.to_string());
        }
        if let Some((key, value)) = option_at(words, i)
            && key.eq_ignore_ascii_case("proxyjump")
        {
            return Some(value.to_string());
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
    #[error(
        "variable `{name}` is unknown (vault): it is not defined outside {files}, which is vault-encrypted and mb does not decrypt; define it outside the vault (or as a single `!vault` value) for mb to check it"
    )]
    InVaultFile { name: String, files: String },
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
            (None, Some(line)) if line >= 1 && line <= lines.count() => lines.line_range(&text, line),
            _ => return None,
        };
        Some(crate::diag::Diagnostic::in_file(crate::diag::Code::InvalidInventory, &self.message, path, span, "here"))
    }
}

/// The resolved fleet.
#[derive(Debug, Clone, Default)]
pub struct Inventory {
    /// In inventory order; shared with the audit plans that take them.
    pub hosts: Vec<Arc<Host>>,
    pub groups: BTreeMap<String, Group>,
    /// Files that were read, for messages.
    pub sources: Vec<String>,
    /// Variables mb could not read (a vault-encrypted vars file), by file.
    pub warnings: Vec<String>,
    /// Ansible's implicit localhost under each of [`LOCALHOST_NAMES`], when no host of the
    /// inventory has one of those names: in no group (not even `all`), reached locally, with
    /// `all`'s variables and its own `host_vars/`. Only a pattern that names it selects it.
    pub implicit: Vec<Arc<Host>>,
    /// Which of `implicit` this run uses: the one the first pattern named (Ansible creates one
    /// implicit localhost and gives it under every one of the names afterwards).
    implicit_chosen: std::sync::OnceLock<usize>,
}

/// The names of the controller (ansible-core's `C.LOCALHOST`): a host pattern naming one of
/// them that matches no group or host selects the inventory's first host of one of these names,
/// else the implicit localhost.
pub const LOCALHOST_NAMES: [&str; 3] = ["localhost", "127.0.0.1", "::1"];

impl Inventory {
    /// A digest of the hosts, their groups and variables (vault values as a marker): two runs
    /// with the same digest audited the same fleet.
    pub fn digest(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        for host in &self.hosts {
            parts.push(host.name.clone());
            parts.extend(host.groups.iter().cloned());
            for name in host.vars.keys() {
                parts.push(format!("{name}={}", host.var_text(name).unwrap_or_else(|_| "(vault)".into())));
            }
        }
        crate::audit::shard::digest(parts.iter().map(String::as_str))
    }
}

impl Inventory {
    /// Loads an inventory file (INI or YAML, by content) or a folder of them, with the
    /// `group_vars/` and `host_vars/` beside it.
    pub fn load(path: &Path) -> Result<Inventory, InventoryError> {
        let err = |message: String| InventoryError::new(&display_path(path), None, message);
        let meta = std::fs::metadata(path).map_err(|e| err(format!("cannot read the inventory: {e}")))?;
        let mut raw = Raw::default();
        let mut inventory = Inventory::default();
        let base = if meta.is_dir() {
            let mut files = Vec::new();
            inventory_files(path, &mut files);
            for file in &files {
                // In a folder, as Ansible does: a file that is not an inventory is skipped
                // with a warning, and the rest still loads.
                match source(file, &mut raw) {
                    Ok(Some(shown)) => inventory.sources.push(shown),
                    Ok(None) => inventory.warnings.push(format!(
                        "{}: an inventory plugin configuration (`plugin:`); mb does not run inventory plugins, so its hosts are not audited",
                        display_path(file)
                    )),
                    Err(e) => inventory.warnings.push(format!("{e}; file skipped")),
                }
            }
            path.to_path_buf()
        } else {
            match source(path, &mut raw)? {
                Some(shown) => inventory.sources.push(shown),
                None => inventory.warnings.push(format!(
                    "{}: an inventory plugin configuration (`plugin:`); mb does not run inventory plugins",
                    display_path(path)
                )),
            }
            path.parent().unwrap_or(Path::new(".")).to_path_buf()
        };
        let group_vars = VarsDir::new(base.join("group_vars"));
        let host_vars = VarsDir::new(base.join("host_vars"));
        inventory.resolve(raw, &group_vars, &host_vars)?;
        Ok(inventory)
    }

    /// Merges variables and computes group membership.
    fn resolve(&mut self, mut raw: Raw, group_vars: &VarsDir, host_vars: &VarsDir) -> Result<(), InventoryError> {
        // Every group is a child of `all`; hosts in no group but `all` are `ungrouped`, and a
        // host in another group is not (Ansible's `reconcile_inventory`).
        let grouped: BTreeSet<String> = raw
            .groups
            .iter()
            .filter(|(name, _)| *name != "all" && *name != "ungrouped")
            .flat_map(|(_, g)| g.hosts.iter().cloned())
            .collect();
        if let Some(group) = raw.groups.get_mut("ungrouped") {
            group.hosts.retain(|h| !grouped.contains(h));
        }
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
        // `ansible_group_priority` orders groups of one depth; like Ansible, it is no variable.
        let mut priority: HashMap<String, i64> = HashMap::new();
        for (name, group) in raw.groups.iter_mut() {
            if let Some(p) = group.vars.remove("ansible_group_priority") {
                priority.insert(name.clone(), p.as_text().and_then(|t| t.trim().parse().ok()).unwrap_or(1));
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
            // Ansible's order: every inventory-file group variable (`all` first, then by depth,
            // `ansible_group_priority` and name), then the `group_vars/` files in the same order,
            // then the host's own inventory variables, then `host_vars/`.
            let mut ordered: Vec<&String> = groups.iter().filter(|g| *g != "all").collect();
            ordered.sort_by_key(|g| {
                (depth.get(*g).copied().unwrap_or(0), priority.get(g.as_str()).copied().unwrap_or(1), (*g).clone())
            });
            let all = "all".to_string();
            ordered.insert(0, &all);
            let mut vars = Vars::new();
            let mut vault_files = Vec::new();
            let mut problem = None;
            for g in &ordered {
                if let Some(group) = raw.groups.get(*g) {
                    vars.extend(group.vars.clone());
                }
            }
            for g in &ordered {
                let extra = group_vars.vars_for(g, &mut self.warnings, &mut vault_files);
                self.merge_vars(&mut vars, extra, &mut problem);
            }
            vars.extend(host_file_vars.clone());
            let extra = host_vars.vars_for(name, &mut self.warnings, &mut vault_files);
            self.merge_vars(&mut vars, extra, &mut problem);
            check_host_name(name).map_err(|why| {
                let file = self.sources.first().map(String::as_str).unwrap_or("the inventory");
                InventoryError::new(file, None, format!("host name {name:?} {why}"))
            })?;
            self.hosts.push(Arc::new(Host {
                name: name.clone(),
                groups: groups.into_iter().collect(),
                vars,
                vault_files,
                vars_problem: problem,
            }));
        }
        if !self.hosts.iter().any(|h| LOCALHOST_NAMES.contains(&h.name.as_str())) {
            for name in LOCALHOST_NAMES {
                let host = self.implicit_localhost(name, &raw, group_vars, host_vars);
                self.implicit.push(Arc::new(host));
            }
        }
        self.groups = raw.groups;
        Ok(())
    }

    pub fn host(&self, name: &str) -> Option<&Host> {
        self.hosts.iter().find(|h| h.name == name).map(|h| &**h)
    }

    /// The inventory's hosts, then the implicit localhosts (which no pattern but their name
    /// selects).
    pub fn hosts_and_implicit(&self) -> impl Iterator<Item = &Arc<Host>> {
        self.hosts.iter().chain(&self.implicit)
    }

    /// Whether `host` is an implicit localhost, not one of the inventory.
    pub fn is_implicit(&self, host: &Host) -> bool {
        self.implicit.iter().any(|h| std::ptr::eq(&**h, host))
    }

    /// The host a pattern term `name` selects when it matched no group or host, as Ansible's
    /// `get_host` gives it: for a name of [`LOCALHOST_NAMES`], the inventory's first host with
    /// one of those names, else the implicit localhost (the one first asked for, whatever name
    /// it is asked by later).
    pub fn localhost(&self, name: &str) -> Option<&Host> {
        if !LOCALHOST_NAMES.contains(&name) {
            return None;
        }
        if let Some(host) = self.hosts.iter().find(|h| LOCALHOST_NAMES.contains(&h.name.as_str())) {
            return Some(&**host);
        }
        let asked = self.implicit.iter().position(|h| h.name == name)?;
        self.implicit.get(*self.implicit_chosen.get_or_init(|| asked)).map(|h| &**h)
    }

    /// Ansible's implicit localhost named `name`: the inventory-file variables of `all`, then
    /// `group_vars/all`, then `ansible_connection: local` (a host variable, so over `all`'s),
    /// then `host_vars/NAME`. (Ansible also sets `ansible_python_interpreter` to its own
    /// Python; mb runs no Python, so it leaves that variable to the inventory.)
    fn implicit_localhost(&mut self, name: &str, raw: &Raw, group_vars: &VarsDir, host_vars: &VarsDir) -> Host {
        let mut vars = raw.groups.get("all").map(|g| g.vars.clone()).unwrap_or_default();
        let (mut vault_files, mut problem) = (Vec::new(), None);
        // Ansible reads these files only when a play uses the host, so no warning here.
        let mut quiet = Vec::new();
        let extra = group_vars.vars_for("all", &mut quiet, &mut vault_files);
        Self::merge(&mut vars, extra, &mut problem);
        vars.insert("ansible_connection".into(), Var::Value(serde_json::Value::String("local".into())));
        let extra = host_vars.vars_for(name, &mut quiet, &mut vault_files);
        Self::merge(&mut vars, extra, &mut problem);
        Host { name: name.to_string(), groups: Vec::new(), vars, vault_files, vars_problem: problem }
    }

    /// Merges a vars file's variables into `vars`; a file that cannot be read is the host's
    /// problem (the first one), and a warning once for the run.
    fn merge_vars(
        &mut self,
        vars: &mut Vars,
        extra: Result<Option<Vars>, InventoryError>,
        problem: &mut Option<String>,
    ) {
        if let Err(e) = &extra {
            let warning = format!("{e}; the hosts that read it are not audited");
            if !self.warnings.contains(&warning) {
                self.warnings.push(warning);
            }
        }
        Self::merge(vars, extra, problem);
    }

    fn merge(vars: &mut Vars, extra: Result<Option<Vars>, InventoryError>, problem: &mut Option<String>) {
        match extra {
            Ok(extra) => vars.extend(extra.unwrap_or_default()),
            Err(e) => {
                problem.get_or_insert_with(|| format!("its variables: {e}"));
            }
        }
    }

    /// The hosts a pattern selects, in inventory order.
    pub fn select(&self, pattern: &HostPattern) -> Vec<&Host> {
        pattern::select(self, pattern)
    }
}

/// Reads one inventory file into `raw`: the name it is shown as, or `None` for an inventory
/// plugin's configuration (a YAML mapping with `plugin:`), which mb does not run.
fn source(file: &Path, raw: &mut Raw) -> Result<Option<String>, InventoryError> {
    let (shown, text) = read(file)?;
    if looks_like_yaml(file, &text) {
        if yaml_inventory::is_plugin_config(&text) {
            return Ok(None);
        }
        yaml_inventory::parse(&shown, &text, raw)?;
    } else {
        ini::parse(&shown, &text, raw)?;
    }
    Ok(Some(shown))
}

/// The inventory files of a folder and its subfolders, in name order, without what Ansible
/// ignores: dotfiles, `group_vars`, `host_vars`, `vars_plugins`, and the extensions of
/// `INVENTORY_IGNORE_EXTS`.
fn inventory_files(dir: &Path, out: &mut Vec<PathBuf>) {
    const IGNORED: [&str; 12] =
        [".orig", ".cfg", ".retry", ".pyc", ".pyo", ".swp", ".bak", "~", ".rpm", ".md", ".txt", ".rst"];
    files_under(dir, out, 0, &|name, _| {
        !(name.starts_with('.')
            || ["group_vars", "host_vars", "vars_plugins"].contains(&name)
            || IGNORED.iter().any(|ext| name.ends_with(ext)))
    });
}

/// The files of a folder and its subfolders (at most 16 deep), in name order, a subfolder's
/// where its name sorts, keeping the entries `admit(name, is_folder)` admits (an admitted
/// folder is entered): the walk Ansible makes of inventory folders and of vars folders.
fn files_under(dir: &Path, out: &mut Vec<PathBuf>, depth: usize, admit: &dyn Fn(&str, bool) -> bool) {
    if depth > 16 {
        return;
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let is_dir = path.is_dir();
        if !admit(&name, is_dir) {
            continue;
        }
        if is_dir {
            files_under(&path, out, depth + 1, admit);
        } else if path.is_file() {
            out.push(path);
        }
    }
}

/// YAML unless the file says otherwise: a `.ini` name, or `[group]` lines.
fn looks_like_yaml(path: &Path, text: &str) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        Some("yml" | "yaml" | "json") => true,
        Some("ini" | "cfg") => false,
        _ => {
            let text = crate::source::lone_cr_as_lf(text);
            let first =
                text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with(';'));
            !first.is_some_and(|l| l.starts_with('['))
                && first.is_some_and(|l| l.starts_with("---") || l.ends_with(':') || l.contains(": "))
        }
    }
}

/// `group_vars/` or `host_vars/`, read as Ansible's `host_group_vars` plugin reads it: for a
/// group or host NAME, the first of `NAME`, `NAME.yml`, `NAME.yaml`, `NAME.json` that exists
/// (so `host_vars/db.example.com` is db.example.com's); when that is a folder, every file in it
/// and its subfolders with one of those extensions or none, in name order. Names may contain
/// dots; hidden files and `~` backups are skipped.
pub(crate) struct VarsDir {
    dir: PathBuf,
    names: HashSet<String>,
}

impl VarsDir {
    fn new(dir: PathBuf) -> VarsDir {
        let names = std::fs::read_dir(&dir)
            .map(|entries| entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        VarsDir { dir, names }
    }

    fn vars_for(
        &self,
        name: &str,
        warnings: &mut Vec<String>,
        vault_files: &mut Vec<String>,
    ) -> Result<Option<Vars>, InventoryError> {
        let Some(found) = ["", ".yml", ".yaml", ".json"]
            .iter()
            .map(|ext| format!("{name}{ext}"))
            .find(|candidate| self.names.contains(candidate))
        else {
            return Ok(None);
        };
        let path = self.dir.join(found);
        let mut files = Vec::new();
        if path.is_dir() {
            vars_files_under(&path, &mut files);
        } else {
            files.push(path);
        }
        let mut vars = Vars::new();
        for file in files {
            vars.extend(vars_file(&file, warnings, vault_files)?);
        }
        Ok(Some(vars))
    }
}

/// The vars files in a `group_vars/NAME/` folder and its subfolders, in name order, as
/// Ansible's `_get_dir_vars_files` lists them: no hidden files or `~` backups, folders without
/// an extension, files with none or `.yml`, `.yaml`, `.json`.
fn vars_files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    files_under(dir, out, 0, &|name, is_dir| {
        let ext = Path::new(name).extension().and_then(|e| e.to_str());
        !name.starts_with('.')
            && !name.ends_with('~')
            && if is_dir { ext.is_none() } else { matches!(ext, None | Some("yml" | "yaml" | "json")) }
    });
}

/// An inventory or vars file's text, with the path it is shown as.
fn read(path: &Path) -> Result<(String, String), InventoryError> {
    let shown = display_path(path);
    match std::fs::read_to_string(path) {
        Ok(text) => Ok((shown, text)),
        Err(e) => Err(InventoryError::new(&shown, None, format!("cannot read: {e}"))),
    }
}

/// A host entry as Ansible's `parse_address` reads it: `name`, `name:port`, `[v6]:port`, a
/// bare IPv6 address, or a range (`web[01:03]:2222`). The port, when given, must be one.
pub(crate) fn host_and_port(entry: &str) -> Result<(String, Option<u16>), String> {
    if entry.parse::<std::net::Ipv6Addr>().is_ok() {
        return Ok((entry.to_string(), None));
    }
    // The last `:` outside brackets separates a port.
    let mut depth = 0usize;
    let mut split = None;
    for (i, c) in entry.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            ':' if depth == 0 => split = Some(i),
            _ => {}
        }
    }
    let Some(at) = split else {
        return Ok((entry.to_string(), None));
    };
    let (name, port) = (&entry[..at], &entry[at + 1..]);
    let port: u16 = match port.parse() {
        Ok(p) if p > 0 && !name.is_empty() => p,
        _ => return Err(format!("`{entry}`: `{port}` is not a port (write host:port, [ipv6]:port)")),
    };
    let name = match name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        Some(inner) if inner.parse::<std::net::Ipv6Addr>().is_ok() => inner,
        _ => name,
    };
    Ok((name.to_string(), Some(port)))
}

/// Text encrypted with ansible-vault (a whole file, or one value).
/// Why `name` cannot be a host name, if it cannot: it is written into reports, the Memory
/// Bank and terminals, so it must be one line of visible text.
pub fn check_host_name(name: &str) -> Result<(), &'static str> {
    if name.is_empty() {
        return Err("is empty");
    }
    if name.len() > 255 {
        return Err("is longer than 255 bytes");
    }
    if name.chars().any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}')) {
        return Err("has a newline or control character");
    }
    Ok(())
}

pub(crate) fn is_vault(text: &str) -> bool {
    text.trim_start().starts_with("$ANSIBLE_VAULT;")
}

/// One vars file. A file encrypted whole with ansible-vault gives no variables, a warning
/// (once for the run), and its name in `vault_files`: the host's undefined variables are unknown.
fn vars_file(path: &Path, warnings: &mut Vec<String>, vault_files: &mut Vec<String>) -> Result<Vars, InventoryError> {
    let (shown, text) = read(path)?;
    if is_vault(&text) {
        let warning = format!(
            "{shown}: vault-encrypted; mb does not decrypt it, so the variables it may define are unknown (checks that need them are errors)"
        );
        if !warnings.contains(&warning) {
            warnings.push(warning);
        }
        if !vault_files.contains(&shown) {
            vault_files.push(shown);
        }
        return Ok(Vars::new());
    }
    yaml_inventory::vars_file(&shown, &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_entries_with_ports() {
        let ok = |e: &str| host_and_port(e).unwrap();
        assert_eq!(ok("badwolf.example.com:5309"), ("badwolf.example.com".into(), Some(5309)));
        assert_eq!(ok("[2001:db8::1]:2222"), ("2001:db8::1".into(), Some(2222)));
        assert_eq!(ok("fe80::1"), ("fe80::1".into(), None));
        assert_eq!(ok("web[01:03]:22"), ("web[01:03]".into(), Some(22)));
        assert_eq!(ok("web[01:03]"), ("web[01:03]".into(), None));
        assert!(host_and_port("h:abc").is_err());
    }

    #[test]
    fn proxy_jump_in_the_forms_ansible_users_write() {
        let jump = |args: &str| proxy_jump(&shlex::split(args, false).unwrap());
        assert_eq!(jump("-o ProxyJump=admin@bastion:2222").as_deref(), Some("admin@bastion:2222"));
        assert_eq!(jump("-J bastion").as_deref(), Some("bastion"));
        assert_eq!(jump("-Jbastion").as_deref(), Some("bastion"));
        assert_eq!(jump("-o StrictHostKeyChecking=no -o 'ProxyJump=jump'").as_deref(), Some("jump"));
        assert_eq!(jump("-o 'ProxyJump a,b'").as_deref(), Some("a,b"));
        assert_eq!(jump("-o ProxyCommand=nc %h %p"), None);
    }
}
