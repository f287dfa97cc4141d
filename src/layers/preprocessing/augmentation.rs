//! The image augmentation layers (`RandomFlip`, `RandomRotation`, ...):
//! one generic struct, [`Augmentation`], whose marker type names the Keras
//! class, with a typed constructor per class.
//!
//! In Keras 3.15 all of them keep the input shape (any rank: Keras only
//! checks ranks when the layer runs on data) and have no weights; only the
//! constructor arguments differ. `RandomCrop`, which changes the shape, is
//! in the image module.

use std::fmt::{self, Debug};
use std::marker::PhantomData;

use crate::args::DataFormat;
use crate::compute::Cost;
use crate::error::{LayerError, comma_separated};
use crate::layer::{Layer, LayerConfig, OutputShapes, one_input, single};
use crate::shape::{Dim, Shape};

/// A `factor`-like argument: one number or a `(lower, upper)` pair.
///
/// ```
/// use kerasinfo::layers::Factor;
/// assert_eq!(Factor::from(0.2), Factor::Single(0.2));
/// assert_eq!(Factor::from((-0.1, 0.3)), Factor::Range(-0.1, 0.3));
/// assert_eq!(Factor::from(4).to_string(), "4");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Factor {
    /// One number `f` (usually meaning the range `[-f, f]`).
    Single(f64),
    /// An explicit `(lower, upper)` pair.
    Range(f64, f64),
}

from_impls! {
    f64 => Factor: |f| Factor::Single(f);
    i32 => Factor: |f| Factor::Single(f64::from(f));
    (f64, f64) => Factor: |(a, b)| Factor::Range(a, b);
    [f64; 2] => Factor: |[a, b]| Factor::Range(a, b);
    (i32, i32) => Factor: |(a, b)| Factor::Range(f64::from(a), f64::from(b));
}

impl fmt::Display for Factor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Factor::Single(x) => write!(f, "{x}"),
            Factor::Range(a, b) => write!(f, "({a}, {b})"),
        }
    }
}

/// Keras's error for a factor `name` outside `range`.
fn bad_factor(name: &str, range: &str, factor: Factor) -> LayerError {
    LayerError::argument(
        name,
        format!(
            "should be a number (or a list of two numbers) in the range {range}, received {name}={factor}"
        ),
    )
}

/// Keras's `BaseImagePreprocessingLayer._set_factor`: a number in
/// `[lo, hi]`, or a pair with `lower <= hi` and `upper >= lo`.
fn base(lo: f64, hi: f64) -> impl Fn(&str, Factor) -> Result<(), LayerError> {
    move |name, factor| {
        let ok = match factor {
            Factor::Single(f) => (lo..=hi).contains(&f),
            Factor::Range(a, b) => a <= hi && b >= lo,
        };
        ok.then_some(())
            .ok_or_else(|| bad_factor(name, &format!("[{lo}, {hi}]"), factor))
    }
}

/// Every number of `factor` is `ok`, else Keras's error for `range`.
fn each(
    name: &str,
    factor: Factor,
    range: &str,
    ok: impl Fn(f64) -> bool,
) -> Result<(), LayerError> {
    let values = match factor {
        Factor::Single(f) => [f, f],
        Factor::Range(a, b) => [a, b],
    };
    values
        .into_iter()
        .all(ok)
        .then_some(())
        .ok_or_else(|| bad_factor(name, range, factor))
}

/// `RandomZoom` (every number in `(-1, 1]`) and `RandomTranslation`
/// (every number in `[-1, 1]`, `lower_inclusive`).
fn zoom(lower_inclusive: bool) -> impl Fn(&str, Factor) -> Result<(), LayerError> {
    move |name, factor| {
        let range = if lower_inclusive {
            "[-1.0, 1.0]"
        } else {
            "(-1.0, 1.0]"
        };
        each(name, factor, range, |v| {
            v <= 1.0 && (v > -1.0 || (lower_inclusive && v >= -1.0))
        })
    }
}

/// `RandomShear`/`Solarization`: every number in `[0, 1]`.
fn unit(name: &str, factor: Factor) -> Result<(), LayerError> {
    each(name, factor, "[0.0, 1.0]", |v| (0.0..=1.0).contains(&v))
}

/// `RandomGrayscale`'s `factor`: a probability.
fn probability(name: &str, factor: f64) -> Result<(), LayerError> {
    argument_error_if!(
        !(0.0..=1.0).contains(&factor),
        name,
        format!("`factor` should be between 0 and 1, received factor={factor}")
    );
    Ok(())
}

/// `RandomPerspective`'s `scale`: a number in `[0, 1]`.
fn perspective_scale(name: &str, scale: f64) -> Result<(), LayerError> {
    argument_error_if!(
        !(0.0..=1.0).contains(&scale),
        name,
        format!(
            "the `scale` argument should be a number in the range [0,1], received scale={scale}"
        )
    );
    Ok(())
}

/// `RandomGaussianBlur`'s `kernel_size`: an odd number.
fn odd(name: &str, kernel_size: i64) -> Result<(), LayerError> {
    argument_error_if!(
        kernel_size % 2 == 0,
        name,
        format!("kernel_size must be an odd number, received kernel_size={kernel_size}")
    );
    Ok(())
}

const FILL_MODES: &[&str] = &["reflect", "wrap", "constant", "nearest"];
const INTERPOLATIONS: &[&str] = &["nearest", "bilinear"];

/// The check of a `fill_mode` or `interpolation` value: one of `allowed`
/// when `K` checks them.
fn one_of<K: AugmentationKind>(
    allowed: &[&str],
) -> impl FnOnce(&str, &str) -> Result<(), LayerError> {
    move |name, value| {
        argument_error_if!(
            K::CHECKS_FILL && !allowed.contains(&value),
            name,
            format!("unknown `{name}` {value}, expected one of {allowed:?}")
        );
        Ok(())
    }
}

/// The class an [`Augmentation`] stands for: implemented by the marker
/// types in [`augmentation_kinds`].
pub trait AugmentationKind: Debug + Clone + Default + Send + Sync + 'static {
    /// The Keras class name.
    const CLASS: &'static str;
    /// Whether the layer checks, as `RandomColorDegeneration` does, that
    /// its input is rank 3 or 4 with 3 channels (when known).
    const RGB_ONLY: bool = false;
    /// Whether Keras validates `fill_mode`/`interpolation` at construction
    /// (`RandomRotation`, `RandomZoom`, `RandomTranslation`, `RandomShear`,
    /// `RandomPerspective`, `RandomElasticTransform`).
    const CHECKS_FILL: bool = false;
    /// The `fill_mode` values Keras accepts when it checks them.
    const FILL_MODES: &'static [&'static str] = FILL_MODES;
    /// Why Keras cannot build a model containing the layer, if it cannot.
    const UNUSABLE_IN_MODEL: Option<&'static str> = None;
}

/// An image augmentation layer of class `K` (see the aliases
/// [`RandomFlip`], [`RandomRotation`], ...).
///
/// # Shapes
/// Output equals input (of any rank; `RandomColorDegeneration` requires
/// rank 3 or 4 and 3 channels; [`Equalization`] cannot be used in a model,
/// as in Keras 3.15.1). No weights.
///
/// Arguments that only affect the values (`seed`, `value_range`,
/// `fill_value`, ...) are recorded as given ([`Augmentation::arguments`]);
/// factor ranges, `fill_mode` and `interpolation` are checked as Keras
/// checks them when the layer is created, and a bad one makes calling the
/// layer fail.
#[derive(Clone)]
#[must_use]
pub struct Augmentation<K: AugmentationKind> {
    config: LayerConfig,
    data_format: DataFormat,
    arguments: Vec<(&'static str, String)>,
    error: Option<LayerError>,
    kind: PhantomData<K>,
}

impl<K: AugmentationKind> Debug for Augmentation<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(K::CLASS)
            .field("config", &self.config)
            .field("data_format", &self.data_format)
            .field("arguments", &self.arguments)
            .field("error", &self.error)
            .finish()
    }
}

impl<K: AugmentationKind> Augmentation<K> {
    fn blank() -> Self {
        crate::layer::constructed(Augmentation {
            config: LayerConfig::default(),
            data_format: DataFormat::ChannelsLast,
            arguments: Vec::new(),
            error: None,
            kind: PhantomData,
        })
    }

    /// Records an argument, replacing an earlier value of it.
    fn record(mut self, name: &'static str, value: String) -> Self {
        self.arguments.retain(|(n, _)| *n != name);
        self.arguments.push((name, value));
        self
    }

    /// Records the first argument error, reported when the layer is used.
    fn check(mut self, result: Result<(), LayerError>) -> Self {
        if self.error.is_none() {
            self.error = result.err();
        }
        self
    }

    /// Records `value` under `name`, checked by `valid`.
    fn arg<T: Copy + fmt::Display>(
        self,
        name: &'static str,
        value: T,
        valid: impl FnOnce(&str, T) -> Result<(), LayerError>,
    ) -> Self {
        self.record(name, value.to_string())
            .check(valid(name, value))
    }

    /// The arguments given so far (besides `name`, `trainable`, `dtype`,
    /// `data_format`), as `(keras_name, value)`.
    #[must_use]
    pub fn arguments(&self) -> &[(&'static str, String)] {
        &self.arguments
    }

    /// Keras's `seed=`: the random seed. Defaults to `None`.
    pub fn seed(self, seed: i64) -> Self {
        self.record("seed", seed.to_string())
    }

    /// Keras's `data_format=`. Defaults to `channels_last`.
    pub fn data_format(mut self, data_format: DataFormat) -> Self {
        self.data_format = data_format;
        self
    }

    /// Keras's `value_range=`: the range of the input values (for layers
    /// that take it). Defaults to `(0, 255)`.
    pub fn value_range(self, low: f64, high: f64) -> Self {
        self.record("value_range", format!("({low}, {high})"))
    }

    /// Keras's `fill_mode=` (`"reflect"`, `"wrap"`, `"constant"`,
    /// `"nearest"`) for the geometric layers. Defaults to the class's
    /// Keras default (`"reflect"` for most).
    pub fn fill_mode(self, fill_mode: &str) -> Self {
        self.arg("fill_mode", fill_mode, one_of::<K>(K::FILL_MODES))
    }

    /// Keras's `interpolation=` (`"nearest"`, `"bilinear"`) for the
    /// geometric layers. Defaults to `"bilinear"`.
    pub fn interpolation(self, interpolation: &str) -> Self {
        self.arg("interpolation", interpolation, one_of::<K>(INTERPOLATIONS))
    }

    /// Keras's `fill_value=`: the value used by `fill_mode="constant"`.
    /// Defaults to `0.0`.
    pub fn fill_value(self, fill_value: f64) -> Self {
        self.record("fill_value", fill_value.to_string())
    }
}

/// The classes of the inner layers of `AugMix` and `RandAugment`, in
/// three groups.
const GEOMETRIC_OPS: [&str; 3] = ["RandomShear", "RandomTranslation", "RandomRotation"];
const TONE_OPS: [&str; 4] = [
    "Solarization",
    "RandomPosterization",
    "AutoContrast",
    "Equalization",
];
const COLOR_OPS: [&str; 4] = [
    "RandomBrightness",
    "RandomColorDegeneration",
    "RandomContrast",
    "RandomSharpness",
];

impl<K: AugmentationKind> Augmentation<K> {
    /// The classes of the layers Keras creates inside this one (in
    /// creation order): they take automatic names too.
    fn inner_classes(&self) -> Vec<&'static str> {
        match K::CLASS {
            "RandomColorJitter" => [
                ("brightness_factor", "RandomBrightness"),
                ("contrast_factor", "RandomContrast"),
                ("saturation_factor", "RandomSaturation"),
                ("hue_factor", "RandomHue"),
            ]
            .into_iter()
            .filter(|(arg, _)| self.arguments.iter().any(|(n, _)| n == arg))
            .map(|(_, class)| class)
            .collect(),
            "AugMix" => {
                let all_ops = !self.arguments.contains(&("all_ops", "false".into()));
                let color: &[&str] = if all_ops { &COLOR_OPS } else { &[] };
                [&GEOMETRIC_OPS[..], &TONE_OPS, color].concat()
            }
            "RandAugment" => [&GEOMETRIC_OPS[..], &COLOR_OPS, &TONE_OPS].concat(),
            _ => Vec::new(),
        }
    }
}

impl<K: AugmentationKind> Layer for Augmentation<K> {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let mut o = w::obj([("data_format", json!(self.data_format.to_string()))]);
        for (name, value) in &self.arguments {
            o.insert((*name).to_owned(), recorded_value(value));
        }
        Some(o)
    }

    layer_common!(K::CLASS);

    /// # Cost
    /// As TensorFlow's profiler counts Keras's inference graph (measured
    /// on each): 0 MACs and 0 FLOPs for the layers that are the identity at
    /// inference (`RandomFlip`, `RandomRotation`, `RandomZoom`,
    /// `RandomTranslation`, `RandomContrast`, `RandomBrightness`,
    /// `RandomShear`, `RandomColorJitter`, `RandomInvert`, `RandomErasing`,
    /// `RandomGaussianBlur`, `RandomPerspective`, `RandomElasticTransform`,
    /// `Solarization`, `CutMix`, `AugMix`, `RandAugment`,
    /// `MaxNumBoundingBoxes`). `AutoContrast`, which rescales at
    /// inference too, on a channels-last image batch of `N` elements and
    /// `C` channels: `4·N + 4·C` (per element a multiply, an add and the
    /// clip's `Minimum`/`Maximum`; per channel the range's subtract,
    /// division, negation and multiply).
    /// The layers that leave the images unchanged at inference but still
    /// draw their random factors, which the profiler counts: per image
    /// `RandomGrayscale` 3, `RandomHue` 8, `RandomSaturation` 5,
    /// `RandomSharpness` 2, `RandomColorDegeneration` 2,
    /// `RandomPosterization` 1, `MixUp` 9 FLOPs, whatever the image size
    /// and the arguments (the profiler adds a few FLOPs of seed arithmetic
    /// once per call, not per-sample work, left out).
    /// Unknown for `ContrastLimitedAdaptiveHistogramEqualization` (its
    /// histogram graph is not modelled) and for `Equalization` (not usable
    /// in a model).
    fn cost(&self, _inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        match K::CLASS {
            "RandomGrayscale" => Ok(Some(Cost::elementwise(3))),
            "RandomHue" => Ok(Some(Cost::elementwise(8))),
            "RandomSaturation" => Ok(Some(Cost::elementwise(5))),
            "RandomSharpness" | "RandomColorDegeneration" => Ok(Some(Cost::elementwise(2))),
            "RandomPosterization" => Ok(Some(Cost::elementwise(1))),
            "MixUp" => Ok(Some(Cost::elementwise(9))),
            "AutoContrast" => {
                let channels_last = self.data_format == DataFormat::ChannelsLast;
                let Some(out) = outputs.first().filter(|o| channels_last && o.rank() == 4) else {
                    return Ok(None);
                };
                let channels = out.dims().last().and_then(|d| d.known());
                let (Some(n), Some(c)) = (crate::compute::sample_elements(out)?, channels) else {
                    return Ok(None);
                };
                let flops = crate::weight::checked_add(
                    crate::weight::checked_mul(n, 4)?,
                    crate::weight::checked_mul(c, 4)?,
                )?;
                Ok(Some(Cost::elementwise(flops)))
            }
            "ContrastLimitedAdaptiveHistogramEqualization" | "Equalization" => Ok(None),
            _ => Ok(Some(Cost::ZERO)),
        }
    }

    fn resolve_inner_names(&mut self) {
        // Keras creates these sub-layers in the constructor, right after
        // the layer itself takes its name; each takes an automatic name.
        for class in self.inner_classes() {
            let _ = crate::naming::auto_name(class);
        }
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        if let Some(reason) = K::UNUSABLE_IN_MODEL {
            return Err(LayerError::Other(reason.to_owned()));
        }
        let x = one_input(inputs)?;
        if K::RGB_ONLY {
            if !matches!(x.rank(), 3 | 4) {
                return Err(LayerError::rank(
                    "3 (single image) or 4 (batch of images)",
                    x,
                ));
            }
            let axis = match self.data_format {
                DataFormat::ChannelsLast => -1,
                DataFormat::ChannelsFirst => -3,
            };
            if let Some(Dim::Known(c)) = x.get(axis)
                && c != 3
            {
                return Err(LayerError::input(
                    x,
                    format!(
                        "input images must have 3 channels, but received images with {c} channels"
                    ),
                ));
            }
        }
        Ok(single(x.clone()))
    }
}

keras_enum! {
    /// Keras's `RandomFlip(mode=...)`: which axes to flip.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum FlipMode {
        /// `"horizontal"`: left-right.
        Horizontal = "horizontal",
        /// `"vertical"`: top-bottom.
        Vertical = "vertical",
        /// `"horizontal_and_vertical"` (the default).
        #[default]
        HorizontalAndVertical = "horizontal_and_vertical",
    }
    expected "horizontal, vertical or horizontal_and_vertical";
}

/// Declares the augmentation classes, each as
///
/// ```text
/// /// docs of the alias
/// Class, "example call" {
///     kind { const CHECKS_FILL: bool = true; }
///     /// docs of `new`
///     fn new(arg: Factor check(base(0.0, 1.0)), ...);
///     /// docs of a setter
///     setter: f64 check(...) = default, manual;
///     |layer, c| { ... }
/// }
/// ```
///
/// giving the class's marker in [`augmentation_kinds`] (with the `kind`
/// items of its [`AugmentationKind`] impl), the alias of [`Augmentation`]
/// (documented with the shared `# Shapes` and the example, when one is
/// given), `new` (and `Default`
/// when it takes nothing) and the setters, each recording its argument
/// under its Keras name (a `Factor` or `Int` taken as `impl Into<Factor>`
/// or `impl Int`) after the `check`; and the config reader of every class
/// in `register`: the positional arguments, then each setter's key (its
/// `default` recorded when missing; not for a `manual` one), then the
/// closure's reading, then the keys every class may write.
macro_rules! augmentations {
    (@param Factor) => { impl Into<Factor> };
    (@param Int) => { impl crate::args::Int };
    (@param $ty:ident) => { $ty };
    (@into Factor, $v:ident) => { $v.into() };
    (@into Int, $v:ident) => { crate::args::Int::to_i64($v) };
    (@into $ty:ident, $v:ident) => { $v };
    (@check) => { |_: &str, _| Ok(()) };
    (@check $check:expr) => { $check };
    (@required Factor, $c:ident, $key:expr) => { req_factor($c, $key)? };
    (@required Int, $c:ident, $key:expr) => { $c.int($key)? };
    (@read $l:ident, $c:ident, $setter:ident: $ty:ident [$($default:expr)?] manual) => { $l };
    (@get Factor) => { factor_from };
    (@get $ty:ident) => { <$ty as crate::layers::declare::Arg>::optional };
    (@read $l:ident, $c:ident, $setter:ident: $ty:ident [$($default:expr)?]) => {
        $l.with_some(
            augmentations!(@get $ty)($c, stringify!($setter))? $(.or(Some($default)))?,
            |l, v| l.$setter(v),
        )
    };
    (@default $name:ident []) => {
        default_is_new!($name);
    };
    (@default $name:ident [$($req:ident)+]) => {};
    (@alias $(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        pub type $name = Augmentation<augmentation_kinds::$name>;
    };
    (@alias $(#[doc = $doc:literal])* $name:ident $example:literal) => {
        augmentations!(@alias
            $(#[doc = $doc])*
            ///
            /// # Shapes
            /// Output equals input. No weights. See [`Augmentation`].
            ///
            /// ```
            /// use kerasinfo::prelude::*;
            /// let x = Input::new([32, 32, 3]).tensor()?;
            #[doc = concat!("let y = ", $example, ".call(&x)?;")]
            /// assert_eq!(y.shape().to_string(), "(None, 32, 32, 3)");
            /// # Ok::<(), kerasinfo::Error>(())
            /// ```
            $name
        );
    };
    ($(
        $(#[doc = $doc:literal])*
        $name:ident $(, $example:literal)? {
            $(kind { $($kind:tt)* })?
            $(#[doc = $new_doc:literal])*
            fn new($($req:ident: $req_ty:ident $(check($req_check:expr))?),*);
            $(
                $(#[doc = $sdoc:literal])*
                $setter:ident: $sty:ident $(check($scheck:expr))? $(= $sdefault:expr)? $(, $manual:ident)?;
            )*
            $(|$l:ident, $c:ident| $read:block)?
        }
    )*) => {
        /// Marker types naming the Keras class of an [`Augmentation`].
        pub mod augmentation_kinds {
            use super::AugmentationKind;
            $(
                #[doc = concat!("Marker for `keras.layers.", stringify!($name), "`.")]
                #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
                pub struct $name;
                impl AugmentationKind for $name {
                    const CLASS: &'static str = stringify!($name);
                    $($($kind)*)?
                }
            )*
        }

        $(
            augmentations!(@alias $(#[doc = $doc])* $name $($example)?);

            impl $name {
                $(#[doc = $new_doc])*
                pub fn new($($req: augmentations!(@param $req_ty)),*) -> Self {
                    Self::blank()$(.arg(
                        stringify!($req),
                        augmentations!(@into $req_ty, $req),
                        augmentations!(@check $($req_check)?),
                    ))*
                }

                $(
                    $(#[doc = $sdoc])*
                    pub fn $setter(self, $setter: augmentations!(@param $sty)) -> Self {
                        let check = augmentations!(@check $($scheck)?);
                        self.arg(stringify!($setter), augmentations!(@into $sty, $setter), check)
                    }
                )*
            }

            augmentations!(@default $name [$($req)*]);
        )*

        /// Registers every augmentation class with the config importer.
        #[cfg(feature = "keras-json")]
        pub(crate) fn register(r: &mut crate::config::registry::Registry) {
            $(
                r.builtin(stringify!($name), |c| -> crate::Result<Box<dyn Layer>> {
                    let l = $name::new($(augmentations!(@required $req_ty, c, stringify!($req))),*);
                    $(let l = augmentations!(@read l, c, $setter: $sty [$($sdefault)?] $($manual)?);)*
                    $(
                        fn read($l: $name, $c: &crate::config::cfg::Cfg<'_>) -> crate::Result<$name> $read
                        let l = read(l, c)?;
                    )?
                    Ok(Box::new(l.with_common_keys(c)?))
                });
            )*
        }
    };
}

augmentations! {
    /// `keras.layers.RandomFlip(mode="horizontal_and_vertical", seed=None, data_format=None)`.
    RandomFlip, "RandomFlip::new().mode(FlipMode::Horizontal)" {
        /// A random flip, both axes.
        fn new();
        /// Keras's `mode=`. Defaults to `HorizontalAndVertical`.
        mode: FlipMode = FlipMode::HorizontalAndVertical;
    }

    /// `keras.layers.RandomRotation(factor, fill_mode="reflect", interpolation="bilinear", seed=None, fill_value=0.0, data_format=None)`: `factor` in `[-1, 1]` (a fraction of 2π).
    RandomRotation, "RandomRotation::new(0.1).fill_mode(\"constant\")" {
        kind { const CHECKS_FILL: bool = true; }
        /// A random rotation by up to `factor * 2π`.
        fn new(factor: Factor check(base(-1.0, 1.0)));
    }

    /// `keras.layers.RandomZoom(height_factor, width_factor=None, fill_mode="reflect", interpolation="bilinear", seed=None, fill_value=0.0, data_format=None)`: factors in `(-1, 1]`.
    RandomZoom, "RandomZoom::new((-0.2, 0.3)).width_factor(0.1)" {
        kind { const CHECKS_FILL: bool = true; }
        /// A random zoom by up to `height_factor`.
        fn new(height_factor: Factor check(zoom(false)));
        /// Keras's `width_factor=`. Defaults to `None` (zoom preserving the
        /// aspect ratio).
        width_factor: Factor check(zoom(false));
    }

    /// `keras.layers.RandomTranslation(height_factor, width_factor, fill_mode="reflect", interpolation="bilinear", seed=None, fill_value=0.0, data_format=None)`: factors in `(-1, 1]`.
    RandomTranslation, "RandomTranslation::new(0.1, (-0.2, 0.2))" {
        kind { const CHECKS_FILL: bool = true; }
        /// A random translation by up to the given fractions of the height and width.
        fn new(height_factor: Factor check(zoom(true)), width_factor: Factor check(zoom(true)));
    }

    /// `keras.layers.RandomContrast(factor, value_range=(0, 255), seed=None)`.
    RandomContrast, "RandomContrast::new(0.2)" {
        /// A `RandomContrast` with the given `factor` (checked to lie in `[0.0, 1.0]`).
        fn new(factor: Factor check(base(0.0, 1.0)));
    }

    /// `keras.layers.RandomBrightness(factor, value_range=(0, 255), seed=None)`.
    RandomBrightness, "RandomBrightness::new((-0.2, 0.4)).value_range(0.0, 1.0)" {
        /// A `RandomBrightness` with the given `factor` (checked to lie in `[-1.0, 1.0]`).
        fn new(factor: Factor check(base(-1.0, 1.0)));
    }

    /// `keras.layers.RandomHue(factor, value_range=(0, 255), data_format=None, seed=None)`.
    RandomHue, "RandomHue::new(0.5)" {
        /// A `RandomHue` with the given `factor` (checked to lie in `[0.0, 1.0]`).
        fn new(factor: Factor check(base(0.0, 1.0)));
    }

    /// `keras.layers.RandomSaturation(factor, value_range=(0, 255), data_format=None, seed=None)`.
    RandomSaturation, "RandomSaturation::new(0.5)" {
        /// A `RandomSaturation` with the given `factor` (checked to lie in `[-1.0, 1.0]`).
        fn new(factor: Factor check(base(-1.0, 1.0)));
    }

    /// `keras.layers.RandomSharpness(factor, value_range=(0, 255), data_format=None, seed=None)`.
    RandomSharpness, "RandomSharpness::new(0.5)" {
        /// A `RandomSharpness` with the given `factor` (checked to lie in `[0.0, 1.0]`).
        fn new(factor: Factor check(base(0.0, 1.0)));
    }

    /// `keras.layers.RandomColorDegeneration(factor, value_range=(0, 255), data_format=None, seed=None)`: needs rank 3 or 4 inputs with 3 channels.
    RandomColorDegeneration, "RandomColorDegeneration::new(0.5)" {
        kind { const RGB_ONLY: bool = true; }
        /// A `RandomColorDegeneration` with the given `factor` (checked to lie in `[-1.0, 1.0]`).
        fn new(factor: Factor check(base(-1.0, 1.0)));
    }

    /// `keras.layers.RandomPosterization(factor, value_range=(0, 255), data_format=None, seed=None)`: `factor` (bits) in `[1, 8]`.
    RandomPosterization, "RandomPosterization::new(4)" {
        /// A `RandomPosterization` with the given `factor` (checked to lie in `[1.0, 8.0]`).
        fn new(factor: Factor check(base(1.0, 8.0)));
    }

    /// `keras.layers.RandomInvert(factor=1.0, value_range=(0, 255), seed=None, data_format=None)`.
    RandomInvert, "RandomInvert::new().factor(0.5)" {
        /// A `RandomInvert` with Keras's defaults.
        fn new();
        /// Keras's `factor=` (checked to lie in `[0.0, 1.0]`). Defaults to `1.0`.
        factor: Factor check(base(0.0, 1.0));
    }

    /// `keras.layers.RandomErasing(factor=1.0, scale=(0.02, 0.33), fill_value=None, value_range=(0, 255), seed=None, data_format=None)`.
    RandomErasing, "RandomErasing::new()" {
        /// A `RandomErasing` with Keras's defaults.
        fn new();
        /// Keras's `factor=` (checked to lie in `[0.0, 1.0]`). Defaults to `1.0`.
        factor: Factor check(base(0.0, 1.0));
        /// Keras's `scale=`: the erased area fraction, in `[0, 1]`. Defaults
        /// to `(0.02, 0.33)`.
        scale: Factor check(base(0.0, 1.0));
    }

    /// `keras.layers.RandomGaussianBlur(factor=1.0, kernel_size=3, sigma=1.0, value_range=(0, 255), data_format=None, seed=None)`.
    RandomGaussianBlur, "RandomGaussianBlur::new().factor(0.3)" {
        /// A `RandomGaussianBlur` with Keras's defaults.
        fn new();
        /// Keras's `factor=` (checked to lie in `[0.0, 1.0]`). Defaults to `1.0`.
        factor: Factor check(base(0.0, 1.0));
        /// Keras's `sigma=`, in `[0, 1]`. Defaults to `1.0`.
        sigma: Factor check(base(0.0, 1.0));
        /// Keras's `kernel_size=`: an odd size. Defaults to `3`.
        kernel_size: i64 check(odd), manual;
        |l, c| {
            Ok(match c.int_list("kernel_size")?.as_deref() {
                None => l,
                Some([k]) => l.kernel_size(*k),
                Some([a, b]) => l
                    .kernel_size(*a)
                    .kernel_size(*b)
                    .record("kernel_size", format!("({a}, {b})")),
                Some(_) => {
                    return Err(c.error(
                        "kernel_size",
                        "expected an integer or a list of two integers",
                    ));
                }
            })
        }
    }

    /// `keras.layers.RandomPerspective(factor=1.0, scale=1.0, interpolation="bilinear", fill_value=0.0, seed=None, data_format=None)`.
    RandomPerspective, "RandomPerspective::new()" {
        kind { const CHECKS_FILL: bool = true; }
        /// A `RandomPerspective` with Keras's defaults.
        fn new();
        /// Keras's `factor=` (checked to lie in `[0.0, 1.0]`). Defaults to `1.0`.
        factor: Factor check(base(0.0, 1.0));
        /// Keras's `scale=`, in `[0, 1]`. Defaults to `1.0`.
        scale: f64 check(perspective_scale);
    }

    /// `keras.layers.RandomElasticTransform(factor=1.0, scale=1.0, interpolation="bilinear", fill_mode="reflect", fill_value=0.0, value_range=(0, 255), seed=None, data_format=None)`.
    RandomElasticTransform, "RandomElasticTransform::new()" {
        kind {
            const CHECKS_FILL: bool = true;
            const FILL_MODES: &'static [&'static str] =
                &["constant", "nearest", "wrap", "mirror", "reflect"];
        }
        /// A `RandomElasticTransform` with Keras's defaults.
        fn new();
        /// Keras's `factor=` (checked to lie in `[0.0, 1.0]`). Defaults to `1.0`.
        factor: Factor check(base(0.0, 1.0));
        /// Keras's `scale=`, in `[0, 1]`. Defaults to `1.0`.
        scale: Factor check(base(0.0, 1.0));
    }

    /// `keras.layers.CutMix(factor=1.0, seed=None, data_format=None)`.
    CutMix, "CutMix::new()" {
        /// A `CutMix` with Keras's defaults.
        fn new();
        /// Keras's `factor=` (checked to lie in `[0.0, 1.0]`). Defaults to `1.0`.
        factor: Factor check(base(0.0, 1.0));
    }

    /// `keras.layers.AugMix(value_range=(0, 255), num_chains=3, chain_depth=3, factor=0.3, alpha=1.0, all_ops=True, interpolation="bilinear", seed=None, data_format=None)`.
    AugMix, "AugMix::new()" {
        /// A `AugMix` with Keras's defaults.
        fn new();
        /// Keras's `factor=` (checked to lie in `[0.0, 1.0]`). Defaults to `0.3`.
        factor: Factor check(base(0.0, 1.0));
        /// Keras's `num_chains=`. Defaults to `3`.
        num_chains: i64 = 3;
        /// Keras's `chain_depth=`. Defaults to `3`.
        chain_depth: i64 = 3;
        /// Keras's `alpha=`. Defaults to `1.0`.
        alpha: f64 = 1.0;
        /// Keras's `all_ops=`: also use the color operations (whose four
        /// inner layers then take automatic names). Defaults to `true`.
        all_ops: bool = true;
    }

    /// `keras.layers.RandAugment(value_range=(0, 255), num_ops=2, factor=0.5, interpolation="bilinear", seed=None, data_format=None)`.
    RandAugment, "RandAugment::new().value_range(0.0, 1.0)" {
        /// A `RandAugment` with Keras's defaults.
        fn new();
        /// Keras's `factor=` (checked to lie in `[0.0, 1.0]`). Defaults to `0.5`.
        factor: Factor check(base(0.0, 1.0));
        /// Keras's `num_ops=`. Defaults to `2`.
        num_ops: i64 = 2;
    }

    /// `keras.layers.RandomGrayscale(factor=0.5, data_format=None, seed=None)`: `factor` (a probability) in `[0, 1]`.
    RandomGrayscale, "RandomGrayscale::new().factor(0.2)" {
        /// A random grayscale conversion with probability 0.5.
        fn new();
        /// Keras's `factor=`: the probability, in `[0, 1]`. Defaults to `0.5`.
        factor: f64 check(probability) = 0.5;
    }

    /// `keras.layers.RandomShear(x_factor=0.0, y_factor=0.0, interpolation="bilinear", fill_mode="reflect", fill_value=0.0, data_format=None, seed=None)`.
    RandomShear, "RandomShear::new().x_factor(0.2).y_factor((0.1, 0.3))" {
        kind { const CHECKS_FILL: bool = true; }
        /// A random shear with Keras's defaults (no shear).
        fn new();
        /// Keras's `x_factor=` (values in `[0, 1]`). Defaults to `0.0`.
        x_factor: Factor check(unit), manual;
        /// Keras's `y_factor=` (values in `[0, 1]`). Defaults to `0.0`.
        y_factor: Factor check(unit), manual;
        |l, c| {
            // Keras's `get_config` writes a number `f` as `[-f, f]`, which
            // its constructor then rejects (Keras 3.15.1 cannot reload it);
            // that form is taken as the number it came from.
            let mut l = l;
            for key in ["x_factor", "y_factor"] {
                l = match factor_from(c, key)? {
                    None => l,
                    Some(f @ Factor::Range(a, b)) if a == -b && (0.0..=1.0).contains(&b) => {
                        l.record(key, f.to_string())
                    }
                    Some(f) if key == "x_factor" => l.x_factor(f),
                    Some(f) => l.y_factor(f),
                };
            }
            Ok(l)
        }
    }

    /// `keras.layers.RandomColorJitter(value_range=(0, 255), brightness_factor=None, contrast_factor=None, saturation_factor=None, hue_factor=None, seed=None, data_format=None)`.
    RandomColorJitter, "RandomColorJitter::new().brightness_factor(0.2).hue_factor(0.1)" {
        /// A color jitter with no factor set.
        fn new();
        /// Keras's `brightness_factor=` (checked as `RandomBrightness` checks its `factor`).
        /// Defaults to `None`.
        brightness_factor: Factor check(base(-1.0, 1.0));
        /// Keras's `contrast_factor=` (checked as `RandomContrast` checks its `factor`).
        /// Defaults to `None`.
        contrast_factor: Factor check(base(0.0, 1.0));
        /// Keras's `saturation_factor=` (checked as `RandomSaturation` checks its `factor`).
        /// Defaults to `None`.
        saturation_factor: Factor check(base(-1.0, 1.0));
        /// Keras's `hue_factor=` (checked as `RandomHue` checks its `factor`).
        /// Defaults to `None`.
        hue_factor: Factor check(base(0.0, 1.0));
    }

    /// `keras.layers.AutoContrast(value_range=(0, 255))`.
    AutoContrast, "AutoContrast::new()" {
        /// An auto-contrast layer.
        fn new();
    }

    /// `keras.layers.Equalization(value_range=(0, 255), bins=256, data_format=None)`.
    ///
    /// # Shapes
    /// In Keras 3.15.1 its `compute_output_spec` returns the input tensor
    /// itself, so `keras.Model` rejects any graph containing it ("part of a
    /// cycle"). kerasinfo mirrors that: calling it is an error.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([32, 32, 3]).tensor()?;
    /// assert!(Equalization::new().bins(128).call(&x).is_err());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    Equalization {
        kind {
            const UNUSABLE_IN_MODEL: Option<&'static str> = Some(
                "Keras 3.15.1 cannot build a model containing Equalization: its \
                 compute_output_spec returns the input tensor itself, which Keras \
                 rejects as part of a cycle",
            );
        }
        /// A histogram equalization layer.
        fn new();
        /// Keras's `bins=`. Defaults to `256`.
        bins: i64 = 256;
    }

    /// `keras.layers.Solarization(addition_factor=0.0, threshold_factor=0.0, value_range=(0, 255), seed=None)`.
    Solarization, "Solarization::new().threshold_factor(0.5)" {
        /// A solarization layer with Keras's defaults.
        fn new();
        /// Keras's `addition_factor=` (values in `[0, 1]`). Defaults to `0.0`.
        addition_factor: Factor check(unit);
        /// Keras's `threshold_factor=` (values in `[0, 1]`). Defaults to `0.0`.
        threshold_factor: Factor check(unit);
    }

    /// `keras.layers.MixUp(alpha=0.2, data_format=None, seed=None)`.
    MixUp, "MixUp::new().alpha(0.4)" {
        /// A MixUp layer.
        fn new();
        /// Keras's `alpha=`. Defaults to `0.2`.
        alpha: f64 = 0.2;
    }

    /// `keras.layers.MaxNumBoundingBoxes(max_number, fill_value=-1)`: pads or trims bounding boxes; images pass through.
    MaxNumBoundingBoxes, "MaxNumBoundingBoxes::new(10)" {
        /// Keeps at most `max_number` boxes.
        fn new(max_number: Int);
    }

    /// `keras.layers.ContrastLimitedAdaptiveHistogramEqualization(value_range=(0, 255), clip_limit=4.0, tile_grid_size=(8, 8), data_format=None)`.
    ContrastLimitedAdaptiveHistogramEqualization, "ContrastLimitedAdaptiveHistogramEqualization::new().clip_limit(2.0)" {
        /// A CLAHE layer with Keras's defaults.
        fn new();
        /// Keras's `clip_limit=`. Defaults to `4.0`.
        clip_limit: f64 = 4.0;
        |l, c| {
            Ok(l.with_some(c.int_list("tile_grid_size")?, |l, t| {
                l.record("tile_grid_size", format!("({})", comma_separated(t)))
            }))
        }
    }
}

/// A factor-like value of a config: a number or a list of two numbers.
#[cfg(feature = "keras-json")]
fn factor_from(c: &crate::config::cfg::Cfg<'_>, key: &str) -> crate::Result<Option<Factor>> {
    let Some(v) = c.get(key) else {
        return Ok(None);
    };
    if let Some(f) = v.as_f64() {
        return Ok(Some(Factor::Single(f)));
    }
    match v.as_array().map(Vec::as_slice) {
        Some([a, b]) => match (a.as_f64(), b.as_f64()) {
            (Some(a), Some(b)) => Ok(Some(Factor::Range(a, b))),
            _ => Err(c.error(key, "expected a number or a list of two numbers")),
        },
        _ => Err(c.error(
            key,
            format!(
                "expected a number or a list of two numbers, found {}",
                crate::config::json::kind(v)
            ),
        )),
    }
}

#[cfg(feature = "keras-json")]
fn req_factor(c: &crate::config::cfg::Cfg<'_>, key: &str) -> crate::Result<Factor> {
    factor_from(c, key)?.ok_or_else(|| c.error(key, "missing required factor"))
}

#[cfg(feature = "keras-json")]
impl<K: AugmentationKind> Augmentation<K> {
    /// The layer, then `set` with the `value` a config gives, if any.
    fn with_some<T>(self, value: Option<T>, set: impl FnOnce(Self, T) -> Self) -> Self {
        match value {
            Some(v) => set(self, v),
            None => self,
        }
    }

    /// Applies the keys every augmentation class may write: `data_format`,
    /// `seed`, `value_range`, `fill_mode`, `interpolation`, `fill_value`.
    fn with_common_keys(self, c: &crate::config::cfg::Cfg<'_>) -> crate::Result<Self> {
        Ok(self
            .data_format(c.data_format()?)
            .with_some(c.opt_int("seed")?, Self::seed)
            .with_some(factor_from(c, "value_range")?, |l, range| match range {
                Factor::Single(v) => l.value_range(v, v),
                Factor::Range(a, b) => l.value_range(a, b),
            })
            .with_some(c.opt_str("fill_mode")?, Self::fill_mode)
            .with_some(c.opt_str("interpolation")?, Self::interpolation)
            .with_some(c.opt_float("fill_value")?, Self::fill_value))
    }
}

/// A recorded argument (`"0.2"`, `"(-0.1, 0.3)"`, `"true"`, `"reflect"`)
/// as the JSON value Keras's config holds: a number, a list of numbers, a
/// boolean or a string.
#[cfg(feature = "keras-json")]
fn recorded_value(text: &str) -> serde_json::Value {
    use serde_json::{Value, json};
    fn number(t: &str) -> Option<Value> {
        let t = t.trim();
        if let Ok(i) = t.parse::<i64>() {
            return Some(json!(i));
        }
        t.parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .map(|f| json!(f))
    }
    match text {
        "true" => return Value::Bool(true),
        "false" => return Value::Bool(false),
        _ => {}
    }
    if let Some(v) = number(text) {
        return v;
    }
    if let Some(inner) = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        let items: Option<Vec<Value>> = inner.split(',').map(number).collect();
        if let Some(items) = items {
            return Value::Array(items);
        }
    }
    Value::String(text.to_owned())
}
