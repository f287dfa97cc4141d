//! `SpatialDropout1D`/`2D`/`3D`.

use super::shared::*;
use crate::args::{DataFormat, SpatialRank};
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, one_input, single};
use crate::shape::Shape;

keras_layer! {
    class match N {
        1 => "SpatialDropout1D" as SpatialDropout<1>,
        2 => "SpatialDropout2D" as SpatialDropout<2>,
        _ => "SpatialDropout3D" as SpatialDropout<3>,
    };
    /// `keras.layers.SpatialDropout1D(rate, seed=None)`,
    /// `SpatialDropout2D/3D(rate, data_format=None, seed=None)`: dropout of
    /// whole feature maps. See [`SpatialDropout2D`].
    ///
    /// # Shapes
    /// Input of rank `N + 2` (Keras's `InputSpec(ndim=N + 2)`); output equals
    /// input. No weights. `rate` must be in `[0, 1]`.
    #[derive(Debug, Clone)]
    pub struct SpatialDropout<const N: usize> {
        /// The fraction of channels dropped, 0 to 1.
        rate: f64,
    }
    /// A spatial dropout dropping a fraction `rate` (0 to 1) of feature maps.
    fn new;
    /// Keras's `seed=` (no effect on shapes). Defaults to none.
    seed: Option<i64> = None, |seed: i64| Some(seed);
    /// Keras's `data_format=` (`SpatialDropout2D`/`3D` only). Defaults to
    /// `channels_last`.
    data_format: DataFormat = DataFormat::ChannelsLast;
}

/// `keras.layers.SpatialDropout1D`: drops whole 1D feature maps of a
/// `(batch, timesteps, channels)` input.
///
/// ```
/// use kerasinfo::prelude::*;
/// let x = Input::new([10, 4]).tensor()?;
/// assert_eq!(SpatialDropout1D::new(0.2).call(&x)?.shape(), x.shape());
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub type SpatialDropout1D = SpatialDropout<1>;

/// `keras.layers.SpatialDropout2D`: drops whole 2D feature maps of a
/// rank-4 input.
///
/// ```
/// use kerasinfo::prelude::*;
/// let x = Input::new([8, 8, 16]).tensor()?;
/// assert_eq!(SpatialDropout2D::new(0.2).call(&x)?.shape(), x.shape());
/// let flat = Input::new([16]).tensor()?;
/// assert!(SpatialDropout2D::new(0.2).call(&flat).is_err());
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub type SpatialDropout2D = SpatialDropout<2>;

/// `keras.layers.SpatialDropout3D`: drops whole 3D feature maps of a
/// rank-5 input.
///
/// ```
/// use kerasinfo::prelude::*;
/// let x = Input::new([4, 4, 4, 2]).tensor()?;
/// let y = SpatialDropout3D::new(0.2).data_format(DataFormat::ChannelsFirst).call(&x)?;
/// assert_eq!(y.shape(), x.shape());
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub type SpatialDropout3D = SpatialDropout<3>;

data_format_setter!("Keras's `data_format=` (no effect on shapes). Defaults to `channels_last`.": SpatialDropout<2>, SpatialDropout<3>);

impl<const N: usize> Layer for SpatialDropout<N> {
    declared_layer_common!(written by crate::layers::declare::no_1d_data_format::<N>);

    layer_flags!(supports_masking, built_at_init);

    fn config_has_trainable(&self) -> bool {
        false
    }

    zero_cost!("The identity at inference: 0 MACs, 0 FLOPs.");

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        check_unit_interval("rate", "rate", self.rate)?;
        let x = one_input(inputs)?;
        let rank = SpatialRank::<N>::BATCHED;
        if x.rank() != rank {
            return Err(LayerError::rank(rank.to_string(), x));
        }
        Ok(single(x.clone()))
    }
}
