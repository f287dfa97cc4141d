//! `SeparableConv1D`/`SeparableConv2D` (`SeparableConvolution1D`, ...).

use super::checks::*;
use crate::args::{DataFormat, IntTuple, Padding, check_activation};
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::Shape;
use crate::weight::{WeightSpec, checked_mul};

// ---------------------------------------------------------------------------
// SeparableConv1D / SeparableConv2D
// ---------------------------------------------------------------------------

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
#[must_use]
pub struct SeparableConv<const N: usize> {
    config: LayerConfig,
    filters: i64,
    kernel_size: IntTuple<N>,
    strides: IntTuple<N>,
    padding: Padding,
    data_format: DataFormat,
    dilation_rate: IntTuple<N>,
    depth_multiplier: i64,
    activation: Option<String>,
    use_bias: bool,
}

/// `keras.layers.SeparableConv1D`: depthwise then pointwise 1D convolution.
///
/// # Shapes
/// Input `(batch, steps, in)` (or channels first); output
/// `(batch, new_steps, filters)`. Weights `depthwise_kernel (k, in, dm)`,
/// `pointwise_kernel (1, in * dm, filters)`, `bias (filters,)`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([30, 5]).tensor()?;
/// let y = SeparableConv1D::new(8, 3).padding(Padding::Same).depth_multiplier(2).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 30, 8)");
/// # Ok(()) }
/// ```
pub type SeparableConv1D = SeparableConv<1>;

/// `keras.layers.SeparableConv2D`: depthwise then pointwise 2D convolution.
///
/// # Shapes
/// Input `(batch, rows, cols, in)` (or channels first); output
/// `(batch, new_rows, new_cols, filters)`. Weights `depthwise_kernel (kh,
/// kw, in, dm)`, `pointwise_kernel (1, 1, in * dm, filters)`,
/// `bias (filters,)`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([21, 19, 8]).tensor()?;
/// let y = SeparableConv2D::new(16, 3).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 19, 17, 16)");
/// # Ok(()) }
/// ```
pub type SeparableConv2D = SeparableConv<2>;

/// `keras.layers.SeparableConvolution1D`, Keras's alias of
/// [`SeparableConv1D`].
pub type SeparableConvolution1D = SeparableConv1D;
/// `keras.layers.SeparableConvolution2D`, Keras's alias of
/// [`SeparableConv2D`].
pub type SeparableConvolution2D = SeparableConv2D;

impl<const N: usize> SeparableConv<N> {
    /// A separable convolution with `filters` output channels and a
    /// `kernel_size` window (an int or a tuple).
    pub fn new(filters: impl crate::args::Int, kernel_size: impl Into<IntTuple<N>>) -> Self {
        let filters = filters.to_i64();
        crate::layer::constructed(SeparableConv {
            config: LayerConfig::default(),
            filters,
            kernel_size: kernel_size.into(),
            strides: IntTuple([1; N]),
            padding: Padding::Valid,
            data_format: DataFormat::ChannelsLast,
            dilation_rate: IntTuple([1; N]),
            depth_multiplier: 1,
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

    /// Keras's `depth_multiplier=`: depthwise output channels per input
    /// channel. Defaults to 1.
    pub fn depth_multiplier(mut self, depth_multiplier: i64) -> Self {
        self.depth_multiplier = depth_multiplier;
        self
    }

    /// Checked filters, depth multiplier, window, input channels and
    /// channel axis.
    fn resolve(&self, x: &Shape) -> Result<(u64, u64, Window<N>, u64, usize), LayerError> {
        if let Some(a) = &self.activation {
            check_activation(a)?;
        }
        let dm = strictly_positive("depth_multiplier", self.depth_multiplier)?;
        let filters = strictly_positive("filters", self.filters)?;
        let window = Window::new(&self.kernel_size, &self.strides, &self.dilation_rate, false)?;
        no_causal(self.padding)?;
        let (in_channels, channel_axis) = input_channels::<N>(x, self.data_format)?;
        Ok((filters, dm, window, in_channels, channel_axis))
    }
}

impl<const N: usize> Layer for SeparableConv<N> {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([
            ("filters", json!(self.filters)),
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
            1 => "SeparableConv1D",
            _ => "SeparableConv2D",
        }
    }

    fn config(&self) -> &LayerConfig {
        &self.config
    }

    fn config_mut(&mut self) -> &mut LayerConfig {
        &mut self.config
    }

    /// # Cost
    /// Output positions × (depthwise `k·in·depth_multiplier` + pointwise
    /// `in·depth_multiplier·filters`) MACs; FLOPs `2·MACs`, plus one per
    /// output element for the bias and the activation's.
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
        let (filters, _, window, _, channel_axis) = self.resolve(x)?;
        conv_shape(
            x,
            self.data_format,
            channel_axis,
            filters,
            &window,
            self.padding,
        )
        .map(single)
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let (filters, dm, window, in_channels, _) = self.resolve(one_input(inputs)?)?;
        let mut w = vec![
            WeightSpec::new(
                "depthwise_kernel",
                window.kernel.iter().copied().chain([in_channels, dm]),
            ),
            WeightSpec::new(
                "pointwise_kernel",
                [1; N]
                    .into_iter()
                    .chain([checked_mul(dm, in_channels)?, filters]),
            ),
        ];
        if self.use_bias {
            w.push(WeightSpec::new("bias", [filters]));
        }
        Ok(w)
    }
}

/// A separable convolution from its Keras config (`filters`,
/// `kernel_size`, `strides`, `padding`, `data_format`, `dilation_rate`,
/// `depth_multiplier`, `activation`, `use_bias`).
#[cfg(feature = "keras-json")]
pub(super) fn separable_from_config<const N: usize>(
    c: &crate::config::cfg::Cfg<'_>,
) -> crate::Result<SeparableConv<N>> {
    let mut l = SeparableConv::<N>::new(c.int("filters")?, c.req_tuple::<N>("kernel_size")?)
        .strides(c.tuple::<N>("strides", IntTuple([1; N]))?)
        .padding(c.padding()?)
        .data_format(c.data_format()?)
        .dilation_rate(c.tuple::<N>("dilation_rate", IntTuple([1; N]))?)
        .depth_multiplier(c.int_or("depth_multiplier", 1)?)
        .use_bias(c.bool_or("use_bias", true)?);
    if let Some(a) = c.activation("activation")? {
        l = l.activation(a);
    }
    Ok(l)
}

/// Registers `SeparableConv1D`, `SeparableConv2D` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    use super::checks::boxed;
    r.register("SeparableConv1D", |c| boxed(separable_from_config::<1>(c)));
    r.register("SeparableConv2D", |c| boxed(separable_from_config::<2>(c)));
}
