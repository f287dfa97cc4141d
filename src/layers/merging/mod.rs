//! Merging layers: element-wise merges with Keras's broadcasting rules
//! (`Add`, `Subtract`, `Multiply`, `Average`, `Maximum`, `Minimum`),
//! `Concatenate` and `Dot`.

mod shared;

layer_files!(add, subtract, elementwise, concatenate, dot);

pub use shared::merge_shape;
