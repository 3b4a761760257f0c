//! `mb audit`: are the hosts (and the repo) still as we decided?

use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, bail};

use super::output;
use super::{Context, Exit};
use crate::audit::run::{self, Run};
use crate::audit::{self, FindingStatus, Reach};
use crate::config::Config;
use crate::inventory::{HostPattern, Inventory};
use crate::probe::ssh::SshOptions;
use crate::{kb, rules};

/// Audit hosts against the rules: are they still as we decided?
///
/// mb reads the rule files, resolves the Ansible inventory, and for every host builds one
/// read-only POSIX sh script that gathers exactly the facts its checks need. All hosts are
/// audited at once over SSH (one connection and one exec each), then every check is judged
/// and the findings are reported with the rule and the decision they enforce.
///
/// Host keys are checked strictly against ~/.ssh/known_hosts (and --known-hosts files): an
/// unknown or changed key fails that host and shows the fingerprint. A host that cannot be
/// audited never stops the run. Every run is saved in .mb/runs, with the facts gathered, for
/// `mb audit --replay`, `mb diff` and `mb runs`.
///
/// Exit status: 0 no drift and every host audited; 1 drift found; 2 invalid input or mb
/// failed; 3 no drift found, but some host (or check) could not be audited.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  mb audit                                   every host of the inventory in mb.toml
  mb audit -i ansible/inventory -l samba     one group
  mb audit -l 'proxmox:!zd3' -j 100          a pattern, 100 hosts at once
  mb audit --format json > report.json       the JSON report (contract: book/src/audit.md)
  mb audit --replay latest                   today's rules on the last run's facts
  mb audit --replay ansible/recorded-run.json
  mb audit --repo                            also the repository's own files (scope: repo)
  mb audit --record                          and write the findings into memory-bank/activeContext.md
  mb audit --accept-new-host-keys            trust first-seen host keys (recorded in .mb/known_hosts)

Passphrases of encrypted keys are read from MB_SSH_PASSPHRASE, or asked once on a terminal.")]
pub struct Args {
    /// The Ansible inventory: an INI or YAML file, or a folder of them (default: `inventory`
    /// in mb.toml).
    #[arg(short = 'i', long, value_name = "PATH")]
    inventory: Option<PathBuf>,

    /// Only hosts matching this Ansible pattern (`samba`, `zd*`, `proxmox:!zd3`).
    #[arg(short = 'l', long, value_name = "PATTERN")]
    limit: Option<String>,

    /// How many hosts to audit at once.
    #[arg(short = 'j', long, value_name = "N")]
    jobs: Option<usize>,

    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// Judge the facts of a saved run (an id from `mb runs`, `latest`, or a run file) with
    /// today's rules instead of contacting hosts.
    #[arg(long, value_name = "RUN", conflicts_with_all = ["local", "accept_new_host_keys"])]
    replay: Option<String>,

    /// Run every host's script on this machine instead of over SSH.
    #[arg(long)]
    local: bool,

    /// Also judge `scope: repo` checks against the repository's own files.
    #[arg(long)]
    repo: bool,

    /// More files of trusted host keys (besides ~/.ssh/known_hosts and .mb/known_hosts).
    #[arg(long = "known-hosts", value_name = "FILE")]
    known_hosts: Vec<PathBuf>,

    /// Trust host keys seen for the first time, recording them in .mb/known_hosts. A changed
    /// key is still refused.
    #[arg(long)]
    accept_new_host_keys: bool,

    /// The SSH user for hosts whose inventory names none (default: `user` in mb.toml, then
    /// $USER).
    #[arg(short = 'u', long, value_name = "USER")]
    user: Option<String>,

    /// Seconds to wait for a connection and its SSH handshake.
    #[arg(long, value_name = "SECS")]
    connect_timeout: Option<u64>,

    /// Seconds a host may take in all, connection included.
    #[arg(long, value_name = "SECS")]
    timeout: Option<u64>,

    /// Do not save the run in .mb/runs.
    #[arg(long)]
    no_save: bool,

    /// Record the run in the Memory Bank: a dated entry in activeContext.md (see `mb record`).
    #[arg(long, conflicts_with = "no_save")]
    record: bool,

    /// The Memory Bank whose decisions findings cite.
    #[arg(long, value_name = "DIR", default_value = "memory-bank")]
    memory_bank: PathBuf,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    Human,
    Json,
}

/// The inventory: `-i`, then mb.toml's `inventory`.
pub(super) fn inventory_path(cx: &Context, flag: Option<&PathBuf>, config: &Config) -> Option<PathBuf> {
    flag.cloned().or_else(|| config.inventory.clone()).map(|p| cx.resolve(Some(&p), ""))
}

pub fn run(cx: &Context, args: Args) -> anyhow::Result<Exit> {
    let config = Config::load(&cx.root)?;
    // Rules first: a run on broken rules would report nonsense.
    let mut set = rules::load(&cx.root, &rules::default_paths(&cx.root));
    if set.files.is_empty() {
        bail!("no rule files found (mb reads rules/**/*.md, .clinerules and .clinerules/**/*.md)");
    }
    let bank = cx.resolve(Some(&args.memory_bank), "memory-bank");
    if bank.exists() {
        set.link_decisions(&kb::load(&bank, &cx.root));
    }
    if set.errors() > 0 {
        output::print_diagnostics(&set.diagnostics, &set.sources)?;
        bail!("the rule files have errors; fix them (see `mb rules`) before auditing");
    }
    let replayed = match &args.replay {
        Some(which) => Some(run::find(&cx.root, which)?),
        None => None,
    };
    let inventory = match (inventory_path(cx, args.inventory.as_ref(), &config), &replayed) {
        (Some(path), _) => Inventory::load(&path).with_context(|| "reading the inventory")?,
        (None, Some(run)) => inventory_of_run(run),
        (None, None) => bail!("no inventory: pass -i PATH, or set `inventory = \"…\"` in mb.toml"),
    };
    for warning in &inventory.warnings {
        output::warn("warning", warning)?;
    }
    let limit = match &args.limit {
        Some(p) => Some(HostPattern::parse(p).map_err(|e| anyhow::anyhow!("--limit `{p}`: {}", e.message))?),
        None => None,
    };
    let only = limit.as_ref().map(|p| inventory.select(p));
    let plan = audit::plan::plan(&inventory, set.checks.clone(), only.as_deref());
    for &c in &plan.unmatched {
        output::warn("warning", audit::plan::unmatched_message(&plan.checks[c]))?;
    }
    if plan.hosts.is_empty() && !args.repo {
        bail!(
            "no host to audit: the checks' host patterns{} select none",
            if limit.is_some() { " and --limit" } else { "" }
        );
    }

    let (reach, mode) = match replayed {
        Some(run) => (Reach::Replay(Box::new(run)), "replay"),
        None => {
            let ssh = ssh_options(cx, &args, &config, &inventory)?;
            let jobs = args.jobs.or(config.audit.jobs).unwrap_or(50);
            let mode = if args.local { "local" } else { "ssh" };
            (Reach::Live { ssh: Arc::new(ssh), jobs, all_local: args.local }, mode)
        }
    };
    let replay_of = match &reach {
        Reach::Replay(run) => Some(run.run.clone()),
        _ => None,
    };

    // gather reports every host of the plan, contacted or not.
    let bar = progress_bar(plan.hosts.len() as u64);
    let results = audit::gather(&plan, &reach, &|result| {
        bar.set_message(result.name.clone());
        bar.inc(1);
    });
    bar.finish_and_clear();

    let mut findings = audit::evaluate_all(&plan, &results, replay_of.as_deref());
    if args.repo {
        findings.extend(audit::audit_repo(&cx.root, &plan.checks));
    }
    let mut record = Run::new(run::id_at(run::now()), mode, &plan, results, findings);
    record.replay_of = replay_of;
    let saved = if args.no_save {
        None
    } else {
        match run::save(&cx.root, &mut record) {
            Ok(path) => Some(path),
            Err(e) => {
                output::warn("warning", format_args!("the run was not saved: {e}"))?;
                None
            }
        }
    };
    let report = record.report();
    let mut out = anstream::stdout().lock();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &report).context("writing JSON")?;
            writeln!(out)?;
        }
        Format::Human => {
            crate::report::human(&report, &mut out)?;
            if let Some(path) = &saved {
                writeln!(
                    out,
                    "run {} saved in {}",
                    record.run,
                    crate::source::display_path(path.strip_prefix(&cx.root).unwrap_or(path))
                )?;
            }
        }
    }
    // Recorded after the report is out, so a refusal to write leaves the findings shown.
    if args.record {
        let target = super::record::Target { memory_bank: args.memory_bank.clone(), file: "activeContext.md".into() };
        let written =
            super::record::record(cx, &record, &set.checks, &target).context("recording the run in the Memory Bank")?;
        match args.format {
            Format::Json => super::record::report(cx, &record, &written, &mut anstream::stderr())?,
            Format::Human => super::record::report(cx, &record, &written, &mut out)?,
        }
    }
    Ok(exit_of(&record))
}

/// The exit code a run earns (a contract).
pub(super) fn exit_of(run: &Run) -> Exit {
    if run.summary.fail > 0 {
        Exit::Findings
    } else if run.incomplete_hosts().next().is_some()
        || run.findings.iter().any(|f| matches!(f.status, FindingStatus::Error | FindingStatus::Skip))
    {
        Exit::Incomplete
    } else {
        Exit::Clean
    }
}

/// Hosts as a saved run knew them, when no inventory is at hand.
fn inventory_of_run(run: &Run) -> Inventory {
    let mut inventory = Inventory::default();
    for h in &run.hosts {
        inventory.hosts.push(crate::inventory::Host {
            name: h.name.clone(),
            groups: h.groups.clone(),
            vars: h
                .vars
                .iter()
                .map(|(k, v)| (k.clone(), crate::inventory::Var::Value(serde_json::Value::String(v.clone()))))
                .collect(),
        });
        for g in &h.groups {
            inventory.groups.entry(g.clone()).or_default().hosts.push(h.name.clone());
        }
    }
    inventory
}

fn progress_bar(hosts: u64) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() || hosts == 0 {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(hosts);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} auditing {pos}/{len} hosts [{bar:30}] {elapsed} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// Known-hosts files, keys (decrypted once) and timeouts for this run.
fn ssh_options(cx: &Context, args: &Args, config: &Config, inventory: &Inventory) -> anyhow::Result<SshOptions> {
    let home = std::env::var("HOME").map(PathBuf::from).ok();
    let expand = |p: &PathBuf| -> PathBuf {
        match (p.strip_prefix("~"), &home) {
            (Ok(rest), Some(home)) => home.join(rest),
            _ => cx.resolve(Some(p), ""),
        }
    };
    let own = cx.root.join(".mb/known_hosts");
    let mut known_hosts: Vec<PathBuf> = match &config.audit.known_hosts {
        Some(list) => list.iter().map(expand).collect(),
        None => home.iter().map(|h| h.join(".ssh/known_hosts")).collect(),
    };
    known_hosts.extend(args.known_hosts.iter().map(expand));
    known_hosts.push(own.clone());
    let default_keys: Vec<PathBuf> = home
        .iter()
        .flat_map(|h| ["id_ed25519", "id_ecdsa", "id_rsa"].map(|k| h.join(".ssh").join(k)))
        .filter(|p| p.is_file())
        .collect();
    let mut wanted: Vec<PathBuf> = inventory.hosts.iter().filter_map(|h| h.key_file()).collect();
    wanted.extend(default_keys.iter().cloned());
    wanted.sort();
    wanted.dedup();
    let mut keys = Vec::new();
    let mut passphrase = std::env::var("MB_SSH_PASSPHRASE").ok();
    for path in wanted {
        match load_key(&path, &mut passphrase) {
            Ok(key) => keys.push((path, Arc::new(key))),
            Err(why) => output::warn("warning", format_args!("{}: {why}", path.display()))?,
        }
    }
    let user = args
        .user
        .clone()
        .or_else(|| config.audit.user.clone())
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "root".into());
    Ok(SshOptions {
        known_hosts,
        accept_new_into: args.accept_new_host_keys.then_some(own),
        connect_timeout: Duration::from_secs(args.connect_timeout.or(config.audit.connect_timeout).unwrap_or(10)),
        timeout: Duration::from_secs(args.timeout.or(config.audit.timeout).unwrap_or(60)),
        default_user: user,
        keys,
        default_keys,
    })
}

/// Loads a private key, asking for its passphrase once (from MB_SSH_PASSPHRASE or the
/// terminal) when it is encrypted.
fn load_key(path: &std::path::Path, passphrase: &mut Option<String>) -> Result<russh::keys::PrivateKey, String> {
    match russh::keys::load_secret_key(path, None) {
        Ok(key) => Ok(key),
        Err(russh::keys::Error::KeyIsEncrypted) => {
            if passphrase.is_none() && std::io::stdin().is_terminal() {
                *passphrase = rpassword::prompt_password(format!("passphrase for {}: ", path.display())).ok();
            }
            let Some(pass) = passphrase.as_deref() else {
                return Err("encrypted; set MB_SSH_PASSPHRASE or run on a terminal to be asked".into());
            };
            russh::keys::load_secret_key(path, Some(pass)).map_err(|e| format!("cannot decrypt: {e}"))
        }
        Err(e) => Err(format!("cannot load: {e}")),
    }
}
