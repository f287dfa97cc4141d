//! `UnitNormalization`.

use super::shared::*;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, one_input, single};
use crate::shape::Shape;

keras_layer! {
    class "UnitNormalization";
    /// `keras.layers.UnitNormalization(axis=-1)`: scales to unit L2 norm along
    /// `axis` (an int or a list of ints).
    ///
    /// # Shapes
    /// Output equals input; every axis must be in range. No weights.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([3, 5]).tensor()?;
    /// assert_eq!(UnitNormalization::new().axis([1, 2]).call(&x)?.shape(), x.shape());
    /// assert!(UnitNormalization::new().axis(3).call(&x).is_err());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct UnitNormalization {
    }
    /// A unit normalization over the last axis.
    fn new;
    /// Keras's `axis=`: an int or a list of ints. Defaults to -1.
    axis: AxisArg = AxisArg::from(-1), |axis: impl Into<AxisArg>| axis.into();
}

impl Layer for UnitNormalization {
    declared_layer_common!(flags supports_masking, built_at_init);

    /// # Cost
    /// 0 MACs; `3·N + 2·R` FLOPs for `N` elements in `R` normalized
    /// vectors (`x²`, the sum, `x·inv` per element; per vector the `eps`
    /// bound and `rsqrt` (2)), as TensorFlow's profiler counts Keras's
    /// graph.
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        let x = one_input(inputs)?;
        let size = crate::weight::known_product(self.axis.axes().iter().map(|&a| {
            // `Shape::get` counts a negative axis from the end.
            x.get(a).and_then(|d| d.known())
        }))?;
        normalization_cost(outputs, size, 3, 2)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        for a in self.axis.axes() {
            argument_error_if!(
                x.normalize_axis(*a).is_none(),
                "axis",
                format!("axis {} is out of bounds for input shape {x}", self.axis),
            );
        }
        Ok(single(x.clone()))
    }
}
