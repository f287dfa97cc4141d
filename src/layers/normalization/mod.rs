//! Normalization layers: `BatchNormalization`, `LayerNormalization`,
//! `GroupNormalization`, `UnitNormalization`, `RMSNormalization` and the
//! `SpectralNormalization` wrapper.

mod batch;
mod group;
mod layer_norm;
mod rms;
mod shared;
mod spectral;
mod unit;

pub use batch::*;
pub use group::*;
pub use layer_norm::*;
pub use rms::*;
pub use shared::AxisArg;
pub use spectral::*;
pub use unit::*;

#[cfg(feature = "keras-json")]
use crate::layer::Layer;
#[cfg(feature = "keras-json")]
use shared::{axis_from_config, batch_norm_axis};

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
