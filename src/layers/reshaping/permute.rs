//! `Permute` and its `IntList`.

use super::shared::*;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, single};
use crate::shape::Shape;

keras_layer! {
    class "Permute";
    /// `keras.layers.Permute(dims)`: permutes the non-batch axes; `dims` is a
    /// permutation of `1..=rank-1` (indexing starts at 1, as in Keras).
    ///
    /// # Shapes
    /// Input `(batch, d1, ..., dk)`, output `(batch, d[dims[0]], ...)`. No
    /// weights.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([10, 64]).tensor()?;
    /// assert_eq!(Permute::new([2, 1]).call(&x)?.shape().to_string(), "(None, 64, 10)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct Permute {
        /// Keras's `dims`: the permutation of the non-batch axes (from 1).
        dims: Vec<i64> = impl Into<IntList> => dims.into().0,
    }
    /// A permutation layer.
    fn new;
}

/// A tuple or list of ints (e.g. the `dims=` of [`Permute`]).
///
/// ```
/// use kerasinfo::layers::reshaping::IntList;
/// assert_eq!(IntList::from((2, 1)).0, vec![2, 1]);
/// assert_eq!(IntList::from([3, 1, 2]).0, vec![3, 1, 2]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntList(pub Vec<i64>);

from_target_dims!(IntList, |d| d.unwrap_or(i64::MAX));

impl Layer for Permute {
    declared_layer_common!();

    zero_cost!("A transpose: 0 MACs, 0 FLOPs.");

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let mut sorted = self.dims.clone();
        sorted.sort_unstable();
        let consecutive = sorted.iter().zip(1i64..).all(|(a, b)| *a == b);
        argument_error_if!(
            !consecutive,
            "dims",
            format!(
                "the set of indices in `dims` must be consecutive and start from 1, received dims={:?}",
                self.dims
            ),
        );
        // A `Vec` length is at most `isize::MAX`: `+ 1` never saturates.
        let x = ranked(inputs, self.dims.len().saturating_add(1))?;
        let mut out = Vec::with_capacity(x.rank());
        out.extend(x.dims().first().copied());
        for d in &self.dims {
            let dim = usize::try_from(*d)
                .ok()
                .and_then(|i| x.dims().get(i).copied())
                .ok_or_else(|| LayerError::argument("dims", "out of range"))?;
            out.push(dim);
        }
        Ok(single(Shape::new(out)))
    }
}
