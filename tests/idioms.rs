//! Keras's model-building idioms (issue #11), written the way Keras's
//! tutorials write them and checked against what Keras reports for that
//! code (scripts/gen_idioms_fixtures.py, group `idioms`): summary texts byte
//! for byte, totals, `model.layers`, every weight's path, shape and flag.

mod common;

use common::{check_model_ops, keras_error, load};
use kerasinfo::naming::clear_session;
use kerasinfo::prelude::*;

type R = kerasinfo::Result<()>;

/// `model.layers` names against the fixture's.
fn check_layers(name: &str, model: &Model) {
    let fx = load("idioms", name);
    let want: Vec<&str> = fx["model_layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let got: Vec<&str> = model.layers().iter().map(LayerHandle::name).collect();
    assert_eq!(got, want, "idioms/{name}: model.layers");
}

fn check(name: &str, model: &Model) {
    check_model_ops("idioms", name, model);
    check_layers(name, model);
}

// 1. Names at construction ---------------------------------------------------

#[test]
fn outer_layer_of_nested_calls_is_named_first() -> R {
    clear_session();
    let inp = Input::new([16]).tensor()?;
    let out = Dense::new(1)
        .call(&Dropout::new(0.1).call(&Dense::new(32).call(&Dense::new(64).call(&inp)?)?)?)?;
    check("nested_calls", &Functional::new(&inp, &out).build()?);
    Ok(())
}

#[test]
fn layers_made_but_never_called_take_their_names() -> R {
    clear_session();
    let inp = Input::new([8]).tensor()?;
    let _unused = Dense::new(3);
    let h = Dense::new(4).call(&inp)?;
    let _named = Dense::new(5).name("named");
    let _also_unused = Dropout::new(0.5);
    let h = Dropout::new(0.2).call(&h)?;
    let out = Dense::new(2).call(&h)?;
    check("unused_layers", &Functional::new(&inp, &out).build()?);
    Ok(())
}

#[test]
fn wrapped_layers_are_named_when_made() -> R {
    clear_session();
    let x = Input::new([4]).tensor()?;
    let sn = SpectralNormalization::new(Dense::new(3));
    let y = Dense::new(3).call(&x)?;
    let y = sn.call(&y)?;
    let bi = Bidirectional::new(LSTM::new(2).return_sequences(true));
    let z = Reshape::new([3, 1]).call(&y)?;
    let z = LSTM::new(2).return_sequences(true).call(&z)?;
    let z = bi.call(&z)?;
    check("wrapper_names", &Functional::new(&x, &z).build()?);
    Ok(())
}

#[test]
fn models_take_automatic_names_and_sequentials_their_hidden_ones() -> R {
    clear_session();
    let a = Input::new([4]).tensor()?;
    let first = Functional::new(&a, &Dense::new(2).call(&a)?).build()?;
    let seq = Sequential::new()
        .add(Input::new([3]))
        .add(Dense::new(2))
        .add(Dense::new(1))
        .build()?;
    let b = Input::new([4]).tensor()?;
    let second = Functional::new(&b, &Dense::new(2).call(&b)?).build()?;
    let fx = load("idioms", "model_names");
    assert_eq!(first.name(), fx["names"]["first"]);
    assert_eq!(seq.name(), fx["names"]["seq"]);
    assert_eq!(second.name(), fx["names"]["second"]);
    Ok(())
}

// 2. An unbuilt Sequential called as a block ----------------------------------

#[test]
fn transformer_feed_forward_block() -> R {
    use kerasinfo::ops;
    clear_session();
    let (maxlen, vocab_size, embed_dim, num_heads, ff_dim) = (20, 100, 8, 2, 16);
    let inputs = Input::new([maxlen]).tensor()?;
    let x = Embedding::new(vocab_size, embed_dim).call(&inputs)?;
    let attn_output = MultiHeadAttention::new(num_heads, embed_dim).call([&x, &x])?;
    let attn_output = Dropout::new(0.1).call(&attn_output)?;
    let out1 = LayerNormalization::new()
        .epsilon(1e-6)
        .call(&ops::add(&x, &attn_output)?)?;
    let ffn = Sequential::new()
        .add(Dense::new(ff_dim).activation("relu"))
        .add(Dense::new(embed_dim))
        .build()?;
    let ffn_output = ffn.call(&out1)?;
    let ffn_output = Dropout::new(0.1).call(&ffn_output)?;
    let x = LayerNormalization::new()
        .epsilon(1e-6)
        .call(&ops::add(&out1, &ffn_output)?)?;
    let x = GlobalAveragePooling1D::new().call(&x)?;
    let x = Dropout::new(0.1).call(&x)?;
    let x = Dense::new(20).activation("relu").call(&x)?;
    let x = Dropout::new(0.1).call(&x)?;
    let outputs = Dense::new(2).activation("softmax").call(&x)?;
    let model = Functional::new(&inputs, &outputs).build()?;
    check("transformer_block", &model);
    let fx = load("idioms", "transformer_block");
    assert_eq!(ffn.name(), fx["ffn_name"]);
    Ok(())
}

/// Keras's "Transfer learning & fine-tuning" guide, with a small base.
fn small_base(name: &str) -> kerasinfo::Result<Model> {
    let inputs = Input::new([32, 32, 3]).tensor()?;
    let x = Conv2D::new(8, 3)
        .padding(Padding::Same)
        .use_bias(false)
        .call(&inputs)?;
    let x = BatchNormalization::new().call(&x)?;
    let x = Activation::new("relu").call(&x)?;
    let x = Conv2D::new(16, 3).strides(2).call(&x)?;
    let x = BatchNormalization::new().call(&x)?;
    let x = ReLU::new().call(&x)?;
    Functional::new(&inputs, &x).name(name).build()
}

#[test]
fn transfer_learning_then_fine_tuning() -> R {
    clear_session();
    let data_augmentation = Sequential::new()
        .add(RandomFlip::new().mode(FlipMode::Horizontal))
        .add(RandomRotation::new(0.1))
        .build()?;
    let base_model = small_base("base")?;
    base_model.set_trainable(false);
    let inputs = Input::new([32, 32, 3]).tensor()?;
    let x = data_augmentation.call(&inputs)?;
    let scale_layer = Rescaling::new(1.0 / 127.5).offset(-1.0);
    let x = scale_layer.call(&x)?;
    let x = base_model.call(&x)?;
    let x = GlobalAveragePooling2D::new().call(&x)?;
    let x = Dropout::new(0.2).call(&x)?;
    let outputs = Dense::new(1).call(&x)?;
    let model = Functional::new(&inputs, &outputs).build()?;
    check("transfer_frozen", &model);
    // Fine-tuning: unfreeze the base, then freeze its first layers again.
    base_model.set_trainable(true);
    check("transfer_unfrozen", &model);
    for layer in &base_model.layers()[..3] {
        layer.set_trainable(false);
    }
    check("transfer_partly_frozen", &model);
    model.layers()[1].set_trainable(false);
    model.get_layer("dense").unwrap().set_trainable(false);
    check("transfer_head_frozen", &model);
    Ok(())
}

// 3. A Sequential of models -----------------------------------------------------

#[test]
fn gan_is_a_sequential_of_two_models() -> R {
    clear_session();
    let latent_dim = 16;
    let discriminator = Sequential::new()
        .name("discriminator")
        .add(Input::new([28, 28, 1]))
        .add(Conv2D::new(8, 4).strides(2).padding(Padding::Same))
        .add(LeakyReLU::new().negative_slope(0.2))
        .add(Conv2D::new(16, 4).strides(2).padding(Padding::Same))
        .add(LeakyReLU::new().negative_slope(0.2))
        .add(Flatten::new())
        .add(Dropout::new(0.2))
        .add(Dense::new(1).activation("sigmoid"))
        .build()?;
    let generator = Sequential::new()
        .name("generator")
        .add(Input::new([latent_dim]))
        .add(Dense::new(7 * 7 * 16))
        .add(Reshape::new([7, 7, 16]))
        .add(
            Conv2DTranspose::new(16, 4)
                .strides(2)
                .padding(Padding::Same),
        )
        .add(LeakyReLU::new().negative_slope(0.2))
        .add(Conv2DTranspose::new(8, 4).strides(2).padding(Padding::Same))
        .add(LeakyReLU::new().negative_slope(0.2))
        .add(
            Conv2D::new(1, 5)
                .padding(Padding::Same)
                .activation("sigmoid"),
        )
        .build()?;
    let gan = Sequential::new()
        .add(generator)
        .add(discriminator.clone())
        .build()?;
    check("gan", &gan);
    discriminator.set_trainable(false);
    check("gan_frozen_discriminator", &gan);
    Ok(())
}

#[test]
fn a_built_model_first_gives_the_sequential_its_input() -> R {
    clear_session();
    let inputs = Input::new([10]).tensor()?;
    let x = Dense::new(8).activation("relu").call(&inputs)?;
    let encoder = Functional::new(&inputs, &Dense::new(4).call(&x)?)
        .name("encoder")
        .build()?;
    let classifier = Sequential::new()
        .add(encoder)
        .add(Dense::new(3).activation("softmax"))
        .build()?;
    check("model_first", &classifier);
    Ok(())
}

#[test]
fn unbuilt_sequentials_nested_and_built_by_a_call() -> R {
    clear_session();
    let block = Sequential::new()
        .name("block")
        .add(Dense::new(6).activation("relu"))
        .add(Dense::new(6))
        .build()?;
    let outer = Sequential::new()
        .add(Dense::new(6))
        .add(block)
        .add(Dense::new(1))
        .build()?;
    let x = Input::new([5]).tensor()?;
    let y = outer.call(&x)?;
    check("unbuilt_nested", &Functional::new(&x, &y).build()?);
    Ok(())
}

// 4. Recurrent initial_state ------------------------------------------------------

#[test]
fn seq2seq_encoder_decoder() -> R {
    clear_session();
    let (num_encoder_tokens, num_decoder_tokens, latent_dim) = (12, 14, 16);
    let encoder_inputs = Input::new([None, Some(num_encoder_tokens)]).tensor()?;
    let encoder = LSTM::new(latent_dim).return_state(true);
    let outs = encoder.call_multi(&encoder_inputs)?;
    let encoder_states = [&outs[1], &outs[2]];
    let decoder_inputs = Input::new([None, Some(num_decoder_tokens)]).tensor()?;
    let decoder_lstm = LSTM::new(latent_dim)
        .return_sequences(true)
        .return_state(true);
    let decoder_outputs =
        decoder_lstm.call_multi_with_initial_state(&decoder_inputs, encoder_states)?;
    let decoder_dense = Dense::new(num_decoder_tokens).activation("softmax");
    let decoder_outputs = decoder_dense.call(&decoder_outputs[0])?;
    let model = Functional::new([&encoder_inputs, &decoder_inputs], &decoder_outputs).build()?;
    check("seq2seq_lstm", &model);
    Ok(())
}

#[test]
fn seq2seq_with_a_gru_state() -> R {
    clear_session();
    let enc_in = Input::new([None, Some(6)]).name("enc").tensor()?;
    let dec_in = Input::new([None, Some(7)]).name("dec").tensor()?;
    let enc = GRU::new(10).return_state(true).call_multi(&enc_in)?;
    let dec = GRU::new(10)
        .return_sequences(true)
        .call_with_initial_state(&dec_in, &enc[1])?;
    let out = TimeDistributed::new(Dense::new(7)).call(&dec)?;
    check(
        "seq2seq_gru",
        &Functional::new([&enc_in, &dec_in], &out).build()?,
    );
    Ok(())
}

#[test]
fn every_recurrent_layer_takes_initial_states() -> R {
    clear_session();
    let seq = Input::new([5, 3]).name("seq").tensor()?;
    let h0 = Input::new([4]).name("h0").tensor()?;
    let c0 = Input::new([4]).name("c0").tensor()?;
    let a = SimpleRNN::new(4).call_with_initial_state(&seq, &h0)?;
    let b = RNN::new(LSTMCell::new(4))
        .return_state(true)
        .call_multi_with_initial_state(&seq, [&h0, &c0])?;
    let bi = Bidirectional::new(LSTM::new(4).return_state(true));
    let bo = bi.call_multi_with_initial_state(&seq, [&h0, &c0, &b[1], &b[2]])?;
    let frames = Input::new([3, 6, 6, 2]).name("frames").tensor()?;
    let s0 = Input::new([6, 6, 5]).name("s0").tensor()?;
    let conv = ConvLSTM2D::new(5, 3)
        .padding(Padding::Same)
        .call_with_initial_state(&frames, [&s0, &s0])?;
    let pooled = GlobalAveragePooling2D::new().call(&conv)?;
    let out = Concatenate::new().call([&a, &b[0], &bo[0], &bo[1], &bo[3], &pooled])?;
    let model = Functional::new([&seq, &h0, &c0, &frames, &s0], &out).build()?;
    check("rnn_states", &model);
    Ok(())
}

#[test]
fn initial_states_as_keras_checks_them() -> R {
    // Keras rejects `initial_state` on a layer whose call takes none...
    clear_session();
    let x = Input::new([4]).tensor()?;
    let e = Dense::new(2).call_with_initial_state(&x, &x).unwrap_err();
    let keras = keras_error("idioms", "dense_initial_state").unwrap();
    let keras = keras.trim_start_matches("TypeError: ");
    assert!(e.to_string().ends_with(keras), "{e} / {keras}");
    assert!(
        e.to_string().starts_with("layer \"dense\" (Dense): "),
        "{e}"
    );
    // ... and checks neither the count nor the shapes of the states while
    // it builds the graph (only when the model runs).
    assert_eq!(keras_error("idioms", "lstm_one_state"), None);
    let seq = Input::new([5, 3]).tensor()?;
    let h0 = Input::new([4]).tensor()?;
    LSTM::new(4).call_with_initial_state(&seq, &h0)?;
    assert_eq!(keras_error("idioms", "gru_state_shape"), None);
    let h0 = Input::new([7]).tensor()?;
    GRU::new(4).call_with_initial_state(&seq, &h0)?;
    Ok(())
}

#[test]
fn calling_a_sequential_on_a_wrong_rank_names_the_layer() -> R {
    clear_session();
    let block = Sequential::new()
        .add(Conv2D::new(4, 3))
        .add(Flatten::new())
        .build()?;
    let e = block.call(&Input::new([10]).tensor()?).unwrap_err();
    let keras = keras_error("idioms", "sequential_wrong_rank").unwrap();
    // Keras: "Input 0 with name 'None' of layer 'conv2d' is incompatible
    // with the layer: expected min_ndim=4, found ndim=2. Full shape
    // received: (None, 10)"
    assert!(keras.contains("'conv2d'") && keras.contains("(None, 10)"));
    let e = e.to_string();
    assert!(
        e.contains("\"conv2d\" (Conv2D)") && e.contains("(None, 10)"),
        "{e}"
    );
    assert!(!block.is_built());
    Ok(())
}

// 5. Masks propagate as in Keras ---------------------------------------------------

#[test]
fn bidirectional_lstm_text_classifier_with_masks() -> R {
    clear_session();
    let inputs = Input::new([None::<u64>])
        .dtype(kerasinfo::DType::Int32)
        .tensor()?;
    let x = Embedding::new(200, 8).mask_zero(true).call(&inputs)?;
    let x = Bidirectional::new(LSTM::new(8).return_sequences(true)).call(&x)?;
    let x = Bidirectional::new(LSTM::new(8)).call(&x)?;
    let outputs = Dense::new(1).activation("sigmoid").call(&x)?;
    check(
        "text_classifier",
        &Functional::new(&inputs, &outputs).build()?,
    );
    Ok(())
}

#[test]
fn masks_inside_a_sequential() -> R {
    clear_session();
    let model = Sequential::new()
        .add(Input::new([None::<u64>]).dtype(kerasinfo::DType::Int32))
        .add(Embedding::new(50, 4).mask_zero(true))
        .add(LSTM::new(6).return_sequences(true))
        .add(GlobalMaxPooling1D::new())
        .add(Dense::new(2))
        .build()?;
    check("masked_sequential", &model);
    Ok(())
}

#[test]
fn a_layer_without_masking_drops_the_mask() -> R {
    clear_session();
    let x = Input::new([7, 3]).name("x").tensor()?;
    let m = Masking::new().call(&x)?;
    let d = Dense::new(5).call(&m)?;
    let g = GRU::new(4).return_sequences(true).call(&d)?;
    let f = Flatten::new().call(&g)?;
    assert!(g.keras_mask().is_some() && f.keras_mask().is_none());
    let out = Dense::new(1).call(&f)?;
    check("masked_mix", &Functional::new(&x, &out).build()?);
    Ok(())
}

// 8. Layer outputs of a built model ---------------------------------------------

#[test]
fn feature_extraction_with_a_sequential_model() -> R {
    clear_session();
    let initial_model = Sequential::new()
        .add(Input::new([50, 50, 3]))
        .add(Conv2D::new(8, 5).strides(2).activation("relu"))
        .add(
            Conv2D::new(8, 3)
                .activation("relu")
                .name("my_intermediate_layer"),
        )
        .add(Conv2D::new(8, 3).activation("relu"))
        .build()?;
    let outputs = initial_model
        .layers()
        .iter()
        .map(LayerHandle::output)
        .collect::<kerasinfo::Result<Vec<_>>>()?;
    let feature_extractor = Functional::new(initial_model.inputs(), outputs).build()?;
    check("feature_extractor", &feature_extractor);
    let one = Functional::new(
        initial_model.inputs(),
        initial_model
            .get_layer("my_intermediate_layer")
            .unwrap()
            .output()?,
    )
    .build()?;
    check("feature_extractor_one", &one);
    Ok(())
}

#[test]
fn a_model_between_a_layer_input_and_a_layer_output() -> R {
    clear_session();
    let inp = Input::new([6]).name("inp").tensor()?;
    let h = Dense::new(5).name("hidden").call(&inp)?;
    let out = Dense::new(2).name("out").call(&h)?;
    let model = Functional::new(&inp, &out).name("mlp").build()?;
    let probe = Functional::new(
        model.get_layer("hidden").unwrap().input()?,
        model.get_layer("out").unwrap().output()?,
    )
    .build()?;
    check("layer_input_output", &probe);
    Ok(())
}

// 10. Dict inputs and outputs ----------------------------------------------------

#[test]
fn a_model_with_dict_inputs_and_outputs() -> R {
    clear_session();
    let (num_tags, num_words, num_departments) = (12, 100, 4);
    let title_input = Input::new([None::<u64>]).name("title").tensor()?;
    let body_input = Input::new([None::<u64>]).name("body").tensor()?;
    let tags_input = Input::new([num_tags]).name("tags").tensor()?;
    let title_features = Embedding::new(num_words, 8).call(&title_input)?;
    let body_features = Embedding::new(num_words, 8).call(&body_input)?;
    let title_features = LSTM::new(16).call(&title_features)?;
    let body_features = LSTM::new(4).call(&body_features)?;
    let x = Concatenate::new().call([&title_features, &body_features, &tags_input])?;
    let priority_pred = Dense::new(1).name("priority").call(&x)?;
    let department_pred = Dense::new(num_departments).name("department").call(&x)?;
    let model = Functional::new(
        [
            ("title", &title_input),
            ("body", &body_input),
            ("tags", &tags_input),
        ],
        [
            ("priority", &priority_pred),
            ("department", &department_pred),
        ],
    )
    .build()?;
    check("multi_io_dict", &model);
    let fx = load("idioms", "multi_io_dict");
    assert_eq!(
        model.input_names(),
        fx["input_names"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect::<Vec<_>>()
    );
    assert_eq!(
        model.output_names(),
        fx["output_names"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect::<Vec<_>>()
    );
    Ok(())
}

// 9. keras.ops in graphs -----------------------------------------------------------

#[test]
fn unary_and_reduction_ops() -> R {
    use kerasinfo::ops::{self, Index};
    clear_session();
    let x = Input::new([4, 6]).name("x").tensor()?;
    let y = Input::new([4, 6]).name("y").tensor()?;
    let a = ops::abs(&x)?;
    let b = ops::square(&a)?;
    let c = ops::sqrt(&b)?;
    let d = ops::exp(&c)?;
    let e = ops::log(&d)?;
    let f = ops::negative(&e)?;
    let g = ops::sign(&f)?;
    let h = ops::maximum(&g, &y)?;
    let i = ops::minimum(&h, 1.0)?;
    let j = ops::clip(&i, -1.0, 1.0)?;
    let k = ops::cast(&j, kerasinfo::DType::Float16)?;
    let l = ops::softmax(&j, -1)?;
    let m = ops::relu(&l)?;
    let n = ops::sigmoid(&m)?;
    let o = ops::tanh(&n)?;
    let p = ops::mean(&o, Some(&[1]), true)?;
    let q = ops::sum(&o, Some(&[-1]), false)?;
    let r = ops::max(&o, Some(&[1, 2]), false)?;
    let s = ops::min(&o, Some(&[2]), true)?;
    let t = ops::squeeze(&p, Some(&[1]))?;
    let u = ops::expand_dims(&q, -1)?;
    let out = Concatenate::new().call([
        &Flatten::new().call(&t)?,
        &Flatten::new().call(&u)?,
        &ops::get_item(&r, &[Index::full(), Index::NewAxis])?,
        &Flatten::new().call(&s)?,
    ])?;
    let model = Functional::new([&x, &y], [&out, &k]).build()?;
    check("unary_ops", &model);
    Ok(())
}

#[test]
fn binary_and_array_ops() -> R {
    use kerasinfo::ops;
    clear_session();
    let x = Input::new([4, 6]).name("x").tensor()?;
    let w = Input::new([6, 3]).name("w").tensor()?;
    let c = Input::new([4])
        .name("c")
        .dtype(kerasinfo::DType::Int32)
        .tensor()?;
    let mm = ops::matmul(&x, &w)?;
    let nrm = ops::norm(&x, Some(&[-1]), false)?;
    let st = ops::stack(&[&nrm, &nrm], 1)?;
    let wh = ops::r#where(&ops::greater(&x, 0.0)?, &x, &ops::zeros_like(&x)?)?;
    let oh = ops::one_hot(&c, 5)?;
    let sm = ops::mean(&wh, Some(&[-1]), false)?;
    let out = Concatenate::new().call([
        &Flatten::new().call(&mm)?,
        &Flatten::new().call(&st)?,
        &Flatten::new().call(&oh)?,
        &sm,
    ])?;
    check("binary_ops", &Functional::new([&x, &w, &c], &out).build()?);
    Ok(())
}

/// The idioms' configs (`model.to_json()` of the models above) import as
/// Keras loads them: the ops, dict endpoints and `initial_state` nodes of
/// configs included (every idiom config: tests/loaded.rs).
#[cfg(feature = "keras-json")]
#[test]
fn idiom_configs_import() {
    for name in [
        "unary_ops",
        "binary_ops",
        "multi_io_dict",
        "seq2seq_lstm",
        "seq2seq_gru",
        "rnn_states",
        "text_classifier",
        "nested_calls",
    ] {
        let text = std::fs::read_to_string(
            common::fixture_dir("idioms").join(format!("{name}.config.json")),
        )
        .unwrap();
        clear_session();
        let model =
            kerasinfo::config::model_from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        common::check_loaded("idioms", name, &model);
    }
}

#[test]
fn a_sequential_grown_by_add_takes_a_functional_name_per_add() -> R {
    clear_session();
    let a = Input::new([4]).tensor()?;
    let _first = Functional::new(&a, &Dense::new(2).call(&a)?).build()?;
    let _seq = Sequential::new()
        .add(Input::new([3]))
        .add(Dense::new(2))
        .add(Dense::new(1))
        .build()?;
    let b = Input::new([4]).tensor()?;
    let _second = Functional::new(&b, &Dense::new(2).call(&b)?).build()?;
    let grown = Sequential::empty()
        .add(Input::new([3]))
        .add(Dense::new(2))
        .add(Dense::new(1))
        .build()?;
    let c = Input::new([4]).tensor()?;
    let third = Functional::new(&c, &Dense::new(2).call(&c)?).build()?;
    let fx = load("idioms", "model_names");
    assert_eq!(grown.name(), fx["names"]["grown"]);
    assert_eq!(third.name(), fx["names"]["third"]);
    check("model_names", &third);
    Ok(())
}

#[test]
fn frozen_recurrent_layers_as_keras_freezes_them() -> R {
    clear_session();
    let frames = Input::new([3, 6, 6, 2]).tensor()?;
    let c = ConvLSTM2D::new(4, 3).trainable(false).call(&frames)?;
    let s = Reshape::new([4, 16]).call(&c)?;
    let h = LSTM::new(3).trainable(false).call(&s)?;
    check("frozen_recurrent", &Functional::new(&frames, &h).build()?);
    Ok(())
}

/// `X::default()` is `X::new()`: the layer takes its place in Keras's
/// naming order when it is made, as every Keras constructor does. Layers
/// made in one order and called in the other are named as `new` names
/// them (whose order the fixtures above check against Keras).
#[test]
fn default_made_layers_take_their_names_when_made() -> R {
    fn build(default: bool) -> kerasinfo::Result<Vec<String>> {
        clear_session();
        let a = Input::new([8]).tensor()?;
        let b = Input::new([8]).tensor()?;
        let (first_add, second_add) = if default {
            (Add::default(), Add::default())
        } else {
            (Add::new(), Add::new())
        };
        let (first_id, second_id) = if default {
            (Identity::default(), Identity::default())
        } else {
            (Identity::new(), Identity::new())
        };
        let (first_mul, second_mul) = if default {
            (Multiply::default(), Multiply::default())
        } else {
            (Multiply::new(), Multiply::new())
        };
        let x = second_add.call([&a, &b])?;
        let x = first_add.call([&x, &b])?;
        let x = second_id.call(&x)?;
        let x = first_id.call(&x)?;
        let x = second_mul.call([&x, &a])?;
        let x = first_mul.call([&x, &a])?;
        let names = Functional::new([&a, &b], &x)
            .build()?
            .summary()
            .rows
            .iter()
            .map(|r| r.name.to_string())
            .collect();
        Ok(names)
    }
    assert_eq!(build(true)?, build(false)?);
    Ok(())
}

#[test]
fn sequential_default_is_sequential_new() -> R {
    // `Sequential::default()` is Rust's spelling of `keras.Sequential()`:
    // the same model as `Sequential::new()`, trainable like Keras's.
    let build = |seq: Sequential| {
        clear_session();
        seq.add(Input::new([3]))
            .add(Dense::new(2))
            .add(Dense::new(1))
            .build()
    };
    let (from_new, from_default) = (build(Sequential::new())?, build(Sequential::default())?);
    let (a, b) = (from_new.summary(), from_default.summary());
    assert_eq!(b.trainable_params, a.trainable_params);
    assert_eq!(b.non_trainable_params, a.non_trainable_params);
    assert_eq!(
        from_default.summary().to_string(),
        from_new.summary().to_string()
    );
    Ok(())
}
