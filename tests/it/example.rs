//! The bundled example (memory-bank/, rules/, ansible/) is what a new user meets first: it must
//! validate cleanly and show the whole rule language.

use std::collections::BTreeSet;

use mb::kb;
use mb::rules::{self, ProbeSource, Scope, Selector};

use crate::common::{TestEnvironment, repo_root};

#[test]
fn bundled_rules_validate_cleanly_and_link_every_decision() {
    let root = repo_root();
    let mut set = rules::load(&root, &rules::default_paths(&root));
    let bank = kb::load(&root.join("memory-bank"), &root);
    assert!(bank.errors.is_empty());
    set.link_decisions(&bank);
    assert!(set.diagnostics.is_empty(), "{:#?}", set.diagnostics);
    assert!(set.checks.len() >= 12);
    let files: BTreeSet<_> = set.checks.iter().map(|c| &c.source.file).collect();
    assert!(files.len() >= 4);
    for check in &set.checks {
        let link = check.decision.as_ref().expect("every bundled check names its decision");
        assert!(link.resolved.is_some(), "{} links nothing", check.id);
    }
    let mut kinds = BTreeSet::new();
    for check in &set.checks {
        let kind = match (&check.probe.source, &check.probe.select) {
            (ProbeSource::File(_), Some(Selector::Ini { .. })) => "file+ini",
            (ProbeSource::File(_), Some(Selector::Lines(_))) => "file+lines",
            (ProbeSource::File(_), _) => "file",
            (ProbeSource::Command(_), _) => "command",
            (ProbeSource::Service { .. }, _) => "service",
            (ProbeSource::Zfs { .. }, _) => "zfs",
            (ProbeSource::Api(_), _) => "api",
            (ProbeSource::Var(_), _) => "var",
        };
        kinds.insert(kind);
    }
    for wanted in ["file+ini", "file+lines", "service", "zfs", "command", "var", "api"] {
        assert!(kinds.contains(wanted), "no {wanted} check in the example");
    }
    assert!(set.checks.iter().filter(|c| c.fix.is_some()).count() >= 3);
    assert!(set.checks.iter().any(|c| c.scope == Scope::Repo));
}

#[test]
fn readme_main_command_works() {
    let env = TestEnvironment::in_dir(repo_root());
    let out = env.run(["decisions"]);
    assert_eq!(out.code(), Some(0), "{out}");
    assert!(out.stdout.contains("fruit:locking = none"));
    let out = env.run(["decisions", "--conflicts"]);
    assert_eq!(out.code(), Some(0), "the example has no conflicting decisions: {out}");
}

#[test]
fn the_recorded_run_replays_with_todays_rules() {
    // What the README's main command does (in a copy, so .mb/ stays out of the checkout).
    let env = TestEnvironment::with_example();
    let out = env.run(["audit", "--replay", "ansible/recorded-run.json"]);
    assert_eq!(out.code(), Some(1), "the example fleet has drift: {out}");
    for needle in
        ["FAIL  samba-fruit-locking", "nas1  expected none, found posix", "Hosts not audited", "zd3  unreachable"]
    {
        assert!(out.stdout.contains(needle), "missing {needle:?} in\n{out}");
    }
}
