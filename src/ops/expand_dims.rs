//! `ExpandDims`.

#[cfg(feature = "keras-json")]
use super::AxisConfig;
use crate::error::{LayerError, Result};
use crate::layer::{Layer, LayerConfig, LayerExt, OutputShapes, one_input, single};
use crate::model::Tensor;
use crate::shape::{Dim, Shape};

keras_op! {
    /// `keras.ops.expand_dims(x, axis)`: the operation `ExpandDims`.
    ///
    /// # Shapes
    /// Keras's `compute_expand_dims_output_shape`: a dimension of size 1
    /// inserted at each axis (counted in the output's rank, batch included).
    /// No weights.
    ///
    /// ```
    /// use kerasinfo::ops::ExpandDims;
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([6]).tensor()?;
    /// assert_eq!(ExpandDims::new([-1]).call(&x)?.shape().to_string(), "(None, 6, 1)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub struct ExpandDims = "ExpandDims" { axis: Vec<i64> }
}

impl ExpandDims {
    /// Size-1 dimensions inserted at `axis` (one or several axes).
    pub fn new(axis: impl IntoIterator<Item = i64>) -> Self {
        Self::of(axis.into_iter().collect())
    }

    /// The operation of a config node (the importer's reader).
    #[cfg(feature = "keras-json")]
    pub(crate) fn from_call(c: &super::read::OpCall<'_, '_>) -> Result<Box<dyn Layer>> {
        let a = c
            .axes("axis")?
            .ok_or_else(|| c.cfg.error("axis", "missing key `axis`"))?;
        Ok(Box::new(ExpandDims::new(a)))
    }
}

impl Layer for ExpandDims {
    numpy_op_config!({ "axis": axis.axis_config() }, w::tensor_arg(0));

    op_common!(Self::CLASS_NAME);

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let input = one_input(inputs)?;
        let rank = input.rank().saturating_add(self.axis.len());
        let mut expanded = vec![false; rank];
        for &a in &self.axis {
            let i = crate::shape::axis_in_rank(a, rank).ok_or_else(|| {
                LayerError::argument("axis", format!("{a} out of range for {input}"))
            })?;
            match expanded.get_mut(i) {
                Some(e) if !*e => *e = true,
                _ => return Err(LayerError::argument("axis", format!("repeated axis {a}"))),
            }
        }
        let mut dims = input.iter();
        let out = expanded.iter().map(|&e| if e { None } else { dims.next() });
        Ok(single(out.map(|d| d.unwrap_or(Dim::Known(1))).collect()))
    }
}

/// `keras.ops.expand_dims(x, axis)`: an [`ExpandDims`] node.
pub fn expand_dims(x: &Tensor, axis: i64) -> Result<Tensor> {
    ExpandDims::new([axis]).call(x)
}
