//! `MultiHeadAttention`.

use super::shared::*;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, single};
use crate::shape::{Dim, Shape, ShapeArg};
use crate::weight::WeightSpec;

keras_layer! {
    class "MultiHeadAttention";
    /// `keras.layers.MultiHeadAttention(num_heads, key_dim, value_dim=None,
    /// dropout=0.0, use_bias=True, output_shape=None, attention_axes=None,
    /// use_gate=False)`, called as `mha.call([&query, &value])` or
    /// `mha.call([&query, &value, &key])` (Keras's `mha(query, value, key)`).
    ///
    /// # Shapes
    /// Output `query.shape[:-1] + output_shape`, or the query's shape when
    /// `output_shape` is not given. `value` and `key` must agree on all but
    /// their last axis. Weights, each an `EinsumDense` sublayer with a `kernel`
    /// and (if `use_bias`) a `bias`: `query (q_dim, num_heads, key_dim)`,
    /// `key (k_dim, num_heads, key_dim)`, `gate (q_dim, num_heads, value_dim)`
    /// if `use_gate`, `value (v_dim, num_heads, value_dim)`, `attention_output
    /// (num_heads, value_dim, *output_shape)`.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// kerasinfo::naming::clear_session();
    /// let x = Input::new([10, 16]).tensor()?;
    /// let y = MultiHeadAttention::new(2, 8).call([&x, &x])?;
    /// assert_eq!(y.shape().to_string(), "(None, 10, 16)");
    /// let model = Functional::new(&x, &y).build()?;
    /// assert_eq!(model.summary().total_params, 1_088);
    /// assert_eq!(model.weights()[0].path, "multi_head_attention/query/kernel");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct MultiHeadAttention {
        /// Keras's `num_heads`.
        num_heads: i64 = impl crate::args::Int => num_heads.to_i64(),
        /// Keras's `key_dim`: the size of each head for query and key.
        key_dim: i64 = impl crate::args::Int => key_dim.to_i64(),
    }
    /// Attention with `num_heads` heads of size `key_dim` for queries and keys.
    fn new;
    /// Keras's `value_dim=`: the size of each value head. Defaults to
    /// `None` (`key_dim`).
    value_dim: Option<i64> = None, |value_dim: i64| Some(value_dim);
    /// Keras's `dropout=` on the attention scores (no effect on shapes).
    /// Defaults to `0.0`.
    dropout: f64 = 0.0, |dropout: f64| dropout;
    /// Keras's `use_bias=`: whether the projections have biases. Defaults
    /// to `true`.
    use_bias: bool = true, |use_bias: bool| use_bias;
    /// Keras's `output_shape=`: the output's last dimensions (an int `n`
    /// in Keras is `[n]` here). Defaults to `None` (the query's last
    /// dimension); an empty shape also means `None`, as in Keras.
    output_shape: Option<ShapeArg> [OutputShape] = None, |output_shape: impl Into<ShapeArg>| Some(output_shape.into());
    /// Keras's `attention_axes=`: the axes attention is applied over (an
    /// int `a` in Keras is `[a]` here). Defaults to `None` (all axes but
    /// batch, heads and features).
    attention_axes: Option<Vec<i64>> = None, |attention_axes: impl IntoIterator<Item = i64>| Some(attention_axes.into_iter().collect());
    /// Keras's `use_gate=`: adds a sigmoid-gated `gate` projection of the
    /// query. Defaults to `false`.
    use_gate: bool = false, |use_gate: bool| use_gate;
    /// Keras's call argument `return_attention_scores=True`: the layer then
    /// has a second output, the scores `(batch, num_heads, query_len,
    /// query_len)` (Keras 3.15.1 uses the query's length for both), to be
    /// received with `call_multi`. Defaults to `false`.
    return_attention_scores: bool [CallArg] = false, |return_attention_scores: bool| return_attention_scores;
}

impl MultiHeadAttention {
    fn custom_output_shape(&self) -> Result<Option<Vec<Dim>>, LayerError> {
        let Some(s) = &self.output_shape else {
            return Ok(None);
        };
        let dims = s.resolve().map_err(|v| {
            LayerError::argument(
                "output_shape",
                format!("negative dimensions are not allowed, received {v}"),
            )
        })?;
        Ok((!dims.is_empty()).then(|| dims.to_vec()))
    }

    /// Keras's `_build_attention` checks: `np.delete` of the attention axes
    /// and the einsum letters of the attention equations.
    fn check_attention_axes(&self, rank: i64) -> Result<(), LayerError> {
        // `rank` is a tensor rank (small and non-negative), so `rank - 1`
        // cannot saturate; user axes are added with saturation.
        let last_axis = rank.saturating_sub(1);
        let axes: Vec<i64> = match &self.attention_axes {
            None => (1..rank.saturating_sub(2)).collect(),
            Some(a) => a
                .iter()
                .map(|&x| {
                    if x >= 0 {
                        x
                    } else {
                        last_axis.saturating_add(x)
                    }
                })
                .collect(),
        };
        let mut deleted = Vec::new();
        for &a in axes.iter().chain([last_axis].iter()) {
            argument_error_if!(
                a < rank.saturating_neg() || a >= rank,
                "attention_axes",
                format!("index {a} is out of bounds for axis 0 with size {rank}"),
            );
            // In range: -rank <= a < 0 gives 0 <= a + rank < rank.
            deleted.push(if a < 0 { a.saturating_add(rank) } else { a });
        }
        // The attention equations use one letter per axis, plus one more
        // per attention axis, of Python's `string.ascii_lowercase`.
        let attention = (0..rank).filter(|i| deleted.contains(i) && *i != last_axis);
        if !i64::try_from(attention.count()).is_ok_and(|n| rank.saturating_add(n) <= 26) {
            return Err(letter_error());
        }
        Ok(())
    }

    /// The constructor's checks: heads, key and value sizes, output shape.
    #[allow(clippy::type_complexity)]
    fn check_args(&self) -> Result<(u64, u64, u64, Option<Vec<Dim>>), LayerError> {
        let heads = positive("num_heads", self.num_heads)?;
        let key_dim = positive("key_dim", self.key_dim)?;
        let value_dim = match self.value_dim {
            None => key_dim,
            Some(v) => positive("value_dim", v)?,
        };
        Ok((heads, key_dim, value_dim, self.custom_output_shape()?))
    }

    /// Keras's `compute_output_shape`: the output's shape (checking only
    /// what Keras checks there, so a shared layer's later calls work).
    fn output(&self, inputs: &[Shape]) -> Result<Shape, LayerError> {
        let (_, _, _, custom) = self.check_args()?;
        let (q, v, k) = query_value_key(inputs)?;
        check_value_key(v, k)?;
        Ok(match custom {
            Some(c) => init(q).iter().copied().chain(c).collect(),
            None => q.clone(),
        })
    }
}

impl Layer for MultiHeadAttention {
    layer_common!(Self::KERAS_CLASS);

    /// Its declared arguments, `return_attention_scores` among the call's
    /// kwargs (an argument of each call in Keras); none when
    /// `output_shape` has negative dimensions.
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        if let Some(s) = &self.output_shape {
            s.resolve().ok()?;
        }
        Some(crate::layers::declare::with_call_kwarg(
            self.keras_args(),
            "return_attention_scores",
        ))
    }

    layer_flags!(supports_masking);

    /// Called on `query, value[, key]`.
    fn inputs_arg(&self) -> crate::layer::InputsArg {
        crate::layer::InputsArg::Positional
    }

    layer_flags!(holds_layers);

    /// # Cost
    /// On rank-3 inputs `(batch, T, d)` with the default `attention_axes`:
    /// the four projections (each `EinsumDense`: its kernel elements × the
    /// positions it runs on), **plus** the score and weighted-sum matrix
    /// products (`num_heads·Tq·Tk·key_dim` and `num_heads·Tq·Tk·value_dim`
    /// MACs) — which TensorFlow's profiler misses (Keras computes them
    /// with `Einsum`, an op it has no statistics for); FLOPs `2·MACs`,
    /// plus one per element for each bias, the score scaling (one per
    /// score) and the softmax (5 per score). Unknown with `use_gate` or
    /// other ranks.
    fn cost(&self, inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        // Keras writes the default axes of rank-3 inputs as `[1]`.
        let default_axes = self.attention_axes.as_deref().is_none_or(|a| a == [1]);
        if self.use_gate || !default_axes {
            return Ok(None);
        }
        let (h, dk, dv, _) = self.check_args()?;
        let (q, v, k) = query_value_key(inputs)?;
        crate::compute::projected_attention_cost(&self.weights(inputs)?, q, v, k, h, dk, dv)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let mut out = single(self.output(inputs)?);
        if self.return_attention_scores {
            let (q, _, _) = query_value_key(inputs)?;
            let len = dim_at(q, 1)?;
            let heads = Dim::Known(positive("num_heads", self.num_heads)?);
            out.push(Shape::new([dim_at(q, 0)?, heads, len, len]));
        }
        Ok(out)
    }

    /// Keras's `build`: all weights belong to the projection sublayers.
    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let (heads, key_dim, value_dim, custom) = self.check_args()?;
        let (q, v, k) = query_value_key(inputs)?;
        check_value_key(v, k)?;
        let mut w = Vec::new();
        let bias = |b: &str| self.use_bias.then(|| b.to_owned());
        // Ranks are small and non-negative: `rank - 1` never saturates (and
        // is -1 for a scalar, as in Python).

        // A projection of `x` to `(heads, dim)` per position.
        let mut project = |name: &str, x: &Shape, dim: u64| {
            let (eq, b, rank) = proj_equation(rank_of(x)?.saturating_sub(1), 1, 2)?;
            let out = proj_output_shape(
                rank.saturating_sub(1),
                &[Dim::Known(heads), Dim::Known(dim)],
            );
            let shapes = sublayer(name, &eq, &out, bias(&b).as_deref(), x.dims(), &mut w)?;
            Ok::<_, LayerError>((shapes, rank))
        };
        let (query, _) = project("query", q, key_dim)?;
        project("key", k, key_dim)?;
        if self.use_gate {
            project("gate", q, value_dim)?;
        }
        let (_, value_rank) = project("value", v, value_dim)?;

        self.check_attention_axes(value_rank)?;
        check_rate(self.dropout)?;

        let out_dims = match &custom {
            Some(c) => c.clone(),
            None => vec![dim_at(q, -1)?],
        };
        let n_out = i64::try_from(out_dims.len()).map_err(|_| LayerError::overflow("rank"))?;
        let (eq, b, rank) = proj_equation(rank_of(q)?.saturating_sub(1), 2, n_out)?;
        let out = proj_output_shape(rank.saturating_sub(1), &out_dims);
        let mut dense_input = query.output;
        if let Some(d) = dense_input.last_mut() {
            *d = Dim::Known(value_dim);
        }
        sublayer(
            "attention_output",
            &eq,
            &out,
            bias(&b).as_deref(),
            &dense_input,
            &mut w,
        )?;
        Ok(w)
    }

    fn build_time_names(&self) -> &'static [&'static str] {
        BUILD_TIME_NAMES
    }
}
