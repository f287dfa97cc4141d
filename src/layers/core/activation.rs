//! `Activation`.

use crate::args::check_activation;
use crate::compute::{self, Cost, output_elements};
use crate::error::{LayerError, Result};
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::Shape;

/// `keras.layers.Activation(activation)`: applies an activation function.
///
/// # Shapes
/// Output equals input. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([4]).tensor()?;
/// assert_eq!(Activation::new("relu").call(&x)?.shape(), x.shape());
/// assert!(Activation::new("nope").call(&x).is_err());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Activation {
    config: LayerConfig,
    activation: String,
}

impl Activation {
    /// An activation layer applying `activation` (e.g. `"relu"`).
    pub fn new(activation: impl Into<String>) -> Self {
        crate::layer::constructed(Activation {
            config: LayerConfig::default(),
            activation: activation.into(),
        })
    }
}

impl Layer for Activation {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([("activation", json!(self.activation))]))
    }
    layer_common!("Activation");

    fn built_at_init(&self) -> bool {
        true
    }

    /// # Cost
    /// 0 MACs; the FLOPs TensorFlow's profiler counts for the activation
    /// ([`compute::activation_flops`]), unknown for the others.
    fn cost(&self, _inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        let Some(n) = output_elements(outputs)? else {
            return Ok(None);
        };
        Ok(compute::activation_flops(Some(&self.activation), n)?.map(Cost::elementwise))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        check_activation(&self.activation)?;
        Ok(single(one_input(inputs)?.clone()))
    }
}

/// Registers `Activation` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    type Built = crate::Result<Box<dyn crate::layer::Layer>>;
    r.register("Activation", |c| -> Built {
        let a = c
            .activation("activation")?
            .unwrap_or_else(|| "linear".into());
        Ok(Box::new(Activation::new(a)))
    });
}
