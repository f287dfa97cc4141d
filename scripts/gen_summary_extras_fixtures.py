"""Fixtures for issue 16's summary extras: the ASCII table Keras prints on a
console that cannot encode box characters, nested expansion (the texts a
depth-limited expansion must equal), and models rebuilt on new input
shapes.

    COLUMNS=200 .venv-keras/bin/python scripts/gen_summary_extras_fixtures.py

Every model is written as its config (`model.to_json()`) and summarized as
Keras loads it (`keras.models.model_from_json`), since the tests import
the config.

`tests/fixtures/ascii/`: `<name>__<variant>.txt` is what Keras 3.15.1
prints for `model.summary(**kwargs)` when standard output's encoding is
ASCII with Python's `replace` error handler (`PYTHONIOENCODING=ascii:replace`):
rich sees a console whose encoding is not UTF (`Console.ascii_only`) and
draws the table with `box.ASCII`; characters the encoding still cannot
take (the `…` of a cut cell, the `└` of an expanded nested model, non-ASCII
layer names) become `?` when written. With the default `strict` handler
(`PYTHONIOENCODING=ascii`) Keras raises `UnicodeEncodeError` on those
texts instead (recorded as `<name>__<variant>.strict.json`). The script
checks one text against a real `PYTHONIOENCODING=ascii:replace` run of
Keras in a subprocess.

`tests/fixtures/expand_depth/`: models nested 1 to 3 deep, with the
default and fully expanded texts (Keras has no depth argument).

`tests/fixtures/input_shape/`: for each model, its config, the new input
shapes, and the summary of the model rebuilt on them as Keras rebuilds a
model on new inputs, `keras.models.clone_model(model,
input_tensors=[keras.Input(batch_shape=..., name=<the input's name>)])`
(`<name>__rebuilt__<variant>.txt`, `<name>.rebuilt.json`), plus TF's
profiler FLOPs of the rebuilt model at batch size 1 (`tf_flops`). Where a
new shape does not fit a layer, `<name>.error.json` holds the error Keras
raises when the model's own layers are called on the new inputs
(`clone_model(..., clone_function=lambda layer: layer)`).
"""

import contextlib
import io
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
import kfix  # noqa: E402
from kfix import ROOT, describe, fresh, keras  # noqa: E402

L = keras.layers


class AsciiConsole(io.StringIO):
    """Standard output whose encoding is ASCII: rich then draws ASCII boxes."""

    @property
    def encoding(self):
        return "ascii"


def ascii_text(model, **kwargs):
    buf = AsciiConsole()
    with contextlib.redirect_stdout(buf):
        model.summary(**kwargs)
    text = buf.getvalue()
    # What a TextIOWrapper(encoding="ascii", errors="replace") writes.
    return text.encode("ascii", "replace").decode("ascii"), text


def loaded(model):
    config = model.to_json()
    fresh()
    return config, keras.models.model_from_json(config)


def write(group, name, config, variants, model, text_fn):
    out = ROOT / group
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.config.json").write_text(config + "\n", encoding="utf-8")
    data = describe(model)
    data["variants"] = variants
    for vname, kwargs in variants.items():
        (out / f"{name}__{vname}.txt").write_text(text_fn(model, kwargs), encoding="utf-8")
    (out / f"{name}.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"{group}/{name}", file=sys.stderr)


# ---------------------------------------------------------------- models


def nested3():
    """Nested three deep: outer > block (Functional) > stem (Sequential) > core."""
    fresh()
    core = keras.Sequential([L.Input((8,)), L.Dense(8, activation="relu"), L.Dense(8)], name="core")
    stem = keras.Sequential([L.Input((8,)), L.Dense(8), core, L.BatchNormalization()], name="stem")
    i = L.Input((8,), name="block_in")
    x = stem(i)
    x = L.Dense(6, name="block_head")(x)
    block = keras.Model(i, x, name="block")
    inp = L.Input((8,), name="features")
    y = block(inp)
    y = L.Dense(2, name="classifier_with_a_rather_long_name_for_the_cell")(y)
    return keras.Model(inp, y, name="nested3")


def nested_functional():
    """Not sequential-like: Connected to, two nested models side by side."""
    fresh()
    a = keras.Sequential([L.Input((5,)), L.Dense(4), L.Dense(4)], name="branch_a")
    bi = L.Input((5,))
    b = keras.Model(bi, L.Dense(4, name="b_inner")(L.Dense(3, name="b_first")(bi)), name="branch_b")
    x = L.Input((5,), name="x")
    s = L.Add()([a(x), b(x)])
    out = L.Dense(1)(s)
    return keras.Model(x, out, name="two_branches")


def sequential_plain():
    fresh()
    return keras.Sequential(
        [L.Input((28, 28, 1)), L.Conv2D(8, 3), L.BatchNormalization(), L.Flatten(), L.Dense(10)],
        name="plain",
    )


def unicode_names():
    fresh()
    i = L.Input((4,), name="entrée")
    x = L.Dense(3, name="couche_cachée")(i)
    x = L.Dense(2, name="层")(x)
    return keras.Model(i, x, name="modèle")


ASCII_VARIANTS = {
    "default": {},
    "trainable": {"show_trainable": True},
    "expand": {"expand_nested": True},
    "expand_trainable": {"expand_nested": True, "show_trainable": True},
    "narrow": {"line_length": 60},
    "wide": {"line_length": 230},
}


def gen_ascii():
    for name, build in [
        ("nested3", nested3),
        ("two_branches", nested_functional),
        ("plain", sequential_plain),
        ("unicode_names", unicode_names),
    ]:
        config, model = loaded(build())
        strict = {}
        for vname, kwargs in ASCII_VARIANTS.items():
            replaced, raw = ascii_text(model, **kwargs)
            try:
                raw.encode("ascii")
                strict[vname] = None
            except UnicodeEncodeError as e:
                strict[vname] = f"UnicodeEncodeError: {e}"
        write("ascii", name, config, ASCII_VARIANTS, model, lambda m, kw: ascii_text(m, **kw)[0])
        (ROOT / "ascii" / f"{name}.strict.json").write_text(
            json.dumps(strict, indent=1) + "\n", encoding="utf-8"
        )
    # One text against a real ASCII console with the `replace` handler.
    path = ROOT / "ascii" / "nested3.config.json"
    code = (
        "import os, sys\n"
        "os.environ['KERAS_BACKEND']='tensorflow'\n"
        "import keras\n"
        f"m = keras.models.model_from_json(open({str(path)!r}).read())\n"
        "m.summary(expand_nested=True, show_trainable=True)\n"
    )
    env = dict(os.environ, PYTHONIOENCODING="ascii:replace", COLUMNS="200", TF_CPP_MIN_LOG_LEVEL="3")
    real = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=True).stdout
    want = (ROOT / "ascii" / "nested3__expand_trainable.txt").read_bytes()
    assert real == want, (real, want)
    print("ascii: subprocess check equal", file=sys.stderr)


def gen_expand_depth():
    variants = {
        "default": {},
        "expand": {"expand_nested": True},
        "trainable": {"show_trainable": True},
        "expand_trainable": {"expand_nested": True, "show_trainable": True},
    }

    def nested1():
        fresh()
        inner = keras.Sequential([L.Input((6,)), L.Dense(4), L.Dense(3)], name="inner")
        i = L.Input((6,))
        return keras.Model(i, L.Dense(2)(inner(i)), name="nested1")

    for name, build in [
        ("nested1", nested1),
        ("nested3", nested3),
        ("two_branches", nested_functional),
    ]:
        config, model = loaded(build())
        write("expand_depth", name, config, variants, model, lambda m, kw: kfix.summary_text(m, **kw))


# ------------------------------------------------------- input shapes


def rebuilt(model, shapes):
    """`clone_model` on new `Input`s that keep the inputs' names and dtypes."""
    ins = [
        keras.Input(batch_shape=(t.shape[0], *shape), name=t._keras_history[0].name, dtype=t.dtype)
        for t, shape in zip(model.inputs, shapes)
    ]
    return keras.models.clone_model(model, input_tensors=ins if len(ins) > 1 else ins[0])


def recalled(model, shapes):
    """The model's own (built) layers called on new inputs."""
    ins = [
        keras.Input(batch_shape=(t.shape[0], *shape), name=t._keras_history[0].name, dtype=t.dtype)
        for t, shape in zip(model.inputs, shapes)
    ]
    return keras.models.clone_model(
        model, input_tensors=ins if len(ins) > 1 else ins[0], clone_function=lambda layer: layer
    )


def shape_cases():
    """name -> (build, new input shapes, summary variants)."""
    cases = {}

    def case(name, shapes, variants=None):
        def deco(fn):
            cases[name] = (fn, shapes, variants or {})
            return fn

        return deco

    @case("mobilenet_v3_small", [(224, 224, 3)])
    def _():
        return keras.applications.MobileNetV3Small(weights=None)

    @case("mobilenet_v3_small_160", [(160, 160, 3)])
    def _():
        return keras.applications.MobileNetV3Small(weights=None, input_shape=(None, None, 3))

    @case("dynamic_cnn", [(32, 32, 3)], {"trainable": {"show_trainable": True}})
    def _():
        return keras.Sequential(
            [
                L.Input((None, None, 3)),
                L.Conv2D(8, 3, strides=2, padding="same", activation="relu"),
                L.BatchNormalization(),
                L.DepthwiseConv2D(3),
                L.MaxPooling2D(),
                L.GlobalAveragePooling2D(),
                L.Dense(10, activation="softmax"),
            ],
            name="dynamic_cnn",
        )

    @case("cnn_resized", [(64, 64, 1)])
    def _():
        # Known dimensions changed: the weights do not depend on them.
        return keras.Sequential(
            [L.Input((28, 28, 1)), L.Conv2D(4, 3), L.GlobalMaxPooling2D(), L.Dense(3)], name="cnn"
        )

    @case("text_two_inputs", [(40,), (None, 6)])
    def _():
        tokens = L.Input((None,), dtype="int32", name="tokens")
        extra = L.Input((None, 6), name="extra")
        x = L.Embedding(100, 8)(tokens)
        x = L.Concatenate()([x, L.Dense(8)(extra)])
        x = L.LSTM(5, return_sequences=True)(x)
        y = L.GlobalAveragePooling1D()(x)
        return keras.Model([tokens, extra], L.Dense(1)(y), name="text_two_inputs")

    @case("partial_none", [(None, 12)])
    def _():
        # A dimension stays unknown: FLOPs stay unknown.
        i = L.Input((None, 12))
        return keras.Model(i, L.Dense(4)(L.Conv1D(6, 3, padding="same")(i)), name="partial")

    @case(
        "nested_backbone",
        [(64, 64, 3)],
        {"expand": {"expand_nested": True}, "expand_trainable": {"expand_nested": True, "show_trainable": True}},
    )
    def _():
        bi = L.Input((None, None, 3), name="backbone_in")
        b = L.Conv2D(4, 3, strides=2, name="b_conv")(bi)
        b = L.BatchNormalization(name="b_bn")(b)
        backbone = keras.Model(bi, b, name="backbone")
        head = keras.Sequential([L.Input((None, None, 4)), L.GlobalAveragePooling2D(), L.Dense(2)], name="head")
        i = L.Input((None, None, 3), name="image")
        return keras.Model(i, head(backbone(i)), name="nested_backbone")

    @case("siamese", [(16, 3), (20, 3)])
    def _():
        # Shared layers called on inputs of different lengths.
        a = L.Input((None, 3), name="left")
        b = L.Input((None, 3), name="right")
        enc = L.Conv1D(4, 3, name="enc")
        pool = L.GlobalMaxPooling1D(name="pool")
        x = pool(enc(a))
        y = pool(enc(b))
        d = L.Subtract()([x, y])
        return keras.Model([a, b], L.Dense(1)(d), name="siamese")

    # Errors: the new shape does not fit a layer.
    @case("err_flatten_dense", [(32, 32, 1)])
    def _():
        return keras.Sequential(
            [L.Input((28, 28, 1)), L.Conv2D(4, 3), L.Flatten(), L.Dense(3, name="head")], name="flat"
        )

    @case("err_too_small", [(2, 2, 3)])
    def _():
        return keras.Sequential([L.Input((None, None, 3)), L.Conv2D(4, 3, name="conv")], name="small")

    @case("err_channels", [(8, 8, 4)])
    def _():
        return keras.Sequential([L.Input((None, None, 3)), L.Conv2D(4, 3, name="conv")], name="channels")

    @case("err_nested_input", [(8, 5)])
    def _():
        inner = keras.Sequential([L.Input((4, 5)), L.Dense(2)], name="inner")
        i = L.Input((None, 5))
        return keras.Model(i, inner(i), name="outer")

    return cases


def gen_input_shape():
    import tensorflow as tf  # noqa: F401

    sys.path.insert(0, os.path.dirname(__file__))
    from gen_compute_fixtures import profile

    out = ROOT / "input_shape"
    out.mkdir(parents=True, exist_ok=True)
    for name, (build, shapes, variants) in shape_cases().items():
        fresh()
        config, model = loaded(build())
        (out / f"{name}.config.json").write_text(config + "\n", encoding="utf-8")
        record = {"input_shapes": [[d for d in s] for s in shapes]}
        if name.startswith("err_"):
            fresh()
            model = keras.models.model_from_json(config)
            try:
                recalled(model, shapes)
                record["error"] = None
            except Exception as e:  # noqa: BLE001
                record["error"] = f"{type(e).__name__}: {e}"
            (out / f"{name}.error.json").write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
            print(f"input_shape/{name}: {record['error']}", file=sys.stderr)
            continue
        fresh()
        model = keras.models.model_from_json(config)
        new = rebuilt(model, shapes)
        # The model's own layers on the new inputs give the same shapes.
        fresh()
        model2 = keras.models.model_from_json(config)
        same = recalled(model2, shapes)
        record["recalled_same_text"] = kfix.summary_text(same) == kfix.summary_text(new)
        variants = {"default": {}, **variants}
        data = describe(new)
        data.update(record)
        data["variants"] = variants
        for vname, kwargs in variants.items():
            (out / f"{name}__rebuilt__{vname}.txt").write_text(
                kfix.summary_text(new, **kwargs), encoding="utf-8"
            )
        if all(d is not None for s in shapes for d in s):
            data["tf_flops"] = profile(new)["tf_flops"]
        (out / f"{name}.rebuilt.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"input_shape/{name}: {data.get('tf_flops')} same={record['recalled_same_text']}", file=sys.stderr)


if __name__ == "__main__":
    which = sys.argv[1:] or ["ascii", "expand_depth", "input_shape"]
    if "ascii" in which:
        gen_ascii()
    if "expand_depth" in which:
        gen_expand_depth()
    if "input_shape" in which:
        gen_input_shape()
