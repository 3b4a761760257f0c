//! known_hosts with OpenSSH's semantics: which lines name a host (compared with
//! `ssh-keygen -F`), and what a real sshd's keys get from them — the known type negotiated
//! first, any other key a mismatch, `@revoked` refused, bad lines skipped with a warning,
//! hashed names, `[host]:port`, `@cert-authority`.

use std::path::Path;
use std::process::Command;

use mb::probe::known_hosts::KnownHosts;

use crate::audit::{Repo, host};
use crate::fleet::{Fleet, FleetHost, Kind, keygen_type};

const A: &str = "127.0.0.61";

fn one_host() -> Vec<FleetHost> {
    vec![FleetHost { name: "zd1", address: A, kind: Kind::Tree("zd1") }]
}

fn repo(fleet: &Fleet) -> Repo {
    Repo::new(fleet, &[("zd1", "proxmox", A, fleet.port, "")])
}

/// The status of zd1 after `mb audit -l zd1 ARGS`, with its error message.
fn status(repo: &Repo, args: &[&str]) -> (String, String) {
    let (_, report) = repo.json(&[&["-l", "zd1"], args].concat());
    let h = host(&report, "zd1");
    (h["status"].as_str().unwrap_or_default().to_string(), h["error"].as_str().unwrap_or_default().to_string())
}

/// The line numbers `ssh-keygen -F NAME -f FILE` lists.
fn keygen_lines(file: &Path, name: &str) -> Vec<usize> {
    let out = Command::new("ssh-keygen").arg("-F").arg(name).arg("-f").arg(file).output().expect("ssh-keygen");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.strip_prefix("# Host ").and_then(|l| l.split(" found: line ").nth(1)))
        .filter_map(|rest| rest.split_whitespace().next().and_then(|n| n.parse().ok()))
        .collect()
}

fn mb_lines(file: &Path, host: &str, port: u16) -> Vec<usize> {
    let (known, _) = KnownHosts::parse(file, &std::fs::read(file).unwrap());
    known.matching_lines(host, port).into_iter().map(|p| p.line).collect()
}

#[test]
fn the_lines_naming_a_host_are_those_ssh_keygen_finds() {
    let dir = tempfile::tempdir().unwrap();
    let key = keygen_type(&dir.path().join("k"), "ed25519");
    let ecdsa = keygen_type(&dir.path().join("k-ecdsa"), "ecdsa");
    let rsa = keygen_type(&dir.path().join("k-rsa"), "rsa");
    let file = dir.path().join("known_hosts");
    let text = [
        "# a comment counts as a line".to_string(),
        format!("web.lan {key}"),
        format!("web.lan,db.lan {ecdsa}"),
        format!("[web.lan]:2222,10.0.0.9 {rsa}"),
        format!("*.lan,!db.lan {key}"),
        format!("[web.lan]:2222\t{}", key.replace(' ', "  ")),
        "garbage line".to_string(),
        format!("10.0.0.? {key}"),
        format!("@revoked * {key}"),
        format!("@cert-authority *.lan {key}"),
        format!("WEB.LAN {key}"),
        format!("[*.lan]:2222 {key}"),
        format!("   \t web2.lan,10.0.0.9 {key} a comment"),
    ]
    .join("\n");
    std::fs::write(&file, text + "\n").unwrap();
    let cases = [
        ("web.lan", 22),
        ("db.lan", 22),
        ("web.lan", 2222),
        ("10.0.0.7", 22),
        ("other", 22),
        ("db.lan", 2222),
        ("web2.lan", 22),
        ("10.0.0.9", 22),
    ];
    for (host, port) in cases {
        let name = mb::probe::known_hosts::lookup_name(host, port);
        assert_eq!(mb_lines(&file, host, port), keygen_lines(&file, &name), "{name}");
    }
    // Hashed with ssh-keygen -H: the same lines, now found by their hashes.
    let hashed = dir.path().join("hashed");
    std::fs::write(&hashed, format!("web.lan {key}\n[web.lan]:2222 {key}\n10.0.0.9 {key}\n")).unwrap();
    let out = Command::new("ssh-keygen").arg("-H").arg("-f").arg(&hashed).output().unwrap();
    assert!(out.status.success());
    assert!(std::fs::read_to_string(&hashed).unwrap().starts_with("|1|"));
    for (host, port) in cases {
        let name = mb::probe::known_hosts::lookup_name(host, port);
        assert_eq!(mb_lines(&hashed, host, port), keygen_lines(&hashed, &name), "hashed {name}");
    }
}

#[test]
fn a_host_known_only_by_ecdsa_or_rsa_is_known_and_that_type_negotiated() {
    let fleet = Fleet::start_with_host_keys(&one_host(), &["ed25519", "ecdsa", "rsa"]);
    let repo = repo(&fleet);
    for kind in ["ecdsa", "rsa", "ed25519"] {
        fleet.write_known_hosts(&repo.known_hosts(), &[fleet.known_line_of(A, kind)]);
        assert_eq!(status(&repo, &[]), ("ok".into(), String::new()), "known only by {kind}");
    }
    assert!(!repo.path().join(".mb/known_hosts").exists(), "nothing learnt");
}

#[test]
fn a_key_of_another_type_than_the_known_one_is_a_mismatch_even_with_accept_new() {
    // The host offers only RSA; known_hosts records an ed25519 key for it (OpenSSH: "REMOTE
    // HOST IDENTIFICATION HAS CHANGED").
    let fleet = Fleet::start_with_host_keys(&one_host(), &["rsa"]);
    let repo = repo(&fleet);
    fleet.write_known_hosts(&repo.known_hosts(), &["# a comment".into(), fleet.wrong_line(A)]);
    let (status, error) = status(&repo, &["--accept-new-host-keys"]);
    assert_eq!(status, "host_key_mismatch", "{error}");
    assert!(error.contains("changed") && error.contains("ssh-rsa") && error.contains("known_hosts:2"), "{error}");
    let own = std::fs::read_to_string(repo.path().join(".mb/known_hosts")).unwrap_or_default();
    assert!(own.trim().is_empty(), "the impostor is never recorded: {own}");
}

#[test]
fn tabs_and_runs_of_spaces_separate_fields() {
    let fleet = Fleet::start(&one_host());
    let repo = repo(&fleet);
    let known = fleet.known_line(A).replacen(' ', "\t", 1).replace(' ', "  ");
    fleet.write_known_hosts(&repo.known_hosts(), &[known]);
    assert_eq!(status(&repo, &[]).0, "ok");
    let wrong = fleet.wrong_line(A).replacen(' ', " \t ", 1);
    fleet.write_known_hosts(&repo.known_hosts(), &[wrong]);
    assert_eq!(status(&repo, &["--accept-new-host-keys"]).0, "host_key_mismatch");
}

#[test]
fn an_unreadable_line_is_skipped_with_a_warning_naming_it() {
    let fleet = Fleet::start(&one_host());
    let repo = repo(&fleet);
    let lines = [
        "# first line".to_string(),
        "this is not a known_hosts line".to_string(),
        "@nonsense * ssh-ed25519 AAAA".to_string(),
        format!("[{A}]:{} ssh-ed25519 not-base64!", fleet.port),
        fleet.known_line(A),
    ];
    fleet.write_known_hosts(&repo.known_hosts(), &lines);
    let out = repo.run(&["-l", "zd1", "--format", "json"]);
    assert_eq!(host(&out.json(), "zd1")["status"], "ok", "{out}");
    for n in 2..=4 {
        assert!(out.stderr.contains(&format!("known_hosts:{n}: ")), "line {n} named: {}", out.stderr);
    }
    assert!(!out.stderr.contains("known_hosts:1:") && !out.stderr.contains("known_hosts:5:"), "{}", out.stderr);
    // The same bad lines beside another key: still a mismatch.
    let mut lines = lines.to_vec();
    lines[4] = fleet.wrong_line(A);
    fleet.write_known_hosts(&repo.known_hosts(), &lines);
    assert_eq!(status(&repo, &["--accept-new-host-keys"]).0, "host_key_mismatch");
}

#[test]
fn a_revoked_key_is_refused() {
    let fleet = Fleet::start(&one_host());
    let repo = repo(&fleet);
    let key = fleet.host_key("ed25519");
    fleet.write_known_hosts(&repo.known_hosts(), &[fleet.known_line(A), format!("@revoked * {key}")]);
    let (status, error) = status(&repo, &["--accept-new-host-keys"]);
    assert_eq!(status, "host_key_mismatch");
    assert!(error.contains("revoked") && error.contains("known_hosts:2"), "{error}");
}

#[test]
fn hashed_names_wildcards_and_negations() {
    let fleet = Fleet::start(&one_host());
    let repo = repo(&fleet);
    let key = fleet.host_key("ed25519");
    fleet.write_known_hosts(&repo.known_hosts(), &[fleet.known_line(A)]);
    let out = Command::new("ssh-keygen").arg("-H").arg("-f").arg(repo.known_hosts()).output().unwrap();
    assert!(out.status.success());
    assert!(std::fs::read_to_string(repo.known_hosts()).unwrap().starts_with("|1|"));
    assert_eq!(status(&repo, &[]).0, "ok", "hashed");
    // The port is part of the name: a line for the bare address does not cover another port.
    fleet.write_known_hosts(&repo.known_hosts(), &[format!("{A} {key}")]);
    assert_eq!(status(&repo, &[]).0, "host_key_unknown");
    fleet.write_known_hosts(&repo.known_hosts(), &[format!("[127.0.0.6?]:{} {key}", fleet.port)]);
    assert_eq!(status(&repo, &[]).0, "ok", "wildcard");
    fleet.write_known_hosts(&repo.known_hosts(), &[format!("*,![{A}]:{} {key}", fleet.port)]);
    assert_eq!(status(&repo, &[]).0, "host_key_unknown", "negated");
}

#[test]
fn a_host_certificate_from_a_trusted_authority_is_accepted() {
    let fleet = Fleet::start_certified(&one_host(), &[A]);
    let repo = repo(&fleet);
    let ca = &fleet.ca_key_pub;
    fleet.write_known_hosts(&repo.known_hosts(), &[format!("@cert-authority [{A}]:{} {ca}", fleet.port)]);
    assert_eq!(status(&repo, &[]), ("ok".into(), String::new()));
    // A revoked authority is refused.
    fleet.write_known_hosts(&repo.known_hosts(), &[format!("@cert-authority * {ca}"), format!("@revoked * {ca}")]);
    assert_eq!(status(&repo, &["--accept-new-host-keys"]).0, "host_key_mismatch");
    // An authority for other hosts only: the certificate is judged as its plain key.
    fleet.write_known_hosts(&repo.known_hosts(), &[format!("@cert-authority *.example {ca}")]);
    assert_eq!(status(&repo, &[]).0, "host_key_unknown");
}

#[test]
fn a_certificate_for_other_principals_is_refused() {
    let fleet = Fleet::start_certified(&one_host(), &["someone.else"]);
    let repo = repo(&fleet);
    fleet.write_known_hosts(&repo.known_hosts(), &[format!("@cert-authority * {}", fleet.ca_key_pub)]);
    let (status, error) = status(&repo, &[]);
    assert_eq!(status, "host_key_mismatch");
    assert!(error.contains("someone.else"), "{error}");
}

#[test]
fn any_matching_line_accepts_so_a_stale_line_beside_the_right_one_is_no_change() {
    let fleet = Fleet::start(&one_host());
    let repo = repo(&fleet);
    // A key the host had once, then the one it has (both name it, as ssh-keygen -F shows).
    fleet.write_known_hosts(&repo.known_hosts(), &[fleet.wrong_line(A), fleet.known_line(A)]);
    let name = mb::probe::known_hosts::lookup_name(A, fleet.port);
    assert_eq!(keygen_lines(&repo.known_hosts(), &name), [1, 2]);
    assert_eq!(mb_lines(&repo.known_hosts(), A, fleet.port), [1, 2]);
    assert_eq!(status(&repo, &[]), ("ok".into(), String::new()));
    // The stale key under a wildcard, before the host's own line: still the host's key.
    let key = fleet.host_key("ed25519");
    let stale = fleet.wrong_line(A);
    let stale_key = stale.split_once(' ').unwrap().1;
    fleet.write_known_hosts(
        &repo.known_hosts(),
        &[format!("[127.0.0.6*]:{} {stale_key}", fleet.port), format!("[{A}]:{} {key}", fleet.port)],
    );
    assert_eq!(status(&repo, &[]), ("ok".into(), String::new()));
}
