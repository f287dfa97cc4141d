//! Declaring a layer class's Keras arguments once.
//!
//! [`keras_layer!`] takes one declaration per layer class — its positional
//! arguments and its keyword arguments, each with its Rust type, its
//! Keras default, its doc and its setter — and writes from it the struct,
//! `new`, the fluent setters, the config reader (every argument read from
//! the layer's Keras config under its own name, with the importer's error
//! messages) and the config writer (every argument written back under its
//! name) and the file's `register` (the family's `layer_files!` calls it).
//! One declaration may serve several classes through const generics
//! (`Conv<N>` for `Conv1D/2D/3D`). What the layer computes (shapes,
//! weights, cost) stays in its hand-written [`Layer`](crate::Layer) impl,
//! whose `keras_config` is `keras_args()` (through
//! `declared_layer_common!`) or, where Keras writes more (initializers,
//! keys written only when given, call arguments), a hand-written one
//! around `keras_args()`.
//!
//! How an argument's type is read from a config and written to one is the
//! type's [`Arg`] impl, written once for every layer (the layer-specific
//! types implement it beside the type: `AxisArg`, `PaddingSpec`,
//! `OutputMode`, …); a field Keras reads or writes its own way names a
//! [`Codec`] ([`Activation`], [`OutputShape`], [`CallArg`], [`Nullable`],
//! or a layer's own).

#[cfg(feature = "keras-json")]
use crate::config::cfg::Cfg;
use crate::error::LayerError;
#[cfg(feature = "keras-json")]
use std::borrow::Cow;

/// An argument type as a Keras config holds it: how it is read (with the
/// importer's messages, which name the layer and the JSON path) and how
/// it is written.
#[cfg(feature = "keras-json")]
pub(crate) trait Arg: Sized {
    /// What the importer's error calls a missing positional argument of
    /// the type: "missing required {WHAT}".
    const WHAT: &'static str = "argument";
    /// A positional argument: `key` must be present and not `null`.
    fn required(c: &Cfg<'_>, key: &str) -> crate::Result<Self> {
        Self::optional(c, key)?
            .ok_or_else(|| c.error(key, format!("missing required {}", Self::WHAT)))
    }
    /// A keyword argument: `None` when `key` is missing or `null` (the
    /// layer keeps its default).
    fn optional(c: &Cfg<'_>, key: &str) -> crate::Result<Option<Self>>;
    /// The value Keras writes for it.
    fn to_config(&self) -> serde_json::Value;
}

/// [`Arg`] for a type Keras writes as itself, called `$what` when missing,
/// read by `$optional` (and `$required`, else by `$optional`).
macro_rules! plain_arg {
    ($ty:ty, $what:literal, $optional:expr $(, $required:expr)?) => {
        #[cfg(feature = "keras-json")]
        impl $crate::layers::declare::Arg for $ty {
            const WHAT: &'static str = $what;
            $(
                fn required(c: &$crate::config::cfg::Cfg<'_>, key: &str) -> $crate::Result<Self> {
                    $required(c, key)
                }
            )?
            fn optional(
                c: &$crate::config::cfg::Cfg<'_>,
                key: &str,
            ) -> $crate::Result<Option<Self>> {
                $optional(c, key)
            }
            fn to_config(&self) -> serde_json::Value {
                serde_json::json!(self)
            }
        }
    };
}

plain_arg!(f64, "number", Cfg::opt_float, Cfg::float);
plain_arg!(i64, "integer", Cfg::opt_int, Cfg::int);
plain_arg!(bool, "boolean", Cfg::opt_bool);
// A list of integers (`dims`): read from a list (or an int as one item).
plain_arg!(Vec<i64>, "argument", Cfg::int_list);
plain_arg!(String, "string", |c: &Cfg<'_>, key| c
    .opt_str(key)
    .map(|s| s.map(str::to_owned)));

#[cfg(feature = "keras-json")]
impl Arg for crate::shape::ShapeArg {
    const WHAT: &'static str = "list";
    fn optional(c: &Cfg<'_>, key: &str) -> crate::Result<Option<Self>> {
        Ok(c.opt_dims(key)?.map(Self::from))
    }
    fn to_config(&self) -> serde_json::Value {
        // As given: Keras keeps negative values too.
        self.config_value()
    }
}

/// [`Arg`] for an enum Keras writes as its name, read by [`Cfg`]'s
/// `$read` (its own fixed `$key`; under another key, a present value) and
/// `$read_optional` (under `$key`).
macro_rules! named_enum_arg {
    ($ty:ty, $key:literal, $read:ident, $read_optional:ident) => {
        #[cfg(feature = "keras-json")]
        impl Arg for $ty {
            fn required(c: &Cfg<'_>, _key: &str) -> crate::Result<Self> {
                c.$read()
            }
            fn optional(c: &Cfg<'_>, key: &str) -> crate::Result<Option<Self>> {
                if key == $key {
                    return c.$read_optional();
                }
                match c.value(key) {
                    None => Ok(None),
                    Some(_) => c.$read().map(Some),
                }
            }
            fn to_config(&self) -> serde_json::Value {
                serde_json::json!(self.to_string())
            }
        }
    };
}

// `data_format`: `channels_last` (the default) or `channels_first`.
named_enum_arg!(
    crate::args::DataFormat,
    "data_format",
    data_format,
    opt_data_format
);

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

/// How a field is read from a config and written to one, when that is not
/// its type's own [`Arg`] impl (`[Codec]` after the field's type in
/// [`keras_layer!`]): an activation stored as `Option<String>`, say.
#[cfg(feature = "keras-json")]
pub(crate) trait Codec<T> {
    /// A positional argument: `key` must be present and not `null`.
    fn required(c: &Cfg<'_>, key: &str) -> crate::Result<T> {
        Self::optional(c, key)?.ok_or_else(|| c.error(key, "missing required argument"))
    }
    /// A keyword argument: `None` when `key` is missing or `null`.
    fn optional(c: &Cfg<'_>, key: &str) -> crate::Result<Option<T>>;
    /// The value Keras writes for it.
    fn write(value: &T) -> serde_json::Value;
    /// Writes it into the layer's written config `args` under `key` (a
    /// group of arguments Keras writes flattened writes its own keys).
    fn write_into(value: &T, key: &str, args: &mut serde_json::Map<String, serde_json::Value>) {
        args.insert(key.to_owned(), Self::write(value));
    }
}

/// The default [`Codec`]: the type's own [`Arg`] impl.
#[cfg(feature = "keras-json")]
pub(crate) struct Plain;

#[cfg(feature = "keras-json")]
impl<T: Arg> Codec<T> for Plain {
    fn required(c: &Cfg<'_>, key: &str) -> crate::Result<T> {
        T::required(c, key)
    }
    fn optional(c: &Cfg<'_>, key: &str) -> crate::Result<Option<T>> {
        T::optional(c, key)
    }
    fn write(value: &T) -> serde_json::Value {
        value.to_config()
    }
}

/// An activation kept as `Option<Cow<'static, str>>` (`None` is linear;
/// one of Keras's activations read from a config is shared, so that a
/// layer copied for a repeated config copies no string): read as a name
/// or a serialized activation object, written as its name (`"linear"` for
/// none).
#[cfg(feature = "keras-json")]
pub(crate) struct Activation;

#[cfg(feature = "keras-json")]
impl Codec<Option<Cow<'static, str>>> for Activation {
    fn required(c: &Cfg<'_>, key: &str) -> crate::Result<Option<Cow<'static, str>>> {
        c.activation_shared(key)
    }
    fn optional(c: &Cfg<'_>, key: &str) -> crate::Result<Option<Option<Cow<'static, str>>>> {
        Ok(c.activation_shared(key)?.map(Some))
    }
    fn write(value: &Option<Cow<'static, str>>) -> serde_json::Value {
        crate::config::writer::activation(value.as_deref())
    }
}

/// Keras's check of an [`Activation`] field's activation (none is linear).
pub(crate) fn check_optional_activation(activation: Option<&str>) -> Result<(), LayerError> {
    activation.map_or(Ok(()), crate::args::check_activation)
}

/// An activation kept as a `String`: read as [`Activation`] reads it,
/// with `null` (Keras's `None`) read as `"linear"`, and `"linear"` too for
/// a missing positional one; written as its name.
#[cfg(feature = "keras-json")]
pub(crate) struct ActivationName;

#[cfg(feature = "keras-json")]
impl Codec<String> for ActivationName {
    fn required(c: &Cfg<'_>, key: &str) -> crate::Result<String> {
        Ok(Self::optional(c, key)?.unwrap_or_else(|| "linear".into()))
    }
    fn optional(c: &Cfg<'_>, key: &str) -> crate::Result<Option<String>> {
        Ok(c.activation_or_linear_shared(key)?.map(Cow::into_owned))
    }
    fn write(value: &String) -> serde_json::Value {
        serde_json::json!(value)
    }
}

/// [`ActivationName`] for an activation kept as a `Cow<'static, str>`
/// (shared when it is one of Keras's, as [`Activation`] shares it).
#[cfg(feature = "keras-json")]
impl Codec<Cow<'static, str>> for ActivationName {
    fn required(c: &Cfg<'_>, key: &str) -> crate::Result<Cow<'static, str>> {
        Ok(Self::optional(c, key)?.unwrap_or(Cow::Borrowed("linear")))
    }
    fn optional(c: &Cfg<'_>, key: &str) -> crate::Result<Option<Cow<'static, str>>> {
        c.activation_or_linear_shared(key)
    }
    fn write(value: &Cow<'static, str>) -> serde_json::Value {
        serde_json::json!(value)
    }
}

/// An axis argument written as an int when it is one axis (`Softmax`),
/// read as an int or a list.
#[cfg(feature = "keras-json")]
pub(crate) struct IntIfOne;

#[cfg(feature = "keras-json")]
impl Codec<crate::layers::normalization::AxisArg> for IntIfOne {
    fn required(c: &Cfg<'_>, key: &str) -> crate::Result<crate::layers::normalization::AxisArg> {
        Arg::required(c, key)
    }
    fn optional(
        c: &Cfg<'_>,
        key: &str,
    ) -> crate::Result<Option<crate::layers::normalization::AxisArg>> {
        Arg::optional(c, key)
    }
    fn write(value: &crate::layers::normalization::AxisArg) -> serde_json::Value {
        match value.axes() {
            [one] => serde_json::json!(one),
            many => serde_json::json!(many),
        }
    }
}

/// A boolean argument of each call (`return_attention_scores`): read from
/// the layer's call nodes (`false` when none gives it). Its written value
/// is moved to the call's kwargs by [`with_call_kwarg`].
#[cfg(feature = "keras-json")]
pub(crate) struct CallArg;

#[cfg(feature = "keras-json")]
impl Codec<bool> for CallArg {
    fn required(c: &Cfg<'_>, key: &str) -> crate::Result<bool> {
        c.call_bool_or(key, false)
    }
    fn optional(c: &Cfg<'_>, key: &str) -> crate::Result<Option<bool>> {
        c.call_bool_or(key, false).map(Some)
    }
    fn write(value: &bool) -> serde_json::Value {
        serde_json::json!(value)
    }
}

/// A dense or convolution kernel's written config: with the initializers
/// Keras writes (`GlorotUniform` kernel, `Zeros` bias), and the
/// `lora_keys` only when given.
#[cfg(feature = "keras-json")]
pub(crate) fn with_kernel_initializers(
    mut args: serde_json::Map<String, serde_json::Value>,
    lora_keys: &[&str],
) -> serde_json::Map<String, serde_json::Value> {
    use crate::config::writer as w;
    args.insert("kernel_initializer".into(), w::glorot());
    args.insert("bias_initializer".into(), w::zeros());
    drop_nulls(&mut args, lora_keys);
    args
}

/// Moves the [`CallArg`] `key` from a written config to the call's
/// kwargs, where Keras keeps it, when it is `true` (and drops it when
/// `false`).
#[cfg(feature = "keras-json")]
pub(crate) fn with_call_kwarg(
    mut args: serde_json::Map<String, serde_json::Value>,
    key: &str,
) -> serde_json::Map<String, serde_json::Value> {
    use crate::config::writer as w;
    match args.remove(key) {
        Some(serde_json::Value::Bool(true)) => {
            w::with_call_kwargs(args, w::obj([(key, serde_json::Value::Bool(true))]))
        }
        _ => args,
    }
}

/// An `output_shape` (`EinsumDense`, `MultiHeadAttention`): read from an
/// int `n` (`(n,)`) or a list of ints and `null`s, written as a shape
/// (`null` for unknown dimensions; `null` too when it does not resolve,
/// for which the layers write no config).
#[cfg(feature = "keras-json")]
pub(crate) struct OutputShape;

#[cfg(feature = "keras-json")]
impl Codec<crate::shape::ShapeArg> for OutputShape {
    fn optional(c: &Cfg<'_>, key: &str) -> crate::Result<Option<crate::shape::ShapeArg>> {
        crate::layers::core::config_shape_arg(c, key)
    }
    fn write(value: &crate::shape::ShapeArg) -> serde_json::Value {
        value.resolve().map_or(serde_json::Value::Null, |dims| {
            crate::config::writer::shape_value(&crate::shape::Shape::new(dims))
        })
    }
}

#[cfg(feature = "keras-json")]
impl Codec<Option<crate::shape::ShapeArg>> for OutputShape {
    fn required(c: &Cfg<'_>, key: &str) -> crate::Result<Option<crate::shape::ShapeArg>> {
        <Self as Codec<crate::shape::ShapeArg>>::optional(c, key)
    }
    fn optional(c: &Cfg<'_>, key: &str) -> crate::Result<Option<Option<crate::shape::ShapeArg>>> {
        Ok(<Self as Codec<crate::shape::ShapeArg>>::optional(c, key)?.map(Some))
    }
    fn write(value: &Option<crate::shape::ShapeArg>) -> serde_json::Value {
        value.as_ref().map_or(
            serde_json::Value::Null,
            <Self as Codec<crate::shape::ShapeArg>>::write,
        )
    }
}

/// A keyword argument whose default is not `None` but which Keras's
/// `None` (an explicit `null`) sets to `None` (`STFTSpectrogram`'s
/// `scaling`).
#[cfg(feature = "keras-json")]
pub(crate) struct Nullable;

#[cfg(feature = "keras-json")]
impl<T: Arg> Codec<Option<T>> for Nullable {
    fn required(c: &Cfg<'_>, key: &str) -> crate::Result<Option<T>> {
        T::optional(c, key)
    }
    fn optional(c: &Cfg<'_>, key: &str) -> crate::Result<Option<Option<T>>> {
        if c.is_null(key) {
            return Ok(Some(None));
        }
        Ok(T::optional(c, key)?.map(Some))
    }
    fn write(value: &Option<T>) -> serde_json::Value {
        value.to_config()
    }
}

/// A group of arguments Keras writes flattened among the layer's own
/// (`strides`, `padding`, … of a convolution): a field of a
/// [`keras_layer!`] declaration read and written with [`Flattened`].
#[cfg(feature = "keras-json")]
pub(crate) trait ArgGroup: Default {
    /// The group with the arguments a Keras config gives (the others keep
    /// their values).
    fn read(self, c: &Cfg<'_>) -> crate::Result<Self>;
    /// Writes the group's arguments as Keras does.
    fn write(&self, args: &mut serde_json::Map<String, serde_json::Value>);
}

/// The [`Codec`] of an [`ArgGroup`] field: read from the layer's whole
/// config (from the group's defaults), written flattened.
#[cfg(feature = "keras-json")]
pub(crate) struct Flattened;

#[cfg(feature = "keras-json")]
impl<T: ArgGroup> Codec<T> for Flattened {
    fn required(c: &Cfg<'_>, _key: &str) -> crate::Result<T> {
        T::default().read(c)
    }
    fn optional(c: &Cfg<'_>, _key: &str) -> crate::Result<Option<T>> {
        T::default().read(c).map(Some)
    }
    fn write(value: &T) -> serde_json::Value {
        let mut args = serde_json::Map::new();
        value.write(&mut args);
        serde_json::Value::Object(args)
    }
    fn write_into(value: &T, _key: &str, args: &mut serde_json::Map<String, serde_json::Value>) {
        value.write(args);
    }
}

/// `int or tuple of N ints` (`kernel_size`, `strides`, ...): read from an
/// int or a list, written as a list.
#[cfg(feature = "keras-json")]
impl<const N: usize> Arg for crate::args::IntTuple<N> {
    fn required(c: &Cfg<'_>, key: &str) -> crate::Result<Self> {
        c.req_tuple::<N>(key)
    }
    fn optional(c: &Cfg<'_>, key: &str) -> crate::Result<Option<Self>> {
        c.opt_tuple::<N>(key)
    }
    fn to_config(&self) -> serde_json::Value {
        crate::config::writer::ints(self.0)
    }
}

// `padding`: `valid` (the default), `same` or `causal`.
named_enum_arg!(crate::args::Padding, "padding", padding, opt_padding);

/// A built-in class's factory ([`Builtin`](crate::config::registry::Builtin))
/// that boxes what `$read` reads from its config: a function named
/// `read` in the block that registers the class, rather than a closure,
/// whose code would be known only as `FnOnce::call_once` (profiles, and
/// the `kerasinfo` command's code layout, tell the classes' readers apart
/// by their paths).
#[cfg(feature = "keras-json")]
macro_rules! read_boxed {
    ($read:expr) => {{
        fn read(c: &$crate::config::cfg::Cfg<'_>) -> $crate::Result<Box<dyn $crate::layer::Layer>> {
            Ok(Box::new($read(c)?))
        }
        read
    }};
}

/// Registers built-in classes with the config importer twice: as layers,
/// and as the typed box a layer holding them reads them into, where a
/// `Box<dyn Layer>` would lose the type (the registry's `TypedReader`):
/// `dyn RnnCell` for an `RNN`'s cell, `dyn RecurrentLayer` for a
/// `Bidirectional`'s layer. `$read` reads a class's config into its type:
///
/// ```text
/// builtin_as!(r, dyn RnnCell: "LSTMCell" => LSTMCell::from_keras_args);
/// ```
#[cfg(feature = "keras-json")]
macro_rules! builtin_as {
    ($r:expr, $typed:ty: $($class:literal => $read:expr),+ $(,)?) => {$({
        fn typed(c: &$crate::config::cfg::Cfg<'_>) -> $crate::Result<Box<$typed>> {
            Ok(Box::new($read(c)?))
        }
        const TYPED: $crate::config::registry::TypedReader<$typed> = typed;
        $r.builtin($class, read_boxed!($read));
        $r.builtin_typed($class, &TYPED);
    })+};
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
/// - A keyword argument without a `|arg: Type| value` setter gets its
///   setter by hand (one that checks or sets more than its field).
/// - A positional argument may take another type in `new` and convert it:
///   `units: i64 = impl Int => units.to_i64()`.
/// - `[Codec]` after a field's type reads and writes it with that
///   [`Codec`] instead of the type's [`Arg`] impl: `activation:
///   Option<String> [Activation] = None, ...` (a name is one of this
///   module's codecs; a path, `[super::shared::BatchNormAxis]`, any).
/// - A struct may take bounded type parameters (`pub struct
///   RecurrentCell<K: CellKind>`, its class `K::CELL_CLASS`) or const
///   generics (`pub struct Conv<const N: usize>`); the latter's classes are
///   then `class match N { 1 => "Conv1D" as Conv<1>, 2 =>
///   "Conv2D" as Conv<2>, _ => "Conv3D" as Conv<3> };`: the class of each
///   value and the type registered under it, each name written once
///   (`class match N { ... } as dyn Trait;` registers the typed readers
///   too, as below). A file whose classes need a hand-written reader gives
///   `class` any expression of the generics and `register manual;`, and
///   its `register` names each class by its type's `KERAS_CLASS`.
/// - A field may hold a group of arguments Keras writes flattened among
///   the layer's own (a recurrent layer's cell arguments): its codec reads
///   the group from the whole config and writes its keys with
///   [`Codec::write_into`]; its setters are written beside it.
/// - `register { ... } as dyn Trait;` also registers each class's reader
///   into that typed box (see `builtin_as!`): `as dyn
///   super::RecurrentLayer` for the layers `Bidirectional` wraps.
/// - `register manual;` after `class` leaves the file's `register` to be
///   written by hand (a config reader with quirks), still able to call
///   `from_keras_args`.
macro_rules! keras_layer {
    (@setter { $(#[doc = $doc:literal])* } $field:ident) => {};
    (@setter { $(#[doc = $doc:literal])* } $field:ident, |$arg:ident : $arg_ty:ty| $value:expr) => {
        setters! { $(#[doc = $doc])* $field: |$arg: $arg_ty| $value; }
    };
    (@codec) => { $crate::layers::declare::Plain };
    (@codec $codec:ident) => { $crate::layers::declare::$codec };
    (@codec $($codec:tt)+) => { $($codec)+ };
    (@param_ty $ty:ty) => { $ty };
    (@param_ty $ty:ty, $param_ty:ty) => { $param_ty };
    (@convert $req:ident) => { $req };
    (@convert $req:ident, $value:expr) => { $value };
    // A class whose `new` takes no argument: `Default` is `new()` (so a
    // defaulted layer takes its automatic name when made, as Keras's).
    (@default [] $name:ident $generics:tt { $($ta:tt)* }) => {
        default_is_new!($generics $name<$($ta)*>);
    };
    (@default [$($req:ident)+] $($rest:tt)*) => {};
    (@register $class:expr, $name:ident, [$($typed:ty)?] manual) => {};
    (@register $class:expr, $name:ident, [] { $($rclass:literal => $rty:ty),* $(,)? }) => {
        /// Registers the file's classes with the config importer.
        #[cfg(feature = "keras-json")]
        pub(super) fn register(r: &mut $crate::config::registry::Registry) {
            $(
                r.builtin_copied::<$rty>($rclass, read_boxed!(<$rty>::from_keras_args));
            )*
        }
    };
    (@register $class:expr, $name:ident, [$typed:ty] { $($rclass:literal => $rty:ty),* $(,)? }) => {
        /// Registers the file's classes with the config importer, as
        /// layers and as the typed box a layer holding them reads.
        #[cfg(feature = "keras-json")]
        pub(super) fn register(r: &mut $crate::config::registry::Registry) {
            builtin_as!(r, $typed: $($rclass => <$rty>::from_keras_args),*);
        }
    };
    (@register $class:expr, $name:ident, []) => {
        /// Registers the class with the config importer.
        #[cfg(feature = "keras-json")]
        pub(super) fn register(r: &mut $crate::config::registry::Registry) {
            r.builtin_copied::<$name>($class, read_boxed!($name::from_keras_args));
        }
    };
    // The classes of a const-generic struct, each with its type: its
    // `class` expression and its `register` list, made from one list.
    (
        class match $on:tt { $($value:pat => $cclass:literal as $cty:ty),+ $(,)? } $(as $ctyped:ty)?;
        $($rest:tt)*
    ) => {
        keras_layer! {
            class match $on { $($value => $cclass),+ };
            register { $($cclass => $cty),+ } $(as $ctyped)?;
            $($rest)*
        }
    };
    // The struct's generics (const or bounded type parameters, or none)
    // as an impl takes them, `{const N: usize}`, and as its type's
    // arguments, `{N}`.
    (
        class $class:expr;
        $(register $register:tt $(as $typed:ty)?;)?
        $(#[$meta:meta])*
        pub struct $name:ident $($rest:tt)*
    ) => {
        keras_layer! {
            @generics [[$class] [$(register $register $(as $typed)?;)?] [$(#[$meta])*] $name]
            $($rest)*
        }
    };
    (@generics $head:tt < $(const $g:ident : $gty:ty),* > $($rest:tt)*) => {
        keras_layer! { @declare $head {$(const $g: $gty),*} {$($g),*} $($rest)* }
    };
    (@generics $head:tt < $($g:ident : $bound:path),* > $($rest:tt)*) => {
        keras_layer! { @declare $head {$($g: $bound),*} {$($g),*} $($rest)* }
    };
    (@generics $head:tt $($rest:tt)*) => {
        keras_layer! { @declare $head {} {} $($rest)* }
    };
    (
        @declare [
            [$class:expr]
            [$(register $register:tt $(as $typed:ty)?;)?]
            [$(#[$meta:meta])*]
            $name:ident
        ]
        { $($ig:tt)* } { $($ta:tt)* } {
            $(
                $(#[doc = $req_doc:literal])*
                $req_vis:vis $req:ident : $req_ty:ty $([$($req_codec:tt)+])? $(= $req_param:ty => $req_value:expr)?
            ),* $(,)?
        }
        $(#[doc = $new_doc:literal])*
        fn new;
        $(
            $(#[doc = $doc:literal])*
            $vis:vis $field:ident : $ty:ty $([$($codec:tt)+])? = $default:expr
            $(, |$arg:ident : $arg_ty:ty| $value:expr)?
        );* $(;)?
    ) => {
        $(#[$meta])*
        #[must_use]
        pub struct $name<$($ig)*> {
            config: $crate::LayerConfig,
            $(
                $(#[doc = $req_doc])*
                $req_vis $req: $req_ty,
            )*
            $(
                $(#[doc = $doc])*
                $vis $field: $ty,
            )*
        }

        impl<$($ig)*> $name<$($ta)*> {
            /// The layer's Keras class name.
            pub(crate) const KERAS_CLASS: &'static str = $class;

            $(#[doc = $new_doc])*
            pub fn new($($req: keras_layer!(@param_ty $req_ty $(, $req_param)?)),*) -> Self {
                Self::from_positional($(keras_layer!(@convert $req $(, $req_value)?)),*)
            }

            /// The layer with its positional arguments and every keyword
            /// argument at its default, named by its Keras config `c` when
            /// the importer reads it and it gives a name (then, as in
            /// Keras, it takes no place in the automatic naming).
            #[cfg(feature = "keras-json")]
            fn from_keras_positional(c: &$crate::config::cfg::Cfg<'_>, $($req: $req_ty),*) -> Self {
                let mut config = $crate::LayerConfig::default();
                if let Some(name) = c.import_name() {
                    config.set_name_str(name);
                }
                $crate::layer::constructed($name {
                    config,
                    $($req,)*
                    $($field: $default,)*
                })
            }

            /// The layer with its positional arguments and every keyword
            /// argument at its default.
            fn from_positional($($req: $req_ty),*) -> Self {
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
        impl<$($ig)*> $name<$($ta)*> {
            /// The layer its Keras config describes (its own arguments; the
            /// importer applies the common ones).
            #[allow(dead_code)] // a class with a hand-written `register` may not call it
            pub(crate) fn from_keras_args(c: &$crate::config::cfg::Cfg<'_>) -> $crate::Result<Self> {
                Self::from_keras_positional(
                    c,
                    $(<keras_layer!(@codec $($($req_codec)+)?) as $crate::layers::declare::Codec<$req_ty>>::required(c, stringify!($req))?),*
                )
                .with_keras_keywords(c)
            }

            /// The layer with the keyword arguments its Keras config gives
            /// (the others keep their values).
            #[allow(unused_mut, unused_variables)]
            pub(crate) fn with_keras_keywords(mut self, c: &$crate::config::cfg::Cfg<'_>) -> $crate::Result<Self> {
                let layer = &mut self;
                $(
                    if let Some(v) = <keras_layer!(@codec $($($codec)+)?) as $crate::layers::declare::Codec<$ty>>::optional(c, stringify!($field))? {
                        layer.$field = v;
                    }
                )*
                Ok(self)
            }

            /// Its own arguments as Keras writes them in its config.
            pub(crate) fn keras_args(&self) -> serde_json::Map<String, serde_json::Value> {
                #[allow(unused_mut)]
                let mut args = serde_json::Map::new();
                $(
                    args.insert(
                        stringify!($req).to_owned(),
                        <keras_layer!(@codec $($($req_codec)+)?) as $crate::layers::declare::Codec<$req_ty>>::write(&self.$req),
                    );
                )*
                $(
                    <keras_layer!(@codec $($($codec)+)?) as $crate::layers::declare::Codec<$ty>>::write_into(
                        &self.$field,
                        stringify!($field),
                        &mut args,
                    );
                )*
                args
            }
        }

        keras_layer!(@default [$($req)*] $name {$($ig)*} {$($ta)*});
        keras_layer!(@register $class, $name, [$($($typed)?)?] $($register)?);
    };
}

/// The bookkeeping methods of [`Layer`](crate::Layer) for a class declared
/// with [`keras_layer!`]: its class name, its config, and its Keras config
/// written from its declared arguments. `declared_layer_common!(written by
/// F)`: that config passed through `F` (for the keys Keras writes beyond
/// the arguments); `declared_layer_common!(call kwarg KEY)`: with the
/// [`CallArg`] `KEY` among the call's kwargs ([`with_call_kwarg`]), where
/// Keras keeps it; `declared_layer_common!(flags F, ...)`: with the
/// [`layer_flags!`] `F`.
macro_rules! declared_layer_common {
    () => {
        declared_layer_common!(written by std::convert::identity);
    };
    (flags $($flag:ident),+) => {
        declared_layer_common!();
        layer_flags!($($flag),+);
    };
    (call kwarg $key:literal) => {
        declared_layer_common!(written by |args| {
            $crate::layers::declare::with_call_kwarg(args, $key)
        });
    };
    (written by $finish:expr) => {
        layer_common!(Self::KERAS_CLASS);

        #[cfg(feature = "keras-json")]
        fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
            Some(($finish)(self.keras_args()))
        }
    };
}

/// `From` impls, one a line: `{generics} Source => Target: |pattern| value`.
macro_rules! from_impls {
    ($($({$($g:tt)*})? $src:ty => $dst:ty: |$v:pat_param| $e:expr;)*) => {$(
        impl$(<$($g)*>)? From<$src> for $dst {
            fn from($v: $src) -> Self {
                $e
            }
        }
    )*};
}

/// A Keras string argument as an enum: each variant with its docs and its
/// Keras name (then the aliases Keras also reads: `= "multi_hot" |
/// "binary"`). `Display` writes the name; `from_name` reads any name (else
/// Keras's error under `key`: `expected $expected, found "…"`), and so
/// does its [`Arg`] impl, which writes the name.
macro_rules! keras_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident = $text:literal $(| $alias:literal)*,)+
        }
        expected $expected:literal;
    ) => {
        $(#[$meta])*
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(match self {
                    $(Self::$variant => $text,)+
                })
            }
        }

        #[cfg(feature = "keras-json")]
        impl $name {
            /// The variant named `text`, read under `key` of `c`.
            pub(crate) fn from_name(
                c: &$crate::config::cfg::Cfg<'_>,
                key: &str,
                text: &str,
            ) -> $crate::Result<Self> {
                match text {
                    $($text $(| $alias)* => Ok(Self::$variant),)+
                    other => Err(c.error(key, format!(concat!("expected ", $expected, ", found {:?}"), other))),
                }
            }
        }

        #[cfg(feature = "keras-json")]
        impl $crate::layers::declare::Arg for $name {
            const WHAT: &'static str = "string";
            fn optional(c: &$crate::config::cfg::Cfg<'_>, key: &str) -> $crate::Result<Option<Self>> {
                c.opt_str(key)?.map(|text| Self::from_name(c, key, text)).transpose()
            }
            fn to_config(&self) -> serde_json::Value {
                serde_json::json!(self.to_string())
            }
        }
    };
}

/// `Default` as `new()` for each of the types (a class whose Keras
/// constructor needs no argument), each after its `{generics}` if any.
macro_rules! default_is_new {
    ($($({$($g:tt)*})? $name:ty),+ $(,)?) => {$(
        /// `new()`: the layer takes its place in Keras's automatic-naming
        /// order, as a Keras constructor does.
        impl$(<$($g)*>)? Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }
    )+};
}
pub(crate) use default_is_new;

/// Fluent setters of keyword arguments, each its docs then `name: Type;`
/// (sets the field `name` to the argument `name`), `name: Type => value;`
/// (to `value`, an expression of the argument), `name: |arg: Type|
/// value;` (the same, the argument named `arg`), `name: Type =>
/// path.to.field = value;` (sets that field) or `name: Type => via field;`
/// (sets `field` to `field.name(name)`: a held layer's setter).
macro_rules! setters {
    () => {};
    (@value $name:ident) => { $name };
    (@value $name:ident $value:expr) => { $value };
    ($(#[doc = $doc:literal])* $name:ident: |$arg:ident: $ty:ty| $value:expr; $($rest:tt)*) => {
        $(#[doc = $doc])*
        pub fn $name(mut self, $arg: $ty) -> Self {
            self.$name = $value;
            self
        }
        setters!($($rest)*);
    };
    ($(#[doc = $doc:literal])* $name:ident: $ty:ty => via $inner:ident; $($rest:tt)*) => {
        $(#[doc = $doc])*
        pub fn $name(mut self, $name: $ty) -> Self {
            self.$inner = self.$inner.$name($name);
            self
        }
        setters!($($rest)*);
    };
    ($(#[doc = $doc:literal])* $name:ident: $ty:ty => $($place:ident).+ = $value:expr; $($rest:tt)*) => {
        $(#[doc = $doc])*
        pub fn $name(mut self, $name: $ty) -> Self {
            self.$($place).+ = $value;
            self
        }
        setters!($($rest)*);
    };
    ($(#[doc = $doc:literal])* $name:ident: $ty:ty $(=> $value:expr)?; $($rest:tt)*) => {
        setters! {
            $(#[doc = $doc])* $name: |$name: $ty| setters!(@value $name $($value)?);
            $($rest)*
        }
    };
}

/// [`Layer::cost`](crate::Layer::cost) of a layer that computes nothing
/// TensorFlow's profiler counts, documented as `# Cost` with the lines
/// `$why` (which end `0 MACs, 0 FLOPs.`, or say so).
macro_rules! zero_cost {
    ($($why:literal)+) => {
        /// # Cost
        $(#[doc = $why])+
        fn cost(
            &self,
            _inputs: &[$crate::shape::Shape],
            _outputs: &[$crate::shape::Shape],
        ) -> Result<Option<$crate::compute::Cost>, $crate::error::LayerError> {
            Ok(Some($crate::compute::Cost::ZERO))
        }
    };
}

/// [`Layer`](crate::Layer) flags that the layer sets to `true`:
/// `supports_masking` (Keras's flag: unless the layer has its own
/// `compute_mask`, it passes its input's mask on), `built_at_init`
/// (Keras builds the layer at construction), `takes_mask` (Keras's call
/// takes `mask=`), `takes_initial_state` (and `initial_state=`),
/// `holds_layers` (it holds other layers).
macro_rules! layer_flags {
    ($($flag:ident),+) => {
        $(
            fn $flag(&self) -> bool {
                true
            }
        )+
    };
}

/// The fluent `data_format=` setter of each spatial class `$ty` (Keras's
/// 2D and 3D classes of a family whose 1D class takes none), documented
/// by `$doc`.
macro_rules! data_format_setter {
    ($doc:literal: $($ty:ty),+) => {$(
        impl $ty {
            setters! { #[doc = $doc] data_format: $crate::args::DataFormat; }
        }
    )+};
}

/// A written config without the `data_format` the spatial family declares
/// for all, when the class is the 1D one, which takes none (`Cropping1D`,
/// `SpatialDropout1D`).
#[cfg(feature = "keras-json")]
pub(crate) fn no_1d_data_format<const N: usize>(
    mut args: serde_json::Map<String, serde_json::Value>,
) -> serde_json::Map<String, serde_json::Value> {
    if N == 1 {
        args.remove("data_format");
    }
    args
}

/// Removes the `keys` whose value is `null` from a written config: the
/// arguments Keras writes only when they are given (`lora_rank`, ...).
#[cfg(feature = "keras-json")]
pub(crate) fn drop_nulls(args: &mut serde_json::Map<String, serde_json::Value>, keys: &[&str]) {
    for key in keys {
        if args.get(*key).is_some_and(serde_json::Value::is_null) {
            args.remove(*key);
        }
    }
}

/// Keras's public classes of a family, as aliases of its generic layer: for
/// each, a line of docs, the `# Shapes` they share, and an example that
/// calls it on `Input::new($input)` and checks the output shape; `| $also`
/// names Keras's second name for the class (`MaxPool2D`, `Convolution2D`).
macro_rules! layer_aliases {
    ($shapes:literal; $($name:ident $(| $also:ident)? = $ty:ty: $what:literal,
        $input:expr, $call:literal => $out:literal;)+) => {$(
        #[doc = concat!("`keras.layers.", stringify!($name), "`: ", $what, ".")]
        ///
        /// # Shapes
        #[doc = $shapes]
        ///
        /// ```
        /// use kerasinfo::prelude::*;
        #[doc = concat!("let x = Input::new(", stringify!($input), ").tensor()?;")]
        #[doc = concat!("let y = ", stringify!($name), $call, ".call(&x)?;")]
        #[doc = concat!("assert_eq!(y.shape().to_string(), \"", $out, "\");")]
        /// # Ok::<(), kerasinfo::Error>(())
        /// ```
        pub type $name = $ty;
        $(
            #[doc = concat!("`keras.layers.", stringify!($also), "`, Keras's alias of [`",
                stringify!($name), "`] (summaries print `", stringify!($name), "`).")]
            pub type $also = $name;
        )?
    )+};
}
