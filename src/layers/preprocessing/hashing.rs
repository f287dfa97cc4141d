//! `Hashing`.

use super::{OutputMode, at_least, multi_hot_shape};
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape};

keras_layer! {
    class "Hashing";
    /// `keras.layers.Hashing(num_bins, mask_value=None, salt=None,
    /// output_mode="int", sparse=False)`: hashes values into `num_bins` bins.
    ///
    /// # Shapes
    /// `int`: output equals input. `one_hot`, `multi_hot`, `count`: the last
    /// axis is replaced by `num_bins`. No weights.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([3]).tensor()?;
    /// assert_eq!(Hashing::new(64).call(&x)?.shape().to_string(), "(None, 3)");
    /// let y = Hashing::new(64).output_mode(OutputMode::MultiHot).call(&x)?;
    /// assert_eq!(y.shape().to_string(), "(None, 64)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct Hashing {
        /// Keras's `num_bins`.
        num_bins: i64 = impl crate::args::Int => num_bins.to_i64(),
    }
    /// A hashing layer into `num_bins` bins.
    fn new;
    /// Keras's `mask_value=`: the value hashed to bin 0. Defaults to `None`.
    mask_value: Option<i64> = None, |mask_value: i64| Some(mask_value);
    /// Keras's `salt=` (one integer, used twice). Defaults to `None`.
    salt: Option<[i64; 2]> [super::Salt] = None, |salt: i64| Some([salt, salt]);
    /// Keras's `output_mode=` (`Int`, `OneHot`, `MultiHot` or `Count`).
    /// Defaults to `Int`.
    output_mode: OutputMode = OutputMode::Int, |output_mode: OutputMode| output_mode;
    /// Keras's `sparse=` (only with a non-`int` mode). Defaults to `false`.
    sparse: bool = false, |sparse: bool| sparse;
}

impl Hashing {
    /// The `mask_value` and `salt` arguments.
    #[must_use]
    pub fn hashing_args(&self) -> (Option<i64>, Option<[i64; 2]>) {
        (self.mask_value, self.salt)
    }
}

impl Layer for Hashing {
    layer_common!(Self::KERAS_CLASS);

    /// Its declared arguments and its `dtype`: Keras gives
    /// `output_mode="int"` an int64 dtype by default and rejects a float
    /// one.
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use crate::weight::DType;
        let mut o = self.keras_args();
        let dtype = match (self.output_mode, self.config.dtype) {
            (OutputMode::Int, d @ (DType::Int32 | DType::Int64)) => d,
            (OutputMode::Int, _) => DType::Int64,
            (_, d) => d,
        };
        o.insert("dtype".into(), w::dtype_policy(dtype));
        Some(o)
    }

    zero_cost!(
        "0 MACs, 0 FLOPs: hashing (`StringToHashBucketFast`) is not"
        "floating-point work, and TensorFlow's profiler counts none of it"
        "(measured)."
    );

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let n = Dim::Known(at_least("num_bins", self.num_bins, 1)?);
        self.output_mode.check(&OutputMode::NOT_TF_IDF)?;
        argument_error_if!(
            self.sparse && self.output_mode == OutputMode::Int,
            "sparse",
            "`sparse` may only be true if `output_mode` is \"one_hot\", \"multi_hot\", or \"count\"",
        );
        let x = one_input(inputs)?;
        if self.output_mode == OutputMode::Int {
            return Ok(single(x.clone()));
        }
        Ok(single(multi_hot_shape(x.dims(), n)))
    }
}
