//! `Flatten`.

use crate::args::DataFormat;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape};
use crate::weight::product;

/// `keras.layers.Flatten(data_format=None)`.
///
/// # Shapes
/// Input `(batch, ...)`, output `(batch, product of the rest)`, `None` if
/// any of the rest is unknown. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([32, 32, 32]).tensor()?;
/// assert_eq!(Flatten::new().call(&x)?.shape().to_string(), "(None, 32768)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct Flatten {
    config: LayerConfig,
    data_format: DataFormat,
}

impl Flatten {
    /// A flatten layer.
    pub fn new() -> Self {
        crate::layer::constructed(Flatten::default())
    }

    /// Keras's `data_format=` (changes element order only, not the shape).
    /// Defaults to `channels_last`.
    pub fn data_format(mut self, data_format: DataFormat) -> Self {
        self.data_format = data_format;
        self
    }
}

impl Layer for Flatten {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([(
            "data_format",
            json!(self.data_format.to_string()),
        )]))
    }

    layer_common!("Flatten");

    /// # Cost
    /// A reshape: 0 MACs, 0 FLOPs.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let Some((&batch, rest)) = x.dims().split_first() else {
            return Err(LayerError::rank(">= 1", x));
        };
        let flat = if rest.iter().any(|d| !d.is_known()) {
            Dim::Unknown
        } else {
            Dim::Known(product(rest.iter().filter_map(|d| d.known()))?)
        };
        Ok(single(Shape::new([batch, flat])))
    }
}

/// Registers `Flatten` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::Registry) {
    type Built = crate::Result<Box<dyn crate::layer::Layer>>;
    r.register("Flatten", |c| -> Built {
        Ok(Box::new(Flatten::new().data_format(c.data_format()?)))
    });
}
