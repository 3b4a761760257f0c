//! Transports: how a target's probes are answered. All of them sit behind one interface,
//! [`Transport`], and the engine (`audit::execute`) picks one per target:
//!
//! - [`ssh`]: one russh connection per host, strict host-key checking, one exec of the
//!   target's probe script ([`script`]).
//! - [`local`]: the same script run by the local `sh`.
//! - [`replay`]: the facts an earlier run saved; nothing is contacted.
//! - [`repo`]: the repository's own files, from the working tree or a commit's tree.
//!
//! A transport never fails the run: whatever goes wrong becomes a [`HostStatus`] and a
//! message for that target, and every other target is still audited.

pub mod api;
pub mod known_hosts;
pub mod local;
pub mod replay;
pub mod repo;
pub mod script;
pub mod ssh;
pub mod ssh_config;

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use crate::inventory::Host;

use serde::{Deserialize, Serialize};

pub use script::{Decoder, Fact, ProbeKey, Reads};

/// What happened when mb tried to audit a host (a contract: `hosts[].status` in JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HostStatus {
    Ok,
    Unreachable,
    AuthFailed,
    HostKeyMismatch,
    HostKeyUnknown,
    Timeout,
    Error,
}

impl HostStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            HostStatus::Ok => "ok",
            HostStatus::Unreachable => "unreachable",
            HostStatus::AuthFailed => "auth_failed",
            HostStatus::HostKeyMismatch => "host_key_mismatch",
            HostStatus::HostKeyUnknown => "host_key_unknown",
            HostStatus::Timeout => "timeout",
            HostStatus::Error => "error",
        }
    }
}

/// One target to gather: its inventory entry and the probes its checks need. Owned, so that
/// the gathering can run on any worker thread.
#[derive(Debug, Clone)]
pub struct Job {
    pub host: Arc<Host>,
    pub probes: Vec<ProbeKey>,
    /// What the checks read of each file probe, by index (see [`Reads`]): a transport keeps
    /// only that of a file. A probe without one is read whole.
    pub reads: Vec<Reads>,
}

/// A gathering under way.
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// How one kind of target answers its probes.
pub trait Transport: Send + Sync {
    /// Gathers the job's facts. Never fails the run: a problem is the outcome's status.
    fn gather(&self, job: Job) -> BoxFuture<HostOutcome>;

    /// Whether it reads files on the target and keeps only what the checks read of them
    /// ([`Job::reads`]). Jobs for the others carry no reads (a replay answers from saved facts).
    fn keeps_reads(&self) -> bool {
        false
    }
}

/// A host's answer: its status, why it failed, and the facts it gave.
#[derive(Debug, Clone)]
pub struct HostOutcome {
    pub status: HostStatus,
    pub error: Option<String>,
    pub facts: Facts,
    pub duration: Duration,
}

/// Replaces `value` with the equal one in `seen`, or adds it there. For values whose clones
/// share their contents (probe keys' `Arc<str>` text, `Arc<Fact>`): equal ones become one.
/// `like`, when given, is tried first: the value in the same place of the host before, which
/// a fleet's next host most often repeats, is compared without hashing.
pub fn share<T: Clone + Eq + std::hash::Hash>(
    seen: &mut std::collections::HashSet<T>,
    like: Option<&T>,
    value: &mut T,
) {
    if let Some(like) = like.filter(|like| *like == value) {
        *value = like.clone();
        return;
    }
    match seen.get(value) {
        Some(same) => *value = same.clone(),
        None => {
            seen.insert(value.clone());
        }
    }
}

/// A target's facts by probe. Each fact is shared: a replay hands the saved run's facts to the
/// new run without copying their bytes.
pub type Facts = BTreeMap<ProbeKey, Arc<Fact>>;

impl HostOutcome {
    /// The host ran the script: its facts, decoded from the script's output.
    pub fn answered(facts: Facts, duration: Duration) -> HostOutcome {
        HostOutcome { status: HostStatus::Ok, error: None, facts, duration }
    }

    pub fn failed(status: HostStatus, error: impl Into<String>, duration: Duration) -> HostOutcome {
        HostOutcome { status, error: Some(sanitize(&error.into())), facts: BTreeMap::new(), duration }
    }
}

/// The most content a host may send before mb stops reading: the bytes of its files and
/// command outputs (and any stray text), counted as decoded, not as the hex that carries them.
/// An API answer's body has the same cap.
pub const OUTPUT_CAP: usize = 16 << 20;

/// Text from a host, made safe for a terminal: control characters (escape sequences included)
/// are shown as `\x1b`-style escapes, and the characters that reorder the text around them as
/// it is displayed (bidirectional embeddings, overrides and isolates: `U+202E` shows `gpj.exe`
/// as `exe.jpg`) as `\u{202e}`; newlines and tabs stay, and so do the marks right-to-left
/// writing needs (`U+200F`), which reorder nothing beyond themselves.
pub fn sanitize(text: &str) -> String {
    sanitized(text).into_owned()
}

/// Whether a character is escaped by [`sanitize`].
fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// [`sanitize`], borrowing `text` when it has nothing to escape.
pub fn sanitized(text: &str) -> std::borrow::Cow<'_, str> {
    // Printable ASCII, tab and newline, tested byte by byte, are the usual text.
    // Tested a chunk at a time without stopping early, which the compiler vectorises.
    let plain_ascii = text
        .as_bytes()
        .chunks(32)
        .all(|chunk| chunk.iter().fold(true, |ok, &b| ok & ((0x20..0x7f).contains(&b) | (b == b'\n') | (b == b'\t'))));
    if plain_ascii || !text.chars().any(needs_escape) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !needs_escape(c) {
            out.push(c);
        } else if c.is_control() {
            out.push_str(&format!("\\x{:02x}", c as u32));
        } else {
            out.push_str(&format!("\\u{{{:04x}}}", c as u32));
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escapes_never_pass() {
        assert_eq!(sanitize("ok\tfine\n"), "ok\tfine\n");
        assert_eq!(sanitize("\x1b[2Jgone\x07"), "\\x1b[2Jgone\\x07");
        assert_eq!(sanitize("a\u{9b}31mb"), "a\\x9b31mb");
        // Marks that reorder what a terminal shows, in a Memory Bank line or a host's answer.
        assert_eq!(sanitize("Database \u{202e}gpj.exe\u{202c}"), "Database \\u{202e}gpj.exe\\u{202c}");
        assert_eq!(sanitize("\u{2067}x\u{2069}"), "\\u{2067}x\\u{2069}");
        assert_eq!(sanitize("\u{200f}قاعدة PostgreSQL é 中"), "\u{200f}قاعدة PostgreSQL é 中");
    }
}
