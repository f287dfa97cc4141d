//! `Lambda`.

use crate::compute::Cost;
use crate::error::{LayerError, Result};
use crate::layer::{Layer, LayerConfig, OutputShapes, single};
use crate::shape::{Dim, Shape, ShapeArg};

/// A Rust function computing a `Lambda`'s full output shape from its input
/// shapes (Keras's callable `output_shape=`).
pub type OutputShapeFn = dyn Fn(&[Shape]) -> Result<Shape, LayerError> + Send + Sync;

#[derive(Clone)]
enum LambdaShape {
    None,
    Fixed(ShapeArg),
    Function(std::sync::Arc<OutputShapeFn>),
}

impl std::fmt::Debug for LambdaShape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LambdaShape::None => f.write_str("None"),
            LambdaShape::Fixed(s) => write!(f, "Fixed({s:?})"),
            LambdaShape::Function(_) => f.write_str("Function(..)"),
        }
    }
}

/// `keras.layers.Lambda(function, output_shape=None)`: wraps an arbitrary
/// Python expression.
///
/// Rust cannot run the Python function, so Keras's shape inference is not
/// available: give the output shape explicitly, either as Keras's tuple
/// ([`output_shape`](Lambda::output_shape), without the batch dimension,
/// which is taken from the first input) or as a function of the input
/// shapes ([`output_shape_fn`](Lambda::output_shape_fn)). Without one,
/// calling the layer is an error naming it.
///
/// # Shapes
/// Output `(batch, *output_shape)`. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// let x = Input::new([10, 4]).tensor()?;
/// let y = Lambda::new().output_shape([4]).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 4)");
/// let z = Lambda::new()
///     .output_shape_fn(|_inputs| Ok(kerasinfo::Shape::batched([40])))
///     .call(&x)?;
/// assert_eq!(z.shape().to_string(), "(None, 40)");
/// assert!(Lambda::new().call(&x).is_err());
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Lambda {
    config: LayerConfig,
    output_shape: LambdaShape,
}

impl Lambda {
    /// A `Lambda` layer; give it an output shape before calling it.
    pub fn new() -> Self {
        crate::layer::constructed(Lambda {
            config: LayerConfig::default(),
            output_shape: LambdaShape::None,
        })
    }

    /// Keras's `output_shape=` as a tuple: the output shape without the
    /// batch dimension. Defaults to `None` (Keras infers it by running the
    /// function, which kerasinfo cannot do).
    pub fn output_shape(mut self, output_shape: impl Into<ShapeArg>) -> Self {
        self.output_shape = LambdaShape::Fixed(output_shape.into());
        self
    }

    /// Keras's `output_shape=` as a function: the full output shape
    /// (batch dimension included) from the input shapes. It runs with the
    /// layer's handle locked, so it must not call back into that handle.
    pub fn output_shape_fn(
        mut self,
        f: impl Fn(&[Shape]) -> Result<Shape, LayerError> + Send + Sync + 'static,
    ) -> Self {
        self.output_shape = LambdaShape::Function(std::sync::Arc::new(f));
        self
    }
}

default_is_new!(Lambda);

impl Layer for Lambda {
    layer_flags!(takes_mask);
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        // Keras's config holds the function itself (Python bytecode, loaded
        // only with `safe_mode=False`); kerasinfo has an output shape only.
        Some(crate::config::writer::unwritable(
            "Keras serializes a Lambda's Python function (its bytecode), which kerasinfo does not have; \
             kerasinfo only knows the Lambda's output shape",
        ))
    }
    layer_common!("Lambda");

    /// # Cost
    /// Unknown: the function is the user's.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(None)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        if inputs.is_empty() {
            return Err(LayerError::input_count("at least 1", 0));
        }
        match &self.output_shape {
            LambdaShape::None => Err(LayerError::argument(
                "output_shape",
                "kerasinfo cannot run a Lambda's Python function to infer its output shape; \
                 specify it with `Lambda::output_shape` or `Lambda::output_shape_fn`",
            )),
            LambdaShape::Fixed(s) => {
                let dims = s.resolve().map_err(|v| {
                    LayerError::argument(
                        "output_shape",
                        format!("negative dimensions are not allowed, received {v}"),
                    )
                })?;
                let batch = inputs
                    .first()
                    .and_then(|s| s.dims().first().copied())
                    .unwrap_or(Dim::Unknown);
                Ok(single(std::iter::once(batch).chain(dims).collect()))
            }
            LambdaShape::Function(f) => Ok(single(f(inputs)?)),
        }
    }
}
/// `Lambda`: only with a fixed `output_shape` (a list), since kerasinfo
/// cannot run the serialized Python function.
#[cfg(feature = "keras-json")]
pub(super) fn lambda_from_config(c: &crate::config::cfg::Cfg<'_>) -> Result<Box<dyn Layer>> {
    let name = c.opt_str("name")?.unwrap_or("lambda");
    let cannot = |what: &str| {
        c.error(
            "output_shape",
            format!(
                "the Lambda layer {name:?} {what}: kerasinfo cannot run its Python function to infer its output shape"
            ),
        )
    };
    match c.get("output_shape") {
        None => Err(cannot("has no `output_shape`")),
        Some(v) if v.is_array() => {
            let dims = c.opt_dims("output_shape")?.unwrap_or_default();
            Ok(Box::new(Lambda::new().output_shape(dims)))
        }
        Some(v) if v.is_object() => Err(cannot("computes its `output_shape` with a function")),
        Some(v) => Err(c.error(
            "output_shape",
            format!(
                "expected a list, found {} (Lambda layer {name:?})",
                crate::config::json::kind(v)
            ),
        )),
    }
}

/// Registers `Lambda` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    r.builtin("Lambda", lambda_from_config);
}
