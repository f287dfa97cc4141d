//! Test support for the tf.keras 2 renderer: compare a kerasinfo model with
//! a fixture tf_keras 2.21.0 produced (see `scripts/gen_keras2_fixtures.py`).

#![allow(dead_code)]

use std::path::PathBuf;

use crate::common::{check_row, check_totals, check_weight};
use kerasinfo::Model;
use kerasinfo::render::keras2::{self, Keras2Options};
use serde_json::Value;

/// `tests/fixtures/keras2`.
pub fn dir() -> PathBuf {
    crate::common::fixture_dir("keras2")
}

fn load(name: &str) -> Value {
    let path = dir().join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// The fixture names that have a `.config.json`, sorted.
pub fn names() -> Vec<String> {
    crate::common::fixture_names("keras2", ".config.json")
}

/// `model.summary(**kwargs)` keyword arguments as options.
pub fn options(kwargs: &Value) -> Keras2Options {
    let mut o = Keras2Options::new();
    if let Some(n) = kwargs.get("line_length").and_then(Value::as_u64) {
        o = o.line_length(usize::try_from(n).unwrap());
    }
    if let Some(p) = kwargs.get("positions").and_then(Value::as_array) {
        o = o.positions(p.iter().map(|v| v.as_f64().unwrap()).collect::<Vec<_>>());
    }
    if let Some(b) = kwargs.get("show_trainable").and_then(Value::as_bool) {
        o = o.show_trainable(b);
    }
    if let Some(r) = kwargs.get("layer_range").and_then(Value::as_array) {
        o = o.layer_range(r[0].as_str().unwrap(), r[1].as_str().unwrap());
    }
    if let Some(b) = kwargs.get("expand_nested").and_then(Value::as_bool) {
        o = o.expand_nested(b);
    }
    o
}

/// The last two components of a weight name or path: `dense/kernel`.
fn layer_and_var(name: &str) -> String {
    let name = name.strip_suffix(":0").unwrap_or(name);
    let parts: Vec<&str> = name.rsplitn(3, '/').collect();
    match parts.as_slice() {
        [var, layer, ..] => format!("{layer}/{var}"),
        _ => name.to_owned(),
    }
}

/// Checks `model` against fixture `keras2/name`: per-layer names, classes,
/// tf.keras 2 output shape text, counts, weights, totals, and every summary
/// variant byte for byte. Returns the number of variants compared.
pub fn check(name: &str, model: &Model) -> usize {
    check_with(name, model, false).0
}

/// [`check`], for a model imported from the fixture's config: where
/// tf.keras's own reload of that config prints differently from the
/// original model (`<variant>.reloaded.txt`, the config lost something),
/// either text is accepted. Returns (variants compared, variants that
/// matched only the reloaded text).
pub fn check_imported(name: &str, model: &Model) -> (usize, usize) {
    check_with(name, model, true)
}

fn check_with(name: &str, model: &Model, allow_reloaded: bool) -> (usize, usize) {
    let fx = load(name);
    let s = model.summary();
    let ctx = format!("keras2/{name}");
    assert_eq!(s.name, fx["name"].as_str().unwrap(), "{ctx}: model name");
    let layers = crate::common::check_layer_order(&ctx, &s, &fx);
    for (row, l) in s.rows.iter().zip(layers) {
        let lctx = format!("{ctx}: layer {}", row.name);
        let fw = check_row(&lctx, row, &keras2::output_shape_text(row), l);
        for (w, f) in row.weights().iter().zip(fw) {
            assert_eq!(
                layer_and_var(&w.path),
                layer_and_var(f["name"].as_str().unwrap()),
                "{lctx}: weight name"
            );
            check_weight(&lctx, w, f);
        }
    }
    check_totals(&ctx, &s, &fx, 0);
    let variants = fx["variants"].as_object().unwrap();
    let mut only_reloaded = 0;
    for (variant, kwargs) in variants {
        let path = dir().join(format!("{name}__{variant}.txt"));
        let expected = std::fs::read_to_string(&path).unwrap();
        let got = keras2::render(&s, &options(kwargs)).unwrap();
        let reloaded = dir().join(format!("{name}__{variant}.reloaded.txt"));
        if got != expected
            && allow_reloaded
            && std::fs::read_to_string(&reloaded).is_ok_and(|r| r == got)
        {
            only_reloaded += 1;
            continue;
        }
        if got != expected {
            panic!(
                "{ctx}: summary variant `{variant}` differs from tf.keras 2\n--- tf.keras\n{expected}\n--- kerasinfo\n{got}"
            );
        }
    }
    (variants.len(), only_reloaded)
}
