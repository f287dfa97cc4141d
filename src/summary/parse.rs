//! Printed summaries as data: the text Keras prints for `model.summary()`,
//! pasted from a log, a paper or a question, read back into a [`Summary`]
//! with the columns the text holds. The inverse of
//! [`render::keras3`](crate::render::keras3) and
//! [`render::keras2`](crate::render::keras2).
//!
//! Four layouts are read ([`PrintedFormat`]):
//!
//! - **Keras 3** (`rich` box table): every width, `show_trainable`,
//!   `expand_nested` (`└ ` rows), wrapped and `…`-ellipsized cells, and
//!   tables wider than the console that `rich` cropped at its right edge.
//! - **Keras 3, ASCII** (`+---+` and `|`), what `rich` prints to a console
//!   whose encoding is not UTF-8; its `…` and `└` then print as `?`.
//! - **tf.keras 2** (recent tf.keras 2 and `tf_keras`): `_`/`=` rules,
//!   blank lines between rows, cells wrapped over several lines, `|` frames
//!   of `expand_nested`, sizes in `Byte`/`KB`.
//! - **Legacy tf.keras / Keras 2** (older tf.keras, standalone Keras
//!   2): a `_` rule after every row and every cell cut to its column
//!   without a mark (`zero_padding2d_3 (ZeroPaddin`), one `Connected to`
//!   entry per line, totals without sizes. The `Model: "..."` line may be
//!   missing (older Keras did not print it).
//!
//! # What the text holds, and where it is lossy
//!
//! [`PrintedSummary::columns`] says which columns the text holds: layer
//! names and classes, output shapes and `Param #` always (unless cropped
//! away), `Connected to` for a model that is not sequential-like, the
//! `Trainable` flag with `show_trainable`, the rows of nested models with
//! `expand_nested`, the totals, and their byte sizes (Keras 3 and
//! recent tf.keras 2; rounded to two decimals, so [`MemorySize`] values are
//! approximate; compare their `Display`). A model's class
//! (`Sequential`/`Functional`), weights, per-layer trainable counts,
//! compute costs and input shapes are never printed: those fields of
//! [`PrintedSummary::summary`] keep their defaults (empty, 0, `None`).
//!
//! Cells that do not show their value in full are listed in
//! [`PrintedSummary::incomplete`]:
//! - Keras 3 cuts a word wider than its column and ends it with `…`
//!   (`an_input_with_a_real…`); the legacy layout cuts silently at the
//!   column's edge; `rich` crops a table wider than the console. A cut
//!   name, class or `Connected to` entry is kept in the summary as the
//!   visible prefix followed by `…`; it *equals* any value that starts
//!   with that prefix (see [`crate::summary::diff`]). A cut number or
//!   shape is unknown.
//! - A `Connected to` cell the console cropped is unknown: it is listed
//!   as incomplete and the row's `connected_to` is left empty.
//! - tf.keras 2's `multiple` (a layer whose calls output different shapes)
//!   and Keras 3's `-` in the `Trainable` column (a layer without weights)
//!   hold no value.
//!
//! Layer names that contain `" ("`, `", "`, or runs of spaces may be split
//! wrongly: Keras's own text is ambiguous there.
//!
//! The summary pasted in the seed question (older Keras; no `Model:`
//! line, class names cut to their column):
//!
//! ```
//! use kerasinfo::summary::{Column, PrintedFormat, PrintedSummary};
//!
//! let text = "\
//! Layer (type)                 Output Shape              Param #
//! =================================================================
//! input_3 (InputLayer)         (None, 64, 64, 3)         0
//! _________________________________________________________________
//! zero_padding2d_3 (ZeroPaddin (None, 70, 70, 3)         0
//! _________________________________________________________________
//! conv0 (Conv2D)               (None, 64, 64, 32)        4736
//! _________________________________________________________________
//! bn0 (BatchNormalization)     (None, 64, 64, 32)        128
//! _________________________________________________________________
//! activation_2 (Activation)    (None, 64, 64, 32)        0
//! _________________________________________________________________
//! max_pool (MaxPooling2D)      (None, 32, 32, 32)        0
//! _________________________________________________________________
//! flatten_2 (Flatten)          (None, 32768)             0
//! _________________________________________________________________
//! fc (Dense)                   (None, 1)                 32769
//! =================================================================
//! Total params: 37,633
//! Trainable params: 37,569
//! Non-trainable params: 64
//! ";
//! let printed = PrintedSummary::parse(text)?;
//! assert_eq!(printed.format, PrintedFormat::Keras2Legacy);
//! let s = &printed.summary;
//! assert_eq!(s.rows[1].class_name, "ZeroPaddin…"); // cut by Keras
//! assert_eq!(printed.incomplete[0].column, Column::Class);
//! assert_eq!(s.rows[3].params, 128);
//! assert_eq!(s.rows[3].output_shape_text(), "(None, 64, 64, 32)");
//! assert_eq!((s.total_params, s.non_trainable_params), (37_633, 64));
//! assert!(!printed.columns.sizes && !printed.columns.model_name);
//! # Ok::<(), kerasinfo::Error>(())
//! ```

use crate::error::{Error, Result};
use crate::layer::OutputStructure;
use crate::shape::{Dim, Shape, Shapes};

use super::{Connection, MemorySize, Summary, SummaryRow, Total};

/// The layout a printed summary is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PrintedFormat {
    /// Keras 3's `rich` table drawn with box characters.
    Keras3,
    /// Keras 3's table in ASCII (`+`, `-`, `|`): a console that is not UTF-8.
    Keras3Ascii,
    /// Recent tf.keras 2 and `tf_keras`: `_`/`=` rules, blank lines
    /// between rows.
    Keras2,
    /// Older tf.keras and standalone Keras 2: a `_` rule after every
    /// row, cells cut to their columns.
    Keras2Legacy,
}

/// Which columns and figures a printed summary holds.
///
/// ```
/// use kerasinfo::summary::{Columns, PrintedSummary};
/// let all = Columns::all();
/// assert!(all.weights && all.connected_to);
/// assert!(!Columns::none().params);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Columns {
    /// The model's name (`Model: "..."`).
    pub model_name: bool,
    /// The model's class (`Sequential`, `Functional`): never printed.
    pub model_class: bool,
    /// Layer names and classes (`Layer (type)`).
    pub layers: bool,
    /// `Output Shape`.
    pub output_shape: bool,
    /// `Param #`.
    pub params: bool,
    /// `Connected to` (a model that is not sequential-like).
    pub connected_to: bool,
    /// `Trainable` (`show_trainable=True`).
    pub trainable: bool,
    /// The rows of nested models (`expand_nested=True`).
    pub nested: bool,
    /// Weights, per-layer trainable counts: never printed.
    pub weights: bool,
    /// `Total params`, `Trainable params`, `Non-trainable params`.
    pub totals: bool,
    /// The byte sizes after the totals (Keras 3, recent tf.keras 2), rounded
    /// to two decimals.
    pub sizes: bool,
    /// Whether the text would show `Optimizer params` (Keras 3 prints it
    /// for a compiled model whose optimizer is built).
    pub optimizer: bool,
}

impl Columns {
    /// Everything: what a model's own [`Summary`] holds.
    #[must_use]
    pub fn all() -> Self {
        Columns {
            model_name: true,
            model_class: true,
            layers: true,
            output_shape: true,
            params: true,
            connected_to: true,
            trainable: true,
            nested: true,
            weights: true,
            totals: true,
            sizes: true,
            optimizer: true,
        }
    }

    /// Nothing.
    #[must_use]
    pub fn none() -> Self {
        Columns::default()
    }
}

/// A cell of a printed table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Column {
    /// The layer's name (first part of `Layer (type)`).
    Name,
    /// The layer's class (the part in parentheses).
    Class,
    /// `Output Shape`.
    OutputShape,
    /// `Param #`.
    Params,
    /// `Connected to`.
    ConnectedTo,
    /// `Trainable`.
    Trainable,
}

/// A cell that does not show its value in full: cut (`…`, or at the
/// column's edge), cropped by the console, or a placeholder (`multiple`,
/// `-`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct IncompleteCell {
    /// The row: its index in [`Summary::rows`], then in each nested
    /// model's rows (`[2, 0]`: the first row of the model in row 2).
    pub row: Vec<usize>,
    /// Which cell.
    pub column: Column,
    /// What the text shows, without `…` (the known prefix of a name, a
    /// class or a `Connected to` entry; `multiple`; `-`).
    pub shown: String,
}

/// A summary read from the text Keras printed.
///
/// ```
/// use kerasinfo::prelude::*;
/// use kerasinfo::summary::PrintedSummary;
/// let x = Input::new([64, 64, 32]).tensor()?;
/// let y = BatchNormalization::new().name("bn0").call(&x)?;
/// let summary = Functional::new(&x, &y).name("m").build()?.summary();
///
/// let printed = PrintedSummary::parse(&summary.to_string())?;
/// assert_eq!(printed.summary.name, "m");
/// assert_eq!(printed.summary.rows[1].name, "bn0");
/// assert_eq!(printed.summary.non_trainable_params, 64);
/// assert!(summary.diff(&printed).is_empty());
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PrintedSummary {
    /// What the text says, as a summary; fields the text does not hold
    /// keep their defaults (see [`columns`](Self::columns)).
    pub summary: Summary,
    /// The layout the text is in.
    pub format: PrintedFormat,
    /// Which columns and figures the text holds.
    pub columns: Columns,
    /// Cells that do not show their value in full.
    pub incomplete: Vec<IncompleteCell>,
}

impl PrintedSummary {
    /// Reads the summary Keras printed, from text that may hold other
    /// lines before and after it (a log, a question). Errors name the line
    /// (1-based) and what is wrong: no table, a table cut short, a row
    /// that does not fit the columns.
    ///
    /// ```
    /// use kerasinfo::summary::PrintedSummary;
    /// let e = PrintedSummary::parse("Model: \"m\"\n┏━━━━┳━━━━┓\n┃ L  ┃ O  ┃\n").unwrap_err();
    /// assert_eq!(e.to_string(), "summary text, line 4: the table ends inside its header (text cut short?)");
    /// ```
    pub fn parse(text: &str) -> Result<PrintedSummary> {
        if text.contains('\0') {
            return Err(err(0, "not text (NUL bytes): not a printed summary"));
        }
        let lines: Vec<&str> = text
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .collect();
        let (start, format) = locate(&lines)?;
        // tf.keras's header block (and its `_` rule) lies between the name and
        // the `=` rule.
        let (table, name_end) = match format {
            PrintedFormat::Keras3 | PrintedFormat::Keras3Ascii => {
                (read_rich(&lines, start, format)?, start)
            }
            PrintedFormat::Keras2 | PrintedFormat::Keras2Legacy => {
                let header = header_start(&lines, start);
                let layout = Layout::new(&lines, header, start, format)?;
                let read = match format {
                    PrintedFormat::Keras2 => read_keras2,
                    _ => read_legacy,
                };
                let (rows, end) = read(&lines, start, &layout)?;
                let table = Table {
                    format,
                    kinds: layout.kinds,
                    cropped: false,
                    rows,
                    end,
                };
                (table, header)
            }
        };
        let model_name = model_name(&lines, name_end, format);
        let totals = read_totals(&lines, table.end)?;
        build(table, model_name, totals)
    }

    /// The incomplete cell at `row` (an index path, see
    /// [`IncompleteCell::row`]) and `column`, if any.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// use kerasinfo::summary::{Column, PrintedSummary};
    /// let m = Sequential::new().add(Input::new([4])).add(Dense::new(3).name("a_rather_long_layer_name")).build()?;
    /// let narrow = m.summary().render(&Keras3Options::new().line_length(30))?;
    /// let printed = PrintedSummary::parse(&narrow)?;
    /// let cut = printed.incomplete_cell(&[0], Column::Name).unwrap();
    /// assert!("a_rather_long_layer_name".starts_with(&cut.shown));
    /// assert!(printed.diff(&m.summary()).is_empty());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[must_use]
    pub fn incomplete_cell(&self, row: &[usize], column: Column) -> Option<&IncompleteCell> {
        self.incomplete
            .iter()
            .find(|c| c.column == column && c.row == row)
    }
}

/// Line `i` of a table, or an error saying where the table `ends` when
/// nothing but blank lines is left from it (the text was cut).
fn table_line<'a>(lines: &[&'a str], i: usize, ends: &str) -> Result<&'a str> {
    let rest = lines.get(i..).unwrap_or_default();
    match rest.first() {
        Some(line) if !rest.iter().all(|l| l.trim().is_empty()) => Ok(line),
        _ => Err(err(i, format!("the table ends {ends} (text cut short?)"))),
    }
}

/// Returns [`err`] at `line`, the reason formatted as by `format!`.
macro_rules! bail {
    ($line:expr, $($reason:tt)+) => {
        return Err(err($line, format!($($reason)+)))
    };
}

fn err(line: usize, reason: impl Into<String>) -> Error {
    Error::SummaryText {
        // bounded: a line index
        line: line.saturating_add(1),
        reason: reason.into(),
    }
}

/// The columns Keras prints, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Layer,
    Shape,
    Params,
    Connected,
    Trainable,
}

/// Each column's header, in order.
const HEADERS: [(&str, Kind); 5] = [
    ("Layer (type)", Kind::Layer),
    ("Output Shape", Kind::Shape),
    ("Param #", Kind::Params),
    ("Connected to", Kind::Connected),
    ("Trainable", Kind::Trainable),
];

/// One cell's text, its lines joined; `cut`: the text is only a visible
/// prefix (cropped by the console or cut at the column's edge).
#[derive(Debug, Clone, Default)]
struct Cell {
    text: String,
    cut: bool,
}

/// A table row: its nesting level and a cell per visible column (`None`:
/// cropped away).
#[derive(Debug)]
struct RawRow {
    line: usize,
    level: usize,
    cells: Vec<Option<Cell>>,
}

/// A table read from text, before its cells are interpreted.
struct Table {
    format: PrintedFormat,
    kinds: Vec<Kind>,
    /// Whether the console cropped the table: the last visible column is
    /// partial.
    cropped: bool,
    rows: Vec<RawRow>,
    /// The line after the table.
    end: usize,
}

/// Whether `line` is a rule of `c` (`=====`, `_____`), at least 4 long.
fn is_rule(line: &str, c: char) -> bool {
    let t = line.trim_end();
    t.chars().count() >= 4 && t.chars().all(|x| x == c)
}

/// Whether `line` is the ASCII table's top or bottom border (`+----+`, or
/// `+-----` when cropped).
fn is_ascii_border(line: &str) -> bool {
    let t = line.trim_end();
    t.starts_with('+')
        && t.len() >= 3
        && t.chars().skip(1).all(|c| c == '-' || c == '+')
        && t.chars().nth(1) == Some('-')
}

/// The first line of the table and its layout.
fn locate(lines: &[&str]) -> Result<(usize, PrintedFormat)> {
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with('┏') {
            return Ok((i, PrintedFormat::Keras3));
        }
        let next = lines.get(i.saturating_add(1)).copied().unwrap_or("");
        if is_ascii_border(line) && next.starts_with("| ") {
            return Ok((i, PrintedFormat::Keras3Ascii));
        }
        if is_rule(line, '=') {
            let hs = header_start(lines, i);
            if hs < i {
                let first = lines.get(hs).copied().unwrap_or("");
                if first.starts_with(" L") {
                    return Ok((i, PrintedFormat::Keras2));
                }
                if first.starts_with('L') {
                    return Ok((i, PrintedFormat::Keras2Legacy));
                }
            }
        }
    }
    Err(err(
        0,
        "no summary table found (expected Keras 3's `┏━━━` border, an ASCII `+---+` table, \
         or tf.keras's `Layer (type)` header above a `=====` rule)",
    ))
}

/// The first header line above the `=` rule at `eq`: the line after the
/// nearest `_` rule, `Model:` line or blank line above it.
fn header_start(lines: &[&str], eq: usize) -> usize {
    let mut i = eq;
    while let Some(prev) = i.checked_sub(1) {
        let line = lines.get(prev).copied().unwrap_or("");
        if is_rule(line, '_') || line.trim().is_empty() || line.starts_with("Model: ") {
            break;
        }
        i = prev;
        // bounded: header blocks are a few lines
        if eq.saturating_sub(i) > 64 {
            break;
        }
    }
    i
}

/// The model's name from the `Model: "..."` line(s) just above line `end`
/// (Keras 3 folds a long name over several lines), if any.
fn model_name(lines: &[&str], end: usize, format: PrintedFormat) -> Option<String> {
    let mut stop = end;
    // The `_` rule of tf.keras sits between the name and the header.
    if matches!(format, PrintedFormat::Keras2 | PrintedFormat::Keras2Legacy)
        && let Some(prev) = stop.checked_sub(1)
        && lines.get(prev).is_some_and(|l| is_rule(l, '_'))
    {
        stop = prev;
    }
    let first = (0..stop)
        .rev()
        .take(64)
        .find(|&k| lines.get(k).is_some_and(|l| l.starts_with("Model: \"")))?;
    let joined: String = lines.get(first..stop)?.concat();
    let inner = joined.strip_prefix("Model: \"")?.trim_end();
    inner.strip_suffix('"').map(str::to_owned)
}

// ---------------------------------------------------------------------
// Keras 3 (rich)

fn read_rich(lines: &[&str], start: usize, format: PrintedFormat) -> Result<Table> {
    let ascii = format == PrintedFormat::Keras3Ascii;
    // The vertical bars of the header and of the rows.
    let (header_bar, bar) = if ascii { ('|', '|') } else { ('┃', '│') };
    let top = lines.get(start).copied().unwrap_or("").trim_end();
    let cropped = if ascii {
        !(top.ends_with('+') && top.chars().count() > 1)
    } else {
        !top.ends_with('┓')
    };
    // The header: lines until the rule under it.
    let mut i = start.saturating_add(1);
    let mut header_lines: Vec<(usize, &str)> = Vec::new();
    loop {
        let line = table_line(lines, i, "inside its header")?;
        if line.starts_with(if ascii { "|-" } else { "┡" }) {
            break; // the rule under the header
        }
        if !line.starts_with(header_bar) {
            bail!(
                i,
                "expected a header line starting with `{header_bar}` or the rule under the header"
            );
        }
        header_lines.push((i, line));
        i = i.saturating_add(1);
    }
    let Some(&(first_header, _)) = header_lines.first() else {
        return Err(err(i, "the table has no header line"));
    };
    let header_cells = split_rich_lines(&header_lines, header_bar, cropped)?;
    if header_cells.is_empty() {
        return Err(err(first_header, "the table has no columns"));
    }
    let header_texts: Vec<String> = header_cells
        .iter()
        .map(|c| join_rich_cell(c, false))
        .collect();
    let mut kinds = rich_kinds(&header_texts, first_header)?;
    // The rows.
    i = i.saturating_add(1);
    let mut rows = Vec::new();
    let mut row_lines: Vec<(usize, &str)> = Vec::new();
    let end = loop {
        let line = table_line(lines, i, "without its bottom border")?;
        let (separator, bottom) = if ascii {
            (line.starts_with("|-"), is_ascii_border(line))
        } else {
            (line.starts_with('├'), line.starts_with('└'))
        };
        if separator || bottom {
            if row_lines.is_empty() {
                if bottom && rows.is_empty() {
                    // A model without layers.
                    break i.saturating_add(1);
                }
                return Err(err(i, "a row separator with no row above it"));
            }
            rows.push(rich_row(&row_lines, &kinds, bar, cropped)?);
            row_lines.clear();
            if bottom {
                break i.saturating_add(1);
            }
        } else if line.starts_with(bar) {
            row_lines.push((i, line));
        } else {
            bail!(
                i,
                "expected a table row starting with `{bar}`, a row separator or the bottom border"
            );
        }
        i = i.saturating_add(1);
    };
    // A fourth column whose header was cut to `…`: `Trainable` holds one
    // character (`Y`, `N`, `-`, never cut); `Connected to` holds names.
    if kinds.len() == 4
        && header_texts
            .get(3)
            .is_some_and(|h| kind_of_header(h).is_none())
        && let Some(k) = kinds.get_mut(3)
    {
        let trainable = rows
            .iter()
            .filter_map(|r| r.cells.get(3).and_then(Option::as_ref))
            .all(|c| matches!(c.text.trim(), "Y" | "N" | "-" | ""));
        *k = if trainable {
            Kind::Trainable
        } else {
            Kind::Connected
        };
    }
    Ok(Table {
        format,
        kinds,
        cropped,
        rows,
        end,
    })
}

/// The cells of consecutive table lines: for each column, its line
/// fragments (each without the vertical bars).
fn split_rich_lines<'a>(
    lines: &[(usize, &'a str)],
    vertical: char,
    cropped: bool,
) -> Result<Vec<Vec<&'a str>>> {
    let mut columns: Vec<Vec<&str>> = Vec::new();
    for &(at, line) in lines {
        let line = if cropped { line } else { line.trim_end() };
        // "│ a │ b │" splits into "", " a ", " b ", "".
        let mut split = line.split(vertical);
        if split.next() != Some("") {
            bail!(at, "expected the line to start with `{vertical}`");
        }
        let mut parts: Vec<&str> = split.collect();
        if !cropped && parts.pop() != Some("") {
            bail!(at, "expected the line to end with `{vertical}`");
        }
        if columns.is_empty() {
            columns = vec![Vec::new(); parts.len()];
        }
        let (cells, width) = (parts.len(), columns.len());
        if cells != width {
            bail!(
                at,
                "{cells} cells where the table has {width} columns (a `{vertical}` inside a cell?)"
            );
        }
        for (col, part) in columns.iter_mut().zip(parts) {
            col.push(part);
        }
    }
    Ok(columns)
}

/// A cell's lines joined into its text: `rich` wrapped it at spaces, so
/// the line breaks were single spaces. `keep_indent`: keep the leading
/// spaces of the first line (the `└ ` of a nested row) but for the one
/// space of padding.
fn join_rich_cell(fragments: &[&str], keep_indent: bool) -> String {
    let mut out = String::new();
    for (i, f) in fragments.iter().enumerate() {
        let t = if i == 0 && keep_indent {
            f.strip_prefix(' ').unwrap_or(f).trim_end()
        } else {
            f.trim()
        };
        if t.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(t);
    }
    out
}

/// Which column each header is: by its first letter (headers may be cut
/// to `P…`), else by position.
fn rich_kinds(headers: &[String], line: usize) -> Result<Vec<Kind>> {
    let mut kinds = Vec::with_capacity(headers.len());
    let mut next = 0usize;
    for h in headers {
        // bounded: at most 5 columns are accepted below
        let kind = kind_of_header(h)
            .or_else(|| HEADERS.get(next).map(|k| k.1))
            .ok_or_else(|| err(line, format!("unknown column header {h:?}")))?;
        // The kinds are in Keras's order.
        let pos = kind as usize;
        if pos < next {
            bail!(line, "column header {h:?} out of Keras's order");
        }
        kinds.push(kind);
        next = pos.saturating_add(1);
    }
    if kinds.first() != Some(&Kind::Layer) {
        return Err(err(line, "the first column is not `Layer (type)`"));
    }
    Ok(kinds)
}

/// One row of a Keras 3 table from its lines, its cells between `bar`s
/// (`|`: the ASCII style).
fn rich_row(lines: &[(usize, &str)], kinds: &[Kind], bar: char, cropped: bool) -> Result<RawRow> {
    let at = lines.first().map_or(0, |l| l.0);
    let ascii = bar == '|';
    let columns = split_rich_lines(lines, bar, cropped)?;
    let (cells, width) = (columns.len(), kinds.len());
    if cells != width {
        bail!(
            at,
            "{cells} cells where the header has {width} columns (a `{bar}` inside a cell?)"
        );
    }
    let last = columns.len().saturating_sub(1);
    let mut level = 0;
    let mut cells = Vec::with_capacity(columns.len());
    for (i, (fragments, kind)) in columns.iter().zip(kinds).enumerate() {
        let partial = cropped && i == last;
        let mut fixed: Vec<String> = fragments.iter().map(|f| (*f).to_owned()).collect();
        if ascii {
            // `…` printed as `?` by an ASCII console: a word cut to the
            // full width of the column ends with `?`.
            for f in &mut fixed {
                let word = f.trim();
                let full = word.chars().count() == f.chars().count().saturating_sub(2);
                if full && word.ends_with('?') && !word.contains(' ') && word.chars().count() > 1 {
                    let t = f.trim_end();
                    *f = format!("{}… ", t.strip_suffix('?').unwrap_or(t));
                }
            }
        }
        let refs: Vec<&str> = fixed.iter().map(String::as_str).collect();
        let mut text = join_rich_cell(&refs, *kind == Kind::Layer);
        if *kind == Kind::Layer {
            let (lvl, rest) = nested_prefix(&text, ascii);
            level = lvl;
            text = rest;
        }
        if partial && text.is_empty() {
            cells.push(None);
            continue;
        }
        cells.push(Some(Cell { text, cut: partial }));
    }
    Ok(RawRow {
        line: at,
        level,
        cells,
    })
}

/// Keras 3's nested-row prefix `"   " * level + "└ "` (`? ` on an ASCII
/// console): the level and the text after it.
fn nested_prefix(text: &str, ascii: bool) -> (usize, String) {
    let spaces = text
        .len()
        .saturating_sub(text.trim_start_matches(' ').len());
    let rest = text.get(spaces..).unwrap_or(text);
    let marker = rest
        .strip_prefix("└ ")
        .or_else(|| rest.strip_prefix("└"))
        .or_else(|| if ascii { rest.strip_prefix("? ") } else { None });
    match marker {
        Some(after) if spaces >= 3 => (spaces / 3, after.trim_start().to_owned()),
        _ => (0, text.to_owned()),
    }
}

// ---------------------------------------------------------------------
// tf.keras 2 (recent versions, tf_keras)

/// The column starts of a tf.keras header line: runs of text separated by
/// two spaces or more (tf.keras leaves at least two between columns).
fn header_tokens(line: &[char]) -> Vec<(usize, String)> {
    let mut tokens: Vec<(usize, String)> = Vec::new();
    // Between tokens: at the start, or after a space followed by another
    // space or the end (a single space inside a token is kept).
    let mut between = true;
    for (i, &c) in line.iter().enumerate() {
        let ends = c == ' ' && line.get(i.saturating_add(1)).is_none_or(|n| *n == ' ');
        if ends || (c == ' ' && between) {
            between |= ends;
            continue;
        }
        if between {
            tokens.push((i, String::new()));
            between = false;
        }
        if let Some((_, text)) = tokens.last_mut() {
            text.push(c);
        }
    }
    tokens
}

/// The columns of a header line read as runs parted by two spaces or
/// more ([`header_tokens`]): their kinds and starts. tf.keras 2's
/// (`keras2`) are never empty and name each column once.
fn token_columns(head: &[char], header: usize, keras2: bool) -> Result<(Vec<Kind>, Vec<usize>)> {
    let tokens = header_tokens(head);
    if keras2 && tokens.is_empty() {
        return Err(err(header, "empty header line"));
    }
    let (mut kinds, mut starts) = (Vec::new(), Vec::new());
    for (start, text) in tokens {
        let kind = kind_of_header(&text)
            .ok_or_else(|| err(header, format!("unknown column header {text:?}")))?;
        if keras2 && kinds.contains(&kind) {
            bail!(header, "column {text:?} appears twice");
        }
        kinds.push(kind);
        starts.push(start);
    }
    if kinds.first() != Some(&Kind::Layer) {
        return Err(err(header, "the first column is not `Layer (type)`"));
    }
    Ok((kinds, starts))
}

/// The column a header names, by its first letter.
fn kind_of_header(h: &str) -> Option<Kind> {
    let first = h.chars().next()?;
    HEADERS
        .iter()
        .find(|(name, _)| name.starts_with(first))
        .map(|k| k.1)
}

/// The columns of a tf.keras table (either layout) and its line length.
struct Layout {
    kinds: Vec<Kind>,
    /// Where each column starts (tf.keras 2's column 0: after `|` bars and
    /// a space).
    starts: Vec<usize>,
    /// Where each column ends (tf.keras 2's `positions`): where the next
    /// starts, the last at the line's end.
    ends: Vec<usize>,
    line_length: usize,
}

impl Layout {
    /// The layout of the header line `header` above the `=` rule `eq`.
    fn new(lines: &[&str], header: usize, eq: usize, format: PrintedFormat) -> Result<Self> {
        let line_length = lines.get(eq).map_or(0, |l| l.trim_end().chars().count());
        let head: Vec<char> = lines.get(header).copied().unwrap_or("").chars().collect();
        let (kinds, starts) = match format {
            PrintedFormat::Keras2Legacy => legacy_columns(&head, header)?,
            _ => token_columns(&head, header, true)?,
        };
        let mut ends: Vec<usize> = starts.iter().skip(1).copied().collect();
        ends.push(line_length.max(starts.last().copied().unwrap_or(0)));
        Ok(Layout {
            kinds,
            starts,
            ends,
            line_length,
        })
    }

    /// tf.keras's `cutoff` of column `col` at nesting level `level`: how
    /// many characters of the cell one line holds.
    fn cutoff(&self, col: usize, level: usize) -> usize {
        let last = col.saturating_add(1) == self.ends.len();
        // Column 0 starts at the line's start, the others where the one
        // before ends.
        let start = if col == 0 {
            0
        } else {
            self.starts.get(col).copied().unwrap_or(0)
        };
        let end = self.ends.get(col).copied().unwrap_or(0);
        let cutoff = end
            .saturating_sub(start)
            .saturating_sub(if last { 0 } else { 3 });
        cutoff.saturating_sub(if col == 0 { level } else { 0 })
    }

    /// The characters of column `col` in a content line at `level`.
    fn slice<'c>(&self, line: &'c [char], col: usize, level: usize) -> &'c [char] {
        let start = if col == 0 {
            level.saturating_add(1)
        } else {
            self.starts.get(col).copied().unwrap_or(0)
        };
        let last = col.saturating_add(1) == self.ends.len();
        let end = if last {
            self.line_length.saturating_sub(level)
        } else {
            self.ends.get(col).copied().unwrap_or(0)
        };
        let end = end.min(line.len());
        line.get(start..end).unwrap_or_default()
    }
}

/// tf.keras's `print_row` breaks a cell after the first `),`, `},`, `],`
/// or `',` that fits, else at the cutoff: joins its pieces back.
fn join_keras2_pieces(pieces: &[&[char]], cutoff: usize) -> String {
    let last_filled = pieces
        .iter()
        .rposition(|p| p.iter().any(|c| *c != ' '))
        .unwrap_or(0);
    let mut out = String::new();
    for (i, piece) in pieces
        .iter()
        .enumerate()
        .take(last_filled.saturating_add(1))
    {
        let trimmed = rstrip_chars(piece);
        let ends_with_separator = matches!(
            trimmed,
            [.., ')' | '}' | ']' | '\'', ','] if trimmed.len() >= 2
        );
        if i < last_filled && !ends_with_separator {
            out.extend(piece.iter().take(cutoff));
        } else {
            out.extend(trimmed.iter());
        }
    }
    out
}

fn rstrip_chars(s: &[char]) -> &[char] {
    let mut s = s;
    while let [rest @ .., ' '] = s {
        s = rest;
    }
    s
}

/// A frame line of `expand_nested` (`|¯¯¯|`, `¯¯¯`): its number of
/// leading bars.
fn frame_bars(line: &str) -> Option<usize> {
    let t = line.trim_end();
    let bars = t.len().saturating_sub(t.trim_start_matches('|').len());
    let rest = t.get(bars..)?;
    let body = rest.trim_end_matches('|');
    (!body.is_empty() && body.chars().all(|c| c == '¯')).then_some(bars)
}

/// The rows of a tf.keras 2 table and the line after it.
fn read_keras2(lines: &[&str], eq: usize, layout: &Layout) -> Result<(Vec<RawRow>, usize)> {
    let mut rows = Vec::new();
    let mut level = 0usize;
    let mut record: Vec<(usize, Vec<char>)> = Vec::new();
    let mut record_level = 0usize;
    let mut i = eq.saturating_add(1);
    let end = loop {
        let line = table_line(lines, i, "without its closing `=====` rule")?;
        let closing = is_rule(line, '=') && level == 0;
        let frame = frame_bars(line);
        // A row's record ends at the closing rule, a frame or a blank line.
        let blank = line.chars().all(|c| c == ' ' || c == '|');
        if (closing || frame.is_some() || blank) && !record.is_empty() {
            rows.push(keras2_row(&record, record_level, layout));
            record.clear();
        }
        if closing {
            break i.saturating_add(1);
        }
        if let Some(bars) = frame {
            if bars != level.saturating_add(1) && bars.saturating_add(1) != level {
                let reason = format!("a nested-model frame of depth {bars} inside depth {level}");
                return Err(err(i, reason));
            }
            level = bars;
        } else if !blank {
            let bars = line
                .len()
                .saturating_sub(line.trim_start_matches('|').len());
            if bars != level || line.get(bars..).is_some_and(|r| !r.starts_with(' ')) {
                let bars = "|".repeat(level);
                bail!(
                    i,
                    "expected a row of nesting depth {level} (`{bars}` and a space)"
                );
            }
            if record.is_empty() {
                record_level = level;
            }
            record.push((i, line.chars().collect()));
        }
        i = i.saturating_add(1);
    };
    Ok((rows, end))
}

fn keras2_row(record: &[(usize, Vec<char>)], level: usize, layout: &Layout) -> RawRow {
    let at = record.first().map_or(0, |r| r.0);
    let cells = (0..layout.kinds.len())
        .map(|col| {
            let pieces: Vec<&[char]> = record
                .iter()
                .map(|(_, l)| layout.slice(l, col, level))
                .collect();
            Some(Cell {
                text: join_keras2_pieces(&pieces, layout.cutoff(col, level)),
                cut: false,
            })
        })
        .collect();
    RawRow {
        line: at,
        level,
        cells,
    }
}

// ---------------------------------------------------------------------
// Legacy tf.keras / Keras 2

/// The columns of a legacy header: the headers Keras printed, found in
/// order, else (cut headers) runs parted by two spaces or more.
fn legacy_columns(head: &[char], header: usize) -> Result<(Vec<Kind>, Vec<usize>)> {
    let head_text: String = head.iter().collect();
    let (mut kinds, mut starts) = (Vec::new(), Vec::new());
    let mut from = 0usize;
    for (h, kind) in HEADERS {
        let Some(found) = head_text.get(from..).and_then(|t| t.find(h)) else {
            continue;
        };
        // bounded: byte offsets into the header line
        let byte = from.saturating_add(found);
        let char_pos = head_text.get(..byte).map_or(0, |t| t.chars().count());
        kinds.push(kind);
        starts.push(char_pos);
        from = byte.saturating_add(h.len());
    }
    if kinds.first() != Some(&Kind::Layer) || starts.first() != Some(&0) || kinds.len() < 3 {
        return token_columns(head, header, false);
    }
    Ok((kinds, starts))
}

/// One row of a legacy table from its lines.
fn legacy_row(group: &[(usize, Vec<char>)], layout: &Layout) -> RawRow {
    let n = layout.kinds.len();
    let mut cells = Vec::with_capacity(n);
    for col in 0..n {
        let start = layout.starts.get(col).copied().unwrap_or(0);
        let end = layout.ends.get(col).copied().unwrap_or(0);
        let last = col.saturating_add(1) == n;
        let connected = layout.kinds.get(col) == Some(&Kind::Connected);
        // Keras replaced the last character of a non-last column by a
        // space: a cell that reaches it was cut.
        let room = end.saturating_sub(start).saturating_sub(usize::from(!last));
        // Only `Connected to` continues on the following lines.
        let group_lines = group.iter().take(if connected { usize::MAX } else { 1 });
        let parts: Vec<String> = group_lines
            .map(|(_, line)| rstrip_chars(line.get(start..end.min(line.len())).unwrap_or_default()))
            .filter(|visible| !visible.is_empty())
            .map(|visible| visible.iter().collect())
            .collect();
        let cut = parts.iter().any(|p| p.chars().count() >= room);
        let sep = if connected { ", " } else { " " };
        cells.push(Some(Cell {
            text: parts.join(sep),
            cut,
        }));
    }
    RawRow {
        line: group.first().map_or(0, |g| g.0),
        level: 0,
        cells,
    }
}

/// The rows of a legacy table and the line after it.
fn read_legacy(lines: &[&str], eq: usize, layout: &Layout) -> Result<(Vec<RawRow>, usize)> {
    let mut rows = Vec::new();
    let mut group: Vec<(usize, Vec<char>)> = Vec::new();
    let mut i = eq.saturating_add(1);
    let end = loop {
        let line = table_line(lines, i, "without its closing `=====` rule")?;
        let closing = is_rule(line, '=');
        let rule = closing || is_rule(line, '_');
        // A blank line inside the table (a paste that lost a rule) is skipped.
        let content = !rule && !line.trim().is_empty();
        let continued = line.starts_with(' ');
        if content && continued && group.is_empty() {
            return Err(err(i, "a row whose first column is empty"));
        }
        // A row ends at a rule, or where the next starts without a rule
        // between (pasted loosely).
        if (rule || (content && !continued)) && !group.is_empty() {
            rows.push(legacy_row(&group, layout));
            group.clear();
        }
        if closing {
            break i.saturating_add(1);
        }
        if content {
            group.push((i, line.chars().collect()));
        }
        i = i.saturating_add(1);
    };
    Ok((rows, end))
}

// ---------------------------------------------------------------------
// Totals

/// `Total`, `Trainable`, `Non-trainable` and `Optimizer params`, as
/// printed: the count and the size in bits.
type Totals = [Option<(u64, Option<u64>)>; 4];

/// The bits of a printed size (`147.00 KB`, `364.00 Byte`), rounded.
fn size_bits(value: &str, unit: &str) -> Option<u64> {
    let v: f64 = value.parse().ok()?;
    let power = match unit {
        "Byte" | "Bytes" => 0,
        _ => crate::render::SIZE_UNITS.iter().position(|u| *u == unit)?,
    };
    // Exact: powers of two.
    let scale = 1024f64.powi(i32::try_from(power).ok()?);
    let bits = (v * scale * 8.0).round();
    // In range: the cast is exact for these integers.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    (bits.is_finite() && (0.0..1.8e19).contains(&bits)).then_some(bits as u64)
}

/// A totals line: which total, the count and the size in bits.
fn total_line(line: &str, at: usize) -> Result<Option<(usize, u64, Option<u64>)>> {
    let t = line.trim();
    for (k, label) in Total::ALL.map(Total::label).into_iter().enumerate() {
        let Some(rest) = t.strip_prefix(label).and_then(|r| r.strip_prefix(':')) else {
            continue;
        };
        let rest = rest.trim();
        let (count, size) = match rest.split_once(" (") {
            Some((c, s)) => (c, Some(s)),
            None => (rest, None),
        };
        let digits: String = count.chars().filter(|c| *c != ',').collect();
        let n: u64 = digits
            .parse()
            .map_err(|_| err(at, format!("cannot read the count {count:?} of `{label}:`")))?;
        let bits = size.map(|s| {
            let inner = s.strip_suffix(')').unwrap_or(s);
            let (v, unit) = inner.split_once(' ').unwrap_or((inner, ""));
            let e = || err(at, format!("cannot read the size ({s} of `{label}:`"));
            size_bits(v, unit).ok_or_else(e)
        });
        return Ok(Some((k, n, bits.transpose()?)));
    }
    Ok(None)
}

fn read_totals(lines: &[&str], from: usize) -> Result<Totals> {
    let mut totals = Totals::default();
    let mut i = from;
    let mut seen = 0usize;
    while let Some(line) = lines.get(i).copied() {
        let mut line_owned = line.to_owned();
        // `rich` may fold a totals line at a narrow console: its size
        // follows on the next line.
        if let Some(t) = lines.get(i.saturating_add(1)).map(|next| next.trim())
            && t.starts_with('(')
            && t.ends_with(')')
            && !line.contains(" (")
            && line.contains("params:")
        {
            line_owned = format!("{} {t}", line.trim_end());
            i = i.saturating_add(1);
        }
        match total_line(&line_owned, i)? {
            Some((k, n, bits)) => {
                if let Some(slot) = totals.get_mut(k) {
                    *slot = Some((n, bits));
                }
                seen = seen.saturating_add(1);
            }
            None => {
                let blank = line.trim().is_empty() || is_rule(line, '_');
                if !blank || seen >= 3 {
                    break;
                }
            }
        }
        i = i.saturating_add(1);
        if seen >= 4 {
            break;
        }
    }
    Ok(totals)
}

// ---------------------------------------------------------------------
// Cells as data

/// One row's values, before nesting.
struct Parsed {
    level: usize,
    row: SummaryRow,
    incomplete: Vec<(Column, String)>,
}

/// Strips a trailing `…`: the visible prefix and whether it was cut.
fn strip_ellipsis(s: &str) -> (&str, bool) {
    s.strip_suffix('…').map_or((s, false), |p| (p, true))
}

/// What a cell shows, without its `…`.
fn shown_prefix(text: &str) -> String {
    strip_ellipsis(text.trim()).0.to_owned()
}

/// `name (Class)` → name, class, and which of them is cut.
fn layer_cell(cell: &Cell) -> (String, String, bool, bool) {
    let text = cell.text.as_str();
    if let Some((name, class)) = text.rsplit_once(" (") {
        let (name_prefix, name_cut) = strip_ellipsis(name);
        if let Some(c) = class.strip_suffix(')') {
            let (c, class_cut) = strip_ellipsis(c);
            return (name_prefix.to_owned(), c.to_owned(), name_cut, class_cut);
        }
        // The ` (` after the name shows the name ended.
        let (c, _) = strip_ellipsis(class);
        return (name_prefix.to_owned(), c.to_owned(), name_cut, true);
    }
    // No class visible: the name itself may be cut.
    let (name_prefix, name_cut) = strip_ellipsis(text);
    let cut = name_cut || cell.cut;
    (name_prefix.to_owned(), String::new(), cut, true)
}

/// A shape expression: `(None, 64)`, `(None,)`, `()`, `[(None, 4), (None,
/// 2)]`, `((None, 4), (None, 2))`, `{a: (None, 4)}` (values in order).
struct ShapeParser<'s> {
    s: &'s [u8],
    i: usize,
}

impl ShapeParser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn bump(&mut self) {
        self.i = self.i.saturating_add(1);
    }
    fn spaces(&mut self) {
        while self.peek() == Some(b' ') {
            self.bump();
        }
    }
    fn eat(&mut self, c: u8) -> bool {
        self.spaces();
        if self.peek() == Some(c) {
            self.bump();
            true
        } else {
            false
        }
    }
    /// Items up to `close`, parted by commas (a trailing one allowed).
    fn items(&mut self, close: u8, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        loop {
            if self.eat(close) {
                return Some(());
            }
            item(self)?;
            if !self.eat(b',') {
                return self.eat(close).then_some(());
            }
        }
    }
    /// A value: leaves are appended to `out`; returns the structure when
    /// it is a group of values.
    fn value(&mut self, out: &mut Vec<Shape>, depth: usize) -> Option<Option<OutputStructure>> {
        if depth > 32 {
            return None;
        }
        let inner = depth.saturating_add(1);
        let mut value = |p: &mut Self| p.value(out, inner).map(drop);
        self.spaces();
        let open = self.peek()?;
        self.bump();
        match open {
            b'[' => {
                self.items(b']', value)?;
                Some(Some(OutputStructure::List))
            }
            b'{' => {
                self.items(b'}', |p| {
                    // A key up to `:`.
                    while p.peek().is_some_and(|c| c != b':') {
                        p.bump();
                    }
                    if !p.eat(b':') {
                        return None;
                    }
                    value(p)
                })?;
                Some(Some(OutputStructure::List))
            }
            b'(' => {
                self.spaces();
                if matches!(self.peek(), Some(b'(' | b'[' | b'{')) {
                    self.items(b')', value)?;
                    return Some(Some(OutputStructure::Tuple));
                }
                let mut dims = Vec::new();
                self.items(b')', |p| {
                    dims.push(p.dim()?);
                    Some(())
                })?;
                out.push(Shape::new(dims));
                Some(None)
            }
            _ => None,
        }
    }
    fn dim(&mut self) -> Option<Dim> {
        self.spaces();
        let rest = self.s.get(self.i..)?;
        if rest.starts_with(b"None") {
            self.i = self.i.saturating_add(4);
            return Some(Dim::Unknown);
        }
        let len = rest.iter().take_while(|c| c.is_ascii_digit()).count();
        let digits = std::str::from_utf8(rest.get(..len)?).ok()?;
        let n: u64 = digits.parse().ok()?;
        self.i = self.i.saturating_add(len);
        Some(Dim::Known(n))
    }
}

/// The output shapes a cell prints, if it is a whole shape expression.
fn parse_shapes(text: &str) -> Option<(OutputStructure, Vec<Shape>)> {
    let mut p = ShapeParser {
        s: text.as_bytes(),
        i: 0,
    };
    let mut out = Vec::new();
    let structure = p.value(&mut out, 0)?;
    p.spaces();
    if p.i != text.len() {
        return None;
    }
    Some((structure.unwrap_or_default(), out))
}

/// `name[1][0]` as a connection.
fn parse_connection(s: &str) -> Option<Connection> {
    let s = s.trim();
    let body = s.strip_suffix(']')?;
    let (rest, tensor) = body.rsplit_once('[')?;
    let body = rest.strip_suffix(']')?;
    let (layer, node) = body.rsplit_once('[')?;
    if layer.is_empty() {
        return None;
    }
    Some(Connection {
        layer: layer.to_owned().into(),
        node_index: node.parse().ok()?,
        tensor_index: tensor.parse().ok()?,
    })
}

/// A Python list of strings (`['a[0][0]', "b'[0][0]"]`), as tf.keras 2
/// prints `Connected to`.
fn python_strings(text: &str) -> Option<Vec<String>> {
    let inner = text.trim().strip_prefix('[')?.strip_suffix(']')?;
    let mut out = Vec::new();
    let mut chars = inner.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ' ' || *c == ',') {
            chars.next();
        }
        let Some(quote) = chars.next() else {
            return Some(out);
        };
        if quote != '\'' && quote != '"' {
            return None;
        }
        let mut s = String::new();
        loop {
            match chars.next()? {
                '\\' => match chars.next()? {
                    'n' => s.push('\n'),
                    't' => s.push('\t'),
                    'r' => s.push('\r'),
                    other => s.push(other),
                },
                c if c == quote => break,
                c => s.push(c),
            }
        }
        out.push(s);
    }
}

/// The connections a `Connected to` cell lists, and the ones it shows
/// only in part (their visible prefixes).
fn connections(text: &str, format: PrintedFormat) -> (Vec<Connection>, Vec<String>) {
    let mut conns = Vec::new();
    let mut cut = Vec::new();
    let mut push = |item: &str| {
        let (prefix, was_cut) = strip_ellipsis(item.trim().trim_end_matches(','));
        match parse_connection(prefix).filter(|_| !was_cut) {
            Some(c) => conns.push(c),
            None => {
                cut.push(prefix.to_owned());
                conns.push(Connection {
                    layer: format!("{prefix}…").into(),
                    node_index: 0,
                    tensor_index: 0,
                });
            }
        }
    };
    match format {
        PrintedFormat::Keras2 => match python_strings(text) {
            Some(items) => items.iter().for_each(|s| push(s)),
            None => push(text),
        },
        _ => {
            let t = text.trim();
            if t.is_empty() || t == "-" {
                return (conns, cut);
            }
            for item in t.split(", ") {
                // An ellipsized entry lost its comma: `a_long…` `b[0][0]`.
                let mut rest = item;
                while let Some(k) = rest.find("… ") {
                    // bounded: `k` is a char boundary, `…` is 3 bytes
                    let (head, tail) = rest.split_at(k.saturating_add('…'.len_utf8()));
                    push(head);
                    rest = tail.trim_start();
                }
                if !rest.is_empty() {
                    push(rest);
                }
            }
        }
    }
    (conns, cut)
}

/// A `Param #` cell: the count and whether the layer is unbuilt.
fn params_cell(text: &str) -> Option<(u64, bool)> {
    let t = text.trim();
    let (count, unbuilt) = match t
        .strip_suffix("(unbuilt)")
        .or_else(|| t.strip_suffix("(unused)"))
    {
        Some(c) => (c.trim(), true),
        None => (t, false),
    };
    let digits: String = count.chars().filter(|c| *c != ',').collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((digits.parse().ok()?, unbuilt))
}

/// A name or class as the summary keeps it: a `cut` one, listed in
/// `incomplete`, as its visible prefix followed by `…`.
fn shown(
    incomplete: &mut Vec<(Column, String)>,
    column: Column,
    text: String,
    cut: bool,
) -> String {
    if !cut {
        return text;
    }
    let kept = format!("{text}…");
    incomplete.push((column, text));
    kept
}

/// The cells of the summary a column of the table holds.
fn cells_of(kind: Kind) -> &'static [Column] {
    match kind {
        Kind::Layer => &[Column::Name, Column::Class],
        Kind::Shape => &[Column::OutputShape],
        Kind::Params => &[Column::Params],
        Kind::Connected => &[Column::ConnectedTo],
        Kind::Trainable => &[Column::Trainable],
    }
}

fn parsed_row(raw: &RawRow, table: &Table) -> Result<Parsed> {
    let mut row = SummaryRow {
        trainable: true,
        ..SummaryRow::default()
    };
    let mut incomplete = Vec::new();
    for (cell, kind) in raw.cells.iter().zip(&table.kinds) {
        let Some(cell) = cell else {
            // Cropped away by the console.
            incomplete.extend(cells_of(*kind).iter().map(|c| (*c, String::new())));
            continue;
        };
        match kind {
            Kind::Layer => {
                let (name, class, name_cut, class_cut) = layer_cell(cell);
                if name.is_empty() && !name_cut {
                    return Err(err(raw.line, "a row without a layer name"));
                }
                row.name = shown(&mut incomplete, Column::Name, name, name_cut).into();
                row.class_name = shown(&mut incomplete, Column::Class, class, class_cut).into();
                row.is_input = row.class_name == crate::model::input::Input::CLASS_NAME;
            }
            Kind::Shape => {
                let t = cell.text.trim();
                match parse_shapes(t) {
                    Some((structure, shapes)) => {
                        row.output_structure = structure;
                        let shapes = Shapes::from(shapes);
                        row.call_output_shapes = smallvec::smallvec![shapes.clone()];
                        row.output_shapes = shapes;
                    }
                    None if t == "?" => row.unbuilt = true,
                    None => incomplete.push((Column::OutputShape, shown_prefix(t))),
                }
            }
            Kind::Params => match params_cell(&cell.text).filter(|_| !cell.cut) {
                Some((n, unbuilt)) => {
                    row.params = n;
                    row.unbuilt |= unbuilt;
                }
                None => incomplete.push((Column::Params, shown_prefix(&cell.text))),
            },
            Kind::Connected => {
                let (conns, cut) = connections(&cell.text, table.format);
                row.connected_to = conns.into();
                if cell.cut || !cut.is_empty() {
                    incomplete.push((Column::ConnectedTo, shown_prefix(&cell.text)));
                }
            }
            Kind::Trainable => match cell.text.trim() {
                "Y" if !cell.cut => row.trainable = true,
                "N" if !cell.cut => row.trainable = false,
                other => incomplete.push((Column::Trainable, shown_prefix(other))),
            },
        }
    }
    // The cell a cropped table shows only in part: complete only when it
    // is self-delimiting (never for `Connected to`: how many entries the
    // cropped lines hold is unknown).
    let mut visible = raw.cells.iter().enumerate().rev();
    if table.cropped
        && let Some((k, cell)) = visible.find_map(|(k, c)| c.as_ref().map(|c| (k, c)))
        && let Some(&kind) = table.kinds.get(k)
        && match kind {
            Kind::Layer => !cell.text.trim_end().ends_with(')'),
            Kind::Shape => parse_shapes(cell.text.trim()).is_none(),
            Kind::Connected => true,
            Kind::Params | Kind::Trainable => false,
        }
    {
        incomplete.retain(|(c, _)| !cells_of(kind).contains(c));
        if kind == Kind::Layer {
            let (name, class, _, _) = layer_cell(cell);
            row.name = shown(&mut incomplete, Column::Name, name, true).into();
            row.class_name = shown(&mut incomplete, Column::Class, class, true).into();
        } else {
            // Later columns are cropped away: no connections but these.
            row.connected_to.clear();
            let text = cell.text.trim();
            incomplete.extend(cells_of(kind).iter().map(|c| (*c, text.to_owned())));
        }
    }
    Ok(Parsed {
        level: raw.level,
        row,
        incomplete,
    })
}

// ---------------------------------------------------------------------
// The summary

/// Rows `parsed[*i..]` at `level` and deeper, as the rows of one model;
/// their incomplete cells go to `incomplete` under `path`.
fn nest(
    parsed: &mut std::iter::Peekable<std::vec::IntoIter<Parsed>>,
    level: usize,
    path: &mut Vec<usize>,
    incomplete: &mut Vec<IncompleteCell>,
) -> Result<Vec<SummaryRow>> {
    let mut rows: Vec<SummaryRow> = Vec::new();
    while let Some(p) = parsed.peek() {
        if p.level < level {
            break;
        }
        if p.level > level {
            // Deeper rows belong to the row above.
            let parent_index = rows.len().saturating_sub(1);
            let Some(parent) = rows.last_mut() else {
                return Err(err(0, "a nested row with no model row above it"));
            };
            if p.level > level.saturating_add(1) {
                let depth = p.level.saturating_sub(level);
                bail!(0, "a row nested {depth} levels below its model row");
            }
            path.push(parent_index);
            let children = nest(parsed, level.saturating_add(1), path, incomplete)?;
            path.pop();
            parent.nested = Some(Box::new(Summary {
                name: parent.name.to_string(),
                class_name: parent.class_name.to_string(),
                sequential_like: true,
                rows: children,
                built: true,
                ..Summary::default()
            }));
            continue;
        }
        let Some(p) = parsed.next() else { break };
        path.push(rows.len());
        for (column, shown) in p.incomplete {
            incomplete.push(IncompleteCell {
                row: path.clone(),
                column,
                shown,
            });
        }
        path.pop();
        rows.push(p.row);
    }
    Ok(rows)
}

fn build(table: Table, model_name: Option<String>, totals: Totals) -> Result<PrintedSummary> {
    let has = |k: Kind| table.kinds.contains(&k);
    // A column the console cropped is held in part: its cells say so.
    let mut columns = Columns {
        model_name: model_name.is_some(),
        layers: has(Kind::Layer),
        output_shape: has(Kind::Shape),
        params: has(Kind::Params),
        connected_to: has(Kind::Connected),
        trainable: has(Kind::Trainable),
        optimizer: matches!(
            table.format,
            PrintedFormat::Keras3 | PrintedFormat::Keras3Ascii
        ),
        ..Columns::none()
    };
    // Without `Connected to`, the model is sequential-like, unless the
    // console cropped the table before that column.
    let layout_unknown =
        table.cropped && !has(Kind::Connected) && !has(Kind::Trainable) && table.kinds.len() < 4;
    let sequential_like = !has(Kind::Connected) && !layout_unknown;
    let parsed: Vec<Parsed> = table
        .rows
        .iter()
        .map(|raw| parsed_row(raw, &table))
        .collect::<Result<_>>()?;
    columns.nested = parsed.iter().any(|p| p.level > 0);
    if parsed.first().is_some_and(|p| p.level > 0) {
        let line = table.rows.first().map_or(0, |r| r.line);
        return Err(err(line, "the first row is a nested row"));
    }
    let mut incomplete = Vec::new();
    let mut iter = parsed.into_iter().peekable();
    let rows = nest(&mut iter, 0, &mut Vec::new(), &mut incomplete)?;
    let mut summary = Summary {
        name: model_name.unwrap_or_default(),
        sequential_like,
        built: rows.is_empty() || !rows.iter().all(|r| r.unbuilt),
        rows,
        ..Summary::default()
    };
    let [total, trainable, non_trainable, optimizer] = totals;
    if let (Some((t, tb)), Some((tr, trb)), Some((nt, ntb))) = (total, trainable, non_trainable) {
        columns.totals = true;
        summary.total_params = t;
        summary.trainable_params = tr;
        summary.non_trainable_params = nt;
        if let (Some(a), Some(b), Some(c)) = (tb, trb, ntb) {
            columns.sizes = true;
            summary.total_size = MemorySize::from_bits(a);
            summary.trainable_size = MemorySize::from_bits(b);
            summary.non_trainable_size = MemorySize::from_bits(c);
        }
        if let Some((o, ob)) = optimizer {
            // The text shows the optimizer's figures, not its class.
            summary.optimizer = Some(String::new());
            summary.optimizer_params = o;
            summary.optimizer_size = MemorySize::from_bits(ob.unwrap_or_default());
        }
    }
    Ok(PrintedSummary {
        summary,
        format: table.format,
        columns,
        incomplete,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let one = |t: &str| {
            parse_shapes(t).map(|(s, v)| (s, v.iter().map(ToString::to_string).collect::<Vec<_>>()))
        };
        assert_eq!(one("(None, 64)").unwrap().1, ["(None, 64)"]);
        assert_eq!(one("(None,)").unwrap().1, ["(None)"]);
        assert_eq!(one("()").unwrap().1, ["()"]);
        let (s, v) = one("[(None, 4), (None, 2)]").unwrap();
        assert_eq!((s, v.len()), (OutputStructure::List, 2));
        let (s, v) = one("((None, 4), (None, 2))").unwrap();
        assert_eq!((s, v.len()), (OutputStructure::Tuple, 2));
        assert_eq!(one("{a: (None, 4), 'b': (None, 1)}").unwrap().1.len(), 2);
        assert!(one("(None, 4").is_none());
        assert!(one("(No…").is_none());
        assert!(one("multiple").is_none());
        assert!(one(&"[".repeat(100)).is_none());
    }

    #[test]
    fn connections_and_params() {
        let (c, cut) = connections("a[0][0], b_1[1][2]", PrintedFormat::Keras3);
        assert_eq!(c.len(), 2);
        assert!(cut.is_empty());
        assert_eq!(c[1].to_string(), "b_1[1][2]");
        let (c, cut) = connections("long_na… other[0][0]", PrintedFormat::Keras3);
        assert_eq!(
            (c.len(), cut.as_slice()),
            (2, ["long_na".to_owned()].as_slice())
        );
        let (c, _) = connections("['a[0][0]', 'b[0][1]']", PrintedFormat::Keras2);
        assert_eq!(c[1].tensor_index, 1);
        assert_eq!(params_cell("1,234"), Some((1234, false)));
        assert_eq!(params_cell("0 (unbuilt)"), Some((0, true)));
        assert_eq!(params_cell("1,2…"), None);
    }

    #[test]
    fn not_a_summary() {
        for text in ["", "hello\nworld", "\0\0", "=====\n", "┏━━┓\n"] {
            let e = PrintedSummary::parse(text).unwrap_err();
            assert!(matches!(e, Error::SummaryText { .. }), "{text:?}: {e}");
        }
    }
}
