//! Errors: what went wrong, in which layer, with which shapes.

use std::fmt;

use crate::shape::Shape;

/// Why a layer rejects its arguments or its inputs.
///
/// Layers return this without knowing their own name; the model wraps it in
/// [`Error::Layer`] with the layer's name and class.
///
/// ```
/// use kerasinfo::{LayerError, Shape};
/// let e = LayerError::IncompatibleShapes(vec![Shape::batched([4]), Shape::batched([5])]);
/// assert_eq!(e.to_string(), "inputs have incompatible shapes (None, 4) and (None, 5)");
/// let three = vec![Shape::batched([1]), Shape::batched([2]), Shape::batched([3])];
/// assert_eq!(
///     LayerError::IncompatibleShapes(three).to_string(),
///     "inputs have incompatible shapes (None, 1), (None, 2) and (None, 3)"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LayerError {
    /// Inputs that cannot be combined (merge layers).
    #[error("inputs have incompatible shapes {}", ShapeList(.0))]
    IncompatibleShapes(Vec<Shape>),
    /// The wrong number of inputs.
    #[error("expects {expected} input(s), received {received}")]
    InputCount {
        /// What the layer accepts, e.g. `"1"` or `"at least 2"`.
        expected: String,
        /// How many it was given.
        received: usize,
    },
    /// An input of the wrong rank.
    #[error("expects an input of rank {expected}, received shape {shape}")]
    Rank {
        /// The accepted rank(s), e.g. `"4"` or `">= 2"`.
        expected: String,
        /// The shape received.
        shape: Shape,
    },
    /// An input dimension that must be known is unknown, or out of range.
    #[error("input shape {shape}: {reason}")]
    Input {
        /// The shape received.
        shape: Shape,
        /// What is wrong with it.
        reason: String,
    },
    /// A constructor argument Keras would reject.
    #[error("invalid argument `{argument}`: {reason}")]
    Argument {
        /// The Keras argument name, e.g. `"units"`.
        argument: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A parameter count or dimension that does not fit in `u64`.
    #[error("arithmetic overflow computing {what}")]
    Overflow {
        /// What was being computed.
        what: String,
    },
    /// Any other reason (for user-defined layers).
    #[error("{0}")]
    Other(String),
}

impl LayerError {
    /// An invalid-argument error.
    ///
    /// ```
    /// use kerasinfo::LayerError;
    /// let e = LayerError::argument("units", "must be > 0, received 0");
    /// assert_eq!(e.to_string(), "invalid argument `units`: must be > 0, received 0");
    /// ```
    pub fn argument(argument: impl Into<String>, reason: impl Into<String>) -> Self {
        LayerError::Argument {
            argument: argument.into(),
            reason: reason.into(),
        }
    }

    /// An input-shape error.
    ///
    /// ```
    /// use kerasinfo::{LayerError, Shape};
    /// let e = LayerError::input(&Shape::batched([2]), "too small");
    /// assert_eq!(e.to_string(), "input shape (None, 2): too small");
    /// ```
    pub fn input(shape: &Shape, reason: impl Into<String>) -> Self {
        LayerError::Input {
            shape: shape.clone(),
            reason: reason.into(),
        }
    }

    /// A wrong-rank error.
    ///
    /// ```
    /// use kerasinfo::{LayerError, Shape};
    /// let e = LayerError::rank("4", &Shape::batched([2]));
    /// assert_eq!(e.to_string(), "expects an input of rank 4, received shape (None, 2)");
    /// ```
    pub fn rank(expected: impl Into<String>, shape: &Shape) -> Self {
        LayerError::Rank {
            expected: expected.into(),
            shape: shape.clone(),
        }
    }

    /// A wrong-input-count error: the layer accepts `expected` inputs.
    pub(crate) fn input_count(expected: impl Into<String>, received: usize) -> Self {
        LayerError::InputCount {
            expected: expected.into(),
            received,
        }
    }

    /// An overflow error.
    ///
    /// ```
    /// use kerasinfo::LayerError;
    /// assert_eq!(LayerError::overflow("params").to_string(), "arithmetic overflow computing params");
    /// ```
    pub fn overflow(what: impl Into<String>) -> Self {
        LayerError::Overflow { what: what.into() }
    }
}

/// `items` separated by `, ` (the shapes an error text lists, a tuple a
/// layer records).
pub(crate) fn comma_separated<T: fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    let texts: Vec<String> = items.into_iter().map(|i| i.to_string()).collect();
    texts.join(", ")
}

struct ShapeList<'a>(&'a [Shape]);

impl fmt::Display for ShapeList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // "a", "a and b", "a, b and c".
        let Some((last, init)) = self.0.split_last() else {
            return Ok(());
        };
        for (i, s) in init.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{s}")?;
        }
        if !init.is_empty() {
            f.write_str(" and ")?;
        }
        write!(f, "{last}")
    }
}

/// Every error kerasinfo returns.
///
/// ```
/// use kerasinfo::{Error, LayerError, Shape};
/// let e = Error::Layer {
///     name: "add_3".into(),
///     class: "Add".into(),
///     source: Box::new(LayerError::IncompatibleShapes(vec![
///         Shape::batched([56, 56, 256]),
///         Shape::batched([56, 56, 64]),
///     ])),
/// };
/// assert_eq!(
///     e.to_string(),
///     "layer \"add_3\" (Add): inputs have incompatible shapes (None, 56, 56, 256) and (None, 56, 56, 64)"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A layer rejected its arguments or inputs.
    #[error("layer \"{name}\" ({class}): {source}")]
    Layer {
        /// The layer's name.
        name: String,
        /// The layer's Keras class, e.g. `"Conv2D"`.
        class: String,
        /// What is wrong.
        #[source]
        source: Box<LayerError>,
    },
    /// Two layers of one model share a name.
    #[error(
        "model \"{model}\": the name \"{name}\" is used {count} times in the model; all layer names should be unique"
    )]
    DuplicateName {
        /// The model's name.
        model: String,
        /// The repeated name.
        name: String,
        /// How often it is used.
        count: usize,
    },
    /// The model's graph is not well formed (no inputs, disconnected, ...).
    #[error("model \"{model}\": {reason}")]
    Model {
        /// The model's name.
        model: String,
        /// What is wrong.
        reason: String,
    },
    /// Summary options Keras would reject.
    #[error("summary options: {0}")]
    Options(String),
    /// A Keras model config that cannot be read: where (a path into the
    /// JSON, e.g. `config.layers[3].config.units`) and what is wrong.
    #[error("config {at}: {reason}")]
    Config {
        /// Where in the config.
        at: String,
        /// What is wrong.
        reason: String,
    },

    /// A wrong value in the config of one layer of a Keras model config:
    /// the layer, its class, the key and the JSON path, e.g.
    /// `layer "conv1_conv" (Conv2D): filters: expected an integer, found
    /// the string "many" (at model.config.layers[2].config.filters)`.
    #[error("layer \"{name}\" ({class}): {key}: {reason} (at {at})")]
    LayerConfig {
        /// The layer's name.
        name: String,
        /// The layer's class.
        class: String,
        /// The key within the layer's config (`filters`, `cell.config.units`).
        key: String,
        /// What is wrong.
        reason: String,
        /// The full path in the config.
        at: String,
    },

    /// A saved model file that cannot be read (feature `keras-json`, see
    /// `kerasinfo::formats`): which file, and where in it, and what is
    /// wrong.
    ///
    /// ```
    /// let e = kerasinfo::Error::File {
    ///     file: "model.h5".into(),
    ///     reason: "no `model_config` attribute".into(),
    /// };
    /// assert_eq!(e.to_string(), "model.h5: no `model_config` attribute");
    /// ```
    #[error("{file}: {reason}")]
    File {
        /// The file (its path, or `input` for bytes), and where in it.
        file: String,
        /// What is wrong.
        reason: String,
    },

    /// A printed summary (`model.summary()` text) that cannot be read:
    /// the line (1-based) and what is wrong.
    ///
    /// ```
    /// let e = kerasinfo::summary::PrintedSummary::parse("hello").unwrap_err();
    /// assert!(e.to_string().starts_with("summary text, line 1: "));
    /// ```
    #[error("summary text, line {line}: {reason}")]
    SummaryText {
        /// The line, counted from 1.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

/// `Result` with kerasinfo's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
