//! Normalization layers: `BatchNormalization`, `LayerNormalization`,
//! `GroupNormalization`, `UnitNormalization`, `RMSNormalization` and the
//! `SpectralNormalization` wrapper.

mod shared;

// Its layer files: every file here but `mod.rs` and the `mod`s above
// (listed by the build script).
include!(concat!(env!("OUT_DIR"), "/layer_files/normalization.rs"));

pub use shared::AxisArg;
