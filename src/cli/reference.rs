//! The book's CLI reference, generated from the clap definitions (each command's doc comment
//! is its help text), so that `--help` and the book say the same thing.

use std::fmt::Write as _;

/// Where the generated page lives, relative to the repository root.
pub const PAGE: &str = "book/src/cli-reference.md";

/// The Markdown of the CLI reference page: `mb --help` and every subcommand's `--help`.
pub fn markdown() -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<!-- Generated from src/cli by `MB_UPDATE_DOCS=1 cargo test --test it docs`. Do not edit. -->\n"
    );
    let _ = writeln!(out, "# CLI reference\n");
    let _ = writeln!(
        out,
        "Every command's `--help`, as mb prints it. Global options (`-C DIR`, `--color`) work \
         with every command.\n"
    );
    let mut root = super::command().term_width(100);
    let _ = writeln!(out, "## `mb`\n\n```text\n{}```\n", root.render_long_help());
    let names: Vec<String> =
        root.get_subcommands().filter(|c| !c.is_hide_set()).map(|c| c.get_name().to_string()).collect();
    for name in names {
        if let Some(sub) = root.find_subcommand_mut(&name) {
            let mut sub = sub.clone().term_width(100).bin_name(format!("mb {name}"));
            let _ = writeln!(out, "## `mb {name}`\n\n```text\n{}```\n", sub.render_long_help());
        }
    }
    out
}
