//! `RNN`: Keras's recurrent layer over any cell.

use super::RnnCell;
use super::{held_weights, inner_name, name_inner};
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, known_last_dim, one_input};
use crate::shape::{Dim, Shape};
use crate::weight::WeightSpec;

use super::*;
#[cfg(feature = "keras-json")]
use crate::error::Result;

keras_layer! {
    class "RNN";
    register { "RNN" => RNN } as dyn RecurrentLayer;
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
    /// kerasinfo::naming::clear_session();
    /// let x = Input::new([None, Some(8)]).tensor()?;
    /// let y = RNN::new(LSTMCell::new(3)).call(&x)?;
    /// let model = Functional::new(&x, &y).build()?;
    /// assert_eq!(model.weights()[0].path, "rnn/lstm_cell/kernel");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug)]
    pub struct RNN {
        /// Keras's `cell`.
        cell: Box<dyn RnnCell> [super::Held] = impl RnnCell => Box::new(cell),
    }
    /// A recurrent layer running `cell`.
    fn new;
    /// The `RNN` options, written flattened (setters below).
    opts: RnnOptions [Flattened] = RnnOptions::default();
}

impl RNN {
    /// The cell the layer runs (named once the layer has taken its name).
    #[must_use]
    pub fn cell(&self) -> &dyn RnnCell {
        self.cell.as_ref()
    }

    rnn_option_methods!();
}

impl Layer for RNN {
    recurrent_call_methods!();

    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        let mut o = self.keras_args();
        // `unroll`, which the options' group leaves out (as `ConvLSTM`'s).
        o.insert("unroll".into(), serde_json::Value::Bool(self.opts.unroll));
        o.insert(
            "zero_output_for_mask".into(),
            serde_json::Value::Bool(false),
        );
        Some(o)
    }

    layer_common!(Self::KERAS_CLASS);

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
