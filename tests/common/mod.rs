//! Test support: compare a kerasinfo model with a fixture Keras produced
//! (see `scripts/kfix.py`).

#![allow(dead_code)]

use std::path::PathBuf;

use kerasinfo::{Model, Summary, SummaryOptions};
use serde_json::Value;

/// The fixture directory of a group.
pub fn fixture_dir(group: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(group)
}

fn load(group: &str, name: &str) -> Value {
    let path = fixture_dir(group).join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("bad JSON {}: {e}", path.display()))
}

fn options(kwargs: &Value) -> SummaryOptions {
    let mut o = SummaryOptions::new();
    if let Some(n) = kwargs.get("line_length").and_then(Value::as_u64) {
        o = o.line_length(usize::try_from(n).unwrap());
    }
    if let Some(p) = kwargs.get("positions").and_then(Value::as_array) {
        o = o.positions(p.iter().map(|v| v.as_f64().unwrap()).collect::<Vec<_>>());
    }
    if let Some(b) = kwargs.get("show_trainable").and_then(Value::as_bool) {
        o = o.show_trainable(b);
    }
    if let Some(b) = kwargs.get("expand_nested").and_then(Value::as_bool) {
        o = o.expand_nested(b);
    }
    if let Some(r) = kwargs.get("layer_range").and_then(Value::as_array) {
        o = o.layer_range(r[0].as_str().unwrap(), r[1].as_str().unwrap());
    }
    o
}

/// Checks `model` against fixture `group/name`: per-layer names, classes,
/// output shapes, parameter counts, weight paths/shapes/flags/dtypes, the
/// totals, and every summary variant byte for byte.
pub fn check_model(group: &str, name: &str, model: &Model) {
    check_summary(group, name, &model.summary());
}

/// As [`check_model`] for a summary already made (e.g. with an optimizer:
/// the fixture's optional `optimizer` object then gives the
/// `Optimizer params` figures, which Keras adds to `Total params`).
pub fn check_summary(group: &str, name: &str, s: &Summary) {
    let fx = load(group, name);
    let ctx = format!("{group}/{name}");
    assert_eq!(s.name, fx["name"].as_str().unwrap(), "{ctx}: model name");
    assert_eq!(
        s.class_name,
        fx["class_name"].as_str().unwrap(),
        "{ctx}: model class"
    );
    let layers = fx["layers"].as_array().unwrap();
    let names: Vec<&str> = s.rows.iter().map(|r| r.name.as_str()).collect();
    let fx_names: Vec<&str> = layers.iter().map(|l| l["name"].as_str().unwrap()).collect();
    assert_eq!(names, fx_names, "{ctx}: layer order");
    for (row, l) in s.rows.iter().zip(layers) {
        let lctx = format!("{ctx}: layer {}", row.name);
        assert_eq!(
            row.class_name,
            l["class_name"].as_str().unwrap(),
            "{lctx}: class"
        );
        assert_eq!(
            row.output_shape_text(),
            l["output_shape"].as_str().unwrap(),
            "{lctx}: output shape"
        );
        assert_eq!(row.params, l["params"].as_u64().unwrap(), "{lctx}: params");
        assert_eq!(
            row.trainable,
            l["trainable"].as_bool().unwrap(),
            "{lctx}: trainable flag"
        );
        let fw = l["weights"].as_array().unwrap();
        assert_eq!(
            row.weights.len(),
            fw.len(),
            "{lctx}: weight count {:?}",
            row.weights
        );
        for (w, f) in row.weights.iter().zip(fw) {
            assert_eq!(w.path, f["path"].as_str().unwrap(), "{lctx}: weight path");
            let shape: Vec<u64> = f["shape"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_u64().unwrap())
                .collect();
            assert_eq!(
                w.shape.as_slice(),
                shape.as_slice(),
                "{lctx}: shape of {}",
                w.path
            );
            assert_eq!(
                w.trainable,
                f["trainable"].as_bool().unwrap(),
                "{lctx}: trainable of {}",
                w.path
            );
            assert_eq!(
                w.dtype.name(),
                f["dtype"].as_str().unwrap(),
                "{lctx}: dtype of {}",
                w.path
            );
        }
    }
    let optimizer_params = fx
        .get("optimizer")
        .map_or(0, |o| o["params"].as_u64().unwrap());
    assert_eq!(s.optimizer_params, optimizer_params, "{ctx}: optimizer");
    if let Some(o) = fx.get("optimizer") {
        assert_eq!(s.optimizer.as_deref(), o["class_name"].as_str(), "{ctx}");
        let bytes = o["bytes"].as_f64().unwrap();
        assert_eq!(s.optimizer_size.bytes(), bytes, "{ctx}: optimizer size");
    }
    assert_eq!(
        s.total_params,
        fx["total_params"].as_u64().unwrap() + optimizer_params,
        "{ctx}: total"
    );
    assert_eq!(
        s.trainable_params,
        fx["trainable_params"].as_u64().unwrap(),
        "{ctx}: trainable"
    );
    assert_eq!(
        s.non_trainable_params,
        fx["non_trainable_params"].as_u64().unwrap(),
        "{ctx}: non-trainable"
    );
    for (variant, kwargs) in fx["variants"].as_object().unwrap() {
        let path = fixture_dir(group).join(format!("{name}__{variant}.txt"));
        let expected = std::fs::read_to_string(&path).unwrap();
        let got = s.render(&options(kwargs)).unwrap();
        if got != expected {
            panic!(
                "{ctx}: summary variant `{variant}` differs from Keras\n--- keras\n{expected}\n--- kerasinfo\n{got}"
            );
        }
    }
}

/// The error Keras raised for fixture `group/name` (None if it built).
pub fn keras_error(group: &str, name: &str) -> Option<String> {
    let path = fixture_dir(group).join(format!("{name}.error.json"));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["error"].as_str().map(str::to_owned)
}
