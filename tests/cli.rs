//! The `kerasinfo` command against Keras-generated fixtures.

#![cfg(feature = "cli")]

mod common;

use common::fixture_dir;
use common::kerasinfo_with_stdin as kerasinfo;
use serde_json::Value;

fn path(group: &str, file: &str) -> String {
    fixture_dir(group).join(file).display().to_string()
}

fn read(group: &str, file: &str) -> String {
    std::fs::read_to_string(fixture_dir(group).join(file)).unwrap()
}

#[test]
fn keras3_text_is_keras_byte_for_byte() {
    for name in ["seed", "residual", "nested", "resnet50"] {
        let (code, out, err) = kerasinfo(&[&path("core", &format!("{name}.config.json"))], None);
        assert_eq!(code, 0, "{err}");
        assert_eq!(out, read("core", &format!("{name}__default.txt")), "{name}");
    }
    let (code, out, _) = kerasinfo(
        &["--show-trainable", &path("core", "nested.config.json")],
        None,
    );
    assert_eq!(code, 0);
    assert_eq!(out, read("core", "nested__show_trainable.txt"));
    let (code, out, _) = kerasinfo(
        &[
            "--line-length",
            "150",
            &path("core", "residual.config.json"),
        ],
        None,
    );
    assert_eq!(code, 0);
    assert_eq!(out, read("core", "residual__line150.txt"));
}

#[test]
fn stdin_is_read_with_a_dash() {
    let config = read("core", "seed.config.json");
    let (code, out, _) = kerasinfo(&["-"], Some(config.as_bytes()));
    assert_eq!(code, 0);
    assert_eq!(out, read("core", "seed__default.txt"));
}

#[test]
fn json_output_follows_the_schema_and_keras_figures() {
    let (code, out, err) = kerasinfo(
        &["--format", "json", &path("core", "resnet50.config.json")],
        None,
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let fx: Value = serde_json::from_str(&read("core", "resnet50.json")).unwrap();
    assert_eq!(v["name"], "resnet50");
    for key in ["total_params", "trainable_params", "non_trainable_params"] {
        assert_eq!(v[key], fx[key], "{key}");
    }
    let layers = v["layers"].as_array().unwrap();
    let fx_layers = fx["layers"].as_array().unwrap();
    assert_eq!(layers.len(), fx_layers.len());
    let conv = layers.iter().find(|l| l["name"] == "conv1_conv").unwrap();
    assert_eq!(conv["class_name"], "Conv2D");
    assert_eq!(
        conv["output_shape"],
        serde_json::json!([null, 112, 112, 64])
    );
    assert_eq!(conv["params"], 9472);
    assert_eq!(conv["weights"][0]["path"], "conv1_conv/kernel");
    assert_eq!(
        conv["weights"][0]["shape"],
        serde_json::json!([7, 7, 3, 64])
    );
    assert_eq!(conv["weights"][0]["trainable"], true);
    // A Sequential's InputLayer is left out, as in Keras's model.layers.
    let (_, out, _) = kerasinfo(
        &["--format", "json", &path("core", "seq_mlp.config.json")],
        None,
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["layers"][0]["class_name"], "Dense");
}

#[test]
fn bad_input_is_one_line_on_stderr_with_status_1() {
    let dir = std::env::temp_dir().join(format!("kerasinfo-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let empty = dir.join("empty.json");
    std::fs::write(&empty, "").unwrap();
    let truncated = dir.join("truncated.json");
    let seed = read("core", "seed.config.json");
    std::fs::write(&truncated, &seed[..seed.len() / 2]).unwrap();
    let not_model = dir.join("list.json");
    std::fs::write(&not_model, "[1, 2, 3]").unwrap();
    let cases = [
        (empty.display().to_string(), "empty input"),
        (truncated.display().to_string(), "not valid JSON"),
        (not_model.display().to_string(), "expected a model object"),
        (
            dir.join("missing.json").display().to_string(),
            "cannot read",
        ),
    ];
    for (file, expected) in cases {
        let (code, out, err) = kerasinfo(&[&file], None);
        assert_eq!(code, 1, "{file}: {err}");
        assert!(out.is_empty());
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(expected), "{file}: {err}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn wrong_usage_is_status_2() {
    let (code, _, err) = kerasinfo(&["--format", "nope", "x.json"], None);
    assert_eq!(code, 2, "{err}");
    let (code, _, _) = kerasinfo(&[], None);
    assert_eq!(code, 2);
}

#[test]
fn expand_nested_and_layer_range() {
    let (code, out, err) = kerasinfo(
        &[
            "--expand-nested",
            "--show-trainable",
            &path("core", "nested.config.json"),
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, read("core", "nested__expand_trainable.txt"));
    let (code, out, err) = kerasinfo(
        &[
            "--layer-range",
            "conv3_.*_bn",
            "conv3_block2",
            &path("core", "resnet50.config.json"),
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, read("core", "resnet50__range_patterns.txt"));
    let (code, _, err) = kerasinfo(
        &[
            "--layer-range",
            "nothing",
            "here",
            &path("core", "resnet50.config.json"),
        ],
        None,
    );
    assert_eq!(code, 1);
    assert!(err.contains("do not match"), "{err}");
}
