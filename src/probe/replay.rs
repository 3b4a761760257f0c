//! The replay transport: the facts an earlier run saved, judged again with today's rules.
//! Nothing is contacted; a host or fact the run did not gather says so.
//!
//! The saved run's facts are moved into the transport, not copied; a host's gather copies
//! only the facts its checks ask for, into the new run.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use super::{BoxFuture, HostOutcome, HostStatus, Job, Transport};
use crate::audit::run::Run;

/// The outcomes of a saved run, by host name.
#[derive(Debug, Clone)]
pub struct Replay {
    /// The run's id, for messages.
    pub run: String,
    hosts: Arc<HashMap<String, HostOutcome>>,
}

impl Replay {
    /// The transport that answers from `run`'s facts (taking them).
    pub fn of(run: Run) -> Replay {
        let id = run.run.clone();
        Replay { run: id, hosts: Arc::new(run.into_outcomes()) }
    }
}

impl Transport for Replay {
    fn gather(&self, job: Job) -> BoxFuture<HostOutcome> {
        let outcome = match self.hosts.get(&job.host.name) {
            Some(saved) => HostOutcome {
                status: saved.status,
                error: saved.error.clone(),
                facts: job.probes.iter().filter_map(|p| Some((p.clone(), saved.facts.get(p)?.clone()))).collect(),
                duration: saved.duration,
            },
            None => HostOutcome::failed(
                HostStatus::Error,
                format!("run {} did not audit {}", self.run, job.host.name),
                Duration::ZERO,
            ),
        };
        Box::pin(async move { outcome })
    }
}
