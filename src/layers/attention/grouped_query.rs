//! `GroupedQueryAttention` (`GroupQueryAttention` in Keras's configs).

use super::shared::*;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, single};
use crate::layers::core::py_tuple;
use crate::shape::{Dim, Shape};
use crate::weight::WeightSpec;

keras_layer! {
    class "GroupedQueryAttention";
    register {
        "GroupQueryAttention" => GroupedQueryAttention,
        "GroupedQueryAttention" => GroupedQueryAttention,
    };
    /// `keras.layers.GroupQueryAttention(head_dim, num_query_heads,
    /// num_key_value_heads, dropout=0.0, use_bias=True, use_gate=False)`
    /// (class `GroupedQueryAttention`), called as `gqa.call([&query, &value])`
    /// or `gqa.call([&query, &value, &key])`.
    ///
    /// # Shapes
    /// Inputs `(batch, seq, features)`; query and value must have the same
    /// last dimension. Output: the query's shape. Weights (`kernel`, and
    /// `bias` if `use_bias`, per `EinsumDense` sublayer): `query (features,
    /// num_query_heads, head_dim)`, `key`/`value (features, num_key_value_heads,
    /// head_dim)`, `gate` like `query` if `use_gate`, `attention_output
    /// (num_query_heads, head_dim, features)`.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let q = Input::new([6, 16]).tensor()?;
    /// let v = Input::new([None, Some(16)]).tensor()?;
    /// let y = GroupQueryAttention::new(4, 8, 2).call([&q, &v])?;
    /// assert_eq!(y.shape().to_string(), "(None, 6, 16)");
    /// assert!(GroupQueryAttention::new(4, 6, 4).call([&q, &v]).is_err());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct GroupedQueryAttention {
        /// Keras's `head_dim`: the size of each head.
        head_dim: i64 = impl crate::args::Int => head_dim.to_i64(),
        /// Keras's `num_query_heads`.
        num_query_heads: i64 = impl crate::args::Int => num_query_heads.to_i64(),
        /// Keras's `num_key_value_heads`.
        num_key_value_heads: i64 = impl crate::args::Int => num_key_value_heads.to_i64(),
    }
    /// Grouped-query attention with heads of size `head_dim`.
    fn new;
    /// Keras's `dropout=` on the attention scores (no effect on shapes).
    /// Defaults to `0.0`.
    dropout: f64 = 0.0, |dropout: f64| dropout;
    /// Keras's `use_bias=`. Defaults to `true`.
    use_bias: bool = true, |use_bias: bool| use_bias;
    /// Keras's `use_gate=`: adds a sigmoid-gated `gate` projection of the
    /// query. Defaults to `false`.
    use_gate: bool = false, |use_gate: bool| use_gate;
    /// Keras's call argument `return_attention_scores=True`: the layer then
    /// has a second output, the scores `(batch, num_query_heads, query_len,
    /// key_len)`, to be received with `call_multi`. Defaults to `false`.
    return_attention_scores: bool [CallArg] = false, |return_attention_scores: bool| return_attention_scores;
}

/// Keras's exported name (`keras.layers.GroupQueryAttention`) for
/// [`GroupedQueryAttention`], the class name Keras prints.
pub type GroupQueryAttention = GroupedQueryAttention;

impl GroupedQueryAttention {
    /// The constructor's checks: `(head_dim, num_query_heads, num_key_value_heads)`.
    fn check_args(&self) -> Result<(u64, u64, u64), LayerError> {
        let non_negative = |name: &str, v: i64| {
            u64::try_from(v).map_err(|_| {
                LayerError::argument(
                    name,
                    format!("negative dimensions are not allowed, received {name}={v}"),
                )
            })
        };
        let head_dim = non_negative("head_dim", self.head_dim)?;
        // Keras computes `1 / sqrt(head_dim)` in the constructor.
        argument_error_if!(head_dim == 0, "head_dim", "float division by zero");
        let nq = non_negative("num_query_heads", self.num_query_heads)?;
        let nkv = non_negative("num_key_value_heads", self.num_key_value_heads)?;
        argument_error_if!(nkv == 0, "num_key_value_heads", "integer modulo by zero",);
        argument_error_if!(
            nq.checked_rem(nkv) != Some(0),
            "num_query_heads",
            "`num_query_heads` must be divisible by `num_key_value_heads`",
        );
        Ok((head_dim, nq, nkv))
    }

    /// Keras's `compute_output_shape`.
    fn output(&self, inputs: &[Shape]) -> Result<Shape, LayerError> {
        self.check_args()?;
        let (q, v, k) = query_value_key(inputs)?;
        let (qf, vf) = (dim_at(q, -1)?, dim_at(v, -1)?);
        if qf != vf {
            return Err(LayerError::Other(format!(
                "the last dimension of `query_shape` and `value_shape` must be equal, but are {qf}, {vf}. Received: query_shape={}, value_shape={}",
                py_tuple(q.dims()),
                py_tuple(v.dims())
            )));
        }
        check_value_key(v, k)?;
        Ok(q.clone())
    }
}

impl Layer for GroupedQueryAttention {
    // `return_attention_scores` is an argument of each call in Keras.
    declared_layer_common!(call kwarg "return_attention_scores");

    layer_flags!(supports_masking);

    /// Called on `query, value[, key]`.
    fn inputs_arg(&self) -> crate::layer::InputsArg {
        crate::layer::InputsArg::Positional
    }

    /// Keras's config names the class `GroupQueryAttention`.
    fn config_class_name(&self) -> &str {
        "GroupQueryAttention"
    }

    layer_flags!(holds_layers);

    /// # Cost
    /// As [`MultiHeadAttention`](super::MultiHeadAttention)'s, with `num_query_heads` score heads of
    /// size `head_dim` (the key and value heads are repeated, not
    /// recomputed). TensorFlow's profiler misses the score and
    /// weighted-sum products (Keras's `Einsum`) and adds 2 FLOPs of
    /// shape arithmetic for the head repeat, whatever the batch. Unknown
    /// with `use_gate` or inputs not of rank 3.
    fn cost(&self, inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        if self.use_gate {
            return Ok(None);
        }
        let (q, v, k) = query_value_key(inputs)?;
        let heads = positive("num_query_heads", self.num_query_heads)?;
        let head_dim = positive("head_dim", self.head_dim)?;
        crate::compute::projected_attention_cost(
            &self.weights(inputs)?,
            q,
            v,
            k,
            heads,
            head_dim,
            head_dim,
        )
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let mut out = single(self.output(inputs)?);
        if self.return_attention_scores {
            let (q, _, k) = query_value_key(inputs)?;
            let (_, heads, _) = self.check_args()?;
            out.push(Shape::new([
                dim_at(q, 0)?,
                Dim::Known(heads),
                dim_at(q, 1)?,
                dim_at(k, 1)?,
            ]));
        }
        Ok(out)
    }

    /// Keras's `build`: all weights belong to the projection sublayers.
    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let (head_dim, nq, nkv) = self.check_args()?;
        let (q, v, k) = query_value_key(inputs)?;
        let (h, nq, nkv) = (Dim::Known(head_dim), Dim::Known(nq), Dim::Known(nkv));
        let feature_dim = dim_at(q, -1)?;
        let mut w = Vec::new();
        let bias = |b: &'static str| self.use_bias.then_some(b);
        let qdims = [Dim::Unknown, nq, h];
        let kvdims = [Dim::Unknown, nkv, h];
        let projections = [
            ("query", "bqm,muh->bquh", &qdims, "uh", q),
            ("key", "bkm,mvh->bkvh", &kvdims, "vh", k),
            ("gate", "bqm,muh->bquh", &qdims, "uh", q),
            ("value", "bkm,mvh->bkvh", &kvdims, "vh", v),
        ];
        for (name, equation, out, b, x) in projections {
            if name != "gate" || self.use_gate {
                sublayer(name, equation, out, bias(b), x.dims(), &mut w)?;
            }
        }
        check_rate(self.dropout)?;
        sublayer(
            "attention_output",
            "bquh,uhm->bqm",
            &[Dim::Unknown, feature_dim],
            bias("m"),
            &[Dim::Unknown, Dim::Unknown, nq, h],
            &mut w,
        )?;
        Ok(w)
    }

    fn build_time_names(&self) -> &'static [&'static str] {
        BUILD_TIME_NAMES
    }
}
