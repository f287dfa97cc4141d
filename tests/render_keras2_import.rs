//! tf.keras 2 configs (`model.to_json()` of tf_keras 2.21.0, written by
//! `scripts/gen_keras2_fixtures.py`) imported and rendered with the
//! tf.keras 2 renderer, byte for byte against what tf_keras printed.

#![cfg(feature = "keras-json")]

mod common;
mod keras2_fixture;

use kerasinfo::config::model_from_json;
use kerasinfo::naming::clear_session;

/// Each config against what tf_keras reports for the model it loads from
/// it (scripts/gen_loaded_fixtures.py): per-layer figures and every
/// variant byte for byte with the tf.keras 2 renderer (where the reload
/// prints differently from the model built in code, e.g. a nested model's
/// own `trainable` flag, which tf.keras does not save, the reload's text).
#[test]
fn every_keras2_config_imports_and_renders_as_tf_keras() {
    let names = keras2_fixture::names();
    assert!(names.len() >= 31, "{names:?}");
    let mut failures = Vec::new();
    for name in &names {
        let path = keras2_fixture::dir().join(format!("{name}.config.json"));
        let text = std::fs::read_to_string(&path).unwrap();
        clear_session();
        match model_from_json(&text) {
            Ok(model) => {
                let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    common::check_loaded("keras2", name, &model);
                }));
                if r.is_err() {
                    failures.push(format!("{name}: differs from tf.keras (see above)"));
                }
            }
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// `kerasinfo --format keras2` prints what tf.keras printed.
#[cfg(feature = "cli")]
#[test]
fn cli_format_keras2() {
    let bin = env!("CARGO_BIN_EXE_kerasinfo");
    let cases: [(&str, &str, &[&str]); 5] = [
        ("resnet50", "default", &[]),
        ("resnet50", "show_trainable", &["--show-trainable"]),
        ("long_names", "line80", &["--line-length", "80"]),
        (
            "nested_branches",
            "expand_nested_trainable",
            &["--expand-nested", "--show-trainable"],
        ),
        (
            "seq_mlp",
            "line60_trainable",
            &["--show-trainable", "--line-length", "60"],
        ),
    ];
    for (name, variant, args) in cases {
        let config = keras2_fixture::dir().join(format!("{name}.config.json"));
        let out = std::process::Command::new(bin)
            .args(["--format", "keras2"])
            .args(args)
            .arg(&config)
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}: {out:?}");
        let expected =
            std::fs::read_to_string(keras2_fixture::dir().join(format!("{name}__{variant}.txt")))
                .unwrap();
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            expected,
            "{name}/{variant}"
        );
    }
    // Columns too narrow: tf.keras 2 would loop forever; kerasinfo says why.
    let narrow = keras2_fixture::dir().join("narrow.config.json");
    let out = std::process::Command::new(bin)
        .args(["--format", "keras2", "--line-length", "5"])
        .arg(&narrow)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("too narrow"));
}
