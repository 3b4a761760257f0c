//! The run file's format: the JSON report with each check's rule, decision, title and
//! severity written once, in `checks`, instead of in each of its findings (a 100 000-host run
//! would repeat them 100 000 times), and, per host, the facts gathered.
//!
//! Files written before `checks` existed (every finding whole, as `mb audit --format json`
//! prints them) are read the same way: a finding that carries its own rule keeps it.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::sync::Arc;

use rayon::prelude::*;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::run::{HostRecord, Merged, Provenance, Run};
use super::{CheckRef, DecisionRef, Finding, FindingStatus, Location, PASSED, RuleRef, Summary};
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
    object.array("hosts", &run.hosts, HOSTS_PER_CHUNK, |_, h| h)?;
    object.field("checks", &entries.checks)?;
    object.array("findings", &run.findings, FINDINGS_PER_CHUNK, |i, f| entries.finding(i, f))?;
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

    /// `"name":[…]` of `view(i, item)` for each item, `per_chunk` items to a core at a time.
    fn array<'a, T: Sync, S: Serialize>(
        &mut self,
        name: &str,
        items: &'a [T],
        per_chunk: usize,
        view: impl Fn(usize, &'a T) -> S + Sync,
    ) -> io::Result<()> {
        self.key(name)?;
        self.out.write_all(b"[")?;
        let window = per_chunk * CHUNKS_PER_WINDOW;
        let serialise = |base: usize, part: &'a [T]| -> io::Result<Vec<Vec<u8>>> {
            part.par_chunks(per_chunk)
                .enumerate()
                .map(|(c, chunk)| {
                    let mut buf = Vec::new();
                    for (j, item) in chunk.iter().enumerate() {
                        let i = base + c * per_chunk + j;
                        if i > 0 {
                            buf.push(b',');
                        }
                        serde_json::to_writer(&mut buf, &view(i, item)).map_err(io::Error::other)?;
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
    let run = parser.deserialize_map(FileVisitor(part))?;
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
    fn finding<'f>(&self, i: usize, f: &'f Finding) -> FindingOut<'f> {
        let covered = self.covered[i];
        FindingOut {
            check: &f.check.id,
            host: &f.host,
            status: f.status,
            severity: (!covered).then_some(f.check.severity),
            expected: &f.expected,
            actual: &f.actual,
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
    expected: &'a Option<Arc<str>>,
    actual: &'a Option<Arc<str>>,
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
/// parsed and as made.
struct FileVisitor(Part);

impl<'de> Visitor<'de> for FileVisitor {
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
                Field::Hosts if self.0 == Part::Summary => {
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
                    let list: Vec<HostRecord> = map.next_value()?;
                    if self.0 == Part::Whole {
                        maker.shared.extend(list.iter().map(|h| Arc::from(h.name.as_str())));
                    }
                    hosts = Some(list);
                }
                Field::Checks | Field::Findings if self.0 != Part::Whole => {
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
            .map(|h| HostRecord {
                name: format!("h{h}"),
                position: Some(h),
                groups: vec!["all".into()],
                status: crate::probe::HostStatus::Ok,
                error: None,
                duration_ms: h as u64,
                facts: vec![super::super::run::SavedFact {
                    probe: crate::probe::ProbeKey::File { path: "/etc/x".into() },
                    fact: Arc::new(crate::probe::Fact::File {
                        content: format!("n = {h}\n").into_bytes(),
                        private: false,
                    }),
                }],
                vars: Default::default(),
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
