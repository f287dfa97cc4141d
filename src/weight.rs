//! Named weight tensors, their dtypes, and overflow-checked counting.

use std::borrow::Cow;
use std::fmt;

use smallvec::SmallVec;

use crate::error::LayerError;
use crate::shape::Shape;

/// Declares [`DType`] from one table: each variant with Keras's name for
/// it (then the other names Keras reads as it) and its size in bits.
macro_rules! dtypes {
    ($($(#[$attr:meta])* $variant:ident = $name:literal $(| $alias:literal)* => $bits:literal,)*) => {
        /// A variable's dtype, spelled as Keras spells it. Byte sizes follow it.
        ///
        /// ```
        /// use kerasinfo::DType;
        /// assert_eq!(DType::Float32.bits(), 32);
        /// assert_eq!(DType::Float32.to_string(), "float32");
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        #[non_exhaustive]
        pub enum DType {
            $(#[doc = concat!("`", $name, "`")] $(#[$attr])* $variant,)*
        }

        impl DType {
            /// Size of one element in bits, as `keras.src.utils.dtype_utils.dtype_size`
            /// (`bool` counts one bit there).
            ///
            /// ```
            /// use kerasinfo::DType;
            /// assert_eq!(DType::Bool.bits(), 1);
            /// assert_eq!(DType::UInt16.bits(), 16);
            /// ```
            #[must_use]
            pub fn bits(self) -> u64 {
                match self {
                    $(DType::$variant => $bits,)*
                }
            }

            /// Keras's name for the dtype.
            ///
            /// ```
            /// use kerasinfo::DType;
            /// assert_eq!(DType::BFloat16.name(), "bfloat16");
            /// ```
            #[must_use]
            pub fn name(self) -> &'static str {
                match self {
                    $(DType::$variant => $name,)*
                }
            }

            /// Parses Keras's name for a dtype.
            ///
            /// ```
            /// use kerasinfo::DType;
            /// assert_eq!(DType::from_name("float16"), Some(DType::Float16));
            /// assert_eq!(DType::from_name("complex"), None);
            /// ```
            #[must_use]
            pub fn from_name(name: &str) -> Option<DType> {
                Some(match name {
                    $($name $(| $alias)* => DType::$variant,)*
                    _ => return None,
                })
            }
        }
    };
}

dtypes! {
    BFloat16 = "bfloat16" => 16,
    Float16 = "float16" | "half" => 16,
    /// (Keras's default)
    #[default]
    Float32 = "float32" | "float" => 32,
    Float64 = "float64" | "double" => 64,
    Int8 = "int8" => 8,
    Int16 = "int16" => 16,
    Int32 = "int32" | "int" => 32,
    Int64 = "int64" => 64,
    UInt8 = "uint8" => 8,
    UInt16 = "uint16" => 16,
    UInt32 = "uint32" => 32,
    UInt64 = "uint64" => 64,
    Bool = "bool" => 1,
    /// (inputs only: Keras gives strings no size, and no weight has this
    /// dtype)
    String = "string" | "str" => 0,
}

impl fmt::Display for DType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The dimensions of a weight tensor (always known).
pub type WeightShape = SmallVec<[u64; 4]>;

/// A weight a layer declares: its name relative to the layer (`"kernel"`,
/// `"forward_lstm/lstm_cell/bias"`), shape, dtype and whether it trains.
///
/// ```
/// use kerasinfo::WeightSpec;
/// let w = WeightSpec::new("moving_mean", [32]).non_trainable();
/// assert!(!w.trainable);
/// assert_eq!(w.count().unwrap(), 32);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeightSpec {
    /// Name relative to the layer, `/`-separated for nested variables
    /// (borrowed when it is a constant such as `"kernel"`, so declaring a
    /// weight allocates nothing for its name).
    pub name: Cow<'static, str>,
    /// Dimensions.
    pub shape: WeightShape,
    /// Element dtype; `None` means the layer's variable dtype (`float32`
    /// unless the layer's `dtype` says otherwise).
    pub dtype: Option<DType>,
    /// Whether the optimizer updates it (before any `trainable(false)`).
    pub trainable: bool,
    /// Whether it was created trainable (Keras's `add_weight(trainable=True)`),
    /// even if frozen since ([`frozen`](Self::frozen)): Keras's
    /// `layer.trainable = True` makes such a weight trainable again.
    pub(crate) created_trainable: bool,
    /// Where in `name` the weight's whole path starts, when a layer it
    /// belongs to was built at the root name scope as Keras loaded it
    /// (the path then leaves out the layers holding that one).
    pub(crate) rooted: Option<usize>,
    /// Whether a layer this layer wraps created it (an LSTM cell inside
    /// `RNN`, the layer inside `Bidirectional`): the wrapper's own
    /// `trainable(false)` then leaves it alone, as in Keras, where a layer's
    /// `trainable` argument freezes only the variables it creates itself.
    pub inherited: bool,
}

impl WeightSpec {
    /// A trainable `float32` weight.
    ///
    /// ```
    /// use kerasinfo::WeightSpec;
    /// let w = WeightSpec::new("kernel", [3, 3, 1, 8]);
    /// assert_eq!(w.count().unwrap(), 72);
    /// ```
    pub fn new(name: impl Into<Cow<'static, str>>, shape: impl IntoIterator<Item = u64>) -> Self {
        // Pushed one by one: a weight has a few dimensions, and collecting
        // into an inline vector goes through its general `extend` (every
        // layer's first call and every summary makes each weight).
        let mut dims = WeightShape::new();
        for d in shape {
            dims.push(d);
        }
        WeightSpec {
            name: name.into(),
            shape: dims,
            dtype: None,
            trainable: true,
            created_trainable: true,
            rooted: None,
            inherited: false,
        }
    }

    /// The same weight, marked non-trainable (e.g. BatchNormalization's moving statistics).
    ///
    /// ```
    /// use kerasinfo::WeightSpec;
    /// assert!(!WeightSpec::new("moving_variance", [8]).non_trainable().trainable);
    /// ```
    #[must_use]
    pub fn non_trainable(mut self) -> Self {
        self.trainable = false;
        self.created_trainable = false;
        self
    }

    /// The same weight, created trainable but frozen since (LoRA's base
    /// `kernel`, a weight of a frozen wrapped layer): Keras's
    /// `layer.trainable = True` on its layer makes it trainable again.
    ///
    /// ```
    /// use kerasinfo::WeightSpec;
    /// assert!(!WeightSpec::new("kernel", [2, 2]).frozen().trainable);
    /// ```
    #[must_use]
    pub fn frozen(mut self) -> Self {
        self.trainable = false;
        self
    }

    /// The same weight, marked as created by a wrapped layer (see
    /// [`inherited`](Self::inherited)).
    ///
    /// ```
    /// use kerasinfo::WeightSpec;
    /// assert!(WeightSpec::new("kernel", [2, 2]).inherited().inherited);
    /// ```
    #[must_use]
    pub fn inherited(mut self) -> Self {
        self.inherited = true;
        self
    }

    /// The same weight with another dtype.
    ///
    /// ```
    /// use kerasinfo::{DType, WeightSpec};
    /// assert_eq!(WeightSpec::new("count", []).with_dtype(DType::Int64).dtype, Some(DType::Int64));
    /// ```
    #[must_use]
    pub fn with_dtype(mut self, dtype: DType) -> Self {
        self.dtype = Some(dtype);
        self
    }

    /// The same weight with `prefix/` put before its name.
    ///
    /// ```
    /// use kerasinfo::WeightSpec;
    /// assert_eq!(WeightSpec::new("kernel", [2]).prefixed("lstm_cell").name, "lstm_cell/kernel");
    /// ```
    #[must_use]
    pub fn prefixed(mut self, prefix: &str) -> Self {
        self.name = format!("{prefix}/{}", self.name).into();
        if let Some(at) = self.rooted {
            self.rooted = Some(at.saturating_add(prefix.len()).saturating_add(1));
        }
        self
    }

    /// The same weight with its name as its whole path (see
    /// [`LayerConfig`](crate::LayerConfig)'s loading).
    pub(crate) fn rooted(mut self) -> Self {
        // A layer held deeper and rooted too keeps its own root.
        if self.rooted.is_none() {
            self.rooted = Some(0);
        }
        self
    }

    /// The same weight with its path relative to its layer again.
    pub(crate) fn unrooted(mut self) -> Self {
        self.rooted = None;
        self
    }

    /// The weight's whole path when it is rooted (see `rooted`).
    pub(crate) fn root_path(&self) -> Option<&str> {
        self.rooted.and_then(|at| self.name.get(at..))
    }

    /// Number of scalars, overflow-checked.
    ///
    /// ```
    /// use kerasinfo::WeightSpec;
    /// assert!(WeightSpec::new("huge", [u64::MAX, 2]).count().is_err());
    /// ```
    pub fn count(&self) -> Result<u64, LayerError> {
        product(self.shape.iter().copied())
    }

    /// Whether the weight trains in a layer whose `trainable` was set to
    /// `vars_trainable` after it was built (`None`: never set since), when
    /// the constructor's `trainable=False` froze the variables the layer
    /// created itself (`own_frozen`): Keras's rule, which a summary's
    /// weights and the sums of a layer's first call both follow.
    pub(crate) fn trains(&self, vars_trainable: Option<bool>, own_frozen: bool) -> bool {
        match vars_trainable {
            Some(v) => v && self.created_trainable,
            None => self.trainable && (self.inherited || !own_frozen),
        }
    }

    /// [`count`](Self::count), `None` when it passes `u64`.
    pub(crate) fn checked_count(&self) -> Option<u64> {
        self.shape.iter().try_fold(1u64, |n, &d| n.checked_mul(d))
    }

    /// Its element count and size in bits, `variable_dtype` standing for
    /// the layer's when the spec has no dtype of its own; `None` on an
    /// overflow (no error built: a layer's first call counts with this).
    pub(crate) fn checked_count_and_bits(&self, variable_dtype: DType) -> Option<(u64, u64)> {
        let n = self.checked_count()?;
        Some((
            n,
            n.checked_mul(self.dtype.unwrap_or(variable_dtype).bits())?,
        ))
    }

    /// [`WeightSpec::checked_count_and_bits`], with the overflow's error.
    pub(crate) fn count_and_bits(&self, variable_dtype: DType) -> Result<(u64, u64), LayerError> {
        if let Some(nb) = self.checked_count_and_bits(variable_dtype) {
            return Ok(nb);
        }
        let n = self.count()?;
        Ok((
            n,
            checked_mul(n, self.dtype.unwrap_or(variable_dtype).bits())?,
        ))
    }
}

/// A weight of a built model: its full Keras 3 path (`conv0/kernel`), shape,
/// dtype and effective trainable flag (a frozen layer freezes its weights).
///
/// ```
/// use kerasinfo::prelude::*;
/// // Keras builds a Sequential's layers inside the model's name scope.
/// let model = Sequential::new()
///     .name("s")
///     .add(Input::new([4]))
///     .add(Dense::new(2).name("fc"))
///     .build()?;
/// let weights = model.weights();
/// let paths: Vec<&str> = weights.iter().map(|w| w.path.as_str()).collect();
/// assert_eq!(paths, ["s/fc/kernel", "s/fc/bias"]);
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Weight {
    /// Keras 3 `variable.path`.
    pub path: String,
    /// Dimensions.
    pub shape: WeightShape,
    /// Element dtype.
    pub dtype: DType,
    /// Whether the weight is trainable in this model.
    pub trainable: bool,
    /// Number of scalars (the product of `shape`).
    pub count: u64,
}

impl Weight {
    /// Size in bits (`count * dtype bits`), overflow-checked.
    ///
    /// ```
    /// use kerasinfo::{DType, Weight};
    /// let w = Weight { path: "d/kernel".into(), shape: [4, 2].into_iter().collect(), dtype: DType::Float32, trainable: true, count: 8 };
    /// assert_eq!(w.bits().unwrap(), 256);
    /// ```
    pub fn bits(&self) -> Result<u64, LayerError> {
        checked_mul(self.count, self.dtype.bits())
    }
}

/// Overflow-checked multiplication.
pub(crate) fn checked_mul(a: u64, b: u64) -> Result<u64, LayerError> {
    a.checked_mul(b)
        .ok_or_else(|| LayerError::overflow(format!("{a} * {b}")))
}

/// Overflow-checked addition.
pub(crate) fn checked_add(a: u64, b: u64) -> Result<u64, LayerError> {
    a.checked_add(b)
        .ok_or_else(|| LayerError::overflow(format!("{a} + {b}")))
}

/// Overflow-checked product of an iterator (1 for none).
///
/// ```
/// assert_eq!(kerasinfo::weight::product([2, 3, 4]).unwrap(), 24);
/// ```
pub fn product(it: impl IntoIterator<Item = u64>) -> Result<u64, LayerError> {
    it.into_iter().try_fold(1u64, checked_mul)
}

/// A Keras dtype policy (`keras.DTypePolicy`): the dtype a layer's
/// variables are created in, and the dtype it computes in (and outputs).
///
/// Keras's names: `"mixed_float16"` (variables `float32`, computations
/// `float16`), `"mixed_bfloat16"` (`float32` / `bfloat16`), and any dtype
/// name (`"float32"`, `"float16"`, `"bfloat16"`, `"float64"`, …), which
/// uses that dtype for both. Keras's quantized policies
/// (`"int8_from_float32"`, …) change a layer's variables altogether and are
/// not modelled.
///
/// ```
/// use kerasinfo::{DType, DTypePolicy};
/// let p = DTypePolicy::from_name("mixed_float16").unwrap();
/// assert_eq!((p.variable_dtype(), p.compute_dtype()), (DType::Float32, DType::Float16));
/// assert_eq!(p.name(), "mixed_float16");
/// assert_eq!(DTypePolicy::from(DType::BFloat16).name(), "bfloat16");
/// assert!(DTypePolicy::from_name("int8_from_float32").is_none());
/// assert_eq!(DTypePolicy::from_name("int32").map(|p| p.name()), Some("int32"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct DTypePolicy {
    variable: DType,
    compute: DType,
}

impl DTypePolicy {
    /// Keras's default policy, `float32`.
    pub const FLOAT32: DTypePolicy = DTypePolicy::pair(DType::Float32, DType::Float32);

    /// `mixed_float16`: `float32` variables, `float16` computations.
    pub const MIXED_FLOAT16: DTypePolicy = DTypePolicy::pair(DType::Float32, DType::Float16);

    /// `mixed_bfloat16`: `float32` variables, `bfloat16` computations.
    pub const MIXED_BFLOAT16: DTypePolicy = DTypePolicy::pair(DType::Float32, DType::BFloat16);

    /// The policy of these two dtypes, whether or not Keras has it.
    const fn pair(variable: DType, compute: DType) -> Self {
        DTypePolicy { variable, compute }
    }

    /// The policy Keras's `DTypePolicy(name)` makes, or `None` for a name
    /// Keras rejects or a quantized policy.
    ///
    /// ```
    /// use kerasinfo::{DType, DTypePolicy};
    /// assert_eq!(DTypePolicy::from_name("float64").map(|p| p.compute_dtype()), Some(DType::Float64));
    /// assert_eq!(DTypePolicy::from_name("mixed_float32"), None);
    /// ```
    #[must_use]
    pub fn from_name(name: &str) -> Option<DTypePolicy> {
        match name {
            "mixed_float16" => Some(Self::MIXED_FLOAT16),
            "mixed_bfloat16" => Some(Self::MIXED_BFLOAT16),
            // Keras standardizes any dtype name, `string` included
            // (StringLookup's and string inputs' `dtype`).
            other => DType::from_name(other).map(DTypePolicy::from),
        }
    }

    /// The policy with these variable and compute dtypes, if Keras has one:
    /// the same dtype twice, or a mixed policy.
    ///
    /// ```
    /// use kerasinfo::{DType, DTypePolicy};
    /// assert_eq!(DTypePolicy::from_dtypes(DType::Float32, DType::Float16), Some(DTypePolicy::MIXED_FLOAT16));
    /// assert_eq!(DTypePolicy::from_dtypes(DType::Float16, DType::Float32), None);
    /// ```
    #[must_use]
    pub fn from_dtypes(variable: DType, compute: DType) -> Option<DTypePolicy> {
        let p = DTypePolicy::pair(variable, compute);
        (variable == compute || p == Self::MIXED_FLOAT16 || p == Self::MIXED_BFLOAT16).then_some(p)
    }

    /// Keras's `policy.name`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::MIXED_FLOAT16 => "mixed_float16",
            Self::MIXED_BFLOAT16 => "mixed_bfloat16",
            p => p.variable.name(),
        }
    }

    /// `policy.variable_dtype`: the dtype of the variables a layer creates
    /// (unless the layer asks for another one, as `Normalization`'s `int64`
    /// `count` or LoRA's `float32` factors).
    #[must_use]
    pub fn variable_dtype(self) -> DType {
        self.variable
    }

    /// `policy.compute_dtype`: the dtype a layer casts its inputs to and
    /// outputs (Keras's `KerasTensor` dtype of its outputs).
    #[must_use]
    pub fn compute_dtype(self) -> DType {
        self.compute
    }
}

impl From<DType> for DTypePolicy {
    /// Keras's `DTypePolicy("float16")`: one dtype for both.
    fn from(d: DType) -> Self {
        DTypePolicy::pair(d, d)
    }
}

impl fmt::Display for DTypePolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A shape's sizes, counted with the overflow checks of this module.
impl Shape {
    /// The product of all dimensions after the first, if all are known.
    ///
    /// ```
    /// use kerasinfo::Shape;
    /// assert_eq!(Shape::batched([32, 32, 32]).known_feature_size(), Ok(Some(32768)));
    /// ```
    pub fn known_feature_size(&self) -> Result<Option<u64>, LayerError> {
        known_product(self.dims().iter().skip(1).map(|d| d.known()))
    }
}

/// The product of dimensions, or `None` if one is unknown.
pub(crate) fn known_product(
    dims: impl IntoIterator<Item = Option<u64>>,
) -> Result<Option<u64>, LayerError> {
    let mut p = 1u64;
    for d in dims {
        match d {
            Some(d) => p = checked_mul(p, d)?,
            None => return Ok(None),
        }
    }
    Ok(Some(p))
}
