//! `ELU`.

use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, same_shape};
use crate::shape::Shape;

keras_layer! {
    class "ELU";
    /// `keras.layers.ELU(alpha=1.0)`.
    ///
    /// # Shapes
    /// Output equals input. No weights.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([4]).tensor()?;
    /// assert_eq!(ELU::new().alpha(0.5).call(&x)?.shape(), x.shape());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct ELU {}
    /// An exponential linear unit.
    fn new;
    /// Keras's `alpha=`: the negative saturation value (not checked, as in
    /// Keras). Defaults to 1.0.
    alpha: f64 = 1.0, |alpha: f64| alpha;
}

impl Layer for ELU {
    declared_layer_common!(flags supports_masking, built_at_init);

    /// # Cost
    /// 0 MACs. With `alpha=1`, 0 FLOPs (TensorFlow's profiler does not
    /// count `Elu`); with another `alpha`, 2 per element (a comparison
    /// and the `alpha` multiply).
    fn cost(&self, _inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        if self.alpha.to_bits() == 1f64.to_bits() {
            return Ok(Some(Cost::ZERO));
        }
        crate::compute::per_output_element(outputs, 2)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        same_shape(inputs)
    }
}
