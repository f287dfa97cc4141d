//! Builders of the kerasinfo twins of the Keras models in
//! `tests/fixtures/norm_act_reg/`: tests/layers_norm_act_reg.rs checks each against its
//! fixture, tests/config_writer.rs writes each as a Keras config.

#![allow(dead_code, unused_imports, clippy::wildcard_imports)]

use kerasinfo::naming::clear_session;
use kerasinfo::prelude::*;
use kerasinfo::{DType, Dim, Error, LayerError, Shape, ShapeArg, ops};

pub fn layer_norm() -> kerasinfo::Result<Model> {
    let x = Input::new([3, 4, 5]).tensor()?;
    let y = LayerNormalization::new().call(&x)?;
    let y = LayerNormalization::new()
        .axis([-1, 1])
        .center(false)
        .call(&y)?;
    let y = LayerNormalization::new()
        .axis([3, 2])
        .epsilon(1e-5)
        .rms_scaling(true)
        .call(&y)?;
    let y = LayerNormalization::new()
        .axis(1)
        .scale(false)
        .name("ln_axis1")
        .call(&y)?;
    let y = LayerNormalization::new()
        .center(false)
        .scale(false)
        .call(&y)?;
    let y = LayerNormalization::new()
        .axis([1, 2, 3])
        .trainable(false)
        .call(&y)?;
    let y = LayerNormalization::new()
        .axis(-2)
        .dtype(DType::Float16)
        .call(&y)?;
    let y = LayerNormalization::new()
        .axis(Vec::<i64>::new())
        .name("ln_scalar")
        .call(&y)?;
    let model = Functional::new(&x, &y).name("layer_norm").build()?;
    Ok(model)
}

pub fn layer_norm_seq() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .name("ln_seq")
        .add(Input::new([None, Some(8)]).batch_size(4))
        .add(LayerNormalization::new())
        .add(LayerNormalization::new().axis(0))
        .add(
            LayerNormalization::new()
                .axis([0, -1])
                .rms_scaling(true)
                .scale(false),
        )
        .add(Dense::new(6))
        .add(LayerNormalization::new().epsilon(1e-6))
        .build()?;
    Ok(model)
}

pub fn activations() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .add(Input::new([10]))
        .add(Dense::new(16))
        .add(ReLU::new())
        .add(
            ReLU::new()
                .max_value(6.0)
                .negative_slope(0.1)
                .threshold(0.5),
        )
        .add(ReLU::new().max_value(0.0))
        .add(LeakyReLU::new())
        .add(LeakyReLU::new().negative_slope(0.0))
        .add(ELU::new())
        .add(ELU::new().alpha(-2.0).name("elu_neg"))
        .add(Softmax::new())
        .add(Softmax::new().axis([1]).trainable(false))
        .add(Softmax::new().axis(7))
        .build()?;
    Ok(model)
}

pub fn prelu() -> kerasinfo::Result<Model> {
    let x = Input::new([6, 7, 8]).tensor()?;
    let a = PReLU::new().call(&x)?;
    let b = PReLU::new().shared_axes([1, 2]).call(&a)?;
    let c = PReLU::new().shared_axes(1).call(&b)?;
    let d = PReLU::new().shared_axes(-1).call(&c)?;
    let e = PReLU::new().shared_axes(0).trainable(false).call(&d)?;
    let f = PReLU::new()
        .shared_axes([-2, 3])
        .name("prelu_neg")
        .call(&e)?;
    let g = PReLU::new().shared_axes(Vec::<i64>::new()).call(&f)?;
    let s = Input::new([None, Some(5)]).name("seq").tensor()?;
    let h = PReLU::new().shared_axes([1]).call(&s)?;
    let v = Input::new(Vec::<i64>::new()).name("vec").tensor()?;
    let k = PReLU::new().call(&v)?;
    let model = Functional::new([&x, &s, &v], [&g, &h, &k])
        .name("prelu")
        .build()?;
    Ok(model)
}

pub fn group_norm() -> kerasinfo::Result<Model> {
    let x = Input::new([6, 5, 64]).tensor()?;
    let y = GroupNormalization::new().call(&x)?;
    let y = GroupNormalization::new().groups(4).call(&y)?;
    let y = GroupNormalization::new()
        .groups(-1)
        .epsilon(1e-5)
        .call(&y)?;
    let y = GroupNormalization::new()
        .groups(3)
        .axis(1)
        .center(false)
        .call(&y)?;
    let y = GroupNormalization::new()
        .groups(5)
        .axis(-2)
        .scale(false)
        .call(&y)?;
    let y = GroupNormalization::new()
        .groups(2)
        .center(false)
        .scale(false)
        .call(&y)?;
    let y = GroupNormalization::new()
        .groups(64)
        .trainable(false)
        .call(&y)?;
    let z = Input::new([None, Some(12)]).tensor()?;
    let w = GroupNormalization::new().groups(12).call(&z)?;
    let model = Functional::new([&x, &z], [&y, &w])
        .name("group_norm")
        .build()?;
    Ok(model)
}

pub fn unit_rms() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .add(Input::new([3, 4, 5]))
        .add(UnitNormalization::new())
        .add(UnitNormalization::new().axis([1, 2]))
        .add(UnitNormalization::new().axis(-3))
        .add(RMSNormalization::new())
        .add(RMSNormalization::new().axis([-1, 1]).epsilon(1e-5))
        .add(RMSNormalization::new().axis(2).trainable(false))
        .add(
            RMSNormalization::new()
                .axis([1, 2, 3])
                .dtype(DType::Float64),
        )
        .build()?;
    Ok(model)
}

pub fn batch_norm_extra() -> kerasinfo::Result<Model> {
    let x = Input::new([6, 5]).batch_size(2).tensor()?;
    let y = BatchNormalization::new().renorm(true).call(&x)?;
    let y = BatchNormalization::new()
        .renorm(true)
        .center(false)
        .renorm_clipping(RenormClipping {
            rmax: Some(3.0),
            rmin: Some(1.0 / 3.0),
            dmax: Some(5.0),
        })
        .renorm_momentum(0.9)
        .call(&y)?;
    let y = BatchNormalization::new()
        .synchronized(true)
        .momentum(0.9)
        .epsilon(1e-5)
        .call(&y)?;
    let y = BatchNormalization::new().axis(0).scale(false).call(&y)?;
    let y = BatchNormalization::new()
        .axis(1)
        .renorm(true)
        .trainable(false)
        .call(&y)?;
    let y = BatchNormalization::new()
        .axis(-2)
        .dtype(DType::Float16)
        .call(&y)?;
    let model = Functional::new(&x, &y).name("bn_extra").build()?;
    Ok(model)
}

pub fn spectral() -> kerasinfo::Result<Model> {
    let x = Input::new([5, 7]).tensor()?;
    let y = SpectralNormalization::new(Dense::new(3)).call(&x)?;
    let y = SpectralNormalization::new(Dense::new(4).name("dd"))
        .name("sn")
        .call(&y)?;
    let y = SpectralNormalization::new(Dense::new(4).use_bias(false))
        .power_iterations(3)
        .call(&y)?;
    let y = SpectralNormalization::new(Dense::new(2).trainable(false)).call(&y)?;
    let y = SpectralNormalization::new(Dense::new(2).activation("relu")).call(&y)?;
    let y = Dense::new(2).call(&y)?;
    let model = Functional::new(&x, &y).name("spectral").build()?;
    Ok(model)
}

pub fn spectral_seq() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .name("sn_seq")
        .add(Input::new([8, 8, 3]))
        .add(SpectralNormalization::new(
            Conv2D::new(4, 3).dtype(DType::Float16),
        ))
        .add(SpectralNormalization::new(
            Conv2D::new(6, (1, 2)).padding(Padding::Same),
        ))
        .add(SpectralNormalization::new(Dense::new(2).dtype(DType::Float64)).dtype(DType::Float16))
        .add(Flatten::new())
        .add(SpectralNormalization::new(Dense::new(1)))
        .build()?;
    Ok(model)
}

pub fn spectral_frozen() -> kerasinfo::Result<Model> {
    // Keras freezes only the wrapper's own `vector_u`: the wrapped Dense's
    // kernel and bias stay trainable (10 trainable, 2 non-trainable).
    let x = Input::new([4]).tensor()?;
    let y = SpectralNormalization::new(Dense::new(2))
        .trainable(false)
        .call(&x)?;
    let model = Functional::new(&x, &y).name("spectral_frozen").build()?;
    Ok(model)
}

pub fn regularization() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .add(Input::new([12, 6]))
        .add(
            Dropout::new(0.5)
                .noise_shape([None, Some(1), Some(6)])
                .seed(3),
        )
        .add(Dropout::new(0.0).noise_shape([None, None, None, Some(7)]))
        .add(SpatialDropout1D::new(0.3))
        .add(GaussianNoise::new(0.1))
        .add(GaussianNoise::new(1.0).seed(1))
        .add(GaussianDropout::new(0.4))
        .add(AlphaDropout::new(0.2).noise_shape([-3, 5]))
        .add(ActivityRegularization::new().l1(0.01).l2(0.02))
        .add(ActivityRegularization::new())
        .add(Dense::new(4))
        .build()?;
    Ok(model)
}

pub fn spatial_dropout() -> kerasinfo::Result<Model> {
    let x2 = Input::new([8, 9, 3]).tensor()?;
    let y2 = SpatialDropout2D::new(0.2).call(&x2)?;
    let y2 = SpatialDropout2D::new(1.0)
        .data_format(DataFormat::ChannelsFirst)
        .seed(7)
        .call(&y2)?;
    let x3 = Input::new([None, Some(4), Some(5), Some(2)]).tensor()?;
    let y3 = SpatialDropout3D::new(0.1).call(&x3)?;
    let y3 = SpatialDropout3D::new(0.0)
        .data_format(DataFormat::ChannelsFirst)
        .call(&y3)?;
    let x1 = Input::new([None::<i64>, None]).tensor()?;
    let y1 = SpatialDropout1D::new(0.5).name("sd1").call(&x1)?;
    let model = Functional::new([&x1, &x2, &x3], [&y1, &y2, &y3])
        .name("spatial")
        .build()?;
    Ok(model)
}

pub fn unknown_dims() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .name("unknown_dims")
        .add(Input::new([None::<i64>, None]))
        .add(UnitNormalization::new().axis([1, 2]))
        .add(Softmax::new().axis(1))
        .add(ELU::new())
        .add(LeakyReLU::new().negative_slope(0.2))
        .add(ReLU::new().max_value(1.0))
        .add(ActivityRegularization::new().l2(1e-4))
        .add(GaussianNoise::new(0.0))
        .add(Dropout::new(1.0))
        .build()?;
    Ok(model)
}
