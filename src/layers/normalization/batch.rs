//! `BatchNormalization` (and its `renorm` clipping).

use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, known_dim, one_input, single};
use crate::shape::Shape;
use crate::weight::WeightSpec;

/// `keras.layers.BatchNormalization(axis=-1, momentum=0.99, epsilon=1e-3,
/// center=True, scale=True, renorm=False, renorm_clipping=None,
/// renorm_momentum=0.99, synchronized=False)`.
///
/// `axis` is a single integer (Keras calls `int(axis)`, so a list is a
/// `TypeError` there and cannot be expressed here).
///
/// # Shapes
/// Output equals input. Weights, each of shape `(input_shape[axis],)`:
/// `gamma` (if `scale`) and `beta` (if `center`) train; `moving_mean` and
/// `moving_variance` do not, nor (with `renorm`) `moving_stddev`,
/// `renorm_mean` and `renorm_stddev`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([64, 64, 32]).tensor()?;
/// let y = BatchNormalization::new().axis(3).name("bn0").call(&x)?;
/// let model = Functional::new(&x, &y).build()?;
/// let s = model.summary();
/// assert_eq!((s.total_params, s.non_trainable_params), (128, 64));
///
/// let z = BatchNormalization::new().renorm(true).call(&x)?;
/// let model = Functional::new(&x, &z).build()?;
/// assert_eq!(model.summary().non_trainable_params, 160);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct BatchNormalization {
    config: LayerConfig,
    axis: i64,
    momentum: f64,
    epsilon: f64,
    center: bool,
    scale: bool,
    renorm: bool,
    renorm_clipping: RenormClipping,
    renorm_momentum: f64,
    synchronized: bool,
}

/// `BatchNormalization`'s `renorm_clipping=` dictionary: the keys `rmax`,
/// `rmin` and `dmax`, each optional.
///
/// ```
/// use kerasinfo::layers::RenormClipping;
/// let c = RenormClipping { rmax: Some(3.0), ..RenormClipping::default() };
/// assert_eq!(c.rmin, None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RenormClipping {
    /// Upper bound of the `r` correction.
    pub rmax: Option<f64>,
    /// Lower bound of the `r` correction.
    pub rmin: Option<f64>,
    /// Bound of the absolute `d` correction (non-negative).
    pub dmax: Option<f64>,
}

impl BatchNormalization {
    /// A batch normalization layer over the last axis.
    pub fn new() -> Self {
        crate::layer::constructed(BatchNormalization {
            config: LayerConfig::default(),
            axis: -1,
            momentum: 0.99,
            epsilon: 1e-3,
            center: true,
            scale: true,
            renorm: false,
            renorm_clipping: RenormClipping::default(),
            renorm_momentum: 0.99,
            synchronized: false,
        })
    }

    /// Keras's `axis=`: the features axis. Defaults to -1.
    pub fn axis(mut self, axis: i64) -> Self {
        self.axis = axis;
        self
    }

    /// Keras's `momentum=` (no effect on shapes). Defaults to 0.99.
    pub fn momentum(mut self, momentum: f64) -> Self {
        self.momentum = momentum;
        self
    }

    /// Keras's `epsilon=` (no effect on shapes). Defaults to 1e-3.
    pub fn epsilon(mut self, epsilon: f64) -> Self {
        self.epsilon = epsilon;
        self
    }

    /// Keras's `center=`: whether to learn the offset `beta`. Defaults to `true`.
    pub fn center(mut self, center: bool) -> Self {
        self.center = center;
        self
    }

    /// Keras's `scale=`: whether to learn the factor `gamma`. Defaults to `true`.
    pub fn scale(mut self, scale: bool) -> Self {
        self.scale = scale;
        self
    }

    /// Keras's `renorm=`: batch renormalization, which adds the
    /// non-trainable `moving_stddev`, `renorm_mean` and `renorm_stddev`.
    /// Defaults to `false`.
    pub fn renorm(mut self, renorm: bool) -> Self {
        self.renorm = renorm;
        self
    }

    /// Keras's `renorm_clipping=` (checked only with `renorm`: `rmax >= rmin`,
    /// `dmax >= 0`). Defaults to none.
    pub fn renorm_clipping(mut self, renorm_clipping: RenormClipping) -> Self {
        self.renorm_clipping = renorm_clipping;
        self
    }

    /// Keras's `renorm_momentum=` (no effect on shapes). Defaults to 0.99.
    pub fn renorm_momentum(mut self, renorm_momentum: f64) -> Self {
        self.renorm_momentum = renorm_momentum;
        self
    }

    /// Keras's `synchronized=`: synchronize statistics across replicas
    /// (accepted, as with Keras's TensorFlow backend; no effect on shapes).
    /// Defaults to `false`.
    pub fn synchronized(mut self, synchronized: bool) -> Self {
        self.synchronized = synchronized;
        self
    }

    fn check(&self) -> Result<(), LayerError> {
        if self.renorm {
            let c = self.renorm_clipping;
            if let (Some(rmax), Some(rmin)) = (c.rmax, c.rmin) {
                if rmax < rmin {
                    return Err(LayerError::argument(
                        "renorm_clipping",
                        format!(
                            "rmax should be greater than rmin, received rmax={rmax}, rmin={rmin}"
                        ),
                    ));
                }
            }
            if let Some(dmax) = c.dmax {
                if dmax < 0.0 {
                    return Err(LayerError::argument(
                        "renorm_clipping",
                        format!("dmax should be non-negative, received dmax={dmax}"),
                    ));
                }
            }
        }
        Ok(())
    }
}

impl Default for BatchNormalization {
    fn default() -> Self {
        Self::new()
    }
}

impl Layer for BatchNormalization {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }

    /// Keras's call takes `mask=`.
    fn takes_mask(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let c = &self.renorm_clipping;
        let clipping = if c.rmax.is_none() && c.rmin.is_none() && c.dmax.is_none() {
            serde_json::Value::Null
        } else {
            let mut m = serde_json::Map::new();
            for (k, v) in [("rmax", c.rmax), ("rmin", c.rmin), ("dmax", c.dmax)] {
                if let Some(v) = v {
                    m.insert(k.into(), json!(v));
                }
            }
            serde_json::Value::Object(m)
        };
        Some(w::obj([
            ("renorm", json!(self.renorm)),
            ("renorm_clipping", clipping),
            ("renorm_momentum", json!(self.renorm_momentum)),
            ("axis", json!(self.axis)),
            ("momentum", json!(self.momentum)),
            ("epsilon", json!(self.epsilon)),
            ("center", json!(self.center)),
            ("scale", json!(self.scale)),
            ("beta_initializer", w::zeros()),
            ("gamma_initializer", w::ones()),
            ("moving_mean_initializer", w::zeros()),
            ("moving_variance_initializer", w::ones()),
            ("synchronized", json!(self.synchronized)),
        ]))
    }

    layer_common!("BatchNormalization");

    /// # Cost
    /// Inference (moving statistics): 0 MACs; `2·N + (5 + scale)·C`
    /// FLOPs for `N` elements and `C` normalized channels — a multiply
    /// and an add per element, and the per-channel `var + ε`, `rsqrt`
    /// (2), `mean·inv` and the shift that Keras's TensorFlow graph
    /// computes (`·γ` once more with `scale`), as TensorFlow's profiler
    /// counts them.
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        let c = known_dim(one_input(inputs)?, self.axis)?;
        let Some(n) = crate::compute::output_elements(outputs)? else {
            return Ok(None);
        };
        let per_channel = if self.scale { 6 } else { 5 };
        let flops = crate::weight::checked_add(
            crate::weight::checked_mul(n, 2)?,
            crate::weight::checked_mul(c, per_channel)?,
        )?;
        Ok(Some(Cost::elementwise(flops)))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        self.check()?;
        let x = one_input(inputs)?;
        known_dim(x, self.axis)?;
        Ok(single(x.clone()))
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        self.check()?;
        let n = known_dim(one_input(inputs)?, self.axis)?;
        let mut w = Vec::with_capacity(7);
        if self.scale {
            w.push(WeightSpec::new("gamma", [n]));
        }
        if self.center {
            w.push(WeightSpec::new("beta", [n]));
        }
        w.push(WeightSpec::new("moving_mean", [n]).non_trainable());
        w.push(WeightSpec::new("moving_variance", [n]).non_trainable());
        if self.renorm {
            for name in ["moving_stddev", "renorm_mean", "renorm_stddev"] {
                w.push(WeightSpec::new(name, [n]).non_trainable());
            }
        }
        Ok(w)
    }
}

/// Registers `BatchNormalization` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    type Built = crate::Result<Box<dyn crate::layer::Layer>>;
    use super::shared::batch_norm_axis;
    r.register("BatchNormalization", |c| -> Built {
        let mut l = BatchNormalization::new()
            .axis(batch_norm_axis(c)?)
            .momentum(c.float_or("momentum", 0.99)?)
            .epsilon(c.float_or("epsilon", 1e-3)?)
            .center(c.bool_or("center", true)?)
            .scale(c.bool_or("scale", true)?)
            .renorm(c.bool_or("renorm", false)?)
            .renorm_momentum(c.float_or("renorm_momentum", 0.99)?)
            .synchronized(c.bool_or("synchronized", false)?);
        let at = c.child_path("renorm_clipping");
        if let Some(clip) = c.child("renorm_clipping", &at)? {
            l = l.renorm_clipping(RenormClipping {
                rmax: clip.opt_float("rmax")?,
                rmin: clip.opt_float("rmin")?,
                dmax: clip.opt_float("dmax")?,
            });
        }
        Ok(Box::new(l))
    });
}
