//! Activation layers: ReLU, LeakyReLU, PReLU, ELU, Softmax.

mod elu;
mod leaky_relu;
mod prelu;
mod relu;
mod softmax;

pub use elu::*;
pub use leaky_relu::*;
pub use prelu::*;
pub use relu::*;
pub use softmax::*;

#[cfg(feature = "keras-json")]
use crate::layer::Layer;

/// Registers the activation layer classes with the config importer
/// (`Activation` itself is a core layer).
#[cfg(feature = "keras-json")]
pub(crate) fn register(r: &mut crate::config::Registry) {
    type Built = crate::Result<Box<dyn Layer>>;
    r.register("ReLU", |c| -> Built {
        let mut l = ReLU::new()
            .negative_slope(c.float_or("negative_slope", 0.0)?)
            .threshold(c.float_or("threshold", 0.0)?);
        if let Some(m) = c.opt_float("max_value")? {
            l = l.max_value(m);
        }
        Ok(Box::new(l))
    });
    r.register("LeakyReLU", |c| -> Built {
        // Keras 3 still accepts the deprecated `alpha` (tf.keras 2's key).
        let slope = match c.opt_float("negative_slope")? {
            Some(s) => s,
            None => c.float_or("alpha", 0.3)?,
        };
        Ok(Box::new(LeakyReLU::new().negative_slope(slope)))
    });
    r.register("PReLU", |c| -> Built {
        let mut l = PReLU::new();
        if let Some(axes) = c.int_list("shared_axes")? {
            l = l.shared_axes(axes);
        }
        Ok(Box::new(l))
    });
    r.register("ELU", |c| -> Built {
        Ok(Box::new(ELU::new().alpha(c.float_or("alpha", 1.0)?)))
    });
    r.register("Softmax", |c| -> Built {
        let axis = c.int_list("axis")?.unwrap_or_else(|| vec![-1]);
        Ok(Box::new(Softmax::new().axis(axis)))
    });
}
