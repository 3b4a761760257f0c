//! `mb rules`: valid rule files list cleanly; invalid ones produce precise diagnostics.

use mb::rules::{self, ProbeSource, Scope, Selector};

use crate::common::{TestEnvironment, fixture};

#[test]
fn valid_rules_list_cleanly_with_linked_decisions() {
    let out = TestEnvironment::in_dir(fixture("quirks")).run(["rules"]);
    assert_eq!(out.code(), Some(0), "{out}");
    insta::assert_snapshot!("rules_valid", out);
}

#[test]
fn checks_are_typed() {
    let root = fixture("quirks");
    let set = rules::load(&root, &rules::default_paths(&root));
    assert_eq!(set.errors(), 0);
    let ids: Vec<&str> = set.checks.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        ["pve-loopback-first", "pve-firewall-enabled", "repo-template-locking", "samba-fruit-locking", "tm-refquota"]
    );
    let samba = &set.checks[3];
    assert!(matches!(&samba.probe.source, ProbeSource::File(f) if f.path.raw == "/etc/samba/smb.conf"));
    assert!(
        matches!(&samba.probe.select, Some(Selector::Ini { section, key }) if section == "global" && key == "fruit:locking")
    );
    assert_eq!(samba.source.line, 7);
    assert!(samba.fix.is_some());
    // A block indented inside a list item keeps its real line number.
    assert_eq!(set.checks[4].source.line, 24);
    assert_eq!(set.checks[2].scope, Scope::Repo);
    assert!(set.checks[2].hosts.is_none());
}

#[test]
fn rule_files_with_any_line_ending_hold_the_same_checks_on_the_same_lines() {
    // CommonMark ends a line at `\n`, `\r\n` or a lone `\r`, as old Mac editors write.
    let root = fixture("quirks");
    let read = |dir: &std::path::Path| {
        let set = rules::load(dir, &rules::default_paths(dir));
        assert_eq!(set.errors(), 0, "{}", dir.display());
        set.checks.iter().map(|c| (c.id.clone(), c.source.line, c.hosts.is_some())).collect::<Vec<_>>()
    };
    let lf = read(&root);
    assert_eq!(lf.len(), 5);
    for ending in ["\r\n", "\r"] {
        let tmp = tempfile::tempdir().unwrap();
        for entry in std::fs::read_dir(root.join("rules")).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap().replace('\n', ending);
            std::fs::create_dir_all(tmp.path().join("rules")).unwrap();
            std::fs::write(tmp.path().join("rules").join(path.file_name().unwrap()), text).unwrap();
        }
        assert_eq!(read(tmp.path()), lf, "{ending:?}");
    }
}

#[test]
fn invalid_rules_report_every_problem_with_a_caret() {
    let out = TestEnvironment::in_dir(fixture("rules-invalid")).run(["rules"]);
    assert_eq!(out.code(), Some(2), "{out}");
    // Only the valid, first-defined check is listed.
    insta::assert_snapshot!("rules_invalid", out);
}

#[test]
fn invalid_rules_as_json() {
    let out = TestEnvironment::in_dir(fixture("rules-invalid")).run(["rules", "--json"]);
    assert_eq!(out.code(), Some(2), "{out}");
    let json = out.json();
    let codes: Vec<&str> =
        json["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(
        codes,
        [
            "unknown-field",
            "missing-field",
            "two-probe-sources",
            "missing-field",
            "bad-value",
            "bad-host-pattern",
            "bad-value",
            "bad-regex",
            "bad-size",
            "operator-not-allowed",
            "yaml-syntax",
            "empty-block",
            "bad-template",
            "bad-fix",
            "bad-fix",
            "duplicate-id",
        ]
    );
    let typo = &json["diagnostics"][0];
    assert_eq!(typo["file"], "rules/broken.md");
    assert_eq!((typo["line"].as_u64(), typo["column"].as_u64()), (Some(11), Some(1)));
    assert_eq!(typo["label"], "did you mean `expect`?");
}

#[test]
fn unknown_decisions_warn_but_do_not_fail() {
    let out = TestEnvironment::in_dir(fixture("quirks")).run(["rules", "--json"]);
    assert_eq!(out.code(), Some(0), "{out}");
    let json = out.json();
    let diags = json["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0]["severity"], "warning");
    assert_eq!(diags[0]["code"], "unknown-decision");
    let samba = json["checks"].as_array().unwrap().iter().find(|c| c["id"] == "samba-fruit-locking").unwrap();
    assert_eq!(samba["decision"]["resolved"]["file"], "memory-bank/activeContext.md");
    assert_eq!(samba["decision"]["resolved"]["line"], 31);
}

#[test]
fn explicit_paths_and_a_missing_rules_folder() {
    let out = TestEnvironment::in_dir(fixture("quirks")).run(["rules", "rules/samba.md"]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert!(out.stderr.starts_with("2 checks in 1 file"), "{out}");
    let out = TestEnvironment::new().run(["rules"]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert!(out.stderr.contains("no rule files found"), "{out}");
}

#[test]
fn a_clinerules_folder_is_read_like_cline_reads_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(".clinerules");
    std::fs::create_dir_all(dir.join("ops")).unwrap();
    let check = |id: &str| {
        format!("# Rule\n\n```mb-check\nid: {id}\nhosts: all\nprobe: {{ var: x }}\nexpect: {{ present: true }}\n```\n")
    };
    std::fs::write(dir.join("01-samba.md"), check("from-folder")).unwrap();
    std::fs::write(dir.join("ops/02-zfs.md"), check("from-subfolder")).unwrap();
    std::fs::write(dir.join("notes.txt"), check("not-markdown")).unwrap();
    let set = rules::load(tmp.path(), &rules::default_paths(tmp.path()));
    let ids: Vec<&str> = set.checks.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["from-folder", "from-subfolder"]);
    assert_eq!(set.checks[1].source.file, std::path::Path::new(".clinerules/ops/02-zfs.md"));
}

#[test]
fn a_duplicate_id_is_reported_with_the_other_problems_of_its_block() {
    let env = TestEnvironment::new();
    let block = |extra: &str| {
        format!(
            "```mb-check\nid: same-id\nhosts: all\n{extra}probe:\n  file: /etc/hosts\nexpect:\n  contains: localhost\n```\n"
        )
    };
    // The second block is invalid for another reason (an unknown field), the third is
    // valid, and both reuse the first one's id; the first block is invalid too.
    env.write("rules/a.md", format!("# A\n\n{}\n{}", block("colour: red\n"), block("colur: blue\n")));
    env.write("rules/b.md", format!("# B\n\n{}", block("")));
    let out = env.run(["rules", "--json"]);
    assert_eq!(out.code(), Some(2), "{out}");
    let json = out.json();
    let diags = json["diagnostics"].as_array().unwrap();
    let count = |code: &str| diags.iter().filter(|d| d["code"] == code).count();
    assert_eq!(count("unknown-field"), 2, "{out}");
    assert_eq!(count("duplicate-id"), 2, "{out}");
    // The first definition, though invalid, keeps the id: the valid copy is not listed.
    assert_eq!(json["checks"].as_array().map_or(0, Vec::len), 0, "{out}");
}

#[test]
fn a_cr_only_rule_file_is_shown_at_its_own_lines() {
    // The diagnostic renderer ends lines at `\n` only: a rule file ended by lone `\r`s is shown
    // with each `\r` as a line's end, so `file:line` and the source line under it are right.
    let env = TestEnvironment::new();
    let text = "# A\n\n```mb-check\nid: a-check\nhosts: all\nprobe: { var: x }\nexpect: { presnt: true }\n```\n";
    env.write("rules/a.md", text.replace('\n', "\r"));
    let out = env.run(["rules"]);
    assert_eq!(out.code(), Some(2), "{out}");
    let shown = format!("{}{}", out.stdout, out.stderr);
    assert!(shown.contains("rules/a.md:7:"), "{out}");
    assert!(!shown.contains('␍') && !shown.contains('\r'), "{out}");
    assert!(shown.lines().any(|l| l.trim_start().starts_with("7 | expect:")), "{out}");
}
