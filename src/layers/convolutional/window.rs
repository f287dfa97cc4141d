//! The window arguments every convolution takes (`strides`, `padding`,
//! `data_format`, `dilation_rate`), declared once for the convolutions and
//! `ConvLSTM1D/2D/3D`: one field of their `keras_layer!` declarations,
//! written flattened, with its setters from [`window_setters!`].

use crate::args::{DataFormat, IntTuple, Padding};

/// `strides`, `padding`, `data_format` and `dilation_rate`, with Keras's
/// defaults.
#[derive(Debug, Clone)]
pub(crate) struct ConvWindow<const N: usize> {
    pub(crate) strides: IntTuple<N>,
    pub(crate) padding: Padding,
    pub(crate) data_format: DataFormat,
    pub(crate) dilation_rate: IntTuple<N>,
}

impl<const N: usize> Default for ConvWindow<N> {
    fn default() -> Self {
        Self {
            strides: IntTuple([1; N]),
            padding: Padding::Valid,
            data_format: DataFormat::ChannelsLast,
            dilation_rate: IntTuple([1; N]),
        }
    }
}

#[cfg(feature = "keras-json")]
impl<const N: usize> crate::layers::declare::ArgGroup for ConvWindow<N> {
    fn read(mut self, c: &crate::config::cfg::Cfg<'_>) -> crate::Result<Self> {
        use crate::layers::declare::Arg;
        if let Some(v) = Arg::optional(c, "strides")? {
            self.strides = v;
        }
        if let Some(v) = Arg::optional(c, "padding")? {
            self.padding = v;
        }
        if let Some(v) = Arg::optional(c, "data_format")? {
            self.data_format = v;
        }
        if let Some(v) = Arg::optional(c, "dilation_rate")? {
            self.dilation_rate = v;
        }
        Ok(self)
    }

    fn write(&self, args: &mut serde_json::Map<String, serde_json::Value>) {
        use crate::layers::declare::Arg;
        args.insert("strides".into(), self.strides.to_config());
        args.insert("padding".into(), self.padding.to_config());
        args.insert("data_format".into(), self.data_format.to_config());
        args.insert("dilation_rate".into(), self.dilation_rate.to_config());
    }
}

/// The fluent setters of a [`ConvWindow`] field named `window`.
macro_rules! window_setters {
    () => {
        /// Keras's `strides=`. Defaults to 1.
        pub fn strides(mut self, strides: impl Into<$crate::args::IntTuple<N>>) -> Self {
            self.window.strides = strides.into();
            self
        }

        /// Keras's `padding=`: `valid`, `same` or (`Conv1D` only)
        /// `causal`. Defaults to `valid`.
        pub fn padding(mut self, padding: $crate::args::Padding) -> Self {
            self.window.padding = padding;
            self
        }

        /// Keras's `data_format=`. Defaults to `channels_last`.
        pub fn data_format(mut self, data_format: $crate::args::DataFormat) -> Self {
            self.window.data_format = data_format;
            self
        }

        /// Keras's `dilation_rate=`. Defaults to 1.
        pub fn dilation_rate(
            mut self,
            dilation_rate: impl Into<$crate::args::IntTuple<N>>,
        ) -> Self {
            self.window.dilation_rate = dilation_rate.into();
            self
        }
    };
}
pub(crate) use window_setters;

/// The `keras_layer!` declaration of a convolution with the arguments
/// every convolution takes before its own: its `window` (with
/// [`window_setters!`]), `activation` and `use_bias`.
macro_rules! conv_layer {
    (
        class match N { $($classes:tt)* };
        $(#[$meta:meta])*
        pub struct $name:ident<const N: usize> { $($required:tt)* }
        $(#[doc = $new_doc:literal])*
        fn new;
        $($rest:tt)*
    ) => {
        keras_layer! {
            class match N { $($classes)* };
            $(#[$meta])*
            pub struct $name<const N: usize> { $($required)* }
            $(#[doc = $new_doc])*
            fn new;
            /// Keras's `strides=`, `padding=`, `data_format=` and
            /// `dilation_rate=` (setters below), written flattened.
            window: ConvWindow<N> [Flattened] = ConvWindow::default();
            /// Keras's `activation=`. Defaults to none.
            activation: Option<std::borrow::Cow<'static, str>> [Activation] = None, |activation: impl Into<std::borrow::Cow<'static, str>>| Some(activation.into());
            /// Keras's `use_bias=`. Defaults to `true`.
            use_bias: bool = true, |use_bias: bool| use_bias;
            $($rest)*
        }

        impl<const N: usize> $name<N> {
            window_setters!();
        }
    };
}
pub(crate) use conv_layer;
