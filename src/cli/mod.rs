//! The command line: arguments, one file per command, and the only code in mb that prints.

mod audit;
mod ci;
mod completions;
mod decisions;
mod diff;
mod fix;
mod hosts;
mod index;
mod merge;
mod output;
mod record;
pub mod reference;
mod rules;
mod runs;
mod search;

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

const ABOUT: &str = "A GitOps knowledge base and drift auditor: your Memory Bank's decisions, made executable";

const LONG_ABOUT: &str = "\
A GitOps knowledge base and drift auditor.

mb reads the Memory Bank your team and its AI agent keep beside an Ansible repo
(memory-bank/*.md) and the rule files next to it (rules/*.md, .clinerules), turns
the decisions written there into structured, dated records and machine-checkable
checks, and reports where hosts have drifted from them.

Run mb from the root of your repository, or point it there with -C DIR.";

const EXAMPLES: &str = "\
Examples:
  mb decisions                       what have we decided? (./memory-bank)
  mb decisions --conflicts           settings whose current decisions disagree
  mb decisions --all --since 2025-11-01 --json
  mb search refquota                 everything we know about refquota, best first
  mb audit                           audit every host of the inventory against the rules
  mb audit --replay latest           today's rules on the last run's facts
  mb audit --record                  and write the findings into the Memory Bank
  mb ci --base origin/main           the drift report for a pull request (markdown)
  mb fix --dry-run                   the declared fixes of the last run's drift, as a diff
  mb fix                             …committed on a new branch mb/fix/<date>
  mb hosts samba                     which hosts a pattern selects, which checks apply
  mb rules                           validate rules/*.md and .clinerules, list the checks
  mb completions bash > ~/.local/share/bash-completion/completions/mb

Exit codes: 0 clean, 1 findings (drift, conflicts), 2 invalid input or mb failed,
3 no drift found but the audit is incomplete.

Documentation: the book in book/ (mdbook serve book), or book/src/*.md.";

/// mb's exit codes, shared by every command (a contract: scripts and CI depend on them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Nothing to report.
    Clean = 0,
    /// Findings: drift, or conflicting decisions.
    Findings = 1,
    /// Invalid input, or mb itself failed.
    Invalid = 2,
    /// No drift found, but some host could not be audited.
    Incomplete = 3,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

#[derive(Debug, Parser)]
#[command(
    name = "mb",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    after_help = EXAMPLES,
    propagate_version = true,
    arg_required_else_help = true,
    max_term_width = 100
)]
struct Cli {
    /// Run as if mb was started in DIR (your repository's root).
    #[arg(short = 'C', long = "directory", global = true, value_name = "DIR")]
    directory: Option<PathBuf>,

    /// When to colour the output. NO_COLOR and CLICOLOR_FORCE are honoured with `auto`.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    color: ColorWhen,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    Decisions(decisions::Args),
    Search(search::Args),
    Audit(audit::Args),
    Ci(ci::Args),
    Record(record::Args),
    Fix(fix::Args),
    Hosts(hosts::Args),
    Runs(runs::Args),
    Diff(diff::Args),
    Merge(merge::Args),
    Rules(rules::Args),
    Index(index::Args),
    Completions(completions::Args),
}

/// What every command gets: where the repository is, and how to print.
pub(crate) struct Context {
    pub root: PathBuf,
}

impl Context {
    /// A path given on the command line, or a default under the repository root.
    pub fn resolve(&self, path: Option<&PathBuf>, default: &str) -> PathBuf {
        match path {
            Some(p) if p.is_absolute() => p.clone(),
            Some(p) => self.root.join(p),
            None => self.root.join(default),
        }
    }

    /// The Memory Bank folder: the one given, or the repository's own
    /// ([`crate::kb::load::bank_folder`]: `memory-bank/`, or another agent's folder).
    pub fn memory_bank(&self, given: Option<&PathBuf>) -> PathBuf {
        self.resolve(given, crate::kb::load::bank_folder(&self.root))
    }
}

/// The clap command tree, for completions and the generated CLI reference.
pub fn command() -> clap::Command {
    Cli::command()
}

/// Parses the arguments, runs the command and returns mb's exit code.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() { Exit::Invalid.into() } else { Exit::Clean.into() };
        }
    };
    match cli.color {
        ColorWhen::Always => anstream::ColorChoice::Always.write_global(),
        ColorWhen::Never => anstream::ColorChoice::Never.write_global(),
        ColorWhen::Auto => {}
    }
    let root = cli.directory.unwrap_or_else(|| PathBuf::from("."));
    let cx = Context { root };
    let result = match cli.command {
        Command::Decisions(args) => decisions::run(&cx, args),
        Command::Search(args) => search::run(&cx, args),
        Command::Audit(args) => audit::run(&cx, args),
        Command::Ci(args) => ci::run(&cx, args),
        Command::Record(args) => record::run(&cx, args),
        Command::Fix(args) => fix::run(&cx, args),
        Command::Hosts(args) => hosts::run(&cx, args),
        Command::Runs(args) => runs::run(&cx, args),
        Command::Diff(args) => diff::run(&cx, args),
        Command::Merge(args) => merge::run(&cx, args),
        Command::Rules(args) => rules::run(&cx, args),
        Command::Index(args) => index::run(&cx, args),
        Command::Completions(args) => completions::run(args),
    };
    match result {
        Ok(exit) => exit.into(),
        Err(err) if is_broken_pipe(&err) => Exit::Clean.into(),
        Err(err) => {
            let mut stderr = anstream::stderr();
            let message = crate::probe::sanitize(&format!("{err:#}"));
            let _ = writeln!(stderr, "{}error:{} {message}", output::ERROR.render(), output::ERROR.render_reset());
            Exit::Invalid.into()
        }
    }
}

/// `mb decisions | head` closes the pipe early; that is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    // serde_json wraps the write error of `to_writer` in its own error type.
    err.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
    })
}
