//! `PReLU`.

use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, one_input, single};
use crate::layers::normalization::AxisArg;
use crate::shape::{Dim, Shape};
use crate::weight::WeightSpec;

keras_layer! {
    class "PReLU";
    /// `keras.layers.PReLU(shared_axes=None)`: a leaky ReLU with a learned
    /// slope per input element.
    ///
    /// # Shapes
    /// Output equals input. Weight `alpha` of shape `input_shape[1:]`, with
    /// the dimension of each axis in `shared_axes` set to 1 (Keras sets entry
    /// `axis - 1` of that list, so as in Keras a negative axis counts from the
    /// end of `input_shape[1:]` shifted by one). The other dimensions must be
    /// known.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([8, 8, 16]).tensor()?;
    /// let y = PReLU::new().shared_axes([1, 2]).name("prelu").call(&x)?;
    /// let model = Functional::new(&x, &y).build()?;
    /// assert_eq!(model.weights()[0].shape.as_slice(), &[1, 1, 16]);
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[derive(Debug, Clone)]
    pub struct PReLU {
    }
    /// A parametric ReLU with one slope per input element.
    fn new;
    /// Keras's `shared_axes=`: an int or a list of axes along which the
    /// slope is shared. Defaults to none.
    shared_axes: Option<AxisArg> = None, |shared_axes: impl Into<AxisArg>| Some(shared_axes.into());
}

impl PReLU {
    fn alpha_shape(&self, x: &Shape) -> Result<Vec<u64>, LayerError> {
        let mut dims: Vec<Dim> = x.dims().iter().skip(1).copied().collect();
        let len = i64::try_from(dims.len()).map_err(|_| LayerError::overflow("rank"))?;
        for axis in self.shared_axes.iter().flat_map(AxisArg::axes) {
            // Python's `param_shape[axis - 1] = 1`.
            let i = axis
                .checked_sub(1)
                .and_then(|i| if i < 0 { i.checked_add(len) } else { Some(i) });
            let slot = i
                .and_then(|i| usize::try_from(i).ok())
                .and_then(|i| dims.get_mut(i))
                .ok_or_else(|| {
                    LayerError::argument(
                        "shared_axes",
                        format!("axis {axis} is out of range for input shape {x}"),
                    )
                })?;
            *slot = Dim::Known(1);
        }
        dims.iter()
            .map(|d| {
                d.known().ok_or_else(|| {
                    LayerError::input(
                        x,
                        "the shape of `alpha` must be fully defined: share the axes of size None",
                    )
                })
            })
            .collect()
    }
}

impl Layer for PReLU {
    declared_layer_common!(flags supports_masking);

    /// # Cost
    /// 0 MACs; 4 FLOPs per element (`relu(x) − α·relu(−x)`: two
    /// negations, a multiply and an add, as TensorFlow's profiler counts
    /// them).
    fn cost(&self, _inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
        crate::compute::per_output_element(outputs, 4)
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        self.alpha_shape(x)?;
        Ok(single(x.clone()))
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        Ok(vec![WeightSpec::new(
            "alpha",
            self.alpha_shape(one_input(inputs)?)?,
        )])
    }
}
