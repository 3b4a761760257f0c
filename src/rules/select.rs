//! Selections: the part of a file a check reads (an INI key, the lines a regex matches, a JSON
//! pointer's value), found one line at a time as the file arrives.
//!
//! Both readings of a file go through here: the evaluation of a whole text (the repository's
//! files, and runs saved before selections were), and the narrowing of a host's answer while it
//! is decoded, after which a run keeps only what its checks selected ([`Picked`]), never the
//! rest of the file. One implementation, so both judge a file the same way.

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::check::Selector;
use super::ini;

/// A selector as a run file names it: what was selected, without the compiled regex.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum Pick {
    Ini { section: String, key: String },
    Lines { regex: String },
    Json { pointer: String },
}

impl Pick {
    /// The selection in words, for messages: `key fruit:locking of [global]`.
    pub fn describe(&self) -> String {
        match self {
            Pick::Ini { section, key } => format!("key `{key}` of [{section}]"),
            Pick::Lines { regex } => format!("the lines matching /{regex}/"),
            Pick::Json { pointer } => format!("the JSON value at {pointer}"),
        }
    }
}

impl Selector {
    /// The selector as a run file names it.
    pub fn pick(&self) -> Pick {
        match self {
            Selector::Ini { section, key } => Pick::Ini { section: section.clone(), key: key.clone() },
            Selector::Lines(re) => Pick::Lines { regex: re.as_str().to_string() },
            Selector::Json(pointer) => Pick::Json { pointer: pointer.clone() },
        }
    }
}

/// What a selection found in a file: all a run keeps of a file no check reads whole.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Picked {
    pub pick: Pick,
    /// `None`: nothing was selected (a missing key, no matching line).
    #[serde(default)]
    pub value: Option<String>,
    /// The 1-based line where it was found; for a missing INI key, its section's header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Why the file could not be read this way (it is not JSON).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// One selection under way, fed a file's lines as they arrive.
#[derive(Debug, Clone)]
pub struct Picker {
    pick: Pick,
    state: State,
}

#[derive(Debug, Clone)]
enum State {
    Ini(ini::Lookup),
    Lines {
        regex: Regex,
        lines: usize,
        first: Option<usize>,
        found: Option<String>,
    },
    /// A JSON pointer needs the whole text, given to [`Picker::finish`].
    Json(String),
}

impl Picker {
    pub fn new(selector: &Selector) -> Picker {
        let state = match selector {
            Selector::Ini { section, key } => State::Ini(ini::Lookup::new(section, key)),
            Selector::Lines(regex) => State::Lines { regex: regex.clone(), lines: 0, first: None, found: None },
            Selector::Json(pointer) => State::Json(pointer.clone()),
        };
        Picker { pick: selector.pick(), state }
    }

    /// What it selects.
    pub fn pick(&self) -> &Pick {
        &self.pick
    }

    /// Whether the selection needs the whole text rather than its lines.
    pub fn needs_whole(&self) -> bool {
        matches!(self.state, State::Json(_))
    }

    /// The file's next line, without its line ending (as [`str::lines`] gives them).
    pub fn line(&mut self, line: &str) {
        match &mut self.state {
            State::Ini(lookup) => lookup.line(line),
            State::Lines { regex, lines, first, found } => {
                *lines += 1;
                if regex.is_match(line) {
                    first.get_or_insert(*lines);
                    match found {
                        Some(text) => {
                            text.push('\n');
                            text.push_str(line);
                        }
                        None => *found = Some(line.to_string()),
                    }
                }
            }
            State::Json(_) => {}
        }
    }

    /// The selection's result; `whole` is the file's text, which a JSON pointer needs.
    pub fn finish(self, whole: Option<&str>) -> Picked {
        let (value, line, error) = match self.state {
            State::Ini(lookup) => match lookup.finish() {
                (Some((value, line)), _) => (Some(value), Some(line), None),
                // Where the key would be: its section's header.
                (None, header) => (None, header, None),
            },
            State::Lines { first, found, .. } => (found, first, None),
            State::Json(pointer) => match serde_json::from_str::<serde_json::Value>(whole.unwrap_or_default()) {
                Ok(doc) => {
                    let value = doc.pointer(&pointer).map(|v| match v {
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    });
                    (value, None, None)
                }
                Err(e) => (None, None, Some(e.to_string())),
            },
        };
        Picked { pick: self.pick, value, line, error }
    }
}

/// The selection of a whole text.
pub fn select(selector: &Selector, text: &str) -> Picked {
    let mut picker = Picker::new(selector);
    if !picker.needs_whole() {
        text.lines().for_each(|line| picker.line(line));
    }
    picker.finish(Some(text))
}

/// Bytes cut into lines as they arrive, the way [`str::lines`] cuts the lossy UTF-8 text of
/// all of them: at `\n`, a `\r` before it dropped, a last line without `\n` kept whole.
#[derive(Debug, Default)]
pub struct Lines {
    partial: Vec<u8>,
}

impl Lines {
    /// Takes the next bytes; `each` gets every line they complete.
    pub fn push(&mut self, mut bytes: &[u8], mut each: impl FnMut(&str)) {
        while let Some(at) = bytes.iter().position(|&b| b == b'\n') {
            self.partial.extend_from_slice(&bytes[..at]);
            if self.partial.last() == Some(&b'\r') {
                self.partial.pop();
            }
            each(&String::from_utf8_lossy(&self.partial));
            self.partial.clear();
            bytes = &bytes[at + 1..];
        }
        self.partial.extend_from_slice(bytes);
    }

    /// The end of the bytes: `each` gets the last line, if it had no `\n`.
    pub fn finish(self, mut each: impl FnMut(&str)) {
        if !self.partial.is_empty() {
            each(&String::from_utf8_lossy(&self.partial));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(chunks: &[&[u8]]) -> Vec<String> {
        let mut out = Vec::new();
        let mut lines = Lines::default();
        for chunk in chunks {
            lines.push(chunk, |l| out.push(l.to_string()));
        }
        lines.finish(|l| out.push(l.to_string()));
        out
    }

    #[test]
    fn lines_are_cut_as_str_lines_cuts_them() {
        let texts: [&[u8]; 9] =
            [b"", b"\n", b"a", b"a\n", b"a\r\nb\r", b"\r\n\r\n", b"x\n\ny\n", b"\xffa\n\xe2\x82", b"a\rb\n"];
        for text in texts {
            let lossy = String::from_utf8_lossy(text);
            let want: Vec<String> = lossy.lines().map(str::to_string).collect();
            assert_eq!(lines_of(&[text]), want, "{text:?}");
            // Whatever the chunks the bytes arrive in.
            let bytes: Vec<&[u8]> = text.chunks(1).collect();
            assert_eq!(lines_of(&bytes), want, "{text:?} byte by byte");
        }
    }

    #[test]
    fn selections_record_what_they_found_and_where() {
        let text = "[global]\n  a = 1\n  password = hunter2\nb = 2\nb = 3\n";
        let ini = |section: &str, key: &str| Selector::Ini { section: section.into(), key: key.into() };
        let found = select(&ini("global", "A"), text);
        assert_eq!((found.value.as_deref(), found.line), (Some("1"), Some(2)));
        let missing = select(&ini("global", "nosuch"), text);
        assert_eq!((missing.value, missing.line), (None, Some(1)));
        let lines = select(&Selector::Lines(Regex::new("^b").unwrap()), text);
        assert_eq!((lines.value.as_deref(), lines.line), (Some("b = 2\nb = 3"), Some(4)));
        let not_json = select(&Selector::Json("/a".into()), text);
        assert!(not_json.error.is_some());
        let json = select(&Selector::Json("/a/1".into()), r#"{"a": [1, {"b": true}]}"#);
        assert_eq!(json.value.as_deref(), Some(r#"{"b":true}"#));
    }
}
