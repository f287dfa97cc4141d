//! `RandomCrop`.

use super::{at_least, replace_dim};
use crate::args::DataFormat;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape};

keras_layer! {
    class "RandomCrop";
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
    /// let x = Input::new([None, None, Some(3)]).tensor()?;
    /// let y = RandomCrop::new(64, 48).call(&x)?;
    /// assert_eq!(y.shape().to_string(), "(None, 64, 48, 3)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct RandomCrop {
        /// Keras's `height`.
        height: i64 = impl crate::args::Int => height.to_i64(),
        /// Keras's `width`.
        width: i64 = impl crate::args::Int => width.to_i64(),
    }
    /// A random crop to `height` x `width`.
    fn new;
    /// Keras's `seed=`. Defaults to `None`.
    seed: Option<i64> = None, |seed: i64| Some(seed);
    /// Keras's `data_format=`. Defaults to `channels_last`.
    data_format: DataFormat = DataFormat::ChannelsLast, |data_format: DataFormat| data_format;
}

impl RandomCrop {
    /// The `seed` argument.
    #[must_use]
    pub fn seed_value(&self) -> Option<i64> {
        self.seed
    }
}

impl Layer for RandomCrop {
    declared_layer_common!();

    zero_cost!("At inference a crop: 0 MACs, 0 FLOPs.");

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
