//! `mb completions`: shell completion scripts.

use clap_complete::Shell;

use super::Exit;

/// Print a shell completion script for mb.
///
/// Install it where your shell looks for completions; the script completes every command,
/// flag and value mb knows (formats, kinds, shells).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  mb completions bash > ~/.local/share/bash-completion/completions/mb
  mb completions zsh  > ~/.zfunc/_mb      (with `fpath+=~/.zfunc` in .zshrc)
  mb completions fish > ~/.config/fish/completions/mb.fish")]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: Shell,
}

pub fn run(args: Args) -> anyhow::Result<Exit> {
    let mut cmd = super::command();
    clap_complete::generate(args.shell, &mut cmd, "mb", &mut std::io::stdout());
    Ok(Exit::Clean)
}
