//! `RepeatVector`.

use super::shared::*;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, single};
use crate::shape::{Dim, Shape};

/// `keras.layers.RepeatVector(n)`: repeats a vector `n` times.
///
/// # Shapes
/// Input `(batch, features)`, output `(batch, n, features)`. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([32]).tensor()?;
/// assert_eq!(RepeatVector::new(3).call(&x)?.shape().to_string(), "(None, 3, 32)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct RepeatVector {
    config: LayerConfig,
    n: i64,
}

impl RepeatVector {
    /// A layer repeating its input `n` times (`n` > 0).
    pub fn new(n: impl crate::args::Int) -> Self {
        let n = n.to_i64();
        crate::layer::constructed(RepeatVector {
            config: LayerConfig::default(),
            n,
        })
    }
}

impl Layer for RepeatVector {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([("n", json!(self.n))]))
    }

    layer_common!("RepeatVector");

    /// # Cost
    /// A copy: 0 MACs, 0 FLOPs.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let n = u64::try_from(self.n)
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| {
                LayerError::argument(
                    "n",
                    format!("should be a positive integer, received n={}", self.n),
                )
            })?;
        let x = ranked(inputs, 2)?;
        let [batch, features] = x.dims() else {
            return Err(LayerError::rank("2", x));
        };
        Ok(single(Shape::new([*batch, Dim::Known(n), *features])))
    }
}

/// Registers `RepeatVector` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    type Built = crate::Result<Box<dyn crate::layer::Layer>>;
    r.register("RepeatVector", |c| -> Built {
        Ok(Box::new(RepeatVector::new(c.int("n")?)))
    });
}
