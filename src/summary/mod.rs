//! The summary as data: one row per layer, totals and byte sizes — what
//! Keras's `model.summary()` prints, as values tests and programs can use.
//! Rendering lives in [`crate::render`].

mod cost;
pub mod diff;
mod optimizer;
pub mod parse;
mod query;
#[cfg(all(test, feature = "keras-json"))]
mod text_summary_tests;
#[cfg(all(test, feature = "keras-json"))]
mod weight_decl_tests;

pub use diff::{Change, ChangeKind, DiffOptions, LayerRef, Side, SummaryDiff};
pub use parse::{Column, Columns, IncompleteCell, PrintedFormat, PrintedSummary};

use smallvec::SmallVec;
use std::fmt;
use std::sync::{Arc, OnceLock};

use crate::compute::Cost;
use crate::layer::OutputStructure;
use crate::memory::BatchBytes;
use crate::model::idmap::IdMap;
use crate::model::{LayerHandle, Model, Node};
use crate::naming::Name;
use crate::shape::{Shape, Shapes, push_digits};
use crate::weight::Weight;

/// One of a summary's totals (also what a diff's total change is about).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Total {
    /// `Total params`.
    All,
    /// `Trainable params`.
    Trainable,
    /// `Non-trainable params`.
    NonTrainable,
    /// `Optimizer params`.
    Optimizer,
}

impl Total {
    /// Every total, in Keras's order.
    pub(crate) const ALL: [Total; 4] = [
        Total::All,
        Total::Trainable,
        Total::NonTrainable,
        Total::Optimizer,
    ];

    /// The total's label as Keras prints it.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Total::All => "Total params",
            Total::Trainable => "Trainable params",
            Total::NonTrainable => "Non-trainable params",
            Total::Optimizer => "Optimizer params",
        }
    }
}

/// A size in memory, kept in bits and printed as Keras prints it
/// (`147.00 KB`, `256.00 B`: 1024-based units, two decimals).
///
/// ```
/// use kerasinfo::summary::MemorySize;
/// assert_eq!(MemorySize::from_bits(37_633 * 32).to_string(), "147.00 KB");
/// assert_eq!(MemorySize::from_bits(64 * 32).to_string(), "256.00 B");
/// assert_eq!(MemorySize::from_bits(25_636_712 * 32).to_string(), "97.80 MB");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord)]
#[non_exhaustive]
pub struct MemorySize {
    /// Size in bits.
    pub bits: u64,
}

impl MemorySize {
    /// A size of `bits` bits.
    #[must_use]
    pub fn from_bits(bits: u64) -> Self {
        MemorySize { bits }
    }

    /// The size in bytes (Keras divides the bit count by 8 as a float).
    #[must_use]
    pub fn bytes(self) -> f64 {
        // Precision loss only above 2^53 bits, as in Keras's float arithmetic.
        #[allow(clippy::cast_precision_loss)]
        let bits = self.bits as f64;
        bits / 8.0
    }
}

impl fmt::Display for MemorySize {
    /// Keras's `readable_memory_size`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::render::write_size(f, self.bytes(), crate::render::SIZE_UNITS)
    }
}

/// One input of a layer call, as Keras's `Connected to` column prints it:
/// `conv1_relu[0][0]` (layer, node index, tensor index).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Connection {
    /// The layer that produced the input.
    pub layer: Name,
    /// Which call of that layer.
    pub node_index: usize,
    /// Which output of that call.
    pub tensor_index: usize,
}

impl fmt::Display for Connection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (layer, node, tensor) = (&self.layer, self.node_index, self.tensor_index);
        write!(f, "{layer}[{node}][{tensor}]")
    }
}

impl Connection {
    /// Appends what `Display` writes.
    pub(crate) fn push_text(&self, out: &mut String) {
        out.push_str(&self.layer);
        out.push('[');
        push_digits(out, node_index(self.node_index));
        out.push_str("][");
        push_digits(out, node_index(self.tensor_index));
        out.push(']');
    }
}

/// An index as `u64` (`usize` is at most 64 bits on every target Rust has).
fn node_index(i: usize) -> u64 {
    u64::try_from(i).unwrap_or(u64::MAX)
}

/// The inputs of a layer call (usually one or two, kept inline).
pub type Connections = SmallVec<[Connection; 2]>;

/// One row of the summary: a layer of the model.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct SummaryRow {
    /// The layer's name (shared with the layer).
    pub name: Name,
    /// The layer's Keras class.
    pub class_name: Name,
    /// The output shapes of the layer's most recent call (shared with
    /// that call).
    pub output_shapes: Shapes,
    /// How several outputs are grouped.
    pub output_structure: OutputStructure,
    /// Number of parameters (`layer.count_params()`).
    pub params: u64,
    /// Parameters that train in this model.
    pub trainable_params: u64,
    /// Parameters that do not train in this model.
    pub non_trainable_params: u64,
    /// The layer's own `trainable` flag.
    pub trainable: bool,
    /// The inputs of the layer's calls in this model (empty for a
    /// sequential-like model, where Keras shows no `Connected to` column).
    pub connected_to: Connections,
    /// The layer's weights, compute cost and activations, formed when
    /// first asked for (see [`weights`](Self::weights),
    /// [`cost`](Self::cost), [`activations`](Self::activations)).
    pub(crate) data: RowData,
    /// Whether the layer is an `InputLayer` (tf.keras 2 prints its output
    /// shape as a one-element list, `[(None, 4)]`).
    pub is_input: bool,
    /// Whether the row is a Keras 3 operation node (`x + 1.0`), not one of
    /// `model.layers`: Keras leaves it out of an expanded nested model.
    pub is_operation: bool,
    /// The output shapes of each call of the layer in this model, in call
    /// order (tf.keras 2 prints `multiple` when they differ).
    pub call_output_shapes: SmallVec<[Shapes; 1]>,
    /// When the layer is a model nested in this one: that model's own
    /// summary, its rows' `trainable` flags as frozen by the enclosing
    /// models (what tf.keras 2's `expand_nested` prints).
    pub nested: Option<Box<Summary>>,
    /// The inputs of each of the layer's calls in this model, one list per
    /// call in call order, whatever the model's layout (unlike
    /// [`connected_to`](Self::connected_to), which is empty for a
    /// sequential-like model): the edges of the graph renderers draw.
    pub inbound: SmallVec<[Connections; 1]>,
    /// The shapes of the tensors the layer's first call in this model
    /// received (Keras's `layer.input`), empty for an `InputLayer`.
    pub input_shapes: Shapes,
    /// Whether the layer is not built (`layer.built` is false: a layer of
    /// a Sequential given no `Input`, which creates its state when first
    /// called). Keras prints its params as `0 (unbuilt)`; its output shapes
    /// are then unknown (empty, printed `?`).
    pub unbuilt: bool,
}

/// A row's weights, compute cost and activations, each formed from its
/// layer and calls (which do not change once it is built) when first asked
/// for: most summaries are only printed or counted. The rows of one summary
/// share one allocation of these, each holding its place in it (`None` for
/// a summary of what Keras 3's text shows, see `Detail::Text`).
#[derive(Clone, Default)]
pub(crate) struct RowData(Option<(Arc<RowsData>, usize)>);

/// The rows of one summary: what their [`RowData`] is formed from.
struct RowsData {
    /// The model summarised: row `i` is its `summary_layers()[i]`.
    model: Model,
    /// The model was frozen (none of its weights trains).
    frozen: bool,
    /// One per row.
    rows: Vec<RowEntry>,
}

/// What one row's data is formed from, and the data once formed.
#[derive(Default)]
struct RowEntry {
    /// How many weights there are.
    weight_count: usize,
    /// The layer's variables' `trainable` setting when the row was made.
    vars: Option<bool>,
    /// The layer's calls in the model, in call order (none when the
    /// cost and activations are known already).
    calls: SmallVec<[Arc<Node>; 1]>,
    /// The list, formed once (given at once for a nested model's row).
    weights: OnceLock<Vec<Weight>>,
    /// The compute cost (given at once for a nested model's row and for a
    /// model never built).
    cost: OnceLock<Option<Cost>>,
    /// The bytes of the outputs (given at once as `cost` is).
    activations: OnceLock<Option<BatchBytes>>,
}

impl RowEntry {
    /// A row of `weight_count` weights, whose variables' `trainable`
    /// setting is `vars`, nothing formed yet.
    fn new(weight_count: usize, vars: Option<bool>) -> Self {
        RowEntry {
            weight_count,
            vars,
            ..RowEntry::default()
        }
    }

    /// Gives the cost and activations at once.
    fn known(&mut self, cost: Option<Cost>, activations: Option<BatchBytes>) {
        self.cost = OnceLock::from(cost);
        self.activations = OnceLock::from(activations);
    }
}

impl RowsData {
    /// Gives each of `rows` its entry of `entries`.
    fn share(
        model: &Model,
        frozen: bool,
        rows: &mut [SummaryRow],
        entries: Vec<RowEntry>,
    ) -> Arc<Self> {
        let shared = Arc::new(RowsData {
            model: model.clone(),
            frozen,
            rows: entries,
        });
        for (i, row) in rows.iter_mut().enumerate() {
            row.data = RowData(Some((Arc::clone(&shared), i)));
        }
        shared
    }

    /// Row `row`'s layer and entry.
    fn row(&self, row: usize) -> Option<(&LayerHandle, &RowEntry)> {
        Some((self.model.summary_layers().get(row)?, self.rows.get(row)?))
    }

    /// The calls of a row's entry, as nodes.
    fn calls(e: &RowEntry) -> impl Iterator<Item = &Node> {
        e.calls.iter().map(|n| &**n)
    }

    fn cost(&self, row: usize) -> Option<Cost> {
        let (layer, e) = self.row(row)?;
        *e.cost
            .get_or_init(|| cost::row_cost(layer, None, None, Self::calls(e)))
    }

    fn activations(&self, row: usize) -> Option<BatchBytes> {
        let (layer, e) = self.row(row)?;
        *e.activations
            .get_or_init(|| crate::memory::row_activations(layer, false, Self::calls(e)))
    }

    /// The sum of the rows' costs, `None` if one is unknown.
    fn total_cost(&self) -> Option<Cost> {
        crate::compute::sum((0..self.rows.len()).map(|i| self.cost(i)))
            .ok()
            .flatten()
    }
}

impl RowData {
    fn get(&self) -> Option<(&RowsData, usize)> {
        self.0.as_ref().map(|(all, i)| (&**all, *i))
    }

    /// The list, formed now if it was not.
    fn weights(&self) -> &[Weight] {
        let Some((all, i)) = self.get() else {
            return &[];
        };
        match all.row(i) {
            // (A nested model's row was given its list.)
            Some((layer, e)) if e.weight_count > 0 => e.weights.get_or_init(|| {
                let mut out = Vec::new();
                layer.weights_as_seen(&mut out, all.frozen, e.vars);
                out
            }),
            _ => &[],
        }
    }

    /// How many weights there are, without forming them.
    fn weight_count(&self) -> usize {
        self.get()
            .and_then(|(all, i)| all.rows.get(i))
            .map_or(0, |e| e.weight_count)
    }

    fn cost(&self) -> Option<Cost> {
        self.get().and_then(|(all, i)| all.cost(i))
    }

    fn activations(&self) -> Option<BatchBytes> {
        self.get().and_then(|(all, i)| all.activations(i))
    }
}

impl PartialEq for RowData {
    /// Rows compare by their weights, cost and activations (formed now if
    /// they were not), not by where these are kept.
    fn eq(&self, other: &Self) -> bool {
        self.weights() == other.weights()
            && self.cost() == other.cost()
            && self.activations() == other.activations()
    }
}

/// A summary's compute cost: the sum of its rows', formed when first
/// asked for (or given at once).
#[derive(Clone, Default)]
pub(crate) struct TotalCost {
    /// The rows whose costs add up to it.
    rows: Option<Arc<RowsData>>,
    total: OnceLock<Option<Cost>>,
}

impl TotalCost {
    fn get(&self) -> Option<Cost> {
        *self
            .total
            .get_or_init(|| self.rows.as_ref().and_then(|r| r.total_cost()))
    }
}

impl PartialEq for TotalCost {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl fmt::Debug for TotalCost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.get(), f)
    }
}

impl fmt::Debug for RowData {
    /// The weights, cost and activations, formed now if they were not.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RowData")
            .field("weights", &self.weights())
            .field("cost", &self.cost())
            .field("activations", &self.activations())
            .finish()
    }
}

impl SummaryRow {
    /// The layer's weights with their full paths, shapes, dtypes and
    /// trainable flags in this model (Keras's `layer.weights` as the
    /// model sees them). Formed from the layer the first time they are
    /// asked for, as they were when the summary was made.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([8]).tensor()?;
    /// let y = BatchNormalization::new().name("bn").call(&x)?;
    /// let s = Functional::new(&x, &y).build()?.summary();
    /// let bn = s.row("bn").unwrap();
    /// let paths: Vec<&str> = bn.weights().iter().map(|w| w.path.as_str()).collect();
    /// assert_eq!(paths, ["bn/gamma", "bn/beta", "bn/moving_mean", "bn/moving_variance"]);
    /// assert!(!bn.weights()[2].trainable);
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[must_use]
    pub fn weights(&self) -> &[Weight] {
        self.data.weights()
    }

    /// Whether the layer has weights (without forming them).
    pub(crate) fn has_weights(&self) -> bool {
        self.data.weight_count() > 0
    }

    /// The layer's compute cost per sample, summed over its calls in this
    /// model (a nested model: its total): see [`crate::compute`]. `None`
    /// when unknown (a custom layer, an unknown dimension, or a figure
    /// past `u64`). Computed the first time it is asked for.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let m = Sequential::new().add(Input::new([7])).add(Dense::new(5).name("fc")).build()?;
    /// assert_eq!(m.summary().row("fc").unwrap().cost().map(|c| c.macs), Some(35));
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[must_use]
    pub fn cost(&self) -> Option<Cost> {
        self.data.cost()
    }

    /// The bytes of the layer's outputs in this model, as a function of
    /// the batch size (see [`activation_bytes`](Self::activation_bytes)):
    /// every output of every call at the layer's compute dtype, a nested
    /// model's layers' outputs for a nested model, an `InputLayer`'s
    /// input. `None` when a dimension besides the batch is unknown (or a
    /// size overflows). The rows other than `InputLayer`s add up to
    /// [`MemoryPlan::forward_bytes`](crate::memory::MemoryPlan::forward_bytes),
    /// the `InputLayer`s to its `input_bytes`. Computed the first time it
    /// is asked for.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let m = Sequential::new().add(Input::new([7])).add(Dense::new(5).name("fc")).build()?;
    /// assert_eq!(m.summary().row("fc").unwrap().activations().map(|a| a.per_sample), Some(20));
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[must_use]
    pub fn activations(&self) -> Option<BatchBytes> {
        self.data.activations()
    }

    /// The `Output Shape` cell as Keras prints it: `(None, 64, 64, 32)`,
    /// or `[(None, 4), (None, 4)]` for several outputs.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let m = Sequential::new().add(Input::new([3])).add(Dense::new(2)).build()?;
    /// assert_eq!(m.summary().rows[0].output_shape_text(), "(None, 2)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[must_use]
    pub fn output_shape_text(&self) -> String {
        let mut out = String::with_capacity(24);
        self.push_output_shape_text(&mut out);
        out
    }

    /// Appends what [`output_shape_text`](Self::output_shape_text) gives.
    pub(crate) fn push_output_shape_text(&self, out: &mut String) {
        match self.output_shapes.as_slice() {
            [] => out.push('?'),
            [one] => one.push_text(out),
            many => {
                let (open, close) = match self.output_structure {
                    OutputStructure::List => ('[', ']'),
                    OutputStructure::Tuple => ('(', ')'),
                };
                out.push(open);
                for (i, shape) in many.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    shape.push_text(out);
                }
                out.push(close);
            }
        }
    }

    /// The `Connected to` cell: `a[0][0], b[0][0]`, or `-` for none.
    #[must_use]
    pub fn connected_to_text(&self) -> String {
        let mut out = String::with_capacity(self.connected_to.len().saturating_mul(24).max(1));
        self.push_connected_to_text(&mut out);
        out
    }

    /// Appends what [`connected_to_text`](Self::connected_to_text) gives.
    pub(crate) fn push_connected_to_text(&self, out: &mut String) {
        if self.connected_to.is_empty() {
            out.push('-');
            return;
        }
        for (i, c) in self.connected_to.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            c.push_text(out);
        }
    }

    /// The layer's compute cost for a batch of `batch` samples (`None`
    /// when unknown), or an error when it would overflow `u64`.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let m = Sequential::new().add(Input::new([7])).add(Dense::new(5).name("fc")).build()?;
    /// let s = m.summary();
    /// let fc = s.row("fc").unwrap();
    /// assert_eq!(fc.cost_for_batch(4)?.map(|c| (c.macs, c.flops)), Some((140, 300)));
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub fn cost_for_batch(&self, batch: u64) -> crate::Result<Option<Cost>> {
        self.cost()
            .map(|c| c.for_batch(batch))
            .transpose()
            .map_err(|e| self.error(e))
    }

    /// The bytes of the layer's outputs for a batch of `batch` samples
    /// (torchinfo's per-layer `output_bytes`, summed over the layer's
    /// calls): `None` when unknown, an error naming the layer when it
    /// overflows `u64`.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let m = Sequential::new().add(Input::new([7])).add(Dense::new(5).name("fc")).build()?;
    /// let s = m.summary();
    /// assert_eq!(s.row("fc").unwrap().activation_bytes(32)?, Some(32 * 5 * 4));
    /// assert_eq!(m.memory(32, None)?.forward_bytes, 32 * 5 * 4);
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub fn activation_bytes(&self, batch: u64) -> crate::Result<Option<u64>> {
        self.activations()
            .map(|a| a.for_batch(batch))
            .transpose()
            .map_err(|e| self.error(e))
    }

    /// The bytes of the layer's weights, each at its dtype (a `bool` takes
    /// a byte, as in [`crate::memory`]); the rows add up to
    /// [`MemoryPlan::params_bytes`](crate::memory::MemoryPlan::params_bytes)
    /// when no weight belongs to two rows.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let m = Sequential::new().add(Input::new([7])).add(Dense::new(5).name("fc")).build()?;
    /// assert_eq!(m.summary().row("fc").unwrap().param_bytes()?, 40 * 4);
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub fn param_bytes(&self) -> crate::Result<u64> {
        crate::memory::weight_bytes(self.weights().iter()).map_err(|e| self.error(e))
    }

    fn error(&self, e: crate::LayerError) -> crate::Error {
        crate::Error::Layer {
            name: self.name.to_string(),
            class: self.class_name.to_string(),
            source: Box::new(e),
        }
    }

    /// The `Trainable` cell: `Y`, `N`, or `-` for a layer without weights.
    #[must_use]
    pub fn trainable_text(&self) -> &'static str {
        match (self.has_weights(), self.trainable) {
            (false, _) => "-",
            (true, true) => "Y",
            (true, false) => "N",
        }
    }
}

/// A model's summary: rows and totals. `Display` prints exactly what
/// Keras 3 prints for `model.summary()` at a wide terminal; see
/// [`crate::render`] for options and other formats.
///
/// ```
/// use kerasinfo::prelude::*;
/// let x = Input::new([64, 64, 32]).tensor()?;
/// let y = BatchNormalization::new().name("bn0").call(&x)?;
/// let s = Functional::new(&x, &y).name("m").build()?.summary();
/// assert_eq!((s.total_params, s.trainable_params, s.non_trainable_params), (128, 64, 64));
/// let moving: Vec<&str> = s.rows[1].weights().iter()
///     .filter(|w| !w.trainable).map(|w| w.path.as_str()).collect();
/// assert_eq!(moving, ["bn0/moving_mean", "bn0/moving_variance"]);
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Summary {
    /// The model's name.
    pub name: String,
    /// The model's class (`Sequential` or `Functional`).
    pub class_name: String,
    /// Whether Keras prints the model without a `Connected to` column.
    pub sequential_like: bool,
    /// One row per layer, in `model.layers` order.
    pub rows: Vec<SummaryRow>,
    /// `Total params`.
    pub total_params: u64,
    /// `Trainable params`.
    pub trainable_params: u64,
    /// `Non-trainable params`.
    pub non_trainable_params: u64,
    /// Size of all parameters.
    pub total_size: MemorySize,
    /// Size of the trainable parameters.
    pub trainable_size: MemorySize,
    /// Size of the non-trainable parameters.
    pub non_trainable_size: MemorySize,
    /// The optimizer's class when the summary is of a compiled model whose
    /// optimizer is built (see [`Model::summary_with_optimizer`]); Keras
    /// then prints an `Optimizer params` line. `None` otherwise.
    pub optimizer: Option<String>,
    /// `Optimizer params`: the optimizer's variables (0 when none); part
    /// of `total_params`, as in Keras.
    pub optimizer_params: u64,
    /// Size of the optimizer's variables (0 when none); part of
    /// `total_size`.
    pub optimizer_size: MemorySize,
    /// The shapes of the model's own outputs (`model.outputs`), whatever
    /// it is called on when nested: what tf.keras 2 prints as a nested
    /// model's `output_shape`.
    pub output_shapes: Vec<Shape>,
    /// Where the model's inputs come from (`model.inputs`): each one's
    /// `InputLayer`, node and tensor index.
    pub input_connections: Vec<Connection>,
    /// Where the model's outputs come from (`model.outputs`): the layer,
    /// node and tensor index that produce each one.
    pub output_connections: Vec<Connection>,
    /// The model's compute cost per sample (see [`cost`](Self::cost)).
    pub(crate) cost: TotalCost,
    /// Whether the model is built ([`Model::is_built`]): `false` for a
    /// Sequential given no `Input`, whose rows show `?` output shapes.
    pub built: bool,
}

impl Summary {
    /// The model's compute cost per sample: the sum of the rows' costs,
    /// `None` if any is unknown (see [`crate::compute`]). Computed the
    /// first time it is asked for.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let m = Sequential::new().add(Input::new([7])).add(Dense::new(5)).build()?;
    /// assert_eq!(m.summary().cost().map(|c| c.macs), Some(35));
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[must_use]
    pub fn cost(&self) -> Option<Cost> {
        self.cost.get()
    }

    /// The model's compute cost for a batch of `batch` samples (`None`
    /// when unknown), or an error when it would overflow `u64`.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let m = Sequential::new().add(Input::new([7])).add(Dense::new(5)).build()?;
    /// let s = m.summary();
    /// assert_eq!(s.cost_for_batch(1)?.map(|c| (c.macs, c.flops)), Some((35, 75)));
    /// assert_eq!(s.cost_for_batch(8)?.map(|c| c.macs), Some(280));
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub fn cost_for_batch(&self, batch: u64) -> crate::Result<Option<Cost>> {
        self.cost()
            .map(|c| c.for_batch(batch))
            .transpose()
            .map_err(|e| crate::Error::Model {
                model: self.name.clone(),
                reason: format!("compute cost for batch size {batch}: {e}"),
            })
    }

    /// The row of the layer named `name`.
    #[must_use]
    pub fn row(&self, name: &str) -> Option<&SummaryRow> {
        self.rows.iter().find(|r| r.name == name)
    }

    /// Every non-trainable weight of the model, with its layer's row.
    pub fn non_trainable_weights(&self) -> impl Iterator<Item = (&SummaryRow, &Weight)> {
        self.rows.iter().flat_map(|r| {
            r.weights()
                .iter()
                .filter(|w| !w.trainable)
                .map(move |w| (r, w))
        })
    }
}

/// The class names of a summary's rows, each made once and shared (read
/// back without a check, see [`Name::shared`]): a layer's class name is
/// usually a `&'static str` of its type, so the same text at the same
/// address is the same name. A model has a handful of classes: the
/// first few are kept in a short list, scanned before the map.
#[derive(Default)]
struct ClassNames {
    few: SmallVec<[((usize, usize), Name); FEW_CLASSES]>,
    more: IdMap<(usize, usize), Name>,
}

/// How many class names [`ClassNames`] scans.
const FEW_CLASSES: usize = 16;

impl ClassNames {
    fn name(&mut self, class: &str) -> Name {
        let key = (class.as_ptr() as usize, class.len());
        if let Some((_, name)) = self.few.iter().find(|(k, _)| *k == key) {
            return name.clone();
        }
        if self.few.len() < FEW_CLASSES {
            let name = Name::shared(class);
            self.few.push((key, name.clone()));
            return name;
        }
        self.more
            .entry(key)
            .or_insert_with(|| Name::shared(class))
            .clone()
    }
}

/// The shapes of the tensors a call received: the producing call's own
/// shapes when the call has one input that is its producer's only output.
fn input_shapes(node: &Node) -> Shapes {
    match node.inputs.as_slice() {
        [one] if one.index == 0 && one.node.outputs.len() == 1 => Shapes::shared(&one.node.outputs),
        many => many.iter().map(|t| t.shape().clone()).collect(),
    }
}

/// The layer, node and tensor index a tensor comes from.
fn connection_of(t: &crate::model::Tensor) -> Connection {
    let (node_index, tensor_index) = t.history();
    Connection {
        layer: t.layer().shared_name().clone(),
        node_index,
        tensor_index,
    }
}

/// The parameters and bits of `weights`, then of the trainable ones, in
/// one pass.
fn sum_weights<'a>(weights: impl Iterator<Item = &'a Weight>) -> (u64, u64, u64, u64) {
    // Totals were checked to fit in u64 when the model was built.
    weights.fold((0u64, 0u64, 0u64, 0u64), |(n, bits, t, tbits), w| {
        let b = w.count.saturating_mul(w.dtype.bits());
        let (t, tbits) = if w.trainable {
            (t.saturating_add(w.count), tbits.saturating_add(b))
        } else {
            (t, tbits)
        };
        (n.saturating_add(w.count), bits.saturating_add(b), t, tbits)
    })
}

/// How much of a summary to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Detail {
    /// Every field of every row.
    Full,
    /// What Keras 3's text shows without `show_trainable` or memory
    /// columns, of a model without nested models: rows have their
    /// parameter counts and `connected_to` but no weight list, compute
    /// cost, activations, input shapes, per-call output shapes or
    /// `inbound` (the weights' paths are most of a summary's cost, and the
    /// text shows none).
    Text,
}

impl Model {
    /// The model's summary as data; `Display` it for Keras's text.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let m = Sequential::new().name("s").add(Input::new([4])).add(Dense::new(3)).build()?;
    /// let s = m.summary();
    /// assert_eq!(s.total_params, 15);
    /// assert!(s.to_string().contains(" Total params: 15 (60.00 B)"));
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[must_use]
    pub fn summary(&self) -> Summary {
        self.summary_within(Detail::Full)
    }

    /// The summary with only what Keras 3's text shows of a model without
    /// nested models (see [`Detail::Text`]); the whole summary for a model
    /// with nested models or weights whose sums pass `u64`.
    pub(crate) fn text_summary(&self) -> Summary {
        self.summary_within(Detail::Text)
    }

    /// The summary, as much of it as `detail` asks for.
    fn summary_within(&self, detail: Detail) -> Summary {
        let lean = detail == Detail::Text;
        if lean && self.summary_layers().iter().any(|l| l.as_model().is_some()) {
            return self.summary_within(Detail::Full);
        }
        // Set by a row whose weights' sums pass `u64`: the whole summary then.
        let mut declined = false;
        // The sums of the rows' weights: (params, bits, trainable params,
        // trainable bits), the model's totals when no row is a nested model.
        let mut row_sums = (0u64, 0u64, 0u64, 0u64);
        let sequential_like = self.is_sequential_like();
        // Each layer's calls in this model, in call order: a layer called
        // once has its first call's node (in this model's graph); the map of
        // every node's layer is made only if a layer was called more often.
        let mut nodes_of: Option<IdMap<u64, SmallVec<[&Arc<Node>; 1]>>> = None;
        let mut classes = ClassNames::default();
        // The rows' data (see `RowData`), sized at once: glibc consolidates
        // its free blocks at every large block asked for.
        let mut entries: Vec<RowEntry> = if lean {
            Vec::new()
        } else {
            Vec::with_capacity(self.summary_layers().len())
        };
        let built = self.is_built();
        let frozen = !self.is_trainable();
        let mut rows: Vec<SummaryRow> = Vec::with_capacity(self.summary_layers().len());
        for layer in self.summary_layers() {
            // The model this layer is or wraps, found once for the row.
            let inner = layer.as_model();
            // A row's sums come from its layer's first call, its list is
            // formed when asked for (a lean row has none); a nested
            // model's row, or one whose sums pass `u64`, lists and sums
            // its weights now. (`model.trainable = False` reached every
            // layer's flag already.)
            let mut state = layer.row_state(frozen, !lean && inner.is_none());
            let mut listed = None;
            let sums = match (inner.is_some(), lean, state.sums) {
                (_, true, sums) => {
                    declined |= sums.is_none();
                    sums.unwrap_or_default()
                }
                (false, false, Some(sums)) => sums,
                (true, false, _) | (false, false, None) => {
                    let list = self.layer_weights(layer);
                    let sums = sum_weights(list.iter());
                    listed = Some(list);
                    sums
                }
            };
            let (params, bits, trainable_params, tbits) = sums;
            // bounded: the model's totals were checked to fit
            row_sums = (
                row_sums.0.saturating_add(params),
                row_sums.1.saturating_add(bits),
                row_sums.2.saturating_add(trainable_params),
                row_sums.3.saturating_add(tbits),
            );
            let mut owned: SmallVec<[Arc<Node>; 1]> = SmallVec::new();
            match (state.first_node.take(), state.calls) {
                (_, 0) => {}
                (Some(first), 1) => owned.push(first),
                _ => {
                    let map = nodes_of.get_or_insert_with(|| self.nodes_by_layer());
                    if let Some(v) = map.get(&layer.id()) {
                        owned.extend(v.iter().map(|&n| Arc::clone(n)));
                    }
                }
            }
            let calls = owned.as_slice();
            // Pushed one by one: a layer is usually called once, and
            // collecting into inline vectors costs more.
            let mut call_output_shapes: SmallVec<[Shapes; 1]> = SmallVec::new();
            let mut inbound: SmallVec<[Connections; 1]> = SmallVec::new();
            // Made once, in either branch (not replaced: dropping the
            // empty list costs a call per row).
            let connected_to = if lean {
                // The text shows only `Connected to`: every call's
                // inputs, in call order.
                let mut connected_to = Connections::new();
                if !sequential_like {
                    for t in calls.iter().flat_map(|n| n.connections()) {
                        connected_to.push(connection_of(t));
                    }
                }
                connected_to
            } else {
                for n in calls {
                    call_output_shapes.push(Shapes::shared(&n.outputs));
                    let mut from = Connections::new();
                    for t in n.connections() {
                        from.push(connection_of(t));
                    }
                    inbound.push(from);
                }
                match inbound.as_slice() {
                    _ if sequential_like => Connections::new(),
                    [one] => one.clone(),
                    many => many.iter().flatten().cloned().collect(),
                }
            };
            let nested = inner
                .as_ref()
                .map(|inner| Box::new(inner.summary_within(Detail::Full)));
            let input_shapes = match (lean, calls.first(), state.first_inputs) {
                (true, ..) => Shapes::default(),
                // The layer's first call: the shapes its weights were
                // built from, shared.
                (false, Some(n), Some(first)) if n.node_index == 0 => first,
                (false, n, _) => n.map(|n| input_shapes(n)).unwrap_or_default(),
            };
            if !lean {
                let mut e = RowEntry::new(state.weight_count, state.vars_trainable);
                if let Some(list) = listed {
                    e.weight_count = list.len();
                    e.weights = OnceLock::from(list);
                }
                // A model never built: shapes, hence costs, are
                // unknown. A nested model's cost is its summary's.
                // (`calls` are nodes of this model's graph.)
                match &inner {
                    _ if !built => e.known(None, None),
                    Some(inner) => {
                        let calls = || calls.iter().map(|n| &**n);
                        e.known(
                            cost::row_cost(layer, Some(inner), nested.as_deref(), calls()),
                            crate::memory::row_activations(layer, true, calls()),
                        );
                    }
                    None => e.calls = owned,
                }
                entries.push(e);
            }
            rows.push(SummaryRow {
                name: layer.shared_name().clone(),
                class_name: classes.name(layer.class_name()),
                output_shapes: state.outputs,
                output_structure: layer.layer().output_structure(),
                params,
                trainable_params,
                non_trainable_params: params.saturating_sub(trainable_params),
                trainable: state.trainable,
                connected_to,
                data: RowData::default(),
                is_input: layer.layer().is_input(),
                is_operation: layer.layer().is_operation(),
                call_output_shapes,
                nested,
                inbound,
                input_shapes,
                unbuilt: match &inner {
                    Some(inner) => !inner.is_built(),
                    None => {
                        // Never called: its weights were never made.
                        state.calls == 0 && !layer.layer().built_at_init()
                    }
                },
            });
        }
        if declined {
            return self.summary_within(Detail::Full);
        }
        let shared = (!lean).then(|| RowsData::share(self, frozen, &mut rows, entries));
        // Without nested models every weight belongs to exactly one row;
        // otherwise a layer may appear inside and outside a nested model,
        // and the model's unique weights are counted once.
        let (total_params, total_bits, trainable_params, trainable_bits) =
            if lean || rows.iter().all(|r: &SummaryRow| r.nested.is_none()) {
                row_sums
            } else {
                sum_weights(self.weights().iter())
            };
        let total = match &shared {
            Some(_) => OnceLock::new(),
            None => OnceLock::from(
                crate::compute::sum(rows.iter().map(SummaryRow::cost))
                    .ok()
                    .flatten(),
            ),
        };
        Summary {
            built: self.is_built(),
            name: self.name().to_owned(),
            class_name: self.kind().class_name().to_owned(),
            sequential_like,
            rows,
            total_params,
            trainable_params,
            non_trainable_params: total_params.saturating_sub(trainable_params),
            total_size: MemorySize::from_bits(total_bits),
            trainable_size: MemorySize::from_bits(trainable_bits),
            non_trainable_size: MemorySize::from_bits(total_bits.saturating_sub(trainable_bits)),
            output_shapes: self.outputs().iter().map(|t| t.shape().clone()).collect(),
            input_connections: self.inputs().iter().map(connection_of).collect(),
            output_connections: self.outputs().iter().map(connection_of).collect(),
            cost: TotalCost {
                rows: shared,
                total,
            },
            ..Summary::default()
        }
    }

    /// The nodes of the model's graph by layer id, each layer's in call
    /// order.
    fn nodes_by_layer(&self) -> IdMap<u64, SmallVec<[&Arc<Node>; 1]>> {
        let mut nodes_of: IdMap<u64, SmallVec<[&Arc<Node>; 1]>> = IdMap::default();
        nodes_of.reserve(self.graph_nodes().len());
        for node in self.graph_nodes() {
            nodes_of.entry(node.layer.id()).or_default().push(node);
        }
        for v in nodes_of.values_mut() {
            if v.len() > 1 {
                v.sort_by_key(|n| n.node_index);
            }
        }
        nodes_of
    }
}

/// What the renderers share of a summary.
impl Summary {
    /// The summary's totals in Keras's order, each with its size: all,
    /// trainable and non-trainable parameters, then the optimizer's.
    pub(crate) fn totals(&self) -> [(Total, u64, MemorySize); 4] {
        [
            (Total::All, self.total_params, self.total_size),
            (Total::Trainable, self.trainable_params, self.trainable_size),
            (
                Total::NonTrainable,
                self.non_trainable_params,
                self.non_trainable_size,
            ),
            (Total::Optimizer, self.optimizer_params, self.optimizer_size),
        ]
    }

    /// The totals Keras 3 prints: the optimizer's only when the summary
    /// has an optimizer.
    pub(crate) fn keras_totals(&self) -> impl Iterator<Item = (Total, u64, MemorySize)> {
        let shown = if self.optimizer.is_some() { 4 } else { 3 };
        self.totals().into_iter().take(shown)
    }

    /// Keras's error for a summary of a model never built (a Sequential given
    /// no `Input`), which its `summary()` and `model_to_dot` refuse.
    pub(crate) fn require_built(&self) -> crate::error::Result<()> {
        if self.built {
            return Ok(());
        }
        Err(crate::error::Error::Model {
            model: self.name.clone(),
            reason: "This model has not yet been built. Build the model first by calling \
                     `build()` or by calling the model on a batch of data."
                .into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::prelude::*;

    /// A row's cost and activations are formed when first read, from the
    /// calls the summary saw: a later call of the layer, on other shapes,
    /// does not reach them.
    #[test]
    fn row_costs_are_what_the_summary_saw() -> crate::Result<()> {
        let x = Input::new([4]).tensor()?;
        let dense = Dense::new(3).name("fc").shared();
        let model = Functional::new(&x, &dense.call(&x)?).build()?;
        let formed = model.summary();
        let seen = |s: &Summary| {
            let fc = s.row("fc").map(|r| (r.cost(), r.activations()));
            (fc, s.cost())
        };
        let before = seen(&formed);
        let unformed = model.summary();
        let z = Input::new([5, 4]).tensor()?;
        let other = Functional::new(&z, &dense.call(&z)?).build()?.summary();
        assert_eq!(seen(&unformed), before);
        assert_eq!(unformed, formed);
        assert_ne!(seen(&other), before);
        let fc = before.0.and_then(|c| c.0).map(|c| c.macs);
        assert_eq!(fc, Some(12));
        Ok(())
    }

    /// A row's weights are formed when first read, as the summary saw the
    /// layer: a `trainable` flag set afterwards does not reach them, and a
    /// row whose list was formed at once equals one formed later.
    #[test]
    fn row_weights_are_what_the_summary_saw() -> crate::Result<()> {
        let x = Input::new([4]).tensor()?;
        let dense = Dense::new(3).name("fc").shared();
        let y = BatchNormalization::new()
            .name("bn")
            .call(&dense.call(&x)?)?;
        let model = Functional::new(&x, &y).build()?;
        let formed = model.summary();
        let flags = |s: &Summary| -> Vec<(String, bool)> {
            s.rows
                .iter()
                .flat_map(|r| r.weights().iter().map(|w| (w.path.clone(), w.trainable)))
                .collect()
        };
        let before = flags(&formed);
        let unformed = model.summary();
        let copy = unformed.clone();
        dense.set_trainable(false);
        let after = model.summary();
        assert_eq!(flags(&unformed), before);
        assert_eq!(flags(&copy), before);
        assert_eq!(unformed, formed);
        assert_ne!(after, formed);
        assert_eq!(
            flags(&after).first(),
            Some(&("fc/kernel".to_owned(), false))
        );
        for s in [&formed, &after] {
            for r in &s.rows {
                let n: u64 = r.weights().iter().map(|w| w.count).sum();
                let t: u64 = r
                    .weights()
                    .iter()
                    .filter(|w| w.trainable)
                    .map(|w| w.count)
                    .sum();
                assert_eq!((n, t), (r.params, r.trainable_params), "{}", r.name);
                assert_eq!(r.weights().is_empty(), r.trainable_text() == "-");
            }
        }
        Ok(())
    }
}
