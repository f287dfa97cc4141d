//! Helpers several layers share: LoRA weights, Python tuples, config
//! arguments.

use crate::error::{LayerError, Result};
use crate::shape::Dim;
#[cfg(feature = "keras-json")]
use crate::shape::ShapeArg;
use crate::weight::{DType, WeightSpec};

/// Enables LoRA as Keras's `enable_lora` does: freezes the weight `base`
/// and appends `{prefix}_a (base[:-1], rank)` and `{prefix}_b (rank,
/// base[-1])`, both `float32`. A rank of `None` or `0` leaves `w` as is.
pub(super) fn add_lora(
    w: &mut Vec<WeightSpec>,
    rank: Option<i64>,
    base: &str,
    prefix: &str,
) -> Result<(), LayerError> {
    let rank = match rank {
        None | Some(0) => return Ok(()),
        Some(r) => u64::try_from(r).map_err(|_| {
            LayerError::argument(
                "lora_rank",
                format!(
                    "cannot create LoRA weights of rank {r}: negative dimensions are not allowed"
                ),
            )
        })?,
    };
    let Some(kernel) = w.iter_mut().find(|s| s.name == base) else {
        return Ok(());
    };
    kernel.trainable = false; // frozen: created trainable
    let Some((last, head)) = kernel.shape.split_last() else {
        return Err(LayerError::Other(format!(
            "cannot enable LoRA on the scalar weight `{base}`"
        )));
    };
    let a: Vec<u64> = head.iter().copied().chain([rank]).collect();
    let b = [rank, *last];
    w.push(WeightSpec::new(format!("{prefix}_a"), a).with_dtype(DType::Float32));
    w.push(WeightSpec::new(format!("{prefix}_b"), b).with_dtype(DType::Float32));
    Ok(())
}

/// A shape as Python prints a tuple: `(None, 64)`, `(3,)`, `()`.
pub(crate) fn py_tuple(dims: &[Dim]) -> String {
    crate::args::PyTuple(dims).to_string()
}
/// A shape argument of a layer config given as an int `n` (`(n,)`) or a
/// list of ints and `null`s (`EinsumDense`'s and `MultiHeadAttention`'s
/// `output_shape`); `None` when missing or `null`.
#[cfg(feature = "keras-json")]
pub(crate) fn config_shape_arg(
    c: &crate::config::cfg::Cfg<'_>,
    key: &str,
) -> Result<Option<ShapeArg>> {
    let Some(v) = c.get(key) else {
        return Ok(None);
    };
    if let Some(n) = crate::config::cfg::as_int(v) {
        return Ok(Some(ShapeArg::from([n])));
    }
    if !v.is_array() {
        return Err(c.error(
            key,
            format!(
                "expected an int or a list, found {}",
                crate::config::json::kind(v)
            ),
        ));
    }
    Ok(c.opt_dims(key)?.map(ShapeArg::from))
}
