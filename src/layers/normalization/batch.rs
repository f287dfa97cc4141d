//! `BatchNormalization` (and its `renorm` clipping).

use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{
    Layer, OutputShapes, WeightSink, collect_weights, known_dim, one_input, single,
};
use crate::shape::Shape;
use crate::weight::WeightSpec;

keras_layer! {
    class "BatchNormalization";
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
    /// let x = Input::new([64, 64, 32]).tensor()?;
    /// let y = BatchNormalization::new().axis(3).name("bn0").call(&x)?;
    /// let model = Functional::new(&x, &y).build()?;
    /// let s = model.summary();
    /// assert_eq!((s.total_params, s.non_trainable_params), (128, 64));
    ///
    /// let z = BatchNormalization::new().renorm(true).call(&x)?;
    /// let model = Functional::new(&x, &z).build()?;
    /// assert_eq!(model.summary().non_trainable_params, 160);
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct BatchNormalization {
    }
    /// A batch normalization layer over the last axis.
    fn new;
    /// Keras's `axis=`: the features axis. Defaults to -1.
    axis: i64 [super::shared::BatchNormAxis] = -1, |axis: i64| axis;
    /// Keras's `momentum=` (no effect on shapes). Defaults to 0.99.
    momentum: f64 = 0.99, |momentum: f64| momentum;
    /// Keras's `epsilon=` (no effect on shapes). Defaults to 1e-3.
    epsilon: f64 = 1e-3, |epsilon: f64| epsilon;
    /// Keras's `center=`: whether to learn the offset `beta`. Defaults to `true`.
    center: bool = true, |center: bool| center;
    /// Keras's `scale=`: whether to learn the factor `gamma`. Defaults to `true`.
    scale: bool = true, |scale: bool| scale;
    /// Keras's `renorm=`: batch renormalization, which adds the
    /// non-trainable `moving_stddev`, `renorm_mean` and `renorm_stddev`.
    /// Defaults to `false`.
    renorm: bool = false, |renorm: bool| renorm;
    /// Keras's `renorm_clipping=` (checked only with `renorm`: `rmax >= rmin`,
    /// `dmax >= 0`). Defaults to none.
    // Boxed (rarely given): the layer then fits glibc's fast bins.
    renorm_clipping: Option<Box<RenormClipping>> = None, |renorm_clipping: RenormClipping| Some(Box::new(renorm_clipping));
    /// Keras's `renorm_momentum=` (no effect on shapes). Defaults to 0.99.
    renorm_momentum: f64 = 0.99, |renorm_momentum: f64| renorm_momentum;
    /// Keras's `synchronized=`: synchronize statistics across replicas
    /// (accepted, as with Keras's TensorFlow backend; no effect on shapes).
    /// Defaults to `false`.
    synchronized: bool = false, |synchronized: bool| synchronized;
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

/// `renorm_clipping`: an object with the bounds given (`null` for none).
#[cfg(feature = "keras-json")]
impl crate::layers::declare::Arg for Box<RenormClipping> {
    fn optional(c: &crate::config::cfg::Cfg<'_>, key: &str) -> crate::Result<Option<Self>> {
        if c.value(key).is_none() {
            return Ok(None);
        }
        let at = c.child_path(key);
        let Some(clip) = c.child(key, &at)? else {
            return Ok(None);
        };
        Ok(Some(Box::new(RenormClipping {
            rmax: clip.opt_float("rmax")?,
            rmin: clip.opt_float("rmin")?,
            dmax: clip.opt_float("dmax")?,
        })))
    }
    fn to_config(&self) -> serde_json::Value {
        let bounds = [
            ("rmax", self.rmax),
            ("rmin", self.rmin),
            ("dmax", self.dmax),
        ];
        if bounds.iter().all(|(_, v)| v.is_none()) {
            return serde_json::Value::Null;
        }
        bounds
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k.to_owned(), serde_json::json!(v))))
            .collect::<serde_json::Map<_, _>>()
            .into()
    }
}

impl BatchNormalization {
    fn check(&self) -> Result<(), LayerError> {
        if self.renorm
            && let Some(c) = self.renorm_clipping.as_deref()
        {
            if let (Some(rmax), Some(rmin)) = (c.rmax, c.rmin) {
                argument_error_if!(
                    rmax < rmin,
                    "renorm_clipping",
                    format!("rmax should be greater than rmin, received rmax={rmax}, rmin={rmin}"),
                );
            }
            if let Some(dmax) = c.dmax {
                argument_error_if!(
                    dmax < 0.0,
                    "renorm_clipping",
                    format!("dmax should be non-negative, received dmax={dmax}"),
                );
            }
        }
        Ok(())
    }
}

impl Layer for BatchNormalization {
    layer_common!(Self::KERAS_CLASS);

    /// Its declared arguments and the initializers Keras writes.
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        let mut o = super::shared::with_beta_gamma_initializers(self.keras_args());
        o.insert("moving_mean_initializer".into(), w::zeros());
        o.insert("moving_variance_initializer".into(), w::ones());
        Some(o)
    }

    layer_flags!(supports_masking, takes_mask);

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
        Ok(single(self.checked(inputs)?.0.clone()))
    }

    // Checked once for the shape and the weights.
    fn build_call(
        &self,
        inputs: &[Shape],
        w: &mut WeightSink<'_>,
    ) -> Result<OutputShapes, LayerError> {
        let (x, n) = self.checked(inputs)?;
        self.push_weights(n, w)?;
        Ok(single(x.clone()))
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        collect_weights(|w| self.declare_weights(inputs, w), 7)
    }

    fn declare_weights(&self, inputs: &[Shape], w: &mut WeightSink<'_>) -> Result<(), LayerError> {
        self.push_weights(self.checked(inputs)?.1, w)
    }
}

impl BatchNormalization {
    /// The checked input and its size along `axis`.
    fn checked<'a>(&self, inputs: &'a [Shape]) -> Result<(&'a Shape, u64), LayerError> {
        self.check()?;
        let x = one_input(inputs)?;
        Ok((x, known_dim(x, self.axis)?))
    }

    /// Hands on the weights for `n` features.
    fn push_weights(&self, n: u64, w: &mut WeightSink<'_>) -> Result<(), LayerError> {
        if self.scale {
            w.push(WeightSpec::new("gamma", [n]))?;
        }
        if self.center {
            w.push(WeightSpec::new("beta", [n]))?;
        }
        w.push(WeightSpec::new("moving_mean", [n]).non_trainable())?;
        w.push(WeightSpec::new("moving_variance", [n]).non_trainable())?;
        if self.renorm {
            for name in ["moving_stddev", "renorm_mean", "renorm_stddev"] {
                w.push(WeightSpec::new(name, [n]).non_trainable())?;
            }
        }
        Ok(())
    }
}
