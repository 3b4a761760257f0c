//! Routes over the real sshd fleet: a host known only by its ssh config alias, ProxyJump
//! through two jump hosts (each with its own user, port and key), and a ProxyCommand whose
//! stdio carries the connection (killed when the host is done or times out).

use std::path::Path;

use serde_json::Value;

use crate::audit::{Repo, host};
use crate::fleet::{Fleet, FleetHost, Kind};

/// The inventory's start: zd1 in the `proxmox` group; its variables follow, indented 10.
const HEAD: &str = "all:\n  children:\n    proxmox:\n      hosts:\n        zd1:\n";
const HOP1: &str = "127.0.0.71";
const HOP2: &str = "127.0.0.72";
const TARGET: &str = "127.0.0.73";

fn fleet() -> Fleet {
    Fleet::start(&[
        FleetHost { name: "hop1", address: HOP1, kind: Kind::Tree("zd1") },
        FleetHost { name: "hop2", address: HOP2, kind: Kind::Tree("zd1") },
        FleetHost { name: "zd1", address: TARGET, kind: Kind::Tree("zd1") },
    ])
}

/// A repository whose inventory is `inventory` (YAML) and whose ssh config is `config`
/// (`$KEY` and `$PORT` replaced), every fleet address trusted.
fn repo(fleet: &Fleet, inventory: &str, config: &str) -> Repo {
    let repo = Repo::new(fleet, &[]);
    let fill =
        |t: &str| t.replace("$KEY", &fleet.user_key.display().to_string()).replace("$PORT", &fleet.port.to_string());
    // Beside the example's group_vars (which set ansible_user), in the `proxmox` group its
    // checks select.
    repo.env.write("inv/hosts.yml", fill(inventory));
    repo.env.write("ssh_config", fill(config));
    fleet.write_known_hosts(&repo.known_hosts(), &[HOP1, HOP2, TARGET].map(|a| fleet.known_line(a)));
    repo
}

fn audit(repo: &Repo, args: &[&str]) -> (String, String, Value) {
    let (_, report) = repo.json(&[&["-i", "inv/hosts.yml", "-F", "ssh_config"], args].concat());
    let h = host(&report, "zd1").clone();
    (h["status"].as_str().unwrap_or_default().into(), h["error"].as_str().unwrap_or_default().into(), report)
}

fn hosts_json(repo: &Repo) -> Value {
    let out = repo.env.run(["hosts", "-i", "inv/hosts.yml", "-F", "ssh_config", "--json"]);
    assert_eq!(out.code(), Some(0), "{out}");
    out.json()
}

#[test]
fn a_host_known_only_by_its_ssh_alias_is_reachable() {
    let fleet = fleet();
    let repo = repo(
        &fleet,
        HEAD,
        "Host zd1\n  HostName 127.0.0.73\n  User root\n  Port $PORT\n  IdentityFile $KEY\n  IdentitiesOnly yes\n",
    );
    let json = hosts_json(&repo);
    let zd1 = &json[0];
    assert_eq!((zd1["address"].as_str(), zd1["user"].as_str()), (Some(TARGET), Some("root")), "{zd1}");
    assert_eq!(zd1["port"], fleet.port);
    assert_eq!(zd1["route"]["target"]["identity_files"][0], "$FLEET/user_key");
    let (status, error, _) = audit(&repo, &[]);
    assert_eq!(status, "ok", "{error}");
    // The inventory's connection variables are ssh's command line: they win over the config.
    let repo = repo_with_port(&fleet, 1);
    let (status, error, _) = audit(&repo, &[]);
    assert_eq!(status, "unreachable", "{error}");
    assert!(error.contains(&format!("{TARGET}:1")), "{error}");
}

fn repo_with_port(fleet: &Fleet, port: u16) -> Repo {
    repo(
        fleet,
        &format!("{HEAD}          ansible_port: {port}\n"),
        "Host zd1\n  HostName 127.0.0.73\n  User root\n  Port $PORT\n  IdentityFile $KEY\n",
    )
}

#[test]
fn proxy_jump_goes_through_each_hop_with_its_own_settings() {
    let fleet = fleet();
    let inventory = &(HEAD.to_string()
        + "          ansible_host: 127.0.0.73\n          ansible_port: $PORT\n          ansible_user: root\n          ansible_ssh_private_key_file: $KEY\n          ansible_ssh_common_args: '-o ProxyJump=first,root@127.0.0.72:$PORT'\n");
    // hop1 by its alias; hop2's key from the config; neither uses the target's key.
    let config = "Host first\n  HostName 127.0.0.71\n  Port $PORT\n  User root\n  IdentityFile $KEY\nHost 127.0.0.72\n  IdentityFile $KEY\n";
    let repo = repo(&fleet, inventory, config);
    let json = hosts_json(&repo);
    let jumps: Vec<&str> =
        json[0]["route"]["jumps"].as_array().unwrap().iter().map(|j| j["address"].as_str().unwrap()).collect();
    assert_eq!(jumps, [HOP1, HOP2]);
    assert_eq!(json[0]["jump"], "first,root@127.0.0.72:$PORT");
    let (status, error, _) = audit(&repo, &[]);
    assert_eq!(status, "ok", "{error}");
    // Without its own key the second hop refuses: the target's key is not lent to it.
    let repo = crate::ssh_routes::repo(
        &fleet,
        inventory,
        "Host first\n  HostName 127.0.0.71\n  Port $PORT\n  User root\n  IdentityFile $KEY\n",
    );
    let (status, error, _) = audit(&repo, &[]);
    assert_eq!(status, "auth_failed", "{error}");
    assert!(error.starts_with("jump host 127.0.0.72: no key to authenticate root@127.0.0.72"), "{error}");
}

#[test]
fn a_proxy_command_carries_the_connection_and_never_a_direct_one() {
    let fleet = fleet();
    let base = &(HEAD.to_string()
        + "          ansible_host: 127.0.0.73\n          ansible_port: $PORT\n          ansible_user: root\n          ansible_ssh_private_key_file: $KEY\n");
    // Ansible's FAQ recipe: the ProxyCommand in ansible_ssh_common_args (busybox's nc: .ci/run
    // installs busybox; %h and %p are the host's).
    let with = |cmd: &str| format!("{base}          ansible_ssh_common_args: '-o ProxyCommand=\"{cmd}\"'\n");
    let repo = repo(&fleet, &with("busybox nc %h %p"), "");
    assert_eq!(hosts_json(&repo)[0]["proxy_command"], format!("busybox nc 127.0.0.73 {}", fleet.port));
    let (status, error, _) = audit(&repo, &[]);
    assert_eq!(status, "ok", "{error}");
    // From the ssh config too (here to another address of the same sshd).
    let repo = crate::ssh_routes::repo(&fleet, base, "Host 127.0.0.73\n  ProxyCommand busybox nc 127.0.0.71 %p\n");
    let (status, error, _) = audit(&repo, &[]);
    assert_eq!(status, "ok", "{error}");
    // A command that cannot connect fails the host: mb does not dial it directly instead.
    let repo = crate::ssh_routes::repo(&fleet, &with("false"), "");
    let (status, error, _) = audit(&repo, &[]);
    assert_ne!(status, "ok");
    assert!(error.contains("ProxyCommand `false`"), "{error}");
    // A command that hangs is killed when the host times out.
    let repo = crate::ssh_routes::repo(&fleet, &with("sleep 3171"), "");
    let (status, _, _) = audit(&repo, &["--timeout", "2", "--connect-timeout", "1"]);
    assert_eq!(status, "timeout");
    // mb has exited; the kill it sent may take a moment to land on a loaded machine.
    let alive = || {
        std::fs::read_dir("/proc")
            .unwrap()
            .flatten()
            .filter_map(|p| std::fs::read(p.path().join("cmdline")).ok())
            .any(|c| String::from_utf8_lossy(&c).contains("3171"))
    };
    for _ in 0..50 {
        if !alive() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(!alive(), "the ProxyCommand outlived its host");
}

/// The inventory's zd1 at the target with root's key and no ssh arguments.
fn direct_inventory(with_key: bool) -> String {
    let mut inventory = HEAD.to_string()
        + "          ansible_host: 127.0.0.73\n          ansible_port: $PORT\n          ansible_user: root\n";
    if with_key {
        inventory += "          ansible_ssh_private_key_file: $KEY\n";
    }
    inventory
}

#[test]
fn the_known_hosts_files_the_ssh_config_names_are_the_ones_trusted() {
    let fleet = fleet();
    let dir = tempfile::tempdir().unwrap();
    let (user, global) = (dir.path().join("user_known"), dir.path().join("global_known"));
    fleet.write_known_hosts(&user, &[fleet.known_line(TARGET)]);
    fleet.write_known_hosts(&global, &[fleet.known_line(TARGET)]);
    let with = |user_file: &Path, global_file: &Path| {
        let repo = repo(
            &fleet,
            &direct_inventory(true),
            &format!(
                "Host 127.0.0.73\n  UserKnownHostsFile {}\n  GlobalKnownHostsFile {}\n",
                user_file.display(),
                global_file.display()
            ),
        );
        // `--known-hosts` (mb's tests always pass one) trusts nothing here.
        fleet.write_known_hosts(&repo.known_hosts(), &[]);
        repo
    };
    // With nothing in the config, ssh's defaults (the user's files, then the system's), then
    // mb's own.
    let defaults = repo(&fleet, &direct_inventory(true), "");
    let files = &hosts_json(&defaults)[0]["route"]["target"]["known_hosts"];
    assert_eq!(
        files,
        &serde_json::json!([
            "$TEST_ENV/home/.ssh/known_hosts",
            "$TEST_ENV/home/.ssh/known_hosts2",
            "/etc/ssh/ssh_known_hosts",
            "/etc/ssh/ssh_known_hosts2",
            "./.mb/known_hosts"
        ])
    );
    let nothing = Path::new("/dev/null");
    let repo = with(&user, nothing);
    let files = &hosts_json(&repo)[0]["route"]["target"]["known_hosts"];
    assert_eq!(files[0], user.display().to_string(), "{files}");
    assert_eq!(files[1], "/dev/null", "{files}");
    assert_eq!(audit(&repo, &[]).0, "ok", "UserKnownHostsFile");
    assert_eq!(audit(&with(nothing, &global), &[]).0, "ok", "GlobalKnownHostsFile");
    let (status, error, _) = audit(&with(nothing, nothing), &[]);
    assert_eq!(status, "host_key_unknown", "{error}");
}

/// An ssh-agent of the test's own, holding one key; stopped when dropped.
struct Agent {
    socket: std::path::PathBuf,
    child: std::process::Child,
    _dir: tempfile::TempDir,
}

impl Agent {
    fn holding(key: &Path) -> Agent {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("agent.sock");
        let child = std::process::Command::new("ssh-agent")
            .arg("-D")
            .arg("-a")
            .arg(&socket)
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("ssh-agent (openssh-client) is installed");
        let mut agent = Agent { socket, child, _dir: dir };
        // The socket file appears at bind(), before the agent listens: a connect is refused
        // until then, so wait for one to be accepted, not for the file.
        for _ in 0..250 {
            if std::os::unix::net::UnixStream::connect(&agent.socket).is_ok() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let added = std::process::Command::new("ssh-add")
            .arg("-q")
            .arg(key)
            .env("SSH_AUTH_SOCK", &agent.socket)
            .output()
            .unwrap();
        assert!(added.status.success(), "ssh-add: {}", String::from_utf8_lossy(&added.stderr));
        agent.child.try_wait().unwrap();
        agent
    }
}

impl Drop for Agent {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn identities_only_keeps_the_agents_keys_out() {
    let fleet = fleet();
    // The agent holds root's key; the config names a key the host refuses.
    let agent = Agent::holding(&fleet.user_key);
    let with = |only: &str| {
        let mut repo = repo(
            &fleet,
            &direct_inventory(false),
            &format!("Host 127.0.0.73\n  IdentityFile {}\n  IdentitiesOnly {only}\n", fleet.stranger_key.display()),
        );
        repo.env.set_env("SSH_AUTH_SOCK", &agent.socket);
        repo
    };
    let (status, error, _) = audit(&with("no"), &[]);
    assert_eq!(status, "ok", "the agent's key after the refused one: {error}");
    let (status, error, _) = audit(&with("yes"), &[]);
    assert_eq!(status, "auth_failed", "{error}");
    assert!(!error.contains("ssh-agent"), "the agent is not asked: {error}");
}

#[test]
fn ansibles_faq_recipe_runs_the_real_ssh_as_the_proxy_command() {
    // `ssh -W %h:%p -q user@gateway` from Ansible's FAQ, with OpenSSH's own client as the
    // command: it logs in to hop1 and forwards its stdio to the target, which mb then
    // authenticates and checks the host key of, as ever.
    let fleet = fleet();
    let dir = tempfile::tempdir().unwrap();
    let gateway_known = dir.path().join("gateway_known_hosts");
    fleet.write_known_hosts(&gateway_known, &[fleet.known_line(HOP1)]);
    let command = format!(
        "ssh -F /dev/null -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile={} -i {} -p {} -W %h:%p -q root@{HOP1}",
        gateway_known.display(),
        fleet.user_key.display(),
        fleet.port
    );
    let inventory =
        format!("{}          ansible_ssh_common_args: '-o ProxyCommand=\"{command}\"'\n", direct_inventory(true));
    let repo = repo(&fleet, &inventory, "");
    let json = hosts_json(&repo);
    assert_eq!(json[0]["jump"], Value::Null);
    let shown = json[0]["proxy_command"].as_str().unwrap().to_string();
    assert!(shown.ends_with(&format!("-W 127.0.0.73:$PORT -q root@{HOP1}")), "{shown}");
    let (status, error, _) = audit(&repo, &[]);
    assert_eq!(status, "ok", "{error}");
    // ssh does not trust the gateway: the command fails, so does the host; mb does not go
    // around the gateway.
    fleet.write_known_hosts(&gateway_known, &[]);
    let (status, error, _) = audit(&repo, &[]);
    assert_ne!(status, "ok", "{error}");
    assert!(error.contains("ProxyCommand"), "{error}");
}
