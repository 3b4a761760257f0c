//! `var:` — an inventory variable of the host; the host is not contacted.

use super::{Need, ObserveError, Raw, Source, unexpected};
use crate::inventory::{Host, VarError};
use crate::probe::Fact;
use crate::rules::check::Template;
use crate::rules::parse::Ctx;
use crate::rules::registry::{ArgKind, SourceSpec};
use crate::yaml::Node;

use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct Var {
    /// Shared with every host's plan.
    pub name: Arc<str>,
}

impl Source for Var {
    const SPEC: SourceSpec = SourceSpec {
        name: "var",
        arg: ArgKind::Text,
        summary: "An inventory variable of the host (host_vars over group_vars over all).",
        fact: "The variable's value as text (lists and mappings as compact JSON); an \
               undefined variable is `absent`; a vault-encrypted one is an `error` finding.",
        how: "Read from the inventory; the host is not contacted.",
        options: &[],
        repo_scope: false,
        example: "probe:\n  var: manage_proxmox_repos\nexpect:\n  equals: \"false\"",
    };

    fn parse(cx: &mut Ctx<'_>, value: &Node, _options: &[(&str, &Node, &Node)]) -> Option<Var> {
        cx.text("var", value).map(|name| Var { name: name.into() })
    }

    fn describe(&self) -> String {
        format!("var {}", self.name)
    }

    fn templates(&self) -> Vec<&Template> {
        Vec::new()
    }

    fn need(&self, _host: &Host) -> Result<Need, VarError> {
        Ok(Need::Var(self.name.clone()))
    }

    fn observe(&self, fact: &Fact) -> Result<Raw, ObserveError> {
        unexpected(fact)
    }
}
