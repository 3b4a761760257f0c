//! `api:` — a GET on the Proxmox VE API of the host's cluster, asked once per cluster and path
//! however many nodes' checks read it.

use super::{Need, ObserveError, Quoting, Raw, Source, render, unexpected};
use crate::inventory::{Host, VarError};
use crate::probe::{Fact, ProbeKey};
use crate::rules::check::Template;
use crate::rules::parse::Ctx;
use crate::rules::registry::{ArgKind, JSON, SourceSpec};
use crate::yaml::Node;

/// The inventory variable naming a host's cluster (hosts without one are a cluster of one).
pub const CLUSTER_VAR: &str = "mb_pve_cluster";
/// The inventory variable naming a host's Proxmox node (default: its inventory name).
pub const NODE_VAR: &str = "mb_pve_node";

#[derive(Debug, Clone)]
pub struct Api {
    pub path: Template,
}

impl Source for Api {
    const SPEC: SourceSpec = SourceSpec {
        name: "api",
        arg: ArgKind::Text,
        summary: "A GET on the Proxmox VE API of the host's cluster (a path under `/api2/json`).",
        fact: "The response's JSON `data` (as compact JSON, or its text when it is a string), or the \
               part `json:` points at. A 404 is `absent`. A refused token (401), a missing \
               privilege (403, naming the path), a server error, a timeout or a certificate that \
               does not match is an `error` finding saying so.",
        how: "An HTTPS GET with an API token (`Authorization: PVEAPIToken=USER@REALM!ID=SECRET`), \
              TLS always verified (system roots, a CA file, or a pinned certificate fingerprint). \
              `{node}` in the path is the host's Proxmox node (`mb_pve_node`, default its \
              inventory name). A path without `{node}` is asked once per cluster \
              (`mb_pve_cluster`) and judged for every node in it. See the transport chapter for \
              the inventory variables, the token and the privileges it needs.",
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

    fn need(&self, host: &Host) -> Result<Need, VarError> {
        let mut path = render(&self.path, host, Quoting::Plain)?;
        if path.contains("{node}") {
            let node = match host.var_text(NODE_VAR) {
                Ok(node) => node,
                Err(VarError::Undefined(_)) => host.name.clone(),
                Err(e) => return Err(e),
            };
            path = path.replace("{node}", &node);
        }
        Ok(Need::Probe(ProbeKey::Api { cluster: cluster_of(host)?.into(), path: path.into() }))
    }

    fn observe(&self, fact: &Fact) -> Result<Raw, ObserveError> {
        let Fact::Response { status, body } = fact else {
            return unexpected(fact);
        };
        match status {
            200 => {
                let doc: serde_json::Value =
                    serde_json::from_slice(body).map_err(|e| ObserveError::NotJson(e.to_string()))?;
                let value = match doc.get("data") {
                    None | Some(serde_json::Value::Null) => None,
                    Some(serde_json::Value::String(s)) => Some(s.clone()),
                    Some(other) => Some(other.to_string()),
                };
                Ok(Raw { value, status: None })
            }
            404 => Ok(Raw::ABSENT),
            401 => {
                Err(ObserveError::Http("the API refused the token (401): check mb_pve_token_id and its secret".into()))
            }
            403 => Err(ObserveError::Http(format!(
                "the token lacks a privilege for GET {} (403): Proxmox needs Sys.Audit on `/` \
                 (firewall, cluster and node paths) for read-only audits",
                self.path.raw
            ))),
            s if *s >= 500 => Err(ObserveError::Http(format!("the API failed ({s}) after retries"))),
            s => Err(ObserveError::Http(format!("the API answered {s}"))),
        }
    }
}

/// The cluster a host's API checks ask: `mb_pve_cluster`, or the host itself.
pub fn cluster_of(host: &Host) -> Result<String, VarError> {
    match host.var_text(CLUSTER_VAR) {
        Ok(name) => Ok(name),
        Err(VarError::Undefined(_)) => Ok(host.name.clone()),
        Err(e) => Err(e),
    }
}
