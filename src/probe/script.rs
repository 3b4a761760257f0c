//! The one POSIX `sh` script a host runs, and the parsing of what it prints.
//!
//! Every fact a host's checks need is gathered by one script in one exec. Each probe prints a
//! marker line, then its raw bytes hex-encoded by `od -An -v -tx1`, then an end marker. The
//! hex lines hold only hex digits, spaces and newlines, so no file content — whatever its bytes
//! — can be mistaken for a marker: the framing cannot break. `od` is POSIX and in busybox.
//!
//! The script only reads: `[ -e ]`, `od < file`, and the commands the rules name (whose
//! read-only nature is the rule author's contract). Every value interpolated into it is
//! single-quoted by [`quote`]; a command's template values are its positional parameters.
//!
//! Every process the script starts costs the host CPU (an exec of busybox in a chroot costs
//! about as much as the probe it serves), so it starts few: a command runs in a subshell of the
//! script (`(eval "$mb_c")`: parsed once, as `sh -c` would, with its template values as
//! positional parameters, and whatever it does — `exit`, `set -e`, traps — ends with that
//! subshell) rather than in a new `sh`.

use std::fmt::Write as _;
use std::sync::Arc;

use serde::Serialize;

use super::{Facts, OUTPUT_CAP};
use crate::rules::check::Selector;
use crate::rules::select::{Lines, Picked, Picker};

/// One thing to read on a host. Probes of several checks that read the same thing are
/// gathered once.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProbeKey {
    /// A file's bytes.
    File { path: Arc<str> },
    /// A shell command's standard output and exit status. `args` are its positional
    /// parameters (`${1}`…): template values are passed there, never spliced into the text.
    Command {
        command: Arc<str>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        args: Vec<String>,
    },
    /// A GET on a Proxmox VE cluster's API (`/cluster/firewall/rules`), asked once per
    /// cluster and shared by every node of it. Answered by the API transport, never the script.
    Api { cluster: Arc<str>, path: Arc<str> },
}

impl ProbeKey {
    /// The key as one line, for saved runs and messages.
    pub fn describe(&self) -> String {
        match self {
            ProbeKey::File { path } => format!("file {path}"),
            ProbeKey::Command { command, args } if args.is_empty() => format!("command {command}"),
            ProbeKey::Command { command, args } => {
                let args: Vec<String> = args.iter().map(|a| quote(a)).collect();
                format!("command {command} (with {})", args.join(" "))
            }
            ProbeKey::Api { cluster, path } => format!("api {path} (cluster {cluster})"),
        }
    }

    /// Whether the host's probe script answers it (files and commands do; API calls do not).
    pub fn in_script(&self) -> bool {
        !matches!(self, ProbeKey::Api { .. })
    }
}

/// What a host answered for one probe.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Fact {
    /// A file's content. `private`: only its owner may read it (`-rw-------`), so a saved
    /// run keeps its digest ([`Fact::Redacted`]), never its bytes.
    File {
        #[serde(with = "lossless")]
        content: Vec<u8>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        private: bool,
    },
    /// A file that no check reads whole, narrowed to what its checks selected as it was read:
    /// each selection's result and the SHA-256 (hex) of the whole file. The rest of the file is
    /// neither kept nor saved.
    Selected {
        picks: Vec<Picked>,
        sha256: String,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        private: bool,
    },
    /// A secret's SHA-256 (hex) in place of its bytes, in saved runs: a private file or the
    /// fact of a `secret: true` check. A replay cannot judge it.
    Redacted { sha256: String },
    /// No such file.
    Absent,
    /// The path exists but is not a readable regular file.
    Unreadable { reason: String },
    /// A command's standard output and exit status.
    Output {
        #[serde(with = "lossless")]
        stdout: Vec<u8>,
        status: i32,
    },
    /// An HTTP API's answer: its status and body.
    Response {
        status: u16,
        #[serde(with = "lossless")]
        body: Vec<u8>,
    },
    /// The script's output for this probe was missing or malformed.
    Missing { reason: String },
}

impl Fact {
    /// What kind of answer this is, for messages.
    pub fn state(&self) -> &'static str {
        match self {
            Fact::File { .. } => "a file's content",
            Fact::Selected { .. } => "a file's selected parts",
            Fact::Redacted { .. } => "a secret's digest",
            Fact::Absent => "absent",
            Fact::Unreadable { .. } => "unreadable",
            Fact::Output { .. } => "a command's output",
            Fact::Response { .. } => "an API response",
            Fact::Missing { .. } => "no answer",
        }
    }
}

/// Probe keys and facts are read field by field into their variant. (serde's derive for an
/// internally tagged enum first copies every field into a buffer to find the tag: a saved
/// run of 100 000 hosts holds millions of them.) Unknown fields are skipped, as the derive
/// skips them.
mod flat {
    use serde::Deserialize;
    use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};

    use super::{Fact, ProbeKey, lossless};
    use crate::rules::select::Picked;

    /// Fills `slot` from the map's next value, refusing a field given twice.
    fn fill<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
        map: &mut A,
        slot: &mut Option<T>,
        name: &'static str,
    ) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(de::Error::duplicate_field(name));
        }
        *slot = Some(map.next_value()?);
        Ok(())
    }

    fn need<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
        slot.ok_or_else(|| de::Error::missing_field(name))
    }

    /// A fact's bytes, as `lossless` reads them.
    struct Bytes(Vec<u8>);

    impl<'de> Deserialize<'de> for Bytes {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Bytes, D::Error> {
            lossless::deserialize(d).map(Bytes)
        }
    }

    #[derive(Deserialize)]
    #[serde(field_identifier, rename_all = "snake_case")]
    enum KeyField {
        Kind,
        Path,
        Command,
        Args,
        Cluster,
        #[serde(other)]
        Other,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        File,
        Command,
        Api,
    }

    impl<'de> Deserialize<'de> for ProbeKey {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ProbeKey, D::Error> {
            d.deserialize_map(KeyVisitor)
        }
    }

    struct KeyVisitor;

    impl<'de> Visitor<'de> for KeyVisitor {
        type Value = ProbeKey;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a probe: {\"kind\": \"file\" | \"command\" | \"api\", …}")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ProbeKey, A::Error> {
            let (mut kind, mut path, mut command, mut args, mut cluster) = (None, None, None, None, None);
            while let Some(field) = map.next_key()? {
                match field {
                    KeyField::Kind => fill(&mut map, &mut kind, "kind")?,
                    KeyField::Path => fill(&mut map, &mut path, "path")?,
                    KeyField::Command => fill(&mut map, &mut command, "command")?,
                    KeyField::Args => fill(&mut map, &mut args, "args")?,
                    KeyField::Cluster => fill(&mut map, &mut cluster, "cluster")?,
                    KeyField::Other => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            Ok(match need(kind, "kind")? {
                Kind::File => ProbeKey::File { path: need(path, "path")? },
                Kind::Command => {
                    ProbeKey::Command { command: need(command, "command")?, args: args.unwrap_or_default() }
                }
                Kind::Api => ProbeKey::Api { cluster: need(cluster, "cluster")?, path: need(path, "path")? },
            })
        }
    }

    #[derive(Deserialize)]
    #[serde(field_identifier, rename_all = "snake_case")]
    enum FactField {
        State,
        Content,
        Private,
        Picks,
        Sha256,
        Reason,
        Stdout,
        Status,
        Body,
        #[serde(other)]
        Other,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum State {
        File,
        Selected,
        Redacted,
        Absent,
        Unreadable,
        Output,
        Response,
        Missing,
    }

    impl<'de> Deserialize<'de> for Fact {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Fact, D::Error> {
            d.deserialize_map(FactVisitor)
        }
    }

    struct FactVisitor;

    impl<'de> Visitor<'de> for FactVisitor {
        type Value = Fact;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a fact: {\"state\": …}")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fact, A::Error> {
            let mut state = None;
            let (mut content, mut stdout, mut body): (Option<Bytes>, Option<Bytes>, Option<Bytes>) = (None, None, None);
            let mut private: Option<bool> = None;
            let mut picks: Option<Vec<Picked>> = None;
            let mut sha256: Option<String> = None;
            let mut reason: Option<String> = None;
            let mut status: Option<i64> = None;
            while let Some(field) = map.next_key()? {
                match field {
                    FactField::State => fill(&mut map, &mut state, "state")?,
                    FactField::Content => fill(&mut map, &mut content, "content")?,
                    FactField::Stdout => fill(&mut map, &mut stdout, "stdout")?,
                    FactField::Body => fill(&mut map, &mut body, "body")?,
                    FactField::Private => fill(&mut map, &mut private, "private")?,
                    FactField::Picks => fill(&mut map, &mut picks, "picks")?,
                    FactField::Sha256 => fill(&mut map, &mut sha256, "sha256")?,
                    FactField::Reason => fill(&mut map, &mut reason, "reason")?,
                    FactField::Status => fill(&mut map, &mut status, "status")?,
                    FactField::Other => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            let private = private.unwrap_or(false);
            Ok(match need(state, "state")? {
                State::File => Fact::File { content: need(content, "content")?.0, private },
                State::Selected => {
                    Fact::Selected { picks: need(picks, "picks")?, sha256: need(sha256, "sha256")?, private }
                }
                State::Redacted => Fact::Redacted { sha256: need(sha256, "sha256")? },
                State::Absent => Fact::Absent,
                State::Unreadable => Fact::Unreadable { reason: need(reason, "reason")? },
                State::Output => {
                    let status = need(status, "status")?;
                    let status = i32::try_from(status)
                        .map_err(|_| de::Error::custom(format!("exit status {status} is out of range")))?;
                    Fact::Output { stdout: need(stdout, "stdout")?.0, status }
                }
                State::Response => {
                    let status = need(status, "status")?;
                    let status = u16::try_from(status)
                        .map_err(|_| de::Error::custom(format!("HTTP status {status} is out of range")))?;
                    Fact::Response { status, body: need(body, "body")?.0 }
                }
                State::Missing => Fact::Missing { reason: need(reason, "reason")? },
            })
        }
    }
}

/// Quotes `s` for POSIX sh: `'…'`, with each `'` written as `'\''`. Nothing inside single
/// quotes is special to the shell.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        if c == '\'' {
            out.push_str("'\\''");
        } else {
            out.push(c);
        }
    }
    out.push('\'');
    out
}

/// The script's preamble: a fixed environment and the two helpers every probe uses.
const PREAMBLE: &str = r#"# mb probe script: reads files and runs the read-only commands its rules name.
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH
LC_ALL=C
export PATH LC_ALL
mb_file() {
  if [ -e "$2" ] || [ -h "$2" ]; then
    if [ -f "$2" ] && [ -r "$2" ]; then
      mb_m=$(ls -lLd -- "$2" 2>/dev/null)
      printf '@mb %s file %s\n' "$1" "${mb_m%% *}"
      od -An -v -tx1 < "$2"
      printf '@mb %s end\n' "$1"
    else
      printf '@mb %s unreadable\n' "$1"
    fi
  else
    printf '@mb %s absent\n' "$1"
  fi
}
mb_cmd() {
  mb_n=$1 mb_c=$2
  shift 2
  printf '@mb %s output\n' "$mb_n"
  { (eval "$mb_c") </dev/null 2>/dev/null; printf '\n@mbstatus %s' "$?"; } | od -An -v -tx1
  printf '@mb %s end\n' "$mb_n"
}
"#;

/// The script that gathers `probes`, numbered by their index. With a `deadline`, the script
/// ends itself and everything it started (its whole process group: `od`, the commands and their
/// children) a little after it, on the host, whatever happened to mb's connection: mb's own
/// timeout closes the channel, but a command with nothing left to read or write would
/// otherwise run on.
pub fn compile(probes: &[ProbeKey], deadline: Option<std::time::Duration>) -> String {
    let mut out = String::with_capacity(PREAMBLE.len() + probes.len() * 64);
    out.push_str(PREAMBLE);
    if let Some(deadline) = deadline {
        // A watchdog, checking every second: when the script is gone (done, or killed with its
        // connection) or the deadline has passed, it ends the whole group, so nothing the
        // script started outlives it by more than a second.
        let _ = writeln!(
            out,
            "( mb_t=0; while [ \"$mb_t\" -lt {} ] && kill -0 $$ 2>/dev/null; do sleep 1; mb_t=$((mb_t+1)); done; \
             kill -9 0 ) </dev/null >/dev/null 2>&1 &",
            deadline.as_secs() + 2
        );
    }
    for (i, probe) in probes.iter().enumerate() {
        let _ = match probe {
            ProbeKey::File { path } => writeln!(out, "mb_file {i} {}", quote(path)),
            ProbeKey::Command { command, args } => {
                let args: String = args.iter().map(|a| format!(" {}", quote(a))).collect();
                writeln!(out, "mb_cmd {i} {}{args}", quote(command))
            }
            // Answered by the API transport; the script leaves its number unused.
            ProbeKey::Api { .. } => Ok(()),
        };
    }
    out.push_str("printf '@mb done\\n'\n");
    out
}

/// What a target's checks read of one file probe: its whole content, selections of it, or
/// both. A file no check reads whole is narrowed to its selections as it is decoded
/// ([`Fact::Selected`]): the rest of it is never held, and never saved.
#[derive(Debug, Clone, Default)]
pub struct Reads {
    pub whole: bool,
    pub selectors: Vec<Selector>,
}

impl Reads {
    /// The whole content (what a probe with no `Reads` gets).
    pub fn whole() -> Reads {
        Reads { whole: true, selectors: Vec::new() }
    }
}

/// The most bytes of script output mb reads from a host: the content's hex (three bytes for
/// each byte, a newline every sixteen) and the markers, with room to spare.
const RAW_CAP: usize = 4 * OUTPUT_CAP;

/// The longest line the script prints is a marker or sixteen bytes of hex; a longer line is
/// not the script's, and only its start is looked at.
const LINE_CAP: usize = 4096;

/// The script's output, decoded as it arrives into one fact per probe. Memory stays bounded
/// whatever a host sends: a file is hashed and narrowed to its selections line by line (only a
/// file some check reads whole, or as JSON, is held, up to the cap), and what a host may send
/// is capped by its content ([`OUTPUT_CAP`] bytes of files, outputs and stray text), not by
/// its hex.
pub struct Decoder<'a> {
    probes: &'a [ProbeKey],
    reads: &'a [Reads],
    facts: Vec<Option<Fact>>,
    /// The line being received (at most [`LINE_CAP`] bytes of it), and its full length.
    partial: Vec<u8>,
    partial_len: usize,
    /// The probe whose hex is being decoded.
    body: Option<Body>,
    /// Bytes of content (and stray text) so far, and of output.
    content: usize,
    raw: usize,
    scratch: Vec<u8>,
}

struct Body {
    index: usize,
    /// Its end marker, `@mb N end`.
    end: Vec<u8>,
    /// A line of it was not hex: the answer is not to be trusted.
    broken: bool,
    sink: Sink,
}

enum Sink {
    File(FileSink),
    Output(Vec<u8>),
}

/// A file being decoded: hashed whole, narrowed line by line, held only when it must be.
struct FileSink {
    private: bool,
    whole: bool,
    digest: sha2::Sha256,
    /// The content, when a check reads it whole or as JSON.
    held: Option<Vec<u8>>,
    pickers: Vec<Picker>,
    lines: Lines,
}

impl FileSink {
    fn new(reads: Option<&Reads>, private: bool) -> FileSink {
        use sha2::Digest as _;
        let whole = reads.is_none_or(|r| r.whole);
        let mut pickers: Vec<Picker> = Vec::new();
        for selector in reads.map(|r| r.selectors.as_slice()).unwrap_or_default() {
            if !pickers.iter().any(|p| p.pick() == &selector.pick()) {
                pickers.push(Picker::new(selector));
            }
        }
        let hold = whole || pickers.iter().any(Picker::needs_whole);
        FileSink {
            private,
            whole,
            digest: sha2::Sha256::new(),
            held: hold.then(Vec::new),
            pickers,
            lines: Lines::default(),
        }
    }

    fn push(&mut self, bytes: &[u8]) {
        use sha2::Digest as _;
        self.digest.update(bytes);
        match &mut self.held {
            Some(held) => held.extend_from_slice(bytes),
            None => {
                let pickers = &mut self.pickers;
                self.lines.push(bytes, |line| pickers.iter_mut().for_each(|p| p.line(line)));
            }
        }
    }

    fn finish(self) -> Fact {
        use sha2::Digest as _;
        let FileSink { private, whole, digest, held, mut pickers, lines } = self;
        let sha256 = data_encoding::HEXLOWER.encode(&digest.finalize());
        let picks = match held {
            Some(content) if whole => return Fact::File { content, private },
            Some(content) => {
                let text = String::from_utf8_lossy(&content);
                pickers
                    .into_iter()
                    .map(|mut p| {
                        if !p.needs_whole() {
                            text.lines().for_each(|line| p.line(line));
                        }
                        p.finish(Some(&text))
                    })
                    .collect()
            }
            None => {
                lines.finish(|line| pickers.iter_mut().for_each(|p| p.line(line)));
                pickers.into_iter().map(|p| p.finish(None)).collect()
            }
        };
        Fact::Selected { picks, sha256, private }
    }
}

impl<'a> Decoder<'a> {
    /// A decoder for the answers to `probes`; `reads[i]` says what the checks read of the
    /// file probe `probes[i]` (read whole when missing).
    pub fn new(probes: &'a [ProbeKey], reads: &'a [Reads]) -> Decoder<'a> {
        Decoder {
            probes,
            reads,
            facts: vec![None; probes.len()],
            partial: Vec::new(),
            partial_len: 0,
            body: None,
            content: 0,
            raw: 0,
            scratch: Vec::new(),
        }
    }

    /// The next bytes of the script's output. `Err` when the host sent more than mb reads.
    pub fn feed(&mut self, mut bytes: &[u8]) -> Result<(), String> {
        self.raw += bytes.len();
        if self.raw > RAW_CAP {
            return Err(format!("the host printed more than {} MiB; stopped reading", RAW_CAP >> 20));
        }
        while let Some(at) = bytes.iter().position(|&b| b == b'\n') {
            self.take(&bytes[..at])?;
            let line = std::mem::take(&mut self.partial);
            let len = std::mem::take(&mut self.partial_len);
            let result = self.line(&line, len);
            self.partial = line;
            self.partial.clear();
            result?;
            bytes = &bytes[at + 1..];
        }
        self.take(bytes)
    }

    /// Adds to the line being received. Past [`LINE_CAP`] it is not the script's: the rest
    /// of it is dropped, and counted as content now, so an endless line cannot pass the cap.
    fn take(&mut self, bytes: &[u8]) -> Result<(), String> {
        let room = LINE_CAP.saturating_sub(self.partial.len());
        let kept = bytes.len().min(room);
        self.partial.extend_from_slice(&bytes[..kept]);
        self.partial_len += bytes.len();
        self.count(bytes.len() - kept)
    }

    /// Counts `n` bytes of content against the cap.
    fn count(&mut self, n: usize) -> Result<(), String> {
        self.content += n;
        if self.content > OUTPUT_CAP {
            return Err(format!("the host sent more than {} MiB of content; stopped reading", OUTPUT_CAP >> 20));
        }
        Ok(())
    }

    /// One whole line of output (`line` is at most its first [`LINE_CAP`] bytes of `len`; the
    /// rest was counted as it came).
    fn line(&mut self, line: &[u8], len: usize) -> Result<(), String> {
        if let Some(body) = &mut self.body {
            if !line.starts_with(b"@mb ") {
                let bytes = &mut self.scratch;
                bytes.clear();
                let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
                let mut broken = len > line.len();
                for token in line.split(u8::is_ascii_whitespace).filter(|t| !t.is_empty()) {
                    match token {
                        [hi, lo] if hex(*hi).is_some() && hex(*lo).is_some() => {
                            bytes.push(hex(*hi).unwrap_or(0) << 4 | hex(*lo).unwrap_or(0))
                        }
                        _ => broken = true,
                    }
                }
                if broken {
                    body.broken = true;
                    return self.count(line.len());
                }
                if !body.broken {
                    match &mut body.sink {
                        Sink::File(file) => file.push(bytes),
                        Sink::Output(out) => out.extend_from_slice(bytes),
                    }
                }
                let n = bytes.len();
                return self.count(n);
            }
            // A marker ends the body: its own end, or (cut short) the next probe's start.
            let ended = line == body.end.as_slice();
            if let Some(body) = self.body.take() {
                self.close(body, ended);
            }
            if ended {
                return Ok(());
            }
        }
        let Some(rest) = line.strip_prefix(b"@mb ") else {
            return self.count(line.len());
        };
        let rest = String::from_utf8_lossy(rest);
        let mut words = rest.split_whitespace();
        let (Some(id), Some(kind)) = (words.next(), words.next()) else {
            return Ok(());
        };
        // `ls -l`'s mode (`-rw-------`): neither the group nor others may read the file.
        let private = words.next().is_some_and(|mode| {
            let mode = mode.as_bytes();
            mode.len() >= 10 && mode[4] != b'r' && mode[7] != b'r'
        });
        let Some(index) = id.parse::<usize>().ok().filter(|&i| i < self.facts.len()) else {
            return Ok(());
        };
        let end = format!("@mb {index} end").into_bytes();
        let body = |sink| Some(Body { index, end, broken: false, sink });
        match kind {
            "absent" => self.facts[index] = Some(Fact::Absent),
            "unreadable" => {
                self.facts[index] =
                    Some(Fact::Unreadable { reason: "exists but is not a readable regular file".into() })
            }
            "file" => self.body = body(Sink::File(FileSink::new(self.reads.get(index), private))),
            "output" => self.body = body(Sink::Output(Vec::new())),
            other => self.facts[index] = Some(Fact::Missing { reason: format!("unexpected probe answer `{other}`") }),
        }
        Ok(())
    }

    /// A probe's answer is over: `whole` when its end marker came.
    fn close(&mut self, body: Body, whole: bool) {
        let whole = whole && !body.broken;
        self.facts[body.index] = Some(match body.sink {
            Sink::File(file) if whole => file.finish(),
            Sink::File(_) => Fact::Missing { reason: "the file's content was cut short".into() },
            Sink::Output(bytes) => match split_status(&bytes).filter(|_| whole) {
                Some((stdout, status)) => Fact::Output { stdout, status },
                None => Fact::Missing { reason: "the command's output was cut short".into() },
            },
        });
    }

    /// The output is over: one fact per probe the script answers. A probe with no answer (the
    /// script was cut short) gets [`Fact::Missing`].
    pub fn finish(mut self) -> Facts {
        if self.partial_len > 0 {
            let line = std::mem::take(&mut self.partial);
            // Past the cap by at most one line: what is read is kept.
            let _ = self.line(&line, self.partial_len);
        }
        if let Some(body) = self.body.take() {
            self.close(body, false);
        }
        self.probes
            .iter()
            .cloned()
            .zip(self.facts)
            .filter(|(probe, _)| probe.in_script())
            .map(|(probe, fact)| {
                let fact =
                    fact.unwrap_or(Fact::Missing { reason: "no answer (the script stopped before this probe)".into() });
                (probe, Arc::new(fact))
            })
            .collect()
    }
}

/// Parses a whole output at once, every file read whole; what lies past the cap is dropped.
pub fn parse(output: &[u8], probes: &[ProbeKey]) -> Facts {
    let mut decoder = Decoder::new(probes, &[]);
    let _ = decoder.feed(output);
    decoder.finish()
}

/// Splits `stdout…\n@mbstatus N` into stdout and N. The marker is the last thing written, so
/// the last occurrence is ours even if the command printed the same text.
fn split_status(bytes: &[u8]) -> Option<(Vec<u8>, i32)> {
    let marker = b"\n@mbstatus ";
    let at = bytes.windows(marker.len()).rposition(|w| w == marker)?;
    let status = std::str::from_utf8(&bytes[at + marker.len()..]).ok()?.trim().parse().ok()?;
    Some((bytes[..at].to_vec(), status))
}

/// Bytes in saved runs: as text when they are UTF-8 (readable in the JSON), else
/// `{"hex": "…"}`. Written from and read into the bytes directly (no copy on the way out, no
/// buffering on the way in).
mod lossless {
    use serde::de::{self, MapAccess, Visitor};
    use serde::ser::SerializeMap;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        match std::str::from_utf8(bytes) {
            Ok(text) => s.serialize_str(text),
            Err(_) => {
                let mut map = s.serialize_map(Some(1))?;
                map.serialize_entry("hex", &data_encoding::HEXLOWER.encode(bytes))?;
                map.end()
            }
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        d.deserialize_any(Bytes)
    }

    struct Bytes;

    impl<'de> Visitor<'de> for Bytes {
        type Value = Vec<u8>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a string, or {\"hex\": \"…\"}")
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Vec<u8>, E> {
            Ok(text.as_bytes().to_vec())
        }

        fn visit_string<E: de::Error>(self, text: String) -> Result<Vec<u8>, E> {
            Ok(text.into_bytes())
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<u8>, A::Error> {
            let mut hex: Option<String> = None;
            while let Some(key) = map.next_key::<String>()? {
                if key != "hex" || hex.is_some() {
                    return Err(de::Error::custom(format!("unexpected field `{key}` in a fact's bytes")));
                }
                hex = Some(map.next_value()?);
            }
            let hex = hex.ok_or_else(|| de::Error::missing_field("hex"))?;
            // Decoded by bytes: a run file is outside data, and may hold anything here.
            data_encoding::HEXLOWER_PERMISSIVE
                .decode(hex.as_bytes())
                .map_err(|e| de::Error::custom(format!("bad hex in a fact: {e}")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(script: &str) -> Vec<u8> {
        let out = std::process::Command::new("sh")
            .arg("-s")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                use std::io::Write as _;
                child.stdin.take().expect("stdin").write_all(script.as_bytes())?;
                child.wait_with_output()
            })
            .expect("sh runs");
        out.stdout
    }

    #[test]
    fn quoting_survives_anything() {
        for nasty in ["plain", "it's", "$(rm -rf /)", "`id`", "a\nb", "\\'\"", ""] {
            let script = format!("printf '%s' {}", quote(nasty));
            assert_eq!(run(&script), nasty.as_bytes(), "{nasty:?}");
        }
    }

    #[test]
    fn framing_holds_for_any_bytes() {
        let dir = tempfile::tempdir().unwrap();
        // Content that imitates the markers, binary bytes, no final newline.
        let evil: Vec<u8> =
            b"@mb 0 end\n@mb done\n\x00\xff\x1b[2J@mbstatus 0".iter().copied().chain(0u8..=255).collect();
        let file = dir.path().join("evil.conf");
        std::fs::write(&file, &evil).unwrap();
        let probes = vec![
            ProbeKey::File { path: file.display().to_string().into() },
            ProbeKey::File { path: dir.path().join("missing").display().to_string().into() },
            ProbeKey::File { path: dir.path().display().to_string().into() },
            ProbeKey::Command {
                command: format!("cat {}; exit 3", quote(&file.display().to_string())).into(),
                args: vec![],
            },
            ProbeKey::Command { command: "printf 'it'\"'\"'s'".into(), args: vec![] },
            ProbeKey::Command { command: "printf '%s|' \"$@\"".into(), args: vec!["$(id)".into(), "-n".into()] },
        ];
        let facts = parse(&run(&compile(&probes, None)), &probes);
        assert_eq!(*facts[&probes[0]], Fact::File { content: evil.clone(), private: false });
        assert_eq!(*facts[&probes[1]], Fact::Absent);
        assert!(matches!(*facts[&probes[2]], Fact::Unreadable { .. }));
        assert_eq!(*facts[&probes[3]], Fact::Output { stdout: evil, status: 3 });
        assert_eq!(*facts[&probes[4]], Fact::Output { stdout: b"it's".to_vec(), status: 0 });
        assert_eq!(*facts[&probes[5]], Fact::Output { stdout: b"$(id)|-n|".to_vec(), status: 0 });
    }

    #[test]
    fn a_command_runs_in_a_subshell_of_the_script_and_stays_there() {
        let command = |c: &str| ProbeKey::Command { command: c.into(), args: vec![] };
        let probes = vec![
            // No new `sh` per command: the script's own functions are visible to it.
            command("command -v mb_file >/dev/null && printf subshell"),
            // What a command does ends with its subshell: `exit`, variables, traps, syntax errors.
            command("mb_n=9; trap 'printf bye' EXIT; exit 4"),
            command("printf '%s' \"${mb_t-unset}\"; mb_t=set"),
            command("echo \"unterminated"),
            command("printf '%s' \"${mb_t-unset}\""),
        ];
        let facts = parse(&run(&compile(&probes, None)), &probes);
        assert_eq!(*facts[&probes[0]], Fact::Output { stdout: b"subshell".to_vec(), status: 0 });
        assert_eq!(*facts[&probes[1]], Fact::Output { stdout: b"bye".to_vec(), status: 4 });
        assert_eq!(*facts[&probes[2]], Fact::Output { stdout: b"unset".to_vec(), status: 0 });
        assert!(matches!(*facts[&probes[3]], Fact::Output { status, .. } if status != 0), "{:?}", facts[&probes[3]]);
        assert_eq!(*facts[&probes[4]], Fact::Output { stdout: b"unset".to_vec(), status: 0 });
    }

    #[test]
    fn any_chunking_decodes_the_same_and_selections_match_the_whole_file() {
        use crate::rules::select::select;
        let dir = tempfile::tempdir().unwrap();
        let conf = dir.path().join("smb.conf");
        let text: &[u8] = b"[global]\r\n  a = 1\n  secret = hunter2\n\xff\n[other]\n  a = 2\nlast = \\\n  joined";
        std::fs::write(&conf, text).unwrap();
        let probes = vec![
            ProbeKey::File { path: conf.display().to_string().into() },
            ProbeKey::Command { command: "printf 'x\\ny'".into(), args: vec![] },
        ];
        let selectors = vec![
            Selector::Ini { section: "global".into(), key: "A".into() },
            Selector::Ini { section: "other".into(), key: "nosuch".into() },
            Selector::Lines(regex::Regex::new("a|j").unwrap()),
            Selector::Json("/a".into()),
        ];
        let reads = vec![Reads { whole: false, selectors: selectors.clone() }, Reads::whole()];
        let output = run(&compile(&probes, None));
        let mut whole = Decoder::new(&probes, &reads);
        whole.feed(&output).unwrap();
        let whole = whole.finish();
        for size in [1, 2, 3, 7, 48, 4096] {
            let mut decoder = Decoder::new(&probes, &reads);
            output.chunks(size).for_each(|chunk| decoder.feed(chunk).unwrap());
            assert_eq!(decoder.finish(), whole, "chunks of {size}");
        }
        let Fact::Selected { picks, sha256, private: false } = &*whole[&probes[0]] else {
            panic!("{:?}", whole[&probes[0]]);
        };
        let lossy = String::from_utf8_lossy(&std::fs::read(&conf).unwrap()).into_owned();
        let want: Vec<_> = selectors.iter().map(|s| select(s, &lossy)).collect();
        assert_eq!(picks, &want);
        assert!(!format!("{picks:?}").contains("hunter2"));
        use sha2::Digest as _;
        assert_eq!(sha256, &data_encoding::HEXLOWER.encode(&sha2::Sha256::digest(text)));
        assert_eq!(*whole[&probes[1]], Fact::Output { stdout: b"x\ny".to_vec(), status: 0 });
    }

    #[test]
    fn stray_text_counts_against_the_cap_as_content() {
        let probes = vec![ProbeKey::File { path: "/f".into() }];
        let stray = vec![b'y'; 1 << 20];
        // Text that is no part of the script's framing, in lines or in one endless line.
        for newline in [true, false] {
            let mut decoder = Decoder::new(&probes, &[]);
            let mut fed = 0;
            let over = (0..=16).try_for_each(|_| {
                fed += 1;
                decoder.feed(&stray)?;
                decoder.feed(if newline { b"\n" } else { b"" })
            });
            assert!(over.unwrap_err().contains("more than 16 MiB of content"));
            assert_eq!(fed, 17, "stopped as soon as the cap was passed");
        }
    }

    #[test]
    fn a_cut_short_answer_is_missing() {
        let probes = vec![ProbeKey::File { path: "/etc/hostname".into() }];
        let facts = parse(b"@mb 0 file\n 61 62\n", &probes);
        assert!(matches!(*facts[&probes[0]], Fact::Missing { .. }));
        let facts = parse(b"", &probes);
        assert!(matches!(*facts[&probes[0]], Fact::Missing { .. }));
    }

    #[test]
    fn malformed_hex_is_an_error_not_a_panic() {
        for json in [
            r#"{"state":"file","content":{"hex":"aé00"}}"#,
            r#"{"state":"file","content":{"hex":"abc"}}"#,
            r#"{"state":"file","content":{"hex":"00","more":"01"}}"#,
            r#"{"state":"file","content":{}}"#,
            r#"{"state":"file","content":7}"#,
        ] {
            assert!(serde_json::from_str::<Fact>(json).is_err(), "{json}");
        }
    }

    #[test]
    fn saved_facts_round_trip() {
        for fact in [
            Fact::File { content: b"text\n".to_vec(), private: false },
            Fact::File { content: vec![0xff, 0x00], private: true },
            Fact::Redacted { sha256: "ab".into() },
            Fact::Output { stdout: b"enabled".to_vec(), status: 0 },
            Fact::Output { stdout: Vec::new(), status: -1 },
            Fact::Response { status: 200, body: b"{\"data\":[]}".to_vec() },
            Fact::Unreadable { reason: "a directory".into() },
            Fact::Missing { reason: "no answer".into() },
            Fact::Selected {
                picks: vec![crate::rules::select::select(
                    &crate::rules::check::Selector::Ini { section: String::new(), key: "a".into() },
                    "a = 1\n",
                )],
                sha256: "cd".into(),
                private: false,
            },
            Fact::Absent,
        ] {
            let json = serde_json::to_string(&fact).unwrap();
            assert_eq!(serde_json::from_str::<Fact>(&json).unwrap(), fact, "{json}");
        }
        for key in [
            ProbeKey::File { path: "/etc/a".into() },
            ProbeKey::Command { command: "id".into(), args: vec![] },
            ProbeKey::Command { command: "printf %s \"$1\"".into(), args: vec!["x".into()] },
            ProbeKey::Api { cluster: "c1".into(), path: "/cluster/status".into() },
        ] {
            let json = serde_json::to_string(&key).unwrap();
            assert_eq!(serde_json::from_str::<ProbeKey>(&json).unwrap(), key, "{json}");
        }
    }

    #[test]
    fn saved_facts_are_read_in_any_field_order_and_malformed_ones_refused() {
        let read = |json: &str| serde_json::from_str::<Fact>(json).map_err(|e| e.to_string());
        // The tag need not come first, and unknown fields are skipped.
        assert_eq!(
            read(r#"{"status":3,"stdout":"x","later":[1,{"a":2}],"state":"output"}"#),
            Ok(Fact::Output { stdout: b"x".to_vec(), status: 3 })
        );
        assert_eq!(
            read(r#"{"content":{"hex":"ff00"},"state":"file"}"#),
            Ok(Fact::File { content: vec![0xff, 0], private: false })
        );
        let refused = [
            (r#"{"content":"x"}"#, "missing field `state`"),
            (r#"{"state":"file"}"#, "missing field `content`"),
            (r#"{"state":"file","content":"x","content":"y"}"#, "duplicate field `content`"),
            (r#"{"state":"output","stdout":"x","status":4294967296}"#, "out of range"),
            (r#"{"state":"response","body":"x","status":-1}"#, "out of range"),
            (r#"{"state":"teleported"}"#, "unknown variant `teleported`"),
            (r#"["file","x"]"#, "invalid type"),
        ];
        for (json, why) in refused {
            let error = read(json).expect_err(json);
            assert!(error.contains(why), "{json}: {error}");
        }
        let key = |json: &str| serde_json::from_str::<ProbeKey>(json).map_err(|e| e.to_string());
        assert_eq!(key(r#"{"path":"/a","kind":"file"}"#), Ok(ProbeKey::File { path: "/a".into() }));
        assert!(key(r#"{"kind":"api","path":"/a"}"#).unwrap_err().contains("missing field `cluster`"));
        assert!(key(r#"{"kind":"file","path":"/a","path":"/b"}"#).unwrap_err().contains("duplicate field `path`"));
    }
}
