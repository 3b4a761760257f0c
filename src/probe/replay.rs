//! The replay transport: the facts an earlier run saved, judged again with today's rules.
//! Nothing is contacted; a host or fact the run did not gather says so.
//!
//! The saved run's facts are moved into the transport, not copied, and equal facts (and
//! probe keys) of different hosts become one; a host's gather shares (`Arc`) the facts its checks ask for
//! with the new run. A replay is one audit's transport: each host's saved record is handed
//! over when the host is gathered and freed then, so the saved run does not stay in memory
//! beside the new one (a 100 000-host replay would otherwise hold both). Gathering a host a
//! second time is an error that says so, never a silently empty host.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use std::time::Duration;

use super::{BoxFuture, Fact, HostOutcome, HostStatus, Job, ProbeKey, Transport};
use crate::audit::run::Run;

/// The outcomes of a saved run, by host name.
#[derive(Debug, Clone)]
pub struct Replay {
    saved: Arc<Saved>,
}

#[derive(Debug)]
struct Saved {
    run: String,
    /// The saved hosts; `None` once gathered.
    hosts: Mutex<HashMap<String, Option<SavedHost>>>,
}

/// A host of the saved run: its facts sorted by probe, each fact shared with every host that
/// gave the same answer (most hosts of a fleet answer most probes alike).
#[derive(Debug)]
struct SavedHost {
    status: HostStatus,
    error: Option<String>,
    duration: Duration,
    facts: Vec<(ProbeKey, Arc<Fact>)>,
}

/// What one part of [`Replay::of`]'s work makes its hosts' equal keys and facts one with.
#[derive(Default)]
struct Sharing {
    keys: HashSet<ProbeKey>,
    facts: HashSet<Arc<Fact>>,
    /// The previous host's, in its file order.
    last: Vec<(ProbeKey, Arc<Fact>)>,
}

impl Replay {
    /// The transport that answers from `run`'s facts (taking them). Hosts are read on every
    /// core; each part of the work makes its equal keys and facts one.
    pub fn of(run: Run) -> Replay {
        let id = run.run.clone();
        let hosts: Vec<(String, Option<SavedHost>)> = run
            .hosts
            .into_par_iter()
            .map_init(Sharing::default, |Sharing { keys, facts: alike, last }, h| {
                let mut facts: Vec<(ProbeKey, Arc<Fact>)> = h
                    .facts
                    .into_iter()
                    .enumerate()
                    .map(|(i, mut saved)| {
                        let like = last.get(i);
                        super::share(keys, like.map(|(key, _)| key), &mut saved.probe);
                        super::share(alike, like.map(|(_, fact)| fact), &mut saved.fact);
                        (saved.probe, saved.fact)
                    })
                    .collect();
                // In the file's order, which the next host most often repeats.
                last.clone_from(&facts);
                // A probe saved twice (not by mb) answers with its last fact, as a map would.
                facts.reverse();
                facts.sort_by(|a, b| a.0.cmp(&b.0));
                facts.dedup_by(|a, b| a.0 == b.0);
                let host = SavedHost {
                    status: h.status,
                    error: h.error,
                    duration: Duration::from_millis(h.duration_ms),
                    facts,
                };
                (h.name, Some(host))
            })
            .collect();
        // A name saved twice (not by mb) answers with its last record, as before.
        let hosts = hosts.into_iter().collect();
        Replay { saved: Arc::new(Saved { run: id, hosts: Mutex::new(hosts) }) }
    }

    /// The replayed run's id.
    pub fn run(&self) -> &str {
        &self.saved.run
    }
}

impl Transport for Replay {
    fn gather(&self, job: Job) -> BoxFuture<HostOutcome> {
        // Looked up when the task runs, on the runtime's workers, not while tasks are spawned.
        let saved = self.saved.clone();
        Box::pin(async move {
            // A poisoned lock still holds whole entries: a panic cannot leave one half-taken.
            let host = saved.hosts.lock().unwrap_or_else(|e| e.into_inner()).get_mut(&job.host.name).map(Option::take);
            match host {
                Some(Some(host)) => HostOutcome {
                    status: host.status,
                    error: host.error,
                    facts: job
                        .probes
                        .into_iter()
                        .filter_map(|p| {
                            let at = host.facts.binary_search_by(|(key, _)| key.cmp(&p)).ok()?;
                            Some((p, host.facts[at].1.clone()))
                        })
                        .collect(),
                    duration: host.duration,
                },
                Some(None) => HostOutcome::failed(
                    HostStatus::Error,
                    format!(
                        "run {}'s facts of {} were already replayed (a replay answers one audit)",
                        saved.run, job.host.name
                    ),
                    Duration::ZERO,
                ),
                None => HostOutcome::failed(
                    HostStatus::Error,
                    format!("run {} did not audit {}", saved.run, job.host.name),
                    Duration::ZERO,
                ),
            }
        })
    }
}
