//! Merging layers: element-wise merges with Keras's broadcasting rules,
//! and `Concatenate`.

use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, single};
use crate::shape::{Dim, Shape};

/// Keras's `Merge._compute_elemwise_op_output_shape` on two shapes without
/// their batch dimension.
fn elemwise(a: &[Dim], b: &[Dim]) -> Option<Vec<Dim>> {
    let (long, short) = if a.len() < b.len() { (b, a) } else { (a, b) };
    let split = long.len() - short.len();
    let mut out: Vec<Dim> = long[..split].to_vec();
    for (i, j) in long[split..].iter().zip(short) {
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
    let Some(first) = inputs.first() else {
        return Err(LayerError::InputCount {
            expected: "a list of at least 1".into(),
            received: 0,
        });
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
                    inputs
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
            batch = Some(*b);
        }
    }
    let mut out: Vec<Dim> = first.dims()[1..].to_vec();
    for s in &inputs[1..] {
        out = elemwise(&out, &s.dims()[1..])
            .ok_or_else(|| LayerError::IncompatibleShapes(inputs.to_vec()))?;
    }
    Ok(Shape::new(
        std::iter::once(batch.map_or(Dim::Unknown, Dim::Known)).chain(out),
    ))
}

/// `keras.layers.Add()`: element-wise sum of its inputs.
///
/// # Shapes
/// Inputs broadcast as in Keras (a 1 matches any size); output the
/// broadcast shape. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let a = Input::new([56, 56, 256]).tensor()?;
/// let b = Input::new([56, 56, 64]).tensor()?;
/// let err = Add::new().name("add_3").call([&a, &b]).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "layer \"add_3\" (Add): inputs have incompatible shapes (None, 56, 56, 256) and (None, 56, 56, 64)"
/// );
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct Add {
    config: LayerConfig,
}

impl Add {
    /// An `Add` layer.
    pub fn new() -> Self {
        Add::default()
    }
}

impl Layer for Add {
    layer_common!("Add");

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        Ok(single(merge_shape(inputs)?))
    }
}

/// `keras.layers.Concatenate(axis=-1)`.
///
/// # Shapes
/// Inputs of one rank that match except along `axis`; output the sum along
/// `axis` (`None` if any is unknown). No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let a = Input::new([8, 3]).tensor()?;
/// let b = Input::new([8, 5]).tensor()?;
/// assert_eq!(Concatenate::new().call([&a, &b])?.shape().to_string(), "(None, 8, 8)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Concatenate {
    config: LayerConfig,
    axis: i64,
}

impl Concatenate {
    /// A `Concatenate` layer along the last axis.
    pub fn new() -> Self {
        Concatenate {
            config: LayerConfig::default(),
            axis: -1,
        }
    }

    /// Keras's `axis=`. Defaults to -1.
    pub fn axis(mut self, axis: i64) -> Self {
        self.axis = axis;
        self
    }
}

impl Default for Concatenate {
    fn default() -> Self {
        Self::new()
    }
}

impl Layer for Concatenate {
    layer_common!("Concatenate");

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let Some(first) = inputs.first() else {
            return Err(LayerError::InputCount {
                expected: "a list of at least 1".into(),
                received: 0,
            });
        };
        let mismatch = || {
            LayerError::Other(format!(
                "a `Concatenate` layer requires inputs with matching shapes except for the concatenation axis, received {}",
                inputs
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        };
        let Some(axis) = first.normalize_axis(self.axis) else {
            return Err(LayerError::input(
                first,
                format!("axis {} is out of range", self.axis),
            ));
        };
        let mut out: Vec<Dim> = first.dims().to_vec();
        let mut unknown = false;
        for s in &inputs[1..] {
            if s.rank() != first.rank() {
                return Err(mismatch());
            }
            for (i, (a, b)) in first.iter().zip(s.iter()).enumerate() {
                if i == axis || i == 0 {
                    continue;
                }
                if let (Dim::Known(x), Dim::Known(y)) = (a, b) {
                    if x != y {
                        return Err(mismatch());
                    }
                }
            }
            if unknown {
                continue;
            }
            match (out[axis], s.dims()[axis]) {
                (Dim::Known(x), Dim::Known(y)) => {
                    out[axis] = Dim::Known(
                        x.checked_add(y)
                            .ok_or_else(|| LayerError::overflow("concatenated size"))?,
                    );
                }
                _ => {
                    out[axis] = Dim::Unknown;
                    unknown = true;
                }
            }
        }
        Ok(single(Shape::new(out)))
    }
}
