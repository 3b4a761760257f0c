//! `mb fix` in real git repositories: the commit holds exactly the fix, and nothing the user
//! has (working tree, index, current branch, other refs) moves.

use std::path::Path;

use crate::common::{TestEnvironment, git, git_command, git_init};

/// The run `mb audit` saves at the test environment's clock (its default `MB_NOW`).
const RUN: &str = "2026-11-25T19-00-00Z";
const BRANCH: &str = "mb/fix/2026-11-25";
const SMB: &str = "ansible/roles/samba/templates/smb.conf.j2";

/// The example in a git repository, with a saved run of its recorded facts.
fn repo_with_run() -> TestEnvironment {
    let env = TestEnvironment::with_example();
    git_init(env.work_dir());
    let out = env.run(["audit", "--replay", "ansible/recorded-run.json"]);
    assert_eq!(out.code(), Some(1), "{out}");
    env
}

/// Everything of the user's that `mb fix` must leave alone.
#[derive(Debug, PartialEq)]
struct UserState {
    status: String,
    index: Vec<u8>,
    head: String,
    head_ref: String,
    refs: String,
    worktree: String,
}

fn user_state(dir: &Path) -> UserState {
    UserState {
        status: git(dir, &["status", "--porcelain=v1", "-uall"]),
        index: std::fs::read(dir.join(".git/index")).unwrap(),
        head: git(dir, &["rev-parse", "HEAD"]),
        head_ref: git(dir, &["symbolic-ref", "HEAD"]),
        refs: git(dir, &["for-each-ref", "--format=%(refname) %(objectname)"]),
        worktree: std::fs::read_to_string(dir.join(SMB)).unwrap(),
    }
}

fn refs_without(dir: &Path, branch: &str) -> String {
    git(dir, &["for-each-ref", "--format=%(refname) %(objectname)"])
        .lines()
        .filter(|l| !l.starts_with(&format!("refs/heads/{branch} ")))
        .map(|l| format!("{l}\n"))
        .collect()
}

const EXPECTED_DIFF: &str = "\
diff --git a/ansible/roles/samba/templates/smb.conf.j2 b/ansible/roles/samba/templates/smb.conf.j2
--- a/ansible/roles/samba/templates/smb.conf.j2
+++ b/ansible/roles/samba/templates/smb.conf.j2
@@ -22,7 +22,7 @@
    fruit:metadata = stream
    fruit:model = MacSamba
    fruit:resource = xattr
-   fruit:locking = posix
+   fruit:locking = none
    fruit:veto_appledouble = no
    fruit:nfs_aces = no
    fruit:wipe_intentionally_left_blank_rfork = yes
";

#[test]
fn fix_commits_on_a_new_branch_and_moves_nothing_of_the_users() {
    let env = repo_with_run();
    let d = env.work_dir();
    // A working tree in use: an unstaged change, a staged change, an untracked file, and an
    // unstaged change to the very file the fix edits.
    env.write("memory-bank/progress.md", env.read("memory-bank/progress.md") + "\n- wip\n");
    env.write("mb.toml", env.read("mb.toml") + "\n# staged\n");
    git(d, &["add", "mb.toml"]);
    env.write("notes.txt", "untracked\n");
    env.write(SMB, env.read(SMB) + "# local experiment\n");
    let before = user_state(d);
    let head_smb = git(d, &["show", &format!("HEAD:{SMB}")]);

    let out = env.run(["fix"]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert_eq!(out.stdout, EXPECTED_DIFF);
    assert!(out.stderr.contains(&format!("created branch {BRANCH}")), "{out}");
    assert!(
        out.stderr.contains(&format!("warning: {SMB} has uncommitted changes; the fix is made on HEAD's version")),
        "{out}"
    );

    let after = user_state(d);
    assert_eq!(after.status, before.status);
    assert_eq!(after.index, before.index, "the index file is byte for byte the same");
    assert_eq!((&after.head, &after.head_ref, &after.worktree), (&before.head, &before.head_ref, &before.worktree));
    assert_eq!(refs_without(d, BRANCH), before.refs, "no ref but the new branch changed");

    // The branch: one commit on HEAD holding exactly the fix.
    assert_eq!(git(d, &["rev-parse", &format!("{BRANCH}^")]), before.head);
    assert_eq!(git(d, &["diff", "--name-only", "HEAD", BRANCH]), format!("{SMB}\n"));
    assert_eq!(
        git(d, &["show", &format!("{BRANCH}:{SMB}")]),
        head_smb.replace("fruit:locking = posix", "fruit:locking = none")
    );
    assert_eq!(git(d, &["log", "-1", "--format=%an <%ae>", BRANCH]), "mb <mb@localhost>\n");
    assert_eq!(git(d, &["log", "-1", "--format=%(trailers:key=Mb-Run,valueonly)", BRANCH]).trim(), RUN);
    let message = git(d, &["log", "-1", "--format=%B", BRANCH]);
    assert!(message.starts_with("Fix drift: samba-fruit-locking\n\n"), "{message}");
    assert!(message.contains("  hosts: nas1\n"));
    assert!(message.contains("  decision: \"Keep fruit:locking = none"));
    git(d, &["fsck", "--strict", "--no-progress"]);

    // A second run finds the branch holding exactly this fix, and does nothing.
    let refs = git(d, &["for-each-ref"]);
    let out = env.run(["fix"]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert!(out.stderr.contains(&format!("branch {BRANCH} (commit")), "{out}");
    assert!(out.stderr.contains("already holds these fixes"), "{out}");
    assert_eq!(git(d, &["for-each-ref"]), refs);
    assert_eq!(user_state(d), after);
}

#[test]
fn the_repositorys_author_is_used_when_configured() {
    let env = repo_with_run();
    git(env.work_dir(), &["config", "user.name", "Ada Admin"]);
    git(env.work_dir(), &["config", "user.email", "ada@example.org"]);
    let out = env.run(["fix", "--branch", "fix/time-machine"]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert_eq!(
        git(env.work_dir(), &["log", "-1", "--format=%an <%ae>", "fix/time-machine"]),
        "Ada Admin <ada@example.org>\n"
    );
}

#[test]
fn dry_run_prints_the_diff_and_creates_nothing() {
    let env = repo_with_run();
    let before = user_state(env.work_dir());
    let out = env.run(["fix", "--dry-run"]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert_eq!(out.stdout, EXPECTED_DIFF);
    assert_eq!(user_state(env.work_dir()), before);
    // What it prints is a patch git applies.
    env.write(".mb/fix.patch", EXPECTED_DIFF);
    git(env.work_dir(), &["apply", "--check", ".mb/fix.patch"]);
}

#[test]
fn a_fix_already_in_head_is_said_and_nothing_is_created() {
    let env = repo_with_run();
    let d = env.work_dir();
    assert_eq!(env.run(["fix"]).code(), Some(0));
    git(d, &["merge", "-q", "--ff-only", BRANCH]);
    git(d, &["branch", "-q", "-d", BRANCH]);
    let before = user_state(d);
    let out = env.run(["fix"]);
    insta::assert_snapshot!(out, @r"
    [stderr]
    already in HEAD  samba-fruit-locking on nas1: ansible/roles/samba/templates/smb.conf.j2 ini_set [global] fruit:locking = none
    no fix declared: indexer-data-owner, pve-fw-no-duplicate-rules, pve-repo-no-enterprise, wg-quick-enabled
    nothing to commit: HEAD already has the fixes of samba-fruit-locking; the hosts need the play run, not the repository a change
    [exit status: 0]
    ");
    assert_eq!(user_state(d), before);
}

#[test]
fn fixes_to_one_file_make_one_edit() {
    let env = TestEnvironment::with_example();
    // mb reads rules from the working tree.
    env.write(
        "rules/smb-logging.md",
        "# Samba logging\n\n```mb-check\nid: smb-template-log-level\nscope: repo\nprobe:\n  file: ansible/roles/samba/templates/smb.conf.j2\n  ini: { section: global, key: \"log level\" }\nexpect:\n  equals: \"1\"\nfix:\n  file: ansible/roles/samba/templates/smb.conf.j2\n  ini_set: { section: global, key: \"log level\", value: \"1\" }\n```\n",
    );
    git_init(env.work_dir());
    let d = env.work_dir();
    let out = env.run(["audit", "--replay", "ansible/recorded-run.json", "--repo"]);
    assert_eq!(out.code(), Some(1), "{out}");
    let out = env.run(["fix", "--json"]);
    assert_eq!(out.code(), Some(0), "{out}");
    let report = out.json();
    let states: Vec<(String, String)> = report["fixes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["check"].as_str().unwrap().to_string(), f["state"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(
        states,
        [
            ("samba-fruit-locking".to_string(), "changes".to_string()),
            // The example's own check of the template makes the same edit.
            ("samba-template-fruit-locking".to_string(), "covered".to_string()),
            ("smb-template-log-level".to_string(), "changes".to_string()),
        ]
    );
    assert_eq!(report["files"].as_array().unwrap().len(), 1);
    assert_eq!(report["branch"], BRANCH);
    let head = git(d, &["show", &format!("HEAD:{SMB}")]);
    let expected = head
        .replace("fruit:locking = posix", "fruit:locking = none")
        .replace("   logging = file\n", "   logging = file\n   log level = 1\n");
    assert_eq!(git(d, &["show", &format!("{BRANCH}:{SMB}")]), expected);
    let message = git(d, &["log", "-1", "--format=%s", BRANCH]);
    assert_eq!(message, "Fix drift: samba-fruit-locking, smb-template-log-level\n");
}

/// `mb fix` refuses, exits 2, names the problem, and creates nothing.
fn assert_refused(env: &TestEnvironment, args: &[&str], message: &str) {
    let dir = env.work_dir();
    let refs = git(dir, &["for-each-ref"]);
    let status = git(dir, &["status", "--porcelain=v1", "-uall"]);
    let out = env.run([&["fix"], args].concat());
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains(message), "wanted {message:?} in:\n{out}");
    assert_eq!(git(dir, &["for-each-ref"]), refs);
    assert_eq!(git(dir, &["status", "--porcelain=v1", "-uall"]), status);
}

#[test]
fn refuses_an_existing_branch_name() {
    let env = repo_with_run();
    git(env.work_dir(), &["branch", "taken"]);
    assert_refused(&env, &["--branch", "taken"], "branch `taken` already exists");
    assert_refused(&env, &["--branch", "bad..name"], "`bad..name` is not a valid branch name");
}

#[test]
fn refuses_a_missing_target_file() {
    let env = repo_with_run();
    git(env.work_dir(), &["rm", "-q", SMB]);
    git(env.work_dir(), &["commit", "-q", "-m", "drop the template"]);
    assert_refused(
        &env,
        &[],
        &format!("fix of `samba-fruit-locking` (rules/samba.md:18): {SMB}: does not exist in HEAD"),
    );
}

#[test]
fn refuses_a_target_through_a_symlink() {
    let env = repo_with_run();
    let d = env.work_dir();
    let templates = d.join("ansible/roles/samba/templates");
    std::fs::create_dir_all(d.join("shared")).unwrap();
    std::fs::rename(&templates, d.join("shared/samba-templates")).unwrap();
    std::os::unix::fs::symlink("../../../shared/samba-templates", &templates).unwrap();
    git(d, &["add", "-A"]);
    git(d, &["commit", "-q", "-m", "share the templates"]);
    assert_refused(&env, &[], "goes through a symlink (`ansible/roles/samba/templates` is a symlink)");
}

#[test]
fn refuses_an_edit_that_does_not_apply() {
    let env = repo_with_run();
    let rules = env.read("rules/samba.md").replacen(
        "  ini_set: { section: global, key: \"fruit:locking\", value: none }",
        "  line_present: { line: \"fruit:locking = none\", after: \"^NoSuchAnchor\" }",
        1,
    );
    env.write("rules/samba.md", rules);
    assert_refused(&env, &[], "the edit does not apply: no line matches the anchor `after: ^NoSuchAnchor`");
}

#[test]
fn refuses_a_target_outside_the_repository() {
    let env = repo_with_run();
    let d = env.work_dir();
    for target in ["../outside.conf", "/etc/samba/smb.conf"] {
        let rules = env.read("rules/samba.md").replacen(
            &format!("  file: {SMB}\n  ini_set"),
            &format!("  file: {target}\n  ini_set"),
            1,
        );
        env.write("rules/samba.md", &rules);
        assert_refused(&env, &[], &format!("fix target `{target}` must be a path inside the repository"));
        git(d, &["checkout", "-q", "rules/samba.md"]);
    }
}

#[test]
fn refuses_during_a_merge_or_a_rebase() {
    let env = repo_with_run();
    let d = env.work_dir();
    std::fs::write(d.join("NOTES"), "base\n").unwrap();
    git(d, &["add", "NOTES"]);
    git(d, &["commit", "-q", "-m", "notes"]);
    git(d, &["checkout", "-q", "-b", "other"]);
    std::fs::write(d.join("NOTES"), "theirs\n").unwrap();
    git(d, &["commit", "-q", "-am", "theirs"]);
    git(d, &["checkout", "-q", "main"]);
    std::fs::write(d.join("NOTES"), "ours\n").unwrap();
    git(d, &["commit", "-q", "-am", "ours"]);

    assert!(!git_command(d).args(["merge", "-q", "other"]).output().unwrap().status.success());
    assert_refused(&env, &[], "the repository is in the middle of a merge; finish or abort it first");
    git(d, &["merge", "--abort"]);

    assert!(!git_command(d).args(["rebase", "-q", "other"]).output().unwrap().status.success());
    assert_refused(&env, &[], "the repository is in the middle of a rebase");
}

#[test]
fn outside_a_git_repository_says_so() {
    let env = TestEnvironment::with_example();
    env.run(["audit", "--replay", "ansible/recorded-run.json"]);
    let out = env.mb(["fix"]).env("GIT_CEILING_DIRECTORIES", env.root()).run();
    insta::assert_snapshot!(out, @r"
    [stderr]
    error: . is not inside a git repository; `mb fix` commits to one (use --dry-run to only see the diff)
    [exit status: 2]
    ");
}

#[test]
fn the_recorded_entry_names_the_fix_branch() {
    let env = repo_with_run();
    let d = env.work_dir();
    assert_eq!(env.run(["fix"]).code(), Some(0));
    let out = env.run(["record"]);
    assert_eq!(out.code(), Some(0), "{out}");
    let context = env.read("memory-bank/activeContext.md");
    let commit = git(d, &["rev-parse", "--short", BRANCH]);
    assert!(
        context.contains(&format!("- Review and merge the fix branch `{BRANCH}` (commit `{}`)", commit.trim())),
        "{context}"
    );
    assert!(!context.contains("with `mb fix"));
}
