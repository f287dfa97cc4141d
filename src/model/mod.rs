//! Models: the `Sequential` and `Functional` builders, and the [`Model`]
//! they build (a graph of layer calls, usable itself as a layer).

mod graph;
pub(crate) mod idmap;
pub(crate) mod input;
mod node;
pub(crate) mod rebuild;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::BuildHasherDefault;
use std::sync::{Arc, OnceLock};

pub use node::{CallInputs, LayerHandle, Masks, Tensor};

use crate::error::{Error, LayerError, Result};
use crate::layer::{Layer, LayerConfig, LayerExt, OutputShapes};
use crate::naming;
use crate::shape::Shape;
use crate::weight::{Weight, WeightSpec, checked_add};
use graph::GraphMap;
#[cfg(feature = "keras-json")]
pub(crate) use node::NodeInputs;
pub(crate) use node::{Node, with_shapes};

/// Which Keras class a model is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelKind {
    /// `keras.Sequential`
    Sequential,
    /// `keras.Model(inputs, outputs)` (class `Functional`)
    Functional,
}

impl ModelKind {
    /// The Keras class name.
    ///
    /// ```
    /// assert_eq!(kerasinfo::ModelKind::Sequential.class_name(), "Sequential");
    /// ```
    #[must_use]
    pub fn class_name(self) -> &'static str {
        match self {
            ModelKind::Sequential => "Sequential",
            ModelKind::Functional => "Functional",
        }
    }

    /// The kind of model a Keras config's `class_name` describes
    /// (`"Model"` is Keras's name for a Functional model too).
    #[cfg_attr(not(feature = "keras-json"), allow(dead_code))]
    pub(crate) fn from_config_class(class: &str) -> Option<ModelKind> {
        match class {
            "Functional" | "Model" => Some(ModelKind::Functional),
            "Sequential" => Some(ModelKind::Sequential),
            _ => None,
        }
    }
}

pub(crate) struct Graph {
    pub(crate) inputs: Vec<Tensor>,
    pub(crate) outputs: Vec<Tensor>,
    pub(crate) map: GraphMap,
    /// `model.layers`: operations, without a Sequential's InputLayer;
    /// empty when they are `map.operations[layers_from..]`.
    layers: Vec<LayerHandle>,
    /// Where `model.layers` starts in `map.operations`, when it is their
    /// tail (always, for a Sequential: its InputLayer is the deepest).
    layers_from: Option<usize>,
    pub(crate) sequential_like: bool,
    /// The parameter count of every weight once (checked when built).
    pub(crate) total_params: u64,
    /// The keys of the inputs and outputs given as dicts (sorted, as
    /// Keras orders them).
    pub(crate) keys: OnceLock<DictKeys>,
}

/// The keys of a model's inputs and outputs given as dicts.
pub(crate) type DictKeys = (Option<Vec<String>>, Option<Vec<String>>);

/// What a model is made of: its graph once built, or (a Sequential given
/// no `Input`) the layers it will call when it is.
pub(crate) struct ModelBody {
    kind: ModelKind,
    /// The graph: set when the model is made, or for a Sequential without
    /// an `Input`, when it is first called (Keras builds it then).
    graph: OnceLock<Graph>,
    /// A Sequential's layers while it is not built (Keras's `_layers`).
    pending: Vec<LayerHandle>,
    /// The parameters of `pending` (layers called elsewhere), checked.
    pending_params: u64,
}

impl ModelBody {
    /// Keras's `model._layers` (see [`Model::sublayers`]).
    fn sublayers(&self) -> &[LayerHandle] {
        match self.graph.get() {
            Some(g) => &g.map.operations,
            None => &self.pending,
        }
    }
}

/// The layer a model is when it is called in another model: it shares its
/// body with the [`Model`] values of the same instance.
#[derive(Clone)]
pub(crate) struct ModelLayer {
    config: LayerConfig,
    body: Arc<ModelBody>,
}

impl fmt::Debug for ModelLayer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ModelLayer")
            .field("name", &self.config.name())
            .field("class", &self.body.kind.class_name())
            .finish()
    }
}

/// A Keras model: a [`Sequential`] or [`Functional`] once made. Cloning a
/// `Model` gives the same model (as assigning a Python variable does): a
/// change of its `trainable` attribute is seen by every clone and by every
/// model it is nested in, and calling it twice in a graph shares its
/// weights, as in Keras.
///
/// ```
/// use kerasinfo::prelude::*;
/// let model = Sequential::new()
///     .name("tiny")
///     .add(Input::new([3]))
///     .add(Dense::new(2))
///     .build()?;
/// assert_eq!(model.name(), "tiny");
/// assert_eq!(model.summary().total_params, 8);
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[derive(Clone)]
pub struct Model {
    handle: LayerHandle,
    body: Arc<ModelBody>,
}

impl fmt::Debug for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Model")
            .field("name", &self.name())
            .field("class", &self.body.kind.class_name())
            .field("layers", &self.layers().len())
            .finish()
    }
}

impl Model {
    /// The model a layer instance is (or wraps, as `TimeDistributed(model)`).
    pub(crate) fn from_handle(handle: &LayerHandle) -> Option<Model> {
        let layer = handle.layer();
        if let Some(m) = layer.as_any().downcast_ref::<ModelLayer>() {
            return Some(Model {
                handle: handle.clone(),
                body: Arc::clone(&m.body),
            });
        }
        layer.nested_model().cloned()
    }

    /// The model's name.
    #[must_use]
    pub fn name(&self) -> &str {
        self.handle.name()
    }

    /// `Sequential` or `Functional`.
    #[must_use]
    pub fn kind(&self) -> ModelKind {
        self.body.kind
    }

    /// Keras's `model.trainable` attribute.
    #[must_use]
    pub fn is_trainable(&self) -> bool {
        self.handle.is_trainable()
    }

    /// The model as a layer instance: what [`call`](Self::call) calls,
    /// and what [`layers`](Self::layers) of a model it is nested in lists.
    #[must_use]
    pub fn handle(&self) -> &LayerHandle {
        &self.handle
    }

    fn graph(&self) -> Option<&Graph> {
        self.body.graph.get()
    }

    /// `model.layers`: the layers in Keras's order (a Sequential's
    /// InputLayer left out, as Keras does). Keras 3 operations (`ops.add`,
    /// a mask's `not_equal`) are not layers: see
    /// [`operations`](Self::operations).
    #[must_use]
    pub fn layers(&self) -> &[LayerHandle] {
        let Some(graph) = self.graph() else {
            return &self.body.pending;
        };
        match graph.layers_from {
            Some(from) => graph.map.operations.get(from..).unwrap_or_default(),
            None => &graph.layers,
        }
    }

    /// The layer named `name`, if any (`model.get_layer(name)`).
    #[must_use]
    pub fn get_layer(&self, name: &str) -> Option<&LayerHandle> {
        self.layers().iter().find(|l| l.name() == name)
    }

    /// The model's input tensors (none while not built).
    #[must_use]
    pub fn inputs(&self) -> &[Tensor] {
        self.graph().map_or(&[], |g| &g.inputs)
    }

    /// The model's output tensors (none while not built).
    #[must_use]
    pub fn outputs(&self) -> &[Tensor] {
        self.graph().map_or(&[], |g| &g.outputs)
    }

    /// Keras's `model.input_names`: the names of the model's input layers,
    /// in the order of [`inputs`](Self::inputs) (a dict's: by key).
    #[must_use]
    pub fn input_names(&self) -> Vec<&str> {
        self.inputs().iter().map(|t| t.layer().name()).collect()
    }

    /// Keras's `model.output_names`: the names of the layers giving the
    /// model's outputs, in the order of [`outputs`](Self::outputs) (a
    /// dict's: by key).
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([4]).tensor()?;
    /// let p = Dense::new(1).name("priority").call(&x)?;
    /// let d = Dense::new(3).name("department").call(&x)?;
    /// let model = Functional::new(&x, [("priority", &p), ("department", &d)]).build()?;
    /// assert_eq!(model.output_names(), ["department", "priority"]);
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[must_use]
    pub fn output_names(&self) -> Vec<&str> {
        self.outputs().iter().map(|t| t.layer().name()).collect()
    }

    /// The keys of the inputs and outputs when they were given as dicts.
    #[cfg_attr(not(feature = "keras-json"), allow(dead_code))]
    pub(crate) fn dict_keys(&self) -> (Option<&[String]>, Option<&[String]>) {
        match self.graph().and_then(|g| g.keys.get()) {
            Some((i, o)) => (i.as_deref(), o.as_deref()),
            None => (None, None),
        }
    }

    /// Whether the model is built: `false` for a Sequential given no
    /// `Input` (Keras's delayed-build pattern) until it is called, whose
    /// summary shows `?` shapes and `0 (unbuilt)` params.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let m = Sequential::new().add(Dense::new(4)).add(Dense::new(2)).build()?;
    /// assert!(!m.is_built());
    /// assert_eq!(m.summary().rows[0].output_shape_text(), "?");
    /// assert!(Sequential::new().input_shape([3]).add(Dense::new(2)).build()?.is_built());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[must_use]
    pub fn is_built(&self) -> bool {
        self.graph().is_some()
    }

    /// Whether Keras prints this model's summary without a `Connected to`
    /// column (a Sequential, or a chain of single-input, unshared layers).
    #[must_use]
    pub fn is_sequential_like(&self) -> bool {
        self.graph().is_none_or(|g| g.sequential_like)
    }

    /// `model.weights`: every weight once, with Keras 3 paths and the
    /// trainable flags in force in this model (all `false` in a model
    /// whose `trainable` attribute is false, as Keras's
    /// `model.trainable_weights` is then empty).
    #[must_use]
    pub fn weights(&self) -> Vec<Weight> {
        let mut out = Vec::new();
        let mut seen = idmap::IdSet::default();
        self.collect_weights(!self.is_trainable(), &mut seen, &mut out);
        out
    }

    /// The weights of one of this model's layers, as the model sees them.
    #[must_use]
    pub fn layer_weights(&self, layer: &LayerHandle) -> Vec<Weight> {
        let mut out = Vec::new();
        let frozen = !self.is_trainable();
        match layer.as_model() {
            // A plain layer: no nested model can list a weight twice.
            None => layer.weights_into(&mut out, frozen),
            Some(_) => {
                let mut seen = idmap::IdSet::default();
                layer_weights_into(layer, frozen, &mut seen, &mut out);
            }
        }
        out
    }

    /// Keras's `model.count_params()`: the number of parameters of every
    /// weight of the model, each counted once (computed when the model was
    /// built, so this costs nothing).
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let m = Sequential::new().input_shape([4]).add(Dense::new(3)).build()?;
    /// assert_eq!(m.count_params(), 15);
    /// assert_eq!(m.count_params(), m.summary().total_params);
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[must_use]
    pub fn count_params(&self) -> u64 {
        self.graph()
            .map_or(self.body.pending_params, |g| g.total_params)
    }

    /// Keras's `model.operations`: the graph's layers and operations
    /// (`ops.add`, a mask's `not_equal`) in Keras's order, InputLayers
    /// included (a Sequential's too). A model not built has none.
    ///
    /// ```
    /// use kerasinfo::ops;
    /// use kerasinfo::prelude::*;
    /// kerasinfo::naming::clear_session();
    /// let x = Input::new([4]).tensor()?;
    /// let y = Dense::new(4).call(&ops::add(&x, 1.0)?)?;
    /// let model = Functional::new(&x, &y).build()?;
    /// let ops: Vec<&str> = model.operations().iter().map(|l| l.name()).collect();
    /// assert_eq!(ops, ["input_layer", "add", "dense"]);
    /// let layers: Vec<&str> = model.layers().iter().map(|l| l.name()).collect();
    /// assert_eq!(layers, ["input_layer", "dense"]);
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[must_use]
    pub fn operations(&self) -> &[LayerHandle] {
        self.graph().map_or(&[], |g| &g.map.operations)
    }

    /// What Keras's summary lists: a Sequential's `model.layers`, a
    /// Functional's `model.operations` (its InputLayers and operations
    /// included).
    pub(crate) fn summary_layers(&self) -> &[LayerHandle] {
        match self.kind() {
            ModelKind::Sequential => self.layers(),
            ModelKind::Functional => self.operations(),
        }
    }

    /// Keras's `model._layers`: what `model.trainable = ..` reaches.
    pub(crate) fn sublayers(&self) -> &[LayerHandle] {
        self.body.sublayers()
    }

    pub(crate) fn graph_nodes(&self) -> &[Arc<Node>] {
        self.graph().map_or(&[], |g| &g.map.nodes)
    }

    fn collect_weights(&self, frozen: bool, seen: &mut idmap::IdSet<u64>, out: &mut Vec<Weight>) {
        for layer in self.sublayers() {
            layer_weights_into(layer, frozen, seen, out);
        }
    }

    /// A model of `graph` whose layer has `config` (a rebuilt model's:
    /// the original's name, flag and dtype policy).
    pub(crate) fn with_graph(config: LayerConfig, kind: ModelKind, graph: Graph) -> Model {
        let body = ModelBody {
            kind,
            graph: OnceLock::from(graph),
            pending: Vec::new(),
            pending_params: 0,
        };
        Model::with_config(config, body)
    }

    /// A model from its body and its layer's config.
    fn with_config(config: LayerConfig, body: ModelBody) -> Model {
        let body = Arc::new(body);
        let layer = ModelLayer {
            config,
            body: Arc::clone(&body),
        };
        Model {
            handle: LayerHandle::new(Box::new(layer)),
            body,
        }
    }

    /// A Sequential not built (no `Input`): its layers, uncalled until the
    /// model is called.
    fn unbuilt(name: String, trainable: bool, layers: Vec<LayerHandle>) -> Result<Model> {
        if let Some(input) = layers.iter().find(|l| l.is_input()) {
            return Err(misplaced_input(input));
        }
        check_unique_names(&name, &layers)?;
        let body = ModelBody {
            kind: ModelKind::Sequential,
            graph: OnceLock::new(),
            // A layer added twice (`add_shared`) is counted once.
            pending_params: total_params(&name, &layers, false)?,
            pending: layers,
        };
        Ok(Model::with_config(model_config(name, trainable), body))
    }
}

impl Graph {
    /// Maps the graph from `inputs` to `outputs` and checks it (connected,
    /// unique names, counts that fit).
    pub(crate) fn new(
        kind: ModelKind,
        name: &str,
        inputs: Vec<Tensor>,
        outputs: Vec<Tensor>,
    ) -> Result<Graph> {
        let model_err = |reason: String| Error::Model {
            model: name.to_owned(),
            reason,
        };
        if inputs.is_empty() {
            return Err(model_err("a model needs at least one input".into()));
        }
        if outputs.is_empty() {
            return Err(model_err("a model needs at least one output".into()));
        }
        let map = graph::map_graph(&inputs, &outputs).map_err(|e| match e {
            graph::GraphError::Cycle(layer) => {
                model_err(format!("layer \"{layer}\" is part of a cycle"))
            }
            graph::GraphError::Disconnected { layer, tensor } => model_err(format!(
                "graph disconnected: cannot find parent for tensor {tensor} at layer \"{layer}\""
            )),
        })?;
        check_unique_names(name, &map.operations)?;
        let sequential = kind == ModelKind::Sequential;
        let ops = &map.operations;
        // Operations (`ops.add`, a mask's `not_equal`) are not among Keras's
        // `model.layers`, nor is a Sequential's InputLayer.
        let is_layer = |l: &LayerHandle| !(l.layer().is_operation() || sequential && l.is_input());
        let from = match kind {
            ModelKind::Sequential => ops.iter().take_while(|l| l.is_input()).count(),
            ModelKind::Functional => 0,
        };
        let (layers, layers_from) = if ops.get(from..).unwrap_or_default().iter().all(is_layer) {
            (Vec::new(), Some(from))
        } else {
            (ops.iter().filter(|l| is_layer(l)).cloned().collect(), None)
        };
        Ok(Graph {
            total_params: total_params(name, ops, true)?,
            sequential_like: sequential || map.sequential_like,
            inputs,
            outputs,
            map,
            layers,
            layers_from,
            keys: OnceLock::new(),
        })
    }

    /// Output shapes of this graph called on tensors of the given shapes:
    /// the graph run again on them.
    fn run_shapes(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        if inputs.len() != self.inputs.len() {
            return Err(LayerError::input_count(
                self.inputs.len().to_string(),
                inputs.len(),
            ));
        }
        for (t, s) in self.inputs.iter().zip(inputs) {
            let expected = t.shape();
            let compatible = expected.rank() == s.rank()
                && expected.iter().zip(s.iter()).all(|(a, b)| match (a, b) {
                    (crate::Dim::Known(x), crate::Dim::Known(y)) => x == y,
                    _ => true,
                });
            if !compatible {
                return Err(LayerError::input(
                    s,
                    format!("incompatible with the model's input shape {expected}"),
                ));
            }
        }
        let shapes = rebuild::run_graph(&self.inputs, &self.map.nodes, inputs, |_, _, _| {})?;
        Ok(self
            .outputs
            .iter()
            .map(|t| shapes.get(&t.key()).unwrap_or_else(|| t.shape()).clone())
            .collect())
    }
}

impl ModelLayer {
    /// Builds a Sequential given no `Input` when it is first called on
    /// tensors of `shapes`, as Keras's `Sequential.build` does: an
    /// `InputLayer` of the input's shape (named now), every layer called
    /// in the model's name scope, and the inner Functional (which takes a
    /// name).
    fn build_on_call(&self, shapes: &[Shape]) -> Result<&Graph, LayerError> {
        if let Some(g) = self.body.graph.get() {
            return Ok(g);
        }
        let [shape] = shapes else {
            return Err(LayerError::input_count("1", shapes.len()));
        };
        let name = self.config.name().unwrap_or_default();
        let dtype = self
            .body
            .pending
            .first()
            .map_or(crate::DType::Float32, |l| l.layer().config().compute_dtype);
        let input = input::Input::with_batch_shape(shape.clone()).dtype(dtype);
        let mut layers = Vec::with_capacity(self.body.pending.len().saturating_add(1));
        layers.push(LayerHandle::new(Box::new(input)));
        layers.extend(self.body.pending.iter().cloned());
        let (input, outputs) = naming::with_scope(name, || Sequential::chain(&layers))
            .map_err(|e| LayerError::Other(e.to_string()))?;
        let _ = naming::auto_name(ModelKind::Functional.class_name());
        let graph = Graph::new(ModelKind::Sequential, name, vec![input], outputs)
            .map_err(|e| LayerError::Other(e.to_string()))?;
        Ok(self.body.graph.get_or_init(|| graph))
    }
}

impl Layer for ModelLayer {
    /// Keras's call takes `mask=`.
    fn takes_mask(&self) -> bool {
        true
    }

    fn is_model(&self) -> bool {
        true
    }
    fn class_name(&self) -> &str {
        self.body.kind.class_name()
    }

    layer_common!();

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        self.build_on_call(inputs)?.run_shapes(inputs)
    }

    fn weights(&self, _inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let mut out = Vec::new();
        let mut seen = idmap::IdSet::default();
        for layer in self.body.sublayers() {
            layer_weights_into(layer, false, &mut seen, &mut out);
        }
        Ok(out
            .into_iter()
            .map(|w| {
                let spec = WeightSpec::new(w.path, w.shape.iter().copied()).with_dtype(w.dtype);
                if w.trainable { spec } else { spec.frozen() }
            })
            .collect())
    }
}

/// A model held by a wrapper layer (`TimeDistributed(model)`): the model
/// itself, with a copy of its config for the wrapper's bookkeeping.
#[derive(Debug, Clone)]
pub(crate) struct WrappedModel {
    config: LayerConfig,
    model: Model,
}

impl Layer for WrappedModel {
    fn is_model(&self) -> bool {
        true
    }

    fn class_name(&self) -> &str {
        self.model.kind().class_name()
    }

    layer_common!();

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        self.model.handle.layer().compute_output_shape(inputs)
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        self.model.handle.layer().weights(inputs)
    }

    fn nested_model(&self) -> Option<&Model> {
        Some(&self.model)
    }
}

/// A model's own config: its name and `trainable` attribute, the global
/// dtype policy.
fn model_config(name: String, trainable: bool) -> LayerConfig {
    let mut config = LayerConfig::named(name);
    config.trainable = trainable;
    config
}

/// A name's bytes as a key, hashed as its `str` would be: a short name
/// kept in place is not read back as a `str` (which checks it) for this.
#[derive(PartialEq, Eq)]
struct NameKey<'a>(&'a [u8]);

impl std::hash::Hash for NameKey<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write(self.0);
        state.write_u8(0xff);
    }
}

/// Keras's name-unicity check: every operation of a model has its own name.
fn check_unique_names(model: &str, operations: &[LayerHandle]) -> Result<()> {
    // The importer's unkeyed name hash, not SipHash: a hostile config
    // floods the importer's own maps of these names as much, so a keyed
    // hash here protected nothing, and it is most of this check's cost.
    let mut names: HashSet<NameKey<'_>, BuildHasherDefault<naming::NameHasher>> =
        HashSet::with_capacity_and_hasher(operations.len(), BuildHasherDefault::default());
    if operations
        .iter()
        .all(|op| names.insert(NameKey(op.shared_name().text_bytes())))
    {
        return Ok(());
    }
    // Rare: report the first duplicated name in operation order, with its count.
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for op in operations {
        let c = counts.entry(op.name()).or_default();
        // bounded: at most operations.len()
        *c = c.saturating_add(1);
    }
    let duplicate = operations.iter().find_map(|op| {
        let count = counts.get(op.name()).copied().unwrap_or(0);
        (count > 1).then(|| Error::DuplicateName {
            model: model.to_owned(),
            name: op.name().to_owned(),
            count,
        })
    });
    duplicate.map_or(Ok(()), Err)
}

/// The parameter count of every weight of `layers` (each layer once; a
/// list of `unique` layers needs no set of those seen unless it nests a
/// model, which may share them), checked to fit in `u64` with the bits, so
/// that summaries cannot overflow.
fn total_params(model: &str, layers: &[LayerHandle], unique: bool) -> Result<u64> {
    let mut totals = (0u64, 0u64);
    let counted = if unique && layers.iter().all(|l| l.as_model().is_none()) {
        layers
            .iter()
            .try_for_each(|layer| count_layer_weights(layer, &mut totals))
    } else {
        count_weights(layers, &mut idmap::IdSet::default(), &mut totals)
    };
    counted.map_err(|b| {
        let (layer, e) = *b;
        Error::Model {
            model: model.to_owned(),
            reason: format!("{e} (weights of layer \"{layer}\")"),
        }
    })?;
    Ok(totals.0)
}

/// Adds every weight's count and bits of these operations to `totals`
/// (each layer once), overflow-checked, without building paths.
fn count_weights(
    operations: &[LayerHandle],
    seen: &mut idmap::IdSet<u64>,
    totals: &mut (u64, u64),
) -> std::result::Result<(), Box<(String, LayerError)>> {
    for layer in operations {
        if !seen.insert(layer.id()) {
            continue;
        }
        if let Some(inner) = layer.as_model() {
            count_weights(inner.sublayers(), seen, totals)?;
            continue;
        }
        count_layer_weights(layer, totals)?;
    }
    Ok(())
}

/// Adds the count and bits of the weights of `layer` (not a model) to
/// `totals`, overflow-checked.
fn count_layer_weights(
    layer: &LayerHandle,
    totals: &mut (u64, u64),
) -> std::result::Result<(), Box<(String, LayerError)>> {
    let sums = layer.weight_totals().and_then(|(params, bits)| {
        Some((totals.0.checked_add(params)?, totals.1.checked_add(bits)?))
    });
    if let Some(sums) = sums {
        *totals = sums;
        return Ok(());
    }
    // A sum past u64: the specs, one by one, tell which weight passes it.
    let dtype = layer.layer().config().dtype;
    for spec in layer.weight_specs().unwrap_or_default() {
        let sum = spec
            .count_and_bits(dtype)
            .and_then(|(n, bits)| Ok((checked_add(totals.0, n)?, checked_add(totals.1, bits)?)));
        *totals = sum.map_err(|e| Box::new((layer.name().to_owned(), e)))?;
    }
    Ok(())
}

/// Appends `layer`'s weights (a nested model: every weight in it, each
/// once) with their variables' flags; `frozen` makes them non-trainable.
fn layer_weights_into(
    layer: &LayerHandle,
    frozen: bool,
    seen: &mut idmap::IdSet<u64>,
    out: &mut Vec<Weight>,
) {
    if !seen.insert(layer.id()) {
        return;
    }
    match layer.as_model() {
        // Keras lists a nested model's variables with their own flags: its
        // `trainable` attribute, set by its setter, reached them already.
        Some(inner) => inner.collect_weights(frozen, seen, out),
        None => layer.weights_into(out, frozen),
    }
}

/// Anything [`Sequential::add`] accepts: every [`Layer`], and a [`Model`]
/// (the model itself is added, as in Keras).
pub trait IntoLayer {
    /// The layer, boxed (a model: a layer holding the model, for wrappers
    /// such as `TimeDistributed(model)`).
    fn into_layer(self) -> Box<dyn Layer>;

    /// The layer instance: a new one for a layer, the model's own for a
    /// model.
    fn into_handle(self) -> LayerHandle
    where
        Self: Sized,
    {
        LayerHandle::new(self.into_layer())
    }
}

impl<L: Layer> IntoLayer for L {
    fn into_layer(self) -> Box<dyn Layer> {
        Box::new(self)
    }
}

impl IntoLayer for Model {
    fn into_layer(self) -> Box<dyn Layer> {
        Box::new(WrappedModel {
            config: self.handle.layer().config().clone(),
            model: self,
        })
    }

    fn into_handle(self) -> LayerHandle {
        self.handle
    }
}

/// # Using a model as a layer
impl Model {
    /// Keras's `model.trainable = ...` (the attribute, on the built model):
    /// sets the model's flag and every layer's in it, so `false` freezes
    /// every weight of the model, also where it is nested in another
    /// model; `true` unfreezes them. Keras's constructor argument
    /// (`keras.Model(.., trainable=False)`) is [`Functional::trainable`] /
    /// [`Sequential::trainable`].
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let m = Sequential::new().input_shape([3]).add(Dense::new(2)).build()?.trainable(false);
    /// assert_eq!(m.summary().trainable_params, 0);
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[must_use]
    pub fn trainable(self, trainable: bool) -> Self {
        self.set_trainable(trainable);
        self
    }

    /// Keras's `model.trainable = ...` on a model held elsewhere (a base
    /// model nested in the model being fine-tuned): every model holding it
    /// sees the change. See [`LayerHandle::set_trainable`].
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let base = Sequential::new().input_shape([4]).add(Dense::new(3)).build()?;
    /// let x = Input::new([4]).tensor()?;
    /// let y = Dense::new(1).call(&base.call(&x)?)?;
    /// let model = Functional::new(&x, &y).build()?;
    /// base.set_trainable(false);
    /// assert_eq!(model.summary().trainable_params, 4);
    /// base.set_trainable(true);
    /// assert_eq!(model.summary().trainable_params, 19);
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub fn set_trainable(&self, trainable: bool) {
        self.handle.set_trainable(trainable);
    }

    /// The model's layer instance, to call it several times in a graph
    /// (the same as calling the model: Keras calls the model itself).
    #[must_use]
    pub fn shared(&self) -> LayerHandle {
        self.handle.clone()
    }

    /// Calls the model on tensors, like `model(x)` in Keras, returning its
    /// single output. Calling it again shares its weights, as in Keras. A
    /// Sequential given no `Input` is built by its first call, as in Keras.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let inner = Sequential::new().name("enc").input_shape([8]).add(Dense::new(4)).build()?;
    /// let x = Input::new([8]).tensor()?;
    /// let y = inner.call(&x)?;
    /// let outer = Functional::new(&x, &y).build()?;
    /// assert_eq!(outer.summary().rows[1].class_name, "Sequential");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub fn call(&self, inputs: impl Into<CallInputs>) -> Result<Tensor> {
        self.handle.call(inputs)
    }

    /// Calls the model and returns all its outputs.
    pub fn call_multi(&self, inputs: impl Into<CallInputs>) -> Result<Vec<Tensor>> {
        self.handle.call_multi(inputs)
    }
}

/// Builds a functional model from input and output tensors, like
/// `keras.Model(inputs, outputs, name=...)`.
///
/// ```
/// use kerasinfo::prelude::*;
/// kerasinfo::naming::clear_session();
/// let a = Input::new([8]).tensor()?;
/// let b = Input::new([8]).tensor()?;
/// let sum = Add::new().call([&a, &b])?;
/// let out = Dense::new(1).call(&sum)?;
/// let model = Functional::new([&a, &b], &out).name("adder").build()?;
/// assert!(!model.is_sequential_like());
/// assert_eq!(model.summary().total_params, 9);
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Functional {
    inputs: CallInputs,
    outputs: CallInputs,
    name: Option<String>,
    trainable: bool,
}

impl Functional {
    /// A functional model from `inputs` to `outputs`: a tensor, a list of
    /// tensors, or a dict (pairs of a name and a tensor, which Keras
    /// orders by name; see [`CallInputs`]).
    pub fn new(inputs: impl Into<CallInputs>, outputs: impl Into<CallInputs>) -> Self {
        Functional {
            inputs: inputs.into(),
            outputs: outputs.into(),
            name: None,
            trainable: true,
        }
    }

    /// Keras's `name=`. Defaults to an automatic `functional`, `functional_1`, ….
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Keras's `trainable=`. Defaults to `true`.
    pub fn trainable(mut self, trainable: bool) -> Self {
        self.trainable = trainable;
        self
    }

    /// Maps the graph and checks it (connected, unique names, counts that fit).
    pub fn build(self) -> Result<Model> {
        let kind = ModelKind::Functional;
        let name = self
            .name
            .unwrap_or_else(|| naming::auto_name(kind.class_name()));
        let (inputs, outputs) = (
            self.inputs.tensors.into_vec(),
            self.outputs.tensors.into_vec(),
        );
        let graph = Graph::new(kind, &name, inputs, outputs)?;
        let _ = graph.keys.set((self.inputs.names, self.outputs.names));
        Ok(Model::with_graph(
            model_config(name, self.trainable),
            kind,
            graph,
        ))
    }
}

/// Builds a sequential model, like `keras.Sequential([...], name=...)`: an
/// [`Input`](crate::layers::Input) first, then layers, each called on the
/// previous one's output.
///
/// ```
/// use kerasinfo::prelude::*;
/// kerasinfo::naming::clear_session();
/// let model = Sequential::new()
///     .add(Input::new([28, 28, 1]))
///     .add(Conv2D::new(8, (3, 3)).activation("relu"))
///     .add(Flatten::new())
///     .add(Dense::new(10))
///     .build()?;
/// assert_eq!(model.name(), "sequential");
/// assert_eq!(model.summary().total_params, 80 + 26 * 26 * 8 * 10 + 10);
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Sequential {
    layers: Vec<LayerHandle>,
    name: Option<String>,
    trainable: bool,
    /// Made as `keras.Sequential()` then grown by `model.add(..)`.
    grown: bool,
}

/// [`Sequential::new`]: Rust's spelling of `keras.Sequential()`, trainable
/// as Keras's is.
impl Default for Sequential {
    fn default() -> Self {
        Self::new()
    }
}

impl Sequential {
    /// A sequential model, as Keras's `keras.Sequential([...])`: the
    /// layers given to [`add`](Self::add) are its list, and
    /// [`build`](Self::build) names and builds it.
    pub fn new() -> Self {
        Sequential {
            layers: Vec::new(),
            name: None,
            trainable: true,
            grown: false,
        }
    }

    /// A sequential model as Keras's `keras.Sequential()` followed by
    /// `model.add(layer)` calls: named now (give `.name(..)` right away),
    /// and rebuilt by every `add` once it has its input (Keras's
    /// `_maybe_rebuild`, whose inner Functional takes a name each time) —
    /// which only shows in the automatic names of models made later.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// kerasinfo::naming::clear_session();
    /// let grown = Sequential::empty()
    ///     .add(Input::new([3]))
    ///     .add(Dense::new(2))
    ///     .add(Dense::new(1))
    ///     .build()?;
    /// let x = Input::new([4]).tensor()?;
    /// let m = Functional::new(&x, &Dense::new(2).call(&x)?).build()?;
    /// assert_eq!((grown.name(), m.name()), ("sequential", "functional_2"));
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub fn empty() -> Self {
        Sequential {
            name: Some(naming::auto_name(ModelKind::Sequential.class_name())),
            grown: true,
            ..Sequential::new()
        }
    }

    /// Keras's `name=`. Defaults to an automatic `sequential`, `sequential_1`, ….
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Keras's `trainable=`. Defaults to `true`.
    pub fn trainable(mut self, trainable: bool) -> Self {
        self.trainable = trainable;
        self
    }

    /// Starts the model with an input of this shape (batch dimension left
    /// out), the same as `.add(Input::new(shape))`.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let m = Sequential::new().input_shape([4]).add(Dense::new(2)).build()?;
    /// assert_eq!(m.summary().rows[0].output_shape_text(), "(None, 2)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub fn input_shape(self, shape: impl Into<crate::shape::ShapeArg>) -> Self {
        self.add(input::Input::new(shape))
    }

    /// Appends a layer (`model.add(layer)`); it takes its automatic name now.
    #[allow(clippy::should_implement_trait)] // Keras's name for it
    pub fn add(mut self, layer: impl IntoLayer) -> Self {
        self.layers.push(layer.into_handle());
        self
    }

    /// Appends a boxed layer (e.g. one made by a config importer).
    pub fn add_boxed(mut self, layer: Box<dyn Layer>) -> Self {
        self.layers.push(LayerHandle::new(layer));
        self
    }

    /// Appends an already created (possibly shared) layer instance.
    pub fn add_shared(mut self, layer: &LayerHandle) -> Self {
        self.layers.push(layer.clone());
        self
    }

    /// Makes the model, as `keras.Sequential([...])` does: named now
    /// (after its layers, which were made before), then built when its
    /// input shape is known — an `Input` first, or a built model first
    /// (Keras takes that model's input shape) — by calling each layer on
    /// the previous output in the model's name scope. Otherwise the model
    /// stays unbuilt until it is called (Keras's delayed-build pattern).
    pub fn build(self) -> Result<Model> {
        let name = self
            .name
            .unwrap_or_else(|| naming::auto_name(ModelKind::Sequential.class_name()));
        let mut layers = self.layers;
        let given = layers.len();
        let Some(first) = layers.first() else {
            return Err(Error::Model {
                model: name,
                reason: "a Sequential model needs an Input first, then layers".into(),
            });
        };
        if !first.is_input() {
            // A built model first with one input: Keras builds the
            // Sequential from that input's shape (an InputLayer of its own).
            let input_shape = match (first.as_model(), layers.len()) {
                (Some(m), 2..) => match m.inputs() {
                    [one] => Some(one.shape().clone()),
                    _ => None,
                },
                _ => None,
            };
            let Some(shape) = input_shape else {
                // Keras's delayed-build pattern: no Input, the model stays unbuilt.
                return Model::unbuilt(name, self.trainable, layers);
            };
            let dtype = first.layer().config().compute_dtype;
            let input = input::Input::with_batch_shape(shape).dtype(dtype);
            layers.insert(0, LayerHandle::new(Box::new(input)));
        }
        let (input, outputs) = naming::with_scope(&name, || Self::chain(&layers))?;
        // Keras builds its inner Functional when it has an input and a
        // layer, which takes a name: once for a list, at every `add` from
        // the second layer on for a model grown by `add`.
        let builds = match (self.grown, given) {
            (_, 0 | 1) => 0,
            (false, _) => 1,
            (true, n) => n.saturating_sub(1),
        };
        for _ in 0..builds {
            let _ = naming::auto_name(ModelKind::Functional.class_name());
        }
        let graph = Graph::new(ModelKind::Sequential, &name, vec![input], outputs)?;
        let config = model_config(name, self.trainable);
        Ok(Model::with_graph(config, ModelKind::Sequential, graph))
    }

    /// Calls each layer on the previous one's output.
    pub(crate) fn chain(layers: &[LayerHandle]) -> Result<(Tensor, Vec<Tensor>)> {
        let Some(first) = layers.first() else {
            return Err(Error::Model {
                model: String::new(),
                reason: "empty".into(),
            });
        };
        let input = first.call(CallInputs::default())?;
        let mut x = input.clone();
        // bounded: `layers` is not empty (checked above)
        let last = layers.len().saturating_sub(1);
        for (i, layer) in layers.iter().enumerate().skip(1) {
            if layer.is_input() {
                return Err(misplaced_input(layer));
            }
            let outs = layer.call_one(&x)?;
            if i == last && outs.len() > 1 {
                // Keras builds a Sequential whose last layer has several
                // outputs (e.g. an LSTM with return_state): they are all
                // the model's outputs.
                return Ok((input, outs.into_vec()));
            }
            x = match outs.into_inner() {
                Ok([t]) => t,
                Err(outs) => {
                    return Err(layer.error(LayerError::Other(format!(
                        "all layers in a Sequential model should have a single output tensor, this one has {}",
                        outs.len()
                    ))));
                }
            };
        }
        Ok((input, vec![x]))
    }
}

/// The error for an `InputLayer` past the first layer of a Sequential.
fn misplaced_input(input: &LayerHandle) -> Error {
    input.error(LayerError::Other(
        "an InputLayer may only be the first layer of a Sequential model".into(),
    ))
}
