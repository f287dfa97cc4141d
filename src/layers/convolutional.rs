//! Convolution layers: `Conv1D`/`Conv2D`/`Conv3D`, their transposes,
//! depthwise and separable convolutions, with Keras's aliases
//! (`Convolution2D`, `SeparableConvolution2D`, ...).

use std::num::NonZeroU64;

use crate::args::{
    DataFormat, IntTuple, Padding, SpatialRank, check_activation, conv_output_length,
};
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape};
use crate::weight::{DType, WeightSpec, checked_mul};

/// The builder methods every convolution shares, with Keras's names and
/// defaults: `strides`, `data_format`, `dilation_rate`, `activation`,
/// `use_bias`.
macro_rules! conv_setters {
    () => {
        /// Keras's `strides=`. Defaults to 1.
        pub fn strides(mut self, strides: impl Into<IntTuple<N>>) -> Self {
            self.strides = strides.into();
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
    };
}

/// An integer argument Keras requires to be strictly positive.
fn strictly_positive(argument: &str, value: i64) -> Result<u64, LayerError> {
    nonzero(argument, value).map(NonZeroU64::get)
}

/// [`strictly_positive`], as a divisor.
fn nonzero(argument: &str, value: i64) -> Result<NonZeroU64, LayerError> {
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
fn no_causal(padding: Padding) -> Result<(), LayerError> {
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
fn input_channels<const N: usize>(
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
/// the spatial index and size) and sets the channel axis to `channels`.
fn map_spatial(
    x: &Shape,
    data_format: DataFormat,
    channel_axis: usize,
    channels: u64,
    mut f: impl FnMut(usize, Dim) -> Result<Dim, LayerError>,
) -> Result<Shape, LayerError> {
    let mut dims: Vec<Dim> = x.dims().to_vec();
    for (i, axis) in data_format.spatial_axes(x.rank()).enumerate() {
        if let Some(d) = dims.get_mut(axis) {
            *d = f(i, *d)?;
        }
    }
    if let Some(d) = dims.get_mut(channel_axis) {
        *d = Dim::Known(channels);
    }
    Ok(Shape::new(dims))
}

/// The output shape of a (non-transposed) convolution, as Keras's
/// `compute_conv_output_shape`.
fn conv_shape<const N: usize>(
    x: &Shape,
    data_format: DataFormat,
    channel_axis: usize,
    channels: u64,
    window: &Window<N>,
    padding: Padding,
) -> Result<Shape, LayerError> {
    map_spatial(x, data_format, channel_axis, channels, |i, d| {
        let (Some(k), Some(s), Some(r)) = (
            window.kernel.get(i),
            window.strides.get(i),
            window.dilation.get(i),
        ) else {
            return Err(LayerError::rank(SpatialRank::<N>::BATCHED.to_string(), x));
        };
        conv_output_length(d, *k, *s, *r, padding).map_err(|e| match e {
            LayerError::Other(msg) => LayerError::input(x, msg),
            other => other,
        })
    })
}

/// Checked `kernel_size`, `strides` and `dilation_rate`.
struct Window<const N: usize> {
    kernel: [u64; N],
    strides: [u64; N],
    dilation: [u64; N],
}

impl<const N: usize> Window<N> {
    fn new(
        kernel: &IntTuple<N>,
        strides: &IntTuple<N>,
        dilation: &IntTuple<N>,
        forbid_strided_dilation: bool,
    ) -> Result<Self, LayerError> {
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

// ---------------------------------------------------------------------------
// Conv1D / Conv2D / Conv3D
// ---------------------------------------------------------------------------

/// `keras.layers.ConvND(filters, kernel_size, strides=1, padding="valid",
/// data_format=None, dilation_rate=1, groups=1, activation=None,
/// use_bias=True, lora_rank=None)` for `N` spatial dimensions; see
/// [`Conv1D`], [`Conv2D`], [`Conv3D`].
///
/// # Shapes
/// Input `(batch, *spatial, in)` (channels last) or `(batch, in, *spatial)`;
/// output the same with `filters` channels and each spatial size from
/// [`conv_output_length`]. Weights: `kernel (*kernel_size, in / groups,
/// filters)`, `bias (filters,)` if `use_bias`; with `lora_rank` the kernel
/// is frozen and `lora_kernel_a (*kernel_size, in / groups, rank)`,
/// `lora_kernel_b (rank, filters)` (always `float32`) are added.
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
    lora_rank: Option<i64>,
    lora_alpha: Option<f64>,
}

/// `keras.layers.Conv1D`: 1D (temporal) convolution; `padding` may also be
/// [`Padding::Causal`].
///
/// # Shapes
/// Input `(batch, steps, in)` (or `(batch, in, steps)` channels first);
/// output `(batch, new_steps, filters)`. Weights `kernel (k, in / groups,
/// filters)` and `bias (filters,)`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([None, Some(16)]).tensor()?;
/// let y = Conv1D::new(32, 3).padding(Padding::Causal).dilation_rate(2).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, None, 32)");
/// # Ok(()) }
/// ```
pub type Conv1D = Conv<1>;

/// `keras.layers.Conv2D`: 2D convolution.
///
/// # Shapes
/// Input `(batch, rows, cols, in)` (or channels first); output
/// `(batch, new_rows, new_cols, filters)`. Weights `kernel (kh, kw,
/// in / groups, filters)` and `bias (filters,)`.
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

/// `keras.layers.Conv3D`: 3D convolution.
///
/// # Shapes
/// Input `(batch, d1, d2, d3, in)` (or channels first); output
/// `(batch, new_d1, new_d2, new_d3, filters)`. Weights `kernel (k1, k2, k3,
/// in / groups, filters)` and `bias (filters,)`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([10, 12, 14, 4]).tensor()?;
/// let y = Conv3D::new(8, 3).padding(Padding::Same).strides((1, 2, 2)).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 10, 6, 7, 8)");
/// # Ok(()) }
/// ```
pub type Conv3D = Conv<3>;

/// `keras.layers.Convolution1D`, Keras's alias of [`Conv1D`] (summaries
/// print `Conv1D`).
pub type Convolution1D = Conv1D;
/// `keras.layers.Convolution2D`, Keras's alias of [`Conv2D`] (summaries
/// print `Conv2D`).
pub type Convolution2D = Conv2D;
/// `keras.layers.Convolution3D`, Keras's alias of [`Conv3D`] (summaries
/// print `Conv3D`).
pub type Convolution3D = Conv3D;

impl<const N: usize> Conv<N> {
    /// A convolution with `filters` output channels and a `kernel_size`
    /// window (an int or a tuple).
    pub fn new(filters: impl crate::args::Int, kernel_size: impl Into<IntTuple<N>>) -> Self {
        let filters = filters.to_i64();
        crate::layer::constructed(Conv {
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
            lora_rank: None,
            lora_alpha: None,
        })
    }

    conv_setters!();

    /// Keras's `padding=` (`valid`, `same`, or for `Conv1D` `causal`).
    /// Defaults to `valid`.
    pub fn padding(mut self, padding: Padding) -> Self {
        self.padding = padding;
        self
    }

    /// Keras's `groups=`. Defaults to 1.
    pub fn groups(mut self, groups: i64) -> Self {
        self.groups = groups;
        self
    }

    /// Keras's `lora_rank=`: enables LoRA, which freezes the kernel and adds
    /// the trainable `lora_kernel_a`/`lora_kernel_b` (0 disables it).
    /// Defaults to `None`.
    pub fn lora_rank(mut self, lora_rank: i64) -> Self {
        self.lora_rank = Some(lora_rank);
        self
    }

    /// Keras's `lora_alpha=`: the LoRA scale (no effect on shapes or
    /// weights). Defaults to `lora_rank`.
    pub fn lora_alpha(mut self, lora_alpha: f64) -> Self {
        self.lora_alpha = Some(lora_alpha);
        self
    }

    /// Checked arguments and input channels for an input shape.
    fn resolve(&self, x: &Shape) -> Result<Resolved<N>, LayerError> {
        if let Some(a) = &self.activation {
            check_activation(a)?;
        }
        let filters = strictly_positive("filters", self.filters)?;
        let groups = nonzero("groups", self.groups)?;
        if filters % groups != 0 {
            return Err(LayerError::argument(
                "groups",
                format!(
                    "the number of filters must be evenly divisible by the number of groups, received groups={groups}, filters={filters}"
                ),
            ));
        }
        let window = Window::new(&self.kernel_size, &self.strides, &self.dilation_rate, true)?;
        if self.padding == Padding::Causal && N != 1 {
            return Err(LayerError::argument(
                "padding",
                "`causal` padding is only supported for 1D convolutions",
            ));
        }
        let lora_rank = match self.lora_rank {
            None | Some(0) => None,
            Some(r) => Some(u64::try_from(r).map_err(|_| {
                LayerError::argument("lora_rank", format!("dimension {r} must be >= 0"))
            })?),
        };
        let (in_channels, channel_axis) = input_channels::<N>(x, self.data_format)?;
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
            window,
            in_channels,
            channel_axis,
            lora_rank,
        })
    }
}

struct Resolved<const N: usize> {
    filters: u64,
    groups: NonZeroU64,
    window: Window<N>,
    in_channels: u64,
    channel_axis: usize,
    lora_rank: Option<u64>,
}

impl<const N: usize> Layer for Conv<N> {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let mut o = w::obj([
            ("filters", json!(self.filters)),
            ("kernel_size", w::ints(self.kernel_size.0)),
            ("strides", w::ints(self.strides.0)),
            ("padding", json!(self.padding.to_string())),
            ("data_format", json!(self.data_format.to_string())),
            ("dilation_rate", w::ints(self.dilation_rate.0)),
            ("groups", json!(self.groups)),
            ("activation", w::activation(self.activation.as_ref())),
            ("use_bias", json!(self.use_bias)),
            ("kernel_initializer", w::glorot()),
            ("bias_initializer", w::zeros()),
        ]);
        if let Some(r) = self.lora_rank {
            o.insert("lora_rank".into(), json!(r));
        }
        if let Some(a) = self.lora_alpha {
            o.insert("lora_alpha".into(), json!(a));
        }
        Some(o)
    }

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

    /// # Cost
    /// Output positions × kernel elements (`k·in/groups·filters`) MACs;
    /// FLOPs `2·MACs`, plus one per output element for the bias and the
    /// activation's (see [`crate::compute`]). Unknown with a `lora_rank`
    /// or an unknown spatial size.
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
        let r = self.resolve(x)?;
        conv_shape(
            x,
            self.data_format,
            r.channel_axis,
            r.filters,
            &r.window,
            self.padding,
        )
        .map(single)
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let r = self.resolve(one_input(inputs)?)?;
        let per_group = r.in_channels / r.groups;
        let kernel = WeightSpec::new(
            "kernel",
            r.window
                .kernel
                .iter()
                .copied()
                .chain([per_group, r.filters]),
        );
        let mut w = Vec::with_capacity(4);
        w.push(match r.lora_rank {
            Some(_) => kernel.frozen(),
            None => kernel,
        });
        if self.use_bias {
            w.push(WeightSpec::new("bias", [r.filters]));
        }
        if let Some(rank) = r.lora_rank {
            w.push(
                WeightSpec::new(
                    "lora_kernel_a",
                    r.window.kernel.iter().copied().chain([per_group, rank]),
                )
                .with_dtype(DType::Float32),
            );
            w.push(WeightSpec::new("lora_kernel_b", [rank, r.filters]).with_dtype(DType::Float32));
        }
        Ok(w)
    }
}

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
#[must_use]
pub struct ConvTranspose<const N: usize> {
    config: LayerConfig,
    filters: i64,
    kernel_size: IntTuple<N>,
    strides: IntTuple<N>,
    padding: Padding,
    output_padding: Option<IntTuple<N>>,
    data_format: DataFormat,
    dilation_rate: IntTuple<N>,
    activation: Option<String>,
    use_bias: bool,
}

/// `keras.layers.Conv1DTranspose`: 1D transposed convolution.
///
/// # Shapes
/// Input `(batch, steps, in)` (or channels first); output
/// `(batch, new_steps, filters)`. Weights `kernel (k, filters, in)`,
/// `bias (filters,)`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([10, 8]).tensor()?;
/// let y = Conv1DTranspose::new(4, 3).strides(2).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 21, 4)");
/// # Ok(()) }
/// ```
pub type Conv1DTranspose = ConvTranspose<1>;

/// `keras.layers.Conv2DTranspose`: 2D transposed convolution.
///
/// # Shapes
/// Input `(batch, rows, cols, in)` (or channels first); output
/// `(batch, new_rows, new_cols, filters)`. Weights `kernel (kh, kw,
/// filters, in)`, `bias (filters,)`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([7, 9, 16]).tensor()?;
/// let y = Conv2DTranspose::new(8, 3).strides(2).padding(Padding::Same).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 14, 18, 8)");
/// # Ok(()) }
/// ```
pub type Conv2DTranspose = ConvTranspose<2>;

/// `keras.layers.Conv3DTranspose`: 3D transposed convolution.
///
/// # Shapes
/// Input `(batch, d1, d2, d3, in)` (or channels first); output
/// `(batch, new_d1, new_d2, new_d3, filters)`. Weights `kernel (k1, k2, k3,
/// filters, in)`, `bias (filters,)`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([3, 4, 5, 2]).tensor()?;
/// let y = Conv3DTranspose::new(5, 3).strides((1, 2, 2)).padding(Padding::Same).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 3, 8, 10, 5)");
/// # Ok(()) }
/// ```
pub type Conv3DTranspose = ConvTranspose<3>;

/// `keras.layers.Convolution1DTranspose`, Keras's alias of
/// [`Conv1DTranspose`].
pub type Convolution1DTranspose = Conv1DTranspose;
/// `keras.layers.Convolution2DTranspose`, Keras's alias of
/// [`Conv2DTranspose`].
pub type Convolution2DTranspose = Conv2DTranspose;
/// `keras.layers.Convolution3DTranspose`, Keras's alias of
/// [`Conv3DTranspose`].
pub type Convolution3DTranspose = Conv3DTranspose;

impl<const N: usize> ConvTranspose<N> {
    /// A transposed convolution with `filters` output channels and a
    /// `kernel_size` window (an int or a tuple).
    pub fn new(filters: impl crate::args::Int, kernel_size: impl Into<IntTuple<N>>) -> Self {
        let filters = filters.to_i64();
        crate::layer::constructed(ConvTranspose {
            config: LayerConfig::default(),
            filters,
            kernel_size: kernel_size.into(),
            strides: IntTuple([1; N]),
            padding: Padding::Valid,
            output_padding: None,
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

    /// Keras's `output_padding=`: extra size added to one side of each
    /// output dimension, each strictly less than its stride. Defaults to
    /// `None` (inferred).
    pub fn output_padding(mut self, output_padding: impl Into<IntTuple<N>>) -> Self {
        self.output_padding = Some(output_padding.into());
        self
    }

    /// Checked arguments: filters, window, output padding, input channels
    /// and channel axis.
    fn resolve(&self, x: &Shape) -> Result<TransposeResolved<N>, LayerError> {
        if let Some(a) = &self.activation {
            check_activation(a)?;
        }
        let filters = strictly_positive("filters", self.filters)?;
        let window = Window::new(&self.kernel_size, &self.strides, &self.dilation_rate, true)?;
        no_causal(self.padding)?;
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
        let (in_channels, channel_axis) = input_channels::<N>(x, self.data_format)?;
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
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([
            ("filters", json!(self.filters)),
            ("kernel_size", w::ints(self.kernel_size.0)),
            ("strides", w::ints(self.strides.0)),
            ("padding", json!(self.padding.to_string())),
            ("data_format", json!(self.data_format.to_string())),
            ("dilation_rate", w::ints(self.dilation_rate.0)),
            ("activation", w::activation(self.activation.as_ref())),
            ("use_bias", json!(self.use_bias)),
            (
                "output_padding",
                self.output_padding
                    .map_or(serde_json::Value::Null, |p| w::ints(p.0)),
            ),
        ]))
    }

    fn class_name(&self) -> &str {
        match N {
            1 => "Conv1DTranspose",
            2 => "Conv2DTranspose",
            _ => "Conv3DTranspose",
        }
    }

    fn config(&self) -> &LayerConfig {
        &self.config
    }

    fn config_mut(&mut self) -> &mut LayerConfig {
        &mut self.config
    }

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
            || self.weights(inputs),
            inputs,
            outputs,
            self.data_format,
            true,
            self.activation.as_deref(),
        )
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let r = self.resolve(x)?;
        let w = &r.window;
        map_spatial(x, self.data_format, r.channel_axis, r.filters, |i, d| {
            let (Some(k), Some(s), Some(dil)) =
                (w.kernel.get(i), w.strides.get(i), w.dilation.get(i))
            else {
                return Err(LayerError::rank(SpatialRank::<N>::BATCHED.to_string(), x));
            };
            let op = r.output_padding.and_then(|o| o.get(i).copied());
            conv_transpose_output_length(d, *k, *s, *dil, self.padding, op).map_err(|e| match e {
                LayerError::Other(msg) => LayerError::input(x, msg),
                other => other,
            })
        })
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
/// [`conv_output_length`]. Weights: `kernel (*kernel_size, in,
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
/// `filters` channels and each spatial size from [`conv_output_length`].
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

// ---------------------------------------------------------------------------
// Keras configs
// ---------------------------------------------------------------------------

/// A convolution of any rank from its Keras config (`filters`,
/// `kernel_size`, `strides`, `padding`, `data_format`, `dilation_rate`,
/// `groups`, `activation`, `use_bias`, `lora_rank`, `lora_alpha`).
#[cfg(feature = "keras-json")]
fn conv_from_config<const N: usize>(c: &crate::config::Cfg<'_>) -> crate::Result<Conv<N>> {
    let mut l = Conv::<N>::new(c.int("filters")?, c.req_tuple::<N>("kernel_size")?)
        .strides(c.tuple::<N>("strides", IntTuple([1; N]))?)
        .padding(c.padding()?)
        .data_format(c.data_format()?)
        .dilation_rate(c.tuple::<N>("dilation_rate", IntTuple([1; N]))?)
        .groups(c.int_or("groups", 1)?)
        .use_bias(c.bool_or("use_bias", true)?);
    if let Some(a) = c.activation("activation")? {
        l = l.activation(a);
    }
    if let Some(r) = c.opt_int("lora_rank")? {
        l = l.lora_rank(r);
    }
    if let Some(a) = c.opt_float("lora_alpha")? {
        l = l.lora_alpha(a);
    }
    Ok(l)
}

/// A transposed convolution from its Keras config (`filters`,
/// `kernel_size`, `strides`, `padding`, `output_padding`, `data_format`,
/// `dilation_rate`, `activation`, `use_bias`).
#[cfg(feature = "keras-json")]
fn conv_transpose_from_config<const N: usize>(
    c: &crate::config::Cfg<'_>,
) -> crate::Result<ConvTranspose<N>> {
    let mut l = ConvTranspose::<N>::new(c.int("filters")?, c.req_tuple::<N>("kernel_size")?)
        .strides(c.tuple::<N>("strides", IntTuple([1; N]))?)
        .padding(c.padding()?)
        .data_format(c.data_format()?)
        .dilation_rate(c.tuple::<N>("dilation_rate", IntTuple([1; N]))?)
        .use_bias(c.bool_or("use_bias", true)?);
    if c.get("output_padding").is_some() {
        l = l.output_padding(c.req_tuple::<N>("output_padding")?);
    }
    if let Some(a) = c.activation("activation")? {
        l = l.activation(a);
    }
    Ok(l)
}

/// A depthwise convolution from its Keras config (`kernel_size`,
/// `strides`, `padding`, `depth_multiplier`, `data_format`,
/// `dilation_rate`, `activation`, `use_bias`).
#[cfg(feature = "keras-json")]
fn depthwise_from_config<const N: usize>(
    c: &crate::config::Cfg<'_>,
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

/// A separable convolution from its Keras config (`filters`,
/// `kernel_size`, `strides`, `padding`, `data_format`, `dilation_rate`,
/// `depth_multiplier`, `activation`, `use_bias`).
#[cfg(feature = "keras-json")]
fn separable_from_config<const N: usize>(
    c: &crate::config::Cfg<'_>,
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

/// Registers the convolution classes with the config importer.
#[cfg(feature = "keras-json")]
pub(crate) fn register(r: &mut crate::config::Registry) {
    fn boxed<L: Layer>(l: crate::Result<L>) -> crate::Result<Box<dyn Layer>> {
        Ok(Box::new(l?))
    }
    r.register("Conv1D", |c| boxed(conv_from_config::<1>(c)));
    r.register("Conv2D", |c| boxed(conv_from_config::<2>(c)));
    r.register("Conv3D", |c| boxed(conv_from_config::<3>(c)));
    r.register("Conv1DTranspose", |c| {
        boxed(conv_transpose_from_config::<1>(c))
    });
    r.register("Conv2DTranspose", |c| {
        boxed(conv_transpose_from_config::<2>(c))
    });
    r.register("Conv3DTranspose", |c| {
        boxed(conv_transpose_from_config::<3>(c))
    });
    r.register("DepthwiseConv1D", |c| boxed(depthwise_from_config::<1>(c)));
    r.register("DepthwiseConv2D", |c| boxed(depthwise_from_config::<2>(c)));
    r.register("SeparableConv1D", |c| boxed(separable_from_config::<1>(c)));
    r.register("SeparableConv2D", |c| boxed(separable_from_config::<2>(c)));
}
