//! `kerasinfo::testing`: a Rust twin against the model Keras saved
//! (tests/fixtures/diff/base.keras, its config and its printed summary,
//! from scripts/gen_diff_fixtures.py), as a project's `cargo test` would
//! write it.

#![cfg(feature = "keras-json")]

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};

use kerasinfo::assert_same_architecture;
use kerasinfo::naming::clear_session;
use kerasinfo::prelude::*;
use kerasinfo::summary::DiffOptions;
use kerasinfo::testing::{Architecture, compare};

fn fixture(file: &str) -> String {
    common::fixture_dir("diff").join(file).display().to_string()
}

/// The base CNN of scripts/gen_diff_fixtures.py, written with the builder.
fn twin() -> kerasinfo::Result<Model> {
    let inputs = Input::new([32, 32, 3]).name("image").tensor()?;
    let x = Conv2D::new(16, 3)
        .padding(Padding::Same)
        .name("conv_a")
        .call(&inputs)?;
    let x = BatchNormalization::new().name("bn_a").call(&x)?;
    let x = Activation::new("relu").name("relu_a").call(&x)?;
    let y = Conv2D::new(16, 3)
        .padding(Padding::Same)
        .name("conv_b")
        .call(&x)?;
    let y = BatchNormalization::new().name("bn_b").call(&y)?;
    let x = Add::new().name("add_b").call([&x, &y])?;
    let x = Activation::new("relu").name("relu_b").call(&x)?;
    let x = Conv2D::new(32, 3)
        .strides(2)
        .padding(Padding::Same)
        .name("conv_c")
        .call(&x)?;
    let x = BatchNormalization::new().name("bn_c").call(&x)?;
    let x = Activation::new("relu").name("relu_c").call(&x)?;
    let x = GlobalAveragePooling2D::new().name("gap").call(&x)?;
    let x = Dense::new(64).activation("relu").name("fc").call(&x)?;
    let outputs = Dense::new(10).name("head").call(&x)?;
    Functional::new(&inputs, &outputs).name("cnn").build()
}

fn panic_message(f: impl FnOnce()) -> String {
    let e = catch_unwind(AssertUnwindSafe(f)).expect_err("the assertion should fail");
    e.downcast_ref::<String>().cloned().unwrap_or_default()
}

#[test]
fn the_twin_matches_keras() {
    clear_session();
    common::check_model("diff", "base", &twin().unwrap());
}

#[test]
fn rust_twin_equals_the_saved_model() {
    clear_session();
    let model = twin().unwrap();
    assert_same_architecture!(&model, fixture("base.keras"));
    assert_same_architecture!(&model, fixture("base.config.json"));
    assert_same_architecture!(&model, fixture("base__default.txt"));
    assert_same_architecture!(&model, fixture("base__show_trainable.txt"));
    assert_same_architecture!(fixture("base.keras"), fixture("base_again__default.txt"));
    // Automatic names differ between sessions: ignore them.
    assert_same_architecture!(
        model.summary(),
        std::path::Path::new(&fixture("auto_names.config.json")),
        &DiffOptions::new().ignore_names(true),
    );
}

#[test]
fn a_different_model_fails_with_the_report() {
    clear_session();
    let model = twin().unwrap();
    let msg = panic_message(|| assert_same_architecture!(&model, fixture("frozen.config.json")));
    assert!(
        msg.starts_with(
            "assertion failed: `&model` has the architecture of `fixture(\"frozen.config.json\")`\n"
        ),
        "{msg}"
    );
    assert!(msg.contains("@@ conv_b (Conv2D)\n"), "{msg}");
    assert!(msg.contains("trainable: Y"), "{msg}");
    // The same through the printed text, which shows the Trainable column.
    let d = compare(
        &model,
        fixture("frozen__show_trainable.txt"),
        &DiffOptions::new(),
    )
    .unwrap();
    let layers: Vec<&str> = d.changes().iter().map(|c| c.layer_name()).collect();
    assert!(layers.contains(&"conv_b"), "{d}");
    // Automatic names, not ignored: every layer renamed.
    let msg =
        panic_message(|| assert_same_architecture!(&model, fixture("auto_names.config.json")));
    assert!(msg.contains("-  name: conv_a\n+  name: conv2d\n"), "{msg}");
}

/// Every saved format the `kerasinfo` command reads is a side too (issue
/// 14's files, summaries against Keras's loads in tests/formats.rs).
#[cfg(all(feature = "hdf5", feature = "saved-model"))]
#[test]
fn saved_files_of_every_format_are_sides() {
    let dir = common::fixture_dir("formats");
    for file in [
        "k3_func.keras",
        "k3_func.h5",
        "tk2_func.h5",
        "tk2_seq_savedmodel",
        "tk2_func_tfjs",
    ] {
        let path = dir.join(file);
        clear_session();
        let want = kerasinfo::formats::load(&path, &kerasinfo::config::Registry::new())
            .unwrap()
            .model
            .summary();
        let got = Architecture::load(&path).unwrap();
        assert_eq!(got.summary(), &want, "{file}");
        assert!(got.summary().total_params > 0, "{file}");
    }
    let a = Architecture::load(dir.join("k3_func.keras")).unwrap();
    let b = Architecture::load(dir.join("k3_func.h5")).unwrap();
    let d = compare(&a, &b, &DiffOptions::new()).unwrap();
    assert!(d.is_empty(), "{d}");
}

#[test]
fn unreadable_sides_fail_naming_the_file() {
    clear_session();
    let model = twin().unwrap();
    let missing = fixture("missing.keras");
    let msg = panic_message(|| assert_same_architecture!(&model, missing.as_str()));
    assert!(
        msg.contains("missing.keras") && msg.contains("cannot read"),
        "{msg}"
    );
    let dir = std::env::temp_dir().join(format!("kerasinfo-testing-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let binary = dir.join("weights.bin");
    std::fs::write(&binary, [0u8, 159, 146, 150, 255]).unwrap();
    let e = Architecture::load(&binary).unwrap_err().to_string();
    assert!(
        e.contains("weights.bin") && e.contains("not a Keras model file"),
        "{e}"
    );
    let text = dir.join("notes.txt");
    std::fs::write(&text, "just some notes\n").unwrap();
    let e = Architecture::load(&text).unwrap_err().to_string();
    assert!(
        e.contains("notes.txt") && e.contains("no summary table found"),
        "{e}"
    );
    std::fs::write(&text, "Model: \"m\"\n┏━━━━━━━━┳━━━━━━━━┓\n┃ Layer  ┃ Output ┃\n┡━━━━━━━━╇━━━━━━━━┩\n│ d (De… │ (None, │\n").unwrap();
    let e = Architecture::load(&text).unwrap_err().to_string();
    assert!(e.contains("line 6") && e.contains("cut short"), "{e}");
    let h5 = dir.join("model.h5");
    std::fs::write(&h5, b"\x89HDF\r\n\x1a\n").unwrap();
    let e = Architecture::load(&h5).unwrap_err().to_string();
    assert!(e.contains("HDF5"), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn queries_for_one_line_assertions() {
    clear_session();
    let s = twin().unwrap().summary();
    let keras = Architecture::load(fixture("base.keras")).unwrap();
    let k = keras.summary();
    assert_eq!(s.params_by_class(), k.params_by_class());
    let by_class = k.params_by_class();
    let fx: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("base.json")).unwrap()).unwrap();
    let keras_bn: u64 = fx["layers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["class_name"] == "BatchNormalization")
        .map(|l| l["params"].as_u64().unwrap())
        .sum();
    assert_eq!(by_class["BatchNormalization"], keras_bn);
    // The figures of README's example, against Keras's.
    assert_eq!(s.total_params, fx["total_params"].as_u64().unwrap());
    assert_eq!(
        s.non_trainable_params,
        fx["non_trainable_params"].as_u64().unwrap()
    );
    let bn_c = fx["layers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"] == "bn_c")
        .unwrap();
    let keras_bn_c_frozen: u64 = bn_c["weights"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["trainable"] == false)
        .map(|w| w["shape"][0].as_u64().unwrap())
        .sum();
    assert_eq!(
        s.row("bn_c").map(|r| r.non_trainable_params),
        Some(keras_bn_c_frozen)
    );
    assert_eq!(s.rows_of_class("Conv2D").count(), 3);
    assert_eq!(s.nesting_depth(), 0);
    assert_eq!(s.walk().count(), s.rows.len());
}
