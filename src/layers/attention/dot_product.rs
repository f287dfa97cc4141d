//! `Attention` (dot-product, Luong-style) and its `ScoreMode`.

use super::shared::*;
use crate::compute::{Cost, Scores, unprojected_attention_cost};
use crate::error::LayerError;
use crate::layer::{Layer, single};
use crate::shape::Shape;
use crate::weight::WeightSpec;

keras_enum! {
    /// Keras's `score_mode=` of [`Attention`].
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum ScoreMode {
        /// `"dot"`: dot product of query and key (the default).
        #[default]
        Dot = "dot",
        /// `"concat"`: `tanh` of the sum of query and key, with a learned
        /// scalar `concat_score_weight`.
        Concat = "concat",
    }
    expected "dot or concat";
}

keras_layer! {
    class "Attention";
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
    /// let q = Input::new([5, 8]).tensor()?;
    /// let v = Input::new([7, 6]).tensor()?;
    /// let y = Attention::new().use_scale(true).call([&q, &v])?;
    /// assert_eq!(y.shape().to_string(), "(None, 5, 6)");
    /// assert!(Attention::new().call(&q).is_err());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct Attention {
    }
    /// A dot-product attention layer.
    fn new;
    /// Keras's `use_scale=`: learns a scalar `scale` for the scores.
    /// Defaults to `false`.
    use_scale: bool = false, |use_scale: bool| use_scale;
    /// Keras's `score_mode=`. Defaults to [`ScoreMode::Dot`].
    score_mode: ScoreMode = ScoreMode::Dot, |score_mode: ScoreMode| score_mode;
    /// Keras's `dropout=` on the attention scores (no effect on shapes).
    /// Defaults to `0.0`.
    dropout: f64 = 0.0, |dropout: f64| dropout;
    /// Keras's call argument `return_attention_scores=True`: the layer then
    /// has a second output, the scores `(*query.shape[:-1], key.shape[-2])`,
    /// to be received with `call_multi`. Defaults to `false`.
    return_attention_scores: bool [CallArg] = false, |return_attention_scores: bool| return_attention_scores;
}

impl Layer for Attention {
    dot_attention_common!();

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
        let scores = match self.score_mode {
            ScoreMode::Dot => Scores::Dot,
            ScoreMode::Concat => Scores::Concat,
        };
        unprojected_attention_cost(q, v, scores, self.use_scale)
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
