//! `kerasinfo --optimizer NAME` against the Keras fixtures of
//! tests/fixtures/optimizer (model compiled with the optimizer, built).

#![cfg(feature = "cli")]

mod common;

use common::{fixture_dir, kerasinfo};
use serde_json::Value;

fn file(name: &str) -> String {
    fixture_dir("optimizer").join(name).display().to_string()
}

#[test]
fn keras3_text_matches_keras() {
    for (fixture, id) in [
        ("sgd", "sgd"),
        ("adam", "adam"),
        ("adamw", "adamw"),
        ("nadam", "nadam"),
        ("rmsprop", "rmsprop"),
        ("adagrad", "adagrad"),
        ("adadelta", "adadelta"),
        ("adamax", "adamax"),
        ("lion", "lion"),
        ("ftrl", "ftrl"),
        ("adafactor", "adafactor"),
        ("lamb", "lamb"),
        ("muon", "muon"),
        ("adam_small", "adam"),
    ] {
        let config = file(&format!("{fixture}.config.json"));
        let (code, out, err) = kerasinfo(&[&config, "--optimizer", id]);
        assert_eq!(code, 0, "{fixture}: {err}");
        let expected = std::fs::read_to_string(file(&format!("{fixture}__default.txt"))).unwrap();
        assert_eq!(out, expected, "{fixture}");
        let (code, out, _) = kerasinfo(&[&config, "--optimizer", id, "--show-trainable"]);
        assert_eq!(code, 0);
        let expected = std::fs::read_to_string(file(&format!("{fixture}__trainable.txt"))).unwrap();
        assert_eq!(out, expected, "{fixture} --show-trainable");
    }
}

#[test]
fn json_has_optimizer_figures() {
    let fx: Value =
        serde_json::from_str(&std::fs::read_to_string(file("adam.json")).unwrap()).unwrap();
    let opt = &fx["optimizer"];
    let (code, out, err) = kerasinfo(&[
        &file("adam.config.json"),
        "--optimizer",
        "adam",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["optimizer"], "Adam");
    assert_eq!(v["optimizer_params"], opt["params"]);
    assert_eq!(v["optimizer_bytes"].as_f64(), opt["bytes"].as_f64());
    assert_eq!(
        v["total_params"].as_u64().unwrap(),
        fx["total_params"].as_u64().unwrap() + opt["params"].as_u64().unwrap()
    );
    // Without --optimizer: no optimizer keys, Keras's plain totals.
    let (_, out, _) = kerasinfo(&[&file("adam.config.json"), "--format", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(v.get("optimizer").is_none());
    assert_eq!(v["total_params"], fx["total_params"]);
}

#[test]
fn bad_optimizer_and_keras2_are_refused() {
    let config = file("adam.config.json");
    let (code, _, err) = kerasinfo(&[&config, "--optimizer", "nope"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = kerasinfo(&[&config, "--optimizer", "adam", "--format", "keras2"]);
    assert_eq!(code, 1);
    assert!(err.contains("--optimizer"), "{err}");
}
