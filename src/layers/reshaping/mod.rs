//! Reshaping layers: `Flatten`, `Reshape`, `RepeatVector`, `Permute`,
//! `CroppingND`, `UpSamplingND` and `ZeroPaddingND`.

mod shared;

// Its layer files: every file here but `mod.rs` and the `mod`s above
// (listed by the build script).
include!(concat!(env!("OUT_DIR"), "/layer_files/reshaping.rs"));

pub use shared::{CroppingSpec, PadPair, PaddingSpec, TargetDim};
