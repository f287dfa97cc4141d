//! `Resizing`.

use super::{at_least, set_hw};
use crate::args::DataFormat;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, one_input, single};
use crate::shape::Shape;

keras_layer! {
    class "Resizing";
    /// `keras.layers.Resizing(height, width, interpolation="bilinear",
    /// crop_to_aspect_ratio=False, pad_to_aspect_ratio=False,
    /// fill_mode="constant", fill_value=0.0, antialias=False,
    /// data_format=None)`: resizes images to `(height, width)`.
    ///
    /// # Shapes
    /// Input `(batch, height, width, channels)` (or channels first); output
    /// with height and width replaced. As in Keras, an input of another rank
    /// has its first two (channels_last) or second and third (channels_first)
    /// axes replaced. `crop_to_aspect_ratio`/`pad_to_aspect_ratio` do not
    /// change the output shape. No weights.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([None, None, Some(3)]).tensor()?;
    /// let y = Resizing::new(224, 224).crop_to_aspect_ratio(true).call(&x)?;
    /// assert_eq!(y.shape().to_string(), "(None, 224, 224, 3)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct Resizing {
        /// Keras's `height`.
        height: i64 = impl crate::args::Int => height.to_i64(),
        /// Keras's `width`.
        width: i64 = impl crate::args::Int => width.to_i64(),
    }
    /// A resizing layer to `height` x `width`.
    fn new;
    /// Keras's `interpolation=` (`"bilinear"`, `"nearest"`, `"bicubic"`,
    /// `"lanczos3"`, `"lanczos5"`, `"area"`). Defaults to `"bilinear"`.
    interpolation: String = "bilinear".to_owned(), |interpolation: impl Into<String>| interpolation.into();
    /// Keras's `crop_to_aspect_ratio=`: crop to keep the aspect ratio.
    /// Defaults to `false`.
    crop_to_aspect_ratio: bool = false, |crop: bool| crop;
    /// Keras's `pad_to_aspect_ratio=`: pad to keep the aspect ratio.
    /// Defaults to `false`.
    pad_to_aspect_ratio: bool = false, |pad: bool| pad;
    /// Keras's `antialias=`. Defaults to `false`.
    antialias: bool = false, |antialias: bool| antialias;
    /// Keras's `data_format=`. Defaults to `channels_last`.
    data_format: DataFormat = DataFormat::ChannelsLast, |data_format: DataFormat| data_format;
}

impl Resizing {
    /// The target `(height, width)` and the flags
    /// `(crop_to_aspect_ratio, pad_to_aspect_ratio, antialias)`.
    #[must_use]
    pub fn settings(&self) -> ((i64, i64), (bool, bool, bool), &str) {
        (
            (self.height, self.width),
            (
                self.crop_to_aspect_ratio,
                self.pad_to_aspect_ratio,
                self.antialias,
            ),
            &self.interpolation,
        )
    }
}

impl Layer for Resizing {
    declared_layer_common!();

    /// # Cost
    /// `bilinear` and `nearest`: 0 MACs, 0 FLOPs (TensorFlow's profiler
    /// counts no resize op). Unknown for other interpolations.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(matches!(self.interpolation.as_str(), "bilinear" | "nearest").then_some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let h = at_least("height", self.height, 0)?;
        let w = at_least("width", self.width, 0)?;
        Ok(single(set_hw(x, self.data_format, h, w)?))
    }
}
