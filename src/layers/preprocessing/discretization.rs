//! `Discretization`.

use super::{OutputMode, at_least, one_hot_shape, with_depth};
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape};

keras_layer! {
    class "Discretization";
    register manual;
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
    /// let x = Input::new([4]).tensor()?;
    /// let y = Discretization::new().bin_boundaries([0.0, 1.0, 2.0]).call(&x)?;
    /// assert_eq!(y.shape().to_string(), "(None, 4)");
    /// let z = Discretization::new().num_bins(5).output_mode(OutputMode::OneHot).call(&x)?;
    /// assert_eq!(z.shape().to_string(), "(None, 4, 5)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct Discretization {
    }
    /// A discretization layer; give it `bin_boundaries` or `num_bins`.
    fn new;
    /// Keras's `bin_boundaries=`: sorted bucket boundaries. Defaults to `None`.
    bin_boundaries: Option<Vec<f64>> = None, |bin_boundaries: impl Into<Vec<f64>>| Some(bin_boundaries.into());
    /// Keras's `num_bins=`: the number of bins to adapt. Defaults to `None`.
    num_bins: Option<i64> = None, |num_bins: i64| Some(num_bins);
    /// Keras's `epsilon=`: the quantile error tolerance of `adapt()`.
    /// Defaults to `0.01`.
    epsilon: f64 = 0.01, |epsilon: f64| epsilon;
    /// Keras's `output_mode=` (`Int`, `OneHot`, `MultiHot` or `Count`).
    /// Defaults to `Int`.
    output_mode: OutputMode = OutputMode::Int, |output_mode: OutputMode| output_mode;
    /// Keras's `sparse=` (only with a non-`int` mode). Defaults to `false`.
    sparse: bool = false, |sparse: bool| sparse;
}

impl Discretization {
    /// The `epsilon` argument.
    #[must_use]
    pub fn epsilon_value(&self) -> f64 {
        self.epsilon
    }

    fn depth(&self) -> Result<u64, LayerError> {
        argument_error_if!(
            self.sparse && self.output_mode == OutputMode::Int,
            "sparse",
            "`sparse=True` may only be used if `output_mode` is 'one_hot', 'multi_hot', or 'count'",
        );
        self.output_mode.check(&OutputMode::NOT_TF_IDF)?;
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

impl Layer for Discretization {
    declared_layer_common!();

    fn config_has_trainable(&self) -> bool {
        false
    }

    zero_cost!(
        "0 MACs, 0 FLOPs: bucketing (`Bucketize`, `OneHot`) is compared,"
        "not computed, and TensorFlow's profiler counts none of it"
        "(measured)."
    );

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let depth = Dim::Known(self.depth()?);
        let x = one_input(inputs)?;
        let dims = x.dims();
        let out = match self.output_mode {
            OutputMode::Int => x.clone(),
            OutputMode::OneHot => one_hot_shape(dims, depth),
            _ => match dims {
                [first, _, rest @ ..] => with_depth(std::iter::once(first).chain(rest), depth),
                _ => Shape::new([depth]),
            },
        };
        Ok(single(out))
    }
}

/// Registers `Discretization` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    type Built = crate::Result<Box<dyn Layer>>;
    r.builtin("Discretization", |c| -> Built {
        let mut l = Discretization::from_keras_args(c)?;
        // An adapted layer writes both `bin_boundaries` and `num_bins`;
        // Keras's `from_config` then keeps the boundaries, which give the
        // depth.
        if l.bin_boundaries.is_some() {
            l.num_bins = None;
        }
        Ok(Box::new(l))
    });
}
