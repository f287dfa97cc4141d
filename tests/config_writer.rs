//! The config writer against Keras: each model below is the kerasinfo twin
//! of a Keras fixture model; `model_to_json` of it must equal the committed
//! `tests/fixtures/written/<name>.written.json` byte for byte, that file must
//! have been loaded by Keras 3.15.1's `keras.models.model_from_json` into the
//! same model (`<name>.check.json`, written by
//! `scripts/check_written_configs.py`), and kerasinfo's importer must read it
//! back to the same summary.
//!
//! After a change to the writer: `cargo test --all-features --test
//! config_writer -- --ignored write_configs`, then run the Python script,
//! then commit both.
#![cfg(feature = "keras-json")]

#[path = "../examples/resnet50.rs"]
mod resnet50_example;

use std::path::PathBuf;

use kerasinfo::config::{model_from_json, model_to_json};
use kerasinfo::naming::clear_session;
use kerasinfo::prelude::*;

type Builder = fn() -> kerasinfo::Result<Model>;

fn core_resnet50() -> kerasinfo::Result<Model> {
    resnet50_example::resnet50()
}

fn core_seed() -> kerasinfo::Result<Model> {
    let x_input = Input::new([64, 64, 3]).tensor()?;
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
fn core_seq_mlp() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .add(Input::new([784]))
        .add(Dense::new(128).activation("relu"))
        .add(Dropout::new(0.2))
        .add(Dense::new(10).activation("softmax"))
        .build()?;
    Ok(model)
}
fn core_seq_cnn() -> kerasinfo::Result<Model> {
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
fn core_channels_first() -> kerasinfo::Result<Model> {
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
fn core_conv_args() -> kerasinfo::Result<Model> {
    let inp = Input::new([40, 40, 8]).tensor()?;
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
fn core_residual() -> kerasinfo::Result<Model> {
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
fn core_multi_io() -> kerasinfo::Result<Model> {
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
fn core_shared_layer() -> kerasinfo::Result<Model> {
    let a = Input::new([20]).tensor()?;
    let b = Input::new([20]).tensor()?;
    let shared = Dense::new(64)
        .activation("relu")
        .name("shared_dense")
        .shared();
    let ya = shared.call(&a)?;
    let yb = shared.call(&b)?;
    let x = Add::new().call([&ya, &yb])?;
    let out = Dense::new(1).call(&x)?;
    let model = Functional::new([&a, &b], &out).build()?;
    Ok(model)
}
fn core_shared_chain() -> kerasinfo::Result<Model> {
    let inp = Input::new([10]).tensor()?;
    let d = Dense::new(10).shared();
    let x = d.call(&inp)?;
    let x = d.call(&x)?;
    let model = Functional::new(&inp, &x).name("shared_chain").build()?;
    assert!(!model.is_sequential_like());
    Ok(model)
}
fn core_nested() -> kerasinfo::Result<Model> {
    let inner = Sequential::new()
        .name("encoder")
        .add(Input::new([12]))
        .add(Dense::new(8).activation("relu"))
        .add(BatchNormalization::new())
        .add(Dense::new(4))
        .build()?;
    let inp = Input::new([12]).tensor()?;
    let x = inner.call(&inp)?;
    let out = Dense::new(2).call(&x)?;
    let model = Functional::new(&inp, &out).name("outer").build()?;
    Ok(model)
}
fn core_nested_frozen() -> kerasinfo::Result<Model> {
    let i2 = Input::new([6, 6, 3]).tensor()?;
    let y = Conv2D::new(4, 3).call(&i2)?;
    let y = BatchNormalization::new().call(&y)?;
    let backbone = Functional::new(&i2, &y)
        .name("backbone")
        .build()?
        .trainable(false);
    let inp = Input::new([6, 6, 3]).tensor()?;
    let x = backbone.call(&inp)?;
    let x = Flatten::new().call(&x)?;
    let out = Dense::new(3).call(&x)?;
    let model = Functional::new(&inp, &out)
        .name("frozen_backbone")
        .build()?;
    Ok(model)
}
fn core_frozen_layers() -> kerasinfo::Result<Model> {
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
fn core_frozen_model() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .name("all_frozen")
        .add(Input::new([5]))
        .add(Dense::new(3))
        .add(Dense::new(2))
        .build()?
        .trainable(false);
    Ok(model)
}
fn core_bn_variants() -> kerasinfo::Result<Model> {
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
fn core_unknown_dims() -> kerasinfo::Result<Model> {
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
fn core_concat_axis() -> kerasinfo::Result<Model> {
    let a = Input::new([4, 5]).tensor()?;
    let b = Input::new([3, 5]).tensor()?;
    let c = Input::new([2, 5]).tensor()?;
    let x = Concatenate::new().axis(1).call([&a, &b, &c])?;
    let y = Concatenate::new().axis(-1).call([&x, &x])?;
    let model = Functional::new([&a, &b, &c], &y)
        .name("concat_axis")
        .build()?;
    Ok(model)
}
fn core_batch_size_input() -> kerasinfo::Result<Model> {
    let inp = Input::new([10]).batch_size(8).tensor()?;
    let x = Dense::new(5).call(&inp)?;
    let model = Functional::new(&inp, &x).build()?;
    Ok(model)
}
fn core_narrow() -> kerasinfo::Result<Model> {
    let a = Input::new([3]).tensor()?;
    let b = Input::new([3]).tensor()?;
    let x = Add::new().call([&a, &b])?;
    let x = Dense::new(2).call(&x)?;
    let model = Functional::new([&a, &b], &x).name("narrow").build()?;
    Ok(model)
}
fn core_big_counts() -> kerasinfo::Result<Model> {
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
fn core_auto_names() -> kerasinfo::Result<Model> {
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
fn core_branches() -> kerasinfo::Result<Model> {
    let inp = Input::new([16, 16, 8]).tensor()?;
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

/// (written name, fixture group, builder)
fn cases() -> Vec<(&'static str, &'static str, Builder)> {
    vec![
        ("seed", "core", core_seed),
        ("seq_mlp", "core", core_seq_mlp),
        ("seq_cnn", "core", core_seq_cnn),
        ("channels_first", "core", core_channels_first),
        ("conv_args", "core", core_conv_args),
        ("residual", "core", core_residual),
        ("multi_io", "core", core_multi_io),
        ("shared_layer", "core", core_shared_layer),
        ("shared_chain", "core", core_shared_chain),
        ("nested", "core", core_nested),
        ("nested_frozen", "core", core_nested_frozen),
        ("frozen_layers", "core", core_frozen_layers),
        ("frozen_model", "core", core_frozen_model),
        ("bn_variants", "core", core_bn_variants),
        ("unknown_dims", "core", core_unknown_dims),
        ("concat_axis", "core", core_concat_axis),
        ("batch_size_input", "core", core_batch_size_input),
        ("narrow", "core", core_narrow),
        ("big_counts", "core", core_big_counts),
        ("auto_names", "core", core_auto_names),
        ("branches", "core", core_branches),
        ("resnet50", "core", core_resnet50),
        // FAMILY-CASES-BEGIN
        ("conv__conv1d_variants", "conv", conv::conv1d_variants),
        ("conv__conv1d_unknown", "conv", conv::conv1d_unknown),
        ("conv__conv2d_variants", "conv", conv::conv2d_variants),
        ("conv__conv3d_variants", "conv", conv::conv3d_variants),
        (
            "conv__conv3d_channels_first",
            "conv",
            conv::conv3d_channels_first,
        ),
        ("conv__conv_lora", "conv", conv::conv_lora),
        ("conv__conv2d_transpose", "conv", conv::conv2d_transpose),
        (
            "conv__conv_transpose_1d_3d",
            "conv",
            conv::conv_transpose_1d_3d,
        ),
        ("conv__depthwise", "conv", conv::depthwise),
        ("conv__separable", "conv", conv::separable),
        ("conv__mobilenet_block", "conv", conv::mobilenet_block),
        ("conv__pool1d", "conv", conv::pool1d),
        ("conv__pool2d", "conv", conv::pool2d),
        ("conv__pool3d", "conv", conv::pool3d),
        ("conv__global_pool", "conv", conv::global_pool),
        (
            "conv__global_pool_unknown",
            "conv",
            conv::global_pool_unknown,
        ),
        ("conv__adaptive_pool", "conv", conv::adaptive_pool),
        ("conv__edge_cases", "conv", conv::edge_cases),
        ("conv__seq_temporal", "conv", conv::seq_temporal),
        ("conv__seq_autoencoder", "conv", conv::seq_autoencoder),
        (
            "reshape_merge__reshape_variants",
            "reshape_merge",
            reshape_merge::reshape_variants,
        ),
        (
            "reshape_merge__permute_repeat",
            "reshape_merge",
            reshape_merge::permute_repeat,
        ),
        (
            "reshape_merge__permute_unknown",
            "reshape_merge",
            reshape_merge::permute_unknown,
        ),
        (
            "reshape_merge__upsampling",
            "reshape_merge",
            reshape_merge::upsampling,
        ),
        (
            "reshape_merge__cropping",
            "reshape_merge",
            reshape_merge::cropping,
        ),
        (
            "reshape_merge__zero_padding",
            "reshape_merge",
            reshape_merge::zero_padding,
        ),
        (
            "reshape_merge__flatten_formats",
            "reshape_merge",
            reshape_merge::flatten_formats,
        ),
        (
            "reshape_merge__merge_elementwise",
            "reshape_merge",
            reshape_merge::merge_elementwise,
        ),
        (
            "reshape_merge__merge_batch",
            "reshape_merge",
            reshape_merge::merge_batch,
        ),
        (
            "reshape_merge__unet_small",
            "reshape_merge",
            reshape_merge::unet_small,
        ),
        (
            "reshape_merge__siamese",
            "reshape_merge",
            reshape_merge::siamese,
        ),
        (
            "norm_act_reg__layer_norm",
            "norm_act_reg",
            norm_act_reg::layer_norm,
        ),
        (
            "norm_act_reg__layer_norm_seq",
            "norm_act_reg",
            norm_act_reg::layer_norm_seq,
        ),
        (
            "norm_act_reg__activations",
            "norm_act_reg",
            norm_act_reg::activations,
        ),
        ("norm_act_reg__prelu", "norm_act_reg", norm_act_reg::prelu),
        (
            "norm_act_reg__group_norm",
            "norm_act_reg",
            norm_act_reg::group_norm,
        ),
        (
            "norm_act_reg__unit_rms",
            "norm_act_reg",
            norm_act_reg::unit_rms,
        ),
        (
            "norm_act_reg__batch_norm_extra",
            "norm_act_reg",
            norm_act_reg::batch_norm_extra,
        ),
        (
            "norm_act_reg__spectral",
            "norm_act_reg",
            norm_act_reg::spectral,
        ),
        (
            "norm_act_reg__spectral_seq",
            "norm_act_reg",
            norm_act_reg::spectral_seq,
        ),
        (
            "norm_act_reg__spectral_frozen",
            "norm_act_reg",
            norm_act_reg::spectral_frozen,
        ),
        (
            "norm_act_reg__spatial_dropout",
            "norm_act_reg",
            norm_act_reg::spatial_dropout,
        ),
        (
            "norm_act_reg__unknown_dims",
            "norm_act_reg",
            norm_act_reg::unknown_dims,
        ),
        (
            "attention_core__embedding_seq",
            "attention_core",
            attention_core::embedding_seq,
        ),
        (
            "attention_core__embedding_variants",
            "attention_core",
            attention_core::embedding_variants,
        ),
        (
            "attention_core__mha_self",
            "attention_core",
            attention_core::mha_self,
        ),
        (
            "attention_core__mha_cross",
            "attention_core",
            attention_core::mha_cross,
        ),
        (
            "attention_core__mha_axes",
            "attention_core",
            attention_core::mha_axes,
        ),
        (
            "attention_core__mha_frozen_ctor",
            "attention_core",
            attention_core::mha_frozen_ctor,
        ),
        (
            "attention_core__odd_ranks",
            "attention_core",
            attention_core::odd_ranks,
        ),
        (
            "attention_core__dtypes",
            "attention_core",
            attention_core::dtypes,
        ),
        (
            "attention_core__transformer_block",
            "attention_core",
            attention_core::transformer_block,
        ),
        (
            "attention_core__shared_shapes",
            "attention_core",
            attention_core::shared_shapes,
        ),
        (
            "attention_core__gqa_names",
            "attention_core",
            attention_core::gqa_names,
        ),
        (
            "attention_core__mha_shared",
            "attention_core",
            attention_core::mha_shared,
        ),
        ("attention_core__gqa", "attention_core", attention_core::gqa),
        (
            "attention_core__attention",
            "attention_core",
            attention_core::attention,
        ),
        (
            "attention_core__attention_unknown",
            "attention_core",
            attention_core::attention_unknown,
        ),
        (
            "attention_core__einsum_basic",
            "attention_core",
            attention_core::einsum_basic,
        ),
        (
            "attention_core__einsum_shapes",
            "attention_core",
            attention_core::einsum_shapes,
        ),
        (
            "attention_core__dense_lora",
            "attention_core",
            attention_core::dense_lora,
        ),
        (
            "recurrent__lstm_variants",
            "recurrent",
            recurrent::lstm_variants,
        ),
        (
            "recurrent__gru_variants",
            "recurrent",
            recurrent::gru_variants,
        ),
        (
            "recurrent__simple_rnn_variants",
            "recurrent",
            recurrent::simple_rnn_variants,
        ),
        ("recurrent__seq_stack", "recurrent", recurrent::seq_stack),
        ("recurrent__stateful", "recurrent", recurrent::stateful),
        (
            "recurrent__bidir_modes",
            "recurrent",
            recurrent::bidir_modes,
        ),
        (
            "recurrent__bidir_backward_layer",
            "recurrent",
            recurrent::bidir_backward_layer,
        ),
        ("recurrent__bidir_seq", "recurrent", recurrent::bidir_seq),
        (
            "recurrent__time_distributed",
            "recurrent",
            recurrent::time_distributed,
        ),
        (
            "recurrent__time_distributed_conv",
            "recurrent",
            recurrent::time_distributed_conv,
        ),
        ("recurrent__rnn_cells", "recurrent", recurrent::rnn_cells),
        ("recurrent__rnn_rank4", "recurrent", recurrent::rnn_rank4),
        (
            "recurrent__conv_lstm_2d",
            "recurrent",
            recurrent::conv_lstm_2d,
        ),
        (
            "recurrent__conv_lstm_channels_first",
            "recurrent",
            recurrent::conv_lstm_channels_first,
        ),
        (
            "recurrent__conv_lstm_1d_3d",
            "recurrent",
            recurrent::conv_lstm_1d_3d,
        ),
        (
            "recurrent__conv_lstm_seq",
            "recurrent",
            recurrent::conv_lstm_seq,
        ),
        (
            "recurrent__nested_wrappers",
            "recurrent",
            recurrent::nested_wrappers,
        ),
        (
            "recurrent__wrapper_dtypes",
            "recurrent",
            recurrent::wrapper_dtypes,
        ),
        (
            "recurrent__frozen_wrappers",
            "recurrent",
            recurrent::frozen_wrappers,
        ),
        (
            "preprocessing__normalization_dtypes",
            "preprocessing",
            preprocessing::normalization_dtypes,
        ),
        (
            "preprocessing__image_resize_crop",
            "preprocessing",
            preprocessing::image_resize_crop,
        ),
        (
            "preprocessing__image_channels_first",
            "preprocessing",
            preprocessing::image_channels_first,
        ),
        (
            "preprocessing__image_odd_ranks",
            "preprocessing",
            preprocessing::image_odd_ranks,
        ),
        (
            "preprocessing__augmentation_all",
            "preprocessing",
            preprocessing::augmentation_all,
        ),
        (
            "preprocessing__augmentation_ranks",
            "preprocessing",
            preprocessing::augmentation_ranks,
        ),
        (
            "preprocessing__categorical",
            "preprocessing",
            preprocessing::categorical,
        ),
        (
            "preprocessing__lookups",
            "preprocessing",
            preprocessing::lookups,
        ),
        (
            "preprocessing__preprocessing_pipeline",
            "preprocessing",
            preprocessing::preprocessing_pipeline,
        ),
        (
            "preprocessing__pipelines",
            "preprocessing",
            preprocessing::pipelines,
        ),
        (
            "preprocessing__pipeline_in_sequential",
            "preprocessing",
            preprocessing::pipeline_in_sequential,
        ),
        (
            "preprocessing__text_audio",
            "preprocessing",
            preprocessing::text_audio,
        ),
        (
            "preprocessing__augmentation_inner_names",
            "preprocessing",
            preprocessing::augmentation_inner_names,
        ),
        ("preprocessing__stft", "preprocessing", preprocessing::stft),
        (
            "preprocessing__adapted_and_file_vocabularies",
            "preprocessing",
            preprocessing::adapted_and_file_vocabularies,
        ),
        ("ops__binary", "ops", ops_family::binary),
        ("ops__broadcast_none", "ops", ops_family::broadcast_none),
        (
            "ops__reshape_transpose",
            "ops",
            ops_family::reshape_transpose,
        ),
        ("ops__reduce_ops", "ops", ops_family::reduce_ops),
        ("ops__reduce_more", "ops", ops_family::reduce_more),
        ("ops__concat", "ops", ops_family::concat),
        ("ops__get_item", "ops", ops_family::get_item),
        ("ops__app_layers", "ops", ops_family_app::app_layers),
        (
            "attention_core__reversible_embedding",
            "attention_core",
            more::attention_core_reversible_embedding,
        ),
        (
            "attention_core__attention_scores",
            "attention_core",
            more::attention_core_attention_scores,
        ),
        ("core__nested_output", "core", more::core_nested_output),
        (
            "norm_act_reg__regularization",
            "norm_act_reg",
            more::norm_act_reg_regularization,
        ),
        (
            "recurrent__time_distributed_model",
            "recurrent",
            more::recurrent_time_distributed_model,
        ),
        (
            "recurrent__seq_return_state",
            "recurrent",
            more::recurrent_seq_return_state,
        ),
        // FAMILY-CASES-END
    ]
}

// FAMILIES-BEGIN
#[allow(unused_imports, clippy::wildcard_imports)]
mod conv {
    use super::*;
    use kerasinfo::{DType, Dim, ShapeArg};
    const CF: DataFormat = DataFormat::ChannelsFirst;

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
}

#[allow(unused_imports, clippy::wildcard_imports)]
mod reshape_merge {
    use super::*;
    use kerasinfo::{DType, Dim, ShapeArg};

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
}

#[allow(unused_imports, clippy::wildcard_imports)]
mod norm_act_reg {
    use super::*;
    use kerasinfo::{DType, Dim, ShapeArg};

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
            .add(
                SpectralNormalization::new(Dense::new(2).dtype(DType::Float64))
                    .dtype(DType::Float16),
            )
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
}

#[allow(unused_imports, clippy::wildcard_imports)]
mod attention_core {
    use super::*;
    use kerasinfo::Shape;
    use kerasinfo::{DType, Dim, ShapeArg};
    fn no_dims() -> Vec<u64> {
        Vec::new()
    }

    pub fn embedding_seq() -> kerasinfo::Result<Model> {
        let model = Sequential::new()
            .name("embedding_seq")
            .add(Input::new([8]))
            .add(Embedding::new(50, 4).name("tok"))
            .add(Flatten::new())
            .add(Dense::new(1))
            .build()?;
        Ok(model)
    }

    pub fn embedding_variants() -> kerasinfo::Result<Model> {
        let a = Input::new([None::<u64>]).name("ids").tensor()?;
        let b = Input::new(no_dims()).name("scalar_id").tensor()?;
        let c = Input::new([3, 5]).name("grid_ids").tensor()?;
        let x = Embedding::new(1000, 16).mask_zero(true).call(&a)?;
        let y = Embedding::new(20, 6).trainable(false).call(&b)?;
        let z = Embedding::new(7, 3).lora_rank(2).call(&c)?;
        let w = Embedding::new(30, 5)
            .dtype(DType::Float16)
            .lora_rank(4)
            .name("half_lora")
            .call(&a)?;
        let model = Functional::new([&a, &b, &c], [&x, &y, &z, &w])
            .name("embedding_variants")
            .build()?;
        Ok(model)
    }

    pub fn mha_self() -> kerasinfo::Result<Model> {
        let inp = Input::new([10, 16]).tensor()?;
        let x = MultiHeadAttention::new(2, 8).call([&inp, &inp])?;
        let x = Dense::new(4).call(&x)?;
        let model = Functional::new(&inp, &x).name("mha_self").build()?;
        Ok(model)
    }

    pub fn mha_cross() -> kerasinfo::Result<Model> {
        let q = Input::new([5, 16]).name("query").tensor()?;
        let v = Input::new([7, 12]).name("value").tensor()?;
        let k = Input::new([7, 6]).name("key").tensor()?;
        let a = MultiHeadAttention::new(3, 4)
            .value_dim(5)
            .use_bias(false)
            .output_shape([2, 8])
            .name("cross")
            .call([&q, &v, &k])?;
        let b = MultiHeadAttention::new(2, 3)
            .output_shape([20])
            .call([&q, &v])?;
        let c = MultiHeadAttention::new(1, 2)
            .use_gate(true)
            .call([&v, &q])?;
        let model = Functional::new([&q, &v, &k], [&a, &b, &c])
            .name("mha_cross")
            .build()?;
        Ok(model)
    }

    pub fn mha_axes() -> kerasinfo::Result<Model> {
        let img = Input::new([4, 5, 8]).name("img").tensor()?;
        let seq = Input::new([None, Some(6)]).name("seq").tensor()?;
        let x = MultiHeadAttention::new(2, 4)
            .attention_axes([1, 2])
            .call([&img, &img])?;
        let y = MultiHeadAttention::new(2, 4)
            .attention_axes([2])
            .call([&img, &img])?;
        let z = MultiHeadAttention::new(4, 2)
            .value_dim(3)
            .dropout(0.1)
            .call([&seq, &seq])?;
        let w = MultiHeadAttention::new(2, 2)
            .attention_axes([-2])
            .output_shape([3])
            .call([&seq, &seq, &seq])?;
        let model = Functional::new([&img, &seq], [&x, &y, &z, &w])
            .name("mha_axes")
            .build()?;
        Ok(model)
    }

    pub fn mha_frozen_ctor() -> kerasinfo::Result<Model> {
        let inp = Input::new([4, 6]).tensor()?;
        let x = MultiHeadAttention::new(2, 3)
            .trainable(false)
            .call([&inp, &inp])?;
        let model = Functional::new(&inp, &x).name("mha_frozen_ctor").build()?;
        Ok(model)
    }

    pub fn odd_ranks() -> kerasinfo::Result<Model> {
        let v2 = Input::new([16]).name("v2").tensor()?;
        let w2 = Input::new([12]).name("w2").tensor()?;
        let q4 = Input::new([3, 5, 16]).name("q4").tensor()?;
        let k4 = Input::new([3, 7, 16]).name("k4").tensor()?;
        let q3 = Input::new([5, 16]).name("q3").tensor()?;
        let v3 = Input::new([7, 12]).name("v3").tensor()?;
        let mha = |name: &str| MultiHeadAttention::new(2, 4).name(name);
        let outs = vec![
            mha("mha_2d").call([&v2, &w2])?,
            mha("mha_q4_v3").call([&q4, &v3])?,
            mha("mha_q3_v4").call([&q3, &k4])?,
            mha("mha_no_axes").attention_axes([]).call([&q3, &v3])?,
            mha("mha_axis0").attention_axes([0]).call([&q3, &v3])?,
            mha("mha_axis_m5").attention_axes([-5]).call([&q3, &v3])?,
            mha("mha_out2").output_shape([2, 3]).call([&q4, &k4])?,
            GroupQueryAttention::new(4, 2, 1)
                .name("gqa_4d")
                .call([&q4, &k4])?,
            GroupQueryAttention::new(4, 0, 1)
                .name("gqa_no_heads")
                .call([&q3, &q3])?,
            Attention::new().name("att_2d").call([&v2, &w2])?,
            Attention::new()
                .use_scale(true)
                .name("att_4d")
                .call([&q4, &v3])?,
            AdditiveAttention::new().name("add_4d").call([&q4, &v3])?,
            EinsumDense::new("0ab,bc->0ac", [None, Some(4)])
                .bias_axes("c")
                .name("zero_is_ellipsis")
                .call(&q4)?,
            EinsumDense::new("aB,BC->aC", [4])
                .bias_axes("C")
                .name("upper")
                .call(&v2)?,
            EinsumDense::new("...c,cd->...d", [64])
                .bias_axes("d")
                .name("left_one")
                .call(&q3)?,
        ];
        let model = Functional::new([&v2, &w2, &q4, &k4, &q3, &v3], outs)
            .name("odd_ranks")
            .build()?;
        Ok(model)
    }

    pub fn dtypes() -> kerasinfo::Result<Model> {
        let ids = Input::new([6]).name("ids").tensor()?;
        let x = Embedding::new(40, 8).dtype(DType::Float64).call(&ids)?;
        let y = MultiHeadAttention::new(2, 4)
            .dtype(DType::Float16)
            .call([&x, &x])?;
        let z = Attention::new()
            .use_scale(true)
            .score_mode(ScoreMode::Concat)
            .dtype(DType::Float64)
            .call([&y, &x])?;
        let w = EinsumDense::new("abc,cd->abd", [None, Some(3)])
            .bias_axes("d")
            .dtype(DType::BFloat16)
            .lora_rank(2)
            .call(&z)?;
        let a = AdditiveAttention::new()
            .dtype(DType::Float16)
            .call([&w, &w])?;
        let model = Functional::new(&ids, &a).name("dtypes").build()?;
        Ok(model)
    }

    pub fn transformer_block() -> kerasinfo::Result<Model> {
        let (maxlen, vocab, dim) = (20, 500, 32);
        let inp = Input::new([maxlen]).name("tokens").tensor()?;
        let tok = Embedding::new(vocab, dim).name("token_emb").call(&inp)?;
        let positions = Input::new([maxlen]).name("positions").tensor()?;
        let pos = Embedding::new(maxlen, dim)
            .name("pos_emb")
            .call(&positions)?;
        let x = Add::new().call([&tok, &pos])?;
        let att = MultiHeadAttention::new(4, dim)
            .dropout(0.1)
            .call([&x, &x])?;
        // Keras's MultiHeadAttention took the name `dropout` for its own layer.
        let att = Dropout::new(0.1).call(&att)?;
        let x = Add::new().call([&x, &att])?;
        let ffn = Dense::new(64).activation("relu").call(&x)?;
        let ffn = Dense::new(dim).call(&ffn)?;
        let x = Add::new().call([&x, &ffn])?;
        let x = Flatten::new().call(&x)?;
        let out = Dense::new(2).activation("softmax").call(&x)?;
        let model = Functional::new([&inp, &positions], &out)
            .name("transformer_block")
            .build()?;
        Ok(model)
    }

    pub fn shared_shapes() -> kerasinfo::Result<Model> {
        let a = Input::new([4, 8]).name("a").tensor()?;
        let b = Input::new([Some(6), None]).name("b").tensor()?;
        let c = Input::new([3, 8]).name("c").tensor()?;
        let m = MultiHeadAttention::new(2, 4).shared();
        let e = EinsumDense::new("abc,cd->abd", [None, Some(5)])
            .bias_axes("d")
            .shared();
        let ad = AdditiveAttention::new().shared();
        let outs = vec![
            m.call([&a, &a])?,
            m.call([&b, &b])?,
            m.call([&a, &c])?,
            e.call(&a)?,
            e.call(&b)?,
            ad.call([&a, &a])?,
            ad.call([&b, &b])?,
        ];
        let model = Functional::new([&a, &b, &c], outs)
            .name("shared_shapes")
            .build()?;
        Ok(model)
    }

    pub fn gqa_names() -> kerasinfo::Result<Model> {
        let q = Input::new([6, 8]).tensor()?;
        let x = GroupQueryAttention::new(2, 2, 1).call([&q, &q])?;
        let x = Dropout::new(0.1).call(&x)?;
        let x = MultiHeadAttention::new(1, 2).call([&x, &x])?;
        let x = Dropout::new(0.1).call(&x)?;
        let model = Functional::new(&q, &x).name("gqa_names").build()?;
        Ok(model)
    }

    pub fn mha_shared() -> kerasinfo::Result<Model> {
        let a = Input::new([6, 8]).tensor()?;
        let b = Input::new([6, 8]).tensor()?;
        let mha = MultiHeadAttention::new(2, 4).name("shared_mha").shared();
        let x = mha.call([&a, &b])?;
        let y = mha.call([&b, &a])?;
        let z = Add::new().call([&x, &y])?;
        let model = Functional::new([&a, &b], &z).name("mha_shared").build()?;
        Ok(model)
    }

    pub fn gqa() -> kerasinfo::Result<Model> {
        let q = Input::new([6, 16]).name("q").tensor()?;
        let v = Input::new([None, Some(16)]).name("v").tensor()?;
        let k = Input::new([None, Some(16)]).name("k").tensor()?;
        let x = GroupQueryAttention::new(4, 8, 2).call([&q, &v])?;
        let y = GroupQueryAttention::new(3, 2, 1)
            .use_bias(false)
            .name("gqa_nobias")
            .call([&q, &v, &k])?;
        let z = GroupedQueryAttention::new(2, 4, 4)
            .use_gate(true)
            .dropout(0.2)
            .call([&q, &q])?;
        let model = Functional::new([&q, &v, &k], [&x, &y, &z])
            .name("gqa")
            .build()?;
        Ok(model)
    }

    pub fn attention() -> kerasinfo::Result<Model> {
        let q = Input::new([5, 8]).name("q").tensor()?;
        let v = Input::new([7, 6]).name("v").tensor()?;
        let k = Input::new([7, 8]).name("k").tensor()?;
        let a = Attention::new().call([&q, &v])?;
        let b = Attention::new().use_scale(true).call([&q, &v, &k])?;
        let c = Attention::new()
            .score_mode(ScoreMode::Concat)
            .name("concat_att")
            .call([&q, &v])?;
        let d = Attention::new()
            .use_scale(true)
            .score_mode(ScoreMode::Concat)
            .dropout(0.1)
            .call([&q, &v, &k])?;
        let e = AdditiveAttention::new().call([&q, &v])?;
        let f = AdditiveAttention::new()
            .use_scale(false)
            .call([&q, &v, &k])?;
        let g = AdditiveAttention::new().trainable(false).call([&v, &q])?;
        let model = Functional::new([&q, &v, &k], [&a, &b, &c, &d, &e, &f, &g])
            .name("attention")
            .build()?;
        Ok(model)
    }

    pub fn attention_unknown() -> kerasinfo::Result<Model> {
        let q = Input::new([None, Some(4)]).tensor()?;
        let v = Input::new([None::<u64>, None]).tensor()?;
        let a = Attention::new().use_scale(true).call([&q, &v])?;
        let b = AdditiveAttention::new().call([&q, &v])?;
        let model = Functional::new([&q, &v], [&a, &b])
            .name("attention_unknown")
            .build()?;
        Ok(model)
    }

    pub fn einsum_basic() -> kerasinfo::Result<Model> {
        let model = Sequential::new()
            .name("einsum_basic")
            .add(Input::new([32]))
            .add(EinsumDense::new("ab,bc->ac", [64]).bias_axes("c"))
            .add(EinsumDense::new("ab,bc->ac", [10]).activation("relu"))
            .add(
                EinsumDense::new("...b,bc->...c", [4])
                    .bias_axes("c")
                    .lora_rank(2),
            )
            .build()?;
        Ok(model)
    }

    pub fn einsum_shapes() -> kerasinfo::Result<Model> {
        let seq = Input::new([32, 128]).name("seq").tensor()?;
        let deep = Input::new([3, 4, 5]).name("deep").tensor()?;
        let flat = Input::new([32]).name("flat").tensor()?;
        let n = None::<u64>;
        let outs = vec![
            EinsumDense::new("abc,cd->abd", [n, Some(64)])
                .bias_axes("d")
                .name("doc_seq")
                .call(&seq)?,
            EinsumDense::new("abc,cd->abd", [32, 64])
                .bias_axes("d")
                .name("known_seq")
                .call(&seq)?,
            EinsumDense::new("...x,xy->...y", [64])
                .bias_axes("y")
                .name("ellipsis")
                .call(&seq)?,
            EinsumDense::new("abc,cde->abde", [n, Some(4), Some(8)])
                .bias_axes("de")
                .name("heads")
                .call(&seq)?,
            EinsumDense::new("abc,cde->abde", [n, Some(4), Some(8)])
                .bias_axes("e")
                .name("heads_e")
                .call(&seq)?,
            EinsumDense::new("abc,cde->abde", [32, 4, 8])
                .bias_axes("bd")
                .name("bias_bd")
                .call(&seq)?,
            EinsumDense::new("abc,cde->abde", [n, Some(4), Some(8)])
                .name("heads_nobias")
                .call(&seq)?,
            EinsumDense::new("...b,bc->...c", [7])
                .bias_axes("c")
                .name("left_elided")
                .call(&deep)?,
            EinsumDense::new("ab...,bc->ac...", [6])
                .bias_axes("c")
                .name("right_elided")
                .call(&deep)?,
            EinsumDense::new("ab,bc->ac", [9])
                .bias_axes("c")
                .name("implicit_tail")
                .call(&deep)?,
            EinsumDense::new("ab,bc->ac", [64, 7])
                .bias_axes("c")
                .name("extra_out")
                .call(&flat)?,
            EinsumDense::new("ab,bc->ac xx", [3])
                .bias_axes("c")
                .name("trailing")
                .call(&flat)?,
            EinsumDense::new("ab,b->a", no_dims())
                .name("to_vector")
                .call(&flat)?,
            EinsumDense::new("abcd,de->abce", [3, 4, 2])
                .bias_axes("be")
                .name("bias_be")
                .call(&deep)?,
        ];
        let model = Functional::new([&seq, &deep, &flat], outs)
            .name("einsum_shapes")
            .build()?;
        Ok(model)
    }

    pub fn dense_lora() -> kerasinfo::Result<Model> {
        let model = Sequential::new()
            .name("dense_lora")
            .add(Input::new([6]))
            .add(Dense::new(8).lora_rank(2))
            .add(
                Dense::new(4)
                    .use_bias(false)
                    .lora_rank(3)
                    .dtype(DType::Float16),
            )
            .add(Dense::new(2).lora_rank(0))
            .build()?;
        Ok(model)
    }
}

#[allow(unused_imports, clippy::wildcard_imports)]
mod recurrent {
    use super::*;
    use kerasinfo::{DType, Dim, ShapeArg};
    fn seq_input() -> kerasinfo::Result<Tensor> {
        Input::new([None, Some(8)]).tensor()
    }

    pub fn lstm_variants() -> kerasinfo::Result<Model> {
        let x = seq_input()?;
        let a = LSTM::new(4).call(&x)?;
        let b = LSTM::new(3)
            .return_sequences(true)
            .return_state(true)
            .use_bias(false)
            .call_multi(&x)?;
        let c = LSTM::new(2)
            .go_backwards(true)
            .unroll(true)
            .activation("relu")
            .recurrent_activation("hard_sigmoid")
            .unit_forget_bias(false)
            .dropout(0.1)
            .recurrent_dropout(0.2)
            .name("my_lstm")
            .call(&x)?;
        let d = LSTM::new(5).trainable(false).call(&x)?;
        let e = LSTM::new(3)
            .dtype(DType::Float16)
            .return_state(true)
            .call_multi(&x)?;
        let model = Functional::new(&x, [&a, &b[0], &b[1], &c, &d, &e[0]])
            .name("lstms")
            .build()?;
        Ok(model)
    }

    pub fn gru_variants() -> kerasinfo::Result<Model> {
        let x = Input::new([7, 6]).tensor()?;
        let a = GRU::new(4).call(&x)?;
        let b = GRU::new(3).reset_after(false).call(&x)?;
        let c = GRU::new(2)
            .reset_after(false)
            .use_bias(false)
            .return_state(true)
            .call_multi(&x)?;
        let d = GRU::new(3)
            .return_sequences(true)
            .return_state(true)
            .go_backwards(true)
            .call_multi(&x)?;
        let e = GRU::new(2)
            .use_bias(false)
            .recurrent_activation("relu")
            .call(&x)?;
        let model = Functional::new(&x, [&a, &b, &c[0], &d[0], &d[1], &e]).build()?;
        Ok(model)
    }

    pub fn simple_rnn_variants() -> kerasinfo::Result<Model> {
        let x = Input::new([None, Some(5)]).tensor()?;
        let a = SimpleRNN::new(4).call(&x)?;
        let b = SimpleRNN::new(3)
            .return_sequences(true)
            .use_bias(false)
            .activation("relu")
            .call(&x)?;
        let c = SimpleRNN::new(2)
            .return_state(true)
            .return_sequences(true)
            .call_multi(&x)?;
        let model = Functional::new(&x, [&a, &b, &c[0], &c[1]]).build()?;
        Ok(model)
    }

    pub fn seq_stack() -> kerasinfo::Result<Model> {
        let model = Sequential::new()
            .add(Input::new([20, 16]))
            .add(LSTM::new(32).return_sequences(true))
            .add(LSTM::new(16).return_sequences(true))
            .add(GRU::new(8).return_sequences(true))
            .add(SimpleRNN::new(4))
            .add(Dense::new(1))
            .build()?;
        Ok(model)
    }

    pub fn stateful() -> kerasinfo::Result<Model> {
        let x = Input::new([5, 8]).batch_size(2).tensor()?;
        let a = LSTM::new(4)
            .stateful(true)
            .return_sequences(true)
            .call(&x)?;
        let b = GRU::new(3).stateful(true).call(&a)?;
        let model = Functional::new(&x, &b).build()?;
        Ok(model)
    }

    pub fn bidir_modes() -> kerasinfo::Result<Model> {
        let x = seq_input()?;
        let a = Bidirectional::new(LSTM::new(4)).call(&x)?;
        let b = Bidirectional::new(GRU::new(3).return_sequences(true))
            .merge_mode(MergeMode::Sum)
            .call(&x)?;
        let c = Bidirectional::new(SimpleRNN::new(2))
            .merge_mode(MergeMode::Mul)
            .call(&x)?;
        let d = Bidirectional::new(LSTM::new(2).return_sequences(true))
            .merge_mode(MergeMode::Ave)
            .call(&x)?;
        let e = Bidirectional::new(GRU::new(3))
            .merge_mode(None)
            .call_multi(&x)?;
        let f = Bidirectional::new(LSTM::new(3).return_state(true)).call_multi(&x)?;
        let g = Bidirectional::new(GRU::new(2).return_state(true).return_sequences(true))
            .merge_mode(None)
            .call_multi(&x)?;
        let h = Bidirectional::new(LSTM::new(3).name("forward_x").dtype(DType::Float64))
            .name("bi")
            .call(&x)?;
        let i = Bidirectional::new(LSTM::new(2).name("backward_y").trainable(false)).call(&x)?;
        let mut outs = vec![a, b, c, d];
        outs.extend(e);
        outs.extend(f);
        outs.extend(g);
        outs.extend([h, i]);
        let model = Functional::new(&x, outs).build()?;
        Ok(model)
    }

    pub fn bidir_backward_layer() -> kerasinfo::Result<Model> {
        let x = Input::new([10, 8]).tensor()?;
        let a = Bidirectional::new(LSTM::new(3))
            .backward_layer(GRU::new(5).go_backwards(true))
            .call(&x)?;
        let b = Bidirectional::new(LSTM::new(4).return_sequences(true))
            .backward_layer(
                LSTM::new(4)
                    .return_sequences(true)
                    .go_backwards(true)
                    .name("back"),
            )
            .merge_mode(MergeMode::Concat)
            .call(&x)?;
        let c = Bidirectional::new(RNN::new(GRUCell::new(2)).return_sequences(true))
            .merge_mode(MergeMode::Ave)
            .call(&x)?;
        let model = Functional::new(&x, [&a, &b, &c]).build()?;
        Ok(model)
    }

    pub fn bidir_seq() -> kerasinfo::Result<Model> {
        let model = Sequential::new()
            .name("bi_seq")
            .add(Input::new([None, Some(4)]))
            .add(Bidirectional::new(LSTM::new(3).return_sequences(true)))
            .add(Bidirectional::new(GRU::new(2)))
            .add(Dense::new(1).activation("sigmoid"))
            .build()?;
        Ok(model)
    }

    pub fn time_distributed() -> kerasinfo::Result<Model> {
        let x = seq_input()?;
        let a = TimeDistributed::new(Dense::new(5)).call(&x)?;
        let b = TimeDistributed::new(Dense::new(2).trainable(false)).call(&x)?;
        let c = TimeDistributed::new(Dense::new(3).dtype(DType::Float64))
            .name("td")
            .call(&a)?;
        let model = Functional::new(&x, [&a, &b, &c]).build()?;
        Ok(model)
    }

    pub fn time_distributed_conv() -> kerasinfo::Result<Model> {
        let model = Sequential::new()
            .add(Input::new([6, 10, 10, 3]))
            .add(TimeDistributed::new(Conv2D::new(4, 3)))
            .add(TimeDistributed::new(MaxPooling2D::new(2)))
            .add(TimeDistributed::new(Flatten::new()))
            .add(LSTM::new(8))
            .add(Dense::new(2))
            .build()?;
        Ok(model)
    }

    pub fn rnn_cells() -> kerasinfo::Result<Model> {
        let x = seq_input()?;
        let a = LSTM::new(4).call(&x)?;
        let b = RNN::new(SimpleRNNCell::new(3)).call(&x)?;
        let c = RNN::new(LSTMCell::new(3)).return_sequences(true).call(&x)?;
        let d = RNN::new(GRUCell::new(2).reset_after(false))
            .return_state(true)
            .call_multi(&x)?;
        let e = RNN::new(
            StackedRNNCells::new()
                .cell(SimpleRNNCell::new(2))
                .cell(LSTMCell::new(3).use_bias(false)),
        )
        .return_state(true)
        .call_multi(&x)?;
        let f = RNN::new(LSTMCell::new(3).trainable(false).dtype(DType::Float64))
            .name("frozen_cell")
            .call(&x)?;
        let g = RNN::new(
            StackedRNNCells::new()
                .cell(GRUCell::new(4))
                .cell(GRUCell::new(2).name("top")),
        )
        .return_sequences(true)
        .call(&x)?;
        let mut outs = vec![a, b, c];
        outs.extend(d);
        outs.extend(e);
        outs.extend([f, g]);
        let model = Functional::new(&x, outs).build()?;
        Ok(model)
    }

    pub fn rnn_rank4() -> kerasinfo::Result<Model> {
        let x = Input::new([5, 3, 8]).tensor()?;
        let y = RNN::new(LSTMCell::new(4)).return_sequences(true).call(&x)?;
        let model = Functional::new(&x, &y).build()?;
        Ok(model)
    }

    pub fn conv_lstm_2d() -> kerasinfo::Result<Model> {
        let x = Input::new([None, Some(10), Some(12), Some(3)]).tensor()?;
        let a = ConvLSTM2D::new(4, 3).call(&x)?;
        let b = ConvLSTM2D::new(2, (3, 5))
            .padding(Padding::Same)
            .return_sequences(true)
            .return_state(true)
            .call_multi(&x)?;
        let c = ConvLSTM2D::new(2, 3)
            .dilation_rate(2)
            .use_bias(false)
            .call(&x)?;
        let d = ConvLSTM2D::new(3, 3)
            .strides((2, 1))
            .activation("relu")
            .go_backwards(true)
            .call(&x)?;
        let e = Bidirectional::new(ConvLSTM2D::new(2, 3).return_sequences(true)).call(&x)?;
        let model = Functional::new(&x, [&a, &b[0], &b[1], &b[2], &c, &d, &e]).build()?;
        Ok(model)
    }

    pub fn conv_lstm_channels_first() -> kerasinfo::Result<Model> {
        let x = Input::new([None, Some(3), Some(10), Some(12)]).tensor()?;
        let a = ConvLSTM2D::new(4, 3)
            .data_format(DataFormat::ChannelsFirst)
            .return_sequences(true)
            .call(&x)?;
        let b = ConvLSTM2D::new(2, (5, 3))
            .strides(2)
            .data_format(DataFormat::ChannelsFirst)
            .padding(Padding::Same)
            .call(&x)?;
        let y = Input::new([6, 2, 9]).tensor()?;
        let c = ConvLSTM1D::new(3, 4)
            .data_format(DataFormat::ChannelsFirst)
            .return_state(true)
            .call_multi(&y)?;
        let model = Functional::new([&x, &y], [&a, &b, &c[0], &c[1], &c[2]]).build()?;
        Ok(model)
    }

    pub fn conv_lstm_1d_3d() -> kerasinfo::Result<Model> {
        let x = Input::new([5, 10, 3]).tensor()?;
        let a = ConvLSTM1D::new(2, 3).strides(2).call(&x)?;
        let b = ConvLSTM1D::new(0, 3).name("empty").call(&x)?;
        let y = Input::new([4, 5, 6, 7, 3]).tensor()?;
        let c = ConvLSTM3D::new(2, 3)
            .strides(2)
            .padding(Padding::Same)
            .return_state(true)
            .call_multi(&y)?;
        let d = ConvLSTM3D::new(1, (1, 2, 3))
            .return_sequences(true)
            .dtype(DType::Float64)
            .call(&y)?;
        let model = Functional::new([&x, &y], [&a, &b, &c[0], &c[1], &c[2], &d]).build()?;
        Ok(model)
    }

    pub fn conv_lstm_seq() -> kerasinfo::Result<Model> {
        let model = Sequential::new()
            .add(Input::new([None, Some(16), Some(16), Some(1)]))
            .add(
                ConvLSTM2D::new(8, 3)
                    .padding(Padding::Same)
                    .return_sequences(true),
            )
            .add(BatchNormalization::new())
            .add(ConvLSTM2D::new(4, 3))
            .add(Flatten::new())
            .add(Dense::new(1))
            .build()?;
        Ok(model)
    }

    pub fn nested_wrappers() -> kerasinfo::Result<Model> {
        let x = Input::new([5, 7, 8]).tensor()?;
        let a = TimeDistributed::new(LSTM::new(3)).call(&x)?;
        let b = TimeDistributed::new(Bidirectional::new(GRU::new(2).return_sequences(true)))
            .call(&x)?;
        let c = TimeDistributed::new(Dense::new(4).name("proj")).call(&x)?;
        let y = Input::new([None, Some(6)]).tensor()?;
        let d = Bidirectional::new(RNN::new(
            StackedRNNCells::new()
                .cell(LSTMCell::new(2))
                .cell(GRUCell::new(3)),
        ))
        .call(&y)?;
        let e = RNN::new(LSTMCell::new(3)).dtype(DType::Float64).call(&y)?;
        let f = Bidirectional::new(LSTM::new(2))
            .backward_layer(RNN::new(LSTMCell::new(2)).go_backwards(true))
            .call(&y)?;
        let g = Bidirectional::new(SimpleRNN::new(2).return_state(true))
            .merge_mode(None)
            .call_multi(&y)?;
        let mut outs = vec![a, b, c, d, e, f];
        outs.extend(g);
        let model = Functional::new([&x, &y], outs).build()?;
        Ok(model)
    }

    pub fn wrapper_dtypes() -> kerasinfo::Result<Model> {
        let x = Input::new([None, Some(6)]).tensor()?;
        let a = Bidirectional::new(LSTM::new(3))
            .dtype(DType::Float16)
            .call(&x)?;
        let b = TimeDistributed::new(Dense::new(2))
            .dtype(DType::Float64)
            .call(&x)?;
        let c = RNN::new(GRUCell::new(2)).dtype(DType::Float16).call(&x)?;
        let d = RNN::new(
            StackedRNNCells::new()
                .cell(GRUCell::new(2).dtype(DType::Float64))
                .cell(SimpleRNNCell::new(3)),
        )
        .call(&x)?;
        let e = GRU::new(2)
            .dtype(DType::Float64)
            .trainable(false)
            .return_sequences(true)
            .call(&x)?;
        let model = Functional::new(&x, [&a, &b, &c, &d, &e]).build()?;
        Ok(model)
    }

    pub fn frozen_wrappers() -> kerasinfo::Result<Model> {
        // trainable(false) on a wrapper freezes only what it creates itself.
        let x = Input::new([5, 3]).tensor()?;
        let a = Bidirectional::new(LSTM::new(2).return_sequences(true))
            .trainable(false)
            .call(&x)?;
        let b = TimeDistributed::new(Dense::new(4))
            .trainable(false)
            .call(&a)?;
        let c = RNN::new(GRUCell::new(3)).trainable(false).call(&b)?;
        let d = LSTM::new(2).trainable(false).call(&b)?;
        let e = SimpleRNN::new(2).call(&b)?;
        let model = Functional::new(&x, [&c, &d, &e])
            .name("frozen_wrappers")
            .build()?;
        Ok(model)
    }
}
#[allow(unused_imports, clippy::wildcard_imports)]
mod preprocessing {
    use super::*;
    use kerasinfo::{DType, Dim, ShapeArg, ops};

    pub fn normalization_variants() -> kerasinfo::Result<Model> {
        let inp = Input::new([8, 8, 3]).tensor()?;
        let x = Normalization::new().call(&inp)?;
        let x = Normalization::new().axis([1, 2]).call(&x)?;
        let x = Normalization::new().axis(None::<i64>).call(&x)?;
        let x = Normalization::new()
            .axis([-1, 1])
            .name("norm_unsorted")
            .call(&x)?;
        let x = Normalization::new().mean(2.0).variance(3.0).call(&x)?;
        let x = Normalization::new()
            .mean([1.0, 2.0, 3.0])
            .variance([1.0, 1.0, 1.0])
            .invert(true)
            .call(&x)?;
        let x = Normalization::new()
            .axis(1)
            .trainable(false)
            .name("frozen_norm")
            .call(&x)?;
        let x = Rescaling::new(1.0 / 255.0).call(&x)?;
        let x = Rescaling::new(2.0).offset(-1.0).name("to_pm1").call(&x)?;
        let model = Functional::new(&inp, &x)
            .name("normalization_variants")
            .build()?;
        Ok(model)
    }

    pub fn normalization_dtypes() -> kerasinfo::Result<Model> {
        let model = Sequential::new()
            .name("normalization_dtypes")
            .add(Input::new([None, Some(4)]))
            .add(Normalization::new().dtype(DType::Float64))
            .add(Normalization::new().dtype(DType::Float16))
            .add(Normalization::new().axis([-1]).dtype(DType::BFloat16))
            .add(Dense::new(2))
            .build()?;
        Ok(model)
    }

    pub fn normalization_mean_matrix() -> kerasinfo::Result<Model> {
        let inp = Input::new([4, 5]).tensor()?;
        let x = Normalization::new()
            .axis([1, 2])
            .mean(vec![vec![0.0; 5]; 4])
            .variance(vec![vec![1.0; 5]; 4])
            .call(&inp)?;
        let x = Normalization::new()
            .axis([1, 2])
            .mean(vec![0.0; 5])
            .variance(vec![1.0; 5])
            .call(&x)?;
        let x = Normalization::new()
            .axis([1, 2])
            .mean(vec![vec![0.0]; 4])
            .variance(vec![vec![1.0]; 4])
            .call(&x)?;
        let x = Normalization::new().axis([1, 2]).call(&x)?;
        let model = Functional::new(&inp, &x)
            .name("normalization_mean_matrix")
            .build()?;
        Ok(model)
    }

    pub fn image_resize_crop() -> kerasinfo::Result<Model> {
        let model = Sequential::new()
            .name("image_resize_crop")
            .add(Input::new([None, None, Some(3)]))
            .add(Resizing::new(64, 48).crop_to_aspect_ratio(true))
            .add(CenterCrop::new(32, 30))
            .add(RandomCrop::new(16, 16).seed(1))
            .add(
                Resizing::new(10, 12)
                    .pad_to_aspect_ratio(true)
                    .interpolation("nearest"),
            )
            .add(Resizing::new(7, 7).antialias(true).interpolation("bicubic"))
            .add(Conv2D::new(4, 3))
            .build()?;
        Ok(model)
    }

    pub fn image_channels_first() -> kerasinfo::Result<Model> {
        let cf = DataFormat::ChannelsFirst;
        let model = Sequential::new()
            .name("image_channels_first")
            .add(Input::new([3, 40, 30]))
            .add(Resizing::new(20, 24).data_format(cf))
            .add(CenterCrop::new(10, 12).data_format(cf))
            .add(RandomCrop::new(8, 9).data_format(cf))
            .add(RandomFlip::new().data_format(cf))
            .add(RandomRotation::new(0.1).data_format(cf))
            .add(RandomZoom::new(0.1).data_format(cf))
            .build()?;
        Ok(model)
    }

    pub fn image_odd_ranks() -> kerasinfo::Result<Model> {
        let a = Input::new([8, 3]).tensor()?;
        let b = Input::new([2, 8, 8, 3]).tensor()?;
        let c = Input::new([6, 5]).tensor()?;
        let cf = DataFormat::ChannelsFirst;
        let outs = [
            CenterCrop::new(4, 5).call(&a)?,
            RandomCrop::new(4, 5).call(&a)?,
            Resizing::new(6, 7).call(&a)?,
            Resizing::new(6, 7).call(&b)?,
            RandomCrop::new(3, 2).call(&b)?,
            Resizing::new(2, 3).data_format(cf).call(&c)?,
            RandomCrop::new(4, 4).data_format(cf).call(&c)?,
        ];
        let model = Functional::new([&a, &b, &c], &outs)
            .name("image_odd_ranks")
            .build()?;
        Ok(model)
    }

    pub fn augmentation_all() -> kerasinfo::Result<Model> {
        let model = Sequential::new()
            .name("augmentation_all")
            .add(Input::new([32, 32, 3]))
            .add(RandomFlip::new().mode(FlipMode::Horizontal))
            .add(RandomRotation::new(0.1).fill_mode("constant"))
            .add(RandomZoom::new((-0.2, 0.3)).width_factor(0.1))
            .add(RandomTranslation::new(0.1, (-0.2, 0.2)))
            .add(RandomContrast::new(0.2))
            .add(RandomBrightness::new((-0.2, 0.4)).value_range(0.0, 1.0))
            .add(RandomGrayscale::new().factor(0.2))
            .add(RandomHue::new(0.5))
            .add(RandomSaturation::new(0.5))
            .add(RandomSharpness::new(0.5))
            .add(RandomShear::new().x_factor(0.2).y_factor((0.1, 0.3)))
            .add(
                RandomColorJitter::new()
                    .brightness_factor(0.2)
                    .hue_factor(0.1),
            )
            .add(RandomColorDegeneration::new(0.5))
            .add(RandomPosterization::new(4))
            .add(RandomInvert::new().factor(0.5))
            .add(RandomErasing::new())
            .add(RandomGaussianBlur::new().factor(0.3))
            .add(RandomPerspective::new())
            .add(RandomElasticTransform::new())
            .add(AutoContrast::new())
            .add(Solarization::new().threshold_factor(0.5))
            .add(MixUp::new().alpha(0.4))
            .add(CutMix::new())
            .add(AugMix::new())
            .add(RandAugment::new().value_range(0.0, 1.0))
            .add(MaxNumBoundingBoxes::new(10))
            .add(ContrastLimitedAdaptiveHistogramEqualization::new().clip_limit(2.0))
            .add(GlobalAveragePooling2D::new())
            .add(Dense::new(3))
            .build()?;
        Ok(model)
    }

    pub fn augmentation_ranks() -> kerasinfo::Result<Model> {
        let a = Input::new([None, None, Some(3)]).tensor()?;
        let b = Input::new([8, 3]).tensor()?;
        let c = Input::new([2, 8, 8, 3]).tensor()?;
        let d = Input::new([3, 8, 8]).tensor()?;
        let outs = [
            RandomFlip::new().call(&a)?,
            RandomRotation::new((-0.2, 0.1)).call(&b)?,
            RandomContrast::new(0.3).call(&c)?,
            RandomColorDegeneration::new(0.2).call(&b)?,
            RandomColorDegeneration::new(0.2)
                .data_format(DataFormat::ChannelsFirst)
                .call(&d)?,
            RandomColorDegeneration::new(0.2).call(&a)?,
        ];
        let model = Functional::new([&a, &b, &c, &d], &outs)
            .name("augmentation_ranks")
            .build()?;
        Ok(model)
    }

    pub fn categorical() -> kerasinfo::Result<Model> {
        let ids = Input::new([5]).dtype(DType::Int32).name("ids").tensor()?;
        let one = Input::new([1]).dtype(DType::Int32).name("one").tensor()?;
        let vals = Input::new([4]).name("vals").tensor()?;
        let seq = Input::new([3, 4]).name("seq").tensor()?;
        let flat = Input::with_batch_shape([None::<i64>])
            .dtype(DType::Int32)
            .name("flat")
            .tensor()?;
        let oh = OutputMode::OneHot;
        let mh = OutputMode::MultiHot;
        let count = OutputMode::Count;
        let outs = [
            CategoryEncoding::new(10).call(&ids)?,
            CategoryEncoding::new(10).output_mode(oh).call(&ids)?,
            CategoryEncoding::new(10).output_mode(oh).call(&one)?,
            CategoryEncoding::new(10).output_mode(count).call(&ids)?,
            CategoryEncoding::new(4).output_mode(oh).call(&flat)?,
            CategoryEncoding::new(4).output_mode(mh).call(&flat)?,
            Hashing::new(7).call(&ids)?,
            Hashing::new(7).output_mode(oh).call(&one)?,
            Hashing::new(7).output_mode(mh).salt(3).call(&ids)?,
            Hashing::new(7)
                .output_mode(count)
                .mask_value(0)
                .call(&seq)?,
            Hashing::new(5).output_mode(mh).call(&flat)?,
            Discretization::new()
                .bin_boundaries([0.0, 1.0, 2.0])
                .call(&vals)?,
            Discretization::new()
                .num_bins(4)
                .output_mode(oh)
                .call(&vals)?,
            Discretization::new()
                .bin_boundaries([0.5])
                .output_mode(mh)
                .call(&vals)?,
            Discretization::new()
                .bin_boundaries([0.5, 1.5])
                .output_mode(count)
                .call(&seq)?,
            Discretization::new()
                .num_bins(3)
                .output_mode(oh)
                .call(&seq)?,
            Discretization::new()
                .bin_boundaries([1.0])
                .output_mode(mh)
                .call(&flat)?,
            Discretization::new()
                .bin_boundaries([1.0])
                .output_mode(oh)
                .call(&one)?,
        ];
        let model = Functional::new([&ids, &one, &vals, &seq, &flat], &outs)
            .name("categorical")
            .build()?;
        Ok(model)
    }

    pub fn lookups() -> kerasinfo::Result<Model> {
        let ints = Input::new([5]).dtype(DType::Int32).name("ints").tensor()?;
        let one = Input::new([1]).dtype(DType::Int32).name("one").tensor()?;
        // Keras uses Input(dtype="string"); only the shape matters here.
        let words = Input::new([3]).name("words").tensor()?;
        let flat = Input::with_batch_shape([None::<i64>])
            .dtype(DType::Int32)
            .name("flat")
            .tensor()?;
        let v = [12, 36, 1138, 42];
        let oh = OutputMode::OneHot;
        let mh = OutputMode::MultiHot;
        let outs = [
            IntegerLookup::new().vocabulary(v).call(&ints)?,
            IntegerLookup::new()
                .vocabulary(v)
                .output_mode(oh)
                .call(&ints)?,
            IntegerLookup::new()
                .vocabulary(v)
                .output_mode(oh)
                .call(&one)?,
            IntegerLookup::new()
                .vocabulary(v)
                .output_mode(mh)
                .num_oov_indices(3)
                .call(&ints)?,
            IntegerLookup::new()
                .vocabulary(v)
                .output_mode(OutputMode::Count)
                .mask_token(0)
                .call(&ints)?,
            IntegerLookup::new()
                .vocabulary([0, -1, 12, 36, 1138, 42])
                .mask_token(0)
                .call(&ints)?,
            IntegerLookup::new()
                .vocabulary([-1, 12, 36, 1138, 42])
                .output_mode(mh)
                .call(&ints)?,
            IntegerLookup::new()
                .vocabulary(v)
                .output_mode(OutputMode::TfIdf)
                .idf_weights([1.0, 2.0, 3.0, 4.0])
                .call(&ints)?,
            IntegerLookup::new()
                .vocabulary(v)
                .output_mode(mh)
                .max_tokens(20)
                .pad_to_max_tokens(true)
                .call(&ints)?,
            IntegerLookup::new()
                .vocabulary(v)
                .invert(true)
                .call(&ints)?,
            IntegerLookup::new().output_mode(oh).call(&ints)?,
            IntegerLookup::new()
                .max_tokens(9)
                .output_mode(OutputMode::Count)
                .pad_to_max_tokens(true)
                .call(&ints)?,
            IntegerLookup::new()
                .vocabulary(v)
                .output_mode(mh)
                .num_oov_indices(0)
                .call(&flat)?,
            StringLookup::new()
                .vocabulary(["a", "b", "c"])
                .call(&words)?,
            StringLookup::new()
                .vocabulary(["a", "b", "c"])
                .output_mode(oh)
                .call(&words)?,
            StringLookup::new()
                .vocabulary(["a", "b", "c"])
                .output_mode(mh)
                .mask_token("")
                .call(&words)?,
            StringLookup::new()
                .vocabulary(["[UNK]", "a", "b"])
                .output_mode(OutputMode::Count)
                .oov_token("[UNK]")
                .call(&words)?,
            StringLookup::new()
                .vocabulary(["a", "b"])
                .output_mode(OutputMode::TfIdf)
                .idf_weights([0.5, 0.25])
                .call(&words)?,
            StringLookup::new()
                .output_mode(mh)
                .max_tokens(6)
                .pad_to_max_tokens(true)
                .call(&words)?,
            StringLookup::new()
                .vocabulary(["a", "b"])
                .oov_method("farmhash")
                .salt(7)
                .num_oov_indices(2)
                .output_mode(OutputMode::Count)
                .call(&words)?,
            IntegerLookup::new()
                .vocabulary(v)
                .oov_method("farmhash")
                .salt(5)
                .call(&ints)?,
        ];
        let model = Functional::new([&ints, &one, &words, &flat], &outs)
            .name("lookups")
            .build()?;
        Ok(model)
    }

    pub fn preprocessing_pipeline() -> kerasinfo::Result<Model> {
        let inp = Input::new([None, None, Some(3)]).name("image").tensor()?;
        let x = Resizing::new(72, 72).call(&inp)?;
        let x = Rescaling::new(1.0 / 255.0).call(&x)?;
        let x = Normalization::new().call(&x)?;
        let x = RandomFlip::new().mode(FlipMode::Horizontal).call(&x)?;
        let x = RandomRotation::new(0.02).call(&x)?;
        let x = RandomZoom::new(0.2).width_factor(0.2).call(&x)?;
        let x = RandomCrop::new(64, 64).call(&x)?;
        let x = Conv2D::new(8, 3).activation("relu").call(&x)?;
        let x = GlobalAveragePooling2D::new().call(&x)?;
        let out = Dense::new(10).call(&x)?;
        let model = Functional::new(&inp, &out)
            .name("preprocessing_pipeline")
            .build()?;
        Ok(model)
    }

    pub fn pipelines() -> kerasinfo::Result<Model> {
        let inp = Input::new([16, 16, 3]).tensor()?;
        let aug = Pipeline::new([])
            .layer(RandomFlip::new())
            .layer(RandomRotation::new(0.1))
            .layer(Normalization::new())
            .layer(Rescaling::new(0.5));
        let x = aug.call(&inp)?;
        let prep = Pipeline::new([])
            .layer(Resizing::new(8, 8))
            .layer(Normalization::new().axis(None::<i64>).trainable(false))
            .name("prep");
        let x = prep.call(&x)?;
        let inner = Pipeline::new([])
            .layer(CenterCrop::new(4, 4))
            .layer(Normalization::new().axis([1, 2]));
        let outer = Pipeline::new([]).layer(RandomZoom::new(0.1)).layer(inner);
        let x = outer.call(&x)?;
        let x = Flatten::new().call(&x)?;
        let out = Dense::new(2).call(&x)?;
        let model = Functional::new(&inp, &out).name("pipelines").build()?;
        Ok(model)
    }

    pub fn pipeline_in_sequential() -> kerasinfo::Result<Model> {
        let model = Sequential::new()
            .name("pipeline_in_sequential")
            .add(Input::new([6, 6, 3]))
            .add(
                Pipeline::new([])
                    .layer(RandomFlip::new().mode(FlipMode::Vertical))
                    .layer(Normalization::new()),
            )
            .add(Normalization::new())
            .add(Flatten::new())
            .add(Dense::new(1))
            .build()?;
        Ok(model)
    }

    pub fn text_audio() -> kerasinfo::Result<Model> {
        // Keras uses Input(dtype="string") for the text inputs.
        let s = Input::new([1]).name("text").tensor()?;
        let s0 = Input::with_batch_shape([None::<i64>])
            .name("flat_text")
            .tensor()?;
        let a = Input::new([1]).dtype(DType::Int32).name("a").tensor()?;
        let b = Input::new([1]).dtype(DType::Int32).name("b").tensor()?;
        let c = Input::new([3]).dtype(DType::Int32).name("c").tensor()?;
        let d = Input::new([3]).dtype(DType::Int32).name("d").tensor()?;
        let audio = Input::new([16000]).name("audio").tensor()?;
        let audio2 = Input::new([None::<i64>]).name("audio_any").tensor()?;
        let audio3 = Input::new([8000, 2]).name("stereo").tensor()?;
        let oh = OutputMode::OneHot;
        let outs = [
            TextVectorization::new().max_tokens(10).call(&s)?,
            TextVectorization::new()
                .max_tokens(10)
                .output_sequence_length(7)
                .call(&s)?,
            TextVectorization::new()
                .max_tokens(10)
                .output_mode(OutputMode::MultiHot)
                .call(&s)?,
            TextVectorization::new()
                .output_mode(OutputMode::MultiHot)
                .vocabulary(["a", "b"])
                .call(&s)?,
            TextVectorization::new()
                .output_mode(OutputMode::Count)
                .max_tokens(6)
                .pad_to_max_tokens(true)
                .call(&s0)?,
            TextVectorization::new()
                .split(TextSplit::None)
                .output_mode(oh)
                .vocabulary(["a", "b", "c"])
                .call(&s0)?,
            TextVectorization::new()
                .split(TextSplit::None)
                .output_mode(OutputMode::TfIdf)
                .vocabulary(["a", "b"])
                .idf_weights([1.0, 2.0])
                .call(&s)?,
            TextVectorization::new()
                .split(TextSplit::Character)
                .ngrams(2)
                .output_sequence_length(5)
                .standardize(Some("lower"))
                .call(&s)?,
            StringLookup::new().vocabulary(["x"]).call(&s)?,
            HashedCrossing::new(5).call([&a, &b])?,
            HashedCrossing::new(5).output_mode(oh).call([&a, &b])?,
            HashedCrossing::new(5).output_mode(oh).call([&c, &d])?,
            MelSpectrogram::new().call(&audio)?,
            MelSpectrogram::new()
                .fft_length(512)
                .sequence_stride(128)
                .num_mel_bins(40)
                .call(&audio2)?,
            MelSpectrogram::new()
                .sequence_stride(100)
                .sequence_length(1024)
                .call(&audio3)?,
        ];
        let model = Functional::new([&s, &s0, &a, &b, &c, &d, &audio, &audio2, &audio3], &outs)
            .name("text_audio")
            .build()?;
        Ok(model)
    }

    pub fn augmentation_inner_names() -> kerasinfo::Result<Model> {
        let model = Sequential::new()
            .name("augmentation_inner_names")
            .add(Input::new([16, 16, 3]))
            .add(
                RandomColorJitter::new()
                    .brightness_factor(0.1)
                    .saturation_factor(0.2),
            )
            .add(RandomBrightness::new(0.1))
            .add(
                AugMix::new()
                    .all_ops(false)
                    .num_chains(2)
                    .chain_depth(2)
                    .alpha(0.5),
            )
            .add(RandomShear::new())
            .add(RandAugment::new().num_ops(3))
            .add(RandomContrast::new(0.1))
            .add(AugMix::new())
            .add(Solarization::new())
            .add(RandomSharpness::new(0.2))
            .add(RandomErasing::new().scale((0.1, 0.2)))
            .add(RandomGaussianBlur::new().kernel_size(5).sigma(0.5))
            .add(RandomPerspective::new().scale(0.5).interpolation("nearest"))
            .add(RandomElasticTransform::new().scale(0.5).fill_mode("mirror"))
            .add(RandomShear::new().x_factor((0.1, 0.2)).fill_mode("wrap"))
            .build()?;
        Ok(model)
    }

    pub fn stft() -> kerasinfo::Result<Model> {
        let a = Input::new([16000, 1]).name("mono").tensor()?;
        let b = Input::new([2, 16000]).name("cf_stereo").tensor()?;
        let c = Input::new([1000, 2]).name("stereo").tensor()?;
        let d = Input::new([None, Some(1)]).name("any_length").tensor()?;
        let cf = DataFormat::ChannelsFirst;
        let outs = [
            STFTSpectrogram::new().call(&a)?,
            STFTSpectrogram::new()
                .data_format(cf)
                .frame_length(200)
                .call(&b)?,
            STFTSpectrogram::new()
                .expand_dims(true)
                .mode(StftMode::Stft)
                .call(&c)?,
            STFTSpectrogram::new()
                .padding(Padding::Same)
                .frame_step(100)
                .fft_length(512)
                .mode(StftMode::Real)
                .call(&a)?,
            STFTSpectrogram::new()
                .mode(StftMode::Imag)
                .scaling(None)
                .window("hamming")
                .call(&d)?,
            STFTSpectrogram::new()
                .expand_dims(true)
                .data_format(cf)
                .frame_length(64)
                .trainable(false)
                .call(&b)?,
        ];
        let model = Functional::new([&a, &b, &c, &d], &outs)
            .name("stft")
            .build()?;
        Ok(model)
    }

    pub fn adapted_and_file_vocabularies() -> kerasinfo::Result<Model> {
        // Keras adapts these layers (or reads a vocabulary file); the twins
        // are given the same vocabularies (sizes) directly.
        let ints = Input::new([4]).dtype(DType::Int64).name("ints").tensor()?;
        let words = Input::new([3]).name("words").tensor()?;
        let text = Input::new([1]).name("text").tensor()?;
        let vals = Input::new([4]).name("vals").tensor()?;
        let abcd = ["a", "b", "c", "d"];
        let outs = [
            Normalization::new().call(&vals)?,
            IntegerLookup::new()
                .vocabulary([3, 2, 1])
                .output_mode(OutputMode::MultiHot)
                .call(&ints)?,
            StringLookup::new()
                .vocabulary(abcd)
                .output_mode(OutputMode::OneHot)
                .call(&words)?,
            IntegerLookup::new()
                .num_oov_indices(2)
                .vocabulary([5, 6])
                .call(&ints)?,
            TextVectorization::new()
                .vocabulary(["the", "cat", "sat", "dog"])
                .output_mode(OutputMode::Count)
                .call(&text)?,
            TextVectorization::new()
                .vocabulary(abcd)
                .output_mode(OutputMode::MultiHot)
                .call(&text)?,
            Discretization::new()
                .num_bins(3)
                .output_mode(OutputMode::OneHot)
                .call(&vals)?,
        ];
        let model = Functional::new([&ints, &words, &text, &vals], &outs)
            .name("adapted_and_file_vocabularies")
            .build()?;
        Ok(model)
    }
}

#[allow(unused_imports, clippy::wildcard_imports)]
mod ops_family {
    use super::*;
    use kerasinfo::{DType, Dim, ShapeArg, ops};

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
}
/// The applications' helper layers (the twin of tests/applications.rs's
/// `helper_layers_built_match_keras`).
mod ops_family_app {
    use super::*;
    use kerasinfo::applications::{CustomScaleLayer, LayerScale};

    pub fn app_layers() -> kerasinfo::Result<Model> {
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
}
/// Twins added with the preprocessing/ops families (more layer kinds now
/// written).
#[allow(unused_imports, clippy::wildcard_imports)]
mod more {
    use super::*;
    use kerasinfo::{DType, Dim, Shape, ShapeArg, ops};

    pub fn attention_core_reversible_embedding() -> kerasinfo::Result<Model> {
        let ids = Input::new([6]).name("ids").tensor()?;
        let x = ReversibleEmbedding::new(50, 8).call(&ids)?;
        let y = ReversibleEmbedding::new(30, 8)
            .tie_weights(false)
            .mask_zero(true)
            .call(&ids)?;
        let z = ReversibleEmbedding::new(20, 8)
            .name("rev_only")
            .reverse(true)
            .call(&x)?;
        let w = ReversibleEmbedding::new(10, 8)
            .tie_weights(false)
            .name("rev_untied")
            .reverse(true)
            .call(&y)?;
        let v = ReversibleEmbedding::new(30, 4)
            .lora_rank(2)
            .trainable(false)
            .call(&ids)?;
        let model = Functional::new(&ids, [&z, &w, &v])
            .name("reversible_embedding")
            .build()?;
        Ok(model)
    }

    pub fn attention_core_mha_frozen() -> kerasinfo::Result<Model> {
        // Keras: `mha.trainable = False` after the call (sublayers built).
        let inp = Input::new([4, 6]).tensor()?;
        let x = MultiHeadAttention::new(2, 3)
            .name("frozen_mha")
            .set_trainable(false)
            .call([&inp, &inp])?;
        let y = AdditiveAttention::new().trainable(false).call([&x, &inp])?;
        let model = Functional::new(&inp, &y).name("mha_frozen").build()?;
        Ok(model)
    }

    pub fn attention_core_attention_scores() -> kerasinfo::Result<Model> {
        let q = Input::new([5, 16]).name("q").tensor()?;
        let v = Input::new([7, 16]).name("v").tensor()?;
        let k = Input::new([7, 16]).name("k").tensor()?;
        let mut outs = MultiHeadAttention::new(2, 8)
            .return_attention_scores(true)
            .call_multi([&q, &v])?;
        outs.extend(
            GroupQueryAttention::new(4, 4, 2)
                .return_attention_scores(true)
                .call_multi([&q, &v, &k])?,
        );
        outs.extend(
            Attention::new()
                .return_attention_scores(true)
                .call_multi([&q, &v])?,
        );
        outs.extend(
            AdditiveAttention::new()
                .return_attention_scores(true)
                .call_multi([&q, &v, &k])?,
        );
        let model = Functional::new([&q, &v, &k], outs)
            .name("attention_scores")
            .build()?;
        Ok(model)
    }

    pub fn attention_core_core_misc() -> kerasinfo::Result<Model> {
        let inp = Input::new([10, 4]).tensor()?;
        let other = Input::new([3]).tensor()?;
        let m = Masking::new().call(&inp)?;
        let m = Masking::new().mask_value(-1.0).call(&m)?;
        let m = Identity::new().call(&m)?;
        let x = Identity::new().call(&inp)?;
        let y = Lambda::new().output_shape([10, 4]).call(&x)?;
        let z = Lambda::new().output_shape([4]).name("summed").call(&y)?;
        let w = Lambda::new().output_shape([3]).call([&other, &inp])?;
        let i = Identity::new().name("ident").call(&other)?;
        let model = Functional::new([&inp, &other], [&m, &z, &w, &i])
            .name("core_misc")
            .build()?;
        Ok(model)
    }

    pub fn attention_core_masking_seq() -> kerasinfo::Result<Model> {
        let model = Sequential::new()
            .name("masking_seq")
            .add(Input::new([None, Some(6)]))
            .add(Masking::new().mask_value(0.0))
            .add(Identity::new())
            .add(Dense::new(3))
            .add(Lambda::new().output_shape_fn(|inputs| {
                let s = &inputs[0];
                Ok(Shape::new([s.dims()[0], s.dims()[2]]))
            }))
            .build()?;
        Ok(model)
    }

    pub fn core_nested_output() -> kerasinfo::Result<Model> {
        let i2 = Input::new([5]).tensor()?;
        let d = Dense::new(3).call(&i2)?;
        let bb = Functional::new(&i2, &d).name("bb").build()?;
        let x = Input::new([5]).tensor()?;
        let y = bb.call(&x)?;
        let model = Functional::new(&x, &y).name("nested_output").build()?;
        Ok(model)
    }

    pub fn norm_act_reg_regularization() -> kerasinfo::Result<Model> {
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

    pub fn recurrent_time_distributed_model() -> kerasinfo::Result<Model> {
        let inner = Sequential::new()
            .name("step")
            .add(Input::new([4]))
            .add(Dense::new(2))
            .add(Dense::new(3))
            .build()?;
        let x = Input::new([3, 4]).tensor()?;
        let y = TimeDistributed::new(inner).call(&x)?;
        let model = Functional::new(&x, &y).build()?;
        Ok(model)
    }

    pub fn recurrent_seq_return_state() -> kerasinfo::Result<Model> {
        let model = Sequential::new()
            .add(Input::new([3, 4]))
            .add(LSTM::new(2).return_state(true))
            .build()?;
        Ok(model)
    }
}
// FAMILIES-END

fn written_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/written")
}

fn build(b: Builder) -> Model {
    clear_session();
    b().unwrap()
}

fn render(m: &Model) -> String {
    m.summary().render(&SummaryOptions::new()).unwrap()
}

/// Regenerates the written configs and the manifest the Python checker reads.
#[test]
#[ignore = "regenerates tests/fixtures/written; re-run scripts/check_written_configs.py after"]
fn write_configs() {
    let dir = written_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let mut manifest = serde_json::Map::new();
    for (name, group, b) in cases() {
        let json = match model_to_json(&build(b)) {
            Ok(json) => json,
            Err(e) => {
                eprintln!("SKIP {name}: {e}");
                continue;
            }
        };
        std::fs::write(dir.join(format!("{name}.written.json")), json + "\n").unwrap();
        manifest.insert(name.to_owned(), serde_json::json!(group));
    }
    let text = serde_json::to_string_pretty(&serde_json::Value::Object(manifest)).unwrap();
    std::fs::write(dir.join("manifest.json"), text + "\n").unwrap();
}

#[test]
fn written_configs_are_committed_and_verified_by_keras() {
    let dir = written_dir();
    for (name, _group, b) in cases() {
        let model = build(b);
        let json = model_to_json(&model).unwrap() + "\n";
        let committed = std::fs::read_to_string(dir.join(format!("{name}.written.json")))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            json, committed,
            "{name}: the writer's output changed; re-verify with Keras"
        );
        let check: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{name}.check.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(check["loads"], true, "{name}: {}", check["error"]);
        assert_eq!(check["same_summary"], true, "{name}: {}", check["error"]);
        assert_eq!(check["same_layers"], true, "{name}: {}", check["error"]);
        clear_session();
        let back = model_from_json(&json).unwrap();
        assert_eq!(render(&back), render(&model), "{name}: importer round trip");
    }
}

/// The `Error::Layer` of writing `model`: (layer name, class, message).
fn writer_error(model: &Model) -> (String, String, String) {
    match model_to_json(model).unwrap_err() {
        e @ kerasinfo::Error::Layer { .. } => {
            let message = e.to_string();
            let kerasinfo::Error::Layer { name, class, .. } = e else {
                unreachable!()
            };
            (name, class, message)
        }
        other => panic!("unexpected error {other:?}"),
    }
}

#[test]
fn a_lambda_is_an_error_naming_it_and_why() {
    clear_session();
    let x = Input::new([4]).tensor().unwrap();
    let y = Lambda::new()
        .output_shape([4])
        .name("my_fn")
        .call(&x)
        .unwrap();
    let model = Functional::new(&x, &y).build().unwrap();
    let (name, class, message) = writer_error(&model);
    assert_eq!((name.as_str(), class.as_str()), ("my_fn", "Lambda"));
    assert!(message.contains("Python function"), "{message}");
    // Inside a Pipeline, the pipeline is named and so is the Lambda.
    clear_session();
    let x = Input::new([4]).tensor().unwrap();
    let y = Pipeline::new([])
        .layer(Rescaling::new(2.0))
        .layer(Lambda::new().output_shape([4]).name("inner_fn"))
        .name("pipe")
        .call(&x)
        .unwrap();
    let model = Functional::new(&x, &y).build().unwrap();
    let (name, class, message) = writer_error(&model);
    assert_eq!((name.as_str(), class.as_str()), ("pipe", "Pipeline"));
    assert!(message.contains("\"inner_fn\" (Lambda)"), "{message}");
    assert!(message.contains("Python function"), "{message}");
    // So does a wrapper holding one.
    clear_session();
    let x = Input::new([3, 4]).tensor().unwrap();
    let y = TimeDistributed::new(Lambda::new().output_shape([4]).name("step_fn"))
        .name("td")
        .call(&x)
        .unwrap();
    let model = Functional::new(&x, &y).build().unwrap();
    let (name, class, message) = writer_error(&model);
    assert_eq!((name.as_str(), class.as_str()), ("td", "TimeDistributed"));
    assert!(message.contains("\"step_fn\" (Lambda)"), "{message}");
}

/// The fixture twins the writer refuses, each with the layer it names and
/// a piece of the reason: `Normalization` layers given `mean`/`variance`
/// (kerasinfo keeps only their shapes; the config would have to hold the
/// values), `Lambda` layers (the config would hold their Python function),
/// and a wrapper frozen after construction (a config cannot say that its
/// inner layers are frozen too).
#[test]
fn unwritable_twins_are_errors_naming_the_layer_and_why() {
    let cases: [(Builder, &str, &str, &str); 5] = [
        (
            preprocessing::normalization_variants,
            "normalization_3",
            "Normalization",
            "`mean`/`variance`",
        ),
        (
            preprocessing::normalization_mean_matrix,
            "normalization",
            "Normalization",
            "`mean`/`variance`",
        ),
        (
            more::attention_core_core_misc,
            "lambda",
            "Lambda",
            "Python function",
        ),
        (
            more::attention_core_masking_seq,
            "lambda",
            "Lambda",
            "Python function",
        ),
        (
            more::attention_core_mha_frozen,
            "frozen_mha",
            "MultiHeadAttention",
            "frozen after construction",
        ),
    ];
    for (b, layer, class, why) in cases {
        let model = build(b);
        let (name, got_class, message) = writer_error(&model);
        assert_eq!((name.as_str(), got_class.as_str()), (layer, class));
        assert!(message.contains(why), "{message}");
    }
    // Without values (weights to adapt) a Normalization is written.
    let model = build(preprocessing::normalization_dtypes);
    assert!(model_to_json(&model).is_ok());
}

#[test]
fn a_frozen_spatial_dropout_is_an_error() {
    clear_session();
    let x = Input::new([5, 3]).tensor().unwrap();
    let y = SpatialDropout1D::new(0.2)
        .trainable(false)
        .name("sd")
        .call(&x)
        .unwrap();
    let model = Functional::new(&x, &y).build().unwrap();
    let (name, class, message) = writer_error(&model);
    assert_eq!((name.as_str(), class.as_str()), ("sd", "SpatialDropout1D"));
    assert!(message.contains("no `trainable`"), "{message}");
}

#[test]
fn a_wrapper_frozen_after_construction_is_an_error() {
    clear_session();
    let q = Input::new([4, 6]).tensor().unwrap();
    let y = MultiHeadAttention::new(2, 3)
        .set_trainable(false)
        .name("mha")
        .call([&q, &q])
        .unwrap();
    let model = Functional::new(&q, &y).build().unwrap();
    match model_to_json(&model).unwrap_err() {
        kerasinfo::Error::Layer { name, class, .. } => {
            assert_eq!(
                (name.as_str(), class.as_str()),
                ("mha", "MultiHeadAttention")
            );
        }
        other => panic!("unexpected error {other:?}"),
    }
    // Frozen by its constructor argument, it is written (Keras then keeps
    // the projections trainable, as kerasinfo does).
    clear_session();
    let q = Input::new([4, 6]).tensor().unwrap();
    let y = MultiHeadAttention::new(2, 3)
        .trainable(false)
        .call([&q, &q])
        .unwrap();
    let model = Functional::new(&q, &y).build().unwrap();
    let back = model_from_json(&model_to_json(&model).unwrap()).unwrap();
    assert_eq!(
        back.summary().trainable_params,
        model.summary().trainable_params
    );
}
