//! Merging layers: element-wise merges with Keras's broadcasting rules
//! (`Add`, `Subtract`, `Multiply`, `Average`, `Maximum`, `Minimum`),
//! `Concatenate` and `Dot`.

mod add;
mod concatenate;
mod dot;
mod elementwise;
mod shared;
mod subtract;

pub use add::*;
pub use concatenate::*;
pub use dot::*;
pub use elementwise::*;
pub use shared::merge_shape;
pub use subtract::*;

#[cfg(feature = "keras-json")]
use crate::layer::Layer;

/// Registers the merging classes with the config importer.
#[cfg(feature = "keras-json")]
pub(crate) fn register(r: &mut crate::config::Registry) {
    type Built = crate::Result<Box<dyn Layer>>;
    r.register("Add", |_| -> Built { Ok(Box::new(Add::new())) });
    r.register("Subtract", |_| -> Built { Ok(Box::new(Subtract::new())) });
    r.register("Multiply", |_| -> Built { Ok(Box::new(Multiply::new())) });
    r.register("Average", |_| -> Built { Ok(Box::new(Average::new())) });
    r.register("Maximum", |_| -> Built { Ok(Box::new(Maximum::new())) });
    r.register("Minimum", |_| -> Built { Ok(Box::new(Minimum::new())) });
    r.register("Concatenate", |c| -> Built {
        Ok(Box::new(Concatenate::new().axis(c.int_or("axis", -1)?)))
    });
    r.register("Dot", |c| -> Built {
        let axes = match c.get("axes") {
            None => return Err(c.error("axes", "missing required argument")),
            Some(v) if v.is_array() => {
                if v.as_array().map(Vec::len) != Some(2) {
                    return Err(c.error("axes", "expected an int or a list of 2 ints"));
                }
                let t = c.tuple::<2>("axes", crate::args::IntTuple([0; 2]))?;
                DotAxes::Pair(t.0[0], t.0[1])
            }
            Some(_) => DotAxes::Same(c.int("axes")?),
        };
        Ok(Box::new(
            Dot::new(axes).normalize(c.bool_or("normalize", false)?),
        ))
    });
}
