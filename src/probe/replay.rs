//! The replay transport: the facts an earlier run saved, judged again with today's rules.
//! Nothing is contacted; a host or fact the run did not gather says so.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use super::{BoxFuture, HostOutcome, HostStatus, Job, Transport};

/// The outcomes of a saved run, by host name.
#[derive(Debug, Clone)]
pub struct Replay {
    /// The run's id, for messages.
    pub run: String,
    pub hosts: Arc<HashMap<String, HostOutcome>>,
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
