//! Element-wise binary operations (`Add`, `Multiply`, …, comparisons).

use super::{Arg, Operand, broadcast_operands};
use crate::error::{LayerError, Result};
use crate::layer::{Layer, LayerConfig, LayerExt, OutputShapes, single};
use crate::model::Tensor;
use crate::shape::Shape;

op_kinds! {
    /// The element-wise binary operations of `keras.ops` (class names as Keras
    /// prints them).
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
}

impl BinaryKind {
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
}

keras_op! {
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
    /// let x = Input::new([3, 1]).tensor()?;
    /// let y = Input::new([5]).tensor()?;
    /// let op = Binary::new(BinaryKind::Add, [Operand::Tensor, Operand::Tensor]);
    /// assert_eq!(op.call([&x, &y])?.shape().to_string(), "(None, 3, 5)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub struct Binary { kind: BinaryKind, operands: [Operand; 2] }
}

impl Binary {
    /// The operation `kind` of two operands.
    pub fn new(kind: BinaryKind, operands: [Operand; 2]) -> Self {
        Self::of(kind, operands)
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

    /// The operation of a config node (the importer's reader).
    #[cfg(feature = "keras-json")]
    pub(super) fn from_call(c: &super::read::OpCall<'_, '_>) -> Result<Box<dyn Layer>> {
        let kind = BinaryKind::from_class_name(c.class).ok_or_else(|| c.unknown())?;
        Ok(Box::new(Binary::new(kind, c.operands(0, ["x1", "x2"])?)))
    }
}

impl Layer for Binary {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        // The tensors are the call's inputs in order: the k-th tensor
        // operand is input k (two operands at most).
        let args = super::operand_args(0, &self.operands).collect();
        Some(w::operation("keras.src.ops.numpy", w::obj([]), args))
    }

    op_common!(class of kind);

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
        use BinaryKind::*;
        match self.kind {
            Add | Subtract | Multiply | Divide | TrueDivide | Power | Maximum | Minimum => {
                crate::compute::per_output_element(outputs, 1)
            }
            FloorDivide | Mod => Ok(Some(crate::compute::Cost::ZERO)),
            _ => Ok(None),
        }
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        Ok(single(broadcast_operands(0, &self.operands, inputs)?))
    }
}

fn binary(kind: BinaryKind, x1: Arg<'_>, x2: Arg<'_>) -> Result<Tensor> {
    let mut tensors = Vec::new();
    let ops = super::operands([x1, x2], &mut tensors);
    Binary::new(kind, ops).call(tensors)
}

/// The `keras.ops` functions of the binary kinds: `name => Kind`, each
/// with its rustdoc.
macro_rules! binary_fns {
    ($($(#[$doc:meta])* $name:ident => $kind:ident;)*) => {$(
        $(#[$doc])*
        pub fn $name<'a>(x1: impl Into<Arg<'a>>, x2: impl Into<Arg<'a>>) -> Result<Tensor> {
            binary(BinaryKind::$kind, x1.into(), x2.into())
        }
    )*};
}

binary_fns! {
    /// `keras.ops.add(x1, x2)` (`x1 + x2`): an [`Add`](BinaryKind::Add) node.
    add => Add;
    /// `keras.ops.subtract(x1, x2)` (`x1 - x2`).
    subtract => Subtract;
    /// `keras.ops.multiply(x1, x2)` (`x1 * x2`).
    multiply => Multiply;
    /// `keras.ops.divide(x1, x2)`.
    divide => Divide;
    /// `keras.ops.true_divide(x1, x2)` (`x1 / x2`).
    true_divide => TrueDivide;
    /// `keras.ops.floor_divide(x1, x2)` (`x1 // x2`).
    floor_divide => FloorDivide;
    /// `keras.ops.mod(x1, x2)` (`x1 % x2`).
    modulo => Mod;
    /// `keras.ops.power(x1, x2)` (`x1 ** x2`).
    power => Power;
    /// `keras.ops.maximum(x1, x2)`.
    maximum => Maximum;
    /// `keras.ops.minimum(x1, x2)`.
    minimum => Minimum;
    /// `keras.ops.equal(x1, x2)` (`x1 == x2`).
    equal => Equal;
    /// `keras.ops.not_equal(x1, x2)` (`x1 != x2`).
    ///
    /// ```
    /// use kerasinfo::ops;
    /// use kerasinfo::prelude::*;
    /// kerasinfo::naming::clear_session();
    /// let x = Input::new([12]).tensor()?;
    /// let m = ops::not_equal(&x, 0)?;
    /// assert_eq!(m.shape().to_string(), "(None, 12)");
    /// assert_eq!(m.layer().name(), "not_equal");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    not_equal => NotEqual;
    /// `keras.ops.logical_and(x1, x2)`.
    logical_and => LogicalAnd;
    /// `keras.ops.logical_or(x1, x2)`.
    logical_or => LogicalOr;
    /// `keras.ops.greater(x1, x2)` (`x1 > x2`).
    greater => Greater;
    /// `keras.ops.greater_equal(x1, x2)` (`x1 >= x2`).
    greater_equal => GreaterEqual;
    /// `keras.ops.less(x1, x2)` (`x1 < x2`).
    less => Less;
    /// `keras.ops.less_equal(x1, x2)` (`x1 <= x2`).
    less_equal => LessEqual;
}
