"""Fixtures for Keras 3 operations applied to symbolic tensors
(`keras.src.ops.numpy` nodes in Functional configs).

    COLUMNS=200 .venv-keras/bin/python scripts/gen_ops_fixtures.py

Each model here has a twin in tests/ops.rs; tests/config_import.rs imports
every config.
"""

from kfix import dump, dump_error, fresh
import keras
from keras import layers as L, ops

G = "ops"


def binary():
    fresh()
    x = L.Input((4, 8), name="x")
    y = L.Input((8,), name="y")
    a = x + 1.0
    b = a * y
    c = 2.0 - b
    d = c / y
    e = ops.subtract(d, x)
    f = ops.multiply(0.5, e)
    g = ops.maximum(f, 0.0)
    h = ops.minimum(g, y)
    i = ops.power(h, 2)
    out = L.Dense(3)(i)
    dump(
        G,
        "binary",
        keras.Model([x, y], out, name="binary"),
        {"show_trainable": {"show_trainable": True}},
    )


def broadcast_none():
    fresh()
    x = L.Input((None, 1, 5), name="x")
    y = L.Input((7, 1), name="y")
    z = ops.add(x, y)
    z = ops.divide(z, 3)
    z = L.Dense(2)(z)
    z = ops.multiply(z, z)
    dump(G, "broadcast_none", keras.Model([x, y], z, name="broadcast_none"))


def reshape_transpose():
    fresh()
    x = L.Input((6, 4), name="x")
    a = ops.reshape(x, (-1, 3, 8))
    b = ops.transpose(a, (0, 2, 1))
    c = ops.transpose(b)
    d = ops.reshape(c, (-1, 24))
    out = L.Dense(5)(d)
    dump(G, "reshape_transpose", keras.Model(x, out, name="reshape_transpose"))


def reduce_ops():
    fresh()
    x = L.Input((6, 4, 3), name="x")
    a = ops.mean(x, axis=1)
    b = ops.sum(x, axis=(1, 2), keepdims=True)
    c = ops.mean(x, axis=-1, keepdims=True)
    d = ops.sum(a, axis=-1)
    out = L.Dense(2)(d)
    dump(G, "reduce_ops", keras.Model(x, [out, b, c], name="reduce_ops"))


def reduce_more():
    fresh()
    x = L.Input((None, 4, 3), name="x")
    a = ops.max(x, axis=1)
    b = ops.min(x, axis=(-1, 1), keepdims=True)
    c = ops.prod(x, axis=2)
    d = ops.sum(x)
    e = ops.mean(x, keepdims=True)
    dump(G, "reduce_more", keras.Model(x, [a, b, c, d, e], name="reduce_more"))


def concat():
    fresh()
    x = L.Input((6, 4), name="x")
    y = L.Input((6, 2), name="y")
    a = ops.concatenate([x, y], axis=-1)
    b = ops.concatenate([a, a], axis=1)
    out = L.Dense(3)(b)
    dump(G, "concat", keras.Model([x, y], out, name="concat"))


def get_item():
    fresh()
    x = L.Input((6, 4, 3), name="x")
    a = x[:, 1:5:2, ..., 0]
    b = x[:, 2]
    c = x[..., None, -1]
    d = x[:, ::-2, -3:]
    e = ops.get_item(x, 1)
    f = x[:, 0, 1, 2]
    dump(G, "get_item", keras.Model(x, [a, b, c, d, e, f], name="get_item"))


def slice_lengths():
    """Python's slice lengths, the rule GetItem uses for known sizes."""
    import json
    from kfix import ROOT

    vals = [None, -7, -3, -1, 0, 1, 2, 5, 9]
    rows = []
    for length in [0, 1, 4, 7]:
        for start in vals:
            for stop in vals:
                for step in [None, -3, -1, 1, 2]:
                    n = len(range(*slice(start, stop, step).indices(length)))
                    rows.append([start, stop, step, length, n])
    (ROOT / G / "slice_lengths.json").write_text(json.dumps(rows) + "\n")


def app_layers():
    """The Applications' helper layers, with the ops they come with."""
    from keras.src.applications.convnext import LayerScale
    from keras.src.applications.inception_resnet_v2 import CustomScaleLayer

    fresh()
    x = L.Input((7, 7, 16), name="x")
    a = LayerScale(1e-6, 16)(x)
    b = LayerScale(0.5, 16, trainable=False)(a)
    c = CustomScaleLayer(0.17)([x, b])
    d = x + c
    e = L.Conv2D(8, 1)(d)
    f = LayerScale(1e-6, 8, name="named_scale")(e)
    dump(
        G,
        "app_layers",
        keras.Model(x, f, name="app_layers"),
        {"show_trainable": {"show_trainable": True}},
    )


def errors():
    def bad_broadcast():
        fresh()
        ops.add(L.Input((4, 3)), L.Input((5,)))

    def bad_reshape_size():
        fresh()
        ops.reshape(L.Input((4, 3), batch_size=2), (-1, 5))

    def reshape_unknown_batch():
        fresh()
        ops.reshape(L.Input((4, 3)), (-1, 5))

    def bad_transpose():
        fresh()
        ops.transpose(L.Input((4, 3)), (0, 1))

    dump_error(G, "err_broadcast", bad_broadcast)
    dump_error(G, "err_reshape_size", bad_reshape_size)
    dump_error(G, "ok_reshape_unknown_batch", reshape_unknown_batch)
    dump_error(G, "err_transpose", bad_transpose)

    def bad_index():
        fresh()
        L.Input((4, 3))[:, 4]

    dump_error(G, "err_get_item_index", bad_index)


for f in [app_layers, slice_lengths, errors, get_item, binary, broadcast_none, reshape_transpose, reduce_ops, reduce_more, concat]:
    f()
