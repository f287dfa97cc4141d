//! The values Keras writes in layer configs (shapes, initializers, dtype
//! policies, operation calls), built by each layer's `keras_config`; the
//! model writer ([`super::writer`]) puts them together. Nothing here knows
//! layers or models.

use serde_json::{Map, Value, json};

use crate::shape::{Dim, Shape};
use crate::weight::DTypePolicy;

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
pub(crate) fn activation(a: Option<&str>) -> Value {
    json!(a.unwrap_or("linear"))
}

/// A serialized Keras object (a layer, a model, an operation, an
/// initializer, a dtype policy): its `module`, `class_name` and `config`,
/// and a `null` `registered_name`.
pub(crate) fn keras_object(module: Value, class_name: &str, config: Obj) -> Obj {
    obj([
        ("module", module),
        ("class_name", json!(class_name)),
        ("config", Value::Object(config)),
        ("registered_name", Value::Null),
    ])
}

/// Keras's serialized initializer object.
fn initializer(class: &str, config: Obj) -> Value {
    Value::Object(keras_object(json!("keras.initializers"), class, config))
}

/// `GlorotUniform()`.
pub(crate) fn glorot() -> Value {
    initializer(
        "GlorotUniform",
        obj([
            ("seed", Value::Null),
            ("input_axes", Value::Null),
            ("output_axes", Value::Null),
        ]),
    )
}

/// `Zeros()`.
pub(crate) fn zeros() -> Value {
    initializer("Zeros", Obj::new())
}

/// `Ones()`.
pub(crate) fn ones() -> Value {
    initializer("Ones", Obj::new())
}

/// Builds an object from key/value pairs.
pub(crate) fn obj<const N: usize>(pairs: [(&str, Value); N]) -> Obj {
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

/// Key of a `keras_config` map built by [`unwritable`]: the reason the
/// layer cannot be written (the writer turns it into an error naming the
/// layer).
pub(super) const UNWRITABLE: &str = "\u{0}unwritable";
/// Key of a `keras_config` map built by [`operation`]: the Python module of
/// a `keras.src.ops` operation (serialized with only its name and its own
/// keys, no `trainable`/`dtype`).
pub(super) const OP_MODULE: &str = "\u{0}module";
/// Key of a `keras_config` map built by [`operation`]: the positional call
/// arguments, [`tensor_arg`] placeholders standing for the node's tensors.
pub(super) const OP_ARGS: &str = "\u{0}args";
/// Key of a `keras_config` map built by [`with_call_kwargs`]: the keyword
/// arguments of each call (`ReversibleEmbedding`'s `reverse=True`).
pub(super) const CALL_KWARGS: &str = "\u{0}kwargs";
/// Key of a `keras_config` map built by [`with_module`]: the Python module
/// of a layer class outside `keras.layers` (Keras's applications' helper
/// layers).
pub(super) const LAYER_MODULE: &str = "\u{0}layer_module";
/// Key of a [`tensor_arg`] placeholder.
pub(super) const TENSOR_ARG: &str = "\u{0}tensor";
/// Key of the [`tensor_list_arg`] placeholder.
pub(super) const TENSOR_LIST_ARG: &str = "\u{0}tensors";

/// What a layer's `keras_config` returns when Keras could load no honest
/// config of it: the writer reports `reason` in an error naming the layer.
pub(crate) fn unwritable(reason: impl Into<String>) -> Obj {
    obj([(UNWRITABLE, Value::String(reason.into()))])
}

/// The `keras_config` of an operation of `module` (`keras.src.ops.numpy`):
/// its own config keys and its positional call arguments, where
/// [`tensor_arg`]`(i)` stands for the node's `i`-th tensor.
pub(crate) fn operation(module: &str, mut keys: Obj, args: Vec<Value>) -> Obj {
    keys.insert(OP_MODULE.into(), json!(module));
    keys.insert(OP_ARGS.into(), Value::Array(args));
    keys
}

/// The placeholder of an [`operation`]'s `i`-th tensor argument.
pub(crate) fn tensor_arg(i: usize) -> Value {
    json!({ TENSOR_ARG: i })
}

/// A layer's `keras_config` whose nodes are called with `kwargs` (Keras
/// writes them in each inbound node).
pub(crate) fn with_call_kwargs(mut keys: Obj, kwargs: Obj) -> Obj {
    keys.insert(CALL_KWARGS.into(), Value::Object(kwargs));
    keys
}

/// A layer's `keras_config` for a class of the Python `module` (not
/// `keras.layers`).
pub(crate) fn with_module(mut keys: Obj, module: &str) -> Obj {
    keys.insert(LAYER_MODULE.into(), json!(module));
    keys
}

/// The placeholder of a list of all the node's tensors
/// (`ops.concatenate([a, b])`).
pub(crate) fn tensor_list_arg() -> Value {
    json!({ TENSOR_LIST_ARG: true })
}

/// Why a `keras_config` says its layer is unwritable, if it does.
pub(super) fn unwritable_reason(specific: &Obj) -> Option<String> {
    specific.get(UNWRITABLE).map(|r| match r {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    })
}

/// Keras's serialized `DTypePolicy` of `dtype`.
pub(crate) fn dtype_policy(policy: impl Into<DTypePolicy>) -> Value {
    let name = policy.into().name();
    Value::Object(keras_object(
        json!("keras"),
        "DTypePolicy",
        obj([("name", json!(name))]),
    ))
}
