//! `EinsumDense`, and Keras's analysis of its einsum equation (which
//! `MultiHeadAttention` uses too).

use super::shared::*;
use crate::compute::{self, Cost, output_elements};
use crate::error::{LayerError, Result};
use crate::layer::{Layer, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape, ShapeArg};
use crate::weight::WeightSpec;

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

/// The three specs of an einsum equation and whether the ellipsis is on
/// the left, as Keras's `_analyze_einsum_string` matches them (regex
/// prefix matches on the equation with `...` replaced by `0`): its three
/// `FORMS`, with `A` for `([a-zA-Z]+)` and `B` for `([a-zA-Z]{2,})`.
fn split_einsum(equation: &str) -> Option<(String, String, String, bool)> {
    const FORMS: [(&str, bool); 3] = [("A,A->A", false), ("0A,A->0A", true), ("B0,A->A0", false)];
    let s = equation.replace("...", "0");
    FORMS.iter().find_map(|&(form, left)| {
        let mut rest = s.as_bytes();
        let mut runs = Vec::with_capacity(3);
        for p in form.bytes() {
            if p == b'A' || p == b'B' {
                let n = rest.iter().take_while(|c| c.is_ascii_alphabetic()).count();
                let (run, tail) = rest.split_at_checked(n)?;
                if n < if p == b'B' { 2 } else { 1 } {
                    return None;
                }
                runs.push(String::from_utf8_lossy(run).into_owned());
                rest = tail;
            } else {
                rest = rest.strip_prefix(&[p])?;
            }
        }
        let [x, w, o] = <[String; 3]>::try_from(runs).ok()?;
        Some((x, w, o, left))
    })
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
    let input_at = |i: i64| -> Result<Dim, LayerError> {
        py_index(input.len(), i)
            .and_then(|j| input.get(j))
            .copied()
            .ok_or_else(tuple_index_error)
    };
    let mut output: Vec<Dim> = partial_output.to_vec();
    output.insert(0, *input.first().ok_or_else(tuple_index_error)?);
    if elided > 0 && left_elided {
        for i in 1..elided {
            output.insert(1, input_at(i)?);
        }
    } else if elided > 0 {
        // `n - elided` is `spec_len`.
        for i in spec_len..n {
            output.push(input_at(i)?);
        }
    }
    // Positions and ranks are lengths of in-memory specs and shapes, far
    // from `i64`'s limits; saturating keeps an impossible overflow an
    // out-of-range index (an `IndexError` below) rather than a wrap.
    // With a left `...`, an input position counts from the end (Keras's
    // `i + elided - n`, which is `i - spec_len`) and an output position
    // after the elided axes.
    let (input_shift, output_shift) = if left_elided {
        (spec_len, elided)
    } else {
        (0, 0)
    };
    let input_idx = |c: char| last_pos(&input_spec, c).map(|i| i.saturating_sub(input_shift));
    let output_idx = |c: char| last_pos(&output_spec, c).map(|i| i.saturating_add(output_shift));
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
            let mut idx_map: Vec<(char, Dim)> = Vec::new();
            for (i, c) in output_spec.chars().enumerate() {
                let i = i64::try_from(i).map_err(|_| LayerError::overflow("rank"))?;
                let d = output_at(&output, i.saturating_add(output_shift))?;
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
keras_layer! {
    class "EinsumDense";
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
    /// let x = Input::new([32, 128]).tensor()?;
    /// let y = EinsumDense::new("abc,cd->abd", [None, Some(64)]).bias_axes("d").call(&x)?;
    /// assert_eq!(y.shape().to_string(), "(None, None, 64)");
    /// let z = EinsumDense::new("...x,xy->...y", [64]).bias_axes("y").call(&x)?;
    /// assert_eq!(z.shape().to_string(), "(None, 32, 64)");
    /// assert!(EinsumDense::new("ab-c,cd->abd", [64]).call(&x).is_err());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct EinsumDense {
        /// Keras's `equation`: the einsum equation of input, kernel and output.
        equation: String = impl Into<String> => equation.into(),
        /// Keras's `output_shape`: the output's non-batch dimensions
        /// (`None` for those inferred).
        output_shape: ShapeArg [OutputShape] = impl Into<ShapeArg> => output_shape.into(),
    }
    /// An `EinsumDense` computing `equation` with the given `output_shape`
    /// (excluding the batch dimension and any elided dimensions).
    fn new;
    /// Keras's `activation=`. Defaults to none (linear).
    activation: Option<std::borrow::Cow<'static, str>> [Activation] = None, |activation: impl Into<std::borrow::Cow<'static, str>>| Some(activation.into());
    /// Keras's `bias_axes=`: the output letters that get a bias. Defaults to
    /// `None` (no bias).
    bias_axes: Option<String> = None, |bias_axes: impl Into<String>| Some(bias_axes.into());
    /// Keras's `lora_rank=`: a non-zero rank freezes `kernel` and adds the
    /// trainable `float32` weights `lora_kernel_a`/`lora_kernel_b`.
    /// Defaults to `None` (no LoRA).
    lora_rank: Option<i64> = None, |lora_rank: i64| Some(lora_rank);
}

impl EinsumDense {
    fn analyze(&self, inputs: &[Shape]) -> Result<EinsumShapes, LayerError> {
        let x = one_input(inputs)?;
        crate::layers::declare::check_optional_activation(self.activation.as_deref())?;
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
    layer_common!(Self::KERAS_CLASS);

    /// Its declared arguments, `lora_rank` only when given; none when
    /// `output_shape` has negative dimensions.
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        self.output_shape.resolve().ok()?;
        let mut o = self.keras_args();
        crate::layers::declare::drop_nulls(&mut o, &["lora_rank"]);
        Some(o)
    }

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
        let contracted = crate::weight::known_product(
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
