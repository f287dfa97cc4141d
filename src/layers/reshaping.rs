//! Reshaping layers: `Flatten`, `Reshape`, `RepeatVector`, `Permute`,
//! `CroppingND`, `UpSamplingND` and `ZeroPaddingND`.

use crate::args::{DataFormat, IntTuple, SpatialRank};
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape};
use crate::weight::{checked_add, checked_mul, product};

/// `keras.layers.Flatten(data_format=None)`.
///
/// # Shapes
/// Input `(batch, ...)`, output `(batch, product of the rest)`, `None` if
/// any of the rest is unknown. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([32, 32, 32]).tensor()?;
/// assert_eq!(Flatten::new().call(&x)?.shape().to_string(), "(None, 32768)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct Flatten {
    config: LayerConfig,
    data_format: DataFormat,
}

impl Flatten {
    /// A flatten layer.
    pub fn new() -> Self {
        crate::layer::constructed(Flatten::default())
    }

    /// Keras's `data_format=` (changes element order only, not the shape).
    /// Defaults to `channels_last`.
    pub fn data_format(mut self, data_format: DataFormat) -> Self {
        self.data_format = data_format;
        self
    }
}

impl Layer for Flatten {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([(
            "data_format",
            json!(self.data_format.to_string()),
        )]))
    }

    layer_common!("Flatten");

    /// # Cost
    /// A reshape: 0 MACs, 0 FLOPs.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let Some((&batch, rest)) = x.dims().split_first() else {
            return Err(LayerError::rank(">= 1", x));
        };
        let flat = if rest.iter().any(|d| !d.is_known()) {
            Dim::Unknown
        } else {
            Dim::Known(product(rest.iter().filter_map(|d| d.known()))?)
        };
        Ok(single(Shape::new([batch, flat])))
    }
}

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

impl From<i64> for PadPair {
    fn from(p: i64) -> Self {
        PadPair((p, p))
    }
}

impl From<i32> for PadPair {
    fn from(p: i32) -> Self {
        PadPair::from(i64::from(p))
    }
}

impl From<(i64, i64)> for PadPair {
    fn from(p: (i64, i64)) -> Self {
        PadPair(p)
    }
}

impl From<(i32, i32)> for PadPair {
    fn from((a, b): (i32, i32)) -> Self {
        PadPair((i64::from(a), i64::from(b)))
    }
}

impl From<[i64; 2]> for PadPair {
    fn from([a, b]: [i64; 2]) -> Self {
        PadPair((a, b))
    }
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

impl<const N: usize> PaddingSpec<N> {
    /// The amounts, checked to be non-negative (Keras's
    /// `standardize_tuple(..., allow_zero=True)`).
    fn checked(&self, argument: &str) -> Result<[(u64, u64); N], LayerError> {
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

    fn display(&self) -> String {
        let parts: Vec<String> = self.0.iter().map(|(a, b)| format!("({a}, {b})")).collect();
        if N == 1 {
            parts.join("")
        } else {
            format!("({})", parts.join(", "))
        }
    }
}

impl<const N: usize> From<i64> for PaddingSpec<N> {
    fn from(p: i64) -> Self {
        PaddingSpec([(p, p); N])
    }
}

impl<const N: usize> From<i32> for PaddingSpec<N> {
    fn from(p: i32) -> Self {
        PaddingSpec::from(i64::from(p))
    }
}

impl<const N: usize> From<[(i64, i64); N]> for PaddingSpec<N> {
    fn from(p: [(i64, i64); N]) -> Self {
        PaddingSpec(p)
    }
}

impl<A: Into<PadPair>, B: Into<PadPair>> From<(A, B)> for PaddingSpec<2> {
    fn from((a, b): (A, B)) -> Self {
        PaddingSpec([a.into().0, b.into().0])
    }
}

impl<A: Into<PadPair>, B: Into<PadPair>, C: Into<PadPair>> From<(A, B, C)> for PaddingSpec<3> {
    fn from((a, b, c): (A, B, C)) -> Self {
        PaddingSpec([a.into().0, b.into().0, c.into().0])
    }
}

impl From<(i32,)> for PaddingSpec<1> {
    fn from((a,): (i32,)) -> Self {
        PaddingSpec([(i64::from(a), i64::from(a))])
    }
}

impl From<(i32, i32)> for PaddingSpec<1> {
    fn from((a, b): (i32, i32)) -> Self {
        PaddingSpec([(i64::from(a), i64::from(b))])
    }
}

impl From<(i64, i64)> for PaddingSpec<1> {
    fn from(p: (i64, i64)) -> Self {
        PaddingSpec([p])
    }
}

/// The input, checked to have rank `rank` (Keras's `InputSpec(ndim=...)`).
fn ranked(inputs: &[Shape], rank: usize) -> Result<&Shape, LayerError> {
    let x = one_input(inputs)?;
    if x.rank() == rank {
        Ok(x)
    } else {
        Err(LayerError::rank(rank.to_string(), x))
    }
}

/// The spatial axes of an `N`-D layer on a rank `N + 2` input.
fn spatial_axes<const N: usize>(data_format: DataFormat) -> [usize; N] {
    let mut out = [0usize; N];
    // `N` axes from 1 (channels last) or 2 (channels first).
    for (o, axis) in out
        .iter_mut()
        .zip(data_format.spatial_axes(SpatialRank::<N>::BATCHED))
    {
        *o = axis;
    }
    out
}

/// `keras.layers.ZeroPaddingND(padding, data_format=None)`; see
/// [`ZeroPadding1D`], [`ZeroPadding2D`], [`ZeroPadding3D`].
///
/// # Shapes
/// Input `(batch, *spatial, channels)` (or channels first); each spatial
/// size grows by its before + after padding (`None` stays `None`). No
/// weights.
#[derive(Debug, Clone)]
#[must_use]
pub struct ZeroPadding<const N: usize> {
    config: LayerConfig,
    padding: PaddingSpec<N>,
    data_format: DataFormat,
}

/// `keras.layers.ZeroPadding1D(padding=1, data_format=None)`: `padding` is
/// an int or a `(before, after)` pair.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([10, 3]).tensor()?;
/// assert_eq!(ZeroPadding1D::new((1, 2)).call(&x)?.shape().to_string(), "(None, 13, 3)");
/// # Ok(()) }
/// ```
pub type ZeroPadding1D = ZeroPadding<1>;

/// `keras.layers.ZeroPadding2D(padding=(1, 1), data_format=None)`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([64, 64, 3]).tensor()?;
/// assert_eq!(ZeroPadding2D::new((3, 3)).call(&x)?.shape().to_string(), "(None, 70, 70, 3)");
/// # Ok(()) }
/// ```
pub type ZeroPadding2D = ZeroPadding<2>;

/// `keras.layers.ZeroPadding3D(padding=((1, 1), (1, 1), (1, 1)),
/// data_format=None)`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([4, 5, 6, 2]).tensor()?;
/// let y = ZeroPadding3D::new((1, (0, 2), 0)).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 6, 7, 6, 2)");
/// # Ok(()) }
/// ```
pub type ZeroPadding3D = ZeroPadding<3>;

impl<const N: usize> ZeroPadding<N> {
    /// A zero-padding layer (Keras's default padding is 1 on every side).
    pub fn new(padding: impl Into<PaddingSpec<N>>) -> Self {
        crate::layer::constructed(ZeroPadding {
            config: LayerConfig::default(),
            padding: padding.into(),
            data_format: DataFormat::ChannelsLast,
        })
    }

    /// Keras's `data_format=`. Defaults to `channels_last`.
    pub fn data_format(mut self, data_format: DataFormat) -> Self {
        self.data_format = data_format;
        self
    }
}

impl<const N: usize> Default for ZeroPadding<N> {
    fn default() -> Self {
        Self::new(1)
    }
}

impl<const N: usize> Layer for ZeroPadding<N> {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let pads: Vec<serde_json::Value> =
            self.padding.0.iter().map(|(a, b)| json!([a, b])).collect();
        let padding = match pads.as_slice() {
            [one] => one.clone(),
            _ => serde_json::Value::Array(pads),
        };
        Some(w::obj([
            ("padding", padding),
            ("data_format", json!(self.data_format.to_string())),
        ]))
    }

    fn class_name(&self) -> &str {
        match N {
            1 => "ZeroPadding1D",
            2 => "ZeroPadding2D",
            _ => "ZeroPadding3D",
        }
    }

    fn config(&self) -> &LayerConfig {
        &self.config
    }

    fn config_mut(&mut self) -> &mut LayerConfig {
        &mut self.config
    }

    /// # Cost
    /// Padding copies: 0 MACs, 0 FLOPs.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let padding = self.padding.checked("padding")?;
        let x = ranked(inputs, SpatialRank::<N>::BATCHED)?;
        let mut dims: Vec<Dim> = x.dims().to_vec();
        for (axis, (a, b)) in spatial_axes::<N>(self.data_format).into_iter().zip(padding) {
            if let Some(d) = dims.get_mut(axis) {
                *d = d.try_map(|n| checked_add(n, a).and_then(|n| checked_add(n, b)))?;
            }
        }
        Ok(single(Shape::new(dims)))
    }
}

/// `keras.layers.CroppingND(cropping, data_format=None)`; see
/// [`Cropping1D`], [`Cropping2D`], [`Cropping3D`].
///
/// # Shapes
/// Input `(batch, *spatial, channels)` (or channels first); each spatial
/// size shrinks by its before + after cropping (`None` stays `None`); a
/// cropping that leaves nothing is an error, as in Keras. No weights.
#[derive(Debug, Clone)]
#[must_use]
pub struct Cropping<const N: usize> {
    config: LayerConfig,
    cropping: CroppingSpec<N>,
    data_format: DataFormat,
}

/// `keras.layers.Cropping1D(cropping=(1, 1))`: `cropping` is an int or a
/// `(before, after)` pair.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([10, 3]).tensor()?;
/// assert_eq!(Cropping1D::new((1, 2)).call(&x)?.shape().to_string(), "(None, 7, 3)");
/// assert_eq!(Cropping1D::default().call(&x)?.shape().to_string(), "(None, 8, 3)");
/// # Ok(()) }
/// ```
pub type Cropping1D = Cropping<1>;

/// `keras.layers.Cropping2D(cropping=((0, 0), (0, 0)), data_format=None)`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([28, 28, 3]).tensor()?;
/// let y = Cropping2D::new(((2, 2), (4, 4))).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 24, 20, 3)");
/// # Ok(()) }
/// ```
pub type Cropping2D = Cropping<2>;

/// `keras.layers.Cropping3D(cropping=((1, 1), (1, 1), (1, 1)),
/// data_format=None)`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([8, 8, 8, 2]).tensor()?;
/// let y = Cropping3D::new((1, 2, (0, 3))).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 6, 4, 5, 2)");
/// # Ok(()) }
/// ```
pub type Cropping3D = Cropping<3>;

impl<const N: usize> Cropping<N> {
    /// A cropping layer.
    pub fn new(cropping: impl Into<CroppingSpec<N>>) -> Self {
        crate::layer::constructed(Cropping {
            config: LayerConfig::default(),
            cropping: cropping.into(),
            data_format: DataFormat::ChannelsLast,
        })
    }
}

impl Cropping<2> {
    /// Keras's `data_format=`. Defaults to `channels_last`.
    pub fn data_format(mut self, data_format: DataFormat) -> Self {
        self.data_format = data_format;
        self
    }
}

impl Cropping<3> {
    /// Keras's `data_format=`. Defaults to `channels_last`.
    pub fn data_format(mut self, data_format: DataFormat) -> Self {
        self.data_format = data_format;
        self
    }
}

impl<const N: usize> Default for Cropping<N> {
    /// Keras's defaults: 1 on each side for 1D and 3D, 0 for 2D.
    fn default() -> Self {
        Self::new(if N == 2 { 0 } else { 1 })
    }
}

impl<const N: usize> Layer for Cropping<N> {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let crops: Vec<serde_json::Value> =
            self.cropping.0.iter().map(|(a, b)| json!([a, b])).collect();
        Some(match crops.as_slice() {
            [one] => w::obj([("cropping", one.clone())]),
            _ => w::obj([
                ("cropping", serde_json::Value::Array(crops)),
                ("data_format", json!(self.data_format.to_string())),
            ]),
        })
    }

    fn class_name(&self) -> &str {
        match N {
            1 => "Cropping1D",
            2 => "Cropping2D",
            _ => "Cropping3D",
        }
    }

    fn config(&self) -> &LayerConfig {
        &self.config
    }

    fn config_mut(&mut self) -> &mut LayerConfig {
        &mut self.config
    }

    /// # Cost
    /// A slice: 0 MACs, 0 FLOPs.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let cropping = self.cropping.checked("cropping")?;
        let x = ranked(inputs, SpatialRank::<N>::BATCHED)?;
        let mut dims: Vec<Dim> = x.dims().to_vec();
        for (axis, (a, b)) in spatial_axes::<N>(self.data_format)
            .into_iter()
            .zip(cropping)
        {
            if let Some(d) = dims.get_mut(axis) {
                *d = d.try_map(|n| {
                    let total = checked_add(a, b)?;
                    n.checked_sub(total).filter(|rest| *rest > 0).ok_or_else(|| {
                        LayerError::input(
                            x,
                            format!(
                                "values in `cropping` argument should be smaller than the corresponding spatial dimension of the input, received cropping={}",
                                self.cropping.display()
                            ),
                        )
                    })
                })?;
            }
        }
        Ok(single(Shape::new(dims)))
    }
}

/// `keras.layers.UpSamplingND(size, data_format=None)`; see
/// [`UpSampling1D`], [`UpSampling2D`], [`UpSampling3D`].
///
/// # Shapes
/// Input `(batch, *spatial, channels)` (or channels first); each spatial
/// size is multiplied by its `size` factor (`None` stays `None`). No
/// weights.
#[derive(Debug, Clone)]
#[must_use]
pub struct UpSampling<const N: usize> {
    config: LayerConfig,
    size: IntTuple<N>,
    data_format: DataFormat,
    interpolation: String,
}

/// `keras.layers.UpSampling1D(size=2)`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([10, 3]).tensor()?;
/// assert_eq!(UpSampling1D::new(3).call(&x)?.shape().to_string(), "(None, 30, 3)");
/// # Ok(()) }
/// ```
pub type UpSampling1D = UpSampling<1>;

/// `keras.layers.UpSampling2D(size=(2, 2), data_format=None,
/// interpolation="nearest")`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([16, 16, 8]).tensor()?;
/// let y = UpSampling2D::new((2, 3)).interpolation("bilinear").call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 32, 48, 8)");
/// # Ok(()) }
/// ```
pub type UpSampling2D = UpSampling<2>;

/// `keras.layers.UpSampling3D(size=(2, 2, 2), data_format=None)`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([4, 4, 4, 1]).tensor()?;
/// assert_eq!(UpSampling3D::default().call(&x)?.shape().to_string(), "(None, 8, 8, 8, 1)");
/// # Ok(()) }
/// ```
pub type UpSampling3D = UpSampling<3>;

impl<const N: usize> UpSampling<N> {
    /// An up-sampling layer with the given factor(s) (`size`).
    pub fn new(size: impl Into<IntTuple<N>>) -> Self {
        crate::layer::constructed(UpSampling {
            config: LayerConfig::default(),
            size: size.into(),
            data_format: DataFormat::ChannelsLast,
            interpolation: "nearest".into(),
        })
    }
}

impl UpSampling<2> {
    /// Keras's `data_format=`. Defaults to `channels_last`.
    pub fn data_format(mut self, data_format: DataFormat) -> Self {
        self.data_format = data_format;
        self
    }

    /// Keras's `interpolation=` (`"nearest"`, `"bilinear"`, ...); it does
    /// not change the shape. Defaults to `"nearest"`.
    pub fn interpolation(mut self, interpolation: impl Into<String>) -> Self {
        self.interpolation = interpolation.into().to_lowercase();
        self
    }
}

impl UpSampling<3> {
    /// Keras's `data_format=`. Defaults to `channels_last`.
    pub fn data_format(mut self, data_format: DataFormat) -> Self {
        self.data_format = data_format;
        self
    }
}

impl<const N: usize> Default for UpSampling<N> {
    /// Keras's default factor 2 along every spatial axis.
    fn default() -> Self {
        Self::new(2)
    }
}

impl<const N: usize> Layer for UpSampling<N> {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let mut o = match self.size.0.as_slice() {
            [one] => w::obj([("size", json!(one))]),
            _ => w::obj([
                ("size", w::ints(self.size.0)),
                ("data_format", json!(self.data_format.to_string())),
            ]),
        };
        if N == 2 {
            o.insert("interpolation".into(), json!(self.interpolation));
        }
        Some(o)
    }

    fn class_name(&self) -> &str {
        match N {
            1 => "UpSampling1D",
            2 => "UpSampling2D",
            _ => "UpSampling3D",
        }
    }

    fn config(&self) -> &LayerConfig {
        &self.config
    }

    fn config_mut(&mut self) -> &mut LayerConfig {
        &mut self.config
    }

    /// # Cost
    /// `nearest` (a repeat) and `bilinear` (a resize): 0 MACs and 0 FLOPs,
    /// as TensorFlow's profiler counts them (it counts no resize op, and
    /// for `nearest` only shape arithmetic, once per call whatever the
    /// batch). Unknown for other interpolations.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(matches!(self.interpolation.as_str(), "nearest" | "bilinear").then_some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let size = self.size.positive("size", 1)?;
        let x = ranked(inputs, SpatialRank::<N>::BATCHED)?;
        let mut dims: Vec<Dim> = x.dims().to_vec();
        for (axis, k) in spatial_axes::<N>(self.data_format).into_iter().zip(size) {
            if let Some(d) = dims.get_mut(axis) {
                *d = d.try_map(|n| checked_mul(n, k))?;
            }
        }
        Ok(single(Shape::new(dims)))
    }
}

/// One entry of a [`Reshape`] target shape: a size, `-1` (inferred) or
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

/// The `target_shape=` of a [`Reshape`] (without the batch dimension): sizes,
/// at most one `-1`, or `None`s. Built from arrays, vectors and tuples.
///
/// ```
/// use kerasinfo::layers::reshaping::TargetShape;
/// assert_eq!(TargetShape::from((3, -1)).0, vec![Some(3), Some(-1)]);
/// assert_eq!(TargetShape::from([Some(2), None]).0, vec![Some(2), None]);
/// assert_eq!(TargetShape::from(vec![4]).0, vec![Some(4)]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetShape(pub Vec<Option<i64>>);

impl<T: TargetDim, const N: usize> From<[T; N]> for TargetShape {
    fn from(a: [T; N]) -> Self {
        TargetShape(a.into_iter().map(TargetDim::target_dim).collect())
    }
}

impl<T: TargetDim> From<Vec<T>> for TargetShape {
    fn from(a: Vec<T>) -> Self {
        TargetShape(a.into_iter().map(TargetDim::target_dim).collect())
    }
}

macro_rules! target_shape_tuple {
    ($($n:ident),+) => {
        impl<$($n: TargetDim),+> From<($($n,)+)> for TargetShape {
            #[allow(non_snake_case)]
            fn from(($($n,)+): ($($n,)+)) -> Self {
                TargetShape(vec![$($n.target_dim()),+])
            }
        }
    };
}
target_shape_tuple!(A);
target_shape_tuple!(A, B);
target_shape_tuple!(A, B, C);
target_shape_tuple!(A, B, C, D);
target_shape_tuple!(A, B, C, D, E);
target_shape_tuple!(A, B, C, D, E, F);

impl std::fmt::Display for TargetShape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("(")?;
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            match d {
                Some(v) => write!(f, "{v}")?,
                None => f.write_str("None")?,
            }
        }
        if self.0.len() == 1 {
            f.write_str(",")?;
        }
        f.write_str(")")
    }
}

/// `keras.layers.Reshape(target_shape)`.
///
/// # Shapes
/// Input `(batch, ...)`, output `(batch, *target_shape)`. A `-1` entry is
/// inferred from the input size when every input size is known (`None`
/// otherwise); sizes that do not match the input's are an error, as in
/// Keras. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([12]).tensor()?;
/// assert_eq!(Reshape::new((3, 4)).call(&x)?.shape().to_string(), "(None, 3, 4)");
/// assert_eq!(Reshape::new((-1, 2, 2)).call(&x)?.shape().to_string(), "(None, 3, 2, 2)");
/// assert!(Reshape::new((5, -1)).call(&x).is_err());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Reshape {
    config: LayerConfig,
    target_shape: TargetShape,
}

impl Reshape {
    /// A reshape layer to `target_shape` (batch dimension excluded).
    pub fn new(target_shape: impl Into<TargetShape>) -> Self {
        crate::layer::constructed(Reshape {
            config: LayerConfig::default(),
            target_shape: target_shape.into(),
        })
    }
}

impl Layer for Reshape {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([("target_shape", json!(self.target_shape.0))]))
    }

    layer_common!("Reshape");

    fn built_at_init(&self) -> bool {
        true
    }

    /// # Cost
    /// A reshape: 0 MACs, 0 FLOPs.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let target = &self.target_shape;
        let bad = |reason: &str| {
            LayerError::argument(
                "target_shape",
                format!("{reason}, received target_shape={target}"),
            )
        };
        let mut unknown = None;
        for (i, d) in target.0.iter().enumerate() {
            match d {
                Some(v) if *v < -1 => {
                    return Err(bad(
                        "each dimension must be a non-negative integer, or -1 for a single unknown dimension",
                    ));
                }
                Some(-1) if unknown.is_some() => {
                    return Err(bad("there must be at most one unknown dimension (-1)"));
                }
                Some(-1) => unknown = Some(i),
                _ => {}
            }
        }
        let x = one_input(inputs)?;
        let Some((batch, rest)) = x.dims().split_first() else {
            return Err(LayerError::rank(">= 1", x));
        };
        // Entries are None or >= -1 here.
        let to_dim = |d: &Option<i64>| match d {
            Some(v) => u64::try_from(*v).map_or(Dim::Unknown, Dim::Known),
            None => Dim::Unknown,
        };
        let mut out: Vec<Dim> = std::iter::once(*batch)
            .chain(target.0.iter().map(to_dim))
            .collect();
        if rest.iter().any(|d| !d.is_known()) || target.0.iter().any(Option::is_none) {
            return Ok(single(Shape::new(out)));
        }
        let input_size = product(rest.iter().filter_map(|d| d.known()))?;
        let known = product(
            target
                .0
                .iter()
                .filter_map(|d| d.and_then(|v| u64::try_from(v).ok())),
        )?;
        let mismatch = || {
            LayerError::input(
                x,
                format!(
                    "the total size of the tensor must be unchanged, received target_shape={target}"
                ),
            )
        };
        match unknown {
            None if known == input_size => {}
            None => return Err(mismatch()),
            Some(i) => {
                // `known == 0` gives `None` for both, hence a mismatch.
                let (Some(0), Some(size)) =
                    (input_size.checked_rem(known), input_size.checked_div(known))
                else {
                    return Err(mismatch());
                };
                // Entry `i` of the target shape, after the batch axis.
                if let Some(d) = out.get_mut(1..).and_then(|t| t.get_mut(i)) {
                    *d = Dim::Known(size);
                }
            }
        }
        Ok(single(Shape::new(out)))
    }
}

/// `keras.layers.RepeatVector(n)`: repeats a vector `n` times.
///
/// # Shapes
/// Input `(batch, features)`, output `(batch, n, features)`. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([32]).tensor()?;
/// assert_eq!(RepeatVector::new(3).call(&x)?.shape().to_string(), "(None, 3, 32)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct RepeatVector {
    config: LayerConfig,
    n: i64,
}

impl RepeatVector {
    /// A layer repeating its input `n` times (`n` > 0).
    pub fn new(n: impl crate::args::Int) -> Self {
        let n = n.to_i64();
        crate::layer::constructed(RepeatVector {
            config: LayerConfig::default(),
            n,
        })
    }
}

impl Layer for RepeatVector {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([("n", json!(self.n))]))
    }

    layer_common!("RepeatVector");

    /// # Cost
    /// A copy: 0 MACs, 0 FLOPs.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let n = u64::try_from(self.n)
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| {
                LayerError::argument(
                    "n",
                    format!("should be a positive integer, received n={}", self.n),
                )
            })?;
        let x = ranked(inputs, 2)?;
        let [batch, features] = x.dims() else {
            return Err(LayerError::rank("2", x));
        };
        Ok(single(Shape::new([*batch, Dim::Known(n), *features])))
    }
}

/// `keras.layers.Permute(dims)`: permutes the non-batch axes; `dims` is a
/// permutation of `1..=rank-1` (indexing starts at 1, as in Keras).
///
/// # Shapes
/// Input `(batch, d1, ..., dk)`, output `(batch, d[dims[0]], ...)`. No
/// weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([10, 64]).tensor()?;
/// assert_eq!(Permute::new([2, 1]).call(&x)?.shape().to_string(), "(None, 64, 10)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Permute {
    config: LayerConfig,
    dims: Vec<i64>,
}

impl Permute {
    /// A permutation layer.
    pub fn new(dims: impl Into<IntList>) -> Self {
        crate::layer::constructed(Permute {
            config: LayerConfig::default(),
            dims: dims.into().0,
        })
    }
}

/// A tuple or list of ints (e.g. the `dims=` of [`Permute`]).
///
/// ```
/// use kerasinfo::layers::reshaping::IntList;
/// assert_eq!(IntList::from((2, 1)).0, vec![2, 1]);
/// assert_eq!(IntList::from([3, 1, 2]).0, vec![3, 1, 2]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntList(pub Vec<i64>);

impl<T: TargetDim, const N: usize> From<[T; N]> for IntList {
    fn from(a: [T; N]) -> Self {
        IntList(
            a.into_iter()
                .map(|v| v.target_dim().unwrap_or(i64::MAX))
                .collect(),
        )
    }
}

impl<T: TargetDim> From<Vec<T>> for IntList {
    fn from(a: Vec<T>) -> Self {
        IntList(
            a.into_iter()
                .map(|v| v.target_dim().unwrap_or(i64::MAX))
                .collect(),
        )
    }
}

macro_rules! int_list_tuple {
    ($($n:ident),+) => {
        impl<$($n: TargetDim),+> From<($($n,)+)> for IntList {
            #[allow(non_snake_case)]
            fn from(($($n,)+): ($($n,)+)) -> Self {
                IntList(vec![$($n.target_dim().unwrap_or(i64::MAX)),+])
            }
        }
    };
}
int_list_tuple!(A);
int_list_tuple!(A, B);
int_list_tuple!(A, B, C);
int_list_tuple!(A, B, C, D);
int_list_tuple!(A, B, C, D, E);
int_list_tuple!(A, B, C, D, E, F);

impl Layer for Permute {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([("dims", json!(self.dims))]))
    }

    layer_common!("Permute");

    /// # Cost
    /// A transpose: 0 MACs, 0 FLOPs.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let mut sorted = self.dims.clone();
        sorted.sort_unstable();
        let consecutive = sorted.iter().zip(1i64..).all(|(a, b)| *a == b);
        if !consecutive {
            return Err(LayerError::argument(
                "dims",
                format!(
                    "the set of indices in `dims` must be consecutive and start from 1, received dims={:?}",
                    self.dims
                ),
            ));
        }
        // A `Vec` length is at most `isize::MAX`: `+ 1` never saturates.
        let x = ranked(inputs, self.dims.len().saturating_add(1))?;
        let mut out = Vec::with_capacity(x.rank());
        out.extend(x.dims().first().copied());
        for d in &self.dims {
            let dim = usize::try_from(*d)
                .ok()
                .and_then(|i| x.dims().get(i).copied())
                .ok_or_else(|| LayerError::argument("dims", "out of range"))?;
            out.push(dim);
        }
        Ok(single(Shape::new(out)))
    }
}

// ---------------------------------------------------------------------------
// Keras configs
// ---------------------------------------------------------------------------

/// A `padding`/`cropping` entry of a Keras config in any form Keras
/// accepts: an int (every side); for 1D a `[before, after]` pair; for 2D
/// and 3D one entry per axis, each an int or a `[before, after]` pair
/// (Keras 3 writes `[[1, 1], [2, 3]]`). `default` when missing.
#[cfg(feature = "keras-json")]
fn pairs_from_config<const N: usize>(
    c: &crate::config::Cfg<'_>,
    key: &str,
    default: PaddingSpec<N>,
) -> crate::Result<PaddingSpec<N>> {
    use crate::config::{as_int, kind};
    let Some(v) = c.get(key) else {
        return Ok(default);
    };
    if let Some(n) = as_int(v) {
        return Ok(PaddingSpec::from(n));
    }
    let expected = if N == 1 {
        "an int or a list of 2 ints".to_owned()
    } else {
        format!("an int or a list of {N} ints or [before, after] pairs")
    };
    let err = |found: &str| c.error(key, format!("expected {expected}, found {found}"));
    let items = v.as_array().ok_or_else(|| err(kind(v)))?;
    let pair = |item: &crate::config::JsonValue<'_>| -> crate::Result<(i64, i64)> {
        if let Some(n) = as_int(item) {
            return Ok((n, n));
        }
        match item.as_array().map(Vec::as_slice) {
            Some([a, b]) => match (as_int(a), as_int(b)) {
                (Some(a), Some(b)) => Ok((a, b)),
                _ => Err(err("a list with non-integers")),
            },
            Some(_) => Err(err("a list of another length")),
            None => Err(err(kind(item))),
        }
    };
    if N == 1 {
        return match items.as_slice() {
            [a, b] => match (as_int(a), as_int(b)) {
                (Some(a), Some(b)) => Ok(PaddingSpec([(a, b); N])),
                _ => Err(err("a list with non-integers")),
            },
            [one] => Ok(PaddingSpec([pair(one)?; N])),
            _ => Err(err(&format!("a list of {} items", items.len()))),
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

/// Registers the reshaping classes with the config importer.
#[cfg(feature = "keras-json")]
pub(crate) fn register(r: &mut crate::config::Registry) {
    use crate::config::Cfg;
    type Built = crate::Result<Box<dyn Layer>>;
    r.register("Flatten", |c| -> Built {
        Ok(Box::new(Flatten::new().data_format(c.data_format()?)))
    });
    r.register("Reshape", |c| -> Built {
        let target = c
            .opt_dims("target_shape")?
            .ok_or_else(|| c.error("target_shape", "missing required argument"))?;
        Ok(Box::new(Reshape::new(TargetShape(target))))
    });
    r.register("RepeatVector", |c| -> Built {
        Ok(Box::new(RepeatVector::new(c.int("n")?)))
    });
    r.register("Permute", |c| -> Built {
        let dims = c
            .int_list("dims")?
            .ok_or_else(|| c.error("dims", "missing required argument"))?;
        Ok(Box::new(Permute::new(IntList(dims))))
    });
    fn zero_padding<const N: usize>(c: &Cfg<'_>) -> Built {
        Ok(Box::new(
            ZeroPadding::<N>::new(pairs_from_config::<N>(c, "padding", PaddingSpec::from(1))?)
                .data_format(c.data_format()?),
        ))
    }
    r.register("ZeroPadding1D", zero_padding::<1>);
    r.register("ZeroPadding2D", zero_padding::<2>);
    r.register("ZeroPadding3D", zero_padding::<3>);
    r.register("Cropping1D", |c| -> Built {
        Ok(Box::new(Cropping1D::new(pairs_from_config::<1>(
            c,
            "cropping",
            PaddingSpec::from(1),
        )?)))
    });
    r.register("Cropping2D", |c| -> Built {
        Ok(Box::new(
            Cropping2D::new(pairs_from_config::<2>(c, "cropping", PaddingSpec::from(0))?)
                .data_format(c.data_format()?),
        ))
    });
    r.register("Cropping3D", |c| -> Built {
        Ok(Box::new(
            Cropping3D::new(pairs_from_config::<3>(c, "cropping", PaddingSpec::from(1))?)
                .data_format(c.data_format()?),
        ))
    });
    r.register("UpSampling1D", |c| -> Built {
        Ok(Box::new(UpSampling1D::new(c.int_or("size", 2)?)))
    });
    r.register("UpSampling2D", |c| -> Built {
        Ok(Box::new(
            UpSampling2D::new(c.tuple::<2>("size", IntTuple([2; 2]))?)
                .data_format(c.data_format()?)
                .interpolation(c.str_or("interpolation", "nearest")?),
        ))
    });
    r.register("UpSampling3D", |c| -> Built {
        Ok(Box::new(
            UpSampling3D::new(c.tuple::<3>("size", IntTuple([2; 3]))?)
                .data_format(c.data_format()?),
        ))
    });
}
