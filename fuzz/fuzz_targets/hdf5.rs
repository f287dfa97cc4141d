//! Bytes as HDF5: a legacy `.h5` model file (`formats::load_bytes`: the
//! `model_config` attribute, `layer_names`/`weight_names` and dataset
//! shapes), and the same bytes as the `model.weights.h5` of a `.keras`
//! archive whose config is a small fixed model (the `layers/` walk). Then
//! summary, renderers and the weight check. Any panic, hang or
//! out-of-memory is a bug.
#![no_main]

#[path = "../common/mod.rs"]
#[allow(dead_code)]
mod common;

use std::io::Write;

use libfuzzer_sys::fuzz_target;

const CONFIG: &str = r#"{"class_name": "Sequential", "config": {"name": "seq", "layers": [
    {"class_name": "InputLayer", "config": {"batch_shape": [null, 4], "name": "input_layer"}},
    {"class_name": "Dense", "config": {"name": "d1", "units": 3}},
    {"class_name": "BatchNormalization", "config": {"name": "batch_normalization"}},
    {"class_name": "Dense", "config": {"name": "dense", "units": 2}}]}}"#;

fn keras_archive(weights: &[u8]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let _ = w.start_file("config.json", stored);
    let _ = w.write_all(CONFIG.as_bytes());
    let _ = w.start_file("model.weights.h5", stored);
    let _ = w.write_all(weights);
    w.finish().map(|c| c.into_inner()).unwrap_or_default()
}

fuzz_target!(|data: &[u8]| {
    common::load(data);
    common::load(&keras_archive(data));
});
