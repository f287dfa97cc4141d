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
mod conv;
mod depthwise;
mod separable;
mod transpose;

pub use conv::*;
pub use depthwise::*;
pub use separable::*;
pub use transpose::*;

#[cfg(feature = "keras-json")]
use crate::layer::Layer;
#[cfg(feature = "keras-json")]
use {
    conv::conv_from_config, depthwise::depthwise_from_config, separable::separable_from_config,
    transpose::conv_transpose_from_config,
};

/// Registers the convolution classes with the config importer.
#[cfg(feature = "keras-json")]
pub(crate) fn register(r: &mut crate::config::Registry) {
    fn boxed<L: Layer>(l: crate::Result<L>) -> crate::Result<Box<dyn Layer>> {
        Ok(Box::new(l?))
    }
    r.register("Conv1D", |c| boxed(conv_from_config::<1>(c)));
    r.register("Conv2D", |c| boxed(conv_from_config::<2>(c)));
    r.register("Conv3D", |c| boxed(conv_from_config::<3>(c)));
    r.register("Conv1DTranspose", |c| {
        boxed(conv_transpose_from_config::<1>(c))
    });
    r.register("Conv2DTranspose", |c| {
        boxed(conv_transpose_from_config::<2>(c))
    });
    r.register("Conv3DTranspose", |c| {
        boxed(conv_transpose_from_config::<3>(c))
    });
    r.register("DepthwiseConv1D", |c| boxed(depthwise_from_config::<1>(c)));
    r.register("DepthwiseConv2D", |c| boxed(depthwise_from_config::<2>(c)));
    r.register("SeparableConv1D", |c| boxed(separable_from_config::<1>(c)));
    r.register("SeparableConv2D", |c| boxed(separable_from_config::<2>(c)));
}
