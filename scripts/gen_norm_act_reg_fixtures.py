"""Fixtures for the normalization, activation and regularization layers.

    cd <worktree> && COLUMNS=200 /work/.venv-keras/bin/python scripts/gen_norm_act_reg_fixtures.py

Each model here has a twin in tests/layers_norm_act_reg.rs built with kerasinfo.
"""

import warnings

from kfix import dump, dump_error, fresh
import keras
from keras import layers as L

warnings.simplefilter("ignore")  # LayerNormalization(rms_scaling=True) is deprecated

G = "norm_act_reg"
ST = {"show_trainable": {"show_trainable": True}}


def layer_norm():
    fresh()
    x = L.Input((3, 4, 5))
    y = L.LayerNormalization()(x)
    y = L.LayerNormalization(axis=[-1, 1], center=False)(y)
    y = L.LayerNormalization(axis=(3, 2), epsilon=1e-5, rms_scaling=True)(y)
    y = L.LayerNormalization(axis=1, scale=False, name="ln_axis1")(y)
    y = L.LayerNormalization(center=False, scale=False)(y)
    y = L.LayerNormalization(axis=[1, 2, 3], trainable=False)(y)
    y = L.LayerNormalization(axis=-2, dtype="float16")(y)
    y = L.LayerNormalization(axis=[], name="ln_scalar")(y)
    model = keras.Model(x, y, name="layer_norm")
    dump(G, "layer_norm", model, ST)


def layer_norm_seq():
    fresh()
    model = keras.Sequential(
        [
            L.Input((None, 8), batch_size=4),
            L.LayerNormalization(),
            L.LayerNormalization(axis=0),
            L.LayerNormalization(axis=[0, -1], rms_scaling=True, scale=False),
            L.Dense(6),
            L.LayerNormalization(epsilon=1e-6),
        ],
        name="ln_seq",
    )
    dump(G, "layer_norm_seq", model, ST)


def activations():
    fresh()
    model = keras.Sequential(
        [
            L.Input((10,)),
            L.Dense(16),
            L.ReLU(),
            L.ReLU(max_value=6.0, negative_slope=0.1, threshold=0.5),
            L.ReLU(max_value=0.0),
            L.LeakyReLU(),
            L.LeakyReLU(negative_slope=0.0),
            L.ELU(),
            L.ELU(alpha=-2.0, name="elu_neg"),
            L.Softmax(),
            L.Softmax(axis=[1], trainable=False),
            L.Softmax(axis=7),
        ]
    )
    dump(G, "activations", model, ST)


def prelu():
    fresh()
    x = L.Input((6, 7, 8))
    a = L.PReLU()(x)
    b = L.PReLU(shared_axes=[1, 2])(a)
    c = L.PReLU(shared_axes=1)(b)
    d = L.PReLU(shared_axes=-1)(c)
    e = L.PReLU(shared_axes=0, trainable=False)(d)
    f = L.PReLU(shared_axes=[-2, 3], name="prelu_neg")(e)
    g = L.PReLU(shared_axes=[])(f)
    s = L.Input((None, 5), name="seq")
    h = L.PReLU(shared_axes=[1])(s)
    v = L.Input((), name="vec")
    k = L.PReLU()(v)
    model = keras.Model([x, s, v], [g, h, k], name="prelu")
    dump(G, "prelu", model, ST)


def group_norm():
    fresh()
    x = L.Input((6, 5, 64))
    y = L.GroupNormalization()(x)
    y = L.GroupNormalization(groups=4)(y)
    y = L.GroupNormalization(groups=-1, epsilon=1e-5)(y)
    y = L.GroupNormalization(groups=3, axis=1, center=False)(y)
    y = L.GroupNormalization(groups=5, axis=-2, scale=False)(y)
    y = L.GroupNormalization(groups=2, center=False, scale=False)(y)
    y = L.GroupNormalization(groups=64, trainable=False)(y)
    z = L.Input((None, 12))
    w = L.GroupNormalization(groups=12)(z)
    model = keras.Model([x, z], [y, w], name="group_norm")
    dump(G, "group_norm", model, ST)


def unit_rms():
    fresh()
    model = keras.Sequential(
        [
            L.Input((3, 4, 5)),
            L.UnitNormalization(),
            L.UnitNormalization(axis=[1, 2]),
            L.UnitNormalization(axis=-3),
            L.RMSNormalization(),
            L.RMSNormalization(axis=[-1, 1], epsilon=1e-5),
            L.RMSNormalization(axis=2, trainable=False),
            L.RMSNormalization(axis=(1, 2, 3), dtype="float64"),
        ]
    )
    dump(G, "unit_rms", model, ST)


def batch_norm_extra():
    fresh()
    x = L.Input((6, 5), batch_size=2)
    y = L.BatchNormalization(renorm=True)(x)
    y = L.BatchNormalization(
        renorm=True,
        center=False,
        renorm_clipping={"rmax": 3.0, "rmin": 1.0 / 3.0, "dmax": 5.0},
        renorm_momentum=0.9,
    )(y)
    y = L.BatchNormalization(synchronized=True, momentum=0.9, epsilon=1e-5)(y)
    y = L.BatchNormalization(axis=0, scale=False)(y)
    y = L.BatchNormalization(axis=1, renorm=True, trainable=False)(y)
    y = L.BatchNormalization(axis=-2, dtype="float16")(y)
    model = keras.Model(x, y, name="bn_extra")
    dump(G, "batch_norm_extra", model, ST)


def spectral():
    fresh()
    x = L.Input((5, 7))
    y = L.SpectralNormalization(L.Dense(3))(x)
    y = L.SpectralNormalization(L.Dense(4, name="dd"), name="sn")(y)
    y = L.SpectralNormalization(L.Dense(4, use_bias=False), power_iterations=3)(y)
    y = L.SpectralNormalization(L.Dense(2, trainable=False))(y)
    y = L.SpectralNormalization(L.Dense(2, activation="relu"))(y)
    y = L.Dense(2)(y)
    model = keras.Model(x, y, name="spectral")
    dump(G, "spectral", model, ST)


def spectral_frozen():
    # `trainable=False` given to the wrapper's constructor does not freeze
    # the wrapped layer's variables in Keras 3 (only the variables the
    # wrapper itself creates): kernel and bias stay trainable and count as
    # trainable params, though the summary shows the wrapper as `N`.
    fresh()
    x = L.Input((4,))
    y = L.SpectralNormalization(L.Dense(2), trainable=False)(x)
    model = keras.Model(x, y, name="spectral_frozen")
    dump(G, "spectral_frozen", model, ST)


def spectral_seq():
    fresh()
    model = keras.Sequential(
        [
            L.Input((8, 8, 3)),
            L.SpectralNormalization(L.Conv2D(4, 3, dtype="float16")),
            L.SpectralNormalization(L.Conv2D(6, (1, 2), padding="same")),
            L.SpectralNormalization(L.Dense(2, dtype="float64"), dtype="float16"),
            L.Flatten(),
            L.SpectralNormalization(L.Dense(1)),
        ],
        name="sn_seq",
    )
    dump(G, "spectral_seq", model, ST)


def spectral_embedding():
    # kerasinfo's twin wraps a test-local stand-in for `Embedding` (another
    # family's layer): checks the `embeddings` path of the wrapper.
    fresh()
    x = L.Input((6,))
    y = L.SpectralNormalization(L.Embedding(10, 4))(x)
    model = keras.Model(x, y, name="sn_embedding")
    dump(G, "spectral_embedding", model, ST)


def unknown_dims():
    fresh()
    model = keras.Sequential(
        [
            L.Input((None, None)),
            L.UnitNormalization(axis=[1, 2]),
            L.Softmax(axis=1),
            L.ELU(),
            L.LeakyReLU(negative_slope=0.2),
            L.ReLU(max_value=1.0),
            L.ActivityRegularization(l2=1e-4),
            L.GaussianNoise(0.0),
            L.Dropout(1.0),
        ],
        name="unknown_dims",
    )
    dump(G, "unknown_dims", model, ST)


def regularization():
    fresh()
    model = keras.Sequential(
        [
            L.Input((12, 6)),
            L.Dropout(0.5, noise_shape=(None, 1, 6), seed=3),
            L.Dropout(0.0, noise_shape=[None, None, None, 7]),
            L.SpatialDropout1D(0.3),
            L.GaussianNoise(0.1),
            L.GaussianNoise(1.0, seed=1),
            L.GaussianDropout(0.4),
            L.AlphaDropout(0.2, noise_shape=(-3, 5)),
            L.ActivityRegularization(l1=0.01, l2=0.02),
            L.ActivityRegularization(),
            L.Dense(4),
        ]
    )
    dump(G, "regularization", model, ST)


def spatial_dropout():
    fresh()
    x2 = L.Input((8, 9, 3))
    y2 = L.SpatialDropout2D(0.2)(x2)
    y2 = L.SpatialDropout2D(1.0, data_format="channels_first", seed=7)(y2)
    x3 = L.Input((None, 4, 5, 2))
    y3 = L.SpatialDropout3D(0.1)(x3)
    y3 = L.SpatialDropout3D(0.0, data_format="channels_first")(y3)
    x1 = L.Input((None, None))
    y1 = L.SpatialDropout1D(0.5, name="sd1")(x1)
    model = keras.Model([x1, x2, x3], [y1, y2, y3], name="spatial")
    dump(G, "spatial_dropout", model, ST)


def errors():
    def on(shape, layer, batch_size=None):
        def build():
            fresh()
            layer()(L.Input(shape, batch_size=batch_size))

        return build

    cases = {
        "err_ln_axis_oob": on((3, 5), lambda: L.LayerNormalization(axis=3)),
        "err_ln_axis_oob_neg": on((3, 5), lambda: L.LayerNormalization(axis=-4)),
        "err_ln_axis_list_oob": on((3, 5), lambda: L.LayerNormalization(axis=[1, 5])),
        "err_ln_none_dim": on((None, 5), lambda: L.LayerNormalization(axis=1)),
        "err_ln_batch_axis": on((3, 5), lambda: L.LayerNormalization(axis=0)),
        "err_gn_not_divisible": on((3, 6), lambda: L.GroupNormalization(groups=4)),
        "err_gn_more_groups": on((3, 2), lambda: L.GroupNormalization(groups=4)),
        "err_gn_default_groups": on((8, 8, 16), lambda: L.GroupNormalization()),
        "err_gn_none": on((3, None), lambda: L.GroupNormalization(groups=1)),
        "err_gn_axis_oob": on((6, 5), lambda: L.GroupNormalization(groups=1, axis=3)),
        "err_gn_groups0": on((6, 5), lambda: L.GroupNormalization(groups=0)),
        "err_gn_groups_neg": on((6, 5), lambda: L.GroupNormalization(groups=-2)),
        "err_un_axis_oob": on((3, 5), lambda: L.UnitNormalization(axis=3)),
        "err_un_axis_list_oob": on((3, 5), lambda: L.UnitNormalization(axis=[1, -4])),
        "err_rms_none": on((3, None), lambda: L.RMSNormalization()),
        "err_rms_axis_oob": on((3, 5), lambda: L.RMSNormalization(axis=[1, 3])),
        "err_bn_axis_oob": on((3, 5), lambda: L.BatchNormalization(axis=3)),
        "err_bn_none": on((3, None), lambda: L.BatchNormalization()),
        "err_bn_axis_list": on((3, 5), lambda: L.BatchNormalization(axis=[1, 2])),
        "err_bn_renorm_rmax": on(
            (3, 5),
            lambda: L.BatchNormalization(
                renorm=True, renorm_clipping={"rmax": 1.0, "rmin": 2.0}
            ),
        ),
        "err_bn_renorm_dmax": on(
            (3, 5),
            lambda: L.BatchNormalization(renorm=True, renorm_clipping={"dmax": -1.0}),
        ),
        "err_prelu_axis_oob": on((3, 4, 5), lambda: L.PReLU(shared_axes=4)),
        "err_prelu_axis_neg_oob": on((3, 4, 5), lambda: L.PReLU(shared_axes=-3)),
        "err_prelu_none": on((None, 5), lambda: L.PReLU()),
        "err_relu_max_value": on((3,), lambda: L.ReLU(max_value=-1.0)),
        "err_relu_negative_slope": on((3,), lambda: L.ReLU(negative_slope=-0.5)),
        "err_relu_threshold": on((3,), lambda: L.ReLU(threshold=-1.0)),
        "err_leaky_relu": on((3,), lambda: L.LeakyReLU(negative_slope=-0.1)),
        "err_sd1_rank": on((3, 4, 5), lambda: L.SpatialDropout1D(0.5)),
        "err_sd2_rank": on((3, 4), lambda: L.SpatialDropout2D(0.5)),
        "err_sd3_rank": on((3, 4, 5), lambda: L.SpatialDropout3D(0.5)),
        "err_sd2_rate": on((3, 4, 5), lambda: L.SpatialDropout2D(1.5)),
        "err_dropout_rate": on((3,), lambda: L.Dropout(-0.1)),
        "err_dropout_noise_zero": on((3,), lambda: L.Dropout(0.5, noise_shape=(None, 0))),
        "err_dropout_noise_neg": on((3,), lambda: L.Dropout(0.5, noise_shape=(None, -1))),
        "err_gaussian_noise": on((3,), lambda: L.GaussianNoise(1.5)),
        "err_gaussian_dropout": on((3,), lambda: L.GaussianDropout(-0.5)),
        "err_alpha_dropout": on((3,), lambda: L.AlphaDropout(2.0)),
        "err_activity_l1": on((3,), lambda: L.ActivityRegularization(l1=-1.0)),
        "err_activity_l2_inf": on(
            (3,), lambda: L.ActivityRegularization(l2=float("inf"))
        ),
        "err_sn_power": on(
            (3,), lambda: L.SpectralNormalization(L.Dense(2), power_iterations=0)
        ),
        "err_sn_no_kernel": on(
            (3,), lambda: L.SpectralNormalization(L.BatchNormalization())
        ),
        "err_sn_inner_rank": on(
            (3, 4), lambda: L.SpectralNormalization(L.Conv2D(4, 3))
        ),
    }
    for name, build in cases.items():
        dump_error(G, name, build)


if __name__ == "__main__":
    layer_norm()
    layer_norm_seq()
    activations()
    prelu()
    group_norm()
    unit_rms()
    batch_norm_extra()
    spectral()
    spectral_seq()
    spectral_frozen()
    spectral_embedding()
    unknown_dims()
    regularization()
    spatial_dropout()
    errors()
