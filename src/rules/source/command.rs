//! `command:` — the standard output and exit status of a read-only shell command.

use super::{Need, ObserveError, Quoting, Raw, Source, render, unexpected};
use crate::inventory::{Host, VarError};
use crate::probe::{Fact, ProbeKey};
use crate::rules::check::Template;
use crate::rules::parse::Ctx;
use crate::rules::registry::{ArgKind, SourceSpec};
use crate::yaml::Node;

#[derive(Debug, Clone)]
pub struct Command {
    pub command: Template,
}

impl Source for Command {
    const SPEC: SourceSpec = SourceSpec {
        name: "command",
        arg: ArgKind::Text,
        summary: "The standard output of a read-only shell command.",
        fact: "Standard output with surrounding whitespace trimmed, plus the exit \
               status (see `exit_status`).",
        how: "Run by `sh -c` inside the probe script, with standard input from `/dev/null` \
              and standard error discarded; its output is hex-encoded by `od` like a file's. \
              Commands must only read: mb audits production hosts and a rule author is \
              trusted not to write through a probe. `{{ var }}` values are shell-quoted when \
              substituted. For `scope: repo` the command runs in the repository's working \
              tree (it cannot run against a commit's tree).",
        options: &[],
        repo_scope: true,
        example: "probe:\n  command: nft list chain inet filter input\nexpect:\n  contains: \"iifname \\\"lo\\\" accept\"",
    };

    fn parse(cx: &mut Ctx<'_>, value: &Node, _options: &[(&str, &Node, &Node)]) -> Option<Command> {
        cx.template("command", value).map(|command| Command { command })
    }

    fn describe(&self) -> String {
        format!("command {}", self.command.raw)
    }

    fn templates(&self) -> Vec<&Template> {
        vec![&self.command]
    }

    fn need(&self, host: &Host) -> Result<Need, VarError> {
        Ok(Need::Probe(ProbeKey::Command { command: render(&self.command, host, Quoting::Shell)? }))
    }

    fn observe(&self, fact: &Fact) -> Result<Raw, ObserveError> {
        match fact {
            Fact::Output { stdout, status } => {
                Ok(Raw { value: Some(Raw::text(stdout).trim().to_string()), status: Some(*status) })
            }
            other => unexpected(other),
        }
    }
}
