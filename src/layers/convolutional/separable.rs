//! `SeparableConv1D`/`SeparableConv2D` (`SeparableConvolution1D`, ...).

use super::checks::*;
use super::{ConvWindow, conv_layer, window_setters};
use crate::args::IntTuple;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, WeightSink, collect_weights, one_input, single};
use crate::shape::Shape;
use crate::weight::{WeightSpec, checked_mul};

// ---------------------------------------------------------------------------
// SeparableConv1D / SeparableConv2D
// ---------------------------------------------------------------------------

conv_layer! {
    class match N {
        1 => "SeparableConv1D" as SeparableConv<1>,
        _ => "SeparableConv2D" as SeparableConv<2>,
    };
    /// `keras.layers.SeparableConvND(filters, kernel_size, strides=1,
    /// padding="valid", data_format=None, dilation_rate=1, depth_multiplier=1,
    /// activation=None, use_bias=True)`; see [`SeparableConv1D`],
    /// [`SeparableConv2D`].
    ///
    /// # Shapes
    /// Input `(batch, *spatial, in)` (or channels first); output the same with
    /// `filters` channels and each spatial size from [`conv_output_length`](crate::args::conv_output_length).
    /// Weights: `depthwise_kernel (*kernel_size, in, depth_multiplier)`,
    /// `pointwise_kernel (1, .., 1, in * depth_multiplier, filters)`,
    /// `bias (filters,)` if `use_bias`.
    #[derive(Debug, Clone)]
    pub struct SeparableConv<const N: usize> {
        /// Keras's `filters`: the output channels.
        filters: i64 = impl crate::args::Int => filters.to_i64(),
        /// Keras's `kernel_size`: the window.
        kernel_size: IntTuple<N> = impl Into<IntTuple<N>> => kernel_size.into(),
    }
    /// A separable convolution with `filters` output channels and a
    /// `kernel_size` window (an int or a tuple).
    fn new;
    /// Keras's `depth_multiplier=`: depthwise output channels per input channel.
    /// Defaults to 1.
    depth_multiplier: i64 = 1, |depth_multiplier: i64| depth_multiplier;
}

layer_aliases! {
    "Input `(batch, steps, in)` (or channels first); output `(batch, new_steps, filters)`. \
     Weights `depthwise_kernel (k, in, dm)`, `pointwise_kernel (1, in * dm, filters)`, `bias \
     (filters,)`.";
    SeparableConv1D | SeparableConvolution1D = SeparableConv<1>:
        "depthwise then pointwise 1D convolution",
        [30, 5], "::new(8, 3).padding(Padding::Same).depth_multiplier(2)" => "(None, 30, 8)";
}

layer_aliases! {
    "Input `(batch, rows, cols, in)` (or channels first); output `(batch, new_rows, new_cols, \
     filters)`. Weights `depthwise_kernel (kh, kw, in, dm)`, `pointwise_kernel (1, 1, in * dm, \
     filters)`, `bias (filters,)`.";
    SeparableConv2D | SeparableConvolution2D = SeparableConv<2>:
        "depthwise then pointwise 2D convolution",
        [21, 19, 8], "::new(16, 3)" => "(None, 19, 17, 16)";
}

impl<const N: usize> SeparableConv<N> {
    /// Checked filters, depth multiplier, window, input channels and
    /// channel axis.
    fn resolve(&self, x: &Shape) -> Result<(u64, u64, Window<N>, u64, usize), LayerError> {
        crate::layers::declare::check_optional_activation(self.activation.as_deref())?;
        let dm = strictly_positive("depth_multiplier", self.depth_multiplier)?;
        let filters = strictly_positive("filters", self.filters)?;
        let window = Window::new(&self.kernel_size, &self.window, false)?;
        no_causal(self.window.padding)?;
        let (in_channels, channel_axis) = input_channels::<N>(x, self.window.data_format)?;
        Ok((filters, dm, window, in_channels, channel_axis))
    }
}

impl<const N: usize> Layer for SeparableConv<N> {
    declared_layer_common!();

    /// # Cost
    /// Output positions × (depthwise `k·in·depth_multiplier` + pointwise
    /// `in·depth_multiplier·filters`) MACs; FLOPs `2·MACs`, plus one per
    /// output element for the bias and the activation's.
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        // The kernels' sizes without making the weights.
        crate::compute::conv_cost(
            || {
                let (filters, dm, window, in_channels, _) = self.resolve(one_input(inputs)?)?;
                let depthwise =
                    crate::weight::product(window.kernel.iter().copied().chain([in_channels, dm]))?;
                let pointwise = crate::weight::product(
                    [1; N]
                        .into_iter()
                        .chain([checked_mul(dm, in_channels)?, filters]),
                )?;
                Ok(Some((
                    smallvec::smallvec![depthwise, pointwise],
                    self.use_bias,
                )))
            },
            inputs,
            outputs,
            self.window.data_format,
            false,
            self.activation.as_deref(),
        )
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let (filters, _, window, _, channel_axis) = self.resolve(x)?;
        conv_shape(x, &self.window, channel_axis, filters, &window).map(single)
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        collect_weights(|w| self.declare_weights(inputs, w), 3)
    }

    fn declare_weights(&self, inputs: &[Shape], w: &mut WeightSink<'_>) -> Result<(), LayerError> {
        let (filters, dm, window, in_channels, _) = self.resolve(one_input(inputs)?)?;
        w.push(WeightSpec::new(
            "depthwise_kernel",
            window.kernel.iter().copied().chain([in_channels, dm]),
        ))?;
        w.push(WeightSpec::new(
            "pointwise_kernel",
            [1; N]
                .into_iter()
                .chain([checked_mul(dm, in_channels)?, filters]),
        ))?;
        if self.use_bias {
            w.push(WeightSpec::new("bias", [filters]))?;
        }
        Ok(())
    }
}
