//! `DepthwiseConv1D`/`DepthwiseConv2D`.

use super::checks::*;
use super::{ConvWindow, conv_layer, window_setters};
use crate::args::IntTuple;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, WeightSink, collect_weights, one_input, single};
use crate::shape::Shape;
use crate::weight::{WeightSpec, checked_mul};

// ---------------------------------------------------------------------------
// DepthwiseConv1D / DepthwiseConv2D
// ---------------------------------------------------------------------------

conv_layer! {
    class match N {
        1 => "DepthwiseConv1D" as DepthwiseConv<1>,
        _ => "DepthwiseConv2D" as DepthwiseConv<2>,
    };
    /// `keras.layers.DepthwiseConvND(kernel_size, strides=1, padding="valid",
    /// depth_multiplier=1, data_format=None, dilation_rate=1, activation=None,
    /// use_bias=True)`; see [`DepthwiseConv1D`], [`DepthwiseConv2D`].
    ///
    /// # Shapes
    /// Input `(batch, *spatial, in)` (or channels first); output the same with
    /// `in * depth_multiplier` channels and each spatial size from
    /// [`conv_output_length`](crate::args::conv_output_length). Weights: `kernel (*kernel_size, in,
    /// depth_multiplier)`, `bias (in * depth_multiplier,)` if `use_bias`.
    #[derive(Debug, Clone)]
    pub struct DepthwiseConv<const N: usize> {
        /// Keras's `kernel_size`: the window.
        kernel_size: IntTuple<N> = impl Into<IntTuple<N>> => kernel_size.into(),
    }
    /// A depthwise convolution with a `kernel_size` window (an int or a
    /// tuple).
    fn new;
    /// Keras's `depth_multiplier=`: output channels per input channel.
    /// Defaults to 1.
    depth_multiplier: i64 = 1, |depth_multiplier: i64| depth_multiplier;
}

layer_aliases! {
    "Input `(batch, steps, in)` (or channels first); output `(batch, new_steps, in * \
     depth_multiplier)`. Weights `kernel (k, in, depth_multiplier)`, `bias (in * \
     depth_multiplier,)`.";
    DepthwiseConv1D = DepthwiseConv<1>: "1D depthwise convolution",
        [20, 7], "::new(3).strides(2).depth_multiplier(4)" => "(None, 9, 28)";
}

layer_aliases! {
    "Input `(batch, rows, cols, in)` (or channels first); output `(batch, new_rows, new_cols, \
     in * depth_multiplier)`. Weights `kernel (kh, kw, in, depth_multiplier)`, `bias (in * \
     depth_multiplier,)`.";
    DepthwiseConv2D = DepthwiseConv<2>: "2D depthwise convolution",
        [32, 32, 16], "::new(3).padding(Padding::Same).use_bias(false)" => "(None, 32, 32, 16)";
}

impl<const N: usize> DepthwiseConv<N> {
    /// Checked depth multiplier, window, input channels and channel axis.
    fn resolve(&self, x: &Shape) -> Result<(u64, Window<N>, u64, usize), LayerError> {
        crate::layers::declare::check_optional_activation(self.activation.as_deref())?;
        let dm = strictly_positive("depth_multiplier", self.depth_multiplier)?;
        let window = Window::new(&self.kernel_size, &self.window, false)?;
        no_causal(self.window.padding)?;
        let (in_channels, channel_axis) = input_channels::<N>(x, self.window.data_format)?;
        Ok((dm, window, in_channels, channel_axis))
    }
}

impl<const N: usize> Layer for DepthwiseConv<N> {
    declared_layer_common!();

    /// # Cost
    /// Output positions × `k·in·depth_multiplier` MACs; FLOPs `2·MACs`,
    /// plus one per output element for the bias and the activation's.
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        crate::compute::conv_cost(
            || crate::compute::kernel_and_bias(&self.weights(inputs)?),
            inputs,
            outputs,
            self.window.data_format,
            false,
            self.activation.as_deref(),
        )
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let (dm, window, in_channels, channel_axis) = self.resolve(x)?;
        let out = checked_mul(dm, in_channels)?;
        conv_shape(x, &self.window, channel_axis, out, &window).map(single)
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        collect_weights(|w| self.declare_weights(inputs, w), 2)
    }

    fn declare_weights(&self, inputs: &[Shape], w: &mut WeightSink<'_>) -> Result<(), LayerError> {
        let (dm, window, in_channels, _) = self.resolve(one_input(inputs)?)?;
        w.push(WeightSpec::new(
            "kernel",
            window.kernel.iter().copied().chain([in_channels, dm]),
        ))?;
        if self.use_bias {
            w.push(WeightSpec::new("bias", [checked_mul(dm, in_channels)?]))?;
        }
        Ok(())
    }
}
