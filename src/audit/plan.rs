//! Plan: which checks apply to which hosts, and the one script each host runs.
//!
//! Probes are rendered with the host's variables (values interpolated into commands are
//! shell-quoted) and deduplicated: three checks of `/etc/samba/smb.conf` read it once.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::inventory::{Connection, Host, Inventory};
use crate::probe::script::{self, ProbeKey, quote};
use crate::rules::Check;
use crate::rules::check::{Probe, ProbeSource, Scope, Template};

/// How a check gets its fact on one host.
#[derive(Debug, Clone)]
pub enum Need {
    /// The `probes[i]` answer of the host's script.
    Probe(usize),
    /// An inventory variable (no contact with the host).
    Var(String),
    /// No fact can be had; the finding is decided now (a template variable the host lacks).
    Error(String),
    /// The check cannot run here (an `api` probe before the API transport exists).
    Skip(String),
}

/// One check on one host.
#[derive(Debug, Clone)]
pub struct Planned {
    /// Index into the plan's checks.
    pub check: usize,
    pub need: Need,
}

/// Everything mb will do to one host.
#[derive(Debug, Clone)]
pub struct HostPlan {
    pub host: Host,
    pub checks: Vec<Planned>,
    pub probes: Vec<ProbeKey>,
    pub script: String,
}

impl HostPlan {
    /// Whether the host needs contacting at all (some check needs a probe).
    pub fn needs_contact(&self) -> bool {
        !self.probes.is_empty()
    }

    pub fn connection(&self) -> Connection {
        self.host.connection()
    }
}

/// The whole audit, decided before any connection is made.
#[derive(Debug, Clone)]
pub struct AuditPlan {
    pub checks: Vec<Check>,
    pub hosts: Vec<HostPlan>,
    /// Checks whose `hosts:` pattern matched no host of the inventory.
    pub unmatched: Vec<usize>,
}

/// Plans host checks (not `scope: repo`) for the hosts of `only` (every host when `None`),
/// in inventory order.
pub fn plan(inventory: &Inventory, checks: Vec<Check>, only: Option<&[&Host]>) -> AuditPlan {
    let only: Option<HashSet<&str>> = only.map(|hosts| hosts.iter().map(|h| h.name.as_str()).collect());
    let index: HashMap<&str, usize> = inventory.hosts.iter().enumerate().map(|(i, h)| (h.name.as_str(), i)).collect();
    let mut per_host: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut unmatched = Vec::new();
    for (c, check) in checks.iter().enumerate() {
        if check.scope != Scope::Host {
            continue;
        }
        let Some(pattern) = &check.hosts else {
            continue;
        };
        let selected = inventory.select(pattern);
        if selected.is_empty() {
            unmatched.push(c);
        }
        for host in selected {
            if only.as_ref().is_some_and(|o| !o.contains(host.name.as_str())) {
                continue;
            }
            if let Some(&h) = index.get(host.name.as_str()) {
                per_host.entry(h).or_default().push(c);
            }
        }
    }
    let hosts = per_host.into_iter().map(|(h, cs)| plan_host(&inventory.hosts[h], &checks, &cs)).collect();
    AuditPlan { checks, hosts, unmatched }
}

/// The warning for a check whose `hosts:` pattern matches no host of the inventory.
pub fn unmatched_message(check: &Check) -> String {
    format!(
        "check `{}` ({}:{}) names hosts `{}`, which match no host of the inventory",
        check.id,
        crate::source::display_path(&check.source.file),
        check.source.line,
        check.hosts.as_ref().map(|h| h.raw.as_str()).unwrap_or("")
    )
}

fn plan_host(host: &Host, checks: &[Check], indices: &[usize]) -> HostPlan {
    let mut probes: Vec<ProbeKey> = Vec::new();
    let mut planned = Vec::with_capacity(indices.len());
    for &c in indices {
        let need = match probe_key(&checks[c].probe, host) {
            Ok(Some(key)) => {
                let i = match probes.iter().position(|p| *p == key) {
                    Some(i) => i,
                    None => {
                        probes.push(key);
                        probes.len() - 1
                    }
                };
                Need::Probe(i)
            }
            Ok(None) => match &checks[c].probe.source {
                ProbeSource::Var(name) => Need::Var(name.clone()),
                _ => Need::Skip(
                    "`api` probes need the Proxmox API transport, which this version of mb does not have yet".into(),
                ),
            },
            Err(e) => Need::Error(e),
        };
        planned.push(Planned { check: c, need });
    }
    let script = if probes.is_empty() { String::new() } else { script::compile(&probes) };
    HostPlan { host: host.clone(), checks: planned, probes, script }
}

/// Renders a template with the host's variables; `quoted` shell-quotes each value (for text
/// that is run as a command).
pub fn render(t: &Template, host: &Host, quoted: bool) -> Result<String, String> {
    let mut missing = None;
    let out = t.render(|name| match host.var_text(name) {
        Ok(v) => Some(if quoted { quote(&v) } else { v }),
        Err(e) => {
            missing.get_or_insert(e.to_string());
            None
        }
    });
    out.map_err(|_| missing.unwrap_or_else(|| "a template variable is missing".into()))
}

/// The probe a check needs on a host; `None` for sources that need no host script.
fn probe_key(probe: &Probe, host: &Host) -> Result<Option<ProbeKey>, String> {
    Ok(Some(match &probe.source {
        ProbeSource::File(path) => ProbeKey::File { path: render(path, host, false)? },
        ProbeSource::Command(cmd) => ProbeKey::Command { command: render(cmd, host, true)? },
        ProbeSource::Service { unit, query } => ProbeKey::Command {
            command: format!("systemctl {} {}", query.as_str(), quote(&render(unit, host, false)?)),
        },
        ProbeSource::Zfs { dataset, property } => ProbeKey::Command {
            command: format!("zfs get -Hp -o value {} {}", quote(property), quote(&render(dataset, host, false)?)),
        },
        ProbeSource::Var(_) | ProbeSource::Api(_) => return Ok(None),
    }))
}
