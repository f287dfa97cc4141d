//! `Reshape`.

use crate::error::{LayerError, Result};
use crate::layer::{Layer, LayerConfig, LayerExt, OutputShapes, one_input, single};
use crate::model::Tensor;
use crate::shape::{Dim, Shape};

keras_op! {
    /// `keras.ops.reshape(x, newshape)`: the operation `Reshape`. Unlike the
    /// `Reshape` layer, `newshape` includes the batch dimension.
    ///
    /// # Shapes
    /// `newshape` with its one `-1` inferred when every input dimension is
    /// known (`None` otherwise); the total size must be unchanged. No weights.
    ///
    /// ```
    /// use kerasinfo::ops::ReshapeOp;
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([6, 4]).tensor()?;
    /// assert_eq!(ReshapeOp::new([-1, 3, 8]).call(&x)?.shape().to_string(), "(None, 3, 8)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub struct ReshapeOp = "Reshape" { newshape: Vec<Option<i64>> }
}

impl ReshapeOp {
    /// The new shape (batch dimension included; `-1` for one inferred
    /// dimension).
    pub fn new(newshape: impl IntoIterator<Item = i64>) -> Self {
        Self::with_dims(newshape.into_iter().map(Some))
    }

    /// The new shape where `None` is a dynamic (unknown) dimension.
    pub fn with_dims(newshape: impl IntoIterator<Item = Option<i64>>) -> Self {
        Self::of(newshape.into_iter().collect())
    }

    /// The operation of a config node (the importer's reader).
    #[cfg(feature = "keras-json")]
    pub(crate) fn from_call(c: &super::read::OpCall<'_, '_>) -> Result<Box<dyn Layer>> {
        let dims = c
            .cfg
            .opt_dims("newshape")?
            .ok_or_else(|| c.cfg.error("newshape", "missing key `newshape`"))?;
        Ok(Box::new(ReshapeOp::with_dims(dims)))
    }
}

impl Layer for ReshapeOp {
    numpy_op_config!({ "newshape": newshape }, w::tensor_arg(0));

    op_common!(Self::CLASS_NAME; moves data only);

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let input = one_input(inputs)?;
        let bad = |reason: &str| {
            LayerError::argument(
                "newshape",
                format!("{reason}, received newshape={:?}", self.newshape),
            )
        };
        if self.newshape.iter().flatten().any(|&d| d < -1)
            || self.newshape.iter().flatten().filter(|&&d| d == -1).count() > 1
        {
            return Err(bad(
                "each dimension must be a non-negative integer, or -1 for a single unknown dimension",
            ));
        }
        let dynamic = input.iter().any(|d| !d.is_known()) || self.newshape.contains(&None);
        let out_dim = |d: Option<i64>| match d.and_then(|d| u64::try_from(d).ok()) {
            Some(n) => Dim::Known(n),
            None => Dim::Unknown,
        };
        // The size of the `-1` dimension, if any (unknown when dynamic).
        let mut inferred = Dim::Unknown;
        if !dynamic {
            let input_size = crate::weight::product(input.iter().filter_map(Dim::known))?;
            let known = self
                .newshape
                .iter()
                .flatten()
                .filter_map(|&d| u64::try_from(d).ok());
            let known_size = crate::weight::product(known)?;
            // `known_size == 0` gives `None` for both, hence the error.
            let split = (
                input_size.checked_rem(known_size),
                input_size.checked_div(known_size),
            );
            match (self.newshape.contains(&Some(-1)), split) {
                (true, (Some(0), Some(n))) => inferred = Dim::Known(n),
                (false, _) if known_size == input_size => {}
                _ => {
                    return Err(LayerError::input(
                        input,
                        format!(
                            "the total size of the tensor must be unchanged, received newshape={:?}",
                            self.newshape
                        ),
                    ));
                }
            }
        }
        let dims = self.newshape.iter();
        Ok(single(
            dims.map(|&d| if d == Some(-1) { inferred } else { out_dim(d) })
                .collect(),
        ))
    }
}

/// `keras.ops.reshape(x, newshape)`: a [`ReshapeOp`] node.
pub fn reshape(x: &Tensor, newshape: impl IntoIterator<Item = i64>) -> Result<Tensor> {
    ReshapeOp::new(newshape).call(x)
}
