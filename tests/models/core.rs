//! Builders of the kerasinfo twins of the Keras models in
//! `tests/fixtures/core/`: tests/summary_core.rs checks each against its
//! fixture, tests/config_writer.rs writes each as a Keras config.

#![allow(dead_code, unused_imports, unused_macros, clippy::wildcard_imports)]

use kerasinfo::naming::clear_session;
use kerasinfo::prelude::*;
use kerasinfo::{DType, Dim, Error, LayerError, Shape, ShapeArg, ops};

/// Tests that build a twin and compare it with the fixture of the same
/// name, for a test file with a `check(name, &model)` and an `R` result
/// type (tests/render_keras2.rs, tests/render_dot.rs).
macro_rules! twin_tests {
    ($($name:ident: $build:expr;)*) => {$(
        #[test]
        fn $name() -> R {
            clear_session();
            check(stringify!($name), &$build?);
            Ok(())
        }
    )*};
}

/// Whose automatic names a twin's unnamed inputs and models get: Keras 3's
/// (kerasinfo's own), or tf.keras 2's (`input_1`, `input_2`, …; `model`),
/// given explicitly, for tests/render_keras2.rs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Names {
    Keras3,
    TfKeras2,
}

impl Names {
    /// The `n`-th (from 1) unnamed `Input` of a model.
    pub fn input(self, shape: impl Into<ShapeArg>, n: usize) -> kerasinfo::Result<Tensor> {
        let input = Input::new(shape);
        match self {
            Self::Keras3 => input.tensor(),
            Self::TfKeras2 => input.name(format!("input_{n}")).tensor(),
        }
    }

    /// `layer`, named `name` explicitly under tf.keras 2's names.
    pub fn layer<L: LayerExt>(self, layer: L, name: &str) -> L {
        match self {
            Self::Keras3 => layer,
            Self::TfKeras2 => layer.name(name),
        }
    }

    /// An unnamed Functional model: tf.keras 2 names it `model`.
    pub fn model(self, builder: Functional) -> kerasinfo::Result<Model> {
        match self {
            Self::Keras3 => builder.build(),
            Self::TfKeras2 => builder.name("model").build(),
        }
    }
}

pub fn seed() -> kerasinfo::Result<Model> {
    seed_named(Names::Keras3)
}

pub fn seed_named(names: Names) -> kerasinfo::Result<Model> {
    let x_input = names.input([64, 64, 3], 1)?;
    let x = ZeroPadding2D::new((3, 3)).call(&x_input)?;
    let x = Conv2D::new(32, (7, 7))
        .strides((1, 1))
        .name("conv0")
        .call(&x)?;
    let x = BatchNormalization::new().axis(3).name("bn0").call(&x)?;
    let x = Activation::new("relu").call(&x)?;
    let x = MaxPooling2D::new((2, 2)).name("max_pool").call(&x)?;
    let x = Flatten::new().call(&x)?;
    let x = Dense::new(1).activation("sigmoid").name("fc").call(&x)?;
    let model = Functional::new(&x_input, &x).name("myModel").build()?;
    Ok(model)
}

pub fn seq_mlp() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .add(Input::new([784]))
        .add(Dense::new(128).activation("relu"))
        .add(Dropout::new(0.2))
        .add(Dense::new(10).activation("softmax"))
        .build()?;
    Ok(model)
}

pub fn seq_cnn() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .name("cnn")
        .add(Input::new([28, 28, 1]))
        .add(Conv2D::new(32, 3).padding(Padding::Same).activation("relu"))
        .add(BatchNormalization::new())
        .add(MaxPooling2D::new(2))
        .add(Conv2D::new(64, (3, 3)).strides(2).activation("relu"))
        .add(
            AveragePooling2D::new((2, 2))
                .strides(1)
                .padding(Padding::Same),
        )
        .add(GlobalAveragePooling2D::new())
        .add(Dropout::new(0.5))
        .add(Dense::new(10))
        .build()?;
    Ok(model)
}

pub fn channels_first() -> kerasinfo::Result<Model> {
    let cf = DataFormat::ChannelsFirst;
    let model = Sequential::new()
        .name("channels_first")
        .add(Input::new([3, 32, 30]))
        .add(ZeroPadding2D::new(((1, 2), (3, 4))).data_format(cf))
        .add(Conv2D::new(16, (5, 3)).data_format(cf))
        .add(BatchNormalization::new().axis(1))
        .add(MaxPooling2D::new((2, 3)).data_format(cf))
        .add(
            AveragePooling2D::new(3)
                .strides(2)
                .padding(Padding::Same)
                .data_format(cf),
        )
        .add(GlobalAveragePooling2D::new().data_format(cf).keepdims(true))
        .add(Flatten::new())
        .build()?;
    Ok(model)
}

pub fn conv_args() -> kerasinfo::Result<Model> {
    conv_args_named(Names::Keras3)
}

pub fn conv_args_named(names: Names) -> kerasinfo::Result<Model> {
    let inp = names.input([40, 40, 8], 1)?;
    let x = Conv2D::new(16, 3)
        .groups(4)
        .use_bias(false)
        .name("grouped")
        .call(&inp)?;
    let x = Conv2D::new(16, (3, 5))
        .dilation_rate((2, 1))
        .name("dilated")
        .call(&x)?;
    let x = Conv2D::new(12, (4, 4))
        .strides((2, 1))
        .padding(Padding::Same)
        .name("strided_same")
        .call(&x)?;
    let x = Conv2D::new(6, 1).strides(3).name("pointwise").call(&x)?;
    let model = Functional::new(&inp, &x).name("conv_args").build()?;
    Ok(model)
}

pub fn residual() -> kerasinfo::Result<Model> {
    let inp = Input::new([32, 32, 16]).name("img").tensor()?;
    let x = Conv2D::new(16, 3).padding(Padding::Same).call(&inp)?;
    let x = BatchNormalization::new().call(&x)?;
    let x = Activation::new("relu").call(&x)?;
    let x = Conv2D::new(16, 3).padding(Padding::Same).call(&x)?;
    let x = BatchNormalization::new().call(&x)?;
    let x = Add::new().call([&x, &inp])?;
    let x = Activation::new("relu").call(&x)?;
    let x = GlobalAveragePooling2D::new().call(&x)?;
    let out = Dense::new(10).activation("softmax").call(&x)?;
    let model = Functional::new(&inp, &out).name("residual").build()?;
    Ok(model)
}

pub fn multi_io() -> kerasinfo::Result<Model> {
    let a = Input::new([16]).name("left").tensor()?;
    let b = Input::new([8]).name("right").tensor()?;
    let xa = Dense::new(32).activation("relu").call(&a)?;
    let xb = Dense::new(32).activation("relu").call(&b)?;
    let x = Concatenate::new().call([&xa, &xb])?;
    let out1 = Dense::new(1).name("score").call(&x)?;
    let out2 = Dense::new(5)
        .activation("softmax")
        .name("category")
        .call(&x)?;
    let model = Functional::new([&a, &b], [&out1, &out2])
        .name("multi_io")
        .build()?;
    Ok(model)
}

pub fn shared_layer() -> kerasinfo::Result<Model> {
    shared_layer_named(Names::Keras3)
}

pub fn shared_layer_named(names: Names) -> kerasinfo::Result<Model> {
    let a = names.input([20], 1)?;
    let b = names.input([20], 2)?;
    let shared = Dense::new(64)
        .activation("relu")
        .name("shared_dense")
        .shared();
    let ya = shared.call(&a)?;
    let yb = shared.call(&b)?;
    let x = Add::new().call([&ya, &yb])?;
    let out = Dense::new(1).call(&x)?;
    let model = names.model(Functional::new([&a, &b], &out))?;
    Ok(model)
}

pub fn shared_chain() -> kerasinfo::Result<Model> {
    shared_chain_named(Names::Keras3)
}

pub fn shared_chain_named(names: Names) -> kerasinfo::Result<Model> {
    let inp = names.input([10], 1)?;
    let d = Dense::new(10).shared();
    let x = d.call(&inp)?;
    let x = d.call(&x)?;
    let model = Functional::new(&inp, &x).name("shared_chain").build()?;
    assert!(!model.is_sequential_like());
    Ok(model)
}

pub fn nested() -> kerasinfo::Result<Model> {
    nested_named(Names::Keras3)
}

pub fn nested_named(names: Names) -> kerasinfo::Result<Model> {
    let inner = Sequential::new()
        .name("encoder")
        .add(Input::new([12]))
        .add(names.layer(Dense::new(8).activation("relu"), "dense"))
        .add(BatchNormalization::new())
        .add(names.layer(Dense::new(4), "dense_1"))
        .build()?;
    let inp = names.input([12], 2)?;
    let x = inner.call(&inp)?;
    let out = names.layer(Dense::new(2), "dense_2").call(&x)?;
    let model = Functional::new(&inp, &out).name("outer").build()?;
    Ok(model)
}

pub fn nested_frozen() -> kerasinfo::Result<Model> {
    nested_frozen_named(Names::Keras3)
}

pub fn nested_frozen_named(names: Names) -> kerasinfo::Result<Model> {
    let i2 = names.input([6, 6, 3], 1)?;
    let y = Conv2D::new(4, 3).call(&i2)?;
    let y = BatchNormalization::new().call(&y)?;
    let backbone = Functional::new(&i2, &y)
        .name("backbone")
        .build()?
        .trainable(false);
    let inp = names.input([6, 6, 3], 2)?;
    let x = backbone.call(&inp)?;
    let x = Flatten::new().call(&x)?;
    let out = Dense::new(3).call(&x)?;
    let model = Functional::new(&inp, &out)
        .name("frozen_backbone")
        .build()?;
    Ok(model)
}

pub fn frozen_layers() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .name("partly_frozen")
        .add(Input::new([10]))
        .add(Dense::new(32).trainable(false).name("frozen_dense"))
        .add(BatchNormalization::new().name("frozen_bn").trainable(false))
        .add(Dense::new(16))
        .add(BatchNormalization::new().center(false).scale(false))
        .add(Dropout::new(0.1))
        .add(Dense::new(1))
        .build()?;
    Ok(model)
}

pub fn frozen_model() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .name("all_frozen")
        .add(Input::new([5]))
        .add(Dense::new(3))
        .add(Dense::new(2))
        .build()?
        .trainable(false);
    Ok(model)
}

pub fn long_names() -> kerasinfo::Result<Model> {
    let inp = Input::new([8])
        .name("an_input_with_a_really_quite_long_name_for_wrapping")
        .tensor()?;
    let branches = (0..4)
        .map(|i| {
            Dense::new(4)
                .name(format!("branch_number_{i}_with_a_long_descriptive_name"))
                .call(&inp)
        })
        .collect::<kerasinfo::Result<Vec<_>>>()?;
    let x = Concatenate::new()
        .name("concatenate_all_the_branches_together_please")
        .call(&branches)?;
    let x = Dense::new(3)
        .name("averyveryveryveryveryveryveryveryverylongnamewithoutanybreaks")
        .call(&x)?;
    let model = Functional::new(&inp, &x).name("long_names").build()?;
    Ok(model)
}

pub fn bn_variants() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .name("bn_variants")
        .add(Input::new([4, 6, 5]))
        .add(BatchNormalization::new().center(false))
        .add(BatchNormalization::new().scale(false))
        .add(BatchNormalization::new().axis(1))
        .add(
            BatchNormalization::new()
                .axis(-2)
                .center(false)
                .scale(false),
        )
        .build()?;
    Ok(model)
}

pub fn unknown_dims() -> kerasinfo::Result<Model> {
    let img = Input::new([None, None, Some(3)])
        .name("any_size_image")
        .tensor()?;
    let seq = Input::new([None, Some(16)]).name("sequence").tensor()?;
    let x = Conv2D::new(8, 3).padding(Padding::Same).call(&img)?;
    let x = MaxPooling2D::new(2).call(&x)?;
    let x = GlobalAveragePooling2D::new().call(&x)?;
    let y = Dense::new(8).call(&seq)?;
    let y2 = Dropout::new(0.3).call(&y)?;
    let model = Functional::new([&img, &seq], [&x, &y2])
        .name("unknown_dims")
        .build()?;
    Ok(model)
}

pub fn concat_axis() -> kerasinfo::Result<Model> {
    concat_axis_named(Names::Keras3)
}

pub fn concat_axis_named(names: Names) -> kerasinfo::Result<Model> {
    let a = names.input([4, 5], 1)?;
    let b = names.input([3, 5], 2)?;
    let c = names.input([2, 5], 3)?;
    let x = Concatenate::new().axis(1).call([&a, &b, &c])?;
    let y = Concatenate::new().axis(-1).call([&x, &x])?;
    let model = Functional::new([&a, &b, &c], &y)
        .name("concat_axis")
        .build()?;
    Ok(model)
}

pub fn batch_size_input() -> kerasinfo::Result<Model> {
    batch_size_input_named(Names::Keras3)
}

pub fn batch_size_input_named(names: Names) -> kerasinfo::Result<Model> {
    let inp = match names {
        Names::Keras3 => Input::new([10]).batch_size(8),
        Names::TfKeras2 => Input::new([10]).batch_size(8).name("input_1"),
    }
    .tensor()?;
    let x = Dense::new(5).call(&inp)?;
    let model = names.model(Functional::new(&inp, &x))?;
    Ok(model)
}

pub fn narrow() -> kerasinfo::Result<Model> {
    narrow_named(Names::Keras3)
}

pub fn narrow_named(names: Names) -> kerasinfo::Result<Model> {
    let a = names.input([3], 1)?;
    let b = names.input([3], 2)?;
    let x = Add::new().call([&a, &b])?;
    let x = Dense::new(2).call(&x)?;
    let model = Functional::new([&a, &b], &x).name("narrow").build()?;
    Ok(model)
}

pub fn big_counts() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .name("vgg_head")
        .add(Input::new([7, 7, 512]))
        .add(Flatten::new().name("flatten"))
        .add(Dense::new(4096).activation("relu").name("fc1"))
        .add(Dense::new(4096).activation("relu").name("fc2"))
        .add(Dense::new(1000).activation("softmax").name("predictions"))
        .build()?;
    Ok(model)
}

pub fn auto_names() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .add(Input::new([6]))
        .add(Dense::new(5))
        .add(Activation::new("relu"))
        .add(Dense::new(4))
        .add(Activation::new("tanh"))
        .add(Dense::new(3))
        .add(Dropout::new(0.1))
        .add(Dropout::new(0.2))
        .build()?;
    Ok(model)
}

pub fn branches() -> kerasinfo::Result<Model> {
    branches_named(Names::Keras3)
}

pub fn branches_named(names: Names) -> kerasinfo::Result<Model> {
    let inp = names.input([16, 16, 8], 1)?;
    let b1 = Conv2D::new(4, 1).name("b1").call(&inp)?;
    let b2 = Conv2D::new(4, 1).name("b2a").call(&inp)?;
    let b2 = Conv2D::new(4, 3)
        .padding(Padding::Same)
        .name("b2b")
        .call(&b2)?;
    let b3 = Conv2D::new(4, 1).name("b3a").call(&inp)?;
    let b3 = Conv2D::new(4, 3)
        .padding(Padding::Same)
        .name("b3b")
        .call(&b3)?;
    let b3 = Conv2D::new(4, 3)
        .padding(Padding::Same)
        .name("b3c")
        .call(&b3)?;
    let b4 = MaxPooling2D::new(3)
        .strides(1)
        .padding(Padding::Same)
        .name("b4pool")
        .call(&inp)?;
    let b4 = Conv2D::new(4, 1).name("b4").call(&b4)?;
    let x = Concatenate::new()
        .name("mixed")
        .call([&b1, &b2, &b3, &b4])?;
    let skip = Conv2D::new(16, 1).name("skip").call(&inp)?;
    let x = Add::new().name("sum").call([&x, &skip])?;
    let model = Functional::new(&inp, &x).name("branches").build()?;
    Ok(model)
}

pub fn nested_output() -> kerasinfo::Result<Model> {
    let i2 = Input::new([5]).tensor()?;
    let d = Dense::new(3).call(&i2)?;
    let bb = Functional::new(&i2, &d).name("bb").build()?;
    let x = Input::new([5]).tensor()?;
    let y = bb.call(&x)?;
    let model = Functional::new(&x, &y).name("nested_output").build()?;
    Ok(model)
}
