//! One `mb-check` block → a [`Check`], or diagnostics that point at the offending YAML.
//!
//! Every problem in a block is reported, not just the first: each field is validated on its
//! own and the check is dropped at the end if any error was found.

use std::ops::Range;
use std::path::{Path, PathBuf};

use regex::Regex;

use super::check::{
    Check, CheckSource, DecisionLink, Edit, Expectation, FieldPattern, Fix, Probe, Scope, Selector, Severity, Template,
    parse_size,
};
use super::extract::RawBlock;
use super::registry::{ArgKind, EditKind, OperatorKind, SourceKind};
use crate::diag::{Code, Diagnostic, did_you_mean};
use crate::inventory::HostPattern;
use crate::source::LineIndex;
use crate::yaml::{self, Node, Value};

/// The fields of a check, in the order the reference lists them.
pub const CHECK_FIELDS: &[&str] = &[
    "id",
    "title",
    "description",
    "hosts",
    "severity",
    "scope",
    "decision",
    "probe",
    "expect",
    "fix",
    "tags",
    "secret",
];

/// What parsing one block needs: the file, the block, and the diagnostics found so far.
pub(crate) struct Ctx<'a> {
    file: &'a Path,
    block: &'a RawBlock,
    diags: Vec<Diagnostic>,
    /// The block's id and its span, once read: kept even when the block has other errors, so
    /// a duplicate id is reported with them rather than on the run after they are fixed.
    id: Option<(String, Range<usize>)>,
}

impl Ctx<'_> {
    pub(crate) fn span(&self, node: &Node) -> Range<usize> {
        self.block.file_span(node.span.clone())
    }

    pub(crate) fn error(&mut self, code: Code, message: String, node: &Node, label: impl Into<String>) {
        let span = self.span(node);
        self.diags.push(Diagnostic::error(code, message).at(self.file, span, label));
    }

    pub(crate) fn push(&mut self, diag: Diagnostic) {
        self.diags.push(diag);
    }

    /// Text from a scalar; anything else is a `wrong-type` error.
    pub(crate) fn text(&mut self, field: &str, node: &Node) -> Option<String> {
        match &node.value {
            Value::Scalar { text, .. } if !node.is_null() => Some(text.clone()),
            _ => {
                self.error(
                    Code::WrongType,
                    format!("`{field}` must be text, found {}", node.type_name()),
                    node,
                    "expected text",
                );
                None
            }
        }
    }

    pub(crate) fn template(&mut self, field: &str, node: &Node) -> Option<Template> {
        let text = self.text(field, node)?;
        match Template::parse(&text) {
            Ok(t) => Some(t),
            Err(message) => {
                self.error(Code::BadTemplate, format!("`{field}`: {message}"), node, "here");
                None
            }
        }
    }

    pub(crate) fn regex(&mut self, field: &str, node: &Node) -> Option<Regex> {
        let text = self.text(field, node)?;
        match Regex::new(&text) {
            Ok(re) => Some(re),
            Err(err) => {
                // The regex crate's message repeats the pattern with its own caret; keep its
                // last line, which says what is wrong.
                let reason = err
                    .to_string()
                    .lines()
                    .rev()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("invalid")
                    .trim()
                    .trim_start_matches("error: ")
                    .to_string();
                self.error(
                    Code::BadRegex,
                    format!("`{field}` is not a valid regular expression: {reason}"),
                    node,
                    reason,
                );
                None
            }
        }
    }

    pub(crate) fn bool(&mut self, field: &str, node: &Node) -> Option<bool> {
        let b = node.as_bool();
        if b.is_none() {
            self.error(
                Code::WrongType,
                format!("`{field}` must be true or false, found {}", node.type_name()),
                node,
                "expected true or false",
            );
        }
        b
    }

    pub(crate) fn map<'n>(&mut self, field: &str, node: &'n Node) -> Option<&'n [(Node, Node)]> {
        let m = node.as_map();
        if m.is_none() {
            self.error(
                Code::NotAMapping,
                format!("`{field}` must be a mapping, found {}", node.type_name()),
                node,
                "expected a mapping",
            );
        }
        m
    }

    /// The entries of a mapping with their key names; non-text and repeated keys are reported.
    pub(crate) fn entries<'n>(&mut self, entries: &'n [(Node, Node)]) -> Vec<(&'n str, &'n Node, &'n Node)> {
        let mut out: Vec<(&str, &Node, &Node)> = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            let Some(name) = k.as_str().filter(|_| !k.is_null()) else {
                self.error(
                    Code::WrongType,
                    format!("a key must be text, found {}", k.type_name()),
                    k,
                    "expected a field name",
                );
                continue;
            };
            if let Some((_, first, _)) = out.iter().find(|(n, _, _)| *n == name) {
                let first_span = self.span(first);
                let span = self.span(k);
                self.push(
                    Diagnostic::error(Code::DuplicateKey, format!("`{name}` is given twice"))
                        .at(self.file, span, "given again here")
                        .also(self.file, first_span, "first given here"),
                );
                continue;
            }
            out.push((name, k, v));
        }
        out
    }

    pub(crate) fn unknown_field(&mut self, what: &str, name: &str, key: &Node, known: &[&str]) {
        let mut diag = Diagnostic::error(Code::UnknownField, format!("unknown field `{name}` in {what}"));
        let label = match did_you_mean(name, known.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => "unknown field".to_string(),
        };
        diag = diag.at(self.file, self.span(key), label).help(format!("known fields: {}", known.join(", ")));
        self.push(diag);
    }

    /// A required field is missing: point at the mapping it should be in.
    pub(crate) fn missing(&mut self, what: &str, field: &str, at: &Node, help: &str) {
        let anchor = at.as_map().and_then(|m| m.first()).map_or(at, |(k, _)| k);
        let span = self.span(anchor);
        self.push(
            Diagnostic::error(Code::MissingField, format!("{what} has no `{field}`"))
                .at(self.file, span, format!("`{field}` is missing from the mapping that starts here"))
                .help(help.to_string()),
        );
    }
}

/// Parses one block of `file`. Returns the check when the block has no errors, and every
/// diagnostic found either way.
pub fn parse_block(file: &Path, lines: &LineIndex, block: &RawBlock) -> (Option<Check>, Vec<Diagnostic>) {
    let parsed = parse_block_with_id(file, lines, block);
    (parsed.check, parsed.diagnostics)
}

/// One block, parsed: the check when the block has no errors, the id it claims (valid or
/// not as a check), and every diagnostic.
#[derive(Debug)]
pub struct ParsedBlock {
    pub check: Option<Check>,
    /// The id as written and its span in the file, when the block has a well-formed one.
    pub id: Option<(String, Range<usize>)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses one block of `file`, keeping its id even when the block is invalid.
pub fn parse_block_with_id(file: &Path, lines: &LineIndex, block: &RawBlock) -> ParsedBlock {
    let mut cx = Ctx { file, block, diags: Vec::new(), id: None };
    let check = parse_check(&mut cx, lines);
    let failed = cx.diags.iter().any(Diagnostic::is_error);
    ParsedBlock { check: check.filter(|_| !failed), id: cx.id, diagnostics: cx.diags }
}

fn parse_check(cx: &mut Ctx<'_>, lines: &LineIndex) -> Option<Check> {
    let root = match yaml::parse(&cx.block.yaml) {
        Ok(root) => root,
        Err(err) => {
            let at = cx.block.file_offset(err.offset.min(cx.block.yaml.len().saturating_sub(1)));
            cx.push(Diagnostic::error(Code::YamlSyntax, format!("invalid YAML: {}", err.message)).at(
                cx.file,
                at..at + 1,
                "here",
            ));
            return None;
        }
    };
    if root.is_null() {
        let fence = cx.block.fence.clone();
        let open = fence.start..fence.start + 3;
        cx.push(
            Diagnostic::error(Code::EmptyBlock, "empty mb-check block")
                .at(cx.file, open, "this block holds no check")
                .help("a check needs at least `id`, `hosts`, `probe` and `expect`; see `mb rules --help`"),
        );
        return None;
    }
    let map = cx.map("a check", &root)?;
    let entries = cx.entries(map);
    let get = |name: &str| entries.iter().find(|(n, _, _)| *n == name).map(|(_, _, v)| *v);
    for (name, key, _) in &entries {
        if !CHECK_FIELDS.contains(name) {
            cx.unknown_field("a check", name, key, CHECK_FIELDS);
        }
    }

    let id = match get("id") {
        Some(node) => cx.text("id", node).map(|id| {
            let ok = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
            if !ok {
                cx.error(
                    Code::BadValue,
                    format!("check id `{id}` may only use letters, digits, `-`, `_` and `.`"),
                    node,
                    "invalid id",
                );
            } else {
                cx.id = Some((id.clone(), cx.span(node)));
            }
            id
        }),
        None => {
            cx.missing("this check", "id", &root, "give the check a unique id: `id: samba-fruit-locking`");
            None
        }
    };

    let scope = match get("scope") {
        None => Scope::Host,
        Some(node) => match cx.text("scope", node).as_deref() {
            Some("host") => Scope::Host,
            Some("repo") => Scope::Repo,
            Some(other) => {
                cx.error(
                    Code::BadValue,
                    format!("`scope` must be `host` or `repo`, found `{other}`"),
                    node,
                    "expected host or repo",
                );
                Scope::Host
            }
            None => Scope::Host,
        },
    };

    let hosts = match (get("hosts"), scope) {
        (Some(node), Scope::Repo) => {
            cx.error(
                Code::BadValue,
                "`hosts` has no meaning in a `scope: repo` check, which reads the repository".into(),
                node,
                "remove this",
            );
            None
        }
        (Some(node), Scope::Host) => host_pattern(cx, node),
        (None, Scope::Host) => {
            cx.missing(
                "this check",
                "hosts",
                &root,
                "name the hosts it applies to with an Ansible pattern: `hosts: samba`, `hosts: all`, `hosts: proxmox:!zd3`",
            );
            None
        }
        (None, Scope::Repo) => None,
    };

    let severity = match get("severity") {
        None => Severity::Error,
        Some(node) => {
            let text = cx.text("severity", node);
            match text.as_deref().map(Severity::from_name) {
                Some(Some(s)) => s,
                Some(None) => {
                    let text = text.unwrap_or_default();
                    let hint = did_you_mean(&text, Severity::NAMES)
                        .map_or_else(|| "error, warning or info".to_string(), |s| format!("did you mean `{s}`?"));
                    cx.error(
                        Code::BadValue,
                        format!("`severity` must be error, warning or info, found `{text}`"),
                        node,
                        hint,
                    );
                    Severity::Error
                }
                None => Severity::Error,
            }
        }
    };

    let title = get("title").and_then(|n| cx.text("title", n));
    let description = get("description").and_then(|n| cx.text("description", n));
    let decision = get("decision").and_then(|node| {
        cx.text("decision", node).map(|text| DecisionLink { span: cx.span(node), text, resolved: None })
    });
    let tags = match get("tags") {
        None => Vec::new(),
        Some(node) => text_list(cx, "tags", node).unwrap_or_default(),
    };

    let probe = match get("probe") {
        Some(node) => parse_probe(cx, node, scope),
        None => {
            cx.missing(
                "this check",
                "probe",
                &root,
                "say where the fact comes from: `probe: { file: /etc/samba/smb.conf }`",
            );
            None
        }
    };
    // Judge operators against the source even when the probe has other errors.
    let source_kind = probe.as_ref().map(|p| p.source.kind()).or_else(|| {
        let names: Vec<SourceKind> =
            get("probe")?.as_map()?.iter().filter_map(|(k, _)| SourceKind::from_name(k.as_str()?)).collect();
        (names.len() == 1).then(|| names[0])
    });
    let expect = match get("expect") {
        Some(node) => parse_expect(cx, node, source_kind),
        None => {
            cx.missing("this check", "expect", &root, "say what must hold: `expect: { equals: none }`");
            None
        }
    };
    let fix = get("fix").and_then(|node| parse_fix(cx, node));
    let secret = get("secret").and_then(|node| cx.bool("secret", node)).unwrap_or(false);

    let start = cx.block.file_offset(0);
    Some(Check {
        id: id?,
        title,
        description,
        hosts,
        severity,
        scope,
        decision,
        probe: probe?,
        expect: expect?,
        fix,
        tags,
        secret,
        source: CheckSource {
            file: cx.file.to_path_buf(),
            line: lines.line(start),
            end_line: lines.line(cx.block.fence.end.saturating_sub(1)).max(lines.line(start)),
            span: cx.block.fence.clone(),
            id_span: get("id").map_or(cx.block.fence.clone(), |n| cx.span(n)),
            heading: cx.block.heading.clone(),
        },
    })
}

fn text_list(cx: &mut Ctx<'_>, field: &str, node: &Node) -> Option<Vec<String>> {
    match node.as_seq() {
        Some(items) => items.iter().map(|n| cx.text(field, n)).collect(),
        None => {
            cx.error(
                Code::WrongType,
                format!("`{field}` must be a list, found {}", node.type_name()),
                node,
                "expected a list: [a, b]",
            );
            None
        }
    }
}

fn host_pattern(cx: &mut Ctx<'_>, node: &Node) -> Option<HostPattern> {
    let raw = match &node.value {
        Value::Seq(items) => items.iter().map(|n| cx.text("hosts", n)).collect::<Option<Vec<_>>>()?.join(":"),
        _ => cx.text("hosts", node)?,
    };
    match HostPattern::parse(&raw) {
        Ok(p) => Some(p),
        Err(err) => {
            // Point inside the scalar when it is written plainly in the file.
            let span = cx.span(node);
            let file_text_matches = matches!(&node.value, Value::Scalar { plain: true, .. }) && span.len() == raw.len();
            let span = if file_text_matches {
                let s = span.start + err.span.start;
                s..(span.start + err.span.end).max(s + 1)
            } else {
                span
            };
            cx.push(
                Diagnostic::error(Code::BadHostPattern, format!("bad host pattern: {}", err.message))
                    .at(cx.file, span, "here")
                    .help("Ansible patterns: `all`, `group`, `host`, `web*`, `~regex`, `a:b` (either), `a:&b` (both), `a:!b` (a but not b)"),
            );
            None
        }
    }
}

fn parse_probe(cx: &mut Ctx<'_>, node: &Node, scope: Scope) -> Option<Probe> {
    let map = cx.map("probe", node)?;
    let entries = cx.entries(map);
    let sources: Vec<(SourceKind, &Node, &Node)> =
        entries.iter().filter_map(|(name, k, v)| SourceKind::from_name(name).map(|kind| (kind, *k, *v))).collect();
    let source_names: Vec<&str> = SourceKind::ALL.iter().map(|k| k.name()).collect();
    let (kind, key, value) = match sources.as_slice() {
        [] => {
            let mut diag = Diagnostic::error(Code::NoProbeSource, "the probe names no source")
                .at(cx.file, cx.span(node), "no file, command, service, zfs, api or var here")
                .help(format!("a probe has exactly one of: {}", source_names.join(", ")));
            // A misspelt source is the usual cause.
            if let Some((name, k, _)) =
                entries.iter().find(|(name, _, _)| did_you_mean(name, source_names.iter().copied()).is_some())
            {
                let s = did_you_mean(name, source_names.iter().copied()).unwrap_or_default();
                diag = diag.also(cx.file, cx.span(k), format!("did you mean `{s}`?"));
            }
            cx.push(diag);
            return None;
        }
        [one] => *one,
        [first, second, ..] => {
            cx.push(
                Diagnostic::error(
                    Code::TwoProbeSources,
                    format!("the probe names two sources, `{}` and `{}`", first.0.name(), second.0.name()),
                )
                .at(cx.file, cx.span(second.1), "second source")
                .also(cx.file, cx.span(first.1), "first source")
                .help("a check reads one fact; split it into two checks"),
            );
            return None;
        }
    };
    let _ = key;
    let spec = kind.spec();
    if scope == Scope::Repo && !spec.repo_scope {
        cx.error(
            Code::NotInRepoScope,
            format!("a `scope: repo` check reads the repository; `{}` reads a host", kind.name()),
            value,
            "not available with scope: repo",
        );
    }
    // Options beside the source: the selectors here, the source's own in its module.
    let mut selector: Option<(Selector, &Node)> = None;
    let mut own: Vec<(&str, &Node, &Node)> = Vec::new();
    let mut ok = true;
    for (name, k, v) in &entries {
        if SourceKind::from_name(name).is_some() {
            continue;
        }
        if !kind.option_names().any(|o| o == *name) {
            ok = false;
            let owner = SourceKind::ALL.iter().find(|s| s.option_names().any(|o| o == *name));
            match owner {
                Some(owner) => cx.push(
                    Diagnostic::error(
                        Code::SelectorNotAllowed,
                        format!("`{name}` applies to `{}` probes, not `{}`", owner.name(), kind.name()),
                    )
                    .at(cx.file, cx.span(k), "not an option of this source"),
                ),
                None => {
                    let known: Vec<&str> = source_names.iter().copied().chain(kind.option_names()).collect();
                    cx.unknown_field(&format!("a `{}` probe", kind.name()), name, k, &known);
                }
            }
            continue;
        }
        let parsed = match *name {
            "ini" => parse_ini_selector(cx, v),
            "lines" => cx.regex("lines", v).map(Selector::Lines),
            "json" => cx.text("json", v).and_then(|p| {
                if p.is_empty() || p.starts_with('/') {
                    Some(Selector::Json(p))
                } else {
                    cx.error(
                        Code::BadValue,
                        format!("`json` is a JSON Pointer and starts with `/`, found `{p}`"),
                        v,
                        format!("did you mean `/{p}`?"),
                    );
                    None
                }
            }),
            _ => {
                own.push((name, k, v));
                continue;
            }
        };
        match (parsed, selector.as_ref()) {
            (Some(_), Some((_, first))) => {
                ok = false;
                let first_span = cx.span(first);
                cx.push(
                    Diagnostic::error(Code::SelectorNotAllowed, "a probe takes one selector (ini, lines or json)")
                        .at(cx.file, cx.span(k), "second selector")
                        .also(cx.file, first_span, "first selector"),
                );
            }
            (Some(sel), None) => selector = Some((sel, *k)),
            (None, _) => ok = false,
        }
    }
    let source = kind.parse(cx, value, &own)?;
    ok.then_some(Probe { source, select: selector.map(|(s, _)| s) })
}

fn parse_ini_selector(cx: &mut Ctx<'_>, node: &Node) -> Option<Selector> {
    let map = cx.map("ini", node)?;
    let entries = cx.entries(map);
    let fields = ["section", "key"];
    for (name, k, _) in &entries {
        if !fields.contains(name) {
            cx.unknown_field("`ini`", name, k, &fields);
        }
    }
    let get = |n: &str| entries.iter().find(|(name, _, _)| *name == n).map(|e| e.2);
    let section = match get("section") {
        Some(n) => cx.text("section", n),
        None => Some("global".to_string()),
    };
    let key = match get("key") {
        Some(n) => cx.text("key", n),
        None => {
            cx.missing("`ini`", "key", node, "`ini: { section: global, key: \"fruit:locking\" }`");
            None
        }
    };
    Some(Selector::Ini { section: section?, key: key? })
}

fn parse_expect(cx: &mut Ctx<'_>, node: &Node, source: Option<SourceKind>) -> Option<Vec<Expectation>> {
    let map = cx.map("expect", node)?;
    let entries = cx.entries(map);
    if entries.is_empty() {
        cx.error(Code::NoExpectation, "`expect` is empty".into(), node, "add an operator such as `equals: none`");
        return None;
    }
    let names: Vec<&str> = OperatorKind::ALL.iter().map(|k| k.name()).collect();
    let mut out = Vec::with_capacity(entries.len());
    let mut ok = true;
    for (name, k, v) in entries {
        let Some(op) = OperatorKind::from_name(name) else {
            ok = false;
            let label = did_you_mean(name, names.iter().copied())
                .map_or_else(|| "unknown operator".to_string(), |s| format!("did you mean `{s}`?"));
            cx.push(
                Diagnostic::error(Code::UnknownOperator, format!("unknown expectation `{name}`"))
                    .at(cx.file, cx.span(k), label)
                    .help(format!("operators: {}", names.join(", "))),
            );
            continue;
        };
        let spec = op.spec();
        if let Some(source) = source
            && !spec.only_for.is_empty()
            && !spec.only_for.contains(&source)
        {
            ok = false;
            let allowed: Vec<&str> = spec.only_for.iter().map(|s| s.name()).collect();
            cx.push(
                Diagnostic::error(
                    Code::OperatorNotAllowed,
                    format!("`{name}` applies to {} probes, not `{}`", allowed.join(", "), source.name()),
                )
                .at(cx.file, cx.span(k), "not available for this probe"),
            );
            continue;
        }
        let parsed = match op {
            OperatorKind::Equals => cx.template(name, v).map(Expectation::Equals),
            OperatorKind::NotEquals => cx.template(name, v).map(Expectation::NotEquals),
            OperatorKind::Contains => cx.template(name, v).map(Expectation::Contains),
            OperatorKind::NotContains => cx.template(name, v).map(Expectation::NotContains),
            OperatorKind::OneOf => match v.as_seq() {
                Some(items) if !items.is_empty() => {
                    items.iter().map(|n| cx.template(name, n)).collect::<Option<Vec<_>>>().map(Expectation::OneOf)
                }
                _ => {
                    cx.error(
                        Code::WrongType,
                        format!("`one_of` must be a non-empty list, found {}", v.type_name()),
                        v,
                        "expected a list: [disabled, masked]",
                    );
                    None
                }
            },
            OperatorKind::Matches => cx.regex(name, v).map(Expectation::Matches),
            OperatorKind::Present => {
                cx.bool(name, v).map(|b| if b { Expectation::Present } else { Expectation::Absent })
            }
            OperatorKind::Absent => {
                cx.bool(name, v).map(|b| if b { Expectation::Absent } else { Expectation::Present })
            }
            OperatorKind::Unique => match cx.bool(name, v) {
                Some(true) => Some(Expectation::Unique),
                Some(false) => {
                    cx.error(Code::BadValue, "`unique: false` checks nothing; remove it".into(), v, "here");
                    None
                }
                None => None,
            },
            OperatorKind::UniqueIgnoring => match text_list(cx, name, v) {
                Some(fields) if !fields.is_empty() => Some(Expectation::UniqueIgnoring(fields)),
                Some(_) => {
                    cx.error(Code::BadValue, format!("`{name}` needs at least one field"), v, "e.g. [pos, digest]");
                    None
                }
                None => None,
            },
            OperatorKind::AnyMatches | OperatorKind::NoneMatches | OperatorKind::AllMatch => {
                field_patterns(cx, name, v).map(|fields| match op {
                    OperatorKind::AnyMatches => Expectation::AnyMatches(fields),
                    OperatorKind::NoneMatches => Expectation::NoneMatches(fields),
                    _ => Expectation::AllMatch(fields),
                })
            }
            OperatorKind::SizeEquals => cx.template(name, v).and_then(|t| {
                if t.is_literal() && parse_size(&t.raw).is_none() {
                    cx.error(
                        Code::BadSize,
                        format!("`{}` is not a size", t.raw),
                        v,
                        "expected a size such as 3T, 512M, 1.5GiB or 3298534883328",
                    );
                    None
                } else {
                    Some(Expectation::SizeEquals(t))
                }
            }),
            OperatorKind::ExitStatus => match v.as_str().and_then(|s| s.parse::<i64>().ok()) {
                Some(n) if matches!(v.value, Value::Scalar { plain: true, .. }) => Some(Expectation::ExitStatus(n)),
                _ => {
                    cx.error(
                        Code::WrongType,
                        format!("`exit_status` must be an integer, found {}", v.type_name()),
                        v,
                        "expected an integer",
                    );
                    None
                }
            },
        };
        match parsed {
            Some(e) => out.push(e),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// `{ iface: lo, source: "*", dest: null }`: the fields an array operator looks for.
fn field_patterns(cx: &mut Ctx<'_>, name: &str, node: &Node) -> Option<Vec<(String, FieldPattern)>> {
    let map = cx.map(name, node)?;
    let entries = cx.entries(map);
    if entries.is_empty() {
        cx.error(Code::BadValue, format!("`{name}` needs at least one field"), node, "e.g. { iface: lo }");
        return None;
    }
    let mut out = Vec::with_capacity(entries.len());
    let mut ok = true;
    for (field, _, v) in entries {
        let pattern = if v.is_null() {
            Some(FieldPattern::Absent)
        } else if v.as_str() == Some("*") {
            Some(FieldPattern::Present)
        } else {
            cx.template(field, v).map(FieldPattern::Equals)
        };
        match pattern {
            Some(p) => out.push((field.to_string(), p)),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

fn parse_fix(cx: &mut Ctx<'_>, node: &Node) -> Option<Fix> {
    let map = cx.map("fix", node)?;
    let entries = cx.entries(map);
    let edit_names: Vec<&str> = EditKind::ALL.iter().map(|k| k.name()).collect();
    let known: Vec<&str> = std::iter::once("file").chain(edit_names.iter().copied()).collect();
    let mut file = None;
    let mut edits: Vec<(EditKind, &Node, &Node)> = Vec::new();
    let mut ok = true;
    for (name, k, v) in &entries {
        if *name == "file" {
            file = cx.text("file", v).and_then(|path| fix_path(cx, &path, v));
        } else if let Some(kind) = EditKind::from_name(name) {
            edits.push((kind, *k, *v));
        } else {
            ok = false;
            cx.unknown_field("a fix", name, k, &known);
        }
    }
    if !entries.iter().any(|(n, _, _)| *n == "file") {
        cx.missing(
            "this fix",
            "file",
            node,
            "name the repository file the fix edits: `file: roles/samba/templates/smb.conf.j2`",
        );
        ok = false;
    }
    let (kind, key, value) = match edits.as_slice() {
        [one] => *one,
        [] => {
            if ok {
                cx.push(
                    Diagnostic::error(Code::BadFix, "the fix names no edit")
                        .at(cx.file, cx.span(node), "no edit here")
                        .help(format!("a fix has exactly one of: {}", edit_names.join(", "))),
                );
            }
            return None;
        }
        [first, second, ..] => {
            cx.push(
                Diagnostic::error(Code::BadFix, "a fix makes one edit")
                    .at(cx.file, cx.span(second.1), "second edit")
                    .also(cx.file, cx.span(first.1), "first edit")
                    .help("split it into two checks, or use one `replace`"),
            );
            return None;
        }
    };
    let _ = key;
    let fields = match kind.spec().arg {
        ArgKind::Mapping(fields) => fields,
        _ => &[][..],
    };
    let emap = cx.map(kind.name(), value)?;
    let eentries = cx.entries(emap);
    for (name, k, _) in &eentries {
        if !fields.contains(name) {
            cx.unknown_field(&format!("`{}`", kind.name()), name, k, fields);
            ok = false;
        }
    }
    let get = |n: &str| eentries.iter().find(|(name, _, _)| *name == n).map(|e| e.2);
    let need = |cx: &mut Ctx<'_>, field: &str| {
        let found = get(field);
        if found.is_none() {
            cx.missing(&format!("`{}`", kind.name()), field, value, kind.spec().example);
        }
        found
    };
    let edit = match kind {
        EditKind::IniSet => {
            let section = get("section").map_or(Some("global".to_string()), |n| cx.text("section", n));
            let key = need(cx, "key").and_then(|n| cx.text("key", n));
            let val = need(cx, "value").and_then(|n| cx.template("value", n));
            section.zip(key).zip(val).map(|((section, key), value)| Edit::IniSet { section, key, value })
        }
        EditKind::LinePresent => {
            let line = need(cx, "line").and_then(|n| cx.template("line", n));
            let after = match get("after") {
                Some(n) => cx.regex("after", n).map(Some),
                None => Some(None),
            };
            line.zip(after).map(|(line, after)| Edit::LinePresent { line, after })
        }
        EditKind::LineAbsent => {
            need(cx, "matches").and_then(|n| cx.regex("matches", n)).map(|matches| Edit::LineAbsent { matches })
        }
        EditKind::Replace => {
            let regex = need(cx, "regex").and_then(|n| cx.regex("regex", n));
            let with = need(cx, "with").and_then(|n| cx.text("with", n));
            regex.zip(with).map(|(regex, with)| Edit::Replace { regex, with })
        }
        EditKind::YamlSet => {
            let path = need(cx, "path").and_then(|n| {
                let p = cx.text("path", n)?;
                let parts: Vec<String> = p.split('.').map(str::to_string).collect();
                if parts.iter().any(String::is_empty) {
                    cx.error(Code::BadValue, format!("`{p}` is not a dotted key path"), n, "expected `a.b.c`");
                    return None;
                }
                Some(parts)
            });
            let val = need(cx, "value").and_then(|n| cx.template("value", n));
            path.zip(val).map(|(path, value)| Edit::YamlSet { path, value })
        }
    };
    let edit = edit?;
    if !ok {
        return None;
    }
    Some(Fix { file: file?, edit })
}

/// A fix target must be a relative path that stays inside the repository.
fn fix_path(cx: &mut Ctx<'_>, path: &str, node: &Node) -> Option<PathBuf> {
    let p = Path::new(path);
    if crate::source::repo_relative(p).is_err() {
        cx.error(
            Code::BadFix,
            format!("fix target `{path}` must be a path inside the repository"),
            node,
            "relative, without `..`",
        );
        return None;
    }
    Some(p.to_path_buf())
}
