//! Normalization layers: `BatchNormalization`, `LayerNormalization`,
//! `GroupNormalization`, `UnitNormalization`, `RMSNormalization` and the
//! `SpectralNormalization` wrapper.

use smallvec::SmallVec;

use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, LayerConfig, OutputShapes, known_dim, one_input, single};
use crate::naming::to_snake_case;
use crate::shape::{Dim, Shape};
use crate::weight::WeightSpec;

/// An `int or list of ints` axis argument (`axis=-1`, `axis=[1, 2]`), kept
/// as given and checked against the input when the layer is used.
///
/// ```
/// use kerasinfo::layers::AxisArg;
/// let a: AxisArg = (-1).into();
/// assert_eq!(a.axes(), &[-1]);
/// let b: AxisArg = [2, -1].into();
/// assert_eq!(b.axes(), &[2, -1]);
/// let c: AxisArg = vec![1].into();
/// assert_eq!(c.axes(), &[1]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AxisArg(SmallVec<[i64; 4]>);

impl AxisArg {
    /// The axes, as given.
    #[must_use]
    pub fn axes(&self) -> &[i64] {
        &self.0
    }

    /// The axes sorted as Python's `sorted` sorts them (by their given
    /// value, negative axes first), which is the order Keras gives the
    /// dimensions of `LayerNormalization`'s and `RMSNormalization`'s weights.
    fn sorted(&self) -> SmallVec<[i64; 4]> {
        let mut v = self.0.clone();
        v.sort_unstable();
        v
    }
}

impl std::fmt::Display for AxisArg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.as_slice() {
            [one] => write!(f, "{one}"),
            many => {
                f.write_str("[")?;
                for (i, a) in many.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{a}")?;
                }
                f.write_str("]")
            }
        }
    }
}

macro_rules! axis_arg_from {
    ($($t:ty),*) => {$(
        impl From<$t> for AxisArg {
            fn from(v: $t) -> Self {
                AxisArg(smallvec::smallvec![i64::from(v)])
            }
        }
        impl<const N: usize> From<[$t; N]> for AxisArg {
            fn from(v: [$t; N]) -> Self {
                AxisArg(v.iter().map(|a| i64::from(*a)).collect())
            }
        }
        impl From<Vec<$t>> for AxisArg {
            fn from(v: Vec<$t>) -> Self {
                AxisArg(v.iter().map(|a| i64::from(*a)).collect())
            }
        }
        impl From<&[$t]> for AxisArg {
            fn from(v: &[$t]) -> Self {
                AxisArg(v.iter().map(|a| i64::from(*a)).collect())
            }
        }
    )*};
}
axis_arg_from!(i32, i64);

/// The dimension at `axis`, or Keras's `IndexError` when out of range.
fn dim_at(x: &Shape, axis: i64) -> Result<Dim, LayerError> {
    x.get(axis).ok_or_else(|| {
        LayerError::input(
            x,
            format!("axis {axis} is out of range for rank {}", x.rank()),
        )
    })
}

/// The known sizes of `dims`, or the error Keras raises when creating a
/// variable of a partly unknown shape.
fn known_weight_shape(x: &Shape, dims: &[Dim], name: &str) -> Result<Vec<u64>, LayerError> {
    dims.iter()
        .map(|d| {
            d.known().ok_or_else(|| {
                LayerError::input(
                    x,
                    format!(
                        "the shape of `{name}` must be fully defined, but an axis it spans has size None"
                    ),
                )
            })
        })
        .collect()
}

/// The shape of a weight spanning the (Python-`sorted`) axes of `x`.
fn axes_weight_dims(x: &Shape, axis: &AxisArg) -> Result<Vec<Dim>, LayerError> {
    axis.sorted().iter().map(|a| dim_at(x, *a)).collect()
}

/// `keras.layers.BatchNormalization(axis=-1, momentum=0.99, epsilon=1e-3,
/// center=True, scale=True, renorm=False, renorm_clipping=None,
/// renorm_momentum=0.99, synchronized=False)`.
///
/// `axis` is a single integer (Keras calls `int(axis)`, so a list is a
/// `TypeError` there and cannot be expressed here).
///
/// # Shapes
/// Output equals input. Weights, each of shape `(input_shape[axis],)`:
/// `gamma` (if `scale`) and `beta` (if `center`) train; `moving_mean` and
/// `moving_variance` do not, nor (with `renorm`) `moving_stddev`,
/// `renorm_mean` and `renorm_stddev`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([64, 64, 32]).tensor()?;
/// let y = BatchNormalization::new().axis(3).name("bn0").call(&x)?;
/// let model = Functional::new(&x, &y).build()?;
/// let s = model.summary();
/// assert_eq!((s.total_params, s.non_trainable_params), (128, 64));
///
/// let z = BatchNormalization::new().renorm(true).call(&x)?;
/// let model = Functional::new(&x, &z).build()?;
/// assert_eq!(model.summary().non_trainable_params, 160);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct BatchNormalization {
    config: LayerConfig,
    axis: i64,
    momentum: f64,
    epsilon: f64,
    center: bool,
    scale: bool,
    renorm: bool,
    renorm_clipping: RenormClipping,
    renorm_momentum: f64,
    synchronized: bool,
}

/// `BatchNormalization`'s `renorm_clipping=` dictionary: the keys `rmax`,
/// `rmin` and `dmax`, each optional.
///
/// ```
/// use kerasinfo::layers::RenormClipping;
/// let c = RenormClipping { rmax: Some(3.0), ..RenormClipping::default() };
/// assert_eq!(c.rmin, None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RenormClipping {
    /// Upper bound of the `r` correction.
    pub rmax: Option<f64>,
    /// Lower bound of the `r` correction.
    pub rmin: Option<f64>,
    /// Bound of the absolute `d` correction (non-negative).
    pub dmax: Option<f64>,
}

impl BatchNormalization {
    /// A batch normalization layer over the last axis.
    pub fn new() -> Self {
        crate::layer::constructed(BatchNormalization {
            config: LayerConfig::default(),
            axis: -1,
            momentum: 0.99,
            epsilon: 1e-3,
            center: true,
            scale: true,
            renorm: false,
            renorm_clipping: RenormClipping::default(),
            renorm_momentum: 0.99,
            synchronized: false,
        })
    }

    /// Keras's `axis=`: the features axis. Defaults to -1.
    pub fn axis(mut self, axis: i64) -> Self {
        self.axis = axis;
        self
    }

    /// Keras's `momentum=` (no effect on shapes). Defaults to 0.99.
    pub fn momentum(mut self, momentum: f64) -> Self {
        self.momentum = momentum;
        self
    }

    /// Keras's `epsilon=` (no effect on shapes). Defaults to 1e-3.
    pub fn epsilon(mut self, epsilon: f64) -> Self {
        self.epsilon = epsilon;
        self
    }

    /// Keras's `center=`: whether to learn the offset `beta`. Defaults to `true`.
    pub fn center(mut self, center: bool) -> Self {
        self.center = center;
        self
    }

    /// Keras's `scale=`: whether to learn the factor `gamma`. Defaults to `true`.
    pub fn scale(mut self, scale: bool) -> Self {
        self.scale = scale;
        self
    }

    /// Keras's `renorm=`: batch renormalization, which adds the
    /// non-trainable `moving_stddev`, `renorm_mean` and `renorm_stddev`.
    /// Defaults to `false`.
    pub fn renorm(mut self, renorm: bool) -> Self {
        self.renorm = renorm;
        self
    }

    /// Keras's `renorm_clipping=` (checked only with `renorm`: `rmax >= rmin`,
    /// `dmax >= 0`). Defaults to none.
    pub fn renorm_clipping(mut self, renorm_clipping: RenormClipping) -> Self {
        self.renorm_clipping = renorm_clipping;
        self
    }

    /// Keras's `renorm_momentum=` (no effect on shapes). Defaults to 0.99.
    pub fn renorm_momentum(mut self, renorm_momentum: f64) -> Self {
        self.renorm_momentum = renorm_momentum;
        self
    }

    /// Keras's `synchronized=`: synchronize statistics across replicas
    /// (accepted, as with Keras's TensorFlow backend; no effect on shapes).
    /// Defaults to `false`.
    pub fn synchronized(mut self, synchronized: bool) -> Self {
        self.synchronized = synchronized;
        self
    }

    fn check(&self) -> Result<(), LayerError> {
        if self.renorm {
            let c = self.renorm_clipping;
            if let (Some(rmax), Some(rmin)) = (c.rmax, c.rmin) {
                if rmax < rmin {
                    return Err(LayerError::argument(
                        "renorm_clipping",
                        format!(
                            "rmax should be greater than rmin, received rmax={rmax}, rmin={rmin}"
                        ),
                    ));
                }
            }
            if let Some(dmax) = c.dmax {
                if dmax < 0.0 {
                    return Err(LayerError::argument(
                        "renorm_clipping",
                        format!("dmax should be non-negative, received dmax={dmax}"),
                    ));
                }
            }
        }
        Ok(())
    }
}

impl Default for BatchNormalization {
    fn default() -> Self {
        Self::new()
    }
}

impl Layer for BatchNormalization {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }

    /// Keras's call takes `mask=`.
    fn takes_mask(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let c = &self.renorm_clipping;
        let clipping = if c.rmax.is_none() && c.rmin.is_none() && c.dmax.is_none() {
            serde_json::Value::Null
        } else {
            let mut m = serde_json::Map::new();
            for (k, v) in [("rmax", c.rmax), ("rmin", c.rmin), ("dmax", c.dmax)] {
                if let Some(v) = v {
                    m.insert(k.into(), json!(v));
                }
            }
            serde_json::Value::Object(m)
        };
        Some(w::obj([
            ("renorm", json!(self.renorm)),
            ("renorm_clipping", clipping),
            ("renorm_momentum", json!(self.renorm_momentum)),
            ("axis", json!(self.axis)),
            ("momentum", json!(self.momentum)),
            ("epsilon", json!(self.epsilon)),
            ("center", json!(self.center)),
            ("scale", json!(self.scale)),
            ("beta_initializer", w::zeros()),
            ("gamma_initializer", w::ones()),
            ("moving_mean_initializer", w::zeros()),
            ("moving_variance_initializer", w::ones()),
            ("synchronized", json!(self.synchronized)),
        ]))
    }

    layer_common!("BatchNormalization");

    /// # Cost
    /// Inference (moving statistics): 0 MACs; `2·N + (5 + scale)·C`
    /// FLOPs for `N` elements and `C` normalized channels — a multiply
    /// and an add per element, and the per-channel `var + ε`, `rsqrt`
    /// (2), `mean·inv` and the shift that Keras's TensorFlow graph
    /// computes (`·γ` once more with `scale`), as TensorFlow's profiler
    /// counts them.
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        let c = known_dim(one_input(inputs)?, self.axis)?;
        let Some(n) = crate::compute::output_elements(outputs)? else {
            return Ok(None);
        };
        let per_channel = if self.scale { 6 } else { 5 };
        let flops = crate::weight::checked_add(
            crate::weight::checked_mul(n, 2)?,
            crate::weight::checked_mul(c, per_channel)?,
        )?;
        Ok(Some(Cost::elementwise(flops)))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        self.check()?;
        let x = one_input(inputs)?;
        known_dim(x, self.axis)?;
        Ok(single(x.clone()))
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        self.check()?;
        let n = known_dim(one_input(inputs)?, self.axis)?;
        let mut w = Vec::with_capacity(7);
        if self.scale {
            w.push(WeightSpec::new("gamma", [n]));
        }
        if self.center {
            w.push(WeightSpec::new("beta", [n]));
        }
        w.push(WeightSpec::new("moving_mean", [n]).non_trainable());
        w.push(WeightSpec::new("moving_variance", [n]).non_trainable());
        if self.renorm {
            for name in ["moving_stddev", "renorm_mean", "renorm_stddev"] {
                w.push(WeightSpec::new(name, [n]).non_trainable());
            }
        }
        Ok(w)
    }
}

/// `keras.layers.LayerNormalization(axis=-1, epsilon=1e-3, center=True,
/// scale=True, rms_scaling=False)`.
///
/// # Shapes
/// Output equals input. Weights, of shape `input_shape[axis]` for an int
/// `axis`, or the tuple of `input_shape[a]` for each `a` of the list
/// `axis` in (Python-)sorted order: `gamma` if `scale` or `rms_scaling`,
/// `beta` if `center` and not `rms_scaling`. The sizes they span must be
/// known.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([3, 4, 5]).tensor()?;
/// let y = LayerNormalization::new().call(&x)?;
/// let z = LayerNormalization::new().axis([-1, 1]).center(false).call(&y)?;
/// let model = Functional::new(&x, &z).build()?;
/// let w = model.weights();
/// assert_eq!(w[2].shape.as_slice(), &[5, 3]);
/// assert_eq!(model.summary().total_params, 10 + 15);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct LayerNormalization {
    config: LayerConfig,
    axis: AxisArg,
    epsilon: f64,
    center: bool,
    scale: bool,
    rms_scaling: bool,
}

impl LayerNormalization {
    /// A layer normalization over the last axis.
    pub fn new() -> Self {
        crate::layer::constructed(LayerNormalization {
            config: LayerConfig::default(),
            axis: AxisArg::from(-1),
            epsilon: 1e-3,
            center: true,
            scale: true,
            rms_scaling: false,
        })
    }

    /// Keras's `axis=`: an int or a list of ints. Defaults to -1.
    pub fn axis(mut self, axis: impl Into<AxisArg>) -> Self {
        self.axis = axis.into();
        self
    }

    /// Keras's `epsilon=` (no effect on shapes). Defaults to 1e-3.
    pub fn epsilon(mut self, epsilon: f64) -> Self {
        self.epsilon = epsilon;
        self
    }

    /// Keras's `center=`: whether to learn the offset `beta`. Defaults to `true`.
    pub fn center(mut self, center: bool) -> Self {
        self.center = center;
        self
    }

    /// Keras's `scale=`: whether to learn the factor `gamma`. Defaults to `true`.
    pub fn scale(mut self, scale: bool) -> Self {
        self.scale = scale;
        self
    }

    /// Keras's deprecated `rms_scaling=`: always learn `gamma`, never `beta`.
    /// Defaults to `false`.
    pub fn rms_scaling(mut self, rms_scaling: bool) -> Self {
        self.rms_scaling = rms_scaling;
        self
    }

    fn weight_names(&self) -> SmallVec<[&'static str; 2]> {
        let mut names = SmallVec::new();
        if self.scale || self.rms_scaling {
            names.push("gamma");
        }
        if self.center && !self.rms_scaling {
            names.push("beta");
        }
        names
    }

    fn weight_shape(&self, x: &Shape) -> Result<Option<Vec<u64>>, LayerError> {
        let dims = axes_weight_dims(x, &self.axis)?;
        match self.weight_names().first() {
            Some(name) => known_weight_shape(x, &dims, name).map(Some),
            None => Ok(None),
        }
    }
}

impl Default for LayerNormalization {
    fn default() -> Self {
        Self::new()
    }
}

impl Layer for LayerNormalization {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([
            ("axis", json!(self.axis.axes())),
            ("epsilon", json!(self.epsilon)),
            ("center", json!(self.center)),
            ("scale", json!(self.scale)),
            ("rms_scaling", json!(self.rms_scaling)),
            ("beta_initializer", w::zeros()),
            ("gamma_initializer", w::ones()),
        ]))
    }

    layer_common!("LayerNormalization");

    /// # Cost
    /// 0 MACs; for `N` elements in `G` normalized groups, as TensorFlow's
    /// profiler counts Keras's graph (two means and a squared difference,
    /// 2 FLOPs each per element; per group `var + ε`, `rsqrt` (2) and a
    /// negation; the rest multiplies and adds): `9·N + 4·G` FLOPs with the
    /// defaults, `8·N + 4·G` with `center=False`, `7·N + 5·G` with
    /// `scale=False`, `6·N + 3·G` with `rms_scaling`, `6·N + 5·G` with
    /// neither `center` nor `scale`.
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        let (per_element, per_group) = match (self.rms_scaling, self.center, self.scale) {
            (true, true, true) => (6, 3),
            (false, true, true) => (9, 4),
            (false, false, true) => (8, 4),
            (false, true, false) => (7, 5),
            (false, false, false) => (6, 5),
            _ => return Ok(None),
        };
        // The normalized size: the product of the normalized axes.
        let x = one_input(inputs)?;
        let Some(size) = crate::compute::known_product(
            axes_weight_dims(x, &self.axis)?.iter().map(|d| d.known()),
        )?
        else {
            return Ok(None);
        };
        let Some(n) = crate::compute::output_elements(outputs)? else {
            return Ok(None);
        };
        let groups = n.checked_div(size).unwrap_or(0);
        let flops = crate::weight::checked_add(
            crate::weight::checked_mul(n, per_element)?,
            crate::weight::checked_mul(groups, per_group)?,
        )?;
        Ok(Some(Cost::elementwise(flops)))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        self.weight_shape(x)?;
        Ok(single(x.clone()))
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let shape = self.weight_shape(one_input(inputs)?)?.unwrap_or_default();
        Ok(self
            .weight_names()
            .iter()
            .map(|n| WeightSpec::new(*n, shape.iter().copied()))
            .collect())
    }
}

/// `keras.layers.GroupNormalization(groups=32, axis=-1, epsilon=1e-3,
/// center=True, scale=True)`.
///
/// # Shapes
/// Output equals input. The channels `input_shape[axis]` must be known and
/// a multiple of `groups` (`-1` means one group per channel). Weights:
/// `gamma (channels,)` if `scale`, `beta (channels,)` if `center`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([16, 8]).tensor()?;
/// let y = GroupNormalization::new().groups(4).call(&x)?;
/// assert_eq!(y.shape(), x.shape());
/// assert!(GroupNormalization::new().groups(3).call(&x).is_err());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct GroupNormalization {
    config: LayerConfig,
    groups: i64,
    axis: i64,
    epsilon: f64,
    center: bool,
    scale: bool,
}

impl GroupNormalization {
    /// A group normalization over the last axis with 32 groups.
    pub fn new() -> Self {
        crate::layer::constructed(GroupNormalization {
            config: LayerConfig::default(),
            groups: 32,
            axis: -1,
            epsilon: 1e-3,
            center: true,
            scale: true,
        })
    }

    /// Keras's `groups=`: a positive divisor of the channels, or -1 for
    /// instance normalization. Defaults to 32.
    pub fn groups(mut self, groups: i64) -> Self {
        self.groups = groups;
        self
    }

    /// Keras's `axis=`: the channels axis. Defaults to -1.
    pub fn axis(mut self, axis: i64) -> Self {
        self.axis = axis;
        self
    }

    /// Keras's `epsilon=` (no effect on shapes). Defaults to 1e-3.
    pub fn epsilon(mut self, epsilon: f64) -> Self {
        self.epsilon = epsilon;
        self
    }

    /// Keras's `center=`: whether to learn the offset `beta`. Defaults to `true`.
    pub fn center(mut self, center: bool) -> Self {
        self.center = center;
        self
    }

    /// Keras's `scale=`: whether to learn the factor `gamma`. Defaults to `true`.
    pub fn scale(mut self, scale: bool) -> Self {
        self.scale = scale;
        self
    }

    /// The number of channels, checked against `groups`.
    fn channels(&self, x: &Shape) -> Result<u64, LayerError> {
        if self.groups <= 0 && self.groups != -1 {
            return Err(LayerError::argument(
                "groups",
                format!(
                    "expected a positive integer (or -1 for instance normalization), received groups={}",
                    self.groups
                ),
            ));
        }
        let Dim::Known(dim) = dim_at(x, self.axis)? else {
            return Err(LayerError::input(
                x,
                format!(
                    "axis {} of the input should have a defined dimension",
                    self.axis
                ),
            ));
        };
        let groups = u64::try_from(self.groups).unwrap_or(dim);
        if dim < groups {
            return Err(LayerError::argument(
                "groups",
                format!(
                    "the number of groups ({groups}) cannot be more than the number of channels ({dim})"
                ),
            ));
        }
        if dim.checked_rem(groups).is_some_and(|r| r != 0) {
            return Err(LayerError::argument(
                "groups",
                format!(
                    "the number of channels ({dim}) must be a multiple of the number of groups ({groups})"
                ),
            ));
        }
        Ok(dim)
    }
}

impl Default for GroupNormalization {
    fn default() -> Self {
        Self::new()
    }
}

impl Layer for GroupNormalization {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([
            ("groups", json!(self.groups)),
            ("axis", json!(self.axis)),
            ("epsilon", json!(self.epsilon)),
            ("center", json!(self.center)),
            ("scale", json!(self.scale)),
            ("beta_initializer", w::zeros()),
            ("gamma_initializer", w::ones()),
        ]))
    }

    layer_common!("GroupNormalization");

    /// # Cost
    /// With `center` and `scale` (the defaults): 0 MACs, `6·N + 4·G +
    /// 3·C` FLOPs for `N` elements, `G` groups and `C` channels, as
    /// TensorFlow's profiler counts Keras's graph (means and squared
    /// differences 2 per element each, `x·inv + shift`; per group `var +
    /// ε`, `rsqrt` (2), a negation; per channel `inv·γ`, `mean·inv`, `+
    /// β`). Unknown for the other variants.
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        use crate::weight::{checked_add, checked_mul};
        if !self.center || !self.scale {
            return Ok(None);
        }
        let c = known_dim(one_input(inputs)?, self.axis)?;
        let groups = u64::try_from(self.groups).map_err(|_| LayerError::overflow("groups"))?;
        let Some(n) = crate::compute::output_elements(outputs)? else {
            return Ok(None);
        };
        let flops = checked_add(
            checked_add(checked_mul(n, 6)?, checked_mul(groups, 4)?)?,
            checked_mul(c, 3)?,
        )?;
        Ok(Some(Cost::elementwise(flops)))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        self.channels(x)?;
        Ok(single(x.clone()))
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let n = self.channels(one_input(inputs)?)?;
        let mut w = Vec::with_capacity(2);
        if self.scale {
            w.push(WeightSpec::new("gamma", [n]));
        }
        if self.center {
            w.push(WeightSpec::new("beta", [n]));
        }
        Ok(w)
    }
}

/// `keras.layers.UnitNormalization(axis=-1)`: scales to unit L2 norm along
/// `axis` (an int or a list of ints).
///
/// # Shapes
/// Output equals input; every axis must be in range. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([3, 5]).tensor()?;
/// assert_eq!(UnitNormalization::new().axis([1, 2]).call(&x)?.shape(), x.shape());
/// assert!(UnitNormalization::new().axis(3).call(&x).is_err());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct UnitNormalization {
    config: LayerConfig,
    axis: AxisArg,
}

impl UnitNormalization {
    /// A unit normalization over the last axis.
    pub fn new() -> Self {
        crate::layer::constructed(UnitNormalization {
            config: LayerConfig::default(),
            axis: AxisArg::from(-1),
        })
    }

    /// Keras's `axis=`: an int or a list of ints. Defaults to -1.
    pub fn axis(mut self, axis: impl Into<AxisArg>) -> Self {
        self.axis = axis.into();
        self
    }
}

impl Default for UnitNormalization {
    fn default() -> Self {
        Self::new()
    }
}

impl Layer for UnitNormalization {
    /// Keras's `supports_masking`: passes its input's mask on.
    fn supports_masking(&self) -> bool {
        true
    }
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([("axis", json!(self.axis.axes()))]))
    }

    layer_common!("UnitNormalization");

    fn built_at_init(&self) -> bool {
        true
    }

    /// # Cost
    /// 0 MACs; `3·N + 2·R` FLOPs for `N` elements in `R` normalized
    /// vectors (`x²`, the sum, `x·inv` per element; per vector the `eps`
    /// bound and `rsqrt` (2)), as TensorFlow's profiler counts Keras's
    /// graph.
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        let x = one_input(inputs)?;
        let size = crate::compute::known_product(self.axis.axes().iter().map(|&a| {
            // `Shape::get` counts a negative axis from the end.
            x.get(a).and_then(|d| d.known())
        }))?;
        let (Some(size), Some(n)) = (size, crate::compute::output_elements(outputs)?) else {
            return Ok(None);
        };
        let r = n.checked_div(size).unwrap_or(0);
        let flops = crate::weight::checked_add(
            crate::weight::checked_mul(n, 3)?,
            crate::weight::checked_mul(r, 2)?,
        )?;
        Ok(Some(Cost::elementwise(flops)))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        for a in self.axis.axes() {
            if x.normalize_axis(*a).is_none() {
                return Err(LayerError::argument(
                    "axis",
                    format!("axis {} is out of bounds for input shape {x}", self.axis),
                ));
            }
        }
        Ok(single(x.clone()))
    }
}

/// `keras.layers.RMSNormalization(axis=-1, epsilon=1e-6)`.
///
/// # Shapes
/// Output equals input. Weight `scale`, of shape `input_shape[axis]` (or
/// the tuple over a list `axis`, in Python-sorted order), which must be
/// known.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([3, 4, 5]).tensor()?;
/// let y = RMSNormalization::new().axis([-1, 1]).name("rms").call(&x)?;
/// let model = Functional::new(&x, &y).build()?;
/// assert_eq!(model.weights()[0].path, "rms/scale");
/// assert_eq!(model.weights()[0].shape.as_slice(), &[5, 3]);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct RMSNormalization {
    config: LayerConfig,
    axis: AxisArg,
    epsilon: f64,
}

impl RMSNormalization {
    /// An RMS normalization over the last axis.
    pub fn new() -> Self {
        crate::layer::constructed(RMSNormalization {
            config: LayerConfig::default(),
            axis: AxisArg::from(-1),
            epsilon: 1e-6,
        })
    }

    /// Keras's `axis=`: an int or a list of ints. Defaults to -1.
    pub fn axis(mut self, axis: impl Into<AxisArg>) -> Self {
        self.axis = axis.into();
        self
    }

    /// Keras's `epsilon=` (no effect on shapes). Defaults to 1e-6.
    pub fn epsilon(mut self, epsilon: f64) -> Self {
        self.epsilon = epsilon;
        self
    }

    fn weight_shape(&self, x: &Shape) -> Result<Vec<u64>, LayerError> {
        known_weight_shape(x, &axes_weight_dims(x, &self.axis)?, "scale")
    }
}

impl Default for RMSNormalization {
    fn default() -> Self {
        Self::new()
    }
}

impl Layer for RMSNormalization {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        Some(w::obj([
            ("axis", json!(self.axis.axes())),
            ("epsilon", json!(self.epsilon)),
        ]))
    }

    layer_common!("RMSNormalization");

    /// # Cost
    /// 0 MACs; `4·N + 3·R` FLOPs for `N` elements in `R` normalized
    /// vectors (`x²`, the mean, `x·inv`, `·scale` per element; per vector
    /// `+ ε` and `rsqrt` (2)), as TensorFlow's profiler counts Keras's
    /// graph.
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        let weights = self.weights(inputs)?;
        let Some(scale) = weights.first() else {
            return Ok(None);
        };
        let size = crate::weight::product(scale.shape.iter().copied())?;
        let Some(n) = crate::compute::output_elements(outputs)? else {
            return Ok(None);
        };
        let r = n.checked_div(size).unwrap_or(0);
        let flops = crate::weight::checked_add(
            crate::weight::checked_mul(n, 4)?,
            crate::weight::checked_mul(r, 3)?,
        )?;
        Ok(Some(Cost::elementwise(flops)))
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        self.weight_shape(x)?;
        Ok(single(x.clone()))
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        Ok(vec![WeightSpec::new(
            "scale",
            self.weight_shape(one_input(inputs)?)?,
        )])
    }
}

/// `keras.layers.SpectralNormalization(layer, power_iterations=1)`: wraps
/// a layer that has a `kernel` (e.g. `Dense`, `Conv2D`) or `embeddings`
/// weight and normalizes it by its spectral norm.
///
/// The wrapped layer keeps its own name (automatic if not given), and its
/// weights live under the wrapper's: `spectral_normalization/dense/kernel`.
///
/// # Shapes
/// Output: the wrapped layer's output. Weights, in Keras's order: the
/// wrapped layer's `kernel` (or `embeddings`), then the wrapper's
/// non-trainable `vector_u (1, kernel_shape[-1])` (of the kernel's dtype),
/// then the wrapped layer's other weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// kerasinfo::naming::clear_session();
/// let x = Input::new([7]).tensor()?;
/// let y = SpectralNormalization::new(Dense::new(3)).call(&x)?;
/// let model = Functional::new(&x, &y).build()?;
/// let paths: Vec<String> = model.weights().into_iter().map(|w| w.path).collect();
/// assert_eq!(
///     paths,
///     [
///         "spectral_normalization/dense/kernel",
///         "spectral_normalization/vector_u",
///         "spectral_normalization/dense/bias",
///     ]
/// );
/// assert_eq!(model.summary().non_trainable_params, 3);
/// # Ok(()) }
/// ```
#[derive(Debug)]
#[must_use]
pub struct SpectralNormalization {
    config: LayerConfig,
    layer: Box<dyn Layer>,
    inner_name: Option<String>,
    power_iterations: i64,
}

impl SpectralNormalization {
    /// Wraps `layer`.
    pub fn new(layer: impl Layer) -> Self {
        Self::from_boxed(Box::new(layer))
    }

    /// Wraps an already boxed layer.
    pub fn from_boxed(layer: Box<dyn Layer>) -> Self {
        crate::layer::constructed(SpectralNormalization {
            config: LayerConfig::default(),
            layer,
            inner_name: None,
            power_iterations: 1,
        })
    }

    /// Keras's `power_iterations=` (must be > 0). Defaults to 1.
    pub fn power_iterations(mut self, power_iterations: i64) -> Self {
        self.power_iterations = power_iterations;
        self
    }

    /// The wrapped layer.
    #[must_use]
    pub fn layer(&self) -> &dyn Layer {
        self.layer.as_ref()
    }

    /// The wrapped layer's name: explicit, or the automatic one it took
    /// when the wrapper was named.
    #[must_use]
    pub fn inner_name(&self) -> String {
        match (&self.inner_name, self.layer.config().name()) {
            (Some(n), _) => n.clone(),
            (None, Some(n)) => n.to_owned(),
            (None, None) => to_snake_case(self.layer.class_name()),
        }
    }

    fn check(&self) -> Result<(), LayerError> {
        if self.power_iterations <= 0 {
            return Err(LayerError::argument(
                "power_iterations",
                format!(
                    "should be greater than zero, received power_iterations={}",
                    self.power_iterations
                ),
            ));
        }
        Ok(())
    }

    /// The wrapped layer's weights (named under it), in Keras's order with
    /// `vector_u` after the kernel.
    fn all_weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        self.check()?;
        let inner = self.layer.config();
        let prefix = self.inner_name();
        let specs = self.layer.weights(inputs)?;
        let kernel_at = specs
            .iter()
            .position(|w| w.name == "kernel")
            .or_else(|| specs.iter().position(|w| w.name == "embeddings"))
            .ok_or_else(|| {
                LayerError::argument(
                    "layer",
                    format!(
                        "{} object has no attribute 'kernel' nor 'embeddings'",
                        self.layer.class_name()
                    ),
                )
            })?;
        // The wrapped layer's own: the wrapper's constructor `trainable`
        // leaves them alone, as in Keras.
        let mut specs = crate::layer::held_weights(specs, &prefix, inner);
        let kernel = specs.remove(kernel_at);
        let units = kernel.shape.last().copied().ok_or_else(|| {
            LayerError::Other(format!("the wrapped kernel `{}` is a scalar", kernel.name))
        })?;
        let mut vector_u = WeightSpec::new("vector_u", [1, units]).non_trainable();
        vector_u.dtype = kernel.dtype;
        let mut out = vec![kernel, vector_u];
        out.extend(specs);
        Ok(out)
    }
}

impl Layer for SpectralNormalization {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::json;
        let mut inner = w::layer_value(self.layer.as_ref())?;
        if let (Some(n), Some(c)) = (
            &self.inner_name,
            inner
                .get_mut("config")
                .and_then(serde_json::Value::as_object_mut),
        ) {
            c.insert("name".into(), json!(n));
        }
        Some(w::obj([
            ("layer", inner),
            ("power_iterations", json!(self.power_iterations)),
        ]))
    }

    layer_common!("SpectralNormalization");

    fn holds_layers(&self) -> bool {
        true
    }

    /// # Cost
    /// The wrapped layer's: at inference Keras calls it with the kernel as
    /// stored (the power iteration runs in training only).
    fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        self.layer.cost(inputs, outputs)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        self.all_weights(inputs)?;
        self.layer.compute_output_shape(inputs)
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        self.all_weights(inputs)
    }

    fn resolve_inner_names(&mut self) {
        if self.inner_name.is_none() {
            self.inner_name = Some(self.layer.config().resolve_name(self.layer.class_name()));
            self.layer.resolve_inner_names();
        }
    }
}

// ---------------------------------------------------------------------------
// Keras configs
// ---------------------------------------------------------------------------

/// An `axis`-like key (an int or a list of ints), or `default`.
#[cfg(feature = "keras-json")]
fn axis_from_config(c: &crate::config::Cfg<'_>, key: &str, default: i64) -> crate::Result<AxisArg> {
    Ok(match c.int_list(key)? {
        Some(v) => AxisArg::from(v),
        None => AxisArg::from(default),
    })
}

/// `BatchNormalization`'s `axis`: an int (tf.keras 2 writes a list of one).
#[cfg(feature = "keras-json")]
fn batch_norm_axis(c: &crate::config::Cfg<'_>) -> crate::Result<i64> {
    match c.int_list("axis")?.as_deref() {
        None => Ok(-1),
        Some([one]) => Ok(*one),
        Some(_) => Err(c.error("axis", "expected an int (or a list of one int)")),
    }
}

/// Registers the normalization classes with the config importer.
#[cfg(feature = "keras-json")]
pub(crate) fn register(r: &mut crate::config::Registry) {
    type Built = crate::Result<Box<dyn Layer>>;
    r.register("BatchNormalization", |c| -> Built {
        let mut l = BatchNormalization::new()
            .axis(batch_norm_axis(c)?)
            .momentum(c.float_or("momentum", 0.99)?)
            .epsilon(c.float_or("epsilon", 1e-3)?)
            .center(c.bool_or("center", true)?)
            .scale(c.bool_or("scale", true)?)
            .renorm(c.bool_or("renorm", false)?)
            .renorm_momentum(c.float_or("renorm_momentum", 0.99)?)
            .synchronized(c.bool_or("synchronized", false)?);
        let at = c.child_path("renorm_clipping");
        if let Some(clip) = c.child("renorm_clipping", &at)? {
            l = l.renorm_clipping(RenormClipping {
                rmax: clip.opt_float("rmax")?,
                rmin: clip.opt_float("rmin")?,
                dmax: clip.opt_float("dmax")?,
            });
        }
        Ok(Box::new(l))
    });
    r.register("LayerNormalization", |c| -> Built {
        Ok(Box::new(
            LayerNormalization::new()
                .axis(axis_from_config(c, "axis", -1)?)
                .epsilon(c.float_or("epsilon", 1e-3)?)
                .center(c.bool_or("center", true)?)
                .scale(c.bool_or("scale", true)?)
                .rms_scaling(c.bool_or("rms_scaling", false)?),
        ))
    });
    r.register("GroupNormalization", |c| -> Built {
        Ok(Box::new(
            GroupNormalization::new()
                .groups(c.int_or("groups", 32)?)
                .axis(c.int_or("axis", -1)?)
                .epsilon(c.float_or("epsilon", 1e-3)?)
                .center(c.bool_or("center", true)?)
                .scale(c.bool_or("scale", true)?),
        ))
    });
    r.register("UnitNormalization", |c| -> Built {
        Ok(Box::new(
            UnitNormalization::new().axis(axis_from_config(c, "axis", -1)?),
        ))
    });
    r.register("RMSNormalization", |c| -> Built {
        Ok(Box::new(
            RMSNormalization::new()
                .axis(axis_from_config(c, "axis", -1)?)
                .epsilon(c.float_or("epsilon", 1e-6)?),
        ))
    });
    r.register_nested("SpectralNormalization", |c, registry| -> Built {
        let inner = c.layer("layer", registry)?;
        Ok(Box::new(
            SpectralNormalization::from_boxed(inner)
                .power_iterations(c.int_or("power_iterations", 1)?),
        ))
    });
}
