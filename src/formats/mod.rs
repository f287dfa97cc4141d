//! Every file a Keras model lives in (feature `keras-json`; HDF5 needs
//! feature `hdf5`, SavedModel feature `saved-model`), told apart by
//! content, not by extension:
//!
//! | file | written by | read |
//! |---|---|---|
//! | config JSON | `model.to_json()` | the config |
//! | `.keras` archive (zip) | `model.save("m.keras")` (Keras 3) | `config.json`; `model.weights.h5`'s shapes and dtypes (feature `hdf5`) |
//! | legacy HDF5 (`.h5`, `.hdf5`) | `model.save("m.h5")` (tf.keras 2, Keras 3) | the `model_config` attribute; `model_weights`' shapes and dtypes (feature `hdf5`) |
//! | SavedModel directory | `model.save("dir", save_format="tf")` (tf.keras 2) | `keras_metadata.pb`'s root config (feature `saved-model`) |
//! | TF.js Layers `model.json` | `tensorflowjs_converter --input_format keras` | `modelTopology.model_config`; `weightsManifest`'s shapes and dtypes |
//!
//! [`load`] and [`load_bytes`] return a [`LoadedModel`]: the model, and
//! where the file stores weights, their shapes and dtypes
//! ([`StoredWeights`]), which [`check_weights`] compares with the weights
//! the model computes. Weight values are never read.
//!
//! ```
//! use kerasinfo::config::Registry;
//! use kerasinfo::formats::{SavedFormat, load_bytes};
//! let json = r#"{"class_name": "Sequential", "config": {"name": "s", "layers": [
//!     {"class_name": "InputLayer", "config": {"batch_shape": [null, 4]}},
//!     {"class_name": "Dense", "config": {"name": "d", "units": 3}}]}}"#;
//! let loaded = load_bytes(json.as_bytes(), &Registry::new())?;
//! assert_eq!(loaded.format, SavedFormat::ConfigJson);
//! assert_eq!(loaded.model.summary().total_params, 15);
//! assert!(loaded.stored_weights.is_none()); // a config holds no weights
//! # Ok::<(), kerasinfo::Error>(())
//! ```
//!
//! Hostile files are errors within bounded time and memory: zip entries
//! may not expand past 64 times their size or 256 MiB, HDF5 files may make
//! the reader visit at most 200,000 objects, and protocol buffers are
//! decoded by `prost`, which checks every length against the input.

#[cfg(feature = "hdf5")]
mod hdf5;
#[cfg(feature = "saved-model")]
mod saved_model;
mod tfjs;
mod weights;

use std::borrow::Cow;
use std::path::Path;

pub use weights::{
    CheckedWeight, ExtraWeight, StoredWeight, StoredWeights, WeightCheck, WeightLayout,
    check_weights,
};

use crate::config::{Doc, Registry};
use crate::error::{Error, Result};
use crate::model::Model;

/// The kinds of file a Keras model is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SavedFormat {
    /// A model config JSON (`model.to_json()`, a `.keras` archive's
    /// `config.json`).
    ConfigJson,
    /// A Keras 3 `.keras` archive.
    KerasArchive,
    /// A legacy HDF5 file (`.h5`, `.hdf5`).
    LegacyHdf5,
    /// A tf.keras 2 SavedModel directory (its `keras_metadata.pb`).
    SavedModel,
    /// A TensorFlow.js Layers model (`model.json`).
    TfjsLayers,
}

impl SavedFormat {
    /// What the format is called.
    ///
    /// ```
    /// use kerasinfo::formats::SavedFormat;
    /// assert_eq!(SavedFormat::LegacyHdf5.description(), "legacy HDF5 file");
    /// ```
    #[must_use]
    pub fn description(self) -> &'static str {
        match self {
            SavedFormat::ConfigJson => "Keras config JSON",
            SavedFormat::KerasArchive => ".keras archive",
            SavedFormat::LegacyHdf5 => "legacy HDF5 file",
            SavedFormat::SavedModel => "tf.keras SavedModel",
            SavedFormat::TfjsLayers => "TensorFlow.js Layers model",
        }
    }
}

/// A model read from a file, with the weights the file stores.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct LoadedModel {
    /// The model.
    pub model: Model,
    /// What the file was.
    pub format: SavedFormat,
    /// The variables the file stores (shapes and dtypes): `None` for a
    /// format that holds no weights (config JSON) or whose weights are not
    /// read (a SavedModel's `variables/`, a `.keras` archive without the
    /// `hdf5` feature).
    pub stored_weights: Option<StoredWeights>,
    /// The Keras version that wrote the file, where it says.
    pub keras_version: Option<String>,
}

impl LoadedModel {
    /// [`check_weights`] of the model against the stored weights, if the
    /// file has them.
    #[must_use]
    pub fn check_weights(&self) -> Option<WeightCheck> {
        self.stored_weights
            .as_ref()
            .map(|s| check_weights(&self.model, s))
    }
}

/// An error about the file `file`.
pub(crate) fn err(file: &str, reason: impl Into<String>) -> Error {
    Error::File {
        file: file.to_owned(),
        reason: reason.into(),
    }
}

const HDF5_SIGNATURE: &[u8] = b"\x89HDF\r\n\x1a\n";

/// Whether bytes are an HDF5 file: its signature at offset 0, 512, 1024,
/// 2048, … (after a user block).
fn is_hdf5(bytes: &[u8]) -> bool {
    std::iter::successors(Some(0usize), |&at| match at {
        0 => Some(512),
        n => n.checked_mul(2),
    })
    .map_while(|at| {
        bytes
            .get(at..)
            .filter(|rest| rest.len() >= HDF5_SIGNATURE.len())
    })
    .any(|rest| rest.starts_with(HDF5_SIGNATURE))
}

/// Reads a Keras model from a file or a SavedModel directory, detecting
/// the format by content (see the [module docs](self)). A directory is a
/// SavedModel (`keras_metadata.pb`) or holds a TF.js `model.json`.
///
/// ```
/// use kerasinfo::config::Registry;
/// let dir = std::env::temp_dir().join(format!("kerasinfo-doc-load-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("model.json");
/// std::fs::write(&path, r#"{"format": "layers-model", "modelTopology": {"model_config":
///     {"class_name": "Sequential", "config": {"name": "s", "layers": [
///     {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 4]}},
///     {"class_name": "Dense", "config": {"name": "d", "units": 3}}]}}},
///     "weightsManifest": [{"paths": ["group1-shard1of1.bin"], "weights": [
///     {"name": "d/kernel", "shape": [4, 3], "dtype": "float32"},
///     {"name": "d/bias", "shape": [3], "dtype": "float32"}]}]}"#).unwrap();
/// let loaded = kerasinfo::formats::load(&dir, &Registry::new())?;
/// assert_eq!(loaded.format, kerasinfo::formats::SavedFormat::TfjsLayers);
/// assert!(loaded.check_weights().unwrap().is_ok());
/// std::fs::remove_dir_all(&dir).unwrap();
/// assert!(kerasinfo::formats::load(&dir, &Registry::new()).is_err());
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub fn load(path: impl AsRef<Path>, registry: &Registry) -> Result<LoadedModel> {
    let path = path.as_ref();
    // A UTF-8 path as it is, without the formatting machinery.
    let file = path
        .to_str()
        .map_or_else(|| Cow::Owned(path.display().to_string()), Cow::Borrowed);
    // A SavedModel's saved_model.pb stands for its directory.
    if path.file_name().is_some_and(|n| n == "saved_model.pb")
        && let Some(dir) = path.parent()
        && dir.join("keras_metadata.pb").is_file()
    {
        return load_dir(dir, registry, &dir.display().to_string());
    }
    // A directory is told by the failure to read it: no `stat` before.
    match std::fs::read(path) {
        Ok(bytes) => load_named(Cow::Owned(bytes), &file, registry),
        Err(_) if path.is_dir() => load_dir(path, registry, &file),
        Err(e) => Err(err(&file, e.to_string())),
    }
}

fn load_dir(dir: &Path, registry: &Registry, file: &str) -> Result<LoadedModel> {
    let metadata = dir.join("keras_metadata.pb");
    if metadata.is_file() {
        let bytes = std::fs::read(&metadata).map_err(|e| err(file, e.to_string()))?;
        return saved_model_from(&bytes, registry, &metadata.display().to_string());
    }
    let tfjs = dir.join("model.json");
    if tfjs.is_file() {
        return load(&tfjs, registry);
    }
    if dir.join("saved_model.pb").is_file() {
        return Err(err(
            file,
            "a SavedModel directory without keras_metadata.pb: it was not written by tf.keras's \
             model.save (e.g. tf.saved_model.save or Keras 3's model.export), so it holds no \
             Keras model config",
        ));
    }
    Err(err(
        file,
        "a directory that holds no Keras model: no keras_metadata.pb (SavedModel) and no \
         model.json (TensorFlow.js)",
    ))
}

/// Reads a Keras model from the bytes of a file, detecting the format by
/// content: HDF5 (its signature), a `.keras` archive (zip), JSON (a config
/// or a TF.js `model.json`), or a SavedModel's `keras_metadata.pb`.
///
/// ```
/// use kerasinfo::config::Registry;
/// use kerasinfo::formats::load_bytes;
/// let e = load_bytes(b"\x89HDF\r\n\x1a\n", &Registry::new()).unwrap_err();
/// assert!(e.to_string().starts_with("input: "), "{e}");
/// assert!(load_bytes(b"\x00\x01", &Registry::new()).is_err());
/// ```
pub fn load_bytes(bytes: &[u8], registry: &Registry) -> Result<LoadedModel> {
    load_named(Cow::Borrowed(bytes), "input", registry)
}

/// [`load_bytes`] with errors naming `file`.
pub(crate) fn load_bytes_named(
    bytes: &[u8],
    file: &str,
    registry: &Registry,
) -> Result<LoadedModel> {
    load_named(Cow::Borrowed(bytes), file, registry)
}

fn load_named(bytes: Cow<'_, [u8]>, file: &str, registry: &Registry) -> Result<LoadedModel> {
    if is_hdf5(&bytes) {
        return hdf5_from(bytes, registry, file);
    }
    if bytes.starts_with(b"PK") {
        return archive_from(&bytes, registry, file);
    }
    let json_start = bytes
        .strip_prefix(b"\xef\xbb\xbf")
        .unwrap_or(&bytes)
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    if json_start == Some(&b'{') {
        return json_from(&bytes, registry, file);
    }
    #[cfg(feature = "saved-model")]
    if saved_model::looks_like_metadata(&bytes) {
        return saved_model_from(&bytes, registry, file);
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(err(file, "empty input"));
    }
    // Other text: the config reader says what is wrong with it.
    if std::str::from_utf8(&bytes).is_ok_and(|t| !t.contains('\0')) {
        return json_from(&bytes, registry, file);
    }
    Err(err(
        file,
        "not a Keras model file: expected a config JSON, a .keras archive (zip), an HDF5 file, \
         a TensorFlow.js model.json or a SavedModel's keras_metadata.pb",
    ))
}

fn json_from(bytes: &[u8], registry: &Registry, file: &str) -> Result<LoadedModel> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| err(file, format!("not UTF-8 text: {e}")))?;
    let doc = Doc::parse(text)?;
    let value = doc.root();
    if tfjs::is_tfjs(value) {
        return tfjs::read(value, registry, file);
    }
    let model = crate::config::model_from_ref(value, registry)?;
    Ok(LoadedModel {
        model,
        format: SavedFormat::ConfigJson,
        stored_weights: None,
        keras_version: None,
    })
}

fn archive_from(bytes: &[u8], registry: &Registry, file: &str) -> Result<LoadedModel> {
    let zip_err = |e: zip::result::ZipError| err(file, format!(".keras archive: {e}"));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(zip_err)?;
    let in_file = |e: Error| match e {
        Error::Config { at, reason } if at.starts_with(".keras archive") => {
            err(file, format!("{at}: {reason}"))
        }
        other => other,
    };
    let config = crate::config::read_zip_entry(&mut archive, "config.json")
        .map_err(in_file)?
        .ok_or_else(|| {
            err(
                file,
                "a zip archive without config.json: not a .keras model archive",
            )
        })?;
    let text = std::str::from_utf8(&config).map_err(|e| {
        err(
            file,
            format!(".keras archive: config.json: not UTF-8 text: {e}"),
        )
    })?;
    let model = crate::config::model_from_json_with(text, registry)?;
    drop(config);
    let keras_version = crate::config::read_zip_entry(&mut archive, "metadata.json")
        .ok()
        .flatten()
        .and_then(|m| serde_json::from_slice::<serde_json::Value>(&m).ok())
        .and_then(|m| {
            m.get("keras_version")
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        });
    let stored_weights = archive_weights(&mut archive, file).map_err(in_file)?;
    Ok(LoadedModel {
        model,
        format: SavedFormat::KerasArchive,
        stored_weights,
        keras_version,
    })
}

#[cfg(feature = "hdf5")]
fn archive_weights<R: std::io::Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    file: &str,
) -> Result<Option<StoredWeights>> {
    match crate::config::read_zip_entry(archive, "model.weights.h5")? {
        None => Ok(None),
        Some(h5) => hdf5::read_keras_v3_weights(h5, &format!("{file}: model.weights.h5")).map(Some),
    }
}

#[cfg(not(feature = "hdf5"))]
fn archive_weights<R: std::io::Read + std::io::Seek>(
    _archive: &mut zip::ZipArchive<R>,
    _file: &str,
) -> Result<Option<StoredWeights>> {
    Ok(None)
}

#[cfg(feature = "hdf5")]
use hdf5::read_legacy as hdf5_from;

#[cfg(not(feature = "hdf5"))]
fn hdf5_from(_bytes: Cow<'_, [u8]>, _registry: &Registry, file: &str) -> Result<LoadedModel> {
    Err(err(
        file,
        "an HDF5 file: kerasinfo was built without its `hdf5` feature, which reads it",
    ))
}

#[cfg(feature = "saved-model")]
use saved_model::read as saved_model_from;

#[cfg(not(feature = "saved-model"))]
fn saved_model_from(_bytes: &[u8], _registry: &Registry, file: &str) -> Result<LoadedModel> {
    Err(err(
        file,
        "a SavedModel: kerasinfo was built without its `saved-model` feature, which reads it",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hdf5_signature_after_a_user_block() {
        let mut b = vec![0u8; 512];
        b.extend_from_slice(HDF5_SIGNATURE);
        assert!(is_hdf5(&b));
        assert!(is_hdf5(HDF5_SIGNATURE));
        assert!(!is_hdf5(&b[..515]));
        assert!(!is_hdf5(b""));
    }
}
