//! From Keras code to kerasinfo, line by line: each function builds the
//! model of a Keras tutorial idiom with its Keras lines beside it, and
//! `main` prints each summary (what Keras prints for that code: the tests
//! compare them with Keras's, `tests/idioms.rs`).
//!
//! ```sh
//! cargo run --example keras_idioms
//! ```

use kerasinfo::ops;
use kerasinfo::prelude::*;

/// Names at construction: Python evaluates the callee before its argument,
/// and so does Rust.
pub fn nested_calls() -> kerasinfo::Result<Model> {
    kerasinfo::naming::clear_session();
    // inp = keras.Input((16,))
    let inp = Input::new([16]).tensor()?;
    // out = Dense(1)(Dropout(0.1)(Dense(32)(Dense(64)(inp))))
    let out = Dense::new(1)
        .call(&Dropout::new(0.1).call(&Dense::new(32).call(&Dense::new(64).call(&inp)?)?)?)?;
    // keras.Model(inp, out)  -> "functional"; the outer Dense is "dense"
    Functional::new(&inp, &out).build()
}

/// An unbuilt Sequential called as a block (a transformer's feed-forward).
pub fn transformer_block() -> kerasinfo::Result<Model> {
    kerasinfo::naming::clear_session();
    // inputs = keras.Input(shape=(20,))
    let inputs = Input::new([20]).tensor()?;
    // x = layers.Embedding(input_dim=100, output_dim=8)(inputs)
    let x = Embedding::new(100, 8).call(&inputs)?;
    // attn_output = layers.MultiHeadAttention(num_heads=2, key_dim=8)(x, x)
    let attn_output = MultiHeadAttention::new(2, 8).call([&x, &x])?;
    // attn_output = layers.Dropout(0.1)(attn_output)
    let attn_output = Dropout::new(0.1).call(&attn_output)?;
    // out1 = layers.LayerNormalization(epsilon=1e-6)(x + attn_output)
    let out1 = LayerNormalization::new()
        .epsilon(1e-6)
        .call(&ops::add(&x, &attn_output)?)?;
    // ffn = keras.Sequential([layers.Dense(16, activation="relu"), layers.Dense(8)])
    let ffn = Sequential::new()
        .add(Dense::new(16).activation("relu"))
        .add(Dense::new(8))
        .build()?;
    // ffn_output = layers.Dropout(0.1)(ffn(out1))
    let ffn_output = Dropout::new(0.1).call(&ffn.call(&out1)?)?;
    // x = layers.LayerNormalization(epsilon=1e-6)(out1 + ffn_output)
    let x = LayerNormalization::new()
        .epsilon(1e-6)
        .call(&ops::add(&out1, &ffn_output)?)?;
    // x = layers.GlobalAveragePooling1D()(x)
    let x = GlobalAveragePooling1D::new().call(&x)?;
    // x = layers.Dropout(0.1)(x); x = layers.Dense(20, activation="relu")(x)
    let x = Dense::new(20)
        .activation("relu")
        .call(&Dropout::new(0.1).call(&x)?)?;
    // x = layers.Dropout(0.1)(x); outputs = layers.Dense(2, activation="softmax")(x)
    let outputs = Dense::new(2)
        .activation("softmax")
        .call(&Dropout::new(0.1).call(&x)?)?;
    // keras.Model(inputs=inputs, outputs=outputs)
    Functional::new(&inputs, &outputs).build()
}

/// Transfer learning: a frozen base, then fine-tuning (`trainable` is an
/// attribute every holder of the base sees).
pub fn transfer_learning() -> kerasinfo::Result<(Model, Model)> {
    kerasinfo::naming::clear_session();
    // data_augmentation = keras.Sequential([layers.RandomFlip("horizontal"), layers.RandomRotation(0.1)])
    let data_augmentation = Sequential::new()
        .add(RandomFlip::new().mode(FlipMode::Horizontal))
        .add(RandomRotation::new(0.1))
        .build()?;
    // base_model = (a small CNN, as keras.applications.* would be)
    let base_inputs = Input::new([32, 32, 3]).tensor()?;
    let b = Conv2D::new(8, 3)
        .padding(Padding::Same)
        .use_bias(false)
        .call(&base_inputs)?;
    let b = Activation::new("relu").call(&BatchNormalization::new().call(&b)?)?;
    let b = Conv2D::new(16, 3).strides(2).call(&b)?;
    let b = ReLU::new().call(&BatchNormalization::new().call(&b)?)?;
    let base_model = Functional::new(&base_inputs, &b).name("base").build()?;
    // base_model.trainable = False
    base_model.set_trainable(false);
    // inputs = keras.Input(shape=(32, 32, 3))
    let inputs = Input::new([32, 32, 3]).tensor()?;
    // x = data_augmentation(inputs)
    let x = data_augmentation.call(&inputs)?;
    // x = layers.Rescaling(scale=1 / 127.5, offset=-1)(x)
    let x = Rescaling::new(1.0 / 127.5).offset(-1.0).call(&x)?;
    // x = base_model(x, training=False)
    let x = base_model.call(&x)?;
    // x = layers.GlobalAveragePooling2D()(x); x = layers.Dropout(0.2)(x)
    let x = Dropout::new(0.2).call(&GlobalAveragePooling2D::new().call(&x)?)?;
    // outputs = layers.Dense(1)(x); model = keras.Model(inputs, outputs)
    let outputs = Dense::new(1).call(&x)?;
    let model = Functional::new(&inputs, &outputs).build()?;
    Ok((model, base_model))
}

/// A GAN (Keras's DCGAN example): a Sequential of two models.
pub fn gan() -> kerasinfo::Result<Model> {
    kerasinfo::naming::clear_session();
    // discriminator = keras.Sequential([keras.Input(shape=(28, 28, 1)), ...], name="discriminator")
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
    // generator = keras.Sequential([keras.Input(shape=(16,)), ...], name="generator")
    let generator = Sequential::new()
        .name("generator")
        .add(Input::new([16]))
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
    // gan = keras.Sequential([generator, discriminator])
    Sequential::new().add(generator).add(discriminator).build()
}

/// A seq2seq encoder-decoder: `initial_state` and `return_state`.
pub fn seq2seq() -> kerasinfo::Result<Model> {
    kerasinfo::naming::clear_session();
    // encoder_inputs = keras.Input(shape=(None, 12))
    let encoder_inputs = Input::new([None, Some(12)]).tensor()?;
    // encoder_outputs, state_h, state_c = layers.LSTM(16, return_state=True)(encoder_inputs)
    let encoder = LSTM::new(16)
        .return_state(true)
        .call_multi(&encoder_inputs)?;
    // decoder_inputs = keras.Input(shape=(None, 14))
    let decoder_inputs = Input::new([None, Some(14)]).tensor()?;
    // decoder_outputs, _, _ = layers.LSTM(16, return_sequences=True, return_state=True)(
    //     decoder_inputs, initial_state=[state_h, state_c])
    let decoder = LSTM::new(16)
        .return_sequences(true)
        .return_state(true)
        .call_multi_with_initial_state(&decoder_inputs, &encoder[1..])?;
    // decoder_outputs = layers.Dense(14, activation="softmax")(decoder_outputs)
    let decoder_outputs = Dense::new(14).activation("softmax").call(&decoder[0])?;
    // keras.Model([encoder_inputs, decoder_inputs], decoder_outputs)
    Functional::new([&encoder_inputs, &decoder_inputs], &decoder_outputs).build()
}

/// A text classifier (Keras's "Bidirectional LSTM on IMDB"): masks
/// propagate by themselves.
pub fn text_classifier() -> kerasinfo::Result<Model> {
    kerasinfo::naming::clear_session();
    // inputs = keras.Input(shape=(None,), dtype="int32")
    let inputs = Input::new([None::<u64>])
        .dtype(kerasinfo::DType::Int32)
        .tensor()?;
    // x = layers.Embedding(200, 8, mask_zero=True)(inputs)
    let x = Embedding::new(200, 8).mask_zero(true).call(&inputs)?;
    // x = layers.Bidirectional(layers.LSTM(8, return_sequences=True))(x)
    let x = Bidirectional::new(LSTM::new(8).return_sequences(true)).call(&x)?;
    // x = layers.Bidirectional(layers.LSTM(8))(x)
    let x = Bidirectional::new(LSTM::new(8)).call(&x)?;
    // outputs = layers.Dense(1, activation="sigmoid")(x)
    let outputs = Dense::new(1).activation("sigmoid").call(&x)?;
    Functional::new(&inputs, &outputs).build()
}

/// A feature extractor from a built model's layers (`layer.output`), as
/// Keras's Sequential guide makes it.
pub fn feature_extractor() -> kerasinfo::Result<Model> {
    kerasinfo::naming::clear_session();
    // initial_model = keras.Sequential([
    //     keras.Input(shape=(50, 50, 3)),
    //     layers.Conv2D(8, 5, strides=2, activation="relu"),
    //     layers.Conv2D(8, 3, activation="relu", name="my_intermediate_layer"),
    //     layers.Conv2D(8, 3, activation="relu")])
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
    // keras.Model(inputs=initial_model.inputs,
    //             outputs=[layer.output for layer in initial_model.layers])
    let outputs = initial_model
        .layers()
        .iter()
        .map(LayerHandle::output)
        .collect::<kerasinfo::Result<Vec<_>>>()?;
    Functional::new(initial_model.inputs(), outputs).build()
}

/// Dict inputs and outputs (Keras's functional API guide; Keras orders
/// them by key).
pub fn dict_io() -> kerasinfo::Result<Model> {
    kerasinfo::naming::clear_session();
    // title_input = keras.Input(shape=(None,), name="title")
    let title_input = Input::new([None::<u64>]).name("title").tensor()?;
    // body_input = keras.Input(shape=(None,), name="body")
    let body_input = Input::new([None::<u64>]).name("body").tensor()?;
    // tags_input = keras.Input(shape=(12,), name="tags")
    let tags_input = Input::new([12]).name("tags").tensor()?;
    // title_features = layers.Embedding(100, 8)(title_input); same for body
    let title_features = Embedding::new(100, 8).call(&title_input)?;
    let body_features = Embedding::new(100, 8).call(&body_input)?;
    // title_features = layers.LSTM(16)(title_features); body_features = layers.LSTM(4)(body_features)
    let title_features = LSTM::new(16).call(&title_features)?;
    let body_features = LSTM::new(4).call(&body_features)?;
    // x = layers.concatenate([title_features, body_features, tags_input])
    let x = Concatenate::new().call([&title_features, &body_features, &tags_input])?;
    // priority_pred = layers.Dense(1, name="priority")(x)
    let priority_pred = Dense::new(1).name("priority").call(&x)?;
    // department_pred = layers.Dense(4, name="department")(x)
    let department_pred = Dense::new(4).name("department").call(&x)?;
    // keras.Model(inputs={"title": title_input, "body": body_input, "tags": tags_input},
    //             outputs={"priority": priority_pred, "department": department_pred})
    Functional::new(
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
    .build()
}

fn main() -> kerasinfo::Result<()> {
    print!("{}", nested_calls()?.summary());
    print!("{}", transformer_block()?.summary());
    let (model, base_model) = transfer_learning()?;
    let trainable = Keras3Options::new().show_trainable(true);
    print!("{}", model.summary().render(&trainable)?);
    // base_model.trainable = True  (fine-tuning: every holder sees it)
    base_model.set_trainable(true);
    print!("{}", model.summary().render(&trainable)?);
    print!("{}", gan()?.summary());
    print!("{}", seq2seq()?.summary());
    print!("{}", text_classifier()?.summary());
    print!("{}", feature_extractor()?.summary());
    let m = dict_io()?;
    println!("output_names: {:?}", m.output_names());
    print!("{}", m.summary());
    Ok(())
}
