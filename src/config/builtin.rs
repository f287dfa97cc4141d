//! Factories for Keras's built-in layers: each reads the keys of the
//! layer's `config` that change shapes or weights, with Keras's defaults.

use super::cfg::Cfg;
use super::registry::Registry;
use crate::args::IntTuple;
use crate::error::Result;
use crate::layer::{Layer, LayerExt};
use crate::layers::reshaping::PaddingSpec;
use crate::layers::*;

fn boxed<L: Layer>(cfg: &Cfg<'_>, layer: L) -> Result<Box<dyn Layer>> {
    let mut b: Box<dyn Layer> = Box::new(layer);
    cfg.apply_base(b.as_mut())?;
    Ok(b)
}

fn input_layer(cfg: &Cfg<'_>) -> Result<Box<dyn Layer>> {
    // Keras 3: batch_shape; tf.keras 2: batch_input_shape; or shape (+ batch_size).
    let layer = if let Some(s) = cfg.shape("batch_shape")? {
        Input::with_batch_shape(s)
    } else if let Some(s) = cfg.shape("batch_input_shape")? {
        Input::with_batch_shape(s)
    } else if let Some(s) = cfg.shape("shape")? {
        let i = Input::new(s);
        match cfg.opt_int("batch_size")? {
            Some(b) => {
                i.batch_size(u64::try_from(b).map_err(|_| cfg.error("batch_size", "must be >= 0"))?)
            }
            None => i,
        }
    } else {
        return Err(cfg.error(
            "batch_shape",
            "an InputLayer needs `batch_shape` or `shape`",
        ));
    };
    let name = cfg.opt_str("name")?;
    let layer = match name {
        Some(n) => layer.name(n),
        None => layer,
    };
    Ok(Box::new(layer))
}

fn zero_padding2d(cfg: &Cfg<'_>) -> Result<PaddingSpec<2>> {
    let err = || cfg.error("padding", "expected an int, 2 ints or 2 pairs of ints");
    match cfg.get("padding") {
        None => Ok(PaddingSpec::from(1i64)),
        Some(v) => {
            if let Some(n) = super::cfg::as_int(v) {
                return Ok(PaddingSpec::from(n));
            }
            let items = v.as_array().ok_or_else(err)?;
            if items.len() != 2 {
                return Err(err());
            }
            let mut out = [(0i64, 0i64); 2];
            for (o, item) in out.iter_mut().zip(items) {
                if let Some(n) = super::cfg::as_int(item) {
                    *o = (n, n);
                } else {
                    let pair = item.as_array().filter(|p| p.len() == 2).ok_or_else(err)?;
                    let a = super::cfg::as_int(&pair[0]).ok_or_else(err)?;
                    let b = super::cfg::as_int(&pair[1]).ok_or_else(err)?;
                    *o = (a, b);
                }
            }
            Ok(PaddingSpec(out))
        }
    }
}

/// Registers every built-in layer kerasinfo implements.
pub(crate) fn register(r: &mut Registry) {
    r.register("InputLayer", input_layer);
    r.register("Dense", |c| {
        let mut l = Dense::new(c.int("units")?).use_bias(c.bool_or("use_bias", true)?);
        if let Some(a) = c.activation("activation")? {
            l = l.activation(a);
        }
        boxed(c, l)
    });
    r.register("Activation", |c| {
        let a = c
            .activation("activation")?
            .unwrap_or_else(|| "linear".into());
        boxed(c, Activation::new(a))
    });
    r.register("Conv2D", |c| {
        let mut l = Conv2D::new(
            c.int("filters")?,
            c.tuple::<2>("kernel_size", IntTuple([1, 1]))?,
        )
        .strides(c.tuple::<2>("strides", IntTuple([1, 1]))?)
        .padding(c.padding()?)
        .data_format(c.data_format()?)
        .dilation_rate(c.tuple::<2>("dilation_rate", IntTuple([1, 1]))?)
        .groups(c.int_or("groups", 1)?)
        .use_bias(c.bool_or("use_bias", true)?);
        if c.get("kernel_size").is_none() {
            return Err(c.error("kernel_size", "missing required argument"));
        }
        if let Some(a) = c.activation("activation")? {
            l = l.activation(a);
        }
        boxed(c, l)
    });
    r.register("BatchNormalization", |c| {
        let axis = match c.int_list("axis")? {
            None => -1,
            Some(v) if v.len() == 1 => v[0],
            Some(_) => return Err(c.error("axis", "a list of several axes is not supported")),
        };
        boxed(
            c,
            BatchNormalization::new()
                .axis(axis)
                .center(c.bool_or("center", true)?)
                .scale(c.bool_or("scale", true)?),
        )
    });
    r.register("ZeroPadding2D", |c| {
        boxed(
            c,
            ZeroPadding2D::new(zero_padding2d(c)?).data_format(c.data_format()?),
        )
    });
    r.register("MaxPooling2D", |c| {
        let pool = c.tuple::<2>("pool_size", IntTuple([2, 2]))?;
        let mut l = MaxPooling2D::new(pool)
            .padding(c.padding()?)
            .data_format(c.data_format()?);
        if c.get("strides").is_some() {
            l = l.strides(c.tuple::<2>("strides", pool)?);
        }
        boxed(c, l)
    });
    r.register("AveragePooling2D", |c| {
        let pool = c.tuple::<2>("pool_size", IntTuple([2, 2]))?;
        let mut l = AveragePooling2D::new(pool)
            .padding(c.padding()?)
            .data_format(c.data_format()?);
        if c.get("strides").is_some() {
            l = l.strides(c.tuple::<2>("strides", pool)?);
        }
        boxed(c, l)
    });
    r.register("GlobalAveragePooling2D", |c| {
        boxed(
            c,
            GlobalAveragePooling2D::new()
                .data_format(c.data_format()?)
                .keepdims(c.bool_or("keepdims", false)?),
        )
    });
    r.register("Flatten", |c| {
        boxed(c, Flatten::new().data_format(c.data_format()?))
    });
    r.register("Dropout", |c| {
        boxed(c, Dropout::new(c.float_or("rate", 0.0)?))
    });
    r.register("Add", |c| boxed(c, Add::new()));
    r.register("Concatenate", |c| {
        boxed(c, Concatenate::new().axis(c.int_or("axis", -1)?))
    });
}
