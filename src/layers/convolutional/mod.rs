//! Convolution layers: `Conv1D`/`Conv2D`/`Conv3D`, their transposes,
//! depthwise and separable convolutions, with Keras's aliases
//! (`Convolution2D`, `SeparableConvolution2D`, ...).

mod checks;
mod window;
pub(crate) use window::{ConvWindow, conv_layer, window_setters};

// Its layer files: every file here but `mod.rs` and the `mod`s above
// (listed by the build script).
include!(concat!(env!("OUT_DIR"), "/layer_files/convolutional.rs"));
