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
    Int,
    /// `"one_hot"`: each element encoded as a vector of `depth`.
    OneHot,
    /// `"multi_hot"` (alias `"binary"`): the last axis encoded as one vector.
    MultiHot,
    /// `"count"`: like `multi_hot`, counting occurrences.
    Count,
    /// `"tf_idf"`: like `multi_hot`, weighted by inverse document frequency.
    TfIdf,
}

impl std::fmt::Display for OutputMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            OutputMode::Int => "int",
            OutputMode::OneHot => "one_hot",
            OutputMode::MultiHot => "multi_hot",
            OutputMode::Count => "count",
            OutputMode::TfIdf => "tf_idf",
        })
    }
}

impl OutputMode {
    /// With `tf_idf`, one FLOP per output element (the IDF weight
    /// multiply); else 0 (look-ups and counts are no floating-point work).
    fn idf_cost(
        self,
        outputs: &[crate::shape::Shape],
    ) -> Result<Option<crate::compute::Cost>, LayerError> {
        if self != OutputMode::TfIdf {
            return Ok(Some(crate::compute::Cost::ZERO));
        }
        outputs
            .first()
            .map_or(Ok(None), |o| crate::compute::per_element(o, 1))
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

/// `output_mode`, Keras's aliases `binary` and `tf-idf` included; written
/// as its name.
#[cfg(feature = "keras-json")]
impl crate::layers::declare::Arg for OutputMode {
    fn required(c: &crate::config::cfg::Cfg<'_>, key: &str) -> crate::Result<Self> {
        Self::optional(c, key)?.ok_or_else(|| c.error(key, "missing required string"))
    }
    fn optional(c: &crate::config::cfg::Cfg<'_>, key: &str) -> crate::Result<Option<Self>> {
        match c.value(key) {
            None => Ok(None),
            Some(_) => output_mode_from(c, OutputMode::Int).map(Some),
        }
    }
    fn to_config(&self) -> serde_json::Value {
        serde_json::json!(self.to_string())
    }
}
