//! `RMSNormalization`.

use super::shared::*;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::Shape;
use crate::weight::WeightSpec;

/// `keras.layers.RMSNormalization(axis=-1, epsilon=1e-6)`.
///
/// # Shapes
/// Output equals input. Weight `scale`, of shape `input_shape[axis]` (or
/// the tuple over a list `axis`, in Python-sorted order), which must be
/// known.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([3, 4, 5]).tensor()?;
/// let y = RMSNormalization::new().axis([-1, 1]).name("rms").call(&x)?;
/// let model = Functional::new(&x, &y).build()?;
/// assert_eq!(model.weights()[0].path, "rms/scale");
/// assert_eq!(model.weights()[0].shape.as_slice(), &[5, 3]);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct RMSNormalization {
    config: LayerConfig,
    axis: AxisArg,
    epsilon: f64,
}

impl RMSNormalization {
    /// An RMS normalization over the last axis.
    pub fn new() -> Self {
        crate::layer::constructed(RMSNormalization {
            config: LayerConfig::default(),
            axis: AxisArg::from(-1),
            epsilon: 1e-6,
        })
    }

    /// Keras's `axis=`: an int or a list of ints. Defaults to -1.
    pub fn axis(mut self, axis: impl Into<AxisArg>) -> Self {
        self.axis = axis.into();
        self
    }

    /// Keras's `epsilon=` (no effect on shapes). Defaults to 1e-6.
    pub fn epsilon(mut self, epsilon: f64) -> Self {
        self.epsilon = epsilon;
        self
    }

    fn weight_shape(&self, x: &Shape) -> Result<Vec<u64>, LayerError> {
        known_weight_shape(x, &axes_weight_dims(x, &self.axis)?, "scale")
    }
}

impl Default for RMSNormalization {
    fn default() -> Self {
        Self::new()
    }
}

impl Layer for RMSNormalization {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([
            ("axis", json!(self.axis.axes())),
            ("epsilon", json!(self.epsilon)),
        ]))
    }

    layer_common!("RMSNormalization");

    /// # Cost
    /// 0 MACs; `4·N + 3·R` FLOPs for `N` elements in `R` normalized
    /// vectors (`x²`, the mean, `x·inv`, `·scale` per element; per vector
    /// `+ ε` and `rsqrt` (2)), as TensorFlow's profiler counts Keras's
    /// graph.
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        let weights = self.weights(inputs)?;
        let Some(scale) = weights.first() else {
            return Ok(None);
        };
        let size = crate::weight::product(scale.shape.iter().copied())?;
        let Some(n) = crate::compute::output_elements(outputs)? else {
            return Ok(None);
        };
        let r = n.checked_div(size).unwrap_or(0);
        let flops = crate::weight::checked_add(
            crate::weight::checked_mul(n, 4)?,
            crate::weight::checked_mul(r, 3)?,
        )?;
        Ok(Some(Cost::elementwise(flops)))
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

/// Registers `RMSNormalization` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    type Built = crate::Result<Box<dyn crate::layer::Layer>>;
    use super::shared::axis_from_config;
    r.register("RMSNormalization", |c| -> Built {
        Ok(Box::new(
            RMSNormalization::new()
                .axis(axis_from_config(c, "axis", -1)?)
                .epsilon(c.float_or("epsilon", 1e-6)?),
        ))
    });
}
