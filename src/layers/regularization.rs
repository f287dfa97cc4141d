//! Regularization layers: `Dropout`, `SpatialDropout1D/2D/3D`,
//! `GaussianNoise`, `GaussianDropout`, `AlphaDropout`,
//! `ActivityRegularization`. None has weights; they check their arguments
//! (and the spatial dropouts their input rank) as Keras does.

use crate::args::{DataFormat, SpatialRank};
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape, ShapeArg};

/// Keras's check of a dropout-like `rate` (or `stddev`): a float in `[0, 1]`.
fn check_unit_interval(argument: &str, value: f64) -> Result<(), LayerError> {
    if (0.0..=1.0).contains(&value) {
        Ok(())
    } else {
        Err(LayerError::argument(
            argument,
            format!("expected a float value between 0 and 1, received {argument}={value}"),
        ))
    }
}

/// `keras.layers.Dropout(rate, noise_shape=None, seed=None)`.
///
/// # Shapes
/// Output equals input. No weights. `rate` must be in `[0, 1]`; the
/// dimensions of `noise_shape` must be positive or `None`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([10]).tensor()?;
/// assert_eq!(Dropout::new(0.5).call(&x)?.shape(), x.shape());
/// assert!(Dropout::new(1.5).call(&x).is_err());
/// assert!(Dropout::new(0.5).noise_shape([None, Some(0)]).call(&x).is_err());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Dropout {
    config: LayerConfig,
    rate: f64,
    noise_shape: Option<ShapeArg>,
    seed: Option<i64>,
}

impl Dropout {
    /// A dropout layer dropping a fraction `rate` (0 to 1) of inputs.
    pub fn new(rate: f64) -> Self {
        crate::layer::constructed(Dropout {
            config: LayerConfig::default(),
            rate,
            noise_shape: None,
            seed: None,
        })
    }

    /// Keras's `noise_shape=`: the shape of the binary dropout mask, batch
    /// dimension included (`None` entries take the input's). Defaults to
    /// the input shape.
    pub fn noise_shape(mut self, noise_shape: impl Into<ShapeArg>) -> Self {
        self.noise_shape = Some(noise_shape.into());
        self
    }

    /// Keras's `seed=` (no effect on shapes). Defaults to none.
    pub fn seed(mut self, seed: i64) -> Self {
        self.seed = Some(seed);
        self
    }
}

impl Layer for Dropout {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let noise = match &self.noise_shape {
            // As given: Keras keeps negative values too.
            Some(s) => s.config_value(),
            None => serde_json::Value::Null,
        };
        Some(w::obj([
            ("rate", json!(self.rate)),
            ("seed", json!(self.seed)),
            ("noise_shape", noise),
        ]))
    }

    layer_common!("Dropout");

    fn built_at_init(&self) -> bool {
        true
    }

    /// # Cost
    /// The identity at inference: 0 MACs, 0 FLOPs.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        if !(0.0..=1.0).contains(&self.rate) {
            return Err(LayerError::argument(
                "rate",
                format!(
                    "the dropout rate must be a float in the range [0, 1], received rate={}",
                    self.rate
                ),
            ));
        }
        if let Some(ns) = &self.noise_shape {
            let bad = |v: String| {
                LayerError::argument(
                    "noise_shape",
                    format!(
                        "expected all dimensions to be positive integers or None, received {v}"
                    ),
                )
            };
            let dims = ns.resolve().map_err(|v| bad(v.to_string()))?;
            if dims.contains(&Dim::Known(0)) {
                return Err(bad("0".into()));
            }
        }
        Ok(single(one_input(inputs)?.clone()))
    }
}

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

/// `keras.layers.GaussianNoise(stddev, seed=None)`: adds zero-centered
/// Gaussian noise while training.
///
/// # Shapes
/// Output equals input. No weights. `stddev` must be in `[0, 1]`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([4]).tensor()?;
/// assert_eq!(GaussianNoise::new(0.1).call(&x)?.shape(), x.shape());
/// assert!(GaussianNoise::new(1.5).call(&x).is_err());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct GaussianNoise {
    config: LayerConfig,
    stddev: f64,
    seed: Option<i64>,
}

impl GaussianNoise {
    /// A noise layer with standard deviation `stddev` (0 to 1).
    pub fn new(stddev: f64) -> Self {
        crate::layer::constructed(GaussianNoise {
            config: LayerConfig::default(),
            stddev,
            seed: None,
        })
    }

    /// Keras's `seed=` (no effect on shapes). Defaults to none.
    pub fn seed(mut self, seed: i64) -> Self {
        self.seed = Some(seed);
        self
    }
}

impl Layer for GaussianNoise {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([
            ("stddev", json!(self.stddev)),
            ("seed", json!(self.seed)),
        ]))
    }

    layer_common!("GaussianNoise");

    fn built_at_init(&self) -> bool {
        true
    }

    /// # Cost
    /// The identity at inference: 0 MACs, 0 FLOPs.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        check_unit_interval("stddev", self.stddev)?;
        Ok(single(one_input(inputs)?.clone()))
    }
}

/// `keras.layers.GaussianDropout(rate, seed=None)`: multiplies by
/// 1-centered Gaussian noise while training.
///
/// # Shapes
/// Output equals input. No weights. `rate` must be in `[0, 1]`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([4]).tensor()?;
/// assert_eq!(GaussianDropout::new(0.3).call(&x)?.shape(), x.shape());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct GaussianDropout {
    config: LayerConfig,
    rate: f64,
    seed: Option<i64>,
}

impl GaussianDropout {
    /// A Gaussian dropout layer with drop probability `rate` (0 to 1).
    pub fn new(rate: f64) -> Self {
        crate::layer::constructed(GaussianDropout {
            config: LayerConfig::default(),
            rate,
            seed: None,
        })
    }

    /// Keras's `seed=` (no effect on shapes). Defaults to none.
    pub fn seed(mut self, seed: i64) -> Self {
        self.seed = Some(seed);
        self
    }
}

impl Layer for GaussianDropout {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([
            ("rate", json!(self.rate)),
            ("seed", json!(self.seed)),
        ]))
    }

    layer_common!("GaussianDropout");

    fn built_at_init(&self) -> bool {
        true
    }

    /// # Cost
    /// The identity at inference: 0 MACs, 0 FLOPs.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        check_unit_interval("rate", self.rate)?;
        Ok(single(one_input(inputs)?.clone()))
    }
}

/// `keras.layers.AlphaDropout(rate, noise_shape=None, seed=None)`: dropout
/// that keeps the self-normalizing property of SELU networks.
///
/// # Shapes
/// Output equals input. No weights. `rate` must be in `[0, 1]`; Keras does
/// not check `noise_shape` here.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([4]).tensor()?;
/// assert_eq!(AlphaDropout::new(0.1).call(&x)?.shape(), x.shape());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct AlphaDropout {
    config: LayerConfig,
    rate: f64,
    noise_shape: Option<ShapeArg>,
    seed: Option<i64>,
}

impl AlphaDropout {
    /// An alpha dropout layer with drop probability `rate` (0 to 1).
    pub fn new(rate: f64) -> Self {
        crate::layer::constructed(AlphaDropout {
            config: LayerConfig::default(),
            rate,
            noise_shape: None,
            seed: None,
        })
    }

    /// Keras's `noise_shape=` (used only while training, not checked).
    /// Defaults to the input shape.
    pub fn noise_shape(mut self, noise_shape: impl Into<ShapeArg>) -> Self {
        self.noise_shape = Some(noise_shape.into());
        self
    }

    /// Keras's `seed=` (no effect on shapes). Defaults to none.
    pub fn seed(mut self, seed: i64) -> Self {
        self.seed = Some(seed);
        self
    }
}

impl Layer for AlphaDropout {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let noise = match &self.noise_shape {
            // As given: Keras keeps negative values too.
            Some(s) => s.config_value(),
            None => serde_json::Value::Null,
        };
        Some(w::obj([
            ("rate", json!(self.rate)),
            ("seed", json!(self.seed)),
            ("noise_shape", noise),
        ]))
    }

    layer_common!("AlphaDropout");

    fn built_at_init(&self) -> bool {
        true
    }

    /// # Cost
    /// The identity at inference: 0 MACs, 0 FLOPs.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        check_unit_interval("rate", self.rate)?;
        Ok(single(one_input(inputs)?.clone()))
    }
}

/// `keras.layers.ActivityRegularization(l1=0.0, l2=0.0)`: an identity
/// layer that adds an activity penalty.
///
/// # Shapes
/// Output equals input. No weights. `l1` and `l2` must be finite and
/// non-negative.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([4]).tensor()?;
/// assert_eq!(ActivityRegularization::new().l2(0.01).call(&x)?.shape(), x.shape());
/// assert!(ActivityRegularization::new().l1(-1.0).call(&x).is_err());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct ActivityRegularization {
    config: LayerConfig,
    l1: f64,
    l2: f64,
}

impl ActivityRegularization {
    /// An activity regularization layer with no penalty.
    pub fn new() -> Self {
        crate::layer::constructed(ActivityRegularization {
            config: LayerConfig::default(),
            l1: 0.0,
            l2: 0.0,
        })
    }

    /// Keras's `l1=`: the L1 factor. Defaults to 0.0.
    pub fn l1(mut self, l1: f64) -> Self {
        self.l1 = l1;
        self
    }

    /// Keras's `l2=`: the L2 factor. Defaults to 0.0.
    pub fn l2(mut self, l2: f64) -> Self {
        self.l2 = l2;
        self
    }
}

impl Default for ActivityRegularization {
    fn default() -> Self {
        Self::new()
    }
}

impl Layer for ActivityRegularization {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([("l1", json!(self.l1)), ("l2", json!(self.l2))]))
    }

    layer_common!("ActivityRegularization");

    fn built_at_init(&self) -> bool {
        true
    }

    /// # Cost
    /// The identity at inference (the penalty is a training loss): 0 MACs, 0 FLOPs.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        for (name, v) in [("l1", self.l1), ("l2", self.l2)] {
            if !v.is_finite() || v < 0.0 {
                return Err(LayerError::argument(
                    name,
                    format!("expected a non-negative float, received {name}={v}"),
                ));
            }
        }
        Ok(single(one_input(inputs)?.clone()))
    }
}

// ---------------------------------------------------------------------------
// Keras configs
// ---------------------------------------------------------------------------

/// Registers the regularization classes with the config importer.
#[cfg(feature = "keras-json")]
pub(crate) fn register(r: &mut crate::config::Registry) {
    use crate::config::Cfg;
    type Built = crate::Result<Box<dyn Layer>>;
    r.register("Dropout", |c| -> Built {
        let mut l = Dropout::new(c.float("rate")?);
        if let Some(ns) = c.opt_dims("noise_shape")? {
            l = l.noise_shape(ns);
        }
        if let Some(s) = c.opt_int("seed")? {
            l = l.seed(s);
        }
        Ok(Box::new(l))
    });
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
    r.register("GaussianNoise", |c| -> Built {
        let mut l = GaussianNoise::new(c.float("stddev")?);
        if let Some(s) = c.opt_int("seed")? {
            l = l.seed(s);
        }
        Ok(Box::new(l))
    });
    r.register("GaussianDropout", |c| -> Built {
        let mut l = GaussianDropout::new(c.float("rate")?);
        if let Some(s) = c.opt_int("seed")? {
            l = l.seed(s);
        }
        Ok(Box::new(l))
    });
    r.register("AlphaDropout", |c| -> Built {
        let mut l = AlphaDropout::new(c.float("rate")?);
        if let Some(ns) = c.opt_dims("noise_shape")? {
            l = l.noise_shape(ns);
        }
        if let Some(s) = c.opt_int("seed")? {
            l = l.seed(s);
        }
        Ok(Box::new(l))
    });
    r.register("ActivityRegularization", |c| -> Built {
        Ok(Box::new(
            ActivityRegularization::new()
                .l1(c.float_or("l1", 0.0)?)
                .l2(c.float_or("l2", 0.0)?),
        ))
    });
}
