//! Models: the `Sequential` and `Functional` builders, and the [`Model`]
//! they build (a graph of layer calls, usable itself as a layer).

mod graph;
pub(crate) mod idmap;
mod node;
pub(crate) mod rebuild;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::Arc;

pub use node::{CallInputs, LayerHandle, Tensor};

use crate::error::{Error, LayerError, Result};
use crate::layer::{Layer, LayerConfig, OutputShapes};
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
}

pub(crate) struct Graph {
    pub(crate) kind: ModelKind,
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
    /// A Sequential without an `Input` (never built): no inputs, outputs or
    /// nodes; its layers are `map.operations`.
    pub(crate) unbuilt: bool,
}

/// A built Keras model. Cheap to clone (the graph is shared); a clone can
/// take its own `trainable` flag and be nested in another model as a layer.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let model = Sequential::new()
///     .name("tiny")
///     .add(Input::new([3]))
///     .add(Dense::new(2))
///     .build()?;
/// assert_eq!(model.name(), "tiny");
/// assert_eq!(model.summary().total_params, 8);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Model {
    config: LayerConfig,
    graph: Arc<Graph>,
}

impl fmt::Debug for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Model")
            .field("name", &self.name())
            .field("class", &self.graph.kind.class_name())
            .field("layers", &self.layers().len())
            .finish()
    }
}

impl Model {
    /// The model's name.
    #[must_use]
    pub fn name(&self) -> &str {
        self.config.name.as_deref().unwrap_or_default()
    }

    /// `Sequential` or `Functional`.
    #[must_use]
    pub fn kind(&self) -> ModelKind {
        self.graph.kind
    }

    /// Whether the model is trainable (`model.trainable`).
    #[must_use]
    pub fn is_trainable(&self) -> bool {
        self.config.trainable
    }

    /// `model.layers`: the layers in Keras's order (a Sequential's
    /// InputLayer left out, as Keras does).
    #[must_use]
    pub fn layers(&self) -> &[LayerHandle] {
        match self.graph.layers_from {
            Some(from) => self.graph.map.operations.get(from..).unwrap_or_default(),
            None => &self.graph.layers,
        }
    }

    /// The layer named `name`, if any (`model.get_layer(name)`).
    #[must_use]
    pub fn get_layer(&self, name: &str) -> Option<&LayerHandle> {
        self.layers().iter().find(|l| l.name() == name)
    }

    /// The model's input tensors.
    #[must_use]
    pub fn inputs(&self) -> &[Tensor] {
        &self.graph.inputs
    }

    /// The model's output tensors.
    #[must_use]
    pub fn outputs(&self) -> &[Tensor] {
        &self.graph.outputs
    }

    /// Whether the model is built: `false` for a Sequential given no
    /// `Input` (Keras's delayed-build pattern), whose summary shows `?`
    /// shapes and `0 (unbuilt)` params.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// # fn main() -> kerasinfo::Result<()> {
    /// let m = Sequential::new().add(Dense::new(4)).add(Dense::new(2)).build()?;
    /// assert!(!m.is_built());
    /// assert_eq!(m.summary().rows[0].output_shape_text(), "?");
    /// assert!(Sequential::new().input_shape([3]).add(Dense::new(2)).build()?.is_built());
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn is_built(&self) -> bool {
        !self.graph.unbuilt
    }

    /// Whether Keras prints this model's summary without a `Connected to`
    /// column (a Sequential, or a chain of single-input, unshared layers).
    #[must_use]
    pub fn is_sequential_like(&self) -> bool {
        self.graph.sequential_like
    }

    /// `model.weights`: every weight once, with Keras 3 paths and the
    /// trainable flags in force in this model.
    #[must_use]
    pub fn weights(&self) -> Vec<Weight> {
        let mut out = Vec::new();
        let mut seen = idmap::IdSet::default();
        self.collect_weights(!self.config.trainable, &mut seen, &mut out);
        out
    }

    /// The weights of one of this model's layers, as the model sees them.
    #[must_use]
    pub fn layer_weights(&self, layer: &LayerHandle) -> Vec<Weight> {
        let mut out = Vec::new();
        if layer.layer().nested_model().is_none() {
            // A plain layer: no nested model can list a weight twice.
            let own_frozen = !layer.is_trainable();
            let reaches_inner = layer.layer().config().trainable_reaches_inner;
            let frozen = !self.config.trainable;
            layer.weights_into(&mut out, |spec| {
                frozen || (own_frozen && (reaches_inner || !spec.inherited))
            });
            return out;
        }
        let mut seen = idmap::IdSet::default();
        layer_weights_into(layer, !self.config.trainable, &mut seen, &mut out);
        out
    }

    /// Keras's `model.count_params()`: the number of parameters of every
    /// weight of the model, each counted once (computed when the model was
    /// built, so this costs nothing).
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// # fn main() -> kerasinfo::Result<()> {
    /// let m = Sequential::new().input_shape([4]).add(Dense::new(3)).build()?;
    /// assert_eq!(m.count_params(), 15);
    /// assert_eq!(m.count_params(), m.summary().total_params);
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn count_params(&self) -> u64 {
        self.graph.total_params
    }

    pub(crate) fn operations(&self) -> &[LayerHandle] {
        &self.graph.map.operations
    }

    pub(crate) fn graph_nodes(&self) -> &[Arc<Node>] {
        &self.graph.map.nodes
    }

    #[allow(dead_code)] // kept for the renderers
    pub(crate) fn contains_node(&self, id: u64) -> bool {
        self.graph.map.node_ids.binary_search(&id).is_ok()
    }

    fn collect_weights(&self, frozen: bool, seen: &mut idmap::IdSet<u64>, out: &mut Vec<Weight>) {
        for layer in self.operations() {
            layer_weights_into(layer, frozen, seen, out);
        }
    }

    fn from_graph(
        kind: ModelKind,
        name: Option<String>,
        trainable: bool,
        inputs: Vec<Tensor>,
        outputs: Vec<Tensor>,
    ) -> Result<Model> {
        let name = name.unwrap_or_else(|| naming::auto_name(kind.class_name()));
        let model_err = |reason: String| Error::Model {
            model: name.clone(),
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
        check_unique_names(&name, &map.operations)?;
        let sequential_like = kind == ModelKind::Sequential || map.sequential_like;
        let ops = &map.operations;
        let (layers, layers_from) = match kind {
            ModelKind::Sequential => {
                let from = ops.iter().take_while(|l| l.is_input()).count();
                let rest = ops.get(from..).unwrap_or_default();
                if rest.iter().any(|l| l.is_input()) {
                    let layers = ops.iter().filter(|l| !l.is_input()).cloned();
                    (layers.collect(), None)
                } else {
                    (Vec::new(), Some(from))
                }
            }
            ModelKind::Functional => (Vec::new(), Some(0)),
        };
        // Totals must fit in u64 (checked once; summaries then cannot overflow).
        let mut totals = (0u64, 0u64);
        let mut seen = idmap::IdSet::default();
        count_weights(&map.operations, &mut seen, &mut totals).map_err(|b| {
            let (layer, e) = *b;
            Error::Model {
                model: name.clone(),
                reason: format!("{e} (weights of layer \"{layer}\")"),
            }
        })?;
        drop(seen);
        let model = Model {
            config: LayerConfig {
                name: Some(name),
                trainable,
                trainable_reaches_inner: true,
                ..LayerConfig::default() // the global dtype policy, as Keras's models
            },
            graph: Arc::new(Graph {
                kind,
                inputs,
                outputs,
                map,
                layers,
                layers_from,
                sequential_like,
                total_params: totals.0,
                unbuilt: false,
            }),
        };
        Ok(model)
    }

    /// A Sequential never built (no `Input`): its layers, uncalled.
    fn unbuilt(name: String, trainable: bool, layers: Vec<LayerHandle>) -> Result<Model> {
        if let Some(input) = layers.iter().find(|l| l.is_input()) {
            return Err(input.error(LayerError::Other(
                "an InputLayer may only be the first layer of a Sequential model".into(),
            )));
        }
        check_unique_names(&name, &layers)?;
        let mut totals = (0u64, 0u64);
        let mut seen = idmap::IdSet::default();
        count_weights(&layers, &mut seen, &mut totals).map_err(|b| {
            let (layer, e) = *b;
            Error::Model {
                model: name.clone(),
                reason: format!("{e} (weights of layer \"{layer}\")"),
            }
        })?;
        Ok(Model {
            config: LayerConfig {
                name: Some(name),
                trainable,
                trainable_reaches_inner: true,
                ..LayerConfig::default()
            },
            graph: Arc::new(Graph {
                kind: ModelKind::Sequential,
                inputs: Vec::new(),
                outputs: Vec::new(),
                map: graph::GraphMap {
                    nodes: Vec::new(),
                    node_ids: Vec::new(),
                    operations: layers,
                    sequential_like: true,
                },
                layers: Vec::new(),
                layers_from: Some(0),
                sequential_like: true,
                total_params: totals.0,
                unbuilt: true,
            }),
        })
    }

    /// Output shapes of this model called on tensors of the given shapes:
    /// the graph run again on them.
    fn run_shapes(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let graph = &self.graph;
        if graph.unbuilt {
            return Err(LayerError::Other(
                "this Sequential model has no Input and was never built; give it an Input first"
                    .into(),
            ));
        }
        if inputs.len() != graph.inputs.len() {
            return Err(LayerError::InputCount {
                expected: graph.inputs.len().to_string(),
                received: inputs.len(),
            });
        }
        let mut shapes: idmap::IdMap<(u64, usize), Shape> = idmap::IdMap::default();
        for (t, s) in graph.inputs.iter().zip(inputs) {
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
            shapes.insert(t.key(), s.clone());
        }
        for node in self.graph_nodes() {
            if node.layer.is_input() {
                if let Some(s) = node.outputs.first() {
                    shapes.entry((node.id, 0)).or_insert_with(|| s.clone());
                }
                continue;
            }
            let mut ins = Vec::with_capacity(node.inputs.len());
            for t in &node.inputs {
                match shapes.get(&t.key()) {
                    Some(s) => ins.push(s.clone()),
                    None => ins.push(t.shape().clone()),
                }
            }
            let outs = node
                .layer
                .layer()
                .compute_output_shape(&ins)
                .map_err(|e| LayerError::Other(node.layer.error(e).to_string()))?;
            for (i, s) in outs.into_iter().enumerate() {
                shapes.insert((node.id, i), s);
            }
        }
        Ok(graph
            .outputs
            .iter()
            .map(|t| {
                shapes
                    .get(&t.key())
                    .cloned()
                    .unwrap_or_else(|| t.shape().clone())
            })
            .collect())
    }
}

/// Keras's name-unicity check: every operation of a model has its own name.
fn check_unique_names(model: &str, operations: &[LayerHandle]) -> Result<()> {
    // SipHash: names come from configs, which may be hostile.
    let mut names: HashSet<&str> = HashSet::with_capacity(operations.len());
    if operations.iter().all(|op| names.insert(op.name())) {
        return Ok(());
    }
    // Rare: report the first duplicated name in operation order, with its count.
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for op in operations {
        let c = counts.entry(op.name()).or_default();
        // bounded: at most operations.len()
        *c = c.saturating_add(1);
    }
    for op in operations {
        let count = counts.get(op.name()).copied().unwrap_or(0);
        if count > 1 {
            return Err(Error::DuplicateName {
                model: model.to_owned(),
                name: op.name().to_owned(),
                count,
            });
        }
    }
    Ok(())
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
        if let Some(inner) = layer.layer().nested_model() {
            count_weights(inner.operations(), seen, totals)?;
            continue;
        }
        let sums = layer.weight_totals().and_then(|(params, bits)| {
            Some((totals.0.checked_add(params)?, totals.1.checked_add(bits)?))
        });
        if let Some(sums) = sums {
            *totals = sums;
            continue;
        }
        // A sum past u64: the specs, one by one, tell which weight passes it.
        let dtype = layer.layer().config().dtype;
        layer
            .with_weight_specs(|specs| {
                for spec in specs {
                    let (n, bits) = spec.count_and_bits(dtype)?;
                    totals.0 = checked_add(totals.0, n)?;
                    totals.1 = checked_add(totals.1, bits)?;
                }
                Ok(())
            })
            .map_err(|e| Box::new((layer.name().to_owned(), e)))?;
    }
    Ok(())
}

fn layer_weights_into(
    layer: &LayerHandle,
    frozen: bool,
    seen: &mut idmap::IdSet<u64>,
    out: &mut Vec<Weight>,
) {
    if !seen.insert(layer.id()) {
        return;
    }
    if let Some(inner) = layer.layer().nested_model() {
        // Freezing a model freezes every layer in it (Keras's setter).
        let frozen = frozen || !layer.is_trainable() || !inner.config.trainable;
        inner.collect_weights(frozen, seen, out);
        return;
    }
    let own_frozen = !layer.is_trainable();
    let reaches_inner = layer.layer().config().trainable_reaches_inner;
    layer.weights_into(out, |spec| {
        frozen || (own_frozen && (reaches_inner || !spec.inherited))
    });
}

/// A model used as a layer of another model (Keras calls the model itself;
/// here [`Model::call`], [`Model::shared`] and `Sequential::add(model)` wrap
/// it in this type). Its weights keep their own paths, and a frozen model
/// freezes every weight inside.
#[derive(Debug, Clone)]
pub struct NestedModel(pub Model);

impl Layer for NestedModel {
    fn class_name(&self) -> &str {
        self.0.graph.kind.class_name()
    }

    fn config(&self) -> &LayerConfig {
        &self.0.config
    }

    fn config_mut(&mut self) -> &mut LayerConfig {
        &mut self.0.config
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        self.0.run_shapes(inputs)
    }

    fn weights(&self, _inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        Ok(self
            .0
            .weights()
            .into_iter()
            .map(|w| WeightSpec {
                name: w.path.into(),
                shape: w.shape,
                dtype: Some(w.dtype),
                trainable: w.trainable,
                inherited: false,
            })
            .collect())
    }

    fn nested_model(&self) -> Option<&Model> {
        Some(&self.0)
    }
}

/// Anything [`Sequential::add`] accepts: every [`Layer`], and a [`Model`]
/// (nested).
pub trait IntoLayer {
    /// The layer, boxed.
    fn into_layer(self) -> Box<dyn Layer>;
}

impl<L: Layer> IntoLayer for L {
    fn into_layer(self) -> Box<dyn Layer> {
        Box::new(self)
    }
}

impl IntoLayer for Model {
    fn into_layer(self) -> Box<dyn Layer> {
        Box::new(NestedModel(self))
    }
}

/// # Using a model as a layer
impl Model {
    /// Keras's `model.trainable = ...`: `false` freezes every weight of the
    /// model, also where it is nested in another model.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// # fn main() -> kerasinfo::Result<()> {
    /// let m = Sequential::new().input_shape([3]).add(Dense::new(2)).build()?.trainable(false);
    /// assert_eq!(m.summary().trainable_params, 0);
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn trainable(mut self, trainable: bool) -> Self {
        self.config.trainable = trainable;
        self
    }

    /// Makes this model a layer instance that can be called on several
    /// tensors, sharing its weights (it takes the model's name).
    #[must_use]
    pub fn shared(&self) -> LayerHandle {
        LayerHandle::new(Box::new(NestedModel(self.clone())))
    }

    /// Calls the model on tensors, like `model(x)` in Keras, returning its
    /// single output. Each call makes a new layer instance; to call one
    /// model several times in a graph, call its [`shared`](Self::shared)
    /// handle instead.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// # fn main() -> kerasinfo::Result<()> {
    /// let inner = Sequential::new().name("enc").input_shape([8]).add(Dense::new(4)).build()?;
    /// let x = Input::new([8]).tensor()?;
    /// let y = inner.call(&x)?;
    /// let outer = Functional::new(&x, &y).build()?;
    /// assert_eq!(outer.summary().rows[1].class_name, "Sequential");
    /// # Ok(()) }
    /// ```
    pub fn call(&self, inputs: impl Into<CallInputs>) -> Result<Tensor> {
        self.shared().call(inputs)
    }

    /// Calls the model and returns all its outputs.
    pub fn call_multi(&self, inputs: impl Into<CallInputs>) -> Result<Vec<Tensor>> {
        self.shared().call_multi(inputs)
    }
}

/// Builds a functional model from input and output tensors, like
/// `keras.Model(inputs, outputs, name=...)`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// kerasinfo::naming::clear_session();
/// let a = Input::new([8]).tensor()?;
/// let b = Input::new([8]).tensor()?;
/// let sum = Add::new().call([&a, &b])?;
/// let out = Dense::new(1).call(&sum)?;
/// let model = Functional::new([&a, &b], &out).name("adder").build()?;
/// assert!(!model.is_sequential_like());
/// assert_eq!(model.summary().total_params, 9);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Functional {
    inputs: Vec<Tensor>,
    outputs: Vec<Tensor>,
    name: Option<String>,
    trainable: bool,
}

impl Functional {
    /// A functional model from `inputs` to `outputs`.
    pub fn new(inputs: impl Into<CallInputs>, outputs: impl Into<CallInputs>) -> Self {
        Functional {
            inputs: inputs.into().0.into_vec(),
            outputs: outputs.into().0.into_vec(),
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
        Model::from_graph(
            ModelKind::Functional,
            self.name,
            self.trainable,
            self.inputs,
            self.outputs,
        )
    }
}

/// Builds a sequential model, like `keras.Sequential([...], name=...)`: an
/// [`Input`](crate::layers::Input) first, then layers, each called on the
/// previous one's output.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// kerasinfo::naming::clear_session();
/// let model = Sequential::new()
///     .add(Input::new([28, 28, 1]))
///     .add(Conv2D::new(8, (3, 3)).activation("relu"))
///     .add(Flatten::new())
///     .add(Dense::new(10))
///     .build()?;
/// assert_eq!(model.name(), "sequential");
/// assert_eq!(model.summary().total_params, 80 + 26 * 26 * 8 * 10 + 10);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct Sequential {
    layers: Vec<LayerHandle>,
    name: Option<String>,
    trainable: bool,
}

impl Sequential {
    /// An empty sequential model.
    pub fn new() -> Self {
        Sequential {
            layers: Vec::new(),
            name: None,
            trainable: true,
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
    /// # fn main() -> kerasinfo::Result<()> {
    /// let m = Sequential::new().input_shape([4]).add(Dense::new(2)).build()?;
    /// assert_eq!(m.summary().rows[0].output_shape_text(), "(None, 2)");
    /// # Ok(()) }
    /// ```
    pub fn input_shape(self, shape: impl Into<crate::shape::ShapeArg>) -> Self {
        self.add(crate::layers::Input::new(shape))
    }

    /// Appends a layer (`model.add(layer)`); it takes its automatic name now.
    #[allow(clippy::should_implement_trait)] // Keras's name for it
    pub fn add(mut self, layer: impl IntoLayer) -> Self {
        self.layers.push(LayerHandle::new(layer.into_layer()));
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

    /// Calls each layer on the previous output and maps the graph.
    pub fn build(self) -> Result<Model> {
        let name = self
            .name
            .unwrap_or_else(|| naming::auto_name(ModelKind::Sequential.class_name()));
        let Some(first) = self.layers.first() else {
            return Err(Error::Model {
                model: name,
                reason: "a Sequential model needs an Input first, then layers".into(),
            });
        };
        if !first.layer().is_input() && first.layer().nested_model().is_none() {
            // Keras's delayed-build pattern: no Input, the model stays unbuilt.
            return Model::unbuilt(name, self.trainable, self.layers);
        }
        if !first.layer().is_input() {
            return Err(Error::Model {
                model: name,
                reason: format!(
                    "the first layer must be an Input giving the input shape, not \"{}\" ({})",
                    first.name(),
                    first.class_name()
                ),
            });
        }
        let (input, outputs) = naming::with_scope(&name, || Self::chain(&self.layers))?;
        if self.layers.len() > 1 {
            // Keras builds its inner Functional here, which takes a name.
            let _ = naming::auto_name(ModelKind::Functional.class_name());
        }
        Model::from_graph(
            ModelKind::Sequential,
            Some(name),
            self.trainable,
            vec![input],
            outputs,
        )
    }

    /// Calls each layer on the previous one's output.
    fn chain(layers: &[LayerHandle]) -> Result<(Tensor, Vec<Tensor>)> {
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
                return Err(layer.error(LayerError::Other(
                    "an InputLayer may only be the first layer of a Sequential model".into(),
                )));
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
