//! The weights a file stores (shapes and dtypes, never values) and their
//! check against the weights the model computes.

use std::fmt;

use crate::args::PyTuple;
use crate::model::Model;
use crate::naming::to_snake_case;
use crate::summary::SummaryRow;
use crate::weight::DType;

/// How a file lays out its stored variables, which decides how they are
/// matched to the model's layers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum WeightLayout {
    /// A legacy HDF5 file's `model_weights` group: one group per layer
    /// (named after it, listed in `layer_names`), each listing its
    /// variables in `weight_names` (`dense/kernel`, tf.keras 2:
    /// `dense/kernel:0`).
    LegacyHdf5,
    /// A `.keras` archive's `model.weights.h5`: `layers/<class>/vars/<i>`,
    /// where `<class>` is the snake-cased class name made unique in
    /// `model.layers` order (`dense`, `dense_1`), with nested layers'
    /// variables below it (`layers/lstm/cell/vars/0`).
    KerasV3,
    /// A TensorFlow.js `weightsManifest`: one flat list of variables named
    /// as tf.keras 2 names them, without `:0` (`dense/kernel`).
    Tfjs,
}

impl WeightLayout {
    /// A short name for the layout: `legacy_h5`, `keras_v3` or `tfjs`.
    ///
    /// ```
    /// assert_eq!(kerasinfo::formats::WeightLayout::Tfjs.name(), "tfjs");
    /// ```
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            WeightLayout::LegacyHdf5 => "legacy_h5",
            WeightLayout::KerasV3 => "keras_v3",
            WeightLayout::Tfjs => "tfjs",
        }
    }
}

/// One variable a file stores: where, its shape and its dtype.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StoredWeight {
    /// The group holding it: the layer's group in a legacy HDF5 file
    /// (`d1`, or `top_level_model_weights`), the top-level entry in a
    /// `.keras` archive (`layers/dense_1`); empty in a TF.js manifest.
    pub group: String,
    /// Its name in the file: the `weight_names` entry (legacy HDF5), the
    /// dataset path (`.keras`), the manifest name (TF.js).
    pub name: String,
    /// Its dimensions.
    pub shape: Vec<u64>,
    /// Its dtype as Keras spells it (`float32`, `bfloat16`, `int64`,
    /// `bool`); `unknown` for an HDF5 type with no Keras name.
    pub dtype: String,
}

impl StoredWeight {
    /// A stored variable (for building a [`StoredWeights`] by hand, e.g.
    /// to check a model against a listing made elsewhere).
    ///
    /// ```
    /// use kerasinfo::formats::StoredWeight;
    /// let w = StoredWeight::new("d1", "d1/kernel", [4, 3], "float32");
    /// assert_eq!(w.shape, vec![4, 3]);
    /// ```
    pub fn new(
        group: impl Into<String>,
        name: impl Into<String>,
        shape: impl IntoIterator<Item = u64>,
        dtype: impl Into<String>,
    ) -> Self {
        StoredWeight {
            group: group.into(),
            name: name.into(),
            shape: shape.into_iter().collect(),
            dtype: dtype.into(),
        }
    }
}

/// The variables a file stores, in the file's order.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StoredWeights {
    /// How the file lays them out.
    pub layout: WeightLayout,
    /// Every stored variable of the model's layers (a `.keras` archive's
    /// optimizer state is left out).
    pub weights: Vec<StoredWeight>,
}

impl StoredWeights {
    /// A listing of stored variables.
    ///
    /// ```
    /// use kerasinfo::formats::{StoredWeight, StoredWeights, WeightLayout};
    /// let s = StoredWeights::new(WeightLayout::Tfjs, vec![StoredWeight::new("", "d/bias", [3], "float32")]);
    /// assert_eq!(s.weights.len(), 1);
    /// ```
    #[must_use]
    pub fn new(layout: WeightLayout, weights: Vec<StoredWeight>) -> Self {
        StoredWeights { layout, weights }
    }
}

/// One weight of the model, and the stored variable paired with it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CheckedWeight {
    /// The layer (a row of the summary: a nested model is one layer).
    pub layer: String,
    /// The layer's class.
    pub class_name: String,
    /// The weight's path (`d1/kernel`).
    pub path: String,
    /// The shape the model computes.
    pub shape: Vec<u64>,
    /// The dtype the model computes.
    pub dtype: DType,
    /// The stored variable paired with it; `None` when the file has none.
    pub stored: Option<StoredWeight>,
}

impl CheckedWeight {
    /// Whether the file stores this weight with the shape the model
    /// computes.
    ///
    /// ```
    /// use kerasinfo::formats::{check_weights, StoredWeight, StoredWeights, WeightLayout};
    /// let m = kerasinfo::config::model_from_json(r#"{"class_name": "Sequential", "config": {"name": "s", "layers": [
    ///     {"class_name": "InputLayer", "config": {"batch_shape": [null, 4]}},
    ///     {"class_name": "Dense", "config": {"name": "d", "units": 3}}]}}"#)?;
    /// let stored = StoredWeights::new(WeightLayout::LegacyHdf5, vec![
    ///     StoredWeight::new("d", "d/kernel", [4, 3], "float32"),
    ///     StoredWeight::new("d", "d/bias", [2], "float32"),
    /// ]);
    /// let check = check_weights(&m, &stored);
    /// assert!(check.weights[0].matches());
    /// assert!(!check.weights[1].matches());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[must_use]
    pub fn matches(&self) -> bool {
        self.stored.as_ref().is_some_and(|s| s.shape == self.shape)
    }
}

/// A stored variable paired with no weight of the model.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExtraWeight {
    /// The model layer the file stores it under, if any.
    pub layer: Option<String>,
    /// The variable.
    pub stored: StoredWeight,
}

/// The result of [`check_weights`]: every weight of the model with the
/// stored variable paired with it, and the stored variables left over.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WeightCheck {
    /// How the file lays out its variables.
    pub layout: WeightLayout,
    /// Every weight of the model, in summary order.
    pub weights: Vec<CheckedWeight>,
    /// Stored variables paired with no weight of the model.
    pub extra: Vec<ExtraWeight>,
}

impl WeightCheck {
    /// Whether every weight is stored with its shape and nothing else is
    /// stored.
    #[must_use]
    pub fn is_ok(&self) -> bool {
        self.extra.is_empty() && self.weights.iter().all(CheckedWeight::matches)
    }

    /// One line per mismatch: a weight missing from the file, stored with
    /// another shape, or a stored variable the model has no weight for.
    ///
    /// ```
    /// use kerasinfo::formats::{check_weights, StoredWeight, StoredWeights, WeightLayout};
    /// let m = kerasinfo::config::model_from_json(r#"{"class_name": "Sequential", "config": {"name": "s", "layers": [
    ///     {"class_name": "InputLayer", "config": {"batch_shape": [null, 4]}},
    ///     {"class_name": "Dense", "config": {"name": "d", "units": 3}}]}}"#)?;
    /// let stored = StoredWeights::new(WeightLayout::LegacyHdf5, vec![
    ///     StoredWeight::new("d", "d/kernel", [4, 2], "float32"),
    ///     StoredWeight::new("d_9", "d_9/gamma", [7], "float32"),
    /// ]);
    /// assert_eq!(check_weights(&m, &stored).mismatches(), [
    ///     "layer \"d\" (Dense): weight s/d/kernel has shape (4, 3) in the model but (4, 2) in the file (d/kernel, float32)",
    ///     "layer \"d\" (Dense): weight s/d/bias (shape (3,)) is missing from the file",
    ///     "the file stores d_9/gamma (shape (7,), float32) for no layer of the model",
    /// ]);
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[must_use]
    pub fn mismatches(&self) -> Vec<String> {
        let mut out = Vec::new();
        for w in &self.weights {
            let layer = format!("layer \"{}\" ({})", w.layer, w.class_name);
            match &w.stored {
                None => out.push(format!(
                    "{layer}: weight {} (shape {}) is missing from the file",
                    w.path,
                    PyTuple(&w.shape)
                )),
                Some(s) if s.shape != w.shape => out.push(format!(
                    "{layer}: weight {} has shape {} in the model but {} in the file ({}, {})",
                    w.path,
                    PyTuple(&w.shape),
                    PyTuple(&s.shape),
                    s.name,
                    s.dtype
                )),
                Some(_) => {}
            }
        }
        for e in &self.extra {
            let what = format!(
                "{} (shape {}, {})",
                e.stored.name,
                PyTuple(&e.stored.shape),
                e.stored.dtype
            );
            out.push(match &e.layer {
                Some(l) => {
                    let class = match self.weights.iter().find(|w| &w.layer == l) {
                        Some(w) if !w.class_name.is_empty() => format!(" ({})", w.class_name),
                        _ => String::new(),
                    };
                    format!("layer \"{l}\"{class}: the file stores {what}, which the model has no weight for")
                }
                None => format!("the file stores {what} for no layer of the model"),
            });
        }
        out
    }

    /// Adds the stored weights to a summary's JSON
    /// ([`crate::render::json::to_value`]): each weight of each layer gains
    /// `stored_shape`, `stored_dtype` and `stored_name` (`null` when the
    /// file does not store it), and the summary gains `stored_weights`:
    /// `{"layout", "count", "mismatches"}` (the lines of
    /// [`mismatches`](Self::mismatches)).
    ///
    /// ```
    /// use kerasinfo::formats::{check_weights, StoredWeight, StoredWeights, WeightLayout};
    /// let m = kerasinfo::config::model_from_json(r#"{"class_name": "Sequential", "config": {"name": "s", "layers": [
    ///     {"class_name": "InputLayer", "config": {"batch_shape": [null, 4]}},
    ///     {"class_name": "Dense", "config": {"name": "d", "units": 3}}]}}"#)?;
    /// let stored = StoredWeights::new(WeightLayout::Tfjs, vec![StoredWeight::new("", "d/kernel", [4, 3], "float16")]);
    /// let mut v = kerasinfo::render::json::to_value(&m.summary());
    /// check_weights(&m, &stored).add_to_json(&mut v);
    /// assert_eq!(v["layers"][0]["weights"][0]["stored_shape"], serde_json::json!([4, 3]));
    /// assert_eq!(v["layers"][0]["weights"][0]["stored_dtype"], "float16");
    /// assert!(v["layers"][0]["weights"][1]["stored_shape"].is_null());
    /// assert_eq!(v["stored_weights"]["mismatches"].as_array().unwrap().len(), 1);
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub fn add_to_json(&self, value: &mut serde_json::Value) {
        use serde_json::{Value, json};
        if let Some(layers) = value.get_mut("layers").and_then(Value::as_array_mut) {
            for layer in layers {
                let name = layer
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                let Some(ws) = layer.get_mut("weights").and_then(Value::as_array_mut) else {
                    continue;
                };
                for w in ws {
                    let path = w.get("path").and_then(Value::as_str).unwrap_or_default();
                    let stored = self.stored(&name, path);
                    if let Some(obj) = w.as_object_mut() {
                        obj.insert("stored_shape".into(), json!(stored.map(|s| &s.shape)));
                        obj.insert("stored_dtype".into(), json!(stored.map(|s| &s.dtype)));
                        obj.insert("stored_name".into(), json!(stored.map(|s| &s.name)));
                    }
                }
            }
        }
        let count = self
            .weights
            .iter()
            .filter(|w| w.stored.is_some())
            .count()
            .saturating_add(self.extra.len());
        if let Some(obj) = value.as_object_mut() {
            obj.insert(
                "stored_weights".into(),
                json!({
                    "layout": self.layout.name(),
                    "count": count,
                    "mismatches": self.mismatches(),
                }),
            );
        }
    }

    /// The stored variable paired with a layer's weight, if any.
    #[must_use]
    pub fn stored(&self, layer: &str, path: &str) -> Option<&StoredWeight> {
        self.weights
            .iter()
            .find(|w| w.layer == layer && w.path == path)
            .and_then(|w| w.stored.as_ref())
    }
}

impl fmt::Display for WeightCheck {
    /// The mismatches, one per line, or a line saying all weights match.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mismatches = self.mismatches();
        if mismatches.is_empty() {
            let mut layers: Vec<&str> = self.weights.iter().map(|w| w.layer.as_str()).collect();
            layers.dedup();
            return writeln!(
                f,
                "all {} weights of {} layers are stored with the shapes the model computes",
                self.weights.len(),
                layers.len()
            );
        }
        for m in &mismatches {
            writeln!(f, "{m}")?;
        }
        writeln!(
            f,
            "{} mismatch{} between the model and its stored weights",
            mismatches.len(),
            if mismatches.len() == 1 { "" } else { "es" }
        )
    }
}

/// A stored variable's name without tf.keras 2's `:0` output suffix.
fn plain(name: &str) -> &str {
    name.strip_suffix(":0").unwrap_or(name)
}

/// Whether a stored name names a weight path: equal, or one ends with the
/// other after a `/` (`seq/d1/kernel` and `d1/kernel`; tf.keras 2 leaves a
/// nested model's name out, Keras 3 may put a Sequential's in).
fn names_match(stored: &str, path: &str) -> bool {
    let stored = plain(stored);
    let ends_with = |long: &str, short: &str| {
        long.strip_suffix(short)
            .is_some_and(|head| head.is_empty() || head.ends_with('/'))
    };
    ends_with(stored, path) || ends_with(path, stored)
}

/// The model's layers as the check sees them: one per summary row (a
/// nested model is one row), with its weights.
struct Row<'a> {
    row: &'a SummaryRow,
    /// The `.keras` group Keras stores the layer's variables under.
    keras_v3_group: String,
}

fn rows(summary: &crate::Summary) -> Vec<Row<'_>> {
    // Keras's `_save_container_state`: the snake-cased class name, made
    // unique in `model.layers` order (`dense`, `dense_1`, ...); operations
    // (`keras.ops` calls) are not layers and are not saved.
    let mut used: Vec<(String, u64)> = Vec::new();
    summary
        .rows
        .iter()
        .filter(|r| !r.is_operation)
        .map(|row| {
            let base = to_snake_case(&row.class_name);
            let keras_v3_group = match used.iter_mut().find(|(n, _)| *n == base) {
                Some((_, count)) => {
                    *count = count.saturating_add(1);
                    format!("layers/{base}_{count}")
                }
                None => {
                    used.push((base.clone(), 0));
                    format!("layers/{base}")
                }
            };
            Row {
                row,
                keras_v3_group,
            }
        })
        .collect()
}

/// Checks the weights a file stores against the weights `model` computes:
/// each stored variable is attributed to a layer as the file's layout says
/// (its group, or for TF.js its name), then paired with that layer's
/// weights by name where the names say (legacy HDF5, TF.js), then by equal
/// shape in order, then in order. What is left is missing or extra.
///
/// ```
/// use kerasinfo::formats::{check_weights, StoredWeight, StoredWeights, WeightLayout};
/// let m = kerasinfo::config::model_from_json(r#"{"class_name": "Sequential", "config": {"name": "s", "layers": [
///     {"class_name": "InputLayer", "config": {"batch_shape": [null, 4]}},
///     {"class_name": "Dense", "config": {"name": "d", "units": 3}}]}}"#)?;
/// let stored = StoredWeights::new(WeightLayout::KerasV3, vec![
///     StoredWeight::new("layers/dense", "layers/dense/vars/0", [4, 3], "float32"),
///     StoredWeight::new("layers/dense", "layers/dense/vars/1", [3], "float32"),
/// ]);
/// let check = check_weights(&m, &stored);
/// assert!(check.is_ok());
/// // Paths carry the Sequential's name scope, as in Keras 3.
/// assert_eq!(check.stored("d", "s/d/bias").map(|s| s.name.as_str()), Some("layers/dense/vars/1"));
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[must_use]
pub fn check_weights(model: &Model, stored: &StoredWeights) -> WeightCheck {
    let summary = model.summary();
    let rows = rows(&summary);
    let mut weights: Vec<CheckedWeight> = Vec::new();
    // For each model weight, the index of its row.
    let mut row_of: Vec<usize> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        for w in r.row.weights() {
            weights.push(CheckedWeight {
                layer: r.row.name.to_string(),
                class_name: r.row.class_name.to_string(),
                path: w.path.clone(),
                shape: w.shape.to_vec(),
                dtype: w.dtype,
                stored: None,
            });
            row_of.push(i);
        }
    }
    // Each stored variable: the row it belongs to (None: no layer), and
    // whether a weight took it.
    struct Slot {
        owner: Option<usize>,
        taken: bool,
    }
    let mut slots: Vec<Slot> = stored
        .weights
        .iter()
        .map(|s| Slot {
            owner: match stored.layout {
                WeightLayout::LegacyHdf5 => rows.iter().position(|r| r.row.name == s.group),
                WeightLayout::KerasV3 => rows.iter().position(|r| r.keras_v3_group == s.group),
                WeightLayout::Tfjs => None,
            },
            taken: false,
        })
        .collect();
    let by_name = matches!(stored.layout, WeightLayout::LegacyHdf5 | WeightLayout::Tfjs);
    // Pass 1, by name (the same name first, then one that ends the other):
    // within the owning layer, or (TF.js) anywhere; pass 2, by equal shape
    // in order, and pass 3, in order, within the owning layer.
    #[derive(PartialEq)]
    enum Pass {
        Name,
        NameEnd,
        Shape,
        Order,
    }
    let tfjs = stored.layout == WeightLayout::Tfjs;
    for pass in [Pass::Name, Pass::NameEnd, Pass::Shape, Pass::Order] {
        let named = matches!(pass, Pass::Name | Pass::NameEnd);
        if named && !by_name {
            continue;
        }
        if pass == Pass::Shape && tfjs {
            // TF.js variables no name matched: the layer named by their
            // first component, if any.
            for (s, slot) in stored.weights.iter().zip(&mut slots) {
                if !slot.taken {
                    let first = plain(&s.name).split('/').next().unwrap_or_default();
                    slot.owner = rows.iter().position(|r| r.row.name == first);
                }
            }
        }
        for (w, &row) in weights.iter_mut().zip(&row_of) {
            if w.stored.is_some() {
                continue;
            }
            let found = stored.weights.iter().zip(&mut slots).find(|(s, slot)| {
                !slot.taken
                    && ((named && tfjs) || slot.owner == Some(row))
                    && match pass {
                        Pass::Name => plain(&s.name) == w.path,
                        Pass::NameEnd => names_match(&s.name, &w.path),
                        Pass::Shape => s.shape == w.shape,
                        Pass::Order => true,
                    }
            });
            if let Some((s, slot)) = found {
                slot.taken = true;
                slot.owner = Some(row);
                w.stored = Some(s.clone());
            }
        }
    }
    let extra = stored
        .weights
        .iter()
        .zip(&slots)
        .filter(|(_, slot)| !slot.taken)
        .map(|(s, slot)| ExtraWeight {
            layer: slot
                .owner
                .and_then(|r| rows.get(r))
                .map(|r| r.row.name.to_string()),
            stored: s.clone(),
        })
        .collect();
    WeightCheck {
        layout: stored.layout,
        weights,
        extra,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_on_path_boundaries() {
        assert!(names_match("seq/d1/kernel", "d1/kernel"));
        assert!(names_match("d1/kernel:0", "d1/kernel"));
        assert!(names_match("kernel", "d1/kernel"));
        assert!(!names_match("xd1/kernel", "d1/kernel"));
        assert!(!names_match("d1/kernel", "d1/bias"));
    }
}
