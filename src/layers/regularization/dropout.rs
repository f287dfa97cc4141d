//! `Dropout`.

use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, same_shape};
use crate::shape::{Dim, Shape, ShapeArg};

keras_layer! {
    class "Dropout";
    /// `keras.layers.Dropout(rate, noise_shape=None, seed=None)`.
    ///
    /// # Shapes
    /// Output equals input. No weights. `rate` must be in `[0, 1]`; the
    /// dimensions of `noise_shape` must be positive or `None`.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([10]).tensor()?;
    /// assert_eq!(Dropout::new(0.5).call(&x)?.shape(), x.shape());
    /// assert!(Dropout::new(1.5).call(&x).is_err());
    /// assert!(Dropout::new(0.5).noise_shape([None, Some(0)]).call(&x).is_err());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct Dropout {
        /// The fraction of inputs dropped, 0 to 1.
        rate: f64,
    }
    /// A dropout layer dropping a fraction `rate` (0 to 1) of inputs.
    fn new;
    /// Keras's `noise_shape=`: the shape of the binary dropout mask, batch
    /// dimension included (`None` entries take the input's). Defaults to
    /// the input shape.
    noise_shape: Option<ShapeArg> = None, |noise_shape: impl Into<ShapeArg>| Some(noise_shape.into());
    /// Keras's `seed=` (no effect on shapes). Defaults to none.
    seed: Option<i64> = None, |seed: i64| Some(seed);
}

impl Layer for Dropout {
    regularization_layer!();

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        argument_error_if!(
            !(0.0..=1.0).contains(&self.rate),
            "rate",
            format!(
                "the dropout rate must be a float in the range [0, 1], received rate={}",
                self.rate
            ),
        );
        if let Some(ns) = &self.noise_shape {
            let bad = |v: String| {
                LayerError::argument(
                    "noise_shape",
                    format!(
                        "expected all dimensions to be positive integers or None, received {v}"
                    ),
                )
            };
            let dims = ns.resolve().map_err(|v| bad(v.to_string()))?;
            if dims.contains(&Dim::Known(0)) {
                return Err(bad("0".into()));
            }
        }
        same_shape(inputs)
    }
}
