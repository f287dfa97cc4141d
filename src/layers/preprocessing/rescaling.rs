//! `Rescaling`.

use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, same_shape};
use crate::shape::Shape;

keras_layer! {
    class "Rescaling";
    /// `keras.layers.Rescaling(scale, offset=0.0)`: computes
    /// `inputs * scale + offset`.
    ///
    /// # Shapes
    /// Output equals input. No weights.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([32, 32, 3]).tensor()?;
    /// let y = Rescaling::new(1.0 / 127.5).offset(-1.0).call(&x)?;
    /// assert_eq!(y.shape().to_string(), "(None, 32, 32, 3)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct Rescaling {
        /// Keras's `scale`: the factor.
        scale: f64 [self::RescalingValue],
    }
    /// A rescaling layer multiplying by `scale`.
    fn new;
    /// Keras's `offset=`: added after scaling. Defaults to `0.0`.
    offset: f64 [self::RescalingValue] = 0.0, |offset: f64| offset;
}

impl Rescaling {
    /// The `scale` and `offset` arguments.
    #[must_use]
    pub fn values(&self) -> (f64, f64) {
        (self.scale, self.offset)
    }
}

impl Layer for Rescaling {
    declared_layer_common!(flags supports_masking);

    /// # Cost
    /// 0 MACs; 2 FLOPs per element (`x·scale + offset`, both counted by
    /// TensorFlow's profiler, even for a zero offset).
    fn cost(&self, _inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        crate::compute::per_output_element(outputs, 2)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        same_shape(inputs)
    }
}

/// A `scale`/`offset` of `Rescaling`: a number, a list of numbers or a
/// serialized NumPy array (`__numpy__`); per-channel values keep their
/// first element (they do not change shapes).
#[cfg(feature = "keras-json")]
struct RescalingValue;

#[cfg(feature = "keras-json")]
impl crate::layers::declare::Codec<f64> for RescalingValue {
    fn required(c: &crate::config::cfg::Cfg<'_>, key: &str) -> crate::Result<f64> {
        Self::optional(c, key)?.ok_or_else(|| c.error(key, "missing required number"))
    }
    fn optional(c: &crate::config::cfg::Cfg<'_>, key: &str) -> crate::Result<Option<f64>> {
        fn first(v: &crate::config::json::JsonValue<'_>) -> Option<f64> {
            match v {
                crate::config::json::JsonValue::Number(_) => v.as_f64(),
                crate::config::json::JsonValue::Array(items) => items.first().and_then(first),
                crate::config::json::JsonValue::Object(o) => {
                    o.get("config").and_then(|c| c.get("value")).and_then(first)
                }
                _ => None,
            }
        }
        match c.get(key) {
            None => Ok(None),
            Some(v) => first(v).map(Some).ok_or_else(|| {
                c.error(
                    key,
                    format!(
                        "expected a number or a list of numbers, found {}",
                        crate::config::json::kind(v)
                    ),
                )
            }),
        }
    }
    fn write(value: &f64) -> serde_json::Value {
        serde_json::json!(value)
    }
}
