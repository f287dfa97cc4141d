//! The argument check the regularization layers share.

use crate::error::LayerError;

/// Keras's check of a dropout-like `rate` (or `stddev`) given as
/// `argument`: a float in `[0, 1]` (its error calls it `name`, Keras's
/// name for it in the layer that checks it).
pub(crate) fn check_unit_interval(
    argument: &str,
    name: &str,
    value: f64,
) -> Result<(), LayerError> {
    if (0.0..=1.0).contains(&value) {
        Ok(())
    } else {
        Err(LayerError::argument(
            argument,
            format!("expected a float value between 0 and 1, received {name}={value}"),
        ))
    }
}
