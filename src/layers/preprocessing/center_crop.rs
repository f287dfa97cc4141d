//! `CenterCrop`.

use super::{at_least, set_hw};
use crate::args::DataFormat;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, one_input, single};
use crate::shape::Shape;

keras_layer! {
    class "CenterCrop";
    /// `keras.layers.CenterCrop(height, width, data_format=None)`: crops the
    /// central `height` x `width` region of images (resizing smaller ones).
    ///
    /// # Shapes
    /// Input of rank 3 (unbatched, as Keras counts it) or 4; height and width
    /// replaced as in [`Resizing`](super::Resizing). Other ranks are an error. No weights.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([256, 256, 3]).tensor()?;
    /// let y = CenterCrop::new(224, 200).call(&x)?;
    /// assert_eq!(y.shape().to_string(), "(None, 224, 200, 3)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct CenterCrop {
        /// Keras's `height`.
        height: i64 = impl crate::args::Int => height.to_i64(),
        /// Keras's `width`.
        width: i64 = impl crate::args::Int => width.to_i64(),
    }
    /// A center crop to `height` x `width`.
    fn new;
    /// Keras's `data_format=`. Defaults to `channels_last`.
    data_format: DataFormat = DataFormat::ChannelsLast, |data_format: DataFormat| data_format;
}

impl Layer for CenterCrop {
    declared_layer_common!();

    zero_cost!(
        "A crop (or a resize, which TensorFlow's profiler does not count): 0 MACs, 0 FLOPs."
    );

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        if !matches!(x.rank(), 3 | 4) {
            return Err(LayerError::rank("3 (unbatched) or 4 (batched)", x));
        }
        let h = at_least("height", self.height, 0)?;
        let w = at_least("width", self.width, 0)?;
        Ok(single(set_hw(x, self.data_format, h, w)?))
    }
}
