//! Factories for Keras's built-in layers: each reads the keys of the
//! layer's `config` that change shapes or weights, with Keras's defaults.
//! The core layers are here; each other family registers its own classes
//! (`register` in its module under `crate::layers`).

use super::cfg::Cfg;
use super::registry::Registry;
use crate::error::Result;
use crate::layer::{Layer, LayerExt};
use crate::layers::*;

fn boxed<L: Layer>(cfg: &Cfg<'_>, layer: L) -> Result<Box<dyn Layer>> {
    let mut b: Box<dyn Layer> = Box::new(layer);
    cfg.apply_base(b.as_mut())?;
    Ok(b)
}

fn input_layer(cfg: &Cfg<'_>) -> Result<Box<dyn Layer>> {
    // Keras 3: batch_shape; tf.keras 2: batch_input_shape; or shape (+ batch_size).
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
    let name = cfg.opt_str("name")?;
    let layer = match name {
        Some(n) => layer.name(n),
        None => layer,
    };
    Ok(Box::new(layer))
}

/// Registers every built-in layer kerasinfo implements.
pub(crate) fn register(r: &mut Registry) {
    r.register("InputLayer", input_layer);
    r.register("Dense", |c| {
        let mut l = Dense::new(c.int("units")?).use_bias(c.bool_or("use_bias", true)?);
        if let Some(a) = c.activation("activation")? {
            l = l.activation(a);
        }
        boxed(c, l)
    });
    r.register("Activation", |c| {
        let a = c
            .activation("activation")?
            .unwrap_or_else(|| "linear".into());
        boxed(c, Activation::new(a))
    });
    crate::layers::convolutional::register(r);
    crate::layers::pooling::register(r);
    crate::layers::reshaping::register(r);
    crate::layers::merging::register(r);
    crate::layers::normalization::register(r);
    crate::layers::activations::register(r);
    crate::layers::regularization::register(r);
    crate::applications::register(r);
}
