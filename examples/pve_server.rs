//! A stand-in for a Proxmox VE API, for mb's tests and the audit benchmark (Proxmox cannot run
//! here). It serves the real paths (`/api2/json/...`) over HTTPS with a self-signed
//! certificate made at start, answers with bodies shaped like Proxmox's (`{"data": ...}`),
//! checks the `Authorization: PVEAPIToken=...` header, and logs every request it answers.
//!
//!     pve_server SCENARIO.json
//!
//! The scenario: `{"token": "USER@REALM!ID=SECRET", "log": "requests.log", "routes":
//! {"/cluster/firewall/rules": {"status": 200, "data": [...], "delay_ms": 0, "fail_first": 0}}}`.
//! A route's `fail_first: N` answers 500 to its first N requests; `delay_ms` holds each answer
//! back. Unknown paths are 404. On start it prints one line of JSON, `{"port": P,
//! "fingerprint": "AA:BB:..."}`, then serves until killed.
#![allow(clippy::print_stdout, clippy::print_stderr)] // a harness reports on its own terminal

use std::collections::HashMap;
use std::io::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Deserialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[derive(Deserialize)]
struct Scenario {
    token: String,
    log: Option<String>,
    #[serde(default)]
    routes: HashMap<String, Route>,
}

#[derive(Deserialize)]
struct Route {
    #[serde(default = "ok")]
    status: u16,
    #[serde(default)]
    data: serde_json::Value,
    #[serde(default)]
    delay_ms: u64,
    #[serde(default)]
    fail_first: usize,
    #[serde(skip)]
    served: AtomicUsize,
}

fn ok() -> u16 {
    200
}

struct State {
    scenario: Scenario,
    log: Mutex<Option<std::fs::File>>,
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: pve_server SCENARIO.json");
    let text = std::fs::read_to_string(&path).expect("the scenario file reads");
    let scenario: Scenario = serde_json::from_str(&text).expect("the scenario is valid JSON");
    let log = scenario.log.as_ref().map(|p| std::fs::File::create(p).expect("the log file opens"));
    let state = Arc::new(State { scenario, log: Mutex::new(log) });

    let cert = rcgen::generate_simple_self_signed(vec!["127.0.0.1".into(), "localhost".into()]).expect("a certificate");
    let der = cert.cert.der().clone();
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(cert.signing_key.serialize_der().into());
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::aws_lc_rs::default_provider()))
        .with_safe_default_protocol_versions()
        .expect("TLS versions")
        .with_no_client_auth()
        .with_single_cert(vec![der.clone()], key)
        .expect("the certificate and key fit");
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));

    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind on loopback");
        let port = listener.local_addr().expect("an address").port();
        println!("{}", serde_json::json!({"port": port, "fingerprint": mb::probe::api::fingerprint(&der)}));
        let _ = std::io::stdout().flush();
        loop {
            let Ok((socket, _)) = listener.accept().await else { continue };
            let (acceptor, state) = (acceptor.clone(), state.clone());
            tokio::spawn(async move {
                if let Ok(stream) = acceptor.accept(socket).await {
                    let _ = serve(stream, state).await;
                }
            });
        }
    });
}

/// Answers the requests of one connection (HTTP/1.1 keep-alive) until the client closes it.
async fn serve<S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin>(
    mut stream: S,
    state: Arc<State>,
) -> std::io::Result<()> {
    let mut buffer = Vec::new();
    loop {
        let end = loop {
            if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break at + 4;
            }
            let mut chunk = [0u8; 4096];
            let n = stream.read(&mut chunk).await?;
            if n == 0 || buffer.len() > 64 << 10 {
                return Ok(());
            }
            buffer.extend_from_slice(&chunk[..n]);
        };
        let head = String::from_utf8_lossy(&buffer[..end]).into_owned();
        buffer.drain(..end);
        let mut lines = head.lines();
        let request = lines.next().unwrap_or("");
        let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
        let auth = lines
            .filter_map(|l| l.split_once(':'))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case("authorization"))
            .map(|(_, v)| v.trim().to_string());
        let (status, body) = answer(&state, &path, auth.as_deref()).await;
        if let Some(log) = state.log.lock().expect("the log lock").as_mut() {
            let _ = writeln!(log, "{status} {path}");
        }
        let reason = match status {
            200 => "OK",
            401 => "authentication failure",
            403 => "Permission check failed",
            404 => "Not Found",
            _ => "Internal Server Error",
        };
        let response = format!(
            "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json;charset=UTF-8\r\nContent-Length: {}\r\nConnection: keep-alive\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(response.as_bytes()).await?;
        stream.flush().await?;
    }
}

async fn answer(state: &State, path: &str, auth: Option<&str>) -> (u16, String) {
    let expected = format!("PVEAPIToken={}", state.scenario.token);
    if auth != Some(expected.as_str()) {
        return (401, r#"{"data":null}"#.into());
    }
    let Some(route) = path.strip_prefix("/api2/json").and_then(|p| state.scenario.routes.get(p)) else {
        return (404, r#"{"data":null}"#.into());
    };
    if route.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(route.delay_ms)).await;
    }
    if route.served.fetch_add(1, Ordering::SeqCst) < route.fail_first {
        return (500, r#"{"data":null}"#.into());
    }
    match route.status {
        200 => (200, serde_json::json!({ "data": route.data }).to_string()),
        403 => (403, r#"{"data":null}"#.into()),
        status => (status, r#"{"data":null}"#.into()),
    }
}
