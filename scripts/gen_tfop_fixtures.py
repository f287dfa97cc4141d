"""Fixtures for tf.keras 2 `TFOpLambda` / `SlicingOpLambda` import.

    COLUMNS=200 /work/.venv-keras/bin/python scripts/gen_tfop_fixtures.py

Builds, with tf_keras 2.21.0 (not Keras 3), small functional models that
apply TensorFlow operations straight to symbolic tensors, and writes to
tests/fixtures/tfop/:

- `<name>.config.json`: `model.to_json()`;
- `<name>__default.txt`: the exact stdout of `model.summary()`.

Twin: tests/tfop_import.rs.
"""

import contextlib
import io
import os
import pathlib

os.environ.setdefault("COLUMNS", "200")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import tensorflow as tf  # noqa: E402
import tf_keras as keras  # noqa: E402
from tf_keras import layers as L  # noqa: E402

assert keras.__version__ == "2.21.0", keras.__version__

OUT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "tfop"


def dump(name, model):
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{name}.config.json").write_text(model.to_json())
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        model.summary()
    (OUT / f"{name}__default.txt").write_text(buf.getvalue())


def fresh():
    keras.backend.clear_session()


def add_const():
    fresh()
    x = keras.Input((4, 8))
    y = x + 1.0
    z = L.Dense(3)(y)
    return keras.Model(x, z)


def mul_two():
    fresh()
    a = keras.Input((4, 8))
    b = keras.Input((8,))
    c = L.Dense(8)(b)
    c = tf.reshape(c, (-1, 1, 8))
    y = a * c
    return keras.Model([a, b], y)


def reshape_concat():
    fresh()
    a = keras.Input((6, 4))
    b = keras.Input((3, 8))
    r = tf.reshape(a, (-1, 3, 8))
    y = tf.concat([r, b], axis=1)
    return keras.Model([a, b], y)


def reduce_relu():
    fresh()
    x = keras.Input((5, 7))
    h = L.Dense(6)(x)
    h = tf.nn.relu(h)
    m = tf.reduce_mean(h, axis=1)
    return keras.Model(x, m)


def slicing():
    fresh()
    x = keras.Input((6, 4))
    s = x[:, 1:3]
    y = L.Dense(2)(s)
    return keras.Model(x, y)


def mixed():
    fresh()
    x = keras.Input((10,))
    h = L.Dense(4)(x)
    h = h * 2.0
    h = tf.nn.relu(h)
    h = h + x[:, :4]
    m = tf.reduce_mean(h, axis=1)
    return keras.Model(x, m)


def more_ops():
    fresh()
    x = keras.Input((3, 5))
    t = tf.transpose(x, perm=[0, 2, 1])
    s = tf.reduce_sum(t, axis=-1, keepdims=True)
    d = t - s
    q = d / 2.0
    m = tf.maximum(q, t)
    e = m[..., 0]
    n = e[:, None]
    return keras.Model(x, n)


for fn in [add_const, mul_two, reshape_concat, reduce_relu, slicing, mixed, more_ops]:
    dump(fn.__name__, fn())
