//! `ZeroPadding1D`/`2D`/`3D`.

use super::shared::*;
use crate::args::DataFormat;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes};
use crate::shape::Shape;
use crate::weight::checked_add;

keras_layer! {
    class match N {
        1 => "ZeroPadding1D",
        2 => "ZeroPadding2D",
        _ => "ZeroPadding3D",
    };
    register manual;
    /// `keras.layers.ZeroPaddingND(padding, data_format=None)`; see
    /// [`ZeroPadding1D`], [`ZeroPadding2D`], [`ZeroPadding3D`].
    ///
    /// # Shapes
    /// Input `(batch, *spatial, channels)` (or channels first); each spatial
    /// size grows by its before + after padding (`None` stays `None`). No
    /// weights.
    #[derive(Debug, Clone)]
    pub struct ZeroPadding<const N: usize> {
        /// Keras's `padding`: `(before, after)` per spatial axis.
        padding: PaddingSpec<N> = impl Into<PaddingSpec<N>> => padding.into(),
    }
    /// A zero-padding layer (Keras's default padding is 1 on every side).
    fn new;
    /// Keras's `data_format=`. Defaults to `channels_last`.
    data_format: DataFormat = DataFormat::ChannelsLast, |data_format: DataFormat| data_format;
}

/// `keras.layers.ZeroPadding1D(padding=1, data_format=None)`: `padding` is
/// an int or a `(before, after)` pair.
///
/// ```
/// use kerasinfo::prelude::*;
/// let x = Input::new([10, 3]).tensor()?;
/// assert_eq!(ZeroPadding1D::new((1, 2)).call(&x)?.shape().to_string(), "(None, 13, 3)");
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub type ZeroPadding1D = ZeroPadding<1>;

/// `keras.layers.ZeroPadding2D(padding=(1, 1), data_format=None)`.
///
/// ```
/// use kerasinfo::prelude::*;
/// let x = Input::new([64, 64, 3]).tensor()?;
/// assert_eq!(ZeroPadding2D::new((3, 3)).call(&x)?.shape().to_string(), "(None, 70, 70, 3)");
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub type ZeroPadding2D = ZeroPadding<2>;

/// `keras.layers.ZeroPadding3D(padding=((1, 1), (1, 1), (1, 1)),
/// data_format=None)`.
///
/// ```
/// use kerasinfo::prelude::*;
/// let x = Input::new([4, 5, 6, 2]).tensor()?;
/// let y = ZeroPadding3D::new((1, (0, 2), 0)).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 6, 7, 6, 2)");
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub type ZeroPadding3D = ZeroPadding<3>;

impl<const N: usize> Default for ZeroPadding<N> {
    fn default() -> Self {
        Self::new(1)
    }
}

impl<const N: usize> Layer for ZeroPadding<N> {
    declared_layer_common!();

    zero_cost!("Padding copies: 0 MACs, 0 FLOPs.");

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let padding = self.padding.checked("padding")?;
        map_spatial_sizes(inputs, self.data_format, padding, |_, n, (a, b)| {
            checked_add(n, a).and_then(|n| checked_add(n, b))
        })
    }
}

/// Registers `ZeroPadding1D/2D/3D` with the config importer (a missing
/// `padding` is Keras's default, 1).
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    type Built = crate::Result<Box<dyn crate::layer::Layer>>;
    fn zero_padding<const N: usize>(c: &crate::config::cfg::Cfg<'_>) -> Built {
        let padding = pairs_from_config::<N>(c, "padding", PaddingSpec::from(1))?;
        Ok(Box::new(
            ZeroPadding::<N>::from_keras_positional(c, padding).with_keras_keywords(c)?,
        ))
    }
    r.builtin_copied::<ZeroPadding<1>>(ZeroPadding1D::KERAS_CLASS, zero_padding::<1>);
    r.builtin_copied::<ZeroPadding<2>>(ZeroPadding2D::KERAS_CLASS, zero_padding::<2>);
    r.builtin_copied::<ZeroPadding<3>>(ZeroPadding3D::KERAS_CLASS, zero_padding::<3>);
}
