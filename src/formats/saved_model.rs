//! tf.keras 2 SavedModel directories (feature `saved-model`):
//! `model.save("dir", save_format="tf")` writes `keras_metadata.pb`, a
//! `SavedMetadata` protocol buffer with one node per Keras object; the root
//! node's metadata JSON holds the model's config (`model_config`). Read
//! with `prost` and the message structs below, written by hand from
//! tf_keras's `protobuf/saved_metadata.proto` and `versions.proto` (no
//! `protoc` at build time). The variables (`variables/`) are not read.

use prost::Message;
use serde_json::Value;

use super::{LoadedModel, SavedFormat, err};
use crate::config::{Registry, model_from_value};
use crate::error::Result;

/// `SavedMetadata` (tf_keras/protobuf/saved_metadata.proto).
#[derive(Clone, PartialEq, Message)]
struct SavedMetadata {
    /// Nodes in the SavedModel's object graph that are Keras objects.
    #[prost(message, repeated, tag = "1")]
    nodes: Vec<SavedObject>,
}

/// `SavedObject`: one Keras object of the SavedModel (the fields read;
/// prost skips the others: `node_id`, tag 2, and `version`, tag 6).
#[derive(Clone, PartialEq, Message)]
struct SavedObject {
    /// Its path from the root (`root`, `root.layer-1`).
    #[prost(string, tag = "3")]
    node_path: String,
    /// Its kind (`_tf_keras_model`, `_tf_keras_sequential`, `_tf_keras_network`, `_tf_keras_layer`).
    #[prost(string, tag = "4")]
    identifier: String,
    /// Its Keras metadata, JSON.
    #[prost(string, tag = "5")]
    metadata: String,
}

/// Whether bytes decode as a `SavedMetadata` with a root node (for telling
/// a `keras_metadata.pb` by its content).
pub(crate) fn looks_like_metadata(bytes: &[u8]) -> bool {
    SavedMetadata::decode(bytes).is_ok_and(|m| m.nodes.iter().any(|n| n.node_path == "root"))
}

/// tf_keras's `json_utils.decode`: tuples and `TensorShape`s are objects
/// `{"class_name": "__tuple__", "items": [...]}` in SavedModel metadata;
/// the config reader wants plain lists.
fn decode_tuples(v: &mut Value, depth: usize) {
    if depth > 256 {
        return;
    }
    let next = depth.saturating_add(1);
    match v {
        Value::Object(map) => {
            let tuple = map.len() == 2
                && matches!(
                    map.get("class_name").and_then(Value::as_str),
                    Some("__tuple__" | "TensorShape")
                );
            if tuple && let Some(Value::Array(items)) = map.remove("items") {
                *v = Value::Array(items);
                decode_tuples(v, next);
                return;
            }
            for item in map.values_mut() {
                decode_tuples(item, next);
            }
        }
        Value::Array(items) => {
            for item in items {
                decode_tuples(item, next);
            }
        }
        _ => {}
    }
}

/// Builds the model of a `keras_metadata.pb`.
pub(crate) fn read(bytes: &[u8], registry: &Registry, file: &str) -> Result<LoadedModel> {
    let meta = SavedMetadata::decode(bytes).map_err(|e| {
        err(
            file,
            format!("not a readable keras_metadata.pb (SavedMetadata protocol buffer): {e}"),
        )
    })?;
    let root = meta
        .nodes
        .iter()
        .find(|n| n.node_path == "root")
        .ok_or_else(|| {
            err(
                file,
                "keras_metadata.pb has no root node (node_path \"root\")",
            )
        })?;
    let metadata: Value = serde_json::from_str(&root.metadata).map_err(|e| {
        err(
            file,
            format!("root node ({}): metadata is not JSON: {e}", root.identifier),
        )
    })?;
    let class = metadata.get("class_name").and_then(Value::as_str);
    let class = class.unwrap_or("?");
    let mut config = match metadata.get("model_config") {
        Some(c) if c.is_object() => c.clone(),
        _ => match metadata.get("config") {
            Some(c) if c.is_object() && class != "?" => {
                serde_json::json!({"class_name": class, "config": c})
            }
            _ => {
                return Err(err(
                    file,
                    format!(
                        "root node ({}, class {class}) has no model config: a subclassed \
                         model, whose architecture is Python code that a SavedModel does not \
                         describe",
                        root.identifier
                    ),
                ));
            }
        },
    };
    decode_tuples(&mut config, 0);
    let model = model_from_value(&config, registry)?;
    let keras_version = metadata
        .get("keras_version")
        .and_then(Value::as_str)
        .map(str::to_owned);
    Ok(LoadedModel {
        model,
        format: SavedFormat::SavedModel,
        stored_weights: None,
        keras_version,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tuples_become_lists() {
        let mut v = serde_json::json!({"batch_input_shape": {"class_name": "__tuple__", "items": [null, 4]},
            "nested": [{"class_name": "TensorShape", "items": [{"class_name": "__tuple__", "items": [1]}]}],
            "layer": {"class_name": "Dense", "config": {}}});
        decode_tuples(&mut v, 0);
        assert_eq!(
            v,
            serde_json::json!({"batch_input_shape": [null, 4], "nested": [[[1]]],
                "layer": {"class_name": "Dense", "config": {}}})
        );
    }

    #[test]
    fn metadata_round_trips_through_prost() {
        let node = SavedObject {
            node_path: "root".into(),
            identifier: "_tf_keras_sequential".into(),
            metadata: "{}".into(),
        };
        // With the fields the reader skips: node_id (tag 2) and version
        // (tag 6, `{producer: 2}`).
        let mut fields = vec![0x10, 0x00];
        fields.extend(node.encode_to_vec());
        fields.extend([0x32, 0x02, 0x08, 0x02]);
        let mut bytes = vec![0x0a, u8::try_from(fields.len()).unwrap()];
        bytes.extend(fields);
        assert!(looks_like_metadata(&bytes));
        let m = SavedMetadata::decode(bytes.as_slice()).unwrap();
        assert_eq!(m, SavedMetadata { nodes: vec![node] });
        assert!(!looks_like_metadata(b"{}"));
    }
}
