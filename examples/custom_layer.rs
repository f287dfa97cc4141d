//! Implementing [`Layer`] for your own layer type, then using it in a
//! model next to built-in layers.
//!
//! `ScaleAndShift` learns a per-channel scale and offset and keeps a
//! non-trainable running maximum, like a Keras layer that calls
//! `self.add_weight(..., trainable=False)` in `build`.

use kerasinfo::layer::{known_last_dim, one_input, single};
use kerasinfo::prelude::*;
use kerasinfo::{LayerConfig, LayerError, OutputShapes, Shape, WeightSpec};

/// A custom layer: `y = x * scale + shift`, per channel.
#[derive(Debug, Default)]
struct ScaleAndShift {
    config: LayerConfig,
}

impl Layer for ScaleAndShift {
    fn class_name(&self) -> &str {
        "ScaleAndShift"
    }

    fn config(&self) -> &LayerConfig {
        &self.config
    }

    fn config_mut(&mut self) -> &mut LayerConfig {
        &mut self.config
    }

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let x = one_input(inputs)?;
        if x.rank() < 2 {
            return Err(LayerError::rank(">= 2", x));
        }
        Ok(single(x.clone()))
    }

    fn weights(&self, inputs: &[Shape]) -> Result<Vec<WeightSpec>, LayerError> {
        let channels = known_last_dim(one_input(inputs)?)?;
        Ok(vec![
            WeightSpec::new("scale", [channels]),
            WeightSpec::new("shift", [channels]),
            WeightSpec::new("running_max", [channels]).non_trainable(),
        ])
    }
}

fn main() -> kerasinfo::Result<()> {
    let model = Sequential::new()
        .name("custom")
        .add(Input::new([16, 16, 8]))
        .add(Conv2D::new(4, 3))
        .add(ScaleAndShift::default())
        .add(Flatten::new())
        .add(Dense::new(2))
        .build()?;
    let summary = model.summary();
    print!("{summary}");
    for w in model.weights() {
        println!(
            "{:<40} {:?} {}",
            w.path,
            w.shape.as_slice(),
            if w.trainable {
                "trainable"
            } else {
                "non-trainable"
            }
        );
    }

    // Errors name the layer: the custom layer on a rank-1 input.
    let scalars = Input::new(Vec::<u64>::new()).tensor()?;
    if let Err(e) = ScaleAndShift::default().name("oops").call(&scalars) {
        println!("{e}");
    }
    Ok(())
}
