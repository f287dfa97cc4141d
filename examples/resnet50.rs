//! ResNet50 built with the kerasinfo builder, layer for layer as
//! `keras.applications.ResNet50(weights=None)` builds it, then its summary.
//!
//! Keras's totals: 25,636,712 parameters, 25,583,592 trainable, 53,120
//! non-trainable (the moving statistics of its 53 BatchNormalization layers).

use kerasinfo::prelude::*;

const BN_AXIS: i64 = 3;

/// Keras Applications' `block1` (v1 residual block).
fn block1(
    x: &Tensor,
    filters: i64,
    kernel_size: i64,
    stride: i64,
    conv_shortcut: bool,
    name: &str,
) -> kerasinfo::Result<Tensor> {
    let shortcut = if conv_shortcut {
        let s = Conv2D::new(4 * filters, 1)
            .strides(stride)
            .name(format!("{name}_0_conv"))
            .call(x)?;
        BatchNormalization::new()
            .axis(BN_AXIS)
            .name(format!("{name}_0_bn"))
            .call(&s)?
    } else {
        x.clone()
    };
    let x = Conv2D::new(filters, 1)
        .strides(stride)
        .name(format!("{name}_1_conv"))
        .call(x)?;
    let x = BatchNormalization::new()
        .axis(BN_AXIS)
        .name(format!("{name}_1_bn"))
        .call(&x)?;
    let x = Activation::new("relu")
        .name(format!("{name}_1_relu"))
        .call(&x)?;
    let x = Conv2D::new(filters, kernel_size)
        .padding(Padding::Same)
        .name(format!("{name}_2_conv"))
        .call(&x)?;
    let x = BatchNormalization::new()
        .axis(BN_AXIS)
        .name(format!("{name}_2_bn"))
        .call(&x)?;
    let x = Activation::new("relu")
        .name(format!("{name}_2_relu"))
        .call(&x)?;
    let x = Conv2D::new(4 * filters, 1)
        .name(format!("{name}_3_conv"))
        .call(&x)?;
    let x = BatchNormalization::new()
        .axis(BN_AXIS)
        .name(format!("{name}_3_bn"))
        .call(&x)?;
    let x = Add::new()
        .name(format!("{name}_add"))
        .call([&shortcut, &x])?;
    Activation::new("relu").name(format!("{name}_out")).call(&x)
}

/// Keras Applications' `stack1`.
fn stack1(
    x: &Tensor,
    filters: i64,
    blocks: usize,
    stride1: i64,
    name: &str,
) -> kerasinfo::Result<Tensor> {
    let mut x = block1(x, filters, 3, stride1, true, &format!("{name}_block1"))?;
    for i in 2..=blocks {
        x = block1(&x, filters, 3, 1, false, &format!("{name}_block{i}"))?;
    }
    Ok(x)
}

/// `keras.applications.ResNet50(weights=None)` (include_top, 1000 classes).
pub fn resnet50() -> kerasinfo::Result<Model> {
    let img_input = Input::new([224, 224, 3]).tensor()?;
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
    Functional::new(&img_input, &x).name("resnet50").build()
}

#[allow(dead_code)]
fn main() -> kerasinfo::Result<()> {
    let model = resnet50()?;
    let s = model.summary();
    print!("{s}");
    Ok(())
}
