//! Core layers: `Input`/`InputLayer`, `Dense`, `Activation`.

use crate::args::check_activation;
use crate::error::{LayerError, Result};
use crate::layer::{Layer, LayerConfig, OutputShapes, known_last_dim, one_input, single};
use crate::model::{CallInputs, LayerHandle, Tensor};
use crate::shape::{Dim, Shape, ShapeArg};
use crate::weight::WeightSpec;

/// `keras.Input(shape, batch_size=None, name=None, dtype=None)`: the
/// model's entry point, an `InputLayer` of shape `(batch_size, *shape)`.
///
/// # Shapes
/// Output: `(batch_size, *shape)`, `batch_size` `None` unless given.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([64, 64, 3]).tensor()?;
/// assert_eq!(x.shape().to_string(), "(None, 64, 64, 3)");
/// let y = Input::new([None, Some(8)]).batch_size(4).tensor()?;
/// assert_eq!(y.shape().to_string(), "(4, None, 8)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Input {
    config: LayerConfig,
    shape: ShapeArg,
    batch_size: Option<u64>,
}

/// Keras's class for [`Input`].
pub type InputLayer = Input;

impl Input {
    /// An input of the given shape (without the batch dimension).
    pub fn new(shape: impl Into<ShapeArg>) -> Self {
        Input {
            config: LayerConfig::default(),
            shape: shape.into(),
            batch_size: None,
        }
    }

    /// Keras's `batch_shape=`: the full shape, batch dimension included.
    pub fn with_batch_shape(batch_shape: impl Into<ShapeArg>) -> Self {
        let shape: ShapeArg = batch_shape.into();
        Input {
            config: LayerConfig::default(),
            shape,
            batch_size: None,
        }
        .batch_shape_marker()
    }

    fn batch_shape_marker(mut self) -> Self {
        // u64::MAX marks "the shape already holds the batch dimension".
        self.batch_size = Some(u64::MAX);
        self
    }

    /// Keras's `batch_size=`. Defaults to `None` (unknown).
    pub fn batch_size(mut self, batch_size: u64) -> Self {
        self.batch_size = Some(batch_size);
        self
    }

    /// The full batch shape, checked.
    pub fn batch_shape(&self) -> Result<Shape, LayerError> {
        let dims = self.shape.resolve().map_err(|v| {
            LayerError::argument(
                "shape",
                format!("dimensions must be >= 0 or None, received {v}"),
            )
        })?;
        Ok(match self.batch_size {
            Some(u64::MAX) => Shape::new(dims),
            Some(b) => Shape::new(std::iter::once(Dim::Known(b)).chain(dims)),
            None => Shape::new(std::iter::once(Dim::Unknown).chain(dims)),
        })
    }

    /// Creates the `InputLayer` and returns its tensor (what `keras.Input`
    /// returns).
    pub fn tensor(self) -> Result<Tensor> {
        LayerHandle::new(Box::new(self)).call(CallInputs::default())
    }
}

impl Layer for Input {
    layer_common!("InputLayer");

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        if !inputs.is_empty() {
            return Err(LayerError::InputCount {
                expected: "0".into(),
                received: inputs.len(),
            });
        }
        Ok(single(self.batch_shape()?))
    }

    fn is_input(&self) -> bool {
        true
    }
}

/// `keras.layers.Dense(units, activation=None, use_bias=True)`: a densely
/// connected layer on the last axis.
///
/// # Shapes
/// Input `(batch, ..., in)`, output `(batch, ..., units)`.
/// Weights: `kernel (in, units)`, `bias (units,)` if `use_bias`.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([32768]).tensor()?;
/// let y = Dense::new(1).activation("sigmoid").name("fc").call(&x)?;
/// assert_eq!(y.shape().to_string(), "(None, 1)");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Dense {
    config: LayerConfig,
    units: i64,
    activation: Option<String>,
    use_bias: bool,
}

impl Dense {
    /// A dense layer with `units` outputs.
    pub fn new(units: i64) -> Self {
        Dense {
            config: LayerConfig::default(),
            units,
            activation: None,
            use_bias: true,
        }
    }

    /// Keras's `activation=`. Defaults to none (linear).
    pub fn activation(mut self, activation: impl Into<String>) -> Self {
        self.activation = Some(activation.into());
        self
    }

    /// Keras's `use_bias=`. Defaults to `true`.
    pub fn use_bias(mut self, use_bias: bool) -> Self {
        self.use_bias = use_bias;
        self
    }

    fn units(&self) -> Result<u64, LayerError> {
        if let Some(a) = &self.activation {
            check_activation(a)?;
        }
        u64::try_from(self.units)
            .ok()
            .filter(|u| *u > 0)
            .ok_or_else(|| {
                LayerError::argument(
                    "units",
                    format!("expected a positive integer, received units={}", self.units),
                )
            })
    }
}

impl Layer for Dense {
    layer_common!("Dense");

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        let units = self.units()?;
        if x.rank() < 2 {
            return Err(LayerError::rank(">= 2", x));
        }
        known_last_dim(x)?;
        Ok(single(x.with(x.rank() - 1, Dim::Known(units))))
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let x = one_input(inputs)?;
        let units = self.units()?;
        let input_dim = known_last_dim(x)?;
        let mut w = vec![WeightSpec::new("kernel", [input_dim, units])];
        if self.use_bias {
            w.push(WeightSpec::new("bias", [units]));
        }
        Ok(w)
    }
}

/// `keras.layers.Activation(activation)`: applies an activation function.
///
/// # Shapes
/// Output equals input. No weights.
///
/// ```
/// use kerasinfo::prelude::*;
/// # fn main() -> kerasinfo::Result<()> {
/// let x = Input::new([4]).tensor()?;
/// assert_eq!(Activation::new("relu").call(&x)?.shape(), x.shape());
/// assert!(Activation::new("nope").call(&x).is_err());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Activation {
    config: LayerConfig,
    activation: String,
}

impl Activation {
    /// An activation layer applying `activation` (e.g. `"relu"`).
    pub fn new(activation: impl Into<String>) -> Self {
        Activation {
            config: LayerConfig::default(),
            activation: activation.into(),
        }
    }
}

impl Layer for Activation {
    layer_common!("Activation");

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        check_activation(&self.activation)?;
        Ok(single(one_input(inputs)?.clone()))
    }
}
