//! Attention layers: `MultiHeadAttention`, `GroupedQueryAttention`,
//! `Attention` and `AdditiveAttention`.
//!
//! The projection sublayers of the multi-head layers are Keras
//! `EinsumDense` layers named `query`, `key`, (`gate`), `value` and
//! `attention_output`; their weights keep those names as path components
//! (`multi_head_attention/query/kernel`), in Keras's order. Like Keras,
//! the multi-head layers also create a `Softmax` and a `Dropout` layer with
//! automatic names, so a `Dropout` created after a `MultiHeadAttention` is
//! named `dropout_1`.
mod additive;
mod dot_product;
mod grouped_query;
mod multi_head;
mod shared;

pub use additive::*;
pub use dot_product::*;
pub use grouped_query::*;
pub use multi_head::*;

#[cfg(feature = "keras-json")]
use crate::layer::Layer;

/// Registers the attention classes with the config importer. Keras's call
/// argument `return_attention_scores` is read from the layer's inbound
/// nodes.
#[cfg(feature = "keras-json")]
pub(crate) fn register(r: &mut crate::config::Registry) {
    type Built = crate::Result<Box<dyn Layer>>;
    r.register("MultiHeadAttention", |c| -> Built {
        let mut l = MultiHeadAttention::new(c.int("num_heads")?, c.int("key_dim")?)
            .dropout(c.float_or("dropout", 0.0)?)
            .use_bias(c.bool_or("use_bias", true)?)
            .use_gate(c.bool_or("use_gate", false)?)
            .return_attention_scores(c.call_bool_or("return_attention_scores", false)?);
        if let Some(v) = c.opt_int("value_dim")? {
            l = l.value_dim(v);
        }
        if let Some(s) = crate::layers::core::config_shape_arg(c, "output_shape")? {
            l = l.output_shape(s);
        }
        if let Some(axes) = c.int_list("attention_axes")? {
            l = l.attention_axes(axes);
        }
        Ok(Box::new(l))
    });
    let gqa = |c: &crate::config::Cfg<'_>| -> Built {
        Ok(Box::new(
            GroupedQueryAttention::new(
                c.int("head_dim")?,
                c.int("num_query_heads")?,
                c.int("num_key_value_heads")?,
            )
            .dropout(c.float_or("dropout", 0.0)?)
            .use_bias(c.bool_or("use_bias", true)?)
            .use_gate(c.bool_or("use_gate", false)?)
            .return_attention_scores(c.call_bool_or("return_attention_scores", false)?),
        ))
    };
    r.register("GroupQueryAttention", gqa);
    r.register("GroupedQueryAttention", gqa);
    r.register("Attention", |c| -> Built {
        let score_mode = match c.str_or("score_mode", "dot")? {
            "dot" => ScoreMode::Dot,
            "concat" => ScoreMode::Concat,
            other => {
                return Err(c.error(
                    "score_mode",
                    format!("expected dot or concat, found {other:?}"),
                ));
            }
        };
        Ok(Box::new(
            Attention::new()
                .use_scale(c.bool_or("use_scale", false)?)
                .score_mode(score_mode)
                .dropout(c.float_or("dropout", 0.0)?)
                .return_attention_scores(c.call_bool_or("return_attention_scores", false)?),
        ))
    });
    r.register("AdditiveAttention", |c| -> Built {
        Ok(Box::new(
            AdditiveAttention::new()
                .use_scale(c.bool_or("use_scale", true)?)
                .dropout(c.float_or("dropout", 0.0)?)
                .return_attention_scores(c.call_bool_or("return_attention_scores", false)?),
        ))
    });
}
