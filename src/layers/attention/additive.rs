//! `AdditiveAttention` (Bahdanau-style).

use super::shared::*;
use crate::compute::{Cost, Scores, unprojected_attention_cost};
use crate::error::LayerError;
use crate::layer::{Layer, single};
use crate::layers::core::py_tuple;
use crate::shape::{Dim, Shape};
use crate::weight::WeightSpec;

keras_layer! {
    class "AdditiveAttention";
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
    /// let q = Input::new([5, 8]).tensor()?;
    /// let v = Input::new([7, 8]).tensor()?;
    /// let y = AdditiveAttention::new().call([&q, &v])?;
    /// assert_eq!(y.shape().to_string(), "(None, 5, 8)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct AdditiveAttention {
    }
    /// An additive attention layer.
    fn new;
    /// Keras's `use_scale=`: learns a per-feature `scale`. Defaults to `true`.
    use_scale: bool = true, |use_scale: bool| use_scale;
    /// Keras's `dropout=` on the attention scores (no effect on shapes).
    /// Defaults to `0.0`.
    dropout: f64 = 0.0, |dropout: f64| dropout;
    /// Keras's call argument `return_attention_scores=True`: the layer then
    /// has a second output, the scores `(*query.shape[:-1], key.shape[-2])`,
    /// to be received with `call_multi`. Defaults to `false`.
    return_attention_scores: bool [CallArg] = false, |return_attention_scores: bool| return_attention_scores;
}

impl Layer for AdditiveAttention {
    dot_attention_common!();

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
        unprojected_attention_cost(q, v, Scores::Additive, true)
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        dot_attention_output("AdditiveAttention", inputs)?;
        if !self.use_scale {
            return Ok(Vec::new());
        }
        let dim = inputs
            .first()
            .map(|q| dim_at(q, -1))
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
