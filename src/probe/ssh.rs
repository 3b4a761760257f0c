//! The SSH transport: one russh connection per host, one exec of `sh -s` fed the probe script.
//!
//! Each host's [`Route`] is resolved before the run ([`route`]): the inventory's connection
//! variables and ssh arguments as Ansible passes them on ssh's command line, the rest from the
//! ssh config ([`ssh_config`](super::ssh_config)). A route may go through jump hosts
//! (`ProxyJump a,b`: a over TCP, b through a, the host through b, each with its own user, port
//! and keys) or start on a `ProxyCommand`'s stdin/stdout (its `%h %p %r %n` shell-quoted; the
//! command is killed when the host is done or times out).
//!
//! Host keys are checked strictly, with OpenSSH's semantics ([`known_hosts`](super::known_hosts)),
//! against the known_hosts files given (the user's and the system's, `--known-hosts FILE`, and
//! mb's own `.mb/known_hosts`): the host-key types already recorded for a host are asked for
//! first; an unknown key fails the host with its fingerprint; a key that differs from any
//! recorded one, whatever its type, fails it with the file and line of the recorded one; a
//! revoked key is refused; nothing is accepted unless `--accept-new-host-keys` says so (then
//! the key is recorded in mb's own file, never the user's), and only for a host with no key
//! recorded at all. Authentication tries the endpoint's identity files
//! (`ansible_ssh_private_key_file`, `IdentityFile`), the ssh-agent unless `IdentitiesOnly`,
//! then, only when it names no identity file, the default keys. Keys are decrypted once per
//! run, not per host.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use russh::client::{self, Handle};
use russh::keys::{HashAlg, PrivateKey, PrivateKeyWithHashAlg, PublicKey, PublicKeyOrCertificate};
use russh::{ChannelMsg, Disconnect};

use serde::Serialize;

use super::known_hosts::{self, KnownHosts, Verdict};
use super::ssh_config::{self, ConfigError, Proxy, Settings, SshConfig};
use super::{BoxFuture, Decoder, Facts, HostOutcome, HostStatus, Job, Transport};
use crate::inventory::Host;

/// How to reach hosts, shared by every connection of a run.
#[derive(Debug, Clone)]
pub struct SshOptions {
    /// Every host's route, resolved before the run ([`route`]), by inventory name.
    pub routes: HashMap<String, Result<Route, String>>,
    /// The known_hosts files' lines, read once per distinct list of files.
    pub trust: Arc<Trust>,
    /// With `--accept-new-host-keys`: where unknown keys are recorded (mb's own file).
    pub accept_new_into: Option<PathBuf>,
    pub connect_timeout: Duration,
    /// Whether `connect_timeout` is mb's default, which an ssh config's `ConnectTimeout`
    /// replaces (a flag or mb.toml wins over the config, as Ansible's `-o ConnectTimeout`).
    pub connect_timeout_is_default: bool,
    /// For everything a host does, connection included.
    pub timeout: Duration,
    /// Keys loaded (and decrypted) before the run, by the path they came from.
    pub keys: Vec<(PathBuf, Arc<PrivateKey>)>,
    /// The default keys (`~/.ssh/id_*`) among `keys`, tried when an endpoint names none.
    pub default_keys: Vec<PathBuf>,
}

/// known_hosts files read once per list of files (the ssh config may give a host its own).
#[derive(Debug, Default)]
pub struct Trust {
    read: Mutex<HashMap<Vec<PathBuf>, Arc<KnownHosts>>>,
}

impl Trust {
    /// The trusted keys of these files, read the first time they are asked for (with the
    /// warnings of that reading; none afterwards).
    pub fn get(&self, files: &[PathBuf]) -> (Arc<KnownHosts>, Vec<known_hosts::Warning>) {
        let mut read = match self.read.lock() {
            Ok(r) => r,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(known) = read.get(files) {
            return (known.clone(), Vec::new());
        }
        let (known, warnings) = KnownHosts::load(files);
        let known = Arc::new(known);
        read.insert(files.to_vec(), known.clone());
        (known, warnings)
    }
}

/// One SSH server on the way to a host (the host itself, or a jump host), as ssh would reach it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Endpoint {
    /// The name ssh is given (`ansible_host`, the inventory name, or a ProxyJump hop).
    pub name: String,
    /// Where it connects: the ssh config's `HostName`, else `name`.
    pub address: String,
    pub port: u16,
    pub user: String,
    /// Whether the user came from the inventory, a flag, mb.toml or the ssh config (not the
    /// local user's name).
    #[serde(skip)]
    pub user_set: bool,
    /// The keys tried first, in order (`ansible_ssh_private_key_file`, then `IdentityFile`s).
    pub identity_files: Vec<PathBuf>,
    /// `IdentitiesOnly yes`: no agent keys.
    pub identities_only: bool,
    /// The known_hosts files its key is checked against.
    pub known_hosts: Vec<PathBuf>,
}

/// How to reach a host: through these jump hosts in order, or over a ProxyCommand's stdio
/// (which reaches the first jump host, or the host when there is none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Route {
    pub target: Endpoint,
    pub jumps: Vec<Endpoint>,
    /// The command, its tokens replaced by shell-quoted values.
    pub proxy_command: Option<String>,
    /// The `ProxyJump` as written (`a,b`), for display.
    pub jump_spec: Option<String>,
    #[serde(skip)]
    pub connect_timeout: Option<Duration>,
}

/// What routes are resolved from besides the inventory.
#[derive(Debug, Clone, Default)]
pub struct RouteContext {
    pub config: SshConfig,
    /// The user for hosts whose inventory names none (`-u`, mb.toml), over the ssh config's.
    pub user: Option<String>,
    /// ssh's last resort for the user, and `%u`.
    pub local_user: String,
    pub home: Option<PathBuf>,
    /// mb.toml's `known_hosts`: these files instead of the user's and the system's.
    pub fixed_known_hosts: Option<Vec<PathBuf>>,
    /// Files trusted for every host besides (`--known-hosts`, mb's own).
    pub extra_known_hosts: Vec<PathBuf>,
}

/// Most hops a route may take (a ProxyJump loop in the config ends here).
const MAX_HOPS: usize = 8;

/// A host's route, as Ansible's ssh command line and OpenSSH's config combine: Ansible
/// passes `ansible_port`, the private key file and `ansible_user` as `-o` options, then the
/// ssh arguments, then `ansible_host` as the host; whatever those leave unset comes from the
/// ssh config, first value winning.
pub fn route(host: &Host, cx: &RouteContext) -> Result<Route, String> {
    if let Some(problem) = host.reach_problem() {
        return Err(problem);
    }
    let mut preset = Settings { port: host.port_set(), ..Settings::default() };
    if let Some(key) = host.key_file() {
        preset.identity_files.push(key.display().to_string());
    }
    preset.user = host.user().or_else(|| cx.user.clone());
    if let Ok(jump) = host.var_text("mb_jump_host") {
        preset.proxy = Some(Proxy::Jump(jump));
    }
    let arguments = host.ssh_arguments().map_err(|e| format!("its ssh arguments: {e}"))?;
    command_line(&arguments, &mut preset).map_err(|e| format!("its ssh arguments: {e}"))?;
    resolve(&host.address(), preset, cx, 0)
}

/// The options of an ssh command line (`-o`, `-J`, `-i`, `-l`, `-p`) into `preset`.
fn command_line(words: &[String], preset: &mut Settings) -> Result<(), ConfigError> {
    // ssh's options that take a value, so that value is not read as an option.
    const WITH_VALUE: &str = "BbcDEeFIiJLlmOopQRSWw";
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        i += 1;
        let Some(flags) = w.strip_prefix('-') else { continue };
        for (at, flag) in flags.char_indices() {
            if !WITH_VALUE.contains(flag) {
                continue;
            }
            let inline = &flags[at + flag.len_utf8()..];
            let value = if inline.is_empty() {
                i += 1;
                words.get(i - 1).cloned().unwrap_or_default()
            } else {
                inline.to_string()
            };
            let one = |k: &str| -> (String, Vec<String>, String) { (k.into(), vec![value.clone()], value.clone()) };
            let (key, args, raw) = match flag {
                'o' => match ssh_config::split_line(&value).map_err(ConfigError)? {
                    Some(option) => option,
                    None => break,
                },
                'J' => one("proxyjump"),
                'i' => one("identityfile"),
                'l' => one("user"),
                'p' => one("port"),
                _ => break,
            };
            preset.apply(&key, &args, &raw)?;
            break;
        }
    }
    Ok(())
}

/// The route to `name` given `preset` (options that win over the config).
fn resolve(name: &str, preset: Settings, cx: &RouteContext, depth: usize) -> Result<Route, String> {
    if depth > MAX_HOPS {
        return Err(format!("more than {MAX_HOPS} jump hosts on the way to {name} (a ProxyJump loop?)"));
    }
    let s = cx.config.query(name, preset, &cx.local_user);
    let address = match &s.hostname {
        // ssh lower-cases the name it connects to.
        Some(h) => ssh_config::expand(h, &[('h', name)]).map_err(|e| e.0)?.to_ascii_lowercase(),
        None => name.to_string(),
    };
    let port = s.port.unwrap_or(22);
    let user = s.user.clone().unwrap_or_else(|| cx.local_user.clone());
    let home = cx.home.as_ref().map(|h| h.display().to_string()).unwrap_or_default();
    let port_text = port.to_string();
    let tokens = [
        ('h', address.as_str()),
        ('p', port_text.as_str()),
        ('r', user.as_str()),
        ('n', name),
        ('u', cx.local_user.as_str()),
        ('d', home.as_str()),
    ];
    let path = |f: &String| -> Result<PathBuf, String> {
        Ok(ssh_config::expand_tilde(&ssh_config::expand(f, &tokens).map_err(|e| e.0)?, cx.home.as_deref()))
    };
    let identity_files = s.identity_files.iter().map(path).collect::<Result<Vec<_>, _>>()?;
    let files = |set: &Option<Vec<String>>, defaults: &[&str]| -> Result<Vec<PathBuf>, String> {
        match set {
            Some(list) if list.iter().any(|f| f.eq_ignore_ascii_case("none")) => Ok(Vec::new()),
            Some(list) => list.iter().map(path).collect(),
            None => Ok(defaults.iter().map(|d| ssh_config::expand_tilde(d, cx.home.as_deref())).collect()),
        }
    };
    let mut known_hosts = match &cx.fixed_known_hosts {
        Some(fixed) => fixed.clone(),
        None => {
            let mut list = files(&s.user_known_hosts, &["~/.ssh/known_hosts", "~/.ssh/known_hosts2"])?;
            list.extend(files(&s.global_known_hosts, &["/etc/ssh/ssh_known_hosts", "/etc/ssh/ssh_known_hosts2"])?);
            list
        }
    };
    known_hosts.extend(cx.extra_known_hosts.iter().cloned());
    let target = Endpoint {
        name: name.to_string(),
        address,
        port,
        user,
        user_set: s.user.is_some(),
        identity_files,
        identities_only: s.identities_only.unwrap_or(false),
        known_hosts,
    };
    let connect_timeout = s.connect_timeout.flatten().map(Duration::from_secs);
    let direct = |target| Route { target, jumps: Vec::new(), proxy_command: None, jump_spec: None, connect_timeout };
    match s.proxy {
        None => Ok(direct(target)),
        Some(Proxy::Jump(spec) | Proxy::Command(spec)) if spec.eq_ignore_ascii_case("none") => Ok(direct(target)),
        Some(Proxy::Command(command)) => {
            let quoted: Vec<(char, String)> =
                [('h', &target.address), ('p', &port_text), ('r', &target.user), ('n', &target.name)]
                    .into_iter()
                    .map(|(t, v)| (t, shell_quote(v)))
                    .collect();
            let tokens: Vec<(char, &str)> = quoted.iter().map(|(t, v)| (*t, v.as_str())).collect();
            let command = ssh_config::expand(&command, &tokens).map_err(|e| format!("ProxyCommand {}", e.0))?;
            Ok(Route { proxy_command: Some(command), ..direct(target) })
        }
        Some(Proxy::Jump(spec)) => {
            // `ProxyJump a,b`: ssh runs `ssh -J a -W host:port b`, so b's own settings come
            // from its spec and the config, and the rest of the list reaches it.
            let hops: Vec<&str> = spec.split(',').collect();
            let (last, before) = hops.split_last().ok_or_else(|| format!("ProxyJump `{spec}` names no host"))?;
            let hop = ssh_config::parse_hop(last).map_err(|e| e.0)?;
            let mut jump_preset = Settings { user: hop.user, port: hop.port, ..Settings::default() };
            if !before.is_empty() {
                jump_preset.proxy = Some(Proxy::Jump(before.join(",")));
            }
            let via = resolve(&hop.host, jump_preset, cx, depth + 1)?;
            let mut jumps = via.jumps;
            jumps.push(via.target);
            Ok(Route { target, jumps, proxy_command: via.proxy_command, jump_spec: Some(spec), connect_timeout })
        }
    }
}

/// A value for a shell command line: as is when it is made of safe characters, else in single
/// quotes (an address from an inventory is outside data; it never becomes shell syntax). Also
/// the folder `mb decisions` suggests reading.
pub(crate) fn shell_quote(value: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "@%+=:,./_-".contains(c);
    if !value.is_empty() && value.chars().all(safe) {
        value.to_string()
    } else {
        format!("'{}'", value.replace('\'', "'\\''"))
    }
}

/// Why a private key could not be used.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("{path}: encrypted; set MB_SSH_PASSPHRASE or run on a terminal to be asked")]
    NoPassphrase { path: String },
    #[error("{path}: cannot decrypt: {message}")]
    Decrypt { path: String, message: String },
    #[error("{path}: cannot load: {message}")]
    Load { path: String, message: String },
}

/// Loads a private key; when it is encrypted, `passphrase` is asked for the passphrase (it
/// may remember one answer for every key of the run).
pub fn load_key(path: &Path, passphrase: &mut dyn FnMut(&Path) -> Option<String>) -> Result<PrivateKey, KeyError> {
    let shown = path.display().to_string();
    match russh::keys::load_secret_key(path, None) {
        Ok(key) => Ok(key),
        Err(russh::keys::Error::KeyIsEncrypted) => {
            let Some(pass) = passphrase(path) else {
                return Err(KeyError::NoPassphrase { path: shown });
            };
            russh::keys::load_secret_key(path, Some(&pass))
                .map_err(|e| KeyError::Decrypt { path: shown, message: e.to_string() })
        }
        Err(e) => Err(KeyError::Load { path: shown, message: e.to_string() }),
    }
}

/// The SSH transport: every host reached with the run's options.
#[derive(Debug, Clone)]
pub struct Ssh {
    pub options: Arc<SshOptions>,
}

impl Transport for Ssh {
    fn keeps_reads(&self) -> bool {
        true
    }

    fn gather(&self, job: Job) -> BoxFuture<HostOutcome> {
        let options = self.options.clone();
        Box::pin(async move {
            // A template mb cannot render, a bad port, a bad ssh config value: never dial a guess.
            let route = match options.routes.get(&job.host.name) {
                Some(Ok(route)) => route.clone(),
                Some(Err(problem)) => return HostOutcome::failed(HostStatus::Error, problem.clone(), Duration::ZERO),
                None => {
                    let why = format!("no route to {} was resolved before the run", job.host.name);
                    return HostOutcome::failed(HostStatus::Error, why, Duration::ZERO);
                }
            };
            let script = super::script::compile(&job.probes, Some(options.timeout));
            run(&route, &script, Decoder::new(&job.probes, &job.reads), options).await
        })
    }
}

/// Why the connection failed, as the handler saw it.
type Problem = Arc<Mutex<Option<(HostStatus, String)>>>;

struct Client {
    host: String,
    port: u16,
    trusted: Arc<KnownHosts>,
    accept_new_into: Option<PathBuf>,
    problem: Problem,
}

impl client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(&mut self, key: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        match verify_host_key(&self.host, self.port, key, &self.trusted, self.accept_new_into.as_deref()) {
            Ok(()) => Ok(true),
            Err((status, message)) => {
                self.record(status, message);
                Ok(false)
            }
        }
    }
}

impl Client {
    fn record(&self, status: HostStatus, message: String) {
        if let Ok(mut slot) = self.problem.lock() {
            slot.get_or_insert((status, message));
        }
    }
}

/// The known_hosts verdict for a presented key or certificate.
fn verify_host_key(
    host: &str,
    port: u16,
    presented: &PublicKeyOrCertificate,
    trusted: &KnownHosts,
    accept_new_into: Option<&Path>,
) -> Result<(), (HostStatus, String)> {
    let shown = known_hosts::lookup_name(host, port);
    let (verdict, key) = match presented {
        PublicKeyOrCertificate::PublicKey { key, .. } => (trusted.check_key(host, port, key), key.clone()),
        PublicKeyOrCertificate::Certificate(cert) => {
            let now =
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
            let key = PublicKey::new(cert.public_key().clone(), "");
            (trusted.check_certificate(host, port, cert, now), key)
        }
    };
    let fingerprint = key.fingerprint(HashAlg::Sha256);
    match verdict {
        Verdict::Trusted => Ok(()),
        Verdict::Revoked(place) => Err((
            HostStatus::HostKeyMismatch,
            format!(
                "the host key of {shown} is revoked: it presented {} {fingerprint}, which {place} marks @revoked; mb never accepts it",
                key.algorithm()
            ),
        )),
        Verdict::Changed(place) => Err((
            HostStatus::HostKeyMismatch,
            format!(
                "the host key of {shown} changed: it presented {} {fingerprint}, but {place} records another. If the host was reinstalled, remove that line (ssh-keygen -R '{shown}' -f {}); otherwise someone may be intercepting the connection",
                key.algorithm(),
                place.file.display()
            ),
        )),
        Verdict::BadCertificate(why) => Err((HostStatus::HostKeyMismatch, format!("{shown}: {why}"))),
        Verdict::Unknown => match accept_new_into {
            Some(file) => learn(&shown, &key, file),
            None => Err((
                HostStatus::HostKeyUnknown,
                format!(
                    "the host key of {shown} is not known: it presented {} {fingerprint}. Check the fingerprint out of band, then add it with `ssh-keyscan -p {port} {host} >> ~/.ssh/known_hosts`, or rerun with --accept-new-host-keys to record it in mb's own known_hosts",
                    key.algorithm()
                ),
            )),
        },
    }
}

/// Appends a first-seen key to mb's own known_hosts.
fn learn(shown: &str, key: &PublicKey, file: &Path) -> Result<(), (HostStatus, String)> {
    use std::io::Write as _;
    // Hosts answer concurrently; one writer at a time keeps the file's lines whole.
    static LEARNING: Mutex<()> = Mutex::new(());
    let _one_at_a_time = LEARNING.lock();
    let fail =
        |e: String| (HostStatus::Error, format!("cannot record the host key of {shown} in {}: {e}", file.display()));
    let text = PublicKey::new(key.key_data().clone(), "").to_openssh().map_err(|e| fail(e.to_string()))?;
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| fail(e.to_string()))?;
    }
    let mut out = std::fs::OpenOptions::new().create(true).append(true).open(file).map_err(|e| fail(e.to_string()))?;
    let ends_open = std::fs::read(file).map(|b| !b.is_empty() && !b.ends_with(b"\n")).unwrap_or(false);
    let line = format!("{}{shown} {text}\n", if ends_open { "\n" } else { "" });
    out.write_all(line.as_bytes()).map_err(|e| fail(e.to_string()))
}

/// The connection settings for one host: the host-key types known_hosts records for it first.
fn config(options: &SshOptions, trusted: &KnownHosts, host: &str, port: u16) -> Arc<client::Config> {
    let (key, authority) = trusted.preferred_algorithms(host, port, &known_hosts::default_algorithms());
    let preferred = russh::Preferred {
        host_key_certificates: if authority { key.clone().into() } else { Vec::new().into() },
        key: key.into(),
        ..russh::Preferred::default()
    };
    Arc::new(client::Config {
        preferred,
        inactivity_timeout: Some(options.timeout),
        keepalive_interval: Some(Duration::from_secs(15)),
        keepalive_max: 3,
        nodelay: true,
        ..client::Config::default()
    })
}

/// Audits one host: connects, authenticates, runs the script, parses its answer.
async fn run(route: &Route, script: &str, decoder: Decoder<'_>, options: Arc<SshOptions>) -> HostOutcome {
    let started = Instant::now();
    let timeout = options.timeout;
    // A ProxyCommand lives as long as this future: dropped (done or timed out), it is killed.
    let result = tokio::time::timeout(timeout, connect_and_exec(route, script, decoder, options)).await;
    let elapsed = started.elapsed();
    match result {
        Err(_) => HostOutcome::failed(
            HostStatus::Timeout,
            format!("no answer within {}s (connection, authentication and script together)", timeout.as_secs()),
            elapsed,
        ),
        Ok(Err((status, message))) => HostOutcome::failed(status, message, elapsed),
        Ok(Ok(facts)) => HostOutcome::answered(facts, elapsed),
    }
}

type Failure = (HostStatus, String);

/// The handshake's deadline: mb's, or the ssh config's `ConnectTimeout` when mb was given none.
fn connect_timeout(route: &Route, options: &SshOptions) -> Duration {
    match route.connect_timeout {
        Some(t) if options.connect_timeout_is_default => t,
        _ => options.connect_timeout,
    }
}

async fn connect_and_exec(
    route: &Route,
    script: &str,
    decoder: Decoder<'_>,
    options: Arc<SshOptions>,
) -> Result<Facts, Failure> {
    let deadline = connect_timeout(route, &options);
    // Every endpoint in order: the first reached over TCP or the ProxyCommand, each next one
    // through a direct-tcpip channel of the one before. Earlier connections stay open (held
    // here) while later ones ride on them.
    let mut chain: Vec<&Endpoint> = route.jumps.iter().collect();
    chain.push(&route.target);
    let mut held: Vec<Handle<Client>> = Vec::new();
    let mut _proxy: Option<tokio::process::Child> = None;
    for (i, endpoint) in chain.iter().enumerate() {
        let is_target = i + 1 == chain.len();
        let label = |m: String| if is_target { m } else { format!("jump host {}: {m}", endpoint.name) };
        let mut handle = match held.last() {
            None => match &route.proxy_command {
                Some(command) => {
                    let (child, stream) = spawn_proxy(command)?;
                    _proxy = Some(child);
                    connect_over(stream, endpoint, deadline, &options)
                        .await
                        .map_err(|(s, m)| (s, label(format!("{m} (over ProxyCommand `{command}`)"))))?
                }
                None => connect_direct(endpoint, deadline, &options).await.map_err(|(s, m)| (s, label(m)))?,
            },
            Some(previous) => {
                let channel = previous
                    .channel_open_direct_tcpip(endpoint.address.clone(), u32::from(endpoint.port), "127.0.0.1", 0)
                    .await
                    .map_err(|e| {
                        let via = &chain[i - 1].name;
                        (
                            HostStatus::Unreachable,
                            format!("jump host {via} cannot reach {}:{}: {e}", endpoint.address, endpoint.port),
                        )
                    })?;
                connect_over(channel.into_stream(), endpoint, deadline, &options)
                    .await
                    .map_err(|(s, m)| (s, label(m)))?
            }
        };
        authenticate(&mut handle, endpoint, &options).await.map_err(|(s, m)| (s, label(m)))?;
        held.push(handle);
    }
    let handle = held.pop().ok_or((HostStatus::Error, "no connection".to_string()))?;
    let facts = exec(&handle, script, decoder).await?;
    let _ = handle.disconnect(Disconnect::ByApplication, "", "en").await;
    Ok(facts)
}

type ProxyStream = tokio::io::Join<tokio::process::ChildStdout, tokio::process::ChildStdin>;

/// Starts a ProxyCommand (`exec`ed by `sh -c`, as ssh does) whose stdio carries the SSH
/// connection. The child is killed when it is dropped.
fn spawn_proxy(command: &str) -> Result<(tokio::process::Child, ProxyStream), Failure> {
    let mut child = tokio::process::Command::new("/bin/sh")
        .arg("-c")
        .arg(format!("exec {command}"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| (HostStatus::Unreachable, format!("cannot run ProxyCommand `{command}`: {e}")))?;
    let (Some(stdout), Some(stdin)) = (child.stdout.take(), child.stdin.take()) else {
        return Err((HostStatus::Error, format!("ProxyCommand `{command}`: no stdio")));
    };
    Ok((child, tokio::io::join(stdout, stdin)))
}

async fn connect_direct(
    endpoint: &Endpoint,
    deadline: Duration,
    options: &Arc<SshOptions>,
) -> Result<Handle<Client>, Failure> {
    let (host, port) = (endpoint.address.as_str(), endpoint.port);
    let tcp = tokio::time::timeout(deadline, tokio::net::TcpStream::connect((host, port)))
        .await
        .map_err(|_| {
            (HostStatus::Timeout, format!("no TCP connection to {host}:{port} within {}s", deadline.as_secs()))
        })?
        .map_err(|e| (HostStatus::Unreachable, format!("cannot connect to {host}:{port}: {e}")))?;
    let _ = tcp.set_nodelay(true);
    connect_over(tcp, endpoint, deadline, options).await
}

async fn connect_over<S>(
    stream: S,
    endpoint: &Endpoint,
    deadline: Duration,
    options: &Arc<SshOptions>,
) -> Result<Handle<Client>, Failure>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let (host, port) = (endpoint.address.as_str(), endpoint.port);
    let (trusted, _) = options.trust.get(&endpoint.known_hosts);
    let problem: Problem = Arc::new(Mutex::new(None));
    let client = Client {
        host: host.to_string(),
        port,
        trusted: trusted.clone(),
        accept_new_into: options.accept_new_into.clone(),
        problem: problem.clone(),
    };
    let handshake = client::connect_stream(config(options, &trusted, host, port), stream, client);
    match tokio::time::timeout(deadline, handshake).await {
        Err(_) => Err((
            HostStatus::Timeout,
            format!(
                "{host}:{port} accepted the connection but did not complete the SSH handshake within {}s",
                deadline.as_secs()
            ),
        )),
        Ok(Ok(handle)) => Ok(handle),
        Ok(Err(e)) => {
            let recorded = problem.lock().ok().and_then(|mut p| p.take());
            Err(recorded
                .unwrap_or_else(|| (HostStatus::Error, format!("SSH handshake with {host}:{port} failed: {e}"))))
        }
    }
}

/// Tries the endpoint's identity files, the agent (unless `IdentitiesOnly`), then, when it
/// names no identity file, the default keys (ssh adds `~/.ssh/id_*` only then).
async fn authenticate(handle: &mut Handle<Client>, endpoint: &Endpoint, options: &SshOptions) -> Result<(), Failure> {
    let (user, host) = (endpoint.user.as_str(), endpoint.address.as_str());
    let mut tried: Vec<String> = Vec::new();
    let mut rsa_hash = RsaHash::default();
    let by_path = |path: &Path| options.keys.iter().find(|(p, _)| p == path).map(|(_, k)| k.clone());
    let mut keys: Vec<(String, Arc<PrivateKey>)> = Vec::new();
    for path in &endpoint.identity_files {
        match by_path(path) {
            Some(key) => keys.push((path.display().to_string(), key)),
            None => tried.push(format!("{} (not loaded)", path.display())),
        }
    }
    for (path, key) in try_keys(handle, user, &keys, &mut rsa_hash).await? {
        if key {
            return Ok(());
        }
        tried.push(path);
    }
    if !endpoint.identities_only && std::env::var_os("SSH_AUTH_SOCK").is_some() {
        match russh::keys::agent::client::AgentClient::connect_env().await {
            Ok(mut agent) => {
                let identities = agent.request_identities().await.unwrap_or_default();
                for identity in identities {
                    let russh::keys::agent::AgentIdentity::PublicKey { key, comment } = identity else {
                        continue;
                    };
                    let hash = if key.algorithm().is_rsa() { rsa_hash.get(handle).await } else { None };
                    match handle.authenticate_publickey_with(user, key, hash, &mut agent).await {
                        Ok(r) if r.success() => return Ok(()),
                        _ => tried.push(format!("agent key {comment}")),
                    }
                }
            }
            Err(e) => tried.push(format!("ssh-agent ({e})")),
        }
    }
    let defaults: Vec<(String, Arc<PrivateKey>)> = options
        .default_keys
        .iter()
        .filter(|_| endpoint.identity_files.is_empty())
        .filter_map(|p| by_path(p).map(|k| (p.display().to_string(), k)))
        .collect();
    for (path, ok) in try_keys(handle, user, &defaults, &mut rsa_hash).await? {
        if ok {
            return Ok(());
        }
        tried.push(path);
    }
    Err((
        HostStatus::AuthFailed,
        if tried.is_empty() {
            format!(
                "no key to authenticate {user}@{host} with: set ansible_ssh_private_key_file, load a key into ssh-agent, or create ~/.ssh/id_ed25519"
            )
        } else {
            format!("{user}@{host} refused every key (tried {})", tried.join(", "))
        },
    ))
}

/// The hash the server wants RSA signatures made with, asked for the first time an RSA key is
/// tried: asking waits for the server's EXT_INFO, up to a second from a server that sends none,
/// which an Ed25519 or ECDSA key never needs.
#[derive(Default)]
struct RsaHash(Option<Option<HashAlg>>);

impl RsaHash {
    async fn get(&mut self, handle: &Handle<Client>) -> Option<HashAlg> {
        if self.0.is_none() {
            self.0 = Some(handle.best_supported_rsa_hash().await.ok().flatten().flatten());
        }
        self.0.flatten()
    }
}

async fn try_keys(
    handle: &mut Handle<Client>,
    user: &str,
    keys: &[(String, Arc<PrivateKey>)],
    rsa_hash: &mut RsaHash,
) -> Result<Vec<(String, bool)>, Failure> {
    let mut out = Vec::new();
    for (path, key) in keys {
        let hash = if key.algorithm().is_rsa() { rsa_hash.get(handle).await } else { None };
        let result = handle
            .authenticate_publickey(user, PrivateKeyWithHashAlg::new(key.clone(), hash))
            .await
            .map_err(|e| (HostStatus::Error, format!("authentication as {user} failed: {e}")))?;
        let ok = result.success();
        out.push((path.clone(), ok));
        if ok {
            break;
        }
    }
    Ok(out)
}

/// Runs `sh -s` with the script on its standard input and decodes its standard output as it
/// comes.
async fn exec(handle: &Handle<Client>, script: &str, mut decoder: Decoder<'_>) -> Result<Facts, Failure> {
    let err = |e: russh::Error| (HostStatus::Error, format!("running the probe script failed: {e}"));
    let mut channel = handle.channel_open_session().await.map_err(err)?;
    channel.exec(true, "sh -s").await.map_err(err)?;
    channel.data(script.as_bytes()).await.map_err(err)?;
    channel.eof().await.map_err(err)?;
    let mut status = None;
    let mut any = false;
    while let Some(msg) = channel.wait().await {
        match msg {
            ChannelMsg::Data { data } => {
                any |= !data.is_empty();
                if let Err(too_much) = decoder.feed(&data) {
                    let _ = channel.close().await;
                    return Err((HostStatus::Error, too_much));
                }
            }
            ChannelMsg::ExitStatus { exit_status } => status = Some(exit_status),
            ChannelMsg::Close => break,
            _ => {}
        }
    }
    match status {
        // 126/127: no `sh` on the host; the probe answers would be empty.
        Some(126 | 127) if !any => Err((HostStatus::Error, "the host has no usable `sh`".into())),
        _ => Ok(decoder.finish()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_line_options_as_ssh_reads_them() {
        let words: Vec<String> =
            ["-C", "-o", "ProxyJump=ops@bastion:2222", "-oUser=a", "-p", "2200", "-J", "ignored", "-i", "k"]
                .map(String::from)
                .to_vec();
        let mut s = Settings::default();
        command_line(&words, &mut s).unwrap();
        assert_eq!(s.proxy, Some(Proxy::Jump("ops@bastion:2222".into())));
        assert_eq!((s.user.as_deref(), s.port), (Some("a"), Some(2200)));
        assert_eq!(s.identity_files, ["k"]);
    }

    #[test]
    fn values_are_quoted_for_the_shell() {
        assert_eq!(shell_quote("127.0.0.1"), "127.0.0.1");
        assert_eq!(shell_quote("a b;rm"), "'a b;rm'");
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
    }
}
