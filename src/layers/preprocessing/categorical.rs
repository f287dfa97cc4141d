//! `CategoryEncoding`, `Hashing`, `Discretization`.

use super::{OutputMode, at_least, with_depth};
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape};

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
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([5]).tensor()?;
/// let y = CategoryEncoding::new(10).output_mode(OutputMode::Count).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 10)");
/// let z = CategoryEncoding::new(10).output_mode(OutputMode::OneHot).call(&x)?;
/// assert_eq!(z.shape().to_string(), "(None, 5, 10)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct CategoryEncoding {
    config: LayerConfig,
    num_tokens: i64,
    output_mode: OutputMode,
    sparse: bool,
}

impl CategoryEncoding {
    /// An encoding of indices in `[0, num_tokens)`.
    pub fn new(num_tokens: impl crate::args::Int) -> Self {
        let num_tokens = num_tokens.to_i64();
        crate::layer::constructed(CategoryEncoding {
            config: LayerConfig::default(),
            num_tokens,
            output_mode: OutputMode::MultiHot,
            sparse: false,
        })
    }

    /// Keras's `output_mode=` (`OneHot`, `MultiHot` or `Count`). Defaults
    /// to `MultiHot`.
    pub fn output_mode(mut self, output_mode: OutputMode) -> Self {
        self.output_mode = output_mode;
        self
    }

    /// Keras's `sparse=`: return a sparse tensor. Defaults to `false`.
    pub fn sparse(mut self, sparse: bool) -> Self {
        self.sparse = sparse;
        self
    }

    /// Whether the output is sparse.
    #[must_use]
    pub fn is_sparse(&self) -> bool {
        self.sparse
    }
}

impl Layer for CategoryEncoding {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([
            ("num_tokens", json!(self.num_tokens)),
            ("output_mode", json!(self.output_mode.to_string())),
            ("sparse", json!(self.sparse)),
        ]))
    }

    layer_common!("CategoryEncoding");

    /// # Cost
    /// 0 MACs, 0 FLOPs: integer counting (`OneHot`, `DenseBincount`) is
    /// not floating-point work, and TensorFlow's profiler counts none of
    /// it (measured). With `multi_hot`/`count` the profiler also counts 5
    /// FLOPs per call, whatever the batch, of scalar range checks on the
    /// input (not per-sample work, left out).
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        self.output_mode
            .check(&[OutputMode::Count, OutputMode::OneHot, OutputMode::MultiHot])?;
        let n = Dim::Known(at_least("num_tokens", self.num_tokens, 1)?);
        let x = one_input(inputs)?;
        let dims = x.dims();
        let Some((last, init)) = dims.split_last() else {
            return Ok(single(Shape::new([n])));
        };
        let out = if self.output_mode == OutputMode::OneHot
            && (*last != Dim::Known(1) || dims.len() == 1)
        {
            with_depth(dims, n)
        } else {
            with_depth(init, n)
        };
        Ok(single(out))
    }
}

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

/// `keras.layers.Discretization(bin_boundaries=None, num_bins=None,
/// epsilon=0.01, output_mode="int", sparse=False)`: buckets values by
/// boundaries, given or adapted.
///
/// # Shapes
/// The depth is `len(bin_boundaries) + 1`, or `num_bins`.
/// - `int`: output equals input.
/// - `one_hot`: a last axis of size 1 (rank > 1) is replaced by the depth,
///   otherwise the depth is appended.
/// - `multi_hot`, `count`: as Keras 3.15 computes it, axis 1 is dropped
///   and the depth appended (`(batch, d1, d2)` -> `(batch, d2, depth)`);
///   a rank-1 input gives `(depth,)`.
///
/// No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([4]).tensor()?;
/// let y = Discretization::new().bin_boundaries([0.0, 1.0, 2.0]).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 4)");
/// let z = Discretization::new().num_bins(5).output_mode(OutputMode::OneHot).call(&x)?;
/// assert_eq!(z.shape().to_string(), "(None, 4, 5)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Discretization {
    config: LayerConfig,
    bin_boundaries: Option<Vec<f64>>,
    num_bins: Option<i64>,
    epsilon: f64,
    output_mode: OutputMode,
    sparse: bool,
}

impl Discretization {
    /// A discretization layer; give it `bin_boundaries` or `num_bins`.
    pub fn new() -> Self {
        crate::layer::constructed(Discretization {
            config: LayerConfig::default(),
            bin_boundaries: None,
            num_bins: None,
            epsilon: 0.01,
            output_mode: OutputMode::Int,
            sparse: false,
        })
    }

    /// Keras's `bin_boundaries=`: sorted bucket boundaries. Defaults to `None`.
    pub fn bin_boundaries(mut self, bin_boundaries: impl Into<Vec<f64>>) -> Self {
        self.bin_boundaries = Some(bin_boundaries.into());
        self
    }

    /// Keras's `num_bins=`: the number of bins to adapt. Defaults to `None`.
    pub fn num_bins(mut self, num_bins: i64) -> Self {
        self.num_bins = Some(num_bins);
        self
    }

    /// Keras's `epsilon=`: the quantile error tolerance of `adapt()`.
    /// Defaults to `0.01`.
    pub fn epsilon(mut self, epsilon: f64) -> Self {
        self.epsilon = epsilon;
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

    /// The `epsilon` argument.
    #[must_use]
    pub fn epsilon_value(&self) -> f64 {
        self.epsilon
    }

    fn depth(&self) -> Result<u64, LayerError> {
        if self.sparse && self.output_mode == OutputMode::Int {
            return Err(LayerError::argument(
                "sparse",
                "`sparse=True` may only be used if `output_mode` is 'one_hot', 'multi_hot', or 'count'",
            ));
        }
        self.output_mode.check(&[
            OutputMode::Int,
            OutputMode::OneHot,
            OutputMode::MultiHot,
            OutputMode::Count,
        ])?;
        match (&self.bin_boundaries, self.num_bins) {
            (Some(_), Some(_)) => Err(LayerError::argument(
                "num_bins",
                "both `num_bins` and `bin_boundaries` should not be set",
            )),
            (None, None) => Err(LayerError::argument(
                "num_bins",
                "you need to set either `num_bins` or `bin_boundaries`",
            )),
            (None, Some(n)) => at_least("num_bins", n, 0),
            (Some(b), None) => u64::try_from(b.len())
                .ok()
                .and_then(|n| n.checked_add(1))
                .ok_or_else(|| LayerError::overflow("len(bin_boundaries) + 1")),
        }
    }
}

impl Default for Discretization {
    fn default() -> Self {
        Self::new()
    }
}

impl Layer for Discretization {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([
            ("bin_boundaries", json!(self.bin_boundaries)),
            ("num_bins", json!(self.num_bins)),
            ("epsilon", json!(self.epsilon)),
            ("output_mode", json!(self.output_mode.to_string())),
            ("sparse", json!(self.sparse)),
        ]))
    }

    layer_common!("Discretization");

    fn config_has_trainable(&self) -> bool {
        false
    }

    /// # Cost
    /// 0 MACs, 0 FLOPs: bucketing (`Bucketize`, `OneHot`) is compared,
    /// not computed, and TensorFlow's profiler counts none of it
    /// (measured).
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let depth = Dim::Known(self.depth()?);
        let x = one_input(inputs)?;
        let dims = x.dims();
        let out = match self.output_mode {
            OutputMode::Int => x.clone(),
            OutputMode::OneHot => match dims.split_last() {
                Some((last, init)) if *last == Dim::Known(1) && dims.len() > 1 => {
                    with_depth(init, depth)
                }
                _ => with_depth(dims, depth),
            },
            _ => match dims {
                [first, _, rest @ ..] => with_depth(std::iter::once(first).chain(rest), depth),
                _ => Shape::new([depth]),
            },
        };
        Ok(single(out))
    }
}

/// A `salt` of a config: one integer (used twice) or a list of two.
#[cfg(feature = "keras-json")]
pub(super) fn salt_from(c: &crate::config::cfg::Cfg<'_>) -> crate::Result<Option<[i64; 2]>> {
    match c.get("salt") {
        None => Ok(None),
        Some(v) => match c.int_list("salt")?.as_deref() {
            Some([one]) if !v.is_array() => Ok(Some([*one, *one])),
            Some([a, b]) => Ok(Some([*a, *b])),
            _ => Err(c.error("salt", "expected an integer or a list of two integers")),
        },
    }
}

/// A `salt` as Keras's config holds it: `null`, one integer (used twice),
/// or a pair.
#[cfg(feature = "keras-json")]
pub(super) fn salt_value(salt: Option<[i64; 2]>) -> serde_json::Value {
    match salt {
        None => serde_json::Value::Null,
        Some([a, b]) if a == b => serde_json::json!(a),
        Some(pair) => serde_json::json!(pair),
    }
}

/// Registers `CategoryEncoding`, `Hashing` and `Discretization` with the
/// config importer.
#[cfg(feature = "keras-json")]
pub(crate) fn register(r: &mut crate::config::registry::Registry) {
    use super::{float_list, output_mode_from};
    type Built = crate::Result<Box<dyn Layer>>;
    r.register("CategoryEncoding", |c| -> Built {
        Ok(Box::new(
            CategoryEncoding::new(c.int("num_tokens")?)
                .output_mode(output_mode_from(c, OutputMode::MultiHot)?)
                .sparse(c.bool_or("sparse", false)?),
        ))
    });
    r.register("Hashing", |c| -> Built {
        let mut l = Hashing::new(c.int("num_bins")?)
            .output_mode(output_mode_from(c, OutputMode::Int)?)
            .sparse(c.bool_or("sparse", false)?);
        l.mask_value = c.opt_int("mask_value")?;
        l.salt = salt_from(c)?;
        Ok(Box::new(l))
    });
    r.register("Discretization", |c| -> Built {
        let mut l = Discretization::new()
            .epsilon(c.float_or("epsilon", 0.01)?)
            .output_mode(output_mode_from(c, OutputMode::Int)?)
            .sparse(c.bool_or("sparse", false)?);
        // An adapted layer writes both `bin_boundaries` and `num_bins`;
        // Keras's `from_config` then keeps the boundaries, which give the
        // depth.
        match (float_list(c, "bin_boundaries")?, c.opt_int("num_bins")?) {
            (Some(b), _) => l = l.bin_boundaries(b),
            (None, Some(n)) => l = l.num_bins(n),
            (None, None) => {}
        }
        Ok(Box::new(l))
    });
}
