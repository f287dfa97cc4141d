//! Dtype policies against Keras 3.15.1 fixtures (scripts/gen_dtype_fixtures.py):
//! models built under each global policy (`keras.config.set_dtype_policy`)
//! and with per-layer `dtype=` policies — every weight's dtype, the byte
//! sizes and the summary text byte for byte, each layer's policy and output
//! dtype, the optimizer state `compile` makes, and the same models imported
//! from the configs Keras wrote.

mod common;

#[path = "../examples/resnet50.rs"]
#[allow(dead_code)]
mod resnet50_example;

use kerasinfo::layer::with_dtype_policy;
use kerasinfo::prelude::*;
use kerasinfo::{DType, DTypePolicy, Optimizer};
use serde_json::Value;

const GROUP: &str = "dtype";
const POLICIES: [&str; 6] = [
    "float32",
    "mixed_float16",
    "mixed_bfloat16",
    "bfloat16",
    "float16",
    "float64",
];

type R = kerasinfo::Result<Model>;

fn cnn() -> R {
    let x_in = Input::new([16, 16, 3]).tensor()?;
    let x = ZeroPadding2D::new((1, 1)).call(&x_in)?;
    let x = Conv2D::new(8, (3, 3)).name("conv0").call(&x)?;
    let x = BatchNormalization::new().axis(3).name("bn0").call(&x)?;
    let x = Activation::new("relu").call(&x)?;
    let x = MaxPooling2D::new((2, 2)).name("max_pool").call(&x)?;
    let x = Flatten::new().call(&x)?;
    let x = Dense::new(1).activation("sigmoid").name("fc").call(&x)?;
    Functional::new(&x_in, &x).name("cnn").build()
}

fn mlp() -> R {
    Sequential::new()
        .name("mlp")
        .add(Input::new([20]))
        .add(Dense::new(32).activation("relu"))
        .add(LayerNormalization::new())
        .add(Dropout::new(0.1))
        .add(Dense::new(10))
        .build()
}

fn transformer() -> R {
    let x_in = Input::new([12]).name("tokens").tensor()?;
    let x = Embedding::new(50, 16).name("embed").call(&x_in)?;
    let a = MultiHeadAttention::new(2, 8).name("mha").call([&x, &x])?;
    let x = Add::new().call([&x, &a])?;
    let x = LayerNormalization::new().name("ln").call(&x)?;
    let x = GlobalAveragePooling1D::new().call(&x)?;
    let x = Dense::new(4).name("head").call(&x)?;
    Functional::new(&x_in, &x).name("transformer").build()
}

fn special() -> R {
    let x_in = Input::new([6, 4]).tensor()?;
    let x = Normalization::new().name("norm").call(&x_in)?;
    let x = GRU::new(5).name("gru").call(&x)?;
    let x = Dense::new(3).lora_rank(2).name("lora").call(&x)?;
    Functional::new(&x_in, &x).name("special").build()
}

fn policy(name: &str) -> DTypePolicy {
    DTypePolicy::from_name(name).unwrap()
}

fn mixed_layers() -> R {
    let x_in = Input::new([8]).tensor()?;
    let x = Dense::new(16)
        .dtype_policy(policy("mixed_float16"))
        .name("d_mixed16")
        .call(&x_in)?;
    let x = Dense::new(16)
        .dtype(DType::Float16)
        .name("d_f16")
        .call(&x)?;
    let x = BatchNormalization::new()
        .dtype_policy(DTypePolicy::MIXED_BFLOAT16)
        .name("bn_mixedbf16")
        .call(&x)?;
    let x = Dense::new(8)
        .dtype(DType::BFloat16)
        .name("d_bf16")
        .call(&x)?;
    let x = Dense::new(8)
        .dtype_policy(policy("float64"))
        .name("d_f64")
        .call(&x)?;
    let x = Dense::new(4).name("d_default").call(&x)?;
    let x = Activation::new("softmax")
        .dtype(DType::Float32)
        .name("probs")
        .call(&x)?;
    Functional::new(&x_in, &x).name("mixed_layers").build()
}

fn recipe() -> R {
    let x_in = Input::new([10]).tensor()?;
    let x = Dense::new(12)
        .activation("relu")
        .name("hidden")
        .call(&x_in)?;
    let x = Dense::new(3).name("logits").call(&x)?;
    let x = Activation::new("softmax")
        .dtype(DType::Float32)
        .name("probs")
        .call(&x)?;
    Functional::new(&x_in, &x).name("recipe").build()
}

fn policy_objects() -> R {
    let x_in = Input::new([5]).tensor()?;
    let x = Dense::new(7)
        .dtype_policy(DTypePolicy::MIXED_BFLOAT16)
        .name("a")
        .call(&x_in)?;
    let x = Dense::new(2)
        .dtype_policy(DTypePolicy::from(DType::Float16))
        .name("b")
        .call(&x)?;
    Functional::new(&x_in, &x).name("policy_objects").build()
}

fn wrappers() -> R {
    let x = Input::new([4, 6]).tensor()?;
    let f16 = DTypePolicy::from(DType::Float16);
    let a = MultiHeadAttention::new(2, 3)
        .dtype_policy(f16)
        .name("mha")
        .call([&x, &x])?;
    let b = Bidirectional::new(LSTM::new(3))
        .dtype_policy(f16)
        .name("bi")
        .call(&x)?;
    let c = Bidirectional::new(LSTM::new(3).dtype(DType::Float64))
        .name("bi2")
        .call(&x)?;
    let d = TimeDistributed::new(Dense::new(2))
        .dtype(DType::BFloat16)
        .name("td")
        .call(&x)?;
    let e = TimeDistributed::new(Dense::new(2).dtype(DType::Float16))
        .name("td2")
        .call(&x)?;
    let f = SpectralNormalization::new(Dense::new(2))
        .dtype(DType::Float16)
        .name("sn")
        .call(&x)?;
    let g = RNN::new(GRUCell::new(3).dtype(DType::Float16))
        .name("rnn")
        .call(&x)?;
    let h = LSTM::new(3)
        .dtype_policy(DTypePolicy::MIXED_FLOAT16)
        .name("lstm")
        .call(&x)?;
    Functional::new(&x, [&a, &b, &c, &d, &e, &f, &g, &h])
        .name("wrappers")
        .build()
}

fn nested() -> R {
    let inner = with_dtype_policy(DTypePolicy::from(DType::Float16), || {
        Sequential::new()
            .name("inner")
            .add(Input::new([8]))
            .add(Dense::new(6).name("inner_dense"))
            .add(BatchNormalization::new().name("inner_bn"))
            .build()
    })?;
    with_dtype_policy(DTypePolicy::MIXED_FLOAT16, || {
        let x = Input::new([8]).tensor()?;
        let y = inner.call(&x)?;
        let y = Dense::new(3).name("outer_dense").call(&y)?;
        Functional::new(&x, &y).name("nested").build()
    })
}

fn load(name: &str) -> Value {
    let path = common::fixture_dir(GROUP).join(format!("{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// What Keras's `model.compile(optimizer="adam")` makes: a
/// LossScaleOptimizer around Adam when the model's policy is mixed_float16.
fn compiled_adam(model: &Model) -> Optimizer {
    let model_policy = kerasinfo::NestedModel(model.clone())
        .config()
        .dtype_policy();
    if model_policy == DTypePolicy::MIXED_FLOAT16 {
        Optimizer::loss_scale(Optimizer::adam())
    } else {
        Optimizer::adam()
    }
}

/// The fixture's `policy` object: each layer's policy, dtypes and output
/// dtypes, the model's policy, the parameter bytes and Adam's state.
fn check_policy(name: &str, model: &Model, reloaded: bool) {
    let fx = load(name);
    let p = &fx["policy"];
    let model_policy = kerasinfo::NestedModel(model.clone())
        .config()
        .dtype_policy();
    assert_eq!(
        model_policy.name(),
        p["model_policy"].as_str().unwrap(),
        "{name}: model policy"
    );
    let s = model.summary();
    let layers = p["layers"].as_array().unwrap();
    // A Sequential's rows leave its InputLayer out; Keras's `model.layers` too.
    assert_eq!(s.rows.len(), layers.len(), "{name}: layer count");
    for (handle, l) in model.layers().iter().zip(layers) {
        let ctx = format!("{name}: layer {}", handle.name());
        assert_eq!(handle.name(), l["name"].as_str().unwrap(), "{ctx}");
        let c = handle.layer().config();
        let outs: Vec<&str> = l["output_dtypes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        if reloaded && handle.layer().nested_model().is_some() {
            // Keras's `Sequential.from_config` and `Functional(...)` drop
            // `dtype`: a reloaded nested model takes the global policy (its
            // layers keep theirs, checked by the summary).
            continue;
        }
        if handle.layer().is_input() {
            // Keras's Input makes a floatx tensor, whatever the policy
            // (its own policy, which creates nothing, is the global one).
            assert_eq!(c.compute_dtype.name(), outs[0], "{ctx}: input dtype");
            continue;
        }
        assert_eq!(
            c.dtype.name(),
            l["variable_dtype"].as_str().unwrap(),
            "{ctx}: variable dtype"
        );
        assert_eq!(
            c.dtype_policy().name(),
            l["dtype_policy"].as_str().unwrap(),
            "{ctx}: policy"
        );
        assert_eq!(
            c.compute_dtype.name(),
            l["compute_dtype"].as_str().unwrap(),
            "{ctx}: compute dtype"
        );
        for o in outs {
            assert_eq!(c.compute_dtype.name(), o, "{ctx}: output dtype");
        }
    }
    assert_eq!(
        s.total_size.bytes(),
        p["param_bytes"].as_f64().unwrap(),
        "{name}: param bytes"
    );
    let opt = compiled_adam(model);
    let a = &p["adam"];
    assert_eq!(
        opt.class_name(),
        a["class_name"].as_str().unwrap(),
        "{name}: optimizer class"
    );
    let with = model.summary_with_optimizer(&opt);
    // As Keras's compile: the summary wraps a plain Adam itself.
    let plain = model.summary_with_optimizer(&Optimizer::adam());
    assert_eq!(
        plain.optimizer.as_deref(),
        a["class_name"].as_str(),
        "{name}: compiled optimizer"
    );
    assert_eq!(
        plain.optimizer_params,
        a["params"].as_u64().unwrap(),
        "{name}: compiled optimizer params"
    );
    assert_eq!(
        with.optimizer_params,
        a["params"].as_u64().unwrap(),
        "{name}: optimizer params"
    );
    assert_eq!(
        with.optimizer_size.bytes(),
        a["bytes"].as_f64().unwrap(),
        "{name}: optimizer bytes"
    );
}

fn check(name: &str, global: &str, build: fn() -> R) {
    kerasinfo::naming::clear_session();
    let model = with_dtype_policy(policy(global), build).unwrap();
    assert_eq!(
        kerasinfo::layer::dtype_policy(),
        DTypePolicy::FLOAT32,
        "restored"
    );
    common::check_model(GROUP, name, &model);
    check_policy(name, &model, false);
    // The config Keras wrote imports to the same model: every layer's
    // config names its policy, so another global policy changes no layer
    // (only the model's own policy, which Keras takes from the global one).
    let path = common::fixture_dir(GROUP).join(format!("{name}.config.json"));
    let json = std::fs::read_to_string(path).unwrap();
    // Keras's model takes the global policy in force when it is made.
    let model_policy = load(name)["policy"]["model_policy"]
        .as_str()
        .unwrap()
        .to_owned();
    kerasinfo::naming::clear_session();
    let imported = with_dtype_policy(policy(&model_policy), || {
        kerasinfo::config::model_from_json(&json)
    })
    .unwrap();
    common::check_model(GROUP, name, &imported);
    check_policy(name, &imported, true);
    kerasinfo::naming::clear_session();
    let other = with_dtype_policy(policy("float64"), || {
        kerasinfo::config::model_from_json(&json)
    })
    .unwrap();
    common::check_model(GROUP, name, &other);
}

#[test]
fn cnn_under_every_policy() {
    for p in POLICIES {
        check(&format!("cnn__{p}"), p, cnn);
    }
}

#[test]
fn sequential_mlp_under_every_policy() {
    for p in POLICIES {
        check(&format!("mlp__{p}"), p, mlp);
    }
}

#[test]
fn transformer_under_every_policy() {
    for p in POLICIES {
        check(&format!("transformer__{p}"), p, transformer);
    }
}

#[test]
fn int64_count_lora_and_gru_under_policies() {
    for p in POLICIES.iter().filter(|p| **p != "bfloat16") {
        check(&format!("special__{p}"), p, special);
    }
}

#[test]
fn per_layer_policies() {
    check("mixed_layers", "float32", mixed_layers);
    check("policy_objects", "float32", policy_objects);
}

#[test]
fn wrappers_take_their_policy_for_outputs_held_layers_for_weights() {
    check("wrappers", "float32", wrappers);
}

#[test]
fn nested_model_keeps_the_policy_it_was_built_under() {
    check("nested", "float16", nested);
}

#[test]
fn mixed_precision_recipe_with_float32_head() {
    check("recipe", "mixed_float16", recipe);
}

#[test]
fn resnet50_mixed_float16() {
    check(
        "resnet50__mixed_float16",
        "mixed_float16",
        resnet50_example::resnet50,
    );
}

#[test]
fn clear_session_resets_the_global_policy() {
    kerasinfo::layer::set_dtype_policy(DTypePolicy::MIXED_FLOAT16);
    assert_eq!(Dense::new(2).config().compute_dtype, DType::Float16);
    kerasinfo::naming::clear_session();
    assert_eq!(Dense::new(2).config().compute_dtype, DType::Float32);
}

#[test]
fn policy_names_keras_rejects() {
    for bad in ["mixed_float32", "int8_from_float32", "complex64", ""] {
        assert_eq!(DTypePolicy::from_name(bad), None, "{bad}");
    }
}

#[test]
fn quantized_policy_in_a_config_is_an_error() {
    let fx =
        std::fs::read_to_string(common::fixture_dir(GROUP).join("recipe.config.json")).unwrap();
    let bad = fx.replacen(
        r#""class_name": "DTypePolicy", "config": {"name": "mixed_float16"}"#,
        r#""class_name": "QuantizedDTypePolicy", "config": {"mode": "int8", "source_name": "mixed_float16"}"#,
        1,
    );
    assert_ne!(bad, fx);
    let err = kerasinfo::config::model_from_json(&bad)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("QuantizedDTypePolicy is not supported"),
        "{err}"
    );
}
