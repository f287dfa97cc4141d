"""Fixtures for the attention and core layers (EinsumDense, Embedding,
Identity, Masking, Lambda, Dense with LoRA, MultiHeadAttention,
GroupedQueryAttention, Attention, AdditiveAttention).

    cd <worktree> && COLUMNS=200 /work/.venv-keras/bin/python scripts/gen_attention_core_fixtures.py

Each model here has a twin in tests/layers_attention_core.rs built with kerasinfo.
"""

from kfix import dump, dump_error, fresh
import keras
from keras import layers as L

import kfix

# kfix's round trip reloads each config after `fresh()`: the Lambda layers'
# functions are Python lambdas, which Keras only deserializes in unsafe mode
# (a global flag that clearing the session resets).
_kfix_fresh = kfix.fresh


def _fresh_unsafe():
    _kfix_fresh()
    keras.config.enable_unsafe_deserialization()


kfix.fresh = _fresh_unsafe

G = "attention_core"
ST = {"show_trainable": {"show_trainable": True}}


def embedding_seq():
    fresh()
    model = keras.Sequential(
        [
            L.Input((8,)),
            L.Embedding(50, 4, name="tok"),
            L.Flatten(),
            L.Dense(1),
        ],
        name="embedding_seq",
    )
    dump(G, "embedding_seq", model, ST)


def embedding_variants():
    fresh()
    a = L.Input((None,), name="ids")
    b = L.Input((), name="scalar_id")
    c = L.Input((3, 5), name="grid_ids")
    x = L.Embedding(1000, 16, mask_zero=True)(a)
    y = L.Embedding(20, 6, trainable=False)(b)
    z = L.Embedding(7, 3, lora_rank=2)(c)
    w = L.Embedding(30, 5, dtype="float16", lora_rank=4, name="half_lora")(a)
    model = keras.Model([a, b, c], [x, y, z, w], name="embedding_variants")
    dump(G, "embedding_variants", model, ST)


def reversible_embedding():
    # `reverse` is a call argument in Keras; each instance here is called
    # one way only (kerasinfo has no call-time arguments).
    fresh()
    ids = L.Input((6,), name="ids")
    x = L.ReversibleEmbedding(50, 8)(ids)
    y = L.ReversibleEmbedding(30, 8, tie_weights=False, mask_zero=True)(ids)
    z = L.ReversibleEmbedding(20, 8, name="rev_only")(x, reverse=True)
    w = L.ReversibleEmbedding(10, 8, tie_weights=False, name="rev_untied")(y, reverse=True)
    v = L.ReversibleEmbedding(30, 4, lora_rank=2, trainable=False)(ids)
    model = keras.Model(ids, [z, w, v], name="reversible_embedding")
    dump(G, "reversible_embedding", model, ST)


def mha_self():
    fresh()
    inp = L.Input((10, 16))
    x = L.MultiHeadAttention(num_heads=2, key_dim=8)(inp, inp)
    x = L.Dense(4)(x)
    model = keras.Model(inp, x, name="mha_self")
    dump(G, "mha_self", model, ST)


def mha_cross():
    fresh()
    q = L.Input((5, 16), name="query")
    v = L.Input((7, 12), name="value")
    k = L.Input((7, 6), name="key")
    a = L.MultiHeadAttention(
        3, 4, value_dim=5, use_bias=False, output_shape=(2, 8), name="cross"
    )(q, v, k)
    b = L.MultiHeadAttention(2, 3, output_shape=20)(q, v)
    c = L.MultiHeadAttention(1, 2, use_gate=True)(v, q)
    model = keras.Model([q, v, k], [a, b, c], name="mha_cross")
    dump(G, "mha_cross", model, ST)


def mha_axes():
    fresh()
    img = L.Input((4, 5, 8), name="img")
    seq = L.Input((None, 6), name="seq")
    x = L.MultiHeadAttention(2, 4, attention_axes=(1, 2))(img, img)
    y = L.MultiHeadAttention(2, 4, attention_axes=2)(img, img)
    z = L.MultiHeadAttention(4, 2, value_dim=3, dropout=0.1)(seq, seq)
    w = L.MultiHeadAttention(2, 2, attention_axes=-2, output_shape=(3,))(seq, seq, seq)
    model = keras.Model([img, seq], [x, y, z, w], name="mha_axes")
    dump(G, "mha_axes", model)


def mha_frozen():
    # Freezing a built MultiHeadAttention freezes its sublayers' weights.
    fresh()
    inp = L.Input((4, 6))
    mha = L.MultiHeadAttention(2, 3, name="frozen_mha")
    x = mha(inp, inp)
    mha.trainable = False
    att = L.AdditiveAttention(trainable=False)
    y = att([x, inp])
    model = keras.Model(inp, y, name="mha_frozen")
    dump(G, "mha_frozen", model, ST)


def mha_frozen_reloaded():
    # Keras's own round trip of mha_frozen (roundtrip_same false there): the
    # config cannot tell `mha.trainable = False` set after building from
    # `trainable=False` given to the constructor, so the reloaded
    # MultiHeadAttention keeps its projections trainable. Imported configs
    # are checked against this fixture.
    config = (kfix.ROOT / G / "mha_frozen.config.json").read_text(encoding="utf-8")
    fresh()
    model = keras.models.model_from_json(config)
    dump(G, "mha_frozen_reloaded", model, ST)


def mha_frozen_ctor():
    # Keras quirk: `trainable=False` given to the constructor is not passed
    # on to the projection sublayers MultiHeadAttention creates when built,
    # so their weights stay trainable (and count as trainable params).
    fresh()
    inp = L.Input((4, 6))
    x = L.MultiHeadAttention(2, 3, trainable=False)(inp, inp)
    model = keras.Model(inp, x, name="mha_frozen_ctor")
    dump(G, "mha_frozen_ctor", model, ST)


def odd_ranks():
    # Inputs of other ranks than (batch, seq, features), and edge arguments.
    fresh()
    v2 = L.Input((16,), name="v2")
    w2 = L.Input((12,), name="w2")
    q4 = L.Input((3, 5, 16), name="q4")
    k4 = L.Input((3, 7, 16), name="k4")
    q3 = L.Input((5, 16), name="q3")
    v3 = L.Input((7, 12), name="v3")
    outs = [
        L.MultiHeadAttention(2, 4, name="mha_2d")(v2, w2),
        L.MultiHeadAttention(2, 4, name="mha_q4_v3")(q4, v3),
        L.MultiHeadAttention(2, 4, name="mha_q3_v4")(q3, k4),
        L.MultiHeadAttention(2, 4, attention_axes=(), name="mha_no_axes")(q3, v3),
        L.MultiHeadAttention(2, 4, attention_axes=(0,), name="mha_axis0")(q3, v3),
        L.MultiHeadAttention(2, 4, attention_axes=(-5,), name="mha_axis_m5")(q3, v3),
        L.MultiHeadAttention(2, 4, output_shape=(2, 3), name="mha_out2")(q4, k4),
        L.GroupQueryAttention(4, 2, 1, name="gqa_4d")(q4, k4),
        L.GroupQueryAttention(4, 0, 1, name="gqa_no_heads")(q3, q3),
        L.Attention(name="att_2d")([v2, w2]),
        L.Attention(use_scale=True, name="att_4d")([q4, v3]),
        L.AdditiveAttention(name="add_4d")([q4, v3]),
        L.EinsumDense("0ab,bc->0ac", (None, 4), bias_axes="c", name="zero_is_ellipsis")(q4),
        L.EinsumDense("aB,BC->aC", 4, bias_axes="C", name="upper")(v2),
        L.EinsumDense("...c,cd->...d", (64,), bias_axes="d", name="left_one")(q3),
    ]
    model = keras.Model([v2, w2, q4, k4, q3, v3], outs, name="odd_ranks")
    dump(G, "odd_ranks", model)


def attention_scores():
    # `return_attention_scores=True` (a call argument): two outputs.
    fresh()
    q = L.Input((5, 16), name="q")
    v = L.Input((7, 16), name="v")
    k = L.Input((7, 16), name="k")
    a, sa = L.MultiHeadAttention(2, 8)(q, v, return_attention_scores=True)
    b, sb = L.GroupQueryAttention(4, 4, 2)(q, v, k, return_attention_scores=True)
    c, sc = L.Attention()([q, v], return_attention_scores=True)
    d, sd = L.AdditiveAttention()([q, v, k], return_attention_scores=True)
    model = keras.Model([q, v, k], [a, sa, b, sb, c, sc, d, sd], name="attention_scores")
    dump(G, "attention_scores", model)


def dtypes():
    fresh()
    ids = L.Input((6,), name="ids")
    x = L.Embedding(40, 8, dtype="float64")(ids)
    y = L.MultiHeadAttention(2, 4, dtype="float16")(x, x)
    z = L.Attention(use_scale=True, score_mode="concat", dtype="float64")([y, x])
    w = L.EinsumDense("abc,cd->abd", (None, 3), bias_axes="d", dtype="bfloat16", lora_rank=2)(z)
    a = L.AdditiveAttention(dtype="float16")([w, w])
    model = keras.Model(ids, a, name="dtypes")
    dump(G, "dtypes", model)


def transformer_block():
    # The usual Keras text-classification transformer, without LayerNorm.
    fresh()
    maxlen, vocab, dim = 20, 500, 32
    inp = L.Input((maxlen,), name="tokens")
    tok = L.Embedding(vocab, dim, name="token_emb")(inp)
    positions = L.Input((maxlen,), name="positions")
    pos = L.Embedding(maxlen, dim, name="pos_emb")(positions)
    x = L.Add()([tok, pos])
    att = L.MultiHeadAttention(num_heads=4, key_dim=dim, dropout=0.1)(x, x)
    att = L.Dropout(0.1)(att)
    x = L.Add()([x, att])
    ffn = L.Dense(64, activation="relu")(x)
    ffn = L.Dense(dim)(ffn)
    x = L.Add()([x, ffn])
    x = L.Flatten()(x)
    out = L.Dense(2, activation="softmax")(x)
    model = keras.Model([inp, positions], out, name="transformer_block")
    dump(G, "transformer_block", model, ST)


def shared_shapes():
    # Shared layers are built once: later calls with other shapes (even an
    # unknown feature size) only go through compute_output_shape.
    fresh()
    a = L.Input((4, 8), name="a")
    b = L.Input((6, None), name="b")
    c = L.Input((3, 8), name="c")
    m = L.MultiHeadAttention(2, 4)
    e = L.EinsumDense("abc,cd->abd", (None, 5), bias_axes="d")
    ad = L.AdditiveAttention()
    outs = [m(a, a), m(b, b), m(a, c), e(a), e(b), ad([a, a]), ad([b, b])]
    model = keras.Model([a, b, c], outs, name="shared_shapes")
    dump(G, "shared_shapes", model)


def gqa_names():
    # GroupedQueryAttention's build also creates `softmax` and `dropout`.
    fresh()
    q = L.Input((6, 8))
    x = L.GroupQueryAttention(2, 2, 1)(q, q)
    x = L.Dropout(0.1)(x)
    x = L.MultiHeadAttention(1, 2)(x, x)
    x = L.Dropout(0.1)(x)
    model = keras.Model(q, x, name="gqa_names")
    dump(G, "gqa_names", model)


def mha_shared():
    fresh()
    a = L.Input((6, 8))
    b = L.Input((6, 8))
    mha = L.MultiHeadAttention(2, 4, name="shared_mha")
    x = mha(a, b)
    y = mha(b, a)
    z = L.Add()([x, y])
    model = keras.Model([a, b], z, name="mha_shared")
    dump(G, "mha_shared", model)


def gqa():
    fresh()
    q = L.Input((6, 16), name="q")
    v = L.Input((None, 16), name="v")
    k = L.Input((None, 16), name="k")
    x = L.GroupQueryAttention(4, 8, 2)(q, v)
    y = L.GroupQueryAttention(
        head_dim=3, num_query_heads=2, num_key_value_heads=1, use_bias=False,
        name="gqa_nobias",
    )(q, v, k)
    z = L.GroupQueryAttention(2, 4, 4, use_gate=True, dropout=0.2)(q, q)
    model = keras.Model([q, v, k], [x, y, z], name="gqa")
    dump(G, "gqa", model, ST)


def attention():
    fresh()
    q = L.Input((5, 8), name="q")
    v = L.Input((7, 6), name="v")
    k = L.Input((7, 8), name="k")
    a = L.Attention()([q, v])
    b = L.Attention(use_scale=True)([q, v, k])
    c = L.Attention(score_mode="concat", name="concat_att")([q, v])
    d = L.Attention(use_scale=True, score_mode="concat", dropout=0.1)([q, v, k])
    e = L.AdditiveAttention()([q, v])
    f = L.AdditiveAttention(use_scale=False)([q, v, k])
    g = L.AdditiveAttention(trainable=False)([v, q])
    model = keras.Model([q, v, k], [a, b, c, d, e, f, g], name="attention")
    dump(G, "attention", model, ST)


def attention_unknown():
    fresh()
    q = L.Input((None, 4))
    v = L.Input((None, None))
    a = L.Attention(use_scale=True)([q, v])
    b = L.AdditiveAttention()([q, v])
    model = keras.Model([q, v], [a, b], name="attention_unknown")
    dump(G, "attention_unknown", model)


def einsum_basic():
    fresh()
    model = keras.Sequential(
        [
            L.Input((32,)),
            L.EinsumDense("ab,bc->ac", output_shape=64, bias_axes="c"),
            L.EinsumDense("ab,bc->ac", 10, activation="relu"),
            L.EinsumDense("...b,bc->...c", (4,), bias_axes="c", lora_rank=2),
        ],
        name="einsum_basic",
    )
    dump(G, "einsum_basic", model, ST)


def einsum_shapes():
    fresh()
    seq = L.Input((32, 128), name="seq")
    deep = L.Input((3, 4, 5), name="deep")
    flat = L.Input((32,), name="flat")
    outs = [
        L.EinsumDense("abc,cd->abd", (None, 64), bias_axes="d", name="doc_seq")(seq),
        L.EinsumDense("abc,cd->abd", (32, 64), bias_axes="d", name="known_seq")(seq),
        L.EinsumDense("...x,xy->...y", 64, bias_axes="y", name="ellipsis")(seq),
        L.EinsumDense("abc,cde->abde", (None, 4, 8), bias_axes="de", name="heads")(seq),
        L.EinsumDense("abc,cde->abde", (None, 4, 8), bias_axes="e", name="heads_e")(seq),
        L.EinsumDense("abc,cde->abde", (32, 4, 8), bias_axes="bd", name="bias_bd")(seq),
        L.EinsumDense("abc,cde->abde", (None, 4, 8), name="heads_nobias")(seq),
        L.EinsumDense("...b,bc->...c", 7, bias_axes="c", name="left_elided")(deep),
        L.EinsumDense("ab...,bc->ac...", 6, bias_axes="c", name="right_elided")(deep),
        L.EinsumDense("ab,bc->ac", 9, bias_axes="c", name="implicit_tail")(deep),
        L.EinsumDense("ab,bc->ac", (64, 7), bias_axes="c", name="extra_out")(flat),
        L.EinsumDense("ab,bc->ac xx", 3, bias_axes="c", name="trailing")(flat),
        L.EinsumDense("ab,b->a", (), name="to_vector")(flat),
        L.EinsumDense("abcd,de->abce", (3, 4, 2), bias_axes="be", name="bias_be")(deep),
    ]
    model = keras.Model([seq, deep, flat], outs, name="einsum_shapes")
    dump(G, "einsum_shapes", model)


def core_misc():
    # Masking feeds no Lambda/attention layer here: Keras would add its
    # mask ops (NotEqual, Any) to the graph as layers of their own.
    fresh()
    inp = L.Input((10, 4))
    other = L.Input((3,))
    m = L.Masking()(inp)
    m = L.Masking(mask_value=-1.0)(m)
    m = L.Identity()(m)
    x = L.Identity()(inp)
    y = L.Lambda(lambda t: t * 2, output_shape=(10, 4))(x)
    z = L.Lambda(lambda t: keras.ops.sum(t, axis=1), output_shape=(4,), name="summed")(y)
    w = L.Lambda(lambda ts: ts[0], output_shape=(3,))([other, inp])
    i = L.Identity(name="ident")(other)
    model = keras.Model([inp, other], [m, z, w, i], name="core_misc")
    dump(G, "core_misc", model, ST)


def masking_seq():
    fresh()
    model = keras.Sequential(
        [
            L.Input((None, 6)),
            L.Masking(mask_value=0.0),
            L.Identity(),
            L.Dense(3),
            L.Lambda(lambda t: t[:, 0], output_shape=(3,)),
        ],
        name="masking_seq",
    )
    dump(G, "masking_seq", model)


def dense_lora():
    fresh()
    model = keras.Sequential(
        [
            L.Input((6,)),
            L.Dense(8, lora_rank=2),
            L.Dense(4, use_bias=False, lora_rank=3, dtype="float16"),
            L.Dense(2, lora_rank=0),
        ],
        name="dense_lora",
    )
    dump(G, "dense_lora", model, ST)


def errors():
    def ein(eq, out, shape, bias=None, **kw):
        def build():
            fresh()
            x = L.Input(shape)
            L.EinsumDense(eq, out, bias_axes=bias, name="ed", **kw)(x)

        return build

    cases = {
        "err_einsum_equation": ein("ab-c,cd->abd", (None, 64), (32, 128), "d"),
        "err_einsum_equation_right_short": ein("a...,ab->b...", 3, (4, 5)),
        "err_einsum_shared_mismatch": ein("abc,cd->abd", (5, 64), (32, 128), "d"),
        "err_einsum_shared_unknown": ein("abc,cd->abd", (5, 64), (None, 128), "d"),
        "err_einsum_bias_not_output": ein("abc,cde->abde", (None, 4, 8), (32, 128), "x"),
        "err_einsum_output_dim": ein("abc,cd->abde", (None, 4, 8), (32, 128), "e"),
        "err_einsum_weight_dim": ein("abc,cdf->abd", (None, 4), (32, 128)),
        "err_einsum_rank_short": ein("abc,cd->abd", (None, 64), (32,), "d"),
        "err_einsum_left_rank_short": ein("...abc,cd->...abd", (None, 64), (32,), "d"),
        "err_einsum_output_short": ein("abc,cd->abd", 64, (32, 128), "d"),
        "err_einsum_kernel_unknown": ein("ab,bc->ac", 64, (None,), "c"),
        "err_einsum_bias_unknown": ein("abc,cde->abde", (None, 4, 8), (32, 128), "bd"),
        "err_einsum_bias_empty": ein("ab,bc->ac", 4, (3,), ""),
        "err_einsum_negative": ein("ab,bc->ac", -4, (3,)),
    }

    def emb_zero():
        fresh()
        L.Embedding(0, 4)

    def emb_neg_out():
        fresh()
        L.Embedding(4, -1)

    def mha_bad_heads():
        fresh()
        L.MultiHeadAttention(0, 4)

    def mha_bad_key_dim():
        fresh()
        L.MultiHeadAttention(2, 0)

    def mha_bad_value_dim():
        fresh()
        L.MultiHeadAttention(2, 3, value_dim=-1)

    def mha_key_value():
        fresh()
        q = L.Input((4, 8))
        v = L.Input((5, 8))
        k = L.Input((6, 8))
        L.MultiHeadAttention(2, 4, name="mha")(q, v, k)

    def mha_unknown_features():
        fresh()
        q = L.Input((4, None))
        L.MultiHeadAttention(2, 4, name="mha")(q, q)

    def mha_bad_axes():
        fresh()
        q = L.Input((4, 8))
        L.MultiHeadAttention(2, 4, attention_axes=(5,), name="mha")(q, q)

    def mha_bad_dropout():
        fresh()
        q = L.Input((4, 8))
        L.MultiHeadAttention(2, 4, dropout=1.5, name="mha")(q, q)

    def mha_one_input():
        fresh()
        q = L.Input((4, 8))
        L.MultiHeadAttention(2, 4, name="mha")(q)

    def gqa_divisible():
        fresh()
        L.GroupQueryAttention(4, 6, 4)

    def gqa_last_dim():
        fresh()
        q = L.Input((4, 8))
        v = L.Input((5, 6))
        L.GroupQueryAttention(4, 2, 1, name="gqa")(q, v)

    def att_single():
        fresh()
        q = L.Input((4, 8))
        L.Attention(name="att")(q)

    def att_four():
        fresh()
        q = L.Input((4, 8))
        L.Attention(name="att")([q, q, q, q])

    def att_score_mode():
        fresh()
        L.Attention(score_mode="add")

    def additive_unknown():
        fresh()
        q = L.Input((4, None))
        L.AdditiveAttention(name="add_att")([q, q])

    def lambda_no_shape():
        fresh()
        q = L.Input((4, 8))
        return L.Lambda(lambda t: t + 1.0, name="lam")(q).shape

    def mha_args(qs, vs, ks=None, **kw):
        def build():
            fresh()
            q = L.Input(qs)
            v = L.Input(vs)
            m = L.MultiHeadAttention(name="mha", **kw)
            if ks:
                m(q, v, L.Input(ks))
            else:
                m(q, v)

        return build

    def gqa_args(qs, vs, *a):
        def build():
            fresh()
            L.GroupQueryAttention(*a, name="gqa")(L.Input(qs), L.Input(vs))

        return build

    cases.update(
        err_mha_value_dim_zero=mha_args((5, 16), (7, 12), num_heads=2, key_dim=4, value_dim=0),
        err_mha_output_none=mha_args((5, 16), (7, 12), num_heads=2, key_dim=4, output_shape=(None,)),
        err_mha_key_rank=mha_args((5, 16), (7, 12), (7, 3, 4), num_heads=2, key_dim=4),
        err_mha_value_unknown=mha_args((5, 16), (None, None), num_heads=2, key_dim=4),
        err_gqa_head_dim_zero=gqa_args((5, 16), (7, 16), 0, 2, 1),
        err_gqa_kv_zero=gqa_args((5, 16), (7, 16), 4, 2, 0),
        err_gqa_rank2=gqa_args((16,), (16,), 4, 2, 1),
        err_gqa_unknown=gqa_args((5, None), (7, None), 4, 2, 1),
        err_einsum_right_rank_short=ein("abc...,cd->abd...", (None, 4), (5,), "d"),
        err_einsum_bias_batch=ein("ab,bc->ac", 4, (5,), "ac"),
    )
    def rev_lora_untied():
        fresh()
        L.ReversibleEmbedding(30, 4, lora_rank=2, tie_weights=False, name="rev")(L.Input((3,)))

    cases.update(
        err_reversible_lora_untied=rev_lora_untied,
        err_embedding_input_dim=emb_zero,
        err_embedding_output_dim=emb_neg_out,
        err_mha_num_heads=mha_bad_heads,
        err_mha_key_dim=mha_bad_key_dim,
        err_mha_value_dim=mha_bad_value_dim,
        err_mha_key_value=mha_key_value,
        err_mha_unknown_features=mha_unknown_features,
        err_mha_attention_axes=mha_bad_axes,
        err_mha_dropout=mha_bad_dropout,
        err_mha_one_input=mha_one_input,
        err_gqa_divisible=gqa_divisible,
        err_gqa_last_dim=gqa_last_dim,
        err_attention_single=att_single,
        err_attention_four=att_four,
        err_attention_score_mode=att_score_mode,
        err_additive_unknown=additive_unknown,
        err_lambda_no_shape=lambda_no_shape,
    )
    for name, build in cases.items():
        dump_error(G, name, build)


if __name__ == "__main__":
    for f in [
        embedding_seq, embedding_variants, reversible_embedding, mha_self, mha_cross, mha_axes, mha_frozen, mha_frozen_reloaded, mha_frozen_ctor,
        odd_ranks, attention_scores, dtypes, transformer_block, shared_shapes, gqa_names,
        mha_shared, gqa, attention, attention_unknown, einsum_basic,
        einsum_shapes, core_misc, masking_seq, dense_lora, errors,
    ]:
        f()
