//! Writing models as Keras 3 config JSON (the reverse of the importer):
//! what `keras.models.model_from_json` loads into the same model.
//!
//! ```
//! use kerasinfo::prelude::*;
//! let model = Sequential::new().name("s").add(Input::new([4])).add(Dense::new(3)).build()?;
//! let json = kerasinfo::config::model_to_json(&model)?;
//! let back = kerasinfo::config::model_from_json(&json)?;
//! assert_eq!(back.summary().total_params, 15);
//! # Ok::<(), kerasinfo::Error>(())
//! ```

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value, json};

use crate::error::{Error, Result};
use crate::layer::{InputsArg, Layer};
use crate::model::rebuild::called_model;
use crate::model::{LayerHandle, Model, ModelKind, Tensor};

use super::values::{
    CALL_KWARGS, LAYER_MODULE, OP_ARGS, OP_MODULE, TENSOR_ARG, TENSOR_LIST_ARG, keras_object,
    unwritable_reason,
};
pub(crate) use super::values::{
    Obj, activation, dtype_policy, glorot, ints, obj, ones, operation, shape_value, tensor_arg,
    tensor_list_arg, unwritable, with_call_kwargs, with_module, zeros,
};

/// What the writer takes out of a `keras_config` for the inbound nodes:
/// an operation's argument template and the call's keyword arguments.
#[derive(Default)]
struct NodeSpec {
    args: Option<Value>,
    kwargs: Option<Value>,
}

/// An error about the layer of `handle`: it cannot be written, `reason`.
fn layer_error(handle: &LayerHandle, reason: impl Into<String>) -> Error {
    Error::Layer {
        name: handle.name().to_owned(),
        class: handle.class_name().to_owned(),
        source: Box::new(crate::error::LayerError::Other(reason.into())),
    }
}

/// A layer config's `name`, then `trainable` and `dtype` if its class has them.
fn base_config<L: Layer + ?Sized>(layer: &L, name: &str, trainable: bool) -> Obj {
    let mut config = obj([("name", json!(name))]);
    if layer.config_has_trainable() {
        config.insert("trainable".into(), json!(trainable));
    }
    if layer.config_has_dtype() {
        config.insert("dtype".into(), dtype_policy(layer.config().dtype_policy()));
    }
    config
}

fn unsupported(handle: &LayerHandle) -> Error {
    layer_error(
        handle,
        "this layer cannot be written as a Keras config: its class has no \
         `Layer::keras_config` (a tf.keras 2 `TFOpLambda`, or a custom layer \
         that does not implement it)",
    )
}

/// A layer held by a wrapper (`Bidirectional`'s `layer`), serialized with
/// its own name. When it cannot be written, the value is an [`unwritable`]
/// object naming it and saying why, which makes writing the model an error
/// naming the wrapper (the `Option` is for the `?` of callers; it is always
/// `Some`).
pub(crate) fn layer_value<L: Layer + ?Sized>(layer: &L) -> Option<Value> {
    let label = format!(
        "its layer \"{}\" ({})",
        layer.config().name().unwrap_or_default(),
        layer.class_name()
    );
    let refuse = |why: String| Some(Value::Object(unwritable(format!("{label} {why}"))));
    if let Some(model) = layer.nested_model() {
        // A model held by a wrapper (`TimeDistributed(model)`) is written
        // whole, as Keras serializes it.
        if !layer.is_model() {
            return refuse("holds a model, which a config cannot nest this deep".into());
        }
        let mut o = match model_object(model, false) {
            Ok(o) => o,
            Err(e) => return refuse(format!("cannot be written: {e}")),
        };
        if let Some(Value::Object(c)) = o.get_mut("config") {
            c.insert(
                "trainable".into(),
                json!(layer.config().trainable && model.is_trainable()),
            );
        }
        return Some(Value::Object(o));
    }
    let name = layer.config().name().unwrap_or_default();
    let mut config = base_config(layer, name, layer.config().trainable);
    let Some(mut specific) = layer.keras_config() else {
        return refuse("has no Keras config kerasinfo can write".into());
    };
    if let Some(reason) = find_unwritable(&specific) {
        return refuse(format!("cannot be written: {reason}"));
    }
    if specific.contains_key(OP_MODULE) || specific.contains_key(CALL_KWARGS) {
        return refuse("takes call arguments that a wrapper's config cannot hold".into());
    }
    let module = specific
        .remove(LAYER_MODULE)
        .unwrap_or_else(|| json!("keras.layers"));
    config.extend(specific);
    let object = keras_object(module, layer.config_class_name(), config);
    Some(Value::Object(object))
}

/// The reason of the first [`unwritable`] object in a config (a held
/// layer's included).
fn find_unwritable(specific: &Obj) -> Option<String> {
    fn walk(v: &Value) -> Option<String> {
        match v {
            Value::Object(o) => find_unwritable(o),
            Value::Array(items) => items.iter().find_map(walk),
            _ => None,
        }
    }
    unwritable_reason(specific).or_else(|| specific.values().find_map(walk))
}

/// The serialized layer object (`module`, `class_name`, `config`,
/// `registered_name`), a nested model included.
fn layer_object(handle: &LayerHandle, frozen: bool) -> Result<(Map<String, Value>, NodeSpec)> {
    let trainable = handle.is_trainable() && !frozen;
    let layer: &dyn Layer = handle.layer();
    // A nested model itself (a wrapper such as `TimeDistributed` holds one).
    if let Some(inner) = called_model(handle) {
        let mut o = model_object(&inner, !trainable)?;
        if let Some(Value::Object(c)) = o.get_mut("config") {
            c.insert("name".into(), json!(handle.name()));
            c.insert("trainable".into(), json!(trainable));
        }
        return Ok((o, NodeSpec::default()));
    }
    let mut specific = layer.keras_config().ok_or_else(|| unsupported(handle))?;
    if let Some(reason) = find_unwritable(&specific) {
        return Err(layer_error(
            handle,
            format!("cannot be written as a Keras config: {reason}"),
        ));
    }
    if let Some(module) = specific.remove(OP_MODULE) {
        // An operation (`keras.src.ops.*`): Keras's `Operation.get_config`
        // holds the name and the operation's own keys.
        let spec = NodeSpec {
            args: specific.remove(OP_ARGS),
            kwargs: specific.remove(CALL_KWARGS),
        };
        let mut config = Map::new();
        config.insert("name".into(), json!(handle.name()));
        config.extend(specific);
        return Ok((keras_object(module, handle.class_name(), config), spec));
    }
    let spec = NodeSpec {
        args: None,
        kwargs: specific.remove(CALL_KWARGS),
    };
    let module = specific
        .remove(LAYER_MODULE)
        .unwrap_or_else(|| json!("keras.layers"));
    let frozen_inside = frozen || layer.config().trainable_reaches_inner;
    if !trainable && frozen_inside && layer.holds_layers() {
        // Keras's config only holds `trainable=False` for the constructor,
        // which leaves the inner layers trainable: it cannot say that they
        // are frozen too (Keras's own round trip loses it).
        return Err(layer_error(
            handle,
            "a wrapper frozen after construction (its inner layers frozen too) cannot be written as a Keras config",
        ));
    }
    if !layer.is_input() && !layer.config().trainable && !layer.config_has_trainable() {
        // Its constructor takes no `trainable` (Keras freezes one only by
        // setting the attribute, which a config does not hold).
        return Err(layer_error(
            handle,
            "a frozen layer of this class cannot be written as a Keras config: its constructor takes no `trainable`",
        ));
    }
    let config = if layer.is_input() {
        let mut config = specific;
        config.insert("name".into(), json!(handle.name()));
        config.insert("optional".into(), json!(false));
        config
    } else {
        let mut config = base_config(layer, handle.name(), trainable);
        config.extend(specific);
        config
    };
    Ok((
        keras_object(module, layer.config_class_name(), config),
        spec,
    ))
}

/// An operation's call arguments with each [`tensor_arg`] placeholder
/// replaced by the node's tensor.
fn fill_args(
    template: &Value,
    tensor: &dyn Fn(usize) -> Option<Value>,
    all: &[Value],
) -> Option<Value> {
    Some(match template {
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| fill_args(v, tensor, all))
                .collect::<Option<Vec<_>>>()?,
        ),
        Value::Object(o) if o.contains_key(TENSOR_LIST_ARG) => Value::Array(all.to_vec()),
        Value::Object(o) => match o.get(TENSOR_ARG).and_then(Value::as_u64) {
            Some(i) => tensor(usize::try_from(i).ok()?)?,
            None => Value::Object(
                o.iter()
                    .map(|(k, v)| Some((k.clone(), fill_args(v, tensor, all)?)))
                    .collect::<Option<Map<_, _>>>()?,
            ),
        },
        other => other.clone(),
    })
}

/// Keras's node reindexing: for each layer, the model's nodes of that layer
/// in call order get indices 0, 1, ...
struct Reindex(HashMap<u64, usize>, HashSet<u64>);

impl Reindex {
    fn new(model: &Model) -> Self {
        let mut per_layer: HashMap<u64, Vec<(usize, u64)>> = HashMap::new();
        let mut functional_layers = HashSet::new();
        // Every node of a layer the model calls or its tensors come from.
        let mut record = |layer: u64, node: (usize, u64)| {
            per_layer.entry(layer).or_default().push(node);
        };
        let ends = model.inputs().iter().chain(model.outputs());
        for t in model
            .graph_nodes()
            .iter()
            .flat_map(|n| n.connections())
            .chain(ends)
        {
            record(t.layer().id(), (t.node.node_index, t.node.id));
        }
        for node in model.graph_nodes() {
            record(node.layer.id(), (node.node_index, node.id));
            if called_model(&node.layer).is_some_and(|m| m.kind() == ModelKind::Functional) {
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
    let tensors = |ts: &[Tensor]| -> Vec<Value> { ts.iter().map(|t| reindex.tensor(t)).collect() };
    for op in model.operations() {
        let (mut entry, spec) = layer_object(op, frozen)?;
        let mut nodes = Vec::new();
        let mut own: Vec<_> = model
            .graph_nodes()
            .iter()
            .filter(|n| n.layer.same(op) && !n.inputs.is_empty())
            .collect();
        own.sort_by_key(|n| n.node_index);
        let inputs_arg = op.layer().inputs_arg();
        for node in own {
            let args = match (&spec.args, node.inputs.as_slice()) {
                (Some(template), inputs) => {
                    let tensor = |i: usize| inputs.get(i).map(|t| reindex.tensor(t));
                    fill_args(template, &tensor, &tensors(inputs)).ok_or_else(|| {
                        layer_error(
                            op,
                            "the operation's arguments do not match its node's tensors",
                        )
                    })?
                }
                (None, [one]) if inputs_arg != InputsArg::List => json!([reindex.tensor(one)]),
                (None, many) if inputs_arg == InputsArg::Positional => Value::Array(tensors(many)),
                (None, many) => json!([tensors(many)]),
            };
            let mut kwargs = spec.kwargs.clone().unwrap_or_else(|| json!({}));
            // The `mask=` keyword tensors (see `Node::kw_inputs`).
            let mask = match &*node.kw_inputs {
                [] => None,
                [one] => Some(reindex.tensor(one)),
                many => Some(Value::Array(tensors(many))),
            };
            if let (Some(kw), Some(mask)) = (kwargs.as_object_mut(), mask) {
                kw.insert("mask".into(), mask);
            }
            nodes.push(json!({"args": args, "kwargs": kwargs}));
        }
        entry.insert("name".into(), json!(op.name()));
        entry.insert("inbound_nodes".into(), Value::Array(nodes));
        layers.push(Value::Object(entry));
    }
    // A list, or a dict (`keras.Model(inputs={"a": a})`) by its keys.
    let ends = |ts: &[Tensor], keys: Option<&[String]>| -> Value {
        match keys {
            Some(keys) if keys.len() == ts.len() => Value::Object(
                keys.iter()
                    .zip(ts)
                    .map(|(k, t)| (k.clone(), reindex.history(t, true)))
                    .collect(),
            ),
            _ => Value::Array(ts.iter().map(|t| reindex.history(t, true)).collect()),
        }
    };
    let (input_keys, output_keys) = model.dict_keys();
    Ok(obj([
        ("name", json!(model.name())),
        ("trainable", json!(!frozen)),
        ("layers", Value::Array(layers)),
        ("input_layers", ends(model.inputs(), input_keys)),
        ("output_layers", ends(model.outputs(), output_keys)),
    ]))
}

fn sequential_config(model: &Model, frozen: bool) -> Result<Map<String, Value>> {
    let mut layers = Vec::new();
    for op in model.sublayers() {
        layers.push(Value::Object(layer_object(op, frozen)?.0));
    }
    Ok(obj([
        ("name", json!(model.name())),
        ("trainable", json!(!frozen)),
        ("dtype", dtype_policy(model.dtype_policy())),
        ("layers", Value::Array(layers)),
    ]))
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
    Ok(keras_object(
        json!(module),
        model.kind().class_name(),
        config,
    ))
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
/// A layer that cannot be written (a `Lambda`, whose Python function
/// kerasinfo does not have; a `Normalization` given `mean`/`variance`,
/// whose values kerasinfo does not keep; a layer without
/// [`Layer::keras_config`]) makes it an [`Error::Layer`] naming the layer,
/// its class and the reason.
///
/// ```
/// use kerasinfo::prelude::*;
/// kerasinfo::naming::clear_session();
/// let x = Input::new([8]).name("x").tensor()?;
/// let a = Dense::new(4).activation("relu").call(&x)?;
/// let y = Add::new().call([&a, &a])?;
/// let model = Functional::new(&x, &y).name("net").build()?;
/// let json = kerasinfo::config::model_to_json(&model)?;
/// assert!(json.contains("\"keras_history\""));
/// let back = kerasinfo::config::model_from_json(&json)?;
/// assert_eq!(back.summary().total_params, model.summary().total_params);
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub fn model_to_json(model: &Model) -> Result<String> {
    let v = model_to_value(model)?;
    serde_json::to_string_pretty(&v).map_err(|e| super::json::cfg_error("model", e.to_string()))
}
