//! Random architectures (fixtures made by scripts/gen_random_fixtures.py from
//! fixed seeds): Sequential and Functional models with residual and
//! branching merges, shared layers, nested (and frozen) models, frozen
//! layers, several inputs / outputs, layers with several outputs and
//! operations applied to tensors.
//!
//! - tests/fixtures/random/: Keras 3.15.1 configs imported and checked
//!   against Keras (layers, shapes, weights, totals, every summary variant
//!   byte for byte), and the JSON renderer's figures against Keras's;
//! - tests/fixtures/random_keras2/: tf.keras 2 configs imported and
//!   rendered with the tf.keras 2 renderer, byte for byte.

#![cfg(feature = "keras-json")]

mod common;
mod keras2_fixture;

use common::fixture_dir;
use kerasinfo::config::model_from_json;
use kerasinfo::naming::clear_session;
use kerasinfo::render::keras2;
use serde_json::Value;

const GROUP: &str = "random";
const GROUP2: &str = "random_keras2";

fn names(group: &str) -> Vec<String> {
    common::fixture_names(group, ".config.json")
}

fn read(group: &str, file: &str) -> String {
    let path = fixture_dir(group).join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fixture(group: &str, name: &str) -> Value {
    serde_json::from_str(&read(group, &format!("{name}.json"))).unwrap()
}

fn import(group: &str, name: &str) -> kerasinfo::Result<kerasinfo::Model> {
    clear_session();
    model_from_json(&read(group, &format!("{name}.config.json")))
}

/// Runs `check` on every fixture of `group`, collecting the failures.
fn check_all(group: &str, check: impl Fn(&str, &kerasinfo::Model)) -> usize {
    let names = names(group);
    let mut failures = Vec::new();
    for name in &names {
        match import(group, name) {
            Ok(model) => {
                let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    check(name, &model);
                }));
                if r.is_err() {
                    failures.push(format!("{name}: differs from the reference (see above)"));
                }
            }
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
    names.len()
}

/// Each config against what Keras reports for the model it loads from it
/// (scripts/gen_loaded_fixtures.py).
#[test]
fn keras3_random_configs_import_and_match_keras() {
    let n = check_all(GROUP, |name, model| {
        common::check_loaded(GROUP, name, model)
    });
    assert!(n >= 100, "{n} fixtures");
}

/// What Keras reports for the model it loads from `name`'s config.
fn loaded(name: &str) -> Value {
    common::loaded_records(GROUP)[name].clone()
}

/// The text Keras printed for the loaded model's `variant`.
fn loaded_text(name: &str, variant: &str) -> String {
    match &loaded(name)["texts"][variant] {
        Value::String(t) => t.clone(),
        _ => read(GROUP, &format!("{name}__{variant}.txt")),
    }
}

/// The fixtures are the live Keras models, as in the other groups. Only
/// two of them does Keras's own `model_from_json` reload into another
/// trainable split (`roundtrip_same`): a frozen nested Sequential holding
/// a Bidirectional or ConvLSTM2D layers, whose reload unfreezes the
/// Sequential and the recurrent cells; kerasinfo keeps what the config
/// says, as the live model has it.
#[test]
fn keras_reloads_all_but_two_the_same() {
    let differ: Vec<String> = names(GROUP)
        .into_iter()
        .filter(|name| fixture(GROUP, name)["roundtrip_same"] == false)
        .collect();
    assert_eq!(differ, ["r026", "r058"]);
}

/// A JSON shape (`[null, 4]`) as Python prints the tuple: `(None, 4)`.
fn tuple_text(dims: &Value) -> String {
    let parts: Vec<String> = dims
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            d.as_u64()
                .map_or_else(|| "None".to_owned(), |n| n.to_string())
        })
        .collect();
    match parts.as_slice() {
        [one] => format!("({one},)"),
        _ => format!("({})", parts.join(", ")),
    }
}

/// The JSON renderer's `output_shape` as Keras's summary prints it.
fn shape_text(v: &Value) -> String {
    let list = v.as_array().unwrap();
    if list.first().is_some_and(Value::is_array) {
        let parts: Vec<String> = list.iter().map(tuple_text).collect();
        format!("[{}]", parts.join(", "))
    } else {
        tuple_text(v)
    }
}

/// `--format json` figures (src/render/json.rs) against Keras's: the rows
/// Keras lists in `model.layers`, with name, class, output shape, params,
/// trainable / non-trainable split (from Keras's weights' flags), flag and
/// weights, and the totals.
fn check_json(name: &str, json: &Value) {
    let fx = loaded(name);
    let ctx = format!("{GROUP}/{name} (json)");
    assert_eq!(json["name"], fx["name"], "{ctx}");
    assert_eq!(json["class_name"], fx["class_name"], "{ctx}");
    for key in ["total_params", "trainable_params", "non_trainable_params"] {
        assert_eq!(json[key], fx[key], "{ctx}: {key}");
    }
    let fx_layers = fx["layers"].as_array().unwrap();
    let rows: Vec<&Value> = json["layers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| fx_layers.iter().any(|l| l["name"] == r["name"]))
        .collect();
    assert_eq!(rows.len(), fx_layers.len(), "{ctx}: layer count");
    for (row, l) in rows.iter().zip(fx_layers) {
        let lctx = format!("{ctx}: layer {}", l["name"]);
        assert_eq!(row["name"], l["name"], "{lctx}");
        assert_eq!(row["class_name"], l["class_name"], "{lctx}");
        assert_eq!(
            shape_text(&row["output_shape"]),
            l["output_shape"].as_str().unwrap(),
            "{lctx}: output shape"
        );
        assert_eq!(row["params"], l["params"], "{lctx}: params");
        assert_eq!(row["trainable"], l["trainable"], "{lctx}: trainable");
        let weights = l["weights"].as_array().unwrap();
        let size = |w: &Value| -> u64 {
            w["shape"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d.as_u64().unwrap())
                .product()
        };
        let trainable: u64 = weights
            .iter()
            .filter(|w| w["trainable"] == true)
            .map(size)
            .sum();
        let frozen: u64 = weights
            .iter()
            .filter(|w| w["trainable"] == false)
            .map(size)
            .sum();
        // A nested model's row counts its weights once each (a shared
        // layer's weights appear once in Keras's list too).
        assert_eq!(
            row["trainable_params"], trainable,
            "{lctx}: trainable params"
        );
        assert_eq!(
            row["non_trainable_params"], frozen,
            "{lctx}: non-trainable params"
        );
        let got = row["weights"].as_array().unwrap();
        assert_eq!(got.len(), weights.len(), "{lctx}: weight count");
        for (g, w) in got.iter().zip(weights) {
            for key in ["path", "shape", "trainable", "dtype"] {
                assert_eq!(g[key], w[key], "{lctx}: weight {key}");
            }
        }
    }
}

#[test]
fn json_renderer_figures_match_keras() {
    check_all(GROUP, |name, model| {
        check_json(name, &kerasinfo::render::json::to_value(&model.summary()));
    });
}

/// Checks an imported tf.keras 2 config against its fixture: per-layer
/// figures and every summary variant byte for byte (where tf.keras's own
/// reload of the config prints differently, `<variant>.reloaded.txt`, that
/// text is the reference: the config does not carry what was lost).
fn check_keras2(name: &str, model: &kerasinfo::Model) {
    let fx = fixture(GROUP2, name);
    let s = model.summary();
    let ctx = format!("{GROUP2}/{name}");
    assert_eq!(s.name, fx["name"].as_str().unwrap(), "{ctx}: model name");
    let layers = common::check_layer_order(&ctx, &s, &fx);
    for (row, l) in s.rows.iter().zip(layers) {
        let lctx = format!("{ctx}: layer {}", row.name);
        let fw = common::check_row(&lctx, row, &keras2::output_shape_text(row), l);
        // Weight names are not compared: tf.keras 2 names some variables
        // differently from Keras 3 (`depthwise_kernel` for `kernel`, a
        // wrapped layer's under the wrapper's name), and kerasinfo models
        // Keras 3's; the tf.keras 2 summary does not print them.
        for (w, f) in row.weights().iter().zip(fw) {
            common::check_weight_shape_and_flag(&lctx, w, f);
        }
    }
    common::check_totals(&ctx, &s, &fx, 0);
    let reloaded: Vec<&str> = fx["reloaded_differs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for (variant, kwargs) in fx["variants"].as_object().unwrap() {
        let file = if reloaded.contains(&variant.as_str()) {
            format!("{name}__{variant}.reloaded.txt")
        } else {
            format!("{name}__{variant}.txt")
        };
        let expected = read(GROUP2, &file);
        let got = keras2::render(&s, &keras2_fixture::options(kwargs)).unwrap();
        if got != expected {
            panic!(
                "{ctx}: variant `{variant}` differs from tf.keras 2\n--- tf.keras\n{expected}\n--- kerasinfo\n{got}"
            );
        }
    }
}

#[test]
fn keras2_random_configs_import_and_render_as_tf_keras() {
    let n = check_all(GROUP2, check_keras2);
    assert!(n >= 40, "{n} fixtures");
}

/// The `--loaded` set (200 models recorded as Keras loads them, checked
/// by tests/loaded.rs) covers what issue #12 asks for.
#[test]
fn the_loaded_random_set_is_broad() {
    let (mut frozen_nested, mut frozen_rnn, mut wrapper_in_seq, mut masks) = (0, 0, 0, 0);
    fn walk(l: &Value, in_seq: bool, top: bool, c: &mut [usize; 3]) {
        let class = l["class_name"].as_str().unwrap_or_default();
        let cfg = &l["config"];
        if matches!(class, "Sequential" | "Functional") && !top && cfg["trainable"] == false {
            c[0] += 1;
        }
        if matches!(
            class,
            "LSTM" | "GRU" | "SimpleRNN" | "ConvLSTM2D" | "Bidirectional" | "RNN"
        ) && cfg["trainable"] == false
        {
            c[1] += 1;
        }
        if in_seq && matches!(class, "Bidirectional" | "TimeDistributed") {
            c[2] += 1;
        }
        for x in cfg["layers"].as_array().into_iter().flatten() {
            walk(x, class == "Sequential", false, c);
        }
    }
    let names = common::fixture_names("random_loaded", ".config.json.gz");
    assert_eq!(names.len(), 200);
    for name in &names {
        let text = common::read_maybe_gz("random_loaded", &format!("{name}.config.json")).unwrap();
        let cfg: Value = serde_json::from_str(&text).unwrap();
        let mut c = [0; 3];
        walk(&cfg, false, true, &mut c);
        frozen_nested += c[0];
        frozen_rnn += c[1];
        wrapper_in_seq += c[2];
        if text.contains("\"mask_zero\": true") {
            masks += 1;
        }
    }
    for (what, n) in [
        ("frozen nested models", frozen_nested),
        ("frozen recurrent layers", frozen_rnn),
        ("wrappers in Sequentials", wrapper_in_seq),
        ("masked models", masks),
    ] {
        assert!(n >= 20, "only {n} {what}");
    }
}

/// The fixtures cover what the generator sets out to cover.
#[test]
fn the_random_set_is_broad() {
    let mut classes = std::collections::BTreeSet::new();
    let (mut nested, mut frozen, mut multi_in, mut multi_out, mut sequential) = (0, 0, 0, 0, 0);
    for name in names(GROUP) {
        let cfg: Value =
            serde_json::from_str(&read(GROUP, &format!("{name}.config.json"))).unwrap();
        let text = cfg.to_string();
        if cfg["class_name"] == "Sequential" {
            sequential += 1;
        }
        let c = &cfg["config"];
        if c["input_layers"].as_array().is_some_and(|a| a.len() > 1) {
            multi_in += 1;
        }
        if c["output_layers"].as_array().is_some_and(|a| a.len() > 1) {
            multi_out += 1;
        }
        if text.contains("\"class_name\":\"Functional\"") && cfg["class_name"] != "Functional"
            || text.matches("\"class_name\":\"Functional\"").count() > 1
            || text.contains("\"class_name\":\"Sequential\"") && cfg["class_name"] != "Sequential"
        {
            nested += 1;
        }
        if text.contains("\"trainable\":false") {
            frozen += 1;
        }
        for (i, _) in text.match_indices("\"class_name\":\"") {
            let rest = &text[i + 14..];
            classes.insert(rest[..rest.find('"').unwrap()].to_owned());
        }
    }
    for (what, n) in [
        ("nested", nested),
        ("frozen", frozen),
        ("multi-input", multi_in),
        ("multi-output", multi_out),
        ("sequential", sequential),
    ] {
        assert!(n >= 10, "only {n} {what} models");
    }
    assert!(classes.len() >= 60, "{classes:?}");
}

/// A handful through the `kerasinfo` binary: keras3 text (with flags),
/// `--format json` and `--format keras2`.
#[cfg(feature = "cli")]
#[test]
fn cli_prints_what_keras_printed() {
    fn run(args: &[&str]) -> String {
        let (code, out, err) = common::kerasinfo(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        out
    }
    let path = |group: &str, name: &str| -> String {
        fixture_dir(group)
            .join(format!("{name}.config.json"))
            .display()
            .to_string()
    };
    let mut checked = 0;
    for name in names(GROUP).iter().step_by(10) {
        let fx = fixture(GROUP, name);
        let cfg = path(GROUP, name);
        for (variant, kwargs) in fx["variants"].as_object().unwrap() {
            let mut args: Vec<&str> = Vec::new();
            if kwargs.get("show_trainable") == Some(&Value::Bool(true)) {
                args.push("--show-trainable");
            }
            if kwargs.get("expand_nested") == Some(&Value::Bool(true)) {
                args.push("--expand-nested");
            }
            args.push(&cfg);
            let expected = loaded_text(name, variant);
            assert_eq!(run(&args), expected, "{name}/{variant}");
            checked += 1;
        }
        let json: Value = serde_json::from_str(&run(&["--format", "json", &cfg])).unwrap();
        check_json(name, &json);
    }
    for name in names(GROUP2).iter().step_by(8) {
        let fx = fixture(GROUP2, name);
        if !fx["reloaded_differs"].as_array().unwrap().is_empty() {
            continue;
        }
        let expected = read(GROUP2, &format!("{name}__default.txt"));
        assert_eq!(
            run(&["--format", "keras2", &path(GROUP2, name)]),
            expected,
            "{name}"
        );
        checked += 1;
    }
    assert!(checked >= 15, "{checked} outputs compared");
}
