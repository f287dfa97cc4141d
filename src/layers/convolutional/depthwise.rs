//! `DepthwiseConv1D`/`DepthwiseConv2D`.

use super::checks::*;
use crate::args::{DataFormat, IntTuple, Padding, check_activation};
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::Shape;
use crate::weight::{WeightSpec, checked_mul};

// ---------------------------------------------------------------------------
// DepthwiseConv1D / DepthwiseConv2D
// ---------------------------------------------------------------------------

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
#[must_use]
pub struct DepthwiseConv<const N: usize> {
    config: LayerConfig,
    kernel_size: IntTuple<N>,
    strides: IntTuple<N>,
    padding: Padding,
    depth_multiplier: i64,
    data_format: DataFormat,
    dilation_rate: IntTuple<N>,
    activation: Option<String>,
    use_bias: bool,
}

/// `keras.layers.DepthwiseConv1D`: 1D depthwise convolution.
///
/// # Shapes
/// Input `(batch, steps, in)` (or channels first); output
/// `(batch, new_steps, in * depth_multiplier)`. Weights `kernel (k, in,
/// depth_multiplier)`, `bias (in * depth_multiplier,)`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([20, 7]).tensor()?;
/// let y = DepthwiseConv1D::new(3).strides(2).depth_multiplier(4).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 9, 28)");
/// # Ok(()) }
/// ```
pub type DepthwiseConv1D = DepthwiseConv<1>;

/// `keras.layers.DepthwiseConv2D`: 2D depthwise convolution.
///
/// # Shapes
/// Input `(batch, rows, cols, in)` (or channels first); output
/// `(batch, new_rows, new_cols, in * depth_multiplier)`. Weights
/// `kernel (kh, kw, in, depth_multiplier)`, `bias (in * depth_multiplier,)`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([32, 32, 16]).tensor()?;
/// let y = DepthwiseConv2D::new(3).padding(Padding::Same).use_bias(false).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 32, 32, 16)");
/// # Ok(()) }
/// ```
pub type DepthwiseConv2D = DepthwiseConv<2>;

impl<const N: usize> DepthwiseConv<N> {
    /// A depthwise convolution with a `kernel_size` window (an int or a
    /// tuple).
    pub fn new(kernel_size: impl Into<IntTuple<N>>) -> Self {
        crate::layer::constructed(DepthwiseConv {
            config: LayerConfig::default(),
            kernel_size: kernel_size.into(),
            strides: IntTuple([1; N]),
            padding: Padding::Valid,
            depth_multiplier: 1,
            data_format: DataFormat::ChannelsLast,
            dilation_rate: IntTuple([1; N]),
            activation: None,
            use_bias: true,
        })
    }

    conv_setters!();

    /// Keras's `padding=` (`valid` or `same`). Defaults to `valid`.
    pub fn padding(mut self, padding: Padding) -> Self {
        self.padding = padding;
        self
    }

    /// Keras's `depth_multiplier=`: output channels per input channel.
    /// Defaults to 1.
    pub fn depth_multiplier(mut self, depth_multiplier: i64) -> Self {
        self.depth_multiplier = depth_multiplier;
        self
    }

    /// Checked depth multiplier, window, input channels and channel axis.
    fn resolve(&self, x: &Shape) -> Result<(u64, Window<N>, u64, usize), LayerError> {
        if let Some(a) = &self.activation {
            check_activation(a)?;
        }
        let dm = strictly_positive("depth_multiplier", self.depth_multiplier)?;
        let window = Window::new(&self.kernel_size, &self.strides, &self.dilation_rate, false)?;
        no_causal(self.padding)?;
        let (in_channels, channel_axis) = input_channels::<N>(x, self.data_format)?;
        Ok((dm, window, in_channels, channel_axis))
    }
}

impl<const N: usize> Layer for DepthwiseConv<N> {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([
            ("depth_multiplier", json!(self.depth_multiplier)),
            ("kernel_size", w::ints(self.kernel_size.0)),
            ("strides", w::ints(self.strides.0)),
            ("padding", json!(self.padding.to_string())),
            ("data_format", json!(self.data_format.to_string())),
            ("dilation_rate", w::ints(self.dilation_rate.0)),
            ("activation", w::activation(self.activation.as_ref())),
            ("use_bias", json!(self.use_bias)),
        ]))
    }

    fn class_name(&self) -> &str {
        match N {
            1 => "DepthwiseConv1D",
            _ => "DepthwiseConv2D",
        }
    }

    fn config(&self) -> &LayerConfig {
        &self.config
    }

    fn config_mut(&mut self) -> &mut LayerConfig {
        &mut self.config
    }

    /// # Cost
    /// Output positions × `k·in·depth_multiplier` MACs; FLOPs `2·MACs`,
    /// plus one per output element for the bias and the activation's.
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        crate::compute::conv_cost(
            || self.weights(inputs),
            inputs,
            outputs,
            self.data_format,
            false,
            self.activation.as_deref(),
        )
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let (dm, window, in_channels, channel_axis) = self.resolve(x)?;
        let out = checked_mul(dm, in_channels)?;
        conv_shape(
            x,
            self.data_format,
            channel_axis,
            out,
            &window,
            self.padding,
        )
        .map(single)
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let (dm, window, in_channels, _) = self.resolve(one_input(inputs)?)?;
        let mut w = Vec::with_capacity(2);
        w.push(WeightSpec::new(
            "kernel",
            window.kernel.iter().copied().chain([in_channels, dm]),
        ));
        if self.use_bias {
            w.push(WeightSpec::new("bias", [checked_mul(dm, in_channels)?]));
        }
        Ok(w)
    }
}

/// A depthwise convolution from its Keras config (`kernel_size`,
/// `strides`, `padding`, `depth_multiplier`, `data_format`,
/// `dilation_rate`, `activation`, `use_bias`).
#[cfg(feature = "keras-json")]
pub(super) fn depthwise_from_config<const N: usize>(
    c: &crate::config::cfg::Cfg<'_>,
) -> crate::Result<DepthwiseConv<N>> {
    let mut l = DepthwiseConv::<N>::new(c.req_tuple::<N>("kernel_size")?)
        .strides(c.tuple::<N>("strides", IntTuple([1; N]))?)
        .padding(c.padding()?)
        .depth_multiplier(c.int_or("depth_multiplier", 1)?)
        .data_format(c.data_format()?)
        .dilation_rate(c.tuple::<N>("dilation_rate", IntTuple([1; N]))?)
        .use_bias(c.bool_or("use_bias", true)?);
    if let Some(a) = c.activation("activation")? {
        l = l.activation(a);
    }
    Ok(l)
}

/// Registers `DepthwiseConv1D`, `DepthwiseConv2D` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    use super::checks::boxed;
    r.register("DepthwiseConv1D", |c| boxed(depthwise_from_config::<1>(c)));
    r.register("DepthwiseConv2D", |c| boxed(depthwise_from_config::<2>(c)));
}
