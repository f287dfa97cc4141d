"""Compute-figure fixtures: TensorFlow's profiler and torchinfo.

    COLUMNS=200 .venv-keras/bin/python scripts/gen_compute_fixtures.py tf
    COLUMNS=200 .venv-torch/bin/python scripts/gen_compute_fixtures.py torch

`tf` writes tests/fixtures/compute/tf_profiler.json: for each small Keras
model (TensorFlow backend), its config (`model.to_json()`), the input
shapes, and the float operations TensorFlow's profiler counts on the graph
of the model's concrete function at batch size 1
(`tf.compat.v1.profiler.profile(graph,
options=ProfileOptionBuilder.float_operation())`): the total, the total
per op type, and the total per layer (ops attributed to the top-level
layer whose name scope holds them). Recurrent layers are built with
`unroll=True`, so that every time step is in the graph the profiler reads
(a `While` loop's body is not counted).

`torch` writes tests/fixtures/compute/torchinfo.json: for equivalent
PyTorch models, torchinfo's `summary(model, input_size=..., verbose=0)`:
`total_mult_adds`, per-layer `macs`, `num_params`, `output_size`,
`kernel_size`, and the printed table with the given columns. Each case
names the Keras model config (written by the `tf` run into
keras_twins.json) it is compared with.
"""

import collections
import json
import os
import pathlib
import re
import sys

os.environ.setdefault("COLUMNS", "200")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

OUT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "compute"


def tf_cases():
    import keras
    from keras import layers as L

    def single(layer, *shapes, dtype=None):
        ins = [L.Input(s, dtype=dtype) for s in shapes]
        out = layer(ins if len(ins) > 1 else ins[0])
        return keras.Model(ins if len(ins) > 1 else ins[0], out)

    cases = {}

    def case(name, model_fn):
        keras.backend.clear_session()
        keras.utils.set_random_seed(0)  # reproducible seeds in configs
        cases[name] = model_fn()

    # Core
    case("dense", lambda: single(L.Dense(5), (7,)))
    case("dense_relu", lambda: single(L.Dense(5, activation="relu"), (7,)))
    case("dense_softmax", lambda: single(L.Dense(6, activation="softmax"), (7,)))
    case("dense_gelu", lambda: single(L.Dense(6, activation="gelu"), (7,)))
    case("dense_nobias", lambda: single(L.Dense(5, use_bias=False), (7,)))
    case("dense_3d", lambda: single(L.Dense(5), (3, 7)))
    case("dense_4d", lambda: single(L.Dense(2), (2, 3, 4)))
    case("einsum", lambda: single(L.EinsumDense("abc,cd->abd", (3, 4), bias_axes="d"), (3, 5)))
    case("einsum_heads", lambda: single(L.EinsumDense("abc,cde->abde", (3, 2, 4), bias_axes="de"), (3, 5)))
    case("einsum_nobias", lambda: single(L.EinsumDense("ab,bc->ac", 4), (6,)))
    case("embedding", lambda: single(L.Embedding(10, 4), (5,)))
    case("identity", lambda: single(L.Identity(), (5,)))
    # Convolutions
    case("conv1d", lambda: single(L.Conv1D(4, 3), (10, 3)))
    case("conv1d_causal_dilated", lambda: single(L.Conv1D(4, 3, padding="causal", dilation_rate=2), (10, 3)))
    case("conv2d", lambda: single(L.Conv2D(4, 3), (8, 8, 3)))
    case("conv2d_same_stride", lambda: single(L.Conv2D(6, 3, strides=2, padding="same", activation="relu"), (9, 9, 3)))
    case("conv2d_grouped", lambda: single(L.Conv2D(6, 3, groups=3), (7, 7, 6)))
    case("conv2d_nobias", lambda: single(L.Conv2D(4, (3, 2), use_bias=False), (6, 5, 2)))
    case("conv3d", lambda: single(L.Conv3D(2, 3), (5, 5, 5, 3)))
    case("conv1d_transpose_same", lambda: single(L.Conv1DTranspose(4, 3, strides=2, padding="same"), (5, 3)))
    case("conv2d_transpose_same", lambda: single(L.Conv2DTranspose(4, 3, strides=2, padding="same"), (4, 4, 3)))
    case("conv2d_transpose_valid", lambda: single(L.Conv2DTranspose(4, 3, strides=2), (4, 4, 3)))
    case("conv3d_transpose_same", lambda: single(L.Conv3DTranspose(2, 3, strides=2, padding="same"), (3, 3, 3, 2)))
    case("depthwise2d", lambda: single(L.DepthwiseConv2D(3, depth_multiplier=2), (6, 6, 3)))
    case("depthwise1d", lambda: single(L.DepthwiseConv1D(3), (8, 4)))
    case("separable2d", lambda: single(L.SeparableConv2D(4, 3), (6, 6, 3)))
    case("separable1d", lambda: single(L.SeparableConv1D(5, 3, depth_multiplier=2, padding="same"), (8, 3)))
    # Normalization
    case("bn", lambda: single(L.BatchNormalization(), (4, 4, 3)))
    case("bn_scale_only", lambda: single(L.BatchNormalization(center=False), (3, 4)))
    case("bn_center_only", lambda: single(L.BatchNormalization(scale=False), (3, 4)))
    case("bn_none", lambda: single(L.BatchNormalization(center=False, scale=False), (4, 4, 3)))
    case("bn_axis1", lambda: single(L.BatchNormalization(axis=1), (3, 4, 5)))
    case("ln", lambda: single(L.LayerNormalization(), (3, 5)))
    case("ln_3d", lambda: single(L.LayerNormalization(), (2, 3, 6)))
    case("ln_axes", lambda: single(L.LayerNormalization(axis=[-2, -1]), (2, 3, 4)))
    case("ln_no_center", lambda: single(L.LayerNormalization(center=False), (5, 6)))
    case("ln_no_scale", lambda: single(L.LayerNormalization(scale=False), (5, 6)))
    case("ln_rms", lambda: single(L.LayerNormalization(rms_scaling=True), (5, 6)))
    case("group_norm", lambda: single(L.GroupNormalization(2), (3, 4)))
    case("group_norm_c6", lambda: single(L.GroupNormalization(2), (5, 6)))
    case("group_norm_3d", lambda: single(L.GroupNormalization(3), (2, 4, 9)))
    case("unit_norm", lambda: single(L.UnitNormalization(), (5, 6)))
    case("unit_norm_axes", lambda: single(L.UnitNormalization(axis=[1, 2]), (2, 3, 4)))
    case("rms_norm", lambda: single(L.RMSNormalization(), (5, 6)))
    case("masking", lambda: single(L.Masking(), (3, 4)))
    case("spectral_norm_dense", lambda: single(L.SpectralNormalization(L.Dense(3)), (4,)))
    case("spectral_norm_conv", lambda: single(L.SpectralNormalization(L.Conv2D(2, 3, activation="relu")), (5, 5, 2)))
    # Pooling
    case("maxpool1d", lambda: single(L.MaxPooling1D(2), (9, 3)))
    case("maxpool2d", lambda: single(L.MaxPooling2D(2), (4, 4, 3)))
    case("maxpool2d_same_stride", lambda: single(L.MaxPooling2D(3, strides=2, padding="same"), (7, 7, 2)))
    case("maxpool3d", lambda: single(L.MaxPooling3D(2), (4, 4, 4, 2)))
    case("avgpool1d", lambda: single(L.AveragePooling1D(3), (9, 2)))
    case("avgpool2d", lambda: single(L.AveragePooling2D(2), (4, 4, 3)))
    case("avgpool3d", lambda: single(L.AveragePooling3D(2), (4, 4, 4, 2)))
    case("gap1d", lambda: single(L.GlobalAveragePooling1D(), (6, 3)))
    case("gap2d", lambda: single(L.GlobalAveragePooling2D(), (4, 4, 3)))
    case("gmp2d", lambda: single(L.GlobalMaxPooling2D(), (4, 4, 3)))
    # Merging
    case("add", lambda: single(L.Add(), (4, 3), (4, 3)))
    case("add3", lambda: single(L.Add(), (4,), (4,), (4,)))
    case("subtract", lambda: single(L.Subtract(), (5,), (5,)))
    case("multiply3", lambda: single(L.Multiply(), (4,), (4,), (4,)))
    case("average", lambda: single(L.Average(), (4, 2), (4, 2)))
    case("maximum", lambda: single(L.Maximum(), (4,), (4,)))
    case("minimum", lambda: single(L.Minimum(), (4,), (4,)))
    case("concatenate", lambda: single(L.Concatenate(), (4,), (3,)))
    case("dot", lambda: single(L.Dot(axes=1), (4,), (4,)))
    case("dot_3d", lambda: single(L.Dot(axes=(2, 2)), (3, 4), (5, 4)))
    case("dot_3d_b", lambda: single(L.Dot(axes=(1, 1)), (3, 4), (3, 6)))
    case("dot_normalize", lambda: single(L.Dot(axes=1, normalize=True), (4,), (4,)))
    case("dot_normalize_3d", lambda: single(L.Dot(axes=(2, 2), normalize=True), (3, 4), (5, 4)))
    # Activations
    case("softmax", lambda: single(L.Softmax(), (6,)))
    case("relu", lambda: single(L.ReLU(), (4,)))
    case("leaky_relu", lambda: single(L.LeakyReLU(), (4,)))
    case("prelu", lambda: single(L.PReLU(), (3, 4)))
    case("elu", lambda: single(L.ELU(), (4,)))
    case("elu_alpha", lambda: single(L.ELU(alpha=0.5), (3, 4)))
    case("relu_max_value", lambda: single(L.ReLU(max_value=6.0), (3, 4)))
    case("relu_negative_slope", lambda: single(L.ReLU(negative_slope=0.1), (3, 4)))
    for a in ["relu", "sigmoid", "tanh", "softmax", "swish", "silu", "gelu", "hard_sigmoid",
              "hard_silu", "log_softmax", "mish", "celu", "hard_tanh", "tanh_shrink",
              "soft_shrink", "hard_shrink", "log_sigmoid", "sparse_plus", "squareplus",
              "selu", "softplus", "softsign", "relu6", "exponential", "leaky_relu", "linear"]:
        case(f"activation_{a}", lambda a=a: single(L.Activation(a), (3, 4)))
    # Reshaping and regularization
    case("flatten", lambda: single(L.Flatten(), (3, 4)))
    case("reshape", lambda: single(L.Reshape((4, 3)), (3, 4)))
    case("permute", lambda: single(L.Permute((2, 1)), (3, 4)))
    case("repeat_vector", lambda: single(L.RepeatVector(3), (4,)))
    case("zero_padding2d", lambda: single(L.ZeroPadding2D(1), (3, 3, 2)))
    case("cropping2d", lambda: single(L.Cropping2D(1), (5, 5, 2)))
    case("upsampling1d", lambda: single(L.UpSampling1D(2), (3, 2)))
    case("upsampling2d", lambda: single(L.UpSampling2D(2), (3, 3, 2)))
    case("upsampling2d_bilinear", lambda: single(L.UpSampling2D(2, interpolation="bilinear"), (3, 3, 2)))
    case("dropout", lambda: single(L.Dropout(0.5), (4,)))
    case("spatial_dropout2d", lambda: single(L.SpatialDropout2D(0.5), (3, 3, 2)))
    case("gaussian_noise", lambda: single(L.GaussianNoise(0.1), (4,)))
    case("gaussian_dropout", lambda: single(L.GaussianDropout(0.1), (4,)))
    case("alpha_dropout", lambda: single(L.AlphaDropout(0.1), (4,)))
    # Preprocessing (inference)
    case("rescaling", lambda: single(L.Rescaling(1 / 255.0), (3, 4)))
    case("rescaling_offset", lambda: single(L.Rescaling(1 / 127.5, offset=-1), (5, 6, 2)))
    case("normalization", lambda: single(L.Normalization(mean=[1.0, 2.0, 3.0, 4.0], variance=[1.0, 1.0, 2.0, 2.0]), (3, 4)))
    case("normalization_3d", lambda: single(L.Normalization(mean=[1.0, 2.0], variance=[1.0, 3.0]), (5, 6, 2)))
    case("resizing", lambda: single(L.Resizing(4, 4), (6, 6, 3)))
    case("center_crop", lambda: single(L.CenterCrop(2, 2), (4, 4, 3)))
    case("random_crop", lambda: single(L.RandomCrop(2, 2), (4, 4, 3)))
    case("random_flip", lambda: single(L.RandomFlip(), (4, 4, 3)))
    case("random_rotation", lambda: single(L.RandomRotation(0.1), (4, 4, 3)))
    case("random_zoom", lambda: single(L.RandomZoom(0.1), (4, 4, 3)))
    case("random_translation", lambda: single(L.RandomTranslation(0.1, 0.1), (4, 4, 3)))
    case("random_contrast", lambda: single(L.RandomContrast(0.1), (4, 4, 3)))
    # Recurrent (unrolled)
    case("simple_rnn", lambda: single(L.SimpleRNN(3, unroll=True), (5, 4)))
    case("simple_rnn_seq", lambda: single(L.SimpleRNN(3, unroll=True, return_sequences=True), (5, 4)))
    case("lstm", lambda: single(L.LSTM(3, unroll=True), (5, 4)))
    case("lstm_seq", lambda: single(L.LSTM(6, unroll=True, return_sequences=True), (4, 2)))
    case("gru", lambda: single(L.GRU(3, unroll=True), (5, 4)))
    case("gru_v1", lambda: single(L.GRU(3, unroll=True, reset_after=False), (5, 4)))
    case("simple_rnn_nobias", lambda: single(L.SimpleRNN(3, use_bias=False, unroll=True), (5, 4)))
    case("lstm_nobias", lambda: single(L.LSTM(3, use_bias=False, unroll=True), (5, 4)))
    case("gru_nobias", lambda: single(L.GRU(3, use_bias=False, unroll=True), (5, 4)))
    case("gru_v1_nobias", lambda: single(L.GRU(4, use_bias=False, reset_after=False, unroll=True), (3, 2)))
    case("bidirectional_ave", lambda: single(L.Bidirectional(L.SimpleRNN(3, unroll=True), merge_mode="ave"), (5, 4)))
    case("bidirectional_mul", lambda: single(L.Bidirectional(L.SimpleRNN(3, unroll=True), merge_mode="mul"), (5, 4)))
    case("bidirectional_lstm", lambda: single(L.Bidirectional(L.LSTM(3, unroll=True)), (5, 4)))
    case("bidirectional_gru_seq", lambda: single(L.Bidirectional(L.GRU(2, unroll=True, return_sequences=True), merge_mode="sum"), (3, 4)))
    case("time_distributed_dense", lambda: single(L.TimeDistributed(L.Dense(3)), (5, 4)))
    case("time_distributed_conv", lambda: single(L.TimeDistributed(L.Conv2D(2, 3)), (2, 5, 5, 3)))
    case("conv_lstm2d", lambda: single(L.ConvLSTM2D(2, 3, unroll=True), (3, 5, 5, 2)))
    case("conv_lstm1d_same", lambda: single(L.ConvLSTM1D(2, 3, padding="same", unroll=True), (3, 6, 2)))
    # Attention
    def mha(q, v, **kw):
        def f():
            qi, vi = L.Input(q), L.Input(v)
            return keras.Model([qi, vi], L.MultiHeadAttention(**kw)(qi, vi))
        return f
    case("mha_self", mha((4, 6), (4, 6), num_heads=2, key_dim=3))
    case("mha_cross", mha((3, 6), (5, 4), num_heads=2, key_dim=3, value_dim=2))
    case("mha_nobias_out", mha((3, 6), (5, 6), num_heads=3, key_dim=2, use_bias=False, output_shape=8))
    def gqa():
        qi, vi = L.Input((4, 6)), L.Input((5, 6))
        return keras.Model([qi, vi], L.GroupQueryAttention(head_dim=3, num_query_heads=4, num_key_value_heads=2)(qi, vi))
    case("gqa", gqa)
    def att(layer, q, v):
        def f():
            qi, vi = L.Input(q), L.Input(v)
            return keras.Model([qi, vi], layer()([qi, vi]))
        return f
    case("attention", att(L.Attention, (3, 4), (5, 4)))
    case("attention_scaled", att(lambda: L.Attention(use_scale=True), (3, 4), (5, 4)))
    case("additive_attention", att(L.AdditiveAttention, (3, 4), (5, 4)))
    case("additive_attention_noscale", att(lambda: L.AdditiveAttention(use_scale=False), (2, 3), (4, 3)))
    case("attention_concat", att(lambda: L.Attention(score_mode="concat"), (3, 4), (5, 4)))
    # Operations on tensors (keras.ops in a Functional model)
    from keras import ops

    def op_model(fn, *shapes):
        def f():
            ins = [L.Input(s) for s in shapes]
            return keras.Model(ins if len(ins) > 1 else ins[0], fn(*ins))
        return f
    case("op_add_constant", op_model(lambda x: x + 1.0, (3, 4)))
    case("op_multiply", op_model(lambda x, y: ops.multiply(x, y), (3, 4), (4,)))
    case("op_subtract_divide", op_model(lambda x, y: ops.divide(ops.subtract(x, y), 2.0), (5,), (5,)))
    case("op_power_max_min", op_model(lambda x: ops.minimum(ops.maximum(ops.power(x, 2.0), 0.5), 3.0), (2, 3)))
    case("op_mean", op_model(lambda x: ops.mean(x, axis=-1), (3, 4)))
    case("op_sum_keepdims", op_model(lambda x: ops.sum(x, axis=1, keepdims=True), (3, 4)))
    case("op_max", op_model(lambda x: ops.max(x, axis=[1, 2]), (3, 4, 2)))
    case("op_reshape_transpose", op_model(lambda x: ops.transpose(ops.reshape(x, (-1, 4, 3)), (0, 2, 1)), (12,)))
    case("op_concat_getitem", op_model(lambda x, y: ops.concatenate([x, y], axis=-1)[:, 1:], (3, 4), (3, 2)))
    # The Keras Applications' helper layers
    from keras.src.applications.convnext import LayerScale
    from keras.src.applications.inception_resnet_v2 import CustomScaleLayer

    case("layer_scale", lambda: single(LayerScale(1e-6, 4), (3, 4)))
    case("custom_scale_layer", lambda: single(CustomScaleLayer(0.17), (3, 4), (3, 4)))
    # Cost gaps (issue #5): adaptive pooling, ReLU thresholds,
    # LayerNormalization without weights, concat attention with a scale,
    # integer/string preprocessing, inference-time augmentations,
    # Pipeline, floor_divide/mod/prod.
    case("adaptive_maxpool1d", lambda: single(L.AdaptiveMaxPooling1D(3), (9, 2)))
    case("adaptive_avgpool1d_uneven", lambda: single(L.AdaptiveAveragePooling1D(4), (10, 2)))
    case("adaptive_avgpool2d", lambda: single(L.AdaptiveAveragePooling2D(2), (4, 6, 3)))
    case("adaptive_maxpool2d", lambda: single(L.AdaptiveMaxPooling2D((2, 3)), (5, 7, 4)))
    case("adaptive_avgpool3d", lambda: single(L.AdaptiveAveragePooling3D(2), (4, 4, 4, 2)))
    case("ln_none", lambda: single(L.LayerNormalization(center=False, scale=False), (5, 6)))
    case("relu_threshold", lambda: single(L.ReLU(threshold=0.5), (3, 4)))
    case("relu_threshold_slope", lambda: single(L.ReLU(threshold=0.5, negative_slope=0.1), (3, 4)))
    case("relu_threshold_max", lambda: single(L.ReLU(threshold=0.5, max_value=6.0), (3, 4)))
    case("relu_threshold_all", lambda: single(L.ReLU(threshold=0.5, max_value=6.0, negative_slope=0.1), (3, 4)))
    case("relu_max5", lambda: single(L.ReLU(max_value=5.0), (3, 4)))
    case("relu_max5_slope", lambda: single(L.ReLU(max_value=5.0, negative_slope=0.1), (3, 4)))
    case("attention_concat_scaled", att(lambda: L.Attention(score_mode="concat", use_scale=True), (3, 4), (5, 4)))
    case("op_floor_divide", op_model(lambda x, y: ops.floor_divide(x, y), (3, 4), (3, 4)))
    case("op_mod", op_model(lambda x, y: ops.mod(x, y), (3, 4), (3, 4)))
    case("op_prod", op_model(lambda x: ops.prod(x, axis=-1), (3, 4)))
    case("pipeline", lambda: single(L.Pipeline([L.Rescaling(2.0, offset=1.0), L.RandomBrightness(0.1)]), (4, 4, 3)))
    case("auto_contrast", lambda: single(L.AutoContrast(), (8, 8, 3)))
    case("auto_contrast_2ch", lambda: single(L.AutoContrast(), (5, 6, 2)))
    for c, kw in [("RandomBrightness", dict(factor=0.1)), ("RandomShear", dict(x_factor=0.1)),
                  ("RandomColorJitter", dict(brightness_factor=0.1, contrast_factor=0.1)),
                  ("RandomInvert", {}), ("RandomErasing", {}), ("RandomGaussianBlur", {}),
                  ("RandomPerspective", {}), ("RandomElasticTransform", {}), ("Solarization", {}),
                  ("CutMix", {}), ("AugMix", {}), ("RandAugment", {}),
                  ("MaxNumBoundingBoxes", dict(max_number=3))]:
        case(f"augment_{c}", lambda c=c, kw=kw: single(getattr(L, c)(**kw), (8, 8, 3)))
    # Augmentations that draw random factors even at inference (the
    # profiler counts the draw; profiled at batch 1 and 2, see BATCH2),
    # with default-like and other arguments on two image sizes.
    for c, kw, kw2 in [
        ("RandomGrayscale", {}, dict(factor=0.8)),
        ("RandomHue", dict(factor=0.1), dict(factor=(0.2, 0.6), value_range=(-1, 1))),
        ("RandomSaturation", dict(factor=0.1), dict(factor=(0.2, 0.6), value_range=(-1, 1))),
        ("RandomSharpness", dict(factor=0.1), dict(factor=(0.2, 0.6), value_range=(-1, 1))),
        ("RandomColorDegeneration", dict(factor=0.1), dict(factor=(0.2, 0.6), value_range=(-1, 1))),
        ("RandomPosterization", dict(factor=(1, 8)), dict(factor=(2, 5), value_range=(-1, 1))),
        ("MixUp", {}, dict(alpha=0.5)),
    ]:
        case(f"augment_{c}", lambda c=c, kw=kw: single(getattr(L, c)(**kw), (8, 8, 3)))
        case(f"augment_{c}_args", lambda c=c, kw=kw2: single(getattr(L, c)(**kw), (5, 6, 3)))
    case("category_encoding_one_hot", lambda: single(L.CategoryEncoding(5, output_mode="one_hot"), (1,), dtype="int32"))
    case("category_encoding_multi_hot", lambda: single(L.CategoryEncoding(5, output_mode="multi_hot"), (3,), dtype="int32"))
    case("hashing_int", lambda: single(L.Hashing(5), (3,), dtype="int64"))
    case("hashing_string", lambda: single(L.Hashing(5), (3,), dtype="string"))
    case("discretization", lambda: single(L.Discretization([0.0, 1.0, 2.0]), (3,)))
    case("string_lookup", lambda: single(L.StringLookup(vocabulary=["a", "b"]), (3,), dtype="string"))
    case("integer_lookup", lambda: single(L.IntegerLookup(vocabulary=[1, 2]), (3,), dtype="int64"))
    case("string_lookup_tf_idf", lambda: single(L.StringLookup(vocabulary=["a", "b"], output_mode="tf_idf", idf_weights=[1.0, 2.0]), (3,), dtype="string"))
    case("text_vectorization_int", lambda: single(L.TextVectorization(vocabulary=["a", "b"], output_sequence_length=4), (1,), dtype="string"))
    case("text_vectorization_multi_hot", lambda: single(L.TextVectorization(vocabulary=["a", "b"], output_mode="multi_hot"), (1,), dtype="string"))
    case("text_vectorization_tf_idf", lambda: single(L.TextVectorization(vocabulary=["a", "b"], output_mode="tf_idf", idf_weights=[1.0, 2.0]), (1,), dtype="string"))
    case("hashed_crossing", lambda: single(L.HashedCrossing(4), (1,), (1,), dtype="int64"))
    # Whole models
    def seed():
        x_input = L.Input((64, 64, 3))
        x = L.ZeroPadding2D((3, 3))(x_input)
        x = L.Conv2D(32, (7, 7), strides=(1, 1), name="conv0")(x)
        x = L.BatchNormalization(axis=3, name="bn0")(x)
        x = L.Activation("relu")(x)
        x = L.MaxPooling2D((2, 2), name="max_pool")(x)
        x = L.Flatten()(x)
        x = L.Dense(1, activation="sigmoid", name="fc")(x)
        return keras.Model(inputs=x_input, outputs=x, name="myModel")
    case("seed", seed)
    def cnn():
        return keras.Sequential([
            L.Input((28, 28, 1)),
            L.Conv2D(8, 3, padding="same", activation="relu"),
            L.BatchNormalization(),
            L.MaxPooling2D(),
            L.Conv2D(16, 3, activation="relu"),
            L.GlobalAveragePooling2D(),
            L.Dense(10, activation="softmax"),
        ], name="cnn")
    case("cnn", cnn)
    def residual():
        i = L.Input((8, 8, 4))
        a = L.Conv2D(4, 3, padding="same")(i)
        a = L.BatchNormalization()(a)
        a = L.ReLU()(a)
        y = L.Add()([i, a])
        return keras.Model(i, L.Flatten()(y), name="residual")
    case("residual", residual)
    def nested():
        inner = keras.Sequential([L.Input((6,)), L.Dense(4, activation="relu"), L.Dense(3)], name="inner")
        i = L.Input((6,))
        x = inner(i)
        y = L.Dense(2)(x)
        return keras.Model(i, y, name="outer")
    case("nested", nested)
    def shared():
        d = L.Dense(3, name="shared_dense")
        a, b = L.Input((4,)), L.Input((4,))
        return keras.Model([a, b], L.Add()([d(a), d(b)]), name="shared")
    case("shared", shared)
    # Keras Applications (weights=None)
    case("resnet50", lambda: keras.applications.ResNet50(weights=None))
    case("mobilenet_v2", lambda: keras.applications.MobileNetV2(weights=None, alpha=0.35, input_shape=(96, 96, 3)))
    return cases


# Cases also profiled at batch size 2 (`tf_flops_batch2`): the
# difference from batch 1 is the per-sample count, the rest is counted once
# per call.
BATCH2_PREFIXES = ("adaptive_", "augment_Random", "augment_MixUp", "category_encoding_", "string_lookup_tf_idf", "text_vectorization_")


def profile(model, batch=1):
    import tensorflow as tf
    from tensorflow.python.framework import ops as tfops

    shapes = [tuple(t.shape[1:]) for t in model.inputs]
    # Each input's own dtype (float32 for every float model: as before).
    specs = [tf.TensorSpec([batch, *s], t.dtype) for s, t in zip(shapes, model.inputs)]
    if len(specs) == 1:
        fn = tf.function(lambda x: model(x, training=False))
    else:
        fn = tf.function(lambda *xs: model(list(xs), training=False))
    graph = fn.get_concrete_function(*specs).graph
    opts = (
        tf.compat.v1.profiler.ProfileOptionBuilder(
            tf.compat.v1.profiler.ProfileOptionBuilder.float_operation()
        )
        .with_empty_output()
        .build()
    )
    total = int(tf.compat.v1.profiler.profile(graph, options=opts).total_float_ops)
    per_op = collections.Counter()
    per_layer = collections.Counter()
    names = {l.name for l in model.layers}
    for op in graph.get_operations():
        try:
            v = tfops.get_stats_for_node_def(graph, op.node_def, "flops").value
        except Exception:  # ops without registered statistics
            v = None
        if not v:
            continue
        v = int(v)
        per_op[op.type] += v
        parts = op.name.split("/")
        # Keras's name scopes: the layer's name with TensorFlow's `_N`
        # uniquifying suffix (`conv2d_1` for layer `conv2d`, `conv2d_1_1`
        # for layer `conv2d_1`).
        owner = None
        for part in parts[1:]:
            m = re.fullmatch(r"(.*)_\d+", part)
            if m and m.group(1) in names:
                owner = m.group(1)
            elif part in names:
                owner = part
            if owner:
                break
        per_layer[owner or "?"] += v
    assert sum(per_op.values()) == total, (total, per_op)
    return {
        "input_shapes": [list(s) for s in shapes],
        "tf_flops": total,
        "tf_flops_by_op": dict(sorted(per_op.items())),
        "tf_flops_by_layer": dict(sorted(per_layer.items())),
        "op_types": sorted({o.type for o in graph.get_operations()}),
    }


def run_tf():
    import keras
    import tensorflow as tf

    assert keras.__version__ == "3.15.1", keras.__version__
    out = {"tensorflow": tf.__version__, "keras": keras.__version__, "cases": {}}
    for name, model in tf_cases().items():
        rec = profile(model)
        if name.startswith(BATCH2_PREFIXES):
            rec["tf_flops_batch2"] = profile(model, batch=2)["tf_flops"]
        rec["config"] = json.loads(model.to_json())
        out["cases"][name] = rec
        print(name, rec["tf_flops"], rec["tf_flops_by_op"])
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "tf_profiler.json").write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
    twins = {}
    for name, fn in keras_twins().items():
        keras.backend.clear_session()
        twins[name] = json.loads(fn().to_json())
    (OUT / "keras_twins.json").write_text(json.dumps(twins, indent=1, sort_keys=True) + "\n")


def keras_twins():
    """Keras models equivalent to the PyTorch models of `torch_cases`
    (channels-last inputs of the same sizes)."""
    import keras
    from keras import layers as L

    def single(layer, shape):
        i = L.Input(shape)
        return keras.Model(i, layer(i))

    def cnn():
        return keras.Sequential([
            L.Input((28, 28, 1)),
            L.Conv2D(8, 3, padding="same", name="conv2d"),
            L.BatchNormalization(name="bn"),
            L.ReLU(name="relu"),
            L.MaxPooling2D(name="pool"),
            L.Flatten(name="flatten"),
            L.Dense(10, name="fc"),
        ], name="cnn")

    return {
        "linear": lambda: single(L.Dense(5), (7,)),
        "linear_3d": lambda: single(L.Dense(5), (3, 7)),
        "conv1d": lambda: single(L.Conv1D(4, 3), (10, 3)),
        "conv2d": lambda: single(L.Conv2D(4, 3), (8, 8, 3)),
        "conv2d_stride_pad": lambda: single(L.Conv2D(6, 3, strides=2, padding="same"), (8, 8, 3)),
        "conv3d": lambda: single(L.Conv3D(2, 3), (5, 5, 5, 3)),
        "conv_transpose2d": lambda: single(L.Conv2DTranspose(4, 3, strides=2), (4, 4, 3)),
        "depthwise2d": lambda: single(L.DepthwiseConv2D(3, depth_multiplier=2), (6, 6, 3)),
        "batchnorm2d": lambda: single(L.BatchNormalization(), (4, 4, 3)),
        "maxpool2d": lambda: single(L.MaxPooling2D(2), (4, 4, 3)),
        "avgpool2d": lambda: single(L.AveragePooling2D(2), (4, 4, 3)),
        "embedding": lambda: single(L.Embedding(10, 4), (5,)),
        "rnn": lambda: single(L.SimpleRNN(3, return_sequences=True), (5, 4)),
        "lstm": lambda: single(L.LSTM(3, return_sequences=True), (5, 4)),
        "gru": lambda: single(L.GRU(3, return_sequences=True), (5, 4)),
        "mha": lambda: _mha_twin(),
        "cnn": cnn,
        "mlp_nobias": lambda: keras.Sequential([
            L.Input((784,)),
            L.Dense(128, use_bias=False),
            L.ReLU(),
            L.Dense(10, use_bias=False),
        ], name="mlp"),
        "mlp_nested": lambda: keras.Sequential([
            L.Input((8,)),
            L.Dense(16, use_bias=False),
            keras.Sequential([L.Input((16,)), L.Dense(4, use_bias=False), L.ReLU()], name="block"),
            L.Dense(2, use_bias=False),
        ], name="outer"),
        "mlp_two_blocks": lambda: keras.Sequential([
            L.Input((2,)),
            keras.Sequential([L.Input((2,)), L.Dense(3, use_bias=False), L.ReLU()], name="b1"),
            keras.Sequential([L.Input((3,)), L.Dense(3, use_bias=False), L.ReLU()], name="b2"),
            L.Dense(1, use_bias=False),
        ], name="two_blocks"),
    }


def _mha_twin():
    import keras
    from keras import layers as L

    q = L.Input((4, 6))
    return keras.Model(q, L.MultiHeadAttention(num_heads=2, key_dim=3)(q, q))


def torch_cases():
    import torch
    from torch import nn

    class MHA(nn.Module):
        def __init__(self):
            super().__init__()
            self.attn = nn.MultiheadAttention(6, 2, batch_first=True)

        def forward(self, x):
            return self.attn(x, x, x, need_weights=False)[0]

    class RNNOut(nn.Module):
        def __init__(self, rnn):
            super().__init__()
            self.rnn = rnn

        def forward(self, x):
            return self.rnn(x)[0]

    def cnn():
        return nn.Sequential(
            nn.Conv2d(1, 8, 3, padding=1),
            nn.BatchNorm2d(8),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Flatten(),
            nn.Linear(8 * 14 * 14, 10),
        )

    return {
        "linear": (nn.Linear(7, 5), (1, 7)),
        "linear_3d": (nn.Linear(7, 5), (1, 3, 7)),
        "conv1d": (nn.Conv1d(3, 4, 3), (1, 3, 10)),
        "conv2d": (nn.Conv2d(3, 4, 3), (1, 3, 8, 8)),
        "conv2d_stride_pad": (nn.Conv2d(3, 6, 3, stride=2, padding=1), (1, 3, 8, 8)),
        "conv3d": (nn.Conv3d(3, 2, 3), (1, 3, 5, 5, 5)),
        "conv_transpose2d": (nn.ConvTranspose2d(3, 4, 3, stride=2), (1, 3, 4, 4)),
        "depthwise2d": (nn.Conv2d(3, 6, 3, groups=3), (1, 3, 6, 6)),
        "batchnorm2d": (nn.BatchNorm2d(3), (1, 3, 4, 4)),
        "maxpool2d": (nn.MaxPool2d(2), (1, 3, 4, 4)),
        "avgpool2d": (nn.AvgPool2d(2), (1, 3, 4, 4)),
        "embedding": (nn.Embedding(10, 4), None),
        "rnn": (RNNOut(nn.RNN(4, 3, batch_first=True)), (1, 5, 4)),
        "lstm": (RNNOut(nn.LSTM(4, 3, batch_first=True)), (1, 5, 4)),
        "gru": (RNNOut(nn.GRU(4, 3, batch_first=True)), (1, 5, 4)),
        "mha": (MHA(), (1, 4, 6)),
        "cnn": (cnn(), (1, 1, 28, 28)),
        "mlp_nobias": (
            nn.Sequential(nn.Linear(784, 128, bias=False), nn.ReLU(), nn.Linear(128, 10, bias=False)),
            (1, 784),
        ),
        "mlp_nested": (
            nn.Sequential(
                nn.Linear(8, 16, bias=False),
                nn.Sequential(nn.Linear(16, 4, bias=False), nn.ReLU()),
                nn.Linear(4, 2, bias=False),
            ),
            (1, 8),
        ),
        "mlp_two_blocks": (
            nn.Sequential(
                nn.Sequential(nn.Linear(2, 3, bias=False), nn.ReLU()),
                nn.Sequential(nn.Linear(3, 3, bias=False), nn.ReLU()),
                nn.Linear(3, 1, bias=False),
            ),
            (1, 2),
        ),
    }


def run_torch():
    import torch
    import torchinfo

    torch.manual_seed(0)
    cols = ("output_size", "num_params", "params_percent", "kernel_size", "mult_adds", "trainable")
    out = {"torch": torch.__version__, "torchinfo": torchinfo.__version__, "cases": {}}
    for name, (model, size) in torch_cases().items():
        model.eval()
        for batch in (1, 4):
            if size is None:
                kw = {"input_data": [torch.zeros((batch, 5), dtype=torch.long)]}
            else:
                kw = {"input_size": (batch, *size[1:])}
            s = torchinfo.summary(model, verbose=0, **kw)
            layers = [
                {
                    "class_name": l.class_name,
                    "depth": l.depth,
                    "var_name": l.var_name,
                    "macs": int(l.macs),
                    "num_params": int(l.num_params),
                    "output_size": list(l.output_size),
                    "kernel_size": (
                        [l.kernel_size] if isinstance(l.kernel_size, int)
                        else list(l.kernel_size) if l.kernel_size else None
                    ),
                    "is_leaf": l.is_leaf_layer,
                }
                for l in s.summary_list
            ]
            rec = {
                "batch": batch,
                "total_mult_adds": int(s.total_mult_adds),
                "total_params": int(s.total_params),
                "layers": layers,
            }
            if batch == 1:
                out["cases"][name] = rec
                t = torchinfo.summary(model, verbose=0, col_names=cols, **kw)
                rec["text_all_columns"] = str(t)
                rec["text_default"] = str(s)
                m = torchinfo.summary(model, verbose=0, col_names=("output_size", "num_params", "mult_adds"), **kw)
                rec["text_params_macs"] = str(m)
            else:
                out["cases"][name]["batch4_total_mult_adds"] = rec["total_mult_adds"]
        print(name, out["cases"][name]["total_mult_adds"])
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "torchinfo.json").write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    which = sys.argv[1:] or ["tf"]
    if "tf" in which:
        run_tf()
    if "torch" in which:
        run_torch()
