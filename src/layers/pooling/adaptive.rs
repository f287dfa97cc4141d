//! `AdaptiveMaxPooling1D/2D/3D` and `AdaptiveAveragePooling1D/2D/3D`.

use crate::args::{DataFormat, IntTuple};
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape};

keras_layer! {
    class match (MAX, N) {
        (true, 1) => "AdaptiveMaxPooling1D" as AdaptivePooling<1, true>,
        (true, 2) => "AdaptiveMaxPooling2D" as AdaptivePooling<2, true>,
        (true, _) => "AdaptiveMaxPooling3D" as AdaptivePooling<3, true>,
        (false, 1) => "AdaptiveAveragePooling1D" as AdaptivePooling<1, false>,
        (false, 2) => "AdaptiveAveragePooling2D" as AdaptivePooling<2, false>,
        (false, _) => "AdaptiveAveragePooling3D" as AdaptivePooling<3, false>,
    };
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
    pub struct AdaptivePooling<const N: usize, const MAX: bool> {
        /// Keras's `output_size`.
        output_size: IntTuple<N> = impl Into<IntTuple<N>> => output_size.into(),
    }
    /// An adaptive pooling layer with the given spatial `output_size` (an
    /// int or a tuple).
    fn new;
    /// Keras's `data_format=`. Defaults to `channels_last`.
    data_format: DataFormat = DataFormat::ChannelsLast, |data_format: DataFormat| data_format;
}

layer_aliases! {
    "Input `(batch, steps, channels)` (or channels first); output `(batch, o, channels)` \
     for `output_size` `(o)`. No weights.";
    AdaptiveMaxPooling1D = AdaptivePooling<1, true>: "max pooling to a fixed output size",
        [20, 6], "::new(4)" => "(None, 4, 6)";
    AdaptiveAveragePooling1D = AdaptivePooling<1, false>: "average pooling to a fixed output size",
        [20, 6], "::new(4)" => "(None, 4, 6)";
}

layer_aliases! {
    "Input `(batch, rows, cols, channels)` (or channels first); output \
     `(batch, o1, o2, channels)` for `output_size` `(o1, o2)`. No weights.";
    AdaptiveMaxPooling2D = AdaptivePooling<2, true>: "max pooling to a fixed output size",
        [None, None, Some(5)], "::new((2, 5))" => "(None, 2, 5, 5)";
    AdaptiveAveragePooling2D = AdaptivePooling<2, false>: "average pooling to a fixed output size",
        [None, None, Some(5)], "::new((2, 5))" => "(None, 2, 5, 5)";
}

layer_aliases! {
    "Input `(batch, d1, d2, d3, channels)` (or channels first); output \
     `(batch, o1, o2, o3, channels)` for `output_size` `(o1, o2, o3)`. No weights.";
    AdaptiveMaxPooling3D = AdaptivePooling<3, true>: "max pooling to a fixed output size",
        [9, 8, 7, 3], "::new(2)" => "(None, 2, 2, 2, 3)";
    AdaptiveAveragePooling3D = AdaptivePooling<3, false>: "average pooling to a fixed output size",
        [9, 8, 7, 3], "::new(2)" => "(None, 2, 2, 2, 3)";
}

impl<const N: usize, const MAX: bool> Layer for AdaptivePooling<N, MAX> {
    declared_layer_common!();

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
