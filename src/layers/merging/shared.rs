//! Keras's broadcasting merge of shapes and the mask merge the merging
//! layers share.

use crate::error::{LayerError, comma_separated};
use crate::model::Tensor;
use crate::shape::{Dim, Shape};

/// Keras's `Merge._compute_elemwise_op_output_shape` on two shapes without
/// their batch dimension.
pub(super) fn elemwise(a: &[Dim], b: &[Dim]) -> Option<Vec<Dim>> {
    let (long, short) = if a.len() < b.len() { (b, a) } else { (a, b) };
    let (head, tail) = long.split_at_checked(long.len().checked_sub(short.len())?)?;
    let mut out: Vec<Dim> = head.to_vec();
    for (i, j) in tail.iter().zip(short) {
        out.push(match (*i, *j) {
            (Dim::Unknown, _) | (_, Dim::Unknown) => Dim::Unknown,
            (Dim::Known(1), j) => j,
            (i, Dim::Known(1)) => i,
            (Dim::Known(x), Dim::Known(y)) if x == y => Dim::Known(x),
            _ => return None,
        });
    }
    Some(out)
}

/// The output shape of an element-wise merge of `inputs`, as Keras's
/// `Merge.compute_output_shape` (with its build-time checks).
///
/// ```
/// use kerasinfo::layers::merging::merge_shape;
/// use kerasinfo::Shape;
/// let s = merge_shape(&[Shape::batched([4, 1]), Shape::batched([4, 5])]).unwrap();
/// assert_eq!(s.to_string(), "(None, 4, 5)");
/// assert!(merge_shape(&[Shape::batched([4]), Shape::batched([5])]).is_err());
/// ```
pub fn merge_shape(inputs: &[Shape]) -> Result<Shape, LayerError> {
    let Some((first, rest)) = inputs.split_first() else {
        return Err(LayerError::input_count("a list of at least 1", 0));
    };
    let mut batch: Option<u64> = None;
    for s in inputs {
        let Some(b) = s.dims().first() else {
            return Err(LayerError::rank(">= 1", s));
        };
        if let Dim::Known(b) = b {
            if batch.is_some_and(|x| x != *b) {
                return Err(LayerError::Other(format!(
                    "cannot merge tensors with different batch sizes, received shapes {}",
                    comma_separated(inputs)
                )));
            }
            batch = Some(*b);
        }
    }
    // Inputs of one shape (the usual merge) merge into that shape: each
    // dimension meets itself.
    if rest.iter().all(|s| s == first) {
        return Ok(first.clone());
    }
    // Every input has a batch axis (checked above): merge what follows it.
    fn features(s: &Shape) -> &[Dim] {
        s.dims().split_first().map_or(&[], |(_, f)| f)
    }
    let mut out: Vec<Dim> = features(first).to_vec();
    for s in rest {
        out = elemwise(&out, features(s))
            .ok_or_else(|| LayerError::IncompatibleShapes(inputs.to_vec()))?;
    }
    Ok(Shape::new(
        std::iter::once(batch.map_or(Dim::Unknown, Dim::Known)).chain(out),
    ))
}
/// Keras's `Merge.compute_mask`: the `ops.logical_or` of the masks when
/// every input is masked, none otherwise.
pub(super) fn or_of_masks(previous: &[Option<Tensor>]) -> crate::Result<crate::Masks> {
    let mut masks = previous.iter();
    let Some(Some(first)) = masks.next() else {
        return Ok(crate::Masks::new());
    };
    if previous.iter().any(Option::is_none) {
        return Ok(crate::Masks::new());
    }
    let mut out = first.clone();
    for m in masks.flatten() {
        out = crate::ops::logical_or(&out, m)?;
    }
    Ok(smallvec::smallvec![Some(out)])
}
