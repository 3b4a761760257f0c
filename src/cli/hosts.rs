//! `mb hosts`: the fleet as mb resolves it, and the checks that apply to each host.

use std::collections::HashSet;
use std::io::Write as _;
use std::path::PathBuf;

use anyhow::bail;
use serde::Serialize;

use super::output::{self, Cell, Table};
use super::{Context, Exit};
use crate::inventory::{Connection, HostPattern, Var};
use crate::probe::ssh::{Route, route};
use crate::rules::{self, Scope};

/// List the inventory's hosts, how mb will reach them, and which checks apply.
///
/// Reads the Ansible inventory (INI or YAML, with group_vars/ and host_vars/) the way
/// `mb audit` does, resolves every host's variables and groups, and matches the rule files'
/// `hosts:` patterns against them. Use it to see what an audit would do before running one.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  mb hosts                          every host of the inventory in mb.toml
  mb hosts samba                    the hosts a pattern selects
  mb hosts -i inventory/prod.ini 'proxmox:&prod'
  mb hosts --json | jq '.[] | select(.checks | length == 0) | .name'
  mb hosts nas1 --script            the exact script mb audit runs on nas1
  mb hosts --shard 2/4              the hosts shard 2 of 4 audits")]
pub struct Args {
    /// Only hosts matching this Ansible pattern.
    #[arg(value_name = "PATTERN")]
    pattern: Option<String>,

    /// The Ansible inventory (default: `inventory` in mb.toml).
    #[arg(short = 'i', long, value_name = "PATH")]
    inventory: Option<PathBuf>,

    /// Print the hosts as JSON.
    #[arg(long)]
    json: bool,

    /// Print the probe script `mb audit` would run on each host (for review: it only reads).
    #[arg(long, conflicts_with = "json")]
    script: bool,

    /// Only the hosts shard K of N audits (`mb audit --shard K/N`).
    #[arg(long, value_name = "K/N")]
    shard: Option<String>,

    /// The ssh config to read instead of ~/.ssh/config and /etc/ssh/ssh_config (`none`: no
    /// config), as `ssh -F` (default: `ssh_config` in mb.toml).
    #[arg(short = 'F', long = "ssh-config", value_name = "FILE")]
    ssh_config: Option<PathBuf>,

    /// The SSH user for hosts whose inventory names none, as `mb audit -u`.
    #[arg(short = 'u', long, value_name = "USER")]
    user: Option<String>,
}

#[derive(Serialize)]
struct HostJson<'a> {
    name: &'a str,
    address: String,
    port: u16,
    user: Option<String>,
    connection: Connection,
    jump: Option<String>,
    groups: &'a [String],
    /// Ansible's implicit localhost (selected by naming it, in no group); absent otherwise.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    implicit: bool,
    checks: Vec<&'a str>,
    /// The `ProxyCommand` mb runs to reach it (from the ssh arguments or the ssh config), its
    /// tokens replaced.
    proxy_command: Option<String>,
    /// Why mb will not connect to the host, if it will not (a template it cannot render, a bad
    /// port, a bad ssh config value).
    problem: Option<String>,
    /// How `mb audit` reaches it: the host and every jump host with the address, port, user,
    /// identity files and known_hosts files the inventory and the ssh config give them.
    route: Option<Route>,
    /// The host's merged variables, as `ansible-inventory --host` shows them; a vault value is
    /// `{"__ansible_vault": "(encrypted)"}`, never its text.
    vars: serde_json::Map<String, serde_json::Value>,
    /// The host's vars files encrypted whole with ansible-vault: variables not in `vars` may be
    /// defined there, so they are unknown.
    vault_files: &'a [String],
}

pub fn run(cx: &Context, args: Args) -> anyhow::Result<Exit> {
    let config = output::load_config(&cx.root)?;
    let Some(path) = super::audit::inventory_path(cx, args.inventory.as_ref(), &config) else {
        bail!("no inventory: pass -i PATH, or set `inventory = \"…\"` in mb.toml");
    };
    let inventory = output::load_inventory(&path)?;
    let context = super::audit::route_context(cx, &config, args.ssh_config.as_ref(), args.user.as_ref(), &[])?;
    let set = rules::load(&cx.root, &rules::default_paths(&cx.root));
    let selected = match &args.pattern {
        Some(p) => {
            let pattern = HostPattern::parse(p).map_err(|e| anyhow::anyhow!("pattern `{p}`: {}", e.message))?;
            inventory.select(&pattern)
        }
        None => inventory.hosts.iter().map(std::sync::Arc::as_ref).collect(),
    };
    let selected = match &args.shard {
        Some(spec) => {
            let shard = crate::audit::shard::Shard::parse(spec)?;
            selected.into_iter().filter(|h| shard.takes(h)).collect()
        }
        None => selected,
    };
    // Each host check's hosts, selected once.
    let selections: Vec<(&rules::Check, HashSet<&str>)> = set
        .checks
        .iter()
        .filter(|c| c.scope == Scope::Host)
        .filter_map(|c| Some((c, inventory.select(c.hosts.as_ref()?).iter().map(|h| h.name.as_str()).collect())))
        .collect();
    let checks_of = |name: &str| -> Vec<&str> {
        selections.iter().filter(|(_, hosts)| hosts.contains(name)).map(|(c, _)| c.id.as_str()).collect()
    };
    let rows: Vec<HostJson<'_>> = selected
        .iter()
        .map(|h| (h, route(h, &context)))
        .map(|(h, route)| HostJson {
            name: &h.name,
            address: route.as_ref().map(|r| r.target.address.clone()).unwrap_or_else(|_| h.address()),
            port: route.as_ref().map(|r| r.target.port).unwrap_or_else(|_| h.port()),
            user: match &route {
                Ok(r) => r.target.user_set.then(|| r.target.user.clone()),
                Err(_) => h.user(),
            },
            connection: h.connection(),
            jump: match &route {
                Ok(r) => r.jump_spec.clone(),
                Err(_) => h.jump_host(),
            },
            groups: &h.groups,
            implicit: inventory.is_implicit(h),
            checks: checks_of(&h.name),
            proxy_command: match &route {
                Ok(r) => r.proxy_command.clone(),
                Err(_) => h.proxy_command(),
            },
            problem: route.as_ref().err().cloned(),
            route: route.ok(),
            vault_files: &h.vault_files,
            vars: h
                .vars
                .iter()
                .map(|(k, v)| {
                    let value = match v {
                        Var::Value(v) => v.clone(),
                        Var::Vault => serde_json::json!({ "__ansible_vault": "(encrypted)" }),
                    };
                    (k.clone(), value)
                })
                .collect(),
        })
        .collect();
    let mut out = anstream::stdout().lock();
    if args.script {
        let plan = crate::audit::plan::plan(&inventory, set.checks.clone(), Some(&selected), false);
        for hp in &plan.hosts {
            writeln!(out, "# ---- {} ({}:{}) ----", hp.host.name, hp.host.address(), hp.host.port())?;
            if hp.probes.is_empty() {
                writeln!(out, "# no probe needs this host: its checks read inventory variables only")?;
            } else {
                let deadline = std::time::Duration::from_secs(config.audit.timeout.unwrap_or(60));
                write!(out, "{}", crate::probe::script::compile(&hp.probes, Some(deadline)))?;
            }
        }
        return Ok(Exit::Clean);
    }
    if args.json {
        super::output::write_json(&mut out, &rows)?;
    } else {
        let mut table = Table::new(vec!["HOST", "ADDRESS", "USER", "VIA", "GROUPS", "CHECKS"]).max_width(4, 40);
        for r in &rows {
            let via = match (&r.connection, &r.jump) {
                (Connection::Ssh, Some(j)) => format!("ssh via {j}"),
                (Connection::Ssh, None) => "ssh".into(),
                (Connection::Local, _) => "local".into(),
                (Connection::Other(o), _) => format!("{o} (unsupported)"),
            };
            let groups: Vec<&str> = r.groups.iter().map(String::as_str).filter(|g| *g != "all").collect();
            table.rows.push(vec![
                Cell::new(r.name),
                Cell::new(format!("{}:{}", r.address, r.port)),
                Cell::new(r.user.clone().unwrap_or_else(|| "-".into())),
                Cell::new(via),
                Cell::new(groups.join(",")),
                Cell::new(format!("{} {}", r.checks.len(), r.checks.join(" "))),
            ]);
        }
        table.print(&mut out)?;
    }
    drop(out);
    let mut err = anstream::stderr();
    for warning in &inventory.warnings {
        output::warn("warning", warning)?;
    }
    for (check, hosts) in &selections {
        if hosts.is_empty() {
            output::warn("warning", crate::audit::plan::unmatched_message(check))?;
        }
    }
    writeln!(err, "{} of {} hosts from {}", rows.len(), inventory.hosts.len(), inventory.sources.join(", "))?;
    Ok(Exit::Clean)
}
