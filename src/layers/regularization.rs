//! Regularization layers.

use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::Shape;

/// `keras.layers.Dropout(rate, noise_shape=None, seed=None)`.
///
/// # Shapes
/// Output equals input. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([10]).tensor()?;
/// assert_eq!(Dropout::new(0.5).call(&x)?.shape(), x.shape());
/// assert!(Dropout::new(1.5).call(&x).is_err());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Dropout {
    config: LayerConfig,
    rate: f64,
}

impl Dropout {
    /// A dropout layer dropping a fraction `rate` (0 to 1) of inputs.
    pub fn new(rate: f64) -> Self {
        Dropout {
            config: LayerConfig::default(),
            rate,
        }
    }
}

impl Layer for Dropout {
    layer_common!("Dropout");

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
        Ok(single(one_input(inputs)?.clone()))
    }
}
