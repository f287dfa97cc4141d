//! `Pipeline`: a plain layer applying a list of layers in turn.

use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::Shape;
use crate::weight::WeightSpec;

/// `keras.layers.Pipeline(layers, name=None)`: applies `layers` one after
/// the other, like a `Sequential` that is a plain layer (typically an
/// augmentation pipeline).
///
/// # Shapes
/// The output of the last layer, each layer taking the previous output
/// (each must have one output). The weights are the inner layers' weights,
/// in order, under `<pipeline>/<inner layer>/` as Keras names them
/// (`pipeline/normalization/mean`). Inner layers without an explicit name
/// take their automatic names when they are added to the pipeline (Keras
/// names them when they are created, before the pipeline).
///
/// ```
/// use kerasinfo::prelude::*;
/// kerasinfo::naming::clear_session();
/// let x = Input::new([8, 8, 3]).tensor()?;
/// let y = Pipeline::new([])
///     .layer(RandomFlip::new())
///     .layer(Normalization::new())
///     .call(&x)?;
/// let model = Functional::new(&x, &y).build()?;
/// let paths: Vec<String> = model.weights().into_iter().map(|w| w.path).collect();
/// assert_eq!(paths, ["pipeline/normalization/mean", "pipeline/normalization/variance", "pipeline/normalization/count"]);
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[derive(Debug)]
#[must_use]
pub struct Pipeline {
    config: LayerConfig,
    layers: Vec<Box<dyn Layer>>,
}

impl Pipeline {
    /// A pipeline of the given layers (more can be appended with
    /// [`Pipeline::layer`]).
    pub fn new(layers: impl IntoIterator<Item = Box<dyn Layer>>) -> Self {
        let mut layers: Vec<Box<dyn Layer>> = layers.into_iter().collect();
        for layer in &mut layers {
            Self::adopt(layer.as_mut());
        }
        crate::layer::constructed(Pipeline {
            config: LayerConfig::default(),
            layers,
        })
    }

    /// Appends a layer to the pipeline.
    pub fn layer(mut self, layer: impl Layer) -> Self {
        let mut layer: Box<dyn Layer> = Box::new(layer);
        Self::adopt(layer.as_mut());
        self.layers.push(layer);
        self
    }

    /// Names an inner layer now: in Keras a layer takes its automatic
    /// name when it is created, before the pipeline holding it.
    fn adopt(layer: &mut dyn Layer) {
        if layer.config().name().is_none() {
            crate::layer::settle_name(layer);
            layer.resolve_inner_names();
        }
    }

    /// The inner layers.
    #[must_use]
    pub fn layers(&self) -> &[Box<dyn Layer>] {
        &self.layers
    }

    fn inner_name(layer: &dyn Layer) -> &str {
        layer.config().name().unwrap_or("?")
    }

    fn inner_error(layer: &dyn Layer, e: &LayerError) -> LayerError {
        LayerError::Other(format!(
            "in layer \"{}\" ({}): {e}",
            Self::inner_name(layer),
            layer.class_name()
        ))
    }

    /// The input shape of each inner layer, then the final output shape.
    fn shapes(&self, input: &Shape) -> Result<Vec<Shape>, LayerError> {
        let mut shapes = vec![input.clone()];
        let mut current = input.clone();
        for layer in &self.layers {
            let out = layer
                .compute_output_shape(std::slice::from_ref(&current))
                .map_err(|e| Self::inner_error(layer.as_ref(), &e))?;
            current = match out.as_slice() {
                [one] => one.clone(),
                _ => {
                    return Err(Self::inner_error(
                        layer.as_ref(),
                        &LayerError::Other(format!(
                            "a Pipeline layer must have one output, this one has {}",
                            out.len()
                        )),
                    ));
                }
            };
            shapes.push(current.clone());
        }
        Ok(shapes)
    }
}

impl Layer for Pipeline {
    layer_flags!(takes_mask);
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        // An inner layer that cannot be written is an `unwritable` value,
        // which the writer reports naming the pipeline and that layer.
        let layers = self
            .layers
            .iter()
            .map(|l| w::layer_value(l.as_ref()))
            .collect::<Option<Vec<_>>>()?;
        Some(w::obj([("layers", serde_json::Value::Array(layers))]))
    }

    layer_common!("Pipeline");

    fn config_has_dtype(&self) -> bool {
        false
    }

    fn config_has_trainable(&self) -> bool {
        false
    }

    /// # Cost
    /// The sum of its layers' costs, each on the shape it receives;
    /// unknown if one of them is.
    fn cost(&self, inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        let shapes = self.shapes(one_input(inputs)?)?;
        let mut costs = Vec::with_capacity(self.layers.len());
        for (layer, io) in self.layers.iter().zip(shapes.windows(2)) {
            let (Some(i), Some(o)) = (io.first(), io.get(1)) else {
                return Ok(None);
            };
            let c = layer
                .cost(std::slice::from_ref(i), std::slice::from_ref(o))
                .map_err(|e| Self::inner_error(layer.as_ref(), &e))?;
            costs.push(c);
        }
        crate::compute::sum(costs)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let shapes = self.shapes(one_input(inputs)?)?;
        Ok(single(shapes.last().cloned().unwrap_or_default()))
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let shapes = self.shapes(one_input(inputs)?)?;
        let mut out = Vec::new();
        for (layer, shape) in self.layers.iter().zip(&shapes) {
            let layer = layer.as_ref();
            let cfg = layer.config();
            let specs = layer
                .weights(std::slice::from_ref(shape))
                .map_err(|e| Self::inner_error(layer, &e))?;
            for mut w in specs {
                w.dtype = Some(w.dtype.unwrap_or(cfg.dtype));
                if !cfg.trainable {
                    w = w.frozen();
                }
                let w = w.prefixed(Self::inner_name(layer));
                out.push(if cfg.built_at_load() { w.rooted() } else { w });
            }
        }
        Ok(out)
    }
}

/// Registers `Pipeline` with the config importer: its `layers` are
/// serialized layers (each with its own name, trainable and dtype), built
/// with the importing registry.
#[cfg(feature = "keras-json")]
pub(crate) fn register(r: &mut crate::config::registry::Registry) {
    r.builtin_nested("Pipeline", |c, nested| -> crate::Result<Box<dyn Layer>> {
        let v = c
            .get("layers")
            .ok_or_else(|| c.error("layers", "missing required list of layers"))?;
        let items = v.as_array().ok_or_else(|| {
            c.error(
                "layers",
                format!(
                    "expected a list of layers, found {}",
                    crate::config::json::kind(v)
                ),
            )
        })?;
        let mut layers = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            // Errors are named by the item's path, `<config>.layers[i]`.
            let key = format!("layers[{i}]");
            if item.is_null() {
                return Err(c.error(&key, "missing required layer"));
            }
            let at = c.child_path(&key);
            layers.push(nested.layer_at(item, &at)?);
        }
        Ok(Box::new(Pipeline::new(layers)))
    });
}
