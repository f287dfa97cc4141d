//! `HashedCrossing`.

use super::{OutputMode, at_least, multi_hot_shape, with_depth};
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, single};
use crate::shape::{Dim, Shape};

keras_layer! {
    class "HashedCrossing";
    /// `keras.layers.HashedCrossing(num_bins, output_mode="int", sparse=False)`:
    /// hashes the cross of two categorical features.
    ///
    /// # Shapes
    /// Two inputs whose last axes match. `int`: the first input's shape;
    /// `one_hot`: a last axis of 1 is replaced by `num_bins`, any other gets
    /// `num_bins` appended. No weights.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let a = Input::new([1]).tensor()?;
    /// let b = Input::new([1]).tensor()?;
    /// let y = HashedCrossing::new(16).output_mode(OutputMode::OneHot).call([&a, &b])?;
    /// assert_eq!(y.shape().to_string(), "(None, 16)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct HashedCrossing {
        /// Keras's `num_bins`.
        num_bins: i64 = impl crate::args::Int => num_bins.to_i64(),
    }
    /// A hashed crossing into `num_bins` bins.
    fn new;
    /// Keras's `output_mode=` (`Int` or `OneHot`). Defaults to `Int`.
    output_mode: OutputMode = OutputMode::Int, |output_mode: OutputMode| output_mode;
    /// Keras's `sparse=`. Defaults to `false`.
    sparse: bool = false, |sparse: bool| sparse;
}

impl HashedCrossing {
    /// Whether the output is sparse.
    #[must_use]
    pub fn is_sparse(&self) -> bool {
        self.sparse
    }
}

impl Layer for HashedCrossing {
    declared_layer_common!();

    /// Called on a list of tensors.
    fn inputs_arg(&self) -> crate::layer::InputsArg {
        crate::layer::InputsArg::List
    }

    fn config_has_trainable(&self) -> bool {
        false
    }

    zero_cost!(
        "0 MACs, 0 FLOPs: integer/string crossing (`SparseCross`) is not"
        "floating-point work, and TensorFlow's profiler counts none of it"
        "(measured)."
    );

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        self.output_mode
            .check(&[OutputMode::Int, OutputMode::OneHot])?;
        let n = Dim::Known(at_least("num_bins", self.num_bins, 0)?);
        let [a, b] = inputs else {
            return Err(LayerError::InputCount {
                expected: "2".into(),
                received: inputs.len(),
            });
        };
        let (Some(la), Some(lb)) = (a.get(-1), b.get(-1)) else {
            return Err(LayerError::rank(">= 1", a));
        };
        if la != lb {
            return Err(LayerError::IncompatibleShapes(vec![a.clone(), b.clone()]));
        }
        let out = match self.output_mode {
            OutputMode::Int => a.clone(),
            _ if la != Dim::Known(1) => with_depth(a.dims(), n),
            _ => multi_hot_shape(a.dims(), n),
        };
        Ok(single(out))
    }
}
