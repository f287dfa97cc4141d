//! `MelSpectrogram`.

use super::at_least;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape};

keras_layer! {
    class "MelSpectrogram";
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
    /// let x = Input::new([16000]).tensor()?;
    /// let y = MelSpectrogram::new().call(&x)?;
    /// assert_eq!(y.shape().to_string(), "(None, 128, 32)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct MelSpectrogram {
    }
    /// A mel spectrogram layer with Keras's defaults.
    fn new;
    /// Keras's `fft_length=`. Defaults to `2048`.
    fft_length: i64 = 2048, |fft_length: i64| fft_length;
    /// Keras's `sequence_stride=`: samples between frames. Defaults to `512`.
    sequence_stride: i64 = 512, |stride: i64| stride;
    /// Keras's `sequence_length=`: the window length (at most
    /// `fft_length`). Defaults to `fft_length`.
    sequence_length: Option<i64> = None, |length: i64| Some(length);
    /// Keras's `sampling_rate=`. Defaults to `16000`.
    sampling_rate: i64 = 16000, |rate: i64| rate;
    /// Keras's `num_mel_bins=`. Defaults to `128`.
    num_mel_bins: i64 = 128, |bins: i64| bins;
}

impl MelSpectrogram {
    /// The `sampling_rate` argument.
    #[must_use]
    pub fn sampling_rate_value(&self) -> i64 {
        self.sampling_rate
    }
}

impl Layer for MelSpectrogram {
    declared_layer_common!();

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
        argument_error_if!(
            self.fft_length < length,
            "fft_length",
            format!(
                "`fft_length` must be greater than or equal to `sequence_length`, received sequence_length={length}, fft_length={}",
                self.fft_length
            ),
        );
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
