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

mod args;
mod shared;
pub use args::RnnOptions;
pub(crate) use args::*;
pub(crate) use shared::*;
pub use shared::{RecurrentLayer, RnnCell};

// Its layer files: every file here but `mod.rs` and the `mod`s above
// (listed by the build script).
include!(concat!(env!("OUT_DIR"), "/layer_files/recurrent.rs"));
