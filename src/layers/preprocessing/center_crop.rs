//! `CenterCrop`.

use super::{at_least, set_hw};
use crate::args::DataFormat;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::Shape;

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

/// Registers `CenterCrop` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::Registry) {
    type Built = crate::Result<Box<dyn Layer>>;
    r.register("CenterCrop", |c| -> Built {
        Ok(Box::new(
            CenterCrop::new(c.int("height")?, c.int("width")?).data_format(c.data_format()?),
        ))
    });
}
