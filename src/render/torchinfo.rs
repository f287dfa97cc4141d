//! The summary laid out as torchinfo prints one
//! (`torchinfo.summary(model, input_size=...)`, torchinfo's
//! `formatting.py` and `model_statistics.py`): `=` rules, a header of the
//! selected columns (each 25 wide after a layer column of at least 40),
//! one row per layer as a tree (`├─`, `│    └─`) with `: depth-index`
//! labels, then `Total params`, `Trainable params`, `Non-trainable
//! params`, `Total mult-adds (M)` and the size lines.
//!
//! What necessarily differs from torchinfo's text for an equivalent
//! PyTorch model:
//! - **Labels**: a row is labelled with the Keras class and the layer's
//!   name, torchinfo's `var_names` style (`Dense (dense): 1-1`, header
//!   `Layer (type (var_name):depth-idx)`), where PyTorch shows its own
//!   class (`Linear: 1-1`). The root row is the model (`Sequential (mlp)`);
//!   `InputLayer`s have no row (PyTorch has no such module).
//! - **Figures** follow Keras and [`crate::compute`]: parameters include
//!   non-trainable weights such as `BatchNormalization`'s moving
//!   statistics (PyTorch keeps them as buffers), `Mult-Adds` are
//!   kerasinfo's MACs (torchinfo adds one per output element for a bias,
//!   see the [`crate::compute`] table), output shapes are channels-last as
//!   Keras's, with the batch dimension set to the batch size, and
//!   `Kernel Shape` shows a convolution kernel's spatial size
//!   (torchinfo also shows pooling windows, which a summary does not
//!   carry). A layer whose cost is unknown shows `?` and adds nothing to
//!   `Total mult-adds`.
//! - Inputs and outputs are sized as `float32` (4 bytes per value) in the
//!   size lines; parameters with their own dtypes.
//! - torchinfo under Python 3.11 prints the unit of `Total mult-adds` as
//!   `(Units.MEGABYTES)`; this renderer prints torchinfo's intended `(M)`
//!   (`G`, `T` above 10⁹, 10¹²).
//!
//! ```
//! use kerasinfo::prelude::*;
//! use kerasinfo::render::torchinfo::{self, Column, TorchinfoOptions};
//! let m = Sequential::new().name("mlp").add(Input::new([784]))
//!     .add(Dense::new(128).use_bias(false)).add(ReLU::new())
//!     .add(Dense::new(10).use_bias(false)).build()?;
//! let opts = TorchinfoOptions::new().columns([Column::OutputSize, Column::NumParams, Column::MultAdds]);
//! let text = torchinfo::render(&m.summary(), &opts)?;
//! assert!(text.contains("├─Dense (dense): 1-1"));
//! assert!(text.contains("Total mult-adds (M): 0.10\n"));
//! # Ok::<(), kerasinfo::Error>(())
//! ```

use super::group_thousands;
use std::fmt::Write as _;

use crate::error::{Error, Result};
use crate::shape::{Dim, Shape};
use crate::summary::{Summary, SummaryRow};

/// A column of torchinfo's table (`col_names`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Column {
    /// `output_size`: `Output Shape`.
    OutputSize,
    /// `num_params`: `Param #` (in parentheses when none trains).
    NumParams,
    /// `params_percent`: `Param %`.
    ParamsPercent,
    /// `kernel_size`: `Kernel Shape`.
    KernelSize,
    /// `mult_adds`: `Mult-Adds` (MACs for the batch).
    MultAdds,
    /// `trainable`: `Trainable` (`True`, `False`, `Partial`, `--`).
    Trainable,
}

impl Column {
    /// The header title, as torchinfo's `HEADER_TITLES`.
    ///
    /// ```
    /// assert_eq!(kerasinfo::render::torchinfo::Column::MultAdds.title(), "Mult-Adds");
    /// ```
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Column::OutputSize => "Output Shape",
            Column::NumParams => "Param #",
            Column::ParamsPercent => "Param %",
            Column::KernelSize => "Kernel Shape",
            Column::MultAdds => "Mult-Adds",
            Column::Trainable => "Trainable",
        }
    }
}

options! {
    /// Options of the torchinfo layout: columns, batch size, depth and column
    /// width (torchinfo's `col_names`, the batch of `input_size`, `depth`,
    /// `col_width`).
    ///
    /// ```
    /// use kerasinfo::render::torchinfo::{Column, TorchinfoOptions};
    /// let o = TorchinfoOptions::new().batch_size(8).columns([Column::MultAdds]);
    /// assert_eq!(o.columns_selected(), [Column::MultAdds]);
    /// assert_eq!(TorchinfoOptions::new().columns_selected(), [Column::OutputSize, Column::NumParams]);
    /// ```
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[must_use]
    #[non_exhaustive]
    pub struct TorchinfoOptions {
        /// The columns, in order (torchinfo's `col_names`).
        columns: Vec<Column> = vec![Column::OutputSize, Column::NumParams],
            |columns: impl IntoIterator<Item = Column>| columns.into_iter().collect();
        /// The batch size: the first dimension of the shapes, and the factor
        /// of the mult-adds and sizes. Defaults to 1.
        batch_size: u64 = 1, |batch_size: u64| batch_size;
        /// The deepest nesting level shown (torchinfo's `depth`). Defaults to 3.
        depth: usize = 3, |depth: usize| depth;
        /// The width of each column but the first. Defaults to 25.
        col_width: usize = 25, |col_width: usize| col_width;
    }
    /// torchinfo's defaults: `Output Shape` and `Param #`, batch size 1,
    /// depth 3, columns 25 wide.
    pub fn new();
}

impl TorchinfoOptions {
    /// The selected columns.
    #[must_use]
    pub fn columns_selected(&self) -> &[Column] {
        &self.columns
    }
}

/// One line of the table.
struct Entry<'a> {
    label: String,
    depth: usize,
    leaf: bool,
    row: Option<&'a SummaryRow>,
    summary: &'a Summary,
    /// Parameters of this entry's children (for a nested model's leftover).
    children_params: u64,
    /// MACs of the leaf rows directly below (a nested model at max depth).
    children_macs: u64,
}

fn overflow(what: &str) -> Error {
    Error::Options(format!(
        "torchinfo layout: arithmetic overflow computing {what}"
    ))
}

fn mul(a: u64, b: u64, what: &str) -> Result<u64> {
    a.checked_mul(b).ok_or_else(|| overflow(what))
}

fn add(a: u64, b: u64, what: &str) -> Result<u64> {
    a.checked_add(b).ok_or_else(|| overflow(what))
}

/// Python's `f"{x:,.2f}"`.
fn grouped_f2(x: f64) -> String {
    let s = format!("{x:.2}");
    if let Some((int, frac)) = s.split_once('.')
        && let Ok(n) = int.parse::<u64>()
    {
        return format!("{}.{frac}", group_thousands(n));
    }
    s
}

/// torchinfo's output size: the shape with the batch size first.
fn shape_text(shape: &Shape, batch: u64) -> String {
    let dims: Vec<String> = shape
        .iter()
        .enumerate()
        .map(|(i, d)| match (i, d) {
            (0, _) => batch.to_string(),
            (_, Dim::Known(n)) => n.to_string(),
            (_, Dim::Unknown) => "None".to_owned(),
        })
        .collect();
    format!("[{}]", dims.join(", "))
}

fn shapes_text(shapes: &[Shape], batch: u64) -> String {
    super::shape_list(shapes, "--", |s| shape_text(s, batch))
}

/// The elements of `shapes` with the batch dimension set to `batch`
/// (`None` if a dimension is unknown).
fn elements(shapes: &[Shape], batch: u64) -> Result<Option<u64>> {
    let mut total = 0u64;
    for s in shapes {
        let mut n = batch;
        for d in s.iter().skip(1) {
            match d.known() {
                Some(d) => n = mul(n, d, "sizes")?,
                None => return Ok(None),
            }
        }
        total = add(total, n, "sizes")?;
    }
    Ok(Some(total))
}

/// A convolution kernel's spatial size: `[3, 3]`.
fn kernel_text(row: &SummaryRow) -> String {
    let kernel = row.weights().iter().find(|w| {
        (w.path.ends_with("/kernel") || w.path.ends_with("/depthwise_kernel")) && w.shape.len() >= 3
    });
    match kernel.and_then(|w| w.shape.get(..w.shape.len().saturating_sub(2))) {
        // `[3, 3]`, as a list prints.
        Some(spatial) => format!("{spatial:?}"),
        None => "--".to_owned(),
    }
}

fn trainable_text(params: u64, trainable: u64) -> &'static str {
    match (params, trainable) {
        (0, _) => "--",
        (_, 0) => "False",
        (p, t) if p == t => "True",
        _ => "Partial",
    }
}

/// Appends `summary`'s rows at `depth` (and their nested rows) to `out`.
fn collect<'a>(summary: &'a Summary, depth: usize, out: &mut Vec<Entry<'a>>) {
    for row in summary.rows.iter().filter(|r| !r.is_input) {
        let inner = row.nested.as_deref();
        let children = inner
            .map_or(&[][..], |s| s.rows.as_slice())
            .iter()
            .filter(|r| !r.is_input);
        out.push(Entry {
            label: format!("{} ({})", row.class_name, row.name),
            depth,
            leaf: inner.is_none(),
            row: Some(row),
            summary: inner.unwrap_or(summary),
            children_params: children
                .clone()
                .fold(0u64, |a, r| a.saturating_add(r.params)),
            children_macs: children
                .filter(|r| r.nested.is_none())
                .filter_map(|r| r.cost())
                .fold(0u64, |a, c| a.saturating_add(c.macs)),
        });
        if let Some(inner) = inner {
            collect(inner, depth.saturating_add(1), out);
        }
    }
}

fn format_row(
    out: &mut String,
    name_width: usize,
    col_width: usize,
    name: &str,
    cells: &[impl std::fmt::Display],
) {
    let mut line = format!("{name:<name_width$} ");
    for c in cells {
        let _ = write!(line, "{c:<col_width$} ");
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

/// torchinfo's `format_output_num` for mult-adds: `(M): 0.10`.
fn macs_total_text(macs: u64) -> String {
    // Precision loss only above 2^53, as in torchinfo's float arithmetic.
    #[allow(clippy::cast_precision_loss)]
    let m = macs as f64;
    let (unit, v) = if m >= 1e12 {
        ("T", m / 1e12)
    } else if m >= 1e9 {
        ("G", m / 1e9)
    } else {
        ("M", m / 1e6)
    };
    if v.fract() == 0.0 && v.abs() < 1e15 {
        // An integral value below 2^53: exact as an integer.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let n = v as u64;
        format!(" ({unit}): {}", group_thousands(n))
    } else {
        format!(" ({unit}): {}", grouped_f2(v))
    }
}

#[allow(clippy::cast_precision_loss)]
fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

/// The summary as torchinfo's table (ending in a newline, as printed).
///
/// Errors only when a figure overflows `u64` for the batch size.
///
/// ```
/// use kerasinfo::prelude::*;
/// use kerasinfo::render::torchinfo::{self, Column, TorchinfoOptions};
/// let m = Sequential::new().name("s").add(Input::new([8, 8, 3]))
///     .add(Conv2D::new(4, 3).name("c")).build()?;
/// let opts = TorchinfoOptions::new().batch_size(2)
///     .columns([Column::OutputSize, Column::KernelSize, Column::MultAdds, Column::Trainable]);
/// let text = torchinfo::render(&m.summary(), &opts)?;
/// let row = text.lines().find(|l| l.starts_with("├─Conv2D (c): 1-1")).unwrap();
/// assert_eq!(row.split_whitespace().collect::<Vec<_>>()[3..], ["[2,", "6,", "6,", "4]", "[3,", "3]", "7,776", "True"]);
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub fn render(summary: &Summary, options: &TorchinfoOptions) -> Result<String> {
    let batch = options.batch_size;
    let cw = options.col_width;
    let mut entries = vec![Entry {
        label: format!("{} ({})", summary.class_name, summary.name),
        depth: 0,
        leaf: false,
        row: None,
        summary,
        children_params: summary
            .rows
            .iter()
            .fold(0u64, |a, r| a.saturating_add(r.params)),
        children_macs: 0,
    }];
    collect(summary, 1, &mut entries);

    // Labels with their depth-index (a running count per depth).
    let mut counters: Vec<usize> = Vec::new();
    let labels: Vec<String> = entries
        .iter()
        .map(|e| {
            let Some(i) = e.depth.checked_sub(1) else {
                return e.label.clone();
            };
            counters.resize(counters.len().max(e.depth), 0);
            let idx = counters.get_mut(i).map_or(0, |c| {
                *c = c.saturating_add(1);
                *c
            });
            format!("{}: {}-{}", e.label, e.depth, idx)
        })
        .collect();
    let longest = entries
        .iter()
        .zip(&labels)
        .map(|(e, l)| {
            l.chars()
                .count()
                .saturating_add(e.depth.saturating_mul(5))
                .saturating_add(1)
        })
        .max()
        .unwrap_or(0);
    let name_width = if longest >= 40 {
        longest.div_ceil(5).saturating_mul(5)
    } else {
        40
    };
    let total_width = options
        .columns
        .len()
        .saturating_mul(cw)
        .saturating_add(name_width);
    let divider = format!("{}\n", "=".repeat(total_width));

    let mut out = divider.clone();
    let titles: Vec<&str> = options.columns.iter().map(|c| c.title()).collect();
    format_row(
        &mut out,
        name_width,
        cw,
        "Layer (type (var_name):depth-idx)",
        &titles,
    );
    out.push_str(&divider);

    let total = summary.total_params;
    let mut total_macs = 0u64;
    let mut fwd_bwd = 0u64;
    for (e, label) in entries.iter().zip(&labels) {
        if e.leaf
            && let Some(row) = e.row
        {
            if let Some(c) = row.cost() {
                total_macs = add(total_macs, mul(c.macs, batch, "mult-adds")?, "mult-adds")?;
            }
            // torchinfo: each call of a layer with parameters counts its
            // (first) output twice, for the gradient (`output_bytes * 2`).
            let once = row
                .call_output_shapes
                .is_empty()
                .then_some(&row.output_shapes);
            let calls = once.into_iter().chain(&row.call_output_shapes);
            for outputs in calls.filter(|_| row.params > 0) {
                if let Some(n) = elements(outputs.get(..1).unwrap_or_default(), batch)? {
                    fwd_bwd = add(fwd_bwd, mul(n, 2, "sizes")?, "sizes")?;
                }
            }
        }
        if e.depth > options.depth {
            continue;
        }
        let reached_max = e.depth == options.depth;
        let (params, trainable) = match e.row {
            Some(r) => (r.params, r.trainable_params),
            None => (summary.total_params, summary.trainable_params),
        };
        let shown_params = if e.leaf || reached_max {
            params
        } else {
            params.saturating_sub(e.children_params)
        };
        let mut cells = Vec::with_capacity(options.columns.len());
        for col in &options.columns {
            cells.push(match col {
                Column::OutputSize => match e.row {
                    Some(r) => shapes_text(&r.output_shapes, batch),
                    None => shapes_text(&e.summary.output_shapes, batch),
                },
                Column::NumParams => {
                    if params == 0 || shown_params == 0 {
                        "--".to_owned()
                    } else if (e.leaf || reached_max) && trainable == 0 {
                        format!("({})", group_thousands(shown_params))
                    } else {
                        group_thousands(shown_params)
                    }
                }
                Column::ParamsPercent => {
                    if total == 0 || shown_params == 0 {
                        "     --".to_owned()
                    } else {
                        #[allow(clippy::cast_precision_loss)]
                        let pct = shown_params as f64 / total as f64 * 100.0;
                        format!("{:>7}", format!("{pct:.2}%"))
                    }
                }
                Column::KernelSize => e
                    .row
                    .filter(|_| e.leaf)
                    .map_or_else(|| "--".to_owned(), kernel_text),
                Column::MultAdds => {
                    let macs = if e.leaf {
                        e.row.and_then(|r| r.cost()).map(|c| c.macs)
                    } else if reached_max {
                        Some(e.children_macs)
                    } else {
                        Some(0)
                    };
                    match macs {
                        None => "?".to_owned(),
                        Some(0) => "--".to_owned(),
                        Some(m) => group_thousands(mul(m, batch, "mult-adds")?),
                    }
                }
                Column::Trainable => trainable_text(params, trainable).to_owned(),
            });
        }
        let prefix = match e.depth {
            0 => String::new(),
            1 => "├─".to_owned(),
            d => format!("{}└─", "│    ".repeat(d.saturating_sub(1))),
        };
        format_row(
            &mut out,
            name_width,
            cw,
            &format!("{prefix}{label}"),
            &cells,
        );
    }
    out.push_str(&divider);
    for (which, n, _) in summary.totals().into_iter().take(3) {
        let _ = writeln!(out, "{}: {}", which.label(), group_thousands(n));
    }
    let _ = writeln!(out, "Total mult-adds{}", macs_total_text(total_macs));
    out.push_str(&divider);
    let input_shapes = model_input_shapes(summary);
    let input_bytes = mul(elements(&input_shapes, batch)?.unwrap_or(0), 4, "sizes")?;
    let fwd_bwd_bytes = mul(fwd_bwd, 4, "sizes")?;
    // Parameter bytes: Keras's sizes (each weight in its dtype).
    let param_bytes = summary.total_size.bits / 8;
    let total_bytes = add(
        add(input_bytes, fwd_bwd_bytes, "sizes")?,
        param_bytes,
        "sizes",
    )?;
    let sizes = [
        ("Input size", input_bytes),
        ("Forward/backward pass size", fwd_bwd_bytes),
        ("Params size", param_bytes),
        ("Estimated Total Size", total_bytes),
    ];
    for (label, bytes) in sizes {
        let _ = writeln!(out, "{label} (MB): {:.2}", mb(bytes));
    }
    out.push_str(&divider);
    Ok(out)
}

/// The model's input shapes: its `InputLayer` rows' outputs, or (a
/// Sequential, whose summary has none) the first row's inputs.
fn model_input_shapes(summary: &Summary) -> Vec<Shape> {
    let from_rows: Vec<Shape> = summary
        .input_connections
        .iter()
        .filter_map(|c| summary.row(&c.layer))
        .filter_map(|r| r.output_shapes.first().cloned())
        .collect();
    if from_rows.len() == summary.input_connections.len() && !from_rows.is_empty() {
        return from_rows;
    }
    summary
        .rows
        .iter()
        .find(|r| !r.is_input)
        .map(|r| r.input_shapes.to_vec())
        .unwrap_or_default()
}
