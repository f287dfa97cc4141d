"""Fixtures for the core layers, builders and the Keras 3 summary renderer.

    COLUMNS=200 .venv-keras/bin/python scripts/gen_core_fixtures.py

Each model here has a twin in tests/summary_core.rs built with kerasinfo.
"""

from kfix import dump, dump_error, fresh
import keras
from keras import layers as L

G = "core"
ST = {"show_trainable": {"show_trainable": True}}


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
    dump(G, "seed", model, ST)


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
        G,
        "seq_mlp",
        model,
        {
            **ST,
            "line120": {"line_length": 120},
            "positions": {"positions": [0.5, 0.8, 1.0]},
            "line60_trainable": {"line_length": 60, "show_trainable": True},
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
    dump(G, "seq_cnn", model, ST)


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
    dump(G, "channels_first", model)


def conv_args():
    fresh()
    inp = L.Input((40, 40, 8))
    x = L.Conv2D(16, 3, groups=4, use_bias=False, name="grouped")(inp)
    x = L.Conv2D(16, (3, 5), dilation_rate=(2, 1), name="dilated")(x)
    x = L.Conv2D(12, (4, 4), strides=(2, 1), padding="same", name="strided_same")(x)
    x = L.Conv2D(6, 1, strides=3, name="pointwise")(x)
    model = keras.Model(inp, x, name="conv_args")
    dump(G, "conv_args", model, ST)


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
    dump(G, "residual", model, {**ST, "line150": {"line_length": 150}})


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
    dump(G, "multi_io", model, ST)


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
    dump(G, "shared_layer", model, ST)


def shared_chain():
    # A layer applied twice along one chain: not sequential-like.
    fresh()
    inp = L.Input((10,))
    d = L.Dense(10)
    x = d(inp)
    x = d(x)
    model = keras.Model(inp, x, name="shared_chain")
    dump(G, "shared_chain", model)


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
        G,
        "nested",
        model,
        {
            **ST,
            "expand": {"expand_nested": True},
            "expand_trainable": {"expand_nested": True, "show_trainable": True},
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
        G,
        "nested_frozen",
        model,
        {**ST, "expand_trainable": {"expand_nested": True, "show_trainable": True}},
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
    dump(G, "frozen_layers", model, ST)


def frozen_model():
    fresh()
    model = keras.Sequential([L.Input((5,)), L.Dense(3), L.Dense(2)], name="all_frozen")
    model.trainable = False
    dump(G, "frozen_model", model, ST)


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
    dump(G, "long_names", model, {**ST, "line80": {"line_length": 80}})


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
    dump(G, "bn_variants", model)


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
    dump(G, "unknown_dims", model)


def concat_axis():
    fresh()
    a = L.Input((4, 5))
    b = L.Input((3, 5))
    c = L.Input((2, 5))
    x = L.Concatenate(axis=1)([a, b, c])
    y = L.Concatenate(axis=-1)([x, x])
    model = keras.Model([a, b, c], y, name="concat_axis")
    dump(G, "concat_axis", model)


def batch_size_input():
    fresh()
    inp = L.Input((10,), batch_size=8)
    x = L.Dense(5)(inp)
    model = keras.Model(inp, x)
    dump(G, "batch_size_input", model)


def narrow():
    fresh()
    a = L.Input((3,))
    b = L.Input((3,))
    x = L.Add()([a, b])
    x = L.Dense(2)(x)
    model = keras.Model([a, b], x, name="narrow")
    dump(G, "narrow", model, {"line60": {"line_length": 60}, "line70_trainable": {"line_length": 70, "show_trainable": True}})


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
    dump(G, "big_counts", model)


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
    dump(G, "auto_names", model)


def two_models():
    # Names count across models of one session (no clear_session between).
    fresh()
    first = keras.Sequential([L.Input((3,)), L.Dense(2)])
    inp = L.Input((3,))
    out = L.Dense(2)(inp)
    second = keras.Model(inp, out)
    dump(G, "two_models_first", first)
    dump(G, "two_models_second", second)


def branches():
    # Inception-like branches of different depths: Keras's layer order.
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
    dump(G, "branches", model, {"range": {"layer_range": ["b2", "b3c"]}})


def nested_output():
    # A nested Functional model as the outer model's output: Keras 3 saves
    # its endpoint as node 1 (it counts a built-in node).
    fresh()
    i2 = L.Input((5,))
    bb = keras.Model(i2, L.Dense(3)(i2), name="bb")
    x = L.Input((5,))
    model = keras.Model(x, bb(x), name="nested_output")
    dump(G, "nested_output", model)


def resnet50():
    fresh()
    model = keras.applications.ResNet50(weights=None)
    dump(
        G,
        "resnet50",
        model,
        {
            **ST,
            "range_names": {"layer_range": ["conv2_block1_0_conv", "conv2_block1_out"]},
            "range_patterns": {"layer_range": ["conv3_.*_bn", "conv3_block2"]},
            "range_reversed": {"layer_range": ["conv5_block3_out", "conv5_block3_1_conv"]},
            "range_classes": {"layer_range": ["pool1_[a-z]+$", r"conv2_block\d_0_bn"]},
        },
    )


def errors():
    def add_mismatch():
        fresh()
        a = L.Input((56, 56, 256))
        b = L.Input((56, 56, 64))
        L.Add(name="add_3")([a, b])

    def kernel_too_big():
        fresh()
        a = L.Input((2, 2, 3))
        L.Conv2D(4, 3, name="too_big")(a)

    def duplicate_names():
        fresh()
        a = L.Input((4,))
        x = L.Dense(3, name="same")(a)
        x = L.Dense(3, name="same")(x)
        keras.Model(a, x)

    dump_error(G, "err_add_mismatch", add_mismatch)
    dump_error(G, "err_kernel_too_big", kernel_too_big)
    dump_error(G, "err_duplicate_names", duplicate_names)


if __name__ == "__main__":
    for f in [
        seed, seq_mlp, seq_cnn, channels_first, conv_args, residual, multi_io,
        shared_layer, shared_chain, nested, nested_frozen, frozen_layers,
        frozen_model, long_names, bn_variants, unknown_dims, concat_axis,
        batch_size_input, narrow, big_counts, auto_names, two_models, branches,
        nested_output,
        resnet50, errors,
    ]:
        f()
