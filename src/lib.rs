//! # kerasinfo
//!
//! Keras model summaries from Rust, with no Python: build a model with a
//! fluent `Sequential`/`Functional` builder that mirrors Keras 3's layer
//! constructors, and get exactly the output shapes, named weights,
//! parameter counts (trainable and not) and summary text Keras prints.
//!
//! ```
//! use kerasinfo::prelude::*;
//!
//! kerasinfo::naming::clear_session();
//! let x_input = Input::new([64, 64, 3]).tensor()?;
//! let x = ZeroPadding2D::new((3, 3)).call(&x_input)?;
//! let x = Conv2D::new(32, (7, 7)).strides((1, 1)).name("conv0").call(&x)?;
//! let x = BatchNormalization::new().axis(3).name("bn0").call(&x)?;
//! let x = Activation::new("relu").call(&x)?;
//! let x = MaxPooling2D::new((2, 2)).name("max_pool").call(&x)?;
//! let x = Flatten::new().call(&x)?;
//! let x = Dense::new(1).activation("sigmoid").name("fc").call(&x)?;
//! let model = Functional::new(&x_input, &x).name("myModel").build()?;
//!
//! let summary = model.summary();
//! assert_eq!(summary.total_params, 37_633);
//! assert_eq!(summary.non_trainable_params, 64);
//! assert!(summary.to_string().contains(" Non-trainable params: 64 (256.00 B)"));
//! # Ok::<(), kerasinfo::Error>(())
//! ```
//!
//! ## Layout
//! - [`shape`]: [`Dim`] and [`Shape`]; [`weight`]: [`WeightSpec`], [`Weight`], [`DType`].
//! - [`layer`]: the [`Layer`] trait and the shared builder methods [`LayerExt`].
//! - [`layers`]: the catalog, one module per family.
//! - [`model`]: [`Sequential`], [`Functional`], [`Model`] and the graph.
//! - [`summary`]: the [`Summary`] data, printed summaries read back
//!   ([`summary::parse`]) and compared ([`summary::diff`]); [`render`]:
//!   text renderers.
//! - [`testing`]: `assert_same_architecture!` for `cargo test`.
//! - [`naming`]: Keras's automatic names (`dense_1`), taken when a layer is made.
//! - [`ops`]: `keras.ops` applied to tensors (`ops::add`, `ops::matmul`, …).
//! - `config` and `formats` (feature `keras-json`): reading Keras configs
//!   and every file a model is saved in (`.keras`, HDF5, SavedModel, TF.js).

#![forbid(unsafe_code)]
#![warn(missing_docs)]
// No panics in library code (issue #6): one crate-wide set of clippy denials.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented,
        clippy::string_slice
    )
)]

pub mod applications;
pub mod args;
pub mod compute;
#[cfg(feature = "keras-json")]
pub mod config;
pub mod error;
#[cfg(feature = "keras-json")]
pub mod formats;
#[macro_use]
pub mod layer;
pub mod layers;
pub mod memory;
pub mod model;
pub mod naming;
pub mod ops;
pub mod optimizer;
pub mod render;
pub mod shape;
pub mod summary;
pub mod testing;
pub mod weight;

pub use error::{Error, LayerError, Result};
pub use layer::{InputsArg, Layer, LayerConfig, LayerExt, OutputShapes, OutputStructure};
pub use model::{
    CallInputs, Functional, IntoLayer, LayerHandle, Masks, Model, ModelKind, Sequential, Tensor,
};
pub use optimizer::Optimizer;
pub use render::Keras3Options;
#[allow(deprecated)]
pub use render::SummaryOptions;
pub use shape::{Dim, IntoDim, Shape, ShapeArg};
pub use summary::{Connection, MemorySize, Summary, SummaryRow};
pub use weight::{DType, DTypePolicy, Weight, WeightSpec};

/// Everything needed to build models: `use kerasinfo::prelude::*;`.
pub mod prelude {
    pub use crate::args::{DataFormat, Padding};
    pub use crate::layers::*;
    #[allow(deprecated)]
    pub use crate::render::SummaryOptions;
    pub use crate::{
        Functional, Keras3Options, Layer, LayerExt, LayerHandle, Model, Sequential, Summary, Tensor,
    };
}
