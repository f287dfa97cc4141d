//! `RMSNormalization`.

use super::shared::*;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, one_input, single};
use crate::shape::Shape;
use crate::weight::WeightSpec;

keras_layer! {
    class "RMSNormalization";
    /// `keras.layers.RMSNormalization(axis=-1, epsilon=1e-6)`.
    ///
    /// # Shapes
    /// Output equals input. Weight `scale`, of shape `input_shape[axis]` (or
    /// the tuple over a list `axis`, in Python-sorted order), which must be
    /// known.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([3, 4, 5]).tensor()?;
    /// let y = RMSNormalization::new().axis([-1, 1]).name("rms").call(&x)?;
    /// let model = Functional::new(&x, &y).build()?;
    /// assert_eq!(model.weights()[0].path, "rms/scale");
    /// assert_eq!(model.weights()[0].shape.as_slice(), &[5, 3]);
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct RMSNormalization {
    }
    /// An RMS normalization over the last axis.
    fn new;
    /// Keras's `axis=`: an int or a list of ints. Defaults to -1.
    axis: AxisArg = AxisArg::from(-1), |axis: impl Into<AxisArg>| axis.into();
    /// Keras's `epsilon=` (no effect on shapes). Defaults to 1e-6.
    epsilon: f64 = 1e-6, |epsilon: f64| epsilon;
}

impl RMSNormalization {
    fn weight_shape(&self, x: &Shape) -> Result<Vec<u64>, LayerError> {
        known_weight_shape(x, &axes_weight_dims(x, &self.axis)?, "scale")
    }
}

impl Layer for RMSNormalization {
    declared_layer_common!();

    /// # Cost
    /// 0 MACs; `4·N + 3·R` FLOPs for `N` elements in `R` normalized
    /// vectors (`x²`, the mean, `x·inv`, `·scale` per element; per vector
    /// `+ ε` and `rsqrt` (2)), as TensorFlow's profiler counts Keras's
    /// graph.
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        let scale = self.weight_shape(one_input(inputs)?)?;
        normalization_cost(outputs, Some(crate::weight::product(scale)?), 4, 3)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        self.weight_shape(x)?;
        Ok(single(x.clone()))
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        Ok(vec![WeightSpec::new(
            "scale",
            self.weight_shape(one_input(inputs)?)?,
        )])
    }
}
