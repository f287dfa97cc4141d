//! A JSON value tree that borrows its strings from the config text
//! (objects as key/value lists in document order, strings borrowed unless
//! escaped), for callers that hold or inspect a parsed config. The
//! importer itself reads the flat document of [`super::doc`] and makes
//! trees only when asked for one ([`super::Cfg::get`]).

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::error::{Error, Result};

/// How deeply a `serde_json::Value` may nest to be converted (as deep as
/// serde_json parses).
const MAX_NESTING: usize = 128;

/// A JSON number, kept as serde_json keeps it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum JsonNumber {
    /// An integer `>= 0`.
    PosInt(u64),
    /// An integer `< 0`.
    NegInt(i64),
    /// A number with a fraction or an exponent.
    Float(f64),
}

/// One value of a parsed Keras config: the importer's counterpart of
/// `serde_json::Value`, whose strings borrow from the parsed text (`'a`).
/// Objects keep their keys in document order; a key given twice reads as
/// its last value, as in serde_json.
///
/// ```
/// use kerasinfo::config::JsonValue;
/// let v = JsonValue::parse(r#"{"units": 4, "name": "dense", "shape": [null, 3]}"#)?;
/// assert_eq!(v.get("units").and_then(JsonValue::as_i64), Some(4));
/// assert_eq!(v.get("name").and_then(JsonValue::as_str), Some("dense"));
/// assert_eq!(v.get("shape").and_then(JsonValue::as_array).map(Vec::len), Some(2));
/// assert!(v.get("missing").is_none());
/// assert!(JsonValue::parse("{").is_err());
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub enum JsonValue<'a> {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(JsonNumber),
    /// A string (borrowed from the text unless it had escapes).
    String(Cow<'a, str>),
    /// A list.
    Array(Vec<JsonValue<'a>>),
    /// An object.
    Object(JsonObject<'a>),
}

/// A JSON object: its keys and values in document order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JsonObject<'a>(Vec<(Cow<'a, str>, JsonValue<'a>)>);

impl<'a> JsonObject<'a> {
    pub(crate) fn from_entries(entries: Vec<(Cow<'a, str>, JsonValue<'a>)>) -> Self {
        JsonObject(entries)
    }

    pub(crate) fn iter_entries(&self) -> std::slice::Iter<'_, (Cow<'a, str>, JsonValue<'a>)> {
        self.0.iter()
    }

    /// The value of `key` (its last value when given twice).
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&JsonValue<'a>> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k.as_ref() == key)
            .map(|(_, v)| v)
    }

    /// Whether `key` is present.
    #[must_use]
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The keys and values in document order (a key given twice appears
    /// twice).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &JsonValue<'a>)> {
        self.0.iter().map(|(k, v)| (k.as_ref(), v))
    }

    /// The keys and values sorted by key, each key once with its last
    /// value (the order of a `serde_json::Map`).
    ///
    /// ```
    /// use kerasinfo::config::JsonValue;
    /// let v = JsonValue::parse(r#"{"b": 1, "a": 2, "b": 3}"#)?;
    /// let o = v.as_object().unwrap();
    /// let sorted: Vec<(&str, Option<i64>)> =
    ///     o.sorted().into_iter().map(|(k, v)| (k, v.as_i64())).collect();
    /// assert_eq!(sorted, [("a", Some(2)), ("b", Some(3))]);
    /// assert_eq!(o.get("b").and_then(JsonValue::as_i64), Some(3));
    /// assert_eq!(o.len(), 3);
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[must_use]
    pub fn sorted(&self) -> Vec<(&str, &JsonValue<'a>)> {
        sorted(self.iter().collect())
    }

    /// The number of entries.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the object has no entries.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a> JsonValue<'a> {
    /// The same document as a `serde_json::Value` (strings borrowed from
    /// it), for callers that hold a parsed `Value`.
    ///
    /// ```
    /// use kerasinfo::config::JsonValue;
    /// let v = serde_json::json!({"units": 4, "rate": 0.5, "axis": -1});
    /// let j = JsonValue::from_serde(&v)?;
    /// assert_eq!(j.get("units").and_then(JsonValue::as_u64), Some(4));
    /// assert_eq!(j.get("rate").and_then(JsonValue::as_f64), Some(0.5));
    /// assert_eq!(j.get("axis").and_then(JsonValue::as_i64), Some(-1));
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub fn from_serde(value: &'a serde_json::Value) -> Result<Self> {
        from_serde(value, 0)
    }

    /// The value of `key` when this is an object.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&JsonValue<'a>> {
        match self {
            JsonValue::Object(o) => o.get(key),
            _ => None,
        }
    }

    /// Whether this is `null`.
    #[must_use]
    pub fn is_null(&self) -> bool {
        matches!(self, JsonValue::Null)
    }

    /// Whether this is a string.
    #[must_use]
    pub fn is_string(&self) -> bool {
        matches!(self, JsonValue::String(_))
    }

    /// Whether this is a list.
    #[must_use]
    pub fn is_array(&self) -> bool {
        matches!(self, JsonValue::Array(_))
    }

    /// Whether this is an object.
    #[must_use]
    pub fn is_object(&self) -> bool {
        matches!(self, JsonValue::Object(_))
    }

    /// The string, when this is one.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            JsonValue::String(s) => Some(s.as_ref()),
            _ => None,
        }
    }

    /// The boolean, when this is one.
    #[must_use]
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            JsonValue::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The list, when this is one.
    #[must_use]
    pub fn as_array(&self) -> Option<&Vec<JsonValue<'a>>> {
        match self {
            JsonValue::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The object, when this is one.
    #[must_use]
    pub fn as_object(&self) -> Option<&JsonObject<'a>> {
        match self {
            JsonValue::Object(o) => Some(o),
            _ => None,
        }
    }

    /// An integer that fits `i64` (as `serde_json::Value::as_i64`).
    #[must_use]
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            JsonValue::Number(JsonNumber::PosInt(n)) => i64::try_from(*n).ok(),
            JsonValue::Number(JsonNumber::NegInt(n)) => Some(*n),
            _ => None,
        }
    }

    /// An integer that fits `u64` (as `serde_json::Value::as_u64`).
    #[must_use]
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            JsonValue::Number(JsonNumber::PosInt(n)) => Some(*n),
            _ => None,
        }
    }

    /// Any number as `f64` (as `serde_json::Value::as_f64`).
    #[must_use]
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            // As serde_json: integers convert with rounding.
            JsonValue::Number(JsonNumber::PosInt(n)) => Some(*n as f64),
            JsonValue::Number(JsonNumber::NegInt(n)) => Some(*n as f64),
            JsonValue::Number(JsonNumber::Float(f)) => Some(*f),
            _ => None,
        }
    }
}

fn from_serde(v: &serde_json::Value, depth: usize) -> Result<JsonValue<'_>> {
    use serde_json::Value;
    if depth > MAX_NESTING {
        return Err(cfg_error(
            "config",
            format!("values nested more than {MAX_NESTING} levels deep"),
        ));
    }
    // bounded: depth > MAX_NESTING is rejected above
    let inner = depth.saturating_add(1);
    Ok(match v {
        Value::Null => JsonValue::Null,
        Value::Bool(b) => JsonValue::Bool(*b),
        Value::Number(n) => JsonValue::Number(match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => JsonNumber::PosInt(u),
            (None, Some(i), _) => JsonNumber::NegInt(i),
            (None, None, Some(f)) => JsonNumber::Float(f),
            (None, None, None) => return Ok(JsonValue::Null),
        }),
        Value::String(s) => JsonValue::String(Cow::Borrowed(s.as_str())),
        Value::Array(items) => JsonValue::Array(
            items
                .iter()
                .map(|i| from_serde(i, inner))
                .collect::<Result<_>>()?,
        ),
        Value::Object(map) => JsonValue::Object(JsonObject(
            map.iter()
                .map(|(k, v)| Ok((Cow::Borrowed(k.as_str()), from_serde(v, inner)?)))
                .collect::<Result<_>>()?,
        )),
    })
}

impl<'de> serde::Deserialize<'de> for JsonValue<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = JsonValue<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> std::result::Result<Self::Value, E> {
        Ok(JsonValue::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E> {
        Ok(JsonValue::Number(
            u64::try_from(v).map_or(JsonNumber::NegInt(v), JsonNumber::PosInt),
        ))
    }

    fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E> {
        Ok(JsonValue::Number(JsonNumber::PosInt(v)))
    }

    fn visit_f64<E>(self, v: f64) -> std::result::Result<Self::Value, E> {
        // As serde_json: a non-finite float is null.
        Ok(if v.is_finite() {
            JsonValue::Number(JsonNumber::Float(v))
        } else {
            JsonValue::Null
        })
    }

    fn visit_str<E>(self, v: &str) -> std::result::Result<Self::Value, E> {
        Ok(JsonValue::String(Cow::Owned(v.to_owned())))
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> std::result::Result<Self::Value, E> {
        Ok(JsonValue::String(Cow::Borrowed(v)))
    }

    fn visit_string<E>(self, v: String) -> std::result::Result<Self::Value, E> {
        Ok(JsonValue::String(Cow::Owned(v)))
    }

    fn visit_none<E>(self) -> std::result::Result<Self::Value, E> {
        Ok(JsonValue::Null)
    }

    fn visit_unit<E>(self) -> std::result::Result<Self::Value, E> {
        Ok(JsonValue::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Self::Value, D::Error> {
        serde::Deserialize::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(JsonValue::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let value = map.next_value()?;
            entries.push((key, value));
        }
        Ok(JsonValue::Object(JsonObject(entries)))
    }
}

/// An object key, borrowed from the text unless it had escapes.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_str<E>(self, v: &str) -> std::result::Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> std::result::Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_string<E>(self, v: String) -> std::result::Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

/// `entries` (an object's, in document order) sorted by key, each key once
/// with its last value.
pub(crate) fn sorted<V>(mut entries: Vec<(&str, V)>) -> Vec<(&str, V)> {
    // Last entry first: the stable sort keeps a repeated key's last value
    // first among its entries, which `dedup_by` keeps.
    entries.reverse();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    entries.dedup_by(|later, kept| later.0 == kept.0);
    entries
}

/// A short description of a JSON value's type, for error messages.
pub(crate) fn kind(v: &JsonValue<'_>) -> &'static str {
    match v {
        JsonValue::Null => "null",
        JsonValue::Bool(_) => "a boolean",
        JsonValue::Number(_) => "a number",
        JsonValue::String(_) => "a string",
        JsonValue::Array(_) => "a list",
        JsonValue::Object(_) => "an object",
    }
}

/// An error in a config at the JSON path `at`.
pub(crate) fn cfg_error(at: &str, reason: impl Into<String>) -> Error {
    Error::Config {
        at: at.to_owned(),
        reason: reason.into(),
    }
}
