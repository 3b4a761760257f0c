//! A deterministic generator of realistic Memory Banks (and rule files) for benchmarks.
//!
//! The same seed gives the same bytes on every machine, so figures measured by different
//! people on the same size describe the same input. Entries look like the ones infrastructure
//! teams write: dated H2 entries, the usual H3 sections, bullets with bold leads, settings,
//! inline code, nested bullets, numbered lists, bold pseudo-headings, the odd code block and
//! table.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::PathBuf;

/// xorshift64*: tiny, fast, and stable across Rust versions (unlike std's hashers).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const TOPICS: &[&str] = &[
    "Time Machine share on the NAS",
    "Proxmox firewall rules",
    "WireGuard mesh between sites",
    "ZFS replication to the backup box",
    "Proxmox 9 repository migration",
    "indexer container permissions",
    "Ceph to ZFS storage move",
    "corosync link redundancy",
    "certificate renewal on the reverse proxy",
    "Samba ACL cleanup",
    "swap on the hypervisors",
    "monitoring with node exporter",
    "DNS split horizon",
    "backup retention policy",
    "GPU passthrough on zd4",
];

const HOSTS: &[&str] =
    &["zd1", "zd2", "zd3", "zd4", "zd5", "zd6", "zd7", "nas1", "nas2", "ct101", "ct102", "pbs1", "edge1", "edge2"];

const SETTINGS: &[(&str, &[&str])] = &[
    ("fruit:locking", &["none", "posix", "netatalk"]),
    ("fruit:resource", &["xattr", "file", "stream"]),
    ("server role", &["standalone server", "member server"]),
    ("map to guest", &["Never", "Bad User"]),
    ("server min protocol", &["SMB3", "SMB2"]),
    ("vfs objects", &["catia fruit streams_xattr", "fruit streams_xattr"]),
    ("host msdfs", &["no", "yes"]),
    ("nt acl support", &["no", "yes"]),
];

const CODE_KEYS: &[(&str, &[&str])] = &[
    ("refquota", &["3T", "2T", "4T", "500G"]),
    ("timemachine_quota", &["3T", "2T", "4T"]),
    ("policy_out", &["ACCEPT", "DROP"]),
    ("mtu", &["1420", "1380", "1500"]),
    ("compression", &["zstd", "lz4", "off"]),
    ("recordsize", &["1M", "128K"]),
    ("manage_proxmox_repos", &["true", "false"]),
    ("keepalive", &["25", "15"]),
];

const VERBS: &[&str] = &[
    "Moved",
    "Fixed",
    "Replaced",
    "Documented",
    "Split",
    "Enabled",
    "Disabled",
    "Rewrote",
    "Verified",
    "Reverted",
    "Pinned",
    "Raised",
    "Lowered",
    "Renamed",
    "Removed",
];

const OBJECTS: &[&str] = &[
    "the firewall task into three calls",
    "the loopback ACCEPT rule to position 0",
    "the handler that restarts smbd",
    "duplicate rules left by earlier runs",
    "the per-host WireGuard templates",
    "the enterprise repository files",
    "the keyring path in Signed-By",
    "swap detection by partition type",
    "the vault lookup for private keys",
    "the restart wrapper with a rescue block",
    "idempotency of the ZFS property task",
    "the corosync second ring",
    "the admin network alias 10.10.68.0/24",
    "the pve-firewall service unit",
];

const REASONS: &[&str] = &[
    "so that a rerun changes nothing",
    "because the tunnel comes up after the first packets",
    "after the cluster locked itself out overnight",
    "to keep old and new Macs on one share",
    "since stateful tracking hid the gap for hours",
    "which the module only accepts as a list of dicts",
    "as the upstream image is built without that feature",
    "to avoid a disk-full error on the client",
];

const LEARNINGS: &[&str] = &[
    "Handlers cannot use block/rescue; restart logic belongs in tasks.",
    "Stateful tracking masks missing rules until connections reset.",
    "Fresh clusters return only a digest from the options endpoint.",
    "The ZFS quota and the advertised Time Machine size must agree.",
    "Per-host templates scale poorly; one data-driven template does better.",
    "nftables logs to the journal, not to syslog.",
    "The official image enforces TLS unless built with a feature flag.",
];

fn date(rng: &mut Rng, year: u32) -> String {
    format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28))
}

fn setting_sentence(rng: &mut Rng) -> String {
    if rng.chance(50) {
        let (key, values) = SETTINGS[rng.below(SETTINGS.len())];
        let value = rng.pick(values);
        match rng.below(3) {
            0 => format!("Keep {key} = {value} {}.", rng.pick(REASONS)),
            1 => format!("Use `{key} = {value}` on every share."),
            _ => format!("Set {key} = {value} on {}.", rng.pick(HOSTS)),
        }
    } else {
        let (key, values) = CODE_KEYS[rng.below(CODE_KEYS.len())];
        let value = rng.pick(values);
        format!("`{key}` set to {value} on {} {}.", rng.pick(HOSTS), rng.pick(REASONS))
    }
}

fn change_sentence(rng: &mut Rng) -> String {
    let mut s = format!("{} {} {}", rng.pick(VERBS), rng.pick(OBJECTS), rng.pick(REASONS));
    if rng.chance(30) {
        let _ = write!(
            s,
            " (see `roles/{}/tasks/main.yml`)",
            rng.pick(&["samba", "proxmox_hypervisor", "wireguard", "base_server"])
        );
    }
    s.push('.');
    s
}

/// One dated entry, written the way people write them. Every 997th entry (counted by
/// `serial`) mentions a CVE id, so benchmarks have rare words to look for.
fn entry(rng: &mut Rng, out: &mut String, year: u32, serial: usize) {
    let topic = rng.pick(TOPICS);
    let d = date(rng, year);
    match rng.below(3) {
        0 => {
            let _ = writeln!(out, "## {topic} ({d})\n");
        }
        1 => {
            let _ = writeln!(out, "## {d} — {topic}\n");
        }
        _ => {
            let _ = writeln!(out, "## {d}: {topic}\n");
        }
    }
    let _ = writeln!(out, "### Current Focus");
    for _ in 0..1 + rng.below(3) {
        let _ = writeln!(out, "- {} on {}.", rng.pick(&["Stabilise", "Finish", "Test", "Roll out"]), rng.pick(TOPICS));
    }
    if rng.chance(40) {
        let _ = writeln!(out, "\n### Recent Changes ({})", date(rng, year));
    } else {
        let _ = writeln!(out, "\n### Recent Changes");
    }
    if rng.chance(50) {
        let _ = writeln!(out, "**{} (final fixes):**", rng.pick(&["Firewall", "Samba", "ZFS", "WireGuard"]));
    }
    for _ in 0..3 + rng.below(5) {
        if rng.chance(30) {
            let _ = writeln!(
                out,
                "- **{}:** {}",
                rng.pick(&["Quota", "Handlers", "Repos", "Keys", "Swap"]),
                setting_sentence(rng)
            );
        } else {
            let _ = writeln!(out, "- {}", change_sentence(rng));
        }
        if rng.chance(25) {
            for _ in 0..1 + rng.below(3) {
                let _ = writeln!(out, "  - {}", change_sentence(rng));
            }
        }
    }
    if rng.chance(20) {
        let _ = writeln!(
            out,
            "\n```yaml\n- name: {}\n  community.proxmox.proxmox_firewall:\n    update: true\n```",
            rng.pick(OBJECTS)
        );
    }
    let _ = writeln!(out, "\n### Next Steps");
    for n in 1..=1 + rng.below(4) {
        let _ = writeln!(
            out,
            "{n}. {} {} on {}.",
            rng.pick(&["Verify", "Monitor", "Deploy", "Re-test"]),
            rng.pick(OBJECTS),
            rng.pick(HOSTS)
        );
    }
    let _ = writeln!(out, "\n### Active Decisions & Considerations");
    for _ in 0..2 + rng.below(4) {
        let _ = writeln!(out, "- {}", setting_sentence(rng));
    }
    if rng.chance(30) {
        let _ = writeln!(out, "- Decision: {}", change_sentence(rng).to_lowercase());
    }
    if rng.chance(15) {
        let _ = writeln!(
            out,
            "\n| host | role |\n|---|---|\n| {} | hypervisor |\n| {} | storage |",
            rng.pick(HOSTS),
            rng.pick(HOSTS)
        );
    }
    if serial.is_multiple_of(997) {
        let _ = writeln!(out, "- Patched CVE-2025-{serial} on {} after the advisory.", rng.pick(HOSTS));
    }
    let _ = writeln!(out, "\n### Learnings & Insights");
    for _ in 0..1 + rng.below(3) {
        let _ = writeln!(out, "- {}", rng.pick(LEARNINGS));
    }
    let _ = writeln!(out, "\n---\n");
}

/// A Memory Bank of about `target_bytes`, split into files of about `file_bytes`.
pub fn memory_bank(seed: u64, target_bytes: usize, file_bytes: usize) -> Vec<(PathBuf, String)> {
    let mut rng = Rng::new(seed);
    let mut files = Vec::new();
    let mut total = 0;
    let mut n = 0;
    let mut serial = 0;
    while total < target_bytes {
        let mut text = String::with_capacity(file_bytes + 4096);
        let _ = writeln!(
            text,
            "# Active Context {n}\n\n## Active Context\n\n**Purpose:**  \nWhat we work on, what changed and what we decided.\n\n---\n"
        );
        let year = 2024 + (n % 3) as u32;
        while text.len() < file_bytes {
            serial += 1;
            entry(&mut rng, &mut text, year, serial);
        }
        total += text.len();
        let dir = ["", "hosts/", "archive/"][n % 3];
        files.push((PathBuf::from(format!("memory-bank/{dir}context-{n:05}.md")), text));
        n += 1;
    }
    files
}

/// Rule files with `checks_per_file` checks each, in the style of `rules/*.md`.
pub fn rule_files(seed: u64, files: usize, checks_per_file: usize) -> Vec<(PathBuf, String)> {
    let mut rng = Rng::new(seed ^ 0x5eed);
    let mut out = Vec::with_capacity(files);
    for f in 0..files {
        let topic = rng.pick(TOPICS);
        let mut text = format!("# Rules: {topic}\n\nWhy these checks exist: {}\n\n", rng.pick(LEARNINGS));
        for c in 0..checks_per_file {
            let (key, values) = SETTINGS[rng.below(SETTINGS.len())];
            let value = rng.pick(values);
            let _ = write!(
                text,
                "## {key}\n\n{} {}.\n\n```mb-check\nid: check-{f}-{c}\ntitle: {key} stays {value}\nhosts: {}\ndecision: \"{key} = {value}\"\nprobe:\n  file: /etc/samba/smb.conf\n  ini: {{ section: global, key: \"{key}\" }}\nexpect:\n  equals: \"{value}\"\n```\n\n",
                rng.pick(VERBS),
                rng.pick(OBJECTS),
                rng.pick(&["samba", "proxmox", "all", "proxmox:!zd3"]),
            );
        }
        out.push((PathBuf::from(format!("rules/generated-{f:04}.md")), text));
    }
    out
}
