//! Bytes as a SavedModel's `keras_metadata.pb` (`formats::load_bytes`:
//! prost decodes the `SavedMetadata` protocol buffer, then the root node's
//! metadata JSON is imported), then summary and renderers. Absurd lengths
//! and deep nesting must be errors. Any panic is a bug.
#![no_main]

#[path = "../common/mod.rs"]
#[allow(dead_code)]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::load(data);
});
