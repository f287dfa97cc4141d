//! Core layers: `Input`/`InputLayer`, `Dense`, `Activation`, `EinsumDense`,
//! `Embedding`, `ReversibleEmbedding`, `Identity`, `Masking` and `Lambda`.

use crate::args::check_activation;
use crate::compute::{self, Cost, output_elements, sample_elements};
use crate::error::{LayerError, Result};
use crate::layer::{Layer, LayerConfig, OutputShapes, known_last_dim, one_input, single};
use crate::model::{CallInputs, LayerHandle, Masks, Tensor};
use crate::shape::{Dim, Shape, ShapeArg};
use crate::weight::{DType, WeightSpec};

/// `keras.Input(shape, batch_size=None, name=None, dtype=None)`: the
/// model's entry point, an `InputLayer` of shape `(batch_size, *shape)`.
///
/// # Shapes
/// Output: `(batch_size, *shape)`, `batch_size` `None` unless given.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([64, 64, 3]).tensor()?;
/// assert_eq!(x.shape().to_string(), "(None, 64, 64, 3)");
/// let y = Input::new([None, Some(8)]).batch_size(4).tensor()?;
/// assert_eq!(y.shape().to_string(), "(4, None, 8)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Input {
    config: LayerConfig,
    shape: ShapeArg,
    batch_size: Option<u64>,
}

fn float32_config() -> LayerConfig {
    let mut c = LayerConfig::default();
    c.set_dtype_policy(crate::weight::DTypePolicy::FLOAT32);
    c
}

/// Keras's class for [`Input`].
pub type InputLayer = Input;

impl Input {
    /// Keras's class of the layer an `Input` makes.
    pub(crate) const CLASS_NAME: &'static str = "InputLayer";

    /// An input of the given shape (without the batch dimension).
    pub fn new(shape: impl Into<ShapeArg>) -> Self {
        crate::layer::constructed(Input {
            // Keras's `Input` takes `backend.floatx()`, not the global policy.
            config: float32_config(),
            shape: shape.into(),
            batch_size: None,
        })
    }

    /// Keras's `batch_shape=`: the full shape, batch dimension included.
    pub fn with_batch_shape(batch_shape: impl Into<ShapeArg>) -> Self {
        let shape: ShapeArg = batch_shape.into();
        crate::layer::constructed(Input {
            // Keras's `Input` takes `backend.floatx()`, not the global policy.
            config: float32_config(),
            shape,
            batch_size: None,
        })
        .batch_shape_marker()
    }

    fn batch_shape_marker(mut self) -> Self {
        // u64::MAX marks "the shape already holds the batch dimension".
        self.batch_size = Some(u64::MAX);
        self
    }

    /// Keras's `batch_size=`. Defaults to `None` (unknown).
    pub fn batch_size(mut self, batch_size: u64) -> Self {
        self.batch_size = Some(batch_size);
        self
    }

    /// The full batch shape, checked.
    pub fn batch_shape(&self) -> Result<Shape, LayerError> {
        let dims = self.shape.resolve().map_err(|v| {
            LayerError::argument(
                "shape",
                format!("dimensions must be >= 0 or None, received {v}"),
            )
        })?;
        Ok(match self.batch_size {
            Some(u64::MAX) => Shape::new(dims),
            Some(b) => Shape::new(std::iter::once(Dim::Known(b)).chain(dims)),
            None => Shape::new(std::iter::once(Dim::Unknown).chain(dims)),
        })
    }

    /// Creates the `InputLayer` and returns its tensor (what `keras.Input`
    /// returns).
    pub fn tensor(self) -> Result<Tensor> {
        LayerHandle::new(Box::new(self)).call(CallInputs::default())
    }
}

impl Layer for Input {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let shape = self.batch_shape().ok()?;
        Some(w::obj([
            ("batch_shape", w::shape_value(&shape)),
            ("dtype", json!(self.config.dtype.name())),
            ("sparse", json!(false)),
            ("ragged", json!(false)),
        ]))
    }
    layer_common!(Input::CLASS_NAME);

    /// # Cost
    /// None: 0 MACs, 0 FLOPs.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        if !inputs.is_empty() {
            return Err(LayerError::InputCount {
                expected: "0".into(),
                received: inputs.len(),
            });
        }
        Ok(single(self.batch_shape()?))
    }

    fn is_input(&self) -> bool {
        true
    }
}

/// `keras.layers.Dense(units, activation=None, use_bias=True)`: a densely
/// connected layer on the last axis.
///
/// # Shapes
/// Input `(batch, ..., in)`, output `(batch, ..., units)`.
/// Weights: `kernel (in, units)`, `bias (units,)` if `use_bias`; with a
/// `lora_rank`, a frozen `kernel` plus `lora_kernel_a (in, rank)` and
/// `lora_kernel_b (rank, units)` (always `float32`).
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([32768]).tensor()?;
/// let y = Dense::new(1).activation("sigmoid").name("fc").call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 1)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Dense {
    config: LayerConfig,
    units: i64,
    activation: Option<String>,
    use_bias: bool,
    lora_rank: Option<i64>,
}

impl Dense {
    /// A dense layer with `units` outputs.
    pub fn new(units: impl crate::args::Int) -> Self {
        let units = units.to_i64();
        crate::layer::constructed(Dense {
            config: LayerConfig::default(),
            units,
            activation: None,
            use_bias: true,
            lora_rank: None,
        })
    }

    /// Keras's `lora_rank=`: a non-zero rank enables LoRA, which freezes
    /// `kernel` and adds trainable `float32` weights `lora_kernel_a
    /// (in, rank)` and `lora_kernel_b (rank, units)`. Defaults to `None`
    /// (no LoRA; `0` also means none, as in Keras).
    pub fn lora_rank(mut self, lora_rank: i64) -> Self {
        self.lora_rank = Some(lora_rank);
        self
    }

    /// Keras's `activation=`. Defaults to none (linear).
    pub fn activation(mut self, activation: impl Into<String>) -> Self {
        self.activation = Some(activation.into());
        self
    }

    /// Keras's `use_bias=`. Defaults to `true`.
    pub fn use_bias(mut self, use_bias: bool) -> Self {
        self.use_bias = use_bias;
        self
    }

    fn units(&self) -> Result<u64, LayerError> {
        if let Some(a) = &self.activation {
            check_activation(a)?;
        }
        u64::try_from(self.units)
            .ok()
            .filter(|u| *u > 0)
            .ok_or_else(|| {
                LayerError::argument(
                    "units",
                    format!("expected a positive integer, received units={}", self.units),
                )
            })
    }
}

impl Layer for Dense {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let mut o = w::obj([
            ("units", json!(self.units)),
            ("activation", w::activation(self.activation.as_ref())),
            ("use_bias", json!(self.use_bias)),
            ("kernel_initializer", w::glorot()),
            ("bias_initializer", w::zeros()),
        ]);
        if let Some(r) = self.lora_rank {
            o.insert("lora_rank".into(), json!(r));
        }
        Some(o)
    }
    layer_common!("Dense");

    /// # Cost
    /// `P·n·units` MACs for an input `(batch, …, n)` with `P` positions
    /// (the product of the non-batch dimensions but the last); FLOPs
    /// `2·MACs`, plus `P·units` for the bias and the activation's
    /// (see [`crate::compute`]). Unknown with a `lora_rank` (Keras merges
    /// the LoRA kernel once per call, whatever the batch).
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        if self.lora_rank.is_some_and(|r| r != 0) {
            return Ok(None);
        }
        let units = self.units()?;
        let (Some(n_in), Some(out)) = (
            sample_elements(one_input(inputs)?)?,
            output_elements(outputs)?,
        ) else {
            return Ok(None);
        };
        compute::contraction_cost(
            crate::weight::checked_mul(n_in, units)?,
            out,
            self.use_bias,
            self.activation.as_deref(),
        )
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let units = self.units()?;
        if x.rank() < 2 {
            return Err(LayerError::rank(">= 2", x));
        }
        known_last_dim(x)?;
        // rank >= 2 (checked above)
        Ok(single(
            x.with(x.rank().saturating_sub(1), Dim::Known(units)),
        ))
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let x = one_input(inputs)?;
        let units = self.units()?;
        let input_dim = known_last_dim(x)?;
        let mut w = Vec::with_capacity(2);
        w.push(WeightSpec::new("kernel", [input_dim, units]));
        if self.use_bias {
            w.push(WeightSpec::new("bias", [units]));
        }
        add_lora(&mut w, self.lora_rank, "kernel", "lora_kernel")?;
        Ok(w)
    }
}

/// `keras.layers.Activation(activation)`: applies an activation function.
///
/// # Shapes
/// Output equals input. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([4]).tensor()?;
/// assert_eq!(Activation::new("relu").call(&x)?.shape(), x.shape());
/// assert!(Activation::new("nope").call(&x).is_err());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Activation {
    config: LayerConfig,
    activation: String,
}

impl Activation {
    /// An activation layer applying `activation` (e.g. `"relu"`).
    pub fn new(activation: impl Into<String>) -> Self {
        crate::layer::constructed(Activation {
            config: LayerConfig::default(),
            activation: activation.into(),
        })
    }
}

impl Layer for Activation {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([("activation", json!(self.activation))]))
    }
    layer_common!("Activation");

    fn built_at_init(&self) -> bool {
        true
    }

    /// # Cost
    /// 0 MACs; the FLOPs TensorFlow's profiler counts for the activation
    /// ([`compute::activation_flops`]), unknown for the others.
    fn cost(&self, _inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        let Some(n) = output_elements(outputs)? else {
            return Ok(None);
        };
        Ok(compute::activation_flops(Some(&self.activation), n)?.map(Cost::elementwise))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        check_activation(&self.activation)?;
        Ok(single(one_input(inputs)?.clone()))
    }
}

/// Enables LoRA as Keras's `enable_lora` does: freezes the weight `base`
/// and appends `{prefix}_a (base[:-1], rank)` and `{prefix}_b (rank,
/// base[-1])`, both `float32`. A rank of `None` or `0` leaves `w` as is.
fn add_lora(
    w: &mut Vec<WeightSpec>,
    rank: Option<i64>,
    base: &str,
    prefix: &str,
) -> Result<(), LayerError> {
    let rank = match rank {
        None | Some(0) => return Ok(()),
        Some(r) => u64::try_from(r).map_err(|_| {
            LayerError::argument(
                "lora_rank",
                format!(
                    "cannot create LoRA weights of rank {r}: negative dimensions are not allowed"
                ),
            )
        })?,
    };
    let Some(kernel) = w.iter_mut().find(|s| s.name == base) else {
        return Ok(());
    };
    kernel.trainable = false; // frozen: created trainable
    let Some((last, head)) = kernel.shape.split_last() else {
        return Err(LayerError::Other(format!(
            "cannot enable LoRA on the scalar weight `{base}`"
        )));
    };
    let a: Vec<u64> = head.iter().copied().chain([rank]).collect();
    let b = [rank, *last];
    w.push(WeightSpec::new(format!("{prefix}_a"), a).with_dtype(DType::Float32));
    w.push(WeightSpec::new(format!("{prefix}_b"), b).with_dtype(DType::Float32));
    Ok(())
}

/// A shape as Python prints a tuple: `(None, 64)`, `(3,)`, `()`.
pub(crate) fn py_tuple(dims: &[Dim]) -> String {
    let inner: Vec<String> = dims.iter().map(ToString::to_string).collect();
    if inner.len() == 1 {
        format!("({},)", inner.join(""))
    } else {
        format!("({})", inner.join(", "))
    }
}

/// Python's `seq[i]` with negative indices, as an index into `len` items.
fn py_index(len: usize, i: i64) -> Option<usize> {
    let n = i64::try_from(len).ok()?;
    let j = if i < 0 { i.checked_add(n)? } else { i };
    if (0..n).contains(&j) {
        usize::try_from(j).ok()
    } else {
        None
    }
}

fn tuple_index_error() -> LayerError {
    LayerError::Other("IndexError: tuple index out of range".into())
}

fn list_index_error() -> LayerError {
    LayerError::Other("IndexError: list index out of range".into())
}

/// Length of the run of ASCII letters at the start of `s`.
fn letter_run(s: &[u8]) -> usize {
    s.iter().take_while(|c| c.is_ascii_alphabetic()).count()
}

/// The three specs of an einsum equation and whether the ellipsis is on
/// the left, as Keras's `_analyze_einsum_string` matches them (regex
/// prefix matches on the equation with `...` replaced by `0`).
fn split_einsum(equation: &str) -> Option<(String, String, String, bool)> {
    let s = equation.replace("...", "0");
    let b = s.as_bytes();
    // Matches `<letters>{min}` at `pos`, returning the run and the next position.
    let run = |pos: usize, min: usize| -> Option<(String, usize)> {
        let rest = b.get(pos..)?;
        let n = letter_run(rest);
        let letters = rest.get(..n).filter(|_| n >= min)?;
        Some((
            String::from_utf8_lossy(letters).into_owned(),
            pos.checked_add(n)?,
        ))
    };
    let lit = |pos: usize, text: &str| -> Option<usize> {
        b.get(pos..)?
            .starts_with(text.as_bytes())
            .then(|| pos.checked_add(text.len()))
            .flatten()
    };
    // "([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)"
    let plain = || {
        let (x, p) = run(0, 1)?;
        let p = lit(p, ",")?;
        let (w, p) = run(p, 1)?;
        let p = lit(p, "->")?;
        let (o, _) = run(p, 1)?;
        Some((x, w, o, false))
    };
    // "0([a-zA-Z]+),([a-zA-Z]+)->0([a-zA-Z]+)"
    let left = || {
        let p = lit(0, "0")?;
        let (x, p) = run(p, 1)?;
        let p = lit(p, ",")?;
        let (w, p) = run(p, 1)?;
        let p = lit(p, "->0")?;
        let (o, _) = run(p, 1)?;
        Some((x, w, o, true))
    };
    // "([a-zA-Z]{2,})0,([a-zA-Z]+)->([a-zA-Z]+)0"
    let right = || {
        let (x, p) = run(0, 2)?;
        let p = lit(p, "0,")?;
        let (w, p) = run(p, 1)?;
        let p = lit(p, "->")?;
        let (o, p) = run(p, 1)?;
        lit(p, "0")?;
        Some((x, w, o, false))
    };
    plain().or_else(left).or_else(right)
}

/// The position of the last occurrence of `c` in `spec` (a Python dict
/// built from `enumerate(spec)` keeps the last index).
fn last_pos(spec: &str, c: char) -> Option<i64> {
    spec.chars()
        .enumerate()
        .filter(|(_, d)| *d == c)
        .last()
        .and_then(|(i, _)| i64::try_from(i).ok())
}

/// What Keras's `_analyze_einsum_string` computes for an `EinsumDense`.
#[derive(Debug, Clone)]
pub(crate) struct EinsumShapes {
    /// The kernel's shape (may hold `None`, which Keras rejects).
    pub kernel: Vec<Dim>,
    /// The bias's shape, if `bias_axes` is given.
    pub bias: Option<Vec<Dim>>,
    /// The full output shape.
    pub output: Vec<Dim>,
}

impl EinsumShapes {
    /// The weights, or Keras's error for a weight shape holding `None`.
    pub(crate) fn weights(&self) -> Result<Vec<WeightSpec>, LayerError> {
        let mut w = vec![WeightSpec::new(
            "kernel",
            fully_defined(&self.kernel, "kernel")?,
        )];
        if let Some(b) = &self.bias {
            w.push(WeightSpec::new("bias", fully_defined(b, "bias")?));
        }
        Ok(w)
    }
}

fn fully_defined(shape: &[Dim], var: &str) -> Result<Vec<u64>, LayerError> {
    shape
        .iter()
        .map(|d| d.known())
        .collect::<Option<Vec<u64>>>()
        .ok_or_else(|| {
            LayerError::Other(format!(
                "shapes used to initialize variables must be fully-defined (no `None` dimensions), received shape={} for variable `{var}`",
                py_tuple(shape)
            ))
        })
}

/// Keras's `_analyze_einsum_string` + `_analyze_split_string`, with the
/// same quirks (left-elided dimensions are inserted in reverse order,
/// extra `output_shape` entries are kept) and the same errors.
pub(crate) fn analyze_einsum(
    equation: &str,
    bias_axes: Option<&str>,
    input: &[Dim],
    partial_output: &[Dim],
) -> Result<EinsumShapes, LayerError> {
    let Some((input_spec, weight_spec, output_spec, left_elided)) = split_einsum(equation) else {
        return Err(LayerError::argument(
            "equation",
            format!(
                "invalid einsum equation '{equation}'. Equations must be in the form [X],[Y]->[Z], ...[X],[Y]->...[Z], or [X]...,[Y]->[Z]...."
            ),
        ));
    };
    let n = i64::try_from(input.len()).map_err(|_| LayerError::overflow("input rank"))?;
    let spec_len =
        i64::try_from(input_spec.chars().count()).map_err(|_| LayerError::overflow("rank"))?;
    // Both are non-negative `i64`s: the difference never saturates.
    let elided = n.saturating_sub(spec_len);
    let mut output: Vec<Dim> = partial_output.to_vec();
    output.insert(0, *input.first().ok_or_else(tuple_index_error)?);
    if elided > 0 && left_elided {
        for i in 1..elided {
            let d = py_index(input.len(), i)
                .and_then(|j| input.get(j))
                .ok_or_else(tuple_index_error)?;
            output.insert(1, *d);
        }
    } else if elided > 0 {
        // `n - elided` is `spec_len`.
        for i in spec_len..n {
            let d = py_index(input.len(), i)
                .and_then(|j| input.get(j))
                .ok_or_else(tuple_index_error)?;
            output.push(*d);
        }
    }
    // Positions and ranks are lengths of in-memory specs and shapes, far
    // from `i64`'s limits; saturating keeps an impossible overflow an
    // out-of-range index (an `IndexError` below) rather than a wrap.
    let input_idx = |c: char| -> Option<i64> {
        // Keras's `i + elided - n`, which is `i - spec_len`.
        last_pos(&input_spec, c).map(|i| {
            if left_elided {
                i.saturating_sub(spec_len)
            } else {
                i
            }
        })
    };
    let output_idx = |c: char| -> Option<i64> {
        last_pos(&output_spec, c).map(|i| {
            if left_elided {
                i.saturating_add(elided)
            } else {
                i
            }
        })
    };
    let input_at = |i: i64| -> Result<Dim, LayerError> {
        py_index(input.len(), i)
            .and_then(|j| input.get(j))
            .copied()
            .ok_or_else(tuple_index_error)
    };
    let output_at = |output: &[Dim], i: i64| -> Result<Dim, LayerError> {
        py_index(output.len(), i)
            .and_then(|j| output.get(j))
            .copied()
            .ok_or_else(list_index_error)
    };
    for dim in input_spec.chars() {
        let i = input_idx(dim).ok_or_else(tuple_index_error)?;
        let in_dim = input_at(i)?;
        if let Some(o) = output_idx(dim) {
            let out_dim = output_at(&output, o)?;
            if out_dim.is_known() && out_dim != in_dim {
                return Err(LayerError::Other(format!(
                    "input shape and output shape do not match at shared dimension '{dim}'. Input shape is {in_dim}, and output shape is {out_dim}."
                )));
            }
        }
    }
    for dim in output_spec.chars() {
        if !input_spec.contains(dim) && !weight_spec.contains(dim) {
            return Err(LayerError::Other(format!(
                "dimension '{dim}' was specified in the output '{output_spec}' but has no corresponding dim in the input spec '{input_spec}' or weight spec '{output_spec}'"
            )));
        }
    }
    let mut kernel = Vec::new();
    for dim in weight_spec.chars() {
        if let Some(o) = output_idx(dim) {
            kernel.push(output_at(&output, o)?);
        } else if let Some(i) = input_idx(dim) {
            kernel.push(input_at(i)?);
        } else {
            return Err(LayerError::Other(format!(
                "weight dimension '{dim}' did not have a match in either the input spec '{input_spec}' or the output spec '{output_spec}'. For this layer, the weight must be fully specified."
            )));
        }
    }
    let bias = match bias_axes {
        None => None,
        Some(axes) => {
            let num_left_elided = if left_elided { elided } else { 0 };
            let mut idx_map: Vec<(char, Dim)> = Vec::new();
            for (i, c) in output_spec.chars().enumerate() {
                let i = i64::try_from(i).map_err(|_| LayerError::overflow("rank"))?;
                let d = output_at(&output, i.saturating_add(num_left_elided))?;
                idx_map.retain(|(k, _)| *k != c);
                idx_map.push((c, d));
            }
            for c in axes.chars() {
                if !output_spec.contains(c) {
                    return Err(LayerError::Other(format!(
                        "bias dimension '{c}' was requested, but is not part of the output spec '{output_spec}'"
                    )));
                }
            }
            let first = axes
                .chars()
                .filter_map(|c| output_spec.chars().position(|d| d == c))
                .min()
                .ok_or_else(|| {
                    LayerError::argument("bias_axes", "min() arg is an empty sequence")
                })?;
            let mut shape: Vec<Dim> = output_spec
                .chars()
                .skip(first)
                .map(|c| {
                    if axes.contains(c) {
                        idx_map
                            .iter()
                            .find(|(k, _)| *k == c)
                            .map_or(Dim::Known(1), |(_, d)| *d)
                    } else {
                        Dim::Known(1)
                    }
                })
                .collect();
            if !left_elided {
                for _ in 0..elided.max(0) {
                    shape.push(Dim::Known(1));
                }
            }
            Some(shape)
        }
    };
    Ok(EinsumShapes {
        kernel,
        bias,
        output,
    })
}

/// `keras.layers.EinsumDense(equation, output_shape, activation=None,
/// bias_axes=None, lora_rank=None)`: a dense layer written as an einsum of
/// the input and a kernel.
///
/// Keras's `output_shape=64` (an int) is `[64]` here; `None` entries are
/// `None` (e.g. `[None, Some(64)]`).
///
/// # Shapes
/// Computed exactly as Keras's `_analyze_einsum_string`: the output is the
/// batch dimension, then `output_shape` (with `None` kept as given, even
/// where the input size is known), with elided (`...`) input dimensions
/// inserted. Weights: `kernel` (its axes from the weight spec) and `bias`
/// (from the first `bias_axes` letter in the output spec to its end, 1 for
/// letters not in `bias_axes`). With a `lora_rank`, a frozen `kernel` plus
/// `lora_kernel_a (kernel[:-1], rank)` and `lora_kernel_b (rank, kernel[-1])`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([32, 128]).tensor()?;
/// let y = EinsumDense::new("abc,cd->abd", [None, Some(64)]).bias_axes("d").call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, None, 64)");
/// let z = EinsumDense::new("...x,xy->...y", [64]).bias_axes("y").call(&x)?;
/// assert_eq!(z.shape().to_string(), "(None, 32, 64)");
/// assert!(EinsumDense::new("ab-c,cd->abd", [64]).call(&x).is_err());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct EinsumDense {
    config: LayerConfig,
    equation: String,
    output_shape: ShapeArg,
    activation: Option<String>,
    bias_axes: Option<String>,
    lora_rank: Option<i64>,
}

impl EinsumDense {
    /// An `EinsumDense` computing `equation` with the given `output_shape`
    /// (excluding the batch dimension and any elided dimensions).
    pub fn new(equation: impl Into<String>, output_shape: impl Into<ShapeArg>) -> Self {
        crate::layer::constructed(EinsumDense {
            config: LayerConfig::default(),
            equation: equation.into(),
            output_shape: output_shape.into(),
            activation: None,
            bias_axes: None,
            lora_rank: None,
        })
    }

    /// Keras's `activation=`. Defaults to none (linear).
    pub fn activation(mut self, activation: impl Into<String>) -> Self {
        self.activation = Some(activation.into());
        self
    }

    /// Keras's `bias_axes=`: the output letters that get a bias. Defaults to
    /// `None` (no bias).
    pub fn bias_axes(mut self, bias_axes: impl Into<String>) -> Self {
        self.bias_axes = Some(bias_axes.into());
        self
    }

    /// Keras's `lora_rank=`: a non-zero rank freezes `kernel` and adds the
    /// trainable `float32` weights `lora_kernel_a`/`lora_kernel_b`.
    /// Defaults to `None` (no LoRA).
    pub fn lora_rank(mut self, lora_rank: i64) -> Self {
        self.lora_rank = Some(lora_rank);
        self
    }

    fn analyze(&self, inputs: &[Shape]) -> Result<EinsumShapes, LayerError> {
        let x = one_input(inputs)?;
        if let Some(a) = &self.activation {
            check_activation(a)?;
        }
        let partial = self.output_shape.resolve().map_err(|v| {
            LayerError::argument(
                "output_shape",
                format!("negative dimensions are not allowed, received {v}"),
            )
        })?;
        analyze_einsum(
            &self.equation,
            self.bias_axes.as_deref(),
            x.dims(),
            &partial,
        )
    }
}

impl Layer for EinsumDense {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let shape = self.output_shape.resolve().ok()?;
        let mut o = w::obj([
            ("equation", json!(self.equation)),
            ("output_shape", w::shape_value(&Shape::new(shape))),
            ("bias_axes", json!(self.bias_axes)),
            ("activation", w::activation(self.activation.as_ref())),
        ]);
        if let Some(r) = self.lora_rank {
            o.insert("lora_rank".into(), json!(r));
        }
        Some(o)
    }
    layer_common!("EinsumDense");

    /// # Cost
    /// Output elements × the product of the kernel axes the equation
    /// contracts (kernel letters missing from the output) MACs; FLOPs
    /// `2·MACs`, plus one per output element with a bias, plus the
    /// activation's. Unknown with a `lora_rank`, or when an input letter
    /// is summed away without meeting the kernel.
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        if self.lora_rank.is_some_and(|r| r != 0) {
            return Ok(None);
        }
        let shapes = self.analyze(inputs)?;
        let Some((input_spec, weight_spec, output_spec, _)) = split_einsum(&self.equation) else {
            return Ok(None);
        };
        if input_spec
            .chars()
            .any(|c| c != '0' && !output_spec.contains(c) && !weight_spec.contains(c))
        {
            return Ok(None);
        }
        let contracted = compute::known_product(
            weight_spec
                .chars()
                .zip(shapes.kernel.iter())
                .filter(|(c, _)| !output_spec.contains(*c))
                .map(|(_, d)| d.known()),
        )?;
        let (Some(contracted), Some(out)) = (contracted, output_elements(outputs)?) else {
            return Ok(None);
        };
        let bias = shapes.bias.is_some();
        compute::contraction_cost(
            crate::weight::checked_mul(out, contracted)?,
            out,
            bias,
            self.activation.as_deref(),
        )
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        Ok(single(Shape::new(self.analyze(inputs)?.output)))
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let mut w = self.analyze(inputs)?.weights()?;
        add_lora(&mut w, self.lora_rank, "kernel", "lora_kernel")?;
        Ok(w)
    }
}

/// `keras.layers.Embedding(input_dim, output_dim, mask_zero=False,
/// lora_rank=None)`: maps integer indices to dense vectors.
///
/// # Shapes
/// Input `(batch, ...)` of any rank, output `(batch, ..., output_dim)`.
/// Weights: `embeddings (input_dim, output_dim)`; with a `lora_rank`, a
/// frozen `embeddings` plus `lora_embeddings_a (input_dim, rank)` and
/// `lora_embeddings_b (rank, output_dim)` (always `float32`).
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let ids = Input::new([None::<u64>]).tensor()?;
/// let x = Embedding::new(1000, 16).mask_zero(true).call(&ids)?;
/// assert_eq!(x.shape().to_string(), "(None, None, 16)");
/// assert!(Embedding::new(0, 16).call(&ids).is_err());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Embedding {
    config: LayerConfig,
    input_dim: i64,
    output_dim: i64,
    mask_zero: bool,
    lora_rank: Option<i64>,
}

impl Embedding {
    /// An embedding of a vocabulary of `input_dim` indices into vectors of
    /// size `output_dim`.
    pub fn new(input_dim: impl crate::args::Int, output_dim: impl crate::args::Int) -> Self {
        let input_dim = input_dim.to_i64();
        let output_dim = output_dim.to_i64();
        crate::layer::constructed(Embedding {
            config: LayerConfig::default(),
            input_dim,
            output_dim,
            mask_zero: false,
            lora_rank: None,
        })
    }

    /// Keras's `mask_zero=`: index 0 is padding and is masked. It changes
    /// no shape or weight, but the summary shows the mask as Keras does:
    /// the `not_equal (NotEqual)` operation that computes it, and in the
    /// `Connected to` of each layer whose call takes a mask (`LSTM`,
    /// `GRU`, `Bidirectional`, `GlobalAveragePooling1D`, …) after its
    /// input, as far as the layers between pass it on (a `Flatten` drops
    /// it). Defaults to `false`.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// # fn main() -> kerasinfo::Result<()> {
    /// kerasinfo::naming::clear_session();
    /// let x = Input::new([12]).tensor()?;
    /// let e = Embedding::new(100, 8).mask_zero(true).call(&x)?;
    /// let h = LSTM::new(6).call(&Dropout::new(0.1).call(&e)?)?;
    /// let s = Functional::new(&x, &h).build()?.summary();
    /// let rows: Vec<&str> = s.rows.iter().map(|r| r.name.as_str()).collect();
    /// assert_eq!(rows, ["input_layer", "embedding", "dropout", "not_equal", "lstm"]); // as Keras
    /// assert_eq!(s.row("lstm").unwrap().connected_to_text(), "dropout[0][0], not_equal[0][0]");
    /// # Ok(()) }
    /// ```
    pub fn mask_zero(mut self, mask_zero: bool) -> Self {
        self.mask_zero = mask_zero;
        self
    }

    /// Keras's `lora_rank=`: a non-zero rank freezes `embeddings` and adds
    /// the trainable `float32` weights `lora_embeddings_a`/`lora_embeddings_b`.
    /// Defaults to `None` (no LoRA).
    pub fn lora_rank(mut self, lora_rank: i64) -> Self {
        self.lora_rank = Some(lora_rank);
        self
    }

    fn dims(&self) -> Result<(u64, u64), LayerError> {
        let check = |name: &str, v: i64| {
            u64::try_from(v).ok().filter(|v| *v > 0).ok_or_else(|| {
                LayerError::argument(
                    name,
                    format!("`{name}` must be a positive integer, received {name}={v}"),
                )
            })
        };
        Ok((
            check("input_dim", self.input_dim)?,
            check("output_dim", self.output_dim)?,
        ))
    }
}

impl Layer for Embedding {
    /// Keras's `supports_masking` (it computes a mask).
    fn supports_masking(&self) -> bool {
        true
    }

    /// `mask_zero=True`: Keras's `ops.not_equal(inputs, 0)`, a `NotEqual`
    /// operation in the graph.
    fn compute_mask(&self, inputs: &[Tensor], _previous: &[Option<Tensor>]) -> Result<Masks> {
        match (self.mask_zero, inputs) {
            (true, [x]) => Ok(smallvec::smallvec![Some(crate::ops::not_equal(x, 0)?)]),
            _ => Ok(Masks::new()),
        }
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let mut o = w::obj([
            ("input_dim", json!(self.input_dim)),
            ("output_dim", json!(self.output_dim)),
            ("mask_zero", json!(self.mask_zero)),
        ]);
        if let Some(r) = self.lora_rank {
            o.insert("lora_rank".into(), json!(r));
        }
        Some(o)
    }
    layer_common!("Embedding");

    /// # Cost
    /// A table look-up: 0 MACs; 2 FLOPs per index — Keras's TensorFlow
    /// graph wraps negative indices (`where(i < 0, i + n, i)`: a `Less`
    /// and an `AddV2`), which TensorFlow's profiler counts; the `Gather`
    /// itself it does not. Unknown with a `lora_rank`.
    fn cost(&self, inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        if self.lora_rank.is_some_and(|r| r != 0) {
            return Ok(None);
        }
        compute::per_element(one_input(inputs)?, 2)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let (_, out) = self.dims()?;
        Ok(single(x.iter().chain([Dim::Known(out)]).collect()))
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        one_input(inputs)?;
        let (vocab, out) = self.dims()?;
        let mut w = vec![WeightSpec::new("embeddings", [vocab, out])];
        add_lora(&mut w, self.lora_rank, "embeddings", "lora_embeddings")?;
        Ok(w)
    }
}

/// `keras.layers.Identity()`: returns its inputs unchanged.
///
/// # Shapes
/// Outputs equal inputs. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([10, 4]).tensor()?;
/// assert_eq!(Identity::new().call(&x)?.shape(), x.shape());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct Identity {
    config: LayerConfig,
}

impl Identity {
    /// An `Identity` layer.
    pub fn new() -> Self {
        crate::layer::constructed(Identity::default())
    }
}

impl Layer for Identity {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let _ = json!(null);
        Some(w::obj([]))
    }
    layer_common!("Identity");

    fn built_at_init(&self) -> bool {
        true
    }

    /// # Cost
    /// 0 MACs, 0 FLOPs.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(Some(Cost::ZERO))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        if inputs.is_empty() {
            return Err(LayerError::InputCount {
                expected: "at least 1".into(),
                received: 0,
            });
        }
        Ok(inputs.iter().cloned().collect())
    }
}

/// `keras.layers.Masking(mask_value=0.0)`: masks timesteps whose features
/// all equal `mask_value`.
///
/// # Shapes
/// Output equals input. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([None, Some(6)]).tensor()?;
/// let y = Masking::new().mask_value(-1.0).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, None, 6)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Masking {
    config: LayerConfig,
    mask_value: f64,
}

impl Masking {
    /// A `Masking` layer with `mask_value` 0.
    pub fn new() -> Self {
        crate::layer::constructed(Masking {
            config: LayerConfig::default(),
            mask_value: 0.0,
        })
    }

    /// Keras's `mask_value=`. Defaults to `0.0`.
    pub fn mask_value(mut self, mask_value: f64) -> Self {
        self.mask_value = mask_value;
        self
    }
}

impl Default for Masking {
    fn default() -> Self {
        Self::new()
    }
}

impl Layer for Masking {
    /// Keras's `supports_masking`.
    fn supports_masking(&self) -> bool {
        true
    }

    /// Keras's `ops.any(ops.not_equal(inputs, mask_value), axis=-1)`: a
    /// `NotEqual` and an `Any` operation in the graph.
    fn compute_mask(&self, inputs: &[Tensor], _previous: &[Option<Tensor>]) -> Result<Masks> {
        match inputs {
            [x] => {
                let ne = crate::ops::not_equal(x, self.mask_value)?;
                Ok(smallvec::smallvec![Some(crate::ops::any(&ne, -1)?)])
            }
            _ => Ok(Masks::new()),
        }
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([("mask_value", json!(self.mask_value))]))
    }
    layer_common!("Masking");

    fn built_at_init(&self) -> bool {
        true
    }

    /// # Cost
    /// 0 MACs; one FLOP per element (the `NotEqual` comparison with
    /// `mask_value`, which TensorFlow's profiler counts).
    fn cost(&self, _inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        match outputs.first() {
            Some(o) => compute::per_element(o, 1),
            None => Ok(None),
        }
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        Ok(single(one_input(inputs)?.clone()))
    }
}

/// A Rust function computing a `Lambda`'s full output shape from its input
/// shapes (Keras's callable `output_shape=`).
pub type OutputShapeFn = dyn Fn(&[Shape]) -> Result<Shape, LayerError> + Send + Sync;

#[derive(Clone)]
enum LambdaShape {
    None,
    Fixed(ShapeArg),
    Function(std::sync::Arc<OutputShapeFn>),
}

impl std::fmt::Debug for LambdaShape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LambdaShape::None => f.write_str("None"),
            LambdaShape::Fixed(s) => write!(f, "Fixed({s:?})"),
            LambdaShape::Function(_) => f.write_str("Function(..)"),
        }
    }
}

/// `keras.layers.Lambda(function, output_shape=None)`: wraps an arbitrary
/// Python expression.
///
/// Rust cannot run the Python function, so Keras's shape inference is not
/// available: give the output shape explicitly, either as Keras's tuple
/// ([`output_shape`](Lambda::output_shape), without the batch dimension,
/// which is taken from the first input) or as a function of the input
/// shapes ([`output_shape_fn`](Lambda::output_shape_fn)). Without one,
/// calling the layer is an error naming it.
///
/// # Shapes
/// Output `(batch, *output_shape)`. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([10, 4]).tensor()?;
/// let y = Lambda::new().output_shape([4]).call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 4)");
/// let z = Lambda::new()
///     .output_shape_fn(|_inputs| Ok(kerasinfo::Shape::batched([40])))
///     .call(&x)?;
/// assert_eq!(z.shape().to_string(), "(None, 40)");
/// assert!(Lambda::new().call(&x).is_err());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Lambda {
    config: LayerConfig,
    output_shape: LambdaShape,
}

impl Lambda {
    /// A `Lambda` layer; give it an output shape before calling it.
    pub fn new() -> Self {
        crate::layer::constructed(Lambda {
            config: LayerConfig::default(),
            output_shape: LambdaShape::None,
        })
    }

    /// Keras's `output_shape=` as a tuple: the output shape without the
    /// batch dimension. Defaults to `None` (Keras infers it by running the
    /// function, which kerasinfo cannot do).
    pub fn output_shape(mut self, output_shape: impl Into<ShapeArg>) -> Self {
        self.output_shape = LambdaShape::Fixed(output_shape.into());
        self
    }

    /// Keras's `output_shape=` as a function: the full output shape
    /// (batch dimension included) from the input shapes.
    pub fn output_shape_fn(
        mut self,
        f: impl Fn(&[Shape]) -> Result<Shape, LayerError> + Send + Sync + 'static,
    ) -> Self {
        self.output_shape = LambdaShape::Function(std::sync::Arc::new(f));
        self
    }
}

impl Default for Lambda {
    fn default() -> Self {
        Self::new()
    }
}

impl Layer for Lambda {
    /// Keras's call takes `mask=`.
    fn takes_mask(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        // Keras's config holds the function itself (Python bytecode, loaded
        // only with `safe_mode=False`); kerasinfo has an output shape only.
        Some(crate::config::writer::unwritable(
            "Keras serializes a Lambda's Python function (its bytecode), which kerasinfo does not have; \
             kerasinfo only knows the Lambda's output shape",
        ))
    }
    layer_common!("Lambda");

    /// # Cost
    /// Unknown: the function is the user's.
    fn cost(&self, _inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        Ok(None)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        if inputs.is_empty() {
            return Err(LayerError::InputCount {
                expected: "at least 1".into(),
                received: 0,
            });
        }
        match &self.output_shape {
            LambdaShape::None => Err(LayerError::argument(
                "output_shape",
                "kerasinfo cannot run a Lambda's Python function to infer its output shape; \
                 specify it with `Lambda::output_shape` or `Lambda::output_shape_fn`",
            )),
            LambdaShape::Fixed(s) => {
                let dims = s.resolve().map_err(|v| {
                    LayerError::argument(
                        "output_shape",
                        format!("negative dimensions are not allowed, received {v}"),
                    )
                })?;
                let batch = inputs
                    .first()
                    .and_then(|s| s.dims().first().copied())
                    .unwrap_or(Dim::Unknown);
                Ok(single(std::iter::once(batch).chain(dims).collect()))
            }
            LambdaShape::Function(f) => Ok(single(f(inputs)?)),
        }
    }
}

/// `keras.layers.ReversibleEmbedding(input_dim, output_dim,
/// tie_weights=True, mask_zero=False, lora_rank=None)`: an [`Embedding`]
/// that can also project back to the vocabulary (`reverse=True`).
///
/// Keras's `reverse` is an argument of each call; kerasinfo has no
/// call-time arguments, so it is a setting of the layer here
/// ([`reverse`](ReversibleEmbedding::reverse)): one instance cannot be
/// called both ways (as a tied input/output embedding is in Keras).
///
/// # Shapes
/// Forward: input `(batch, ...)`, output `(batch, ..., output_dim)`.
/// Reverse: input `(batch, ..., output_dim)`, output `(batch, ...,
/// input_dim)`. Weights: `embeddings (input_dim, output_dim)`, plus
/// `reverse_embeddings (output_dim, input_dim)` unless `tie_weights`; with a
/// `lora_rank` (only with tied weights, as in Keras), a frozen `embeddings`
/// plus `lora_embeddings_a`/`lora_embeddings_b`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let ids = Input::new([6]).tensor()?;
/// let x = ReversibleEmbedding::new(50, 8).tie_weights(false).call(&ids)?;
/// assert_eq!(x.shape().to_string(), "(None, 6, 8)");
/// let logits = ReversibleEmbedding::new(50, 8).reverse(true).call(&x)?;
/// assert_eq!(logits.shape().to_string(), "(None, 6, 50)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct ReversibleEmbedding {
    config: LayerConfig,
    embedding: Embedding,
    tie_weights: bool,
    reverse: bool,
}

impl ReversibleEmbedding {
    /// A reversible embedding of `input_dim` indices into vectors of size
    /// `output_dim`.
    pub fn new(input_dim: impl crate::args::Int, output_dim: impl crate::args::Int) -> Self {
        let input_dim = input_dim.to_i64();
        let output_dim = output_dim.to_i64();
        crate::layer::constructed(ReversibleEmbedding {
            config: LayerConfig::default(),
            embedding: Embedding::new(input_dim, output_dim),
            tie_weights: true,
            reverse: false,
        })
    }

    /// Keras's `tie_weights=`: whether the reverse projection uses the
    /// transposed `embeddings` (otherwise a separate `reverse_embeddings`).
    /// Defaults to `true`.
    pub fn tie_weights(mut self, tie_weights: bool) -> Self {
        self.tie_weights = tie_weights;
        self
    }

    /// Keras's `mask_zero=` (no effect on shapes or weights). Defaults to
    /// `false`.
    pub fn mask_zero(mut self, mask_zero: bool) -> Self {
        self.embedding = self.embedding.mask_zero(mask_zero);
        self
    }

    /// Keras's `lora_rank=`, as for [`Embedding`]. Defaults to `None`.
    pub fn lora_rank(mut self, lora_rank: i64) -> Self {
        self.embedding = self.embedding.lora_rank(lora_rank);
        self
    }

    /// Keras's call argument `reverse=True`: project `(..., output_dim)`
    /// back to `(..., input_dim)` logits. Defaults to `false`.
    pub fn reverse(mut self, reverse: bool) -> Self {
        self.reverse = reverse;
        self
    }
}

impl Layer for ReversibleEmbedding {
    /// Keras's `supports_masking` (its `compute_mask` returns none).
    fn supports_masking(&self) -> bool {
        true
    }

    /// None: Keras masks inside the call.
    fn compute_mask(&self, _inputs: &[Tensor], _previous: &[Option<Tensor>]) -> Result<Masks> {
        Ok(Masks::new())
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::{Value, json};
        let mut o = self.embedding.keras_config()?;
        o.insert("tie_weights".into(), json!(self.tie_weights));
        o.insert("reverse_dtype".into(), Value::Null);
        o.insert("logit_soft_cap".into(), Value::Null);
        if self.reverse {
            // `reverse` is an argument of each call in Keras.
            return Some(w::with_call_kwargs(o, w::obj([("reverse", json!(true))])));
        }
        Some(o)
    }
    layer_common!("ReversibleEmbedding");

    /// # Cost
    /// Forward: a look-up, 0 MACs and FLOPs. Reverse: a projection onto
    /// the vocabulary, output elements × `output_dim` MACs and `2·MACs`
    /// FLOPs. Unknown with a `lora_rank`.
    fn cost(&self, _inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        if self.embedding.lora_rank.is_some_and(|r| r != 0) {
            return Ok(None);
        }
        if !self.reverse {
            return Ok(Some(Cost::ZERO));
        }
        let (_, dim) = self.embedding.dims()?;
        let Some(out) = output_elements(outputs)? else {
            return Ok(None);
        };
        Ok(Some(Cost::contraction(crate::weight::checked_mul(
            out, dim,
        )?)?))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let (vocab, out) = self.embedding.dims()?;
        if !self.reverse {
            return Ok(single(x.iter().chain([Dim::Known(out)]).collect()));
        }
        match x.rank().checked_sub(1) {
            None => Err(LayerError::Other(
                "IndexError: list assignment index out of range".into(),
            )),
            Some(last) => Ok(single(x.with(last, Dim::Known(vocab)))),
        }
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let mut w = self.embedding.weights(inputs)?;
        if !self.tie_weights {
            if w.len() > 1 {
                // Keras's `Embedding.build` enables LoRA and locks the
                // layer before `reverse_embeddings` can be added.
                return Err(LayerError::argument(
                    "lora_rank",
                    "LoRA cannot be combined with `tie_weights=False` (Keras fails to add `reverse_embeddings` to the locked layer)",
                ));
            }
            let (vocab, out) = self.embedding.dims()?;
            w.push(WeightSpec::new("reverse_embeddings", [out, vocab]));
        }
        Ok(w)
    }
}

/// A required string of a layer config.
#[cfg(feature = "keras-json")]
pub(crate) fn config_str<'a>(c: &crate::config::Cfg<'a>, key: &str) -> Result<&'a str> {
    c.opt_str(key)?
        .ok_or_else(|| c.error(key, "missing required string"))
}

/// A shape argument of a layer config given as an int `n` (`(n,)`) or a
/// list of ints and `null`s (`EinsumDense`'s and `MultiHeadAttention`'s
/// `output_shape`); `None` when missing or `null`.
#[cfg(feature = "keras-json")]
pub(crate) fn config_shape_arg(c: &crate::config::Cfg<'_>, key: &str) -> Result<Option<ShapeArg>> {
    let Some(v) = c.get(key) else {
        return Ok(None);
    };
    if let Some(n) = crate::config::as_int(v) {
        return Ok(Some(ShapeArg::from([n])));
    }
    if !v.is_array() {
        return Err(c.error(
            key,
            format!(
                "expected an int or a list, found {}",
                crate::config::kind(v)
            ),
        ));
    }
    Ok(c.opt_dims(key)?.map(ShapeArg::from))
}

/// `InputLayer`: Keras 3's `batch_shape`, tf.keras 2's `batch_input_shape`,
/// or `shape` (+ `batch_size`).
#[cfg(feature = "keras-json")]
fn input_from_config(cfg: &crate::config::Cfg<'_>) -> Result<Box<dyn Layer>> {
    let layer = if let Some(s) = cfg.shape("batch_shape")? {
        Input::with_batch_shape(s)
    } else if let Some(s) = cfg.shape("batch_input_shape")? {
        Input::with_batch_shape(s)
    } else if let Some(s) = cfg.shape("shape")? {
        let i = Input::new(s);
        match cfg.opt_int("batch_size")? {
            Some(b) => {
                i.batch_size(u64::try_from(b).map_err(|_| cfg.error("batch_size", "must be >= 0"))?)
            }
            None => i,
        }
    } else {
        return Err(cfg.error(
            "batch_shape",
            "an InputLayer needs `batch_shape` or `shape`",
        ));
    };
    Ok(Box::new(layer))
}

/// `Lambda`: only with a fixed `output_shape` (a list), since kerasinfo
/// cannot run the serialized Python function.
#[cfg(feature = "keras-json")]
fn lambda_from_config(c: &crate::config::Cfg<'_>) -> Result<Box<dyn Layer>> {
    let name = c.opt_str("name")?.unwrap_or("lambda");
    let cannot = |what: &str| {
        c.error(
            "output_shape",
            format!(
                "the Lambda layer {name:?} {what}: kerasinfo cannot run its Python function to infer its output shape"
            ),
        )
    };
    match c.get("output_shape") {
        None => Err(cannot("has no `output_shape`")),
        Some(v) if v.is_array() => {
            let dims = c.opt_dims("output_shape")?.unwrap_or_default();
            Ok(Box::new(Lambda::new().output_shape(dims)))
        }
        Some(v) if v.is_object() => Err(cannot("computes its `output_shape` with a function")),
        Some(v) => Err(c.error(
            "output_shape",
            format!(
                "expected a list, found {} (Lambda layer {name:?})",
                crate::config::kind(v)
            ),
        )),
    }
}

/// Registers the core classes with the config importer.
#[cfg(feature = "keras-json")]
pub(crate) fn register(r: &mut crate::config::Registry) {
    type Built = Result<Box<dyn Layer>>;
    r.register(Input::CLASS_NAME, input_from_config);
    r.register("Dense", |c| -> Built {
        let mut l = Dense::new(c.int("units")?).use_bias(c.bool_or("use_bias", true)?);
        if let Some(a) = c.activation("activation")? {
            l = l.activation(a);
        }
        if let Some(rank) = c.opt_int("lora_rank")? {
            l = l.lora_rank(rank);
        }
        Ok(Box::new(l))
    });
    r.register("Activation", |c| -> Built {
        let a = c
            .activation("activation")?
            .unwrap_or_else(|| "linear".into());
        Ok(Box::new(Activation::new(a)))
    });
    r.register("EinsumDense", |c| -> Built {
        let output_shape = config_shape_arg(c, "output_shape")?
            .ok_or_else(|| c.error("output_shape", "missing required argument"))?;
        let mut l = EinsumDense::new(config_str(c, "equation")?, output_shape);
        if let Some(a) = c.activation("activation")? {
            l = l.activation(a);
        }
        if let Some(b) = c.opt_str("bias_axes")? {
            l = l.bias_axes(b);
        }
        if let Some(rank) = c.opt_int("lora_rank")? {
            l = l.lora_rank(rank);
        }
        Ok(Box::new(l))
    });
    r.register("Embedding", |c| -> Built {
        let mut l = Embedding::new(c.int("input_dim")?, c.int("output_dim")?)
            .mask_zero(c.bool_or("mask_zero", false)?);
        if let Some(rank) = c.opt_int("lora_rank")? {
            l = l.lora_rank(rank);
        }
        Ok(Box::new(l))
    });
    r.register("ReversibleEmbedding", |c| -> Built {
        let mut l = ReversibleEmbedding::new(c.int("input_dim")?, c.int("output_dim")?)
            .tie_weights(c.bool_or("tie_weights", true)?)
            .mask_zero(c.bool_or("mask_zero", false)?)
            .reverse(c.call_bool_or("reverse", false)?);
        if let Some(rank) = c.opt_int("lora_rank")? {
            l = l.lora_rank(rank);
        }
        Ok(Box::new(l))
    });
    r.register("Identity", |_| -> Built { Ok(Box::new(Identity::new())) });
    r.register("Masking", |c| -> Built {
        Ok(Box::new(
            Masking::new().mask_value(c.float_or("mask_value", 0.0)?),
        ))
    });
    r.register("Lambda", lambda_from_config);
}
