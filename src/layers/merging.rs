//! Merging layers: element-wise merges with Keras's broadcasting rules
//! (`Add`, `Subtract`, `Multiply`, `Average`, `Maximum`, `Minimum`),
//! `Concatenate` and `Dot`.

use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, LayerExt, OutputShapes, single};
use crate::model::Tensor;
use crate::shape::{Dim, Shape};

/// Keras's `Merge._compute_elemwise_op_output_shape` on two shapes without
/// their batch dimension.
fn elemwise(a: &[Dim], b: &[Dim]) -> Option<Vec<Dim>> {
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
        crate::layer::constructed(Add::default())
    }
}

impl Layer for Add {
    /// Called on a list of tensors.
    fn inputs_arg(&self) -> crate::layer::InputsArg {
        crate::layer::InputsArg::List
    }

    /// Keras's `supports_masking` (it computes a mask).
    fn supports_masking(&self) -> bool {
        true
    }

    /// Keras's `Merge.compute_mask`: when every input is masked, their
    /// `ops.logical_or`; none otherwise.
    fn compute_mask(
        &self,
        _inputs: &[Tensor],
        previous: &[Option<Tensor>],
    ) -> crate::Result<crate::Masks> {
        or_of_masks(previous)
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let _ = json!(null);
        Some(w::obj([]))
    }

    layer_common!("Add");

    /// # Cost
    /// 0 MACs; one FLOP per output element for each input after the first.
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        match outputs.first() {
            Some(o) => crate::compute::merge_cost(inputs.len(), o, 0),
            None => Ok(None),
        }
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        Ok(single(merge_shape(inputs)?))
    }
}

/// Keras's `Merge.compute_mask`: the `ops.logical_or` of the masks when
/// every input is masked, none otherwise.
fn or_of_masks(previous: &[Option<Tensor>]) -> crate::Result<crate::Masks> {
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
        crate::layer::constructed(Concatenate {
            config: LayerConfig::default(),
            axis: -1,
        })
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
    /// Called on a list of tensors.
    fn inputs_arg(&self) -> crate::layer::InputsArg {
        crate::layer::InputsArg::List
    }

    /// Keras's `supports_masking` (it computes a mask).
    fn supports_masking(&self) -> bool {
        true
    }

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
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([("axis", json!(self.axis))]))
    }

    layer_common!("Concatenate");

    /// # Cost
    /// A copy: 0 MACs, 0 FLOPs.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let Some((first, rest)) = inputs.split_first() else {
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
        for s in rest {
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

macro_rules! elementwise_merge {
    ($(#[$doc:meta])* $ty:ident, $class:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default)]
        #[must_use]
        pub struct $ty {
            config: LayerConfig,
        }

        impl $ty {
            #[doc = concat!("A `", $class, "` layer.")]
            pub fn new() -> Self {
                crate::layer::constructed($ty { config: LayerConfig::default() })
            }
        }

        impl Layer for $ty {

    /// Called on a list of tensors.
    fn inputs_arg(&self) -> crate::layer::InputsArg {
        crate::layer::InputsArg::List
    }

    /// Keras's `supports_masking` (it computes a mask).
    fn supports_masking(&self) -> bool {
        true
    }

    /// Keras's `Merge.compute_mask`: when every input is masked, their
    /// `ops.logical_or`; none otherwise.
    fn compute_mask(
        &self,
        _inputs: &[Tensor],
        previous: &[Option<Tensor>],
    ) -> crate::Result<crate::Masks> {
        or_of_masks(previous)
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let _ = json!(null);
        Some(w::obj([]))
    }

            layer_common!($class);

            /// # Cost
            /// 0 MACs; one FLOP per output element for each input after
            /// the first (`Average`: one more, the division).
            fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
                let extra = u64::from($class == "Average");
                match outputs.first() {
                    Some(o) => crate::compute::merge_cost(inputs.len(), o, extra),
                    None => Ok(None),
                }
            }

            fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
                Ok(single(merge_shape(inputs)?))
            }
        }
    };
}

elementwise_merge!(
    /// `keras.layers.Multiply()`: element-wise product of its inputs.
    ///
    /// # Shapes
    /// Inputs broadcast as in Keras (see [`merge_shape`]); output the
    /// broadcast shape. No weights.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// # fn main() -> kerasinfo::Result<()> {
    /// let a = Input::new([4, 1]).tensor()?;
    /// let b = Input::new([4, 8]).tensor()?;
    /// assert_eq!(Multiply::new().call([&a, &b])?.shape().to_string(), "(None, 4, 8)");
    /// # Ok(()) }
    /// ```
    Multiply,
    "Multiply"
);

elementwise_merge!(
    /// `keras.layers.Average()`: element-wise mean of its inputs.
    ///
    /// # Shapes
    /// Inputs broadcast as in Keras (see [`merge_shape`]); output the
    /// broadcast shape. No weights.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// # fn main() -> kerasinfo::Result<()> {
    /// let a = Input::new([8]).tensor()?;
    /// let b = Input::new([8]).tensor()?;
    /// let c = Input::new([8]).tensor()?;
    /// assert_eq!(Average::new().call([&a, &b, &c])?.shape().to_string(), "(None, 8)");
    /// # Ok(()) }
    /// ```
    Average,
    "Average"
);

elementwise_merge!(
    /// `keras.layers.Maximum()`: element-wise maximum of its inputs.
    ///
    /// # Shapes
    /// Inputs broadcast as in Keras (see [`merge_shape`]); output the
    /// broadcast shape. No weights.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// # fn main() -> kerasinfo::Result<()> {
    /// let a = Input::new([3, 5]).tensor()?;
    /// let b = Input::new([5]).tensor()?;
    /// assert_eq!(Maximum::new().call([&a, &b])?.shape().to_string(), "(None, 3, 5)");
    /// # Ok(()) }
    /// ```
    Maximum,
    "Maximum"
);

elementwise_merge!(
    /// `keras.layers.Minimum()`: element-wise minimum of its inputs.
    ///
    /// # Shapes
    /// Inputs broadcast as in Keras (see [`merge_shape`]); output the
    /// broadcast shape. No weights.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// # fn main() -> kerasinfo::Result<()> {
    /// let a = Input::new([5]).tensor()?;
    /// let b = Input::new([6]).tensor()?;
    /// assert!(Minimum::new().call([&a, &b]).is_err());
    /// # Ok(()) }
    /// ```
    Minimum,
    "Minimum"
);

/// `keras.layers.Subtract()`: the difference of exactly two inputs.
///
/// # Shapes
/// Two inputs that broadcast as in Keras (see [`merge_shape`]); output the
/// broadcast shape. Any other number of inputs is an error. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let a = Input::new([16]).tensor()?;
/// let b = Input::new([16]).tensor()?;
/// assert_eq!(Subtract::new().call([&a, &b])?.shape().to_string(), "(None, 16)");
/// assert!(Subtract::new().call([&a, &b, &a]).is_err());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct Subtract {
    config: LayerConfig,
}

impl Subtract {
    /// A `Subtract` layer.
    pub fn new() -> Self {
        crate::layer::constructed(Subtract::default())
    }
}

impl Layer for Subtract {
    /// Called on a list of tensors.
    fn inputs_arg(&self) -> crate::layer::InputsArg {
        crate::layer::InputsArg::List
    }

    /// Keras's `supports_masking` (it computes a mask).
    fn supports_masking(&self) -> bool {
        true
    }

    /// Keras's `Merge.compute_mask`: when every input is masked, their
    /// `ops.logical_or`; none otherwise.
    fn compute_mask(
        &self,
        _inputs: &[Tensor],
        previous: &[Option<Tensor>],
    ) -> crate::Result<crate::Masks> {
        or_of_masks(previous)
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let _ = json!(null);
        Some(w::obj([]))
    }

    layer_common!("Subtract");

    /// # Cost
    /// 0 MACs; one FLOP per output element.
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        match outputs.first() {
            Some(o) => crate::compute::merge_cost(inputs.len(), o, 0),
            None => Ok(None),
        }
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let out = merge_shape(inputs)?;
        if inputs.len() != 2 {
            return Err(LayerError::InputCount {
                expected: "exactly 2".into(),
                received: inputs.len(),
            });
        }
        Ok(single(out))
    }
}

/// The `axes=` of a [`Dot`] layer: one axis for both inputs, or one per
/// input.
///
/// ```
/// use kerasinfo::layers::merging::DotAxes;
/// assert_eq!(DotAxes::from(-1), DotAxes::Same(-1));
/// assert_eq!(DotAxes::from((1, 2)), DotAxes::Pair(1, 2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DotAxes {
    /// An int: the same axis of both inputs (a negative one counts from
    /// the end, modulo the rank, as Keras does).
    Same(i64),
    /// A pair: the axis of the first input and the axis of the second
    /// (Python indexing: negative counts from the end).
    Pair(i64, i64),
}

impl From<i64> for DotAxes {
    fn from(a: i64) -> Self {
        DotAxes::Same(a)
    }
}

impl From<i32> for DotAxes {
    fn from(a: i32) -> Self {
        DotAxes::Same(i64::from(a))
    }
}

impl From<(i64, i64)> for DotAxes {
    fn from((a, b): (i64, i64)) -> Self {
        DotAxes::Pair(a, b)
    }
}

impl From<(i32, i32)> for DotAxes {
    fn from((a, b): (i32, i32)) -> Self {
        DotAxes::Pair(i64::from(a), i64::from(b))
    }
}

impl From<[i64; 2]> for DotAxes {
    fn from([a, b]: [i64; 2]) -> Self {
        DotAxes::Pair(a, b)
    }
}

/// `keras.layers.Dot(axes, normalize=False)`: the dot product of two
/// inputs along the given axes, sample by sample.
///
/// # Shapes
/// Keras's `Dot.compute_output_shape`: the first input's shape without its
/// `axes[0]`, followed by the second's without its `axes[1]` and its batch
/// dimension; a single remaining dimension gets a trailing 1. The two
/// selected axes must have the same size (`None` only matches `None`).
/// Exactly two inputs. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let a = Input::new([5, 2]).tensor()?;
/// let b = Input::new([2, 5]).tensor()?;
/// assert_eq!(Dot::new((1, 2)).call([&a, &b])?.shape().to_string(), "(None, 2, 2)");
/// let u = Input::new([8]).tensor()?;
/// let v = Input::new([8]).tensor()?;
/// assert_eq!(Dot::new(1).normalize(true).call([&u, &v])?.shape().to_string(), "(None, 1)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Dot {
    config: LayerConfig,
    axes: DotAxes,
    normalize: bool,
}

impl Dot {
    /// A `Dot` layer over `axes`.
    pub fn new(axes: impl Into<DotAxes>) -> Self {
        crate::layer::constructed(Dot {
            config: LayerConfig::default(),
            axes: axes.into(),
            normalize: false,
        })
    }

    /// Keras's `normalize=`: L2-normalize both inputs along the dot axes
    /// first (cosine proximity); does not change the shape. Defaults to
    /// `false`.
    pub fn normalize(mut self, normalize: bool) -> Self {
        self.normalize = normalize;
        self
    }
}

/// Python's `list[axis]` index for a list of length `len`.
fn py_index(axis: i64, len: usize, shape: &Shape) -> Result<usize, LayerError> {
    let n = i64::try_from(len).map_err(|_| LayerError::overflow("rank"))?;
    // `axis < 0` and `n >= 0`: the sum cannot overflow; `None` is out of range.
    let a = if axis < 0 {
        axis.checked_add(n)
    } else {
        Some(axis)
    };
    if let Some(a) = a.filter(|a| (0..n).contains(a)) {
        usize::try_from(a).map_err(|_| LayerError::overflow("axis"))
    } else {
        Err(LayerError::input(
            shape,
            format!("axis {axis} is out of range for rank {len}"),
        ))
    }
}

impl Layer for Dot {
    /// Called on `[a, b]`.
    fn inputs_arg(&self) -> crate::layer::InputsArg {
        crate::layer::InputsArg::List
    }

    /// Keras's `supports_masking` (its `compute_mask` returns none).
    fn supports_masking(&self) -> bool {
        true
    }

    /// None, as Keras's `Dot.compute_mask`.
    fn compute_mask(
        &self,
        _inputs: &[Tensor],
        _previous: &[Option<Tensor>],
    ) -> crate::Result<crate::Masks> {
        Ok(crate::Masks::new())
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let axes = match self.axes {
            DotAxes::Same(a) => json!(a),
            DotAxes::Pair(a, b) => json!([a, b]),
        };
        Some(w::obj([
            ("axes", axes),
            ("normalize", json!(self.normalize)),
        ]))
    }

    layer_common!("Dot");

    /// # Cost
    /// Output elements × the contracted size MACs, `2·MACs` FLOPs (a
    /// batched matrix product). The contracted size `k` is found from
    /// the element counts: `|x|·|y| = |out|·k²`. With `normalize=True`,
    /// each input's L2 normalization adds `3·n + 2·n/k` FLOPs for its `n`
    /// elements (as for `UnitNormalization`).
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        use crate::compute::sample_elements;
        use crate::weight::{checked_add, checked_mul};
        let [x, y] = inputs else {
            return Ok(None);
        };
        let (Some(ex), Some(ey), Some(out)) = (
            sample_elements(x)?,
            sample_elements(y)?,
            crate::compute::output_elements(outputs)?,
        ) else {
            return Ok(None);
        };
        let Some(k2) = u128::from(ex)
            .checked_mul(u128::from(ey))
            .and_then(|p| p.checked_div(u128::from(out)))
        else {
            return Ok(None);
        };
        let k = u64::try_from(k2.isqrt()).map_err(|_| LayerError::overflow("Dot contraction"))?;
        let exact = u128::from(k)
            .checked_mul(u128::from(k))
            .and_then(|k2| k2.checked_mul(u128::from(out)))
            == u128::from(ex).checked_mul(u128::from(ey));
        if !exact {
            return Ok(None);
        }
        let product = Cost::contraction(checked_mul(out, k)?)?;
        if !self.normalize {
            return Ok(Some(product));
        }
        let mut norm = 0u64;
        for n in [ex, ey] {
            let r = n.checked_div(k).unwrap_or(0);
            norm = checked_add(norm, checked_add(checked_mul(n, 3)?, checked_mul(r, 2)?)?)?;
        }
        Ok(Some(product.checked_add(Cost::elementwise(norm))?))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let [s1, s2] = inputs else {
            return Err(LayerError::InputCount {
                expected: "a list of 2".into(),
                received: inputs.len(),
            });
        };
        let (a1, a2) = match self.axes {
            DotAxes::Same(a) if a < 0 => {
                let r1 = i64::try_from(s1.rank()).map_err(|_| LayerError::overflow("rank"))?;
                let r2 = i64::try_from(s2.rank()).map_err(|_| LayerError::overflow("rank"))?;
                if r1 == 0 || r2 == 0 {
                    return Err(LayerError::rank(">= 1", if r1 == 0 { s1 } else { s2 }));
                }
                (a.rem_euclid(r1), a.rem_euclid(r2))
            }
            DotAxes::Same(a) => (a, a),
            DotAxes::Pair(a, b) => (a, b),
        };
        let i1 = py_index(a1, s1.rank(), s1)?;
        let i2 = py_index(a2, s2.rank(), s2)?;
        let (d1, d2) = (s1.dims().get(i1), s2.dims().get(i2));
        if d1 != d2 {
            return Err(LayerError::Other(format!(
                "incompatible input shapes: axis values {} (at axis {a1}) != {} (at axis {a2}), full input shapes: {s1}, {s2}",
                d1.copied().unwrap_or_default(),
                d2.copied().unwrap_or_default(),
            )));
        }
        // Each shape without its contracted axis; the second also without
        // its first remaining (batch) axis.
        let without = |s: &Shape, axis: usize| -> Vec<Dim> {
            s.iter()
                .enumerate()
                .filter(|&(i, _)| i != axis)
                .map(|(_, d)| d)
                .collect()
        };
        let mut out = without(s1, i1);
        let rest = without(s2, i2);
        let Some((_, rest)) = rest.split_first() else {
            return Err(LayerError::input(
                s2,
                "cannot take the dot product: no dimension left in the second input",
            ));
        };
        out.extend_from_slice(rest);
        if out.len() == 1 {
            out.push(Dim::Known(1));
        }
        Ok(single(Shape::new(out)))
    }
}

// ---------------------------------------------------------------------------
// Keras configs
// ---------------------------------------------------------------------------

/// Registers the merging classes with the config importer.
#[cfg(feature = "keras-json")]
pub(crate) fn register(r: &mut crate::config::Registry) {
    type Built = crate::Result<Box<dyn Layer>>;
    r.register("Add", |_| -> Built { Ok(Box::new(Add::new())) });
    r.register("Subtract", |_| -> Built { Ok(Box::new(Subtract::new())) });
    r.register("Multiply", |_| -> Built { Ok(Box::new(Multiply::new())) });
    r.register("Average", |_| -> Built { Ok(Box::new(Average::new())) });
    r.register("Maximum", |_| -> Built { Ok(Box::new(Maximum::new())) });
    r.register("Minimum", |_| -> Built { Ok(Box::new(Minimum::new())) });
    r.register("Concatenate", |c| -> Built {
        Ok(Box::new(Concatenate::new().axis(c.int_or("axis", -1)?)))
    });
    r.register("Dot", |c| -> Built {
        let axes = match c.get("axes") {
            None => return Err(c.error("axes", "missing required argument")),
            Some(v) if v.is_array() => {
                if v.as_array().map(Vec::len) != Some(2) {
                    return Err(c.error("axes", "expected an int or a list of 2 ints"));
                }
                let t = c.tuple::<2>("axes", crate::args::IntTuple([0; 2]))?;
                DotAxes::Pair(t.0[0], t.0[1])
            }
            Some(_) => DotAxes::Same(c.int("axes")?),
        };
        Ok(Box::new(
            Dot::new(axes).normalize(c.bool_or("normalize", false)?),
        ))
    });
}
