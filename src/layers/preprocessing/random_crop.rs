//! `RandomCrop`.

use super::{at_least, replace_dim};
use crate::args::DataFormat;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape};

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

/// Registers `RandomCrop` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::Registry) {
    type Built = crate::Result<Box<dyn Layer>>;
    r.register("RandomCrop", |c| -> Built {
        let mut l =
            RandomCrop::new(c.int("height")?, c.int("width")?).data_format(c.data_format()?);
        l.seed = c.opt_int("seed")?;
        Ok(Box::new(l))
    });
}
