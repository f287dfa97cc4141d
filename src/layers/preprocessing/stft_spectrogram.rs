//! `STFTSpectrogram`.

use super::at_least;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape};

keras_enum! {
    /// Keras's `mode=` of [`STFTSpectrogram`].
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum StftMode {
        /// `"log"` (the default): log magnitude.
        #[default]
        Log = "log",
        /// `"magnitude"`.
        Magnitude = "magnitude",
        /// `"psd"`: power spectral density.
        Psd = "psd",
        /// `"real"`: the real part only (no `imag_kernel`).
        Real = "real",
        /// `"imag"`: the imaginary part only (no `real_kernel`).
        Imag = "imag",
        /// `"angle"`.
        Angle = "angle",
        /// `"stft"`: real and imaginary parts concatenated (twice the
        /// frequency channels).
        Stft = "stft",
    }
    expected "one of log, magnitude, psd, real, imag, angle, stft";
}

keras_layer! {
    class "STFTSpectrogram";
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
    /// let x = Input::new([16000, 1]).tensor()?;
    /// let y = STFTSpectrogram::new().call(&x)?;
    /// assert_eq!(y.shape().to_string(), "(None, 124, 129)");
    /// let model = Functional::new(&x, &y).build()?;
    /// assert_eq!(model.summary().total_params, 2 * 256 * 129);
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct STFTSpectrogram {
    }
    /// An STFT spectrogram layer with Keras's defaults.
    fn new;
    /// Keras's `mode=`. Defaults to `Log`.
    mode: StftMode = StftMode::Log, |mode: StftMode| mode;
    /// Keras's `frame_length=`: the window length. Defaults to `256`.
    frame_length: i64 = 256, |frame_length: i64| frame_length;
    /// Keras's `frame_step=`: the stride, in `[1, frame_length]`. Defaults
    /// to `frame_length // 2`.
    frame_step: Option<i64> = None, |frame_step: i64| Some(frame_step);
    /// Keras's `fft_length=` (at least `frame_length`). Defaults to the
    /// next power of two of `frame_length`.
    fft_length: Option<i64> = None, |fft_length: i64| Some(fft_length);
    /// Keras's `window=` (a `scipy.signal.get_window` name). Defaults to `"hann"`.
    window: String = "hann".to_owned(), |window: impl Into<String>| window.into();
    /// Keras's `periodic=`. Defaults to `false`.
    periodic: bool = false, |periodic: bool| periodic;
    /// Keras's `scaling=` (`"density"`, `"spectrum"` or `None`). Defaults
    /// to `"density"`.
    scaling: Option<String> [Nullable] = Some("density".to_owned()), |scaling: Option<&str>| scaling.map(str::to_owned);
    /// Keras's `padding=` (`Valid` or `Same`). Defaults to `Valid`.
    padding: crate::args::Padding = crate::args::Padding::Valid, |padding: crate::args::Padding| padding;
    /// Keras's `expand_dims=`: keep frequencies and channels apart.
    /// Defaults to `false`.
    expand_dims: bool = false, |expand_dims: bool| expand_dims;
    /// Keras's `data_format=`. Defaults to `channels_last`.
    data_format: crate::args::DataFormat = crate::args::DataFormat::ChannelsLast, |data_format: crate::args::DataFormat| data_format;
}

impl STFTSpectrogram {
    /// The `window` and `periodic` arguments.
    #[must_use]
    pub fn window_args(&self) -> (&str, bool) {
        (&self.window, self.periodic)
    }

    /// Checks the arguments; returns `(frame_length, frame_step, fft_length)`.
    fn lengths(&self) -> Result<(u64, u64, u64), LayerError> {
        let frame = at_least("frame_length", self.frame_length, 1)?;
        if let Some(step) = self.frame_step {
            argument_error_if!(
                step > self.frame_length || step < 1,
                "frame_step",
                format!(
                    "`frame_step` should be a positive integer not greater than `frame_length`, received frame_step={step}, frame_length={}",
                    self.frame_length
                ),
            );
        }
        if let Some(fft) = self.fft_length {
            argument_error_if!(
                fft < self.frame_length,
                "fft_length",
                format!(
                    "`fft_length` should be not less than `frame_length`, received fft_length={fft}, frame_length={}",
                    self.frame_length
                ),
            );
        }
        if let Some(s) = &self.scaling {
            argument_error_if!(
                s != "density" && s != "spectrum",
                "scaling",
                format!("scaling must be `None`, 'density' or 'spectrum', received scaling={s}"),
            );
        }
        argument_error_if!(
            self.padding == crate::args::Padding::Causal,
            "padding",
            "padding should be 'valid' or 'same', received causal",
        );
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

impl Layer for STFTSpectrogram {
    declared_layer_common!();

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
        let frames = crate::args::window_length(x, time, frame, step, 1, self.padding)?;
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
