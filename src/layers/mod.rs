//! The Keras layer catalog, one module per layer family. Every type here
//! implements [`Layer`](crate::Layer) and mirrors its Keras constructor:
//! positional arguments in `new(..)`, keyword arguments as chained methods
//! with Keras's names and defaults.

/// Implements the three bookkeeping methods of [`Layer`](crate::Layer) for a
/// struct with a `config: LayerConfig` field.
macro_rules! layer_common {
    ($class:expr) => {
        fn class_name(&self) -> &str {
            $class
        }
        fn config(&self) -> &$crate::LayerConfig {
            &self.config
        }
        fn config_mut(&mut self) -> &mut $crate::LayerConfig {
            &mut self.config
        }
    };
}

pub mod convolutional;
pub mod core;
pub mod merging;
pub mod normalization;
pub mod pooling;
pub mod regularization;
pub mod reshaping;

pub use self::core::{Activation, Dense, Input, InputLayer};
pub use convolutional::{Conv, Conv2D};
pub use merging::{Add, Concatenate};
pub use normalization::BatchNormalization;
pub use pooling::{AveragePooling2D, GlobalAveragePooling2D, GlobalPooling, MaxPooling2D, Pooling};
pub use regularization::Dropout;
pub use reshaping::{Flatten, ZeroPadding, ZeroPadding2D};
