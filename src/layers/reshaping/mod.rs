//! Reshaping layers: `Flatten`, `Reshape`, `RepeatVector`, `Permute`,
//! `CroppingND`, `UpSamplingND` and `ZeroPaddingND`.

mod shared;

layer_files!(
    flatten,
    reshape,
    repeat_vector,
    permute,
    zero_padding,
    cropping,
    up_sampling,
);

pub use shared::{CroppingSpec, PadPair, PaddingSpec, TargetDim};
