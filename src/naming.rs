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

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

thread_local! {
    static UIDS: RefCell<HashMap<String, u64>> = RefCell::new(HashMap::new());
    /// `to_snake_case` of the class names seen so far (a model of a
    /// million layers has a handful of classes).
    static SNAKE: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
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
    UIDS.with(|u| u.borrow_mut().clear());
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
    SNAKE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(snake) = cache.get(class_name) {
            return uniquify(snake);
        }
        let snake = to_snake_case(class_name);
        let name = uniquify(&snake);
        cache.insert(class_name.to_owned(), snake);
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
    UIDS.with(|u| {
        let mut map = u.borrow_mut();
        let n = match map.get_mut(name) {
            Some(n) => n,
            None => map.entry(name.to_owned()).or_insert(0),
        };
        let out = if *n == 0 {
            name.to_owned()
        } else {
            format!("{name}_{n}")
        };
        // bounded: one per name made, far below usize::MAX
        *n = n.saturating_add(1);
        out
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
