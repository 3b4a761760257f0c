//! The one registry of what a check can say: the shape of probe sources' documentation (each
//! source lives in its own module under `source/`), the selectors, expectation operators and
//! fix edits. The parser dispatches on these enums, `mb rules` validates against
//! them, and the book's rule reference is generated from their docs (see `reference.rs`), so
//! the documentation cannot drift from the code.

/// What kind of YAML value a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgKind {
    /// Text; may contain `{{ var }}` templates.
    Text,
    /// Text that must be a regular expression (Rust `regex` syntax).
    Regex,
    /// A list of texts.
    TextList,
    /// `true` or `false`.
    Bool,
    /// An integer.
    Integer,
    /// A size such as `3T`, `512MiB`, `1.5G` or a plain number of bytes.
    Size,
    /// A mapping with the fields listed beside it.
    Mapping(&'static [&'static str]),
    /// A mapping of any field names to values.
    Fields,
}

impl ArgKind {
    pub fn describe(self) -> String {
        match self {
            ArgKind::Text => "text".into(),
            ArgKind::Regex => "regex".into(),
            ArgKind::TextList => "list of text".into(),
            ArgKind::Bool => "true / false".into(),
            ArgKind::Integer => "integer".into(),
            ArgKind::Size => "size".into(),
            ArgKind::Mapping(fields) => format!("{{ {} }}", fields.join(", ")),
            ArgKind::Fields => "{ field: value, … }".into(),
        }
    }
}

/// A field of a probe beside its source (`ini:` beside `file:`).
#[derive(Debug)]
pub struct OptionSpec {
    pub name: &'static str,
    pub arg: ArgKind,
    pub doc: &'static str,
}

/// A probe source: where a fact comes from.
#[derive(Debug)]
pub struct SourceSpec {
    pub name: &'static str,
    pub arg: ArgKind,
    pub summary: &'static str,
    /// What the fact is, and when it is `absent`.
    pub fact: &'static str,
    /// How it is gathered, and why that is safe.
    pub how: &'static str,
    pub options: &'static [OptionSpec],
    /// Whether `scope: repo` checks may use it (they read the repository, not a host).
    pub repo_scope: bool,
    pub example: &'static str,
}

pub const INI: OptionSpec = OptionSpec {
    name: "ini",
    arg: ArgKind::Mapping(&["section", "key"]),
    doc: "Select one key of an INI file with smb.conf semantics: section and key names are \
          compared case-insensitively and with whitespace folded (`fruit:time machine` = \
          `Fruit:Time  Machine`), `;` and `#` start comments, a later assignment wins, and \
          `[global]` is the section before any header. The fact is the value, or `absent`.",
};
pub const LINES: OptionSpec = OptionSpec {
    name: "lines",
    arg: ArgKind::Regex,
    doc: "Select the lines that match a regular expression. The fact is those lines joined \
          with newlines; no matching line is `absent`.",
};
pub const JSON: OptionSpec = OptionSpec {
    name: "json",
    arg: ArgKind::Text,
    doc: "Select a value inside a JSON document with a JSON Pointer (RFC 6901, `/a/0/b`). \
          Strings compare as their text, other values as compact JSON; a missing pointer is \
          `absent`.",
};

pub use super::source::SourceKind;

/// An expectation operator.
#[derive(Debug)]
pub struct OperatorSpec {
    pub name: &'static str,
    pub arg: ArgKind,
    pub doc: &'static str,
    pub example: &'static str,
    /// The probe sources it applies to; empty means all.
    pub only_for: &'static [SourceKind],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OperatorKind {
    Equals,
    NotEquals,
    OneOf,
    Contains,
    NotContains,
    Matches,
    Present,
    Absent,
    SizeEquals,
    Unique,
    UniqueIgnoring,
    AnyMatches,
    NoneMatches,
    AllMatch,
    ExitStatus,
}

impl OperatorKind {
    pub const ALL: [OperatorKind; 15] = [
        OperatorKind::Equals,
        OperatorKind::NotEquals,
        OperatorKind::OneOf,
        OperatorKind::Contains,
        OperatorKind::NotContains,
        OperatorKind::Matches,
        OperatorKind::Present,
        OperatorKind::Absent,
        OperatorKind::SizeEquals,
        OperatorKind::Unique,
        OperatorKind::UniqueIgnoring,
        OperatorKind::AnyMatches,
        OperatorKind::NoneMatches,
        OperatorKind::AllMatch,
        OperatorKind::ExitStatus,
    ];

    pub fn from_name(name: &str) -> Option<OperatorKind> {
        OperatorKind::ALL.into_iter().find(|k| k.spec().name == name)
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }

    pub fn spec(self) -> &'static OperatorSpec {
        match self {
            OperatorKind::Equals => &OperatorSpec {
                name: "equals",
                arg: ArgKind::Text,
                doc: "The fact equals the text exactly (after trimming surrounding whitespace). \
                      An `absent` fact equals nothing.",
                example: "equals: none",
                only_for: &[],
            },
            OperatorKind::NotEquals => &OperatorSpec {
                name: "not_equals",
                arg: ArgKind::Text,
                doc: "The fact is present and differs from the text.",
                example: "not_equals: posix",
                only_for: &[],
            },
            OperatorKind::OneOf => &OperatorSpec {
                name: "one_of",
                arg: ArgKind::TextList,
                doc: "The fact equals one of the texts.",
                example: "one_of: [disabled, masked]",
                only_for: &[],
            },
            OperatorKind::Contains => &OperatorSpec {
                name: "contains",
                arg: ArgKind::Text,
                doc: "The fact contains the text as a substring.",
                example: "contains: \"iifname \\\"lo\\\" accept\"",
                only_for: &[],
            },
            OperatorKind::NotContains => &OperatorSpec {
                name: "not_contains",
                arg: ArgKind::Text,
                doc: "The fact does not contain the text (an `absent` fact contains nothing, \
                      so it passes).",
                example: "not_contains: enterprise.proxmox.com",
                only_for: &[],
            },
            OperatorKind::Matches => &OperatorSpec {
                name: "matches",
                arg: ArgKind::Regex,
                doc: "The regular expression finds a match in the fact. Anchor it (`^…$`) to \
                      match the whole value; `(?m)` makes `^`/`$` match at line ends.",
                example: "matches: \"^SMB3(_11)?$\"",
                only_for: &[],
            },
            OperatorKind::Present => &OperatorSpec {
                name: "present",
                arg: ArgKind::Bool,
                doc: "The selection is not empty: the file exists, the INI key is set, a line \
                      matched. `present: false` is the same as `absent: true`.",
                example: "present: true",
                only_for: &[],
            },
            OperatorKind::Absent => &OperatorSpec {
                name: "absent",
                arg: ArgKind::Bool,
                doc: "The selection is empty: a missing file, a missing INI key, no matching \
                      line, an undefined variable. `absent: false` is the same as \
                      `present: true`.",
                example: "absent: true",
                only_for: &[],
            },
            OperatorKind::SizeEquals => &OperatorSpec {
                name: "size_equals",
                arg: ArgKind::Size,
                doc: "The fact and the text are the same number of bytes. Units are binary, as \
                      ZFS and Samba print them: `K`, `M`, `G`, `T`, `P`, `E`, with or without \
                      `B`/`iB` (`3T` = `3TiB` = `3TB` = `3298534883328`); decimals are allowed \
                      (`1.5G`). A value that does not parse is an `error` finding.",
                example: "size_equals: 3T",
                only_for: &[],
            },
            OperatorKind::Unique => &OperatorSpec {
                name: "unique",
                arg: ArgKind::Bool,
                doc: "No line of the fact (or item of a JSON array) appears twice. Catches \
                      duplicated firewall rules and repeated config lines.",
                example: "unique: true",
                only_for: &[],
            },
            OperatorKind::UniqueIgnoring => &OperatorSpec {
                name: "unique_ignoring",
                arg: ArgKind::TextList,
                doc: "The fact is a JSON array in which no two items are equal once the listed \
                      fields are left out of each: rules that differ only in their position and \
                      digest are the same rule added twice.",
                example: "unique_ignoring: [pos, digest]",
                only_for: &[],
            },
            OperatorKind::AnyMatches => &OperatorSpec {
                name: "any_matches",
                arg: ArgKind::Fields,
                doc: "The fact is a JSON array and some item is an object with every field given: a \
                      value must be equal (strings as text, numbers and booleans as written), \
                      `\"*\"` means present with any value, `null` means absent. Values may use \
                      `{{ var }}`.",
                example: "any_matches: { cidr: \"{{ admin_network }}\" }",
                only_for: &[],
            },
            OperatorKind::NoneMatches => &OperatorSpec {
                name: "none_matches",
                arg: ArgKind::Fields,
                doc: "The fact is a JSON array and no item matches the fields (as in `any_matches`). \
                      An absent fact has no items, so it holds.",
                example: "none_matches: { source: \"+admin_network\", iface: \"*\" }",
                only_for: &[],
            },
            OperatorKind::AllMatch => &OperatorSpec {
                name: "all_match",
                arg: ArgKind::Fields,
                doc: "The fact is a JSON array and every item matches the fields (as in \
                      `any_matches`); with `json: /0` and `any_matches` the same test applies to \
                      one item at a position.",
                example: "all_match: { enable: \"1\" }",
                only_for: &[],
            },
            OperatorKind::ExitStatus => &OperatorSpec {
                name: "exit_status",
                arg: ArgKind::Integer,
                doc: "The command exited with this status.",
                example: "exit_status: 0",
                only_for: &[SourceKind::Command],
            },
        }
    }
}

/// A fix edit: how a failing check's declared fix changes a file in the repo.
#[derive(Debug)]
pub struct EditSpec {
    pub name: &'static str,
    pub arg: ArgKind,
    pub doc: &'static str,
    pub example: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EditKind {
    IniSet,
    LinePresent,
    LineAbsent,
    Replace,
    YamlSet,
}

impl EditKind {
    pub const ALL: [EditKind; 5] =
        [EditKind::IniSet, EditKind::LinePresent, EditKind::LineAbsent, EditKind::Replace, EditKind::YamlSet];

    pub fn from_name(name: &str) -> Option<EditKind> {
        EditKind::ALL.into_iter().find(|k| k.spec().name == name)
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }

    pub fn spec(self) -> &'static EditSpec {
        match self {
            EditKind::IniSet => &EditSpec {
                name: "ini_set",
                arg: ArgKind::Mapping(&["section", "key", "value"]),
                doc: "Set a key in an INI section, changing the existing line in place (its \
                      indentation and comments kept) or adding it at the end of the section; \
                      the section is created if missing.",
                example: "fix:\n  file: roles/samba/templates/smb.conf.j2\n  ini_set: { section: global, key: \"fruit:locking\", value: none }",
            },
            EditKind::LinePresent => &EditSpec {
                name: "line_present",
                arg: ArgKind::Mapping(&["line", "after"]),
                doc: "Ensure an exact line exists; if not, insert it after the first line \
                      matching the `after` regex (or at the end of the file without one).",
                example: "fix:\n  file: roles/base/files/sshd_config\n  line_present: { line: \"PermitRootLogin prohibit-password\", after: \"^#?PermitRootLogin\" }",
            },
            EditKind::LineAbsent => &EditSpec {
                name: "line_absent",
                arg: ArgKind::Mapping(&["matches"]),
                doc: "Remove every line matching the regex.",
                example: "fix:\n  file: roles/base/files/sources.list\n  line_absent: { matches: \"enterprise\\\\.proxmox\\\\.com\" }",
            },
            EditKind::Replace => &EditSpec {
                name: "replace",
                arg: ArgKind::Mapping(&["regex", "with"]),
                doc: "Replace every match of a regex (`$1` refers to capture groups).",
                example: "fix:\n  file: group_vars/all.yml\n  replace: { regex: \"mtu: \\\\d+\", with: \"mtu: 1420\" }",
            },
            EditKind::YamlSet => &EditSpec {
                name: "yaml_set",
                arg: ArgKind::Mapping(&["path", "value"]),
                doc: "Set a scalar at a dotted key path in a YAML vars file, rewriting only \
                      that value so comments and the formatting of every other line stay.",
                example: "fix:\n  file: group_vars/samba.yml\n  yaml_set: { path: timemachine_quota, value: 3T }",
            },
        }
    }
}
