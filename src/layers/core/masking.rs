//! `Masking`.

use crate::compute::{self, Cost};
use crate::error::{LayerError, Result};
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::model::{Masks, Tensor};
use crate::shape::Shape;

/// `keras.layers.Masking(mask_value=0.0)`: masks timesteps whose features
/// all equal `mask_value`.
///
/// # Shapes
/// Output equals input. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([None, Some(6)]).tensor()?;
/// let y = Masking::new().mask_value(-1.0).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, None, 6)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Masking {
    config: LayerConfig,
    mask_value: f64,
}

impl Masking {
    /// A `Masking` layer with `mask_value` 0.
    pub fn new() -> Self {
        crate::layer::constructed(Masking {
            config: LayerConfig::default(),
            mask_value: 0.0,
        })
    }

    /// Keras's `mask_value=`. Defaults to `0.0`.
    pub fn mask_value(mut self, mask_value: f64) -> Self {
        self.mask_value = mask_value;
        self
    }
}

impl Default for Masking {
    fn default() -> Self {
        Self::new()
    }
}

impl Layer for Masking {
    /// Keras's `supports_masking`.
    fn supports_masking(&self) -> bool {
        true
    }

    /// Keras's `ops.any(ops.not_equal(inputs, mask_value), axis=-1)`: a
    /// `NotEqual` and an `Any` operation in the graph.
    fn compute_mask(&self, inputs: &[Tensor], _previous: &[Option<Tensor>]) -> Result<Masks> {
        match inputs {
            [x] => {
                let ne = crate::ops::not_equal(x, self.mask_value)?;
                Ok(smallvec::smallvec![Some(crate::ops::any(&ne, -1)?)])
            }
            _ => Ok(Masks::new()),
        }
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([("mask_value", json!(self.mask_value))]))
    }
    layer_common!("Masking");

    fn built_at_init(&self) -> bool {
        true
    }

    /// # Cost
    /// 0 MACs; one FLOP per element (the `NotEqual` comparison with
    /// `mask_value`, which TensorFlow's profiler counts).
    fn cost(&self, _inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        match outputs.first() {
            Some(o) => compute::per_element(o, 1),
            None => Ok(None),
        }
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        Ok(single(one_input(inputs)?.clone()))
    }
}

/// Registers `Masking` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::Registry) {
    type Built = crate::Result<Box<dyn crate::layer::Layer>>;
    r.register("Masking", |c| -> Built {
        Ok(Box::new(
            Masking::new().mask_value(c.float_or("mask_value", 0.0)?),
        ))
    });
}
