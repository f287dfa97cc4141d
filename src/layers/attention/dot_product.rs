//! `Attention` (dot-product, Luong-style) and its `ScoreMode`.

use super::shared::*;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, single};
use crate::model::Tensor;
use crate::shape::Shape;
use crate::weight::WeightSpec;

/// Keras's `score_mode=` of [`Attention`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ScoreMode {
    /// `"dot"`: dot product of query and key (the default).
    #[default]
    Dot,
    /// `"concat"`: `tanh` of the sum of query and key, with a learned
    /// scalar `concat_score_weight`.
    Concat,
}

impl std::fmt::Display for ScoreMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ScoreMode::Dot => "dot",
            ScoreMode::Concat => "concat",
        })
    }
}
/// `keras.layers.Attention(use_scale=False, score_mode="dot",
/// dropout=0.0)`: dot-product (Luong-style) attention, called on
/// `[&query, &value]` or `[&query, &value, &key]`.
///
/// # Shapes
/// Output `(*query.shape[:-1], value.shape[-1])`. Weights: a scalar
/// `scale` if `use_scale`, a scalar `concat_score_weight` if `score_mode`
/// is [`ScoreMode::Concat`].
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let q = Input::new([5, 8]).tensor()?;
/// let v = Input::new([7, 6]).tensor()?;
/// let y = Attention::new().use_scale(true).call([&q, &v])?;
/// assert_eq!(y.shape().to_string(), "(None, 5, 6)");
/// assert!(Attention::new().call(&q).is_err());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Attention {
    config: LayerConfig,
    use_scale: bool,
    score_mode: ScoreMode,
    dropout: f64,
    return_attention_scores: bool,
}

impl Attention {
    /// A dot-product attention layer.
    pub fn new() -> Self {
        crate::layer::constructed(Attention {
            config: LayerConfig::default(),
            use_scale: false,
            score_mode: ScoreMode::Dot,
            dropout: 0.0,
            return_attention_scores: false,
        })
    }

    /// Keras's `use_scale=`: learns a scalar `scale` for the scores.
    /// Defaults to `false`.
    pub fn use_scale(mut self, use_scale: bool) -> Self {
        self.use_scale = use_scale;
        self
    }

    /// Keras's `score_mode=`. Defaults to [`ScoreMode::Dot`].
    pub fn score_mode(mut self, score_mode: ScoreMode) -> Self {
        self.score_mode = score_mode;
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

impl Default for Attention {
    fn default() -> Self {
        Self::new()
    }
}

impl Layer for Attention {
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
        let mode = match self.score_mode {
            ScoreMode::Dot => "dot",
            ScoreMode::Concat => "concat",
        };
        let o = w::obj([
            ("use_scale", json!(self.use_scale)),
            ("score_mode", json!(mode)),
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

    layer_common!("Attention");

    /// # Cost
    /// On rank-3 inputs, `score_mode="dot"`: `Tq·Tv·d` MACs for the
    /// scores and `Tq·Tv·dv` for the weighted sum (FLOPs `2·MACs`), 5
    /// FLOPs per score for the softmax and one more with `use_scale`.
    /// `score_mode="concat"` (without `use_scale`): the scores
    /// `concat_score_weight·Σ tanh(q + k)` as
    /// [`AdditiveAttention`](super::AdditiveAttention)'s, with the weight multiplying each score once;
    /// with `use_scale`, `scale` also multiplies each of the `Tq·Tv·d`
    /// terms.
    fn cost(&self, inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        let (q, v, _) = query_value_key(inputs)?;
        match (self.score_mode, self.use_scale) {
            (ScoreMode::Dot, scale) => crate::compute::dot_attention_cost(q, v, scale),
            (ScoreMode::Concat, scale) => crate::compute::concat_attention_cost(q, v, scale),
        }
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let mut out = single(dot_attention_output("Attention", inputs)?);
        if self.return_attention_scores {
            out.push(dot_attention_scores(inputs)?);
        }
        Ok(out)
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        dot_attention_output("Attention", inputs)?;
        let mut w = Vec::new();
        if self.use_scale {
            w.push(WeightSpec::new("scale", []));
        }
        if self.score_mode == ScoreMode::Concat {
            w.push(WeightSpec::new("concat_score_weight", []));
        }
        Ok(w)
    }
}

/// Registers `Attention` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    type Built = crate::Result<Box<dyn crate::layer::Layer>>;
    r.register("Attention", |c| -> Built {
        let score_mode = match c.str_or("score_mode", "dot")? {
            "dot" => ScoreMode::Dot,
            "concat" => ScoreMode::Concat,
            other => {
                return Err(c.error(
                    "score_mode",
                    format!("expected dot or concat, found {other:?}"),
                ));
            }
        };
        Ok(Box::new(
            Attention::new()
                .use_scale(c.bool_or("use_scale", false)?)
                .score_mode(score_mode)
                .dropout(c.float_or("dropout", 0.0)?)
                .return_attention_scores(c.call_bool_or("return_attention_scores", false)?),
        ))
    });
}
