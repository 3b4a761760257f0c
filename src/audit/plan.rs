//! Plan: which checks apply to which targets, and the probes each target answers.
//!
//! A target is a host of the inventory or, for `scope: repo` checks, the repository itself.
//! Probes are rendered with the target's variables (values interpolated into commands are
//! shell-quoted) and deduplicated: three checks of `/etc/samba/smb.conf` read it once. How a
//! target is reached (ssh, local, replay, repository files) is the engine's choice, not the
//! plan's.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::inventory::{Host, Inventory};
use crate::probe::ProbeKey;
use crate::rules::Check;
use crate::rules::check::Scope;
use crate::rules::source::Need as SourceNeed;

/// The name findings of `scope: repo` checks carry as their host.
pub const REPO: &str = "repo";

/// How a check gets its fact on one target.
#[derive(Debug, Clone)]
pub enum Need {
    /// The `probes[i]` answer of the target.
    Probe(usize),
    /// An inventory variable (no contact with the host), its name shared with the check.
    Var(Arc<str>),
    /// No fact can be had; the finding is decided now (a template variable the host lacks).
    Error(Box<str>),
    /// The check cannot run here (an `api` probe before the API transport exists).
    Skip(Box<str>),
}

/// One check on one target.
#[derive(Debug, Clone)]
pub struct Planned {
    /// Index into the plan's checks.
    pub check: usize,
    pub need: Need,
}

/// What a plan's target is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A host of the inventory.
    Host,
    /// The repository's own files (`scope: repo` checks).
    Repo,
}

/// Everything mb will do to one target.
#[derive(Debug, Clone)]
pub struct HostPlan {
    /// Shared with the transport's job.
    pub host: Arc<Host>,
    pub target: Target,
    /// The host's place in the inventory (for merging sharded runs); none for the repository.
    pub position: Option<usize>,
    pub checks: Vec<Planned>,
    pub probes: Vec<ProbeKey>,
}

impl HostPlan {
    /// Whether the target itself needs contacting (some check needs its probe script; API
    /// probes are asked of the cluster's API instead).
    pub fn needs_contact(&self) -> bool {
        self.probes.iter().any(ProbeKey::in_script)
    }
}

/// The whole audit, decided before any connection is made.
#[derive(Debug, Clone)]
pub struct AuditPlan {
    pub checks: Vec<Check>,
    /// The inventory's hosts in inventory order, then the repository when it is audited.
    pub hosts: Vec<HostPlan>,
    /// Checks whose `hosts:` pattern matched no host of the inventory.
    pub unmatched: Vec<usize>,
}

impl AuditPlan {
    /// The plans of inventory hosts (not the repository).
    pub fn inventory_hosts(&self) -> impl Iterator<Item = &HostPlan> {
        self.hosts.iter().filter(|h| h.target == Target::Host)
    }
}

/// Plans host checks for the hosts of `only` (every host when `None`), in inventory order,
/// and, with `repo`, the `scope: repo` checks against the repository.
pub fn plan(inventory: &Inventory, checks: Vec<Check>, only: Option<&[&Host]>, repo: bool) -> AuditPlan {
    let only: Option<HashSet<&str>> = only.map(|hosts| hosts.iter().map(|h| h.name.as_str()).collect());
    let known: Vec<&Arc<Host>> = inventory.hosts_and_implicit().collect();
    let index: HashMap<&str, usize> = known.iter().enumerate().map(|(i, h)| (h.name.as_str(), i)).collect();
    let mut per_host: Vec<Vec<usize>> = vec![Vec::new(); known.len()];
    let mut unmatched = Vec::new();
    let mut repo_checks = Vec::new();
    // What each distinct pattern selects (of `only`), worked out once: checks share patterns,
    // and a pattern of a 100 000-host inventory is not cheap.
    let mut selections: HashMap<&str, (bool, Vec<usize>)> = HashMap::new();
    for (c, check) in checks.iter().enumerate() {
        if check.scope == Scope::Repo {
            repo_checks.push(c);
            continue;
        }
        let Some(pattern) = &check.hosts else {
            continue;
        };
        let (matched, selected) = selections.entry(pattern.raw.as_str()).or_insert_with(|| {
            let selected = inventory.select(pattern);
            let matched = !selected.is_empty();
            let taken = selected
                .into_iter()
                .filter(|host| only.as_ref().is_none_or(|o| o.contains(host.name.as_str())))
                .filter_map(|host| index.get(host.name.as_str()).copied())
                .collect();
            (matched, taken)
        });
        if !*matched {
            unmatched.push(c);
        }
        for &h in selected.iter() {
            per_host[h].push(c);
        }
    }
    // Each host's templates rendered on every core. Most hosts render most probes alike: each
    // part of the work keeps one shared key per distinct probe (a 100 000-host plan has
    // millions of keys and some dozens of distinct ones), trying first the key in the same
    // place of the host before.
    let mut hosts: Vec<HostPlan> = per_host
        .into_par_iter()
        .enumerate()
        .filter(|(_, cs)| !cs.is_empty())
        .map_init(
            || (HashSet::new(), Vec::new()),
            |(seen, last): &mut (HashSet<ProbeKey>, Vec<ProbeKey>), (h, cs)| {
                let mut plan = plan_target(Arc::clone(known[h]), Target::Host, &checks, &cs);
                plan.position = Some(h);
                for (i, key) in plan.probes.iter_mut().enumerate() {
                    crate::probe::share(seen, last.get(i), key);
                }
                last.clone_from(&plan.probes);
                plan
            },
        )
        .collect();
    if repo && !repo_checks.is_empty() {
        let host = Host {
            name: REPO.into(),
            groups: vec!["all".into()],
            vars: Default::default(),
            vault_files: Vec::new(),
            vars_problem: None,
        };
        hosts.push(plan_target(Arc::new(host), Target::Repo, &checks, &repo_checks));
    }
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

fn plan_target(host: Arc<Host>, target: Target, checks: &[Check], indices: &[usize]) -> HostPlan {
    // At most one probe per check: sized once (growing it is a copy per doubling, for every
    // host), then trimmed to what the host needs.
    let mut probes: Vec<ProbeKey> = Vec::with_capacity(indices.len());
    let mut planned = Vec::with_capacity(indices.len());
    for &c in indices {
        let need = match checks[c].probe.source.need(&host) {
            Ok(SourceNeed::Probe(key)) => {
                let i = match probes.iter().position(|p| *p == key) {
                    Some(i) => i,
                    None => {
                        probes.push(key);
                        probes.len() - 1
                    }
                };
                Need::Probe(i)
            }
            Ok(SourceNeed::Var(name)) => Need::Var(name),
            Ok(SourceNeed::Unsupported(why)) => Need::Skip(why.into()),
            Err(e) => Need::Error(e.to_string().into()),
        };
        planned.push(Planned { check: c, need });
    }
    // Kept for the whole audit, one list per host: no room left over.
    probes.shrink_to_fit();
    HostPlan { host, target, position: None, checks: planned, probes }
}
