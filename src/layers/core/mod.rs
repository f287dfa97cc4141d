//! Core layers: `Input`/`InputLayer`, `Dense`, `Activation`, `EinsumDense`,
//! `Embedding`, `ReversibleEmbedding`, `Identity`, `Masking` and `Lambda`.

mod activation;
mod dense;
mod einsum_dense;
mod embedding;
mod identity;
mod input;
mod lambda;
mod masking;
mod reversible_embedding;
mod shared;

pub use activation::*;
pub use dense::*;
pub use einsum_dense::*;
pub(crate) use einsum_dense::{EinsumShapes, analyze_einsum};
pub use embedding::*;
pub use identity::*;
pub use input::*;
pub use lambda::*;
pub use masking::*;
pub use reversible_embedding::*;
pub(crate) use shared::py_tuple;

#[cfg(feature = "keras-json")]
use crate::error::Result;
#[cfg(feature = "keras-json")]
use crate::layer::Layer;
#[cfg(feature = "keras-json")]
pub(crate) use shared::config_shape_arg;
#[cfg(feature = "keras-json")]
use {input::input_from_config, lambda::lambda_from_config, shared::config_str};

/// Registers the core classes with the config importer.
#[cfg(feature = "keras-json")]
pub(crate) fn register(r: &mut crate::config::Registry) {
    type Built = Result<Box<dyn Layer>>;
    r.register(Input::CLASS_NAME, input_from_config);
    r.register("Dense", |c| -> Built {
        let mut l = Dense::new(c.int("units")?).use_bias(c.bool_or("use_bias", true)?);
        if let Some(a) = c.activation("activation")? {
            l = l.activation(a);
        }
        if let Some(rank) = c.opt_int("lora_rank")? {
            l = l.lora_rank(rank);
        }
        Ok(Box::new(l))
    });
    r.register("Activation", |c| -> Built {
        let a = c
            .activation("activation")?
            .unwrap_or_else(|| "linear".into());
        Ok(Box::new(Activation::new(a)))
    });
    r.register("EinsumDense", |c| -> Built {
        let output_shape = config_shape_arg(c, "output_shape")?
            .ok_or_else(|| c.error("output_shape", "missing required argument"))?;
        let mut l = EinsumDense::new(config_str(c, "equation")?, output_shape);
        if let Some(a) = c.activation("activation")? {
            l = l.activation(a);
        }
        if let Some(b) = c.opt_str("bias_axes")? {
            l = l.bias_axes(b);
        }
        if let Some(rank) = c.opt_int("lora_rank")? {
            l = l.lora_rank(rank);
        }
        Ok(Box::new(l))
    });
    r.register("Embedding", |c| -> Built {
        let mut l = Embedding::new(c.int("input_dim")?, c.int("output_dim")?)
            .mask_zero(c.bool_or("mask_zero", false)?);
        if let Some(rank) = c.opt_int("lora_rank")? {
            l = l.lora_rank(rank);
        }
        Ok(Box::new(l))
    });
    r.register("ReversibleEmbedding", |c| -> Built {
        let mut l = ReversibleEmbedding::new(c.int("input_dim")?, c.int("output_dim")?)
            .tie_weights(c.bool_or("tie_weights", true)?)
            .mask_zero(c.bool_or("mask_zero", false)?)
            .reverse(c.call_bool_or("reverse", false)?);
        if let Some(rank) = c.opt_int("lora_rank")? {
            l = l.lora_rank(rank);
        }
        Ok(Box::new(l))
    });
    r.register("Identity", |_| -> Built { Ok(Box::new(Identity::new())) });
    r.register("Masking", |c| -> Built {
        Ok(Box::new(
            Masking::new().mask_value(c.float_or("mask_value", 0.0)?),
        ))
    });
    r.register("Lambda", lambda_from_config);
}
