//! Bytes as a `.keras` zip archive: `keras_archive_config`, then the import
//! of the `config.json` it holds, summary and renderers. Any panic is a bug.
#![no_main]

#[path = "../common/mod.rs"]
#[allow(dead_code)]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = kerasinfo::config::keras_archive_config(data) {
        kerasinfo::naming::clear_session();
        if let Ok(model) = kerasinfo::config::model_from_json(&text) {
            common::exercise(&model);
        }
    }
});
