//! A real OpenSSH `sshd` serving a fleet of hosts on 127.0.0.x, each chrooted into its own
//! tree of fixture files and shims (`tests/fleet/hosts/<name>`), for audits over real SSH.
//!
//! Needs root (chroot), `/usr/sbin/sshd`, `ssh-keygen`, busybox and dash; `.ci/run` installs
//! what Debian does not ship by default. Everything the fleet starts is killed when it is
//! dropped: the listener, and every process whose root directory is inside the fleet
//! (sessions, hung commands).

use std::io::Write as _;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::common::{copy_tree, repo_root};

/// What a fleet host is.
#[derive(Clone, Debug)]
pub enum Kind {
    /// A chroot of `tests/fleet/hosts/<fixture>`.
    Tree(&'static str),
    /// Accepts the SSH session and then runs `sleep` for ever.
    Hang,
    /// Answers the probe script with tens of megabytes.
    Huge,
}

#[derive(Clone, Debug)]
pub struct FleetHost {
    pub name: &'static str,
    pub address: &'static str,
    pub kind: Kind,
}

pub struct Fleet {
    pub dir: PathBuf,
    pub port: u16,
    /// The key root logs in with.
    pub user_key: PathBuf,
    /// A key no host accepts.
    pub stranger_key: PathBuf,
    host_key_pub: String,
    other_key_pub: String,
    /// Every host key sshd offers, by type (`ed25519`, `ecdsa`, `rsa`): `type base64`.
    host_keys: Vec<(&'static str, String)>,
    /// The authority that signs host certificates (with `start_certified`): `type base64`.
    pub ca_key_pub: String,
    sshd: Option<Child>,
}

static SERIAL: AtomicUsize = AtomicUsize::new(0);

fn run(cmd: &mut Command) {
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(out.status.success(), "{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
}

/// The busybox whose applets (`od`, `cat`, `sed`, `stat`, …) fill each host's `/bin`:
/// `MB_TEST_BUSYBOX` if set, else the system's. Either flavour will do (dynamic or static, with
/// or without `FEATURE_SH_STANDALONE`), because busybox's shell is never the hosts' shell.
fn busybox() -> PathBuf {
    if let Some(path) = std::env::var_os("MB_TEST_BUSYBOX") {
        let path = PathBuf::from(path);
        assert!(path.is_file(), "MB_TEST_BUSYBOX={} is not a file", path.display());
        return path;
    }
    ["/bin/busybox", "/usr/bin/busybox"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .expect("busybox is needed for the sshd fleet (apt-get install busybox; .ci/run does)")
}

/// Debian's `dash` (Essential, so always there): the hosts' `/bin/sh` and login shell. A
/// busybox built with `FEATURE_SH_STANDALONE` (Debian's `busybox-static`) would run its own
/// `ip` applet before looking at PATH, shadowing the fleet's `ip` shim; dash always looks at PATH.
fn dash() -> PathBuf {
    ["/bin/dash", "/usr/bin/dash"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .expect("dash is needed for the sshd fleet (apt-get install dash)")
}

/// The shared libraries a binary loads, as `ldd` lists them (absolute paths); none for a
/// static binary.
fn libraries(binary: &Path) -> Vec<PathBuf> {
    let out = Command::new("ldd").arg(binary).output().expect("ldd");
    String::from_utf8_lossy(&out.stdout).split_whitespace().filter(|w| w.starts_with('/')).map(PathBuf::from).collect()
}

/// Copies a binary to `to` inside `root`, with the libraries it loads at their own paths.
fn install_binary(root: &Path, binary: &Path, to: &str) {
    std::fs::copy(binary, root.join(to)).unwrap();
    for lib in libraries(binary) {
        let target = root.join(lib.strip_prefix("/").unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&lib, &target).unwrap();
    }
}

/// A port free on loopback now and given to no other fleet of this test process. Fleets of
/// the same test file listen on the same addresses (`127.0.0.71`, …): were two given one port,
/// the second sshd could not bind an address the first holds, its readiness check would find
/// the first one listening there, and its test would talk to the other fleet's sshd (other
/// host keys, other authorized keys: `SSH handshake … failed: Disconnected` through a
/// ProxyCommand, seen once under the full suite's load).
fn free_port() -> u16 {
    static GIVEN: std::sync::Mutex<std::collections::BTreeSet<u16>> =
        std::sync::Mutex::new(std::collections::BTreeSet::new());
    loop {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port on loopback");
        if GIVEN.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(port) {
            return port;
        }
    }
}

fn keygen(path: &Path) -> String {
    keygen_type(path, "ed25519")
}

/// A key pair of this type (`ed25519`, `ecdsa`, `rsa`); its public half as `type base64`.
pub fn keygen_type(path: &Path, kind: &str) -> String {
    run(Command::new("ssh-keygen").args(["-q", "-t", kind, "-N", "", "-C", "mb-test", "-f"]).arg(path));
    std::fs::read_to_string(path.with_extension("pub"))
        .expect("public key")
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A chroot: dash as `/bin/sh` and at root's login-shell path, busybox for every other
/// applet, /dev/null, and the host's fixture tree on top.
fn build_root(root: &Path, fixture: Option<&str>) {
    for dir in ["bin", "usr/bin", "usr/local/bin", "etc", "dev", "tmp", "root"] {
        std::fs::create_dir_all(root.join(dir)).unwrap();
    }
    install_binary(root, &busybox(), "bin/busybox");
    let applets = Command::new(root.join("bin/busybox")).arg("--list").output().expect("busybox --list").stdout;
    for applet in String::from_utf8_lossy(&applets).lines().filter(|a| !["sh", "ash", "hush"].contains(a)) {
        let _ = std::os::unix::fs::symlink("busybox", root.join("bin").join(applet));
    }
    install_binary(root, &dash(), "bin/dash");
    std::os::unix::fs::symlink("dash", root.join("bin/sh")).unwrap();
    // sshd runs `$SHELL -c …` with root's shell from the real /etc/passwd (often /bin/bash,
    // which may also be a busybox applet): make that path dash too.
    let shell = std::fs::read_to_string("/etc/passwd")
        .ok()
        .and_then(|p| p.lines().find(|l| l.starts_with("root:")).and_then(|l| l.rsplit(':').next().map(str::to_string)))
        .unwrap_or_else(|| "/bin/sh".into());
    let shell_path = root.join(shell.trim_start_matches('/'));
    if shell_path != root.join("bin/sh") && shell_path != root.join("bin/dash") {
        std::fs::create_dir_all(shell_path.parent().unwrap()).unwrap();
        let _ = std::fs::remove_file(&shell_path);
        std::os::unix::fs::symlink("/bin/dash", &shell_path).unwrap();
    }
    let null = root.join("dev/null");
    run(Command::new("mknod").arg(&null).args(["c", "1", "3"]));
    chmod(&null, 0o666);
    chmod(&root.join("tmp"), 0o1777);
    if let Some(name) = fixture {
        let shared = repo_root().join("tests/fleet/shims");
        if shared.is_dir() {
            copy_tree(&shared, &root.join("usr/local/bin"));
        }
        copy_tree(&repo_root().join("tests/fleet/hosts").join(name), root);
    }
}

fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

impl Fleet {
    /// A fleet whose sshd has one ed25519 host key.
    pub fn start(hosts: &[FleetHost]) -> Fleet {
        Fleet::start_with_host_keys(hosts, &["ed25519"])
    }

    /// A fleet whose sshd offers a host key of each of these types, in this order of
    /// preference (`ed25519`, `ecdsa`, `rsa`).
    pub fn start_with_host_keys(hosts: &[FleetHost], types: &[&'static str]) -> Fleet {
        Fleet::launch(hosts, types, None)
    }

    /// A fleet whose ed25519 host key also has a host certificate, signed by the fleet's CA
    /// (`ca_key`) for these principals.
    pub fn start_certified(hosts: &[FleetHost], principals: &[&str]) -> Fleet {
        Fleet::launch(hosts, &["ed25519"], Some(principals))
    }

    fn launch(hosts: &[FleetHost], types: &[&'static str], principals: Option<&[&str]>) -> Fleet {
        assert!(
            Path::new("/usr/sbin/sshd").is_file(),
            "OpenSSH's sshd is needed for these tests (apt-get install openssh-server; .ci/run does)"
        );
        // ChrootDirectory wants every component root-owned and not writable by others, which
        // rules out /tmp; /run is root's.
        let dir =
            PathBuf::from(format!("/run/mb-test-{}-{}", std::process::id(), SERIAL.fetch_add(1, Ordering::SeqCst)));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create the fleet under /run (the tests run as root)");
        chmod(&dir, 0o755);
        std::fs::create_dir_all("/run/sshd").ok();
        let port = free_port();
        let mut host_keys = Vec::new();
        for kind in types {
            let path = if *kind == types[0] { dir.join("host_key") } else { dir.join(format!("host_key_{kind}")) };
            host_keys.push((*kind, keygen_type(&path, kind)));
        }
        let host_key_pub = host_keys[0].1.clone();
        let ca_key_pub = keygen(&dir.join("ca_key"));
        if let Some(principals) = principals {
            run(Command::new("ssh-keygen")
                .args(["-q", "-s"])
                .arg(dir.join("ca_key"))
                .args(["-I", "mb-test-host", "-h", "-n", &principals.join(",")])
                .arg(dir.join("host_key.pub")));
        }
        let other_key_pub = keygen(&dir.join("other_host_key"));
        let user_pub = keygen(&dir.join("user_key"));
        keygen(&dir.join("stranger_key"));
        std::fs::write(dir.join("authorized_keys"), format!("{user_pub}\n")).unwrap();
        let mut config = String::new();
        for kind in types {
            let name = if *kind == types[0] { "host_key".to_string() } else { format!("host_key_{kind}") };
            config.push_str(&format!("HostKey {}/{name}\n", dir.display()));
        }
        if principals.is_some() {
            config.push_str(&format!("HostCertificate {}/host_key-cert.pub\n", dir.display()));
        }
        config += &format!(
            "Port {port}\nPidFile {dir}/sshd.pid\nAuthorizedKeysFile {dir}/authorized_keys\n\
             PermitRootLogin prohibit-password\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n\
             UsePAM no\nStrictModes no\nPrintMotd no\nLogLevel ERROR\nMaxStartups 2000\nMaxSessions 50\n\
             AllowTcpForwarding yes\n",
            dir = dir.display()
        );
        for h in hosts {
            config.push_str(&format!("ListenAddress {}:{port}\n", h.address));
        }
        for h in hosts {
            let root = dir.join("hosts").join(h.name);
            let (fixture, force) = match &h.kind {
                Kind::Tree(f) => (Some(*f), None),
                Kind::Hang => (None, Some("sleep 3600")),
                Kind::Huge => (None, Some("yes mbmbmbmbmbmbmbmbmbmbmbmbmbmbmbmb | head -c 60000000")),
            };
            build_root(&root, fixture);
            config.push_str(&format!("Match LocalAddress {}\n    ChrootDirectory {}\n", h.address, root.display()));
            if let Some(cmd) = force {
                config.push_str(&format!("    ForceCommand {cmd}\n"));
            }
        }
        let config_path = dir.join("sshd_config");
        std::fs::write(&config_path, config).unwrap();
        run(Command::new("/usr/sbin/sshd").arg("-t").arg("-f").arg(&config_path));
        let sshd = Command::new("/usr/sbin/sshd")
            .args(["-D", "-e", "-f"])
            .arg(&config_path)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start sshd");
        let fleet = Fleet {
            user_key: dir.join("user_key"),
            stranger_key: dir.join("stranger_key"),
            dir,
            port,
            host_key_pub,
            other_key_pub,
            host_keys,
            ca_key_pub,
            sshd: Some(sshd),
        };
        let deadline = Instant::now() + Duration::from_secs(15);
        for h in hosts {
            while TcpStream::connect((h.address, port)).is_err() {
                assert!(Instant::now() < deadline, "sshd did not listen on {}:{port}", h.address);
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        fleet
    }

    /// A known_hosts line trusting the fleet's real host key for `address`.
    pub fn known_line(&self, address: &str) -> String {
        format!("[{address}]:{} {}", self.port, self.host_key_pub)
    }

    /// A known_hosts line recording another key for `address` (the key "changed").
    pub fn wrong_line(&self, address: &str) -> String {
        format!("[{address}]:{} {}", self.port, self.other_key_pub)
    }

    /// The fleet's host key of this type, as `type base64`.
    pub fn host_key(&self, kind: &str) -> String {
        self.host_keys.iter().find(|(k, _)| *k == kind).map(|(_, key)| key.clone()).expect("a host key of that type")
    }

    /// A known_hosts line trusting the fleet's host key of this type for `address`.
    pub fn known_line_of(&self, address: &str, kind: &str) -> String {
        format!("[{address}]:{} {}", self.port, self.host_key(kind))
    }

    /// Writes a known_hosts file.
    pub fn write_known_hosts(&self, path: &Path, lines: &[String]) {
        let mut f = std::fs::File::create(path).unwrap();
        for l in lines {
            writeln!(f, "{l}").unwrap();
        }
    }

    /// The chroot of a host, to change its state between audits.
    pub fn root_of(&self, host: &str) -> PathBuf {
        self.dir.join("hosts").join(host)
    }
}

impl Drop for Fleet {
    fn drop(&mut self) {
        if let Some(mut sshd) = self.sshd.take() {
            let _ = sshd.kill();
            let _ = sshd.wait();
        }
        // Sessions and the commands they ran live on after the listener; find them by their
        // root directory, which is inside the fleet.
        kill_inside(&self.dir);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Kills every process whose root directory is `dir` or below it.
pub fn kill_inside(dir: &Path) {
    let Ok(procs) = std::fs::read_dir("/proc") else {
        return;
    };
    for p in procs.flatten() {
        let name = p.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.parse::<i32>().ok()) else {
            continue;
        };
        if std::fs::read_link(p.path().join("root")).is_ok_and(|r| r.starts_with(dir)) {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
        }
    }
}

/// A TCP listener that accepts connections and never says a word (an SSH server that hung).
pub struct Silent {
    pub port: u16,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Silent {
    pub fn start(address: &str) -> Silent {
        let listener = TcpListener::bind((address, 0)).expect("bind the silent listener");
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            let mut held = Vec::new();
            while !flag.load(Ordering::SeqCst) {
                if let Ok((s, _)) = listener.accept() {
                    held.push(s);
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        });
        Silent { port, stop, thread: Some(thread) }
    }
}

impl Drop for Silent {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Whatever busybox built the host, its shell finds the fleet's `ip` shim before busybox's own
/// `ip` applet (the trap of a busybox built with `FEATURE_SH_STANDALONE`).
#[test]
fn a_hosts_shell_finds_the_shims_before_busybox_applets() {
    let dir = tempfile::tempdir().unwrap();
    build_root(dir.path(), Some("zd1"));
    let out = Command::new("chroot")
        .arg(dir.path())
        .args(["/bin/sh", "-c", "PATH=/usr/local/bin:/bin; command -v ip; ip -brief link show dev wg0"])
        .output()
        .expect("chroot runs (the tests run as root)");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "/usr/local/bin/ip\nwg0              UNKNOWN        <POINTOPOINT,NOARP,UP,LOWER_UP> \n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
