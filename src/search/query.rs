//! The query language of `mb search`, and its translation into tantivy queries.
//!
//! ```text
//! refquota samba          both words (AND is the default)
//! refquota OR quota       either
//! samba -dfs              samba, not dfs  (NOT dfs works too)
//! "map to guest"          the words in this order
//! (zfs OR samba) quota    grouping
//! fruit:locking           a compound, whole — `locking` alone finds it too
//! ```
//!
//! mb parses the query itself rather than with tantivy's QueryParser, whose `field:term`
//! syntax would read `fruit:locking` as a field named `fruit`.

use tantivy::Term as TantivyTerm;
use tantivy::query::{AllQuery, BooleanQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

use super::analyze::{Term, analyze_query};

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Word(String),
    Phrase(String),
    Not(Box<Node>),
    And(Vec<Node>),
    Or(Vec<Node>),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("the query is empty")]
    Empty,
    #[error("the query only excludes (`-{0}`); say what to look for as well")]
    OnlyExclusions(String),
}

#[derive(Debug, Clone, PartialEq)]
enum Lexeme {
    Open,
    Close,
    Minus,
    Plus,
    And,
    Or,
    Not,
    Word(String),
    Phrase(String),
}

fn lex(input: &str) -> Vec<Lexeme> {
    let mut out = Vec::new();
    let mut chars = input.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '(' => out.push(Lexeme::Open),
            ')' => out.push(Lexeme::Close),
            '"' => {
                // An unclosed quote runs to the end of the query.
                let rest = &input[i + 1..];
                let end = rest.find('"').unwrap_or(rest.len());
                out.push(Lexeme::Phrase(rest[..end].to_string()));
                let stop = i + 1 + end;
                while chars.peek().is_some_and(|&(j, _)| j <= stop) {
                    chars.next();
                }
            }
            '-' | '+' if chars.peek().is_some_and(|&(_, n)| !n.is_whitespace()) => {
                out.push(if c == '-' { Lexeme::Minus } else { Lexeme::Plus });
            }
            _ => {
                let mut end = i + c.len_utf8();
                while let Some(&(j, n)) = chars.peek() {
                    if n.is_whitespace() || n == '(' || n == ')' || n == '"' {
                        break;
                    }
                    end = j + n.len_utf8();
                    chars.next();
                }
                let word = &input[i..end];
                out.push(match word {
                    "AND" | "&&" => Lexeme::And,
                    "OR" | "||" => Lexeme::Or,
                    "NOT" => Lexeme::Not,
                    _ => Lexeme::Word(word.to_string()),
                });
            }
        }
    }
    out
}

struct Parser {
    lexemes: Vec<Lexeme>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Lexeme> {
        self.lexemes.get(self.at)
    }

    fn or(&mut self) -> Option<Node> {
        let mut alternatives = Vec::new();
        if let Some(n) = self.and() {
            alternatives.push(n);
        }
        while self.peek() == Some(&Lexeme::Or) {
            self.at += 1;
            if let Some(n) = self.and() {
                alternatives.push(n);
            }
        }
        match alternatives.len() {
            0 => None,
            1 => alternatives.pop(),
            _ => Some(Node::Or(alternatives)),
        }
    }

    fn and(&mut self) -> Option<Node> {
        let mut all = Vec::new();
        loop {
            match self.peek() {
                None | Some(Lexeme::Or) | Some(Lexeme::Close) => break,
                Some(Lexeme::And) => self.at += 1,
                _ => {
                    if let Some(n) = self.unary() {
                        all.push(n);
                    }
                }
            }
        }
        match all.len() {
            0 => None,
            1 => all.pop(),
            _ => Some(Node::And(all)),
        }
    }

    fn unary(&mut self) -> Option<Node> {
        match self.lexemes.get(self.at).cloned() {
            Some(Lexeme::Minus | Lexeme::Not) => {
                self.at += 1;
                self.unary().map(|n| Node::Not(Box::new(n)))
            }
            Some(Lexeme::Plus) => {
                self.at += 1;
                self.unary()
            }
            Some(Lexeme::Open) => {
                self.at += 1;
                let inner = self.or();
                // A missing `)` closes at the end; an extra one is ignored.
                if self.peek() == Some(&Lexeme::Close) {
                    self.at += 1;
                }
                inner
            }
            Some(Lexeme::Word(w)) => {
                self.at += 1;
                Some(Node::Word(w))
            }
            Some(Lexeme::Phrase(p)) => {
                self.at += 1;
                Some(Node::Phrase(p))
            }
            Some(Lexeme::Close) => {
                self.at += 1;
                None
            }
            Some(Lexeme::And | Lexeme::Or) | None => {
                self.at += 1;
                None
            }
        }
    }
}

/// Parses a query. Lenient like a search box: unbalanced quotes and parentheses close at the
/// end; stray operators are ignored.
pub fn parse(input: &str) -> Result<Node, QueryError> {
    let mut parser = Parser { lexemes: lex(input), at: 0 };
    let mut parts = Vec::new();
    while parser.peek().is_some() {
        match parser.or() {
            Some(n) => parts.push(n),
            None => parser.at += 1,
        }
    }
    let node = match parts.len() {
        0 => return Err(QueryError::Empty),
        1 => parts.remove(0),
        _ => Node::And(parts),
    };
    if let Node::Not(inner) = &node {
        return Err(QueryError::OnlyExclusions(describe(inner)));
    }
    Ok(node)
}

fn describe(node: &Node) -> String {
    match node {
        Node::Word(w) => w.clone(),
        Node::Phrase(p) => format!("\"{p}\""),
        Node::Not(n) => format!("-{}", describe(n)),
        Node::And(list) | Node::Or(list) => list.iter().map(describe).collect::<Vec<_>>().join(" "),
    }
}

/// What a built query looks for, so hits can be highlighted and fuzzy matches reported.
#[derive(Debug, Default, Clone)]
pub struct Wanted {
    /// Terms (as analysed) that count as a match.
    pub terms: Vec<String>,
    /// Query words that matched nothing exactly, searched for fuzzily: (term, distance).
    pub fuzzy: Vec<(String, u8)>,
}

/// The edit distance a fuzzy fallback allows for a term of this many characters.
pub fn fuzzy_distance(term: &str) -> Option<u8> {
    match term.chars().count() {
        0..=2 => None,
        3..=5 => Some(1),
        _ => Some(2),
    }
}

/// Translates a parsed query for `field`. `known` says whether a term occurs in the index:
/// a word that never occurs is searched for fuzzily instead.
pub fn build(node: &Node, field: Field, known: &dyn Fn(&str) -> bool, wanted: &mut Wanted) -> Option<Box<dyn Query>> {
    let term = |t: &str| TantivyTerm::from_field_text(field, t);
    let term_query = |t: &str| -> Box<dyn Query> { Box::new(TermQuery::new(term(t), IndexRecordOption::WithFreqs)) };
    let phrase = |terms: &[Term]| -> Box<dyn Query> {
        let base = terms[0].position;
        Box::new(PhraseQuery::new_with_offset(terms.iter().map(|t| (t.position - base, term(&t.text))).collect()))
    };
    match node {
        Node::Word(w) => {
            let mut terms = Vec::new();
            analyze_query(w, &mut terms);
            match terms.as_slice() {
                [] => None,
                [only] => match fuzzy_distance(&only.text).filter(|_| !known(&only.text)) {
                    Some(d) => {
                        wanted.fuzzy.push((only.text.clone(), d));
                        Some(Box::new(FuzzyTermQuery::new(term(&only.text), d, true)))
                    }
                    None => {
                        wanted.terms.push(only.text.clone());
                        Some(term_query(&only.text))
                    }
                },
                [whole, parts @ ..] if parts.first().is_some_and(|p| p.position == whole.position) => {
                    // A compound: itself when the index has it (a term lookup is cheap); else
                    // its parts in order (`fruit locking` written apart); else fuzzily.
                    wanted.terms.push(whole.text.clone());
                    wanted.terms.extend(parts.iter().map(|p| p.text.clone()));
                    if known(&whole.text) {
                        return Some(term_query(&whole.text));
                    }
                    if parts.iter().all(|p| known(&p.text)) {
                        return Some(if parts.len() == 1 { term_query(&parts[0].text) } else { phrase(parts) });
                    }
                    match fuzzy_distance(&whole.text) {
                        Some(d) => {
                            wanted.fuzzy.push((whole.text.clone(), d));
                            Some(Box::new(FuzzyTermQuery::new(term(&whole.text), d, true)))
                        }
                        None => Some(term_query(&whole.text)),
                    }
                }
                many => {
                    wanted.terms.extend(many.iter().map(|t| t.text.clone()));
                    Some(phrase(many))
                }
            }
        }
        Node::Phrase(p) => {
            let mut terms = Vec::new();
            analyze_query(p, &mut terms);
            wanted.terms.extend(terms.iter().map(|t| t.text.clone()));
            match terms.as_slice() {
                [] => None,
                [only] => Some(term_query(&only.text)),
                many if many.iter().all(|t| t.position == many[0].position) => Some(term_query(&many[0].text)),
                many => Some(phrase(many)),
            }
        }
        Node::Not(inner) => {
            // Terms under a NOT are not wanted in highlights.
            let mut ignored = Wanted::default();
            let inner = build(inner, field, known, &mut ignored)?;
            Some(Box::new(BooleanQuery::new(vec![(Occur::Must, Box::new(AllQuery)), (Occur::MustNot, inner)])))
        }
        Node::And(list) => {
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for n in list {
                match n {
                    Node::Not(inner) => {
                        let mut ignored = Wanted::default();
                        if let Some(q) = build(inner, field, known, &mut ignored) {
                            clauses.push((Occur::MustNot, q));
                        }
                    }
                    _ => {
                        if let Some(q) = build(n, field, known, wanted) {
                            clauses.push((Occur::Must, q));
                        }
                    }
                }
            }
            if !clauses.iter().any(|(o, _)| *o == Occur::Must) {
                if clauses.is_empty() {
                    return None;
                }
                clauses.push((Occur::Must, Box::new(AllQuery)));
            }
            Some(Box::new(BooleanQuery::new(clauses)))
        }
        Node::Or(list) => {
            let clauses: Vec<(Occur, Box<dyn Query>)> =
                list.iter().filter_map(|n| build(n, field, known, wanted)).map(|q| (Occur::Should, q)).collect();
            (!clauses.is_empty()).then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Node {
        Node::Word(s.into())
    }

    #[test]
    fn parses_the_usual_search_box_syntax() {
        assert_eq!(parse("refquota").unwrap(), w("refquota"));
        assert_eq!(parse("a b").unwrap(), Node::And(vec![w("a"), w("b")]));
        assert_eq!(parse("a OR b").unwrap(), Node::Or(vec![w("a"), w("b")]));
        assert_eq!(parse("a b OR c").unwrap(), Node::Or(vec![Node::And(vec![w("a"), w("b")]), w("c")]));
        assert_eq!(parse("samba -dfs").unwrap(), Node::And(vec![w("samba"), Node::Not(Box::new(w("dfs")))]));
        assert_eq!(parse("samba NOT dfs").unwrap(), Node::And(vec![w("samba"), Node::Not(Box::new(w("dfs")))]));
        assert_eq!(parse("\"map to guest\"").unwrap(), Node::Phrase("map to guest".into()));
        assert_eq!(
            parse("(zfs OR samba) quota").unwrap(),
            Node::And(vec![Node::Or(vec![w("zfs"), w("samba")]), w("quota")])
        );
        assert_eq!(parse("fruit:locking").unwrap(), w("fruit:locking"));
        assert_eq!(parse("pve-firewall").unwrap(), w("pve-firewall"));
    }

    #[test]
    fn is_lenient_with_broken_input() {
        assert_eq!(parse("\"map to").unwrap(), Node::Phrase("map to".into()));
        assert_eq!(parse("(a OR b").unwrap(), Node::Or(vec![w("a"), w("b")]));
        assert_eq!(parse("a )").unwrap(), w("a"));
        assert_eq!(parse("OR a").unwrap(), w("a"));
        assert_eq!(parse("   "), Err(QueryError::Empty));
        assert!(matches!(parse("-dfs"), Err(QueryError::OnlyExclusions(_))));
    }
}
