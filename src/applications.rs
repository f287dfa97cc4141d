//! The helper layers Keras Applications define for themselves:
//! [`LayerScale`] (`keras.src.applications.convnext`) and
//! [`CustomScaleLayer`] (`keras.src.applications.inception_resnet_v2`).
//! The config importer knows both without registration, as Keras's own
//! `from_config` does.

use crate::compute::{Cost, per_output_element};
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::naming;
use crate::ops::broadcast_shapes;
use crate::shape::{Dim, Shape};
use crate::weight::WeightSpec;

/// ConvNeXt's `LayerScale(init_values, projection_dim)`: multiplies its
/// input by a learned vector `gamma` of `projection_dim` values.
///
/// Keras creates `gamma` without a name, so the variable takes the next
/// automatic name of the session: `variable`, `variable_1`, …
///
/// # Shapes
/// The input broadcast with `(projection_dim,)`; one weight of shape
/// `(projection_dim,)`.
///
/// ```
/// use kerasinfo::applications::LayerScale;
/// use kerasinfo::prelude::*;
/// kerasinfo::naming::clear_session();
/// let x = Input::new([7, 7, 96]).tensor()?;
/// let y = LayerScale::new(1e-6, 96).call(&x)?;
/// let model = Functional::new(&x, &y).build()?;
/// let s = model.summary();
/// assert_eq!(s.total_params, 96);
/// assert_eq!(s.rows[1].weights()[0].path, "layer_scale/variable");
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct LayerScale {
    config: LayerConfig,
    init_values: f64,
    projection_dim: i64,
    variable: Option<String>,
}

impl LayerScale {
    /// `LayerScale(init_values, projection_dim)`.
    pub fn new(init_values: f64, projection_dim: impl crate::args::Int) -> Self {
        let projection_dim = projection_dim.to_i64();
        crate::layer::constructed(LayerScale {
            config: LayerConfig::default(),
            init_values,
            projection_dim,
            variable: None,
        })
    }

    /// The initial value of `gamma` (no effect on shapes).
    #[must_use]
    pub fn init_values(&self) -> f64 {
        self.init_values
    }

    fn dim(&self) -> Result<u64, LayerError> {
        u64::try_from(self.projection_dim).map_err(|_| {
            LayerError::argument(
                "projection_dim",
                format!("must be >= 0, received {}", self.projection_dim),
            )
        })
    }
}

impl Layer for LayerScale {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::with_module(
            w::obj([
                ("init_values", json!(self.init_values)),
                ("projection_dim", json!(self.projection_dim)),
            ]),
            "keras.src.applications.convnext",
        ))
    }
    crate::layers::layer_common!("LayerScale");

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let gamma = Shape::new([Dim::Known(self.dim()?)]);
        Ok(single(broadcast_shapes(x, &gamma)?))
    }

    fn weights(&self, _inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let name = self.variable.clone().unwrap_or_else(|| "variable".into());
        Ok(vec![WeightSpec::new(name, [self.dim()?])])
    }

    /// # Cost
    /// 0 MACs; one FLOP per element (`x·γ`).
    fn cost(&self, _inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        per_output_element(outputs, 1)
    }

    fn resolve_inner_names(&mut self) {
        if self.variable.is_none() {
            self.variable = Some(naming::auto_name("Variable"));
        }
    }
}

/// Inception-ResNet-v2's `CustomScaleLayer(scale)`: `inputs[0] +
/// inputs[1] * scale` for a list of two tensors.
///
/// # Shapes
/// The two inputs broadcast together. No weights.
///
/// ```
/// use kerasinfo::applications::CustomScaleLayer;
/// use kerasinfo::prelude::*;
/// let a = Input::new([35, 35, 320]).tensor()?;
/// let b = Input::new([35, 35, 320]).tensor()?;
/// let y = CustomScaleLayer::new(0.17).call([&a, &b])?;
/// assert_eq!(y.shape().to_string(), "(None, 35, 35, 320)");
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct CustomScaleLayer {
    config: LayerConfig,
    scale: f64,
}

impl CustomScaleLayer {
    /// `CustomScaleLayer(scale)`.
    pub fn new(scale: f64) -> Self {
        crate::layer::constructed(CustomScaleLayer {
            config: LayerConfig::default(),
            scale,
        })
    }

    /// The scale (no effect on shapes).
    #[must_use]
    pub fn scale(&self) -> f64 {
        self.scale
    }
}

impl Layer for CustomScaleLayer {
    /// Called on a list of tensors.
    fn inputs_arg(&self) -> crate::layer::InputsArg {
        crate::layer::InputsArg::List
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::with_module(
            w::obj([("scale", json!(self.scale))]),
            "keras.src.applications.inception_resnet_v2",
        ))
    }
    crate::layers::layer_common!("CustomScaleLayer");

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        match inputs {
            [a, b] => Ok(single(broadcast_shapes(a, b)?)),
            _ => Err(LayerError::InputCount {
                expected: "2".into(),
                received: inputs.len(),
            }),
        }
    }

    /// # Cost
    /// 0 MACs; two FLOPs per output element (`a + b·scale`).
    fn cost(&self, _inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        per_output_element(outputs, 2)
    }
}

/// Registers the Applications' helper layers with the config importer.
#[cfg(feature = "keras-json")]
pub(crate) fn register(r: &mut crate::config::registry::Registry) {
    r.builtin("LayerScale", |c| {
        Ok(Box::new(LayerScale::new(
            c.float("init_values")?,
            c.int("projection_dim")?,
        )) as Box<dyn Layer>)
    });
    r.builtin("CustomScaleLayer", |c| {
        Ok(Box::new(CustomScaleLayer::new(c.float("scale")?)) as Box<dyn Layer>)
    });
}
