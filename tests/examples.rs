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
