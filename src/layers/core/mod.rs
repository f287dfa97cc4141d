//! Core layers: `Input`/`InputLayer`, `Dense`, `Activation`, `EinsumDense`,
//! `Embedding`, `ReversibleEmbedding`, `Identity`, `Masking`, `Lambda`, and
//! tf.keras 2's `TFOpLambda` and `SlicingOpLambda` (read from configs only).

mod shared;

layer_files!(
    input,
    dense,
    activation,
    einsum_dense,
    embedding,
    reversible_embedding,
    identity,
    masking,
    lambda,
    tf_op_lambda,
);

pub(crate) use einsum_dense::{EinsumShapes, analyze_einsum};
#[cfg(feature = "keras-json")]
pub(crate) use shared::config_shape_arg;
pub(crate) use shared::py_tuple;
