//! The audit: plan → probe (every host at once) → evaluate → findings.
//!
//! [`plan::plan`] decides everything before any connection: which checks apply to which
//! hosts and the one script each host runs. [`gather`] runs the scripts with bounded
//! concurrency on a tokio runtime; a host that fails gets a status and every other host goes
//! on. [`evaluate_all`] then judges every (check, host) on all cores and sorts the findings,
//! so the result does not depend on the order in which hosts answered.

pub mod evaluate;
pub mod ini;
pub mod plan;
pub mod run;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::inventory::Connection;
use crate::probe::{self, Fact, HostOutcome, HostStatus, ProbeKey};
use crate::rules::{Check, Severity};
use crate::source::display_path;

pub use plan::{AuditPlan, HostPlan, Need};

/// A finding's verdict (a contract: `findings[].status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingStatus {
    Fail,
    Error,
    Skip,
    Pass,
}

/// Where the rule that demanded a finding is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleRef {
    pub file: String,
    /// The first line of the check's YAML.
    pub line: usize,
    /// The last line of its `mb-check` block (absent in runs saved before mb recorded it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_line: Option<usize>,
}

/// Where in the repository a finding's fact was found (for `scope: repo` checks): the file,
/// and the line of the selected key or line when the selector found one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

/// The decision a finding's check enforces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRef {
    pub file: String,
    pub line: usize,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// One check on one host (a contract: `findings[]` in `mb audit --format json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub check: String,
    pub host: String,
    pub status: FindingStatus,
    pub severity: Severity,
    pub expected: Option<String>,
    pub actual: Option<String>,
    pub message: String,
    pub rule: RuleRef,
    pub decision: Option<DecisionRef>,
    /// The check's title, for reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// For `scope: repo` checks: the repository file (and line) the fact came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

impl Finding {
    pub fn new(
        check: &Check,
        host: &str,
        status: FindingStatus,
        expected: Option<String>,
        actual: Option<String>,
        message: String,
    ) -> Finding {
        Finding {
            check: check.id.clone(),
            host: host.to_string(),
            status,
            severity: check.severity,
            expected,
            actual,
            message,
            rule: RuleRef {
                file: display_path(&check.source.file),
                line: check.source.line,
                end_line: Some(check.source.end_line),
            },
            decision: check.decision.as_ref().and_then(|d| d.resolved.as_ref()).map(|r| DecisionRef {
                file: r.file.clone(),
                line: r.line,
                text: r.text.clone(),
                date: r.date.clone(),
            }),
            title: check.title.clone(),
            location: None,
        }
    }
}

/// How hosts are reached.
#[derive(Debug, Clone)]
pub enum Reach {
    /// SSH (or the local shell for `ansible_connection: local` hosts).
    Live {
        ssh: Arc<probe::ssh::SshOptions>,
        /// How many hosts at once.
        jobs: usize,
        /// Run every host's script locally (`--local`).
        all_local: bool,
    },
    /// Facts of an earlier run.
    Replay(Box<run::Run>),
}

/// A host's answer, ready to evaluate and save.
#[derive(Debug, Clone)]
pub struct HostResult {
    pub name: String,
    pub outcome: HostOutcome,
}

/// Gathers facts from every host of the plan, at most `jobs` at once, calling `progress`
/// as each finishes. Results are in plan order.
pub fn gather(plan: &AuditPlan, reach: &Reach, progress: &(dyn Fn(&HostResult) + Sync)) -> Vec<HostResult> {
    match reach {
        Reach::Replay(run) => {
            let recorded = run.hosts_by_name();
            plan.hosts
                .iter()
                .map(|hp| {
                    let name = hp.host.name.as_str();
                    let outcome = match recorded.get(name) {
                        Some(h) => h.outcome(&hp.probes),
                        None => HostOutcome::failed(
                            HostStatus::Error,
                            format!("run {} did not audit {name}", run.run),
                            Duration::ZERO,
                        ),
                    };
                    let result = HostResult { name: name.to_string(), outcome };
                    progress(&result);
                    result
                })
                .collect()
        }
        Reach::Live { ssh, jobs, all_local } => {
            let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
                Ok(rt) => rt,
                Err(e) => {
                    return plan
                        .hosts
                        .iter()
                        .map(|hp| HostResult {
                            name: hp.host.name.clone(),
                            outcome: HostOutcome::failed(
                                HostStatus::Error,
                                format!("cannot start the async runtime: {e}"),
                                Duration::ZERO,
                            ),
                        })
                        .collect();
                }
            };
            runtime.block_on(gather_live(plan, ssh.clone(), (*jobs).max(1), *all_local, progress))
        }
    }
}

/// What one host's task needs, owned, so tasks can run on every worker thread.
struct Job {
    index: usize,
    name: String,
    script: String,
    probes: Vec<ProbeKey>,
    how: How,
}

enum How {
    Nothing,
    Local,
    Ssh(probe::ssh::Target),
    Unsupported(String),
}

impl Job {
    async fn run(self, ssh: Arc<probe::ssh::SshOptions>) -> HostResult {
        let started = Instant::now();
        let outcome = match self.how {
            How::Nothing => {
                HostOutcome { status: HostStatus::Ok, error: None, facts: BTreeMap::new(), duration: started.elapsed() }
            }
            How::Local => probe::local::run(&self.script, &self.probes, ssh.timeout).await,
            How::Ssh(target) => probe::ssh::run(&target, &self.script, &self.probes, ssh).await,
            How::Unsupported(kind) => HostOutcome::failed(
                HostStatus::Error,
                format!("ansible_connection `{kind}` is not supported by mb (ssh and local are)"),
                started.elapsed(),
            ),
        };
        HostResult { name: self.name, outcome }
    }
}

async fn gather_live(
    plan: &AuditPlan,
    ssh: Arc<probe::ssh::SshOptions>,
    jobs: usize,
    all_local: bool,
    progress: &(dyn Fn(&HostResult) + Sync),
) -> Vec<HostResult> {
    let permits = Arc::new(tokio::sync::Semaphore::new(jobs));
    let mut set = tokio::task::JoinSet::new();
    for (index, hp) in plan.hosts.iter().enumerate() {
        let how = if !hp.needs_contact() {
            How::Nothing
        } else {
            match (all_local, hp.connection()) {
                (true, _) | (_, Connection::Local) => How::Local,
                (false, Connection::Ssh) => How::Ssh(probe::ssh::Target {
                    address: hp.host.address(),
                    port: hp.host.port(),
                    user: hp.host.user(),
                    key_file: hp.host.key_file(),
                    jump: hp.host.jump_host(),
                }),
                (false, Connection::Other(kind)) => How::Unsupported(kind),
            }
        };
        let job = Job { index, name: hp.host.name.clone(), script: hp.script.clone(), probes: hp.probes.clone(), how };
        let (permits, ssh) = (permits.clone(), ssh.clone());
        set.spawn(async move {
            let _permit = permits.acquire_owned().await;
            let index = job.index;
            (index, job.run(ssh).await)
        });
    }
    let mut results: Vec<Option<HostResult>> = vec![None; plan.hosts.len()];
    while let Some(joined) = set.join_next().await {
        if let Ok((index, result)) = joined {
            progress(&result);
            results[index] = Some(result);
        }
    }
    // A task that panicked leaves its host without a result: report it, not lose it.
    results
        .into_iter()
        .zip(&plan.hosts)
        .map(|(r, hp)| {
            r.unwrap_or_else(|| HostResult {
                name: hp.host.name.clone(),
                outcome: HostOutcome::failed(HostStatus::Error, "the host's task failed unexpectedly", Duration::ZERO),
            })
        })
        .collect()
}

/// Judges every planned (check, host) on all cores. Findings come sorted by check (in rule
/// order), then host (in inventory order): the same whatever order hosts answered in.
pub fn evaluate_all(plan: &AuditPlan, results: &[HostResult], replay_of: Option<&str>) -> Vec<Finding> {
    let by_name: BTreeMap<&str, &HostResult> = results.iter().map(|r| (r.name.as_str(), r)).collect();
    let mut findings: Vec<(usize, usize, Finding)> = plan
        .hosts
        .par_iter()
        .enumerate()
        .flat_map_iter(|(h, hp)| {
            let result = by_name.get(hp.host.name.as_str()).copied();
            hp.checks.iter().map(move |planned| {
                let check = &plan.checks[planned.check];
                (planned.check, h, judge(check, hp, planned, result, replay_of))
            })
        })
        .collect();
    findings.sort_by_key(|(c, h, _)| (*c, *h));
    findings.into_iter().map(|(_, _, f)| f).collect()
}

fn judge(
    check: &Check,
    hp: &HostPlan,
    planned: &plan::Planned,
    result: Option<&HostResult>,
    replay_of: Option<&str>,
) -> Finding {
    let host = &hp.host;
    let skip = |message: String| Finding::new(check, &host.name, FindingStatus::Skip, None, None, message);
    match &planned.need {
        Need::Error(why) => Finding::new(check, &host.name, FindingStatus::Error, None, None, why.clone()),
        Need::Skip(why) => skip(why.clone()),
        Need::Var(name) => {
            let seen = match host.var_text(name) {
                Ok(v) => Ok(evaluate::Observed { value: Some(v), status: None }),
                Err(crate::inventory::VarError::Undefined(_)) => Ok(evaluate::Observed { value: None, status: None }),
                Err(e) => Err(e.to_string()),
            };
            evaluate::evaluate(check, host, seen)
        }
        Need::Probe(i) => {
            let Some(result) = result else {
                return skip("the host was not audited".into());
            };
            if result.outcome.status != HostStatus::Ok {
                return skip(format!(
                    "host not audited ({}): {}",
                    result.outcome.status.as_str(),
                    result.outcome.error.as_deref().unwrap_or("")
                ));
            }
            let key: &ProbeKey = &hp.probes[*i];
            match result.outcome.facts.get(key) {
                Some(fact) => evaluate::evaluate(check, host, evaluate::observe(check, fact)),
                None => match replay_of {
                    Some(run) => skip(format!("run {run} did not gather {}", key.describe())),
                    None => Finding::new(
                        check,
                        &host.name,
                        FindingStatus::Error,
                        None,
                        None,
                        format!("no answer for {}", key.describe()),
                    ),
                },
            }
        }
    }
}

/// Counts for the summary line and the JSON contract.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub hosts: usize,
    pub checks: usize,
    pub pass: usize,
    pub fail: usize,
    pub error: usize,
    pub skip: usize,
}

impl Summary {
    pub fn of(plan_checks: usize, hosts: usize, findings: &[Finding]) -> Summary {
        let count = |s| findings.iter().filter(|f| f.status == s).count();
        Summary {
            hosts,
            checks: plan_checks,
            pass: count(FindingStatus::Pass),
            fail: count(FindingStatus::Fail),
            error: count(FindingStatus::Error),
            skip: count(FindingStatus::Skip),
        }
    }
}

/// Evaluates `scope: repo` checks against the repository's own files (for `mb audit --repo`
/// and `mb ci`): the same script, run locally in `root`, as a host named `repo`.
pub fn audit_repo(root: &Path, checks: &[Check]) -> Vec<Finding> {
    let host = crate::inventory::Host { name: "repo".into(), groups: vec!["all".into()], vars: Default::default() };
    let mut findings = Vec::new();
    for check in checks.iter().filter(|c| c.scope == crate::rules::Scope::Repo) {
        let seen = match &check.probe.source {
            crate::rules::ProbeSource::File(path) => match plan::render(path, &host, false) {
                Err(e) => Err(e),
                Ok(path) => match repo_file(root, &path) {
                    Err(e) => Err(e),
                    Ok(None) => evaluate::observe(check, &Fact::Absent),
                    Ok(Some(bytes)) => evaluate::observe(check, &Fact::File { content: bytes }),
                },
            },
            crate::rules::ProbeSource::Command(cmd) => match plan::render(cmd, &host, true) {
                Err(e) => Err(e),
                Ok(cmd) => match std::process::Command::new("sh")
                    .arg("-c")
                    .arg(&cmd)
                    .current_dir(root)
                    .stderr(std::process::Stdio::null())
                    .output()
                {
                    Ok(out) => evaluate::observe(
                        check,
                        &Fact::Output { stdout: out.stdout, status: out.status.code().unwrap_or(-1) },
                    ),
                    Err(e) => Err(format!("cannot run `{cmd}`: {e}")),
                },
            },
            _ => Err("a repo check reads files or runs commands in the repository".into()),
        };
        findings.push(evaluate::evaluate(check, &host, seen));
    }
    findings
}

/// A repository file, refusing paths that leave the repository.
fn repo_file(root: &Path, path: &str) -> Result<Option<Vec<u8>>, String> {
    let rel = Path::new(path);
    if crate::source::repo_relative(rel).is_err() {
        return Err(format!("`{path}` is outside the repository"));
    }
    let full = root.join(rel);
    let canonical_root = root.canonicalize().map_err(|e| e.to_string())?;
    match full.canonicalize() {
        Ok(real) if !real.starts_with(&canonical_root) => {
            Err(format!("`{path}` leads outside the repository (through a symlink)"))
        }
        Ok(real) => std::fs::read(real).map(Some).map_err(|e| format!("cannot read `{path}`: {e}")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read `{path}`: {e}")),
    }
}
