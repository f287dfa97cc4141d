//! `Resizing`.

use super::{at_least, set_hw};
use crate::args::DataFormat;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::Shape;

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
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([None, None, Some(3)]).tensor()?;
/// let y = Resizing::new(224, 224).crop_to_aspect_ratio(true).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 224, 224, 3)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Resizing {
    config: LayerConfig,
    height: i64,
    width: i64,
    interpolation: String,
    crop_to_aspect_ratio: bool,
    pad_to_aspect_ratio: bool,
    antialias: bool,
    data_format: DataFormat,
}

impl Resizing {
    /// A resizing layer to `height` x `width`.
    pub fn new(height: impl crate::args::Int, width: impl crate::args::Int) -> Self {
        let height = height.to_i64();
        let width = width.to_i64();
        crate::layer::constructed(Resizing {
            config: LayerConfig::default(),
            height,
            width,
            interpolation: "bilinear".to_owned(),
            crop_to_aspect_ratio: false,
            pad_to_aspect_ratio: false,
            antialias: false,
            data_format: DataFormat::ChannelsLast,
        })
    }

    /// Keras's `interpolation=` (`"bilinear"`, `"nearest"`, `"bicubic"`,
    /// `"lanczos3"`, `"lanczos5"`, `"area"`). Defaults to `"bilinear"`.
    pub fn interpolation(mut self, interpolation: impl Into<String>) -> Self {
        self.interpolation = interpolation.into();
        self
    }

    /// Keras's `crop_to_aspect_ratio=`: crop to keep the aspect ratio.
    /// Defaults to `false`.
    pub fn crop_to_aspect_ratio(mut self, crop: bool) -> Self {
        self.crop_to_aspect_ratio = crop;
        self
    }

    /// Keras's `pad_to_aspect_ratio=`: pad to keep the aspect ratio.
    /// Defaults to `false`.
    pub fn pad_to_aspect_ratio(mut self, pad: bool) -> Self {
        self.pad_to_aspect_ratio = pad;
        self
    }

    /// Keras's `antialias=`. Defaults to `false`.
    pub fn antialias(mut self, antialias: bool) -> Self {
        self.antialias = antialias;
        self
    }

    /// Keras's `data_format=`. Defaults to `channels_last`.
    pub fn data_format(mut self, data_format: DataFormat) -> Self {
        self.data_format = data_format;
        self
    }

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
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([
            ("data_format", json!(self.data_format.to_string())),
            ("height", json!(self.height)),
            ("width", json!(self.width)),
            ("interpolation", json!(self.interpolation)),
            ("crop_to_aspect_ratio", json!(self.crop_to_aspect_ratio)),
            ("pad_to_aspect_ratio", json!(self.pad_to_aspect_ratio)),
            ("antialias", json!(self.antialias)),
        ]))
    }

    layer_common!("Resizing");

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

/// Registers `Resizing` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::Registry) {
    type Built = crate::Result<Box<dyn Layer>>;
    r.register("Resizing", |c| -> Built {
        Ok(Box::new(
            Resizing::new(c.int("height")?, c.int("width")?)
                .interpolation(c.str_or("interpolation", "bilinear")?)
                .crop_to_aspect_ratio(c.bool_or("crop_to_aspect_ratio", false)?)
                .pad_to_aspect_ratio(c.bool_or("pad_to_aspect_ratio", false)?)
                .antialias(c.bool_or("antialias", false)?)
                .data_format(c.data_format()?),
        ))
    });
}
