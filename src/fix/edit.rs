//! The five edits a fix can make to a text file, each changing only the bytes it must: line
//! endings (LF or CRLF), indentation, comments, quoting and a missing final newline survive.
//!
//! Every edit is idempotent: applied to its own result it changes nothing, which is how mb
//! tells a fix that is already in HEAD from one still to make.

use regex::Regex;

use crate::rules::check::Edit;
use crate::rules::ini::{fold, is_comment};
use crate::yaml::{self, Node, Value};

/// An edit with its templates filled in for the hosts it fixes.
pub type Op = Edit<String>;

impl PartialEq for Edit<String> {
    fn eq(&self, other: &Op) -> bool {
        self.to_string() == other.to_string()
    }
}

impl std::fmt::Display for Edit<String> {
    /// A one-line description for diffs and commit messages: `ini_set [global] fruit:locking = none`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Edit::IniSet { section, key, value } => write!(f, "ini_set [{section}] {key} = {value}"),
            Edit::LinePresent { line, after: Some(after) } => {
                write!(f, "line_present `{line}` after /{}/", after.as_str())
            }
            Edit::LinePresent { line, after: None } => write!(f, "line_present `{line}`"),
            Edit::LineAbsent { matches } => write!(f, "line_absent /{}/", matches.as_str()),
            Edit::Replace { regex, with } => write!(f, "replace /{}/ with `{with}`", regex.as_str()),
            Edit::YamlSet { path, value } => write!(f, "yaml_set {} = {value}", path.join(".")),
        }
    }
}

/// Why an edit cannot be made to a file.
pub type NotApplicable = String;

impl Edit<String> {
    /// The text with the edit made; the same text when it is already there.
    pub fn apply(&self, text: &str) -> Result<String, NotApplicable> {
        let lines = Lines::of(text);
        match self {
            Edit::IniSet { section, key, value } => Ok(ini_set(&lines, section, key, value)),
            Edit::LinePresent { line, after } => line_present(&lines, line, after.as_ref()),
            Edit::LineAbsent { matches } => Ok(line_absent(&lines, matches)),
            Edit::Replace { regex, with } => replace(text, lines.newline == "\r\n", regex, with),
            Edit::YamlSet { path, value } => yaml_set(&lines, path, value),
        }
    }
}

/// A text cut into lines, each with its ending kept apart.
struct Lines<'a> {
    text: &'a str,
    /// `(start, content end, line end)` byte offsets; content excludes `\n` / `\r\n`.
    spans: Vec<(usize, usize, usize)>,
    /// The ending new lines get: the file's first one (LF when it has none).
    newline: &'static str,
}

impl<'a> Lines<'a> {
    fn of(text: &'a str) -> Lines<'a> {
        let mut spans = Vec::new();
        let mut start = 0;
        for piece in text.split_inclusive('\n') {
            let end = start + piece.len();
            let content = piece.strip_suffix('\n').map_or(piece, |p| p.strip_suffix('\r').unwrap_or(p));
            spans.push((start, start + content.len(), end));
            start = end;
        }
        let crlf = spans.first().is_some_and(|&(_, c, e)| e - c == 2);
        Lines { text, spans, newline: if crlf { "\r\n" } else { "\n" } }
    }

    fn content(&self, i: usize) -> &'a str {
        let (s, c, _) = self.spans[i];
        &self.text[s..c]
    }

    /// Whether the text ends with a line ending (or is empty).
    fn ends_with_newline(&self) -> bool {
        self.text.is_empty() || self.text.ends_with('\n')
    }

    /// `text` with `new` inserted as a whole line before line `i` (or at the end when `i`
    /// is past the last line), adding the line ending a missing final newline lacks.
    fn insert_line(&self, i: usize, new: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + new.len() + 2);
        if i < self.spans.len() {
            let at = self.spans[i].0;
            out.push_str(&self.text[..at]);
            out.push_str(new);
            out.push_str(self.newline);
            out.push_str(&self.text[at..]);
        } else if self.ends_with_newline() {
            out.push_str(self.text);
            out.push_str(new);
            out.push_str(self.newline);
        } else {
            // Keep the file's missing final newline missing.
            out.push_str(self.text);
            out.push_str(self.newline);
            out.push_str(new);
        }
        out
    }
}

fn section_name(trimmed: &str) -> Option<&str> {
    trimmed.strip_prefix('[')?.strip_suffix(']')
}

/// `ini_set`: change every assignment of the key in the section in place, or add one after
/// the section's last assignment, or add the section at the end.
fn ini_set(lines: &Lines, section: &str, key: &str, value: &str) -> String {
    let (want_section, want_key) = (fold(section), fold(key));
    let mut current = "global".to_string();
    let mut in_section_seen = want_section == "global";
    let mut last_in_section: Option<usize> = None;
    // (line index of the key, index of its last continuation line)
    let mut hits: Vec<(usize, usize)> = Vec::new();
    let mut style: Option<(String, String)> = None;
    let mut i = 0;
    while i < lines.spans.len() {
        let line = lines.content(i);
        let trimmed = line.trim();
        let mut last = i;
        while lines.content(last).ends_with('\\') && last + 1 < lines.spans.len() {
            last += 1;
        }
        if let Some(name) = section_name(trimmed) {
            current = fold(name);
            if current == want_section {
                in_section_seen = true;
                last_in_section = Some(i);
            }
        } else if !trimmed.is_empty()
            && !is_comment(trimmed)
            && current == want_section
            && let Some((k, _)) = line.split_once('=')
        {
            last_in_section = Some(last);
            if style.is_none() {
                let indent = &line[..line.len() - line.trim_start().len()];
                let sep = &line[k.trim_end().len()..value_offset(line)];
                style = Some((indent.to_string(), sep.to_string()));
            }
            if fold(k) == want_key {
                hits.push((i, last));
            }
        }
        i = last + 1;
    }
    if !hits.is_empty() {
        let mut out = String::with_capacity(lines.text.len() + value.len());
        let mut copied = 0;
        for (first, last) in hits {
            let (start, _, _) = lines.spans[first];
            let value_start = start + value_offset(lines.content(first));
            let value_end = lines.spans[last].1;
            let old: String = lines.text[value_start..value_end]
                .split('\n')
                .map(|l| l.trim_end_matches('\r').trim_end_matches('\\'))
                .collect::<Vec<_>>()
                .join(" ");
            if fold(&old) == fold(value) {
                continue;
            }
            out.push_str(&lines.text[copied..value_start]);
            out.push_str(value);
            copied = value_end;
        }
        out.push_str(&lines.text[copied..]);
        return out;
    }
    let (indent, sep) = style.unwrap_or_else(|| (indent_of_any_key(lines), " = ".to_string()));
    let new = format!("{indent}{key}{sep}{value}");
    match (in_section_seen, last_in_section) {
        (true, Some(after)) => lines.insert_line(after + 1, &new),
        // `[global]` keys may stand before any header: put the key at the top, after any
        // leading comments.
        (true, None) => {
            let first = (0..lines.spans.len())
                .find(|&i| {
                    let t = lines.content(i).trim();
                    !(t.is_empty() || is_comment(t))
                })
                .unwrap_or(lines.spans.len());
            lines.insert_line(first, &new)
        }
        (false, _) => {
            // A new section at the end, after a blank line.
            let nl = lines.newline;
            let mut out = lines.text.to_string();
            if lines.ends_with_newline() {
                if lines.spans.last().is_some_and(|&(s, c, _)| !lines.text[s..c].trim().is_empty()) {
                    out.push_str(nl);
                }
                out.push_str(&format!("[{section}]{nl}{new}{nl}"));
            } else {
                out.push_str(&format!("{nl}{nl}[{section}]{nl}{new}"));
            }
            out
        }
    }
}

/// Where the value of an assignment line starts: after the `=` and the blanks after it.
fn value_offset(line: &str) -> usize {
    let after = line.find('=').map_or(0, |eq| eq + 1);
    after + (line[after..].len() - line[after..].trim_start().len())
}

/// The indentation of the first assignment anywhere in the file, for a new section's key.
fn indent_of_any_key(lines: &Lines) -> String {
    (0..lines.spans.len())
        .map(|i| lines.content(i))
        .find(|l| {
            let t = l.trim();
            !t.is_empty() && !is_comment(t) && section_name(t).is_none() && t.contains('=')
        })
        .map(|l| l[..l.len() - l.trim_start().len()].to_string())
        .unwrap_or_default()
}

/// `line_present`: nothing when the line is there; otherwise insert it after the first line
/// the anchor matches, or at the end without an anchor.
fn line_present(lines: &Lines, line: &str, after: Option<&Regex>) -> Result<String, NotApplicable> {
    if (0..lines.spans.len()).any(|i| lines.content(i).trim_end() == line.trim_end()) {
        return Ok(lines.text.to_string());
    }
    match after {
        None => Ok(lines.insert_line(lines.spans.len(), line)),
        Some(anchor) => match (0..lines.spans.len()).find(|&i| anchor.is_match(lines.content(i))) {
            Some(i) => Ok(lines.insert_line(i + 1, line)),
            None => Err(format!("no line matches the anchor `after: {}`", anchor.as_str())),
        },
    }
}

/// `line_absent`: remove every line the regex matches, with its line ending.
fn line_absent(lines: &Lines, matches: &Regex) -> String {
    let mut out = String::with_capacity(lines.text.len());
    for i in 0..lines.spans.len() {
        if !matches.is_match(lines.content(i)) {
            let (s, _, e) = lines.spans[i];
            out.push_str(&lines.text[s..e]);
        }
    }
    out
}

/// `replace`: every match of the regex. In a CRLF file `$` and `.` treat `\r\n` as the line
/// ending, so a replaced line keeps its `\r`.
fn replace(text: &str, crlf: bool, regex: &Regex, with: &str) -> Result<String, NotApplicable> {
    let crlf_regex = crlf.then(|| Regex::new(&format!("(?R){}", regex.as_str())).ok()).flatten();
    let regex = crlf_regex.as_ref().unwrap_or(regex);
    if !regex.is_match(text) {
        return Err(format!("the regex `{}` matches nothing", regex.as_str()));
    }
    Ok(regex.replace_all(text, with).into_owned())
}

/// `yaml_set`: rewrite only the value's bytes (keeping its quoting), or add the missing keys
/// at the end of the deepest mapping that exists.
fn yaml_set(lines: &Lines, path: &[String], value: &str) -> Result<String, NotApplicable> {
    let text = lines.text;
    let root = yaml::parse(text).map_err(|e| format!("not valid YAML: {}", e.message))?;
    if root.is_null() && root.span.is_empty() {
        // An empty file: the whole path is new.
        return Ok(lines.insert_line(usize::MAX, &nested_lines(path, value, "", lines.newline)));
    }
    let mut node = &root;
    let mut key_node = None;
    for (depth, key) in path.iter().enumerate() {
        let Some(entries) = node.as_map() else {
            return Err(format!("`{}` is {}, not a mapping", shown(path, depth), node.type_name()));
        };
        match entries.iter().find(|(k, _)| k.as_str() == Some(key.as_str())) {
            Some((k, child)) => (key_node, node) = (Some(k), child),
            None => return add_keys(lines, node, &path[depth..], value),
        }
    }
    set_scalar(text, key_node, node, value).map_err(|why| format!("`{}` {why}", path.join(".")))
}

fn shown(path: &[String], depth: usize) -> String {
    if depth == 0 { "the document".into() } else { path[..depth].join(".") }
}

/// Replaces a scalar's bytes with `value`, written in the scalar's own style.
fn set_scalar(text: &str, key: Option<&Node>, node: &Node, value: &str) -> Result<String, String> {
    let Value::Scalar { text: old, plain } = &node.value else {
        return Err(format!("is {}, not a single value", node.type_name()));
    };
    if old == value {
        return Ok(text.to_string());
    }
    let source = &text[node.span.clone()];
    let lead = key.map_or("", |k| text.get(k.span.end..node.span.start).unwrap_or(""));
    if lead.contains(['|', '>']) {
        return Err("is a block scalar (`|` or `>`); yaml_set writes single-line values".into());
    }
    let written = match source.chars().next() {
        Some('"') => double_quoted(value),
        Some('\'') => format!("'{}'", value.replace('\'', "''")),
        Some('|' | '>') => {
            return Err("is a block scalar (`|` or `>`); yaml_set writes single-line values".into());
        }
        Some('*') => return Err("is an alias (`*name`); set the anchored value instead".into()),
        _ if !*plain => return Err("is written in a style yaml_set cannot keep".into()),
        _ => scalar(value),
    };
    let mut out = String::with_capacity(text.len() + written.len() + 1);
    match key {
        // `key:` with nothing after it: the value goes right after the colon.
        Some(key) if source.trim().is_empty() => {
            let colon =
                text[key.span.end..].find(':').map(|c| key.span.end + c + 1).ok_or("has no `:` after its key")?;
            out.push_str(&text[..colon]);
            out.push(' ');
            out.push_str(&written);
            out.push_str(&text[colon..]);
        }
        _ => {
            out.push_str(&text[..node.span.start]);
            out.push_str(&written);
            out.push_str(&text[node.span.end..]);
        }
    }
    Ok(out)
}

/// Adds `path = value` (missing keys nested) at the end of the block mapping `map`.
fn add_keys(lines: &Lines, map: &Node, path: &[String], value: &str) -> Result<String, NotApplicable> {
    let text = lines.text;
    if text[map.span.start..].starts_with('{') {
        return Err(format!("`{}` is a flow mapping (`{{ … }}`); yaml_set adds keys to block mappings only", path[0]));
    }
    let entries = map.as_map().unwrap_or_default();
    let Some((first_key, _)) = entries.first() else {
        return Err(format!("cannot add `{}` to an empty mapping", path[0]));
    };
    let line_of = |offset: usize| lines.spans.partition_point(|&(s, _, _)| s <= offset).saturating_sub(1);
    let first_line = line_of(first_key.span.start);
    let indent = &text[lines.spans[first_line].0..first_key.span.start];
    if !indent.chars().all(|c| c == ' ') {
        return Err(format!("cannot tell the indentation of the mapping that should hold `{}`", path[0]));
    }
    let last_value_end = entries.last().map_or(map.span.end, |(_, v)| v.span.end.max(v.span.start));
    let last_line = line_of(last_value_end.saturating_sub(1).max(map.span.start));
    Ok(lines.insert_line(last_line + 1, &nested_lines(path, value, indent, lines.newline)))
}

/// `a:\n  b: value` at `indent`, two more spaces a level.
fn nested_lines(path: &[String], value: &str, indent: &str, newline: &str) -> String {
    let mut out = String::new();
    for (depth, key) in path.iter().enumerate() {
        if depth > 0 {
            out.push_str(newline);
        }
        out.push_str(indent);
        out.push_str(&"  ".repeat(depth));
        out.push_str(&scalar(key));
        out.push(':');
        if depth + 1 == path.len() {
            out.push(' ');
            out.push_str(&scalar(value));
        }
    }
    out
}

/// A value as a plain scalar when YAML reads it back as the same text, double-quoted
/// otherwise. Plain `false` and `10003` stay plain: a vars file means them as Ansible does.
fn scalar(value: &str) -> String {
    let plain_ok = !value.is_empty()
        && value.trim() == value
        && !value.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c))
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.ends_with(':')
        && !value.contains(['\n', '\r', '\t'])
        && !matches!(value, "~" | "null" | "Null" | "NULL");
    if plain_ok { value.to_string() } else { double_quoted(value) }
}

fn double_quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ini(section: &str, key: &str, value: &str) -> Op {
        Edit::IniSet { section: section.into(), key: key.into(), value: value.into() }
    }

    fn yaml(path: &str, value: &str) -> Op {
        Edit::YamlSet { path: path.split('.').map(String::from).collect(), value: value.into() }
    }

    const SMB: &str = "# managed\n[global]\n   workgroup = WG\n   # Apple\n   fruit:locking = posix\n   fruit:resource = xattr\n\n[tm]\n   path = /tank\n";

    #[test]
    fn ini_set_changes_the_value_in_place() {
        let out = ini("global", "Fruit:Locking", "none").apply(SMB).unwrap();
        assert_eq!(out, SMB.replace("fruit:locking = posix", "fruit:locking = none"));
        assert_eq!(ini("global", "fruit:locking", "none").apply(&out).unwrap(), out);
    }

    #[test]
    fn ini_set_adds_after_the_sections_last_key_with_its_style() {
        let out = ini("global", "fruit:metadata", "stream").apply(SMB).unwrap();
        assert_eq!(
            out,
            SMB.replace("fruit:resource = xattr\n", "fruit:resource = xattr\n   fruit:metadata = stream\n")
        );
        let tabbed = "[global]\n\tkey=1\n";
        assert_eq!(ini("global", "other", "2").apply(tabbed).unwrap(), "[global]\n\tkey=1\n\tother=2\n");
    }

    #[test]
    fn ini_set_adds_a_missing_section_at_the_end() {
        let out = ini("printers", "load printers", "no").apply(SMB).unwrap();
        assert_eq!(out, format!("{SMB}\n[printers]\n   load printers = no\n"));
    }

    #[test]
    fn ini_set_keeps_crlf_and_a_missing_final_newline() {
        let text = "[global]\r\n   a = 1\r\n   b = 2";
        assert_eq!(ini("global", "b", "3").apply(text).unwrap(), "[global]\r\n   a = 1\r\n   b = 3");
        assert_eq!(ini("global", "c", "4").apply(text).unwrap(), "[global]\r\n   a = 1\r\n   b = 2\r\n   c = 4");
    }

    #[test]
    fn ini_set_replaces_a_continued_value_whole() {
        let text = "[global]\n   vfs objects = catia \\\n      fruit\n   x = 1\n";
        assert_eq!(
            ini("global", "vfs objects", "fruit").apply(text).unwrap(),
            "[global]\n   vfs objects = fruit\n   x = 1\n"
        );
    }

    #[test]
    fn line_present_inserts_after_the_anchor_once() {
        let op =
            Edit::LinePresent { line: "Signed-By: /k.gpg".into(), after: Some(Regex::new("^Components:").unwrap()) };
        let text = "Types: deb\nComponents: main\nEnabled: yes\n";
        let out = op.apply(text).unwrap();
        assert_eq!(out, "Types: deb\nComponents: main\nSigned-By: /k.gpg\nEnabled: yes\n");
        assert_eq!(op.apply(&out).unwrap(), out);
        let missing = Edit::LinePresent { line: "x".into(), after: Some(Regex::new("^Nope").unwrap()) };
        assert!(missing.apply(text).unwrap_err().contains("anchor"));
    }

    #[test]
    fn line_present_at_the_end_keeps_a_missing_final_newline_missing() {
        let op = Edit::LinePresent { line: "c".into(), after: None };
        assert_eq!(op.apply("a\nb").unwrap(), "a\nb\nc");
        assert_eq!(op.apply("a\r\nb\r\n").unwrap(), "a\r\nb\r\nc\r\n");
    }

    #[test]
    fn line_absent_removes_every_match() {
        let op = Edit::LineAbsent { matches: Regex::new(r"enterprise\.proxmox\.com").unwrap() };
        let text = "URIs: http://download.proxmox.com\nURIs: https://enterprise.proxmox.com/x\r\nkeep\n";
        assert_eq!(op.apply(text).unwrap(), "URIs: http://download.proxmox.com\nkeep\n");
    }

    #[test]
    fn replace_keeps_crlf_line_endings() {
        let op =
            Edit::Replace { regex: Regex::new(r"(?m)^PrivateKey = .*$").unwrap(), with: "PrivateKey = {{ k }}".into() };
        assert_eq!(op.apply("[Interface]\r\nPrivateKey = abc\r\n").unwrap(), "[Interface]\r\nPrivateKey = {{ k }}\r\n");
        let none = Edit::Replace { regex: Regex::new("nothing").unwrap(), with: String::new() };
        assert!(none.apply("text").is_err());
    }

    #[test]
    fn yaml_set_rewrites_only_the_value_and_keeps_its_quoting() {
        let text = "# quota\ntimemachine_quota: 2T   # Samba reads this\nother: \"x\"\nuid: '10001'\n";
        let out = yaml("timemachine_quota", "3T").apply(text).unwrap();
        assert_eq!(out, text.replace("2T ", "3T "));
        assert_eq!(yaml("timemachine_quota", "3T").apply(&out).unwrap(), out);
        assert_eq!(yaml("uid", "10003").apply(text).unwrap(), text.replace("'10001'", "'10003'"));
        assert_eq!(yaml("other", "a \"b\"").apply(text).unwrap(), text.replace("\"x\"", "\"a \\\"b\\\"\""));
    }

    #[test]
    fn yaml_set_nested_paths_and_new_keys() {
        let text = "samba:\n  share: tm\n  quota: 1T\nnext: 1\n";
        assert_eq!(yaml("samba.quota", "3T").apply(text).unwrap(), text.replace("1T", "3T"));
        assert_eq!(
            yaml("samba.users", "alice").apply(text).unwrap(),
            "samba:\n  share: tm\n  quota: 1T\n  users: alice\nnext: 1\n"
        );
        assert_eq!(yaml("new.deep", "x: y").apply(text).unwrap(), format!("{text}new:\n  deep: \"x: y\"\n"));
        assert!(yaml("samba.share.x", "1").apply(text).unwrap_err().contains("not a mapping"));
        assert!(yaml("samba", "1").apply(text).unwrap_err().contains("not a single value"));
        assert!(yaml("a", "1").apply("a: |\n  text\n").unwrap_err().contains("block scalar"));
        assert!(yaml("m.k", "1").apply("m: {a: 1}\n").unwrap_err().contains("flow mapping"));
    }

    #[test]
    fn yaml_set_fills_an_empty_value_and_an_empty_file() {
        assert_eq!(yaml("a", "1").apply("a:\nb: 2\n").unwrap(), "a: 1\nb: 2\n");
        assert_eq!(yaml("a.b", "1").apply("").unwrap(), "a:\n  b: 1\n");
    }
}
