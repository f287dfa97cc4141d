//! Shared by the fuzz targets: a model, once imported or built, must
//! summarize and render (Keras 3 text, tf.keras 2 text, JSON) without
//! panicking. Render errors are fine; panics are bugs.

// Each target includes this module and uses a part of it.
#![allow(dead_code)]

use kerasinfo::render::keras2::{self, Keras2Options};
use kerasinfo::{Keras3Options, Model};

pub fn exercise(model: &Model) {
    let summary = model.summary();
    let _ = summary.render(&Keras3Options::new());
    let _ = summary.render(
        &Keras3Options::new()
            .expand_nested(true)
            .show_trainable(true),
    );
    let _ = summary.render(
        &Keras3Options::new()
            .expand_nested_depth(1)
            .ascii(true)
            .show_memory(u64::MAX),
    );
    let _ = keras2::render(&summary, &Keras2Options::new());
    let _ = kerasinfo::render::json::render(&summary);
    let _ = kerasinfo::render::json::with_layer_memory(
        kerasinfo::render::json::to_value(&summary),
        &summary,
        3,
    );
    let _ = kerasinfo::render::csv::render(
        &summary,
        &kerasinfo::render::csv::CsvOptions::new()
            .expand_nested(true)
            .batch_size(u64::MAX),
    );
    let _ = model.memory(2, None);
    let _ = model.weights();
}

/// Imports a config (JSON text or a `.keras` zip) and exercises the model.
pub fn import(bytes: &[u8]) {
    kerasinfo::naming::clear_session();
    let registry = kerasinfo::config::Registry::new();
    // A `.keras` zip or a config JSON: its config text, then the model.
    let Ok(text) = kerasinfo::config::config_text_from_bytes(bytes) else {
        return;
    };
    if let Ok(model) = kerasinfo::config::model_from_json_with(&text, &registry) {
        exercise(&model);
    }
}

/// Loads any saved-model file (`formats::load_bytes`), then exercises the
/// model and checks its stored weights.
pub fn load(bytes: &[u8]) {
    kerasinfo::naming::clear_session();
    let registry = kerasinfo::config::Registry::new();
    if let Ok(loaded) = kerasinfo::formats::load_bytes(bytes, &registry) {
        exercise(&loaded.model);
        if let Some(check) = loaded.check_weights() {
            let _ = check.to_string();
            let mut v = kerasinfo::render::json::to_value(&loaded.model.summary());
            check.add_to_json(&mut v);
        }
    }
}
