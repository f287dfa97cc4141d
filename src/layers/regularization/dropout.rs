//! `Dropout`.

use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape, ShapeArg};

/// `keras.layers.Dropout(rate, noise_shape=None, seed=None)`.
///
/// # Shapes
/// Output equals input. No weights. `rate` must be in `[0, 1]`; the
/// dimensions of `noise_shape` must be positive or `None`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([10]).tensor()?;
/// assert_eq!(Dropout::new(0.5).call(&x)?.shape(), x.shape());
/// assert!(Dropout::new(1.5).call(&x).is_err());
/// assert!(Dropout::new(0.5).noise_shape([None, Some(0)]).call(&x).is_err());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Dropout {
    config: LayerConfig,
    rate: f64,
    noise_shape: Option<ShapeArg>,
    seed: Option<i64>,
}

impl Dropout {
    /// A dropout layer dropping a fraction `rate` (0 to 1) of inputs.
    pub fn new(rate: f64) -> Self {
        crate::layer::constructed(Dropout {
            config: LayerConfig::default(),
            rate,
            noise_shape: None,
            seed: None,
        })
    }

    /// Keras's `noise_shape=`: the shape of the binary dropout mask, batch
    /// dimension included (`None` entries take the input's). Defaults to
    /// the input shape.
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

impl Layer for Dropout {
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

    layer_common!("Dropout");

    fn built_at_init(&self) -> bool {
        true
    }

    /// # Cost
    /// The identity at inference: 0 MACs, 0 FLOPs.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        if !(0.0..=1.0).contains(&self.rate) {
            return Err(LayerError::argument(
                "rate",
                format!(
                    "the dropout rate must be a float in the range [0, 1], received rate={}",
                    self.rate
                ),
            ));
        }
        if let Some(ns) = &self.noise_shape {
            let bad = |v: String| {
                LayerError::argument(
                    "noise_shape",
                    format!(
                        "expected all dimensions to be positive integers or None, received {v}"
                    ),
                )
            };
            let dims = ns.resolve().map_err(|v| bad(v.to_string()))?;
            if dims.contains(&Dim::Known(0)) {
                return Err(bad("0".into()));
            }
        }
        Ok(single(one_input(inputs)?.clone()))
    }
}

/// Registers `Dropout` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::Registry) {
    type Built = crate::Result<Box<dyn crate::layer::Layer>>;
    r.register("Dropout", |c| -> Built {
        let mut l = Dropout::new(c.float("rate")?);
        if let Some(ns) = c.opt_dims("noise_shape")? {
            l = l.noise_shape(ns);
        }
        if let Some(s) = c.opt_int("seed")? {
            l = l.seed(s);
        }
        Ok(Box::new(l))
    });
}
