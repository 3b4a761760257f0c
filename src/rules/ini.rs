//! INI files read the way Samba reads smb.conf: section and key names compared without case
//! and with runs of whitespace folded, `;` and `#` starting comment lines, a trailing `\`
//! continuing a line, keys before any header in `[global]`, and the last assignment winning.

/// Folds a section or key name for comparison: lower case, single spaces, trimmed.
pub(crate) fn fold(name: &str) -> String {
    name.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ")
}

/// Whether `name` folds to `folded` (a result of [`fold`]), without allocating: a lookup
/// compares every key of a file with the one it wants.
pub(crate) fn folds_to(name: &str, folded: &str) -> bool {
    if name.is_ascii() {
        // Byte by byte: ASCII lowercases to one byte (words are cut where `fold` cuts them).
        let mut want = folded.bytes();
        for (i, word) in name.split(char::is_whitespace).filter(|w| !w.is_empty()).enumerate() {
            if i > 0 && want.next() != Some(b' ') {
                return false;
            }
            if !word.bytes().all(|b| want.next() == Some(b.to_ascii_lowercase())) {
                return false;
            }
        }
        return want.next().is_none();
    }
    let mut want = folded.chars();
    for (i, word) in name.split_whitespace().enumerate() {
        if i > 0 && want.next() != Some(' ') {
            return false;
        }
        for c in word.chars().flat_map(char::to_lowercase) {
            if want.next() != Some(c) {
                return false;
            }
        }
    }
    want.next().is_none()
}

/// A trimmed line that is a comment.
pub(crate) fn is_comment(trimmed: &str) -> bool {
    trimmed.starts_with(';') || trimmed.starts_with('#')
}

/// The value of `key` in `section` and the 1-based line its assignment starts on, or `None`
/// when the section or key is not set.
pub fn lookup(text: &str, section: &str, key: &str) -> Option<(String, usize)> {
    let mut lookup = Lookup::new(section, key);
    text.lines().for_each(|line| lookup.line(line));
    lookup.finish().0
}

/// The 1-based line of `section`'s first header (`[global]`), where a missing key would go.
pub fn section_line(text: &str, section: &str) -> Option<usize> {
    let mut lookup = Lookup::new(section, "");
    text.lines().for_each(|line| lookup.line(line));
    lookup.finish().1
}

/// A key looked up one line at a time, so that a file is searched as it arrives and never has
/// to be held whole.
#[derive(Debug, Clone)]
pub(crate) struct Lookup {
    want_section: String,
    want_key: String,
    /// Whether the current section is the wanted one (keys before any header are `[global]`'s).
    in_section: bool,
    /// The winning assignment so far: its value and the line it starts on.
    found: Option<(String, usize)>,
    /// The first header of the wanted section.
    header: Option<usize>,
    /// A logical line being joined from continuation lines, and the line it started on.
    logical: String,
    starts: usize,
    lines: usize,
}

impl Lookup {
    pub(crate) fn new(section: &str, key: &str) -> Lookup {
        let want_section = fold(section);
        Lookup {
            in_section: want_section == "global",
            want_section,
            want_key: fold(key),
            found: None,
            header: None,
            logical: String::new(),
            starts: 0,
            lines: 0,
        }
    }

    /// The file's next line, without its line ending.
    pub(crate) fn line(&mut self, raw: &str) {
        self.lines += 1;
        let n = self.lines;
        if self.header.is_none() {
            let l = raw.trim();
            if l.strip_prefix('[')
                .and_then(|h| h.strip_suffix(']'))
                .is_some_and(|name| folds_to(name, &self.want_section))
            {
                self.header = Some(n);
            }
        }
        if self.logical.is_empty() {
            self.starts = n;
        }
        // Join continuation lines.
        if let Some(head) = raw.strip_suffix('\\') {
            self.logical.push_str(head);
            return;
        }
        // A line on its own (the usual case) is read where it is; a joined one from the
        // buffer, which is kept for the next.
        let mut joined = std::mem::take(&mut self.logical);
        if joined.is_empty() {
            self.logical_line(raw);
        } else {
            joined.push_str(raw);
            self.logical_line(&joined);
            joined.clear();
        }
        self.logical = joined;
    }

    /// One logical line (continuations joined).
    fn logical_line(&mut self, line: &str) {
        let line = line.trim();
        if line.is_empty() || is_comment(line) {
            return;
        }
        if let Some(header) = line.strip_prefix('[') {
            if let Some(name) = header.strip_suffix(']') {
                self.in_section = folds_to(name, &self.want_section);
            }
            return;
        }
        if !self.in_section {
            return;
        }
        if let Some((k, v)) = line.split_once('=')
            && folds_to(k, &self.want_key)
        {
            self.found = Some((v.trim().to_string(), self.starts));
        }
    }

    /// The value and the line of its assignment, if set; the line of the section's first
    /// header, if any.
    pub(crate) fn finish(self) -> (Option<(String, usize)>, Option<usize>) {
        (self.found, self.header)
    }
}

#[cfg(test)]
mod tests {
    const SMB: &str = "# samba\nworkgroup = WG\n[global]\n   Fruit:Locking = posix\n   ; fruit:locking = none\n\tfruit:locking=none\n   vfs objects = catia \\\n      fruit streams_xattr\n[Time  Machine]\n   path = /tank/tm\n   fruit:time machine max size = 3T\n";

    fn lookup(text: &str, section: &str, key: &str) -> Option<String> {
        super::lookup(text, section, key).map(|(value, _)| value)
    }

    #[test]
    fn a_missing_key_is_placed_at_its_section() {
        assert_eq!(super::section_line(SMB, "GLOBAL"), Some(3));
        assert_eq!(super::section_line(SMB, "time machine"), Some(9));
        assert_eq!(super::section_line(SMB, "nosuch"), None);
    }

    #[test]
    fn the_line_is_where_the_winning_assignment_starts() {
        assert_eq!(super::lookup(SMB, "global", "fruit:locking").map(|(_, l)| l), Some(6));
        assert_eq!(super::lookup(SMB, "global", "vfs objects").map(|(_, l)| l), Some(7));
    }

    #[test]
    fn folds_to_agrees_with_fold() {
        for name in
            ["Fruit:Locking", "  time   Machine ", "", " ", "ÄBC  déf", "vfs objects", "İx", "a\x0bb", "a\u{a0}b"]
        {
            let folded = super::fold(name);
            assert!(super::folds_to(name, &folded), "{name:?} → {folded:?}");
            for other in ["fruit:locking", "time machine", "time machin", "time machinex", "x", ""] {
                assert_eq!(super::folds_to(name, other), folded == other, "{name:?} vs {other:?}");
            }
        }
    }

    #[test]
    fn smb_conf_semantics() {
        assert_eq!(lookup(SMB, "global", "workgroup").as_deref(), Some("WG"));
        assert_eq!(lookup(SMB, "GLOBAL", "fruit:locking").as_deref(), Some("none"));
        assert_eq!(lookup(SMB, "global", "vfs  objects").as_deref(), Some("catia       fruit streams_xattr"));
        assert_eq!(lookup(SMB, "time machine", "Fruit:Time Machine Max Size").as_deref(), Some("3T"));
        assert_eq!(lookup(SMB, "global", "path"), None);
        assert_eq!(lookup(SMB, "nosuch", "path"), None);
    }
}
