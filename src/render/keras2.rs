//! tf.keras 2's summary text (`tf_keras/src/utils/layer_utils.py`,
//! `print_summary`, as tf_keras 2.21.0 prints it), byte for byte.
//!
//! tf.keras 2 prints plain ASCII columns (`_` and `=` rules), shapes as
//! Python tuples (`(None, 128)`, `(None,)`), an `InputLayer`'s shape as a
//! one-element list (`[(None, 784)]`), `multiple` for a layer whose calls
//! output different shapes, the `Connected to` cell as a Python list of
//! strings wrapped after each `',`, parameter counts without thousands
//! separators and sizes in `Byte`/`KB`/`MB`. Its widths do not depend on
//! the terminal.
//!
//! ```
//! use kerasinfo::prelude::*;
//! use kerasinfo::render::keras2::{self, Keras2Options};
//! let m = Sequential::new().name("s").add(Input::new([4])).add(Dense::new(3).name("dense")).build()?;
//! let text = keras2::render(&m.summary(), &Keras2Options::new())?;
//! assert!(text.contains(" dense (Dense)               (None, 3)                 15        \n"));
//! assert!(text.contains("Total params: 15 (60.00 Byte)\n"));
//! # Ok::<(), kerasinfo::Error>(())
//! ```

use crate::error::{Error, Result};
use crate::shape::Shape;
use crate::summary::{MemorySize, Summary, SummaryRow};

options! {
    /// The options of tf.keras 2's `model.summary(...)` that change the text.
    ///
    /// ```
    /// use kerasinfo::render::keras2::Keras2Options;
    /// let o = Keras2Options::new().line_length(100).show_trainable(true).expand_nested(true);
    /// assert_eq!(o.line_length, Some(100));
    /// ```
    #[derive(Debug, Clone, PartialEq)]
    #[must_use]
    #[non_exhaustive]
    pub struct Keras2Options {
        /// `line_length=`: total width of the rules. Defaults to 65
        /// (sequential-like) or 98, plus 11 with `show_trainable`.
        pub line_length: Option<usize> = None, |line_length: usize| Some(line_length);
        /// `positions=`: right edge of each column, as fractions of the line
        /// length when the last one is at most 1, else absolute columns.
        /// Defaults to `[0.45, 0.85, 1.0]` or `[0.3, 0.6, 0.70, 1.0]`.
        pub positions: Option<Vec<f64>> = None, |positions: impl Into<Vec<f64>>| Some(positions.into());
        /// `show_trainable=`: add the `Trainable` column (`Y`/`N`). Defaults to `false`.
        pub show_trainable: bool = false, |show: bool| show;
        /// `expand_nested=`: print the layers of nested models in `|` frames.
        /// Defaults to `false`.
        pub expand_nested: bool = false, |expand: bool| expand;
        /// `layer_range=`: the first and last layer to print (both
        /// inclusive), regular expressions matched at the start of layer names
        /// as tf_keras's `re.match` does. Defaults to all layers.
        pub layer_range: Option<(String, String)> = None,
            |first: impl Into<String>, last: impl Into<String>| Some((first.into(), last.into()));
        /// How many levels of nested models `expand_nested` prints (`None`,
        /// the default: all, as tf.keras does; `Some(0)`: none). See
        /// [`Keras3Options::expand_nested_depth`](crate::Keras3Options::expand_nested_depth).
        pub expand_nested_depth: Option<usize> = None;
    }
    /// tf.keras 2's defaults.
    pub fn new();
}

expand_nested_depth_setter!(Keras2Options);

/// Python's `repr()` of a string.
fn py_str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len().saturating_add(2));
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// The output shapes of one call, as tf.keras 2's `node.output_shapes`.
fn call_shape_text(row: &SummaryRow, shapes: &[Shape]) -> String {
    let text = super::py_shapes(shapes, row.output_structure);
    if row.is_input && shapes.len() == 1 {
        format!("[{text}]")
    } else {
        text
    }
}

/// tf.keras 2's `layer.output_shape` of a row: for a nested model, the
/// shapes of its own outputs (tf.keras 2's `Functional.output_shape`),
/// whatever it was called on; else the shapes of its calls when they all
/// agree; `None` (`multiple`) when they do not.
pub(crate) fn output_shapes(row: &SummaryRow) -> Option<&[Shape]> {
    if let Some(inner) = &row.nested
        && !inner.output_shapes.is_empty()
    {
        return Some(&inner.output_shapes);
    }
    match row.call_output_shapes.split_first() {
        None => Some(&row.output_shapes),
        Some((first, rest)) if rest.iter().all(|s| s == first) => Some(first),
        _ => None,
    }
}

/// tf.keras 2's `layer.output_shape` cell: the shapes of its calls when
/// they all agree, else `multiple`; for a nested model, the shapes of its
/// own outputs, whatever it was called on.
///
/// ```
/// use kerasinfo::prelude::*;
/// let m = Sequential::new().add(Input::new([3])).add(Dense::new(2)).build()?;
/// assert_eq!(kerasinfo::render::keras2::output_shape_text(&m.summary().rows[0]), "(None, 2)");
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[must_use]
pub fn output_shape_text(row: &SummaryRow) -> String {
    match output_shapes(row) {
        // A layer never called has no shape to show.
        Some([]) if row.call_output_shapes.is_empty() => "multiple".to_owned(),
        Some(shapes) => call_shape_text(row, shapes),
        None => "multiple".to_owned(),
    }
}

/// tf.keras 2's `readable_memory_size`.
fn readable_size(size: MemorySize) -> String {
    super::readable_size(size.bytes(), ["Byte", "KB", "MB", "GB", "TB", "PB"])
}

/// Python's `s[:k]` / `s[k:]` split point for an index that may be negative.
fn py_index(len: usize, k: i64) -> usize {
    let len_i = i64::try_from(len).unwrap_or(i64::MAX);
    let at = if k < 0 { len_i.saturating_add(k) } else { k };
    usize::try_from(at.clamp(0, len_i)).unwrap_or(0)
}

/// Appends `n` spaces (none for `n <= 0`) and counts them in `len`.
fn spaces(out: &mut String, len: &mut i64, n: i64) {
    out.push_str(&repeat(' ', n));
    *len = len.saturating_add(n.max(0));
}

fn repeat(c: char, n: i64) -> String {
    usize::try_from(n)
        .map(|n| std::iter::repeat_n(c, n).collect())
        .unwrap_or_default()
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The column math below is tf.keras 2's on Python ints. Widths are
/// validated before printing (`line_length < 2^40`, positions below 9e15
/// in magnitude) and nesting levels are model depths, so no sum or
/// difference comes near `i64`'s limits: the saturating operations never
/// saturate and compute exactly what Python does.
struct Printer<'a> {
    out: String,
    positions: Vec<i64>,
    line_length: i64,
    sequential_like: bool,
    options: &'a Keras2Options,
}

impl Printer<'_> {
    fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// A line of `n` `fill`s between `bars` bars each side (`expand_nested`'s frames).
    fn framed(&mut self, bars: i64, fill: char, n: i64) {
        let bars = repeat('|', bars);
        self.line(&format!("{bars}{}{bars}", repeat(fill, n)));
    }

    /// `print_row`: the fields wrapped into their columns, line after line.
    fn row(&mut self, fields: &[String], nested_level: i64) -> Result<()> {
        let mut left: Vec<Vec<char>> = fields.iter().map(|f| f.chars().collect()).collect();
        let n_pos = self.positions.len();
        if left.len() > n_pos {
            return Err(Error::Options(format!(
                "positions must have at least {} entries, received {n_pos}",
                left.len()
            )));
        }
        while left.iter().any(|f| !f.is_empty()) {
            let before: usize = left.iter().map(Vec::len).sum();
            let mut line = String::new();
            let mut len: i64 = 0;
            // Column `col` spans from the previous position to its own
            // (`left` has at most as many columns as there are positions).
            let mut start = 0;
            for (col, (text, &end)) in left.iter_mut().zip(&self.positions).enumerate() {
                let last = col.saturating_add(1) == n_pos;
                let space: i64 = if last { 0 } else { 2 };
                // A column but the last keeps its last character blank too.
                let mut cutoff = end
                    .saturating_sub(start)
                    .saturating_sub(if last { 0 } else { 3 });
                start = end;
                if col == 0 {
                    cutoff = cutoff.saturating_sub(nested_level);
                }
                // `py_index` is within `0..=text.len()`.
                let mut fit: &[char] = text.get(..py_index(text.len(), cutoff)).unwrap_or_default();
                // After the first `),`, `},`, `],` or `',`: the end of a
                // window, at most `fit.len()`.
                let candidate = fit
                    .windows(2)
                    .position(|w| matches!(w, [')' | '}' | ']' | '\'', ',']))
                    .map(|i| i.saturating_add(2));
                if let Some(c) = candidate {
                    cutoff = to_i64(c);
                    fit = fit.get(..c).unwrap_or(fit);
                }
                if col == 0 {
                    line.push_str(&repeat('|', nested_level));
                    line.push(' ');
                    len = len.saturating_add(nested_level).saturating_add(1);
                }
                line.extend(fit.iter());
                len = len.saturating_add(to_i64(fit.len()));
                spaces(&mut line, &mut len, space);
                *text = text.split_off(py_index(text.len(), cutoff));
                // The last column leaves room for the closing bars.
                let bars = if last { nested_level } else { 0 };
                let pad = end.saturating_sub(len).saturating_sub(bars);
                spaces(&mut line, &mut len, pad);
            }
            line.push_str(&repeat('|', nested_level));
            self.line(&line);
            let after: usize = left.iter().map(Vec::len).sum();
            if after >= before {
                return Err(Error::Options(
                    "the columns are too narrow to print the summary (tf.keras 2 would loop forever)"
                        .into(),
                ));
            }
        }
        Ok(())
    }

    fn layer_fields(&self, row: &SummaryRow, nested_level: i64) -> Vec<String> {
        let mut fields = vec![
            format!("{} ({})", row.name, row.class_name),
            output_shape_text(row),
            row.params.to_string(),
        ];
        if !self.sequential_like {
            // Only the top-level model's nodes are relevant: the layers of a
            // nested model show no connections.
            let connected = row.connected_to.iter().filter(|_| nested_level == 0);
            let items: Vec<String> = connected.map(|c| py_str_repr(&c.to_string())).collect();
            fields.push(format!("[{}]", items.join(", ")));
        }
        if self.options.show_trainable {
            fields.push(if row.trainable { "Y" } else { "N" }.to_owned());
        }
        fields
    }

    /// Whether the models nested at `nested_level` are expanded.
    fn expands(&self, nested_level: i64) -> bool {
        let levels =
            super::expand_levels(self.options.expand_nested, self.options.expand_nested_depth);
        usize::try_from(nested_level).is_ok_and(|l| l < levels)
    }

    /// `print_layer`.
    fn layer(&mut self, row: &SummaryRow, nested_level: i64, is_nested_last: bool) -> Result<()> {
        let fields = self.layer_fields(row, nested_level);
        self.row(&fields, nested_level)?;
        let mut is_last = is_nested_last;
        let nested = row
            .nested
            .as_deref()
            .filter(|s| self.expands(nested_level) && !s.rows.is_empty());
        // Inside the bars of every enclosing level.
        let inner_width = self
            .line_length
            .saturating_sub(nested_level.saturating_mul(2));
        if let Some(inner) = nested {
            self.framed(
                nested_level.saturating_add(1),
                '¯',
                inner_width.saturating_sub(2),
            );
            let mut rows = inner.rows.iter().peekable();
            while let Some(r) = rows.next() {
                self.layer(r, nested_level.saturating_add(1), rows.peek().is_none())?;
            }
            self.framed(nested_level, '¯', inner_width);
            is_last = true;
        }
        if !is_last {
            self.framed(nested_level, ' ', inner_width);
        }
        Ok(())
    }
}

/// Python's `int(x)` for a finite float, or the error for a position.
fn py_int(x: f64) -> Result<i64> {
    super::py_int(x).ok_or_else(|| Error::Options(format!("invalid position {x}")))
}

/// Renders `summary` as tf.keras 2 (tf_keras 2.21.0) prints it, with its
/// options; the text ends with a newline. A model never built (a
/// Sequential given no `Input`) is an [`Error::Model`] with tf.keras 2's
/// message: its `summary()` raises `This model has not yet been built.`
///
/// ```
/// use kerasinfo::prelude::*;
/// use kerasinfo::render::keras2::{render, Keras2Options};
/// let a = Input::new([3]).name("a").tensor()?;
/// let b = Input::new([3]).name("b").tensor()?;
/// let s = Add::new().name("add").call([&a, &b])?;
/// let m = Functional::new([&a, &b], &s).name("m").build()?;
/// let text = render(&m.summary(), &Keras2Options::new())?;
/// assert!(text.contains(" a (InputLayer)              [(None, 3)]                  0         []"));
/// assert!(text.contains("['a[0][0]',"));
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub fn render(summary: &Summary, options: &Keras2Options) -> Result<String> {
    // tf.keras 2's `Model.summary` refuses a model never built.
    summary.require_built()?;
    let sequential_like = summary.sequential_like;
    let mut headers = vec!["Layer (type)", "Output Shape", "Param #"];
    let (default_length, default_positions): (usize, &[f64]) = if sequential_like {
        (65, &[0.45, 0.85, 1.0])
    } else {
        headers.push("Connected to");
        (98, &[0.3, 0.6, 0.70, 1.0])
    };
    // Python's `line_length or 65`: 0 means the default too.
    let line_length = match options.line_length {
        Some(n) if n > 0 => n,
        _ => default_length,
    };
    let mut line_length = i64::try_from(line_length)
        .ok()
        .filter(|n| *n < 1 << 40)
        .ok_or_else(|| Error::Options(format!("line_length {line_length} is too large")))?;
    let positions: Vec<f64> = match &options.positions {
        Some(p) if !p.is_empty() => p.clone(),
        _ => default_positions.to_vec(),
    };
    let fractional = positions.last().is_some_and(|p| *p <= 1.0);
    let mut positions: Vec<i64> = positions
        .iter()
        .map(|p| {
            if fractional {
                // Python's `int(line_length * p)`.
                #[allow(clippy::cast_precision_loss)]
                py_int(line_length as f64 * p)
            } else if p.fract() == 0.0 {
                py_int(*p)
            } else {
                Err(Error::Options(format!(
                    "absolute position {p} is not an integer"
                )))
            }
        })
        .collect::<Result<_>>()?;
    if options.show_trainable {
        // `line_length < 2^40`: never saturates.
        line_length = line_length.saturating_add(11);
        positions.push(line_length);
        headers.push("Trainable");
    }
    // tf_keras matches both ends with `re.match`, as Keras 3 does.
    let (lo, hi) = super::keras3::layer_bounds(summary, options.layer_range.as_ref())?;
    let mut p = Printer {
        out: String::new(),
        positions,
        line_length,
        sequential_like,
        options,
    };
    p.line(&format!("Model: \"{}\"", summary.name));
    p.line(&repeat('_', line_length));
    let headers: Vec<String> = headers.into_iter().map(str::to_owned).collect();
    p.row(&headers, 0)?;
    p.line(&repeat('=', line_length));
    for row in summary.rows.get(lo..hi).unwrap_or_default() {
        p.layer(row, 0, false)?;
    }
    p.line(&repeat('=', line_length));
    for (which, n, size) in summary.totals().into_iter().take(3) {
        p.line(&format!("{}: {n} ({})", which.label(), readable_size(size)));
    }
    p.line(&repeat('_', line_length));
    Ok(p.out)
}
