"""Fixtures for Sequential models given no Input (never built): Keras 3
prints `?` output shapes and `0 (unbuilt)` params; tf.keras 2 refuses.

    COLUMNS=200 .venv-keras/bin/python scripts/gen_unbuilt_fixtures.py
"""

import json

from kfix import ROOT, dump, fresh, keras

L = keras.layers
G = "unbuilt"


def plain():
    return keras.Sequential([L.Dense(4), L.Dense(2)])


def mixed():
    return keras.Sequential(
        [
            L.Conv2D(8, 3),
            L.BatchNormalization(),
            L.ReLU(),
            L.MaxPooling2D(),
            L.Dropout(0.2),
            L.Flatten(),
            L.Dense(16, activation="relu"),
            L.Activation("softmax"),
        ]
    )


def stateless():
    # Every class Keras marks built in its constructor, and a few it does not.
    return keras.Sequential(
        [
            L.MaxPooling1D(),
            L.MaxPooling2D(),
            L.MaxPooling3D(),
            L.AveragePooling1D(2),
            L.AveragePooling2D(2),
            L.AveragePooling3D(2),
            L.GlobalMaxPooling1D(),
            L.GlobalMaxPooling2D(),
            L.GlobalMaxPooling3D(),
            L.GlobalAveragePooling1D(),
            L.GlobalAveragePooling2D(),
            L.GlobalAveragePooling3D(),
            L.UnitNormalization(),
            L.LeakyReLU(),
            L.ReLU(),
            L.Activation("tanh"),
            L.ELU(),
            L.Softmax(),
            L.AlphaDropout(0.1),
            L.GaussianDropout(0.1),
            L.GaussianNoise(0.1),
            L.ActivityRegularization(),
            L.Dropout(0.1),
            L.SpatialDropout1D(0.1),
            L.SpatialDropout2D(0.1),
            L.SpatialDropout3D(0.1),
            L.Identity(),
            L.Masking(),
            L.Flatten(),
            L.Reshape((2, 2)),
            L.Permute((2, 1)),
            L.RepeatVector(2),
            L.PReLU(),
            L.LayerNormalization(),
            L.Embedding(10, 3),
            L.LSTM(4),
        ]
    )


def nested():
    inner = keras.Sequential([L.Dense(3), L.Dropout(0.5)], name="inner")
    return keras.Sequential([L.Dense(4), inner, L.Dense(2)])


def trainable():
    return keras.Sequential(
        [L.Dense(4), L.Dense(3, trainable=False), L.Dropout(0.1), L.Dense(2)]
    )


def named():
    return keras.Sequential(
        [L.Dense(8, name="hidden"), L.Dense(1, name="out")], name="my_model"
    )


def frozen():
    return keras.Sequential([L.Dense(4), L.Dense(2)], name="frozen", trainable=False)


MODELS = [
    ("plain", plain, {}),
    ("mixed", mixed, {"show_trainable": {"show_trainable": True}}),
    ("stateless", stateless, {}),
    (
        "nested",
        nested,
        {
            "expand": {"expand_nested": True},
            "trainable": {"show_trainable": True},
            "narrow": {"line_length": 60},
        },
    ),
    ("trainable", trainable, {"show_trainable": {"show_trainable": True}}),
    ("named", named, {}),
    ("frozen", frozen, {"show_trainable": {"show_trainable": True}}),
]


def main():
    for name, build, variants in MODELS:
        fresh()
        model = build()
        assert not model.built, name
        dump(G, name, model, variants)
    # tf.keras 2 refuses to summarize a model never built.
    import tf_keras

    m = tf_keras.Sequential([tf_keras.layers.Dense(4), tf_keras.layers.Dense(2)])
    try:
        m.summary()
        msg = None
    except Exception as e:  # noqa: BLE001
        msg = f"{type(e).__name__}: {e}"
    (ROOT / G / "keras2_plain.error.json").write_text(
        json.dumps({"error": msg}, indent=1) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
