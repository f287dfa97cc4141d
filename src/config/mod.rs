//! Reading saved Keras models (feature `keras-json`): the JSON of
//! `model.to_json()`, the `config.json` of a `.keras` archive, or the
//! archive itself. Keras 3 configs and tf.keras 2 configs (legacy
//! `inbound_nodes` lists, `batch_input_shape`) are both read. Every other
//! file a model is saved in (legacy HDF5, SavedModel, TF.js), and the
//! stored weights, are read by [`crate::formats`].
//!
//! ```
//! let json = r#"{"class_name": "Sequential", "config": {"name": "s", "layers": [
//!     {"class_name": "InputLayer", "config": {"batch_shape": [null, 4], "name": "input_layer"}},
//!     {"class_name": "Dense", "config": {"name": "dense", "units": 3}}]}}"#;
//! let model = kerasinfo::config::model_from_json(json)?;
//! assert_eq!(model.summary().total_params, 15);
//! # Ok::<(), kerasinfo::Error>(())
//! ```

mod builtin;
pub(crate) mod cfg;
pub(crate) mod doc;
mod import;
pub(crate) mod json;
pub(crate) mod registry;
pub(crate) mod values;
pub(crate) mod writer;

use std::borrow::Cow;
use std::io::Read;

pub use cfg::Cfg;
pub(crate) use doc::{Doc, JsonRef};
pub use json::{JsonNumber, JsonObject, JsonValue};
pub use registry::{Factory, Registry};
pub use writer::{model_to_json, model_to_value};

use crate::error::Result;
use crate::model::Model;
use cfg::cfg_error;

/// Builds a model from a Keras model config JSON (`model.to_json()` or a
/// `.keras` archive's `config.json`), with the built-in layers.
pub fn model_from_json(text: &str) -> Result<Model> {
    model_from_json_with(text, Registry::builtins())
}

/// Builds a model from a Keras model config JSON, with a registry that may
/// hold custom layers.
pub fn model_from_json_with(text: &str, registry: &Registry) -> Result<Model> {
    let doc = Doc::parse(text)?;
    model_from_ref(doc.root(), registry)
}

/// Builds a model from a parsed config (a value of a [`Doc`] or a tree).
pub(crate) fn model_from_ref(value: JsonRef<'_>, registry: &Registry) -> Result<Model> {
    import::model_from_value(value, registry, "model", 0)
}

/// Builds a model from a config already parsed by serde_json (converted to
/// a [`JsonValue`] first: [`model_from_json_with`] and
/// [`model_from_json_value`] skip that step).
pub fn model_from_value(value: &serde_json::Value, registry: &Registry) -> Result<Model> {
    let v = JsonValue::from_serde(value)?;
    model_from_ref(JsonRef::Tree(&v), registry)
}

/// Builds a model from a config parsed with [`JsonValue::parse`] (for
/// callers that keep the parsed document, e.g. to inspect it or to skip
/// freeing it).
///
/// ```
/// use kerasinfo::config::{JsonValue, Registry, model_from_json_value};
/// let text = r#"{"class_name": "Sequential", "config": {"name": "s", "layers": [
///     {"class_name": "InputLayer", "config": {"batch_shape": [null, 4], "name": "input_layer"}},
///     {"class_name": "Dense", "config": {"name": "dense", "units": 3}}]}}"#;
/// let config = JsonValue::parse(text)?;
/// let model = model_from_json_value(&config, &Registry::new())?;
/// assert_eq!(model.summary().total_params, 15);
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[deprecated(
    since = "0.2.0",
    note = "use `model_from_json_with(text, registry)`, which reads the text without a tree"
)]
pub fn model_from_json_value(value: &JsonValue<'_>, registry: &Registry) -> Result<Model> {
    model_from_ref(JsonRef::Tree(value), registry)
}

/// Reads `config.json` out of a `.keras` archive's bytes.
///
/// An entry may expand to at most 64 times its compressed size or
/// 256 MiB, whichever is more, so a zip bomb is an error, not an
/// exhausted memory.
///
/// ```
/// assert!(kerasinfo::config::keras_archive_config(b"PK\x05\x06").is_err());
/// ```
pub fn keras_archive_config(bytes: &[u8]) -> Result<String> {
    let zip_err = |e: zip::result::ZipError| cfg_error(".keras archive", e.to_string());
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(zip_err)?;
    let data = read_zip_entry(&mut archive, "config.json")?
        .ok_or_else(|| cfg_error(".keras archive", "no config.json in the archive"))?;
    String::from_utf8(data).map_err(|e| {
        cfg_error(
            ".keras archive: config.json",
            format!("not UTF-8 text: {e}"),
        )
    })
}

/// The size any zip entry may expand to: 256 MiB (Keras stores entries
/// uncompressed; a deflated config JSON shrinks 10 to 20 times).
const ZIP_ENTRY_FLOOR: u64 = 256 << 20;

/// How much a zip entry may expand: 64 times its compressed size or
/// `floor`, whichever is more.
fn zip_entry_limit(compressed: u64, floor: u64) -> u64 {
    compressed.saturating_mul(64).max(floor)
}

/// An entry of a zip archive (`None` when it has none of that name), read
/// within [`zip_entry_limit`] whatever its header claims.
pub(crate) fn read_zip_entry<R: std::io::Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<Vec<u8>>> {
    read_zip_entry_within(archive, name, ZIP_ENTRY_FLOOR)
}

fn read_zip_entry_within<R: std::io::Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
    floor: u64,
) -> Result<Option<Vec<u8>>> {
    let at = || format!(".keras archive: {name}");
    let mut file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(cfg_error(&at(), e.to_string())),
    };
    let limit = zip_entry_limit(file.compressed_size(), floor);
    let capacity = usize::try_from(file.size().min(limit).min(16 << 20)).unwrap_or_default();
    let mut data = Vec::with_capacity(capacity);
    (&mut file)
        .take(limit.saturating_add(1))
        .read_to_end(&mut data)
        .map_err(|e| cfg_error(&at(), e.to_string()))?;
    if u64::try_from(data.len()).unwrap_or(u64::MAX) > limit {
        return Err(cfg_error(
            &at(),
            format!(
                "expands past {limit} bytes from {} compressed bytes: refused as a zip bomb",
                file.compressed_size()
            ),
        ));
    }
    Ok(Some(data))
}

/// The config JSON text in bytes that hold a `.keras` archive (zip, its
/// `config.json`) or a config JSON (borrowed), for [`JsonValue::parse`].
///
/// ```
/// use kerasinfo::config::config_text_from_bytes;
/// assert_eq!(config_text_from_bytes(b"{}")?, "{}");
/// assert!(config_text_from_bytes(b"  ").is_err());
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub fn config_text_from_bytes(bytes: &[u8]) -> Result<Cow<'_, str>> {
    if bytes.starts_with(b"PK") {
        return keras_archive_config(bytes).map(Cow::Owned);
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| cfg_error("input", format!("not UTF-8 text: {e}")))?;
    if text.trim().is_empty() {
        return Err(cfg_error("input", "empty input"));
    }
    Ok(Cow::Borrowed(text))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn zip_of(name: &str, data: &[u8]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file(name, options).unwrap();
        w.write_all(data).unwrap();
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn zip_bombs_are_refused() {
        // 4 MiB of zeros deflate to a few KB: far past 64 times that.
        let bytes = zip_of("config.json", &vec![0u8; 4 << 20]);
        assert!(bytes.len() < 64 << 10, "{}", bytes.len());
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
        let e = read_zip_entry_within(&mut archive, "config.json", 0).unwrap_err();
        assert!(e.to_string().contains("refused as a zip bomb"), "{e}");
        // Within the floor it reads; a missing entry is None.
        let data = read_zip_entry(&mut archive, "config.json")
            .unwrap()
            .unwrap();
        assert_eq!(data.len(), 4 << 20);
        assert!(
            read_zip_entry(&mut archive, "model.weights.h5")
                .unwrap()
                .is_none()
        );
        // Text that shrinks 20 times passes at any floor.
        let text: Vec<u8> = (0..200_000u32)
            .flat_map(|i| format!("{i:x},").into_bytes())
            .collect();
        let bytes = zip_of("config.json", &text);
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
        assert!(read_zip_entry_within(&mut archive, "config.json", 0).is_ok());
    }
}
