//! Compute figures: multiply-accumulates (MACs) and floating-point
//! operations (FLOPs) of a layer's inference call, per sample.
//!
//! Every figure is **per sample** (the batch dimension is left out); a
//! batch of `n` costs `n` times as much ([`Cost::for_batch`],
//! [`Summary::cost_for_batch`](crate::Summary::cost_for_batch)). A layer
//! reports its figures through [`Layer::cost`](crate::Layer::cost); `None`
//! means *unknown* — a needed dimension is `None` (e.g. the time steps of
//! a recurrent layer), the layer is a user's custom layer, or its
//! convention is not modelled yet.
//!
//! # Conventions
//!
//! - **MACs** count the multiply-accumulates of *contractions*: a layer's
//!   inputs multiplied with its weights (`Dense`, `EinsumDense`, every
//!   convolution) or with each other (`Dot`). A bias, a normalization, an
//!   activation, a pooling window or an element-wise merge costs **0
//!   MACs**: it is element-wise work and is counted in FLOPs only.
//! - **FLOPs** follow TensorFlow's profiler
//!   (`tf.compat.v1.profiler.profile(graph, options=ProfileOptionBuilder.float_operation())`)
//!   on the inference graph Keras 3 builds with the TensorFlow backend:
//!   each contraction is `2 × MACs`, and the element-wise ops the profiler
//!   counts are added: `BiasAdd`/`Add`/`Sub`/`Mul`/`RealDiv`/`Maximum`/
//!   `Minimum`/`Neg` 1 per element, `Rsqrt` and `SquaredDifference` 2 per
//!   element, `Softmax` 5 per element, `Mean` 1 per input element,
//!   `MaxPool`/`AvgPool` 1 per output element and window position. The
//!   profiler counts **no** FLOPs for `Relu`, `Sigmoid`, `Tanh`, `Elu`,
//!   `LeakyRelu`, `Max` (global max pooling), `ConcatV2`, `Gather`
//!   (embeddings), reshapes and copies, and so neither does kerasinfo.
//!
//! | layer | MACs (per sample) | FLOPs (per sample) | TF profiler | torchinfo `mult-adds` |
//! |---|---|---|---|---|
//! | `Dense(u)` on `(…, n)` | `P·n·u` (`P` positions = product of the leading non-batch dims) | `2·MACs + P·u` (bias) + activation | equal | `Linear`: `(n·u + u)·out_size[0]`: counts the bias as MACs, and on a rank-3 input only the batch — not `P` — multiplies (torchinfo's own quirk) |
//! | `EinsumDense` | output elements × product of the contracted kernel axes | `2·MACs` + bias elements + activation | equal | — |
//! | `ConvND`, grouped | output positions × kernel elements (`k·in/groups·filters`) | `2·MACs` + output elements (bias) + activation | equal | `ConvNd`: `(kernel + bias params) × output positions`: MACs + bias |
//! | `DepthwiseConvND` | output positions × `k·in·multiplier` | as above | equal | `Conv2d(groups=in)`: MACs + bias |
//! | `SeparableConvND` | output positions × (depthwise + pointwise kernel elements) | as above | equal | — |
//! | `ConvNDTranspose` | **input** positions × kernel elements (each input element meets every kernel element once: exact) | `2·MACs` + output elements (bias) + activation | `Conv2DBackpropInput` counts `2·out_elems·kernel/(filters·∏strides)`: equal when `padding="same"` | `ConvTransposeNd`: kernel params × **output** positions (+ bias): larger by `out_positions/in_positions` |
//! | `BatchNormalization` (inference) | 0 | `2·N + (5 + scale)·C` (`x·inv + shift`, plus TF's per-channel `rsqrt`, `mul`, `sub`) | equal | `BatchNorm`: `2·C` (params × batch) |
//! | `LayerNormalization` | 0 | `9·N + 4·G` (`G` normalized groups); `8·N + 4·G` without `center`, `7·N + 5·G` without `scale`, `6·N + 5·G` without either, `6·N + 3·G` with `rms_scaling` | equal | — |
//! | `GroupNormalization` (`G` groups, `C` channels) | 0 | `6·N + 4·G + 3·C` | equal | — |
//! | `UnitNormalization` / `RMSNormalization` (`R` vectors) | 0 | `3·N + 2·R` / `4·N + 3·R` | equal | — |
//! | `Masking` | 0 | `N` (the comparison) | equal | — |
//! | `MaxPoolingND`/`AveragePoolingND` | 0 | output elements × window | equal | `MaxPool`: 0 |
//! | `GlobalAveragePoolingND` | 0 | input elements | equal | — |
//! | `AdaptiveMax/AveragePoolingND` (per spatial axis in turn: length `L` to `O`, `s = ⌈L/O⌉`, `R` other elements) | 0 | `Σ R·((L−s+1)·s + (L−s)·(s+1))` (Keras pools with windows `s` and `s+1`, then gathers) | equal, plus `9·O` FLOPs of window-index arithmetic per axis, once per call whatever the batch; 3D: the pooling uncounted | — |
//! | `GlobalMaxPoolingND` | 0 | 0 (TF does not count `Max`) | equal | — |
//! | `Add`/`Multiply`/`Maximum`/`Minimum` of `k` inputs | 0 | `(k−1)·out` | equal | — |
//! | `Subtract` | 0 | `out` | equal | — |
//! | `Average` of `k` | 0 | `k·out` (`k−1` adds and a division) | equal | — |
//! | `Dot` | output elements × contracted size | `2·MACs` (+ `3·n + 2·n/k` per input with `normalize`) | equal | — |
//! | `SimpleRNN`/`LSTM`/`GRU` (`T` steps, `u` units, `i` features, `g` = 1/4/3 gates) | `T·g·u·(i + u)` | `2·MACs + T·u·e`, `e` = 2/12/14 (`GRU(reset_after=False)`: 11; without bias 1/8/8) | equal (with `unroll=True`; a `While` loop body is not counted) | per step all params, with PyTorch's two biases: MACs `+ T·2·g·u` |
//! | `ConvLSTMND` (`P` positions, `F` filters) | `T·P·`(input + recurrent kernel elements) | `2·MACs + T·12·F·P` | equal | — |
//! | `Bidirectional` | both directions | both + merge: `sum`/`mul` `out`, `ave` `2·out`, `concat` 0 | equal | — |
//! | `TimeDistributed` | `T ×` the inner layer's | `T ×` the inner layer's | equal | — |
//! | `MultiHeadAttention` (`H` heads, `Tq`, `Tk` lengths) | projections (kernel elements × positions) **+ `H·Tq·Tk·(key_dim + value_dim)`** for the score and weighted-sum products | `2·MACs` + biases + `6·H·Tq·Tk` (scaling and softmax) | misses the two products (`Einsum` has no statistics): lower by `2·H·Tq·Tk·(key_dim + value_dim)` | `MultiheadAttention`: 0 (its projections are parameters of a functional call, no sub-module runs) |
//! | `GroupedQueryAttention` | as MHA with the query heads | as MHA | as MHA, plus 2 FLOPs of head-repeat shape arithmetic per call | — |
//! | `Attention` (`dot`) | `Tq·Tv·(d + dv)` | `2·MACs + 5·Tq·Tv` (+ `Tq·Tv` with `use_scale`) | equal (`BatchMatMul`) | — |
//! | `AdditiveAttention`, `Attention(concat)` | `Tq·Tv·dv` (weighted sum) | `2·MACs + 3·Tq·Tv·d + 4·Tq·Tv` (`concat`: `2·Tq·Tv·d + 5·Tq·Tv`; with `use_scale` `3·Tq·Tv·d + 5·Tq·Tv`) | equal | — |
//! | `SpectralNormalization` | the wrapped layer's | the wrapped layer's (inference) | equal | — |
//! | nested model | its total, once per call | its total, once per call | equal | its layers' |
//! | `LayerScale` / `CustomScaleLayer` (Applications) | 0 | `N` / `2·N` | equal | — |
//! | operations (`keras.ops` in a Functional model) | 0 | `add`, `subtract`, `multiply`, `divide`, `power`, `maximum`, `minimum`: 1 per output element; `floor_divide`, `mod` 0; `mean` 1 per input element, `sum` in − out, `max`/`min`/`prod` 0; reshape, transpose, concatenate, slicing 0 | equal | — |
//! | `Softmax` (and `activation="softmax"`) | 0 | `5·N` | equal | — |
//! | `PReLU` | 0 | `4·N` | equal | — |
//! | `ELU(alpha≠1)` | 0 | `2·N` | equal | — |
//! | `ReLU`, `LeakyReLU`, `ELU`, other activations TF leaves uncounted ([`activation_flops`]) | 0 | 0 | equal | 0 |
//! | `ReLU` with arguments | 0 | per element: `threshold` 1, a `max_value` clip 2 (`max_value=6` without threshold: `relu6`, 0), a `negative_slope` 3 (4 with a threshold; alone: `LeakyRelu`, 0) | equal | — |
//! | `Embedding` | 0 | `2·indices` (negative-index wrap) | equal | its params |
//! | `Flatten`, `Reshape`, `Permute`, padding, cropping, `Dropout` & co. (inference), `Concatenate` | 0 | 0 | equal | 0 |
//! | `Pipeline` | the sum of its layers' | the sum of its layers' | equal | — |
//! | augmentations that are the identity at inference (`RandomFlip`, `RandomBrightness`, `RandomShear`, `RandAugment`, `Solarization`, `CutMix`, … see [`Augmentation`](crate::layers::Augmentation)) | 0 | 0 | equal | — |
//! | `AutoContrast` (`N` elements, `C` channels) | 0 | `4·N + 4·C` | equal | — |
//! | augmentations that draw random factors at inference too | 0 | per image: `RandomGrayscale` 3, `RandomHue` 8, `RandomSaturation` 5, `RandomSharpness`/`RandomColorDegeneration` 2, `RandomPosterization` 1, `MixUp` 9 (the draw) | equal, plus a few FLOPs of seed arithmetic once per call | — |
//! | `Hashing`, `Discretization`, `HashedCrossing`, `StringLookup`/`IntegerLookup`, `TextVectorization`, `CategoryEncoding` | 0 | 0 (lookups and `TextVectorization` with `tf_idf`: 1 per output element, the IDF multiply): string hashing, table look-ups, bucketing and integer counting are not floating-point work, and the profiler counts none of it | equal, plus 5 FLOPs of range checks per call whatever the batch for `CategoryEncoding`/lookups with `multi_hot`/`count`/`tf_idf` and `TextVectorization` (10 with `multi_hot`/`count`/`tf_idf`); `TextVectorization`'s IDF multiply is uncounted (unknown shapes after the split): kerasinfo counts it by convention | — |
//! | `RepeatVector`, `UpSamplingND` | 0 | 0 | 1 or 2 FLOPs of shape arithmetic per call, whatever the batch | — |
//! | 3D pooling, `Conv3DTranspose`, grouped `ConvND` | as above | as above | 0 for the pooling / the contraction (`MaxPool3D`, `AvgPool3D`, `Conv3DBackpropInputV2` have no statistics; a grouped convolution runs in a nested function call the profiler does not enter) | — |
//!
//! Checked in `tests/compute.rs` against the profiler on 233 models —
//! single layers, small models, `ResNet50` and `MobileNetV2`
//! (fixtures from `scripts/gen_compute_fixtures.py`) — in total and
//! layer by layer, and against torchinfo 1.8 on 20 PyTorch
//! twins.
//!
//! Where a figure cannot be given exactly (an unknown dimension, a
//! `lora_rank`, a non-default variant whose graph is not modelled),
//! the layer reports `None` rather than a guess. Unknown on purpose:
//! `MelSpectrogram` (an `RFFT` the profiler does not
//! count, beside a filter-bank contraction and per-call constants; not
//! modelled), `STFTSpectrogram` (convolutions with DFT kernels, not
//! modelled; the reference run needs SciPy), and the augmentations that build
//! histograms (`ContrastLimitedAdaptiveHistogramEqualization`;
//! `Equalization` cannot be in a model).
//!
//! ```
//! use kerasinfo::prelude::*;
//! let x = Input::new([8, 8, 3]).tensor()?;
//! let y = Conv2D::new(4, 3).call(&x)?;
//! let s = Functional::new(&x, &y).build()?.summary();
//! let cost = s.cost().expect("every layer is known");
//! assert_eq!(cost.macs, 6 * 6 * 3 * 3 * 3 * 4);
//! assert_eq!(cost.flops, 2 * cost.macs + 6 * 6 * 4);
//! assert_eq!(s.cost_for_batch(32)?.map(|c| c.macs), Some(32 * cost.macs));
//! # Ok::<(), kerasinfo::Error>(())
//! ```

use smallvec::SmallVec;
use std::fmt;

use crate::args::DataFormat;
use crate::error::LayerError;
use crate::shape::Shape;
use crate::weight::{WeightSpec, checked_add, checked_mul, known_product, product};

/// The compute cost of one sample through a layer (or a model): its
/// multiply-accumulates and its floating-point operations. See the
/// [module docs](self) for the conventions.
///
/// ```
/// use kerasinfo::compute::Cost;
/// let dense = Cost::contraction(7 * 5)?.checked_add(Cost::elementwise(5))?;
/// assert_eq!((dense.macs, dense.flops), (35, 75));
/// assert_eq!(dense.for_batch(4)?.flops, 300);
/// # Ok::<(), kerasinfo::LayerError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Cost {
    /// Multiply-accumulates of contractions.
    pub macs: u64,
    /// Floating-point operations, TensorFlow profiler convention.
    pub flops: u64,
}

impl Cost {
    /// No cost: a layer that only moves data.
    pub const ZERO: Cost = Cost { macs: 0, flops: 0 };

    /// A cost of `macs` MACs and `flops` FLOPs.
    ///
    /// ```
    /// assert_eq!(kerasinfo::compute::Cost::new(1, 3).flops, 3);
    /// ```
    #[must_use]
    pub fn new(macs: u64, flops: u64) -> Cost {
        Cost { macs, flops }
    }

    /// A contraction of `macs` multiply-accumulates: `2 × macs` FLOPs.
    ///
    /// ```
    /// assert_eq!(kerasinfo::compute::Cost::contraction(10)?.flops, 20);
    /// # Ok::<(), kerasinfo::LayerError>(())
    /// ```
    pub fn contraction(macs: u64) -> Result<Cost, LayerError> {
        Ok(Cost {
            macs,
            flops: checked_mul(macs, 2)?,
        })
    }

    /// Element-wise work: `flops` FLOPs, no MACs.
    ///
    /// ```
    /// assert_eq!(kerasinfo::compute::Cost::elementwise(4).macs, 0);
    /// ```
    #[must_use]
    pub fn elementwise(flops: u64) -> Cost {
        Cost { macs: 0, flops }
    }

    /// The sum of two costs, overflow-checked.
    ///
    /// ```
    /// use kerasinfo::compute::Cost;
    /// assert_eq!(Cost::new(1, 2).checked_add(Cost::new(3, 4)).unwrap(), Cost::new(4, 6));
    /// assert!(Cost::new(u64::MAX, 0).checked_add(Cost::new(1, 0)).is_err());
    /// ```
    pub fn checked_add(self, other: Cost) -> Result<Cost, LayerError> {
        Ok(Cost {
            macs: checked_add(self.macs, other.macs)?,
            flops: checked_add(self.flops, other.flops)?,
        })
    }

    /// The cost of `n` samples (or `n` repetitions), overflow-checked.
    ///
    /// ```
    /// use kerasinfo::compute::Cost;
    /// assert_eq!(Cost::new(2, 5).for_batch(3).unwrap(), Cost::new(6, 15));
    /// assert!(Cost::new(u64::MAX, 0).for_batch(2).is_err());
    /// ```
    pub fn for_batch(self, n: u64) -> Result<Cost, LayerError> {
        Ok(Cost {
            macs: checked_mul(self.macs, n)?,
            flops: checked_mul(self.flops, n)?,
        })
    }
}

impl fmt::Display for Cost {
    /// `35 MACs, 75 FLOPs`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} MACs, {} FLOPs", self.macs, self.flops)
    }
}

/// The sum of optional costs: `None` if any is unknown.
///
/// ```
/// use kerasinfo::compute::{sum, Cost};
/// assert_eq!(sum([Some(Cost::new(1, 2)), Some(Cost::new(1, 1))]).unwrap(), Some(Cost::new(2, 3)));
/// assert_eq!(sum([Some(Cost::new(1, 2)), None]).unwrap(), None);
/// ```
pub fn sum(costs: impl IntoIterator<Item = Option<Cost>>) -> Result<Option<Cost>, LayerError> {
    let mut total = Cost::ZERO;
    for c in costs {
        match c {
            Some(c) => total = total.checked_add(c)?,
            None => return Ok(None),
        }
    }
    Ok(Some(total))
}

/// The number of elements of one sample of `shape` (every dimension but
/// the batch), or `None` if one of them is unknown.
///
/// ```
/// use kerasinfo::{compute::sample_elements, Dim, Shape};
/// assert_eq!(sample_elements(&Shape::batched([4, 5])).unwrap(), Some(20));
/// assert_eq!(sample_elements(&Shape::new([Dim::Unknown, Dim::Unknown])).unwrap(), None);
/// ```
pub fn sample_elements(shape: &Shape) -> Result<Option<u64>, LayerError> {
    shape.known_feature_size()
}

/// The FLOPs TensorFlow's profiler counts for a Keras activation applied
/// to `elements` values, as measured on Keras 3's TensorFlow graphs: 0 for
/// `linear` and for activations made of ops the profiler leaves uncounted
/// (`relu`, `sigmoid`, `tanh`, `elu`, `selu`, `softplus`, `softsign`,
/// `relu6`, `exponential`, `leaky_relu`, `log_softmax`); per element 1
/// for `mish`, `tanh_shrink`, `hard_shrink`, 2 for `swish`/`silu`,
/// `hard_sigmoid`, `hard_tanh`, `log_sigmoid`, 3 for `hard_silu`, 4 for
/// `gelu`, `soft_shrink`, `squareplus`, 5 for `softmax`, `celu`,
/// `sparse_plus`; `None` for the others (`glu`, `sparsemax`, unknown
/// names).
///
/// ```
/// use kerasinfo::compute::activation_flops;
/// assert_eq!(activation_flops(Some("relu"), 10).unwrap(), Some(0));
/// assert_eq!(activation_flops(Some("softmax"), 10).unwrap(), Some(50));
/// assert_eq!(activation_flops(None, 10).unwrap(), Some(0));
/// ```
pub fn activation_flops(
    activation: Option<&str>,
    elements: u64,
) -> Result<Option<u64>, LayerError> {
    Ok(match activation {
        None
        | Some(
            "linear" | "relu" | "sigmoid" | "tanh" | "elu" | "selu" | "softplus" | "softsign"
            | "relu6" | "exponential" | "leaky_relu" | "log_softmax",
        ) => Some(0),
        Some("mish" | "tanh_shrink" | "hard_shrink") => Some(elements),
        Some("swish" | "silu" | "hard_sigmoid" | "hard_tanh" | "log_sigmoid") => {
            Some(checked_mul(elements, 2)?)
        }
        Some("hard_silu") => Some(checked_mul(elements, 3)?),
        Some("gelu" | "soft_shrink" | "squareplus") => Some(checked_mul(elements, 4)?),
        Some("softmax" | "celu" | "sparse_plus") => Some(checked_mul(elements, 5)?),
        Some(_) => None,
    })
}

/// The cost of a layer whose output gets an optional bias and an
/// activation after `contraction` MACs: `2·MACs + bias + activation`.
pub(crate) fn contraction_cost(
    macs: u64,
    output_elements: u64,
    use_bias: bool,
    activation: Option<&str>,
) -> Result<Option<Cost>, LayerError> {
    let Some(act) = activation_flops(activation, output_elements)? else {
        return Ok(None);
    };
    let bias = if use_bias { output_elements } else { 0 };
    Ok(Some(
        Cost::contraction(macs)?.checked_add(Cost::elementwise(checked_add(bias, act)?))?,
    ))
}

/// The element counts of a convolution's kernels (one, or a separable
/// convolution's two), kept inline.
pub(crate) type KernelCounts = SmallVec<[u64; 2]>;

/// The cost of any convolution (see the module table) from what it reads
/// of the weights, which a layer can give without making them: the
/// kernels' element counts and whether there is a bias (`None`: LoRA
/// weights, an unknown cost). Each kernel element meets every output
/// position once (every **input** position for a transposed convolution),
/// a bias adds one FLOP per output element. `None` also with unknown
/// spatial sizes.
pub(crate) fn conv_cost(
    kernels: impl FnOnce() -> Result<Option<(KernelCounts, bool)>, LayerError>,
    inputs: &[Shape],
    outputs: &[Shape],
    data_format: DataFormat,
    transpose: bool,
    activation: Option<&str>,
) -> Result<Option<Cost>, LayerError> {
    // Called after the layer's shapes are computed: one input, one output.
    let (Some(output), [input]) = (outputs.first(), inputs) else {
        return Ok(None);
    };
    let Some((kernels, use_bias)) = kernels()? else {
        return Ok(None);
    };
    let dims = if transpose { input } else { output }.dims();
    let spatial = data_format.spatial_axes(dims.len());
    let positions = known_product(spatial.map(|i| dims.get(i).and_then(|d| d.known())))?;
    let (Some(positions), Some(out)) = (positions, sample_elements(output)?) else {
        return Ok(None);
    };
    let mut macs = 0u64;
    for count in kernels {
        macs = checked_add(macs, checked_mul(positions, count)?)?;
    }
    contraction_cost(macs, out, use_bias, activation)
}

/// The `kernel` element count and whether there is a `bias`, for
/// [`conv_cost`], from a convolution's weights.
pub(crate) fn kernel_and_bias(
    weights: &[WeightSpec],
) -> Result<Option<(KernelCounts, bool)>, LayerError> {
    let mut kernels = KernelCounts::new();
    for w in weights.iter().filter(|w| w.name == "kernel") {
        kernels.push(product(w.shape.iter().copied())?);
    }
    Ok(Some((kernels, weights.iter().any(|w| w.name == "bias"))))
}

/// The cost of an element-wise merge of `inputs` tensors into `outputs`:
/// one FLOP per output element for each input after the first, plus
/// `extra` per output element.
pub(crate) fn merge_cost(
    inputs: usize,
    outputs: &[Shape],
    extra: u64,
) -> Result<Option<Cost>, LayerError> {
    let k = u64::try_from(inputs.saturating_sub(1)).map_err(|_| LayerError::overflow("inputs"))?;
    per_output_element(outputs, checked_add(k, extra)?)
}

/// `per_element` FLOPs for each element of one sample of `shape` (no
/// MACs), or `None` if a dimension is unknown.
pub(crate) fn per_element(shape: &Shape, per_element: u64) -> Result<Option<Cost>, LayerError> {
    sample_elements(shape)?
        .map(|n| checked_mul(n, per_element).map(Cost::elementwise))
        .transpose()
}

/// The elements of one sample of a layer's first output, or `None` if
/// unknown (or there is no output).
pub(crate) fn output_elements(outputs: &[Shape]) -> Result<Option<u64>, LayerError> {
    outputs.first().map_or(Ok(None), sample_elements)
}

/// `(T, d)` of a rank-3 `(batch, T, d)` attention input, or `None`.
fn seq_dims(s: &Shape) -> Option<(u64, u64)> {
    match s.dims() {
        [_, t, d] => Some((t.known()?, d.known()?)),
        _ => None,
    }
}

/// The cost of projected multi-head attention (`MultiHeadAttention`,
/// `GroupedQueryAttention`) on rank-3 `query`, `value`, `key` from its
/// projection weights (`query/kernel`, `key/…`, `value/…`,
/// `attention_output/…`, each with an optional `bias`): each projection's
/// kernel elements × the positions it runs on (`Tq` for the query and the
/// output, `Tk` for key and value) MACs, one FLOP per projected element
/// for a bias; then per score-head `Tq·Tk·key_dim` MACs for the scores
/// and `Tq·Tk·value_dim` for the weighted sum, and per score element a
/// scaling multiply and the softmax's 5 FLOPs.
pub(crate) fn projected_attention_cost(
    weights: &[WeightSpec],
    query: &Shape,
    value: &Shape,
    key: &Shape,
    score_heads: u64,
    key_dim: u64,
    value_dim: u64,
) -> Result<Option<Cost>, LayerError> {
    let (Some((tq, _)), Some((tv, _)), Some((tk, _))) =
        (seq_dims(query), seq_dims(value), seq_dims(key))
    else {
        return Ok(None);
    };
    let mut cost = Cost::ZERO;
    for w in weights {
        let Some((proj, kind)) = w.name.split_once('/') else {
            return Ok(None);
        };
        let positions = match proj {
            "query" | "attention_output" => tq,
            "key" => tk,
            "value" => tv,
            _ => return Ok(None),
        };
        let n = checked_mul(product(w.shape.iter().copied())?, positions)?;
        cost = cost.checked_add(match kind {
            "kernel" => Cost::contraction(n)?,
            "bias" => Cost::elementwise(n),
            _ => return Ok(None),
        })?;
    }
    let scores = product([score_heads, tq, tk])?;
    let matmuls = Cost::contraction(checked_mul(scores, checked_add(key_dim, value_dim)?)?)?;
    let elementwise = Cost::elementwise(checked_mul(scores, 6)?);
    Ok(Some(cost.checked_add(matmuls)?.checked_add(elementwise)?))
}

/// The scores unprojected attention computes (see
/// [`unprojected_attention_cost`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scores {
    /// `Attention(score_mode="dot")`: `q·k`.
    Dot,
    /// `AdditiveAttention`: `Σ scale·tanh(q + k)`.
    Additive,
    /// `Attention(score_mode="concat")`: additive scores, each times
    /// `concat_score_weight`.
    Concat,
}

/// The cost of unprojected attention (`Attention`, `AdditiveAttention`)
/// of rank-3 `query` `(Tq, d)` over `value` `(Tv, dv)`, `None` for other
/// shapes: `Tq·Tv·dv` MACs for the weighted sum and the softmax's 5 FLOPs
/// per score, plus the scores':
/// - [`Scores::Dot`]: `Tq·Tv·d` MACs, and with `scale` one multiply per
///   score;
/// - [`Scores::Additive`]: element-wise work as TensorFlow's graph does it:
///   `Tq·Tv·d` adds, as many multiplies when `scale` multiplies the terms,
///   and a `Sum` of `Tq·Tv·d − Tq·Tv`;
/// - [`Scores::Concat`]: the additive count, then one multiply per score
///   by `concat_score_weight`.
pub(crate) fn unprojected_attention_cost(
    query: &Shape,
    value: &Shape,
    scores: Scores,
    scale: bool,
) -> Result<Option<Cost>, LayerError> {
    let (Some((tq, d)), Some((tv, dv))) = (seq_dims(query), seq_dims(value)) else {
        return Ok(None);
    };
    let n = checked_mul(tq, tv)?;
    // The additive scores' adds, `scale` multiplies and `Sum`, less one per score.
    let additive = || {
        checked_mul(checked_mul(n, d)?, if scale { 3 } else { 2 })?
            .checked_sub(n)
            .ok_or_else(|| LayerError::overflow("additive attention scores"))
    };
    // MACs of the scores and the weighted sum; FLOPs besides `2·MACs` and the softmax's.
    let (macs, flops) = match scores {
        Scores::Dot => (
            checked_mul(n, checked_add(d, dv)?)?,
            if scale { n } else { 0 },
        ),
        Scores::Additive => (checked_mul(n, dv)?, additive()?),
        Scores::Concat => (checked_mul(n, dv)?, checked_add(additive()?, n)?),
    };
    let flops = checked_add(flops, checked_mul(n, 5)?)?;
    Ok(Some(
        Cost::contraction(macs)?.checked_add(Cost::elementwise(flops))?,
    ))
}

/// `flops` FLOPs for each element of one sample of a layer's first output,
/// or `None` if unknown (or there is no output).
pub(crate) fn per_output_element(
    outputs: &[Shape],
    flops: u64,
) -> Result<Option<Cost>, LayerError> {
    outputs.first().map_or(Ok(None), |o| per_element(o, flops))
}
