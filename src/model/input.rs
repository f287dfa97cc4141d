//! `Input` (class `InputLayer`): the entry point of a model's graph, so it
//! lives with the model (which creates inputs itself, e.g. when it builds a
//! Sequential on its first call). Its config reader is registered with the
//! core layers (`crate::layers::core`), which re-export it.

use super::{CallInputs, LayerHandle, Tensor};
use crate::compute::Cost;
use crate::error::{LayerError, Result};
use crate::layer::{Layer, LayerConfig, OutputShapes, single};
use crate::shape::{Dim, Shape, ShapeArg};

/// `keras.Input(shape, batch_size=None, name=None, dtype=None)`: the
/// model's entry point, an `InputLayer` of shape `(batch_size, *shape)`.
///
/// # Shapes
/// Output: `(batch_size, *shape)`, `batch_size` `None` unless given.
///
/// ```
/// use kerasinfo::prelude::*;
/// let x = Input::new([64, 64, 3]).tensor()?;
/// assert_eq!(x.shape().to_string(), "(None, 64, 64, 3)");
/// let y = Input::new([None, Some(8)]).batch_size(4).tensor()?;
/// assert_eq!(y.shape().to_string(), "(4, None, 8)");
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Input {
    config: LayerConfig,
    shape: ShapeArg,
    batch_size: Option<u64>,
}

/// The `batch_size` of an [`Input`] whose shape holds the batch dimension.
const FULL_SHAPE: u64 = u64::MAX;

/// Keras's class for [`Input`].
pub type InputLayer = Input;

impl Input {
    /// Keras's class of the layer an `Input` makes.
    pub(crate) const CLASS_NAME: &'static str = "InputLayer";

    /// An input of the given shape (without the batch dimension).
    pub fn new(shape: impl Into<ShapeArg>) -> Self {
        let mut config = LayerConfig::default();
        // Keras's `Input` takes `backend.floatx()`, not the global policy.
        config.set_dtype_policy(crate::weight::DTypePolicy::FLOAT32);
        crate::layer::constructed(Input {
            config,
            shape: shape.into(),
            batch_size: None,
        })
    }

    /// Keras's `batch_shape=`: the full shape, batch dimension included.
    pub fn with_batch_shape(batch_shape: impl Into<ShapeArg>) -> Self {
        Input::new(batch_shape).batch_size(FULL_SHAPE)
    }

    /// An input of the batch shape `shape` with `config` as it is (no
    /// place in the naming order): one standing for another input.
    pub(crate) fn with_config(config: LayerConfig, shape: Shape) -> Self {
        Input {
            config,
            shape: shape.into(),
            batch_size: Some(FULL_SHAPE),
        }
    }

    /// Keras's `batch_size=`. Defaults to `None` (unknown).
    pub fn batch_size(mut self, batch_size: u64) -> Self {
        self.batch_size = Some(batch_size);
        self
    }

    /// The full batch shape, checked.
    pub fn batch_shape(&self) -> Result<Shape, LayerError> {
        let dims = self.shape.resolve().map_err(|v| {
            LayerError::argument(
                "shape",
                format!("dimensions must be >= 0 or None, received {v}"),
            )
        })?;
        Ok(match self.batch_size {
            Some(FULL_SHAPE) => Shape::new(dims),
            Some(b) => Shape::new(std::iter::once(Dim::Known(b)).chain(dims)),
            None => Shape::new(std::iter::once(Dim::Unknown).chain(dims)),
        })
    }

    /// Creates the `InputLayer` and returns its tensor (what `keras.Input`
    /// returns).
    pub fn tensor(self) -> Result<Tensor> {
        LayerHandle::new(Box::new(self)).call(CallInputs::default())
    }
}

impl Layer for Input {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::values as w;
        use serde_json::json;
        let shape = self.batch_shape().ok()?;
        Some(w::obj([
            ("batch_shape", w::shape_value(&shape)),
            ("dtype", json!(self.config.dtype.name())),
            ("sparse", json!(false)),
            ("ragged", json!(false)),
        ]))
    }
    layer_common!(Input::CLASS_NAME);

    /// Keras's `InputLayer` config has no `trainable`.
    fn config_has_trainable(&self) -> bool {
        false
    }

    /// # Cost
    /// None: 0 MACs, 0 FLOPs.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        if !inputs.is_empty() {
            return Err(LayerError::input_count("0", inputs.len()));
        }
        Ok(single(self.batch_shape()?))
    }

    fn is_input(&self) -> bool {
        true
    }
}
