//! The file watcher (`mb index --watch`) and how a search asks it what changed.
//!
//! A search that finds a watcher answering on `.mb/watch/sock` sends it the token stored with
//! the index's last commit. The watcher first makes sure it has seen every change made before
//! the question — it creates a cookie file in a watched folder and waits for that file's own
//! event: the kernel queues events in order, so everything earlier has been read by then (the
//! handshake of git's fsmonitor) — and answers with the paths changed since that token, or
//! with "walk everything" when it cannot say (its queue overflowed, the token is not its own,
//! a symlink it cannot follow…). The search re-examines only those paths and stores the new
//! token in the commit that records what it found, so the token moves with the manifest,
//! atomically, and a search killed half-way asks again from the old token. The watcher never
//! writes the index: the searches stay its only writer.
//!
//! Everything that comes over the socket is checked: bounded sizes, paths relative and inside
//! the folders the index covers. Anything else — no socket, a refused connection, no answer
//! within [`wait`], a malformed answer — and the search walks every file, as without a
//! watcher.

pub mod server;

use std::io::{Read as _, Write as _};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::{Duration, Instant};

/// The socket, under `.mb/`.
pub const SOCKET: &str = "watch/sock";

/// The first words of every request and answer; another version is a mismatch.
const PROTOCOL: &str = "mb-watch 1";

/// How long a search waits for the watcher before it walks the files itself, unless
/// `MB_WATCH_WAIT_MS` says otherwise ([`wait`]).
pub const TIMEOUT: Duration = Duration::from_millis(200);

/// How long a search waits for the watcher, and the watcher for its own cookie: [`TIMEOUT`], or
/// `MB_WATCH_WAIT_MS` milliseconds (1 to 60,000) where a loaded machine or a slow disk needs
/// longer. Read once per process.
pub fn wait() -> Duration {
    static WAIT: std::sync::OnceLock<Duration> = std::sync::OnceLock::new();
    *WAIT.get_or_init(|| {
        std::env::var("MB_WATCH_WAIT_MS")
            .ok()
            .and_then(|ms| ms.trim().parse::<u64>().ok())
            .filter(|ms| (1..=60_000).contains(ms))
            .map_or(TIMEOUT, Duration::from_millis)
    })
}

/// Limits on what crosses the socket, in bytes and in paths.
const MAX_REQUEST: usize = 256;
const MAX_ANSWER: usize = 8 << 20;
pub const MAX_PATHS: usize = 65_536;
const MAX_PATH: usize = 4096;
const MAX_REASON: usize = 300;

/// The folders (and the `.clinerules` file) at the root of the repository the index covers.
pub const TOPS: [&str; 3] = ["memory-bank", "rules", ".clinerules"];

/// Whether a watcher covers the Memory Bank of the repository at `root`, and if not, where the
/// bank is: only in `memory-bank/` ([`crate::kb::load::bank_folder`], one of [`TOPS`]), with no
/// core files kept at the root ([`crate::kb::load::beside_own_bank`]), which it does not watch.
pub fn covers_bank(root: &Path) -> Result<(), &'static str> {
    let bank = crate::kb::load::bank_folder(root);
    if !TOPS.contains(&bank) {
        return Err(bank);
    }
    if !crate::kb::load::beside_own_bank(root, &root.join(bank)).is_empty() {
        return Err("kept at the repository's root");
    }
    Ok(())
}

/// A point in one watcher's history: its instance (random per start) and how many events it
/// had seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub instance: u64,
    pub seq: u64,
}

impl Token {
    /// `0123456789abcdef.42`
    pub fn parse(text: &str) -> Option<Token> {
        let (instance, seq) = text.split_once('.')?;
        if instance.len() != 16 || seq.is_empty() || seq.len() > 20 || !seq.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(Token { instance: u64::from_str_radix(instance, 16).ok()?, seq: seq.parse().ok()? })
    }

    /// The later of two tokens of one watcher; of two watchers', `self` (the one that
    /// answered last).
    pub fn latest(self, other: Option<Token>) -> Token {
        match other {
            Some(other) if other.instance == self.instance && other.seq > self.seq => other,
            _ => self,
        }
    }
}

impl std::fmt::Display for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:016x}.{}", self.instance, self.seq)
    }
}

/// What the watcher says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The paths (files or folders, relative to the root, sorted) that may have changed since
    /// the token asked about, up to `token`.
    Changes { token: Token, paths: Vec<String> },
    /// The watcher cannot list the changes: walk everything, then store `token`.
    Walk { token: Token, reason: String },
}

/// Why an answer could not be used.
#[derive(Debug, thiserror::Error)]
pub enum AskError {
    #[error("no watcher is running")]
    NotRunning,
    #[error("not asked: the Memory Bank here is outside memory-bank/, which a watcher does not cover")]
    Uncovered,
    #[error("the watcher did not answer within {0:?}")]
    Timeout(Duration),
    #[error("cannot talk to the watcher: {0}")]
    Io(#[from] std::io::Error),
    #[error("the watcher's answer is not understood: {0}")]
    Protocol(#[from] ProtocolError),
}

/// What is wrong with a request or an answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProtocolError {
    #[error("longer than {0} bytes")]
    TooLong(usize),
    #[error("it does not start with `{PROTOCOL}`")]
    Version,
    #[error("malformed line `{0}`")]
    Malformed(String),
    #[error("path `{0}` is not a relative path inside the covered folders")]
    Path(String),
    #[error("it ends before its `end` line")]
    Truncated,
    #[error("more than {MAX_PATHS} paths")]
    TooManyPaths,
}

/// Asks the watcher of the repository whose state folder is `mb_dir` what changed since
/// `since` (the token of the index's last commit).
pub fn ask(mb_dir: &Path, since: Option<Token>) -> Result<Answer, AskError> {
    let started = Instant::now();
    let mut stream = UnixStream::connect(mb_dir.join(SOCKET)).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound | std::io::ErrorKind::ConnectionRefused => AskError::NotRunning,
        _ => AskError::Io(e),
    })?;
    let wait = wait();
    stream.set_write_timeout(Some(wait))?;
    stream.write_all(request(since).as_bytes())?;
    let mut answer = Vec::new();
    let mut buffer = [0u8; 16 << 10];
    loop {
        let left = wait.checked_sub(started.elapsed()).filter(|d| !d.is_zero()).ok_or(AskError::Timeout(wait))?;
        stream.set_read_timeout(Some(left))?;
        match stream.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) if answer.len() + n > MAX_ANSWER => return Err(ProtocolError::TooLong(MAX_ANSWER).into()),
            Ok(n) => answer.extend_from_slice(&buffer[..n]),
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
                return Err(AskError::Timeout(wait));
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(parse_answer(&answer)?)
}

/// `mb-watch 1 since TOKEN` (or `-` for none), one line.
pub fn request(since: Option<Token>) -> String {
    match since {
        Some(token) => format!("{PROTOCOL} since {token}\n"),
        None => format!("{PROTOCOL} since -\n"),
    }
}

/// The token a request asks about (`None`: none, or one the watcher cannot have issued).
pub fn parse_request(bytes: &[u8]) -> Result<Option<Token>, ProtocolError> {
    if bytes.len() > MAX_REQUEST {
        return Err(ProtocolError::TooLong(MAX_REQUEST));
    }
    let text =
        std::str::from_utf8(bytes).map_err(|_| ProtocolError::Malformed(String::from_utf8_lossy(bytes).into()))?;
    let line = text.strip_suffix('\n').ok_or(ProtocolError::Truncated)?;
    let rest = line.strip_prefix(PROTOCOL).and_then(|r| r.strip_prefix(' ')).ok_or(ProtocolError::Version)?;
    match rest.strip_prefix("since ") {
        Some("-") => Ok(None),
        Some(token) => Token::parse(token).map(Some).ok_or_else(|| ProtocolError::Malformed(shorten(line))),
        None => Err(ProtocolError::Malformed(shorten(line))),
    }
}

/// The answer as sent: a header line, one line per path, and `end`.
pub fn encode_answer(answer: &Answer) -> Vec<u8> {
    let mut out = String::new();
    match answer {
        Answer::Changes { token, paths } => {
            out.push_str(&format!("{PROTOCOL} changes {token} {}\n", paths.len()));
            for path in paths {
                out.push_str(&encode_path(path));
                out.push('\n');
            }
        }
        Answer::Walk { token, reason } => {
            let reason: String =
                reason.chars().map(|c| if c.is_control() { ' ' } else { c }).take(MAX_REASON).collect();
            out.push_str(&format!("{PROTOCOL} walk {token} {reason}\n"));
        }
    }
    out.push_str("end\n");
    out.into_bytes()
}

/// Reads an answer, trusting nothing in it.
pub fn parse_answer(bytes: &[u8]) -> Result<Answer, ProtocolError> {
    if bytes.len() > MAX_ANSWER {
        return Err(ProtocolError::TooLong(MAX_ANSWER));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ProtocolError::Malformed("(not UTF-8)".into()))?;
    let mut lines = text.split_inclusive('\n');
    let mut next = || -> Result<&str, ProtocolError> {
        lines.next().and_then(|l| l.strip_suffix('\n')).ok_or(ProtocolError::Truncated)
    };
    let header = next()?;
    let rest = header.strip_prefix(PROTOCOL).and_then(|r| r.strip_prefix(' ')).ok_or(ProtocolError::Version)?;
    let mut words = rest.splitn(3, ' ');
    let (kind, token, tail) = (words.next(), words.next(), words.next());
    let token = token.and_then(Token::parse).ok_or_else(|| ProtocolError::Malformed(shorten(header)))?;
    let answer = match (kind, tail) {
        (Some("changes"), Some(count)) => {
            let count: usize = count.parse().map_err(|_| ProtocolError::Malformed(shorten(header)))?;
            if count > MAX_PATHS {
                return Err(ProtocolError::TooManyPaths);
            }
            let mut paths = Vec::with_capacity(count);
            for _ in 0..count {
                let line = next()?;
                let path = decode_path(line).ok_or_else(|| ProtocolError::Path(shorten(line)))?;
                if !covered(&path) {
                    return Err(ProtocolError::Path(shorten(&path)));
                }
                paths.push(path);
            }
            Answer::Changes { token, paths }
        }
        (Some("walk"), reason) => Answer::Walk { token, reason: shorten(reason.unwrap_or_default()) },
        _ => return Err(ProtocolError::Malformed(shorten(header))),
    };
    if next()? != "end" {
        return Err(ProtocolError::Truncated);
    }
    Ok(answer)
}

/// Whether `path` is a plain relative path in a folder the index covers: no absolute path,
/// no `..`, `.` or empty part, no NUL.
pub fn covered(path: &str) -> bool {
    let mut parts = path.split('/');
    path.len() <= MAX_PATH
        && !path.contains('\0')
        && parts.next().is_some_and(|top| TOPS.contains(&top))
        && parts.all(|part| !part.is_empty() && part != "." && part != "..")
}

/// `%` and newlines (the only bytes that would break a line) percent-encoded.
fn encode_path(path: &str) -> String {
    path.replace('%', "%25").replace('\n', "%0A").replace('\r', "%0D")
}

fn decode_path(line: &str) -> Option<String> {
    if !line.contains('%') {
        return Some(line.to_string());
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let code = rest.get(at + 1..at + 3)?;
        out.push(match code {
            "25" => '%',
            "0A" => '\n',
            "0D" => '\r',
            _ => return None,
        });
        rest = &rest[at + 3..];
    }
    out.push_str(rest);
    Some(out)
}

/// At most 120 characters of untrusted text, for an error message.
fn shorten(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).take(120).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: Token = Token { instance: 0x00c0_ffee_0000_0001, seq: 42 };

    #[test]
    fn answers_round_trip() {
        let changes = Answer::Changes {
            token: TOKEN,
            paths: vec!["memory-bank/a.md".into(), "memory-bank/100% sure\nreally.md".into(), ".clinerules".into()],
        };
        assert_eq!(parse_answer(&encode_answer(&changes)), Ok(changes));
        let walk = Answer::Walk { token: TOKEN, reason: "the event queue overflowed".into() };
        assert_eq!(parse_answer(&encode_answer(&walk)), Ok(walk));
        assert_eq!(parse_request(request(Some(TOKEN)).as_bytes()), Ok(Some(TOKEN)));
        assert_eq!(parse_request(request(None).as_bytes()), Ok(None));
        assert_eq!(Token::parse(&TOKEN.to_string()), Some(TOKEN));
    }

    #[test]
    fn malformed_requests_are_refused_not_panicked_on() {
        let bad: &[&[u8]] = &[
            b"",
            b"mb-watch 1 since -",
            b"mb-watch 2 since -\n",
            b"mb-watch 1 since 12.3\n",
            b"mb-watch 1 since 00c0ffee00000001.99999999999999999999999\n",
            b"mb-watch 1 since 00c0ffee00000001.-1\n",
            b"mb-watch 1 until -\n",
            b"mb-watch 1 since \xff\n",
            b"mb-watch 1 since \xe2\x82\n",
        ];
        for request in bad {
            assert!(parse_request(request).is_err(), "{:?}", String::from_utf8_lossy(request));
        }
        let long = format!("{PROTOCOL} since -{}\n", "x".repeat(10_000));
        assert_eq!(parse_request(long.as_bytes()), Err(ProtocolError::TooLong(MAX_REQUEST)));
    }

    #[test]
    fn malformed_answers_are_refused_not_panicked_on() {
        let header = format!("{PROTOCOL} changes {TOKEN}");
        let bad = [
            String::new(),
            "end\n".into(),
            format!("{header} 1\nmemory-bank/a.md\n"),
            format!("{header} 1\nmemory-bank/a.md\nend"),
            format!("{header} 2\nmemory-bank/a.md\nend\n"),
            format!("{header} -1\nend\n"),
            format!("{header} 99999999999999999999999\nend\n"),
            format!("{header} {}\nend\n", MAX_PATHS + 1),
            format!("{header} 1\n/etc/passwd\nend\n"),
            format!("{header} 1\nmemory-bank/../../etc/passwd\nend\n"),
            format!("{header} 1\nmemory-bank//a.md\nend\n"),
            format!("{header} 1\nmemory-bank/./a.md\nend\n"),
            format!("{header} 1\nsrc/main.rs\nend\n"),
            format!("{header} 1\nmemory-bank/a%2\nend\n"),
            format!("{header} 1\nmemory-bank/a%zz.md\nend\n"),
            format!("{header} 1\nmemory-bank/a%00.md\nend\n"),
            format!("{header} 1\nmemory-bank/a\0.md\nend\n"),
            format!("{header} 1\nmemory-bank/{}\nend\n", "a".repeat(MAX_PATH)),
            format!("{header} 0\nmore\n"),
            format!("{PROTOCOL} changes 12.3 0\nend\n"),
            format!("{PROTOCOL} gossip {TOKEN}\nend\n"),
            format!("mb-watch 2 changes {TOKEN} 0\nend\n"),
        ];
        for answer in &bad {
            assert!(parse_answer(answer.as_bytes()).is_err(), "{answer:?}");
        }
        assert!(parse_answer(b"mb-watch 1 changes \xff\nend\n").is_err());
        // Bounded before it is even read as text.
        let huge = vec![b'a'; MAX_ANSWER + 1];
        assert_eq!(parse_answer(&huge), Err(ProtocolError::TooLong(MAX_ANSWER)));
        // A well-formed empty answer is fine.
        assert_eq!(
            parse_answer(format!("{header} 0\nend\n").as_bytes()),
            Ok(Answer::Changes { token: TOKEN, paths: Vec::new() })
        );
    }

    #[test]
    fn a_later_token_of_the_same_watcher_wins() {
        let later = Token { seq: 50, ..TOKEN };
        let other = Token { instance: 7, seq: 1000 };
        assert_eq!(TOKEN.latest(Some(later)), later);
        assert_eq!(later.latest(Some(TOKEN)), later);
        assert_eq!(TOKEN.latest(Some(other)), TOKEN);
        assert_eq!(TOKEN.latest(None), TOKEN);
    }
}
