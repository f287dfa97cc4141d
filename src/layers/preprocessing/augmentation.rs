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
use crate::error::LayerError;
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

impl From<f64> for Factor {
    fn from(f: f64) -> Self {
        Factor::Single(f)
    }
}

impl From<i32> for Factor {
    fn from(f: i32) -> Self {
        Factor::Single(f64::from(f))
    }
}

impl From<(f64, f64)> for Factor {
    fn from((a, b): (f64, f64)) -> Self {
        Factor::Range(a, b)
    }
}

impl From<[f64; 2]> for Factor {
    fn from([a, b]: [f64; 2]) -> Self {
        Factor::Range(a, b)
    }
}

impl From<(i32, i32)> for Factor {
    fn from((a, b): (i32, i32)) -> Self {
        Factor::Range(f64::from(a), f64::from(b))
    }
}

impl fmt::Display for Factor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Factor::Single(x) => write!(f, "{x}"),
            Factor::Range(a, b) => write!(f, "({a}, {b})"),
        }
    }
}

/// Keras's `BaseImagePreprocessingLayer._set_factor`: a number in
/// `[lo, hi]`, or a pair with `lower <= hi` and `upper >= lo`.
fn check_base_factor(name: &str, factor: Factor, lo: f64, hi: f64) -> Result<(), LayerError> {
    let ok = match factor {
        Factor::Single(f) => (lo..=hi).contains(&f),
        Factor::Range(a, b) => a <= hi && b >= lo,
    };
    if ok {
        Ok(())
    } else {
        Err(LayerError::argument(
            name,
            format!(
                "should be a number (or a list of two numbers) in the range [{lo}, {hi}], received {name}={factor}"
            ),
        ))
    }
}

/// `RandomZoom` (every number in `(-1, 1]`) and `RandomTranslation`
/// (every number in `[-1, 1]`, `lower_inclusive`).
fn check_zoom_factor(name: &str, factor: Factor, lower_inclusive: bool) -> Result<(), LayerError> {
    let values = match factor {
        Factor::Single(f) => [f, f],
        Factor::Range(a, b) => [a, b],
    };
    let ok = |v: f64| v <= 1.0 && (v > -1.0 || (lower_inclusive && v >= -1.0));
    if values.into_iter().all(ok) {
        Ok(())
    } else {
        let open = if lower_inclusive { '[' } else { '(' };
        Err(LayerError::argument(
            name,
            format!(
                "should be a number (or a list of two numbers) in the range {open}-1.0, 1.0], received {name}={factor}"
            ),
        ))
    }
}

/// `RandomShear`/`Solarization`: every number in `[0, 1]`.
fn check_unit_factor(name: &str, factor: Factor) -> Result<(), LayerError> {
    let values = match factor {
        Factor::Single(f) => [f, f],
        Factor::Range(a, b) => [a, b],
    };
    if values.into_iter().all(|v| (0.0..=1.0).contains(&v)) {
        Ok(())
    } else {
        Err(LayerError::argument(
            name,
            format!(
                "should be a number (or a list of two numbers) in the range [0.0, 1.0], received {name}={factor}"
            ),
        ))
    }
}

const FILL_MODES: &[&str] = &["reflect", "wrap", "constant", "nearest"];
const INTERPOLATIONS: &[&str] = &["nearest", "bilinear"];

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

/// Marker types naming the Keras class of an [`Augmentation`].
pub mod augmentation_kinds {
    use super::AugmentationKind;

    macro_rules! kinds {
        ($($(#[$attr:meta])* $name:ident = $class:literal $({ $($item:tt)* })?;)*) => {$(
            #[doc = concat!("Marker for `keras.layers.", $class, "`.")]
            #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
            pub struct $name;
            impl AugmentationKind for $name {
                const CLASS: &'static str = $class;
                $($($item)*)?
            }
        )*};
    }

    kinds! {
        RandomFlip = "RandomFlip";
        RandomRotation = "RandomRotation" { const CHECKS_FILL: bool = true; };
        RandomZoom = "RandomZoom" { const CHECKS_FILL: bool = true; };
        RandomTranslation = "RandomTranslation" { const CHECKS_FILL: bool = true; };
        RandomContrast = "RandomContrast";
        RandomBrightness = "RandomBrightness";
        RandomGrayscale = "RandomGrayscale";
        RandomHue = "RandomHue";
        RandomSaturation = "RandomSaturation";
        RandomSharpness = "RandomSharpness";
        RandomShear = "RandomShear" { const CHECKS_FILL: bool = true; };
        RandomColorJitter = "RandomColorJitter";
        RandomColorDegeneration = "RandomColorDegeneration" { const RGB_ONLY: bool = true; };
        RandomPosterization = "RandomPosterization";
        RandomInvert = "RandomInvert";
        RandomErasing = "RandomErasing";
        RandomGaussianBlur = "RandomGaussianBlur";
        RandomPerspective = "RandomPerspective" { const CHECKS_FILL: bool = true; };
        RandomElasticTransform = "RandomElasticTransform" {
            const CHECKS_FILL: bool = true;
            const FILL_MODES: &'static [&'static str] =
                &["constant", "nearest", "wrap", "mirror", "reflect"];
        };
        AutoContrast = "AutoContrast";
        Equalization = "Equalization" {
            const UNUSABLE_IN_MODEL: Option<&'static str> = Some(
                "Keras 3.15.1 cannot build a model containing Equalization: its \
                 compute_output_spec returns the input tensor itself, which Keras \
                 rejects as part of a cycle",
            );
        };
        Solarization = "Solarization";
        MixUp = "MixUp";
        CutMix = "CutMix";
        AugMix = "AugMix";
        RandAugment = "RandAugment";
        MaxNumBoundingBoxes = "MaxNumBoundingBoxes";
        ContrastLimitedAdaptiveHistogramEqualization = "ContrastLimitedAdaptiveHistogramEqualization";
    }
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

    fn with_factor(self, name: &'static str, factor: Factor, bounds: Option<(f64, f64)>) -> Self {
        let checked = match bounds {
            Some((lo, hi)) => check_base_factor(name, factor, lo, hi),
            None => Ok(()),
        };
        self.record(name, factor.to_string()).check(checked)
    }

    /// Records `factor` under `name`, checked to lie in `[0, 1]`.
    fn with_unit_factor(self, name: &'static str, factor: Factor) -> Self {
        self.record(name, factor.to_string())
            .check(check_unit_factor(name, factor))
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
        let checked = if K::CHECKS_FILL && !K::FILL_MODES.contains(&fill_mode) {
            Err(LayerError::argument(
                "fill_mode",
                format!(
                    "unknown `fill_mode` {fill_mode}, expected one of {:?}",
                    K::FILL_MODES
                ),
            ))
        } else {
            Ok(())
        };
        self.record("fill_mode", fill_mode.to_owned())
            .check(checked)
    }

    /// Keras's `interpolation=` (`"nearest"`, `"bilinear"`) for the
    /// geometric layers. Defaults to `"bilinear"`.
    pub fn interpolation(self, interpolation: &str) -> Self {
        let checked = if K::CHECKS_FILL && !INTERPOLATIONS.contains(&interpolation) {
            Err(LayerError::argument(
                "interpolation",
                format!(
                    "unknown `interpolation` {interpolation}, expected one of {INTERPOLATIONS:?}"
                ),
            ))
        } else {
            Ok(())
        };
        self.record("interpolation", interpolation.to_owned())
            .check(checked)
    }

    /// Keras's `fill_value=`: the value used by `fill_mode="constant"`.
    /// Defaults to `0.0`.
    pub fn fill_value(self, fill_value: f64) -> Self {
        self.record("fill_value", fill_value.to_string())
    }
}

impl<K: AugmentationKind> Augmentation<K> {
    fn has(&self, name: &str) -> bool {
        self.arguments.iter().any(|(n, _)| *n == name)
    }

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
            .filter(|(arg, _)| self.has(arg))
            .map(|(_, class)| class)
            .collect(),
            "AugMix" => {
                let mut v = vec![
                    "RandomShear",
                    "RandomTranslation",
                    "RandomRotation",
                    "Solarization",
                    "RandomPosterization",
                    "AutoContrast",
                    "Equalization",
                ];
                let all_ops = !self
                    .arguments
                    .iter()
                    .any(|(n, v)| *n == "all_ops" && v == "false");
                if all_ops {
                    v.extend([
                        "RandomBrightness",
                        "RandomColorDegeneration",
                        "RandomContrast",
                        "RandomSharpness",
                    ]);
                }
                v
            }
            "RandAugment" => vec![
                "RandomShear",
                "RandomTranslation",
                "RandomRotation",
                "RandomBrightness",
                "RandomColorDegeneration",
                "RandomContrast",
                "RandomSharpness",
                "Solarization",
                "RandomPosterization",
                "AutoContrast",
                "Equalization",
            ],
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
            "RandomFlip"
            | "RandomRotation"
            | "RandomZoom"
            | "RandomTranslation"
            | "RandomContrast"
            | "RandomBrightness"
            | "RandomShear"
            | "RandomColorJitter"
            | "RandomInvert"
            | "RandomErasing"
            | "RandomGaussianBlur"
            | "RandomPerspective"
            | "RandomElasticTransform"
            | "Solarization"
            | "CutMix"
            | "AugMix"
            | "RandAugment"
            | "MaxNumBoundingBoxes" => Ok(Some(Cost::ZERO)),
            "RandomGrayscale" => Ok(Some(Cost::elementwise(3))),
            "RandomHue" => Ok(Some(Cost::elementwise(8))),
            "RandomSaturation" => Ok(Some(Cost::elementwise(5))),
            "RandomSharpness" | "RandomColorDegeneration" => Ok(Some(Cost::elementwise(2))),
            "RandomPosterization" => Ok(Some(Cost::elementwise(1))),
            "MixUp" => Ok(Some(Cost::elementwise(9))),
            "AutoContrast" => {
                let Some(out) = outputs.first() else {
                    return Ok(None);
                };
                if self.data_format != DataFormat::ChannelsLast || out.rank() != 4 {
                    return Ok(None);
                }
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
            _ => Ok(None),
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
            if let Some(Dim::Known(c)) = x.get(axis) {
                if c != 3 {
                    return Err(LayerError::input(
                        x,
                        format!(
                            "input images must have 3 channels, but received images with {c} channels"
                        ),
                    ));
                }
            }
        }
        Ok(single(x.clone()))
    }
}

/// `Default` for the classes whose Keras constructor needs no argument.
macro_rules! default_new {
    ($($name:ident),*) => {$(
        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }
    )*};
}

macro_rules! alias {
    ($name:ident, $doc:literal, $example:literal) => {
        #[doc = $doc]
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
        pub type $name = Augmentation<augmentation_kinds::$name>;
    };
    // With `new`, documented by `$new_doc`: the class with no argument set.
    ($name:ident, $doc:literal, $example:literal; $(#[$new_doc:meta])* fn new) => {
        alias!($name, $doc, $example);
        impl $name {
            $(#[$new_doc])*
            pub fn new() -> Self {
                Self::blank()
            }
        }
    };
}

/// Keras's `RandomFlip(mode=...)`: which axes to flip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FlipMode {
    /// `"horizontal"`: left-right.
    Horizontal,
    /// `"vertical"`: top-bottom.
    Vertical,
    /// `"horizontal_and_vertical"` (the default).
    #[default]
    HorizontalAndVertical,
}

impl fmt::Display for FlipMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FlipMode::Horizontal => "horizontal",
            FlipMode::Vertical => "vertical",
            FlipMode::HorizontalAndVertical => "horizontal_and_vertical",
        })
    }
}

alias!(
    RandomFlip,
    "`keras.layers.RandomFlip(mode=\"horizontal_and_vertical\", seed=None, data_format=None)`.",
    "RandomFlip::new().mode(FlipMode::Horizontal)";
    /// A random flip, both axes.
    fn new
);
impl RandomFlip {
    /// Keras's `mode=`. Defaults to `HorizontalAndVertical`.
    pub fn mode(self, mode: FlipMode) -> Self {
        self.record("mode", mode.to_string())
    }
}

alias!(
    RandomRotation,
    "`keras.layers.RandomRotation(factor, fill_mode=\"reflect\", interpolation=\"bilinear\", seed=None, fill_value=0.0, data_format=None)`: `factor` in `[-1, 1]` (a fraction of 2π).",
    "RandomRotation::new(0.1).fill_mode(\"constant\")"
);
impl RandomRotation {
    /// A random rotation by up to `factor * 2π`.
    pub fn new(factor: impl Into<Factor>) -> Self {
        Self::blank().with_factor("factor", factor.into(), Some((-1.0, 1.0)))
    }
}

alias!(
    RandomZoom,
    "`keras.layers.RandomZoom(height_factor, width_factor=None, fill_mode=\"reflect\", interpolation=\"bilinear\", seed=None, fill_value=0.0, data_format=None)`: factors in `(-1, 1]`.",
    "RandomZoom::new((-0.2, 0.3)).width_factor(0.1)"
);
impl RandomZoom {
    /// A random zoom by up to `height_factor`.
    pub fn new(height_factor: impl Into<Factor>) -> Self {
        let f = height_factor.into();
        Self::blank()
            .record("height_factor", f.to_string())
            .check(check_zoom_factor("height_factor", f, false))
    }

    /// Keras's `width_factor=`. Defaults to `None` (zoom preserving the
    /// aspect ratio).
    pub fn width_factor(self, width_factor: impl Into<Factor>) -> Self {
        let f = width_factor.into();
        self.record("width_factor", f.to_string())
            .check(check_zoom_factor("width_factor", f, false))
    }
}

alias!(
    RandomTranslation,
    "`keras.layers.RandomTranslation(height_factor, width_factor, fill_mode=\"reflect\", interpolation=\"bilinear\", seed=None, fill_value=0.0, data_format=None)`: factors in `(-1, 1]`.",
    "RandomTranslation::new(0.1, (-0.2, 0.2))"
);
impl RandomTranslation {
    /// A random translation by up to the given fractions of the height and width.
    pub fn new(height_factor: impl Into<Factor>, width_factor: impl Into<Factor>) -> Self {
        let (h, w) = (height_factor.into(), width_factor.into());
        Self::blank()
            .record("height_factor", h.to_string())
            .record("width_factor", w.to_string())
            .check(check_zoom_factor("height_factor", h, true))
            .check(check_zoom_factor("width_factor", w, true))
    }
}

macro_rules! factor_layer {
    ($name:ident, $lo:expr, $hi:expr, $sig:literal, $example:literal) => {
        alias!(
            $name,
            $sig,
            $example
        );
        impl $name {
            #[doc = concat!("A `", stringify!($name), "` with the given `factor` (checked to lie in `[", stringify!($lo), ", ", stringify!($hi), "]`).")]
            pub fn new(factor: impl Into<Factor>) -> Self {
                Self::blank().with_factor("factor", factor.into(), Some(($lo, $hi)))
            }
        }
    };
}

factor_layer!(
    RandomContrast,
    0.0,
    1.0,
    "`keras.layers.RandomContrast(factor, value_range=(0, 255), seed=None)`.",
    "RandomContrast::new(0.2)"
);
factor_layer!(
    RandomBrightness,
    -1.0,
    1.0,
    "`keras.layers.RandomBrightness(factor, value_range=(0, 255), seed=None)`.",
    "RandomBrightness::new((-0.2, 0.4)).value_range(0.0, 1.0)"
);
factor_layer!(
    RandomHue,
    0.0,
    1.0,
    "`keras.layers.RandomHue(factor, value_range=(0, 255), data_format=None, seed=None)`.",
    "RandomHue::new(0.5)"
);
factor_layer!(
    RandomSaturation,
    -1.0,
    1.0,
    "`keras.layers.RandomSaturation(factor, value_range=(0, 255), data_format=None, seed=None)`.",
    "RandomSaturation::new(0.5)"
);
factor_layer!(
    RandomSharpness,
    0.0,
    1.0,
    "`keras.layers.RandomSharpness(factor, value_range=(0, 255), data_format=None, seed=None)`.",
    "RandomSharpness::new(0.5)"
);
factor_layer!(
    RandomColorDegeneration,
    -1.0,
    1.0,
    "`keras.layers.RandomColorDegeneration(factor, value_range=(0, 255), data_format=None, seed=None)`: needs rank 3 or 4 inputs with 3 channels.",
    "RandomColorDegeneration::new(0.5)"
);
factor_layer!(
    RandomPosterization,
    1.0,
    8.0,
    "`keras.layers.RandomPosterization(factor, value_range=(0, 255), data_format=None, seed=None)`: `factor` (bits) in `[1, 8]`.",
    "RandomPosterization::new(4)"
);

macro_rules! default_factor_layer {
    ($name:ident, $default:literal, $lo:expr, $hi:expr, $sig:literal, $example:literal) => {
        alias!($name, $sig, $example);
        impl $name {
            #[doc = concat!("A `", stringify!($name), "` with Keras's defaults.")]
            pub fn new() -> Self {
                Self::blank()
            }

            #[doc = concat!("Keras's `factor=` (checked to lie in `[", stringify!($lo), ", ", stringify!($hi), "]`). Defaults to `", $default, "`.")]
            pub fn factor(self, factor: impl Into<Factor>) -> Self {
                self.with_factor("factor", factor.into(), Some(($lo, $hi)))
            }
        }
        default_new!($name);
    };
}

default_factor_layer!(
    RandomInvert,
    "1.0",
    0.0,
    1.0,
    "`keras.layers.RandomInvert(factor=1.0, value_range=(0, 255), seed=None, data_format=None)`.",
    "RandomInvert::new().factor(0.5)"
);
default_factor_layer!(
    RandomErasing,
    "1.0",
    0.0,
    1.0,
    "`keras.layers.RandomErasing(factor=1.0, scale=(0.02, 0.33), fill_value=None, value_range=(0, 255), seed=None, data_format=None)`.",
    "RandomErasing::new()"
);
default_factor_layer!(
    RandomGaussianBlur,
    "1.0",
    0.0,
    1.0,
    "`keras.layers.RandomGaussianBlur(factor=1.0, kernel_size=3, sigma=1.0, value_range=(0, 255), data_format=None, seed=None)`.",
    "RandomGaussianBlur::new().factor(0.3)"
);
default_factor_layer!(
    RandomPerspective,
    "1.0",
    0.0,
    1.0,
    "`keras.layers.RandomPerspective(factor=1.0, scale=1.0, interpolation=\"bilinear\", fill_value=0.0, seed=None, data_format=None)`.",
    "RandomPerspective::new()"
);
default_factor_layer!(
    RandomElasticTransform,
    "1.0",
    0.0,
    1.0,
    "`keras.layers.RandomElasticTransform(factor=1.0, scale=1.0, interpolation=\"bilinear\", fill_mode=\"reflect\", fill_value=0.0, value_range=(0, 255), seed=None, data_format=None)`.",
    "RandomElasticTransform::new()"
);
default_factor_layer!(
    CutMix,
    "1.0",
    0.0,
    1.0,
    "`keras.layers.CutMix(factor=1.0, seed=None, data_format=None)`.",
    "CutMix::new()"
);
default_factor_layer!(
    AugMix,
    "0.3",
    0.0,
    1.0,
    "`keras.layers.AugMix(value_range=(0, 255), num_chains=3, chain_depth=3, factor=0.3, alpha=1.0, all_ops=True, interpolation=\"bilinear\", seed=None, data_format=None)`.",
    "AugMix::new()"
);
default_factor_layer!(
    RandAugment,
    "0.5",
    0.0,
    1.0,
    "`keras.layers.RandAugment(value_range=(0, 255), num_ops=2, factor=0.5, interpolation=\"bilinear\", seed=None, data_format=None)`.",
    "RandAugment::new().value_range(0.0, 1.0)"
);

alias!(
    RandomGrayscale,
    "`keras.layers.RandomGrayscale(factor=0.5, data_format=None, seed=None)`: `factor` (a probability) in `[0, 1]`.",
    "RandomGrayscale::new().factor(0.2)";
    /// A random grayscale conversion with probability 0.5.
    fn new
);
impl RandomGrayscale {
    /// Keras's `factor=`: the probability, in `[0, 1]`. Defaults to `0.5`.
    pub fn factor(self, factor: f64) -> Self {
        let checked = if (0.0..=1.0).contains(&factor) {
            Ok(())
        } else {
            Err(LayerError::argument(
                "factor",
                format!("`factor` should be between 0 and 1, received factor={factor}"),
            ))
        };
        self.record("factor", factor.to_string()).check(checked)
    }
}

alias!(
    RandomShear,
    "`keras.layers.RandomShear(x_factor=0.0, y_factor=0.0, interpolation=\"bilinear\", fill_mode=\"reflect\", fill_value=0.0, data_format=None, seed=None)`.",
    "RandomShear::new().x_factor(0.2).y_factor((0.1, 0.3))";
    /// A random shear with Keras's defaults (no shear).
    fn new
);
impl RandomShear {
    /// Keras's `x_factor=` (values in `[0, 1]`). Defaults to `0.0`.
    pub fn x_factor(self, factor: impl Into<Factor>) -> Self {
        self.with_unit_factor("x_factor", factor.into())
    }

    /// Keras's `y_factor=` (values in `[0, 1]`). Defaults to `0.0`.
    pub fn y_factor(self, factor: impl Into<Factor>) -> Self {
        self.with_unit_factor("y_factor", factor.into())
    }
}

alias!(
    RandomColorJitter,
    "`keras.layers.RandomColorJitter(value_range=(0, 255), brightness_factor=None, contrast_factor=None, saturation_factor=None, hue_factor=None, seed=None, data_format=None)`.",
    "RandomColorJitter::new().brightness_factor(0.2).hue_factor(0.1)";
    /// A color jitter with no factor set.
    fn new
);
impl RandomColorJitter {
    /// Keras's `brightness_factor=` (checked as `RandomBrightness` checks its `factor`).
    /// Defaults to `None`.
    pub fn brightness_factor(self, factor: impl Into<Factor>) -> Self {
        self.with_factor("brightness_factor", factor.into(), Some((-1.0, 1.0)))
    }

    /// Keras's `contrast_factor=` (checked as `RandomContrast` checks its `factor`).
    /// Defaults to `None`.
    pub fn contrast_factor(self, factor: impl Into<Factor>) -> Self {
        self.with_factor("contrast_factor", factor.into(), Some((0.0, 1.0)))
    }

    /// Keras's `saturation_factor=` (checked as `RandomSaturation` checks its `factor`).
    /// Defaults to `None`.
    pub fn saturation_factor(self, factor: impl Into<Factor>) -> Self {
        self.with_factor("saturation_factor", factor.into(), Some((-1.0, 1.0)))
    }

    /// Keras's `hue_factor=` (checked as `RandomHue` checks its `factor`).
    /// Defaults to `None`.
    pub fn hue_factor(self, factor: impl Into<Factor>) -> Self {
        self.with_factor("hue_factor", factor.into(), Some((0.0, 1.0)))
    }
}

alias!(
    AutoContrast,
    "`keras.layers.AutoContrast(value_range=(0, 255))`.",
    "AutoContrast::new()";
    /// An auto-contrast layer.
    fn new
);

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
pub type Equalization = Augmentation<augmentation_kinds::Equalization>;
impl Equalization {
    /// A histogram equalization layer.
    pub fn new() -> Self {
        Self::blank()
    }

    /// Keras's `bins=`. Defaults to `256`.
    pub fn bins(self, bins: i64) -> Self {
        self.record("bins", bins.to_string())
    }
}

alias!(
    Solarization,
    "`keras.layers.Solarization(addition_factor=0.0, threshold_factor=0.0, value_range=(0, 255), seed=None)`.",
    "Solarization::new().threshold_factor(0.5)";
    /// A solarization layer with Keras's defaults.
    fn new
);
impl Solarization {
    /// Keras's `addition_factor=` (values in `[0, 1]`). Defaults to `0.0`.
    pub fn addition_factor(self, factor: impl Into<Factor>) -> Self {
        self.with_unit_factor("addition_factor", factor.into())
    }

    /// Keras's `threshold_factor=` (values in `[0, 1]`). Defaults to `0.0`.
    pub fn threshold_factor(self, factor: impl Into<Factor>) -> Self {
        self.with_unit_factor("threshold_factor", factor.into())
    }
}

alias!(
    MixUp,
    "`keras.layers.MixUp(alpha=0.2, data_format=None, seed=None)`.",
    "MixUp::new().alpha(0.4)";
    /// A MixUp layer.
    fn new
);
impl MixUp {
    /// Keras's `alpha=`. Defaults to `0.2`.
    pub fn alpha(self, alpha: f64) -> Self {
        self.record("alpha", alpha.to_string())
    }
}

alias!(
    MaxNumBoundingBoxes,
    "`keras.layers.MaxNumBoundingBoxes(max_number, fill_value=-1)`: pads or trims bounding boxes; images pass through.",
    "MaxNumBoundingBoxes::new(10)"
);
impl MaxNumBoundingBoxes {
    /// Keeps at most `max_number` boxes.
    pub fn new(max_number: impl crate::args::Int) -> Self {
        let max_number = max_number.to_i64();
        Self::blank().record("max_number", max_number.to_string())
    }
}

alias!(
    ContrastLimitedAdaptiveHistogramEqualization,
    "`keras.layers.ContrastLimitedAdaptiveHistogramEqualization(value_range=(0, 255), clip_limit=4.0, tile_grid_size=(8, 8), data_format=None)`.",
    "ContrastLimitedAdaptiveHistogramEqualization::new().clip_limit(2.0)";
    /// A CLAHE layer with Keras's defaults.
    fn new
);
impl ContrastLimitedAdaptiveHistogramEqualization {
    /// Keras's `clip_limit=`. Defaults to `4.0`.
    pub fn clip_limit(self, clip_limit: f64) -> Self {
        self.record("clip_limit", clip_limit.to_string())
    }
}

default_new!(
    RandomFlip,
    RandomGrayscale,
    RandomShear,
    RandomColorJitter,
    AutoContrast,
    Equalization,
    Solarization,
    MixUp,
    ContrastLimitedAdaptiveHistogramEqualization
);

impl RandomErasing {
    /// Keras's `scale=`: the erased area fraction, in `[0, 1]`. Defaults
    /// to `(0.02, 0.33)`.
    pub fn scale(self, scale: impl Into<Factor>) -> Self {
        self.with_factor("scale", scale.into(), Some((0.0, 1.0)))
    }
}

impl RandomGaussianBlur {
    /// Keras's `kernel_size=`: an odd size. Defaults to `3`.
    pub fn kernel_size(self, kernel_size: i64) -> Self {
        let checked = if kernel_size % 2 == 0 {
            Err(LayerError::argument(
                "kernel_size",
                format!("kernel_size must be an odd number, received kernel_size={kernel_size}"),
            ))
        } else {
            Ok(())
        };
        self.record("kernel_size", kernel_size.to_string())
            .check(checked)
    }

    /// Keras's `sigma=`, in `[0, 1]`. Defaults to `1.0`.
    pub fn sigma(self, sigma: impl Into<Factor>) -> Self {
        self.with_factor("sigma", sigma.into(), Some((0.0, 1.0)))
    }
}

impl RandomPerspective {
    /// Keras's `scale=`, in `[0, 1]`. Defaults to `1.0`.
    pub fn scale(self, scale: f64) -> Self {
        let checked = if (0.0..=1.0).contains(&scale) {
            Ok(())
        } else {
            Err(LayerError::argument(
                "scale",
                format!(
                    "the `scale` argument should be a number in the range [0,1], received scale={scale}"
                ),
            ))
        };
        self.record("scale", scale.to_string()).check(checked)
    }
}

impl RandomElasticTransform {
    /// Keras's `scale=`, in `[0, 1]`. Defaults to `1.0`.
    pub fn scale(self, scale: impl Into<Factor>) -> Self {
        self.with_factor("scale", scale.into(), Some((0.0, 1.0)))
    }
}

impl AugMix {
    /// Keras's `num_chains=`. Defaults to `3`.
    pub fn num_chains(self, num_chains: i64) -> Self {
        self.record("num_chains", num_chains.to_string())
    }

    /// Keras's `chain_depth=`. Defaults to `3`.
    pub fn chain_depth(self, chain_depth: i64) -> Self {
        self.record("chain_depth", chain_depth.to_string())
    }

    /// Keras's `alpha=`. Defaults to `1.0`.
    pub fn alpha(self, alpha: f64) -> Self {
        self.record("alpha", alpha.to_string())
    }

    /// Keras's `all_ops=`: also use the color operations (whose four
    /// inner layers then take automatic names). Defaults to `true`.
    pub fn all_ops(self, all_ops: bool) -> Self {
        self.record("all_ops", all_ops.to_string())
    }
}

impl RandAugment {
    /// Keras's `num_ops=`. Defaults to `2`.
    pub fn num_ops(self, num_ops: i64) -> Self {
        self.record("num_ops", num_ops.to_string())
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
    /// Applies the keys every augmentation class may write: `data_format`,
    /// `seed`, `value_range`, `fill_mode`, `interpolation`, `fill_value`.
    fn with_common_keys(mut self, c: &crate::config::cfg::Cfg<'_>) -> crate::Result<Self> {
        self = self.data_format(c.data_format()?);
        if let Some(seed) = c.opt_int("seed")? {
            self = self.seed(seed);
        }
        if let Some(range) = factor_from(c, "value_range")? {
            let (low, high) = match range {
                Factor::Single(v) => (v, v),
                Factor::Range(a, b) => (a, b),
            };
            self = self.value_range(low, high);
        }
        if let Some(mode) = c.opt_str("fill_mode")? {
            self = self.fill_mode(mode);
        }
        if let Some(i) = c.opt_str("interpolation")? {
            self = self.interpolation(i);
        }
        if let Some(v) = c.opt_float("fill_value")? {
            self = self.fill_value(v);
        }
        Ok(self)
    }

    /// Applies an optional factor argument with `set` (the checking builder).
    fn with_opt_factor(
        self,
        c: &crate::config::cfg::Cfg<'_>,
        key: &str,
        set: fn(Self, Factor) -> Self,
    ) -> crate::Result<Self> {
        Ok(match factor_from(c, key)? {
            Some(f) => set(self, f),
            None => self,
        })
    }
}

/// Registers every augmentation class with the config importer.
#[cfg(feature = "keras-json")]
pub(crate) fn register(r: &mut crate::config::registry::Registry) {
    use crate::config::cfg::Cfg;
    type Built = crate::Result<Box<dyn Layer>>;
    fn boxed<K: AugmentationKind>(c: &Cfg<'_>, l: Augmentation<K>) -> Built {
        Ok(Box::new(l.with_common_keys(c)?))
    }
    r.builtin("RandomFlip", |c| -> Built {
        let mode = match c.str_or("mode", "horizontal_and_vertical")? {
            "horizontal" => FlipMode::Horizontal,
            "vertical" => FlipMode::Vertical,
            "horizontal_and_vertical" => FlipMode::HorizontalAndVertical,
            other => {
                return Err(c.error(
                    "mode",
                    format!(
                        "expected horizontal, vertical or horizontal_and_vertical, found {other:?}"
                    ),
                ));
            }
        };
        boxed(c, RandomFlip::new().mode(mode))
    });
    r.builtin("RandomRotation", |c| -> Built {
        boxed(c, RandomRotation::new(req_factor(c, "factor")?))
    });
    r.builtin("RandomZoom", |c| -> Built {
        let l = RandomZoom::new(req_factor(c, "height_factor")?).with_opt_factor(
            c,
            "width_factor",
            |l, f| l.width_factor(f),
        )?;
        boxed(c, l)
    });
    r.builtin("RandomTranslation", |c| -> Built {
        boxed(
            c,
            RandomTranslation::new(
                req_factor(c, "height_factor")?,
                req_factor(c, "width_factor")?,
            ),
        )
    });
    macro_rules! required_factor {
        ($($name:ident),*) => {$(
            r.builtin(stringify!($name), |c| -> Built {
                boxed(c, $name::new(req_factor(c, "factor")?))
            });
        )*};
    }
    required_factor!(
        RandomContrast,
        RandomBrightness,
        RandomHue,
        RandomSaturation,
        RandomSharpness,
        RandomColorDegeneration,
        RandomPosterization
    );
    macro_rules! default_factor {
        ($($name:ident $(, $extra:expr)?);*) => {$(
            r.builtin(stringify!($name), |c| -> Built {
                #[allow(unused_mut)]
                let mut l = $name::new().with_opt_factor(c, "factor", |l, f| l.factor(f))?;
                $( l = $extra(l, c)?; )?
                boxed(c, l)
            });
        )*};
    }
    default_factor!(
        RandomInvert;
        CutMix;
        RandomErasing, |l: RandomErasing, c: &Cfg<'_>| l.with_opt_factor(c, "scale", |l, f| l.scale(f));
        RandomGaussianBlur, |l: RandomGaussianBlur, c: &Cfg<'_>| -> crate::Result<RandomGaussianBlur> {
            let l = l.with_opt_factor(c, "sigma", |l, f| l.sigma(f))?;
            Ok(match c.int_list("kernel_size")?.as_deref() {
                None => l,
                Some([k]) => l.kernel_size(*k),
                Some([a, b]) => l
                    .kernel_size(*a)
                    .kernel_size(*b)
                    .record("kernel_size", format!("({a}, {b})")),
                Some(_) => return Err(c.error("kernel_size", "expected an integer or a list of two integers")),
            })
        };
        RandomPerspective, |l: RandomPerspective, c: &Cfg<'_>| -> crate::Result<RandomPerspective> {
            Ok(match c.opt_float("scale")? {
                Some(s) => l.scale(s),
                None => l,
            })
        };
        RandomElasticTransform, |l: RandomElasticTransform, c: &Cfg<'_>| l.with_opt_factor(c, "scale", |l, f| l.scale(f));
        AugMix, |l: AugMix, c: &Cfg<'_>| -> crate::Result<AugMix> {
            Ok(l.num_chains(c.int_or("num_chains", 3)?)
                .chain_depth(c.int_or("chain_depth", 3)?)
                .alpha(c.float_or("alpha", 1.0)?)
                .all_ops(c.bool_or("all_ops", true)?))
        };
        RandAugment, |l: RandAugment, c: &Cfg<'_>| -> crate::Result<RandAugment> {
            Ok(l.num_ops(c.int_or("num_ops", 2)?))
        }
    );
    r.builtin("RandomGrayscale", |c| -> Built {
        boxed(c, RandomGrayscale::new().factor(c.float_or("factor", 0.5)?))
    });
    r.builtin("RandomShear", |c| -> Built {
        // Keras's `get_config` writes a number `f` as `[-f, f]`, which its
        // constructor then rejects (Keras 3.15.1 cannot reload it); that
        // form is taken as the number it came from.
        fn shear(l: RandomShear, key: &'static str, f: Factor) -> RandomShear {
            match f {
                Factor::Range(a, b) if a == -b && (0.0..=1.0).contains(&b) => {
                    l.record(key, f.to_string())
                }
                _ if key == "x_factor" => l.x_factor(f),
                _ => l.y_factor(f),
            }
        }
        let l = RandomShear::new()
            .with_opt_factor(c, "x_factor", |l, f| shear(l, "x_factor", f))?
            .with_opt_factor(c, "y_factor", |l, f| shear(l, "y_factor", f))?;
        boxed(c, l)
    });
    r.builtin("RandomColorJitter", |c| -> Built {
        let l = RandomColorJitter::new()
            .with_opt_factor(c, "brightness_factor", |l, f| l.brightness_factor(f))?
            .with_opt_factor(c, "contrast_factor", |l, f| l.contrast_factor(f))?
            .with_opt_factor(c, "saturation_factor", |l, f| l.saturation_factor(f))?
            .with_opt_factor(c, "hue_factor", |l, f| l.hue_factor(f))?;
        boxed(c, l)
    });
    r.builtin("AutoContrast", |c| -> Built {
        boxed(c, AutoContrast::new())
    });
    r.builtin("Equalization", |c| -> Built {
        boxed(c, Equalization::new().bins(c.int_or("bins", 256)?))
    });
    r.builtin("Solarization", |c| -> Built {
        let l = Solarization::new()
            .with_opt_factor(c, "addition_factor", |l, f| l.addition_factor(f))?
            .with_opt_factor(c, "threshold_factor", |l, f| l.threshold_factor(f))?;
        boxed(c, l)
    });
    r.builtin("MixUp", |c| -> Built {
        boxed(c, MixUp::new().alpha(c.float_or("alpha", 0.2)?))
    });
    r.builtin("MaxNumBoundingBoxes", |c| -> Built {
        boxed(c, MaxNumBoundingBoxes::new(c.int("max_number")?))
    });
    r.builtin(
        "ContrastLimitedAdaptiveHistogramEqualization",
        |c| -> Built {
            let mut l = ContrastLimitedAdaptiveHistogramEqualization::new()
                .clip_limit(c.float_or("clip_limit", 4.0)?);
            if let Some(t) = c.int_list("tile_grid_size")? {
                let t: Vec<String> = t.iter().map(i64::to_string).collect();
                l = l.record("tile_grid_size", format!("({})", t.join(", ")));
            }
            boxed(c, l)
        },
    );
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
