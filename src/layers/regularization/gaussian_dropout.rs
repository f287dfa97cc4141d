//! `GaussianDropout`.

use super::shared::*;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::Shape;

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
#[must_use]
pub struct GaussianDropout {
    config: LayerConfig,
    rate: f64,
    seed: Option<i64>,
}

impl GaussianDropout {
    /// A Gaussian dropout layer with drop probability `rate` (0 to 1).
    pub fn new(rate: f64) -> Self {
        crate::layer::constructed(GaussianDropout {
            config: LayerConfig::default(),
            rate,
            seed: None,
        })
    }

    /// Keras's `seed=` (no effect on shapes). Defaults to none.
    pub fn seed(mut self, seed: i64) -> Self {
        self.seed = Some(seed);
        self
    }
}

impl Layer for GaussianDropout {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([
            ("rate", json!(self.rate)),
            ("seed", json!(self.seed)),
        ]))
    }

    layer_common!("GaussianDropout");

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

/// Registers `GaussianDropout` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::Registry) {
    type Built = crate::Result<Box<dyn crate::layer::Layer>>;
    r.register("GaussianDropout", |c| -> Built {
        let mut l = GaussianDropout::new(c.float("rate")?);
        if let Some(s) = c.opt_int("seed")? {
            l = l.seed(s);
        }
        Ok(Box::new(l))
    });
}
