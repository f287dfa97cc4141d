//! Convolutional LSTM layers: `ConvLSTM1D`, `ConvLSTM2D`, `ConvLSTM3D`.

use super::{
    CellArgs, RecurrentLayer, RnnOptions, cell_setters, recurrent_call_methods, rnn_option_methods,
    rnn_outputs,
};
use crate::args::{IntTuple, Padding, SpatialRank, map_spatial, window_length};
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, one_input};
use crate::layers::convolutional::{ConvWindow, window_setters};
use crate::shape::{Dim, Shape};
use crate::weight::{WeightSpec, checked_add, checked_mul, product};

keras_layer! {
    class match N {
        1 => "ConvLSTM1D" as ConvLSTM<1>,
        2 => "ConvLSTM2D" as ConvLSTM<2>,
        _ => "ConvLSTM3D" as ConvLSTM<3>,
    } as dyn RecurrentLayer;
    /// `keras.layers.ConvLSTMND(filters, kernel_size, strides=1,
    /// padding="valid", data_format=None, dilation_rate=1, activation="tanh",
    /// recurrent_activation="sigmoid", use_bias=True, unit_forget_bias=True,
    /// dropout=0.0, recurrent_dropout=0.0, return_sequences=False,
    /// return_state=False, go_backwards=False, stateful=False, unroll=False)`
    /// for `N` spatial dimensions: an LSTM whose transformations are
    /// convolutions; see [`ConvLSTM2D`].
    ///
    /// # Shapes
    /// Input `(batch, steps, *spatial, channels)` (channels last) or `(batch,
    /// steps, channels, *spatial)`, spatial sizes and channels known. Each step
    /// is convolved as by a `ConvND` with `filters` filters (`valid` or `same`
    /// padding); the output is that step shape `(batch, *out_spatial,
    /// filters)`, or `(batch, steps, ...)` with `return_sequences`; with
    /// `return_state` two states of the step shape follow. Weights, under
    /// `conv_lstm_cell`: `kernel (*kernel_size, channels, 4 * filters)`,
    /// `recurrent_kernel (*kernel_size, filters, 4 * filters)`, and `bias (4 *
    /// filters,)` if `use_bias`.
    #[derive(Debug, Clone)]
    pub struct ConvLSTM<const N: usize> {
        /// Keras's `filters`: the output channels.
        filters: i64 = impl crate::args::Int => filters.to_i64(),
        /// Keras's `kernel_size`: the window.
        kernel_size: IntTuple<N> = impl Into<IntTuple<N>> => kernel_size.into(),
    }
    /// A convolutional LSTM with `filters` output channels and a
    /// `kernel_size` window (an int or a tuple).
    fn new;
    /// Keras's `strides=`, `padding=`, `data_format=` and
    /// `dilation_rate=` (setters below), written flattened.
    window: ConvWindow<N> [Flattened] = ConvWindow::default();
    /// The LSTM cell's arguments, written flattened (setters below).
    cell: CellArgs [Flattened] = CellArgs::default();
    /// The `RNN` options, written flattened without `unroll` (setters
    /// below).
    opts: RnnOptions [Flattened] = RnnOptions::default();
}

impl<const N: usize> ConvLSTM<N> {
    window_setters!();
}

layer_aliases! {
    "Input `(batch, steps, length, channels)`; output `(batch, new_length, filters)` (or with \
     `steps`). See [`ConvLSTM`].";
    ConvLSTM1D = ConvLSTM<1>: "a convolutional LSTM over sequences of 1D signals",
        [None, Some(10), Some(3)], "::new(2, 3).padding(Padding::Same).return_sequences(true)"
            => "(None, None, 10, 2)";
}

/// `keras.layers.ConvLSTM2D`: a convolutional LSTM over sequences of
/// images.
///
/// # Shapes
/// Input `(batch, steps, rows, cols, channels)`; output `(batch, new_rows,
/// new_cols, filters)` (or with `steps`). See [`ConvLSTM`].
///
/// ```
/// use kerasinfo::prelude::*;
/// kerasinfo::naming::clear_session();
/// let x = Input::new([6, 10, 10, 3]).tensor()?;
/// let outs = ConvLSTM2D::new(2, 3).padding(Padding::Same).return_state(true).call_multi(&x)?;
/// assert_eq!(outs[0].shape().to_string(), "(None, 10, 10, 2)");
/// assert_eq!(outs.len(), 3);
/// let model = Functional::new(&x, &outs[0]).build()?;
/// assert_eq!(model.weights()[0].path, "conv_lstm2d/conv_lstm_cell/kernel");
/// assert_eq!(model.summary().total_params, 368);
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub type ConvLSTM2D = ConvLSTM<2>;

layer_aliases! {
    "Input `(batch, steps, d1, d2, d3, channels)`; output `(batch, new_d1, new_d2, new_d3, \
     filters)` (or with `steps`). See [`ConvLSTM`].";
    ConvLSTM3D = ConvLSTM<3>: "a convolutional LSTM over sequences of volumes",
        [4, 5, 6, 7, 3], "::new(2, 3).strides(2).padding(Padding::Same)" => "(None, 3, 3, 4, 2)";
}

impl<const N: usize> ConvLSTM<N> {
    cell_setters!(cell => activation, recurrent_activation, use_bias, unit_forget_bias, dropout, recurrent_dropout);
    rnn_option_methods!();

    /// The checked arguments, input channels and the step output shape
    /// (batch excluded) for an input shape.
    fn resolve(&self, x: &Shape) -> Result<Resolved<N>, LayerError> {
        self.cell.check()?;
        // Keras accepts `filters=0` (a layer without parameters).
        let filters = u64::try_from(self.filters).map_err(|_| {
            LayerError::argument(
                "filters",
                format!(
                    "expected a non-negative integer, received filters={}",
                    self.filters
                ),
            )
        })?;
        let kernel = self.kernel_size.positive("kernel_size", 1)?;
        let strides = self.window.strides.positive("strides", 1)?;
        let dilation = self.window.dilation_rate.positive("dilation_rate", 1)?;
        argument_error_if!(
            strides.iter().any(|s| *s > 1) && dilation.iter().any(|d| *d > 1),
            "strides",
            format!(
                "specifying `strides > 1` is not compatible with `dilation_rate > 1`, received strides={} and dilation_rate={}",
                self.window.strides, self.window.dilation_rate
            ),
        );
        argument_error_if!(
            self.window.padding == Padding::Causal,
            "padding",
            "must be one of {'same', 'valid'}, received causal",
        );
        let rank = SpatialRank::<N>::TIMED;
        if x.rank() != rank {
            return Err(LayerError::rank(rank.to_string(), x));
        }
        // One step: the input without its time axis.
        let step = super::step_dims(x);
        // The axes of one step (a `ConvND`'s input).
        let (format, step_rank) = (self.window.data_format, SpatialRank::<N>::BATCHED);
        let channel_axis = format.channel_axis(step_rank);
        if format
            .spatial_axes(step_rank)
            .any(|a| !step.get(a).is_some_and(|d| d.is_known()))
        {
            return Err(LayerError::input(
                x,
                "ConvLSTM layers only support static input shapes for the spatial dimension",
            ));
        }
        let Some(Dim::Known(in_channels)) = step.get(channel_axis).copied() else {
            return Err(LayerError::input(
                x,
                "the channel dimension of the inputs should be defined, found None",
            ));
        };
        let mut out = step;
        let windows = kernel.iter().zip(&strides).zip(&dilation);
        map_spatial(&mut out, format, windows, |((k, s), r), d| {
            window_length(x, d, *k, *s, *r, self.window.padding)
        })?;
        if let Some(c) = out.get_mut(channel_axis) {
            *c = Dim::Known(filters);
        }
        Ok(Resolved {
            filters,
            kernel,
            in_channels,
            // Without the batch dimension.
            state: out.into_iter().skip(1).collect(),
        })
    }
}

struct Resolved<const N: usize> {
    filters: u64,
    kernel: [u64; N],
    in_channels: u64,
    state: Vec<Dim>,
}

impl<const N: usize> Layer for ConvLSTM<N> {
    recurrent_call_methods!();

    declared_layer_common!();

    /// # Cost
    /// The time steps unrolled; per step, for `P` state positions and `F`
    /// filters: `P ×` (input kernel + recurrent kernel elements) MACs
    /// (the recurrent convolution runs `same` on the state), FLOPs
    /// `2·MACs` plus `12·F·P` element-wise as for an `LSTMCell`. Unknown
    /// when the steps or a spatial size are `None`, without a bias, or
    /// with activations TensorFlow's profiler counts.
    fn cost(&self, inputs: &[Shape], _outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        let x = one_input(inputs)?;
        let r = self.resolve(x)?;
        if !self.cell.use_bias || !self.cell.activations_uncounted() {
            return Ok(None);
        }
        let state = crate::weight::known_product(r.state.iter().map(|d| d.known()))?;
        let (Some(steps), Some(state)) = (x.get(1).and_then(Dim::known), state) else {
            return Ok(None);
        };
        let positions = state.checked_div(r.filters).unwrap_or(0);
        // `kernel` and `recurrent_kernel` as one `(*kernel_size, in_channels + filters, 4 * filters)`.
        let rows = checked_add(r.in_channels, r.filters)?;
        let kernels = product(
            r.kernel
                .into_iter()
                .chain([rows, checked_mul(r.filters, 4)?]),
        )?;
        let step = Cost::contraction(checked_mul(positions, kernels)?)?
            .checked_add(Cost::elementwise(checked_mul(state, 12)?))?;
        Ok(Some(step.for_batch(steps)?))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let r = self.resolve(x)?;
        rnn_outputs(x, &r.state, &[r.state.clone(), r.state.clone()], &self.opts)
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let r = self.resolve(one_input(inputs)?)?;
        let width = checked_mul(r.filters, 4)?;
        let k = r.kernel.iter().copied();
        let mut w = vec![
            WeightSpec::new("kernel", k.clone().chain([r.in_channels, width])),
            WeightSpec::new("recurrent_kernel", k.chain([r.filters, width])),
        ];
        if self.cell.use_bias {
            w.push(WeightSpec::new("bias", [width]));
        }
        // Created by the `conv_lstm_cell` sublayer, which Keras makes
        // without the layer's `trainable` argument (unlike `LSTM`'s cell):
        // the constructor's `trainable=False` leaves them trainable.
        Ok(w.into_iter()
            .map(|w| w.prefixed("conv_lstm_cell").inherited())
            .collect())
    }
}

impl<const N: usize> RecurrentLayer for ConvLSTM<N> {
    fn options(&self) -> &RnnOptions {
        &self.opts
    }
}
