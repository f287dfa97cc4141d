//! Preprocessing layers: feature normalization and rescaling, image
//! resizing and cropping, categorical encodings and lookups, and the random
//! image augmentation layers.
//!
//! Only [`Normalization`] (when it is not given `mean` and `variance`)
//! creates weights; every other layer here has none.

use crate::error::LayerError;

mod shared;
use shared::*;

// Its layer files: every file here but `mod.rs` and the `mod`s above
// (listed by the build script).
include!(concat!(env!("OUT_DIR"), "/layer_files/preprocessing.rs"));

keras_enum! {
    /// Keras's `output_mode=` of the categorical layers ([`CategoryEncoding`],
    /// [`Hashing`], [`Discretization`], [`IntegerLookup`], [`StringLookup`]).
    /// Each layer accepts a subset and rejects the others, as Keras does.
    ///
    /// ```
    /// use kerasinfo::layers::OutputMode;
    /// assert_eq!(OutputMode::TfIdf.to_string(), "tf_idf");
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum OutputMode {
        /// `"int"`: one index per input element.
        Int = "int",
        /// `"one_hot"`: each element encoded as a vector of `depth`.
        OneHot = "one_hot",
        /// `"multi_hot"` (alias `"binary"`): the last axis encoded as one vector.
        MultiHot = "multi_hot" | "binary",
        /// `"count"`: like `multi_hot`, counting occurrences.
        Count = "count",
        /// `"tf_idf"`: like `multi_hot`, weighted by inverse document frequency.
        TfIdf = "tf_idf" | "tf-idf",
    }
    expected "one of int, one_hot, multi_hot, count or tf_idf";
}

impl OutputMode {
    /// Every mode but `tf_idf` (`Hashing`'s and `Discretization`'s).
    const NOT_TF_IDF: [OutputMode; 4] = [Self::Int, Self::OneHot, Self::MultiHot, Self::Count];

    /// With `tf_idf`, one FLOP per output element (the IDF weight
    /// multiply); else 0 (look-ups and counts are no floating-point work).
    fn idf_cost(
        self,
        outputs: &[crate::shape::Shape],
    ) -> Result<Option<crate::compute::Cost>, LayerError> {
        if self != OutputMode::TfIdf {
            return Ok(Some(crate::compute::Cost::ZERO));
        }
        crate::compute::per_output_element(outputs, 1)
    }

    /// `Ok` if `self` is one of `allowed`, else Keras's argument error.
    fn check(self, allowed: &[OutputMode]) -> Result<(), LayerError> {
        if allowed.contains(&self) {
            Ok(())
        } else {
            let names: Vec<String> = allowed.iter().map(|m| format!("'{m}'")).collect();
            Err(LayerError::argument(
                "output_mode",
                format!(
                    "expected one of ({}), received output_mode={self}",
                    names.join(", ")
                ),
            ))
        }
    }
}
