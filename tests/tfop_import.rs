//! tf.keras 2 `TFOpLambda` / `SlicingOpLambda` layers (operations applied
//! straight to tensors) imported from configs tf_keras 2.21.0 wrote
//! (`scripts/gen_tfop_fixtures.py`) and rendered with the tf.keras 2
//! renderer, byte for byte against what tf_keras printed.

#![cfg(feature = "keras-json")]

use std::path::PathBuf;

use kerasinfo::Error;
use kerasinfo::config::model_from_json;
use kerasinfo::naming::clear_session;
use kerasinfo::render::keras2::{self, Keras2Options};

mod common;

fn dir() -> PathBuf {
    common::fixture_dir("tfop")
}

fn check(name: &str) {
    let text = std::fs::read_to_string(dir().join(format!("{name}.config.json"))).unwrap();
    let expected = std::fs::read_to_string(dir().join(format!("{name}__default.txt"))).unwrap();
    clear_session();
    let model = model_from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let got = keras2::render(&model.summary(), &Keras2Options::new()).unwrap();
    assert_eq!(got, expected, "{name}");
}

#[test]
fn add_constant() {
    check("add_const");
}

#[test]
fn multiply_two_tensors_and_reshape() {
    check("mul_two");
}

#[test]
fn reshape_and_concat() {
    check("reshape_concat");
}

#[test]
fn relu_and_reduce_mean() {
    check("reduce_relu");
}

#[test]
fn slicing_op_lambda() {
    check("slicing");
}

#[test]
fn mixed_ops() {
    check("mixed");
}

#[test]
fn transpose_reduce_sum_keepdims_binary_ops_and_ellipsis_newaxis() {
    check("more_ops");
}

#[test]
fn every_fixture_is_tested() {
    let names = common::fixture_names("tfop", ".config.json");
    assert_eq!(
        names,
        [
            "add_const",
            "mixed",
            "more_ops",
            "mul_two",
            "reduce_relu",
            "reshape_concat",
            "slicing"
        ]
    );
}

#[test]
fn unknown_function_is_a_config_error_naming_it() {
    let text = std::fs::read_to_string(dir().join("reduce_relu.config.json")).unwrap();
    let text = text.replace(
        "\"function\": \"nn.relu\"",
        "\"function\": \"nn.no_such_op\"",
    );
    assert!(text.contains("nn.no_such_op"));
    clear_session();
    // Like every layer's config error, it names the layer, its class and
    // the key.
    match model_from_json(&text) {
        Err(e @ Error::LayerConfig { .. }) => {
            let message = e.to_string();
            assert!(message.contains("nn.no_such_op"), "{message}");
            assert!(message.contains("\"tf.nn.relu\" (TFOpLambda)"), "{message}");
            assert!(message.contains("layers[2].config.function"), "{message}");
        }
        other => panic!("expected Error::LayerConfig, got {other:?}"),
    }
}
