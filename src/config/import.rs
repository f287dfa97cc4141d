//! Rebuilding a model from its Keras config, as Keras's
//! `functional_from_config` and `Sequential.from_config` do.

use std::collections::hash_map::Entry as Slot;

use smallvec::SmallVec;

use super::cfg::{Cfg, LazyAt, PolicyMemo, cfg_error, field, int_of};
use super::doc::{Items, JsonRef};
use super::registry::{AnyFactory, CopyLayer, Names, Nested, Registry};
use crate::error::{Error, Result};
use crate::layer::Layer;
use crate::model::{
    CallInputs, Functional, IntoLayer, LayerHandle, Model, ModelKind, NodeInputs, Sequential,
    Tensor,
};
use crate::ops::read::{OpCall, OpReaders};

/// How deeply models may nest in a config before it is refused.
const MAX_DEPTH: usize = 64;

/// A JSON path built only when an error needs it.
#[derive(Clone, Copy)]
enum At<'p> {
    Str(&'p str),
    Key(&'p At<'p>, &'static str),
    Index(&'p At<'p>, usize),
}

impl std::fmt::Display for At<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            At::Str(s) => f.write_str(s),
            At::Key(parent, key) => write!(f, "{parent}.{key}"),
            At::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

fn at_error(at: &At<'_>, reason: impl Into<String>) -> Error {
    cfg_error(&at.to_string(), reason)
}

/// `{base}.{key}`, without the formatting machinery (made for every
/// layer).
fn key_path(base: &str, key: &str) -> String {
    let mut s = String::with_capacity(base.len().saturating_add(key.len()).saturating_add(1));
    s.push_str(base);
    s.push('.');
    s.push_str(key);
    s
}

/// `class_name` of the object `v` at `at`, which must be a string.
fn class_name<'a>(v: JsonRef<'a>, at: &str) -> Result<&'a str> {
    let f = field(v, "class_name", at)?;
    f.as_str().ok_or_else(|| {
        cfg_error(
            &format!("{at}.class_name"),
            format!("expected a string, found {}", f.kind()),
        )
    })
}

thread_local! {
    /// Whether the config being imported was written by tf.keras 2
    /// (top-level `"keras_version": "2..."`), whose `trainable=False`
    /// freezes the weights of the layers a layer holds too.
    static TF_KERAS2: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Builds the model described by a serialized Keras model object
/// (`{"class_name": "Functional", "config": {...}}`).
pub(crate) fn model_from_value(
    v: JsonRef<'_>,
    registry: &Registry,
    at: &str,
    depth: usize,
) -> Result<Model> {
    model_in(v, registry, at, depth, &mut Copies::default())
}

/// The layers made so far that later layers may be copies of, by the
/// rest of their config (see [`Copies::key`]).
///
/// Keras's configs of one class with the same arguments differ only in
/// their first key, `name`, and the parser shares the nodes of a config's
/// later keys when they repeat an earlier config's byte for byte. A layer
/// whose config shares them with an earlier layer's of the same class
/// (registered with [`Registry::builtin_copied`], and whose reader read
/// nothing but those keys) is that layer copied and renamed.
#[derive(Default)]
struct Copies<'d> {
    by_rest: crate::model::idmap::IdMap<usize, (Copyable<'d>, LayerHandle)>,
    /// The dtype policy object last read (Keras writes the same one in
    /// every layer's config).
    policies: PolicyMemo,
}

/// How a layer kept in [`Copies`] was made: the class and registered
/// name of its entry (which pick its factory), and how to copy it.
#[derive(Clone, Copy)]
struct Copyable<'d> {
    class: &'d str,
    registered: Option<&'d str>,
    copy: CopyLayer,
}

impl<'d> Copies<'d> {
    /// The key of a layer config of a parsed document by the rest of its
    /// keys, and its `name`: the node of its second key's value, which the
    /// parser shares between two configs only when all their keys after
    /// the first are the same. `None` unless its first key is `name`, a
    /// string (what copies may differ in).
    fn key(config: JsonRef<'d>) -> Option<(usize, &'d str)> {
        let mut keys = config.as_object()?;
        let (first, name) = keys.next()?;
        match keys.next()? {
            (_, JsonRef::Flat(_, second)) if first == "name" => Some((second, name.as_str()?)),
            _ => None,
        }
    }

    /// A copy named `name` of the layer kept for the configs of key `key`,
    /// if it was made by the factory an entry of class `class` and
    /// registered name `registered` is made by.
    fn copy(
        &self,
        key: usize,
        class: &str,
        registered: Option<&str>,
        name: &str,
    ) -> Option<Box<dyn Layer>> {
        let (made, handle) = self.by_rest.get(&key)?;
        if made.class != class || made.registered != registered {
            return None;
        }
        let mut layer = (made.copy)(handle.layer())?;
        let c = layer.config_mut();
        c.set_name_str(name);
        // Set again from the copy's own entry.
        c.clear_built_at_load();
        Some(layer)
    }

    /// Keeps `handle`, made as `made` says, as the layer of the configs of
    /// key `key`.
    fn keep(&mut self, (key, made): (usize, Copyable<'d>), handle: &LayerHandle) {
        self.by_rest.insert(key, (made, handle.clone()));
    }
}

/// [`model_from_value`] with the layers made so far.
fn model_in<'d>(
    v: JsonRef<'d>,
    registry: &Registry,
    at: &str,
    depth: usize,
    copies: &mut Copies<'d>,
) -> Result<Model> {
    if depth > MAX_DEPTH {
        return Err(cfg_error(
            at,
            format!("models nested more than {MAX_DEPTH} levels deep"),
        ));
    }
    if !v.is_object() {
        return Err(cfg_error(
            at,
            format!("expected a model object, found {}", v.kind()),
        ));
    }
    let class = class_name(v, at)?;
    let config_at = key_path(at, "config");
    let config = field(v, "config", at)?;
    if depth == 0 {
        let keras2 = v
            .get("keras_version")
            .and_then(JsonRef::as_str)
            .is_some_and(|k| k.starts_with("2."));
        TF_KERAS2.with(|c| c.set(keras2));
    }
    match ModelKind::from_config_class(class) {
        Some(ModelKind::Functional) => functional(config, registry, &config_at, depth, copies),
        Some(ModelKind::Sequential) => sequential(config, registry, &config_at, depth, copies),
        None => Err(cfg_error(
            &format!("{at}.class_name"),
            format!("expected a Functional or Sequential model, found {class:?}"),
        )),
    }
}

/// The keys of a `layers[i]` entry the importer reads, found in one pass
/// (a key given twice: its last value).
#[derive(Clone, Copy)]
struct Entry<'a> {
    value: JsonRef<'a>,
    class_name: Option<JsonRef<'a>>,
    config: Option<JsonRef<'a>>,
    module: Option<JsonRef<'a>>,
    registered_name: Option<JsonRef<'a>>,
    build_config: Option<JsonRef<'a>>,
    name: Option<JsonRef<'a>>,
    inbound_nodes: Option<JsonRef<'a>>,
}

impl<'a> Entry<'a> {
    fn read(value: JsonRef<'a>) -> Self {
        // Each key looked up: fewer bytes read than a pass over every key.
        let keys = value.obj_keys();
        let get = |key| keys.and_then(|keys| keys.get(key));
        Entry {
            value,
            class_name: get("class_name"),
            config: get("config"),
            module: get("module"),
            registered_name: get("registered_name"),
            build_config: get("build_config"),
            name: get("name"),
            inbound_nodes: get("inbound_nodes"),
        }
    }

    /// `class_name`, which must be a string (the path made only for an
    /// error).
    fn class_name(&self, at: &LazyAt<'_>) -> Result<&'a str> {
        match self.class_name.and_then(JsonRef::as_str) {
            Some(class) => Ok(class),
            None => class_name(self.value, at.entry()),
        }
    }
}

/// tf.keras 2's `_should_skip_first_node` for a `layers[i]` entry: a
/// nested Functional model, or a nested Sequential model that starts with
/// an `InputLayer`.
fn skips_first_node(entry: &Entry<'_>) -> bool {
    match entry
        .class_name
        .and_then(JsonRef::as_str)
        .and_then(ModelKind::from_config_class)
    {
        Some(ModelKind::Functional) => true,
        Some(ModelKind::Sequential) => {
            entry
                .config
                .and_then(|c| c.get("layers")?.as_array()?.next())
                .and_then(|l| l.get("class_name"))
                .and_then(JsonRef::as_str)
                == Some(crate::layers::Input::CLASS_NAME)
        }
        None => false,
    }
}

/// What one `layers[i]` entry makes: a layer, or a model (a layer
/// instance already, which its holders share).
enum Made {
    Layer(Box<dyn Layer>),
    Model(Model),
}

impl Made {
    /// As a layer instance of a model, named `name` if given (a model
    /// keeps its own).
    fn into_handle(self, name: Option<&str>) -> LayerHandle {
        match self {
            Made::Layer(mut l) => {
                // Usually the name its config gave it already.
                if let Some(name) = name.filter(|n| l.config().name() != Some(*n)) {
                    l.config_mut().set_name_str(name);
                }
                LayerHandle::new(l)
            }
            Made::Model(m) => m.into_handle(),
        }
    }
}

/// The key and class a layer just made is kept by in [`Copies`], when
/// later layers may be copies of it.
type Keep<'d> = Option<(usize, Copyable<'d>)>;

/// Creates the layer of one `layers[i]` entry (and whether to keep it
/// for copies once it is in its handle).
fn make_layer<'d>(
    entry: &Entry<'d>,
    registry: &Registry,
    at: &LazyAt<'_>,
    depth: usize,
    copies: Option<&mut Copies<'d>>,
) -> Result<(Made, Keep<'d>)> {
    let class = entry.class_name(at)?;
    if ModelKind::from_config_class(class).is_some() {
        // bounded: model_in rejects depth > MAX_DEPTH
        let depth = depth.saturating_add(1);
        let model = match copies {
            Some(copies) => model_in(entry.value, registry, at.entry(), depth, copies)?,
            None => model_from_value(entry.value, registry, at.entry(), depth)?,
        };
        return Ok((Made::Model(model), None));
    }
    let (layer, keep) = make_plain_layer(entry, class, registry, at, copies.map(|c| &*c))?;
    Ok((Made::Layer(layer), keep))
}

/// Creates the layer (not a model) of one `layers[i]` entry of class
/// `class`, a copy of one in `copies` when its config repeats that one's
/// (and whether to keep it for copies).
fn make_plain_layer<'d>(
    entry: &Entry<'d>,
    class: &'d str,
    registry: &Registry,
    at: &LazyAt<'_>,
    copies: Option<&Copies<'d>>,
) -> Result<(Box<dyn Layer>, Keep<'d>)> {
    if entry
        .module
        .and_then(JsonRef::as_str)
        .is_some_and(|m| m.starts_with("keras.src.ops"))
    {
        let op = operation(entry.value, class, at.entry())?;
        return Ok((op, None));
    }
    let registered = entry.registered_name.and_then(JsonRef::as_str);
    // A config that repeats an earlier layer's but for its name: that
    // layer, copied (its class's factory made it from the same config).
    let key = copies.and(entry.config).and_then(Copies::key);
    let copied = copies
        .zip(key)
        .and_then(|(copies, (key, name))| copies.copy(key, class, registered, name));
    if let Some(mut layer) = copied {
        // Its `trainable_reaches_inner` is its original's: set from the
        // same `trainable`.
        if entry.build_config.is_some() {
            layer.config_mut().set_built_at_load();
        }
        return Ok((layer, None));
    }
    let factory = registered
        .and_then(|r| registry.factory(r))
        .or_else(|| registry.factory(class));
    let Some(factory) = factory else {
        let module = entry.module.and_then(JsonRef::as_str).unwrap_or("?");
        return Err(cfg_error(
            &format!("{}.class_name", at.entry()),
            format!(
                "unknown layer class {class:?} (module {module:?}); register custom layers in a Registry"
            ),
        ));
    };
    let cfg_value = entry
        .config
        .map_or_else(|| field(entry.value, "config", at.entry()), Ok)?;
    let beyond = std::sync::atomic::AtomicBool::new(false);
    let cfg = Cfg::from_entry(cfg_value, at, entry.inbound_nodes, Some(&beyond))?;
    // A wrong value in the layer's config: the error names the layer too.
    let named = |e: Error| {
        let name = cfg_value
            .get("name")
            .and_then(JsonRef::as_str)
            .or_else(|| entry.name.and_then(JsonRef::as_str));
        layer_config_error(e, name, class, at.config())
    };
    let (mut layer, copy) = match factory {
        AnyFactory::Plain(factory, copy) => (factory(&cfg).map_err(named)?, copy),
        AnyFactory::Nested(factory) => (
            factory(&cfg, &Nested::new(registry, layer_from_ref)).map_err(named)?,
            None,
        ),
    };
    // The base-layer keys apply to every class, custom ones included.
    cfg.apply_base_with(layer.as_mut(), copies.map(|c| &c.policies))
        .map_err(named)?;
    // Kept for later configs that repeat this one, when it was made from
    // this config's arguments alone.
    let keep = key
        .zip(copy)
        // Its name is the config's first key's (no later `name`: its
        // name is the one its copies differ in).
        .filter(|((_, first), _)| {
            cfg.import_name()
                .is_some_and(|name| std::ptr::eq(name, *first))
        })
        .filter(|_| !beyond.load(std::sync::atomic::Ordering::Relaxed))
        .map(|((key, _), copy)| {
            let made = Copyable {
                class,
                registered,
                copy,
            };
            (key, made)
        });
    if entry.build_config.is_some() {
        // Keras builds it as it deserializes it, at the root name scope.
        layer.config_mut().set_built_at_load();
    }
    if TF_KERAS2.with(std::cell::Cell::get) && !layer.config().trainable {
        // tf.keras 2: a frozen layer lists no trainable weights at all.
        layer.config_mut().trainable_reaches_inner = true;
    }
    Ok((layer, keep))
}

/// Every operation kerasinfo reads, registered by the operations.
fn readers() -> &'static OpReaders {
    static READERS: std::sync::OnceLock<OpReaders> = std::sync::OnceLock::new();
    READERS.get_or_init(|| {
        let mut r = OpReaders::default();
        crate::ops::register(&mut r);
        r
    })
}

/// Builds a Keras 3 operation node (module `keras.src.ops.*`) from its
/// config and the `args`/`kwargs` of its first inbound node.
fn operation(entry: JsonRef<'_>, class: &str, at: &str) -> Result<Box<dyn Layer>> {
    let cfg_at = format!("{at}.config");
    let cfg = Cfg::from_ref(field(entry, "config", at)?, &cfg_at)?;
    let node_at = format!("{at}.inbound_nodes[0]");
    let node = entry
        .get("inbound_nodes")
        .and_then(JsonRef::as_array)
        .and_then(|mut n| n.next());
    let call = OpCall {
        class,
        cfg: &cfg,
        args: node.and_then(|n| n.get("args")),
        kwargs: node.and_then(|n| n.get("kwargs")),
        node_at: &node_at,
    };
    let Some(read) = readers().get(class) else {
        let module = entry.get("module").and_then(JsonRef::as_str).unwrap_or("?");
        return Err(cfg_error(
            &format!("{at}.class_name"),
            format!("unknown operation {class:?} (module {module:?})"),
        ));
    };
    let mut layer = read(&call)?;
    if let Some(n) = cfg.opt_str("name")? {
        layer.config_mut().set_name_str(n);
    }
    Ok(layer)
}

/// A config error inside the config of layer `name` (class `class`, its
/// config at `cfg_at`) as one that names the layer, the key and the path.
fn layer_config_error(e: Error, name: Option<&str>, class: &str, cfg_at: &str) -> Error {
    match (e, name) {
        (Error::Config { at, reason }, Some(name)) => {
            match at.strip_prefix(cfg_at).and_then(|k| k.strip_prefix('.')) {
                Some(key) => Error::LayerConfig {
                    name: name.to_owned(),
                    class: class.to_owned(),
                    key: key.to_owned(),
                    reason,
                    at,
                },
                None => Error::Config { at, reason },
            }
        }
        (e, _) => e,
    }
}

/// The layer of one serialized layer object (a value of a parsed document
/// or a tree) at the JSON path `at`.
pub(crate) fn layer_from_ref(
    entry: JsonRef<'_>,
    registry: &Registry,
    at: &str,
) -> Result<Box<dyn Layer>> {
    if !entry.is_object() {
        return Err(cfg_error(
            at,
            format!("expected a serialized layer object, found {}", entry.kind()),
        ));
    }
    // No copies: a nested reader's layers are read whole.
    make_layer(&Entry::read(entry), registry, &LazyAt::new(at), 0, None).map(|(made, _)| match made
    {
        Made::Layer(l) => l,
        // As a layer held by a wrapper.
        Made::Model(m) => m.into_layer(),
    })
}

struct Created<'k> {
    /// Its name in the config.
    name: &'k str,
    handle: LayerHandle,
    /// A nested model whose saved node indices count its construction
    /// node first (tf.keras 2's `_should_skip_first_node`): the config's
    /// node 1 is its first call.
    skip_first: bool,
    /// Output tensors of each call, by node index.
    nodes: SmallVec<[NodeInputs; 1]>,
}

/// The layers made so far, in config order, and their places by name.
struct Layers<'k> {
    list: Vec<Created<'k>>,
    by_name: Names<'k, usize>,
    /// The place of the layer before the one whose nodes are read: the
    /// layer a node of most of Keras's configs calls.
    near: std::cell::Cell<Option<usize>>,
    /// How many more times in a row [`Layers::near`] may be tried in vain
    /// before it no longer is (in a config whose layers mostly call
    /// others, NASNet's, the try costs more than it saves).
    near_credit: std::cell::Cell<u8>,
}

/// [`Layers::near_credit`] at first and after each hit.
const NEAR_CREDIT: u8 = 8;

impl Layers<'_> {
    fn get(&self, name: &str) -> Option<&Created<'_>> {
        // Names are unique: the layer before, when named so, is the one
        // `by_name` gives (found without hashing the name).
        let credit = self.near_credit.get();
        if let Some(c) = self
            .near
            .get()
            .filter(|_| credit > 0)
            .and_then(|i| self.list.get(i))
        {
            if c.name == name {
                self.near_credit.set(NEAR_CREDIT);
                return Some(c);
            }
            self.near_credit.set(credit.saturating_sub(1));
        }
        self.by_name.get(name).and_then(|&i| self.list.get(i))
    }
}

/// A node's positional input tensors and its keyword tensors (`mask=`).
type NodeTensors = (SmallVec<[Tensor; 2]>, NodeInputs);

/// A `[layer_name, node_index, tensor_index, ...]` reference.
fn history<'v>(v: JsonRef<'v>, at: &At<'_>) -> Result<(&'v str, usize, usize)> {
    let bad = || at_error(at, "expected [layer_name, node_index, tensor_index]");
    let mut items = v.as_array().ok_or_else(bad)?;
    let (Some(name), Some(node), Some(tensor)) = (items.next(), items.next(), items.next()) else {
        return Err(bad());
    };
    let name = name
        .as_str()
        .ok_or_else(|| at_error(at, "expected a layer name"))?;
    let index = |item: JsonRef<'_>| {
        // An index as written (the common case) without `int_of`'s float
        // reading, within `int_of`'s range.
        item.as_u64()
            .filter(|&n| i64::try_from(n).is_ok())
            .or_else(|| int_of(item).and_then(|n| u64::try_from(n).ok()))
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| at_error(at, "expected non-negative node and tensor indices"))
    };
    Ok((name, index(node)?, index(tensor)?))
}

fn lookup(
    created: &Layers<'_>,
    &(name, node, tensor): &(&str, usize, usize),
    reindexed: bool,
    at: &At<'_>,
) -> Result<Option<Tensor>> {
    let c = created
        .get(name)
        .ok_or_else(|| at_error(at, format!("reference to unknown layer {name:?}")))?;
    let node = if reindexed && c.skip_first {
        node.checked_sub(1).ok_or_else(|| {
            at_error(
                at,
                format!("node 0 of nested model {name:?} is its construction node, not a call"),
            )
        })?
    } else {
        node
    };
    match c.nodes.get(node) {
        None => Ok(None),
        Some(outs) => outs.get(tensor).cloned().map(Some).ok_or_else(|| {
            at_error(
                at,
                format!(
                    "layer {name:?} has no output {tensor} (it has {})",
                    outs.len()
                ),
            )
        }),
    }
}

/// Collects the tensors of a Keras 3 node's `args` (tensors may sit in
/// nested lists; constants are skipped): whether they are all made yet.
fn collect_tensors<A: smallvec::Array<Item = Tensor>>(
    v: JsonRef<'_>,
    created: &Layers<'_>,
    at: &At<'_>,
    out: &mut SmallVec<A>,
) -> Result<bool> {
    let Some(items) = v.as_array() else {
        return push_tensor(v, created, at, out);
    };
    for (i, item) in items.enumerate() {
        let at = At::Index(at, i);
        // A tensor (the common item) read here, a nested list by recursion.
        let ready = if item.is_array() {
            collect_tensors(item, created, &at, out)?
        } else {
            push_tensor(item, created, &at, out)?
        };
        if !ready {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Pushes the tensor `v` of a node's arguments when it is a serialized
/// Keras tensor (a constant is skipped): whether it is made yet.
#[inline]
fn push_tensor<A: smallvec::Array<Item = Tensor>>(
    v: JsonRef<'_>,
    created: &Layers<'_>,
    at: &At<'_>,
    out: &mut SmallVec<A>,
) -> Result<bool> {
    // Its two keys (a key given twice: its last value).
    let Some(keys) = v.obj_keys() else {
        return Ok(true);
    };
    if keys.get("class_name").and_then(JsonRef::as_str) != Some("__keras_tensor__") {
        return Ok(true);
    }
    let h = keys
        .get("config")
        .and_then(|c| c.get("keras_history"))
        .ok_or_else(|| at_error(at, "a tensor without keras_history"))?;
    let r = history(h, &At::Key(at, "config.keras_history"))?;
    let Some(t) = lookup(created, &r, false, at)? else {
        return Ok(false);
    };
    out.push(t);
    Ok(true)
}

/// The keyword tensors of a Keras 3 node (`initial_state=`, `mask=`), in
/// the order of its `kwargs`: whether they are all made yet.
fn kw_tensors(
    kwargs: Option<JsonRef<'_>>,
    created: &Layers<'_>,
    at: &At<'_>,
    out: &mut NodeInputs,
) -> Result<bool> {
    let Some(kwargs) = kwargs.and_then(JsonRef::as_object) else {
        return Ok(true);
    };
    for (key, value) in kwargs {
        if matches!(key, "initial_state" | "mask")
            && !collect_tensors(value, created, &At::Key(at, "kwargs"), out)?
        {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A `[layer_name, node_index, tensor_index]` tensor reference in a
/// tf.keras 2 call's keyword arguments.
fn is_ref(v: JsonRef<'_>) -> bool {
    v.as_array().is_some_and(|mut a| {
        a.len() == 3 && a.next().is_some_and(JsonRef::is_string) && a.all(|i| int_of(i).is_some())
    })
}

/// The input tensors of one inbound node (Keras 3 `{"args": ...}` or
/// tf.keras 2 `[[name, node, tensor, kwargs], ...]`), `None` while one is
/// not made yet.
fn resolve_node(
    node: JsonRef<'_>,
    created: &Layers<'_>,
    at: &At<'_>,
) -> Result<Option<NodeTensors>> {
    let mut tensors = SmallVec::new();
    let mut kw = NodeInputs::new();
    // Its keys found once for both lookups.
    let ready = if let Some(keys) = node.obj_keys() {
        match keys.get("args") {
            Some(args) => {
                collect_tensors(args, created, &At::Key(at, "args"), &mut tensors)?
                    // The `initial_state=` and `mask=` keyword tensors
                    // connect the node without being inputs of its shapes,
                    // in the call's order.
                    && kw_tensors(keys.get("kwargs"), created, at, &mut kw)?
            }
            None => return Err(at_error(at, "a node without `args`")),
        }
    } else if let Some(items) = node.as_array() {
        // An op layer's single-tensor call is one flat entry whose
        // keyword arguments may hold further tensors (`{"y": [name,
        // node, tensor]}`).
        let flat = items.clone().next().is_some_and(JsonRef::is_string);
        let mut refs = Vec::new();
        if flat {
            refs.push(node);
            if let Some(kw) = items.clone().nth(3).filter(|k| k.is_object()) {
                // In key order, as serde_json's map gave them.
                refs.extend(
                    kw.sorted()
                        .into_iter()
                        .map(|(_, v)| v)
                        .filter(|v| is_ref(*v)),
                );
            }
        } else {
            for item in items {
                refs.push(item);
                // `mha(query, value[, key])`: tf.keras 2 records the
                // further tensors as keyword arguments of the first.
                if let Some(kw) = item
                    .as_array()
                    .and_then(|mut a| a.nth(3))
                    .filter(|k| k.is_object())
                {
                    refs.extend(
                        ["value", "key"]
                            .iter()
                            .filter_map(|k| kw.get(k))
                            .filter(|v| is_ref(*v)),
                    );
                }
            }
        }
        let mut ready = true;
        for (i, item) in refs.into_iter().enumerate() {
            let r = history(item, &At::Index(at, i))?;
            let Some(t) = lookup(created, &r, true, at)? else {
                ready = false;
                break;
            };
            tensors.push(t);
        }
        ready
    } else {
        return Err(at_error(
            at,
            format!("expected a node, found {}", node.kind()),
        ));
    };
    Ok(if ready { Some((tensors, kw)) } else { None })
}

/// `input_layers` / `output_layers`: one triple or a list of triples,
/// possibly nested (a layer's output that is itself a list, such as the
/// states of an `LSTMCell` in a `StackedRNNCells`), flattened in order
/// (`reindexed` in tf.keras 2 configs, see [`Created::skip_first`]).
fn endpoints(
    v: JsonRef<'_>,
    created: &Layers<'_>,
    reindexed: bool,
    at: &str,
) -> Result<CallInputs> {
    // A dict (`keras.Model(inputs={"a": a})`): its tensors by key, as
    // Keras's `tree.flatten` orders them.
    if v.is_object() {
        let dict = v.sorted();
        let mut tensors = Vec::with_capacity(dict.len());
        let mut names = Vec::with_capacity(dict.len());
        for (key, item) in dict {
            let t = endpoints(item, created, reindexed, &format!("{at}.{key}"))?;
            names.push(key.to_owned());
            tensors.extend(t.tensors);
        }
        if tensors.len() != names.len() {
            return Err(cfg_error(
                at,
                "a dict of endpoints must map each key to one tensor",
            ));
        }
        return Ok(CallInputs {
            tensors: tensors.into_iter().collect(),
            names: Some(names),
        });
    }
    endpoint_list(v, created, reindexed, at).map(CallInputs::from)
}

/// A list (possibly nested) of endpoint references, or one.
fn endpoint_list(
    v: JsonRef<'_>,
    created: &Layers<'_>,
    reindexed: bool,
    at: &str,
) -> Result<Vec<Tensor>> {
    fn refs<'v>(
        v: JsonRef<'v>,
        at: String,
        depth: usize,
        out: &mut Vec<(String, JsonRef<'v>)>,
    ) -> Result<()> {
        match v.as_array() {
            Some(items) if items.clone().next().is_some_and(JsonRef::is_string) => {
                out.push((at, v));
                Ok(())
            }
            Some(_) if depth > MAX_DEPTH => Err(cfg_error(&at, "endpoints nested too deeply")),
            Some(items) => {
                for (i, item) in items.enumerate() {
                    // bounded: depth > MAX_DEPTH is rejected above
                    refs(item, format!("{at}[{i}]"), depth.saturating_add(1), out)?;
                }
                Ok(())
            }
            None => Err(cfg_error(
                &at,
                format!("expected a list, found {}", v.kind()),
            )),
        }
    }
    let mut list = Vec::new();
    refs(v, at.to_owned(), 0, &mut list)?;
    list.iter()
        .map(|(a, r)| {
            let a = At::Str(a);
            let mut h = history(*r, &a)?;
            // Keras 3's `get_tensor`: "Functional models start out with a
            // built-in node", so their saved endpoint indices are one ahead
            // (and Python's index -1 is the last node).
            if !reindexed
                && let Some(c) = created.get(h.0)
                && crate::model::rebuild::called_model(&c.handle)
                    .is_some_and(|m| m.kind() == ModelKind::Functional)
            {
                h.1 = match h.1.checked_sub(1) {
                    Some(n) => n,
                    None => c.nodes.len().saturating_sub(1),
                };
            }
            lookup(created, &h, reindexed, &a)?
                .ok_or_else(|| at_error(&a, format!("layer {:?} has no node {}", h.0, h.1)))
        })
        .collect()
}

/// A layer's nodes not yet called and the index of the first.
type Pending<'v> = (Items<'v>, usize);

fn functional<'d>(
    config: JsonRef<'d>,
    registry: &Registry,
    at: &str,
    depth: usize,
    copies: &mut Copies<'d>,
) -> Result<Model> {
    let layers_at = key_path(at, "layers");
    let layers = field(config, "layers", at)?
        .as_array()
        .ok_or_else(|| cfg_error(&layers_at, "expected a list of layers"))?;
    // At most one kept layer per layer, kept without growing the map.
    copies.by_rest.reserve(layers.len());
    let mut created = Layers {
        list: Vec::with_capacity(layers.len()),
        by_name: Names::with_capacity_and_hasher(layers.len(), Default::default()),
        near: std::cell::Cell::new(None),
        near_credit: std::cell::Cell::new(NEAR_CREDIT),
    };
    // The pending nodes of each layer, in config order.
    let mut order: Vec<Option<Pending<'_>>> = Vec::with_capacity(layers.len());
    let mut pending_count: usize = 0;
    // tf.keras 2 configs (legacy list nodes) reindex nested models' nodes
    // in `input_layers` / `output_layers` too.
    let mut legacy = false;
    for (i, entry) in layers.enumerate() {
        let entry = Entry::read(entry);
        let lat = LazyAt::indexed(&layers_at, i);
        legacy |= entry
            .inbound_nodes
            .and_then(JsonRef::as_array)
            .is_some_and(|mut ns| ns.any(JsonRef::is_array));
        let layer_name = entry
            .name
            .and_then(JsonRef::as_str)
            .or_else(|| entry.config?.get("name")?.as_str())
            .ok_or_else(|| cfg_error(lat.entry(), "a layer without a name"))?;
        let Slot::Vacant(slot) = created.by_name.entry(layer_name) else {
            let reason = format!("duplicate layer name {layer_name:?}");
            return Err(cfg_error(lat.entry(), reason));
        };
        slot.insert(created.list.len());
        let (made, keep) = make_layer(&entry, registry, &lat, depth, Some(copies))?;
        // Only a nested model skips its first node.
        let skip_first = matches!(made, Made::Model(_)) && skips_first_node(&entry);
        let handle = made.into_handle(Some(layer_name));
        if let Some(keep) = keep {
            copies.keep(keep, &handle);
        }
        let is_input = handle.layer().is_input();
        let mut nodes = SmallVec::new();
        if is_input {
            nodes.push(NodeInputs::from_vec(
                handle.call_multi(CallInputs::default())?,
            ));
        }
        let waiting = match entry.inbound_nodes.and_then(JsonRef::as_array) {
            Some(list) if !is_input && list.len() > 0 => {
                // bounded: by the number of layers
                pending_count = pending_count.saturating_add(1);
                Some((list, 0))
            }
            _ => None,
        };
        created.list.push(Created {
            name: layer_name,
            handle,
            skip_first,
            nodes,
        });
        order.push(waiting);
    }
    let layers_root = At::Str(&layers_at);
    // Keras's loop: process nodes layer by layer until none is left.
    while pending_count > 0 {
        let mut progress = false;
        for (idx, waiting) in order.iter_mut().enumerate() {
            let Some((list, first)) = waiting else {
                continue;
            };
            created.near.set(idx.checked_sub(1));
            let entry_at = At::Index(&layers_root, idx);
            let nodes_at = At::Key(&entry_at, "inbound_nodes");
            let mut done: usize = 0;
            for (k, node) in (*first..).zip(list.clone()) {
                let nat = At::Index(&nodes_at, k);
                let Some((tensors, kw)) = resolve_node(node, &created, &nat)? else {
                    break;
                };
                let c = created
                    .list
                    .get(idx)
                    .ok_or_else(|| at_error(&nat, "internal: layer vanished"))?;
                let outs = c.handle.call_multi_kw(tensors, kw)?;
                if let Some(c) = created.list.get_mut(idx) {
                    c.nodes.push(outs);
                }
                // bounded: at most list.len()
                done = done.saturating_add(1);
            }
            if done > 0 {
                progress = true;
                if let Some(n) = done.checked_sub(1) {
                    list.nth(n);
                }
                // bounded: at most the number of nodes
                *first = first.saturating_add(done);
                if list.len() == 0 {
                    *waiting = None;
                    pending_count = pending_count.saturating_sub(1);
                }
            }
        }
        if !progress {
            let mut names: Vec<&str> = order
                .iter()
                .zip(&created.list)
                .filter(|(w, _)| w.is_some())
                .map(|(_, c)| c.name)
                .collect();
            names.sort_unstable();
            return Err(cfg_error(
                &layers_at,
                format!(
                    "the graph has loops or disconnected nodes; these layers' inputs cannot be resolved: {names:?}"
                ),
            ));
        }
    }
    let ends = |key| {
        endpoints(
            field(config, key, at)?,
            &created,
            legacy,
            &key_path(at, key),
        )
    };
    let (inputs, outputs) = (ends("input_layers")?, ends("output_layers")?);
    let cfg = Cfg::from_ref(config, at)?;
    let trainable = cfg.bool_or("trainable", true)?;
    let mut f = Functional::new(inputs, outputs);
    if let Some(name) = cfg.opt_str("name")? {
        f = f.name(name);
    }
    // Keras 3's `functional_from_config` gives `trainable` to the
    // constructor, which sets the model's own flag before it tracks its
    // layers; tf_keras's `from_config` leaves the model trainable. Either
    // way its layers keep the flags of their own configs.
    if !TF_KERAS2.with(std::cell::Cell::get) {
        f = f.trainable(trainable);
    }
    f.build()
}

fn sequential<'d>(
    config: JsonRef<'d>,
    registry: &Registry,
    at: &str,
    depth: usize,
    copies: &mut Copies<'d>,
) -> Result<Model> {
    let cfg = Cfg::from_ref(config, at)?;
    let layers_at = key_path(at, "layers");
    let layers = field(config, "layers", at)?
        .as_array()
        .ok_or_else(|| cfg_error(&layers_at, "expected a list of layers"))?;
    // Keras's `Sequential.from_config` (and tf_keras's) ignores the
    // model's `trainable`: its layers keep the flags of their own configs.
    let mut s = Sequential::new();
    if let Some(name) = cfg.opt_str("name")? {
        s = s.name(name);
    }
    let first_layer = layers.clone().next();
    let first_is_input = first_layer
        .and_then(|l| l.get("class_name"))
        .and_then(JsonRef::as_str)
        == Some(crate::layers::Input::CLASS_NAME);
    if !first_is_input {
        // A `build_input_shape`, or (tf.keras 2) the first layer's
        // `batch_input_shape`, which tf_keras builds the model from.
        // Without either, the model stays unbuilt, as in Keras.
        let first_batch_shape = match first_layer.and_then(|l| l.get("config")) {
            Some(first) if TF_KERAS2.with(std::cell::Cell::get) => {
                Cfg::from_ref(first, &format!("{layers_at}[0].config"))?
                    .shape("batch_input_shape")?
            }
            _ => None,
        };
        if let Some(shape) = cfg.shape("build_input_shape")?.or(first_batch_shape) {
            s = s.add(crate::layers::Input::with_batch_shape(shape));
        }
    }
    for (i, entry) in layers.enumerate() {
        let lat = LazyAt::indexed(&layers_at, i);
        let (made, keep) = make_layer(&Entry::read(entry), registry, &lat, depth, Some(copies))?;
        let handle = made.into_handle(None);
        if let Some(keep) = keep {
            copies.keep(keep, &handle);
        }
        s = s.add_shared(&handle);
    }
    s.build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Doc;
    use crate::config::json::JsonValue;

    /// The model of `text` imported from its parsed document (where layers
    /// may be copies) and from its tree (where none is), each as text.
    fn from_doc_and_tree(text: &str) -> (String, String) {
        let show = |m: Result<Model>| {
            let m = match m {
                Ok(m) => m,
                Err(e) => return format!("error: {e}"),
            };
            // Without the naming sessions, which differ.
            let text = format!("{:?}\n{:?}", m.layers(), m.summary());
            text.split("session: ")
                .map(|s| s.trim_start_matches(|c: char| c.is_ascii_digit()))
                .collect::<Vec<_>>()
                .join("session: _")
        };
        let doc = Doc::parse(text).unwrap();
        crate::naming::clear_session();
        let flat = model_from_value(doc.root(), Registry::builtins(), "model", 0);
        let tree = JsonValue::parse(text).unwrap();
        crate::naming::clear_session();
        let tree = model_from_value(JsonRef::Tree(&tree), Registry::builtins(), "model", 0);
        (show(flat), show(tree))
    }

    /// The layer configs of the document `doc`'s model at the `layers`
    /// indices `path` (into nested models first).
    fn config_at<'d>(doc: &'d Doc<'d>, path: &[usize]) -> JsonRef<'d> {
        let mut v = doc.root();
        for i in path {
            v = v.get("config").unwrap().get("layers").unwrap();
            v = v.as_array().unwrap().nth(*i).unwrap();
        }
        v.get("config").unwrap()
    }

    /// What [`rest_and_key`] returns.
    type RestAndKey = (Option<usize>, Option<usize>);

    /// The node of the second key's value of a config (shared by configs
    /// whose rest the parser shares) and the key [`Copies`] keeps it by.
    fn rest_and_key(config: JsonRef<'_>) -> RestAndKey {
        let second = match config.as_object().unwrap().nth(1) {
            Some((_, JsonRef::Flat(_, i))) => Some(i),
            _ => None,
        };
        (second, Copies::key(config).map(|(key, _)| key))
    }

    /// Text after the layers (the parser looks for a repeated rest only
    /// where 256 bytes of text follow its start).
    fn padded(text: &str) -> String {
        format!("{text}{}", " ".repeat(300))
    }

    /// A Sequential model `name` of an input `(None, shape)` then `layers`,
    /// [`padded`].
    fn sequential(name: &str, shape: &str, layers: &[String]) -> String {
        padded(&format!(
            r#"{{"class_name": "Sequential", "config": {{"name": "{name}", "layers": [
                {{"class_name": "InputLayer", "config": {{"batch_shape": [null, {shape}], "name": "in"}}}},
                {}]}}}}"#,
            layers.join(", ")
        ))
    }

    /// [`rest_and_key`] of the layer configs of `text` at each of `paths`,
    /// and the model as [`from_doc_and_tree`] shows it, which must show it
    /// the same both ways.
    fn keys_and_model(text: &str, paths: &[&[usize]]) -> (Vec<RestAndKey>, String) {
        let doc = Doc::parse(text).unwrap();
        let keys = paths
            .iter()
            .map(|p| rest_and_key(config_at(&doc, p)))
            .collect();
        let (flat, tree) = from_doc_and_tree(text);
        assert_eq!(flat, tree);
        (keys, flat)
    }

    /// Keys a reader ignores, which make a config's rest longer than the
    /// 256 bytes the parser compares before it compares the whole rest.
    const LONG: &str = r#""kernel_initializer": {"module": "keras.initializers",
        "class_name": "GlorotUniform", "config": {"seed": null}, "registered_name": null},
        "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros",
        "config": {}, "registered_name": null}, "kernel_regularizer": null,
        "bias_regularizer": null, "activity_regularizer": null"#;

    #[test]
    fn repeated_configs_are_copied_and_renamed() {
        let dense = |name: &str| {
            format!(
                r#"{{"class_name": "Dense", "config": {{"name": "{name}", "trainable": false,
                    "dtype": "float32", "units": 4, "activation": "relu", "use_bias": false, {LONG}}}}}"#
            )
        };
        let text = sequential("s", "3", &[dense("a"), dense("b"), dense("c")]);
        let (keys, flat) = keys_and_model(&text, &[&[1], &[2], &[3]]);
        // The three configs share their rest: b and c are copies of a.
        assert!(keys[0].1.is_some());
        assert!(keys.iter().all(|k| *k == keys[0]), "{keys:?}");
        for name in ["\"a\"", "\"b\"", "\"c\""] {
            assert!(flat.contains(name), "{flat}");
        }
    }

    #[test]
    fn configs_that_differ_in_more_than_a_first_name_are_not_copies() {
        // Nested models may hold layers of one name: `units` first, then a
        // rest that repeats.
        let inner = |model: &str, units: u32| {
            format!(
                r#"{{"class_name": "Sequential", "config": {{"name": "{model}", "layers": [
                    {{"class_name": "Dense", "config": {{"units": {units}, "name": "d",
                      "trainable": true, "dtype": "float32", "use_bias": true, {LONG}}}}}]}}}}"#
            )
        };
        let text = sequential("outer", "3", &[inner("s1", 4), inner("s2", 8)]);
        let (keys, _) = keys_and_model(&text, &[&[1, 0], &[2, 0]]);
        let [a, b] = keys.as_slice() else {
            panic!("{keys:?}")
        };
        // Shared rests, but `units` differs: no key.
        assert!(a.0.is_some() && a.0 == b.0, "{a:?} {b:?}");
        assert_eq!((a.1, b.1), (None, None));

        // A `name` given again after other keys: the last one names the
        // layer, in each config that shares it.
        let dense = |name: &str, last: &str| {
            format!(
                r#"{{"class_name": "Dense", "config": {{"name": "{name}", "trainable": true,
                    "dtype": "float32", "units": 4, {LONG}, "name": "{last}"}}}}"#
            )
        };
        for second in ["z", "y"] {
            let text = sequential("s", "3", &[dense("a", "z"), dense("b", second)]);
            let (keys, _) = keys_and_model(&text, &[&[1], &[2]]);
            let [a, b] = keys.as_slice() else {
                panic!("{keys:?}")
            };
            assert_eq!(a.1.is_some() && a == b, second == "z", "{a:?} {b:?}");
        }
    }

    #[test]
    fn layers_whose_readers_read_their_name_or_calls_are_not_copied() {
        // A `DTypePolicyMap` picks each layer's policy by its name.
        let policy = |name: &str| {
            format!(
                r#"{{"module": "keras", "class_name": "DTypePolicy", "config": {{"name": "{name}"}}}}"#
            )
        };
        let dense = |name: &str| {
            format!(
                r#"{{"class_name": "Dense", "config": {{"name": "{name}", "trainable": true,
                    "dtype": {{"class_name": "DTypePolicyMap", "config": {{
                        "default_policy": {}, "policy_map": {{"b": {}}}}}}},
                    "units": 4, {LONG}}}}}"#,
                policy("float32"),
                policy("mixed_float16")
            )
        };
        let text = sequential("s", "3", &[dense("a"), dense("b")]);
        let (keys, flat) = keys_and_model(&text, &[&[1], &[2]]);
        assert!(keys[0].1.is_some() && keys[0] == keys[1], "{keys:?}");
        assert!(flat.contains("Float16"), "{flat}");

        // A call argument (`return_attention_scores`) is read from the
        // layer's inbound nodes.
        let tensor = |name: &str| {
            format!(
                r#"{{"class_name": "__keras_tensor__", "config": {{"shape": [null, 5, 4], "keras_history": ["{name}", 0, 0]}}}}"#
            )
        };
        let attention = |name: &str, kwargs: &str| {
            format!(
                r#"{{"class_name": "MultiHeadAttention", "name": "{name}", "config": {{"name": "{name}",
                    "trainable": true, "dtype": "float32", "num_heads": 2, "key_dim": 3, "dropout": 0.0, {LONG}}},
                  "inbound_nodes": [{{"args": [{}, {}], "kwargs": {kwargs}}}]}}"#,
                tensor("q"),
                tensor("v")
            )
        };
        let text = padded(&format!(
            r#"{{"class_name": "Functional", "config": {{"name": "f", "layers": [
                {{"class_name": "InputLayer", "name": "q", "config": {{"batch_shape": [null, 5, 4], "name": "q"}}, "inbound_nodes": []}},
                {{"class_name": "InputLayer", "name": "v", "config": {{"batch_shape": [null, 5, 4], "name": "v"}}, "inbound_nodes": []}},
                {}, {}],
                "input_layers": [["q", 0, 0], ["v", 0, 0]],
                "output_layers": [["a1", 0, 0], ["a1", 0, 1], ["a2", 0, 0]]}}}}"#,
            attention("a1", r#"{"return_attention_scores": true}"#),
            attention("a2", "{}")
        ));
        let (keys, _) = keys_and_model(&text, &[&[2], &[3]]);
        assert!(keys[0].1.is_some() && keys[0] == keys[1], "{keys:?}");
    }

    #[test]
    fn repeated_dtype_policy_objects_read_as_each_one_reads() {
        // Units differ: each layer is read; the policy objects repeat.
        let dense = |name: &str, units: u32, policy: &str| {
            format!(
                r#"{{"class_name": "Dense", "config": {{"name": "{name}", "trainable": true,
                    "dtype": {{"module": "keras", "class_name": "DTypePolicy",
                               "config": {{"name": "{policy}"}}, "registered_name": null}},
                    "units": {units}, {LONG}}}}}"#
            )
        };
        let text = sequential(
            "s",
            "3",
            &[
                dense("a", 1, "mixed_float16"),
                dense("b", 2, "mixed_float16"),
                dense("c", 3, "float64"),
                dense("d", 4, "mixed_float16"),
            ],
        );
        let doc = Doc::parse(&text).unwrap();
        crate::naming::clear_session();
        let m = model_from_value(doc.root(), Registry::builtins(), "model", 0).unwrap();
        let policies: Vec<_> = m
            .layers()
            .iter()
            .map(|l| l.layer().config().dtype_policy().name())
            .collect();
        assert_eq!(
            policies,
            ["mixed_float16", "mixed_float16", "float64", "mixed_float16"]
        );
        let (flat, tree) = from_doc_and_tree(&text);
        assert_eq!(flat, tree);
    }

    #[test]
    fn copies_are_built_at_load_by_their_own_entry() {
        let conv = |name: &str, built: bool| {
            let build = if built {
                r#", "build_config": {"input_shape": [null, 8, 8, 3]}"#
            } else {
                ""
            };
            format!(
                r#"{{"class_name": "Conv2D", "config": {{"name": "{name}", "trainable": true,
                    "dtype": "float32", "filters": 3, "kernel_size": [3, 3], "padding": "same", {LONG}}}{build}}}"#
            )
        };
        let layers = [conv("c1", true), conv("c2", false), conv("c3", true)];
        let (keys, flat) =
            keys_and_model(&sequential("s", "8, 8, 3", &layers), &[&[1], &[2], &[3]]);
        assert!(
            keys[0].1.is_some() && keys.iter().all(|k| *k == keys[0]),
            "{keys:?}"
        );
        assert!(flat.contains("built_at_load: false") && flat.contains("built_at_load: true"));
    }
}
