//! `AxisArg` and the checks the normalization layers share.

use smallvec::SmallVec;

use crate::error::LayerError;
use crate::shape::{Dim, Shape};

/// An `int or list of ints` axis argument (`axis=-1`, `axis=[1, 2]`), kept
/// as given and checked against the input when the layer is used.
///
/// ```
/// use kerasinfo::layers::AxisArg;
/// let a: AxisArg = (-1).into();
/// assert_eq!(a.axes(), &[-1]);
/// let b: AxisArg = [2, -1].into();
/// assert_eq!(b.axes(), &[2, -1]);
/// let c: AxisArg = vec![1].into();
/// assert_eq!(c.axes(), &[1]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AxisArg(SmallVec<[i64; 4]>);

impl AxisArg {
    /// The axes, as given.
    #[must_use]
    pub fn axes(&self) -> &[i64] {
        &self.0
    }

    /// The axes sorted as Python's `sorted` sorts them (by their given
    /// value, negative axes first), which is the order Keras gives the
    /// dimensions of `LayerNormalization`'s and `RMSNormalization`'s weights.
    fn sorted(&self) -> SmallVec<[i64; 4]> {
        let mut v = self.0.clone();
        v.sort_unstable();
        v
    }
}

impl std::fmt::Display for AxisArg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.as_slice() {
            [one] => write!(f, "{one}"),
            // A slice's `Debug`: `[a, b]`.
            many => write!(f, "{many:?}"),
        }
    }
}

macro_rules! axis_arg_from {
    ($($t:ty),*) => {$(
        from_impls! {
            $t => AxisArg: |v| AxisArg(smallvec::smallvec![i64::from(v)]);
            {const N: usize} [$t; N] => AxisArg:
                |v| AxisArg(v.iter().map(|a| i64::from(*a)).collect());
            Vec<$t> => AxisArg: |v| AxisArg(v.iter().map(|a| i64::from(*a)).collect());
            &[$t] => AxisArg: |v| AxisArg(v.iter().map(|a| i64::from(*a)).collect());
        }
    )*};
}
axis_arg_from!(i32, i64);

/// `a·N + b·R` FLOPs for the `N` output elements in `R` normalized
/// vectors of `size` elements each; unknown when either is.
pub(super) fn normalization_cost(
    outputs: &[Shape],
    size: Option<u64>,
    a: u64,
    b: u64,
) -> Result<Option<crate::compute::Cost>, LayerError> {
    use crate::weight::{checked_add, checked_mul};
    let Some(size) = size else {
        return Ok(None);
    };
    let Some(n) = crate::compute::output_elements(outputs)? else {
        return Ok(None);
    };
    let r = n.checked_div(size).unwrap_or(0);
    let flops = checked_add(checked_mul(n, a)?, checked_mul(r, b)?)?;
    Ok(Some(crate::compute::Cost::elementwise(flops)))
}

/// The dimension at `axis`, or Keras's `IndexError` when out of range.
pub(super) fn dim_at(x: &Shape, axis: i64) -> Result<Dim, LayerError> {
    x.get(axis).ok_or_else(|| x.axis_out_of_range(axis))
}

/// The known sizes of `dims`, or the error Keras raises when creating a
/// variable of a partly unknown shape.
pub(super) fn known_weight_shape(
    x: &Shape,
    dims: &[Dim],
    name: &str,
) -> Result<Vec<u64>, LayerError> {
    dims.iter()
        .map(|d| {
            d.known().ok_or_else(|| {
                LayerError::input(
                    x,
                    format!(
                        "the shape of `{name}` must be fully defined, but an axis it spans has size None"
                    ),
                )
            })
        })
        .collect()
}

/// The shape of a weight spanning the (Python-`sorted`) axes of `x`.
pub(super) fn axes_weight_dims(x: &Shape, axis: &AxisArg) -> Result<Vec<Dim>, LayerError> {
    axis.sorted().iter().map(|a| dim_at(x, *a)).collect()
}
/// An `axis`-like argument: read from an int or a list of ints, written
/// as a list.
#[cfg(feature = "keras-json")]
impl crate::layers::declare::Arg for AxisArg {
    const WHAT: &'static str = "axis";
    fn optional(c: &crate::config::cfg::Cfg<'_>, key: &str) -> crate::Result<Option<Self>> {
        Ok(c.int_list(key)?.map(AxisArg::from))
    }
    fn to_config(&self) -> serde_json::Value {
        serde_json::json!(self.axes())
    }
}

/// `BatchNormalization`'s `axis`: an int (tf.keras 2 writes a list of
/// one), written as an int.
#[cfg(feature = "keras-json")]
pub(super) struct BatchNormAxis;

#[cfg(feature = "keras-json")]
impl crate::layers::declare::Codec<i64> for BatchNormAxis {
    fn required(c: &crate::config::cfg::Cfg<'_>, key: &str) -> crate::Result<i64> {
        Self::optional(c, key)?.ok_or_else(|| c.error(key, "missing required integer"))
    }
    fn optional(c: &crate::config::cfg::Cfg<'_>, key: &str) -> crate::Result<Option<i64>> {
        // An int, read without making a list.
        if let Some(n) = c.value(key).and_then(crate::config::cfg::int_of) {
            return Ok(Some(n));
        }
        match c.int_list(key)?.as_deref() {
            None => Ok(None),
            Some([one]) => Ok(Some(*one)),
            Some(_) => Err(c.error(key, "expected an int (or a list of one int)")),
        }
    }
    fn write(value: &i64) -> serde_json::Value {
        serde_json::json!(value)
    }
}

/// A normalization layer's declared arguments with the `beta` and `gamma`
/// initializers Keras writes beside them (`zeros` and `ones`).
#[cfg(feature = "keras-json")]
pub(super) fn with_beta_gamma_initializers(
    mut args: serde_json::Map<String, serde_json::Value>,
) -> serde_json::Map<String, serde_json::Value> {
    use crate::config::writer as w;
    args.insert("beta_initializer".into(), w::zeros());
    args.insert("gamma_initializer".into(), w::ones());
    args
}
