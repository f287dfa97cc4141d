//! Optimizer variables against Keras 3.15 fixtures (scripts/gen_optimizer_fixtures.py):
//! the `Optimizer params` line, the totals including it, and every variable's
//! path, shape and dtype.

mod common;

use kerasinfo::prelude::*;
use kerasinfo::{DType, Optimizer};
use serde_json::Value;

const GROUP: &str = "optimizer";

/// The Python side's `model()`: Embedding, Conv1D, frozen Dense,
/// BatchNormalization and a float16 Dense.
fn model() -> Model {
    let x_in = Input::new([6]).name("tokens").tensor().unwrap();
    let x = Embedding::new(20, 4).name("embedding").call(&x_in).unwrap();
    let x = Conv1D::new(3, 2).name("conv").call(&x).unwrap();
    let x = Flatten::new().name("flat").call(&x).unwrap();
    let x = Dense::new(8)
        .name("frozen")
        .trainable(false)
        .call(&x)
        .unwrap();
    let x = BatchNormalization::new().name("bn").call(&x).unwrap();
    let x = Dense::new(5).name("hidden").call(&x).unwrap();
    let x = Dense::new(3)
        .name("half")
        .dtype(DType::Float16)
        .call(&x)
        .unwrap();
    Functional::new(&x_in, &x)
        .name("opt_model")
        .build()
        .unwrap()
}

/// The Python side's `small()`.
fn small() -> Model {
    Sequential::new()
        .name("seq")
        .add(Input::new([4]))
        .add(Dense::new(2).name("d"))
        .build()
        .unwrap()
}

fn check(name: &str, build: fn() -> Model, optimizer: fn() -> Optimizer) {
    kerasinfo::naming::clear_session();
    let m = build();
    let opt = optimizer();
    let s = m.summary_with_optimizer(&opt);
    common::check_summary(GROUP, name, &s);
    // Every variable, in Keras's order.
    let path = common::fixture_dir(GROUP).join(format!("{name}.json"));
    let fx: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let o = &fx["optimizer"];
    assert_eq!(opt.optimizer_name(), o["name"].as_str().unwrap(), "{name}");
    let vars = m.optimizer_variables(&opt);
    let expected = o["variables"].as_array().unwrap();
    let got: Vec<(String, Vec<u64>, &str)> = vars
        .iter()
        .map(|v| (v.path.clone(), v.shape.to_vec(), v.dtype.name()))
        .collect();
    let want: Vec<(String, Vec<u64>, &str)> = expected
        .iter()
        .map(|v| {
            (
                v["path"].as_str().unwrap().to_owned(),
                v["shape"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|d| d.as_u64().unwrap())
                    .collect(),
                v["dtype"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, want, "{name}: optimizer variables");
}

#[test]
fn sgd() {
    check("sgd", model, Optimizer::sgd);
    check("sgd_momentum", model, || Optimizer::sgd().momentum(0.9));
    check("sgd_nesterov", small, || {
        Optimizer::sgd().momentum(0.5).nesterov(true)
    });
}

#[test]
fn adam_family() {
    check("adam", model, Optimizer::adam);
    check("adam_amsgrad", model, || Optimizer::adam().amsgrad(true));
    check("adam_small", small, Optimizer::adam);
    check("adamw", model, Optimizer::adamw);
    check("adamw_amsgrad", small, || Optimizer::adamw().amsgrad(true));
    check("nadam", model, Optimizer::nadam);
    check("adamax", model, Optimizer::adamax);
    check("lamb", model, Optimizer::lamb);
}

#[test]
fn rmsprop() {
    check("rmsprop", model, Optimizer::rmsprop);
    check("rmsprop_momentum", model, || {
        Optimizer::rmsprop().momentum(0.9)
    });
    check("rmsprop_centered", model, || {
        Optimizer::rmsprop().centered(true)
    });
    check("rmsprop_momentum_centered", model, || {
        Optimizer::rmsprop().momentum(0.5).centered(true)
    });
}

#[test]
fn accumulators() {
    check("adagrad", model, Optimizer::adagrad);
    check("adadelta", model, Optimizer::adadelta);
    check("lion", model, Optimizer::lion);
    check("ftrl", model, Optimizer::ftrl);
    check("adafactor", model, Optimizer::adafactor);
}

#[test]
fn muon() {
    check("muon", model, Optimizer::muon);
    check("muon_with_embeddings", model, || {
        Optimizer::muon().exclude_embeddings(false)
    });
}

#[test]
fn loss_scale() {
    // A model built under the mixed_float16 policy: Keras's compile wraps
    // Adam in a LossScaleOptimizer; its variables are float32 as here.
    check("mixed_float16_adam", model, || {
        Optimizer::loss_scale(Optimizer::adam())
    });
    check("loss_scale_adam", model, || {
        Optimizer::loss_scale(Optimizer::adam())
    });
}

#[test]
fn identifiers_and_plain_summary() {
    for id in kerasinfo::optimizer::IDENTIFIERS {
        let o = Optimizer::from_identifier(id).unwrap();
        assert_eq!(o.class_name().to_ascii_lowercase(), id);
    }
    assert!(Optimizer::from_identifier("nope").is_none());
    // Without an optimizer nothing changes.
    kerasinfo::naming::clear_session();
    let s = small().summary();
    assert_eq!((s.optimizer.as_deref(), s.optimizer_params), (None, 0));
    assert!(!s.to_string().contains("Optimizer params"));
    // A second optimizer replaces the first in the totals.
    let trainable: Vec<_> = small()
        .weights()
        .into_iter()
        .filter(|w| w.trainable)
        .collect();
    let twice = s
        .clone()
        .with_optimizer(&Optimizer::adam(), &trainable)
        .with_optimizer(&Optimizer::sgd(), &trainable);
    assert_eq!(
        twice,
        s.with_optimizer(&Optimizer::sgd().name("sgd"), &trainable)
    );
    assert_eq!((twice.optimizer_params, twice.total_params), (2, 12));
}
