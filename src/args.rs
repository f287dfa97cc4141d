//! Argument types shared by many layers: integer tuples (`kernel_size`,
//! `strides`), `padding`, `data_format`, activations, and the output-size
//! formula of convolutions and pooling, written once.

use std::fmt;

use crate::error::LayerError;
use crate::shape::{Dim, Shape};

/// A tuple as Python's `repr()` prints it: `(None, 64)`, `(3,)`, `()`
/// (error messages, tf.keras 2's and pydot's texts, weight shapes).
pub(crate) struct PyTuple<'a, T>(pub(crate) &'a [T]);

impl<T: fmt::Display> fmt::Display for PyTuple<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            [one] => write!(f, "({one},)"),
            dims => {
                f.write_str("(")?;
                for (i, d) in dims.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{d}")?;
                }
                f.write_str(")")
            }
        }
    }
}

/// Input ranks of `N`-D layers, computed at compile time.
pub(crate) struct SpatialRank<const N: usize>;

impl<const N: usize> SpatialRank<N> {
    /// `N` spatial axes plus the batch and channels axes.
    pub(crate) const BATCHED: usize = N + 2;
    /// [`BATCHED`](Self::BATCHED) plus a time axis (`ConvLSTM`).
    pub(crate) const TIMED: usize = N + 3;
}

/// An `int or tuple of N ints` Keras argument (`kernel_size=3`,
/// `strides=(2, 2)`), kept as given and checked when the layer is used.
///
/// ```
/// use kerasinfo::args::IntTuple;
/// let k: IntTuple<2> = 3.into();
/// assert_eq!(k.0, [3, 3]);
/// let s: IntTuple<2> = (1, 2).into();
/// assert_eq!(s.0, [1, 2]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IntTuple<const N: usize>(pub [i64; N]);

impl<const N: usize> IntTuple<N> {
    /// The values, each checked to be at least `min`.
    pub fn positive(&self, argument: &str, min: i64) -> Result<[u64; N], LayerError> {
        let mut out = [0u64; N];
        for (o, v) in out.iter_mut().zip(self.0) {
            if v < min {
                return Err(LayerError::argument(
                    argument,
                    format!("expected values >= {min}, received {self}"),
                ));
            }
            *o = u64::try_from(v).map_err(|_| LayerError::argument(argument, "out of range"))?;
        }
        Ok(out)
    }
}

impl<const N: usize> fmt::Display for IntTuple<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        PyTuple(&self.0).fmt(f)
    }
}

macro_rules! int_tuple_from_int {
    ($($t:ty),*) => {$(
        impl<const N: usize> From<$t> for IntTuple<N> {
            fn from(v: $t) -> Self {
                IntTuple([i64::try_from(v).unwrap_or(i64::MAX); N])
            }
        }
        impl<const N: usize> From<[$t; N]> for IntTuple<N> {
            fn from(v: [$t; N]) -> Self {
                IntTuple(v.map(|x| i64::try_from(x).unwrap_or(i64::MAX)))
            }
        }
        impl From<($t,)> for IntTuple<1> {
            fn from(v: ($t,)) -> Self {
                IntTuple([i64::try_from(v.0).unwrap_or(i64::MAX)])
            }
        }
        impl From<($t, $t)> for IntTuple<2> {
            fn from(v: ($t, $t)) -> Self {
                IntTuple([v.0, v.1].map(|x| i64::try_from(x).unwrap_or(i64::MAX)))
            }
        }
        impl From<($t, $t, $t)> for IntTuple<3> {
            fn from(v: ($t, $t, $t)) -> Self {
                IntTuple([v.0, v.1, v.2].map(|x| i64::try_from(x).unwrap_or(i64::MAX)))
            }
        }
    )*};
}
int_tuple_from_int!(i32, i64, u32, u64, usize);

/// An integer argument of a layer constructor (`units`, `filters`,
/// `input_dim`, …): any of Rust's integer types, so that a [`Shape`]'s
/// `u64` dimensions and `usize` counts pass as they are. A value past
/// `i64::MAX` counts as `i64::MAX`, which no model can hold: calling the
/// layer is then an error naming it.
///
/// ```
/// use kerasinfo::prelude::*;
/// let width: u64 = 64;
/// let n: usize = 3;
/// let _ = (Dense::new(width), Dense::new(n), Dense::new(8_i32), Conv2D::new(n, 3));
/// ```
///
/// [`Shape`]: crate::Shape
pub trait Int: Copy {
    /// The value as Keras's (Python) integer.
    fn to_i64(self) -> i64;
}

macro_rules! int_arg {
    ($($t:ty),*) => {$(
        impl Int for $t {
            fn to_i64(self) -> i64 {
                i64::try_from(self).unwrap_or(i64::MAX)
            }
        }
    )*};
}
int_arg!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

/// Keras's `padding=` for convolutions and pooling.
///
/// ```
/// use kerasinfo::args::Padding;
/// assert_eq!(Padding::default(), Padding::Valid);
/// assert_eq!(Padding::Same.to_string(), "same");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Padding {
    /// `"valid"`: no padding (the default).
    #[default]
    Valid,
    /// `"same"`: output size `ceil(input / stride)`.
    Same,
    /// `"causal"`: left padding for 1D convolutions.
    Causal,
}

impl fmt::Display for Padding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Padding::Valid => "valid",
            Padding::Same => "same",
            Padding::Causal => "causal",
        })
    }
}

/// Keras's `data_format=`: where the channels axis is.
///
/// ```
/// use kerasinfo::args::DataFormat;
/// assert_eq!(DataFormat::default(), DataFormat::ChannelsLast);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DataFormat {
    /// `"channels_last"`: `(batch, ..., channels)`, Keras's default.
    #[default]
    ChannelsLast,
    /// `"channels_first"`: `(batch, channels, ...)`.
    ChannelsFirst,
}

impl DataFormat {
    /// The index of the channels axis in a shape of `rank`.
    ///
    /// ```
    /// use kerasinfo::args::DataFormat;
    /// assert_eq!(DataFormat::ChannelsLast.channel_axis(4), 3);
    /// assert_eq!(DataFormat::ChannelsFirst.channel_axis(4), 1);
    /// ```
    #[must_use]
    pub fn channel_axis(self, rank: usize) -> usize {
        match self {
            DataFormat::ChannelsLast => rank.saturating_sub(1),
            DataFormat::ChannelsFirst => 1,
        }
    }

    /// The indices of the spatial axes in a shape of `rank`.
    ///
    /// ```
    /// use kerasinfo::args::DataFormat;
    /// assert_eq!(DataFormat::ChannelsLast.spatial_axes(4), 1..3);
    /// assert_eq!(DataFormat::ChannelsFirst.spatial_axes(4), 2..4);
    /// ```
    #[must_use]
    pub fn spatial_axes(self, rank: usize) -> std::ops::Range<usize> {
        match self {
            DataFormat::ChannelsLast => 1..rank.saturating_sub(1),
            DataFormat::ChannelsFirst => 2..rank,
        }
    }
}

impl fmt::Display for DataFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DataFormat::ChannelsLast => "channels_last",
            DataFormat::ChannelsFirst => "channels_first",
        })
    }
}

/// Declares [`ACTIVATIONS`] and the test [`check_activation`] makes from
/// one list of names: a `match` on the str, which compiles to a
/// length-then-bytes dispatch instead of a scan of the list.
macro_rules! activation_names {
    ($($name:literal),* $(,)?) => {
        /// The activation names `keras.activations.get` accepts.
        pub const ACTIVATIONS: &[&str] = &[$($name),*];

        /// Whether `name` is one of [`ACTIVATIONS`].
        fn is_activation(name: &str) -> bool {
            matches!(name, $($name)|*)
        }
    };
}

activation_names! {
    "celu",
    "elu",
    "exponential",
    "gelu",
    "glu",
    "hard_shrink",
    "hard_sigmoid",
    "hard_silu",
    "hard_swish",
    "hard_tanh",
    "leaky_relu",
    "linear",
    "log_sigmoid",
    "log_softmax",
    "mish",
    "relu",
    "relu6",
    "selu",
    "sigmoid",
    "silu",
    "soft_shrink",
    "softmax",
    "softplus",
    "softsign",
    "sparse_plus",
    "sparsemax",
    "squareplus",
    "swish",
    "tanh",
    "tanh_shrink",
    "threshold",
}

/// Checks an activation name as `keras.activations.get` does.
///
/// ```
/// use kerasinfo::args::check_activation;
/// assert!(check_activation("relu").is_ok());
/// assert!(check_activation("relu7").is_err());
/// ```
pub fn check_activation(name: &str) -> Result<(), LayerError> {
    if is_activation(name) {
        Ok(())
    } else {
        Err(LayerError::argument(
            "activation",
            format!("could not interpret activation function identifier: {name}"),
        ))
    }
}

/// The output length of a convolution or pooling window along one axis,
/// as Keras's `compute_conv_output_shape`/`compute_pooling_output_shape`.
///
/// `None` input stays `None`. With `valid` padding a window larger than the
/// input is an error (Keras computes a negative size and rejects it).
///
/// ```
/// use kerasinfo::args::{conv_output_length, Padding};
/// use kerasinfo::Dim;
/// assert_eq!(conv_output_length(Dim::Known(70), 7, 1, 1, Padding::Valid).unwrap(), Dim::Known(64));
/// assert_eq!(conv_output_length(Dim::Known(64), 2, 2, 1, Padding::Valid).unwrap(), Dim::Known(32));
/// assert_eq!(conv_output_length(Dim::Known(7), 3, 2, 1, Padding::Same).unwrap(), Dim::Known(4));
/// assert!(conv_output_length(Dim::Known(2), 3, 1, 1, Padding::Valid).is_err());
/// ```
pub fn conv_output_length(
    input: Dim,
    kernel: u64,
    stride: u64,
    dilation: u64,
    padding: Padding,
) -> Result<Dim, LayerError> {
    let Dim::Known(n) = input else {
        return Ok(Dim::Unknown);
    };
    let Some(stride) = std::num::NonZeroU64::new(stride) else {
        return Err(LayerError::argument("strides", "must be > 0"));
    };
    let effective = kernel
        .checked_sub(1)
        .and_then(|k| k.checked_mul(dilation))
        .and_then(|k| k.checked_add(1))
        .ok_or_else(|| LayerError::overflow("effective kernel size"))?;
    match padding {
        Padding::Valid => {
            let Some(room) = n.checked_sub(effective) else {
                return Err(LayerError::Other(format!(
                    "computed output size would be zero or negative: input size {n}, window size {effective}{}",
                    if dilation > 1 {
                        format!(" (dilated from {kernel})")
                    } else {
                        String::new()
                    }
                )));
            };
            // `effective >= 1`, so `room < u64::MAX`: `+ 1` never saturates.
            Ok(Dim::Known((room / stride).saturating_add(1)))
        }
        Padding::Same | Padding::Causal => Ok(Dim::Known(n.div_ceil(stride.get()))),
    }
}

/// [`conv_output_length`] along an axis of the input `x`, as every layer
/// with a window (convolution, pooling, `ConvLSTM`, `STFTSpectrogram`)
/// reports its error: as an error of `x`.
// Inline: it is on every convolution's and pooling's shape path.
#[inline]
pub(crate) fn window_length(
    x: &Shape,
    size: Dim,
    kernel: u64,
    stride: u64,
    dilation: u64,
    padding: Padding,
) -> Result<Dim, LayerError> {
    conv_output_length(size, kernel, stride, dilation, padding).map_err(|e| of_input(x, e))
}

/// A window's error about the size it computes (`LayerError::Other`) as an
/// error of the input `x`; its argument errors as they are.
pub(crate) fn of_input(x: &Shape, e: LayerError) -> LayerError {
    match e {
        LayerError::Other(msg) => LayerError::input(x, msg),
        other => other,
    }
}

/// Replaces each spatial size `d` of `dims` (a shape in `data_format`) by
/// `f(arg, d)`, `arg` the axis's entry of `per_axis`.
pub(crate) fn map_spatial<T>(
    dims: &mut [Dim],
    data_format: DataFormat,
    per_axis: impl IntoIterator<Item = T>,
    mut f: impl FnMut(T, Dim) -> Result<Dim, LayerError>,
) -> Result<(), LayerError> {
    let spatial = dims.get_mut(data_format.spatial_axes(dims.len()));
    for (d, arg) in spatial.unwrap_or_default().iter_mut().zip(per_axis) {
        *d = f(arg, *d)?;
    }
    Ok(())
}

/// An axis argument checked against a shape (Keras's `IndexError`).
impl Shape {
    /// Keras's `IndexError` for an `axis` this shape does not have.
    pub(crate) fn axis_out_of_range(&self, axis: i64) -> LayerError {
        LayerError::input(
            self,
            format!("axis {axis} is out of range for rank {}", self.rank()),
        )
    }

    /// The index of `axis` (negative counts from the end), or Keras's
    /// `IndexError` when out of range.
    pub(crate) fn axis_index(&self, axis: i64) -> Result<usize, LayerError> {
        self.normalize_axis(axis)
            .ok_or_else(|| self.axis_out_of_range(axis))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_tuples() {
        assert_eq!(PyTuple::<u64>(&[]).to_string(), "()");
        assert_eq!(PyTuple(&[3]).to_string(), "(3,)");
        assert_eq!(PyTuple(&[4, 3]).to_string(), "(4, 3)");
        assert_eq!(PyTuple(&[Dim::Unknown]).to_string(), "(None,)");
        assert_eq!(
            PyTuple(&[Dim::Unknown, Dim::Known(64)]).to_string(),
            "(None, 64)"
        );
        assert_eq!(IntTuple([3]).to_string(), "(3,)");
        assert_eq!(IntTuple([1, 2]).to_string(), "(1, 2)");
        assert_eq!(IntTuple::<0>([]).to_string(), "()");
    }

    #[test]
    fn check_activation_accepts_exactly_the_listed_names() {
        for name in ACTIVATIONS {
            assert!(check_activation(name).is_ok(), "{name}");
            assert!(check_activation(&format!("{name}x")).is_err(), "{name}x");
            assert!(
                check_activation(&name[..name.len() - 1]).is_err()
                    || ACTIVATIONS.contains(&&name[..name.len() - 1]),
                "{name}"
            );
        }
        for name in ["", "Relu", "relu7", "none", "None"] {
            assert!(check_activation(name).is_err(), "{name}");
        }
    }
}
