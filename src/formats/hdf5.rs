//! HDF5 files (feature `hdf5`), read with the pure-Rust `hdf5-pure`
//! crate (no libhdf5): a legacy `.h5` model (`model.save("model.h5")`,
//! Keras 2 and Keras 3: the root's `model_config` attribute and the
//! `model_weights` group) and a `.keras` archive's `model.weights.h5`.
//! Only metadata is read: attributes, dataset shapes and dtypes, never the
//! weight values.
//!
//! Bounds: at most [`MAX_OBJECTS`] groups and datasets are visited and
//! groups nest at most [`MAX_DEPTH`] deep, so a file whose groups link to
//! themselves ends in an error, not a loop.

use hdf5_pure::{AttrValue, Datatype, File, Group};

use super::weights::{StoredWeight, StoredWeights, WeightLayout};
use super::{LoadedModel, SavedFormat, err};
use crate::config::Registry;
use crate::error::{Error, Result};

/// How many groups and datasets one file may make the reader visit.
const MAX_OBJECTS: usize = 200_000;
/// How deeply groups may nest below `layers/` in `model.weights.h5`.
const MAX_DEPTH: usize = 64;
/// How many `layer_names0`, `layer_names1`, … chunks are read at most.
const MAX_CHUNKS: usize = 100_000;

fn h5(file: &str, what: &str, e: &hdf5_pure::Error) -> Error {
    err(file, format!("HDF5: {what}: {e}"))
}

/// Counts visited objects against [`MAX_OBJECTS`].
struct Budget(usize);

impl Budget {
    fn spend(&mut self, n: usize, file: &str) -> Result<()> {
        self.0 = self.0.checked_sub(n).ok_or_else(|| {
            err(
                file,
                format!("HDF5: more than {MAX_OBJECTS} groups and datasets; not a Keras file"),
            )
        })?;
        Ok(())
    }
}

fn open(bytes: Vec<u8>, file: &str) -> Result<File> {
    File::from_bytes(bytes).map_err(|e| h5(file, "not a readable HDF5 file", &e))
}

/// A scalar string attribute's text.
fn text(v: &AttrValue) -> Option<&str> {
    match v {
        AttrValue::String(s)
        | AttrValue::AsciiString(s)
        | AttrValue::VarLenString(s)
        | AttrValue::VarLenAsciiString(s)
        | AttrValue::StringSized { value: s, .. }
        | AttrValue::AsciiStringSized { value: s, .. } => Some(s),
        _ => None,
    }
}

/// A list-of-strings attribute (`layer_names`, `weight_names`): strings,
/// or an empty numeric list (what h5py stores for `[]`).
fn strings(v: &AttrValue) -> Option<Vec<String>> {
    Some(match v {
        AttrValue::StringArray(a)
        | AttrValue::AsciiStringArray(a)
        | AttrValue::VarLenStringArray(a)
        | AttrValue::VarLenAsciiStringArray(a)
        | AttrValue::VarLenAsciiCharArray(a)
        | AttrValue::StringArraySized { values: a, .. }
        | AttrValue::AsciiStringArraySized { values: a, .. } => a.clone(),
        AttrValue::F64Array(a) if a.is_empty() => Vec::new(),
        AttrValue::F32Array(a) if a.is_empty() => Vec::new(),
        AttrValue::I64Array(a) if a.is_empty() => Vec::new(),
        AttrValue::I32Array(a) if a.is_empty() => Vec::new(),
        _ => text(v).map(|s| vec![s.to_owned()])?,
    })
}

/// What an attribute value is, for errors.
fn kind(v: &AttrValue) -> &'static str {
    match v {
        AttrValue::F32(_) | AttrValue::F64(_) => "a number",
        AttrValue::I8(_)
        | AttrValue::I16(_)
        | AttrValue::I32(_)
        | AttrValue::I64(_)
        | AttrValue::U8(_)
        | AttrValue::U16(_)
        | AttrValue::U32(_)
        | AttrValue::U64(_) => "an integer",
        _ if text(v).is_some() => "a string",
        AttrValue::F32Array(_)
        | AttrValue::F64Array(_)
        | AttrValue::I8Array(_)
        | AttrValue::I16Array(_)
        | AttrValue::I32Array(_)
        | AttrValue::I64Array(_)
        | AttrValue::U8Array(_)
        | AttrValue::U16Array(_)
        | AttrValue::U32Array(_)
        | AttrValue::U64Array(_) => "a list of numbers",
        _ => "a list of strings",
    }
}

/// Keras's `load_attributes_from_hdf5_group`: the attribute `name`, or
/// the chunks `name0`, `name1`, … Keras splits a long list into (HDF5
/// attributes are limited to 64 KB).
fn split_attr(
    attrs: &std::collections::HashMap<String, AttrValue>,
    name: &str,
    file: &str,
    at: &str,
) -> Result<Vec<String>> {
    let bad = |v: &AttrValue, key: &str| {
        err(
            file,
            format!(
                "{at}: attribute `{key}` is {}, not a list of names",
                kind(v)
            ),
        )
    };
    if let Some(v) = attrs.get(name) {
        return strings(v).ok_or_else(|| bad(v, name));
    }
    let mut out = Vec::new();
    for i in 0..MAX_CHUNKS {
        let key = format!("{name}{i}");
        let Some(v) = attrs.get(&key) else { break };
        out.extend(strings(v).ok_or_else(|| bad(v, &key))?);
    }
    Ok(out)
}

/// Keras's spelling of a stored variable's dtype.
fn dtype_name(dt: &Datatype) -> &'static str {
    match dt {
        Datatype::FloatingPoint { size: 2, .. } => "float16",
        Datatype::FloatingPoint { size: 4, .. } => "float32",
        Datatype::FloatingPoint { size: 8, .. } => "float64",
        Datatype::FixedPoint { size, layout, .. } => match (size, layout.signed) {
            (1, true) => "int8",
            (2, true) => "int16",
            (4, true) => "int32",
            (8, true) => "int64",
            (1, false) => "uint8",
            (2, false) => "uint16",
            (4, false) => "uint32",
            (8, false) => "uint64",
            _ => "unknown",
        },
        // h5py stores numpy's bool as an enum of FALSE and TRUE.
        Datatype::Enumeration { members, .. }
            if members.len() == 2 && members.iter().any(|m| m.name == "TRUE") =>
        {
            "bool"
        }
        Datatype::String { .. }
        | Datatype::VariableLength {
            is_string: true, ..
        } => "string",
        _ => "unknown",
    }
}

/// A dataset's shape and dtype (Keras marks bfloat16 variables, which
/// HDF5 has no type for, with a `dtype` attribute).
fn dataset(group: &Group, name: &str, file: &str, at: &str) -> Result<Option<(Vec<u64>, String)>> {
    let Ok(ds) = group.dataset(name) else {
        return Ok(None);
    };
    let what = format!("{at}/{name}");
    let shape = ds.shape().map_err(|e| h5(file, &what, &e))?;
    let dt = ds.datatype().map_err(|e| h5(file, &what, &e))?;
    let mut dtype = dtype_name(&dt).to_owned();
    if !matches!(
        dt,
        Datatype::FloatingPoint { size: 4 | 8, .. } | Datatype::FixedPoint { .. }
    ) && let Some(name) = ds
        .attrs()
        .ok()
        .and_then(|a| a.get("dtype").and_then(text).map(str::to_owned))
    {
        dtype = name;
    }
    Ok(Some((shape, dtype)))
}

/// Reads a legacy HDF5 model file: the model of its `model_config`
/// attribute and the variables of `model_weights` (none when it is missing).
pub(crate) fn read_legacy(
    bytes: std::borrow::Cow<'_, [u8]>,
    registry: &Registry,
    file: &str,
) -> Result<LoadedModel> {
    let f = open(bytes.into_owned(), file)?;
    let root = f.root();
    let attrs = root.attrs().map_err(|e| h5(file, "root attributes", &e))?;
    let Some(config) = attrs.get("model_config") else {
        let groups = root.groups().unwrap_or_default();
        let weights_only = attrs.contains_key("layer_names")
            || attrs.contains_key("layer_names0")
            || groups.iter().any(|g| g == "layers" || g == "vars");
        if weights_only {
            return Err(err(
                file,
                "a weights-only HDF5 file (written by `save_weights`): it holds no model \
                 architecture (no `model_config` attribute); load the model it belongs to instead",
            ));
        }
        let typed = root
            .attr_datatypes()
            .ok()
            .is_some_and(|t| t.contains_key("model_config"));
        return Err(err(
            file,
            if typed {
                "HDF5 attribute `model_config` has a type that is not a string"
            } else {
                "HDF5 file without a `model_config` attribute: not a Keras model file"
            },
        ));
    };
    let config = text(config)
        .ok_or_else(|| {
            err(
                file,
                format!(
                    "HDF5 attribute `model_config` is {}, not a JSON string",
                    kind(config)
                ),
            )
        })?
        .to_owned();
    let keras_version = attrs.get("keras_version").and_then(text).map(str::to_owned);
    let mut weights = Vec::new();
    if let Ok(mw) = root.group("model_weights") {
        let mw_attrs = mw
            .attrs()
            .map_err(|e| h5(file, "model_weights attributes", &e))?;
        let mut groups = split_attr(&mw_attrs, "layer_names", file, "model_weights")?;
        if mw.group("top_level_model_weights").is_ok() {
            groups.push("top_level_model_weights".to_owned());
        }
        let mut budget = Budget(MAX_OBJECTS);
        for g in &groups {
            budget.spend(1, file)?;
            let at = format!("model_weights/{g}");
            let Ok(layer) = mw.group(g) else { continue };
            let layer_attrs = layer.attrs().map_err(|e| h5(file, &at, &e))?;
            for name in split_attr(&layer_attrs, "weight_names", file, &at)? {
                budget.spend(1, file)?;
                if let Some((shape, dtype)) = dataset(&layer, &name, file, &at)? {
                    weights.push(StoredWeight::new(g.clone(), name, shape, dtype));
                }
            }
        }
    }
    // The file's bytes are freed before the model is built.
    drop(f);
    Ok(LoadedModel {
        model: crate::config::model_from_json_with(&config, registry)?,
        format: SavedFormat::LegacyHdf5,
        stored_weights: Some(StoredWeights::new(WeightLayout::LegacyHdf5, weights)),
        keras_version,
    })
}

/// Reads the variables of a `.keras` archive's `model.weights.h5`: every
/// dataset under `layers/`, grouped by the top-level entry, in name order
/// (as h5py lists them).
pub(crate) fn read_keras_v3_weights(bytes: Vec<u8>, file: &str) -> Result<StoredWeights> {
    let f = open(bytes, file)?;
    let mut weights = Vec::new();
    if let Ok(layers) = f.root().group("layers") {
        let mut budget = Budget(MAX_OBJECTS);
        let mut tops = layers.groups().map_err(|e| h5(file, "layers", &e))?;
        tops.sort();
        for top in tops {
            budget.spend(1, file)?;
            let group = format!("layers/{top}");
            let g = layers.group(&top).map_err(|e| h5(file, &group, &e))?;
            collect(&g, &group, &group, 0, &mut budget, file, &mut weights)?;
        }
    }
    Ok(StoredWeights::new(WeightLayout::KerasV3, weights))
}

/// Every dataset below `g` (at path `at`), depth first in name order.
fn collect(
    g: &Group,
    top: &str,
    at: &str,
    depth: usize,
    budget: &mut Budget,
    file: &str,
    out: &mut Vec<StoredWeight>,
) -> Result<()> {
    if depth >= MAX_DEPTH {
        return Err(err(
            file,
            format!(
                "HDF5: {top}: groups nest more than {MAX_DEPTH} deep (a group linked into itself?)"
            ),
        ));
    }
    let mut groups = g.groups().map_err(|e| h5(file, at, &e))?;
    let datasets = g.datasets().map_err(|e| h5(file, at, &e))?;
    let mut members: Vec<(String, bool)> = datasets.into_iter().map(|d| (d, false)).collect();
    members.extend(groups.drain(..).map(|n| (n, true)));
    members.sort();
    // Listing a group reads each member's header: charged up front, so
    // that groups linked into themselves stop within the budget.
    budget.spend(members.len(), file)?;
    // bounded: depth >= MAX_DEPTH is rejected above
    let deeper = depth.saturating_add(1);
    for (name, is_group) in members {
        let path = format!("{at}/{name}");
        if is_group {
            let child = g.group(&name).map_err(|e| h5(file, &path, &e))?;
            collect(&child, top, &path, deeper, budget, file, out)?;
        } else if let Some((shape, dtype)) = dataset(g, &name, file, at)? {
            out.push(StoredWeight::new(top, path, shape, dtype));
        }
    }
    Ok(())
}
