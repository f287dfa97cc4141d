//! Pooling layers.

use crate::args::{DataFormat, IntTuple, Padding, conv_output_length};
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape};

/// `keras.layers.{Max,Average}PoolingND(pool_size=2, strides=None,
/// padding="valid", data_format=None)`; `MAX` selects max or average
/// pooling. See [`MaxPooling2D`], [`AveragePooling2D`].
///
/// # Shapes
/// Input `(batch, *spatial, channels)`; each spatial size from
/// [`conv_output_length`] with the pool size as window. No weights.
#[derive(Debug, Clone)]
#[must_use]
pub struct Pooling<const N: usize, const MAX: bool> {
    config: LayerConfig,
    pool_size: IntTuple<N>,
    strides: Option<IntTuple<N>>,
    padding: Padding,
    data_format: DataFormat,
}

/// `keras.layers.MaxPooling2D`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([64, 64, 32]).tensor()?;
/// let y = MaxPooling2D::new((2, 2)).name("max_pool").call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 32, 32, 32)");
/// # Ok(()) }
/// ```
pub type MaxPooling2D = Pooling<2, true>;

/// `keras.layers.AveragePooling2D`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([7, 7, 8]).tensor()?;
/// let y = AveragePooling2D::new(3).strides(2).padding(Padding::Same).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 4, 4, 8)");
/// # Ok(()) }
/// ```
pub type AveragePooling2D = Pooling<2, false>;

impl<const N: usize, const MAX: bool> Pooling<N, MAX> {
    /// A pooling layer with the given window (`pool_size`).
    pub fn new(pool_size: impl Into<IntTuple<N>>) -> Self {
        Pooling {
            config: LayerConfig::default(),
            pool_size: pool_size.into(),
            strides: None,
            padding: Padding::Valid,
            data_format: DataFormat::ChannelsLast,
        }
    }

    /// Keras's `strides=`. Defaults to `pool_size`.
    pub fn strides(mut self, strides: impl Into<IntTuple<N>>) -> Self {
        self.strides = Some(strides.into());
        self
    }

    /// Keras's `padding=` (`valid` or `same`). Defaults to `valid`.
    pub fn padding(mut self, padding: Padding) -> Self {
        self.padding = padding;
        self
    }

    /// Keras's `data_format=`. Defaults to `channels_last`.
    pub fn data_format(mut self, data_format: DataFormat) -> Self {
        self.data_format = data_format;
        self
    }
}

impl<const N: usize, const MAX: bool> Layer for Pooling<N, MAX> {
    fn class_name(&self) -> &str {
        match (MAX, N) {
            (true, 1) => "MaxPooling1D",
            (true, 2) => "MaxPooling2D",
            (true, _) => "MaxPooling3D",
            (false, 1) => "AveragePooling1D",
            (false, 2) => "AveragePooling2D",
            (false, _) => "AveragePooling3D",
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
        if self.padding == Padding::Causal {
            return Err(LayerError::argument(
                "padding",
                "must be either 'valid' or 'same', received causal",
            ));
        }
        let pool = self.pool_size.positive("pool_size", 1)?;
        let strides = self
            .strides
            .unwrap_or(self.pool_size)
            .positive("strides", 1)?;
        if x.rank() != N + 2 {
            return Err(LayerError::rank((N + 2).to_string(), x));
        }
        let mut dims: Vec<Dim> = x.dims().to_vec();
        for (i, axis) in self.data_format.spatial_axes(x.rank()).enumerate() {
            dims[axis] = conv_output_length(dims[axis], pool[i], strides[i], 1, self.padding)
                .map_err(|e| match e {
                    LayerError::Other(msg) => LayerError::input(x, msg),
                    other => other,
                })?;
        }
        Ok(single(Shape::new(dims)))
    }
}

/// `keras.layers.Global{Max,Average}PoolingND(data_format=None,
/// keepdims=False)`; see [`GlobalAveragePooling2D`].
///
/// # Shapes
/// Input `(batch, *spatial, channels)`; output `(batch, channels)`, or with
/// `keepdims` the spatial axes kept as 1. No weights.
#[derive(Debug, Clone)]
#[must_use]
pub struct GlobalPooling<const N: usize, const MAX: bool> {
    config: LayerConfig,
    data_format: DataFormat,
    keepdims: bool,
}

/// `keras.layers.GlobalAveragePooling2D`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([7, 7, 2048]).tensor()?;
/// let y = GlobalAveragePooling2D::new().call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 2048)");
/// # Ok(()) }
/// ```
pub type GlobalAveragePooling2D = GlobalPooling<2, false>;

impl<const N: usize, const MAX: bool> GlobalPooling<N, MAX> {
    /// A global pooling layer.
    pub fn new() -> Self {
        GlobalPooling {
            config: LayerConfig::default(),
            data_format: DataFormat::ChannelsLast,
            keepdims: false,
        }
    }

    /// Keras's `data_format=`. Defaults to `channels_last`.
    pub fn data_format(mut self, data_format: DataFormat) -> Self {
        self.data_format = data_format;
        self
    }

    /// Keras's `keepdims=`. Defaults to `false`.
    pub fn keepdims(mut self, keepdims: bool) -> Self {
        self.keepdims = keepdims;
        self
    }
}

impl<const N: usize, const MAX: bool> Default for GlobalPooling<N, MAX> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize, const MAX: bool> Layer for GlobalPooling<N, MAX> {
    fn class_name(&self) -> &str {
        match (MAX, N) {
            (true, 1) => "GlobalMaxPooling1D",
            (true, 2) => "GlobalMaxPooling2D",
            (true, _) => "GlobalMaxPooling3D",
            (false, 1) => "GlobalAveragePooling1D",
            (false, 2) => "GlobalAveragePooling2D",
            (false, _) => "GlobalAveragePooling3D",
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
        let spatial = self.data_format.spatial_axes(x.rank());
        let dims = x.dims().iter().enumerate().filter_map(|(i, d)| {
            if spatial.contains(&i) {
                self.keepdims.then_some(Dim::Known(1))
            } else {
                Some(*d)
            }
        });
        Ok(single(Shape::new(dims)))
    }
}
