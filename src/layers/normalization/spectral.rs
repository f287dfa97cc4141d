//! `SpectralNormalization` (a wrapper).

use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes};
use crate::naming::to_snake_case;
use crate::shape::Shape;
use crate::weight::WeightSpec;

/// `keras.layers.SpectralNormalization(layer, power_iterations=1)`: wraps
/// a layer that has a `kernel` (e.g. `Dense`, `Conv2D`) or `embeddings`
/// weight and normalizes it by its spectral norm.
///
/// The wrapped layer keeps its own name (automatic if not given), and its
/// weights live under the wrapper's: `spectral_normalization/dense/kernel`.
///
/// # Shapes
/// Output: the wrapped layer's output. Weights, in Keras's order: the
/// wrapped layer's `kernel` (or `embeddings`), then the wrapper's
/// non-trainable `vector_u (1, kernel_shape[-1])` (of the kernel's dtype),
/// then the wrapped layer's other weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// kerasinfo::naming::clear_session();
/// let x = Input::new([7]).tensor()?;
/// let y = SpectralNormalization::new(Dense::new(3)).call(&x)?;
/// let model = Functional::new(&x, &y).build()?;
/// let paths: Vec<String> = model.weights().into_iter().map(|w| w.path).collect();
/// assert_eq!(
///     paths,
///     [
///         "spectral_normalization/dense/kernel",
///         "spectral_normalization/vector_u",
///         "spectral_normalization/dense/bias",
///     ]
/// );
/// assert_eq!(model.summary().non_trainable_params, 3);
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[derive(Debug)]
#[must_use]
pub struct SpectralNormalization {
    config: LayerConfig,
    layer: Box<dyn Layer>,
    inner_name: Option<String>,
    power_iterations: i64,
}

impl SpectralNormalization {
    /// Wraps `layer`.
    pub fn new(layer: impl Layer) -> Self {
        Self::from_boxed(Box::new(layer))
    }

    /// Wraps an already boxed layer.
    pub fn from_boxed(layer: Box<dyn Layer>) -> Self {
        crate::layer::constructed(SpectralNormalization {
            config: LayerConfig::default(),
            layer,
            inner_name: None,
            power_iterations: 1,
        })
    }

    setters! {
        /// Keras's `power_iterations=` (must be > 0). Defaults to 1.
        power_iterations: i64;
    }

    /// The wrapped layer.
    #[must_use]
    pub fn layer(&self) -> &dyn Layer {
        self.layer.as_ref()
    }

    /// The wrapped layer's name: explicit, or the automatic one it took
    /// when the wrapper was named.
    #[must_use]
    pub fn inner_name(&self) -> String {
        match (&self.inner_name, self.layer.config().name()) {
            (Some(n), _) => n.clone(),
            (None, Some(n)) => n.to_owned(),
            (None, None) => to_snake_case(self.layer.class_name()),
        }
    }

    fn check(&self) -> Result<(), LayerError> {
        argument_error_if!(
            self.power_iterations <= 0,
            "power_iterations",
            format!(
                "should be greater than zero, received power_iterations={}",
                self.power_iterations
            ),
        );
        Ok(())
    }

    /// The wrapped layer's weights (named under it), in Keras's order with
    /// `vector_u` after the kernel.
    fn all_weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        self.check()?;
        let inner = self.layer.config();
        let prefix = self.inner_name();
        let specs = self.layer.weights(inputs)?;
        let kernel_at = specs
            .iter()
            .position(|w| w.name == "kernel")
            .or_else(|| specs.iter().position(|w| w.name == "embeddings"))
            .ok_or_else(|| {
                LayerError::argument(
                    "layer",
                    format!(
                        "{} object has no attribute 'kernel' nor 'embeddings'",
                        self.layer.class_name()
                    ),
                )
            })?;
        // The wrapped layer's own: the wrapper's constructor `trainable`
        // leaves them alone, as in Keras.
        let mut specs = crate::layer::held_weights(specs, &prefix, inner);
        let kernel = specs.remove(kernel_at);
        let units = kernel.shape.last().copied().ok_or_else(|| {
            LayerError::Other(format!("the wrapped kernel `{}` is a scalar", kernel.name))
        })?;
        let mut vector_u = WeightSpec::new("vector_u", [1, units]).non_trainable();
        vector_u.dtype = kernel.dtype;
        let mut out = vec![kernel, vector_u];
        out.extend(specs);
        Ok(out)
    }
}

impl Layer for SpectralNormalization {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let mut inner = w::layer_value(self.layer.as_ref())?;
        if let (Some(n), Some(c)) = (
            &self.inner_name,
            inner
                .get_mut("config")
                .and_then(serde_json::Value::as_object_mut),
        ) {
            c.insert("name".into(), json!(n));
        }
        Some(w::obj([
            ("layer", inner),
            ("power_iterations", json!(self.power_iterations)),
        ]))
    }

    layer_common!("SpectralNormalization");

    layer_flags!(holds_layers);

    /// # Cost
    /// The wrapped layer's: at inference Keras calls it with the kernel as
    /// stored (the power iteration runs in training only).
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        self.layer.cost(inputs, outputs)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        self.all_weights(inputs)?;
        self.layer.compute_output_shape(inputs)
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        self.all_weights(inputs)
    }

    fn resolve_inner_names(&mut self) {
        if self.inner_name.is_none() {
            self.inner_name = Some(self.layer.config().resolve_name(self.layer.class_name()));
            self.layer.resolve_inner_names();
        }
    }
}

/// Registers `SpectralNormalization` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    type Built = crate::Result<Box<dyn crate::layer::Layer>>;
    r.builtin_nested("SpectralNormalization", |c, nested| -> Built {
        let inner = nested.layer(c, "layer")?;
        Ok(Box::new(
            SpectralNormalization::from_boxed(inner)
                .power_iterations(c.int_or("power_iterations", 1)?),
        ))
    });
}
