//! Arguments and checks the reshaping layers share: padding/cropping
//! specs, `TargetDim`.

use crate::args::{DataFormat, SpatialRank, map_spatial};
use crate::error::LayerError;
use crate::layer::{OutputShapes, one_input, single};
use crate::shape::Shape;

/// One entry of a padding or cropping argument: an int (the same before
/// and after) or a `(before, after)` pair.
///
/// ```
/// use kerasinfo::layers::reshaping::PadPair;
/// assert_eq!(PadPair::from(2).0, (2, 2));
/// assert_eq!(PadPair::from((1, 3)).0, (1, 3));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PadPair(pub (i64, i64));

from_impls! {
    i64 => PadPair: |p| PadPair((p, p));
    i32 => PadPair: |p| PadPair::from(i64::from(p));
    (i64, i64) => PadPair: |p| PadPair(p);
    (i32, i32) => PadPair: |(a, b)| PadPair((i64::from(a), i64::from(b)));
    [i64; 2] => PadPair: |[a, b]| PadPair((a, b));
}

/// A `ZeroPaddingND` / `CroppingND` argument: per spatial axis, the amount
/// added (or removed) before and after.
///
/// Built from every form Keras accepts: an int (all sides); for 2D and 3D a
/// tuple with one entry per axis, each an int (symmetric) or a
/// `(before, after)` pair; for 1D a `(before, after)` pair.
///
/// ```
/// use kerasinfo::layers::reshaping::PaddingSpec;
/// assert_eq!(PaddingSpec::<2>::from(3).0, [(3, 3), (3, 3)]);
/// assert_eq!(PaddingSpec::<2>::from((1, 2)).0, [(1, 1), (2, 2)]);
/// assert_eq!(PaddingSpec::<2>::from(((1, 2), (3, 4))).0, [(1, 2), (3, 4)]);
/// assert_eq!(PaddingSpec::<2>::from(((1, 2), 3)).0, [(1, 2), (3, 3)]);
/// assert_eq!(PaddingSpec::<1>::from((1, 2)).0, [(1, 2)]);
/// assert_eq!(PaddingSpec::<3>::from((1, (2, 3), 4)).0, [(1, 1), (2, 3), (4, 4)]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaddingSpec<const N: usize>(pub [(i64, i64); N]);

/// Keras's `cropping=` argument of `CroppingND`: the same forms as
/// [`PaddingSpec`].
///
/// ```
/// use kerasinfo::layers::reshaping::CroppingSpec;
/// assert_eq!(CroppingSpec::<2>::from(((0, 1), 2)).0, [(0, 1), (2, 2)]);
/// ```
pub type CroppingSpec<const N: usize> = PaddingSpec<N>;

/// `padding`/`cropping`: an int, a list of ints or of `[before, after]`
/// pairs; written as one pair for one axis, else a list of pairs.
#[cfg(feature = "keras-json")]
impl<const N: usize> crate::layers::declare::Arg for PaddingSpec<N> {
    fn optional(c: &crate::config::cfg::Cfg<'_>, key: &str) -> crate::Result<Option<Self>> {
        match c.value(key) {
            None => Ok(None),
            Some(_) => pairs_from_config(c, key, PaddingSpec([(0, 0); N])).map(Some),
        }
    }
    fn to_config(&self) -> serde_json::Value {
        let pairs: Vec<serde_json::Value> = self
            .0
            .iter()
            .map(|(a, b)| serde_json::json!([a, b]))
            .collect();
        match pairs.as_slice() {
            [one] => one.clone(),
            _ => serde_json::Value::Array(pairs),
        }
    }
}

impl<const N: usize> PaddingSpec<N> {
    /// The amounts, checked to be non-negative (Keras's
    /// `standardize_tuple(..., allow_zero=True)`).
    pub(super) fn checked(&self, argument: &str) -> Result<[(u64, u64); N], LayerError> {
        let mut out = [(0u64, 0u64); N];
        for (o, (a, b)) in out.iter_mut().zip(self.0) {
            match (u64::try_from(a), u64::try_from(b)) {
                (Ok(a), Ok(b)) => *o = (a, b),
                _ => {
                    return Err(LayerError::argument(
                        argument,
                        format!("expected values >= 0, received {}", self.display()),
                    ));
                }
            }
        }
        Ok(out)
    }

    pub(super) fn display(&self) -> String {
        let parts: Vec<String> = self.0.iter().map(|(a, b)| format!("({a}, {b})")).collect();
        if N == 1 {
            parts.join("")
        } else {
            format!("({})", parts.join(", "))
        }
    }
}

from_impls! {
    {const N: usize} i64 => PaddingSpec<N>: |p| PaddingSpec([(p, p); N]);
    {const N: usize} i32 => PaddingSpec<N>: |p| PaddingSpec::from(i64::from(p));
    {const N: usize} [(i64, i64); N] => PaddingSpec<N>: |p| PaddingSpec(p);
    {A: Into<PadPair>, B: Into<PadPair>} (A, B) => PaddingSpec<2>:
        |(a, b)| PaddingSpec([a.into().0, b.into().0]);
    {A: Into<PadPair>, B: Into<PadPair>, C: Into<PadPair>} (A, B, C) => PaddingSpec<3>:
        |(a, b, c)| PaddingSpec([a.into().0, b.into().0, c.into().0]);
    (i32,) => PaddingSpec<1>: |(a,)| PaddingSpec([(i64::from(a), i64::from(a))]);
    (i32, i32) => PaddingSpec<1>: |(a, b)| PaddingSpec([(i64::from(a), i64::from(b))]);
    (i64, i64) => PaddingSpec<1>: |p| PaddingSpec([p]);
}

/// The input, checked to have rank `rank` (Keras's `InputSpec(ndim=...)`).
pub(super) fn ranked(inputs: &[Shape], rank: usize) -> Result<&Shape, LayerError> {
    let x = one_input(inputs)?;
    if x.rank() == rank {
        Ok(x)
    } else {
        Err(LayerError::rank(rank.to_string(), x))
    }
}

/// The output of an `N`-D layer on its input `x` (checked to have rank
/// `N + 2`): `x` with each spatial size `n` mapped to `size(x, n, arg)`,
/// `arg` the axis's entry of `per_axis` (`None` stays `None`).
pub(super) fn map_spatial_sizes<const N: usize, T>(
    inputs: &[Shape],
    data_format: DataFormat,
    per_axis: [T; N],
    size: impl Fn(&Shape, u64, T) -> Result<u64, LayerError>,
) -> Result<OutputShapes, LayerError> {
    let x = ranked(inputs, SpatialRank::<N>::BATCHED)?;
    let mut out = x.clone();
    map_spatial(out.dims_mut(), data_format, per_axis, |arg, d| {
        d.try_map(|n| size(x, n, arg))
    })?;
    Ok(single(out))
}
/// One entry of a [`Reshape`](super::Reshape) target shape: a size, `-1` (inferred) or
/// `None` (unknown).
pub trait TargetDim {
    /// The entry as Keras sees it (`None` for an unknown size).
    fn target_dim(self) -> Option<i64>;
}

macro_rules! target_dim_int {
    ($($t:ty),*) => {$(
        impl TargetDim for $t {
            fn target_dim(self) -> Option<i64> {
                Some(i64::try_from(self).unwrap_or(i64::MAX))
            }
        }
        impl TargetDim for Option<$t> {
            fn target_dim(self) -> Option<i64> {
                self.map(TargetDim::target_dim).flatten()
            }
        }
    )*};
}
target_dim_int!(i32, i64, u32, u64, usize);
/// A `padding`/`cropping` entry of a Keras config in any form Keras
/// accepts: an int (every side); for 1D a `[before, after]` pair; for 2D
/// and 3D one entry per axis, each an int or a `[before, after]` pair
/// (Keras 3 writes `[[1, 1], [2, 3]]`). `default` when missing.
#[cfg(feature = "keras-json")]
pub(super) fn pairs_from_config<const N: usize>(
    c: &crate::config::cfg::Cfg<'_>,
    key: &str,
    default: PaddingSpec<N>,
) -> crate::Result<PaddingSpec<N>> {
    use crate::config::cfg::int_of;
    use crate::config::doc::JsonRef;
    // Read on the document (no tree made).
    let Some(v) = c.value(key) else {
        return Ok(default);
    };
    if let Some(n) = int_of(v) {
        return Ok(PaddingSpec::from(n));
    }
    let expected = if N == 1 {
        "an int or a list of 2 ints".to_owned()
    } else {
        format!("an int or a list of {N} ints or [before, after] pairs")
    };
    let err = |found: &str| c.error(key, format!("expected {expected}, found {found}"));
    let items = v.as_array().ok_or_else(|| err(v.kind()))?;
    let two = |mut a: crate::config::doc::Items<'_>| -> crate::Result<(i64, i64)> {
        match (a.next().and_then(int_of), a.next().and_then(int_of)) {
            (Some(a), Some(b)) => Ok((a, b)),
            _ => Err(err("a list with non-integers")),
        }
    };
    let pair = |item: JsonRef<'_>| -> crate::Result<(i64, i64)> {
        if let Some(n) = int_of(item) {
            return Ok((n, n));
        }
        match item.as_array() {
            Some(a) if a.len() == 2 => two(a),
            Some(_) => Err(err("a list of another length")),
            None => Err(err(item.kind())),
        }
    };
    if N == 1 {
        return match items.len() {
            2 => two(items).map(|p| PaddingSpec([p; N])),
            1 => match items.clone().next() {
                Some(one) => Ok(PaddingSpec([pair(one)?; N])),
                None => Err(err("a list of 0 items")),
            },
            n => Err(err(&format!("a list of {n} items"))),
        };
    }
    if items.len() != N {
        return Err(err(&format!("a list of {} items", items.len())));
    }
    let mut out = [(0i64, 0i64); N];
    for (o, item) in out.iter_mut().zip(items) {
        *o = pair(item)?;
    }
    Ok(PaddingSpec(out))
}

/// `From` an array, a `Vec` or a tuple (of up to six) of [`TargetDim`]s
/// for `$ty`, which keeps each entry `d` (its `Option<i64>`) as `$entry`.
macro_rules! from_target_dims {
    ($ty:ident, |$d:ident| $entry:expr) => {
        impl<T: TargetDim, const N: usize> From<[T; N]> for $ty {
            fn from(a: [T; N]) -> Self {
                $ty(a.into_iter().map(|v| {
                    let $d = v.target_dim();
                    $entry
                }).collect())
            }
        }
        impl<T: TargetDim> From<Vec<T>> for $ty {
            fn from(a: Vec<T>) -> Self {
                $ty(a.into_iter().map(|v| {
                    let $d = v.target_dim();
                    $entry
                }).collect())
            }
        }
        from_target_dims!(@tuple $ty, |$d| $entry; A);
        from_target_dims!(@tuple $ty, |$d| $entry; A, B);
        from_target_dims!(@tuple $ty, |$d| $entry; A, B, C);
        from_target_dims!(@tuple $ty, |$d| $entry; A, B, C, D);
        from_target_dims!(@tuple $ty, |$d| $entry; A, B, C, D, E);
        from_target_dims!(@tuple $ty, |$d| $entry; A, B, C, D, E, F);
    };
    (@tuple $ty:ident, |$d:ident| $entry:expr; $($n:ident),+) => {
        impl<$($n: TargetDim),+> From<($($n,)+)> for $ty {
            #[allow(non_snake_case)]
            fn from(($($n,)+): ($($n,)+)) -> Self {
                $ty(vec![$({
                    let $d = $n.target_dim();
                    $entry
                }),+])
            }
        }
    };
}
pub(super) use from_target_dims;
