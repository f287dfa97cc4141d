//! Keras's built-in layers: each family registers its own classes
//! (`register` in its module under `crate::layers`), whose factories read
//! the keys of the layer's `config` that change shapes or weights, with
//! Keras's defaults.

use std::sync::OnceLock;

use super::registry::Registry;

/// Registers every built-in layer kerasinfo implements.
pub(crate) fn register(r: &mut Registry) {
    crate::layers::core::register(r);
    crate::layers::attention::register(r);
    crate::layers::recurrent::register(r);
    crate::layers::convolutional::register(r);
    crate::layers::pooling::register(r);
    crate::layers::reshaping::register(r);
    crate::layers::merging::register(r);
    crate::layers::normalization::register(r);
    crate::layers::activations::register(r);
    crate::layers::regularization::register(r);
    crate::layers::preprocessing::register(r);
    crate::applications::register(r);
}

/// About the number of built-in classes (142): the table is made at that
/// size (it holds up to 224 without growing) instead of growing six times
/// as they register.
const BUILTIN_CLASSES: usize = 142;

impl Registry {
    /// A registry of all built-in Keras layers kerasinfo implements.
    #[must_use]
    pub fn new() -> Self {
        let mut r = Registry::empty();
        r.reserve_builtins(BUILTIN_CLASSES);
        register(&mut r);
        r
    }

    /// The registry of the built-in classes, made once: where the layers
    /// holding a cell or a recurrent layer (`RNN`, `StackedRNNCells`,
    /// `Bidirectional`) find the typed readers of the built-in classes
    /// (a user's [`Registry::register`] replaces a class's layer factory,
    /// not these).
    pub(crate) fn builtins() -> &'static Registry {
        static BUILTINS: OnceLock<Registry> = OnceLock::new();
        BUILTINS.get_or_init(Registry::new)
    }
}

impl Default for Registry {
    fn default() -> Self {
        Self::new()
    }
}
