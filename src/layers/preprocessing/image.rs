//! Image layers that change the spatial size: `Resizing`, `CenterCrop`,
//! `RandomCrop`.

use super::{at_least, replace_dim};
use crate::args::DataFormat;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape};

/// Sets height and width the way `Resizing`/`CenterCrop` do: axes 1, 2
/// (channels_last) or 2, 3 (channels_first) of a batched 4D input, and
/// 0, 1 or 1, 2 of any other rank.
fn set_hw(x: &Shape, data_format: DataFormat, h: u64, w: u64) -> Result<Shape, LayerError> {
    let (hi, wi) = match (x.rank() == 4, data_format) {
        (true, DataFormat::ChannelsLast) => (1, 2),
        (true, DataFormat::ChannelsFirst) => (2, 3),
        (false, DataFormat::ChannelsLast) => (0, 1),
        (false, DataFormat::ChannelsFirst) => (1, 2),
    };
    let y = replace_dim(x, hi, Dim::Known(h))?;
    replace_dim(&y, wi, Dim::Known(w))
}

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

/// `keras.layers.CenterCrop(height, width, data_format=None)`: crops the
/// central `height` x `width` region of images (resizing smaller ones).
///
/// # Shapes
/// Input of rank 3 (unbatched, as Keras counts it) or 4; height and width
/// replaced as in [`Resizing`]. Other ranks are an error. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([256, 256, 3]).tensor()?;
/// let y = CenterCrop::new(224, 200).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 224, 200, 3)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct CenterCrop {
    config: LayerConfig,
    height: i64,
    width: i64,
    data_format: DataFormat,
}

impl CenterCrop {
    /// A center crop to `height` x `width`.
    pub fn new(height: impl crate::args::Int, width: impl crate::args::Int) -> Self {
        let height = height.to_i64();
        let width = width.to_i64();
        crate::layer::constructed(CenterCrop {
            config: LayerConfig::default(),
            height,
            width,
            data_format: DataFormat::ChannelsLast,
        })
    }

    /// Keras's `data_format=`. Defaults to `channels_last`.
    pub fn data_format(mut self, data_format: DataFormat) -> Self {
        self.data_format = data_format;
        self
    }
}

impl Layer for CenterCrop {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([
            ("data_format", json!(self.data_format.to_string())),
            ("height", json!(self.height)),
            ("width", json!(self.width)),
        ]))
    }

    layer_common!("CenterCrop");

    /// # Cost
    /// A crop (or a resize, which TensorFlow's profiler does not count): 0 MACs, 0 FLOPs.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

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

/// `keras.layers.RandomCrop(height, width, seed=None, data_format=None)`:
/// crops a random `height` x `width` region during training (a center crop
/// at inference).
///
/// # Shapes
/// Axes -3, -2 (channels_last) or -2, -1 (channels_first) become `height`,
/// `width`; on a 3D input that includes the batch axis, as in Keras. No
/// weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([None, None, Some(3)]).tensor()?;
/// let y = RandomCrop::new(64, 48).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 64, 48, 3)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct RandomCrop {
    config: LayerConfig,
    height: i64,
    width: i64,
    seed: Option<i64>,
    data_format: DataFormat,
}

impl RandomCrop {
    /// A random crop to `height` x `width`.
    pub fn new(height: impl crate::args::Int, width: impl crate::args::Int) -> Self {
        let height = height.to_i64();
        let width = width.to_i64();
        crate::layer::constructed(RandomCrop {
            config: LayerConfig::default(),
            height,
            width,
            seed: None,
            data_format: DataFormat::ChannelsLast,
        })
    }

    /// Keras's `seed=`. Defaults to `None`.
    pub fn seed(mut self, seed: i64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// Keras's `data_format=`. Defaults to `channels_last`.
    pub fn data_format(mut self, data_format: DataFormat) -> Self {
        self.data_format = data_format;
        self
    }

    /// The `seed` argument.
    #[must_use]
    pub fn seed_value(&self) -> Option<i64> {
        self.seed
    }
}

impl Layer for RandomCrop {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([
            ("data_format", json!(self.data_format.to_string())),
            ("height", json!(self.height)),
            ("width", json!(self.width)),
            ("seed", json!(self.seed)),
        ]))
    }

    layer_common!("RandomCrop");

    /// # Cost
    /// At inference a crop: 0 MACs, 0 FLOPs.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let h = at_least("height", self.height, 0)?;
        let w = at_least("width", self.width, 0)?;
        let (hi, wi) = match self.data_format {
            DataFormat::ChannelsLast => (-3, -2),
            DataFormat::ChannelsFirst => (-2, -1),
        };
        let y = replace_dim(x, hi, Dim::Known(h))?;
        Ok(single(replace_dim(&y, wi, Dim::Known(w))?))
    }
}

/// Registers `Resizing`, `CenterCrop` and `RandomCrop` with the config
/// importer.
#[cfg(feature = "keras-json")]
pub(crate) fn register(r: &mut crate::config::registry::Registry) {
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
    r.register("CenterCrop", |c| -> Built {
        Ok(Box::new(
            CenterCrop::new(c.int("height")?, c.int("width")?).data_format(c.data_format()?),
        ))
    });
    r.register("RandomCrop", |c| -> Built {
        let mut l =
            RandomCrop::new(c.int("height")?, c.int("width")?).data_format(c.data_format()?);
        l.seed = c.opt_int("seed")?;
        Ok(Box::new(l))
    });
}
