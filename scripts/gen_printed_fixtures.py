"""Printed-summary fixtures for the summary-text parser
(tests/summary_parse.rs): Keras 3's summary as `rich` prints it to a
console whose encoding is not UTF-8 (ASCII box `+---+`, and `…`, `└`
replaced by `?`), next to the usual UTF-8 texts of the same models.

    COLUMNS=200 .venv-keras/bin/python scripts/gen_printed_fixtures.py

Writes tests/fixtures/printed/<name>.json, <name>.config.json, the UTF-8
texts of `variants` and `<name>__<variant>.txt` for each entry of the
fixture's `ascii_variants` (an ASCII stream with errors="replace", as
`PYTHONIOENCODING=ascii:replace` gives). The copy of the seed question
(tests/fixtures/printed/seed_question.txt, an older tf.keras layout) is
not made here: it is the text of /work/shared/seed-question.txt.
"""

import contextlib
import io
import json

from kfix import ROOT, dump, fresh
import keras
from keras import layers as L

G = "printed"


def ascii_text(model, **kwargs):
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii", errors="replace", newline="")
    with contextlib.redirect_stdout(stream):
        model.summary(**kwargs)
    stream.flush()
    return raw.getvalue().decode("ascii")


def dump_ascii(name, model, variants, ascii_variants):
    dump(G, name, model, variants)
    path = ROOT / G / f"{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["ascii_variants"] = ascii_variants
    for vname, kwargs in ascii_variants.items():
        (ROOT / G / f"{name}__{vname}.txt").write_text(
            ascii_text(model, **kwargs), encoding="ascii"
        )
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def seed():
    fresh()
    x_input = L.Input((64, 64, 3))
    x = L.ZeroPadding2D((3, 3))(x_input)
    x = L.Conv2D(32, (7, 7), strides=(1, 1), name="conv0")(x)
    x = L.BatchNormalization(axis=3, name="bn0")(x)
    x = L.Activation("relu")(x)
    x = L.MaxPooling2D((2, 2), name="max_pool")(x)
    x = L.Flatten()(x)
    x = L.Dense(1, activation="sigmoid", name="fc")(x)
    model = keras.Model(inputs=x_input, outputs=x, name="myModel")
    dump_ascii(
        "seed",
        model,
        {"show_trainable": {"show_trainable": True}},
        {
            "ascii_default": {},
            "ascii_show_trainable": {"show_trainable": True},
            "ascii_line40": {"line_length": 40},
        },
    )


def long_names():
    fresh()
    inp = L.Input((8,), name="an_input_with_a_really_long_descriptive_name")
    branches = [
        L.Dense(4, name=f"branch_number_{i}_with_a_long_name")(inp) for i in range(3)
    ]
    x = L.Concatenate(name="concatenate_all_the_branches_together")(branches)
    out = L.Dense(3, name="averyveryveryveryverylongnamewithoutanyunderscores")(x)
    model = keras.Model(inp, out, name="long_names")
    dump_ascii(
        "long_names",
        model,
        {"line80": {"line_length": 80}},
        {
            "ascii_default": {},
            "ascii_line80": {"line_length": 80},
            "ascii_line80_trainable": {"line_length": 80, "show_trainable": True},
        },
    )


def nested():
    fresh()
    encoder = keras.Sequential(
        [L.Input((12,)), L.Dense(8), L.BatchNormalization(), L.Dense(4)],
        name="encoder",
    )
    inp = L.Input((12,))
    out = L.Dense(2)(encoder(inp))
    model = keras.Model(inp, out, name="outer")
    model.get_layer("encoder").layers[1].trainable = False
    dump_ascii(
        "nested",
        model,
        {"expand_trainable": {"expand_nested": True, "show_trainable": True}},
        {
            "ascii_expand": {"expand_nested": True},
            "ascii_expand_trainable": {"expand_nested": True, "show_trainable": True},
        },
    )


def two_outputs():
    fresh()
    inp = L.Input((16,), name="features")
    h = L.Dense(8, name="hidden")(inp)
    lstm_in = L.Reshape((2, 4), name="as_sequence")(h)
    seq, state_h, state_c = L.LSTM(3, return_sequences=True, return_state=True, name="lstm")(
        lstm_in
    )
    a = L.Flatten(name="flat")(seq)
    b = L.Concatenate(name="states")([state_h, state_c])
    model = keras.Model(inp, [a, b], name="two_outputs")
    dump_ascii(
        "two_outputs",
        model,
        {"line70": {"line_length": 70}},
        {"ascii_default": {}, "ascii_line70": {"line_length": 70}},
    )


if __name__ == "__main__":
    seed()
    long_names()
    nested()
    two_outputs()
