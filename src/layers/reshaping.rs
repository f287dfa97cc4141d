//! Reshaping layers.

use crate::args::DataFormat;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape};
use crate::weight::product;

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
        Flatten::default()
    }

    /// Keras's `data_format=` (changes element order only, not the shape).
    /// Defaults to `channels_last`.
    pub fn data_format(mut self, data_format: DataFormat) -> Self {
        self.data_format = data_format;
        self
    }
}

impl Layer for Flatten {
    layer_common!("Flatten");

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let Some(batch) = x.dims().first().copied() else {
            return Err(LayerError::rank(">= 1", x));
        };
        let rest = &x.dims()[1..];
        let flat = if rest.iter().any(|d| !d.is_known()) {
            Dim::Unknown
        } else {
            Dim::Known(product(rest.iter().filter_map(|d| d.known()))?)
        };
        Ok(single(Shape::new([batch, flat])))
    }
}

/// A `ZeroPaddingND` padding argument: per spatial axis, the zeros added
/// before and after. Built from an int (all sides), a tuple of ints (each
/// axis symmetric) or a tuple of pairs.
///
/// ```
/// use kerasinfo::layers::reshaping::PaddingSpec;
/// assert_eq!(PaddingSpec::<2>::from(3).0, [(3, 3), (3, 3)]);
/// assert_eq!(PaddingSpec::<2>::from((1, 2)).0, [(1, 1), (2, 2)]);
/// assert_eq!(PaddingSpec::<2>::from(((1, 2), (3, 4))).0, [(1, 2), (3, 4)]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaddingSpec<const N: usize>(pub [(i64, i64); N]);

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

impl From<(i32, i32)> for PaddingSpec<2> {
    fn from((a, b): (i32, i32)) -> Self {
        let (a, b) = (i64::from(a), i64::from(b));
        PaddingSpec([(a, a), (b, b)])
    }
}

impl From<((i32, i32), (i32, i32))> for PaddingSpec<2> {
    fn from(((a, b), (c, d)): ((i32, i32), (i32, i32))) -> Self {
        PaddingSpec([(i64::from(a), i64::from(b)), (i64::from(c), i64::from(d))])
    }
}

impl From<(i32,)> for PaddingSpec<1> {
    fn from((a,): (i32,)) -> Self {
        PaddingSpec([(i64::from(a), i64::from(a))])
    }
}

impl From<(i32, i32, i32)> for PaddingSpec<3> {
    fn from((a, b, c): (i32, i32, i32)) -> Self {
        let v = [a, b, c].map(|x| (i64::from(x), i64::from(x)));
        PaddingSpec(v)
    }
}

/// `keras.layers.ZeroPaddingND(padding, data_format=None)`; see
/// [`ZeroPadding2D`].
///
/// # Shapes
/// Each spatial size grows by its before + after padding (`None` stays
/// `None`). No weights.
#[derive(Debug, Clone)]
#[must_use]
pub struct ZeroPadding<const N: usize> {
    config: LayerConfig,
    padding: PaddingSpec<N>,
    data_format: DataFormat,
}

/// `keras.layers.ZeroPadding2D`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([64, 64, 3]).tensor()?;
/// assert_eq!(ZeroPadding2D::new((3, 3)).call(&x)?.shape().to_string(), "(None, 70, 70, 3)");
/// # Ok(()) }
/// ```
pub type ZeroPadding2D = ZeroPadding<2>;

impl<const N: usize> ZeroPadding<N> {
    /// A zero-padding layer (Keras's default padding is 1 on every side).
    pub fn new(padding: impl Into<PaddingSpec<N>>) -> Self {
        ZeroPadding {
            config: LayerConfig::default(),
            padding: padding.into(),
            data_format: DataFormat::ChannelsLast,
        }
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

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        if x.rank() != N + 2 {
            return Err(LayerError::rank((N + 2).to_string(), x));
        }
        let mut dims: Vec<Dim> = x.dims().to_vec();
        let axes: Vec<usize> = if N == 1 {
            vec![1]
        } else {
            self.data_format.spatial_axes(x.rank()).collect()
        };
        for (i, axis) in axes.into_iter().enumerate() {
            let (a, b) = self.padding.0[i];
            let (a, b) = match (u64::try_from(a), u64::try_from(b)) {
                (Ok(a), Ok(b)) => (a, b),
                _ => {
                    return Err(LayerError::argument(
                        "padding",
                        format!(
                            "expected non-negative values, received {:?}",
                            self.padding.0
                        ),
                    ));
                }
            };
            dims[axis] = dims[axis].try_map(|n| {
                n.checked_add(a)
                    .and_then(|n| n.checked_add(b))
                    .ok_or_else(|| LayerError::overflow("padded size"))
            })?;
        }
        Ok(single(Shape::new(dims)))
    }
}
