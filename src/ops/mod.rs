//! Keras 3 operations applied to symbolic tensors (`x + 1.0`,
//! `keras.ops.reshape(x, ...)`): in a Functional model each call becomes a
//! node of an operation (module `keras.src.ops.numpy` in the config), shown
//! in the summary as `add (Add)` with no weights.
//!
//! Each operation type implements [`Layer`](crate::Layer), so it joins the graph like a
//! layer; the functions ([`add`], [`multiply`], [`reshape`], …) mirror
//! `keras.ops.*` and apply one to tensors. The output shapes follow each
//! operation's `compute_output_spec` in `keras/src/ops/numpy.py`.
//!
//! ```
//! use kerasinfo::ops;
//! use kerasinfo::prelude::*;
//! kerasinfo::naming::clear_session();
//! let x = Input::new([4, 8]).tensor()?;
//! let y = Input::new([8]).tensor()?;
//! let z = ops::multiply(&ops::add(&x, 1.0)?, &y)?;
//! assert_eq!(z.shape().to_string(), "(None, 4, 8)");
//! # Ok::<(), kerasinfo::Error>(())
//! ```

/// Implements the bookkeeping methods of an operation type (a struct with
/// a `config: LayerConfig` field), which is a Keras 3 operation node.
///
/// `op_common!(CLASS; moves data only)` also gives its cost: it moves data
/// only (0 MACs, 0 FLOPs). `op_common!(class of FIELD)`: a type serving
/// several Keras classes, named by its `FIELD`'s `class_name()`.
macro_rules! op_common {
    ($class:expr; moves data only) => {
        op_common!($class);

        /// # Cost
        /// Moves data only: 0 MACs, 0 FLOPs.
        fn cost(
            &self,
            _inputs: &[Shape],
            _outputs: &[Shape],
        ) -> Result<Option<crate::compute::Cost>, LayerError> {
            Ok(Some(crate::compute::Cost::ZERO))
        }
    };
    (class of $kind:ident) => {
        fn class_name(&self) -> &str {
            self.$kind.class_name()
        }
        op_common!(@bookkeeping);
    };
    ($class:expr) => {
        fn class_name(&self) -> &str {
            $class
        }
        op_common!(@bookkeeping);
    };
    (@bookkeeping) => {
        fn config(&self) -> &LayerConfig {
            &self.config
        }
        fn config_mut(&mut self) -> &mut LayerConfig {
            &mut self.config
        }
        fn is_operation(&self) -> bool {
            true
        }
    };
}

/// Declares an operation type: the struct, holding its `config` and its
/// fields, its Keras class name `CLASS_NAME` (for a type that serves one
/// class), `of`, the constructor that gives it its place in Keras's
/// automatic-naming order.
macro_rules! keras_op {
    (
        $(#[$meta:meta])*
        pub struct $name:ident $(= $class:literal)? { $($field:ident: $ty:ty),* $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        #[must_use]
        pub struct $name {
            config: LayerConfig,
            $($field: $ty,)*
        }

        impl $name {
            $(
                /// Keras's class name.
                pub(crate) const CLASS_NAME: &'static str = $class;
            )?

            /// The operation of these arguments, named in Keras's order.
            fn of($($field: $ty),*) -> Self {
                crate::layer::constructed($name {
                    config: LayerConfig::default(),
                    $($field,)*
                })
            }
        }
    };
}

/// Declares a fieldless enum of operation kinds whose Keras class names are
/// their variants' names, with `class_name`, `from_class_name` and `ALL`.
macro_rules! op_kinds {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident,)* }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            /// Keras's class name.
            #[must_use]
            pub fn class_name(self) -> &'static str {
                match self {
                    $($name::$variant => stringify!($variant),)*
                }
            }

            /// Every kind.
            pub(crate) const ALL: [$name; [$(stringify!($variant)),*].len()] =
                [$($name::$variant),*];

            /// The kind of a Keras class name.
            #[must_use]
            pub fn from_class_name(name: &str) -> Option<Self> {
                Self::ALL.into_iter().find(|k| k.class_name() == name)
            }
        }
    };
}

/// The `keras_config` of a `keras.src.ops.numpy` operation whose config
/// keys are its fields, as they are or as a method of theirs writes them
/// (`"axis": axis.axis_config()`), called with the `$arg` placeholders
/// (`w::tensor_arg(0)`, ...; `w` is the config writer).
macro_rules! numpy_op_config {
    ({ $($key:literal: $field:ident $(.$method:ident())?),* }, $($arg:expr),*) => {
        #[cfg(feature = "keras-json")]
        fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
            use crate::config::writer as w;
            let keys = w::obj([$(($key, serde_json::json!(self.$field $(.$method())?))),*]);
            Some(w::operation("keras.src.ops.numpy", keys, vec![$($arg),*]))
        }
    };
}

mod array;
mod binary;
mod concatenate;
mod expand_dims;
mod get_item;
mod like;
#[cfg(feature = "keras-json")]
pub(crate) mod read;
mod reduce;
mod reshape;
mod transpose;
mod unary;

pub use array::{
    Matmul, Norm, NormOrd, OneHot, Squeeze, Stack, Where, matmul, norm, one_hot, squeeze, stack,
    r#where,
};
pub use binary::*;
pub use concatenate::{ConcatenateOp, concatenate};
pub use expand_dims::{ExpandDims, expand_dims};
pub use get_item::{GetItem, Index, get_item};
pub use like::{ConvertToTensor, ZerosLike, convert_to_tensor, zeros_like};
pub use reduce::*;
pub use reshape::{ReshapeOp, reshape};
pub use transpose::{TransposeOp, transpose};
pub use unary::{
    Unary, UnaryOp, abs, cast, clip, exp, log, negative, ones_like, relu, sigmoid, sign, softmax,
    sqrt, square, tanh,
};

use crate::error::LayerError;
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
    for op in UnaryOp::ALL {
        r.add(op.class_name(), Unary::from_call);
    }
    r.add(ReshapeOp::CLASS_NAME, ReshapeOp::from_call);
    r.add(TransposeOp::CLASS_NAME, TransposeOp::from_call);
    r.add(ConcatenateOp::CLASS_NAME, ConcatenateOp::from_call);
    r.add(GetItem::CLASS_NAME, GetItem::from_call);
    r.add(ExpandDims::CLASS_NAME, ExpandDims::from_call);
    r.add(ZerosLike::CLASS_NAME, ZerosLike::from_call);
    r.add(ConvertToTensor::CLASS_NAME, ConvertToTensor::from_call);
    r.add(Matmul::CLASS_NAME, |_| Ok(Box::new(Matmul::new())));
    r.add(Stack::CLASS_NAME, Stack::from_call);
    r.add(Squeeze::CLASS_NAME, Squeeze::from_call);
    r.add(Where::CLASS_NAME, Where::from_call);
    r.add(OneHot::CLASS_NAME, OneHot::from_call);
    r.add(Norm::CLASS_NAME, Norm::from_call);
}

/// An `axis=` as Keras writes it: `null`, one axis as an int, or a list.
#[cfg(feature = "keras-json")]
trait AxisConfig {
    fn axis_config(&self) -> serde_json::Value;
}

#[cfg(feature = "keras-json")]
impl AxisConfig for [i64] {
    fn axis_config(&self) -> serde_json::Value {
        match self {
            [a] => serde_json::json!(a),
            many => serde_json::json!(many),
        }
    }
}

#[cfg(feature = "keras-json")]
impl AxisConfig for Option<Vec<i64>> {
    fn axis_config(&self) -> serde_json::Value {
        self.as_deref()
            .map_or(serde_json::Value::Null, <[i64]>::axis_config)
    }
}

/// The call arguments Keras writes for `operands`: a constant as itself,
/// each tensor as the placeholder of the node's next tensor, counted from
/// `first`.
#[cfg(feature = "keras-json")]
fn operand_args(first: usize, operands: &[Operand]) -> impl Iterator<Item = serde_json::Value> {
    let mut tensors = first..;
    operands.iter().map(move |o| match o {
        Operand::Tensor => crate::config::writer::tensor_arg(tensors.next().unwrap_or_default()),
        Operand::Constant(c) => serde_json::json!(c),
    })
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

/// The operands of `args`, each tensor pushed to `tensors` (the node's
/// inputs, in argument order).
fn operands<const N: usize>(args: [Arg<'_>; N], tensors: &mut Vec<Tensor>) -> [Operand; N] {
    args.map(|a| match a {
        Arg::Tensor(t) => {
            tensors.push(t.clone());
            Operand::Tensor
        }
        Arg::Constant(v) => Operand::Constant(v),
    })
}

/// The output shape of an element-wise operation on its `leading` tensor
/// inputs (`Where`'s condition) then `operands`, each tensor the node's
/// next input and each constant a scalar: their shapes broadcast, once the
/// number of inputs is checked.
fn broadcast_operands(
    leading: usize,
    operands: &[Operand],
    inputs: &[Shape],
) -> std::result::Result<Shape, LayerError> {
    let all = std::iter::repeat_n(&Operand::Tensor, leading).chain(operands);
    let tensors = all.clone().filter(|o| **o == Operand::Tensor).count();
    if inputs.len() != tensors || tensors == 0 {
        return Err(LayerError::InputCount {
            expected: tensors.to_string(),
            received: inputs.len(),
        });
    }
    let mut inputs = inputs.iter();
    let mut shapes = all.map(|o| match o {
        Operand::Tensor => inputs.next().cloned().unwrap_or_default(),
        Operand::Constant(_) => Shape::default(),
    });
    // Folded from the first operand's shape: broadcasting `()` first is a
    // call for nothing.
    let first = shapes.next().unwrap_or_default();
    shapes.try_fold(first, |shape, s| broadcast_shapes(&shape, &s))
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
