//! Keras 3's automatic names: `dense`, `dense_1`, `dense_2`, …
//!
//! Keras keeps one counter per name prefix in thread-local global state
//! (`keras.src.backend.common.global_state`), reset by
//! `keras.backend.clear_session()`. kerasinfo does the same: every thread
//! has its own counters, and [`clear_session`] resets them.
//!
//! Keras names a layer **when it is constructed**, not when it is called:
//! `Dense(1)(Dropout(0.1)(Dense(32)(x)))` names the outer `Dense(1)`
//! `dense` and the inner one `dense_1`, since Python evaluates the callee
//! before its argument. Rust evaluates
//! `Dense::new(1).call(&Dropout::new(0.1).call(&Dense::new(32).call(&x)?)?)`
//! in the same order, and kerasinfo follows it: every catalog layer takes a
//! place in its class's naming queue in its constructor (`new`), and its
//! automatic name is the one that place gives, whenever the name is first
//! needed (when it is called, made [`shared`] or added to a
//! [`Sequential`]). A layer made but never called still takes its place,
//! as in Keras. A layer given `.name(..)` takes no number, as in Keras —
//! give the name right after `new(..)`, as Keras's `name=` argument is.
//!
//! A custom layer whose [`LayerConfig`] comes from `LayerConfig::default()`
//! takes its name when it is first called; `LayerConfig::new(class)` gives
//! it a place at construction like the catalog's layers.
//!
//! Models are named when built: `Functional::build` is `keras.Model(..)`,
//! and `Sequential::build` is `keras.Sequential([..])` (which Keras names
//! after the layers in its list were made).
//!
//! [`Sequential`]: crate::Sequential
//! [`shared`]: crate::LayerExt::shared
//! [`LayerConfig`]: crate::LayerConfig

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::hash::Hasher;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::weight::DTypePolicy;

/// A class's snake-case prefix and the counter of its prefix.
struct Prefix {
    /// The class name it is the prefix of.
    class: Box<str>,
    snake: String,
    counter: Rc<Cell<u64>>,
    /// The places of this prefix's layers made and not yet named, oldest
    /// first (a layer named explicitly takes no number and leaves it).
    queue: VecDeque<u64>,
}

/// One counter per name prefix (Keras's `name_uids`), the prefixes of the
/// class names seen so far (so that naming a layer takes one hash lookup:
/// a model of a million layers has a handful of classes), and the places of
/// layers made and not yet named. Names come from configs, which may be
/// hostile: the maps keep std's SipHash.
#[derive(Default)]
struct Names {
    uids: HashMap<String, Rc<Cell<u64>>>,
    /// Class name -> index in `prefixes`.
    by_class: HashMap<String, u32>,
    prefixes: Vec<Prefix>,
    /// Names given to places before their layers asked for them (a later
    /// layer of the same prefix was named first).
    resolved: HashMap<u64, String>,
    next_seq: u64,
    /// The prefix indexes of class names seen lately, by a slot of their
    /// length and end bytes; a hit is checked by content, so most
    /// constructions hash no name.
    recent: [u32; RECENT],
    /// The snake-case prefix of each class name seen on this thread, kept
    /// across sessions (it depends on the name alone): a session that
    /// builds a model again does not convert its class names again.
    snakes: HashMap<String, String>,
}

/// How many class names [`Names::recent`] remembers.
const RECENT: usize = 32;

/// How many counters [`clear_session`] zeroes and keeps (a thread that
/// named more drops them all, so that names seen once are not kept for
/// ever).
const KEPT_PREFIXES: usize = 1024;

impl Names {
    fn counter(&mut self, name: &str) -> Rc<Cell<u64>> {
        match self.uids.get(name) {
            Some(c) => Rc::clone(c),
            None => Rc::clone(self.uids.entry(name.to_owned()).or_default()),
        }
    }

    /// The index of `class_name`'s prefix, made on first sight.
    fn prefix_of(&mut self, class_name: &str) -> Option<u32> {
        // Fibonacci hashing of the length and end bytes, not of the address:
        // the slots of a model's classes then do not depend on where the
        // program is loaded (ASLR) or how it is laid out.
        let bytes = class_name.as_bytes();
        let ends = match bytes {
            [first, .., last] => u64::from(*first) << 8 | u64::from(*last) << 16,
            _ => 0,
        };
        let key = ends | bytes.len() as u64;
        let hash = key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 59;
        let slot = usize::try_from(hash).unwrap_or(0) % RECENT;
        if let Some(&i) = self.recent.get(slot)
            && usize::try_from(i)
                .ok()
                .and_then(|i| self.prefixes.get(i))
                .is_some_and(|p| *p.class == *class_name)
        {
            return Some(i);
        }
        let index = self.lookup_prefix(class_name)?;
        if let Some(r) = self.recent.get_mut(slot) {
            *r = index;
        }
        Some(index)
    }

    /// [`prefix_of`](Self::prefix_of) by the class name's text (kept out
    /// of line: `prefix_of` usually finds the class among the recent ones).
    #[inline(never)]
    fn lookup_prefix(&mut self, class_name: &str) -> Option<u32> {
        if let Some(i) = self.by_class.get(class_name) {
            return Some(*i);
        }
        let snake = match self.snakes.get(class_name) {
            Some(s) => s.clone(),
            None => {
                let s = to_snake_case(class_name);
                self.snakes.insert(class_name.to_owned(), s.clone());
                s
            }
        };
        let counter = self.counter(&snake);
        let index = u32::try_from(self.prefixes.len()).ok()?;
        self.prefixes.push(Prefix {
            class: class_name.into(),
            snake,
            counter,
            queue: VecDeque::new(),
        });
        self.by_class.insert(class_name.to_owned(), index);
        Some(index)
    }

    /// Names the places of prefix `p` up to `seq` (included), oldest first;
    /// returns the name of place `seq` itself when it is automatic.
    fn resolve_until(&mut self, p: u32, seq: u64) -> Option<String> {
        let prefix = self.prefixes.get_mut(usize::try_from(p).ok()?)?;
        let mut own = None;
        while let Some(place) = prefix.queue.front().copied() {
            if place > seq {
                break;
            }
            prefix.queue.pop_front();
            let name = next_name(&prefix.snake, &prefix.counter);
            if place == seq {
                own = Some(name);
            } else {
                self.resolved.insert(place, name);
            }
        }
        own
    }

    /// Names every place of prefix `p` (before a name taken now).
    fn resolve_all(&mut self, p: u32) {
        let _ = self.resolve_until(p, u64::MAX);
    }
}

thread_local! {
    static NAMES: RefCell<Names> = RefCell::new(Names::default());
}

thread_local! {
    /// Keras's global dtype policy (`keras.config.set_dtype_policy`), kept
    /// with the names as Keras keeps it (see [`crate::layer::set_dtype_policy`]).
    static GLOBAL_POLICY: Cell<DTypePolicy> = const { Cell::new(DTypePolicy::FLOAT32) };
}

/// Sets this thread's global dtype policy.
pub(crate) fn set_global_policy(policy: DTypePolicy) {
    GLOBAL_POLICY.with(|p| p.set(policy));
}

/// This thread's global dtype policy.
pub(crate) fn global_policy() -> DTypePolicy {
    GLOBAL_POLICY.with(Cell::get)
}

/// Sessions, so that a place taken before [`clear_session`] is not looked
/// up in the next session's queues.
static SESSIONS: AtomicU64 = AtomicU64::new(1);

thread_local! {
    static SESSION: Cell<u64> = Cell::new(SESSIONS.fetch_add(1, Ordering::Relaxed));
}

/// A layer's place in the automatic-naming order, taken when it is
/// constructed (see the [module docs](self)). Copies of a layer share it;
/// the first to be named takes the name, the others take new ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ticket {
    session: u64,
    seq: u64,
    prefix: u32,
}

/// Takes the next place for a layer of `class_name` (at its construction).
pub(crate) fn reserve(class_name: &str) -> Option<Ticket> {
    let session = SESSION.with(Cell::get);
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        let prefix = names.prefix_of(class_name)?;
        let seq = names.next_seq;
        names.next_seq = seq.saturating_add(1);
        let queue = &mut names.prefixes.get_mut(usize::try_from(prefix).ok()?)?.queue;
        queue.push_back(seq);
        Some(Ticket {
            session,
            seq,
            prefix,
        })
    })
}

/// Takes the place of `ticket` out of its queue: explicitly named, it
/// takes no number. (Usually the place just taken, the queue's last: a
/// builder names a layer as it makes it, and the queue stays short.) A
/// place already named (a later layer of its prefix was named first)
/// keeps its number taken.
pub(crate) fn mark_explicit(ticket: Ticket) {
    if SESSION.with(Cell::get) != ticket.session {
        return;
    }
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        let Some(prefix) = usize::try_from(ticket.prefix)
            .ok()
            .and_then(|p| names.prefixes.get_mut(p))
        else {
            return;
        };
        if prefix.queue.back() == Some(&ticket.seq) {
            prefix.queue.pop_back();
            return;
        }
        if let Ok(i) = prefix.queue.binary_search(&ticket.seq) {
            prefix.queue.remove(i);
            return;
        }
        names.resolved.remove(&ticket.seq);
    });
}

/// The automatic name of the layer holding `ticket`: the one its place
/// gives, or (a place of another session or thread, or already claimed
/// by a copy) the next automatic name for `class_name`.
pub(crate) fn claim(ticket: Option<Ticket>, class_name: &str) -> String {
    let session = SESSION.with(Cell::get);
    if let Some(t) = ticket
        && t.session == session
    {
        let found = NAMES.with(|names| {
            let mut names = names.borrow_mut();
            if let Some(name) = names.resolved.remove(&t.seq) {
                return Some(name);
            }
            names.resolve_until(t.prefix, t.seq)
        });
        if let Some(name) = found {
            return name;
        }
    }
    auto_name(class_name)
}

/// The next name for `name` as `counter` counts: `name` the first time,
/// then `name_1`, `name_2`, …
fn next_name(name: &str, counter: &Cell<u64>) -> String {
    let n = counter.get();
    // bounded: one per name made, far below u64::MAX
    counter.set(n.saturating_add(1));
    if n == 0 {
        return name.to_owned();
    }
    // `{name}_{n}` without the formatting machinery (once per
    // automatically named layer), allocated at its exact size.
    let mut buf = [0; 20];
    let digits = crate::shape::digits(n, &mut buf);
    let mut out = String::with_capacity(name.len().saturating_add(digits.len()).saturating_add(1));
    out.push_str(name);
    out.push('_');
    out.push_str(digits);
    out
}

/// Resets the automatic-name counters of this thread, like
/// `keras.backend.clear_session()`.
///
/// ```
/// use kerasinfo::naming::{auto_name, clear_session};
/// clear_session();
/// assert_eq!(auto_name("Dense"), "dense");
/// assert_eq!(auto_name("Dense"), "dense_1");
/// clear_session();
/// assert_eq!(auto_name("Dense"), "dense");
/// ```
pub fn clear_session() {
    NAMES.with(|n| {
        // Emptied in place: the maps keep their room for the next model,
        // and the snake-case prefixes stay (see `Names::snakes`).
        let Names {
            uids,
            by_class,
            prefixes,
            resolved,
            next_seq,
            recent,
            snakes: _,
        } = &mut *n.borrow_mut();
        if uids.len() > KEPT_PREFIXES {
            uids.clear();
            by_class.clear();
            prefixes.clear();
            *recent = [0; RECENT];
        } else {
            // A counter at zero is a counter never used (`next_name` gives
            // the bare name), so the prefixes and counters stay, zeroed: a
            // session that builds a model again finds its classes' prefixes
            // without hashing or allocating.
            for counter in uids.values() {
                counter.set(0);
            }
            for prefix in prefixes.iter_mut() {
                prefix.queue.clear();
            }
        }
        resolved.clear();
        *next_seq = 0;
    });
    SESSION.with(|s| s.set(SESSIONS.fetch_add(1, Ordering::Relaxed)));
    set_global_policy(DTypePolicy::FLOAT32); // Keras resets it too
}

/// The next automatic name for a class, as Keras's `auto_name`.
///
/// ```
/// use kerasinfo::naming::{auto_name, clear_session};
/// clear_session();
/// assert_eq!(auto_name("ZeroPadding2D"), "zero_padding2d");
/// assert_eq!(auto_name("ZeroPadding2D"), "zero_padding2d_1");
/// ```
#[must_use]
pub fn auto_name(class_name: &str) -> String {
    let name = NAMES.with(|names| {
        let mut names = names.borrow_mut();
        let p = names.prefix_of(class_name)?;
        // Layers of this prefix made before now are named before.
        names.resolve_all(p);
        let prefix = names.prefixes.get(usize::try_from(p).ok()?)?;
        Some(next_name(&prefix.snake, &prefix.counter))
    });
    name.unwrap_or_else(|| to_snake_case(class_name))
}

/// `name` the first time, then `name_1`, `name_2`, … (Keras's `uniquify`).
///
/// ```
/// use kerasinfo::naming::{clear_session, uniquify};
/// clear_session();
/// assert_eq!(uniquify("block"), "block");
/// assert_eq!(uniquify("block"), "block_1");
/// ```
#[must_use]
pub fn uniquify(name: &str) -> String {
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        let counter = names.counter(name);
        // Layers made before now whose class counts with this prefix are
        // named before.
        let sharing: Vec<u32> = (0..=u32::MAX)
            .zip(&names.prefixes)
            .filter(|(_, p)| Rc::ptr_eq(&p.counter, &counter) && !p.queue.is_empty())
            .map(|(i, _)| i)
            .collect();
        for p in sharing {
            names.resolve_all(p);
        }
        next_name(name, &counter)
    })
}

/// Keras's `to_snake_case`: `BatchNormalization` → `batch_normalization`,
/// `Conv2D` → `conv2d`, `LSTM` → `lstm`.
///
/// ```
/// use kerasinfo::naming::to_snake_case;
/// assert_eq!(to_snake_case("BatchNormalization"), "batch_normalization");
/// assert_eq!(to_snake_case("Conv2DTranspose"), "conv2d_transpose");
/// assert_eq!(to_snake_case("GlobalAveragePooling2D"), "global_average_pooling2d");
/// assert_eq!(to_snake_case("LSTM"), "lstm");
/// assert_eq!(to_snake_case("InputLayer"), "input_layer");
/// ```
#[must_use]
pub fn to_snake_case(name: &str) -> String {
    // re.sub(r"\W+", "", name)
    let chars: Vec<char> = name
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    // re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name): scanning left to right,
    // non-overlapping; each match consumes the preceding char, the capital
    // and the run of lowercase letters after it.
    let mut step1: Vec<char> = Vec::with_capacity(chars.len().saturating_add(4));
    let mut rest: &[char] = &chars;
    while let [c, after @ ..] = rest {
        if let [up, tail @ ..] = after
            && up.is_ascii_uppercase()
            && tail.first().is_some_and(char::is_ascii_lowercase)
        {
            step1.push(*c);
            step1.push('_');
            step1.push(*up);
            let mut t = tail;
            while let [l, more @ ..] = t
                && l.is_ascii_lowercase()
            {
                step1.push(*l);
                t = more;
            }
            rest = t;
        } else {
            step1.push(*c);
            rest = after;
        }
    }
    // re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()
    let mut out = String::with_capacity(step1.len().saturating_add(4));
    let mut rest: &[char] = &step1;
    while let [c, after @ ..] = rest {
        if let [up, more @ ..] = after
            && c.is_ascii_lowercase()
            && up.is_ascii_uppercase()
        {
            out.push(*c);
            out.push('_');
            out.extend(up.to_lowercase());
            rest = more;
        } else {
            out.extend(c.to_lowercase());
            rest = after;
        }
    }
    out
}

thread_local! {
    /// The open name scopes, each with the joined path (`a/b`) it opens,
    /// shared by every layer built inside it.
    static SCOPES: RefCell<Vec<Arc<str>>> = const { RefCell::new(Vec::new()) };
}

/// The current name scope (`a/b`), under which a layer built now puts its
/// variables, as Keras's `backend.name_scope`.
pub(crate) fn current_scope() -> Option<Arc<str>> {
    SCOPES.with(|s| s.borrow().last().cloned())
}

/// Runs `f` inside the name scope `name` (Keras builds a Sequential's
/// layers inside the model's scope, so their paths start with its name).
pub(crate) fn with_scope<T>(name: &str, f: impl FnOnce() -> T) -> T {
    SCOPES.with(|s| {
        let mut s = s.borrow_mut();
        let path: Arc<str> = match s.last() {
            Some(outer) => format!("{outer}/{name}").into(),
            None => name.into(),
        };
        s.push(path);
    });
    let out = f();
    SCOPES.with(|s| {
        s.borrow_mut().pop();
    });
    out
}

/// A layer's name (or class name), cheap to make and to copy: a short
/// one (up to 22 bytes, almost every Keras name) is kept in place, so
/// that naming a layer allocates nothing and the summary's rows and
/// connections copy it without an atomic count; a longer one is shared.
/// It reads as a `&str` (it derefs to `str`) and compares, orders and
/// hashes as its `str` does, with `str`, `&str` and `String`.
///
/// ```
/// use kerasinfo::prelude::*;
/// let m = Sequential::new().add(Input::new([3])).add(Dense::new(2).name("fc")).build()?;
/// let s = m.summary();
/// let row = &s.rows[0];
/// assert_eq!(row.name, "fc");
/// assert!(row.name.starts_with('f'));
/// let owned: String = row.name.to_string();
/// assert_eq!(owned, row.name.as_str());
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[derive(Clone)]
pub struct Name(Repr);

/// How many bytes of a name are kept in place: most automatic Keras
/// names (`batch_normalization_99` is 22) and the names of Keras
/// Applications' layers (`conv4_block6_1_conv` is 19).
const INLINE: usize = 22;

/// A name's text: a short one in place (most names), so that making one
/// allocates nothing and copying one is a copy of three words, not an
/// atomic count; a longer one shared.
#[derive(Clone)]
enum Repr {
    Inline(Inline),
    Shared(Arc<str>),
}

/// The bytes of a short name, always those of a `str`, zero past its end.
/// Aligned to a word: reading them back as a `str` checks them word by
/// word. `len` is one more than the length, so that it is never zero and
/// `Repr` keeps its variant in that byte: a name is three words.
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(C, align(8))]
struct Inline {
    bytes: [u8; INLINE],
    len: std::num::NonZeroU8,
}

impl Name {
    /// The name as a `&str`.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Only ever filled from a `str` (see `Name::new`): the check
            // cannot fail.
            Repr::Inline(i) => std::str::from_utf8(i.text_bytes()).unwrap_or_default(),
            Repr::Shared(s) => s,
        }
    }

    /// The name's bytes, without reading them as a `str` (comparisons).
    pub(crate) fn text_bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Inline(i) => i.text_bytes(),
            Repr::Shared(s) => s.as_bytes(),
        }
    }

    /// A short `s` in place, a longer one shared (copied once).
    fn new(s: &str) -> Self {
        Name(Inline::new(s).map_or_else(|| Name::shared(s).0, Repr::Inline))
    }

    /// `s` shared, however short: for names read back more often than
    /// they are made (a config's layer names and the summary's class
    /// names, which the renderers print), since a name kept in place is
    /// checked as UTF-8 each time it is read as a `str`.
    pub(crate) fn shared(s: &str) -> Self {
        Name(Repr::Shared(Arc::from(s)))
    }
}

impl Inline {
    fn new(s: &str) -> Option<Inline> {
        let mut bytes = [0; INLINE];
        bytes.get_mut(..s.len())?.copy_from_slice(s.as_bytes());
        let len = u8::try_from(s.len()).ok()?.checked_add(1)?;
        Some(Inline {
            bytes,
            len: std::num::NonZeroU8::new(len)?,
        })
    }

    fn text_bytes(&self) -> &[u8] {
        let len = usize::from(self.len.get()).saturating_sub(1);
        self.bytes.get(..len).unwrap_or_default()
    }
}

impl Default for Name {
    fn default() -> Self {
        Name::new("")
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Repr::Inline(a), Repr::Inline(b)) => a == b,
            _ => self.text_bytes() == other.text_bytes(),
        }
    }
}

impl Eq for Name {}

impl PartialOrd for Name {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Name {
    /// As `str` orders: byte by byte.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.text_bytes().cmp(other.text_bytes())
    }
}

impl std::hash::Hash for Name {
    /// As `str` hashes (a `Name` is looked up by `&str` in a map).
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Name {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `From` impls of [`Name`] for texts (a long one is copied into its
/// shared allocation either way).
macro_rules! name_from {
    ($($text:ty),*) => {$(
        impl From<$text> for Name {
            fn from(s: $text) -> Self {
                Name::new(&s)
            }
        }
    )*};
}
name_from!(&str, String, Box<str>);

impl From<Name> for String {
    fn from(n: Name) -> Self {
        n.as_str().to_owned()
    }
}

macro_rules! name_eq {
    ($($other:ty),*) => {$(
        impl PartialEq<$other> for Name {
            fn eq(&self, other: &$other) -> bool {
                self.text_bytes() == other.as_bytes()
            }
        }
        impl PartialEq<Name> for $other {
            fn eq(&self, other: &Name) -> bool {
                self.as_bytes() == other.text_bytes()
            }
        }
    )*};
}
name_eq!(str, &str, String);

#[cfg(feature = "keras-json")]
impl serde::Serialize for Name {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A fast hash for the short names of classes and layers, eight bytes
/// at a time, each mixed in by a folded multiply (the high and low halves
/// of a 128-bit product, xored) (not keyed: these maps hold a config's
/// names, not adversarial keys that matter for more than speed).
#[derive(Default, Clone, Copy)]
pub(crate) struct NameHasher(u64);

/// The odd constant of the folded multiply (the golden ratio's bits).
const MIX: u64 = 0x9e37_79b9_7f4a_7c15;

/// The high and low halves of `a * b`, xored.
#[inline(always)]
#[allow(clippy::cast_possible_truncation)] // the halves, taken on purpose
fn fold(a: u64, b: u64) -> u64 {
    let p = u128::from(a).wrapping_mul(u128::from(b));
    (p as u64) ^ ((p >> 64) as u64)
}

/// The bytes of `bytes` past its whole words, as one word read with at
/// most two loads (a copy of a few bytes into a buffer is a call to
/// `memcpy`): the last eight bytes of a longer text (overlapping its
/// last whole word: the length, mixed in first, tells such texts
/// apart), or the first and last four, two or one bytes of a shorter
/// one (which together hold every byte).
#[inline(always)]
fn tail(bytes: &[u8]) -> u64 {
    if let Some(w) = bytes.last_chunk::<8>() {
        return u64::from_le_bytes(*w);
    }
    if let (Some(a), Some(b)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        return u64::from(u32::from_le_bytes(*a)) | (u64::from(u32::from_le_bytes(*b)) << 32);
    }
    if let (Some(a), Some(b)) = (bytes.first_chunk::<2>(), bytes.last_chunk::<2>()) {
        return u64::from(u16::from_le_bytes(*a)) | (u64::from(u16::from_le_bytes(*b)) << 16);
    }
    bytes.first().map_or(0, |&b| u64::from(b))
}

impl Hasher for NameHasher {
    fn write(&mut self, bytes: &[u8]) {
        // The length first: "a" and "a\0" differ.
        let mut h = fold(self.0 ^ bytes.len() as u64, MIX);
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let w: [u8; 8] = w.try_into().unwrap_or_default();
            h = fold(h ^ u64::from_le_bytes(w), MIX);
        }
        if !words.remainder().is_empty() {
            h = fold(h ^ tail(bytes), MIX);
        }
        self.0 = h;
    }

    /// The end mark of a `str` (`0xff`, after its bytes): mixed in
    /// without a round of its own, as a map's keys are whole strings.
    fn write_u8(&mut self, i: u8) {
        self.0 ^= u64::from(i);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, RandomState};

    #[test]
    fn numbers_as_python_formats_them() {
        for (n, want) in [
            (0, "x"),
            (1, "x_1"),
            (9, "x_9"),
            (10, "x_10"),
            (12_345, "x_12345"),
            (u64::MAX - 1, "x_18446744073709551614"),
            (u64::MAX, "x_18446744073709551615"),
        ] {
            let counter = Cell::new(n);
            let got = next_name("x", &counter);
            assert_eq!(got, want);
            assert_eq!(got.capacity(), got.len());
            assert_eq!(counter.get(), n.saturating_add(1));
        }
    }

    /// Texts around the inline limit (22 bytes), empty, and with a
    /// two-byte character across it.
    fn texts() -> Vec<String> {
        let mut texts: Vec<String> = [0, 1, 21, 22, 23, 64]
            .iter()
            .map(|&n| "a".repeat(n))
            .collect();
        texts.push(format!("{}é", "b".repeat(20))); // 22 bytes
        texts.push(format!("{}é", "b".repeat(21))); // 23 bytes
        texts.push("conv4_block6_1_conv".into());
        texts
    }

    /// A name in place and the same text shared read, compare, order and
    /// hash alike, and as their `str`.
    #[test]
    fn every_form_of_a_name_is_its_str() {
        assert_eq!(std::mem::size_of::<Name>(), 24);
        let hasher = RandomState::new();
        let texts = texts();
        for t in &texts {
            let forms = [
                Name::from(t.as_str()),
                Name::from(t.clone()),
                Name::from(t.clone().into_boxed_str()),
                Name::shared(t),
            ];
            for n in &forms {
                assert_eq!(n.as_str(), t);
                assert_eq!(n, t.as_str());
                assert_eq!(*n, *t);
                assert_eq!(n.to_string(), *t);
                assert_eq!(format!("{n:?}"), format!("{t:?}"));
                assert_eq!(hasher.hash_one(n), hasher.hash_one(t.as_str()));
                assert_eq!(String::from(n.clone()), *t);
                for m in &forms {
                    assert_eq!(n, m);
                    assert_eq!(n.cmp(m), std::cmp::Ordering::Equal);
                }
                for u in &texts {
                    let other = Name::from(u.as_str());
                    assert_eq!(n.cmp(&other), t.as_str().cmp(u.as_str()), "{t} {u}");
                    assert_eq!(*n == other, t == u);
                }
            }
            let mut map = HashMap::new();
            map.insert(forms[0].clone(), 1);
            assert_eq!(map.get(t.as_str()), Some(&1));
            assert_eq!(map.get(&forms[3]), Some(&1));
        }
        assert_eq!(Name::default(), "");
    }

    fn hash(bytes: &[u8]) -> u64 {
        let mut h = NameHasher::default();
        h.write(bytes);
        h.finish()
    }

    /// Every byte of a text of any length is mixed in: changing any one
    /// changes the hash (the last partial word is read with overlapping
    /// loads, see `tail`).
    #[test]
    fn every_byte_counts() {
        for len in 1..=40 {
            let text: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
            let base = hash(&text);
            for at in 0..len {
                let mut other = text.clone();
                other[at] ^= 0x20;
                assert_ne!(hash(&other), base, "length {len}, byte {at}");
            }
            assert_ne!(hash(&text[..len - 1]), base, "length {len}");
        }
    }

    /// One session's names: automatic ones by class (two classes share a
    /// prefix's counter with `uniquify`), places named out of order, an
    /// explicit name that takes no number.
    fn session() -> Vec<String> {
        let a = reserve("Dense");
        let b = reserve("Dense");
        let c = reserve("Conv2D");
        let d = reserve("Dense");
        if let Some(d) = d {
            mark_explicit(d);
        }
        vec![
            claim(b, "Dense"),
            claim(c, "Conv2D"),
            claim(a, "Dense"),
            uniquify("dense"),
            auto_name("Conv2D"),
            auto_name("BatchNormalization"),
            uniquify("block"),
            uniquify("block"),
        ]
    }

    /// A session after `clear_session` names exactly as the first one,
    /// whether the cleared session's prefixes were kept or, past
    /// `KEPT_PREFIXES` counters, dropped.
    #[test]
    fn every_session_names_as_a_fresh_one() {
        clear_session();
        let first = session();
        assert_eq!(
            first,
            [
                "dense_1",
                "conv2d",
                "dense",
                "dense_2",
                "conv2d_1",
                "batch_normalization",
                "block",
                "block_1"
            ]
        );
        clear_session();
        assert_eq!(session(), first);
        for i in 0..=KEPT_PREFIXES {
            let _ = uniquify(&format!("n{i}"));
        }
        clear_session();
        assert_eq!(session(), first);
        assert_eq!(uniquify("n7"), "n7");
        clear_session();
        assert_eq!(session(), first);
    }
}
