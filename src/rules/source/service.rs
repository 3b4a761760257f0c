//! `service:` — a systemd unit's enablement or activity.

use super::{Need, ObserveError, Quoting, Raw, Source, render, unexpected};
use crate::diag::Code;
use crate::inventory::{Host, VarError};
use crate::probe::script::quote;
use crate::probe::{Fact, ProbeKey};
use crate::rules::check::Template;
use crate::rules::parse::Ctx;
use crate::rules::registry::{ArgKind, OptionSpec, SourceSpec};
use crate::yaml::Node;

#[derive(Debug, Clone)]
pub struct Service {
    pub unit: Template,
    pub query: Query,
}

/// Which `systemctl` question is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Query {
    IsEnabled,
    IsActive,
}

impl Query {
    pub fn as_str(self) -> &'static str {
        match self {
            Query::IsEnabled => "is-enabled",
            Query::IsActive => "is-active",
        }
    }
}

impl Source for Service {
    const SPEC: SourceSpec = SourceSpec {
        name: "service",
        arg: ArgKind::Text,
        summary: "A systemd unit's enablement or activity.",
        fact: "What `systemctl is-enabled` prints (`enabled`, `disabled`, `masked`, \
               `static`, …), or with `query: is-active` what `systemctl is-active` \
               prints (`active`, `inactive`, `failed`, …). A unit that does not \
               exist is `absent`; a host without `systemctl` is an `error` finding.",
        how: "`systemctl is-enabled -- UNIT` / `systemctl is-active -- UNIT` inside the probe \
              script, the unit name single-quoted (and after `--`, so it never reads as an \
              option); both only read.",
        options: &[OptionSpec { name: "query", arg: ArgKind::Text, doc: "`is-enabled` (the default) or `is-active`." }],
        repo_scope: false,
        example: "probe:\n  service: samba-ad-dc\nexpect:\n  equals: masked",
    };

    fn parse(cx: &mut Ctx<'_>, value: &Node, options: &[(&str, &Node, &Node)]) -> Option<Service> {
        let mut query = Some(Query::IsEnabled);
        for (name, _, v) in options {
            if *name != "query" {
                continue;
            }
            query = match cx.text("query", v).as_deref() {
                Some("is-enabled") => Some(Query::IsEnabled),
                Some("is-active") => Some(Query::IsActive),
                Some(other) => {
                    cx.error(
                        Code::BadValue,
                        format!("`query` must be is-enabled or is-active, found `{other}`"),
                        v,
                        "expected is-enabled or is-active",
                    );
                    None
                }
                None => None,
            };
        }
        let unit = cx.template("service", value)?;
        Some(Service { unit, query: query? })
    }

    fn describe(&self) -> String {
        format!("service {} ({})", self.unit.raw, self.query.as_str())
    }

    fn templates(&self) -> Vec<&Template> {
        vec![&self.unit]
    }

    fn need(&self, host: &Host) -> Result<Need, VarError> {
        let unit = render(&self.unit, host, Quoting::Plain)?;
        // `--`: a unit named `-…` is a unit, never an option.
        let command = format!("systemctl {} -- {}", self.query.as_str(), quote(&unit));
        Ok(Need::Probe(ProbeKey::Command { command: command.into(), args: Vec::new() }))
    }

    fn observe(&self, fact: &Fact) -> Result<Raw, ObserveError> {
        let Fact::Output { stdout, status } = fact else {
            return unexpected(fact);
        };
        if *status == 127 {
            return Err(ObserveError::NotInstalled("systemctl"));
        }
        let out = Raw::text(stdout).trim().to_string();
        // `systemctl is-enabled` prints nothing (and fails) for a unit that does not exist.
        Ok(Raw { value: (!out.is_empty()).then_some(out), status: Some(*status) })
    }
}
