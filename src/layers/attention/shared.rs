//! Checks and shape helpers the attention layers share.

use crate::error::LayerError;
use crate::layers::core::{EinsumShapes, analyze_einsum, py_tuple};
use crate::shape::{Dim, Shape};
use crate::weight::WeightSpec;

/// `shape[1:-1]` as Python slices it.
pub(super) fn middle(s: &Shape) -> &[Dim] {
    let d = s.dims();
    d.get(1..d.len().saturating_sub(1)).unwrap_or(&[])
}

/// `shape[:-1]` as Python slices it.
pub(super) fn init(s: &Shape) -> &[Dim] {
    s.dims().split_last().map_or(&[], |(_, init)| init)
}

pub(super) fn rank_of(s: &Shape) -> Result<i64, LayerError> {
    i64::try_from(s.rank()).map_err(|_| LayerError::overflow("rank"))
}

/// Python's `string.ascii_lowercase`.
const ASCII_LOWERCASE: &[u8; 26] = b"abcdefghijklmnopqrstuvwxyz";

pub(super) fn letter_error() -> LayerError {
    LayerError::Other("IndexError: string index out of range".into())
}

/// Keras's `_build_proj_equation(free_dims, bound_dims, output_dims)`:
/// the equation, the bias axes and the output rank.
pub(super) fn proj_equation(
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
pub(super) fn proj_output_shape(output_rank: i64, known: &[Dim]) -> Vec<Dim> {
    let n = usize::try_from(output_rank)
        .unwrap_or(0)
        .saturating_sub(known.len());
    std::iter::repeat_n(Dim::Unknown, n)
        .chain(known.iter().copied())
        .collect()
}

/// Builds one `EinsumDense` sublayer, appending its weights (prefixed with
/// `name`) to `weights`: inherited, as Keras builds the sublayers without
/// the layer's constructor `trainable` argument.
pub(super) fn sublayer(
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
            .map(|w| w.prefixed(name).inherited()),
    );
    Ok(a)
}

/// Keras's multi-head layers create a `Softmax` and a `Dropout` layer
/// with automatic names when built, which takes those names from later
/// layers (the next `Dropout` is `dropout_1`).
pub(super) const BUILD_TIME_NAMES: &[&str] = &[
    crate::layers::Softmax::KERAS_CLASS,
    crate::layers::Dropout::KERAS_CLASS,
];

/// Checks the `dropout` rate as the `Dropout` layer Keras makes of it does.
pub(super) fn check_rate(rate: f64) -> Result<(), LayerError> {
    crate::layers::regularization::check_unit_interval("dropout", "rate", rate)
}

/// `value_shape[1:-1] == key_shape[1:-1]`, or Keras's error.
pub(super) fn check_value_key(value: &Shape, key: &Shape) -> Result<(), LayerError> {
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
pub(super) fn query_value_key(inputs: &[Shape]) -> Result<(&Shape, &Shape, &Shape), LayerError> {
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
pub(super) fn dim_at(s: &Shape, i: i64) -> Result<Dim, LayerError> {
    s.get(i)
        .ok_or_else(|| LayerError::Other("IndexError: tuple index out of range".into()))
}

pub(super) fn positive(name: &str, v: i64) -> Result<u64, LayerError> {
    u64::try_from(v).ok().filter(|v| *v > 0).ok_or_else(|| {
        LayerError::argument(
            name,
            format!("expected a positive integer, received {name}={v}"),
        )
    })
}
/// The inputs of `Attention`/`AdditiveAttention`, checked as Keras's
/// `_validate_inputs`, and their output shape `(*query[:-1], value[-1])`.
pub(super) fn dot_attention_output(class: &str, inputs: &[Shape]) -> Result<Shape, LayerError> {
    let (q, v) = match inputs {
        [q, v] | [q, v, _] => (q, v),
        _ => {
            return Err(LayerError::Other(format!(
                "{class} layer must be called on a list of 2 or 3 inputs, namely [query, value] or [query, value, key]; received {} input(s)",
                inputs.len()
            )));
        }
    };
    Ok(init(q).iter().copied().chain([dim_at(v, -1)?]).collect())
}

/// The scores of `Attention`/`AdditiveAttention`: `(*query[:-1], key[-2])`.
pub(super) fn dot_attention_scores(inputs: &[Shape]) -> Result<Shape, LayerError> {
    let (q, _, k) = query_value_key(inputs)?;
    Ok(init(q).iter().copied().chain([dim_at(k, -2)?]).collect())
}
