//! Builders of the kerasinfo twins of the Keras models in
//! `tests/fixtures/conv/`: tests/layers_conv.rs checks each against its
//! fixture, tests/config_writer.rs writes each as a Keras config.

#![allow(dead_code, unused_imports, clippy::wildcard_imports)]

use kerasinfo::naming::clear_session;
use kerasinfo::prelude::*;
use kerasinfo::{DType, Dim, Error, LayerError, Shape, ShapeArg, ops};

/// `DataFormat::ChannelsFirst`, for short.
pub const CF: DataFormat = DataFormat::ChannelsFirst;

pub fn conv1d_variants() -> kerasinfo::Result<Model> {
    let inp = Input::new([32, 6]).tensor()?;
    let x = Conv1D::new(8, 3).call(&inp)?;
    let x = Conv1D::new(8, 3)
        .padding(Padding::Causal)
        .dilation_rate(2)
        .activation("relu")
        .call(&x)?;
    let x = Conv1D::new(6, 5)
        .strides(2)
        .padding(Padding::Same)
        .use_bias(false)
        .call(&x)?;
    let x = Conv1D::new(4, 3)
        .groups(2)
        .padding(Padding::Causal)
        .strides(2)
        .call(&x)?;
    let x = Convolution1D::new(3, (2,))
        .strides((1,))
        .name("alias")
        .call(&x)?;
    let x = Conv1D::new(5, 2).trainable(false).name("frozen").call(&x)?;
    let model = Functional::new(&inp, &x).name("conv1d_variants").build()?;
    Ok(model)
}

pub fn conv1d_unknown() -> kerasinfo::Result<Model> {
    let a = Input::new([None, Some(5)]).name("steps_last").tensor()?;
    let b = Input::new([Some(5), None]).name("steps_first").tensor()?;
    let xa = Conv1D::new(4, 3).padding(Padding::Causal).call(&a)?;
    let xa = Conv1D::new(4, 3).strides(2).call(&xa)?;
    let xb = Conv1D::new(6, 3)
        .data_format(CF)
        .dilation_rate(3)
        .call(&b)?;
    let xb = Conv1D::new(6, 2)
        .data_format(CF)
        .padding(Padding::Causal)
        .groups(3)
        .call(&xb)?;
    let xc = Conv1D::new(2, 4)
        .data_format(CF)
        .strides(3)
        .padding(Padding::Same)
        .call(&b)?;
    let model = Functional::new([&a, &b], [&xa, &xb, &xc])
        .name("conv1d_unknown")
        .build()?;
    Ok(model)
}

pub fn conv2d_variants() -> kerasinfo::Result<Model> {
    let a = Input::new([24, 20, 6]).tensor()?;
    let b = Input::new([Some(6), Some(17), None]).name("cf").tensor()?;
    let x = Conv2D::new(12, (3, 5))
        .groups(3)
        .dilation_rate((2, 1))
        .call(&a)?;
    let x = Convolution2D::new(8, 3)
        .strides((2, 3))
        .padding(Padding::Same)
        .use_bias(false)
        .call(&x)?;
    let x = Conv2D::new(4, 1)
        .dtype(DType::Float16)
        .name("half")
        .call(&x)?;
    let y = Conv2D::new(9, (2, 3))
        .data_format(CF)
        .groups(3)
        .strides(2)
        .call(&b)?;
    let y = Conv2D::new(3, 3)
        .data_format(CF)
        .padding(Padding::Same)
        .dilation_rate(2)
        .call(&y)?;
    let model = Functional::new([&a, &b], [&x, &y])
        .name("conv2d_variants")
        .build()?;
    Ok(model)
}

pub fn conv3d_variants() -> kerasinfo::Result<Model> {
    let inp = Input::new([10, 12, 14, 4]).tensor()?;
    let x = Conv3D::new(8, 3).call(&inp)?;
    let x = Conv3D::new(6, (1, 2, 3))
        .strides((1, 2, 2))
        .padding(Padding::Same)
        .groups(2)
        .call(&x)?;
    let x = Conv3D::new(4, 2)
        .dilation_rate((1, 2, 1))
        .use_bias(false)
        .activation("relu")
        .call(&x)?;
    let x = Convolution3D::new(2, (2, 1, 1)).name("alias3d").call(&x)?;
    let model = Functional::new(&inp, &x).name("conv3d_variants").build()?;
    Ok(model)
}

pub fn conv3d_channels_first() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .name("conv3d_cf")
        .add(Input::new([Some(3), Some(8), None, Some(9)]))
        .add(Conv3D::new(6, (3, 3, 2)).data_format(CF).strides((2, 1, 3)))
        .add(
            Conv3D::new(6, 3)
                .data_format(CF)
                .padding(Padding::Same)
                .groups(6),
        )
        .add(MaxPooling3D::new((1, 2, 1)).data_format(CF))
        .add(
            AveragePooling3D::new(2)
                .strides(1)
                .padding(Padding::Same)
                .data_format(CF),
        )
        .add(GlobalMaxPooling3D::new().data_format(CF).keepdims(true))
        .build()?;
    Ok(model)
}

pub fn conv_lora() -> kerasinfo::Result<Model> {
    let inp = Input::new([16, 16, 3]).tensor()?;
    let x = Conv2D::new(8, 3).lora_rank(2).call(&inp)?;
    let x = Conv2D::new(4, 3)
        .lora_rank(3)
        .lora_alpha(6.0)
        .use_bias(false)
        .dtype(DType::Float16)
        .call(&x)?;
    let seq = Input::new([10, 4]).name("seq").tensor()?;
    let y = Conv1D::new(4, 3).lora_rank(1).call(&seq)?;
    let model = Functional::new([&inp, &seq], [&x, &y])
        .name("conv_lora")
        .build()?;
    Ok(model)
}

pub fn conv2d_transpose() -> kerasinfo::Result<Model> {
    let inp = Input::new([7, 9, 16]).tensor()?;
    let x = Conv2DTranspose::new(8, 3).call(&inp)?;
    let x = Conv2DTranspose::new(8, 3)
        .strides(2)
        .padding(Padding::Same)
        .call(&x)?;
    let x = Conv2DTranspose::new(6, (3, 4))
        .strides((2, 3))
        .output_padding((1, 2))
        .call(&x)?;
    let x = Conv2DTranspose::new(6, 2)
        .strides(3)
        .use_bias(false)
        .call(&x)?;
    let x = Conv2DTranspose::new(4, 3)
        .padding(Padding::Same)
        .output_padding(0)
        .call(&x)?;
    let x = Conv2DTranspose::new(4, (2, 3))
        .strides((2, 2))
        .padding(Padding::Same)
        .output_padding(1)
        .call(&x)?;
    let x = Convolution2DTranspose::new(2, 3)
        .dilation_rate(2)
        .name("dilated")
        .call(&x)?;
    let x = Conv2DTranspose::new(2, 4)
        .dilation_rate((1, 2))
        .padding(Padding::Same)
        .output_padding(0)
        .call(&x)?;
    let model = Functional::new(&inp, &x).name("conv2d_transpose").build()?;
    Ok(model)
}

pub fn conv_transpose_1d_3d() -> kerasinfo::Result<Model> {
    let a = Input::new([None, Some(8)]).name("seq").tensor()?;
    let b = Input::new([4, 10]).name("seq_cf").tensor()?;
    let c = Input::new([3, 4, 5, 2]).name("vol").tensor()?;
    let d = Input::new([Some(2), Some(3), None, Some(5)])
        .name("vol_cf")
        .tensor()?;
    let xa = Conv1DTranspose::new(4, 3).strides(2).call(&a)?;
    let xa = Convolution1DTranspose::new(4, 5)
        .padding(Padding::Same)
        .strides(2)
        .output_padding(1)
        .call(&xa)?;
    let xb = Conv1DTranspose::new(6, 4)
        .data_format(CF)
        .strides(3)
        .output_padding(2)
        .call(&b)?;
    let xb = Conv1DTranspose::new(2, 3)
        .data_format(CF)
        .dilation_rate(2)
        .activation("tanh")
        .call(&xb)?;
    let xc = Conv3DTranspose::new(5, 3)
        .strides((1, 2, 2))
        .padding(Padding::Same)
        .call(&c)?;
    let xc = Conv3DTranspose::new(3, (2, 3, 1))
        .strides(2)
        .output_padding((1, 0, 1))
        .use_bias(false)
        .call(&xc)?;
    let xd = Convolution3DTranspose::new(4, 2)
        .data_format(CF)
        .strides((2, 1, 2))
        .call(&d)?;
    let model = Functional::new([&a, &b, &c, &d], [&xa, &xb, &xc, &xd])
        .name("transpose_1d_3d")
        .build()?;
    Ok(model)
}

pub fn depthwise() -> kerasinfo::Result<Model> {
    let a = Input::new([20, 18, 6]).tensor()?;
    let b = Input::new([Some(5), Some(12), None]).name("cf").tensor()?;
    let c = Input::new([None, Some(7)]).name("seq").tensor()?;
    let x = DepthwiseConv2D::new(3).call(&a)?;
    let x = DepthwiseConv2D::new((3, 2))
        .strides(2)
        .padding(Padding::Same)
        .depth_multiplier(2)
        .call(&x)?;
    let x = DepthwiseConv2D::new(3)
        .dilation_rate((2, 1))
        .use_bias(false)
        .activation("relu")
        .call(&x)?;
    let x = DepthwiseConv2D::new(3)
        .strides((1, 2))
        .depth_multiplier(3)
        .trainable(false)
        .call(&x)?;
    let y = DepthwiseConv2D::new(2)
        .data_format(CF)
        .depth_multiplier(2)
        .call(&b)?;
    let z = DepthwiseConv1D::new(3)
        .strides(2)
        .padding(Padding::Same)
        .depth_multiplier(4)
        .call(&c)?;
    let z = DepthwiseConv1D::new(2)
        .dilation_rate(3)
        .use_bias(false)
        .call(&z)?;
    let d = Input::new([7, 9]).name("seq_cf").tensor()?;
    let w = DepthwiseConv1D::new(5)
        .data_format(CF)
        .depth_multiplier(2)
        .call(&d)?;
    let model = Functional::new([&a, &b, &c, &d], [&x, &y, &z, &w])
        .name("depthwise")
        .build()?;
    Ok(model)
}

pub fn separable() -> kerasinfo::Result<Model> {
    let a = Input::new([21, 19, 8]).tensor()?;
    let b = Input::new([30, 5]).name("seq").tensor()?;
    let x = SeparableConv2D::new(16, 3).call(&a)?;
    let x = SeparableConv2D::new(12, (3, 5))
        .strides(2)
        .padding(Padding::Same)
        .depth_multiplier(2)
        .call(&x)?;
    let x = SeparableConvolution2D::new(6, 3)
        .dilation_rate(2)
        .use_bias(false)
        .call(&x)?;
    let c = Input::new([3, 10, 11]).name("img_cf").tensor()?;
    let z = SeparableConv2D::new(4, 2)
        .data_format(CF)
        .depth_multiplier(3)
        .call(&c)?;
    let y = SeparableConv1D::new(8, 3)
        .padding(Padding::Same)
        .depth_multiplier(2)
        .call(&b)?;
    let y = SeparableConv1D::new(4, 4)
        .strides(3)
        .activation("relu")
        .call(&y)?;
    let y = SeparableConvolution1D::new(3, 2)
        .data_format(CF)
        .use_bias(false)
        .trainable(false)
        .call(&y)?;
    let model = Functional::new([&a, &b, &c], [&x, &y, &z])
        .name("separable")
        .build()?;
    Ok(model)
}

pub fn mobilenet_block() -> kerasinfo::Result<Model> {
    let inp = Input::new([32, 32, 3]).name("image").tensor()?;
    let x = Conv2D::new(16, 3)
        .strides(2)
        .padding(Padding::Same)
        .use_bias(false)
        .name("stem")
        .call(&inp)?;
    let x = BatchNormalization::new().call(&x)?;
    let mut x = Activation::new("relu6").call(&x)?;
    let mut channels = 16;
    for (i, (f, s)) in [(24_i64, 1_i64), (32, 2), (32, 1)].into_iter().enumerate() {
        let y = Conv2D::new(f * 4, 1)
            .use_bias(false)
            .name(format!("expand_{i}"))
            .call(&x)?;
        let y = DepthwiseConv2D::new(3)
            .strides(s)
            .padding(Padding::Same)
            .use_bias(false)
            .name(format!("dw_{i}"))
            .call(&y)?;
        let y = BatchNormalization::new()
            .name(format!("dw_bn_{i}"))
            .call(&y)?;
        let mut y = Conv2D::new(f, 1)
            .use_bias(false)
            .name(format!("project_{i}"))
            .call(&y)?;
        if s == 1 && channels == f {
            y = Add::new().name(format!("add_{i}")).call([&x, &y])?;
        }
        channels = f;
        x = y;
    }
    let x = SeparableConv2D::new(64, 3)
        .padding(Padding::Same)
        .name("sep")
        .call(&x)?;
    let x = GlobalAveragePooling2D::new().keepdims(true).call(&x)?;
    let x = Conv2D::new(10, 1).name("logits").call(&x)?;
    let x = Flatten::new().call(&x)?;
    let model = Functional::new(&inp, &x).name("mobilenet_block").build()?;
    Ok(model)
}

pub fn pool1d() -> kerasinfo::Result<Model> {
    let a = Input::new([31, 4]).tensor()?;
    let b = Input::new([Some(4), None]).name("cf").tensor()?;
    let x = MaxPooling1D::default().call(&a)?;
    let x = MaxPooling1D::new(3)
        .strides(1)
        .padding(Padding::Same)
        .call(&x)?;
    let x = AveragePooling1D::new(4).strides(2).call(&x)?;
    let x = MaxPool1D::new((2,))
        .strides((3,))
        .padding(Padding::Same)
        .call(&x)?;
    let x = AvgPool1D::new(1).call(&x)?;
    let y = MaxPooling1D::new(3).data_format(CF).call(&b)?;
    let y = AveragePooling1D::new(2)
        .strides(1)
        .padding(Padding::Same)
        .data_format(CF)
        .call(&y)?;
    let model = Functional::new([&a, &b], [&x, &y]).name("pool1d").build()?;
    Ok(model)
}

pub fn pool2d() -> kerasinfo::Result<Model> {
    let a = Input::new([15, 16, 3]).tensor()?;
    let b = Input::new([Some(3), None, Some(11)]).name("cf").tensor()?;
    let x = MaxPooling2D::default().call(&a)?;
    let x = MaxPool2D::new((3, 2))
        .strides((1, 2))
        .padding(Padding::Same)
        .call(&x)?;
    let x = AvgPool2D::new((2, 3)).strides(1).call(&x)?;
    let y = AveragePooling2D::new(2)
        .padding(Padding::Same)
        .data_format(CF)
        .call(&b)?;
    let y = MaxPooling2D::new((1, 3))
        .strides((2, 1))
        .data_format(CF)
        .call(&y)?;
    let model = Functional::new([&a, &b], [&x, &y]).name("pool2d").build()?;
    Ok(model)
}

pub fn pool3d() -> kerasinfo::Result<Model> {
    let inp = Input::new([Some(9), Some(10), None, Some(2)]).tensor()?;
    let x = MaxPooling3D::default().call(&inp)?;
    let x = MaxPool3D::new((1, 2, 3))
        .strides((2, 1, 1))
        .padding(Padding::Same)
        .call(&x)?;
    let x = AveragePooling3D::new((2, 2, 1)).call(&x)?;
    let x = AvgPool3D::new(1)
        .strides((1, 2, 1))
        .padding(Padding::Same)
        .call(&x)?;
    let model = Functional::new(&inp, &x).name("pool3d").build()?;
    Ok(model)
}

pub fn global_pool() -> kerasinfo::Result<Model> {
    let a = Input::new([10, 6]).name("seq").tensor()?;
    let b = Input::new([8, 9, 5]).name("img").tensor()?;
    let c = Input::new([4, 5, 6, 7]).name("vol").tensor()?;
    let outs = vec![
        GlobalMaxPooling1D::new().call(&a)?,
        GlobalAveragePooling1D::new().keepdims(true).call(&a)?,
        GlobalMaxPool1D::new().data_format(CF).call(&a)?,
        GlobalAvgPool1D::new()
            .data_format(CF)
            .keepdims(true)
            .call(&a)?,
        GlobalMaxPooling2D::new().keepdims(true).call(&b)?,
        GlobalAveragePooling2D::new().data_format(CF).call(&b)?,
        GlobalMaxPool2D::new()
            .data_format(CF)
            .keepdims(true)
            .call(&b)?,
        GlobalAvgPool2D::new().call(&b)?,
        GlobalMaxPooling3D::new().call(&c)?,
        GlobalAveragePooling3D::new().keepdims(true).call(&c)?,
        GlobalMaxPool3D::new().data_format(CF).call(&c)?,
        GlobalAvgPool3D::new()
            .data_format(CF)
            .keepdims(true)
            .call(&c)?,
    ];
    let model = Functional::new([&a, &b, &c], outs)
        .name("global_pool")
        .build()?;
    Ok(model)
}

pub fn global_pool_unknown() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .name("global_unknown")
        .add(Input::new([None, None, Some(8)]))
        .add(Conv2D::new(4, 3).padding(Padding::Same))
        .add(GlobalMaxPooling2D::new().keepdims(true))
        .add(Flatten::new())
        .build()?;
    Ok(model)
}

pub fn adaptive_pool() -> kerasinfo::Result<Model> {
    let a = Input::new([20, 6]).name("seq").tensor()?;
    let b = Input::new([None, None, Some(5)]).name("img").tensor()?;
    let c = Input::new([3, 9, 8, 7]).name("vol_cf").tensor()?;
    let outs = vec![
        AdaptiveMaxPooling1D::new(4).call(&a)?,
        AdaptiveAveragePooling1D::new((7,))
            .data_format(CF)
            .call(&a)?,
        AdaptiveMaxPooling2D::new(3).call(&b)?,
        AdaptiveAveragePooling2D::new((2, 5)).call(&b)?,
        AdaptiveMaxPooling2D::new((1, 1)).data_format(CF).call(&b)?,
        AdaptiveAveragePooling3D::new(2).call(&c)?,
        AdaptiveMaxPooling3D::new((1, 2, 3))
            .data_format(CF)
            .call(&c)?,
        AdaptiveAveragePooling3D::new((4, 0, 1))
            .data_format(CF)
            .call(&c)?,
        AdaptiveAveragePooling2D::new(3)
            .name("rank3_input")
            .call(&a)?,
    ];
    let model = Functional::new([&a, &b, &c], outs)
        .name("adaptive_pool")
        .build()?;
    Ok(model)
}

pub fn edge_cases() -> kerasinfo::Result<Model> {
    let a = Input::new([1, 1, 4]).name("pixel").tensor()?;
    let b = Input::new([9, 9, 4]).name("img").tensor()?;
    let c = Input::new([5, 3]).name("seq").tensor()?;
    let outs = vec![
        Conv2DTranspose::new(3, 2)
            .padding(Padding::Same)
            .output_padding(0)
            .call(&a)?,
        DepthwiseConv2D::new(3)
            .strides(2)
            .dilation_rate(2)
            .call(&b)?,
        SeparableConv2D::new(3, 3)
            .strides((2, 1))
            .dilation_rate((1, 2))
            .call(&b)?,
        Conv1DTranspose::new(2, 1).strides(4).call(&c)?,
        Conv1DTranspose::new(2, 5)
            .strides(2)
            .padding(Padding::Same)
            .call(&c)?,
        Conv1D::new(3, 5)
            .padding(Padding::Causal)
            .strides(2)
            .dilation_rate(1)
            .call(&c)?,
        MaxPooling1D::new(5).strides(5).call(&c)?,
        AveragePooling1D::new(9)
            .padding(Padding::Same)
            .strides(4)
            .call(&c)?,
    ];
    let model = Functional::new([&a, &b, &c], outs)
        .name("edge_cases")
        .build()?;
    Ok(model)
}

pub fn seq_temporal() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .name("temporal")
        .add(Input::new([None, Some(16)]))
        .add(
            Conv1D::new(32, 2)
                .padding(Padding::Causal)
                .dilation_rate(1)
                .activation("relu"),
        )
        .add(
            Conv1D::new(32, 2)
                .padding(Padding::Causal)
                .dilation_rate(2)
                .activation("relu"),
        )
        .add(
            Conv1D::new(32, 2)
                .padding(Padding::Causal)
                .dilation_rate(4)
                .activation("relu"),
        )
        .add(SeparableConv1D::new(48, 3).padding(Padding::Same))
        .add(MaxPooling1D::new(2))
        .add(
            DepthwiseConv1D::new(3)
                .padding(Padding::Same)
                .depth_multiplier(2),
        )
        .add(GlobalMaxPooling1D::new())
        .add(Dense::new(5))
        .build()?;
    Ok(model)
}

pub fn seq_autoencoder() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .name("autoencoder")
        .add(Input::new([28, 28, 1]))
        .add(
            Conv2D::new(16, 3)
                .strides(2)
                .padding(Padding::Same)
                .activation("relu"),
        )
        .add(
            Conv2D::new(8, 3)
                .strides(2)
                .padding(Padding::Same)
                .activation("relu"),
        )
        .add(
            Conv2DTranspose::new(8, 3)
                .strides(2)
                .padding(Padding::Same)
                .activation("relu")
                .trainable(false),
        )
        .add(
            Conv2DTranspose::new(16, 3)
                .strides(2)
                .padding(Padding::Same)
                .activation("relu"),
        )
        .add(
            Conv2D::new(1, 3)
                .padding(Padding::Same)
                .activation("sigmoid"),
        )
        .build()?;
    Ok(model)
}
