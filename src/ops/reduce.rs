//! Reductions (`Mean`, `Sum`, `Max`, …).

#[cfg(feature = "keras-json")]
use super::AxisConfig;
use crate::error::{LayerError, Result};
use crate::layer::{Layer, LayerConfig, LayerExt, OutputShapes, one_input, single};
use crate::model::Tensor;
use crate::shape::{Dim, Shape};

op_kinds! {
    /// The reductions of `keras.ops` with `axis`/`keepdims`.
    pub enum ReduceKind {
        /// `keras.ops.mean`.
        Mean,
        /// `keras.ops.sum`.
        Sum,
        /// `keras.ops.max`.
        Max,
        /// `keras.ops.min`.
        Min,
        /// `keras.ops.prod`.
        Prod,
        /// `keras.ops.any` (a boolean tensor; Keras's `Masking` mask).
        Any,
        /// `keras.ops.all` (a boolean tensor).
        All,
    }
}

impl ReduceKind {
    /// The TensorFlow function of a tf.keras 2 `TFOpLambda` layer that
    /// applies this reduction (`tf.math.reduce_mean`).
    #[cfg_attr(not(feature = "keras-json"), allow(dead_code))]
    pub(crate) fn tf_function(self) -> Option<&'static str> {
        match self {
            ReduceKind::Mean => Some("math.reduce_mean"),
            ReduceKind::Sum => Some("math.reduce_sum"),
            ReduceKind::Max => Some("math.reduce_max"),
            ReduceKind::Min => Some("math.reduce_min"),
            ReduceKind::Prod => Some("math.reduce_prod"),
            ReduceKind::Any | ReduceKind::All => None,
        }
    }
}

keras_op! {
    /// A reduction (`Mean`, `Sum`, …) over `axis` (all axes when `None`),
    /// keeping the reduced axes as size 1 with `keepdims`.
    ///
    /// # Shapes
    /// Keras's `reduce_shape`: the input without the reduced axes (batch
    /// included in the axis count), or with them set to 1. No weights.
    ///
    /// ```
    /// use kerasinfo::ops::{Reduce, ReduceKind};
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([6, 4, 3]).tensor()?;
    /// let m = Reduce::new(ReduceKind::Mean).axis([1]).call(&x)?;
    /// assert_eq!(m.shape().to_string(), "(None, 4, 3)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub struct Reduce { kind: ReduceKind, axis: Option<Vec<i64>>, keepdims: bool }
}

impl Reduce {
    /// A reduction over all axes.
    pub fn new(kind: ReduceKind) -> Self {
        Self::of(kind, None, false)
    }

    /// The axes to reduce. Defaults to `None` (all axes).
    pub fn axis(mut self, axis: impl IntoIterator<Item = i64>) -> Self {
        self.axis = Some(axis.into_iter().collect());
        self
    }

    /// Whether reduced axes stay as size 1. Defaults to `false`.
    pub fn keepdims(mut self, keepdims: bool) -> Self {
        self.keepdims = keepdims;
        self
    }

    /// The operation of a config node (the importer's reader).
    #[cfg(feature = "keras-json")]
    pub(super) fn from_call(c: &super::read::OpCall<'_, '_>) -> Result<Box<dyn Layer>> {
        let kind = ReduceKind::from_class_name(c.class).ok_or_else(|| c.unknown())?;
        let keepdims = c.cfg.bool_or("keepdims", false)?;
        Ok(Box::new(Reduce::of(kind, c.axes("axis")?, keepdims)))
    }
}

impl Layer for Reduce {
    numpy_op_config!({ "axis": axis.axis_config(), "keepdims": keepdims }, w::tensor_arg(0));

    op_common!(class of kind);

    /// # Cost
    /// Over non-batch axes: 0 MACs; `mean` one FLOP per input element,
    /// `sum` one per input element less one per output element, `max`,
    /// `min` and `prod` 0 (TensorFlow's profiler's reductions). Unknown for
    /// a reduction over the batch axis (not per sample), and for `any` and
    /// `all` (not measured).
    fn cost(
        &self,
        inputs: &[Shape],
        outputs: &[Shape],
    ) -> Result<Option<crate::compute::Cost>, LayerError> {
        use crate::compute::{Cost, output_elements, sample_elements};
        let x = one_input(inputs)?;
        let rank = i64::try_from(x.rank()).map_err(|_| LayerError::overflow("rank"))?;
        let batch_axis = match &self.axis {
            None => true,
            Some(axes) => axes
                .iter()
                .any(|&a| a == 0 || Some(a) == rank.checked_neg()),
        };
        if batch_axis {
            return Ok(None);
        }
        let (Some(n), Some(out)) = (sample_elements(x)?, output_elements(outputs)?) else {
            return Ok(None);
        };
        Ok(match self.kind {
            ReduceKind::Mean => Some(Cost::elementwise(n)),
            ReduceKind::Sum => Some(Cost::elementwise(n.saturating_sub(out))),
            // The profiler counts no `Max`, `Min` or `Prod`.
            ReduceKind::Max | ReduceKind::Min | ReduceKind::Prod => Some(Cost::ZERO),
            ReduceKind::Any | ReduceKind::All => None,
        })
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let input = one_input(inputs)?;
        Ok(single(reduce_shape(
            input,
            self.axis.as_deref(),
            self.keepdims,
        )?))
    }
}

/// Keras's `reduce_shape`: `input` without the axes `axis` (all when
/// `None`), or with them set to 1 with `keepdims`.
pub(crate) fn reduce_shape(
    input: &Shape,
    axis: Option<&[i64]>,
    keepdims: bool,
) -> std::result::Result<Shape, LayerError> {
    let Some(axis) = axis else {
        let dims = if keepdims {
            vec![Dim::Known(1); input.rank()]
        } else {
            Vec::new()
        };
        return Ok(Shape::new(dims));
    };
    let mut reduced = vec![false; input.rank()];
    for &a in axis {
        let i = input
            .normalize_axis(a)
            .ok_or_else(|| LayerError::argument("axis", format!("{a} out of range for {input}")))?;
        if let Some(r) = reduced.get_mut(i) {
            *r = true;
        }
    }
    let dims = input
        .iter()
        .zip(&reduced)
        .filter_map(|(d, &r)| match (r, keepdims) {
            (false, _) => Some(d),
            (true, true) => Some(Dim::Known(1)),
            (true, false) => None,
        });
    Ok(dims.collect())
}

/// `keras.ops.mean(x, axis, keepdims)`: a [`Reduce`] node.
pub fn mean(x: &Tensor, axis: Option<&[i64]>, keepdims: bool) -> Result<Tensor> {
    reduce(ReduceKind::Mean, x, axis, keepdims)
}

/// `keras.ops.sum(x, axis, keepdims)`: a [`Reduce`] node.
pub fn sum(x: &Tensor, axis: Option<&[i64]>, keepdims: bool) -> Result<Tensor> {
    reduce(ReduceKind::Sum, x, axis, keepdims)
}

/// `keras.ops.max(x, axis, keepdims)`: a `Max` [`Reduce`] node.
///
/// ```
/// use kerasinfo::ops;
/// use kerasinfo::prelude::*;
/// let x = Input::new([4, 6]).tensor()?;
/// assert_eq!(ops::max(&x, Some(&[1, 2]), false)?.shape().to_string(), "(None)");
/// assert_eq!(ops::min(&x, Some(&[2]), true)?.shape().to_string(), "(None, 4, 1)");
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub fn max(x: &Tensor, axis: Option<&[i64]>, keepdims: bool) -> Result<Tensor> {
    reduce(ReduceKind::Max, x, axis, keepdims)
}

/// `keras.ops.min(x, axis, keepdims)`: a `Min` [`Reduce`] node.
pub fn min(x: &Tensor, axis: Option<&[i64]>, keepdims: bool) -> Result<Tensor> {
    reduce(ReduceKind::Min, x, axis, keepdims)
}

/// `keras.ops.any(x, axis=axis)`: an `Any` [`Reduce`] node over one axis
/// (the mask of Keras's `Masking` layer).
///
/// ```
/// use kerasinfo::ops;
/// use kerasinfo::prelude::*;
/// let x = Input::new([9, 3]).tensor()?;
/// let m = ops::any(&ops::not_equal(&x, 0.0)?, -1)?;
/// assert_eq!(m.shape().to_string(), "(None, 9)");
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub fn any(x: &Tensor, axis: i64) -> Result<Tensor> {
    reduce(ReduceKind::Any, x, Some(&[axis]), false)
}

/// `keras.ops.all(x, axis=axis)`: an `All` [`Reduce`] node over one axis.
pub fn all(x: &Tensor, axis: i64) -> Result<Tensor> {
    reduce(ReduceKind::All, x, Some(&[axis]), false)
}

fn reduce(kind: ReduceKind, x: &Tensor, axis: Option<&[i64]>, keepdims: bool) -> Result<Tensor> {
    Reduce::of(kind, axis.map(<[i64]>::to_vec), keepdims).call(x)
}
