//! `Add`.

use super::shared::*;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, single};
use crate::model::Tensor;
use crate::shape::Shape;

/// `keras.layers.Add()`: element-wise sum of its inputs.
///
/// # Shapes
/// Inputs broadcast as in Keras (a 1 matches any size); output the
/// broadcast shape. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let a = Input::new([56, 56, 256]).tensor()?;
/// let b = Input::new([56, 56, 64]).tensor()?;
/// let err = Add::new().name("add_3").call([&a, &b]).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "layer \"add_3\" (Add): inputs have incompatible shapes (None, 56, 56, 256) and (None, 56, 56, 64)"
/// );
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct Add {
    config: LayerConfig,
}

impl Add {
    /// An `Add` layer.
    pub fn new() -> Self {
        crate::layer::constructed(Add::default())
    }
}

impl Layer for Add {
    /// Called on a list of tensors.
    fn inputs_arg(&self) -> crate::layer::InputsArg {
        crate::layer::InputsArg::List
    }

    /// Keras's `supports_masking` (it computes a mask).
    fn supports_masking(&self) -> bool {
        true
    }

    /// Keras's `Merge.compute_mask`: when every input is masked, their
    /// `ops.logical_or`; none otherwise.
    fn compute_mask(
        &self,
        _inputs: &[Tensor],
        previous: &[Option<Tensor>],
    ) -> crate::Result<crate::Masks> {
        or_of_masks(previous)
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let _ = json!(null);
        Some(w::obj([]))
    }

    layer_common!("Add");

    /// # Cost
    /// 0 MACs; one FLOP per output element for each input after the first.
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        match outputs.first() {
            Some(o) => crate::compute::merge_cost(inputs.len(), o, 0),
            None => Ok(None),
        }
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        Ok(single(merge_shape(inputs)?))
    }
}

/// Registers `Add` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    type Built = crate::Result<Box<dyn crate::layer::Layer>>;
    r.register("Add", |_| -> Built { Ok(Box::new(Add::new())) });
}
