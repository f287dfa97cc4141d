//! `RepeatVector`.

use super::shared::*;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, single};
use crate::shape::{Dim, Shape};

keras_layer! {
    class "RepeatVector";
    /// `keras.layers.RepeatVector(n)`: repeats a vector `n` times.
    ///
    /// # Shapes
    /// Input `(batch, features)`, output `(batch, n, features)`. No weights.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([32]).tensor()?;
    /// assert_eq!(RepeatVector::new(3).call(&x)?.shape().to_string(), "(None, 3, 32)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct RepeatVector {
        /// Keras's `n`: the repetitions.
        n: i64 = impl crate::args::Int => n.to_i64(),
    }
    /// A layer repeating its input `n` times (`n` > 0).
    fn new;
}

impl Layer for RepeatVector {
    declared_layer_common!();

    zero_cost!("A copy: 0 MACs, 0 FLOPs.");

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let n = u64::try_from(self.n)
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| {
                LayerError::argument(
                    "n",
                    format!("should be a positive integer, received n={}", self.n),
                )
            })?;
        let x = ranked(inputs, 2)?;
        let [batch, features] = x.dims() else {
            return Err(LayerError::rank("2", x));
        };
        Ok(single(Shape::new([*batch, Dim::Known(n), *features])))
    }
}
