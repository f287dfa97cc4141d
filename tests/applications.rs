//! The 40 Keras Applications of Keras 3.15.1 (fixtures made by
//! scripts/gen_applications_fixtures.py, gzip-compressed), imported from
//! their configs and checked against what Keras reports for the models it
//! loads from them (scripts/gen_loaded_fixtures.py): layer order, classes,
//! output shapes, weights, counts and the summary text byte for byte.

#![cfg(feature = "keras-json")]

mod common;
#[path = "models/ops.rs"]
mod ops_models;

use std::io::Read;

use common::fixture_dir;
use kerasinfo::config::{Registry, model_from_json_with};
use kerasinfo::naming::clear_session;

const GROUP: &str = "applications";

/// Applications built from the common layers: each must import and match Keras.
const READY: &[&str] = &[
    "DenseNet121",
    "DenseNet169",
    "DenseNet201",
    "InceptionResNetV2",
    "InceptionV3",
    "MobileNet",
    "MobileNetV2",
    "NASNetLarge",
    "NASNetMobile",
    "ResNet101",
    "ResNet101V2",
    "ResNet152",
    "ResNet152V2",
    "ResNet50",
    "ResNet50V2",
    "VGG16",
    "VGG19",
    "Xception",
];

/// Applications that also use preprocessing layers (`Normalization`,
/// `Rescaling`), the Applications' helper layers and operations: each must
/// import and match Keras too.
const NEED_PREPROCESSING: &[&str] = &[
    "ConvNeXtBase",
    "ConvNeXtLarge",
    "ConvNeXtSmall",
    "ConvNeXtTiny",
    "ConvNeXtXLarge",
    "EfficientNetB0",
    "EfficientNetB1",
    "EfficientNetB2",
    "EfficientNetB3",
    "EfficientNetB4",
    "EfficientNetB5",
    "EfficientNetB6",
    "EfficientNetB7",
    "EfficientNetV2B0",
    "EfficientNetV2B1",
    "EfficientNetV2B2",
    "EfficientNetV2B3",
    "EfficientNetV2L",
    "EfficientNetV2M",
    "EfficientNetV2S",
    "MobileNetV3Large",
    "MobileNetV3Small",
];

fn gunzip(file: &str) -> String {
    let path = fixture_dir(GROUP).join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes.as_slice())
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text
}

fn import(name: &str, registry: &Registry) -> kerasinfo::Result<kerasinfo::Model> {
    let text = gunzip(&format!("{name}.config.json.gz"));
    clear_session();
    model_from_json_with(&text, registry)
}

/// An imported application against what Keras reports for the model it
/// loads from the same config (weight paths as Keras loads them: NASNet's
/// reduction cells lose the `name_scope` of the live model, ConvNeXt's stem
/// its Sequential's).
fn check(name: &str, model: &kerasinfo::Model) {
    common::check_loaded(GROUP, name, model);
}

/// Imports and checks each application, collecting every failure.
fn check_all(names: &[&str], registry: &Registry) {
    let mut failures = Vec::new();
    for name in names {
        match import(name, registry) {
            Ok(model) => {
                let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    check(name, &model);
                }));
                if r.is_err() {
                    failures.push(format!("{name}: differs from Keras (see above)"));
                }
            }
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn the_lists_cover_every_application_fixture() {
    let names = common::fixture_names(GROUP, ".config.json.gz");
    let mut listed: Vec<&str> = READY.iter().chain(NEED_PREPROCESSING).copied().collect();
    listed.sort_unstable();
    assert_eq!(names, listed);
    assert_eq!(names.len(), 40);
}

#[test]
fn ready_applications_import_and_match_keras() {
    check_all(READY, &Registry::new());
}

#[test]
fn applications_with_preprocessing_import_and_match_keras() {
    check_all(NEED_PREPROCESSING, &Registry::new());
}

/// The helper layers built with the builder API (fixture `ops/app_layers`
/// of scripts/gen_ops_fixtures.py; its config is imported by
/// tests/config_import.rs without registering them).
#[test]
fn helper_layers_built_match_keras() -> kerasinfo::Result<()> {
    clear_session();
    common::check_model_ops("ops", "app_layers", &ops_models::app_layers()?);
    Ok(())
}
