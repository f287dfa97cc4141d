//! The registry that turns a layer entry of a Keras config into a layer:
//! Keras's built-in classes, plus the user's own.

use std::any::Any;
use std::collections::HashMap;
use std::fmt;
use std::hash::BuildHasherDefault;
use std::sync::{Arc, OnceLock};

use smallvec::SmallVec;

use super::cfg::Cfg;
use super::doc::JsonRef;
use super::json::JsonValue;
use crate::error::Result;
use crate::layer::Layer;

/// Builds a layer from its config.
pub type Factory = Arc<dyn Fn(&Cfg<'_>) -> Result<Box<dyn Layer>> + Send + Sync>;

/// How a layer that holds layers (a wrapper's `layer`, a `Pipeline`'s
/// `layers`) reads them: with the importer, which gives itself here (so
/// the layers, which read their configs through this module, do not
/// depend on the importer, which depends on them).
#[derive(Clone, Copy)]
pub(crate) struct Nested<'r> {
    registry: &'r Registry,
    read: ReadLayer,
}

/// The importer's reader of one serialized layer at a JSON path.
pub(crate) type ReadLayer = fn(JsonRef<'_>, &Registry, &str) -> Result<Box<dyn Layer>>;

impl<'r> Nested<'r> {
    /// Nested layers read by `read` with `registry`.
    pub(crate) fn new(registry: &'r Registry, read: ReadLayer) -> Self {
        Nested { registry, read }
    }

    /// The layer serialized under `key` of `c` (a wrapper's `layer`),
    /// built with its base keys applied.
    pub(crate) fn layer(&self, c: &Cfg<'_>, key: &str) -> Result<Box<dyn Layer>> {
        let v = c
            .value(key)
            .ok_or_else(|| c.error(key, "missing required layer"))?;
        (self.read)(v, self.registry, &c.child_path(key))
    }

    /// The layer serialized as `entry`, at the JSON path `at`.
    pub(crate) fn layer_at(&self, entry: &JsonValue<'_>, at: &str) -> Result<Box<dyn Layer>> {
        (self.read)(JsonRef::Tree(entry), self.registry, at)
    }
}

pub(crate) use crate::naming::NameHasher;

/// A map by class or layer name.
pub(crate) type Names<'k, V> = HashMap<&'k str, V, BuildHasherDefault<NameHasher>>;

/// A map by owned class name.
type ClassMap<V> = HashMap<String, V, BuildHasherDefault<NameHasher>>;

/// A built-in class's factory (a function: no allocation to register it).
pub(crate) type Builtin = fn(&Cfg<'_>) -> Result<Box<dyn Layer>>;

/// A built-in class's factory that reads the layers its config holds.
pub(crate) type BuiltinNested = fn(&Cfg<'_>, &Nested<'_>) -> Result<Box<dyn Layer>>;

/// A built-in class's reader into the typed box `T` a layer holding it
/// needs where a `Box<dyn Layer>` would lose the type: an RNN's cell (`T`
/// = `dyn RnnCell`), a `Bidirectional`'s layer (`dyn RecurrentLayer`).
/// The class registers it beside its layer factory (`builtin_as!`).
pub(crate) type TypedReader<T> = fn(&Cfg<'_>) -> Result<Box<T>>;

/// A registered [`TypedReader`], its box type erased (the registry does not
/// know the layers' traits).
type AnyReader = &'static (dyn Any + Send + Sync);

/// A copy of a layer that a built-in factory made (`None` for a layer of
/// another type), for the importer's [`Registry::builtin_copied`] classes.
pub(crate) type CopyLayer = fn(&dyn Layer) -> Option<Box<dyn Layer>>;

/// [`CopyLayer`] for the layers of type `T`.
fn copy_of<T: Layer + Clone>(layer: &dyn Layer) -> Option<Box<dyn Layer>> {
    layer
        .as_any()
        .downcast_ref::<T>()
        .map(|l| Box::new(l.clone()) as Box<dyn Layer>)
}

/// A built-in class's factory, plain (with how to copy what it makes, when
/// its layers may be copied) or nested.
#[derive(Clone, Copy)]
enum BuiltinFactory {
    Plain(Builtin, Option<CopyLayer>),
    Nested(BuiltinNested),
}

/// What a plain factory calls.
type PlainFn = dyn Fn(&Cfg<'_>) -> Result<Box<dyn Layer>> + Send + Sync;

/// What a nested factory calls.
type NestedFn = dyn Fn(&Cfg<'_>, &Nested<'_>) -> Result<Box<dyn Layer>> + Send + Sync;

/// A class's factory, plain (with how to copy what it makes, for a
/// built-in class registered with [`Registry::builtin_copied`]) or nested.
pub(crate) enum AnyFactory<'r> {
    Plain(&'r PlainFn, Option<CopyLayer>),
    Nested(&'r NestedFn),
}

/// Layer classes known to the config importer, by Keras class name (or
/// `registered_name` for custom classes, e.g. `"my_package>MyLayer"`).
///
/// ```
/// use kerasinfo::config::{Cfg, Registry};
/// use kerasinfo::prelude::*;
///
/// let mut registry = Registry::new();
/// // A custom layer that behaves like Dense for shapes and weights.
/// registry.register("MyDense", |cfg: &Cfg<'_>| {
///     Ok(Box::new(Dense::new(cfg.int("units")?)) as Box<dyn Layer>)
/// });
/// assert!(registry.contains("MyDense"));
/// assert!(registry.contains("Conv2D"));
/// ```
#[derive(Clone)]
pub struct Registry {
    factories: ClassMap<Factory>,
    /// The built-in classes not replaced by [`Registry::register`].
    builtins: Names<'static, BuiltinFactory>,
    /// [`Registry::get`]'s shared factories of the built-in classes, made
    /// on its first request.
    shared: OnceLock<Names<'static, Factory>>,
    /// The built-in classes' [`TypedReader`]s, in registration order
    /// (inline: a dozen, registered as every registry is made).
    typed: SmallVec<[(&'static str, AnyReader); 16]>,
}

impl fmt::Debug for Registry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.class_names().collect();
        f.debug_struct("Registry").field("classes", &names).finish()
    }
}

impl Registry {
    /// A registry with no classes.
    #[must_use]
    pub fn empty() -> Self {
        Registry {
            factories: ClassMap::default(),
            builtins: Names::default(),
            shared: OnceLock::new(),
            typed: SmallVec::new(),
        }
    }

    /// Makes room for `n` built-in classes.
    pub(crate) fn reserve_builtins(&mut self, n: usize) {
        self.builtins.reserve(n);
    }

    /// Registers (or replaces) the factory of a built-in class.
    pub(crate) fn builtin(&mut self, class_name: &'static str, factory: Builtin) -> &mut Self {
        self.add_builtin(class_name, BuiltinFactory::Plain(factory, None))
    }

    fn add_builtin(&mut self, class_name: &'static str, factory: BuiltinFactory) -> &mut Self {
        self.builtins.insert(class_name, factory);
        self
    }

    /// Registers (or replaces) the factory of a built-in class whose
    /// layers, of type `T`, are made from their config alone (their
    /// `name` aside): the importer may copy a layer it made from a config
    /// that the config of a later layer repeats but for its name.
    pub(crate) fn builtin_copied<T: Layer + Clone>(
        &mut self,
        class_name: &'static str,
        factory: Builtin,
    ) -> &mut Self {
        self.add_builtin(
            class_name,
            BuiltinFactory::Plain(factory, Some(copy_of::<T>)),
        )
    }

    /// Registers (or replaces) the factory of a built-in class whose config
    /// holds other serialized layers.
    pub(crate) fn builtin_nested(
        &mut self,
        class_name: &'static str,
        factory: BuiltinNested,
    ) -> &mut Self {
        self.add_builtin(class_name, BuiltinFactory::Nested(factory))
    }

    /// Registers (or replaces) the reader of a built-in class into the
    /// typed box `T` (see [`TypedReader`]); its layer factory is registered
    /// apart, with [`Registry::builtin`].
    pub(crate) fn builtin_typed<T: ?Sized + 'static>(
        &mut self,
        class_name: &'static str,
        read: &'static TypedReader<T>,
    ) -> &mut Self {
        let same = |(c, r): &(&str, AnyReader)| *c == class_name && r.is::<TypedReader<T>>();
        match self.typed.iter_mut().find(|e| same(e)) {
            Some(e) => e.1 = read,
            None => self.typed.push((class_name, read)),
        }
        self
    }

    /// The reader of a built-in class into the typed box `T`, if the class
    /// registered one.
    pub(crate) fn typed<T: ?Sized + 'static>(&self, class_name: &str) -> Option<TypedReader<T>> {
        self.typed
            .iter()
            .filter(|(c, _)| *c == class_name)
            .find_map(|(_, r)| r.downcast_ref::<TypedReader<T>>())
            .copied()
    }

    /// The built-in classes read into the typed box `T`, in registration
    /// order (for the errors that list them).
    pub(crate) fn typed_classes<T: ?Sized + 'static>(&self) -> impl Iterator<Item = &'static str> {
        self.typed
            .iter()
            .filter(|(_, r)| r.is::<TypedReader<T>>())
            .map(|(c, _)| *c)
    }

    /// Registers (or replaces) the factory of a class.
    pub fn register(
        &mut self,
        class_name: impl Into<String>,
        factory: impl Fn(&Cfg<'_>) -> Result<Box<dyn Layer>> + Send + Sync + 'static,
    ) -> &mut Self {
        let class_name = class_name.into();
        self.builtins.remove(class_name.as_str());
        self.factories.insert(class_name, Arc::new(factory));
        self
    }

    /// Whether a class is known.
    #[must_use]
    pub fn contains(&self, class_name: &str) -> bool {
        self.builtins.contains_key(class_name) || self.factories.contains_key(class_name)
    }

    /// The factory of a class (`None` for the built-in wrapper classes,
    /// such as `SpectralNormalization`, which the importer builds with the
    /// layers they wrap).
    #[must_use]
    pub fn get(&self, class_name: &str) -> Option<&Factory> {
        if let Some(f) = self.factories.get(class_name) {
            return Some(f);
        }
        let shared = self.shared.get_or_init(|| {
            self.builtins
                .iter()
                .filter_map(|(name, f)| match *f {
                    BuiltinFactory::Plain(f, _) => Some((*name, Arc::new(f) as Factory)),
                    BuiltinFactory::Nested(_) => None,
                })
                .collect()
        });
        // A built-in class registered anew is in `factories`, not here.
        shared
            .get(class_name)
            .filter(|_| self.builtins.contains_key(class_name))
    }

    /// The class names known, sorted.
    ///
    /// ```
    /// let registry = kerasinfo::config::Registry::new();
    /// assert!(registry.class_names().any(|c| c == "Dense"));
    /// ```
    pub fn class_names(&self) -> impl Iterator<Item = &str> {
        let mut names: Vec<&str> = self
            .factories
            .keys()
            .map(String::as_str)
            .chain(self.builtins.keys().copied())
            .collect();
        names.sort_unstable();
        names.into_iter()
    }

    /// The factory of a class, plain or nested.
    pub(crate) fn factory(&self, class_name: &str) -> Option<AnyFactory<'_>> {
        if let Some(f) = self.builtins.get(class_name) {
            return Some(match f {
                BuiltinFactory::Plain(f, copy) => AnyFactory::Plain(f, *copy),
                BuiltinFactory::Nested(f) => AnyFactory::Nested(f),
            });
        }
        self.factories
            .get(class_name)
            .map(|f| AnyFactory::Plain(f.as_ref(), None))
    }
}
