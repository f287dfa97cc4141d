//! Writing models as Keras 3 config JSON (the reverse of the importer):
//! what `keras.models.model_from_json` loads into the same model.
//!
//! ```
//! use kerasinfo::prelude::*;
//! # fn main() -> kerasinfo::Result<()> {
//! let model = Sequential::new().name("s").add(Input::new([4])).add(Dense::new(3)).build()?;
//! let json = kerasinfo::config::model_to_json(&model)?;
//! let back = kerasinfo::config::model_from_json(&json)?;
//! assert_eq!(back.summary().total_params, 15);
//! # Ok(()) }
//! ```

// No panics: every failure is a `Result` (tests exempt).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented,
        clippy::string_slice
    )
)]

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value, json};

use crate::error::{Error, Result};
use crate::layer::Layer;
use crate::model::{LayerHandle, Model, ModelKind, Tensor};
use crate::shape::{Dim, Shape};
use crate::weight::DType;

/// Classes whose constructor takes no `trainable` (their `get_config`
/// leaves it out).
const NO_TRAINABLE_KEY: [&str; 3] = ["SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D"];

/// Classes called on a list of tensors (even a list of one).
const LIST_INPUT: [&str; 10] = [
    "Attention",
    "AdditiveAttention",
    "Add",
    "Subtract",
    "Multiply",
    "Average",
    "Maximum",
    "Minimum",
    "Concatenate",
    "Dot",
];

/// Classes holding inner layers whose trainable flag a config cannot carry.
const HOLDS_LAYERS: [&str; 5] = [
    "MultiHeadAttention",
    "GroupedQueryAttention",
    "Bidirectional",
    "TimeDistributed",
    "SpectralNormalization",
];

/// Classes called on several positional tensors (`query, value, key`).
const POSITIONAL_INPUTS: [&str; 2] = ["MultiHeadAttention", "GroupedQueryAttention"];

/// The name Keras's config uses for a class, where it differs from the
/// class name its summary prints (`keras.layers.GroupQueryAttention` is the
/// class `GroupedQueryAttention`).
fn config_class_name(class: &str) -> &str {
    match class {
        "GroupedQueryAttention" => "GroupQueryAttention",
        other => other,
    }
}

/// A JSON object of config keys, built by layers' `keras_config`.
pub(crate) type Obj = Map<String, Value>;

/// `[a, b, ...]` of an int tuple.
pub(crate) fn ints<const N: usize>(v: [i64; N]) -> Value {
    Value::Array(v.iter().map(|x| json!(x)).collect())
}

/// A shape as Keras writes it (`null` for unknown dimensions).
pub(crate) fn shape_value(s: &Shape) -> Value {
    Value::Array(
        s.iter()
            .map(|d| match d {
                Dim::Known(n) => json!(n),
                Dim::Unknown => Value::Null,
            })
            .collect(),
    )
}

/// An optional activation name, `"linear"` for none.
pub(crate) fn activation(a: Option<&String>) -> Value {
    json!(a.map_or("linear", String::as_str))
}

/// Keras's serialized initializer object.
pub(crate) fn initializer(class: &str, config: Value) -> Value {
    json!({"module": "keras.initializers", "class_name": class, "config": config, "registered_name": null})
}

/// `GlorotUniform()`.
pub(crate) fn glorot() -> Value {
    initializer(
        "GlorotUniform",
        json!({"seed": null, "input_axes": null, "output_axes": null}),
    )
}

/// `Zeros()`.
pub(crate) fn zeros() -> Value {
    initializer("Zeros", json!({}))
}

/// `Ones()`.
pub(crate) fn ones() -> Value {
    initializer("Ones", json!({}))
}

/// Builds an object from key/value pairs.
pub(crate) fn obj<const N: usize>(pairs: [(&str, Value); N]) -> Obj {
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

fn dtype_policy(dtype: DType) -> Value {
    json!({"module": "keras", "class_name": "DTypePolicy", "config": {"name": dtype.name()}, "registered_name": null})
}

fn unsupported(handle: &LayerHandle) -> Error {
    Error::Layer {
        name: handle.name().to_owned(),
        class: handle.class_name().to_owned(),
        source: Box::new(crate::error::LayerError::Other(
            "this layer cannot be written as a Keras config (no `keras_config`)".into(),
        )),
    }
}

/// A layer held by a wrapper (`Bidirectional`'s `layer`), serialized with
/// its own name, or `None` when it cannot be written.
pub(crate) fn layer_value<L: Layer + ?Sized>(layer: &L) -> Option<Value> {
    if layer.nested_model().is_some() {
        return None;
    }
    let mut config = Map::new();
    config.insert(
        "name".into(),
        json!(layer.config().name.as_deref().unwrap_or_default()),
    );
    config.insert("trainable".into(), json!(layer.config().trainable));
    config.insert("dtype".into(), dtype_policy(layer.config().dtype));
    config.extend(layer.keras_config()?);
    Some(
        json!({"module": "keras.layers", "class_name": config_class_name(layer.class_name()),
        "config": config, "registered_name": null}),
    )
}

/// The model when `layer` is a nested model itself (not a wrapper such as
/// `TimeDistributed`, which reports the model it holds).
fn as_model(layer: &dyn Layer) -> Option<&Model> {
    layer
        .nested_model()
        .filter(|_| matches!(layer.class_name(), "Sequential" | "Functional"))
}

/// The serialized layer object (`module`, `class_name`, `config`,
/// `registered_name`), a nested model included.
fn layer_object(handle: &LayerHandle, frozen: bool) -> Result<Map<String, Value>> {
    let trainable = handle.is_trainable() && !frozen;
    let layer: &dyn Layer = handle.layer();
    if let Some(inner) = as_model(layer) {
        let mut o = model_object(inner, !trainable)?;
        if let Some(Value::Object(c)) = o.get_mut("config") {
            c.insert("name".into(), json!(handle.name()));
            c.insert("trainable".into(), json!(trainable));
        }
        return Ok(o);
    }
    let specific = layer.keras_config().ok_or_else(|| unsupported(handle))?;
    let frozen_inside = frozen || layer.config().trainable_reaches_inner;
    if !trainable && frozen_inside && HOLDS_LAYERS.contains(&handle.class_name()) {
        // Keras's config only holds `trainable=False` for the constructor,
        // which leaves the inner layers trainable: it cannot say that they
        // are frozen too (Keras's own round trip loses it).
        return Err(Error::Layer {
            name: handle.name().to_owned(),
            class: handle.class_name().to_owned(),
            source: Box::new(crate::error::LayerError::Other(
                "a wrapper frozen after construction (its inner layers frozen too) cannot be written as a Keras config".into(),
            )),
        });
    }
    let mut config = Map::new();
    if layer.is_input() {
        config.extend(specific);
        config.insert("name".into(), json!(handle.name()));
        config.insert("optional".into(), json!(false));
    } else {
        config.insert("name".into(), json!(handle.name()));
        if !NO_TRAINABLE_KEY.contains(&handle.class_name()) {
            config.insert("trainable".into(), json!(trainable));
        }
        config.insert("dtype".into(), dtype_policy(layer.config().dtype));
        config.extend(specific);
    }
    let mut o = Map::new();
    o.insert("module".into(), json!("keras.layers"));
    o.insert(
        "class_name".into(),
        json!(config_class_name(handle.class_name())),
    );
    o.insert("config".into(), Value::Object(config));
    o.insert("registered_name".into(), Value::Null);
    Ok(o)
}

/// Keras's node reindexing: for each layer, the model's nodes of that layer
/// in call order get indices 0, 1, ...
struct Reindex(HashMap<u64, usize>, HashSet<u64>);

impl Reindex {
    fn new(model: &Model) -> Self {
        let mut per_layer: HashMap<u64, Vec<(usize, u64)>> = HashMap::new();
        let mut functional_layers = HashSet::new();
        let mut record = |t: &Tensor| {
            per_layer
                .entry(t.layer().id())
                .or_default()
                .push((t.node.node_index, t.node.id));
        };
        for node in model.graph_nodes() {
            for t in &node.inputs {
                record(t);
            }
        }
        for t in model.inputs().iter().chain(model.outputs()) {
            record(t);
        }
        for node in model.graph_nodes() {
            per_layer
                .entry(node.layer.id())
                .or_default()
                .push((node.node_index, node.id));
            let functional =
                as_model(node.layer.layer()).is_some_and(|m| m.kind() == ModelKind::Functional);
            if functional {
                functional_layers.insert(node.layer.id());
            }
        }
        let mut map = HashMap::new();
        for mut nodes in per_layer.into_values() {
            nodes.sort_unstable();
            nodes.dedup();
            for (i, (_, id)) in nodes.into_iter().enumerate() {
                map.insert(id, i);
            }
        }
        Reindex(map, functional_layers)
    }

    /// `[layer, node, tensor]`; `endpoint` adds Keras's offset of 1 for a
    /// nested Functional's node in `input_layers`/`output_layers` (its
    /// `node_reindexing_map`; the inbound nodes' tensors do not have it).
    fn history(&self, t: &Tensor, endpoint: bool) -> Value {
        let mut index = self.0.get(&t.node.id).copied().unwrap_or(0);
        if endpoint && self.1.contains(&t.layer().id()) {
            // A node index is below the node count: `+ 1` never saturates.
            index = index.saturating_add(1);
        }
        json!([t.layer().name(), index, t.index])
    }

    fn tensor(&self, t: &Tensor) -> Value {
        json!({"class_name": "__keras_tensor__", "config": {
            "shape": shape_value(t.shape()),
            "dtype": "float32",
            "keras_history": self.history(t, false),
        }})
    }
}

fn functional_config(model: &Model, frozen: bool) -> Result<Map<String, Value>> {
    let reindex = Reindex::new(model);
    let mut layers = Vec::new();
    for op in model.operations() {
        let mut entry = layer_object(op, frozen)?;
        let mut nodes = Vec::new();
        let mut own: Vec<_> = model
            .graph_nodes()
            .iter()
            .filter(|n| n.layer.same(op) && !n.inputs.is_empty())
            .collect();
        own.sort_by_key(|n| n.node_index);
        for node in own {
            let class = op.class_name();
            let list = LIST_INPUT.contains(&class);
            let positional = POSITIONAL_INPUTS.contains(&class);
            let args = match node.inputs.as_slice() {
                [one] if !list => json!([reindex.tensor(one)]),
                many if positional => {
                    Value::Array(many.iter().map(|t| reindex.tensor(t)).collect())
                }
                many => json!([many.iter().map(|t| reindex.tensor(t)).collect::<Vec<_>>()]),
            };
            nodes.push(json!({"args": args, "kwargs": {}}));
        }
        entry.insert("name".into(), json!(op.name()));
        entry.insert("inbound_nodes".into(), Value::Array(nodes));
        layers.push(Value::Object(entry));
    }
    let ends = |ts: &[Tensor]| -> Value {
        Value::Array(ts.iter().map(|t| reindex.history(t, true)).collect())
    };
    let mut c = Map::new();
    c.insert("name".into(), json!(model.name()));
    c.insert("trainable".into(), json!(!frozen));
    c.insert("layers".into(), Value::Array(layers));
    c.insert("input_layers".into(), ends(model.inputs()));
    c.insert("output_layers".into(), ends(model.outputs()));
    Ok(c)
}

fn sequential_config(model: &Model, frozen: bool) -> Result<Map<String, Value>> {
    let mut layers = Vec::new();
    for op in model.operations() {
        layers.push(Value::Object(layer_object(op, frozen)?));
    }
    let mut c = Map::new();
    c.insert("name".into(), json!(model.name()));
    c.insert("trainable".into(), json!(!frozen));
    c.insert("dtype".into(), dtype_policy(DType::Float32));
    c.insert("layers".into(), Value::Array(layers));
    Ok(c)
}

fn model_object(model: &Model, frozen: bool) -> Result<Map<String, Value>> {
    let frozen = frozen || !model.is_trainable();
    let (module, config) = match model.kind() {
        ModelKind::Functional => (
            "keras.src.models.functional",
            functional_config(model, frozen)?,
        ),
        ModelKind::Sequential => ("keras", sequential_config(model, frozen)?),
    };
    let mut o = Map::new();
    o.insert("module".into(), json!(module));
    o.insert("class_name".into(), json!(model.kind().class_name()));
    o.insert("config".into(), Value::Object(config));
    o.insert("registered_name".into(), Value::Null);
    Ok(o)
}

/// The model as a Keras 3 config value (what `model.get_config()`
/// serializes to), or an error naming the first layer that cannot be
/// written.
pub fn model_to_value(model: &Model) -> Result<Value> {
    Ok(Value::Object(model_object(model, false)?))
}

/// The model as Keras 3 config JSON, which `keras.models.model_from_json`
/// loads (and [`model_from_json`](super::model_from_json) reads back).
///
/// A layer that cannot be written (no [`Layer::keras_config`], e.g. a
/// `Lambda`) makes it an [`Error::Layer`] naming the layer and its class.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// kerasinfo::naming::clear_session();
/// let x = Input::new([8]).name("x").tensor()?;
/// let a = Dense::new(4).activation("relu").call(&x)?;
/// let y = Add::new().call([&a, &a])?;
/// let model = Functional::new(&x, &y).name("net").build()?;
/// let json = kerasinfo::config::model_to_json(&model)?;
/// assert!(json.contains("\"keras_history\""));
/// let back = kerasinfo::config::model_from_json(&json)?;
/// assert_eq!(back.summary().total_params, model.summary().total_params);
/// # Ok(()) }
/// ```
pub fn model_to_json(model: &Model) -> Result<String> {
    let v = model_to_value(model)?;
    serde_json::to_string_pretty(&v).map_err(|e| Error::Config {
        at: "model".into(),
        reason: e.to_string(),
    })
}
