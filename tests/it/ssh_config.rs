//! The ssh config as OpenSSH reads it: for each config and host name, what mb reads is what
//! `ssh -G -F CONFIG HOST` prints (hostname, user, port, identity files, IdentitiesOnly,
//! ProxyJump/ProxyCommand, known_hosts files, ConnectTimeout).

use std::path::Path;
use std::process::Command;

use mb::probe::ssh_config::{Proxy, Settings, SshConfig, expand};

/// What `ssh -G` prints for these keywords, one `keyword value` line each (identityfile and
/// the like may repeat).
fn ssh_g(config: &Path, host: &str, extra: &[&str]) -> Vec<(String, String)> {
    let out = Command::new("ssh")
        .arg("-G")
        .arg("-F")
        .arg(config)
        .args(extra)
        .arg(host)
        .output()
        .expect("ssh (openssh-client) is installed");
    assert!(out.status.success(), "ssh -G {host}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_once(' ').map(|(k, v)| (k.to_string(), v.to_string())))
        .collect()
}

fn local_user() -> String {
    let out = Command::new("id").arg("-un").output().expect("id");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The home folder ssh expands `~` to (the password database's, not $HOME).
fn pw_home() -> String {
    let out = Command::new("getent").args(["passwd", &local_user()]).output().expect("getent");
    String::from_utf8_lossy(&out.stdout).trim().split(':').nth(5).unwrap_or("/root").to_string()
}

/// mb's reading, printed as `ssh -G` prints it.
fn as_ssh_prints(s: &Settings, host: &str, local_user: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut put = |k: &str, v: String| out.push((k.to_string(), v));
    let hostname = match &s.hostname {
        Some(h) => expand(h, &[('h', host)]).unwrap(),
        None => host.to_string(),
    };
    put("hostname", hostname.to_ascii_lowercase());
    put("user", s.user.clone().unwrap_or_else(|| local_user.to_string()));
    put("port", s.port.unwrap_or(22).to_string());
    put("identitiesonly", if s.identities_only == Some(true) { "yes" } else { "no" }.into());
    for f in &s.identity_files {
        put("identityfile", f.clone());
    }
    let files = |v: &Option<Vec<String>>, d: &str| v.as_ref().map(|l| l.join(" ")).unwrap_or_else(|| d.into());
    let home = pw_home();
    put("userknownhostsfile", files(&s.user_known_hosts, &format!("{home}/.ssh/known_hosts {home}/.ssh/known_hosts2")));
    put("globalknownhostsfile", files(&s.global_known_hosts, "/etc/ssh/ssh_known_hosts /etc/ssh/ssh_known_hosts2"));
    put("connecttimeout", s.connect_timeout.flatten().map(|t| t.to_string()).unwrap_or_else(|| "none".into()));
    match &s.proxy {
        Some(Proxy::Jump(j)) if j != "none" => put("proxyjump", j.clone()),
        Some(Proxy::Command(c)) if c != "none" => put("proxycommand", c.clone()),
        _ => {}
    }
    out
}

const KEYS: [&str; 9] = [
    "hostname",
    "user",
    "port",
    "identitiesonly",
    "identityfile",
    "userknownhostsfile",
    "globalknownhostsfile",
    "connecttimeout",
    "proxyjump",
];

/// Compares mb with `ssh -G` for every host; `preset_user` is `-l USER` on ssh's side.
fn agree(config: &Path, hosts: &[&str], preset_user: Option<&str>) {
    let parsed = SshConfig::load(&[config.to_path_buf()], None).unwrap();
    let me = local_user();
    for host in hosts {
        let extra: Vec<&str> = preset_user.map(|u| vec!["-l", u]).unwrap_or_default();
        let preset = Settings { user: preset_user.map(String::from), ..Settings::default() };
        let s = parsed.query(host, preset, &me);
        let mine = as_ssh_prints(&s, host, &me);
        let theirs = ssh_g(config, host, &extra);
        for key in KEYS.iter().chain(&["proxycommand"]) {
            let pick = |l: &[(String, String)]| -> Vec<String> {
                l.iter().filter(|(k, _)| k == key).map(|(_, v)| v.clone()).collect()
            };
            let (m, t) = (pick(&mine), pick(&theirs));
            if *key == "identityfile" && m.is_empty() {
                assert!(t.iter().any(|f| f == "~/.ssh/id_ed25519"), "{host}: ssh's defaults: {t:?}");
                continue;
            }
            assert_eq!(m, t, "{host}: `{key}` differs (mb vs ssh -G) in\n{}", std::fs::read_to_string(config).unwrap());
        }
    }
}

#[test]
fn host_blocks_patterns_negation_and_first_value_wins() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::write(
        &config,
        "# a comment\n\
         Host Web*\n  User upper\n\
         Host web* !web3\n  HostName %h.Example.COM\n  Port=2200\n  IdentityFile ~/.ssh/id_%r_%h_%p\n  IdentityFile \"/k/with space\"   # trailing comment\n\
         HOST db? db-*\n\tUSER = dba\n  IdentitiesOnly yes\n  ProxyJump ops@bastion:2222,second\n  ProxyCommand nc %h %p\n\
         Host alias\n  HostName 10.0.0.7\n  Port 2201\n  ProxyCommand ssh -W %h:%p gw\n  ProxyJump ignored\n\
         Host direct\n  ProxyJump none\n\
         Host *\n  User = fallback\n  ProxyJump gw\n  UserKnownHostsFile /a /b\n  GlobalKnownHostsFile /g\n  ConnectTimeout 7\n  Port 2299\n",
    )
    .unwrap();
    agree(&config, &["web1", "WEB1", "Web1", "web3", "db1", "db-x", "dbx1", "alias", "direct", "other"], None);
}

#[test]
fn match_blocks_and_includes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().display();
    std::fs::create_dir_all(dir.path().join("conf.d")).unwrap();
    std::fs::write(dir.path().join("conf.d/10-web.conf"), "Host web1\n  User from-include\nHost *\n  Port 2022\n")
        .unwrap();
    std::fs::write(dir.path().join("conf.d/20-db.conf"), "Host db1\n  User db-include\n  Port 3022\n").unwrap();
    std::fs::write(dir.path().join("conf.d/skip.txt"), "Host *\n  User never\n").unwrap();
    let config = dir.path().join("config");
    std::fs::write(
        &config,
        format!(
            "Host alias\n  HostName real.example.net\n\
             Match host real.example.net\n  IdentityFile /keys/real\n\
             Match originalhost alias\n  ConnectTimeout 3\n\
             Match !host web*,db* user root\n  IdentitiesOnly yes\n\
             Match exec \"false\"\n  User exec-never\n\
             Host nomatch\n  Include {d}/conf.d/*.conf\n\
             Host web1 db1\n  Include {d}/conf.d/*.conf\n  Port 4000\n\
             Match all\n  User=last\n"
        ),
    )
    .unwrap();
    agree(&config, &["alias", "web1", "db1", "other"], None);
    agree(&config, &["alias", "web1", "other"], Some("root"));
    agree(&config, &["alias", "web1", "other"], Some("someone"));
}

#[test]
fn a_bad_line_names_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::write(&config, "Host a\n  Port twenty\n").unwrap();
    let e = SshConfig::load(std::slice::from_ref(&config), None).unwrap_err();
    assert!(e.0.contains("config:2") && e.0.contains("twenty"), "{}", e.0);
    let ssh = Command::new("ssh").arg("-G").arg("-F").arg(&config).arg("a").output().unwrap();
    assert!(!ssh.status.success(), "ssh refuses it too");
    std::fs::write(&config, "Host a\n  User \"open\n").unwrap();
    assert!(SshConfig::load(&[config], None).unwrap_err().0.contains("quote"));
}

#[test]
fn relative_includes_are_under_home_ssh_and_unsupported_match_warns() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join(".ssh/config.d")).unwrap();
    std::fs::write(home.path().join(".ssh/config.d/a"), "Host a\n  HostName 10.1.1.1\n").unwrap();
    let config = home.path().join(".ssh/config");
    std::fs::write(&config, "Include config.d/*\nMatch final\n  User f\n").unwrap();
    let parsed = SshConfig::load(&[config], Some(home.path())).unwrap();
    let s = parsed.query("a", Settings::default(), "me");
    assert_eq!((s.hostname.as_deref(), s.user), (Some("10.1.1.1"), None));
    assert_eq!(parsed.warnings.len(), 1, "{:?}", parsed.warnings);
    assert!(parsed.warnings[0].contains("config:2") && parsed.warnings[0].contains("Match final"));
}
