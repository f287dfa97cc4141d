//! Attention layers: `MultiHeadAttention`, `GroupedQueryAttention`,
//! `Attention` and `AdditiveAttention`.
//!
//! The projection sublayers of the multi-head layers are Keras
//! `EinsumDense` layers named `query`, `key`, (`gate`), `value` and
//! `attention_output`; their weights keep those names as path components
//! (`multi_head_attention/query/kernel`), in Keras's order. Like Keras,
//! the multi-head layers also create a `Softmax` and a `Dropout` layer with
//! automatic names, so a `Dropout` created after a `MultiHeadAttention` is
//! named `dropout_1`.

/// The [`Layer`](crate::Layer) methods `Attention` and `AdditiveAttention`
/// share (Keras's `BaseDenseAttention`), each described below.
macro_rules! dot_attention_common {
    () => {
        // `return_attention_scores` is an argument of each call in Keras.
        declared_layer_common!(call kwarg "return_attention_scores");

        /// Called on `[query, value]` or `[query, value, key]`.
        fn inputs_arg(&self) -> crate::layer::InputsArg {
            crate::layer::InputsArg::List
        }

        // Keras's `supports_masking` (it computes a mask).
        layer_flags!(supports_masking, takes_mask);

        fn compute_output_shape(
            &self,
            inputs: &[crate::shape::Shape],
        ) -> Result<crate::layer::OutputShapes, crate::error::LayerError> {
            let mut out = single(dot_attention_output(Self::KERAS_CLASS, inputs)?);
            if self.return_attention_scores {
                out.push(dot_attention_scores(inputs)?);
            }
            Ok(out)
        }

        /// The query's mask, as Keras's `ops.convert_to_tensor(mask[0])`
        /// (a `ConvertToTensor` operation in the graph).
        fn compute_mask(
            &self,
            _inputs: &[crate::model::Tensor],
            previous: &[Option<crate::model::Tensor>],
        ) -> crate::Result<crate::Masks> {
            match previous.first() {
                Some(Some(m)) => Ok(smallvec::smallvec![Some(crate::ops::convert_to_tensor(m)?)]),
                _ => Ok(crate::Masks::new()),
            }
        }
    };
}

mod shared;

// Its layer files: every file here but `mod.rs` and the `mod`s above
// (listed by the build script).
include!(concat!(env!("OUT_DIR"), "/layer_files/attention.rs"));
