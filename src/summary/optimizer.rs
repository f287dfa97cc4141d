//! The summary of a compiled model: its optimizer's variables counted in
//! (Keras's `Optimizer params` line).

use super::{MemorySize, Summary};
use crate::model::Model;
use crate::optimizer::Optimizer;
use crate::weight::Weight;

impl Summary {
    /// This summary with `optimizer` built on `trainable` (the model's
    /// trainable weights): the `Optimizer params` figures set and added to
    /// the totals, as Keras 3 does for a compiled model whose optimizer is
    /// built. An optimizer already in the summary is replaced. See
    /// [`Model::summary_with_optimizer`].
    #[must_use]
    pub fn with_optimizer(mut self, optimizer: &Optimizer, trainable: &[Weight]) -> Self {
        let (params, bits, _, _) = super::sum_weights(optimizer.variables(trainable).iter());
        // Replacing an optimizer already there: its figures leave the totals.
        let total_bits = self
            .total_size
            .bits
            .saturating_sub(self.optimizer_size.bits);
        self.total_size = MemorySize::from_bits(total_bits.saturating_add(bits));
        self.total_params =
            (self.total_params.saturating_sub(self.optimizer_params)).saturating_add(params);
        self.optimizer = Some(optimizer.class_name().to_owned());
        self.optimizer_params = params;
        self.optimizer_size = MemorySize::from_bits(bits);
        self
    }
}

impl Model {
    /// The summary of this model compiled with `optimizer` and the
    /// optimizer built on the model's trainable weights: Keras's
    /// `model.compile(optimizer=...)`,
    /// `model.optimizer.build(model.trainable_variables)`, then
    /// `model.summary()`. The totals include the optimizer's variables and
    /// the text gains Keras's ` Optimizer params: ` line. As Keras's
    /// `compile`, a `mixed_float16` model's optimizer is wrapped in a
    /// `LossScaleOptimizer` ([`Model::compiled_optimizer`]).
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// use kerasinfo::Optimizer;
    /// let m = Sequential::new().add(Input::new([4])).add(Dense::new(2)).build()?;
    /// let s = m.summary_with_optimizer(&Optimizer::sgd());
    /// assert_eq!((s.optimizer_params, s.total_params), (2, 12));
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[must_use]
    pub fn summary_with_optimizer(&self, optimizer: &Optimizer) -> Summary {
        let trainable: Vec<Weight> = self.weights().into_iter().filter(|w| w.trainable).collect();
        // `compile` wraps it for a mixed_float16 model (see `compiled_optimizer`).
        self.summary()
            .with_optimizer(&self.compiled_optimizer(optimizer), &trainable)
    }

    /// The optimizer's variables for this model (see
    /// [`Optimizer::variables`]).
    #[must_use]
    pub fn optimizer_variables(&self, optimizer: &Optimizer) -> Vec<Weight> {
        let trainable: Vec<Weight> = self.weights().into_iter().filter(|w| w.trainable).collect();
        self.compiled_optimizer(optimizer).variables(&trainable)
    }
}
