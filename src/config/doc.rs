//! A parsed config as one flat list of nodes (values in document order,
//! a container followed by its contents) and one table of object keys
//! (each object's together), with strings borrowed from the text: parsing
//! makes a handful of allocations whatever the size of the config, and
//! dropping it frees them at once. [`JsonRef`] reads it, or a
//! [`JsonValue`] tree, through the same methods.
//!
//! Keras configs repeat themselves: every layer's `dtype` policy and
//! initializers, and layers of one class with the same arguments, whose
//! configs differ in their first key (`name`) only. The reader reads the
//! rest of an object after its first key once: a repeat is found by a
//! hash of its first 256 bytes (of its own text, once read, for a shorter
//! one), checked byte for byte, and its keys are the earlier one's (their
//! values the earlier one's nodes).
//!
//! A Keras 3 tensor reference (an inbound node's argument), written as
//! Keras writes it, is read at once, into the nodes and keys reading it
//! key by key gives.

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use super::json::{JsonNumber, JsonObject, JsonValue, cfg_error};
use crate::error::Result;

/// One value of a [`Doc`]. A list or an object is followed by its items
/// (an object's values; its keys are in [`Doc::keys`]), `end` being the
/// index after its last one. Twelve bytes (`u32` offsets, numbers in two
/// halves, an object's count of keys in three bytes), not sixteen: a
/// config's nodes touch a quarter fewer pages, each costly when first touched.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Node {
    Null,
    Bool(bool),
    PosInt(Bits),
    /// An `i64`'s bits.
    NegInt(Bits),
    /// An `f64`'s bits.
    Float(Bits),
    /// A string without escapes: its byte range in the text.
    Str {
        at: u32,
        len: u32,
    },
    /// A string with escapes: its index in [`Doc::owned`].
    Owned(u32),
    Array {
        len: u32,
        end: u32,
    },
    /// `keys`: the index of its first key in [`Doc::keys`].
    Object {
        len: Count,
        end: u32,
        keys: u32,
    },
}

/// 64 bits as two halves (a node holding them then needs four-byte
/// alignment only).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bits([u32; 2]);

impl Bits {
    fn new(n: u64) -> Self {
        Bits([n as u32, (n >> 32) as u32])
    }

    fn get(self) -> u64 {
        let [low, high] = self.0;
        u64::from(high) << 32 | u64::from(low)
    }
}

/// An object's count of keys, in three bytes (a text with an object of
/// 2^24 keys or more is refused).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Count([u8; 3]);

impl Count {
    const ZERO: Count = Count([0; 3]);

    /// The largest count there is.
    const MAX: usize = (1 << 24) - 1;

    fn new(n: u32) -> Option<Self> {
        let [a, b, c, d] = n.to_le_bytes();
        (d == 0).then_some(Count([a, b, c]))
    }

    /// `n` when it is at most [`Count::MAX`] (else its low 24 bits).
    fn low(n: u32) -> Self {
        let [a, b, c, _] = n.to_le_bytes();
        Count([a, b, c])
    }

    fn get(self) -> u32 {
        let [a, b, c] = self.0;
        u32::from_le_bytes([a, b, c, 0])
    }
}

/// An object's key: its text, its first bytes and the node of its value.
/// An object's keys lie together in [`Doc::keys`], so that a lookup reads
/// twelve bytes per key (as few as a [`Node`], for the same reason) and
/// most keys are told apart by their length and first three bytes alone.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Key {
    /// [`probe`]: the key's first three bytes and its length, compared at
    /// once.
    probe: u32,
    /// Its byte offset in the text, or (a key with escapes or a long one)
    /// its index in [`Doc::owned`].
    at: u32,
    /// The index of its value's node.
    value: u32,
}

/// The length in [`Key::probe`] of a key kept in [`Doc::owned`]: one with
/// escapes, or one of `OWNED` bytes or more (whose length does not fit).
const OWNED: u32 = 0xFF;

/// [`Key::probe`] of a key of `len` bytes (less than [`OWNED`], or
/// [`OWNED`]) whose [`head`] is `head`: its first three bytes (high 24
/// bits; the shift drops the fourth) and its length (low eight).
#[inline(always)]
fn probe(head: u32, len: u32) -> u32 {
    (head << 8) | len
}

impl Key {
    /// The key of `node` (a string), whose value is node `value`; a long
    /// one is copied to `owned`.
    fn new(node: Node, text: &str, owned: &mut Vec<String>, value: u32) -> Option<Self> {
        let k = match node {
            Node::Str { at, len } => {
                let key = text.get(ix(at)..ix(at).saturating_add(ix(len)))?;
                if len < OWNED {
                    let probe = probe(head(key.as_bytes()), len);
                    return Some(Key { probe, at, value });
                }
                owned.push(key.to_owned());
                small(owned.len().saturating_sub(1))
            }
            Node::Owned(k) => k,
            _ => return None,
        };
        Some(Key {
            probe: probe(0, OWNED),
            at: k,
            value,
        })
    }

    /// Its length in bytes ([`OWNED`] for a key kept in [`Doc::owned`]).
    fn len(&self) -> u32 {
        self.probe & OWNED
    }
}

// Twelve bytes, as their docs say.
const _: () = assert!(std::mem::size_of::<Node>() == 12);
const _: () = assert!(std::mem::size_of::<Key>() == 12);

/// The first four bytes of `s` (those it has; zeros after), as one number.
#[inline(always)]
fn head(s: &[u8]) -> u32 {
    // Byte by byte for short keys, in place of a call to `memcpy`.
    match *s {
        [a, b, c, d, ..] => u32::from_le_bytes([a, b, c, d]),
        [a, b, c] => u32::from_le_bytes([a, b, c, 0]),
        [a, b] => u32::from_le_bytes([a, b, 0, 0]),
        [a] => u32::from(a),
        [] => 0,
    }
}

/// A `u32` of a [`Node`] as an index.
fn ix(n: u32) -> usize {
    n as usize
}

/// An index or offset as a [`Node`]'s `u32` (texts past 4 GiB are
/// refused before they are read).
fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Node {
    fn number(n: JsonNumber) -> Self {
        match n {
            JsonNumber::PosInt(n) => Node::int(n),
            JsonNumber::NegInt(n) => Node::NegInt(Bits::new(n as u64)),
            JsonNumber::Float(f) => Node::Float(Bits::new(f.to_bits())),
        }
    }

    /// A non-negative integer's node.
    fn int(n: u64) -> Self {
        Node::PosInt(Bits::new(n))
    }

    /// The number, when this is one.
    fn as_number(self) -> Option<JsonNumber> {
        Some(match self {
            Node::PosInt(n) => JsonNumber::PosInt(n.get()),
            Node::NegInt(n) => JsonNumber::NegInt(n.get() as i64),
            Node::Float(f) => JsonNumber::Float(f64::from_bits(f.get())),
            _ => return None,
        })
    }
}

/// How many nodes share one block of [`Doc::trees`].
const TREE_BLOCK: usize = 64;

/// A parsed JSON document (see the module docs).
#[derive(Debug)]
pub(crate) struct Doc<'t> {
    text: &'t str,
    nodes: Vec<Node>,
    /// The keys of the objects, each object's together in document order.
    keys: Vec<Key>,
    /// Whether a key has escapes (then lookups compare the decoded ones).
    owned_keys: bool,
    /// The strings that had escapes, unescaped.
    owned: Vec<String>,
    /// Values handed out as [`JsonValue`]s ([`JsonRef::to_value`]), by
    /// node index in blocks of [`TREE_BLOCK`], made when first asked for
    /// (`OnceLock`, so that a [`super::Cfg`] reading a `Doc` stays `Sync`).
    trees: OnceLock<Box<[TreeBlock]>>,
}

type TreeBlock = OnceLock<Box<[OnceLock<JsonValue<'static>>]>>;

impl<'t> Doc<'t> {
    /// A document of `text` with nothing read yet, room for `nodes` nodes
    /// and `keys` keys.
    #[inline]
    fn new(text: &'t str, nodes: usize, keys: usize) -> Self {
        Doc {
            text,
            nodes: Vec::with_capacity(nodes),
            keys: Vec::with_capacity(keys),
            owned_keys: false,
            owned: Vec::new(),
            trees: OnceLock::new(),
        }
    }

    /// Parses JSON text: serde_json's grammar, nesting limit and error
    /// messages, floats correctly rounded.
    pub(crate) fn parse(text: &'t str) -> Result<Self> {
        if u32::try_from(text.len()).is_err() {
            return Err(cfg_error("config", "the text is larger than 4 GiB"));
        }
        // The hand-written reader takes the common case; serde_json reads
        // what it leaves (`-0`, integers past 64 bits) and words every
        // error.
        if let Some(doc) = fast::parse(text) {
            return Ok(doc);
        }
        Self::parse_with_serde(text)
    }

    /// [`Doc::parse`] with serde_json reading the text (into a tree, then
    /// laid out flat).
    pub(crate) fn parse_with_serde(text: &'t str) -> Result<Self> {
        let tree: JsonValue<'t> = from_json(text)?;
        let mut doc = Doc::new(text, 0, 0);
        doc.push(&tree).ok_or_else(|| {
            cfg_error("config", "not valid JSON: an object has 2^24 keys or more")
        })?;
        Ok(doc)
    }

    /// The node of string `s`: its range when it lies in the text, else
    /// its index in `owned`, copied there.
    fn string_node(&mut self, s: &str) -> Node {
        let at = (s.as_ptr() as usize).wrapping_sub(self.text.as_ptr() as usize);
        if self.text.get(at..at.saturating_add(s.len())) == Some(s) {
            return Node::Str {
                at: small(at),
                len: small(s.len()),
            };
        }
        self.owned.push(s.to_owned());
        Node::Owned(small(self.owned.len().saturating_sub(1)))
    }

    /// Appends the nodes and keys of `v` (`None` for an object of 2^24
    /// keys or more).
    fn push(&mut self, v: &JsonValue<'t>) -> Option<()> {
        let at = self.nodes.len();
        let node = match v {
            JsonValue::Null => Node::Null,
            JsonValue::Bool(b) => Node::Bool(*b),
            JsonValue::Number(n) => Node::number(*n),
            JsonValue::String(s) => self.string_node(s),
            JsonValue::Array(items) => {
                self.nodes.push(Node::Null);
                for item in items {
                    self.push(item)?;
                }
                Node::Array {
                    len: small(items.len()),
                    end: small(self.nodes.len()),
                }
            }
            JsonValue::Object(o) => {
                self.nodes.push(Node::Null);
                let mut keys = Vec::with_capacity(o.len());
                for (k, v) in o.iter() {
                    let node = self.string_node(k);
                    let value = small(self.nodes.len());
                    keys.extend(Key::new(node, self.text, &mut self.owned, value));
                    self.push(v)?;
                }
                self.owned_keys |= keys.iter().any(|k| k.len() == OWNED);
                let node = Node::Object {
                    len: Count::new(small(keys.len()))?,
                    end: small(self.nodes.len()),
                    keys: small(self.keys.len()),
                };
                self.keys.extend(keys);
                node
            }
        };
        match self.nodes.get_mut(at) {
            Some(n) => *n = node,
            None => self.nodes.push(node),
        }
        Some(())
    }

    /// The document's top-level value.
    pub(crate) fn root(&self) -> JsonRef<'_> {
        JsonRef::Flat(self, 0)
    }

    /// The `len` bytes of text at `at`.
    fn slice(&self, at: u32, len: u32) -> &'t str {
        let at = ix(at);
        self.text
            .get(at..at.saturating_add(ix(len)))
            .unwrap_or_default()
    }

    /// The text of key `k`.
    fn key_str(&self, k: &Key) -> &str {
        match k.len() {
            OWNED => self.owned.get(ix(k.at)).map_or("", String::as_str),
            len => self.slice(k.at, len),
        }
    }

    /// Whether key `k`, whose [`Key::probe`] is that of `key`, is `key`.
    #[inline(always)]
    fn key_is(&self, k: &Key, key: &str) -> bool {
        let key = key.as_bytes();
        let Some(text) = self
            .text
            .as_bytes()
            .get(ix(k.at)..ix(k.at).saturating_add(key.len()))
        else {
            return false;
        };
        // The head (the first three bytes) and the length are equal: up to
        // sixteen bytes, the last four or the first and last eight tell the
        // rest, compared in place of a call to `memcmp`.
        match key.len() {
            0..=3 => true,
            4..=7 => text.last_chunk::<4>() == key.last_chunk::<4>(),
            8..=16 => {
                text.first_chunk::<8>() == key.first_chunk::<8>()
                    && text.last_chunk::<8>() == key.last_chunk::<8>()
            }
            _ => text == key,
        }
    }

    /// The node of the value of `key` among `keys` (an object's), its
    /// last one when given twice.
    #[inline]
    fn find(&self, keys: &[Key], key: &str) -> Option<usize> {
        // Out of line: the common case then keeps its values in
        // registers that need no saving.
        if self.owned_keys || key.len() > 16 {
            return self.find_slow(keys, key);
        }
        let want = probe(head(key.as_bytes()), key.len() as u32);
        // From the last: a key given twice takes its last value.
        keys.iter()
            .rev()
            .find(|k| k.probe == want && self.key_is(k, key))
            .map(|k| ix(k.value))
    }

    /// [`Doc::find`] for a key longer than sixteen bytes, or in a document
    /// where some keys are kept in [`Doc::owned`]: the keys' texts compared.
    #[inline(never)]
    fn find_slow(&self, keys: &[Key], key: &str) -> Option<usize> {
        keys.iter()
            .rev()
            .find(|k| self.key_str(k) == key)
            .map(|k| ix(k.value))
    }

    /// The keys of the object at `i` (`None` for another value).
    fn keys_of(&self, i: usize) -> Option<&[Key]> {
        match self.nodes.get(i) {
            Some(&Node::Object { len, keys, .. }) => Some(
                self.keys
                    .get(ix(keys)..ix(keys).saturating_add(ix(len.get())))
                    .unwrap_or_default(),
            ),
            _ => None,
        }
    }

    /// The index after the value at `i`.
    fn next(&self, i: usize) -> usize {
        match self.nodes.get(i) {
            Some(Node::Array { end, .. } | Node::Object { end, .. }) => ix(*end),
            // bounded: i < nodes.len()
            _ => i.saturating_add(1),
        }
    }

    /// The document as a tree whose strings borrow from the text (those
    /// with escapes are copied).
    pub(crate) fn into_tree(self) -> JsonValue<'t> {
        self.tree(0, Cow::Borrowed)
    }

    /// The value at `i` as a tree, whose strings that lie in the text
    /// `text` makes (those with escapes are copied).
    fn tree<'s>(&self, i: usize, text: fn(&'t str) -> Cow<'s, str>) -> JsonValue<'s> {
        let owned = |k: u32| Cow::Owned(self.owned.get(ix(k)).cloned().unwrap_or_default());
        match self.nodes.get(i) {
            None | Some(Node::Null) => JsonValue::Null,
            Some(Node::Bool(b)) => JsonValue::Bool(*b),
            Some(&Node::Str { at, len }) => JsonValue::String(text(self.slice(at, len))),
            Some(&Node::Owned(k)) => JsonValue::String(owned(k)),
            Some(Node::Array { len, .. }) => {
                let mut items = Vec::with_capacity(ix(*len));
                // bounded: i < nodes.len()
                let mut k = i.saturating_add(1);
                for _ in 0..*len {
                    items.push(self.tree(k, text));
                    k = self.next(k);
                }
                JsonValue::Array(items)
            }
            Some(Node::Object { .. }) => JsonValue::Object(JsonObject::from_entries(
                self.keys_of(i)
                    .unwrap_or_default()
                    .iter()
                    .map(|k| {
                        let key = match k.len() {
                            OWNED => owned(k.at),
                            len => text(self.slice(k.at, len)),
                        };
                        (key, self.tree(ix(k.value), text))
                    })
                    .collect(),
            )),
            Some(n) => n.as_number().map_or(JsonValue::Null, JsonValue::Number),
        }
    }

    /// The value at `i` as a tree that lives as long as the document.
    fn tree_ref(&self, i: usize) -> &JsonValue<'static> {
        static NULL: JsonValue<'static> = JsonValue::Null;
        let trees = self.trees.get_or_init(|| {
            (0..self.nodes.len().div_ceil(TREE_BLOCK))
                .map(|_| OnceLock::new())
                .collect()
        });
        let Some(block) = trees.get(i / TREE_BLOCK) else {
            return &NULL;
        };
        let block = block.get_or_init(|| (0..TREE_BLOCK).map(|_| OnceLock::new()).collect());
        match block.get(i % TREE_BLOCK) {
            Some(cell) => cell.get_or_init(|| self.tree(i, |s| Cow::Owned(s.to_owned()))),
            None => &NULL,
        }
    }
}

/// `text` read by serde_json, with its error as a config error.
pub(crate) fn from_json<'t, T: serde::Deserialize<'t>>(text: &'t str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| {
        cfg_error(
            &format!("line {}, column {}", e.line(), e.column()),
            format!("not valid JSON: {e}"),
        )
    })
}

/// A value of a [`Doc`] or of a [`JsonValue`] tree, read the same way.
#[derive(Clone, Copy)]
pub(crate) enum JsonRef<'a> {
    Tree(&'a JsonValue<'a>),
    Flat(&'a Doc<'a>, usize),
}

impl fmt::Debug for JsonRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonRef::Tree(v) => v.fmt(f),
            JsonRef::Flat(doc, i) => doc.tree(*i, Cow::Borrowed).fmt(f),
        }
    }
}

impl<'a> JsonRef<'a> {
    /// Whether this is `null`.
    pub(crate) fn is_null(self) -> bool {
        match self {
            JsonRef::Tree(v) => v.is_null(),
            JsonRef::Flat(doc, i) => matches!(doc.nodes.get(i), None | Some(Node::Null)),
        }
    }

    /// `None` for `null`.
    pub(crate) fn non_null(self) -> Option<Self> {
        (!self.is_null()).then_some(self)
    }

    pub(crate) fn is_string(self) -> bool {
        self.as_str().is_some()
    }

    pub(crate) fn is_array(self) -> bool {
        self.as_array().is_some()
    }

    pub(crate) fn is_object(self) -> bool {
        self.obj_keys().is_some()
    }

    pub(crate) fn as_str(self) -> Option<&'a str> {
        match self {
            JsonRef::Tree(v) => v.as_str(),
            JsonRef::Flat(doc, i) => match *doc.nodes.get(i)? {
                Node::Str { at, len } => Some(doc.slice(at, len)),
                Node::Owned(k) => doc.owned.get(ix(k)).map(String::as_str),
                _ => None,
            },
        }
    }

    pub(crate) fn as_bool(self) -> Option<bool> {
        match self {
            JsonRef::Tree(v) => v.as_bool(),
            JsonRef::Flat(doc, i) => match doc.nodes.get(i)? {
                Node::Bool(b) => Some(*b),
                _ => None,
            },
        }
    }

    fn number(self) -> Option<JsonNumber> {
        match self {
            JsonRef::Tree(JsonValue::Number(n)) => Some(*n),
            JsonRef::Tree(_) => None,
            JsonRef::Flat(doc, i) => doc.nodes.get(i)?.as_number(),
        }
    }

    /// An integer that fits `i64`.
    pub(crate) fn as_i64(self) -> Option<i64> {
        match self.number()? {
            JsonNumber::PosInt(n) => i64::try_from(n).ok(),
            JsonNumber::NegInt(n) => Some(n),
            JsonNumber::Float(_) => None,
        }
    }

    /// An integer that fits `u64`.
    pub(crate) fn as_u64(self) -> Option<u64> {
        match self.number()? {
            JsonNumber::PosInt(n) => Some(n),
            _ => None,
        }
    }

    /// Any number as `f64`.
    pub(crate) fn as_f64(self) -> Option<f64> {
        Some(match self.number()? {
            // As serde_json: integers convert with rounding.
            JsonNumber::PosInt(n) => n as f64,
            JsonNumber::NegInt(n) => n as f64,
            JsonNumber::Float(f) => f,
        })
    }

    /// The value of `key` when this is an object (its last value when
    /// given twice).
    pub(crate) fn get(self, key: &str) -> Option<JsonRef<'a>> {
        match self {
            JsonRef::Tree(v) => v.get(key).map(JsonRef::Tree),
            JsonRef::Flat(doc, i) => doc
                .find(doc.keys_of(i)?, key)
                .map(|v| JsonRef::Flat(doc, v)),
        }
    }

    /// The keys of this object, found once for many lookups
    /// ([`ObjKeys::get`] is [`JsonRef::get`] without finding a parsed
    /// document's object node each time); `None` when it is not an object.
    pub(crate) fn obj_keys(self) -> Option<ObjKeys<'a>> {
        match self {
            JsonRef::Flat(doc, i) => doc.keys_of(i).map(|keys| ObjKeys::Flat { doc, keys }),
            JsonRef::Tree(v) => v.as_object().map(|_| ObjKeys::Tree(v)),
        }
    }

    /// The items when this is a list.
    pub(crate) fn as_array(self) -> Option<Items<'a>> {
        match self {
            JsonRef::Tree(v) => v.as_array().map(|a| Items::Tree(a.iter())),
            JsonRef::Flat(doc, i) => match doc.nodes.get(i) {
                Some(&Node::Array { len, .. }) => Some(Items::Flat {
                    doc,
                    // bounded: i < nodes.len()
                    next: i.saturating_add(1),
                    left: ix(len),
                }),
                _ => None,
            },
        }
    }

    /// The keys and values in document order when this is an object.
    pub(crate) fn as_object(self) -> Option<Members<'a>> {
        match self {
            JsonRef::Tree(v) => v.as_object().map(|o| Members::Tree(o.iter_entries())),
            JsonRef::Flat(doc, i) => doc.keys_of(i).map(|keys| Members::Flat {
                doc,
                keys: keys.iter(),
            }),
        }
    }

    /// The keys and values of an object sorted by key, each key once
    /// with its last value (the order of a `serde_json::Map`).
    pub(crate) fn sorted(self) -> Vec<(&'a str, JsonRef<'a>)> {
        super::json::sorted(self.as_object().into_iter().flatten().collect())
    }

    /// This value as a [`JsonValue`] that lives as long as the document
    /// (made once, on first request, for a value of a [`Doc`]).
    pub(crate) fn to_value(self) -> &'a JsonValue<'a> {
        match self {
            JsonRef::Tree(v) => v,
            JsonRef::Flat(doc, i) => doc.tree_ref(i),
        }
    }

    /// A short description of the value's type, for error messages.
    pub(crate) fn kind(self) -> &'static str {
        match self {
            JsonRef::Tree(v) => super::json::kind(v),
            JsonRef::Flat(doc, i) => match doc.nodes.get(i) {
                None | Some(Node::Null) => "null",
                Some(Node::Bool(_)) => "a boolean",
                Some(Node::PosInt(_) | Node::NegInt(_) | Node::Float(_)) => "a number",
                Some(Node::Str { .. } | Node::Owned(_)) => "a string",
                Some(Node::Array { .. }) => "a list",
                Some(Node::Object { .. }) => "an object",
            },
        }
    }
}

/// The keys of one object ([`JsonRef::obj_keys`]): a parsed document's,
/// or a tree's (looked up in the tree).
#[derive(Debug, Clone, Copy)]
pub(crate) enum ObjKeys<'a> {
    Flat { doc: &'a Doc<'a>, keys: &'a [Key] },
    Tree(&'a JsonValue<'a>),
}

impl<'a> ObjKeys<'a> {
    /// The value of `key` (its last value when given twice), as
    /// [`JsonRef::get`] on the object gives it.
    #[inline]
    pub(crate) fn get(self, key: &str) -> Option<JsonRef<'a>> {
        match self {
            ObjKeys::Flat { doc, keys } => doc.find(keys, key).map(|v| JsonRef::Flat(doc, v)),
            ObjKeys::Tree(v) => v.get(key).map(JsonRef::Tree),
        }
    }
}

/// The items of a list.
#[derive(Clone)]
pub(crate) enum Items<'a> {
    Tree(std::slice::Iter<'a, JsonValue<'a>>),
    Flat {
        doc: &'a Doc<'a>,
        next: usize,
        left: usize,
    },
}

impl<'a> Iterator for Items<'a> {
    type Item = JsonRef<'a>;

    fn next(&mut self) -> Option<JsonRef<'a>> {
        match self {
            Items::Tree(it) => it.next().map(JsonRef::Tree),
            Items::Flat { doc, next, left } => {
                *left = left.checked_sub(1)?;
                let i = *next;
                *next = doc.next(i);
                Some(JsonRef::Flat(doc, i))
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = match self {
            Items::Tree(it) => it.len(),
            Items::Flat { left, .. } => *left,
        };
        (n, Some(n))
    }
}

impl ExactSizeIterator for Items<'_> {}

/// The keys and values of an object, in document order.
#[derive(Clone)]
pub(crate) enum Members<'a> {
    Tree(std::slice::Iter<'a, (std::borrow::Cow<'a, str>, JsonValue<'a>)>),
    Flat {
        doc: &'a Doc<'a>,
        keys: std::slice::Iter<'a, Key>,
    },
}

impl<'a> Iterator for Members<'a> {
    type Item = (&'a str, JsonRef<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Members::Tree(it) => it.next().map(|(k, v)| (k.as_ref(), JsonRef::Tree(v))),
            Members::Flat { doc, keys } => {
                let k = keys.next()?;
                Some((doc.key_str(k), JsonRef::Flat(doc, ix(k.value))))
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = match self {
            Members::Tree(it) => it.len(),
            Members::Flat { keys, .. } => keys.len(),
        };
        (n, Some(n))
    }
}

impl ExactSizeIterator for Members<'_> {}

/// The reader for the common case of Keras configs: strings (escapes
/// decoded), integers that fit, nesting within serde_json's limit. It gives
/// up (`None`) on anything else, valid or not, for serde_json to read. It
/// returns the values serde_json gives, except that floats are correctly
/// rounded (serde_json's default parser may be 1 ULP off, e.g. `1e-30`).
mod fast {
    use super::{Count, Doc, JsonNumber, Key, Node, OWNED, head, probe};

    /// serde_json's nesting limit.
    const MAX_DEPTH: u32 = 128;

    pub(super) fn parse(text: &str) -> Option<Doc<'_>> {
        // Strings end at their next `"` in texts without `\\` and control
        // characters (Keras's configs): a reader each keeps its scans lean.
        if plain_text(text.as_bytes()) {
            Reader::<true>::new(text).read()
        } else {
            Reader::<false>::new(text).read()
        }
    }

    /// The reader of one text; `PLAIN`: the text has no `\\` and no
    /// control character ([`plain_text`]).
    struct Reader<'t, const PLAIN: bool> {
        /// The document read so far.
        doc: Doc<'t>,
        bytes: &'t [u8],
        pos: usize,
        /// The keys of the objects being read, innermost last (moved to
        /// the document's when their object ends, so that each object's
        /// keys lie together).
        pending: Vec<Key>,
        /// The rests of objects read, from their second key, by print (the
        /// last one read in each slot), for [`Reader::repeat_tail`]:
        /// [`check`], where its text lies and the object's node (all zeros:
        /// none), in sixteen bytes that the allocator hands out zeroed.
        seen: Vec<[u32; 4]>,
        /// How often the rests of objects of one kind (by first key and
        /// depth, hashed to a slot) were found repeated, and how often
        /// not, for [`Reader::worth_trying`].
        tries: [Tries; 64],
        /// Short lists of scalars read ([`Reader::array`]), by a hash of their
        /// text (the last one read in each slot): their text's words, and
        /// their length in bytes and node (`0`: none).
        lists: Vec<[u64; 4]>,
    }

    /// The counts of one slot of [`Reader::tries`].
    #[derive(Clone, Copy, Default)]
    struct Tries {
        repeated: u16,
        not: u16,
    }

    impl<'t, const PLAIN: bool> Reader<'t, PLAIN> {
        fn new(text: &'t str) -> Self {
            Reader {
                // About one node per 17 bytes of a Keras config and one key
                // per 23: room for both without growing (pages never written
                // are never touched).
                doc: Doc::new(text, text.len() / 12, text.len() / 16),
                bytes: text.as_bytes(),
                pos: 0,
                pending: Vec::new(),
                // One slot per KiB of text (measured best), a power of two;
                // its zeros (empty slots) come zeroed from the allocator.
                seen: vec![[0; 4]; (text.len() / 1024).clamp(256, 1 << 14).next_power_of_two()],
                tries: [Tries::default(); 64],
                lists: vec![[0; 4]; LIST_SLOTS],
            }
        }

        /// The document, when the text is one value this reader takes.
        fn read(mut self) -> Option<Doc<'t>> {
            self.value(MAX_DEPTH)?;
            self.skip_ws();
            // Each object's count of keys kept whole (checked once here, not
            // per object); else serde_json reads the text and refuses it.
            let doc = self.doc;
            (self.pos == doc.text.len() && counts_whole(&doc.nodes, doc.keys.len())).then_some(doc)
        }
    }

    /// Whether the objects among `nodes` kept their counts of keys whole
    /// ([`Count::low`] drops the high bits of a count of 2^24 or more):
    /// always when there are fewer keys in all (`keys`), else when their
    /// counts add up to those keys, each key being one object's.
    pub(super) fn counts_whole(nodes: &[Node], keys: usize) -> bool {
        keys <= Count::MAX
            || nodes
                .iter()
                .map(|n| match n {
                    Node::Object { len, .. } => len.get() as usize,
                    _ => 0,
                })
                .sum::<usize>()
                == keys
    }

    /// A hash of `rest` (an object's text from its second key up to its
    /// closing brace): of its length, of eight bytes in every 64 of its
    /// first 256 bytes and of its last eight. Unlike [`fingerprint`], whose
    /// slots of [`Reader::seen`] it shares, it never reads past the rest.
    #[inline(always)]
    fn bounded_print(rest: &[u8]) -> Option<u64> {
        let len = rest.len();
        let mut h = word(rest, len.checked_sub(8)?)? ^ (len as u64);
        for at in [0usize, 64, 128, 192] {
            if at.wrapping_add(8) > len {
                break;
            }
            h = mix(h, word(rest, at)?);
        }
        Some(h)
    }

    /// Where the parts of a Keras tensor reference lie in the text
    /// ([`Reader::tensor_text`]).
    struct TensorText {
        start: usize,
        shape: usize,
        after_shape: usize,
        dtype: std::ops::Range<usize>,
        history: usize,
        name: std::ops::Range<usize>,
        node_index: u64,
        tensor_index: u64,
        end: usize,
    }

    /// Bits of a print (not those that pick its slot of [`Reader::seen`])
    /// above the depth it was read at (eight bits): a rest is shared only
    /// at its depth (so within the nesting limit) and when its text is equal.
    #[inline(always)]
    fn check(print: u64, depth: u32) -> u32 {
        ((print as u32) & !0xFF) | (depth & 0xFF)
    }

    /// A hash of eight bytes in every 64 of the 256 bytes of text from
    /// `at` (`None` nearer the end), for the rest of an object from its
    /// second key: Keras's layer configs all start it with `"trainable":
    /// true, "dtype": {...}`, and differ further on. Its high bits pick a
    /// slot of [`Reader::seen`].
    #[inline(always)]
    fn fingerprint(bytes: &[u8], at: usize) -> Option<u64> {
        let block: &[u8; 256] = bytes.get(at..at.wrapping_add(256))?.try_into().ok()?;
        let mut h: u64 = 0;
        for word in block.chunks_exact(8).step_by(8) {
            h = mix(h, u64::from_le_bytes(word.try_into().ok()?));
        }
        Some(h)
    }

    /// `h` with the word `w` hashed in.
    #[inline(always)]
    fn mix(h: u64, w: u64) -> u64 {
        (h.rotate_left(23) ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }

    const ONES: u64 = 0x0101_0101_0101_0101;

    /// The bytes of `x` (eight bytes of text) that are `b`, as their high
    /// bits; the lowest set bit is exact (higher ones may not be).
    #[inline(always)]
    fn bytes_equal(x: u64, b: u8) -> u64 {
        let y = x ^ ONES.wrapping_mul(u64::from(b));
        y.wrapping_sub(ONES) & !y & 0x8080_8080_8080_8080
    }

    /// The bytes of `x` (eight bytes of text) that are `"`, `\\` or
    /// control characters, as their high bits; the lowest set bit is exact
    /// (higher ones may not be).
    #[inline(always)]
    fn specials(x: u64) -> u64 {
        // A byte's high bit is set below 0x20 by the last term.
        bytes_equal(x, b'"')
            | bytes_equal(x, b'\\')
            | (x.wrapping_sub(0x2020_2020_2020_2020) & !x & 0x8080_8080_8080_8080)
    }

    /// The powers of ten that are exact in `f64`.
    const POW10: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// A JSON number (its grammar already checked) as `f64` when its
    /// digits make at most 2^53 and its power of ten is exact (Clinger's
    /// fast path: one correctly rounded multiplication or division, so
    /// the value `str::parse` gives), else `None`. Keras's `1e-05`,
    /// `0.99`, `0.001` take this path.
    pub(super) fn exact_float(token: &[u8]) -> Option<f64> {
        let (negative, rest) = match token.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, token),
        };
        let mut mantissa: u64 = 0;
        let mut digits: u32 = 0;
        let mut exp10: i32 = 0;
        let mut fraction = false;
        let mut bytes = rest.iter();
        while let Some(&b) = bytes.next() {
            match b {
                b'0'..=b'9' => {
                    if mantissa != 0 || b != b'0' {
                        digits = digits.checked_add(1).filter(|d| *d <= 19)?;
                        mantissa = mantissa.checked_mul(10)?.checked_add(u64::from(b & 15))?;
                    }
                    if fraction {
                        exp10 = exp10.checked_sub(1)?;
                    }
                }
                b'.' => fraction = true,
                b'e' | b'E' => {
                    let rest = bytes.as_slice();
                    let (sign, rest): (i32, &[u8]) = match rest.split_first() {
                        Some((b'-', r)) => (-1, r),
                        Some((b'+', r)) => (1, r),
                        _ => (1, rest),
                    };
                    if rest.is_empty() || rest.len() > 4 {
                        return None;
                    }
                    let mut e: i32 = 0;
                    for &d in rest {
                        e = e.checked_mul(10)?.checked_add(i32::from(d & 15))?;
                    }
                    exp10 = exp10.checked_add(sign.checked_mul(e)?)?;
                    break;
                }
                _ => return None,
            }
        }
        if mantissa > 1 << 53 {
            return None;
        }
        // Exact: an integer of at most 53 bits.
        #[allow(clippy::cast_precision_loss)]
        let m = mantissa as f64;
        let power = POW10.get(usize::try_from(exp10.unsigned_abs()).ok()?)?;
        let v = if exp10 >= 0 { m * power } else { m / power };
        Some(if negative { -v } else { v })
    }

    /// Whether `text` has no `\\` and no control character: then its
    /// strings end at their next `"`. Lane minimums over 64 bytes at a time
    /// (vectorized), of the bytes and of the bytes xor `\\`.
    pub(super) fn plain_text(bytes: &[u8]) -> bool {
        let mut least = [u8::MAX; 64];
        let mut least_xor = [u8::MAX; 64];
        let mut blocks = bytes.chunks_exact(64);
        for block in &mut blocks {
            for ((l, x), &b) in least.iter_mut().zip(&mut least_xor).zip(block) {
                *l = (*l).min(b);
                *x = (*x).min(b ^ b'\\');
            }
        }
        let plain = |b: u8| b >= 0x20 && b != b'\\';
        least.iter().all(|&b| b >= 0x20)
            && least_xor.iter().all(|&b| b != 0)
            && blocks.remainder().iter().all(|&b| plain(b))
    }

    /// `pos`, a position in the text, which fits 32 bits (texts past
    /// 4 GiB are refused): said so, `pos + n` cannot wrap, and a read of
    /// `n` bytes at `pos` needs one bound check instead of two.
    #[inline(always)]
    fn narrow(pos: usize) -> usize {
        pos as u32 as usize
    }

    /// The eight bytes of text at `at` as one number (`None` nearer the
    /// end).
    #[inline(always)]
    fn word(bytes: &[u8], at: usize) -> Option<u64> {
        let at = narrow(at);
        let word: &[u8; 8] = bytes.get(at..at.wrapping_add(8))?.try_into().ok()?;
        Some(u64::from_le_bytes(*word))
    }

    /// The bytes of `x` (eight bytes of text) that may end a string: `"`
    /// in a [`plain_text`] (`plain`), else [`specials`].
    #[inline(always)]
    fn enders(x: u64, plain: bool) -> u64 {
        if plain {
            bytes_equal(x, b'"')
        } else {
            specials(x)
        }
    }

    /// The position of the first of [`enders`] at or after `p`, eight
    /// bytes at a time.
    #[inline(always)]
    fn scan(bytes: &[u8], p: usize, plain: bool) -> Option<usize> {
        let mut at = p;
        while let Some(x) = word(bytes, at) {
            let found = enders(x, plain);
            if found != 0 {
                return Some(at.wrapping_add((found.trailing_zeros() / 8) as usize));
            }
            // bounded: at + 8 <= text.len()
            at = at.wrapping_add(8);
        }
        let k = bytes
            .get(at..)?
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
        Some(at.wrapping_add(k))
    }

    /// The end (closing quote) of the string whose opening quote is at
    /// `pos`, when it has no escapes.
    #[inline(always)]
    fn plain_string(bytes: &[u8], pos: usize, plain: bool) -> Option<usize> {
        let end = scan(bytes, pos.wrapping_add(1), plain)?;
        // In a plain text, what `scan` finds is a quote.
        (plain || *bytes.get(end)? == b'"').then_some(end)
    }

    /// [`plain_string`] for a key, with its [`head`], both from its first
    /// eight bytes read once when it is shorter. `None` also for a key of
    /// [`OWNED`] bytes or more (kept in [`Doc::owned`]).
    #[inline(always)]
    fn plain_key(bytes: &[u8], pos: usize, plain: bool) -> Option<(usize, u32)> {
        let start = pos.wrapping_add(1);
        let short = |end: &usize| end.wrapping_sub(start) < OWNED as usize;
        let Some(x) = word(bytes, start) else {
            let end = plain_string(bytes, pos, plain).filter(short)?;
            return Some((end, head(bytes.get(start..end)?)));
        };
        let found = enders(x, plain);
        let (end, head) = if found != 0 {
            // The bytes before the first ender (the lowest bit of `found`,
            // which is exact): the key's, of which `head` keeps four.
            let before = ((found & found.wrapping_neg()) >> 7).wrapping_sub(1);
            let end = start.wrapping_add((found.trailing_zeros() / 8) as usize);
            (end, (x & before) as u32)
        } else {
            // Most longer keys end in their second eight bytes.
            let second = start.wrapping_add(8);
            let end = match word(bytes, second).map(|y| enders(y, plain)) {
                Some(found) if found != 0 => {
                    second.wrapping_add((found.trailing_zeros() / 8) as usize)
                }
                _ => scan(bytes, second, plain).filter(short)?,
            };
            (end, x as u32)
        };
        if !plain && *bytes.get(end)? != b'"' {
            return None;
        }
        Some((end, head))
    }

    /// The value and end of the integer at `pos` when it is a plain
    /// non-negative one of at most 18 digits (the common case).
    #[inline(always)]
    pub(super) fn plain_int(bytes: &[u8], pos: usize) -> Option<(u64, usize)> {
        let mut magnitude: u64 = 0;
        let mut end = pos;
        while let Some(&d @ b'0'..=b'9') = bytes.get(end) {
            // Wraps only past 19 digits, which are not taken.
            magnitude = magnitude.wrapping_mul(10).wrapping_add(u64::from(d & 15));
            // bounded: end < text.len()
            end = end.wrapping_add(1);
        }
        let digits = end.wrapping_sub(pos);
        let plain = digits == 1 || (digits > 1 && digits <= 18 && bytes.get(pos) != Some(&b'0'));
        (plain && !matches!(bytes.get(end), Some(b'.' | b'e' | b'E'))).then_some((magnitude, end))
    }

    /// How many short lists [`Reader::lists`] keeps, a power of two.
    /// A list is short when its text has at most 24 bytes.
    const LIST_SLOTS: usize = 128;

    /// The bytes past the first `len` of a word, zeroed.
    #[inline(always)]
    fn first_bytes(x: u64, len: u64) -> u64 {
        match len {
            0 => 0,
            n @ 1..=7 => x & (1u64 << n.wrapping_mul(8)).wrapping_sub(1),
            _ => x,
        }
    }

    /// The position of the `]` that ends the list whose items start at
    /// `pos`, when no `[`, `{` or `"` comes before it (a list of numbers,
    /// nulls and booleans, or not JSON), eight bytes at a time.
    #[inline(always)]
    fn flat_list_end(bytes: &[u8], pos: usize) -> Option<usize> {
        let mut at = pos;
        loop {
            let Some(x) = word(bytes, at) else {
                // The last bytes of the text.
                let k = bytes
                    .get(at..)?
                    .iter()
                    .position(|b| matches!(b, b']' | b'[' | b'{' | b'"'))?;
                let end = at.wrapping_add(k);
                return (bytes.get(end) == Some(&b']')).then_some(end);
            };
            let close = bytes_equal(x, b']');
            let found = close | bytes_equal(x, b'[') | bytes_equal(x, b'{') | bytes_equal(x, b'"');
            if found != 0 {
                // The lowest set bit of each is exact, so that of `found` is.
                let first = found & found.wrapping_neg();
                return (close & first != 0)
                    .then(|| at.wrapping_add((first.trailing_zeros() / 8) as usize));
            }
            // bounded: at + 8 <= text.len()
            at = at.wrapping_add(8);
        }
    }

    /// Whether the text at `pos` is `lit`.
    #[inline(always)]
    fn literal(bytes: &[u8], pos: usize, lit: &[u8]) -> bool {
        let pos = narrow(pos);
        bytes.get(pos..pos.wrapping_add(lit.len())) == Some(lit)
    }

    /// The byte after the two at `pos` when they are `two`: the next
    /// value after `: ` or `, ` (Python's `json.dumps` writes one space).
    #[inline(always)]
    fn after(bytes: &[u8], pos: usize, two: [u8; 2]) -> Option<u8> {
        let pos = narrow(pos);
        let &[a, b, next] = bytes.get(pos..pos.wrapping_add(3))? else {
            return None;
        };
        (u16::from_le_bytes([a, b]) == u16::from_le_bytes(two)).then_some(next)
    }

    impl<'t, const PLAIN: bool> Reader<'t, PLAIN> {
        fn peek(&self) -> Option<u8> {
            self.bytes.get(self.pos).copied()
        }

        fn bump(&mut self) {
            // bounded: pos <= text.len()
            self.pos = self.pos.saturating_add(1);
        }

        /// Skips white space and returns the next byte.
        #[inline(always)]
        fn skip_ws(&mut self) -> Option<u8> {
            let b = *self.bytes.get(self.pos)?;
            if b > b' ' {
                return Some(b);
            }
            // Python's `json.dumps` writes one space after `,` and `:`.
            if b == b' ' {
                let p = self.pos.wrapping_add(1);
                if let Some(&b) = self.bytes.get(p)
                    && b > b' '
                {
                    self.pos = p;
                    return Some(b);
                }
            }
            self.skip_ws_slow()
        }

        #[inline(never)]
        fn skip_ws_slow(&mut self) -> Option<u8> {
            while let Some(&b) = self.bytes.get(self.pos) {
                if !matches!(b, b' ' | b'\n' | b'\t' | b'\r') {
                    return Some(b);
                }
                // bounded: pos < text.len()
                self.pos = self.pos.wrapping_add(1);
            }
            None
        }

        fn literal(&mut self, word: &[u8], node: Node) -> Option<()> {
            literal(self.bytes, self.pos, word).then_some(())?;
            self.pos = self.pos.wrapping_add(word.len());
            self.doc.nodes.push(node);
            Some(())
        }

        /// One value, whose first byte (after white space) is `b`.
        #[inline(always)]
        fn value_at(&mut self, b: u8, depth: u32) -> Option<()> {
            match b {
                b'"' => {
                    let node = self.string()?;
                    self.doc.nodes.push(node);
                    Some(())
                }
                b'0'..=b'9' | b'-' => self.number(),
                b'{' => self.object(depth),
                b'[' => self.array(depth),
                b'n' => self.literal(b"null", Node::Null),
                b't' => self.literal(b"true", Node::Bool(true)),
                b'f' => self.literal(b"false", Node::Bool(false)),
                _ => None,
            }
        }

        fn value(&mut self, depth: u32) -> Option<()> {
            let b = self.skip_ws()?;
            self.value_at(b, depth)
        }

        #[inline(never)]
        fn array(&mut self, depth: u32) -> Option<()> {
            let depth = depth.checked_sub(1).filter(|d| *d > 0)?;
            // A short list of numbers or nulls (a Keras shape) that repeats
            // an earlier one, found by its first sixteen bytes, copies its nodes.
            let start = self.pos;
            let head = match self.bytes.get(start.wrapping_add(1)) {
                Some(b'0'..=b'9' | b'-' | b'n') => {
                    word(self.bytes, start).zip(word(self.bytes, start.wrapping_add(8)))
                }
                _ => None,
            };
            let slot = head.map(|(a, b)| {
                ((a ^ b.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 57) as usize
                    & LIST_SLOTS.wrapping_sub(1)
            });
            if let (Some((a, b)), Some(slot)) = (head, slot)
                && let Some(end) = self.repeat_list(a, b, slot, start)
            {
                self.pos = end;
                return Some(());
            }
            // bounded: at the `[`
            self.pos = self.pos.wrapping_add(1);
            let at = self.doc.nodes.len();
            // Written when the list ends.
            self.doc.nodes.push(Node::Null);
            let mut len: u32 = 0;
            let mut b = self.skip_ws()?;
            if b == b']' {
                self.pos = self.pos.wrapping_add(1);
            } else {
                let bytes = self.bytes;
                let mut pos = self.pos;
                loop {
                    // The common scalars read here, with the position in
                    // a register; the rest by `value_at`.
                    let int = match b {
                        b'0'..=b'9' => plain_int(bytes, pos),
                        _ => None,
                    };
                    if let Some((n, end)) = int {
                        pos = end;
                        self.doc.nodes.push(Node::int(n));
                    } else if b == b'n' && literal(bytes, pos, b"null") {
                        pos = pos.wrapping_add(4);
                        self.doc.nodes.push(Node::Null);
                    } else {
                        self.pos = pos;
                        self.value_at(b, depth)?;
                        pos = self.pos;
                    }
                    // bounded: by the number of nodes (< 4 Gi)
                    len = len.wrapping_add(1);
                    if let Some(v) = after(bytes, pos, *b", ")
                        && v > b' '
                    {
                        // `, ` before the next item.
                        pos = pos.wrapping_add(2);
                        b = v;
                        continue;
                    }
                    if bytes.get(pos) == Some(&b']') {
                        self.pos = pos.wrapping_add(1);
                        break;
                    }
                    self.pos = pos;
                    match self.separator(b']')? {
                        Some(next) => (b, pos) = (next, self.pos),
                        None => break,
                    }
                }
            }
            let end = self.doc.nodes.len() as u32;
            *self.doc.nodes.get_mut(at)? = Node::Array { len, end };
            if let (Some((a, b)), Some(slot)) = (head, slot) {
                // Kept when it is short and holds scalars only.
                let bytes = self.pos.wrapping_sub(start) as u64;
                let c = word(self.bytes, start.wrapping_add(16)).unwrap_or(0);
                if bytes <= 24
                    && end as usize == at.wrapping_add(len as usize).wrapping_add(1)
                    && let Some(kept) = self.lists.get_mut(slot)
                {
                    *kept = [
                        first_bytes(a, bytes),
                        first_bytes(b, bytes.saturating_sub(8)),
                        first_bytes(c, bytes.saturating_sub(16)),
                        bytes | (at as u64) << 32,
                    ];
                }
            }
            Some(())
        }

        /// The position after a short list at `start` (whose first
        /// sixteen bytes are `a` and `b`, slot `slot` of [`Reader::lists`])
        /// when it repeats the list kept in that slot byte for byte: its
        /// nodes are pushed, copies of that list's.
        #[inline(always)]
        fn repeat_list(&mut self, a: u64, b: u64, slot: usize, start: usize) -> Option<usize> {
            let [ka, kb, kc, meta] = *self.lists.get(slot)?;
            let bytes = meta & 0xFFFF_FFFF;
            if bytes == 0
                || first_bytes(a, bytes) != ka
                || first_bytes(b, bytes.saturating_sub(8)) != kb
            {
                return None;
            }
            if bytes > 16 {
                let c = word(self.bytes, start.wrapping_add(16))?;
                if first_bytes(c, bytes.saturating_sub(16)) != kc {
                    return None;
                }
            }
            let earlier = (meta >> 32) as usize;
            let Node::Array { len, end } = *self.doc.nodes.get(earlier)? else {
                return None;
            };
            let at = self.doc.nodes.len();
            if earlier >= end as usize || end as usize > at {
                return None;
            }
            self.doc.nodes.extend_from_within(earlier..end as usize);
            *self.doc.nodes.get_mut(at)? = Node::Array {
                len,
                end: (at as u32).wrapping_add(end.wrapping_sub(earlier as u32)),
            };
            Some(start.wrapping_add(bytes as usize))
        }

        /// Whether the rest of an object from its second key at `start`
        /// (print `print`, depth `depth` left; `len` bytes, when known)
        /// repeats an earlier one byte for byte: then the position after its
        /// brace, and where the earlier one's keys after its first lie in
        /// [`Reader::keys`] (to be this one's, their values its values).
        #[inline(always)]
        fn repeat_tail(
            &self,
            start: usize,
            print: u64,
            depth: u32,
            len: Option<usize>,
        ) -> Option<(usize, std::ops::Range<usize>)> {
            let [kept, at, n, node] = *self.seen.get(self.slot(print))?;
            let n = n as usize;
            if kept != check(print, depth) || n == 0 || len.is_some_and(|len| len != n) {
                return None;
            }
            let end = start.wrapping_add(n);
            let earlier = at as usize..(at as usize).wrapping_add(n);
            if self.bytes.get(start..end)? != self.bytes.get(earlier)? {
                return None;
            }
            let Node::Object { len, keys, .. } = *self.doc.nodes.get(node as usize)? else {
                return None;
            };
            let keys = keys as usize;
            let rest = keys.wrapping_add(1)..keys.wrapping_add(len.get() as usize);
            // Checked here, so that the copy cannot fail.
            self.doc.keys.get(rest.clone())?;
            Some((end, rest))
        }

        /// The slot of [`Reader::seen`] of a rest of print `print`.
        #[inline(always)]
        fn slot(&self, print: u64) -> usize {
            ((print >> 40) as usize) & self.seen.len().wrapping_sub(1)
        }

        /// The slot of [`Reader::tries`] for the object whose first key is
        /// `pending[first_key]` at depth `depth`, unless objects of its kind
        /// were seldom found repeated (a Keras layer's own object and its
        /// inbound tensors never are; its config and initializers are).
        #[inline(always)]
        fn worth_trying(&self, first_key: usize, depth: u32) -> Option<usize> {
            let probe = self.pending.get(first_key)?.probe;
            let kind = ((u64::from(probe) ^ u64::from(depth)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
                >> 58) as usize;
            let t = self.tries.get(kind)?;
            // Tried sixteen times, then while at least one in nine is
            // found repeated.
            (u32::from(t.not) < u32::from(t.repeated).wrapping_mul(8).wrapping_add(16))
                .then_some(kind)
        }

        /// Records the rest of the object at node `at` just read, from its
        /// second key at `start`, for [`Reader::repeat_tail`].
        #[inline(always)]
        fn remember(&mut self, print: u64, start: usize, at: usize, depth: u32) {
            let slot = self.slot(print);
            if let Some(seen) = self.seen.get_mut(slot) {
                *seen = [
                    check(print, depth),
                    start as u32,
                    self.pos.wrapping_sub(start) as u32,
                    at as u32,
                ];
            }
        }

        /// [`Reader::repeat_tail`] for the rest of the object just read,
        /// from its second key at `start`, by [`bounded_print`] (short
        /// rests, which [`fingerprint`] reads past): the values just read
        /// stay unused, so that the importer finds the repeat. Otherwise the
        /// rest is recorded for later objects (the object's node `at`).
        #[inline(never)]
        fn repeat_read(
            &mut self,
            start: usize,
            at: usize,
            depth: u32,
        ) -> Option<std::ops::Range<usize>> {
            let len = self.pos.wrapping_sub(start);
            let print = bounded_print(self.bytes.get(start..self.pos)?)?;
            if let Some((_, rest)) = self.repeat_tail(start, print, depth, Some(len)) {
                return Some(rest);
            }
            self.remember(print, start, at, depth);
            None
        }

        /// Where the parts of the Keras 3 tensor reference at `self.pos`
        /// (its `{`) lie, when it is written as Keras writes it with a flat
        /// shape (else `None`; nothing is read). An inbound node's arguments
        /// are these; their rests seldom repeat (each names its layer).
        #[inline(always)]
        fn tensor_text(&self, depth: u32) -> Option<TensorText> {
            const HEAD: &[u8] = br#"{"class_name": "__keras_tensor__", "config": {"shape": ["#;
            const DTYPE: &[u8] = br#", "dtype": ""#;
            const HISTORY: &[u8] = br#", "keras_history": [""#;
            let bytes = self.bytes;
            let start = self.pos;
            // Three levels below this one (the two objects, then the
            // lists), as `object` and `array` count them.
            if depth <= 3 || !literal(bytes, start, HEAD) {
                return None;
            }
            // The shape's items, up to the first `]`.
            let shape = start.wrapping_add(HEAD.len()).wrapping_sub(1);
            let after_shape = flat_list_end(bytes, shape.wrapping_add(1))?.wrapping_add(1);
            if !literal(bytes, after_shape, DTYPE) {
                return None;
            }
            let dtype = after_shape.wrapping_add(DTYPE.len()).wrapping_sub(1);
            let dtype_end = plain_string(bytes, dtype, PLAIN)?;
            let history = dtype_end.wrapping_add(1);
            if !literal(bytes, history, HISTORY) {
                return None;
            }
            let name = history.wrapping_add(HISTORY.len()).wrapping_sub(1);
            let name_end = plain_string(bytes, name, PLAIN)?;
            let first = name_end.wrapping_add(1);
            if !literal(bytes, first, b", ") {
                return None;
            }
            let (node_index, first_end) = plain_int(bytes, first.wrapping_add(2))?;
            if !literal(bytes, first_end, b", ") {
                return None;
            }
            let (tensor_index, second_end) = plain_int(bytes, first_end.wrapping_add(2))?;
            if !literal(bytes, second_end, b"]}}") {
                return None;
            }
            Some(TensorText {
                start,
                shape,
                after_shape,
                dtype: dtype.wrapping_add(1)..dtype_end,
                history,
                name: name.wrapping_add(1)..name_end,
                node_index,
                tensor_index,
                end: second_end.wrapping_add(3),
            })
        }

        /// The Keras tensor reference at `self.pos`, when it is in the form
        /// [`Reader::tensor_text`] takes (else `None`; nothing is read):
        /// whether it was read. One call for both steps.
        #[inline(never)]
        fn keras_tensor(&mut self, depth: u32) -> Option<Option<()>> {
            let t = self.tensor_text(depth)?;
            Some(self.read_tensor(t, depth))
        }

        /// The tensor reference `t` ([`Reader::tensor_text`]) read: the
        /// nodes and keys that reading it key by key gives (each object's
        /// keys together, the inner object's first).
        #[inline(always)]
        fn read_tensor(&mut self, t: TensorText, depth: u32) -> Option<()> {
            let str_node = |text: std::ops::Range<usize>| Node::Str {
                at: text.start as u32,
                len: text.len() as u32,
            };
            // The two objects' nodes are written when their ends are known.
            let tensor = self.doc.nodes.len();
            let config = tensor.wrapping_add(2);
            let shape = tensor.wrapping_add(3);
            self.doc.nodes.extend_from_slice(&[
                Node::Null,
                // `__keras_tensor__`, after `{"class_name": "`.
                str_node(t.start.wrapping_add(16)..t.start.wrapping_add(32)),
                Node::Null,
            ]);
            // The shape at the depth `object`, `object`, `array` give it.
            self.pos = t.shape;
            self.array(depth.wrapping_sub(2))?;
            if self.pos != t.after_shape {
                return None;
            }
            let dtype = self.doc.nodes.len();
            let history = dtype.wrapping_add(1);
            self.doc.nodes.extend_from_slice(&[
                str_node(t.dtype),
                Node::Array {
                    len: 3,
                    end: (history as u32).wrapping_add(4),
                },
                str_node(t.name.clone()),
                Node::int(t.node_index),
                Node::int(t.tensor_index),
            ]);
            let end = self.doc.nodes.len() as u32;
            // The keys, where they lie in the text: the config's, then the
            // tensor's.
            let key = |at: usize, name: &[u8], value: usize| Key {
                probe: probe(head(name), name.len() as u32),
                at: at as u32,
                value: value as u32,
            };
            let keys = self.doc.keys.len() as u32;
            self.doc.keys.extend_from_slice(&[
                key(t.start.wrapping_add(47), b"shape", shape),
                key(t.after_shape.wrapping_add(3), b"dtype", dtype),
                key(t.history.wrapping_add(3), b"keras_history", history),
                key(
                    t.start.wrapping_add(2),
                    b"class_name",
                    tensor.wrapping_add(1),
                ),
                key(t.start.wrapping_add(36), b"config", config),
            ]);
            *self.doc.nodes.get_mut(config)? = Node::Object {
                len: Count::new(3)?,
                end,
                keys,
            };
            *self.doc.nodes.get_mut(tensor)? = Node::Object {
                len: Count::new(2)?,
                end,
                keys: keys.wrapping_add(3),
            };
            self.pos = t.end;
            Some(())
        }

        #[inline(never)]
        fn object(&mut self, depth: u32) -> Option<()> {
            // A Keras tensor reference is told by two words before the call.
            let start = self.pos;
            if word(self.bytes, start) == Some(u64::from_le_bytes(*b"{\"class_"))
                && word(self.bytes, start.wrapping_add(16))
                    == Some(u64::from_le_bytes(*b"__keras_"))
                && let Some(read) = self.keras_tensor(depth)
            {
                return read;
            }
            let depth = depth.checked_sub(1).filter(|d| *d > 0)?;
            // bounded: at the `{`
            self.pos = self.pos.wrapping_add(1);
            let at = self.doc.nodes.len();
            // Written when the object ends.
            self.doc.nodes.push(Node::Null);
            let first_key = self.pending.len();
            // The print and start of its rest, when read key by key.
            let mut tail: Option<(u64, usize)> = None;
            // Where the earlier keys lie in `keys`, when the rest repeats.
            let mut shared: Option<std::ops::Range<usize>> = None;
            let b = self.skip_ws()?;
            if b == b'}' {
                self.pos = self.pos.wrapping_add(1);
            } else if b != b'"' {
                return None;
            } else {
                let mut pos = self.pos;
                'members: {
                    if !self.member(&mut pos, depth)? {
                        break 'members;
                    }
                    // Keras 3's inbound nodes end `"kwargs": {}}` (a call
                    // without keyword arguments): read here, the rest not
                    // looked up (it is too short for sharing to gain).
                    const KWARGS: &[u8] = br#""kwargs": {}}"#;
                    if depth > 1 && literal(self.bytes, pos, KWARGS) {
                        let value = self.doc.nodes.len();
                        self.doc.nodes.push(Node::Object {
                            len: Count::ZERO,
                            end: (value as u32).wrapping_add(1),
                            keys: self.doc.keys.len() as u32,
                        });
                        self.pending.push(Key {
                            probe: probe(head(b"kwargs"), 6),
                            at: pos.wrapping_add(1) as u32,
                            value: value as u32,
                        });
                        self.pos = pos.wrapping_add(KWARGS.len());
                        break 'members;
                    }
                    // At the second key (out of the loop): the rest may
                    // repeat an earlier one's.
                    let kind = self.worth_trying(first_key, depth);
                    if let Some(kind) = kind
                        && let Some(print) = fingerprint(self.bytes, pos)
                    {
                        let end = self.repeat_tail(pos, print, depth, None);
                        if let Some(t) = self.tries.get_mut(kind) {
                            match end {
                                Some(_) => t.repeated = t.repeated.saturating_add(1),
                                None => t.not = t.not.saturating_add(1),
                            }
                        }
                        if let Some((end, rest)) = end {
                            self.pos = end;
                            shared = Some(rest);
                            break 'members;
                        }
                        tail = Some((print, pos));
                    }
                    while self.member(&mut pos, depth)? {}
                }
            }
            // Read key by key after a lookup (with a fingerprint: not near
            // the end of the text): looked up again by its own text.
            if let Some((_, second)) = tail {
                shared = self.repeat_read(second, at, depth);
            }
            let keys = self.doc.keys.len() as u32;
            let mine = self.pending.get(first_key..)?;
            let mut len = mine.len() as u32;
            match shared {
                // A repeat: its first key, then the earlier object's
                // others, copied once, from the key table itself.
                Some(rest) => {
                    self.doc.keys.push(*mine.first()?);
                    len = (rest.len() as u32).wrapping_add(1);
                    self.doc.keys.extend_from_within(rest);
                }
                None => self.doc.keys.extend_from_slice(mine),
            }
            self.pending.truncate(first_key);
            let end = self.doc.nodes.len() as u32;
            *self.doc.nodes.get_mut(at)? = Node::Object {
                len: Count::low(len),
                end,
                keys,
            };
            if let Some((print, second)) = tail {
                self.remember(print, second, at, depth);
            }
            Some(())
        }

        /// One key and value of an object from the key's quote at `*pos`
        /// (kept in a register): `true` with `*pos` at the next key's quote,
        /// or `false` with `self.pos` after the closing brace.
        #[inline(always)]
        fn member(&mut self, pos: &mut usize, depth: u32) -> Option<bool> {
            let bytes = self.bytes;
            let mut p = *pos;
            let value = self.doc.nodes.len() as u32;
            // The key (one with escapes by `string`).
            let key = match plain_key(bytes, p, PLAIN) {
                Some((end, head)) => {
                    let start = p.wrapping_add(1);
                    p = end.wrapping_add(1);
                    Key {
                        probe: probe(head, end.wrapping_sub(start) as u32),
                        at: start as u32,
                        value,
                    }
                }
                // One with escapes, or a long one: kept in `owned`.
                None => {
                    self.pos = p;
                    let node = self.string()?;
                    p = self.pos;
                    self.doc.owned_keys = true;
                    Key::new(node, self.doc.text, &mut self.doc.owned, value)?
                }
            };
            self.pending.push(key);
            let v = match after(bytes, p, *b": ") {
                // `": "`, as Python's `json.dumps` writes it.
                Some(v) if v > b' ' => {
                    p = p.wrapping_add(2);
                    v
                }
                _ => {
                    self.pos = p;
                    if self.skip_ws()? != b':' {
                        return None;
                    }
                    self.pos = self.pos.wrapping_add(1);
                    let v = self.skip_ws()?;
                    p = self.pos;
                    v
                }
            };
            // The common scalars read here; the rest by `value_at`.
            let string = match v {
                b'"' => plain_string(bytes, p, PLAIN),
                _ => None,
            };
            if let Some(end) = string {
                let start = p.wrapping_add(1);
                p = end.wrapping_add(1);
                self.doc.nodes.push(Node::Str {
                    at: start as u32,
                    len: end.wrapping_sub(start) as u32,
                });
            } else if v == b'n' && literal(bytes, p, b"null") {
                p = p.wrapping_add(4);
                self.doc.nodes.push(Node::Null);
            } else {
                self.pos = p;
                self.value_at(v, depth)?;
                p = self.pos;
            }
            if after(bytes, p, *b", ") == Some(b'"') {
                // `, "` before the next key.
                *pos = p.wrapping_add(2);
                return Some(true);
            }
            if bytes.get(p) == Some(&b'}') {
                self.pos = p.wrapping_add(1);
                return Some(false);
            }
            self.pos = p;
            match self.separator(b'}')? {
                Some(b'"') => {
                    *pos = self.pos;
                    Some(true)
                }
                Some(_) => None,
                None => Some(false),
            }
        }

        /// What follows an item of a list or an object at `self.pos`, off
        /// the common `, ` path: after `,`, the next item's first byte;
        /// after `close`, `None`.
        #[inline(never)]
        fn separator(&mut self, close: u8) -> Option<Option<u8>> {
            let b = self.skip_ws()?;
            self.pos = self.pos.wrapping_add(1);
            match b {
                b',' => self.skip_ws().map(Some),
                _ => (b == close).then_some(None),
            }
        }

        /// A string at its opening quote: a range of the text, or (with
        /// escapes) a decoded copy in `owned`.
        #[inline(always)]
        fn string(&mut self) -> Option<Node> {
            // bounded: the quote is at pos < text.len()
            let start = self.pos.wrapping_add(1);
            let end = scan(self.bytes, start, PLAIN)?;
            match *self.bytes.get(end)? {
                b'"' => {
                    self.pos = end.wrapping_add(1);
                    Some(Node::Str {
                        at: start as u32,
                        len: end.wrapping_sub(start) as u32,
                    })
                }
                b'\\' => {
                    let decoded = self.escaped(start)?;
                    let k = self.doc.owned.len() as u32;
                    self.doc.owned.push(decoded);
                    Some(Node::Owned(k))
                }
                // A control character: not JSON.
                _ => None,
            }
        }

        /// The string from `start` (after its opening quote), which has
        /// escapes, decoded by serde_json (`None` for what it refuses,
        /// e.g. a lone surrogate).
        #[inline(never)]
        fn escaped(&mut self, start: usize) -> Option<String> {
            let mut pos = start;
            // Its closing quote: the first `"` not escaped.
            loop {
                let end = scan(self.bytes, pos, PLAIN)?;
                match *self.bytes.get(end)? {
                    b'"' => {
                        let quoted = self
                            .doc
                            .text
                            .get(start.checked_sub(1)?..end.checked_add(1)?)?;
                        self.pos = end.checked_add(1)?;
                        return serde_json::from_str(quoted).ok();
                    }
                    b'\\' => pos = end.checked_add(2)?,
                    // A control character: not JSON.
                    _ => return None,
                }
            }
        }

        /// A number at `pos`, pushed as a node.
        #[inline(always)]
        fn number(&mut self) -> Option<()> {
            if let Some((n, end)) = plain_int(self.bytes, self.pos) {
                self.pos = end;
                self.doc.nodes.push(Node::int(n));
                return Some(());
            }
            self.number_slow()
        }

        /// Any other number, pushed as a node.
        #[inline(never)]
        fn number_slow(&mut self) -> Option<()> {
            let n = self.number_value()?;
            self.doc.nodes.push(Node::number(n));
            Some(())
        }

        /// Reads digits: whether there was one.
        fn digits(&mut self) -> bool {
            let start = self.pos;
            while let Some(b'0'..=b'9') = self.peek() {
                self.bump();
            }
            self.pos != start
        }

        fn number_value(&mut self) -> Option<JsonNumber> {
            let start = self.pos;
            let negative = self.peek() == Some(b'-');
            if negative {
                self.bump();
            }
            let digits = self.pos;
            // The integer part: `0`, or digits that do not start with `0`.
            if self.peek()? == b'0' {
                self.bump();
            } else if !self.digits() {
                return None;
            }
            let mut float = false;
            if self.peek() == Some(b'.') {
                float = true;
                self.bump();
                if !self.digits() {
                    return None;
                }
            }
            if let Some(b'e' | b'E') = self.peek() {
                float = true;
                self.bump();
                if let Some(b'+' | b'-') = self.peek() {
                    self.bump();
                }
                if !self.digits() {
                    return None;
                }
            }
            if let Some(b'0'..=b'9') = self.peek() {
                // A leading zero followed by digits.
                return None;
            }
            if float {
                let token = self.doc.text.get(start..self.pos)?;
                let f: f64 = match exact_float(token.as_bytes()) {
                    Some(f) => f,
                    None => token.parse().ok()?,
                };
                return f.is_finite().then_some(JsonNumber::Float(f));
            }
            // The integer's value, when it fits (else serde_json reads it).
            let magnitude: u64 = self.doc.text.get(digits..self.pos)?.parse().ok()?;
            Some(if negative {
                // `-0` and magnitudes past i64 are floats in serde_json:
                // left to it.
                let n = i64::try_from(magnitude).ok()?.checked_neg()?;
                if n >= 0 {
                    return None;
                }
                JsonNumber::NegInt(n)
            } else {
                JsonNumber::PosInt(magnitude)
            })
        }
    }
}

impl<'a> JsonValue<'a> {
    /// Parses JSON text (serde_json's grammar, nesting limit and error
    /// messages; floats correctly rounded); strings without escapes borrow
    /// from `text`.
    pub fn parse(text: &'a str) -> Result<Self> {
        // The importer's flat reader, its nodes turned into a tree.
        Doc::parse(text).map(Doc::into_tree)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_decode_as_serde_json_decodes_them() {
        for text in [
            r#""a\"b\\c\/d\b\f\n\r\t""#,
            r#""\u00e9\u4e2d\uD83D\uDE00 end""#,
            r#""long prefix before the escape: \u0041\u0042""#,
            r#""\uD83D""#,
            r#""\uDE00""#,
            r#""\uD83Dx""#,
            r#""\x""#,
            r#""\u12G4""#,
            r#""\u+123""#,
            "\"tab\tinside\"",
            "\"unterminated \\n",
        ] {
            let ours = Doc::parse(text).map(|d| d.root().as_str().map(str::to_owned));
            match serde_json::from_str::<String>(text) {
                Ok(want) => {
                    assert_eq!(ours.unwrap(), Some(want), "{text}");
                    // Read by the hand-written reader, not left to serde_json.
                    assert!(fast::parse(text).is_some(), "{text}");
                }
                Err(_) => assert!(ours.is_err(), "{text}"),
            }
            // Keys too.
            let obj = format!("{{{text}: 1, \"k\": 2}}");
            let ours = Doc::parse(&obj).map(|d| d.root().get("k").and_then(JsonRef::as_i64));
            match serde_json::from_str::<serde_json::Value>(&obj) {
                Ok(_) => assert_eq!(ours.unwrap(), Some(2), "{obj}"),
                Err(_) => assert!(ours.is_err(), "{obj}"),
            }
        }
        // A key with escapes, given twice: the last value.
        let doc = Doc::parse(r#"{"\u0061": 1, "a": 2}"#).unwrap();
        assert_eq!(doc.root().get("a").and_then(JsonRef::as_i64), Some(2));
    }

    #[test]
    fn exact_floats_are_those_str_parse_gives() {
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            seed >> 33
        };
        let mut taken = 0;
        let mut tokens: Vec<String> = [
            "0.0",
            "-0.0",
            "1e-05",
            "0.99",
            "0.001",
            "1.5e3",
            "2E+22",
            "1e22",
            "1e23",
            "9007199254740993.0",
            "123456789012345678.5",
            "0.000000000000000000000001",
            "1e-22",
            "-7.25E-3",
            "1e0",
        ]
        .map(str::to_owned)
        .to_vec();
        for _ in 0..20_000 {
            let int = next() % 100_000;
            let frac = next() % 1_000_000_000;
            let exp = i64::try_from(next() % 60).unwrap() - 30;
            let sign = if next() % 2 == 0 { "-" } else { "" };
            tokens.push(match next() % 3 {
                0 => format!("{sign}{int}.{frac}"),
                1 => format!("{sign}{int}.{frac}e{exp}"),
                _ => format!("{sign}{int}E{exp}"),
            });
        }
        for t in &tokens {
            let want: f64 = t.parse().unwrap();
            if let Some(got) = fast::exact_float(t.as_bytes()) {
                assert_eq!(got.to_bits(), want.to_bits(), "{t}");
                taken += 1;
            }
        }
        assert!(taken > 5_000, "{taken}");
    }

    #[test]
    fn plain_texts_are_those_without_backslashes_and_control_characters() {
        for len in [0, 1, 63, 64, 255, 256, 257, 600] {
            let text = vec![b'a'; len];
            assert!(fast::plain_text(&text));
            for at in 0..len {
                for special in [b'\\', 0, b'\n', 0x1f] {
                    let mut t = text.clone();
                    t[at] = special;
                    assert!(!fast::plain_text(&t), "{len} {at} {special}");
                }
                let mut t = text.clone();
                t[at] = b' ';
                assert!(fast::plain_text(&t));
            }
        }
    }

    #[test]
    fn plain_integers_read_as_their_digits() {
        let numbers = [
            0u64,
            1,
            7,
            10,
            56,
            224,
            256,
            1024,
            99_999,
            1_234_567,
            10_000_000,
            12_345_678,
            123_456_789,
            999_999_999_999_999_999,
        ];
        for n in numbers {
            for tail in ["", ",", ", 1", "]", "}", " ", ".5", "e3", "E3", "x", "-"] {
                for head in ["", "[", "[1, "] {
                    let text = format!("{head}{n}{tail}");
                    let want = (!matches!(tail.as_bytes().first(), Some(b'.' | b'e' | b'E')))
                        .then(|| (n, head.len() + n.to_string().len()));
                    assert_eq!(fast::plain_int(text.as_bytes(), head.len()), want, "{text}");
                }
            }
        }
        // Leading zeros and past 18 digits: not plain.
        for text in ["00", "01", "007, 1", "0123456789", "1234567890123456789"] {
            assert_eq!(fast::plain_int(text.as_bytes(), 0), None, "{text}");
        }
    }

    #[test]
    fn keys_that_share_head_and_length_are_told_apart() {
        // Keys of each length up to 20 that differ in one byte only, at
        // each place.
        let mut keys = Vec::new();
        for len in 1..=20 {
            for at in 0..len {
                let mut key = vec![b'k'; len];
                key[at] = b'x';
                keys.push(String::from_utf8(key).unwrap());
            }
            keys.push("k".repeat(len));
        }
        let text = format!(
            "{{{}}}",
            keys.iter()
                .enumerate()
                .map(|(i, k)| format!("\"{k}\": {i}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let doc = Doc::parse(&text).unwrap();
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(
                doc.root().get(k).and_then(JsonRef::as_u64),
                Some(i as u64),
                "{k}"
            );
        }
        assert!(doc.root().get("kkkkkkkkkkkkkkkkkkkkk").is_none());
        assert!(doc.root().get("").is_none());
    }

    #[test]
    fn counts_of_2_24_keys_or_more_are_told() {
        let object = |n: u32| Node::Object {
            len: Count::low(n),
            end: 0,
            keys: 0,
        };
        let big: u32 = 1 << 24;
        let keys = |n: u32| n as usize;
        let nodes = [object(3), Node::Null, object(big - 1), object(0)];
        assert!(fast::counts_whole(&nodes, keys(big + 2)));
        assert!(!fast::counts_whole(&nodes, keys(big + 3)));
        // One object of 2^24 + 5 keys: its count reads as 5.
        let nodes = [object(big + 5), object(2)];
        assert!(!fast::counts_whole(&nodes, keys(big + 7)));
        assert!(fast::counts_whole(&nodes, 7));
    }

    #[test]
    fn counts_and_numbers_keep_their_bits() {
        for n in [0, 1, 255, 256, 65_535, 65_536, Count::MAX as u32] {
            assert_eq!(Count::new(n).unwrap().get(), n);
            assert_eq!(Count::low(n).get(), n);
        }
        assert!(Count::new(1 << 24).is_none());
        for n in [
            0,
            1,
            u64::from(u32::MAX),
            1 << 32,
            u64::MAX,
            1e-5f64.to_bits(),
        ] {
            assert_eq!(Bits::new(n).get(), n);
        }
        let doc = Doc::parse("[-9223372036854775808, 18446744073709551615, -0.5, 1e-05]").unwrap();
        let items: Vec<_> = doc.root().as_array().unwrap().collect();
        assert_eq!(items[0].as_i64(), Some(i64::MIN));
        assert_eq!(items[1].as_u64(), Some(u64::MAX));
        assert_eq!(items[2].as_f64(), Some(-0.5));
        assert_eq!(items[3].as_f64(), Some(1e-5));
    }

    #[test]
    fn keys_too_long_for_a_probe_are_found_by_both_readers() {
        // A key's probe keeps lengths up to 254 bytes; longer ones are
        // copied. Around that length, in plain texts and in one with an
        // escape elsewhere, near the end of the text and not.
        for len in [253, 254, 255, 256, 300, 5000] {
            let key = "k".repeat(len);
            let longer = "k".repeat(len + 1);
            for text in [
                format!(r#"{{"{key}": 1, "{longer}": 2, "a": 3}}"#),
                format!(r#"{{"a": "\n", "{key}": 1, "{longer}": 2}}"#),
                format!(r#"[{{"{longer}": 2, "{key}": 1}}]"#),
            ] {
                same_as_serde(&text);
                for doc in both(&text) {
                    let root = match doc.root().as_array() {
                        Some(mut items) => items.next().unwrap(),
                        None => doc.root(),
                    };
                    assert_eq!(root.get(&key).and_then(JsonRef::as_u64), Some(1));
                    assert_eq!(root.get(&longer).and_then(JsonRef::as_u64), Some(2));
                    assert!(root.get(&"k".repeat(len + 2)).is_none());
                    assert!(root.get(&"k".repeat(len - 1)).is_none());
                    let keys: Vec<&str> = root.as_object().unwrap().map(|(k, _)| k).collect();
                    assert!(keys.contains(&key.as_str()) && keys.contains(&longer.as_str()));
                }
            }
        }
    }

    /// `text` read by both readers.
    fn both(text: &str) -> [Doc<'_>; 2] {
        [
            Doc::parse(text).unwrap(),
            Doc::parse_with_serde(text).unwrap(),
        ]
    }

    /// `text` read by the hand-written reader, checked against serde_json's
    /// reading, with fewer nodes than values (its repeats shared).
    fn shared(text: &str) -> Doc<'_> {
        same_as_serde(text);
        let [doc, theirs] = both(text);
        assert!(
            doc.nodes.len() < theirs.nodes.len() / 2,
            "{}",
            doc.nodes.len()
        );
        doc
    }

    /// Parses `text` with both readers and checks they give the same tree
    /// and the same answers through [`JsonRef`].
    fn same_as_serde(text: &str) {
        let ours = Doc::parse(text).unwrap();
        let theirs = Doc::parse_with_serde(text).unwrap();
        assert_eq!(
            format!("{:?}", ours.root().to_value()),
            format!("{:?}", theirs.root().to_value()),
            "{text}"
        );
        assert_eq!(format!("{:?}", ours.root()), format!("{:?}", theirs.root()));
        assert_eq!(
            format!("{:?}", ours.into_tree()),
            format!("{:?}", theirs.into_tree())
        );
    }

    #[test]
    fn pretty_printed_texts_read_as_compact_ones() {
        // Newlines and tabs between values: the reader checks strings
        // for control characters one by one.
        let compact =
            r#"{"a": [1, 2.5, "x"], "b": {"c": null, "d": [true, false]}, "e": "\u00e9"}"#;
        let value: serde_json::Value = serde_json::from_str(compact).unwrap();
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        assert!(pretty.contains('\n'));
        assert!(fast::parse(&pretty).is_some());
        same_as_serde(compact);
        same_as_serde(&pretty);
        same_as_serde("{\"a\":\t1,\r\n\"b\": \"t\"}");
        // A control character inside a string, in a text that has others
        // between values: not JSON.
        assert!(Doc::parse("{\"a\":\n\"x\ty\"}").is_err());
        assert!(Doc::parse("[\"x\u{1f}\"]").is_err());
    }

    #[test]
    fn repeated_objects_read_as_their_first_reading() {
        let policy = r#"{"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null}"#;
        let init = r#"{"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": null}, "registered_name": null}"#;
        let layer = |name: &str| {
            format!(
                r#"{{"name": "{name}", "dtype": {policy}, "kernel_initializer": {init}, "bias_initializer": {init}, "shapes": [{policy}, [{init}, {policy}]]}}"#
            )
        };
        let text = format!(
            r#"{{"layers": [{}, {}, {}], "dtype": {policy}, "last": {policy}}}"#,
            layer("a"),
            layer("b"),
            layer("a"),
        );
        let doc = shared(&text);
        let layers: Vec<JsonRef<'_>> = doc
            .root()
            .get("layers")
            .unwrap()
            .as_array()
            .unwrap()
            .collect();
        for (l, name) in layers.iter().zip(["a", "b", "a"]) {
            assert_eq!(l.get("name").and_then(JsonRef::as_str), Some(name));
            let dtype = l.get("dtype").unwrap();
            assert!(dtype.is_object());
            assert_eq!(dtype.kind(), "an object");
            assert_eq!(
                dtype
                    .get("config")
                    .and_then(|c| c.get("name"))
                    .and_then(JsonRef::as_str),
                Some("float32")
            );
            let keys: Vec<&str> = dtype.as_object().unwrap().map(|(k, _)| k).collect();
            assert_eq!(keys, ["module", "class_name", "config", "registered_name"]);
            assert!(dtype.get("registered_name").unwrap().is_null());
            let shapes: Vec<&str> = l
                .get("shapes")
                .unwrap()
                .as_array()
                .unwrap()
                .map(JsonRef::kind)
                .collect();
            assert_eq!(shapes, ["an object", "a list"]);
        }
        // The third layer repeats the first: the same value.
        assert_eq!(layers[0].to_value(), layers[2].to_value());
        assert_eq!(
            doc.root().get("last").unwrap().to_value(),
            layers[1].get("dtype").unwrap().to_value()
        );
    }

    #[test]
    fn short_repeated_rests_followed_by_other_text_are_shared() {
        // Short configs (their rest well under the 256 bytes looked at
        // ahead) followed by their layer's name: the repeats of the rest
        // share its values (the node at the second key), the others not.
        let layer = |name: &str, act: &str| {
            format!(
                r#"{{"config": {{"name": "{name}", "trainable": true, "activation": "{act}"}}, "name": "{name}", "inbound": [[["x{name}", 0, 0]]]}}"#
            )
        };
        // (Not looked up in the last 256 bytes of the text.)
        let text = format!(
            "[{}, {}, {}, {}, {:?}]",
            layer("a", "relu"),
            layer("bb", "relu"),
            layer("c", "tanh"),
            layer("dddd", "relu"),
            "x".repeat(256)
        );
        same_as_serde(&text);
        let doc = Doc::parse(&text).unwrap();
        let second = |l: JsonRef<'_>| match l.get("config").unwrap().as_object().unwrap().nth(1) {
            Some((_, JsonRef::Flat(_, i))) => i,
            _ => panic!("not a node"),
        };
        let layers: Vec<JsonRef<'_>> = doc.root().as_array().unwrap().take(4).collect();
        let seconds: Vec<usize> = layers.iter().map(|l| second(*l)).collect();
        assert_eq!(seconds[0], seconds[1]);
        assert_eq!(seconds[0], seconds[3]);
        assert_ne!(seconds[0], seconds[2]);
        for (l, (name, act)) in layers.iter().zip([
            ("a", "relu"),
            ("bb", "relu"),
            ("c", "tanh"),
            ("dddd", "relu"),
        ]) {
            let config = l.get("config").unwrap();
            assert_eq!(config.get("name").and_then(JsonRef::as_str), Some(name));
            assert_eq!(
                config.get("activation").and_then(JsonRef::as_str),
                Some(act)
            );
            let keys: Vec<&str> = config.as_object().unwrap().map(|(k, _)| k).collect();
            assert_eq!(keys, ["name", "trainable", "activation"]);
        }
    }

    #[test]
    fn repeated_short_lists_read_as_serde_json_reads_them() {
        // Lists of 2 to 30 bytes, repeated in other places and followed
        // by other text; some end past their first `]` (in a string) or
        // hold lists.
        let lists = [
            "[]",
            "[null, 56, 56, 256]",
            "[null, 224, 224, 3]",
            "[1, 1]",
            "[1, 1, 1, 1, 1, 1, 1, 1]",
            "[12345, 12345, 123456]",
            "[1234567, 1234567, 1234]",
            "[1234567, 1234567, 4321]",
            "[1, 1, 2]",
            "[1, 1, 3]",
            "[12345678, 12345678, 1234]",
            "[null, \"a]\", 1, 2, 3]",
            "[1, [2, 3], 4]",
            "[-1, 0.5, 1e-05, true]",
            "[ 1 ,\n 2 ]",
        ];
        for (i, a) in lists.iter().enumerate() {
            for b in &lists[i..] {
                let text = format!(
                    r#"{{"a": {a}, "b": [{b}, {a}], "c": {{"shape": {a}, "x": {b}}}, "d": {b}, "e": [{a}]}}"#
                );
                same_as_serde(&text);
                same_as_serde(&format!("[{a}, {b}, {a}, {b}]"));
            }
        }
    }

    #[test]
    fn objects_that_differ_in_their_first_key_only_read_alike() {
        // Long enough rests (past the 256 bytes the reader hashes), with
        // lists, objects and escapes in them.
        let rest = r#""trainable": true, "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null}, "kernel_size": [3, 3], "strides": [1, 1], "padding": "same", "note": "a\"b", "activation": "relu", "use_bias": false, "kernel_initializer": {"module": "keras.initializers", "class_name": "HeNormal", "config": {"seed": null}, "registered_name": null}, "shape": [null, [1, {"x": [2]}]], "epsilon": 1e-05, "units": 12}"#;
        let layer = |name: &str| format!(r#"{{"name": "{name}", {rest}"#);
        let text = format!(
            r#"[{}, {}, {{"other": 1, {rest}, {}, [{}], {{"name": "d", "trainable": false}}]"#,
            layer("a"),
            layer("b"),
            layer("c"),
            layer("e"),
        );
        let doc = shared(&text);
        let items: Vec<JsonRef<'_>> = doc.root().as_array().unwrap().collect();
        for (v, name) in [(items[0], "a"), (items[1], "b"), (items[3], "c")] {
            assert_eq!(v.get("name").and_then(JsonRef::as_str), Some(name));
            assert_eq!(v.get("units").and_then(JsonRef::as_u64), Some(12));
            assert_eq!(v.get("note").and_then(JsonRef::as_str), Some("a\"b"));
            assert_eq!(v.get("epsilon").and_then(JsonRef::as_f64), Some(1e-05));
            assert_eq!(
                v.get("shape")
                    .and_then(|s| s.as_array())
                    .and_then(|mut s| s.nth(1))
                    .and_then(|s| s.as_array())
                    .and_then(|mut s| s.nth(1))
                    .and_then(|x| x.get("x"))
                    .map(JsonRef::kind),
                Some("a list")
            );
            let keys: Vec<&str> = v.as_object().unwrap().map(|(k, _)| k).collect();
            assert_eq!(keys.len(), 13);
            assert_eq!(keys[0], "name");
            assert_eq!(keys[12], "units");
            assert!(v.get("other").is_none());
        }
        assert_eq!(items[2].get("other").and_then(JsonRef::as_i64), Some(1));
        assert_eq!(items[2].get("units").and_then(JsonRef::as_u64), Some(12));
        assert!(items[2].get("name").is_none());
        assert_eq!(
            items[5].get("trainable").and_then(JsonRef::as_bool),
            Some(false)
        );
    }

    #[test]
    fn random_texts_with_repeats_read_as_serde_json_reads_them() {
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        // Values written as Python's `json.dumps` writes them, built from
        // a small stock so that objects and their rests repeat, some of
        // them broken (a missing brace, a stray comma, a control
        // character) to check that errors stay errors.
        fn value(next: &mut dyn FnMut(u64) -> u64, stock: &mut Vec<String>, depth: u32) -> String {
            if !stock.is_empty() && next(3) == 0 {
                let i = usize::try_from(next(stock.len() as u64)).unwrap();
                return stock[i].clone();
            }
            let v = match (depth, next(8)) {
                (0, _) | (_, 0) => ["null", "true", "1", "-2", "0.5", "1e-05", "\"s\\n\""]
                    [usize::try_from(next(7)).unwrap()]
                .to_owned(),
                (_, 1..=2) => format!("\"name_{}\"", next(50)),
                (_, 3..=4) => {
                    let items: Vec<String> = (0..next(5))
                        .map(|_| value(next, stock, depth - 1))
                        .collect();
                    format!("[{}]", items.join(", "))
                }
                _ => {
                    let keys = [
                        "name",
                        "trainable",
                        "dtype",
                        "units",
                        "config",
                        "kernel_initializer",
                        "a\"b",
                    ];
                    let members: Vec<String> = (0..next(7))
                        .map(|_| {
                            let k = keys[usize::try_from(next(keys.len() as u64)).unwrap()];
                            format!("\"{k}\": {}", value(next, stock, depth - 1))
                        })
                        .collect();
                    format!("{{{}}}", members.join(", "))
                }
            };
            if (20..2000).contains(&v.len()) {
                stock.push(v.clone());
            }
            v
        }
        let mut stock = Vec::new();
        // Texts without escapes and control characters take the other
        // reader: each is checked often.
        let mut plain = [0; 2];
        for round in 0..300 {
            let mut text = value(&mut next, &mut stock, 6);
            if round % 2 == 0 {
                text = text.replace("\\n", "n").replace("a\\\"b", "ab");
            }
            match next(10) {
                0 => text.push('}'),
                1 => text = text.replacen(", ", ",, ", 1),
                2 => text = text.replacen("name", "na\u{1}me", 1),
                3 => text = format!("[{text}, {text}, {text}]"),
                _ => {}
            }
            plain[usize::from(fast::plain_text(text.as_bytes()))] += 1;
            match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(_) => same_as_serde(&text),
                Err(_) => assert!(Doc::parse(&text).is_err(), "round {round}: {text}"),
            }
        }
        assert!(plain.iter().all(|n| *n > 100), "{plain:?}");
    }

    #[test]
    fn keras_tensors_and_inbound_nodes_read_as_serde_json_reads_them() {
        let tensor = |shape: &str, dtype: &str, name: &str, tail: &str| {
            format!(
                r#"{{"class_name": "__keras_tensor__", "config": {{"shape": {shape}, "dtype": {dtype}, "keras_history": [{name}, 0, 1{tail}]}}}}"#
            )
        };
        let f32 = "\"float32\"";
        let conv = "\"conv1\"";
        // The form read at once, then near misses (read key by key).
        let texts = [
            tensor("[null, 56, 56, 256]", f32, conv, ""),
            tensor("[]", f32, "\"\"", ""),
            tensor("[-1, 3, null]", "\"int32\"", conv, ""),
            tensor("[null, true]", f32, conv, ""),
            tensor("[[null, 3], [4]]", f32, conv, ""),
            tensor("[null, \"x]\"]", f32, conv, ""),
            tensor("[1e3, 0.5]", f32, conv, ""),
            tensor("[null, 3]", "null", conv, ""),
            tensor("[null, 3]", "\"a\\\"b\"", conv, ""),
            tensor("[null, 3]", f32, "\"a\\nb\"", ""),
            tensor("[null, 3]", f32, conv, ", 2"),
            tensor("[null, 3]", f32, conv, "], \"x\": [1"),
            tensor("[null,3]", f32, conv, ""),
            tensor("[null, 3]", f32, "7", ""),
            tensor("[null, 18446744073709551615]", f32, conv, ""),
            tensor("[-0]", f32, conv, ""),
            tensor("[null, 123456789012345678901]", f32, conv, ""),
        ];
        for t in &texts {
            let args = format!(r#"[{{"args": [{t}, {t}], "kwargs": {{}}}}, {t}]"#);
            let kwargs = format!(
                r#"[{{"args": [{t}], "kwargs": {{"mask": null}}}}, {{"args": [], "kwargs": {{}} }}]"#
            );
            let spaced = t.replace("keras_history\": [", "keras_history\": [ ");
            for text in [t, &args, &kwargs, &spaced] {
                match serde_json::from_str::<serde_json::Value>(text) {
                    Ok(_) => same_as_serde(text),
                    Err(_) => assert!(Doc::parse(text).is_err(), "{text}"),
                }
            }
            let doc = Doc::parse(t).unwrap();
            let config = doc.root().get("config").unwrap();
            assert_eq!(
                doc.root().get("class_name").unwrap().as_str(),
                Some("__keras_tensor__")
            );
            let history = config.get("keras_history").unwrap().as_array().unwrap();
            assert!(history.len() >= 3, "{t}");
            assert!(config.get("shape").unwrap().is_array(), "{t}");
            assert!(config.get("dtype").is_some(), "{t}");
        }
        // Errors stay errors.
        for broken in [
            tensor("[null, 56", f32, conv, ""),
            tensor("[nul]", f32, conv, ""),
            tensor("[null, 3]", f32, conv, ",]"),
            tensor("[null, 3]", f32, "\"a\u{1}b\"", ""),
        ] {
            assert!(serde_json::from_str::<serde_json::Value>(&broken).is_err());
            assert!(Doc::parse(&broken).is_err(), "{broken}");
        }
        // The nesting limit, at and around the levels the tensor and an
        // inbound node add.
        let t = &texts[0];
        let node = r#"{"args": [1], "kwargs": {}}"#;
        for (n, inner) in (120..128).flat_map(|n| [(n, t.as_str()), (n, node)]) {
            let text = format!("{}{inner}{}", "[".repeat(n), "]".repeat(n));
            match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(_) => same_as_serde(&text),
                Err(_) => assert!(Doc::parse(&text).is_err(), "{n}"),
            }
        }
    }

    #[test]
    fn a_repeated_object_keeps_the_nesting_limit() {
        // An object 120 levels deep read at depth 2, then again 10 levels
        // deeper: past serde_json's limit of 128 there.
        let deep = format!("{}1{}", r#"{"a": "#.repeat(120), "}".repeat(120));
        let shallow = format!("[{deep}, 0]");
        same_as_serde(&shallow);
        let text = format!("[{deep}, {}{deep}{}]", "[".repeat(10), "]".repeat(10));
        assert!(serde_json::from_str::<serde_json::Value>(&text).is_err());
        let err = Doc::parse(&text).unwrap_err().to_string();
        assert!(err.contains("recursion limit exceeded"), "{err}");
        // Deeper first, then shallower: both read.
        let text = format!("[{}{deep}{}, {deep}]", "[".repeat(5), "]".repeat(5));
        same_as_serde(&text);
        // The same for the rest of an object after its first key.
        let text = format!(
            r#"[{{"n": 1, "d": {deep}}}, {}{{"n": 2, "d": {deep}}}{}]"#,
            "[".repeat(10),
            "]".repeat(10)
        );
        assert!(serde_json::from_str::<serde_json::Value>(&text).is_err());
        assert!(Doc::parse(&text).is_err());
        let text = format!(
            r#"[{}{{"n": 1, "d": {deep}}}{}, {{"n": 2, "d": {deep}}}]"#,
            "[".repeat(4),
            "]".repeat(4)
        );
        same_as_serde(&text);
    }

    #[test]
    fn a_config_reads_a_key_given_twice_as_its_last_value() {
        // Short and long keys (the latter looked up apart), and a text
        // whose keys have escapes (looked up by their decoded text).
        for text in [
            r#"{"units": 1, "kernel_initializer": "a", "units": 2, "kernel_initializer": "b", "x": null}"#,
            r#"{"units": 1, "kernel_initializer": "a", "un\u0069ts": 2, "kernel_initializer": "b", "x": null}"#,
            r#"{"units": 1, "kernel_initializer": "a", "units": 2, "kernel_initializ\u0065r": "b", "x": null}"#,
        ] {
            for doc in both(text) {
                let cfg = crate::config::cfg::Cfg::from_ref(doc.root(), "config").unwrap();
                assert_eq!(cfg.int("units").unwrap(), 2, "{text}");
                assert_eq!(
                    cfg.opt_str("kernel_initializer").unwrap(),
                    Some("b"),
                    "{text}"
                );
                assert!(cfg.is_null("x"));
                assert!(!cfg.is_null("y"));
                assert!(cfg.int("y").is_err());
                assert!(cfg.opt_str("kernel_initializers").unwrap().is_none());
            }
        }
    }

    #[test]
    fn configs_stay_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Doc<'static>>();
        check::<crate::config::cfg::Cfg<'static>>();
    }

    #[test]
    fn reads_as_the_tree_reads() {
        let text = r#"{"a": [1, -2, 2.5, "x\ny", null, true, {}], "b": {"c": "d"}, "a": 3}"#;
        let doc = Doc::parse(text).unwrap();
        let tree = JsonValue::parse(text).unwrap();
        let r = doc.root();
        assert_eq!(r.get("a").and_then(JsonRef::as_i64), Some(3));
        assert_eq!(
            r.get("b")
                .and_then(|b| b.get("c"))
                .and_then(JsonRef::as_str),
            Some("d")
        );
        assert_eq!(r.to_value(), &tree);
        assert_eq!(r.as_object().map(|m| m.len()), Some(3));
        let first = r.as_object().unwrap().next().unwrap().1;
        let items: Vec<&str> = first.as_array().unwrap().map(JsonRef::kind).collect();
        assert_eq!(
            items,
            [
                "a number",
                "a number",
                "a number",
                "a string",
                "null",
                "a boolean",
                "an object"
            ]
        );
        assert_eq!(
            first.as_array().unwrap().nth(3).and_then(JsonRef::as_str),
            Some("x\ny")
        );
        let sorted: Vec<&str> = r.sorted().into_iter().map(|(k, _)| k).collect();
        assert_eq!(sorted, ["a", "b"]);
        assert!(
            Doc::parse("[1,")
                .unwrap_err()
                .to_string()
                .contains("not valid JSON")
        );
    }

    #[test]
    fn both_readers_agree_with_the_tree() {
        let deep = format!("{}{}", "[".repeat(127), "]".repeat(127));
        for text in [
            r#"{"a": 1, "b": {"a": 2, "a": [3]}, "c": [], "d": {}}"#,
            r#"[-0, 0, -1, 18446744073709551615, 18446744073709551616, 1e-30, 2.5E+3]"#,
            r#"{"k\"ey": "v\u00e9", "e": "", "t": true, "f": false, "n": null}"#,
            " [ 1 , { \"x\" : [ ] } ] ",
            deep.as_str(),
        ] {
            let tree = JsonValue::parse(text).unwrap();
            for doc in both(text) {
                let v = doc.root().to_value();
                assert_eq!(format!("{v:?}"), format!("{tree:?}"), "{text}");
            }
        }
        let doc = Doc::parse(r#"{"a": 1, "b": 2, "a": 3}"#).unwrap();
        assert_eq!(doc.root().get("a").and_then(JsonRef::as_i64), Some(3));
        let doc = Doc::parse_with_serde(r#"{"a": 1, "b": 2, "a": 3}"#).unwrap();
        assert_eq!(doc.root().get("a").and_then(JsonRef::as_i64), Some(3));
        for bad in [
            "",
            "[",
            "{\"a\" 1}",
            "[1,]",
            "01",
            "[1] x",
            &format!("{deep}]"),
        ] {
            assert!(Doc::parse(bad).is_err(), "{bad}");
        }
    }
}
