//! Optimizers and their variables: what Keras 3.15 counts in the
//! `Optimizer params` line of a compiled model's summary once the
//! optimizer is built (`model.compile(optimizer=...)` then
//! `model.optimizer.build(model.trainable_variables)`).
//!
//! Every optimizer has two scalars, `iteration` (`int64`) and
//! `learning_rate` (`float32`), then its slots: one or more variables per
//! trainable weight of the model, each of that weight's shape and dtype
//! (a `float16` layer's slots are `float16`). Non-trainable weights
//! (frozen layers, BatchNormalization's moving statistics) get none.
//!
//! ```
//! use kerasinfo::prelude::*;
//! use kerasinfo::Optimizer;
//!
//! kerasinfo::naming::clear_session();
//! let m = Sequential::new().name("s").add(Input::new([4])).add(Dense::new(3)).build()?;
//! let s = m.summary_with_optimizer(&Optimizer::adam());
//! // 15 weights, then Adam's 2 scalars and 2 slots per weight.
//! assert_eq!(s.optimizer_params, 2 + 2 * 15);
//! assert_eq!(s.total_params, 15 + 32);
//! assert!(s.to_string().contains(" Optimizer params: 32 (132.00 B)"));
//! # Ok::<(), kerasinfo::Error>(())
//! ```

use crate::naming;
use crate::weight::{DType, Weight, WeightShape};

/// Which optimizer, with the arguments that change its variables.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Sgd { momentum: f64, nesterov: bool },
    Adam { amsgrad: bool },
    AdamW { amsgrad: bool },
    Nadam,
    RmsProp { momentum: f64, centered: bool },
    Adagrad,
    Adadelta,
    Adamax,
    Lion,
    Ftrl,
    Adafactor,
    Lamb,
    Muon { exclude_embeddings: bool },
    LossScale(Box<Optimizer>),
}

/// A Keras optimizer, as far as its variables go (hyperparameters that do
/// not change the variables, such as `learning_rate` values, are not
/// kept). Constructors mirror Keras's classes; chained methods mirror the
/// keyword arguments that add slots.
///
/// Like Keras, an optimizer takes its automatic name (`adam`, `adam_1`,
/// `rm_sprop`…) from [`crate::naming`] when constructed.
///
/// ```
/// use kerasinfo::Optimizer;
/// assert_eq!(Optimizer::rmsprop().class_name(), "RMSprop");
/// assert_eq!(Optimizer::from_identifier("adamw").map(|o| o.class_name()), Some("AdamW"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Optimizer {
    kind: Kind,
    /// Keras's class name.
    class: &'static str,
    name: String,
}

/// Keras's optimizers by identifier (each constructor is named as its
/// identifier) and class name: their constructors, [`IDENTIFIERS`] and
/// [`Optimizer::from_identifier`].
macro_rules! optimizers {
    ($($(#[$doc:meta])* $id:ident, $class:literal => $kind:expr;)*) => {
        /// The optimizer identifiers [`Optimizer::from_identifier`] accepts (Keras's
        /// `keras.optimizers.get` names).
        pub const IDENTIFIERS: [&str; 13] = [$(stringify!($id)),*];

        impl Optimizer {
            $(
                $(#[$doc])*
                #[must_use]
                pub fn $id() -> Self {
                    Self::new($kind, $class)
                }
            )*

            /// The optimizer for one of Keras's identifiers ([`IDENTIFIERS`],
            /// case-insensitive), with Keras's defaults; `None` for another name.
            #[must_use]
            pub fn from_identifier(identifier: &str) -> Option<Self> {
                Some(match identifier.to_ascii_lowercase().as_str() {
                    $(stringify!($id) => Self::$id(),)*
                    _ => return None,
                })
            }
        }
    };
}

optimizers! {
    /// `keras.optimizers.SGD()`: no slots unless [`Optimizer::momentum`] is
    /// non-zero (then one `momentum` slot per weight).
    sgd, "SGD" => Kind::Sgd { momentum: 0.0, nesterov: false };
    /// `keras.optimizers.Adam()`: `momentum` and `velocity` slots.
    adam, "Adam" => Kind::Adam { amsgrad: false };
    /// `keras.optimizers.AdamW()`: as Adam.
    adamw, "AdamW" => Kind::AdamW { amsgrad: false };
    /// `keras.optimizers.Nadam()`: as Adam, plus one `float32` scalar
    /// (`u_product`, path `variable`).
    nadam, "Nadam" => Kind::Nadam;
    /// `keras.optimizers.RMSprop()`: a `velocity` slot; a `momentum` slot
    /// when [`Optimizer::momentum`] is positive, an `average_gradient` slot
    /// when [`Optimizer::centered`].
    rmsprop, "RMSprop" => Kind::RmsProp { momentum: 0.0, centered: false };
    /// `keras.optimizers.Adagrad()`: an `accumulator` slot.
    adagrad, "Adagrad" => Kind::Adagrad;
    /// `keras.optimizers.Adadelta()`: `accumulated_grad` and
    /// `accumulated_delta_var` slots.
    adadelta, "Adadelta" => Kind::Adadelta;
    /// `keras.optimizers.Adamax()`: `momentum` and `norm` slots.
    adamax, "Adamax" => Kind::Adamax;
    /// `keras.optimizers.Lion()`: a `momentum` slot.
    lion, "Lion" => Kind::Lion;
    /// `keras.optimizers.Ftrl()`: `accumulator` and `linear` slots.
    ftrl, "Ftrl" => Kind::Ftrl;
    /// `keras.optimizers.Adafactor()`: for a weight of rank 2 or more, a
    /// row factor (shape without the last dimension) and a column factor
    /// (shape without the second-to-last); for a smaller one, two `int32`
    /// scalar placeholders; then a `velocity` slot.
    adafactor, "Adafactor" => Kind::Adafactor;
    /// `keras.optimizers.Lamb()`: `momentum` and `velocity` slots.
    lamb, "Lamb" => Kind::Lamb;
    /// `keras.optimizers.Muon()`: a `momentum` slot per weight, and a
    /// `velocity` slot for the weights it leaves to AdamW (rank other than
    /// 2, or an embedding while `exclude_embeddings`). Keras's
    /// `exclude_layers` patterns are not modelled.
    muon, "Muon" => Kind::Muon { exclude_embeddings: true };
}

/// The setters of the arguments that only some optimizers take, each
/// `name: Type => Kind | ...` (its field in those kinds; no effect on others).
macro_rules! kind_setters {
    ($($(#[$doc:meta])* $name:ident: $ty:ty => $($kind:ident)|+;)*) => {$(
        $(#[$doc])*
        #[must_use]
        pub fn $name(mut self, value: $ty) -> Self {
            if let $(Kind::$kind { $name, .. })|+ = &mut self.kind {
                *$name = value;
            }
            self
        }
    )*};
}

impl Optimizer {
    kind_setters! {
        /// `momentum` of SGD and RMSprop: a non-zero value adds a `momentum`
        /// slot. Defaults to 0.0. No effect on other optimizers.
        momentum: f64 => Sgd | RmsProp;
        /// `nesterov` of SGD (adds no variable). Defaults to false.
        nesterov: bool => Sgd;
        /// `amsgrad` of Adam and AdamW: adds a `velocity_hat` slot per weight.
        /// Defaults to false.
        amsgrad: bool => Adam | AdamW;
        /// `centered` of RMSprop: adds an `average_gradient` slot. Defaults to
        /// false.
        centered: bool => RmsProp;
        /// `exclude_embeddings` of Muon: embeddings get AdamW's extra
        /// `velocity` slot. Defaults to true.
        exclude_embeddings: bool => Muon;
    }

    fn new(kind: Kind, class: &'static str) -> Self {
        Optimizer {
            kind,
            class,
            name: naming::auto_name(class),
        }
    }

    /// `keras.optimizers.LossScaleOptimizer(inner)`: its own `iteration`,
    /// `learning_rate`, `step_counter` (`int64`) and `dynamic_scale`
    /// (`float32`), then `inner`'s variables. (Keras wraps the optimizer
    /// in one by itself when the model's dtype policy is `mixed_float16`.)
    #[must_use]
    pub fn loss_scale(inner: Optimizer) -> Self {
        Self::new(Kind::LossScale(Box::new(inner)), "LossScaleOptimizer")
    }

    /// The optimizer's name (the prefix of its variables' paths). Defaults
    /// to Keras's automatic name.
    #[must_use]
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// The optimizer's name.
    #[must_use]
    pub fn optimizer_name(&self) -> &str {
        &self.name
    }

    /// Keras's class name (`Adam`, `RMSprop`, `LossScaleOptimizer`).
    #[must_use]
    pub fn class_name(&self) -> &'static str {
        self.class
    }

    /// Whether this is a `LossScaleOptimizer` (wrapping another).
    pub(crate) fn is_loss_scale(&self) -> bool {
        matches!(self.kind, Kind::LossScale(_))
    }

    /// The optimizer's variables once built on `trainable` (the model's
    /// trainable weights, in order), in Keras's `optimizer.variables`
    /// order: paths, shapes and dtypes. Every returned weight is
    /// non-trainable.
    ///
    /// ```
    /// use kerasinfo::{DType, Optimizer, Weight};
    /// let w = Weight { path: "d/kernel".into(), shape: [4, 2].into_iter().collect(),
    ///                  dtype: DType::Float16, trainable: true, count: 8 };
    /// let vars = Optimizer::lion().name("lion").variables(&[w]);
    /// let paths: Vec<&str> = vars.iter().map(|v| v.path.as_str()).collect();
    /// assert_eq!(paths, ["lion/iteration", "lion/learning_rate", "lion/d_kernel_momentum"]);
    /// assert_eq!(vars[2].dtype, DType::Float16);
    /// ```
    #[must_use]
    pub fn variables(&self, trainable: &[Weight]) -> Vec<Weight> {
        let mut out = vec![
            self.scalar("iteration", DType::Int64),
            self.scalar("learning_rate", DType::Float32),
        ];
        let slots = |out: &mut Vec<Weight>, names: &[&str]| {
            for w in trainable {
                for n in names {
                    out.push(self.slot(w, n));
                }
            }
        };
        match &self.kind {
            Kind::Sgd { momentum, .. } => {
                if *momentum != 0.0 {
                    slots(&mut out, &["momentum"]);
                }
            }
            Kind::Adam { amsgrad } | Kind::AdamW { amsgrad } => {
                slots(&mut out, &["momentum", "velocity"]);
                if *amsgrad {
                    slots(&mut out, &["velocity_hat"]);
                }
            }
            Kind::Nadam => {
                slots(&mut out, &["momentum", "velocity"]);
                out.push(plain("variable", WeightShape::new(), DType::Float32));
            }
            Kind::RmsProp { momentum, centered } => {
                slots(&mut out, &["velocity"]);
                if *momentum > 0.0 {
                    slots(&mut out, &["momentum"]);
                }
                if *centered {
                    slots(&mut out, &["average_gradient"]);
                }
            }
            Kind::Adagrad => slots(&mut out, &["accumulator"]),
            Kind::Adadelta => slots(&mut out, &["accumulated_grad", "accumulated_delta_var"]),
            Kind::Adamax => slots(&mut out, &["momentum", "norm"]),
            Kind::Lion => slots(&mut out, &["momentum"]),
            Kind::Ftrl => slots(&mut out, &["accumulator", "linear"]),
            Kind::Lamb => slots(&mut out, &["momentum", "velocity"]),
            Kind::Adafactor => {
                for w in trainable {
                    let short = w.path.rsplit('/').next().unwrap_or_default();
                    match w.shape.split_last() {
                        // Rank >= 2: `shape[:-1]` and `shape[:-2] + shape[-1:]`.
                        Some((&last, row @ [col_head @ .., _])) => {
                            let row: WeightShape = row.iter().copied().collect();
                            let col: WeightShape = col_head.iter().copied().chain([last]).collect();
                            let path = format!("{}/{short}", self.name);
                            out.push(plain(&path, row, w.dtype));
                            out.push(plain(&path, col, w.dtype));
                        }
                        _ => {
                            for _ in 0..2 {
                                out.push(plain(short, WeightShape::new(), DType::Int32));
                            }
                        }
                    }
                    out.push(self.slot(w, "velocity"));
                }
            }
            Kind::Muon { exclude_embeddings } => {
                for w in trainable {
                    out.push(self.slot(w, "momentum"));
                    let adamw = w.shape.len() != 2
                        || (*exclude_embeddings && w.path.to_lowercase().contains("embedding"));
                    if adamw {
                        out.push(self.slot(w, "velocity"));
                    }
                }
            }
            Kind::LossScale(inner) => {
                out.push(self.scalar("step_counter", DType::Int64));
                out.push(self.scalar("dynamic_scale", DType::Float32));
                out.extend(inner.variables(trainable));
            }
        }
        out
    }

    fn scalar(&self, name: &str, dtype: DType) -> Weight {
        plain(&format!("{}/{name}", self.name), WeightShape::new(), dtype)
    }

    fn slot(&self, reference: &Weight, name: &str) -> Weight {
        let path = format!("{}/{}_{name}", self.name, reference.path.replace('/', "_"));
        plain(&path, reference.shape.clone(), reference.dtype)
    }
}

fn plain(path: &str, shape: WeightShape, dtype: DType) -> Weight {
    let count = shape.iter().copied().fold(1u64, u64::saturating_mul);
    Weight {
        path: path.to_owned(),
        shape,
        dtype,
        trainable: false,
        count,
    }
}
