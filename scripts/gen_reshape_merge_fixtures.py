"""Fixtures for the reshaping and merging layers (Keras 3.15.1).

    COLUMNS=200 .venv-keras/bin/python scripts/gen_reshape_merge_fixtures.py

Each model here has a twin in tests/layers_reshape_merge.rs built with kerasinfo.
"""

from kfix import dump, dump_error, fresh
import keras
from keras import layers as L

G = "reshape_merge"
ST = {"show_trainable": {"show_trainable": True}}


def reshape_variants():
    fresh()
    a = L.Input((12,))
    x = L.Reshape((3, 4))(a)
    x = L.Reshape((-1, 2, 2))(x)
    x = L.Reshape((-1,), name="flat_again", trainable=False)(x)
    x = L.Reshape((2, 3, -1))(x)
    b = L.Input((None, 4))
    y = L.Reshape((-1, 2))(b)
    y = L.Reshape((None, 8))(y)
    c = L.Input((4,))
    z = L.Reshape((None, 2))(c)
    model = keras.Model([a, b, c], [x, y, z], name="reshapes")
    dump(G, "reshape_variants", model, ST)


def permute_repeat():
    fresh()
    model = keras.Sequential(
        [
            L.Input((6,)),
            L.RepeatVector(3),
            L.Permute((2, 1)),
            L.Reshape((2, 3, 3)),
            L.Permute((3, 1, 2)),
            L.Flatten(),
            L.Dense(4),
            L.RepeatVector(1, name="rep1"),
            L.Permute((1, 2)),
        ],
        name="perm",
    )
    dump(G, "permute_repeat", model, ST)


def permute_unknown():
    fresh()
    a = L.Input((None, 5, 7))
    x = L.Permute((3, 1, 2))(a)
    b = L.Input((None,))
    y = L.RepeatVector(4)(b)
    model = keras.Model([a, b], [x, y])
    dump(G, "permute_unknown", model)


def upsampling():
    fresh()
    a = L.Input((4, 5, 3))
    x = L.UpSampling2D()(a)
    x = L.UpSampling2D((2, 3), interpolation="bilinear")(x)
    x = L.UpSampling2D(3, data_format="channels_first")(x)
    x = L.Conv2D(2, 3)(x)
    b = L.Input((None, 3))
    y = L.UpSampling1D(3)(b)
    y = L.UpSampling1D()(y)
    c = L.Input((2, 3, 4, 1))
    z = L.UpSampling3D()(c)
    z = L.UpSampling3D((1, 2, 3), data_format="channels_first")(z)
    z = L.UpSampling3D(2)(z)
    d = L.Input((None, 7, 2))
    w = L.UpSampling2D((1, 2), interpolation="bicubic", data_format="channels_first")(d)
    model = keras.Model([a, b, c, d], [x, y, z, w], name="ups")
    dump(G, "upsampling", model)


def cropping():
    fresh()
    a = L.Input((12, 4))
    x = L.Cropping1D()(a)
    x = L.Cropping1D(2)(x)
    x = L.Cropping1D((1, 3))(x)
    b = L.Input((None, 4))
    y = L.Cropping1D((0, 5))(b)
    c = L.Input((20, 24, 3))
    z = L.Cropping2D()(c)
    z = L.Cropping2D(1)(z)
    z = L.Cropping2D((1, 2))(z)
    z = L.Cropping2D(((1, 2), (3, 4)))(z)
    z = L.Cropping2D(((1, 2), 3))(z)
    z = L.Cropping2D((2, (0, 1)), data_format="channels_first")(z)
    d = L.Input((8, 9, 10, 4))
    w = L.Cropping3D()(d)
    w = L.Cropping3D(1)(w)
    w = L.Cropping3D((0, 1, 2))(w)
    w = L.Cropping3D(((1, 0), (0, 1), (1, 1)), data_format="channels_first")(w)
    e = L.Input((3, None, 9, None))
    v = L.Cropping3D((1, (2, 3), 4), data_format="channels_first")(e)
    model = keras.Model([a, b, c, d, e], [x, y, z, w, v], name="crops")
    dump(G, "cropping", model)


def zero_padding():
    fresh()
    a = L.Input((10, 4))
    x = L.ZeroPadding1D()(a)
    x = L.ZeroPadding1D(2)(x)
    x = L.ZeroPadding1D((1, 3))(x)
    x = L.ZeroPadding1D((0, 2), data_format="channels_first")(x)
    b = L.Input((None, 5, 3))
    y = L.ZeroPadding2D()(b)
    y = L.ZeroPadding2D(((1, 2), 3))(y)
    y = L.ZeroPadding2D((2, (0, 1)), data_format="channels_first")(y)
    c = L.Input((2, 3, 4, 5))
    z = L.ZeroPadding3D()(c)
    z = L.ZeroPadding3D(2)(z)
    z = L.ZeroPadding3D((0, 1, 2))(z)
    z = L.ZeroPadding3D(((1, 0), 2, (0, 3)), data_format="channels_first")(z)
    z = L.Dense(2, name="after_pad")(z)
    model = keras.Model([a, b, c], [x, y, z], name="pads")
    dump(G, "zero_padding", model, ST)


def flatten_formats():
    fresh()
    a = L.Input((3, 4, 5))
    x = L.Flatten(data_format="channels_first")(a)
    b = L.Input((3, None))
    y = L.Flatten(data_format="channels_first")(b)
    c = L.Input(batch_shape=(None,))
    z = L.Flatten()(c)
    model = keras.Model([a, b, c], [x, y, z])
    dump(G, "flatten_formats", model)


def merge_elementwise():
    fresh()
    a = L.Input((4, 8))
    b = L.Input((4, 1))
    c = L.Input((8,))
    d = L.Input((None, 8))
    m = L.Multiply()([a, b])
    s = L.Subtract()([m, c])
    av = L.Average()([a, b, c])
    mx = L.Maximum()([s, d])
    mn = L.Minimum(name="lowest")([av, mx, a])
    ad = L.Add()([mn, b])
    out = L.Dense(3)(ad)
    model = keras.Model([a, b, c, d], [out, L.Multiply()([c, c])], name="merges")
    dump(G, "merge_elementwise", model, ST)


def merge_batch():
    fresh()
    a = L.Input((5,), batch_size=4)
    b = L.Input((5,))
    c = L.Input((1,))
    x = L.Subtract()([b, a])
    y = L.Maximum()([x, c])
    z = L.Average()([y])
    model = keras.Model([a, b, c], z)
    dump(G, "merge_batch", model)


def dot_variants():
    fresh()
    u = L.Input((8,))
    v = L.Input((8,))
    p = L.Input((5, 2))
    q = L.Input((2, 5))
    r = L.Input((3, 4))
    s = L.Input((6, 4))
    o1 = L.Dot(axes=1)([u, v])
    o2 = L.Dot(axes=(1, 2))([p, q])
    o3 = L.Dot(axes=-1, normalize=True)([r, s])
    o4 = L.Dot(axes=(-1, -1))([r, s])
    o5 = L.Dot(axes=(2, 1))([p, q])
    o6 = L.Dot(axes=0)([u, v])
    o7 = L.Dot(axes=-4)([r, r])
    o8 = L.Dot(axes=(-3, -3))([r, r])
    model = keras.Model(
        [u, v, p, q, r, s], [o1, o2, o3, o4, o5, o6, o7, o8], name="dots"
    )
    dump(G, "dot_variants", model)
    fresh()
    a = L.Input((3,), batch_size=2)
    b = L.Input((3,), batch_size=3)
    model = keras.Model([a, b], L.Dot(axes=1)([a, b]))
    dump(G, "dot_batch", model)


def unet_small():
    fresh()
    inp = L.Input((30, 30, 3), name="image")
    c1 = L.Conv2D(8, 3, padding="same", activation="relu")(inp)
    p1 = L.MaxPooling2D()(c1)
    c2 = L.Conv2D(16, 3, activation="relu")(p1)
    u1 = L.UpSampling2D(interpolation="bilinear")(c2)
    u1 = L.ZeroPadding2D(((2, 2), (3, 1)))(u1)
    crop = L.Cropping2D(((0, 0), (1, 1)))(c1)
    u1 = L.Cropping2D(((0, 0), (1, 1)))(u1)
    m = L.Concatenate()([u1, crop])
    out = L.Conv2D(1, 1, activation="sigmoid", name="mask")(m)
    model = keras.Model(inp, out, name="unet_small")
    dump(G, "unet_small", model, ST)


def siamese():
    fresh()
    a = L.Input((16,), name="left")
    b = L.Input((16,), name="right")
    enc = L.Dense(8, name="encoder")
    ea = enc(a)
    eb = enc(b)
    diff = L.Subtract()([ea, eb])
    prod = L.Multiply()([ea, eb])
    cos = L.Dot(axes=1, normalize=True, name="cosine")([ea, eb])
    mx = L.Maximum()([ea, eb])
    mn = L.Minimum()([ea, eb])
    avg = L.Average()([diff, prod, mx, mn])
    feats = L.Concatenate()([avg, cos])
    seq = L.RepeatVector(2)(feats)
    seq = L.Permute((2, 1))(seq)
    seq = L.Reshape((-1,))(seq)
    out = L.Dense(1, activation="sigmoid", trainable=False)(seq)
    model = keras.Model([a, b], out, name="siamese")
    dump(G, "siamese", model, ST)


def errors():
    def e(name, build):
        def run():
            fresh()
            build()

        dump_error(G, name, run)

    e("err_reshape_mismatch", lambda: L.Reshape((5, 3))(L.Input((12,))))
    e("err_reshape_indivisible", lambda: L.Reshape((5, -1))(L.Input((12,))))
    e("err_reshape_zero", lambda: L.Reshape((0, -1))(L.Input((0,))))
    e("err_reshape_two_unknown", lambda: L.Reshape((-1, -1))(L.Input((12,))))
    e("err_reshape_negative", lambda: L.Reshape((-2, 6))(L.Input((12,))))
    e("err_repeat_zero", lambda: L.RepeatVector(0)(L.Input((3,))))
    e("err_repeat_rank", lambda: L.RepeatVector(2)(L.Input((3, 4))))
    e("err_permute_dims", lambda: L.Permute((0, 1))(L.Input((3, 4))))
    e("err_permute_rank", lambda: L.Permute((2, 1))(L.Input((3, 4, 5))))
    e("err_crop1d_big", lambda: L.Cropping1D((2, 3))(L.Input((5, 2))))
    e("err_crop2d_big", lambda: L.Cropping2D(((1, 1), (2, 3)))(L.Input((10, 5, 2))))
    e("err_crop2d_cf_big", lambda: L.Cropping2D(2, data_format="channels_first")(L.Input((10, 4, 9))))
    e("err_crop3d_big", lambda: L.Cropping3D((1, 1, 2))(L.Input((3, 3, 4, 1))))
    e("err_crop2d_negative", lambda: L.Cropping2D(-1)(L.Input((10, 10, 2))))
    e("err_crop1d_negative", lambda: L.Cropping1D((1, -1))(L.Input((10, 2))))
    e("err_crop2d_rank", lambda: L.Cropping2D(1)(L.Input((10, 2))))
    e("err_zp1d_negative", lambda: L.ZeroPadding1D(-1)(L.Input((10, 2))))
    e("err_zp3d_negative", lambda: L.ZeroPadding3D((1, -1, 0))(L.Input((4, 4, 4, 1))))
    e("err_zp3d_rank", lambda: L.ZeroPadding3D(1)(L.Input((4, 4, 1))))
    e("err_ups2d_zero", lambda: L.UpSampling2D((2, 0))(L.Input((4, 4, 1))))
    e("err_ups1d_zero", lambda: L.UpSampling1D(0)(L.Input((4, 1))))
    e("err_ups3d_rank", lambda: L.UpSampling3D()(L.Input((4, 4, 1))))
    e("err_subtract_three", lambda: L.Subtract()([L.Input((3,))] * 3))
    e("err_subtract_one", lambda: L.Subtract()([L.Input((3,))]))
    e("err_multiply_shapes", lambda: L.Multiply()([L.Input((3, 4)), L.Input((3, 5))]))
    e("err_average_batch", lambda: L.Average()([L.Input((3,), batch_size=2), L.Input((3,), batch_size=3)]))
    e("err_dot_mismatch", lambda: L.Dot(axes=1)([L.Input((3,)), L.Input((4,))]))
    e("err_dot_unknown", lambda: L.Dot(axes=1)([L.Input((None,)), L.Input((3,))]))
    e("err_dot_three", lambda: L.Dot(axes=1)([L.Input((3,))] * 3))
    e("err_dot_axis_range", lambda: L.Dot(axes=(-4, -1))([L.Input((3, 4)), L.Input((3, 4))]))
    e("err_dot_int_range", lambda: L.Dot(axes=3)([L.Input((3, 4)), L.Input((3, 4))]))
    e("err_dot_rank1", lambda: L.Dot(axes=-1)([L.Input(batch_shape=(None,)), L.Input(batch_shape=(None,))]))


if __name__ == "__main__":
    reshape_variants()
    permute_repeat()
    permute_unknown()
    upsampling()
    cropping()
    zero_padding()
    flatten_formats()
    merge_elementwise()
    merge_batch()
    dot_variants()
    unet_small()
    siamese()
    errors()
