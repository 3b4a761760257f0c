//! The book's rule reference, generated from the registry so that it cannot drift from the
//! code. `tests/it/docs.rs` fails when `book/src/rules-reference.md` is out of date and
//! rewrites it when run with `MB_UPDATE_DOCS=1`.

use std::fmt::Write as _;

use super::parse::CHECK_FIELDS;
use super::registry::{EditKind, OperatorKind, SourceKind};
use crate::diag::Code;

/// Where the generated page lives, relative to the repository root.
pub const PAGE: &str = "book/src/rules-reference.md";

/// The Markdown of the rule reference page.
pub fn markdown() -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(
        w,
        "<!-- Generated from src/rules/registry.rs by `MB_UPDATE_DOCS=1 cargo test --test it docs`. Do not edit. -->\n"
    );
    let _ = writeln!(w, "# Rule reference\n");
    let _ = writeln!(
        w,
        "A check is one fenced block with the info string `mb-check` in a rule file, holding \
         one YAML mapping. This page lists every field, probe source, expectation operator, fix \
         edit and diagnostic mb knows.\n"
    );
    let _ = writeln!(w, "## Check fields\n");
    let _ = writeln!(w, "| field | required | meaning |\n|---|---|---|");
    for field in CHECK_FIELDS {
        let (required, meaning) = field_doc(field);
        let _ = writeln!(w, "| `{field}` | {required} | {meaning} |");
    }
    let _ = writeln!(w, "\n## Probe sources\n");
    let _ = writeln!(
        w,
        "A probe names exactly one source, plus the options that source takes. Every value \
         may use `{{{{ var }}}}` placeholders filled from the host's inventory variables.\n"
    );
    for kind in SourceKind::ALL {
        let spec = kind.spec();
        let _ = writeln!(w, "### `{}`\n", spec.name);
        let _ = writeln!(w, "{}\n", spec.summary);
        let _ = writeln!(w, "- **Takes:** {}", spec.arg.describe());
        let _ = writeln!(w, "- **Fact:** {}", spec.fact);
        let _ = writeln!(w, "- **How it is read:** {}", spec.how);
        let _ = writeln!(w, "- **`scope: repo`:** {}", if spec.repo_scope { "yes" } else { "no" });
        if !spec.options.is_empty() {
            let _ = writeln!(w, "\n| option | takes | meaning |\n|---|---|---|");
            for opt in spec.options {
                let _ = writeln!(w, "| `{}` | {} | {} |", opt.name, opt.arg.describe(), opt.doc);
            }
        }
        let _ = writeln!(w, "\n```yaml\n{}\n```\n", spec.example);
    }
    let _ = writeln!(w, "## Expectations\n");
    let _ = writeln!(
        w,
        "`expect:` is a mapping of operators; the check passes when all of them hold. A fact \
         that cannot be compared (a template variable the host lacks, a size that does not \
         parse) makes an `error` finding, never a pass or a fail.\n"
    );
    let _ = writeln!(w, "| operator | takes | holds when | example |\n|---|---|---|---|");
    for kind in OperatorKind::ALL {
        let spec = kind.spec();
        let mut doc = spec.doc.to_string();
        if !spec.only_for.is_empty() {
            let only: Vec<String> = spec.only_for.iter().map(|s| format!("`{}`", s.name())).collect();
            let _ = write!(doc, " Only for {} probes.", only.join(", "));
        }
        let _ = writeln!(
            w,
            "| `{}` | {} | {} | `{}` |",
            spec.name,
            spec.arg.describe(),
            doc,
            spec.example.replace('|', "\\|")
        );
    }
    let _ = writeln!(w, "\n## Fixes\n");
    let _ = writeln!(
        w,
        "`fix:` names a `file` of the repository (relative, never outside it) and exactly one \
         edit. `mb fix` applies the edits of failing checks on a new branch; hosts are never \
         changed.\n"
    );
    for kind in EditKind::ALL {
        let spec = kind.spec();
        let _ = writeln!(w, "### `{}`\n", spec.name);
        let _ = writeln!(w, "{}\n", spec.doc);
        let _ = writeln!(w, "- **Takes:** {}\n", spec.arg.describe());
        let _ = writeln!(w, "```yaml\n{}\n```\n", spec.example);
    }
    let _ = writeln!(w, "## Diagnostics\n");
    let _ = writeln!(
        w,
        "`mb rules` reports every problem in every rule file with `file:line:column` and a \
         caret, then exits 2 if any is an error.\n"
    );
    let _ = writeln!(w, "| code | meaning |\n|---|---|");
    for code in Code::ALL {
        let _ = writeln!(w, "| `{}` | {} |", code.as_str(), code.summary());
    }
    out
}

fn field_doc(field: &str) -> (&'static str, &'static str) {
    match field {
        "id" => (
            "yes",
            "Unique across all rule files; findings, runs and fixes are keyed by it. Letters, digits, `-`, `_`, `.`.",
        ),
        "title" => ("no", "One line saying what the check keeps true."),
        "description" => ("no", "Longer prose; the Markdown around the block is usually better."),
        "hosts" => (
            "yes, unless `scope: repo`",
            "An Ansible host pattern (`all`, `samba`, `zd*`, `~regex`, `a:b`, `a:&b`, `a:!b`), or a list of patterns.",
        ),
        "severity" => ("no", "`error` (default), `warning` or `info`."),
        "scope" => (
            "no",
            "`host` (default) reads hosts; `repo` reads the repository itself (for `mb ci` and `mb audit --repo`).",
        ),
        "decision" => (
            "no",
            "The memory-bank decision the check enforces: a phrase of its text or its id. `mb rules` warns when none matches.",
        ),
        "probe" => ("yes", "Where the fact comes from: one source and its options (below)."),
        "expect" => ("yes", "What must hold: one or more operators (below)."),
        "fix" => ("no", "How to fix drift in the repository: a file and one edit (below)."),
        "tags" => ("no", "A list of words for filtering."),
        "secret" => (
            "no",
            "`true` when the fact is a secret: saved runs keep its SHA-256, never the value, and \
             reports do not show it. Files readable only by their owner are treated so anyway.",
        ),
        _ => ("", ""),
    }
}
