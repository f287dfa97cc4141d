//! Pooling layers: windowed max/average pooling, global pooling and
//! adaptive pooling in 1, 2 and 3 dimensions, with Keras's aliases
//! (`MaxPool2D`, `AvgPool1D`, `GlobalAvgPool2D`, ...).

// Its layer files: every file here but `mod.rs` and the `mod`s above
// (listed by the build script).
include!(concat!(env!("OUT_DIR"), "/layer_files/pooling.rs"));
