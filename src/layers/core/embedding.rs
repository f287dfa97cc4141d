//! `Embedding`.

use super::shared::*;
use crate::compute::{self, Cost};
use crate::error::{LayerError, Result};
use crate::layer::{Layer, OutputShapes, one_input, single};
use crate::model::{Masks, Tensor};
use crate::shape::{Dim, Shape};
use crate::weight::WeightSpec;

keras_layer! {
    class "Embedding";
    /// `keras.layers.Embedding(input_dim, output_dim, mask_zero=False,
    /// lora_rank=None)`: maps integer indices to dense vectors.
    ///
    /// # Shapes
    /// Input `(batch, ...)` of any rank, output `(batch, ..., output_dim)`.
    /// Weights: `embeddings (input_dim, output_dim)`; with a `lora_rank`, a
    /// frozen `embeddings` plus `lora_embeddings_a (input_dim, rank)` and
    /// `lora_embeddings_b (rank, output_dim)` (always `float32`).
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let ids = Input::new([None::<u64>]).tensor()?;
    /// let x = Embedding::new(1000, 16).mask_zero(true).call(&ids)?;
    /// assert_eq!(x.shape().to_string(), "(None, None, 16)");
    /// assert!(Embedding::new(0, 16).call(&ids).is_err());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct Embedding {
        /// Keras's `input_dim`: the vocabulary size.
        input_dim: i64 = impl crate::args::Int => input_dim.to_i64(),
        /// Keras's `output_dim`: the embedding size.
        output_dim: i64 = impl crate::args::Int => output_dim.to_i64(),
    }
    /// An embedding of a vocabulary of `input_dim` indices into vectors of
    /// size `output_dim`.
    fn new;
    /// Keras's `mask_zero=`: index 0 is padding and is masked. It changes
    /// no shape or weight, but the summary shows the mask as Keras does:
    /// the `not_equal (NotEqual)` operation that computes it, and in the
    /// `Connected to` of each layer whose call takes a mask (`LSTM`,
    /// `GRU`, `Bidirectional`, `GlobalAveragePooling1D`, …) after its
    /// input, as far as the layers between pass it on (a `Flatten` drops
    /// it). Defaults to `false`.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// kerasinfo::naming::clear_session();
    /// let x = Input::new([12]).tensor()?;
    /// let e = Embedding::new(100, 8).mask_zero(true).call(&x)?;
    /// let h = LSTM::new(6).call(&Dropout::new(0.1).call(&e)?)?;
    /// let s = Functional::new(&x, &h).build()?.summary();
    /// let rows: Vec<&str> = s.rows.iter().map(|r| r.name.as_str()).collect();
    /// assert_eq!(rows, ["input_layer", "embedding", "dropout", "not_equal", "lstm"]); // as Keras
    /// assert_eq!(s.row("lstm").unwrap().connected_to_text(), "dropout[0][0], not_equal[0][0]");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    mask_zero: bool = false, |mask_zero: bool| mask_zero;
    /// Keras's `lora_rank=`: a non-zero rank freezes `embeddings` and adds
    /// the trainable `float32` weights `lora_embeddings_a`/`lora_embeddings_b`.
    /// Defaults to `None` (no LoRA).
    pub(super) lora_rank: Option<i64> = None, |lora_rank: i64| Some(lora_rank);
}

impl Embedding {
    pub(super) fn dims(&self) -> Result<(u64, u64), LayerError> {
        let check = |name: &str, v: i64| {
            u64::try_from(v).ok().filter(|v| *v > 0).ok_or_else(|| {
                LayerError::argument(
                    name,
                    format!("`{name}` must be a positive integer, received {name}={v}"),
                )
            })
        };
        Ok((
            check("input_dim", self.input_dim)?,
            check("output_dim", self.output_dim)?,
        ))
    }
}

impl Layer for Embedding {
    // Its declared arguments, `lora_rank` only when given.
    declared_layer_common!(written by |mut args| {
        crate::layers::declare::drop_nulls(&mut args, &["lora_rank"]);
        args
    });

    // Keras's `supports_masking` (it computes a mask).
    layer_flags!(supports_masking);

    /// `mask_zero=True`: Keras's `ops.not_equal(inputs, 0)`, a `NotEqual`
    /// operation in the graph.
    fn compute_mask(&self, inputs: &[Tensor], _previous: &[Option<Tensor>]) -> Result<Masks> {
        match (self.mask_zero, inputs) {
            (true, [x]) => Ok(smallvec::smallvec![Some(crate::ops::not_equal(x, 0)?)]),
            _ => Ok(Masks::new()),
        }
    }

    /// # Cost
    /// A table look-up: 0 MACs; 2 FLOPs per index — Keras's TensorFlow
    /// graph wraps negative indices (`where(i < 0, i + n, i)`: a `Less`
    /// and an `AddV2`), which TensorFlow's profiler counts; the `Gather`
    /// itself it does not. Unknown with a `lora_rank`.
    fn cost(&self, inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        if self.lora_rank.is_some_and(|r| r != 0) {
            return Ok(None);
        }
        compute::per_element(one_input(inputs)?, 2)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let (_, out) = self.dims()?;
        Ok(single(x.iter().chain([Dim::Known(out)]).collect()))
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        one_input(inputs)?;
        let (vocab, out) = self.dims()?;
        let mut w = vec![WeightSpec::new("embeddings", [vocab, out])];
        add_lora(&mut w, self.lora_rank, "embeddings", "lora_embeddings")?;
        Ok(w)
    }
}
