//! `api:` probes against a stand-in for the Proxmox VE API (`examples/pve_server.rs`: HTTPS on
//! loopback with a certificate made at start, Proxmox's paths, envelope and rule shapes, the
//! token checked), one scenario per way a cluster can be — and fail.

use std::io::BufRead as _;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};

use crate::common::{CommandOutput, TestEnvironment};

const TOKEN_ID: &str = "audit@pve!mb";
const SECRET: &str = "0b8e4e8a-5d1e-4c55-9bb4-secret-value";

/// The stand-in API, running until dropped.
pub(crate) struct Pve {
    child: Child,
    pub(crate) port: u16,
    fingerprint: String,
    log: PathBuf,
    /// Holds the scenario and the log for as long as the server runs.
    _dir: tempfile::TempDir,
}

impl Pve {
    pub(crate) fn start(routes: Value) -> Pve {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("requests.log");
        let scenario = dir.path().join("scenario.json");
        let body = json!({ "token": format!("{TOKEN_ID}={SECRET}"), "log": log, "routes": routes });
        std::fs::write(&scenario, body.to_string()).unwrap();
        // cargo test builds the examples beside the test binary: target/<profile>/examples.
        let exe = std::env::current_exe().unwrap();
        let server = exe.parent().unwrap().parent().unwrap().join("examples/pve_server");
        assert!(server.is_file(), "{} is built by cargo test", server.display());
        let mut child = Command::new(server).arg(&scenario).stdout(Stdio::piped()).spawn().unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let hello: Value = serde_json::from_str(&line).expect("the server says where it listens");
        Pve {
            child,
            port: hello["port"].as_u64().unwrap() as u16,
            fingerprint: hello["fingerprint"].as_str().unwrap().to_string(),
            log,
            _dir: dir,
        }
    }

    /// The requests answered: `(status, path)`.
    pub(crate) fn requests(&self) -> Vec<(u16, String)> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| l.split_once(' ').map(|(s, p)| (s.parse().unwrap(), p.to_string())))
            .collect()
    }
}

impl Drop for Pve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The token's secret every stand-in API expects.
pub(crate) const EXAMPLE_SECRET: &str = SECRET;

/// The bundled example's cluster as its `group_vars/proxmox/firewall.yml` declares it.
pub(crate) fn example_cluster() -> Value {
    json!({
        "/cluster/firewall/options": { "data": { "enable": 1, "policy_in": "DROP", "policy_out": "ACCEPT", "digest": "e1" } },
        "/cluster/firewall/rules": { "data": [
            rule(0, Some("lo"), None, "ACCEPT", "e0"),
            rule(1, None, Some("+admin_network"), "ACCEPT", "e1"),
            rule(2, Some("wg0"), None, "ACCEPT", "e2"),
            rule(3, None, None, "DROP", "e3"),
        ] },
        "/cluster/firewall/ipset/admin_network": { "data": [ { "cidr": "10.10.68.0/24", "digest": "ea" } ] },
    })
}

impl Pve {
    /// The inventory variables that point a host's cluster at this stand-in.
    pub(crate) fn vars(&self) -> String {
        format!("mb_pve_api: 127.0.0.1:{}\nmb_pve_fingerprint: \"{}\"", self.port, self.fingerprint)
    }
}

/// A rule as Proxmox returns it from `/cluster/firewall/rules`.
fn rule(pos: u64, iface: Option<&str>, source: Option<&str>, action: &str, digest: &str) -> Value {
    let mut r = json!({ "pos": pos, "type": "in", "action": action, "enable": 1, "digest": digest });
    if let Some(i) = iface {
        r["iface"] = i.into();
    }
    if let Some(s) = source {
        r["source"] = s.into();
    }
    r
}

/// A cluster as the team decided it should be.
fn compliant() -> Value {
    json!({
        "/cluster/firewall/options": { "data": { "enable": 1, "policy_in": "DROP", "policy_out": "ACCEPT", "digest": "a1" } },
        "/cluster/firewall/rules": { "data": [
            rule(0, Some("lo"), None, "ACCEPT", "d0"),
            rule(1, None, Some("+admin_network"), "ACCEPT", "d1"),
            rule(2, Some("wg0"), None, "ACCEPT", "d2"),
            rule(3, None, None, "DROP", "d3"),
        ] },
        "/cluster/firewall/ipset/admin_network": { "data": [ { "cidr": "10.10.68.0/24", "nomatch": 0, "digest": "i1" } ] },
        "/nodes/pve1/firewall/options": { "data": { "enable": 1, "digest": "n1" } },
        "/nodes/pve2/firewall/options": { "data": { "enable": 1, "digest": "n2" } },
        "/nodes/pve3/firewall/options": { "data": { "enable": 1, "digest": "n3" } },
    })
}

const RULES: &str = r#"# Proxmox firewall

```mb-check
id: fw-enabled
hosts: proxmox
probe:
  api: /cluster/firewall/options
  json: /enable
expect:
  equals: "1"
```

```mb-check
id: fw-policy-out
hosts: proxmox
probe:
  api: /cluster/firewall/options
  json: /policy_out
expect:
  equals: ACCEPT
```

```mb-check
id: fw-loopback-first
hosts: proxmox
probe:
  api: /cluster/firewall/rules
  json: /0
expect:
  any_matches: { iface: lo, action: ACCEPT }
```

```mb-check
id: fw-admin-not-bound
hosts: proxmox
probe:
  api: /cluster/firewall/rules
expect:
  none_matches: { source: "+admin_network", iface: "*" }
```

```mb-check
id: fw-no-duplicates
hosts: proxmox
probe:
  api: /cluster/firewall/rules
expect:
  unique_ignoring: [pos, digest]
```

```mb-check
id: fw-admin-ipset
hosts: proxmox
probe:
  api: /cluster/firewall/ipset/admin_network
expect:
  any_matches: { cidr: "{{ admin_network }}" }
```

```mb-check
id: fw-node-enabled
hosts: proxmox
probe:
  api: /nodes/{node}/firewall/options
  json: /enable
expect:
  equals: "1"
```
"#;

/// A repository whose three Proxmox nodes form one cluster answered by `pve`; `extra` is more
/// YAML for the group's variables.
fn repo(pve: &Pve, extra: &str) -> TestEnvironment {
    let env = TestEnvironment::new();
    repo_in(&env, pve, extra);
    env
}

fn repo_in(env: &TestEnvironment, pve: &Pve, extra: &str) {
    env.write("rules/proxmox.md", RULES);
    env.write("mb.toml", "inventory = \"inventory.yml\"\n");
    let inventory = format!(
        "all:\n  children:\n    proxmox:\n      hosts:\n        pve1:\n        pve2:\n        pve3:\n      vars:\n        \
         mb_pve_cluster: lab\n        mb_pve_api: 127.0.0.1:{port}\n        mb_pve_token_id: \"{TOKEN_ID}\"\n        \
         mb_pve_fingerprint: \"{fp}\"\n        admin_network: 10.10.68.0/24\n{extra}",
        port = pve.port,
        fp = pve.fingerprint,
    );
    env.write("inventory.yml", inventory);
}

fn audit(env: &TestEnvironment, secret: &str, extra: &[&str]) -> CommandOutput {
    let mut args = vec!["audit", "--format", "json"];
    args.extend_from_slice(extra);
    env.mb(args).env("MB_PVE_TOKEN_SECRET", secret).run()
}

/// `(check, host) → (status, message)`.
fn findings(out: &CommandOutput) -> Vec<(String, String, String, String)> {
    out.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or("").to_string();
            (s("check"), s("host"), s("status"), s("message"))
        })
        .collect()
}

fn status_of(out: &CommandOutput, check: &str) -> Vec<String> {
    findings(out).into_iter().filter(|f| f.0 == check).map(|f| f.2).collect()
}

#[test]
fn a_compliant_cluster_passes_and_each_endpoint_is_asked_once() {
    let pve = Pve::start(compliant());
    let env = repo(&pve, "");
    let out = audit(&env, SECRET, &[]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert!(findings(&out).iter().all(|f| f.2 == "pass"), "{out}");
    assert_eq!(findings(&out).len(), 7 * 3);
    // Three nodes, one cluster: every cluster path once, every node path once.
    let mut asked: Vec<String> = pve.requests().into_iter().map(|(s, p)| format!("{s} {p}")).collect();
    asked.sort();
    assert_eq!(
        asked,
        [
            "200 /api2/json/cluster/firewall/ipset/admin_network",
            "200 /api2/json/cluster/firewall/options",
            "200 /api2/json/cluster/firewall/rules",
            "200 /api2/json/nodes/pve1/firewall/options",
            "200 /api2/json/nodes/pve2/firewall/options",
            "200 /api2/json/nodes/pve3/firewall/options",
        ]
    );
}

#[test]
fn the_secret_is_never_printed_or_saved() {
    let pve = Pve::start(compliant());
    let env = repo(&pve, "");
    for format in ["human", "json", "sarif", "markdown"] {
        let out = env.mb(["audit", "--format", format]).env("MB_PVE_TOKEN_SECRET", SECRET).run();
        assert!(!out.stdout.contains(SECRET) && !out.stderr.contains(SECRET), "{format}: {out}");
    }
    // A refused token says so without showing it.
    let out = audit(&env, "wrong-secret-value", &[]);
    assert!(!out.stdout.contains("wrong-secret-value") && !out.stderr.contains("wrong-secret-value"), "{out}");
    for entry in std::fs::read_dir(env.work_dir().join(".mb/runs")).unwrap() {
        let saved = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(!saved.contains(SECRET) && !saved.contains("wrong-secret-value"), "a run file holds the secret");
    }
}

#[test]
fn the_secret_can_come_from_a_file_named_in_the_inventory() {
    let pve = Pve::start(compliant());
    let env = TestEnvironment::new();
    repo_in(&env, &pve, "        mb_pve_token_secret_file: secret.txt\n");
    env.write("secret.txt", format!("{SECRET}\n"));
    let out = env.run(["audit", "--format", "json"]);
    assert_eq!(out.code(), Some(0), "{out}");
}

#[test]
fn drifted_rules_fail_the_checks_that_decided_them() {
    let mut routes = compliant();
    // The loopback rule moved down, the admin rule bound to wg0, a rule added twice by a
    // second playbook run, and the admin network missing from its IP set.
    routes["/cluster/firewall/rules"]["data"] = json!([
        rule(0, None, Some("+admin_network"), "ACCEPT", "x0")
            .as_object()
            .map(|o| {
                let mut o = o.clone();
                o.insert("iface".into(), "wg0".into());
                Value::Object(o)
            })
            .unwrap(),
        rule(1, Some("lo"), None, "ACCEPT", "x1"),
        rule(2, Some("wg0"), None, "ACCEPT", "x2"),
        rule(3, Some("wg0"), None, "ACCEPT", "x3"),
    ]);
    routes["/cluster/firewall/ipset/admin_network"]["data"] = json!([{ "cidr": "10.10.99.0/24", "digest": "i2" }]);
    // A fresh cluster's options carry only a digest: the firewall is off.
    routes["/cluster/firewall/options"]["data"] = json!({ "digest": "f0" });
    let pve = Pve::start(routes);
    let env = repo(&pve, "");
    let out = audit(&env, SECRET, &[]);
    assert_eq!(out.code(), Some(1), "{out}");
    for check in ["fw-enabled", "fw-loopback-first", "fw-admin-not-bound", "fw-no-duplicates", "fw-admin-ipset"] {
        assert_eq!(status_of(&out, check), ["fail"; 3], "{check}: {out}");
    }
    let all = findings(&out);
    let message = |check: &str| all.iter().find(|f| f.0 == check).unwrap().3.clone();
    assert!(message("fw-no-duplicates").contains("2 times"), "{}", message("fw-no-duplicates"));
    assert!(message("fw-admin-not-bound").contains("wg0"), "{}", message("fw-admin-not-bound"));
    assert!(message("fw-enabled").contains("found absent"), "{}", message("fw-enabled"));
    // The policy is not part of a fresh cluster's options either: absent, so it fails too.
    assert_eq!(status_of(&out, "fw-policy-out"), ["fail"; 3]);
}

#[test]
fn a_wrong_token_and_a_missing_privilege_are_errors_that_say_why() {
    let mut routes = compliant();
    routes["/cluster/firewall/ipset/admin_network"] = json!({ "status": 403 });
    let pve = Pve::start(routes);
    let env = repo(&pve, "");
    let out = audit(&env, SECRET, &[]);
    assert_eq!(out.code(), Some(3), "errors, no drift: {out}");
    let all = findings(&out);
    let ipset: Vec<&(String, String, String, String)> = all.iter().filter(|f| f.0 == "fw-admin-ipset").collect();
    assert!(ipset.iter().all(|f| f.2 == "error" && f.3.contains("403") && f.3.contains("Sys.Audit")), "{out}");
    assert!(all.iter().filter(|f| f.0 != "fw-admin-ipset").all(|f| f.2 == "pass"), "{out}");

    let out = audit(&env, "not-the-secret", &[]);
    assert_eq!(out.code(), Some(3), "{out}");
    assert!(findings(&out).iter().all(|f| f.2 == "error" && f.3.contains("refused the token (401)")), "{out}");
}

#[test]
fn a_server_error_is_retried_and_a_slow_server_times_out() {
    let mut routes = compliant();
    routes["/cluster/firewall/options"]["fail_first"] = 1.into();
    routes["/cluster/firewall/rules"]["delay_ms"] = 5000.into();
    let pve = Pve::start(routes);
    let env = repo(&pve, "");
    let out = audit(&env, SECRET, &["--timeout", "1"]);
    assert_eq!(status_of(&out, "fw-enabled"), ["pass"; 3], "retried after the 500: {out}");
    let options: Vec<u16> =
        pve.requests().into_iter().filter(|(_, p)| p.ends_with("/cluster/firewall/options")).map(|(s, _)| s).collect();
    assert_eq!(options, [500, 200]);
    let slow: Vec<(String, String, String, String)> =
        findings(&out).into_iter().filter(|f| f.0 == "fw-loopback-first").collect();
    assert!(slow.iter().all(|f| f.2 == "error" && f.3.contains("did not answer in time")), "{out}");
    // The rest of the run went on.
    assert_eq!(status_of(&out, "fw-node-enabled"), ["pass"; 3]);
}

#[test]
fn a_certificate_that_is_not_the_pinned_one_is_refused_and_shown() {
    let pve = Pve::start(compliant());
    let env = TestEnvironment::new();
    repo_in(&env, &pve, "");
    let wrong = "AA:".repeat(31) + "AA";
    env.write("inventory.yml", env.read("inventory.yml").replace(&pve.fingerprint, &wrong));
    let out = audit(&env, SECRET, &[]);
    assert_eq!(out.code(), Some(3), "{out}");
    let all = findings(&out);
    assert!(
        all.iter().all(|f| f.2 == "error" && f.3.contains(&pve.fingerprint) && f.3.contains("not the pinned one")),
        "{out}"
    );
    assert!(pve.requests().is_empty(), "no request went to a server mb does not trust");

    // Without a pin or a CA, the system's roots decide, and a self-signed certificate fails.
    env.write("inventory.yml", env.read("inventory.yml").replace(&format!("mb_pve_fingerprint: \"{wrong}\""), ""));
    let out = audit(&env, SECRET, &[]);
    assert!(findings(&out).iter().all(|f| f.2 == "error"), "{out}");
}

#[test]
fn api_facts_are_saved_and_replayed() {
    let pve = Pve::start(compliant());
    let env = repo(&pve, "");
    let out = audit(&env, SECRET, &[]);
    assert_eq!(out.code(), Some(0), "{out}");
    drop(pve);
    // The API is gone: the replay judges the saved answers.
    let replay = env.run(["audit", "--replay", "latest", "--format", "json"]);
    assert_eq!(replay.code(), Some(0), "{replay}");
    assert_eq!(findings(&replay).len(), 21);
    assert!(findings(&replay).iter().all(|f| f.2 == "pass"));
}

#[test]
fn the_insecure_opt_out_is_explicit_and_loud() {
    let pve = Pve::start(compliant());
    let env = TestEnvironment::new();
    repo_in(&env, &pve, "        mb_pve_tls_insecure: true\n");
    // The opt-out applies only where no pin is given: drop the fingerprint.
    env.write(
        "inventory.yml",
        env.read("inventory.yml").replace(&format!("mb_pve_fingerprint: \"{}\"", pve.fingerprint), ""),
    );
    let out = audit(&env, SECRET, &[]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert!(out.stderr.contains("cluster `lab`: TLS certificates are NOT checked"), "{out}");
}
