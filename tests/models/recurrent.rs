//! Builders of the kerasinfo twins of the Keras models in
//! `tests/fixtures/recurrent/`: tests/layers_recurrent.rs checks each against its
//! fixture, tests/config_writer.rs writes each as a Keras config.

#![allow(dead_code, unused_imports, clippy::wildcard_imports)]

use kerasinfo::naming::clear_session;
use kerasinfo::prelude::*;
use kerasinfo::{DType, Dim, Error, LayerError, Shape, ShapeArg, ops};

/// A sequence input of 8 features and unknown length.
pub fn seq_input() -> kerasinfo::Result<Tensor> {
    Input::new([None, Some(8)]).tensor()
}

pub fn lstm_variants() -> kerasinfo::Result<Model> {
    let x = seq_input()?;
    let a = LSTM::new(4).call(&x)?;
    let b = LSTM::new(3)
        .return_sequences(true)
        .return_state(true)
        .use_bias(false)
        .call_multi(&x)?;
    let c = LSTM::new(2)
        .go_backwards(true)
        .unroll(true)
        .activation("relu")
        .recurrent_activation("hard_sigmoid")
        .unit_forget_bias(false)
        .dropout(0.1)
        .recurrent_dropout(0.2)
        .name("my_lstm")
        .call(&x)?;
    let d = LSTM::new(5).trainable(false).call(&x)?;
    let e = LSTM::new(3)
        .dtype(DType::Float16)
        .return_state(true)
        .call_multi(&x)?;
    let model = Functional::new(&x, [&a, &b[0], &b[1], &c, &d, &e[0]])
        .name("lstms")
        .build()?;
    Ok(model)
}

pub fn gru_variants() -> kerasinfo::Result<Model> {
    let x = Input::new([7, 6]).tensor()?;
    let a = GRU::new(4).call(&x)?;
    let b = GRU::new(3).reset_after(false).call(&x)?;
    let c = GRU::new(2)
        .reset_after(false)
        .use_bias(false)
        .return_state(true)
        .call_multi(&x)?;
    let d = GRU::new(3)
        .return_sequences(true)
        .return_state(true)
        .go_backwards(true)
        .call_multi(&x)?;
    let e = GRU::new(2)
        .use_bias(false)
        .recurrent_activation("relu")
        .call(&x)?;
    let model = Functional::new(&x, [&a, &b, &c[0], &d[0], &d[1], &e]).build()?;
    Ok(model)
}

pub fn simple_rnn_variants() -> kerasinfo::Result<Model> {
    let x = Input::new([None, Some(5)]).tensor()?;
    let a = SimpleRNN::new(4).call(&x)?;
    let b = SimpleRNN::new(3)
        .return_sequences(true)
        .use_bias(false)
        .activation("relu")
        .call(&x)?;
    let c = SimpleRNN::new(2)
        .return_state(true)
        .return_sequences(true)
        .call_multi(&x)?;
    let model = Functional::new(&x, [&a, &b, &c[0], &c[1]]).build()?;
    Ok(model)
}

pub fn seq_stack() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .add(Input::new([20, 16]))
        .add(LSTM::new(32).return_sequences(true))
        .add(LSTM::new(16).return_sequences(true))
        .add(GRU::new(8).return_sequences(true))
        .add(SimpleRNN::new(4))
        .add(Dense::new(1))
        .build()?;
    Ok(model)
}

pub fn stateful() -> kerasinfo::Result<Model> {
    let x = Input::new([5, 8]).batch_size(2).tensor()?;
    let a = LSTM::new(4)
        .stateful(true)
        .return_sequences(true)
        .call(&x)?;
    let b = GRU::new(3).stateful(true).call(&a)?;
    let model = Functional::new(&x, &b).build()?;
    Ok(model)
}

pub fn bidir_modes() -> kerasinfo::Result<Model> {
    let x = seq_input()?;
    let a = Bidirectional::new(LSTM::new(4)).call(&x)?;
    let b = Bidirectional::new(GRU::new(3).return_sequences(true))
        .merge_mode(MergeMode::Sum)
        .call(&x)?;
    let c = Bidirectional::new(SimpleRNN::new(2))
        .merge_mode(MergeMode::Mul)
        .call(&x)?;
    let d = Bidirectional::new(LSTM::new(2).return_sequences(true))
        .merge_mode(MergeMode::Ave)
        .call(&x)?;
    let e = Bidirectional::new(GRU::new(3))
        .merge_mode(None)
        .call_multi(&x)?;
    let f = Bidirectional::new(LSTM::new(3).return_state(true)).call_multi(&x)?;
    let g = Bidirectional::new(GRU::new(2).return_state(true).return_sequences(true))
        .merge_mode(None)
        .call_multi(&x)?;
    let h = Bidirectional::new(LSTM::new(3).name("forward_x").dtype(DType::Float64))
        .name("bi")
        .call(&x)?;
    let i = Bidirectional::new(LSTM::new(2).name("backward_y").trainable(false)).call(&x)?;
    let mut outs = vec![a, b, c, d];
    outs.extend(e);
    outs.extend(f);
    outs.extend(g);
    outs.extend([h, i]);
    let model = Functional::new(&x, outs).build()?;
    Ok(model)
}

pub fn bidir_backward_layer() -> kerasinfo::Result<Model> {
    let x = Input::new([10, 8]).tensor()?;
    let a = Bidirectional::new(LSTM::new(3))
        .backward_layer(GRU::new(5).go_backwards(true))
        .call(&x)?;
    let b = Bidirectional::new(LSTM::new(4).return_sequences(true))
        .backward_layer(
            LSTM::new(4)
                .return_sequences(true)
                .go_backwards(true)
                .name("back"),
        )
        .merge_mode(MergeMode::Concat)
        .call(&x)?;
    let c = Bidirectional::new(RNN::new(GRUCell::new(2)).return_sequences(true))
        .merge_mode(MergeMode::Ave)
        .call(&x)?;
    let model = Functional::new(&x, [&a, &b, &c]).build()?;
    Ok(model)
}

pub fn bidir_seq() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .name("bi_seq")
        .add(Input::new([None, Some(4)]))
        .add(Bidirectional::new(LSTM::new(3).return_sequences(true)))
        .add(Bidirectional::new(GRU::new(2)))
        .add(Dense::new(1).activation("sigmoid"))
        .build()?;
    Ok(model)
}

pub fn time_distributed() -> kerasinfo::Result<Model> {
    let x = seq_input()?;
    let a = TimeDistributed::new(Dense::new(5)).call(&x)?;
    let b = TimeDistributed::new(Dense::new(2).trainable(false)).call(&x)?;
    let c = TimeDistributed::new(Dense::new(3).dtype(DType::Float64))
        .name("td")
        .call(&a)?;
    let model = Functional::new(&x, [&a, &b, &c]).build()?;
    Ok(model)
}

pub fn time_distributed_conv() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .add(Input::new([6, 10, 10, 3]))
        .add(TimeDistributed::new(Conv2D::new(4, 3)))
        .add(TimeDistributed::new(MaxPooling2D::new(2)))
        .add(TimeDistributed::new(Flatten::new()))
        .add(LSTM::new(8))
        .add(Dense::new(2))
        .build()?;
    Ok(model)
}

pub fn rnn_cells() -> kerasinfo::Result<Model> {
    let x = seq_input()?;
    let a = LSTM::new(4).call(&x)?;
    let b = RNN::new(SimpleRNNCell::new(3)).call(&x)?;
    let c = RNN::new(LSTMCell::new(3)).return_sequences(true).call(&x)?;
    let d = RNN::new(GRUCell::new(2).reset_after(false))
        .return_state(true)
        .call_multi(&x)?;
    let e = RNN::new(
        StackedRNNCells::new()
            .cell(SimpleRNNCell::new(2))
            .cell(LSTMCell::new(3).use_bias(false)),
    )
    .return_state(true)
    .call_multi(&x)?;
    let f = RNN::new(LSTMCell::new(3).trainable(false).dtype(DType::Float64))
        .name("frozen_cell")
        .call(&x)?;
    let g = RNN::new(
        StackedRNNCells::new()
            .cell(GRUCell::new(4))
            .cell(GRUCell::new(2).name("top")),
    )
    .return_sequences(true)
    .call(&x)?;
    let mut outs = vec![a, b, c];
    outs.extend(d);
    outs.extend(e);
    outs.extend([f, g]);
    let model = Functional::new(&x, outs).build()?;
    Ok(model)
}

pub fn rnn_rank4() -> kerasinfo::Result<Model> {
    let x = Input::new([5, 3, 8]).tensor()?;
    let y = RNN::new(LSTMCell::new(4)).return_sequences(true).call(&x)?;
    let model = Functional::new(&x, &y).build()?;
    Ok(model)
}

pub fn conv_lstm_2d() -> kerasinfo::Result<Model> {
    let x = Input::new([None, Some(10), Some(12), Some(3)]).tensor()?;
    let a = ConvLSTM2D::new(4, 3).call(&x)?;
    let b = ConvLSTM2D::new(2, (3, 5))
        .padding(Padding::Same)
        .return_sequences(true)
        .return_state(true)
        .call_multi(&x)?;
    let c = ConvLSTM2D::new(2, 3)
        .dilation_rate(2)
        .use_bias(false)
        .call(&x)?;
    let d = ConvLSTM2D::new(3, 3)
        .strides((2, 1))
        .activation("relu")
        .go_backwards(true)
        .call(&x)?;
    let e = Bidirectional::new(ConvLSTM2D::new(2, 3).return_sequences(true)).call(&x)?;
    let model = Functional::new(&x, [&a, &b[0], &b[1], &b[2], &c, &d, &e]).build()?;
    Ok(model)
}

pub fn conv_lstm_channels_first() -> kerasinfo::Result<Model> {
    let x = Input::new([None, Some(3), Some(10), Some(12)]).tensor()?;
    let a = ConvLSTM2D::new(4, 3)
        .data_format(DataFormat::ChannelsFirst)
        .return_sequences(true)
        .call(&x)?;
    let b = ConvLSTM2D::new(2, (5, 3))
        .strides(2)
        .data_format(DataFormat::ChannelsFirst)
        .padding(Padding::Same)
        .call(&x)?;
    let y = Input::new([6, 2, 9]).tensor()?;
    let c = ConvLSTM1D::new(3, 4)
        .data_format(DataFormat::ChannelsFirst)
        .return_state(true)
        .call_multi(&y)?;
    let model = Functional::new([&x, &y], [&a, &b, &c[0], &c[1], &c[2]]).build()?;
    Ok(model)
}

pub fn conv_lstm_1d_3d() -> kerasinfo::Result<Model> {
    let x = Input::new([5, 10, 3]).tensor()?;
    let a = ConvLSTM1D::new(2, 3).strides(2).call(&x)?;
    let b = ConvLSTM1D::new(0, 3).name("empty").call(&x)?;
    let y = Input::new([4, 5, 6, 7, 3]).tensor()?;
    let c = ConvLSTM3D::new(2, 3)
        .strides(2)
        .padding(Padding::Same)
        .return_state(true)
        .call_multi(&y)?;
    let d = ConvLSTM3D::new(1, (1, 2, 3))
        .return_sequences(true)
        .dtype(DType::Float64)
        .call(&y)?;
    let model = Functional::new([&x, &y], [&a, &b, &c[0], &c[1], &c[2], &d]).build()?;
    Ok(model)
}

pub fn conv_lstm_seq() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .add(Input::new([None, Some(16), Some(16), Some(1)]))
        .add(
            ConvLSTM2D::new(8, 3)
                .padding(Padding::Same)
                .return_sequences(true),
        )
        .add(BatchNormalization::new())
        .add(ConvLSTM2D::new(4, 3))
        .add(Flatten::new())
        .add(Dense::new(1))
        .build()?;
    Ok(model)
}

pub fn nested_wrappers() -> kerasinfo::Result<Model> {
    let x = Input::new([5, 7, 8]).tensor()?;
    let a = TimeDistributed::new(LSTM::new(3)).call(&x)?;
    let b =
        TimeDistributed::new(Bidirectional::new(GRU::new(2).return_sequences(true))).call(&x)?;
    let c = TimeDistributed::new(Dense::new(4).name("proj")).call(&x)?;
    let y = Input::new([None, Some(6)]).tensor()?;
    let d = Bidirectional::new(RNN::new(
        StackedRNNCells::new()
            .cell(LSTMCell::new(2))
            .cell(GRUCell::new(3)),
    ))
    .call(&y)?;
    let e = RNN::new(LSTMCell::new(3)).dtype(DType::Float64).call(&y)?;
    let f = Bidirectional::new(LSTM::new(2))
        .backward_layer(RNN::new(LSTMCell::new(2)).go_backwards(true))
        .call(&y)?;
    let g = Bidirectional::new(SimpleRNN::new(2).return_state(true))
        .merge_mode(None)
        .call_multi(&y)?;
    let mut outs = vec![a, b, c, d, e, f];
    outs.extend(g);
    let model = Functional::new([&x, &y], outs).build()?;
    Ok(model)
}

pub fn time_distributed_model() -> kerasinfo::Result<Model> {
    let inner = Sequential::new()
        .name("step")
        .add(Input::new([4]))
        .add(Dense::new(2))
        .add(Dense::new(3))
        .build()?;
    let x = Input::new([3, 4]).tensor()?;
    let y = TimeDistributed::new(inner).call(&x)?;
    let model = Functional::new(&x, &y).build()?;
    Ok(model)
}

pub fn seq_return_state() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .add(Input::new([3, 4]))
        .add(LSTM::new(2).return_state(true))
        .build()?;
    Ok(model)
}

pub fn wrapper_dtypes() -> kerasinfo::Result<Model> {
    let x = Input::new([None, Some(6)]).tensor()?;
    let a = Bidirectional::new(LSTM::new(3))
        .dtype(DType::Float16)
        .call(&x)?;
    let b = TimeDistributed::new(Dense::new(2))
        .dtype(DType::Float64)
        .call(&x)?;
    let c = RNN::new(GRUCell::new(2)).dtype(DType::Float16).call(&x)?;
    let d = RNN::new(
        StackedRNNCells::new()
            .cell(GRUCell::new(2).dtype(DType::Float64))
            .cell(SimpleRNNCell::new(3)),
    )
    .call(&x)?;
    let e = GRU::new(2)
        .dtype(DType::Float64)
        .trainable(false)
        .return_sequences(true)
        .call(&x)?;
    let model = Functional::new(&x, [&a, &b, &c, &d, &e]).build()?;
    Ok(model)
}

pub fn frozen_wrappers() -> kerasinfo::Result<Model> {
    // trainable(false) on a wrapper freezes only what it creates itself.
    let x = Input::new([5, 3]).tensor()?;
    let a = Bidirectional::new(LSTM::new(2).return_sequences(true))
        .trainable(false)
        .call(&x)?;
    let b = TimeDistributed::new(Dense::new(4))
        .trainable(false)
        .call(&a)?;
    let c = RNN::new(GRUCell::new(3)).trainable(false).call(&b)?;
    let d = LSTM::new(2).trainable(false).call(&b)?;
    let e = SimpleRNN::new(2).call(&b)?;
    let model = Functional::new(&x, [&c, &d, &e])
        .name("frozen_wrappers")
        .build()?;
    Ok(model)
}
