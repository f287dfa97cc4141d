//! The arguments the recurrent layers share, declared once: a cell's
//! (`activation=`, `use_bias=`, …: [`CellArgs`]), which `SimpleRNN`,
//! `LSTM` and `GRU` hand to their cell and `ConvLSTM1D/2D/3D` take
//! flattened, and `RNN`'s (`return_sequences=`, …: [`RnnOptions`]), each
//! with its setters ([`cell_setters!`], [`rnn_option_methods!`]), its
//! config reader and its config writer; and the [`Layer`](crate::Layer)
//! methods every recurrent layer shares ([`recurrent_call_methods!`]).

use std::marker::PhantomData;

use super::{CellKind, Lstm};
use crate::args::check_activation;
use crate::error::LayerError;

#[cfg(feature = "keras-json")]
use crate::config::cfg::Cfg;
#[cfg(feature = "keras-json")]
use crate::layers::declare::{ActivationName, ArgGroup, Codec, Plain};
#[cfg(feature = "keras-json")]
use serde_json::json;

/// A written config (or part of one).
#[cfg(feature = "keras-json")]
type Map = serde_json::Map<String, serde_json::Value>;

/// The arguments of Keras's built-in cells besides `units`, with Keras's
/// defaults. Every cell takes `activation`, `use_bias`, `dropout` and
/// `recurrent_dropout`; the kind `K` (an LSTM's by default, as
/// `ConvLSTM`'s) adds `recurrent_activation` (LSTM and GRU),
/// `unit_forget_bias` (LSTM) or `reset_after` (GRU), the only ones its
/// class reads and writes.
#[derive(Debug, Clone)]
pub(crate) struct CellArgs<K: CellKind = Lstm> {
    pub(crate) activation: String,
    pub(crate) recurrent_activation: String,
    pub(crate) use_bias: bool,
    pub(crate) unit_forget_bias: bool,
    pub(crate) reset_after: bool,
    pub(crate) dropout: f64,
    pub(crate) recurrent_dropout: f64,
    kind: PhantomData<fn() -> K>,
}

impl<K: CellKind> Default for CellArgs<K> {
    fn default() -> Self {
        Self {
            activation: "tanh".into(),
            recurrent_activation: "sigmoid".into(),
            use_bias: true,
            unit_forget_bias: true,
            reset_after: true,
            dropout: 0.0,
            recurrent_dropout: 0.0,
            kind: PhantomData,
        }
    }
}

impl<K: CellKind> CellArgs<K> {
    /// Keras's checks of the activations.
    pub(crate) fn check(&self) -> Result<(), LayerError> {
        check_activation(&self.activation)?;
        check_activation(&self.recurrent_activation).map_err(|_| {
            LayerError::argument(
                "recurrent_activation",
                format!(
                    "could not interpret activation function identifier: {}",
                    self.recurrent_activation
                ),
            )
        })
    }

    /// Whether TensorFlow's profiler counts no FLOPs for both activations
    /// (`Sigmoid`, `Tanh`, …), as the step costs assume.
    pub(crate) fn activations_uncounted(&self) -> bool {
        let uncounted =
            |a: &str| matches!(crate::compute::activation_flops(Some(a), 1), Ok(Some(0)));
        uncounted(&self.activation) && uncounted(&self.recurrent_activation)
    }
}

/// [`ArgGroup`]'s `read` and `write` of the [`CellArgs`] fields, each
/// `field: Codec` (`if` the kinds that take it): its key is its name.
#[cfg(feature = "keras-json")]
macro_rules! cell_arg_keys {
    ($($field:ident: $codec:ident $(if $takes:expr)?;)*) => {
        fn read(mut self, c: &Cfg<'_>) -> crate::Result<Self> {
            $(
                if true $(&& $takes)? {
                    if let Some(v) = <$codec as Codec<_>>::optional(c, stringify!($field))? {
                        self.$field = v;
                    }
                }
            )*
            Ok(self)
        }

        /// As Keras's `get_config()` writes them.
        fn write(&self, o: &mut Map) {
            $(
                if true $(&& $takes)? {
                    o.insert(stringify!($field).into(), <$codec as Codec<_>>::write(&self.$field));
                }
            )*
        }
    };
}

/// The [`CellArgs`] of the cell kind `K` as a field of a layer declared
/// with `keras_layer!` (`ConvLSTM`'s) or held by a cell, read from and
/// written to the config, flattened.
#[cfg(feature = "keras-json")]
impl<K: CellKind> ArgGroup for CellArgs<K> {
    cell_arg_keys! {
        activation: ActivationName;
        recurrent_activation: ActivationName if K::GATES > 1;
        use_bias: Plain;
        unit_forget_bias: Plain if K::GATES == 4;
        reset_after: Plain if K::GATES == 3;
        dropout: Plain;
        recurrent_dropout: Plain;
    }
}

/// The fluent setters of [`CellArgs`] for a type holding them at `path`
/// (`args`, `cell.args`): `cell_setters!(args => activation, use_bias)`.
macro_rules! cell_setters {
    ($($path:ident).+ => $(,)?) => {};
    ($($path:ident).+ => $setter:ident $(, $rest:ident)* $(,)?) => {
        $crate::layers::recurrent::cell_setters!(@$setter $($path).+);
        $crate::layers::recurrent::cell_setters!($($path).+ => $($rest),*);
    };
    (@activation $($path:ident).+) => { setters! {
        /// Keras's `activation=`. Defaults to `tanh`.
        activation: impl Into<String> => $($path).+.activation = activation.into();
    } };
    (@recurrent_activation $($path:ident).+) => { setters! {
        /// Keras's `recurrent_activation=`. Defaults to `sigmoid`.
        recurrent_activation: impl Into<String> =>
            $($path).+.recurrent_activation = recurrent_activation.into();
    } };
    (@use_bias $($path:ident).+) => { setters! {
        /// Keras's `use_bias=`. Defaults to `true`.
        use_bias: bool => $($path).+.use_bias = use_bias;
    } };
    (@unit_forget_bias $($path:ident).+) => { setters! {
        /// Keras's `unit_forget_bias=` (an initializer detail, no effect
        /// on shapes). Defaults to `true`.
        unit_forget_bias: bool => $($path).+.unit_forget_bias = unit_forget_bias;
    } };
    (@reset_after $($path:ident).+) => { setters! {
        /// Keras's `reset_after=`: apply the reset gate after the matrix
        /// multiplication, with separate input and recurrent biases (bias
        /// shape `(2, 3 * units)` instead of `(3 * units,)`). Defaults to
        /// `true`.
        reset_after: bool => $($path).+.reset_after = reset_after;
    } };
    (@dropout $($path:ident).+) => { setters! {
        /// Keras's `dropout=` (no effect on shapes). Defaults to 0.
        dropout: f64 => $($path).+.dropout = dropout;
    } };
    (@recurrent_dropout $($path:ident).+) => { setters! {
        /// Keras's `recurrent_dropout=` (no effect on shapes). Defaults to 0.
        recurrent_dropout: f64 => $($path).+.recurrent_dropout = recurrent_dropout;
    } };
}
pub(crate) use cell_setters;

/// The arguments every Keras recurrent layer takes besides its cell's.
/// Only `return_sequences` and `return_state` change shapes; `stateful`
/// needs a known batch size.
///
/// ```
/// use kerasinfo::layers::RnnOptions;
/// let o = RnnOptions::default();
/// assert!(!o.return_sequences && !o.return_state && !o.go_backwards);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RnnOptions {
    /// `return_sequences=`: output every step `(batch, steps, units)`
    /// rather than the last `(batch, units)`.
    pub return_sequences: bool,
    /// `return_state=`: also output the final states.
    pub return_state: bool,
    /// `go_backwards=`: process the sequence backwards.
    pub go_backwards: bool,
    /// `stateful=`: keep the states between batches (needs a static batch size).
    pub stateful: bool,
    /// `unroll=`: unroll the loop.
    pub unroll: bool,
}

#[cfg(feature = "keras-json")]
impl RnnOptions {
    /// Writes the options as Keras's `get_config()` does (`unroll` only
    /// when `with_unroll`: `ConvLSTM` does not write it).
    pub(crate) fn write(&self, o: &mut Map, with_unroll: bool) {
        o.insert("return_sequences".into(), json!(self.return_sequences));
        o.insert("return_state".into(), json!(self.return_state));
        o.insert("go_backwards".into(), json!(self.go_backwards));
        o.insert("stateful".into(), json!(self.stateful));
        if with_unroll {
            o.insert("unroll".into(), json!(self.unroll));
        }
    }
}

/// [`RnnOptions`] read from and written to a layer's config, flattened
/// (as a field of a layer declared with `keras_layer!`, `ConvLSTM`'s,
/// written without `unroll`, which Keras's `ConvLSTM` reads but does not
/// write).
#[cfg(feature = "keras-json")]
impl ArgGroup for RnnOptions {
    fn read(self, c: &Cfg<'_>) -> crate::Result<Self> {
        Ok(Self {
            return_sequences: c.bool_or("return_sequences", self.return_sequences)?,
            return_state: c.bool_or("return_state", self.return_state)?,
            go_backwards: c.bool_or("go_backwards", self.go_backwards)?,
            stateful: c.bool_or("stateful", self.stateful)?,
            unroll: c.bool_or("unroll", self.unroll)?,
        })
    }
    fn write(&self, args: &mut Map) {
        self.write(args, false);
    }
}

/// The builder methods of [`RnnOptions`] for a type with an `opts` field.
macro_rules! rnn_option_methods {
    () => {
        setters! {
            /// Keras's `return_sequences=`: output the whole sequence. Defaults to `false`.
            return_sequences: bool => opts.return_sequences = return_sequences;
            /// Keras's `return_state=`: also output the last states. Defaults to `false`.
            return_state: bool => opts.return_state = return_state;
            /// Keras's `go_backwards=`: process the input backwards. Defaults to `false`.
            go_backwards: bool => opts.go_backwards = go_backwards;
            /// Keras's `stateful=`: keep states across batches; the input's
            /// batch size must then be known. Defaults to `false`.
            stateful: bool => opts.stateful = stateful;
            /// Keras's `unroll=` (no effect on shapes). Defaults to `false`.
            unroll: bool => opts.unroll = unroll;
        }
    };
}
pub(crate) use rnn_option_methods;

/// The [`Layer`](crate::Layer) methods every recurrent layer shares:
/// it supports masks and takes `mask=` and `initial_state=` tensors; and,
/// unless invoked as `recurrent_call_methods!(own compute_mask)`, Keras's
/// `RNN.compute_mask` for a layer with one output sequence and
/// [`RecurrentLayer`](super::RecurrentLayer) options.
macro_rules! recurrent_call_methods {
    () => {
        $crate::layers::recurrent::recurrent_call_methods!(own compute_mask);

        /// Keras's `RNN.compute_mask`: the input's mask on the output when
        /// `return_sequences`, none on the states.
        fn compute_mask(
            &self,
            _inputs: &[$crate::Tensor],
            previous: &[Option<$crate::Tensor>],
        ) -> $crate::Result<$crate::Masks> {
            Ok(super::sequence_mask(
                previous,
                super::RecurrentLayer::options(self).return_sequences,
                1,
            ))
        }
    };
    (own compute_mask) => {
        layer_flags!(supports_masking, takes_mask, takes_initial_state);
    };
}
pub(crate) use recurrent_call_methods;
