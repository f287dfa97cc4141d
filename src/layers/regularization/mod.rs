//! Regularization layers: `Dropout`, `SpatialDropout1D/2D/3D`,
//! `GaussianNoise`, `GaussianDropout`, `AlphaDropout`,
//! `ActivityRegularization`. None has weights; they check their arguments
//! (and the spatial dropouts their input rank) as Keras does.

mod activity_regularization;
mod alpha_dropout;
mod dropout;
mod gaussian_dropout;
mod gaussian_noise;
mod shared;
mod spatial_dropout;

pub use activity_regularization::*;
pub use alpha_dropout::*;
pub use dropout::*;
pub use gaussian_dropout::*;
pub use gaussian_noise::*;
pub use spatial_dropout::*;

#[cfg(feature = "keras-json")]
use crate::layer::Layer;

/// Registers the regularization classes with the config importer.
#[cfg(feature = "keras-json")]
pub(crate) fn register(r: &mut crate::config::Registry) {
    use crate::config::Cfg;
    type Built = crate::Result<Box<dyn Layer>>;
    r.register("Dropout", |c| -> Built {
        let mut l = Dropout::new(c.float("rate")?);
        if let Some(ns) = c.opt_dims("noise_shape")? {
            l = l.noise_shape(ns);
        }
        if let Some(s) = c.opt_int("seed")? {
            l = l.seed(s);
        }
        Ok(Box::new(l))
    });
    fn spatial<const N: usize>(c: &Cfg<'_>) -> crate::Result<SpatialDropout<N>> {
        let mut l = SpatialDropout::<N>::new(c.float("rate")?);
        if let Some(s) = c.opt_int("seed")? {
            l = l.seed(s);
        }
        Ok(l)
    }
    r.register("SpatialDropout1D", |c| -> Built {
        Ok(Box::new(spatial::<1>(c)?))
    });
    // Keras does not write `data_format` in these configs; read it if present.
    r.register("SpatialDropout2D", |c| -> Built {
        Ok(Box::new(spatial::<2>(c)?.data_format(c.data_format()?)))
    });
    r.register("SpatialDropout3D", |c| -> Built {
        Ok(Box::new(spatial::<3>(c)?.data_format(c.data_format()?)))
    });
    r.register("GaussianNoise", |c| -> Built {
        let mut l = GaussianNoise::new(c.float("stddev")?);
        if let Some(s) = c.opt_int("seed")? {
            l = l.seed(s);
        }
        Ok(Box::new(l))
    });
    r.register("GaussianDropout", |c| -> Built {
        let mut l = GaussianDropout::new(c.float("rate")?);
        if let Some(s) = c.opt_int("seed")? {
            l = l.seed(s);
        }
        Ok(Box::new(l))
    });
    r.register("AlphaDropout", |c| -> Built {
        let mut l = AlphaDropout::new(c.float("rate")?);
        if let Some(ns) = c.opt_dims("noise_shape")? {
            l = l.noise_shape(ns);
        }
        if let Some(s) = c.opt_int("seed")? {
            l = l.seed(s);
        }
        Ok(Box::new(l))
    });
    r.register("ActivityRegularization", |c| -> Built {
        Ok(Box::new(
            ActivityRegularization::new()
                .l1(c.float_or("l1", 0.0)?)
                .l2(c.float_or("l2", 0.0)?),
        ))
    });
}
