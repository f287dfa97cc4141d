//! Keras 3 configs (`model.to_json()`, written by the fixture scripts)
//! imported and checked against the same Keras-generated fixtures as the
//! builder: per-layer shapes, weights, counts, and the summary text.

#![cfg(feature = "keras-json")]

mod common;

use common::{check_model, fixture_dir};
use kerasinfo::config::{Registry, model_from_bytes, model_from_json};
use kerasinfo::naming::clear_session;

fn import(group: &str, name: &str) -> kerasinfo::Model {
    let path = fixture_dir(group).join(format!("{name}.config.json"));
    let text = std::fs::read_to_string(&path).unwrap();
    clear_session();
    model_from_json(&text).unwrap_or_else(|e| panic!("{group}/{name}: {e}"))
}

fn configs(group: &str) -> Vec<String> {
    let dir = fixture_dir(group);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let n = e.unwrap().file_name().into_string().unwrap();
            n.strip_suffix(".config.json").map(str::to_owned)
        })
        .collect();
    names.sort();
    names
}

/// Every fixture group whose models have their Keras 3 config committed.
fn groups() -> Vec<String> {
    let root = fixture_dir("");
    let mut groups: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| {
            let e = e.unwrap();
            e.file_type()
                .unwrap()
                .is_dir()
                .then(|| e.file_name().into_string().unwrap())
        })
        .filter(|g| !configs(g).is_empty())
        // tf.keras 2 fixtures: checked by tests/render_keras2_import.rs.
        .filter(|g| g != "keras2")
        .collect();
    groups.sort();
    groups
}

#[test]
fn every_core_fixture_imports_and_matches_keras() {
    let names = configs("core");
    assert!(names.len() >= 25, "{names:?}");
    for name in &names {
        let model = import("core", name);
        check_model("core", name, &model);
    }
}

#[test]
fn every_fixture_with_a_config_imports_and_matches_keras() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for group in groups() {
        for name in configs(&group) {
            let path = fixture_dir(&group).join(format!("{name}.config.json"));
            let text = std::fs::read_to_string(&path).unwrap();
            clear_session();
            match model_from_json(&text) {
                Ok(model) => {
                    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        check_model(&group, &name, &model)
                    }));
                    if r.is_err() {
                        failures.push(format!("{group}/{name}: differs from Keras (see above)"));
                    }
                }
                Err(e) => failures.push(format!("{group}/{name}: {e}")),
            }
            checked += 1;
        }
    }
    assert!(checked >= 25);
    assert!(
        failures.is_empty(),
        "{} of {checked} configs failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn bad_configs_are_clear_errors() {
    let cases: &[(&[u8], &str)] = &[
        (b"", "empty input"),
        (b"{", "not valid JSON"),
        (b"[1, 2]", "expected a model object"),
        (br#"{"class_name": "Dense", "config": {}}"#, "expected a Functional or Sequential"),
        (
            br#"{"class_name": "Sequential", "config": {"layers": [
                {"class_name": "InputLayer", "config": {"batch_shape": [null, 4]}},
                {"class_name": "NoSuchLayer", "config": {"name": "x"}}]}}"#,
            "unknown layer class \"NoSuchLayer\"",
        ),
        (
            br#"{"class_name": "Sequential", "config": {"layers": [
                {"class_name": "InputLayer", "config": {"batch_shape": [null, 4]}},
                {"class_name": "Dense", "config": {"name": "d", "units": "many"}}]}}"#,
            "config.layers[1].config.units: expected an integer",
        ),
        (
            br#"{"class_name": "Sequential", "config": {"layers": [
                {"class_name": "InputLayer", "config": {"batch_shape": [null, -4]}}]}}"#,
            "batch_shape",
        ),
        (
            br#"{"class_name": "Functional", "config": {"name": "f", "layers": [
                {"class_name": "InputLayer", "name": "i", "config": {"batch_shape": [null, 4], "name": "i"}, "inbound_nodes": []},
                {"class_name": "Dense", "name": "d", "config": {"name": "d", "units": 2},
                 "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["ghost", 0, 0]}}], "kwargs": {}}]}],
                "input_layers": [["i", 0, 0]], "output_layers": [["d", 0, 0]]}}"#,
            "unknown layer \"ghost\"",
        ),
        (
            br#"{"class_name": "Functional", "config": {"name": "f", "layers": [
                {"class_name": "InputLayer", "name": "i", "config": {"batch_shape": [null, 4], "name": "i"}, "inbound_nodes": []},
                {"class_name": "Dense", "name": "d", "config": {"name": "d", "units": 2},
                 "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["d", 0, 0]}}], "kwargs": {}}]}],
                "input_layers": [["i", 0, 0]], "output_layers": [["d", 0, 0]]}}"#,
            "loops or disconnected",
        ),
        (b"PK\x03\x04garbage", ".keras archive"),
    ];
    for (input, expected) in cases {
        clear_session();
        let err = model_from_bytes(input, &Registry::new())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(expected),
            "{:?}: {err}",
            String::from_utf8_lossy(input)
        );
    }
}

#[test]
fn custom_layers_import_through_the_registry() {
    let json = r#"{"class_name": "Sequential", "config": {"name": "s", "layers": [
        {"class_name": "InputLayer", "config": {"batch_shape": [null, 4], "name": "input_layer"}},
        {"module": null, "class_name": "MyDense", "registered_name": "pkg>MyDense",
         "config": {"name": "mine", "units": 3}}]}}"#;
    clear_session();
    let err = model_from_json(json).unwrap_err().to_string();
    assert!(err.contains("MyDense"), "{err}");
    let mut registry = Registry::new();
    registry.register("pkg>MyDense", |cfg| {
        use kerasinfo::prelude::*;
        Ok(Box::new(Dense::new(cfg.int("units")?)) as Box<dyn Layer>)
    });
    clear_session();
    let model = kerasinfo::config::model_from_json_with(json, &registry).unwrap();
    assert_eq!(model.summary().total_params, 15);
    assert_eq!(model.weights()[0].path, "s/mine/kernel");
}
