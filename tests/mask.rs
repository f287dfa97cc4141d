//! Keras 3 masks in Functional models (`Embedding(mask_zero=True)`,
//! `Masking`): the mask operations (`NotEqual`, `Any`, `LogicalOr`, …) and
//! the `mask=` keyword tensors of the calls, imported from the configs of
//! scripts/gen_mask_fixtures.py and built with the builder API, checked
//! byte for byte against Keras's summaries.

#![cfg(feature = "keras-json")]

mod common;

use common::{check_model_ops, fixture_dir};
use kerasinfo::config::model_from_json;
use kerasinfo::naming::clear_session;
use kerasinfo::ops;
use kerasinfo::prelude::*;

fn import(name: &str) -> Model {
    let text =
        std::fs::read_to_string(fixture_dir("mask").join(format!("{name}.config.json"))).unwrap();
    clear_session();
    model_from_json(&text).unwrap_or_else(|e| panic!("mask/{name}: {e}"))
}

fn check_import(name: &str) {
    let model = import(name);
    check_model_ops("mask", name, &model);
}

#[test]
fn embedding_mask_to_lstm() {
    check_import("emb_lstm");
}

#[test]
fn embedding_mask_to_bidirectional_gru_and_lstm() {
    check_import("emb_gru_bidi");
}

#[test]
fn embedding_mask_to_multi_head_attention() {
    check_import("emb_mha");
}

#[test]
fn embedding_mask_to_global_average_pooling() {
    check_import("emb_pool");
}

#[test]
fn masking_layer_mask_to_lstm_and_gru() {
    check_import("masking_lstm");
}

#[test]
fn masks_merged_by_add() {
    check_import("merge_add");
}

#[test]
fn masks_merged_by_concatenate() {
    check_import("merge_concat");
}

#[test]
fn masks_merged_by_multiply() {
    check_import("merge_multiply");
}

#[test]
fn mask_through_dense_dropout_to_lstm_and_time_distributed() {
    check_import("emb_dense_lstm");
}

#[test]
fn attention_query_mask_to_pooling() {
    check_import("emb_attention");
}

#[test]
fn masking_layer_to_bidirectional() {
    check_import("masking_bidi");
}

#[test]
fn mask_connections_are_not_shape_inputs() {
    let model = import("emb_lstm");
    let s = model.summary();
    let lstm = s.rows.iter().find(|r| r.name == "lstm").unwrap();
    assert_eq!(lstm.connected_to_text(), "embedding[0][0], not_equal[0][0]");
    assert_eq!(lstm.input_shapes.len(), 1);
    assert_eq!(lstm.input_shapes[0].to_string(), "(None, 12, 8)");
}

#[test]
fn builder_embedding_mask_to_lstm() -> kerasinfo::Result<()> {
    clear_session();
    let x = Input::new([12]).name("tokens").tensor()?;
    let e = Embedding::new(100, 8).mask_zero(true).shared().call(&x)?;
    let mask = ops::not_equal(&x, 0)?;
    let h = LSTM::new(6).shared().call_with_mask(&e, &mask)?;
    let out = Dense::new(2).shared().call(&h)?;
    let model = Functional::new(&x, &out).name("emb_lstm").build()?;
    check_model_ops("mask", "emb_lstm", &model);
    Ok(())
}

#[test]
fn builder_masking_layer_to_lstm_and_gru() -> kerasinfo::Result<()> {
    clear_session();
    let x = Input::new([9, 3]).name("seq").tensor()?;
    let ne = ops::not_equal(&x, 0.0)?;
    let m = Masking::new().shared().call(&x)?;
    let mask = ops::any(&ne, -1)?;
    let h = LSTM::new(4)
        .return_sequences(true)
        .shared()
        .call_with_mask(&m, &mask)?;
    let h = GRU::new(2).shared().call_with_mask(&h, &mask)?;
    let out = Dense::new(1).shared().call(&h)?;
    let model = Functional::new(&x, &out).name("masking_lstm").build()?;
    check_model_ops("mask", "masking_lstm", &model);
    Ok(())
}

#[test]
fn boolean_operations_import() {
    check_import("bool_ops");
}

#[test]
fn builder_boolean_operations() -> kerasinfo::Result<()> {
    clear_session();
    let x = Input::new([4, 3]).name("x").tensor()?;
    let y = Input::new([3]).name("y").tensor()?;
    let a = ops::equal(&x, 0.0)?;
    let b = ops::not_equal(&x, &y)?;
    let c = ops::logical_and(&a, &b)?;
    let d = ops::all(&c, -1)?;
    let e = ops::expand_dims(&d, -1)?;
    let h = ops::expand_dims(&y, 0)?;
    let f = ops::logical_or(&e, &ops::zeros_like(&x)?)?;
    let g = ops::any(&f, 1)?;
    let model = Functional::new([&x, &y], [&d, &g, &h])
        .name("bool_ops")
        .build()?;
    check_model_ops("mask", "bool_ops", &model);
    Ok(())
}

/// Every mask fixture, imported, written back with `model_to_json` and
/// imported again, still prints what Keras printed (the `mask=` keyword
/// tensors survive the writer).
#[test]
fn written_configs_keep_the_masks() {
    let mut n = 0;
    for entry in std::fs::read_dir(fixture_dir("mask")).unwrap() {
        let file = entry.unwrap().file_name().into_string().unwrap();
        let Some(name) = file.strip_suffix(".config.json") else {
            continue;
        };
        let model = import(name);
        let written = kerasinfo::config::model_to_json(&model).unwrap();
        clear_session();
        let again = model_from_json(&written).unwrap_or_else(|e| panic!("mask/{name}: {e}"));
        check_model_ops("mask", name, &again);
        n += 1;
    }
    assert!(n >= 12, "{n}");
}
