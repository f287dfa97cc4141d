//! `Concatenate`.

use crate::error::{LayerError, comma_separated};
use crate::layer::{Layer, LayerExt, OutputShapes, single};
use crate::model::Tensor;
use crate::shape::{Dim, Shape};

keras_layer! {
    class "Concatenate";
    /// `keras.layers.Concatenate(axis=-1)`.
    ///
    /// # Shapes
    /// Inputs of one rank that match except along `axis`; output the sum along
    /// `axis` (`None` if any is unknown). No weights.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let a = Input::new([8, 3]).tensor()?;
    /// let b = Input::new([8, 5]).tensor()?;
    /// assert_eq!(Concatenate::new().call([&a, &b])?.shape().to_string(), "(None, 8, 8)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct Concatenate {
    }
    /// A `Concatenate` layer along the last axis.
    fn new;
    /// Keras's `axis=`. Defaults to -1.
    axis: i64 = -1, |axis: i64| axis;
}

impl Layer for Concatenate {
    merge_layer_common!(own mask);

    /// Keras's `Concatenate.compute_mask`: each input's mask (all-true
    /// `ops.ones_like` for an unmasked one, widened with `ops.expand_dims`
    /// and `ops.logical_or` with `ops.zeros_like` where it has fewer
    /// dimensions), concatenated along `axis`, then `ops.any` over the
    /// last axis: operations in the graph, as in Keras.
    fn compute_mask(
        &self,
        inputs: &[Tensor],
        previous: &[Option<Tensor>],
    ) -> crate::Result<crate::Masks> {
        use crate::ops;
        if previous.iter().all(Option::is_none) || previous.len() != inputs.len() {
            return Ok(crate::Masks::new());
        }
        let mut masks = Vec::with_capacity(inputs.len());
        for (input, mask) in inputs.iter().zip(previous) {
            masks.push(match mask {
                None => ops::Unary::new(ops::UnaryOp::OnesLike {
                    dtype: Some(crate::DType::Bool),
                })
                .call(input)?,
                Some(m) if m.shape().rank() < input.shape().rank() => {
                    let wide = ops::expand_dims(m, -1)?;
                    let zeros = ops::ZerosLike::new()
                        .output_dtype(Some(crate::DType::Bool))
                        .call(input)?;
                    ops::logical_or(&wide, &zeros)?
                }
                Some(m) => m.clone(),
            });
        }
        let refs: Vec<&Tensor> = masks.iter().collect();
        let concatenated = ops::concatenate(&refs, self.axis)?;
        Ok(smallvec::smallvec![Some(ops::any(&concatenated, -1)?)])
    }

    zero_cost!("A copy: 0 MACs, 0 FLOPs.");

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let Some((first, rest)) = inputs.split_first() else {
            return Err(LayerError::input_count("a list of at least 1", 0));
        };
        let mismatch = || {
            LayerError::Other(format!(
                "a `Concatenate` layer requires inputs with matching shapes except for the concatenation axis, received {}",
                comma_separated(inputs)
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
        for s in rest {
            if s.rank() != first.rank() {
                return Err(mismatch());
            }
            for (i, (a, b)) in first.iter().zip(s.iter()).enumerate() {
                if i == axis || i == 0 {
                    continue;
                }
                if let (Dim::Known(x), Dim::Known(y)) = (a, b)
                    && x != y
                {
                    return Err(mismatch());
                }
            }
            if unknown {
                continue;
            }
            // `axis` is in range for `first`, and `s` has the same rank.
            let (Some(o), Some(d)) = (out.get_mut(axis), s.dims().get(axis)) else {
                return Err(mismatch());
            };
            match (*o, *d) {
                (Dim::Known(x), Dim::Known(y)) => {
                    *o = Dim::Known(x.checked_add(y).ok_or_else(|| {
                        LayerError::overflow(format!("concatenated size {x} + {y} on axis {axis}"))
                    })?);
                }
                _ => {
                    *o = Dim::Unknown;
                    unknown = true;
                }
            }
        }
        Ok(single(Shape::new(out)))
    }
}
