//! Sharded audits: N shard processes audit the real sshd fleet in parallel, and `mb merge`
//! makes one run of theirs equal to an unsharded audit of the same fleet.

use serde_json::Value;

use crate::audit::{Repo, example_repo};
use crate::common::{CommandOutput, TestEnvironment};

/// What must be equal between a merged run and one audit: hosts with statuses, findings
/// (without timings), summary.
fn essence(run: &Value) -> Value {
    let hosts: Vec<Value> = run["hosts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| serde_json::json!([h["name"], h["status"], h["error"]]))
        .collect();
    serde_json::json!({ "hosts": hosts, "findings": run["findings"], "summary": run["summary"] })
}

fn saved_runs(repo: &Repo) -> Vec<std::path::PathBuf> {
    let mut runs: Vec<_> =
        std::fs::read_dir(repo.path().join(".mb/runs")).unwrap().flatten().map(|e| e.path()).collect();
    runs.sort();
    runs
}

#[test]
fn shards_audited_in_parallel_merge_into_the_unsharded_run() {
    let (_fleet, _pve, repo) = example_repo();
    let known = repo.known_hosts().display().to_string();

    let whole = repo.run(&["--format", "json"]);
    assert_eq!(whole.code(), Some(1), "{whole}");
    let whole = whole.json();

    for n in [3usize, 4] {
        let runs = repo.path().join(format!("runs-{n}"));
        // Every shard at once, as a CI matrix runs them; each saves its run.
        let children: Vec<_> = (1..=n)
            .map(|k| {
                let mut cmd = repo.env.command(["audit", "--known-hosts", &known, "--shard", &format!("{k}/{n}")]);
                cmd.env("MB_NOW", format!("2026-11-26T0{k}:00:00Z")).stdout(std::process::Stdio::null());
                cmd.spawn().unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(matches!(out.status.code(), Some(0 | 1 | 3)), "{out:?}");
        }
        std::fs::create_dir_all(&runs).unwrap();
        for run in saved_runs(&repo) {
            let body: Value = serde_json::from_str(&std::fs::read_to_string(&run).unwrap()).unwrap();
            if body["provenance"]["shard"]["total"] == n {
                std::fs::rename(&run, runs.join(run.file_name().unwrap())).unwrap();
            }
        }
        assert_eq!(std::fs::read_dir(&runs).unwrap().count(), n, "one run per shard");
        let merged = repo.env.run(["merge", runs.to_str().unwrap(), "--format", "json", "--no-save"]);
        assert_eq!(merged.code(), Some(1), "{merged}");
        let (got, want) = (essence(&merged.json()), essence(&whole));
        let (gf, wf) = (got["findings"].as_array().unwrap(), want["findings"].as_array().unwrap());
        assert_eq!(gf.len(), wf.len(), "{n} shards: as many findings");
        for (g, w) in gf.iter().zip(wf) {
            assert_eq!(g, w, "{n} shards: the same findings in the same order");
        }
        assert_eq!(got["hosts"], want["hosts"], "{n} shards: the same hosts and statuses");
        assert_eq!(got["summary"], want["summary"], "{n} shards: the same summary");
    }
}

#[test]
fn adding_hosts_moves_no_host_to_another_shard() {
    let env = TestEnvironment::new();
    let inventory = |n: usize| {
        let mut text = String::from("[web]\n");
        for i in 0..n {
            text.push_str(&format!("web{i:03}.example.org\n"));
        }
        text.push_str("[pve]\n");
        for i in 0..9 {
            text.push_str(&format!("pve{i} mb_pve_cluster=c{}\n", i / 3));
        }
        text
    };
    let shards = |n: usize| -> Vec<(String, usize)> {
        env.write("hosts.ini", inventory(n));
        let inv = mb::inventory::Inventory::load(&env.work_dir().join("hosts.ini")).unwrap();
        let mut out = Vec::new();
        for host in &inv.hosts {
            let taken: Vec<usize> =
                (1..=4).filter(|k| mb::audit::shard::Shard { index: *k, total: 4 }.takes(host)).collect();
            assert_eq!(taken.len(), 1, "{} is in exactly one shard", host.name);
            out.push((host.name.clone(), taken[0]));
        }
        out
    };
    let before = shards(100);
    let after = shards(400);
    for (host, shard) in &before {
        assert_eq!(after.iter().find(|(h, _)| h == host).map(|(_, s)| *s), Some(*shard), "{host} moved");
    }
    // A cluster's nodes share a shard, so its API endpoints are asked by one.
    for c in 0..3 {
        let of: Vec<usize> = before
            .iter()
            .filter(|(h, _)| {
                ["pve0", "pve1", "pve2"].iter().any(|p| {
                    let n: usize = p[3..].parse().unwrap();
                    h == &format!("pve{}", n + 3 * c)
                })
            })
            .map(|(_, s)| *s)
            .collect();
        assert!(of.windows(2).all(|w| w[0] == w[1]), "cluster c{c} split: {of:?}");
    }
    // Every shard gets some of 100 hosts.
    for k in 1..=4 {
        assert!(before.iter().filter(|(_, s)| *s == k).count() > 10);
    }
    // And `mb hosts --shard` lists exactly a shard's hosts.
    env.write("hosts.ini", inventory(100));
    let out = env.run(["hosts", "-i", "hosts.ini", "--shard", "2/4", "--json"]);
    let listed: Vec<String> =
        out.json().as_array().unwrap().iter().map(|h| h["name"].as_str().unwrap().to_string()).collect();
    let expected: Vec<String> = before.iter().filter(|(_, s)| *s == 2).map(|(h, _)| h.clone()).collect();
    assert_eq!(listed, expected);
}

/// Shard runs made by local audits of a small repository (no SSH needed).
fn local_shards(env: &TestEnvironment, total: usize, stamp: &str) -> Vec<std::path::PathBuf> {
    for k in 1..=total {
        let out = env
            .mb(["audit", "--local", "--shard", &format!("{k}/{total}")])
            .env("MB_NOW", format!("{stamp}0{k}:00Z"))
            .run();
        assert!(matches!(out.code(), Some(0 | 1 | 3)), "{out}");
    }
    let mut runs: Vec<_> =
        std::fs::read_dir(env.work_dir().join(".mb/runs")).unwrap().flatten().map(|e| e.path()).collect();
    runs.sort();
    runs
}

fn local_repo() -> TestEnvironment {
    let env = TestEnvironment::new();
    let mut inventory = String::from("[all]\n");
    for i in 0..12 {
        inventory.push_str(&format!("h{i} ansible_connection=local\n"));
    }
    env.write("hosts.ini", inventory);
    env.write("mb.toml", "inventory = \"hosts.ini\"\n");
    env.write(
        "rules/local.md",
        "# Local\n\n```mb-check\nid: hostname-var\nhosts: all\nprobe:\n  var: inventory_hostname\nexpect:\n  matches: \"^h\"\n```\n\n```mb-check\nid: sh-exists\nhosts: all\nprobe:\n  command: \"true\"\nexpect:\n  exit_status: 0\n```\n",
    );
    env
}

fn merge(env: &TestEnvironment, runs: &[std::path::PathBuf]) -> CommandOutput {
    let mut args = vec!["merge".to_string(), "--no-save".into(), "--format".into(), "json".into()];
    args.extend(runs.iter().map(|r| r.display().to_string()));
    env.run(args)
}

#[test]
fn merge_refuses_what_is_not_one_sharded_audit() {
    let env = local_repo();
    let runs = local_shards(&env, 3, "2026-11-26T10:");
    let ok = merge(&env, &runs);
    assert_eq!(ok.code(), Some(0), "{ok}");
    assert_eq!(ok.json()["summary"]["hosts"], 12);

    // A missing shard: incomplete, exit 3, named.
    let out = merge(&env, &runs[..2]);
    assert_eq!(out.code(), Some(3), "{out}");
    assert!(out.stderr.contains("shard 3 of the audit is missing"), "{out}");
    assert_eq!(out.json()["merged"]["missing_shards"], serde_json::json!([3]));

    // The same shard twice.
    let copy = env.work_dir().join("copy.json");
    std::fs::copy(&runs[0], &copy).unwrap();
    let out = merge(&env, &[runs[0].clone(), copy.clone(), runs[1].clone(), runs[2].clone()]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("are both shard 1/3"), "{out}");

    // A host in two shards (a run file edited by hand).
    let mut forged: Value = serde_json::from_str(&std::fs::read_to_string(&runs[1]).unwrap()).unwrap();
    let first: Value = serde_json::from_str(&std::fs::read_to_string(&runs[0]).unwrap()).unwrap();
    forged["hosts"].as_array_mut().unwrap().push(first["hosts"][0].clone());
    std::fs::write(&copy, forged.to_string()).unwrap();
    let out = merge(&env, &[runs[0].clone(), copy.clone(), runs[2].clone()]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("is in runs"), "{out}");

    // Shards of different rules.
    env.write("rules/local.md", env.read("rules/local.md").replace("^h", "^h[0-9]"));
    let more = local_shards(&env, 3, "2026-11-26T11:");
    let newer: Vec<_> = more.into_iter().filter(|r| !runs.contains(r)).collect();
    let out = merge(&env, &[runs[0].clone(), newer[1].clone(), newer[2].clone()]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("different rules"), "{out}");

    // A run that is not a shard.
    let whole = env.mb(["audit", "--local"]).env("MB_NOW", "2026-11-26T12:00:00Z").run();
    assert_eq!(whole.code(), Some(0), "{whole}");
    let out = env.run(["merge", ".mb/runs/2026-11-26T12-00-00Z.json"]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("was not made by a sharded audit"), "{out}");

    // A run file that is not there: named once, its reason said once.
    let out = env.run(["merge", "runs/nosuch.json"]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("runs/nosuch.json"), "{out}");
    assert_eq!(out.stderr.matches("No such file or directory").count(), 1, "{out}");
}

fn yaml_str(node: Option<&mb::yaml::Node>) -> &str {
    node.and_then(|n| n.as_str()).unwrap_or("")
}

/// The workflow, the GitLab jobs and the Kubernetes manifests under examples/ are valid YAML
/// with what their platform requires, and each wires its worker's index into `--shard`.
#[test]
fn the_examples_wire_each_worker_to_its_shard() {
    let read = |p: &str| std::fs::read_to_string(crate::common::repo_root().join(p)).unwrap();

    let gh = mb::yaml::parse(&read("examples/github/mb-audit-sharded.yml")).expect("the workflow is YAML");
    let shard = gh.get("jobs").and_then(|j| j.get("shard")).expect("a shard job");
    let matrix: Vec<&str> = shard
        .get("strategy")
        .and_then(|s| s.get("matrix"))
        .and_then(|m| m.get("shard"))
        .and_then(|s| s.as_seq())
        .expect("a matrix of shards")
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    let total = yaml_str(shard.get("env").and_then(|e| e.get("SHARDS")));
    assert_eq!(matrix, ["1", "2", "3", "4"]);
    assert_eq!(total, "4", "the total is the matrix's size");
    let steps = shard.get("steps").and_then(|s| s.as_seq()).unwrap();
    let audit = steps.iter().find(|s| yaml_str(s.get("id")) == "audit").expect("the audit step");
    assert!(yaml_str(audit.get("run")).contains("mb audit --shard \"$SHARD/$SHARDS\""));
    assert_eq!(yaml_str(audit.get("env").and_then(|e| e.get("SHARD"))), "${{ matrix.shard }}");
    let merge = gh.get("jobs").and_then(|j| j.get("merge")).expect("a merge job");
    assert_eq!(yaml_str(merge.get("needs")), "shard");
    let merge_steps = merge.get("steps").and_then(|s| s.as_seq()).unwrap();
    assert!(merge_steps.iter().any(|s| yaml_str(s.get("run")).contains("mb merge runs/")));

    let gl = mb::yaml::parse(&read("examples/gitlab/mb-audit-sharded.gitlab-ci.yml")).expect("the jobs are YAML");
    let audit = gl.get("mb-audit").unwrap();
    assert_eq!(yaml_str(audit.get("parallel")), "4");
    assert!(
        audit.get("script").and_then(|s| s.as_seq()).unwrap().iter().any(|l| yaml_str(Some(l)).starts_with("mb audit"))
    );
    let needs = gl.get("mb-merge").and_then(|m| m.get("needs")).and_then(|n| n.as_seq()).unwrap();
    assert_eq!(yaml_str(needs.first()), "mb-audit");

    let k8s = read("examples/kubernetes/mb-audit-job.yaml");
    let docs: Vec<mb::yaml::Node> =
        k8s.split("\n---\n").map(|d| mb::yaml::parse(d).expect("each manifest is YAML")).collect();
    assert_eq!(docs.len(), 2);
    let job = &docs[0];
    assert_eq!(yaml_str(job.get("apiVersion")), "batch/v1");
    assert_eq!(yaml_str(job.get("kind")), "Job");
    let spec = job.get("spec").unwrap();
    assert_eq!(yaml_str(spec.get("completionMode")), "Indexed");
    let completions = yaml_str(spec.get("completions"));
    assert_eq!(yaml_str(spec.get("parallelism")), completions);
    let pod = spec.get("template").and_then(|t| t.get("spec")).unwrap();
    assert_eq!(yaml_str(pod.get("restartPolicy")), "Never", "a Job's pods never restart in place");
    let container = &pod.get("containers").and_then(|c| c.as_seq()).unwrap()[0];
    let env = container.get("env").and_then(|e| e.as_seq()).unwrap();
    let total = env.iter().find(|e| yaml_str(e.get("name")) == "MB_SHARD_TOTAL").expect("MB_SHARD_TOTAL");
    assert_eq!(yaml_str(total.get("value")), completions, "the shard total is the Job's completions");
    let args = yaml_str(container.get("args").and_then(|a| a.as_seq()).and_then(|a| a.first()));
    assert!(args.contains("--shard \"$((JOB_COMPLETION_INDEX + 1))/$MB_SHARD_TOTAL\""), "{args}");
    let volumes = pod.get("volumes").and_then(|v| v.as_seq()).unwrap();
    assert!(volumes.iter().any(|v| yaml_str(v.get("secret").and_then(|s| s.get("secretName"))) == "mb-audit-ssh"));
    assert_eq!(yaml_str(docs[1].get("kind")), "Job");
    let merge = yaml_str(
        docs[1]
            .get("spec")
            .and_then(|s| s.get("template"))
            .and_then(|t| t.get("spec"))
            .and_then(|s| s.get("containers"))
            .and_then(|c| c.as_seq())
            .and_then(|c| c.first())
            .and_then(|c| c.get("command"))
            .and_then(|c| c.as_seq())
            .and_then(|c| c.get(1)),
    );
    assert_eq!(merge, "merge");
}
