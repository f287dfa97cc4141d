//! TensorFlow.js Layers models: the `model.json` the TF.js converter
//! writes (`tensorflowjs_converter --input_format keras`,
//! `tfjs.converters.save_keras_model`): `format: "layers-model"`, the Keras
//! config in `modelTopology.model_config`, the stored variables' names,
//! shapes and dtypes in `weightsManifest` (the `.bin` shards hold only
//! values, which kerasinfo does not read).

use super::weights::{StoredWeight, StoredWeights, WeightLayout};
use super::{LoadedModel, SavedFormat, err};
use crate::config::{JsonRef, Registry, model_from_ref};
use crate::error::Result;

/// Whether a parsed JSON document is a TF.js `model.json` rather than a
/// Keras config.
pub(crate) fn is_tfjs(v: JsonRef<'_>) -> bool {
    v.get("modelTopology").is_some()
        || v.get("weightsManifest").is_some()
        || v.get("format")
            .and_then(JsonRef::as_str)
            .is_some_and(|f| f.ends_with("-model"))
}

/// Builds the model of a TF.js Layers `model.json` and lists its manifest.
pub(crate) fn read(v: JsonRef<'_>, registry: &Registry, file: &str) -> Result<LoadedModel> {
    let format = v.get("format").and_then(JsonRef::as_str);
    let topology = v.get("modelTopology");
    let graph = |t: JsonRef<'_>| t.get("node").is_some() || t.get("versions").is_some();
    if format == Some("graph-model") || topology.is_some_and(graph) {
        return Err(err(
            file,
            "a TensorFlow.js graph model (format \"graph-model\", converted from a SavedModel \
             or a TF Hub module): it holds a TensorFlow graph, not a Keras model config; \
             kerasinfo reads TF.js Layers models (format \"layers-model\", converted from a \
             Keras model)",
        ));
    }
    if let Some(f) = format.filter(|f| *f != "layers-model") {
        return Err(err(
            file,
            format!("TF.js model format {f:?}: kerasinfo reads \"layers-model\" files"),
        ));
    }
    let topology = topology.ok_or_else(|| {
        err(
            file,
            "TF.js model.json without `modelTopology`: it holds no model architecture",
        )
    })?;
    // tfjs-layers reads `modelTopology.model_config`, or the topology
    // itself when it is the config.
    let config = topology.get("model_config").unwrap_or(topology);
    if config.get("class_name").is_none() {
        return Err(err(
            file,
            "TF.js modelTopology holds no Keras model config (no `model_config` or `class_name`)",
        ));
    }
    let model = model_from_ref(config, registry)?;
    let keras_version = topology
        .get("keras_version")
        .and_then(JsonRef::as_str)
        .map(str::to_owned);
    let stored_weights = v
        .get("weightsManifest")
        .map(|m| manifest(m, file))
        .transpose()?;
    Ok(LoadedModel {
        model,
        format: SavedFormat::TfjsLayers,
        stored_weights,
        keras_version,
    })
}

/// The `weightsManifest`: groups of `{paths, weights: [{name, shape, dtype}]}`.
fn manifest(m: JsonRef<'_>, file: &str) -> Result<StoredWeights> {
    let groups = m
        .as_array()
        .ok_or_else(|| err(file, "weightsManifest: not a list of weight groups"))?;
    let mut out = Vec::new();
    for (gi, g) in groups.enumerate() {
        let entries = g
            .get("weights")
            .and_then(JsonRef::as_array)
            .ok_or_else(|| err(file, format!("weightsManifest[{gi}].weights: not a list")))?;
        for (wi, w) in entries.enumerate() {
            let at = format!("weightsManifest[{gi}].weights[{wi}]");
            let name = w
                .get("name")
                .and_then(JsonRef::as_str)
                .ok_or_else(|| err(file, format!("{at}.name: not a string")))?;
            let shape = w
                .get("shape")
                .and_then(JsonRef::as_array)
                .and_then(|dims| dims.map(JsonRef::as_u64).collect::<Option<Vec<_>>>())
                .ok_or_else(|| {
                    err(
                        file,
                        format!("{at}.shape: not a list of sizes (weight {name:?})"),
                    )
                })?;
            let dtype = w
                .get("dtype")
                .and_then(JsonRef::as_str)
                .unwrap_or("float32");
            out.push(StoredWeight::new("", name, shape, dtype));
        }
    }
    Ok(StoredWeights::new(WeightLayout::Tfjs, out))
}
