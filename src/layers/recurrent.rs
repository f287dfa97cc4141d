//! Recurrent layers, cells and wrappers.
