//! The config writer against Keras: each model below is the kerasinfo twin
//! of a Keras fixture model; `model_to_json` of it must equal the committed
//! `tests/fixtures/written/<name>.written.json` byte for byte, that file must
//! have been loaded by Keras 3.15.1's `keras.models.model_from_json` into the
//! same model (`<name>.check.json`, written by
//! `scripts/check_written_configs.py`), and kerasinfo's importer must read it
//! back to the same summary.
//!
//! The twins are the builders of `tests/models/` (shared with the family
//! tests, tests/layers_*.rs, tests/summary_core.rs and tests/ops.rs, which
//! check them against the same fixtures).
//!
//! After a change to the writer: `cargo test --all-features --test
//! config_writer -- --ignored write_configs`, then run the Python script,
//! then commit both.
#![cfg(feature = "keras-json")]

mod models;
#[path = "../examples/resnet50.rs"]
mod resnet50_example;

use std::path::PathBuf;

use kerasinfo::DTypePolicy;
use kerasinfo::config::{model_from_json, model_to_json};
use kerasinfo::layer::with_dtype_policy;
use kerasinfo::naming::clear_session;
use kerasinfo::prelude::*;
use models::{attention_core, conv, dtype, norm_act_reg, preprocessing, recurrent, reshape_merge};

type Builder = fn() -> kerasinfo::Result<Model>;

fn core_resnet50() -> kerasinfo::Result<Model> {
    resnet50_example::resnet50()
}

/// (written name, fixture group, builder)
fn cases() -> Vec<(&'static str, &'static str, Builder)> {
    vec![
        ("seed", "core", models::core::seed),
        ("seq_mlp", "core", models::core::seq_mlp),
        ("seq_cnn", "core", models::core::seq_cnn),
        ("channels_first", "core", models::core::channels_first),
        ("conv_args", "core", models::core::conv_args),
        ("residual", "core", models::core::residual),
        ("multi_io", "core", models::core::multi_io),
        ("shared_layer", "core", models::core::shared_layer),
        ("shared_chain", "core", models::core::shared_chain),
        ("nested", "core", models::core::nested),
        ("nested_frozen", "core", models::core::nested_frozen),
        ("frozen_layers", "core", models::core::frozen_layers),
        ("frozen_model", "core", models::core::frozen_model),
        ("bn_variants", "core", models::core::bn_variants),
        ("unknown_dims", "core", models::core::unknown_dims),
        ("concat_axis", "core", models::core::concat_axis),
        ("batch_size_input", "core", models::core::batch_size_input),
        ("narrow", "core", models::core::narrow),
        ("big_counts", "core", models::core::big_counts),
        ("auto_names", "core", models::core::auto_names),
        ("branches", "core", models::core::branches),
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
        ("ops__binary", "ops", models::ops::binary),
        ("ops__broadcast_none", "ops", models::ops::broadcast_none),
        (
            "ops__reshape_transpose",
            "ops",
            models::ops::reshape_transpose,
        ),
        ("ops__reduce_ops", "ops", models::ops::reduce_ops),
        ("ops__reduce_more", "ops", models::ops::reduce_more),
        ("ops__concat", "ops", models::ops::concat),
        ("ops__get_item", "ops", models::ops::get_item),
        ("ops__app_layers", "ops", models::ops::app_layers),
        (
            "attention_core__reversible_embedding",
            "attention_core",
            models::attention_core::reversible_embedding,
        ),
        (
            "attention_core__attention_scores",
            "attention_core",
            models::attention_core::attention_scores,
        ),
        ("core__nested_output", "core", models::core::nested_output),
        (
            "norm_act_reg__regularization",
            "norm_act_reg",
            models::norm_act_reg::regularization,
        ),
        (
            "recurrent__time_distributed_model",
            "recurrent",
            models::recurrent::time_distributed_model,
        ),
        (
            "recurrent__seq_return_state",
            "recurrent",
            models::recurrent::seq_return_state,
        ),
        (
            "reshape_merge__dot_variants",
            "reshape_merge",
            reshape_merge::dot_variants,
        ),
        (
            "reshape_merge__dot_batch",
            "reshape_merge",
            reshape_merge::dot_batch,
        ),
        // FAMILY-CASES-END
        // Dtype policies: each layer's policy is written, so Keras loads the
        // model under its default float32 global policy unchanged.
        ("dtype__cnn__mixed_float16", "dtype", || {
            with_dtype_policy(DTypePolicy::MIXED_FLOAT16, dtype::cnn)
        }),
        ("dtype__mlp__mixed_bfloat16", "dtype", || {
            with_dtype_policy(DTypePolicy::MIXED_BFLOAT16, dtype::mlp)
        }),
        ("dtype__transformer__bfloat16", "dtype", || {
            with_dtype_policy(dtype::policy("bfloat16"), dtype::transformer)
        }),
        ("dtype__special__float16", "dtype", || {
            with_dtype_policy(dtype::policy("float16"), dtype::special)
        }),
        ("dtype__mixed_layers", "dtype", dtype::mixed_layers),
        ("dtype__policy_objects", "dtype", dtype::policy_objects),
        ("dtype__wrappers", "dtype", dtype::wrappers),
        ("dtype__nested", "dtype", || {
            with_dtype_policy(dtype::policy("float16"), dtype::nested)
        }),
        ("dtype__recipe", "dtype", || {
            with_dtype_policy(DTypePolicy::MIXED_FLOAT16, dtype::recipe)
        }),
    ]
}

fn written_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/written")
}

fn build(b: Builder) -> Model {
    clear_session();
    b().unwrap()
}

fn render(m: &Model) -> String {
    m.summary().render(&Keras3Options::new()).unwrap()
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
    for (name, group, b) in cases() {
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
        if group == "dtype" {
            assert_eq!(check["same_policies"], true, "{name}: {}", check["error"]);
        }
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
            models::attention_core::core_misc,
            "lambda",
            "Lambda",
            "Python function",
        ),
        (
            models::attention_core::masking_seq,
            "lambda",
            "Lambda",
            "Python function",
        ),
        (
            models::attention_core::mha_frozen,
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

/// A tf.keras 2 `TFOpLambda` (imported from a tf.keras config) has no
/// Keras 3 config.
#[test]
fn a_tf_keras_2_op_layer_is_an_error_naming_it() {
    clear_session();
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tfop/add_const.config.json");
    let model = model_from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    let (name, class, message) = writer_error(&model);
    assert_eq!(
        (name.as_str(), class.as_str()),
        ("tf.__operators__.add", "TFOpLambda")
    );
    assert!(message.contains("TFOpLambda"), "{message}");
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
