//! The summary as one JSON object (feature `keras-json`): the schema the
//! `kerasinfo --format json` command prints.
//!
//! ```json
//! {"name": "resnet50", "class_name": "Functional",
//!  "total_params": 25636712, "trainable_params": 25583592, "non_trainable_params": 53120,
//!  "layers": [
//!    {"name": "conv1_conv", "class_name": "Conv2D", "output_shape": [null, 112, 112, 64],
//!     "params": 9472, "trainable_params": 9472, "non_trainable_params": 0, "trainable": true,
//!     "weights": [{"path": "conv1_conv/kernel", "shape": [7, 7, 3, 64], "trainable": true, "dtype": "float32"},
//!                 {"path": "conv1_conv/bias", "shape": [64], "trainable": true, "dtype": "float32"}]}]}
//! ```
//! `output_shape` is a list of dimensions (`null` when unknown), or a list
//! of such lists for a layer with several outputs. Layers follow Keras's
//! `model.layers` order (a Sequential's InputLayer left out); a nested
//! model is one entry whose figures are its totals. A summary with an
//! optimizer ([`crate::Model::summary_with_optimizer`]) adds `optimizer`
//! (its class), `optimizer_params` and `optimizer_bytes`, already counted
//! in the totals.
//!
//! With a batch size (`kerasinfo --batch-size N`), [`with_memory`] adds
//! `dtype_policy` (the model's policy name) and `memory`: the
//! [`MemoryPlan`](crate::memory::MemoryPlan)'s figures in bytes
//! (`batch_size`, `params_bytes`, `gradient_bytes`, `optimizer`,
//! `optimizer_bytes`, `input_bytes`, `forward_bytes`,
//! `forward_backward_bytes`, `estimated_total_bytes`, `total_bytes`).
//!
//! With per-layer memory (`kerasinfo --show-memory`), [`with_layer_memory`]
//! adds each layer's `param_bytes` and `activation_bytes` and the model's
//! `activation_batch_size`.
//!
//! Compute figures ([`crate::compute`], per sample, the batch left out):
//! each layer has `macs` and `flops` (`null` when unknown), and the model
//! `total_macs` and `total_flops` (`null` when any layer's is unknown).

use serde_json::{Value, json};

use crate::summary::{Summary, SummaryRow};

use crate::config::values::shape_value as shape;

fn row(r: &SummaryRow, built: bool) -> Value {
    let output_shape = match r.output_shapes.as_slice() {
        // Unknown: a layer of a model never built (Keras prints `?`).
        [] if !built => Value::Null,
        [one] => shape(one),
        many => Value::Array(many.iter().map(shape).collect()),
    };
    let mut v = json!({
        "name": r.name,
        "class_name": r.class_name,
        "output_shape": output_shape,
        "params": r.params,
        "trainable_params": r.trainable_params,
        "non_trainable_params": r.non_trainable_params,
        "trainable": r.trainable,
        "weights": r.weights().iter().map(|w| json!({
            "path": w.path,
            "shape": w.shape.as_slice(),
            "trainable": w.trainable,
            "dtype": w.dtype.name(),
        })).collect::<Vec<_>>(),
    });
    if let Some(obj) = v.as_object_mut() {
        if r.unbuilt {
            obj.insert("unbuilt".into(), json!(true));
        }
        obj.insert("macs".into(), json!(r.cost().map(|c| c.macs)));
        obj.insert("flops".into(), json!(r.cost().map(|c| c.flops)));
    }
    v
}

/// The summary as a JSON value.
///
/// ```
/// use kerasinfo::prelude::*;
/// let m = Sequential::new().name("s").input_shape([4]).add(Dense::new(3)).build()?;
/// let v = kerasinfo::render::json::to_value(&m.summary());
/// assert_eq!(v["total_params"], 15);
/// assert_eq!(v["layers"][0]["output_shape"], serde_json::json!([null, 3]));
/// assert_eq!((v["layers"][0]["macs"].clone(), v["total_flops"].clone()), (12.into(), 27.into()));
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[must_use]
pub fn to_value(summary: &Summary) -> Value {
    let mut v = json!({
        "name": summary.name,
        "class_name": summary.class_name,
        "total_params": summary.total_params,
        "trainable_params": summary.trainable_params,
        "non_trainable_params": summary.non_trainable_params,
        "total_bytes": summary.total_size.bytes(),
        "trainable_bytes": summary.trainable_size.bytes(),
        "non_trainable_bytes": summary.non_trainable_size.bytes(),
        "layers": summary.rows.iter().map(|r| row(r, summary.built)).collect::<Vec<_>>(),
    });
    if let Some(obj) = v.as_object_mut() {
        if !summary.built {
            // A Sequential given no Input (Keras: `model.built` is false).
            obj.insert("built".into(), json!(false));
        }
        obj.insert("total_macs".into(), json!(summary.cost().map(|c| c.macs)));
        obj.insert("total_flops".into(), json!(summary.cost().map(|c| c.flops)));
        // A compiled model's optimizer (see `Model::summary_with_optimizer`).
        if let Some(class) = &summary.optimizer {
            obj.insert("optimizer".into(), json!(class));
            obj.insert("optimizer_params".into(), json!(summary.optimizer_params));
            let bytes = summary.optimizer_size.bytes();
            obj.insert("optimizer_bytes".into(), json!(bytes));
        }
    }
    v
}

/// `value` (from [`to_value`]) with the model's `dtype_policy` and the
/// `memory` object of `plan` added (see the [module docs](self)).
///
/// ```
/// use kerasinfo::prelude::*;
/// let m = Sequential::new().input_shape([4]).add(Dense::new(3)).build()?;
/// let plan = m.memory(8, None)?;
/// let v = kerasinfo::render::json::with_memory(kerasinfo::render::json::to_value(&m.summary()), &m, &plan);
/// assert_eq!(v["memory"]["input_bytes"], 128);
/// assert_eq!(v["dtype_policy"], "float32");
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[must_use]
pub fn with_memory(
    mut value: Value,
    model: &crate::Model,
    plan: &crate::memory::MemoryPlan,
) -> Value {
    if let Some(obj) = value.as_object_mut() {
        obj.insert("dtype_policy".into(), json!(model.dtype_policy().name()));
        obj.insert(
            "memory".into(),
            json!({
                "batch_size": plan.batch_size,
                "params_bytes": plan.params_bytes,
                "gradient_bytes": plan.gradient_bytes,
                "optimizer": plan.optimizer,
                "optimizer_bytes": plan.optimizer_bytes,
                "input_bytes": plan.input_bytes,
                "forward_bytes": plan.forward_bytes,
                "forward_backward_bytes": plan.forward_backward_bytes,
                "estimated_total_bytes": plan.estimated_total_bytes(),
                "total_bytes": plan.total_bytes,
            }),
        );
    }
    value
}

/// `value` (from [`to_value`] of `summary`) with each layer's memory for a
/// batch of `batch` samples: `param_bytes` ([`SummaryRow::param_bytes`])
/// and `activation_bytes` ([`SummaryRow::activation_bytes`], `null` when
/// unknown), and the model's `activation_batch_size`. Errors name the
/// layer whose figure overflows `u64`.
///
/// ```
/// use kerasinfo::prelude::*;
/// let m = Sequential::new().input_shape([4]).add(Dense::new(3)).build()?;
/// let s = m.summary();
/// let v = kerasinfo::render::json::with_layer_memory(kerasinfo::render::json::to_value(&s), &s, 8)?;
/// assert_eq!(v["layers"][0]["param_bytes"], 60);
/// assert_eq!(v["layers"][0]["activation_bytes"], 8 * 3 * 4);
/// assert_eq!(v["activation_batch_size"], 8);
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub fn with_layer_memory(mut value: Value, summary: &Summary, batch: u64) -> crate::Result<Value> {
    if let Some(layers) = value.get_mut("layers").and_then(Value::as_array_mut) {
        for (v, r) in layers.iter_mut().zip(&summary.rows) {
            if let Some(obj) = v.as_object_mut() {
                obj.insert("param_bytes".into(), json!(r.param_bytes()?));
                obj.insert("activation_bytes".into(), json!(r.activation_bytes(batch)?));
            }
        }
    }
    if let Some(obj) = value.as_object_mut() {
        obj.insert("activation_batch_size".into(), json!(batch));
    }
    Ok(value)
}

/// The summary as pretty-printed JSON text (ending in a newline).
///
/// # Errors
/// When serde_json cannot write the value (it always can today: the
/// `Result` keeps every renderer's signature alike).
pub fn render(summary: &Summary) -> crate::Result<String> {
    let mut s =
        serde_json::to_string_pretty(&to_value(summary)).map_err(|e| crate::Error::Model {
            model: summary.name.clone(),
            reason: format!("cannot write the summary as JSON: {e}"),
        })?;
    s.push('\n');
    Ok(s)
}
