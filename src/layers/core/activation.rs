//! `Activation`.

use crate::args::check_activation;
use crate::compute::{self, Cost, output_elements};
use crate::error::{LayerError, Result};
use crate::layer::{Layer, OutputShapes, same_shape};
use crate::shape::Shape;

keras_layer! {
    class "Activation";
    /// `keras.layers.Activation(activation)`: applies an activation function.
    ///
    /// # Shapes
    /// Output equals input. No weights.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([4]).tensor()?;
    /// assert_eq!(Activation::new("relu").call(&x)?.shape(), x.shape());
    /// assert!(Activation::new("nope").call(&x).is_err());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct Activation {
        /// Keras's `activation`: the function's name.
        activation: std::borrow::Cow<'static, str> [ActivationName] = impl Into<std::borrow::Cow<'static, str>> => activation.into(),
    }
    /// An activation layer applying `activation` (e.g. `"relu"`).
    fn new;
}

impl Layer for Activation {
    declared_layer_common!(flags supports_masking, built_at_init);

    /// # Cost
    /// 0 MACs; the FLOPs TensorFlow's profiler counts for the activation
    /// ([`compute::activation_flops`]), unknown for the others.
    fn cost(&self, _inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        let Some(n) = output_elements(outputs)? else {
            return Ok(None);
        };
        Ok(compute::activation_flops(Some(&self.activation), n)?.map(Cost::elementwise))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        check_activation(&self.activation)?;
        same_shape(inputs)
    }
}
