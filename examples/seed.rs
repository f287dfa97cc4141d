//! The model from the question that started kerasinfo
//! (`../shared/seed-question.txt`): where do the parameter counts come
//! from, and which 64 parameters are non-trainable?
//!
//! Prints exactly what Keras 3.15.1 prints for `mymodel.summary()`, then
//! explains the non-trainable parameters from the summary's data.

use kerasinfo::prelude::*;

fn my_model(input_shape: [u64; 3]) -> kerasinfo::Result<Model> {
    let x_input = Input::new(input_shape).tensor()?;
    let x = ZeroPadding2D::new((3, 3)).call(&x_input)?;
    let x = Conv2D::new(32, (7, 7))
        .strides((1, 1))
        .name("conv0")
        .call(&x)?;
    let x = BatchNormalization::new().axis(3).name("bn0").call(&x)?;
    let x = Activation::new("relu").call(&x)?;
    let x = MaxPooling2D::new((2, 2)).name("max_pool").call(&x)?;
    let x = Flatten::new().call(&x)?;
    let x = Dense::new(1).activation("sigmoid").name("fc").call(&x)?;
    Functional::new(&x_input, &x).name("myModel").build()
}

/// Everything the example prints: Keras's summary, then where the
/// non-trainable parameters come from, read from the summary's data.
pub fn report() -> kerasinfo::Result<String> {
    use std::fmt::Write as _;
    let model = my_model([64, 64, 3])?;
    let summary = model.summary();
    let mut out = summary.to_string();
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Where the {} non-trainable parameters come from:",
        summary.non_trainable_params
    );
    for (row, weight) in summary.non_trainable_weights() {
        let shape: Vec<String> = weight.shape.iter().map(u64::to_string).collect();
        let _ = writeln!(
            out,
            "  {} ({}): {} — shape ({}), {} values, not updated by training",
            row.name,
            row.class_name,
            weight.path,
            shape.join(", "),
            weight.count
        );
    }
    for row in summary.rows.iter().filter(|r| r.non_trainable_params > 0) {
        let parts: Vec<String> = row
            .weights()
            .iter()
            .map(|w| {
                format!(
                    "{} {}{}",
                    w.path.rsplit('/').next().unwrap_or(&w.path),
                    w.count,
                    if w.trainable { "" } else { " (non-trainable)" }
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "  {} has {} parameters: {} = {}; {} trainable, {} non-trainable.",
            row.name,
            row.params,
            parts.join(" + "),
            row.params,
            row.trainable_params,
            row.non_trainable_params
        );
    }
    Ok(out)
}

#[allow(dead_code)]
fn main() -> kerasinfo::Result<()> {
    print!("{}", report()?);
    Ok(())
}
