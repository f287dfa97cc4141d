//! Keras 3's automatic names: `dense`, `dense_1`, `dense_2`, …
//!
//! Keras keeps one counter per name prefix in thread-local global state
//! (`keras.src.backend.common.global_state`), reset by
//! `keras.backend.clear_session()`. kerasinfo does the same: every thread
//! has its own counters, and [`clear_session`] resets them.
//!
//! A layer takes its automatic name when it is added to a [`Sequential`]
//! or first called (or made [`shared`]) in a functional graph, which for
//! the usual Keras idioms is the order in which Keras creates it. A layer
//! given an explicit `.name(..)` takes no number, as in Keras.
//!
//! [`Sequential`]: crate::Sequential
//! [`shared`]: crate::LayerExt::shared

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

/// One counter per name prefix (Keras's `name_uids`), and a cache of the
/// class names seen so far with their `to_snake_case` and counter, so that
/// naming a layer takes one hash lookup (a model of a million layers has a
/// handful of classes). Names come from configs, which may be hostile:
/// the maps keep std's SipHash.
#[derive(Default)]
struct Names {
    uids: HashMap<String, Rc<Cell<u64>>>,
    by_class: HashMap<String, (String, Rc<Cell<u64>>)>,
}

impl Names {
    fn counter(&mut self, name: &str) -> Rc<Cell<u64>> {
        match self.uids.get(name) {
            Some(c) => Rc::clone(c),
            None => Rc::clone(self.uids.entry(name.to_owned()).or_default()),
        }
    }
}

thread_local! {
    static NAMES: RefCell<Names> = RefCell::new(Names::default());
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
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    let mut rest = n;
    while let Some(slot) = start.checked_sub(1).and_then(|i| digits.get_mut(i)) {
        *slot = b'0'.saturating_add(u8::try_from(rest % 10).unwrap_or(0));
        start = start.saturating_sub(1);
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let digits = std::str::from_utf8(digits.get(start..).unwrap_or_default()).unwrap_or_default();
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
    NAMES.with(|n| *n.borrow_mut() = Names::default());
    crate::layer::set_dtype_policy(crate::weight::DTypePolicy::FLOAT32); // Keras resets it too
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
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        if let Some((snake, counter)) = names.by_class.get(class_name) {
            return next_name(snake, counter);
        }
        let snake = to_snake_case(class_name);
        let counter = names.counter(&snake);
        let name = next_name(&snake, &counter);
        names
            .by_class
            .insert(class_name.to_owned(), (snake, counter));
        name
    })
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
        let counter = names.borrow_mut().counter(name);
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

#[cfg(test)]
mod next_name_tests {
    use super::next_name;
    use std::cell::Cell;

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
}
