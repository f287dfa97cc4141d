//! Pooling layers: windowed max/average pooling, global pooling and
//! adaptive pooling in 1, 2 and 3 dimensions, with Keras's aliases
//! (`MaxPool2D`, `AvgPool1D`, `GlobalAvgPool2D`, ...).

use crate::args::{DataFormat, IntTuple, Padding, SpatialRank, conv_output_length};
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape};

/// `keras.layers.{Max,Average}PoolingND(pool_size, strides=None,
/// padding="valid", data_format=None)`; `MAX` selects max or average
/// pooling. See [`MaxPooling1D`], [`MaxPooling2D`], [`MaxPooling3D`],
/// [`AveragePooling1D`], [`AveragePooling2D`], [`AveragePooling3D`].
///
/// # Shapes
/// Input `(batch, *spatial, channels)` (or `(batch, channels, *spatial)`
/// channels first); each spatial size from [`conv_output_length`] with the
/// pool size as window and `strides` (default `pool_size`) as step. No
/// weights.
#[derive(Debug, Clone)]
#[must_use]
pub struct Pooling<const N: usize, const MAX: bool> {
    config: LayerConfig,
    pool_size: IntTuple<N>,
    strides: Option<IntTuple<N>>,
    padding: Padding,
    data_format: DataFormat,
}

/// `keras.layers.MaxPooling1D`: max pooling over steps (Keras's default
/// `pool_size` 2 is [`Default`]).
///
/// # Shapes
/// Input `(batch, steps, features)` (or channels first); output
/// `(batch, pooled_steps, features)`. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([31, 4]).tensor()?;
/// let y = MaxPooling1D::default().call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 15, 4)");
/// # Ok(()) }
/// ```
pub type MaxPooling1D = Pooling<1, true>;

/// `keras.layers.MaxPooling2D`: max pooling over rows and columns.
///
/// # Shapes
/// Input `(batch, rows, cols, channels)` (or channels first); output
/// `(batch, pooled_rows, pooled_cols, channels)`. No weights.
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

/// `keras.layers.MaxPooling3D`: max pooling over three spatial axes.
///
/// # Shapes
/// Input `(batch, d1, d2, d3, channels)` (or channels first); output
/// `(batch, p1, p2, p3, channels)`. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([9, 10, 11, 2]).tensor()?;
/// let y = MaxPooling3D::new((1, 2, 3)).padding(Padding::Same).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 9, 5, 4, 2)");
/// # Ok(()) }
/// ```
pub type MaxPooling3D = Pooling<3, true>;

/// `keras.layers.AveragePooling1D`: average pooling over steps.
///
/// # Shapes
/// Input `(batch, steps, features)` (or channels first); output
/// `(batch, pooled_steps, features)`. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([4, 15]).tensor()?;
/// let y = AveragePooling1D::new(4).strides(2).data_format(DataFormat::ChannelsFirst).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 4, 6)");
/// # Ok(()) }
/// ```
pub type AveragePooling1D = Pooling<1, false>;

/// `keras.layers.AveragePooling2D`: average pooling over rows and columns.
///
/// # Shapes
/// Input `(batch, rows, cols, channels)` (or channels first); output
/// `(batch, pooled_rows, pooled_cols, channels)`. No weights.
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

/// `keras.layers.AveragePooling3D`: average pooling over three spatial axes.
///
/// # Shapes
/// Input `(batch, d1, d2, d3, channels)` (or channels first); output
/// `(batch, p1, p2, p3, channels)`. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([Some(8), Some(8), None, Some(3)]).tensor()?;
/// let y = AveragePooling3D::new((2, 2, 1)).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 4, 4, None, 3)");
/// # Ok(()) }
/// ```
pub type AveragePooling3D = Pooling<3, false>;

/// `keras.layers.MaxPool1D`, Keras's alias of [`MaxPooling1D`] (summaries
/// print `MaxPooling1D`).
pub type MaxPool1D = MaxPooling1D;
/// `keras.layers.MaxPool2D`, Keras's alias of [`MaxPooling2D`].
pub type MaxPool2D = MaxPooling2D;
/// `keras.layers.MaxPool3D`, Keras's alias of [`MaxPooling3D`].
pub type MaxPool3D = MaxPooling3D;
/// `keras.layers.AvgPool1D`, Keras's alias of [`AveragePooling1D`]
/// (summaries print `AveragePooling1D`).
pub type AvgPool1D = AveragePooling1D;
/// `keras.layers.AvgPool2D`, Keras's alias of [`AveragePooling2D`].
pub type AvgPool2D = AveragePooling2D;
/// `keras.layers.AvgPool3D`, Keras's alias of [`AveragePooling3D`].
pub type AvgPool3D = AveragePooling3D;

/// Keras's default `pool_size=2` of the max-pooling layers (the average
/// pooling layers have no default).
impl<const N: usize> Default for Pooling<N, true> {
    fn default() -> Self {
        Self::new(2)
    }
}

impl<const N: usize, const MAX: bool> Pooling<N, MAX> {
    /// A pooling layer with the given window (`pool_size`).
    pub fn new(pool_size: impl Into<IntTuple<N>>) -> Self {
        crate::layer::constructed(Pooling {
            config: LayerConfig::default(),
            pool_size: pool_size.into(),
            strides: None,
            padding: Padding::Valid,
            data_format: DataFormat::ChannelsLast,
        })
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
    fn built_at_init(&self) -> bool {
        true
    }

    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([
            ("pool_size", w::ints(self.pool_size.0)),
            (
                "strides",
                self.strides
                    .map_or(serde_json::Value::Null, |s| w::ints(s.0)),
            ),
            ("padding", json!(self.padding.to_string())),
            ("data_format", json!(self.data_format.to_string())),
        ]))
    }

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

    /// # Cost
    /// 0 MACs; output elements × window size FLOPs (TensorFlow's
    /// profiler's `MaxPool`/`AvgPool` convention; its registry has no entry
    /// for the 3D ops, which it counts as 0).
    fn cost(&self, _inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        let window = crate::weight::product(self.pool_size.positive("pool_size", 1)?)?;
        let Some(out) = crate::compute::output_elements(outputs)? else {
            return Ok(None);
        };
        Ok(Some(Cost::elementwise(crate::weight::checked_mul(
            out, window,
        )?)))
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
        let rank = SpatialRank::<N>::BATCHED;
        if x.rank() != rank {
            return Err(LayerError::rank(rank.to_string(), x));
        }
        let mut dims: Vec<Dim> = x.dims().to_vec();
        let axes = self.data_format.spatial_axes(x.rank());
        for (axis, (p, s)) in axes.zip(pool.into_iter().zip(strides)) {
            if let Some(d) = dims.get_mut(axis) {
                *d = conv_output_length(*d, p, s, 1, self.padding).map_err(|e| match e {
                    LayerError::Other(msg) => LayerError::input(x, msg),
                    other => other,
                })?;
            }
        }
        Ok(single(Shape::new(dims)))
    }
}

/// `keras.layers.Global{Max,Average}PoolingND(data_format=None,
/// keepdims=False)`; see [`GlobalMaxPooling1D`], [`GlobalAveragePooling2D`]
/// and their siblings.
///
/// # Shapes
/// Input `(batch, *spatial, channels)` (or channels first); output
/// `(batch, channels)`, or with `keepdims` the spatial axes kept as 1. No
/// weights.
#[derive(Debug, Clone)]
#[must_use]
pub struct GlobalPooling<const N: usize, const MAX: bool> {
    config: LayerConfig,
    data_format: DataFormat,
    keepdims: bool,
}

/// `keras.layers.GlobalMaxPooling1D`: max over all spatial positions.
///
/// # Shapes
/// Input `(batch, steps, channels)` (or channels first); output
/// `(batch, channels)`, or `(batch, 1, channels)` with `keepdims`. No
/// weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([10, 6]).tensor()?;
/// let y = GlobalMaxPooling1D::new().call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 6)");
/// # Ok(()) }
/// ```
pub type GlobalMaxPooling1D = GlobalPooling<1, true>;

/// `keras.layers.GlobalMaxPooling2D`: max over all spatial positions.
///
/// # Shapes
/// Input `(batch, rows, cols, channels)` (or channels first); output
/// `(batch, channels)`, or `(batch, 1, 1, channels)` with `keepdims`. No
/// weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([7, 7, 2048]).tensor()?;
/// let y = GlobalMaxPooling2D::new().call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 2048)");
/// # Ok(()) }
/// ```
pub type GlobalMaxPooling2D = GlobalPooling<2, true>;

/// `keras.layers.GlobalMaxPooling3D`: max over all spatial positions.
///
/// # Shapes
/// Input `(batch, d1, d2, d3, channels)` (or channels first); output
/// `(batch, channels)`, or `(batch, 1, 1, 1, channels)` with `keepdims`. No
/// weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([4, 5, 6, 7]).tensor()?;
/// let y = GlobalMaxPooling3D::new().keepdims(true).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 1, 1, 1, 7)");
/// # Ok(()) }
/// ```
pub type GlobalMaxPooling3D = GlobalPooling<3, true>;

/// `keras.layers.GlobalAveragePooling1D`: average over all spatial positions.
///
/// # Shapes
/// Input `(batch, steps, channels)` (or channels first); output
/// `(batch, channels)`, or `(batch, 1, channels)` with `keepdims`. No
/// weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([10, 6]).tensor()?;
/// let y = GlobalAveragePooling1D::new().call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 6)");
/// # Ok(()) }
/// ```
pub type GlobalAveragePooling1D = GlobalPooling<1, false>;

/// `keras.layers.GlobalAveragePooling2D`: average over all spatial positions.
///
/// # Shapes
/// Input `(batch, rows, cols, channels)` (or channels first); output
/// `(batch, channels)`, or `(batch, 1, 1, channels)` with `keepdims`. No
/// weights.
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

/// `keras.layers.GlobalAveragePooling3D`: average over all spatial positions.
///
/// # Shapes
/// Input `(batch, d1, d2, d3, channels)` (or channels first); output
/// `(batch, channels)`, or `(batch, 1, 1, 1, channels)` with `keepdims`. No
/// weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([4, 5, 6, 7]).tensor()?;
/// let y = GlobalAveragePooling3D::new().keepdims(true).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 1, 1, 1, 7)");
/// # Ok(()) }
/// ```
pub type GlobalAveragePooling3D = GlobalPooling<3, false>;
/// `keras.layers.GlobalMaxPool1D`, Keras's alias of [`GlobalMaxPooling1D`].
pub type GlobalMaxPool1D = GlobalMaxPooling1D;
/// `keras.layers.GlobalMaxPool2D`, Keras's alias of [`GlobalMaxPooling2D`].
pub type GlobalMaxPool2D = GlobalMaxPooling2D;
/// `keras.layers.GlobalMaxPool3D`, Keras's alias of [`GlobalMaxPooling3D`].
pub type GlobalMaxPool3D = GlobalMaxPooling3D;
/// `keras.layers.GlobalAvgPool1D`, Keras's alias of [`GlobalAveragePooling1D`].
pub type GlobalAvgPool1D = GlobalAveragePooling1D;
/// `keras.layers.GlobalAvgPool2D`, Keras's alias of [`GlobalAveragePooling2D`].
pub type GlobalAvgPool2D = GlobalAveragePooling2D;
/// `keras.layers.GlobalAvgPool3D`, Keras's alias of [`GlobalAveragePooling3D`].
pub type GlobalAvgPool3D = GlobalAveragePooling3D;

impl<const N: usize, const MAX: bool> GlobalPooling<N, MAX> {
    /// A global pooling layer.
    pub fn new() -> Self {
        crate::layer::constructed(GlobalPooling {
            config: LayerConfig::default(),
            data_format: DataFormat::ChannelsLast,
            keepdims: false,
        })
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
    fn built_at_init(&self) -> bool {
        true
    }

    /// Keras's `supports_masking`: `GlobalAveragePooling1D` only (it
    /// averages the unmasked steps and returns no mask).
    fn supports_masking(&self) -> bool {
        N == 1 && !MAX
    }

    /// `GlobalAveragePooling1D`'s call takes `mask=`.
    fn takes_mask(&self) -> bool {
        N == 1 && !MAX
    }

    /// None, as Keras's `GlobalAveragePooling1D.compute_mask`.
    fn compute_mask(
        &self,
        _inputs: &[crate::Tensor],
        _previous: &[Option<crate::Tensor>],
    ) -> crate::Result<crate::Masks> {
        Ok(crate::Masks::new())
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([
            ("data_format", json!(self.data_format.to_string())),
            ("keepdims", json!(self.keepdims)),
        ]))
    }

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

    /// # Cost
    /// 0 MACs. Average: one FLOP per input element (TensorFlow's `Mean`);
    /// max: 0 FLOPs (the profiler does not count `Max`).
    fn cost(&self, inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        if MAX {
            return Ok(Some(Cost::ZERO));
        }
        crate::compute::per_element(one_input(inputs)?, 1)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let rank = SpatialRank::<N>::BATCHED;
        if x.rank() != rank {
            return Err(LayerError::rank(rank.to_string(), x));
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

/// `keras.layers.Adaptive{Max,Average}PoolingND(output_size,
/// data_format=None)`: pooling whose windows adapt so that the output has
/// the given spatial size; see [`AdaptiveMaxPooling2D`] and its siblings.
///
/// # Shapes
/// Output `(batch, *output_size, channels)` (channels last, `channels` the
/// input's last dimension) or `(batch, channels, *output_size)` (channels
/// first, `channels` the input's second dimension). Like Keras, the input
/// rank is not checked. No weights.
#[derive(Debug, Clone)]
#[must_use]
pub struct AdaptivePooling<const N: usize, const MAX: bool> {
    config: LayerConfig,
    output_size: IntTuple<N>,
    data_format: DataFormat,
}

/// `keras.layers.AdaptiveMaxPooling1D`: max pooling to a fixed
/// output size.
///
/// # Shapes
/// Input `(batch, steps, channels)` (or channels first); output
/// `(batch, o, channels)` for `output_size` `(o)`. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([20, 6]).tensor()?;
/// let y = AdaptiveMaxPooling1D::new(4).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 4, 6)");
/// # Ok(()) }
/// ```
pub type AdaptiveMaxPooling1D = AdaptivePooling<1, true>;

/// `keras.layers.AdaptiveMaxPooling2D`: max pooling to a fixed
/// output size.
///
/// # Shapes
/// Input `(batch, rows, cols, channels)` (or channels first); output
/// `(batch, o1, o2, channels)` for `output_size` `(o1, o2)`. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([None, None, Some(5)]).tensor()?;
/// let y = AdaptiveMaxPooling2D::new((2, 5)).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 2, 5, 5)");
/// # Ok(()) }
/// ```
pub type AdaptiveMaxPooling2D = AdaptivePooling<2, true>;

/// `keras.layers.AdaptiveMaxPooling3D`: max pooling to a fixed
/// output size.
///
/// # Shapes
/// Input `(batch, d1, d2, d3, channels)` (or channels first); output
/// `(batch, o1, o2, o3, channels)` for `output_size` `(o1, o2, o3)`. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([9, 8, 7, 3]).tensor()?;
/// let y = AdaptiveMaxPooling3D::new(2).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 2, 2, 2, 3)");
/// # Ok(()) }
/// ```
pub type AdaptiveMaxPooling3D = AdaptivePooling<3, true>;

/// `keras.layers.AdaptiveAveragePooling1D`: average pooling to a fixed
/// output size.
///
/// # Shapes
/// Input `(batch, steps, channels)` (or channels first); output
/// `(batch, o, channels)` for `output_size` `(o)`. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([20, 6]).tensor()?;
/// let y = AdaptiveAveragePooling1D::new(4).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 4, 6)");
/// # Ok(()) }
/// ```
pub type AdaptiveAveragePooling1D = AdaptivePooling<1, false>;

/// `keras.layers.AdaptiveAveragePooling2D`: average pooling to a fixed
/// output size.
///
/// # Shapes
/// Input `(batch, rows, cols, channels)` (or channels first); output
/// `(batch, o1, o2, channels)` for `output_size` `(o1, o2)`. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([None, None, Some(5)]).tensor()?;
/// let y = AdaptiveAveragePooling2D::new((2, 5)).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 2, 5, 5)");
/// # Ok(()) }
/// ```
pub type AdaptiveAveragePooling2D = AdaptivePooling<2, false>;

/// `keras.layers.AdaptiveAveragePooling3D`: average pooling to a fixed
/// output size.
///
/// # Shapes
/// Input `(batch, d1, d2, d3, channels)` (or channels first); output
/// `(batch, o1, o2, o3, channels)` for `output_size` `(o1, o2, o3)`. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([9, 8, 7, 3]).tensor()?;
/// let y = AdaptiveAveragePooling3D::new(2).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 2, 2, 2, 3)");
/// # Ok(()) }
/// ```
pub type AdaptiveAveragePooling3D = AdaptivePooling<3, false>;

impl<const N: usize, const MAX: bool> AdaptivePooling<N, MAX> {
    /// An adaptive pooling layer with the given spatial `output_size` (an
    /// int or a tuple).
    pub fn new(output_size: impl Into<IntTuple<N>>) -> Self {
        crate::layer::constructed(AdaptivePooling {
            config: LayerConfig::default(),
            output_size: output_size.into(),
            data_format: DataFormat::ChannelsLast,
        })
    }

    /// Keras's `data_format=`. Defaults to `channels_last`.
    pub fn data_format(mut self, data_format: DataFormat) -> Self {
        self.data_format = data_format;
        self
    }
}

impl<const N: usize, const MAX: bool> Layer for AdaptivePooling<N, MAX> {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([
            ("output_size", w::ints(self.output_size.0)),
            ("data_format", json!(self.data_format.to_string())),
        ]))
    }

    fn class_name(&self) -> &str {
        match (MAX, N) {
            (true, 1) => "AdaptiveMaxPooling1D",
            (true, 2) => "AdaptiveMaxPooling2D",
            (true, _) => "AdaptiveMaxPooling3D",
            (false, 1) => "AdaptiveAveragePooling1D",
            (false, 2) => "AdaptiveAveragePooling2D",
            (false, _) => "AdaptiveAveragePooling3D",
        }
    }

    fn config(&self) -> &LayerConfig {
        &self.config
    }

    fn config_mut(&mut self) -> &mut LayerConfig {
        &mut self.config
    }

    /// # Cost
    /// 0 MACs. FLOPs as TensorFlow's profiler counts Keras's graph: one
    /// spatial axis after the other, an axis of length `L` pooled to `O`
    /// runs two stride-1 `valid` poolings of windows `s = ⌈L/O⌉` and
    /// `s + 1` over every other element `R` (channels and the other axes'
    /// current lengths), `R·((L − s + 1)·s + (L − s)·(s + 1))` FLOPs (one
    /// per output element and window position), and gathers the `O`
    /// windows (0). The profiler also counts 9 FLOPs per output index and
    /// axis, once per call whatever the batch, of window-index arithmetic
    /// (not per-sample work, left out), and no `MaxPool3D`/`AvgPool3D`.
    fn cost(&self, inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        use crate::weight::{checked_add, checked_mul};
        let x = one_input(inputs)?;
        let size = self.output_size.positive("output_size", 0)?;
        let dims = x.dims();
        let spatial: Option<Vec<u64>> = self
            .data_format
            .spatial_axes(dims.len())
            .map(|i| dims.get(i).and_then(|d| d.known()))
            .collect();
        let channel = match self.data_format {
            DataFormat::ChannelsLast => x.get(-1),
            DataFormat::ChannelsFirst => x.get(1),
        };
        let (Some(mut current), Some(Some(channels))) = (spatial, channel.map(|d| d.known()))
        else {
            return Ok(None);
        };
        if current.len() != size.len() {
            return Ok(None);
        }
        let mut flops = 0u64;
        for (i, &o) in size.iter().enumerate() {
            let Some(&l) = current.get(i) else {
                return Ok(None);
            };
            if l == 0 || o == 0 {
                return Ok(None);
            }
            let small = l.div_ceil(o);
            let mut rest = channels;
            for (j, &d) in current.iter().enumerate() {
                if j != i {
                    rest = checked_mul(rest, d)?;
                }
            }
            let small_out = checked_mul(l.saturating_sub(small).saturating_add(1), small)?;
            let big_out = checked_mul(l.saturating_sub(small), small.saturating_add(1))?;
            flops = checked_add(flops, checked_mul(rest, checked_add(small_out, big_out)?)?)?;
            if let Some(c) = current.get_mut(i) {
                *c = o;
            }
        }
        Ok(Some(Cost::elementwise(flops)))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        // Keras accepts 0 but fails on negative sizes when it builds the
        // output tensor.
        let size = self.output_size.positive("output_size", 0)?;
        let (Some(batch), channels) = (
            x.get(0),
            match self.data_format {
                DataFormat::ChannelsLast => x.get(-1),
                DataFormat::ChannelsFirst => x.get(1),
            },
        ) else {
            return Err(LayerError::rank(">= 1", x));
        };
        let Some(channels) = channels else {
            return Err(LayerError::rank(">= 2", x));
        };
        let spatial = size.into_iter().map(Dim::Known);
        let dims: Vec<Dim> = match self.data_format {
            DataFormat::ChannelsLast => std::iter::once(batch)
                .chain(spatial)
                .chain([channels])
                .collect(),
            DataFormat::ChannelsFirst => [batch, channels].into_iter().chain(spatial).collect(),
        };
        Ok(single(Shape::new(dims)))
    }
}

// ---------------------------------------------------------------------------
// Keras configs
// ---------------------------------------------------------------------------

/// A windowed pooling layer from its Keras config (`pool_size`, `strides`,
/// `padding`, `data_format`); `pool_size` defaults to 2 for max pooling and
/// is required for average pooling, as in Keras's constructors.
#[cfg(feature = "keras-json")]
fn pooling_from_config<const N: usize, const MAX: bool>(
    c: &crate::config::Cfg<'_>,
) -> crate::Result<Box<dyn Layer>> {
    let pool = if MAX {
        c.tuple::<N>("pool_size", IntTuple([2; N]))?
    } else {
        c.req_tuple::<N>("pool_size")?
    };
    let mut l = Pooling::<N, MAX>::new(pool)
        .padding(c.padding()?)
        .data_format(c.data_format()?);
    if c.get("strides").is_some() {
        l = l.strides(c.req_tuple::<N>("strides")?);
    }
    Ok(Box::new(l))
}

/// A global pooling layer from its Keras config (`data_format`,
/// `keepdims`).
#[cfg(feature = "keras-json")]
fn global_from_config<const N: usize, const MAX: bool>(
    c: &crate::config::Cfg<'_>,
) -> crate::Result<Box<dyn Layer>> {
    Ok(Box::new(
        GlobalPooling::<N, MAX>::new()
            .data_format(c.data_format()?)
            .keepdims(c.bool_or("keepdims", false)?),
    ))
}

/// An adaptive pooling layer from its Keras config (`output_size`,
/// `data_format`).
#[cfg(feature = "keras-json")]
fn adaptive_from_config<const N: usize, const MAX: bool>(
    c: &crate::config::Cfg<'_>,
) -> crate::Result<Box<dyn Layer>> {
    Ok(Box::new(
        AdaptivePooling::<N, MAX>::new(c.req_tuple::<N>("output_size")?)
            .data_format(c.data_format()?),
    ))
}

/// Registers the pooling classes with the config importer.
#[cfg(feature = "keras-json")]
pub(crate) fn register(r: &mut crate::config::Registry) {
    r.register("MaxPooling1D", pooling_from_config::<1, true>);
    r.register("MaxPooling2D", pooling_from_config::<2, true>);
    r.register("MaxPooling3D", pooling_from_config::<3, true>);
    r.register("AveragePooling1D", pooling_from_config::<1, false>);
    r.register("AveragePooling2D", pooling_from_config::<2, false>);
    r.register("AveragePooling3D", pooling_from_config::<3, false>);
    r.register("GlobalMaxPooling1D", global_from_config::<1, true>);
    r.register("GlobalMaxPooling2D", global_from_config::<2, true>);
    r.register("GlobalMaxPooling3D", global_from_config::<3, true>);
    r.register("GlobalAveragePooling1D", global_from_config::<1, false>);
    r.register("GlobalAveragePooling2D", global_from_config::<2, false>);
    r.register("GlobalAveragePooling3D", global_from_config::<3, false>);
    r.register("AdaptiveMaxPooling1D", adaptive_from_config::<1, true>);
    r.register("AdaptiveMaxPooling2D", adaptive_from_config::<2, true>);
    r.register("AdaptiveMaxPooling3D", adaptive_from_config::<3, true>);
    r.register("AdaptiveAveragePooling1D", adaptive_from_config::<1, false>);
    r.register("AdaptiveAveragePooling2D", adaptive_from_config::<2, false>);
    r.register("AdaptiveAveragePooling3D", adaptive_from_config::<3, false>);
}
