//! Saved runs: every audit is written to `.mb/runs/<run>.json` with the facts it gathered, so
//! it can be replayed against today's rules (`mb audit --replay`), compared with another run
//! (`mb diff`), recorded in the Memory Bank or turned into fixes later.
//!
//! A run file is the `mb audit --format json` report plus, per host, the facts and the
//! inventory variables its checks used (never vault values).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::plan::{Need, Target};
use super::{AuditPlan, Finding, FindingStatus, Summary};
use crate::inventory::{Host, Inventory, Var};
use crate::probe::{Fact, HostOutcome, HostStatus, ProbeKey};
use crate::rules::Check;
use crate::rules::check::{Expectation, ProbeSource, Template};

pub use super::runfile::Part;

/// The version of the run file and JSON report format.
pub const VERSION: u32 = 1;

/// Where runs are saved, under the repository root.
pub const RUNS_DIR: &str = ".mb/runs";

/// One audit, as saved and as reported. Run files are read by [`read`] (the findings and
/// their checks as `runfile` writes them), not by a derived `Deserialize`.
#[derive(Debug, Clone, Serialize)]
pub struct Run {
    pub version: u32,
    /// The run's id: its start time, `2026-11-25T19-00-00Z`.
    pub run: String,
    /// `ssh`, `local` or `replay`.
    #[serde(default)]
    pub mode: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replay_of: Option<String>,
    pub hosts: Vec<HostRecord>,
    pub findings: Vec<Finding>,
    pub summary: Summary,
    /// What the run was made from: the rules, the inventory, mb, and its shard (in run files;
    /// `mb merge` refuses runs that differ).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// For a run merged from shards: the runs it was merged from, and shards that were missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged: Option<Merged>,
}

/// What a run was made from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// A digest of the rule files' checks.
    pub rules_digest: String,
    /// A digest of the inventory's hosts, groups and variables.
    pub inventory_digest: String,
    pub mb_version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<super::shard::Shard>,
    /// Every check of the rules, in rule order (a merge orders findings by it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<String>,
}

/// Where a merged run came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merged {
    pub runs: Vec<String>,
    /// Shards no run was given for: the merged run is incomplete.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_shards: Vec<usize>,
}

/// The `mb audit --format json` report of a run (a contract): the run's fields, in its order,
/// without what only run files keep.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    pub version: u32,
    pub run: &'a str,
    pub mode: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replay_of: Option<&'a str>,
    pub hosts: Vec<HostReport<'a>>,
    pub findings: &'a [Finding],
    pub summary: &'a Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merged: Option<&'a Merged>,
}

/// A host in the report.
#[derive(Debug, Serialize)]
pub struct HostReport<'a> {
    pub name: &'a str,
    pub status: HostStatus,
    pub error: Option<&'a str>,
    pub duration_ms: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HostRecord {
    pub name: String,
    /// The host's place in the inventory (in run files), for merging sharded runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<usize>,
    /// The host's groups (in run files; left out of reports), so a replay without the
    /// inventory still knows which checks apply.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<String>,
    pub status: HostStatus,
    pub error: Option<String>,
    pub duration_ms: u64,
    /// What the host answered (in run files; left out of reports).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<SavedFact>,
    /// The inventory variables the host's checks used (in run files; left out of reports).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub vars: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct SavedFact {
    pub probe: ProbeKey,
    /// Shared with the outcome it was saved from, and with replays of it.
    pub fact: Arc<Fact>,
}

impl Run {
    /// Assembles a run from a plan, its targets' outcomes (in plan order; the run takes their
    /// facts) and the findings. The repository, a target of `scope: repo` checks, is not one
    /// of the run's hosts: its findings say `repo`.
    pub fn new(
        id: String,
        mode: &str,
        plan: &AuditPlan,
        outcomes: Vec<HostOutcome>,
        mut findings: Vec<Finding>,
    ) -> Run {
        // The variables each check uses, worked out once per check rather than per host.
        let check_vars: Vec<Vec<&str>> = plan.checks.iter().map(vars_of).collect();
        // (check, host) pairs whose values are secret: a `secret: true` check, or one that
        // reads a file only its owner may read. Their facts are saved as digests and their
        // findings show no values.
        // Worked out for each host on every core: its hidden (check, host) pairs and the keys
        // of its secret facts.
        type Secrets<'p> = (Vec<(&'p str, &'p str)>, BTreeSet<ProbeKey>);
        let (hidden, secret_keys): (Vec<_>, Vec<_>) = plan
            .hosts
            .par_iter()
            .zip(&outcomes)
            .map(|(hp, o)| {
                let mut hidden = Vec::new();
                let mut keys = BTreeSet::new();
                for planned in &hp.checks {
                    let check = &plan.checks[planned.check];
                    let key = match planned.need {
                        Need::Probe(i) => hp.probes.get(i),
                        _ => None,
                    };
                    let private = key.and_then(|k| o.facts.get(k)).is_some_and(|fact| {
                        matches!(**fact, Fact::File { private: true, .. } | Fact::Selected { private: true, .. })
                    });
                    if check.secret || private {
                        hidden.push((check.id.as_str(), hp.host.name.as_str()));
                        keys.extend(key.cloned());
                    }
                }
                (hidden, keys) as Secrets<'_>
            })
            .unzip();
        let hidden: BTreeSet<(&str, &str)> = hidden.into_iter().flatten().collect();
        if !hidden.is_empty() {
            for f in findings.iter_mut().filter(|f| hidden.contains(&(f.check.id.as_str(), f.host.as_ref()))) {
                for value in [&mut f.actual, &mut f.expected].into_iter().flatten() {
                    *value = Arc::from(SECRET);
                }
                f.message = "a secret: its values are not shown".into();
            }
        }
        let hosts: Vec<HostRecord> = plan
            .hosts
            .par_iter()
            .zip(outcomes)
            .zip(secret_keys)
            .filter(|((hp, _), _)| hp.target == Target::Host)
            .map(|((hp, o), secret)| {
                let used: BTreeSet<&str> = hp
                    .checks
                    .iter()
                    .filter(|planned| !plan.checks[planned.check].secret)
                    .flat_map(|planned| check_vars[planned.check].iter().copied())
                    .collect();
                HostRecord {
                    name: hp.host.name.clone(),
                    position: hp.position,
                    groups: hp.host.groups.clone(),
                    status: o.status,
                    error: o.error,
                    duration_ms: o.duration.as_millis() as u64,
                    facts: o
                        .facts
                        .into_iter()
                        .map(|(probe, fact)| {
                            let fact = redact(fact, secret.contains(&probe));
                            SavedFact { probe, fact }
                        })
                        .collect(),
                    vars: used.into_iter().filter_map(|v| Some((v.to_string(), hp.host.var_text(v).ok()?))).collect(),
                }
            })
            .collect();
        // The checks judged on some target (each planned pair has its finding).
        let mut judged = vec![false; plan.checks.len()];
        for planned in plan.hosts.iter().flat_map(|hp| &hp.checks) {
            judged[planned.check] = true;
        }
        let checks = judged.into_iter().filter(|&j| j).count();
        let summary = Summary::of(checks, hosts.len(), &findings);
        Run {
            version: VERSION,
            run: id,
            mode: mode.to_string(),
            replay_of: None,
            hosts,
            findings,
            summary,
            provenance: None,
            merged: None,
        }
    }

    /// The hosts as the run knew them (names, groups and the variables its checks used), when
    /// no inventory is at hand.
    pub fn inventory(&self) -> Inventory {
        let mut inventory = Inventory::default();
        for h in &self.hosts {
            // A localhost in no group, not even `all`, was the implicit one: still outside `all`.
            let implicit = h.groups.is_empty() && crate::inventory::LOCALHOST_NAMES.contains(&h.name.as_str());
            let list = if implicit { &mut inventory.implicit } else { &mut inventory.hosts };
            list.push(Arc::new(Host {
                name: h.name.clone(),
                groups: h.groups.clone(),
                vars: h
                    .vars
                    .iter()
                    .map(|(k, v)| (k.clone(), Var::Value(serde_json::Value::String(v.clone()))))
                    .collect(),
                vault_files: Vec::new(),
                vars_problem: None,
            }));
            for g in &h.groups {
                inventory.groups.entry(g.clone()).or_default().hosts.push(h.name.clone());
            }
        }
        inventory
    }

    /// The run without facts, variables and groups: the `mb audit --format json` contract (a
    /// view of the run, nothing copied).
    pub fn report(&self) -> Report<'_> {
        Report {
            version: self.version,
            run: &self.run,
            mode: &self.mode,
            replay_of: self.replay_of.as_deref(),
            hosts: self
                .hosts
                .iter()
                .map(|h| HostReport {
                    name: &h.name,
                    status: h.status,
                    error: h.error.as_deref(),
                    duration_ms: h.duration_ms,
                })
                .collect(),
            findings: &self.findings,
            summary: &self.summary,
            merged: self.merged.as_ref(),
        }
    }

    /// The run's hosts by name.
    pub fn hosts_by_name(&self) -> HashMap<&str, &HostRecord> {
        self.hosts.iter().map(|h| (h.name.as_str(), h)).collect()
    }

    /// Hosts that were not fully audited.
    pub fn incomplete_hosts(&self) -> impl Iterator<Item = &HostRecord> {
        self.hosts.iter().filter(|h| h.status != HostStatus::Ok)
    }
}

/// What reports show in place of a secret check's values.
pub const SECRET: &str = "(secret)";

/// A fact as a run file may keep it: a private file's content, or anything a secret check
/// read, becomes its SHA-256 (a file's selections too: a secret may be the key selected).
fn redact(fact: Arc<Fact>, secret: bool) -> Arc<Fact> {
    use sha2::Digest as _;
    let digest = |bytes: &[u8]| data_encoding::HEXLOWER.encode(&sha2::Sha256::digest(bytes));
    let sha256 = match &*fact {
        Fact::File { content, private } if *private || secret => digest(content),
        Fact::Selected { sha256, private, .. } if *private || secret => sha256.clone(),
        Fact::Output { stdout: bytes, .. } | Fact::Response { body: bytes, .. } if secret => digest(bytes),
        _ => return fact,
    };
    Arc::new(Fact::Redacted { sha256 })
}

/// Template variables and `var:` names a check uses.
fn vars_of(check: &Check) -> Vec<&str> {
    let mut templates: Vec<&Template> = check.probe.source.templates();
    templates.extend(check.expect.iter().flat_map(Expectation::templates));
    // `mb fix` fills the fix's templates from the run.
    templates.extend(check.fix.iter().flat_map(|f| f.edit.values()));
    let mut out: Vec<&str> = templates.into_iter().flat_map(|t| t.vars()).collect();
    if let ProbeSource::Var(var) = &check.probe.source {
        out.push(&var.name);
    }
    out
}

/// A run id from a time: `2026-11-25T19-00-00Z` (colons are not welcome in file names).
pub fn id_at(time: jiff::Timestamp) -> String {
    time.strftime("%Y-%m-%dT%H-%M-%SZ").to_string()
}

/// When a run started, read back from its id (`2026-11-25T19-00-00Z`, or `…Z-2`).
pub fn started(id: &str) -> Option<jiff::Timestamp> {
    let (date, time) = id.get(..20)?.split_once('T')?;
    let time = time.strip_suffix('Z')?.replace('-', ":");
    format!("{date}T{time}Z").parse().ok()
}

/// The calendar day (in the local time zone, `TZ` honoured) a run started on: the date of
/// its Memory Bank entry and of its default fix branch. Today for an id that is not a time.
pub fn local_date(id: &str) -> jiff::civil::Date {
    started(id).unwrap_or_else(now).to_zoned_datetime(jiff::tz::TimeZone::system()).date()
}

/// Now, or `MB_NOW` (an RFC 3339 time) when set: tests and demos pin the clock with it.
pub fn now() -> jiff::Timestamp {
    std::env::var("MB_NOW").ok().and_then(|s| s.parse().ok()).unwrap_or_else(jiff::Timestamp::now)
}

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The I/O error is part of the message (and so not a `source`: it would be said twice).
    #[error("{path}: {error}")]
    Io { path: String, error: std::io::Error },
    #[error("{path}: not an mb run file: {message}")]
    Format { path: String, message: String },
    #[error("no run `{0}` in .mb/runs (see `mb runs`)")]
    NotFound(String),
    #[error("no saved runs yet; run `mb audit` first")]
    None,
    #[error("{0}")]
    Other(String),
}

/// Saves a run, readable by its owner only, as a new file: a run started in the same second
/// as another, even by another process at the same time, gets `-2`, `-3`, … and never
/// replaces it. Returns the path written.
pub fn save(root: &Path, run: &mut Run) -> Result<PathBuf, RunError> {
    let dir = root.join(RUNS_DIR);
    let io = |path: &Path, source| RunError::Io { path: crate::source::display_path(path), error: source };
    crate::state::dir(root, "runs").map_err(|e| io(&dir, e))?;
    let base = run.run.clone();
    let id = |n: u32| if n == 1 { base.clone() } else { format!("{base}-{n}") };
    let write = |n: u32, out: &mut (dyn std::io::Write + Send)| -> std::io::Result<()> {
        run.run = id(n);
        // Compact: a run file is read by mb and by `jq`, and a 100 000-host run written with
        // indentation is more than twice the size and the time.
        // serde_json writes token by token: through a buffer of a known type those writes
        // are inlined copies, where each would be a call through `dyn Write`.
        let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
        super::runfile::write(run, &mut out)?;
        std::io::Write::flush(&mut out)
    };
    let (path, _) =
        crate::state::create_new_private(&dir, |n| format!("{}.json", id(n)), write).map_err(|e| io(&dir, e))?;
    Ok(path)
}

/// Deletes the oldest runs so that at most `keep` remain (`runs.keep` in mb.toml); returns
/// the ids deleted.
pub fn prune(root: &Path, keep: usize) -> Vec<String> {
    let all = ids(root);
    let excess = all.len().saturating_sub(keep);
    all.into_iter().take(excess).filter(|id| std::fs::remove_file(path_of(root, id)).is_ok()).collect()
}

/// Reads a run file.
pub fn read(path: &Path) -> Result<Run, RunError> {
    read_part(path, Part::Whole)
}

/// Reads `part` of a run file.
pub fn read_part(path: &Path, part: Part) -> Result<Run, RunError> {
    let shown = crate::source::display_path(path);
    // Read whole, then parsed: serde_json parses a slice several times faster than a stream,
    // and the text is freed before the run is used.
    let bytes = std::fs::read(path).map_err(|error| RunError::Io { path: shown.clone(), error })?;
    let run = super::runfile::read(&bytes, part)
        .map_err(|e| RunError::Format { path: shown.clone(), message: e.to_string() })?;
    drop(bytes);
    if run.version != VERSION {
        return Err(RunError::Format {
            path: shown,
            message: format!("version {} (this mb reads version {VERSION})", run.version),
        });
    }
    validate(&run).map_err(|message| RunError::Format { path: shown, message })?;
    Ok(run)
}

/// What a run file says about itself, checked before any of it reaches a report, the Memory
/// Bank or a file name: its ids are run ids, its host names are host names.
fn validate(run: &Run) -> Result<(), String> {
    for id in std::iter::once(&run.run).chain(&run.replay_of) {
        if !is_id(id) {
            return Err(format!("{id:?} is not a run id (a time like 2026-11-25T19-00-00Z)"));
        }
    }
    let names = run.hosts.iter().map(|h| h.name.as_str()).chain(run.findings.iter().map(|f| &*f.host));
    for name in names {
        crate::inventory::check_host_name(name).map_err(|why| format!("host name {name:?} {why}"))?;
    }
    Ok(())
}

/// Whether `id` has the form of a run id: `2026-11-25T19-00-00Z`, or `…Z-2` for a later run
/// of the same second. `repo` names the repository's own findings, never a run.
pub fn is_id(id: &str) -> bool {
    const SHAPE: &[u8] = b"0000-00-00T00-00-00Z";
    let (Some(time), Some(suffix)) = (id.get(..SHAPE.len()), id.get(SHAPE.len()..)) else {
        return false;
    };
    let shaped = time.bytes().zip(SHAPE).all(|(c, &s)| if s == b'0' { c.is_ascii_digit() } else { c == s });
    let numbered = suffix.is_empty()
        || suffix
            .strip_prefix('-')
            .is_some_and(|n| (1..=9).contains(&n.len()) && n.bytes().all(|c| c.is_ascii_digit()));
    shaped && numbered && started(id).is_some()
}

/// Saved run ids, oldest first: by the time in the id, then by its number within the
/// second (`…Z-10` after `…Z-9`). Files whose names are not run ids are not runs.
pub fn ids(root: &Path) -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(root.join(RUNS_DIR))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".json").filter(|id| is_id(id)).map(str::to_string)
        })
        .collect();
    ids.sort_by_key(|id| (started(id), sequence(id)));
    ids
}

/// A run's number within its second: 1, or N for `…Z-N`.
fn sequence(id: &str) -> u32 {
    id.get(20..).and_then(|s| s.strip_prefix('-')).and_then(|n| n.parse().ok()).unwrap_or(1)
}

/// A run saved in `.mb/runs`, by its id only: for ids read from files (a Memory Bank
/// entry's mark), which must not make mb read a file elsewhere.
pub fn find_saved(root: &Path, id: &str) -> Result<Run, RunError> {
    if !is_id(id) {
        return Err(RunError::NotFound(id.to_string()));
    }
    read(&path_of(root, id))
}

/// A run by id (`2026-11-25T19-00-00Z`), by a path to a run file, or `latest`.
pub fn find(root: &Path, which: &str) -> Result<Run, RunError> {
    find_part(root, which, Part::Whole)
}

/// `part` of a run found as [`find`] finds it.
pub fn find_part(root: &Path, which: &str, part: Part) -> Result<Run, RunError> {
    let path = Path::new(which);
    if which.ends_with(".json") || path.components().count() > 1 {
        let path = if path.is_absolute() { path.to_path_buf() } else { root.join(path) };
        return read_part(&path, part);
    }
    let all = ids(root);
    let id = if which == "latest" {
        all.last().cloned().ok_or(RunError::None)?
    } else {
        all.iter().find(|i| *i == which).cloned().ok_or_else(|| RunError::NotFound(which.to_string()))?
    };
    read_part(&path_of(root, &id), part)
}

/// Where the run `id` is saved.
pub fn path_of(root: &Path, id: &str) -> PathBuf {
    root.join(RUNS_DIR).join(format!("{id}.json"))
}

/// What changed between two runs, by (check, host).
#[derive(Debug, Default, Serialize)]
pub struct Diff {
    /// Failing in the newer run, not in the older.
    pub new: Vec<Finding>,
    /// Failing in the older run, passing in the newer.
    pub resolved: Vec<Finding>,
    /// Failing in both.
    pub still_failing: Vec<Finding>,
    /// Failing in the older run and not judged in the newer (host not audited, check gone).
    pub unknown: Vec<Finding>,
}

pub fn diff(older: &Run, newer: &Run) -> Diff {
    let key = |f: &Finding| (f.check.id.clone(), f.host.clone());
    let old: BTreeMap<_, &Finding> = older.findings.iter().map(|f| (key(f), f)).collect();
    let new: BTreeMap<_, &Finding> = newer.findings.iter().map(|f| (key(f), f)).collect();
    let mut out = Diff::default();
    for (k, f) in &new {
        if f.status != FindingStatus::Fail {
            continue;
        }
        match old.get(k) {
            Some(o) if o.status == FindingStatus::Fail => out.still_failing.push((*f).clone()),
            _ => out.new.push((*f).clone()),
        }
    }
    for (k, o) in &old {
        if o.status != FindingStatus::Fail {
            continue;
        }
        match new.get(k) {
            Some(f) if f.status == FindingStatus::Pass => out.resolved.push((*f).clone()),
            Some(f) if f.status == FindingStatus::Fail => {}
            _ => out.unknown.push((*o).clone()),
        }
    }
    out
}

/// What a run says overall (the exit code's contract: 0, 1, 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// No drift, and everything was judged.
    Clean,
    /// Some check failed, whatever else happened.
    Drift,
    /// No drift found, but some host or check could not be judged.
    Incomplete,
}

impl Verdict {
    /// The verdict in words, as every report states it.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Clean => "no drift",
            Verdict::Drift => "drift",
            Verdict::Incomplete => "incomplete",
        }
    }
}

impl Run {
    pub fn verdict(&self) -> Verdict {
        if self.summary.fail > 0 {
            Verdict::Drift
        } else if self.incomplete_hosts().next().is_some()
            || self.merged.as_ref().is_some_and(|m| !m.missing_shards.is_empty())
            || self.findings.iter().any(|f| matches!(f.status, FindingStatus::Error | FindingStatus::Skip))
        {
            Verdict::Incomplete
        } else {
            Verdict::Clean
        }
    }
}
