"""Fixtures for Keras 3 masks in Functional models: `Embedding(mask_zero=True)`
and `Masking` record the mask computation as operation nodes
(`keras.src.ops.*`: NotEqual, Any, ...) and pass the mask to downstream
layers as a `mask=` keyword tensor in the call's kwargs.

    COLUMNS=200 .venv-keras/bin/python scripts/gen_mask_fixtures.py

Twin: tests/mask.rs; tests/config_import.rs imports every config.
"""

from kfix import dump, fresh
import keras
from keras import layers as L, ops

G = "mask"
V = {"show_trainable": {"show_trainable": True}}


def emb_lstm():
    fresh()
    x = L.Input((12,), name="tokens", dtype="int32")
    e = L.Embedding(100, 8, mask_zero=True)(x)
    h = L.LSTM(6)(e)
    out = L.Dense(2)(h)
    dump(G, "emb_lstm", keras.Model(x, out, name="emb_lstm"), V)


def emb_gru_bidi():
    fresh()
    x = L.Input((None,), name="tokens", dtype="int32")
    e = L.Embedding(50, 4, mask_zero=True)(x)
    h = L.Bidirectional(L.GRU(3, return_sequences=True))(e)
    h = L.LSTM(5)(h)
    out = L.Dense(1)(h)
    dump(G, "emb_gru_bidi", keras.Model(x, out, name="emb_gru_bidi"))


def emb_mha():
    fresh()
    x = L.Input((10,), name="tokens", dtype="int32")
    e = L.Embedding(30, 8, mask_zero=True)(x)
    a = L.MultiHeadAttention(num_heads=2, key_dim=4)(e, e)
    out = L.Dense(3)(a)
    dump(G, "emb_mha", keras.Model(x, out, name="emb_mha"))


def emb_pool():
    fresh()
    x = L.Input((7,), name="tokens", dtype="int32")
    e = L.Embedding(20, 6, mask_zero=True)(x)
    p = L.GlobalAveragePooling1D()(e)
    out = L.Dense(2)(p)
    dump(G, "emb_pool", keras.Model(x, out, name="emb_pool"))


def masking_lstm():
    fresh()
    x = L.Input((9, 3), name="seq")
    m = L.Masking(mask_value=0.0)(x)
    h = L.LSTM(4, return_sequences=True)(m)
    h = L.GRU(2)(h)
    out = L.Dense(1)(h)
    dump(G, "masking_lstm", keras.Model(x, out, name="masking_lstm"))


def merge_add():
    fresh()
    a = L.Input((6,), name="a", dtype="int32")
    b = L.Input((6,), name="b", dtype="int32")
    ea = L.Embedding(40, 5, mask_zero=True)(a)
    eb = L.Embedding(40, 5, mask_zero=True)(b)
    s = L.Add()([ea, eb])
    h = L.LSTM(3)(s)
    out = L.Dense(1)(h)
    dump(G, "merge_add", keras.Model([a, b], out, name="merge_add"))


def merge_concat():
    fresh()
    a = L.Input((6,), name="a", dtype="int32")
    b = L.Input((6,), name="b", dtype="int32")
    ea = L.Embedding(40, 5, mask_zero=True)(a)
    eb = L.Embedding(40, 3, mask_zero=True)(b)
    s = L.Concatenate()([ea, eb])
    h = L.GRU(4)(s)
    out = L.Dense(2)(h)
    dump(G, "merge_concat", keras.Model([a, b], out, name="merge_concat"))


def merge_multiply():
    fresh()
    a = L.Input((6,), name="a", dtype="int32")
    b = L.Input((6,), name="b", dtype="int32")
    ea = L.Embedding(40, 5, mask_zero=True)(a)
    eb = L.Embedding(40, 5, mask_zero=True)(b)
    s = L.Multiply()([ea, eb])
    h = L.LSTM(3)(s)
    dump(G, "merge_multiply", keras.Model([a, b], h, name="merge_multiply"))


def emb_dense_lstm():
    fresh()
    x = L.Input((8,), name="tokens", dtype="int32")
    e = L.Embedding(25, 4, mask_zero=True)(x)
    d = L.Dense(6, activation="relu")(e)
    d = L.Dropout(0.1)(d)
    h = L.LSTM(3, return_sequences=True)(d)
    t = L.TimeDistributed(L.Dense(2))(h)
    dump(G, "emb_dense_lstm", keras.Model(x, t, name="emb_dense_lstm"))


def emb_attention():
    fresh()
    q = L.Input((5,), name="q", dtype="int32")
    v = L.Input((7,), name="v", dtype="int32")
    eq = L.Embedding(30, 4, mask_zero=True)(q)
    ev = L.Embedding(30, 4, mask_zero=True)(v)
    a = L.Attention()([eq, ev])
    p = L.GlobalAveragePooling1D()(a)
    dump(G, "emb_attention", keras.Model([q, v], p, name="emb_attention"))


def masking_bidi():
    fresh()
    x = L.Input((None, 4), name="seq")
    m = L.Masking(mask_value=-1.0)(x)
    h = L.Bidirectional(L.LSTM(3))(m)
    dump(G, "masking_bidi", keras.Model(x, h, name="masking_bidi"))


def bool_ops():
    fresh()
    x = L.Input((4, 3), name="x")
    y = L.Input((3,), name="y")
    a = ops.equal(x, 0.0)
    b = ops.not_equal(x, y)
    c = ops.logical_and(a, b)
    d = ops.all(c, axis=-1)
    e = ops.expand_dims(d, -1)
    h = ops.expand_dims(y, 0)
    f = ops.logical_or(e, ops.zeros_like(x, dtype="bool"))
    g = ops.any(f, axis=1)
    dump(G, "bool_ops", keras.Model([x, y], [d, g, h], name="bool_ops"))


if __name__ == "__main__":
    bool_ops()
    merge_multiply()
    emb_dense_lstm()
    emb_attention()
    masking_bidi()
    emb_lstm()
    emb_gru_bidi()
    emb_mha()
    emb_pool()
    masking_lstm()
    merge_add()
    merge_concat()
