//! `Conv1DTranspose`/`Conv2DTranspose`/`Conv3DTranspose`.

use super::checks::*;
use super::{ConvWindow, conv_layer, window_setters};
use crate::args::{IntTuple, Padding, of_input};
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape};
use crate::weight::WeightSpec;

// ---------------------------------------------------------------------------
// Conv1DTranspose / Conv2DTranspose / Conv3DTranspose
// ---------------------------------------------------------------------------

/// The output length of a transposed convolution along one axis, as Keras's
/// `compute_conv_transpose_output_shape` (TensorFlow's rules):
///
/// - `valid`: `(n - 1) * stride + k + output_padding`, where `k` is the
///   dilated kernel size and `output_padding` defaults to
///   `max(k, stride) - k`;
/// - `same`: `n * stride`, or with an `output_padding`
///   `(n - 1) * stride + k % 2 + output_padding`.
///
/// `None` stays `None`.
///
/// ```
/// use kerasinfo::layers::convolutional::conv_transpose_output_length;
/// use kerasinfo::args::Padding;
/// use kerasinfo::Dim;
/// let len = |n, k, s, d, p, op| conv_transpose_output_length(Dim::Known(n), k, s, d, p, op).unwrap();
/// assert_eq!(len(7, 3, 1, 1, Padding::Valid, None), Dim::Known(9));
/// assert_eq!(len(9, 3, 2, 1, Padding::Same, None), Dim::Known(18));
/// assert_eq!(len(22, 4, 3, 1, Padding::Valid, Some(2)), Dim::Known(69));
/// assert_eq!(len(69, 2, 3, 1, Padding::Valid, None), Dim::Known(207));
/// assert_eq!(len(231, 4, 1, 1, Padding::Same, Some(0)), Dim::Known(230));
/// assert!(conv_transpose_output_length(Dim::Known(u64::MAX), 3, u64::MAX, 1, Padding::Valid, None).is_err());
/// ```
pub fn conv_transpose_output_length(
    input: Dim,
    kernel: u64,
    stride: u64,
    dilation: u64,
    padding: Padding,
    output_padding: Option<u64>,
) -> Result<Dim, LayerError> {
    let Dim::Known(n) = input else {
        return Ok(Dim::Unknown);
    };
    let overflow = || LayerError::overflow("transposed convolution output size");
    let k = kernel
        .checked_sub(1)
        .and_then(|k| k.checked_mul(dilation))
        .and_then(|k| k.checked_add(1))
        .ok_or_else(overflow)?;
    let n = i128::from(n);
    let s = i128::from(stride);
    let ki = i128::from(k);
    // (n - 1) * s + extra, in i128 so that n = 0 gives a negative size
    // rather than wrapping; the product of two u64 values may still exceed
    // i128, hence the checked operations.
    let scaled = |extra: i128| {
        n.checked_sub(1)
            .and_then(|v| v.checked_mul(s))
            .and_then(|v| v.checked_add(extra))
            .ok_or_else(overflow)
    };
    let out = match padding {
        Padding::Same => match output_padding {
            None => n.checked_mul(s).ok_or_else(overflow)?,
            // `ki`, `s` and `op` are u64 values: these sums and differences
            // fit in i128 and never saturate.
            Some(op) => scaled((ki % 2).saturating_add(i128::from(op)))?,
        },
        Padding::Valid => {
            let op = output_padding.map_or(ki.max(s).saturating_sub(ki), i128::from);
            scaled(ki.saturating_add(op))?
        }
        Padding::Causal => {
            return Err(LayerError::argument(
                "padding",
                "must be one of {'valid', 'same'}, received causal",
            ));
        }
    };
    u64::try_from(out).map(Dim::Known).map_err(|_| match out {
        o if o < 0 => LayerError::Other(format!(
            "computed output size would be negative: {o} (input size {n})"
        )),
        _ => overflow(),
    })
}

conv_layer! {
    class match N {
        1 => "Conv1DTranspose" as ConvTranspose<1>,
        2 => "Conv2DTranspose" as ConvTranspose<2>,
        _ => "Conv3DTranspose" as ConvTranspose<3>,
    };
    /// `keras.layers.ConvNDTranspose(filters, kernel_size, strides=1,
    /// padding="valid", output_padding=None, data_format=None, dilation_rate=1,
    /// activation=None, use_bias=True)` for `N` spatial dimensions; see
    /// [`Conv1DTranspose`], [`Conv2DTranspose`], [`Conv3DTranspose`].
    ///
    /// # Shapes
    /// Input `(batch, *spatial, in)` (or channels first); output the same with
    /// `filters` channels and each spatial size from
    /// [`conv_transpose_output_length`]. Weights: `kernel (*kernel_size,
    /// filters, in)` (note the order), `bias (filters,)` if `use_bias`.
    #[derive(Debug, Clone)]
    pub struct ConvTranspose<const N: usize> {
        /// Keras's `filters`: the output channels.
        filters: i64 = impl crate::args::Int => filters.to_i64(),
        /// Keras's `kernel_size`: the window.
        kernel_size: IntTuple<N> = impl Into<IntTuple<N>> => kernel_size.into(),
    }
    /// A transposed convolution with `filters` output channels and a
    /// `kernel_size` window (an int or a tuple).
    fn new;
    /// Keras's `output_padding=`: extra size added to one side of each
    /// output dimension, each strictly less than its stride. Defaults to
    /// `None` (inferred).
    output_padding: Option<IntTuple<N>> = None, |output_padding: impl Into<IntTuple<N>>| Some(output_padding.into());
}

layer_aliases! {
    "Input `(batch, steps, in)` (or channels first); output `(batch, new_steps, filters)`. \
     Weights `kernel (k, filters, in)`, `bias (filters,)`.";
    Conv1DTranspose | Convolution1DTranspose = ConvTranspose<1>: "1D transposed convolution",
        [10, 8], "::new(4, 3).strides(2)" => "(None, 21, 4)";
}

layer_aliases! {
    "Input `(batch, rows, cols, in)` (or channels first); output `(batch, new_rows, new_cols, \
     filters)`. Weights `kernel (kh, kw, filters, in)`, `bias (filters,)`.";
    Conv2DTranspose | Convolution2DTranspose = ConvTranspose<2>: "2D transposed convolution",
        [7, 9, 16], "::new(8, 3).strides(2).padding(Padding::Same)" => "(None, 14, 18, 8)";
}

layer_aliases! {
    "Input `(batch, d1, d2, d3, in)` (or channels first); output `(batch, new_d1, new_d2, \
     new_d3, filters)`. Weights `kernel (k1, k2, k3, filters, in)`, `bias (filters,)`.";
    Conv3DTranspose | Convolution3DTranspose = ConvTranspose<3>: "3D transposed convolution",
        [3, 4, 5, 2], "::new(5, 3).strides((1, 2, 2)).padding(Padding::Same)"
            => "(None, 3, 8, 10, 5)";
}

impl<const N: usize> ConvTranspose<N> {
    /// Checked arguments: filters, window, output padding, input channels
    /// and channel axis.
    fn resolve(&self, x: &Shape) -> Result<TransposeResolved<N>, LayerError> {
        crate::layers::declare::check_optional_activation(self.activation.as_deref())?;
        let filters = strictly_positive("filters", self.filters)?;
        let window = Window::new(&self.kernel_size, &self.window, true)?;
        no_causal(self.window.padding)?;
        let output_padding = match &self.output_padding {
            None => None,
            Some(op) => {
                let values = op.positive("output_padding", 0)?;
                for (i, (o, s)) in values.iter().zip(window.strides).enumerate() {
                    if *o >= s {
                        return Err(LayerError::argument(
                            "output_padding",
                            format!(
                                "must be strictly less than `strides` for all dimensions; at dimension {i}, `output_padding` is {o} but `strides` is {s}"
                            ),
                        ));
                    }
                }
                Some(values)
            }
        };
        let (in_channels, channel_axis) = input_channels::<N>(x, self.window.data_format)?;
        Ok(TransposeResolved {
            filters,
            window,
            output_padding,
            in_channels,
            channel_axis,
        })
    }
}

struct TransposeResolved<const N: usize> {
    filters: u64,
    window: Window<N>,
    output_padding: Option<[u64; N]>,
    in_channels: u64,
    channel_axis: usize,
}

impl<const N: usize> Layer for ConvTranspose<N> {
    declared_layer_common!();

    /// # Cost
    /// **Input** positions × kernel elements (`k·filters·in`) MACs: every
    /// input element meets each kernel element once. FLOPs `2·MACs`, plus
    /// one per output element for the bias and the activation's.
    /// TensorFlow's profiler approximates `Conv2DBackpropInput` from the
    /// output size (`2·out·kernel/(filters·∏strides)`), equal to this for
    /// `padding="same"`; torchinfo multiplies the kernel by the *output*
    /// positions. Unknown with an unknown spatial size.
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        crate::compute::conv_cost(
            || crate::compute::kernel_and_bias(&self.weights(inputs)?),
            inputs,
            outputs,
            self.window.data_format,
            true,
            self.activation.as_deref(),
        )
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let r = self.resolve(x)?;
        let w = &r.window;
        let output_padding = r.output_padding.map_or([None; N], |o| o.map(Some));
        let per_axis = w.kernel.into_iter().zip(w.strides).zip(w.dilation);
        spatial_output(
            x,
            self.window.data_format,
            r.channel_axis,
            r.filters,
            per_axis.zip(output_padding),
            |(((k, s), dil), op), d| {
                conv_transpose_output_length(d, k, s, dil, self.window.padding, op)
                    .map_err(|e| of_input(x, e))
            },
        )
        .map(single)
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let r = self.resolve(one_input(inputs)?)?;
        let mut out = Vec::with_capacity(2);
        out.push(WeightSpec::new(
            "kernel",
            r.window
                .kernel
                .iter()
                .copied()
                .chain([r.filters, r.in_channels]),
        ));
        if self.use_bias {
            out.push(WeightSpec::new("bias", [r.filters]));
        }
        Ok(out)
    }
}
