//! Attention layers: `MultiHeadAttention`, `GroupedQueryAttention`,
//! `Attention` and `AdditiveAttention`.
//!
//! The projection sublayers of the multi-head layers are Keras
//! `EinsumDense` layers named `query`, `key`, (`gate`), `value` and
//! `attention_output`; their weights keep those names as path components
//! (`multi_head_attention/query/kernel`), in Keras's order. Like Keras,
//! the multi-head layers also create a `Softmax` and a `Dropout` layer with
//! automatic names, so a `Dropout` created after a `MultiHeadAttention` is
//! named `dropout_1`.

use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, single};
use crate::layers::core::{EinsumShapes, analyze_einsum, py_tuple};
use crate::model::Tensor;
use crate::shape::{Dim, Shape, ShapeArg};
use crate::weight::WeightSpec;

/// `shape[1:-1]` as Python slices it.
fn middle(s: &Shape) -> &[Dim] {
    let d = s.dims();
    d.get(1..d.len().saturating_sub(1)).unwrap_or(&[])
}

/// `shape[:-1]` as Python slices it.
fn init(s: &Shape) -> &[Dim] {
    s.dims().split_last().map_or(&[], |(_, init)| init)
}

fn last(s: &Shape) -> Result<Dim, LayerError> {
    s.dims()
        .last()
        .copied()
        .ok_or_else(|| LayerError::Other("IndexError: tuple index out of range".into()))
}

fn rank_of(s: &Shape) -> Result<i64, LayerError> {
    i64::try_from(s.rank()).map_err(|_| LayerError::overflow("rank"))
}

/// Keras's `string.ascii_lowercase[i]`.
fn letter(i: i64) -> Result<char, LayerError> {
    usize::try_from(i)
        .ok()
        .and_then(|i| ASCII_LOWERCASE.get(i))
        .map(|b| char::from(*b))
        .ok_or_else(letter_error)
}

/// Python's `string.ascii_lowercase`.
const ASCII_LOWERCASE: &[u8; 26] = b"abcdefghijklmnopqrstuvwxyz";

fn letter_error() -> LayerError {
    LayerError::Other("IndexError: string index out of range".into())
}

/// Keras's `_build_proj_equation(free_dims, bound_dims, output_dims)`:
/// the equation, the bias axes and the output rank.
fn proj_equation(
    free_dims: i64,
    bound_dims: i64,
    output_dims: i64,
) -> Result<(String, String, i64), LayerError> {
    let (mut input, mut kernel, mut output, mut bias) =
        (String::new(), String::new(), String::new(), String::new());
    // Keras indexes `ascii_lowercase` with a running offset: each loop
    // takes the next letters in order.
    let mut letters = ASCII_LOWERCASE.iter().map(|b| char::from(*b));
    let mut next = || letters.next().ok_or_else(letter_error);
    for _ in 0..free_dims {
        let c = next()?;
        input.push(c);
        output.push(c);
    }
    for _ in 0..bound_dims {
        let c = next()?;
        input.push(c);
        kernel.push(c);
    }
    for _ in 0..output_dims {
        let c = next()?;
        kernel.push(c);
        output.push(c);
        bias.push(c);
    }
    let rank = i64::try_from(output.len()).map_err(|_| LayerError::overflow("rank"))?;
    Ok((format!("{input},{kernel}->{output}"), bias, rank))
}

/// Keras's `_get_output_shape(output_rank, known_last_dims)`.
fn proj_output_shape(output_rank: i64, known: &[Dim]) -> Vec<Dim> {
    let n = usize::try_from(output_rank)
        .unwrap_or(0)
        .saturating_sub(known.len());
    std::iter::repeat_n(Dim::Unknown, n)
        .chain(known.iter().copied())
        .collect()
}

/// Builds one `EinsumDense` sublayer, appending its weights (prefixed with
/// `name`) to `weights`.
fn sublayer(
    name: &str,
    equation: &str,
    output_shape: &[Dim],
    bias_axes: Option<&str>,
    input: &[Dim],
    weights: &mut Vec<WeightSpec>,
) -> Result<EinsumShapes, LayerError> {
    let context = |e: LayerError| LayerError::Other(format!("sublayer `{name}`: {e}"));
    let a = analyze_einsum(equation, bias_axes, input, output_shape).map_err(context)?;
    weights.extend(
        a.weights()
            .map_err(context)?
            .into_iter()
            .map(|w| w.prefixed(name)),
    );
    Ok(a)
}

/// Keras's multi-head layers create a `Softmax` and a `Dropout` layer
/// with automatic names when built, which takes those names from later
/// layers (the next `Dropout` is `dropout_1`).
const BUILD_TIME_NAMES: &[&str] = &["Softmax", "Dropout"];

/// Checks a dropout rate as Keras's `Dropout` layer does.
fn check_rate(rate: f64) -> Result<(), LayerError> {
    if (0.0..=1.0).contains(&rate) {
        Ok(())
    } else {
        Err(LayerError::argument(
            "dropout",
            format!("expected a float value between 0 and 1, received rate={rate}"),
        ))
    }
}

/// `value_shape[1:-1] == key_shape[1:-1]`, or Keras's error.
fn check_value_key(value: &Shape, key: &Shape) -> Result<(), LayerError> {
    if middle(value) == middle(key) {
        Ok(())
    } else {
        Err(LayerError::Other(format!(
            "all dimensions of `value` and `key`, except the last one, must be equal. Received: value_shape={} and key_shape={}",
            py_tuple(value.dims()),
            py_tuple(key.dims())
        )))
    }
}

/// `[query, value]` or `[query, value, key]` (key defaults to value).
fn query_value_key(inputs: &[Shape]) -> Result<(&Shape, &Shape, &Shape), LayerError> {
    match inputs {
        [q, v] => Ok((q, v, v)),
        [q, v, k] => Ok((q, v, k)),
        _ => Err(LayerError::InputCount {
            expected: "2 or 3 ([query, value] or [query, value, key])".into(),
            received: inputs.len(),
        }),
    }
}

/// `shape[i]`, or Python's `IndexError`.
fn dim_at(s: &Shape, i: i64) -> Result<Dim, LayerError> {
    s.get(i)
        .ok_or_else(|| LayerError::Other("IndexError: tuple index out of range".into()))
}

fn positive(name: &str, v: i64) -> Result<u64, LayerError> {
    u64::try_from(v).ok().filter(|v| *v > 0).ok_or_else(|| {
        LayerError::argument(
            name,
            format!("expected a positive integer, received {name}={v}"),
        )
    })
}

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
/// # fn main() -> kerasinfo::Result<()> {
/// kerasinfo::naming::clear_session();
/// let x = Input::new([10, 16]).tensor()?;
/// let y = MultiHeadAttention::new(2, 8).call([&x, &x])?;
/// assert_eq!(y.shape().to_string(), "(None, 10, 16)");
/// let model = Functional::new(&x, &y).build()?;
/// assert_eq!(model.summary().total_params, 1_088);
/// assert_eq!(model.weights()[0].path, "multi_head_attention/query/kernel");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct MultiHeadAttention {
    config: LayerConfig,
    num_heads: i64,
    key_dim: i64,
    value_dim: Option<i64>,
    dropout: f64,
    use_bias: bool,
    output_shape: Option<ShapeArg>,
    attention_axes: Option<Vec<i64>>,
    use_gate: bool,
    return_attention_scores: bool,
}

impl MultiHeadAttention {
    /// Attention with `num_heads` heads of size `key_dim` for queries and keys.
    pub fn new(num_heads: impl crate::args::Int, key_dim: impl crate::args::Int) -> Self {
        let num_heads = num_heads.to_i64();
        let key_dim = key_dim.to_i64();
        crate::layer::constructed(MultiHeadAttention {
            config: LayerConfig::default(),
            num_heads,
            key_dim,
            value_dim: None,
            dropout: 0.0,
            use_bias: true,
            output_shape: None,
            attention_axes: None,
            use_gate: false,
            return_attention_scores: false,
        })
    }

    /// Keras's call argument `return_attention_scores=True`: the layer then
    /// has a second output, the scores `(batch, num_heads, query_len,
    /// query_len)` (Keras 3.15.1 uses the query's length for both), to be
    /// received with `call_multi`. Defaults to `false`.
    pub fn return_attention_scores(mut self, return_attention_scores: bool) -> Self {
        self.return_attention_scores = return_attention_scores;
        self
    }

    /// Keras's `value_dim=`: the size of each value head. Defaults to
    /// `None` (`key_dim`).
    pub fn value_dim(mut self, value_dim: i64) -> Self {
        self.value_dim = Some(value_dim);
        self
    }

    /// Keras's `dropout=` on the attention scores (no effect on shapes).
    /// Defaults to `0.0`.
    pub fn dropout(mut self, dropout: f64) -> Self {
        self.dropout = dropout;
        self
    }

    /// Keras's `use_bias=`: whether the projections have biases. Defaults
    /// to `true`.
    pub fn use_bias(mut self, use_bias: bool) -> Self {
        self.use_bias = use_bias;
        self
    }

    /// Keras's `output_shape=`: the output's last dimensions (an int `n`
    /// in Keras is `[n]` here). Defaults to `None` (the query's last
    /// dimension); an empty shape also means `None`, as in Keras.
    pub fn output_shape(mut self, output_shape: impl Into<ShapeArg>) -> Self {
        self.output_shape = Some(output_shape.into());
        self
    }

    /// Keras's `attention_axes=`: the axes attention is applied over (an
    /// int `a` in Keras is `[a]` here). Defaults to `None` (all axes but
    /// batch, heads and features).
    pub fn attention_axes(mut self, attention_axes: impl IntoIterator<Item = i64>) -> Self {
        self.attention_axes = Some(attention_axes.into_iter().collect());
        self
    }

    /// Keras's `use_gate=`: adds a sigmoid-gated `gate` projection of the
    /// query. Defaults to `false`.
    pub fn use_gate(mut self, use_gate: bool) -> Self {
        self.use_gate = use_gate;
        self
    }

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
            if a < rank.saturating_neg() || a >= rank {
                return Err(LayerError::argument(
                    "attention_axes",
                    format!("index {a} is out of bounds for axis 0 with size {rank}"),
                ));
            }
            // In range: -rank <= a < 0 gives 0 <= a + rank < rank.
            deleted.push(if a < 0 { a.saturating_add(rank) } else { a });
        }
        // The attention equations use one letter per axis, plus one more
        // per attention axis (from `rank` on).
        let mut offset = rank;
        for i in 0..rank {
            letter(i)?;
            if deleted.contains(&i) && i != last_axis {
                letter(offset)?;
                offset = offset.saturating_add(1);
            }
        }
        Ok(())
    }

    /// The constructor's checks: heads, key and value sizes, output shape.
    #[allow(clippy::type_complexity)]
    fn check_args(&self) -> Result<(Dim, Dim, Dim, Option<Vec<Dim>>), LayerError> {
        let heads = Dim::Known(positive("num_heads", self.num_heads)?);
        let key_dim = Dim::Known(positive("key_dim", self.key_dim)?);
        let value_dim = match self.value_dim {
            None => key_dim,
            Some(v) => Dim::Known(positive("value_dim", v)?),
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

    /// Keras's `build`: the sublayers' weights.
    fn build(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let (heads, key_dim, value_dim, custom) = self.check_args()?;
        let (q, v, k) = query_value_key(inputs)?;
        check_value_key(v, k)?;
        let mut w = Vec::new();
        let bias = |b: &str| self.use_bias.then(|| b.to_owned());
        // Ranks are small and non-negative: `rank - 1` never saturates (and
        // is -1 for a scalar, as in Python).

        let (eq, b, rank) = proj_equation(rank_of(q)?.saturating_sub(1), 1, 2)?;
        let out = proj_output_shape(rank.saturating_sub(1), &[heads, key_dim]);
        let query = sublayer("query", &eq, &out, bias(&b).as_deref(), q.dims(), &mut w)?;

        let (eq, b, rank) = proj_equation(rank_of(k)?.saturating_sub(1), 1, 2)?;
        let out = proj_output_shape(rank.saturating_sub(1), &[heads, key_dim]);
        sublayer("key", &eq, &out, bias(&b).as_deref(), k.dims(), &mut w)?;

        if self.use_gate {
            let (eq, b, rank) = proj_equation(rank_of(q)?.saturating_sub(1), 1, 2)?;
            let out = proj_output_shape(rank.saturating_sub(1), &[heads, value_dim]);
            sublayer("gate", &eq, &out, bias(&b).as_deref(), q.dims(), &mut w)?;
        }

        let (eq, b, value_rank) = proj_equation(rank_of(v)?.saturating_sub(1), 1, 2)?;
        let out = proj_output_shape(value_rank.saturating_sub(1), &[heads, value_dim]);
        sublayer("value", &eq, &out, bias(&b).as_deref(), v.dims(), &mut w)?;

        self.check_attention_axes(value_rank)?;
        check_rate(self.dropout)?;

        let out_dims = match &custom {
            Some(c) => c.clone(),
            None => vec![last(q)?],
        };
        let n_out = i64::try_from(out_dims.len()).map_err(|_| LayerError::overflow("rank"))?;
        let (eq, b, rank) = proj_equation(rank_of(q)?.saturating_sub(1), 2, n_out)?;
        let out = proj_output_shape(rank.saturating_sub(1), &out_dims);
        let mut dense_input = query.output;
        if let Some(d) = dense_input.last_mut() {
            *d = value_dim;
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
}

impl Layer for MultiHeadAttention {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }

    /// Called on `query, value[, key]`.
    fn inputs_arg(&self) -> crate::layer::InputsArg {
        crate::layer::InputsArg::Positional
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let output_shape = match &self.output_shape {
            Some(s) => w::shape_value(&Shape::new(s.resolve().ok()?)),
            None => serde_json::Value::Null,
        };
        let o = w::obj([
            ("num_heads", json!(self.num_heads)),
            ("key_dim", json!(self.key_dim)),
            ("value_dim", json!(self.value_dim)),
            ("dropout", json!(self.dropout)),
            ("use_bias", json!(self.use_bias)),
            ("use_gate", json!(self.use_gate)),
            ("output_shape", output_shape),
            ("attention_axes", json!(self.attention_axes)),
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

    layer_common!("MultiHeadAttention");

    fn holds_layers(&self) -> bool {
        true
    }

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
        let (heads, key_dim, value_dim, _) = self.check_args()?;
        let (q, v, k) = query_value_key(inputs)?;
        let (Some(h), Some(dk), Some(dv)) = (heads.known(), key_dim.known(), value_dim.known())
        else {
            return Ok(None);
        };
        crate::compute::projected_attention_cost(&self.build(inputs)?, q, v, k, h, dk, dv)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let mut out = single(self.output(inputs)?);
        if self.return_attention_scores {
            let q = inputs.first().ok_or_else(|| LayerError::InputCount {
                expected: "2 or 3".into(),
                received: 0,
            })?;
            let len = dim_at(q, 1)?;
            let heads = Dim::Known(positive("num_heads", self.num_heads)?);
            out.push(Shape::new([dim_at(q, 0)?, heads, len, len]));
        }
        Ok(out)
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        // All weights belong to the projection sublayers, which Keras builds
        // without the layer's constructor `trainable` argument.
        Ok(self
            .build(inputs)?
            .into_iter()
            .map(WeightSpec::inherited)
            .collect())
    }

    fn build_time_names(&self) -> &'static [&'static str] {
        BUILD_TIME_NAMES
    }
}

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
/// # fn main() -> kerasinfo::Result<()> {
/// let q = Input::new([6, 16]).tensor()?;
/// let v = Input::new([None, Some(16)]).tensor()?;
/// let y = GroupQueryAttention::new(4, 8, 2).call([&q, &v])?;
/// assert_eq!(y.shape().to_string(), "(None, 6, 16)");
/// assert!(GroupQueryAttention::new(4, 6, 4).call([&q, &v]).is_err());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct GroupedQueryAttention {
    config: LayerConfig,
    head_dim: i64,
    num_query_heads: i64,
    num_key_value_heads: i64,
    dropout: f64,
    use_bias: bool,
    use_gate: bool,
    return_attention_scores: bool,
}

/// Keras's exported name (`keras.layers.GroupQueryAttention`) for
/// [`GroupedQueryAttention`], the class name Keras prints.
pub type GroupQueryAttention = GroupedQueryAttention;

impl GroupedQueryAttention {
    /// Grouped-query attention with heads of size `head_dim`.
    pub fn new(
        head_dim: impl crate::args::Int,
        num_query_heads: impl crate::args::Int,
        num_key_value_heads: impl crate::args::Int,
    ) -> Self {
        let head_dim = head_dim.to_i64();
        let num_query_heads = num_query_heads.to_i64();
        let num_key_value_heads = num_key_value_heads.to_i64();
        crate::layer::constructed(GroupedQueryAttention {
            config: LayerConfig::default(),
            head_dim,
            num_query_heads,
            num_key_value_heads,
            dropout: 0.0,
            use_bias: true,
            use_gate: false,
            return_attention_scores: false,
        })
    }

    /// Keras's call argument `return_attention_scores=True`: the layer then
    /// has a second output, the scores `(batch, num_query_heads, query_len,
    /// key_len)`, to be received with `call_multi`. Defaults to `false`.
    pub fn return_attention_scores(mut self, return_attention_scores: bool) -> Self {
        self.return_attention_scores = return_attention_scores;
        self
    }

    /// Keras's `dropout=` on the attention scores (no effect on shapes).
    /// Defaults to `0.0`.
    pub fn dropout(mut self, dropout: f64) -> Self {
        self.dropout = dropout;
        self
    }

    /// Keras's `use_bias=`. Defaults to `true`.
    pub fn use_bias(mut self, use_bias: bool) -> Self {
        self.use_bias = use_bias;
        self
    }

    /// Keras's `use_gate=`: adds a sigmoid-gated `gate` projection of the
    /// query. Defaults to `false`.
    pub fn use_gate(mut self, use_gate: bool) -> Self {
        self.use_gate = use_gate;
        self
    }

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
        if head_dim == 0 {
            // Keras computes `1 / sqrt(head_dim)` in the constructor.
            return Err(LayerError::argument("head_dim", "float division by zero"));
        }
        let nq = non_negative("num_query_heads", self.num_query_heads)?;
        let nkv = non_negative("num_key_value_heads", self.num_key_value_heads)?;
        if nkv == 0 {
            return Err(LayerError::argument(
                "num_key_value_heads",
                "integer modulo by zero",
            ));
        }
        if nq.checked_rem(nkv) != Some(0) {
            return Err(LayerError::argument(
                "num_query_heads",
                "`num_query_heads` must be divisible by `num_key_value_heads`",
            ));
        }
        Ok((head_dim, nq, nkv))
    }

    /// Keras's `compute_output_shape`.
    fn output(&self, inputs: &[Shape]) -> Result<Shape, LayerError> {
        self.check_args()?;
        let (q, v, k) = query_value_key(inputs)?;
        let (qf, vf) = (last(q)?, last(v)?);
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

    /// Keras's `build`: the sublayers' weights.
    fn build(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let (head_dim, nq, nkv) = self.check_args()?;
        let (q, v, k) = query_value_key(inputs)?;
        let (h, nq, nkv) = (Dim::Known(head_dim), Dim::Known(nq), Dim::Known(nkv));
        let feature_dim = last(q)?;
        let mut w = Vec::new();
        let bias = |b: &'static str| self.use_bias.then_some(b);
        let qdims = [Dim::Unknown, nq, h];
        let kvdims = [Dim::Unknown, nkv, h];
        sublayer(
            "query",
            "bqm,muh->bquh",
            &qdims,
            bias("uh"),
            q.dims(),
            &mut w,
        )?;
        sublayer(
            "key",
            "bkm,mvh->bkvh",
            &kvdims,
            bias("vh"),
            k.dims(),
            &mut w,
        )?;
        if self.use_gate {
            sublayer(
                "gate",
                "bqm,muh->bquh",
                &qdims,
                bias("uh"),
                q.dims(),
                &mut w,
            )?;
        }
        sublayer(
            "value",
            "bkm,mvh->bkvh",
            &kvdims,
            bias("vh"),
            v.dims(),
            &mut w,
        )?;
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
}

impl Layer for GroupedQueryAttention {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }

    /// Called on `query, value[, key]`.
    fn inputs_arg(&self) -> crate::layer::InputsArg {
        crate::layer::InputsArg::Positional
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let o = w::obj([
            ("head_dim", json!(self.head_dim)),
            ("num_query_heads", json!(self.num_query_heads)),
            ("num_key_value_heads", json!(self.num_key_value_heads)),
            ("use_bias", json!(self.use_bias)),
            ("use_gate", json!(self.use_gate)),
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

    layer_common!("GroupedQueryAttention");

    /// Keras's config names the class `GroupQueryAttention`.
    fn config_class_name(&self) -> &str {
        "GroupQueryAttention"
    }

    fn holds_layers(&self) -> bool {
        true
    }

    /// # Cost
    /// As [`MultiHeadAttention`]'s, with `num_query_heads` score heads of
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
            let heads = u64::try_from(self.num_query_heads)
                .map_err(|_| LayerError::argument("num_query_heads", "must be >= 0"))?;
            out.push(Shape::new([
                dim_at(q, 0)?,
                Dim::Known(heads),
                dim_at(q, 1)?,
                dim_at(k, 1)?,
            ]));
        }
        Ok(out)
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        // All weights belong to the projection sublayers, which Keras builds
        // without the layer's constructor `trainable` argument.
        Ok(self
            .build(inputs)?
            .into_iter()
            .map(WeightSpec::inherited)
            .collect())
    }

    fn build_time_names(&self) -> &'static [&'static str] {
        BUILD_TIME_NAMES
    }
}

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

/// The inputs of `Attention`/`AdditiveAttention`, checked as Keras's
/// `_validate_inputs`, and their output shape `(*query[:-1], value[-1])`.
fn dot_attention_output(class: &str, inputs: &[Shape]) -> Result<Shape, LayerError> {
    let (q, v) = match inputs {
        [q, v] | [q, v, _] => (q, v),
        _ => {
            return Err(LayerError::Other(format!(
                "{class} layer must be called on a list of 2 or 3 inputs, namely [query, value] or [query, value, key]; received {} input(s)",
                inputs.len()
            )));
        }
    };
    Ok(init(q).iter().copied().chain([last(v)?]).collect())
}

/// The scores of `Attention`/`AdditiveAttention`: `(*query[:-1], key[-2])`.
fn dot_attention_scores(inputs: &[Shape]) -> Result<Shape, LayerError> {
    let (q, _, k) = query_value_key(inputs)?;
    Ok(init(q).iter().copied().chain([dim_at(k, -2)?]).collect())
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
    /// [`AdditiveAttention`]'s, with the weight multiplying each score once;
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

/// Registers the attention classes with the config importer. Keras's call
/// argument `return_attention_scores` is read from the layer's inbound
/// nodes.
#[cfg(feature = "keras-json")]
pub(crate) fn register(r: &mut crate::config::Registry) {
    type Built = crate::Result<Box<dyn Layer>>;
    r.register("MultiHeadAttention", |c| -> Built {
        let mut l = MultiHeadAttention::new(c.int("num_heads")?, c.int("key_dim")?)
            .dropout(c.float_or("dropout", 0.0)?)
            .use_bias(c.bool_or("use_bias", true)?)
            .use_gate(c.bool_or("use_gate", false)?)
            .return_attention_scores(c.call_bool_or("return_attention_scores", false)?);
        if let Some(v) = c.opt_int("value_dim")? {
            l = l.value_dim(v);
        }
        if let Some(s) = crate::layers::core::config_shape_arg(c, "output_shape")? {
            l = l.output_shape(s);
        }
        if let Some(axes) = c.int_list("attention_axes")? {
            l = l.attention_axes(axes);
        }
        Ok(Box::new(l))
    });
    let gqa = |c: &crate::config::Cfg<'_>| -> Built {
        Ok(Box::new(
            GroupedQueryAttention::new(
                c.int("head_dim")?,
                c.int("num_query_heads")?,
                c.int("num_key_value_heads")?,
            )
            .dropout(c.float_or("dropout", 0.0)?)
            .use_bias(c.bool_or("use_bias", true)?)
            .use_gate(c.bool_or("use_gate", false)?)
            .return_attention_scores(c.call_bool_or("return_attention_scores", false)?),
        ))
    };
    r.register("GroupQueryAttention", gqa);
    r.register("GroupedQueryAttention", gqa);
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
    r.register("AdditiveAttention", |c| -> Built {
        Ok(Box::new(
            AdditiveAttention::new()
                .use_scale(c.bool_or("use_scale", true)?)
                .dropout(c.float_or("dropout", 0.0)?)
                .return_attention_scores(c.call_bool_or("return_attention_scores", false)?),
        ))
    });
}
