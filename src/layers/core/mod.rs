//! Core layers: `Input`/`InputLayer`, `Dense`, `Activation`, `EinsumDense`,
//! `Embedding`, `ReversibleEmbedding`, `Identity`, `Masking`, `Lambda`, and
//! tf.keras 2's `TFOpLambda` and `SlicingOpLambda` (read from configs only).

mod shared;

// Its layer files: every file here but `mod.rs` and the `mod`s above
// (listed by the build script).
include!(concat!(env!("OUT_DIR"), "/layer_files/core.rs"));

pub(crate) use einsum_dense::{EinsumShapes, analyze_einsum};
#[cfg(feature = "keras-json")]
pub(crate) use shared::config_shape_arg;
pub(crate) use shared::py_tuple;
