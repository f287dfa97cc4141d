//! Config factories of the recurrent layers, cells and wrappers (feature
//! `keras-json`).
//!
//! `Bidirectional` and `RNN` hold a recurrent layer and cells, which
//! kerasinfo builds from Keras's built-in classes (not through the
//! registry, whose layers are plain [`Layer`]s); each nested layer takes
//! its own `name`, `trainable` and `dtype` from its serialized config, as
//! Keras deserializes it. `TimeDistributed` wraps any layer (or model) of
//! the importing registry.

use crate::config::json::JsonValue as Value;

use super::cells::{Gru, Lstm, RecurrentCell, RnnCell, Simple, StackedRNNCells};
use super::conv_lstm::ConvLSTM;
use super::rnn::{CellRnn, RNN, RecurrentLayer};
use super::wrappers::{Bidirectional, MergeMode, TimeDistributed};
use crate::config::cfg::Cfg;
use crate::config::json::kind;
use crate::config::registry::Registry;
use crate::error::{Error, Result};
use crate::layer::Layer;

type Built = Result<Box<dyn Layer>>;

/// An activation key: Keras writes a name (`"tanh"`); `null` is Keras's
/// `None`, the linear activation.
fn activation(c: &Cfg<'_>, key: &str, default: &str) -> Result<String> {
    if c.is_null(key) {
        return Ok("linear".into());
    }
    Ok(c.activation(key)?.unwrap_or_else(|| default.into()))
}

/// The arguments of `RNN` every recurrent layer shares.
macro_rules! rnn_options {
    ($layer:expr, $c:expr) => {
        $layer
            .return_sequences($c.bool_or("return_sequences", false)?)
            .return_state($c.bool_or("return_state", false)?)
            .go_backwards($c.bool_or("go_backwards", false)?)
            .stateful($c.bool_or("stateful", false)?)
            .unroll($c.bool_or("unroll", false)?)
    };
}

/// The arguments of the cells (and of the layers over them) every cell
/// kind shares.
macro_rules! cell_options {
    ($layer:expr, $c:expr) => {
        $layer
            .activation(activation($c, "activation", "tanh")?)
            .use_bias($c.bool_or("use_bias", true)?)
            .dropout($c.float_or("dropout", 0.0)?)
            .recurrent_dropout($c.float_or("recurrent_dropout", 0.0)?)
    };
}

fn simple_rnn(c: &Cfg<'_>) -> Result<CellRnn<Simple>> {
    Ok(rnn_options!(
        cell_options!(CellRnn::new(c.int("units")?), c),
        c
    ))
}

fn lstm(c: &Cfg<'_>) -> Result<CellRnn<Lstm>> {
    let l = cell_options!(CellRnn::<Lstm>::new(c.int("units")?), c)
        .recurrent_activation(activation(c, "recurrent_activation", "sigmoid")?)
        .unit_forget_bias(c.bool_or("unit_forget_bias", true)?);
    Ok(rnn_options!(l, c))
}

fn gru(c: &Cfg<'_>) -> Result<CellRnn<Gru>> {
    let l = cell_options!(CellRnn::<Gru>::new(c.int("units")?), c)
        .recurrent_activation(activation(c, "recurrent_activation", "sigmoid")?)
        .reset_after(c.bool_or("reset_after", true)?);
    Ok(rnn_options!(l, c))
}

fn conv_lstm<const N: usize>(c: &Cfg<'_>) -> Result<ConvLSTM<N>> {
    let l = ConvLSTM::<N>::new(c.int("filters")?, c.req_tuple::<N>("kernel_size")?)
        .strides(c.tuple::<N>("strides", crate::args::IntTuple([1; N]))?)
        .padding(c.padding()?)
        .data_format(c.data_format()?)
        .dilation_rate(c.tuple::<N>("dilation_rate", crate::args::IntTuple([1; N]))?)
        .activation(activation(c, "activation", "tanh")?)
        .recurrent_activation(activation(c, "recurrent_activation", "sigmoid")?)
        .use_bias(c.bool_or("use_bias", true)?)
        .unit_forget_bias(c.bool_or("unit_forget_bias", true)?)
        .dropout(c.float_or("dropout", 0.0)?)
        .recurrent_dropout(c.float_or("recurrent_dropout", 0.0)?);
    Ok(rnn_options!(l, c))
}

fn simple_cell(c: &Cfg<'_>) -> Result<RecurrentCell<Simple>> {
    Ok(cell_options!(
        RecurrentCell::<Simple>::new(c.int("units")?),
        c
    ))
}

fn lstm_cell(c: &Cfg<'_>) -> Result<RecurrentCell<Lstm>> {
    Ok(
        cell_options!(RecurrentCell::<Lstm>::new(c.int("units")?), c)
            .recurrent_activation(activation(c, "recurrent_activation", "sigmoid")?)
            .unit_forget_bias(c.bool_or("unit_forget_bias", true)?),
    )
}

fn gru_cell(c: &Cfg<'_>) -> Result<RecurrentCell<Gru>> {
    Ok(cell_options!(RecurrentCell::<Gru>::new(c.int("units")?), c)
        .recurrent_activation(activation(c, "recurrent_activation", "sigmoid")?)
        .reset_after(c.bool_or("reset_after", true)?))
}

/// A serialized object's `class_name` and `config` (`{"class_name": ...,
/// "config": {...}}`) at `at`.
fn entry<'v>(v: &'v Value<'v>, at: &str, what: &str) -> Result<(&'v str, &'v Value<'v>)> {
    let err = |at: String, reason: String| Error::Config { at, reason };
    if !v.is_object() {
        return Err(err(
            at.to_owned(),
            format!("expected a serialized {what} object, found {}", kind(v)),
        ));
    }
    let class = match v.get("class_name") {
        Some(Value::String(s)) => s.as_ref(),
        Some(other) => {
            return Err(err(
                format!("{at}.class_name"),
                format!("expected a string, found {}", kind(other)),
            ));
        }
        None => return Err(err(at.to_owned(), "missing key `class_name`".into())),
    };
    let config = v
        .get("config")
        .ok_or_else(|| err(at.to_owned(), "missing key `config`".into()))?;
    Ok((class, config))
}

/// A cell serialized at `at` (a built-in cell, or a list of cells as a
/// `StackedRNNCells`), with its own base keys.
fn cell_from_value(v: &Value<'_>, at: &str) -> Result<Box<dyn RnnCell>> {
    if let Some(items) = v.as_array() {
        // tf.keras 2 (and Keras's `RNN([cell, ...])` argument): a list.
        return Ok(Box::new(stacked_from_list(items, at)?));
    }
    let (class, config) = entry(v, at, "cell")?;
    let cfg_at = format!("{at}.config");
    let c = Cfg::new(config, &cfg_at)?;
    let mut cell: Box<dyn RnnCell> = match class {
        "SimpleRNNCell" => Box::new(simple_cell(&c)?),
        "LSTMCell" => Box::new(lstm_cell(&c)?),
        "GRUCell" => Box::new(gru_cell(&c)?),
        "StackedRNNCells" => Box::new(stacked(&c)?),
        other => {
            return Err(Error::Config {
                at: format!("{at}.class_name"),
                reason: format!(
                    "unknown RNN cell class {other:?}: kerasinfo's RNN runs SimpleRNNCell, LSTMCell, GRUCell or StackedRNNCells"
                ),
            });
        }
    };
    c.apply_base(cell.as_mut())?;
    if v.get("build_config").is_some() {
        // Keras builds it as it deserializes it, at the root name scope.
        cell.config_mut().set_built_at_load();
    }
    Ok(cell)
}

fn stacked_from_list(items: &[Value<'_>], at: &str) -> Result<StackedRNNCells> {
    let mut s = StackedRNNCells::new();
    for (i, item) in items.iter().enumerate() {
        s = s.cell_boxed(cell_from_value(item, &format!("{at}[{i}]"))?);
    }
    Ok(s)
}

fn stacked(c: &Cfg<'_>) -> Result<StackedRNNCells> {
    let v = c
        .get("cells")
        .ok_or_else(|| c.error("cells", "missing required list of cells"))?;
    let items = v
        .as_array()
        .ok_or_else(|| c.error("cells", format!("expected a list, found {}", kind(v))))?;
    stacked_from_list(items, &c.child_path("cells"))
}

fn rnn(c: &Cfg<'_>) -> Result<RNN> {
    let v = c
        .get("cell")
        .ok_or_else(|| c.error("cell", "missing required cell"))?;
    let cell = cell_from_value(v, &c.child_path("cell"))?;
    Ok(rnn_options!(RNN::from_boxed(cell), c))
}

/// The recurrent layer serialized under `key` (`Bidirectional`'s `layer`
/// and `backward_layer`), with its own base keys.
fn recurrent(c: &Cfg<'_>, key: &str) -> Result<Box<dyn RecurrentLayer>> {
    let v = c
        .get(key)
        .ok_or_else(|| c.error(key, "missing required layer"))?;
    let at = c.child_path(key);
    let (class, config) = entry(v, &at, "layer")?;
    let cfg_at = format!("{at}.config");
    let lc = Cfg::new(config, &cfg_at)?;
    let mut layer: Box<dyn RecurrentLayer> = match class {
        "SimpleRNN" => Box::new(simple_rnn(&lc)?),
        "LSTM" => Box::new(lstm(&lc)?),
        "GRU" => Box::new(gru(&lc)?),
        "RNN" => Box::new(rnn(&lc)?),
        "ConvLSTM1D" => Box::new(conv_lstm::<1>(&lc)?),
        "ConvLSTM2D" => Box::new(conv_lstm::<2>(&lc)?),
        "ConvLSTM3D" => Box::new(conv_lstm::<3>(&lc)?),
        other => {
            return Err(Error::Config {
                at: format!("{at}.class_name"),
                reason: format!(
                    "kerasinfo's Bidirectional wraps SimpleRNN, LSTM, GRU, RNN or ConvLSTM1D/2D/3D, not {other:?}"
                ),
            });
        }
    };
    lc.apply_base(layer.as_mut())?;
    if v.get("build_config").is_some() {
        // Keras builds it as it deserializes it, at the root name scope.
        layer.config_mut().set_built_at_load();
    }
    Ok(layer)
}

fn bidirectional(c: &Cfg<'_>) -> Result<Bidirectional> {
    let merge_mode = if c.is_null("merge_mode") {
        None
    } else {
        Some(match c.str_or("merge_mode", "concat")? {
            "concat" => MergeMode::Concat,
            "sum" => MergeMode::Sum,
            "mul" => MergeMode::Mul,
            "ave" => MergeMode::Ave,
            other => {
                return Err(c.error(
                    "merge_mode",
                    format!("expected concat, sum, mul, ave or null, found {other:?}"),
                ));
            }
        })
    };
    let layer = recurrent(c, "layer")?;
    let backward = match c.get("backward_layer") {
        None => None,
        Some(_) => Some(recurrent(c, "backward_layer")?),
    };
    Ok(Bidirectional::from_boxed(layer, backward).merge_mode(merge_mode))
}

/// Registers the recurrent classes with the config importer.
pub(crate) fn register(r: &mut Registry) {
    r.register("SimpleRNN", |c| -> Built { Ok(Box::new(simple_rnn(c)?)) });
    r.register("LSTM", |c| -> Built { Ok(Box::new(lstm(c)?)) });
    r.register("GRU", |c| -> Built { Ok(Box::new(gru(c)?)) });
    r.register("ConvLSTM1D", |c| -> Built {
        Ok(Box::new(conv_lstm::<1>(c)?))
    });
    r.register("ConvLSTM2D", |c| -> Built {
        Ok(Box::new(conv_lstm::<2>(c)?))
    });
    r.register("ConvLSTM3D", |c| -> Built {
        Ok(Box::new(conv_lstm::<3>(c)?))
    });
    r.register("RNN", |c| -> Built { Ok(Box::new(rnn(c)?)) });
    r.register("SimpleRNNCell", |c| -> Built {
        Ok(Box::new(simple_cell(c)?))
    });
    r.register("LSTMCell", |c| -> Built { Ok(Box::new(lstm_cell(c)?)) });
    r.register("GRUCell", |c| -> Built { Ok(Box::new(gru_cell(c)?)) });
    r.register("StackedRNNCells", |c| -> Built {
        Ok(Box::new(stacked(c)?))
    });
    r.register("Bidirectional", |c| -> Built {
        Ok(Box::new(bidirectional(c)?))
    });
    r.register_nested("TimeDistributed", |c, nested| -> Built {
        Ok(Box::new(TimeDistributed::from_boxed(
            nested.layer(c, "layer")?,
        )))
    });
}
