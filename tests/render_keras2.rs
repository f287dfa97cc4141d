//! The tf.keras 2 renderer (`kerasinfo::render::keras2`) against fixtures
//! tf_keras 2.21.0 printed (`scripts/gen_keras2_fixtures.py`). Each test
//! builds the twin of one Python model with the builder; layers and models
//! get explicit names where tf.keras 2's automatic names (`input_1`,
//! `model`) differ from Keras 3's, which kerasinfo's automatic names follow.

mod common;
#[macro_use]
#[path = "models/core.rs"]
mod core_models;
mod keras2_fixture;

use core_models::Names;
use keras2_fixture::check;
use kerasinfo::DType;
use kerasinfo::naming::clear_session;
use kerasinfo::prelude::*;
use kerasinfo::render::keras2::{self, Keras2Options};

type R = kerasinfo::Result<()>;

fn input(shape: impl Into<kerasinfo::ShapeArg>, name: &str) -> kerasinfo::Result<Tensor> {
    Input::new(shape).name(name).tensor()
}

twin_tests! {
    seed: core_models::seed_named(Names::TfKeras2);
    seq_cnn: core_models::seq_cnn();
    channels_first: core_models::channels_first();
    conv_args: core_models::conv_args_named(Names::TfKeras2);
    residual: core_models::residual();
    multi_io: core_models::multi_io();
    shared_layer: core_models::shared_layer_named(Names::TfKeras2);
    shared_chain: core_models::shared_chain_named(Names::TfKeras2);
    nested_frozen: core_models::nested_frozen_named(Names::TfKeras2);
    frozen_layers: core_models::frozen_layers();
    frozen_model: core_models::frozen_model();
    bn_variants: core_models::bn_variants();
    unknown_dims: core_models::unknown_dims();
    concat_axis: core_models::concat_axis_named(Names::TfKeras2);
    batch_size_input: core_models::batch_size_input_named(Names::TfKeras2);
    big_counts: core_models::big_counts();
    auto_names: core_models::auto_names();
    branches: core_models::branches_named(Names::TfKeras2);
}

#[test]
fn seq_mlp() -> R {
    clear_session();
    let model = core_models::seq_mlp()?;
    assert_eq!(check("seq_mlp", &model), 12);
    Ok(())
}

#[test]
fn shared_shapes_print_multiple() -> R {
    clear_session();
    let a = input([4, 6], "input_1")?;
    let b = input([6], "input_2")?;
    let shared = Dense::new(3).name("shared").shared();
    let ya = Flatten::new().call(&shared.call(&a)?)?;
    let yb = shared.call(&b)?;
    let x = Concatenate::new().call([&ya, &yb])?;
    let model = Functional::new([&a, &b], &x)
        .name("shared_shapes")
        .build()?;
    let s = model.summary();
    assert_eq!(keras2::output_shape_text(&s.rows[1]), "multiple");
    check("shared_shapes", &model);
    Ok(())
}

#[test]
fn nested() -> R {
    clear_session();
    let model = core_models::nested_named(Names::TfKeras2)?;
    assert_eq!(check("nested", &model), 4);
    Ok(())
}

#[test]
fn nested_branches() -> R {
    clear_session();
    let i2 = input([8], "tower_in")?;
    let t = Dense::new(6).name("tower_dense").call(&i2)?;
    let t = Dropout::new(0.1).name("tower_drop").call(&t)?;
    let tower = Functional::new(&i2, &t).name("tower").build()?;
    let a = input([8], "a")?;
    let b = input([8], "b")?;
    let side = Dense::new(6).name("side").call(&b)?;
    let x = Concatenate::new()
        .name("cat")
        .call([&tower.call(&a)?, &side])?;
    let out = Dense::new(2).name("head").call(&x)?;
    let model = Functional::new([&a, &b], &out)
        .name("nested_branches")
        .build()?;
    assert_eq!(check("nested_branches", &model), 5);
    Ok(())
}

#[test]
fn long_names() -> R {
    clear_session();
    let model = core_models::long_names()?;
    assert_eq!(check("long_names", &model), 4);
    Ok(())
}

#[test]
fn long_seq() -> R {
    clear_session();
    let model = Sequential::new()
        .name("long_seq")
        .add(Input::new([8, 8, 3]))
        .add(Conv2D::new(4, 3).name("a_convolution_layer_with_a_long_name"))
        .add(
            BatchNormalization::new()
                .name("batchnorm_with_an_extremely_long_name_that_wraps_twice_over"),
        )
        .add(Flatten::new())
        .build()?;
    check("long_seq", &model);
    Ok(())
}

#[test]
fn narrow() -> R {
    clear_session();
    let model = core_models::narrow_named(Names::TfKeras2)?;
    check("narrow", &model);
    // tf.keras 2 loops forever on columns too narrow to make progress.
    assert!(keras2::render(&model.summary(), &Keras2Options::new().line_length(5)).is_err());
    Ok(())
}

const BN_AXIS: i64 = 3;

/// Keras Applications' `block1` (as in examples/resnet50.rs).
fn block1(
    x: &Tensor,
    filters: i64,
    stride: i64,
    conv_shortcut: bool,
    name: &str,
) -> kerasinfo::Result<Tensor> {
    let bn = |suffix: &str, t: &Tensor| {
        BatchNormalization::new()
            .axis(BN_AXIS)
            .name(format!("{name}_{suffix}_bn"))
            .call(t)
    };
    let shortcut = if conv_shortcut {
        let s = Conv2D::new(4 * filters, 1)
            .strides(stride)
            .name(format!("{name}_0_conv"))
            .call(x)?;
        bn("0", &s)?
    } else {
        x.clone()
    };
    let x = Conv2D::new(filters, 1)
        .strides(stride)
        .name(format!("{name}_1_conv"))
        .call(x)?;
    let x = bn("1", &x)?;
    let x = Activation::new("relu")
        .name(format!("{name}_1_relu"))
        .call(&x)?;
    let x = Conv2D::new(filters, 3)
        .padding(Padding::Same)
        .name(format!("{name}_2_conv"))
        .call(&x)?;
    let x = bn("2", &x)?;
    let x = Activation::new("relu")
        .name(format!("{name}_2_relu"))
        .call(&x)?;
    let x = Conv2D::new(4 * filters, 1)
        .name(format!("{name}_3_conv"))
        .call(&x)?;
    let x = bn("3", &x)?;
    let x = Add::new()
        .name(format!("{name}_add"))
        .call([&shortcut, &x])?;
    Activation::new("relu").name(format!("{name}_out")).call(&x)
}

fn stack1(
    x: &Tensor,
    filters: i64,
    blocks: usize,
    stride1: i64,
    name: &str,
) -> kerasinfo::Result<Tensor> {
    let mut x = block1(x, filters, stride1, true, &format!("{name}_block1"))?;
    for i in 2..=blocks {
        x = block1(&x, filters, 1, false, &format!("{name}_block{i}"))?;
    }
    Ok(x)
}

#[test]
fn resnet50() -> R {
    clear_session();
    let img_input = input([224, 224, 3], "input_1")?;
    let x = ZeroPadding2D::new(((3, 3), (3, 3)))
        .name("conv1_pad")
        .call(&img_input)?;
    let x = Conv2D::new(64, 7).strides(2).name("conv1_conv").call(&x)?;
    let x = BatchNormalization::new()
        .axis(BN_AXIS)
        .name("conv1_bn")
        .call(&x)?;
    let x = Activation::new("relu").name("conv1_relu").call(&x)?;
    let x = ZeroPadding2D::new(((1, 1), (1, 1)))
        .name("pool1_pad")
        .call(&x)?;
    let x = MaxPooling2D::new(3)
        .strides(2)
        .name("pool1_pool")
        .call(&x)?;
    let x = stack1(&x, 64, 3, 1, "conv2")?;
    let x = stack1(&x, 128, 4, 2, "conv3")?;
    let x = stack1(&x, 256, 6, 2, "conv4")?;
    let x = stack1(&x, 512, 3, 2, "conv5")?;
    let x = GlobalAveragePooling2D::new().name("avg_pool").call(&x)?;
    let x = Dense::new(1000)
        .activation("softmax")
        .name("predictions")
        .call(&x)?;
    let model = Functional::new(&img_input, &x).name("resnet50").build()?;
    let text = keras2::render(&model.summary(), &Keras2Options::new())?;
    assert!(text.contains("Total params: 25636712 (97.80 MB)\n"));
    check("resnet50", &model);
    Ok(())
}

#[test]
fn options_and_errors() -> R {
    clear_session();
    let model = Sequential::new()
        .name("s")
        .add(Input::new([4]))
        .add(Dense::new(3).name("first"))
        .add(Dense::new(2).name("second"))
        .add(Dense::new(1).name("third"))
        .build()?;
    let s = model.summary();
    // positions must cover every column.
    assert!(keras2::render(&s, &Keras2Options::new().positions([0.5, 1.0])).is_err());
    // layer_range: both ends inclusive (regular expressions are checked
    // against Keras's fixtures seq_mlp__range_regex/range_alternation).
    let text = keras2::render(&s, &Keras2Options::new().layer_range("second", "third"))?;
    assert!(!text.contains("first (Dense)"));
    assert!(text.contains("second (Dense)") && text.contains("third (Dense)"));
    assert!(keras2::render(&s, &Keras2Options::new().layer_range("nope", "third")).is_err());
    // An invalid regular expression is an error, as re.compile raises.
    assert!(keras2::render(&s, &Keras2Options::new().layer_range("fi(", "third")).is_err());
    Ok(())
}

#[test]
fn deep_nested() -> R {
    clear_session();
    let inner = Sequential::new()
        .name("inner")
        .add(Input::new([6]))
        .add(Dense::new(5).name("inner_dense"))
        .add(BatchNormalization::new().name("inner_bn"))
        .build()?
        .trainable(false);
    let m_in = input([6], "mid_in")?;
    let h = inner.call(&m_in)?;
    let o1 = Dense::new(4).name("mid_a").call(&h)?;
    let o2 = Dense::new(2).name("mid_b").call(&h)?;
    let mid = Functional::new(&m_in, [&o1, &o2]).name("mid").build()?;
    let inp = input([6], "x")?;
    let ab = mid.call_multi(&inp)?;
    let out = Concatenate::new().name("join").call(&ab)?;
    let model = Functional::new(&inp, &out).name("deep_nested").build()?;
    assert_eq!(check("deep_nested", &model), 5);
    Ok(())
}

#[test]
fn shared_nested() -> R {
    clear_session();
    let t_in = input([5], "t_in")?;
    let t = Dense::new(5).name("t_dense").call(&t_in)?;
    let tower = Functional::new(&t_in, &t).name("tower").build()?.shared();
    let a = input([5], "a")?;
    let b = input([5], "b")?;
    let x = Add::new()
        .name("sum")
        .call([&tower.call(&a)?, &tower.call(&b)?])?;
    let y = tower.call(&x)?;
    let model = Functional::new([&a, &b], [&x, &y])
        .name("shared_nested")
        .build()?;
    check("shared_nested", &model);
    Ok(())
}

#[test]
fn scalar_input() -> R {
    clear_session();
    let a = Input::new(Vec::<u64>::new()).name("a").tensor()?;
    let b = Input::new(Vec::<u64>::new()).name("b").tensor()?;
    let x = Add::new().name("sum").call([&a, &b])?;
    let x = Activation::new("relu").name("act").call(&x)?;
    let model = Functional::new([&a, &b], &x).name("scalar_input").build()?;
    assert_eq!(
        keras2::output_shape_text(&model.summary().rows[2]),
        "(None,)"
    );
    check("scalar_input", &model);
    Ok(())
}

#[test]
fn mixed_dtypes() -> R {
    clear_session();
    let model = Sequential::new()
        .name("mixed_dtypes")
        .add(Input::new([4]))
        .add(Dense::new(3).dtype(DType::Float64).name("d64"))
        .add(Dense::new(2).dtype(DType::Float16).name("d16"))
        .build()?;
    check("mixed_dtypes", &model);
    Ok(())
}

#[test]
fn nested_unknown() -> R {
    clear_session();
    let i = Input::new([None, Some(3)]).name("seq_in").tensor()?;
    let p = Dense::new(2).name("proj").call(&i)?;
    let t = Functional::new(&i, &p).name("any_length").build()?;
    let x = Input::new([10, 3]).name("ten_steps").tensor()?;
    let y = Flatten::new().name("flat").call(&t.call(&x)?)?;
    let model = Functional::new(&x, &y).name("nested_unknown").build()?;
    let s = model.summary();
    assert_eq!(keras2::output_shape_text(&s.rows[1]), "(None, None, 2)");
    // Keras 3 prints the shape of the call instead (checked with Keras 3.15.1).
    assert_eq!(s.rows[1].output_shape_text(), "(None, 10, 2)");
    check("nested_unknown", &model);
    Ok(())
}
