//! (Seeded from tf.keras 2 configs.) Bytes -> `kerasinfo::config::model_from_json_with` (a `.keras` zip's config read first), then summary and every
//! renderer when the import succeeds. Any panic is a bug.
#![no_main]

#[path = "../common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::import(data);
});
