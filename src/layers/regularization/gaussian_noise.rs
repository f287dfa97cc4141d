//! `GaussianNoise`.

use super::shared::*;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::Shape;

/// `keras.layers.GaussianNoise(stddev, seed=None)`: adds zero-centered
/// Gaussian noise while training.
///
/// # Shapes
/// Output equals input. No weights. `stddev` must be in `[0, 1]`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([4]).tensor()?;
/// assert_eq!(GaussianNoise::new(0.1).call(&x)?.shape(), x.shape());
/// assert!(GaussianNoise::new(1.5).call(&x).is_err());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct GaussianNoise {
    config: LayerConfig,
    stddev: f64,
    seed: Option<i64>,
}

impl GaussianNoise {
    /// A noise layer with standard deviation `stddev` (0 to 1).
    pub fn new(stddev: f64) -> Self {
        crate::layer::constructed(GaussianNoise {
            config: LayerConfig::default(),
            stddev,
            seed: None,
        })
    }

    /// Keras's `seed=` (no effect on shapes). Defaults to none.
    pub fn seed(mut self, seed: i64) -> Self {
        self.seed = Some(seed);
        self
    }
}

impl Layer for GaussianNoise {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([
            ("stddev", json!(self.stddev)),
            ("seed", json!(self.seed)),
        ]))
    }

    layer_common!("GaussianNoise");

    fn built_at_init(&self) -> bool {
        true
    }

    /// # Cost
    /// The identity at inference: 0 MACs, 0 FLOPs.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        check_unit_interval("stddev", self.stddev)?;
        Ok(single(one_input(inputs)?.clone()))
    }
}

/// Registers `GaussianNoise` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::Registry) {
    type Built = crate::Result<Box<dyn crate::layer::Layer>>;
    r.register("GaussianNoise", |c| -> Built {
        let mut l = GaussianNoise::new(c.float("stddev")?);
        if let Some(s) = c.opt_int("seed")? {
            l = l.seed(s);
        }
        Ok(Box::new(l))
    });
}
