//! Reading an operation node of a Keras 3 config (module `keras.src.ops.*`):
//! the call an operation's reader gets ([`OpCall`]: its config, its
//! arguments) and the table of readers each operation type adds itself to
//! (`register` in its module); the config importer looks them up.

use std::collections::HashMap;

use super::{Index, Operand};
use crate::config::cfg::{Cfg, cfg_error, constant, int_of, ints_of};
use crate::config::doc::JsonRef;
use crate::error::Result;
use crate::layer::Layer;

/// What an operation's reader is given: its class, its config and the
/// call arguments of its first inbound node (constants such as the `2.0`
/// of `x * 2.0`).
pub(crate) struct OpCall<'c, 'v> {
    /// The Keras class name (one reader may serve several classes).
    pub(crate) class: &'c str,
    /// The operation's config.
    pub(crate) cfg: &'c Cfg<'v>,
    /// The positional arguments and the `kwargs` of its node, at the JSON
    /// path `node_at`.
    pub(crate) args: Option<JsonRef<'v>>,
    pub(crate) kwargs: Option<JsonRef<'v>>,
    pub(crate) node_at: &'c str,
}

impl<'v> OpCall<'_, 'v> {
    /// An argument by position, or by keyword.
    fn arg(&self, i: usize, name: &str) -> Option<JsonRef<'v>> {
        self.args
            .and_then(JsonRef::as_array)
            .and_then(|mut args| args.nth(i))
            .or_else(|| self.kwargs.and_then(|k| k.get(name)))
    }

    /// The axes of config key `key`: an integer, a list of them, or none.
    pub(crate) fn axes(&self, key: &str) -> Result<Option<Vec<i64>>> {
        match self.cfg.value(key) {
            None => Ok(None),
            Some(v) => ints_of(v).map(Some).ok_or_else(|| {
                self.cfg
                    .error(key, "expected an integer or a list of integers")
            }),
        }
    }

    /// The operation's `dtype` (a dtype name, or null).
    pub(crate) fn dtype(&self) -> Result<Option<crate::DType>> {
        match self.cfg.opt_str("dtype")? {
            None => Ok(None),
            Some(n) => crate::DType::from_name(n)
                .map(Some)
                .ok_or_else(|| self.cfg.error("dtype", format!("unknown dtype {n:?}"))),
        }
    }

    /// Config key `key` when it is set: its text, or its number.
    pub(crate) fn str_or_number(&self, key: &str) -> Option<(Option<&str>, Option<f64>)> {
        self.cfg.value(key).map(|v| (v.as_str(), v.as_f64()))
    }

    /// The call arguments at positions `first..` named `names`: each a
    /// tensor of the node or a constant.
    pub(crate) fn operands<const N: usize>(
        &self,
        first: usize,
        names: [&str; N],
    ) -> Result<[Operand; N]> {
        let mut operands = [Operand::Tensor; N];
        for (i, (o, name)) in operands.iter_mut().zip(names).enumerate() {
            let i = i.saturating_add(first);
            let a = self.arg(i, name).ok_or_else(|| {
                cfg_error(
                    self.node_at,
                    format!("operation {:?} needs argument `{name}`", self.class),
                )
            })?;
            if a.get("class_name").and_then(JsonRef::as_str) != Some("__keras_tensor__") {
                *o = Operand::Constant(constant(a, &format!("{}.args[{i}]", self.node_at))?);
            }
        }
        Ok(operands)
    }

    /// The error of a class no reader knows.
    pub(crate) fn unknown(&self) -> crate::error::Error {
        cfg_error(self.node_at, format!("unknown operation {:?}", self.class))
    }

    /// A `GetItem` key, the call argument at `i` named `name`: an integer,
    /// or a list of integers, `null` (new axis), `__slice__` and
    /// `__ellipsis__` objects.
    pub(crate) fn index_key(&self, i: usize, name: &str) -> Result<Vec<Index>> {
        let key_at = format!("{}.args[{i}]", self.node_at);
        let key = self.arg(i, name).ok_or_else(|| {
            cfg_error(
                self.node_at,
                format!("operation {:?} needs `{name}`", self.class),
            )
        })?;
        get_item_key(key, &key_at)
    }
}

/// Reads one operation from its [`OpCall`].
pub(crate) type OpReader = fn(&OpCall<'_, '_>) -> Result<Box<dyn Layer>>;

/// The readers of the operations, by Keras class name.
#[derive(Default)]
pub(crate) struct OpReaders(HashMap<&'static str, OpReader>);

impl OpReaders {
    /// Registers the reader of class `class`.
    pub(crate) fn add(&mut self, class: &'static str, read: OpReader) {
        self.0.insert(class, read);
    }

    /// The reader of operation `class`.
    pub(crate) fn get(&self, class: &str) -> Option<OpReader> {
        self.0.get(class).copied()
    }
}

/// A `GetItem` key (see [`OpCall::index_key`]).
fn get_item_key(v: JsonRef<'_>, at: &str) -> Result<Vec<Index>> {
    let one = |v: JsonRef<'_>, at: &str| -> Result<Index> {
        if v.is_null() {
            return Ok(Index::NewAxis);
        }
        if let Some(i) = int_of(v) {
            return Ok(Index::Int(i));
        }
        let bound = |c: Option<JsonRef<'_>>, k: &str| -> Result<Option<i64>> {
            match c.and_then(|c| c.get(k)).and_then(JsonRef::non_null) {
                None => Ok(None),
                Some(b) => int_of(b)
                    .map(Some)
                    .ok_or_else(|| cfg_error(at, format!("slice `{k}` must be an integer"))),
            }
        };
        match v.get("class_name").and_then(JsonRef::as_str) {
            Some("__ellipsis__") => Ok(Index::Ellipsis),
            Some("__slice__") => {
                let c = v.get("config");
                Ok(Index::slice(
                    bound(c, "start")?,
                    bound(c, "stop")?,
                    bound(c, "step")?,
                ))
            }
            _ => Err(cfg_error(
                at,
                format!("unsupported GetItem key element: {}", v.kind()),
            )),
        }
    };
    match v.as_array() {
        Some(items) => items
            .enumerate()
            .map(|(i, item)| one(item, &format!("{at}[{i}]")))
            .collect(),
        None => Ok(vec![one(v, at)?]),
    }
}
