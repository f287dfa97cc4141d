//! Recurrent layers: the generic `RNN` over a cell, and `SimpleRNN`,
//! `LSTM`, `GRU`.

use super::cells::{CellKind, Gru, Lstm, RecurrentCell, RnnCell, Simple};
use super::{held_weights, inner_name, name_inner};
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, known_last_dim, one_input};
use crate::shape::{Dim, Shape};
use crate::weight::WeightSpec;

/// The arguments every Keras recurrent layer takes besides its cell's.
/// Only `return_sequences` and `return_state` change shapes; `stateful`
/// needs a known batch size.
///
/// ```
/// use kerasinfo::layers::RnnOptions;
/// let o = RnnOptions::default();
/// assert!(!o.return_sequences && !o.return_state && !o.go_backwards);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RnnOptions {
    /// `return_sequences=`: output every step `(batch, steps, units)`
    /// rather than the last `(batch, units)`.
    pub return_sequences: bool,
    /// `return_state=`: also output the final states.
    pub return_state: bool,
    /// `go_backwards=`: process the sequence backwards.
    pub go_backwards: bool,
    /// `stateful=`: keep the states between batches (needs a static batch size).
    pub stateful: bool,
    /// `unroll=`: unroll the loop.
    pub unroll: bool,
}

/// A recurrent layer, as [`Bidirectional`](super::Bidirectional) needs it:
/// a layer with [`RnnOptions`].
pub trait RecurrentLayer: Layer {
    /// The layer's recurrent options.
    fn options(&self) -> &RnnOptions;
}

/// The builder methods of [`RnnOptions`] for a type with an `opts` field.
macro_rules! rnn_option_methods {
    () => {
        /// Keras's `return_sequences=`: output the whole sequence. Defaults to `false`.
        pub fn return_sequences(mut self, return_sequences: bool) -> Self {
            self.opts.return_sequences = return_sequences;
            self
        }

        /// Keras's `return_state=`: also output the last states. Defaults to `false`.
        pub fn return_state(mut self, return_state: bool) -> Self {
            self.opts.return_state = return_state;
            self
        }

        /// Keras's `go_backwards=`: process the input backwards. Defaults to `false`.
        pub fn go_backwards(mut self, go_backwards: bool) -> Self {
            self.opts.go_backwards = go_backwards;
            self
        }

        /// Keras's `stateful=`: keep states across batches; the input's
        /// batch size must then be known. Defaults to `false`.
        pub fn stateful(mut self, stateful: bool) -> Self {
            self.opts.stateful = stateful;
            self
        }

        /// Keras's `unroll=` (no effect on shapes). Defaults to `false`.
        pub fn unroll(mut self, unroll: bool) -> Self {
            self.opts.unroll = unroll;
            self
        }
    };
}
pub(crate) use rnn_option_methods;

/// The outputs of a recurrent layer on `x` (`(batch, steps, ...)`) whose
/// step output has dimensions `step` and whose states have `states`
/// (batch excluded), as Keras's `RNN.compute_output_shape`.
pub(crate) fn rnn_outputs(
    x: &Shape,
    step: &[Dim],
    states: &[Vec<Dim>],
    opts: &RnnOptions,
) -> Result<OutputShapes, LayerError> {
    let (Some(batch), Some(steps)) = (x.get(0), x.get(1)) else {
        return Err(LayerError::rank(">= 3", x));
    };
    if opts.stateful && !batch.is_known() {
        return Err(LayerError::input(
            x,
            "when using `stateful=True` in a RNN, the batch size must be static",
        ));
    }
    let mut out = OutputShapes::new();
    let head: &[Dim] = if opts.return_sequences {
        &[batch, steps]
    } else {
        &[batch]
    };
    out.push(Shape::new(head.iter().chain(step).copied()));
    if opts.return_state {
        for s in states {
            out.push(Shape::new(std::iter::once(batch).chain(s.iter().copied())));
        }
    }
    Ok(out)
}

/// A Keras recurrent layer over one of the built-in cells, selected by the
/// marker `K`: use the aliases [`SimpleRNN`], [`LSTM`], [`GRU`].
///
/// # Shapes
/// Input `(batch, steps, features)` (rank 3, `features` known, `steps` may
/// be `None`). Output `(batch, units)`, or `(batch, steps, units)` with
/// `return_sequences`; with `return_state` the states `(batch, units)`
/// follow (two for LSTM). Weights: the cell's, under the cell's name
/// (`lstm/lstm_cell/kernel`), see [`RecurrentCell`].
#[derive(Debug, Clone)]
#[must_use]
pub struct CellRnn<K: CellKind> {
    config: LayerConfig,
    cell: RecurrentCell<K>,
    opts: RnnOptions,
}

/// `keras.layers.SimpleRNN(units, activation="tanh", use_bias=True,
/// dropout=0.0, recurrent_dropout=0.0, return_sequences=False,
/// return_state=False, go_backwards=False, stateful=False, unroll=False)`:
/// a fully connected RNN whose output is fed back.
///
/// # Shapes
/// Input `(batch, steps, features)`, output `(batch, units)` (or `(batch,
/// steps, units)`), one state `(batch, units)`. Weights under
/// `simple_rnn_cell`: `kernel (features, units)`, `recurrent_kernel (units,
/// units)`, `bias (units,)`. See [`CellRnn`].
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([None, Some(8)]).tensor()?;
/// let y = SimpleRNN::new(4).return_sequences(true).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, None, 4)");
/// # Ok(()) }
/// ```
pub type SimpleRNN = CellRnn<Simple>;

/// `keras.layers.LSTM(units, activation="tanh",
/// recurrent_activation="sigmoid", use_bias=True, unit_forget_bias=True,
/// dropout=0.0, recurrent_dropout=0.0, return_sequences=False,
/// return_state=False, go_backwards=False, stateful=False, unroll=False)`:
/// long short-term memory.
///
/// # Shapes
/// Input `(batch, steps, features)`, output `(batch, units)` (or `(batch,
/// steps, units)`), two states `(batch, units)`. Weights under `lstm_cell`:
/// `kernel (features, 4 * units)`, `recurrent_kernel (units, 4 * units)`,
/// `bias (4 * units,)`. See [`CellRnn`].
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// kerasinfo::naming::clear_session();
/// let x = Input::new([10, 8]).tensor()?;
/// let outs = LSTM::new(4).return_state(true).call_multi(&x)?;
/// assert_eq!(outs.len(), 3); // output, h, c
/// let model = Functional::new(&x, &outs[0]).build()?;
/// assert_eq!(model.weights()[0].path, "lstm/lstm_cell/kernel");
/// assert_eq!(model.summary().total_params, 4 * (8 * 4 + 4 * 4 + 4));
/// # Ok(()) }
/// ```
pub type LSTM = CellRnn<Lstm>;

/// `keras.layers.GRU(units, activation="tanh",
/// recurrent_activation="sigmoid", use_bias=True, reset_after=True,
/// dropout=0.0, recurrent_dropout=0.0, return_sequences=False,
/// return_state=False, go_backwards=False, stateful=False, unroll=False)`:
/// gated recurrent unit.
///
/// # Shapes
/// Input `(batch, steps, features)`, output `(batch, units)` (or `(batch,
/// steps, units)`), one state `(batch, units)`. Weights under `gru_cell`:
/// `kernel (features, 3 * units)`, `recurrent_kernel (units, 3 * units)`,
/// `bias (2, 3 * units)` (`(3 * units,)` with `reset_after=False`). See
/// [`CellRnn`].
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([10, 8]).tensor()?;
/// let y = GRU::new(4).call(&x)?;
/// let model = Functional::new(&x, &y).build()?;
/// let bias = &model.weights()[2];
/// assert_eq!(bias.shape.as_slice(), &[2, 12]); // reset_after=True
/// # Ok(()) }
/// ```
pub type GRU = CellRnn<Gru>;

impl<K: CellKind> CellRnn<K> {
    /// A layer of `units` units.
    pub fn new(units: impl crate::args::Int) -> Self {
        let units = units.to_i64();
        let mut cell = RecurrentCell::new(units);
        cell.config.set_name(K::CELL_NAME);
        crate::layer::constructed(CellRnn {
            config: LayerConfig::default(),
            cell,
            opts: RnnOptions::default(),
        })
    }

    /// Keras's `activation=`. Defaults to `tanh`.
    pub fn activation(mut self, activation: impl Into<String>) -> Self {
        self.cell = self.cell.activation(activation);
        self
    }

    /// Keras's `use_bias=`. Defaults to `true`.
    pub fn use_bias(mut self, use_bias: bool) -> Self {
        self.cell = self.cell.use_bias(use_bias);
        self
    }

    /// Keras's `dropout=` (no effect on shapes). Defaults to 0.
    pub fn dropout(mut self, rate: f64) -> Self {
        self.cell = self.cell.dropout(rate);
        self
    }

    /// Keras's `recurrent_dropout=` (no effect on shapes). Defaults to 0.
    pub fn recurrent_dropout(mut self, rate: f64) -> Self {
        self.cell = self.cell.recurrent_dropout(rate);
        self
    }

    rnn_option_methods!();
}

impl CellRnn<Lstm> {
    /// Keras's `recurrent_activation=`. Defaults to `sigmoid`.
    pub fn recurrent_activation(mut self, activation: impl Into<String>) -> Self {
        self.cell = self.cell.recurrent_activation(activation);
        self
    }

    /// Keras's `unit_forget_bias=` (no effect on shapes). Defaults to `true`.
    pub fn unit_forget_bias(mut self, unit_forget_bias: bool) -> Self {
        self.cell = self.cell.unit_forget_bias(unit_forget_bias);
        self
    }
}

impl CellRnn<Gru> {
    /// Keras's `recurrent_activation=`. Defaults to `sigmoid`.
    pub fn recurrent_activation(mut self, activation: impl Into<String>) -> Self {
        self.cell = self.cell.recurrent_activation(activation);
        self
    }

    /// Keras's `reset_after=`: bias shape `(2, 3 * units)` when `true`,
    /// `(3 * units,)` when `false`. Defaults to `true`.
    pub fn reset_after(mut self, reset_after: bool) -> Self {
        self.cell = self.cell.reset_after(reset_after);
        self
    }
}

impl<K: CellKind> Layer for CellRnn<K> {
    /// Keras's `supports_masking`.
    fn supports_masking(&self) -> bool {
        true
    }

    /// Keras's call takes `mask=`.
    fn takes_mask(&self) -> bool {
        true
    }

    /// Keras's `RNN.compute_mask`: the input's mask on the output when
    /// `return_sequences`, none on the states.
    fn compute_mask(
        &self,
        _inputs: &[crate::Tensor],
        previous: &[Option<crate::Tensor>],
    ) -> crate::Result<crate::Masks> {
        Ok(super::sequence_mask(
            previous,
            RecurrentLayer::options(self).return_sequences,
            1,
        ))
    }
    /// Recurrent: called with `initial_state=` tensors.
    fn takes_initial_state(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let mut o = self.cell.keras_keys();
        let r = &self.opts;
        o.extend(w::obj([
            ("return_sequences", json!(r.return_sequences)),
            ("return_state", json!(r.return_state)),
            ("go_backwards", json!(r.go_backwards)),
            ("stateful", json!(r.stateful)),
            ("unroll", json!(r.unroll)),
        ]));
        Some(o)
    }

    fn class_name(&self) -> &str {
        K::LAYER_CLASS
    }

    fn config(&self) -> &LayerConfig {
        &self.config
    }

    fn config_mut(&mut self) -> &mut LayerConfig {
        &mut self.config
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let units = Dim::Known(self.cell.checked_units()?);
        if x.rank() != 3 {
            return Err(LayerError::rank("3", x));
        }
        known_last_dim(x)?;
        rnn_outputs(x, &[units], &vec![vec![units]; K::STATES], &self.opts)
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let input_dim = known_last_dim(one_input(inputs)?)?;
        Ok(self
            .cell
            .cell_weights(input_dim)?
            .into_iter()
            .map(|w| w.prefixed(K::CELL_NAME))
            .collect())
    }

    /// # Cost
    /// The time steps unrolled: steps × the cell's
    /// [`step_cost`](RnnCell::step_cost) on the input's features (whatever
    /// `return_sequences`); unknown when the number of steps is `None`.
    fn cost(&self, inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        unrolled_cost(&self.cell, inputs)
    }
}

impl<K: CellKind> RecurrentLayer for CellRnn<K> {
    fn options(&self) -> &RnnOptions {
        &self.opts
    }
}

/// `keras.layers.RNN(cell, return_sequences=False, return_state=False,
/// go_backwards=False, stateful=False, unroll=False)`: runs a cell over a
/// sequence. Keras's list of cells is a [`StackedRNNCells`](super::StackedRNNCells).
///
/// # Shapes
/// Input `(batch, steps, ..., features)` (rank >= 3, `features` known).
/// Output `(batch, output_size)` or `(batch, steps, output_size)` with
/// `return_sequences`; with `return_state` one `(batch, size)` per state of
/// the cell follows. Weights: the cell's, under its name
/// (`rnn/lstm_cell/kernel`, `rnn/stacked_rnn_cells/gru_cell/bias`).
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// kerasinfo::naming::clear_session();
/// let x = Input::new([None, Some(8)]).tensor()?;
/// let y = RNN::new(LSTMCell::new(3)).call(&x)?;
/// let model = Functional::new(&x, &y).build()?;
/// assert_eq!(model.weights()[0].path, "rnn/lstm_cell/kernel");
/// # Ok(()) }
/// ```
#[derive(Debug)]
#[must_use]
pub struct RNN {
    config: LayerConfig,
    cell: Box<dyn RnnCell>,
    opts: RnnOptions,
}

impl RNN {
    /// A recurrent layer running `cell`.
    pub fn new(cell: impl RnnCell) -> Self {
        crate::layer::constructed(RNN {
            config: LayerConfig::default(),
            cell: Box::new(cell),
            opts: RnnOptions::default(),
        })
    }

    /// A recurrent layer running an already boxed cell (the config
    /// importer's).
    #[cfg(feature = "keras-json")]
    pub(crate) fn from_boxed(cell: Box<dyn RnnCell>) -> Self {
        crate::layer::constructed(RNN {
            config: LayerConfig::default(),
            cell,
            opts: RnnOptions::default(),
        })
    }

    /// The cell the layer runs (named once the layer has taken its name).
    #[must_use]
    pub fn cell(&self) -> &dyn RnnCell {
        self.cell.as_ref()
    }

    rnn_option_methods!();
}

impl Layer for RNN {
    /// Keras's `supports_masking`.
    fn supports_masking(&self) -> bool {
        true
    }

    /// Keras's call takes `mask=`.
    fn takes_mask(&self) -> bool {
        true
    }

    /// Keras's `RNN.compute_mask`: the input's mask on the output when
    /// `return_sequences`, none on the states.
    fn compute_mask(
        &self,
        _inputs: &[crate::Tensor],
        previous: &[Option<crate::Tensor>],
    ) -> crate::Result<crate::Masks> {
        Ok(super::sequence_mask(
            previous,
            RecurrentLayer::options(self).return_sequences,
            1,
        ))
    }
    /// Recurrent: called with `initial_state=` tensors.
    fn takes_initial_state(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let mut o = w::obj([("cell", w::layer_value(self.cell.as_ref())?)]);
        let r = &self.opts;
        o.extend(w::obj([
            ("return_sequences", json!(r.return_sequences)),
            ("return_state", json!(r.return_state)),
            ("go_backwards", json!(r.go_backwards)),
            ("stateful", json!(r.stateful)),
            ("unroll", json!(r.unroll)),
            ("zero_output_for_mask", json!(false)),
        ]));
        Some(o)
    }

    layer_common!("RNN");

    /// # Cost
    /// The time steps unrolled: steps × the cell's
    /// [`step_cost`](RnnCell::step_cost) on the input's features (whatever
    /// `return_sequences`); unknown when the number of steps is `None`.
    fn cost(&self, inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        unrolled_cost(self.cell.as_ref(), inputs)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        if x.rank() < 3 {
            return Err(LayerError::rank(">= 3", x));
        }
        known_last_dim(x)?;
        let output = Dim::Known(self.cell.output_size()?);
        let states: Vec<Vec<Dim>> = self
            .cell
            .state_sizes()?
            .into_iter()
            .map(|s| vec![Dim::Known(s)])
            .collect();
        rnn_outputs(x, &[output], &states, &self.opts)
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let input_dim = known_last_dim(one_input(inputs)?)?;
        let specs = self.cell.cell_weights(input_dim)?;
        Ok(held_weights(
            specs,
            &inner_name(self.cell.as_ref()),
            self.cell.config(),
        ))
    }

    fn resolve_inner_names(&mut self) {
        name_inner(self.cell.as_mut());
    }
}

impl RecurrentLayer for RNN {
    fn options(&self) -> &RnnOptions {
        &self.opts
    }
}

/// The cost of `cell` unrolled over the time steps of a rank-3
/// `(batch, steps, features)` input: steps × [`RnnCell::step_cost`];
/// unknown when the steps or features are.
fn unrolled_cost(cell: &dyn RnnCell, inputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
    let x = one_input(inputs)?;
    let (Some(steps), Some(features), 3) = (
        x.get(1).and_then(Dim::known),
        x.get(-1).and_then(Dim::known),
        x.rank(),
    ) else {
        return Ok(None);
    };
    Ok(match cell.step_cost(features)? {
        Some(c) => Some(c.for_batch(steps)?),
        None => None,
    })
}
