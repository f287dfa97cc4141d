//! `kerasinfo diff A B` on the Keras pairs of tests/fixtures/diff (model
//! files and printed summaries): the report, `--format json`, and the exit
//! status (0 same, 1 different, 2 errors or wrong usage).

#![cfg(feature = "cli")]

mod common;

use common::{fixture_dir, kerasinfo, kerasinfo_with_stdin};
use serde_json::Value;

fn path(file: &str) -> String {
    fixture_dir("diff").join(file).display().to_string()
}

#[test]
fn same_models_exit_0() {
    for (a, b) in [
        ("base.keras", "base_again.config.json"),
        ("base.config.json", "base__default.txt"),
        ("base__show_trainable.txt", "base_again__default.txt"),
    ] {
        let (code, out, err) = kerasinfo(&["diff", &path(a), &path(b)]);
        assert_eq!(code, 0, "{a} {b}: {err}");
        assert_eq!(out, "--- \"cnn\"\n+++ \"cnn\"\nno differences\n");
    }
    let (code, _, _) = kerasinfo(&[
        "diff",
        "--ignore-names",
        &path("base.keras"),
        &path("auto_names.config.json"),
    ]);
    assert_eq!(code, 0);
}

#[test]
fn different_models_exit_1_with_the_report() {
    let (code, out, err) = kerasinfo(&["diff", &path("base.keras"), &path("renamed__default.txt")]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        out,
        "--- \"cnn\"\n+++ \"cnn\"\n@@ conv_a (Conv2D)\n-  name: conv_a\n+  name: stem_conv\n1 difference\n"
    );
    // The library's report, byte for byte.
    let (code, out, _) = kerasinfo(&[
        "diff",
        &path("base.config.json"),
        &path("frozen.config.json"),
    ]);
    assert_eq!(code, 1);
    let lib = |f: &str| kerasinfo::testing::Architecture::load(path(f)).unwrap();
    let expected = kerasinfo::summary::diff::diff(
        &lib("base.config.json"),
        &lib("frozen.config.json"),
        &kerasinfo::summary::DiffOptions::new(),
    )
    .to_string();
    assert_eq!(out, expected);
    assert!(out.contains("@@ conv_b (Conv2D)\n"), "{out}");
}

#[test]
fn json_format() {
    let (code, out, _) = kerasinfo(&[
        "diff",
        "--format",
        "json",
        &path("base.config.json"),
        &path("removed_block.config.json"),
    ]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["equal"], false);
    let removed: Vec<&str> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "layer_removed")
        .map(|c| c["left_layer"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(removed, ["conv_b", "bn_b", "add_b", "relu_b"]);
    let (code, out, _) = kerasinfo(&[
        "diff",
        "--format",
        "json",
        &path("base.keras"),
        &path("base.keras"),
    ]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["equal"], true);
    assert_eq!(v["changes"], serde_json::json!([]));
}

#[test]
fn standard_input_is_one_side() {
    let text = std::fs::read(path("input_shape__default.txt")).unwrap();
    let (code, out, _) = kerasinfo_with_stdin(&["diff", &path("base.keras"), "-"], Some(&text));
    assert_eq!(code, 1);
    assert!(out.contains("@@ image (InputLayer)\n"), "{out}");
    let (code, _, err) = kerasinfo(&["diff", "-", "-"]);
    assert_eq!(code, 2);
    assert!(err.contains("only one side"), "{err}");
}

#[test]
fn errors_and_wrong_usage_exit_2() {
    let (code, _, err) = kerasinfo(&["diff", &path("base.keras")]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = kerasinfo(&["diff", &path("base.keras"), &path("missing.keras")]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("kerasinfo diff: ") && err.contains("missing.keras"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    let (code, _, err) = kerasinfo(&["diff", &path("base.keras"), &path("base.json")]);
    assert_eq!(code, 2);
    assert!(err.contains("base.json"), "{err}");
    let (code, _, _) = kerasinfo(&[
        "diff",
        "--format",
        "yaml",
        &path("base.keras"),
        &path("base.keras"),
    ]);
    assert_eq!(code, 2);
    let (code, out, _) = kerasinfo(&["diff", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("kerasinfo diff"), "{out}");
}

#[test]
fn the_summary_command_is_unchanged() {
    let (code, out, _) = kerasinfo(&[&path("base.config.json")]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        std::fs::read_to_string(path("base__default.txt")).unwrap()
    );
    let (code, out, _) = kerasinfo(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("kerasinfo diff A B"), "{out}");
}
