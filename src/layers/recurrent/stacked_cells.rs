//! `StackedRNNCells`.

use super::*;
use super::{held_weights, inner_name, name_inner};
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, known_last_dim, one_input};
use crate::shape::Shape;
use crate::weight::WeightSpec;

keras_layer! {
    class "StackedRNNCells";
    register { "StackedRNNCells" => StackedRNNCells } as dyn RnnCell;
    /// `keras.layers.StackedRNNCells(cells)`: several cells run one after the
    /// other at each step, as one cell (what `RNN([cell1, cell2])` builds).
    /// Keras's list of cells is given with [`cell`](Self::cell).
    ///
    /// # Shapes
    /// Each cell sees the previous cell's output; the output size is the last
    /// cell's, the states are all the cells' states in order. Weights:
    /// each cell's, under its name (`stacked_rnn_cells/lstm_cell/kernel`).
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// kerasinfo::naming::clear_session();
    /// let x = Input::new([None, Some(8)]).tensor()?;
    /// let cells = StackedRNNCells::new().cell(LSTMCell::new(3)).cell(GRUCell::new(2));
    /// let outs = RNN::new(cells).return_state(true).call_multi(&x)?;
    /// let shapes: Vec<String> = outs.iter().map(|t| t.shape().to_string()).collect();
    /// assert_eq!(shapes, ["(None, 2)", "(None, 3)", "(None, 3)", "(None, 2)"]);
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug)]
    pub struct StackedRNNCells {}
    /// An empty stack; add cells with [`cell`](Self::cell).
    fn new;
    /// The cells, in order.
    pub(super) cells: Vec<Box<dyn RnnCell>> [super::Held] = Vec::new();
}

impl StackedRNNCells {
    /// Appends a cell to the stack.
    pub fn cell(mut self, cell: impl RnnCell) -> Self {
        self.cells.push(Box::new(cell));
        self
    }

    /// The cells, in order.
    pub fn cells(&self) -> impl Iterator<Item = &dyn RnnCell> {
        self.cells.iter().map(AsRef::as_ref)
    }

    fn last(&self) -> Result<&dyn RnnCell, LayerError> {
        self.cells
            .last()
            .map(AsRef::as_ref)
            .ok_or_else(|| LayerError::argument("cells", "expected at least one cell"))
    }
}

impl Layer for StackedRNNCells {
    declared_layer_common!();

    /// # Cost
    /// Unknown: a cell is run by a recurrent layer, whose cost counts its
    /// steps ([`RnnCell::step_cost`]).
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(None)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        cell_call(inputs)
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        self.cell_weights(known_last_dim(one_input(inputs)?)?)
    }

    fn resolve_inner_names(&mut self) {
        for cell in &mut self.cells {
            name_inner(cell.as_mut());
        }
    }
}

impl RnnCell for StackedRNNCells {
    /// One step: the sum of the cells' steps, each on the previous
    /// cell's output.
    fn step_cost(&self, input_dim: u64) -> Result<Option<Cost>, LayerError> {
        let mut dim = input_dim;
        let mut total = Cost::ZERO;
        for cell in &self.cells {
            let Some(c) = cell.step_cost(dim)? else {
                return Ok(None);
            };
            total = total.checked_add(c)?;
            dim = cell.output_size()?;
        }
        Ok(Some(total))
    }
    fn state_sizes(&self) -> Result<Vec<u64>, LayerError> {
        self.last()?;
        let mut out = Vec::new();
        for cell in &self.cells {
            out.extend(cell.state_sizes()?);
        }
        Ok(out)
    }

    fn output_size(&self) -> Result<u64, LayerError> {
        self.last()?.output_size()
    }

    fn cell_weights(&self, input_dim: u64) -> Result<Vec<WeightSpec>, LayerError> {
        self.last()?;
        let mut dim = input_dim;
        let mut out = Vec::new();
        for cell in &self.cells {
            let specs = cell.cell_weights(dim)?;
            out.extend(held_weights(
                specs,
                &inner_name(cell.as_ref()),
                cell.config(),
            ));
            dim = cell.output_size()?;
        }
        Ok(out)
    }
}
