//! `api:` — a GET on the host's HTTP API (Proxmox VE). Parsed and validated today; the API
//! transport that gathers it is not built yet, so its checks are planned as skipped.

use super::{Need, ObserveError, Raw, Source, unexpected};
use crate::inventory::{Host, VarError};
use crate::probe::Fact;
use crate::rules::check::Template;
use crate::rules::parse::Ctx;
use crate::rules::registry::{ArgKind, JSON, SourceSpec};
use crate::yaml::Node;

#[derive(Debug, Clone)]
pub struct Api {
    pub path: Template,
}

impl Source for Api {
    const SPEC: SourceSpec = SourceSpec {
        name: "api",
        arg: ArgKind::Text,
        summary: "A GET on the host's HTTP API (Proxmox VE, under `/api2/json`).",
        fact: "The response's JSON `data`, or the part `json:` points at.",
        how: "**Not gathered yet:** this version of mb validates `api` probes but has no \
              API transport, so their checks are reported as `skip` with that reason. \
              The transport (HTTPS with an API token, TLS always verified) is planned.",
        options: &[JSON],
        repo_scope: false,
        example: "probe:\n  api: /cluster/firewall/options\n  json: /enable\nexpect:\n  equals: \"1\"",
    };

    fn parse(cx: &mut Ctx<'_>, value: &Node, _options: &[(&str, &Node, &Node)]) -> Option<Api> {
        cx.template("api", value).map(|path| Api { path })
    }

    fn describe(&self) -> String {
        format!("api {}", self.path.raw)
    }

    fn templates(&self) -> Vec<&Template> {
        vec![&self.path]
    }

    fn need(&self, _host: &Host) -> Result<Need, VarError> {
        Ok(Need::Unsupported(
            "`api` probes need the Proxmox API transport, which this version of mb does not have yet".into(),
        ))
    }

    fn observe(&self, fact: &Fact) -> Result<Raw, ObserveError> {
        unexpected(fact)
    }
}
