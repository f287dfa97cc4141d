//! `UpSampling1D`/`2D`/`3D`.

use super::shared::*;
use crate::args::{DataFormat, IntTuple};
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes};
use crate::shape::Shape;
use crate::weight::checked_mul;

keras_layer! {
    class match N {
        1 => "UpSampling1D",
        2 => "UpSampling2D",
        _ => "UpSampling3D",
    };
    register manual;
    /// `keras.layers.UpSamplingND(size, data_format=None)`; see
    /// [`UpSampling1D`], [`UpSampling2D`], [`UpSampling3D`].
    ///
    /// # Shapes
    /// Input `(batch, *spatial, channels)` (or channels first); each spatial
    /// size is multiplied by its `size` factor (`None` stays `None`). No
    /// weights.
    #[derive(Debug, Clone)]
    pub struct UpSampling<const N: usize> {
        /// Keras's `size`: the repetitions per spatial axis.
        size: IntTuple<N> = impl Into<IntTuple<N>> => size.into(),
    }
    /// An up-sampling layer with the given factor(s) (`size`).
    fn new;
    /// Keras's `data_format=` (`UpSampling2D`/`3D` only). Defaults to
    /// `channels_last`.
    data_format: DataFormat = DataFormat::ChannelsLast;
    /// Keras's `interpolation=` (`UpSampling2D` only). Defaults to
    /// `nearest`.
    interpolation: String = "nearest".into();
}

/// `keras.layers.UpSampling1D(size=2)`.
///
/// ```
/// use kerasinfo::prelude::*;
/// let x = Input::new([10, 3]).tensor()?;
/// assert_eq!(UpSampling1D::new(3).call(&x)?.shape().to_string(), "(None, 30, 3)");
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub type UpSampling1D = UpSampling<1>;

/// `keras.layers.UpSampling2D(size=(2, 2), data_format=None,
/// interpolation="nearest")`.
///
/// ```
/// use kerasinfo::prelude::*;
/// let x = Input::new([16, 16, 8]).tensor()?;
/// let y = UpSampling2D::new((2, 3)).interpolation("bilinear").call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 32, 48, 8)");
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub type UpSampling2D = UpSampling<2>;

/// `keras.layers.UpSampling3D(size=(2, 2, 2), data_format=None)`.
///
/// ```
/// use kerasinfo::prelude::*;
/// let x = Input::new([4, 4, 4, 1]).tensor()?;
/// assert_eq!(UpSampling3D::default().call(&x)?.shape().to_string(), "(None, 8, 8, 8, 1)");
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub type UpSampling3D = UpSampling<3>;

data_format_setter!("Keras's `data_format=`. Defaults to `channels_last`.": UpSampling<2>, UpSampling<3>);

impl UpSampling<2> {
    /// Keras's `interpolation=` (`"nearest"`, `"bilinear"`, ...); it does
    /// not change the shape. Defaults to `"nearest"`.
    pub fn interpolation(mut self, interpolation: impl Into<String>) -> Self {
        self.interpolation = interpolation.into().to_lowercase();
        self
    }
}

impl<const N: usize> Default for UpSampling<N> {
    /// Keras's default factor 2 along every spatial axis.
    fn default() -> Self {
        Self::new(2)
    }
}

impl<const N: usize> Layer for UpSampling<N> {
    layer_common!(Self::KERAS_CLASS);

    /// Its declared arguments as Keras writes each class's: `UpSampling1D`
    /// only its `size`, as an int; `interpolation` for `UpSampling2D` only.
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        let mut o = self.keras_args();
        if let [one] = self.size.0.as_slice() {
            o.remove("data_format");
            o.insert("size".into(), serde_json::json!(one));
        }
        if N != 2 {
            o.remove("interpolation");
        }
        Some(o)
    }

    /// # Cost
    /// `nearest` (a repeat) and `bilinear` (a resize): 0 MACs and 0 FLOPs,
    /// as TensorFlow's profiler counts them (it counts no resize op, and
    /// for `nearest` only shape arithmetic, once per call whatever the
    /// batch). Unknown for other interpolations.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(matches!(self.interpolation.as_str(), "nearest" | "bilinear").then_some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let size = self.size.positive("size", 1)?;
        map_spatial_sizes(inputs, self.data_format, size, |_, n, k| checked_mul(n, k))
    }
}

/// Registers `UpSampling1D`, `UpSampling2D`, `UpSampling3D` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    type Built = crate::Result<Box<dyn crate::layer::Layer>>;
    r.builtin(UpSampling1D::KERAS_CLASS, |c| -> Built {
        Ok(Box::new(UpSampling1D::new(c.int_or("size", 2)?)))
    });
    r.builtin(UpSampling2D::KERAS_CLASS, |c| -> Built {
        Ok(Box::new(
            UpSampling2D::new(c.tuple::<2>("size", IntTuple([2; 2]))?)
                .data_format(c.data_format()?)
                .interpolation(c.str_or("interpolation", "nearest")?),
        ))
    });
    r.builtin(UpSampling3D::KERAS_CLASS, |c| -> Built {
        Ok(Box::new(
            UpSampling3D::new(c.tuple::<3>("size", IntTuple([2; 3]))?)
                .data_format(c.data_format()?),
        ))
    });
}
