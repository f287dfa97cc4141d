//! Activation layers: ReLU, LeakyReLU, PReLU, ELU, Softmax.

// Its layer files: every file here but `mod.rs` and the `mod`s above
// (listed by the build script).
include!(concat!(env!("OUT_DIR"), "/layer_files/activations.rs"));
