//! Layer instances, symbolic tensors and the nodes that connect them.
//!
//! As in Keras, calling a layer on tensors creates a *node* (one call of one
//! layer) and returns new tensors whose history points at that node. A layer
//! called twice has two nodes and one set of weights.

use std::borrow::Cow;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};

use smallvec::SmallVec;

use crate::error::{Error, LayerError, Result};
use crate::layer::{InputsArg, Layer, OutputShapes, WeightSink};
use crate::naming;
use crate::shape::Shape;
use crate::weight::{Weight, WeightSpec};

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

fn next_id() -> u64 {
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

#[derive(Debug, Default)]
struct CallState {
    /// Keras's `layer.trainable` attribute, now.
    trainable: bool,
    /// What Keras's `layer.trainable = value` setter last gave the
    /// variables created trainable by the layer and the layers it holds
    /// (`None`: never set; they keep what they were built with).
    vars_trainable: Option<bool>,
    /// How many times the layer was called (a `u32`, and `built` boxed,
    /// so that a layer's allocation stays within glibc's fast bins).
    calls: u32,
    /// What the first call built the weights from, and their totals:
    /// `None` while never called, or for a layer without weights (an
    /// activation, a merge), which is never asked for them again.
    built: Option<Box<Built>>,
    scope: Option<Arc<str>>,
    /// The output shapes of the most recent call, shared with its node.
    last_outputs: Option<Arc<OutputShapes>>,
    /// The first call's node (Keras's `layer.output` and `layer.input`),
    /// alive while a tensor or a model holds it.
    first_node: Option<Weak<Node>>,
}

impl CallState {
    fn calls(&self) -> usize {
        usize::try_from(self.calls).unwrap_or(usize::MAX)
    }
}

/// A layer's weights as its first call created them. The specs themselves
/// are not kept: a layer's `weights` is a pure function of its settings
/// and input shapes, so they are made again when asked for, from the input
/// shapes kept here (shared with the tensor's producer when there is one
/// input). A model of a million layers then holds no weight list per layer.
#[derive(Debug)]
struct Built {
    /// The input shapes: all of them, or output `which` of a call.
    shapes: Arc<OutputShapes>,
    which: u32,
    /// Whether `sums` are the sums (else they pass `u64`, which the
    /// model's count reports, as for any total).
    fits: bool,
    sums: WeightSums,
    /// How many weights the layer declared (a summary row's list is made
    /// at its size).
    count: usize,
}

/// `which` for "every shape".
const ALL_SHAPES: u32 = u32::MAX;

impl Built {
    fn new(inputs: &NodeInputs, sums: Option<WeightSums>, count: usize) -> Self {
        let (shapes, which) = match inputs.as_slice() {
            [one] => match u32::try_from(one.index) {
                Ok(i) if i != ALL_SHAPES => (Arc::clone(&one.node.outputs), i),
                _ => (
                    Arc::new(std::iter::once(one.shape().clone()).collect()),
                    ALL_SHAPES,
                ),
            },
            many => (
                Arc::new(many.iter().map(|t| t.shape().clone()).collect()),
                ALL_SHAPES,
            ),
        };
        Built {
            shapes,
            which,
            fits: sums.is_some(),
            sums: sums.unwrap_or_default(),
            count,
        }
    }

    fn shapes(&self) -> &[Shape] {
        if self.which == ALL_SHAPES {
            return &self.shapes;
        }
        usize::try_from(self.which)
            .ok()
            .and_then(|i| self.shapes.get(i))
            .map_or(&[], std::slice::from_ref)
    }

    fn totals(&self) -> Option<(u64, u64)> {
        self.fits.then_some(self.sums.all)
    }
}

/// The element counts and bits of a layer's weights, `(params, bits)`:
/// all of them, and the two sets a summary counts as trainable — the
/// weights trainable as built (its `trainable` flag unset since), and
/// those created trainable (after `set_trainable(true)`).
#[derive(Debug, Default, Clone, Copy)]
struct WeightSums {
    all: (u64, u64),
    as_built: (u64, u64),
    created: (u64, u64),
}

impl WeightSums {
    /// The sums with one more weight of `n` elements and `bits` bits;
    /// `None` past `u64`.
    fn add(self, n: u64, bits: u64, as_built: bool, created: bool) -> Option<Self> {
        let all = (self.all.0.checked_add(n)?, self.all.1.checked_add(bits)?);
        // bounded: the other two are parts of `all`, which fits
        let plus = |(p, b): (u64, u64), yes: bool| {
            if yes {
                (p.saturating_add(n), b.saturating_add(bits))
            } else {
                (p, b)
            }
        };
        Some(WeightSums {
            all,
            as_built: plus(self.as_built, as_built),
            created: plus(self.created, created),
        })
    }
}

/// What a summary row reads of its layer's state.
pub(crate) struct RowState {
    /// Keras's `layer.trainable`.
    pub(crate) trainable: bool,
    /// The output shapes of the most recent call.
    pub(crate) outputs: crate::shape::Shapes,
    /// How many times the layer was called.
    pub(crate) calls: usize,
    /// The node of the layer's one call, when it was called once.
    pub(crate) first_node: Option<Arc<Node>>,
    /// The element count and bits of the layer's weights, then of those
    /// trainable now, as [`LayerHandle::weights_into`] flags them: `(params,
    /// bits, trainable params, trainable bits)`, without making the
    /// weights. Zeros while the layer has never been called; `None` when
    /// the sums pass `u64`.
    pub(crate) sums: Option<(u64, u64, u64, u64)>,
    /// The input shapes of the layer's first call, shared, when it kept
    /// them all (a call on several tensors), when asked for.
    pub(crate) first_inputs: Option<crate::shape::Shapes>,
    /// The variables' `trainable` setting (see `CallState`), which the
    /// row's weights are formed with when asked for.
    pub(crate) vars_trainable: Option<bool>,
    /// How many weights the layer declared (0 while never called).
    pub(crate) weight_count: usize,
}

struct LayerCell {
    id: u64,
    name: naming::Name,
    layer: Box<dyn Layer>,
    state: Mutex<CallState>,
}

// With `Arc`'s two counts, a layer's block stays within glibc's fast bins
// (128-byte chunks): freeing and reusing it is then cheap.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<LayerCell>() <= 104);

/// A layer instance with its resolved name: what `Dense(4)` is in Keras
/// once created. Cloning the handle shares the instance, so calling it on
/// several tensors shares its weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// kerasinfo::naming::clear_session();
/// let shared = Dense::new(8).shared();
/// let a = Input::new([4]).tensor()?;
/// let b = Input::new([4]).tensor()?;
/// let ya = shared.call(&a)?;
/// let yb = shared.call(&b)?;
/// assert_eq!(shared.name(), "dense");
/// let model = Functional::new([&a, &b], [&ya, &yb]).build()?;
/// assert_eq!(model.summary().total_params, 40); // counted once
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[derive(Clone)]
pub struct LayerHandle(Arc<LayerCell>);

impl fmt::Debug for LayerHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LayerHandle")
            .field("name", &self.0.name)
            .field("layer", &self.0.layer)
            .finish()
    }
}

impl LayerHandle {
    /// Wraps a layer, giving it its explicit name or its automatic one
    /// (the one its place in the naming order gives, see [`naming`]).
    #[must_use]
    pub fn new(mut layer: Box<dyn Layer>) -> Self {
        // Keras creates (and names) a wrapper's inner layers before the wrapper.
        layer.resolve_inner_names();
        let name = layer.config().resolve_shared_name(layer.class_name());
        let config = layer.config();
        let state = CallState {
            trainable: config.trainable,
            // `.set_trainable(..)` before the first call: Keras's setter.
            vars_trainable: config.trainable_reaches_inner.then_some(config.trainable),
            ..CallState::default()
        };
        LayerHandle(Arc::new(LayerCell {
            id: next_id(),
            name,
            layer,
            state: Mutex::new(state),
        }))
    }

    /// The layer's name (explicit or automatic).
    #[must_use]
    pub fn name(&self) -> &str {
        &self.0.name
    }

    /// The layer's name, shared.
    pub(crate) fn shared_name(&self) -> &naming::Name {
        &self.0.name
    }

    /// The layer's Keras class name.
    #[must_use]
    pub fn class_name(&self) -> &str {
        self.0.layer.class_name()
    }

    /// The layer itself.
    #[must_use]
    pub fn layer(&self) -> &dyn Layer {
        self.0.layer.as_ref()
    }

    /// Keras's `layer.trainable`: the constructor's `trainable=`, or what
    /// [`set_trainable`](Self::set_trainable) last set.
    #[must_use]
    pub fn is_trainable(&self) -> bool {
        self.state().trainable
    }

    /// Keras's `layer.trainable = value` on this layer instance, built or
    /// not: sets the layer's flag and the flag of every variable it and
    /// the layers it holds created trainable (a model: every layer in it),
    /// so that every model holding the layer sees the change. Variables
    /// created non-trainable (`moving_mean`) stay non-trainable.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([4]).tensor()?;
    /// let dense = Dense::new(3).shared();
    /// let bn = BatchNormalization::new().shared();
    /// let y = bn.call(&dense.call(&x)?)?;
    /// let model = Functional::new(&x, &y).build()?;
    /// dense.set_trainable(false);
    /// assert_eq!(model.summary().trainable_params, 6); // gamma and beta
    /// bn.set_trainable(false);
    /// assert_eq!(model.summary().trainable_params, 0);
    /// dense.set_trainable(true);
    /// assert_eq!(model.summary().trainable_params, 15);
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub fn set_trainable(&self, trainable: bool) {
        {
            let mut state = self.state();
            state.trainable = trainable;
            state.vars_trainable = Some(trainable);
        }
        if let Some(model) = self.as_model() {
            for layer in model.sublayers() {
                layer.set_trainable(trainable);
            }
        }
    }

    /// The model this layer is, or wraps (`TimeDistributed(model)`), if any.
    #[must_use]
    pub fn as_model(&self) -> Option<crate::Model> {
        crate::model::Model::from_handle(self)
    }

    /// Whether the layer is an `InputLayer` (`layer().is_input()`).
    pub(crate) fn is_input(&self) -> bool {
        self.0.layer.is_input()
    }

    /// A process-unique identity for this instance.
    #[must_use]
    pub fn id(&self) -> u64 {
        self.0.id
    }

    /// Whether two handles are the same layer instance.
    #[must_use]
    pub fn same(&self, other: &LayerHandle) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }

    fn state(&self) -> MutexGuard<'_, CallState> {
        self.0.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The element count and bits of the weights created by the first
    /// call: `Some((0, 0))` while the layer has never been called, `None`
    /// when the sums pass `u64`.
    pub(crate) fn weight_totals(&self) -> Option<(u64, u64)> {
        self.state()
            .built
            .as_ref()
            .map_or(Some((0, 0)), |b| b.totals())
    }

    /// The input shapes of the first call (`None` while never called).
    #[cfg(all(test, feature = "keras-json"))]
    pub(crate) fn first_input_shapes(&self) -> Option<Vec<Shape>> {
        let state = self.state();
        Some(state.built.as_ref()?.shapes().to_vec())
    }

    /// Appends this layer's weights with their full paths to `out` (one
    /// lock, one `String` per path), with their variables' `trainable`
    /// flags; `frozen` makes them all non-trainable (a frozen model).
    pub(crate) fn weights_into(&self, out: &mut Vec<Weight>, frozen: bool) {
        let state = self.state();
        self.weights_into_locked(&state, state.vars_trainable, out, frozen);
    }

    /// [`weights_into`](Self::weights_into) as a summary row saw the
    /// layer: with the variables' `trainable` setting it read then
    /// (`vars`, see [`RowState::vars_trainable`]). The rest of what makes
    /// the weights (the first call's shapes, the scope, the settings) does
    /// not change once the layer is built.
    pub(crate) fn weights_as_seen(&self, out: &mut Vec<Weight>, frozen: bool, vars: Option<bool>) {
        self.weights_into_locked(&self.state(), vars, out, frozen);
    }

    /// [`weights_into`](Self::weights_into) under a lock taken already,
    /// with the variables' `trainable` setting `vars`.
    fn weights_into_locked(
        &self,
        state: &CallState,
        vars: Option<bool>,
        out: &mut Vec<Weight>,
        frozen: bool,
    ) {
        let Some(built) = state.built.as_ref() else {
            return;
        };
        out.reserve(built.count);
        let config = self.0.layer.config();
        let dtype = config.dtype;
        // Built with the constructor's `trainable=`: it froze the variables
        // the layer created itself, not those of the layers it holds.
        let own_frozen = !config.trainable;
        let scope = state.scope.as_deref().unwrap_or_default();
        let start = out.len();
        // Each weight made into a `Weight` as the layer declares it: no list
        // of specs in between (a row's own list grows to its size).
        let declared = self.0.layer.declare_weights(
            built.shapes(),
            &mut WeightSink::new(&mut |spec| {
                let path = match spec.root_path() {
                    Some(p) => p.to_owned(),
                    None => weight_path(scope, &self.0.name, &spec.name),
                };
                out.push(Weight {
                    path,
                    dtype: spec.dtype.unwrap_or(dtype),
                    trainable: !frozen && spec.trains(vars, own_frozen),
                    count: spec.checked_count().unwrap_or(u64::MAX),
                    shape: spec.shape,
                });
                Ok(())
            }),
        );
        // They cannot fail now, having been made once; an error would give
        // no weights.
        if declared.is_err() {
            out.truncate(start);
        }
    }

    /// The weights created by the first call, relative to the layer
    /// (`None` while the layer has never been called).
    #[must_use]
    pub fn weight_specs(&self) -> Option<Vec<WeightSpec>> {
        let state = self.state();
        if state.calls == 0 {
            return None;
        }
        let Some(built) = state.built.as_ref() else {
            return Some(Vec::new()); // no weights (see `CallState::built`)
        };
        // Made again from the first call's shapes: they cannot fail now,
        // having been made once; an error would give no weights.
        Some(self.0.layer.weights(built.shapes()).unwrap_or_default())
    }

    /// The Keras 3 path of one of this layer's variables: `layer/var`, or
    /// `scope/layer/var` when the layer was built inside a name scope (the
    /// layers of a Sequential model).
    #[must_use]
    pub fn weight_path(&self, var: &str) -> String {
        let state = self.state();
        weight_path(
            state.scope.as_deref().unwrap_or_default(),
            &self.0.name,
            var,
        )
    }

    /// The output shapes of the most recent call (what Keras's summary shows).
    #[must_use]
    pub fn last_output_shapes(&self) -> OutputShapes {
        self.state()
            .last_outputs
            .as_deref()
            .cloned()
            .unwrap_or_default()
    }

    /// What a summary row reads of the layer's state, under one lock
    /// (`frozen`: the model is, and none of its weights trains); with
    /// `inputs`, the first call's input shapes when it kept them all.
    pub(crate) fn row_state(&self, frozen: bool, inputs: bool) -> RowState {
        let state = self.state();
        let first_inputs = if inputs {
            state
                .built
                .as_ref()
                // (None for no inputs, an `InputLayer`'s: its row's
                // shapes are then no shapes at all.)
                .filter(|b| b.which == ALL_SHAPES)
                .map(|b| &b.shapes)
                .filter(|s| !s.is_empty())
                .map(crate::shape::Shapes::shared)
        } else {
            None
        };
        let outputs = state
            .last_outputs
            .as_ref()
            .map(crate::shape::Shapes::shared)
            .unwrap_or_default();
        let sums = match state.built.as_ref() {
            None => Some((0, 0, 0, 0)),
            Some(built) if built.fits => {
                let sums = built.sums;
                let (tp, tb) = match (frozen, state.vars_trainable) {
                    (true, _) | (false, Some(false)) => (0, 0),
                    (false, Some(true)) => sums.created,
                    (false, None) => sums.as_built,
                };
                Some((sums.all.0, sums.all.1, tp, tb))
            }
            Some(_) => None,
        };
        RowState {
            trainable: state.trainable,
            outputs,
            first_node: match state.calls {
                1 => state.first_node.as_ref().and_then(Weak::upgrade),
                _ => None,
            },
            calls: state.calls(),
            sums,
            first_inputs,
            vars_trainable: state.vars_trainable,
            weight_count: state.built.as_ref().map_or(0, |b| b.count),
        }
    }

    /// How many times the layer has been called.
    #[must_use]
    pub fn call_count(&self) -> usize {
        self.state().calls()
    }

    pub(crate) fn error(&self, source: LayerError) -> Error {
        Error::Layer {
            name: self.0.name.to_string(),
            class: self.class_name().to_owned(),
            source: Box::new(source),
        }
    }

    /// Calls the layer on tensors and returns its single output.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([3]).tensor()?;
    /// let y = Dense::new(2).shared().call(&x)?;
    /// assert_eq!(y.shape().to_string(), "(None, 2)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub fn call(&self, inputs: impl Into<CallInputs>) -> Result<Tensor> {
        single_output(self.call_node(inputs.into().tensors, Kwargs::none())?)
    }

    /// [`call`](Self::call) by a handle made for this one call, which
    /// moves into the call's node.
    pub(crate) fn call_once(self, inputs: impl Into<CallInputs>) -> Result<Tensor> {
        single_output(Self::call_node_of(
            Cow::Owned(self),
            inputs.into().tensors,
            Kwargs::none(),
        )?)
    }

    /// Calls the layer on tensors and returns all its outputs.
    pub fn call_multi(&self, inputs: impl Into<CallInputs>) -> Result<Vec<Tensor>> {
        let node = self.call_node(inputs.into().tensors, Kwargs::none())?;
        Ok(Node::tensors(&node))
    }

    /// Calls the layer on tensors with further keyword tensors, as a
    /// config's node records them (`mask=`, `initial_state=`), and returns
    /// all its outputs: the keyword tensors are not inputs of the layer's
    /// shape computation, but they connect the node to the graph (its
    /// depth, and the summary's "Connected to"). No mask is computed: the
    /// config holds the mask operations Keras recorded.
    pub(crate) fn call_multi_kw(
        &self,
        inputs: NodeInputs,
        kw_inputs: NodeInputs,
    ) -> Result<NodeInputs> {
        let kwargs = Kwargs {
            tensors: kw_inputs,
            mask: None,
            masks: false,
        };
        // Inline for the usual single output: no allocation per call.
        Ok(Node::tensors(&self.call_node(inputs, kwargs)?))
    }

    /// Calls the layer on `inputs` with a `mask=` keyword tensor (Keras's
    /// `layer(x, mask=mask)`) and returns its single output. The mask does
    /// not change the output shape; Keras's summary lists it in
    /// "Connected to" after the inputs.
    ///
    /// ```
    /// use kerasinfo::ops;
    /// use kerasinfo::prelude::*;
    /// kerasinfo::naming::clear_session();
    /// let x = Input::new([12, 8]).tensor()?;
    /// let mask = ops::any(&ops::not_equal(&x, 0.0)?, -1)?;
    /// let y = LSTM::new(6).shared().call_with_mask(&x, &mask)?;
    /// assert_eq!(y.shape().to_string(), "(None, 6)");
    /// let model = Functional::new(&x, &y).build()?;
    /// let s = model.summary();
    /// let lstm = s.rows.iter().find(|r| r.name == "lstm").unwrap();
    /// assert_eq!(lstm.connected_to_text(), "input_layer[0][0], any[0][0]");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub fn call_with_mask(&self, inputs: impl Into<CallInputs>, mask: &Tensor) -> Result<Tensor> {
        let kwargs = Kwargs {
            tensors: smallvec::smallvec![mask.clone()],
            mask: Some(mask.clone()),
            masks: true,
        };
        single_output(self.call_node(inputs.into().tensors, kwargs)?)
    }

    /// Calls a recurrent layer on `inputs` with Keras's `initial_state=`
    /// tensors and returns its single output. As in Keras, the states are
    /// not inputs of the output shapes (Keras checks them only when the
    /// model runs); the summary lists them in `Connected to` after the
    /// inputs. A layer whose call takes no `initial_state` (any
    /// non-recurrent layer) is an error, as in Keras.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// kerasinfo::naming::clear_session();
    /// let encoder_inputs = Input::new([None, Some(12)]).tensor()?;
    /// let encoder = LSTM::new(16).return_state(true).shared();
    /// let states = encoder.call_multi(&encoder_inputs)?; // output, h, c
    /// let decoder_inputs = Input::new([None, Some(14)]).tensor()?;
    /// let decoder = LSTM::new(16).return_sequences(true).shared();
    /// let y = decoder.call_with_initial_state(&decoder_inputs, &states[1..])?;
    /// let model = Functional::new([&encoder_inputs, &decoder_inputs], &y).build()?;
    /// let row = model.summary().rows.into_iter().find(|r| r.name == "lstm_1").unwrap();
    /// assert_eq!(row.connected_to_text(), "input_layer_1[0][0], lstm[0][1], lstm[0][2]");
    /// assert!(Dense::new(2).call_with_initial_state(&y, &states[1]).is_err());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub fn call_with_initial_state(
        &self,
        inputs: impl Into<CallInputs>,
        initial_state: impl Into<CallInputs>,
    ) -> Result<Tensor> {
        let outs = self.call_multi_with_initial_state(inputs, initial_state)?;
        match <[Tensor; 1]>::try_from(outs) {
            Ok([t]) => Ok(t),
            Err(outs) => Err(self.error(LayerError::Other(format!(
                "returns {} outputs; use `call_multi_with_initial_state` to receive them all",
                outs.len()
            )))),
        }
    }

    /// Calls a recurrent layer with Keras's `initial_state=` tensors and
    /// returns all its outputs (see
    /// [`call_with_initial_state`](Self::call_with_initial_state)).
    pub fn call_multi_with_initial_state(
        &self,
        inputs: impl Into<CallInputs>,
        initial_state: impl Into<CallInputs>,
    ) -> Result<Vec<Tensor>> {
        if !self.0.layer.takes_initial_state() {
            return Err(self.error(LayerError::Other(
                "call() got an unexpected keyword argument 'initial_state'".into(),
            )));
        }
        let kwargs = Kwargs {
            tensors: initial_state.into().tensors,
            ..Kwargs::none()
        };
        let node = self.call_node(inputs.into().tensors, kwargs)?;
        Ok(Node::tensors(&node))
    }

    /// Calls the layer on one tensor and returns its outputs, without the
    /// allocations of [`call_multi`](Self::call_multi) (a Sequential's chain).
    pub(crate) fn call_one(&self, input: &Tensor) -> Result<SmallVec<[Tensor; 1]>> {
        let inputs = smallvec::smallvec![input.clone()];
        Ok(Node::tensors(&self.call_node(inputs, Kwargs::none())?))
    }

    /// One call, as Keras's `Layer.__call__` makes it: the masks the call
    /// receives, the output shapes, the weights on the first call, the
    /// masks of the outputs (which may add mask operations to the graph
    /// before this node), and the new node.
    fn call_node(&self, inputs: NodeInputs, kwargs: Kwargs) -> Result<Arc<Node>> {
        Self::call_node_of(Cow::Borrowed(self), inputs, kwargs)
    }

    /// [`call_node`](Self::call_node) by a handle given or lent: a handle
    /// made for this one call (a builder's `layer.call(x)`) moves into its
    /// node instead of being shared and then dropped.
    fn call_node_of(this: Cow<'_, Self>, inputs: NodeInputs, kwargs: Kwargs) -> Result<Arc<Node>> {
        let layer = this.layer();
        let Kwargs {
            tensors: mut kw_inputs,
            mask,
            masks,
        } = kwargs;
        // Keras's `previous_mask`: an explicit `mask=`, else the masks of
        // the first argument (a list argument: one per tensor).
        // Only a layer that takes or computes masks reads them (not, say,
        // a convolution).
        let reads_masks = masks && (layer.supports_masking() || layer.takes_mask());
        let previous: Masks = match (&mask, reads_masks) {
            (_, false) => Masks::new(),
            (Some(m), true) => smallvec::smallvec![Some(m.clone())],
            (None, true) => {
                let first_only = match layer.inputs_arg() {
                    InputsArg::Positional => true,
                    InputsArg::Tensor => inputs.len() == 1,
                    InputsArg::List => false,
                };
                let n = if first_only {
                    inputs.len().min(1)
                } else {
                    inputs.len()
                };
                // Pushed one by one (usually one): cheaper than collecting
                // into an inline vector.
                let mut masks = Masks::new();
                for t in inputs.iter().take(n) {
                    masks.push(t.keras_mask().cloned());
                }
                masks
            }
        };
        // Keras passes the mask to a call that takes one (`mask=`), and
        // records it in the node when the call is one tensor without
        // keyword arguments, which Keras does not convert (so the mask it
        // adds reaches the node's `kwargs`).
        if masks
            && mask.is_none()
            && kw_inputs.is_empty()
            && layer.takes_mask()
            && layer.inputs_arg() != InputsArg::List
            && let ([one], [Some(m)]) = (inputs.as_slice(), previous.as_slice())
            && one.layer().layer().config().compute_dtype == layer.config().compute_dtype
        {
            kw_inputs.push(m.clone());
        }
        let (outputs, node_index) =
            with_shapes(&inputs, |shapes| this.record_call(shapes, &inputs))?;
        let out_masks: Box<[Option<Tensor>]> = if masks && layer.supports_masking() {
            let m = layer.compute_mask(&inputs, &previous)?;
            if m.iter().any(Option::is_some) {
                m.into_iter().collect()
            } else {
                Box::default()
            }
        } else {
            Box::default()
        };
        let first = node_index == 0;
        let node = Arc::new(Node {
            id: next_id(),
            layer: this.into_owned(),
            node_index,
            inputs,
            // Boxed: usually empty, which allocates nothing.
            kw_inputs: if kw_inputs.is_empty() {
                Box::default()
            } else {
                kw_inputs.into_vec().into_boxed_slice()
            },
            outputs,
            masks: out_masks,
        });
        if first {
            node.layer.state().first_node = Some(Arc::downgrade(&node));
        }
        Ok(node)
    }

    /// The first call's node, or Keras's error when there is none.
    fn first_node(&self, what: &str) -> Result<Arc<Node>> {
        let node = self.state().first_node.as_ref().and_then(Weak::upgrade);
        node.ok_or_else(|| {
            self.error(LayerError::Other(format!(
                "The layer has never been called and thus has no defined {what}."
            )))
        })
    }

    /// Keras's `layer.output`: the output of the layer's first call (the
    /// tensors a model was built from keep it), to build a model from the
    /// layers of another one (a feature extractor).
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let model = Sequential::new()
    ///     .add(Input::new([8]))
    ///     .add(Dense::new(4).name("hidden"))
    ///     .add(Dense::new(2))
    ///     .build()?;
    /// let features = model.get_layer("hidden").unwrap().output()?;
    /// let extractor = Functional::new(model.inputs(), &features).build()?;
    /// assert_eq!(extractor.count_params(), 36);
    /// assert!(Dense::new(3).shared().output().is_err()); // never called
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub fn output(&self) -> Result<Tensor> {
        let node = self.first_node("output")?;
        match node.outputs.len() {
            1 => Ok(Tensor { node, index: 0 }),
            n => Err(self.error(LayerError::Other(format!(
                "has {n} outputs; use `outputs` to receive them all"
            )))),
        }
    }

    /// The outputs of the layer's first call (Keras's `layer.output` of a
    /// layer with several).
    pub fn outputs(&self) -> Result<Vec<Tensor>> {
        Ok(Node::tensors(&self.first_node("output")?))
    }

    /// Keras's `layer.input`: the input of the layer's first call.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([6]).tensor()?;
    /// let hidden = Dense::new(5).shared();
    /// let y = Dense::new(2).call(&hidden.call(&x)?)?;
    /// assert_eq!(hidden.input()?.shape().to_string(), "(None, 6)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub fn input(&self) -> Result<Tensor> {
        let node = self.first_node("input")?;
        match node.inputs.as_slice() {
            [one] => Ok(one.clone()),
            many => Err(self.error(LayerError::Other(format!(
                "has {} inputs; use `inputs` to receive them all",
                many.len()
            )))),
        }
    }

    /// The inputs of the layer's first call.
    pub fn inputs(&self) -> Result<Vec<Tensor>> {
        Ok(self.first_node("input")?.inputs.to_vec())
    }

    /// The layer's side of a call on tensors of these shapes: its output
    /// shapes, its weights on the first call, the call's index.
    fn record_call(
        &self,
        shapes: &[Shape],
        inputs: &NodeInputs,
    ) -> Result<(Arc<OutputShapes>, usize)> {
        let layer = self.layer();
        // One lock for the whole call (a layer's shapes never call the
        // layer itself).
        let mut state = self.state();
        let first = state.calls == 0;
        let config = layer.config();
        let dtype = config.dtype;
        // Built with the constructor's `trainable=`: it froze the variables
        // the layer created itself.
        let own_frozen = !config.trainable;
        let mut sums = Some(WeightSums::default());
        let mut count: usize = 0;
        let computed = if first {
            // The weights totalled as the layer declares them, without a
            // list, in one pass with the shapes (the arguments checked once).
            layer.build_call(
                shapes,
                &mut WeightSink::new(&mut |s| {
                    // bounded: one per weight declared
                    count = count.saturating_add(1);
                    let (n, b) = match s.checked_count_and_bits(dtype) {
                        Some(nb) => nb,
                        None => s.count_and_bits(dtype)?,
                    };
                    // The two flags `weights_into` may give it.
                    let as_built = s.trains(None, own_frozen);
                    let created = s.trains(Some(true), own_frozen);
                    sums = sums.and_then(|t| t.add(n, b, as_built, created));
                    Ok(())
                }),
            )
        } else {
            layer.compute_output_shape(shapes)
        }
        .map_err(|e| self.error(e))?;
        // A call that keeps its first input's shapes (an activation, a
        // normalization, a residual network's `Add`) shares its producer's
        // shapes instead of allocating a copy.
        let outputs = match inputs.as_slice() {
            [one, ..] if one.index == 0 && *one.node.outputs == computed => {
                Arc::clone(&one.node.outputs)
            }
            _ => Arc::new(computed),
        };
        if first {
            for class in layer.build_time_names() {
                let _ = naming::auto_name(class);
            }
            if count > 0 {
                state.built = Some(Box::new(Built::new(inputs, sums, count)));
            }
            // A layer Keras built when it loaded it is at the root scope.
            state.scope = if config.built_at_load() {
                None
            } else {
                naming::current_scope()
            };
        }
        let node_index = state.calls();
        // bounded: one per call, far below u32::MAX
        state.calls = state.calls.saturating_add(1);
        state.last_outputs = Some(Arc::clone(&outputs));
        Ok((outputs, node_index))
    }
}

/// The input tensors of a node (usually one; two kept in place too, the
/// calls of a residual network's `Add`, which then allocate no list).
pub(crate) type NodeInputs = SmallVec<[Tensor; 2]>;

/// Keras's masks of a call's tensors or outputs (`None`: not masked).
pub type Masks = SmallVec<[Option<Tensor>; 1]>;

/// The keyword tensors of a call.
struct Kwargs {
    /// What the node records after its inputs (`initial_state=`, `mask=`).
    tensors: NodeInputs,
    /// An explicit `mask=`.
    mask: Option<Tensor>,
    /// Whether masks are computed (not for a config's node, whose mask
    /// operations the config holds).
    masks: bool,
}

impl Kwargs {
    /// No keyword tensors.
    fn none() -> Kwargs {
        Kwargs {
            tensors: NodeInputs::new(),
            mask: None,
            masks: true,
        }
    }
}

/// Runs `f` on the shapes of `tensors`: one tensor's (the usual call) is
/// lent, several are copied side by side.
pub(crate) fn with_shapes<T>(tensors: &[Tensor], f: impl FnOnce(&[Shape]) -> T) -> T {
    match tensors {
        [one] => f(std::slice::from_ref(one.shape())),
        many => f(&many
            .iter()
            .map(|t| t.shape().clone())
            .collect::<SmallVec<[Shape; 2]>>()),
    }
}

/// One call of one layer: its input tensors and output shapes.
pub(crate) struct Node {
    pub(crate) id: u64,
    pub(crate) layer: LayerHandle,
    /// The index of this call among the layer's calls (Keras's `node_index`).
    pub(crate) node_index: usize,
    pub(crate) inputs: NodeInputs,
    /// Keyword tensors of the call (Keras's `mask=`): connections of the
    /// node (graph depth, "Connected to") that are not shape inputs.
    pub(crate) kw_inputs: Box<[Tensor]>,
    /// The output shapes, shared with the layer's `last_outputs`.
    pub(crate) outputs: Arc<OutputShapes>,
    /// Keras's masks of the outputs (`_keras_mask`), empty when none is.
    pub(crate) masks: Box<[Option<Tensor>]>,
}

impl Node {
    /// The node's output tensors (a `Vec`, or an inline vector).
    fn tensors<C: FromIterator<Tensor>>(node: &Arc<Node>) -> C {
        (0..node.outputs.len())
            .map(|index| Tensor {
                node: Arc::clone(node),
                index,
            })
            .collect()
    }

    /// Every tensor the node is connected to: the inputs, then the keyword
    /// tensors (Keras's `node.input_tensors`).
    pub(crate) fn connections(&self) -> impl Iterator<Item = &Tensor> {
        self.inputs.iter().chain(self.kw_inputs.iter())
    }

    /// The `i`-th of [`connections`](Self::connections).
    pub(crate) fn connection(&self, i: usize) -> Option<&Tensor> {
        match i.checked_sub(self.inputs.len()) {
            None => self.inputs.get(i),
            Some(k) => self.kw_inputs.get(k),
        }
    }

    /// How many tensors the node is connected to.
    pub(crate) fn connection_count(&self) -> usize {
        self.inputs.len().saturating_add(self.kw_inputs.len())
    }

    /// Moves the tensors the node holds onto `stack` (pushed one by one:
    /// usually one input, and no keyword tensors or masks).
    fn take_links(&mut self, stack: &mut Vec<Tensor>) {
        for t in std::mem::take(&mut self.inputs) {
            stack.push(t);
        }
        if !self.kw_inputs.is_empty() {
            stack.extend(std::mem::take(&mut self.kw_inputs));
        }
        if !self.masks.is_empty() {
            stack.extend(std::mem::take(&mut self.masks).into_iter().flatten());
        }
    }
}

/// The one output of a [`LayerHandle::call`], or the layer's error for a
/// call that returns several.
fn single_output(node: Arc<Node>) -> Result<Tensor> {
    if node.outputs.len() == 1 {
        return Ok(Tensor { node, index: 0 });
    }
    Err(node.layer.error(LayerError::Other(format!(
        "returns {} outputs; use `call_multi` to receive them all",
        node.outputs.len()
    ))))
}

impl Drop for Node {
    /// Drops the chain of nodes behind this one iteratively: a model of a
    /// million layers is a chain a million deep, which recursive drops
    /// would overflow the stack on.
    fn drop(&mut self) {
        // A node the loop below unwound (or an input node) holds no
        // tensors: nothing to do.
        if self.inputs.is_empty() && self.kw_inputs.is_empty() && self.masks.is_empty() {
            return;
        }
        let mut stack: Vec<Tensor> = Vec::new();
        self.take_links(&mut stack);
        while let Some(t) = stack.pop() {
            if let Ok(mut node) = Arc::try_unwrap(t.node) {
                node.take_links(&mut stack);
            }
        }
    }
}

/// A symbolic tensor (Keras's `KerasTensor`): a shape and the history of
/// which layer call produced it.
///
/// ```
/// use kerasinfo::prelude::*;
/// let x = Input::new([28, 28, 1]).name("image").tensor()?;
/// assert_eq!(x.shape().to_string(), "(None, 28, 28, 1)");
/// assert_eq!(x.layer().name(), "image");
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[derive(Clone)]
pub struct Tensor {
    pub(crate) node: Arc<Node>,
    pub(crate) index: usize,
}

impl fmt::Debug for Tensor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "<KerasTensor shape={}, name={}[{}][{}]>",
            self.shape(),
            self.node.layer.name(),
            self.node.node_index,
            self.index
        )
    }
}

impl Tensor {
    /// The tensor's shape, batch dimension first.
    #[must_use]
    pub fn shape(&self) -> &Shape {
        // `index` is always < outputs.len(): tensors are made from them;
        // the empty-shape fallback is never taken.
        static NONE: std::sync::LazyLock<Shape> = std::sync::LazyLock::new(Shape::default);
        self.node.outputs.get(self.index).unwrap_or_else(|| &NONE)
    }

    /// The layer whose call produced this tensor.
    #[must_use]
    pub fn layer(&self) -> &LayerHandle {
        &self.node.layer
    }

    /// Keras's mask of this tensor (`_keras_mask`): the boolean tensor an
    /// `Embedding(mask_zero=True)` or a `Masking` layer attached to its
    /// output, carried through the layers that support masking.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// kerasinfo::naming::clear_session();
    /// let x = Input::new([12]).tensor()?;
    /// let e = Embedding::new(100, 8).mask_zero(true).call(&x)?;
    /// assert_eq!(e.keras_mask().unwrap().layer().name(), "not_equal");
    /// let d = Dense::new(4).call(&e)?; // Dense passes it on
    /// assert_eq!(d.keras_mask().unwrap().layer().name(), "not_equal");
    /// assert!(Flatten::new().call(&d)?.keras_mask().is_none()); // Flatten drops it
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[must_use]
    pub fn keras_mask(&self) -> Option<&Tensor> {
        self.node.masks.get(self.index).and_then(Option::as_ref)
    }

    /// Keras's `_keras_history`: (node index, tensor index).
    #[must_use]
    pub fn history(&self) -> (usize, usize) {
        (self.node.node_index, self.index)
    }

    pub(crate) fn key(&self) -> (u64, usize) {
        (self.node.id, self.index)
    }
}

/// The tensors a layer is called on: one (`&x`), or several (`[&a, &b]`,
/// `&[a, b]`, `vec![a, b]`, `vec![&a, &b]`, a slice of either).
///
/// ```
/// use kerasinfo::prelude::*;
/// let a = Input::new([4]).tensor()?;
/// let b = Input::new([4]).tensor()?;
/// let refs: Vec<&Tensor> = vec![&a, &b];
/// assert_eq!(Add::new().call(refs.clone())?.shape().to_string(), "(None, 4)");
/// assert_eq!(Add::new().call(&refs[..])?.shape().to_string(), "(None, 4)");
/// assert_eq!(Add::new().call(&vec![a.clone(), b.clone()])?.shape().to_string(), "(None, 4)");
/// # Ok::<(), kerasinfo::Error>(())
/// ```
///
/// A model's inputs and outputs may also be a dict (Keras's
/// `keras.Model(inputs={"a": a}, outputs={"p": p})`): pairs of a name and
/// a tensor, which Keras orders by name.
///
/// ```
/// use kerasinfo::prelude::*;
/// let a = Input::new([4]).name("a").tensor()?;
/// let b = Input::new([4]).name("b").tensor()?;
/// let p = Dense::new(1).name("p").call(&Add::new().call([&a, &b])?)?;
/// let model = Functional::new([("b", &b), ("a", &a)], [("p", &p)]).build()?;
/// assert_eq!(model.input_names(), ["a", "b"]);
/// assert_eq!(model.inputs()[0].layer().name(), "a");
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct CallInputs {
    pub(crate) tensors: NodeInputs,
    /// The keys of a dict, in Keras's (sorted) order of `tensors`.
    pub(crate) names: Option<Vec<String>>,
}

impl CallInputs {
    /// A dict: its pairs sorted by name (Keras's `tree.flatten`).
    fn dict<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a Tensor)>) -> Self {
        let mut pairs: Vec<(&str, &Tensor)> = pairs.into_iter().collect();
        pairs.sort_by(|a, b| a.0.cmp(b.0));
        CallInputs {
            tensors: pairs.iter().map(|(_, t)| (*t).clone()).collect(),
            names: Some(pairs.iter().map(|(n, _)| (*n).to_owned()).collect()),
        }
    }
}

impl<'a, const N: usize> From<[(&'a str, &'a Tensor); N]> for CallInputs {
    fn from(pairs: [(&'a str, &'a Tensor); N]) -> Self {
        CallInputs::dict(pairs)
    }
}

impl<'a> From<Vec<(&'a str, &'a Tensor)>> for CallInputs {
    fn from(pairs: Vec<(&'a str, &'a Tensor)>) -> Self {
        CallInputs::dict(pairs)
    }
}

impl<'a, K: AsRef<str>> From<&'a std::collections::BTreeMap<K, Tensor>> for CallInputs {
    fn from(map: &'a std::collections::BTreeMap<K, Tensor>) -> Self {
        CallInputs::dict(map.iter().map(|(k, t)| (k.as_ref(), t)))
    }
}

/// `From` impls of [`CallInputs`] for lists of tensors, each made into the
/// inline vector by the expression given.
macro_rules! call_inputs_from {
    ($([$($g:tt)*] $t:ty => |$v:ident| $list:expr;)*) => {$(
        impl<$($g)*> From<$t> for CallInputs {
            fn from($v: $t) -> Self {
                CallInputs {
                    tensors: $list,
                    names: None,
                }
            }
        }
    )*};
}

call_inputs_from! {
    [] &Tensor => |t| smallvec::smallvec![t.clone()];
    [] Tensor => |t| smallvec::smallvec![t];
    [] &[Tensor] => |t| t.iter().cloned().collect();
    [] Vec<Tensor> => |t| t.into_iter().collect();
    [] &Vec<Tensor> => |t| t.iter().cloned().collect();
    [] &[&Tensor] => |t| t.iter().map(|t| (*t).clone()).collect();
    [] Vec<&Tensor> => |t| t.into_iter().cloned().collect();
    [] &Vec<&Tensor> => |t| t.iter().map(|t| (*t).clone()).collect();
    [const N: usize] [&Tensor; N] => |t| t.into_iter().cloned().collect();
    [const N: usize] [Tensor; N] => |t| t.into_iter().collect();
    [const N: usize] &[Tensor; N] => |t| t.iter().cloned().collect();
}

/// The weight path `scope/layer/var` (`layer/var` outside a scope),
/// allocated at its size.
fn weight_path(scope: &str, layer: &str, var: &str) -> String {
    let len = scope
        .len()
        .saturating_add(layer.len())
        .saturating_add(var.len());
    let mut path = String::with_capacity(len.saturating_add(2));
    if !scope.is_empty() {
        path.push_str(scope);
        path.push('/');
    }
    path.push_str(layer);
    path.push('/');
    path.push_str(var);
    path
}
