//! `Normalization`.

use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape};
use crate::weight::{DType, WeightSpec};

/// Keras's `axis=` of [`Normalization`]: one axis, several, or none
/// (`axis=None`, a single mean and variance for all values).
///
/// Built from an integer (`-1`), an array or vector of integers
/// (`[1, 2]`), or an `Option` (`None::<i64>` for Keras's `None`).
///
/// ```
/// use kerasinfo::layers::NormalizationAxis;
/// assert_eq!(NormalizationAxis::from(-1).0, vec![-1]);
/// assert_eq!(NormalizationAxis::from([1, 2]).0, vec![1, 2]);
/// assert!(NormalizationAxis::from(None::<i64>).0.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalizationAxis(pub Vec<i64>);

macro_rules! norm_axis_from {
    ($($t:ty),*) => {$(
        from_impls! {
            $t => NormalizationAxis: |a| NormalizationAxis(vec![i64::from(a)]);
            Option<$t> => NormalizationAxis:
                |a| NormalizationAxis(a.map(i64::from).into_iter().collect());
            {const N: usize} [$t; N] => NormalizationAxis:
                |a| NormalizationAxis(a.into_iter().map(i64::from).collect());
            Vec<$t> => NormalizationAxis:
                |a| NormalizationAxis(a.into_iter().map(i64::from).collect());
        }
    )*};
}
norm_axis_from!(i32, i64);

/// A `mean=` or `variance=` value given to [`Normalization`]: a scalar, a
/// vector or a matrix. Only its shape matters to the model's structure.
///
/// ```
/// use kerasinfo::layers::NormalizationValue;
/// assert!(NormalizationValue::from(2.0).shape.is_empty());
/// assert_eq!(NormalizationValue::from([1.0, 2.0, 3.0]).shape, vec![3]);
/// assert_eq!(NormalizationValue::from(vec![vec![1.0, 2.0]; 4]).shape, vec![4, 2]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct NormalizationValue {
    /// NumPy's `np.shape` of the value.
    pub shape: Vec<u64>,
}

fn len_u64(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

from_impls! {
    f64 => NormalizationValue: |_| NormalizationValue { shape: Vec::new() };
    f32 => NormalizationValue: |_| NormalizationValue { shape: Vec::new() };
    {const N: usize} [f64; N] => NormalizationValue:
        |_| NormalizationValue { shape: vec![len_u64(N)] };
    Vec<f64> => NormalizationValue: |v| NormalizationValue { shape: vec![len_u64(v.len())] };
    &[f64] => NormalizationValue: |v| NormalizationValue { shape: vec![len_u64(v.len())] };
    Vec<Vec<f64>> => NormalizationValue: |v| NormalizationValue {
        shape: vec![len_u64(v.len()), len_u64(v.first().map_or(0, Vec::len))],
    };
}

keras_layer! {
    class "Normalization";
    /// `keras.layers.Normalization(axis=-1, mean=None, variance=None,
    /// invert=False)`: shifts and scales inputs by a mean and variance, either
    /// given or learned with `adapt()`.
    ///
    /// # Shapes
    /// Output equals input. The kept axes (`axis`) must be known.
    /// Without `mean`/`variance` the layer creates three non-trainable weights:
    /// `mean` and `variance` of shape `tuple(input_shape[a] for a in
    /// sorted(axis))` (in the layer's dtype), and the scalar `count` (`int64`).
    /// With `mean` and `variance` given it has no weights.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([8, 8, 3]).tensor()?;
    /// let y = Normalization::new().call(&x)?;
    /// let z = Normalization::new().mean(0.5).variance(0.25).call(&y)?;
    /// let model = Functional::new(&x, &z).build()?;
    /// let s = model.summary();
    /// assert_eq!((s.total_params, s.non_trainable_params), (7, 7));
    /// assert_eq!(s.total_size.to_string(), "32.00 B"); // 6 float32 + 1 int64
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct Normalization {}
    /// A normalization layer over the last axis.
    fn new;
    /// Keras's `axis=`: the axis or axes with their own mean and variance;
    /// `None::<i64>` (or an empty list) for one over all values. Defaults to `-1`.
    axis: Vec<i64> [self::AxisOrNone] = vec![-1], |axis: impl Into<NormalizationAxis>| axis.into().0;
    /// Keras's `invert=`: undo the normalization instead. Defaults to `false`.
    invert: bool = false, |invert: bool| invert;
    /// Keras's `mean=`: a fixed mean (then `variance` must be given too and
    /// the layer has no weights). Defaults to `None`.
    mean: Option<NormalizationValue> [self::ValueShape] = None, |mean: impl Into<NormalizationValue>| Some(mean.into());
    /// Keras's `variance=`: a fixed variance. Defaults to `None`.
    variance: Option<NormalizationValue> [self::ValueShape] = None, |variance: impl Into<NormalizationValue>| Some(variance.into());
}

impl Normalization {
    /// Checks the constructor arguments as Keras's `__init__` does.
    fn check_args(&self) -> Result<(), LayerError> {
        match (&self.mean, &self.variance) {
            (None, None) => Ok(()),
            (Some(m), Some(v)) => {
                argument_error_if!(
                    m.shape != v.shape,
                    "mean",
                    format!(
                        "`mean` and `variance` must have the same shape, received mean shape {:?} and variance shape {:?}",
                        m.shape, v.shape
                    ),
                );
                argument_error_if!(
                    m.shape.len() > self.axis.len(),
                    "mean",
                    format!(
                        "the rank of `mean` must be less than or equal to the number of axes ({}), received mean shape {:?}",
                        self.axis.len(),
                        m.shape
                    ),
                );
                Ok(())
            }
            _ => Err(LayerError::argument(
                "mean",
                "when setting values directly, both `mean` and `variance` must be set",
            )),
        }
    }

    /// The kept axes (sorted, non-negative) and their sizes.
    fn kept(&self, x: &Shape) -> Result<Vec<(usize, u64)>, LayerError> {
        let mut axes = Vec::with_capacity(self.axis.len());
        for &a in &self.axis {
            let i = x.normalize_axis(a).ok_or_else(|| {
                LayerError::argument(
                    "axis",
                    format!(
                        "all `axis` values must be in the range [-ndim, ndim), received inputs with ndim={}, while axis={:?}",
                        x.rank(),
                        self.axis
                    ),
                )
            })?;
            axes.push(i);
        }
        axes.sort_unstable();
        axes.into_iter()
            .map(|i| match x.dims().get(i) {
                Some(Dim::Known(n)) => Ok((i, *n)),
                _ => Err(LayerError::input(
                    x,
                    format!(
                        "all `axis` values to be kept must have a known shape, axis {i} is unknown"
                    ),
                )),
            })
            .collect()
    }
}

impl Layer for Normalization {
    layer_flags!(supports_masking);

    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        if self.mean.is_some() || self.variance.is_some() {
            // kerasinfo keeps only the shapes of the given values.
            return Some(crate::config::writer::unwritable(
                "kerasinfo keeps only the shape of a given `mean`/`variance`, not the values \
                 Keras's config must hold",
            ));
        }
        Some(self.keras_args())
    }

    layer_common!(Self::KERAS_CLASS);

    /// # Cost
    /// 0 MACs; `2·N + C` FLOPs for `N` elements and `C` statistics (the
    /// kept axes): `(x − mean) / std` per element, and per statistic the
    /// `max(variance, ε)` before the square root (which TensorFlow's
    /// profiler does not count). Unknown with `invert`.
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        if self.invert {
            return Ok(None);
        }
        let kept = self.kept(one_input(inputs)?)?;
        let c = crate::weight::product(kept.iter().map(|(_, n)| *n))?;
        let Some(n) = crate::compute::output_elements(outputs)? else {
            return Ok(None);
        };
        let flops = crate::weight::checked_add(crate::weight::checked_mul(n, 2)?, c)?;
        Ok(Some(Cost::elementwise(flops)))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        self.check_args()?;
        let x = one_input(inputs)?;
        let kept = self.kept(x)?;
        if let Some(mean) = &self.mean {
            // The given values broadcast to the kept axes, aligned right.
            for (m, (i, n)) in mean.shape.iter().rev().zip(kept.iter().rev()) {
                if *m != *n && *m != 1 {
                    return Err(LayerError::input(
                        x,
                        format!(
                            "`mean` of shape {:?} cannot be broadcast to axis {i} of size {n}",
                            mean.shape
                        ),
                    ));
                }
            }
        }
        Ok(single(x.clone()))
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        if self.mean.is_some() {
            return Ok(Vec::new());
        }
        let kept = self.kept(one_input(inputs)?)?;
        let shape: Vec<u64> = kept.iter().map(|(_, n)| *n).collect();
        Ok(vec![
            WeightSpec::new("mean", shape.iter().copied()).non_trainable(),
            WeightSpec::new("variance", shape).non_trainable(),
            WeightSpec::new("count", [])
                .with_dtype(DType::Int64)
                .non_trainable(),
        ])
    }
}

/// NumPy's `np.shape` of a `mean`/`variance` value of a config: a number
/// or a rectangular nested list of numbers.
#[cfg(feature = "keras-json")]
fn json_shape(v: &crate::config::json::JsonValue<'_>) -> Option<Vec<u64>> {
    match v {
        crate::config::json::JsonValue::Number(_) => Some(Vec::new()),
        crate::config::json::JsonValue::Array(items) => {
            let mut inner: Option<Vec<u64>> = None;
            for item in items {
                let s = json_shape(item)?;
                match &inner {
                    Some(prev) if *prev != s => return None,
                    Some(_) => {}
                    None => inner = Some(s),
                }
            }
            let mut shape = vec![u64::try_from(items.len()).ok()?];
            // An empty list has shape (0,), as in NumPy.
            shape.extend(inner.unwrap_or_default());
            Some(shape)
        }
        _ => None,
    }
}

/// `mean`/`variance`: read as the shape of a number or a rectangular
/// nested list of numbers; written as `null` (an adapted layer's; given
/// values are not written, see `keras_config`).
#[cfg(feature = "keras-json")]
struct ValueShape;

#[cfg(feature = "keras-json")]
impl crate::layers::declare::Codec<Option<NormalizationValue>> for ValueShape {
    fn optional(
        c: &crate::config::cfg::Cfg<'_>,
        key: &str,
    ) -> crate::Result<Option<Option<NormalizationValue>>> {
        let Some(v) = c.get(key) else {
            return Ok(None);
        };
        json_shape(v)
            .map(|shape| Some(Some(NormalizationValue { shape })))
            .ok_or_else(|| {
                c.error(
                    key,
                    format!(
                        "expected a number or a rectangular nested list of numbers, found {}",
                        crate::config::json::kind(v)
                    ),
                )
            })
    }
    fn write(_value: &Option<NormalizationValue>) -> serde_json::Value {
        serde_json::Value::Null
    }
}

/// `axis`: Keras writes a list, `[]` (or `null`) for `axis=None`.
#[cfg(feature = "keras-json")]
struct AxisOrNone;

#[cfg(feature = "keras-json")]
impl crate::layers::declare::Codec<Vec<i64>> for AxisOrNone {
    fn optional(c: &crate::config::cfg::Cfg<'_>, key: &str) -> crate::Result<Option<Vec<i64>>> {
        if c.is_null(key) {
            return Ok(Some(Vec::new()));
        }
        c.int_list(key)
    }
    fn write(value: &Vec<i64>) -> serde_json::Value {
        serde_json::json!(value)
    }
}
