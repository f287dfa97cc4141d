//! `Dense`.

use super::shared::*;
use crate::compute::{self, Cost, output_elements, sample_elements};
use crate::error::{LayerError, Result};
use crate::layer::{Layer, OutputShapes, known_last_dim, one_input, single};
use crate::shape::{Dim, Shape};
use crate::weight::WeightSpec;

keras_layer! {
    class "Dense";
    /// `keras.layers.Dense(units, activation=None, use_bias=True)`: a densely
    /// connected layer on the last axis.
    ///
    /// # Shapes
    /// Input `(batch, ..., in)`, output `(batch, ..., units)`.
    /// Weights: `kernel (in, units)`, `bias (units,)` if `use_bias`; with a
    /// `lora_rank`, a frozen `kernel` plus `lora_kernel_a (in, rank)` and
    /// `lora_kernel_b (rank, units)` (always `float32`).
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([32768]).tensor()?;
    /// let y = Dense::new(1).activation("sigmoid").name("fc").call(&x)?;
    /// assert_eq!(y.shape().to_string(), "(None, 1)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct Dense {
        /// Keras's `units`: the output size.
        units: i64 = impl crate::args::Int => units.to_i64(),
    }
    /// A dense layer with `units` outputs.
    fn new;
    /// Keras's `activation=`. Defaults to none (linear).
    activation: Option<std::borrow::Cow<'static, str>> [Activation] = None, |activation: impl Into<std::borrow::Cow<'static, str>>| Some(activation.into());
    /// Keras's `use_bias=`. Defaults to `true`.
    use_bias: bool = true, |use_bias: bool| use_bias;
    /// Keras's `lora_rank=`: a non-zero rank enables LoRA, which freezes
    /// `kernel` and adds trainable `float32` weights `lora_kernel_a
    /// (in, rank)` and `lora_kernel_b (rank, units)`. Defaults to `None`
    /// (no LoRA; `0` also means none, as in Keras).
    lora_rank: Option<i64> = None, |lora_rank: i64| Some(lora_rank);
}

impl Dense {
    fn units(&self) -> Result<u64, LayerError> {
        crate::layers::declare::check_optional_activation(self.activation.as_deref())?;
        u64::try_from(self.units)
            .ok()
            .filter(|u| *u > 0)
            .ok_or_else(|| {
                LayerError::argument(
                    "units",
                    format!("expected a positive integer, received units={}", self.units),
                )
            })
    }
}

impl Layer for Dense {
    // With the initializers Keras writes, and `lora_rank` only when given.
    declared_layer_common!(written by |args| {
        crate::layers::declare::with_kernel_initializers(args, &["lora_rank"])
    });

    layer_flags!(supports_masking);

    /// # Cost
    /// `P·n·units` MACs for an input `(batch, …, n)` with `P` positions
    /// (the product of the non-batch dimensions but the last); FLOPs
    /// `2·MACs`, plus `P·units` for the bias and the activation's
    /// (see [`crate::compute`]). Unknown with a `lora_rank` (Keras merges
    /// the LoRA kernel once per call, whatever the batch).
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        if self.lora_rank.is_some_and(|r| r != 0) {
            return Ok(None);
        }
        let units = self.units()?;
        let (Some(n_in), Some(out)) = (
            sample_elements(one_input(inputs)?)?,
            output_elements(outputs)?,
        ) else {
            return Ok(None);
        };
        compute::contraction_cost(
            crate::weight::checked_mul(n_in, units)?,
            out,
            self.use_bias,
            self.activation.as_deref(),
        )
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let units = self.units()?;
        if x.rank() < 2 {
            return Err(LayerError::rank(">= 2", x));
        }
        known_last_dim(x)?;
        // rank >= 2 (checked above)
        Ok(single(
            x.with(x.rank().saturating_sub(1), Dim::Known(units)),
        ))
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let x = one_input(inputs)?;
        let units = self.units()?;
        let input_dim = known_last_dim(x)?;
        let mut w = Vec::with_capacity(2);
        w.push(WeightSpec::new("kernel", [input_dim, units]));
        if self.use_bias {
            w.push(WeightSpec::new("bias", [units]));
        }
        add_lora(&mut w, self.lora_rank, "kernel", "lora_kernel")?;
        Ok(w)
    }
}
