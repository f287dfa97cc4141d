//! The [`Layer`] trait every layer type implements, and the builder methods
//! all layers share ([`LayerExt`]).

use std::fmt;

use smallvec::SmallVec;

use crate::compute::Cost;
use crate::error::{LayerError, Result};
use crate::model::{CallInputs, LayerHandle, Masks, Model, Tensor};
use crate::naming;
use crate::shape::Shape;
use crate::weight::{DType, DTypePolicy, WeightSpec};
pub(crate) use sealed::WeightSink;

/// Implements the three bookkeeping methods of [`Layer`] for a struct with
/// a `config: LayerConfig` field; `layer_common!()`: `config` and
/// `config_mut` only (a class name read from `self`).
macro_rules! layer_common {
    ($class:expr) => {
        fn class_name(&self) -> &str {
            $class
        }
        $crate::layer::layer_common!();
    };
    () => {
        fn config(&self) -> &$crate::LayerConfig {
            &self.config
        }
        fn config_mut(&mut self) -> &mut $crate::LayerConfig {
            &mut self.config
        }
    };
}
pub(crate) use layer_common;

/// The output shapes of one call of a layer (usually one).
pub type OutputShapes = SmallVec<[Shape; 1]>;

/// The keyword arguments every Keras layer takes: `name`, `trainable`, `dtype`.
///
/// A layer's config also holds its place in Keras's automatic-naming order
/// (see [`crate::naming`]): [`LayerConfig::new`] takes it at construction,
/// as every catalog layer does; [`LayerConfig::default`] takes none (the
/// layer is named when first called).
///
/// ```
/// use kerasinfo::LayerConfig;
/// let c = LayerConfig::default();
/// assert!(c.trainable);
/// assert_eq!(c.name(), None);
/// ```
#[derive(Debug, Clone)]
pub struct LayerConfig {
    /// The explicit name, or `None` for Keras's automatic name: shared,
    /// so that the layer's handle takes it without a copy.
    name: Option<naming::Name>,
    /// The layer's place in the automatic-naming order.
    ticket: Option<naming::Ticket>,
    /// Built when Keras deserialized it (its config has a `build_config`),
    /// outside the name scope of whatever holds it: its variables' paths
    /// start at its own name.
    built_at_load: bool,
    /// `trainable=False` makes the weights the layer creates itself
    /// non-trainable.
    pub trainable: bool,
    /// Whether `trainable` was set as Keras's attribute after the layer was
    /// built (`layer.trainable = False`), which also reaches the weights of
    /// the layers it holds, rather than given to its constructor.
    pub trainable_reaches_inner: bool,
    /// The dtype of the layer's variables (its dtype policy's
    /// `variable_dtype`).
    pub dtype: DType,
    /// The dtype the layer computes in and outputs (its dtype policy's
    /// `compute_dtype`): `float16` under `mixed_float16`, where `dtype`
    /// stays `float32`.
    pub compute_dtype: DType,
}

impl PartialEq for LayerConfig {
    /// Equal settings (the naming place is not a setting).
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.trainable == other.trainable
            && self.trainable_reaches_inner == other.trainable_reaches_inner
            && self.dtype == other.dtype
            && self.compute_dtype == other.compute_dtype
    }
}

impl Eq for LayerConfig {}

impl Default for LayerConfig {
    /// No name, trainable, the global dtype policy ([`dtype_policy`]) as in
    /// Keras without `dtype=`, and no place in the naming order (see [`LayerConfig`]).
    fn default() -> Self {
        let policy = dtype_policy();
        LayerConfig {
            name: None,
            ticket: None,
            built_at_load: false,
            trainable: true,
            trainable_reaches_inner: false,
            dtype: policy.variable_dtype(),
            compute_dtype: policy.compute_dtype(),
        }
    }
}

impl LayerConfig {
    /// The default config of a new layer of Keras class `class_name`,
    /// which takes its place in the automatic-naming order now, as a Keras
    /// layer is named in its constructor.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// use kerasinfo::{LayerConfig, OutputShapes, Shape, LayerError};
    /// #[derive(Debug)]
    /// struct Scale { config: LayerConfig }
    /// impl Scale {
    ///     fn new() -> Self { Scale { config: LayerConfig::new("Scale") } }
    /// }
    /// impl Layer for Scale {
    ///     fn class_name(&self) -> &str { "Scale" }
    ///     fn config(&self) -> &LayerConfig { &self.config }
    ///     fn config_mut(&mut self) -> &mut LayerConfig { &mut self.config }
    ///     fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
    ///         Ok(kerasinfo::layer::single(kerasinfo::layer::one_input(inputs)?.clone()))
    ///     }
    /// }
    /// kerasinfo::naming::clear_session();
    /// let x = Input::new([3]).tensor()?;
    /// let (outer, inner) = (Scale::new(), Scale::new());
    /// let y = outer.call(&inner.call(&x)?)?; // named when made: scale, scale_1
    /// assert_eq!(y.layer().name(), "scale");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[must_use]
    pub fn new(class_name: &str) -> Self {
        LayerConfig {
            ticket: naming::reserve(class_name),
            ..LayerConfig::default()
        }
    }

    /// The default config with an explicit name (a model's).
    pub(crate) fn named(name: String) -> Self {
        LayerConfig {
            name: Some(naming::Name::from(name)),
            ..LayerConfig::default()
        }
    }

    /// Marks the layer as built when Keras loaded it (its config has a
    /// `build_config`): its variables' paths then start at its own name,
    /// whatever holds it (Keras builds it at the root name scope).
    #[cfg_attr(not(feature = "keras-json"), allow(dead_code))]
    pub(crate) fn set_built_at_load(&mut self) {
        self.built_at_load = true;
    }

    /// Undoes [`set_built_at_load`](Self::set_built_at_load) (a layer made
    /// anew from its config, as Keras's `clone_model` makes it).
    pub(crate) fn clear_built_at_load(&mut self) {
        self.built_at_load = false;
    }

    /// See [`set_built_at_load`](Self::set_built_at_load).
    pub(crate) fn built_at_load(&self) -> bool {
        self.built_at_load
    }

    /// The explicit name (Keras's `name=`), `None` for an automatic one.
    ///
    /// ```
    /// let mut c = kerasinfo::LayerConfig::default();
    /// c.set_name("fc");
    /// assert_eq!(c.name(), Some("fc"));
    /// ```
    #[must_use]
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// Gives the layer an explicit name: it then takes no automatic number.
    pub fn set_name(&mut self, name: impl Into<String>) {
        self.set_shared_name(naming::Name::from(name.into()));
    }

    /// [`set_name`](Self::set_name) from a `&str`, copied once and shared
    /// (an importer's names, which its renderers read back: see
    /// [`naming::Name::shared`]).
    #[cfg(feature = "keras-json")]
    pub(crate) fn set_name_str(&mut self, name: &str) {
        self.set_shared_name(naming::Name::shared(name));
    }

    fn set_shared_name(&mut self, name: naming::Name) {
        self.name = Some(name);
        if let Some(t) = self.ticket {
            naming::mark_explicit(t);
        }
    }

    /// [`resolve_shared_name`](Self::resolve_shared_name) as a `String`
    /// (an automatic name as `claim` makes it, not copied again).
    pub(crate) fn resolve_name(&self, class_name: &str) -> String {
        match &self.name {
            Some(n) => n.to_string(),
            None => naming::claim(self.ticket, class_name),
        }
    }

    /// The layer's name: the explicit one (shared, not copied), or its
    /// automatic one (which the first call makes final).
    pub(crate) fn resolve_shared_name(&self, class_name: &str) -> naming::Name {
        match &self.name {
            Some(n) => n.clone(),
            None => naming::Name::from(naming::claim(self.ticket, class_name)),
        }
    }

    /// The layer's dtype policy (Keras's `layer.dtype_policy`), from
    /// [`dtype`](Self::dtype) and [`compute_dtype`](Self::compute_dtype);
    /// a pair Keras has no policy for (set field by field) reads as the
    /// variable dtype's policy.
    ///
    /// ```
    /// use kerasinfo::{DTypePolicy, LayerConfig};
    /// assert_eq!(LayerConfig::default().dtype_policy(), DTypePolicy::FLOAT32);
    /// ```
    #[must_use]
    pub fn dtype_policy(&self) -> DTypePolicy {
        DTypePolicy::from_dtypes(self.dtype, self.compute_dtype)
            .unwrap_or_else(|| DTypePolicy::from(self.dtype))
    }

    /// Sets both dtypes from `policy`.
    ///
    /// ```
    /// use kerasinfo::{DType, DTypePolicy, LayerConfig};
    /// let mut c = LayerConfig::default();
    /// c.set_dtype_policy(DTypePolicy::MIXED_BFLOAT16);
    /// assert_eq!((c.dtype, c.compute_dtype), (DType::Float32, DType::BFloat16));
    /// ```
    pub fn set_dtype_policy(&mut self, policy: DTypePolicy) {
        self.dtype = policy.variable_dtype();
        self.compute_dtype = policy.compute_dtype();
    }
}

/// Keras's `keras.config.set_dtype_policy(policy)`: the dtype policy every
/// layer (and model) created afterwards on this thread takes when it is not
/// given one, until [`crate::naming::clear_session`] resets it to `float32`.
///
/// Keras's models take no policy of their own (`keras.Sequential` rejects
/// `dtype=`, `keras.Model` ignores it): a whole model in a policy is built
/// with the global one set, as here or with [`with_dtype_policy`]. `Input`
/// keeps `float32` (Keras's `backend.floatx()`).
///
/// ```
/// use kerasinfo::prelude::*;
/// use kerasinfo::DTypePolicy;
/// kerasinfo::layer::set_dtype_policy(DTypePolicy::from(kerasinfo::DType::Float16));
/// let m = Sequential::new().add(Input::new([4])).add(Dense::new(3)).build()?;
/// assert!(m.summary().to_string().contains("Total params: 15 (30.00 B)"));
/// kerasinfo::naming::clear_session(); // back to float32
/// assert_eq!(kerasinfo::layer::dtype_policy(), DTypePolicy::FLOAT32);
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub fn set_dtype_policy(policy: DTypePolicy) {
    naming::set_global_policy(policy);
}

/// Keras's `keras.config.dtype_policy()`: this thread's global dtype policy.
///
/// ```
/// assert_eq!(kerasinfo::layer::dtype_policy().name(), "float32");
/// ```
#[must_use]
pub fn dtype_policy() -> DTypePolicy {
    naming::global_policy()
}

/// Runs `build` with `policy` as the global dtype policy, then restores the
/// previous one: a model built inside is in `policy`.
///
/// ```
/// use kerasinfo::prelude::*;
/// use kerasinfo::DTypePolicy;
/// let m = kerasinfo::layer::with_dtype_policy(DTypePolicy::MIXED_FLOAT16, || {
///     Sequential::new().add(Input::new([4])).add(Dense::new(3)).build()
/// })?;
/// let dense = m.layers()[0].layer().config();
/// assert_eq!(dense.dtype_policy(), DTypePolicy::MIXED_FLOAT16);
/// assert_eq!(kerasinfo::layer::dtype_policy(), DTypePolicy::FLOAT32);
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub fn with_dtype_policy<T>(policy: DTypePolicy, build: impl FnOnce() -> T) -> T {
    let previous = dtype_policy();
    set_dtype_policy(policy);
    let out = build();
    set_dtype_policy(previous);
    out
}

/// How a layer's call takes several tensors (its Keras call signature),
/// which decides which masks it receives and how a config writes its
/// calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputsArg {
    /// One tensor (`layer(x)`); several make a list.
    #[default]
    Tensor,
    /// A list of tensors, even of one (`Add()([a, b])`, `Attention()([q, v])`).
    List,
    /// Several positional tensors (`MultiHeadAttention()(query, value)`):
    /// the first is Keras's first argument.
    Positional,
}

/// How a layer with several outputs groups them, which decides how Keras
/// prints them: `[(None, 4), (None, 4)]` for a list, `((None, 4), (None, 4))`
/// for a tuple.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputStructure {
    /// A Python list.
    #[default]
    List,
    /// A Python tuple.
    Tuple,
}

/// A Keras layer: its class, its common arguments, its output shapes for
/// given inputs, and the named weights it creates for them.
///
/// Implement it for your own layers (see `examples/custom_layer.rs`):
///
/// ```
/// use kerasinfo::prelude::*;
/// use kerasinfo::{LayerConfig, LayerError, OutputShapes, Shape, WeightSpec};
///
/// /// Multiplies its input by a learned per-channel scale.
/// #[derive(Debug, Default)]
/// struct Scale { config: LayerConfig }
///
/// impl Layer for Scale {
///     fn class_name(&self) -> &str { "Scale" }
///     fn config(&self) -> &LayerConfig { &self.config }
///     fn config_mut(&mut self) -> &mut LayerConfig { &mut self.config }
///     fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
///         Ok(kerasinfo::layer::single(kerasinfo::layer::one_input(inputs)?.clone()))
///     }
///     fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
///         let channels = kerasinfo::layer::known_last_dim(kerasinfo::layer::one_input(inputs)?)?;
///         Ok(vec![WeightSpec::new("scale", [channels])])
///     }
/// }
///
/// let model = Sequential::new().add(Input::new([5])).add(Scale::default()).build()?;
/// assert_eq!(model.summary().total_params, 5);
/// assert_eq!(model.layers()[0].name(), "scale");
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub trait Layer: sealed::AsAny + fmt::Debug + Send + Sync + 'static {
    /// The Keras class name, e.g. `"Conv2D"`; automatic names derive from it.
    fn class_name(&self) -> &str;

    /// The common keyword arguments.
    fn config(&self) -> &LayerConfig;

    /// The common keyword arguments, for the builder methods of [`LayerExt`].
    fn config_mut(&mut self) -> &mut LayerConfig;

    /// The output shape(s) for the given input shapes (batch dimension
    /// included), or why the inputs do not fit. A call runs it with the
    /// layer's handle locked: it must not call back into that handle.
    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError>;

    /// The weights the layer creates when first called on `inputs`, with
    /// names relative to the layer. Defaults to none.
    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let _ = inputs;
        Ok(Vec::new())
    }

    /// Crate-internal (its argument cannot be named outside the crate):
    /// hands the weights of [`weights`](Self::weights) to `sink` one by one,
    /// without a list in between. Defaults to handing on `weights`'s list;
    /// the crate's common weighted layers override it, and their `weights`
    /// collects it.
    #[doc(hidden)]
    fn declare_weights(
        &self,
        inputs: &[Shape],
        sink: &mut sealed::WeightSink<'_>,
    ) -> Result<(), LayerError> {
        for spec in self.weights(inputs)? {
            sink.push(spec)?;
        }
        Ok(())
    }

    /// Crate-internal, as [`declare_weights`](Self::declare_weights): a
    /// first call's output shapes, with its weights handed to `sink`.
    /// Defaults to [`compute_output_shape`](Self::compute_output_shape)
    /// then `declare_weights`; a layer overrides it to check its arguments
    /// once for both.
    #[doc(hidden)]
    fn build_call(
        &self,
        inputs: &[Shape],
        sink: &mut sealed::WeightSink<'_>,
    ) -> Result<OutputShapes, LayerError> {
        let outputs = self.compute_output_shape(inputs)?;
        self.declare_weights(inputs, sink)?;
        Ok(outputs)
    }

    /// How several outputs are grouped (Keras prints lists and tuples
    /// differently). Defaults to a list.
    fn output_structure(&self) -> OutputStructure {
        OutputStructure::List
    }

    /// Whether this is an `InputLayer` (a graph source with no inputs).
    fn is_input(&self) -> bool {
        false
    }

    /// Whether this is a Keras 3 operation node (`keras.src.ops`, see
    /// [`crate::ops`]) rather than a layer: a row of its model's summary,
    /// but not one of `model.layers` (what an expanded nested model lists).
    fn is_operation(&self) -> bool {
        false
    }

    /// The model, when this layer is a model nested in another one. Its
    /// weights then keep their own paths (Keras does not prefix them with
    /// the model's name).
    fn nested_model(&self) -> Option<&Model> {
        None
    }

    /// The compute cost of one call for one sample, given the call's input
    /// and output shapes (see [`crate::compute`]). `Ok(None)` means unknown:
    /// the default, so that a custom layer is never silently counted as
    /// free. The catalog's layers document theirs in a `# Cost` section.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// use kerasinfo::Shape;
    /// let dense = Dense::new(5);
    /// let cost = dense.cost(&[Shape::batched([7])], &[Shape::batched([5])])?.unwrap();
    /// assert_eq!((cost.macs, cost.flops), (35, 75));
    /// # Ok::<(), kerasinfo::LayerError>(())
    /// ```
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        let _ = (inputs, outputs);
        Ok(None)
    }

    /// Called once, when the layer takes its name, so that wrappers can
    /// name the layers they hold in Keras's order. Defaults to nothing.
    fn resolve_inner_names(&mut self) {}

    /// How the layer's call takes several tensors. Defaults to
    /// [`InputsArg::Tensor`].
    fn inputs_arg(&self) -> InputsArg {
        InputsArg::Tensor
    }

    /// Keras's `supports_masking`: whether the layer gives its outputs a
    /// mask ([`compute_mask`](Self::compute_mask)); a layer that does not
    /// drops the mask of its input, as Keras does (with a warning).
    /// Defaults to `false`.
    fn supports_masking(&self) -> bool {
        false
    }

    /// Whether the layer's `call` takes Keras's `mask=` argument (the
    /// recurrent layers, `BatchNormalization`, `Softmax`,
    /// `GlobalAveragePooling1D`, …): Keras passes it the mask of its input,
    /// and the summary's `Connected to` lists that mask. Defaults to
    /// `false`.
    fn takes_mask(&self) -> bool {
        false
    }

    /// Keras's `compute_mask(inputs, previous_mask)`: the outputs' masks
    /// (one per output, or fewer) from the call's inputs and the masks it
    /// received (one per tensor of its first argument); `keras.ops` it
    /// applies ([`crate::ops`]) become graph nodes, as in Keras. Only called
    /// when [`supports_masking`](Self::supports_masking). Defaults to
    /// passing the received masks on.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// kerasinfo::naming::clear_session();
    /// let x = Input::new([5]).tensor()?;
    /// let e = Embedding::new(10, 4).mask_zero(true).call(&x)?;
    /// let h = Dropout::new(0.1).call(&e)?; // passes the mask on
    /// let y = LSTM::new(3).call(&h)?; // receives it, and returns none
    /// assert!(h.keras_mask().is_some() && y.keras_mask().is_none());
    /// let model = Functional::new(&x, &y).build()?;
    /// let lstm = model.summary().rows.into_iter().find(|r| r.name == "lstm").unwrap();
    /// assert_eq!(lstm.connected_to_text(), "dropout[0][0], not_equal[0][0]");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    fn compute_mask(&self, inputs: &[Tensor], previous: &[Option<Tensor>]) -> Result<Masks> {
        let _ = inputs;
        Ok(previous.iter().cloned().collect())
    }

    /// Whether the layer's call takes Keras's `initial_state=` (the
    /// recurrent layers: `SimpleRNN`, `LSTM`, `GRU`, `RNN`, `ConvLSTM*D`,
    /// `Bidirectional`). Defaults to `false`.
    fn takes_initial_state(&self) -> bool {
        false
    }

    /// The classes of the helper layers Keras makes, with automatic names,
    /// when it builds this layer (its first call): they take those names
    /// from the session's counters (`MultiHeadAttention` makes a `Softmax`
    /// and a `Dropout`, so the next `Dropout` is `dropout_1`). Defaults to
    /// none.
    fn build_time_names(&self) -> &'static [&'static str] {
        &[]
    }

    /// Whether Keras 3 marks the layer built in its constructor
    /// (`Layer._build_at_init`: stateless layers that do not override
    /// `build`; `Reshape` sets `built` itself), so that a summary never
    /// prints it `(unbuilt)` before it is called. Defaults to `false`.
    fn built_at_init(&self) -> bool {
        false
    }

    /// Whether this layer is a model itself (a `Sequential` or
    /// `Functional` nested in another one), not a wrapper holding one
    /// (`TimeDistributed(model)`). Defaults to `false`.
    fn is_model(&self) -> bool {
        false
    }

    /// Whether the layer holds layers of its own (`Bidirectional`'s,
    /// `MultiHeadAttention`'s projections) whose `trainable` flag Keras's
    /// config cannot carry apart from the layer's own. Defaults to `false`.
    fn holds_layers(&self) -> bool {
        false
    }

    /// The class name Keras's config uses for this layer, where it differs
    /// from the one its summary prints (`keras.layers.GroupQueryAttention`
    /// is the class `GroupedQueryAttention`). Defaults to
    /// [`class_name`](Self::class_name).
    fn config_class_name(&self) -> &str {
        self.class_name()
    }

    /// Whether the layer's constructor takes `trainable` (its
    /// `get_config()` then holds it). Defaults to `true`.
    fn config_has_trainable(&self) -> bool {
        true
    }

    /// Whether the layer's constructor takes `dtype` (its `get_config()`
    /// then holds it). Defaults to `true`.
    fn config_has_dtype(&self) -> bool {
        true
    }

    /// The class-specific keys of Keras's `get_config()` for this layer
    /// (the config writer adds `name`, `trainable` and `dtype`), or `None`
    /// when the layer cannot be written as a Keras config. Defaults to
    /// `None`.
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        None
    }
}

mod sealed {
    use crate::error::LayerError;
    use crate::weight::WeightSpec;

    /// Where [`Layer::declare_weights`](super::Layer::declare_weights)
    /// hands a layer's weights (public in a private module: callable and
    /// implementable only inside the crate).
    pub struct WeightSink<'a> {
        take: &'a mut dyn FnMut(WeightSpec) -> Result<(), LayerError>,
    }

    impl<'a> WeightSink<'a> {
        /// A sink handing each weight to `take`.
        pub(crate) fn new(take: &'a mut dyn FnMut(WeightSpec) -> Result<(), LayerError>) -> Self {
            WeightSink { take }
        }

        /// Hands on one weight.
        pub fn push(&mut self, spec: WeightSpec) -> Result<(), LayerError> {
            (self.take)(spec)
        }
    }

    /// The layer as `Any`, to tell the crate's own layer types apart
    /// (implemented for every type; not implementable outside).
    pub trait AsAny {
        /// `self` as `&dyn Any`.
        fn as_any(&self) -> &dyn std::any::Any;
    }

    impl<T: std::any::Any> AsAny for T {
        fn as_any(&self) -> &dyn std::any::Any {
            self
        }
    }
}

/// The weights a layer's [`Layer::declare_weights`] declares, as a list:
/// what `weights` returns for the layers that override `declare_weights`.
pub(crate) fn collect_weights(
    declare: impl FnOnce(&mut WeightSink<'_>) -> Result<(), LayerError>,
    capacity: usize,
) -> Result<Vec<WeightSpec>, LayerError> {
    let mut out = Vec::with_capacity(capacity);
    declare(&mut WeightSink::new(&mut |spec| {
        out.push(spec);
        Ok(())
    }))?;
    Ok(out)
}

/// Builder methods shared by every layer: the keyword arguments of Keras's
/// base `Layer` (`name`, `trainable`, `dtype`) and calling a layer on
/// tensors.
///
/// ```
/// use kerasinfo::prelude::*;
/// let x = Input::new([8]).tensor()?;
/// let y = Dense::new(4).name("fc").trainable(false).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 4)");
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub trait LayerExt: Layer + Sized {
    /// Keras's `name=`: the layer's name (otherwise an automatic one).
    #[must_use]
    fn name(mut self, name: impl Into<String>) -> Self {
        self.config_mut().set_name(name);
        self
    }

    /// Keras's `trainable=` constructor argument: `false` makes the
    /// weights the layer creates itself non-trainable. A wrapper's inner
    /// layers (Bidirectional's LSTM, MultiHeadAttention's projections) keep
    /// their own setting, as in Keras. Defaults to `true`.
    #[must_use]
    fn trainable(mut self, trainable: bool) -> Self {
        let c = self.config_mut();
        c.trainable = trainable;
        c.trainable_reaches_inner = false;
        self
    }

    /// Keras's `layer.trainable = ...` after the layer is built: also
    /// freezes (or unfreezes) the weights of the layers it holds.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let q = Input::new([4, 6]).tensor()?;
    /// let ctor = MultiHeadAttention::new(2, 3).trainable(false).call([&q, &q])?;
    /// let attr = MultiHeadAttention::new(2, 3).set_trainable(false).call([&q, &q])?;
    /// let a = Functional::new(&q, &ctor).build()?.summary();
    /// let b = Functional::new(&q, &attr).build()?.summary();
    /// assert_eq!(a.trainable_params, 168); // Keras keeps the projections trainable
    /// assert_eq!(b.trainable_params, 0);
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[must_use]
    fn set_trainable(mut self, trainable: bool) -> Self {
        let c = self.config_mut();
        c.trainable = trainable;
        c.trainable_reaches_inner = true;
        self
    }

    /// Keras's `dtype=` with a dtype: the dtype of the layer's variables
    /// and of its computations (Keras's `DTypePolicy("float16")`). Defaults
    /// to the global policy ([`set_dtype_policy`]), `float32` unless set.
    #[must_use]
    fn dtype(self, dtype: DType) -> Self {
        self.dtype_policy(DTypePolicy::from(dtype))
    }

    /// Keras's `dtype=` with a policy (`dtype="mixed_float16"`): its
    /// variable dtype for the layer's variables, its compute dtype for the
    /// layer's outputs. Defaults to the global policy ([`set_dtype_policy`]).
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// use kerasinfo::DTypePolicy;
    /// let x = Input::new([4]).tensor()?;
    /// let y = Dense::new(3).dtype_policy(DTypePolicy::MIXED_FLOAT16).call(&x)?;
    /// let s = Functional::new(&x, &y).build()?.summary();
    /// assert_eq!(s.total_size.bytes(), 60.0); // float32 variables
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[must_use]
    fn dtype_policy(mut self, policy: DTypePolicy) -> Self {
        self.config_mut().set_dtype_policy(policy);
        self
    }

    /// Makes the layer a shared instance, which takes its (automatic) name
    /// now and can be called on several tensors; its weights count once.
    #[must_use]
    fn shared(self) -> LayerHandle {
        LayerHandle::new(Box::new(self))
    }

    /// Calls the layer on one or more tensors, like `layer(x)` in Keras, and
    /// returns its single output.
    fn call(self, inputs: impl Into<CallInputs>) -> Result<Tensor> {
        self.shared().call_once(inputs)
    }

    /// Calls the layer and returns all its outputs (e.g. an LSTM with
    /// `return_state`).
    fn call_multi(self, inputs: impl Into<CallInputs>) -> Result<Vec<Tensor>> {
        self.shared().call_multi(inputs)
    }

    /// Calls a recurrent layer with Keras's `initial_state=` and returns
    /// its single output: `LSTM(4)(x, initial_state=[h, c])` is
    /// `LSTM::new(4).call_with_initial_state(&x, [&h, &c])?`. See
    /// [`LayerHandle::call_with_initial_state`].
    fn call_with_initial_state(
        self,
        inputs: impl Into<CallInputs>,
        initial_state: impl Into<CallInputs>,
    ) -> Result<Tensor> {
        self.shared().call_with_initial_state(inputs, initial_state)
    }

    /// Calls a recurrent layer with Keras's `initial_state=` and returns
    /// all its outputs (`return_state=True`: the output, then the states).
    fn call_multi_with_initial_state(
        self,
        inputs: impl Into<CallInputs>,
        initial_state: impl Into<CallInputs>,
    ) -> Result<Vec<Tensor>> {
        self.shared()
            .call_multi_with_initial_state(inputs, initial_state)
    }
}

impl<L: Layer> LayerExt for L {}

/// Gives a layer held by another one (not called itself) its name now:
/// the explicit one, or the automatic one its place gives.
pub(crate) fn settle_name(layer: &mut dyn Layer) {
    if layer.config().name.is_none() {
        let name = naming::claim(layer.config().ticket, layer.class_name());
        let c = layer.config_mut();
        c.name = Some(naming::Name::from(name));
        c.ticket = None;
    }
}

/// A catalog layer just made: it takes its place in Keras's
/// automatic-naming order now (Keras names a layer in its constructor).
pub(crate) fn constructed<L: Layer>(mut layer: L) -> L {
    let config = layer.config();
    if config.ticket.is_none() && config.name.is_none() {
        let ticket = naming::reserve(layer.class_name());
        layer.config_mut().ticket = ticket;
    }
    layer
}

/// The only input of a single-input layer, or an input-count error.
///
/// ```
/// use kerasinfo::{layer::one_input, Shape};
/// assert!(one_input(&[Shape::batched([3])]).is_ok());
/// assert!(one_input(&[]).is_err());
/// ```
pub fn one_input(inputs: &[Shape]) -> Result<&Shape, LayerError> {
    match inputs {
        [one] => Ok(one),
        _ => Err(LayerError::input_count("1", inputs.len())),
    }
}

/// One output shape.
///
/// ```
/// use kerasinfo::{layer::single, Shape};
/// assert_eq!(single(Shape::batched([3])).len(), 1);
/// ```
#[must_use]
pub fn single(shape: Shape) -> OutputShapes {
    smallvec::smallvec![shape]
}

/// The last dimension of `shape`, which must be known (e.g. the input
/// features of a `Dense`).
///
/// ```
/// use kerasinfo::{layer::known_last_dim, Dim, Shape};
/// assert_eq!(known_last_dim(&Shape::batched([7, 3])).unwrap(), 3);
/// assert!(known_last_dim(&Shape::new([Dim::Unknown, Dim::Unknown])).is_err());
/// ```
pub fn known_last_dim(shape: &Shape) -> Result<u64, LayerError> {
    known_dim(shape, -1)
}

/// The dimension at `axis` of `shape`, which must exist and be known.
///
/// ```
/// use kerasinfo::{layer::known_dim, Shape};
/// assert_eq!(known_dim(&Shape::batched([7, 3]), 1).unwrap(), 7);
/// assert!(known_dim(&Shape::batched([7, 3]), 5).is_err());
/// ```
pub fn known_dim(shape: &Shape, axis: i64) -> Result<u64, LayerError> {
    match shape.get(axis) {
        Some(d) => d.known().ok_or_else(|| {
            LayerError::input(
                shape,
                format!("axis {axis} must have a defined size, not None"),
            )
        }),
        None => Err(shape.axis_out_of_range(axis)),
    }
}

/// The weights of a held layer as its holder reports them: prefixed with
/// the held layer's name, in its dtype, frozen if it is.
pub(crate) fn held_weights(
    specs: Vec<WeightSpec>,
    prefix: &str,
    config: &LayerConfig,
) -> Vec<WeightSpec> {
    specs
        .into_iter()
        .map(|mut w| {
            w.dtype = Some(w.dtype.unwrap_or(config.dtype));
            if !config.trainable {
                w = w.frozen();
            }
            // Created by the held layer: the holder's own `trainable`
            // argument does not freeze it (Keras).
            let w = w.prefixed(prefix).inherited();
            // Built when loaded, at the root name scope: the path starts
            // at the held layer's name, whatever holds it.
            if config.built_at_load { w.rooted() } else { w }
        })
        .collect()
}

/// The output of a layer whose only output has its only input's shape.
pub(crate) fn same_shape(inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
    Ok(single(one_input(inputs)?.clone()))
}
