//! Builders of the kerasinfo twins of the Keras models in
//! `tests/fixtures/ops/`: tests/ops.rs checks each against its
//! fixture, tests/config_writer.rs writes each as a Keras config.

#![allow(dead_code, unused_imports, clippy::wildcard_imports)]

use kerasinfo::naming::clear_session;
use kerasinfo::prelude::*;
use kerasinfo::{DType, Dim, Error, LayerError, Shape, ShapeArg, ops};

pub fn binary() -> kerasinfo::Result<Model> {
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
    Ok(model)
}

pub fn broadcast_none() -> kerasinfo::Result<Model> {
    let x = Input::new([None, Some(1), Some(5)]).name("x").tensor()?;
    let y = Input::new([7, 1]).name("y").tensor()?;
    let z = ops::add(&x, &y)?;
    let z = ops::divide(&z, 3)?;
    let z = Dense::new(2).call(&z)?;
    let z = ops::multiply(&z, &z)?;
    let model = Functional::new([&x, &y], &z)
        .name("broadcast_none")
        .build()?;
    Ok(model)
}

pub fn reshape_transpose() -> kerasinfo::Result<Model> {
    let x = Input::new([6, 4]).name("x").tensor()?;
    let a = ops::reshape(&x, [-1, 3, 8])?;
    let b = ops::transpose(&a, Some(&[0, 2, 1]))?;
    let c = ops::transpose(&b, None)?;
    let d = ops::reshape(&c, [-1, 24])?;
    let out = Dense::new(5).call(&d)?;
    let model = Functional::new(&x, &out)
        .name("reshape_transpose")
        .build()?;
    Ok(model)
}

pub fn reduce_ops() -> kerasinfo::Result<Model> {
    let x = Input::new([6, 4, 3]).name("x").tensor()?;
    let a = ops::mean(&x, Some(&[1]), false)?;
    let b = ops::sum(&x, Some(&[1, 2]), true)?;
    let c = ops::mean(&x, Some(&[-1]), true)?;
    let d = ops::sum(&a, Some(&[-1]), false)?;
    let out = Dense::new(2).call(&d)?;
    let model = Functional::new(&x, [&out, &b, &c])
        .name("reduce_ops")
        .build()?;
    Ok(model)
}

pub fn reduce_more() -> kerasinfo::Result<Model> {
    use ops::{Reduce, ReduceKind};
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
    Ok(model)
}

pub fn concat() -> kerasinfo::Result<Model> {
    let x = Input::new([6, 4]).name("x").tensor()?;
    let y = Input::new([6, 2]).name("y").tensor()?;
    let a = ops::concatenate(&[&x, &y], -1)?;
    let b = ops::concatenate(&[&a, &a], 1)?;
    let out = Dense::new(3).call(&b)?;
    let model = Functional::new([&x, &y], &out).name("concat").build()?;
    Ok(model)
}

pub fn get_item() -> kerasinfo::Result<Model> {
    use ops::Index;
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
    Ok(model)
}

/// Keras Applications' helper layers (`LayerScale`, `CustomScaleLayer`)
/// between operations: tests/applications.rs checks it against its fixture.
pub fn app_layers() -> kerasinfo::Result<Model> {
    use kerasinfo::applications::{CustomScaleLayer, LayerScale};
    let x = Input::new([7, 7, 16]).name("x").tensor()?;
    let a = LayerScale::new(1e-6, 16).call(&x)?;
    let b = LayerScale::new(0.5, 16).trainable(false).call(&a)?;
    let c = CustomScaleLayer::new(0.17).call([&x, &b])?;
    let d = kerasinfo::ops::add(&x, &c)?;
    let e = Conv2D::new(8, 1).call(&d)?;
    let f = LayerScale::new(1e-6, 8).name("named_scale").call(&e)?;
    let model = Functional::new(&x, &f).name("app_layers").build()?;
    Ok(model)
}
