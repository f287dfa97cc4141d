//! Builders of the kerasinfo twins of the Keras models in
//! `tests/fixtures/reshape_merge/`: tests/layers_reshape_merge.rs checks each against its
//! fixture, tests/config_writer.rs writes each as a Keras config.

#![allow(dead_code, unused_imports, clippy::wildcard_imports)]

use kerasinfo::naming::clear_session;
use kerasinfo::prelude::*;
use kerasinfo::{DType, Dim, Error, LayerError, Shape, ShapeArg, ops};

pub fn reshape_variants() -> kerasinfo::Result<Model> {
    let a = Input::new([12]).tensor()?;
    let x = Reshape::new((3, 4)).call(&a)?;
    let x = Reshape::new((-1, 2, 2)).call(&x)?;
    let x = Reshape::new((-1,))
        .name("flat_again")
        .trainable(false)
        .call(&x)?;
    let x = Reshape::new((2, 3, -1)).call(&x)?;
    let b = Input::new([None, Some(4)]).tensor()?;
    let y = Reshape::new((-1, 2)).call(&b)?;
    let y = Reshape::new((None::<i64>, Some(8))).call(&y)?;
    let c = Input::new([4]).tensor()?;
    let z = Reshape::new([None, Some(2)]).call(&c)?;
    let model = Functional::new([&a, &b, &c], [&x, &y, &z])
        .name("reshapes")
        .build()?;
    Ok(model)
}

pub fn permute_repeat() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .name("perm")
        .add(Input::new([6]))
        .add(RepeatVector::new(3))
        .add(Permute::new((2, 1)))
        .add(Reshape::new((2, 3, 3)))
        .add(Permute::new((3, 1, 2)))
        .add(Flatten::new())
        .add(Dense::new(4))
        .add(RepeatVector::new(1).name("rep1"))
        .add(Permute::new([1, 2]))
        .build()?;
    Ok(model)
}

pub fn permute_unknown() -> kerasinfo::Result<Model> {
    let a = Input::new([None, Some(5), Some(7)]).tensor()?;
    let x = Permute::new(vec![3, 1, 2]).call(&a)?;
    let b = Input::new([None::<u64>]).tensor()?;
    let y = RepeatVector::new(4).call(&b)?;
    let model = Functional::new([&a, &b], [&x, &y]).build()?;
    Ok(model)
}

pub fn upsampling() -> kerasinfo::Result<Model> {
    let a = Input::new([4, 5, 3]).tensor()?;
    let x = UpSampling2D::default().call(&a)?;
    let x = UpSampling2D::new((2, 3))
        .interpolation("bilinear")
        .call(&x)?;
    let x = UpSampling2D::new(3)
        .data_format(DataFormat::ChannelsFirst)
        .call(&x)?;
    let x = Conv2D::new(2, 3).call(&x)?;
    let b = Input::new([None, Some(3)]).tensor()?;
    let y = UpSampling1D::new(3).call(&b)?;
    let y = UpSampling1D::default().call(&y)?;
    let c = Input::new([2, 3, 4, 1]).tensor()?;
    let z = UpSampling3D::default().call(&c)?;
    let z = UpSampling3D::new((1, 2, 3))
        .data_format(DataFormat::ChannelsFirst)
        .call(&z)?;
    let z = UpSampling3D::new(2).call(&z)?;
    let d = Input::new([None, Some(7), Some(2)]).tensor()?;
    let w = UpSampling2D::new((1, 2))
        .interpolation("bicubic")
        .data_format(DataFormat::ChannelsFirst)
        .call(&d)?;
    let model = Functional::new([&a, &b, &c, &d], [&x, &y, &z, &w])
        .name("ups")
        .build()?;
    Ok(model)
}

pub fn cropping() -> kerasinfo::Result<Model> {
    let cf = DataFormat::ChannelsFirst;
    let a = Input::new([12, 4]).tensor()?;
    let x = Cropping1D::default().call(&a)?;
    let x = Cropping1D::new(2).call(&x)?;
    let x = Cropping1D::new((1, 3)).call(&x)?;
    let b = Input::new([None, Some(4)]).tensor()?;
    let y = Cropping1D::new((0, 5)).call(&b)?;
    let c = Input::new([20, 24, 3]).tensor()?;
    let z = Cropping2D::default().call(&c)?;
    let z = Cropping2D::new(1).call(&z)?;
    let z = Cropping2D::new((1, 2)).call(&z)?;
    let z = Cropping2D::new(((1, 2), (3, 4))).call(&z)?;
    let z = Cropping2D::new(((1, 2), 3)).call(&z)?;
    let z = Cropping2D::new((2, (0, 1))).data_format(cf).call(&z)?;
    let d = Input::new([8, 9, 10, 4]).tensor()?;
    let w = Cropping3D::default().call(&d)?;
    let w = Cropping3D::new(1).call(&w)?;
    let w = Cropping3D::new((0, 1, 2)).call(&w)?;
    let w = Cropping3D::new(((1, 0), (0, 1), (1, 1)))
        .data_format(cf)
        .call(&w)?;
    let e = Input::new([Some(3), None, Some(9), None]).tensor()?;
    let v = Cropping3D::new((1, (2, 3), 4)).data_format(cf).call(&e)?;
    let model = Functional::new([&a, &b, &c, &d, &e], [&x, &y, &z, &w, &v])
        .name("crops")
        .build()?;
    Ok(model)
}

pub fn zero_padding() -> kerasinfo::Result<Model> {
    let cf = DataFormat::ChannelsFirst;
    let a = Input::new([10, 4]).tensor()?;
    let x = ZeroPadding1D::default().call(&a)?;
    let x = ZeroPadding1D::new(2).call(&x)?;
    let x = ZeroPadding1D::new((1, 3)).call(&x)?;
    let x = ZeroPadding1D::new((0, 2)).data_format(cf).call(&x)?;
    let b = Input::new([None, Some(5), Some(3)]).tensor()?;
    let y = ZeroPadding2D::default().call(&b)?;
    let y = ZeroPadding2D::new(((1, 2), 3)).call(&y)?;
    let y = ZeroPadding2D::new((2, (0, 1))).data_format(cf).call(&y)?;
    let c = Input::new([2, 3, 4, 5]).tensor()?;
    let z = ZeroPadding3D::default().call(&c)?;
    let z = ZeroPadding3D::new(2).call(&z)?;
    let z = ZeroPadding3D::new((0, 1, 2)).call(&z)?;
    let z = ZeroPadding3D::new(((1, 0), 2, (0, 3)))
        .data_format(cf)
        .call(&z)?;
    let z = Dense::new(2).name("after_pad").call(&z)?;
    let model = Functional::new([&a, &b, &c], [&x, &y, &z])
        .name("pads")
        .build()?;
    Ok(model)
}

pub fn flatten_formats() -> kerasinfo::Result<Model> {
    let cf = DataFormat::ChannelsFirst;
    let a = Input::new([3, 4, 5]).tensor()?;
    let x = Flatten::new().data_format(cf).call(&a)?;
    let b = Input::new([Some(3), None]).tensor()?;
    let y = Flatten::new().data_format(cf).call(&b)?;
    let c = Input::with_batch_shape([Dim::Unknown]).tensor()?;
    let z = Flatten::new().call(&c)?;
    let model = Functional::new([&a, &b, &c], [&x, &y, &z]).build()?;
    Ok(model)
}

pub fn merge_elementwise() -> kerasinfo::Result<Model> {
    let a = Input::new([4, 8]).tensor()?;
    let b = Input::new([4, 1]).tensor()?;
    let c = Input::new([8]).tensor()?;
    let d = Input::new([None, Some(8)]).tensor()?;
    let m = Multiply::new().call([&a, &b])?;
    let s = Subtract::new().call([&m, &c])?;
    let av = Average::new().call([&a, &b, &c])?;
    let mx = Maximum::new().call([&s, &d])?;
    let mn = Minimum::new().name("lowest").call([&av, &mx, &a])?;
    let ad = Add::new().call([&mn, &b])?;
    let out = Dense::new(3).call(&ad)?;
    let cc = Multiply::new().call([&c, &c])?;
    let model = Functional::new([&a, &b, &c, &d], [&out, &cc])
        .name("merges")
        .build()?;
    Ok(model)
}

pub fn merge_batch() -> kerasinfo::Result<Model> {
    let a = Input::new([5]).batch_size(4).tensor()?;
    let b = Input::new([5]).tensor()?;
    let c = Input::new([1]).tensor()?;
    let x = Subtract::new().call([&b, &a])?;
    let y = Maximum::new().call([&x, &c])?;
    let z = Average::new().call([&y])?;
    let model = Functional::new([&a, &b, &c], &z).build()?;
    Ok(model)
}

pub fn unet_small() -> kerasinfo::Result<Model> {
    let inp = Input::new([30, 30, 3]).name("image").tensor()?;
    let c1 = Conv2D::new(8, 3)
        .padding(Padding::Same)
        .activation("relu")
        .call(&inp)?;
    let p1 = MaxPooling2D::new(2).call(&c1)?;
    let c2 = Conv2D::new(16, 3).activation("relu").call(&p1)?;
    let u1 = UpSampling2D::default()
        .interpolation("bilinear")
        .call(&c2)?;
    let u1 = ZeroPadding2D::new(((2, 2), (3, 1))).call(&u1)?;
    let crop = Cropping2D::new(((0, 0), (1, 1))).call(&c1)?;
    let u1 = Cropping2D::new(((0, 0), (1, 1))).call(&u1)?;
    let m = Concatenate::new().call([&u1, &crop])?;
    let out = Conv2D::new(1, 1)
        .activation("sigmoid")
        .name("mask")
        .call(&m)?;
    let model = Functional::new(&inp, &out).name("unet_small").build()?;
    Ok(model)
}

pub fn siamese() -> kerasinfo::Result<Model> {
    let a = Input::new([16]).name("left").tensor()?;
    let b = Input::new([16]).name("right").tensor()?;
    let enc = Dense::new(8).name("encoder").shared();
    let ea = enc.call(&a)?;
    let eb = enc.call(&b)?;
    let diff = Subtract::new().call([&ea, &eb])?;
    let prod = Multiply::new().call([&ea, &eb])?;
    let cos = Dot::new(1)
        .normalize(true)
        .name("cosine")
        .call([&ea, &eb])?;
    let mx = Maximum::new().call([&ea, &eb])?;
    let mn = Minimum::new().call([&ea, &eb])?;
    let avg = Average::new().call([&diff, &prod, &mx, &mn])?;
    let feats = Concatenate::new().call([&avg, &cos])?;
    let seq = RepeatVector::new(2).call(&feats)?;
    let seq = Permute::new((2, 1)).call(&seq)?;
    let seq = Reshape::new((-1,)).call(&seq)?;
    let out = Dense::new(1)
        .activation("sigmoid")
        .trainable(false)
        .call(&seq)?;
    let model = Functional::new([&a, &b], &out).name("siamese").build()?;
    Ok(model)
}

pub fn dot_variants() -> kerasinfo::Result<Model> {
    let u = Input::new([8]).tensor()?;
    let v = Input::new([8]).tensor()?;
    let p = Input::new([5, 2]).tensor()?;
    let q = Input::new([2, 5]).tensor()?;
    let r = Input::new([3, 4]).tensor()?;
    let s = Input::new([6, 4]).tensor()?;
    let o1 = Dot::new(1).call([&u, &v])?;
    let o2 = Dot::new((1, 2)).call([&p, &q])?;
    let o3 = Dot::new(-1).normalize(true).call([&r, &s])?;
    let o4 = Dot::new((-1, -1)).call([&r, &s])?;
    let o5 = Dot::new([2, 1]).call([&p, &q])?;
    let o6 = Dot::new(0).call([&u, &v])?;
    let o7 = Dot::new(-4).call([&r, &r])?;
    let o8 = Dot::new((-3, -3)).call([&r, &r])?;
    let model = Functional::new(
        [&u, &v, &p, &q, &r, &s],
        [&o1, &o2, &o3, &o4, &o5, &o6, &o7, &o8],
    )
    .name("dots")
    .build()?;
    Ok(model)
}

pub fn dot_batch() -> kerasinfo::Result<Model> {
    let a = Input::new([3]).batch_size(2).tensor()?;
    let b = Input::new([3]).batch_size(3).tensor()?;
    let o = Dot::new(1).call([&a, &b])?;
    let model = Functional::new([&a, &b], &o).build()?;
    Ok(model)
}
