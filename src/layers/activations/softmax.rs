//! `Softmax`.

use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, same_shape};
use crate::layers::normalization::AxisArg;
use crate::shape::Shape;

keras_layer! {
    class "Softmax";
    /// `keras.layers.Softmax(axis=-1)`.
    ///
    /// # Shapes
    /// Output equals input. No weights. Keras does not check `axis` (an int or
    /// a list of ints) when building the model, so neither does kerasinfo.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([3, 4]).tensor()?;
    /// assert_eq!(Softmax::new().axis([1, 2]).call(&x)?.shape(), x.shape());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct Softmax {
    }
    /// A softmax over the last axis.
    fn new;
    /// Keras's `axis=`: an int or a list of ints. Defaults to -1.
    axis: AxisArg [IntIfOne] = AxisArg::from(-1), |axis: impl Into<AxisArg>| axis.into();
}

impl Layer for Softmax {
    declared_layer_common!(flags supports_masking, built_at_init, takes_mask);

    /// # Cost
    /// 0 MACs; 5 FLOPs per element (TensorFlow's profiler's `Softmax`:
    /// shift, exponentiate, normalize).
    fn cost(&self, _inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        crate::compute::per_output_element(outputs, 5)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        same_shape(inputs)
    }
}
