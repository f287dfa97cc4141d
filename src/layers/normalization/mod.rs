//! Normalization layers: `BatchNormalization`, `LayerNormalization`,
//! `GroupNormalization`, `UnitNormalization`, `RMSNormalization` and the
//! `SpectralNormalization` wrapper.

mod shared;

layer_files!(batch, layer_norm, group, unit, rms, spectral);

pub use shared::AxisArg;
