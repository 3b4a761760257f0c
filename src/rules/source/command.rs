//! `command:` — the standard output and exit status of a read-only shell command.

use super::{Need, ObserveError, Raw, Source, unexpected};
use crate::diag::Code;
use crate::inventory::{Host, VarError};
use crate::probe::{Fact, ProbeKey};
use crate::rules::check::Template;
use crate::rules::parse::Ctx;
use crate::rules::registry::{ArgKind, SourceSpec};
use crate::yaml::Node;

#[derive(Debug, Clone)]
pub struct Command {
    pub command: Template,
    /// The command with each placeholder replaced by a positional parameter (`"${1}"`).
    shell: String,
    /// The variables passed as `${1}`, `${2}`, … in that order.
    params: Vec<String>,
}

impl Source for Command {
    const SPEC: SourceSpec = SourceSpec {
        name: "command",
        arg: ArgKind::Text,
        summary: "The standard output of a read-only shell command.",
        fact: "Standard output with surrounding whitespace trimmed, plus the exit \
               status (see `exit_status`).",
        how: "Run inside the probe script in a subshell of its own (`(eval …)`: the text is \
              parsed once, as `sh -c` would, and whatever it does — `exit`, variables, traps — \
              ends with the subshell), with standard input from `/dev/null` \
              and standard error discarded; its output is hex-encoded by `od` like a file's. \
              Commands must only read: mb audits production hosts and a rule author is \
              trusted not to write through a probe. `{{ var }}` values are passed as positional \
              parameters (the placeholder becomes `\"${1}\"`, `${1}` inside \
              double quotes), so no shell ever parses a value, whatever the quoting around it; \
              a placeholder inside backticks, a here-document, `eval` or a nested `sh -c` \
              is refused (`unsafe-template`). For `scope: repo` the command runs with `sh -c` in the \
              repository's working tree (it cannot run against a commit's tree).",
        options: &[],
        repo_scope: true,
        example: "probe:\n  command: nft list chain inet filter input\nexpect:\n  contains: \"iifname \\\"lo\\\" accept\"",
    };

    fn parse(cx: &mut Ctx<'_>, value: &Node, _options: &[(&str, &Node, &Node)]) -> Option<Command> {
        let command = cx.template("command", value)?;
        match super::super::shell::parameterize(&command) {
            Ok((shell, params)) => Some(Command { command, shell, params }),
            Err(unsafe_) => {
                cx.error(
                    Code::UnsafeTemplate,
                    format!("`{{{{ {} }}}}` cannot be passed safely {}", unsafe_.var, unsafe_.why),
                    value,
                    "a value here could run as shell code",
                );
                None
            }
        }
    }

    fn describe(&self) -> String {
        format!("command {}", self.command.raw)
    }

    fn templates(&self) -> Vec<&Template> {
        vec![&self.command]
    }

    fn need(&self, host: &Host) -> Result<Need, VarError> {
        let args = self.params.iter().map(|name| host.var_text(name)).collect::<Result<_, _>>()?;
        Ok(Need::Probe(ProbeKey::Command { command: self.shell.as_str().into(), args }))
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
