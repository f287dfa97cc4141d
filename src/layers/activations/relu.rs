//! `ReLU`.

use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, same_shape};
use crate::shape::Shape;

keras_layer! {
    class "ReLU";
    /// `keras.layers.ReLU(max_value=None, negative_slope=0.0, threshold=0.0)`.
    ///
    /// # Shapes
    /// Output equals input. No weights. `max_value`, `negative_slope` and
    /// `threshold` must not be negative.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// kerasinfo::naming::clear_session();
    /// let x = Input::new([4]).tensor()?;
    /// let y = ReLU::new().max_value(6.0).call(&x)?;
    /// assert_eq!(y.shape(), x.shape());
    /// assert_eq!(y.layer().name(), "re_lu");
    /// assert!(ReLU::new().threshold(-1.0).call(&x).is_err());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct ReLU {}
    /// A rectified linear unit.
    fn new;
    /// Keras's `max_value=`: the saturation value (>= 0). Defaults to none.
    max_value: Option<f64> = None, |max_value: f64| Some(max_value);
    /// Keras's `negative_slope=` (>= 0). Defaults to 0.0.
    negative_slope: f64 = 0.0, |negative_slope: f64| negative_slope;
    /// Keras's `threshold=` (>= 0). Defaults to 0.0.
    threshold: f64 = 0.0, |threshold: f64| threshold;
}

impl ReLU {
    fn check(&self) -> Result<(), LayerError> {
        let max_value = self.max_value.unwrap_or(0.0);
        for (name, v) in [
            ("max_value", max_value),
            ("negative_slope", self.negative_slope),
            ("threshold", self.threshold),
        ] {
            argument_error_if!(
                v < 0.0,
                name,
                format!("cannot be a negative value, received {name}={v}"),
            );
        }
        Ok(())
    }
}

impl Layer for ReLU {
    declared_layer_common!(flags supports_masking, built_at_init);

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
        let per: u64 = [
            (threshold, 1),
            (clip, 2),
            (slope && !leaky, if threshold { 4 } else { 3 }),
        ]
        .into_iter()
        .filter_map(|(on, flops)| on.then_some(flops))
        .sum();
        crate::compute::per_output_element(outputs, per)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        self.check()?;
        same_shape(inputs)
    }
}
