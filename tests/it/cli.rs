//! The front door: help that teaches, completions, exit codes for bad usage.

use crate::common::{mb, repo_root, text};

#[test]
fn help_lists_commands_and_examples() {
    let out = mb(&repo_root()).arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = text(&out.stdout);
    for needle in ["decisions", "rules", "completions", "Examples:", "Exit codes:"] {
        assert!(help.contains(needle), "--help lacks {needle}");
    }
}

#[test]
fn every_command_has_help_with_examples() {
    for cmd in ["decisions", "search", "index", "rules", "completions"] {
        let out = mb(&repo_root()).args([cmd, "--help"]).output().unwrap();
        assert!(out.status.success(), "{cmd}");
        let help = text(&out.stdout);
        assert!(help.contains("mb "), "{cmd} --help shows no example");
        assert!(help.len() > 400, "{cmd} --help is too thin");
    }
}

#[test]
fn no_arguments_prints_help_and_fails() {
    let out = mb(&repo_root()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("Usage: mb"));
}

#[test]
fn bad_usage_exits_2() {
    let out = mb(&repo_root()).arg("frobnicate").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = mb(&repo_root()).args(["decisions", "--kind", "decisoin"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unknown kind `decisoin`"));
    let out = mb(&repo_root()).args(["decisions", "--since", "2025-13-01"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let out = mb(&repo_root()).args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let script = text(&out.stdout);
        assert!(script.contains("decisions") && script.contains("conflicts"), "{shell}");
    }
}

#[test]
fn version() {
    let out = mb(&repo_root()).arg("--version").output().unwrap();
    assert_eq!(text(&out.stdout).trim(), format!("mb {}", env!("CARGO_PKG_VERSION")));
}
