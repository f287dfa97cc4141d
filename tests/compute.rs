//! Compute figures (`kerasinfo::compute`) against TensorFlow's profiler
//! and torchinfo (fixtures from scripts/gen_compute_fixtures.py).
//!
//! Each TF case is a small Keras model (its config is in the fixture); the
//! profiler's float operations at batch size 1 are compared with
//! kerasinfo's per-sample FLOPs — in total, per layer, and (as `2·MACs`)
//! against the contraction ops. Where the profiler's count differs by
//! construction, the documented relationship is asserted instead.

#![cfg(feature = "keras-json")]

use std::collections::BTreeMap;

use kerasinfo::Summary;
use kerasinfo::compute::Cost;
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/compute")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn summary_of(config: &Value) -> Summary {
    kerasinfo::naming::clear_session();
    kerasinfo::config::model_from_json(&config.to_string())
        .unwrap()
        .summary()
}

/// The ops whose FLOPs are `2·MACs` of a contraction.
const CONTRACTIONS: [&str; 7] = [
    "MatMul",
    "BatchMatMulV2",
    "BatchMatMulV3",
    "Conv2D",
    "Conv3D",
    "DepthwiseConv2dNative",
    "Conv2DBackpropInput",
];

fn u(v: &Value) -> u64 {
    v.as_u64().unwrap()
}

fn contraction_flops(case: &Value) -> u64 {
    let by_op = case["tf_flops_by_op"].as_object().unwrap();
    CONTRACTIONS
        .iter()
        .filter_map(|op| by_op.get(*op))
        .map(u)
        .sum()
}

fn layer_config<'a>(case: &'a Value, class: &str) -> &'a Value {
    case["config"]["config"]["layers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["class_name"] == class)
        .map(|l| &l["config"])
        .unwrap_or_else(|| panic!("no {class} layer"))
}

fn shape(case: &Value, i: usize) -> Vec<u64> {
    case["input_shapes"][i]
        .as_array()
        .unwrap()
        .iter()
        .map(u)
        .collect()
}

/// How the profiler's count relates to kerasinfo's for one case.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Relation {
    /// Equal, in total, per layer, and `2·MACs` = the contraction ops.
    Exact,
    /// The profiler has no statistics for the contraction op (a grouped
    /// convolution runs in a nested function call; `Conv3DBackpropInputV2`
    /// and `MaxPool3D`/`AvgPool3D` are not in its registry): it counts
    /// the rest only.
    ContractionUncounted,
    /// 3D pooling: the profiler counts 0.
    PoolUncounted,
    /// Shape arithmetic the profiler counts once per call, whatever the
    /// batch: this many FLOPs more than kerasinfo's (per-sample) 0.
    ShapeArithmetic(u64),
    /// Projected attention: Keras computes the scores and the weighted
    /// sum with `Einsum`, which the profiler does not count; plus this
    /// many FLOPs of head-repeat shape arithmetic.
    AttentionEinsum(u64),
    /// Adaptive pooling: the profiler adds 9 FLOPs of window-index
    /// arithmetic per output index and axis, once per call; it counts
    /// the 1D/2D pooling ops as kerasinfo does, and no 3D pooling op.
    AdaptivePool,
    /// `TextVectorization(output_mode="tf_idf")`: the profiler cannot
    /// count the IDF multiply (the split's shapes are unknown), only this
    /// many FLOPs of per-call range checks; kerasinfo counts the multiply
    /// by convention, one FLOP per output element.
    IdfUncounted(u64),
    /// Augmentations that draw random factors at inference: the
    /// profiler counts the draw per image plus seed arithmetic once per
    /// call; kerasinfo's figure is the per-image part (the difference
    /// between the profiles at batch 2 and 1).
    RandomDraw,
    /// Scalar range checks the profiler counts once per call (this
    /// many FLOPs), whatever the batch, beside the per-sample figure.
    PerCall(u64),
    /// A transposed convolution with `padding="valid"`: the profiler
    /// approximates from the output (`2·out·kernel/(filters·∏strides)`).
    TransposeValid,
}

fn relation(name: &str) -> Relation {
    match name {
        "conv2d_grouped" | "conv3d_transpose_same" => Relation::ContractionUncounted,
        "maxpool3d" | "avgpool3d" => Relation::PoolUncounted,
        "repeat_vector" | "upsampling1d" => Relation::ShapeArithmetic(1),
        "upsampling2d" => Relation::ShapeArithmetic(2),
        "mha_self" | "mha_cross" | "mha_nobias_out" => Relation::AttentionEinsum(0),
        "gqa" => Relation::AttentionEinsum(2),
        "conv2d_transpose_valid" => Relation::TransposeValid,
        n if n.starts_with("adaptive_") => Relation::AdaptivePool,
        "augment_RandomGrayscale"
        | "augment_RandomHue"
        | "augment_RandomSaturation"
        | "augment_RandomSharpness"
        | "augment_RandomColorDegeneration"
        | "augment_RandomPosterization"
        | "augment_MixUp" => Relation::RandomDraw,
        n if n.starts_with("augment_") && n.ends_with("_args") => Relation::RandomDraw,
        "category_encoding_multi_hot" | "string_lookup_tf_idf" | "text_vectorization_int" => {
            Relation::PerCall(5)
        }
        "text_vectorization_multi_hot" => Relation::PerCall(10),
        "text_vectorization_tf_idf" => Relation::IdfUncounted(10),
        _ => Relation::Exact,
    }
}

fn cost(s: &Summary, name: &str) -> Cost {
    s.cost()
        .unwrap_or_else(|| panic!("{name}: kerasinfo's cost is unknown: {:?}", s.rows))
}

#[test]
fn tf_profiler_totals_and_layers() {
    let fx = fixture("tf_profiler.json");
    let cases = fx["cases"].as_object().unwrap();
    assert!(cases.len() > 100, "{}", cases.len());
    let mut checked = BTreeMap::new();
    for (name, case) in cases {
        let s = summary_of(&case["config"]);
        let rel = relation(name);
        *checked.entry(format!("{rel:?}")).or_insert(0) += 1;
        let c = cost(&s, name);
        let tf = u(&case["tf_flops"]);
        let tf_mm = contraction_flops(case);
        // Where the fixture has a batch-2 profile, its increase over batch
        // 1 is the per-sample count: kerasinfo's per-sample figure.
        if let Some(b2) = case.get("tf_flops_batch2") {
            // (3D pooling and TextVectorization's IDF multiply are
            // uncounted: only the per-call work.)
            let per_sample = if name == "adaptive_avgpool3d" || name == "text_vectorization_tf_idf"
            {
                0
            } else {
                c.flops
            };
            assert_eq!(
                u(b2) - tf,
                per_sample,
                "{name}: per-sample (batch 2 − batch 1)"
            );
            *checked.entry("batch2".to_owned()).or_insert(0) += 1;
        }
        match rel {
            Relation::Exact => {
                assert_eq!(c.flops, tf, "{name}: FLOPs");
                assert_eq!(2 * c.macs, tf_mm, "{name}: 2·MACs vs contraction ops");
                // Per layer: the ops under each layer's name scope.
                // Keras operations (`op_*`) run under the model's scope
                // only: their total is checked above.
                let by_layer = case["tf_flops_by_layer"].as_object().unwrap();
                if name.starts_with("op_") {
                    assert!(by_layer.keys().all(|k| k == "?"), "{name}");
                    continue;
                }
                assert!(!by_layer.contains_key("?"), "{name}: unattributed ops");
                for row in &s.rows {
                    let want = by_layer.get(row.name.as_str()).map_or(0, u);
                    let got = row.cost().unwrap().flops;
                    assert_eq!(got, want, "{name}: layer {}", row.name);
                }
            }
            Relation::ContractionUncounted => {
                assert_eq!(tf_mm, 0, "{name}");
                assert!(c.macs > 0, "{name}");
                assert_eq!(c.flops - 2 * c.macs, tf, "{name}: the rest is counted");
            }
            Relation::PoolUncounted => {
                assert_eq!(tf, 0, "{name}");
                let out: u64 = s.rows.last().unwrap().output_shapes[0]
                    .iter()
                    .skip(1)
                    .map(|d| d.known().unwrap())
                    .product();
                assert_eq!((c.macs, c.flops), (0, out * 8), "{name}: window 2x2x2");
            }
            Relation::ShapeArithmetic(k) => {
                assert_eq!(
                    case["tf_flops_by_op"],
                    serde_json::json!({"Mul": k}),
                    "{name}"
                );
                assert_eq!((c.macs, c.flops), (0, 0), "{name}");
            }
            Relation::AttentionEinsum(repeat) => {
                // The products TF misses: heads·Tq·Tk·(key_dim + value_dim).
                let (q, v) = (shape(case, 0), shape(case, 1));
                let (heads, dk, dv) = if name == "gqa" {
                    let l = layer_config(case, "GroupQueryAttention");
                    (
                        u(&l["num_query_heads"]),
                        u(&l["head_dim"]),
                        u(&l["head_dim"]),
                    )
                } else {
                    let l = layer_config(case, "MultiHeadAttention");
                    let dk = u(&l["key_dim"]);
                    (
                        u(&l["num_heads"]),
                        dk,
                        l["value_dim"].as_u64().unwrap_or(dk),
                    )
                };
                let missed = heads * q[0] * v[0] * (dk + dv);
                assert_eq!(2 * c.macs, tf_mm + 2 * missed, "{name}: MACs");
                assert_eq!(c.flops + repeat, tf + 2 * missed, "{name}: FLOPs");
            }
            Relation::RandomDraw => {
                assert!(case.get("tf_flops_batch2").is_some(), "{name}");
                assert!(c.flops > 0 && c.flops < tf, "{name}");
                assert_eq!(c.macs, 0, "{name}");
            }
            Relation::IdfUncounted(k) => {
                assert_eq!(tf, k, "{name}");
                let out: u64 = s.rows.last().unwrap().output_shapes[0]
                    .iter()
                    .skip(1)
                    .map(|d| d.known().unwrap())
                    .product();
                assert_eq!((c.macs, c.flops), (0, out), "{name}");
            }
            Relation::PerCall(k) => {
                assert_eq!(c.flops + k, tf, "{name}: FLOPs");
                assert_eq!(c.macs, 0, "{name}");
            }
            Relation::AdaptivePool => {
                let class = case["config"]["config"]["layers"][1]["class_name"]
                    .as_str()
                    .unwrap();
                let l = layer_config(case, class);
                let out: u64 = l["output_size"].as_array().unwrap().iter().map(u).sum();
                let by_op = case["tf_flops_by_op"].as_object().unwrap();
                let pool = ["MaxPool", "AvgPool"]
                    .iter()
                    .filter_map(|op| by_op.get(*op))
                    .map(u)
                    .sum::<u64>();
                assert_eq!(c.macs, 0, "{name}");
                assert_eq!(tf - pool, 9 * out, "{name}: index arithmetic");
                if class.ends_with("3D") {
                    assert_eq!(pool, 0, "{name}: 3D pooling uncounted");
                    assert!(c.flops > 0, "{name}");
                } else {
                    assert_eq!(c.flops, pool, "{name}: pooling FLOPs");
                }
            }
            Relation::TransposeValid => {
                let l = layer_config(case, "Conv2DTranspose");
                let filters = u(&l["filters"]);
                let strides: u64 = l["strides"].as_array().unwrap().iter().map(u).product();
                let row = s.rows.last().unwrap();
                let out: u64 = row.output_shapes[0]
                    .iter()
                    .skip(1)
                    .map(|d| d.known().unwrap())
                    .product();
                let kernel = row.weights()[0].count;
                assert_eq!(tf_mm, 2 * out * kernel / (filters * strides), "{name}");
                let x = shape(case, 0);
                let in_positions = x[0] * x[1];
                assert_eq!(c.macs, in_positions * kernel, "{name}: exact MACs");
                assert_eq!(c.flops - 2 * c.macs, tf - tf_mm, "{name}: bias");
            }
        }
    }
    assert!(checked["Exact"] > 120, "{checked:?}");
    assert_eq!(checked["AdaptivePool"], 5, "{checked:?}");
    assert_eq!(checked["PerCall(5)"], 3, "{checked:?}");
    assert_eq!(checked["IdfUncounted(10)"], 1, "{checked:?}");
    assert_eq!(checked["RandomDraw"], 14, "{checked:?}");
    // adaptive 5, category encodings 2, tf_idf 1, text vectorization 3,
    // augmentations 8 + 14.
    assert_eq!(checked["batch2"], 33, "{checked:?}");
}

/// Every layer kind of the fixture is counted (`Some`), and the batch
/// multiplies every figure.
#[test]
fn batch_size_multiplies_the_per_sample_figures() {
    let fx = fixture("tf_profiler.json");
    let case = &fx["cases"]["seed"];
    let s = summary_of(&case["config"]);
    let one = s.cost_for_batch(1).unwrap().unwrap();
    assert_eq!(one.flops, u(&case["tf_flops"]));
    let b = s.cost_for_batch(32).unwrap().unwrap();
    assert_eq!((b.macs, b.flops), (32 * one.macs, 32 * one.flops));
    assert!(s.cost_for_batch(u64::MAX).is_err());
}

/// torchinfo's `mult-adds` for equivalent PyTorch layers, against
/// kerasinfo's MACs of the Keras twins: equal where the conventions
/// agree, otherwise the documented relationship.
#[test]
fn torchinfo_mult_adds() {
    let fx = fixture("torchinfo.json");
    let twins = fixture("keras_twins.json");
    let cases = fx["cases"].as_object().unwrap();
    let mut seen = 0;
    for (name, case) in cases {
        let s = summary_of(&twins[name]);
        let c = cost(&s, name);
        let ti = u(&case["total_mult_adds"]);
        let ti4 = u(&case["batch4_total_mult_adds"]);
        // torchinfo's mult-adds scale with the batch like kerasinfo's.
        assert_eq!(ti4, 4 * ti, "{name}: torchinfo batch 4");
        let b4 = s.cost_for_batch(4).unwrap().unwrap();
        assert_eq!(b4.macs, 4 * c.macs, "{name}");
        // kerasinfo's bias FLOPs (one per output element) are what
        // torchinfo adds to the MACs for a bias.
        let row = s.rows.last().unwrap();
        let out: u64 = row.output_shapes[0]
            .iter()
            .skip(1)
            .map(|d| d.known().unwrap())
            .product();
        // The elements a layer's bias is added to (0 without a bias).
        let bias = |r: &kerasinfo::SummaryRow| {
            if r.weights().iter().any(|w| w.path.ends_with("/bias")) {
                r.output_shapes[0]
                    .iter()
                    .skip(1)
                    .map(|d| d.known().unwrap())
                    .product::<u64>()
            } else {
                0
            }
        };
        match name.as_str() {
            // Linear/Conv: torchinfo counts (weight + bias params) × output
            // positions: kerasinfo's MACs plus one per output element.
            "linear" | "conv1d" | "conv2d" | "conv2d_stride_pad" | "conv3d" | "depthwise2d" => {
                assert_eq!(ti, c.macs + bias(row), "{name}");
            }
            // On (batch, 3, 7) torchinfo multiplies Linear's params by the
            // batch only, not the 3 positions.
            "linear_3d" => {
                let positions = 3;
                assert_eq!(ti * positions, c.macs + bias(row), "{name}");
            }
            // ConvTranspose: torchinfo multiplies the kernel by the
            // *output* positions (9x9), kerasinfo (exactly) by the input's
            // (4x4).
            "conv_transpose2d" => {
                let kernel = row.weights()[0].count;
                let out_positions = out / 4;
                assert_eq!(ti, kernel * out_positions + bias(row), "{name}");
                assert_eq!(c.macs, kernel * 16, "{name}");
            }
            // BatchNorm: torchinfo counts its 2·C affine params once per
            // sample; kerasinfo counts no MACs (element-wise work, FLOPs).
            "batchnorm2d" => {
                assert_eq!(ti, 2 * 3, "{name}");
                assert_eq!(c.macs, 0, "{name}");
            }
            "maxpool2d" | "avgpool2d" => {
                assert_eq!((ti, c.macs), (0, 0), "{name}");
            }
            // Embedding: torchinfo counts its parameters once per sample
            // (a look-up multiplies nothing: kerasinfo counts 0 MACs).
            "embedding" => {
                assert_eq!((ti, c.macs), (s.total_params, 0), "{name}");
            }
            // Recurrent: torchinfo counts every parameter once per step —
            // PyTorch has two bias vectors (b_ih, b_hh) of gates·units where
            // Keras has one (GRU with reset_after: two, as PyTorch) — so it
            // is kerasinfo's MACs plus steps·2·gates·units.
            "rnn" | "lstm" | "gru" => {
                let (gates, units, steps) = match name.as_str() {
                    "rnn" => (1, 3, 5),
                    "lstm" => (4, 3, 5),
                    _ => (3, 3, 5),
                };
                assert_eq!(ti, c.macs + steps * 2 * gates * units, "{name}");
            }
            // MultiheadAttention: torchinfo counts nothing — the module's
            // projections are parameters used by a functional call (no
            // sub-module runs), and the score and weighted-sum products are
            // not counted either. kerasinfo: the four projections and both
            // products.
            "mha" => {
                let (t, e, heads, dk) = (4u64, 6u64, 2u64, 3u64);
                assert_eq!(ti, 0, "{name}");
                let projections = 4 * t * e * e;
                let products = heads * t * t * 2 * dk;
                assert_eq!(c.macs, projections + products, "{name}");
            }
            // The CNN: Conv2d and Linear as above (biases counted), BN as
            // 2·C params, no MACs for ReLU/MaxPool/Flatten.
            "cnn" => {
                let bias_total: u64 = s.rows.iter().map(bias).sum();
                assert_eq!(ti, c.macs + bias_total + 2 * 8, "{name}");
            }
            // Bias-free Linear/Dense: the conventions agree, in total and
            // layer by layer (the leaves, in order, through the nesting).
            "mlp_nobias" | "mlp_nested" | "mlp_two_blocks" => {
                assert_eq!(ti, c.macs, "{name}");
                let ti_leaves: Vec<u64> = case["layers"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|l| l["is_leaf"] == true)
                    .map(|l| u(&l["macs"]))
                    .collect();
                fn leaves(s: &Summary, out: &mut Vec<u64>) {
                    for r in s.rows.iter().filter(|r| !r.is_input) {
                        match &r.nested {
                            Some(inner) => leaves(inner, out),
                            None => out.push(r.cost().unwrap().macs),
                        }
                    }
                }
                let mut ours = Vec::new();
                leaves(&s, &mut ours);
                assert_eq!(ours, ti_leaves, "{name}");
            }
            other => panic!("unexpected case {other}"),
        }
        seen += 1;
    }
    assert_eq!(seen, 20);
}

/// The torchinfo layout against torchinfo's own text for PyTorch twins
/// whose figures agree (bias-free `Linear`/`Dense`, a nested
/// `Sequential`): every line equal, except the layer labels (Keras's
/// class and name where PyTorch shows its class), of which the tree
/// prefix and the `: depth-index` suffix are compared; and torchinfo's
/// `(Units.MEGABYTES)` under Python 3.11 is its intended `(M)`.
#[test]
fn torchinfo_layout_matches_torchinfo_text() {
    use kerasinfo::render::torchinfo::{Column, TorchinfoOptions, render};
    let fx = fixture("torchinfo.json");
    let twins = fixture("keras_twins.json");
    let all = [
        Column::OutputSize,
        Column::NumParams,
        Column::ParamsPercent,
        Column::KernelSize,
        Column::MultAdds,
        Column::Trainable,
    ];
    let variants: [(&str, &[Column]); 3] = [
        ("text_default", &all[..2]),
        (
            "text_params_macs",
            &[Column::OutputSize, Column::NumParams, Column::MultAdds],
        ),
        ("text_all_columns", &all),
    ];
    let mut lines_checked = 0;
    for name in ["mlp_nobias", "mlp_nested", "mlp_two_blocks"] {
        let s = summary_of(&twins[name]);
        for (key, cols) in variants {
            let want = fx["cases"][name][key]
                .as_str()
                .unwrap()
                .replace("(Units.MEGABYTES)", "(M)")
                + "\n";
            let got = render(&s, &TorchinfoOptions::new().columns(cols.iter().copied())).unwrap();
            let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
            assert_eq!(w.len(), g.len(), "{name} {key}:\n{got}\n{want}");
            let width = w[0].len() - 25 * cols.len();
            for (i, (wl, gl)) in w.iter().zip(&g).enumerate() {
                // Rows: between the second and the third `=` rule.
                let rules_before = w[..i].iter().filter(|l| l.starts_with('=')).count();
                let is_row = rules_before == 2 && !wl.starts_with('=');
                if i == 1 || is_row {
                    let split = |l: &str| {
                        let idx = l.char_indices().nth(width).map_or(l.len(), |(j, _)| j);
                        (l[..idx].trim_end().to_owned(), l[idx..].to_owned())
                    };
                    let ((wn, wr), (gn, gr)) = (split(wl), split(gl));
                    assert_eq!(gr, wr, "{name} {key} line {i}:\n{got}\n{want}");
                    let tree = |n: &str| {
                        n.chars()
                            .take_while(|c| "├└│─ ".contains(*c))
                            .collect::<String>()
                    };
                    assert_eq!(tree(&gn), tree(&wn), "{name} {key} line {i}");
                    let depth = |n: &str| n.rsplit_once(": ").map(|(_, d)| d.to_owned());
                    assert_eq!(depth(&gn), depth(&wn), "{name} {key} line {i}");
                } else {
                    assert_eq!(gl, wl, "{name} {key} line {i}:\n{got}\n{want}");
                }
                lines_checked += 1;
            }
        }
    }
    assert!(lines_checked > 100, "{lines_checked}");
}
