//! `AdditiveAttention` (Bahdanau-style).

use super::shared::*;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, single};
use crate::layers::core::py_tuple;
use crate::model::Tensor;
use crate::shape::{Dim, Shape};
use crate::weight::WeightSpec;

/// `keras.layers.AdditiveAttention(use_scale=True, dropout=0.0)`:
/// additive (Bahdanau-style) attention, called on `[&query, &value]` or
/// `[&query, &value, &key]`.
///
/// # Shapes
/// Output `(*query.shape[:-1], value.shape[-1])`. Weights: `scale
/// (query.shape[-1],)` if `use_scale` (the query's last dimension must be
/// known).
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let q = Input::new([5, 8]).tensor()?;
/// let v = Input::new([7, 8]).tensor()?;
/// let y = AdditiveAttention::new().call([&q, &v])?;
/// assert_eq!(y.shape().to_string(), "(None, 5, 8)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct AdditiveAttention {
    config: LayerConfig,
    use_scale: bool,
    dropout: f64,
    return_attention_scores: bool,
}

impl AdditiveAttention {
    /// An additive attention layer.
    pub fn new() -> Self {
        crate::layer::constructed(AdditiveAttention {
            config: LayerConfig::default(),
            use_scale: true,
            dropout: 0.0,
            return_attention_scores: false,
        })
    }

    /// Keras's `use_scale=`: learns a per-feature `scale`. Defaults to `true`.
    pub fn use_scale(mut self, use_scale: bool) -> Self {
        self.use_scale = use_scale;
        self
    }

    /// Keras's `dropout=` on the attention scores (no effect on shapes).
    /// Defaults to `0.0`.
    pub fn dropout(mut self, dropout: f64) -> Self {
        self.dropout = dropout;
        self
    }

    /// Keras's call argument `return_attention_scores=True`: the layer then
    /// has a second output, the scores `(*query.shape[:-1], key.shape[-2])`,
    /// to be received with `call_multi`. Defaults to `false`.
    pub fn return_attention_scores(mut self, return_attention_scores: bool) -> Self {
        self.return_attention_scores = return_attention_scores;
        self
    }
}

impl Default for AdditiveAttention {
    fn default() -> Self {
        Self::new()
    }
}

impl Layer for AdditiveAttention {
    /// Called on `[query, value]` or `[query, value, key]`.
    fn inputs_arg(&self) -> crate::layer::InputsArg {
        crate::layer::InputsArg::List
    }

    /// Keras's `supports_masking` (it computes a mask).
    fn supports_masking(&self) -> bool {
        true
    }

    /// Keras's call takes `mask=` (the query's and the value's).
    fn takes_mask(&self) -> bool {
        true
    }

    /// The query's mask, as Keras's `ops.convert_to_tensor(mask[0])` (a
    /// `ConvertToTensor` operation in the graph).
    fn compute_mask(
        &self,
        _inputs: &[Tensor],
        previous: &[Option<Tensor>],
    ) -> crate::Result<crate::Masks> {
        match previous.first() {
            Some(Some(m)) => Ok(smallvec::smallvec![Some(crate::ops::convert_to_tensor(m)?)]),
            _ => Ok(crate::Masks::new()),
        }
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let o = w::obj([
            ("use_scale", json!(self.use_scale)),
            ("dropout", json!(self.dropout)),
        ]);
        if !self.return_attention_scores {
            return Some(o);
        }
        // `return_attention_scores` is an argument of each call in Keras.
        Some(w::with_call_kwargs(
            o,
            w::obj([("return_attention_scores", json!(true))]),
        ))
    }

    layer_common!("AdditiveAttention");

    /// # Cost
    /// On rank-3 inputs: the scores `Σ scale·tanh(q + k)` are element-wise
    /// FLOPs as TensorFlow counts Keras's graph (`Tq·Tv·d` adds, as many
    /// multiplies by `scale` — by 1.0 without `use_scale` — and a `Sum` of
    /// `Tq·Tv·d − Tq·Tv`), the
    /// softmax 5 FLOPs per score, and the weighted sum `Tq·Tv·dv` MACs
    /// (`2·MACs` FLOPs).
    fn cost(&self, inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        let (q, v, _) = query_value_key(inputs)?;
        // Without `use_scale` Keras multiplies by 1.0: still counted.
        crate::compute::additive_attention_cost(q, v, true)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let mut out = single(dot_attention_output("AdditiveAttention", inputs)?);
        if self.return_attention_scores {
            out.push(dot_attention_scores(inputs)?);
        }
        Ok(out)
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        dot_attention_output("AdditiveAttention", inputs)?;
        if !self.use_scale {
            return Ok(Vec::new());
        }
        let dim = inputs
            .first()
            .map(last)
            .transpose()?
            .unwrap_or(Dim::Unknown);
        match dim {
            Dim::Known(d) => Ok(vec![WeightSpec::new("scale", [d])]),
            Dim::Unknown => Err(LayerError::Other(format!(
                "shapes used to initialize variables must be fully-defined (no `None` dimensions), received shape={} for variable `scale`",
                py_tuple(&[dim])
            ))),
        }
    }
}

/// Registers `AdditiveAttention` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    type Built = crate::Result<Box<dyn crate::layer::Layer>>;
    r.register("AdditiveAttention", |c| -> Built {
        Ok(Box::new(
            AdditiveAttention::new()
                .use_scale(c.bool_or("use_scale", true)?)
                .dropout(c.float_or("dropout", 0.0)?)
                .return_attention_scores(c.call_bool_or("return_attention_scores", false)?),
        ))
    });
}
