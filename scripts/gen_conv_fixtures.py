"""Fixtures for the convolution and pooling layers.

    COLUMNS=200 /work/.venv-keras/bin/python scripts/gen_conv_fixtures.py

Each model here has a twin in tests/layers_conv.rs built with kerasinfo.
"""

from kfix import dump, dump_error, fresh
import keras
from keras import layers as L

G = "conv"
ST = {"show_trainable": {"show_trainable": True}}
CF = "channels_first"


# --- Conv1D / Conv2D / Conv3D ------------------------------------------------


def conv1d_variants():
    fresh()
    inp = L.Input((32, 6))
    x = L.Conv1D(8, 3)(inp)
    x = L.Conv1D(8, 3, padding="causal", dilation_rate=2, activation="relu")(x)
    x = L.Conv1D(6, 5, strides=2, padding="same", use_bias=False)(x)
    x = L.Conv1D(4, 3, groups=2, padding="causal", strides=2)(x)
    x = L.Convolution1D(3, (2,), strides=(1,), name="alias")(x)
    x = L.Conv1D(5, 2, trainable=False, name="frozen")(x)
    model = keras.Model(inp, x, name="conv1d_variants")
    dump(G, "conv1d_variants", model, ST)


def conv1d_unknown():
    fresh()
    a = L.Input((None, 5), name="steps_last")
    b = L.Input((5, None), name="steps_first")
    xa = L.Conv1D(4, 3, padding="causal")(a)
    xa = L.Conv1D(4, 3, strides=2)(xa)
    xb = L.Conv1D(6, 3, data_format=CF, dilation_rate=3)(b)
    xb = L.Conv1D(6, 2, data_format=CF, padding="causal", groups=3)(xb)
    xc = L.Conv1D(2, 4, data_format=CF, strides=3, padding="same")(b)
    model = keras.Model([a, b], [xa, xb, xc], name="conv1d_unknown")
    dump(G, "conv1d_unknown", model)


def conv2d_variants():
    fresh()
    a = L.Input((24, 20, 6))
    b = L.Input((6, 17, None), name="cf")
    x = L.Conv2D(12, (3, 5), groups=3, dilation_rate=(2, 1))(a)
    x = L.Convolution2D(8, 3, strides=(2, 3), padding="same", use_bias=False)(x)
    x = L.Conv2D(4, 1, dtype="float16", name="half")(x)
    y = L.Conv2D(9, (2, 3), data_format=CF, groups=3, strides=2)(b)
    y = L.Conv2D(3, 3, data_format=CF, padding="same", dilation_rate=2)(y)
    model = keras.Model([a, b], [x, y], name="conv2d_variants")
    dump(G, "conv2d_variants", model, ST)


def conv3d_variants():
    fresh()
    inp = L.Input((10, 12, 14, 4))
    x = L.Conv3D(8, 3)(inp)
    x = L.Conv3D(6, (1, 2, 3), strides=(1, 2, 2), padding="same", groups=2)(x)
    x = L.Conv3D(4, 2, dilation_rate=(1, 2, 1), use_bias=False, activation="relu")(x)
    x = L.Convolution3D(2, (2, 1, 1), name="alias3d")(x)
    model = keras.Model(inp, x, name="conv3d_variants")
    dump(G, "conv3d_variants", model, ST)


def conv3d_channels_first():
    fresh()
    model = keras.Sequential(
        [
            L.Input((3, 8, None, 9)),
            L.Conv3D(6, (3, 3, 2), data_format=CF, strides=(2, 1, 3)),
            L.Conv3D(6, 3, data_format=CF, padding="same", groups=6),
            L.MaxPooling3D((1, 2, 1), data_format=CF),
            L.AveragePooling3D(2, strides=1, padding="same", data_format=CF),
            L.GlobalMaxPooling3D(data_format=CF, keepdims=True),
        ],
        name="conv3d_cf",
    )
    dump(G, "conv3d_channels_first", model)


def conv_lora():
    fresh()
    inp = L.Input((16, 16, 3))
    x = L.Conv2D(8, 3, lora_rank=2)(inp)
    x = L.Conv2D(4, 3, lora_rank=3, lora_alpha=6, use_bias=False, dtype="float16")(x)
    seq = L.Input((10, 4), name="seq")
    y = L.Conv1D(4, 3, lora_rank=1)(seq)
    model = keras.Model([inp, seq], [x, y], name="conv_lora")
    dump(G, "conv_lora", model, ST)


# --- Transposed convolutions -------------------------------------------------


def conv2d_transpose():
    fresh()
    inp = L.Input((7, 9, 16))
    x = L.Conv2DTranspose(8, 3)(inp)
    x = L.Conv2DTranspose(8, 3, strides=2, padding="same")(x)
    x = L.Conv2DTranspose(6, (3, 4), strides=(2, 3), output_padding=(1, 2))(x)
    x = L.Conv2DTranspose(6, 2, strides=3, use_bias=False)(x)
    x = L.Conv2DTranspose(4, 3, padding="same", output_padding=0)(x)
    x = L.Conv2DTranspose(4, (2, 3), strides=(2, 2), padding="same", output_padding=1)(x)
    x = L.Convolution2DTranspose(2, 3, dilation_rate=2, name="dilated")(x)
    x = L.Conv2DTranspose(2, 4, dilation_rate=(1, 2), padding="same", output_padding=0)(x)
    model = keras.Model(inp, x, name="conv2d_transpose")
    dump(G, "conv2d_transpose", model, ST)


def conv_transpose_1d_3d():
    fresh()
    a = L.Input((None, 8), name="seq")
    b = L.Input((4, 10), name="seq_cf")
    c = L.Input((3, 4, 5, 2), name="vol")
    d = L.Input((2, 3, None, 5), name="vol_cf")
    xa = L.Conv1DTranspose(4, 3, strides=2)(a)
    xa = L.Convolution1DTranspose(4, 5, padding="same", strides=2, output_padding=1)(xa)
    xb = L.Conv1DTranspose(6, 4, data_format=CF, strides=3, output_padding=2)(b)
    xb = L.Conv1DTranspose(2, 3, data_format=CF, dilation_rate=2, activation="tanh")(xb)
    xc = L.Conv3DTranspose(5, 3, strides=(1, 2, 2), padding="same")(c)
    xc = L.Conv3DTranspose(3, (2, 3, 1), strides=2, output_padding=(1, 0, 1), use_bias=False)(xc)
    xd = L.Convolution3DTranspose(4, 2, data_format=CF, strides=(2, 1, 2))(d)
    model = keras.Model([a, b, c, d], [xa, xb, xc, xd], name="transpose_1d_3d")
    dump(G, "conv_transpose_1d_3d", model)


# --- Depthwise / separable ---------------------------------------------------


def depthwise():
    fresh()
    a = L.Input((20, 18, 6))
    b = L.Input((5, 12, None), name="cf")
    c = L.Input((None, 7), name="seq")
    x = L.DepthwiseConv2D(3)(a)
    x = L.DepthwiseConv2D((3, 2), strides=2, padding="same", depth_multiplier=2)(x)
    x = L.DepthwiseConv2D(3, dilation_rate=(2, 1), use_bias=False, activation="relu")(x)
    x = L.DepthwiseConv2D(3, strides=(1, 2), depth_multiplier=3, trainable=False)(x)
    y = L.DepthwiseConv2D(2, data_format=CF, depth_multiplier=2)(b)
    z = L.DepthwiseConv1D(3, strides=2, padding="same", depth_multiplier=4)(c)
    z = L.DepthwiseConv1D(2, dilation_rate=3, use_bias=False)(z)
    d = L.Input((7, 9), name="seq_cf")
    w = L.DepthwiseConv1D(5, data_format=CF, depth_multiplier=2)(d)
    model = keras.Model([a, b, c, d], [x, y, z, w], name="depthwise")
    dump(G, "depthwise", model, ST)


def separable():
    fresh()
    a = L.Input((21, 19, 8))
    b = L.Input((30, 5), name="seq")
    x = L.SeparableConv2D(16, 3)(a)
    x = L.SeparableConv2D(12, (3, 5), strides=2, padding="same", depth_multiplier=2)(x)
    x = L.SeparableConvolution2D(6, 3, dilation_rate=2, use_bias=False)(x)
    c = L.Input((3, 10, 11), name="img_cf")
    z = L.SeparableConv2D(4, 2, data_format=CF, depth_multiplier=3)(c)
    y = L.SeparableConv1D(8, 3, padding="same", depth_multiplier=2)(b)
    y = L.SeparableConv1D(4, 4, strides=3, activation="relu")(y)
    y = L.SeparableConvolution1D(3, 2, data_format=CF, use_bias=False, trainable=False)(y)
    model = keras.Model([a, b, c], [x, y, z], name="separable")
    dump(G, "separable", model, ST)


def mobilenet_block():
    fresh()
    inp = L.Input((32, 32, 3), name="image")
    x = L.Conv2D(16, 3, strides=2, padding="same", use_bias=False, name="stem")(inp)
    x = L.BatchNormalization()(x)
    x = L.Activation("relu6")(x)
    for i, (f, s) in enumerate([(24, 1), (32, 2), (32, 1)]):
        y = L.Conv2D(f * 4, 1, use_bias=False, name=f"expand_{i}")(x)
        y = L.DepthwiseConv2D(3, strides=s, padding="same", use_bias=False, name=f"dw_{i}")(y)
        y = L.BatchNormalization(name=f"dw_bn_{i}")(y)
        y = L.Conv2D(f, 1, use_bias=False, name=f"project_{i}")(y)
        if s == 1 and x.shape[-1] == f:
            y = L.Add(name=f"add_{i}")([x, y])
        x = y
    x = L.SeparableConv2D(64, 3, padding="same", name="sep")(x)
    x = L.GlobalAveragePooling2D(keepdims=True)(x)
    x = L.Conv2D(10, 1, name="logits")(x)
    x = L.Flatten()(x)
    model = keras.Model(inp, x, name="mobilenet_block")
    dump(G, "mobilenet_block", model, ST)


# --- Pooling -----------------------------------------------------------------


def pool1d():
    fresh()
    a = L.Input((31, 4))
    b = L.Input((4, None), name="cf")
    x = L.MaxPooling1D()(a)
    x = L.MaxPooling1D(3, strides=1, padding="same")(x)
    x = L.AveragePooling1D(4, strides=2)(x)
    x = L.MaxPool1D(pool_size=(2,), strides=(3,), padding="same")(x)
    x = L.AvgPool1D(1)(x)
    y = L.MaxPooling1D(3, data_format=CF)(b)
    y = L.AveragePooling1D(2, strides=1, padding="same", data_format=CF)(y)
    model = keras.Model([a, b], [x, y], name="pool1d")
    dump(G, "pool1d", model)


def pool2d():
    fresh()
    a = L.Input((15, 16, 3))
    b = L.Input((3, None, 11), name="cf")
    x = L.MaxPooling2D()(a)
    x = L.MaxPool2D((3, 2), strides=(1, 2), padding="same")(x)
    x = L.AvgPool2D((2, 3), strides=1)(x)
    y = L.AveragePooling2D(2, padding="same", data_format=CF)(b)
    y = L.MaxPooling2D((1, 3), strides=(2, 1), data_format=CF)(y)
    model = keras.Model([a, b], [x, y], name="pool2d")
    dump(G, "pool2d", model)


def pool3d():
    fresh()
    inp = L.Input((9, 10, None, 2))
    x = L.MaxPooling3D()(inp)
    x = L.MaxPool3D((1, 2, 3), strides=(2, 1, 1), padding="same")(x)
    x = L.AveragePooling3D((2, 2, 1))(x)
    x = L.AvgPool3D(1, strides=(1, 2, 1), padding="same")(x)
    model = keras.Model(inp, x, name="pool3d")
    dump(G, "pool3d", model)


def global_pool():
    fresh()
    a = L.Input((10, 6), name="seq")
    b = L.Input((8, 9, 5), name="img")
    c = L.Input((4, 5, 6, 7), name="vol")
    outs = [
        L.GlobalMaxPooling1D()(a),
        L.GlobalAveragePooling1D(keepdims=True)(a),
        L.GlobalMaxPool1D(data_format=CF)(a),
        L.GlobalAvgPool1D(data_format=CF, keepdims=True)(a),
        L.GlobalMaxPooling2D(keepdims=True)(b),
        L.GlobalAveragePooling2D(data_format=CF)(b),
        L.GlobalMaxPool2D(data_format=CF, keepdims=True)(b),
        L.GlobalAvgPool2D()(b),
        L.GlobalMaxPooling3D()(c),
        L.GlobalAveragePooling3D(keepdims=True)(c),
        L.GlobalMaxPool3D(data_format=CF)(c),
        L.GlobalAvgPool3D(data_format=CF, keepdims=True)(c),
    ]
    model = keras.Model([a, b, c], outs, name="global_pool")
    dump(G, "global_pool", model)


def global_pool_unknown():
    fresh()
    model = keras.Sequential(
        [
            L.Input((None, None, 8)),
            L.Conv2D(4, 3, padding="same"),
            L.GlobalMaxPooling2D(keepdims=True),
            L.Flatten(),
        ],
        name="global_unknown",
    )
    dump(G, "global_pool_unknown", model)


def adaptive_pool():
    fresh()
    a = L.Input((20, 6), name="seq")
    b = L.Input((None, None, 5), name="img")
    c = L.Input((3, 9, 8, 7), name="vol_cf")
    outs = [
        L.AdaptiveMaxPooling1D(4)(a),
        L.AdaptiveAveragePooling1D((7,), data_format=CF)(a),
        L.AdaptiveMaxPooling2D(3)(b),
        L.AdaptiveAveragePooling2D((2, 5))(b),
        L.AdaptiveMaxPooling2D((1, 1), data_format=CF)(b),
        L.AdaptiveAveragePooling3D(2)(c),
        L.AdaptiveMaxPooling3D((1, 2, 3), data_format=CF)(c),
        L.AdaptiveAveragePooling3D((4, 0, 1), data_format=CF)(c),
        # Keras does not check the input rank of adaptive pooling.
        L.AdaptiveAveragePooling2D(3, name="rank3_input")(a),
    ]
    model = keras.Model([a, b, c], outs, name="adaptive_pool")
    dump(G, "adaptive_pool", model)


# --- Edge cases and Sequential models ----------------------------------------


def edge_cases():
    # Shapes Keras accepts although a real call might not: zero-sized
    # transposed outputs, depthwise/separable with strides and dilation.
    fresh()
    a = L.Input((1, 1, 4), name="pixel")
    b = L.Input((9, 9, 4), name="img")
    c = L.Input((5, 3), name="seq")
    outs = [
        L.Conv2DTranspose(3, 2, padding="same", output_padding=0)(a),
        L.DepthwiseConv2D(3, strides=2, dilation_rate=2)(b),
        L.SeparableConv2D(3, 3, strides=(2, 1), dilation_rate=(1, 2))(b),
        L.Conv1DTranspose(2, 1, strides=4)(c),
        L.Conv1DTranspose(2, 5, strides=2, padding="same")(c),
        L.Conv1D(3, 5, padding="causal", strides=2, dilation_rate=1)(c),
        L.MaxPooling1D(5, strides=5)(c),
        L.AveragePooling1D(9, padding="same", strides=4)(c),
    ]
    model = keras.Model([a, b, c], outs, name="edge_cases")
    dump(G, "edge_cases", model)


def seq_temporal():
    fresh()
    model = keras.Sequential(
        [
            L.Input((None, 16)),
            L.Conv1D(32, 2, padding="causal", dilation_rate=1, activation="relu"),
            L.Conv1D(32, 2, padding="causal", dilation_rate=2, activation="relu"),
            L.Conv1D(32, 2, padding="causal", dilation_rate=4, activation="relu"),
            L.SeparableConv1D(48, 3, padding="same"),
            L.MaxPooling1D(2),
            L.DepthwiseConv1D(3, padding="same", depth_multiplier=2),
            L.GlobalMaxPooling1D(),
            L.Dense(5),
        ],
        name="temporal",
    )
    dump(G, "seq_temporal", model, {**ST, "line100": {"line_length": 100}})


def seq_autoencoder():
    fresh()
    model = keras.Sequential(
        [
            L.Input((28, 28, 1)),
            L.Conv2D(16, 3, strides=2, padding="same", activation="relu"),
            L.Conv2D(8, 3, strides=2, padding="same", activation="relu"),
            L.Conv2DTranspose(8, 3, strides=2, padding="same", activation="relu"),
            L.Conv2DTranspose(16, 3, strides=2, padding="same", activation="relu"),
            L.Conv2D(1, 3, padding="same", activation="sigmoid"),
        ],
        name="autoencoder",
    )
    model.layers[2].trainable = False
    dump(G, "seq_autoencoder", model, ST)


# --- Errors ------------------------------------------------------------------


def errors():
    def e(name, f):
        fresh()
        dump_error(G, name, f)

    e("err_conv1d_filters_zero", lambda: L.Conv1D(0, 3)(L.Input((8, 2))))
    e("err_conv1d_rank", lambda: L.Conv1D(4, 3)(L.Input((8, 8, 2))))
    e("err_conv2d_causal", lambda: L.Conv2D(4, 3, padding="causal")(L.Input((8, 8, 2))))
    e("err_conv2d_groups_filters", lambda: L.Conv2D(4, 3, groups=3)(L.Input((8, 8, 3))))
    e("err_conv2d_groups_channels", lambda: L.Conv2D(4, 3, groups=2)(L.Input((8, 8, 3))))
    e("err_conv2d_groups_zero", lambda: L.Conv2D(4, 3, groups=0)(L.Input((8, 8, 3))))
    e("err_conv3d_kernel_zero", lambda: L.Conv3D(4, (1, 0, 1))(L.Input((8, 8, 8, 3))))
    e("err_conv3d_too_small", lambda: L.Conv3D(4, 3, dilation_rate=(1, 1, 3))(L.Input((8, 8, 6, 3))))
    e("err_conv2d_stride_dilation", lambda: L.Conv2D(4, 3, strides=2, dilation_rate=2)(L.Input((8, 8, 3))))
    e("err_conv2d_unknown_channels", lambda: L.Conv2D(4, 3)(L.Input((8, 8, None))))
    e("err_conv_lora_negative", lambda: L.Conv2D(4, 3, lora_rank=-1)(L.Input((8, 8, 3))))
    e("err_conv_activation", lambda: L.Conv2D(4, 3, activation="relu7")(L.Input((8, 8, 3))))
    e("err_transpose_output_padding_negative", lambda: L.Conv2DTranspose(4, 3, strides=2, output_padding=-1)(L.Input((8, 8, 3))))
    e("err_transpose_filters_zero", lambda: L.Conv3DTranspose(0, 3)(L.Input((8, 8, 8, 3))))
    e("err_depthwise_rank", lambda: L.DepthwiseConv2D(3)(L.Input((8, 3))))
    e("err_transpose_output_padding", lambda: L.Conv2DTranspose(4, 3, strides=2, output_padding=2)(L.Input((8, 8, 3))))
    e("err_transpose_stride_dilation", lambda: L.Conv1DTranspose(4, 3, strides=2, dilation_rate=2)(L.Input((8, 3))))
    e("err_transpose_causal", lambda: L.Conv1DTranspose(4, 3, padding="causal")(L.Input((8, 3))))
    e("err_transpose_rank", lambda: L.Conv2DTranspose(4, 3)(L.Input((8, 3))))
    e("err_transpose_unknown_channels", lambda: L.Conv3DTranspose(4, 3)(L.Input((8, 8, 8, None))))
    e("err_depthwise_multiplier_zero", lambda: L.DepthwiseConv2D(3, depth_multiplier=0)(L.Input((8, 8, 3))))
    e("err_depthwise_too_small", lambda: L.DepthwiseConv1D(5)(L.Input((4, 3))))
    e("err_depthwise_causal", lambda: L.DepthwiseConv1D(3, padding="causal")(L.Input((8, 3))))
    e("err_separable_filters_zero", lambda: L.SeparableConv2D(0, 3)(L.Input((8, 8, 3))))
    e("err_separable_unknown_channels", lambda: L.SeparableConv1D(4, 3)(L.Input((8, None))))
    e("err_separable_too_small", lambda: L.SeparableConv2D(4, (2, 9))(L.Input((8, 8, 3))))
    e("err_pool_size_zero", lambda: L.MaxPooling2D((2, 0))(L.Input((8, 8, 3))))
    e("err_pool_too_small", lambda: L.MaxPooling1D(5)(L.Input((4, 3))))
    e("err_pool_strides_zero", lambda: L.AveragePooling2D(2, strides=0)(L.Input((8, 8, 3))))
    e("err_pool_causal", lambda: L.MaxPooling1D(2, padding="causal")(L.Input((8, 3))))
    e("err_pool_rank", lambda: L.MaxPooling3D()(L.Input((8, 8, 3))))
    e("err_global_rank", lambda: L.GlobalAveragePooling1D()(L.Input((8, 8, 3))))
    e("err_adaptive_negative", lambda: L.AdaptiveMaxPooling2D(-1)(L.Input((8, 8, 3))))


if __name__ == "__main__":
    for f in [
        conv1d_variants, conv1d_unknown, conv2d_variants, conv3d_variants,
        conv3d_channels_first, conv_lora, conv2d_transpose, conv_transpose_1d_3d,
        depthwise, separable, mobilenet_block, pool1d, pool2d, pool3d,
        global_pool, global_pool_unknown, adaptive_pool, edge_cases,
        seq_temporal, seq_autoencoder, errors,
    ]:
        f()
