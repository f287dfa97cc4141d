//! The element-wise unary operations of `keras.ops` (`abs`, `square`,
//! `sqrt`, `exp`, `log`, `negative`, `sign`, `tanh`, `relu`, `sigmoid`,
//! `softmax`, `cast`, `clip`, `ones_like`): one operation type, [`Unary`],
//! whose [`UnaryOp`] gives Keras's class, module and config keys. Each
//! keeps its input's shape.

use crate::error::{LayerError, Result};
use crate::layer::{Layer, LayerConfig, LayerExt, OutputShapes, one_input, single};
use crate::model::Tensor;
use crate::shape::Shape;
use crate::weight::DType;

/// One element-wise unary operation of `keras.ops`, with its arguments.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum UnaryOp {
    /// `keras.ops.abs(x)` (class `Absolute`).
    Absolute,
    /// `keras.ops.square(x)`.
    Square,
    /// `keras.ops.sqrt(x)`.
    Sqrt,
    /// `keras.ops.exp(x)`.
    Exp,
    /// `keras.ops.log(x)`.
    Log,
    /// `keras.ops.negative(x)` (`-x`).
    Negative,
    /// `keras.ops.sign(x)`.
    Sign,
    /// `keras.ops.tanh(x)`.
    Tanh,
    /// `keras.ops.relu(x)` (module `keras.src.ops.nn`).
    Relu,
    /// `keras.ops.sigmoid(x)` (module `keras.src.ops.nn`).
    Sigmoid,
    /// `keras.ops.softmax(x, axis=-1)` (module `keras.src.ops.nn`).
    Softmax {
        /// The axis the softmax normalizes.
        axis: i64,
    },
    /// `keras.ops.cast(x, dtype)` (module `keras.src.ops.core`).
    Cast {
        /// The output's dtype.
        dtype: DType,
    },
    /// `keras.ops.clip(x, x_min, x_max)`.
    Clip {
        /// The lower bound.
        x_min: f64,
        /// The upper bound.
        x_max: f64,
    },
    /// `keras.ops.ones_like(x, dtype=None)`.
    OnesLike {
        /// The output's dtype (`None`: the input's).
        dtype: Option<DType>,
    },
}

/// [`UnaryOp`]'s `class_name` (its variant's name) and `ALL`, from one
/// list of the operations, those with arguments at their defaults.
macro_rules! unary_ops {
    ($($variant:ident $({ $($field:ident: $default:expr),* })?,)*) => {
        impl UnaryOp {
            /// Keras's class name.
            #[must_use]
            pub fn class_name(self) -> &'static str {
                match self {
                    $(UnaryOp::$variant { .. } => stringify!($variant),)*
                }
            }

            /// Every operation, those with arguments at their defaults.
            pub(super) const ALL: [UnaryOp; [$(stringify!($variant)),*].len()] =
                [$(UnaryOp::$variant $({ $($field: $default),* })?),*];
        }
    };
}

unary_ops! {
    Absolute, Square, Sqrt, Exp, Log, Negative, Sign, Tanh, Relu, Sigmoid,
    Softmax { axis: -1 },
    Cast { dtype: DType::Float32 },
    Clip { x_min: f64::NEG_INFINITY, x_max: f64::INFINITY },
    OnesLike { dtype: None },
}

impl UnaryOp {
    /// The Python module of Keras's class.
    #[must_use]
    pub fn module(self) -> &'static str {
        match self {
            UnaryOp::Relu | UnaryOp::Sigmoid | UnaryOp::Softmax { .. } => "keras.src.ops.nn",
            UnaryOp::Cast { .. } => "keras.src.ops.core",
            _ => "keras.src.ops.numpy",
        }
    }

    /// The operation of a Keras class whose config has no keys of its own
    /// (the others are made from their config by the importer).
    #[must_use]
    pub fn from_class_name(name: &str) -> Option<Self> {
        use UnaryOp::{Cast, Clip, OnesLike, Softmax};
        let plain = |o: &Self| {
            !matches!(
                o,
                Softmax { .. } | Cast { .. } | Clip { .. } | OnesLike { .. }
            )
        };
        Self::ALL
            .into_iter()
            .find(|o| plain(o) && o.class_name() == name)
    }
}

keras_op! {
    /// An element-wise unary operation node (`absolute (Absolute)` in the
    /// summary).
    ///
    /// # Shapes
    /// The input's shape. No weights.
    ///
    /// ```
    /// use kerasinfo::ops::{Unary, UnaryOp};
    /// use kerasinfo::prelude::*;
    /// kerasinfo::naming::clear_session();
    /// let x = Input::new([4, 6]).tensor()?;
    /// let y = Unary::new(UnaryOp::Softmax { axis: 1 }).call(&x)?;
    /// assert_eq!(y.shape().to_string(), "(None, 4, 6)");
    /// assert_eq!(y.layer().name(), "softmax");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub struct Unary { op: UnaryOp }
}

impl Unary {
    /// The operation `op`.
    pub fn new(op: UnaryOp) -> Self {
        Self::of(op)
    }

    /// The operation and its arguments.
    #[must_use]
    pub fn op(&self) -> UnaryOp {
        self.op
    }

    /// The operation of a config node (the importer's reader).
    #[cfg(feature = "keras-json")]
    pub(super) fn from_call(c: &super::read::OpCall<'_, '_>) -> Result<Box<dyn Layer>> {
        let op = UnaryOp::ALL
            .into_iter()
            .find(|o| o.class_name() == c.class)
            .ok_or_else(|| c.unknown())?;
        let op = match op {
            UnaryOp::Softmax { .. } => UnaryOp::Softmax {
                axis: c.cfg.int_or("axis", -1)?,
            },
            UnaryOp::Cast { .. } => UnaryOp::Cast {
                dtype: c
                    .dtype()?
                    .ok_or_else(|| c.cfg.error("dtype", "missing key `dtype`"))?,
            },
            UnaryOp::Clip { .. } => UnaryOp::Clip {
                x_min: c.cfg.float_or("x_min", f64::NEG_INFINITY)?,
                x_max: c.cfg.float_or("x_max", f64::INFINITY)?,
            },
            UnaryOp::OnesLike { .. } => UnaryOp::OnesLike { dtype: c.dtype()? },
            plain => plain,
        };
        Ok(Box::new(Unary::new(op)))
    }
}

impl Layer for Unary {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let keys = match self.op {
            UnaryOp::Softmax { axis } => w::obj([("axis", json!(axis))]),
            UnaryOp::Cast { dtype } => w::obj([("dtype", json!(dtype.name()))]),
            UnaryOp::Clip { x_min, x_max } => {
                w::obj([("x_min", json!(x_min)), ("x_max", json!(x_max))])
            }
            UnaryOp::OnesLike { dtype } => w::obj([("dtype", json!(dtype.map(DType::name)))]),
            _ => w::obj([]),
        };
        Some(w::operation(self.op.module(), keys, vec![w::tensor_arg(0)]))
    }

    op_common!(class of op);

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        if let UnaryOp::Softmax { axis } = self.op
            && x.get(axis).is_none()
        {
            return Err(x.axis_out_of_range(axis));
        }
        Ok(single(x.clone()))
    }
}

/// The `keras.ops` functions of the operations without arguments:
/// `name => Op`, each with its rustdoc.
macro_rules! unary_fns {
    ($($(#[$doc:meta])* $name:ident => $op:ident;)*) => {$(
        $(#[$doc])*
        pub fn $name(x: &Tensor) -> Result<Tensor> {
            Unary::new(UnaryOp::$op).call(x)
        }
    )*};
}

unary_fns! {
    /// `keras.ops.abs(x)`: an `Absolute` node.
    ///
    /// ```
    /// use kerasinfo::ops;
    /// use kerasinfo::prelude::*;
    /// kerasinfo::naming::clear_session();
    /// let x = Input::new([3]).tensor()?;
    /// assert_eq!(ops::abs(&x)?.layer().name(), "absolute");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    abs => Absolute;
    /// `keras.ops.square(x)`.
    square => Square;
    /// `keras.ops.sqrt(x)`.
    sqrt => Sqrt;
    /// `keras.ops.exp(x)`.
    exp => Exp;
    /// `keras.ops.log(x)`.
    log => Log;
    /// `keras.ops.negative(x)` (`-x`).
    negative => Negative;
    /// `keras.ops.sign(x)`.
    sign => Sign;
    /// `keras.ops.tanh(x)`.
    tanh => Tanh;
    /// `keras.ops.relu(x)`.
    relu => Relu;
    /// `keras.ops.sigmoid(x)`.
    sigmoid => Sigmoid;
}

/// `keras.ops.softmax(x, axis)`: a `Softmax` node (an axis outside the
/// input's rank is an error).
///
/// ```
/// use kerasinfo::ops;
/// use kerasinfo::prelude::*;
/// let x = Input::new([4, 6]).tensor()?;
/// assert_eq!(ops::softmax(&x, -1)?.shape().to_string(), "(None, 4, 6)");
/// assert!(ops::softmax(&x, 5).is_err());
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub fn softmax(x: &Tensor, axis: i64) -> Result<Tensor> {
    Unary::new(UnaryOp::Softmax { axis }).call(x)
}

/// `keras.ops.cast(x, dtype)`: a `Cast` node.
pub fn cast(x: &Tensor, dtype: DType) -> Result<Tensor> {
    Unary::new(UnaryOp::Cast { dtype }).call(x)
}

/// `keras.ops.clip(x, x_min, x_max)`: a `Clip` node.
pub fn clip(x: &Tensor, x_min: f64, x_max: f64) -> Result<Tensor> {
    Unary::new(UnaryOp::Clip { x_min, x_max }).call(x)
}

/// `keras.ops.ones_like(x)`: a `OnesLike` node.
pub fn ones_like(x: &Tensor) -> Result<Tensor> {
    Unary::new(UnaryOp::OnesLike { dtype: None }).call(x)
}
