//! Keras 3 operations on symbolic tensors (`kerasinfo::ops`), built with
//! the builder API and checked against the fixtures of
//! scripts/gen_ops_fixtures.py (their configs are imported by
//! tests/config_import.rs).

#![cfg(feature = "keras-json")]

mod common;

use common::check_model_ops;
use kerasinfo::naming::clear_session;
use kerasinfo::ops;
use kerasinfo::prelude::*;

#[test]
fn binary() -> kerasinfo::Result<()> {
    clear_session();
    let x = Input::new([4, 8]).name("x").tensor()?;
    let y = Input::new([8]).name("y").tensor()?;
    let a = ops::add(&x, 1.0)?;
    let b = ops::multiply(&a, &y)?;
    let c = ops::subtract(2.0, &b)?;
    let d = ops::true_divide(&c, &y)?;
    let e = ops::subtract(&d, &x)?;
    let f = ops::multiply(0.5, &e)?;
    let g = ops::maximum(&f, 0.0)?;
    let h = ops::minimum(&g, &y)?;
    let i = ops::power(&h, 2)?;
    let out = Dense::new(3).call(&i)?;
    let model = Functional::new([&x, &y], &out).name("binary").build()?;
    check_model_ops("ops", "binary", &model);
    Ok(())
}

#[test]
fn broadcast_none() -> kerasinfo::Result<()> {
    clear_session();
    let x = Input::new([None, Some(1), Some(5)]).name("x").tensor()?;
    let y = Input::new([7, 1]).name("y").tensor()?;
    let z = ops::add(&x, &y)?;
    let z = ops::divide(&z, 3)?;
    let z = Dense::new(2).call(&z)?;
    let z = ops::multiply(&z, &z)?;
    let model = Functional::new([&x, &y], &z)
        .name("broadcast_none")
        .build()?;
    check_model_ops("ops", "broadcast_none", &model);
    Ok(())
}

#[test]
fn reshape_transpose() -> kerasinfo::Result<()> {
    clear_session();
    let x = Input::new([6, 4]).name("x").tensor()?;
    let a = ops::reshape(&x, [-1, 3, 8])?;
    let b = ops::transpose(&a, Some(&[0, 2, 1]))?;
    let c = ops::transpose(&b, None)?;
    let d = ops::reshape(&c, [-1, 24])?;
    let out = Dense::new(5).call(&d)?;
    let model = Functional::new(&x, &out)
        .name("reshape_transpose")
        .build()?;
    check_model_ops("ops", "reshape_transpose", &model);
    Ok(())
}

#[test]
fn reduce_ops() -> kerasinfo::Result<()> {
    clear_session();
    let x = Input::new([6, 4, 3]).name("x").tensor()?;
    let a = ops::mean(&x, Some(&[1]), false)?;
    let b = ops::sum(&x, Some(&[1, 2]), true)?;
    let c = ops::mean(&x, Some(&[-1]), true)?;
    let d = ops::sum(&a, Some(&[-1]), false)?;
    let out = Dense::new(2).call(&d)?;
    let model = Functional::new(&x, [&out, &b, &c])
        .name("reduce_ops")
        .build()?;
    check_model_ops("ops", "reduce_ops", &model);
    Ok(())
}

#[test]
fn reduce_more() -> kerasinfo::Result<()> {
    use ops::{Reduce, ReduceKind};
    clear_session();
    let x = Input::new([None, Some(4), Some(3)]).name("x").tensor()?;
    let a = Reduce::new(ReduceKind::Max).axis([1]).call(&x)?;
    let b = Reduce::new(ReduceKind::Min)
        .axis([-1, 1])
        .keepdims(true)
        .call(&x)?;
    let c = Reduce::new(ReduceKind::Prod).axis([2]).call(&x)?;
    let d = ops::sum(&x, None, false)?;
    let e = ops::mean(&x, None, true)?;
    let model = Functional::new(&x, [&a, &b, &c, &d, &e])
        .name("reduce_more")
        .build()?;
    check_model_ops("ops", "reduce_more", &model);
    Ok(())
}

#[test]
fn concat() -> kerasinfo::Result<()> {
    clear_session();
    let x = Input::new([6, 4]).name("x").tensor()?;
    let y = Input::new([6, 2]).name("y").tensor()?;
    let a = ops::concatenate(&[&x, &y], -1)?;
    let b = ops::concatenate(&[&a, &a], 1)?;
    let out = Dense::new(3).call(&b)?;
    let model = Functional::new([&x, &y], &out).name("concat").build()?;
    check_model_ops("ops", "concat", &model);
    Ok(())
}

#[test]
fn get_item() -> kerasinfo::Result<()> {
    use ops::Index;
    clear_session();
    let x = Input::new([6, 4, 3]).name("x").tensor()?;
    let s = Index::slice;
    let a = ops::get_item(
        &x,
        &[
            Index::full(),
            s(Some(1), Some(5), Some(2)),
            Index::Ellipsis,
            Index::Int(0),
        ],
    )?;
    let b = ops::get_item(&x, &[Index::full(), Index::Int(2)])?;
    let c = ops::get_item(&x, &[Index::Ellipsis, Index::NewAxis, Index::Int(-1)])?;
    let d = ops::get_item(
        &x,
        &[
            Index::full(),
            s(None, None, Some(-2)),
            s(Some(-3), None, None),
        ],
    )?;
    let e = ops::get_item(&x, &[Index::Int(1)])?;
    let f = ops::get_item(
        &x,
        &[Index::full(), Index::Int(0), Index::Int(1), Index::Int(2)],
    )?;
    let model = Functional::new(&x, [&a, &b, &c, &d, &e, &f])
        .name("get_item")
        .build()?;
    check_model_ops("ops", "get_item", &model);
    Ok(())
}

/// Python's `len(range(*slice(start, stop, step).indices(length)))`, the
/// rule `GetItem` applies to known sizes, for many combinations.
#[test]
fn slice_lengths_match_python() -> kerasinfo::Result<()> {
    let text =
        std::fs::read_to_string(common::fixture_dir("ops").join("slice_lengths.json")).unwrap();
    let rows: Vec<Vec<Option<i64>>> = serde_json::from_str(&text).unwrap();
    assert!(rows.len() > 1000);
    for r in rows {
        let (start, stop, step) = (r[0], r[1], r[2]);
        let (length, n) = (r[3].unwrap(), r[4].unwrap());
        let x = Input::with_batch_shape([length]).tensor()?;
        let y = ops::get_item(&x, &[ops::Index::slice(start, stop, step)])?;
        assert_eq!(y.shape().to_string(), format!("({n})"), "{r:?}");
    }
    Ok(())
}

#[test]
fn keras_errors_are_errors() -> kerasinfo::Result<()> {
    use common::keras_error;
    clear_session();
    let x = Input::new([4, 3]).tensor()?;
    let y = Input::new([5]).tensor()?;
    assert!(keras_error("ops", "err_broadcast").is_some());
    assert!(ops::add(&x, &y).is_err());
    assert!(keras_error("ops", "err_transpose").is_some());
    assert!(ops::transpose(&x, Some(&[0, 1])).is_err());
    // With an unknown batch size Keras cannot check the total size.
    assert!(keras_error("ops", "ok_reshape_unknown_batch").is_none());
    assert_eq!(ops::reshape(&x, [-1, 5])?.shape().to_string(), "(None, 5)");
    assert!(keras_error("ops", "err_reshape_size").is_some());
    let fixed = Input::new([4, 3]).batch_size(2).tensor()?;
    assert!(ops::reshape(&fixed, [-1, 5]).is_err());
    assert!(keras_error("ops", "err_get_item_index").is_some());
    let idx = [ops::Index::full(), ops::Index::Int(4)];
    assert!(ops::get_item(&x, &idx).is_err());
    Ok(())
}

#[test]
fn unknown_operation_is_a_config_error() {
    let text = std::fs::read_to_string(common::fixture_dir("ops").join("binary.config.json"))
        .unwrap()
        .replace(r#""class_name": "Power""#, r#""class_name": "Frobnicate""#);
    clear_session();
    let err = kerasinfo::config::model_from_json(&text).unwrap_err();
    assert!(matches!(err, kerasinfo::Error::Config { .. }), "{err}");
    assert!(err.to_string().contains("Frobnicate"), "{err}");
}
