"""Fixtures for the tf.keras 2 summary renderer (src/render/keras2.rs).

    COLUMNS=200 .venv-keras/bin/python scripts/gen_keras2_fixtures.py

Builds, with tf_keras 2.21.0 (not Keras 3), the models of
scripts/gen_core_fixtures.py that use only layers kerasinfo has, and writes
to tests/fixtures/keras2/:

- `<name>__<variant>.txt`: the exact stdout of `model.summary(**kwargs)`;
- `<name>.json`: per-layer data (tf.keras 2 weight names such as
  `dense/kernel:0`), totals and the variants' keyword arguments;
- `<name>.config.json`: `model.to_json()`;
- `<name>__<variant>.reloaded.txt`, only where it differs from the
  original's: what tf.keras prints for the model reloaded from its config.

Twins: tests/render_keras2.rs (builder) and tests/render_keras2_import.rs
(configs).
"""

import contextlib
import io
import json
import os
import pathlib
import sys

os.environ.setdefault("COLUMNS", "200")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import tf_keras as keras  # noqa: E402
from tf_keras import layers as L  # noqa: E402

assert keras.__version__ == "2.21.0", keras.__version__

OUT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "keras2"
ST = {"show_trainable": {"show_trainable": True}}
NESTED = {
    **ST,
    "expand_nested": {"expand_nested": True},
    "expand_nested_trainable": {"expand_nested": True, "show_trainable": True},
}


def summary_text(model, **kwargs):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        model.summary(**kwargs)
    return buf.getvalue()


def output_shape(layer):
    try:
        return str(layer.output_shape)
    except AttributeError:
        return "multiple"


def describe_layer(layer):
    # tf.keras 2 keeps a frozen layer's variables `trainable=True`; what
    # counts is whether the layer lists them in `trainable_weights`.
    trainable_ids = {id(w) for w in layer.trainable_weights}
    return {
        "name": layer.name,
        "class_name": layer.__class__.__name__,
        "output_shape": output_shape(layer),
        "params": layer.count_params() if layer.built else 0,
        "trainable": bool(layer.trainable),
        "weights": [
            {
                "name": w.name,
                "shape": list(w.shape),
                "trainable": id(w) in trainable_ids,
                "dtype": w.dtype.name,
            }
            for w in layer.weights
        ],
    }


def describe(model):
    tw = int(sum(w.shape.num_elements() for w in model.trainable_weights))
    nw = int(sum(w.shape.num_elements() for w in model.non_trainable_weights))
    return {
        "name": model.name,
        "class_name": model.__class__.__name__,
        "total_params": tw + nw,
        "trainable_params": tw,
        "non_trainable_params": nw,
        "layers": [describe_layer(layer) for layer in model.layers],
    }


def dump(name, model, variants=None):
    variants = dict(variants or {})
    variants.setdefault("default", {})
    OUT.mkdir(parents=True, exist_ok=True)
    data = describe(model)
    data["variants"] = variants
    for vname, kwargs in variants.items():
        (OUT / f"{name}__{vname}.txt").write_text(
            summary_text(model, **kwargs), encoding="utf-8"
        )
    config = model.to_json()
    (OUT / f"{name}.config.json").write_text(config + "\n", encoding="utf-8")
    fresh()
    reloaded = keras.models.model_from_json(config)
    data["roundtrip_same"] = summary_text(reloaded) == summary_text(model)
    # What tf.keras itself prints for the reloaded config, where the config
    # loses something (e.g. a nested Sequential's own `trainable` flag): the
    # reference for the config importer.
    data["reloaded_differs"] = []
    for vname, kwargs in variants.items():
        text = summary_text(reloaded, **kwargs)
        path = OUT / f"{name}__{vname}.reloaded.txt"
        if text != (OUT / f"{name}__{vname}.txt").read_text(encoding="utf-8"):
            path.write_text(text, encoding="utf-8")
            data["reloaded_differs"].append(vname)
        elif path.exists():
            path.unlink()
    (OUT / f"{name}.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"keras2/{name}: {data['total_params']} params", file=sys.stderr)


def fresh():
    keras.backend.clear_session()


def seed():
    fresh()
    X_input = L.Input((64, 64, 3))
    X = L.ZeroPadding2D((3, 3))(X_input)
    X = L.Conv2D(32, (7, 7), strides=(1, 1), name="conv0")(X)
    X = L.BatchNormalization(axis=3, name="bn0")(X)
    X = L.Activation("relu")(X)
    X = L.MaxPooling2D((2, 2), name="max_pool")(X)
    X = L.Flatten()(X)
    X = L.Dense(1, activation="sigmoid", name="fc")(X)
    model = keras.Model(inputs=X_input, outputs=X, name="myModel")
    dump("seed", model, ST)


def seq_mlp():
    fresh()
    model = keras.Sequential(
        [
            L.Input((784,)),
            L.Dense(128, activation="relu"),
            L.Dropout(0.2),
            L.Dense(10, activation="softmax"),
        ]
    )
    dump(
        "seq_mlp",
        model,
        {
            **ST,
            "line120": {"line_length": 120},
            "positions": {"positions": [0.5, 0.8, 1.0]},
            "positions_abs": {"positions": [30, 50, 70]},
            "line40": {"line_length": 40},
            "line60_trainable": {"line_length": 60, "show_trainable": True},
            # layer_range: re.match at the start of names, both ends inclusive.
            "range": {"layer_range": ["dropout", "dense_1"]},
            "range_prefix": {"layer_range": ["dense", "dense"]},
            "range_reversed": {"layer_range": ["dense_1", "dropout"]},
            # Patterns are regular expressions (re.match), not literal names.
            "range_regex": {"layer_range": ["dr.p", "dense_[01]$"]},
            "range_alternation": {"layer_range": ["dense$|dropout", "d(ro|en)"]},
        },
    )


def seq_cnn():
    fresh()
    model = keras.Sequential(
        [
            L.Input((28, 28, 1)),
            L.Conv2D(32, 3, padding="same", activation="relu"),
            L.BatchNormalization(),
            L.MaxPooling2D(),
            L.Conv2D(64, (3, 3), strides=2, activation="relu"),
            L.AveragePooling2D(pool_size=(2, 2), strides=1, padding="same"),
            L.GlobalAveragePooling2D(),
            L.Dropout(0.5),
            L.Dense(10),
        ],
        name="cnn",
    )
    dump("seq_cnn", model, ST)


def channels_first():
    fresh()
    model = keras.Sequential(
        [
            L.Input((3, 32, 30)),
            L.ZeroPadding2D(((1, 2), (3, 4)), data_format="channels_first"),
            L.Conv2D(16, (5, 3), data_format="channels_first"),
            L.BatchNormalization(axis=1),
            L.MaxPooling2D((2, 3), data_format="channels_first"),
            L.AveragePooling2D(3, strides=2, padding="same", data_format="channels_first"),
            L.GlobalAveragePooling2D(data_format="channels_first", keepdims=True),
            L.Flatten(),
        ],
        name="channels_first",
    )
    dump("channels_first", model)


def conv_args():
    fresh()
    inp = L.Input((40, 40, 8))
    x = L.Conv2D(16, 3, groups=4, use_bias=False, name="grouped")(inp)
    x = L.Conv2D(16, (3, 5), dilation_rate=(2, 1), name="dilated")(x)
    x = L.Conv2D(12, (4, 4), strides=(2, 1), padding="same", name="strided_same")(x)
    x = L.Conv2D(6, 1, strides=3, name="pointwise")(x)
    model = keras.Model(inp, x, name="conv_args")
    dump("conv_args", model, ST)


def residual():
    fresh()
    inp = L.Input((32, 32, 16), name="img")
    x = L.Conv2D(16, 3, padding="same")(inp)
    x = L.BatchNormalization()(x)
    x = L.Activation("relu")(x)
    x = L.Conv2D(16, 3, padding="same")(x)
    x = L.BatchNormalization()(x)
    x = L.Add()([x, inp])
    x = L.Activation("relu")(x)
    x = L.GlobalAveragePooling2D()(x)
    out = L.Dense(10, activation="softmax")(x)
    model = keras.Model(inp, out, name="residual")
    dump("residual", model, {**ST, "line150": {"line_length": 150}})


def multi_io():
    fresh()
    a = L.Input((16,), name="left")
    b = L.Input((8,), name="right")
    xa = L.Dense(32, activation="relu")(a)
    xb = L.Dense(32, activation="relu")(b)
    x = L.Concatenate()([xa, xb])
    out1 = L.Dense(1, name="score")(x)
    out2 = L.Dense(5, activation="softmax", name="category")(x)
    model = keras.Model([a, b], [out1, out2], name="multi_io")
    dump("multi_io", model, ST)


def shared_layer():
    fresh()
    a = L.Input((20,))
    b = L.Input((20,))
    shared = L.Dense(64, activation="relu", name="shared_dense")
    ya = shared(a)
    yb = shared(b)
    x = L.Add()([ya, yb])
    out = L.Dense(1)(x)
    model = keras.Model([a, b], out)
    dump("shared_layer", model, ST)


def shared_shapes():
    # A shared layer whose calls output different shapes: "multiple".
    fresh()
    a = L.Input((4, 6))
    b = L.Input((6,))
    shared = L.Dense(3, name="shared")
    ya = L.Flatten()(shared(a))
    yb = shared(b)
    x = L.Concatenate()([ya, yb])
    model = keras.Model([a, b], x, name="shared_shapes")
    dump("shared_shapes", model, ST)


def shared_chain():
    fresh()
    inp = L.Input((10,))
    d = L.Dense(10)
    x = d(inp)
    x = d(x)
    model = keras.Model(inp, x, name="shared_chain")
    dump("shared_chain", model)


def nested():
    fresh()
    inner = keras.Sequential(
        [L.Input((12,)), L.Dense(8, activation="relu"), L.BatchNormalization(), L.Dense(4)],
        name="encoder",
    )
    inp = L.Input((12,))
    x = inner(inp)
    out = L.Dense(2)(x)
    model = keras.Model(inp, out, name="outer")
    dump("nested", model, NESTED)


def nested_frozen():
    fresh()
    i2 = L.Input((6, 6, 3))
    y = L.Conv2D(4, 3)(i2)
    y = L.BatchNormalization()(y)
    backbone = keras.Model(i2, y, name="backbone")
    backbone.trainable = False
    inp = L.Input((6, 6, 3))
    x = backbone(inp)
    x = L.Flatten()(x)
    out = L.Dense(3)(x)
    model = keras.Model(inp, out, name="frozen_backbone")
    dump("nested_frozen", model, NESTED)


def nested_branches():
    # A nested functional model in a non-sequential outer model.
    fresh()
    i2 = L.Input((8,), name="tower_in")
    t = L.Dense(6, name="tower_dense")(i2)
    t = L.Dropout(0.1, name="tower_drop")(t)
    tower = keras.Model(i2, t, name="tower")
    a = L.Input((8,), name="a")
    b = L.Input((8,), name="b")
    x = L.Concatenate(name="cat")([tower(a), L.Dense(6, name="side")(b)])
    out = L.Dense(2, name="head")(x)
    model = keras.Model([a, b], out, name="nested_branches")
    dump("nested_branches", model, {**NESTED, "expand_nested_line120": {"expand_nested": True, "line_length": 120}})


def deep_nested():
    # Two levels of nesting (frames `||`), a two-output nested model, and a
    # frozen inner Sequential.
    fresh()
    inner = keras.Sequential(
        [L.Input((6,)), L.Dense(5, name="inner_dense"), L.BatchNormalization(name="inner_bn")],
        name="inner",
    )
    inner.trainable = False
    m_in = L.Input((6,), name="mid_in")
    h = inner(m_in)
    o1 = L.Dense(4, name="mid_a")(h)
    o2 = L.Dense(2, name="mid_b")(h)
    mid = keras.Model(m_in, [o1, o2], name="mid")
    inp = L.Input((6,), name="x")
    a, b = mid(inp)
    out = L.Concatenate(name="join")([a, b])
    model = keras.Model(inp, out, name="deep_nested")
    dump("deep_nested", model, {**NESTED, "expand_nested_line70": {"expand_nested": True, "line_length": 70}})


def shared_nested():
    # One nested model called twice: node indices 0 and 1 (1 and 2 in the
    # config, which counts the nested model's own construction node).
    fresh()
    t_in = L.Input((5,), name="t_in")
    tower = keras.Model(t_in, L.Dense(5, name="t_dense")(t_in), name="tower")
    a = L.Input((5,), name="a")
    b = L.Input((5,), name="b")
    x = L.Add(name="sum")([tower(a), tower(b)])
    model = keras.Model([a, b], [x, tower(x)], name="shared_nested")
    dump("shared_nested", model, NESTED)


def nested_unknown():
    # A nested model's Output Shape is its own output shape (built on an
    # unknown length), not that of its call on a known length.
    fresh()
    i = L.Input((None, 3), name="seq_in")
    t = keras.Model(i, L.Dense(2, name="proj")(i), name="any_length")
    x = L.Input((10, 3), name="ten_steps")
    y = L.Flatten(name="flat")(t(x))
    model = keras.Model(x, y, name="nested_unknown")
    dump("nested_unknown", model, {**ST, "expand_nested": {"expand_nested": True}})


def scalar_input():
    # Rank-1 shapes print as Python 1-tuples: `(None,)`.
    fresh()
    a = L.Input((), name="a")
    b = L.Input((), name="b")
    x = L.Add(name="sum")([a, b])
    x = L.Activation("relu", name="act")(x)
    model = keras.Model([a, b], x, name="scalar_input")
    dump("scalar_input", model, ST)


def mixed_dtypes():
    fresh()
    model = keras.Sequential(
        [
            L.Input((4,)),
            L.Dense(3, dtype="float64", name="d64"),
            L.Dense(2, dtype="float16", name="d16"),
            # Not BatchNormalization(dtype="float16"): tf.keras 2 keeps its
            # variables float32, Keras 3 (and kerasinfo) make them float16.
        ],
        name="mixed_dtypes",
    )
    dump("mixed_dtypes", model, ST)


def frozen_layers():
    fresh()
    model = keras.Sequential(
        [
            L.Input((10,)),
            L.Dense(32, trainable=False, name="frozen_dense"),
            L.BatchNormalization(name="frozen_bn", trainable=False),
            L.Dense(16),
            L.BatchNormalization(center=False, scale=False),
            L.Dropout(0.1),
            L.Dense(1),
        ],
        name="partly_frozen",
    )
    dump("frozen_layers", model, ST)


def frozen_model():
    fresh()
    model = keras.Sequential([L.Input((5,)), L.Dense(3), L.Dense(2)], name="all_frozen")
    model.trainable = False
    dump("frozen_model", model, ST)


def long_names():
    fresh()
    inp = L.Input((8,), name="an_input_with_a_really_quite_long_name_for_wrapping")
    branches = []
    for i in range(4):
        branches.append(L.Dense(4, name=f"branch_number_{i}_with_a_long_descriptive_name")(inp))
    x = L.Concatenate(name="concatenate_all_the_branches_together_please")(branches)
    x = L.Dense(3, name="averyveryveryveryveryveryveryveryverylongnamewithoutanybreaks")(x)
    model = keras.Model(inp, x, name="long_names")
    dump("long_names", model, {**ST, "line80": {"line_length": 80}, "line60": {"line_length": 60}})


def long_seq():
    fresh()
    model = keras.Sequential(
        [
            L.Input((8, 8, 3)),
            L.Conv2D(4, 3, name="a_convolution_layer_with_a_long_name"),
            L.BatchNormalization(name="batchnorm_with_an_extremely_long_name_that_wraps_twice_over"),
            L.Flatten(),
        ],
        name="long_seq",
    )
    dump("long_seq", model, {**ST, "line40": {"line_length": 40}})


def bn_variants():
    fresh()
    model = keras.Sequential(
        [
            L.Input((4, 6, 5)),
            L.BatchNormalization(center=False),
            L.BatchNormalization(scale=False),
            L.BatchNormalization(axis=1),
            L.BatchNormalization(axis=-2, center=False, scale=False),
        ],
        name="bn_variants",
    )
    dump("bn_variants", model)


def unknown_dims():
    fresh()
    img = L.Input((None, None, 3), name="any_size_image")
    seq = L.Input((None, 16), name="sequence")
    x = L.Conv2D(8, 3, padding="same")(img)
    x = L.MaxPooling2D()(x)
    x = L.GlobalAveragePooling2D()(x)
    y = L.Dense(8)(seq)
    y2 = L.Dropout(0.3)(y)
    model = keras.Model([img, seq], [x, y2], name="unknown_dims")
    dump("unknown_dims", model)


def concat_axis():
    fresh()
    a = L.Input((4, 5))
    b = L.Input((3, 5))
    c = L.Input((2, 5))
    x = L.Concatenate(axis=1)([a, b, c])
    y = L.Concatenate(axis=-1)([x, x])
    model = keras.Model([a, b, c], y, name="concat_axis")
    dump("concat_axis", model)


def batch_size_input():
    fresh()
    inp = L.Input((10,), batch_size=8)
    x = L.Dense(5)(inp)
    model = keras.Model(inp, x)
    dump("batch_size_input", model)


def narrow():
    fresh()
    a = L.Input((3,))
    b = L.Input((3,))
    x = L.Add()([a, b])
    x = L.Dense(2)(x)
    model = keras.Model([a, b], x, name="narrow")
    dump("narrow", model, {"line60": {"line_length": 60}, "line70_trainable": {"line_length": 70, "show_trainable": True}})


def big_counts():
    fresh()
    model = keras.Sequential(
        [
            L.Input((7, 7, 512)),
            L.Flatten(name="flatten"),
            L.Dense(4096, activation="relu", name="fc1"),
            L.Dense(4096, activation="relu", name="fc2"),
            L.Dense(1000, activation="softmax", name="predictions"),
        ],
        name="vgg_head",
    )
    dump("big_counts", model)


def auto_names():
    fresh()
    model = keras.Sequential(
        [
            L.Input((6,)),
            L.Dense(5),
            L.Activation("relu"),
            L.Dense(4),
            L.Activation("tanh"),
            L.Dense(3),
            L.Dropout(0.1),
            L.Dropout(0.2),
        ]
    )
    dump("auto_names", model)


def branches():
    fresh()
    inp = L.Input((16, 16, 8))
    b1 = L.Conv2D(4, 1, name="b1")(inp)
    b2 = L.Conv2D(4, 1, name="b2a")(inp)
    b2 = L.Conv2D(4, 3, padding="same", name="b2b")(b2)
    b3 = L.Conv2D(4, 1, name="b3a")(inp)
    b3 = L.Conv2D(4, 3, padding="same", name="b3b")(b3)
    b3 = L.Conv2D(4, 3, padding="same", name="b3c")(b3)
    b4 = L.MaxPooling2D(3, strides=1, padding="same", name="b4pool")(inp)
    b4 = L.Conv2D(4, 1, name="b4")(b4)
    x = L.Concatenate(name="mixed")([b1, b2, b3, b4])
    skip = L.Conv2D(16, 1, name="skip")(inp)
    x = L.Add(name="sum")([x, skip])
    model = keras.Model(inp, x, name="branches")
    dump("branches", model)


def resnet50():
    fresh()
    model = keras.applications.ResNet50(weights=None)
    dump("resnet50", model, ST)


def no_input_layer():
    # A Sequential config without its InputLayer entry, its first layer
    # carrying `batch_input_shape` (as older tf.keras wrote them): tf_keras
    # builds the model from that shape. Recorded from tf_keras's load.
    fresh()
    model = keras.Sequential(
        [L.Dense(4, activation="relu", input_shape=(3,)), L.Dense(2)], name="no_input"
    )
    config = json.loads(model.to_json())
    layers = config["config"]["layers"]
    assert layers[0]["class_name"] == "InputLayer"
    config["config"]["layers"] = layers[1:]
    fresh()
    dump("no_input_layer", keras.models.model_from_json(json.dumps(config)))
    # dump writes the reloaded model's own config, which has an
    # InputLayer again: the stripped one is the fixture's config.
    (OUT / "no_input_layer.config.json").write_text(json.dumps(config) + "\n", encoding="utf-8")


if __name__ == "__main__":
    only = set(sys.argv[1:])
    for f in [
        seed, seq_mlp, seq_cnn, channels_first, conv_args, residual, multi_io,
        shared_layer, shared_shapes, shared_chain, nested, nested_frozen,
        nested_branches, deep_nested, shared_nested, nested_unknown, scalar_input, mixed_dtypes,
        frozen_layers, frozen_model, long_names, long_seq,
        bn_variants, unknown_dims, concat_axis, batch_size_input, narrow,
        big_counts, auto_names, branches, resnet50, no_input_layer,
    ]:
        if not only or f.__name__ in only:
            f()
