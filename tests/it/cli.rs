//! The front door: help that teaches, completions, exit codes for bad usage.

use crate::common::{TestEnvironment, repo_root};

fn checkout() -> TestEnvironment {
    TestEnvironment::in_dir(repo_root())
}

#[test]
fn help_lists_commands_and_examples() {
    let out = checkout().run(["--help"]);
    assert_eq!(out.code(), Some(0), "{out}");
    for needle in ["decisions", "rules", "completions", "Examples:", "Exit codes:"] {
        assert!(out.stdout.contains(needle), "--help lacks {needle}");
    }
}

#[test]
fn every_command_has_help_with_examples() {
    let env = checkout();
    // Every subcommand the CLI defines, not a list that can fall behind it.
    let commands: Vec<String> = mb::cli::command().get_subcommands().map(|c| c.get_name().to_string()).collect();
    assert!(commands.len() >= 13, "{commands:?}");
    for cmd in &commands {
        let about = mb::cli::command().find_subcommand(cmd).and_then(|c| c.get_about().map(|a| a.to_string()));
        assert!(about.is_some_and(|a| a.len() > 20), "`mb {cmd}` has no one-line description in `mb --help`");
        let out = env.run([cmd.as_str(), "--help"]);
        assert_eq!(out.code(), Some(0), "{cmd}: {out}");
        assert!(out.stdout.contains("Examples:") && out.stdout.contains("mb "), "{cmd} --help shows no example");
        assert!(out.stdout.len() > 400, "{cmd} --help is too thin");
    }
}

#[test]
fn no_arguments_prints_help_and_fails() {
    let no_args: [&str; 0] = [];
    let out = checkout().run(no_args);
    assert_eq!(out.code(), Some(2));
    assert!(out.stderr.contains("Usage: mb"), "{out}");
}

#[test]
fn bad_usage_exits_2() {
    let env = checkout();
    let out = env.run(["frobnicate"]);
    assert_eq!(out.code(), Some(2), "{out}");
    let out = env.run(["decisions", "--kind", "decisoin"]);
    assert_eq!(out.code(), Some(2), "{out}");
    assert!(out.stderr.contains("unknown kind `decisoin`"), "{out}");
    let out = env.run(["decisions", "--since", "2025-13-01"]);
    assert_eq!(out.code(), Some(2), "{out}");
}

#[test]
fn completions_for_each_shell() {
    let env = checkout();
    for shell in ["bash", "zsh", "fish"] {
        let out = env.run(["completions", shell]);
        assert_eq!(out.code(), Some(0), "{shell}: {out}");
        assert!(out.stdout.contains("decisions") && out.stdout.contains("conflicts"), "{shell}");
    }
}

#[test]
fn version() {
    let out = checkout().run(["--version"]);
    assert_eq!(out.stdout.trim(), format!("mb {}", env!("CARGO_PKG_VERSION")));
}
