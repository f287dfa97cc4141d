//! What the recurrent layers, cells and wrappers share: naming of held
//! layers, masks, the `RnnCell` and `RecurrentLayer` traits, the common
//! `RNN` options and the config readers of nested cells and layers.

use super::RnnOptions;
#[cfg(feature = "keras-json")]
use super::*;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::one_input;
use crate::layer::{Layer, OutputShapes};
use crate::naming;
use crate::shape::{Dim, Shape};
use crate::weight::WeightSpec;

#[cfg(feature = "keras-json")]
use crate::config::cfg::Cfg;
#[cfg(feature = "keras-json")]
use crate::config::json::{JsonValue as Value, kind};
#[cfg(feature = "keras-json")]
use crate::config::registry::Registry;
#[cfg(feature = "keras-json")]
use crate::error::{Error, Result};

pub(crate) use crate::layer::held_weights;

/// The name of a layer held by a wrapper: its explicit or resolved
/// automatic name (see [`name_inner`]).
pub(crate) fn inner_name(layer: &dyn Layer) -> String {
    layer
        .config()
        .name()
        .map_or_else(|| naming::to_snake_case(layer.class_name()), str::to_owned)
}

/// Gives a layer held by a wrapper its automatic name (if it has none) after
/// naming the layers it holds itself, in Keras's creation order (innermost
/// first).
pub(crate) fn name_inner(layer: &mut dyn Layer) {
    layer.resolve_inner_names();
    crate::layer::settle_name(layer);
}

/// The output masks of a recurrent layer (Keras's `RNN.compute_mask`):
/// the first received mask on each of the `outputs` first outputs when
/// the layer returns sequences, none otherwise (nor on the states).
pub(crate) fn sequence_mask(
    previous: &[Option<crate::Tensor>],
    return_sequences: bool,
    outputs: usize,
) -> crate::Masks {
    match previous.first() {
        Some(Some(m)) if return_sequences => {
            std::iter::repeat_n(Some(m.clone()), outputs).collect()
        }
        _ => crate::Masks::new(),
    }
}

/// The dimensions of one time step of `x` (`(batch, steps, ...)`): all
/// but the time axis.
pub(crate) fn step_dims(x: &Shape) -> Vec<Dim> {
    let (head, rest) = x.dims().split_at(x.rank().min(2));
    head.iter().take(1).chain(rest).copied().collect()
}

/// Keras's check of `units` (`units <= 0` raises).
pub(crate) fn positive(argument: &str, value: i64) -> Result<u64, LayerError> {
    u64::try_from(value).ok().filter(|v| *v > 0).ok_or_else(|| {
        LayerError::argument(
            argument,
            format!("expected a positive integer, got {value}"),
        )
    })
}

/// A recurrent cell: what an [`RNN`](super::RNN) layer needs to know of
/// it (Keras's `state_size`, `output_size` and the weights its `build`
/// creates).
///
/// Cells are layers (they have a name, `trainable` and `dtype`), but they
/// are run by an `RNN` layer, not called on tensors directly.
pub trait RnnCell: Layer {
    /// The sizes of the cell's states, flattened (Keras's `state_size`;
    /// two for an LSTM cell).
    fn state_sizes(&self) -> Result<Vec<u64>, LayerError>;

    /// The size of one step's output (Keras's `output_size`).
    fn output_size(&self) -> Result<u64, LayerError>;

    /// The weights the cell creates for steps of `input_dim` features,
    /// with names relative to the cell.
    fn cell_weights(&self, input_dim: u64) -> Result<Vec<WeightSpec>, LayerError>;

    /// The compute cost of one time step for one sample on `input_dim`
    /// features (see [`crate::compute`]), or `None` when unknown — the
    /// default, so that a custom cell is never counted as free.
    fn step_cost(&self, input_dim: u64) -> Result<Option<Cost>, LayerError> {
        let _ = input_dim;
        Ok(None)
    }
}

pub(super) fn cell_call(_inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
    Err(LayerError::Other(
        "an RNN cell is run by a recurrent layer: wrap it in `RNN`".into(),
    ))
}

/// A recurrent layer, as [`Bidirectional`](super::Bidirectional) needs it:
/// a layer with [`RnnOptions`].
pub trait RecurrentLayer: Layer {
    /// The layer's recurrent options.
    fn options(&self) -> &RnnOptions;
}

/// The outputs of a recurrent layer on `x` (`(batch, steps, ...)`) whose
/// step output has dimensions `step` and whose states have `states`
/// (batch excluded), as Keras's `RNN.compute_output_shape`.
pub(crate) fn rnn_outputs(
    x: &Shape,
    step: &[Dim],
    states: &[Vec<Dim>],
    opts: &RnnOptions,
) -> Result<OutputShapes, LayerError> {
    let (Some(batch), Some(steps)) = (x.get(0), x.get(1)) else {
        return Err(LayerError::rank(">= 3", x));
    };
    if opts.stateful && !batch.is_known() {
        return Err(LayerError::input(
            x,
            "when using `stateful=True` in a RNN, the batch size must be static",
        ));
    }
    let mut out = OutputShapes::new();
    let head: &[Dim] = if opts.return_sequences {
        &[batch, steps]
    } else {
        &[batch]
    };
    out.push(Shape::new(head.iter().chain(step).copied()));
    if opts.return_state {
        for s in states {
            out.push(Shape::new(std::iter::once(batch).chain(s.iter().copied())));
        }
    }
    Ok(out)
}

/// The cost of `cell` unrolled over the time steps of a rank-3
/// `(batch, steps, features)` input: steps × [`RnnCell::step_cost`];
/// unknown when the steps or features are.
pub(super) fn unrolled_cost(
    cell: &dyn RnnCell,
    inputs: &[Shape],
) -> Result<Option<Cost>, LayerError> {
    let x = one_input(inputs)?;
    let (Some(steps), Some(features), 3) = (
        x.get(1).and_then(Dim::known),
        x.get(-1).and_then(Dim::known),
        x.rank(),
    ) else {
        return Ok(None);
    };
    cell.step_cost(features)?
        .map(|c| c.for_batch(steps))
        .transpose()
}

#[cfg(feature = "keras-json")]
/// A serialized object's `class_name` and `config` (`{"class_name": ...,
/// "config": {...}}`) at `at`.
pub(super) fn entry<'v>(
    v: &'v Value<'v>,
    at: &str,
    what: &str,
) -> Result<(&'v str, &'v Value<'v>)> {
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

#[cfg(feature = "keras-json")]
/// A cell serialized at `at` (a class registered as a cell, or a list of
/// cells as a `StackedRNNCells`), with its own base keys.
pub(super) fn cell_from_value(v: &Value<'_>, at: &str) -> Result<Box<dyn RnnCell>> {
    if let Some(items) = v.as_array() {
        // tf.keras 2 (and Keras's `RNN([cell, ...])` argument): a list.
        let mut stacked = StackedRNNCells::new();
        stacked.cells = cells_from_list(items, at)?;
        return Ok(Box::new(stacked));
    }
    let unknown = |class: &str, classes| {
        format!("unknown RNN cell class {class:?}: kerasinfo's RNN runs {classes}")
    };
    typed_entry::<dyn RnnCell>(v, at, "cell", unknown, |cell| cell)
}

/// The [`Codec`](crate::layers::declare::Codec) of the cells and layers
/// a recurrent layer or wrapper holds (`RNN`'s `cell`, `StackedRNNCells`'s
/// `cells`, `Bidirectional`'s `layer` and `backward_layer`): each read by
/// the reader of its class registered for its box, with its own base
/// keys, and written whole, as Keras serializes it.
#[cfg(feature = "keras-json")]
pub(crate) struct Held;

/// [`Held`]'s written value of `layer`.
#[cfg(feature = "keras-json")]
fn held_value<L: Layer + ?Sized>(layer: &L) -> serde_json::Value {
    crate::config::writer::layer_value(layer).unwrap_or_default()
}

/// [`Held`]'s impls: the box, how a present value under `key` of a
/// config `c` is read into it, and how it is written.
#[cfg(feature = "keras-json")]
macro_rules! held_codecs {
    ($($ty:ty: |$c:ident, $key:ident| $read:expr, |$value:ident| $write:expr;)+) => {$(
        impl crate::layers::declare::Codec<$ty> for Held {
            fn required($c: &Cfg<'_>, $key: &str) -> Result<$ty> {
                $read
            }
            fn optional(c: &Cfg<'_>, key: &str) -> Result<Option<$ty>> {
                Self::required(c, key).map(Some)
            }
            fn write($value: &$ty) -> serde_json::Value {
                $write
            }
        }
    )+};
}

#[cfg(feature = "keras-json")]
held_codecs! {
    Box<dyn RnnCell>: |c, key| {
        let v = c.get(key).ok_or_else(|| c.error(key, "missing required cell"))?;
        cell_from_value(v, &c.child_path(key))
    }, |cell| held_value(cell.as_ref());
    Vec<Box<dyn RnnCell>>: |c, key| {
        let v = c
            .get(key)
            .ok_or_else(|| c.error(key, "missing required list of cells"))?;
        let items = v
            .as_array()
            .ok_or_else(|| c.error(key, format!("expected a list, found {}", kind(v))))?;
        cells_from_list(items, &c.child_path(key))
    }, |cells| cells.iter().map(|cell| held_value(cell.as_ref())).collect();
    Box<dyn RecurrentLayer>: |c, key| {
        let v = c
            .get(key)
            .ok_or_else(|| c.error(key, "missing required layer"))?;
        let unknown = |class: &str, classes| {
            format!("kerasinfo's Bidirectional wraps {classes}, not {class:?}")
        };
        typed_entry::<dyn RecurrentLayer>(v, &c.child_path(key), "layer", unknown, |layer| layer)
    }, |layer| held_value(layer.as_ref());
    // `None` when missing or `null`; written `null` (`Bidirectional`
    // drops it).
    Option<Box<dyn RecurrentLayer>>: |c, key| match c.value(key) {
        None => Ok(None),
        Some(_) => <Self as crate::layers::declare::Codec<Box<dyn RecurrentLayer>>>::required(c, key)
            .map(Some),
    }, |layer| layer.as_deref().map_or(serde_json::Value::Null, held_value);
}

#[cfg(feature = "keras-json")]
/// The cells of a list at `at` (a `StackedRNNCells`'s).
fn cells_from_list(items: &[Value<'_>], at: &str) -> Result<Vec<Box<dyn RnnCell>>> {
    let cells = items.iter().enumerate();
    cells
        .map(|(i, item)| cell_from_value(item, &format!("{at}[{i}]")))
        .collect()
}

#[cfg(feature = "keras-json")]
/// The `what` (`cell`, `layer`) serialized at `at`, read by the reader of
/// its class registered for the box `T`, with its own base keys; `unknown`
/// words the error for another class, given the classes read into `T`.
// Out of line: cold, and inlined it shifted the hot config readers' inlining.
#[inline(never)]
fn typed_entry<T: ?Sized + 'static>(
    v: &Value<'_>,
    at: &str,
    what: &str,
    unknown: impl FnOnce(&str, String) -> String,
    as_layer: fn(&mut T) -> &mut dyn Layer,
) -> Result<Box<T>> {
    let (class, config) = entry(v, at, what)?;
    let cfg_at = format!("{at}.config");
    let c = Cfg::new(config, &cfg_at)?;
    let builtins = Registry::builtins();
    let Some(read) = builtins.typed::<T>(class) else {
        return Err(Error::Config {
            at: format!("{at}.class_name"),
            reason: unknown(class, class_list(builtins.typed_classes::<T>())),
        });
    };
    let mut boxed = read(&c)?;
    settle_nested(&c, v, as_layer(&mut boxed))?;
    Ok(boxed)
}

#[cfg(feature = "keras-json")]
/// Class names as an error lists them: `A, B or C`, the classes that
/// differ only in one digit (Keras's 1D/2D/3D variants) given once, as
/// `ConvLSTM1D/2D/3D`.
fn class_list<'n>(names: impl IntoIterator<Item = &'n str>) -> String {
    let mut groups: Vec<(&str, String)> = Vec::new();
    for name in names {
        if let Some((first, group)) = groups.last_mut()
            && let Some(variant) = digit_variant(first, name)
        {
            group.push('/');
            group.push_str(variant);
            continue;
        }
        groups.push((name, name.to_owned()));
    }
    let groups: Vec<String> = groups.into_iter().map(|(_, g)| g).collect();
    match groups.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, init)) => format!("{} or {last}", init.join(", ")),
        None => String::new(),
    }
}

#[cfg(feature = "keras-json")]
/// `b` from the one character at which it differs from `a`, when that is a
/// digit in both (`"2D"` for `ConvLSTM1D` and `ConvLSTM2D`).
fn digit_variant<'b>(a: &str, b: &'b str) -> Option<&'b str> {
    let at = a.bytes().zip(b.bytes()).position(|(x, y)| x != y)?;
    let (ra, rb) = (a.get(at..)?, b.get(at..)?);
    let digit = |s: &str| s.starts_with(|c: char| c.is_ascii_digit());
    (digit(ra) && digit(rb) && ra.get(1..) == rb.get(1..)).then_some(rb)
}

#[cfg(feature = "keras-json")]
/// Gives a nested cell or layer serialized as `v` the base keys of its
/// config `c`, built at load when `v` has a `build_config`.
fn settle_nested(c: &Cfg<'_>, v: &Value<'_>, layer: &mut dyn Layer) -> Result<()> {
    c.apply_base(layer)?;
    if v.get("build_config").is_some() {
        // Keras builds it as it deserializes it, at the root name scope.
        layer.config_mut().set_built_at_load();
    }
    Ok(())
}

#[cfg(all(test, feature = "keras-json"))]
mod tests {
    use super::*;

    #[test]
    fn class_lists_join_with_or_and_give_digit_variants_once() {
        assert_eq!(class_list([]), "");
        assert_eq!(class_list(["LSTM"]), "LSTM");
        assert_eq!(class_list(["GRU", "RNN"]), "GRU or RNN");
        assert_eq!(
            class_list(["RNN", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D", "X1", "Y2"]),
            "RNN, ConvLSTM1D/2D/3D, X1 or Y2"
        );
    }

    #[test]
    fn the_registered_cells_and_recurrent_layers_are_listed_in_order() {
        let r = Registry::builtins();
        assert_eq!(
            class_list(r.typed_classes::<dyn RnnCell>()),
            "SimpleRNNCell, LSTMCell, GRUCell or StackedRNNCells"
        );
        assert_eq!(
            class_list(r.typed_classes::<dyn RecurrentLayer>()),
            "SimpleRNN, LSTM, GRU, ConvLSTM1D/2D/3D or RNN"
        );
        assert!(r.typed::<dyn RnnCell>("LSTM").is_none());
        assert!(r.typed::<dyn RecurrentLayer>("LSTM").is_some());
    }
}
