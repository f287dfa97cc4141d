//! Checks and shape helpers every convolution shares.

use std::num::NonZeroU64;

use super::ConvWindow;
use crate::args::{DataFormat, IntTuple, Padding, SpatialRank, window_length};
use crate::error::LayerError;
use crate::shape::{Dim, Shape};

/// An integer argument Keras requires to be strictly positive.
pub(super) fn strictly_positive(argument: &str, value: i64) -> Result<u64, LayerError> {
    nonzero(argument, value).map(NonZeroU64::get)
}

/// [`strictly_positive`], as a divisor.
pub(super) fn nonzero(argument: &str, value: i64) -> Result<NonZeroU64, LayerError> {
    u64::try_from(value)
        .ok()
        .and_then(NonZeroU64::new)
        .ok_or_else(|| {
            LayerError::argument(
                argument,
                format!("expected a strictly positive value, received {argument}={value}"),
            )
        })
}

/// Rejects `causal` padding for layers that only accept `valid`/`same`.
pub(super) fn no_causal(padding: Padding) -> Result<(), LayerError> {
    if padding == Padding::Causal {
        return Err(LayerError::argument(
            "padding",
            "must be one of {'valid', 'same'}, received causal",
        ));
    }
    Ok(())
}

/// Checks the input rank (`N` spatial dimensions plus batch and channels)
/// and returns the (known) number of input channels and the channel axis.
pub(super) fn input_channels<const N: usize>(
    x: &Shape,
    data_format: DataFormat,
) -> Result<(u64, usize), LayerError> {
    let rank = SpatialRank::<N>::BATCHED;
    if x.rank() != rank {
        return Err(LayerError::rank(rank.to_string(), x));
    }
    let axis = data_format.channel_axis(x.rank());
    match x.dims().get(axis) {
        Some(Dim::Known(c)) => Ok((*c, axis)),
        _ => Err(LayerError::input(
            x,
            "the channel dimension of the inputs should be defined, found None",
        )),
    }
}

/// The output shape of a layer that maps each spatial size with `f` (given
/// the axis's entry of `per_axis` and the size) and sets the channel axis
/// to `channels`.
pub(super) fn spatial_output<T>(
    x: &Shape,
    data_format: DataFormat,
    channel_axis: usize,
    channels: u64,
    per_axis: impl IntoIterator<Item = T>,
    f: impl FnMut(T, Dim) -> Result<Dim, LayerError>,
) -> Result<Shape, LayerError> {
    let mut out = x.clone();
    let dims = out.dims_mut();
    crate::args::map_spatial(dims, data_format, per_axis, f)?;
    if let Some(d) = dims.get_mut(channel_axis) {
        *d = Dim::Known(channels);
    }
    Ok(out)
}

/// The output shape of a (non-transposed) convolution, as Keras's
/// `compute_conv_output_shape`.
/// `args` its data format and padding, `w` its checked window.
pub(super) fn conv_shape<const N: usize>(
    x: &Shape,
    args: &ConvWindow<N>,
    channel_axis: usize,
    channels: u64,
    w: &Window<N>,
) -> Result<Shape, LayerError> {
    let windows = w.kernel.into_iter().zip(w.strides).zip(w.dilation);
    spatial_output(
        x,
        args.data_format,
        channel_axis,
        channels,
        windows,
        |((k, s), r), d| window_length(x, d, k, s, r, args.padding),
    )
}

/// Checked `kernel_size`, `strides` and `dilation_rate`.
pub(super) struct Window<const N: usize> {
    pub(super) kernel: [u64; N],
    pub(super) strides: [u64; N],
    pub(super) dilation: [u64; N],
}

impl<const N: usize> Window<N> {
    /// `kernel` with `window`'s strides and dilation rates, each checked;
    /// `forbid_strided_dilation` refuses strides and dilation both above 1.
    pub(super) fn new(
        kernel: &IntTuple<N>,
        window: &ConvWindow<N>,
        forbid_strided_dilation: bool,
    ) -> Result<Self, LayerError> {
        let (strides, dilation) = (&window.strides, &window.dilation_rate);
        let w = Window {
            kernel: kernel.positive("kernel_size", 1)?,
            strides: strides.positive("strides", 1)?,
            dilation: dilation.positive("dilation_rate", 1)?,
        };
        if forbid_strided_dilation
            && w.strides.iter().any(|s| *s > 1)
            && w.dilation.iter().any(|d| *d > 1)
        {
            return Err(LayerError::argument(
                "strides",
                format!(
                    "`strides > 1` not supported in conjunction with `dilation_rate > 1`, received strides={strides} and dilation_rate={dilation}"
                ),
            ));
        }
        Ok(w)
    }
}
