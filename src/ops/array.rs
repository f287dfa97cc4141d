//! The `keras.ops` that combine or reshape tensors beyond element-wise
//! arithmetic: `matmul`, `stack`, `squeeze`, `where`, `one_hot` and
//! `norm`. Output shapes follow each operation's `compute_output_spec`
//! (`keras/src/ops/numpy.py`, `nn.py`, `linalg.py`).

#[cfg(feature = "keras-json")]
use super::AxisConfig;
use super::{Operand, broadcast_shapes};
use crate::error::{LayerError, Result};
use crate::layer::{InputsArg, Layer, LayerConfig, LayerExt, OutputShapes, one_input, single};
use crate::model::Tensor;
use crate::shape::{Dim, Shape};
use crate::weight::DType;

/// `axis` as an index into a rank-`rank` shape (negative counts from the
/// end), or an error naming it.
fn canonical_axis(axis: i64, rank: usize, shape: &Shape) -> Result<usize, LayerError> {
    crate::shape::axis_in_rank(axis, rank).ok_or_else(|| {
        LayerError::input(
            shape,
            format!("axis {axis} is out of bounds for a tensor of rank {rank}"),
        )
    })
}

keras_op! {
    /// `keras.ops.matmul(x1, x2)`: the operation `Matmul`.
    ///
    /// # Shapes
    /// Keras's `compute_matmul_output_shape`: `(..., n, k) @ (..., k, m)` is
    /// `(..., n, m)`, the leading axes broadcast; a 1-D operand is a row
    /// (left) or a column (right) whose axis is dropped. The inner dimensions
    /// must match where both are known. No weights.
    ///
    /// ```
    /// use kerasinfo::ops;
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([4, 6]).tensor()?;
    /// let w = Input::new([6, 3]).tensor()?;
    /// assert_eq!(ops::matmul(&x, &w)?.shape().to_string(), "(None, 4, 3)");
    /// assert!(ops::matmul(&x, &x).is_err());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub struct Matmul = "Matmul" {}
}

crate::layers::declare::default_is_new!(Matmul);

impl Matmul {
    /// A `Matmul` operation.
    pub fn new() -> Self {
        Self::of()
    }
}

impl Layer for Matmul {
    numpy_op_config!({}, w::tensor_arg(0), w::tensor_arg(1));

    fn inputs_arg(&self) -> InputsArg {
        InputsArg::Positional
    }

    op_common!(Self::CLASS_NAME);

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let [a, b] = inputs else {
            return Err(LayerError::InputCount {
                expected: "2".into(),
                received: inputs.len(),
            });
        };
        let incompatible = || LayerError::IncompatibleShapes(vec![a.clone(), b.clone()]);
        let (a1, b1) = (a.rank() == 1, b.rank() == 1);
        if a.rank() == 0 || b.rank() == 0 {
            return Err(incompatible());
        }
        // A 1-D operand as a row (left) or a column (right).
        let one = |is_1d: bool| is_1d.then_some(Dim::Known(1));
        let a2: Vec<Dim> = one(a1).into_iter().chain(a.iter()).collect();
        let b2: Vec<Dim> = b.iter().chain(one(b1)).collect();
        let (Some((&k1, a_lead)), Some((&m, b_rest))) = (a2.split_last(), b2.split_last()) else {
            return Err(incompatible());
        };
        let (Some((&n, a_lead)), Some((&k2, b_lead))) = (a_lead.split_last(), b_rest.split_last())
        else {
            return Err(incompatible());
        };
        if let (Dim::Known(x), Dim::Known(y)) = (k1, k2)
            && x != y
        {
            return Err(LayerError::Other(format!(
                "Inner dimensions (`x1.shape[-1]` and `x2.shape[-2]`) must be equal, but received `x1.shape={a}` and `x2.shape={b}`."
            )));
        }
        let lead = broadcast_shapes(&Shape::new(a_lead.to_vec()), &Shape::new(b_lead.to_vec()))?;
        let mut dims: Vec<Dim> = lead.iter().collect();
        if !a1 {
            dims.push(n);
        }
        if !b1 {
            dims.push(m);
        }
        Ok(single(Shape::new(dims)))
    }
}

/// `keras.ops.matmul(x1, x2)`: a [`Matmul`] node.
pub fn matmul(x1: &Tensor, x2: &Tensor) -> Result<Tensor> {
    Matmul::new().call([x1, x2])
}

keras_op! {
    /// `keras.ops.stack(x, axis=0)`: the operation `Stack`, called on a list.
    ///
    /// # Shapes
    /// Inputs of one shape (unknown dimensions match any); the output has a
    /// new axis of the number of inputs at `axis`. No weights.
    ///
    /// ```
    /// use kerasinfo::ops;
    /// use kerasinfo::prelude::*;
    /// let a = Input::new([4]).tensor()?;
    /// assert_eq!(ops::stack(&[&a, &a, &a], 1)?.shape().to_string(), "(None, 3, 4)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub struct Stack = "Stack" { axis: i64 }
}

impl Stack {
    /// A `Stack` along `axis`.
    pub fn new(axis: i64) -> Self {
        Self::of(axis)
    }

    /// The operation of a config node (the importer's reader).
    #[cfg(feature = "keras-json")]
    pub(crate) fn from_call(c: &super::read::OpCall<'_, '_>) -> Result<Box<dyn Layer>> {
        Ok(Box::new(Stack::new(c.cfg.int_or("axis", 0)?)))
    }
}

impl Layer for Stack {
    numpy_op_config!({ "axis": axis }, w::tensor_list_arg());

    fn inputs_arg(&self) -> InputsArg {
        InputsArg::List
    }

    op_common!(Self::CLASS_NAME);

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let Some(first) = inputs.first() else {
            return Err(LayerError::InputCount {
                expected: ">= 1".into(),
                received: 0,
            });
        };
        for s in inputs {
            let same = s.rank() == first.rank()
                && s.iter()
                    .zip(first.iter())
                    .all(|(a, b)| a == b || !a.is_known() || !b.is_known());
            if !same {
                return Err(LayerError::Other(format!(
                    "Every value in `x` must have the same shape. But found element of shape {s},  which is different from the first element's shape {first}."
                )));
            }
        }
        let axis = canonical_axis(self.axis, first.rank().saturating_add(1), first)?;
        let n = u64::try_from(inputs.len()).map_err(|_| LayerError::overflow("inputs"))?;
        let mut dims: Vec<Dim> = first.iter().collect();
        dims.insert(axis.min(dims.len()), Dim::Known(n));
        Ok(single(Shape::new(dims)))
    }
}

/// `keras.ops.stack(x, axis)`: a [`Stack`] node.
pub fn stack(xs: &[&Tensor], axis: i64) -> Result<Tensor> {
    Stack::new(axis).call(xs)
}

keras_op! {
    /// `keras.ops.squeeze(x, axis=None)`: the operation `Squeeze`.
    ///
    /// # Shapes
    /// Without `axis`, every axis of known size 1 removed; with `axis`, those
    /// axes, which must be of size 1. No weights.
    ///
    /// ```
    /// use kerasinfo::ops;
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([1, 6, 1]).tensor()?;
    /// assert_eq!(ops::squeeze(&x, Some(&[1]))?.shape().to_string(), "(None, 6, 1)");
    /// assert_eq!(ops::squeeze(&x, None)?.shape().to_string(), "(None, 6)");
    /// assert!(ops::squeeze(&x, Some(&[2])).is_err());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub struct Squeeze = "Squeeze" { axis: Option<Vec<i64>> }
}

impl Squeeze {
    /// A `Squeeze` of `axis` (`None`: every axis of size 1).
    pub fn new(axis: Option<&[i64]>) -> Self {
        Self::of(axis.map(<[i64]>::to_vec))
    }

    /// The operation of a config node (the importer's reader).
    #[cfg(feature = "keras-json")]
    pub(crate) fn from_call(c: &super::read::OpCall<'_, '_>) -> Result<Box<dyn Layer>> {
        Ok(Box::new(Squeeze::new(c.axes("axis")?.as_deref())))
    }
}

impl Layer for Squeeze {
    numpy_op_config!({ "axis": axis.axis_config() }, w::tensor_arg(0));

    op_common!(Self::CLASS_NAME);

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let Some(axis) = &self.axis else {
            return Ok(single(x.iter().filter(|d| *d != Dim::Known(1)).collect()));
        };
        let mut drop = Vec::with_capacity(axis.len());
        for &a in axis {
            let i = canonical_axis(a, x.rank(), x)?;
            if x.dims().get(i) != Some(&Dim::Known(1)) {
                return Err(LayerError::input(
                    x,
                    format!("Cannot squeeze axis {a}, because the dimension is not 1."),
                ));
            }
            drop.push(i);
        }
        let kept = x.iter().enumerate().filter(|(i, _)| !drop.contains(i));
        Ok(single(kept.map(|(_, d)| d).collect()))
    }
}

/// `keras.ops.squeeze(x, axis)`: a [`Squeeze`] node.
pub fn squeeze(x: &Tensor, axis: Option<&[i64]>) -> Result<Tensor> {
    Squeeze::new(axis).call(x)
}

keras_op! {
    /// `keras.ops.where(condition, x1, x2)`: the operation `Where`, whose
    /// `x1` and `x2` are tensors or constants.
    ///
    /// # Shapes
    /// The broadcast of the condition's shape with those of `x1` and `x2`
    /// (a constant counts as shape `()`). No weights.
    pub struct Where = "Where" { operands: [Operand; 2] }
}

impl Where {
    /// A `Where` with these `x1`, `x2` operands (the condition is always a
    /// tensor, the node's first input).
    pub fn new(operands: [Operand; 2]) -> Self {
        Self::of(operands)
    }

    /// The operation of a config node (the importer's reader).
    #[cfg(feature = "keras-json")]
    pub(crate) fn from_call(c: &super::read::OpCall<'_, '_>) -> Result<Box<dyn Layer>> {
        Ok(Box::new(Where::new(c.operands(1, ["x1", "x2"])?)))
    }
}

impl Layer for Where {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        // The condition is the node's first tensor.
        let args = [w::tensor_arg(0)]
            .into_iter()
            .chain(super::operand_args(1, &self.operands))
            .collect();
        Some(w::operation("keras.src.ops.numpy", w::obj([]), args))
    }

    fn inputs_arg(&self) -> InputsArg {
        InputsArg::Positional
    }

    op_common!(Self::CLASS_NAME);

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        // The condition is the node's first tensor.
        Ok(single(super::broadcast_operands(
            1,
            &self.operands,
            inputs,
        )?))
    }
}

/// `keras.ops.where(condition, x1, x2)`: a [`Where`] node; `x1` and `x2`
/// are tensors or numbers.
///
/// ```
/// use kerasinfo::ops;
/// use kerasinfo::prelude::*;
/// let x = Input::new([4, 6]).tensor()?;
/// let y = ops::r#where(&ops::greater(&x, 0.0)?, &x, 0.0)?;
/// assert_eq!(y.shape().to_string(), "(None, 4, 6)");
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub fn r#where<'a>(
    condition: &Tensor,
    x1: impl Into<super::Arg<'a>>,
    x2: impl Into<super::Arg<'a>>,
) -> Result<Tensor> {
    let mut tensors = vec![condition.clone()];
    let operands = super::operands([x1.into(), x2.into()], &mut tensors);
    Where::new(operands).call(tensors)
}

keras_op! {
    /// `keras.ops.one_hot(x, num_classes, axis=-1, dtype=None)`: the operation
    /// `OneHot` (module `keras.src.ops.nn`).
    ///
    /// # Shapes
    /// The input with `num_classes` appended (`axis=-1`) or inserted at
    /// `axis` (`0 <= axis < rank`; any other axis is Keras's error). No
    /// weights.
    ///
    /// ```
    /// use kerasinfo::ops;
    /// use kerasinfo::prelude::*;
    /// let c = Input::new([4]).dtype(kerasinfo::DType::Int32).tensor()?;
    /// assert_eq!(ops::one_hot(&c, 5)?.shape().to_string(), "(None, 4, 5)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub struct OneHot = "OneHot" { num_classes: u64, axis: i64, dtype: DType }
}

impl OneHot {
    /// A `OneHot` of `num_classes` classes on the last axis, `float32`.
    pub fn new(num_classes: u64) -> Self {
        Self::of(num_classes, -1, DType::Float32)
    }

    /// Keras's `axis=`. Defaults to -1.
    pub fn axis(mut self, axis: i64) -> Self {
        self.axis = axis;
        self
    }

    /// Keras's `dtype=`. Defaults to `float32`.
    pub fn output_dtype(mut self, dtype: DType) -> Self {
        self.dtype = dtype;
        self
    }

    /// The operation of a config node (the importer's reader).
    #[cfg(feature = "keras-json")]
    pub(crate) fn from_call(c: &super::read::OpCall<'_, '_>) -> Result<Box<dyn Layer>> {
        let classes = c.cfg.int_or("num_classes", -1)?;
        let classes = u64::try_from(classes).map_err(|_| {
            c.cfg
                .error("num_classes", format!("expected a count, found {classes}"))
        })?;
        let axis = c.cfg.int_or("axis", -1)?;
        let dtype = c.dtype()?.unwrap_or(DType::Float32);
        Ok(Box::new(OneHot::of(classes, axis, dtype)))
    }
}

impl Layer for OneHot {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::operation(
            "keras.src.ops.nn",
            w::obj([
                ("num_classes", json!(self.num_classes)),
                ("axis", json!(self.axis)),
                ("dtype", json!(self.dtype.name())),
                ("sparse", json!(false)),
            ]),
            vec![w::tensor_arg(0)],
        ))
    }

    op_common!(Self::CLASS_NAME);

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let mut dims: Vec<Dim> = x.iter().collect();
        let classes = Dim::Known(self.num_classes);
        match usize::try_from(self.axis) {
            _ if self.axis == -1 => dims.push(classes),
            Ok(a) if a < dims.len() => dims.insert(a, classes),
            _ => {
                return Err(LayerError::argument(
                    "axis",
                    format!(
                        "axis must be -1 or between [0, {}), but received {}.",
                        x.rank(),
                        self.axis
                    ),
                ));
            }
        }
        Ok(single(Shape::new(dims)))
    }
}

/// `keras.ops.one_hot(x, num_classes)`: a [`OneHot`] node.
pub fn one_hot(x: &Tensor, num_classes: u64) -> Result<Tensor> {
    OneHot::new(num_classes).call(x)
}

/// The `ord=` of [`Norm`]: Keras's `None`, a number, or `"fro"`/`"nuc"`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NormOrd {
    /// `ord=None`: the 2-norm of a vector, Frobenius of a matrix.
    Default,
    /// A number (`1`, `2`, `inf` as `f64::INFINITY`, …).
    Number(f64),
    /// `"fro"` (a matrix norm).
    Fro,
    /// `"nuc"` (a matrix norm).
    Nuc,
}

keras_op! {
    /// `keras.ops.norm(x, ord=None, axis=None, keepdims=False)`: the operation
    /// `Norm` (module `keras.src.ops.linalg`).
    ///
    /// # Shapes
    /// Keras's `reduce_shape` over `axis` (all axes when `None`). A string
    /// `ord` needs two axes; a matrix norm takes `None`, `"fro"`, `"nuc"`,
    /// ±1, ±2 or ±inf (Keras's errors otherwise). No weights.
    ///
    /// ```
    /// use kerasinfo::ops;
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([4, 6]).tensor()?;
    /// assert_eq!(ops::norm(&x, Some(&[-1]), false)?.shape().to_string(), "(None, 4)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub struct Norm = "Norm" { ord: NormOrd, axis: Option<Vec<i64>>, keepdims: bool }
}

impl Norm {
    /// A `Norm` over `axis` (`None`: all axes).
    pub fn new(axis: Option<&[i64]>) -> Self {
        Self::of(NormOrd::Default, axis.map(<[i64]>::to_vec), false)
    }

    /// Keras's `ord=`. Defaults to `None` ([`NormOrd::Default`]).
    pub fn ord(mut self, ord: NormOrd) -> Self {
        self.ord = ord;
        self
    }

    /// Keras's `keepdims=`. Defaults to `false`.
    pub fn keepdims(mut self, keepdims: bool) -> Self {
        self.keepdims = keepdims;
        self
    }

    /// The operation of a config node (the importer's reader).
    #[cfg(feature = "keras-json")]
    pub(crate) fn from_call(c: &super::read::OpCall<'_, '_>) -> Result<Box<dyn Layer>> {
        let ord = match c.str_or_number("ord") {
            None => NormOrd::Default,
            Some((Some("fro"), _)) => NormOrd::Fro,
            Some((Some("nuc"), _)) => NormOrd::Nuc,
            Some((_, Some(n))) => NormOrd::Number(n),
            Some(_) => return Err(c.cfg.error("ord", "expected a number, \"fro\" or \"nuc\"")),
        };
        Ok(Box::new(
            Norm::new(c.axes("axis")?.as_deref())
                .ord(ord)
                .keepdims(c.cfg.bool_or("keepdims", false)?),
        ))
    }
}

impl Layer for Norm {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let ord = match self.ord {
            NormOrd::Default => serde_json::Value::Null,
            NormOrd::Number(n) => json!(n),
            NormOrd::Fro => json!("fro"),
            NormOrd::Nuc => json!("nuc"),
        };
        Some(w::operation(
            "keras.src.ops.linalg",
            w::obj([
                ("ord", ord),
                ("axis", self.axis.axis_config()),
                ("keepdims", json!(self.keepdims)),
            ]),
            vec![w::tensor_arg(0)],
        ))
    }

    op_common!(Self::CLASS_NAME);

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let axes = self.axis.as_ref().map_or(x.rank(), Vec::len);
        let valid = match (axes, self.ord) {
            (1, NormOrd::Fro | NormOrd::Nuc) => false,
            (2, NormOrd::Number(n)) => n.is_infinite() || [1.0, -1.0, 2.0, -2.0].contains(&n),
            _ => true,
        };
        if !valid {
            let kind = if axes == 1 { "vector" } else { "matrix" };
            return Err(LayerError::argument(
                "ord",
                format!(
                    "Invalid `ord` argument for {kind} norm. Received: ord={:?}",
                    self.ord
                ),
            ));
        }
        Ok(single(super::reduce_shape(
            x,
            self.axis.as_deref(),
            self.keepdims,
        )?))
    }
}

/// `keras.ops.norm(x, axis=axis, keepdims=keepdims)`: a [`Norm`] node.
pub fn norm(x: &Tensor, axis: Option<&[i64]>, keepdims: bool) -> Result<Tensor> {
    Norm::new(axis).keepdims(keepdims).call(x)
}
