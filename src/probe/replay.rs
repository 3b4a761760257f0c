//! The replay transport: the facts an earlier run saved, judged again with today's rules.
//! Nothing is contacted; a host or fact the run did not gather says so.
//!
//! The saved run's facts are moved into the transport, not copied; a host's gather shares
//! (`Arc`) the facts its checks ask for with the new run.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use super::{BoxFuture, HostOutcome, HostStatus, Job, Transport};
use crate::audit::run::Run;

/// The outcomes of a saved run, by host name.
#[derive(Debug, Clone)]
pub struct Replay {
    saved: Arc<Saved>,
}

#[derive(Debug)]
struct Saved {
    run: String,
    hosts: HashMap<String, HostOutcome>,
}

impl Replay {
    /// The transport that answers from `run`'s facts (taking them).
    pub fn of(run: Run) -> Replay {
        let id = run.run.clone();
        Replay { saved: Arc::new(Saved { run: id, hosts: run.into_outcomes() }) }
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
            match saved.hosts.get(&job.host.name) {
                Some(outcome) => HostOutcome {
                    status: outcome.status,
                    error: outcome.error.clone(),
                    facts: job
                        .probes
                        .into_iter()
                        .filter_map(|p| {
                            let fact = outcome.facts.get(&p)?.clone();
                            Some((p, fact))
                        })
                        .collect(),
                    duration: outcome.duration,
                },
                None => HostOutcome::failed(
                    HostStatus::Error,
                    format!("run {} did not audit {}", saved.run, job.host.name),
                    Duration::ZERO,
                ),
            }
        })
    }
}
