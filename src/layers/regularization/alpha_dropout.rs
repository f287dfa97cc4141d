//! `AlphaDropout`.

use crate::layer::Layer;
use crate::shape::ShapeArg;

keras_layer! {
    class "AlphaDropout";
    /// `keras.layers.AlphaDropout(rate, noise_shape=None, seed=None)`: dropout
    /// that keeps the self-normalizing property of SELU networks.
    ///
    /// # Shapes
    /// Output equals input. No weights. `rate` must be in `[0, 1]`; Keras does
    /// not check `noise_shape` here.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([4]).tensor()?;
    /// assert_eq!(AlphaDropout::new(0.1).call(&x)?.shape(), x.shape());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct AlphaDropout {
        /// The drop probability, 0 to 1.
        rate: f64,
    }
    /// An alpha dropout layer with drop probability `rate` (0 to 1).
    fn new;
    /// Keras's `noise_shape=` (used only while training, not checked).
    /// Defaults to the input shape.
    noise_shape: Option<ShapeArg> = None, |noise_shape: impl Into<ShapeArg>| Some(noise_shape.into());
    /// Keras's `seed=` (no effect on shapes). Defaults to none.
    seed: Option<i64> = None, |seed: i64| Some(seed);
}

impl Layer for AlphaDropout {
    regularization_layer!(checks rate);
}
