//! `AlphaDropout`.

use super::shared::*;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::{Shape, ShapeArg};

/// `keras.layers.AlphaDropout(rate, noise_shape=None, seed=None)`: dropout
/// that keeps the self-normalizing property of SELU networks.
///
/// # Shapes
/// Output equals input. No weights. `rate` must be in `[0, 1]`; Keras does
/// not check `noise_shape` here.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([4]).tensor()?;
/// assert_eq!(AlphaDropout::new(0.1).call(&x)?.shape(), x.shape());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct AlphaDropout {
    config: LayerConfig,
    rate: f64,
    noise_shape: Option<ShapeArg>,
    seed: Option<i64>,
}

impl AlphaDropout {
    /// An alpha dropout layer with drop probability `rate` (0 to 1).
    pub fn new(rate: f64) -> Self {
        crate::layer::constructed(AlphaDropout {
            config: LayerConfig::default(),
            rate,
            noise_shape: None,
            seed: None,
        })
    }

    /// Keras's `noise_shape=` (used only while training, not checked).
    /// Defaults to the input shape.
    pub fn noise_shape(mut self, noise_shape: impl Into<ShapeArg>) -> Self {
        self.noise_shape = Some(noise_shape.into());
        self
    }

    /// Keras's `seed=` (no effect on shapes). Defaults to none.
    pub fn seed(mut self, seed: i64) -> Self {
        self.seed = Some(seed);
        self
    }
}

impl Layer for AlphaDropout {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let noise = match &self.noise_shape {
            // As given: Keras keeps negative values too.
            Some(s) => s.config_value(),
            None => serde_json::Value::Null,
        };
        Some(w::obj([
            ("rate", json!(self.rate)),
            ("seed", json!(self.seed)),
            ("noise_shape", noise),
        ]))
    }

    layer_common!("AlphaDropout");

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

/// Registers `AlphaDropout` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::Registry) {
    type Built = crate::Result<Box<dyn crate::layer::Layer>>;
    r.register("AlphaDropout", |c| -> Built {
        let mut l = AlphaDropout::new(c.float("rate")?);
        if let Some(ns) = c.opt_dims("noise_shape")? {
            l = l.noise_shape(ns);
        }
        if let Some(s) = c.opt_int("seed")? {
            l = l.seed(s);
        }
        Ok(Box::new(l))
    });
}
