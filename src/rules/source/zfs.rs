//! `zfs:` — a property of a ZFS dataset.

use super::{Need, ObserveError, Quoting, Raw, Source, render, unexpected};
use crate::inventory::{Host, VarError};
use crate::probe::script::quote;
use crate::probe::{Fact, ProbeKey};
use crate::rules::check::Template;
use crate::rules::parse::Ctx;
use crate::rules::registry::{ArgKind, SourceSpec};
use crate::yaml::Node;

#[derive(Debug, Clone)]
pub struct Zfs {
    pub dataset: Template,
    pub property: String,
}

const SHAPE: &str = "`zfs: { dataset: tank/data, property: refquota }`";

impl Source for Zfs {
    const SPEC: SourceSpec = SourceSpec {
        name: "zfs",
        arg: ArgKind::Mapping(&["dataset", "property"]),
        summary: "A property of a ZFS dataset.",
        fact: "The property's value as `zfs get -Hp` prints it (sizes in bytes, so \
               `size_equals` compares exactly). A dataset that does not exist is \
               `absent`; an unset property (`-`, `none`) is its printed value; a host \
               without `zfs` is an `error` finding.",
        how: "`zfs get -Hp -o value -- PROPERTY DATASET` inside the probe script, both \
              single-quoted and after `--`, so a dataset never reads as an option; only reads.",
        options: &[],
        repo_scope: false,
        example: "probe:\n  zfs: { dataset: tank/timemachine, property: refquota }\nexpect:\n  size_equals: \"{{ timemachine_quota }}\"",
    };

    fn parse(cx: &mut Ctx<'_>, value: &Node, _options: &[(&str, &Node, &Node)]) -> Option<Zfs> {
        let fields = ["dataset", "property"];
        let map = cx.map("zfs", value)?;
        let entries = cx.entries(map);
        for (name, k, _) in &entries {
            if !fields.contains(name) {
                cx.unknown_field("`zfs`", name, k, &fields);
            }
        }
        let get = |n: &str| entries.iter().find(|(name, _, _)| *name == n).map(|e| e.2);
        let dataset = match get("dataset") {
            Some(n) => cx.template("dataset", n),
            None => {
                cx.missing("`zfs`", "dataset", value, SHAPE);
                None
            }
        };
        let property = match get("property") {
            Some(n) => cx.text("property", n),
            None => {
                cx.missing("`zfs`", "property", value, SHAPE);
                None
            }
        };
        Some(Zfs { dataset: dataset?, property: property? })
    }

    fn describe(&self) -> String {
        format!("zfs {} {}", self.dataset.raw, self.property)
    }

    fn templates(&self) -> Vec<&Template> {
        vec![&self.dataset]
    }

    fn need(&self, host: &Host) -> Result<Need, VarError> {
        let dataset = render(&self.dataset, host, Quoting::Plain)?;
        Ok(Need::Probe(ProbeKey::Command {
            // `--` before the operands (getopt need not permute): a dataset `-…` is never an option.
            command: format!("zfs get -Hp -o value -- {} {}", quote(&self.property), quote(&dataset)).into(),
            args: Vec::new(),
        }))
    }

    fn observe(&self, fact: &Fact) -> Result<Raw, ObserveError> {
        let Fact::Output { stdout, status } = fact else {
            return unexpected(fact);
        };
        match status {
            0 => Ok(Raw { value: Some(Raw::text(stdout).trim().to_string()), status: Some(0) }),
            127 => Err(ObserveError::NotInstalled("zfs")),
            // `zfs get` fails for a dataset that does not exist.
            _ => Ok(Raw { value: None, status: Some(*status) }),
        }
    }
}
