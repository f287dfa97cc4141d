//! `Dot` and its `DotAxes`.

use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, single};
use crate::model::Tensor;
use crate::shape::{Dim, Shape};

/// The `axes=` of a [`Dot`] layer: one axis for both inputs, or one per
/// input.
///
/// ```
/// use kerasinfo::layers::merging::DotAxes;
/// assert_eq!(DotAxes::from(-1), DotAxes::Same(-1));
/// assert_eq!(DotAxes::from((1, 2)), DotAxes::Pair(1, 2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DotAxes {
    /// An int: the same axis of both inputs (a negative one counts from
    /// the end, modulo the rank, as Keras does).
    Same(i64),
    /// A pair: the axis of the first input and the axis of the second
    /// (Python indexing: negative counts from the end).
    Pair(i64, i64),
}

from_impls! {
    i64 => DotAxes: |a| DotAxes::Same(a);
    i32 => DotAxes: |a| DotAxes::Same(i64::from(a));
    (i64, i64) => DotAxes: |(a, b)| DotAxes::Pair(a, b);
    (i32, i32) => DotAxes: |(a, b)| DotAxes::Pair(i64::from(a), i64::from(b));
    [i64; 2] => DotAxes: |[a, b]| DotAxes::Pair(a, b);
}

/// `axes`: an int, or a list of two ints; written as given.
#[cfg(feature = "keras-json")]
impl crate::layers::declare::Arg for DotAxes {
    fn optional(c: &crate::config::cfg::Cfg<'_>, key: &str) -> crate::Result<Option<Self>> {
        match c.get(key) {
            None => Ok(None),
            Some(v) if v.is_array() => {
                if v.as_array().map(Vec::len) != Some(2) {
                    return Err(c.error(key, "expected an int or a list of 2 ints"));
                }
                let t = c.req_tuple::<2>(key)?;
                Ok(Some(DotAxes::Pair(t.0[0], t.0[1])))
            }
            Some(_) => Ok(Some(DotAxes::Same(c.int(key)?))),
        }
    }
    fn to_config(&self) -> serde_json::Value {
        match self {
            DotAxes::Same(a) => serde_json::json!(a),
            DotAxes::Pair(a, b) => serde_json::json!([a, b]),
        }
    }
}

keras_layer! {
    class "Dot";
    /// `keras.layers.Dot(axes, normalize=False)`: the dot product of two
    /// inputs along the given axes, sample by sample.
    ///
    /// # Shapes
    /// Keras's `Dot.compute_output_shape`: the first input's shape without its
    /// `axes[0]`, followed by the second's without its `axes[1]` and its batch
    /// dimension; a single remaining dimension gets a trailing 1. The two
    /// selected axes must have the same size (`None` only matches `None`).
    /// Exactly two inputs. No weights.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let a = Input::new([5, 2]).tensor()?;
    /// let b = Input::new([2, 5]).tensor()?;
    /// assert_eq!(Dot::new((1, 2)).call([&a, &b])?.shape().to_string(), "(None, 2, 2)");
    /// let u = Input::new([8]).tensor()?;
    /// let v = Input::new([8]).tensor()?;
    /// assert_eq!(Dot::new(1).normalize(true).call([&u, &v])?.shape().to_string(), "(None, 1)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct Dot {
        /// Keras's `axes`: the axis (or pair of axes) of the dot product.
        axes: DotAxes = impl Into<DotAxes> => axes.into(),
    }
    /// A `Dot` layer over `axes`.
    fn new;
    /// Keras's `normalize=`: L2-normalize both inputs along the dot axes
    /// first (cosine proximity); does not change the shape. Defaults to
    /// `false`.
    normalize: bool = false, |normalize: bool| normalize;
}

impl Layer for Dot {
    // Called on `[a, b]`.
    merge_layer_common!(own mask);

    /// None, as Keras's `Dot.compute_mask` (Keras's `supports_masking`
    /// is still true).
    fn compute_mask(
        &self,
        _inputs: &[Tensor],
        _previous: &[Option<Tensor>],
    ) -> crate::Result<crate::Masks> {
        Ok(crate::Masks::new())
    }

    /// # Cost
    /// Output elements × the contracted size MACs, `2·MACs` FLOPs (a
    /// batched matrix product). The contracted size `k` is found from
    /// the element counts: `|x|·|y| = |out|·k²`. With `normalize=True`,
    /// each input's L2 normalization adds `3·n + 2·n/k` FLOPs for its `n`
    /// elements (as for `UnitNormalization`).
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        use crate::compute::sample_elements;
        use crate::weight::{checked_add, checked_mul};
        let [x, y] = inputs else {
            return Ok(None);
        };
        let (Some(ex), Some(ey), Some(out)) = (
            sample_elements(x)?,
            sample_elements(y)?,
            crate::compute::output_elements(outputs)?,
        ) else {
            return Ok(None);
        };
        let Some(k2) = u128::from(ex)
            .checked_mul(u128::from(ey))
            .and_then(|p| p.checked_div(u128::from(out)))
        else {
            return Ok(None);
        };
        let k = u64::try_from(k2.isqrt()).map_err(|_| LayerError::overflow("Dot contraction"))?;
        let exact = u128::from(k)
            .checked_mul(u128::from(k))
            .and_then(|k2| k2.checked_mul(u128::from(out)))
            == u128::from(ex).checked_mul(u128::from(ey));
        if !exact {
            return Ok(None);
        }
        let product = Cost::contraction(checked_mul(out, k)?)?;
        if !self.normalize {
            return Ok(Some(product));
        }
        let mut norm = 0u64;
        for n in [ex, ey] {
            let r = n.checked_div(k).unwrap_or(0);
            norm = checked_add(norm, checked_add(checked_mul(n, 3)?, checked_mul(r, 2)?)?)?;
        }
        Ok(Some(product.checked_add(Cost::elementwise(norm))?))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let [s1, s2] = inputs else {
            return Err(LayerError::input_count("a list of 2", inputs.len()));
        };
        let (a1, a2) = match self.axes {
            DotAxes::Same(a) if a < 0 => {
                let r1 = i64::try_from(s1.rank()).map_err(|_| LayerError::overflow("rank"))?;
                let r2 = i64::try_from(s2.rank()).map_err(|_| LayerError::overflow("rank"))?;
                if r1 == 0 || r2 == 0 {
                    return Err(LayerError::rank(">= 1", if r1 == 0 { s1 } else { s2 }));
                }
                (a.rem_euclid(r1), a.rem_euclid(r2))
            }
            DotAxes::Same(a) => (a, a),
            DotAxes::Pair(a, b) => (a, b),
        };
        let i1 = s1.axis_index(a1)?;
        let i2 = s2.axis_index(a2)?;
        let (d1, d2) = (s1.dims().get(i1), s2.dims().get(i2));
        if d1 != d2 {
            return Err(LayerError::Other(format!(
                "incompatible input shapes: axis values {} (at axis {a1}) != {} (at axis {a2}), full input shapes: {s1}, {s2}",
                d1.copied().unwrap_or_default(),
                d2.copied().unwrap_or_default(),
            )));
        }
        // Each shape without its contracted axis; the second also without
        // its first remaining (batch) axis.
        let without = |s: &Shape, axis: usize| -> Vec<Dim> {
            s.iter()
                .enumerate()
                .filter(|&(i, _)| i != axis)
                .map(|(_, d)| d)
                .collect()
        };
        let mut out = without(s1, i1);
        let rest = without(s2, i2);
        let Some((_, rest)) = rest.split_first() else {
            return Err(LayerError::input(
                s2,
                "cannot take the dot product: no dimension left in the second input",
            ));
        };
        out.extend_from_slice(rest);
        if out.len() == 1 {
            out.push(Dim::Known(1));
        }
        Ok(single(Shape::new(out)))
    }
}
