//! `TextVectorization`.

use std::fmt;

use super::{OutputMode, StringLookup, at_least, with_depth};
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape};

/// Keras's `split=` of [`TextVectorization`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextSplit {
    /// `"whitespace"` (the default).
    #[default]
    Whitespace,
    /// `"character"`.
    Character,
    /// `None`: no splitting (each input string is one token).
    None,
}

impl fmt::Display for TextSplit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TextSplit::Whitespace => "whitespace",
            TextSplit::Character => "character",
            TextSplit::None => "None",
        })
    }
}

/// `keras.layers.TextVectorization(max_tokens=None,
/// standardize="lower_and_strip_punctuation", split="whitespace",
/// ngrams=None, output_mode="int", output_sequence_length=None,
/// pad_to_max_tokens=False, vocabulary=None, idf_weights=None,
/// sparse=False, ragged=False)`: turns strings into token indices or
/// encoded vectors, through an inner `StringLookup` (`mask_token=""`).
///
/// # Shapes
/// - `int`: `(batch, output_sequence_length)` (`None` when not set).
/// - other modes: the input with an unknown token axis appended (with a
///   `split`; without one, a rank-1 input gets an axis of 1), then encoded
///   as [`StringLookup`] encodes it (depth: the vocabulary size, or
///   `max_tokens` with `pad_to_max_tokens`, else unknown).
///
/// No weights. As in Keras, creating the layer also takes the next
/// automatic `string_lookup` name for its inner lookup.
///
/// ```
/// use kerasinfo::prelude::*;
/// let x = Input::new([1]).tensor()?; // Keras: Input((1,), dtype="string")
/// let ids = TextVectorization::new().max_tokens(100).output_sequence_length(12).call(&x)?;
/// assert_eq!(ids.shape().to_string(), "(None, 12)");
/// let hot = TextVectorization::new()
///     .vocabulary(["the", "cat"])
///     .output_mode(OutputMode::MultiHot)
///     .call(&x)?;
/// assert_eq!(hot.shape().to_string(), "(None, 1, 3)");
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct TextVectorization {
    config: LayerConfig,
    standardize: Option<String>,
    split: TextSplit,
    ngrams: Option<Vec<i64>>,
    output_mode: OutputMode,
    output_sequence_length: Option<i64>,
    ragged: bool,
    lookup: StringLookup,
}

impl TextVectorization {
    /// A text vectorization layer with Keras's defaults.
    pub fn new() -> Self {
        crate::layer::constructed(TextVectorization {
            config: LayerConfig::default(),
            standardize: Some("lower_and_strip_punctuation".to_owned()),
            split: TextSplit::Whitespace,
            ngrams: None,
            output_mode: OutputMode::Int,
            output_sequence_length: None,
            ragged: false,
            lookup: StringLookup::new().mask_token(""),
        })
    }

    setters! {
        /// Keras's `max_tokens=`. Defaults to `None`.
        max_tokens: i64 => via lookup;
        /// Keras's `standardize=` (`"lower_and_strip_punctuation"`, `"lower"`,
        /// `"strip_punctuation"`, or `None`). Defaults to
        /// `"lower_and_strip_punctuation"`.
        standardize: Option<&str> => standardize.map(str::to_owned);
        /// Keras's `split=`. Defaults to `Whitespace`.
        split: TextSplit;
        /// Keras's `ngrams=` as an integer `n` (all n-grams up to `n`).
        /// Defaults to `None`.
        ngrams: i64 => Some(vec![ngrams]);
        /// Keras's `output_sequence_length=` (only with `Int`). Defaults to `None`.
        output_sequence_length: i64 => Some(output_sequence_length);
        /// Keras's `pad_to_max_tokens=`. Defaults to `false`.
        pad_to_max_tokens: bool => via lookup;
        /// Keras's `idf_weights=` (only with `TfIdf`). Defaults to `None`.
        idf_weights: impl Into<Vec<f64>> => via lookup;
        /// Keras's `sparse=`. Defaults to `false`.
        sparse: bool => via lookup;
        /// Keras's `ragged=` (only with `Int`). Defaults to `false`.
        ragged: bool;
    }

    /// Keras's `output_mode=`. Defaults to `Int`.
    pub fn output_mode(mut self, output_mode: OutputMode) -> Self {
        self.output_mode = output_mode;
        self.lookup = self.lookup.output_mode(output_mode);
        self
    }

    /// Keras's `vocabulary=`. Defaults to `None` (to be adapted).
    pub fn vocabulary<V: Into<String>>(mut self, vocabulary: impl IntoIterator<Item = V>) -> Self {
        self.lookup = self.lookup.vocabulary(vocabulary);
        self
    }

    /// The `standardize` and `ngrams` arguments.
    #[must_use]
    pub fn text_args(&self) -> (Option<&str>, Option<&[i64]>) {
        (self.standardize.as_deref(), self.ngrams.as_deref())
    }

    fn check_args(&self) -> Result<(), LayerError> {
        if let Some(s) = &self.standardize {
            let allowed = ["lower_and_strip_punctuation", "lower", "strip_punctuation"];
            argument_error_if!(
                !allowed.contains(&s.as_str()),
                "standardize",
                format!("expected one of {allowed:?} or None, received standardize={s}"),
            );
        }
        argument_error_if!(
            self.output_mode != OutputMode::Int && self.output_sequence_length.is_some(),
            "output_sequence_length",
            "`output_sequence_length` must not be set if `output_mode` is not 'int'",
        );
        argument_error_if!(
            self.ragged && self.output_mode != OutputMode::Int,
            "ragged",
            "`ragged` must not be true if `output_mode` is not 'int'",
        );
        Ok(())
    }
}

default_is_new!(TextVectorization);

impl Layer for TextVectorization {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::{Value, json};
        let lookup = self.lookup.keras_config()?;
        let from_lookup = |key: &str| lookup.get(key).cloned().unwrap_or(Value::Null);
        let ngrams = match self.ngrams.as_deref() {
            None => Value::Null,
            Some([n]) => json!(n),
            Some(many) => json!(many),
        };
        let split = match self.split {
            TextSplit::None => Value::Null,
            other => json!(other.to_string()),
        };
        let mut o = w::obj([
            ("max_tokens", from_lookup("max_tokens")),
            ("standardize", json!(self.standardize)),
            ("split", split),
            ("ngrams", ngrams),
            ("output_mode", json!(self.output_mode.to_string())),
            ("output_sequence_length", json!(self.output_sequence_length)),
            ("pad_to_max_tokens", from_lookup("pad_to_max_tokens")),
            ("sparse", from_lookup("sparse")),
            ("ragged", json!(self.ragged)),
            ("vocabulary", from_lookup("vocabulary")),
            ("idf_weights", from_lookup("idf_weights")),
        ]);
        if let Some(size) = lookup.get("vocabulary_size") {
            o.insert("vocabulary_size".into(), size.clone());
        }
        Some(o)
    }

    layer_common!("TextVectorization");

    /// # Cost
    /// 0 MACs. 0 FLOPs for string standardization, splitting, look-ups
    /// and integer counting, which are not floating-point work (TensorFlow's
    /// profiler counts none of it per sample; it adds 5 FLOPs of range
    /// checks per call, 10 with `multi_hot`/`count`/`tf_idf`, whatever the
    /// batch). With `output_mode="tf_idf"`, by convention one FLOP per
    /// output element for the IDF weight multiply, as `StringLookup`'s:
    /// the profiler cannot count that multiply here, because the split's
    /// shapes are unknown in the graph ("incomplete shapes").
    fn cost(&self, _inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        self.output_mode.idf_cost(outputs)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        self.check_args()?;
        let x = one_input(inputs)?;
        // The inner StringLookup validates its own arguments even in int mode.
        let expanded = match self.split {
            TextSplit::None if x.rank() <= 1 => with_depth(x.dims(), Dim::Known(1)),
            TextSplit::None => x.clone(),
            _ => with_depth(x.dims(), Dim::Unknown),
        };
        let encoded = self.lookup.encoded_shape(&expanded)?;
        if self.output_mode != OutputMode::Int {
            return Ok(single(encoded));
        }
        let length = match self.output_sequence_length {
            Some(n) => Dim::Known(at_least("output_sequence_length", n, 0)?),
            None => Dim::Unknown,
        };
        let batch = x.get(0).ok_or_else(|| LayerError::rank(">= 1", x))?;
        Ok(single(Shape::new([batch, length])))
    }

    // Keras creates the inner StringLookup (and names it) in the
    // constructor: `lookup` took its place in the naming order when made.
}

#[cfg(feature = "keras-json")]
fn text_vectorization_from(c: &crate::config::cfg::Cfg<'_>) -> crate::Result<TextVectorization> {
    use crate::config::json::kind;
    let mode = <OutputMode as crate::layers::declare::Arg>::optional(c, "output_mode")?;
    let mut l = TextVectorization::new()
        .output_mode(mode.unwrap_or(OutputMode::Int))
        .pad_to_max_tokens(c.bool_or("pad_to_max_tokens", false)?)
        .sparse(c.bool_or("sparse", false)?)
        .ragged(c.bool_or("ragged", false)?);
    if let Some(n) = c.opt_int("max_tokens")? {
        l = l.max_tokens(n);
    }
    if let Some(n) = c.opt_int("output_sequence_length")? {
        l = l.output_sequence_length(n);
    }
    // `standardize`/`split`: a name, `null` (none), or a serialized custom
    // callable (no effect on shapes: standardize as none, split as a split).
    l.standardize = match c.get("standardize") {
        None if c.is_null("standardize") => None,
        None => l.standardize,
        Some(crate::config::json::JsonValue::String(s)) => Some(s.to_string()),
        Some(crate::config::json::JsonValue::Object(_)) => None,
        Some(v) => {
            return Err(c.error(
                "standardize",
                format!("expected a string, null or a callable, found {}", kind(v)),
            ));
        }
    };
    l.split = match c.get("split") {
        None if c.is_null("split") => TextSplit::None,
        None => TextSplit::Whitespace,
        Some(crate::config::json::JsonValue::String(s)) => match s.as_ref() {
            "whitespace" => TextSplit::Whitespace,
            "character" => TextSplit::Character,
            other => {
                return Err(c.error(
                    "split",
                    format!("expected whitespace, character, null or a callable, found {other:?}"),
                ));
            }
        },
        Some(crate::config::json::JsonValue::Object(_)) => TextSplit::Whitespace,
        Some(v) => {
            return Err(c.error(
                "split",
                format!("expected a string, null or a callable, found {}", kind(v)),
            ));
        }
    };
    l.ngrams = c.int_list("ngrams")?;
    if let Some(w) = super::float_list(c, "idf_weights")? {
        l = l.idf_weights(w);
    }
    match c.get("vocabulary") {
        None | Some(crate::config::json::JsonValue::String(_)) => {}
        Some(crate::config::json::JsonValue::Array(items)) => {
            let tokens = items
                .iter()
                .map(|v| {
                    v.as_str().map(str::to_owned).ok_or_else(|| {
                        c.error("vocabulary", format!("expected strings, found {}", kind(v)))
                    })
                })
                .collect::<crate::Result<Vec<String>>>()?;
            l = l.vocabulary(tokens);
        }
        Some(v) => {
            return Err(c.error(
                "vocabulary",
                format!(
                    "expected a list of strings or a file path, found {}",
                    kind(v)
                ),
            ));
        }
    }
    // Keras's reload freezes the depth at `vocabulary_size`, the inner
    // lookup's live size (its special tokens only if never adapted).
    l.lookup = l
        .lookup
        .with_frozen_vocab_size(super::vocabulary_size_from(c)?);
    Ok(l)
}

/// Registers `TextVectorization` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    r.builtin("TextVectorization", read_boxed!(text_vectorization_from));
}
