//! Models at the limits: very deep, very wide, deeply nested, and sizes near
//! `u64::MAX` — handled without stack overflow, or refused with a clear error.

use kerasinfo::naming::clear_session;
use kerasinfo::prelude::*;
use kerasinfo::{Dim, Error, Shape};

#[test]
fn a_very_deep_sequential_builds_and_summarizes() {
    clear_session();
    let n = 50_000;
    let mut s = Sequential::new().input_shape([4]);
    for _ in 0..n {
        s = s.add(Activation::new("relu"));
    }
    let model = s.add(Dense::new(2)).build().unwrap();
    let summary = model.summary();
    assert_eq!(summary.rows.len(), n + 1);
    assert_eq!(summary.total_params, 10);
    assert_eq!(summary.rows[n - 1].name, format!("activation_{}", n - 1));
}

#[test]
fn a_very_deep_functional_chain_maps_without_recursion() {
    clear_session();
    let x = Input::new([3]).tensor().unwrap();
    let mut y = x.clone();
    for _ in 0..50_000 {
        y = Activation::new("linear").call(&y).unwrap();
    }
    let model = Functional::new(&x, &y).build().unwrap();
    assert_eq!(model.layers().len(), 50_001);
    assert!(model.is_sequential_like());
}

#[test]
fn a_merge_of_ten_thousand_inputs() {
    clear_session();
    let inputs: Vec<Tensor> = (0..10_000)
        .map(|_| Input::new([2]).tensor().unwrap())
        .collect();
    let sum = Add::new().call(&inputs).unwrap();
    let cat = Concatenate::new().call(&inputs).unwrap();
    assert_eq!(sum.shape().to_string(), "(None, 2)");
    assert_eq!(cat.shape().to_string(), "(None, 20000)");
    let model = Functional::new(&inputs, [&sum, &cat]).build().unwrap();
    let text = model.summary().to_string();
    assert!(text.contains("input_layer_9999[0][0]"));
}

#[test]
fn models_nested_a_hundred_levels_deep() {
    clear_session();
    let mut inner = Sequential::new()
        .name("level_0")
        .input_shape([4])
        .add(Dense::new(4))
        .build()
        .unwrap();
    for level in 1..100 {
        let x = Input::new([4]).tensor().unwrap();
        let y = inner.call(&x).unwrap();
        inner = Functional::new(&x, &y)
            .name(format!("level_{level}"))
            .build()
            .unwrap();
    }
    let s = inner.summary();
    assert_eq!(s.total_params, 20);
    let frozen = inner.clone().trainable(false).summary();
    assert_eq!(frozen.trainable_params, 0);
    let expanded = s.render(&Keras3Options::new().expand_nested(true)).unwrap();
    assert!(expanded.contains("level_0 (Sequential)"));
}

#[test]
fn sizes_near_u64_max_are_errors_not_wraps() {
    clear_session();
    let big = u64::MAX / 2;
    // A Dense on a huge feature axis: the kernel count overflows.
    let x = Input::new([big]).tensor().unwrap();
    let e = Dense::new(4).name("huge").call(&x).unwrap_err();
    assert!(
        matches!(&e, Error::Layer { name, .. } if name == "huge"),
        "{e}"
    );
    assert!(e.to_string().contains("overflow"), "{e}");
    // Flatten of a product that overflows.
    let x = Input::new([big, 4]).tensor().unwrap();
    let e = Flatten::new().name("flat").call(&x).unwrap_err();
    assert!(e.to_string().contains("overflow"), "{e}");
    // Concatenating sizes whose sum overflows.
    let a = Input::new([big]).tensor().unwrap();
    let b = Input::new([big + 10]).tensor().unwrap();
    assert!(Concatenate::new().call([&a, &b]).is_err());
    // Padding past u64::MAX.
    let img = Input::new([u64::MAX - 1, 4, 1]).tensor().unwrap();
    assert!(ZeroPadding2D::new(2).call(&img).is_err());
    // Each layer fits, but the model's total size does not: refused when
    // the model is built, naming the weight.
    let x = Input::new([1u64 << 29]).tensor().unwrap();
    let mut outs = Vec::new();
    for _ in 0..4 {
        // 2^58 parameters = 2^63 bits each.
        outs.push(Dense::new(1 << 29).use_bias(false).call(&x).unwrap());
    }
    let e = Functional::new(&x, &outs).build().unwrap_err();
    assert!(matches!(e, Error::Model { .. }), "{e}");
    assert!(e.to_string().contains("overflow"), "{e}");
    // Unknown dims stay unknown, they do not overflow.
    let y = Input::new([None::<u64>, Some(big)]).tensor().unwrap();
    assert_eq!(y.shape().dims()[1], Dim::Unknown);
    let _ = Shape::new([Dim::Unknown]);
}

#[test]
fn a_concatenation_overflow_names_the_layer_the_sizes_and_the_axis() {
    clear_session();
    let big = u64::MAX / 2;
    let a = Input::new([3, big]).tensor().unwrap();
    let b = Input::new([3, big + 10]).tensor().unwrap();
    let e = Concatenate::new().name("cat").call([&a, &b]).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "layer \"cat\" (Concatenate): arithmetic overflow computing concatenated size {big} + {} on axis 2",
            big + 10
        )
    );
}

/// A fixture of `scripts/gen_limits_fixtures.py`.
fn limits_fixture(name: &str) -> Vec<serde_json::Value> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/limits")
        .join(format!("{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The shape a fixture row expects, as kerasinfo prints it.
fn expected_shape(out: &serde_json::Value) -> Option<String> {
    let dims: Vec<String> = out
        .get("shape")?
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_u64().map_or("None".to_owned(), |n| n.to_string()))
        .collect();
    Some(format!("({})", dims.join(", ")))
}

/// Slices whose bounds, steps and axis lengths are near 2^63: the lengths
/// Keras's `GetItem` computes, without overflow.
#[test]
fn slices_at_the_i64_limits_match_keras() -> kerasinfo::Result<()> {
    use kerasinfo::ops::{Index, get_item};
    let rows = limits_fixture("slice_extremes");
    assert!(rows.len() > 3000);
    let int = |v: &serde_json::Value| v.as_i64();
    for r in &rows {
        let length = r[0].as_u64().unwrap();
        let (start, stop, step) = (int(&r[1]), int(&r[2]), int(&r[3]));
        let x = Input::new([length]).tensor()?;
        let got = get_item(&x, &[Index::full(), Index::slice(start, stop, step)]);
        match expected_shape(&r[4]) {
            Some(shape) => assert_eq!(got?.shape().to_string(), shape, "{r}"),
            None => assert!(got.is_err(), "{r}"),
        }
    }
    Ok(())
}

/// Integer indices near `i64::MIN`/`i64::MAX` on axes up to `u64::MAX`:
/// in range exactly when Keras accepts them.
#[test]
fn integer_indices_at_the_limits_match_keras() -> kerasinfo::Result<()> {
    use kerasinfo::ops::{Index, get_item};
    let rows = limits_fixture("int_index_extremes");
    let mut errors = 0;
    for r in &rows {
        let (length, index) = (r[0].as_u64().unwrap(), r[1].as_i64().unwrap());
        let x = Input::new([length]).tensor()?;
        let got = get_item(&x, &[Index::full(), Index::Int(index)]);
        match expected_shape(&r[2]) {
            Some(shape) => assert_eq!(got?.shape().to_string(), shape, "{r}"),
            None => {
                errors += 1;
                let e = got.unwrap_err().to_string();
                assert!(
                    e.contains(&format!("out-of-bounds index {index} was requested")),
                    "{r}: {e}"
                );
            }
        }
    }
    assert!(errors > 0 && errors < rows.len());
    Ok(())
}

#[test]
fn count_params_agrees_with_the_summary_for_deep_nested_and_shared_models() {
    clear_session();
    let mut s = Sequential::new().input_shape([4]);
    for _ in 0..20_000 {
        s = s.add(Dense::new(4));
    }
    let deep = s.build().unwrap();
    assert_eq!(deep.count_params(), deep.summary().total_params);
    // A nested model and a shared layer are counted once.
    let inner = Sequential::new()
        .input_shape([4])
        .add(Dense::new(3))
        .build()
        .unwrap();
    let shared = Dense::new(4).shared();
    let x = Input::new([4]).tensor().unwrap();
    let a = shared.call(&x).unwrap();
    let b = shared.call(&a).unwrap();
    let nested = inner.shared();
    let y = nested.call(&b).unwrap();
    let z = nested.call(&a).unwrap();
    let outer = Functional::new(&x, [&y, &z]).build().unwrap();
    assert_eq!(outer.count_params(), outer.summary().total_params);
    assert_eq!(
        outer.clone().trainable(false).count_params(),
        outer.count_params()
    );
}
