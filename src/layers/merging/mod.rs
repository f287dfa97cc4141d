//! Merging layers: element-wise merges with Keras's broadcasting rules
//! (`Add`, `Subtract`, `Multiply`, `Average`, `Maximum`, `Minimum`),
//! `Concatenate` and `Dot`.

/// The [`Layer`](crate::Layer) methods every merge layer declared with
/// `keras_layer!` shares (Keras's `Merge` base class): its bookkeeping,
/// called on a list of tensors, and its mask (when every input is masked,
/// their `ops.logical_or`; none otherwise). `merge_layer_common!(own
/// mask)`: all but the mask, for a layer with its own `compute_mask`.
macro_rules! merge_layer_common {
    (own mask) => {
        declared_layer_common!();

        /// Called on a list of tensors.
        fn inputs_arg(&self) -> crate::layer::InputsArg {
            crate::layer::InputsArg::List
        }

        // Keras's `supports_masking` (it computes a mask).
        layer_flags!(supports_masking);

    };
    () => {
        merge_layer_common!(own mask);

        /// Keras's `Merge.compute_mask`: when every input is masked, their
        /// `ops.logical_or`; none otherwise.
        fn compute_mask(
            &self,
            _inputs: &[crate::model::Tensor],
            previous: &[Option<crate::model::Tensor>],
        ) -> crate::Result<crate::Masks> {
            super::shared::or_of_masks(previous)
        }
    };
}

mod shared;

// Its layer files: every file here but `mod.rs` and the `mod`s above
// (listed by the build script).
include!(concat!(env!("OUT_DIR"), "/layer_files/merging.rs"));

pub use shared::merge_shape;
