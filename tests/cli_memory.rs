//! `kerasinfo --batch-size N` and `--dtype-policy NAME` against Keras
//! fixtures (tests/fixtures/dtype) and the library's own figures.

#![cfg(feature = "cli")]

mod common;

use common::{fixture_dir, kerasinfo};
use kerasinfo::{DTypePolicy, Optimizer};
use serde_json::Value;

fn file(name: &str) -> String {
    fixture_dir("dtype").join(name).display().to_string()
}

fn read(name: &str) -> String {
    std::fs::read_to_string(fixture_dir("dtype").join(name)).unwrap()
}

#[test]
fn dtype_policy_applies_to_layers_whose_config_names_none() {
    // Keras: set_dtype_policy(NAME), then model_from_json of a config whose
    // layers have no `dtype` key.
    for policy in ["float16", "mixed_float16"] {
        let (code, out, err) =
            kerasinfo(&["--dtype-policy", policy, &file("mlp_stripped_config.json")]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(
            out,
            read(&format!("mlp__stripped__{policy}.txt")),
            "{policy}"
        );
    }
    // Layers whose config names a policy keep it.
    let (code, out, _) = kerasinfo(&[
        "--dtype-policy",
        "float64",
        &file("mlp__float16.config.json"),
    ]);
    assert_eq!(code, 0);
    assert_eq!(out, read("mlp__float16__default.txt"));
}

#[test]
fn batch_size_leaves_keras_text_alone_and_appends_the_plan() {
    let (code, plain, _) = kerasinfo(&[&file("recipe.config.json")]);
    assert_eq!(code, 0);
    assert_eq!(plain, read("recipe__default.txt"));
    let (code, out, err) = kerasinfo(&["--batch-size", "8", &file("recipe.config.json")]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with(&plain), "{out}");
    kerasinfo::naming::clear_session();
    let model = kerasinfo::config::model_from_json(&read("recipe.config.json")).unwrap();
    let plan = model.memory(8, None).unwrap();
    assert_eq!(&out[plain.len()..], plan.to_string());
}

#[test]
fn json_memory_matches_keras_and_the_library() {
    let name = "resnet50__mixed_float16";
    let (code, out, err) = kerasinfo(&[
        "--format",
        "json",
        "--optimizer",
        "adam",
        "--batch-size",
        "16",
        "--dtype-policy",
        "mixed_float16",
        &file(&format!("{name}.config.json")),
    ]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let fx: Value = serde_json::from_str(&read(&format!("{name}.json"))).unwrap();
    let p = &fx["policy"];
    let m = &v["memory"];
    assert_eq!(v["dtype_policy"], "mixed_float16");
    assert_eq!(m["batch_size"], 16);
    assert_eq!(m["params_bytes"].as_f64(), p["param_bytes"].as_f64());
    assert_eq!(m["optimizer"], p["adam"]["class_name"]);
    assert_eq!(m["optimizer_bytes"].as_f64(), p["adam"]["bytes"].as_f64());
    // Keras's compile wraps Adam for this model: the summary's optimizer too.
    assert_eq!(v["optimizer"], "LossScaleOptimizer");
    assert_eq!(v["optimizer_params"], p["adam"]["params"]);
    kerasinfo::naming::clear_session();
    let model = kerasinfo::layer::with_dtype_policy(DTypePolicy::MIXED_FLOAT16, || {
        kerasinfo::config::model_from_json(&read(&format!("{name}.config.json")))
    })
    .unwrap();
    let plan = model.memory(16, Some(&Optimizer::adam())).unwrap();
    for (key, value) in [
        ("gradient_bytes", plan.gradient_bytes),
        ("input_bytes", plan.input_bytes),
        ("forward_bytes", plan.forward_bytes),
        ("forward_backward_bytes", plan.forward_backward_bytes),
        ("estimated_total_bytes", plan.estimated_total_bytes()),
        ("total_bytes", plan.total_bytes),
    ] {
        assert_eq!(m[key].as_u64(), Some(value), "{key}");
    }
    // Without --batch-size, no new keys.
    let (_, out, _) = kerasinfo(&["--format", "json", &file("recipe.config.json")]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(v.get("memory").is_none() && v.get("dtype_policy").is_none());
}

#[test]
fn bad_memory_arguments_are_errors() {
    let (code, _, err) = kerasinfo(&[
        "--dtype-policy",
        "mixed_float32",
        &file("recipe.config.json"),
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("unknown dtype policy \"mixed_float32\""),
        "{err}"
    );
    let (code, _, err) = kerasinfo(&[
        "--format",
        "dot",
        "--batch-size",
        "2",
        &file("recipe.config.json"),
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("--batch-size applies to the keras3 and json formats"),
        "{err}"
    );
    let (code, _, err) = kerasinfo(&["--batch-size", "0", &file("recipe.config.json")]);
    assert_eq!(code, 1);
    assert!(err.contains("batch size must be at least 1"), "{err}");
}
