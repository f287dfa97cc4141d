//! Inputs from fuzzing (fuzz/, `cargo fuzz`) and absurd sizes: each must
//! give a model or an error, never a panic or a huge allocation (hangs are
//! the fuzzers' to catch, with their per-input timeout: tests assert no
//! timings).
//! Shapes are symbolic, so a config declaring a 10^12-element input or a
//! layer with 10^12 units costs nothing to import.

#![cfg(feature = "keras-json")]

use kerasinfo::Keras3Options;
use kerasinfo::config::{Registry, keras_archive_config};
use kerasinfo::formats::load_bytes;
use kerasinfo::render::keras2::{self, Keras2Options};

/// What every fuzz target does with its input.
fn exercise(bytes: &[u8]) {
    kerasinfo::naming::clear_session();
    if let Ok(model) = load_bytes(bytes, &Registry::new()).map(|l| l.model) {
        let summary = model.summary();
        let _ = summary.render(&Keras3Options::new());
        let _ = summary.render(
            &Keras3Options::new()
                .expand_nested(true)
                .show_trainable(true),
        );
        let _ = keras2::render(&summary, &Keras2Options::new());
        let _ = kerasinfo::render::json::render(&summary);
        let _ = model.weights();
    }
    let _ = keras_archive_config(bytes);
}

fn sequential(batch_shape: &str, layers: &str) -> String {
    format!(
        r#"{{"class_name": "Sequential", "config": {{"name": "s", "layers": [
        {{"class_name": "InputLayer", "config": {{"batch_shape": {batch_shape}, "name": "input_layer"}}}},
        {layers}]}}}}"#
    )
}

#[test]
fn huge_input_and_units_do_not_allocate() {
    let text = sequential(
        "[null, 1000000000000]",
        r#"{"class_name": "Dense", "config": {"name": "d", "units": 1000000000000}}"#,
    );
    exercise(text.as_bytes());
    // Parameter count overflows u64: an error, not a wrap or a panic.
    let text = sequential(
        "[null, 9223372036854775807]",
        r#"{"class_name": "Dense", "config": {"name": "d", "units": 9223372036854775807}}"#,
    );
    exercise(text.as_bytes());
}

#[test]
fn huge_repeat_reshape_and_padding() {
    for layer in [
        r#"{"class_name": "RepeatVector", "config": {"name": "r", "n": 1000000000000}}"#,
        r#"{"class_name": "Reshape", "config": {"name": "r", "target_shape": [-1, 1000000000000]}}"#,
        r#"{"class_name": "Reshape", "config": {"name": "r", "target_shape": [-1, -1]}}"#,
        r#"{"class_name": "Embedding", "config": {"name": "e", "input_dim": 1000000000000, "output_dim": 1000000000000}}"#,
        r#"{"class_name": "UpSampling1D", "config": {"name": "u", "size": 9223372036854775807}}"#,
        r#"{"class_name": "ZeroPadding1D", "config": {"name": "z", "padding": [9223372036854775807, 9223372036854775807]}}"#,
    ] {
        exercise(sequential("[null, 3, 1000000000000]", layer).as_bytes());
    }
}

#[test]
fn empty_truncated_and_deeply_nested_input() {
    exercise(b"");
    exercise(b"PK");
    exercise(b"PK\x03\x04");
    exercise(&[0xff, 0xfe]);
    exercise("[".repeat(100_000).as_bytes());
    let nested = r#"{"class_name": "Sequential", "config": "#.repeat(2_000);
    exercise(format!("{nested}{}", "}".repeat(2_000)).as_bytes());
}
