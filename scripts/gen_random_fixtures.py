"""Random (seeded) architectures, recorded from Keras 3 and tf.keras 2.

    COLUMNS=200 /work/.venv-keras/bin/python scripts/gen_random_fixtures.py

Builds, from fixed seeds, a broad set of random but valid models:
Sequential and Functional, residual / branching graphs with merges (Add,
Subtract, Multiply, Average, Maximum, Minimum, Concatenate), shared layers
called several times, nested models (several levels, some frozen), frozen
layers, multi-input / multi-output models, layers with several outputs
(`return_state`), and a wide mix of layer kinds and operations applied to
tensors (`x + 1.0`, `keras.ops.concatenate`, ...).

- Keras 3.15.1 models go to tests/fixtures/random/ through
  scripts/kfix.py's `dump` (config, per-layer figures, summary texts:
  `default`, plus `show_trainable` / `expand_nested` variants on some).
- tf.keras 2 (tf_keras 2.21.0) models go to tests/fixtures/random_keras2/
  (a second process, `--keras2`, as scripts/gen_keras2_fixtures.py records
  them).

Deterministic (fixed seeds: 1000+i for Keras 3, 5000+i for tf.keras 2);
about 4 minutes. Left out on purpose (see the comments where they would
be): `mask_zero=True` embeddings in Functional models (Keras 3 records the
mask computation as `NotEqual` / `LogicalOr` / ... operation nodes and the
mask as a `mask=` keyword tensor of the next layers' nodes, shown in
"Connected to"; kerasinfo does not import those yet) and freezing
SpatialDropout* layers (their config drops `trainable`).

Twin: tests/random_import.rs.
"""

import contextlib
import io
import json
import os
import pathlib
import random
import subprocess
import sys

os.environ.setdefault("COLUMNS", "200")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

KERAS2 = "--keras2" in sys.argv
N_KERAS3 = 120
N_KERAS2 = 50
# `--loaded`: more Keras 3 models (seeds 20000+i), recorded as Keras LOADS
# them from their configs (issue #12), with more frozen nested models,
# frozen (recurrent) layers, wrappers in Sequentials and masks.
N_LOADED = 200

if KERAS2:
    import tf_keras as keras  # noqa: E402

    assert keras.__version__ == "2.21.0", keras.__version__
    ops = None
else:
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
    import kfix  # noqa: E402
    import keras  # noqa: E402
    from keras import ops  # noqa: E402

L = keras.layers

ROOT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures"


def shape(t):
    return tuple(t.shape)


class Gen:
    """One random model from one seed."""

    def __init__(self, seed, keras2):
        self.r = random.Random(seed)
        self.keras2 = keras2
        self.nested = False
        self.frozen = False
        # The `--loaded` set: freeze and nest more often.
        self.boost = False

    # --- small helpers -----------------------------------------------------
    def pick(self, xs):
        return self.r.choice(xs)

    def chance(self, p):
        return self.r.random() < p

    def units(self):
        return self.pick([2, 3, 4, 5, 6, 8, 12, 16])

    def maybe_freeze(self, layer, p=0.15):
        if self.boost:
            p = 2 * p
        # Not SpatialDropout*: its `get_config` leaves out `trainable`, so
        # Keras's own reload of the config loses the flag.
        spatial = (L.SpatialDropout1D, L.SpatialDropout2D, L.SpatialDropout3D)
        if self.chance(p) and not isinstance(layer, spatial):
            layer.trainable = False
            self.frozen = True
        return layer

    def act(self):
        return self.pick([None, "relu", "tanh", "sigmoid", "gelu" if not self.keras2 else "elu"])

    # --- one-layer steps per rank family -----------------------------------
    def vec_step(self, x):
        """(batch, f) -> (batch, f')."""
        k = self.r.randrange(9)
        f = shape(x)[-1]
        if k <= 2:
            layer = L.Dense(self.units(), activation=self.act(), use_bias=self.chance(0.8))
        elif k == 3:
            layer = L.BatchNormalization(center=self.chance(0.8), scale=self.chance(0.8))
        elif k == 4:
            layer = L.LayerNormalization()
        elif k == 5:
            layer = self.pick([L.Dropout(0.2), L.GaussianNoise(0.1), L.GaussianDropout(0.1), L.AlphaDropout(0.1)])
        elif k == 6:
            layer = self.pick([L.ReLU(), L.LeakyReLU(), L.ELU(), L.Softmax(), L.PReLU(), L.Activation("swish")])
        elif k == 7:
            layer = L.UnitNormalization() if not self.keras2 else L.Dense(f)
        else:
            if not self.keras2 and self.chance(0.5):
                return self.pick([lambda t: t + 1.0, lambda t: t * 2.0, lambda t: ops.relu(t) if False else t - 0.5])(x)
            layer = L.Dense(f, activation="relu")
        return self.maybe_freeze(layer)(x)

    def seq_step(self, x):
        """(batch, t, f) -> (batch, t', f')."""
        k = self.r.randrange(12)
        t, f = shape(x)[1], shape(x)[2]
        if k <= 1:
            layer = L.Dense(self.units(), activation=self.act())
        elif k == 2:
            layer = L.Conv1D(self.units(), self.pick([1, 2, 3]), padding=self.pick(["same", "causal"]), activation=self.act())
        elif k == 3:
            rnn = self.pick([L.LSTM, L.GRU, L.SimpleRNN])
            layer = rnn(self.units(), return_sequences=True)
            if self.chance(0.5):
                layer = L.Bidirectional(layer, merge_mode=self.pick(["concat", "sum", "ave", "mul"]))
        elif k == 4:
            layer = L.LayerNormalization(axis=-1)
        elif k == 5 and t >= 2:
            layer = self.pick([L.MaxPooling1D(2), L.AveragePooling1D(2, padding="same")])
        elif k == 6:
            heads = self.pick([1, 2])
            mha = L.MultiHeadAttention(heads, self.pick([2, 4]))
            self.maybe_freeze(mha)
            return mha(x, x)
        elif k == 7:
            layer = self.pick([L.ZeroPadding1D(1), L.UpSampling1D(2), L.Cropping1D((1, 0)) if t >= 2 else L.ZeroPadding1D((0, 2))])
        elif k == 8:
            layer = L.SpatialDropout1D(0.1) if self.chance(0.5) else L.Dropout(0.1)
        elif k == 9:
            layer = self.pick([L.SeparableConv1D(self.units(), 3, padding="same"), L.DepthwiseConv1D(3, padding="same") if not self.keras2 else L.Conv1D(f, 3, padding="same")])
        elif k == 10:
            layer = L.TimeDistributed(L.Dense(self.units()))
        else:
            if not self.keras2 and self.chance(0.6):
                y = self.pick([
                    lambda v: ops.transpose(ops.transpose(v, (0, 2, 1)), (0, 2, 1)),
                    lambda v: v * 0.5,
                    lambda v: ops.reshape(v, (-1, t, f)),
                ])(x)
                return y
            layer = L.Permute((2, 1)) if self.chance(0.3) else L.Activation("relu")
        return self.maybe_freeze(layer)(x)

    def img_step(self, x):
        """(batch, h, w, c) -> (batch, h', w', c')."""
        k = self.r.randrange(11)
        h, w, c = shape(x)[1:]
        if k <= 2:
            layer = L.Conv2D(self.units(), self.pick([1, 3, (1, 3)]), padding="same", strides=self.pick([1, 1, 2]) if h >= 4 and w >= 4 else 1, activation=self.act(), use_bias=self.chance(0.8))
        elif k == 3:
            layer = L.BatchNormalization()
        elif k == 4 and h >= 2 and w >= 2:
            layer = self.pick([L.MaxPooling2D(2), L.AveragePooling2D(2, padding="same"), L.MaxPooling2D(3, strides=1, padding="same")])
        elif k == 5:
            layer = L.DepthwiseConv2D(3, padding="same", depth_multiplier=self.pick([1, 2]))
        elif k == 6:
            layer = L.SeparableConv2D(self.units(), 3, padding="same")
        elif k == 7:
            layer = self.pick([L.ZeroPadding2D(1), L.UpSampling2D(), L.Cropping2D(((1, 0), (0, 1))) if h >= 3 and w >= 3 else L.ZeroPadding2D((1, 2))])
        elif k == 8:
            layer = L.Conv2DTranspose(self.units(), 3, strides=self.pick([1, 2]), padding="same")
        elif k == 9:
            layer = self.pick([L.SpatialDropout2D(0.1), L.GroupNormalization(groups=c) if not self.keras2 else L.LayerNormalization(), L.Activation("relu")])
        else:
            if not self.keras2 and self.chance(0.5):
                return self.pick([lambda v: v + 1.0, lambda v: ops.maximum(v, 0.0)])(x)
            layer = L.Conv2D(c, 1, padding="valid")
        return self.maybe_freeze(layer)(x)

    # --- transitions ---------------------------------------------------------
    def img_to_vec(self, x):
        return self.pick([L.Flatten(), L.GlobalAveragePooling2D(), L.GlobalMaxPooling2D()])(x)

    def seq_to_vec(self, x):
        k = self.r.randrange(5)
        if k == 0:
            return L.Flatten()(x)
        if k == 1:
            return L.GlobalAveragePooling1D()(x)
        if k == 2:
            return L.GlobalMaxPooling1D()(x)
        rnn = self.pick([L.LSTM, L.GRU, L.SimpleRNN])(self.units())
        if k == 3:
            rnn = L.Bidirectional(rnn)
        return self.maybe_freeze(rnn)(x)

    def vec_to_seq(self, x):
        f = shape(x)[-1]
        if self.chance(0.5):
            return L.RepeatVector(self.pick([2, 3, 4]))(x)
        for t in (2, 3, 4):
            if f % t == 0 and f > t:
                return L.Reshape((t, f // t))(x)
        return L.Reshape((1, f))(x)

    def vec_to_img(self, x):
        f = shape(x)[-1]
        if f % 4 == 0:
            return L.Reshape((2, 2, f // 4))(x)
        return L.Reshape((1, 1, f))(x)

    def multi(self, y):
        """Marks a step whose layer takes several tensors (not for a
        Sequential)."""
        self.multi_in = True
        return y

    def extra_step(self, x):
        """More layer kinds, one call."""
        s = shape(x)
        rank = len(s)
        k3 = not self.keras2
        u = self.units()
        if rank == 2:
            opts = [
                lambda: (L.Identity() if k3 else L.Activation("linear"))(x),
                lambda: self.multi(L.Dot(axes=1)([x, L.Dense(s[-1])(x)])),
                lambda: L.EinsumDense("ab,bc->ac", output_shape=u, bias_axes="c")(x),
                lambda: L.ActivityRegularization(l1=0.01)(x),
                lambda: L.Rescaling(0.5, offset=1.0)(x),
            ]
        elif rank == 3:
            opts = [
                lambda: self.multi(L.Attention(use_scale=self.chance(0.5))([x, x])),
                lambda: self.multi(L.AdditiveAttention()([x, x])),
                lambda: L.Conv1DTranspose(u, 3, padding="same")(x),
                lambda: L.EinsumDense("abc,cd->abd", output_shape=(s[1], u), bias_axes="d")(x),
                lambda: self.multi(L.MultiHeadAttention(2, 2)(x, x, return_attention_scores=True)[0]),
                lambda: L.GRU(u, return_sequences=True, go_backwards=True)(x),
                lambda: (L.Cropping1D(1) if s[1] >= 3 else L.ZeroPadding1D(1))(x),
            ]
            if k3:
                opts += [
                    lambda: self.multi(L.GroupQueryAttention(head_dim=4, num_query_heads=2, num_key_value_heads=1)(x, x)),
                    lambda: L.RMSNormalization()(x),
                ]
        elif rank == 4:
            opts = [
                lambda: L.Conv2D(u, 3, padding="same", dilation_rate=2)(x),
                lambda: L.Rescaling(1 / 255)(x),
                lambda: L.CenterCrop(max(1, s[1] - 1), max(1, s[2] - 1))(x),
                lambda: L.Resizing(4, 4)(x),
                lambda: L.Conv2D(u, (2, 2), strides=2, padding="valid")(x) if s[1] >= 2 and s[2] >= 2 else L.Conv2D(u, 1)(x),
            ]
        else:
            opts = [
                lambda: L.Conv3D(u, 3, padding="same")(x),
                lambda: L.MaxPooling3D(2, padding="same")(x),
                lambda: L.AveragePooling3D(1)(x),
                lambda: L.BatchNormalization()(x),
                lambda: L.Conv3DTranspose(u, 2, strides=self.pick([1, 2]), padding="same")(x),
                lambda: L.UpSampling3D(self.pick([1, 2]))(x),
                lambda: L.ZeroPadding3D(1)(x),
                lambda: self.maybe_freeze(L.ConvLSTM2D(u, 3, padding="same", return_sequences=True))(x),
            ]
        return self.pick(opts)()

    def step(self, x):
        rank = len(shape(x))
        if rank == 5 or self.chance(0.25):
            return self.extra_step(x)
        if rank == 2:
            return self.vec_step(x)
        if rank == 3:
            return self.seq_step(x)
        return self.img_step(x)

    def chain(self, x, n):
        for _ in range(n):
            x = self.step(x)
        return x

    # --- graph structures ------------------------------------------------------
    def residual(self, x):
        """A branch that keeps the shape, merged back with x."""
        s = shape(x)
        rank = len(s)
        if rank == 2:
            y = L.Dense(s[-1], activation=self.act())(x)
        elif rank == 3:
            y = L.Conv1D(s[-1], 3, padding="same")(x) if self.chance(0.5) else L.Dense(s[-1])(x)
        elif rank == 5:
            y = L.Conv3D(s[-1], 3, padding="same")(x)
        else:
            y = L.Conv2D(s[-1], 3, padding="same")(x)
        if self.chance(0.4):
            y = self.pick([L.BatchNormalization(), L.LayerNormalization(), L.Activation("relu")])(y)
        merge = self.pick(["add", "add", "sub", "mul", "avg", "max", "min", "op_add", "op_mul"])
        if self.keras2 and merge.startswith("op_"):
            merge = "add"
        return {
            "add": lambda: L.Add()([x, y]),
            "sub": lambda: L.Subtract()([x, y]),
            "mul": lambda: L.Multiply()([x, y]),
            "avg": lambda: L.Average()([x, y]),
            "max": lambda: L.Maximum()([x, y]),
            "min": lambda: L.Minimum()([x, y]),
            "op_add": lambda: x + y,
            "op_mul": lambda: ops.multiply(x, y),
        }[merge]()

    def branches(self, x):
        """Two or three branches concatenated on the last axis."""
        s = shape(x)
        rank = len(s)
        outs = []
        for _ in range(self.pick([2, 2, 3])):
            if rank == 2:
                outs.append(L.Dense(self.units(), activation=self.act())(x))
            elif rank == 3:
                outs.append(self.pick([
                    lambda: L.Conv1D(self.units(), self.pick([1, 3]), padding="same")(x),
                    lambda: L.Dense(self.units())(x),
                    lambda: self.pick([L.LSTM, L.GRU])(self.units(), return_sequences=True)(x),
                ])())
            elif rank == 5:
                outs.append(L.Conv3D(self.units(), self.pick([1, 3]), padding="same")(x))
            else:
                outs.append(L.Conv2D(self.units(), self.pick([1, 3, 5]), padding="same")(x))
        if not self.keras2 and self.chance(0.3):
            return ops.concatenate(outs, axis=-1)
        return L.Concatenate()(outs)

    def shared(self, x):
        """One layer called on two tensors of the same shape."""
        s = shape(x)
        a = self.step(x) if len(s) == 2 else x
        layer = L.Dense(self.units(), name=None)
        if len(s) == 2:
            b = L.Dense(shape(a)[-1])(x)
            ya, yb = layer(a), layer(b)
            # A third call on the first output.
            if self.chance(0.3):
                ya = L.Dense(shape(ya)[-1])(ya)
                yb = layer(L.Dense(shape(a)[-1])(yb))
        else:
            ya, yb = layer(x), layer(x)
        return L.Concatenate()([ya, yb]) if self.chance(0.5) else L.Add()([ya, yb])

    def shared_model(self, x):
        """A nested model called on two tensors of the same shape."""
        sub = self.sub_model(shape(x)[1:], self.pick([0, 1]))
        x2 = L.Activation(self.pick(["relu", "tanh"]))(x)
        a, b = sub(x), sub(x2)
        return L.Add()([a, b]) if self.chance(0.5) else L.Concatenate()([a, b])

    def sub_model(self, in_shape, depth):
        """A small model taking `in_shape`, to call as a layer."""
        self.nested = True
        if self.chance(0.5):
            model = self.sequential_of(keras.Input(in_shape), None, self.r.randrange(1, 4), tail=False)
        else:
            inp = keras.Input(in_shape)
            t = self.chain(inp, self.r.randrange(1, 3))
            if depth > 0 and self.chance(0.6):
                inner = self.sub_model(shape(t)[1:], depth - 1)
                t = inner(t)
            if self.chance(0.4):
                t = self.residual(t)
            model = keras.Model(inp, t)
        if self.chance(0.5 if self.boost else 0.3):
            model.trainable = False
            self.frozen = True
        return model

    def vol_down(self, x):
        """(batch, d, h, w, c) -> rank 4 or 2."""
        return self.pick([
            lambda: L.ConvLSTM2D(self.units(), 3, padding="same")(x),
            lambda: L.GlobalAveragePooling3D()(x),
            lambda: L.GlobalMaxPooling3D()(x),
            lambda: L.Flatten()(x),
        ])()

    def head(self, x):
        """Towards a (batch, f) output."""
        if len(shape(x)) == 5:
            x = self.vol_down(x)
        rank = len(shape(x))
        if rank == 4:
            x = self.img_to_vec(x)
        elif rank == 3:
            x = self.seq_to_vec(x)
        return L.Dense(self.units(), activation=self.pick([None, "softmax", "sigmoid"]))(x)

    def make_input(self, kind, mask=False):
        if kind == "vec":
            return keras.Input((self.pick([4, 6, 8, 10]),)), None
        # `mask_zero=True` only in Sequential models: in a Functional
        # config, Keras 3 records the mask's computation as operation nodes
        # (`NotEqual`, `LogicalOr`, `Any`, `ExpandDims`, `ZerosLike`) that
        # kerasinfo does not import yet.
        if kind == "seq":
            return keras.Input((self.pick([4, 5, 6, 8]), self.pick([3, 4, 6]))), None
        if kind == "tokens":
            inp = keras.Input((self.pick([5, 7, 8]),), dtype="int32")
            emb = L.Embedding(self.pick([20, 50, 100]), self.pick([4, 8]), mask_zero=mask and self.chance(0.5))
            return inp, self.maybe_freeze(emb)(inp)
        if kind == "vol":
            return keras.Input((self.pick([2, 3]), self.pick([4, 5]), 4, self.pick([1, 2]))), None
        return keras.Input((self.pick([4, 6, 8]), self.pick([4, 6, 8]), self.pick([1, 3]))), None

    def body(self, x, budget):
        for _ in range(budget):
            k = self.r.randrange(10)
            if k <= 3:
                x = self.step(x)
            elif k == 4:
                x = self.residual(x)
            elif k == 5:
                x = self.branches(x)
            elif k == 6:
                x = self.shared(x)
            elif k == 7:
                x = self.sub_model(shape(x)[1:], self.pick([0, 1, 2]))(x)
            elif k == 8:
                rank = len(shape(x))
                if rank == 2:
                    x = self.pick([self.vec_to_seq, self.vec_to_img])(x)
                elif rank == 3:
                    x = self.seq_to_vec(x)
                elif rank == 5:
                    x = self.vol_down(x)
                else:
                    x = self.img_to_vec(x)
            elif k == 9 and self.chance(0.4):
                x = self.shared_model(x)
            else:
                x = self.multi_output_layer(x)
        return x

    def multi_output_layer(self, x):
        """A layer with several outputs (recurrent `return_state`)."""
        if len(shape(x)) != 3:
            return self.step(x)
        rnn = self.pick([L.LSTM, L.GRU, L.SimpleRNN])
        seqs = self.chance(0.5)
        outs = rnn(self.units(), return_sequences=seqs, return_state=True)(x)
        first, states = outs[0], outs[1:]
        if seqs:
            first = L.GlobalAveragePooling1D()(first)
        return L.Concatenate()([first] + list(states))

    # --- whole models -------------------------------------------------------------
    def sequential(self):
        kinds = ["vec", "seq", "img", "tokens", "vol"]
        if self.boost:
            # Recurrent layers and their wrappers in Sequentials.
            kinds += ["seq", "seq", "tokens"]
        inp, emb = self.make_input(self.pick(kinds), mask=True)
        return self.sequential_of(inp, emb, self.r.randrange(2, 7), tail=self.chance(0.7))

    def sequential_of(self, inp, emb, steps, tail):
        """A Sequential of `steps` random one-layer steps (operations and
        layers taking several tensors are skipped): the steps run on a
        throwaway graph, the Sequential gets fresh copies of their layers."""
        layers = []
        x = inp
        if emb is not None:
            layers.append(op_of(emb))
            x = emb
        for _ in range(steps):
            self.multi_in = False
            y = self.step(x)
            layer = op_of(y)
            if not isinstance(layer, L.Layer) or isinstance(layer, L.MultiHeadAttention) or self.multi_in:
                continue
            layers.append(layer)
            x = y
        if tail:
            rank = len(shape(x))
            if rank == 5:
                layers.append(self.pick([L.Flatten(), L.GlobalAveragePooling3D()]))
            elif rank == 4:
                layers.append(self.pick([L.Flatten(), L.GlobalAveragePooling2D()]))
            elif rank == 3:
                layers.append(self.pick([L.Flatten(), L.GlobalMaxPooling1D()]))
            layers.append(L.Dense(self.units()))
        layers = [fresh_copy(layer) for layer in layers]
        if self.chance(0.6 if self.boost else 0.3) and len(layers) > 1:
            layers[self.r.randrange(len(layers))].trainable = False
            self.frozen = True
        return keras.Sequential([keras.Input(shape(inp)[1:], dtype=inp.dtype)] + layers)

    def functional(self):
        n_in = self.pick([1, 1, 1, 2, 2, 3])
        inputs, tensors = [], []
        for _ in range(n_in):
            inp, emb = self.make_input(
                self.pick(["vec", "seq", "img", "tokens", "vol"]), mask=self.boost
            )
            inputs.append(inp)
            tensors.append(emb if emb is not None else inp)
        tensors = [self.body(t, self.r.randrange(1, 5)) for t in tensors]
        if len(tensors) > 1:
            merged = L.Concatenate()([self.head(t) for t in tensors])
        else:
            merged = tensors[0]
        n_out = self.pick([1, 1, 2, 3])
        if n_out == 1:
            outputs = self.head(self.body(merged, self.r.randrange(0, 3)))
        else:
            outputs = [self.head(self.body(merged, self.r.randrange(0, 2))) for _ in range(n_out)]
        if self.chance(0.2):
            outputs = [outputs] if not isinstance(outputs, list) else outputs
            outputs.append(self.head(tensors[0]))
        return keras.Model(inputs if len(inputs) > 1 else inputs[0], outputs)


def strip_build(cfg):
    """A layer config without its (nested) `build_config`s."""
    if isinstance(cfg, dict):
        return {k: strip_build(v) for k, v in cfg.items() if k != "build_config"}
    if isinstance(cfg, list):
        return [strip_build(v) for v in cfg]
    return cfg


def fresh_copy(layer):
    """An unbuilt copy of `layer`: it is built where the Sequential calls it,
    as a layer constructed there would be (a wrapped layer deserialized
    with its `build_config` would be built at once, outside the wrapper's
    name scope, and get another weight path)."""
    return type(layer).from_config(strip_build(layer.get_config()))


def op_of(t):
    """The operation (layer) that produced tensor `t`."""
    return t._keras_history[0]


def variants(g, i):
    v = {}
    if g.frozen or i % 4 == 0:
        v["show_trainable"] = {"show_trainable": True}
    if g.nested:
        v["expand_nested"] = {"expand_nested": True}
        if g.frozen:
            v["expand_nested_trainable"] = {"expand_nested": True, "show_trainable": True}
    return v


def build(i, keras2):
    keras.backend.clear_session()
    g = Gen(1000 + i if not keras2 else 5000 + i, keras2)
    model = g.sequential() if i % 3 == 0 else g.functional()
    return g, model


# --- tf.keras 2 recording (as scripts/gen_keras2_fixtures.py) -----------------------
def k2_summary(model, **kwargs):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        model.summary(**kwargs)
    return buf.getvalue()


def k2_output_shape(layer):
    try:
        return str(layer.output_shape)
    except AttributeError:
        return "multiple"


def k2_describe(model):
    def layer_data(layer):
        trainable_ids = {id(w) for w in layer.trainable_weights}
        return {
            "name": layer.name,
            "class_name": layer.__class__.__name__,
            "output_shape": k2_output_shape(layer),
            "params": layer.count_params() if layer.built else 0,
            "trainable": bool(layer.trainable),
            "weights": [
                {
                    "name": w.name,
                    "shape": list(w.shape),
                    "trainable": id(w) in trainable_ids,
                    "dtype": w.dtype.name,
                }
                for w in layer.weights
            ],
        }

    tw = int(sum(w.shape.num_elements() for w in model.trainable_weights))
    nw = int(sum(w.shape.num_elements() for w in model.non_trainable_weights))
    return {
        "name": model.name,
        "class_name": model.__class__.__name__,
        "total_params": tw + nw,
        "trainable_params": tw,
        "non_trainable_params": nw,
        "layers": [layer_data(layer) for layer in model.layers],
    }


def k2_dump(name, model, vs):
    out = ROOT / "random_keras2"
    out.mkdir(parents=True, exist_ok=True)
    vs = dict(vs)
    vs.setdefault("default", {})
    data = k2_describe(model)
    data["variants"] = vs
    for vname, kwargs in vs.items():
        (out / f"{name}__{vname}.txt").write_text(k2_summary(model, **kwargs), encoding="utf-8")
    config = model.to_json()
    (out / f"{name}.config.json").write_text(config + "\n", encoding="utf-8")
    keras.backend.clear_session()
    reloaded = keras.models.model_from_json(config)
    data["reloaded_differs"] = []
    for vname, kwargs in vs.items():
        text = k2_summary(reloaded, **kwargs)
        if text != (out / f"{name}__{vname}.txt").read_text(encoding="utf-8"):
            (out / f"{name}__{vname}.reloaded.txt").write_text(text, encoding="utf-8")
            data["reloaded_differs"].append(vname)
    (out / f"{name}.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"random_keras2/{name}: {data['total_params']} params", file=sys.stderr)


def reload(model):
    """tf.keras 2's own model for the config of `model`: the reference for
    an importer, as the config loses some of what the live model has (a
    nested Sequential's own `trainable` flag). (The Keras 3 fixtures are
    the live models, as in the other groups: Keras 3's reload differs from
    them only in weight paths, the summary texts being the same, see
    `roundtrip_same`.)"""
    config = model.to_json()
    keras.backend.clear_session()
    return keras.models.model_from_json(config)


def main_loaded():
    """The `--loaded` set: configs (gzipped) in tests/fixtures/random_loaded/,
    and what Keras reports for the model it loads from each in
    tests/fixtures/loaded/random_loaded.json.gz (as
    scripts/gen_loaded_fixtures.py records them, every text inline)."""
    import gzip

    out = ROOT / "random_loaded"
    out.mkdir(exist_ok=True)
    for old in out.glob("*"):
        old.unlink()
    recs = {}
    for i in range(N_LOADED):
        keras.backend.clear_session()
        g = Gen(20000 + i, False)
        g.boost = True
        model = g.sequential() if i % 3 == 0 else g.functional()
        config = model.to_json()
        name = f"r{i:03d}"
        (out / f"{name}.config.json.gz").write_bytes(gzip.compress((config + "\n").encode("utf-8"), mtime=0))
        vs = variants(g, i)
        vs.setdefault("default", {})
        kfix.fresh()
        loaded = keras.models.model_from_json(config)
        rec = kfix.describe(loaded)
        rec["variants"] = vs
        rec["texts"] = {v: kfix.summary_text(loaded, **kw) for v, kw in vs.items()}
        recs[name] = rec
        print(f"random_loaded/{name}: {rec['total_params']} params", file=sys.stderr)
    text = json.dumps(recs, indent=0, sort_keys=True) + "\n"
    (ROOT / "loaded" / "random_loaded.json.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


def main():
    if "--loaded" in sys.argv:
        main_loaded()
        return
    if KERAS2:
        for old in (ROOT / "random_keras2").glob("*"):
            old.unlink()
        for i in range(N_KERAS2):
            g, model = build(i, True)
            model = reload(model)
            k2_dump(f"r{i:03d}", model, variants(g, i))
        return
    out = ROOT / "random"
    for old in out.glob("*"):
        old.unlink()
    for i in range(N_KERAS3):
        g, model = build(i, False)
        kfix.dump("random", f"r{i:03d}", model, variants(g, i))
    if "--keras3" not in sys.argv:
        subprocess.run([sys.executable, __file__, "--keras2"], check=True)


if __name__ == "__main__":
    main()
