//! `Input` (class `InputLayer`): its config reader. The layer itself is the
//! entry point of a model's graph and lives with the model.

pub use crate::model::input::{Input, InputLayer};

#[cfg(feature = "keras-json")]
use crate::error::Result;
#[cfg(feature = "keras-json")]
use crate::layer::Layer;

/// `InputLayer`: Keras 3's `batch_shape`, tf.keras 2's `batch_input_shape`,
/// or `shape` (+ `batch_size`).
#[cfg(feature = "keras-json")]
fn input_from_config(cfg: &crate::config::cfg::Cfg<'_>) -> Result<Box<dyn Layer>> {
    let layer = if let Some(s) = cfg.shape("batch_shape")? {
        Input::with_batch_shape(s)
    } else if let Some(s) = cfg.shape("batch_input_shape")? {
        Input::with_batch_shape(s)
    } else if let Some(s) = cfg.shape("shape")? {
        let i = Input::new(s);
        match cfg.opt_int("batch_size")? {
            Some(b) => {
                i.batch_size(u64::try_from(b).map_err(|_| cfg.error("batch_size", "must be >= 0"))?)
            }
            None => i,
        }
    } else {
        return Err(cfg.error(
            "batch_shape",
            "an InputLayer needs `batch_shape` or `shape`",
        ));
    };
    Ok(Box::new(layer))
}

/// Registers [`Input`] with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    r.builtin(Input::CLASS_NAME, input_from_config);
}
