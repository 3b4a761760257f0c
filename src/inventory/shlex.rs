//! Words as Python's `shlex.split` (POSIX mode) makes them: Ansible splits INI host lines
//! with it (`comments=True`) and the ssh arguments it passes (`ansible_ssh_common_args`, …),
//! so mb splits both with this one function.

/// Splits `text` into words: whitespace separates them; `'…'` keeps everything literally;
/// `"…"` keeps everything but `\"` and `\\`, which lose their backslash; outside quotes a
/// backslash keeps the next character whatever it is. With `comments`, a `#` outside quotes
/// ends the line, even inside a word (`a=x#y` is `a=x`), as shlex does. An unclosed quote or a
/// final lone backslash is an error, as shlex raises one.
pub(crate) fn split(text: &str, comments: bool) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    // Whether a word is under way: `''` is a word, empty.
    let mut in_word = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err("a ' quote is not closed".into()),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\')) => word.push(c),
                            Some(c) => {
                                word.push('\\');
                                word.push(c);
                            }
                            None => return Err("a \" quote is not closed".into()),
                        },
                        Some(c) => word.push(c),
                        None => return Err("a \" quote is not closed".into()),
                    }
                }
            }
            '\\' => {
                in_word = true;
                word.push(chars.next().ok_or("a backslash at the end escapes nothing")?);
            }
            '#' if comments => break,
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::split;

    /// Each expectation is what Python's `shlex.split(text, comments=…)` returns.
    #[test]
    fn as_python_shlex_splits() {
        let ok = |text: &str, comments: bool| split(text, comments).unwrap();
        assert_eq!(ok("host1 var=a#b c=d", true), ["host1", "var=a"]);
        assert_eq!(ok("host1 var=a#b c=d", false), ["host1", "var=a#b", "c=d"]);
        assert_eq!(ok("h x=\"a b\" y='c d' #comment", true), ["h", "x=a b", "y=c d"]);
        assert_eq!(ok(r#"h a=b\ c d="e\"f" g="h\i" k='\n'"#, true), ["h", "a=b c", "d=e\"f", "g=h\\i", "k=\\n"]);
        assert_eq!(ok("h a=\"#x\" '' \t", true), ["h", "a=#x", ""]);
        assert_eq!(ok("-o 'ProxyCommand=ssh -W %h:%p gw'", false), ["-o", "ProxyCommand=ssh -W %h:%p gw"]);
        assert!(split("h a='open", true).is_err());
        assert!(split("h a=\"open", true).is_err());
        assert!(split("h a=b\\", true).is_err());
    }
}
