//! `mb audit`: are the hosts (and the repo) still as we decided?
//!
//! This file only resolves flags, `mb.toml` and the environment into an [`audit::Request`]
//! and chooses the sinks; [`audit::execute`] does the audit.

use std::collections::HashMap;
use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, bail};

use super::output;
use super::{Context, Exit};
use crate::audit::run::{self, Run};
use crate::audit::shard::Shard;
use crate::audit::{self, AuditPlan, AuditSink, Finished, Reach, Request};
use crate::config::Config;
use crate::inventory::{HostPattern, Inventory};
use crate::probe::HostOutcome;
use crate::probe::repo::RepoFiles;
use crate::probe::ssh::{Route, RouteContext, SshOptions, Trust, route};
use crate::probe::ssh_config::SshConfig;
use crate::report::{Destination, Format, ReportSink};
use crate::{kb, record, rules};

/// Audit hosts against the rules: are they still as we decided?
///
/// mb reads the rule files, resolves the Ansible inventory, and for every host builds one
/// read-only POSIX sh script that gathers exactly the facts its checks need. All hosts are
/// audited at once over SSH (one connection and one exec each) and Proxmox clusters through
/// their API (each endpoint asked once per cluster), then every check is judged and the
/// findings are reported with the rule and the decision they enforce — in one format on
/// standard output (--format) and any others in files (--output).
///
/// Host keys are checked strictly against the known_hosts files: an unknown or changed key
/// fails that host and shows the fingerprint. A host that cannot be audited never stops the
/// run. Every run is saved in .mb/runs, with the facts gathered, for `mb audit --replay`,
/// `mb diff`, `mb runs`, `mb record`, `mb fix` and `mb merge`.
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
  mb audit --output sarif=drift.sarif --output junit=junit.xml
                                             also write other formats to files, in the same run
  mb audit --replay latest                   today's rules on the last run's facts
  mb audit --replay ansible/recorded-run.json
  mb audit --repo                            also the repository's own files (scope: repo)
  mb audit --record                          and write the findings into memory-bank/activeContext.md
  mb audit --accept-new-host-keys            trust first-seen host keys (recorded in .mb/known_hosts)
  mb audit --shard 2/4                       one part of four; mb merge joins the four runs

Passphrases of encrypted keys are read from MB_SSH_PASSPHRASE, or asked once on a terminal.")]
pub struct Args {
    /// The Ansible inventory: an INI or YAML file, or a folder of them (default: `inventory`
    /// in mb.toml).
    #[arg(short = 'i', long, value_name = "PATH")]
    inventory: Option<PathBuf>,

    /// Only hosts matching this Ansible pattern (`samba`, `zd*`, `proxmox:!zd3`).
    #[arg(short = 'l', long, value_name = "PATTERN")]
    limit: Option<String>,

    /// How many hosts to audit at once (1 to 10000).
    #[arg(short = 'j', long, value_name = "N", value_parser = super::output::bounded::<usize>(1, MAX_JOBS))]
    jobs: Option<usize>,

    /// The report on standard output: human, json, sarif, junit, markdown, github or html.
    #[arg(long, value_name = "FORMAT", default_value = "human", value_parser = parse_format)]
    format: Format,

    /// Also write the report in FORMAT to FILE (repeatable: one run, several formats). The
    /// file is replaced whole once the report is complete.
    #[arg(long = "output", short = 'o', value_name = "FORMAT=FILE", value_parser = parse_output)]
    outputs: Vec<(Format, PathBuf)>,

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

    /// The ssh config to read instead of ~/.ssh/config and /etc/ssh/ssh_config (`none`: no
    /// config), as `ssh -F` (default: `ssh_config` in mb.toml).
    #[arg(short = 'F', long = "ssh-config", value_name = "FILE")]
    ssh_config: Option<PathBuf>,

    /// The SSH user for hosts whose inventory names none (default: `user` in mb.toml, then
    /// $USER).
    #[arg(short = 'u', long, value_name = "USER")]
    user: Option<String>,

    /// Seconds to wait for a connection and its SSH handshake (1 to 86400).
    #[arg(long, value_name = "SECS", value_parser = super::output::bounded::<u64>(1, MAX_SECS))]
    connect_timeout: Option<u64>,

    /// Seconds a host may take in all, connection included (1 to 86400).
    #[arg(long, value_name = "SECS", value_parser = super::output::bounded::<u64>(1, MAX_SECS))]
    timeout: Option<u64>,

    /// Do not save the run in .mb/runs.
    #[arg(long)]
    no_save: bool,

    /// Audit only shard K of N (1-based): a stable part of the hosts, for running one audit as
    /// N parallel jobs whose runs `mb merge` joins. Also read from CI_NODE_INDEX and
    /// CI_NODE_TOTAL (GitLab `parallel:`), or JOB_COMPLETION_INDEX (0-based, a Kubernetes
    /// Indexed Job) with MB_SHARD_TOTAL.
    #[arg(long, value_name = "K/N")]
    shard: Option<String>,

    /// Record the run in the Memory Bank: a dated entry in activeContext.md (context.md in Kilo
    /// Code's bank; see `mb record`).
    #[arg(long, conflicts_with = "no_save")]
    record: bool,

    /// The Memory Bank whose decisions findings cite [default: memory-bank, else
    /// the first other agent's bank folder that exists: see `mb decisions --help`]
    #[arg(long, value_name = "DIR")]
    memory_bank: Option<PathBuf>,
}

pub(super) fn parse_format(name: &str) -> Result<Format, String> {
    Format::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        format!("unknown format `{name}` (one of: {})", names.join(", "))
    })
}

pub(super) fn parse_output(spec: &str) -> Result<(Format, PathBuf), String> {
    output_spec(spec, parse_format)
}

/// `FORMAT=FILE` of `--output`, the format read by `format` (each command knows its own).
pub(super) fn output_spec<F>(spec: &str, format: impl Fn(&str) -> Result<F, String>) -> Result<(F, PathBuf), String> {
    let (name, file) =
        spec.split_once('=').ok_or_else(|| format!("`{spec}`: write FORMAT=FILE, e.g. sarif=drift.sarif"))?;
    if file.is_empty() {
        return Err(format!("`{spec}`: no file after `=`"));
    }
    Ok((format(name)?, PathBuf::from(file)))
}

/// The most hosts audited at once: each holds a connection and a buffer.
const MAX_JOBS: u64 = 10_000;
/// The longest timeout, a day: a longer one is a typo that would hang an audit.
const MAX_SECS: u64 = 86_400;

/// The inventory: `-i`, then mb.toml's `inventory`.
pub(super) fn inventory_path(cx: &Context, flag: Option<&PathBuf>, config: &Config) -> Option<PathBuf> {
    flag.cloned().or_else(|| config.inventory.clone()).map(|p| cx.resolve(Some(&p), ""))
}

pub fn run(cx: &Context, args: Args) -> anyhow::Result<Exit> {
    let request = resolve(cx, &args)?;
    let mut progress = Progress::default();
    let mut warnings = Warnings;
    let mut stdout = ReportSink::new(args.format, Destination::Stdout);
    let mut files: Vec<ReportSink> = args
        .outputs
        .iter()
        .map(|(f, path)| ReportSink::new(*f, Destination::File(cx.resolve(Some(path), ""))))
        .collect();
    let run = {
        let mut sinks: Vec<Box<dyn AuditSink + '_>> = vec![Box::new(&mut progress), Box::new(&mut warnings)];
        sinks.push(Box::new(&mut stdout));
        sinks.extend(files.iter_mut().map(|s| Box::new(s) as Box<dyn AuditSink>));
        audit::execute(&request, &mut sinks)?
    };
    if let Some(root) = &request.save {
        run::prune(root, output::load_config(root)?.runs.keep());
    }
    for sink in std::iter::once(&mut stdout).chain(files.iter_mut()) {
        if let Some(e) = sink.error.take() {
            return Err(e).context(format!("writing the {} report", sink.format.name()));
        }
    }
    // Recorded after the report is out, so a refusal to write leaves the findings shown.
    if args.record {
        let bank = super::record::bank(cx, args.memory_bank.as_ref(), None);
        let written =
            record::record(&cx.root, &run, &request.checks, &bank).context("recording the run in the Memory Bank")?;
        match args.format {
            Format::Human => super::record::report(cx, &run, &written, &mut anstream::stdout().lock())?,
            _ => super::record::report(cx, &run, &written, &mut anstream::stderr())?,
        }
    }
    let exit = exit_of(&run);
    output::discard((run, request));
    Ok(exit)
}

/// Flags, mb.toml and the environment → the audit's request. Reads the rules, the Memory Bank
/// and the inventory, and loads SSH keys; contacts nothing.
fn resolve(cx: &Context, args: &Args) -> anyhow::Result<Request> {
    let config = output::load_config(&cx.root)?;
    // mb.toml's numbers get the bounds the flags have.
    let a = &config.audit;
    for (key, value, max) in [
        ("jobs", a.jobs.map(|j| j as u64), MAX_JOBS),
        ("timeout", a.timeout, MAX_SECS),
        ("connect_timeout", a.connect_timeout, MAX_SECS),
    ] {
        if let Some(v) = value.filter(|v| !(1..=max).contains(v)) {
            bail!("mb.toml: [audit] {key} = {v} is not between 1 and {max}");
        }
    }
    // A replayed run is read while the rules, the Memory Bank and the inventory are: a large
    // one takes seconds to parse.
    let replayed = args.replay.clone().map(|which| {
        let root = cx.root.clone();
        std::thread::spawn(move || run::find_part(&root, &which, run::Part::Facts))
    });
    // Rules first: a run on broken rules would report nonsense.
    let mut set = rules::load(&cx.root, &rules::default_paths(&cx.root));
    if set.files.is_empty() {
        bail!("no rule files found (mb reads rules/**/*.md, .clinerules and .clinerules/**/*.md)");
    }
    let bank = cx.memory_bank(args.memory_bank.as_ref());
    if kb::load::bank_exists(&cx.root, &bank) {
        let kb = kb::load(&bank, &cx.root);
        for why in &kb.warnings {
            output::warn("warning", why)?;
        }
        set.link_decisions(&kb);
    }
    if set.errors() > 0 {
        output::print_diagnostics(&set.diagnostics, &set.sources)?;
        bail!("the rule files have errors; fix them (see `mb rules`) before auditing");
    }
    // The inventory and the digests too, while a large replayed run may still be parsing.
    let inventory = inventory_path(cx, args.inventory.as_ref(), &config)
        .map(|path| output::load_inventory(&path).map(|inventory| (inventory.digest(), inventory)));
    let rules_digest = set.digest();
    let replayed = match replayed {
        Some(reading) => Some(reading.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))?),
        None => None,
    };
    let (inventory_digest, inventory) = match (inventory, &replayed) {
        (Some(inventory), _) => inventory?,
        (None, Some(run)) => {
            let inventory = run.inventory();
            (inventory.digest(), inventory)
        }
        (None, None) => bail!("no inventory: pass -i PATH, or set `inventory = \"…\"` in mb.toml"),
    };
    for warning in &inventory.warnings {
        output::warn("warning", warning)?;
    }
    let limit = match &args.limit {
        Some(p) => Some(HostPattern::parse(p).map_err(|e| anyhow::anyhow!("--limit `{p}`: {}", e.message))?),
        None => None,
    };
    let shard = match &args.shard {
        Some(spec) => Some(Shard::parse(spec)?),
        None => Shard::from_env(|name| std::env::var(name).ok().filter(|v| !v.is_empty())).transpose()?,
    };
    let reach = match replayed {
        Some(run) => Reach::Replay(crate::probe::replay::Replay::of(run)),
        None => Reach::Live {
            ssh: Arc::new(ssh_options(cx, args, &config, &inventory)?),
            all_local: args.local,
            api: if set.checks.iter().any(|c| matches!(c.probe.source, crate::rules::ProbeSource::Api(_))) {
                api_clusters(cx, args, &config, &inventory)?
            } else {
                None
            },
        },
    };
    Ok(Request {
        checks: set.checks,
        inventory,
        limit,
        reach,
        repo: args.repo.then(|| RepoFiles::WorkTree { root: cx.root.clone() }),
        jobs: args.jobs.or(config.audit.jobs).unwrap_or(50),
        save: (!args.no_save).then(|| cx.root.clone()),
        shard,
        provenance: crate::audit::run::Provenance {
            rules_digest,
            inventory_digest,
            mb_version: env!("CARGO_PKG_VERSION").to_string(),
            ..Default::default()
        },
    })
}

/// The exit code a run earns (a contract).
pub(super) fn exit_of(run: &Run) -> Exit {
    match run.verdict() {
        run::Verdict::Drift => Exit::Findings,
        run::Verdict::Incomplete => Exit::Incomplete,
        run::Verdict::Clean => Exit::Clean,
    }
}

/// Warnings on stderr as the audit meets them.
struct Warnings;

impl AuditSink for Warnings {
    fn warning(&mut self, message: &str) {
        let _ = output::warn("warning", message);
    }
}

/// The progress bar on stderr, when it is a terminal.
#[derive(Default)]
struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl AuditSink for Progress {
    fn planned(&mut self, plan: &AuditPlan) {
        let hosts = plan.hosts.len() as u64;
        if !std::io::stderr().is_terminal() || hosts == 0 {
            return;
        }
        let bar = indicatif::ProgressBar::new(hosts);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} auditing {pos}/{len} hosts [{bar:30}] {elapsed} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
        self.bar = Some(bar);
    }

    fn host_done(&mut self, host: &str, _outcome: &HostOutcome) {
        if let Some(bar) = &self.bar {
            bar.set_message(crate::probe::sanitize(host));
            bar.inc(1);
        }
    }

    fn finished(&mut self, _run: &Run, _done: &Finished<'_>) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

/// The Proxmox clusters the inventory names, each with its API address, token and trust, when
/// some check reads the API. A cluster is the hosts sharing `mb_pve_cluster` (or one host);
/// its first host in inventory order holds its settings, `[api]` in mb.toml the defaults.
fn api_clusters(
    cx: &Context,
    args: &Args,
    config: &Config,
    inventory: &Inventory,
) -> anyhow::Result<Option<Arc<crate::probe::api::Api>>> {
    use crate::probe::api::{Api, Cluster, Secret, Trust, parse_fingerprint};
    use crate::rules::source::api::cluster_of;
    let var = |h: &crate::inventory::Host, name: &str| h.var_text(name).ok().filter(|v| !v.is_empty());
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut secrets: std::collections::HashMap<String, Result<String, String>> = Default::default();
    for host in &inventory.hosts {
        let Ok(name) = cluster_of(host) else { continue };
        if clusters.iter().any(|c| c.name == name) {
            continue;
        }
        let port = config.api.port.unwrap_or(8006);
        let address = match var(host, "mb_pve_api") {
            Some(a) if a.contains(':') && !a.starts_with('[') && a.matches(':').count() > 1 => format!("[{a}]:{port}"),
            Some(a) if a.rsplit_once(':').is_some_and(|(_, p)| p.parse::<u16>().is_ok()) => a,
            Some(a) => format!("{a}:{port}"),
            None => {
                let h = host.address();
                if h.contains(':') { format!("[{h}]:{port}") } else { format!("{h}:{port}") }
            }
        };
        let token = match var(host, "mb_pve_token_id").or_else(|| config.api.token_id.clone()) {
            None => Err(format!(
                "no API token for cluster `{name}`: set mb_pve_token_id (USER@REALM!TOKENID) in the inventory or token_id in mb.toml's [api]"
            )),
            Some(id) => {
                let file =
                    var(host, "mb_pve_token_secret_file").map(PathBuf::from).or_else(|| config.api.secret_file.clone());
                let env = var(host, "mb_pve_token_secret_env")
                    .or_else(|| config.api.secret_env.clone())
                    .unwrap_or_else(|| "MB_PVE_TOKEN_SECRET".into());
                let source = match &file {
                    Some(f) => format!("file:{}", f.display()),
                    None => format!("env:{env}"),
                };
                let secret = secrets
                    .entry(source)
                    .or_insert_with(|| match &file {
                        Some(f) => std::fs::read_to_string(cx.resolve(Some(f), ""))
                            .map(|s| s.trim_end_matches(['\n', '\r']).to_string())
                            .map_err(|e| format!("the API token secret file {}: {e}", f.display())),
                        None => std::env::var(&env).map_err(|_| {
                            format!("the API token's secret is not set: export {env} (or name a file in mb_pve_token_secret_file)")
                        }),
                    })
                    .clone();
                secret.map(|s| (id, Secret::new(s)))
            }
        };
        let trust = if let Some(fp) = var(host, "mb_pve_fingerprint") {
            match parse_fingerprint(&fp) {
                Some(sha) => Trust::Fingerprint(sha),
                None => anyhow::bail!(
                    "host {}: mb_pve_fingerprint `{fp}` is not a SHA-256 fingerprint (AA:BB:… as `pvenode cert info` prints it)",
                    crate::probe::sanitize(&host.name)
                ),
            }
        } else if let Some(ca) = var(host, "mb_pve_ca_file").map(PathBuf::from).or_else(|| config.api.ca_file.clone()) {
            Trust::CaFile(cx.resolve(Some(&ca), ""))
        } else if var(host, "mb_pve_tls_insecure").is_some_and(|v| matches!(v.as_str(), "true" | "True" | "yes" | "1"))
        {
            output::warn(
                "warning",
                format_args!(
                    "cluster `{name}`: TLS certificates are NOT checked (mb_pve_tls_insecure); anyone on the path can answer for its API"
                ),
            )?;
            Trust::Insecure
        } else {
            Trust::System
        };
        clusters.push(Cluster { name, address, token, trust });
    }
    let connect = Duration::from_secs(args.connect_timeout.or(config.audit.connect_timeout).unwrap_or(10));
    let timeout = Duration::from_secs(args.timeout.or(config.audit.timeout).unwrap_or(60));
    Ok(Some(Arc::new(Api::new(clusters, connect, timeout)?)))
}

/// What routes are resolved from: the ssh config (`-F`, mb.toml's `ssh_config`, else the
/// user's and the system's), the user (`-u`, mb.toml's `user`), the known_hosts files.
pub(super) fn route_context(
    cx: &Context,
    config: &Config,
    ssh_config: Option<&PathBuf>,
    user: Option<&String>,
    known_hosts: &[PathBuf],
) -> anyhow::Result<RouteContext> {
    let home = std::env::var("HOME").map(PathBuf::from).ok();
    let expand = |p: &PathBuf| -> PathBuf {
        match (p.strip_prefix("~"), &home) {
            (Ok(rest), Some(home)) => home.join(rest),
            _ => cx.resolve(Some(p), ""),
        }
    };
    let files: Vec<PathBuf> = match ssh_config.or(config.audit.ssh_config.as_ref()) {
        Some(none) if none.as_os_str() == "none" => Vec::new(),
        Some(file) => {
            let file = expand(file);
            if !file.is_file() {
                bail!("ssh config {}: no such file", file.display());
            }
            vec![file]
        }
        None => {
            let mut files: Vec<PathBuf> = home.iter().map(|h| h.join(".ssh/config")).collect();
            files.push(PathBuf::from("/etc/ssh/ssh_config"));
            files
        }
    };
    let parsed = SshConfig::load(&files, home.as_deref()).map_err(|e| anyhow::anyhow!("ssh config {}", e.0))?;
    for warning in &parsed.warnings {
        output::warn("warning", warning)?;
    }
    let mut extra: Vec<PathBuf> = known_hosts.iter().map(expand).collect();
    extra.push(cx.root.join(".mb/known_hosts"));
    Ok(RouteContext {
        config: parsed,
        user: user.cloned().or_else(|| config.audit.user.clone()),
        local_user: std::env::var("USER").unwrap_or_else(|_| "root".into()),
        fixed_known_hosts: config.audit.known_hosts.as_ref().map(|list| list.iter().map(expand).collect()),
        extra_known_hosts: extra,
        home,
    })
}

/// Routes, known-hosts files, keys (decrypted once) and timeouts for this run.
fn ssh_options(cx: &Context, args: &Args, config: &Config, inventory: &Inventory) -> anyhow::Result<SshOptions> {
    let context = route_context(cx, config, args.ssh_config.as_ref(), args.user.as_ref(), &args.known_hosts)?;
    let routes: HashMap<String, Result<Route, String>> =
        inventory.hosts.iter().map(|h| (h.name.clone(), route(h, &context))).collect();
    let endpoints = || routes.values().flatten().flat_map(|r| r.jumps.iter().chain(std::iter::once(&r.target)));
    // Every list of known_hosts files read now, so its warnings are shown once, up front.
    let trust = Trust::default();
    let mut lists: Vec<&Vec<PathBuf>> = endpoints().map(|e| &e.known_hosts).collect();
    lists.sort();
    lists.dedup();
    let mut shown = std::collections::HashSet::new();
    for list in lists {
        for warning in trust.get(list).1 {
            if shown.insert(warning.to_string()) {
                output::warn("warning", warning)?;
            }
        }
    }
    let home = context.home.clone();
    let default_keys: Vec<PathBuf> = home
        .iter()
        .flat_map(|h| ["id_ed25519", "id_ecdsa", "id_rsa"].map(|k| h.join(".ssh").join(k)))
        .filter(|p| p.is_file())
        .collect();
    // The inventory's key files are loaded (a missing one is a warning); the ssh config's
    // when they exist, as ssh skips a missing IdentityFile.
    let mut wanted: Vec<PathBuf> = inventory.hosts.iter().filter_map(|h| h.key_file()).collect();
    wanted.extend(endpoints().flat_map(|e| e.identity_files.iter()).filter(|p| p.is_file()).cloned());
    wanted.extend(default_keys.iter().cloned());
    wanted.sort();
    wanted.dedup();
    // One passphrase for the run: MB_SSH_PASSPHRASE, or asked once on a terminal.
    let mut remembered = std::env::var("MB_SSH_PASSPHRASE").ok();
    let mut passphrase = |path: &std::path::Path| {
        if remembered.is_none() && std::io::stdin().is_terminal() {
            remembered = rpassword::prompt_password(format!("passphrase for {}: ", path.display())).ok();
        }
        remembered.clone()
    };
    let mut keys = Vec::new();
    for path in wanted {
        match crate::probe::ssh::load_key(&path, &mut passphrase) {
            Ok(key) => keys.push((path, Arc::new(key))),
            Err(why) => output::warn("warning", why)?,
        }
    }
    let connect_timeout = args.connect_timeout.or(config.audit.connect_timeout);
    Ok(SshOptions {
        routes,
        trust: Arc::new(trust),
        accept_new_into: args.accept_new_host_keys.then(|| cx.root.join(".mb/known_hosts")),
        connect_timeout: Duration::from_secs(connect_timeout.unwrap_or(10)),
        connect_timeout_is_default: connect_timeout.is_none(),
        timeout: Duration::from_secs(args.timeout.or(config.audit.timeout).unwrap_or(60)),
        keys,
        default_keys,
    })
}
