//! `Transpose`.

use crate::error::{LayerError, Result};
use crate::layer::{Layer, LayerConfig, LayerExt, OutputShapes, one_input, single};
use crate::model::Tensor;
use crate::shape::Shape;

keras_op! {
    /// `keras.ops.transpose(x, axes=None)`: the operation `Transpose`.
    ///
    /// # Shapes
    /// The input's dimensions permuted by `axes` (batch included), reversed
    /// when `axes` is `None`. No weights.
    ///
    /// ```
    /// use kerasinfo::ops::TransposeOp;
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([3, 8]).tensor()?;
    /// let t = TransposeOp::new().axes([0, 2, 1]).call(&x)?;
    /// assert_eq!(t.shape().to_string(), "(None, 8, 3)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub struct TransposeOp = "Transpose" { axes: Option<Vec<i64>> }
}

crate::layers::declare::default_is_new!(TransposeOp);

impl TransposeOp {
    /// A transpose that reverses the dimensions.
    pub fn new() -> Self {
        Self::of(None)
    }

    /// The permutation. Defaults to `None` (reverse the dimensions).
    pub fn axes(mut self, axes: impl IntoIterator<Item = i64>) -> Self {
        self.axes = Some(axes.into_iter().collect());
        self
    }

    /// The operation of a config node (the importer's reader).
    #[cfg(feature = "keras-json")]
    pub(crate) fn from_call(c: &super::read::OpCall<'_, '_>) -> Result<Box<dyn Layer>> {
        Ok(Box::new(TransposeOp::of(c.axes("axes")?)))
    }
}

impl Layer for TransposeOp {
    numpy_op_config!({ "axes": axes }, w::tensor_arg(0));

    op_common!(Self::CLASS_NAME; moves data only);

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let input = one_input(inputs)?;
        let Some(axes) = &self.axes else {
            return Ok(single(input.dims().iter().rev().copied().collect()));
        };
        if axes.len() != input.rank() {
            return Err(LayerError::argument(
                "axes",
                format!(
                    "must be a list of the same length as the input shape, expected {}, received {}",
                    input.rank(),
                    axes.len()
                ),
            ));
        }
        let mut seen = vec![false; input.rank()];
        let mut dims = Vec::with_capacity(axes.len());
        for &a in axes {
            let i = input.normalize_axis(a).ok_or_else(|| {
                LayerError::argument("axes", format!("axis {a} out of range for {input}"))
            })?;
            if let Some(s) = seen.get_mut(i) {
                if *s {
                    return Err(LayerError::argument(
                        "axes",
                        "must be a valid permutation of the input dimensions",
                    ));
                }
                *s = true;
            }
            dims.push(input.dims().get(i).copied().unwrap_or_default());
        }
        Ok(single(Shape::new(dims)))
    }
}

/// `keras.ops.transpose(x, axes)`: a [`TransposeOp`] node (`axes` `None`
/// reverses the dimensions).
pub fn transpose(x: &Tensor, axes: Option<&[i64]>) -> Result<Tensor> {
    TransposeOp::of(axes.map(<[i64]>::to_vec)).call(x)
}
