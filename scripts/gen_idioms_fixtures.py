"""Fixtures for Keras's model-building idioms (issue #11): models written the
way Keras's tutorials and guides write them, so that the builder can be
checked line by line against the Keras code.

    COLUMNS=200 .venv-keras/bin/python scripts/gen_idioms_fixtures.py

Each scenario starts from `keras.backend.clear_session()` and builds its
models in the tutorial's order (automatic names depend on it). Besides
kfix's per-layer data, each fixture records `model.layers` and
`model.operations` names (`model_layers`, `operations`).

Twin: tests/idioms.rs (and examples/keras_idioms.rs).
"""

import json

from kfix import ROOT, dump, dump_error, fresh, keras

L = keras.layers
ops = keras.ops
G = "idioms"
TRAINABLE = {"show_trainable": {"show_trainable": True}}
NESTED = {"expand_nested": {"expand_nested": True}}
BOTH = {**TRAINABLE, **NESTED, "expand_trainable": {"expand_nested": True, "show_trainable": True}}


def record(name, model, variants=None, extra=None):
    """kfix.dump, plus model.layers / model.operations names and `extra`."""
    layers = [l.name for l in model.layers]
    # Only a Functional has `operations` (a Sequential delegates to its
    # inner Functional, whose InputLayer it does not list).
    ops_of = getattr(model, "operations", None)
    operations = [o.name for o in ops_of] if ops_of is not None else None
    dump(G, name, model, variants)
    path = ROOT / G / f"{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["model_layers"] = layers
    data["operations"] = operations
    if extra:
        data.update(extra)
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


# 1. Names at construction -------------------------------------------------


def nested_calls():
    # Python evaluates the callee before its argument: the outer Dense is
    # constructed (and named) first.
    fresh()
    inp = keras.Input((16,))
    out = L.Dense(1)(L.Dropout(0.1)(L.Dense(32)(L.Dense(64)(inp))))
    record("nested_calls", keras.Model(inp, out))


def unused_layers():
    # Layers made but never called still consume their automatic name.
    fresh()
    inp = keras.Input((8,))
    _unused = L.Dense(3)
    h = L.Dense(4)(inp)
    _named = L.Dense(5, name="named")
    _also_unused = L.Dropout(0.5)
    h = L.Dropout(0.2)(h)
    out = L.Dense(2)(h)
    record("unused_layers", keras.Model(inp, out))


def wrapper_names():
    # A wrapped layer is made (and named) before its wrapper, and before the
    # layers made after it.
    fresh()
    x = keras.Input((4,))
    sn = L.SpectralNormalization(L.Dense(3))
    y = L.Dense(3)(x)
    y = sn(y)
    bi = L.Bidirectional(L.LSTM(2, return_sequences=True))
    z = L.Reshape((3, 1))(y)
    z = L.LSTM(2, return_sequences=True)(z)
    z = bi(z)
    record("wrapper_names", keras.Model(x, z))


def model_names():
    # Models take automatic names too, and a Sequential built from a list
    # starting with an Input builds an inner Functional, which takes one.
    fresh()
    a = keras.Input((4,))
    first = keras.Model(a, L.Dense(2)(a))
    seq = keras.Sequential([keras.Input((3,)), L.Dense(2), L.Dense(1)])
    b = keras.Input((4,))
    second = keras.Model(b, L.Dense(2)(b))
    # `model.add` rebuilds the model after every layer: one Functional each.
    grown = keras.Sequential()
    grown.add(keras.Input((3,)))
    grown.add(L.Dense(2))
    grown.add(L.Dense(1))
    c = keras.Input((4,))
    third = keras.Model(c, L.Dense(2)(c))
    names = {
        "first": first.name,
        "seq": seq.name,
        "second": second.name,
        "grown": grown.name,
        "third": third.name,
    }
    record("model_names", third, extra={"names": names})


# 2. An unbuilt Sequential called as a block --------------------------------


def transformer_block():
    # Keras's "Text classification with Transformer", the block inlined.
    fresh()
    maxlen, vocab_size, embed_dim, num_heads, ff_dim = 20, 100, 8, 2, 16
    inputs = keras.Input(shape=(maxlen,))
    x = L.Embedding(input_dim=vocab_size, output_dim=embed_dim)(inputs)
    attn_output = L.MultiHeadAttention(num_heads=num_heads, key_dim=embed_dim)(x, x)
    attn_output = L.Dropout(0.1)(attn_output)
    out1 = L.LayerNormalization(epsilon=1e-6)(x + attn_output)
    ffn = keras.Sequential([L.Dense(ff_dim, activation="relu"), L.Dense(embed_dim)])
    ffn_output = ffn(out1)
    ffn_output = L.Dropout(0.1)(ffn_output)
    x = L.LayerNormalization(epsilon=1e-6)(out1 + ffn_output)
    x = L.GlobalAveragePooling1D()(x)
    x = L.Dropout(0.1)(x)
    x = L.Dense(20, activation="relu")(x)
    x = L.Dropout(0.1)(x)
    outputs = L.Dense(2, activation="softmax")(x)
    model = keras.Model(inputs=inputs, outputs=outputs)
    record(
        "transformer_block",
        model,
        BOTH,
        extra={"ffn_layers": [l.name for l in ffn.layers], "ffn_name": ffn.name},
    )


def small_base(name):
    inputs = keras.Input((32, 32, 3))
    x = L.Conv2D(8, 3, padding="same", use_bias=False)(inputs)
    x = L.BatchNormalization()(x)
    x = L.Activation("relu")(x)
    x = L.Conv2D(16, 3, strides=2)(x)
    x = L.BatchNormalization()(x)
    x = L.ReLU()(x)
    return keras.Model(inputs, x, name=name)


def transfer_learning():
    # Keras's "Transfer learning & fine-tuning" guide, with a small base.
    fresh()
    data_augmentation = keras.Sequential(
        [L.RandomFlip("horizontal"), L.RandomRotation(0.1)]
    )
    base_model = small_base("base")
    base_model.trainable = False
    inputs = keras.Input(shape=(32, 32, 3))
    x = data_augmentation(inputs)
    scale_layer = L.Rescaling(scale=1 / 127.5, offset=-1)
    x = scale_layer(x)
    x = base_model(x, training=False)
    x = L.GlobalAveragePooling2D()(x)
    x = L.Dropout(0.2)(x)
    outputs = L.Dense(1)(x)
    model = keras.Model(inputs, outputs)
    record("transfer_frozen", model, BOTH)
    # Fine-tuning: unfreeze the base, then freeze its first layers again.
    base_model.trainable = True
    record("transfer_unfrozen", model, BOTH)
    for layer in base_model.layers[:3]:
        layer.trainable = False
    record("transfer_partly_frozen", model, BOTH)
    model.layers[1].trainable = False  # the augmentation block (no weights)
    model.get_layer("dense").trainable = False
    record("transfer_head_frozen", model, BOTH)


# 3. A Sequential of models ------------------------------------------------


def gan():
    # Keras's DCGAN example: `keras.Sequential([generator, discriminator])`.
    fresh()
    latent_dim = 16
    discriminator = keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            L.Conv2D(8, kernel_size=4, strides=2, padding="same"),
            L.LeakyReLU(negative_slope=0.2),
            L.Conv2D(16, kernel_size=4, strides=2, padding="same"),
            L.LeakyReLU(negative_slope=0.2),
            L.Flatten(),
            L.Dropout(0.2),
            L.Dense(1, activation="sigmoid"),
        ],
        name="discriminator",
    )
    generator = keras.Sequential(
        [
            keras.Input(shape=(latent_dim,)),
            L.Dense(7 * 7 * 16),
            L.Reshape((7, 7, 16)),
            L.Conv2DTranspose(16, kernel_size=4, strides=2, padding="same"),
            L.LeakyReLU(negative_slope=0.2),
            L.Conv2DTranspose(8, kernel_size=4, strides=2, padding="same"),
            L.LeakyReLU(negative_slope=0.2),
            L.Conv2D(1, kernel_size=5, padding="same", activation="sigmoid"),
        ],
        name="generator",
    )
    gan_model = keras.Sequential([generator, discriminator])
    record("gan", gan_model, BOTH)
    discriminator.trainable = False
    record("gan_frozen_discriminator", gan_model, BOTH)


def model_first_in_sequential():
    # A built Functional model as the first element: the Sequential takes
    # its input shape from it.
    fresh()
    inputs = keras.Input((10,))
    x = L.Dense(8, activation="relu")(inputs)
    encoder = keras.Model(inputs, L.Dense(4)(x), name="encoder")
    classifier = keras.Sequential([encoder, L.Dense(3, activation="softmax")])
    record("model_first", classifier, BOTH)


def unbuilt_nested():
    # Unbuilt Sequentials nested in an unbuilt Sequential, built by a call.
    fresh()
    block = keras.Sequential([L.Dense(6, activation="relu"), L.Dense(6)], name="block")
    outer = keras.Sequential([L.Dense(6), block, L.Dense(1)])
    x = keras.Input((5,))
    y = outer(x)
    record("unbuilt_nested", keras.Model(x, y), BOTH)


# 4. Recurrent initial_state ----------------------------------------------


def seq2seq_lstm():
    # Keras's "Character-level recurrent sequence-to-sequence model".
    fresh()
    num_encoder_tokens, num_decoder_tokens, latent_dim = 12, 14, 16
    encoder_inputs = keras.Input(shape=(None, num_encoder_tokens))
    encoder = L.LSTM(latent_dim, return_state=True)
    encoder_outputs, state_h, state_c = encoder(encoder_inputs)
    encoder_states = [state_h, state_c]
    decoder_inputs = keras.Input(shape=(None, num_decoder_tokens))
    decoder_lstm = L.LSTM(latent_dim, return_sequences=True, return_state=True)
    decoder_outputs, _, _ = decoder_lstm(decoder_inputs, initial_state=encoder_states)
    decoder_dense = L.Dense(num_decoder_tokens, activation="softmax")
    decoder_outputs = decoder_dense(decoder_outputs)
    model = keras.Model([encoder_inputs, decoder_inputs], decoder_outputs)
    record("seq2seq_lstm", model, TRAINABLE)


def seq2seq_gru():
    fresh()
    enc_in = keras.Input(shape=(None, 6), name="enc")
    dec_in = keras.Input(shape=(None, 7), name="dec")
    _, state = L.GRU(10, return_state=True)(enc_in)
    dec = L.GRU(10, return_sequences=True)(dec_in, initial_state=state)
    out = L.TimeDistributed(L.Dense(7))(dec)
    record("seq2seq_gru", keras.Model([enc_in, dec_in], out))


def rnn_states():
    # SimpleRNN, RNN(cell), Bidirectional and ConvLSTM2D with initial_state.
    fresh()
    seq = keras.Input((5, 3), name="seq")
    h0 = keras.Input((4,), name="h0")
    c0 = keras.Input((4,), name="c0")
    a = L.SimpleRNN(4)(seq, initial_state=h0)
    b, bh, bc = L.RNN(L.LSTMCell(4), return_state=True)(seq, initial_state=[h0, c0])
    bi = L.Bidirectional(L.LSTM(4, return_state=True))
    bo, fh, fc, bh2, bc2 = bi(seq, initial_state=[h0, c0, bh, bc])
    frames = keras.Input((3, 6, 6, 2), name="frames")
    s0 = keras.Input((6, 6, 5), name="s0")
    conv = L.ConvLSTM2D(5, 3, padding="same")(frames, initial_state=[s0, s0])
    pooled = L.GlobalAveragePooling2D()(conv)
    out = L.Concatenate()([a, b, bo, fh, bh2, pooled])
    model = keras.Model([seq, h0, c0, frames, s0], out)
    record("rnn_states", model)


def frozen_recurrent():
    # The constructor's `trainable=False`: LSTM passes it to its cell,
    # ConvLSTM2D does not (its cell's weights stay trainable).
    fresh()
    frames = keras.Input((3, 6, 6, 2))
    c = L.ConvLSTM2D(4, 3, trainable=False)(frames)
    s = L.Reshape((4, 16))(c)
    h = L.LSTM(3, trainable=False)(s)
    record("frozen_recurrent", keras.Model(frames, h), TRAINABLE)


# 5. Masks ---------------------------------------------------------------


def text_classifier():
    # Keras's "Bidirectional LSTM on IMDB", with mask_zero=True.
    fresh()
    inputs = keras.Input(shape=(None,), dtype="int32")
    x = L.Embedding(200, 8, mask_zero=True)(inputs)
    x = L.Bidirectional(L.LSTM(8, return_sequences=True))(x)
    x = L.Bidirectional(L.LSTM(8))(x)
    outputs = L.Dense(1, activation="sigmoid")(x)
    record("text_classifier", keras.Model(inputs, outputs), TRAINABLE)


def masked_sequential():
    # Masks inside a Sequential: no mask rows (a Sequential prints no
    # operations), the same numbers.
    fresh()
    model = keras.Sequential(
        [
            keras.Input((None,), dtype="int32"),
            L.Embedding(50, 4, mask_zero=True),
            L.LSTM(6, return_sequences=True),
            L.GlobalMaxPooling1D(),
            L.Dense(2),
        ]
    )
    record("masked_sequential", model)


def masked_functional_mix():
    # Masking -> Dense -> GRU with a non-masking layer cutting the mask.
    fresh()
    x = keras.Input((7, 3), name="x")
    m = L.Masking()(x)
    d = L.Dense(5)(m)
    g = L.GRU(4, return_sequences=True)(d)
    f = L.Flatten()(g)
    out = L.Dense(1)(f)
    record("masked_mix", keras.Model(x, out))


# 8. Layer outputs of a built model -----------------------------------------


def feature_extractor():
    # Keras's Sequential guide: "Feature extraction with a Sequential model".
    fresh()
    initial_model = keras.Sequential(
        [
            keras.Input(shape=(50, 50, 3)),
            L.Conv2D(8, 5, strides=2, activation="relu"),
            L.Conv2D(8, 3, activation="relu", name="my_intermediate_layer"),
            L.Conv2D(8, 3, activation="relu"),
        ]
    )
    feature_extractor = keras.Model(
        inputs=initial_model.inputs,
        outputs=[layer.output for layer in initial_model.layers],
    )
    one = keras.Model(
        inputs=initial_model.inputs,
        outputs=initial_model.get_layer(name="my_intermediate_layer").output,
    )
    # (record() ends the session: both models are made first.)
    record("feature_extractor", feature_extractor)
    record("feature_extractor_one", one)


def layer_input_output():
    # `layer.input` / `layer.output` of a Functional model's layers.
    fresh()
    inp = keras.Input((6,), name="inp")
    h = L.Dense(5, name="hidden")(inp)
    out = L.Dense(2, name="out")(h)
    model = keras.Model(inp, out, name="mlp")
    probe = keras.Model(model.get_layer("hidden").input, model.get_layer("out").output)
    record("layer_input_output", probe)


# 9. keras.ops in graphs ---------------------------------------------------


def unary_ops():
    fresh()
    x = keras.Input((4, 6), name="x")
    y = keras.Input((4, 6), name="y")
    a = ops.abs(x)
    b = ops.square(a)
    c = ops.sqrt(b)
    d = ops.exp(c)
    e = ops.log(d)
    f = ops.negative(e)
    g = ops.sign(f)
    h = ops.maximum(g, y)
    i = ops.minimum(h, 1.0)
    j = ops.clip(i, -1.0, 1.0)
    k = ops.cast(j, "float16")
    l_ = ops.softmax(j, axis=-1)
    m = ops.relu(l_)
    n = ops.sigmoid(m)
    o = ops.tanh(n)
    p = ops.mean(o, axis=1, keepdims=True)
    q = ops.sum(o, axis=-1)
    r = ops.max(o, axis=[1, 2])
    s = ops.min(o, axis=2, keepdims=True)
    t = ops.squeeze(p, axis=1)
    u = ops.expand_dims(q, axis=-1)
    out = L.Concatenate()([L.Flatten()(t), L.Flatten()(u), r[:, None], L.Flatten()(s)])
    model = keras.Model([x, y], [out, k])
    record("unary_ops", model)


def binary_ops():
    fresh()
    x = keras.Input((4, 6), name="x")
    w = keras.Input((6, 3), name="w")
    c = keras.Input((4,), name="c", dtype="int32")
    mm = ops.matmul(x, w)
    nrm = ops.norm(x, axis=-1)
    st = ops.stack([nrm, nrm], axis=1)
    wh = ops.where(ops.greater(x, 0.0), x, ops.zeros_like(x))
    oh = ops.one_hot(c, 5)
    sm = ops.mean(wh, axis=-1)
    out = L.Concatenate()([L.Flatten()(mm), L.Flatten()(st), L.Flatten()(oh), sm])
    record("binary_ops", keras.Model([x, w, c], out))


# 10. Dict inputs and outputs ------------------------------------------------


def multi_io_dict():
    # Keras's functional API guide: "Models with multiple inputs and outputs".
    fresh()
    num_tags, num_words, num_departments = 12, 100, 4
    title_input = keras.Input(shape=(None,), name="title")
    body_input = keras.Input(shape=(None,), name="body")
    tags_input = keras.Input(shape=(num_tags,), name="tags")
    title_features = L.Embedding(num_words, 8)(title_input)
    body_features = L.Embedding(num_words, 8)(body_input)
    title_features = L.LSTM(16)(title_features)
    body_features = L.LSTM(4)(body_features)
    x = L.concatenate([title_features, body_features, tags_input])
    priority_pred = L.Dense(1, name="priority")(x)
    department_pred = L.Dense(num_departments, name="department")(x)
    model = keras.Model(
        inputs={"title": title_input, "body": body_input, "tags": tags_input},
        outputs={"priority": priority_pred, "department": department_pred},
    )
    record(
        "multi_io_dict",
        model,
        extra={
            "input_names": [t.name for t in model.inputs],
            "output_names": list(model.output_names),
        },
    )


# Errors Keras raises in these idioms --------------------------------------


def errors():
    def wrong_rank():
        fresh()
        block = keras.Sequential([L.Conv2D(4, 3), L.Flatten()])
        block(keras.Input((10,)))

    dump_error(G, "sequential_wrong_rank", wrong_rank)

    # Keras checks no initial state when it builds the graph (only when the
    # model runs): these two build.
    def wrong_state_count():
        fresh()
        seq = keras.Input((5, 3))
        h0 = keras.Input((4,))
        L.LSTM(4)(seq, initial_state=[h0])

    dump_error(G, "lstm_one_state", wrong_state_count)

    def wrong_state_shape():
        fresh()
        seq = keras.Input((5, 3))
        h0 = keras.Input((7,))
        L.GRU(4)(seq, initial_state=h0)

    dump_error(G, "gru_state_shape", wrong_state_shape)

    def dense_initial_state():
        fresh()
        x = keras.Input((4,))
        L.Dense(2)(x, initial_state=x)

    dump_error(G, "dense_initial_state", dense_initial_state)


if __name__ == "__main__":
    nested_calls()
    unused_layers()
    wrapper_names()
    model_names()
    transformer_block()
    transfer_learning()
    gan()
    model_first_in_sequential()
    unbuilt_nested()
    seq2seq_lstm()
    seq2seq_gru()
    rnn_states()
    frozen_recurrent()
    text_classifier()
    masked_sequential()
    masked_functional_mix()
    feature_extractor()
    layer_input_output()
    unary_ops()
    binary_ops()
    multi_io_dict()
    errors()
