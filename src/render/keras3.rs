//! Keras 3's summary text (`keras/src/utils/summary_utils.py`, rendered
//! through `rich` as at a terminal `COLUMNS` wide without colors).

use std::fmt;

use super::group_thousands;
use super::rich::{self, Column, Justify};
use crate::error::{Error, Result};
use crate::summary::{Summary, SummaryRow};

/// The width of each memory column (`show_memory`), padding included.
const MEMORY_WIDTH: usize = 16;

options! {
    /// Options of Keras's `model.summary(...)` that change the text.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let o = Keras3Options::new().show_trainable(true).line_length(100);
    /// assert_eq!(o.line_length, Some(100));
    /// let m = Sequential::new().add(Input::new([1000])).add(Dense::new(256)).build()?;
    /// let ascii = m.summary().render(&Keras3Options::new().ascii(true))?;
    /// assert!(ascii.is_ascii() && ascii.lines().nth(1).unwrap().starts_with("+---"));
    /// let text = m.summary().render(&Keras3Options::new().show_memory(32))?;
    /// assert!(text.contains("Param memory ┃    Activations ┃"));
    /// // 256,256 float32 weights; 32 × 256 float32 outputs.
    /// assert!(text.contains("│     1001.00 KB │       32.00 KB │"), "{text}");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone, PartialEq)]
    #[must_use]
    #[non_exhaustive]
    pub struct Keras3Options {
        /// Keras's `line_length=`: total width of the table. Defaults to 88
        /// (sequential-like) or 108 (+12 with `show_trainable`), capped at
        /// `console_width - 4`.
        pub line_length: Option<usize> = None, |line_length: usize| Some(line_length);
        /// Keras's `positions=`: right edge of each column, as fractions of
        /// the line length. Defaults to `[0.45, 0.80, 1.0]` or
        /// `[0.3, 0.56, 0.74, 1.0]`.
        pub positions: Option<Vec<f64>> = None, |positions: impl Into<Vec<f64>>| Some(positions.into());
        /// Keras's `show_trainable=`: add the `Trainable` column. Defaults to `false`.
        pub show_trainable: bool = false, |show: bool| show;
        /// The terminal width Keras would see (`COLUMNS`). Defaults to 200.
        pub console_width: usize = 200, |width: usize| width;
        /// Keras's `expand_nested=`: list the layers of nested models under
        /// theirs, marked `└ `. Defaults to `false`.
        pub expand_nested: bool = false, |expand: bool| expand;
        /// Keras's `layer_range=`: the first and last layer to list (both
        /// inclusive), as names or patterns `re.match`ed against layer names.
        /// Defaults to all layers.
        pub layer_range: Option<(String, String)> = None,
            |first: impl Into<String>, last: impl Into<String>| Some((first.into(), last.into()));
        /// How many levels of nested models [`expand_nested`](Self::expand_nested)
        /// lists (torchinfo's `depth` less one): `Some(1)` lists the layers of
        /// the models nested in this one but not the layers of models nested in
        /// those, `Some(0)` lists none, `None` (the default) every level, as
        /// Keras does. Keras has no such argument: a depth that covers the
        /// nesting gives Keras's `expand_nested=True` text, 0 its
        /// unexpanded text. Its setter sets `expand_nested` too.
        ///
        /// ```
        /// use kerasinfo::prelude::*;
        /// let inner = Sequential::new().name("inner").input_shape([4]).add(Dense::new(2)).build()?;
        /// let x = Input::new([4]).tensor()?;
        /// let m = Functional::new(&x, &inner.call(&x)?).build()?;
        /// let s = m.summary();
        /// let full = s.render(&Keras3Options::new().expand_nested(true))?;
        /// assert_eq!(s.render(&Keras3Options::new().expand_nested_depth(1))?, full);
        /// assert_eq!(s.render(&Keras3Options::new().expand_nested_depth(0))?, s.to_string());
        /// # Ok::<(), kerasinfo::Error>(())
        /// ```
        pub expand_nested_depth: Option<usize> = None;
        /// Draw the table with ASCII characters and write every character past
        /// ASCII as `?`: what Keras prints when standard output's encoding is
        /// ASCII with the `replace` error handler (`PYTHONIOENCODING=ascii:replace`;
        /// rich then draws `box.ASCII`). Defaults to `false`.
        pub ascii: bool = false, |ascii: bool| ascii;
        /// Add two columns after `Param #` for a batch of this many samples
        /// (a kerasinfo extension; Keras's columns keep their widths and the
        /// table grows by 34 characters): `Param memory`, the layer's weights
        /// ([`SummaryRow::param_bytes`]), and `Activations`, its outputs
        /// ([`SummaryRow::activation_bytes`], `?` when a dimension besides the
        /// batch is unknown), both as Keras prints sizes (`147.00 KB`).
        /// Defaults to `None`.
        pub show_memory: Option<u64> = None, |batch: u64| Some(batch);
    }
    /// Keras's defaults at a 200-column terminal.
    pub fn new();
}

expand_nested_depth_setter!(Keras3Options);

fn columns_for(
    summary: &Summary,
    options: &Keras3Options,
) -> Result<(Vec<Column<'static>>, usize)> {
    let mut headers = vec!["Layer (type)", "Output Shape", "Param #"];
    let mut justify = vec![Justify::Left, Justify::Left, Justify::Right];
    let (mut line_length, default_positions): (usize, &[f64]) = if summary.sequential_like {
        (88, &[0.45, 0.80, 1.0])
    } else {
        headers.push("Connected to");
        justify.push(Justify::Left);
        (108, &[0.3, 0.56, 0.74, 1.0])
    };
    let mut positions = options
        .positions
        .clone()
        .unwrap_or_else(|| default_positions.to_vec());
    if options.show_trainable {
        // bounded: 88 or 108 here
        line_length = line_length.saturating_add(12);
        positions = positions.iter().map(|p| p * 0.90).chain([1.0]).collect();
        headers.push("Trainable");
        justify.push(Justify::Center);
    }
    if positions.len() != headers.len() {
        return Err(Error::Options(format!(
            "positions must have {} entries, received {}",
            headers.len(),
            positions.len()
        )));
    }
    let default_length = line_length.min(options.console_width.saturating_sub(4));
    // Keras's `line_length or default`: 0 means the default.
    let line_length = options
        .line_length
        .filter(|&n| n != 0)
        .unwrap_or(default_length);
    let length = f64::from(
        u32::try_from(line_length)
            .map_err(|_| Error::Options(format!("line_length {line_length} is too large")))?,
    );
    let mut columns = Vec::with_capacity(headers.len());
    let mut current: i64 = 0;
    for ((p, header), justify) in positions.iter().zip(headers).zip(justify) {
        let edge = super::py_int(p * length)
            .ok_or_else(|| Error::Options(format!("invalid position {p}")))?;
        // bounded: py_int keeps |edge| and |current| below 9e15
        let width = edge.saturating_sub(current);
        if width < 4 {
            return Err(Error::Options(
                "insufficient console width to print summary".into(),
            ));
        }
        current = edge;
        let width =
            usize::try_from(width).map_err(|_| Error::Options(format!("invalid position {p}")))?;
        columns.push(Column {
            header,
            width,
            justify,
            added: false,
        });
    }
    if options.show_memory.is_some() {
        // After `Param #`, outside rich's arithmetic: Keras's columns keep
        // their widths (the table is the line length Keras lays out).
        for (i, header) in super::MEMORY_HEADERS.into_iter().enumerate() {
            let at = 3usize.saturating_add(i).min(columns.len());
            columns.insert(
                at,
                Column {
                    header,
                    width: MEMORY_WIDTH,
                    justify: Justify::Right,
                    added: true,
                },
            );
        }
    }
    Ok((columns, line_length))
}

/// The previous row and its `Output Shape` cell's text: a layer's output
/// shapes are often its input's (a normalization, an activation after a
/// convolution), and their text is then copied rather than written again.
#[derive(Default)]
struct LastShapes<'a> {
    row: Option<&'a SummaryRow>,
    text: String,
}

/// Writes a row's cells.
fn row_cells<'a>(
    cells: &mut rich::Cells,
    row: &'a SummaryRow,
    summary: &Summary,
    options: &Keras3Options,
    level: usize,
    last: &mut LastShapes<'a>,
) {
    // `{"   " * level}└ {name} ({class})`
    let name = cells.text();
    if level > 0 {
        for _ in 0..level {
            name.push_str("   ");
        }
        name.push_str("└ ");
    }
    name.push_str(&row.name);
    name.push_str(" (");
    name.push_str(&row.class_name);
    name.push(')');
    cells.end_cell();
    let same = last.row.is_some_and(|prev| {
        prev.output_shapes == row.output_shapes && prev.output_structure == row.output_structure
    });
    if !same {
        last.text.clear();
        row.push_output_shape_text(&mut last.text);
    }
    last.row = Some(row);
    cells.push(&last.text);
    if row.unbuilt {
        // Keras: `f"{highlight_number(0)} (unbuilt)"`.
        cells.push("0 (unbuilt)");
    } else {
        super::push_grouped(cells.text(), row.params);
        cells.end_cell();
    }
    if let Some(batch) = options.show_memory {
        for cell in super::memory_cells(row, batch) {
            cells.push(&cell);
        }
    }
    if !summary.sequential_like {
        // A nested model's layers were called in that model, not in this
        // one: Keras finds no connections for them here.
        if level > 0 {
            cells.push("-");
        } else {
            row.push_connected_to_text(cells.text());
            cells.end_cell();
        }
    }
    if options.show_trainable {
        cells.push(row.trainable_text());
    }
}

/// Keras's `get_layer_index_bound_by_layer_name`: the rows from the first
/// layer matching `first` to the last matching `last` (swapped when they
/// come in the other order), as a half-open range.
pub(crate) fn layer_bounds(
    summary: &Summary,
    range: Option<&(String, String)>,
) -> Result<(usize, usize)> {
    let Some((first, last)) = range else {
        return Ok((0, summary.rows.len()));
    };
    let matching = |pattern: &str| -> Result<Vec<usize>> {
        let pattern = super::pattern::Pattern::new(pattern)?;
        let rows = summary.rows.iter().enumerate();
        Ok(rows
            .filter(|(_, r)| pattern.matches_start(&r.name))
            .map(|(i, _)| i)
            .collect())
    };
    let (lower, upper) = (matching(first)?, matching(last)?);
    match (lower.first(), lower.last(), upper.first(), upper.last()) {
        // bounded: row indices are below rows.len()
        (Some(&lo_min), Some(&lo_max), Some(&up_min), Some(&up_max)) => Ok(if lo_min > up_max {
            (up_min, lo_max.saturating_add(1))
        } else {
            (lo_min, up_max.saturating_add(1))
        }),
        _ => Err(Error::Options(format!(
            "passed layer_names do not match the layer names in the model, received ({first:?}, {last:?})"
        ))),
    }
}

/// Renders `summary` as Keras 3 prints it, with Keras's options.
///
/// ```
/// use kerasinfo::prelude::*;
/// let m = Sequential::new().name("s").add(Input::new([4])).add(Dense::new(3)).build()?;
/// let text = kerasinfo::render::keras3::render(&m.summary(), &Keras3Options::new().show_trainable(true))?;
/// assert!(text.contains("Trainable"));
/// assert!(kerasinfo::render::keras3::render(&m.summary(), &Keras3Options::new().line_length(10)).is_err());
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub fn render(summary: &Summary, options: &Keras3Options) -> Result<String> {
    let (columns, line_length) = columns_for(summary, options)?;
    let (first, last) = layer_bounds(summary, options.layer_range.as_ref())?;
    let listed = summary.rows.get(first..last).unwrap_or_default();
    let mut cells = rich::Cells::new(columns.len(), listed.len());
    let mut last = LastShapes::default();
    let levels = super::expand_levels(options.expand_nested, options.expand_nested_depth);
    let Ok(()) =
        super::visit_rows::<std::convert::Infallible>(listed, levels, 0, &mut |row, level| {
            row_cells(&mut cells, row, summary, options, level, &mut last);
            Ok(())
        });
    let width = options.console_width;
    let mut out = String::new();
    let title = ["Model: \"", &summary.name, "\""].concat();
    rich::print(&mut out, &title, width);
    let chars = if options.ascii {
        &rich::ASCII
    } else {
        &rich::HEAVY_HEAD
    };
    // The added columns and their rules widen the table.
    let table_width = if options.show_memory.is_some() {
        line_length.saturating_add(2usize.saturating_mul(MEMORY_WIDTH.saturating_add(1)))
    } else {
        line_length
    };
    if table_width > width {
        // Keras's rich console crops what is wider than itself.
        let mut table = String::new();
        rich::table(&mut table, &columns, &cells, line_length, chars);
        out.push_str(&rich::crop_lines(&table, width));
    } else {
        rich::table(&mut out, &columns, &cells, line_length, chars);
    }
    for (which, n, size) in summary.keras_totals() {
        let line = format!(" {}: {} ({size})", which.label(), group_thousands(n));
        rich::print(&mut out, &line, width);
    }
    if options.ascii {
        return Ok(rich::ascii_replace(&out));
    }
    Ok(out)
}

impl fmt::Display for Summary {
    /// Exactly what Keras 3.15 prints for `model.summary()` with
    /// `COLUMNS=200`, final newline included.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match render(self, &Keras3Options::default()) {
            Ok(s) => f.write_str(&s),
            Err(e) => write!(f, "{e}"),
        }
    }
}

impl crate::Model {
    /// Keras 3's summary text with these options: exactly what
    /// `self.summary().render(options)` gives, without making the parts
    /// of the summary the text does not show (each weight's path, compute
    /// costs, memory) when it can do without them.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([32, 32, 3]).tensor()?;
    /// let y = BatchNormalization::new().call(&Conv2D::new(8, 3).call(&x)?)?;
    /// let m = Functional::new(&x, &y).build()?;
    /// let options = Keras3Options::new();
    /// assert_eq!(m.summary_text(&options)?, m.summary().render(&options)?);
    /// assert!(m.summary_text(&options)?.contains("Non-trainable params: 16 (64.00 B)"));
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub fn summary_text(&self, options: &Keras3Options) -> Result<String> {
        // The trainable column and the memory columns read the weights.
        let summary = if options.show_trainable || options.show_memory.is_some() {
            self.summary()
        } else {
            self.text_summary()
        };
        render(&summary, options)
    }
}

impl Summary {
    /// Renders with Keras's `summary()` options (`line_length`,
    /// `positions`, `show_trainable`).
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let m = Sequential::new().add(Input::new([4])).add(Dense::new(3)).build()?;
    /// let wide = m.summary().render(&Keras3Options::new().line_length(120))?;
    /// assert_eq!(wide.lines().nth(1).map(|l| l.chars().count()), Some(120));
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub fn render(&self, options: &Keras3Options) -> Result<String> {
        render(self, options)
    }
}
