//! Python's `re.match` for the layer-name patterns of `layer_range`: a
//! small backtracking matcher for the common regular-expression syntax
//! (literals, `.`, classes `[a-z_]`/`[^0-9]`, `\d \w \s \D \W \S`, escapes,
//! `* + ?` and `{m,n}` (greedy), groups with `|`, anchors `^ $`), anchored
//! at the start of the name as `re.match` is.

use std::cell::Cell;

use crate::error::{Error, Result};

#[derive(Debug, Clone)]
enum Atom {
    Char(char),
    Any,
    Class {
        items: Vec<ClassItem>,
        negated: bool,
    },
    Group(Vec<Vec<Piece>>),
    Start,
    End,
}

#[derive(Debug, Clone)]
enum ClassItem {
    Range(char, char),
    Digit(bool),
    Word(bool),
    Space(bool),
}

#[derive(Debug, Clone)]
struct Piece {
    atom: Atom,
    min: usize,
    max: usize,
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    alternatives: Vec<Vec<Piece>>,
}

struct Parser<'a> {
    chars: Vec<char>,
    pos: usize,
    source: &'a str,
}

impl Parser<'_> {
    fn error(&self, what: &str) -> Error {
        Error::Options(format!("layer_range pattern {:?}: {what}", self.source))
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    /// The character `offset` places after the next one.
    fn peek_after(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos.saturating_add(offset)).copied()
    }

    /// Steps over `n` characters (the parser only steps over characters
    /// it has peeked, so `pos` stays within `0..=chars.len()`).
    fn advance(&mut self, n: usize) {
        self.pos = self.pos.saturating_add(n);
    }

    fn alternatives(&mut self, depth: usize) -> Result<Vec<Vec<Piece>>> {
        if depth > 32 {
            return Err(self.error("groups nested too deeply"));
        }
        let mut alts = vec![self.sequence(depth)?];
        while self.peek() == Some('|') {
            self.advance(1);
            alts.push(self.sequence(depth)?);
        }
        Ok(alts)
    }

    fn sequence(&mut self, depth: usize) -> Result<Vec<Piece>> {
        let mut seq = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom(depth)?;
            let (min, max) = self.quantifier()?;
            seq.push(Piece { atom, min, max });
        }
        Ok(seq)
    }

    fn escape_item(&mut self) -> Result<ClassItem> {
        let c = self
            .peek()
            .ok_or_else(|| self.error("trailing backslash"))?;
        self.advance(1);
        Ok(match c {
            'd' => ClassItem::Digit(true),
            'D' => ClassItem::Digit(false),
            'w' => ClassItem::Word(true),
            'W' => ClassItem::Word(false),
            's' => ClassItem::Space(true),
            'S' => ClassItem::Space(false),
            'n' => ClassItem::Range('\n', '\n'),
            't' => ClassItem::Range('\t', '\t'),
            c if c.is_ascii_alphanumeric() => {
                return Err(self.error(&format!("unsupported escape \\{c}")));
            }
            c => ClassItem::Range(c, c),
        })
    }

    fn atom(&mut self, depth: usize) -> Result<Atom> {
        let c = self.peek().ok_or_else(|| self.error("unexpected end"))?;
        self.advance(1);
        Ok(match c {
            '.' => Atom::Any,
            '^' => Atom::Start,
            '$' => Atom::End,
            '(' => {
                if self.peek() == Some('?') {
                    // (?:...) only
                    if self.peek_after(1) == Some(':') {
                        self.advance(2);
                    } else {
                        return Err(self.error("only (?:...) groups are supported"));
                    }
                }
                // `depth <= 32` (checked in `alternatives`).
                let alts = self.alternatives(depth.saturating_add(1))?;
                if self.peek() != Some(')') {
                    return Err(self.error("missing )"));
                }
                self.advance(1);
                Atom::Group(alts)
            }
            '[' => {
                let negated = self.peek() == Some('^');
                if negated {
                    self.advance(1);
                }
                let mut items = Vec::new();
                let mut first = true;
                loop {
                    let c = self.peek().ok_or_else(|| self.error("missing ]"))?;
                    if c == ']' && !first {
                        self.advance(1);
                        break;
                    }
                    first = false;
                    self.advance(1);
                    let item = if c == '\\' {
                        self.escape_item()?
                    } else {
                        ClassItem::Range(c, c)
                    };
                    if let ClassItem::Range(lo, _) = item
                        && self.peek() == Some('-')
                        && let Some(hi) = self.peek_after(1).filter(|&n| n != ']')
                    {
                        self.advance(2);
                        if hi < lo {
                            return Err(self.error("bad character range"));
                        }
                        items.push(ClassItem::Range(lo, hi));
                        continue;
                    }
                    items.push(item);
                }
                Atom::Class { items, negated }
            }
            '\\' => match self.escape_item()? {
                ClassItem::Range(a, _) => Atom::Char(a),
                item => Atom::Class {
                    items: vec![item],
                    negated: false,
                },
            },
            '*' | '+' | '?' | '{' => return Err(self.error("nothing to repeat")),
            c => Atom::Char(c),
        })
    }

    fn number(&mut self) -> Option<usize> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.advance(1);
        }
        self.chars
            .get(start..self.pos)
            .unwrap_or_default()
            .iter()
            .collect::<String>()
            .parse()
            .ok()
    }

    fn quantifier(&mut self) -> Result<(usize, usize)> {
        let q = match self.peek() {
            Some('*') => (0, usize::MAX),
            Some('+') => (1, usize::MAX),
            Some('?') => (0, 1),
            Some('{') => {
                let save = self.pos;
                self.advance(1);
                let min = self.number();
                let bounds = if self.peek() == Some(',') {
                    self.advance(1);
                    Some((min.unwrap_or(0), self.number().unwrap_or(usize::MAX)))
                } else {
                    min.map(|m| (m, m))
                };
                // Python treats a malformed brace as a literal.
                let Some((min, max)) = bounds.filter(|_| self.peek() == Some('}')) else {
                    self.pos = save;
                    return Ok((1, 1));
                };
                if max < min {
                    return Err(self.error("min repeat greater than max repeat"));
                }
                (min, max)
            }
            _ => return Ok((1, 1)),
        };
        // Step over the quantifier's last character (`*`, `+`, `?`, `}`).
        self.advance(1);
        if matches!(self.peek(), Some('*' | '+')) {
            return Err(self.error("multiple repeat"));
        }
        if self.peek() == Some('?') {
            return Err(self.error("lazy quantifiers are not supported"));
        }
        Ok(q)
    }
}

impl Pattern {
    /// Compiles a pattern.
    pub(crate) fn new(source: &str) -> Result<Pattern> {
        let mut p = Parser {
            chars: source.chars().collect(),
            pos: 0,
            source,
        };
        let alternatives = p.alternatives(0)?;
        if p.pos != p.chars.len() {
            return Err(p.error("unbalanced )"));
        }
        Ok(Pattern { alternatives })
    }

    /// `re.match(pattern, name)`: whether the pattern matches a prefix of
    /// `name`. Pathological patterns give up (no match) after a bounded
    /// number of steps.
    pub(crate) fn matches_start(&self, name: &str) -> bool {
        let text: Vec<char> = name.chars().collect();
        let budget = Cell::new(2_000_000u64);
        let pieces = vec![Piece {
            atom: Atom::Group(self.alternatives.clone()),
            min: 1,
            max: 1,
        }];
        match_seq(&pieces, &text, 0, &budget, &mut |_| true)
    }
}

fn class_item(item: &ClassItem, c: char) -> bool {
    match item {
        ClassItem::Range(lo, hi) => (*lo..=*hi).contains(&c),
        ClassItem::Digit(yes) => c.is_numeric() == *yes,
        ClassItem::Word(yes) => (c.is_alphanumeric() || c == '_') == *yes,
        ClassItem::Space(yes) => c.is_whitespace() == *yes,
    }
}

fn single(atom: &Atom, c: char) -> bool {
    match atom {
        Atom::Char(a) => *a == c,
        Atom::Any => c != '\n',
        Atom::Class { items, negated } => items.iter().any(|i| class_item(i, c)) != *negated,
        _ => false,
    }
}

fn spend(budget: &Cell<u64>) -> bool {
    let Some(left) = budget.get().checked_sub(1) else {
        return false;
    };
    budget.set(left);
    true
}

/// Matches `pieces` at `pos` (a position in `text`, at most its length),
/// then calls `k` with the end position.
fn match_seq(
    pieces: &[Piece],
    text: &[char],
    pos: usize,
    budget: &Cell<u64>,
    k: &mut dyn FnMut(usize) -> bool,
) -> bool {
    if !spend(budget) {
        return false;
    }
    let Some((piece, tail)) = pieces.split_first() else {
        return k(pos);
    };
    match &piece.atom {
        Atom::Start => pos == 0 && match_seq(tail, text, pos, budget, k),
        Atom::End => pos == text.len() && match_seq(tail, text, pos, budget, k),
        Atom::Group(alts) => {
            let rest = Rest { pieces: tail, text };
            repeat_group(alts, piece, 0, &rest, pos, budget, k)
        }
        atom => {
            // Greedy: take as many as allowed, then back off to `min`.
            let available = text
                .get(pos..)
                .unwrap_or_default()
                .iter()
                .take(piece.max)
                .take_while(|c| single(atom, **c))
                .count();
            // `pos + n <= text.len()`: never saturates.
            (piece.min..=available)
                .rev()
                .any(|n| match_seq(tail, text, pos.saturating_add(n), budget, k))
        }
    }
}

/// What follows a group: the rest of its sequence.
struct Rest<'a> {
    pieces: &'a [Piece],
    text: &'a [char],
}

fn repeat_group(
    alts: &[Vec<Piece>],
    piece: &Piece,
    count: usize,
    rest: &Rest<'_>,
    pos: usize,
    budget: &Cell<u64>,
    k: &mut dyn FnMut(usize) -> bool,
) -> bool {
    if !spend(budget) {
        return false;
    }
    if count < piece.max {
        // `count < max`: never saturates.
        let next = count.saturating_add(1);
        for alt in alts {
            let matched = match_seq(alt, rest.text, pos, budget, &mut |end| {
                if end == pos {
                    // An empty iteration cannot repeat (no endless loops).
                    next >= piece.min && match_seq(rest.pieces, rest.text, end, budget, k)
                } else {
                    repeat_group(alts, piece, next, rest, end, budget, k)
                }
            });
            if matched {
                return true;
            }
        }
    }
    count >= piece.min && match_seq(rest.pieces, rest.text, pos, budget, k)
}

#[cfg(test)]
mod tests {
    use super::Pattern;

    fn m(p: &str, s: &str) -> bool {
        Pattern::new(p).unwrap().matches_start(s)
    }

    #[test]
    fn behaves_like_python_re_match() {
        assert!(m("conv2", "conv2_block1_0_conv"));
        assert!(m("conv2_.*_bn", "conv2_block1_0_bn"));
        assert!(!m("block", "conv2_block1"));
        assert!(m("conv[0-9]_block[12]", "conv3_block2_out"));
        assert!(!m("conv[^3]", "conv3"));
        assert!(m(r"dense(_\d+)?$", "dense_12"));
        assert!(!m(r"dense(_\d+)?$", "dense_x"));
        assert!(m("(a|b)+c", "ababc"));
        assert!(m("x{2,3}y", "xxy"));
        assert!(!m("x{2,3}y", "xy"));
        assert!(m("^input", "input_layer"));
        assert!(m("", "anything"));
        assert!(Pattern::new("(").is_err());
        assert!(Pattern::new("*a").is_err());
        // Pathological patterns end (as no match) instead of hanging.
        let _ = m("(a*)*b", &"a".repeat(40));
    }
}
