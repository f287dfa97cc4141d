//! `Hashing`.

use super::{OutputMode, at_least, with_depth};
#[cfg(feature = "keras-json")]
use super::{salt_from, salt_value};
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape};

/// `keras.layers.Hashing(num_bins, mask_value=None, salt=None,
/// output_mode="int", sparse=False)`: hashes values into `num_bins` bins.
///
/// # Shapes
/// `int`: output equals input. `one_hot`, `multi_hot`, `count`: the last
/// axis is replaced by `num_bins`. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([3]).tensor()?;
/// assert_eq!(Hashing::new(64).call(&x)?.shape().to_string(), "(None, 3)");
/// let y = Hashing::new(64).output_mode(OutputMode::MultiHot).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 64)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Hashing {
    config: LayerConfig,
    num_bins: i64,
    mask_value: Option<i64>,
    salt: Option<[i64; 2]>,
    output_mode: OutputMode,
    sparse: bool,
}

impl Hashing {
    /// A hashing layer into `num_bins` bins.
    pub fn new(num_bins: impl crate::args::Int) -> Self {
        let num_bins = num_bins.to_i64();
        crate::layer::constructed(Hashing {
            config: LayerConfig::default(),
            num_bins,
            mask_value: None,
            salt: None,
            output_mode: OutputMode::Int,
            sparse: false,
        })
    }

    /// Keras's `mask_value=`: the value hashed to bin 0. Defaults to `None`.
    pub fn mask_value(mut self, mask_value: i64) -> Self {
        self.mask_value = Some(mask_value);
        self
    }

    /// Keras's `salt=` (one integer, used twice). Defaults to `None`.
    pub fn salt(mut self, salt: i64) -> Self {
        self.salt = Some([salt, salt]);
        self
    }

    /// Keras's `output_mode=` (`Int`, `OneHot`, `MultiHot` or `Count`).
    /// Defaults to `Int`.
    pub fn output_mode(mut self, output_mode: OutputMode) -> Self {
        self.output_mode = output_mode;
        self
    }

    /// Keras's `sparse=` (only with a non-`int` mode). Defaults to `false`.
    pub fn sparse(mut self, sparse: bool) -> Self {
        self.sparse = sparse;
        self
    }

    /// The `mask_value` and `salt` arguments.
    #[must_use]
    pub fn hashing_args(&self) -> (Option<i64>, Option<[i64; 2]>) {
        (self.mask_value, self.salt)
    }
}

impl Layer for Hashing {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([
            ("num_bins", json!(self.num_bins)),
            ("salt", salt_value(self.salt)),
            ("mask_value", json!(self.mask_value)),
            ("output_mode", json!(self.output_mode.to_string())),
            ("sparse", json!(self.sparse)),
            (
                "dtype",
                // Keras gives `output_mode="int"` an int64 dtype by default
                // and rejects a float one.
                match (self.output_mode, self.config.dtype) {
                    (
                        OutputMode::Int,
                        d @ (crate::weight::DType::Int32 | crate::weight::DType::Int64),
                    ) => w::dtype_policy(d),
                    (OutputMode::Int, _) => w::dtype_policy(crate::weight::DType::Int64),
                    (_, d) => w::dtype_policy(d),
                },
            ),
        ]))
    }

    layer_common!("Hashing");

    /// # Cost
    /// 0 MACs, 0 FLOPs: hashing (`StringToHashBucketFast`) is not
    /// floating-point work, and TensorFlow's profiler counts none of it
    /// (measured).
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let n = Dim::Known(at_least("num_bins", self.num_bins, 1)?);
        self.output_mode.check(&[
            OutputMode::Int,
            OutputMode::OneHot,
            OutputMode::MultiHot,
            OutputMode::Count,
        ])?;
        if self.sparse && self.output_mode == OutputMode::Int {
            return Err(LayerError::argument(
                "sparse",
                "`sparse` may only be true if `output_mode` is \"one_hot\", \"multi_hot\", or \"count\"",
            ));
        }
        let x = one_input(inputs)?;
        if self.output_mode == OutputMode::Int {
            return Ok(single(x.clone()));
        }
        let dims = x.dims();
        let init = dims.split_last().map_or(&[][..], |(_, init)| init);
        Ok(single(with_depth(init, n)))
    }
}

/// Registers `Hashing` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::Registry) {
    use super::output_mode_from;
    type Built = crate::Result<Box<dyn Layer>>;
    r.register("Hashing", |c| -> Built {
        let mut l = Hashing::new(c.int("num_bins")?)
            .output_mode(output_mode_from(c, OutputMode::Int)?)
            .sparse(c.bool_or("sparse", false)?);
        l.mask_value = c.opt_int("mask_value")?;
        l.salt = salt_from(c)?;
        Ok(Box::new(l))
    });
}
