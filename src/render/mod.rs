//! Renderers: turn a [`Summary`](crate::Summary) into text. They read the
//! summary's data only; they never look at layer types.
//!
//! - [`keras2`]: tf.keras 2's `model.summary()` text, byte for byte.
//! - [`keras3`]: Keras 3's `model.summary()` table, byte for byte.
//! - [`dot`]: Graphviz DOT like Keras's `keras.utils.model_to_dot`.
//! - [`markdown`]: a GitHub-flavoured Markdown table.
//! - [`json`]: one JSON object (feature `keras-json`).
//! - [`torchinfo`]: the table torchinfo prints, with compute figures.
//! - [`csv`]: one CSV record per row (RFC 4180), with compute and memory
//!   figures.

/// Declares a renderer's options once: each option's field, its doc (the
/// setter's too), its default and its setter (`name = default, |arg: Type,
/// ...| value`; an option whose setter does more is declared `name = default`
/// and given its setter by hand), then `new()` (the defaults) with its doc.
macro_rules! options {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(
                $(#[doc = $doc:literal])*
                $vis:vis $field:ident : $ty:ty = $default:expr
                $(, |$($arg:ident : $arg_ty:ty),+| $value:expr)?
            );* $(;)?
        }
        $(#[doc = $new_doc:literal])*
        pub fn new();
    ) => {
        $(#[$meta])*
        pub struct $name {
            $(
                $(#[doc = $doc])*
                $vis $field: $ty,
            )*
        }

        impl Default for $name {
            fn default() -> Self {
                $name {
                    $($field: $default,)*
                }
            }
        }

        impl $name {
            $(#[doc = $new_doc])*
            pub fn new() -> Self {
                Self::default()
            }

            $(options!(@setter [$($doc)*] $field $(|$($arg: $arg_ty),+| $value)?);)*
        }
    };
    (@setter [$($doc:literal)*] $field:ident) => {};
    (@setter [$($doc:literal)*] $field:ident |$($arg:ident : $arg_ty:ty),+| $value:expr) => {
        $(#[doc = $doc])*
        pub fn $field(mut self, $($arg: $arg_ty),+) -> Self {
            self.$field = $value;
            self
        }
    };
}
pub(crate) use options;

/// `expand_nested_depth(depth)`: expands nested models to `depth` levels
/// and sets `expand_nested`, on an options type that has both.
macro_rules! expand_nested_depth_setter {
    ($name:ident) => {
        impl $name {
            /// Expands nested models to `depth` levels (and sets
            /// `expand_nested`): see
            /// [`Keras3Options::expand_nested_depth`](crate::Keras3Options#structfield.expand_nested_depth).
            pub fn expand_nested_depth(mut self, depth: usize) -> Self {
                self.expand_nested = true;
                self.expand_nested_depth = Some(depth);
                self
            }
        }
    };
}

use crate::args::PyTuple;
use crate::layer::OutputStructure;

pub mod csv;
pub mod dot;
#[cfg(feature = "keras-json")]
pub mod json;
pub mod keras2;
pub mod keras3;
pub mod markdown;
mod pattern;
mod rich;
pub mod torchinfo;

pub use keras3::Keras3Options;

/// The former name of [`Keras3Options`] (every renderer's options are now
/// named after their format).
#[deprecated(since = "0.2.0", note = "renamed `Keras3Options`")]
pub type SummaryOptions = Keras3Options;

/// Python's `int(x)` for a finite float: truncation toward zero.
pub(crate) fn py_int(x: f64) -> Option<i64> {
    if x.is_finite() && x.abs() < 9.0e15 {
        // In range: the cast is exact truncation.
        #[allow(clippy::cast_possible_truncation)]
        Some(x.trunc() as i64)
    } else {
        None
    }
}

/// The levels of nested models an `expand_nested` option lists: none
/// without it, else `depth` levels (all without a depth).
pub(crate) fn expand_levels(expand_nested: bool, depth: Option<usize>) -> usize {
    if expand_nested {
        depth.unwrap_or(usize::MAX)
    } else {
        0
    }
}

/// Calls `f` on each of `rows` (at nesting `level`) and, after a row, on
/// the layers of the model nested in it, `levels` deep. As in Keras's
/// expanded view (`layer.layers`), a nested model lists its layers, not the
/// operations applied to its tensors.
pub(crate) fn visit_rows<'a, E>(
    rows: &'a [crate::SummaryRow],
    levels: usize,
    level: usize,
    f: &mut impl FnMut(&'a crate::SummaryRow, usize) -> Result<(), E>,
) -> Result<(), E> {
    for row in rows.iter().filter(|r| level == 0 || !r.is_operation) {
        f(row, level)?;
        if level < levels
            && let Some(inner) = &row.nested
        {
            // bounded: by the nesting depth of the model
            visit_rows(&inner.rows, levels, level.saturating_add(1), f)?;
        }
    }
    Ok(())
}

/// Shapes as Python prints them: one as a tuple (`(None, 4)`, `(None,)`),
/// several in the list or tuple `structure` says.
pub(crate) fn py_shapes(shapes: &[crate::shape::Shape], structure: OutputStructure) -> String {
    let inner: Vec<String> = shapes
        .iter()
        .map(|s| PyTuple(s.dims()).to_string())
        .collect();
    match (inner.as_slice(), structure) {
        ([one], _) => one.clone(),
        (_, OutputStructure::List) => format!("[{}]", inner.join(", ")),
        (_, OutputStructure::Tuple) => format!("({})", inner.join(", ")),
    }
}

/// `shapes`, each as `text` writes it, several as a list (`[a, b]`), none
/// as `empty`.
pub(crate) fn shape_list(
    shapes: &[crate::shape::Shape],
    empty: &str,
    text: impl Fn(&crate::shape::Shape) -> String,
) -> String {
    match shapes {
        [] => empty.to_owned(),
        [one] => text(one),
        many => {
            let texts: Vec<String> = many.iter().map(text).collect();
            format!("[{}]", texts.join(", "))
        }
    }
}

/// Keras 3's names of the units of [`readable_size`].
pub(crate) const SIZE_UNITS: [&str; 6] = ["B", "KB", "MB", "GB", "TB", "PB"];

/// Writes `size` bytes as Keras prints sizes (`readable_memory_size`:
/// 1024-based `units`, two decimals); tf.keras 2 names its first unit
/// `Byte`.
pub(crate) fn write_size(
    w: &mut impl std::fmt::Write,
    mut size: f64,
    units: [&str; 6],
) -> std::fmt::Result {
    for unit in units {
        if size / 1024.0 < 1.0 {
            return write!(w, "{size:.2} {unit}");
        }
        size /= 1024.0;
    }
    write!(w, "{size:.2} PB")
}

/// [`write_size`] into a new string.
pub(crate) fn readable_size(size: f64, units: [&str; 6]) -> String {
    let mut out = String::new();
    // Writing to a `String` cannot fail.
    let _ = write_size(&mut out, size, units);
    out
}

/// A byte count as Keras 3 prints sizes.
pub(crate) fn readable_bytes(bytes: u64) -> String {
    // Precision loss only above 2^53 bytes.
    #[allow(clippy::cast_precision_loss)]
    let size = bytes as f64;
    readable_size(size, SIZE_UNITS)
}

/// The two memory cells of a row for a batch of `batch` samples: its
/// weights' size and its outputs' size (`?` when unknown), as Keras
/// prints sizes.
pub(crate) fn memory_cells(row: &crate::SummaryRow, batch: u64) -> [String; 2] {
    let params = row
        .param_bytes()
        .map_or_else(|_| "?".to_owned(), readable_bytes);
    let activations = match row.activation_bytes(batch) {
        Ok(Some(b)) => readable_bytes(b),
        _ => "?".to_owned(),
    };
    [params, activations]
}

/// The headers of [`memory_cells`].
pub(crate) const MEMORY_HEADERS: [&str; 2] = ["Param memory", "Activations"];

/// `1234567` as `1,234,567`: Python's `f"{n:,}"`.
pub(crate) fn group_thousands(n: u64) -> String {
    let mut out = String::with_capacity(26);
    push_grouped(&mut out, n);
    out
}

/// Appends what [`group_thousands`] gives.
pub(crate) fn push_grouped(out: &mut String, n: u64) {
    if n < 1000 {
        crate::shape::push_digits(out, n);
        return;
    }
    let mut buf = [0; 20];
    let digits = crate::shape::digit_bytes(n, &mut buf);
    // The first group has 1 to 3 digits, the others 3.
    let mut left = match digits.len() % 3 {
        0 => 3,
        r => r,
    };
    out.reserve(digits.len().saturating_add(digits.len() / 3));
    for &b in digits {
        if left == 0 {
            out.push(',');
            left = 3;
        }
        out.push(char::from(b));
        left = left.saturating_sub(1);
    }
}
