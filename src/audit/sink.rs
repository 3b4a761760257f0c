//! Sinks: what listens to an audit while it runs (ripgrep's `Sink`). The progress bar, the
//! warnings on stderr and every report format are sinks; several listen at once through a
//! `Vec` of them. The engine never knows which are attached, and none of them changes the run.

use std::path::Path;

use super::{AuditPlan, Finding, Run};
use crate::probe::HostOutcome;
use crate::rules::Check;

/// What a finished run comes with.
#[derive(Debug, Clone, Copy)]
pub struct Finished<'a> {
    /// The checks the run judged (today's rules), for formats that describe them.
    pub checks: &'a [Check],
    /// Where the run was saved, relative to the repository root when it is inside.
    pub saved: Option<&'a Path>,
}

/// Events of one audit, in order: warnings and the plan, each target as it is done (in the
/// order targets answer), each finding (sorted by check, then host), then the whole run.
pub trait AuditSink {
    /// Something the user should know that does not stop the audit.
    fn warning(&mut self, _message: &str) {}

    /// The plan, before any target is contacted.
    fn planned(&mut self, _plan: &AuditPlan) {}

    /// A target has answered, or failed.
    fn host_done(&mut self, _host: &str, _outcome: &HostOutcome) {}

    /// One judged (check, target).
    fn finding(&mut self, _finding: &Finding) {}

    /// The run is complete (and saved, when asked).
    fn finished(&mut self, _run: &Run, _done: &Finished<'_>) {}
}

/// No sink at all.
impl AuditSink for () {}

/// Several sinks at once, each told every event in turn.
impl AuditSink for Vec<Box<dyn AuditSink + '_>> {
    fn warning(&mut self, message: &str) {
        self.iter_mut().for_each(|s| s.warning(message));
    }

    fn planned(&mut self, plan: &AuditPlan) {
        self.iter_mut().for_each(|s| s.planned(plan));
    }

    fn host_done(&mut self, host: &str, outcome: &HostOutcome) {
        self.iter_mut().for_each(|s| s.host_done(host, outcome));
    }

    fn finding(&mut self, finding: &Finding) {
        self.iter_mut().for_each(|s| s.finding(finding));
    }

    fn finished(&mut self, run: &Run, done: &Finished<'_>) {
        self.iter_mut().for_each(|s| s.finished(run, done));
    }
}

/// A sink lent to a fan-out, so its owner can look at it afterwards.
impl<S: AuditSink + ?Sized> AuditSink for &mut S {
    fn warning(&mut self, message: &str) {
        (**self).warning(message);
    }

    fn planned(&mut self, plan: &AuditPlan) {
        (**self).planned(plan);
    }

    fn host_done(&mut self, host: &str, outcome: &HostOutcome) {
        (**self).host_done(host, outcome);
    }

    fn finding(&mut self, finding: &Finding) {
        (**self).finding(finding);
    }

    fn finished(&mut self, run: &Run, done: &Finished<'_>) {
        (**self).finished(run, done);
    }
}
