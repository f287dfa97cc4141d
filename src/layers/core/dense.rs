//! `Dense`.

use super::shared::*;
use crate::args::check_activation;
use crate::compute::{self, Cost, output_elements, sample_elements};
use crate::error::{LayerError, Result};
use crate::layer::{Layer, LayerConfig, OutputShapes, known_last_dim, one_input, single};
use crate::shape::{Dim, Shape};
use crate::weight::WeightSpec;

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
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([32768]).tensor()?;
/// let y = Dense::new(1).activation("sigmoid").name("fc").call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 1)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Dense {
    config: LayerConfig,
    units: i64,
    activation: Option<String>,
    use_bias: bool,
    lora_rank: Option<i64>,
}

impl Dense {
    /// A dense layer with `units` outputs.
    pub fn new(units: impl crate::args::Int) -> Self {
        let units = units.to_i64();
        crate::layer::constructed(Dense {
            config: LayerConfig::default(),
            units,
            activation: None,
            use_bias: true,
            lora_rank: None,
        })
    }

    /// Keras's `lora_rank=`: a non-zero rank enables LoRA, which freezes
    /// `kernel` and adds trainable `float32` weights `lora_kernel_a
    /// (in, rank)` and `lora_kernel_b (rank, units)`. Defaults to `None`
    /// (no LoRA; `0` also means none, as in Keras).
    pub fn lora_rank(mut self, lora_rank: i64) -> Self {
        self.lora_rank = Some(lora_rank);
        self
    }

    /// Keras's `activation=`. Defaults to none (linear).
    pub fn activation(mut self, activation: impl Into<String>) -> Self {
        self.activation = Some(activation.into());
        self
    }

    /// Keras's `use_bias=`. Defaults to `true`.
    pub fn use_bias(mut self, use_bias: bool) -> Self {
        self.use_bias = use_bias;
        self
    }

    fn units(&self) -> Result<u64, LayerError> {
        if let Some(a) = &self.activation {
            check_activation(a)?;
        }
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
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let mut o = w::obj([
            ("units", json!(self.units)),
            ("activation", w::activation(self.activation.as_ref())),
            ("use_bias", json!(self.use_bias)),
            ("kernel_initializer", w::glorot()),
            ("bias_initializer", w::zeros()),
        ]);
        if let Some(r) = self.lora_rank {
            o.insert("lora_rank".into(), json!(r));
        }
        Some(o)
    }
    layer_common!("Dense");

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

/// Registers `Dense` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    type Built = crate::Result<Box<dyn crate::layer::Layer>>;
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
}
