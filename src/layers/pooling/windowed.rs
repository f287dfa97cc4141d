//! `MaxPooling1D/2D/3D` and `AveragePooling1D/2D/3D` (`MaxPool2D`, ...).

use crate::args::{DataFormat, IntTuple, Padding, SpatialRank, map_spatial, window_length};
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, one_input, single};
use crate::shape::Shape;

keras_layer! {
    class match (MAX, N) {
        (true, 1) => "MaxPooling1D" as Pooling<1, true>,
        (true, 2) => "MaxPooling2D" as Pooling<2, true>,
        (true, _) => "MaxPooling3D" as Pooling<3, true>,
        (false, 1) => "AveragePooling1D" as Pooling<1, false>,
        (false, 2) => "AveragePooling2D" as Pooling<2, false>,
        (false, _) => "AveragePooling3D" as Pooling<3, false>,
    };
    /// `keras.layers.{Max,Average}PoolingND(pool_size, strides=None,
    /// padding="valid", data_format=None)`; `MAX` selects max or average
    /// pooling. See [`MaxPooling1D`], [`MaxPooling2D`], [`MaxPooling3D`],
    /// [`AveragePooling1D`], [`AveragePooling2D`], [`AveragePooling3D`].
    ///
    /// # Shapes
    /// Input `(batch, *spatial, channels)` (or `(batch, channels, *spatial)`
    /// channels first); each spatial size from
    /// [`conv_output_length`](crate::args::conv_output_length) with the
    /// pool size as window and `strides` (default `pool_size`) as step. No
    /// weights.
    #[derive(Debug, Clone)]
    pub struct Pooling<const N: usize, const MAX: bool> {
        /// Keras's `pool_size`: the window.
        pool_size: IntTuple<N> [PoolSize<MAX>] = impl Into<IntTuple<N>> => pool_size.into(),
    }
    /// A pooling layer with the given window (`pool_size`).
    fn new;
    /// Keras's `strides=`. Defaults to `pool_size`.
    strides: Option<IntTuple<N>> = None, |strides: impl Into<IntTuple<N>>| Some(strides.into());
    /// Keras's `padding=` (`valid` or `same`). Defaults to `valid`.
    padding: Padding = Padding::Valid, |padding: Padding| padding;
    /// Keras's `data_format=`. Defaults to `channels_last`.
    data_format: DataFormat = DataFormat::ChannelsLast, |data_format: DataFormat| data_format;
}

layer_aliases! {
    "Input `(batch, steps, features)` (or channels first); output \
     `(batch, pooled_steps, features)`. No weights.";
    MaxPooling1D | MaxPool1D = Pooling<1, true>:
        "max pooling over steps (Keras's default `pool_size` 2 is [`Default`])",
        [31, 4], "::default()" => "(None, 15, 4)";
    AveragePooling1D | AvgPool1D = Pooling<1, false>: "average pooling over steps",
        [4, 15], "::new(4).strides(2).data_format(DataFormat::ChannelsFirst)" => "(None, 4, 6)";
}

layer_aliases! {
    "Input `(batch, rows, cols, channels)` (or channels first); output \
     `(batch, pooled_rows, pooled_cols, channels)`. No weights.";
    MaxPooling2D | MaxPool2D = Pooling<2, true>: "max pooling over rows and columns",
        [64, 64, 32], "::new((2, 2)).name(\"max_pool\")" => "(None, 32, 32, 32)";
    AveragePooling2D | AvgPool2D = Pooling<2, false>: "average pooling over rows and columns",
        [7, 7, 8], "::new(3).strides(2).padding(Padding::Same)" => "(None, 4, 4, 8)";
}

layer_aliases! {
    "Input `(batch, d1, d2, d3, channels)` (or channels first); output \
     `(batch, p1, p2, p3, channels)`. No weights.";
    MaxPooling3D | MaxPool3D = Pooling<3, true>: "max pooling over three spatial axes",
        [9, 10, 11, 2], "::new((1, 2, 3)).padding(Padding::Same)" => "(None, 9, 5, 4, 2)";
    AveragePooling3D | AvgPool3D = Pooling<3, false>: "average pooling over three spatial axes",
        [Some(8), Some(8), None, Some(3)], "::new((2, 2, 1))" => "(None, 4, 4, None, 3)";
}

/// Keras's default `pool_size=2` of the max-pooling layers (the average
/// pooling layers have no default).
impl<const N: usize> Default for Pooling<N, true> {
    fn default() -> Self {
        Self::new(2)
    }
}

impl<const N: usize, const MAX: bool> Layer for Pooling<N, MAX> {
    declared_layer_common!(flags built_at_init);

    /// # Cost
    /// 0 MACs; output elements × window size FLOPs (TensorFlow's
    /// profiler's `MaxPool`/`AvgPool` convention; its registry has no entry
    /// for the 3D ops, which it counts as 0).
    fn cost(&self, _inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        let window = crate::weight::product(self.pool_size.positive("pool_size", 1)?)?;
        crate::compute::per_output_element(outputs, window)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        argument_error_if!(
            self.padding == Padding::Causal,
            "padding",
            "must be either 'valid' or 'same', received causal",
        );
        let pool = self.pool_size.positive("pool_size", 1)?;
        let strides = self
            .strides
            .unwrap_or(self.pool_size)
            .positive("strides", 1)?;
        let rank = SpatialRank::<N>::BATCHED;
        if x.rank() != rank {
            return Err(LayerError::rank(rank.to_string(), x));
        }
        let mut out = x.clone();
        let windows = pool.into_iter().zip(strides);
        map_spatial(out.dims_mut(), self.data_format, windows, |(p, s), d| {
            window_length(x, d, p, s, 1, self.padding)
        })?;
        Ok(single(out))
    }
}
/// `pool_size` as Keras's constructors take it: 2 by default for max
/// pooling, required for average pooling.
#[cfg(feature = "keras-json")]
struct PoolSize<const MAX: bool>;

#[cfg(feature = "keras-json")]
impl<const N: usize, const MAX: bool> crate::layers::declare::Codec<IntTuple<N>> for PoolSize<MAX> {
    fn required(c: &crate::config::cfg::Cfg<'_>, key: &str) -> crate::Result<IntTuple<N>> {
        if MAX {
            c.tuple::<N>(key, IntTuple([2; N]))
        } else {
            c.req_tuple::<N>(key)
        }
    }
    fn optional(c: &crate::config::cfg::Cfg<'_>, key: &str) -> crate::Result<Option<IntTuple<N>>> {
        c.opt_tuple::<N>(key)
    }
    fn write(value: &IntTuple<N>) -> serde_json::Value {
        crate::config::writer::ints(value.0)
    }
}
