//! `HashedCrossing`.


use super::{OutputMode, at_least, with_depth};
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, single};
use crate::shape::{Dim, Shape};

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
/// # fn main() -> kerasinfo::Result<()> {
/// let a = Input::new([1]).tensor()?;
/// let b = Input::new([1]).tensor()?;
/// let y = HashedCrossing::new(16).output_mode(OutputMode::OneHot).call([&a, &b])?;
/// assert_eq!(y.shape().to_string(), "(None, 16)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct HashedCrossing {
    config: LayerConfig,
    num_bins: i64,
    output_mode: OutputMode,
    sparse: bool,
}

impl HashedCrossing {
    /// A hashed crossing into `num_bins` bins.
    pub fn new(num_bins: impl crate::args::Int) -> Self {
        let num_bins = num_bins.to_i64();
        crate::layer::constructed(HashedCrossing {
            config: LayerConfig::default(),
            num_bins,
            output_mode: OutputMode::Int,
            sparse: false,
        })
    }

    /// Keras's `output_mode=` (`Int` or `OneHot`). Defaults to `Int`.
    pub fn output_mode(mut self, output_mode: OutputMode) -> Self {
        self.output_mode = output_mode;
        self
    }

    /// Keras's `sparse=`. Defaults to `false`.
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

impl Layer for HashedCrossing {
    /// Called on a list of tensors.
    fn inputs_arg(&self) -> crate::layer::InputsArg {
        crate::layer::InputsArg::List
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([
            ("num_bins", json!(self.num_bins)),
            ("output_mode", json!(self.output_mode.to_string())),
            ("sparse", json!(self.sparse)),
        ]))
    }

    layer_common!("HashedCrossing");

    fn config_has_trainable(&self) -> bool {
        false
    }

    /// # Cost
    /// 0 MACs, 0 FLOPs: integer/string crossing (`SparseCross`) is not
    /// floating-point work, and TensorFlow's profiler counts none of it
    /// (measured).
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

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
            _ => with_depth(a.dims().split_last().map_or(&[][..], |(_, i)| i), n),
        };
        Ok(single(out))
    }
}

/// Registers `HashedCrossing` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::Registry) {
    type Built = crate::Result<Box<dyn Layer>>;
    r.register("HashedCrossing", |c| -> Built {
        Ok(Box::new(
            HashedCrossing::new(c.int("num_bins")?)
                .output_mode(super::output_mode_from(c, OutputMode::Int)?)
                .sparse(c.bool_or("sparse", false)?),
        ))
    });
}
