//! Keras 3 configs (`model.to_json()`, written by the fixture scripts)
//! imported and checked against the same Keras-generated fixtures as the
//! builder: per-layer shapes, weights, counts, and the summary text.

#![cfg(feature = "keras-json")]

mod common;

use common::{check_model, check_model_ops, fixture_dir};
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

/// Fixture groups whose every config must import and match Keras.
const IMPORTABLE: &[&str] = &["conv", "core", "norm_act_reg", "ops", "reshape_merge"];
/// Fixture groups whose layers have no config factories yet.
const PENDING: &[&str] = &["recurrent"];
/// tf.keras 2 fixtures, imported and checked in keras2 text by
/// `tests/render_keras2_import.rs`.
const KERAS2: &[&str] = &["keras2"];

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
        .collect();
    groups.sort();
    groups
}

#[test]
fn every_group_with_configs_is_importable_or_pending() {
    for g in groups() {
        assert!(
            IMPORTABLE.contains(&g.as_str())
                || PENDING.contains(&g.as_str())
                || KERAS2.contains(&g.as_str()),
            "fixture group {g} has configs but is neither importable nor pending"
        );
    }
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
    for group in IMPORTABLE.iter().map(|g| g.to_string()) {
        for name in configs(&group) {
            let path = fixture_dir(&group).join(format!("{name}.config.json"));
            let text = std::fs::read_to_string(&path).unwrap();
            clear_session();
            match model_from_json(&text) {
                Ok(model) => {
                    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        if group == "ops" {
                            // Operation rows are not in the fixtures' `model.layers`.
                            check_model_ops(&group, &name, &model)
                        } else {
                            check_model(&group, &name, &model)
                        }
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

/// A Sequential config of an `InputLayer` of `batch_shape` and one layer.
fn one_layer(batch_shape: &str, layer: &str) -> String {
    format!(
        r#"{{"class_name": "Sequential", "config": {{"name": "s", "layers": [
            {{"class_name": "InputLayer", "config": {{"batch_shape": {batch_shape}, "name": "input_layer"}}}},
            {layer}]}}}}"#
    )
}

#[test]
fn family_configs_with_wrong_value_types_name_the_json_path() {
    let at = "model.config.layers[1].config.";
    let cases: &[(&str, &str, &str)] = &[
        (
            "[null, 8, 8, 3]",
            r#"{"class_name": "Conv2D", "config": {"filters": 4, "kernel_size": "3x3"}}"#,
            "kernel_size: expected an int or a list, found a string",
        ),
        (
            "[null, 8, 8, 3]",
            r#"{"class_name": "Conv2D", "config": {"kernel_size": [3, 3]}}"#,
            "filters: missing required integer",
        ),
        (
            "[null, 8, 8, 3]",
            r#"{"class_name": "Conv2D", "config": {"filters": 4}}"#,
            "kernel_size: missing required argument",
        ),
        (
            "[null, 8, 3]",
            r#"{"class_name": "Conv1D", "config": {"filters": 4, "kernel_size": [3], "padding": 3}}"#,
            "padding: expected a string, found a number",
        ),
        (
            "[null, 8, 8, 3]",
            r#"{"class_name": "Conv2DTranspose", "config": {"filters": 4, "kernel_size": 3, "output_padding": [1, "a"]}}"#,
            "output_padding: expected integers, found a string",
        ),
        (
            "[null, 8, 8, 3]",
            r#"{"class_name": "DepthwiseConv2D", "config": {"kernel_size": 3, "depth_multiplier": 1.5}}"#,
            "depth_multiplier: expected an integer, found a number",
        ),
        (
            "[null, 8, 8, 3]",
            r#"{"class_name": "SeparableConv2D", "config": {"filters": 2, "kernel_size": 3, "use_bias": "yes"}}"#,
            "use_bias: expected a boolean, found a string",
        ),
        (
            "[null, 8, 8, 3]",
            r#"{"class_name": "MaxPooling2D", "config": {"strides": [1, 2, 3]}}"#,
            "strides: expected 2 integers, found 3",
        ),
        (
            "[null, 8, 3]",
            r#"{"class_name": "AveragePooling1D", "config": {}}"#,
            "pool_size: missing required argument",
        ),
        (
            "[null, 8, 8, 3]",
            r#"{"class_name": "GlobalMaxPooling2D", "config": {"keepdims": 1}}"#,
            "keepdims: expected a boolean",
        ),
        (
            "[null, 8, 8, 3]",
            r#"{"class_name": "AdaptiveAveragePooling2D", "config": {"output_size": {"h": 2}}}"#,
            "output_size: expected an int or a list, found an object",
        ),
        (
            "[null, 8, 8, 3]",
            r#"{"class_name": "ZeroPadding2D", "config": {"padding": [[1, 2, 3], [1, 1]]}}"#,
            "padding: expected an int or a list of 2 ints or [before, after] pairs",
        ),
        (
            "[null, 8, 3]",
            r#"{"class_name": "Cropping1D", "config": {"cropping": "x"}}"#,
            "cropping: expected an int or a list of 2 ints, found a string",
        ),
        (
            "[null, 8, 8, 8, 3]",
            r#"{"class_name": "UpSampling3D", "config": {"size": [2, 2]}}"#,
            "size: expected 3 integers, found 2",
        ),
        (
            "[null, 8, 8, 3]",
            r#"{"class_name": "UpSampling2D", "config": {"interpolation": 5}}"#,
            "interpolation: expected a string, found a number",
        ),
        (
            "[null, 12]",
            r#"{"class_name": "Reshape", "config": {"target_shape": [3, "four"]}}"#,
            "target_shape: expected integers or null, found a string",
        ),
        (
            "[null, 12]",
            r#"{"class_name": "Reshape", "config": {}}"#,
            "target_shape: missing required argument",
        ),
        (
            "[null, 3, 4]",
            r#"{"class_name": "Permute", "config": {"dims": 2.5}}"#,
            "dims: expected an int or a list, found a number",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "RepeatVector", "config": {"n": "3"}}"#,
            "n: expected an integer, found a string",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "Concatenate", "config": {"axis": "last"}}"#,
            "axis: expected an integer, found a string",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "Dot", "config": {"axes": [1, 2, 3]}}"#,
            "axes: expected an int or a list of 2 ints",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "BatchNormalization", "config": {"renorm": true, "renorm_clipping": {"rmax": "big"}}}"#,
            "renorm_clipping.rmax: expected a number, found a string",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "BatchNormalization", "config": {"axis": [1, 2]}}"#,
            "axis: expected an int (or a list of one int)",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "LayerNormalization", "config": {"axis": [1, "a"]}}"#,
            "axis: expected integers, found a string",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "GroupNormalization", "config": {"groups": true}}"#,
            "groups: expected an integer, found a boolean",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "ReLU", "config": {"max_value": "six"}}"#,
            "max_value: expected a number, found a string",
        ),
        (
            "[null, 4, 5]",
            r#"{"class_name": "PReLU", "config": {"shared_axes": [1, null]}}"#,
            "shared_axes: expected integers, found null",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "Softmax", "config": {"axis": "last"}}"#,
            "axis: expected an int or a list, found a string",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "Dropout", "config": {"rate": "half"}}"#,
            "rate: expected a number, found a string",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "Dropout", "config": {}}"#,
            "rate: missing required number",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "AlphaDropout", "config": {"rate": 0.1, "noise_shape": 5}}"#,
            "noise_shape: expected a list, found a number",
        ),
        (
            "[null, 4, 4, 2]",
            r#"{"class_name": "SpatialDropout2D", "config": {"rate": 0.1, "seed": "s"}}"#,
            "seed: expected an integer, found a string",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "SpectralNormalization", "config": {}}"#,
            "layer: missing required layer",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "SpectralNormalization", "config": {"layer": 3}}"#,
            "layer: expected a serialized layer object, found a number",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "SpectralNormalization", "config": {"power_iterations": [1],
                "layer": {"class_name": "Dense", "config": {"units": 2}}}}"#,
            "power_iterations: expected an integer, found a list",
        ),
    ];
    for (batch_shape, layer, expected) in cases {
        clear_session();
        let err = model_from_json(&one_layer(batch_shape, layer)).unwrap_err();
        assert!(
            matches!(err, kerasinfo::Error::Config { .. }),
            "{layer}: {err:?}"
        );
        let text = err.to_string();
        assert!(text.contains(&format!("{at}{expected}")), "{layer}: {text}");
    }
    // The wrapped layer's own keys are named under the wrapper's `layer`.
    clear_session();
    let err = model_from_json(&one_layer(
        "[null, 4]",
        r#"{"class_name": "SpectralNormalization", "config": {
            "layer": {"class_name": "Dense", "config": {"name": "d", "units": "two"}}}}"#,
    ))
    .unwrap_err();
    assert!(matches!(err, kerasinfo::Error::Config { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("model.config.layers[1].config.layer.config.units: expected an integer"),
        "{err}"
    );
}

#[test]
fn equivalent_config_forms_build_the_same_layers() {
    // Forms Keras (or tf.keras 2) also writes or accepts, against the one
    // Keras 3 writes: the summaries must be identical.
    let pairs: &[(&str, &str, &str)] = &[
        (
            "[null, 8, 9, 3]",
            r#"{"class_name": "ZeroPadding2D", "config": {"name": "p", "padding": 2}}"#,
            r#"{"class_name": "ZeroPadding2D", "config": {"name": "p", "padding": [[2, 2], [2, 2]]}}"#,
        ),
        (
            "[null, 8, 9, 3]",
            r#"{"class_name": "Cropping2D", "config": {"name": "p", "cropping": [1, [2, 3]]}}"#,
            r#"{"class_name": "Cropping2D", "config": {"name": "p", "cropping": [[1, 1], [2, 3]]}}"#,
        ),
        (
            "[null, 8, 3]",
            r#"{"class_name": "ZeroPadding1D", "config": {"name": "p", "padding": 2}}"#,
            r#"{"class_name": "ZeroPadding1D", "config": {"name": "p", "padding": [2, 2]}}"#,
        ),
        (
            "[null, 8, 9, 3]",
            r#"{"class_name": "Conv2D", "config": {"name": "c", "filters": 2, "kernel_size": 3, "strides": 2}}"#,
            r#"{"class_name": "Conv2D", "config": {"name": "c", "filters": 2, "kernel_size": [3, 3], "strides": [2, 2]}}"#,
        ),
        (
            "[null, 8, 9, 3]",
            r#"{"class_name": "BatchNormalization", "config": {"name": "b", "axis": [3]}}"#,
            r#"{"class_name": "BatchNormalization", "config": {"name": "b", "axis": 3}}"#,
        ),
        (
            "[null, 4, 5]",
            r#"{"class_name": "LayerNormalization", "config": {"name": "n", "axis": -1}}"#,
            r#"{"class_name": "LayerNormalization", "config": {"name": "n", "axis": [-1]}}"#,
        ),
        (
            "[null, 4, 5]",
            r#"{"class_name": "LeakyReLU", "config": {"name": "l", "alpha": 0.1}}"#,
            r#"{"class_name": "LeakyReLU", "config": {"name": "l", "negative_slope": 0.1}}"#,
        ),
        (
            "[null, 4, 5]",
            r#"{"class_name": "MaxPooling1D", "config": {"name": "m"}}"#,
            r#"{"class_name": "MaxPooling1D", "config": {"name": "m", "pool_size": [2], "strides": [2], "padding": "valid"}}"#,
        ),
    ];
    for (batch_shape, a, b) in pairs {
        clear_session();
        let ma = model_from_json(&one_layer(batch_shape, a)).unwrap();
        clear_session();
        let mb = model_from_json(&one_layer(batch_shape, b)).unwrap();
        let (sa, sb) = (ma.summary(), mb.summary());
        let opts = kerasinfo::SummaryOptions::new();
        assert_eq!(
            sa.render(&opts).unwrap(),
            sb.render(&opts).unwrap(),
            "{a} vs {b}"
        );
        assert_eq!(sa.total_params, sb.total_params);
    }
}

#[test]
fn wrapped_layers_are_built_through_the_importing_registry() {
    let registry = Registry::new();
    for class in [
        "Conv1D",
        "Conv3DTranspose",
        "DepthwiseConv1D",
        "SeparableConv2D",
        "MaxPooling3D",
        "GlobalAveragePooling1D",
        "AdaptiveMaxPooling2D",
        "Cropping3D",
        "UpSampling1D",
        "Permute",
        "Dot",
        "Subtract",
        "GroupNormalization",
        "RMSNormalization",
        "SpectralNormalization",
        "PReLU",
        "Softmax",
        "SpatialDropout3D",
        "ActivityRegularization",
    ] {
        assert!(registry.contains(class), "{class}");
    }
    // A custom `pkg>Wide` class inside the wrapper resolves through the
    // registry the model is imported with.
    let json = one_layer(
        "[null, 4]",
        r#"{"class_name": "SpectralNormalization", "config": {"name": "sn",
            "layer": {"module": null, "class_name": "Wide", "registered_name": "pkg>Wide",
                      "config": {"name": "w", "units": 3}}}}"#,
    );
    clear_session();
    let err = model_from_json(&json).unwrap_err().to_string();
    assert!(
        err.contains(
            "model.config.layers[1].config.layer.class_name: unknown layer class \"Wide\""
        ),
        "{err}"
    );
    let mut registry = Registry::new();
    registry.register("pkg>Wide", |cfg| {
        use kerasinfo::prelude::*;
        Ok(Box::new(Dense::new(cfg.int("units")?)) as Box<dyn Layer>)
    });
    clear_session();
    let model = kerasinfo::config::model_from_json_with(&json, &registry).unwrap();
    let paths: Vec<String> = model.weights().into_iter().map(|w| w.path).collect();
    assert_eq!(paths, ["s/sn/w/kernel", "s/sn/vector_u", "s/sn/w/bias"]);
}

#[test]
fn known_deviation_configs_fail_or_differ_as_documented() {
    let dir = "norm_act_reg/known_deviations";
    let read = |name: &str| {
        std::fs::read_to_string(fixture_dir(dir).join(format!("{name}.config.json"))).unwrap()
    };
    // `Embedding` is not implemented by kerasinfo yet.
    clear_session();
    let err = model_from_json(&read("spectral_embedding")).unwrap_err();
    assert!(matches!(err, kerasinfo::Error::Config { .. }), "{err:?}");
    assert!(
        err.to_string().contains(
            "config.layers[1].config.layer.class_name: unknown layer class \"Embedding\""
        ),
        "{err}"
    );
}
