//! Dtype policies against Keras 3.15.1 fixtures (scripts/gen_dtype_fixtures.py):
//! models built under each global policy (`keras.config.set_dtype_policy`)
//! and with per-layer `dtype=` policies — every weight's dtype, the byte
//! sizes and the summary text byte for byte, each layer's policy and output
//! dtype, the optimizer state `compile` makes, and the same models imported
//! from the configs Keras wrote.
// The fixtures are read and the configs imported with serde_json.
#![cfg(feature = "keras-json")]

mod common;
mod models;

#[path = "../examples/resnet50.rs"]
#[allow(dead_code)]
mod resnet50_example;

use kerasinfo::layer::with_dtype_policy;
use kerasinfo::prelude::*;
use kerasinfo::{DType, DTypePolicy, Optimizer};
use models::dtype::{
    cnn, mixed_layers, mlp, nested, policy, policy_objects, recipe, special, transformer, wrappers,
};
use serde_json::Value;

const GROUP: &str = "dtype";
const POLICIES: [&str; 6] = [
    "float32",
    "mixed_float16",
    "mixed_bfloat16",
    "bfloat16",
    "float16",
    "float64",
];

type R = kerasinfo::Result<Model>;

fn load(name: &str) -> Value {
    let path = common::fixture_dir(GROUP).join(format!("{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// What Keras's `model.compile(optimizer="adam")` makes: a
/// LossScaleOptimizer around Adam when the model's policy is mixed_float16.
fn compiled_adam(model: &Model) -> Optimizer {
    let model_policy = model.dtype_policy();
    if model_policy == DTypePolicy::MIXED_FLOAT16 {
        Optimizer::loss_scale(Optimizer::adam())
    } else {
        Optimizer::adam()
    }
}

/// The fixture's `policy` object: each layer's policy, dtypes and output
/// dtypes, the model's policy, the parameter bytes and Adam's state.
fn check_policy(name: &str, model: &Model, reloaded: bool) {
    let fx = load(name);
    let p = &fx["policy"];
    let model_policy = model.dtype_policy();
    assert_eq!(
        model_policy.name(),
        p["model_policy"].as_str().unwrap(),
        "{name}: model policy"
    );
    let s = model.summary();
    let layers = p["layers"].as_array().unwrap();
    // A Sequential's rows leave its InputLayer out; Keras's `model.layers` too.
    assert_eq!(s.rows.len(), layers.len(), "{name}: layer count");
    for (handle, l) in model.layers().iter().zip(layers) {
        let ctx = format!("{name}: layer {}", handle.name());
        assert_eq!(handle.name(), l["name"].as_str().unwrap(), "{ctx}");
        let c = handle.layer().config();
        let outs: Vec<&str> = l["output_dtypes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        if reloaded && handle.as_model().is_some() {
            // Keras's `Sequential.from_config` and `Functional(...)` drop
            // `dtype`: a reloaded nested model takes the global policy (its
            // layers keep theirs, checked by the summary).
            continue;
        }
        if handle.layer().is_input() {
            // Keras's Input makes a floatx tensor, whatever the policy
            // (its own policy, which creates nothing, is the global one).
            assert_eq!(c.compute_dtype.name(), outs[0], "{ctx}: input dtype");
            continue;
        }
        assert_eq!(
            c.dtype.name(),
            l["variable_dtype"].as_str().unwrap(),
            "{ctx}: variable dtype"
        );
        assert_eq!(
            c.dtype_policy().name(),
            l["dtype_policy"].as_str().unwrap(),
            "{ctx}: policy"
        );
        assert_eq!(
            c.compute_dtype.name(),
            l["compute_dtype"].as_str().unwrap(),
            "{ctx}: compute dtype"
        );
        for o in outs {
            assert_eq!(c.compute_dtype.name(), o, "{ctx}: output dtype");
        }
    }
    assert_eq!(
        s.total_size.bytes(),
        p["param_bytes"].as_f64().unwrap(),
        "{name}: param bytes"
    );
    let opt = compiled_adam(model);
    let a = &p["adam"];
    assert_eq!(
        opt.class_name(),
        a["class_name"].as_str().unwrap(),
        "{name}: optimizer class"
    );
    let with = model.summary_with_optimizer(&opt);
    // As Keras's compile: the summary wraps a plain Adam itself.
    let plain = model.summary_with_optimizer(&Optimizer::adam());
    assert_eq!(
        plain.optimizer.as_deref(),
        a["class_name"].as_str(),
        "{name}: compiled optimizer"
    );
    assert_eq!(
        plain.optimizer_params,
        a["params"].as_u64().unwrap(),
        "{name}: compiled optimizer params"
    );
    assert_eq!(
        with.optimizer_params,
        a["params"].as_u64().unwrap(),
        "{name}: optimizer params"
    );
    assert_eq!(
        with.optimizer_size.bytes(),
        a["bytes"].as_f64().unwrap(),
        "{name}: optimizer bytes"
    );
}

fn check(name: &str, global: &str, build: fn() -> R) {
    kerasinfo::naming::clear_session();
    let model = with_dtype_policy(policy(global), build).unwrap();
    assert_eq!(
        kerasinfo::layer::dtype_policy(),
        DTypePolicy::FLOAT32,
        "restored"
    );
    common::check_model(GROUP, name, &model);
    check_policy(name, &model, false);
    // The config Keras wrote imports to the same model: every layer's
    // config names its policy, so another global policy changes no layer
    // (only the model's own policy, which Keras takes from the global one).
    let path = common::fixture_dir(GROUP).join(format!("{name}.config.json"));
    let json = std::fs::read_to_string(path).unwrap();
    // Keras's model takes the global policy in force when it is made.
    let model_policy = load(name)["policy"]["model_policy"]
        .as_str()
        .unwrap()
        .to_owned();
    kerasinfo::naming::clear_session();
    let imported = with_dtype_policy(policy(&model_policy), || {
        kerasinfo::config::model_from_json(&json)
    })
    .unwrap();
    // As Keras loads it (weight paths without the Sequential's scope).
    common::check_loaded(GROUP, name, &imported);
    check_policy(name, &imported, true);
    // kerasinfo's own config writer keeps every layer's policy: the
    // written config imports to the same model too.
    let written = kerasinfo::config::model_to_json(&model).unwrap();
    kerasinfo::naming::clear_session();
    let rewritten = with_dtype_policy(policy(&model_policy), || {
        kerasinfo::config::model_from_json(&written)
    })
    .unwrap();
    common::check_model(GROUP, name, &rewritten);
    check_policy(name, &rewritten, true);
    kerasinfo::naming::clear_session();
    let other = with_dtype_policy(policy("float64"), || {
        kerasinfo::config::model_from_json(&json)
    })
    .unwrap();
    common::check_loaded(GROUP, name, &other);
}

#[test]
fn cnn_under_every_policy() {
    for p in POLICIES {
        check(&format!("cnn__{p}"), p, cnn);
    }
}

#[test]
fn sequential_mlp_under_every_policy() {
    for p in POLICIES {
        check(&format!("mlp__{p}"), p, mlp);
    }
}

#[test]
fn transformer_under_every_policy() {
    for p in POLICIES {
        check(&format!("transformer__{p}"), p, transformer);
    }
}

#[test]
fn int64_count_lora_and_gru_under_policies() {
    for p in POLICIES.iter().filter(|p| **p != "bfloat16") {
        check(&format!("special__{p}"), p, special);
    }
}

#[test]
fn per_layer_policies() {
    check("mixed_layers", "float32", mixed_layers);
    check("policy_objects", "float32", policy_objects);
}

#[test]
fn wrappers_take_their_policy_for_outputs_held_layers_for_weights() {
    check("wrappers", "float32", wrappers);
}

#[test]
fn nested_model_keeps_the_policy_it_was_built_under() {
    check("nested", "float16", nested);
}

#[test]
fn mixed_precision_recipe_with_float32_head() {
    check("recipe", "mixed_float16", recipe);
}

#[test]
fn resnet50_mixed_float16() {
    check(
        "resnet50__mixed_float16",
        "mixed_float16",
        resnet50_example::resnet50,
    );
}

#[test]
fn clear_session_resets_the_global_policy() {
    kerasinfo::layer::set_dtype_policy(DTypePolicy::MIXED_FLOAT16);
    assert_eq!(Dense::new(2).config().compute_dtype, DType::Float16);
    kerasinfo::naming::clear_session();
    assert_eq!(Dense::new(2).config().compute_dtype, DType::Float32);
}

#[test]
fn policy_names_keras_rejects() {
    for bad in ["mixed_float32", "int8_from_float32", "complex64", ""] {
        assert_eq!(DTypePolicy::from_name(bad), None, "{bad}");
    }
}

#[test]
fn quantized_policy_in_a_config_is_an_error() {
    let fx =
        std::fs::read_to_string(common::fixture_dir(GROUP).join("recipe.config.json")).unwrap();
    let bad = fx.replacen(
        r#""class_name": "DTypePolicy", "config": {"name": "mixed_float16"}"#,
        r#""class_name": "QuantizedDTypePolicy", "config": {"mode": "int8", "source_name": "mixed_float16"}"#,
        1,
    );
    assert_ne!(bad, fx);
    let err = kerasinfo::config::model_from_json(&bad)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("QuantizedDTypePolicy is not supported"),
        "{err}"
    );
}
