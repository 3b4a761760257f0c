//! The Proxmox VE API transport: HTTPS GETs on `/api2/json/…`, asked once per cluster and
//! path however many nodes' checks read the answer.
//!
//! One HTTP client serves the whole run (connections are reused). TLS is always verified, per
//! cluster: against the system's roots, a CA file, or a pinned SHA-256 fingerprint of the
//! server's certificate (the usual self-signed Proxmox case, in the `AA:BB:…` form `pvenode
//! cert info` prints). The only way around it is an explicit per-cluster `insecure`, which
//! every report states. Requests authenticate with an API token, `Authorization:
//! PVEAPIToken=USER@REALM!TOKENID=SECRET`; the secret is read from an environment variable or
//! a file and is never printed, logged, put in a message or saved. 5xx answers and timeouts
//! are retried a bounded number of times with backoff; nothing else is.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};

use super::{Fact, OUTPUT_CAP};

/// How many times a 5xx answer or a timeout is tried again.
const RETRIES: u32 = 2;

/// The first wait before a retry; each further one doubles it.
const BACKOFF: Duration = Duration::from_millis(200);

/// What a cluster's certificate is checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trust {
    /// The system's trusted roots.
    System,
    /// The CAs in a PEM file.
    CaFile(PathBuf),
    /// Exactly this certificate: the SHA-256 of its DER bytes.
    Fingerprint([u8; 32]),
    /// Not checked at all: an explicit, per-cluster opt-out that reports show.
    Insecure,
}

/// A secret that never shows itself: `Debug` prints `[secret]`.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn new(text: String) -> Secret {
        Secret(text)
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[secret]")
    }
}

/// One cluster's API: where it answers and how mb is trusted and trusts it.
#[derive(Debug, Clone)]
pub struct Cluster {
    pub name: String,
    /// `host:port` (port 8006 by default), or `[v6]:port`.
    pub address: String,
    /// The token, `USER@REALM!TOKENID=SECRET`, or why there is none.
    pub token: Result<(String, Secret), String>,
    pub trust: Trust,
}

impl Cluster {
    /// The host part of the address, as TLS sees the server's name.
    #[cfg(test)]
    fn host(&self) -> &str {
        let a = self.address.as_str();
        if let Some(rest) = a.strip_prefix('[') {
            return rest.split(']').next().unwrap_or(rest);
        }
        a.rsplit_once(':').map_or(a, |(h, _)| h)
    }
}

/// Why the API transport could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("cluster `{cluster}`: the CA file {path}: {message}")]
    CaFile { cluster: String, path: String, message: String },
    #[error("the HTTPS client: {0}")]
    Client(String),
}

impl std::fmt::Debug for Api {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let clusters: Vec<&Cluster> = self.clusters.values().map(|(c, _)| c).collect();
        f.debug_struct("Api").field("clusters", &clusters).field("clients", &self.clients.len()).finish()
    }
}

/// The API transport of one run: one HTTP client per distinct trust (clusters that trust the
/// same thing share one, and its connections), each cluster with its client.
pub struct Api {
    clients: Vec<reqwest::Client>,
    clusters: HashMap<String, (Cluster, usize)>,
}

impl Api {
    /// The clients for `clusters`, with `timeout` for each request (connection included).
    pub fn new(clusters: Vec<Cluster>, connect_timeout: Duration, timeout: Duration) -> Result<Api, ApiError> {
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let mut trusts: Vec<Trust> = Vec::new();
        let mut clients = Vec::new();
        let mut by_name = HashMap::new();
        for cluster in clusters {
            let index = match trusts.iter().position(|t| *t == cluster.trust) {
                Some(i) => i,
                None => {
                    let verifier: Arc<dyn ServerCertVerifier> = match &cluster.trust {
                        Trust::System => Arc::new(
                            rustls_platform_verifier::Verifier::new(provider.clone())
                                .map_err(|e| ApiError::Client(e.to_string()))?,
                        ),
                        Trust::CaFile(path) => ca_verifier(&cluster, path, &provider)?,
                        Trust::Fingerprint(sha) => Arc::new(Pinned { sha256: Some(*sha), provider: provider.clone() }),
                        Trust::Insecure => Arc::new(Pinned { sha256: None, provider: provider.clone() }),
                    };
                    clients.push(client(verifier, provider.clone(), connect_timeout, timeout)?);
                    trusts.push(cluster.trust.clone());
                    trusts.len() - 1
                }
            };
            by_name.insert(cluster.name.clone(), (cluster, index));
        }
        Ok(Api { clients, clusters: by_name })
    }

    /// `GET /api2/json{path}` on `cluster`: the answer as a fact. A transport failure (no
    /// connection, a timeout, a certificate that does not match) is a missing fact saying why.
    pub async fn get(&self, cluster: &str, path: &str) -> Fact {
        let Some((c, client)) = self.clusters.get(cluster) else {
            return Fact::Missing { reason: format!("no API is configured for cluster `{cluster}` (see mb_pve_api)") };
        };
        let client = &self.clients[*client];
        let (token_id, secret) = match &c.token {
            Ok(token) => token,
            Err(why) => return Fact::Missing { reason: why.clone() },
        };
        if !path.starts_with('/') || path.contains("..") || path.contains(['?', '#', ' ']) {
            return Fact::Missing { reason: format!("`{path}` is not an API path (it starts with `/`)") };
        }
        let url = format!("https://{}/api2/json{path}", c.address);
        let mut auth = match reqwest::header::HeaderValue::from_str(&format!("PVEAPIToken={token_id}={}", secret.0)) {
            Ok(value) => value,
            Err(_) => return Fact::Missing { reason: "the API token holds characters a header cannot".into() },
        };
        auth.set_sensitive(true);
        let mut wait = BACKOFF;
        let mut attempt = 0;
        loop {
            let answer = client.get(&url).header(reqwest::header::AUTHORIZATION, auth.clone()).send().await;
            let retry = match &answer {
                Ok(response) => response.status().is_server_error(),
                Err(e) => e.is_timeout(),
            };
            if retry && attempt < RETRIES {
                attempt += 1;
                tokio::time::sleep(wait).await;
                wait *= 2;
                continue;
            }
            return match answer {
                Ok(response) => read(response).await,
                Err(e) => Fact::Missing { reason: describe(&e, c) },
            };
        }
    }
}

/// The response's status and body, the body capped like any host's answer.
async fn read(mut response: reqwest::Response) -> Fact {
    let status = response.status().as_u16();
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > OUTPUT_CAP {
                    return Fact::Missing {
                        reason: format!("the API answered more than {} MiB; stopped reading", OUTPUT_CAP >> 20),
                    };
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return Fact::Response { status, body },
            Err(e) => return Fact::Missing { reason: format!("the API's answer was cut short: {}", cause(&e)) },
        }
    }
}

/// A transport error in words, without the URL's secret-free but noisy details.
fn describe(e: &reqwest::Error, c: &Cluster) -> String {
    if e.is_timeout() {
        return format!("the API at {} did not answer in time", c.address);
    }
    format!("cannot reach the API at {}: {}", c.address, cause(e))
}

/// The innermost cause of an error (where rustls and the OS say what went wrong).
fn cause(e: &dyn std::error::Error) -> String {
    let mut last = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        last = s.to_string();
        source = s.source();
    }
    last
}

/// A certificate's SHA-256 in the `AA:BB:…` form Proxmox prints.
pub fn fingerprint(der: &[u8]) -> String {
    sha256(der).iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(":")
}

fn sha256(bytes: &[u8]) -> [u8; 32] {
    use sha2::Digest as _;
    sha2::Sha256::digest(bytes).into()
}

/// Parses `AA:BB:…` (or plain hex, any case) into the 32 bytes of a SHA-256.
pub fn parse_fingerprint(text: &str) -> Option<[u8; 32]> {
    let hex: String = text.chars().filter(|c| *c != ':').collect();
    if hex.len() != 64 || !hex.is_ascii() {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

fn ca_verifier(
    cluster: &Cluster,
    path: &PathBuf,
    provider: &Arc<rustls::crypto::CryptoProvider>,
) -> Result<Arc<dyn ServerCertVerifier>, ApiError> {
    use rustls::pki_types::pem::PemObject as _;
    let err =
        |message: String| ApiError::CaFile { cluster: cluster.name.clone(), path: path.display().to_string(), message };
    let mut roots = rustls::RootCertStore::empty();
    let certs = CertificateDer::pem_file_iter(path).map_err(|e| err(e.to_string()))?;
    for cert in certs {
        roots.add(cert.map_err(|e| err(e.to_string()))?).map_err(|e| err(e.to_string()))?;
    }
    if roots.is_empty() {
        return Err(err("holds no certificate".into()));
    }
    rustls::client::WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
        .build()
        .map(|v| v as Arc<dyn ServerCertVerifier>)
        .map_err(|e| err(e.to_string()))
}

/// An HTTPS client that checks servers with `verifier`.
fn client(
    verifier: Arc<dyn ServerCertVerifier>,
    provider: Arc<rustls::crypto::CryptoProvider>,
    connect_timeout: Duration,
    timeout: Duration,
) -> Result<reqwest::Client, ApiError> {
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| ApiError::Client(e.to_string()))?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .connect_timeout(connect_timeout)
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .build()
        .map_err(|e| ApiError::Client(e.to_string()))
}

/// Exactly one certificate, by its SHA-256 (`Some`), or — the explicit per-cluster opt-out —
/// any certificate (`None`). Either way the handshake's signatures are verified against the
/// key the certificate shows, so the session is with the holder of that key.
#[derive(Debug)]
struct Pinned {
    sha256: Option<[u8; 32]>,
    provider: Arc<rustls::crypto::CryptoProvider>,
}

impl ServerCertVerifier for Pinned {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self.sha256 {
            Some(pin) if sha256(end_entity.as_ref()) != pin => Err(rustls::Error::General(format!(
                "the certificate's SHA-256 fingerprint {} is not the pinned one (mb_pve_fingerprint)",
                fingerprint(end_entity.as_ref())
            ))),
            _ => Ok(ServerCertVerified::assertion()),
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_read_as_proxmox_prints_them() {
        let text = "AA:bb:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD";
        let sha = parse_fingerprint(text).unwrap();
        assert_eq!(sha[0], 0xAA);
        assert_eq!(sha[1], 0xBB);
        assert!(parse_fingerprint("AA:BB").is_none());
        assert!(parse_fingerprint(&"zz".repeat(32)).is_none());
        assert_eq!(fingerprint(b"").len(), 32 * 3 - 1);
    }

    #[test]
    fn secrets_do_not_show_in_debug() {
        let c = Cluster {
            name: "c".into(),
            address: "pve:8006".into(),
            token: Ok(("root@pam!mb".into(), Secret::new("s3cr3t".into()))),
            trust: Trust::System,
        };
        assert!(!format!("{c:?}").contains("s3cr3t"));
        assert_eq!(c.host(), "pve");
        let v6 = Cluster { address: "[::1]:8006".into(), ..c };
        assert_eq!(v6.host(), "::1");
    }
}
