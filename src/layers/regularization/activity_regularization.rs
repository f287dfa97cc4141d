//! `ActivityRegularization`.

use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, same_shape};
use crate::shape::Shape;

keras_layer! {
    class "ActivityRegularization";
    /// `keras.layers.ActivityRegularization(l1=0.0, l2=0.0)`: an identity
    /// layer that adds an activity penalty.
    ///
    /// # Shapes
    /// Output equals input. No weights. `l1` and `l2` must be finite and
    /// non-negative.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([4]).tensor()?;
    /// assert_eq!(ActivityRegularization::new().l2(0.01).call(&x)?.shape(), x.shape());
    /// assert!(ActivityRegularization::new().l1(-1.0).call(&x).is_err());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct ActivityRegularization {}
    /// An activity regularization layer with no penalty.
    fn new;
    /// Keras's `l1=`: the L1 factor. Defaults to 0.0.
    l1: f64 = 0.0, |l1: f64| l1;
    /// Keras's `l2=`: the L2 factor. Defaults to 0.0.
    l2: f64 = 0.0, |l2: f64| l2;
}

impl Layer for ActivityRegularization {
    regularization_layer!();

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        for (name, v) in [("l1", self.l1), ("l2", self.l2)] {
            argument_error_if!(
                !v.is_finite() || v < 0.0,
                name,
                format!("expected a non-negative float, received {name}={v}"),
            );
        }
        same_shape(inputs)
    }
}
