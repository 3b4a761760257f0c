//! Diagnostics about the user's input: a code, a message and byte spans in source files.
//!
//! Spans stay byte ranges until rendering, where they become `file:line:column` and a caret
//! under the offending text (ruff and cargo-deny do the same).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::source::{LineIndex, SourceFile, display_path};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

macro_rules! codes {
    ($($variant:ident = $name:literal : $summary:literal,)*) => {
        /// Every diagnostic mb can report about its input, with a one-line description.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code { $($variant,)* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The kebab-case name shown in brackets: `error[unknown-field]`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }
        }
    };
}

codes! {
    ReadFailed = "read-failed": "a file could not be read, or is not UTF-8",
    YamlSyntax = "yaml-syntax": "the check block is not valid YAML",
    NotAMapping = "not-a-mapping": "a check (or one of its parts) must be a YAML mapping",
    UnknownField = "unknown-field": "a field mb does not know, usually a typo",
    MissingField = "missing-field": "a required field is missing",
    WrongType = "wrong-type": "a field has the wrong type (text, list, mapping, number or boolean)",
    BadValue = "bad-value": "a field's value is not one of those allowed",
    NoProbeSource = "no-probe-source": "a probe names no source (file, command, service, zfs, api, var)",
    TwoProbeSources = "two-probe-sources": "a probe names more than one source",
    SelectorNotAllowed = "selector-not-allowed": "a selector or option does not apply to this probe source",
    NoExpectation = "no-expectation": "a check expects nothing",
    UnknownOperator = "unknown-operator": "an expectation operator mb does not know",
    OperatorNotAllowed = "operator-not-allowed": "an expectation operator does not apply to this probe source",
    BadRegex = "bad-regex": "a regular expression does not compile",
    BadSize = "bad-size": "a size is not a number with an optional unit (3T, 512M, 1.5GiB)",
    BadTemplate = "bad-template": "a `{{ var }}` template is malformed",
    UnsafeTemplate = "unsafe-template": "a `{{ var }}` in a command where no quoting can keep its value from running as code",
    BadHostPattern = "bad-host-pattern": "an Ansible host pattern is malformed",
    BadFix = "bad-fix": "a fix must name a file and exactly one edit",
    DuplicateId = "duplicate-id": "two checks share an id",
    UnknownDecision = "unknown-decision": "a check links a decision the memory bank does not contain",
    EmptyBlock = "empty-block": "an mb-check block is empty",
    DuplicateKey = "duplicate-key": "a YAML mapping names the same key twice",
    NotInRepoScope = "not-in-repo-scope": "a probe source that reads hosts, in a `scope: repo` check",
    InvalidConfig = "invalid-config": "mb.toml is not valid TOML, or has a key or value mb does not know",
    InvalidInventory = "invalid-inventory": "an inventory file that mb cannot read",
}

impl Diagnostic {
    /// A diagnostic about one span of a file read for it (mb.toml, an inventory file), with
    /// the sources it renders from. A file that cannot be read again renders without a caret.
    pub fn in_file(code: Code, message: &str, path: &Path, span: Range<usize>, label: &str) -> (Diagnostic, Sources) {
        let mut sources = Sources::default();
        if let Ok(file) = SourceFile::read(path, path.to_path_buf()) {
            sources.add(Arc::new(file));
        }
        (Diagnostic::error(code, message).at(path, span, label), sources)
    }
}

/// A place in a source file, with an optional label shown beside the caret.
#[derive(Debug, Clone)]
pub struct Label {
    pub file: PathBuf,
    pub span: Range<usize>,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    /// Where the problem is.
    pub primary: Option<Label>,
    /// Other places that explain it ("first defined here").
    pub secondary: Vec<Label>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            help: None,
        }
    }

    pub fn warning(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, message) }
    }

    pub fn at(mut self, file: &Path, span: Range<usize>, label: impl Into<String>) -> Diagnostic {
        self.primary = Some(Label { file: file.to_path_buf(), span, text: label.into() });
        self
    }

    pub fn also(mut self, file: &Path, span: Range<usize>, label: impl Into<String>) -> Diagnostic {
        self.secondary.push(Label { file: file.to_path_buf(), span, text: label.into() });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The texts diagnostics point into, so they can be rendered with their source lines.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: HashMap<PathBuf, (Arc<SourceFile>, Arc<LineIndex>)>,
}

impl Sources {
    pub fn add(&mut self, file: Arc<SourceFile>) {
        let index = Arc::new(LineIndex::new(&file.text));
        self.files.insert(file.path.clone(), (file, index));
    }

    pub(crate) fn get(&self, path: &Path) -> Option<&(Arc<SourceFile>, Arc<LineIndex>)> {
        self.files.get(path)
    }

    /// `(line, column)`, 1-based, of a byte offset in a known file.
    pub fn line_col(&self, path: &Path, offset: usize) -> Option<(usize, usize)> {
        self.get(path).map(|(file, index)| index.line_col(&file.text, offset))
    }
}

/// Renders diagnostics the way rustc does, with `file:line:col` and a caret.
pub fn render(diag: &Diagnostic, sources: &Sources, color: bool) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let level = match diag.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let mut group = Group::with_title(level.primary_title(diag.message.as_str()).id(diag.code.as_str()));
    // Spans must sit on char boundaries of the source for the renderer.
    let clamp = |text: &str, span: &Range<usize>| {
        let start = crate::source::floor_char_boundary(text, span.start);
        let end = crate::source::floor_char_boundary(text, span.end.max(start));
        start..end
    };
    let mut by_file: Vec<(&Path, Vec<(&Label, bool)>)> = Vec::new();
    for (label, primary) in diag.primary.iter().map(|l| (l, true)).chain(diag.secondary.iter().map(|l| (l, false))) {
        match by_file.iter_mut().find(|(p, _)| *p == label.file.as_path()) {
            Some((_, labels)) => labels.push((label, primary)),
            None => by_file.push((label.file.as_path(), vec![(label, primary)])),
        }
    }
    let mut unrenderable = Vec::new();
    // The renderer ends lines at `\n` only: a lone `\r` is shown as one, byte for byte.
    let texts: Vec<_> = by_file
        .iter()
        .map(|(path, _)| sources.get(path).map(|(file, _)| crate::source::lone_cr_as_lf(&file.text)))
        .collect();
    for ((path, labels), text) in by_file.iter().zip(&texts) {
        let Some(text) = text else {
            unrenderable.extend(labels.iter().map(|(l, _)| *l));
            continue;
        };
        let mut snippet = Snippet::source(text.as_ref()).path(display_path(path));
        for (label, primary) in labels {
            let kind = if *primary { AnnotationKind::Primary } else { AnnotationKind::Context };
            snippet = snippet.annotation(kind.span(clamp(text, &label.span)).label(label.text.as_str()));
        }
        group = group.element(snippet);
    }
    let mut report: Vec<Group<'_>> = vec![group];
    let mut notes = String::new();
    for label in unrenderable {
        let _ = write!(notes, "{}: {}", display_path(&label.file), label.text);
    }
    if !notes.is_empty() {
        report.push(Group::with_title(Level::NOTE.secondary_title(notes)));
    }
    if let Some(help) = &diag.help {
        report.push(Group::with_title(Level::HELP.secondary_title(help.as_str())));
    }
    renderer.render(&report).to_string()
}

/// The JSON form of a diagnostic, for `--json` output and editors.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    pub label: Option<String>,
    pub help: Option<String>,
}

impl JsonDiagnostic {
    pub fn new(diag: &Diagnostic, sources: &Sources) -> JsonDiagnostic {
        let primary = diag.primary.as_ref();
        let start = primary.and_then(|l| sources.line_col(&l.file, l.span.start));
        let end = primary.and_then(|l| sources.line_col(&l.file, l.span.end));
        JsonDiagnostic {
            severity: diag.severity,
            code: diag.code.as_str(),
            message: diag.message.clone(),
            file: primary.map(|l| display_path(&l.file)),
            line: start.map(|p| p.0),
            column: start.map(|p| p.1),
            end_line: end.map(|p| p.0),
            end_column: end.map(|p| p.1),
            label: primary.map(|l| l.text.clone()).filter(|t| !t.is_empty()),
            help: diag.help.clone(),
        }
    }
}

/// The closest candidate to a misspelt name, if one is close enough to suggest.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let name = name.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&name, c), c))
        .filter(|&(d, c)| d <= (c.len().max(name.len()) / 3).max(1))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Damerau-free Levenshtein distance over chars; names here are short.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let fields = ["expect", "probe", "hosts", "severity"];
        assert_eq!(did_you_mean("expcet", fields), Some("expect"));
        assert_eq!(did_you_mean("host", fields), Some("hosts"));
        assert_eq!(did_you_mean("Severty", fields), Some("severity"));
        assert_eq!(did_you_mean("zebra", fields), None);
    }

    #[test]
    fn codes_are_unique() {
        let mut names: Vec<_> = Code::ALL.iter().map(|c| c.as_str()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
    }
}
