//! Regularization layers: `Dropout`, `SpatialDropout1D/2D/3D`,
//! `GaussianNoise`, `GaussianDropout`, `AlphaDropout`,
//! `ActivityRegularization`. None has weights; they check their arguments
//! (and the spatial dropouts their input rank) as Keras does.

/// What every declared regularization layer's [`Layer`](crate::Layer)
/// impl shares: the declared bookkeeping, its input's mask passed on
/// (Keras's `supports_masking`), built at construction, and the identity
/// at inference (0 MACs, 0 FLOPs). `regularization_layer!(checks
/// FIELD)`: also an output equal to the input, once `FIELD` is checked to
/// lie in `[0, 1]`.
macro_rules! regularization_layer {
    () => {
        declared_layer_common!(flags supports_masking, built_at_init);

        zero_cost!("The identity at inference: 0 MACs, 0 FLOPs.");
    };
    (checks $field:ident) => {
        regularization_layer!();

        fn compute_output_shape(
            &self,
            inputs: &[crate::Shape],
        ) -> Result<crate::layer::OutputShapes, crate::error::LayerError> {
            let name = stringify!($field);
            super::shared::check_unit_interval(name, name, self.$field)?;
            crate::layer::same_shape(inputs)
        }
    };
}

mod shared;
pub(crate) use shared::check_unit_interval;

// Its layer files: every file here but `mod.rs` and the `mod`s above
// (listed by the build script).
include!(concat!(env!("OUT_DIR"), "/layer_files/regularization.rs"));
