//! The examples' output, checked: the seed example prints exactly what
//! Keras prints for the seed model, then a breakdown taken from the data.

#[path = "../examples/seed.rs"]
mod seed;

mod common;

#[test]
fn seed_example_prints_keras_summary_then_the_breakdown() {
    kerasinfo::naming::clear_session();
    let out = seed::report().unwrap();
    let keras =
        std::fs::read_to_string(common::fixture_dir("core").join("seed__default.txt")).unwrap();
    assert!(out.starts_with(&keras), "{out}");
    let rest = &out[keras.len()..];
    assert_eq!(
        rest,
        "\nWhere the 64 non-trainable parameters come from:\n\
         \x20 bn0 (BatchNormalization): bn0/moving_mean — shape (32), 32 values, not updated by training\n\
         \x20 bn0 (BatchNormalization): bn0/moving_variance — shape (32), 32 values, not updated by training\n\
         \x20 bn0 has 128 parameters: gamma 32 + beta 32 + moving_mean 32 (non-trainable) + moving_variance 32 (non-trainable) = 128; 64 trainable, 64 non-trainable.\n"
    );
}

#[allow(dead_code)]
#[path = "../examples/keras_idioms.rs"]
mod keras_idioms;

/// Each model of the Keras-idioms example is the one of its Keras code
/// (fixtures of scripts/gen_idioms_fixtures.py).
#[test]
fn keras_idioms_example_models_are_keras() -> kerasinfo::Result<()> {
    common::check_model_ops("idioms", "nested_calls", &keras_idioms::nested_calls()?);
    common::check_model_ops(
        "idioms",
        "transformer_block",
        &keras_idioms::transformer_block()?,
    );
    let (model, base_model) = keras_idioms::transfer_learning()?;
    common::check_model_ops("idioms", "transfer_frozen", &model);
    base_model.set_trainable(true);
    common::check_model_ops("idioms", "transfer_unfrozen", &model);
    common::check_model_ops("idioms", "gan", &keras_idioms::gan()?);
    common::check_model_ops("idioms", "seq2seq_lstm", &keras_idioms::seq2seq()?);
    common::check_model_ops(
        "idioms",
        "text_classifier",
        &keras_idioms::text_classifier()?,
    );
    common::check_model_ops(
        "idioms",
        "feature_extractor",
        &keras_idioms::feature_extractor()?,
    );
    common::check_model_ops("idioms", "multi_io_dict", &keras_idioms::dict_io()?);
    Ok(())
}
