"""Fixtures for the recurrent layers, cells and wrappers.

    COLUMNS=200 /work/.venv-keras/bin/python scripts/gen_recurrent_fixtures.py

Each model here has a twin in tests/layers_recurrent.rs built with kerasinfo.
"""

from kfix import dump, dump_error, fresh
import keras
from keras import layers as L

G = "recurrent"
ST = {"show_trainable": {"show_trainable": True}}


def lstm_variants():
    fresh()
    x = L.Input((None, 8))
    a = L.LSTM(4)(x)
    b = L.LSTM(3, return_sequences=True, return_state=True, use_bias=False)(x)
    c = L.LSTM(
        2,
        go_backwards=True,
        unroll=True,
        activation="relu",
        recurrent_activation="hard_sigmoid",
        unit_forget_bias=False,
        dropout=0.1,
        recurrent_dropout=0.2,
        name="my_lstm",
    )(x)
    d = L.LSTM(5, trainable=False)(x)
    e = L.LSTM(3, dtype="float16", return_state=True)(x)
    model = keras.Model(x, [a, b[0], b[1], c, d, e[0]], name="lstms")
    dump(G, "lstm_variants", model, ST)


def gru_variants():
    fresh()
    x = L.Input((7, 6))
    a = L.GRU(4)(x)
    b = L.GRU(3, reset_after=False)(x)
    c = L.GRU(2, reset_after=False, use_bias=False, return_state=True)(x)
    d = L.GRU(3, return_sequences=True, return_state=True, go_backwards=True)(x)
    e = L.GRU(2, use_bias=False, recurrent_activation="relu")(x)
    model = keras.Model(x, [a, b, c[0], d[0], d[1], e])
    dump(G, "gru_variants", model, ST)


def simple_rnn_variants():
    fresh()
    x = L.Input((None, 5))
    a = L.SimpleRNN(4)(x)
    b = L.SimpleRNN(3, return_sequences=True, use_bias=False, activation="relu")(x)
    c = L.SimpleRNN(2, return_state=True, return_sequences=True)(x)
    model = keras.Model(x, [a, b, *c])
    dump(G, "simple_rnn_variants", model)


def seq_stack():
    fresh()
    model = keras.Sequential(
        [
            L.Input((20, 16)),
            L.LSTM(32, return_sequences=True),
            L.LSTM(16, return_sequences=True),
            L.GRU(8, return_sequences=True),
            L.SimpleRNN(4),
            L.Dense(1),
        ]
    )
    dump(G, "seq_stack", model, ST)


def stateful():
    fresh()
    x = L.Input((5, 8), batch_size=2)
    a = L.LSTM(4, stateful=True, return_sequences=True)(x)
    b = L.GRU(3, stateful=True)(a)
    model = keras.Model(x, b)
    dump(G, "stateful", model)


def bidir_modes():
    fresh()
    x = L.Input((None, 8))
    a = L.Bidirectional(L.LSTM(4))(x)
    b = L.Bidirectional(L.GRU(3, return_sequences=True), merge_mode="sum")(x)
    c = L.Bidirectional(L.SimpleRNN(2), merge_mode="mul")(x)
    d = L.Bidirectional(L.LSTM(2, return_sequences=True), merge_mode="ave")(x)
    e = L.Bidirectional(L.GRU(3), merge_mode=None)(x)
    f = L.Bidirectional(L.LSTM(3, return_state=True))(x)
    g = L.Bidirectional(L.GRU(2, return_state=True, return_sequences=True), merge_mode=None)(x)
    h = L.Bidirectional(L.LSTM(3, name="forward_x", dtype="float64"), name="bi")(x)
    i = L.Bidirectional(L.LSTM(2, name="backward_y", trainable=False))(x)
    model = keras.Model(x, [a, b, c, d, *e, *f, *g, h, i])
    dump(G, "bidir_modes", model, ST)


def bidir_backward_layer():
    fresh()
    x = L.Input((10, 8))
    a = L.Bidirectional(L.LSTM(3), backward_layer=L.GRU(5, go_backwards=True))(x)
    b = L.Bidirectional(
        L.LSTM(4, return_sequences=True),
        backward_layer=L.LSTM(4, return_sequences=True, go_backwards=True, name="back"),
        merge_mode="concat",
    )(x)
    c = L.Bidirectional(L.RNN(L.GRUCell(2), return_sequences=True), merge_mode="ave")(x)
    model = keras.Model(x, [a, b, c])
    dump(G, "bidir_backward_layer", model)


def bidir_seq():
    fresh()
    model = keras.Sequential(
        [
            L.Input((None, 4)),
            L.Bidirectional(L.LSTM(3, return_sequences=True)),
            L.Bidirectional(L.GRU(2)),
            L.Dense(1, activation="sigmoid"),
        ],
        name="bi_seq",
    )
    dump(G, "bidir_seq", model, ST)


def time_distributed():
    fresh()
    x = L.Input((None, 8))
    a = L.TimeDistributed(L.Dense(5))(x)
    b = L.TimeDistributed(L.Dense(2, trainable=False))(x)
    c = L.TimeDistributed(L.Dense(3, dtype="float64"), name="td")(a)
    model = keras.Model(x, [a, b, c])
    dump(G, "time_distributed", model, ST)


def time_distributed_conv():
    fresh()
    model = keras.Sequential(
        [
            L.Input((6, 10, 10, 3)),
            L.TimeDistributed(L.Conv2D(4, 3)),
            L.TimeDistributed(L.MaxPooling2D(2)),
            L.TimeDistributed(L.Flatten()),
            L.LSTM(8),
            L.Dense(2),
        ]
    )
    dump(G, "time_distributed_conv", model)


def rnn_cells():
    fresh()
    x = L.Input((None, 8))
    a = L.LSTM(4)(x)
    b = L.RNN(L.SimpleRNNCell(3))(x)
    c = L.RNN(L.LSTMCell(3), return_sequences=True)(x)
    d = L.RNN(L.GRUCell(2, reset_after=False), return_state=True)(x)
    e = L.RNN([L.SimpleRNNCell(2), L.LSTMCell(3, use_bias=False)], return_state=True)(x)
    f = L.RNN(L.LSTMCell(3, trainable=False, dtype="float64"), name="frozen_cell")(x)
    g = L.RNN([L.GRUCell(4), L.GRUCell(2, name="top")], return_sequences=True)(x)
    model = keras.Model(x, [a, b, c, *d, *e, f, g])
    dump(G, "rnn_cells", model, ST)


def rnn_rank4():
    fresh()
    x = L.Input((5, 3, 8))
    y = L.RNN(L.LSTMCell(4), return_sequences=True)(x)
    model = keras.Model(x, y)
    dump(G, "rnn_rank4", model)


def errors():
    def e(name, f):
        fresh()
        dump_error(G, name, f)

    x3 = lambda: L.Input((None, 8))  # noqa: E731
    e("err_lstm_rank2", lambda: L.LSTM(4)(L.Input((8,))))
    e("err_gru_rank4", lambda: L.GRU(4)(L.Input((5, 3, 8))))
    e("err_units0", lambda: L.LSTM(0)(x3()))
    e("err_gru_units_neg", lambda: L.GRU(-1)(x3()))
    e("err_simple_units0", lambda: L.SimpleRNN(0)(x3()))
    e("err_feature_none", lambda: L.LSTM(4)(L.Input((5, None))))
    e("err_stateful_no_batch", lambda: L.LSTM(4, stateful=True)(x3()))
    e("err_bad_activation", lambda: L.LSTM(3, activation="nope")(x3()))
    e("err_td_rank2", lambda: L.TimeDistributed(L.Dense(3))(L.Input((8,))))
    e("err_td_inner", lambda: L.TimeDistributed(L.Conv2D(3, 5))(L.Input((4, 3, 3, 1))))
    e(
        "err_bidir_same_direction",
        lambda: L.Bidirectional(L.LSTM(3), backward_layer=L.LSTM(3))(x3()),
    )
    e(
        "err_bidir_go_backwards",
        lambda: L.Bidirectional(L.LSTM(3, go_backwards=True))(x3()),
    )
    e(
        "err_bidir_mismatch",
        lambda: L.Bidirectional(
            L.LSTM(3),
            backward_layer=L.LSTM(3, go_backwards=True, return_sequences=True),
        )(x3()),
    )
    e("err_rnn_rank2", lambda: L.RNN(L.LSTMCell(3))(L.Input((8,))))
    e("err_rnn_cell_units0", lambda: L.RNN(L.GRUCell(0))(x3()))


def conv_lstm_2d():
    fresh()
    x = L.Input((None, 10, 12, 3))
    a = L.ConvLSTM2D(4, 3)(x)
    b = L.ConvLSTM2D(
        2, (3, 5), padding="same", return_sequences=True, return_state=True
    )(x)
    c = L.ConvLSTM2D(2, 3, dilation_rate=2, use_bias=False)(x)
    d = L.ConvLSTM2D(3, 3, strides=(2, 1), activation="relu", go_backwards=True)(x)
    e = L.Bidirectional(L.ConvLSTM2D(2, 3, return_sequences=True))(x)
    model = keras.Model(x, [a, *b, c, d, e])
    dump(G, "conv_lstm_2d", model, ST)


def conv_lstm_channels_first():
    fresh()
    x = L.Input((None, 3, 10, 12))
    a = L.ConvLSTM2D(4, 3, data_format="channels_first", return_sequences=True)(x)
    b = L.ConvLSTM2D(2, (5, 3), strides=2, data_format="channels_first", padding="same")(x)
    y = L.Input((6, 2, 9))
    c = L.ConvLSTM1D(3, 4, data_format="channels_first", return_state=True)(y)
    model = keras.Model([x, y], [a, b, *c])
    dump(G, "conv_lstm_channels_first", model)


def conv_lstm_1d_3d():
    fresh()
    x = L.Input((5, 10, 3))
    a = L.ConvLSTM1D(2, 3, strides=2)(x)
    b = L.ConvLSTM1D(0, 3, name="empty")(x)
    y = L.Input((4, 5, 6, 7, 3))
    c = L.ConvLSTM3D(2, 3, strides=2, padding="same", return_state=True)(y)
    d = L.ConvLSTM3D(1, (1, 2, 3), return_sequences=True, dtype="float64")(y)
    model = keras.Model([x, y], [a, b, *c, d])
    dump(G, "conv_lstm_1d_3d", model, ST)


def conv_lstm_seq():
    fresh()
    model = keras.Sequential(
        [
            L.Input((None, 16, 16, 1)),
            L.ConvLSTM2D(8, 3, padding="same", return_sequences=True),
            L.BatchNormalization(),
            L.ConvLSTM2D(4, 3),
            L.Flatten(),
            L.Dense(1),
        ]
    )
    dump(G, "conv_lstm_seq", model)


def conv_lstm_errors():
    def e(name, f):
        fresh()
        dump_error(G, name, f)

    e("err_convlstm_rank", lambda: L.ConvLSTM2D(2, 3)(L.Input((4, 10, 3))))
    e("err_convlstm_spatial_none", lambda: L.ConvLSTM2D(2, 3)(L.Input((None, None, 8, 2))))
    e("err_convlstm_channel_none", lambda: L.ConvLSTM2D(2, 3)(L.Input((4, 5, 5, None))))
    e("err_convlstm_too_big", lambda: L.ConvLSTM2D(2, 5)(L.Input((4, 3, 3, 1))))
    e("err_convlstm_strides_dilation", lambda: L.ConvLSTM2D(2, 3, strides=2, dilation_rate=2)(L.Input((4, 9, 9, 1))))
    e("err_convlstm_causal", lambda: L.ConvLSTM1D(2, 3, padding="causal")(L.Input((4, 9, 1))))
    e("err_convlstm_stateful", lambda: L.ConvLSTM1D(2, 3, stateful=True)(L.Input((4, 9, 1))))
    e("err_convlstm_filters_neg", lambda: L.ConvLSTM1D(-2, 3)(L.Input((4, 9, 1))))


def nested_wrappers():
    fresh()
    x = L.Input((5, 7, 8))
    a = L.TimeDistributed(L.LSTM(3))(x)
    b = L.TimeDistributed(L.Bidirectional(L.GRU(2, return_sequences=True)))(x)
    c = L.TimeDistributed(L.Dense(4, name="proj"))(x)
    y = L.Input((None, 6))
    d = L.Bidirectional(L.RNN([L.LSTMCell(2), L.GRUCell(3)]))(y)
    e = L.RNN(L.LSTMCell(3), dtype="float64")(y)
    f = L.Bidirectional(
        L.LSTM(2), backward_layer=L.RNN(L.LSTMCell(2), go_backwards=True)
    )(y)
    g = L.Bidirectional(L.SimpleRNN(2, return_state=True), merge_mode=None)(y)
    model = keras.Model([x, y], [a, b, c, d, e, f, *g])
    dump(G, "nested_wrappers", model, ST)


def time_distributed_model():
    fresh()
    inner = keras.Sequential([L.Input((4,)), L.Dense(2), L.Dense(3)], name="step")
    x = L.Input((3, 4))
    y = L.TimeDistributed(inner)(x)
    model = keras.Model(x, y)
    dump(G, "time_distributed_model", model)


def seq_return_state():
    fresh()
    model = keras.Sequential([L.Input((3, 4)), L.LSTM(2, return_state=True)])
    dump(G, "seq_return_state", model)
    fresh()
    dump_error(
        G,
        "err_seq_return_state_then_dense",
        lambda: keras.Sequential(
            [L.Input((3, 4)), L.LSTM(2, return_state=True), L.Dense(1)]
        ),
    )


def wrapper_dtypes():
    fresh()
    x = L.Input((None, 6))
    a = L.Bidirectional(L.LSTM(3), dtype="float16")(x)
    b = L.TimeDistributed(L.Dense(2), dtype="float64")(x)
    c = L.RNN(L.GRUCell(2), dtype="float16")(x)
    d = L.RNN([L.GRUCell(2, dtype="float64"), L.SimpleRNNCell(3)])(x)
    e = L.GRU(2, dtype="float64", trainable=False, return_sequences=True)(x)
    model = keras.Model(x, [a, b, c, d, e])
    dump(G, "wrapper_dtypes", model, ST)


for f in [
    lstm_variants,
    gru_variants,
    simple_rnn_variants,
    seq_stack,
    stateful,
    bidir_modes,
    bidir_backward_layer,
    bidir_seq,
    time_distributed,
    time_distributed_conv,
    rnn_cells,
    rnn_rank4,
    errors,
    conv_lstm_2d,
    conv_lstm_channels_first,
    conv_lstm_1d_3d,
    conv_lstm_seq,
    conv_lstm_errors,
    nested_wrappers,
    time_distributed_model,
    seq_return_state,
    wrapper_dtypes,
]:
    f()


def frozen_wrappers():
    # A wrapper's trainable=False freezes only what the wrapper creates:
    # the wrapped layer's weights stay trainable (Keras 3.15.1).
    fresh()
    x = L.Input((5, 3))
    a = L.Bidirectional(L.LSTM(2, return_sequences=True), trainable=False)(x)
    b = L.TimeDistributed(L.Dense(4), trainable=False)(a)
    c = L.RNN(L.GRUCell(3), trainable=False)(b)
    d = L.LSTM(2, trainable=False)(b)
    e = L.SimpleRNN(2)(b)
    model = keras.Model(x, [c, d, e], name="frozen_wrappers")
    dump(G, "frozen_wrappers", model, ST)


frozen_wrappers()
