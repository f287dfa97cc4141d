//! `SimpleRNN`, `LSTM`, `GRU`: Keras's recurrent layers over a built-in cell.

use super::{CellKind, Gru, Lstm, RecurrentCell, RnnCell, Simple};
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, known_last_dim, one_input};
use crate::shape::{Dim, Shape};
use crate::weight::WeightSpec;

use super::*;
#[cfg(feature = "keras-json")]
use crate::config::cfg::Cfg;
#[cfg(feature = "keras-json")]
use crate::error::Result;
#[cfg(feature = "keras-json")]
use crate::layers::declare::ArgGroup;

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
/// let x = Input::new([None, Some(8)]).tensor()?;
/// let y = SimpleRNN::new(4).return_sequences(true).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, None, 4)");
/// # Ok::<(), kerasinfo::Error>(())
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
/// kerasinfo::naming::clear_session();
/// let x = Input::new([10, 8]).tensor()?;
/// let outs = LSTM::new(4).return_state(true).call_multi(&x)?;
/// assert_eq!(outs.len(), 3); // output, h, c
/// let model = Functional::new(&x, &outs[0]).build()?;
/// assert_eq!(model.weights()[0].path, "lstm/lstm_cell/kernel");
/// assert_eq!(model.summary().total_params, 4 * (8 * 4 + 4 * 4 + 4));
/// # Ok::<(), kerasinfo::Error>(())
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
/// let x = Input::new([10, 8]).tensor()?;
/// let y = GRU::new(4).call(&x)?;
/// let model = Functional::new(&x, &y).build()?;
/// let bias = &model.weights()[2];
/// assert_eq!(bias.shape.as_slice(), &[2, 12]); // reset_after=True
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub type GRU = CellRnn<Gru>;

impl<K: CellKind> CellRnn<K> {
    /// A layer of `units` units.
    pub fn new(units: impl crate::args::Int) -> Self {
        let mut cell = RecurrentCell::new(units);
        cell.config_mut().set_name(K::CELL_NAME);
        crate::layer::constructed(CellRnn {
            config: LayerConfig::default(),
            cell,
            opts: RnnOptions::default(),
        })
    }

    cell_setters!(cell.args => activation, use_bias, dropout, recurrent_dropout);
    rnn_option_methods!();

    /// The layer its Keras config describes.
    #[cfg(feature = "keras-json")]
    pub(super) fn from_keras_args(c: &Cfg<'_>) -> Result<Self> {
        let mut layer = Self::new(c.int("units")?);
        layer.cell.args = layer.cell.args.read(c)?;
        layer.opts = layer.opts.read(c)?;
        Ok(layer)
    }
}

impl CellRnn<Lstm> {
    cell_setters!(cell.args => recurrent_activation, unit_forget_bias);
}

impl CellRnn<Gru> {
    cell_setters!(cell.args => recurrent_activation, reset_after);
}

impl<K: CellKind> Layer for CellRnn<K> {
    recurrent_call_methods!();

    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        let mut o = self.cell.keras_args();
        self.opts.write(&mut o, true);
        Some(o)
    }

    layer_common!(K::LAYER_CLASS);

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

/// Registers `SimpleRNN`, `LSTM` and `GRU` with the config importer, as
/// layers and as the recurrent layers a `Bidirectional` wraps.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    builtin_as!(r, dyn RecurrentLayer:
        "SimpleRNN" => SimpleRNN::from_keras_args,
        "LSTM" => LSTM::from_keras_args,
        "GRU" => GRU::from_keras_args,
    );
}
