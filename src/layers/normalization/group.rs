//! `GroupNormalization`.

use super::shared::*;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, known_dim, one_input, single};
use crate::shape::{Dim, Shape};
use crate::weight::WeightSpec;

keras_layer! {
    class "GroupNormalization";
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
    /// let x = Input::new([16, 8]).tensor()?;
    /// let y = GroupNormalization::new().groups(4).call(&x)?;
    /// assert_eq!(y.shape(), x.shape());
    /// assert!(GroupNormalization::new().groups(3).call(&x).is_err());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct GroupNormalization {
    }
    /// A group normalization over the last axis with 32 groups.
    fn new;
    /// Keras's `groups=`: a positive divisor of the channels, or -1 for
    /// instance normalization. Defaults to 32.
    groups: i64 = 32, |groups: i64| groups;
    /// Keras's `axis=`: the channels axis. Defaults to -1.
    axis: i64 = -1, |axis: i64| axis;
    /// Keras's `epsilon=` (no effect on shapes). Defaults to 1e-3.
    epsilon: f64 = 1e-3, |epsilon: f64| epsilon;
    /// Keras's `center=`: whether to learn the offset `beta`. Defaults to `true`.
    center: bool = true, |center: bool| center;
    /// Keras's `scale=`: whether to learn the factor `gamma`. Defaults to `true`.
    scale: bool = true, |scale: bool| scale;
}

impl GroupNormalization {
    /// The number of channels, checked against `groups`.
    fn channels(&self, x: &Shape) -> Result<u64, LayerError> {
        argument_error_if!(
            self.groups <= 0 && self.groups != -1,
            "groups",
            format!(
                "expected a positive integer (or -1 for instance normalization), received groups={}",
                self.groups
            ),
        );
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
        argument_error_if!(
            dim < groups,
            "groups",
            format!(
                "the number of groups ({groups}) cannot be more than the number of channels ({dim})"
            ),
        );
        argument_error_if!(
            dim.checked_rem(groups).is_some_and(|r| r != 0),
            "groups",
            format!(
                "the number of channels ({dim}) must be a multiple of the number of groups ({groups})"
            ),
        );
        Ok(dim)
    }
}

impl Layer for GroupNormalization {
    // With the initializers Keras writes.
    declared_layer_common!(written by with_beta_gamma_initializers);

    layer_flags!(supports_masking);

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
