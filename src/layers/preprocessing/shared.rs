//! Helpers the preprocessing layers share: output shapes, argument
//! checks and config readers.

use crate::args::DataFormat;
use crate::error::LayerError;
use crate::shape::{Dim, Shape};

/// A shape with dimension `axis` (negative counts from the end) replaced,
/// or Keras's `IndexError` when the input has no such axis.
pub(super) fn replace_dim(shape: &Shape, axis: i64, dim: Dim) -> Result<Shape, LayerError> {
    Ok(shape.with(shape.axis_index(axis)?, dim))
}

/// A user-given size (`height`, `width`, `num_tokens`) checked to be at
/// least `min`.
pub(super) fn at_least(argument: &str, value: i64, min: i64) -> Result<u64, LayerError> {
    argument_error_if!(
        value < min,
        argument,
        format!("must be >= {min}, received {argument}={value}"),
    );
    u64::try_from(value).map_err(|_| LayerError::argument(argument, "out of range"))
}

/// A shape with `depth` appended after `dims`.
pub(super) fn with_depth<'a>(dims: impl IntoIterator<Item = &'a Dim>, depth: Dim) -> Shape {
    dims.into_iter()
        .copied()
        .chain(std::iter::once(depth))
        .collect()
}

/// Keras's one-hot encoded shape: a last axis of size 1 (rank > 1)
/// replaced by `depth`, otherwise `depth` appended.
pub(super) fn one_hot_shape(dims: &[Dim], depth: Dim) -> Shape {
    match dims.split_last() {
        Some((Dim::Known(1), init)) if !init.is_empty() => with_depth(init, depth),
        _ => with_depth(dims, depth),
    }
}

/// Keras's multi-hot (or count) encoded shape: the last axis replaced by
/// `depth` (appended to a scalar).
pub(super) fn multi_hot_shape(dims: &[Dim], depth: Dim) -> Shape {
    with_depth(dims.split_last().map_or(&[][..], |(_, init)| init), depth)
}

/// A list of numbers under `key` (`bin_boundaries`, `idf_weights`).
#[cfg(feature = "keras-json")]
pub(super) fn float_list(
    c: &crate::config::cfg::Cfg<'_>,
    key: &str,
) -> crate::Result<Option<Vec<f64>>> {
    let Some(v) = c.get(key) else {
        return Ok(None);
    };
    let items = v.as_array().ok_or_else(|| {
        c.error(
            key,
            format!(
                "expected a list of numbers, found {}",
                crate::config::json::kind(v)
            ),
        )
    })?;
    items
        .iter()
        .map(|i| {
            i.as_f64().ok_or_else(|| {
                c.error(
                    key,
                    format!("expected numbers, found {}", crate::config::json::kind(i)),
                )
            })
        })
        .collect::<crate::Result<Vec<f64>>>()
        .map(Some)
}

/// Sets height and width the way `Resizing`/`CenterCrop` do: axes 1, 2
/// (channels_last) or 2, 3 (channels_first) of a batched 4D input, and
/// 0, 1 or 1, 2 of any other rank.
pub(super) fn set_hw(
    x: &Shape,
    data_format: DataFormat,
    h: u64,
    w: u64,
) -> Result<Shape, LayerError> {
    let (hi, wi) = match (x.rank() == 4, data_format) {
        (true, DataFormat::ChannelsLast) => (1, 2),
        (true, DataFormat::ChannelsFirst) => (2, 3),
        (false, DataFormat::ChannelsLast) => (0, 1),
        (false, DataFormat::ChannelsFirst) => (1, 2),
    };
    let y = replace_dim(x, hi, Dim::Known(h))?;
    replace_dim(&y, wi, Dim::Known(w))
}

/// A non-negative `vocabulary_size` of a config.
#[cfg(feature = "keras-json")]
pub(super) fn vocabulary_size_from(c: &crate::config::cfg::Cfg<'_>) -> crate::Result<Option<u64>> {
    let size = |n| u64::try_from(n).map_err(|_| c.error("vocabulary_size", "must be >= 0"));
    c.opt_int("vocabulary_size")?.map(size).transpose()
}

/// The lookups' hidden `vocabulary_size`, read by
/// [`vocabulary_size_from`], written as `null` or the size.
#[cfg(feature = "keras-json")]
pub(super) struct VocabularySize;

#[cfg(feature = "keras-json")]
impl crate::layers::declare::Codec<Option<u64>> for VocabularySize {
    fn optional(c: &crate::config::cfg::Cfg<'_>, _key: &str) -> crate::Result<Option<Option<u64>>> {
        Ok(vocabulary_size_from(c)?.map(Some))
    }
    fn write(value: &Option<u64>) -> serde_json::Value {
        serde_json::json!(value)
    }
}

// A list of numbers (`bin_boundaries`, `idf_weights`), written as a list.
plain_arg!(Vec<f64>, "list", float_list);

/// A `salt` (`Hashing`, the lookups): one integer (used twice) or a list
/// of two, written as one integer when both are equal.
#[cfg(feature = "keras-json")]
pub(super) struct Salt;

#[cfg(feature = "keras-json")]
impl crate::layers::declare::Codec<Option<[i64; 2]>> for Salt {
    fn optional(
        c: &crate::config::cfg::Cfg<'_>,
        key: &str,
    ) -> crate::Result<Option<Option<[i64; 2]>>> {
        let Some(v) = c.get(key) else {
            return Ok(None);
        };
        match c.int_list(key)?.as_deref() {
            Some([one]) if !v.is_array() => Ok(Some(Some([*one, *one]))),
            Some([a, b]) => Ok(Some(Some([*a, *b]))),
            _ => Err(c.error(key, "expected an integer or a list of two integers")),
        }
    }
    fn write(value: &Option<[i64; 2]>) -> serde_json::Value {
        match value {
            None => serde_json::Value::Null,
            Some([a, b]) if a == b => serde_json::json!(a),
            Some(pair) => serde_json::json!(pair),
        }
    }
}
