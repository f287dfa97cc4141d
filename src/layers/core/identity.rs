//! `Identity`.

use crate::error::{LayerError, Result};
use crate::layer::{Layer, OutputShapes};
use crate::shape::Shape;

keras_layer! {
    class "Identity";
    /// `keras.layers.Identity()`: returns its inputs unchanged.
    ///
    /// # Shapes
    /// Outputs equal inputs. No weights.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([10, 4]).tensor()?;
    /// assert_eq!(Identity::new().call(&x)?.shape(), x.shape());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct Identity {
    }
    /// An `Identity` layer.
    fn new;
}

impl Layer for Identity {
    declared_layer_common!(flags supports_masking, built_at_init);

    zero_cost!("0 MACs, 0 FLOPs.");

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        if inputs.is_empty() {
            return Err(LayerError::input_count("at least 1", 0));
        }
        Ok(inputs.iter().cloned().collect())
    }
}
