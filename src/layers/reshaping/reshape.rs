//! `Reshape` and its `TargetShape`.

use super::shared::*;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape};
use crate::weight::product;

/// The `target_shape=` of a [`Reshape`] (without the batch dimension): sizes,
/// at most one `-1`, or `None`s. Built from arrays, vectors and tuples.
///
/// ```
/// use kerasinfo::layers::reshaping::TargetShape;
/// assert_eq!(TargetShape::from((3, -1)).0, vec![Some(3), Some(-1)]);
/// assert_eq!(TargetShape::from([Some(2), None]).0, vec![Some(2), None]);
/// assert_eq!(TargetShape::from(vec![4]).0, vec![Some(4)]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetShape(pub Vec<Option<i64>>);

from_target_dims!(TargetShape, |d| d);

impl std::fmt::Display for TargetShape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let dims: Vec<String> = self
            .0
            .iter()
            .map(|d| d.map_or_else(|| "None".to_owned(), |v| v.to_string()))
            .collect();
        crate::args::PyTuple(&dims).fmt(f)
    }
}

/// `target_shape`: a list of ints (`-1` for one inferred dimension) and
/// `null`s, written as given.
#[cfg(feature = "keras-json")]
impl crate::layers::declare::Arg for TargetShape {
    fn optional(c: &crate::config::cfg::Cfg<'_>, key: &str) -> crate::Result<Option<Self>> {
        Ok(c.opt_dims(key)?.map(TargetShape))
    }
    fn to_config(&self) -> serde_json::Value {
        serde_json::json!(self.0)
    }
}

keras_layer! {
    class "Reshape";
    /// `keras.layers.Reshape(target_shape)`.
    ///
    /// # Shapes
    /// Input `(batch, ...)`, output `(batch, *target_shape)`. A `-1` entry is
    /// inferred from the input size when every input size is known (`None`
    /// otherwise); sizes that do not match the input's are an error, as in
    /// Keras. No weights.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([12]).tensor()?;
    /// assert_eq!(Reshape::new((3, 4)).call(&x)?.shape().to_string(), "(None, 3, 4)");
    /// assert_eq!(Reshape::new((-1, 2, 2)).call(&x)?.shape().to_string(), "(None, 3, 2, 2)");
    /// assert!(Reshape::new((5, -1)).call(&x).is_err());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct Reshape {
        /// Keras's `target_shape`: the output's non-batch dimensions.
        target_shape: TargetShape = impl Into<TargetShape> => target_shape.into(),
    }
    /// A reshape layer to `target_shape` (batch dimension excluded).
    fn new;
}

impl Layer for Reshape {
    declared_layer_common!(flags built_at_init);

    zero_cost!("A reshape: 0 MACs, 0 FLOPs.");

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let target = &self.target_shape;
        let bad = |reason: &str| {
            LayerError::argument(
                "target_shape",
                format!("{reason}, received target_shape={target}"),
            )
        };
        let mut unknown = None;
        for (i, d) in target.0.iter().enumerate() {
            match d {
                Some(v) if *v < -1 => {
                    return Err(bad(
                        "each dimension must be a non-negative integer, or -1 for a single unknown dimension",
                    ));
                }
                Some(-1) if unknown.is_some() => {
                    return Err(bad("there must be at most one unknown dimension (-1)"));
                }
                Some(-1) => unknown = Some(i),
                _ => {}
            }
        }
        let x = one_input(inputs)?;
        let Some((batch, rest)) = x.dims().split_first() else {
            return Err(LayerError::rank(">= 1", x));
        };
        // Entries are None or >= -1 here.
        let to_dim = |d: &Option<i64>| Dim::from(d.and_then(|v| u64::try_from(v).ok()));
        let mut out: Vec<Dim> = std::iter::once(*batch)
            .chain(target.0.iter().map(to_dim))
            .collect();
        if rest.iter().any(|d| !d.is_known()) || target.0.iter().any(Option::is_none) {
            return Ok(single(Shape::new(out)));
        }
        let input_size = product(rest.iter().filter_map(|d| d.known()))?;
        // The target's sizes but the `-1`.
        let known = product(out.iter().skip(1).filter_map(|d| d.known()))?;
        let mismatch = || {
            LayerError::input(
                x,
                format!(
                    "the total size of the tensor must be unchanged, received target_shape={target}"
                ),
            )
        };
        match unknown {
            None if known == input_size => {}
            None => return Err(mismatch()),
            Some(i) => {
                // `known == 0` gives `None` for both, hence a mismatch.
                let (Some(0), Some(size)) =
                    (input_size.checked_rem(known), input_size.checked_div(known))
                else {
                    return Err(mismatch());
                };
                // Entry `i` of the target shape, after the batch axis.
                if let Some(d) = out.get_mut(1..).and_then(|t| t.get_mut(i)) {
                    *d = Dim::Known(size);
                }
            }
        }
        Ok(single(Shape::new(out)))
    }
}
