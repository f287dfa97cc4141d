//! `Add`.

use super::shared::*;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, single};
use crate::shape::Shape;

keras_layer! {
    class "Add";
    /// `keras.layers.Add()`: element-wise sum of its inputs.
    ///
    /// # Shapes
    /// Inputs broadcast as in Keras (a 1 matches any size); output the
    /// broadcast shape. No weights.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let a = Input::new([56, 56, 256]).tensor()?;
    /// let b = Input::new([56, 56, 64]).tensor()?;
    /// let err = Add::new().name("add_3").call([&a, &b]).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "layer \"add_3\" (Add): inputs have incompatible shapes (None, 56, 56, 256) and (None, 56, 56, 64)"
    /// );
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct Add {
    }
    /// An `Add` layer.
    fn new;
}

impl Layer for Add {
    merge_layer_common!();

    /// # Cost
    /// 0 MACs; one FLOP per output element for each input after the first.
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        crate::compute::merge_cost(inputs.len(), outputs, 0)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        Ok(single(merge_shape(inputs)?))
    }
}
