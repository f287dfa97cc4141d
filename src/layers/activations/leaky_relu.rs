//! `LeakyReLU`.

use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::Shape;

/// `keras.layers.LeakyReLU(negative_slope=0.3)`.
///
/// # Shapes
/// Output equals input. No weights. `negative_slope` must not be negative.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([4]).tensor()?;
/// assert_eq!(LeakyReLU::new().negative_slope(0.1).call(&x)?.shape(), x.shape());
/// assert!(LeakyReLU::new().negative_slope(-0.1).call(&x).is_err());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct LeakyReLU {
    config: LayerConfig,
    negative_slope: f64,
}

impl LeakyReLU {
    /// A leaky rectified linear unit.
    pub fn new() -> Self {
        crate::layer::constructed(LeakyReLU {
            config: LayerConfig::default(),
            negative_slope: 0.3,
        })
    }

    /// Keras's `negative_slope=` (>= 0). Defaults to 0.3.
    pub fn negative_slope(mut self, negative_slope: f64) -> Self {
        self.negative_slope = negative_slope;
        self
    }
}

impl Default for LeakyReLU {
    fn default() -> Self {
        Self::new()
    }
}

impl Layer for LeakyReLU {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([("negative_slope", json!(self.negative_slope))]))
    }

    layer_common!("LeakyReLU");

    fn built_at_init(&self) -> bool {
        true
    }

    /// # Cost
    /// TensorFlow's profiler does not count `LeakyRelu`: 0 MACs, 0 FLOPs.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        if self.negative_slope < 0.0 {
            return Err(LayerError::argument(
                "negative_slope",
                format!(
                    "cannot be None or a negative value, received negative_slope={}",
                    self.negative_slope
                ),
            ));
        }
        Ok(single(one_input(inputs)?.clone()))
    }
}

/// Registers `LeakyReLU` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    type Built = crate::Result<Box<dyn crate::layer::Layer>>;
    r.register("LeakyReLU", |c| -> Built {
        // Keras 3 still accepts the deprecated `alpha` (tf.keras 2's key).
        let slope = match c.opt_float("negative_slope")? {
            Some(s) => s,
            None => c.float_or("alpha", 0.3)?,
        };
        Ok(Box::new(LeakyReLU::new().negative_slope(slope)))
    });
}
