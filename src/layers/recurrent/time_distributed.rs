//! `TimeDistributed`.

use super::{held_weights, inner_name, name_inner};
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::model::Model;
use crate::shape::{Dim, Shape};
use crate::weight::WeightSpec;

/// `keras.layers.TimeDistributed(layer)`: applies `layer` to every step
/// (axis 1) of its input.
///
/// # Shapes
/// Input `(batch, steps, ...)` (rank >= 3). The wrapped layer sees
/// `(batch, ...)` and outputs `(batch, ...out)`; the output is `(batch,
/// steps, ...out)`. Weights: the wrapped layer's, under its name
/// (`time_distributed/dense/kernel`).
///
/// ```
/// use kerasinfo::prelude::*;
/// kerasinfo::naming::clear_session();
/// let x = Input::new([6, 10, 10, 3]).tensor()?;
/// let y = TimeDistributed::new(Conv2D::new(4, 3)).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 6, 8, 8, 4)");
/// let model = Functional::new(&x, &y).build()?;
/// assert_eq!(model.weights()[0].path, "time_distributed/conv2d/kernel");
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[derive(Debug)]
#[must_use]
pub struct TimeDistributed {
    config: LayerConfig,
    layer: Box<dyn Layer>,
}

impl TimeDistributed {
    /// Wraps `layer`.
    pub fn new(layer: impl crate::model::IntoLayer) -> Self {
        Self::from_boxed(layer.into_layer())
    }

    /// Wraps an already boxed layer (the config importer's).
    pub(crate) fn from_boxed(layer: Box<dyn Layer>) -> Self {
        crate::layer::constructed(TimeDistributed {
            config: LayerConfig::default(),
            layer,
        })
    }

    /// The wrapped layer.
    #[must_use]
    pub fn layer(&self) -> &dyn Layer {
        self.layer.as_ref()
    }

    fn child_input(x: &Shape) -> Result<Shape, LayerError> {
        if x.rank() < 3 {
            return Err(LayerError::rank(">= 3", x));
        }
        Ok(Shape::new(super::step_dims(x)))
    }
}

impl Layer for TimeDistributed {
    layer_flags!(supports_masking, takes_mask);
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        Some(w::obj([("layer", w::layer_value(self.layer.as_ref())?)]))
    }

    layer_common!("TimeDistributed");

    layer_flags!(holds_layers);

    /// # Cost
    /// Steps × the wrapped layer's cost on one step; unknown when the
    /// steps are `None`.
    fn cost(&self, inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        let x = one_input(inputs)?;
        let Some(steps) = x.get(1).and_then(Dim::known) else {
            return Ok(None);
        };
        let child = Self::child_input(x)?;
        let outs = self
            .layer
            .compute_output_shape(std::slice::from_ref(&child))?;
        let step = self.layer.cost(&[child], &outs)?;
        step.map(|c| c.for_batch(steps)).transpose()
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let child = Self::child_input(x)?;
        let outs = self.layer.compute_output_shape(&[child])?;
        let [out] = outs.as_slice() else {
            return Err(LayerError::Other(format!(
                "the wrapped layer must have one output, it has {}",
                outs.len()
            )));
        };
        let steps = x.get(1).unwrap_or(Dim::Unknown);
        let mut dims = out.dims().iter().copied();
        let batch = dims.next().unwrap_or(Dim::Unknown);
        Ok(single(Shape::new([batch, steps].into_iter().chain(dims))))
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let child = Self::child_input(one_input(inputs)?)?;
        let specs = self.layer.weights(&[child])?;
        if self.layer.nested_model().is_some() {
            // A nested model's weights keep their own paths.
            return Ok(specs);
        }
        Ok(held_weights(
            specs,
            &inner_name(self.layer.as_ref()),
            self.layer.config(),
        ))
    }

    fn resolve_inner_names(&mut self) {
        name_inner(self.layer.as_mut());
    }

    /// A wrapped model keeps its weights' own paths (`step/dense/kernel`),
    /// as in Keras.
    fn nested_model(&self) -> Option<&Model> {
        self.layer.nested_model()
    }
}

/// Registers `TimeDistributed` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    type Built = crate::Result<Box<dyn Layer>>;
    r.builtin_nested("TimeDistributed", |c, nested| -> Built {
        Ok(Box::new(TimeDistributed::from_boxed(
            nested.layer(c, "layer")?,
        )))
    });
}
