//! Convolution layers.

use crate::args::{DataFormat, IntTuple, Padding, check_activation, conv_output_length};
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape};
use crate::weight::WeightSpec;

/// `keras.layers.ConvND(filters, kernel_size, strides=1, padding="valid",
/// data_format=None, dilation_rate=1, groups=1, activation=None,
/// use_bias=True)` for `N` spatial dimensions; see [`Conv2D`].
///
/// # Shapes
/// Input `(batch, *spatial, in)` (channels last) or `(batch, in, *spatial)`;
/// output the same with `filters` channels and each spatial size from
/// [`conv_output_length`]. Weights: `kernel (*kernel_size, in / groups,
/// filters)`, `bias (filters,)` if `use_bias`.
#[derive(Debug, Clone)]
#[must_use]
pub struct Conv<const N: usize> {
    config: LayerConfig,
    filters: i64,
    kernel_size: IntTuple<N>,
    strides: IntTuple<N>,
    padding: Padding,
    data_format: DataFormat,
    dilation_rate: IntTuple<N>,
    groups: i64,
    activation: Option<String>,
    use_bias: bool,
}

/// `keras.layers.Conv2D`: 2D convolution.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([70, 70, 3]).tensor()?;
/// let y = Conv2D::new(32, (7, 7)).strides((1, 1)).name("conv0").call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 64, 64, 32)");
/// # Ok(()) }
/// ```
pub type Conv2D = Conv<2>;

impl<const N: usize> Conv<N> {
    /// A convolution with `filters` output channels and a `kernel_size`
    /// window (an int or a tuple).
    pub fn new(filters: i64, kernel_size: impl Into<IntTuple<N>>) -> Self {
        Conv {
            config: LayerConfig::default(),
            filters,
            kernel_size: kernel_size.into(),
            strides: IntTuple([1; N]),
            padding: Padding::Valid,
            data_format: DataFormat::ChannelsLast,
            dilation_rate: IntTuple([1; N]),
            groups: 1,
            activation: None,
            use_bias: true,
        }
    }

    /// Keras's `strides=`. Defaults to 1.
    pub fn strides(mut self, strides: impl Into<IntTuple<N>>) -> Self {
        self.strides = strides.into();
        self
    }

    /// Keras's `padding=`. Defaults to `valid`.
    pub fn padding(mut self, padding: Padding) -> Self {
        self.padding = padding;
        self
    }

    /// Keras's `data_format=`. Defaults to `channels_last`.
    pub fn data_format(mut self, data_format: DataFormat) -> Self {
        self.data_format = data_format;
        self
    }

    /// Keras's `dilation_rate=`. Defaults to 1.
    pub fn dilation_rate(mut self, dilation_rate: impl Into<IntTuple<N>>) -> Self {
        self.dilation_rate = dilation_rate.into();
        self
    }

    /// Keras's `groups=`. Defaults to 1.
    pub fn groups(mut self, groups: i64) -> Self {
        self.groups = groups;
        self
    }

    /// Keras's `activation=`. Defaults to none.
    pub fn activation(mut self, activation: impl Into<String>) -> Self {
        self.activation = Some(activation.into());
        self
    }

    /// Keras's `use_bias=`. Defaults to `true`.
    pub fn use_bias(mut self, use_bias: bool) -> Self {
        self.use_bias = use_bias;
        self
    }

    /// Checked arguments and input channels for an input shape.
    fn resolve(&self, x: &Shape) -> Result<Resolved<N>, LayerError> {
        if let Some(a) = &self.activation {
            check_activation(a)?;
        }
        let filters = u64::try_from(self.filters)
            .ok()
            .filter(|f| *f > 0)
            .ok_or_else(|| {
                LayerError::argument(
                    "filters",
                    format!(
                        "expected a positive integer, received filters={}",
                        self.filters
                    ),
                )
            })?;
        let groups = u64::try_from(self.groups)
            .ok()
            .filter(|g| *g > 0)
            .ok_or_else(|| {
                LayerError::argument(
                    "groups",
                    format!(
                        "expected a positive integer, received groups={}",
                        self.groups
                    ),
                )
            })?;
        let kernel = self.kernel_size.positive("kernel_size", 1)?;
        let strides = self.strides.positive("strides", 1)?;
        let dilation = self.dilation_rate.positive("dilation_rate", 1)?;
        if filters % groups != 0 {
            return Err(LayerError::argument(
                "groups",
                format!(
                    "the number of filters must be evenly divisible by the number of groups, received groups={groups}, filters={filters}"
                ),
            ));
        }
        if strides.iter().any(|s| *s > 1) && dilation.iter().any(|d| *d > 1) {
            return Err(LayerError::argument(
                "strides",
                format!(
                    "`strides > 1` not supported in conjunction with `dilation_rate > 1`, received strides={} and dilation_rate={}",
                    self.strides, self.dilation_rate
                ),
            ));
        }
        if self.padding == Padding::Causal && N != 1 {
            return Err(LayerError::argument(
                "padding",
                "`causal` padding is only supported for 1D convolutions",
            ));
        }
        if x.rank() != N + 2 {
            return Err(LayerError::rank((N + 2).to_string(), x));
        }
        let channel_axis = self.data_format.channel_axis(x.rank());
        let Some(Dim::Known(in_channels)) = x.dims().get(channel_axis).copied() else {
            return Err(LayerError::input(
                x,
                "the channel dimension of the inputs should be defined, found None",
            ));
        };
        if in_channels % groups != 0 {
            return Err(LayerError::input(
                x,
                format!(
                    "the number of input channels must be evenly divisible by the number of groups, received groups={groups}, input channels={in_channels}"
                ),
            ));
        }
        Ok(Resolved {
            filters,
            groups,
            kernel,
            strides,
            dilation,
            in_channels,
            channel_axis,
        })
    }
}

struct Resolved<const N: usize> {
    filters: u64,
    groups: u64,
    kernel: [u64; N],
    strides: [u64; N],
    dilation: [u64; N],
    in_channels: u64,
    channel_axis: usize,
}

impl<const N: usize> Layer for Conv<N> {
    fn class_name(&self) -> &str {
        match N {
            1 => "Conv1D",
            2 => "Conv2D",
            _ => "Conv3D",
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
        let r = self.resolve(x)?;
        let mut dims: Vec<Dim> = x.dims().to_vec();
        for (i, axis) in self.data_format.spatial_axes(x.rank()).enumerate() {
            dims[axis] = conv_output_length(
                dims[axis],
                r.kernel[i],
                r.strides[i],
                r.dilation[i],
                self.padding,
            )
            .map_err(|e| match e {
                LayerError::Other(msg) => LayerError::input(x, msg),
                other => other,
            })?;
        }
        dims[r.channel_axis] = Dim::Known(r.filters);
        Ok(single(Shape::new(dims)))
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let r = self.resolve(one_input(inputs)?)?;
        let kernel = r
            .kernel
            .iter()
            .copied()
            .chain([r.in_channels / r.groups, r.filters]);
        let mut w = vec![WeightSpec::new("kernel", kernel)];
        if self.use_bias {
            w.push(WeightSpec::new("bias", [r.filters]));
        }
        Ok(w)
    }
}
