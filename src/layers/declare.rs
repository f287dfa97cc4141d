//! Declaring a layer class's Keras arguments once.
//!
//! [`keras_layer!`] takes one declaration per layer class — its positional
//! arguments and its keyword arguments, each with its Rust type, its
//! Keras default, its doc and its setter — and writes from it the struct,
//! `new`, the fluent setters, the config reader (every argument read from
//! the layer's Keras config under its own name, with the importer's error
//! messages) and the config writer (every argument written back under its
//! name) and the file's `register` (the family's `layer_files!` calls it).
//! What the layer computes (shapes, weights, cost) stays in its
//! hand-written [`Layer`](crate::Layer) impl, which calls
//! `self.keras_args()` from `keras_config`.
//!
//! How an argument's type is read from a config and written to one is the
//! type's [`Arg`] impl, written once for every layer.

#[cfg(feature = "keras-json")]
use crate::config::cfg::Cfg;

/// An argument type as a Keras config holds it: how it is read (with the
/// importer's messages, which name the layer and the JSON path) and how
/// it is written.
#[cfg(feature = "keras-json")]
pub(crate) trait Arg: Sized {
    /// A positional argument: `key` must be present and not `null`.
    fn required(c: &Cfg<'_>, key: &str) -> crate::Result<Self>;
    /// A keyword argument: `None` when `key` is missing or `null` (the
    /// layer keeps its default).
    fn optional(c: &Cfg<'_>, key: &str) -> crate::Result<Option<Self>>;
    /// The value Keras writes for it.
    fn to_config(&self) -> serde_json::Value;
}

#[cfg(feature = "keras-json")]
impl Arg for f64 {
    fn required(c: &Cfg<'_>, key: &str) -> crate::Result<Self> {
        c.float(key)
    }
    fn optional(c: &Cfg<'_>, key: &str) -> crate::Result<Option<Self>> {
        c.opt_float(key)
    }
    fn to_config(&self) -> serde_json::Value {
        serde_json::json!(self)
    }
}

#[cfg(feature = "keras-json")]
impl Arg for i64 {
    fn required(c: &Cfg<'_>, key: &str) -> crate::Result<Self> {
        c.int(key)
    }
    fn optional(c: &Cfg<'_>, key: &str) -> crate::Result<Option<Self>> {
        c.opt_int(key)
    }
    fn to_config(&self) -> serde_json::Value {
        serde_json::json!(self)
    }
}

#[cfg(feature = "keras-json")]
impl Arg for crate::shape::ShapeArg {
    fn required(c: &Cfg<'_>, key: &str) -> crate::Result<Self> {
        Self::optional(c, key)?.ok_or_else(|| c.error(key, "missing required list"))
    }
    fn optional(c: &Cfg<'_>, key: &str) -> crate::Result<Option<Self>> {
        Ok(c.opt_dims(key)?.map(Self::from))
    }
    fn to_config(&self) -> serde_json::Value {
        // As given: Keras keeps negative values too.
        self.config_value()
    }
}

/// `data_format`: `channels_last` (the default) or `channels_first`.
#[cfg(feature = "keras-json")]
impl Arg for crate::args::DataFormat {
    fn required(c: &Cfg<'_>, _key: &str) -> crate::Result<Self> {
        c.data_format()
    }
    fn optional(c: &Cfg<'_>, key: &str) -> crate::Result<Option<Self>> {
        match c.get(key) {
            None => Ok(None),
            Some(_) => c.data_format().map(Some),
        }
    }
    fn to_config(&self) -> serde_json::Value {
        serde_json::json!(self.to_string())
    }
}

/// `None` is Keras's `None`: read from a missing or `null` key, written
/// as `null`.
#[cfg(feature = "keras-json")]
impl<T: Arg> Arg for Option<T> {
    fn required(c: &Cfg<'_>, key: &str) -> crate::Result<Self> {
        T::optional(c, key)
    }
    fn optional(c: &Cfg<'_>, key: &str) -> crate::Result<Option<Self>> {
        Ok(T::optional(c, key)?.map(Some))
    }
    fn to_config(&self) -> serde_json::Value {
        self.as_ref().map_or(serde_json::Value::Null, T::to_config)
    }
}

/// Declares a layer class's Keras arguments once (see the [module
/// docs](self)):
///
/// ```text
/// keras_layer! {
///     class "Dropout";
///     /// docs of the class
///     #[derive(Debug, Clone)]
///     pub struct Dropout {
///         /// doc of a positional argument
///         rate: f64,
///     }
///     /// doc of `new`
///     fn new;
///     /// doc of a keyword argument (also its setter's)
///     seed: Option<i64> = None, |seed: i64| Some(seed);
/// }
/// ```
///
/// A keyword argument without a `|arg: Type| value` setter gets its
/// setter by hand (one that checks or sets more than its field).
macro_rules! keras_layer {
    (@setter { $(#[$m:meta])* } $field:ident) => {};
    (@setter { $(#[$m:meta])* } $field:ident, |$arg:ident : $arg_ty:ty| $value:expr) => {
        $(#[$m])*
        pub fn $field(mut self, $arg: $arg_ty) -> Self {
            self.$field = $value;
            self
        }
    };
    (
        class $class:literal;
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(
                $(#[doc = $req_doc:literal])*
                $req:ident : $req_ty:ty
            ),* $(,)?
        }
        $(#[doc = $new_doc:literal])*
        fn new;
        $(
            $(#[doc = $doc:literal])*
            $field:ident : $ty:ty = $default:expr
            $(, |$arg:ident : $arg_ty:ty| $value:expr)?
        );* $(;)?
    ) => {
        $(#[$meta])*
        #[must_use]
        pub struct $name {
            config: $crate::LayerConfig,
            $(
                $(#[doc = $req_doc])*
                $req: $req_ty,
            )*
            $(
                $(#[doc = $doc])*
                $field: $ty,
            )*
        }

        impl $name {
            /// The layer's Keras class name.
            pub(crate) const KERAS_CLASS: &'static str = $class;

            $(#[doc = $new_doc])*
            pub fn new($($req: $req_ty),*) -> Self {
                $crate::layer::constructed($name {
                    config: $crate::LayerConfig::default(),
                    $($req,)*
                    $($field: $default,)*
                })
            }

            $(
                keras_layer!(@setter { $(#[doc = $doc])* } $field $(, |$arg: $arg_ty| $value)?);
            )*
        }

        #[cfg(feature = "keras-json")]
        impl $name {
            /// The layer its Keras config describes (its own arguments; the
            /// importer applies the common ones).
            pub(crate) fn from_keras_args(c: &$crate::config::cfg::Cfg<'_>) -> $crate::Result<Self> {
                #[allow(unused_mut)]
                let mut layer = Self::new(
                    $(<$req_ty as $crate::layers::declare::Arg>::required(c, stringify!($req))?),*
                );
                $(
                    if let Some(v) = <$ty as $crate::layers::declare::Arg>::optional(c, stringify!($field))? {
                        layer.$field = v;
                    }
                )*
                Ok(layer)
            }

            /// Its own arguments as Keras writes them in its config.
            pub(crate) fn keras_args(&self) -> serde_json::Map<String, serde_json::Value> {
                #[allow(unused_mut)]
                let mut args = serde_json::Map::new();
                $(
                    args.insert(
                        stringify!($req).to_owned(),
                        $crate::layers::declare::Arg::to_config(&self.$req),
                    );
                )*
                $(
                    args.insert(
                        stringify!($field).to_owned(),
                        $crate::layers::declare::Arg::to_config(&self.$field),
                    );
                )*
                args
            }
        }

        /// Registers the class with the config importer.
        #[cfg(feature = "keras-json")]
        pub(super) fn register(r: &mut $crate::config::registry::Registry) {
            r.register($class, |c| -> $crate::Result<Box<dyn $crate::layer::Layer>> {
                Ok(Box::new($name::from_keras_args(c)?))
            });
        }
    };
}

/// The bookkeeping methods of [`Layer`](crate::Layer) for a class declared
/// with [`keras_layer!`]: its class name, its config, and its Keras config
/// written from its declared arguments.
macro_rules! declared_layer_common {
    () => {
        layer_common!(Self::KERAS_CLASS);

        #[cfg(feature = "keras-json")]
        fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
            Some(self.keras_args())
        }
    };
}
