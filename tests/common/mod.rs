//! Test support: compare a kerasinfo model with a fixture Keras produced
//! (see `scripts/kfix.py`).

#![allow(dead_code)]

use std::path::PathBuf;

use kerasinfo::{Keras3Options, Model, Summary, SummaryRow, Weight};
use serde_json::Value;

/// The fixture directory of a group.
pub fn fixture_dir(group: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(group)
}

/// Runs the `kerasinfo` binary with `args` and nothing on its standard
/// input: its exit code, standard output and standard error.
#[cfg(feature = "cli")]
pub fn kerasinfo(args: &[&str]) -> (i32, String, String) {
    kerasinfo_with_stdin(args, None)
}

/// Runs the `kerasinfo` binary with `args`, writing `stdin` (if any) to its
/// standard input: its exit code, standard output and standard error.
#[cfg(feature = "cli")]
pub fn kerasinfo_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> (i32, String, String) {
    use std::io::Write;
    use std::process::{Command, Stdio};

    let mut child = Command::new(env!("CARGO_BIN_EXE_kerasinfo"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    if let Some(input) = stdin {
        pipe.write_all(input).unwrap();
    }
    drop(pipe);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The fixtures of a group whose file names end in `suffix` (such as
/// `.config.json`), named without it, sorted.
pub fn fixture_names(group: &str, suffix: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixture_dir(group))
        .unwrap()
        .filter_map(|e| {
            let n = e.unwrap().file_name().into_string().unwrap();
            n.strip_suffix(suffix).map(str::to_owned)
        })
        .collect();
    names.sort();
    names
}

pub fn load(group: &str, name: &str) -> Value {
    let path = fixture_dir(group).join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("bad JSON {}: {e}", path.display()))
}

pub fn options(kwargs: &Value) -> Keras3Options {
    let mut o = Keras3Options::new();
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
    let layers = check_layer_order(&ctx, s, &fx);
    for (row, l) in s.rows.iter().zip(layers) {
        let lctx = format!("{ctx}: layer {}", row.name);
        let fw = check_row(&lctx, row, &row.output_shape_text(), l);
        for (w, f) in row.weights().iter().zip(fw) {
            assert_eq!(w.path, f["path"].as_str().unwrap(), "{lctx}: weight path");
            check_weight(&lctx, w, f);
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
    check_totals(&ctx, s, &fx, optimizer_params);
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

/// The summary's rows against the fixture's `layers`, name by name, in
/// order. Returns the fixture's layers.
pub fn check_layer_order<'a>(ctx: &str, s: &Summary, fx: &'a Value) -> &'a Vec<Value> {
    let layers = fx["layers"].as_array().unwrap();
    let names: Vec<&str> = s.rows.iter().map(|r| r.name.as_str()).collect();
    let fx_names: Vec<&str> = layers.iter().map(|l| l["name"].as_str().unwrap()).collect();
    assert_eq!(names, fx_names, "{ctx}: layer order");
    layers
}

/// One summary row against fixture layer `l`: class, output shape
/// (`output_shape`, as the renderer under test prints it), parameter count,
/// trainable flag and weight count. Returns the fixture's weights.
pub fn check_row<'a>(
    lctx: &str,
    row: &SummaryRow,
    output_shape: &str,
    l: &'a Value,
) -> &'a Vec<Value> {
    assert_eq!(
        row.class_name,
        l["class_name"].as_str().unwrap(),
        "{lctx}: class"
    );
    assert_eq!(
        output_shape,
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
        row.weights().len(),
        fw.len(),
        "{lctx}: weight count {:?}",
        row.weights()
    );
    fw
}

/// A weight's shape, trainable flag and dtype against fixture weight `f`.
pub fn check_weight(lctx: &str, w: &Weight, f: &Value) {
    check_weight_shape_and_flag(lctx, w, f);
    assert_eq!(
        w.dtype.name(),
        f["dtype"].as_str().unwrap(),
        "{lctx}: dtype of {}",
        w.path
    );
}

/// A weight's shape and trainable flag against fixture weight `f`.
pub fn check_weight_shape_and_flag(lctx: &str, w: &Weight, f: &Value) {
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
}

/// The totals against the fixture's; `optimizer_params` (from the
/// fixture's `optimizer`) adds to Keras's `Total params`.
pub fn check_totals(ctx: &str, s: &Summary, fx: &Value, optimizer_params: u64) {
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
}

/// The error Keras raised for fixture `group/name` (None if it built).
pub fn keras_error(group: &str, name: &str) -> Option<String> {
    let path = fixture_dir(group).join(format!("{name}.error.json"));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["error"].as_str().map(str::to_owned)
}

/// How [`check_model_with`] compares weight paths.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum WeightPaths {
    /// Byte for byte.
    Exact,
    /// The fixture's path may carry extra leading name scopes
    /// (`scope/layer/kernel` for `layer/kernel`): Keras records the
    /// `name_scope` a layer was built in only in the live model, not in its
    /// config, so Keras itself loses it when it reloads the config.
    IgnoreNameScopes,
}

/// [`check_model`] on fixture data already loaded (e.g. decompressed):
/// `fx` is the fixture JSON and `variant_text` gives the summary text of a
/// variant; `ctx` names the fixture in messages. Summary rows of operation
/// nodes (`SummaryRow::is_operation`, not in `model.layers`) missing from
/// the fixture's layers are skipped
/// in the per-layer checks.
pub fn check_model_with(
    ctx: &str,
    fx: &Value,
    variant_text: impl Fn(&str) -> String,
    model: &Model,
    paths: WeightPaths,
) {
    let s = model.summary();
    let layers = fx["layers"].as_array().unwrap();
    let fx_names: Vec<&str> = layers.iter().map(|l| l["name"].as_str().unwrap()).collect();
    let rows: Vec<&kerasinfo::SummaryRow> = s
        .rows
        .iter()
        .filter(|r| {
            let keep = fx_names.contains(&r.name.as_str());
            if !keep {
                assert!(
                    r.is_operation && r.params == 0,
                    "{ctx}: row {} ({}) is not in the fixture's layers",
                    r.name,
                    r.class_name
                );
            }
            keep
        })
        .collect();
    assert_eq!(s.name, fx["name"].as_str().unwrap(), "{ctx}: model name");
    assert_eq!(
        s.class_name,
        fx["class_name"].as_str().unwrap(),
        "{ctx}: model class"
    );
    let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
    if names != fx_names {
        panic!("{ctx}: layer order\n  left: {names:?}\n right: {fx_names:?}");
    }
    for (row, l) in rows.iter().zip(layers) {
        let lctx = format!("{ctx}: layer {}", row.name);
        let fw = check_row(&lctx, row, &row.output_shape_text(), l);
        for (w, f) in row.weights().iter().zip(fw) {
            let fpath = f["path"].as_str().unwrap();
            let same = w.path == fpath
                || (paths == WeightPaths::IgnoreNameScopes
                    && w.path.starts_with(&format!("{}/", row.name))
                    && fpath.ends_with(&format!("/{}", w.path)));
            assert!(same, "{lctx}: weight path {} (Keras: {fpath})", w.path);
            check_weight(&lctx, w, f);
        }
    }
    check_totals(ctx, &s, fx, 0);
    for (variant, kwargs) in fx["variants"].as_object().unwrap() {
        let expected = variant_text(variant);
        let got = s.render(&options(kwargs)).unwrap();
        if got != expected {
            panic!(
                "{ctx}: summary variant `{variant}` differs from Keras\n--- keras\n{expected}\n--- kerasinfo\n{got}"
            );
        }
    }
}

/// [`check_model`] for fixture groups with operation nodes (see
/// [`check_model_with`]).
pub fn check_model_ops(group: &str, name: &str, model: &Model) {
    let fx = load(group, name);
    check_model_with(
        &format!("{group}/{name}"),
        &fx,
        |variant| {
            std::fs::read_to_string(fixture_dir(group).join(format!("{name}__{variant}.txt")))
                .unwrap()
        },
        model,
        WeightPaths::Exact,
    );
}

// ---------------------------------------------------------------------------
// What Keras reports for the model it loads from a config
// (scripts/gen_loaded_fixtures.py, tests/fixtures/loaded/<group>.json.gz).

#[cfg(feature = "keras-json")]
mod loaded {
    use super::*;
    use std::collections::HashMap;
    use std::io::Read;
    use std::sync::{Mutex, OnceLock};

    /// tf.keras 2 groups (tf_keras loaded them; the tf.keras 2 renderer
    /// prints them).
    pub const KERAS2: &[&str] = &["keras2", "random_keras2", "tfop"];

    pub fn read_gz(path: &std::path::Path) -> String {
        let mut out = String::new();
        flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
            .read_to_string(&mut out)
            .unwrap();
        out
    }

    /// A fixture file, plain or gzipped.
    pub fn read_maybe_gz(group: &str, file: &str) -> Option<String> {
        let dir = fixture_dir(group);
        let plain = dir.join(file);
        if plain.exists() {
            return Some(std::fs::read_to_string(plain).unwrap());
        }
        let gz = dir.join(format!("{file}.gz"));
        gz.exists().then(|| read_gz(&gz))
    }

    /// The loaded records of a group (cached per test binary).
    pub fn records(group: &str) -> std::sync::Arc<Value> {
        static CACHE: OnceLock<Mutex<HashMap<String, std::sync::Arc<Value>>>> = OnceLock::new();
        let cache = CACHE.get_or_init(Default::default);
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .entry(group.to_owned())
            .or_insert_with(|| {
                let path = fixture_dir("loaded").join(format!("{group}.json.gz"));
                std::sync::Arc::new(serde_json::from_str(&read_gz(&path)).unwrap())
            })
            .clone()
    }

    /// `model` (imported from `group/name`'s config) against what Keras
    /// reports for the model it loads from that config: layers, every
    /// weight's path, shape, flag and dtype, totals, and every summary
    /// variant byte for byte.
    pub fn check_loaded(group: &str, name: &str, model: &Model) {
        let all = records(group);
        let rec = &all[name];
        assert!(!rec.is_null(), "{group}/{name}: no loaded record");
        let ctx = format!("{group}/{name} (loaded)");
        assert!(rec.get("error").is_none(), "{ctx}: Keras refused it: {rec}");
        let keras2 = KERAS2.contains(&group);
        let s = model.summary();
        assert_eq!(s.name, rec["name"].as_str().unwrap(), "{ctx}: model name");
        // Rows that are layers (Keras's `model.layers`), in order.
        let layers = rec["layers"].as_array().unwrap();
        let rows: Vec<&SummaryRow> = s.rows.iter().filter(|r| !r.is_operation).collect();
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        let want: Vec<&str> = layers.iter().map(|l| l["name"].as_str().unwrap()).collect();
        assert_eq!(names, want, "{ctx}: layers");
        for (row, l) in rows.iter().zip(layers) {
            let lctx = format!("{ctx}: layer {}", row.name);
            assert_eq!(
                row.class_name,
                l["class_name"].as_str().unwrap(),
                "{lctx}: class"
            );
            assert_eq!(row.params, l["params"].as_u64().unwrap(), "{lctx}: params");
            assert_eq!(
                row.trainable,
                l["trainable"].as_bool().unwrap(),
                "{lctx}: trainable"
            );
            let fw = l["weights"].as_array().unwrap();
            assert_eq!(
                row.weights().len(),
                fw.len(),
                "{lctx}: weights {:?}",
                row.weights()
            );
            for (w, f) in row.weights().iter().zip(fw) {
                if !keras2 {
                    assert_eq!(w.path, f["path"].as_str().unwrap(), "{lctx}: weight path");
                }
                check_weight(&lctx, w, f);
            }
        }
        check_totals(&ctx, &s, rec, 0);
        let texts = rec["texts"].as_object().unwrap();
        for (variant, kwargs) in rec["variants"].as_object().unwrap() {
            let expected = match &texts[variant] {
                Value::String(t) => t.clone(),
                _ => read_maybe_gz(group, &format!("{name}__{variant}.txt")).unwrap(),
            };
            let got = if keras2 {
                kerasinfo::render::keras2::render(&s, &keras2_options(kwargs)).unwrap()
            } else {
                s.render(&options(kwargs)).unwrap()
            };
            if got != expected {
                panic!(
                    "{ctx}: variant `{variant}` differs from what Keras printed after loading\n--- keras\n{expected}\n--- kerasinfo\n{got}"
                );
            }
        }
    }

    /// tf.keras 2's `model.summary(**kwargs)` keyword arguments as options.
    pub fn keras2_options(kwargs: &Value) -> kerasinfo::render::keras2::Keras2Options {
        let mut o = kerasinfo::render::keras2::Keras2Options::new();
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
}

#[cfg(feature = "keras-json")]
#[allow(unused_imports)]
pub use loaded::{check_loaded, read_maybe_gz, records as loaded_records};
