//! Keras 3 masks in Functional models (`Embedding(mask_zero=True)`,
//! `Masking`): the mask operations (`NotEqual`, `Any`, `LogicalOr`, …) and
//! the `mask=` keyword tensors of the calls, imported from the configs of
//! scripts/gen_mask_fixtures.py and built with the builder API, checked
//! byte for byte against Keras's summaries.

#![cfg(feature = "keras-json")]

mod common;

use common::{check_model_ops, fixture_dir};
use kerasinfo::DType;
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
    // As Keras loads it (the paths of a loaded model's wrapped layers).
    common::check_loaded("mask", name, &model);
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

/// An int32 input, as the fixtures' token inputs.
fn tokens(shape: impl Into<kerasinfo::ShapeArg>, name: &str) -> kerasinfo::Result<Tensor> {
    Input::new(shape).name(name).dtype(DType::Int32).tensor()
}

// The builder, written as the Keras code of scripts/gen_mask_fixtures.py:
// masks propagate by themselves, as in Keras.

#[test]
fn builder_embedding_mask_to_lstm() -> kerasinfo::Result<()> {
    clear_session();
    let x = tokens([12], "tokens")?;
    let e = Embedding::new(100, 8).mask_zero(true).call(&x)?;
    let h = LSTM::new(6).call(&e)?;
    let out = Dense::new(2).call(&h)?;
    let model = Functional::new(&x, &out).name("emb_lstm").build()?;
    check_model_ops("mask", "emb_lstm", &model);
    Ok(())
}

#[test]
fn builder_embedding_mask_to_bidirectional_gru_and_lstm() -> kerasinfo::Result<()> {
    clear_session();
    let x = tokens([None::<u64>], "tokens")?;
    let e = Embedding::new(50, 4).mask_zero(true).call(&x)?;
    let h = Bidirectional::new(GRU::new(3).return_sequences(true)).call(&e)?;
    let h = LSTM::new(5).call(&h)?;
    let out = Dense::new(1).call(&h)?;
    let model = Functional::new(&x, &out).name("emb_gru_bidi").build()?;
    check_model_ops("mask", "emb_gru_bidi", &model);
    Ok(())
}

#[test]
fn builder_embedding_mask_to_multi_head_attention() -> kerasinfo::Result<()> {
    clear_session();
    let x = tokens([10], "tokens")?;
    let e = Embedding::new(30, 8).mask_zero(true).call(&x)?;
    let a = MultiHeadAttention::new(2, 4).call([&e, &e])?;
    let out = Dense::new(3).call(&a)?;
    let model = Functional::new(&x, &out).name("emb_mha").build()?;
    check_model_ops("mask", "emb_mha", &model);
    Ok(())
}

#[test]
fn builder_embedding_mask_to_global_average_pooling() -> kerasinfo::Result<()> {
    clear_session();
    let x = tokens([7], "tokens")?;
    let e = Embedding::new(20, 6).mask_zero(true).call(&x)?;
    let p = GlobalAveragePooling1D::new().call(&e)?;
    let out = Dense::new(2).call(&p)?;
    let model = Functional::new(&x, &out).name("emb_pool").build()?;
    check_model_ops("mask", "emb_pool", &model);
    Ok(())
}

#[test]
fn builder_masking_layer_to_lstm_and_gru() -> kerasinfo::Result<()> {
    clear_session();
    let x = Input::new([9, 3]).name("seq").tensor()?;
    let m = Masking::new().call(&x)?;
    let h = LSTM::new(4).return_sequences(true).call(&m)?;
    let h = GRU::new(2).call(&h)?;
    let out = Dense::new(1).call(&h)?;
    let model = Functional::new(&x, &out).name("masking_lstm").build()?;
    check_model_ops("mask", "masking_lstm", &model);
    Ok(())
}

/// Two masked embeddings merged by `merge`, then `rnn`.
fn merged(
    name: &str,
    dims: (i64, i64),
    merge: impl FnOnce(&Tensor, &Tensor) -> kerasinfo::Result<Tensor>,
    rnn: impl FnOnce(&Tensor) -> kerasinfo::Result<Tensor>,
) -> kerasinfo::Result<Model> {
    clear_session();
    let a = tokens([6], "a")?;
    let b = tokens([6], "b")?;
    let ea = Embedding::new(40, dims.0).mask_zero(true).call(&a)?;
    let eb = Embedding::new(40, dims.1).mask_zero(true).call(&b)?;
    let s = merge(&ea, &eb)?;
    let out = rnn(&s)?;
    Functional::new([&a, &b], &out).name(name).build()
}

#[test]
fn builder_masks_merged_by_add() -> kerasinfo::Result<()> {
    let model = merged(
        "merge_add",
        (5, 5),
        |a, b| Add::new().call([a, b]),
        |s| Dense::new(1).call(&LSTM::new(3).call(s)?),
    )?;
    check_model_ops("mask", "merge_add", &model);
    Ok(())
}

#[test]
fn builder_masks_merged_by_concatenate() -> kerasinfo::Result<()> {
    let model = merged(
        "merge_concat",
        (5, 3),
        |a, b| Concatenate::new().call([a, b]),
        |s| Dense::new(2).call(&GRU::new(4).call(s)?),
    )?;
    check_model_ops("mask", "merge_concat", &model);
    Ok(())
}

#[test]
fn builder_masks_merged_by_multiply() -> kerasinfo::Result<()> {
    let model = merged(
        "merge_multiply",
        (5, 5),
        |a, b| Multiply::new().call([a, b]),
        |s| LSTM::new(3).call(s),
    )?;
    check_model_ops("mask", "merge_multiply", &model);
    Ok(())
}

#[test]
fn builder_mask_through_dense_dropout_to_lstm_and_time_distributed() -> kerasinfo::Result<()> {
    clear_session();
    let x = tokens([8], "tokens")?;
    let e = Embedding::new(25, 4).mask_zero(true).call(&x)?;
    let d = Dense::new(6).activation("relu").call(&e)?;
    let d = Dropout::new(0.1).call(&d)?;
    let h = LSTM::new(3).return_sequences(true).call(&d)?;
    let t = TimeDistributed::new(Dense::new(2)).call(&h)?;
    let model = Functional::new(&x, &t).name("emb_dense_lstm").build()?;
    check_model_ops("mask", "emb_dense_lstm", &model);
    Ok(())
}

#[test]
fn builder_attention_query_mask_to_pooling() -> kerasinfo::Result<()> {
    clear_session();
    let q = tokens([5], "q")?;
    let v = tokens([7], "v")?;
    let eq = Embedding::new(30, 4).mask_zero(true).call(&q)?;
    let ev = Embedding::new(30, 4).mask_zero(true).call(&v)?;
    let a = Attention::new().call([&eq, &ev])?;
    let p = GlobalAveragePooling1D::new().call(&a)?;
    let model = Functional::new([&q, &v], &p)
        .name("emb_attention")
        .build()?;
    check_model_ops("mask", "emb_attention", &model);
    Ok(())
}

#[test]
fn builder_masking_layer_to_bidirectional() -> kerasinfo::Result<()> {
    clear_session();
    let x = Input::new([None, Some(4)]).name("seq").tensor()?;
    let m = Masking::new().mask_value(-1.0).call(&x)?;
    let h = Bidirectional::new(LSTM::new(3)).call(&m)?;
    let model = Functional::new(&x, &h).name("masking_bidi").build()?;
    check_model_ops("mask", "masking_bidi", &model);
    Ok(())
}

/// An explicit `mask=` (Keras's `layer(x, mask=m)`) replaces the one the
/// input carries: the node connects to it.
#[test]
fn an_explicit_mask_is_the_one_the_call_takes() -> kerasinfo::Result<()> {
    clear_session();
    let x = Input::new([12, 8]).tensor()?;
    let mask = ops::any(&ops::not_equal(&x, 0.0)?, -1)?;
    let y = LSTM::new(6)
        .return_sequences(true)
        .shared()
        .call_with_mask(&x, &mask)?;
    assert_eq!(y.keras_mask().unwrap().layer().name(), "any");
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
