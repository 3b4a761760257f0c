//! `mb ci`: the pull-request report, on real git repositories with a base and a head commit.

use std::path::Path;

use serde_json::Value;

use crate::common::{CommandOutput, TestEnvironment, git, git_init, repo_root};
use crate::formats::{check_sarif_references, read_junit, sarif_validator, schema_errors};

const TEMPLATE: &str = "ansible/roles/samba/templates/smb.conf.j2";

/// The example as a repository whose base commit keeps `fruit:locking = none` in the template
/// (the bundled copy has drifted to `posix`), so a pull request can break or keep it.
fn repo() -> TestEnvironment {
    let env = TestEnvironment::with_example();
    let template = env.read(TEMPLATE).replace("fruit:locking = posix", "fruit:locking = none");
    env.write(TEMPLATE, template);
    git_init(env.work_dir());
    env
}

/// Commits every change in the working tree as the pull request's head.
fn commit(env: &TestEnvironment, message: &str) {
    git(env.work_dir(), &["add", "-A"]);
    git(env.work_dir(), &["commit", "-q", "-m", message]);
}

fn ci(env: &TestEnvironment, extra: &[&str]) -> CommandOutput {
    let mut args = vec!["ci", "--base", "main~1"];
    args.extend_from_slice(extra);
    env.run(args)
}

fn json(env: &TestEnvironment) -> Value {
    let out = ci(env, &["--format", "json"]);
    assert!(matches!(out.code(), Some(0 | 1)), "{out}");
    out.json()
}

fn ids(list: &Value, key: &str) -> Vec<String> {
    list.as_array().unwrap().iter().map(|v| v[key].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_change_that_drops_a_decided_setting_is_a_new_failure_at_the_templates_line() {
    let env = repo();
    let status_before = git(env.work_dir(), &["status", "--porcelain"]);
    let template = env.read(TEMPLATE);
    env.write(TEMPLATE, template.replace("   fruit:locking = none\n", ""));
    commit(&env, "drop fruit:locking");
    let head = git(env.work_dir(), &["rev-parse", "HEAD"]);
    let refs = git(env.work_dir(), &["for-each-ref"]);

    let mut env = env;
    for (rev, token) in [("HEAD~1", "$BASE"), ("HEAD", "$HEAD")] {
        let short = git(env.work_dir(), &["rev-parse", "--short", rev]);
        env.add_replacement(format!("`{}`", short.trim()), &format!("`{token}`"));
    }
    let out = ci(&env, &[]);
    assert_eq!(out.code(), Some(1), "the change introduces drift: {out}");
    insta::assert_snapshot!("ci_new_failure_markdown", out);

    let report = json(&env);
    let introduced = &report["findings"]["introduced"];
    assert_eq!(ids(introduced, "check"), ["samba-template-fruit-locking"]);
    let global = template.lines().position(|l| l.trim() == "[global]").unwrap() + 1;
    assert_eq!(introduced[0]["location"], serde_json::json!({"file": TEMPLATE, "line": global}));
    assert_eq!(introduced[0]["actual"], "absent");
    // The failure the base already had elsewhere is not this change's.
    assert!(report["findings"]["fixed"].as_array().unwrap().is_empty());

    // Nothing in the repository moved.
    assert_eq!(git(env.work_dir(), &["rev-parse", "HEAD"]), head);
    assert_eq!(git(env.work_dir(), &["for-each-ref"]), refs);
    assert_eq!(git(env.work_dir(), &["status", "--porcelain"]), status_before);
}

#[test]
fn a_change_that_fixes_an_old_failure_says_so_and_passes() {
    let env = repo();
    // The base has the drift; the change fixes it.
    env.write(TEMPLATE, env.read(TEMPLATE).replace("fruit:locking = none", "fruit:locking = posix"));
    commit(&env, "drift");
    env.write(TEMPLATE, env.read(TEMPLATE).replace("fruit:locking = posix", "fruit:locking = none"));
    commit(&env, "fix it");
    let out = ci(&env, &["--format", "json"]);
    assert_eq!(out.code(), Some(0), "{out}");
    let report = out.json();
    assert_eq!(ids(&report["findings"]["fixed"], "check"), ["samba-template-fruit-locking"]);
    assert!(report["findings"]["introduced"].as_array().unwrap().is_empty());
}

#[test]
fn failures_already_on_the_base_fail_the_job_only_when_asked() {
    let env = repo();
    env.write(TEMPLATE, env.read(TEMPLATE).replace("fruit:locking = none", "fruit:locking = posix"));
    commit(&env, "drift");
    env.write("README.md", "an unrelated change\n");
    commit(&env, "docs");
    let report = json(&env);
    assert_eq!(ids(&report["findings"]["existing"], "check"), ["samba-template-fruit-locking"]);
    assert_eq!(ci(&env, &[]).code(), Some(0));
    assert_eq!(ci(&env, &["--fail-on", "all"]).code(), Some(1));
}

#[test]
fn a_new_dated_decision_supersedes_the_old_one_and_an_edit_is_a_change() {
    let env = repo();
    let bank = "memory-bank/activeContext.md";
    let text = env.read(bank);
    // A new dated entry raises the quota; the old decision is superseded by it.
    let entry = "## 2026-12-01 — Bigger backups\n\n### Decisions\n\n- Raise the Time Machine quota: timemachine_quota set to 4T and ZFS refquota set to 4T.\n\n";
    let at = text.find("\n## ").unwrap() + 1;
    let mut changed = format!("{}{entry}{}", &text[..at], &text[at..]);
    // And an edit in place: the server role decision now says more.
    assert!(changed.contains("runs no AD services"));
    changed = changed.replace("runs no AD services", "runs no AD services, always");
    env.write(bank, changed);
    commit(&env, "decisions");
    let report = json(&env);
    let added = &report["decisions"]["added"];
    assert_eq!(added.as_array().unwrap().len(), 1, "{added:#}");
    assert!(added[0]["text"].as_str().unwrap().contains("4T"));
    let supersedes: Vec<&str> =
        added[0]["supersedes"].as_array().unwrap().iter().map(|d| d["text"].as_str().unwrap()).collect();
    assert!(supersedes.iter().any(|t| t.contains("3T")), "{supersedes:?}");
    let changed = report["decisions"]["changed"].as_array().unwrap();
    let what: Vec<(String, Vec<String>)> = changed
        .iter()
        .map(|c| {
            let kinds = c["changed"].as_array().unwrap().iter().map(|k| k.as_str().unwrap().to_string()).collect();
            (c["after"]["text"].as_str().unwrap().to_string(), kinds)
        })
        .collect();
    assert!(what.iter().any(|(t, k)| t.contains("3T") && k == &["status"]), "the 3T decision is superseded: {what:?}");
    assert!(what.iter().any(|(t, k)| t.contains("always") && k.contains(&"text".to_string())), "{what:?}");
    assert!(report["decisions"]["removed"].as_array().unwrap().is_empty());
}

#[test]
fn a_decision_nothing_checks_gets_a_check_that_mb_rules_accepts() {
    let env = repo();
    let bank = "memory-bank/activeContext.md";
    let text = env.read(bank);
    let at = text.find("\n## ").unwrap() + 1;
    let entry = "## 2026-12-01 — Snapshots\n\n- Decision: keep snapshot_retention_days = 30 on every pool.\n- Decision: set recordsize = 1M on the media datasets.\n\n";
    env.write(bank, format!("{}{entry}{}", &text[..at], &text[at..]));
    commit(&env, "new decisions");
    let report = json(&env);
    let new: Vec<&Value> = report["uncovered"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| report["uncovered_new"].as_array().unwrap().contains(&u["id"]))
        .collect();
    assert_eq!(new.len(), 2, "{:#}", report["uncovered"]);
    let out = ci(&env, &[]);
    assert!(out.stdout.contains("This change adds 2 decisions that no check enforces."), "{out}");

    // The same coverage outside CI.
    let coverage = env.run(["decisions", "--coverage", "--json"]);
    assert_eq!(coverage.code(), Some(0), "{coverage}");
    let listed = ids(&coverage.json(), "id");
    assert!(new.iter().all(|u| listed.contains(&u["id"].as_str().unwrap().to_string())), "{listed:?}");

    // Each suggested block is a valid check: paste them into a rule file and lint it.
    let mut rules = String::from("# Suggested\n\n");
    for u in &new {
        rules.push_str(&format!("```mb-check\n{}```\n\n", u["suggestion"].as_str().expect("a suggestion")));
    }
    assert!(
        rules.contains("var: \"snapshot_retention_days\"") && rules.contains("property: \"recordsize\""),
        "{rules}"
    );
    env.write("rules/suggested.md", rules);
    let lint = env.run(["rules"]);
    assert_eq!(lint.code(), Some(0), "{lint}");
    assert!(lint.stderr.contains("0 errors, 0 warnings"), "{lint}");
    // Each is linked to the decision it was suggested for.
    assert!(lint.stdout.contains("decision-snapshot-retention-days  all"), "{lint}");

    // Once the suggested checks exist, nothing is left uncovered for them.
    let coverage = env.run(["decisions", "--coverage", "--json"]);
    assert_eq!(coverage.code(), Some(0), "{coverage}");
    let listed = ids(&coverage.json(), "id");
    assert!(new.iter().all(|u| !listed.contains(&u["id"].as_str().unwrap().to_string())), "{listed:?}");
}

#[test]
fn an_invalid_rule_file_at_the_head_is_a_diagnostic_and_exit_2() {
    let env = repo();
    env.write(
        "rules/broken.md",
        "# Broken\n\n```mb-check\nid: broken\nhosts: all\nprobe:\n  fiel: /etc/x\nexpect:\n  present: true\n```\n",
    );
    commit(&env, "a broken rule");
    let out = ci(&env, &[]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("error[no-probe-source]"), "{out}");
    assert!(out.stderr.contains("rules/broken.md:7:3"), "{out}");
    assert!(out.stderr.contains("the rule files at HEAD"), "{out}");
}

#[test]
fn the_same_commit_twice_reports_nothing() {
    let env = repo();
    let out = env.run(["ci", "--base", "HEAD", "--head", "HEAD", "--format", "json"]);
    assert_eq!(out.code(), Some(0), "{out}");
    let report = out.json();
    for part in ["added", "removed", "changed"] {
        assert!(report["decisions"][part].as_array().unwrap().is_empty());
        assert!(report["checks"][part].as_array().unwrap().is_empty());
    }
    for part in ["introduced", "fixed"] {
        assert!(report["findings"][part].as_array().unwrap().is_empty());
    }
    let out = env.run(["ci", "--base", "HEAD"]);
    assert!(out.stdout.contains("**mb: no new drift**"), "{out}");
}

#[test]
fn a_base_that_is_not_there_says_how_to_fetch_it() {
    let env = repo();
    let out = env.run(["ci", "--base", "origin/main"]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("no commit `origin/main`"), "{out}");
    assert!(out.stderr.contains("git fetch origin main"), "{out}");

    // A shallow clone that lacks the base says so.
    env.write("README.md", "second commit\n");
    commit(&env, "second");
    let shallow = env.root().join("shallow");
    let source = format!("file://{}", env.work_dir().display());
    git(env.root(), &["clone", "-q", "--depth", "1", &source, shallow.to_str().unwrap()]);
    let out = env.mb(["ci", "--base", "HEAD~1"]).current_dir(&shallow).run();
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("this clone is shallow") && out.stderr.contains("fetch-depth: 0"), "{out}");

    let out = env.mb(["ci", "--base", "main"]).current_dir(env.root()).run();
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("not inside a git repository"), "{out}");
}

#[test]
fn sarif_and_junit_describe_the_heads_repo_checks() {
    let env = repo();
    env.write(TEMPLATE, env.read(TEMPLATE).replace("fruit:locking = none", "fruit:locking = posix"));
    commit(&env, "drift");
    let out = ci(&env, &["--format", "sarif", "--output", "junit=out/junit.xml", "-o", "github=out/annotations.txt"]);
    assert_eq!(out.code(), Some(1), "{out}");
    let sarif: Value = serde_json::from_str(&out.stdout).unwrap();
    let validator = sarif_validator();
    assert!(schema_errors(&validator, &sarif).is_empty(), "{:?}", schema_errors(&validator, &sarif));
    check_sarif_references(&sarif, env.work_dir());
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let at = |r: &Value| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap().to_string();
    assert!(results.iter().any(|r| r["ruleId"] == "samba-template-fruit-locking" && at(r) == TEMPLATE));

    let (totals, suites) = read_junit(&env.read("out/junit.xml"));
    assert!(totals["failures"] >= 1 && !suites.is_empty(), "{totals:?}");
    let annotations = env.read("out/annotations.txt");
    assert!(annotations.contains(&format!("::error file={TEMPLATE},line=")), "{annotations}");
}

/// The GitHub Actions workflow under examples/, its shell steps run as the runner would run
/// them: bash, the step's `env:` with the expressions GitHub fills in, `$GITHUB_OUTPUT`, and a
/// stand-in for `gh` (GitHub's API cannot run here) that records what it is asked and answers
/// like the API.
#[test]
fn the_github_workflow_posts_one_sticky_comment_and_fails_on_new_drift() {
    let workflow = std::fs::read_to_string(repo_root().join("examples/github/mb-ci.yml")).unwrap();
    let doc = mb::yaml::parse(&workflow).expect("the workflow is YAML");
    let job = doc.get("jobs").and_then(|j| j.get("mb-ci")).expect("the mb-ci job");
    assert!(job.get("runs-on").is_some());
    let steps = job.get("steps").and_then(|s| s.as_seq()).expect("steps");
    let checkout = &steps[0];
    assert_eq!(checkout.get("uses").and_then(|u| u.as_str()), Some("actions/checkout@v4"));
    assert_eq!(
        checkout.get("with").and_then(|w| w.get("fetch-depth")).and_then(|d| d.as_str()),
        Some("0"),
        "the base must be fetched"
    );
    let step = |id: &str| -> (String, Vec<(String, String)>) {
        let step = steps.iter().find(|s| s.get("id").and_then(|i| i.as_str()) == Some(id)).expect(id);
        let run = step.get("run").and_then(|r| r.as_str()).expect("a run step").to_string();
        let env = step
            .get("env")
            .and_then(|e| e.as_map())
            .map(|m| {
                m.iter().map(|(k, v)| (k.as_str().unwrap().to_string(), v.as_str().unwrap().to_string())).collect()
            })
            .unwrap_or_default();
        (run, env)
    };

    // A pull request that breaks a decided setting, on a copy of the bundled repository.
    let env = repo();
    env.write(TEMPLATE, env.read(TEMPLATE).replace("fruit:locking = none", "fruit:locking = posix"));
    commit(&env, "the pull request");
    git(env.work_dir(), &["update-ref", "refs/remotes/origin/main", "main~1"]);
    let head = git(env.work_dir(), &["rev-parse", "HEAD"]).trim().to_string();

    let bin = env.root().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let mb = assert_cmd::cargo::cargo_bin("mb");
    std::os::unix::fs::symlink(mb, bin.join("mb")).unwrap();
    let calls = env.root().join("gh-calls.log");
    let gh = format!(
        "#!/bin/sh\n# gh stand-in: records each call; lists the comments posted so far.\n\
         printf '%s\\n' \"$*\" >> '{calls}'\n\
         case \"$*\" in\n\
           *'--paginate'*) [ -f '{posted}' ] && echo 4242 ;;\n\
           *'-X POST'*) touch '{posted}' ;;\n\
         esac\n\
         exit 0\n",
        calls = calls.display(),
        posted = env.root().join("posted").display()
    );
    std::fs::write(bin.join("gh"), gh).unwrap();
    std::fs::set_permissions(bin.join("gh"), std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();

    let expressions = [
        ("${{ github.base_ref }}", "main".to_string()),
        ("${{ github.event.pull_request.head.sha }}", head.clone()),
        ("${{ github.token }}", "not-a-real-token".to_string()),
        ("${{ github.event.pull_request.number }}", "7".to_string()),
    ];
    let run_step = |id: &str, outputs: &Path| -> std::process::Output {
        let (script, step_env) = step(id);
        // What earlier steps wrote to $GITHUB_OUTPUT, as `steps.report.outputs.NAME`.
        let written = std::fs::read_to_string(outputs).unwrap_or_default();
        let output = |name: &str| written.lines().find_map(|l| l.strip_prefix(&format!("{name}="))).map(str::to_string);
        let mut cmd = std::process::Command::new("bash");
        cmd.arg("-e").arg("-c").arg(&script).current_dir(env.work_dir()).env_clear();
        cmd.env("PATH", format!("{}:/usr/local/bin:/usr/bin:/bin", bin.display()))
            .env("HOME", env.home())
            .env("TZ", "UTC")
            .env("NO_COLOR", "1")
            .env("GITHUB_OUTPUT", outputs)
            .env("GITHUB_REPOSITORY", "example/infra")
            .env("GITHUB_SERVER_URL", "https://github.com");
        for (k, v) in step_env {
            let v = match v.strip_prefix("${{ steps.report.outputs.").and_then(|r| r.strip_suffix(" }}")) {
                Some(name) => output(name).expect("the report step's output"),
                None => expressions.iter().find(|(e, _)| *e == v).map(|(_, r)| r.clone()).unwrap_or(v),
            };
            assert!(!v.contains("${{"), "an expression the test does not fill: {v}");
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    };

    for push in 1..=2 {
        let outputs = env.root().join(format!("outputs-{push}"));
        let report = run_step("report", &outputs);
        assert!(report.status.success(), "{}", String::from_utf8_lossy(&report.stderr));
        let annotations = String::from_utf8_lossy(&report.stdout).into_owned();
        assert!(annotations.contains(&format!("::error file={TEMPLATE}")), "{annotations}");
        let status = std::fs::read_to_string(&outputs).unwrap();
        assert_eq!(status.trim(), "status=1");
        let comment = env.read("mb-report/comment.md");
        assert!(comment.starts_with("<!-- mb-ci-report -->\n**mb: this change introduces 1 failure**"), "{comment}");
        assert!(comment.contains(&format!("https://github.com/example/infra/blob/{head}/{TEMPLATE}#L")), "{comment}");
        assert!(serde_json::from_str::<Value>(&env.read("mb-report/mb.sarif")).is_ok());
        let comment_step = run_step("comment", &outputs);
        assert!(comment_step.status.success(), "{}", String::from_utf8_lossy(&comment_step.stderr));
        let verdict = run_step("verdict", &outputs);
        assert_eq!(verdict.status.code(), Some(1), "new drift fails the job");
    }
    let calls = std::fs::read_to_string(&calls).unwrap();
    let writes: Vec<&str> = calls.lines().filter(|l| l.contains("-X ")).collect();
    assert_eq!(
        writes,
        [
            "api -X POST repos/example/infra/issues/7/comments -F body=@mb-report/comment.md",
            "api -X PATCH repos/example/infra/issues/comments/4242 -F body=@mb-report/comment.md",
        ],
        "one comment, then updated: {calls}"
    );
}

#[test]
fn the_gitlab_job_has_what_gitlab_needs() {
    let job = std::fs::read_to_string(repo_root().join("examples/gitlab/mb-ci.gitlab-ci.yml")).unwrap();
    let doc = mb::yaml::parse(&job).expect("the job is YAML");
    let job = doc.get("mb-ci").expect("the mb-ci job");
    let script: Vec<&str> =
        job.get("script").and_then(|s| s.as_seq()).expect("script").iter().filter_map(|s| s.as_str()).collect();
    assert!(script.iter().any(|l| l.starts_with("mb ci --base \"origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME")));
    assert_eq!(
        job.get("artifacts").and_then(|a| a.get("reports")).and_then(|r| r.get("junit")).and_then(|j| j.as_str()),
        Some("mb-report/junit.xml")
    );
    assert_eq!(job.get("variables").and_then(|v| v.get("GIT_DEPTH")).and_then(|d| d.as_str()), Some("0"));
}

#[test]
fn a_forbidden_text_is_located_at_its_line() {
    let env = repo();
    let sources = "ansible/roles/base_server/templates/pve-community.sources.j2";
    let text = env.read(sources);
    env.write(sources, format!("{text}URIs: https://enterprise.proxmox.com/debian/pve\n"));
    commit(&env, "the enterprise repository is back");
    let report = json(&env);
    let introduced = &report["findings"]["introduced"];
    assert_eq!(ids(introduced, "check"), ["pve-repo-template-no-enterprise"]);
    let line = text.lines().count() + 1;
    assert_eq!(introduced[0]["location"], serde_json::json!({"file": sources, "line": line}));
}

/// A pull request's author writes the Memory Bank the comment quotes: whatever they write stays
/// text in the comment — no HTML, no link, no table cell or code fence broken out of.
#[test]
fn hostile_decision_text_stays_text_in_the_comment() {
    let env = repo();
    let bank = "memory-bank/activeContext.md";
    let text = env.read(bank);
    let at = text.find("\n## ").unwrap() + 1;
    let evil = "- Decision: keep evil_knob = 1 <script>alert(1)</script> | cell ``` fence [x](javascript:alert(1)) </details>\n\n";
    env.write(bank, format!("{}## 2026-12-01 — Hostile\n\n{evil}{}", &text[..at], &text[at..]));
    commit(&env, "hostile");
    let out = ci(&env, &[]);
    assert!(matches!(out.code(), Some(0 | 1)), "{out}");
    use pulldown_cmark::{Event, Options, Parser, Tag};
    for event in Parser::new_ext(&out.stdout, Options::ENABLE_TABLES) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => {
                assert!(!h.contains("script") && !h.contains("javascript"), "raw HTML from the bank: {h}");
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                assert!(!dest_url.contains("javascript"), "a link from the bank: {dest_url}");
            }
            _ => {}
        }
    }
    assert!(out.stdout.contains("evil_knob"), "the decision is reported: {out}");
}

#[test]
fn each_revision_is_read_in_its_own_bank_folder() {
    // A pull request that moves the bank into Kilo Code's folder: the base is read in
    // `memory-bank/`, the head in `.kilocode/rules/memory-bank/`: no decision appears from
    // nowhere (read in the working tree's folder, the base had none).
    let env = repo();
    let kilo = env.work_dir().join(".kilocode/rules");
    std::fs::create_dir_all(&kilo).unwrap();
    std::fs::rename(env.work_dir().join("memory-bank"), kilo.join("memory-bank")).unwrap();
    commit(&env, "move the bank to Kilo Code's folder");
    let report = json(&env);
    let count = |key: &str| report["decisions"][key].as_array().map_or(0, Vec::len);
    // (A decision's id holds its file: moved, each is removed from one and added to the other.)
    assert!(count("removed") > 0 && count("added") == count("removed"), "{:#}", report["decisions"]);
}

#[test]
fn a_bank_folder_holding_only_a_placeholder_is_no_bank_in_a_revision() {
    // Found by review: the head keeps `memory-bank/.gitkeep` and moves the bank into Roo Code's
    // rules; the head is read there, not in the empty folder (which would have removed every
    // decision).
    let env = repo();
    let roo = env.work_dir().join(".roo/rules");
    std::fs::create_dir_all(&roo).unwrap();
    std::fs::rename(env.work_dir().join("memory-bank"), roo.join("memory-bank")).unwrap();
    env.write("memory-bank/.gitkeep", "");
    commit(&env, "move the bank among Roo Code's rules");
    let report = json(&env);
    let count = |key: &str| report["decisions"][key].as_array().map_or(0, Vec::len);
    assert!(count("added") > 0 && count("added") == count("removed"), "{:#}", report["decisions"]);
    let added = &report["decisions"]["added"];
    assert!(
        added.as_array().unwrap().iter().all(|d| d["file"].as_str().unwrap().starts_with(".roo/rules/memory-bank/")),
        "{added:#}"
    );
}

#[test]
fn clines_journal_in_the_bank_is_read_in_each_revision() {
    // `memory-bank/.clinerules`, Cline's project-intelligence journal: a decision added to it
    // in the pull request is a decision added (a `.clinerules/` folder there is not the bank's).
    let env = repo();
    env.write("memory-bank/.clinerules", "# Project Intelligence\n\n## Patterns & Preferences\n\n");
    env.write("memory-bank/.clinerules.d/.keep", "");
    commit(&env, "start a journal");
    env.write(
        "memory-bank/.clinerules",
        "# Project Intelligence\n\n## Patterns & Preferences\n\n- Always pin container images by digest.\n",
    );
    commit(&env, "a preference learned");
    let report = json(&env);
    let added: Vec<&str> =
        report["decisions"]["added"].as_array().unwrap().iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert_eq!(added, ["memory-bank/.clinerules"], "{:#}", report["decisions"]);
    // Cursor's name for it, too.
    env.write(
        "memory-bank/.cursorrules",
        "# Project Intelligence\n\n## Patterns & Preferences\n\n- Always tag backup snapshots with the host name.\n",
    );
    commit(&env, "a preference learned with Cursor");
    let report = json(&env);
    let added: Vec<&str> =
        report["decisions"]["added"].as_array().unwrap().iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert_eq!(added, ["memory-bank/.cursorrules"], "{:#}", report["decisions"]);
}

#[test]
fn the_root_journal_is_read_in_each_revision_as_on_disk() {
    // The root's `.clinerules` file is the bank's journal when the bank keeps none of its own,
    // in the working tree and in each revision alike: a rule learned there in the pull request
    // is a decision added. Once the bank keeps a journal of its own, the root's is a rule file
    // only, and its lines are no decisions of the bank's.
    let env = repo();
    env.write(".clinerules", "# Project Intelligence\n\n## Patterns\n\n");
    commit(&env, "start a journal at the root");
    env.write(".clinerules", "# Project Intelligence\n\n## Patterns\n\n- Container images pinned by digest.\n");
    commit(&env, "a preference learned");
    let report = json(&env);
    assert_eq!(ids(&report["decisions"]["added"], "file"), [".clinerules"], "{:#}", report["decisions"]);
    env.write("memory-bank/.clinerules", "# Project Intelligence\n\n## Patterns\n\n");
    commit(&env, "a journal in the bank");
    let report = json(&env);
    assert!(report["decisions"]["added"].as_array().unwrap().is_empty(), "{:#}", report["decisions"]);
    assert_eq!(ids(&report["decisions"]["removed"], "file"), [".clinerules"], "{:#}", report["decisions"]);
}

#[test]
fn the_root_journal_through_links_is_read_in_each_revision_as_on_disk() {
    // Found by the twelfth session's review: `mb ci` and `mb decisions` disagreed on the root's
    // journal through links — a bank folder linked elsewhere with a journal of its own, a
    // journal of the bank's leading out of the repository, a root `.clinerules` linked to one
    // of the bank's files (listed twice) or to a file elsewhere, and a root `.clinerules`
    // with no bank at all. Each revision is read as the working tree is.
    let journal = "# Journal\n\n## Project Patterns\n\n- Snapshots before every upgrade\n";
    // (Each case: its name, and what it lays out beside the root's journal.)
    type Setup = fn(&Path);
    let cases: [(&str, Setup); 4] = [
        ("a linked bank folder with its own journal", |dir: &Path| {
            std::fs::create_dir_all(dir.join("docs/bank")).unwrap();
            std::fs::write(dir.join("docs/bank/activeContext.md"), "# Active Context\n").unwrap();
            std::fs::write(dir.join("docs/bank/.clinerules"), "# J\n\n## Project Patterns\n\n- Own rule\n").unwrap();
            std::os::unix::fs::symlink("docs/bank", dir.join("memory-bank")).unwrap();
        }),
        ("a bank journal leading out of the repository", |dir: &Path| {
            std::fs::create_dir_all(dir.join("memory-bank")).unwrap();
            std::fs::write(dir.join("memory-bank/activeContext.md"), "# Active Context\n").unwrap();
            std::os::unix::fs::symlink("/etc/hostname", dir.join("memory-bank/.clinerules")).unwrap();
        }),
        ("a root journal linked to a file of the bank", |dir: &Path| {
            std::fs::create_dir_all(dir.join("memory-bank")).unwrap();
            std::fs::write(dir.join("memory-bank/notes.md"), "# N\n\n## Project Patterns\n\n- Noted rule\n").unwrap();
            std::fs::remove_file(dir.join(".clinerules")).unwrap();
            std::os::unix::fs::symlink("memory-bank/notes.md", dir.join(".clinerules")).unwrap();
        }),
        ("no bank at all", |_: &Path| {}),
    ];
    for (case, setup) in cases {
        let env = TestEnvironment::new();
        env.write("README.md", "# Fleet\n");
        git_init(env.work_dir());
        env.write(".clinerules", journal);
        setup(env.work_dir());
        commit(&env, case);
        // (No bank: `mb decisions` says so, and lists nothing.)
        let out = env.run(["decisions", "--json"]);
        let mut on_disk: Vec<String> = match out.code() {
            Some(2) => Vec::new(),
            _ => out
                .json()
                .as_array()
                .unwrap()
                .iter()
                .map(|d| format!("{}:{}", d["file"].as_str().unwrap(), d["line"]))
                .collect(),
        };
        let report = json(&env);
        let mut added: Vec<String> = report["decisions"]["added"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| format!("{}:{}", d["file"].as_str().unwrap(), d["line"]))
            .collect();
        on_disk.sort();
        added.sort();
        assert_eq!(added, on_disk, "{case}");
    }
}

#[test]
fn the_repository_named_as_the_bank_is_read_in_each_revision() {
    // Found by the twelfth session's review: `mb ci --memory-bank .` read nothing at all, where
    // `mb decisions .` reads every Markdown file of the repository and the journals in its
    // folders (not the root's `.clinerules`, its rule file).
    let env = TestEnvironment::new();
    env.write("README.md", "# Fleet\n");
    env.write(".clinerules", "# Rules\n\n## Project Patterns\n\n- A rule file's line\n");
    git_init(env.work_dir());
    env.write("memory-bank/notes.md", "# Notes\n\n## Decisions\n\n- Use Caddy in front of the wiki.\n");
    env.write("memory-bank/.clinerules", "# Journal\n\n## Project Patterns\n\n- Hosts named by role\n");
    commit(&env, "a bank");
    let files = |v: &Value| -> Vec<String> {
        let mut f: Vec<String> =
            v.as_array().unwrap().iter().map(|d| d["file"].as_str().unwrap().to_string()).collect();
        f.sort();
        f
    };
    let on_disk = files(&env.run(["decisions", ".", "--json"]).json());
    assert_eq!(on_disk, ["memory-bank/.clinerules", "memory-bank/notes.md"]);
    let out = ci(&env, &["--memory-bank", ".", "--format", "json"]);
    assert!(matches!(out.code(), Some(0 | 1)), "{out}");
    assert_eq!(files(&out.json()["decisions"]["added"]), on_disk);
}

#[test]
fn core_files_kept_at_the_root_are_read_in_each_revision() {
    // A bank that keeps Cline's core files beside the README: a decision added there in the
    // pull request is a decision added, as `mb decisions` reads the working tree.
    let env = repo();
    env.write("projectbrief.md", "# Project Brief\n\n## Key Decisions\n\n- Run k3s on three nodes.\n");
    env.write("productContext.md", "# Product Context\n");
    std::fs::remove_dir_all(env.work_dir().join("memory-bank")).unwrap();
    commit(&env, "keep the bank at the root");
    env.write("productContext.md", "# Product Context\n\n## Decisions\n\n- Keep every backup for thirty days.\n");
    env.write("README.md", "# Fleet\n\n## Decisions\n\n- Use Nginx everywhere.\n");
    commit(&env, "a retention decision");
    let report = json(&env);
    let added: Vec<&str> =
        report["decisions"]["added"].as_array().unwrap().iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert_eq!(added, ["productContext.md"], "{:#}", report["decisions"]);
}

#[test]
fn links_in_a_revisions_bank_are_followed_inside_the_repository_as_on_disk() {
    // Found in the tenth session's final read: `mb decisions` follows a link in the bank to a
    // file or folder inside the repository, and `mb ci` read none, so a decision added through
    // one was never reported. A link out of the repository, to nothing, or round in a loop is
    // still read by neither.
    let env = repo();
    let outside = env.work_dir().parent().unwrap().join("outside-the-repo.md");
    std::fs::write(&outside, "# Outside\n\n## Decisions\n\n- Use the outside file.\n").unwrap();
    env.write("docs/ops-context.md", "# Ops\n\n## Decisions\n\n- Keep snapshots for a week.\n");
    env.write("docs/notes/dns.md", "# DNS\n\n## Decisions\n\n- Run Unbound on both routers.\n");
    let link =
        |target: &std::path::Path, at: &str| std::os::unix::fs::symlink(target, env.work_dir().join(at)).unwrap();
    link(std::path::Path::new("../docs/ops-context.md"), "memory-bank/opsContext.md");
    link(std::path::Path::new("../docs/notes"), "memory-bank/notes");
    link(&outside, "memory-bank/outside.md");
    link(std::path::Path::new("../../outside-the-repo.md"), "memory-bank/up.md");
    link(std::path::Path::new("missing.md"), "memory-bank/missing.md");
    link(std::path::Path::new("."), "memory-bank/loop");
    commit(&env, "links in the bank");
    env.write(
        "docs/ops-context.md",
        "# Ops\n\n## Decisions\n\n- Keep snapshots for a week.\n- Scrub the pool monthly.\n",
    );
    env.write(
        "docs/notes/dns.md",
        "# DNS\n\n## Decisions\n\n- Run Unbound on both routers.\n- Block DoH at the edge.\n",
    );
    std::fs::write(&outside, "# Outside\n\n## Decisions\n\n- Use the outside file.\n- And more of it.\n").unwrap();
    commit(&env, "decisions through the links");
    let report = json(&env);
    let mut added: Vec<(&str, &str)> = report["decisions"]["added"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["file"].as_str().unwrap(), d["text"].as_str().unwrap()))
        .collect();
    added.sort();
    assert_eq!(
        added,
        [
            ("memory-bank/notes/dns.md", "Block DoH at the edge."),
            ("memory-bank/opsContext.md", "Scrub the pool monthly.")
        ],
        "{:#}",
        report["decisions"]
    );
    // Found by review: two folders of the same content are two (`t1/` and `t2/`), a link
    // through a link in its path's middle leads on, and so does a chain of ten; the root's
    // rule file reached through a link is read once, at the root (where it is the bank's
    // journal: the bank keeps none of its own).
    for t in ["t1", "t2"] {
        env.write(&format!("memory-bank/tasks/{t}/task.md"), "# Task\n\n## Decisions\n\n- Same words in both.\n");
    }
    env.write("docs/notes/deep/pool.md", "# Pool\n\n## Decisions\n\n- Mirror the boot disks.\n");
    link(std::path::Path::new("notes"), "docs/alias");
    link(std::path::Path::new("../docs/alias/deep/pool.md"), "memory-bank/pool.md");
    link(std::path::Path::new("../docs/ops-context.md"), "memory-bank/chain0.md");
    for i in 1..10 {
        link(std::path::Path::new(&format!("chain{}.md", i - 1)), &format!("memory-bank/chain{i}.md"));
    }
    env.write(".clinerules", "# Rules\n\n## Decisions\n\n- The root's rule file.\n");
    std::fs::create_dir_all(env.work_dir().join("memory-bank/sub")).unwrap();
    link(std::path::Path::new("../../.clinerules"), "memory-bank/sub/.clinerules");
    commit(&env, "more links");
    env.write("docs/notes/deep/pool.md", "# Pool\n\n## Decisions\n\n- Mirror the boot disks.\n- Trim weekly.\n");
    for t in ["t1", "t2"] {
        env.write(
            &format!("memory-bank/tasks/{t}/task.md"),
            "# Task\n\n## Decisions\n\n- Same words in both.\n- And one more.\n",
        );
    }
    env.write("docs/ops-context.md", "# Ops\n\n## Decisions\n\n- Keep snapshots for a week.\n- Scrub the pool monthly.\n- Replace disks at 5 % wear.\n");
    env.write(".clinerules", "# Rules\n\n## Decisions\n\n- The root's rule file.\n- Still the root's.\n");
    commit(&env, "decisions through more links");
    let report = json(&env);
    let mut added: Vec<&str> =
        report["decisions"]["added"].as_array().unwrap().iter().map(|d| d["file"].as_str().unwrap()).collect();
    added.sort();
    // (`memory-bank/notes` leads to `docs/notes`, which holds `deep/pool.md` too.)
    let mut expected = vec![
        ".clinerules",
        "memory-bank/chain9.md",
        "memory-bank/notes/deep/pool.md",
        "memory-bank/opsContext.md",
        "memory-bank/pool.md",
    ];
    expected.extend(["memory-bank/tasks/t1/task.md", "memory-bank/tasks/t2/task.md"]);
    for i in 0..9 {
        expected.push(Box::leak(format!("memory-bank/chain{i}.md").into_boxed_str()));
    }
    expected.sort();
    assert_eq!(added, expected, "{:#}", report["decisions"]);
    // As the working tree reads them (restatements of one file's decisions in another too).
    let listed = env.run(["decisions", "--all", "--json"]).json();
    let files: std::collections::BTreeSet<&str> =
        listed.as_array().unwrap().iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert!(files.contains("memory-bank/opsContext.md") && files.contains("memory-bank/notes/dns.md"), "{files:?}");
    assert!(!files.iter().any(|f| f.contains("outside") || f.contains("up.md") || f.contains("loop")), "{files:?}");
    let ci_files: std::collections::BTreeSet<&str> =
        report["decisions"]["added"].as_array().unwrap().iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert!(ci_files.is_subset(&files), "mb ci read what the working tree does not: {ci_files:?} {files:?}");
}

#[test]
fn a_bank_file_too_large_to_read_is_an_error_naming_it() {
    // Found by review: `mb decisions` and `mb search` skip a file over 64 MiB; `mb ci` read it
    // whole from the revision. It now says which file, at which revision, instead.
    let env = repo();
    let mut big = String::from("# Project Intelligence\n\n");
    let line = "- Always pin container images by digest, and record the digest beside the tag.\n";
    while big.len() <= (64 << 20) {
        big.push_str(line);
    }
    env.write("memory-bank/.clinerules", big);
    commit(&env, "a journal too large to read");
    let out = ci(&env, &["--format", "json"]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("memory-bank/.clinerules") && out.stderr.contains("larger than 64 MiB"), "{out}");
}
