//! Preprocessing layers: feature normalization and rescaling, image
//! resizing and cropping, categorical encodings and lookups, and the random
//! image augmentation layers.
//!
//! Only [`Normalization`] (when it is not given `mean` and `variance`)
//! creates weights; every other layer here has none.

use crate::error::LayerError;
use crate::shape::{Dim, Shape};

mod augmentation;
mod categorical;
mod image;
mod lookup;
mod numerical;
mod pipeline;
mod text;

pub use augmentation::*;
pub use categorical::*;
pub use image::*;
pub use lookup::*;
pub use numerical::*;
pub use pipeline::*;
pub use text::*;

/// Keras's `output_mode=` of the categorical layers ([`CategoryEncoding`],
/// [`Hashing`], [`Discretization`], [`IntegerLookup`], [`StringLookup`]).
/// Each layer accepts a subset and rejects the others, as Keras does.
///
/// ```
/// use kerasinfo::layers::OutputMode;
/// assert_eq!(OutputMode::TfIdf.to_string(), "tf_idf");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputMode {
    /// `"int"`: one index per input element.
    Int,
    /// `"one_hot"`: each element encoded as a vector of `depth`.
    OneHot,
    /// `"multi_hot"` (alias `"binary"`): the last axis encoded as one vector.
    MultiHot,
    /// `"count"`: like `multi_hot`, counting occurrences.
    Count,
    /// `"tf_idf"`: like `multi_hot`, weighted by inverse document frequency.
    TfIdf,
}

impl std::fmt::Display for OutputMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            OutputMode::Int => "int",
            OutputMode::OneHot => "one_hot",
            OutputMode::MultiHot => "multi_hot",
            OutputMode::Count => "count",
            OutputMode::TfIdf => "tf_idf",
        })
    }
}

impl OutputMode {
    /// `Ok` if `self` is one of `allowed`, else Keras's argument error.
    fn check(self, allowed: &[OutputMode]) -> Result<(), LayerError> {
        if allowed.contains(&self) {
            Ok(())
        } else {
            let names: Vec<String> = allowed.iter().map(|m| format!("'{m}'")).collect();
            Err(LayerError::argument(
                "output_mode",
                format!(
                    "expected one of ({}), received output_mode={self}",
                    names.join(", ")
                ),
            ))
        }
    }
}

/// A shape with dimension `axis` (negative counts from the end) replaced,
/// or Keras's `IndexError` when the input has no such axis.
fn replace_dim(shape: &Shape, axis: i64, dim: Dim) -> Result<Shape, LayerError> {
    let index = shape.normalize_axis(axis).ok_or_else(|| {
        LayerError::input(
            shape,
            format!("axis {axis} is out of range for rank {}", shape.rank()),
        )
    })?;
    Ok(shape.with(index, dim))
}

/// A user-given size (`height`, `width`, `num_tokens`) checked to be at
/// least `min`.
fn at_least(argument: &str, value: i64, min: i64) -> Result<u64, LayerError> {
    if value < min {
        return Err(LayerError::argument(
            argument,
            format!("must be >= {min}, received {argument}={value}"),
        ));
    }
    u64::try_from(value).map_err(|_| LayerError::argument(argument, "out of range"))
}

/// A shape with `depth` appended after `dims`.
fn with_depth<'a>(dims: impl IntoIterator<Item = &'a Dim>, depth: Dim) -> Shape {
    dims.into_iter()
        .copied()
        .chain(std::iter::once(depth))
        .collect()
}

/// Registers every preprocessing class with the config importer.
#[cfg(feature = "keras-json")]
pub(crate) fn register(r: &mut crate::config::registry::Registry) {
    numerical::register(r);
    image::register(r);
    categorical::register(r);
    lookup::register(r);
    text::register(r);
    augmentation::register(r);
    pipeline::register(r);
}

/// `output_mode` of a config (Keras's aliases `binary` and `tf-idf`
/// included), or `default`.
#[cfg(feature = "keras-json")]
fn output_mode_from(
    c: &crate::config::cfg::Cfg<'_>,
    default: OutputMode,
) -> crate::Result<OutputMode> {
    Ok(match c.opt_str("output_mode")? {
        None => default,
        Some("int") => OutputMode::Int,
        Some("one_hot") => OutputMode::OneHot,
        Some("multi_hot" | "binary") => OutputMode::MultiHot,
        Some("count") => OutputMode::Count,
        Some("tf_idf" | "tf-idf") => OutputMode::TfIdf,
        Some(other) => {
            return Err(c.error(
                "output_mode",
                format!(
                    "expected one of int, one_hot, multi_hot, count or tf_idf, found {other:?}"
                ),
            ));
        }
    })
}

/// A list of numbers under `key` (`bin_boundaries`, `idf_weights`).
#[cfg(feature = "keras-json")]
fn float_list(c: &crate::config::cfg::Cfg<'_>, key: &str) -> crate::Result<Option<Vec<f64>>> {
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
