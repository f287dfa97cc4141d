//! Reshaping layers: `Flatten`, `Reshape`, `RepeatVector`, `Permute`,
//! `CroppingND`, `UpSamplingND` and `ZeroPaddingND`.

mod cropping;
mod flatten;
mod permute;
mod repeat_vector;
mod reshape;
mod shared;
mod up_sampling;
mod zero_padding;

pub use cropping::*;
pub use flatten::*;
pub use permute::*;
pub use repeat_vector::*;
pub use reshape::*;
pub use shared::{CroppingSpec, PadPair, PaddingSpec, TargetDim};
pub use up_sampling::*;
pub use zero_padding::*;

#[cfg(feature = "keras-json")]
use crate::args::IntTuple;
#[cfg(feature = "keras-json")]
use crate::layer::Layer;
#[cfg(feature = "keras-json")]
use shared::pairs_from_config;

/// Registers the reshaping classes with the config importer.
#[cfg(feature = "keras-json")]
pub(crate) fn register(r: &mut crate::config::Registry) {
    use crate::config::Cfg;
    type Built = crate::Result<Box<dyn Layer>>;
    r.register("Flatten", |c| -> Built {
        Ok(Box::new(Flatten::new().data_format(c.data_format()?)))
    });
    r.register("Reshape", |c| -> Built {
        let target = c
            .opt_dims("target_shape")?
            .ok_or_else(|| c.error("target_shape", "missing required argument"))?;
        Ok(Box::new(Reshape::new(TargetShape(target))))
    });
    r.register("RepeatVector", |c| -> Built {
        Ok(Box::new(RepeatVector::new(c.int("n")?)))
    });
    r.register("Permute", |c| -> Built {
        let dims = c
            .int_list("dims")?
            .ok_or_else(|| c.error("dims", "missing required argument"))?;
        Ok(Box::new(Permute::new(IntList(dims))))
    });
    fn zero_padding<const N: usize>(c: &Cfg<'_>) -> Built {
        Ok(Box::new(
            ZeroPadding::<N>::new(pairs_from_config::<N>(c, "padding", PaddingSpec::from(1))?)
                .data_format(c.data_format()?),
        ))
    }
    r.register("ZeroPadding1D", zero_padding::<1>);
    r.register("ZeroPadding2D", zero_padding::<2>);
    r.register("ZeroPadding3D", zero_padding::<3>);
    r.register("Cropping1D", |c| -> Built {
        Ok(Box::new(Cropping1D::new(pairs_from_config::<1>(
            c,
            "cropping",
            PaddingSpec::from(1),
        )?)))
    });
    r.register("Cropping2D", |c| -> Built {
        Ok(Box::new(
            Cropping2D::new(pairs_from_config::<2>(c, "cropping", PaddingSpec::from(0))?)
                .data_format(c.data_format()?),
        ))
    });
    r.register("Cropping3D", |c| -> Built {
        Ok(Box::new(
            Cropping3D::new(pairs_from_config::<3>(c, "cropping", PaddingSpec::from(1))?)
                .data_format(c.data_format()?),
        ))
    });
    r.register("UpSampling1D", |c| -> Built {
        Ok(Box::new(UpSampling1D::new(c.int_or("size", 2)?)))
    });
    r.register("UpSampling2D", |c| -> Built {
        Ok(Box::new(
            UpSampling2D::new(c.tuple::<2>("size", IntTuple([2; 2]))?)
                .data_format(c.data_format()?)
                .interpolation(c.str_or("interpolation", "nearest")?),
        ))
    });
    r.register("UpSampling3D", |c| -> Built {
        Ok(Box::new(
            UpSampling3D::new(c.tuple::<3>("size", IntTuple([2; 3]))?)
                .data_format(c.data_format()?),
        ))
    });
}
