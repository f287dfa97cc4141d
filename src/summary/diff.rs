//! Structural comparison of two summaries: which layers were added,
//! removed or renamed, and what changed in the others (class, output
//! shape, parameters, trainable flag, weights, connections), down into
//! nested models, and in the totals.
//!
//! Rows are matched by name first, then, between rows matched by name, by
//! position and class (a renamed layer, or any layer when names are
//! ignored). A change of a layer's name changes nothing else: its weight
//! paths are compared below the layer's name, and the `Connected to`
//! entries of the layers it feeds are compared through the matching.
//!
//! A side may be a model's [`Summary`] (everything known) or a
//! [`PrintedSummary`] (the columns its text holds). Between a printed
//! summary and anything else, only what both hold is compared, and:
//! - a name, class or `Connected to` entry the text shows cut (`an_inp…`)
//!   equals any value that starts with the visible prefix;
//! - a number or shape the text shows cut, tf.keras 2's `multiple`, and
//!   Keras 3's `-` in the `Trainable` column compare equal to anything;
//! - output shapes follow tf.keras 2's definition when either side is a
//!   tf.keras 2 text (a nested model's `output_shape` is its own outputs');
//! - the byte sizes compare as printed (two decimals);
//! - the rows of a nested model are compared when the text lists them
//!   (`expand_nested`), without Keras 3's operation rows, which Keras
//!   leaves out there.
//!
//! ```
//! use kerasinfo::prelude::*;
//! use kerasinfo::summary::ChangeKind;
//!
//! let net = |filters: i64| -> kerasinfo::Result<Model> {
//!     let x = Input::new([8, 8, 3]).name("image").tensor()?;
//!     let y = Conv2D::new(filters, 3).name("conv").call(&x)?;
//!     let y = Flatten::new().name("flat").call(&y)?;
//!     let y = Dense::new(2).name("head").call(&y)?;
//!     Functional::new(&x, &y).name("net").build()
//! };
//! let diff = net(4)?.summary().diff(&net(8)?.summary());
//! assert!(!diff.is_empty());
//! // `conv` changed shape, parameters and weights; `flat` and `head` follow.
//! let params: Vec<(&str, u64, u64)> = diff
//!     .changes()
//!     .iter()
//!     .filter_map(|c| match c.kind {
//!         ChangeKind::Params { left, right } => Some((c.layer_name(), left, right)),
//!         _ => None,
//!     })
//!     .collect();
//! assert_eq!(params, [("conv", 112, 224), ("head", 290, 578)]);
//! println!("{diff}");
//! # Ok::<(), kerasinfo::Error>(())
//! ```

use std::collections::{HashMap, HashSet};
use std::fmt;

pub use super::Total;
use super::parse::{Column, Columns, PrintedFormat, PrintedSummary};
use super::{Connection, MemorySize, Summary, SummaryRow};
use crate::args::PyTuple;
use crate::render::{group_thousands, options};
use crate::shape::Shape;
use crate::weight::Weight;

options! {
    /// What a comparison ignores.
    ///
    /// ```
    /// use kerasinfo::summary::DiffOptions;
    /// let o = DiffOptions::new().ignore_names(true);
    /// assert!(o.ignore_names && !o.ignore_weight_paths);
    /// ```
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[non_exhaustive]
    #[must_use]
    pub struct DiffOptions {
        /// Match layers by position and class only, and ignore layer and
        /// model names (automatic names such as `dense_3` differ between
        /// sessions). Defaults to `false`.
        pub ignore_names: bool = false, |ignore: bool| ignore;
        /// Ignore weight paths (Keras's loaded models name some weights
        /// differently from models built in code). Defaults to `false`.
        pub ignore_weight_paths: bool = false, |ignore: bool| ignore;
    }
    /// Compare everything.
    pub fn new();
}

/// One side of a comparison: a model's summary, or a printed summary and
/// what its text holds.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    summary: &'a Summary,
    printed: Option<&'a PrintedSummary>,
}

impl<'a> From<&'a Summary> for Side<'a> {
    fn from(summary: &'a Summary) -> Self {
        Side {
            summary,
            printed: None,
        }
    }
}

impl<'a> From<&'a PrintedSummary> for Side<'a> {
    fn from(printed: &'a PrintedSummary) -> Self {
        Side {
            summary: &printed.summary,
            printed: Some(printed),
        }
    }
}

impl<'a> Side<'a> {
    /// The summary compared.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// use kerasinfo::summary::Side;
    /// let s = Sequential::new().name("m").add(Input::new([4])).add(Dense::new(3)).build()?.summary();
    /// assert_eq!(Side::from(&s).summary().name, "m");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[must_use]
    pub fn summary(&self) -> &'a Summary {
        self.summary
    }

    fn columns(&self) -> Columns {
        self.printed.map_or_else(Columns::all, |p| p.columns)
    }
}

/// A layer named in a change: where it is and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LayerRef {
    /// The names of the nested models that hold it (empty: a layer of the
    /// model itself).
    pub path: Vec<String>,
    /// Its row index in its model's summary.
    pub index: usize,
    /// Its name (a cut name of a printed summary ends with `…`).
    pub name: String,
    /// Its class.
    pub class_name: String,
}

impl fmt::Display for LayerRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.path {
            write!(f, "{p} / ")?;
        }
        write!(f, "{} ({})", self.name, self.class_name)
    }
}

/// What changed, with the left and right values.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ChangeKind {
    /// The model's name.
    ModelName {
        /// Left value.
        left: String,
        /// Right value.
        right: String,
    },
    /// The model's class (`Sequential`, `Functional`).
    ModelClass {
        /// Left value.
        left: String,
        /// Right value.
        right: String,
    },
    /// A layer only the right side has ([`Change::right`]).
    LayerAdded {
        /// Its output shapes, if known.
        output_shapes: Option<Vec<Shape>>,
        /// Its parameter count, if known.
        params: Option<u64>,
    },
    /// A layer only the left side has ([`Change::left`]).
    LayerRemoved {
        /// Its output shapes, if known.
        output_shapes: Option<Vec<Shape>>,
        /// Its parameter count, if known.
        params: Option<u64>,
    },
    /// The layer at this position has another name.
    Renamed {
        /// Left value.
        left: String,
        /// Right value.
        right: String,
    },
    /// The layer's class.
    Class {
        /// Left value.
        left: String,
        /// Right value.
        right: String,
    },
    /// The layer's output shapes.
    OutputShape {
        /// Left value.
        left: Vec<Shape>,
        /// Right value.
        right: Vec<Shape>,
    },
    /// The layer's parameter count.
    Params {
        /// Left value.
        left: u64,
        /// Right value.
        right: u64,
    },
    /// The layer's trainable parameter count (its non-trainable count is
    /// the rest), reported when its parameter count is unchanged (a
    /// frozen layer).
    TrainableParams {
        /// Left value.
        left: u64,
        /// Right value.
        right: u64,
    },
    /// The layer's `trainable` flag.
    Trainable {
        /// Left value.
        left: bool,
        /// Right value.
        right: bool,
    },
    /// The layer's inputs (`Connected to`), as `layer[node][tensor]`.
    Connections {
        /// Left value.
        left: Vec<String>,
        /// Right value.
        right: Vec<String>,
    },
    /// A weight only the right side's layer has.
    WeightAdded {
        /// Its path.
        path: String,
        /// Its shape.
        shape: Vec<u64>,
    },
    /// A weight only the left side's layer has.
    WeightRemoved {
        /// Its path.
        path: String,
        /// Its shape.
        shape: Vec<u64>,
    },
    /// A weight's shape.
    WeightShape {
        /// The weight's path (left side).
        path: String,
        /// Left value.
        left: Vec<u64>,
        /// Right value.
        right: Vec<u64>,
    },
    /// A weight's trainable flag.
    WeightTrainable {
        /// The weight's path (left side).
        path: String,
        /// Left value.
        left: bool,
        /// Right value.
        right: bool,
    },
    /// A weight's dtype.
    WeightDType {
        /// The weight's path (left side).
        path: String,
        /// Left value.
        left: String,
        /// Right value.
        right: String,
    },
    /// A weight's path, below its layer's name.
    WeightPath {
        /// Left value.
        left: String,
        /// Right value.
        right: String,
    },
    /// A total parameter count.
    Total {
        /// Which total.
        which: Total,
        /// Left value.
        left: u64,
        /// Right value.
        right: u64,
    },
    /// A total's size in memory.
    TotalSize {
        /// Which total.
        which: Total,
        /// Left value.
        left: MemorySize,
        /// Right value.
        right: MemorySize,
    },
}

/// One difference: what changed, and in which layer of each side (both
/// `None` for a model-level change or a total).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Change {
    /// The layer on the left (`None` when added).
    pub left: Option<LayerRef>,
    /// The layer on the right (`None` when removed).
    pub right: Option<LayerRef>,
    /// What changed.
    pub kind: ChangeKind,
}

impl Change {
    /// The layer's name: the left one, else the right one (`""` for a
    /// model-level change).
    #[must_use]
    pub fn layer_name(&self) -> &str {
        self.left
            .as_ref()
            .or(self.right.as_ref())
            .map_or("", |l| l.name.as_str())
    }
}

/// The differences between two summaries, in row order: model-level
/// changes first, then each layer's, then the totals. `Display` prints a
/// report like a unified diff of the rows, with only the figures that
/// differ.
///
/// ```
/// use kerasinfo::prelude::*;
/// use kerasinfo::summary::ChangeKind;
/// let net = |frozen: bool| {
///     Sequential::new()
///         .name("net")
///         .add(Input::new([4]))
///         .add(Dense::new(3).name("fc").trainable(!frozen))
///         .build()
/// };
/// let d = net(false)?.summary().diff(&net(true)?.summary());
/// assert_eq!((d.left_name(), d.right_name()), ("net", "net"));
/// let fc: Vec<&ChangeKind> = d.for_layer("fc").map(|c| &c.kind).collect();
/// assert_eq!(fc[0], &ChangeKind::TrainableParams { left: 15, right: 0 });
/// assert_eq!(fc[1], &ChangeKind::Trainable { left: true, right: false });
/// assert_eq!(d.changes()[0].layer_name(), "fc");
/// assert!(d.to_string().contains("@@ fc (Dense)\n-  trainable params: 15  trainable: Y"));
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryDiff {
    left_name: String,
    right_name: String,
    changes: Vec<Change>,
}

impl SummaryDiff {
    /// Whether the summaries are the same (in what both hold).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The number of changes.
    #[must_use]
    pub fn len(&self) -> usize {
        self.changes.len()
    }

    /// Every change, in order.
    #[must_use]
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// The changes of the layer named `name` on either side.
    pub fn for_layer<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Change> + 's {
        self.changes.iter().filter(move |c| {
            c.left.as_ref().is_some_and(|l| l.name == name)
                || c.right.as_ref().is_some_and(|l| l.name == name)
        })
    }

    /// The left model's name.
    #[must_use]
    pub fn left_name(&self) -> &str {
        &self.left_name
    }

    /// The right model's name.
    #[must_use]
    pub fn right_name(&self) -> &str {
        &self.right_name
    }
}

/// Compares two summaries (a model's, or a printed one).
///
/// ```
/// use kerasinfo::prelude::*;
/// use kerasinfo::summary::{diff::diff, DiffOptions, PrintedSummary};
/// let m = Sequential::new().add(Input::new([4])).add(Dense::new(3)).build()?;
/// let printed = PrintedSummary::parse(&m.summary().to_string())?;
/// assert!(diff(&m.summary(), &printed, &DiffOptions::new()).is_empty());
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub fn diff<'l, 'r>(
    left: impl Into<Side<'l>>,
    right: impl Into<Side<'r>>,
    options: &DiffOptions,
) -> SummaryDiff {
    let (l, r) = (left.into(), right.into());
    let keras2 = |s: &Side<'_>| {
        let format = s.printed.map(|p| p.format);
        matches!(
            format,
            Some(PrintedFormat::Keras2 | PrintedFormat::Keras2Legacy)
        )
    };
    let mut d = Differ {
        options,
        l,
        r,
        changes: Vec::new(),
        keras2: keras2(&l) || keras2(&r),
    };
    d.model();
    let lctx = Ctx::new(l, d.keras2, r.printed.is_some());
    let rctx = Ctx::new(r, d.keras2, l.printed.is_some());
    let left_rows = facts_of(&lctx, l.summary, &[]);
    let right_rows = facts_of(&rctx, r.summary, &[]);
    d.rows(&left_rows, &right_rows, &[]);
    d.totals();
    SummaryDiff {
        left_name: l.summary.name.clone(),
        right_name: r.summary.name.clone(),
        changes: d.changes,
    }
}

impl Summary {
    /// Compares this summary with `other` (a [`Summary`] or a
    /// [`PrintedSummary`]), ignoring nothing.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let a = Sequential::new().add(Input::new([4])).add(Dense::new(3).name("fc")).build()?;
    /// let b = Sequential::new().add(Input::new([4])).add(Dense::new(5).name("fc")).build()?;
    /// let d = a.summary().diff(&b.summary());
    /// // Output shape, params, kernel and bias shapes.
    /// assert_eq!(d.for_layer("fc").count(), 4);
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub fn diff<'o>(&self, other: impl Into<Side<'o>>) -> SummaryDiff {
        diff(self, other, &DiffOptions::default())
    }

    /// Compares this summary with `other`, with options.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// use kerasinfo::summary::DiffOptions;
    /// kerasinfo::naming::clear_session();
    /// let net = || Sequential::new().add(Input::new([4])).add(Dense::new(3)).build();
    /// let (a, b) = (net()?.summary(), net()?.summary()); // `dense`, `dense_1`
    /// assert!(!a.diff(&b).is_empty());
    /// assert!(a.diff_with(&b, &DiffOptions::new().ignore_names(true)).is_empty());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub fn diff_with<'o>(&self, other: impl Into<Side<'o>>, options: &DiffOptions) -> SummaryDiff {
        diff(self, other, options)
    }
}

impl PrintedSummary {
    /// Compares this printed summary with `other`, in what both hold.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// use kerasinfo::summary::PrintedSummary;
    /// let m = Sequential::new().add(Input::new([4])).add(Dense::new(3)).build()?;
    /// let printed = PrintedSummary::parse(&m.summary().to_string())?;
    /// assert!(printed.diff(&m.summary()).is_empty());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub fn diff<'o>(&self, other: impl Into<Side<'o>>) -> SummaryDiff {
        diff(self, other, &DiffOptions::default())
    }

    /// Compares this printed summary with `other`, with options.
    pub fn diff_with<'o>(&self, other: impl Into<Side<'o>>, options: &DiffOptions) -> SummaryDiff {
        diff(self, other, options)
    }
}

// ---------------------------------------------------------------------
// What each side knows of a row

/// A string that may be only a visible prefix (a cut cell).
#[derive(Debug, Clone)]
struct Txt {
    s: String,
    prefix: bool,
}

impl Txt {
    /// A value that may end with `…` when `cut`.
    fn maybe_cut(s: &str, cut: bool) -> Self {
        let (s, prefix) = match s.strip_suffix('…').filter(|_| cut) {
            Some(p) => (p, true),
            None => (s, false),
        };
        let s = s.to_owned();
        Txt { s, prefix }
    }

    /// Equal, or a prefix of the other value.
    fn same(&self, other: &Txt) -> bool {
        self.s == other.s
            || (self.prefix && other.s.starts_with(&self.s))
            || (other.prefix && self.s.starts_with(&other.s))
    }
}

/// One `Connected to` entry: a layer, node and tensor index, or only the
/// visible prefix of `layer[node][tensor]` (a cut cell).
#[derive(Debug, Clone)]
enum Conn {
    Full(String, usize, usize),
    Prefix(String),
}

impl Conn {
    /// A `Connected to` entry; `cut`: its cell is cut, and a layer name
    /// ending with `…` is a visible prefix.
    fn of(c: &Connection, cut: bool) -> Conn {
        match c.layer.strip_suffix('…').filter(|_| cut) {
            Some(p) => Conn::Prefix(p.to_owned()),
            None => Conn::Full(c.layer.to_string(), c.node_index, c.tensor_index),
        }
    }

    fn text(&self) -> String {
        match self {
            Conn::Full(l, n, t) => format!("{l}[{n}][{t}]"),
            Conn::Prefix(p) => format!("{p}…"),
        }
    }

    fn txt(&self) -> Txt {
        Txt::maybe_cut(&self.text(), matches!(self, Conn::Prefix(_)))
    }
}

/// What a side knows of one row.
struct Facts<'a> {
    row: &'a SummaryRow,
    index: usize,
    name: Txt,
    class: Txt,
    /// Output shapes (in the row's `output_structure`).
    shapes: Option<&'a [Shape]>,
    params: Option<u64>,
    trainable_params: Option<u64>,
    trainable: Option<bool>,
    connections: Option<Vec<Conn>>,
    weights: Option<&'a [Weight]>,
    /// The nested model's rows, when compared.
    nested: Option<Vec<Facts<'a>>>,
}

/// What the facts of one side's rows depend on.
struct Ctx<'a> {
    side: Side<'a>,
    columns: Columns,
    /// Output shapes as tf.keras 2 defines them.
    keras2: bool,
    /// The other side is a printed summary (a model's nested rows then
    /// leave out operation nodes, as Keras 3's `expand_nested` does).
    other_printed: bool,
    /// The incomplete cells of a printed side.
    cut: HashSet<(&'a [usize], Column)>,
}

impl<'a> Ctx<'a> {
    fn new(side: Side<'a>, keras2: bool, other_printed: bool) -> Self {
        Ctx {
            side,
            columns: side.columns(),
            keras2,
            other_printed,
            cut: side
                .printed
                .map(|p| {
                    p.incomplete
                        .iter()
                        .map(|c| (c.row.as_slice(), c.column))
                        .collect()
                })
                .unwrap_or_default(),
        }
    }
}

/// The facts of every row of `summary`, at index path `path` of its side.
fn facts_of<'a>(ctx: &Ctx<'a>, summary: &'a Summary, path: &[usize]) -> Vec<Facts<'a>> {
    let (printed, columns, keras2) = (ctx.side.printed, &ctx.columns, ctx.keras2);
    let nested_level = !path.is_empty();
    let mut out = Vec::with_capacity(summary.rows.len());
    for (index, row) in summary.rows.iter().enumerate() {
        if nested_level && printed.is_none() && ctx.other_printed && row.is_operation && !keras2 {
            continue;
        }
        let mut here = path.to_vec();
        here.push(index);
        let incomplete = |c: Column| ctx.cut.contains(&(here.as_slice(), c));
        // A model's side holds every column and no cut cell.
        let model = printed.is_none();
        let known = |shown: bool, c: Column| shown && !incomplete(c);
        let conn_cut = incomplete(Column::ConnectedTo);
        let facts = Facts {
            row,
            index,
            name: Txt::maybe_cut(&row.name, incomplete(Column::Name)),
            class: Txt::maybe_cut(&row.class_name, incomplete(Column::Class)),
            shapes: if model && keras2 {
                crate::render::keras2::output_shapes(row)
            } else {
                known(columns.output_shape, Column::OutputShape).then(|| &row.output_shapes[..])
            },
            params: known(columns.params, Column::Params).then_some(row.params),
            trainable_params: model.then_some(row.trainable_params),
            trainable: known(columns.trainable, Column::Trainable).then_some(row.trainable),
            // Keras prints no connections for a nested model's rows; a
            // cropped cell's entries are unknown (a model's side has every
            // column and no cut cell).
            connections: (columns.connected_to
                && !nested_level
                && !(conn_cut && row.connected_to.is_empty()))
            .then(|| {
                let of = |c: &Connection| Conn::of(c, conn_cut);
                if model {
                    row.inbound.iter().flatten().map(of).collect()
                } else {
                    row.connected_to.iter().map(of).collect()
                }
            }),
            weights: model.then(|| row.weights()),
            nested: row
                .nested
                .as_deref()
                .filter(|_| columns.nested)
                .map(|inner| facts_of(ctx, inner, &here)),
        };
        out.push(facts);
    }
    out
}

// ---------------------------------------------------------------------
// Matching rows

/// The longest increasing subsequence of `seq` (indices into it).
fn longest_increasing(seq: &[usize]) -> Vec<usize> {
    // Patience sorting: tails[k] = index in seq of the smallest tail of an
    // increasing run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for (i, &v) in seq.iter().enumerate() {
        let k = tails.partition_point(|&t| seq.get(t).is_some_and(|&x| x < v));
        if let Some(p) = prev.get_mut(i) {
            *p = k.checked_sub(1).and_then(|j| tails.get(j).copied());
        }
        if k == tails.len() {
            tails.push(i);
        } else if let Some(t) = tails.get_mut(k) {
            *t = i;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        out.push(i);
        cur = prev.get(i).copied().flatten();
    }
    out.reverse();
    out
}

/// Pairs the rows of `a` and `b` (indices into the gap's lists) by class
/// in order: the longest common subsequence when small enough, else
/// greedily.
fn pair_by_class(a: &[&Facts<'_>], b: &[&Facts<'_>]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    if n == 0 || m == 0 {
        return Vec::new();
    }
    let same = |i: usize, j: usize| match (a.get(i), b.get(j)) {
        (Some(x), Some(y)) => x.class.same(&y.class),
        _ => false,
    };
    let cells = n.saturating_add(1).saturating_mul(m.saturating_add(1));
    if cells > 4_000_000 {
        // Greedy: each left row takes the next right row of its class
        // within a short window.
        let mut out = Vec::new();
        let mut j = 0usize;
        for i in 0..n {
            let found = (j..m.min(j.saturating_add(64))).find(|&k| same(i, k));
            if let Some(k) = found {
                out.push((i, k));
                j = k.saturating_add(1);
            }
        }
        return out;
    }
    // lcs[i][j]: LCS length of a[i..], b[j..], row-major.
    let width = m.saturating_add(1);
    let mut lcs = vec![0u32; cells];
    let at = |i: usize, j: usize| i.saturating_mul(width).saturating_add(j);
    let get = |lcs: &[u32], i: usize, j: usize| lcs.get(at(i, j)).copied().unwrap_or(0);
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let (next_i, next_j) = (i.saturating_add(1), j.saturating_add(1));
            let v = if same(i, j) {
                get(&lcs, next_i, next_j).saturating_add(1)
            } else {
                get(&lcs, next_i, j).max(get(&lcs, i, next_j))
            };
            if let Some(c) = lcs.get_mut(at(i, j)) {
                *c = v;
            }
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0usize, 0usize);
    while i < n && j < m {
        let (next_i, next_j) = (i.saturating_add(1), j.saturating_add(1));
        if same(i, j) {
            out.push((i, j));
            (i, j) = (next_i, next_j);
        } else if get(&lcs, next_i, j) >= get(&lcs, i, next_j) {
            i = next_i;
        } else {
            j = next_j;
        }
    }
    out
}

/// Pairs each unmatched row of `a` whose name is cut (a prefix) with the
/// row of `b` whose whole name starts with it, when exactly one name of
/// `b` does and that row is unmatched. `a_to_b` and `b_to_a` hold the
/// pairs so far.
fn match_prefixes(
    a: &[Facts<'_>],
    b: &[Facts<'_>],
    a_to_b: &mut [Option<usize>],
    b_to_a: &mut [Option<usize>],
) {
    if !a.iter().any(|f| f.name.prefix) {
        return;
    }
    let mut whole: Vec<(&str, usize)> = b
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.name.prefix)
        .map(|(j, f)| (f.name.s.as_str(), j))
        .collect();
    whole.sort_unstable();
    for (i, f) in a.iter().enumerate() {
        if !f.name.prefix || a_to_b.get(i).is_some_and(Option::is_some) {
            continue;
        }
        let p = f.name.s.as_str();
        let from = whole.partition_point(|(n, _)| *n < p);
        let mut found = whole
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|(n, _)| n.starts_with(p));
        if let (Some(&(_, j)), None) = (found.next(), found.next())
            && b_to_a.get(j).is_some_and(Option::is_none)
        {
            link(a_to_b, b_to_a, i, j);
        }
    }
}

/// Pairs row `i` of one side with row `j` of the other.
fn link(a_to_b: &mut [Option<usize>], b_to_a: &mut [Option<usize>], i: usize, j: usize) {
    if let (Some(x), Some(y)) = (a_to_b.get_mut(i), b_to_a.get_mut(j)) {
        *x = Some(j);
        *y = Some(i);
    }
}

/// A left row, a right row, or a pair of them.
type Slot = (Option<usize>, Option<usize>);

/// Pairs rows of the two sides: by name, then by position and class
/// between the rows matched by name. Returns pairs in display order.
fn align(l: &[Facts<'_>], r: &[Facts<'_>], ignore_names: bool) -> Vec<Slot> {
    let mut right_of: Vec<Option<usize>> = vec![None; l.len()];
    let mut left_of: Vec<Option<usize>> = vec![None; r.len()];
    if !ignore_names {
        // The k-th row of a name on the left with the k-th on the right
        // (Keras's names are unique; a pasted text may repeat one).
        let mut by_name: HashMap<&str, std::collections::VecDeque<usize>> =
            HashMap::with_capacity(r.len());
        for (j, f) in r.iter().enumerate().filter(|(_, f)| !f.name.prefix) {
            by_name.entry(f.name.s.as_str()).or_default().push_back(j);
        }
        for (i, f) in l.iter().enumerate().filter(|(_, f)| !f.name.prefix) {
            if let Some(j) = by_name
                .get_mut(f.name.s.as_str())
                .and_then(|q| q.pop_front())
            {
                link(&mut right_of, &mut left_of, i, j);
            }
        }
        // Cut names match the one whole name they are a prefix of (found
        // in a sorted list: no quadratic scan).
        match_prefixes(l, r, &mut right_of, &mut left_of);
        match_prefixes(r, l, &mut left_of, &mut right_of);
    }
    // Anchors: the name matches that keep the order on both sides.
    let matched: Vec<(usize, usize)> = right_of
        .iter()
        .enumerate()
        .filter_map(|(i, j)| j.map(|j| (i, j)))
        .collect();
    let js: Vec<usize> = matched.iter().map(|&(_, j)| j).collect();
    let anchors: Vec<(usize, usize)> = longest_increasing(&js)
        .into_iter()
        .filter_map(|k| matched.get(k).copied())
        .collect();
    // Between anchors, pair the unmatched rows by position and class.
    let mut lo = (0usize, 0usize);
    let bounds = anchors.into_iter().chain([(l.len(), r.len())]);
    for (hi_l, hi_r) in bounds {
        let a: Vec<usize> = (lo.0..hi_l.min(l.len()))
            .filter(|&i| right_of.get(i).is_some_and(Option::is_none))
            .collect();
        let b: Vec<usize> = (lo.1..hi_r.min(r.len()))
            .filter(|&j| left_of.get(j).is_some_and(Option::is_none))
            .collect();
        let fa: Vec<&Facts<'_>> = a.iter().filter_map(|&i| l.get(i)).collect();
        let fb: Vec<&Facts<'_>> = b.iter().filter_map(|&j| r.get(j)).collect();
        for (x, y) in pair_by_class(&fa, &fb) {
            if let (Some(&i), Some(&j)) = (a.get(x), b.get(y)) {
                link(&mut right_of, &mut left_of, i, j);
            }
        }
        lo = (hi_l.saturating_add(1), hi_r.saturating_add(1));
    }
    // Display order: left rows in order; a right-only row after the row
    // paired with the right row before it.
    let mut keyed: Vec<((usize, usize), Slot)> =
        Vec::with_capacity(l.len().saturating_add(r.len()));
    for (i, j) in right_of.iter().enumerate() {
        keyed.push(((i.saturating_mul(2).saturating_add(1), 0), (Some(i), *j)));
    }
    let mut last_left: Option<usize> = None;
    for (j, i) in left_of.iter().enumerate() {
        match i {
            Some(i) => last_left = Some(*i),
            None => {
                let after = last_left.map_or(0, |i| i.saturating_mul(2).saturating_add(1));
                keyed.push(((after, j.saturating_add(1)), (None, Some(j))));
            }
        }
    }
    keyed.sort_by_key(|(k, _)| *k);
    keyed.into_iter().map(|(_, p)| p).collect()
}

// ---------------------------------------------------------------------
// Comparing

struct Differ<'o, 's> {
    options: &'o DiffOptions,
    l: Side<'s>,
    r: Side<'s>,
    changes: Vec<Change>,
    keras2: bool,
}

fn layer_ref(path: &[String], f: &Facts<'_>) -> LayerRef {
    LayerRef {
        path: path.to_vec(),
        index: f.index,
        name: f.row.name.to_string(),
        class_name: f.row.class_name.to_string(),
    }
}

/// Both values, when both sides know them and they differ.
fn changed<T: PartialEq>(left: Option<T>, right: Option<T>) -> Option<(T, T)> {
    left.zip(right).filter(|(a, b)| a != b)
}

/// A weight's path below its layer's name (`kernel` for `s/fc/kernel` of
/// layer `fc`), else its whole path.
fn relative_path<'p>(path: &'p str, layer: &str) -> &'p str {
    let marker = format!("{layer}/");
    match path.rfind(&marker) {
        // bounded: an index into `path` plus the marker's length
        Some(k) if k == 0 || path.get(..k).is_some_and(|p| p.ends_with('/')) => {
            path.get(k.saturating_add(marker.len())..).unwrap_or(path)
        }
        _ => path,
    }
}

impl Differ<'_, '_> {
    fn push(&mut self, left: Option<LayerRef>, right: Option<LayerRef>, kind: ChangeKind) {
        self.changes.push(Change { left, right, kind });
    }

    fn model(&mut self) {
        let (lc, rc) = (self.l.columns(), self.r.columns());
        let (ls, rs) = (self.l.summary, self.r.summary);
        if lc.model_name && rc.model_name && !self.options.ignore_names && ls.name != rs.name {
            let (left, right) = (ls.name.clone(), rs.name.clone());
            self.push(None, None, ChangeKind::ModelName { left, right });
        }
        if lc.model_class && rc.model_class && ls.class_name != rs.class_name {
            let (left, right) = (ls.class_name.clone(), rs.class_name.clone());
            self.push(None, None, ChangeKind::ModelClass { left, right });
        }
    }

    fn rows(&mut self, l: &[Facts<'_>], r: &[Facts<'_>], path: &[String]) {
        let pairs = align(l, r, self.options.ignore_names);
        // Right name -> left name, to compare connections through renames.
        let mut to_left: HashMap<&str, &str> = HashMap::new();
        if path.is_empty() {
            // The model's inputs, in order (a Sequential's `InputLayer` is
            // not one of its rows).
            let (ls, rs) = (self.l.summary, self.r.summary);
            for (a, b) in ls.input_connections.iter().zip(&rs.input_connections) {
                to_left.insert(b.layer.as_str(), a.layer.as_str());
            }
        }
        for (i, j) in &pairs {
            if let (Some(fl), Some(fr)) = (i.and_then(|i| l.get(i)), j.and_then(|j| r.get(j)))
                && !fr.name.prefix
            {
                to_left.insert(fr.name.s.as_str(), fl.name.s.as_str());
            }
        }
        for (i, j) in pairs {
            match (i.and_then(|i| l.get(i)), j.and_then(|j| r.get(j))) {
                (Some(fl), Some(fr)) => self.pair(fl, fr, path, &to_left),
                (Some(fl), None) => self.push(
                    Some(layer_ref(path, fl)),
                    None,
                    ChangeKind::LayerRemoved {
                        output_shapes: fl.shapes.map(<[Shape]>::to_vec),
                        params: fl.params,
                    },
                ),
                (None, Some(fr)) => self.push(
                    None,
                    Some(layer_ref(path, fr)),
                    ChangeKind::LayerAdded {
                        output_shapes: fr.shapes.map(<[Shape]>::to_vec),
                        params: fr.params,
                    },
                ),
                (None, None) => {}
            }
        }
    }

    fn pair(
        &mut self,
        fl: &Facts<'_>,
        fr: &Facts<'_>,
        path: &[String],
        to_left: &HashMap<&str, &str>,
    ) {
        let (lr, rr) = (layer_ref(path, fl), layer_ref(path, fr));
        let mut kinds = Vec::new();
        if !self.options.ignore_names && !fl.name.same(&fr.name) {
            let (left, right) = (fl.row.name.to_string(), fr.row.name.to_string());
            kinds.push(ChangeKind::Renamed { left, right });
        }
        if !fl.class.same(&fr.class) {
            let (left, right) = (fl.row.class_name.to_string(), fr.row.class_name.to_string());
            kinds.push(ChangeKind::Class { left, right });
        }
        if let (Some(lv), Some(rv)) = (fl.shapes, fr.shapes) {
            let structure_differs =
                lv.len() > 1 && fl.row.output_structure != fr.row.output_structure;
            if lv != rv || structure_differs {
                let (left, right) = (lv.to_vec(), rv.to_vec());
                kinds.push(ChangeKind::OutputShape { left, right });
            }
        }
        if let Some((left, right)) = changed(fl.params, fr.params) {
            kinds.push(ChangeKind::Params { left, right });
        }
        // A split that changed while the count did not (a frozen layer);
        // a changed count explains itself by its weights' shapes.
        let same_count = fl.params.is_some() && fl.params == fr.params;
        if let Some((left, right)) = changed(fl.trainable_params, fr.trainable_params)
            && same_count
        {
            kinds.push(ChangeKind::TrainableParams { left, right });
        }
        if let Some((left, right)) = changed(fl.trainable, fr.trainable) {
            kinds.push(ChangeKind::Trainable { left, right });
        }
        if let (Some(a), Some(b)) = (&fl.connections, &fr.connections) {
            // Right entries name their layers as the left side does.
            let mapped = |c: &Conn| match c {
                Conn::Full(l, n, t) => match to_left.get(l.as_str()) {
                    Some(name) => Conn::Full((*name).to_owned(), *n, *t),
                    None => c.clone(),
                },
                Conn::Prefix(p) => match p.split_once('[') {
                    // `name[0][` or `name[`: the name is whole.
                    Some((name, rest)) => match to_left.get(name) {
                        Some(left) => Conn::Prefix(format!("{left}[{rest}")),
                        None => c.clone(),
                    },
                    // Cut inside the name: the one layer it can be.
                    None => {
                        let mut names = to_left.iter().filter(|(k, _)| k.starts_with(p.as_str()));
                        match (names.next(), names.next()) {
                            (Some((_, left)), None) => Conn::Prefix((*left).to_owned()),
                            _ => c.clone(),
                        }
                    }
                },
            };
            let same =
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.txt().same(&mapped(y).txt()));
            if !same {
                let text = |v: &[Conn]| -> Vec<String> { v.iter().map(Conn::text).collect() };
                let (left, right) = (text(a), text(b));
                kinds.push(ChangeKind::Connections { left, right });
            }
        }
        if let (Some(a), Some(b)) = (fl.weights, fr.weights) {
            self.weights(a, b, &fl.row.name, &fr.row.name, &mut kinds);
        }
        for kind in kinds {
            self.push(Some(lr.clone()), Some(rr.clone()), kind);
        }
        if let (Some(a), Some(b)) = (&fl.nested, &fr.nested) {
            let mut inner = path.to_vec();
            inner.push(fl.row.name.to_string());
            self.rows(a, b, &inner);
        }
    }

    fn weights(&self, a: &[Weight], b: &[Weight], ln: &str, rn: &str, kinds: &mut Vec<ChangeKind>) {
        let n = a.len().max(b.len());
        for k in 0..n {
            match (a.get(k), b.get(k)) {
                (Some(x), Some(y)) => {
                    let (px, py) = (relative_path(&x.path, ln), relative_path(&y.path, rn));
                    let path = || x.path.clone();
                    if !self.options.ignore_weight_paths && px != py {
                        let (left, right) = (path(), y.path.clone());
                        kinds.push(ChangeKind::WeightPath { left, right });
                    }
                    if x.shape != y.shape {
                        let (path, left, right) = (path(), x.shape.to_vec(), y.shape.to_vec());
                        kinds.push(ChangeKind::WeightShape { path, left, right });
                    }
                    if x.dtype != y.dtype {
                        let (left, right) = (x.dtype.name().to_owned(), y.dtype.name().to_owned());
                        let path = path();
                        kinds.push(ChangeKind::WeightDType { path, left, right });
                    }
                    if x.trainable != y.trainable {
                        let (path, left, right) = (path(), x.trainable, y.trainable);
                        kinds.push(ChangeKind::WeightTrainable { path, left, right });
                    }
                }
                (Some(x), None) => kinds.push(ChangeKind::WeightRemoved {
                    path: x.path.clone(),
                    shape: x.shape.to_vec(),
                }),
                (None, Some(y)) => kinds.push(ChangeKind::WeightAdded {
                    path: y.path.clone(),
                    shape: y.shape.to_vec(),
                }),
                (None, None) => {}
            }
        }
    }

    fn totals(&mut self) {
        let (lc, rc) = (self.l.columns(), self.r.columns());
        if !(lc.totals && rc.totals) {
            return;
        }
        let shown = if lc.optimizer && rc.optimizer { 4 } else { 3 };
        let printed = self.l.printed.is_some() || self.r.printed.is_some();
        let (l, r) = (self.l.summary.totals(), self.r.summary.totals());
        for ((which, left, lsize), (_, right, rsize)) in l.into_iter().zip(r).take(shown) {
            if left != right {
                self.push(None, None, ChangeKind::Total { which, left, right });
            }
            let (left, right) = (lsize, rsize);
            // Printed sizes are rounded: compare them as printed.
            let differ = || {
                if printed {
                    left.to_string() != right.to_string()
                } else {
                    left != right
                }
            };
            if lc.sizes && rc.sizes && differ() {
                self.push(None, None, ChangeKind::TotalSize { which, left, right });
            }
        }
    }
}

// ---------------------------------------------------------------------
// The report

fn shapes_text(shapes: &[Shape]) -> String {
    crate::render::shape_list(shapes, "?", ToString::to_string)
}

/// A field of a changed row (of layer `ln`) as the left and right cells
/// print it, `label: value` (empty: the side has no such field).
fn field(kind: &ChangeKind, ln: &str) -> Option<[String; 2]> {
    let s = |x: &str| Some(x.to_owned());
    let n = |x: &u64| Some(group_thousands(*x));
    let yes = |x: &bool| s(if *x { "Y" } else { "N" });
    // A weight shape as Python prints it: `(3, 3, 32)`, `(32,)`.
    let t = |x: &[u64]| Some(PyTuple(x).to_string());
    let list = |v: &[String]| {
        Some(if v.is_empty() {
            "-".into()
        } else {
            v.join(", ")
        })
    };
    // A weight's field is labelled with its path below the layer.
    let at = |path: &str, what: &str| format!("{}{what}", relative_path(path, ln));
    let (label, left, right) = match kind {
        ChangeKind::ModelName { left, right } => ("model name".into(), s(left), s(right)),
        ChangeKind::ModelClass { left, right } => ("model class".into(), s(left), s(right)),
        ChangeKind::Renamed { left, right } => ("name".into(), s(left), s(right)),
        ChangeKind::Class { left, right } => ("class".into(), s(left), s(right)),
        ChangeKind::OutputShape { left, right } => (
            "output shape".into(),
            Some(shapes_text(left)),
            Some(shapes_text(right)),
        ),
        ChangeKind::Params { left, right } => ("params".into(), n(left), n(right)),
        ChangeKind::TrainableParams { left, right } => {
            ("trainable params".into(), n(left), n(right))
        }
        ChangeKind::Trainable { left, right } => ("trainable".into(), yes(left), yes(right)),
        ChangeKind::Connections { left, right } => ("connected to".into(), list(left), list(right)),
        ChangeKind::WeightAdded { path, shape } => (at(path, ""), None, t(shape)),
        ChangeKind::WeightRemoved { path, shape } => (at(path, ""), t(shape), None),
        ChangeKind::WeightShape { path, left, right } => (at(path, ""), t(left), t(right)),
        ChangeKind::WeightTrainable { path, left, right } => {
            (at(path, " trainable"), yes(left), yes(right))
        }
        ChangeKind::WeightDType { path, left, right } => (at(path, " dtype"), s(left), s(right)),
        ChangeKind::WeightPath { left, right } => ("weight".into(), s(left), s(right)),
        _ => return None,
    };
    Some([left, right].map(|v| v.map_or_else(String::new, |v| format!("{label}: {v}"))))
}

impl fmt::Display for SummaryDiff {
    /// A report like a unified diff: `---`/`+++` name the models; a
    /// layer only one side has is a `-` or `+` line; a changed layer is an
    /// `@@` line with a `-` line and a `+` line listing only the fields
    /// that differ; the totals come last.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "--- {:?}", self.left_name)?;
        writeln!(f, "+++ {:?}", self.right_name)?;
        if self.changes.is_empty() {
            return writeln!(f, "no differences");
        }
        let mut k = 0usize;
        let mut totals_header = false;
        while let Some(c) = self.changes.get(k) {
            match &c.kind {
                ChangeKind::ModelName { .. } | ChangeKind::ModelClass { .. } => {
                    if let Some([left, right]) = field(&c.kind, "") {
                        writeln!(f, "@@ model\n-  {left}\n+  {right}")?;
                    }
                    k = k.saturating_add(1);
                }
                ChangeKind::LayerRemoved {
                    output_shapes,
                    params,
                }
                | ChangeKind::LayerAdded {
                    output_shapes,
                    params,
                } => {
                    // A removed layer is on the left only, an added one on the right.
                    let sided = match (&c.left, &c.right) {
                        (Some(l), None) => Some(('-', l)),
                        (None, Some(r)) => Some(('+', r)),
                        _ => None,
                    };
                    if let Some((sign, layer)) = sided {
                        write!(f, "{sign} {layer}")?;
                        if let Some(s) = output_shapes {
                            write!(f, "  {}", shapes_text(s))?;
                        }
                        if let Some(p) = params {
                            write!(f, "  params: {}", group_thousands(*p))?;
                        }
                        writeln!(f)?;
                    }
                    k = k.saturating_add(1);
                }
                ChangeKind::Total { which, .. } | ChangeKind::TotalSize { which, .. }
                    if c.left.is_none() && c.right.is_none() =>
                {
                    if !totals_header {
                        writeln!(f, "@@ totals")?;
                        totals_header = true;
                    }
                    // A total's count and size, on one line each side.
                    let (which, mut count, mut size) = (*which, None, None);
                    while let Some(c2) = self.changes.get(k) {
                        match c2.kind {
                            ChangeKind::Total {
                                which: w,
                                left,
                                right,
                            } if w == which => {
                                count = Some([left, right].map(group_thousands));
                            }
                            ChangeKind::TotalSize {
                                which: w,
                                left,
                                right,
                            } if w == which => {
                                size = Some([left, right].map(|z| z.to_string()));
                            }
                            _ => break,
                        }
                        k = k.saturating_add(1);
                    }
                    let label = which.label();
                    for (sign, side) in [('-', 0), ('+', 1)] {
                        let pick =
                            |v: &Option<[String; 2]>| v.as_ref().and_then(|v| v.get(side).cloned());
                        match (pick(&count), pick(&size)) {
                            (Some(n), Some(z)) => writeln!(f, "{sign}  {label}: {n} ({z})")?,
                            (Some(n), None) => writeln!(f, "{sign}  {label}: {n}")?,
                            (None, Some(z)) => writeln!(f, "{sign}  {label} size: {z}")?,
                            (None, None) => {}
                        }
                    }
                }
                _ => {
                    let (Some(l), Some(r)) = (&c.left, &c.right) else {
                        k = k.saturating_add(1);
                        continue;
                    };
                    // Every change of this pair of layers, in one block.
                    let block = || {
                        let same = |c2: &&Change| {
                            c2.left.as_ref() == Some(l) && c2.right.as_ref() == Some(r)
                        };
                        self.changes.iter().skip(k).take_while(same)
                    };
                    let fields: Vec<[String; 2]> =
                        block().filter_map(|c2| field(&c2.kind, &l.name)).collect();
                    writeln!(f, "@@ {l}")?;
                    for (sign, left) in [('-', true), ('+', false)] {
                        let mut line = format!("{sign} ");
                        for [a, b] in &fields {
                            let width = a.chars().count().max(b.chars().count());
                            let cell = if left { a } else { b };
                            line.push_str(&format!(" {cell:<width$} "));
                        }
                        writeln!(f, "{}", line.trim_end())?;
                    }
                    k = k.saturating_add(block().count().max(1));
                }
            }
        }
        let n = self.changes.len();
        writeln!(f, "{n} difference{}", if n == 1 { "" } else { "s" })
    }
}

#[cfg(feature = "keras-json")]
impl SummaryDiff {
    /// The differences as JSON (feature `keras-json`): `{"equal": bool,
    /// "left": name, "right": name, "changes": [...]}`, each change an
    /// object with its `kind` (`"params"`, `"layer_added"`, ...), the
    /// `left_layer` and `right_layer` it concerns (`null` or `{"path",
    /// "index", "name", "class_name"}`) and its values.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let a = Sequential::new().add(Input::new([4])).add(Dense::new(3).name("fc")).build()?;
    /// let b = Sequential::new().add(Input::new([4])).add(Dense::new(5).name("fc")).build()?;
    /// let v = a.summary().diff(&b.summary()).to_json();
    /// assert_eq!(v["equal"], false);
    /// let params = v["changes"].as_array().unwrap().iter().find(|c| c["kind"] == "params").unwrap();
    /// assert_eq!((params["left"].as_u64(), params["right"].as_u64()), (Some(15), Some(25)));
    /// assert_eq!(params["left_layer"]["name"], "fc");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[must_use]
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::{Value, json};
        let layer = |r: &Option<LayerRef>| match r {
            Some(r) => json!({
                "path": r.path, "index": r.index, "name": r.name, "class_name": r.class_name,
            }),
            None => Value::Null,
        };
        let text = |v: &[Shape]| Value::from(v.iter().map(ToString::to_string).collect::<Vec<_>>());
        let shapes = |s: &Option<Vec<Shape>>| s.as_deref().map_or(Value::Null, text);
        let which = |w: Total| match w {
            Total::All => "total",
            Total::Trainable => "trainable",
            Total::NonTrainable => "non_trainable",
            Total::Optimizer => "optimizer",
        };
        let changes: Vec<Value> = self
            .changes
            .iter()
            .map(|c| {
                let (kind, mut body) = match &c.kind {
                    ChangeKind::ModelName { left, right } => ("model_name", json!({"left": left, "right": right})),
                    ChangeKind::ModelClass { left, right } => ("model_class", json!({"left": left, "right": right})),
                    ChangeKind::LayerAdded { output_shapes, params } => (
                        "layer_added",
                        json!({"output_shapes": shapes(output_shapes), "params": params}),
                    ),
                    ChangeKind::LayerRemoved { output_shapes, params } => (
                        "layer_removed",
                        json!({"output_shapes": shapes(output_shapes), "params": params}),
                    ),
                    ChangeKind::Renamed { left, right } => ("renamed", json!({"left": left, "right": right})),
                    ChangeKind::Class { left, right } => ("class", json!({"left": left, "right": right})),
                    ChangeKind::OutputShape { left, right } => {
                        ("output_shape", json!({"left": text(left), "right": text(right)}))
                    }
                    ChangeKind::Params { left, right } => ("params", json!({"left": left, "right": right})),
                    ChangeKind::TrainableParams { left, right } => {
                        ("trainable_params", json!({"left": left, "right": right}))
                    }
                    ChangeKind::Trainable { left, right } => ("trainable", json!({"left": left, "right": right})),
                    ChangeKind::Connections { left, right } => {
                        ("connections", json!({"left": left, "right": right}))
                    }
                    ChangeKind::WeightAdded { path, shape } => ("weight_added", json!({"path": path, "shape": shape})),
                    ChangeKind::WeightRemoved { path, shape } => {
                        ("weight_removed", json!({"path": path, "shape": shape}))
                    }
                    ChangeKind::WeightShape { path, left, right } => {
                        ("weight_shape", json!({"path": path, "left": left, "right": right}))
                    }
                    ChangeKind::WeightTrainable { path, left, right } => {
                        ("weight_trainable", json!({"path": path, "left": left, "right": right}))
                    }
                    ChangeKind::WeightDType { path, left, right } => {
                        ("weight_dtype", json!({"path": path, "left": left, "right": right}))
                    }
                    ChangeKind::WeightPath { left, right } => ("weight_path", json!({"left": left, "right": right})),
                    ChangeKind::Total { which: w, left, right } => {
                        ("total", json!({"which": which(*w), "left": left, "right": right}))
                    }
                    ChangeKind::TotalSize { which: w, left, right } => (
                        "total_size",
                        json!({"which": which(*w), "left_bytes": left.bytes(), "right_bytes": right.bytes(),
                               "left": left.to_string(), "right": right.to_string()}),
                    ),
                };
                if let Some(o) = body.as_object_mut() {
                    o.insert("kind".into(), Value::from(kind));
                    o.insert("left_layer".into(), layer(&c.left));
                    o.insert("right_layer".into(), layer(&c.right));
                }
                body
            })
            .collect();
        json!({
            "equal": self.is_empty(),
            "left": self.left_name,
            "right": self.right_name,
            "changes": changes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lis() {
        assert_eq!(longest_increasing(&[3, 1, 2, 5, 4]), vec![1, 2, 4]);
        assert!(longest_increasing(&[]).is_empty());
    }

    #[test]
    fn relative_paths() {
        assert_eq!(relative_path("s/fc/kernel", "fc"), "kernel");
        assert_eq!(relative_path("fc/kernel", "fc"), "kernel");
        assert_eq!(relative_path("xfc/kernel", "fc"), "xfc/kernel");
        assert_eq!(relative_path("other/kernel", "fc"), "other/kernel");
    }

    #[test]
    fn prefixes() {
        let a = Txt::maybe_cut("conv…", true);
        let full = |s| Txt::maybe_cut(s, false);
        assert!(a.same(&full("conv2d_1")));
        assert!(!a.same(&full("dense")));
        assert!(!full("conv…").same(&full("conv2d_1")));
    }
}
