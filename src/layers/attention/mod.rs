//! Attention layers: `MultiHeadAttention`, `GroupedQueryAttention`,
//! `Attention` and `AdditiveAttention`.
//!
//! The projection sublayers of the multi-head layers are Keras
//! `EinsumDense` layers named `query`, `key`, (`gate`), `value` and
//! `attention_output`; their weights keep those names as path components
//! (`multi_head_attention/query/kernel`), in Keras's order. Like Keras,
//! the multi-head layers also create a `Softmax` and a `Dropout` layer with
//! automatic names, so a `Dropout` created after a `MultiHeadAttention` is
//! named `dropout_1`.

mod shared;

layer_files!(multi_head, grouped_query, dot_product, additive);
