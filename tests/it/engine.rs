//! The audit engine as a library call: `audit::execute` on a resolved request, its sinks, and
//! the repository as a target (working tree and a commit's tree).

use std::path::Path;

use mb::audit::run::Run;
use mb::audit::{self, AuditPlan, AuditSink, FindingStatus, Finished, Reach, Request};
use mb::probe::HostOutcome;
use mb::probe::repo::RepoFiles;
use mb::report::{Destination, Format, ReportSink};

use crate::common::{TestEnvironment, copy_tree, git, git_init, repo_root};

/// The bundled example's checks, linked to its Memory Bank, replaying its recorded run.
fn example_request(root: &Path, repo: Option<RepoFiles>) -> Request {
    let mut set = mb::rules::load(root, &mb::rules::default_paths(root));
    assert_eq!(set.errors(), 0, "the example's rules are valid");
    set.link_decisions(&mb::kb::load(&root.join("memory-bank"), root));
    let run = mb::audit::run::read(&root.join("ansible/recorded-run.json")).expect("the recorded run reads");
    Request {
        checks: set.checks,
        inventory: run.inventory(),
        limit: None,
        reach: Reach::Replay(mb::probe::replay::Replay::of(run)),
        repo,
        jobs: 8,
        save: None,
        shard: None,
        provenance: Default::default(),
    }
}

/// Everything a sink is told, in order.
#[derive(Default)]
struct Recorder {
    events: Vec<String>,
}

impl AuditSink for Recorder {
    fn warning(&mut self, message: &str) {
        self.events.push(format!("warning {message}"));
    }
    fn planned(&mut self, plan: &AuditPlan) {
        self.events.push(format!("planned {}", plan.hosts.len()));
    }
    fn host_done(&mut self, host: &str, outcome: &HostOutcome) {
        self.events.push(format!("host {host} {}", outcome.status.as_str()));
    }
    fn finding(&mut self, f: &mb::audit::Finding) {
        self.events.push(format!("finding {} {}", f.check.id, f.host));
    }
    fn finished(&mut self, run: &Run, done: &Finished<'_>) {
        self.events.push(format!("finished {} findings, {} checks", run.findings.len(), done.checks.len()));
    }
}

/// A run as JSON without what differs between two executions (its id and timings).
fn comparable(run: &Run) -> serde_json::Value {
    let mut value = serde_json::to_value(run).unwrap();
    value["run"] = "RUN".into();
    for host in value["hosts"].as_array_mut().unwrap() {
        host["duration_ms"] = 0.into();
    }
    value
}

#[test]
fn the_run_is_the_same_whichever_sinks_listen() {
    let root = repo_root();
    let request = example_request(&root, Some(RepoFiles::WorkTree { root: root.clone() }));
    let alone = audit::execute(&request, &mut ()).expect("the audit runs");

    let out = tempfile::tempdir().unwrap();
    let mut recorder = Recorder::default();
    let mut files: Vec<ReportSink> = Format::ALL
        .iter()
        .map(|f| ReportSink::new(*f, Destination::File(out.path().join(format!("report.{}", f.name())))))
        .collect();
    // A replay answers one audit: the second execution gets a request of its own.
    let again = example_request(&root, Some(RepoFiles::WorkTree { root: root.clone() }));
    let watched = {
        let mut sinks: Vec<Box<dyn AuditSink + '_>> = vec![Box::new(&mut recorder)];
        sinks.extend(files.iter_mut().map(|s| Box::new(s) as Box<dyn AuditSink>));
        audit::execute(&again, &mut sinks).expect("the audit runs")
    };
    assert_eq!(comparable(&alone), comparable(&watched));
    assert!(files.iter().all(|f| f.error.is_none()));
    for format in Format::ALL {
        let written = std::fs::read(out.path().join(format!("report.{}", format.name()))).unwrap();
        assert!(!written.is_empty(), "{} report written", format.name());
    }

    // The sink heard every target once, every finding in the run's order, and the end last.
    let hosts = watched.hosts.len() + 1; // and the repository
    assert_eq!(recorder.events[0], format!("planned {hosts}"));
    assert_eq!(recorder.events.iter().filter(|e| e.starts_with("host ")).count(), hosts);
    let findings: Vec<String> = recorder.events.iter().filter(|e| e.starts_with("finding ")).cloned().collect();
    let expected: Vec<String> = watched.findings.iter().map(|f| format!("finding {} {}", f.check.id, f.host)).collect();
    assert_eq!(findings, expected);
    assert_eq!(
        recorder.events.last().unwrap(),
        &format!("finished {} findings, {} checks", watched.findings.len(), request.checks.len())
    );
}

#[test]
fn a_replay_answers_one_audit_and_a_second_says_so() {
    // The replay hands each host's saved facts to the audit that gathers it and frees them:
    // a second audit of the same request must not pass off its hosts as empty.
    let root = repo_root();
    let request = example_request(&root, None);
    let first = audit::execute(&request, &mut ()).expect("the audit runs");
    assert!(first.findings.iter().any(|f| f.status == FindingStatus::Pass));
    let second = audit::execute(&request, &mut ()).expect("the audit runs");
    assert_eq!(second.hosts.len(), first.hosts.len());
    for host in &second.hosts {
        let error = host.error.as_deref().unwrap_or_default();
        assert!(error.contains("were already replayed (a replay answers one audit)"), "{}: {error}", host.name);
    }
    // Only checks of inventory variables, which no host is asked, are judged again.
    let asked = |f: &&mb::audit::Finding| {
        let check = request.checks.iter().find(|c| c.id == f.check.id).unwrap();
        !matches!(check.probe.source, mb::rules::source::ProbeSource::Var(_))
    };
    assert!(first.findings.iter().filter(asked).any(|f| f.status == FindingStatus::Pass));
    for f in second.findings.iter().filter(asked) {
        assert_eq!(f.status, FindingStatus::Skip, "{f:?}");
        assert!(f.message.contains("already replayed"), "{f:?}");
    }
}

/// A git repository holding a copy of the example, committed as it is.
fn committed_example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for part in ["memory-bank", "rules", "ansible", "mb.toml"] {
        copy_tree(&repo_root().join(part), &dir.path().join(part));
    }
    git_init(dir.path());
    dir
}

const TEMPLATE: &str = "ansible/roles/samba/templates/smb.conf.j2";

fn repo_finding<'a>(run: &'a Run, check: &str) -> &'a mb::audit::Finding {
    run.findings.iter().find(|f| f.check.id == check && &*f.host == "repo").expect("the repo check was judged")
}

#[test]
fn repo_checks_read_the_working_tree_or_a_commit_without_touching_either() {
    let dir = committed_example();
    let root = dir.path().to_path_buf();
    // The example's template has drifted (`posix`); the working tree is fixed, HEAD is not.
    let template = std::fs::read_to_string(root.join(TEMPLATE)).unwrap();
    assert!(template.contains("fruit:locking = posix"));
    std::fs::write(root.join(TEMPLATE), template.replace("fruit:locking = posix", "fruit:locking = none")).unwrap();
    let status_before = git(&root, &["status", "--porcelain"]);

    let worktree =
        audit::execute(&example_request(&root, Some(RepoFiles::WorkTree { root: root.clone() })), &mut ()).unwrap();
    assert_eq!(repo_finding(&worktree, "samba-template-fruit-locking").status, FindingStatus::Pass);

    let head = RepoFiles::Commit { root: root.clone(), rev: "HEAD".into() };
    let committed = audit::execute(&example_request(&root, Some(head)), &mut ()).unwrap();
    let finding = repo_finding(&committed, "samba-template-fruit-locking");
    assert_eq!(finding.status, FindingStatus::Fail, "{finding:?}");
    let line = template.lines().position(|l| l.contains("fruit:locking")).unwrap() + 1;
    let location = finding.location.as_ref().expect("a repo finding is located");
    assert_eq!((location.file.as_str(), location.line), (TEMPLATE, Some(line)));
    // The repository is not a host of the run.
    assert!(committed.hosts.iter().all(|h| h.name != "repo"));

    assert_eq!(git(&root, &["status", "--porcelain"]), status_before, "nothing in the repository changed");
}

#[test]
fn a_commits_tree_follows_symlinks_only_inside_the_repository() {
    let dir = committed_example();
    let root = dir.path();
    let samba = root.join("ansible/roles/samba/templates");
    std::os::unix::fs::symlink("smb.conf.j2", samba.join("inside.j2")).unwrap();
    std::os::unix::fs::symlink("../../../../../../etc/passwd", samba.join("outside.j2")).unwrap();
    std::os::unix::fs::symlink("loop.j2", samba.join("loop.j2")).unwrap();
    std::os::unix::fs::symlink("templates", root.join("ansible/roles/samba/linked")).unwrap();
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "links"]);
    let head = RepoFiles::Commit { root: root.to_path_buf(), rev: "HEAD".into() };
    let worktree = RepoFiles::WorkTree { root: root.to_path_buf() };
    let real = std::fs::read(root.join(TEMPLATE)).unwrap();
    for files in [&head, &worktree] {
        let read = |p: &str| files.read(p);
        assert_eq!(read("ansible/roles/samba/templates/inside.j2").unwrap(), Some(real.clone()));
        assert_eq!(read("ansible/roles/samba/linked/smb.conf.j2").unwrap(), Some(real.clone()));
        assert!(read("ansible/roles/samba/templates/outside.j2").unwrap_err().contains("outside the repository"));
        assert!(read("ansible/roles/samba/templates/loop.j2").is_err());
        assert!(read("../etc/passwd").unwrap_err().contains(".."));
        assert!(read("/etc/passwd").unwrap_err().contains("absolute"));
        assert_eq!(read("ansible/no-such-file").unwrap(), None);
        assert!(read("ansible/roles").unwrap_err().contains("folder"));
    }
    let missing = RepoFiles::Commit { root: root.to_path_buf(), rev: "no-such-branch".into() };
    assert!(missing.read(TEMPLATE).unwrap_err().contains("no commit `no-such-branch`"));
}

#[test]
fn one_audit_writes_several_formats() {
    let env = TestEnvironment::with_example();
    let audit = ["audit", "--replay", "ansible/recorded-run.json", "--no-save", "--format", "json"];
    let out = env.mb(audit.iter().chain(&["--output", "json=out/run.json", "-o", "human=out/report.txt"])).run();
    assert_eq!(out.code(), Some(1), "{out}");
    assert_eq!(env.read("out/run.json"), out.stdout, "the file holds what stdout shows");
    let human = env.read("out/report.txt");
    assert!(human.contains("FAIL") && !human.contains('\x1b'), "{human}");

    // A report that cannot be written is mb's failure (exit 2), named, after the others.
    let out = env.mb(audit.iter().chain(&["--output", "json=mb.toml/run.json"])).run();
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("writing the json report"), "{out}");
    assert!(!out.stdout.is_empty(), "the report on stdout is still out");

    let out = env.run(["audit", "--replay", "latest", "--output", "yaml=x"]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("unknown format `yaml`"), "{out}");
}

#[test]
fn config_and_inventory_errors_point_at_their_line() {
    let env = TestEnvironment::with_example();
    env.write("mb.toml", "inventory = \"hosts.ini\"\n[audit]\njobz = 4\n");
    let out = env.run(["audit"]);
    insta::assert_snapshot!("config_error", out);

    env.write("mb.toml", "inventory = \"hosts.ini\"\n");
    env.write("hosts.ini", "[samba]\nnas1\n[samba:vars\nx=1\n");
    for command in ["audit", "hosts"] {
        let out = env.run([command]);
        assert_eq!(out.code(), Some(2), "{out}");
        assert!(out.stderr.contains("error[invalid-inventory]: section header `[samba:vars` is not closed"), "{out}");
        assert!(out.stderr.contains("./hosts.ini:3:1\n  |\n3 | [samba:vars\n  | ^^^^^^^^^^^ here"), "{out}");
    }
}

#[test]
fn hosts_that_gave_the_same_fact_are_judged_each_with_their_own_variables() {
    // Forty hosts answered alike, so the replay holds their fact once (per part of its work);
    // a check that renders a host variable must still judge each host by its own value, and
    // a check that renders none finds the same on each, under each host's name.
    let env = crate::common::TestEnvironment::new();
    let names: Vec<String> = (0..40).map(|i| format!("h{i:02}")).collect();
    let want = |i: usize| if i % 3 == 1 { "2" } else { "1" };
    let mut inventory = String::from("[app]\n");
    for (i, name) in names.iter().enumerate() {
        inventory.push_str(&format!("{name} want={}\n", want(i)));
    }
    env.write("inventory.ini", inventory);
    env.write(
        "rules/app.md",
        "# App\n\n```mb-check\nid: wanted-x\nhosts: app\nprobe:\n  file: /etc/app.ini\n  ini: { section: main, key: x }\n\
         expect:\n  equals: \"{{ want }}\"\n```\n\n```mb-check\nid: some-x\nhosts: app\nprobe:\n  file: /etc/app.ini\n\
         \x20 ini: { section: main, key: x }\nexpect:\n  one_of: [\"1\", \"2\"]\n```\n",
    );
    let hosts: Vec<serde_json::Value> = names
        .iter()
        .map(|name| {
            serde_json::json!({"name": name, "status": "ok", "error": null, "duration_ms": 1, "facts": [
                {"probe": {"kind": "file", "path": "/etc/app.ini"}, "fact": {"state": "file", "content": "[main]\nx = 1\n"}}
            ]})
        })
        .collect();
    let run = serde_json::json!({"version": 1, "run": "2026-11-30T10-00-00Z", "mode": "ssh",
        "hosts": hosts, "findings": [],
        "summary": {"hosts": 40, "checks": 0, "pass": 0, "fail": 0, "error": 0, "skip": 0}});
    env.write("run.json", run.to_string());
    let out = env.run(["audit", "--replay", "run.json", "-i", "inventory.ini", "--format", "json", "--no-save"]);
    assert_eq!(out.code(), Some(1), "{out}");
    let judged: Vec<String> = out.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {} {} {}", f["check"], f["host"], f["status"], f["expected"]))
        .collect();
    let mut expected = Vec::new();
    for (i, name) in names.iter().enumerate() {
        expected.push(match want(i) {
            "1" => format!("\"wanted-x\" \"{name}\" \"pass\" null"),
            _ => format!("\"wanted-x\" \"{name}\" \"fail\" \"2\""),
        });
    }
    for name in &names {
        expected.push(format!("\"some-x\" \"{name}\" \"pass\" null"));
    }
    assert_eq!(judged, expected);
}
