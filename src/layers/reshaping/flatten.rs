//! `Flatten`.

use crate::args::DataFormat;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape};
use crate::weight::product;

keras_layer! {
    class "Flatten";
    /// `keras.layers.Flatten(data_format=None)`.
    ///
    /// # Shapes
    /// Input `(batch, ...)`, output `(batch, product of the rest)`, `None` if
    /// any of the rest is unknown. No weights.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([32, 32, 32]).tensor()?;
    /// assert_eq!(Flatten::new().call(&x)?.shape().to_string(), "(None, 32768)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct Flatten {}
    /// A flatten layer.
    fn new;
    /// Keras's `data_format=` (changes element order only, not the shape).
    /// Defaults to `channels_last`.
    data_format: DataFormat = DataFormat::ChannelsLast, |data_format: DataFormat| data_format;
}

impl Layer for Flatten {
    declared_layer_common!();

    zero_cost!("A reshape: 0 MACs, 0 FLOPs.");

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let Some((&batch, rest)) = x.dims().split_first() else {
            return Err(LayerError::rank(">= 1", x));
        };
        let flat = if rest.iter().any(|d| !d.is_known()) {
            Dim::Unknown
        } else {
            Dim::Known(product(rest.iter().filter_map(|d| d.known()))?)
        };
        Ok(single(Shape::new([batch, flat])))
    }
}
