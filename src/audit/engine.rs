//! [`execute`]: one audit, from a resolved [`Request`] to a [`Run`].

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use rayon::prelude::*;

use super::evaluate::{self, Observed};
use super::plan::{self, AuditPlan, HostPlan, Need, Target};
use super::run::{self, Provenance, Run};
use super::shard::Shard;
use super::sink::{AuditSink, Finished};
use super::{CheckRef, Finding, FindingStatus, Location};
use crate::inventory::{Connection, HostPattern, Inventory, VarError};
use crate::probe::api::Api;
use crate::probe::local::Local;
use crate::probe::replay::Replay;
use crate::probe::repo::RepoFiles;
use crate::probe::ssh::{Ssh, SshOptions};
use crate::probe::{Fact, HostOutcome, HostStatus, Job, ProbeKey, Reads, Transport};
use crate::rules::Check;
use crate::rules::check::{Expectation, Scope};
use crate::rules::source::{ObserveError, Quoting, render};

/// Everything an audit needs, resolved before any work starts (from flags, `mb.toml` and the
/// environment, by the command line; from a pull request's revisions, by `mb ci`).
#[derive(Debug)]
pub struct Request {
    /// Today's checks, valid and linked to their decisions.
    pub checks: Vec<Check>,
    pub inventory: Inventory,
    /// Only the hosts this pattern selects (`--limit`); every host when `None`.
    pub limit: Option<HostPattern>,
    /// How hosts are reached.
    pub reach: Reach,
    /// Also judge `scope: repo` checks, against these files.
    pub repo: Option<RepoFiles>,
    /// How many targets are gathered at once.
    pub jobs: usize,
    /// Save the run under this repository root's `.mb/runs`.
    pub save: Option<PathBuf>,
    /// Only this shard's hosts (`--shard K/N`); the repository is judged by shard 1.
    pub shard: Option<Shard>,
    /// The rules and inventory digests the run records (the shard and check order are added).
    pub provenance: Provenance,
}

/// How the hosts of a request are reached.
#[derive(Debug, Clone)]
pub enum Reach {
    /// Over SSH, or by the local shell for `ansible_connection: local` hosts (every host with
    /// `all_local`); `ssh.timeout` bounds every host either way. API probes go to the
    /// clusters' APIs (`None`: no API is configured, and those checks say so).
    Live { ssh: Arc<SshOptions>, all_local: bool, api: Option<Arc<Api>> },
    /// The facts of an earlier run.
    Replay(Replay),
    /// No host at all: only the `scope: repo` checks are judged (`mb ci`).
    RepoOnly,
}

impl Reach {
    /// The run's `mode`: `ssh`, `local` or `replay`.
    fn mode(&self) -> &'static str {
        match self {
            Reach::Live { all_local: true, .. } => "local",
            Reach::Live { .. } => "ssh",
            Reach::Replay(_) => "replay",
            Reach::RepoOnly => "repo",
        }
    }
}

/// Why an audit could not start.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error("no host to audit: the checks' host patterns{} select none", if *.limited { " and --limit" } else { "" })]
    NoTarget { limited: bool },
    #[error("cannot start the async runtime: {0}")]
    Runtime(#[source] std::io::Error),
}

/// Runs the audit: plans it, gathers every target through its transport (at most
/// `request.jobs` at once), judges every (check, target), saves the run when asked, and tells
/// `sink` each step. The run is the same whichever sinks listen.
pub fn execute(request: &Request, sink: &mut dyn AuditSink) -> Result<Run, AuditError> {
    let mut only = request.limit.as_ref().map(|p| request.inventory.select(p));
    if let Some(shard) = request.shard {
        let hosts = only.unwrap_or_else(|| request.inventory.hosts.iter().map(Arc::as_ref).collect());
        only = Some(hosts.into_iter().filter(|h| shard.takes(h)).collect());
    }
    let checks = match request.reach {
        Reach::RepoOnly => request.checks.iter().filter(|c| c.scope == Scope::Repo).cloned().collect(),
        _ => request.checks.clone(),
    };
    let repo = request.repo.is_some() && request.shard.is_none_or(|s| s.index == 1);
    let plan = plan::plan(&request.inventory, checks, only.as_deref(), repo);
    for &c in &plan.unmatched {
        sink.warning(&plan::unmatched_message(&plan.checks[c]));
    }
    if plan.hosts.is_empty() && request.shard.is_none() {
        return Err(AuditError::NoTarget { limited: request.limit.is_some() });
    }
    sink.planned(&plan);
    let replay_of = match &request.reach {
        Reach::Replay(replay) => Some(replay.run().to_string()),
        Reach::Live { .. } | Reach::RepoOnly => None,
    };
    let outcomes = gather(request, &plan, sink)?;
    let findings = evaluate_all(&plan, &outcomes, replay_of.as_deref());
    for finding in &findings {
        sink.finding(finding);
    }
    let mut run = Run::new(run::id_at(run::now()), request.reach.mode(), &plan, outcomes, findings);
    run.replay_of = replay_of;
    run.provenance = Some(Provenance {
        shard: request.shard,
        checks: plan.checks.iter().map(|c| c.id.clone()).collect(),
        ..request.provenance.clone()
    });
    let saved = request.save.as_ref().and_then(|root| match run::save(root, &mut run) {
        Ok(path) => Some(path.strip_prefix(root).map(|p| p.to_path_buf()).unwrap_or(path)),
        Err(e) => {
            sink.warning(&format!("the run was not saved: {e}"));
            None
        }
    });
    sink.finished(&run, &Finished { checks: &plan.checks, saved: saved.as_deref() });
    Ok(run)
}

/// The transports of one request, each made once.
struct Transports {
    ssh: Option<Ssh>,
    local: Option<Local>,
    replay: Option<Replay>,
    repo: Option<RepoFiles>,
    all_local: bool,
}

impl Transports {
    fn of(request: &Request) -> Transports {
        let (ssh, local, replay, all_local) = match &request.reach {
            Reach::Live { ssh, all_local, .. } => {
                (Some(Ssh { options: ssh.clone() }), Some(Local { timeout: ssh.timeout }), None, *all_local)
            }
            Reach::Replay(replay) => (None, None, Some(replay.clone()), false),
            Reach::RepoOnly => (None, None, None, false),
        };
        Transports { ssh, local, replay, repo: request.repo.clone(), all_local }
    }

    /// The transport for one target, or the outcome it gets without one.
    fn route(&self, hp: &HostPlan) -> Result<&dyn Transport, HostOutcome> {
        let none = |why: &str| HostOutcome::failed(HostStatus::Error, why.to_string(), Duration::ZERO);
        if hp.target == Target::Repo {
            return self.repo.as_ref().map(|t| t as &dyn Transport).ok_or_else(|| none("no repository to read"));
        }
        // Ansible fails a host whose vars files it cannot read, whatever its checks need.
        if let Some(problem) = &hp.host.vars_problem {
            return Err(none(problem));
        }
        if let Some(replay) = &self.replay {
            return Ok(replay);
        }
        if !hp.needs_contact() {
            return Err(HostOutcome {
                status: HostStatus::Ok,
                error: None,
                facts: Default::default(),
                duration: Duration::ZERO,
            });
        }
        match (self.all_local, hp.host.connection()) {
            (true, _) | (_, Connection::Local) => self.local.as_ref().map(|t| t as &dyn Transport),
            (false, Connection::Ssh) => self.ssh.as_ref().map(|t| t as &dyn Transport),
            (false, Connection::Other(kind)) => {
                return Err(none(&format!("ansible_connection `{kind}` is not supported by mb (ssh and local are)")));
            }
        }
        .ok_or_else(|| none("no transport for this host"))
    }
}

/// Gathers every target of the plan, at most `jobs` at once, telling the sink as each is
/// done; API probes are asked once per cluster and path, sharing the same limit. Outcomes are
/// in plan order.
fn gather(request: &Request, plan: &AuditPlan, sink: &mut dyn AuditSink) -> Result<Vec<HostOutcome>, AuditError> {
    let transports = Transports::of(request);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(AuditError::Runtime)?;
    let permits = Arc::new(tokio::sync::Semaphore::new(request.jobs.max(1)));
    // Live runs ask API probes of the APIs; replay and the repository answer them themselves.
    let api = match &request.reach {
        Reach::Live { api, .. } => Some(api.clone()),
        _ => None,
    };
    let mut outcomes: Vec<Option<HostOutcome>> = vec![None; plan.hosts.len()];
    let answers = runtime.block_on(async {
        let mut asked = tokio::task::JoinSet::new();
        if let Some(api) = &api {
            let calls: std::collections::BTreeSet<&ProbeKey> = plan
                .hosts
                .iter()
                .filter(|hp| hp.target == Target::Host)
                .flat_map(|hp| hp.probes.iter().filter(|p| !p.in_script()))
                .collect();
            for key in calls {
                let (key, api, permits) = (key.clone(), api.clone(), permits.clone());
                asked.spawn(async move {
                    let _permit = permits.acquire_owned().await;
                    let fact = match (&api, &key) {
                        (Some(api), ProbeKey::Api { cluster, path }) => api.get(cluster, path).await,
                        _ => Fact::Missing {
                            reason: "no Proxmox API is configured (mb_pve_token_id and its secret, see the \
                                     transport chapter)"
                                .into(),
                        },
                    };
                    (key, fact)
                });
            }
        }
        let mut set = tokio::task::JoinSet::new();
        for (index, hp) in plan.hosts.iter().enumerate() {
            let transport = match transports.route(hp) {
                Ok(transport) => transport,
                Err(outcome) => {
                    sink.host_done(&hp.host.name, &outcome);
                    outcomes[index] = Some(outcome);
                    continue;
                }
            };
            let asked = |p: &ProbeKey| api.is_none() || p.in_script();
            let probes = hp.probes.iter().filter(|p| asked(p)).cloned().collect();
            let reads = match transport.keeps_reads() {
                true => reads(plan, hp).into_iter().zip(&hp.probes).filter(|(_, p)| asked(p)).map(|(r, _)| r).collect(),
                false => Vec::new(),
            };
            let gathering = transport.gather(Job { host: hp.host.clone(), probes, reads });
            let permits = permits.clone();
            set.spawn(async move {
                let _permit = permits.acquire_owned().await;
                (index, gathering.await)
            });
        }
        while let Some(joined) = set.join_next().await {
            if let Ok((index, outcome)) = joined {
                sink.host_done(&plan.hosts[index].host.name, &outcome);
                outcomes[index] = Some(outcome);
            }
        }
        let mut answers = std::collections::HashMap::new();
        while let Some(joined) = asked.join_next().await {
            if let Ok((key, fact)) = joined {
                answers.insert(key, Arc::new(fact));
            }
        }
        answers
    });
    // A task that panicked leaves its target without an outcome: report it, not lose it.
    Ok(outcomes
        .into_iter()
        .zip(&plan.hosts)
        .map(|(o, hp)| {
            let mut outcome = o.unwrap_or_else(|| {
                HostOutcome::failed(HostStatus::Error, "the host's task failed unexpectedly", Duration::ZERO)
            });
            for key in hp.probes.iter().filter(|p| !p.in_script()) {
                if let Some(fact) = answers.get(key) {
                    outcome.facts.insert(key.clone(), fact.clone());
                }
            }
            outcome
        })
        .collect())
}

/// What the target's checks read of each of its probes (by index): a file no check reads whole
/// is kept only as its selections.
fn reads(plan: &AuditPlan, hp: &HostPlan) -> Vec<Reads> {
    let mut reads = vec![Reads::default(); hp.probes.len()];
    for planned in &hp.checks {
        let Need::Probe(i) = planned.need else {
            continue;
        };
        let Some(read) = reads.get_mut(i) else {
            continue;
        };
        match &plan.checks[planned.check].probe.select {
            Some(selector) => read.selectors.push(selector.clone()),
            None => read.whole = true,
        }
    }
    reads
}

/// Judges every planned (check, target) on all cores. Findings come ordered by check (in rule
/// order), then target (in plan order): the same whatever order targets answered in.
fn evaluate_all(plan: &AuditPlan, outcomes: &[HostOutcome], replay_of: Option<&str>) -> Vec<Finding> {
    // Each check as its findings show it, made once and shared by them.
    let shown: Vec<Arc<CheckRef>> = plan.checks.iter().map(CheckRef::of).collect();
    // The (target, planned) pairs in finding order, by a counting sort on the check (linear);
    // the findings are then made straight into their places, never moved or sorted.
    let mut next = vec![0usize; plan.checks.len()];
    for planned in plan.hosts.iter().flat_map(|hp| &hp.checks) {
        next[planned.check] += 1;
    }
    let mut total = 0;
    for slot in &mut next {
        (*slot, total) = (total, total + *slot);
    }
    let mut order = vec![(0usize, 0usize); total];
    for (h, hp) in plan.hosts.iter().enumerate() {
        for (k, planned) in hp.checks.iter().enumerate() {
            order[next[planned.check]] = (h, k);
            next[planned.check] += 1;
        }
    }
    // Each target as its findings are judged on, made once: its facts by probe index, looked
    // up in target order (where its facts are close together) rather than once per finding.
    let targets: Vec<Judged> = plan
        .hosts
        .par_iter()
        .zip(outcomes)
        .map(|(hp, outcome)| Judged {
            hp,
            name: Arc::from(hp.host.name.as_str()),
            outcome,
            facts: hp.probes.iter().map(|key| outcome.facts.get(key).map(|f| &**f)).collect(),
        })
        .collect();
    let alike: Vec<bool> = plan.checks.iter().map(|c| !c.expects_host_vars()).collect();
    let mut findings = Vec::with_capacity(total);
    // Findings come check by check: each part of the work shares the values its findings
    // expect and find alike (a 100 000-host check has few distinct ones), and judges a fact
    // it has judged for the check already only once.
    order
        .into_par_iter()
        .map_init(
            || (HashSet::new(), Judgements::default()),
            |(seen, judged), (h, k)| {
                let target = &targets[h];
                let planned = &target.hp.checks[k];
                let fact = judged_alike(target, planned, alike[planned.check]);
                if let Some(finding) = fact.and_then(|fact| judged.get(planned.check, fact)) {
                    return Finding { host: target.name.clone(), ..finding.clone() };
                }
                let mut finding =
                    judge(&plan.checks[planned.check], &shown[planned.check], target, &planned.need, replay_of);
                for value in [&mut finding.expected, &mut finding.actual].into_iter().flatten() {
                    crate::probe::share(seen, None, value);
                }
                if let Some(fact) = fact {
                    judged.put(planned.check, fact, &finding);
                }
                finding
            },
        )
        .collect_into_vec(&mut findings);
    findings
}

/// The fact a planned check judges, when its finding is the same on every host that gave this
/// very fact: a host target that answered, and a check that renders no host variable.
fn judged_alike<'a>(target: &Judged<'a>, planned: &crate::audit::plan::Planned, alike: bool) -> Option<&'a Fact> {
    match planned.need {
        Need::Probe(i) if alike && target.hp.target == Target::Host && target.outcome.status == HostStatus::Ok => {
            target.facts.get(i).copied().flatten()
        }
        _ => None,
    }
}

/// The findings one part of the work has made for a check, by the fact judged. Facts are
/// shared (`Arc`) by the hosts that gave them alike (the replay makes them one), so a
/// fact is known by its address while every outcome is alive. Kept for one check at a time
/// and a few dozen facts: a fleet whose hosts all differ pays one lookup per finding.
#[derive(Default)]
struct Judgements {
    check: usize,
    by_fact: HashMap<usize, Finding>,
}

impl Judgements {
    const MAX: usize = 64;

    fn get(&self, check: usize, fact: &Fact) -> Option<&Finding> {
        if check != self.check {
            return None;
        }
        self.by_fact.get(&(fact as *const Fact as usize))
    }

    fn put(&mut self, check: usize, fact: &Fact, finding: &Finding) {
        if check != self.check || self.by_fact.len() >= Self::MAX {
            self.by_fact.clear();
            self.check = check;
        }
        self.by_fact.insert(fact as *const Fact as usize, finding.clone());
    }
}

/// A target as its findings are judged on: its plan, its name (shared by its findings), its
/// outcome and its facts by probe index.
struct Judged<'a> {
    hp: &'a HostPlan,
    name: Arc<str>,
    outcome: &'a HostOutcome,
    facts: Vec<Option<&'a Fact>>,
}

fn judge(check: &Check, shown: &Arc<CheckRef>, target: &Judged<'_>, need: &Need, replay_of: Option<&str>) -> Finding {
    let Judged { hp, name: host_name, outcome, facts } = target;
    let host = &hp.host;
    let decided = |status, message: String| Finding::of(shown, host_name, status, None, None, message);
    match need {
        Need::Error(why) => decided(FindingStatus::Error, why.to_string()),
        Need::Skip(why) => decided(FindingStatus::Skip, why.to_string()),
        Need::Var(_) if outcome.status != HostStatus::Ok && host.vars_problem.is_some() => decided(
            FindingStatus::Skip,
            format!("host not audited ({}): {}", outcome.status.as_str(), outcome.error.as_deref().unwrap_or("")),
        ),
        Need::Var(name) => {
            let seen = match host.var_text(name) {
                Ok(v) => Ok(Observed::value(Some(v))),
                Err(VarError::Undefined(_)) => Ok(Observed::value(None)),
                Err(e) => Err(e.into()),
            };
            evaluate::evaluate(check, shown, host, host_name, seen)
        }
        Need::Probe(i) => {
            if outcome.status != HostStatus::Ok {
                return decided(
                    FindingStatus::Skip,
                    format!(
                        "host not audited ({}): {}",
                        outcome.status.as_str(),
                        outcome.error.as_deref().unwrap_or("")
                    ),
                );
            }
            let key = &hp.probes[*i];
            let Some(fact) = facts.get(*i).copied().flatten() else {
                return match replay_of {
                    Some(run) => decided(FindingStatus::Skip, format!("run {run} did not gather {}", key.describe())),
                    None => decided(FindingStatus::Error, format!("no answer for {}", key.describe())),
                };
            };
            let seen = evaluate::observe(check, fact);
            if let Err(why @ ObserveError::NotSaved(_)) = &seen {
                return decided(FindingStatus::Skip, why.to_string());
            }
            let line = seen.as_ref().ok().and_then(|s| s.line);
            let mut finding = evaluate::evaluate(check, shown, host, host_name, seen);
            if hp.target == Target::Repo
                && let ProbeKey::File { path } = key
            {
                let line = line.or_else(|| forbidden_line(check, host, fact, &finding));
                finding.location = Some(Box::new(Location { file: path.to_string(), line }));
            }
            finding
        }
    }
}

/// For a whole-file `not_contains` that fails, the first line holding the forbidden text: the
/// line a reviewer must look at.
fn forbidden_line(check: &Check, host: &crate::inventory::Host, fact: &Fact, finding: &Finding) -> Option<usize> {
    if finding.status != FindingStatus::Fail || check.probe.select.is_some() {
        return None;
    }
    let Fact::File { content, .. } = fact else {
        return None;
    };
    let text = String::from_utf8_lossy(content);
    check.expect.iter().find_map(|e| match e {
        Expectation::NotContains(t) => {
            let needle = render(t, host, Quoting::Plain).ok()?;
            text.lines().position(|l| l.contains(needle.as_str())).map(|n| n + 1)
        }
        _ => None,
    })
}
