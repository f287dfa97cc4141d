//! `GaussianDropout`.

use crate::layer::Layer;

keras_layer! {
    class "GaussianDropout";
    /// `keras.layers.GaussianDropout(rate, seed=None)`: multiplies by
    /// 1-centered Gaussian noise while training.
    ///
    /// # Shapes
    /// Output equals input. No weights. `rate` must be in `[0, 1]`.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([4]).tensor()?;
    /// assert_eq!(GaussianDropout::new(0.3).call(&x)?.shape(), x.shape());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct GaussianDropout {
        /// The drop probability, 0 to 1.
        rate: f64,
    }
    /// A Gaussian dropout layer with drop probability `rate` (0 to 1).
    fn new;
    /// Keras's `seed=` (no effect on shapes). Defaults to none.
    seed: Option<i64> = None, |seed: i64| Some(seed);
}

impl Layer for GaussianDropout {
    regularization_layer!(checks rate);
}
