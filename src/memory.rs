//! Memory planning: how many bytes training a model takes for a batch
//! size, whether that fits a budget, and the largest batch that does.
//!
//! [`Model::memory`] returns a [`MemoryPlan`] with these figures, all in
//! bytes, each overflow-checked:
//!
//! - **`params_bytes`**: every variable of the model (trainable or not,
//!   BatchNormalization's moving statistics included) at its own dtype —
//!   the size Keras's summary prints after `Total params`, in bytes. Under
//!   `mixed_float16` the variables stay `float32`; `Normalization`'s
//!   `count` is `int64`; LoRA factors are `float32` (see
//!   [`DTypePolicy`]).
//! - **`gradient_bytes`**: one gradient per trainable variable, of its
//!   shape and dtype (what `optimizer.apply(grads)` receives).
//! - **`optimizer_bytes`**: the optimizer's variables once built on the
//!   trainable variables (Keras's `optimizer.variables` after
//!   `optimizer.build(model.trainable_variables)`: its scalars and slots,
//!   each slot of its variable's dtype; see [`crate::optimizer`]). The
//!   optimizer is the one `model.compile(optimizer=...)` makes: Keras wraps
//!   it in a `LossScaleOptimizer` when the model's policy is
//!   `mixed_float16` ([`Model::compiled_optimizer`]).
//! - **`input_bytes`**: the model's inputs for the batch (each input's
//!   elements times its dtype's size).
//! - **`forward_bytes`**: the outputs of every layer call for the batch
//!   (every output of every call, models nested inside included, `Input`s
//!   not), each at its layer's compute dtype (`float16` under
//!   `mixed_float16`): what a forward pass keeps for the backward pass.
//! - **`forward_backward_bytes`**: torchinfo's "Forward/backward pass
//!   size": for each call of a layer that has weights, its output's bytes,
//!   twice (the output and its gradient); layers without weights count
//!   nothing.
//! - **`total_bytes`**: `input + forward_backward + params` (torchinfo's
//!   "Estimated Total Size", see [`MemoryPlan::estimated_total_bytes`])
//!   `+ gradients + optimizer`.
//!
//! ## Where the conventions differ
//!
//! torchinfo (1.8, `model_statistics.py`) defines "Input size" as
//! `sys.getsizeof` of each input tensor's storage, which adds CPython's
//! object header (64 bytes per input tensor with torch 2.15) to the data;
//! `input_bytes` is the data alone. Its "Params size" counts
//! `nn.Parameter`s only: buffers such as BatchNorm's running statistics
//! are left out, whereas Keras's moving mean and variance are
//! (non-trainable) variables and count in `params_bytes`. Its
//! "Forward/backward pass size" takes, for a layer returning a list or
//! tuple, the first tensor only, and it treats a PyTorch module with
//! children as a container; here every Keras layer is a leaf (a
//! `MultiHeadAttention` counts its own output, not its projections'), and
//! `forward_backward_bytes` also takes each call's first output. Neither
//! torchinfo nor Keras reports gradients or optimizer state; they are
//! additions here. Figures are bytes, not torchinfo's MB (10^6 bytes) or
//! Keras's 1024-based units. A `bool` element takes one byte here (its
//! size in memory), where Keras's summary counts one bit.
//!
//! Every layer's outputs are counted at its compute dtype, which is the
//! dtype Keras gives them for every layer of the catalog but four
//! preprocessing layers (checked with Keras 3.15.1 on every fixture model
//! under `mixed_float16`): `Discretization` outputs `int32`, and
//! `IntegerLookup`, `StringLookup` and `TextVectorization` output `int64`
//! or `float32` according to their `output_mode` while their compute
//! dtype is their `dtype` argument (`int64`, `string`); kerasinfo counts
//! those outputs at the compute dtype (a `string` one as 0 bytes).
//!
//! Sizes are exact products of shapes; what a framework really allocates
//! also depends on its kernels, workspaces and allocator, which no
//! summary sees.
//!
//! ```
//! use kerasinfo::prelude::*;
//! use kerasinfo::Optimizer;
//! let model = Sequential::new()
//!     .add(Input::new([20]))
//!     .add(Dense::new(32).activation("relu"))
//!     .add(Dense::new(10))
//!     .build()?;
//! let plan = model.memory(8, Some(&Optimizer::adam()))?;
//! assert_eq!(plan.params_bytes, (20 * 32 + 32 + 32 * 10 + 10) * 4);
//! assert_eq!(plan.input_bytes, 8 * 20 * 4);
//! assert_eq!(plan.forward_backward_bytes, 2 * 8 * (32 + 10) * 4);
//! assert!(plan.fits(1 << 30)); // 1 GiB
//! # Ok::<(), kerasinfo::Error>(())
//! ```

use crate::render::group_thousands;
use std::collections::HashSet;

use crate::error::{Error, LayerError, Result};
use crate::model::{LayerHandle, Model, with_shapes};
use crate::optimizer::Optimizer;
use crate::shape::{Dim, Shape};
use crate::weight::{DType, DTypePolicy, Weight, checked_add, checked_mul};

/// The bytes one element of `dtype` takes in memory (a `bool` takes one
/// byte; a `string` has no fixed size and counts 0).
///
/// ```
/// use kerasinfo::DType;
/// assert_eq!(kerasinfo::memory::element_bytes(DType::BFloat16), 2);
/// assert_eq!(kerasinfo::memory::element_bytes(DType::Bool), 1);
/// ```
#[must_use]
pub fn element_bytes(dtype: DType) -> u64 {
    dtype.bits().div_ceil(8)
}

/// The memory training a model takes for one batch size (see the
/// [module docs](self) for each figure's definition). All figures are
/// bytes.
///
/// ```
/// use kerasinfo::prelude::*;
/// let m = Sequential::new().add(Input::new([4])).add(Dense::new(2)).build()?;
/// let plan = m.memory(16, None)?;
/// assert_eq!(plan.estimated_total_bytes(), plan.input_bytes + plan.forward_backward_bytes + plan.params_bytes);
/// assert_eq!(plan.optimizer, None);
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct MemoryPlan {
    /// The batch size the figures are for.
    pub batch_size: u64,
    /// Every variable of the model at its dtype.
    pub params_bytes: u64,
    /// The trainable variables' gradients.
    pub gradient_bytes: u64,
    /// The class of the optimizer whose state is counted
    /// (`LossScaleOptimizer` when Keras's `compile` wraps it), or `None`.
    pub optimizer: Option<String>,
    /// The optimizer's variables (0 without an optimizer).
    pub optimizer_bytes: u64,
    /// The model's inputs for the batch.
    pub input_bytes: u64,
    /// Every layer call's outputs for the batch, at the compute dtype.
    pub forward_bytes: u64,
    /// torchinfo's "Forward/backward pass size".
    pub forward_backward_bytes: u64,
    /// `input + forward_backward + params + gradients + optimizer`.
    pub total_bytes: u64,
}

impl MemoryPlan {
    /// torchinfo's "Estimated Total Size": `input + forward_backward +
    /// params` (no gradients, no optimizer state). Part of `total_bytes`,
    /// which [`Model::memory`] checked to fit in `u64`.
    #[must_use]
    pub fn estimated_total_bytes(&self) -> u64 {
        self.input_bytes
            .saturating_add(self.forward_backward_bytes)
            .saturating_add(self.params_bytes)
    }

    /// Whether the total fits in `budget_bytes`.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let m = Sequential::new().add(Input::new([4])).add(Dense::new(2)).build()?;
    /// let plan = m.memory(1, None)?;
    /// assert!(plan.fits(plan.total_bytes) && !plan.fits(plan.total_bytes - 1));
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[must_use]
    pub fn fits(&self, budget_bytes: u64) -> bool {
        self.total_bytes <= budget_bytes
    }
}

impl std::fmt::Display for MemoryPlan {
    /// The figures as lines (what `kerasinfo --batch-size` adds after the
    /// summary), bytes with thousands separators and the total in GiB.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let m = Sequential::new().add(Input::new([4])).add(Dense::new(2)).build()?;
    /// let text = m.memory(32, None)?.to_string();
    /// assert!(text.starts_with(" Memory for batch size 32:\n"));
    /// assert!(text.contains("   Input: 512 B\n"));
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, " Memory for batch size {}:", self.batch_size)?;
        let line = |f: &mut std::fmt::Formatter<'_>, label: &str, bytes: u64| {
            writeln!(f, "   {label}: {} B", group_thousands(bytes))
        };
        line(f, "Params", self.params_bytes)?;
        line(f, "Gradients", self.gradient_bytes)?;
        match &self.optimizer {
            Some(o) => line(f, &format!("Optimizer state ({o})"), self.optimizer_bytes)?,
            None => writeln!(f, "   Optimizer state: none")?,
        }
        line(f, "Input", self.input_bytes)?;
        line(f, "Forward activations", self.forward_bytes)?;
        line(
            f,
            "Forward/backward pass (torchinfo)",
            self.forward_backward_bytes,
        )?;
        #[allow(clippy::cast_precision_loss)]
        let gib = self.total_bytes as f64 / f64::from(1u32 << 30);
        let total = group_thousands(self.total_bytes);
        writeln!(f, "   Total: {total} B ({gib:.2} GiB)")
    }
}

/// A size in bytes that depends on the batch size: `per_sample × batch +
/// fixed` (a tensor whose batch dimension is unknown grows with the
/// batch; one with a fixed batch dimension does not).
///
/// ```
/// use kerasinfo::prelude::*;
/// let m = Sequential::new().add(Input::new([4])).add(Dense::new(3).name("fc")).build()?;
/// let s = m.summary();
/// let size = s.row("fc").unwrap().activations().unwrap();
/// assert_eq!((size.per_sample, size.fixed), (12, 0)); // 3 float32 values per sample
/// assert_eq!(size.for_batch(32), Ok(384));
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct BatchBytes {
    /// Bytes per sample of the batch.
    pub per_sample: u64,
    /// Bytes whatever the batch (tensors of a fixed batch size).
    pub fixed: u64,
}

impl BatchBytes {
    /// The bytes for `batch` samples, or an overflow error.
    pub fn for_batch(&self, batch: u64) -> std::result::Result<u64, LayerError> {
        checked_add(checked_mul(self.per_sample, batch)?, self.fixed)
    }

    fn checked_add(self, other: BatchBytes) -> std::result::Result<BatchBytes, LayerError> {
        Ok(BatchBytes {
            per_sample: checked_add(self.per_sample, other.per_sample)?,
            fixed: checked_add(self.fixed, other.fixed)?,
        })
    }
}

/// The bytes of a tensor of `shape` and `dtype`: per sample when its batch
/// dimension is unknown, fixed otherwise.
fn tensor_size(shape: &Shape, dtype: DType) -> std::result::Result<BatchBytes, LayerError> {
    let mut n = 1u64;
    let mut batched = false;
    for (i, d) in shape.iter().enumerate() {
        match (i, d) {
            (0, Dim::Unknown) => batched = true,
            (_, Dim::Known(v)) => n = checked_mul(n, v)?,
            (_, Dim::Unknown) => {
                return Err(LayerError::input(
                    shape,
                    "an unknown dimension besides the batch has no size; give the input a fixed shape",
                ));
            }
        }
    }
    let bytes = checked_mul(n, element_bytes(dtype))?;
    let (per_sample, fixed) = if batched { (bytes, 0) } else { (0, bytes) };
    Ok(BatchBytes { per_sample, fixed })
}

/// The bytes of `ws`, each at its dtype.
pub(crate) fn weight_bytes<'a>(
    mut ws: impl Iterator<Item = &'a Weight>,
) -> std::result::Result<u64, LayerError> {
    ws.try_fold(0u64, |acc, w| {
        checked_add(acc, checked_mul(w.count, element_bytes(w.dtype))?)
    })
}

/// What a model's layer calls keep: every output of every call
/// (`forward`), and the first output of each call of a layer with weights
/// (`first_of_weighted`, counted twice in torchinfo's forward/backward
/// size).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Activations {
    pub(crate) forward: BatchBytes,
    pub(crate) first_of_weighted: BatchBytes,
}

/// Adds every call's outputs in `model` (recursing into nested models) to
/// `acc`.
fn activations(model: &Model, acc: &mut Activations, depth: usize) -> Result<()> {
    if depth > 10_000 {
        return Err(Error::Model {
            model: model.name().to_owned(),
            reason: "models nested too deep".into(),
        });
    }
    for node in model.graph_nodes() {
        let layer = &node.layer;
        if layer.layer().is_input() {
            continue;
        }
        // Only a model reads its inputs' shapes: other layers' inputs are
        // not copied side by side for nothing.
        if layer.as_model().is_some() {
            with_shapes(&node.inputs, |inputs| {
                call_activations(layer, inputs, &node.outputs, acc, depth)
            })?;
        } else {
            output_activations(layer, &node.outputs, acc)?;
        }
    }
    Ok(())
}

/// One call's outputs (see [`activations`]), from its input and output
/// shapes. A model called on other
/// shapes than its own counts its graph run on them.
fn call_activations(
    layer: &LayerHandle,
    inputs: &[Shape],
    outputs: &[Shape],
    acc: &mut Activations,
    depth: usize,
) -> Result<()> {
    if let Some(inner) = layer.as_model() {
        let is_model = crate::model::rebuild::called_model(layer).is_some();
        if !is_model || crate::model::rebuild::own_shapes(&inner, inputs) {
            return activations(&inner, acc, depth.saturating_add(1));
        }
        if depth > 10_000 {
            return Err(layer.error(LayerError::Other("models nested too deep".into())));
        }
        let calls = crate::model::rebuild::replay(&inner, inputs).map_err(|e| layer.error(e))?;
        for call in calls {
            call_activations(
                &call.node.layer,
                &call.inputs,
                &call.outputs,
                acc,
                depth.saturating_add(1),
            )?;
        }
        return Ok(());
    }
    output_activations(layer, outputs, acc)
}

/// A call's outputs (see [`activations`]) of a layer that is not a model.
fn output_activations(layer: &LayerHandle, outputs: &[Shape], acc: &mut Activations) -> Result<()> {
    let dtype = layer.layer().config().compute_dtype;
    // torchinfo's `num_params > 0` (totals past u64 hold weights too).
    let has_weights = layer.weight_totals().is_none_or(|(params, _)| params > 0);
    for (i, shape) in outputs.iter().enumerate() {
        let add = |total: BatchBytes| tensor_size(shape, dtype).and_then(|b| total.checked_add(b));
        acc.forward = add(acc.forward).map_err(|e| layer.error(e))?;
        if i == 0 && has_weights {
            acc.first_of_weighted = add(acc.first_of_weighted).map_err(|e| layer.error(e))?;
        }
    }
    Ok(())
}

/// The bytes of a summary row's outputs: every call of `layer` in the
/// model (`calls`: input and output shapes), a nested model's layers
/// included, an `InputLayer`'s own output (its input). `None` when a
/// size is unknown or overflows.
pub(crate) fn row_activations<'a>(
    layer: &LayerHandle,
    is_model: bool,
    calls: impl Iterator<Item = &'a crate::model::Node>,
) -> Option<BatchBytes> {
    let mut acc = Activations::default();
    // An `InputLayer`, or a layer that neither is nor wraps a model
    // (`is_model`), counts its outputs as `call_activations` would.
    let plain = layer.layer().is_input() || !is_model;
    for node in calls {
        if plain {
            output_activations(layer, &node.outputs, &mut acc).ok()?;
            continue;
        }
        with_shapes(&node.inputs, |inputs| {
            call_activations(layer, inputs, &node.outputs, &mut acc, 0)
        })
        .ok()?;
    }
    Some(acc.forward)
}

/// # Memory planning
impl Model {
    /// The model's dtype policy (Keras's `model.dtype_policy`): the global
    /// policy when the model was built (Keras's models take no policy of
    /// their own; see [`crate::layer::set_dtype_policy`]).
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// use kerasinfo::DTypePolicy;
    /// let m = kerasinfo::layer::with_dtype_policy(DTypePolicy::MIXED_FLOAT16, || {
    ///     Sequential::new().add(Input::new([4])).add(Dense::new(2)).build()
    /// })?;
    /// assert_eq!(m.dtype_policy(), DTypePolicy::MIXED_FLOAT16);
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[must_use]
    pub fn dtype_policy(&self) -> DTypePolicy {
        self.handle().layer().config().dtype_policy()
    }

    /// The optimizer `model.compile(optimizer=optimizer)` leaves on this
    /// model: `optimizer` itself, or a `LossScaleOptimizer` around it when
    /// the model's policy is `mixed_float16` (Keras's `Trainer.compile`).
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// use kerasinfo::{DTypePolicy, Optimizer};
    /// let m = kerasinfo::layer::with_dtype_policy(DTypePolicy::MIXED_FLOAT16, || {
    ///     Sequential::new().add(Input::new([4])).add(Dense::new(2)).build()
    /// })?;
    /// assert_eq!(m.compiled_optimizer(&Optimizer::adam()).class_name(), "LossScaleOptimizer");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[must_use]
    pub fn compiled_optimizer(&self, optimizer: &Optimizer) -> Optimizer {
        if self.dtype_policy() == DTypePolicy::MIXED_FLOAT16 && !optimizer.is_loss_scale() {
            Optimizer::loss_scale(optimizer.clone())
        } else {
            optimizer.clone()
        }
    }

    /// The memory training this model takes for `batch_size` samples, with
    /// `optimizer`'s state (compiled as Keras compiles it, see
    /// [`compiled_optimizer`](Self::compiled_optimizer)) or without one.
    /// Errors when a shape has an unknown dimension besides the batch,
    /// when an input has a fixed batch size other than `batch_size`, or
    /// when a figure overflows `u64`. See the [module docs](self).
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// use kerasinfo::Optimizer;
    /// let m = Sequential::new().add(Input::new([4])).add(Dense::new(2)).build()?;
    /// let plan = m.memory(32, Some(&Optimizer::adam()))?;
    /// assert_eq!(plan.params_bytes, 40);
    /// assert_eq!(plan.gradient_bytes, 40);
    /// assert_eq!(plan.optimizer_bytes, 12 + 2 * 40); // iteration, learning_rate, 2 slots
    /// assert_eq!(plan.forward_bytes, 32 * 2 * 4);
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub fn memory(&self, batch_size: u64, optimizer: Option<&Optimizer>) -> Result<MemoryPlan> {
        let model_err = |e: LayerError| Error::Model {
            model: self.name().to_owned(),
            reason: e.to_string(),
        };
        if batch_size == 0 {
            return Err(model_err(LayerError::Other(
                "the batch size must be at least 1".into(),
            )));
        }
        let weights = self.weights();
        let params_bytes = weight_bytes(weights.iter()).map_err(model_err)?;
        let trainable: Vec<Weight> = weights.into_iter().filter(|w| w.trainable).collect();
        let gradient_bytes = weight_bytes(trainable.iter()).map_err(model_err)?;
        let (optimizer, optimizer_bytes) = match optimizer {
            Some(o) => {
                let o = self.compiled_optimizer(o);
                let vars = o.variables(&trainable);
                let bytes = weight_bytes(vars.iter()).map_err(model_err)?;
                (Some(o.class_name().to_owned()), bytes)
            }
            None => (None, 0),
        };
        let mut input_bytes = 0u64;
        let mut seen = HashSet::new();
        for t in self.inputs() {
            let layer = t.layer();
            if !seen.insert(layer.id()) {
                continue;
            }
            if let Some(Dim::Known(n)) = t.shape().iter().next()
                && n != batch_size
            {
                return Err(layer.error(LayerError::input(
                    t.shape(),
                    format!("the input's batch size is fixed at {n}, not {batch_size}"),
                )));
            }
            let dtype = layer.layer().config().compute_dtype;
            let b = tensor_size(t.shape(), dtype)
                .and_then(|b| b.for_batch(batch_size))
                .map_err(|e| layer.error(e))?;
            input_bytes = checked_add(input_bytes, b).map_err(model_err)?;
        }
        let mut acc = Activations::default();
        activations(self, &mut acc, 0)?;
        let forward_bytes = acc.forward.for_batch(batch_size).map_err(model_err)?;
        let forward_backward_bytes = acc
            .first_of_weighted
            .for_batch(batch_size)
            .and_then(|b| checked_mul(b, 2))
            .map_err(model_err)?;
        let estimated = checked_add(input_bytes, forward_backward_bytes)
            .and_then(|b| checked_add(b, params_bytes))
            .map_err(model_err)?;
        let total_bytes = checked_add(estimated, gradient_bytes)
            .and_then(|b| checked_add(b, optimizer_bytes))
            .map_err(model_err)?;
        Ok(MemoryPlan {
            batch_size,
            params_bytes,
            gradient_bytes,
            optimizer,
            optimizer_bytes,
            input_bytes,
            forward_bytes,
            forward_backward_bytes,
            total_bytes,
        })
    }

    /// The largest batch size whose [`memory`](Self::memory) total fits in
    /// `budget_bytes`, or `None` when not even a batch of 1 fits. The total
    /// grows with the batch, so this is an exact search (doubling, then
    /// bisection); a batch whose figures overflow `u64` does not fit. A
    /// model whose input has a fixed batch size answers that size or
    /// `None`.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let m = Sequential::new().add(Input::new([4])).add(Dense::new(2)).build()?;
    /// let budget = m.memory(100, None)?.total_bytes;
    /// assert_eq!(m.largest_batch(budget, None)?, Some(100));
    /// assert_eq!(m.largest_batch(0, None)?, None);
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub fn largest_batch(
        &self,
        budget_bytes: u64,
        optimizer: Option<&Optimizer>,
    ) -> Result<Option<u64>> {
        // A fixed batch size: only that one can be asked for.
        let fixed = self
            .inputs()
            .iter()
            .find_map(|t| t.shape().iter().next().and_then(Dim::known));
        if let Some(n) = fixed {
            let plan = self.memory(n, optimizer)?;
            return Ok(plan.fits(budget_bytes).then_some(n));
        }
        // Errors other than overflow (unknown dimensions) are the caller's.
        let fits = |b: u64| -> Result<bool> {
            match self.memory(b, optimizer) {
                Ok(p) => Ok(p.fits(budget_bytes)),
                Err(e) if e.to_string().contains("arithmetic overflow") => Ok(false),
                Err(e) => Err(e),
            }
        };
        if !fits(1)? {
            return Ok(None);
        }
        // Doubling (up to u64::MAX): `lo` fits, `hi` does not.
        let mut lo = 1u64;
        let mut hi = loop {
            let next = lo.saturating_mul(2);
            if !fits(next)? {
                break next;
            }
            if next == u64::MAX {
                return Ok(Some(next));
            }
            lo = next;
        };
        // `lo < hi` throughout: the gap halves until they are adjacent.
        while let Some(gap) = hi.checked_sub(lo).filter(|&gap| gap > 1) {
            let mid = lo.saturating_add(gap / 2);
            if fits(mid)? {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Ok(Some(lo))
    }
}
