//! tf.keras 2's `TFOpLambda` and `SlicingOpLambda`: a TensorFlow function
//! (`tf.math.add`, `x[:, 1]`, ...) applied to tensors in a tf.keras 2
//! functional model, which tf.keras writes as a layer of these classes in
//! its configs. kerasinfo reads them from configs only: the shape comes
//! from the matching Keras 3 operation of [`crate::ops`].
// Made from configs only: the whole class is the config reader's.
#[cfg(feature = "keras-json")]
pub(super) use imported::register;

#[cfg(feature = "keras-json")]
mod imported {
    use crate::config::cfg::{Cfg, as_int, as_ints, cfg_error, constant};
    use crate::config::doc::JsonRef;
    use crate::config::json::{JsonValue as Value, kind};
    use crate::error::{LayerError, Result};
    use crate::layer::{Layer, LayerConfig, OutputShapes, same_shape};
    use crate::shape::Shape;

    /// A tf.keras 2 `TFOpLambda` / `SlicingOpLambda`: a TensorFlow function
    /// applied to tensors, printed with its tf.keras 2 class; the shape comes
    /// from the matching Keras 3 operation (`None`: element-wise unary).
    #[derive(Debug)]
    struct TfOpLambda {
        config: LayerConfig,
        class: &'static str,
        inner: Option<Box<dyn Layer>>,
    }

    impl Layer for TfOpLambda {
        fn class_name(&self) -> &str {
            self.class
        }
        layer_common!();
        fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
            match &self.inner {
                Some(op) => op.compute_output_shape(inputs),
                None => same_shape(inputs),
            }
        }
    }

    /// A `[layer_name, node_index, tensor_index]` tensor reference in a
    /// tf.keras 2 call's keyword arguments.
    fn is_tensor_ref(v: &Value<'_>) -> bool {
        v.as_array().is_some_and(|a| {
            matches!(a.as_slice(), [name, node, tensor]
                if name.is_string() && as_int(node).is_some() && as_int(tensor).is_some())
        })
    }

    /// The call entries of a tf.keras 2 node: a flat `[name, node, tensor,
    /// kwargs]` (an op layer's single-tensor call) or a list of such entries.
    fn node_entries<'v>(node: &'v Value<'v>) -> Vec<&'v Value<'v>> {
        match node.as_array() {
            Some(items) if items.first().is_some_and(Value::is_string) => vec![node],
            Some(items) => items.iter().collect(),
            None => Vec::new(),
        }
    }

    /// Reads a `TFOpLambda` (`class`) or `SlicingOpLambda` from its config
    /// `function` and the keyword arguments of its first inbound node.
    fn tf_op_lambda(cfg: &Cfg<'_>, class: &'static str) -> Result<Box<dyn Layer>> {
        use crate::ops::{self, BinaryKind, Index, Operand, ReduceKind};
        let function = cfg
            .opt_str("function")?
            .ok_or_else(|| cfg.error("function", "missing key `function`"))?;
        let (node, node_at) = cfg.first_call();
        let node = node.map_or(&Value::Null, JsonRef::to_value);
        let kwargs = node_entries(node)
            .first()
            .and_then(|e| e.as_array())
            .and_then(|e| e.get(3))
            .cloned()
            .unwrap_or(Value::Null);
        let kw = |k: &str| kwargs.get(k).filter(|v| !v.is_null());
        let ints = |k: &str| -> Result<Option<Vec<i64>>> {
            match kw(k) {
                None => Ok(None),
                Some(v) => as_ints(v).map(Some).ok_or_else(|| {
                    cfg_error(
                        &format!("{node_at}.{k}"),
                        "expected an integer or a list of integers",
                    )
                }),
            }
        };
        let inner: Option<Box<dyn Layer>> = match class {
            "SlicingOpLambda" => {
                if function != "__operators__.getitem" {
                    return Err(cfg.error(
                        "function",
                        format!("unknown SlicingOpLambda function {function:?}"),
                    ));
                }
                let spec = kw("slice_spec")
                    .ok_or_else(|| cfg_error(&node_at, "SlicingOpLambda needs `slice_spec`"))?;
                let one = |v: &Value<'_>| -> Result<Index> {
                    if v.is_null() {
                        return Ok(Index::NewAxis);
                    }
                    if let Some(i) = as_int(v) {
                        return Ok(Index::Int(i));
                    }
                    if v.as_str() == Some("Ellipsis")
                        || v.get("class_name").and_then(Value::as_str) == Some("__ellipsis__")
                    {
                        return Ok(Index::Ellipsis);
                    }
                    let bound = |k: &str| -> Result<Option<i64>> {
                        match v.get(k) {
                            None | Some(Value::Null) => Ok(None),
                            Some(b) => as_int(b).map(Some).ok_or_else(|| {
                                cfg_error(&node_at, format!("slice `{k}` must be an integer"))
                            }),
                        }
                    };
                    if v.is_object() {
                        return Ok(Index::slice(
                            bound("start")?,
                            bound("stop")?,
                            bound("step")?,
                        ));
                    }
                    Err(cfg_error(
                        &node_at,
                        format!("unsupported slice_spec element: {}", kind(v)),
                    ))
                };
                let key = match spec.as_array() {
                    Some(items) => items.iter().map(one).collect::<Result<Vec<_>>>()?,
                    None => vec![one(spec)?],
                };
                Some(Box::new(ops::GetItem::new(key)))
            }
            _ => {
                let binary = BinaryKind::ALL
                    .into_iter()
                    .find(|k| k.tf_functions().contains(&function));
                let reduce = ReduceKind::ALL
                    .into_iter()
                    .find(|k| k.tf_function() == Some(function));
                if let Some(k) = binary {
                    let y = kw("y")
                        .ok_or_else(|| cfg_error(&node_at, format!("{function:?} needs `y`")))?;
                    let second = if is_tensor_ref(y) {
                        Operand::Tensor
                    } else {
                        Operand::Constant(constant(JsonRef::Tree(y), &format!("{node_at}.y"))?)
                    };
                    Some(Box::new(ops::Binary::new(k, [Operand::Tensor, second])))
                } else if let Some(k) = reduce {
                    let keepdims = kw("keepdims").and_then(Value::as_bool).unwrap_or(false);
                    let r = ops::Reduce::new(k).keepdims(keepdims);
                    Some(Box::new(match ints("axis")? {
                        Some(a) => r.axis(a),
                        None => r,
                    }))
                } else {
                    match function {
                        "reshape" => {
                            let shape = ints("shape")?
                                .ok_or_else(|| cfg_error(&node_at, "tf.reshape needs `shape`"))?;
                            Some(Box::new(ops::ReshapeOp::new(shape)))
                        }
                        "concat" => {
                            let axis = ints("axis")?
                                .and_then(|a| a.first().copied())
                                .ok_or_else(|| cfg_error(&node_at, "tf.concat needs `axis`"))?;
                            Some(Box::new(ops::ConcatenateOp::new(axis)))
                        }
                        "compat.v1.transpose" | "transpose" => {
                            let t = ops::TransposeOp::new();
                            Some(Box::new(match ints("perm")? {
                                Some(p) => t.axes(p),
                                None => t,
                            }))
                        }
                        "nn.relu" | "nn.relu6" | "nn.elu" | "nn.selu" | "nn.gelu" | "nn.silu"
                        | "nn.softplus" | "nn.sigmoid" | "math.sigmoid" | "math.tanh"
                        | "nn.tanh" | "math.exp" | "math.log" | "math.sqrt" | "math.square"
                        | "math.abs" | "math.negative" | "__operators__.neg" | "identity" => None,
                        other => {
                            return Err(cfg.error(
                                "function",
                                format!("unknown TFOpLambda function {other:?}"),
                            ));
                        }
                    }
                }
            }
        };
        Ok(Box::new(crate::layer::constructed(TfOpLambda {
            config: cfg
                .import_name()
                .map(|n| LayerConfig::named(n.to_owned()))
                .unwrap_or_default(),
            class,
            inner,
        })))
    }

    /// Registers `TFOpLambda` and `SlicingOpLambda` with the config importer.
    pub(crate) fn register(r: &mut crate::config::registry::Registry) {
        r.builtin("TFOpLambda", |c| tf_op_lambda(c, "TFOpLambda"));
        r.builtin("SlicingOpLambda", |c| tf_op_lambda(c, "SlicingOpLambda"));
    }
}
