//! Memory figures (`Model::memory`, `Model::largest_batch`):
//! - parameter and optimizer-state bytes against Keras 3.15.1
//!   (tests/fixtures/dtype: `weight_memory_size(model.weights)` and of the
//!   compiled optimizer's variables, under every policy);
//! - forward activation bytes against the output shapes and output dtypes
//!   Keras reports for every layer (same fixtures);
//! - input, forward/backward and params sizes against torchinfo 1.8's own
//!   figures for equivalent PyTorch models (scripts/gen_memory_fixtures.py,
//!   tests/fixtures/memory);
//! - the largest-batch search: exact, monotone, overflow-safe.
// The fixtures are read and the configs imported with serde_json.
#![cfg(feature = "keras-json")]

mod common;

use kerasinfo::layer::with_dtype_policy;
use kerasinfo::prelude::*;
use kerasinfo::{DType, DTypePolicy, Optimizer};
use serde_json::Value;

fn load(group: &str, name: &str) -> Value {
    let path = common::fixture_dir(group).join(format!("{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn dtype_fixture_names() -> Vec<String> {
    common::fixture_names("dtype", ".config.json")
}

/// The elements of a Keras output-shape text such as `(None, 16, 8)` for
/// a batch.
fn elements(shape_text: &str, batch: u64) -> u64 {
    shape_text
        .trim_matches(|c| c == '(' || c == ')')
        .split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            if d == "None" {
                batch
            } else {
                d.parse().unwrap()
            }
        })
        .product()
}

fn dtype_bytes(name: &str) -> u64 {
    kerasinfo::memory::element_bytes(DType::from_name(name).unwrap())
}

#[test]
fn params_optimizer_and_forward_bytes_match_keras_under_every_policy() {
    let names = dtype_fixture_names();
    assert!(names.len() >= 20, "{names:?}");
    for name in names {
        let fx = load("dtype", &name);
        let p = &fx["policy"];
        let global = DTypePolicy::from_name(p["model_policy"].as_str().unwrap()).unwrap();
        let json = std::fs::read_to_string(
            common::fixture_dir("dtype").join(format!("{name}.config.json")),
        )
        .unwrap();
        kerasinfo::naming::clear_session();
        // Keras's model takes the global policy in force when it is made
        // (which decides whether compile wraps the optimizer for loss
        // scaling).
        let model =
            with_dtype_policy(global, || kerasinfo::config::model_from_json(&json)).unwrap();
        for batch in [1u64, 3, 128] {
            let plan = model.memory(batch, Some(&Optimizer::adam())).unwrap();
            assert_eq!(
                plan.params_bytes as f64,
                p["param_bytes"].as_f64().unwrap(),
                "{name}: params"
            );
            let adam = &p["adam"];
            assert_eq!(
                plan.optimizer.as_deref(),
                adam["class_name"].as_str(),
                "{name}: optimizer"
            );
            assert_eq!(
                plan.optimizer_bytes as f64,
                adam["bytes"].as_f64().unwrap(),
                "{name}: optimizer bytes"
            );
            // Every layer's outputs at the dtype Keras gives them.
            // (A nested model's layers' outputs are not in the outer fixture.)
            let nested = fx["layers"]
                .as_array()
                .unwrap()
                .iter()
                .any(|l| l["class_name"] == "Sequential" || l["class_name"] == "Functional");
            let mut forward = 0u64;
            for (l, pl) in fx["layers"]
                .as_array()
                .unwrap()
                .iter()
                .zip(p["layers"].as_array().unwrap())
            {
                assert_eq!(l["name"], pl["name"]);
                if l["class_name"] == "InputLayer" {
                    continue;
                }
                let outs = pl["output_dtypes"].as_array().unwrap();
                assert_eq!(outs.len(), 1, "{name}: single-output layers");
                forward += elements(l["output_shape"].as_str().unwrap(), batch)
                    * dtype_bytes(outs[0].as_str().unwrap());
            }
            if !nested {
                assert_eq!(
                    plan.forward_bytes, forward,
                    "{name}: forward bytes at batch {batch}"
                );
            }
            assert_eq!(
                plan.total_bytes,
                plan.input_bytes
                    + plan.forward_backward_bytes
                    + plan.params_bytes
                    + plan.gradient_bytes
                    + plan.optimizer_bytes,
                "{name}: total"
            );
        }
    }
}

/// The Keras side of scripts/gen_memory_fixtures.py's models, inputs in
/// `dtype` under the `dtype` policy (torch's `model.to(dtype)`).
fn keras_equivalent(name: &str, dtype: DType) -> Model {
    kerasinfo::naming::clear_session();
    with_dtype_policy(DTypePolicy::from(dtype), || -> kerasinfo::Result<Model> {
        match name {
            "mlp" => Sequential::new()
                .add(Input::new([20]).dtype(dtype))
                .add(Dense::new(32).activation("relu"))
                .add(LayerNormalization::new())
                .add(Dropout::new(0.1))
                .add(Dense::new(10))
                .build(),
            "cnn" => {
                let x_in = Input::new([16, 16, 3]).dtype(dtype).tensor()?;
                let x = ZeroPadding2D::new((1, 1)).call(&x_in)?;
                let x = Conv2D::new(8, (3, 3)).call(&x)?;
                let x = BatchNormalization::new().call(&x)?;
                let x = Activation::new("relu").call(&x)?;
                let x = MaxPooling2D::new((2, 2)).call(&x)?;
                let x = Flatten::new().call(&x)?;
                let x = Dense::new(1).activation("sigmoid").call(&x)?;
                Functional::new(&x_in, &x).build()
            }
            "two_inputs" => {
                let a = Input::new([6]).dtype(dtype).tensor()?;
                let b = Input::new([4]).dtype(dtype).tensor()?;
                let h = Dense::new(5).call(&a)?;
                let h = Concatenate::new().call([&h, &b])?;
                let h = Dense::new(3).call(&h)?;
                let y = Dense::new(2).call(&h)?;
                Functional::new([&a, &b], &y).build()
            }
            other => panic!("no model {other}"),
        }
    })
    .unwrap()
}

fn mb_line(label: &str, bytes: u64) -> String {
    // torchinfo's `to_megabytes` and `:0.2f`.
    format!("{label} (MB): {:.2}", bytes as f64 / 1e6)
}

#[test]
fn input_forward_backward_and_params_sizes_match_torchinfo() {
    for name in ["mlp", "cnn", "two_inputs"] {
        let fx = load("memory", name);
        let runs = fx["runs"].as_array().unwrap();
        assert_eq!(runs.len(), 12);
        for run in runs {
            let dtype = DType::from_name(run["dtype"].as_str().unwrap()).unwrap();
            let batch = run["batch_size"].as_u64().unwrap();
            let ctx = format!("{name} {dtype} batch {batch}");
            let model = keras_equivalent(name, dtype);
            let plan = model.memory(batch, None).unwrap();
            assert_eq!(
                plan.input_bytes,
                run["input_nbytes"].as_u64().unwrap(),
                "{ctx}: input"
            );
            // torchinfo's Input size adds sys.getsizeof's object header.
            assert!(
                run["total_input"].as_u64().unwrap() > plan.input_bytes,
                "{ctx}"
            );
            assert_eq!(
                plan.forward_backward_bytes,
                run["total_output_bytes"].as_u64().unwrap(),
                "{ctx}: forward/backward"
            );
            // torchinfo counts nn.Parameters only: Keras's non-trainable
            // variables here are BatchNormalization's moving statistics,
            // which PyTorch keeps as buffers.
            let non_trainable: u64 = model
                .weights()
                .iter()
                .filter(|w| !w.trainable)
                .map(|w| w.count * kerasinfo::memory::element_bytes(w.dtype))
                .sum();
            assert_eq!(
                plan.params_bytes - non_trainable,
                run["total_param_bytes"].as_u64().unwrap(),
                "{ctx}: params"
            );
            let lines: Vec<&str> = run["size_lines"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            assert_eq!(
                lines[1],
                mb_line("Forward/backward pass size", plan.forward_backward_bytes),
                "{ctx}"
            );
            if non_trainable == 0 {
                assert_eq!(lines[2], mb_line("Params size", plan.params_bytes), "{ctx}");
            }
        }
    }
}

fn mlp() -> Model {
    Sequential::new()
        .add(Input::new([20]))
        .add(Dense::new(32).activation("relu"))
        .add(Dense::new(10))
        .build()
        .unwrap()
}

#[test]
fn largest_batch_is_exact_and_monotone() {
    kerasinfo::naming::clear_session();
    let m = mlp();
    let adam = Optimizer::adam();
    for budget in [
        0u64,
        1,
        1_000,
        10_000,
        123_457,
        1 << 20,
        1 << 30,
        u64::MAX / 3,
    ] {
        match m.largest_batch(budget, Some(&adam)).unwrap() {
            None => assert!(!m.memory(1, Some(&adam)).unwrap().fits(budget), "{budget}"),
            Some(b) => {
                assert!(m.memory(b, Some(&adam)).unwrap().fits(budget), "{budget}");
                match m.memory(b + 1, Some(&adam)) {
                    Ok(p) => assert!(!p.fits(budget), "{budget}: {b} is not the largest"),
                    Err(e) => assert!(e.to_string().contains("overflow"), "{e}"),
                }
            }
        }
    }
    for n in [1u64, 2, 31, 1000, 65_537] {
        let total = m.memory(n, Some(&adam)).unwrap().total_bytes;
        assert_eq!(m.largest_batch(total, Some(&adam)).unwrap(), Some(n));
        assert_eq!(
            m.largest_batch(total - 1, Some(&adam)).unwrap(),
            Some(n - 1).filter(|b| *b > 0)
        );
    }
    // The whole u64 range: the answer is where the total would overflow.
    let b = m.largest_batch(u64::MAX, None).unwrap().unwrap();
    assert!(m.memory(b, None).is_ok());
    assert!(m.memory(b + 1, None).is_err());
}

#[test]
fn shapes_that_cannot_be_sized_are_errors() {
    kerasinfo::naming::clear_session();
    let m = Sequential::new()
        .add(Input::new((None::<u64>, 3)))
        .add(Dense::new(2))
        .build()
        .unwrap();
    let err = m.memory(4, None).unwrap_err().to_string();
    assert!(err.contains("unknown dimension besides the batch"), "{err}");
    assert!(m.largest_batch(1 << 30, None).is_err());
    let fixed = Sequential::new()
        .add(Input::with_batch_shape([8, 3]))
        .add(Dense::new(2))
        .build()
        .unwrap();
    let err = fixed.memory(4, None).unwrap_err().to_string();
    assert!(err.contains("fixed at 8"), "{err}");
    assert_eq!(fixed.largest_batch(1 << 30, None).unwrap(), Some(8));
    assert_eq!(fixed.largest_batch(0, None).unwrap(), None);
    assert!(mlp().memory(0, None).is_err());
}

#[test]
fn nested_and_shared_layers_count_every_call() {
    kerasinfo::naming::clear_session();
    let inner = Sequential::new()
        .name("inner")
        .add(Input::new([4]))
        .add(Dense::new(4))
        .build()
        .unwrap();
    let x = Input::new([4]).tensor().unwrap();
    let shared = Dense::new(4).shared();
    let y = shared.call(&x).unwrap();
    let y = shared.call(&y).unwrap();
    let y = inner.call(&y).unwrap();
    let m = Functional::new(&x, &y).build().unwrap();
    let plan = m.memory(2, None).unwrap();
    // Three calls of Dense layers, each (2, 4) float32.
    assert_eq!(plan.forward_bytes, 3 * 2 * 4 * 4);
    assert_eq!(plan.forward_backward_bytes, 2 * plan.forward_bytes);
    assert_eq!(plan.params_bytes, 2 * 20 * 4);
}

#[test]
fn mixed_float16_halves_activations_and_wraps_the_optimizer() {
    kerasinfo::naming::clear_session();
    let f32_plan = mlp().memory(64, Some(&Optimizer::adam())).unwrap();
    let mixed = with_dtype_policy(DTypePolicy::MIXED_FLOAT16, mlp);
    let plan = mixed.memory(64, Some(&Optimizer::adam())).unwrap();
    assert_eq!(plan.forward_bytes * 2, f32_plan.forward_bytes);
    assert_eq!(plan.params_bytes, f32_plan.params_bytes);
    assert_eq!(plan.optimizer.as_deref(), Some("LossScaleOptimizer"));
    assert!(plan.optimizer_bytes > f32_plan.optimizer_bytes);
}

#[path = "../examples/memory_planner.rs"]
#[allow(dead_code)]
mod memory_planner;

#[test]
fn memory_planner_example_prints_the_library_figures() {
    let out = memory_planner::report(16).unwrap();
    let keras = load("dtype", "resnet50__mixed_float16");
    for policy in [DTypePolicy::FLOAT32, DTypePolicy::MIXED_FLOAT16] {
        let model = memory_planner::resnet50_under(policy).unwrap();
        assert_eq!(model.dtype_policy(), policy);
        let adam = Optimizer::adam();
        for batch in memory_planner::BATCHES {
            let plan = model.memory(batch, Some(&adam)).unwrap();
            assert!(out.contains(&memory_planner::row(&plan, 16)), "{out}");
            if policy == DTypePolicy::MIXED_FLOAT16 {
                // Keras's figures for this model under mixed_float16.
                let p = &keras["policy"];
                assert_eq!(plan.params_bytes as f64, p["param_bytes"].as_f64().unwrap());
                assert_eq!(
                    plan.optimizer_bytes as f64,
                    p["adam"]["bytes"].as_f64().unwrap()
                );
                assert_eq!(plan.optimizer.as_deref(), Some("LossScaleOptimizer"));
            }
        }
        let budget = 16u64 << 30;
        let b = model.largest_batch(budget, Some(&adam)).unwrap().unwrap();
        assert!(model.memory(b, Some(&adam)).unwrap().fits(budget));
        assert!(!model.memory(b + 1, Some(&adam)).unwrap().fits(budget));
        let header = format!("ResNet50, Adam, {policy} policy, budget 16 GiB");
        let section = &out[out.find(&header).unwrap()..];
        assert!(
            section.contains(&format!("Largest batch within 16 GiB: {b}\n")),
            "{out}"
        );
    }
    // mixed_float16 halves the activations, so a larger batch fits.
    let largest: Vec<u64> = out
        .lines()
        .filter_map(|l| l.strip_prefix("Largest batch within 16 GiB: "))
        .map(|n| n.parse().unwrap())
        .collect();
    assert_eq!(largest.len(), 2);
    assert!(largest[1] > largest[0], "{largest:?}");
}

#[test]
fn activations_scale_with_the_batch_and_the_rest_does_not() {
    let model = memory_planner::resnet50_under(DTypePolicy::FLOAT32).unwrap();
    let adam = Optimizer::adam();
    let one = model.memory(1, Some(&adam)).unwrap();
    let mut previous = one.total_bytes;
    for b in [2u64, 3, 17, 100, 1000] {
        let p = model.memory(b, Some(&adam)).unwrap();
        assert_eq!(p.input_bytes, b * one.input_bytes);
        assert_eq!(p.forward_bytes, b * one.forward_bytes);
        assert_eq!(p.forward_backward_bytes, b * one.forward_backward_bytes);
        assert_eq!(
            (p.params_bytes, p.gradient_bytes, p.optimizer_bytes),
            (one.params_bytes, one.gradient_bytes, one.optimizer_bytes)
        );
        assert!(p.total_bytes > previous);
        previous = p.total_bytes;
    }
    // Every layer's outputs: more than the layers with weights count once.
    assert!(one.forward_bytes > one.forward_backward_bytes / 2);
}

/// The torchinfo table's size lines agree with the memory plan, whose
/// definitions are checked against torchinfo above: the same forward/backward
/// and parameter bytes, at several batch sizes.
#[test]
fn torchinfo_table_sizes_agree_with_the_memory_plan() {
    use kerasinfo::render::torchinfo::{TorchinfoOptions, render};
    let model = memory_planner::resnet50_under(DTypePolicy::FLOAT32).unwrap();
    let summary = model.summary();
    for batch in [1u64, 4, 32] {
        let plan = model.memory(batch, None).unwrap();
        let text = render(&summary, &TorchinfoOptions::new().batch_size(batch)).unwrap();
        let line = |prefix: &str| -> String {
            text.lines()
                .find_map(|l| l.strip_prefix(prefix))
                .unwrap_or_else(|| panic!("no {prefix:?} line in:\n{text}"))
                .to_owned()
        };
        assert_eq!(
            line("Forward/backward pass size (MB): "),
            format!("{:.2}", plan.forward_backward_bytes as f64 / 1e6),
            "batch {batch}"
        );
        assert_eq!(
            line("Params size (MB): "),
            format!("{:.2}", plan.params_bytes as f64 / 1e6),
            "batch {batch}"
        );
    }
}
