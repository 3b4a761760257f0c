//! Filling a `command:` template without letting any shell parse the values.
//!
//! An inventory value must never become shell text: `grep -c '{{ pattern }}' f` with the value
//! `x'$(touch PWNED)'` would run the payload if the value were spliced in, whatever quoting
//! mb added, because the author's own quotes change what the added quotes mean. So a value is
//! passed as a positional parameter of the command (of its `sh -c`, or of the subshell that
//! runs it in the probe script) and the template refers to it:
//! `{{ pattern }}` becomes `"${1}"` outside quotes, `${1}` inside double quotes and
//! `'"${1}"'` inside single quotes (closing the author's quote, expanding, reopening it).
//! An expansion is never parsed as code, so the value stays data.
//!
//! A few constructs re-parse what they contain, and a placeholder inside them cannot be made
//! safe: backticks (`$(…)` does the same without the re-parse), here-documents, `eval`, and
//! a nested `sh -c`/`bash -c`. They are refused with a diagnostic.

use super::check::{Part, Template};

/// Where a placeholder stands in the command's shell text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    /// Outside quotes, or directly inside `$(…)`.
    None,
    Single,
    Double,
    Backtick,
    /// `$(` … `)`, with the number of open `(` inside it.
    Subst(u32),
}

/// A placeholder that cannot be passed safely, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsafe {
    pub var: String,
    pub why: &'static str,
}

/// The command's text with every placeholder replaced by a reference to a positional
/// parameter, and the variable names in parameter order (`${1}` is the first).
pub(crate) fn parameterize(t: &Template) -> Result<(String, Vec<String>), Unsafe> {
    let mut stack = vec![Quote::None];
    let mut out = String::with_capacity(t.raw.len() + 8);
    let mut names = Vec::new();
    // Set once the text so far holds a construct that re-parses later text.
    let mut reparsed: Option<&'static str> = None;
    for part in &t.parts {
        match part {
            Part::Text(text) => {
                lex(text, &mut stack, &mut reparsed);
                out.push_str(text);
            }
            Part::Var(name) => {
                let refuse = |why| Err(Unsafe { var: name.clone(), why });
                if let Some(why) = reparsed {
                    return refuse(why);
                }
                names.push(name.clone());
                let n = names.len();
                match stack.last().copied().unwrap_or(Quote::None) {
                    Quote::None | Quote::Subst(_) => out.push_str(&format!("\"${{{n}}}\"")),
                    Quote::Double => out.push_str(&format!("${{{n}}}")),
                    Quote::Single => out.push_str(&format!("'\"${{{n}}}\"'")),
                    Quote::Backtick => {
                        return refuse("inside backticks, which parse their text again; use `$(…)` instead");
                    }
                }
            }
        }
    }
    Ok((out, names))
}

/// Follows the quoting of `text`, updating `stack`; notes constructs that re-parse text.
fn lex(text: &str, stack: &mut Vec<Quote>, reparsed: &mut Option<&'static str>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut word_start = true;
    while i < bytes.len() {
        let c = bytes[i];
        let top = stack.last().copied().unwrap_or(Quote::None);
        let next = bytes.get(i + 1).copied();
        let mut at_word_start = false;
        match top {
            Quote::Single => {
                if c == b'\'' {
                    stack.pop();
                }
            }
            Quote::Double | Quote::Backtick => match c {
                b'\\' => i += 1,
                b'"' if top == Quote::Double => {
                    stack.pop();
                }
                b'`' if top == Quote::Backtick => {
                    stack.pop();
                }
                b'`' => stack.push(Quote::Backtick),
                b'$' if next == Some(b'(') => {
                    stack.push(Quote::Subst(0));
                    i += 1;
                }
                _ => {}
            },
            Quote::None | Quote::Subst(_) => match c {
                b'\\' => i += 1,
                b'\'' => stack.push(Quote::Single),
                b'"' => stack.push(Quote::Double),
                b'`' => stack.push(Quote::Backtick),
                b'$' if next == Some(b'(') => {
                    stack.push(Quote::Subst(0));
                    i += 1;
                }
                b'$' if next == Some(b'\'') => {
                    *reparsed = Some("after `$'…'`, whose escapes differ between shells");
                }
                b'(' => {
                    if let Some(Quote::Subst(depth)) = stack.last_mut() {
                        *depth += 1;
                    }
                }
                b')' => match stack.last_mut() {
                    Some(Quote::Subst(0)) => {
                        stack.pop();
                    }
                    Some(Quote::Subst(depth)) => *depth -= 1,
                    _ => {}
                },
                b'<' if next == Some(b'<') => {
                    *reparsed = Some("after a here-document (`<<`), whose body is not quoted like a word");
                }
                b' ' | b'\t' | b'\n' | b';' | b'&' | b'|' => at_word_start = true,
                _ if word_start => {
                    let word: &[u8] = &bytes[i..];
                    let end = word.iter().position(|b| !b.is_ascii_alphanumeric()).unwrap_or(word.len());
                    if &word[..end] == b"eval" {
                        *reparsed = Some("after `eval`, which parses its arguments as code");
                    }
                    if matches!(&word[..end], b"sh" | b"bash" | b"dash" | b"ash" | b"zsh" | b"ksh")
                        && word[end..].starts_with(b" -c")
                    {
                        *reparsed = Some("after a nested `sh -c`, which parses its argument as code");
                    }
                }
                _ => {}
            },
        }
        word_start = at_word_start;
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(raw: &str) -> Result<String, &'static str> {
        parameterize(&Template::parse(raw).unwrap()).map(|(text, _)| text).map_err(|u| u.why)
    }

    #[test]
    fn every_quoting_context_gets_a_parameter() {
        assert_eq!(p("grep -c {{ a }} f").unwrap(), r#"grep -c "${1}" f"#);
        assert_eq!(p("grep -c '{{ a }}' f").unwrap(), r#"grep -c ''"${1}"'' f"#);
        assert_eq!(p(r#"grep -c "x{{ a }}" f"#).unwrap(), r#"grep -c "x${1}" f"#);
        assert_eq!(p(r#"echo "$(echo '{{a}}')" {{b}}"#).unwrap(), r#"echo "$(echo ''"${1}"'')" "${2}""#);
        assert_eq!(p(r"echo \'{{a}}").unwrap(), r#"echo \'"${1}""#);
        assert!(p("echo `echo {{a}}`").is_err());
        assert!(p("eval echo {{a}}").is_err());
        assert!(p("sh -c 'echo {{a}}'").is_err());
        assert!(p("cat <<EOF\n{{a}}\nEOF").is_err());
        assert!(p("true; evaluate {{a}}").is_ok());
    }
}
