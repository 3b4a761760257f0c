//! The report formats besides `human` and `json` (SARIF, JUnit, Markdown, GitHub annotations,
//! HTML), written from the example's recorded run with today's rules, and from a small run
//! full of hostile strings, then read back the way their consumers read them.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use mb::audit::run::{self, HostRecord, Run};
use mb::audit::{CheckRef, DecisionRef, Finding, FindingStatus, Location, RuleRef, Summary};
use mb::probe::HostStatus;
use mb::report;
use mb::rules::{self, Check, Severity};
use serde_json::Value;

use crate::common::repo_root;

type Writer = fn(&Run, &[Check], &mut dyn std::io::Write) -> std::io::Result<()>;

const FORMATS: [(&str, Writer); 5] = [
    ("sarif", report::sarif::write),
    ("junit", report::junit::write),
    ("markdown", report::markdown::write),
    ("github", report::github::write),
    ("html", report::html::write),
];

/// Today's checks of the example, linked to its Memory Bank.
fn example_checks() -> Vec<Check> {
    let root = repo_root();
    let mut set = rules::load(&root, &rules::default_paths(&root));
    set.link_decisions(&mb::kb::load(&root.join("memory-bank"), &root));
    assert!(set.diagnostics.is_empty(), "{:#?}", set.diagnostics);
    set.checks
}

/// The example's recorded audit of its fleet (one host unreachable, five failures).
fn example_run() -> Run {
    run::read(&repo_root().join("ansible/recorded-run.json")).expect("the recorded run reads")
}

/// Strings a host, a value or a rule could carry to break out of a report.
const HOSTILE: &str = "<script>alert('x')</script> & \"q\" | pipe\n\n# heading\n```\n[link](https://evil.example) \
                       <https://evil.example> www.evil.example ::error::injected 50%,a:b \x1b[31mred\r\nend";

/// A small run: a failing host check with hostile strings everywhere, an undecidable one, a
/// repo check failing at a line of a repository file, a check that no longer exists, a skip,
/// a pass, and a host that was not audited.
fn hostile_run() -> Run {
    let rule = |file: &str, line, end| RuleRef { file: file.into(), line, end_line: end };
    let decision = Some(DecisionRef {
        file: "memory-bank/activeContext.md".into(),
        line: 187,
        text: format!("Keep it none {HOSTILE}"),
        date: Some("2025-08-27".into()),
    });
    let check = |id: &str, severity| CheckRef {
        id: id.into(),
        severity,
        rule: rule("rules/samba.md", 18, Some(33)),
        decision: decision.clone(),
        title: Some(format!("Title {HOSTILE}")),
    };
    let finding = |check: CheckRef, host: &str, status| Finding {
        check: std::sync::Arc::new(check),
        host: host.into(),
        status,
        expected: None,
        actual: None,
        message: String::new().into(),
        location: None,
    };
    let evil_host = "nas|<b>1</b>";
    let findings = vec![
        Finding {
            expected: Some("none".into()),
            actual: Some(HOSTILE.into()),
            message: format!("expected none, found {HOSTILE}").into(),
            ..finding(check("samba-fruit-locking", Severity::Error), evil_host, FindingStatus::Fail)
        },
        Finding {
            message: "found `posix`".into(),
            ..finding(check("samba-fruit-locking", Severity::Error), "nas2", FindingStatus::Pass)
        },
        Finding {
            message: "host not audited (unreachable): connection refused".into(),
            ..finding(check("samba-fruit-locking", Severity::Error), "nas3", FindingStatus::Skip)
        },
        Finding {
            message: format!("cannot read the file: {HOSTILE}").into(),
            ..finding(
                CheckRef { rule: rule("rules/samba.md", 60, None), ..check("samba-fruit-resource", Severity::Warning) },
                evil_host,
                FindingStatus::Error,
            )
        },
        Finding {
            expected: Some("none".into()),
            actual: Some("posix".into()),
            message: "expected none, found posix".into(),
            location: Some(Box::new(Location {
                file: "ansible/roles/samba/templates/smb.conf.j2".into(),
                line: Some(25),
            })),
            ..finding(
                CheckRef {
                    rule: rule("rules/samba.md", 38, Some(51)),
                    title: None,
                    ..check("samba-template-fruit-locking", Severity::Error)
                },
                "repo",
                FindingStatus::Fail,
            )
        },
        Finding {
            message: "`api` probes need the Proxmox API transport".into(),
            ..finding(
                CheckRef {
                    rule: rule("rules/samba.md", 102, None),
                    decision: None,
                    ..check("zz-removed-since", Severity::Info)
                },
                "nas2",
                FindingStatus::Skip,
            )
        },
        Finding {
            expected: Some("1".into()),
            actual: Some("0".into()),
            message: "expected 1, found 0".into(),
            ..finding(
                CheckRef {
                    rule: rule("rules/samba.md", 114, Some(124)),
                    decision: None,
                    title: None,
                    ..check("zz-removed-since", Severity::Info)
                },
                "nas4",
                FindingStatus::Fail,
            )
        },
    ];
    let host = |name: &str, status, error: Option<&str>| HostRecord {
        name: name.into(),
        position: None,
        groups: Vec::new(),
        status,
        error: error.map(str::to_string),
        duration_ms: 10,
        facts: Vec::new(),
        vars: BTreeMap::new(),
    };
    let hosts = vec![
        host(evil_host, HostStatus::Ok, None),
        host("nas2", HostStatus::Ok, None),
        host("nas3", HostStatus::Unreachable, Some("connection refused <script>\n\n# x")),
        host("nas4", HostStatus::Ok, None),
    ];
    let summary = Summary::of(4, hosts.len(), &findings);
    Run {
        version: run::VERSION,
        run: "2026-11-25T19-00-00Z".into(),
        mode: "ssh".into(),
        replay_of: None,
        hosts,
        findings,
        summary,
        provenance: None,
        merged: None,
    }
}

fn render(write: Writer, run: &Run, checks: &[Check]) -> String {
    let mut out = Vec::new();
    write(run, checks, &mut out).expect("writing to memory succeeds");
    String::from_utf8(out).expect("reports are UTF-8")
}

#[test]
fn formats_are_deterministic() {
    let checks = example_checks();
    for run in [example_run(), hostile_run()] {
        for (name, write) in FORMATS {
            let once = render(write, &run, &checks);
            assert!(!once.is_empty(), "{name}");
            assert_eq!(once, render(write, &run, &checks), "{name} changes between two writes of one run");
        }
    }
}

// --- SARIF -------------------------------------------------------------------------------

pub(crate) fn sarif_validator() -> jsonschema::Validator {
    let path = repo_root().join("tests/schemas/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).expect("the SARIF schema compiles")
}

fn sarif(run: &Run, checks: &[Check]) -> Value {
    serde_json::from_str(&render(report::sarif::write, run, checks)).expect("SARIF is JSON")
}

pub(crate) fn schema_errors(validator: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    validator.iter_errors(doc).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

/// What every SARIF log mb writes must hold beyond the schema: each result names a rule that
/// is there (by id and by index), and every region lies inside its file.
pub(crate) fn check_sarif_references(doc: &Value, root: &Path) {
    let run = &doc["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let unique: BTreeSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "one rule per check");
    let mut lines: HashMap<PathBuf, usize> = HashMap::new();
    for result in run["results"].as_array().expect("results") {
        let id = result["ruleId"].as_str().expect("ruleId");
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(ids.get(index), Some(&id), "ruleIndex of {id}");
        let mut locations: Vec<&Value> = result["locations"].as_array().unwrap().iter().collect();
        locations.extend(result["relatedLocations"].as_array().into_iter().flatten());
        for location in locations {
            let physical = &location["physicalLocation"];
            assert_eq!(physical["artifactLocation"]["uriBaseId"], "%SRCROOT%");
            let uri = physical["artifactLocation"]["uri"].as_str().unwrap();
            let file = root.join(uri);
            let count = *lines.entry(file.clone()).or_insert_with(|| {
                std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{uri}: {e}")).lines().count()
            });
            let start = physical["region"]["startLine"].as_u64().expect("every location has a line") as usize;
            let end = physical["region"]["endLine"].as_u64().map_or(start, |e| e as usize);
            assert!(1 <= start && start <= end && end <= count, "{uri}:{start}-{end} is outside its {count} lines");
        }
    }
}

#[test]
fn formats_sarif_is_valid_sarif_2_1_0() {
    let validator = sarif_validator();
    let checks = example_checks();
    for run in [example_run(), hostile_run()] {
        let doc = sarif(&run, &checks);
        assert_eq!(schema_errors(&validator, &doc), Vec::<String>::new());
        check_sarif_references(&doc, &repo_root());
    }
}

#[test]
fn formats_sarif_schema_rejects_a_broken_log() {
    // The validator must be able to say no, or the test above proves nothing.
    let validator = sarif_validator();
    let good = sarif(&example_run(), &example_checks());
    let mut bad_level = good.clone();
    bad_level["runs"][0]["results"][0]["level"] = "fatal".into();
    let mut no_message = good.clone();
    no_message["runs"][0]["results"][0].as_object_mut().unwrap().remove("message");
    let mut zero_line = good.clone();
    zero_line["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0.into();
    let mut stray = good;
    stray["runs"][0]["unknownProperty"] = true.into();
    for bad in [bad_level, no_message, zero_line, stray] {
        assert!(!schema_errors(&validator, &bad).is_empty(), "accepted: {bad:#}");
    }
}

#[test]
fn formats_sarif_shows_what_needs_attention() {
    let checks = example_checks();
    let run = example_run();
    let doc = sarif(&run, &checks);
    let sarif_run = &doc["runs"][0];
    let results = sarif_run["results"].as_array().unwrap();
    // The five failures of the recorded run; passes and skips are left out.
    assert_eq!(results.len(), run.summary.fail);
    let fruit = results.iter().find(|r| r["ruleId"] == "samba-fruit-locking").unwrap();
    assert_eq!(fruit["kind"], "fail");
    assert_eq!(fruit["level"], "error");
    let region = &fruit["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 18, "at the check's YAML");
    assert_eq!(region["endLine"], 31, "to its closing fence, from today's rule");
    let decision = &fruit["relatedLocations"][0]["physicalLocation"];
    assert_eq!(decision["artifactLocation"]["uri"], "memory-bank/activeContext.md");
    let duplicates = results.iter().find(|r| r["ruleId"] == "pve-fw-no-duplicate-rules").unwrap();
    assert_eq!(duplicates["level"], "warning");
    // Rules: every check the run judged, with its title, its prose and its decision.
    let rules = sarif_run["tool"]["driver"]["rules"].as_array().unwrap();
    let judged: BTreeSet<&str> = run.findings.iter().map(|f| f.check.id.as_str()).collect();
    assert_eq!(rules.len(), judged.len());
    let rule = rules.iter().find(|r| r["id"] == "samba-fruit-locking").unwrap();
    assert_eq!(rule["shortDescription"]["text"], "Time Machine keeps fruit:locking = none");
    assert!(rule["help"]["markdown"].as_str().unwrap().contains("`memory-bank/activeContext.md:187`"));
    assert!(rule.get("helpUri").is_none(), "no invented URL");
    assert_eq!(rule["properties"]["decision"]["line"], 187);
    // zd3 was not audited: a notification, and the run did not succeed whole.
    let invocation = &sarif_run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 1);
    assert!(notes[0]["message"]["text"].as_str().unwrap().starts_with("host zd3 was not audited: unreachable"));
}

#[test]
fn formats_sarif_repo_findings_and_undecidable_ones() {
    let doc = sarif(&hostile_run(), &example_checks());
    let results = doc["runs"][0]["results"].as_array().unwrap();
    let repo = results.iter().find(|r| r["ruleId"] == "samba-template-fruit-locking").unwrap();
    let primary = &repo["locations"][0]["physicalLocation"];
    assert_eq!(primary["artifactLocation"]["uri"], "ansible/roles/samba/templates/smb.conf.j2");
    assert_eq!(primary["region"]["startLine"], 25);
    let related = &repo["relatedLocations"][0]["physicalLocation"];
    assert_eq!(related["artifactLocation"]["uri"], "rules/samba.md");
    assert_eq!(related["region"]["startLine"], 38);
    let open = results.iter().find(|r| r["ruleId"] == "samba-fruit-resource").unwrap();
    assert_eq!((open["kind"].as_str(), open["level"].as_str()), (Some("open"), Some("none")));
    // A check gone from today's rules still has its rule, from what the finding recorded.
    let gone = results.iter().find(|r| r["ruleId"] == "zz-removed-since").unwrap();
    assert_eq!(gone["level"], "note");
    let rules = doc["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "zz-removed-since"));
}

#[test]
fn formats_sarif_fingerprints_survive_moved_lines_and_new_wording() {
    let fingerprints = |run: &Run| -> Vec<String> {
        let doc = sarif(run, &[]);
        doc["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["partialFingerprints"]["mbFindingHash/v1"].as_str().unwrap().to_string())
            .collect()
    };
    let run = hostile_run();
    let before = fingerprints(&run);
    let unique: BTreeSet<&String> = before.iter().collect();
    assert_eq!(unique.len(), before.len(), "each (check, host) has its own fingerprint");
    let mut moved = run.clone();
    for f in &mut moved.findings {
        std::sync::Arc::make_mut(&mut f.check).rule.line += 7;
        std::sync::Arc::make_mut(&mut f.check).rule.end_line = None;
        f.message = format!("reworded: {}", f.message).into();
        f.actual = Some("something else".into());
        if let Some(at) = &mut f.location {
            at.line = Some(3);
        }
    }
    assert_eq!(fingerprints(&moved), before);
    let mut other_host = run;
    other_host.findings[0].host = "nas9".into();
    assert_ne!(fingerprints(&other_host)[0], before[0]);
}

// --- JUnit -------------------------------------------------------------------------------

/// A JUnit report as its consumers read it: each suite's counts and its testcases.
#[derive(Debug, Default)]
pub(crate) struct Suite {
    counts: BTreeMap<String, usize>,
    cases: Vec<(String, String, String)>,
}

pub(crate) fn read_junit(xml: &str) -> (BTreeMap<String, usize>, Vec<Suite>) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut root = None;
    let mut suites: Vec<Suite> = Vec::new();
    let counts = |e: &quick_xml::events::BytesStart| -> BTreeMap<String, usize> {
        e.attributes()
            .map(|a| a.unwrap())
            .filter(|a| matches!(a.key.as_ref(), b"tests" | b"failures" | b"errors" | b"skipped"))
            .map(|a| {
                let key = String::from_utf8(a.key.as_ref().to_vec()).unwrap();
                (key, a.normalized_value(quick_xml::XmlVersion::Explicit1_0).unwrap().parse().unwrap())
            })
            .collect()
    };
    let attr = |e: &quick_xml::events::BytesStart, name: &[u8]| -> String {
        e.attributes()
            .map(|a| a.unwrap())
            .find(|a| a.key.as_ref() == name)
            .map(|a| a.normalized_value(quick_xml::XmlVersion::Explicit1_0).unwrap().into_owned())
            .unwrap_or_default()
    };
    let mut depth = 0;
    loop {
        let event = reader.read_event().expect("well-formed XML");
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            Event::End(_) => {
                depth -= 1;
                (None, false)
            }
            Event::Eof => break,
            _ => (None, false),
        };
        let Some(e) = start else { continue };
        match (depth, e.name().as_ref()) {
            (0, b"testsuites") => root = Some(counts(&e)),
            (0, other) => panic!("root element is {}", String::from_utf8_lossy(other)),
            (1, b"testsuite") => suites.push(Suite { counts: counts(&e), cases: Vec::new() }),
            (2, b"testcase") => {
                let suite = suites.last_mut().unwrap();
                suite.cases.push((attr(&e, b"classname"), attr(&e, b"name"), "pass".into()));
            }
            (3, kind @ (b"failure" | b"error" | b"skipped")) => {
                let case = suites.last_mut().unwrap().cases.last_mut().unwrap();
                case.2 = String::from_utf8(kind.to_vec()).unwrap();
            }
            _ => {}
        }
        if !empty {
            depth += 1;
        }
    }
    (root.expect("a <testsuites> root"), suites)
}

fn check_junit(run: &Run, checks: &[Check]) -> Vec<Suite> {
    let xml = render(report::junit::write, run, checks);
    let (root, suites) = read_junit(&xml);
    let tally = |cases: &mut dyn Iterator<Item = &(String, String, String)>| {
        let mut t = BTreeMap::from([("tests", 0), ("failures", 0), ("errors", 0), ("skipped", 0)]);
        for (_, _, kind) in cases {
            *t.get_mut("tests").unwrap() += 1;
            match kind.as_str() {
                "failure" => *t.get_mut("failures").unwrap() += 1,
                "error" => *t.get_mut("errors").unwrap() += 1,
                "skipped" => *t.get_mut("skipped").unwrap() += 1,
                _ => {}
            }
        }
        t.into_iter().map(|(k, v)| (k.to_string(), v)).collect::<BTreeMap<_, _>>()
    };
    for suite in &suites {
        assert_eq!(suite.counts, tally(&mut suite.cases.iter()), "{suite:?}");
    }
    assert_eq!(root, tally(&mut suites.iter().flat_map(|s| s.cases.iter())));
    // One testcase per (check, host), in a suite per check.
    let cases: Vec<(&str, &str)> =
        suites.iter().flat_map(|s| s.cases.iter().map(|(c, h, _)| (c.as_str(), h.as_str()))).collect();
    let findings: Vec<(&str, &str)> = run.findings.iter().map(|f| (f.check.id.as_str(), f.host.as_ref())).collect();
    assert_eq!(cases, findings);
    suites
}

#[test]
fn formats_junit_counts_match_the_testcases() {
    let checks = example_checks();
    let run = example_run();
    let suites = check_junit(&run, &checks);
    let judged: BTreeSet<&str> = run.findings.iter().map(|f| f.check.id.as_str()).collect();
    assert_eq!(suites.len(), judged.len(), "a suite per check");
    let kinds: Vec<&str> = suites.iter().flat_map(|s| s.cases.iter().map(|c| c.2.as_str())).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "failure").count(), run.summary.fail);
    // zd3 was not audited: each check that needed its answer is an error, not a quiet skip (one
    // check reads only inventory variables and passes).
    let zd3: Vec<&str> =
        suites.iter().flat_map(|s| s.cases.iter()).filter(|c| c.1 == "zd3").map(|c| c.2.as_str()).collect();
    assert_eq!(zd3.iter().filter(|k| **k == "error").count(), 12, "{zd3:?}");
    assert_eq!(zd3.iter().filter(|k| **k != "error").collect::<Vec<_>>(), vec![&"pass"]);
    // Other skips (a check that cannot run on an audited host) stay skips.
    let down: BTreeSet<&str> =
        run.hosts.iter().filter(|h| h.status != mb::probe::HostStatus::Ok).map(|h| h.name.as_str()).collect();
    let quiet_skips = run
        .findings
        .iter()
        .filter(|f| f.status == mb::audit::FindingStatus::Skip && !down.contains(f.host.as_ref()))
        .count();
    assert_eq!(kinds.iter().filter(|k| **k == "skipped").count(), quiet_skips);

    let hostile = hostile_run();
    let suites = check_junit(&hostile, &checks);
    let kinds: Vec<(&str, &str)> =
        suites.iter().flat_map(|s| s.cases.iter().map(|c| (c.1.as_str(), c.2.as_str()))).collect();
    assert!(kinds.contains(&("nas|<b>1</b>", "failure")), "hostile host names survive as text: {kinds:?}");
    assert!(kinds.contains(&("nas|<b>1</b>", "error")));
}

// --- Markdown ----------------------------------------------------------------------------

#[test]
fn formats_markdown_example_snapshot() {
    let out = render(report::markdown::write, &example_run(), &example_checks());
    assert!(out.starts_with("**mb: drift** — 5 checks fail on 3 hosts; 1 host not audited\n"), "{out}");
    insta::assert_snapshot!("formats_markdown_example", out);
}

#[test]
fn formats_markdown_hostile_snapshot() {
    let out = render(report::markdown::write, &hostile_run(), &example_checks());
    insta::assert_snapshot!("formats_markdown_hostile", out);
}

#[test]
fn formats_markdown_keeps_hostile_strings_as_text() {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let out = render(report::markdown::write, &hostile_run(), &example_checks());
    let allowed: BTreeSet<&str> =
        ["details", "summary", "code", "p", "blockquote", "ul", "li", "sub"].into_iter().collect();
    let tag = regex::Regex::new(r"</?([A-Za-z][A-Za-z0-9-]*)").unwrap();
    let mut cells_in_row = 0;
    let mut rows = Vec::new();
    for event in Parser::new_ext(&out, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { .. }) => panic!("a heading got in:\n{out}"),
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => panic!("a link got in:\n{out}"),
            Event::Start(Tag::CodeBlock(_)) => panic!("a code block got in:\n{out}"),
            Event::Start(Tag::TableRow | Tag::TableHead) => cells_in_row = 0,
            Event::Start(Tag::TableCell) => cells_in_row += 1,
            Event::End(pulldown_cmark::TagEnd::TableRow | pulldown_cmark::TagEnd::TableHead) => rows.push(cells_in_row),
            Event::Html(html) | Event::InlineHtml(html) => {
                for found in tag.captures_iter(&html) {
                    assert!(allowed.contains(&found[1].to_ascii_lowercase().as_str()), "<{}> in {html:?}", &found[1]);
                }
            }
            _ => {}
        }
    }
    // The header and one row per failing check, each with exactly five cells.
    assert_eq!(rows, vec![5, 5, 5, 5], "{out}");
    // In the HTML blocks the hostile string is escaped, so it reads as it was written.
    assert!(out.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    // Outside text never breaks a line of the report: every line is one of the report's own.
    assert!(!out.contains("\r"));
    assert!(out.lines().all(|l| !l.starts_with('#') && !l.starts_with("```")), "{out}");
}

// --- GitHub annotations ------------------------------------------------------------------

#[test]
fn formats_github_example_snapshot() {
    let out = render(report::github::write, &example_run(), &example_checks());
    insta::assert_snapshot!("formats_github_example", out);
}

#[test]
fn formats_github_hostile_snapshot() {
    let run = hostile_run();
    let out = render(report::github::write, &run, &example_checks());
    let needing = run.findings.iter().filter(|f| matches!(f.status, FindingStatus::Fail | FindingStatus::Error));
    assert_eq!(out.lines().count(), needing.count() + 1, "one line per finding and a summary:\n{out}");
    for line in out.lines() {
        let (command, message) = line.split_once("::").and_then(|(_, rest)| rest.split_once("::")).unwrap();
        assert!(!message.contains('\r'));
        let (_, props) = command.split_once(' ').unwrap();
        for prop in props.split(',') {
            let (key, value) = prop.split_once('=').unwrap();
            assert!(["file", "line", "endLine", "title"].contains(&key), "{line}");
            assert!(!value.contains(':') && !value.contains('\n'), "{line}");
        }
    }
    insta::assert_snapshot!("formats_github_hostile", out);
}

// --- HTML --------------------------------------------------------------------------------

/// The page loads nothing and links nowhere outside itself (URLs may appear as text: the
/// example's apt sources name some), and it has no script, not even an injected one.
fn check_html_page(page: &str) {
    for word in ["<link", "src=", "srcset=", "<iframe", "<object", "<embed", "<img", "@import", "url(", "http-equiv"] {
        assert!(!page.to_ascii_lowercase().contains(word), "the page reaches out with {word}");
    }
    let attribute = regex::Regex::new(r#"(?i)\b(?:href|action|formaction|data|poster)\s*=\s*"?([^"\s>]*)"#).unwrap();
    for found in attribute.captures_iter(page) {
        assert!(found[1].starts_with('#'), "{} leads out of the page", &found[0]);
    }
    let ids: BTreeSet<&str> = page.split("id=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
    for href in page.split("href=\"").skip(1).filter_map(|s| s.split('"').next()) {
        let target = href.strip_prefix('#').unwrap_or_else(|| panic!("href {href} leaves the page"));
        assert!(ids.contains(target), "href #{target} goes nowhere");
    }
    let scripts = page.matches("<script").count();
    assert_eq!(scripts, 0, "no script, not even an injected one");
}

#[test]
fn formats_html_is_self_contained_and_escaped() {
    let checks = example_checks();
    let page = render(report::html::write, &example_run(), &checks);
    check_html_page(&page);
    assert!(page.contains("<table class=\"matrix\">"));
    assert!(page.contains("class=\"cell s-fail\""));
    assert!(page.contains("class=\"cell s-pass\""));
    assert!(page.contains("class=\"cell s-missed\""));

    let page = render(report::html::write, &hostile_run(), &checks);
    check_html_page(&page);
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"));
    assert!(page.contains("<code>nas|&lt;b&gt;1&lt;/b&gt;</code>"));
    assert!(!page.contains("<b>1</b>"));
    assert!(!page.contains('\x1b'), "terminal escapes are shown, not passed on");
    assert!(page.contains("class=\"cell s-error\""));
}

/// Renders a page with headless Chromium (`scripts/html-screenshot`): the PNG must be there and
/// not blank, and the DOM Chromium built must hold the matrix. Skipped where Chromium is not
/// installed, except in CI (`CI=true`), which installs it. With `MB_SCREENSHOT_DIR` set, the
/// pages and screenshots (of the example and of the hostile run) are kept there to look at.
#[test]
fn formats_html_renders_in_chromium() {
    if !Path::new("/usr/bin/chromium").exists() {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "CI installs chromium; it is missing");
        eprintln!("skipped: /usr/bin/chromium is not installed");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = std::env::var_os("MB_SCREENSHOT_DIR").map_or_else(|| tmp.path().to_path_buf(), PathBuf::from);
    let script = repo_root().join("scripts/html-screenshot");
    let checks = example_checks();
    for (name, run) in [("example", example_run()), ("hostile", hostile_run())] {
        let page = dir.join(format!("{name}.html"));
        std::fs::write(&page, render(report::html::write, &run, &checks)).unwrap();
        let png = dir.join(format!("{name}.png"));
        let out = std::process::Command::new("bash").arg(&script).arg(&page).arg(&png).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let bytes = std::fs::read(&png).expect("a screenshot");
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        let size = |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
        assert_eq!((size(16), size(20)), (1400, 1000), "IHDR width and height");
        // A blank 1400×1000 page compresses to a few kilobytes; text and a coloured table do not.
        assert!(bytes.len() > 30_000, "the {name} screenshot is nearly empty ({} bytes)", bytes.len());
    }
    let page = dir.join("example.html");

    let out = std::process::Command::new("bash").arg(&script).arg("--dump-dom").arg(&page).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(dom.contains("<table class=\"matrix\">"), "{dom}");
    assert!(dom.contains("samba-fruit-locking"));
}

/// A big fleet's run: `checks` checks on `hosts` hosts; every third host fails each check with
/// a value of its own, the first 100 hosts were not audited (their findings are skips).
fn fleet_run(hosts: usize, checks: usize) -> Run {
    let mut findings = Vec::new();
    for c in 0..checks {
        let check = std::sync::Arc::new(CheckRef {
            id: format!("check-{c:03}"),
            severity: Severity::Error,
            rule: RuleRef { file: "rules/fleet.md".into(), line: 1 + c, end_line: None },
            decision: None,
            title: Some(format!("check {c} keeps its value")),
        });
        for h in 0..hosts {
            let (status, actual, message) = match h {
                _ if h < 100 => (FindingStatus::Skip, None, "host not audited (unreachable)".to_string()),
                _ if h % 3 == 0 => {
                    (FindingStatus::Fail, Some(format!("value-{h}")), format!("expected ok, found value-{h}"))
                }
                _ => (FindingStatus::Pass, Some("ok".to_string()), "as decided".to_string()),
            };
            findings.push(Finding {
                check: check.clone(),
                host: format!("host{h:05}").into(),
                status,
                expected: Some("ok".into()),
                actual: actual.map(Into::into),
                message: message.into(),
                location: None,
            });
        }
    }
    let records = (0..hosts)
        .map(|h| HostRecord {
            name: format!("host{h:05}"),
            position: None,
            groups: Vec::new(),
            status: if h < 100 { HostStatus::Unreachable } else { HostStatus::Ok },
            error: (h < 100).then(|| "connection refused".to_string()),
            duration_ms: 10,
            facts: Vec::new(),
            vars: BTreeMap::new(),
        })
        .collect::<Vec<_>>();
    let summary = Summary::of(checks, hosts, &findings);
    Run {
        version: run::VERSION,
        run: "2026-11-25T19-00-00Z".into(),
        mode: "ssh".into(),
        replay_of: None,
        hosts: records,
        findings,
        summary,
        provenance: None,
        merged: None,
    }
}

#[test]
fn formats_markdown_stays_a_comment_at_fleet_scale() {
    use report::markdown::{BUDGET, NAMES, VALUES};
    let out = render(report::markdown::write, &fleet_run(3000, 60), &[]);
    // GitHub refuses comments longer than 65 536 characters.
    assert!(out.chars().count() < 65_536, "{} characters", out.chars().count());
    const { assert!(BUDGET < 65_536) };
    let row = out.lines().find(|l| l.starts_with("| `check-000`")).expect("a table row per failing check");
    let failing = (100..3000).filter(|h| h % 3 == 0).count();
    assert!(row.contains(&format!("and {} more", failing - NAMES)), "{row}");
    assert_eq!(row.matches("`host").count(), NAMES, "{row}");
    assert_eq!(row.matches("`value-").count(), VALUES, "{row}");
    assert!(row.contains(", …"), "{row}");
    // The first check's block names its first failing hosts, counts the rest and the passes.
    assert!(out.contains("<li><code>host00102</code> fails: expected ok, found value-102</li>"), "{out}");
    assert!(out.contains(&format!("<li>and {} more hosts</li>", failing - NAMES)));
    assert!(out.contains(&format!("<li>passes on {} hosts</li>", 2900 - failing)));
    assert!(out.contains("<li>not audited on 100 hosts</li>"));
    assert!(out.contains(&format!("<li>and {} more</li>", 100 - NAMES)), "not-audited list capped");
    // Past the budget the remaining checks are named, every one of them somewhere.
    let rest = out.lines().find(|l| l.contains("more need attention")).expect("checks past the budget are named");
    for c in 0..60 {
        let id = format!("check-{c:03}");
        assert!(out.contains(&format!("<summary><code>{id}</code>")) || rest.contains(&id), "{id} is lost");
    }
}
