//! `Identity`.

use crate::compute::Cost;
use crate::error::{LayerError, Result};
use crate::layer::{Layer, LayerConfig, OutputShapes};
use crate::shape::Shape;

/// `keras.layers.Identity()`: returns its inputs unchanged.
///
/// # Shapes
/// Outputs equal inputs. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([10, 4]).tensor()?;
/// assert_eq!(Identity::new().call(&x)?.shape(), x.shape());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct Identity {
    config: LayerConfig,
}

impl Identity {
    /// An `Identity` layer.
    pub fn new() -> Self {
        crate::layer::constructed(Identity::default())
    }
}

impl Layer for Identity {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let _ = json!(null);
        Some(w::obj([]))
    }
    layer_common!("Identity");

    fn built_at_init(&self) -> bool {
        true
    }

    /// # Cost
    /// 0 MACs, 0 FLOPs.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        if inputs.is_empty() {
            return Err(LayerError::InputCount {
                expected: "at least 1".into(),
                received: 0,
            });
        }
        Ok(inputs.iter().cloned().collect())
    }
}

/// Registers `Identity` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    type Built = crate::Result<Box<dyn crate::layer::Layer>>;
    r.register("Identity", |_| -> Built { Ok(Box::new(Identity::new())) });
}
