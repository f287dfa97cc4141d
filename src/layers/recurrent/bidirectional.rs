//! `Bidirectional`.

use super::RecurrentLayer;
use super::{held_weights, inner_name, name_inner};
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes};
use crate::shape::Shape;
use crate::weight::{WeightSpec, checked_mul};

#[cfg(feature = "keras-json")]
use crate::error::Result;

keras_enum! {
    /// Keras's `merge_mode=` of [`Bidirectional`]: how the forward and
    /// backward outputs are combined (`None` keeps both, as two outputs).
    ///
    /// ```
    /// use kerasinfo::layers::MergeMode;
    /// assert_eq!(MergeMode::default(), MergeMode::Concat);
    /// assert_eq!(MergeMode::Ave.to_string(), "ave");
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum MergeMode {
        /// `"concat"`: concatenate on the last axis (doubles it). The default.
        #[default]
        Concat = "concat",
        /// `"sum"`: element-wise sum.
        Sum = "sum",
        /// `"mul"`: element-wise product.
        Mul = "mul",
        /// `"ave"`: element-wise average.
        Ave = "ave",
    }
    expected "concat, sum, mul, ave or null";
}

keras_layer! {
    class "Bidirectional";
    register manual;
    /// `keras.layers.Bidirectional(layer, merge_mode="concat",
    /// backward_layer=None)`: runs a recurrent layer forwards and a copy of it
    /// backwards, and merges their outputs.
    ///
    /// Keras copies `layer` into `forward_<name>` and (unless `backward_layer`
    /// is given) `backward_<name>` with `go_backwards=True` (so `layer` itself must not
    /// go backwards); the weights live
    /// under those names (`bidirectional/forward_lstm/lstm_cell/kernel`). A
    /// given `backward_layer` keeps its own name and must have the opposite
    /// `go_backwards` and the same `return_sequences`, `return_state` and
    /// `stateful`.
    ///
    /// # Shapes
    /// The forward layer's output, with the last axis doubled for `concat`;
    /// with `merge_mode(None)` the forward and backward outputs separately.
    /// With `return_state` the forward states then the backward states follow.
    /// Weights: the forward layer's, then the backward layer's.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// kerasinfo::naming::clear_session();
    /// let x = Input::new([None, Some(8)]).tensor()?;
    /// let y = Bidirectional::new(LSTM::new(4).return_sequences(true)).call(&x)?;
    /// assert_eq!(y.shape().to_string(), "(None, None, 8)");
    /// let z = Bidirectional::new(GRU::new(3)).merge_mode(None).call_multi(&x)?;
    /// assert_eq!(z.len(), 2);
    /// let model = Functional::new(&x, &y).build()?;
    /// assert_eq!(model.weights()[0].path, "bidirectional/forward_lstm/lstm_cell/kernel");
    /// assert_eq!(model.weights()[3].path, "bidirectional/backward_lstm/lstm_cell/kernel");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug)]
    pub struct Bidirectional {
        /// Keras's `layer`: the forward layer, as given.
        layer: Box<dyn RecurrentLayer> [super::Held] = impl RecurrentLayer => Box::new(layer),
    }
    /// Wraps the recurrent `layer` (an `LSTM`, `GRU`, `SimpleRNN`, `RNN`, …).
    fn new;
    /// Keras's `merge_mode=`: a [`MergeMode`], or `None` to return the
    /// forward and backward outputs separately. Defaults to `concat`.
    merge_mode: Option<MergeMode> [Nullable] = Some(MergeMode::Concat),
        |merge_mode: impl Into<Option<MergeMode>>| merge_mode.into();
    /// Keras's `backward_layer=`: the layer for the backward direction
    /// (instead of a copy of `layer`). Defaults to none.
    backward_layer: Option<Box<dyn RecurrentLayer>> [super::Held] = None,
        |backward_layer: impl RecurrentLayer| Some(Box::new(backward_layer));
}

impl Bidirectional {
    /// The wrapped (forward) layer, as given.
    #[must_use]
    pub fn layer(&self) -> &dyn RecurrentLayer {
        self.layer.as_ref()
    }

    /// The name Keras gives the forward copy: `forward_<name>`.
    #[must_use]
    pub fn forward_name(&self) -> String {
        self.copy_name("forward_")
    }

    /// The name of the backward layer: the given `backward_layer`'s, or
    /// `backward_<name>` for Keras's copy.
    #[must_use]
    pub fn backward_name(&self) -> String {
        match &self.backward_layer {
            Some(b) => inner_name(b.as_ref()),
            None => self.copy_name("backward_"),
        }
    }

    /// The name of Keras's copy of `layer`: `prefix` then its name (once).
    fn copy_name(&self, prefix: &str) -> String {
        let name = inner_name(self.layer.as_ref());
        format!("{prefix}{}", name.strip_prefix(prefix).unwrap_or(&name))
    }

    /// The backward layer: the given one, or (as Keras's copy) `layer`.
    fn backward(&self) -> &dyn RecurrentLayer {
        self.backward_layer
            .as_deref()
            .unwrap_or(self.layer.as_ref())
    }

    /// Keras's `_verify_layer_config`.
    fn verify(&self) -> Result<(), LayerError> {
        let f = self.layer.options();
        let (b, b_backwards) = match &self.backward_layer {
            Some(b) => (b.options(), b.options().go_backwards),
            // Keras copies `layer` with `go_backwards=True`.
            None => (f, true),
        };
        argument_error_if!(
            f.go_backwards == b_backwards,
            "backward_layer",
            format!(
                "forward layer and backward layer should have different `go_backwards` value, received forward_layer.go_backwards={}, backward_layer.go_backwards={}",
                py_bool(f.go_backwards),
                py_bool(b_backwards)
            ),
        );
        for (attr, fv, bv) in [
            ("stateful", f.stateful, b.stateful),
            ("return_sequences", f.return_sequences, b.return_sequences),
            ("return_state", f.return_state, b.return_state),
        ] {
            argument_error_if!(
                fv != bv,
                "backward_layer",
                format!(
                    "forward layer and backward layer are expected to have the same value for attribute \"{attr}\", got \"{}\" for forward layer and \"{}\" for backward layer",
                    py_bool(fv),
                    py_bool(bv)
                ),
            );
        }
        Ok(())
    }
}

fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

impl Layer for Bidirectional {
    super::recurrent_call_methods!(own compute_mask);

    /// Keras's `Bidirectional.compute_mask`: with `return_sequences`, the
    /// input's mask on the merged output (on both outputs without a
    /// `merge_mode`); none on the states.
    fn compute_mask(
        &self,
        _inputs: &[crate::Tensor],
        previous: &[Option<crate::Tensor>],
    ) -> crate::Result<crate::Masks> {
        let outputs = if self.merge_mode.is_none() { 2 } else { 1 };
        Ok(super::sequence_mask(
            previous,
            self.layer.options().return_sequences,
            outputs,
        ))
    }
    // `backward_layer` written only when given.
    declared_layer_common!(written by |mut args| {
        crate::layers::declare::drop_nulls(&mut args, &["backward_layer"]);
        args
    });

    layer_flags!(holds_layers);

    /// # Cost
    /// The forward and the backward layer's costs, plus the merge: 0 for
    /// `concat` (and no merge), one FLOP per output element for `sum` and
    /// `mul`, two for `ave` (a sum and a division).
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        let backward = self.backward();
        let merge = match self.merge_mode {
            None | Some(MergeMode::Concat) => Some(Cost::ZERO),
            Some(m) => crate::compute::per_output_element(
                outputs,
                if m == MergeMode::Ave { 2 } else { 1 },
            )?,
        };
        crate::compute::sum([
            self.layer.cost(inputs, outputs)?,
            backward.cost(inputs, outputs)?,
            merge,
        ])
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        self.verify()?;
        let forward = self.layer.compute_output_shape(inputs)?;
        let return_state = self.layer.options().return_state;
        let mut it = forward.into_iter();
        let Some(mut output) = it.next() else {
            return Err(LayerError::Other("the wrapped layer has no output".into()));
        };
        let states: Vec<Shape> = if return_state {
            it.collect()
        } else {
            Vec::new()
        };
        if self.merge_mode == Some(MergeMode::Concat)
            && let Some(d) = output.get(-1)
        {
            let doubled = d.try_map(|d| checked_mul(d, 2))?;
            output = output.with(output.rank().saturating_sub(1), doubled);
        }
        // Without a merge, the forward and the backward outputs.
        let outputs = if self.merge_mode.is_none() { 2 } else { 1 };
        let mut out: OutputShapes = std::iter::repeat_n(output, outputs).collect();
        out.extend(states.iter().cloned());
        out.extend(states);
        Ok(out)
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let forward = self.layer.weights(inputs)?;
        let mut w = held_weights(forward, &self.forward_name(), self.layer.config());
        let backward = self.backward();
        w.extend(held_weights(
            backward.weights(inputs)?,
            &self.backward_name(),
            backward.config(),
        ));
        Ok(w)
    }

    fn resolve_inner_names(&mut self) {
        name_inner(self.layer.as_mut());
        if let Some(b) = &mut self.backward_layer {
            name_inner(b.as_mut());
        }
    }
}

/// Registers `Bidirectional` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    r.builtin("Bidirectional", read_boxed!(Bidirectional::from_keras_args));
}
