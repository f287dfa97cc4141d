"""Fixtures for dtype policies: models built under each global policy
(`keras.config.set_dtype_policy`), per-layer `dtype=` mixes, and what each
policy does to byte sizes, output dtypes and optimizer state.

    COLUMNS=200 /work/.venv-keras/bin/python scripts/gen_dtype_fixtures.py

Each fixture is kfix's `dump` (per-weight dtypes, summary text byte for
byte, `model.to_json()`), plus a `policy` object:
  - `model_policy`: `model.dtype_policy.name`;
  - `layers`: per layer, `dtype_policy.name`, `variable_dtype`,
    `compute_dtype` and the dtypes of its outputs (`layer.output`);
  - `param_bytes`: `weight_memory_size(model.weights)`;
  - `adam`: the optimizer `model.compile(optimizer="adam")` makes (Keras
    wraps it in a LossScaleOptimizer when the model's policy is
    `mixed_float16`), after `optimizer.build(model.trainable_variables)`:
    its class, `count_params(optimizer.variables)` and
    `weight_memory_size(optimizer.variables)` in bytes.
"""

import json

import keras
from keras import layers as L
from keras.src.utils import summary_utils
from kfix import ROOT, dump, fresh

GROUP = "dtype"
POLICIES = ["float32", "mixed_float16", "mixed_bfloat16", "bfloat16", "float16", "float64"]


def cnn():
    """The seed model: Conv2D, BatchNormalization, pooling, Dense."""
    x_in = keras.Input((16, 16, 3))
    x = L.ZeroPadding2D((1, 1))(x_in)
    x = L.Conv2D(8, (3, 3), name="conv0")(x)
    x = L.BatchNormalization(axis=3, name="bn0")(x)
    x = L.Activation("relu")(x)
    x = L.MaxPooling2D((2, 2), name="max_pool")(x)
    x = L.Flatten()(x)
    x = L.Dense(1, activation="sigmoid", name="fc")(x)
    return keras.Model(x_in, x, name="cnn")


def mlp():
    """A Sequential MLP: Dense, LayerNormalization, Dropout."""
    return keras.Sequential(
        [
            keras.Input((20,)),
            L.Dense(32, activation="relu"),
            L.LayerNormalization(),
            L.Dropout(0.1),
            L.Dense(10),
        ],
        name="mlp",
    )


def transformer():
    """Embedding, MultiHeadAttention, residual Add, LayerNormalization,
    GlobalAveragePooling1D, Dense."""
    x_in = keras.Input((12,), name="tokens")
    x = L.Embedding(50, 16, name="embed")(x_in)
    a = L.MultiHeadAttention(2, 8, name="mha")(x, x)
    x = L.Add()([x, a])
    x = L.LayerNormalization(name="ln")(x)
    x = L.GlobalAveragePooling1D()(x)
    x = L.Dense(4, name="head")(x)
    return keras.Model(x_in, x, name="transformer")


def special():
    """Layers whose variables do not all follow the policy: Normalization's
    int64 count, LoRA's float32 factors; and a GRU."""
    x_in = keras.Input((6, 4))
    x = L.Normalization(name="norm")(x_in)
    x = L.GRU(5, name="gru")(x)
    x = L.Dense(3, lora_rank=2, name="lora")(x)
    return keras.Model(x_in, x, name="special")


def mixed_layers():
    """Per-layer policies under the float32 global policy."""
    x_in = keras.Input((8,))
    x = L.Dense(16, dtype="mixed_float16", name="d_mixed16")(x_in)
    x = L.Dense(16, dtype="float16", name="d_f16")(x)
    x = L.BatchNormalization(dtype="mixed_bfloat16", name="bn_mixedbf16")(x)
    x = L.Dense(8, dtype="bfloat16", name="d_bf16")(x)
    x = L.Dense(8, dtype="float64", name="d_f64")(x)
    x = L.Dense(4, name="d_default")(x)
    x = L.Activation("softmax", dtype="float32", name="probs")(x)
    return keras.Model(x_in, x, name="mixed_layers")


def mixed_global_float32_head():
    """The mixed-precision recipe: global mixed_float16, a float32 softmax."""
    x_in = keras.Input((10,))
    x = L.Dense(12, activation="relu", name="hidden")(x_in)
    x = L.Dense(3, name="logits")(x)
    x = L.Activation("softmax", dtype="float32", name="probs")(x)
    return keras.Model(x_in, x, name="recipe")


def policy_object_layers():
    """`dtype=` given as a DTypePolicy object rather than a name."""
    x_in = keras.Input((5,))
    x = L.Dense(7, dtype=keras.DTypePolicy("mixed_bfloat16"), name="a")(x_in)
    x = L.Dense(2, dtype=keras.DTypePolicy("float16"), name="b")(x)
    return keras.Model(x_in, x, name="policy_objects")


def wrappers():
    """Per-layer policies on layers that hold layers: a wrapper's policy
    sets its outputs' dtype; the held layer's own policy sets its weights'
    (MultiHeadAttention makes its projections in its own policy)."""
    x = keras.Input((4, 6))
    a = L.MultiHeadAttention(2, 3, dtype="float16", name="mha")(x, x)
    b = L.Bidirectional(L.LSTM(3), dtype="float16", name="bi")(x)
    c = L.Bidirectional(L.LSTM(3, dtype="float64"), name="bi2")(x)
    d = L.TimeDistributed(L.Dense(2), dtype="bfloat16", name="td")(x)
    e = L.TimeDistributed(L.Dense(2, dtype="float16"), name="td2")(x)
    f = L.SpectralNormalization(L.Dense(2), dtype="float16", name="sn")(x)
    g = L.RNN(L.GRUCell(3, dtype="float16"), name="rnn")(x)
    h = L.LSTM(3, dtype="mixed_float16", name="lstm")(x)
    return keras.Model(x, [a, b, c, d, e, f, g, h], name="wrappers")


def nested():
    """A model built under float16 nested in one built under mixed_float16."""
    keras.config.set_dtype_policy("float16")
    inner = keras.Sequential(
        [keras.Input((8,)), L.Dense(6, name="inner_dense"), L.BatchNormalization(name="inner_bn")],
        name="inner",
    )
    keras.config.set_dtype_policy("mixed_float16")
    x = keras.Input((8,))
    y = inner(x)
    y = L.Dense(3, name="outer_dense")(y)
    return keras.Model(x, y, name="nested")


def policy_info(model):
    layers = []
    for layer in model.layers:
        outs = layer.output if isinstance(layer.output, (list, tuple)) else [layer.output]
        layers.append(
            {
                "name": layer.name,
                "dtype_policy": layer.dtype_policy.name,
                "variable_dtype": layer.variable_dtype,
                "compute_dtype": layer.compute_dtype,
                "output_dtypes": [str(o.dtype) for o in outs],
            }
        )
    model.compile(optimizer="adam", loss="mse")
    model.optimizer.build(model.trainable_variables)
    opt = model.optimizer
    return {
        "model_policy": model.dtype_policy.name,
        "layers": layers,
        "param_bytes": summary_utils.weight_memory_size(model.weights),
        "adam": {
            "class_name": opt.__class__.__name__,
            "params": summary_utils.count_params(opt.variables),
            "bytes": summary_utils.weight_memory_size(opt.variables),
        },
    }


def record(name, build, policy):
    fresh()
    keras.config.set_dtype_policy(policy)
    model = build()
    dump(GROUP, name, model, {"trainable": {"show_trainable": True}})
    # `dump` clears the session (and so the global policy) to reload the
    # config; the model keeps the policies it was built with.
    info = policy_info(model)
    info["global_policy"] = policy
    path = ROOT / GROUP / f"{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["policy"] = info
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    keras.config.set_dtype_policy("float32")


def main():
    for policy in POLICIES:
        record(f"cnn__{policy}", cnn, policy)
        record(f"mlp__{policy}", mlp, policy)
        record(f"transformer__{policy}", transformer, policy)
        if policy != "bfloat16":  # TF's orthogonal initializer has no bfloat16 kernel
            record(f"special__{policy}", special, policy)
    record("mixed_layers", mixed_layers, "float32")
    record("recipe", mixed_global_float32_head, "mixed_float16")
    record("policy_objects", policy_object_layers, "float32")
    record("wrappers", wrappers, "float32")
    record("nested", nested, "float16")
    record("resnet50__mixed_float16", lambda: keras.applications.ResNet50(weights=None), "mixed_float16")
    stripped_config_under_global_policy()


def stripped_config_under_global_policy():
    """A config whose layers do not name a dtype (their `dtype` keys
    removed, the InputLayer's kept) loads into Keras's global policy:
    `mlp_stripped_config.json` and the summary Keras prints after
    `set_dtype_policy("float16")` + `model_from_json` (what
    `kerasinfo --dtype-policy float16` reproduces)."""
    src = (ROOT / GROUP / "mlp__float32.config.json").read_text(encoding="utf-8")
    config = json.loads(src)
    for layer in config["config"]["layers"]:
        if layer["class_name"] != "InputLayer":
            layer["config"].pop("dtype", None)
    text = json.dumps(config)
    (ROOT / GROUP / "mlp_stripped_config.json").write_text(text + "\n", encoding="utf-8")
    for policy in ["float16", "mixed_float16"]:
        fresh()
        keras.config.set_dtype_policy(policy)
        model = keras.models.model_from_json(text)
        from kfix import summary_text

        (ROOT / GROUP / f"mlp__stripped__{policy}.txt").write_text(
            summary_text(model), encoding="utf-8"
        )
        keras.config.set_dtype_policy("float32")


if __name__ == "__main__":
    main()
