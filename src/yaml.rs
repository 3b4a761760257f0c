//! YAML read into a small tree that keeps the byte span of every key and value, so that
//! errors can point at the exact text (serde-based loaders lose that for unknown fields).

use std::collections::HashMap;
use std::ops::Range;

use granit_parser::{Event, Parser, ScalarStyle};

/// A YAML node and the bytes it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Every scalar stays text; `plain` is false for quoted and block scalars, which are never
    /// null, booleans or numbers.
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct YamlError {
    pub message: String,
    /// Byte offset of the problem in the parsed text.
    pub offset: usize,
}

/// Nodes built from one document, counting alias expansions, before we call it a bomb.
const MAX_NODES: usize = 100_000;

impl Node {
    /// The scalar's text, if this is a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, plain: true } if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// A plain `true`/`false` (YAML 1.2 core schema spellings).
    pub fn as_bool(&self) -> Option<bool> {
        match &self.value {
            Value::Scalar { text, plain: true } => match text.as_str() {
                "true" | "True" | "TRUE" => Some(true),
                "false" | "False" | "FALSE" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// The value under `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?.iter().find(|(k, _)| k.as_str() == Some(key)).map(|(_, v)| v)
    }

    /// What kind of node this is, for "expected a list, found a mapping" messages.
    pub fn type_name(&self) -> &'static str {
        match &self.value {
            Value::Scalar { .. } if self.is_null() => "nothing",
            Value::Scalar { .. } => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

enum Open {
    Seq(usize, Vec<Node>, usize),
    Map(usize, Vec<(Node, Node)>, Option<Node>, usize),
}

/// Parses the first YAML document of `text`. An empty text is a null scalar. A second
/// document is an error: one block holds one thing.
pub fn parse(text: &str) -> Result<Node, YamlError> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Open> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut root: Option<Node> = None;
    let mut nodes = 0usize;
    let mut documents = 0;
    while let Some(next) = parser.next_event() {
        let (event, span) =
            next.map_err(|e| YamlError { message: e.info(), offset: e.marker().byte_offset().unwrap_or(0) })?;
        let range = span.byte_range().unwrap_or(0..0);
        let finished: Option<(Node, usize)> = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => None,
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return Err(YamlError {
                        message: "a second YAML document (`---`) in one block; put each check in its own block".into(),
                        offset: range.start,
                    });
                }
                None
            }
            Event::Scalar(text, style, anchor, _) => {
                let node = Node {
                    value: Value::Scalar { text: text.into_owned(), plain: style == ScalarStyle::Plain },
                    span: range,
                };
                Some((node, anchor))
            }
            Event::SequenceStart(_, anchor, _) => {
                stack.push(Open::Seq(range.start, Vec::new(), anchor));
                None
            }
            Event::MappingStart(_, anchor, _) => {
                stack.push(Open::Map(range.start, Vec::new(), None, anchor));
                None
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Open::Seq(start, items, anchor)) => {
                    let end = items.last().map_or(range.end, |n| n.span.end.max(range.end));
                    Some((Node { value: Value::Seq(items), span: start..end.max(start) }, anchor))
                }
                _ => None,
            },
            Event::MappingEnd => match stack.pop() {
                Some(Open::Map(start, entries, _, anchor)) => {
                    let end = entries.last().map_or(range.end, |(_, v)| v.span.end.max(range.end));
                    Some((Node { value: Value::Map(entries), span: start..end.max(start) }, anchor))
                }
                _ => None,
            },
            Event::Alias(id) => {
                let node = anchors.get(&id).cloned().ok_or_else(|| YamlError {
                    message: "an alias to an anchor that is not defined".into(),
                    offset: range.start,
                })?;
                nodes += count(&node);
                let node = Node { span: range, ..node };
                Some((node, 0))
            }
            _ => None,
        };
        let Some((node, anchor)) = finished else {
            continue;
        };
        nodes += 1;
        if nodes > MAX_NODES {
            return Err(YamlError {
                message: format!("more than {MAX_NODES} YAML nodes (are aliases expanding without end?)"),
                offset: node.span.start,
            });
        }
        if anchor != 0 {
            anchors.insert(anchor, node.clone());
        }
        match stack.last_mut() {
            Some(Open::Seq(_, items, _)) => items.push(node),
            Some(Open::Map(_, entries, key, _)) => match key.take() {
                Some(k) => entries.push((k, node)),
                None => *key = Some(node),
            },
            None => root = Some(node),
        }
    }
    Ok(root.unwrap_or(Node { value: Value::Scalar { text: String::new(), plain: true }, span: 0..0 }))
}

fn count(node: &Node) -> usize {
    match &node.value {
        Value::Scalar { .. } => 1,
        Value::Seq(items) => 1 + items.iter().map(count).sum::<usize>(),
        Value::Map(entries) => 1 + entries.iter().map(|(k, v)| count(k) + count(v)).sum::<usize>(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_point_at_keys_and_values() {
        let text =
            "id: samba\nprobe:\n  file: /etc/samba/smb.conf\n  ini: { section: global, key: \"fruit:locking\" }\n";
        let root = parse(text).unwrap();
        let probe = root.get("probe").unwrap();
        let file = probe.get("file").unwrap();
        assert_eq!(&text[file.span.clone()], "/etc/samba/smb.conf");
        let (key, _) = &root.as_map().unwrap()[1];
        assert_eq!(&text[key.span.clone()], "probe");
        let ini_key = probe.get("ini").unwrap().get("key").unwrap();
        assert_eq!(ini_key.as_str(), Some("fruit:locking"));
        assert_eq!(&text[ini_key.span.clone()], "\"fruit:locking\"");
    }

    #[test]
    fn errors_carry_an_offset() {
        let text = "id: x\nprobe: [unclosed\n";
        let err = parse(text).unwrap_err();
        assert!(err.offset > 5, "{err:?}");
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n",
                p = i - 1
            ));
        }
        assert!(parse(&text).unwrap_err().message.contains("aliases"));
    }

    #[test]
    fn second_document_is_an_error() {
        assert!(parse("a: 1\n---\nb: 2\n").is_err());
    }
}
