//! Keras 3 operations applied to symbolic tensors (`x + 1.0`,
//! `keras.ops.reshape(x, ...)`): in a Functional model each call becomes a
//! node of an operation (module `keras.src.ops.numpy` in the config), shown
//! in the summary as `add (Add)` with no weights.
//!
//! Each operation type implements [`Layer`], so it joins the graph like a
//! layer; the functions ([`add`], [`multiply`], [`reshape`], …) mirror
//! `keras.ops.*` and apply one to tensors. The output shapes follow each
//! operation's `compute_output_spec` in `keras/src/ops/numpy.py`.
//!
//! ```
//! use kerasinfo::ops;
//! use kerasinfo::prelude::*;
//! # fn main() -> kerasinfo::Result<()> {
//! kerasinfo::naming::clear_session();
//! let x = Input::new([4, 8]).tensor()?;
//! let y = Input::new([8]).tensor()?;
//! let z = ops::multiply(&ops::add(&x, 1.0)?, &y)?;
//! assert_eq!(z.shape().to_string(), "(None, 4, 8)");
//! # Ok(()) }
//! ```

mod array;
#[cfg(feature = "keras-json")]
pub(crate) mod read;
mod unary;

pub use array::{
    Matmul, Norm, NormOrd, OneHot, Squeeze, Stack, Where, matmul, norm, one_hot, squeeze, stack,
    r#where,
};

pub use unary::{
    Unary, UnaryOp, abs, cast, clip, exp, log, negative, ones_like, relu, sigmoid, sign, softmax,
    sqrt, square, tanh,
};

use crate::error::{LayerError, Result};
use crate::layer::{Layer, LayerConfig, LayerExt, OutputShapes, one_input, single};
use crate::model::Tensor;
use crate::shape::{Dim, Shape};

/// Registers the config reader of every operation under its Keras class
/// name(s), for the importer.
#[cfg(feature = "keras-json")]
pub(crate) fn register(r: &mut read::OpReaders) {
    for k in BinaryKind::ALL {
        r.add(k.class_name(), Binary::from_call);
    }
    for k in ReduceKind::ALL {
        r.add(k.class_name(), Reduce::from_call);
    }
    r.add(ReshapeOp::CLASS_NAME, ReshapeOp::from_call);
    r.add(TransposeOp::CLASS_NAME, TransposeOp::from_call);
    r.add(ConcatenateOp::CLASS_NAME, ConcatenateOp::from_call);
    r.add(GetItem::CLASS_NAME, GetItem::from_call);
    r.add(ExpandDims::CLASS_NAME, ExpandDims::from_call);
    r.add(ZerosLike::CLASS_NAME, ZerosLike::from_call);
    r.add(ConvertToTensor::CLASS_NAME, ConvertToTensor::from_call);
    unary::register(r);
    array::register(r);
}

macro_rules! op_common {
    ($class:expr) => {
        fn class_name(&self) -> &str {
            $class
        }
        fn config(&self) -> &LayerConfig {
            &self.config
        }
        fn config_mut(&mut self) -> &mut LayerConfig {
            &mut self.config
        }
    };
}

/// One argument of an element-wise operation: a tensor, or a constant
/// (Python number), which Keras treats as a scalar of shape `()`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Operand {
    /// The next tensor input of the node.
    Tensor,
    /// A constant, e.g. `1.0` in `x + 1.0`.
    Constant(f64),
}

/// An argument given to the operation functions ([`add`], …): a tensor or
/// a number.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    /// A symbolic tensor.
    Tensor(&'a Tensor),
    /// A constant.
    Constant(f64),
}

impl<'a> From<&'a Tensor> for Arg<'a> {
    fn from(t: &'a Tensor) -> Self {
        Arg::Tensor(t)
    }
}

impl From<f64> for Arg<'_> {
    fn from(v: f64) -> Self {
        Arg::Constant(v)
    }
}

impl From<i32> for Arg<'_> {
    fn from(v: i32) -> Self {
        Arg::Constant(f64::from(v))
    }
}

/// Keras's `broadcast_shapes` (`keras/src/ops/operation_utils.py`), with
/// its error when two dimensions cannot be broadcast.
///
/// ```
/// use kerasinfo::ops::broadcast_shapes;
/// use kerasinfo::{Dim, Shape};
/// let a = Shape::new([Dim::Unknown, Dim::Known(4), Dim::Known(1)]);
/// let b = Shape::new([Dim::Known(5)]);
/// assert_eq!(broadcast_shapes(&a, &b).unwrap().to_string(), "(None, 4, 5)");
/// assert!(broadcast_shapes(&a, &Shape::new([Dim::Known(3), Dim::Known(2)])).is_err());
/// ```
pub fn broadcast_shapes(a: &Shape, b: &Shape) -> std::result::Result<Shape, LayerError> {
    let rank = a.rank().max(b.rank());
    let pad = |s: &Shape| -> Vec<Dim> {
        // `rank` is the larger rank: the difference never saturates.
        let mut v = vec![Dim::Known(1); rank.saturating_sub(s.rank())];
        v.extend(s.iter());
        v
    };
    let (s1, s2) = (pad(a), pad(b));
    let mut out = Vec::with_capacity(rank);
    for (d1, d2) in s1.iter().zip(&s2) {
        out.push(match (*d1, *d2) {
            (Dim::Known(1), d) => d,
            (Dim::Unknown, Dim::Known(1)) => Dim::Unknown,
            (Dim::Unknown, d) => d,
            (d, Dim::Known(1) | Dim::Unknown) => d,
            (Dim::Known(x), Dim::Known(y)) if x == y => Dim::Known(x),
            _ => return Err(LayerError::IncompatibleShapes(vec![a.clone(), b.clone()])),
        });
    }
    Ok(Shape::new(out))
}

/// The element-wise binary operations of `keras.ops` (class names as Keras
/// prints them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryKind {
    /// `keras.ops.add`, `x + y`.
    Add,
    /// `keras.ops.subtract`, `x - y`.
    Subtract,
    /// `keras.ops.multiply`, `x * y`.
    Multiply,
    /// `keras.ops.divide`.
    Divide,
    /// `keras.ops.true_divide`, `x / y`.
    TrueDivide,
    /// `keras.ops.floor_divide`, `x // y`.
    FloorDivide,
    /// `keras.ops.mod`, `x % y`.
    Mod,
    /// `keras.ops.power`, `x ** y`.
    Power,
    /// `keras.ops.maximum`.
    Maximum,
    /// `keras.ops.minimum`.
    Minimum,
    /// `keras.ops.equal`, `x == y` (a boolean tensor).
    Equal,
    /// `keras.ops.not_equal`, `x != y` (a boolean tensor; Keras's
    /// `Embedding(mask_zero=True)` and `Masking` masks).
    NotEqual,
    /// `keras.ops.logical_and` (a boolean tensor; masks merged by
    /// `Multiply`-like layers).
    LogicalAnd,
    /// `keras.ops.logical_or` (a boolean tensor; masks merged by `Add` and
    /// `Concatenate`).
    LogicalOr,
    /// `keras.ops.greater`, `x > y` (a boolean tensor).
    Greater,
    /// `keras.ops.greater_equal`, `x >= y` (a boolean tensor).
    GreaterEqual,
    /// `keras.ops.less`, `x < y` (a boolean tensor).
    Less,
    /// `keras.ops.less_equal`, `x <= y` (a boolean tensor).
    LessEqual,
}

impl BinaryKind {
    /// Keras's class name.
    #[must_use]
    pub fn class_name(self) -> &'static str {
        match self {
            BinaryKind::Add => "Add",
            BinaryKind::Subtract => "Subtract",
            BinaryKind::Multiply => "Multiply",
            BinaryKind::Divide => "Divide",
            BinaryKind::TrueDivide => "TrueDivide",
            BinaryKind::FloorDivide => "FloorDivide",
            BinaryKind::Mod => "Mod",
            BinaryKind::Power => "Power",
            BinaryKind::Maximum => "Maximum",
            BinaryKind::Minimum => "Minimum",
            BinaryKind::Equal => "Equal",
            BinaryKind::NotEqual => "NotEqual",
            BinaryKind::LogicalAnd => "LogicalAnd",
            BinaryKind::LogicalOr => "LogicalOr",
            BinaryKind::Greater => "Greater",
            BinaryKind::GreaterEqual => "GreaterEqual",
            BinaryKind::Less => "Less",
            BinaryKind::LessEqual => "LessEqual",
        }
    }

    /// The TensorFlow functions of a tf.keras 2 `TFOpLambda` layer that
    /// apply this operation (`tf.math.add`, `x + y`).
    #[cfg_attr(not(feature = "keras-json"), allow(dead_code))]
    pub(crate) fn tf_functions(self) -> &'static [&'static str] {
        match self {
            BinaryKind::Add => &["__operators__.add", "math.add"],
            BinaryKind::Subtract => &["math.subtract", "__operators__.sub"],
            BinaryKind::Multiply => &["math.multiply", "__operators__.mul"],
            BinaryKind::TrueDivide => &["math.truediv", "__operators__.truediv"],
            BinaryKind::Divide => &["math.divide"],
            BinaryKind::Maximum => &["math.maximum"],
            BinaryKind::Minimum => &["math.minimum"],
            BinaryKind::Power => &["math.pow"],
            _ => &[],
        }
    }

    /// Every kind.
    pub(crate) const ALL: [BinaryKind; 18] = [
        BinaryKind::Add,
        BinaryKind::Subtract,
        BinaryKind::Multiply,
        BinaryKind::Divide,
        BinaryKind::TrueDivide,
        BinaryKind::FloorDivide,
        BinaryKind::Mod,
        BinaryKind::Power,
        BinaryKind::Maximum,
        BinaryKind::Minimum,
        BinaryKind::Equal,
        BinaryKind::NotEqual,
        BinaryKind::LogicalAnd,
        BinaryKind::LogicalOr,
        BinaryKind::Greater,
        BinaryKind::GreaterEqual,
        BinaryKind::Less,
        BinaryKind::LessEqual,
    ];

    /// The kind of a Keras class name.
    #[must_use]
    pub fn from_class_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.class_name() == name)
    }
}

/// An element-wise binary operation (`Add`, `Multiply`, `TrueDivide`, …)
/// of two operands, each a tensor or a constant.
///
/// # Shapes
/// The tensor inputs (one or two, in argument order), broadcast with
/// Keras's `broadcast_shapes` (a constant counts as shape `()`). No weights.
///
/// ```
/// use kerasinfo::ops::{Binary, BinaryKind, Operand};
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([3, 1]).tensor()?;
/// let y = Input::new([5]).tensor()?;
/// let op = Binary::new(BinaryKind::Add, [Operand::Tensor, Operand::Tensor]);
/// assert_eq!(op.call([&x, &y])?.shape().to_string(), "(None, 3, 5)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Binary {
    config: LayerConfig,
    kind: BinaryKind,
    operands: [Operand; 2],
}

impl Binary {
    /// The operation `kind` of two operands.
    pub fn new(kind: BinaryKind, operands: [Operand; 2]) -> Self {
        crate::layer::constructed(Binary {
            config: LayerConfig::default(),
            kind,
            operands,
        })
    }

    /// The operation's kind.
    #[must_use]
    pub fn kind(&self) -> BinaryKind {
        self.kind
    }

    /// The operands.
    #[must_use]
    pub fn operands(&self) -> [Operand; 2] {
        self.operands
    }
}

impl Binary {
    /// The operation of a config node (the importer's reader).
    #[cfg(feature = "keras-json")]
    fn from_call(c: &read::OpCall<'_, '_>) -> Result<Box<dyn Layer>> {
        let kind = BinaryKind::from_class_name(c.class).ok_or_else(|| c.unknown())?;
        Ok(Box::new(Binary::new(kind, c.operands(0, ["x1", "x2"])?)))
    }
}

impl Layer for Binary {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        // The tensors are the call's inputs in order: the k-th tensor
        // operand is input k (two operands at most).
        let mut tensors = 0..;
        let args = self
            .operands
            .iter()
            .map(|o| match o {
                Operand::Tensor => w::tensor_arg(tensors.next().unwrap_or_default()),
                Operand::Constant(c) => json!(c),
            })
            .collect();
        Some(w::operation("keras.src.ops.numpy", w::obj([]), args))
    }

    fn is_operation(&self) -> bool {
        true
    }

    fn class_name(&self) -> &str {
        self.kind.class_name()
    }
    fn config(&self) -> &LayerConfig {
        &self.config
    }
    fn config_mut(&mut self) -> &mut LayerConfig {
        &mut self.config
    }

    /// # Cost
    /// 0 MACs; one FLOP per output element for `add`, `subtract`,
    /// `multiply`, `divide`, `true_divide`, `power`, `maximum`, `minimum`
    /// (as TensorFlow's profiler counts them); 0 for `floor_divide` and
    /// `mod` (the profiler counts no `FloorDiv`/`FloorMod`); unknown for
    /// the comparisons and logical operations (not measured).
    fn cost(
        &self,
        _inputs: &[Shape],
        outputs: &[Shape],
    ) -> Result<Option<crate::compute::Cost>, LayerError> {
        if matches!(self.kind, BinaryKind::FloorDivide | BinaryKind::Mod) {
            return Ok(Some(crate::compute::Cost::ZERO));
        }
        if matches!(
            self.kind,
            BinaryKind::Equal
                | BinaryKind::NotEqual
                | BinaryKind::LogicalAnd
                | BinaryKind::LogicalOr
                | BinaryKind::Greater
                | BinaryKind::GreaterEqual
                | BinaryKind::Less
                | BinaryKind::LessEqual
        ) {
            return Ok(None);
        }
        match outputs.first() {
            Some(o) => crate::compute::per_element(o, 1),
            None => Ok(None),
        }
    }

    fn compute_output_shape(
        &self,
        inputs: &[Shape],
    ) -> std::result::Result<OutputShapes, LayerError> {
        let expected = self
            .operands
            .iter()
            .filter(|o| matches!(o, Operand::Tensor))
            .count();
        if inputs.len() != expected || expected == 0 {
            return Err(LayerError::InputCount {
                expected: expected.to_string(),
                received: inputs.len(),
            });
        }
        let mut tensors = inputs.iter();
        let mut shape = |o: &Operand| match o {
            Operand::Tensor => tensors.next().cloned().unwrap_or_default(),
            Operand::Constant(_) => Shape::default(),
        };
        let a = shape(&self.operands[0]);
        let b = shape(&self.operands[1]);
        Ok(single(broadcast_shapes(&a, &b)?))
    }
}

fn binary(kind: BinaryKind, x1: Arg<'_>, x2: Arg<'_>) -> Result<Tensor> {
    let mut tensors = Vec::new();
    let mut operand = |a: Arg<'_>| match a {
        Arg::Tensor(t) => {
            tensors.push(t.clone());
            Operand::Tensor
        }
        Arg::Constant(v) => Operand::Constant(v),
    };
    let ops = [operand(x1), operand(x2)];
    Binary::new(kind, ops).call(tensors)
}

macro_rules! binary_fn {
    ($(#[$doc:meta])* $name:ident, $kind:ident) => {
        $(#[$doc])*
        pub fn $name<'a>(x1: impl Into<Arg<'a>>, x2: impl Into<Arg<'a>>) -> Result<Tensor> {
            binary(BinaryKind::$kind, x1.into(), x2.into())
        }
    };
}

binary_fn!(
    /// `keras.ops.add(x1, x2)` (`x1 + x2`): an [`Add`](BinaryKind::Add) node.
    add,
    Add
);
binary_fn!(
    /// `keras.ops.subtract(x1, x2)` (`x1 - x2`).
    subtract,
    Subtract
);
binary_fn!(
    /// `keras.ops.multiply(x1, x2)` (`x1 * x2`).
    multiply,
    Multiply
);
binary_fn!(
    /// `keras.ops.divide(x1, x2)`.
    divide,
    Divide
);
binary_fn!(
    /// `keras.ops.true_divide(x1, x2)` (`x1 / x2`).
    true_divide,
    TrueDivide
);
binary_fn!(
    /// `keras.ops.floor_divide(x1, x2)` (`x1 // x2`).
    floor_divide,
    FloorDivide
);
binary_fn!(
    /// `keras.ops.mod(x1, x2)` (`x1 % x2`).
    modulo,
    Mod
);
binary_fn!(
    /// `keras.ops.power(x1, x2)` (`x1 ** x2`).
    power,
    Power
);
binary_fn!(
    /// `keras.ops.maximum(x1, x2)`.
    maximum,
    Maximum
);
binary_fn!(
    /// `keras.ops.minimum(x1, x2)`.
    minimum,
    Minimum
);
binary_fn!(
    /// `keras.ops.equal(x1, x2)` (`x1 == x2`).
    equal,
    Equal
);
binary_fn!(
    /// `keras.ops.not_equal(x1, x2)` (`x1 != x2`).
    ///
    /// ```
    /// use kerasinfo::ops;
    /// use kerasinfo::prelude::*;
    /// # fn main() -> kerasinfo::Result<()> {
    /// kerasinfo::naming::clear_session();
    /// let x = Input::new([12]).tensor()?;
    /// let m = ops::not_equal(&x, 0)?;
    /// assert_eq!(m.shape().to_string(), "(None, 12)");
    /// assert_eq!(m.layer().name(), "not_equal");
    /// # Ok(()) }
    /// ```
    not_equal,
    NotEqual
);
binary_fn!(
    /// `keras.ops.logical_and(x1, x2)`.
    logical_and,
    LogicalAnd
);
binary_fn!(
    /// `keras.ops.logical_or(x1, x2)`.
    logical_or,
    LogicalOr
);
binary_fn!(
    /// `keras.ops.greater(x1, x2)` (`x1 > x2`).
    greater,
    Greater
);
binary_fn!(
    /// `keras.ops.greater_equal(x1, x2)` (`x1 >= x2`).
    greater_equal,
    GreaterEqual
);
binary_fn!(
    /// `keras.ops.less(x1, x2)` (`x1 < x2`).
    less,
    Less
);
binary_fn!(
    /// `keras.ops.less_equal(x1, x2)` (`x1 <= x2`).
    less_equal,
    LessEqual
);

/// `keras.ops.reshape(x, newshape)`: the operation `Reshape`. Unlike the
/// `Reshape` layer, `newshape` includes the batch dimension.
///
/// # Shapes
/// `newshape` with its one `-1` inferred when every input dimension is
/// known (`None` otherwise); the total size must be unchanged. No weights.
///
/// ```
/// use kerasinfo::ops::ReshapeOp;
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([6, 4]).tensor()?;
/// assert_eq!(ReshapeOp::new([-1, 3, 8]).call(&x)?.shape().to_string(), "(None, 3, 8)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct ReshapeOp {
    config: LayerConfig,
    newshape: Vec<Option<i64>>,
}

impl ReshapeOp {
    /// The new shape (batch dimension included; `-1` for one inferred
    /// dimension).
    pub fn new(newshape: impl IntoIterator<Item = i64>) -> Self {
        Self::with_dims(newshape.into_iter().map(Some))
    }

    /// The new shape where `None` is a dynamic (unknown) dimension.
    pub fn with_dims(newshape: impl IntoIterator<Item = Option<i64>>) -> Self {
        crate::layer::constructed(ReshapeOp {
            config: LayerConfig::default(),
            newshape: newshape.into_iter().collect(),
        })
    }
}

impl ReshapeOp {
    /// Keras's class name.
    pub(crate) const CLASS_NAME: &'static str = "Reshape";

    /// The operation of a config node (the importer's reader).
    #[cfg(feature = "keras-json")]
    pub(crate) fn from_call(c: &read::OpCall<'_, '_>) -> Result<Box<dyn Layer>> {
        let dims = c
            .cfg
            .opt_dims("newshape")?
            .ok_or_else(|| c.cfg.error("newshape", "missing key `newshape`"))?;
        Ok(Box::new(ReshapeOp::with_dims(dims)))
    }
}

impl Layer for ReshapeOp {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::operation(
            "keras.src.ops.numpy",
            w::obj([("newshape", json!(self.newshape))]),
            vec![w::tensor_arg(0)],
        ))
    }

    fn is_operation(&self) -> bool {
        true
    }

    op_common!(Self::CLASS_NAME);

    /// # Cost
    /// Moves data only: 0 MACs, 0 FLOPs.
    fn cost(
        &self,
        _inputs: &[Shape],
        _outputs: &[Shape],
    ) -> Result<Option<crate::compute::Cost>, LayerError> {
        Ok(Some(crate::compute::Cost::ZERO))
    }

    fn compute_output_shape(
        &self,
        inputs: &[Shape],
    ) -> std::result::Result<OutputShapes, LayerError> {
        let input = one_input(inputs)?;
        let bad = |reason: &str| {
            LayerError::argument(
                "newshape",
                format!("{reason}, received newshape={:?}", self.newshape),
            )
        };
        if self.newshape.iter().flatten().any(|&d| d < -1)
            || self.newshape.iter().flatten().filter(|&&d| d == -1).count() > 1
        {
            return Err(bad(
                "each dimension must be a non-negative integer, or -1 for a single unknown dimension",
            ));
        }
        let dynamic = input.iter().any(|d| !d.is_known()) || self.newshape.contains(&None);
        let out_dim = |d: Option<i64>| match d.and_then(|d| u64::try_from(d).ok()) {
            Some(n) => Dim::Known(n),
            None => Dim::Unknown,
        };
        if dynamic {
            return Ok(single(self.newshape.iter().map(|&d| out_dim(d)).collect()));
        }
        let input_size = crate::weight::product(input.iter().filter_map(Dim::known))?;
        let known: Vec<u64> = self
            .newshape
            .iter()
            .flatten()
            .filter_map(|&d| u64::try_from(d).ok())
            .collect();
        let known_size = crate::weight::product(known)?;
        let has_unknown = self.newshape.contains(&Some(-1));
        if !has_unknown {
            if known_size != input_size {
                return Err(LayerError::input(
                    input,
                    format!(
                        "the total size of the tensor must be unchanged, received newshape={:?}",
                        self.newshape
                    ),
                ));
            }
            return Ok(single(self.newshape.iter().map(|&d| out_dim(d)).collect()));
        }
        // `known_size == 0` gives `None` for both, hence the error.
        let (Some(0), Some(inferred)) = (
            input_size.checked_rem(known_size),
            input_size.checked_div(known_size),
        ) else {
            return Err(LayerError::input(
                input,
                format!(
                    "the total size of the tensor must be unchanged, received newshape={:?}",
                    self.newshape
                ),
            ));
        };
        Ok(single(
            self.newshape
                .iter()
                .map(|&d| {
                    if d == Some(-1) {
                        Dim::Known(inferred)
                    } else {
                        out_dim(d)
                    }
                })
                .collect(),
        ))
    }
}

/// `keras.ops.reshape(x, newshape)`: a [`ReshapeOp`] node.
pub fn reshape(x: &Tensor, newshape: impl IntoIterator<Item = i64>) -> Result<Tensor> {
    ReshapeOp::new(newshape).call(x)
}

/// `keras.ops.transpose(x, axes=None)`: the operation `Transpose`.
///
/// # Shapes
/// The input's dimensions permuted by `axes` (batch included), reversed
/// when `axes` is `None`. No weights.
///
/// ```
/// use kerasinfo::ops::TransposeOp;
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([3, 8]).tensor()?;
/// let t = TransposeOp::new().axes([0, 2, 1]).call(&x)?;
/// assert_eq!(t.shape().to_string(), "(None, 8, 3)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct TransposeOp {
    config: LayerConfig,
    axes: Option<Vec<i64>>,
}

impl TransposeOp {
    /// A transpose that reverses the dimensions.
    pub fn new() -> Self {
        crate::layer::constructed(TransposeOp::default())
    }

    /// The permutation. Defaults to `None` (reverse the dimensions).
    pub fn axes(mut self, axes: impl IntoIterator<Item = i64>) -> Self {
        self.axes = Some(axes.into_iter().collect());
        self
    }
}

impl TransposeOp {
    /// Keras's class name.
    pub(crate) const CLASS_NAME: &'static str = "Transpose";

    /// The operation of a config node (the importer's reader).
    #[cfg(feature = "keras-json")]
    pub(crate) fn from_call(c: &read::OpCall<'_, '_>) -> Result<Box<dyn Layer>> {
        let t = TransposeOp::new();
        Ok(Box::new(match c.axes("axes")? {
            Some(a) => t.axes(a),
            None => t,
        }))
    }
}

impl Layer for TransposeOp {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::operation(
            "keras.src.ops.numpy",
            w::obj([("axes", json!(self.axes))]),
            vec![w::tensor_arg(0)],
        ))
    }

    fn is_operation(&self) -> bool {
        true
    }

    op_common!(Self::CLASS_NAME);

    /// # Cost
    /// Moves data only: 0 MACs, 0 FLOPs.
    fn cost(
        &self,
        _inputs: &[Shape],
        _outputs: &[Shape],
    ) -> Result<Option<crate::compute::Cost>, LayerError> {
        Ok(Some(crate::compute::Cost::ZERO))
    }

    fn compute_output_shape(
        &self,
        inputs: &[Shape],
    ) -> std::result::Result<OutputShapes, LayerError> {
        let input = one_input(inputs)?;
        let Some(axes) = &self.axes else {
            let mut dims: Vec<Dim> = input.iter().collect();
            dims.reverse();
            return Ok(single(Shape::new(dims)));
        };
        if axes.len() != input.rank() {
            return Err(LayerError::argument(
                "axes",
                format!(
                    "must be a list of the same length as the input shape, expected {}, received {}",
                    input.rank(),
                    axes.len()
                ),
            ));
        }
        let mut seen = vec![false; input.rank()];
        let mut dims = Vec::with_capacity(axes.len());
        for &a in axes {
            let i = input.normalize_axis(a).ok_or_else(|| {
                LayerError::argument("axes", format!("axis {a} out of range for {input}"))
            })?;
            if let Some(s) = seen.get_mut(i) {
                if *s {
                    return Err(LayerError::argument(
                        "axes",
                        "must be a valid permutation of the input dimensions",
                    ));
                }
                *s = true;
            }
            dims.push(input.dims().get(i).copied().unwrap_or_default());
        }
        Ok(single(Shape::new(dims)))
    }
}

/// `keras.ops.transpose(x, axes)`: a [`TransposeOp`] node (`axes` `None`
/// reverses the dimensions).
pub fn transpose(x: &Tensor, axes: Option<&[i64]>) -> Result<Tensor> {
    let op = TransposeOp::new();
    match axes {
        Some(a) => op.axes(a.iter().copied()).call(x),
        None => op.call(x),
    }
}

/// `keras.ops.concatenate(xs, axis=0)`: the operation `Concatenate`.
///
/// # Shapes
/// Inputs that match except along `axis` (batch included in the axis
/// count); the output sums them along `axis`. No weights.
///
/// ```
/// use kerasinfo::ops::ConcatenateOp;
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let a = Input::new([6, 4]).tensor()?;
/// let b = Input::new([6, 2]).tensor()?;
/// let c = ConcatenateOp::new(-1).call([&a, &b])?;
/// assert_eq!(c.shape().to_string(), "(None, 6, 6)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct ConcatenateOp {
    config: LayerConfig,
    axis: i64,
}

impl ConcatenateOp {
    /// Concatenation along `axis`.
    pub fn new(axis: i64) -> Self {
        crate::layer::constructed(ConcatenateOp {
            config: LayerConfig::default(),
            axis,
        })
    }
}

impl ConcatenateOp {
    /// Keras's class name.
    pub(crate) const CLASS_NAME: &'static str = "Concatenate";

    /// The operation of a config node (the importer's reader).
    #[cfg(feature = "keras-json")]
    pub(crate) fn from_call(c: &read::OpCall<'_, '_>) -> Result<Box<dyn Layer>> {
        Ok(Box::new(ConcatenateOp::new(c.cfg.int_or("axis", 0)?)))
    }
}

impl Layer for ConcatenateOp {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::operation(
            "keras.src.ops.numpy",
            w::obj([("axis", json!(self.axis))]),
            vec![w::tensor_list_arg()],
        ))
    }

    fn is_operation(&self) -> bool {
        true
    }

    op_common!(Self::CLASS_NAME);

    /// # Cost
    /// Moves data only: 0 MACs, 0 FLOPs.
    fn cost(
        &self,
        _inputs: &[Shape],
        _outputs: &[Shape],
    ) -> Result<Option<crate::compute::Cost>, LayerError> {
        Ok(Some(crate::compute::Cost::ZERO))
    }

    fn compute_output_shape(
        &self,
        inputs: &[Shape],
    ) -> std::result::Result<OutputShapes, LayerError> {
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

/// The reductions of `keras.ops` with `axis`/`keepdims`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

impl ReduceKind {
    /// Keras's class name.
    #[must_use]
    pub fn class_name(self) -> &'static str {
        match self {
            ReduceKind::Mean => "Mean",
            ReduceKind::Sum => "Sum",
            ReduceKind::Max => "Max",
            ReduceKind::Min => "Min",
            ReduceKind::Prod => "Prod",
            ReduceKind::Any => "Any",
            ReduceKind::All => "All",
        }
    }

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

    /// Every kind.
    pub(crate) const ALL: [ReduceKind; 7] = [
        ReduceKind::Mean,
        ReduceKind::Sum,
        ReduceKind::Max,
        ReduceKind::Min,
        ReduceKind::Prod,
        ReduceKind::Any,
        ReduceKind::All,
    ];

    /// The kind of a Keras class name.
    #[must_use]
    pub fn from_class_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.class_name() == name)
    }
}

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
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([6, 4, 3]).tensor()?;
/// let m = Reduce::new(ReduceKind::Mean).axis([1]).call(&x)?;
/// assert_eq!(m.shape().to_string(), "(None, 4, 3)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Reduce {
    config: LayerConfig,
    kind: ReduceKind,
    axis: Option<Vec<i64>>,
    keepdims: bool,
}

impl Reduce {
    /// A reduction over all axes.
    pub fn new(kind: ReduceKind) -> Self {
        crate::layer::constructed(Reduce {
            config: LayerConfig::default(),
            kind,
            axis: None,
            keepdims: false,
        })
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
}

impl Reduce {
    /// The operation of a config node (the importer's reader).
    #[cfg(feature = "keras-json")]
    fn from_call(c: &read::OpCall<'_, '_>) -> Result<Box<dyn Layer>> {
        let kind = ReduceKind::from_class_name(c.class).ok_or_else(|| c.unknown())?;
        let r = Reduce::new(kind).keepdims(c.cfg.bool_or("keepdims", false)?);
        Ok(Box::new(match c.axes("axis")? {
            Some(a) => r.axis(a),
            None => r,
        }))
    }
}

impl Layer for Reduce {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let axis = match self.axis.as_deref() {
            None => serde_json::Value::Null,
            Some([a]) => json!(a),
            Some(many) => json!(many),
        };
        Some(w::operation(
            "keras.src.ops.numpy",
            w::obj([("axis", axis), ("keepdims", json!(self.keepdims))]),
            vec![w::tensor_arg(0)],
        ))
    }

    fn is_operation(&self) -> bool {
        true
    }

    fn class_name(&self) -> &str {
        self.kind.class_name()
    }
    fn config(&self) -> &LayerConfig {
        &self.config
    }
    fn config_mut(&mut self) -> &mut LayerConfig {
        &mut self.config
    }

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

    fn compute_output_shape(
        &self,
        inputs: &[Shape],
    ) -> std::result::Result<OutputShapes, LayerError> {
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
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([4, 6]).tensor()?;
/// assert_eq!(ops::max(&x, Some(&[1, 2]), false)?.shape().to_string(), "(None)");
/// assert_eq!(ops::min(&x, Some(&[2]), true)?.shape().to_string(), "(None, 4, 1)");
/// # Ok(()) }
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
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([9, 3]).tensor()?;
/// let m = ops::any(&ops::not_equal(&x, 0.0)?, -1)?;
/// assert_eq!(m.shape().to_string(), "(None, 9)");
/// # Ok(()) }
/// ```
pub fn any(x: &Tensor, axis: i64) -> Result<Tensor> {
    reduce(ReduceKind::Any, x, Some(&[axis]), false)
}

/// `keras.ops.all(x, axis=axis)`: an `All` [`Reduce`] node over one axis.
pub fn all(x: &Tensor, axis: i64) -> Result<Tensor> {
    reduce(ReduceKind::All, x, Some(&[axis]), false)
}

fn reduce(kind: ReduceKind, x: &Tensor, axis: Option<&[i64]>, keepdims: bool) -> Result<Tensor> {
    let mut r = Reduce::new(kind).keepdims(keepdims);
    if let Some(a) = axis {
        r = r.axis(a.iter().copied());
    }
    r.call(x)
}

/// One element of a `GetItem` key (`x[:, 1:5:2, ..., None, 0]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Index {
    /// An integer index: the axis is removed.
    Int(i64),
    /// A slice `start:stop:step` (`None` for an omitted bound).
    Slice {
        /// The start (`None`: from the beginning, or the end for a negative step).
        start: Option<i64>,
        /// The stop (`None`: to the end, or the beginning for a negative step).
        stop: Option<i64>,
        /// The step (`None`: 1).
        step: Option<i64>,
    },
    /// `...`: as many full slices as needed.
    Ellipsis,
    /// `None` (`np.newaxis`): a new axis of size 1.
    NewAxis,
}

impl Index {
    /// The full slice `:`.
    #[must_use]
    pub fn full() -> Self {
        Index::Slice {
            start: None,
            stop: None,
            step: None,
        }
    }

    /// The slice `start:stop:step`.
    #[must_use]
    pub fn slice(start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> Self {
        Index::Slice { start, stop, step }
    }
}

/// The length of Python's `range(*slice(start, stop, step).indices(length))`.
fn slice_len(
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
    length: u64,
) -> Result<u64, LayerError> {
    let step = i128::from(step.unwrap_or(1));
    if step == 0 {
        return Err(LayerError::argument("key", "slice step cannot be zero"));
    }
    // The operands are i64 and u64 values, so every intermediate below is
    // within a few times 2^64 of zero, far inside i128: the saturating
    // operations never saturate.
    let len = i128::from(length);
    let (lower, upper) = if step < 0 {
        (-1, len.saturating_sub(1))
    } else {
        (0, len)
    };
    let bound = |v: Option<i64>, default: i128| match v {
        None => default,
        Some(v) => {
            let v = i128::from(v);
            if v < 0 {
                v.saturating_add(len).max(lower)
            } else {
                v.min(upper)
            }
        }
    };
    let start = bound(start, if step < 0 { upper } else { lower });
    let stop = bound(stop, if step < 0 { lower } else { upper });
    // Python's `(stop - start + step - 1) // step` for a positive step and
    // `(start - stop - step - 1) // -step` for a negative one.
    let span = if step > 0 {
        stop.saturating_sub(start)
    } else {
        start.saturating_sub(stop)
    };
    let n = span
        .saturating_add(step.abs())
        .saturating_sub(1)
        .div_euclid(step.abs());
    u64::try_from(n.max(0)).map_err(|_| LayerError::overflow("slice length"))
}

/// `x[key]` / `keras.ops.get_item(x, key)`: the operation `GetItem`.
///
/// # Shapes
/// Keras's `GetItem.compute_output_spec`: integer indices remove an axis
/// (checked against known sizes), slices keep it with Python's slice
/// length (unknown sizes stay `None`), `None` adds an axis of size 1,
/// and `...` (added at the end when absent) keeps the axes no other index
/// consumes. The batch axis counts. No weights.
///
/// ```
/// use kerasinfo::ops::{GetItem, Index};
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([6, 4, 3]).tensor()?;
/// let key = [Index::full(), Index::slice(Some(1), Some(5), Some(2)), Index::Ellipsis, Index::Int(0)];
/// assert_eq!(GetItem::new(key).call(&x)?.shape().to_string(), "(None, 2, 4)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct GetItem {
    config: LayerConfig,
    key: Vec<Index>,
}

impl GetItem {
    /// `x[key]` for a key of several elements (a tuple in Python; a single
    /// integer key is `[Index::Int(i)]`).
    pub fn new(key: impl IntoIterator<Item = Index>) -> Self {
        crate::layer::constructed(GetItem {
            config: LayerConfig::default(),
            key: key.into_iter().collect(),
        })
    }
}

impl GetItem {
    /// Keras's class name.
    pub(crate) const CLASS_NAME: &'static str = "GetItem";

    /// The operation of a config node (the importer's reader).
    #[cfg(feature = "keras-json")]
    pub(crate) fn from_call(c: &read::OpCall<'_, '_>) -> Result<Box<dyn Layer>> {
        Ok(Box::new(GetItem::new(c.index_key(1, "key")?)))
    }
}

impl Layer for GetItem {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::{Value, json};
        let index = |i: &Index| match *i {
            Index::Int(n) => json!(n),
            Index::Slice { start, stop, step } => json!({"class_name": "__slice__",
                "config": {"start": start, "stop": stop, "step": step}}),
            Index::Ellipsis => json!({"class_name": "__ellipsis__", "config": {}}),
            Index::NewAxis => Value::Null,
        };
        // A one-element key is Python's `x[k]`; a longer one is a tuple.
        let key = match self.key.as_slice() {
            [one] => index(one),
            many => Value::Array(many.iter().map(index).collect()),
        };
        Some(w::operation(
            "keras.src.ops.numpy",
            w::obj([]),
            vec![w::tensor_arg(0), key],
        ))
    }

    fn is_operation(&self) -> bool {
        true
    }

    op_common!(Self::CLASS_NAME);

    /// # Cost
    /// Moves data only: 0 MACs, 0 FLOPs.
    fn cost(
        &self,
        _inputs: &[Shape],
        _outputs: &[Shape],
    ) -> Result<Option<crate::compute::Cost>, LayerError> {
        Ok(Some(crate::compute::Cost::ZERO))
    }

    fn compute_output_shape(
        &self,
        inputs: &[Shape],
    ) -> std::result::Result<OutputShapes, LayerError> {
        let input = one_input(inputs)?;
        let mut key: Vec<Index> = self.key.clone();
        match key.iter().filter(|k| matches!(k, Index::Ellipsis)).count() {
            0 => key.push(Index::Ellipsis),
            1 => {}
            _ => {
                return Err(LayerError::argument(
                    "key",
                    "a slice should only have one ellipsis",
                ));
            }
        }
        let mut remaining: &[Dim] = input.dims();
        let mut out: Vec<Dim> = Vec::new();
        let mut keys: &[Index] = &key;
        while let Some((sub, after)) = keys.split_first() {
            keys = after;
            match *sub {
                Index::Ellipsis => {
                    let needed = after
                        .iter()
                        .filter(|k| !matches!(k, Index::NewAxis))
                        .count();
                    let consumed = remaining.len().checked_sub(needed).ok_or_else(|| {
                        LayerError::input(input, "the slice has too many indices")
                    })?;
                    let (kept, rest) = remaining.split_at(consumed);
                    out.extend_from_slice(kept);
                    remaining = rest;
                }
                Index::NewAxis => out.push(Dim::Known(1)),
                Index::Int(idx) => {
                    let Some((&length, rest)) = remaining.split_first() else {
                        return Err(LayerError::input(input, "the slice has too many indices"));
                    };
                    remaining = rest;
                    if let Dim::Known(n) = length {
                        // Python's `0 <= (idx if idx >= 0 else idx + n) < n`.
                        let in_range = match u64::try_from(idx) {
                            Ok(i) => i < n,
                            Err(_) => idx.unsigned_abs() <= n,
                        };
                        if !in_range {
                            return Err(LayerError::input(
                                input,
                                format!("out-of-bounds index {idx} was requested"),
                            ));
                        }
                    }
                }
                Index::Slice { start, stop, step } => {
                    let Some((&length, rest)) = remaining.split_first() else {
                        return Err(LayerError::input(input, "the slice has too many indices"));
                    };
                    remaining = rest;
                    out.push(match length {
                        Dim::Known(n) => Dim::Known(slice_len(start, stop, step, n)?),
                        Dim::Unknown => Dim::Unknown,
                    });
                }
            }
        }
        Ok(single(Shape::new(out)))
    }
}

/// `x[key]`: a [`GetItem`] node.
pub fn get_item(x: &Tensor, key: &[Index]) -> Result<Tensor> {
    GetItem::new(key.iter().copied()).call(x)
}

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
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([6]).tensor()?;
/// assert_eq!(ExpandDims::new([-1]).call(&x)?.shape().to_string(), "(None, 6, 1)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct ExpandDims {
    config: LayerConfig,
    axis: Vec<i64>,
}

impl ExpandDims {
    /// Size-1 dimensions inserted at `axis` (one or several axes).
    pub fn new(axis: impl IntoIterator<Item = i64>) -> Self {
        crate::layer::constructed(ExpandDims {
            config: LayerConfig::default(),
            axis: axis.into_iter().collect(),
        })
    }
}

impl ExpandDims {
    /// Keras's class name.
    pub(crate) const CLASS_NAME: &'static str = "ExpandDims";

    /// The operation of a config node (the importer's reader).
    #[cfg(feature = "keras-json")]
    pub(crate) fn from_call(c: &read::OpCall<'_, '_>) -> Result<Box<dyn Layer>> {
        let a = c
            .axes("axis")?
            .ok_or_else(|| c.cfg.error("axis", "missing key `axis`"))?;
        Ok(Box::new(ExpandDims::new(a)))
    }
}

impl Layer for ExpandDims {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let axis = match self.axis.as_slice() {
            [a] => json!(a),
            many => json!(many),
        };
        Some(w::operation(
            "keras.src.ops.numpy",
            w::obj([("axis", axis)]),
            vec![w::tensor_arg(0)],
        ))
    }

    fn is_operation(&self) -> bool {
        true
    }

    op_common!(Self::CLASS_NAME);

    fn compute_output_shape(
        &self,
        inputs: &[Shape],
    ) -> std::result::Result<OutputShapes, LayerError> {
        let input = one_input(inputs)?;
        let rank = input.rank().saturating_add(self.axis.len());
        let irank = i64::try_from(rank).map_err(|_| LayerError::overflow("rank"))?;
        let mut expanded = vec![false; rank];
        for &a in &self.axis {
            let out_of_range =
                || LayerError::argument("axis", format!("{a} out of range for {input}"));
            let i = if a < 0 { a.checked_add(irank) } else { Some(a) }
                .filter(|&i| i >= 0 && i < irank)
                .and_then(|i| usize::try_from(i).ok())
                .ok_or_else(out_of_range)?;
            match expanded.get_mut(i) {
                Some(e) if !*e => *e = true,
                _ => return Err(LayerError::argument("axis", format!("repeated axis {a}"))),
            }
        }
        let mut dims = input.iter();
        let out: Vec<Dim> = expanded
            .iter()
            .map(|&e| {
                if e {
                    Dim::Known(1)
                } else {
                    dims.next().unwrap_or(Dim::Known(1))
                }
            })
            .collect();
        Ok(single(Shape::new(out)))
    }
}

/// `keras.ops.expand_dims(x, axis)`: an [`ExpandDims`] node.
pub fn expand_dims(x: &Tensor, axis: i64) -> Result<Tensor> {
    ExpandDims::new([axis]).call(x)
}

/// `keras.ops.zeros_like(x, dtype)`: the operation `ZerosLike`, a tensor
/// of zeros of the input's shape (the `dtype` only changes its dtype).
///
/// # Shapes
/// The input's shape. No weights.
///
/// ```
/// use kerasinfo::ops::ZerosLike;
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([6, 5]).tensor()?;
/// assert_eq!(ZerosLike::new().call(&x)?.shape().to_string(), "(None, 6, 5)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct ZerosLike {
    config: LayerConfig,
    output_dtype: Option<crate::DType>,
}

impl ZerosLike {
    /// A `ZerosLike` operation.
    pub fn new() -> Self {
        crate::layer::constructed(ZerosLike::default())
    }

    /// The output's dtype (Keras's `dtype=`; `None`: the input's).
    /// Defaults to `None`. It does not change the summary.
    pub fn output_dtype(mut self, dtype: Option<crate::DType>) -> Self {
        self.output_dtype = dtype;
        self
    }
}

impl ZerosLike {
    /// Keras's class name.
    pub(crate) const CLASS_NAME: &'static str = "ZerosLike";

    /// The operation of a config node (the importer's reader).
    #[cfg(feature = "keras-json")]
    pub(crate) fn from_call(c: &read::OpCall<'_, '_>) -> Result<Box<dyn Layer>> {
        Ok(Box::new(ZerosLike::new().output_dtype(c.dtype()?)))
    }
}

impl Layer for ZerosLike {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let dtype = self.output_dtype.map(crate::DType::name);
        Some(w::operation(
            "keras.src.ops.numpy",
            w::obj([("dtype", json!(dtype))]),
            vec![w::tensor_arg(0)],
        ))
    }

    fn is_operation(&self) -> bool {
        true
    }

    op_common!(Self::CLASS_NAME);

    fn compute_output_shape(
        &self,
        inputs: &[Shape],
    ) -> std::result::Result<OutputShapes, LayerError> {
        Ok(single(one_input(inputs)?.clone()))
    }
}

/// `keras.ops.zeros_like(x)`: a [`ZerosLike`] node.
pub fn zeros_like(x: &Tensor) -> Result<Tensor> {
    ZerosLike::new().call(x)
}

/// `keras.ops.convert_to_tensor(x)`: the operation `ConvertToTensor`
/// (module `keras.src.ops.core`; the `Attention` layer's query mask).
///
/// # Shapes
/// The input's shape. No weights.
///
/// ```
/// use kerasinfo::ops::ConvertToTensor;
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([5]).tensor()?;
/// assert_eq!(ConvertToTensor::new().call(&x)?.shape().to_string(), "(None, 5)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct ConvertToTensor {
    config: LayerConfig,
    output_dtype: Option<crate::DType>,
}

impl ConvertToTensor {
    /// A `ConvertToTensor` operation.
    pub fn new() -> Self {
        crate::layer::constructed(ConvertToTensor::default())
    }

    /// The output's dtype (Keras's `dtype=`; `None`: the input's).
    /// Defaults to `None`. It does not change the summary.
    pub fn output_dtype(mut self, dtype: Option<crate::DType>) -> Self {
        self.output_dtype = dtype;
        self
    }
}

impl ConvertToTensor {
    /// Keras's class name.
    pub(crate) const CLASS_NAME: &'static str = "ConvertToTensor";

    /// The operation of a config node (the importer's reader).
    #[cfg(feature = "keras-json")]
    pub(crate) fn from_call(c: &read::OpCall<'_, '_>) -> Result<Box<dyn Layer>> {
        Ok(Box::new(ConvertToTensor::new().output_dtype(c.dtype()?)))
    }
}

impl Layer for ConvertToTensor {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let dtype = self.output_dtype.map(crate::DType::name);
        Some(w::operation(
            "keras.src.ops.core",
            w::obj([
                ("dtype", json!(dtype)),
                ("sparse", serde_json::Value::Null),
                ("ragged", serde_json::Value::Null),
            ]),
            vec![w::tensor_arg(0)],
        ))
    }

    fn is_operation(&self) -> bool {
        true
    }

    op_common!(Self::CLASS_NAME);

    fn compute_output_shape(
        &self,
        inputs: &[Shape],
    ) -> std::result::Result<OutputShapes, LayerError> {
        Ok(single(one_input(inputs)?.clone()))
    }
}

/// `keras.ops.convert_to_tensor(x)`: a [`ConvertToTensor`] node.
pub fn convert_to_tensor(x: &Tensor) -> Result<Tensor> {
    ConvertToTensor::new().call(x)
}
