//! `Masking`.

use crate::compute::{self, Cost};
use crate::error::{LayerError, Result};
use crate::layer::{Layer, OutputShapes, same_shape};
use crate::model::{Masks, Tensor};
use crate::shape::Shape;

keras_layer! {
    class "Masking";
    /// `keras.layers.Masking(mask_value=0.0)`: masks timesteps whose features
    /// all equal `mask_value`.
    ///
    /// # Shapes
    /// Output equals input. No weights.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([None, Some(6)]).tensor()?;
    /// let y = Masking::new().mask_value(-1.0).call(&x)?;
    /// assert_eq!(y.shape().to_string(), "(None, None, 6)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct Masking {}
    /// A `Masking` layer with `mask_value` 0.
    fn new;
    /// Keras's `mask_value=`. Defaults to `0.0`.
    mask_value: f64 = 0.0, |mask_value: f64| mask_value;
}

impl Layer for Masking {
    layer_flags!(supports_masking, built_at_init);

    /// Keras's `ops.any(ops.not_equal(inputs, mask_value), axis=-1)`: a
    /// `NotEqual` and an `Any` operation in the graph.
    fn compute_mask(&self, inputs: &[Tensor], _previous: &[Option<Tensor>]) -> Result<Masks> {
        match inputs {
            [x] => {
                let ne = crate::ops::not_equal(x, self.mask_value)?;
                Ok(smallvec::smallvec![Some(crate::ops::any(&ne, -1)?)])
            }
            _ => Ok(Masks::new()),
        }
    }
    declared_layer_common!();

    /// # Cost
    /// 0 MACs; one FLOP per element (the `NotEqual` comparison with
    /// `mask_value`, which TensorFlow's profiler counts).
    fn cost(&self, _inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        compute::per_output_element(outputs, 1)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        same_shape(inputs)
    }
}
