//! Normalization layers.

use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, known_dim, one_input, single};
use crate::shape::Shape;
use crate::weight::WeightSpec;

/// `keras.layers.BatchNormalization(axis=-1, momentum=0.99, epsilon=1e-3,
/// center=True, scale=True)`.
///
/// # Shapes
/// Output equals input. Weights, each of shape `(input_shape[axis],)`:
/// `gamma` (if `scale`) and `beta` (if `center`) train; `moving_mean` and
/// `moving_variance` do not.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([64, 64, 32]).tensor()?;
/// let y = BatchNormalization::new().axis(3).name("bn0").call(&x)?;
/// let model = Functional::new(&x, &y).build()?;
/// let s = model.summary();
/// assert_eq!((s.total_params, s.non_trainable_params), (128, 64));
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct BatchNormalization {
    config: LayerConfig,
    axis: i64,
    center: bool,
    scale: bool,
}

impl BatchNormalization {
    /// A batch normalization layer over the last axis.
    pub fn new() -> Self {
        BatchNormalization {
            config: LayerConfig::default(),
            axis: -1,
            center: true,
            scale: true,
        }
    }

    /// Keras's `axis=`: the features axis. Defaults to -1.
    pub fn axis(mut self, axis: i64) -> Self {
        self.axis = axis;
        self
    }

    /// Keras's `center=`: whether to learn the offset `beta`. Defaults to `true`.
    pub fn center(mut self, center: bool) -> Self {
        self.center = center;
        self
    }

    /// Keras's `scale=`: whether to learn the factor `gamma`. Defaults to `true`.
    pub fn scale(mut self, scale: bool) -> Self {
        self.scale = scale;
        self
    }
}

impl Default for BatchNormalization {
    fn default() -> Self {
        Self::new()
    }
}

impl Layer for BatchNormalization {
    layer_common!("BatchNormalization");

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        known_dim(x, self.axis)?;
        Ok(single(x.clone()))
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let n = known_dim(one_input(inputs)?, self.axis)?;
        let mut w = Vec::with_capacity(4);
        if self.scale {
            w.push(WeightSpec::new("gamma", [n]));
        }
        if self.center {
            w.push(WeightSpec::new("beta", [n]));
        }
        w.push(WeightSpec::new("moving_mean", [n]).non_trainable());
        w.push(WeightSpec::new("moving_variance", [n]).non_trainable());
        Ok(w)
    }
}
