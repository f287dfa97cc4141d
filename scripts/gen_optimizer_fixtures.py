"""Fixtures for optimizer variables: Keras 3.15 adds an `Optimizer params`
line (and the optimizer's variables to `Total params`) once a compiled
model's optimizer is built.

    COLUMNS=200 /work/.venv-keras/bin/python scripts/gen_optimizer_fixtures.py

Each fixture is kfix's (model compiled, optimizer built: the summary texts
carry Keras's `Optimizer params` line) plus an `optimizer` object: the
optimizer's class, `count_params(optimizer.variables)`, `weight_memory_size`
in bytes, and every variable (path, shape, dtype).
"""

import json

import keras
from kfix import ROOT, dump, fresh
from keras.src.utils import summary_utils

GROUP = "optimizer"


def model():
    """Embedding, Conv1D (rank-3 kernel), a frozen Dense,
    BatchNormalization (moving stats get no slots) and a float16 Dense."""
    x_in = keras.Input((6,), name="tokens")
    x = keras.layers.Embedding(20, 4, name="embedding")(x_in)
    x = keras.layers.Conv1D(3, 2, name="conv")(x)
    x = keras.layers.Flatten(name="flat")(x)
    x = keras.layers.Dense(8, name="frozen", trainable=False)(x)
    x = keras.layers.BatchNormalization(name="bn")(x)
    x = keras.layers.Dense(5, name="hidden")(x)
    x = keras.layers.Dense(3, name="half", dtype="float16")(x)
    return keras.Model(x_in, x, name="opt_model")


def small():
    """A Sequential model (no Connected to column)."""
    return keras.Sequential(
        [keras.Input((4,)), keras.layers.Dense(2, name="d")], name="seq"
    )


CASES = [
    ("sgd", model, lambda: keras.optimizers.SGD()),
    ("sgd_momentum", model, lambda: keras.optimizers.SGD(momentum=0.9)),
    (
        "sgd_nesterov",
        small,
        lambda: keras.optimizers.SGD(momentum=0.5, nesterov=True),
    ),
    ("adam", model, lambda: keras.optimizers.Adam()),
    ("adam_amsgrad", model, lambda: keras.optimizers.Adam(amsgrad=True)),
    ("adam_small", small, lambda: keras.optimizers.Adam()),
    ("adamw", model, lambda: keras.optimizers.AdamW()),
    ("adamw_amsgrad", small, lambda: keras.optimizers.AdamW(amsgrad=True)),
    ("nadam", model, lambda: keras.optimizers.Nadam()),
    ("rmsprop", model, lambda: keras.optimizers.RMSprop()),
    (
        "rmsprop_momentum",
        model,
        lambda: keras.optimizers.RMSprop(momentum=0.9),
    ),
    ("rmsprop_centered", model, lambda: keras.optimizers.RMSprop(centered=True)),
    (
        "rmsprop_momentum_centered",
        model,
        lambda: keras.optimizers.RMSprop(momentum=0.5, centered=True),
    ),
    ("adagrad", model, lambda: keras.optimizers.Adagrad()),
    ("adadelta", model, lambda: keras.optimizers.Adadelta()),
    ("adamax", model, lambda: keras.optimizers.Adamax()),
    ("lion", model, lambda: keras.optimizers.Lion()),
    ("ftrl", model, lambda: keras.optimizers.Ftrl()),
    ("adafactor", model, lambda: keras.optimizers.Adafactor()),
    ("lamb", model, lambda: keras.optimizers.Lamb()),
    ("muon", model, lambda: keras.optimizers.Muon()),
    (
        "muon_with_embeddings",
        model,
        lambda: keras.optimizers.Muon(exclude_embeddings=False),
    ),
    # Under the mixed_float16 policy, compile wraps the optimizer in a
    # LossScaleOptimizer by itself; variables (hence slots) stay float32.
    ("mixed_float16_adam", model, lambda: keras.optimizers.Adam()),
    (
        "loss_scale_adam",
        model,
        lambda: keras.optimizers.LossScaleOptimizer(keras.optimizers.Adam()),
    ),
]


def main():
    for name, build, make_opt in CASES:
        fresh()
        if name.startswith("mixed_float16"):
            keras.mixed_precision.set_global_policy("mixed_float16")
        m = build()
        opt = make_opt()
        m.compile(optimizer=opt, loss="mse")
        m.optimizer.build(m.trainable_variables)
        keras.mixed_precision.set_global_policy("float32")
        dump(GROUP, name, m, {"trainable": {"show_trainable": True}})
        # The optimizer's own record (dump re-created nothing of it).
        path = ROOT / GROUP / f"{name}.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        variables = m.optimizer.variables
        data["optimizer"] = {
            "class_name": m.optimizer.__class__.__name__,
            "name": m.optimizer.name,
            "params": summary_utils.count_params(variables),
            "bytes": summary_utils.weight_memory_size(variables),
            "variables": [
                {"path": v.path, "shape": list(v.shape), "dtype": str(v.dtype)}
                for v in variables
            ],
        }
        path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
