//! known_hosts, read as OpenSSH reads it: which keys are trusted for a host, which are
//! revoked, and which host-key algorithm to ask for first.
//!
//! The rules (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT", `hostfile.c`, `sshconnect.c`):
//! - a line is `[@marker] patterns keytype base64 [comment]`, fields split by any run of
//!   spaces or tabs; blank lines and `#` comments are skipped;
//! - `patterns` is a comma list of `*`/`?` wildcards, `!negations` and `[host]:port`, matched
//!   case-insensitively against `host` (port 22) or `[host]:port`; or one hashed `|1|salt|hash`;
//! - `@revoked` refuses its key (or a certificate signed by it); `@cert-authority` trusts host
//!   certificates its key signed;
//! - **any** plain key recorded for the host, of any type, makes a different presented key a
//!   mismatch, never "unknown": a server offering RSA to a client that knows its ed25519 key is
//!   treated as an impostor. To avoid false alarms the client asks for the known types first.
//!
//! A line that cannot be read is skipped with a warning naming its file and line (counting
//! every line, comments included); the rest of the file still counts.

use std::fmt;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use data_encoding::BASE64;
use hmac::{Hmac, KeyInit as _, Mac as _};
use russh::keys::ssh_key::certificate::CertType;
use russh::keys::{Algorithm, Certificate, EcdsaCurve, HashAlg, PublicKey};
use sha1::Sha1;

/// The most of one known_hosts file mb reads; the rest is ignored with a warning.
const FILE_CAP: u64 = 64 << 20;

/// Where a line came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub file: PathBuf,
    /// 1-based, counting every line of the file.
    pub line: usize,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file.display(), self.line)
    }
}

/// A line mb skipped, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub place: Place,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Plain,
    CertAuthority,
    Revoked,
}

#[derive(Debug, Clone)]
struct Entry {
    place: Place,
    marker: Marker,
    patterns: String,
    key: PublicKey,
}

/// What known_hosts says about a presented key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// A plain line records this key for the host, or a trusted authority signed its certificate.
    Trusted,
    /// An `@revoked` line names the key (or the authority that signed the certificate).
    Revoked(Place),
    /// The host is known by another key (of this or any other type): the first such line.
    Changed(Place),
    /// Nothing is recorded for the host.
    Unknown,
    /// A certificate from a trusted authority that is not valid for this host.
    BadCertificate(String),
}

/// Every readable line of the known_hosts files of a run, in the order given.
#[derive(Debug, Clone, Default)]
pub struct KnownHosts {
    entries: Vec<Entry>,
}

impl KnownHosts {
    /// Reads the files; a missing file is no error (OpenSSH ignores it too), an unreadable one
    /// is a warning.
    pub fn load(files: &[PathBuf]) -> (KnownHosts, Vec<Warning>) {
        let mut all = KnownHosts::default();
        let mut warnings = Vec::new();
        for file in files {
            let mut text = Vec::new();
            let read = std::fs::File::open(file).and_then(|f| f.take(FILE_CAP + 1).read_to_end(&mut text));
            match read {
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => {
                    warnings.push(Warning {
                        place: Place { file: file.clone(), line: 0 },
                        message: format!("cannot read this known_hosts file ({e}); no key in it is trusted"),
                    });
                    continue;
                }
            }
            if text.len() as u64 > FILE_CAP {
                text.truncate(FILE_CAP as usize);
                warnings.push(Warning {
                    place: Place { file: file.clone(), line: 0 },
                    message: format!("larger than {} MiB; the rest is ignored", FILE_CAP >> 20),
                });
            }
            all.add(file, &text, &mut warnings);
        }
        (all, warnings)
    }

    /// Reads one file's content.
    pub fn parse(file: &Path, text: &[u8]) -> (KnownHosts, Vec<Warning>) {
        let mut all = KnownHosts::default();
        let mut warnings = Vec::new();
        all.add(file, text, &mut warnings);
        (all, warnings)
    }

    fn add(&mut self, file: &Path, text: &[u8], warnings: &mut Vec<Warning>) {
        for (index, raw) in text.split(|b| *b == b'\n').enumerate() {
            let place = Place { file: file.to_path_buf(), line: index + 1 };
            let line = String::from_utf8_lossy(raw);
            match parse_line(&line) {
                Ok(None) => {}
                Ok(Some((marker, patterns, key))) => {
                    self.entries.push(Entry { place, marker, patterns: patterns.to_string(), key })
                }
                Err(why) => warnings.push(Warning { place, message: format!("{why}; line skipped") }),
            }
        }
    }

    fn for_host<'a>(&'a self, host: &str, port: u16) -> impl Iterator<Item = &'a Entry> + use<'a> {
        let name = lookup_name(host, port).to_ascii_lowercase();
        self.entries.iter().filter(move |e| patterns_match(&e.patterns, &name))
    }

    /// The lines that name the host (any marker), as `ssh-keygen -F` lists them.
    pub fn matching_lines(&self, host: &str, port: u16) -> Vec<Place> {
        self.for_host(host, port).map(|e| e.place.clone()).collect()
    }

    /// The host-key algorithms to ask the server for, most wanted first: the types already
    /// recorded for the host, then every other one. The flag says whether an authority is
    /// trusted for the host (then certificates are asked for first).
    pub fn preferred_algorithms(&self, host: &str, port: u16, defaults: &[Algorithm]) -> (Vec<Algorithm>, bool) {
        let mut wanted: Vec<Algorithm> = Vec::new();
        let mut authority = false;
        for entry in self.for_host(host, port) {
            match entry.marker {
                Marker::Revoked => {}
                Marker::CertAuthority => authority = true,
                Marker::Plain => {
                    let algorithms = match entry.key.algorithm() {
                        Algorithm::Rsa { .. } => {
                            vec![
                                Algorithm::Rsa { hash: Some(HashAlg::Sha512) },
                                Algorithm::Rsa { hash: Some(HashAlg::Sha256) },
                            ]
                        }
                        other => vec![other],
                    };
                    for a in algorithms {
                        if defaults.contains(&a) && !wanted.contains(&a) {
                            wanted.push(a);
                        }
                    }
                }
            }
        }
        for a in defaults {
            if !wanted.contains(a) {
                wanted.push(a.clone());
            }
        }
        (wanted, authority)
    }

    /// The verdict on a plain key the host presented.
    pub fn check_key(&self, host: &str, port: u16, key: &PublicKey) -> Verdict {
        let entries: Vec<&Entry> = self.for_host(host, port).collect();
        if let Some(revoked) =
            entries.iter().find(|e| e.marker == Marker::Revoked && e.key.key_data() == key.key_data())
        {
            return Verdict::Revoked(revoked.place.clone());
        }
        let plain = || entries.iter().filter(|e| e.marker == Marker::Plain);
        if plain().any(|e| e.key.key_data() == key.key_data()) {
            return Verdict::Trusted;
        }
        // Cite a line of the same type when there is one: it is the one that "changed".
        let same_type = plain().find(|e| e.key.algorithm() == key.algorithm());
        match same_type.or_else(|| plain().next()) {
            Some(entry) => Verdict::Changed(entry.place.clone()),
            None => Verdict::Unknown,
        }
    }

    /// The verdict on a host certificate, at `now` (seconds since the epoch). A certificate no
    /// trusted authority signed is judged by its plain key, as OpenSSH does.
    pub fn check_certificate(&self, host: &str, port: u16, cert: &Certificate, now: u64) -> Verdict {
        let plain_key = PublicKey::new(cert.public_key().clone(), "");
        let entries: Vec<&Entry> = self.for_host(host, port).collect();
        let revoked = |data: &russh::keys::ssh_key::public::KeyData| {
            entries.iter().find(|e| e.marker == Marker::Revoked && e.key.key_data() == data).map(|e| e.place.clone())
        };
        if let Some(place) = revoked(cert.public_key()).or_else(|| revoked(cert.signature_key())) {
            return Verdict::Revoked(place);
        }
        let authority =
            entries.iter().any(|e| e.marker == Marker::CertAuthority && e.key.key_data() == cert.signature_key());
        if !authority {
            return self.check_key(host, port, &plain_key);
        }
        let ca_fingerprint = cert.signature_key().fingerprint(HashAlg::Sha256);
        if let Err(e) = cert.validate_at(now, [&ca_fingerprint]) {
            return Verdict::BadCertificate(format!("its certificate does not validate: {e}"));
        }
        if cert.cert_type() != CertType::Host {
            return Verdict::BadCertificate("its certificate is a user certificate, not a host one".into());
        }
        if !cert.critical_options().is_empty() {
            return Verdict::BadCertificate("its certificate carries critical options".into());
        }
        let principals = cert.valid_principals();
        if !principals.is_empty() && !principals.iter().any(|p| p.eq_ignore_ascii_case(host)) {
            return Verdict::BadCertificate(format!("its certificate names {} but not {host}", principals.join(", ")));
        }
        Verdict::Trusted
    }

    /// Whether any line, readable or not, was loaded at all (for messages).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The name a host is recorded under: `host` on port 22, `[host]:port` otherwise.
pub fn lookup_name(host: &str, port: u16) -> String {
    if port == 22 { host.to_string() } else { format!("[{host}]:{port}") }
}

/// One line: `Ok(None)` for a blank or comment line.
fn parse_line(line: &str) -> Result<Option<(Marker, &str, PublicKey)>, String> {
    let line = line.strip_suffix('\r').unwrap_or(line);
    let mut fields = line.split([' ', '\t']).filter(|f| !f.is_empty());
    let Some(mut first) = fields.next() else {
        return Ok(None);
    };
    if first.starts_with('#') {
        return Ok(None);
    }
    let marker = match first {
        "@cert-authority" => Marker::CertAuthority,
        "@revoked" => Marker::Revoked,
        m if m.starts_with('@') => return Err(format!("unknown marker `{}`", m.chars().take(40).collect::<String>())),
        _ => Marker::Plain,
    };
    if marker != Marker::Plain {
        first = fields.next().ok_or("a marker but no host patterns")?;
    }
    let patterns = first;
    let kind = fields.next().ok_or("host patterns but no key")?;
    let blob = fields.next().ok_or_else(|| format!("a `{}` key with no base64 data", shorten(kind)))?;
    let bytes =
        BASE64.decode(blob.as_bytes()).map_err(|_| format!("the `{}` key is not valid base64", shorten(kind)))?;
    let key = PublicKey::from_bytes(&bytes).map_err(|e| format!("cannot read the `{}` key ({e})", shorten(kind)))?;
    if key.algorithm().as_str() != kind {
        return Err(format!("the line says `{}` but its key is {}", shorten(kind), key.algorithm()));
    }
    Ok(Some((marker, patterns, key)))
}

fn shorten(s: &str) -> String {
    s.chars().take(60).collect()
}

/// A hashed name (`|1|salt|hash`) or a comma list of patterns, as OpenSSH's `match_hostname`:
/// any negated pattern that matches excludes the host; otherwise any positive one includes it.
/// `name` is already lower-case, as ssh lower-cases host names before any lookup.
fn patterns_match(patterns: &str, name: &str) -> bool {
    if let Some(hashed) = patterns.strip_prefix("|1|") {
        return hashed_match(hashed, name);
    }
    let mut positive = false;
    for pattern in patterns.split(',') {
        let (negated, pattern) = match pattern.strip_prefix('!') {
            Some(p) => (true, p),
            None => (false, pattern),
        };
        if glob(pattern.to_ascii_lowercase().as_bytes(), name.as_bytes()) {
            if negated {
                return false;
            }
            positive = true;
        }
    }
    positive
}

fn hashed_match(hashed: &str, name: &str) -> bool {
    let Some((salt, hash)) = hashed.split_once('|') else {
        return false;
    };
    let (Ok(salt), Ok(hash)) = (BASE64.decode(salt.as_bytes()), BASE64.decode(hash.as_bytes())) else {
        return false;
    };
    match Hmac::<Sha1>::new_from_slice(&salt) {
        Ok(mac) => mac.chain_update(name.as_bytes()).verify_slice(&hash).is_ok(),
        Err(_) => false,
    }
}

/// `*` and `?` wildcards, in time linear in the text for each star (no backtracking blow-up).
pub(crate) fn glob(pattern: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && (pattern[p] == b'?' || pattern[p] == text[t]) {
            p += 1;
            t += 1;
        } else if p < pattern.len() && pattern[p] == b'*' {
            star = Some((p, t));
            p += 1;
        } else if let Some((sp, st)) = star {
            p = sp + 1;
            t = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|c| *c == b'*')
}

/// The algorithms mb asks for when nothing is known: russh's defaults.
pub fn default_algorithms() -> Vec<Algorithm> {
    vec![
        Algorithm::Ed25519,
        Algorithm::Ecdsa { curve: EcdsaCurve::NistP256 },
        Algorithm::Ecdsa { curve: EcdsaCurve::NistP384 },
        Algorithm::Ecdsa { curve: EcdsaCurve::NistP521 },
        Algorithm::Rsa { hash: Some(HashAlg::Sha512) },
        Algorithm::Rsa { hash: Some(HashAlg::Sha256) },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    const ED: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE4NR9ve3aDCQiBqmeTnCOsDlfXzgZOnx2QbvT4JfOR2";

    fn parse(text: &str) -> (KnownHosts, Vec<Warning>) {
        KnownHosts::parse(Path::new("kh"), text.as_bytes())
    }

    #[test]
    fn globs() {
        assert!(glob(b"*.example.com", b"a.example.com"));
        assert!(!glob(b"*.example.com", b"example.com"));
        assert!(glob(b"10.0.0.?", b"10.0.0.7"));
        assert!(glob(b"*", b""));
        assert!(!glob(b"a*a*a*a*a*a*b", "a".repeat(5000).as_bytes()));
    }

    #[test]
    fn negation_excludes() {
        assert!(patterns_match("*.lan,!db.lan", "web.lan"));
        assert!(!patterns_match("*.lan,!db.lan", "db.lan"));
        assert!(!patterns_match("!db.lan", "web.lan"));
        assert!(patterns_match("[h]:2222", "[h]:2222"));
        assert!(!patterns_match("h", "[h]:2222"));
        assert!(patterns_match("WEB", "web"));
    }

    #[test]
    fn bad_lines_are_skipped_and_named() {
        let text = format!("# comment\n\ngarbage\n@weird h {ED}\nh ssh-ed25519 !!!\nh\t {ED}\n");
        let (known, warnings) = parse(&text);
        let lines: Vec<usize> = warnings.iter().map(|w| w.place.line).collect();
        assert_eq!(lines, vec![3, 4, 5]);
        assert_eq!(known.matching_lines("h", 22), vec![Place { file: "kh".into(), line: 6 }]);
    }

    #[test]
    fn any_bytes_never_panic() {
        for text in
            ["@revoked", "@cert-authority h", "|1|", "|1|x|y ssh-ed25519 AAAA", "h ssh-rsa AAAA===", "\u{0}\u{ff}"]
        {
            let _ = parse(text);
        }
    }
}
