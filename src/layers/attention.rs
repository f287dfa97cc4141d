//! Attention layers.
