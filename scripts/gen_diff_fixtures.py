"""Fixture pairs for the structural diff (tests/summary_diff.rs): a small
residual CNN and variants of it that differ in one known way each, as
Keras builds them, plus the base model saved as a `.keras` archive (the
"Rust twin vs saved model" test of `kerasinfo::testing`).

    COLUMNS=200 .venv-keras/bin/python scripts/gen_diff_fixtures.py

Writes tests/fixtures/diff/<name>.json, <name>.config.json and the
summary texts (`default`, `show_trainable`) of each model:

    base           the reference
    base_again     the same code run again: equal to base
    filters        conv_c has 48 filters instead of 32
    removed_block  the residual block b (conv_b, bn_b, add_b, relu_b) removed
    frozen         conv_b frozen (`model.get_layer("conv_b").trainable = False`)
    renamed        conv_a named stem_conv
    input_shape    a 48x48 input instead of 32x32
    auto_names     base without explicit layer names (automatic names)
"""

from kfix import ROOT, dump, fresh
import keras
from keras import layers as L

G = "diff"
VARIANTS = {"show_trainable": {"show_trainable": True}}


def cnn(
    name="cnn",
    input_shape=(32, 32, 3),
    filters_c=32,
    block_b=True,
    conv_a="conv_a",
    named=True,
):
    """The base model, as a Keras tutorial writes a small residual CNN."""

    def n(x):
        return x if named else None

    inputs = keras.Input(shape=input_shape, name=n("image"))
    x = L.Conv2D(16, 3, padding="same", name=n(conv_a))(inputs)
    x = L.BatchNormalization(name=n("bn_a"))(x)
    x = L.Activation("relu", name=n("relu_a"))(x)
    if block_b:
        y = L.Conv2D(16, 3, padding="same", name=n("conv_b"))(x)
        y = L.BatchNormalization(name=n("bn_b"))(y)
        x = L.Add(name=n("add_b"))([x, y])
        x = L.Activation("relu", name=n("relu_b"))(x)
    x = L.Conv2D(filters_c, 3, strides=2, padding="same", name=n("conv_c"))(x)
    x = L.BatchNormalization(name=n("bn_c"))(x)
    x = L.Activation("relu", name=n("relu_c"))(x)
    x = L.GlobalAveragePooling2D(name=n("gap"))(x)
    x = L.Dense(64, activation="relu", name=n("fc"))(x)
    outputs = L.Dense(10, name=n("head"))(x)
    return keras.Model(inputs, outputs, name=name)


def main():
    fresh()
    base = cnn()
    dump(G, "base", base, VARIANTS)
    fresh()
    base.save(ROOT / G / "base.keras")

    fresh()
    dump(G, "base_again", cnn(), VARIANTS)

    fresh()
    dump(G, "filters", cnn(filters_c=48), VARIANTS)

    fresh()
    dump(G, "removed_block", cnn(block_b=False), VARIANTS)

    fresh()
    frozen = cnn()
    frozen.get_layer("conv_b").trainable = False
    dump(G, "frozen", frozen, VARIANTS)

    fresh()
    dump(G, "renamed", cnn(conv_a="stem_conv"), VARIANTS)

    fresh()
    dump(G, "input_shape", cnn(input_shape=(48, 48, 3)), VARIANTS)

    fresh()
    dump(G, "auto_names", cnn(named=False), VARIANTS)


if __name__ == "__main__":
    main()
