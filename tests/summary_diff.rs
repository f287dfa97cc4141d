//! `Summary::diff` on pairs of Keras models that differ in known ways
//! (tests/fixtures/diff, scripts/gen_diff_fixtures.py): each pair gives
//! exactly its differences, with Keras's figures (per-layer shapes,
//! parameters and weights from the fixture data, connections and sizes
//! from Keras's printed text), and equal models give none: the same code
//! run twice, automatic names with names ignored, and the ResNet50 built
//! with the builder against the config Keras Applications writes. The
//! same pairs compared through their printed summaries give the same
//! differences, in the columns the text holds.

#![cfg(feature = "keras-json")]

mod common;
#[path = "../examples/resnet50.rs"]
mod resnet50_example;

use std::collections::BTreeSet;
use std::io::Read;

use common::{check_model, fixture_dir};
use kerasinfo::Summary;
use kerasinfo::naming::clear_session;
use kerasinfo::summary::{ChangeKind, DiffOptions, PrintedSummary, SummaryDiff, Total};
use serde_json::Value;

const G: &str = "diff";

/// The model Keras loads from fixture `diff/name`'s config, checked
/// against Keras's figures for it.
fn model(name: &str) -> Summary {
    let text = std::fs::read_to_string(fixture_dir(G).join(format!("{name}.config.json"))).unwrap();
    clear_session();
    let model = kerasinfo::config::model_from_json(&text).unwrap();
    check_model(G, name, &model);
    model.summary()
}

fn fixture(name: &str) -> Value {
    let text = std::fs::read_to_string(fixture_dir(G).join(format!("{name}.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn printed(name: &str, variant: &str) -> PrintedSummary {
    let path = fixture_dir(G).join(format!("{name}__{variant}.txt"));
    PrintedSummary::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn layer<'a>(fx: &'a Value, name: &str) -> &'a Value {
    fx["layers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"] == name)
        .unwrap_or_else(|| panic!("no layer {name} in the fixture"))
}

fn shape_text(shapes: &[kerasinfo::Shape]) -> String {
    match shapes {
        [one] => one.to_string(),
        many => format!(
            "[{}]",
            many.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn dims(v: &Value) -> Vec<u64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_u64().unwrap())
        .collect()
}

fn weight<'a>(l: &'a Value, path: &str) -> &'a Value {
    l["weights"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["path"] == path)
        .unwrap_or_else(|| panic!("no weight {path}"))
}

/// The inputs of layer `layer` as Keras's config of fixture `name`
/// records them (`keras_history` of its inbound nodes), as
/// `layer[node][tensor]`.
fn inbound(name: &str, layer: &str) -> Vec<String> {
    fn collect(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(o) => {
                if let Some(h) = o.get("config").and_then(|c| c.get("keras_history")) {
                    out.push(format!("{}[{}][{}]", h[0].as_str().unwrap(), h[1], h[2]));
                } else {
                    o.values().for_each(|x| collect(x, out));
                }
            }
            Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
            _ => {}
        }
    }
    let text = std::fs::read_to_string(fixture_dir(G).join(format!("{name}.config.json"))).unwrap();
    let config: Value = serde_json::from_str(&text).unwrap();
    let l = config["config"]["layers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["config"]["name"] == layer)
        .unwrap();
    let mut out = Vec::new();
    for node in l["inbound_nodes"].as_array().unwrap() {
        collect(&node["args"], &mut out);
    }
    out
}

/// A short name for a change's kind, for the expected lists.
fn kind(k: &ChangeKind) -> &'static str {
    match k {
        ChangeKind::ModelName { .. } => "model name",
        ChangeKind::ModelClass { .. } => "model class",
        ChangeKind::LayerAdded { .. } => "added",
        ChangeKind::LayerRemoved { .. } => "removed",
        ChangeKind::Renamed { .. } => "renamed",
        ChangeKind::Class { .. } => "class",
        ChangeKind::OutputShape { .. } => "shape",
        ChangeKind::Params { .. } => "params",
        ChangeKind::TrainableParams { .. } => "trainable params",
        ChangeKind::Trainable { .. } => "trainable",
        ChangeKind::Connections { .. } => "connections",
        ChangeKind::WeightAdded { .. } => "weight added",
        ChangeKind::WeightRemoved { .. } => "weight removed",
        ChangeKind::WeightShape { .. } => "weight shape",
        ChangeKind::WeightTrainable { .. } => "weight trainable",
        ChangeKind::WeightDType { .. } => "weight dtype",
        ChangeKind::WeightPath { .. } => "weight path",
        ChangeKind::Total { .. } => "total",
        ChangeKind::TotalSize { .. } => "size",
        _ => "other",
    }
}

/// Every change of `d`, checked against Keras's figures for the two
/// fixtures (per-layer data; the printed texts for connections and
/// sizes). Returns the (layer, kind) pairs.
fn checked(d: &SummaryDiff, left: &str, right: &str) -> Vec<(String, &'static str)> {
    let (left_name, right_name) = (left, right);
    let (lf, rf) = (fixture(left), fixture(right));
    let (lt, rt) = (printed(left, "default"), printed(right, "default"));
    let mut out = Vec::new();
    for c in d.changes() {
        let ll = c.left.as_ref().map(|l| layer(&lf, &l.name));
        let rl = c.right.as_ref().map(|r| layer(&rf, &r.name));
        match &c.kind {
            ChangeKind::OutputShape { left, right } => {
                assert_eq!(shape_text(left), ll.unwrap()["output_shape"], "{c:?}");
                assert_eq!(shape_text(right), rl.unwrap()["output_shape"], "{c:?}");
            }
            ChangeKind::Params { left, right } => {
                assert_eq!(*left, ll.unwrap()["params"], "{c:?}");
                assert_eq!(*right, rl.unwrap()["params"], "{c:?}");
            }
            ChangeKind::TrainableParams { left, right } => {
                let trainable = |l: &Value| -> u64 {
                    l["weights"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter(|w| w["trainable"] == true)
                        .map(|w| dims(&w["shape"]).iter().product::<u64>())
                        .sum()
                };
                assert_eq!(*left, trainable(ll.unwrap()), "{c:?}");
                assert_eq!(*right, trainable(rl.unwrap()), "{c:?}");
            }
            ChangeKind::Trainable { left, right } => {
                assert_eq!(*left, ll.unwrap()["trainable"], "{c:?}");
                assert_eq!(*right, rl.unwrap()["trainable"], "{c:?}");
            }
            ChangeKind::WeightShape { path, left, right } => {
                assert_eq!(*left, dims(&weight(ll.unwrap(), path)["shape"]), "{c:?}");
                let rpath = path.replacen(
                    &c.left.as_ref().unwrap().name,
                    &c.right.as_ref().unwrap().name,
                    1,
                );
                assert_eq!(*right, dims(&weight(rl.unwrap(), &rpath)["shape"]), "{c:?}");
            }
            ChangeKind::WeightTrainable { path, left, right } => {
                assert_eq!(*left, weight(ll.unwrap(), path)["trainable"], "{c:?}");
                assert_eq!(*right, weight(rl.unwrap(), path)["trainable"], "{c:?}");
            }
            ChangeKind::LayerRemoved {
                output_shapes,
                params,
            } => {
                let l = ll.unwrap();
                assert_eq!(
                    shape_text(output_shapes.as_ref().unwrap()),
                    l["output_shape"]
                );
                assert_eq!(params.unwrap(), l["params"]);
                assert!(
                    rf["layers"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .all(|x| x["name"] != l["name"])
                );
            }
            ChangeKind::LayerAdded {
                output_shapes,
                params,
            } => {
                let r = rl.unwrap();
                assert_eq!(
                    shape_text(output_shapes.as_ref().unwrap()),
                    r["output_shape"]
                );
                assert_eq!(params.unwrap(), r["params"]);
                assert!(
                    lf["layers"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .all(|x| x["name"] != r["name"])
                );
            }
            ChangeKind::Renamed { left, right } => {
                // The same position in Keras's layer lists.
                let pos = |fx: &Value, n: &str| {
                    fx["layers"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .position(|l| l["name"] == n)
                        .unwrap()
                };
                assert_eq!(pos(&lf, left), pos(&rf, right), "{c:?}");
            }
            ChangeKind::Connections { left, right } => {
                // As Keras's config records them.
                assert_eq!(
                    *left,
                    inbound(left_name, &c.left.as_ref().unwrap().name),
                    "{c:?}"
                );
                assert_eq!(
                    *right,
                    inbound(right_name, &c.right.as_ref().unwrap().name),
                    "{c:?}"
                );
            }
            ChangeKind::Total { which, left, right } => {
                let key = match which {
                    Total::All => "total_params",
                    Total::Trainable => "trainable_params",
                    Total::NonTrainable => "non_trainable_params",
                    _ => panic!("{c:?}"),
                };
                assert_eq!(*left, lf[key], "{c:?}");
                assert_eq!(*right, rf[key], "{c:?}");
            }
            ChangeKind::TotalSize { which, left, right } => {
                // As Keras printed them.
                let size = |p: &PrintedSummary| match which {
                    Total::All => p.summary.total_size,
                    Total::Trainable => p.summary.trainable_size,
                    Total::NonTrainable => p.summary.non_trainable_size,
                    _ => panic!("{c:?}"),
                };
                assert_eq!(left.to_string(), size(&lt).to_string(), "{c:?}");
                assert_eq!(right.to_string(), size(&rt).to_string(), "{c:?}");
            }
            other => panic!("unexpected change {other:?}"),
        }
        out.push((c.layer_name().to_owned(), kind(&c.kind)));
    }
    out
}

fn pairs(list: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
    list.iter().map(|(l, k)| ((*l).to_owned(), *k)).collect()
}

const TOTALS: [(&str, &str); 6] = [
    ("", "total"),
    ("", "size"),
    ("", "total"),
    ("", "size"),
    ("", "total"),
    ("", "size"),
];

/// The same pair through Keras's printed texts (`variant`): the changes of
/// the model diff that the text holds.
fn check_printed(d: &SummaryDiff, left: &str, right: &str, variant: &str) {
    let (lt, rt) = (printed(left, variant), printed(right, variant));
    let from_text = lt.diff(&rt);
    let trainable_column = lt.columns.trainable;
    let connections = lt.columns.connected_to && rt.columns.connected_to;
    let expected: Vec<(String, &str)> = d
        .changes()
        .iter()
        .filter(|c| match c.kind {
            ChangeKind::Trainable { .. } => trainable_column,
            ChangeKind::Connections { .. } => connections,
            ChangeKind::TrainableParams { .. }
            | ChangeKind::WeightShape { .. }
            | ChangeKind::WeightTrainable { .. }
            | ChangeKind::WeightPath { .. }
            | ChangeKind::WeightAdded { .. }
            | ChangeKind::WeightRemoved { .. }
            | ChangeKind::WeightDType { .. }
            | ChangeKind::ModelClass { .. } => false,
            _ => true,
        })
        .map(|c| (c.layer_name().to_owned(), kind(&c.kind)))
        .collect();
    let got: Vec<(String, &str)> = from_text
        .changes()
        .iter()
        .map(|c| (c.layer_name().to_owned(), kind(&c.kind)))
        .collect();
    assert_eq!(got, expected, "{left} vs {right} ({variant})\n{from_text}");
    // A model against the other's text: the same.
    let mixed = model(left).diff(&rt);
    let got: Vec<(String, &str)> = mixed
        .changes()
        .iter()
        .map(|c| (c.layer_name().to_owned(), kind(&c.kind)))
        .collect();
    assert_eq!(
        got, expected,
        "{left} vs the text of {right} ({variant})\n{mixed}"
    );
}

fn check_pair(left: &str, right: &str, expected: &[(&str, &'static str)]) -> SummaryDiff {
    let d = model(left).diff(&model(right));
    let got = checked(&d, left, right);
    assert_eq!(got, pairs(expected), "{left} vs {right}\n{d}");
    for variant in ["default", "show_trainable"] {
        check_printed(&d, left, right, variant);
    }
    d
}

#[test]
fn a_changed_filter_count() {
    let mut expected = vec![
        ("conv_c", "shape"),
        ("conv_c", "params"),
        ("conv_c", "weight shape"),
        ("conv_c", "weight shape"),
        ("bn_c", "shape"),
        ("bn_c", "params"),
        ("bn_c", "weight shape"),
        ("bn_c", "weight shape"),
        ("bn_c", "weight shape"),
        ("bn_c", "weight shape"),
        ("relu_c", "shape"),
        ("gap", "shape"),
        ("fc", "params"),
        ("fc", "weight shape"),
    ];
    expected.extend(TOTALS);
    check_pair("base", "filters", &expected);
}

#[test]
fn a_removed_block() {
    let mut expected = vec![
        ("conv_b", "removed"),
        ("bn_b", "removed"),
        ("add_b", "removed"),
        ("relu_b", "removed"),
        ("conv_c", "connections"),
    ];
    expected.extend(TOTALS);
    let d = check_pair("base", "removed_block", &expected);
    // And the other way round: the block added.
    let back = model("removed_block").diff(&model("base"));
    let added: Vec<&str> = back
        .changes()
        .iter()
        .filter(|c| matches!(c.kind, ChangeKind::LayerAdded { .. }))
        .map(|c| c.right.as_ref().unwrap().name.as_str())
        .collect();
    assert_eq!(added, ["conv_b", "bn_b", "add_b", "relu_b"]);
    assert_eq!(back.len(), d.len());
}

#[test]
fn a_frozen_layer() {
    let expected = [
        ("conv_b", "trainable params"),
        ("conv_b", "trainable"),
        ("conv_b", "weight trainable"),
        ("conv_b", "weight trainable"),
        // Trainable and non-trainable totals, with their sizes.
        ("", "total"),
        ("", "size"),
        ("", "total"),
        ("", "size"),
    ];
    check_pair("base", "frozen", &expected);
}

#[test]
fn a_renamed_layer() {
    let d = check_pair("base", "renamed", &[("conv_a", "renamed")]);
    // Its weights' paths and the `Connected to` of bn_a follow the name:
    // nothing else changes. The report:
    assert_eq!(
        d.to_string(),
        "--- \"cnn\"\n+++ \"cnn\"\n@@ conv_a (Conv2D)\n-  name: conv_a\n+  name: stem_conv\n1 difference\n"
    );
}

#[test]
fn a_different_input_shape() {
    let expected = [
        ("image", "shape"),
        ("conv_a", "shape"),
        ("bn_a", "shape"),
        ("relu_a", "shape"),
        ("conv_b", "shape"),
        ("bn_b", "shape"),
        ("add_b", "shape"),
        ("relu_b", "shape"),
        ("conv_c", "shape"),
        ("bn_c", "shape"),
        ("relu_c", "shape"),
    ];
    check_pair("base", "input_shape", &expected);
}

#[test]
fn equal_models_have_no_differences() {
    let d = model("base").diff(&model("base_again"));
    assert!(d.is_empty(), "{d}");
    assert_eq!(d.to_string(), "--- \"cnn\"\n+++ \"cnn\"\nno differences\n");
    for variant in ["default", "show_trainable"] {
        assert!(
            printed("base", variant)
                .diff(&model("base_again"))
                .is_empty()
        );
        assert!(
            printed("base", variant)
                .diff(&printed("base_again", variant))
                .is_empty()
        );
    }
}

#[test]
fn automatic_names_differ_only_in_names() {
    let (base, auto) = (model("base"), model("auto_names"));
    let d = base.diff_with(&auto, &DiffOptions::new().ignore_names(true));
    assert!(d.is_empty(), "{d}");
    // With names: every layer renamed, nothing else (connections and
    // weight paths follow the names).
    let d = base.diff(&auto);
    let fx = fixture("auto_names");
    let renamed: Vec<(&str, &str)> = d
        .changes()
        .iter()
        .map(|c| match &c.kind {
            ChangeKind::Renamed { left, right } => (left.as_str(), right.as_str()),
            other => panic!("{other:?}"),
        })
        .collect();
    let keras_names: Vec<&str> = fx["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap())
        .collect();
    let base_names: Vec<&str> = base.rows.iter().map(|r| r.name.as_str()).collect();
    let expected: Vec<(&str, &str)> = base_names.into_iter().zip(keras_names).collect();
    assert_eq!(renamed, expected);
    // Through the printed texts too.
    let d = printed("base", "default").diff_with(
        &printed("auto_names", "default"),
        &DiffOptions::new().ignore_names(true),
    );
    assert!(d.is_empty(), "{d}");
}

/// The ResNet50 of examples/resnet50.rs (the builder) against the config
/// Keras Applications writes, and against its printed summary.
#[test]
fn resnet50_builder_twin_equals_its_keras_config() {
    let read = |file: &str| {
        let bytes = std::fs::read(fixture_dir("applications").join(file)).unwrap();
        let mut s = String::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    clear_session();
    let twin = resnet50_example::resnet50().unwrap().summary();
    clear_session();
    let keras = kerasinfo::config::model_from_json(&read("ResNet50.config.json.gz"))
        .unwrap()
        .summary();
    let d = twin.diff(&keras);
    assert!(d.is_empty(), "{d}");
    let text = PrintedSummary::parse(&read("ResNet50__default.txt.gz")).unwrap();
    let d = twin.diff(&text);
    assert!(d.is_empty(), "{d}");
    assert_eq!(twin.rows.len(), 177);
    // A changed twin is caught, down to the layer.
    clear_session();
    let mut other = twin.clone();
    other.rows[5].params += 1;
    let d = other.diff(&keras);
    let layers: BTreeSet<&str> = d.changes().iter().map(|c| c.layer_name()).collect();
    assert_eq!(layers, BTreeSet::from([twin.rows[5].name.as_str()]));
}

#[test]
fn json_report() {
    let d = model("base").diff(&model("frozen"));
    let v = d.to_json();
    assert_eq!(v["equal"], false);
    let changes = v["changes"].as_array().unwrap();
    assert_eq!(changes.len(), d.len());
    assert_eq!(changes[1]["kind"], "trainable");
    assert_eq!(changes[1]["left_layer"]["name"], "conv_b");
    assert_eq!(changes[1]["left"], true);
    assert_eq!(changes[1]["right"], false);
}
