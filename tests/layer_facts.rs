//! Facts each layer declares about itself, against Keras, for every class
//! the importer knows: the layer made from the config Keras serialized
//! right after constructing it (fixture
//! `tests/fixtures/layer_facts/built_at_init.json`, made by
//! `scripts/gen_layer_facts_fixtures.py`).
//!
//! - `Layer::built_at_init` against that layer's `built` then: a
//!   never-called layer of an unbuilt Sequential prints `(unbuilt)`
//!   exactly when Keras had not built it in its constructor;
//! - `Layer::config_class_name`, `config_has_trainable` and
//!   `config_has_dtype` against the class name and keys of Keras's
//!   serialized config.
//!
//! A class Keras 3 does not have (tf.keras 2's `TFOpLambda`), which the
//! script marks `keras2_only`, has no Keras 3 facts: `tests/tfop_import.rs`
//! checks it against tf.keras 2.

#![cfg(feature = "keras-json")]

mod common;

use common::fixture_dir;
use kerasinfo::config::{Registry, model_from_json};
use serde_json::{Value, json};

type R = Result<(), Box<dyn std::error::Error>>;

fn fixture() -> Result<serde_json::Map<String, Value>, Box<dyn std::error::Error>> {
    let path = fixture_dir("layer_facts").join("built_at_init.json");
    match serde_json::from_str(&std::fs::read_to_string(path)?)? {
        Value::Object(o) => Ok(o),
        _ => Err("expected an object".into()),
    }
}

/// Whether the script found the class in tf.keras 2 only.
fn keras2_only(entry: &Value) -> bool {
    entry["keras2_only"] == json!(true)
}

#[test]
fn every_known_class_is_built_at_init_as_in_keras() -> R {
    let facts = fixture()?;
    let registry = Registry::new();
    let mut wrong = Vec::new();
    let mut checked = 0;
    for class in registry.class_names() {
        let entry = facts
            .get(class)
            .ok_or_else(|| format!("{class}: not in the fixture (run the script)"))?;
        if keras2_only(entry) {
            checked += 1;
            continue;
        }
        let built = entry["built"].as_bool().ok_or("built")?;
        let config = json!({"class_name": "Sequential",
            "config": {"name": "s", "layers": [entry["layer"].clone()]}});
        let model = model_from_json(&config.to_string()).map_err(|e| format!("{class}: {e}"))?;
        if class == "InputLayer" {
            // Keras builds an `InputLayer` when it makes it; a Sequential
            // starting with one is built.
            assert!(built && model.is_built(), "InputLayer");
            checked += 1;
            continue;
        }
        let summary = model.summary();
        let row = summary
            .rows
            .first()
            .ok_or_else(|| format!("{class}: no row"))?;
        if row.unbuilt == built {
            wrong.push(format!(
                "{class}: Keras built={built}, kerasinfo unbuilt={}",
                row.unbuilt
            ));
        }
        checked += 1;
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert_eq!(checked, facts.len(), "fixture entries for unknown classes");
    Ok(())
}

/// The class list the fixture script was given is the importer's: a new
/// class needs the fixture made again.
#[test]
fn the_fixture_script_was_given_every_known_class() -> R {
    let path = fixture_dir("layer_facts").join("classes.json");
    let given: Vec<String> = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let registry = Registry::new();
    let known: Vec<&str> = registry.class_names().collect();
    assert_eq!(
        given, known,
        "write Registry::new().class_names() to tests/fixtures/layer_facts/classes.json \
         and run scripts/gen_layer_facts_fixtures.py"
    );
    Ok(())
}

/// The layer a one-layer Sequential config makes (its `InputLayer` for an
/// `InputLayer`).
fn only_layer(
    class: &str,
    layer: &Value,
) -> Result<kerasinfo::LayerHandle, Box<dyn std::error::Error>> {
    let config = json!({"class_name": "Sequential", "config": {"name": "s", "layers": [layer]}});
    let model = model_from_json(&config.to_string()).map_err(|e| format!("{class}: {e}"))?;
    match model.layers().first() {
        Some(l) => Ok(l.clone()),
        None => Ok(model
            .inputs()
            .first()
            .ok_or_else(|| format!("{class}: no layer"))?
            .layer()
            .clone()),
    }
}

#[test]
fn every_known_class_writes_the_config_keys_keras_writes() -> R {
    let facts = fixture()?;
    let registry = Registry::new();
    let mut wrong = Vec::new();
    for class in registry.class_names() {
        let entry = facts
            .get(class)
            .ok_or_else(|| format!("{class}: not in the fixture"))?;
        if keras2_only(entry) {
            continue;
        }
        let keras = &entry["layer"];
        let handle = only_layer(class, keras)?;
        let layer = handle.layer();
        let keys = keras["config"].as_object().ok_or("config")?;
        let checks = [
            (
                "config_class_name",
                keras["class_name"].as_str() == Some(layer.config_class_name()),
            ),
            (
                "config_has_trainable",
                keys.contains_key("trainable") == layer.config_has_trainable(),
            ),
            (
                "config_has_dtype",
                keys.contains_key("dtype") == layer.config_has_dtype(),
            ),
        ];
        for (fact, ok) in checks {
            if !ok {
                wrong.push(format!("{class}: {fact} disagrees with Keras's config"));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    Ok(())
}
