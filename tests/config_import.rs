//! Keras 3 configs (`model.to_json()`, written by the fixture scripts)
//! imported and checked against the same Keras-generated fixtures as the
//! builder: per-layer shapes, weights, counts, and the summary text.

#![cfg(feature = "keras-json")]

mod common;

use common::fixture_dir;
use kerasinfo::config::{Registry, model_from_json};
use kerasinfo::formats::load_bytes;
use kerasinfo::naming::clear_session;

fn import(group: &str, name: &str) -> kerasinfo::Model {
    let path = fixture_dir(group).join(format!("{name}.config.json"));
    let text = std::fs::read_to_string(&path).unwrap();
    clear_session();
    model_from_json(&text).unwrap_or_else(|e| panic!("{group}/{name}: {e}"))
}

fn configs(group: &str) -> Vec<String> {
    common::fixture_names(group, ".config.json")
}

/// Fixture groups whose every config must import and match Keras.
const IMPORTABLE: &[&str] = &[
    "attention_core",
    "conv",
    "core",
    "diff",
    "dtype",
    "idioms",
    "mask",
    "norm_act_reg",
    "ops",
    "preprocessing",
    "printed",
    "recurrent",
    "reshape_merge",
    "unbuilt",
];
/// Fixture groups whose layers have no config factories yet.
const PENDING: &[&str] = &[];
/// tf.keras 2 fixtures, imported and checked in keras2 text by
/// `tests/render_keras2_import.rs`.
const KERAS2: &[&str] = &["keras2", "tfop"];
/// Compiled models (summaries with `Optimizer params`), imported and checked
/// with `--optimizer` by `tests/cli_optimizer.rs`.
const OPTIMIZER: &[&str] = &["optimizer"];
/// Random architectures (Keras 3 and tf.keras 2), imported and checked by
/// `tests/random_import.rs`.
const RANDOM: &[&str] = &["random", "random_keras2"];
/// Issue 16's fixtures (ASCII tables, nested depth, new input shapes),
/// imported and checked by `tests/summary_extras.rs`, `tests/input_shape.rs`
/// and `tests/cli_extras.rs`.
const EXTRAS: &[&str] = &["ascii", "expand_depth", "input_shape"];

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
                || KERAS2.contains(&g.as_str())
                || OPTIMIZER.contains(&g.as_str())
                || RANDOM.contains(&g.as_str())
                || EXTRAS.contains(&g.as_str()),
            "fixture group {g} has configs but is neither importable nor pending"
        );
    }
}

/// Every config imports as Keras loads it: tests/loaded.rs. The configs
/// Keras refuses to load (a `Lambda` of a Python lambda in safe mode, two
/// preprocessing models whose configs Keras cannot rebuild) import as the
/// models built in code (their layers rooted as a loaded model's are).
#[test]
fn configs_keras_refuses_import_as_built_in_code() {
    for (group, name) in [
        ("attention_core", "core_misc"),
        ("attention_core", "masking_seq"),
        ("preprocessing", "augmentation_all"),
        ("preprocessing", "stft"),
    ] {
        let model = import(group, name);
        let fx: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(fixture_dir(group).join(format!("{name}.json"))).unwrap(),
        )
        .unwrap();
        common::check_model_with(
            &format!("{group}/{name}"),
            &fx,
            |variant| {
                std::fs::read_to_string(fixture_dir(group).join(format!("{name}__{variant}.txt")))
                    .unwrap()
            },
            &model,
            common::WeightPaths::IgnoreNameScopes,
        );
    }
}

/// A config error (of the model, or of one layer's config).
fn is_config_error(e: &kerasinfo::Error) -> bool {
    matches!(
        e,
        kerasinfo::Error::Config { .. } | kerasinfo::Error::LayerConfig { .. }
    )
}

/// A config error as `path: reason` (a layer's config error also names
/// the layer and the key, checked by `config_errors_name_the_layer`).
fn path_and_reason(e: &kerasinfo::Error) -> String {
    match e {
        kerasinfo::Error::LayerConfig { at, reason, .. } => format!("{at}: {reason}"),
        other => other.to_string(),
    }
}

/// A wrong value in a layer's config names the layer, its class, the key
/// and the JSON path (issue #12).
#[test]
fn config_errors_name_the_layer() {
    let json = r#"{"class_name": "Functional", "config": {"name": "m", "layers": [
        {"class_name": "InputLayer", "name": "i", "config": {"batch_shape": [null, 8, 8, 3], "name": "i"}, "inbound_nodes": []},
        {"class_name": "ZeroPadding2D", "name": "pad", "config": {"name": "pad", "padding": 1},
         "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["i", 0, 0]}}], "kwargs": {}}]},
        {"class_name": "Conv2D", "name": "conv1_conv", "config": {"name": "conv1_conv", "filters": "many", "kernel_size": 3},
         "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["pad", 0, 0]}}], "kwargs": {}}]}],
        "input_layers": [["i", 0, 0]], "output_layers": [["conv1_conv", 0, 0]]}}"#;
    clear_session();
    let err = model_from_json(json).unwrap_err();
    assert_eq!(
        err.to_string(),
        "layer \"conv1_conv\" (Conv2D): filters: expected an integer, found a string (at model.config.layers[2].config.filters)"
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
        let err = path_and_reason(
            &load_bytes(input, &Registry::new())
                .map(|l| l.model)
                .unwrap_err(),
        );
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
        assert!(is_config_error(&err), "{layer}: {err:?}");
        let text = path_and_reason(&err);
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
    assert!(is_config_error(&err), "{err:?}");
    assert!(
        path_and_reason(&err)
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
        let opts = kerasinfo::Keras3Options::new();
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
    let err = path_and_reason(&model_from_json(&json).unwrap_err());
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
fn core_attention_recurrent_configs_with_wrong_value_types_name_the_json_path() {
    let at = "model.config.layers[1].config.";
    let cases: &[(&str, &str, &str)] = &[
        (
            "[null, 4]",
            r#"{"class_name": "Dense", "config": {"units": 2, "lora_rank": "two"}}"#,
            "lora_rank: expected an integer, found a string",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "Activation", "config": {"activation": 3}}"#,
            "activation: expected an activation, found a number",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "EinsumDense", "config": {"equation": 5, "output_shape": 3}}"#,
            "equation: expected a string, found a number",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "EinsumDense", "config": {"output_shape": 3}}"#,
            "equation: missing required string",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "EinsumDense", "config": {"equation": "ab,bc->ac", "output_shape": "64"}}"#,
            "output_shape: expected an int or a list, found a string",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "EinsumDense", "config": {"equation": "ab,bc->ac", "output_shape": [null, true]}}"#,
            "output_shape: expected integers or null, found a boolean",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "Embedding", "config": {"output_dim": 3}}"#,
            "input_dim: missing required integer",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "Embedding", "config": {"input_dim": 10, "output_dim": 3, "mask_zero": "yes"}}"#,
            "mask_zero: expected a boolean, found a string",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "ReversibleEmbedding", "config": {"input_dim": 10, "output_dim": 3, "tie_weights": 1}}"#,
            "tie_weights: expected a boolean, found a number",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "Masking", "config": {"mask_value": "zero"}}"#,
            "mask_value: expected a number, found a string",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "Lambda", "config": {"name": "lam", "function": {"class_name": "__lambda__", "config": {}}}}"#,
            "output_shape: the Lambda layer \"lam\" has no `output_shape`",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "Lambda", "config": {"name": "lam", "output_shape": {"class_name": "__lambda__", "config": {}}}}"#,
            "output_shape: the Lambda layer \"lam\" computes its `output_shape` with a function",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "Lambda", "config": {"name": "lam", "output_shape": [3, "x"]}}"#,
            "output_shape: expected integers or null, found a string",
        ),
        (
            "[null, 4]",
            r#"{"class_name": "Lambda", "config": {"name": "lam", "output_shape": 3}}"#,
            "output_shape: expected a list, found a number (Lambda layer \"lam\")",
        ),
        (
            "[null, 5, 4]",
            r#"{"class_name": "MultiHeadAttention", "config": {"num_heads": "2", "key_dim": 3}}"#,
            "num_heads: expected an integer, found a string",
        ),
        (
            "[null, 5, 4]",
            r#"{"class_name": "MultiHeadAttention", "config": {"num_heads": 2, "key_dim": 3, "attention_axes": "last"}}"#,
            "attention_axes: expected an int or a list, found a string",
        ),
        (
            "[null, 5, 4]",
            r#"{"class_name": "MultiHeadAttention", "config": {"num_heads": 2, "key_dim": 3, "output_shape": {"n": 1}}}"#,
            "output_shape: expected an int or a list, found an object",
        ),
        (
            "[null, 5, 4]",
            r#"{"class_name": "GroupQueryAttention", "config": {"num_query_heads": 2, "num_key_value_heads": 1}}"#,
            "head_dim: missing required integer",
        ),
        (
            "[null, 5, 4]",
            r#"{"class_name": "Attention", "config": {"score_mode": "additive"}}"#,
            "score_mode: expected dot or concat, found \"additive\"",
        ),
        (
            "[null, 5, 4]",
            r#"{"class_name": "AdditiveAttention", "config": {"use_scale": "no"}}"#,
            "use_scale: expected a boolean, found a string",
        ),
        (
            "[null, 5, 4]",
            r#"{"class_name": "LSTM", "config": {"units": "4"}}"#,
            "units: expected an integer, found a string",
        ),
        (
            "[null, 5, 4]",
            r#"{"class_name": "GRU", "config": {"units": 4, "reset_after": 0}}"#,
            "reset_after: expected a boolean, found a number",
        ),
        (
            "[null, 5, 4]",
            r#"{"class_name": "SimpleRNN", "config": {"units": 4, "return_sequences": "yes"}}"#,
            "return_sequences: expected a boolean, found a string",
        ),
        (
            "[null, 5, 4]",
            r#"{"class_name": "LSTM", "config": {"units": 4, "recurrent_activation": [1]}}"#,
            "recurrent_activation: expected an activation, found a list",
        ),
        (
            "[null, 3, 8, 8, 2]",
            r#"{"class_name": "ConvLSTM2D", "config": {"filters": 2, "kernel_size": "3x3"}}"#,
            "kernel_size: expected an int or a list, found a string",
        ),
        (
            "[null, 3, 8, 2]",
            r#"{"class_name": "ConvLSTM1D", "config": {"filters": 2, "kernel_size": 3, "padding": 1}}"#,
            "padding: expected a string, found a number",
        ),
        (
            "[null, 5, 4]",
            r#"{"class_name": "RNN", "config": {}}"#,
            "cell: missing required cell",
        ),
        (
            "[null, 5, 4]",
            r#"{"class_name": "RNN", "config": {"cell": {"class_name": "Dense", "config": {"units": 2}}}}"#,
            "cell.class_name: unknown RNN cell class \"Dense\"",
        ),
        (
            "[null, 5, 4]",
            r#"{"class_name": "RNN", "config": {"cell": {"class_name": "LSTMCell", "config": {"units": "x"}}}}"#,
            "cell.config.units: expected an integer, found a string",
        ),
        (
            "[null, 5, 4]",
            r#"{"class_name": "RNN", "config": {"cell": {"class_name": "GRUCell", "config": {"units": 2, "dtype": 5}}}}"#,
            "cell.config.dtype: expected a dtype, found a number",
        ),
        (
            "[null, 5, 4]",
            r#"{"class_name": "RNN", "config": {"cell": [{"class_name": "LSTMCell", "config": {"units": 2}}, 3]}}"#,
            "cell[1]: expected a serialized cell object, found a number",
        ),
        (
            "[null, 5, 4]",
            r#"{"class_name": "RNN", "config": {"cell": {"class_name": "StackedRNNCells", "config": {"cells": "x"}}}}"#,
            "cell.config.cells: expected a list, found a string",
        ),
        (
            "[null, 5, 4]",
            r#"{"class_name": "RNN", "config": {"cell": {"class_name": "StackedRNNCells", "config": {"cells": [
                {"class_name": "SimpleRNNCell", "config": {"units": 2, "name": 7}}]}}}}"#,
            "cell.config.cells[0].config.name: expected a string, found a number",
        ),
        (
            "[null, 5, 4]",
            r#"{"class_name": "Bidirectional", "config": {"merge_mode": "avg",
                "layer": {"class_name": "LSTM", "config": {"units": 2}}}}"#,
            "merge_mode: expected concat, sum, mul, ave or null, found \"avg\"",
        ),
        (
            "[null, 5, 4]",
            r#"{"class_name": "Bidirectional", "config": {}}"#,
            "layer: missing required layer",
        ),
        (
            "[null, 5, 4]",
            r#"{"class_name": "Bidirectional", "config": {"layer": {"class_name": "Dense", "config": {"units": 2}}}}"#,
            "layer.class_name: kerasinfo's Bidirectional wraps SimpleRNN, LSTM, GRU, ConvLSTM1D/2D/3D or RNN, not \"Dense\"",
        ),
        (
            "[null, 5, 4]",
            r#"{"class_name": "Bidirectional", "config": {"layer": {"class_name": "LSTM", "config": {"units": 2, "trainable": "no"}}}}"#,
            "layer.config.trainable: expected a boolean, found a string",
        ),
        (
            "[null, 5, 4]",
            r#"{"class_name": "Bidirectional", "config": {"layer": {"class_name": "LSTM", "config": {"units": 2}},
                "backward_layer": {"class_name": "LSTM", "config": {"units": true, "go_backwards": true}}}}"#,
            "backward_layer.config.units: expected an integer, found a boolean",
        ),
        (
            "[null, 5, 4]",
            r#"{"class_name": "TimeDistributed", "config": {}}"#,
            "layer: missing required layer",
        ),
        (
            "[null, 5, 4]",
            r#"{"class_name": "TimeDistributed", "config": {"layer": {"class_name": "Dense", "config": {"units": "x"}}}}"#,
            "layer.config.units: expected an integer, found a string",
        ),
    ];
    for (batch_shape, layer, expected) in cases {
        clear_session();
        let err = model_from_json(&one_layer(batch_shape, layer)).unwrap_err();
        assert!(is_config_error(&err), "{layer}: {err:?}");
        let text = path_and_reason(&err);
        assert!(text.contains(&format!("{at}{expected}")), "{layer}: {text}");
    }
}

/// A Functional config of inputs `q` and `v` (`(None, 5, 4)`) and one
/// layer `att` of `class` called once per entry of `kwargs` (its call's
/// keyword arguments, in Keras 3's node form) on `[q, v]`.
fn attention_called(class: &str, kwargs: &[&str]) -> String {
    let tensor = |name: &str| {
        format!(
            r#"{{"class_name": "__keras_tensor__", "config": {{"shape": [null, 5, 4], "keras_history": ["{name}", 0, 0]}}}}"#
        )
    };
    let nodes: Vec<String> = kwargs
        .iter()
        .map(|kw| {
            format!(
                r#"{{"args": [[{}, {}]], "kwargs": {kw}}}"#,
                tensor("q"),
                tensor("v")
            )
        })
        .collect();
    format!(
        r#"{{"class_name": "Functional", "config": {{"name": "f", "layers": [
            {{"class_name": "InputLayer", "name": "q", "config": {{"batch_shape": [null, 5, 4], "name": "q"}}, "inbound_nodes": []}},
            {{"class_name": "InputLayer", "name": "v", "config": {{"batch_shape": [null, 5, 4], "name": "v"}}, "inbound_nodes": []}},
            {{"class_name": "{class}", "name": "att", "config": {{"name": "att", "num_heads": 2, "key_dim": 3}},
              "inbound_nodes": [{}]}}],
            "input_layers": [["q", 0, 0], ["v", 0, 0]], "output_layers": [["att", 0, 0]]}}}}"#,
        nodes.join(", ")
    )
}

#[test]
fn call_arguments_are_read_from_the_inbound_nodes() {
    let at = "model.config.layers[2].inbound_nodes";
    // Keras writes `return_attention_scores` in the call's kwargs: the
    // layer then has a second output, the scores.
    clear_session();
    let model = model_from_json(&attention_called(
        "MultiHeadAttention",
        &[r#"{"return_attention_scores": true}"#],
    ))
    .unwrap();
    let summary = model.summary();
    let att = summary.rows.iter().find(|r| r.name == "att").unwrap();
    assert_eq!(att.output_shape_text(), "[(None, 5, 4), (None, 2, 5, 5)]");
    clear_session();
    let model = model_from_json(&attention_called("MultiHeadAttention", &["{}"])).unwrap();
    let summary = model.summary();
    let att = summary.rows.iter().find(|r| r.name == "att").unwrap();
    assert_eq!(att.output_shape_text(), "(None, 5, 4)");
    let cases: &[(&[&str], &str)] = &[
        (
            &[r#"{"return_attention_scores": "yes"}"#],
            "[0].kwargs.return_attention_scores: expected a boolean, found a string",
        ),
        (
            &[r#"{"return_attention_scores": true}"#, "{}"],
            "[1].kwargs.return_attention_scores: the layer is called with different `return_attention_scores` values",
        ),
    ];
    for (kwargs, expected) in cases {
        clear_session();
        let err = model_from_json(&attention_called("MultiHeadAttention", kwargs)).unwrap_err();
        assert!(
            matches!(err, kerasinfo::Error::Config { .. }),
            "{kwargs:?}: {err:?}"
        );
        let text = err.to_string();
        assert!(
            text.contains(&format!("{at}{expected}")),
            "{kwargs:?}: {text}"
        );
    }
}

#[test]
fn equivalent_recurrent_config_forms_build_the_same_layers() {
    let lstm = r#"{"class_name": "LSTMCell", "config": {"name": "lstm_cell", "units": 3}}"#;
    let gru = r#"{"class_name": "GRUCell", "config": {"name": "gru_cell", "units": 2}}"#;
    let pairs: Vec<(String, String)> = vec![
        // A list of cells (tf.keras 2, or Keras's `RNN([...])` argument)
        // is a StackedRNNCells.
        (
            format!(
                r#"{{"class_name": "RNN", "config": {{"name": "r", "cell": [{lstm}, {gru}]}}}}"#
            ),
            format!(
                r#"{{"class_name": "RNN", "config": {{"name": "r", "cell": {{"class_name": "StackedRNNCells",
                    "config": {{"name": "stacked_rnn_cells", "cells": [{lstm}, {gru}]}}}}}}}}"#
            ),
        ),
        // A missing merge_mode is Keras's default, concat; without a
        // backward_layer, Keras's copy of `layer` goes backwards.
        (
            r#"{"class_name": "Bidirectional", "config": {"name": "b",
                "layer": {"class_name": "GRU", "config": {"name": "gru", "units": 2}}}}"#
                .to_owned(),
            r#"{"class_name": "Bidirectional", "config": {"name": "b", "merge_mode": "concat",
                "layer": {"class_name": "GRU", "config": {"name": "gru", "units": 2}},
                "backward_layer": {"class_name": "GRU", "config": {"name": "backward_gru", "units": 2, "go_backwards": true}}}}"#
                .to_owned(),
        ),
    ];
    for (a, b) in &pairs {
        clear_session();
        let ma = model_from_json(&one_layer("[null, 5, 4]", a)).unwrap();
        clear_session();
        let mb = model_from_json(&one_layer("[null, 5, 4]", b)).unwrap();
        let (sa, sb) = (ma.summary(), mb.summary());
        let opts = kerasinfo::Keras3Options::new();
        assert_eq!(
            sa.render(&opts).unwrap(),
            sb.render(&opts).unwrap(),
            "{a} vs {b}"
        );
        let paths = |m: &kerasinfo::Model| -> Vec<String> {
            m.weights().into_iter().map(|w| w.path).collect()
        };
        assert_eq!(paths(&ma), paths(&mb));
    }
    // merge_mode null: the forward and backward outputs separately.
    clear_session();
    let m = model_from_json(&one_layer(
        "[null, 5, 4]",
        r#"{"class_name": "Bidirectional", "config": {"name": "b", "merge_mode": null,
            "layer": {"class_name": "GRU", "config": {"name": "forward_gru", "units": 2}}}}"#,
    ))
    .unwrap();
    let summary = m.summary();
    let b = summary.rows.iter().find(|r| r.name == "b").unwrap();
    assert_eq!(b.output_shape_text(), "[(None, 2), (None, 2)]");
}

#[test]
fn call_arguments_are_read_from_tf_keras_2_nodes() {
    // tf.keras 2 writes each call as a list of [layer, node, tensor, kwargs].
    let json = r#"{"class_name": "Functional", "config": {"name": "f", "layers": [
        {"class_name": "InputLayer", "name": "q", "config": {"batch_input_shape": [null, 5, 4], "name": "q"}, "inbound_nodes": []},
        {"class_name": "InputLayer", "name": "v", "config": {"batch_input_shape": [null, 7, 4], "name": "v"}, "inbound_nodes": []},
        {"class_name": "Attention", "name": "att", "config": {"name": "att", "use_scale": true},
         "inbound_nodes": [[["q", 0, 0, {"return_attention_scores": true}], ["v", 0, 0, {"return_attention_scores": true}]]]}],
        "input_layers": [["q", 0, 0], ["v", 0, 0]], "output_layers": [["att", 0, 0], ["att", 0, 1]]}}"#;
    clear_session();
    let model = model_from_json(json).unwrap();
    let summary = model.summary();
    let att = summary.row("att").unwrap();
    assert_eq!(att.output_shape_text(), "[(None, 5, 4), (None, 5, 7)]");
    assert_eq!(summary.total_params, 1);
    let bad = json.replacen(
        r#"{"return_attention_scores": true}"#,
        r#"{"return_attention_scores": 1}"#,
        1,
    );
    clear_session();
    let err = model_from_json(&bad).unwrap_err().to_string();
    assert!(
        err.contains("model.config.layers[2].inbound_nodes[0][0][3].return_attention_scores: expected a boolean, found a number"),
        "{err}"
    );
}

#[test]
fn preprocessing_configs_with_wrong_value_types_name_the_json_path() {
    let at = "model.config.layers[1].config.";
    let cases: &[(&str, &str, &str)] = &[
        (
            "[null, 2]",
            r#"{"class_name": "Normalization", "config": {"mean": [[1.0], [1.0, 2.0]], "variance": 1.0}}"#,
            "mean: expected a number or a rectangular nested list of numbers",
        ),
        (
            "[null, 2]",
            r#"{"class_name": "Normalization", "config": {"axis": "last"}}"#,
            "axis: expected an int or a list, found a string",
        ),
        (
            "[null, 2]",
            r#"{"class_name": "Rescaling", "config": {"scale": "big"}}"#,
            "scale: expected a number or a list of numbers, found a string",
        ),
        (
            "[null, 2]",
            r#"{"class_name": "Rescaling", "config": {}}"#,
            "scale: missing required number",
        ),
        (
            "[null, 8, 8, 3]",
            r#"{"class_name": "Resizing", "config": {"height": "64", "width": 64}}"#,
            "height: expected an integer, found a string",
        ),
        (
            "[null, 8, 8, 3]",
            r#"{"class_name": "RandomCrop", "config": {"height": 4, "width": 4, "seed": "s"}}"#,
            "seed: expected an integer, found a string",
        ),
        (
            "[null, 3]",
            r#"{"class_name": "CategoryEncoding", "config": {"num_tokens": 4, "output_mode": 3}}"#,
            "output_mode: expected a string, found a number",
        ),
        (
            "[null, 3]",
            r#"{"class_name": "CategoryEncoding", "config": {"num_tokens": 4, "output_mode": "two_hot"}}"#,
            "output_mode: expected one of int, one_hot, multi_hot, count or tf_idf, found \"two_hot\"",
        ),
        (
            "[null, 3]",
            r#"{"class_name": "Hashing", "config": {"num_bins": 4, "salt": [1, 2, 3]}}"#,
            "salt: expected an integer or a list of two integers",
        ),
        (
            "[null, 3]",
            r#"{"class_name": "Discretization", "config": {"bin_boundaries": [0.0, "a"]}}"#,
            "bin_boundaries: expected numbers, found a string",
        ),
        (
            "[null, 3]",
            r#"{"class_name": "IntegerLookup", "config": {"vocabulary": [1, "a"]}}"#,
            "vocabulary: expected an integer, found a string",
        ),
        (
            "[null, 3]",
            r#"{"class_name": "StringLookup", "config": {"mask_token": 0}}"#,
            "mask_token: expected a string, found a number",
        ),
        (
            "[null, 3]",
            r#"{"class_name": "StringLookup", "config": {"vocabulary": {"a": 1}}}"#,
            "vocabulary: expected a list of tokens or a file path, found an object",
        ),
        (
            "[null, 3]",
            r#"{"class_name": "StringLookup", "config": {"vocabulary_size": -2}}"#,
            "vocabulary_size: must be >= 0",
        ),
        (
            "[null, 1]",
            r#"{"class_name": "TextVectorization", "config": {"split": "comma"}}"#,
            "split: expected whitespace, character, null or a callable, found \"comma\"",
        ),
        (
            "[null, 1]",
            r#"{"class_name": "TextVectorization", "config": {"ngrams": "two"}}"#,
            "ngrams: expected an int or a list, found a string",
        ),
        (
            "[null, 1]",
            r#"{"class_name": "TextVectorization", "config": {"vocabulary": ["a", 2]}}"#,
            "vocabulary: expected strings, found a number",
        ),
        (
            "[null, 1]",
            r#"{"class_name": "HashedCrossing", "config": {}}"#,
            "num_bins: missing required integer",
        ),
        (
            "[null, 16000]",
            r#"{"class_name": "MelSpectrogram", "config": {"fft_length": 2.5}}"#,
            "fft_length: expected an integer, found a number",
        ),
        (
            "[null, 1000, 1]",
            r#"{"class_name": "STFTSpectrogram", "config": {"mode": "loud"}}"#,
            "mode: expected one of log, magnitude, psd, real, imag, angle, stft, found \"loud\"",
        ),
        (
            "[null, 8, 8, 3]",
            r#"{"class_name": "RandomRotation", "config": {"factor": [0.1]}}"#,
            "factor: expected a number or a list of two numbers, found a list",
        ),
        (
            "[null, 8, 8, 3]",
            r#"{"class_name": "RandomRotation", "config": {}}"#,
            "factor: missing required factor",
        ),
        (
            "[null, 8, 8, 3]",
            r#"{"class_name": "RandomFlip", "config": {"mode": "diagonal"}}"#,
            "mode: expected horizontal, vertical or horizontal_and_vertical, found \"diagonal\"",
        ),
        (
            "[null, 8, 8, 3]",
            r#"{"class_name": "RandomGaussianBlur", "config": {"kernel_size": [3, 3, 3]}}"#,
            "kernel_size: expected an integer or a list of two integers",
        ),
        (
            "[null, 8, 8, 3]",
            r#"{"class_name": "RandomColorJitter", "config": {"hue_factor": "x"}}"#,
            "hue_factor: expected a number or a list of two numbers, found a string",
        ),
        (
            "[null, 8, 8, 3]",
            r#"{"class_name": "AugMix", "config": {"all_ops": "yes"}}"#,
            "all_ops: expected a boolean, found a string",
        ),
        (
            "[null, 8, 8, 3]",
            r#"{"class_name": "Pipeline", "config": {"layers": 3}}"#,
            "layers: expected a list of layers, found a number",
        ),
        (
            "[null, 8, 8, 3]",
            r#"{"class_name": "Pipeline", "config": {}}"#,
            "layers: missing required list of layers",
        ),
        (
            "[null, 8, 8, 3]",
            r#"{"class_name": "Pipeline", "config": {"layers": [
                {"class_name": "RandomFlip", "config": {"name": "f"}},
                {"class_name": "Rescaling", "config": {"name": "r", "scale": "big"}}]}}"#,
            "layers[1].config.scale: expected a number or a list of numbers, found a string",
        ),
        (
            "[null, 8, 8, 3]",
            r#"{"class_name": "Pipeline", "config": {"layers": [7]}}"#,
            "layers[0]: expected a serialized layer object, found a number",
        ),
    ];
    for (batch_shape, layer, expected) in cases {
        clear_session();
        let err = model_from_json(&one_layer(batch_shape, layer)).unwrap_err();
        assert!(is_config_error(&err), "{layer}: {err:?}");
        let text = path_and_reason(&err);
        assert!(text.contains(&format!("{at}{expected}")), "{layer}: {text}");
    }
}

#[test]
fn preprocessing_config_forms_keras_writes() {
    let summary = |batch_shape: &str, layer: &str| {
        clear_session();
        let m = model_from_json(&one_layer(batch_shape, layer)).unwrap();
        m.summary().rows[0].output_shape_text()
    };
    // A vocabulary file: Keras 3 writes `vocabulary: null` and its size; a
    // path (as tf.keras 2 wrote it) is not read, the size still applies.
    for vocabulary in ["null", r#""/tmp/vocab.txt""#] {
        let layer = format!(
            r#"{{"class_name": "StringLookup", "config": {{"name": "s", "output_mode": "one_hot",
                "vocabulary": {vocabulary}, "vocabulary_size": 5}}}}"#
        );
        assert_eq!(summary("[null, 3]", &layer), "(None, 3, 5)");
    }
    // Not adapted: unknown depth.
    assert_eq!(
        summary(
            "[null, 3]",
            r#"{"class_name": "StringLookup", "config": {"name": "s", "output_mode": "multi_hot"}}"#
        ),
        "(None, None)"
    );
    // TextVectorization's `vocabulary_size` of a layer never adapted counts
    // only its special tokens: Keras's reload freezes the depth there, and
    // so does the import (fixture text_audio_reloaded).
    let tv = |size: u64| {
        format!(
            r#"{{"class_name": "TextVectorization", "config": {{"name": "t", "output_mode": "count",
                "vocabulary": null, "vocabulary_size": {size}}}}}"#
        )
    };
    assert_eq!(summary("[null, 1]", &tv(1)), "(None, 1, 1)");
    assert_eq!(summary("[null, 1]", &tv(7)), "(None, 1, 7)");
    // `split: null` differs from a missing `split` (whitespace).
    assert_eq!(
        summary(
            "[null]",
            r#"{"class_name": "TextVectorization", "config": {"name": "t", "split": null,
                "output_mode": "one_hot", "vocabulary": ["a", "b"]}}"#
        ),
        "(None, 3)"
    );
    assert_eq!(
        summary(
            "[null]",
            r#"{"class_name": "TextVectorization", "config": {"name": "t",
                "output_mode": "one_hot", "vocabulary": ["a", "b"]}}"#
        ),
        "(None, None, 3)"
    );
    // An adapted Discretization writes both keys; the boundaries win.
    assert_eq!(
        summary(
            "[null, 4]",
            r#"{"class_name": "Discretization", "config": {"name": "d", "output_mode": "multi_hot",
                "bin_boundaries": [1.0, 2.0, 3.0, 4.0], "num_bins": 3}}"#
        ),
        "(None, 5)"
    );
    // Keras writes RandomShear(x_factor=0.2) as [-0.2, 0.2] (which Keras
    // 3.15.1 cannot reload); kerasinfo takes it as 0.2. Other negative
    // values are still Keras's argument error, when the layer is used.
    assert_eq!(
        summary(
            "[null, 8, 8, 3]",
            r#"{"class_name": "RandomShear", "config": {"name": "r", "x_factor": [-0.2, 0.2]}}"#
        ),
        "(None, 8, 8, 3)"
    );
    clear_session();
    let err = model_from_json(&one_layer(
        "[null, 8, 8, 3]",
        r#"{"class_name": "RandomShear", "config": {"name": "r", "x_factor": [-0.3, 0.2]}}"#,
    ))
    .unwrap_err();
    assert!(matches!(err, kerasinfo::Error::Layer { .. }), "{err:?}");
    // A vocabulary whose size disagrees with `vocabulary_size` is Keras's
    // error in the encoding modes; `int` mode does not check.
    let sized = |mode: &str| {
        format!(
            r#"{{"class_name": "StringLookup", "config": {{"name": "s", "output_mode": "{mode}",
                "vocabulary": ["a", "b"], "vocabulary_size": 5}}}}"#
        )
    };
    clear_session();
    let err = model_from_json(&one_layer("[null, 3]", &sized("multi_hot"))).unwrap_err();
    assert!(matches!(err, kerasinfo::Error::Layer { .. }), "{err:?}");
    assert_eq!(summary("[null, 3]", &sized("int")), "(None, 3)");
    // `axis: null` is Keras's `axis=None` (one mean for all values).
    clear_session();
    let all = model_from_json(&one_layer(
        "[null, 3]",
        r#"{"class_name": "Normalization", "config": {"name": "n", "axis": null}}"#,
    ))
    .unwrap();
    assert_eq!(all.summary().total_params, 3);
    // Normalization given a mean has no weights; adapted (`null`) has.
    clear_session();
    let given = model_from_json(&one_layer(
        "[null, 3]",
        r#"{"class_name": "Normalization", "config": {"name": "n", "mean": [1, 2, 3], "variance": [1, 1, 1]}}"#,
    ))
    .unwrap();
    assert_eq!(given.summary().total_params, 0);
    clear_session();
    let adapted = model_from_json(&one_layer(
        "[null, 3]",
        r#"{"class_name": "Normalization", "config": {"name": "n", "mean": null, "variance": null}}"#,
    ))
    .unwrap();
    assert_eq!(adapted.summary().total_params, 7);
}

#[test]
fn every_preprocessing_class_is_registered() {
    let registry = Registry::new();
    for class in [
        "Normalization",
        "Rescaling",
        "Resizing",
        "CenterCrop",
        "RandomCrop",
        "CategoryEncoding",
        "Hashing",
        "Discretization",
        "IntegerLookup",
        "StringLookup",
        "TextVectorization",
        "HashedCrossing",
        "MelSpectrogram",
        "STFTSpectrogram",
        "Pipeline",
        "RandomFlip",
        "RandomRotation",
        "RandomZoom",
        "RandomTranslation",
        "RandomContrast",
        "RandomBrightness",
        "RandomGrayscale",
        "RandomHue",
        "RandomSaturation",
        "RandomSharpness",
        "RandomShear",
        "RandomColorJitter",
        "RandomColorDegeneration",
        "RandomPosterization",
        "RandomInvert",
        "RandomErasing",
        "RandomGaussianBlur",
        "RandomPerspective",
        "RandomElasticTransform",
        "AutoContrast",
        "Equalization",
        "Solarization",
        "MixUp",
        "CutMix",
        "AugMix",
        "RandAugment",
        "MaxNumBoundingBoxes",
        "ContrastLimitedAdaptiveHistogramEqualization",
    ] {
        assert!(registry.contains(class), "{class}");
    }
    // Equalization imports, but as in Keras 3.15.1 no model can use it.
    clear_session();
    let err = model_from_json(&one_layer(
        "[null, 8, 8, 3]",
        r#"{"class_name": "Equalization", "config": {"name": "e", "bins": 128}}"#,
    ))
    .unwrap_err();
    assert!(matches!(err, kerasinfo::Error::Layer { .. }), "{err:?}");
}

/// A layer its config names takes no automatic name, as in Keras: after
/// `model_from_json` of Dense layers named `dense` and `dense_4`, Keras
/// 3.15.1 names the next two `keras.layers.Dense(2)` `dense` and `dense_1`.
#[test]
fn layers_named_by_their_config_take_no_automatic_name() {
    use kerasinfo::prelude::*;
    clear_session();
    let json = r#"{"module": "keras", "class_name": "Sequential", "config": {"name": "s", "layers": [
        {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 4], "name": "input_layer"}},
        {"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense", "units": 3}},
        {"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense_4", "units": 2}}]}}"#;
    let model = model_from_json(json).unwrap();
    let imported: Vec<String> = model
        .summary()
        .rows
        .iter()
        .map(|r| r.name.to_string())
        .collect();
    assert_eq!(imported, ["dense", "dense_4"]);
    let x = Input::new([4]).tensor().unwrap();
    let a = Dense::new(2).call(&x).unwrap();
    let b = Dense::new(2).call(&a).unwrap();
    assert_eq!(a.layer().name(), "dense");
    assert_eq!(b.layer().name(), "dense_1");
}

/// The same for the classes whose config readers are written by hand
/// (Keras 3.15.1: after `model_from_json` loads `max_pooling2d`,
/// `zero_padding2d_3`, `cropping2d_2` and `average_pooling2d_4`, the
/// layers made in code are `max_pooling2d`, `max_pooling2d_1`,
/// `zero_padding2d`, `cropping2d` and `average_pooling2d`).
#[test]
fn pooling_padding_and_cropping_named_by_their_config_take_no_automatic_name() {
    use kerasinfo::prelude::*;
    clear_session();
    let json = r#"{"module": "keras", "class_name": "Sequential", "config": {"name": "s", "layers": [
        {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 8, 8, 3], "name": "input_layer"}},
        {"module": "keras.layers", "class_name": "MaxPooling2D", "config": {"name": "max_pooling2d", "pool_size": [2, 2]}},
        {"module": "keras.layers", "class_name": "ZeroPadding2D", "config": {"name": "zero_padding2d_3", "padding": [[1, 1], [1, 1]]}},
        {"module": "keras.layers", "class_name": "Cropping2D", "config": {"name": "cropping2d_2", "cropping": [[1, 1], [1, 1]]}},
        {"module": "keras.layers", "class_name": "AveragePooling2D", "config": {"name": "average_pooling2d_4", "pool_size": [2, 2]}}]}}"#;
    let model = model_from_json(json).unwrap();
    let imported: Vec<String> = model
        .summary()
        .rows
        .iter()
        .map(|r| r.name.to_string())
        .collect();
    assert_eq!(
        imported,
        [
            "max_pooling2d",
            "zero_padding2d_3",
            "cropping2d_2",
            "average_pooling2d_4"
        ]
    );
    let x = Input::new([8, 8, 3]).tensor().unwrap();
    let made = [
        MaxPooling2D::new(2).call(&x).unwrap(),
        MaxPooling2D::new(2).call(&x).unwrap(),
        ZeroPadding2D::new(1).call(&x).unwrap(),
        Cropping2D::new(1).call(&x).unwrap(),
        AveragePooling2D::new(2).call(&x).unwrap(),
    ];
    let names: Vec<&str> = made.iter().map(|t| t.layer().name()).collect();
    assert_eq!(
        names,
        [
            "max_pooling2d",
            "max_pooling2d_1",
            "zero_padding2d",
            "cropping2d",
            "average_pooling2d"
        ]
    );
}

/// Every committed config (each fixture group's, the Applications'
/// gzipped ones) imports from its text, where a layer whose config
/// repeats an earlier one's but for its name is a copy of that layer, as
/// from a tree, where each layer is read anew: the same layers, summary
/// and errors.
#[test]
fn configs_import_from_text_as_from_a_tree() {
    use std::io::Read;
    let show = |m: kerasinfo::Result<kerasinfo::Model>| match m {
        // Without the naming sessions, which differ between imports.
        Ok(m) => format!("{:?}\n{:?}", m.layers(), m.summary())
            .split("session: ")
            .map(|s| s.trim_start_matches(|c: char| c.is_ascii_digit()))
            .collect::<Vec<_>>()
            .join("session: _"),
        Err(e) => format!("error: {e}"),
    };
    let root = fixture_dir("");
    let mut checked = 0;
    for group in std::fs::read_dir(&root).unwrap() {
        let dir = group.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&dir).unwrap() {
            let path = file.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap().to_owned();
            let text = if name.ends_with(".config.json") {
                std::fs::read_to_string(&path).unwrap()
            } else if name.ends_with(".config.json.gz") {
                let mut text = String::new();
                flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap())
                    .read_to_string(&mut text)
                    .unwrap();
                text
            } else {
                continue;
            };
            let registry = Registry::new();
            clear_session();
            let from_text = show(kerasinfo::config::model_from_json_with(&text, &registry));
            // The same reader's values as a tree.
            let tree = kerasinfo::config::JsonValue::parse(&text).unwrap();
            clear_session();
            #[allow(deprecated)]
            let from_tree = show(kerasinfo::config::model_from_json_value(&tree, &registry));
            assert!(from_text == from_tree, "{}", path.display());
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked}");
}
