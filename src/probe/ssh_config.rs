//! `~/.ssh/config` (or `-F FILE`) read as OpenSSH's `ssh` reads it, for the options that decide
//! where and as whom mb connects.
//!
//! The files are parsed once ([`SshConfig::load`]), `Include`s expanded in place; each lookup
//! ([`SshConfig::query`]) walks the lines in order as `ssh` does for one host: `Host` and
//! `Match` lines switch the lines below them on or off, the first value of an option wins
//! (values given first, as the command line's `-o` options are, win over every file), and
//! `IdentityFile`s add up. Keywords are case-insensitive, `Key value` and `Key=value` both
//! work, `"quoted words"` may hold spaces, `#` starts a comment. mb honours `HostName`, `User`,
//! `Port`, `IdentityFile`, `IdentitiesOnly`, `ProxyJump`, `ProxyCommand`,
//! `UserKnownHostsFile`, `GlobalKnownHostsFile` and `ConnectTimeout`; other options are read
//! past. `Match` understands `all`, `host`, `originalhost`, `user` and `localuser` (each may be
//! negated with `!`); a block with another criterion (`exec`, `final`, …) never applies, with a
//! warning naming its line. Lookups never read files: every `Include` was read at load time.
//! Tokens (`%h`, `~`) are left in the values; [`expand`] replaces them where ssh does.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::known_hosts::glob;

/// How deep `Include`s may nest (OpenSSH's `READCONF_MAX_DEPTH`).
const MAX_DEPTH: usize = 16;
/// A config larger than this is refused (a config is a few kilobytes).
const MAX_FILE: u64 = 4 << 20;

/// Where a line is, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
struct At {
    file: String,
    line: usize,
}

impl std::fmt::Display for At {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One `Match` criterion.
#[derive(Debug, Clone)]
enum Criterion {
    All,
    Host(String),
    OriginalHost(String),
    User(String),
    LocalUser(String),
    /// One mb does not evaluate (`exec`, `canonical`, `final`, `localnetwork`, `tagged`…).
    Unsupported(String),
}

#[derive(Debug, Clone)]
enum Item {
    Host(Vec<String>),
    Match(Vec<(bool, Criterion)>),
    /// An option: its lower-case keyword, its words, and the raw text after the keyword
    /// (ProxyCommand takes the rest of the line as written).
    Set {
        key: String,
        args: Vec<String>,
        raw: String,
    },
    Include(Vec<Item>),
}

/// The parsed configuration files.
#[derive(Debug, Clone, Default)]
pub struct SshConfig {
    items: Vec<Item>,
    /// Lines mb could not read or does not evaluate, with their file and line.
    pub warnings: Vec<String>,
    /// The files read, for messages.
    pub files: Vec<PathBuf>,
}

/// A proxy, as written (`none` included: it switches a later one off).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Proxy {
    Jump(String),
    Command(String),
}

/// What the configuration says for one host. `None` is "not set": ssh's default applies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub hostname: Option<String>,
    pub user: Option<String>,
    pub port: Option<u16>,
    /// In order, unexpanded (`~`, `%h`).
    pub identity_files: Vec<String>,
    pub identities_only: Option<bool>,
    pub proxy: Option<Proxy>,
    pub user_known_hosts: Option<Vec<String>>,
    pub global_known_hosts: Option<Vec<String>>,
    /// Seconds; `Some(None)` for `none`.
    pub connect_timeout: Option<Option<u64>>,
}

/// A value mb cannot use.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(pub String);

impl Settings {
    /// Applies one option (a config line or a command-line `-o`), unless an earlier value is
    /// already set. Options mb does not use are ignored.
    pub fn apply(&mut self, key: &str, args: &[String], raw: &str) -> Result<(), ConfigError> {
        let first = || args.first().cloned().ok_or_else(|| ConfigError(format!("{key}: no value")));
        match key {
            "hostname" => set(&mut self.hostname, first()?),
            "user" => set(&mut self.user, first()?),
            "port" => {
                let p = first()?;
                match p.parse::<u16>() {
                    Ok(port) if port > 0 => set(&mut self.port, port),
                    _ => return Err(ConfigError(format!("Port `{p}` is not a TCP port (1-65535)"))),
                }
            }
            "identityfile" => self.identity_files.push(first()?),
            "identitiesonly" => set(&mut self.identities_only, yes_no(key, &first()?)?),
            "proxyjump" if self.proxy.is_none() => {
                let spec = first()?;
                if spec != "none" {
                    for hop in spec.split(',') {
                        parse_hop(hop)?;
                    }
                }
                self.proxy = Some(Proxy::Jump(spec));
            }
            "proxycommand" => {
                let command = raw.trim();
                if command.is_empty() {
                    return Err(ConfigError("ProxyCommand: no command".into()));
                }
                set(&mut self.proxy, Proxy::Command(command.to_string()));
            }
            "userknownhostsfile" => set(&mut self.user_known_hosts, args.to_vec()),
            "globalknownhostsfile" => set(&mut self.global_known_hosts, args.to_vec()),
            "connecttimeout" => {
                let t = first()?;
                let secs = if t.eq_ignore_ascii_case("none") {
                    None
                } else {
                    Some(t.parse::<u64>().map_err(|_| ConfigError(format!("ConnectTimeout `{t}` is not seconds")))?)
                };
                set(&mut self.connect_timeout, secs);
            }
            _ => {}
        }
        Ok(())
    }

    /// An option as a command line's `-o` gives it: `Key=value` or `Key value`.
    pub fn apply_option(&mut self, option: &str) -> Result<(), ConfigError> {
        match split_line(option).map_err(ConfigError)? {
            Some((key, args, raw)) => self.apply(&key, &args, &raw),
            None => Ok(()),
        }
    }
}

fn set<T>(slot: &mut Option<T>, value: T) {
    if slot.is_none() {
        *slot = Some(value);
    }
}

fn yes_no(key: &str, value: &str) -> Result<bool, ConfigError> {
    match value.to_ascii_lowercase().as_str() {
        "yes" | "true" => Ok(true),
        "no" | "false" => Ok(false),
        _ => Err(ConfigError(format!("{key}: `{value}` is neither yes nor no"))),
    }
}

/// One hop of a `ProxyJump`: `[user@]host[:port]` (or `ssh://[user@]host[:port]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hop {
    pub user: Option<String>,
    pub host: String,
    pub port: Option<u16>,
}

pub fn parse_hop(spec: &str) -> Result<Hop, ConfigError> {
    let bad = || ConfigError(format!("ProxyJump `{spec}`: not [user@]host[:port]"));
    let rest = spec.strip_prefix("ssh://").unwrap_or(spec);
    let (user, rest) = match rest.rsplit_once('@') {
        Some((u, r)) if !u.is_empty() => (Some(u.to_string()), r),
        Some(_) => return Err(bad()),
        None => (None, rest),
    };
    let (host, port) = if let Some(inner) = rest.strip_prefix('[') {
        let (host, after) = inner.split_once(']').ok_or_else(bad)?;
        match after.strip_prefix(':') {
            Some(p) => (host, Some(p)),
            None if after.is_empty() => (host, None),
            None => return Err(bad()),
        }
    } else if rest.matches(':').count() == 1 {
        let (h, p) = rest.split_once(':').ok_or_else(bad)?;
        (h, Some(p))
    } else {
        (rest, None)
    };
    let port = match port {
        Some(p) => Some(p.parse::<u16>().ok().filter(|p| *p > 0).ok_or_else(bad)?),
        None => None,
    };
    if host.is_empty() || host.contains(char::is_whitespace) {
        return Err(bad());
    }
    Ok(Hop { user, host: host.to_string(), port })
}

impl SshConfig {
    /// Reads these files in order (the user's config, then the system's), with their
    /// `Include`s; a missing file is no error. Relative `Include`s are under `~/.ssh` for
    /// every file but `/etc/ssh/ssh_config`, whose are under `/etc/ssh`.
    pub fn load(files: &[PathBuf], home: Option<&Path>) -> Result<SshConfig, ConfigError> {
        let mut config = SshConfig::default();
        for file in files {
            let system = file.starts_with("/etc/ssh");
            let base = if system { Some(PathBuf::from("/etc/ssh")) } else { home.map(|h| h.join(".ssh")) };
            let mut loader = Loader { home, base, warnings: &mut config.warnings, files: &mut config.files };
            let items = loader.file(file, 0, true)?;
            config.items.extend(items);
        }
        Ok(config)
    }

    /// The settings for `host` (the name as ssh is given it), starting from `preset` (the
    /// command line's options, which win). `local_user` stands for the remote user while none
    /// is set, as ssh's `Match user` does.
    pub fn query(&self, host: &str, preset: Settings, local_user: &str) -> Settings {
        let mut settings = preset;
        let mut active = true;
        walk(&self.items, host, local_user, &mut settings, &mut active, false);
        settings
    }
}

fn walk(items: &[Item], host: &str, local_user: &str, s: &mut Settings, active: &mut bool, never: bool) {
    for item in items {
        match item {
            Item::Host(patterns) => *active = !never && host_matches(host, patterns),
            Item::Match(criteria) => *active = !never && match_matches(criteria, host, local_user, s),
            Item::Set { key, args, raw } => {
                if *active {
                    // Values were checked at load time; one that still fails is ignored.
                    let _ = s.apply(key, args, raw);
                }
            }
            Item::Include(inner) => {
                let saved = *active;
                walk(inner, host, local_user, s, active, never || !saved);
                *active = saved;
            }
        }
    }
}

/// `Host a b !c`: some pattern matches and no negated one does (case-sensitive, as ssh).
fn host_matches(host: &str, patterns: &[String]) -> bool {
    let mut matched = false;
    for p in patterns {
        match p.strip_prefix('!') {
            Some(neg) if glob(neg.as_bytes(), host.as_bytes()) => return false,
            Some(_) => {}
            None => matched |= glob(p.as_bytes(), host.as_bytes()),
        }
    }
    matched
}

/// A comma-separated pattern list (`a,*.lan,!db.lan`), as OpenSSH's `match_pattern_list`.
fn list_matches(value: &str, list: &str, fold_case: bool) -> bool {
    let value = if fold_case { value.to_ascii_lowercase() } else { value.to_string() };
    let mut matched = false;
    for p in list.split(',') {
        let p = if fold_case { p.to_ascii_lowercase() } else { p.to_string() };
        match p.strip_prefix('!') {
            Some(neg) if glob(neg.as_bytes(), value.as_bytes()) => return false,
            Some(_) => {}
            None => matched |= glob(p.as_bytes(), value.as_bytes()),
        }
    }
    matched
}

fn match_matches(criteria: &[(bool, Criterion)], host: &str, local_user: &str, s: &Settings) -> bool {
    // `Match host` sees the HostName set so far (its %h replaced), as ssh's first pass does.
    let current_host = match &s.hostname {
        Some(h) => expand(h, &[('h', host)]).unwrap_or_else(|_| h.clone()),
        None => host.to_string(),
    };
    let user = s.user.as_deref().unwrap_or(local_user);
    criteria.iter().all(|(negated, c)| {
        let hit = match c {
            Criterion::All => true,
            Criterion::Host(list) => list_matches(&current_host, list, true),
            Criterion::OriginalHost(list) => list_matches(host, list, true),
            Criterion::User(list) => list_matches(user, list, false),
            Criterion::LocalUser(list) => list_matches(local_user, list, false),
            Criterion::Unsupported(_) => return false,
        };
        hit != *negated
    })
}

struct Loader<'a> {
    home: Option<&'a Path>,
    base: Option<PathBuf>,
    warnings: &'a mut Vec<String>,
    files: &'a mut Vec<PathBuf>,
}

impl Loader<'_> {
    fn file(&mut self, path: &Path, depth: usize, top: bool) -> Result<Vec<Item>, ConfigError> {
        let shown = path.display().to_string();
        let text = match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && top => return Ok(Vec::new()),
            Err(e) => return Err(ConfigError(format!("{shown}: cannot read: {e}"))),
            Ok(meta) if meta.len() > MAX_FILE => {
                return Err(ConfigError(format!("{shown}: larger than {} MiB; not an ssh config", MAX_FILE >> 20)));
            }
            Ok(meta) if meta.is_dir() => return Err(ConfigError(format!("{shown}: a folder, not an ssh config"))),
            Ok(_) => std::fs::read(path).map_err(|e| ConfigError(format!("{shown}: cannot read: {e}")))?,
        };
        self.files.push(path.to_path_buf());
        let text = String::from_utf8_lossy(&text);
        let mut items = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let at = At { file: shown.clone(), line: i + 1 };
            let fail = |m: String| ConfigError(format!("{at}: {m}"));
            let Some((key, args, raw)) = split_line(line).map_err(fail)? else { continue };
            match key.as_str() {
                "host" => items.push(Item::Host(args)),
                "match" => {
                    let criteria = parse_match(&args).map_err(fail)?;
                    if let Some((_, Criterion::Unsupported(what))) =
                        criteria.iter().find(|(_, c)| matches!(c, Criterion::Unsupported(_)))
                    {
                        self.warnings.push(format!(
                            "{at}: `Match {what}` is not evaluated by mb; the block is treated as not matching"
                        ));
                    }
                    items.push(Item::Match(criteria));
                }
                "include" => {
                    if depth + 1 > MAX_DEPTH {
                        return Err(fail(format!("Include nested deeper than {MAX_DEPTH}")));
                    }
                    let mut inner = Vec::new();
                    for pattern in &args {
                        for found in self.include_paths(pattern) {
                            inner.extend(self.file(&found, depth + 1, false)?);
                        }
                    }
                    items.push(Item::Include(inner));
                }
                _ => {
                    // Check the value now, so a bad one is reported with its line.
                    Settings::default().apply(&key, &args, &raw).map_err(|e| fail(e.0))?;
                    items.push(Item::Set { key, args, raw });
                }
            }
        }
        Ok(items)
    }

    /// The files an `Include` names: `~` expanded, relative to the base folder, globbed.
    fn include_paths(&self, pattern: &str) -> Vec<PathBuf> {
        let expanded = match (pattern.strip_prefix("~/"), self.home) {
            (Some(rest), Some(home)) => home.join(rest),
            _ => PathBuf::from(pattern),
        };
        let full = if expanded.is_absolute() {
            expanded
        } else {
            match &self.base {
                Some(base) => base.join(expanded),
                None => return Vec::new(),
            }
        };
        let mut found = vec![PathBuf::from("/")];
        for part in full.components().skip(1) {
            let part = part.as_os_str().to_string_lossy().into_owned();
            let mut next = Vec::new();
            for dir in &found {
                if part.contains(['*', '?']) {
                    let mut names: Vec<String> = std::fs::read_dir(dir)
                        .into_iter()
                        .flatten()
                        .flatten()
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .filter(|n| {
                            glob(part.as_bytes(), n.as_bytes()) && (!n.starts_with('.') || part.starts_with('.'))
                        })
                        .collect();
                    names.sort();
                    next.extend(names.into_iter().map(|n| dir.join(n)));
                } else {
                    next.push(dir.join(&part));
                }
            }
            found = next;
        }
        found.into_iter().filter(|p| p.is_file()).collect()
    }
}

fn parse_match(args: &[String]) -> Result<Vec<(bool, Criterion)>, String> {
    let mut out = Vec::new();
    let mut words = args.iter();
    while let Some(word) = words.next() {
        let (negated, name) = match word.strip_prefix('!') {
            Some(n) => (true, n.to_ascii_lowercase()),
            None => (false, word.to_ascii_lowercase()),
        };
        let mut value = || words.next().cloned().ok_or_else(|| format!("Match {name}: no argument"));
        let criterion = match name.as_str() {
            "all" => Criterion::All,
            "host" => Criterion::Host(value()?),
            "originalhost" => Criterion::OriginalHost(value()?),
            "user" => Criterion::User(value()?),
            "localuser" => Criterion::LocalUser(value()?),
            "canonical" | "final" => Criterion::Unsupported(name.clone()),
            "exec" | "localnetwork" | "tagged" => Criterion::Unsupported(format!("{name} {}", value()?)),
            _ => return Err(format!("Match: unknown criterion `{word}`")),
        };
        out.push((negated, criterion));
    }
    if out.is_empty() {
        return Err("Match: no criteria".into());
    }
    Ok(out)
}

/// A config line → (lower-case keyword, words, the raw text after the keyword); `None` for a
/// blank line or a comment. As OpenSSH: the keyword ends at whitespace or one `=`.
pub(crate) fn split_line(line: &str) -> Result<Option<(String, Vec<String>, String)>, String> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    let end = line.find(|c: char| c.is_whitespace() || c == '=').unwrap_or(line.len());
    let key = line[..end].to_ascii_lowercase();
    let mut rest = line[end..].trim_start();
    if let Some(r) = rest.strip_prefix('=') {
        rest = r.trim_start();
    }
    if rest.is_empty() {
        return Err(format!("no argument after keyword `{}`", &line[..end]));
    }
    let args = words(rest)?;
    Ok(Some((key, args, rest.to_string())))
}

/// Words as OpenSSH's `argv_split` makes them: whitespace-separated, `"…"` and `'…'` quoting,
/// `\` escaping a quote, a backslash or a space, and `#` starting a word ends the line.
fn words(text: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        match chars.peek() {
            None | Some('#') => break,
            _ => {}
        }
        let mut word = String::new();
        let mut quote: Option<char> = None;
        while let Some(c) = chars.next() {
            match (quote, c) {
                (None, c) if c.is_whitespace() => break,
                (_, '\\') if matches!(chars.peek(), Some('"' | '\'' | '\\' | ' ')) => word.extend(chars.next()),
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (_, c) => word.push(c),
            }
        }
        if quote.is_some() {
            return Err("unterminated quote".into());
        }
        out.push(word);
    }
    Ok(out)
}

/// Replaces `%x` tokens (and `%%`) with their values; an unknown token is an error, as ssh's.
pub fn expand(text: &str, tokens: &[(char, &str)]) -> Result<String, ConfigError> {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('%') => out.push('%'),
            Some(t) => match tokens.iter().find(|(k, _)| *k == t) {
                Some((_, v)) => out.push_str(v),
                None => return Err(ConfigError(format!("`{text}`: unknown token %{t}"))),
            },
            None => return Err(ConfigError(format!("`{text}`: a lone % at the end"))),
        }
    }
    Ok(out)
}

/// `~/…` → the home folder.
pub fn expand_tilde(path: &str, home: Option<&Path>) -> PathBuf {
    match (path.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ if path == "~" => home.map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from(path)),
        _ => PathBuf::from(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> SshConfig {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config");
        std::fs::write(&file, text).unwrap();
        SshConfig::load(&[file], Some(dir.path())).unwrap()
    }

    #[test]
    fn first_value_wins_and_identity_files_add_up() {
        let c = parse("Host web*\n  User=a\n  IdentityFile one\nHost *\n  User b\n  IdentityFile two\n");
        let s = c.query("web1", Settings::default(), "me");
        assert_eq!(s.user.as_deref(), Some("a"));
        assert_eq!(s.identity_files, ["one", "two"]);
        assert_eq!(c.query("db", Settings::default(), "me").user.as_deref(), Some("b"));
    }

    #[test]
    fn words_and_tokens() {
        assert_eq!(words(r#"a "b c" 'd e' f\ g # no"#).unwrap(), ["a", "b c", "d e", "f g"]);
        assert!(words("\"open").is_err());
        assert_eq!(expand("%h:%p %%", &[('h', "x"), ('p', "22")]).unwrap(), "x:22 %");
        assert!(expand("%z", &[]).is_err());
    }

    #[test]
    fn jump_hops() {
        assert_eq!(
            parse_hop("ops@[::1]:2200").unwrap(),
            Hop { user: Some("ops".into()), host: "::1".into(), port: Some(2200) }
        );
        assert_eq!(parse_hop("bastion").unwrap(), Hop { user: None, host: "bastion".into(), port: None });
        assert!(parse_hop("a:b").is_err());
    }
}
