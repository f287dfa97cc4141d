//! `Model::with_input_shapes` against Keras (fixtures from
//! scripts/gen_summary_extras_fixtures.py): each model's config imported,
//! rebuilt on new input shapes, compared with the summary of the model
//! Keras's `clone_model(model, input_tensors=[keras.Input(...)])` builds
//! and with TensorFlow's profiler FLOPs of that model at batch size 1.

#![cfg(feature = "keras-json")]

mod common;

use common::{fixture_dir, fixture_names};
use kerasinfo::{Dim, Keras3Options, Model, ShapeArg};
use serde_json::Value;

fn read(file: &str) -> String {
    std::fs::read_to_string(fixture_dir("input_shape").join(file)).unwrap()
}

fn model(name: &str) -> Model {
    kerasinfo::naming::clear_session();
    kerasinfo::config::model_from_json(&read(&format!("{name}.config.json"))).unwrap()
}

fn shapes(v: &Value) -> Vec<ShapeArg> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let dims: Vec<Dim> = s
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d.as_u64().map_or(Dim::Unknown, Dim::Known))
                .collect();
            ShapeArg::from(dims)
        })
        .collect()
}

fn options(kwargs: &Value) -> Keras3Options {
    let mut o = Keras3Options::new();
    if let Some(b) = kwargs.get("show_trainable").and_then(Value::as_bool) {
        o = o.show_trainable(b);
    }
    if let Some(b) = kwargs.get("expand_nested").and_then(Value::as_bool) {
        o = o.expand_nested(b);
    }
    o
}

#[test]
fn rebuilt_models_print_what_keras_prints() {
    let names = fixture_names("input_shape", ".rebuilt.json");
    assert_eq!(names.len(), 8, "{names:?}");
    let mut flops_checked = 0;
    for name in &names {
        let fx: Value = serde_json::from_str(&read(&format!("{name}.rebuilt.json"))).unwrap();
        let m = model(name);
        let rebuilt = m.with_input_shapes(shapes(&fx["input_shapes"])).unwrap();
        let s = rebuilt.summary();
        for (variant, kwargs) in fx["variants"].as_object().unwrap() {
            let want = read(&format!("{name}__rebuilt__{variant}.txt"));
            let got = s.render(&options(kwargs)).unwrap();
            assert_eq!(got, want, "{name} {variant}");
        }
        assert_eq!(
            s.total_params,
            fx["total_params"].as_u64().unwrap(),
            "{name}"
        );
        assert_eq!(
            s.trainable_params,
            fx["trainable_params"].as_u64().unwrap(),
            "{name}"
        );
        // Per layer (`model.layers`; operations are in the text only):
        // output shapes and weights, paths included (but those of nested
        // models, which `clone_model` makes anew at the top level while
        // the rebuilt model keeps the model's own).
        for l in fx["layers"].as_array().unwrap() {
            let row = s.row(l["name"].as_str().unwrap()).unwrap();
            let ctx = format!("{name}: {}", row.name);
            assert_eq!(
                row.output_shape_text(),
                l["output_shape"].as_str().unwrap(),
                "{ctx}"
            );
            if row.nested.is_some() {
                continue;
            }
            let paths: Vec<&str> = row.weights().iter().map(|w| w.path.as_str()).collect();
            let want: Vec<&str> = l["weights"]
                .as_array()
                .unwrap()
                .iter()
                .map(|w| w["path"].as_str().unwrap())
                .collect();
            assert_eq!(paths, want, "{ctx}");
        }
        // The parameters are the model's own: a rebuild changes no weight.
        assert_eq!(s.total_params, m.summary().total_params, "{name}");
        match fx.get("tf_flops").and_then(Value::as_u64) {
            Some(tf) => {
                let c = s.cost().unwrap_or_else(|| panic!("{name}: unknown cost"));
                assert_eq!(c.flops, tf, "{name}: TF profiler FLOPs");
                flops_checked += 1;
            }
            // A dimension left unknown: the cost stays unknown.
            None => assert_eq!(s.cost(), None, "{name}"),
        }
    }
    assert_eq!(flops_checked, 6);
}

#[test]
fn dynamic_models_get_known_flops_and_memory() {
    // The example: MobileNetV3Small takes (None, None, None, 3).
    let m = model("mobilenet_v3_small");
    assert_eq!(m.summary().cost(), None);
    assert!(m.memory(1, None).is_err());
    let at = m.with_input_shapes([[224, 224, 3]]).unwrap();
    assert!(at.summary().cost().is_some());
    let plan = at.memory(8, None).unwrap();
    assert_eq!(plan.input_bytes, 8 * 224 * 224 * 3 * 4);
    assert!(plan.forward_bytes > plan.input_bytes);
    // The original is untouched.
    assert_eq!(
        m.summary().rows[1].output_shape_text(),
        "(None, None, None, 3)"
    );
    assert_eq!(m.summary().cost(), None);
}

#[test]
fn a_nested_model_called_on_concrete_shapes_has_known_figures() {
    // nested_backbone: the backbone takes (None, None, None, 3); called
    // in the rebuilt model on (None, 64, 64, 3), its cost and activations
    // follow those shapes, while its own rows keep Keras's shapes.
    let m = model("nested_backbone");
    let at = m.with_input_shapes([[64, 64, 3]]).unwrap();
    let s = at.summary();
    let backbone = s.row("backbone").unwrap();
    assert_eq!(backbone.output_shape_text(), "(None, 31, 31, 4)");
    assert!(backbone.cost().is_some());
    let inner = backbone.nested.as_deref().unwrap();
    assert_eq!(inner.rows[1].output_shape_text(), "(None, None, None, 4)");
    let plan = at.memory(2, None).unwrap();
    // conv and bn outputs (2·31·31·4 each), pooling (2·4), dense (2·2).
    assert_eq!(
        plan.forward_bytes,
        4 * (2 * 2 * 31 * 31 * 4 + 2 * 4 + 2 * 2)
    );
}

#[test]
fn shapes_that_do_not_fit_are_errors_naming_the_layer() {
    let names = fixture_names("input_shape", ".error.json");
    assert_eq!(names.len(), 4, "{names:?}");
    for name in names {
        let fx: Value = serde_json::from_str(&read(&format!("{name}.error.json"))).unwrap();
        let keras = fx["error"].as_str().unwrap();
        let e = model(&name)
            .with_input_shapes(shapes(&fx["input_shapes"]))
            .unwrap_err()
            .to_string();
        // The layer Keras names (`layer 'head'`, `Conv2D.call()`, the
        // nested `Sequential`) is the one kerasinfo names.
        let (layer, class) = match name.as_str() {
            "err_flatten_dense" => ("head", "Dense"),
            "err_too_small" | "err_channels" => ("conv", "Conv2D"),
            "err_nested_input" => ("inner", "Sequential"),
            other => panic!("{other}"),
        };
        assert!(
            keras.contains(&format!("'{layer}'")) || keras.contains(&format!("{class}.call()")),
            "{name}: {keras}"
        );
        assert!(
            e.starts_with(&format!("layer \"{layer}\" ({class}): ")),
            "{name}: {e}"
        );
        println!("{name}: {e}\n  keras: {keras}");
    }
}

#[test]
fn bad_shapes_are_errors() {
    let m = model("dynamic_cnn");
    let e = |r: kerasinfo::Result<Model>| r.unwrap_err().to_string();
    // Wrong rank, naming the input.
    let msg = e(m.with_input_shapes([[32, 32]]));
    assert!(msg.contains("has rank 3, the input's has rank 4"), "{msg}");
    assert!(
        msg.starts_with("layer \"input_layer\" (InputLayer)"),
        "{msg}"
    );
    // Negative dimension.
    let msg = e(m.with_input_shapes([[32, -1, 3]]));
    assert!(msg.contains("received -1"), "{msg}");
    // Wrong number of shapes.
    let msg = e(m.with_input_shapes(Vec::<[u64; 3]>::new()));
    assert!(
        msg.contains("expects 1 input shape(s), one per input (input_layer), received 0"),
        "{msg}"
    );
    let two = model("text_two_inputs");
    let msg = e(two.with_input_shapes([[4]]));
    assert!(
        msg.contains("one per input (tokens, extra), received 1"),
        "{msg}"
    );
    // Zero-sized dimensions are shapes Keras takes; the 3x3 depthwise
    // kernel after the strided convolution does not.
    let msg = e(m.with_input_shapes([[0, 0, 3]]));
    assert!(
        msg.starts_with(
            "layer \"depthwise_conv2d\" (DepthwiseConv2D): input shape (None, 0, 0, 8)"
        ),
        "{msg}"
    );
}

#[test]
fn builder_models_rebuild_too() {
    use kerasinfo::prelude::*;
    kerasinfo::naming::clear_session();
    let tokens = Input::new([None::<u64>]).name("tokens").tensor().unwrap();
    let shared = Dense::new(4).name("shared").shared();
    let x = Embedding::new(50, 4).call(&tokens).unwrap();
    let a = shared.call(&x).unwrap();
    let b = shared.call(&a).unwrap();
    let y = Add::new().call([&a, &b]).unwrap();
    let m = Functional::new(&tokens, &y)
        .name("shared_model")
        .build()
        .unwrap();
    let r = m.with_input_shapes([[7]]).unwrap();
    let s = r.summary();
    let row = s.row("shared").unwrap();
    assert_eq!(row.call_output_shapes.len(), 2);
    assert_eq!(row.output_shape_text(), "(None, 7, 4)");
    assert_eq!(row.connected_to_text(), "embedding[0][0], shared[0][0]");
    assert_eq!(s.total_params, m.summary().total_params);
    // The rebuilt model writes a config Keras loads with the new input.
    let json = kerasinfo::config::model_to_json(&r).unwrap();
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        v["config"]["layers"][0]["config"]["batch_shape"],
        serde_json::json!([null, 7])
    );
    let again = kerasinfo::config::model_from_json(&json).unwrap();
    assert_eq!(again.summary().to_string(), s.to_string());
}
