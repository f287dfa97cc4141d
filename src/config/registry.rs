//! The registry that turns a layer entry of a Keras config into a layer:
//! Keras's built-in classes, plus the user's own.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use super::cfg::Cfg;
use super::doc::JsonRef;
use super::json::JsonValue;
use crate::error::Result;
use crate::layer::Layer;

/// Builds a layer from its config.
pub type Factory = Arc<dyn Fn(&Cfg<'_>) -> Result<Box<dyn Layer>> + Send + Sync>;

/// Builds a layer whose config holds other serialized layers (a wrapper such
/// as `SpectralNormalization`), which it builds through the registry the
/// model is imported with.
pub(crate) type NestedFactory =
    Arc<dyn Fn(&Cfg<'_>, &Nested<'_>) -> Result<Box<dyn Layer>> + Send + Sync>;

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

/// FNV-1a: a fast hash for the short names of classes and layers (not
/// keyed: these maps hold a config's names, not adversarial keys that
/// matter for more than speed).
#[derive(Default, Clone, Copy)]
pub(crate) struct NameHasher(u64);

impl Hasher for NameHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map by class or layer name.
pub(crate) type Names<'k, V> = HashMap<&'k str, V, BuildHasherDefault<NameHasher>>;

/// A map by owned class name.
type ClassMap<V> = HashMap<String, V, BuildHasherDefault<NameHasher>>;

/// A class's factory, plain or nested.
pub(crate) enum AnyFactory<'r> {
    Plain(&'r Factory),
    Nested(&'r NestedFactory),
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
    nested: ClassMap<NestedFactory>,
}

impl fmt::Debug for Registry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names: Vec<&String> = self.factories.keys().chain(self.nested.keys()).collect();
        names.sort();
        f.debug_struct("Registry").field("classes", &names).finish()
    }
}

impl Registry {
    /// A registry with no classes.
    #[must_use]
    pub fn empty() -> Self {
        Registry {
            factories: ClassMap::default(),
            nested: ClassMap::default(),
        }
    }

    /// Registers (or replaces) the factory of a class.
    pub fn register(
        &mut self,
        class_name: impl Into<String>,
        factory: impl Fn(&Cfg<'_>) -> Result<Box<dyn Layer>> + Send + Sync + 'static,
    ) -> &mut Self {
        let class_name = class_name.into();
        self.nested.remove(&class_name);
        self.factories.insert(class_name, Arc::new(factory));
        self
    }

    /// Registers (or replaces) the factory of a class whose config holds
    /// other serialized layers, built with the importing registry.
    pub(crate) fn register_nested(
        &mut self,
        class_name: impl Into<String>,
        factory: impl Fn(&Cfg<'_>, &Nested<'_>) -> Result<Box<dyn Layer>> + Send + Sync + 'static,
    ) -> &mut Self {
        let class_name = class_name.into();
        self.factories.remove(&class_name);
        self.nested.insert(class_name, Arc::new(factory));
        self
    }

    /// Whether a class is known.
    #[must_use]
    pub fn contains(&self, class_name: &str) -> bool {
        self.factories.contains_key(class_name) || self.nested.contains_key(class_name)
    }

    /// The factory of a class (`None` for the built-in wrapper classes,
    /// such as `SpectralNormalization`, which the importer builds with the
    /// layers they wrap).
    #[must_use]
    pub fn get(&self, class_name: &str) -> Option<&Factory> {
        self.factories.get(class_name)
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
            .chain(self.nested.keys())
            .map(String::as_str)
            .collect();
        names.sort_unstable();
        names.into_iter()
    }

    /// The factory of a class, plain or nested.
    pub(crate) fn factory(&self, class_name: &str) -> Option<AnyFactory<'_>> {
        match self.factories.get(class_name) {
            Some(f) => Some(AnyFactory::Plain(f)),
            None => self.nested.get(class_name).map(AnyFactory::Nested),
        }
    }
}
