//! `GetItem` (`x[...]`).

use crate::error::{LayerError, Result};
use crate::layer::{Layer, LayerConfig, LayerExt, OutputShapes, one_input, single};
use crate::model::Tensor;
use crate::shape::{Dim, Shape};

/// One element of a `GetItem` key (`x[:, 1:5:2, ..., None, 0]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Index {
    /// An integer index: the axis is removed.
    Int(i64),
    /// A slice `start:stop:step` (`None` for an omitted bound).
    Slice {
        /// The start (`None`: from the beginning, or the end for a negative step).
        start: Option<i64>,
        /// The stop (`None`: to the end, or the beginning for a negative step).
        stop: Option<i64>,
        /// The step (`None`: 1).
        step: Option<i64>,
    },
    /// `...`: as many full slices as needed.
    Ellipsis,
    /// `None` (`np.newaxis`): a new axis of size 1.
    NewAxis,
}

impl Index {
    /// The full slice `:`.
    #[must_use]
    pub fn full() -> Self {
        Index::Slice {
            start: None,
            stop: None,
            step: None,
        }
    }

    /// The slice `start:stop:step`.
    #[must_use]
    pub fn slice(start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> Self {
        Index::Slice { start, stop, step }
    }
}

/// The length of Python's `range(*slice(start, stop, step).indices(length))`.
fn slice_len(
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
    length: u64,
) -> Result<u64, LayerError> {
    let step = i128::from(step.unwrap_or(1));
    if step == 0 {
        return Err(LayerError::argument("key", "slice step cannot be zero"));
    }
    // The operands are i64 and u64 values, so every intermediate below is
    // within a few times 2^64 of zero, far inside i128: the saturating
    // operations never saturate.
    let len = i128::from(length);
    let (lower, upper) = if step < 0 {
        (-1, len.saturating_sub(1))
    } else {
        (0, len)
    };
    let bound = |v: Option<i64>, default: i128| match v {
        None => default,
        Some(v) => {
            let v = i128::from(v);
            if v < 0 {
                v.saturating_add(len).max(lower)
            } else {
                v.min(upper)
            }
        }
    };
    let start = bound(start, if step < 0 { upper } else { lower });
    let stop = bound(stop, if step < 0 { lower } else { upper });
    // Python's `(stop - start + step - 1) // step` for a positive step and
    // `(start - stop - step - 1) // -step` for a negative one.
    let span = if step > 0 {
        stop.saturating_sub(start)
    } else {
        start.saturating_sub(stop)
    };
    let n = span
        .saturating_add(step.abs())
        .saturating_sub(1)
        .div_euclid(step.abs());
    u64::try_from(n.max(0)).map_err(|_| LayerError::overflow("slice length"))
}

keras_op! {
    /// `x[key]` / `keras.ops.get_item(x, key)`: the operation `GetItem`.
    ///
    /// # Shapes
    /// Keras's `GetItem.compute_output_spec`: integer indices remove an axis
    /// (checked against known sizes), slices keep it with Python's slice
    /// length (unknown sizes stay `None`), `None` adds an axis of size 1,
    /// and `...` (added at the end when absent) keeps the axes no other index
    /// consumes. The batch axis counts. No weights.
    ///
    /// ```
    /// use kerasinfo::ops::{GetItem, Index};
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([6, 4, 3]).tensor()?;
    /// let key = [Index::full(), Index::slice(Some(1), Some(5), Some(2)), Index::Ellipsis, Index::Int(0)];
    /// assert_eq!(GetItem::new(key).call(&x)?.shape().to_string(), "(None, 2, 4)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub struct GetItem = "GetItem" { key: Vec<Index> }
}

impl GetItem {
    /// `x[key]` for a key of several elements (a tuple in Python; a single
    /// integer key is `[Index::Int(i)]`).
    pub fn new(key: impl IntoIterator<Item = Index>) -> Self {
        Self::of(key.into_iter().collect())
    }

    /// The operation of a config node (the importer's reader).
    #[cfg(feature = "keras-json")]
    pub(crate) fn from_call(c: &super::read::OpCall<'_, '_>) -> Result<Box<dyn Layer>> {
        Ok(Box::new(GetItem::new(c.index_key(1, "key")?)))
    }
}

impl Layer for GetItem {
    #[cfg(feature = "keras-json")]
    fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        use crate::config::writer as w;
        use serde_json::{Value, json};
        let index = |i: &Index| match *i {
            Index::Int(n) => json!(n),
            Index::Slice { start, stop, step } => json!({"class_name": "__slice__",
                "config": {"start": start, "stop": stop, "step": step}}),
            Index::Ellipsis => json!({"class_name": "__ellipsis__", "config": {}}),
            Index::NewAxis => Value::Null,
        };
        // A one-element key is Python's `x[k]`; a longer one is a tuple.
        let key = match self.key.as_slice() {
            [one] => index(one),
            many => Value::Array(many.iter().map(index).collect()),
        };
        Some(w::operation(
            "keras.src.ops.numpy",
            w::obj([]),
            vec![w::tensor_arg(0), key],
        ))
    }

    op_common!(Self::CLASS_NAME; moves data only);

    fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
        let input = one_input(inputs)?;
        let mut key: Vec<Index> = self.key.clone();
        match key.iter().filter(|k| matches!(k, Index::Ellipsis)).count() {
            0 => key.push(Index::Ellipsis),
            1 => {}
            _ => {
                return Err(LayerError::argument(
                    "key",
                    "a slice should only have one ellipsis",
                ));
            }
        }
        let too_many = || LayerError::input(input, "the slice has too many indices");
        let mut remaining: &[Dim] = input.dims();
        let mut out: Vec<Dim> = Vec::new();
        let mut keys: &[Index] = &key;
        while let Some((&sub, after)) = keys.split_first() {
            keys = after;
            if sub == Index::NewAxis {
                out.push(Dim::Known(1));
                continue;
            }
            if sub == Index::Ellipsis {
                let needed = after.iter().filter(|k| **k != Index::NewAxis).count();
                let consumed = remaining.len().checked_sub(needed).ok_or_else(too_many)?;
                let (kept, rest) = remaining.split_at(consumed);
                out.extend_from_slice(kept);
                remaining = rest;
                continue;
            }
            // An integer or a slice: one axis of the input.
            let (&length, rest) = remaining.split_first().ok_or_else(too_many)?;
            remaining = rest;
            match (sub, length) {
                (Index::Slice { start, stop, step }, Dim::Known(n)) => {
                    out.push(Dim::Known(slice_len(start, stop, step, n)?));
                }
                (Index::Slice { .. }, Dim::Unknown) => out.push(Dim::Unknown),
                (Index::Int(idx), Dim::Known(n)) => {
                    // Python's `0 <= (idx if idx >= 0 else idx + n) < n`.
                    let in_range = match u64::try_from(idx) {
                        Ok(i) => i < n,
                        Err(_) => idx.unsigned_abs() <= n,
                    };
                    if !in_range {
                        return Err(LayerError::input(
                            input,
                            format!("out-of-bounds index {idx} was requested"),
                        ));
                    }
                }
                _ => {}
            }
        }
        Ok(single(Shape::new(out)))
    }
}

/// `x[key]`: a [`GetItem`] node.
pub fn get_item(x: &Tensor, key: &[Index]) -> Result<Tensor> {
    GetItem::new(key.iter().copied()).call(x)
}
