//! The registry that turns a layer entry of a Keras config into a layer:
//! Keras's built-in classes, plus the user's own.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use super::cfg::Cfg;
use crate::error::Result;
use crate::layer::Layer;

/// Builds a layer from its config.
pub type Factory = Arc<dyn Fn(&Cfg<'_>) -> Result<Box<dyn Layer>> + Send + Sync>;

/// Builds a layer whose config holds other serialized layers (a wrapper such
/// as `SpectralNormalization`), which it builds through the registry the
/// model is imported with.
pub(crate) type NestedFactory =
    Arc<dyn Fn(&Cfg<'_>, &Registry) -> Result<Box<dyn Layer>> + Send + Sync>;

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
    factories: HashMap<String, Factory>,
    nested: HashMap<String, NestedFactory>,
}

impl fmt::Debug for Registry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names: Vec<&String> = self.factories.keys().chain(self.nested.keys()).collect();
        names.sort();
        f.debug_struct("Registry").field("classes", &names).finish()
    }
}

impl Default for Registry {
    fn default() -> Self {
        Self::new()
    }
}

impl Registry {
    /// A registry of all built-in Keras layers kerasinfo implements.
    #[must_use]
    pub fn new() -> Self {
        let mut r = Registry::empty();
        super::builtin::register(&mut r);
        r
    }

    /// A registry with no classes.
    #[must_use]
    pub fn empty() -> Self {
        Registry {
            factories: HashMap::new(),
            nested: HashMap::new(),
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
        factory: impl Fn(&Cfg<'_>, &Registry) -> Result<Box<dyn Layer>> + Send + Sync + 'static,
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

    /// The factory of a wrapper class.
    pub(crate) fn get_nested(&self, class_name: &str) -> Option<&NestedFactory> {
        self.nested.get(class_name)
    }
}
