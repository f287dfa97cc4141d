"""Fixtures for the Graphviz DOT renderer (src/render/dot.rs).

    PYTHONPATH=/tmp/pydot_pkg COLUMNS=200 .venv-keras/bin/python scripts/gen_dot_fixtures.py

(pydot installed with `pip install --target /tmp/pydot_pkg pydot`; the
graphviz binaries must be present because Keras checks for them.)

Each file `tests/fixtures/dot/<model>__<variant>.dot` is
`keras.utils.model_to_dot(model, **kwargs).to_string()` with ONE
normalization: Keras names nodes by Python `id(layer)` (memory addresses).
Every such id is replaced by a counter `0, 1, 2, ...` in order of its first
appearance in the text — which is the order in which Keras declares the
nodes (depth first through expanded nested models). The Rust renderer
numbers its nodes the same way. Twins live in tests/render_dot.rs.
"""

import pathlib
import re

from kfix import fresh
import keras
from keras import layers as L
import pydot

OUT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "dot"
OUT.mkdir(parents=True, exist_ok=True)


def all_layer_ids(model, acc):
    acc[str(id(model))] = model
    for layer in model.layers:
        acc[str(id(layer))] = layer
        if isinstance(layer, keras.Model):
            all_layer_ids(layer, acc)
    for op in getattr(model, "_operations", []):
        acc[str(id(op))] = op
    return acc


def normalize(model, text):
    ids = all_layer_ids(model, {})
    mapping = {}

    def repl(m):
        tok = m.group(0)
        if tok not in ids:
            return tok
        if tok not in mapping:
            mapping[tok] = str(len(mapping))
        return mapping[tok]

    # Ids are long integers standing alone (node names and edge ends).
    return re.sub(r"(?<![\w.\"])\d{6,}(?![\w.\"])", repl, text)


def dump(name, model, variants):
    for variant, kwargs in variants.items():
        text = keras.utils.model_to_dot(model, **kwargs).to_string()
        (OUT / f"{name}__{variant}.dot").write_text(normalize(model, text))


COMMON = {
    "default": {},
    "shapes": {"show_shapes": True},
    "trainable": {"show_trainable": True},
    "no_names_lr": {"show_layer_names": False, "rankdir": "LR", "dpi": 96},
}


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
    dump("seq_mlp", model, COMMON)


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
    dump("residual", model, COMMON)


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
    dump("multi_io", model, COMMON)


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
    dump(
        "nested",
        model,
        {
            **COMMON,
            "expand": {"expand_nested": True},
            "expand_shapes_trainable": {"expand_nested": True, "show_shapes": True, "show_trainable": True},
        },
    )


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
    dump(
        "nested_frozen",
        model,
        {
            **COMMON,
            "expand": {"expand_nested": True},
            "expand_trainable": {"expand_nested": True, "show_trainable": True},
        },
    )


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
    dump("frozen_layers", model, {"trainable_shapes": {"show_trainable": True, "show_shapes": True}})


def long_names():
    fresh()
    inp = L.Input((8,), name="an_input_with_a_really_quite_long_name_for_wrapping")
    branches = []
    for i in range(4):
        branches.append(
            L.Dense(4, name=f"branch_number_{i}_with_a_long_descriptive_name")(inp)
        )
    x = L.Concatenate(name="concatenate_all_the_branches_together_please")(branches)
    x = L.Dense(3, name="averyveryveryveryveryveryveryveryverylongnamewithoutanybreaks")(x)
    model = keras.Model(inp, x, name="long_names")
    dump("long_names", model, COMMON)


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
    dump("shared_layer", model, {"default": {}, "shapes": {"show_shapes": True}})


def seq_of_models():
    # Nested models inside a Sequential, two levels deep.
    fresh()
    i1 = L.Input((6,))
    f = keras.Model(i1, L.Dense(5, name="f_dense")(i1), name="func_block")
    deep = keras.Sequential([L.Input((5,)), L.Dense(4, name="deep_dense")], name="deep")
    mid = keras.Sequential([L.Input((5,)), deep, L.Dense(3, name="mid_dense")], name="mid")
    model = keras.Sequential([L.Input((6,)), f, mid, L.Dense(2, name="head")], name="stack")
    dump(
        "seq_of_models",
        model,
        {
            "default": {},
            "expand": {"expand_nested": True},
            "expand_shapes_trainable": {"expand_nested": True, "show_shapes": True, "show_trainable": True},
        },
    )


def two_in_nested():
    # A nested Functional model with two inputs and two outputs.
    fresh()
    p = L.Input((4,), name="p")
    q = L.Input((3,), name="q")
    c = L.Concatenate(name="join")([p, q])
    o1 = L.Dense(2, name="o1")(c)
    o2 = L.Dense(3, name="o2")(c)
    inner = keras.Model([p, q], [o1, o2], name="inner")
    a = L.Input((4,), name="a")
    b = L.Input((3,), name="b")
    y1, y2 = inner([a, b])
    z = L.Concatenate(name="merge")([y2, y1])
    model = keras.Model([a, b], z, name="two_in_nested")
    dump(
        "two_in_nested",
        model,
        {
            "default": {},
            "shapes": {"show_shapes": True},
            "expand": {"expand_nested": True},
            "expand_shapes": {"expand_nested": True, "show_shapes": True},
        },
    )


if __name__ == "__main__":
    print("pydot", pydot.__version__)
    for f in [seq_mlp, residual, multi_io, nested, nested_frozen, frozen_layers, long_names,
              shared_layer, seq_of_models, two_in_nested]:
        f()
