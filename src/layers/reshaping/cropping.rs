//! `Cropping1D`/`2D`/`3D`.

use super::shared::*;
use crate::args::DataFormat;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes};
use crate::shape::Shape;
use crate::weight::checked_add;

keras_layer! {
    class match N {
        1 => "Cropping1D",
        2 => "Cropping2D",
        _ => "Cropping3D",
    };
    register manual;
    /// `keras.layers.CroppingND(cropping, data_format=None)`; see
    /// [`Cropping1D`], [`Cropping2D`], [`Cropping3D`].
    ///
    /// # Shapes
    /// Input `(batch, *spatial, channels)` (or channels first); each spatial
    /// size shrinks by its before + after cropping (`None` stays `None`); a
    /// cropping that leaves nothing is an error, as in Keras. No weights.
    #[derive(Debug, Clone)]
    pub struct Cropping<const N: usize> {
        /// Keras's `cropping`: `(before, after)` per spatial axis.
        cropping: CroppingSpec<N> = impl Into<CroppingSpec<N>> => cropping.into(),
    }
    /// A cropping layer.
    fn new;
    /// Keras's `data_format=` (`Cropping2D`/`3D` only). Defaults to
    /// `channels_last`.
    data_format: DataFormat = DataFormat::ChannelsLast;
}

/// `keras.layers.Cropping1D(cropping=(1, 1))`: `cropping` is an int or a
/// `(before, after)` pair.
///
/// ```
/// use kerasinfo::prelude::*;
/// let x = Input::new([10, 3]).tensor()?;
/// assert_eq!(Cropping1D::new((1, 2)).call(&x)?.shape().to_string(), "(None, 7, 3)");
/// assert_eq!(Cropping1D::default().call(&x)?.shape().to_string(), "(None, 8, 3)");
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub type Cropping1D = Cropping<1>;

/// `keras.layers.Cropping2D(cropping=((0, 0), (0, 0)), data_format=None)`.
///
/// ```
/// use kerasinfo::prelude::*;
/// let x = Input::new([28, 28, 3]).tensor()?;
/// let y = Cropping2D::new(((2, 2), (4, 4))).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 24, 20, 3)");
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub type Cropping2D = Cropping<2>;

/// `keras.layers.Cropping3D(cropping=((1, 1), (1, 1), (1, 1)),
/// data_format=None)`.
///
/// ```
/// use kerasinfo::prelude::*;
/// let x = Input::new([8, 8, 8, 2]).tensor()?;
/// let y = Cropping3D::new((1, 2, (0, 3))).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 6, 4, 5, 2)");
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub type Cropping3D = Cropping<3>;

data_format_setter!("Keras's `data_format=`. Defaults to `channels_last`.": Cropping<2>, Cropping<3>);

impl<const N: usize> Default for Cropping<N> {
    /// Keras's defaults: 1 on each side for 1D and 3D, 0 for 2D.
    fn default() -> Self {
        Self::new(if N == 2 { 0 } else { 1 })
    }
}

impl<const N: usize> Layer for Cropping<N> {
    declared_layer_common!(written by crate::layers::declare::no_1d_data_format::<N>);

    zero_cost!("A slice: 0 MACs, 0 FLOPs.");

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let cropping = self.cropping.checked("cropping")?;
        map_spatial_sizes(inputs, self.data_format, cropping, |x, n, (a, b)| {
            let total = checked_add(a, b)?;
            n.checked_sub(total).filter(|rest| *rest > 0).ok_or_else(|| {
                LayerError::input(
                    x,
                    format!(
                        "values in `cropping` argument should be smaller than the corresponding spatial dimension of the input, received cropping={}",
                        self.cropping.display()
                    ),
                )
            })
        })
    }
}

/// Registers `Cropping1D`, `Cropping2D`, `Cropping3D` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    type Built = crate::Result<Box<dyn crate::layer::Layer>>;
    r.builtin_copied::<Cropping1D>(Cropping1D::KERAS_CLASS, |c| -> Built {
        let cropping = pairs_from_config::<1>(c, "cropping", PaddingSpec::from(1))?;
        Ok(Box::new(Cropping1D::from_keras_positional(c, cropping)))
    });
    r.builtin_copied::<Cropping2D>(Cropping2D::KERAS_CLASS, |c| -> Built {
        let cropping = pairs_from_config::<2>(c, "cropping", PaddingSpec::from(0))?;
        Ok(Box::new(
            Cropping2D::from_keras_positional(c, cropping).data_format(c.data_format()?),
        ))
    });
    r.builtin_copied::<Cropping3D>(Cropping3D::KERAS_CLASS, |c| -> Built {
        let cropping = pairs_from_config::<3>(c, "cropping", PaddingSpec::from(1))?;
        Ok(Box::new(
            Cropping3D::from_keras_positional(c, cropping).data_format(c.data_format()?),
        ))
    });
}
