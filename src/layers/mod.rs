//! The Keras layer catalog, one module per layer family. Every type here
//! implements [`Layer`](crate::Layer) and mirrors its Keras constructor:
//! positional arguments in `new(..)`, keyword arguments as chained methods
//! with Keras's names and defaults.

// `layer_common!` (defined in `layer.rs`), by path for the crate's other
// layer modules.
pub(crate) use crate::layer::layer_common;

/// Returns Keras's error for the argument `$name` (because `$reason`)
/// when `$cond` holds.
macro_rules! argument_error_if {
    ($cond:expr, $name:expr, $reason:expr $(,)?) => {
        if $cond {
            return Err($crate::error::LayerError::argument($name, $reason));
        }
    };
}

/// Declares a family's layer files: each is a module whose public items
/// the family re-exports and whose `register` adds its classes to the
/// config importer. The build script writes each family's call from the
/// files in its folder (`build.rs`), which the family's `mod.rs`
/// includes: a new layer of the family is its own file, nothing else.
macro_rules! layer_files {
    ($($file:ident = $path:literal),* $(,)?) => {
        $(
            #[path = $path]
            mod $file;
            // A file may hold crate-internal classes only (`tf_op_lambda`).
            #[allow(unused_imports)]
            pub use $file::*;
        )*

        /// Registers the family's classes with the config importer.
        #[cfg(feature = "keras-json")]
        pub(crate) fn register(r: &mut crate::config::registry::Registry) {
            $($file::register(r);)*
        }
    };
}

#[macro_use]
pub(crate) mod declare;

pub mod activations;
pub mod attention;
pub mod convolutional;
pub mod core;
pub mod merging;
pub mod normalization;
pub mod pooling;
pub mod preprocessing;
pub mod recurrent;
pub mod regularization;
pub mod reshaping;

pub use self::core::*;
pub use activations::*;
pub use attention::*;
pub use convolutional::*;
pub use merging::*;
pub use normalization::*;
pub use pooling::*;
pub use preprocessing::*;
pub use recurrent::*;
pub use regularization::*;
pub use reshaping::*;
