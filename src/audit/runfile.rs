//! The run file's format: the JSON report with each check's rule, decision, title and
//! severity written once, in `checks`, instead of in each of its findings (a 100 000-host run
//! would repeat them 100 000 times), and, per host, the facts gathered.
//!
//! Files written before `checks` existed (every finding whole, as `mb audit --format json`
//! prints them) are read the same way: a finding that carries its own rule keeps it.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, Write};
use std::sync::Arc;

use rayon::prelude::*;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

use super::run::{HostRecord, Merged, Provenance, Run, SavedFact};
use super::{CheckRef, DecisionRef, Finding, FindingStatus, Location, PASSED, RuleRef, Summary};
use crate::probe::Fact;
use crate::rules::Severity;

/// Writes `run` in the run file's format. The object's short fields go through serde; its two
/// long arrays (the hosts with their facts, the findings) are serialised in chunks on every
/// core, a window of chunks at a time, while the window before is written: a 100 000-host run
/// is never one string in memory, and its file is written at the speed of both cores.
pub fn write<W: Write + Send>(run: &Run, out: &mut W) -> io::Result<()> {
    let entries = Entries::of(&run.findings);
    let mut object = Object { out, first: true };
    object.field("version", &run.version)?;
    object.field("run", &run.run)?;
    object.field("mode", &run.mode)?;
    if let Some(of) = &run.replay_of {
        object.field("replay_of", of)?;
    }
    object.array("hosts", &run.hosts, HOSTS_PER_CHUNK, |buf, written, _, h| {
        serde_json::to_writer(buf, &HostOut::of(h, written))
    })?;
    object.field("checks", &entries.checks)?;
    object.array("findings", &run.findings, FINDINGS_PER_CHUNK, |buf, written, i, f| {
        entries.finding(i, f, written).write(buf)
    })?;
    object.field("summary", &run.summary)?;
    if let Some(provenance) = &run.provenance {
        object.field("provenance", provenance)?;
    }
    if let Some(merged) = &run.merged {
        object.field("merged", merged)?;
    }
    object.out.write_all(b"}")
}

/// Hosts serialised together by one core (a host carries its facts: kilobytes, at most the
/// answer cap each).
const HOSTS_PER_CHUNK: usize = 8;
const FINDINGS_PER_CHUNK: usize = 1024;
/// Chunks serialised at once before they are written.
const CHUNKS_PER_WINDOW: usize = 16;

/// A JSON object being written field by field.
struct Object<'w, W> {
    out: &'w mut W,
    first: bool,
}

impl<W: Write + Send> Object<'_, W> {
    /// `name` is one of this file's field names: plain ASCII, nothing to escape.
    fn key(&mut self, name: &str) -> io::Result<()> {
        self.out.write_all(if self.first { b"{\"" } else { b",\"" })?;
        self.first = false;
        self.out.write_all(name.as_bytes())?;
        self.out.write_all(b"\":")
    }

    fn field<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> io::Result<()> {
        self.key(name)?;
        serde_json::to_writer(&mut *self.out, value).map_err(io::Error::other)
    }

    /// `"name":[…]` of each item as `item(buf, written, i, item)` writes it, `per_chunk` items
    /// to a core at a time; `written` is the chunk's own.
    fn array<'a, T: Sync>(
        &mut self,
        name: &str,
        items: &'a [T],
        per_chunk: usize,
        item: impl Fn(&mut Vec<u8>, &Written, usize, &'a T) -> serde_json::Result<()> + Sync,
    ) -> io::Result<()> {
        self.key(name)?;
        self.out.write_all(b"[")?;
        let window = per_chunk * CHUNKS_PER_WINDOW;
        let serialise = |base: usize, part: &'a [T]| -> io::Result<Vec<Vec<u8>>> {
            part.par_chunks(per_chunk)
                .enumerate()
                .map(|(c, chunk)| {
                    let mut buf = Vec::new();
                    let written = Written::default();
                    for (j, one) in chunk.iter().enumerate() {
                        let i = base + c * per_chunk + j;
                        if i > 0 {
                            buf.push(b',');
                        }
                        item(&mut buf, &written, i, one).map_err(io::Error::other)?;
                    }
                    Ok(buf)
                })
                .collect()
        };
        let mut ready: Vec<Vec<u8>> = Vec::new();
        for (w, part) in items.chunks(window).enumerate() {
            let out = &mut *self.out;
            let (written, next) =
                rayon::join(|| ready.iter().try_for_each(|b| out.write_all(b)), || serialise(w * window, part));
            written?;
            ready = next?;
        }
        ready.iter().try_for_each(|b| self.out.write_all(b))?;
        self.out.write_all(b"]")
    }
}

/// The shared values a chunk of the file has written, as JSON: facts (a replay's hosts share
/// the facts they gave alike) and findings' expected and found values (most hosts find a
/// check alike), each known by its address while the run is written. A value shared within a
/// chunk is escaped once and copied after: a value found on 100 000 hosts is often a whole
/// file.
#[derive(Default)]
struct Written {
    facts: RefCell<HashMap<usize, Box<RawValue>>>,
    texts: RefCell<Escaped>,
}

/// Values that need escaping, as JSON, by address and length.
type Escaped = HashMap<(usize, usize), Box<[u8]>>;

/// A finding's expected or found value, written through the chunk's [`Written`].
struct WrittenText<'a> {
    text: &'a Arc<str>,
    written: &'a Written,
}

impl WrittenText<'_> {
    fn append(&self, buf: &mut Vec<u8>) {
        if crate::json::is_plain(self.text) {
            return crate::json::push_str(buf, self.text);
        }
        let mut texts = self.written.texts.borrow_mut();
        match texts.entry((self.text.as_ptr() as usize, self.text.len())) {
            Entry::Occupied(json) => buf.extend_from_slice(json.get()),
            Entry::Vacant(place) => {
                let start = buf.len();
                crate::json::push_str(buf, self.text);
                place.insert(buf[start..].into());
            }
        }
    }
}

/// As serde writes it: the reference [`FindingOut::write`] is tested against.
impl Serialize for WrittenText<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.text)
    }
}

/// A host as the run file writes it: [`HostRecord`]'s fields, its facts through the chunk's
/// [`Written`].
#[derive(Serialize)]
struct HostOut<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<usize>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    groups: &'a [String],
    status: crate::probe::HostStatus,
    error: &'a Option<String>,
    duration_ms: u64,
    #[serde(skip_serializing_if = "FactsOut::is_empty")]
    facts: FactsOut<'a>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    vars: &'a BTreeMap<String, String>,
}

impl<'a> HostOut<'a> {
    fn of(h: &'a HostRecord, written: &'a Written) -> HostOut<'a> {
        HostOut {
            name: &h.name,
            position: h.position,
            groups: &h.groups,
            status: h.status,
            error: &h.error,
            duration_ms: h.duration_ms,
            facts: FactsOut { facts: &h.facts, written },
            vars: &h.vars,
        }
    }
}

struct FactsOut<'a> {
    facts: &'a [SavedFact],
    written: &'a Written,
}

impl FactsOut<'_> {
    fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }
}

impl Serialize for FactsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct One<'a> {
            probe: &'a crate::probe::ProbeKey,
            fact: WrittenFact<'a>,
        }
        let written = self.written;
        s.collect_seq(self.facts.iter().map(|f| One { probe: &f.probe, fact: WrittenFact { fact: &f.fact, written } }))
    }
}

struct WrittenFact<'a> {
    fact: &'a Arc<Fact>,
    written: &'a Written,
}

impl Serialize for WrittenFact<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seen = self.written.facts.borrow_mut();
        let json = match seen.entry(Arc::as_ptr(self.fact) as usize) {
            Entry::Occupied(json) => json.into_mut(),
            Entry::Vacant(place) => {
                place.insert(serde_json::value::to_raw_value(&**self.fact).map_err(serde::ser::Error::custom)?)
            }
        };
        json.serialize(s)
    }
}

/// What of a run file a reader needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Whole,
    /// The hosts and their facts, for a replay: the findings are checked as JSON and skipped
    /// (a 100 000-host run has millions), so the run read has none.
    Facts,
    /// What `mb runs` lists: the run's id, mode, hosts (without their facts and variables) and
    /// summary; the facts and findings are checked as JSON and skipped.
    Summary,
}

/// A host without its facts and variables (for [`Part::Summary`]); serde skips the rest.
#[derive(Deserialize)]
struct HostHead {
    name: String,
    #[serde(default)]
    position: Option<usize>,
    #[serde(default)]
    groups: Vec<String>,
    status: crate::probe::HostStatus,
    error: Option<String>,
    duration_ms: u64,
}

/// Reads a run file (either form).
pub fn read(input: &[u8], part: Part) -> serde_json::Result<Run> {
    let mut parser = serde_json::Deserializer::from_slice(input);
    let run = parser.deserialize_map(FileVisitor { part, input })?;
    parser.end()?;
    run.map_err(de::Error::custom)
}

/// The `checks` list, and which findings it covers: a finding that differs from its check's
/// entry (never, in runs mb makes) says everything itself.
struct Entries<'a> {
    checks: Vec<&'a CheckRef>,
    covered: Vec<bool>,
}

impl<'a> Entries<'a> {
    fn of(findings: &'a [Finding]) -> Entries<'a> {
        // One entry per check, from its first finding; looked up only where the check changes
        // (a run's findings are ordered by check).
        let mut checks: Vec<&'a CheckRef> = Vec::new();
        let mut index: HashMap<&'a str, usize> = HashMap::new();
        let mut covered = Vec::with_capacity(findings.len());
        let mut last: Option<(&str, usize)> = None;
        for f in findings {
            let at = match last {
                Some((check, at)) if check == f.check.id => at,
                _ => *index.entry(&f.check.id).or_insert_with(|| {
                    checks.push(&f.check);
                    checks.len() - 1
                }),
            };
            last = Some((&f.check.id, at));
            // The finding need not say what its check's entry says.
            covered.push(std::ptr::eq(checks[at], &*f.check) || *checks[at] == *f.check);
        }
        Entries { checks, covered }
    }

    /// The `i`th finding as written.
    fn finding<'f>(&self, i: usize, f: &'f Finding, written: &'f Written) -> FindingOut<'f> {
        let covered = self.covered[i];
        let value = |v: &'f Option<Arc<str>>| v.as_ref().map(|text| WrittenText { text, written });
        FindingOut {
            check: &f.check.id,
            host: &f.host,
            status: f.status,
            severity: (!covered).then_some(f.check.severity),
            expected: value(&f.expected),
            actual: value(&f.actual),
            message: &f.message,
            rule: (!covered).then_some(&f.check.rule),
            decision: (!covered).then_some(f.check.decision.as_ref()),
            title: if covered { None } else { f.check.title.as_deref() },
            location: f.location.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct FindingOut<'a> {
    check: &'a str,
    host: &'a str,
    status: FindingStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    severity: Option<Severity>,
    expected: Option<WrittenText<'a>>,
    actual: Option<WrittenText<'a>>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<&'a RuleRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    decision: Option<Option<&'a DecisionRef>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a Location>,
}

impl FindingOut<'_> {
    /// Appends the finding as serde writes it (the derived `Serialize` above is the reference,
    /// and a test holds the two to the same bytes), without serde's calls per field: a
    /// 100 000-host run writes 4 million findings, and their field names are constants and most
    /// of their values need no escaping.
    fn write(&self, buf: &mut Vec<u8>) -> serde_json::Result<()> {
        let value = |buf: &mut Vec<u8>, v: &Option<WrittenText>| match v {
            Some(text) => text.append(buf),
            None => buf.extend_from_slice(b"null"),
        };
        buf.extend_from_slice(b"{\"check\":");
        crate::json::push_str(buf, self.check);
        buf.extend_from_slice(b",\"host\":");
        crate::json::push_str(buf, self.host);
        buf.extend_from_slice(b",\"status\":");
        serde_json::to_writer(&mut *buf, &self.status)?;
        if let Some(severity) = self.severity {
            buf.extend_from_slice(b",\"severity\":");
            serde_json::to_writer(&mut *buf, &severity)?;
        }
        buf.extend_from_slice(b",\"expected\":");
        value(buf, &self.expected);
        buf.extend_from_slice(b",\"actual\":");
        value(buf, &self.actual);
        buf.extend_from_slice(b",\"message\":");
        crate::json::push_str(buf, self.message);
        if let Some(rule) = self.rule {
            buf.extend_from_slice(b",\"rule\":");
            serde_json::to_writer(&mut *buf, rule)?;
        }
        if let Some(decision) = self.decision {
            buf.extend_from_slice(b",\"decision\":");
            serde_json::to_writer(&mut *buf, &decision)?;
        }
        if let Some(title) = self.title {
            buf.extend_from_slice(b",\"title\":");
            crate::json::push_str(buf, title);
        }
        if let Some(location) = self.location {
            buf.extend_from_slice(b",\"location\":");
            serde_json::to_writer(&mut *buf, location)?;
        }
        buf.push(b'}');
        Ok(())
    }
}

#[derive(Deserialize)]
struct FindingIn {
    check: String,
    host: String,
    status: FindingStatus,
    #[serde(default)]
    severity: Option<Severity>,
    #[serde(default)]
    expected: Option<String>,
    #[serde(default)]
    actual: Option<String>,
    message: String,
    #[serde(default)]
    rule: Option<RuleRef>,
    /// `Some(None)`: the finding says it has no decision.
    #[serde(default, deserialize_with = "present")]
    decision: Option<Option<DecisionRef>>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    location: Option<Box<Location>>,
}

/// A field that is present, even as `null`.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// The run file's fields, as the reader meets them.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum Field {
    Version,
    Run,
    Mode,
    ReplayOf,
    Hosts,
    Checks,
    Findings,
    Summary,
    Provenance,
    Merged,
    #[serde(other)]
    Other,
}

/// Reads the run file's object. Findings are made as they are parsed, each from its entry in
/// `checks` (which mb writes before them), so a large run's findings never exist twice, as
/// parsed and as made. Hosts are split as JSON text and parsed on every core.
struct FileVisitor<'de> {
    part: Part,
    /// The whole file, to place an error in one host at its line in the file.
    input: &'de [u8],
}

impl<'de> Visitor<'de> for FileVisitor<'de> {
    type Value = Result<Run, String>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a saved run")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut version, mut run, mut mode, mut replay_of) = (None, None, None, None);
        let (mut hosts, mut summary, mut provenance, mut merged) = (None, None, None, None);
        let mut maker = Maker::default();
        let mut checks_seen = false;
        let mut findings: Option<Vec<Finding>> = None;
        // A run that is valid JSON but not a valid run: the rest is read, the error returned.
        let mut wrong: Option<String> = None;
        // Findings met before `checks` (not in files mb writes), made once the map is read.
        let mut early: Option<Vec<FindingIn>> = None;
        while let Some(field) = map.next_key()? {
            match field {
                Field::Version => version = Some(map.next_value::<u32>()?),
                Field::Run => run = Some(map.next_value::<String>()?),
                Field::Mode => mode = Some(map.next_value::<String>()?),
                Field::ReplayOf => replay_of = map.next_value::<Option<String>>()?,
                Field::Hosts if self.part == Part::Summary => {
                    let heads: Vec<HostHead> = map.next_value()?;
                    let list = heads.into_iter().map(|h| HostRecord {
                        name: h.name,
                        position: h.position,
                        groups: h.groups,
                        status: h.status,
                        error: h.error,
                        duration_ms: h.duration_ms,
                        facts: Vec::new(),
                        vars: Default::default(),
                    });
                    hosts = Some(list.collect());
                }
                Field::Hosts => {
                    let list = match hosts_of(&map.next_value::<Vec<&RawValue>>()?, self.input) {
                        Ok(list) => list,
                        Err(e) => {
                            wrong.get_or_insert(e);
                            Vec::new()
                        }
                    };
                    if self.part == Part::Whole {
                        maker.shared.extend(list.iter().map(|h| Arc::from(h.name.as_str())));
                    }
                    hosts = Some(list);
                }
                Field::Checks | Field::Findings if self.part != Part::Whole => {
                    map.next_value::<IgnoredAny>()?;
                    findings = Some(Vec::new());
                }
                Field::Checks => {
                    if checks_seen {
                        return Err(de::Error::duplicate_field("checks"));
                    }
                    checks_seen = true;
                    if let Err(e) = maker.entries(map.next_value::<Vec<CheckRef>>()?) {
                        wrong.get_or_insert(e);
                    }
                }
                Field::Findings if findings.is_some() || early.is_some() => {
                    return Err(de::Error::duplicate_field("findings"));
                }
                Field::Findings if checks_seen => match map.next_value_seed(Findings(&mut maker))? {
                    Ok(made) => findings = Some(made),
                    Err(e) => {
                        findings = Some(Vec::new());
                        wrong.get_or_insert(e);
                    }
                },
                Field::Findings => early = Some(map.next_value()?),
                Field::Summary => summary = Some(map.next_value::<Summary>()?),
                Field::Provenance => provenance = map.next_value::<Option<Provenance>>()?,
                Field::Merged => merged = map.next_value::<Option<Merged>>()?,
                Field::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if let Some(e) = wrong {
            return Ok(Err(e));
        }
        let findings = match (findings, early) {
            (Some(made), _) => made,
            (None, Some(early)) => match early.into_iter().map(|f| maker.make(f)).collect() {
                Ok(made) => made,
                Err(e) => return Ok(Err(e)),
            },
            (None, None) => return Err(de::Error::missing_field("findings")),
        };
        Ok(Ok(Run {
            version: version.ok_or_else(|| de::Error::missing_field("version"))?,
            run: run.ok_or_else(|| de::Error::missing_field("run"))?,
            mode: mode.unwrap_or_default(),
            replay_of,
            hosts: hosts.ok_or_else(|| de::Error::missing_field("hosts"))?,
            findings,
            summary: summary.ok_or_else(|| de::Error::missing_field("summary"))?,
            provenance,
            merged,
        }))
    }
}

/// The hosts, each parsed from its text on rayon's pool (a 100 000-host run's hosts are most
/// of its file). The error of the first host in file order that is not a host, placed at its
/// line and column in the file.
fn hosts_of(raw: &[&RawValue], input: &[u8]) -> Result<Vec<HostRecord>, String> {
    let parsed: Vec<Result<HostRecord, String>> = raw
        .par_iter()
        .map(|text| serde_json::from_str(text.get()).map_err(|e| placed(&e, text.get(), input)))
        .collect();
    parsed.into_iter().collect()
}

/// `e`, met in `part` (a slice of `input`), as serde_json would have reported it reading all
/// of `input`: its line and column counted from the file's start.
fn placed(e: &serde_json::Error, part: &str, input: &[u8]) -> String {
    let own = format!(" at line {} column {}", e.line(), e.column());
    let text = e.to_string();
    let message = text.strip_suffix(&own).unwrap_or(&text);
    if e.line() == 0 {
        return message.to_string();
    }
    // Where `part` starts: a pointer difference, as `part` is borrowed from `input`.
    let start = (part.as_ptr() as usize).saturating_sub(input.as_ptr() as usize).min(input.len());
    let before = &input[..start];
    let lines = before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = if e.line() == 1 { start - line_start + e.column() } else { e.column() };
    format!("{message} at line {} column {column}", lines + e.line())
}

/// The `findings` array, each made as it is parsed.
struct Findings<'m>(&'m mut Maker);

impl<'de> DeserializeSeed<'de> for Findings<'_> {
    type Value = Result<Vec<Finding>, String>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Findings<'_> {
    type Value = Result<Vec<Finding>, String>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of findings")
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        // The hint is the parser's guess; bounded so a hostile one allocates nothing much.
        let mut made = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
        while let Some(f) = seq.next_element::<FindingIn>()? {
            match self.0.make(f) {
                Ok(finding) => made.push(finding),
                Err(e) => {
                    // The rest is read (and checked as JSON), not made.
                    while seq.next_element::<IgnoredAny>()?.is_some() {}
                    return Ok(Err(e));
                }
            }
        }
        Ok(Ok(made))
    }
}

/// Makes findings from the file's: each check's rule, decision and title from its entry in
/// `checks`, or, in files written before `checks`, from the finding itself; names shared.
#[derive(Default)]
struct Maker {
    table: HashMap<String, Arc<CheckRef>>,
    /// Findings that carry their own rule (files written before `checks`): equal ones share
    /// one copy, as findings of one check do in the run that wrote them.
    own: HashMap<String, Arc<CheckRef>>,
    /// Host names and values shared by their findings, as in the run that wrote them.
    shared: HashSet<Arc<str>>,
}

impl Maker {
    /// The one copy of `text` among this file's findings.
    fn share(&mut self, text: String) -> Arc<str> {
        match self.shared.get(text.as_str()) {
            Some(same) => same.clone(),
            None => {
                let text: Arc<str> = Arc::from(text);
                self.shared.insert(text.clone());
                text
            }
        }
    }

    fn entries(&mut self, checks: Vec<CheckRef>) -> Result<(), String> {
        self.table.reserve(checks.len());
        for check in checks {
            let check = Arc::new(check);
            if self.table.insert(check.id.clone(), check.clone()).is_some() {
                return Err(format!("check `{}` is listed twice in `checks`", check.id));
            }
        }
        Ok(())
    }

    fn make(&mut self, f: FindingIn) -> Result<Finding, String> {
        let check = match f.rule {
            Some(rule) => {
                let severity = f.severity.ok_or_else(|| format!("finding of check `{}` has no severity", f.check))?;
                let own = CheckRef { id: f.check, severity, rule, decision: f.decision.flatten(), title: f.title };
                match self.own.get(&own.id).filter(|same| ***same == own) {
                    Some(same) => same.clone(),
                    None => {
                        let own = Arc::new(own);
                        self.own.insert(own.id.clone(), own.clone());
                        own
                    }
                }
            }
            None => match self.table.get(&f.check) {
                Some(check) => check.clone(),
                None => {
                    return Err(format!(
                        "finding of check `{}` has no rule, and `checks` has no entry for it",
                        f.check
                    ));
                }
            },
        };
        Ok(Finding {
            check,
            host: self.share(f.host),
            status: f.status,
            expected: f.expected.map(|v| self.share(v)),
            actual: f.actual.map(|v| self.share(v)),
            message: if f.message == PASSED { Cow::Borrowed(PASSED) } else { Cow::Owned(f.message) },
            location: f.location,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(check: &str, host: &str, rule_line: usize, title: Option<&str>) -> Finding {
        let check = CheckRef {
            id: check.into(),
            severity: Severity::Error,
            rule: RuleRef { file: "rules/a.md".into(), line: rule_line, end_line: Some(rule_line + 5) },
            decision: Some(DecisionRef {
                file: "memory-bank/activeContext.md".into(),
                line: 3,
                text: "Keep it so".into(),
                date: None,
            }),
            title: title.map(String::from),
        };
        Finding {
            check: Arc::new(check),
            host: Arc::from(host),
            status: FindingStatus::Pass,
            expected: None,
            actual: Some("v".into()),
            message: Cow::Borrowed(PASSED),
            location: None,
        }
    }

    /// The `h`th host of a test run, in the group `all`.
    fn host(h: usize, duration_ms: u64, facts: Vec<super::super::run::SavedFact>) -> HostRecord {
        HostRecord {
            name: format!("h{h}"),
            position: Some(h),
            groups: vec!["all".into()],
            status: crate::probe::HostStatus::Ok,
            error: None,
            duration_ms,
            facts,
            vars: Default::default(),
        }
    }

    fn run(findings: Vec<Finding>) -> Run {
        Run {
            version: 1,
            run: "2026-11-25T19-00-00Z".into(),
            mode: "replay".into(),
            replay_of: None,
            hosts: Vec::new(),
            summary: Summary::of(2, 2, &findings),
            findings,
            provenance: None,
            merged: None,
        }
    }

    #[test]
    fn a_checks_rule_decision_and_title_are_written_once_and_shared_again_when_read() {
        let mut odd = finding("b", "h2", 9, Some("B"));
        // A finding that differs from its check's entry (never made by mb) keeps its own.
        Arc::make_mut(&mut odd.check).rule = RuleRef { file: "rules/other.md".into(), line: 1, end_line: None };
        let written = run(vec![
            finding("a", "h1", 1, Some("A")),
            finding("a", "h2", 1, Some("A")),
            finding("b", "h1", 9, None),
            odd,
        ]);
        let mut bytes = Vec::new();
        write(&written, &mut bytes).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(json["checks"].as_array().unwrap().len(), 2, "{json}");
        assert_eq!(json["checks"][0]["title"], "A");
        assert!(json["findings"][0].get("rule").is_none() && json["findings"][0].get("title").is_none());
        assert_eq!(json["findings"][3]["rule"]["file"], "rules/other.md");
        assert_eq!(json["findings"][3]["title"], "B");

        let read = read(&bytes, Part::Whole).unwrap();
        assert_eq!(read.findings, written.findings);
        assert!(Arc::ptr_eq(&read.findings[0].check, &read.findings[1].check));
        assert!(Arc::ptr_eq(&read.findings[0].host, &read.findings[2].host));
        assert!(matches!(read.findings[0].message, Cow::Borrowed(_)));
    }

    #[test]
    fn a_run_longer_than_many_windows_is_written_whole_and_in_order() {
        // More hosts and findings than several windows hold, and not a multiple of a chunk.
        let hosts = HOSTS_PER_CHUNK * CHUNKS_PER_WINDOW * 3 + 5;
        let per_host = 110;
        let mut findings = Vec::new();
        for c in 0..per_host {
            for h in 0..hosts {
                let mut f = finding(&format!("c{c}"), &format!("h{h}"), c + 1, None);
                f.actual = Some(format!("{c}/{h}").into());
                findings.push(f);
            }
        }
        assert!(findings.len() > 2 * FINDINGS_PER_CHUNK * CHUNKS_PER_WINDOW);
        let mut written = run(findings);
        written.hosts = (0..hosts)
            .map(|h| {
                let fact = crate::probe::Fact::File { content: format!("n = {h}\n").into_bytes(), private: false };
                let probe = crate::probe::ProbeKey::File { path: "/etc/x".into() };
                host(h, h as u64, vec![super::super::run::SavedFact { probe, fact: Arc::new(fact) }])
            })
            .collect();
        let mut bytes = Vec::new();
        write(&written, &mut bytes).unwrap();
        let read = read(&bytes, Part::Whole).unwrap();
        assert_eq!(read.findings, written.findings);
        assert_eq!(read.hosts.len(), hosts);
        for (a, b) in read.hosts.iter().zip(&written.hosts) {
            assert_eq!((&a.name, a.position, &a.facts), (&b.name, b.position, &b.facts));
        }
    }

    #[test]
    fn a_replay_and_a_listing_read_only_what_they_need() {
        let mut written = run(vec![finding("a", "h1", 1, Some("A"))]);
        written.hosts = vec![HostRecord {
            name: "h1".into(),
            position: Some(0),
            groups: vec!["all".into()],
            status: crate::probe::HostStatus::Ok,
            error: None,
            duration_ms: 3,
            facts: vec![super::super::run::SavedFact {
                probe: crate::probe::ProbeKey::File { path: "/etc/x".into() },
                fact: Arc::new(crate::probe::Fact::Absent),
            }],
            vars: [("v".to_string(), "1".to_string())].into(),
        }];
        let mut bytes = Vec::new();
        write(&written, &mut bytes).unwrap();
        let facts = read(&bytes, Part::Facts).unwrap();
        assert_eq!((facts.hosts.len(), facts.hosts[0].facts.len(), facts.findings.len()), (1, 1, 0));
        // `mb runs` needs less still: the hosts without their facts and variables.
        let summary = read(&bytes, Part::Summary).unwrap();
        let host = &summary.hosts[0];
        assert_eq!((host.name.as_str(), host.duration_ms, host.facts.len(), host.vars.len()), ("h1", 3, 0, 0));
        assert_eq!((summary.summary, summary.findings.len()), (written.summary.clone(), 0));
        // Skipped, not unchecked: the findings must still be JSON.
        let text = String::from_utf8(bytes).unwrap().replace(r#""status":"pass""#, r#""status":pass"#);
        assert!(read(text.as_bytes(), Part::Facts).is_err());
    }

    #[test]
    fn a_host_that_is_not_a_host_is_reported_where_it_is_in_the_file() {
        let mut written = run(vec![finding("a", "h1", 1, Some("A"))]);
        written.hosts = (0..3).map(|h| host(h, 7, Vec::new())).collect();
        let mut bytes = Vec::new();
        write(&written, &mut bytes).unwrap();
        let one_line = String::from_utf8(bytes).unwrap();
        // The same file pretty-printed, so the broken host is on a line of its own.
        let value: serde_json::Value = serde_json::from_str(&one_line).unwrap();
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        // What serde_json says reading the whole file on one thread is the reference.
        #[derive(Deserialize)]
        struct Hosts {
            #[allow(dead_code)]
            hosts: Vec<HostRecord>,
        }
        let mut broken_files = 0;
        for text in [one_line, pretty] {
            for (from, to) in
                [(r#""duration_ms":7"#, r#""duration_ms":"slow""#), (r#""duration_ms": 7"#, r#""duration_ms": "slow""#)]
            {
                // The third host only: the first two stay good.
                let Some(at) = text.match_indices(from).nth(2).map(|(i, _)| i) else { continue };
                let broken = format!("{}{to}{}", &text[..at], &text[at + from.len()..]);
                let reference = serde_json::from_str::<Hosts>(&broken).err().unwrap().to_string();
                assert!(reference.contains("expected u64 at line"), "{reference}");
                for part in [Part::Whole, Part::Facts] {
                    assert_eq!(read(broken.as_bytes(), part).err().unwrap().to_string(), reference);
                }
                broken_files += 1;
            }
        }
        assert_eq!(broken_files, 2, "the compact file and the pretty one");
    }

    #[test]
    fn a_host_is_written_as_its_record_serialises_and_shared_facts_once_per_chunk() {
        let shared = Arc::new(crate::probe::Fact::File { content: b"[a]\nb = \"c\"\n\t\x01".to_vec(), private: false });
        let host = |name: &str, facts: Vec<Arc<crate::probe::Fact>>, vars: &[(&str, &str)]| HostRecord {
            name: name.into(),
            position: (name != "h2").then_some(3),
            groups: if name == "h3" { Vec::new() } else { vec!["all".into(), "web".into()] },
            status: crate::probe::HostStatus::Ok,
            error: (name == "h2").then(|| "slow \"host\"".to_string()),
            duration_ms: 12,
            facts: facts
                .into_iter()
                .enumerate()
                .map(|(i, fact)| super::super::run::SavedFact {
                    probe: crate::probe::ProbeKey::File { path: format!("/etc/{i}").into() },
                    fact,
                })
                .collect(),
            vars: vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        };
        let not_text = Arc::new(crate::probe::Fact::File { content: vec![0xff, 0xfe, b'x'], private: true });
        let hosts = [
            host("h1", vec![shared.clone(), not_text.clone()], &[("want", "1")]),
            host("h2", vec![shared.clone(), shared.clone()], &[]),
            host("h3", Vec::new(), &[]),
            host("h4", vec![not_text, Arc::new(crate::probe::Fact::Absent), shared], &[("é", "\u{7f}")]),
        ];
        let written = Written::default();
        for h in &hosts {
            let expected = serde_json::to_string(h).unwrap();
            assert_eq!(serde_json::to_string(&HostOut::of(h, &written)).unwrap(), expected);
        }
        // Three distinct facts, each serialised once.
        assert_eq!(written.facts.borrow().len(), 3);
    }

    #[test]
    fn values_shared_by_findings_are_written_as_each_finding_would_write_them() {
        let found: Arc<str> = Arc::from("[main]\n\"quoted\" \\ tab\there \u{1} é\u{7f}");
        let other: Arc<str> = Arc::from("");
        let findings: Vec<Finding> = (0..3000)
            .map(|i| {
                // A finding whose check differs from the check's entry says everything itself.
                let title = if i % 11 == 4 { "A, \"as it was\"" } else { "A" };
                let mut f = finding("a", &format!("h{i}"), 1, Some(title));
                f.actual = Some(if i % 7 == 3 { other.clone() } else { found.clone() });
                if i % 13 == 0 {
                    f.location = Some(Box::new(Location { file: "etc/a \"b\".ini".into(), line: Some(i) }));
                }
                if i % 5 == 0 {
                    f.status = FindingStatus::Fail;
                    f.expected = Some(found.clone());
                    f.message = Cow::Owned(format!("expected \"{i}\""));
                }
                f
            })
            .collect();
        let written = run(findings);
        let mut bytes = Vec::new();
        write(&written, &mut bytes).unwrap();
        // What serde writes for each finding is the reference, byte for byte.
        let entries = Entries::of(&written.findings);
        let shared = Written::default();
        let mut all = Vec::new();
        for (i, f) in written.findings.iter().enumerate() {
            let mut fast = Vec::new();
            entries.finding(i, f, &shared).write(&mut fast).unwrap();
            assert_eq!(
                String::from_utf8(fast.clone()).unwrap(),
                serde_json::to_string(&entries.finding(i, f, &shared)).unwrap()
            );
            all.push(String::from_utf8(fast).unwrap());
        }
        assert!(all.iter().any(|f| f.contains(r#""severity":"error","#) && f.contains(r#""title":"A, \"as"#)));
        assert!(all.iter().any(|f| f.contains(r#""location":{"file":"etc/a \"b\".ini""#)));
        // One value needed escaping, and was escaped once.
        assert_eq!(shared.texts.borrow().len(), 1);
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.contains(&format!("\"findings\":[{}]", all.join(","))));
        assert_eq!(read(&bytes, Part::Whole).unwrap().findings, written.findings);
    }

    #[test]
    fn findings_listed_before_checks_are_read() {
        let written = run(vec![finding("a", "h1", 1, Some("A")), finding("a", "h2", 1, Some("A"))]);
        let mut bytes = Vec::new();
        write(&written, &mut bytes).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        // Keys in another order than mb writes them: findings first, checks last.
        let reordered = format!(
            r#"{{"findings":{},"version":1,"run":{},"hosts":[],"summary":{},"checks":{}}}"#,
            json["findings"], json["run"], json["summary"], json["checks"]
        );
        let read = read(reordered.as_bytes(), Part::Whole).unwrap();
        assert_eq!(read.findings, written.findings);
    }

    #[test]
    fn files_with_whole_findings_are_read_and_their_rules_shared() {
        let whole = serde_json::json!({
            "version": 1, "run": "2026-11-25T19-00-00Z", "mode": "ssh", "hosts": [],
            "findings": [
                { "check": "a", "host": "h1", "status": "fail", "severity": "warning", "expected": "x",
                  "actual": "y", "message": "expected x, found y", "rule": { "file": "rules/a.md", "line": 4 },
                  "decision": null, "title": "A" },
                { "check": "a", "host": "h2", "status": "pass", "severity": "warning", "expected": null,
                  "actual": "x", "message": "as decided", "rule": { "file": "rules/a.md", "line": 4 },
                  "decision": null, "title": "A" }
            ],
            "summary": { "hosts": 2, "checks": 1, "pass": 1, "fail": 1, "error": 0, "skip": 0 }
        });
        let run = read(whole.to_string().as_bytes(), Part::Whole).unwrap();
        assert_eq!(run.findings[0].check.severity, Severity::Warning);
        assert_eq!(run.findings[1].check.title.as_deref(), Some("A"));
        assert!(run.findings[0].check.decision.is_none());
        assert!(Arc::ptr_eq(&run.findings[0].check, &run.findings[1].check));
    }

    #[test]
    fn a_check_listed_twice_is_an_error() {
        let entry = serde_json::json!({ "id": "a", "severity": "error", "rule": { "file": "rules/a.md", "line": 1 } });
        let twice = serde_json::json!({
            "version": 1, "run": "2026-11-25T19-00-00Z", "hosts": [], "checks": [entry, entry],
            "findings": [], "summary": { "hosts": 0, "checks": 0, "pass": 0, "fail": 0, "error": 0, "skip": 0 }
        });
        let e = read(twice.to_string().as_bytes(), Part::Whole).unwrap_err().to_string();
        assert!(e.contains("check `a` is listed twice"), "{e}");
    }

    #[test]
    fn a_finding_without_rule_or_entry_is_an_error() {
        let bad = serde_json::json!({
            "version": 1, "run": "2026-11-25T19-00-00Z", "hosts": [], "checks": [],
            "findings": [{ "check": "a", "host": "h1", "status": "pass", "message": "as decided" }],
            "summary": { "hosts": 1, "checks": 1, "pass": 1, "fail": 0, "error": 0, "skip": 0 }
        });
        let e = read(bad.to_string().as_bytes(), Part::Whole).unwrap_err().to_string();
        assert!(e.contains("check `a`"), "{e}");
    }
}
