//! `SpatialDropout1D`/`2D`/`3D`.

use super::shared::*;
use crate::args::{DataFormat, SpatialRank};
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::Shape;

/// `keras.layers.SpatialDropout1D(rate, seed=None)`,
/// `SpatialDropout2D/3D(rate, data_format=None, seed=None)`: dropout of
/// whole feature maps. See [`SpatialDropout2D`].
///
/// # Shapes
/// Input of rank `N + 2` (Keras's `InputSpec(ndim=N + 2)`); output equals
/// input. No weights. `rate` must be in `[0, 1]`.
#[derive(Debug, Clone)]
#[must_use]
pub struct SpatialDropout<const N: usize> {
    config: LayerConfig,
    rate: f64,
    data_format: DataFormat,
    seed: Option<i64>,
}

/// `keras.layers.SpatialDropout1D`: drops whole 1D feature maps of a
/// `(batch, timesteps, channels)` input.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([10, 4]).tensor()?;
/// assert_eq!(SpatialDropout1D::new(0.2).call(&x)?.shape(), x.shape());
/// # Ok(()) }
/// ```
pub type SpatialDropout1D = SpatialDropout<1>;

/// `keras.layers.SpatialDropout2D`: drops whole 2D feature maps of a
/// rank-4 input.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([8, 8, 16]).tensor()?;
/// assert_eq!(SpatialDropout2D::new(0.2).call(&x)?.shape(), x.shape());
/// let flat = Input::new([16]).tensor()?;
/// assert!(SpatialDropout2D::new(0.2).call(&flat).is_err());
/// # Ok(()) }
/// ```
pub type SpatialDropout2D = SpatialDropout<2>;

/// `keras.layers.SpatialDropout3D`: drops whole 3D feature maps of a
/// rank-5 input.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([4, 4, 4, 2]).tensor()?;
/// let y = SpatialDropout3D::new(0.2).data_format(DataFormat::ChannelsFirst).call(&x)?;
/// assert_eq!(y.shape(), x.shape());
/// # Ok(()) }
/// ```
pub type SpatialDropout3D = SpatialDropout<3>;

impl<const N: usize> SpatialDropout<N> {
    /// A spatial dropout dropping a fraction `rate` (0 to 1) of feature maps.
    pub fn new(rate: f64) -> Self {
        crate::layer::constructed(SpatialDropout {
            config: LayerConfig::default(),
            rate,
            data_format: DataFormat::ChannelsLast,
            seed: None,
        })
    }

    /// Keras's `seed=` (no effect on shapes). Defaults to none.
    pub fn seed(mut self, seed: i64) -> Self {
        self.seed = Some(seed);
        self
    }
}

impl SpatialDropout<2> {
    /// Keras's `data_format=` (no effect on shapes). Defaults to `channels_last`.
    pub fn data_format(mut self, data_format: DataFormat) -> Self {
        self.data_format = data_format;
        self
    }
}

impl SpatialDropout<3> {
    /// Keras's `data_format=` (no effect on shapes). Defaults to `channels_last`.
    pub fn data_format(mut self, data_format: DataFormat) -> Self {
        self.data_format = data_format;
        self
    }
}

impl<const N: usize> Layer for SpatialDropout<N> {
    fn built_at_init(&self) -> bool {
        true
    }

    fn config_has_trainable(&self) -> bool {
        false
    }

    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let mut o = w::obj([("rate", json!(self.rate)), ("seed", json!(self.seed))]);
        if N > 1 {
            o.insert("data_format".into(), json!(self.data_format.to_string()));
        }
        Some(o)
    }

    fn class_name(&self) -> &str {
        match N {
            1 => "SpatialDropout1D",
            2 => "SpatialDropout2D",
            _ => "SpatialDropout3D",
        }
    }

    fn config(&self) -> &LayerConfig {
        &self.config
    }

    fn config_mut(&mut self) -> &mut LayerConfig {
        &mut self.config
    }

    /// # Cost
    /// The identity at inference: 0 MACs, 0 FLOPs.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        check_unit_interval("rate", self.rate)?;
        let x = one_input(inputs)?;
        let rank = SpatialRank::<N>::BATCHED;
        if x.rank() != rank {
            return Err(LayerError::rank(rank.to_string(), x));
        }
        Ok(single(x.clone()))
    }
}

/// Registers `SpatialDropout1D`, `SpatialDropout2D`, `SpatialDropout3D` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    type Built = crate::Result<Box<dyn crate::layer::Layer>>;
    use crate::config::cfg::Cfg;
    fn spatial<const N: usize>(c: &Cfg<'_>) -> crate::Result<SpatialDropout<N>> {
        let mut l = SpatialDropout::<N>::new(c.float("rate")?);
        if let Some(s) = c.opt_int("seed")? {
            l = l.seed(s);
        }
        Ok(l)
    }
    r.register("SpatialDropout1D", |c| -> Built {
        Ok(Box::new(spatial::<1>(c)?))
    });
    // Keras does not write `data_format` in these configs; read it if present.
    r.register("SpatialDropout2D", |c| -> Built {
        Ok(Box::new(spatial::<2>(c)?.data_format(c.data_format()?)))
    });
    r.register("SpatialDropout3D", |c| -> Built {
        Ok(Box::new(spatial::<3>(c)?.data_format(c.data_format()?)))
    });
}
