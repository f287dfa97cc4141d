//! `GlobalMaxPooling1D/2D/3D` and `GlobalAveragePooling1D/2D/3D`.

use crate::args::{DataFormat, SpatialRank};
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape};

keras_layer! {
    class match (MAX, N) {
        (true, 1) => "GlobalMaxPooling1D" as GlobalPooling<1, true>,
        (true, 2) => "GlobalMaxPooling2D" as GlobalPooling<2, true>,
        (true, _) => "GlobalMaxPooling3D" as GlobalPooling<3, true>,
        (false, 1) => "GlobalAveragePooling1D" as GlobalPooling<1, false>,
        (false, 2) => "GlobalAveragePooling2D" as GlobalPooling<2, false>,
        (false, _) => "GlobalAveragePooling3D" as GlobalPooling<3, false>,
    };
    /// `keras.layers.Global{Max,Average}PoolingND(data_format=None,
    /// keepdims=False)`; see [`GlobalMaxPooling1D`], [`GlobalAveragePooling2D`]
    /// and their siblings.
    ///
    /// # Shapes
    /// Input `(batch, *spatial, channels)` (or channels first); output
    /// `(batch, channels)`, or with `keepdims` the spatial axes kept as 1. No
    /// weights.
    #[derive(Debug, Clone)]
    pub struct GlobalPooling<const N: usize, const MAX: bool> {}
    /// A global pooling layer.
    fn new;
    /// Keras's `data_format=`. Defaults to `channels_last`.
    data_format: DataFormat = DataFormat::ChannelsLast, |data_format: DataFormat| data_format;
    /// Keras's `keepdims=`: keep the spatial axes as size 1. Defaults to `false`.
    keepdims: bool = false, |keepdims: bool| keepdims;
}

layer_aliases! {
    "Input `(batch, steps, channels)` (or channels first); output `(batch, channels)`, \
     or `(batch, 1, channels)` with `keepdims`. No weights.";
    GlobalMaxPooling1D | GlobalMaxPool1D = GlobalPooling<1, true>: "max over all spatial positions",
        [10, 6], "::new()" => "(None, 6)";
    GlobalAveragePooling1D | GlobalAvgPool1D = GlobalPooling<1, false>:
        "average over all spatial positions",
        [10, 6], "::new()" => "(None, 6)";
}

layer_aliases! {
    "Input `(batch, rows, cols, channels)` (or channels first); output `(batch, channels)`, \
     or `(batch, 1, 1, channels)` with `keepdims`. No weights.";
    GlobalMaxPooling2D | GlobalMaxPool2D = GlobalPooling<2, true>: "max over all spatial positions",
        [7, 7, 2048], "::new()" => "(None, 2048)";
    GlobalAveragePooling2D | GlobalAvgPool2D = GlobalPooling<2, false>:
        "average over all spatial positions",
        [7, 7, 2048], "::new()" => "(None, 2048)";
}

layer_aliases! {
    "Input `(batch, d1, d2, d3, channels)` (or channels first); output `(batch, channels)`, \
     or `(batch, 1, 1, 1, channels)` with `keepdims`. No weights.";
    GlobalMaxPooling3D | GlobalMaxPool3D = GlobalPooling<3, true>: "max over all spatial positions",
        [4, 5, 6, 7], "::new().keepdims(true)" => "(None, 1, 1, 1, 7)";
    GlobalAveragePooling3D | GlobalAvgPool3D = GlobalPooling<3, false>:
        "average over all spatial positions",
        [4, 5, 6, 7], "::new().keepdims(true)" => "(None, 1, 1, 1, 7)";
}

impl<const N: usize, const MAX: bool> Layer for GlobalPooling<N, MAX> {
    declared_layer_common!(flags built_at_init);

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
