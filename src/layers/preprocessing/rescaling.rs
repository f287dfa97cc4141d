//! `Rescaling`.

use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::Shape;

/// `keras.layers.Rescaling(scale, offset=0.0)`: computes
/// `inputs * scale + offset`.
///
/// # Shapes
/// Output equals input. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([32, 32, 3]).tensor()?;
/// let y = Rescaling::new(1.0 / 127.5).offset(-1.0).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 32, 32, 3)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Rescaling {
    config: LayerConfig,
    scale: f64,
    offset: f64,
}

impl Rescaling {
    /// A rescaling layer multiplying by `scale`.
    pub fn new(scale: f64) -> Self {
        crate::layer::constructed(Rescaling {
            config: LayerConfig::default(),
            scale,
            offset: 0.0,
        })
    }

    /// Keras's `offset=`: added after scaling. Defaults to `0.0`.
    pub fn offset(mut self, offset: f64) -> Self {
        self.offset = offset;
        self
    }

    /// The `scale` and `offset` arguments.
    #[must_use]
    pub fn values(&self) -> (f64, f64) {
        (self.scale, self.offset)
    }
}

impl Layer for Rescaling {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([
            ("scale", json!(self.scale)),
            ("offset", json!(self.offset)),
        ]))
    }

    layer_common!("Rescaling");

    /// # Cost
    /// 0 MACs; 2 FLOPs per element (`x·scale + offset`, both counted by
    /// TensorFlow's profiler, even for a zero offset).
    fn cost(&self, _inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        match outputs.first() {
            Some(o) => crate::compute::per_element(o, 2),
            None => Ok(None),
        }
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        Ok(single(one_input(inputs)?.clone()))
    }
}

/// A `scale`/`offset` of `Rescaling`: a number, a list of numbers or a
/// serialized NumPy array (`__numpy__`); per-channel values keep their
/// first element (they do not change shapes).
#[cfg(feature = "keras-json")]
fn rescaling_value(c: &crate::config::Cfg<'_>, key: &str, default: f64) -> crate::Result<f64> {
    fn first(v: &crate::config::JsonValue<'_>) -> Option<f64> {
        match v {
            crate::config::JsonValue::Number(_) => v.as_f64(),
            crate::config::JsonValue::Array(items) => items.first().and_then(first),
            crate::config::JsonValue::Object(o) => {
                o.get("config").and_then(|c| c.get("value")).and_then(first)
            }
            _ => None,
        }
    }
    match c.get(key) {
        None => Ok(default),
        Some(v) => first(v).ok_or_else(|| {
            c.error(
                key,
                format!(
                    "expected a number or a list of numbers, found {}",
                    crate::config::kind(v)
                ),
            )
        }),
    }
}

/// Registers `Rescaling` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::Registry) {
    type Built = crate::Result<Box<dyn Layer>>;
    r.register("Rescaling", |c| -> Built {
        let scale = match c.get("scale") {
            None => return Err(c.error("scale", "missing required number")),
            Some(_) => rescaling_value(c, "scale", 1.0)?,
        };
        Ok(Box::new(
            Rescaling::new(scale).offset(rescaling_value(c, "offset", 0.0)?),
        ))
    });
}
