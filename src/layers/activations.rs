//! Activation layers: ReLU, LeakyReLU, PReLU, ELU, Softmax.

use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::layers::normalization::AxisArg;
use crate::shape::{Dim, Shape};
use crate::weight::WeightSpec;

/// `keras.layers.ReLU(max_value=None, negative_slope=0.0, threshold=0.0)`.
///
/// # Shapes
/// Output equals input. No weights. `max_value`, `negative_slope` and
/// `threshold` must not be negative.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// kerasinfo::naming::clear_session();
/// let x = Input::new([4]).tensor()?;
/// let y = ReLU::new().max_value(6.0).call(&x)?;
/// assert_eq!(y.shape(), x.shape());
/// assert_eq!(y.layer().name(), "re_lu");
/// assert!(ReLU::new().threshold(-1.0).call(&x).is_err());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct ReLU {
    config: LayerConfig,
    max_value: Option<f64>,
    negative_slope: f64,
    threshold: f64,
}

impl ReLU {
    /// A rectified linear unit.
    pub fn new() -> Self {
        crate::layer::constructed(ReLU {
            config: LayerConfig::default(),
            max_value: None,
            negative_slope: 0.0,
            threshold: 0.0,
        })
    }

    /// Keras's `max_value=`: the saturation value (>= 0). Defaults to none.
    pub fn max_value(mut self, max_value: f64) -> Self {
        self.max_value = Some(max_value);
        self
    }

    /// Keras's `negative_slope=` (>= 0). Defaults to 0.0.
    pub fn negative_slope(mut self, negative_slope: f64) -> Self {
        self.negative_slope = negative_slope;
        self
    }

    /// Keras's `threshold=` (>= 0). Defaults to 0.0.
    pub fn threshold(mut self, threshold: f64) -> Self {
        self.threshold = threshold;
        self
    }

    fn check(&self) -> Result<(), LayerError> {
        if let Some(m) = self.max_value {
            if m < 0.0 {
                return Err(LayerError::argument(
                    "max_value",
                    format!("cannot be a negative value, received max_value={m}"),
                ));
            }
        }
        for (name, v) in [
            ("negative_slope", self.negative_slope),
            ("threshold", self.threshold),
        ] {
            if v < 0.0 {
                return Err(LayerError::argument(
                    name,
                    format!("cannot be a negative value, received {name}={v}"),
                ));
            }
        }
        Ok(())
    }
}

impl Default for ReLU {
    fn default() -> Self {
        Self::new()
    }
}

impl Layer for ReLU {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([
            ("max_value", json!(self.max_value)),
            ("negative_slope", json!(self.negative_slope)),
            ("threshold", json!(self.threshold)),
        ]))
    }

    layer_common!("ReLU");

    fn built_at_init(&self) -> bool {
        true
    }

    /// # Cost
    /// 0 MACs. FLOPs per element as TensorFlow's profiler counts Keras's
    /// graph (it counts none of `Relu`, `Relu6`, `LeakyRelu`): with a
    /// `threshold`, 1 (the comparison); a `max_value` clip 2 (`Minimum`,
    /// `Maximum`) unless it is `relu6` (`max_value=6` without a
    /// threshold); a `negative_slope` that is not a plain leaky ReLU 3
    /// (negation, multiply, subtract), 4 with a threshold (its add).
    fn cost(&self, _inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        let threshold = self.threshold.to_bits() != 0f64.to_bits();
        let slope = self.negative_slope.to_bits() != 0f64.to_bits();
        let relu6 = !threshold
            && self
                .max_value
                .is_some_and(|m| m.to_bits() == 6f64.to_bits());
        let clip = self.max_value.is_some() && !relu6;
        let leaky = slope && self.max_value.is_none() && !threshold;
        let mut per = 0u64;
        if threshold {
            per = per.saturating_add(1);
        }
        if clip {
            per = per.saturating_add(2);
        }
        if slope && !leaky {
            per = per.saturating_add(if threshold { 4 } else { 3 });
        }
        match outputs.first() {
            Some(o) => crate::compute::per_element(o, per),
            None => Ok(None),
        }
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        self.check()?;
        Ok(single(one_input(inputs)?.clone()))
    }
}

/// `keras.layers.LeakyReLU(negative_slope=0.3)`.
///
/// # Shapes
/// Output equals input. No weights. `negative_slope` must not be negative.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([4]).tensor()?;
/// assert_eq!(LeakyReLU::new().negative_slope(0.1).call(&x)?.shape(), x.shape());
/// assert!(LeakyReLU::new().negative_slope(-0.1).call(&x).is_err());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct LeakyReLU {
    config: LayerConfig,
    negative_slope: f64,
}

impl LeakyReLU {
    /// A leaky rectified linear unit.
    pub fn new() -> Self {
        crate::layer::constructed(LeakyReLU {
            config: LayerConfig::default(),
            negative_slope: 0.3,
        })
    }

    /// Keras's `negative_slope=` (>= 0). Defaults to 0.3.
    pub fn negative_slope(mut self, negative_slope: f64) -> Self {
        self.negative_slope = negative_slope;
        self
    }
}

impl Default for LeakyReLU {
    fn default() -> Self {
        Self::new()
    }
}

impl Layer for LeakyReLU {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([("negative_slope", json!(self.negative_slope))]))
    }

    layer_common!("LeakyReLU");

    fn built_at_init(&self) -> bool {
        true
    }

    /// # Cost
    /// TensorFlow's profiler does not count `LeakyRelu`: 0 MACs, 0 FLOPs.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        if self.negative_slope < 0.0 {
            return Err(LayerError::argument(
                "negative_slope",
                format!(
                    "cannot be None or a negative value, received negative_slope={}",
                    self.negative_slope
                ),
            ));
        }
        Ok(single(one_input(inputs)?.clone()))
    }
}

/// `keras.layers.PReLU(shared_axes=None)`: a leaky ReLU with a learned
/// slope per input element.
///
/// # Shapes
/// Output equals input. Weight `alpha` of shape `input_shape[1:]`, with
/// the dimension of each axis in `shared_axes` set to 1 (Keras sets entry
/// `axis - 1` of that list, so as in Keras a negative axis counts from the
/// end of `input_shape[1:]` shifted by one). The other dimensions must be
/// known.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([8, 8, 16]).tensor()?;
/// let y = PReLU::new().shared_axes([1, 2]).name("prelu").call(&x)?;
/// let model = Functional::new(&x, &y).build()?;
/// assert_eq!(model.weights()[0].shape.as_slice(), &[1, 1, 16]);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct PReLU {
    config: LayerConfig,
    shared_axes: Option<AxisArg>,
}

impl PReLU {
    /// A parametric ReLU with one slope per input element.
    pub fn new() -> Self {
        crate::layer::constructed(PReLU {
            config: LayerConfig::default(),
            shared_axes: None,
        })
    }

    /// Keras's `shared_axes=`: an int or a list of axes along which the
    /// slope is shared. Defaults to none.
    pub fn shared_axes(mut self, shared_axes: impl Into<AxisArg>) -> Self {
        self.shared_axes = Some(shared_axes.into());
        self
    }

    fn alpha_shape(&self, x: &Shape) -> Result<Vec<u64>, LayerError> {
        let mut dims: Vec<Dim> = x.dims().iter().skip(1).copied().collect();
        let len = i64::try_from(dims.len()).map_err(|_| LayerError::overflow("rank"))?;
        for axis in self.shared_axes.iter().flat_map(AxisArg::axes) {
            // Python's `param_shape[axis - 1] = 1`.
            let i = axis
                .checked_sub(1)
                .and_then(|i| if i < 0 { i.checked_add(len) } else { Some(i) });
            let slot = i
                .and_then(|i| usize::try_from(i).ok())
                .and_then(|i| dims.get_mut(i))
                .ok_or_else(|| {
                    LayerError::argument(
                        "shared_axes",
                        format!("axis {axis} is out of range for input shape {x}"),
                    )
                })?;
            *slot = Dim::Known(1);
        }
        dims.iter()
            .map(|d| {
                d.known().ok_or_else(|| {
                    LayerError::input(
                        x,
                        "the shape of `alpha` must be fully defined: share the axes of size None",
                    )
                })
            })
            .collect()
    }
}

impl Default for PReLU {
    fn default() -> Self {
        Self::new()
    }
}

impl Layer for PReLU {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([(
            "shared_axes",
            json!(self.shared_axes.as_ref().map(AxisArg::axes)),
        )]))
    }

    layer_common!("PReLU");

    /// # Cost
    /// 0 MACs; 4 FLOPs per element (`relu(x) − α·relu(−x)`: two
    /// negations, a multiply and an add, as TensorFlow's profiler counts
    /// them).
    fn cost(&self, _inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        match outputs.first() {
            Some(o) => crate::compute::per_element(o, 4),
            None => Ok(None),
        }
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        self.alpha_shape(x)?;
        Ok(single(x.clone()))
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        Ok(vec![WeightSpec::new(
            "alpha",
            self.alpha_shape(one_input(inputs)?)?,
        )])
    }
}

/// `keras.layers.ELU(alpha=1.0)`.
///
/// # Shapes
/// Output equals input. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([4]).tensor()?;
/// assert_eq!(ELU::new().alpha(0.5).call(&x)?.shape(), x.shape());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct ELU {
    config: LayerConfig,
    alpha: f64,
}

impl ELU {
    /// An exponential linear unit.
    pub fn new() -> Self {
        crate::layer::constructed(ELU {
            config: LayerConfig::default(),
            alpha: 1.0,
        })
    }

    /// Keras's `alpha=`: the negative saturation value (not checked, as in
    /// Keras). Defaults to 1.0.
    pub fn alpha(mut self, alpha: f64) -> Self {
        self.alpha = alpha;
        self
    }
}

impl Default for ELU {
    fn default() -> Self {
        Self::new()
    }
}

impl Layer for ELU {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([("alpha", json!(self.alpha))]))
    }

    layer_common!("ELU");

    fn built_at_init(&self) -> bool {
        true
    }

    /// # Cost
    /// 0 MACs. With `alpha=1`, 0 FLOPs (TensorFlow's profiler does not
    /// count `Elu`); with another `alpha`, 2 per element (a comparison
    /// and the `alpha` multiply).
    fn cost(&self, _inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        if self.alpha.to_bits() == 1f64.to_bits() {
            return Ok(Some(Cost::ZERO));
        }
        match outputs.first() {
            Some(o) => crate::compute::per_element(o, 2),
            None => Ok(None),
        }
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        Ok(single(one_input(inputs)?.clone()))
    }
}

/// `keras.layers.Softmax(axis=-1)`.
///
/// # Shapes
/// Output equals input. No weights. Keras does not check `axis` (an int or
/// a list of ints) when building the model, so neither does kerasinfo.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([3, 4]).tensor()?;
/// assert_eq!(Softmax::new().axis([1, 2]).call(&x)?.shape(), x.shape());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Softmax {
    config: LayerConfig,
    axis: AxisArg,
}

impl Softmax {
    /// A softmax over the last axis.
    pub fn new() -> Self {
        crate::layer::constructed(Softmax {
            config: LayerConfig::default(),
            axis: AxisArg::from(-1),
        })
    }

    /// Keras's `axis=`: an int or a list of ints. Defaults to -1.
    pub fn axis(mut self, axis: impl Into<AxisArg>) -> Self {
        self.axis = axis.into();
        self
    }
}

impl Default for Softmax {
    fn default() -> Self {
        Self::new()
    }
}

impl Layer for Softmax {
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
        let axis = match self.axis.axes() {
            [one] => json!(one),
            many => json!(many),
        };
        Some(w::obj([("axis", axis)]))
    }

    layer_common!("Softmax");

    fn built_at_init(&self) -> bool {
        true
    }

    /// # Cost
    /// 0 MACs; 5 FLOPs per element (TensorFlow's profiler's `Softmax`:
    /// shift, exponentiate, normalize).
    fn cost(&self, _inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        match outputs.first() {
            Some(o) => crate::compute::per_element(o, 5),
            None => Ok(None),
        }
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        Ok(single(one_input(inputs)?.clone()))
    }
}

// ---------------------------------------------------------------------------
// Keras configs
// ---------------------------------------------------------------------------

/// Registers the activation layer classes with the config importer
/// (`Activation` itself is a core layer).
#[cfg(feature = "keras-json")]
pub(crate) fn register(r: &mut crate::config::Registry) {
    type Built = crate::Result<Box<dyn Layer>>;
    r.register("ReLU", |c| -> Built {
        let mut l = ReLU::new()
            .negative_slope(c.float_or("negative_slope", 0.0)?)
            .threshold(c.float_or("threshold", 0.0)?);
        if let Some(m) = c.opt_float("max_value")? {
            l = l.max_value(m);
        }
        Ok(Box::new(l))
    });
    r.register("LeakyReLU", |c| -> Built {
        // Keras 3 still accepts the deprecated `alpha` (tf.keras 2's key).
        let slope = match c.opt_float("negative_slope")? {
            Some(s) => s,
            None => c.float_or("alpha", 0.3)?,
        };
        Ok(Box::new(LeakyReLU::new().negative_slope(slope)))
    });
    r.register("PReLU", |c| -> Built {
        let mut l = PReLU::new();
        if let Some(axes) = c.int_list("shared_axes")? {
            l = l.shared_axes(axes);
        }
        Ok(Box::new(l))
    });
    r.register("ELU", |c| -> Built {
        Ok(Box::new(ELU::new().alpha(c.float_or("alpha", 1.0)?)))
    });
    r.register("Softmax", |c| -> Built {
        let axis = c.int_list("axis")?.unwrap_or_else(|| vec![-1]);
        Ok(Box::new(Softmax::new().axis(axis)))
    });
}
