//! `TextVectorization`, `HashedCrossing` and `MelSpectrogram`.

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
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([1]).tensor()?; // Keras: Input((1,), dtype="string")
/// let ids = TextVectorization::new().max_tokens(100).output_sequence_length(12).call(&x)?;
/// assert_eq!(ids.shape().to_string(), "(None, 12)");
/// let hot = TextVectorization::new()
///     .vocabulary(["the", "cat"])
///     .output_mode(OutputMode::MultiHot)
///     .call(&x)?;
/// assert_eq!(hot.shape().to_string(), "(None, 1, 3)");
/// # Ok(()) }
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

    /// Keras's `max_tokens=`. Defaults to `None`.
    pub fn max_tokens(mut self, max_tokens: i64) -> Self {
        self.lookup = self.lookup.max_tokens(max_tokens);
        self
    }

    /// Keras's `standardize=` (`"lower_and_strip_punctuation"`, `"lower"`,
    /// `"strip_punctuation"`, or `None`). Defaults to
    /// `"lower_and_strip_punctuation"`.
    pub fn standardize(mut self, standardize: Option<&str>) -> Self {
        self.standardize = standardize.map(str::to_owned);
        self
    }

    /// Keras's `split=`. Defaults to `Whitespace`.
    pub fn split(mut self, split: TextSplit) -> Self {
        self.split = split;
        self
    }

    /// Keras's `ngrams=` as an integer `n` (all n-grams up to `n`).
    /// Defaults to `None`.
    pub fn ngrams(mut self, n: i64) -> Self {
        self.ngrams = Some(vec![n]);
        self
    }

    /// Keras's `output_mode=`. Defaults to `Int`.
    pub fn output_mode(mut self, output_mode: OutputMode) -> Self {
        self.output_mode = output_mode;
        self.lookup = self.lookup.output_mode(output_mode);
        self
    }

    /// Keras's `output_sequence_length=` (only with `Int`). Defaults to `None`.
    pub fn output_sequence_length(mut self, length: i64) -> Self {
        self.output_sequence_length = Some(length);
        self
    }

    /// Keras's `pad_to_max_tokens=`. Defaults to `false`.
    pub fn pad_to_max_tokens(mut self, pad: bool) -> Self {
        self.lookup = self.lookup.pad_to_max_tokens(pad);
        self
    }

    /// Keras's `vocabulary=`. Defaults to `None` (to be adapted).
    pub fn vocabulary<V: Into<String>>(mut self, vocabulary: impl IntoIterator<Item = V>) -> Self {
        self.lookup = self.lookup.vocabulary(vocabulary);
        self
    }

    /// Keras's `idf_weights=` (only with `TfIdf`). Defaults to `None`.
    pub fn idf_weights(mut self, idf_weights: impl Into<Vec<f64>>) -> Self {
        self.lookup = self.lookup.idf_weights(idf_weights);
        self
    }

    /// Keras's `sparse=`. Defaults to `false`.
    pub fn sparse(mut self, sparse: bool) -> Self {
        self.lookup = self.lookup.sparse(sparse);
        self
    }

    /// Keras's `ragged=` (only with `Int`). Defaults to `false`.
    pub fn ragged(mut self, ragged: bool) -> Self {
        self.ragged = ragged;
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
            if !allowed.contains(&s.as_str()) {
                return Err(LayerError::argument(
                    "standardize",
                    format!("expected one of {allowed:?} or None, received standardize={s}"),
                ));
            }
        }
        if self.output_mode != OutputMode::Int && self.output_sequence_length.is_some() {
            return Err(LayerError::argument(
                "output_sequence_length",
                "`output_sequence_length` must not be set if `output_mode` is not 'int'",
            ));
        }
        if self.ragged && self.output_mode != OutputMode::Int {
            return Err(LayerError::argument(
                "ragged",
                "`ragged` must not be true if `output_mode` is not 'int'",
            ));
        }
        Ok(())
    }
}

impl Default for TextVectorization {
    fn default() -> Self {
        Self::new()
    }
}

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
        let mut o = w::obj([
            ("max_tokens", from_lookup("max_tokens")),
            ("standardize", json!(self.standardize)),
            (
                "split",
                match self.split {
                    TextSplit::None => Value::Null,
                    other => json!(other.to_string()),
                },
            ),
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
        if self.output_mode != OutputMode::TfIdf {
            return Ok(Some(Cost::ZERO));
        }
        match outputs.first() {
            Some(o) => crate::compute::per_element(o, 1),
            None => Ok(None),
        }
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

/// `keras.layers.HashedCrossing(num_bins, output_mode="int", sparse=False)`:
/// hashes the cross of two categorical features.
///
/// # Shapes
/// Two inputs whose last axes match. `int`: the first input's shape;
/// `one_hot`: a last axis of 1 is replaced by `num_bins`, any other gets
/// `num_bins` appended. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let a = Input::new([1]).tensor()?;
/// let b = Input::new([1]).tensor()?;
/// let y = HashedCrossing::new(16).output_mode(OutputMode::OneHot).call([&a, &b])?;
/// assert_eq!(y.shape().to_string(), "(None, 16)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct HashedCrossing {
    config: LayerConfig,
    num_bins: i64,
    output_mode: OutputMode,
    sparse: bool,
}

impl HashedCrossing {
    /// A hashed crossing into `num_bins` bins.
    pub fn new(num_bins: impl crate::args::Int) -> Self {
        let num_bins = num_bins.to_i64();
        crate::layer::constructed(HashedCrossing {
            config: LayerConfig::default(),
            num_bins,
            output_mode: OutputMode::Int,
            sparse: false,
        })
    }

    /// Keras's `output_mode=` (`Int` or `OneHot`). Defaults to `Int`.
    pub fn output_mode(mut self, output_mode: OutputMode) -> Self {
        self.output_mode = output_mode;
        self
    }

    /// Keras's `sparse=`. Defaults to `false`.
    pub fn sparse(mut self, sparse: bool) -> Self {
        self.sparse = sparse;
        self
    }

    /// Whether the output is sparse.
    #[must_use]
    pub fn is_sparse(&self) -> bool {
        self.sparse
    }
}

impl Layer for HashedCrossing {
    /// Called on a list of tensors.
    fn inputs_arg(&self) -> crate::layer::InputsArg {
        crate::layer::InputsArg::List
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([
            ("num_bins", json!(self.num_bins)),
            ("output_mode", json!(self.output_mode.to_string())),
            ("sparse", json!(self.sparse)),
        ]))
    }

    layer_common!("HashedCrossing");

    fn config_has_trainable(&self) -> bool {
        false
    }

    /// # Cost
    /// 0 MACs, 0 FLOPs: integer/string crossing (`SparseCross`) is not
    /// floating-point work, and TensorFlow's profiler counts none of it
    /// (measured).
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        self.output_mode
            .check(&[OutputMode::Int, OutputMode::OneHot])?;
        let n = Dim::Known(at_least("num_bins", self.num_bins, 0)?);
        let [a, b] = inputs else {
            return Err(LayerError::InputCount {
                expected: "2".into(),
                received: inputs.len(),
            });
        };
        let (Some(la), Some(lb)) = (a.get(-1), b.get(-1)) else {
            return Err(LayerError::rank(">= 1", a));
        };
        if la != lb {
            return Err(LayerError::IncompatibleShapes(vec![a.clone(), b.clone()]));
        }
        let out = match self.output_mode {
            OutputMode::Int => a.clone(),
            _ if la != Dim::Known(1) => with_depth(a.dims(), n),
            _ => with_depth(a.dims().split_last().map_or(&[][..], |(_, i)| i), n),
        };
        Ok(single(out))
    }
}

/// `keras.layers.MelSpectrogram(fft_length=2048, sequence_stride=512,
/// sequence_length=None, window="hann", sampling_rate=16000,
/// num_mel_bins=128, min_freq=20.0, max_freq=None, power_to_db=True,
/// top_db=80.0, mag_exp=2.0, min_power=1e-10, ref_power=1.0)`: audio to
/// mel spectrograms.
///
/// # Shapes
/// Input `(batch, samples, ...)`; output `(batch, num_mel_bins,
/// (samples + sequence_stride + 1) // sequence_stride)` (a rank-1 input
/// gives `(num_mel_bins, frames)`). No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([16000]).tensor()?;
/// let y = MelSpectrogram::new().call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 128, 32)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct MelSpectrogram {
    config: LayerConfig,
    fft_length: i64,
    sequence_stride: i64,
    sequence_length: Option<i64>,
    sampling_rate: i64,
    num_mel_bins: i64,
}

impl MelSpectrogram {
    /// A mel spectrogram layer with Keras's defaults.
    pub fn new() -> Self {
        crate::layer::constructed(MelSpectrogram {
            config: LayerConfig::default(),
            fft_length: 2048,
            sequence_stride: 512,
            sequence_length: None,
            sampling_rate: 16000,
            num_mel_bins: 128,
        })
    }

    /// Keras's `fft_length=`. Defaults to `2048`.
    pub fn fft_length(mut self, fft_length: i64) -> Self {
        self.fft_length = fft_length;
        self
    }

    /// Keras's `sequence_stride=`: samples between frames. Defaults to `512`.
    pub fn sequence_stride(mut self, stride: i64) -> Self {
        self.sequence_stride = stride;
        self
    }

    /// Keras's `sequence_length=`: the window length (at most
    /// `fft_length`). Defaults to `fft_length`.
    pub fn sequence_length(mut self, length: i64) -> Self {
        self.sequence_length = Some(length);
        self
    }

    /// Keras's `sampling_rate=`. Defaults to `16000`.
    pub fn sampling_rate(mut self, rate: i64) -> Self {
        self.sampling_rate = rate;
        self
    }

    /// Keras's `num_mel_bins=`. Defaults to `128`.
    pub fn num_mel_bins(mut self, bins: i64) -> Self {
        self.num_mel_bins = bins;
        self
    }

    /// The `sampling_rate` argument.
    #[must_use]
    pub fn sampling_rate_value(&self) -> i64 {
        self.sampling_rate
    }
}

impl Default for MelSpectrogram {
    fn default() -> Self {
        Self::new()
    }
}

impl Layer for MelSpectrogram {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([
            ("fft_length", json!(self.fft_length)),
            ("sequence_stride", json!(self.sequence_stride)),
            ("sequence_length", json!(self.sequence_length)),
            ("sampling_rate", json!(self.sampling_rate)),
            ("num_mel_bins", json!(self.num_mel_bins)),
        ]))
    }

    layer_common!("MelSpectrogram");

    /// # Cost
    /// Unknown. TensorFlow's profiler counts no `RFFT` (nor `Sqrt`), but
    /// per sample it counts, for `F` frames, `K = fft_length/2 + 1` bins
    /// and `M` mel bins, the filter-bank contraction (`F·K·M` MACs), the
    /// window multiply (`F·fft_length`), the magnitude and power (`4·F·K`)
    /// and, with `power_to_db`, the decibel scaling (`6·F·M`) — measured
    /// with Keras's defaults. The window and the decibel terms depend on
    /// `window` and `power_to_db`, which this layer does not record, so
    /// no figure is given rather than one that is wrong for some configs.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(None)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let length = self.sequence_length.unwrap_or(self.fft_length);
        if self.fft_length < length {
            return Err(LayerError::argument(
                "fft_length",
                format!(
                    "`fft_length` must be greater than or equal to `sequence_length`, received sequence_length={length}, fft_length={}",
                    self.fft_length
                ),
            ));
        }
        let stride = at_least("sequence_stride", self.sequence_stride, 1)?;
        let bins = Dim::Known(at_least("num_mel_bins", self.num_mel_bins, 0)?);
        let x = one_input(inputs)?;
        let frames = |d: Dim| {
            d.try_map(|n| {
                n.checked_add(stride)
                    .and_then(|v| v.checked_add(1))
                    .and_then(|v| v.checked_div(stride))
                    .ok_or_else(|| LayerError::overflow("spectrogram frames"))
            })
        };
        let out = match x.dims() {
            [] => return Err(LayerError::rank(">= 1", x)),
            [samples] => Shape::new([bins, frames(*samples)?]),
            [batch, samples, ..] => Shape::new([*batch, bins, frames(*samples)?]),
        };
        Ok(single(out))
    }
}

/// Keras's `mode=` of [`STFTSpectrogram`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StftMode {
    /// `"log"` (the default): log magnitude.
    #[default]
    Log,
    /// `"magnitude"`.
    Magnitude,
    /// `"psd"`: power spectral density.
    Psd,
    /// `"real"`: the real part only (no `imag_kernel`).
    Real,
    /// `"imag"`: the imaginary part only (no `real_kernel`).
    Imag,
    /// `"angle"`.
    Angle,
    /// `"stft"`: real and imaginary parts concatenated (twice the
    /// frequency channels).
    Stft,
}

/// `keras.layers.STFTSpectrogram(mode="log", frame_length=256,
/// frame_step=None, fft_length=None, window="hann", periodic=False,
/// scaling="density", padding="valid", expand_dims=False,
/// data_format=None)`: short-time Fourier transform as a convolution.
///
/// # Shapes
/// Input `(batch, time, channels)` (or channels first), rank 3. With
/// `fft = fft_length or 2**ceil(log2(frame_length))`, `freq = fft // 2 + 1`
/// (doubled in `stft` mode) and `frames` the convolution length of `time`
/// with window `frame_length`, stride `frame_step or frame_length // 2`
/// and `padding`: output `(batch, frames, freq * channels)` (channels
/// last), `(batch, freq * channels, frames)` (channels first), or with
/// `expand_dims` `(batch, frames, freq, channels)` /
/// `(batch, channels, frames, freq)`.
///
/// Weights (trainable, as Keras creates them): `real_kernel` (unless
/// mode `imag`) and `imag_kernel` (unless mode `real`), each
/// `(frame_length, 1, fft // 2 + 1)`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([16000, 1]).tensor()?;
/// let y = STFTSpectrogram::new().call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 124, 129)");
/// let model = Functional::new(&x, &y).build()?;
/// assert_eq!(model.summary().total_params, 2 * 256 * 129);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct STFTSpectrogram {
    config: LayerConfig,
    mode: StftMode,
    frame_length: i64,
    frame_step: Option<i64>,
    fft_length: Option<i64>,
    window: String,
    periodic: bool,
    scaling: Option<String>,
    padding: crate::args::Padding,
    expand_dims: bool,
    data_format: crate::args::DataFormat,
}

impl STFTSpectrogram {
    /// An STFT spectrogram layer with Keras's defaults.
    pub fn new() -> Self {
        crate::layer::constructed(STFTSpectrogram {
            config: LayerConfig::default(),
            mode: StftMode::Log,
            frame_length: 256,
            frame_step: None,
            fft_length: None,
            window: "hann".to_owned(),
            periodic: false,
            scaling: Some("density".to_owned()),
            padding: crate::args::Padding::Valid,
            expand_dims: false,
            data_format: crate::args::DataFormat::ChannelsLast,
        })
    }

    /// Keras's `mode=`. Defaults to `Log`.
    pub fn mode(mut self, mode: StftMode) -> Self {
        self.mode = mode;
        self
    }

    /// Keras's `frame_length=`: the window length. Defaults to `256`.
    pub fn frame_length(mut self, frame_length: i64) -> Self {
        self.frame_length = frame_length;
        self
    }

    /// Keras's `frame_step=`: the stride, in `[1, frame_length]`. Defaults
    /// to `frame_length // 2`.
    pub fn frame_step(mut self, frame_step: i64) -> Self {
        self.frame_step = Some(frame_step);
        self
    }

    /// Keras's `fft_length=` (at least `frame_length`). Defaults to the
    /// next power of two of `frame_length`.
    pub fn fft_length(mut self, fft_length: i64) -> Self {
        self.fft_length = Some(fft_length);
        self
    }

    /// Keras's `window=` (a `scipy.signal.get_window` name). Defaults to `"hann"`.
    pub fn window(mut self, window: impl Into<String>) -> Self {
        self.window = window.into();
        self
    }

    /// Keras's `periodic=`. Defaults to `false`.
    pub fn periodic(mut self, periodic: bool) -> Self {
        self.periodic = periodic;
        self
    }

    /// Keras's `scaling=` (`"density"`, `"spectrum"` or `None`). Defaults
    /// to `"density"`.
    pub fn scaling(mut self, scaling: Option<&str>) -> Self {
        self.scaling = scaling.map(str::to_owned);
        self
    }

    /// Keras's `padding=` (`Valid` or `Same`). Defaults to `Valid`.
    pub fn padding(mut self, padding: crate::args::Padding) -> Self {
        self.padding = padding;
        self
    }

    /// Keras's `expand_dims=`: keep frequencies and channels apart.
    /// Defaults to `false`.
    pub fn expand_dims(mut self, expand_dims: bool) -> Self {
        self.expand_dims = expand_dims;
        self
    }

    /// Keras's `data_format=`. Defaults to `channels_last`.
    pub fn data_format(mut self, data_format: crate::args::DataFormat) -> Self {
        self.data_format = data_format;
        self
    }

    /// The `window` and `periodic` arguments.
    #[must_use]
    pub fn window_args(&self) -> (&str, bool) {
        (&self.window, self.periodic)
    }

    /// Checks the arguments; returns `(frame_length, frame_step, fft_length)`.
    fn lengths(&self) -> Result<(u64, u64, u64), LayerError> {
        let frame = at_least("frame_length", self.frame_length, 1)?;
        if let Some(step) = self.frame_step {
            if step > self.frame_length || step < 1 {
                return Err(LayerError::argument(
                    "frame_step",
                    format!(
                        "`frame_step` should be a positive integer not greater than `frame_length`, received frame_step={step}, frame_length={}",
                        self.frame_length
                    ),
                ));
            }
        }
        if let Some(fft) = self.fft_length {
            if fft < self.frame_length {
                return Err(LayerError::argument(
                    "fft_length",
                    format!(
                        "`fft_length` should be not less than `frame_length`, received fft_length={fft}, frame_length={}",
                        self.frame_length
                    ),
                ));
            }
        }
        if let Some(s) = &self.scaling {
            if s != "density" && s != "spectrum" {
                return Err(LayerError::argument(
                    "scaling",
                    format!(
                        "scaling must be `None`, 'density' or 'spectrum', received scaling={s}"
                    ),
                ));
            }
        }
        if self.padding == crate::args::Padding::Causal {
            return Err(LayerError::argument(
                "padding",
                "padding should be 'valid' or 'same', received causal",
            ));
        }
        let step = match self.frame_step {
            Some(s) => at_least("frame_step", s, 1)?,
            None => frame / 2,
        };
        let fft = match self.fft_length {
            Some(f) => at_least("fft_length", f, 1)?,
            None => frame
                .checked_next_power_of_two()
                .ok_or_else(|| LayerError::overflow("fft_length"))?,
        };
        Ok((frame, step, fft))
    }
}

/// Keras's `fft_length // 2 + 1` frequency bins (`fft / 2 < u64::MAX`, so
/// the sum never saturates).
fn freq_bins(fft: u64) -> u64 {
    (fft / 2).saturating_add(1)
}

impl Default for STFTSpectrogram {
    fn default() -> Self {
        Self::new()
    }
}

impl Layer for STFTSpectrogram {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let mode = match self.mode {
            StftMode::Log => "log",
            StftMode::Magnitude => "magnitude",
            StftMode::Psd => "psd",
            StftMode::Real => "real",
            StftMode::Imag => "imag",
            StftMode::Angle => "angle",
            StftMode::Stft => "stft",
        };
        Some(w::obj([
            ("mode", json!(mode)),
            ("frame_length", json!(self.frame_length)),
            ("frame_step", json!(self.frame_step)),
            ("fft_length", json!(self.fft_length)),
            ("window", json!(self.window)),
            ("periodic", json!(self.periodic)),
            ("scaling", json!(self.scaling)),
            ("padding", json!(self.padding.to_string())),
            ("data_format", json!(self.data_format.to_string())),
            ("expand_dims", json!(self.expand_dims)),
        ]))
    }

    layer_common!("STFTSpectrogram");

    /// # Cost
    /// Unknown: Keras computes the transform as convolutions with DFT
    /// kernels built from a SciPy window; that graph is not modelled yet
    /// (and the reference run needs SciPy, which the fixture environment
    /// lacks).
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(None)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        use crate::args::DataFormat;
        let (frame, step, fft) = self.lengths()?;
        let x = one_input(inputs)?;
        let [batch, a, b] = x.dims() else {
            return Err(LayerError::rank("3", x));
        };
        let (time, channels) = match self.data_format {
            DataFormat::ChannelsLast => (*a, *b),
            DataFormat::ChannelsFirst => (*b, *a),
        };
        let mut freq = freq_bins(fft);
        if self.mode == StftMode::Stft {
            freq = crate::weight::checked_mul(freq, 2)?;
        }
        let Dim::Known(c) = channels else {
            return Err(LayerError::input(x, "the channels axis must be known"));
        };
        let frames = crate::args::conv_output_length(time, frame, step, 1, self.padding).map_err(
            |e| match e {
                LayerError::Other(msg) => LayerError::input(x, msg),
                other => other,
            },
        )?;
        let out = match (self.expand_dims, self.data_format) {
            (true, DataFormat::ChannelsLast) => {
                Shape::new([*batch, frames, Dim::Known(freq), channels])
            }
            (true, DataFormat::ChannelsFirst) => {
                Shape::new([*batch, channels, frames, Dim::Known(freq)])
            }
            (false, df) => {
                let f = Dim::Known(crate::weight::checked_mul(freq, c)?);
                match df {
                    DataFormat::ChannelsLast => Shape::new([*batch, frames, f]),
                    DataFormat::ChannelsFirst => Shape::new([*batch, f, frames]),
                }
            }
        };
        Ok(single(out))
    }

    fn weights(&self, _inputs: &[Shape]) -> Result<Vec<crate::weight::WeightSpec>, LayerError> {
        use crate::weight::WeightSpec;
        let (frame, _, fft) = self.lengths()?;
        let shape = [frame, 1, freq_bins(fft)];
        let mut w = Vec::with_capacity(2);
        if self.mode != StftMode::Imag {
            w.push(WeightSpec::new("real_kernel", shape));
        }
        if self.mode != StftMode::Real {
            w.push(WeightSpec::new("imag_kernel", shape));
        }
        Ok(w)
    }
}

/// A non-negative `vocabulary_size` of a config.
#[cfg(feature = "keras-json")]
fn vocabulary_size_from(c: &crate::config::cfg::Cfg<'_>) -> crate::Result<Option<u64>> {
    match c.opt_int("vocabulary_size")? {
        None => Ok(None),
        Some(n) => u64::try_from(n)
            .map(Some)
            .map_err(|_| c.error("vocabulary_size", "must be >= 0")),
    }
}

#[cfg(feature = "keras-json")]
fn text_vectorization_from(c: &crate::config::cfg::Cfg<'_>) -> crate::Result<TextVectorization> {
    use crate::config::json::kind;
    let mode = super::output_mode_from(c, OutputMode::Int)?;
    let mut l = TextVectorization::new()
        .output_mode(mode)
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
    let has_vocabulary = match c.get("vocabulary") {
        None | Some(crate::config::json::JsonValue::String(_)) => false,
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
            true
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
    };
    // `vocabulary_size` is the live size of the inner lookup: for a layer
    // never adapted it counts only the special tokens, and Keras's own
    // reload freezes the depth at that count (the original layer's depth
    // was unknown): the import follows Keras's reload.
    let _ = has_vocabulary;
    if let Some(size) = vocabulary_size_from(c)? {
        l.lookup = l.lookup.with_frozen_vocab_size(Some(size));
    }
    Ok(l)
}

#[cfg(feature = "keras-json")]
fn stft_mode_from(c: &crate::config::cfg::Cfg<'_>) -> crate::Result<StftMode> {
    Ok(match c.str_or("mode", "log")? {
        "log" => StftMode::Log,
        "magnitude" => StftMode::Magnitude,
        "psd" => StftMode::Psd,
        "real" => StftMode::Real,
        "imag" => StftMode::Imag,
        "angle" => StftMode::Angle,
        "stft" => StftMode::Stft,
        other => {
            return Err(c.error(
                "mode",
                format!(
                    "expected one of log, magnitude, psd, real, imag, angle, stft, found {other:?}"
                ),
            ));
        }
    })
}

/// Registers `TextVectorization`, `HashedCrossing`, `MelSpectrogram` and
/// `STFTSpectrogram` with the config importer.
#[cfg(feature = "keras-json")]
pub(crate) fn register(r: &mut crate::config::registry::Registry) {
    type Built = crate::Result<Box<dyn Layer>>;
    r.register("TextVectorization", |c| -> Built {
        Ok(Box::new(text_vectorization_from(c)?))
    });
    r.register("HashedCrossing", |c| -> Built {
        Ok(Box::new(
            HashedCrossing::new(c.int("num_bins")?)
                .output_mode(super::output_mode_from(c, OutputMode::Int)?)
                .sparse(c.bool_or("sparse", false)?),
        ))
    });
    r.register("MelSpectrogram", |c| -> Built {
        let mut l = MelSpectrogram::new()
            .fft_length(c.int_or("fft_length", 2048)?)
            .sequence_stride(c.int_or("sequence_stride", 512)?)
            .sampling_rate(c.int_or("sampling_rate", 16000)?)
            .num_mel_bins(c.int_or("num_mel_bins", 128)?);
        l.sequence_length = c.opt_int("sequence_length")?;
        Ok(Box::new(l))
    });
    r.register("STFTSpectrogram", |c| -> Built {
        let mut l = STFTSpectrogram::new()
            .mode(stft_mode_from(c)?)
            .frame_length(c.int_or("frame_length", 256)?)
            .window(c.str_or("window", "hann")?)
            .periodic(c.bool_or("periodic", false)?)
            .padding(c.padding()?)
            .expand_dims(c.bool_or("expand_dims", false)?)
            .data_format(c.data_format()?);
        l.frame_step = c.opt_int("frame_step")?;
        l.fft_length = c.opt_int("fft_length")?;
        l.scaling = if c.is_null("scaling") {
            None
        } else {
            Some(c.str_or("scaling", "density")?.to_owned())
        };
        Ok(Box::new(l))
    });
}
