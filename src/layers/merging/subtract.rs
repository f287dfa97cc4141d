//! `Subtract`.

use super::shared::*;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, single};
use crate::shape::Shape;

keras_layer! {
    class "Subtract";
    /// `keras.layers.Subtract()`: the difference of exactly two inputs.
    ///
    /// # Shapes
    /// Two inputs that broadcast as in Keras (see [`merge_shape`]); output the
    /// broadcast shape. Any other number of inputs is an error. No weights.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let a = Input::new([16]).tensor()?;
    /// let b = Input::new([16]).tensor()?;
    /// assert_eq!(Subtract::new().call([&a, &b])?.shape().to_string(), "(None, 16)");
    /// assert!(Subtract::new().call([&a, &b, &a]).is_err());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct Subtract {
    }
    /// A `Subtract` layer.
    fn new;
}

impl Layer for Subtract {
    merge_layer_common!();

    /// # Cost
    /// 0 MACs; one FLOP per output element.
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        crate::compute::merge_cost(inputs.len(), outputs, 0)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let out = merge_shape(inputs)?;
        if inputs.len() != 2 {
            return Err(LayerError::input_count("exactly 2", inputs.len()));
        }
        Ok(single(out))
    }
}
