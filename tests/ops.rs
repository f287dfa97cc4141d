//! Keras 3 operations on symbolic tensors (`kerasinfo::ops`), built with
//! the builder API and checked against the fixtures of
//! scripts/gen_ops_fixtures.py (their configs are imported by
//! tests/config_import.rs).

#![cfg(feature = "keras-json")]

mod common;
#[path = "models/ops.rs"]
mod models;

use common::check_model_ops;
use kerasinfo::naming::clear_session;
use kerasinfo::ops;
use kerasinfo::prelude::*;

#[test]
fn binary() -> kerasinfo::Result<()> {
    clear_session();
    let model = models::binary()?;
    check_model_ops("ops", "binary", &model);
    Ok(())
}

#[test]
fn broadcast_none() -> kerasinfo::Result<()> {
    clear_session();
    let model = models::broadcast_none()?;
    check_model_ops("ops", "broadcast_none", &model);
    Ok(())
}

#[test]
fn reshape_transpose() -> kerasinfo::Result<()> {
    clear_session();
    let model = models::reshape_transpose()?;
    check_model_ops("ops", "reshape_transpose", &model);
    Ok(())
}

#[test]
fn reduce_ops() -> kerasinfo::Result<()> {
    clear_session();
    let model = models::reduce_ops()?;
    check_model_ops("ops", "reduce_ops", &model);
    Ok(())
}

#[test]
fn reduce_more() -> kerasinfo::Result<()> {
    clear_session();
    let model = models::reduce_more()?;
    check_model_ops("ops", "reduce_more", &model);
    Ok(())
}

#[test]
fn concat() -> kerasinfo::Result<()> {
    clear_session();
    let model = models::concat()?;
    check_model_ops("ops", "concat", &model);
    Ok(())
}

#[test]
fn get_item() -> kerasinfo::Result<()> {
    clear_session();
    let model = models::get_item()?;
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
