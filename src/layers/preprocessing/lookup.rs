//! `IntegerLookup` and `StringLookup`: one implementation of Keras's
//! `IndexLookup`, generic over the token type.

use std::collections::HashSet;
use std::fmt::Debug;
use std::hash::Hash;

use super::{OutputMode, multi_hot_shape, one_hot_shape};
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape};

/// The vocabulary token type of a lookup layer: `i64` for
/// [`IntegerLookup`], `String` for [`StringLookup`].
pub trait LookupToken: Debug + Clone + Eq + Hash + Send + Sync + 'static {
    /// The Keras class name of the lookup layer over this token type.
    const CLASS: &'static str;
    /// Whether the vocabulary holds integers.
    const INTEGER: bool;
    /// Keras's default `oov_token`.
    fn default_oov() -> Self;
}

impl LookupToken for i64 {
    const CLASS: &'static str = "IntegerLookup";
    const INTEGER: bool = true;
    fn default_oov() -> Self {
        -1
    }
}

impl LookupToken for String {
    const CLASS: &'static str = "StringLookup";
    const INTEGER: bool = false;
    fn default_oov() -> Self {
        "[UNK]".to_owned()
    }
}

keras_layer! {
    class T::CLASS;
    register { "IntegerLookup" => IntegerLookup, "StringLookup" => StringLookup };
    /// Keras's `IndexLookup`: maps tokens to indices through a vocabulary (or
    /// back, with `invert`). Use it as [`IntegerLookup`] or [`StringLookup`].
    ///
    /// # Shapes
    /// The depth is `max_tokens` with `pad_to_max_tokens`, else the
    /// vocabulary size: `len(vocabulary)` plus `num_oov_indices` plus one for
    /// `mask_token` in `int` mode (special tokens already at the start of the
    /// vocabulary count once). Without a vocabulary (one to `adapt()`) the
    /// depth is unknown (`None`).
    /// - `int`: output equals input.
    /// - `one_hot`: a last axis of size 1 (rank > 1) is replaced by the depth,
    ///   otherwise the depth is appended.
    /// - `multi_hot`, `count`, `tf_idf`: the last axis is replaced by the depth.
    ///
    /// No weights: Keras keeps the vocabulary in lookup tables, which are not
    /// variables, so the summary shows 0 parameters.
    #[derive(Debug, Clone)]
    pub struct Lookup<T: LookupToken> {}
    /// A lookup layer with Keras's defaults (no vocabulary yet).
    fn new;
    /// Keras's `max_tokens=`: the maximum vocabulary size. Defaults to `None`.
    max_tokens: Option<i64> = None, |max_tokens: i64| Some(max_tokens);
    /// Keras's `num_oov_indices=`: out-of-vocabulary indices. Defaults to `1`.
    num_oov_indices: i64 = 1, |num_oov_indices: i64| num_oov_indices;
    /// Keras's `mask_token=`: the token for masked inputs. Defaults to `None`.
    mask_token: Option<T> [self::Token] = None, |mask_token: impl Into<T>| Some(mask_token.into());
    /// Keras's `oov_token=`. Defaults to `-1` (`IntegerLookup`) or
    /// `"[UNK]"` (`StringLookup`).
    oov_token: T [self::Token] = T::default_oov(), |oov_token: impl Into<T>| oov_token.into();
    /// Keras's `vocabulary=` (setter below).
    vocabulary: Option<Vec<T>> [self::Token] = None;
    /// Keras's `idf_weights=` (only with `output_mode=TfIdf`). Defaults to `None`.
    idf_weights: Option<Vec<f64>> = None,
        |idf_weights: impl Into<Vec<f64>>| Some(idf_weights.into());
    /// Keras's `invert=`: map indices back to tokens. Defaults to `false`.
    invert: bool = false, |invert: bool| invert;
    /// Keras's `output_mode=`. Defaults to `Int`.
    output_mode: OutputMode = OutputMode::Int, |output_mode: OutputMode| output_mode;
    /// Keras's `sparse=` (only with a non-`int` mode). Defaults to `false`.
    sparse: bool = false, |sparse: bool| sparse;
    /// Keras's `pad_to_max_tokens=`: encode to `max_tokens` values.
    /// Defaults to `false`.
    pad_to_max_tokens: bool = false, |pad_to_max_tokens: bool| pad_to_max_tokens;
    /// Keras's `oov_method=` (`"floormod"` or `"farmhash"`): how OOV
    /// tokens map to OOV indices. Defaults to `"floormod"`.
    oov_method: String = "floormod".to_owned(),
        |oov_method: impl Into<String>| oov_method.into();
    /// Keras's `salt=` (one integer, used twice) for the `farmhash` OOV
    /// method (`IntegerLookup` requires `oov_method="farmhash"`). Defaults
    /// to `None`.
    salt: Option<[i64; 2]> [super::Salt] = None, |salt: i64| Some([salt, salt]);
    /// Keras's hidden `vocabulary_size` (`_frozen_vocab_size`), written by
    /// `get_config`: the size of a vocabulary not in the config (adapted,
    /// or read from a file).
    vocabulary_size: Option<u64> [super::VocabularySize] = None;
}

/// `keras.layers.IntegerLookup(max_tokens=None, num_oov_indices=1,
/// mask_token=None, oov_token=-1, vocabulary=None, idf_weights=None,
/// invert=False, output_mode="int", sparse=False, pad_to_max_tokens=False)`:
/// maps integer features to contiguous indices. See [`Lookup`] for shapes.
///
/// ```
/// use kerasinfo::prelude::*;
/// let x = Input::new([5]).tensor()?;
/// let ids = IntegerLookup::new().vocabulary([12, 36, 1138, 42]).call(&x)?;
/// assert_eq!(ids.shape().to_string(), "(None, 5)");
/// let hot = IntegerLookup::new()
///     .vocabulary([12, 36, 1138, 42])
///     .output_mode(OutputMode::MultiHot)
///     .call(&x)?;
/// assert_eq!(hot.shape().to_string(), "(None, 5)"); // 4 tokens + 1 OOV index
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub type IntegerLookup = Lookup<i64>;

/// `keras.layers.StringLookup(max_tokens=None, num_oov_indices=1,
/// mask_token=None, oov_token="[UNK]", vocabulary=None, idf_weights=None,
/// invert=False, output_mode="int", pad_to_max_tokens=False, sparse=False)`:
/// maps string features to integer indices. See [`Lookup`] for shapes.
///
/// kerasinfo's `Input` has no string dtype; the output shapes depend only
/// on the input shape, so any input works.
///
/// ```
/// use kerasinfo::prelude::*;
/// let x = Input::new([3]).tensor()?;
/// let y = StringLookup::new()
///     .vocabulary(["a", "b", "c"])
///     .output_mode(OutputMode::OneHot)
///     .call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 3, 4)");
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub type StringLookup = Lookup<String>;

impl<T: LookupToken> Lookup<T> {
    /// Keras's `vocabulary=`: the tokens, given explicitly. Defaults to
    /// `None` (to be adapted).
    pub fn vocabulary<V: Into<T>>(mut self, vocabulary: impl IntoIterator<Item = V>) -> Self {
        self.vocabulary = Some(vocabulary.into_iter().map(Into::into).collect());
        self
    }

    /// Sets Keras's hidden `vocabulary_size` (config import).
    #[cfg(feature = "keras-json")]
    pub(super) fn with_frozen_vocab_size(mut self, size: Option<u64>) -> Self {
        self.vocabulary_size = size;
        self
    }

    /// The `oov_method` and `salt` arguments.
    #[must_use]
    pub fn oov_args(&self) -> (&str, Option<[i64; 2]>) {
        (&self.oov_method, self.salt)
    }

    /// Keras's `_token_start_index`: the mask index (int mode only) plus
    /// the OOV indices.
    pub(super) fn token_start(&self) -> Result<u64, LayerError> {
        let oov_start = u64::from(self.mask_token.is_some() && self.output_mode == OutputMode::Int);
        let num_oov = u64::try_from(self.num_oov_indices).map_err(|_| {
            LayerError::argument(
                "num_oov_indices",
                format!(
                    "must be >= 0, received num_oov_indices={}",
                    self.num_oov_indices
                ),
            )
        })?;
        crate::weight::checked_add(oov_start, num_oov)
    }

    /// Checks the arguments as Keras's constructor and `set_vocabulary`
    /// do, and returns the depth of the encoded outputs.
    fn depth(&self) -> Result<Dim, LayerError> {
        if let Some(m) = self.max_tokens {
            argument_error_if!(
                m <= 1,
                "max_tokens",
                format!("if set, `max_tokens` must be greater than 1, received max_tokens={m}"),
            );
        }
        argument_error_if!(
            self.pad_to_max_tokens && self.max_tokens.is_none(),
            "pad_to_max_tokens",
            "if pad_to_max_tokens is True, must set `max_tokens`",
        );
        let token_start = self.token_start()?;
        argument_error_if!(
            self.oov_method != "floormod" && self.oov_method != "farmhash",
            "oov_method",
            format!(
                "expected 'floormod' or 'farmhash', received oov_method={}",
                self.oov_method
            ),
        );
        argument_error_if!(
            self.salt.is_some() && T::INTEGER && self.oov_method != "farmhash",
            "salt",
            format!(
                "`salt` can only be used when `oov_method='farmhash'`, received oov_method={}",
                self.oov_method
            ),
        );
        argument_error_if!(
            self.invert && self.output_mode != OutputMode::Int,
            "output_mode",
            format!(
                "`output_mode` must be 'int' when `invert` is true, received output_mode={}",
                self.output_mode
            ),
        );
        argument_error_if!(
            self.sparse && self.output_mode == OutputMode::Int,
            "sparse",
            "`sparse` may only be true if `output_mode` is 'one_hot', 'multi_hot', 'count' or 'tf_idf'",
        );
        argument_error_if!(
            self.idf_weights.is_some() && self.output_mode != OutputMode::TfIdf,
            "idf_weights",
            format!(
                "`idf_weights` should only be set if `output_mode` is 'tf_idf', received output_mode={}",
                self.output_mode
            ),
        );
        let mut vocab_size = self.vocabulary_size;
        if let Some(vocabulary) = &self.vocabulary {
            let size = self.checked_size(vocabulary, token_start)?;
            // Keras's `_ensure_vocab_size_unchanged`.
            if let Some(frozen) = self.vocabulary_size
                && frozen != size
                && self.output_mode != OutputMode::Int
                && !self.pad_to_max_tokens
            {
                return Err(LayerError::argument(
                    "vocabulary_size",
                    format!(
                        "when using `output_mode={}` and `pad_to_max_tokens=False`, the vocabulary size cannot be changed after the layer is called, old vocab size is {frozen}, new vocab size is {size}",
                        self.output_mode
                    ),
                ));
            }
            vocab_size = Some(size);
        }
        if self.pad_to_max_tokens {
            let m = self.max_tokens.and_then(|m| u64::try_from(m).ok());
            return Ok(Dim::from(m));
        }
        Ok(Dim::from(vocab_size))
    }

    /// Keras's `set_vocabulary` checks; the vocabulary size.
    fn checked_size(&self, vocabulary: &[T], token_start: u64) -> Result<u64, LayerError> {
        argument_error_if!(
            self.output_mode == OutputMode::TfIdf && self.idf_weights.is_none(),
            "idf_weights",
            "when specifying the `vocabulary` argument, in TF-IDF output mode, the `idf_weights` argument must also be provided",
        );
        argument_error_if!(
            vocabulary.is_empty(),
            "vocabulary",
            "cannot set an empty vocabulary",
        );
        let oov_start =
            usize::from(self.mask_token.is_some() && self.output_mode == OutputMode::Int);
        let start =
            usize::try_from(token_start).map_err(|_| LayerError::overflow("token start"))?;
        let found_special = vocabulary.len() >= start
            && vocabulary.iter().take(start).enumerate().all(|(i, t)| {
                if i < oov_start {
                    self.mask_token.as_ref() == Some(t)
                } else {
                    *t == self.oov_token
                }
            });
        let tokens = if found_special {
            vocabulary.get(start..).unwrap_or(&[])
        } else {
            vocabulary
        };
        let mut seen = HashSet::with_capacity(tokens.len());
        let repeated: Vec<&T> = tokens.iter().filter(|t| !seen.insert(*t)).collect();
        argument_error_if!(
            !repeated.is_empty(),
            "vocabulary",
            format!("the passed vocabulary has at least one repeated term: {repeated:?}"),
        );
        if let Some(mask) = &self.mask_token {
            argument_error_if!(
                tokens.contains(mask),
                "vocabulary",
                format!(
                    "found reserved mask token {mask:?} at unexpected location in `vocabulary`"
                ),
            );
        }
        argument_error_if!(
            self.invert && tokens.contains(&self.oov_token),
            "vocabulary",
            format!(
                "found reserved OOV token {:?} at unexpected location in `vocabulary`",
                self.oov_token
            ),
        );
        let n_tokens =
            u64::try_from(tokens.len()).map_err(|_| LayerError::overflow("vocabulary size"))?;
        let size = crate::weight::checked_add(token_start, n_tokens)?;
        if let Some(m) = self.max_tokens {
            argument_error_if!(
                u64::try_from(m).is_ok_and(|m| size > m),
                "max_tokens",
                format!(
                    "attempted to set a vocabulary larger than the maximum vocab size, received vocabulary size is {size}; `max_tokens` is {m}"
                ),
            );
        }
        if let (OutputMode::TfIdf, Some(w)) = (self.output_mode, &self.idf_weights) {
            argument_error_if!(
                w.len() != vocabulary.len(),
                "idf_weights",
                format!(
                    "`idf_weights` must be the same length as vocabulary, len(idf_weights) is {}; len(vocabulary) is {}",
                    w.len(),
                    vocabulary.len()
                ),
            );
        }
        Ok(size)
    }
}

impl<T: LookupToken> Layer for Lookup<T> {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        let mut o = self.keras_args();
        if self.vocabulary.is_some() {
            // Only an adapted (or file) vocabulary is written as its size.
            o.remove("vocabulary_size");
        }
        Some(o)
    }

    layer_common!(Self::KERAS_CLASS);

    /// # Cost
    /// 0 MACs. 0 FLOPs: a table look-up (`LookupTableFindV2`) and integer
    /// counting are not floating-point work, and TensorFlow's profiler
    /// counts none of it (measured); with `output_mode="tf_idf"`, one FLOP
    /// per output element (the IDF weight multiply). With
    /// `multi_hot`/`count`/`tf_idf` the profiler also counts 5 FLOPs per
    /// call, whatever the batch, of scalar range checks (not per-sample
    /// work, left out).
    fn cost(&self, _inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        self.output_mode.idf_cost(outputs)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        Ok(single(self.encoded_shape(one_input(inputs)?)?))
    }
}

impl<T: LookupToken> Lookup<T> {
    /// The output shape for input `x` (shared with `TextVectorization`).
    pub(super) fn encoded_shape(&self, x: &Shape) -> Result<Shape, LayerError> {
        let depth = self.depth()?;
        Ok(match self.output_mode {
            OutputMode::Int => x.clone(),
            OutputMode::OneHot => one_hot_shape(x.dims(), depth),
            _ => multi_hot_shape(x.dims(), depth),
        })
    }
}

/// The [`Codec`](crate::layers::declare::Codec) of the tokens of a
/// lookup over `T` (`oov_token`, `mask_token`, `vocabulary`): Keras's
/// config holds an `i64` as an integer and a `String` as a string (the
/// token types of the registered classes; another is written as its
/// `Debug` text).
#[cfg(feature = "keras-json")]
struct Token;

#[cfg(feature = "keras-json")]
impl Token {
    /// The token `v` under `key` of `c`.
    fn read<T: LookupToken>(
        c: &crate::config::cfg::Cfg<'_>,
        key: &str,
        v: &crate::config::json::JsonValue<'_>,
    ) -> crate::Result<T> {
        let mut token: Option<T> = None;
        let slot: &mut dyn std::any::Any = &mut token;
        if let Some(int) = slot.downcast_mut::<Option<i64>>() {
            *int = crate::config::cfg::as_int(v);
        } else if let Some(string) = slot.downcast_mut::<Option<String>>() {
            *string = v.as_str().map(str::to_owned);
        }
        let what = if T::INTEGER { "an integer" } else { "a string" };
        let kind = crate::config::json::kind(v);
        token.ok_or_else(|| c.error(key, format!("expected {what}, found {kind}")))
    }

    /// The token `t` as Keras's config holds it.
    fn write<T: LookupToken>(t: &T) -> serde_json::Value {
        let any: &dyn std::any::Any = t;
        if let Some(i) = any.downcast_ref::<i64>() {
            serde_json::json!(i)
        } else if let Some(s) = any.downcast_ref::<String>() {
            serde_json::json!(s)
        } else {
            serde_json::json!(format!("{t:?}"))
        }
    }
}

#[cfg(feature = "keras-json")]
impl<T: LookupToken> crate::layers::declare::Codec<T> for Token {
    fn optional(c: &crate::config::cfg::Cfg<'_>, key: &str) -> crate::Result<Option<T>> {
        c.get(key).map(|v| Self::read(c, key, v)).transpose()
    }
    fn write(value: &T) -> serde_json::Value {
        Self::write(value)
    }
}

#[cfg(feature = "keras-json")]
impl<T: LookupToken> crate::layers::declare::Codec<Option<T>> for Token {
    fn optional(c: &crate::config::cfg::Cfg<'_>, key: &str) -> crate::Result<Option<Option<T>>> {
        c.get(key)
            .map(|v| Self::read(c, key, v).map(Some))
            .transpose()
    }
    fn write(value: &Option<T>) -> serde_json::Value {
        value.as_ref().map_or(serde_json::Value::Null, Self::write)
    }
}

/// A `vocabulary`: a list of tokens, or a file path (Keras 3 writes
/// `null` and `vocabulary_size` instead), which is not read (its size
/// comes from `vocabulary_size`).
#[cfg(feature = "keras-json")]
impl<T: LookupToken> crate::layers::declare::Codec<Option<Vec<T>>> for Token {
    fn optional(
        c: &crate::config::cfg::Cfg<'_>,
        key: &str,
    ) -> crate::Result<Option<Option<Vec<T>>>> {
        use crate::config::json::JsonValue;
        match c.get(key) {
            None | Some(JsonValue::String(_)) => Ok(None),
            Some(JsonValue::Array(items)) => {
                let tokens = items.iter().map(|v| Self::read(c, key, v));
                Ok(Some(Some(tokens.collect::<crate::Result<Vec<T>>>()?)))
            }
            Some(v) => Err(c.error(
                key,
                format!(
                    "expected a list of tokens or a file path, found {}",
                    crate::config::json::kind(v)
                ),
            )),
        }
    }
    fn write(value: &Option<Vec<T>>) -> serde_json::Value {
        value.as_ref().map_or(serde_json::Value::Null, |tokens| {
            tokens.iter().map(Self::write).collect()
        })
    }
}
