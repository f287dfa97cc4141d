//! `Softmax`.

use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::layers::normalization::AxisArg;
use crate::shape::Shape;

/// `keras.layers.Softmax(axis=-1)`.
///
/// # Shapes
/// Output equals input. No weights. Keras does not check `axis` (an int or
/// a list of ints) when building the model, so neither does kerasinfo.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([3, 4]).tensor()?;
/// assert_eq!(Softmax::new().axis([1, 2]).call(&x)?.shape(), x.shape());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Softmax {
    config: LayerConfig,
    axis: AxisArg,
}

impl Softmax {
    /// A softmax over the last axis.
    pub fn new() -> Self {
        crate::layer::constructed(Softmax {
            config: LayerConfig::default(),
            axis: AxisArg::from(-1),
        })
    }

    /// Keras's `axis=`: an int or a list of ints. Defaults to -1.
    pub fn axis(mut self, axis: impl Into<AxisArg>) -> Self {
        self.axis = axis.into();
        self
    }
}

impl Default for Softmax {
    fn default() -> Self {
        Self::new()
    }
}

impl Layer for Softmax {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }

    /// Keras's call takes `mask=`.
    fn takes_mask(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let axis = match self.axis.axes() {
            [one] => json!(one),
            many => json!(many),
        };
        Some(w::obj([("axis", axis)]))
    }

    layer_common!("Softmax");

    fn built_at_init(&self) -> bool {
        true
    }

    /// # Cost
    /// 0 MACs; 5 FLOPs per element (TensorFlow's profiler's `Softmax`:
    /// shift, exponentiate, normalize).
    fn cost(&self, _inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        match outputs.first() {
            Some(o) => crate::compute::per_element(o, 5),
            None => Ok(None),
        }
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        Ok(single(one_input(inputs)?.clone()))
    }
}

/// Registers `Softmax` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    type Built = crate::Result<Box<dyn crate::layer::Layer>>;
    r.register("Softmax", |c| -> Built {
        let axis = c.int_list("axis")?.unwrap_or_else(|| vec![-1]);
        Ok(Box::new(Softmax::new().axis(axis)))
    });
}
