//! The SSH transport: one russh connection per host, one exec of `sh -s` fed the probe script.
//!
//! Host keys are checked strictly, with OpenSSH's semantics ([`known_hosts`](super::known_hosts)),
//! against the known_hosts files given (the user's and the system's, `--known-hosts FILE`, and
//! mb's own `.mb/known_hosts`): the host-key types already recorded for a host are asked for
//! first; an unknown key fails the host with its fingerprint; a key that differs from any
//! recorded one, whatever its type, fails it with the file and line of the recorded one; a
//! revoked key is refused; nothing is accepted unless `--accept-new-host-keys` says so (then
//! the key is recorded in mb's own file, never the user's), and only for a host with no key
//! recorded at all. Authentication tries the host's
//! key file, the ssh-agent, then the default keys. Keys are decrypted once per run, not per
//! host.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use russh::client::{self, Handle};
use russh::keys::{HashAlg, PrivateKey, PrivateKeyWithHashAlg, PublicKey, PublicKeyOrCertificate};
use russh::{ChannelMsg, Disconnect};

use super::known_hosts::{self, KnownHosts, Verdict};
use super::{BoxFuture, HostOutcome, HostStatus, Job, OUTPUT_CAP, ProbeKey, Transport};

/// How to reach hosts, shared by every connection of a run.
#[derive(Debug, Clone)]
pub struct SshOptions {
    /// Files of trusted keys, in order (named in messages).
    pub known_hosts: Vec<PathBuf>,
    /// Their lines, read once for the run.
    pub trusted: Arc<KnownHosts>,
    /// With `--accept-new-host-keys`: where unknown keys are recorded (mb's own file).
    pub accept_new_into: Option<PathBuf>,
    pub connect_timeout: Duration,
    /// For everything a host does, connection included.
    pub timeout: Duration,
    /// The user when the inventory names none.
    pub default_user: String,
    /// Keys loaded (and decrypted) before the run, by the path they came from.
    pub keys: Vec<(PathBuf, Arc<PrivateKey>)>,
    /// The default keys (`~/.ssh/id_*`) among `keys`, tried after the agent.
    pub default_keys: Vec<PathBuf>,
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
    fn gather(&self, job: Job) -> BoxFuture<HostOutcome> {
        let options = self.options.clone();
        Box::pin(async move {
            // A template mb cannot render, a bad port or a ProxyCommand: never dial a guess.
            if let Some(problem) = job.host.reach_problem() {
                return HostOutcome::failed(HostStatus::Error, problem, Duration::ZERO);
            }
            let target = Target {
                address: job.host.address(),
                port: job.host.port(),
                user: job.host.user(),
                key_file: job.host.key_file(),
                jump: job.host.jump_host(),
            };
            let script = super::script::compile(&job.probes);
            run(&target, &script, &job.probes, options).await
        })
    }
}

/// One host to reach.
#[derive(Debug, Clone)]
pub struct Target {
    pub address: String,
    pub port: u16,
    pub user: Option<String>,
    pub key_file: Option<PathBuf>,
    /// `[user@]host[:port]`.
    pub jump: Option<String>,
}

/// Why the connection failed, as the handler saw it.
type Problem = Arc<Mutex<Option<(HostStatus, String)>>>;

struct Client {
    host: String,
    port: u16,
    options: Arc<SshOptions>,
    problem: Problem,
}

impl client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(&mut self, key: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        match verify_host_key(&self.host, self.port, key, &self.options) {
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
    options: &SshOptions,
) -> Result<(), (HostStatus, String)> {
    let shown = known_hosts::lookup_name(host, port);
    let (verdict, key) = match presented {
        PublicKeyOrCertificate::PublicKey { key, .. } => (options.trusted.check_key(host, port, key), key.clone()),
        PublicKeyOrCertificate::Certificate(cert) => {
            let now =
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
            let key = PublicKey::new(cert.public_key().clone(), "");
            (options.trusted.check_certificate(host, port, cert, now), key)
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
        Verdict::Unknown => match &options.accept_new_into {
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
fn config(options: &SshOptions, host: &str, port: u16) -> Arc<client::Config> {
    let (key, authority) = options.trusted.preferred_algorithms(host, port, &known_hosts::default_algorithms());
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
async fn run(target: &Target, script: &str, probes: &[ProbeKey], options: Arc<SshOptions>) -> HostOutcome {
    let started = Instant::now();
    let timeout = options.timeout;
    let result = tokio::time::timeout(timeout, connect_and_exec(target, script, options)).await;
    let elapsed = started.elapsed();
    match result {
        Err(_) => HostOutcome::failed(
            HostStatus::Timeout,
            format!("no answer within {}s (connection, authentication and script together)", timeout.as_secs()),
            elapsed,
        ),
        Ok(Err((status, message))) => HostOutcome::failed(status, message, elapsed),
        Ok(Ok(output)) => HostOutcome::answered(&output, probes, elapsed),
    }
}

type Failure = (HostStatus, String);

async fn connect_and_exec(target: &Target, script: &str, options: Arc<SshOptions>) -> Result<Vec<u8>, Failure> {
    let user = target.user.clone().unwrap_or_else(|| options.default_user.clone());
    // Keep the jump connection alive for as long as the target's rides on it.
    let mut _jump: Option<Handle<Client>> = None;
    let mut handle = match &target.jump {
        None => connect_direct(&target.address, target.port, &options).await?,
        Some(jump) => {
            let (jump_user, jump_host, jump_port) = parse_jump(jump, &user);
            let mut jump_handle = connect_direct(&jump_host, jump_port, &options)
                .await
                .map_err(|(s, m)| (s, format!("jump host {jump_host}: {m}")))?;
            authenticate(&mut jump_handle, &jump_user, &jump_host, target.key_file.as_deref(), &options)
                .await
                .map_err(|(s, m)| (s, format!("jump host {jump_host}: {m}")))?;
            let channel = jump_handle
                .channel_open_direct_tcpip(target.address.clone(), u32::from(target.port), "127.0.0.1", 0)
                .await
                .map_err(|e| {
                    (
                        HostStatus::Unreachable,
                        format!("jump host {jump_host} cannot reach {}:{}: {e}", target.address, target.port),
                    )
                })?;
            let handle = connect_over(channel.into_stream(), &target.address, target.port, &options).await?;
            _jump = Some(jump_handle);
            handle
        }
    };
    authenticate(&mut handle, &user, &target.address, target.key_file.as_deref(), &options).await?;
    let output = exec(&handle, script).await?;
    let _ = handle.disconnect(Disconnect::ByApplication, "", "en").await;
    Ok(output)
}

/// `[user@]host[:port]` → (user, host, port).
fn parse_jump(jump: &str, default_user: &str) -> (String, String, u16) {
    let (user, rest) = match jump.split_once('@') {
        Some((u, r)) => (u.to_string(), r),
        None => (default_user.to_string(), jump),
    };
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) if p.parse::<u16>().is_ok() && !h.is_empty() => {
            (h.trim_matches(['[', ']']).to_string(), p.parse().unwrap_or(22))
        }
        _ => (rest.to_string(), 22),
    };
    (user, host, port)
}

async fn connect_direct(host: &str, port: u16, options: &Arc<SshOptions>) -> Result<Handle<Client>, Failure> {
    let tcp = tokio::time::timeout(options.connect_timeout, tokio::net::TcpStream::connect((host, port)))
        .await
        .map_err(|_| {
            (
                HostStatus::Timeout,
                format!("no TCP connection to {host}:{port} within {}s", options.connect_timeout.as_secs()),
            )
        })?
        .map_err(|e| (HostStatus::Unreachable, format!("cannot connect to {host}:{port}: {e}")))?;
    let _ = tcp.set_nodelay(true);
    connect_over(tcp, host, port, options).await
}

async fn connect_over<S>(stream: S, host: &str, port: u16, options: &Arc<SshOptions>) -> Result<Handle<Client>, Failure>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let problem: Problem = Arc::new(Mutex::new(None));
    let client = Client { host: host.to_string(), port, options: options.clone(), problem: problem.clone() };
    let handshake = client::connect_stream(config(options, host, port), stream, client);
    match tokio::time::timeout(options.connect_timeout, handshake).await {
        Err(_) => Err((
            HostStatus::Timeout,
            format!(
                "{host}:{port} accepted the connection but did not complete the SSH handshake within {}s",
                options.connect_timeout.as_secs()
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

/// Tries the host's key file, the agent, then the default keys.
async fn authenticate(
    handle: &mut Handle<Client>,
    user: &str,
    host: &str,
    key_file: Option<&Path>,
    options: &SshOptions,
) -> Result<(), Failure> {
    let mut tried: Vec<String> = Vec::new();
    let rsa_hash = handle.best_supported_rsa_hash().await.ok().flatten().flatten();
    let by_path = |path: &Path| options.keys.iter().find(|(p, _)| p == path).map(|(_, k)| k.clone());
    let mut keys: Vec<(String, Arc<PrivateKey>)> = Vec::new();
    if let Some(path) = key_file {
        match by_path(path) {
            Some(key) => keys.push((path.display().to_string(), key)),
            None => tried.push(format!("{} (not loaded)", path.display())),
        }
    }
    for (path, key) in try_keys(handle, user, &keys, rsa_hash).await? {
        if key {
            return Ok(());
        }
        tried.push(path);
    }
    if std::env::var_os("SSH_AUTH_SOCK").is_some() {
        match russh::keys::agent::client::AgentClient::connect_env().await {
            Ok(mut agent) => {
                let identities = agent.request_identities().await.unwrap_or_default();
                for identity in identities {
                    let russh::keys::agent::AgentIdentity::PublicKey { key, comment } = identity else {
                        continue;
                    };
                    let hash = if key.algorithm().is_rsa() { rsa_hash } else { None };
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
        .filter(|p| Some(p.as_path()) != key_file)
        .filter_map(|p| by_path(p).map(|k| (p.display().to_string(), k)))
        .collect();
    for (path, ok) in try_keys(handle, user, &defaults, rsa_hash).await? {
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

async fn try_keys(
    handle: &mut Handle<Client>,
    user: &str,
    keys: &[(String, Arc<PrivateKey>)],
    rsa_hash: Option<HashAlg>,
) -> Result<Vec<(String, bool)>, Failure> {
    let mut out = Vec::new();
    for (path, key) in keys {
        let hash = if key.algorithm().is_rsa() { rsa_hash } else { None };
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

/// Runs `sh -s` with the script on its standard input and collects standard output.
async fn exec(handle: &Handle<Client>, script: &str) -> Result<Vec<u8>, Failure> {
    let err = |e: russh::Error| (HostStatus::Error, format!("running the probe script failed: {e}"));
    let mut channel = handle.channel_open_session().await.map_err(err)?;
    channel.exec(true, "sh -s").await.map_err(err)?;
    channel.data(script.as_bytes()).await.map_err(err)?;
    channel.eof().await.map_err(err)?;
    let mut output = Vec::new();
    let mut status = None;
    while let Some(msg) = channel.wait().await {
        match msg {
            ChannelMsg::Data { data } => {
                output.extend_from_slice(&data);
                if output.len() > OUTPUT_CAP {
                    let _ = channel.close().await;
                    return Err((
                        HostStatus::Error,
                        format!("the host printed more than {} MiB; stopped reading", OUTPUT_CAP >> 20),
                    ));
                }
            }
            ChannelMsg::ExitStatus { exit_status } => status = Some(exit_status),
            ChannelMsg::Close => break,
            _ => {}
        }
    }
    match status {
        // 126/127: no `sh` on the host; the probe answers would be empty.
        Some(126 | 127) if output.is_empty() => Err((HostStatus::Error, "the host has no usable `sh`".into())),
        _ => Ok(output),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jump_host_forms() {
        assert_eq!(parse_jump("bastion", "root"), ("root".into(), "bastion".into(), 22));
        assert_eq!(parse_jump("ops@bastion:2222", "root"), ("ops".into(), "bastion".into(), 2222));
        assert_eq!(parse_jump("[::1]:2200", "me"), ("me".into(), "::1".into(), 2200));
    }
}
