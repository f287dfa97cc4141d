//! `LayerNormalization`.

use smallvec::SmallVec;

use super::shared::*;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, one_input, single};
use crate::shape::Shape;
use crate::weight::WeightSpec;

keras_layer! {
    class "LayerNormalization";
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
    /// let x = Input::new([3, 4, 5]).tensor()?;
    /// let y = LayerNormalization::new().call(&x)?;
    /// let z = LayerNormalization::new().axis([-1, 1]).center(false).call(&y)?;
    /// let model = Functional::new(&x, &z).build()?;
    /// let w = model.weights();
    /// assert_eq!(w[2].shape.as_slice(), &[5, 3]);
    /// assert_eq!(model.summary().total_params, 10 + 15);
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct LayerNormalization {
    }
    /// A layer normalization over the last axis.
    fn new;
    /// Keras's `axis=`: an int or a list of ints. Defaults to -1.
    axis: AxisArg = AxisArg::from(-1), |axis: impl Into<AxisArg>| axis.into();
    /// Keras's `epsilon=` (no effect on shapes). Defaults to 1e-3.
    epsilon: f64 = 1e-3, |epsilon: f64| epsilon;
    /// Keras's `center=`: whether to learn the offset `beta`. Defaults to `true`.
    center: bool = true, |center: bool| center;
    /// Keras's `scale=`: whether to learn the factor `gamma`. Defaults to `true`.
    scale: bool = true, |scale: bool| scale;
    /// Keras's deprecated `rms_scaling=`: always learn `gamma`, never `beta`.
    /// Defaults to `false`.
    rms_scaling: bool = false, |rms_scaling: bool| rms_scaling;
}

impl LayerNormalization {
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

impl Layer for LayerNormalization {
    // With the initializers Keras writes.
    declared_layer_common!(written by with_beta_gamma_initializers);

    layer_flags!(supports_masking);

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
        let size = crate::weight::known_product(
            axes_weight_dims(x, &self.axis)?.iter().map(|d| d.known()),
        )?;
        normalization_cost(outputs, size, per_element, per_group)
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
