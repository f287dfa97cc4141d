//! `GaussianNoise`.

use crate::layer::Layer;

keras_layer! {
    class "GaussianNoise";
    /// `keras.layers.GaussianNoise(stddev, seed=None)`: adds zero-centered
    /// Gaussian noise while training.
    ///
    /// # Shapes
    /// Output equals input. No weights. `stddev` must be in `[0, 1]`.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([4]).tensor()?;
    /// assert_eq!(GaussianNoise::new(0.1).call(&x)?.shape(), x.shape());
    /// assert!(GaussianNoise::new(1.5).call(&x).is_err());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct GaussianNoise {
        /// The standard deviation of the noise.
        stddev: f64,
    }
    /// A noise layer with standard deviation `stddev` (0 to 1).
    fn new;
    /// Keras's `seed=` (no effect on shapes). Defaults to none.
    seed: Option<i64> = None, |seed: i64| Some(seed);
}

impl Layer for GaussianNoise {
    regularization_layer!(checks stddev);
}
