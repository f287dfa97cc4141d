//! `Concatenate`.

use crate::error::{LayerError, Result};
use crate::layer::{Layer, LayerConfig, LayerExt, OutputShapes, single};
use crate::model::Tensor;
use crate::shape::{Dim, Shape};

keras_op! {
    /// `keras.ops.concatenate(xs, axis=0)`: the operation `Concatenate`.
    ///
    /// # Shapes
    /// Inputs that match except along `axis` (batch included in the axis
    /// count); the output sums them along `axis`. No weights.
    ///
    /// ```
    /// use kerasinfo::ops::ConcatenateOp;
    /// use kerasinfo::prelude::*;
    /// let a = Input::new([6, 4]).tensor()?;
    /// let b = Input::new([6, 2]).tensor()?;
    /// let c = ConcatenateOp::new(-1).call([&a, &b])?;
    /// assert_eq!(c.shape().to_string(), "(None, 6, 6)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub struct ConcatenateOp = "Concatenate" { axis: i64 }
}

impl ConcatenateOp {
    /// Concatenation along `axis`.
    pub fn new(axis: i64) -> Self {
        Self::of(axis)
    }

    /// The operation of a config node (the importer's reader).
    #[cfg(feature = "keras-json")]
    pub(crate) fn from_call(c: &super::read::OpCall<'_, '_>) -> Result<Box<dyn Layer>> {
        Ok(Box::new(ConcatenateOp::new(c.cfg.int_or("axis", 0)?)))
    }
}

impl Layer for ConcatenateOp {
    numpy_op_config!({ "axis": axis }, w::tensor_list_arg());

    op_common!(Self::CLASS_NAME; moves data only);

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let Some(first) = inputs.first() else {
            return Err(LayerError::InputCount {
                expected: "at least 1".into(),
                received: 0,
            });
        };
        let axis = first.normalize_axis(self.axis).ok_or_else(|| {
            LayerError::argument("axis", format!("{} out of range for {first}", self.axis))
        })?;
        let mut total = Dim::Known(0);
        for s in inputs {
            let same = s.rank() == first.rank()
                && s.iter()
                    .zip(first.iter())
                    .enumerate()
                    .all(|(i, (a, b))| i == axis || a == b || !a.is_known() || !b.is_known());
            if !same {
                return Err(LayerError::IncompatibleShapes(inputs.to_vec()));
            }
            total = match (total, s.dims().get(axis).copied().unwrap_or_default()) {
                (Dim::Known(t), Dim::Known(n)) => Dim::Known(crate::weight::checked_add(t, n)?),
                _ => Dim::Unknown,
            };
        }
        Ok(single(first.with(axis, total)))
    }
}

/// `keras.ops.concatenate(xs, axis)`: a [`ConcatenateOp`] node.
pub fn concatenate(xs: &[&Tensor], axis: i64) -> Result<Tensor> {
    let v: Vec<Tensor> = xs.iter().map(|t| (*t).clone()).collect();
    ConcatenateOp::new(axis).call(v)
}
