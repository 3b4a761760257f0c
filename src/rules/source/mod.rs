//! Probe sources, one module each: where a check's fact comes from.
//!
//! A source module holds everything about its source: its documentation ([`Source::SPEC`],
//! from which the book's rule reference is generated), the parse of its arguments, what it
//! asks a host for ([`Source::need`], which becomes part of the host's one probe script) and
//! how the host's answer becomes an observation ([`Source::observe`]). `scope: repo` checks
//! use the same need and observation: the repository answers file probes from its working
//! tree or a commit's tree (see `probe::repo`).
//!
//! Adding a source: write its module (copy the shape of `file.rs`) and add one line to the
//! [`sources!`] table at the bottom of this file.

pub mod api;
pub mod command;
pub mod file;
pub mod service;
pub mod var;
pub mod zfs;

use super::check::Template;
use super::parse::Ctx;
use super::registry::SourceSpec;
use crate::inventory::{Host, VarError};
use crate::probe::{Fact, ProbeKey};
use crate::yaml::Node;
use std::sync::Arc;

/// What a source needs from a host to observe its fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    /// An answer of the host's probe script (or of the repository, for `scope: repo`).
    Probe(ProbeKey),
    /// An inventory variable: the host is not contacted.
    Var(Arc<str>),
    /// The source cannot be gathered by this version of mb; the finding is a skip, saying why.
    Unsupported(String),
}

/// A fact narrowed to what the source looks at, before the check's selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raw {
    /// `None` is absent: a missing file, a dataset or unit that does not exist.
    pub value: Option<String>,
    /// A command's exit status.
    pub status: Option<i32>,
}

impl Raw {
    pub const ABSENT: Raw = Raw { value: None, status: None };

    fn text(bytes: &[u8]) -> String {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// Why a target's answer gives no value to judge (an `error` finding says this).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ObserveError {
    /// The script's answer for this probe was missing or cut short.
    #[error("{0}")]
    NoAnswer(String),
    #[error("the file {0}")]
    Unreadable(String),
    #[error("{0} is not installed on the host")]
    NotInstalled(&'static str),
    #[error("unexpected answer for this probe: {0}")]
    Unexpected(&'static str),
    #[error("not JSON: {0}")]
    NotJson(String),
    /// An HTTP API answered with an error status.
    #[error("{0}")]
    Http(String),
    /// A saved run kept only other selections of the file (a replay with a new check).
    #[error("{0}")]
    NotSaved(String),
    /// A variable the check reads is not usable (a vault value).
    #[error("{0}")]
    Var(#[from] VarError),
}

/// One probe source. Implemented by one type per module; [`ProbeSource`] dispatches.
pub(crate) trait Source: Sized {
    /// Its documentation and the options it takes.
    const SPEC: SourceSpec;

    /// Parses the source's value; `options` are the probe's fields this source owns besides
    /// the selectors (`query:` beside `service:`). Problems are reported into `cx`.
    fn parse(cx: &mut Ctx<'_>, value: &Node, options: &[(&str, &Node, &Node)]) -> Option<Self>;

    /// The probe as one line: `file /etc/samba/smb.conf`.
    fn describe(&self) -> String;

    /// The templates it fills from the host's variables.
    fn templates(&self) -> Vec<&Template>;

    /// What it asks `host` for, with the host's variables filled in.
    fn need(&self, host: &Host) -> Result<Need, VarError>;

    /// The host's answer, narrowed to a value (or absent). Facts that carry no answer at all
    /// (the script was cut short, the file is unreadable) never reach a source.
    fn observe(&self, fact: &Fact) -> Result<Raw, ObserveError>;
}

/// How a filled-in value is written into its text. There is no shell quoting: a command's
/// values are its positional parameters (see `rules::shell`), never part of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quoting {
    /// As it is: a path, a dataset name, an expected value.
    Plain,
}

/// Renders a template with the host's variables.
pub fn render(t: &Template, host: &Host, _quoting: Quoting) -> Result<String, VarError> {
    let mut missing = None;
    let out = t.render(|name| match host.var_text(name) {
        Ok(v) => Some(v),
        Err(e) => {
            missing.get_or_insert(e);
            None
        }
    });
    out.map_err(|name| missing.unwrap_or(VarError::Undefined(name)))
}

/// The error for an answer that does not fit the source.
fn unexpected(fact: &Fact) -> Result<Raw, ObserveError> {
    Err(ObserveError::Unexpected(fact.state()))
}

/// The registry: one line per source, `Variant => module::Type`. It makes [`ProbeSource`]
/// (a parsed source), [`SourceKind`] (its name) and their dispatch.
macro_rules! sources {
    ($($variant:ident => $module:ident :: $ty:ident),* $(,)?) => {
        /// A parsed probe source.
        #[derive(Debug, Clone)]
        pub enum ProbeSource {
            $($variant($module::$ty),)*
        }

        /// The name of a probe source.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum SourceKind {
            $($variant,)*
        }

        impl SourceKind {
            pub const ALL: &'static [SourceKind] = &[$(SourceKind::$variant,)*];

            pub fn spec(self) -> &'static SourceSpec {
                match self {
                    $(SourceKind::$variant => &<$module::$ty as Source>::SPEC,)*
                }
            }

            /// Parses a source of this kind.
            pub(crate) fn parse(
                self,
                cx: &mut Ctx<'_>,
                value: &Node,
                options: &[(&str, &Node, &Node)],
            ) -> Option<ProbeSource> {
                match self {
                    $(SourceKind::$variant => <$module::$ty as Source>::parse(cx, value, options).map(ProbeSource::$variant),)*
                }
            }
        }

        impl ProbeSource {
            pub fn kind(&self) -> SourceKind {
                match self {
                    $(ProbeSource::$variant(_) => SourceKind::$variant,)*
                }
            }

            pub fn describe(&self) -> String {
                match self {
                    $(ProbeSource::$variant(s) => s.describe(),)*
                }
            }

            pub fn templates(&self) -> Vec<&Template> {
                match self {
                    $(ProbeSource::$variant(s) => s.templates(),)*
                }
            }

            pub fn need(&self, host: &Host) -> Result<Need, VarError> {
                match self {
                    $(ProbeSource::$variant(s) => s.need(host),)*
                }
            }

            pub fn observe(&self, fact: &Fact) -> Result<Raw, ObserveError> {
                match fact {
                    Fact::Missing { reason } => Err(ObserveError::NoAnswer(reason.clone())),
                    Fact::Unreadable { reason } => Err(ObserveError::Unreadable(reason.clone())),
                    Fact::Redacted { .. } => Err(ObserveError::NoAnswer(
                        "a secret: the run saved its digest, not its value, so a replay cannot judge it".into(),
                    )),
                    _ => match self {
                        $(ProbeSource::$variant(s) => s.observe(fact),)*
                    },
                }
            }
        }
    };
}

sources! {
    File => file::File,
    Command => command::Command,
    Service => service::Service,
    Zfs => zfs::Zfs,
    Api => api::Api,
    Var => var::Var,
}

impl SourceKind {
    pub fn from_name(name: &str) -> Option<SourceKind> {
        SourceKind::ALL.iter().copied().find(|k| k.spec().name == name)
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The option names allowed beside this source.
    pub fn option_names(self) -> impl Iterator<Item = &'static str> {
        self.spec().options.iter().map(|o| o.name)
    }
}
