//! `file:` — the content of a file on the host, or in the repository for `scope: repo`.

use super::{Need, ObserveError, Quoting, Raw, Source, render, unexpected};
use crate::inventory::{Host, VarError};
use crate::probe::{Fact, ProbeKey};
use crate::rules::check::Template;
use crate::rules::parse::Ctx;
use crate::rules::registry::{ArgKind, INI, JSON, LINES, SourceSpec};
use crate::yaml::Node;

#[derive(Debug, Clone)]
pub struct File {
    pub path: Template,
}

impl Source for File {
    const SPEC: SourceSpec = SourceSpec {
        name: "file",
        arg: ArgKind::Text,
        summary: "The content of a file on the host (or in the repo for `scope: repo`).",
        fact: "The whole content, or the part a selector picks. A file that does not \
               exist is the fact `absent`, not an error; a path that exists but is not a \
               readable regular file is an `error` finding. A file no check reads whole is \
               narrowed to its selections as it arrives, and a saved run keeps only those \
               (and a SHA-256 of the file), never the rest of its content.",
        how: "On a host, inside its one probe script: `od -An -v -tx1 < PATH` sends the bytes \
              hex-encoded, so no content can break the script's framing; nothing is written. \
              In the repository (`scope: repo`), read from the working tree or, for `mb ci`, \
              from a commit's tree in git's objects; a path that leaves the repository, \
              through `..` or a symlink, is refused.",
        options: &[INI, LINES, JSON],
        repo_scope: true,
        example: "probe:\n  file: /etc/samba/smb.conf\n  ini: { section: global, key: \"fruit:locking\" }\nexpect:\n  equals: none",
    };

    fn parse(cx: &mut Ctx<'_>, value: &Node, _options: &[(&str, &Node, &Node)]) -> Option<File> {
        cx.template("file", value).map(|path| File { path })
    }

    fn describe(&self) -> String {
        format!("file {}", self.path.raw)
    }

    fn templates(&self) -> Vec<&Template> {
        vec![&self.path]
    }

    fn need(&self, host: &Host) -> Result<Need, VarError> {
        Ok(Need::Probe(ProbeKey::File { path: render(&self.path, host, Quoting::Plain)?.into() }))
    }

    fn observe(&self, fact: &Fact) -> Result<Raw, ObserveError> {
        match fact {
            Fact::Absent => Ok(Raw::ABSENT),
            Fact::File { content, .. } => Ok(Raw { value: Some(Raw::text(content)), status: None }),
            other => unexpected(other),
        }
    }
}
