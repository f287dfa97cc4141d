//! `kerasinfo FILE_OR_DIR` on every format a Keras model is saved in
//! (tests/fixtures/formats/, `scripts/gen_formats_fixtures.py`), and
//! `--check-weights`.

#![cfg(feature = "cli")]

mod common;

use common::{fixture_dir, kerasinfo_with_stdin};
use serde_json::Value;

fn path(file: &str) -> String {
    fixture_dir("formats").join(file).display().to_string()
}

fn read(file: &str) -> String {
    std::fs::read_to_string(fixture_dir("formats").join(file)).unwrap()
}

fn run(args: &[&str]) -> (i32, String, String) {
    kerasinfo_with_stdin(args, None)
}

#[test]
fn every_format_prints_what_keras_prints_for_the_model_it_loads() {
    let cases = [
        ("k3_seq.keras", "keras3"),
        ("k3_func.keras", "keras3"),
        ("k3_seq.h5", "keras3"),
        ("k3_func.h5", "keras3"),
        ("tk2_seq.h5", "keras3"),
        ("tk2_seq.h5", "keras2"),
        ("tk2_func.h5", "keras2"),
        ("tk2_seq_savedmodel", "keras2"),
        ("tk2_branch_savedmodel", "keras2"),
        ("tk2_seq_tfjs/model.json", "keras2"),
        ("tk2_func_tfjs/model.json", "keras2"),
    ];
    for (file, format) in cases {
        for (variant, extra) in [
            ("default", None),
            ("show_trainable", Some("--show-trainable")),
        ] {
            let mut args = vec!["--format", format];
            args.extend(extra);
            let p = path(file);
            args.push(&p);
            let (code, out, err) = run(&args);
            assert_eq!(code, 0, "{file}: {err}");
            assert_eq!(
                out,
                read(&format!("{file}__{format}__{variant}.txt")),
                "{file} {format} {variant}"
            );
        }
    }
    // A TF.js model's directory stands for its model.json.
    let (code, out, _) = run(&["--format", "keras2", &path("tk2_seq_tfjs")]);
    assert_eq!(code, 0);
    assert_eq!(out, read("tk2_seq_tfjs/model.json__keras2__default.txt"));
}

#[test]
fn stdin_takes_any_format() {
    for (file, format, text) in [
        ("k3_seq.h5", "keras3", "k3_seq.h5__keras3__default.txt"),
        (
            "k3_seq.keras",
            "keras3",
            "k3_seq.keras__keras3__default.txt",
        ),
        (
            "tk2_seq_savedmodel/keras_metadata.pb",
            "keras2",
            "tk2_seq_savedmodel__keras2__default.txt",
        ),
        (
            "tk2_seq_tfjs/model.json",
            "keras2",
            "tk2_seq_tfjs/model.json__keras2__default.txt",
        ),
    ] {
        let bytes = std::fs::read(fixture_dir("formats").join(file)).unwrap();
        let (code, out, err) = kerasinfo_with_stdin(&["--format", format, "-"], Some(&bytes));
        assert_eq!(code, 0, "{file}: {err}");
        assert_eq!(out, read(text), "{file}");
    }
}

#[test]
fn check_weights_passes_on_files_keras_loads() {
    for file in [
        "k3_seq.keras",
        "k3_func.keras",
        "k3_func.h5",
        "tk2_func.h5",
        "tk2_func_tfjs",
    ] {
        let (code, out, err) = run(&["--check-weights", &path(file)]);
        assert_eq!(code, 0, "{file}: {err}");
        assert!(
            out.ends_with("are stored with the shapes the model computes\n"),
            "{out}"
        );
    }
    let (_, out, _) = run(&["--check-weights", &path("k3_func.keras")]);
    assert_eq!(
        out,
        format!(
            "{}: all 27 weights of 6 layers are stored with the shapes the model computes\n",
            path("k3_func.keras")
        )
    );
}

#[test]
fn check_weights_reports_each_mismatch_and_exits_1() {
    let (code, out, err) = run(&["--check-weights", &path("bad_units.h5")]);
    assert_eq!(code, 1, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "{}: the stored weights do not match the model:",
            path("bad_units.h5")
        )
    );
    assert_eq!(lines.len(), 9, "{out}");
    assert_eq!(
        lines[8],
        "7 mismatches between the model and its stored weights"
    );
    let (code, out, _) = run(&["--check-weights", &path("bad_no_beta.keras")]);
    assert_eq!(code, 1);
    assert!(out.contains(
        "layer \"batch_normalization\" (BatchNormalization): the file stores layers/batch_normalization/vars/3 (shape (3,), float32), which the model has no weight for"
    ), "{out}");
    let (code, out, _) = run(&["--check-weights", &path("bad_tfjs")]);
    assert_eq!(code, 1);
    assert!(out.contains("is missing from the file"), "{out}");
    // Without the flag the summary prints and the status is 0.
    let (code, _, _) = run(&[&path("bad_units.h5")]);
    assert_eq!(code, 0);
}

#[test]
fn json_gains_the_stored_shapes_and_dtypes() {
    let (code, out, err) = run(&["--format", "json", &path("tk2_seq.h5")]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let kernel = &v["layers"][0]["weights"][0];
    assert_eq!(kernel["shape"], serde_json::json!([4, 3]));
    assert_eq!(kernel["stored_shape"], serde_json::json!([4, 3]));
    assert_eq!(kernel["stored_dtype"], "float32");
    assert_eq!(kernel["stored_name"], "d1/kernel:0");
    assert_eq!(v["stored_weights"]["layout"], "legacy_h5");
    assert_eq!(v["stored_weights"]["count"], 8);
    assert_eq!(v["stored_weights"]["mismatches"], serde_json::json!([]));

    // With --check-weights, json is the report: exit 1 on a mismatch.
    let (code, out, _) = run(&["--format", "json", "--check-weights", &path("bad_tfjs")]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["stored_weights"]["mismatches"].as_array().unwrap().len(),
        2
    );
    let dense = v["layers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"] == "dense")
        .unwrap();
    assert!(dense["weights"][1]["stored_shape"].is_null());

    // A config holds no weights: no stored_weights key.
    let (_, out, _) = run(&[
        "--format",
        "json",
        &fixture_dir("core")
            .join("seed.config.json")
            .display()
            .to_string(),
    ]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(v.get("stored_weights").is_none());
}

#[test]
fn files_without_weights_or_architecture_are_one_line_errors() {
    let (code, out, err) = run(&["--check-weights", &path("tk2_seq_savedmodel")]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(
        err.starts_with("kerasinfo: ") && err.contains("stores no weights kerasinfo reads"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
    let (code, _, err) = run(&[&path("weights_only_tk2.h5")]);
    assert_eq!(code, 1);
    assert!(err.contains("a weights-only HDF5 file"), "{err}");
    let (code, _, err) = run(&[&path("no_such_file.h5")]);
    assert_eq!(code, 1);
    assert!(err.contains("no such file"), "{err}");
}
