//! `Conv1D`/`Conv2D`/`Conv3D` (`Convolution1D`, ...).

use std::num::NonZeroU64;

use super::checks::*;
use super::{ConvWindow, conv_layer, window_setters};
use crate::args::{IntTuple, Padding};
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, WeightSink, collect_weights, one_input, single};
use crate::shape::Shape;
use crate::weight::{DType, WeightSpec};

// ---------------------------------------------------------------------------
// Conv1D / Conv2D / Conv3D
// ---------------------------------------------------------------------------

conv_layer! {
    class match N {
        1 => "Conv1D" as Conv<1>,
        2 => "Conv2D" as Conv<2>,
        _ => "Conv3D" as Conv<3>,
    };
    /// `keras.layers.ConvND(filters, kernel_size, strides=1, padding="valid",
    /// data_format=None, dilation_rate=1, groups=1, activation=None,
    /// use_bias=True, lora_rank=None)` for `N` spatial dimensions; see
    /// [`Conv1D`], [`Conv2D`], [`Conv3D`].
    ///
    /// # Shapes
    /// Input `(batch, *spatial, in)` (channels last) or `(batch, in, *spatial)`;
    /// output the same with `filters` channels and each spatial size from
    /// [`conv_output_length`](crate::args::conv_output_length). Weights: `kernel (*kernel_size, in / groups,
    /// filters)`, `bias (filters,)` if `use_bias`; with `lora_rank` the kernel
    /// is frozen and `lora_kernel_a (*kernel_size, in / groups, rank)`,
    /// `lora_kernel_b (rank, filters)` (always `float32`) are added.
    #[derive(Debug, Clone)]
    pub struct Conv<const N: usize> {
        /// Keras's `filters`: the output channels.
        filters: i64 = impl crate::args::Int => filters.to_i64(),
        /// Keras's `kernel_size`: the window.
        kernel_size: IntTuple<N> = impl Into<IntTuple<N>> => kernel_size.into(),
    }
    /// A convolution with `filters` output channels and a `kernel_size`
    /// window (an int or a tuple).
    fn new;
    /// Keras's `groups=`. Defaults to 1.
    groups: i64 = 1, |groups: i64| groups;
    /// Keras's `lora_rank=`: enables LoRA, which freezes the kernel and adds
    /// the trainable `lora_kernel_a`/`lora_kernel_b` (0 disables it).
    /// Defaults to `None`.
    lora_rank: Option<i64> = None, |lora_rank: i64| Some(lora_rank);
    /// Keras's `lora_alpha=`: the LoRA scale (no effect on shapes or
    /// weights). Defaults to `lora_rank`.
    lora_alpha: Option<f64> = None, |lora_alpha: f64| Some(lora_alpha);
}

layer_aliases! {
    "Input `(batch, steps, in)` (or `(batch, in, steps)` channels first); output `(batch, \
     new_steps, filters)`. Weights `kernel (k, in / groups, filters)` and `bias (filters,)`.";
    Conv1D | Convolution1D = Conv<1>:
        "1D (temporal) convolution; `padding` may also be [`Padding::Causal`]",
        [None, Some(16)], "::new(32, 3).padding(Padding::Causal).dilation_rate(2)"
            => "(None, None, 32)";
}

layer_aliases! {
    "Input `(batch, rows, cols, in)` (or channels first); output `(batch, new_rows, new_cols, \
     filters)`. Weights `kernel (kh, kw, in / groups, filters)` and `bias (filters,)`.";
    Conv2D | Convolution2D = Conv<2>: "2D convolution",
        [70, 70, 3], "::new(32, (7, 7)).strides((1, 1)).name(\"conv0\")" => "(None, 64, 64, 32)";
}

layer_aliases! {
    "Input `(batch, d1, d2, d3, in)` (or channels first); output `(batch, new_d1, new_d2, \
     new_d3, filters)`. Weights `kernel (k1, k2, k3, in / groups, filters)` and `bias \
     (filters,)`.";
    Conv3D | Convolution3D = Conv<3>: "3D convolution",
        [10, 12, 14, 4], "::new(8, 3).padding(Padding::Same).strides((1, 2, 2))"
            => "(None, 10, 6, 7, 8)";
}

impl<const N: usize> Conv<N> {
    /// Checked arguments and input channels for an input shape.
    fn resolve(&self, x: &Shape) -> Result<Resolved<N>, LayerError> {
        crate::layers::declare::check_optional_activation(self.activation.as_deref())?;
        let filters = strictly_positive("filters", self.filters)?;
        let groups = nonzero("groups", self.groups)?;
        if filters % groups != 0 {
            return Err(LayerError::argument(
                "groups",
                format!(
                    "the number of filters must be evenly divisible by the number of groups, received groups={groups}, filters={filters}"
                ),
            ));
        }
        let window = Window::new(&self.kernel_size, &self.window, true)?;
        if self.window.padding == Padding::Causal && N != 1 {
            return Err(LayerError::argument(
                "padding",
                "`causal` padding is only supported for 1D convolutions",
            ));
        }
        let lora_rank = match self.lora_rank {
            None | Some(0) => None,
            Some(r) => Some(u64::try_from(r).map_err(|_| {
                LayerError::argument("lora_rank", format!("dimension {r} must be >= 0"))
            })?),
        };
        let (in_channels, channel_axis) = input_channels::<N>(x, self.window.data_format)?;
        if in_channels % groups != 0 {
            return Err(LayerError::input(
                x,
                format!(
                    "the number of input channels must be evenly divisible by the number of groups, received groups={groups}, input channels={in_channels}"
                ),
            ));
        }
        Ok(Resolved {
            filters,
            groups,
            window,
            in_channels,
            channel_axis,
            lora_rank,
        })
    }
}

struct Resolved<const N: usize> {
    filters: u64,
    groups: NonZeroU64,
    window: Window<N>,
    in_channels: u64,
    channel_axis: usize,
    lora_rank: Option<u64>,
}

impl<const N: usize> Layer for Conv<N> {
    // With the initializers Keras writes, and `lora_rank`/`lora_alpha`
    // only when given.
    declared_layer_common!(written by |args| {
        crate::layers::declare::with_kernel_initializers(args, &["lora_rank", "lora_alpha"])
    });

    /// # Cost
    /// Output positions × kernel elements (`k·in/groups·filters`) MACs;
    /// FLOPs `2·MACs`, plus one per output element for the bias and the
    /// activation's (see [`crate::compute`]). Unknown with a `lora_rank`
    /// or an unknown spatial size.
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        // The kernel's size without making the weights.
        crate::compute::conv_cost(
            || {
                let r = self.resolve(one_input(inputs)?)?;
                if r.lora_rank.is_some() {
                    return Ok(None);
                }
                let per_group = r.in_channels / r.groups;
                let kernel = crate::weight::product(
                    r.window
                        .kernel
                        .iter()
                        .copied()
                        .chain([per_group, r.filters]),
                )?;
                Ok(Some((smallvec::smallvec![kernel], self.use_bias)))
            },
            inputs,
            outputs,
            self.window.data_format,
            false,
            self.activation.as_deref(),
        )
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let r = self.resolve(x)?;
        conv_shape(x, &self.window, r.channel_axis, r.filters, &r.window).map(single)
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        collect_weights(|w| self.declare_weights(inputs, w), 4)
    }

    fn declare_weights(&self, inputs: &[Shape], w: &mut WeightSink<'_>) -> Result<(), LayerError> {
        self.push_weights(&self.resolve(one_input(inputs)?)?, w)
    }

    // The arguments resolved once for the shape and the weights.
    fn build_call(
        &self,
        inputs: &[Shape],
        w: &mut WeightSink<'_>,
    ) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let r = self.resolve(x)?;
        let shape = conv_shape(x, &self.window, r.channel_axis, r.filters, &r.window)?;
        self.push_weights(&r, w)?;
        Ok(single(shape))
    }
}

impl<const N: usize> Conv<N> {
    /// Hands on the weights of a convolution with arguments `r`.
    fn push_weights(&self, r: &Resolved<N>, w: &mut WeightSink<'_>) -> Result<(), LayerError> {
        let per_group = r.in_channels / r.groups;
        let kernel = WeightSpec::new(
            "kernel",
            r.window
                .kernel
                .iter()
                .copied()
                .chain([per_group, r.filters]),
        );
        w.push(match r.lora_rank {
            Some(_) => kernel.frozen(),
            None => kernel,
        })?;
        if self.use_bias {
            w.push(WeightSpec::new("bias", [r.filters]))?;
        }
        if let Some(rank) = r.lora_rank {
            w.push(
                WeightSpec::new(
                    "lora_kernel_a",
                    r.window.kernel.iter().copied().chain([per_group, rank]),
                )
                .with_dtype(DType::Float32),
            )?;
            w.push(WeightSpec::new("lora_kernel_b", [rank, r.filters]).with_dtype(DType::Float32))?;
        }
        Ok(())
    }
}
