//! `GaussianDropout`.

use super::shared::*;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, one_input, single};
use crate::shape::Shape;

keras_layer! {
    class "GaussianDropout";
    /// `keras.layers.GaussianDropout(rate, seed=None)`: multiplies by
    /// 1-centered Gaussian noise while training.
    ///
    /// # Shapes
    /// Output equals input. No weights. `rate` must be in `[0, 1]`.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// # fn main() -> kerasinfo::Result<()> {
    /// let x = Input::new([4]).tensor()?;
    /// assert_eq!(GaussianDropout::new(0.3).call(&x)?.shape(), x.shape());
    /// # Ok(()) }
    /// ```
    #[derive(Debug, Clone)]
    pub struct GaussianDropout {
        /// The drop probability, 0 to 1.
        rate: f64,
    }
    /// A Gaussian dropout layer with drop probability `rate` (0 to 1).
    fn new;
    /// Keras's `seed=` (no effect on shapes). Defaults to none.
    seed: Option<i64> = None, |seed: i64| Some(seed);
}

impl Layer for GaussianDropout {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        Some(self.keras_args())
    }

    layer_common!(Self::KERAS_CLASS);

    fn built_at_init(&self) -> bool {
        true
    }

    /// # Cost
    /// The identity at inference: 0 MACs, 0 FLOPs.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        check_unit_interval("rate", self.rate)?;
        Ok(single(one_input(inputs)?.clone()))
    }
}
