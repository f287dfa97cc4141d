//! Recurrent layers, cells and wrappers: `SimpleRNN`, `LSTM`, `GRU`, the
//! generic `RNN` over `SimpleRNNCell`/`LSTMCell`/`GRUCell`/`StackedRNNCells`,
//! `ConvLSTM1D/2D/3D`, and the wrappers `Bidirectional` and `TimeDistributed`.
//!
//! Weight paths follow Keras 3: a recurrent layer keeps its weights in its
//! cell (`lstm/lstm_cell/kernel`), `Bidirectional` in its forward and
//! backward copies (`bidirectional/forward_lstm/lstm_cell/kernel`), and
//! `TimeDistributed` in the wrapped layer (`time_distributed/dense/kernel`).
//!
//! Layers with several outputs (`return_state=True`, `merge_mode=None`)
//! return a Python tuple in Keras, whose summary prints them flattened as a
//! list, `[(None, 4), (None, 4), (None, 4)]`; receive them with
//! [`call_multi`](crate::LayerExt::call_multi).
//!
//! Wrappers name the layers they hold when they take their own name, in
//! Keras's creation order (innermost first): `Bidirectional::new(LSTM::new(4))`
//! names its LSTM `lstm`, and its copies `forward_lstm` and `backward_lstm`.

mod cells;
#[cfg(feature = "keras-json")]
mod config;
mod conv_lstm;
mod rnn;
mod wrappers;

pub use cells::{
    CellKind, GRUCell, Gru, LSTMCell, Lstm, RecurrentCell, RnnCell, Simple, SimpleRNNCell,
    StackedRNNCells,
};
pub use conv_lstm::{ConvLSTM, ConvLSTM1D, ConvLSTM2D, ConvLSTM3D};
pub use rnn::{CellRnn, GRU, LSTM, RNN, RecurrentLayer, RnnOptions, SimpleRNN};
pub use wrappers::{Bidirectional, MergeMode, TimeDistributed};

#[cfg(feature = "keras-json")]
pub(crate) use config::register;

use crate::error::LayerError;
use crate::layer::Layer;
pub(crate) use crate::layer::held_weights;
use crate::naming;

/// The name of a layer held by a wrapper: its explicit or resolved
/// automatic name (see [`name_inner`]).
pub(crate) fn inner_name(layer: &dyn Layer) -> String {
    layer
        .config()
        .name()
        .map_or_else(|| naming::to_snake_case(layer.class_name()), str::to_owned)
}

/// Gives a layer held by a wrapper its automatic name (if it has none) after
/// naming the layers it holds itself, in Keras's creation order (innermost
/// first).
pub(crate) fn name_inner(layer: &mut dyn Layer) {
    layer.resolve_inner_names();
    crate::layer::settle_name(layer);
}

/// The output masks of a recurrent layer (Keras's `RNN.compute_mask`):
/// the first received mask on each of the `outputs` first outputs when
/// the layer returns sequences, none otherwise (nor on the states).
pub(crate) fn sequence_mask(
    previous: &[Option<crate::Tensor>],
    return_sequences: bool,
    outputs: usize,
) -> crate::Masks {
    match previous.first() {
        Some(Some(m)) if return_sequences => {
            std::iter::repeat_n(Some(m.clone()), outputs).collect()
        }
        _ => crate::Masks::new(),
    }
}

/// Keras's check of `units` (`units <= 0` raises).
pub(crate) fn positive(argument: &str, value: i64) -> Result<u64, LayerError> {
    u64::try_from(value).ok().filter(|v| *v > 0).ok_or_else(|| {
        LayerError::argument(
            argument,
            format!("expected a positive integer, got {value}"),
        )
    })
}
