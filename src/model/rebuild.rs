//! A model on new input shapes: [`Model::with_input_shapes`] (the model
//! rebuilt, as Keras's `clone_model(model, input_tensors=...)` rebuilds
//! it), and [`replay`] (the shapes every call of a model takes when it is
//! called on given shapes, as a nested model is).

use std::sync::Arc;

use super::input::Input;
use super::node::NodeInputs;
use super::{LayerHandle, Model, Node, Tensor, idmap};
use crate::compute::Cost;
use crate::error::{Error, LayerError, Result, comma_separated};
use crate::layer::{Layer, LayerConfig, OutputShapes, OutputStructure};
use crate::shape::{Dim, Shape, ShapeArg};
use crate::weight::WeightSpec;

/// A fresh instance of an existing layer: the same layer object (its
/// settings, its nested model), under its resolved name, with no calls
/// yet. What Keras's `clone_model` makes with `from_config` (new layers of
/// the same configuration and names).
#[derive(Debug)]
struct Fresh {
    of: LayerHandle,
    config: LayerConfig,
    /// The model `of` is, when it is one (its graph is not rebuilt).
    model: Option<Model>,
}

impl Fresh {
    fn new(of: &LayerHandle) -> Self {
        let mut config = of.layer().config().clone();
        config.set_name(of.name());
        // `clone_model` makes it from `get_config()`, with no
        // `build_config`: it is built where the clone calls it.
        config.clear_built_at_load();
        // Keras's `clone_model` makes it from its config, which holds its
        // `trainable` attribute now.
        config.trainable = of.is_trainable();
        Fresh {
            of: of.clone(),
            config,
            model: of.as_model(),
        }
    }
}

/// [`Layer`] methods that [`Fresh`] answers as its original layer does.
macro_rules! as_original {
    ($($(#[$attr:meta])* $method:ident($($arg:ident: $t:ty),*) -> $ret:ty;)*) => {$(
        $(#[$attr])*
        fn $method(&self, $($arg: $t),*) -> $ret {
            self.of.layer().$method($($arg),*)
        }
    )*};
}

impl Layer for Fresh {
    as_original! {
        class_name() -> &str;
        output_structure() -> OutputStructure;
        is_input() -> bool;
        is_operation() -> bool;
        inputs_arg() -> crate::layer::InputsArg;
        built_at_init() -> bool;
        is_model() -> bool;
        holds_layers() -> bool;
        config_class_name() -> &str;
        config_has_trainable() -> bool;
        config_has_dtype() -> bool;
        compute_output_shape(inputs: &[Shape]) -> Result<OutputShapes, LayerError>;
        cost(inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError>;
        #[cfg(feature = "keras-json")]
        keras_config() -> Option<serde_json::Map<String, serde_json::Value>>;
    }

    layer_common!();

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        // The layers it holds are made anew too: under its own path.
        Ok(self
            .of
            .layer()
            .weights(inputs)?
            .into_iter()
            .map(WeightSpec::unrooted)
            .collect())
    }

    fn nested_model(&self) -> Option<&Model> {
        self.model.as_ref()
    }
}

/// The name scope `clone_model` builds the layers of `model` in: a
/// Sequential's name (its new layers are built when it is), none for a
/// Functional (its new layers are built when called, at the root).
fn clone_scope(model: &Model) -> Option<&str> {
    (model.kind() == super::ModelKind::Sequential).then(|| model.name())
}

/// `weights` as `name shape` pairs, to compare and print.
fn weight_shapes(specs: &[WeightSpec]) -> Vec<(String, Shape)> {
    specs
        .iter()
        .map(|s| {
            (
                s.name.to_string(),
                Shape::new(s.shape.iter().map(|&d| Dim::Known(d))),
            )
        })
        .collect()
}

/// # Rebuilding on new input shapes
impl Model {
    /// The model rebuilt on inputs of new shapes, as Keras rebuilds it with
    /// `keras.models.clone_model(model, input_tensors=[keras.Input(shape), ...])`
    /// (torchinfo's `input_size`): one shape per model input, without the
    /// batch dimension (which stays the input's), each of the input's rank;
    /// `None` dimensions stay unknown. Every layer is called again on the
    /// new shapes, so output shapes, compute costs and memory figures are
    /// recomputed; layers keep their names, settings and weights, and the
    /// new model its name.
    ///
    /// A model nested in this one is called on its new input shapes as
    /// Keras calls it: they must fit its own inputs, and its own layers
    /// keep the shapes they were built with (what Keras's expanded summary
    /// shows). Its compute and memory figures follow the shapes it is
    /// called on.
    ///
    /// Errors name the input or the layer: a shape of the wrong rank or
    /// with a negative dimension, a shape a layer rejects, or one on which
    /// a layer would need other weights than it has (Keras's error when
    /// its built layers are called on such inputs: `Dense` after
    /// `Flatten` on a larger image).
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// kerasinfo::naming::clear_session();
    /// let model = Sequential::new()
    ///     .add(Input::new([None, None, Some(3)]))
    ///     .add(Conv2D::new(8, 3))
    ///     .add(GlobalAveragePooling2D::new())
    ///     .add(Dense::new(2))
    ///     .build()?;
    /// assert_eq!(model.summary().cost(), None); // unknown image size
    /// let at_32 = model.with_input_shapes([[32, 32, 3]])?;
    /// let s = at_32.summary();
    /// assert_eq!(s.rows[0].output_shape_text(), "(None, 30, 30, 8)");
    /// assert_eq!(s.total_params, model.summary().total_params);
    /// assert_eq!(s.cost().map(|c| c.macs), Some(30 * 30 * 8 * 27 + 16));
    ///
    /// // A 2x2 image is too small for the 3x3 kernel: the error names the layer.
    /// let e = model.with_input_shapes([[2, 2, 3]]).unwrap_err();
    /// assert!(e.to_string().starts_with("layer \"conv2d\" (Conv2D)"), "{e}");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub fn with_input_shapes<S: Into<ShapeArg>>(
        &self,
        shapes: impl IntoIterator<Item = S>,
    ) -> Result<Model> {
        let model_err = |reason: String| Error::Model {
            model: self.name().to_owned(),
            reason,
        };
        if !self.is_built() {
            return Err(model_err(
                "this Sequential model has no Input and was never built; give it an Input first"
                    .into(),
            ));
        }
        let shapes: Vec<ShapeArg> = shapes.into_iter().map(Into::into).collect();
        let inputs = self.inputs();
        if shapes.len() != inputs.len() {
            let names: Vec<String> = inputs.iter().map(|t| t.layer().name().to_owned()).collect();
            return Err(model_err(format!(
                "expects {} input shape(s), one per input ({}), received {}",
                inputs.len(),
                names.join(", "),
                shapes.len()
            )));
        }
        // Each old tensor's replacement.
        let mut tensors: idmap::IdMap<(u64, usize), Tensor> = idmap::IdMap::default();
        let mut new_inputs = Vec::with_capacity(inputs.len());
        for (t, arg) in inputs.iter().zip(&shapes) {
            let old = t.shape();
            let input = t.layer();
            let dims = arg.resolve().map_err(|v| {
                input.error(LayerError::Input {
                    shape: old.clone(),
                    reason: format!("new shape: dimensions must be >= 0 or None, received {v}"),
                })
            })?;
            let batch = old.iter().next().unwrap_or(Dim::Unknown);
            let new = Shape::new(std::iter::once(batch).chain(dims.iter().copied()));
            if new.rank() != old.rank() {
                return Err(input.error(LayerError::Input {
                    shape: old.clone(),
                    reason: format!(
                        "the new shape {new} has rank {}, the input's has rank {}",
                        new.rank(),
                        old.rank()
                    ),
                }));
            }
            if !input.is_input() {
                return Err(input.error(LayerError::Other(
                    "this model input is not an InputLayer's output; only a model built on Inputs can be rebuilt".into(),
                )));
            }
            let mut config = input.layer().config().clone();
            config.set_name(input.name());
            let handle = LayerHandle::new(Box::new(Input::with_config(config, new)));
            let tensor = handle.call(super::CallInputs::default())?;
            tensors.insert(t.key(), tensor.clone());
            new_inputs.push(tensor);
        }
        // Each layer's fresh instance (a shared layer stays shared).
        let mut fresh: idmap::IdMap<u64, LayerHandle> = idmap::IdMap::default();
        for node in keras_call_order(self) {
            let layer = &node.layer;
            if layer.is_input() {
                // A model input, replaced above.
                continue;
            }
            let new_tensors = |old: &[Tensor]| -> Result<NodeInputs> {
                let missing = |t| format!("input {t:?} is not computed from the model's inputs");
                let new = |t| tensors.get(&Tensor::key(t)).cloned();
                let error = |t| layer.error(LayerError::Other(missing(t)));
                old.iter().map(|t| new(t).ok_or_else(|| error(t))).collect()
            };
            let (ins, kw) = (new_tensors(&node.inputs)?, new_tensors(&node.kw_inputs)?);
            let handle = fresh
                .entry(layer.id())
                .or_insert_with(|| LayerHandle::new(Box::new(Fresh::new(layer))))
                .clone();
            let first = handle.call_count() == 0;
            let new_shapes: Vec<Shape> = ins.iter().map(|t| t.shape().clone()).collect();
            let call = || handle.call_multi_kw(ins, kw);
            let outs = match clone_scope(self) {
                Some(scope) => crate::naming::with_scope(scope, call),
                None => call(),
            }?;
            if first {
                check_same_weights(layer, &handle, &node.inputs, &new_shapes)?;
            }
            for (i, t) in outs.into_iter().enumerate() {
                tensors.insert((node.id, i), t);
            }
        }
        let new_outputs = self
            .outputs()
            .iter()
            .map(|t| {
                let missing = || format!("output {t:?} is not computed from the model's inputs");
                tensors
                    .get(&t.key())
                    .cloned()
                    .ok_or_else(|| model_err(missing()))
            })
            .collect::<Result<Vec<_>>>()?;
        let graph = super::Graph::new(self.kind(), self.name(), new_inputs, new_outputs)?;
        let config = self.handle().layer().config().clone();
        Ok(Model::with_graph(config, self.kind(), graph))
    }
}

/// The model's nodes in the order Keras's `Function._run_through_graph`
/// calls them (what `clone_model` does): by depth, deepest first, and
/// within a depth in the order `map_graph` first gave the nodes a depth
/// (its `nodes_depths` dict). This order decides the node indices of a
/// layer called several times.
fn keras_call_order(model: &Model) -> Vec<&Arc<Node>> {
    let nodes = model.graph_nodes();
    let in_graph: idmap::IdMap<u64, usize> =
        nodes.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
    // Node index -> depth, and the order depths were first set in.
    let mut depths: Vec<Option<usize>> = vec![None; nodes.len()];
    let mut order: Vec<usize> = Vec::with_capacity(nodes.len());
    let mut op_depths: idmap::IdMap<u64, usize> = idmap::IdMap::default();
    for (i, node) in nodes.iter().enumerate().rev() {
        let Some(slot) = depths.get_mut(i) else {
            continue;
        };
        let own = match *slot {
            Some(d) => d,
            None => {
                order.push(i);
                0
            }
        };
        let op = op_depths.entry(node.layer.id()).or_insert(0);
        let depth = own.max(*op);
        *op = depth;
        *slot = Some(depth);
        for t in node.connections() {
            let Some(&p) = in_graph.get(&t.node.id) else {
                continue;
            };
            if let Some(parent) = depths.get_mut(p) {
                if parent.is_none() {
                    order.push(p);
                }
                // bounded: a depth is below the number of nodes
                *parent = Some(parent.unwrap_or(0).max(depth.saturating_add(1)));
            }
        }
    }
    let depth_of = |i: usize| depths.get(i).copied().flatten().unwrap_or(0);
    // Stable: within a depth, the insertion order.
    order.sort_by_key(|&i| std::cmp::Reverse(depth_of(i)));
    order.into_iter().filter_map(|i| nodes.get(i)).collect()
}

/// The error when `fresh` (called on new shapes) made other weights than
/// `layer` has: Keras's built layer rejects such inputs.
fn check_same_weights(
    layer: &LayerHandle,
    fresh: &LayerHandle,
    old_inputs: &[Tensor],
    new_inputs: &[Shape],
) -> Result<()> {
    let old = layer.weight_specs().unwrap_or_default();
    let new = fresh.weight_specs().unwrap_or_default();
    let (old, new) = (weight_shapes(&old), weight_shapes(&new));
    if old == new {
        return Ok(());
    }
    let shown =
        |ws: &[(String, Shape)]| comma_separated(ws.iter().map(|(n, s)| format!("{n} {s}")));
    Err(layer.error(LayerError::Other(format!(
        "on input {} it would need weights {}, but it was built on input {} with weights {}",
        comma_separated(new_inputs),
        shown(&new),
        comma_separated(old_inputs.iter().map(Tensor::shape)),
        shown(&old)
    ))))
}

/// One call of a layer when a model is called on given shapes.
pub(crate) struct Call<'a> {
    pub(crate) node: &'a Node,
    pub(crate) inputs: Vec<Shape>,
    pub(crate) outputs: OutputShapes,
}

/// Every call of `model`'s graph, in order, with the shapes it takes when
/// the model is called on tensors of shapes `inputs`. `InputLayer` nodes
/// are left out.
pub(crate) fn replay<'a>(
    model: &'a Model,
    inputs: &[Shape],
) -> std::result::Result<Vec<Call<'a>>, LayerError> {
    let mut calls = Vec::with_capacity(model.graph_nodes().len());
    run_graph(
        model.inputs(),
        model.graph_nodes(),
        inputs,
        |node, inputs, outputs| {
            calls.push(Call {
                node,
                inputs,
                outputs,
            });
        },
    )?;
    Ok(calls)
}

/// Runs the graph of `nodes` from its `inputs` on tensors of shapes
/// `shapes` (as Keras runs a nested model's graph: its layers record
/// nothing), giving `each` every call but an `InputLayer`'s with its input
/// and output shapes; returns every tensor's shape by its key.
pub(crate) fn run_graph<'a>(
    inputs: &[Tensor],
    nodes: &'a [Arc<Node>],
    shapes: &[Shape],
    mut each: impl FnMut(&'a Node, Vec<Shape>, OutputShapes),
) -> std::result::Result<idmap::IdMap<(u64, usize), Shape>, LayerError> {
    let mut map: idmap::IdMap<(u64, usize), Shape> = idmap::IdMap::default();
    for (t, s) in inputs.iter().zip(shapes) {
        map.insert(t.key(), s.clone());
    }
    for node in nodes {
        if node.layer.is_input() {
            if let Some(s) = node.outputs.first() {
                map.entry((node.id, 0)).or_insert_with(|| s.clone());
            }
            continue;
        }
        let ins: Vec<Shape> = node
            .inputs
            .iter()
            .map(|t| map.get(&t.key()).unwrap_or_else(|| t.shape()).clone())
            .collect();
        let outs = node
            .layer
            .layer()
            .compute_output_shape(&ins)
            .map_err(|e| LayerError::Other(node.layer.error(e).to_string()))?;
        for (i, s) in outs.iter().enumerate() {
            map.insert((node.id, i), s.clone());
        }
        each(node, ins, outs);
    }
    Ok(map)
}

/// The model a layer is, when it is a model nested in another (not a
/// wrapper holding one, such as `TimeDistributed(model)`, whose calls
/// take other shapes than the model's).
pub(crate) fn called_model(layer: &LayerHandle) -> Option<Model> {
    layer.as_model().filter(|_| layer.layer().is_model())
}

/// Whether `inputs` are exactly the shapes `model` was built on (its
/// graph's own shapes then hold for the call).
pub(crate) fn own_shapes(model: &Model, inputs: &[Shape]) -> bool {
    model.inputs().len() == inputs.len()
        && model
            .inputs()
            .iter()
            .zip(inputs)
            .all(|(t, s)| t.shape() == s)
}
