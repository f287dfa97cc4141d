//! `SimpleRNNCell`, `LSTMCell`, `GRUCell`: Keras's built-in cells.

use std::fmt;

use super::positive;
use super::*;
use crate::compute::Cost;
use crate::error::LayerError;
#[cfg(feature = "keras-json")]
use crate::error::Result;
use crate::layer::{Layer, OutputShapes, known_last_dim, one_input};
use crate::shape::Shape;
use crate::weight::{WeightSpec, checked_mul};

/// Which of the three built-in cells a [`RecurrentCell`] is: [`Simple`],
/// [`Lstm`] or [`Gru`].
pub trait CellKind: fmt::Debug + Clone + Copy + Default + Send + Sync + 'static {
    /// The Keras class of the cell, e.g. `"LSTMCell"`.
    const CELL_CLASS: &'static str;
    /// The Keras class of the layer running the cell, e.g. `"LSTM"`.
    const LAYER_CLASS: &'static str;
    /// The name that layer gives its cell, e.g. `"lstm_cell"`.
    const CELL_NAME: &'static str;
    /// Number of gates (kernel columns per unit).
    const GATES: u64;
    /// Number of states.
    const STATES: usize;
}

/// Declares the marker of a built-in cell kind and its [`CellKind`] facts.
macro_rules! cell_kinds {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident: $cell:literal, $layer:literal, $cell_name:literal, gates $gates:literal, states $states:literal;
    )*) => {$(
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $name;

        impl CellKind for $name {
            const CELL_CLASS: &'static str = $cell;
            const LAYER_CLASS: &'static str = $layer;
            const CELL_NAME: &'static str = $cell_name;
            const GATES: u64 = $gates;
            const STATES: usize = $states;
        }
    )*};
}

cell_kinds! {
    /// Marker of [`SimpleRNNCell`] and [`SimpleRNN`](super::SimpleRNN).
    Simple: "SimpleRNNCell", "SimpleRNN", "simple_rnn_cell", gates 1, states 1;
    /// Marker of [`LSTMCell`] and [`LSTM`](super::LSTM).
    Lstm: "LSTMCell", "LSTM", "lstm_cell", gates 4, states 2;
    /// Marker of [`GRUCell`] and [`GRU`](super::GRU).
    Gru: "GRUCell", "GRU", "gru_cell", gates 3, states 1;
}

keras_layer! {
    class K::CELL_CLASS;
    register {
        "SimpleRNNCell" => SimpleRNNCell,
        "LSTMCell" => LSTMCell,
        "GRUCell" => GRUCell,
    } as dyn RnnCell;
    /// One of Keras's built-in cells (`SimpleRNNCell`, `LSTMCell`, `GRUCell`),
    /// selected by the marker `K`; use the aliases.
    ///
    /// # Shapes
    /// For steps of `input_dim` features and `units` units, with `G` gates (1
    /// for a simple cell, 4 for LSTM, 3 for GRU): `kernel (input_dim, G *
    /// units)`, `recurrent_kernel (units, G * units)`, and if `use_bias` a
    /// `bias (G * units,)` — `(2, 3 * units)` for a GRU cell with
    /// `reset_after=True` (the default). States: one of `units` (two for LSTM).
    #[derive(Debug, Clone)]
    pub struct RecurrentCell<K: CellKind> {
        /// Keras's `units`.
        units: i64 = impl crate::args::Int => units.to_i64(),
    }
    /// A cell of `units` units.
    fn new;
    /// The cell's arguments besides `units`, written flattened (setters
    /// below).
    pub(super) args: CellArgs<K> [Flattened] = CellArgs::default();
}

/// `keras.layers.SimpleRNNCell(units, activation="tanh", use_bias=True,
/// dropout=0.0, recurrent_dropout=0.0)`: the cell of a fully connected RNN.
///
/// # Shapes
/// One state of `units`; weights `kernel (features, units)`,
/// `recurrent_kernel (units, units)`, `bias (units,)`.
///
/// ```
/// use kerasinfo::prelude::*;
/// kerasinfo::naming::clear_session();
/// let x = Input::new([None, Some(8)]).tensor()?;
/// let y = RNN::new(SimpleRNNCell::new(4)).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 4)");
/// let model = Functional::new(&x, &y).build()?;
/// let paths: Vec<String> = model.weights().into_iter().map(|w| w.path).collect();
/// assert_eq!(paths, ["rnn/simple_rnn_cell/kernel", "rnn/simple_rnn_cell/recurrent_kernel", "rnn/simple_rnn_cell/bias"]);
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub type SimpleRNNCell = RecurrentCell<Simple>;

/// `keras.layers.LSTMCell(units, activation="tanh",
/// recurrent_activation="sigmoid", use_bias=True, unit_forget_bias=True,
/// dropout=0.0, recurrent_dropout=0.0)`: the cell of an LSTM.
///
/// # Shapes
/// Two states of `units`; weights `kernel (features, 4 * units)`,
/// `recurrent_kernel (units, 4 * units)`, `bias (4 * units,)`.
///
/// ```
/// use kerasinfo::prelude::*;
/// let x = Input::new([10, 8]).tensor()?;
/// let y = RNN::new(LSTMCell::new(4)).return_sequences(true).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 10, 4)");
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub type LSTMCell = RecurrentCell<Lstm>;

/// `keras.layers.GRUCell(units, activation="tanh",
/// recurrent_activation="sigmoid", use_bias=True, reset_after=True,
/// dropout=0.0, recurrent_dropout=0.0)`: the cell of a GRU.
///
/// # Shapes
/// One state of `units`; weights `kernel (features, 3 * units)`,
/// `recurrent_kernel (units, 3 * units)`, `bias (2, 3 * units)` or
/// `(3 * units,)` with `reset_after=False`.
///
/// ```
/// use kerasinfo::prelude::*;
/// let x = Input::new([10, 8]).tensor()?;
/// let y = RNN::new(GRUCell::new(4).reset_after(false)).call(&x)?;
/// let model = Functional::new(&x, &y).build()?;
/// assert_eq!(model.summary().total_params, 3 * (8 * 4 + 4 * 4 + 4));
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub type GRUCell = RecurrentCell<Gru>;

impl<K: CellKind> RecurrentCell<K> {
    cell_setters!(args => activation, use_bias, dropout, recurrent_dropout);

    /// The checked number of units.
    pub(crate) fn checked_units(&self) -> Result<u64, LayerError> {
        let units = positive("units", self.units)?;
        self.args.check()?;
        Ok(units)
    }
}

impl RecurrentCell<Lstm> {
    cell_setters!(args => recurrent_activation, unit_forget_bias);
}

impl RecurrentCell<Gru> {
    cell_setters!(args => recurrent_activation, reset_after);
}

impl<K: CellKind> Layer for RecurrentCell<K> {
    declared_layer_common!();

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        cell_call(inputs)
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        self.cell_weights(known_last_dim(one_input(inputs)?)?)
    }

    /// # Cost
    /// Unknown: a cell is run by a recurrent layer, whose cost counts its
    /// steps ([`RnnCell::step_cost`]).
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(None)
    }
}

impl<K: CellKind> RnnCell for RecurrentCell<K> {
    /// One step: `gates·units·(input_dim + units)` MACs (the input and
    /// recurrent kernels; 1 gate for `SimpleRNNCell`, 4 for `LSTMCell`, 3
    /// for `GRUCell`), FLOPs `2·MACs` plus the element-wise step as
    /// TensorFlow's profiler counts Keras's graph, per unit: 2 for
    /// `SimpleRNNCell` (bias, sum), 12 for `LSTMCell` (two `4·units`
    /// additions, `c = f·c + i·g`, `h = o·tanh(c)`), 14 for `GRUCell`
    /// (11 with `reset_after=False`); without a bias 1, 8 and 8;
    /// activations add none (the profiler does not count
    /// `Sigmoid`/`Tanh`). Unknown with activations the profiler counts.
    fn step_cost(&self, input_dim: u64) -> Result<Option<Cost>, LayerError> {
        let units = self.checked_units()?;
        if !self.args.activations_uncounted() {
            return Ok(None);
        }
        let macs = crate::weight::product([
            units,
            K::GATES,
            crate::weight::checked_add(input_dim, units)?,
        ])?;
        let per_unit = match (K::GATES, self.args.use_bias, self.args.reset_after) {
            (1, true, _) => 2,
            (1, false, _) => 1,
            (4, true, _) => 12,
            (_, false, _) => 8,
            (_, true, true) => 14,
            (_, true, false) => 11,
        };
        Ok(Some(Cost::contraction(macs)?.checked_add(
            Cost::elementwise(checked_mul(units, per_unit)?),
        )?))
    }
    fn state_sizes(&self) -> Result<Vec<u64>, LayerError> {
        Ok(vec![self.checked_units()?; K::STATES])
    }

    fn output_size(&self) -> Result<u64, LayerError> {
        self.checked_units()
    }

    fn cell_weights(&self, input_dim: u64) -> Result<Vec<WeightSpec>, LayerError> {
        let units = self.checked_units()?;
        let width = checked_mul(units, K::GATES)?;
        let mut w = vec![
            WeightSpec::new("kernel", [input_dim, width]),
            WeightSpec::new("recurrent_kernel", [units, width]),
        ];
        if self.args.use_bias {
            w.push(if K::GATES == 3 && self.args.reset_after {
                WeightSpec::new("bias", [2, width])
            } else {
                WeightSpec::new("bias", [width])
            });
        }
        Ok(w)
    }
}
