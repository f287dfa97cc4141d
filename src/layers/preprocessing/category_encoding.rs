//! `CategoryEncoding`.

use super::{OutputMode, at_least, multi_hot_shape, one_hot_shape};
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape};

keras_layer! {
    class "CategoryEncoding";
    /// `keras.layers.CategoryEncoding(num_tokens=None, output_mode="multi_hot",
    /// sparse=False)`: encodes integer indices as one-hot, multi-hot or count
    /// vectors of size `num_tokens`.
    ///
    /// # Shapes
    /// - `one_hot`: a last axis of size 1 is replaced by `num_tokens`; any
    ///   other last axis (or a rank-1 input) gets `num_tokens` appended.
    /// - `multi_hot`, `count`: the last axis is replaced by `num_tokens`.
    ///
    /// No weights. `output_mode` must be `one_hot`, `multi_hot` or `count`.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([5]).tensor()?;
    /// let y = CategoryEncoding::new(10).output_mode(OutputMode::Count).call(&x)?;
    /// assert_eq!(y.shape().to_string(), "(None, 10)");
    /// let z = CategoryEncoding::new(10).output_mode(OutputMode::OneHot).call(&x)?;
    /// assert_eq!(z.shape().to_string(), "(None, 5, 10)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct CategoryEncoding {
        /// Keras's `num_tokens`.
        num_tokens: i64 = impl crate::args::Int => num_tokens.to_i64(),
    }
    /// An encoding of indices in `[0, num_tokens)`.
    fn new;
    /// Keras's `output_mode=` (`OneHot`, `MultiHot` or `Count`). Defaults
    /// to `MultiHot`.
    output_mode: OutputMode = OutputMode::MultiHot, |output_mode: OutputMode| output_mode;
    /// Keras's `sparse=`: return a sparse tensor. Defaults to `false`.
    sparse: bool = false, |sparse: bool| sparse;
}

impl CategoryEncoding {
    /// Whether the output is sparse.
    #[must_use]
    pub fn is_sparse(&self) -> bool {
        self.sparse
    }
}

impl Layer for CategoryEncoding {
    declared_layer_common!();

    zero_cost!(
        "0 MACs, 0 FLOPs: integer counting (`OneHot`, `DenseBincount`) is"
        "not floating-point work, and TensorFlow's profiler counts none of"
        "it (measured). With `multi_hot`/`count` the profiler also counts 5"
        "FLOPs per call, whatever the batch, of scalar range checks on the"
        "input (not per-sample work, left out)."
    );

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        self.output_mode
            .check(&[OutputMode::Count, OutputMode::OneHot, OutputMode::MultiHot])?;
        let n = Dim::Known(at_least("num_tokens", self.num_tokens, 1)?);
        let dims = one_input(inputs)?.dims();
        Ok(single(if self.output_mode == OutputMode::OneHot {
            one_hot_shape(dims, n)
        } else {
            multi_hot_shape(dims, n)
        }))
    }
}
