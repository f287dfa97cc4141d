//! Every argument a layer reads from a Keras-written config, it writes
//! back as Keras wrote it: each Keras 3 config fixture (`*.config.json`,
//! written by Keras's `model.to_json()`) is imported, written with
//! `model_to_value`, and each layer's written arguments are compared with
//! the ones Keras wrote. This checks the config reader and writer of each
//! layer against each other and against Keras, argument by argument (a
//! reader that drops `seed` or `noise_shape` fails here even though the
//! summary does not change).

#![cfg(feature = "keras-json")]

mod common;

use kerasinfo::config::{model_from_json, model_to_value};
use serde_json::Value;

/// The groups whose configs Keras 3 wrote with `model.to_json()`.
const GROUPS: [&str; 17] = [
    "attention_core",
    "conv",
    "core",
    "diff",
    "dtype",
    "expand_depth",
    "idioms",
    "input_shape",
    "mask",
    "norm_act_reg",
    "ops",
    "optimizer",
    "preprocessing",
    "random",
    "recurrent",
    "reshape_merge",
    "unbuilt",
];

/// Keys the writer fills from the layer's common state, not its arguments.
const COMMON: [&str; 4] = ["name", "trainable", "dtype", "batch_input_shape"];

/// `(name, config)` of every layer of a model config, nested models'
/// layers included.
fn layer_configs(model: &Value, out: &mut Vec<(String, String, Value)>) {
    let Some(layers) = model["config"]["layers"].as_array() else {
        return;
    };
    for l in layers {
        if l["config"]["layers"].is_array() {
            layer_configs(l, out);
            continue;
        }
        let name = l["config"]["name"].as_str().unwrap_or_default().to_owned();
        let class = l["class_name"].as_str().unwrap_or_default().to_owned();
        out.push((name, class, l["config"].clone()));
    }
}

/// Where kerasinfo writes an argument otherwise than Keras wrote it:
/// `(class, key path, why)`. Each is a known difference of form, or of a
/// figure kerasinfo does not model, that the summary does not see; any
/// other difference fails.
const KNOWN: [(&str, &str, &str); 10] = [
    (
        "Softmax",
        "axis",
        "Keras keeps `axis` as given, an int or a list of one",
    ),
    (
        "UnitNormalization",
        "axis",
        "Keras keeps `axis` as given, an int or a list of one",
    ),
    (
        "LayerNormalization",
        "axis",
        "Keras keeps `axis` as given, an int or a list of one",
    ),
    (
        "BatchNormalization",
        "renorm_clipping",
        "an empty dict and None both mean no clipping",
    ),
    (
        "Hashing",
        "salt",
        "Keras writes an int salt as the pair it means, [salt, salt]",
    ),
    (
        "StringLookup",
        "salt",
        "Keras writes an int salt as the pair it means, [salt, salt]",
    ),
    (
        "IntegerLookup",
        "salt",
        "Keras writes an int salt as the pair it means, [salt, salt]",
    ),
    (
        "Discretization",
        "bin_boundaries",
        "kerasinfo keeps the boundaries as float32",
    ),
    (
        "Discretization",
        "num_bins",
        "Keras keeps num_bins beside the bin_boundaries that override it",
    ),
    (
        "Bidirectional",
        "*.config.zero_output_for_mask",
        "Keras's Bidirectional sets zero_output_for_mask on the layers it wraps",
    ),
];

/// Whether `path` (dotted keys below a layer's config) of a `class` layer
/// is a [`KNOWN`] difference; `*` stands for the first key.
fn known(class: &str, path: &str) -> bool {
    KNOWN.iter().any(|(c, p, _)| {
        *c == class
            && (*p == path
                || p.strip_prefix("*").is_some_and(|rest| {
                    path.split_once('.')
                        .is_some_and(|(_, tail)| format!(".{tail}") == rest)
                }))
    })
}

/// Whether what kerasinfo wrote (`ours`) says what Keras wrote: numbers
/// equal in value (Keras writes some floats kerasinfo keeps as integers),
/// and in objects (a wrapped layer's config) every key kerasinfo writes
/// equal to Keras's, Keras's other keys (constraints, `build_config`)
/// being ones kerasinfo does not model. `path` is where `ours` is.
fn same(class: &str, path: &str, ours: &Value, keras: &Value) -> bool {
    if known(class, path) {
        return true;
    }
    match (ours, keras) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(class, path, p, q))
        }
        (Value::Object(x), Value::Object(y)) => x.iter().all(|(k, v)| {
            y.get(k)
                .is_some_and(|w| same(class, &format!("{path}.{k}"), v, w))
        }),
        _ => ours == keras,
    }
}

#[test]
fn every_argument_read_is_written_back_as_keras_wrote_it() {
    let mut compared = 0usize;
    let mut differences = Vec::new();
    for group in GROUPS {
        for name in common::fixture_names(group, ".config.json") {
            let path = common::fixture_dir(group).join(format!("{name}.config.json"));
            let text = std::fs::read_to_string(&path).unwrap();
            kerasinfo::naming::clear_session();
            let Ok(model) = model_from_json(&text) else {
                continue; // error fixtures are checked elsewhere
            };
            let Ok(written) = model_to_value(&model) else {
                continue; // models the writer refuses are checked elsewhere
            };
            let keras: Value = serde_json::from_str(&text).unwrap();
            let (mut ours, mut theirs) = (Vec::new(), Vec::new());
            layer_configs(&written, &mut ours);
            layer_configs(&keras, &mut theirs);
            for (layer, class, config) in &ours {
                let Some((_, _, original)) = theirs.iter().find(|(n, _, _)| n == layer) else {
                    continue;
                };
                let Some(args) = config.as_object() else {
                    continue;
                };
                for (key, value) in args {
                    if COMMON.contains(&key.as_str()) {
                        continue;
                    }
                    if let Some(kv) = original.get(key) {
                        compared += 1;
                        if !same(class, key, value, kv) {
                            differences.push(format!(
                                "{group}/{name}: layer {layer:?}, {key}: wrote {value}, Keras wrote {kv}"
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(compared > 100, "only {compared} arguments compared");
    assert!(
        differences.is_empty(),
        "{} of {compared} arguments differ:\n{}",
        differences.len(),
        differences.join("\n")
    );
}
