//! Convolution layers: `Conv1D`/`Conv2D`/`Conv3D`, their transposes,
//! depthwise and separable convolutions, with Keras's aliases
//! (`Convolution2D`, `SeparableConvolution2D`, ...).

/// The builder methods every convolution shares, with Keras's names and
/// defaults: `strides`, `data_format`, `dilation_rate`, `activation`,
/// `use_bias`.
macro_rules! conv_setters {
    () => {
        /// Keras's `strides=`. Defaults to 1.
        pub fn strides(mut self, strides: impl Into<IntTuple<N>>) -> Self {
            self.strides = strides.into();
            self
        }

        /// Keras's `data_format=`. Defaults to `channels_last`.
        pub fn data_format(mut self, data_format: DataFormat) -> Self {
            self.data_format = data_format;
            self
        }

        /// Keras's `dilation_rate=`. Defaults to 1.
        pub fn dilation_rate(mut self, dilation_rate: impl Into<IntTuple<N>>) -> Self {
            self.dilation_rate = dilation_rate.into();
            self
        }

        /// Keras's `activation=`. Defaults to none.
        pub fn activation(mut self, activation: impl Into<String>) -> Self {
            self.activation = Some(activation.into());
            self
        }

        /// Keras's `use_bias=`. Defaults to `true`.
        pub fn use_bias(mut self, use_bias: bool) -> Self {
            self.use_bias = use_bias;
            self
        }
    };
}

mod checks;

layer_files!(conv, transpose, depthwise, separable);
