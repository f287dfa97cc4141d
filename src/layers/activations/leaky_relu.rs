//! `LeakyReLU`.

use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, same_shape};
use crate::shape::Shape;

keras_layer! {
    class "LeakyReLU";
    register manual;
    /// `keras.layers.LeakyReLU(negative_slope=0.3)`.
    ///
    /// # Shapes
    /// Output equals input. No weights. `negative_slope` must not be negative.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([4]).tensor()?;
    /// assert_eq!(LeakyReLU::new().negative_slope(0.1).call(&x)?.shape(), x.shape());
    /// assert!(LeakyReLU::new().negative_slope(-0.1).call(&x).is_err());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct LeakyReLU {
    }
    /// A leaky rectified linear unit.
    fn new;
    /// Keras's `negative_slope=` (>= 0). Defaults to 0.3.
    negative_slope: f64 = 0.3, |negative_slope: f64| negative_slope;
}

impl Layer for LeakyReLU {
    declared_layer_common!(flags supports_masking, built_at_init);

    zero_cost!("TensorFlow's profiler does not count `LeakyRelu`: 0 MACs, 0 FLOPs.");

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        argument_error_if!(
            self.negative_slope < 0.0,
            "negative_slope",
            format!(
                "cannot be None or a negative value, received negative_slope={}",
                self.negative_slope
            ),
        );
        same_shape(inputs)
    }
}

/// Registers `LeakyReLU` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    type Built = crate::Result<Box<dyn crate::layer::Layer>>;
    r.builtin("LeakyReLU", |c| -> Built {
        let mut l = LeakyReLU::from_keras_args(c)?;
        // Keras 3 still accepts the deprecated `alpha` (tf.keras 2's key).
        if c.value("negative_slope").is_none() {
            l.negative_slope = c.float_or("alpha", 0.3)?;
        }
        Ok(Box::new(l))
    });
}
