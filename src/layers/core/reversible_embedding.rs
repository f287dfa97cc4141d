//! `ReversibleEmbedding`.

use super::*;
use crate::compute::{Cost, output_elements};
use crate::error::{LayerError, Result};
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::model::{Masks, Tensor};
use crate::shape::{Dim, Shape};
use crate::weight::WeightSpec;

/// `keras.layers.ReversibleEmbedding(input_dim, output_dim,
/// tie_weights=True, mask_zero=False, lora_rank=None)`: an [`Embedding`]
/// that can also project back to the vocabulary (`reverse=True`).
///
/// Keras's `reverse` is an argument of each call; kerasinfo has no
/// call-time arguments, so it is a setting of the layer here
/// ([`reverse`](ReversibleEmbedding::reverse)): one instance cannot be
/// called both ways (as a tied input/output embedding is in Keras).
///
/// # Shapes
/// Forward: input `(batch, ...)`, output `(batch, ..., output_dim)`.
/// Reverse: input `(batch, ..., output_dim)`, output `(batch, ...,
/// input_dim)`. Weights: `embeddings (input_dim, output_dim)`, plus
/// `reverse_embeddings (output_dim, input_dim)` unless `tie_weights`; with a
/// `lora_rank` (only with tied weights, as in Keras), a frozen `embeddings`
/// plus `lora_embeddings_a`/`lora_embeddings_b`.
///
/// ```
/// use kerasinfo::prelude::*;
/// let ids = Input::new([6]).tensor()?;
/// let x = ReversibleEmbedding::new(50, 8).tie_weights(false).call(&ids)?;
/// assert_eq!(x.shape().to_string(), "(None, 6, 8)");
/// let logits = ReversibleEmbedding::new(50, 8).reverse(true).call(&x)?;
/// assert_eq!(logits.shape().to_string(), "(None, 6, 50)");
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct ReversibleEmbedding {
    config: LayerConfig,
    embedding: Embedding,
    tie_weights: bool,
    reverse: bool,
}

impl ReversibleEmbedding {
    /// A reversible embedding of `input_dim` indices into vectors of size
    /// `output_dim`.
    pub fn new(input_dim: impl crate::args::Int, output_dim: impl crate::args::Int) -> Self {
        let mut embedding = Embedding::new(input_dim.to_i64(), output_dim.to_i64());
        // Keras's layer is an `Embedding` itself: the one it holds here
        // takes no place in the automatic naming (a next `Embedding` is
        // `embedding`, not `embedding_1`).
        embedding.config_mut().set_name("embedding");
        crate::layer::constructed(ReversibleEmbedding {
            config: LayerConfig::default(),
            embedding,
            tie_weights: true,
            reverse: false,
        })
    }

    setters! {
        /// Keras's `tie_weights=`: whether the reverse projection uses the
        /// transposed `embeddings` (otherwise a separate `reverse_embeddings`).
        /// Defaults to `true`.
        tie_weights: bool;
        /// Keras's `mask_zero=` (no effect on shapes or weights). Defaults to
        /// `false`.
        mask_zero: bool => via embedding;
        /// Keras's `lora_rank=`, as for [`Embedding`]. Defaults to `None`.
        lora_rank: i64 => via embedding;
        /// Keras's call argument `reverse=True`: project `(..., output_dim)`
        /// back to `(..., input_dim)` logits. Defaults to `false`.
        reverse: bool;
    }
}

impl Layer for ReversibleEmbedding {
    // Keras's `supports_masking` (its `compute_mask` returns none).
    layer_flags!(supports_masking);

    /// None: Keras masks inside the call.
    fn compute_mask(&self, _inputs: &[Tensor], _previous: &[Option<Tensor>]) -> Result<Masks> {
        Ok(Masks::new())
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::{Value, json};
        let mut o = self.embedding.keras_config()?;
        o.insert("tie_weights".into(), json!(self.tie_weights));
        o.insert("reverse_dtype".into(), Value::Null);
        o.insert("logit_soft_cap".into(), Value::Null);
        if self.reverse {
            // `reverse` is an argument of each call in Keras.
            return Some(w::with_call_kwargs(o, w::obj([("reverse", json!(true))])));
        }
        Some(o)
    }
    layer_common!("ReversibleEmbedding");

    /// # Cost
    /// Forward: a look-up, 0 MACs and FLOPs. Reverse: a projection onto
    /// the vocabulary, output elements × `output_dim` MACs and `2·MACs`
    /// FLOPs. Unknown with a `lora_rank`.
    fn cost(&self, _inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        if self.embedding.lora_rank.is_some_and(|r| r != 0) {
            return Ok(None);
        }
        if !self.reverse {
            return Ok(Some(Cost::ZERO));
        }
        let (_, dim) = self.embedding.dims()?;
        let Some(out) = output_elements(outputs)? else {
            return Ok(None);
        };
        Ok(Some(Cost::contraction(crate::weight::checked_mul(
            out, dim,
        )?)?))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let (vocab, out) = self.embedding.dims()?;
        if !self.reverse {
            return Ok(single(x.iter().chain([Dim::Known(out)]).collect()));
        }
        match x.rank().checked_sub(1) {
            None => Err(LayerError::Other(
                "IndexError: list assignment index out of range".into(),
            )),
            Some(last) => Ok(single(x.with(last, Dim::Known(vocab)))),
        }
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let mut w = self.embedding.weights(inputs)?;
        if !self.tie_weights {
            if w.len() > 1 {
                // Keras's `Embedding.build` enables LoRA and locks the
                // layer before `reverse_embeddings` can be added.
                return Err(LayerError::argument(
                    "lora_rank",
                    "LoRA cannot be combined with `tie_weights=False` (Keras fails to add `reverse_embeddings` to the locked layer)",
                ));
            }
            let (vocab, out) = self.embedding.dims()?;
            w.push(WeightSpec::new("reverse_embeddings", [out, vocab]));
        }
        Ok(w)
    }
}

/// Registers `ReversibleEmbedding` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    type Built = crate::Result<Box<dyn crate::layer::Layer>>;
    r.builtin("ReversibleEmbedding", |c| -> Built {
        let mut l = ReversibleEmbedding::new(c.int("input_dim")?, c.int("output_dim")?)
            .tie_weights(c.bool_or("tie_weights", true)?)
            .mask_zero(c.bool_or("mask_zero", false)?)
            .reverse(c.call_bool_or("reverse", false)?);
        if let Some(rank) = c.opt_int("lora_rank")? {
            l = l.lora_rank(rank);
        }
        Ok(Box::new(l))
    });
}

#[cfg(test)]
mod tests {
    use crate::prelude::*;

    #[test]
    fn the_held_embedding_takes_no_automatic_name() -> crate::Result<()> {
        crate::naming::clear_session();
        let x = Input::new([6]).tensor()?;
        let a = ReversibleEmbedding::new(50, 8).call(&x)?;
        let b = Embedding::new(50, 8).call(&x)?;
        let summary = Functional::new(&x, &[a, b]).build()?.summary();
        let names: Vec<String> = summary.rows.iter().map(|r| r.name.to_string()).collect();
        assert_eq!(names, ["input_layer", "reversible_embedding", "embedding"]);
        Ok(())
    }
}
