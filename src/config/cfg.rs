//! Typed, path-tracking access to one layer's Keras `config` object, with
//! Keras's defaults for missing keys.

use super::doc::{JsonRef, ObjKeys};
use super::json::JsonValue as Value;
pub(crate) use super::json::cfg_error;

use crate::args::{DataFormat, IntTuple, Padding};
use crate::error::{Error, Result};
use crate::layer::Layer;
use crate::shape::{Dim, ShapeArg};
use crate::weight::{DType, DTypePolicy};
use std::borrow::Cow;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

/// A layer's `config` object as read from a Keras model config (a
/// [`JsonValue`](super::JsonValue) object), with the JSON path used in
/// error messages. Getters apply Keras's default when a key is missing or
/// `null`.
///
/// ```
/// use kerasinfo::config::{Cfg, JsonValue};
/// let v = serde_json::json!({"units": 4, "use_bias": false});
/// let v = JsonValue::from_serde(&v).unwrap();
/// let cfg = Cfg::new(&v, "layers[1].config").unwrap();
/// assert_eq!(cfg.int("units").unwrap(), 4);
/// assert!(!cfg.bool_or("use_bias", true).unwrap());
/// assert!(cfg.int("filters").is_err());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Cfg<'a> {
    /// The object's keys, found once for the many lookups of the
    /// layer's reader.
    keys: ObjKeys<'a>,
    at: CfgAt<'a>,
    /// The `inbound_nodes` of the layer entry and the entry's path, for
    /// the arguments given to the layer's calls.
    calls: Option<(JsonRef<'a>, CfgAt<'a>)>,
    /// The value of `name` (`None` when missing or `null`), looked up
    /// once for a config the importer made (`None` for others): its
    /// declared layer and [`Cfg::apply_base`] both read it.
    name: Option<Option<JsonRef<'a>>>,
    /// Set when a reader reads more than the config's arguments: its
    /// `name` (a `DTypePolicyMap` picks the layer's policy by it) or its
    /// calls' arguments. The importer copies a layer made from a config
    /// for a later config that repeats it but for its name only when this
    /// stayed unset.
    beyond: Option<&'a AtomicBool>,
}

/// A JSON path made only when it is asked for (an error, a nested
/// layer's path): a path as given, or a layer entry `{base}[{index}]`;
/// with the path of its `config`.
#[derive(Debug, Default)]
pub(crate) struct LazyAt<'p> {
    base: &'p str,
    index: Option<usize>,
    entry: OnceLock<String>,
    config: OnceLock<String>,
}

impl<'p> LazyAt<'p> {
    /// The path `at`.
    pub(crate) fn new(base: &'p str) -> Self {
        LazyAt {
            base,
            ..Default::default()
        }
    }

    /// The path `{base}[{index}]`.
    pub(crate) fn indexed(base: &'p str, index: usize) -> Self {
        LazyAt {
            base,
            index: Some(index),
            ..Default::default()
        }
    }

    /// The path itself.
    pub(crate) fn entry(&self) -> &str {
        match self.index {
            None => self.base,
            Some(i) => self
                .entry
                .get_or_init(|| format!("{}[{i}]", self.base))
                .as_str(),
        }
    }

    /// The path of its `config`.
    pub(crate) fn config(&self) -> &str {
        self.config
            .get_or_init(|| format!("{}.config", self.entry()))
            .as_str()
    }
}

/// Where a [`Cfg`] is: a path as given, or the `config` (or the entry)
/// of a [`LazyAt`].
#[derive(Debug, Clone, Copy)]
enum CfgAt<'a> {
    Str(&'a str),
    Config(&'a LazyAt<'a>),
    Entry(&'a LazyAt<'a>),
}

impl<'a> CfgAt<'a> {
    fn get(self) -> &'a str {
        match self {
            CfgAt::Str(s) => s,
            CfgAt::Config(l) => l.config(),
            CfgAt::Entry(l) => l.entry(),
        }
    }
}

impl<'a> Cfg<'a> {
    /// Wraps a config object found at `at`.
    pub fn new(value: &'a Value<'a>, at: &'a str) -> Result<Self> {
        Self::from_ref(JsonRef::Tree(value), at)
    }

    /// Wraps a config object (of a parsed document or a tree) found at `at`.
    pub(crate) fn from_ref(value: JsonRef<'a>, at: &'a str) -> Result<Self> {
        Self::from_at(value, CfgAt::Str(at))
    }

    /// Wraps the `config` object of the layer entry at `entry`, with the
    /// entry's `inbound_nodes`, whose call arguments
    /// [`Cfg::call_bool_or`] reads (paths made only for errors).
    /// `beyond` is set when a reader reads more than the config's
    /// arguments (see [`Cfg::read_beyond`]).
    pub(crate) fn from_entry(
        value: JsonRef<'a>,
        entry: &'a LazyAt<'a>,
        nodes: Option<JsonRef<'a>>,
        beyond: Option<&'a AtomicBool>,
    ) -> Result<Self> {
        let mut cfg = Self::from_at(value, CfgAt::Config(entry))?;
        cfg.calls = nodes.map(|n| (n, CfgAt::Entry(entry)));
        cfg.name = Some(cfg.value("name"));
        cfg.beyond = beyond;
        Ok(cfg)
    }

    /// Notes that a reader read more than the config's arguments (its
    /// `name`, its calls' arguments).
    fn read_beyond(&self) {
        if let Some(b) = self.beyond {
            b.store(true, Ordering::Relaxed);
        }
    }

    /// The config's `name` when the importer made this config (from a
    /// layer entry): a declared layer takes it as it is made, so that it
    /// takes no automatic-naming place ([`Cfg::apply_base`] then finds it
    /// named). `None` for a config made otherwise, whose factories make
    /// unnamed layers as before.
    pub(crate) fn import_name(&self) -> Option<&'a str> {
        self.name.flatten().and_then(JsonRef::as_str)
    }

    fn from_at(value: JsonRef<'a>, at: CfgAt<'a>) -> Result<Self> {
        match value.obj_keys() {
            Some(keys) => Ok(Cfg {
                keys,
                at,
                calls: None,
                name: None,
                beyond: None,
            }),
            None => Err(cfg_error(
                at.get(),
                format!("expected an object, found {}", value.kind()),
            )),
        }
    }

    /// The JSON path of this config.
    #[must_use]
    pub fn at(&self) -> &str {
        self.at.get()
    }

    /// An error about `key` of this config.
    #[must_use]
    pub fn error(&self, key: &str, reason: impl Into<String>) -> Error {
        cfg_error(&format!("{}.{key}", self.at.get()), reason)
    }

    /// The raw value of `key` (a [`JsonValue`](super::JsonValue) that
    /// lives as long as the parsed config), `None` when missing or `null`.
    /// A config read by the importer keeps no tree: the value is made on
    /// the first request for it (the typed getters read the config
    /// without making one).
    ///
    /// ```
    /// use kerasinfo::config::{Cfg, JsonValue};
    /// let v = JsonValue::parse(r#"{"axes": [1, 2], "seed": null}"#)?;
    /// let cfg = Cfg::new(&v, "config")?;
    /// assert_eq!(cfg.get("axes").and_then(JsonValue::as_array).map(Vec::len), Some(2));
    /// assert!(cfg.get("seed").is_none());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&'a Value<'a>> {
        self.value(key).map(JsonRef::to_value)
    }

    /// The value of `key`, `None` when missing or `null`.
    pub(crate) fn value(&self, key: &str) -> Option<JsonRef<'a>> {
        self.raw(key).and_then(JsonRef::non_null)
    }

    /// The value of `key`, `null` included.
    fn raw(&self, key: &str) -> Option<JsonRef<'a>> {
        if key == "name" {
            self.read_beyond();
        }
        self.keys.get(key)
    }

    /// A required integer.
    pub fn int(&self, key: &str) -> Result<i64> {
        let v = self
            .value(key)
            .ok_or_else(|| self.error(key, "missing required integer"))?;
        self.int_value(key, v)
    }

    /// `read` of the value `v` of `key`, or the error that it is not `what`.
    #[inline]
    fn typed<'v, T>(
        &self,
        key: &str,
        v: JsonRef<'v>,
        read: impl FnOnce(JsonRef<'v>) -> Option<T>,
        what: &str,
    ) -> Result<T> {
        read(v).ok_or_else(|| self.error(key, format!("expected {what}, found {}", v.kind())))
    }

    /// The integer `v` of `key`.
    fn int_value(&self, key: &str, v: JsonRef<'_>) -> Result<i64> {
        self.typed(key, v, int_of, "an integer")
    }

    /// An integer, or `default`.
    pub fn int_or(&self, key: &str, default: i64) -> Result<i64> {
        Ok(self.opt_int(key)?.unwrap_or(default))
    }

    /// An optional integer.
    pub fn opt_int(&self, key: &str) -> Result<Option<i64>> {
        self.value(key).map(|v| self.int_value(key, v)).transpose()
    }

    /// The number `v` of `key`.
    fn float_value(&self, key: &str, v: JsonRef<'_>) -> Result<f64> {
        self.typed(key, v, JsonRef::as_f64, "a number")
    }

    /// A number, or `default`.
    pub fn float_or(&self, key: &str, default: f64) -> Result<f64> {
        Ok(self.opt_float(key)?.unwrap_or(default))
    }

    /// A boolean, or `default`.
    pub fn bool_or(&self, key: &str, default: bool) -> Result<bool> {
        Ok(self.opt_bool(key)?.unwrap_or(default))
    }

    /// An optional boolean.
    pub(crate) fn opt_bool(&self, key: &str) -> Result<Option<bool>> {
        let read = |v| self.typed(key, v, JsonRef::as_bool, "a boolean");
        self.value(key).map(read).transpose()
    }

    /// An optional `int or tuple of N ints` (one lookup).
    pub(crate) fn opt_tuple<const N: usize>(&self, key: &str) -> Result<Option<IntTuple<N>>> {
        self.value(key)
            .map(|v| self.tuple_value(key, v))
            .transpose()
    }

    /// An optional string.
    pub fn opt_str(&self, key: &str) -> Result<Option<&'a str>> {
        self.str_of(key, self.value(key))
    }

    /// The string `v` of `key` (`None` when absent).
    fn str_of(&self, key: &str, v: Option<JsonRef<'a>>) -> Result<Option<&'a str>> {
        v.map(|v| self.typed(key, v, JsonRef::as_str, "a string"))
            .transpose()
    }

    /// A string, or `default`.
    pub fn str_or(&self, key: &str, default: &'a str) -> Result<&'a str> {
        Ok(self.opt_str(key)?.unwrap_or(default))
    }

    /// An activation: a name, or a serialized activation object (its
    /// `config` or `class_name` gives the name). `None` when absent.
    pub fn activation(&self, key: &str) -> Result<Option<String>> {
        Ok(self.activation_shared(key)?.map(Cow::into_owned))
    }

    /// [`Cfg::activation`], shared (not copied) when it is one of Keras's
    /// activations ([`crate::args::ACTIVATIONS`]): a layer holding it is
    /// then copied without copying its activation.
    pub(crate) fn activation_shared(&self, key: &str) -> Result<Option<Cow<'static, str>>> {
        self.activation_of(key, self.value(key))
    }

    /// An activation that Keras's `None` (`null`) makes `linear`, in one
    /// lookup: `None` when absent. Shared as [`Cfg::activation_shared`]
    /// shares it.
    pub(crate) fn activation_or_linear_shared(
        &self,
        key: &str,
    ) -> Result<Option<Cow<'static, str>>> {
        match self.raw(key) {
            Some(v) if v.is_null() => Ok(Some(Cow::Borrowed("linear"))),
            v => self.activation_of(key, v),
        }
    }

    /// The activation `v` of `key` (`None` when absent or `null`).
    fn activation_of(
        &self,
        key: &str,
        v: Option<JsonRef<'_>>,
    ) -> Result<Option<Cow<'static, str>>> {
        match v.and_then(JsonRef::non_null) {
            None => Ok(None),
            Some(v) if v.is_string() => Ok(v.as_str().map(shared_activation)),
            Some(o) if o.is_object() => {
                let name = o
                    .get("config")
                    .and_then(|c| {
                        c.as_str()
                            .or_else(|| c.get("name").and_then(JsonRef::as_str))
                    })
                    .or_else(|| o.get("class_name").and_then(JsonRef::as_str))
                    .ok_or_else(|| self.error(key, "cannot read the activation"))?;
                let name = crate::naming::to_snake_case(name);
                Ok(Some(match shared_activation(&name) {
                    Cow::Borrowed(known) => Cow::Borrowed(known),
                    Cow::Owned(_) => Cow::Owned(name),
                }))
            }
            Some(v) => Err(self.error(key, format!("expected an activation, found {}", v.kind()))),
        }
    }

    /// An `int or tuple of N ints` argument, or `default`.
    pub fn tuple<const N: usize>(&self, key: &str, default: IntTuple<N>) -> Result<IntTuple<N>> {
        Ok(self.opt_tuple(key)?.unwrap_or(default))
    }

    /// The `int or tuple of N ints` `v` of `key`.
    fn tuple_value<const N: usize>(&self, key: &str, v: JsonRef<'_>) -> Result<IntTuple<N>> {
        if let Some(n) = int_of(v) {
            return Ok(IntTuple([n; N]));
        }
        let mut items = self.typed(key, v, JsonRef::as_array, "an int or a list")?;
        if items.len() == 1
            && N > 1
            && let Some(n) = items.clone().next().and_then(int_of)
        {
            return Ok(IntTuple([n; N]));
        }
        if items.len() != N {
            return Err(self.error(key, format!("expected {N} integers, found {}", items.len())));
        }
        let mut out = [0i64; N];
        for (o, item) in out.iter_mut().zip(&mut items) {
            *o = self.typed(key, item, int_of, "integers")?;
        }
        Ok(IntTuple(out))
    }

    /// A list of integers (e.g. `axis` given as a list), or an int as one item.
    pub fn int_list(&self, key: &str) -> Result<Option<Vec<i64>>> {
        let Some(v) = self.value(key) else {
            return Ok(None);
        };
        if let Some(n) = int_of(v) {
            return Ok(Some(vec![n]));
        }
        let items = self.typed(key, v, JsonRef::as_array, "an int or a list")?;
        let item = |i| self.typed(key, i, int_of, "integers");
        items.map(item).collect::<Result<_>>().map(Some)
    }

    /// A shape (`[null, 64, 3]`) as given.
    pub fn shape(&self, key: &str) -> Result<Option<ShapeArg>> {
        let Some(dims) = self.ints_or_nulls(key, "a shape list")? else {
            return Ok(None);
        };
        let dims = dims
            .into_iter()
            .map(|d| match d {
                None => Some(Dim::Unknown),
                Some(n) => u64::try_from(n).ok().map(Dim::Known),
            })
            .collect::<Option<Vec<Dim>>>()
            .ok_or_else(|| self.error(key, "dimensions must be >= 0 or null"))?;
        Ok(Some(ShapeArg::from(dims)))
    }

    /// `padding`: `valid` (default), `same` or `causal`.
    pub fn padding(&self) -> Result<Padding> {
        Ok(self.opt_padding()?.unwrap_or(Padding::Valid))
    }

    /// `padding` when given (one lookup), in any case, as Keras lowercases
    /// it.
    pub(crate) fn opt_padding(&self) -> Result<Option<Padding>> {
        let Some(padding) = self.opt_str("padding")? else {
            return Ok(None);
        };
        [
            ("valid", Padding::Valid),
            ("same", Padding::Same),
            ("causal", Padding::Causal),
        ]
        .into_iter()
        .find(|(name, _)| padding.eq_ignore_ascii_case(name))
        .map(|(_, p)| Some(p))
        .ok_or_else(|| {
            self.error(
                "padding",
                format!(
                    "expected valid, same or causal, found {:?}",
                    padding.to_ascii_lowercase()
                ),
            )
        })
    }

    /// `data_format`: `channels_last` (default) or `channels_first`.
    pub fn data_format(&self) -> Result<DataFormat> {
        Ok(self.opt_data_format()?.unwrap_or(DataFormat::ChannelsLast))
    }

    /// `data_format` when given (one lookup).
    pub(crate) fn opt_data_format(&self) -> Result<Option<DataFormat>> {
        match self.opt_str("data_format")? {
            None => Ok(None),
            Some("channels_last") => Ok(Some(DataFormat::ChannelsLast)),
            Some("channels_first") => Ok(Some(DataFormat::ChannelsFirst)),
            Some(other) => Err(self.error(
                "data_format",
                format!("expected channels_last or channels_first, found {other:?}"),
            )),
        }
    }

    /// The variable dtype of the layer's dtype policy (`float32` default;
    /// `mixed_float16`/`mixed_bfloat16` keep `float32` variables).
    pub fn variable_dtype(&self) -> Result<DType> {
        Ok(self
            .dtype_policy()?
            .map_or(DType::Float32, DTypePolicy::variable_dtype))
    }

    /// The layer's dtype policy from its `dtype` key: a dtype or policy
    /// name (`"float16"`, `"mixed_float16"`), a serialized `DTypePolicy`
    /// (`{"class_name": "DTypePolicy", "config": {"name": ...}}`, tf.keras's
    /// `Policy` alike) or `DTypePolicyMap` (the entry keyed by the layer's
    /// name, else its `default_policy`); `None` when the key is missing or
    /// `null` (Keras then takes the global policy). Quantized policies are
    /// errors.
    ///
    /// ```
    /// use kerasinfo::config::{Cfg, JsonValue};
    /// use kerasinfo::DTypePolicy;
    /// let v = serde_json::json!({"dtype": {"module": "keras", "class_name": "DTypePolicy",
    ///                                      "config": {"name": "mixed_float16"}}});
    /// let v = JsonValue::from_serde(&v).unwrap();
    /// let cfg = Cfg::new(&v, "layers[1].config").unwrap();
    /// assert_eq!(cfg.dtype_policy().unwrap(), Some(DTypePolicy::MIXED_FLOAT16));
    /// ```
    pub fn dtype_policy(&self) -> Result<Option<DTypePolicy>> {
        self.policy_value(self.value("dtype"), 0, None)
    }

    fn policy_value(
        &self,
        v: Option<JsonRef<'_>>,
        depth: u8,
        memo: Option<&PolicyMemo>,
    ) -> Result<Option<DTypePolicy>> {
        let name = match v.and_then(JsonRef::non_null) {
            None => return Ok(None),
            Some(v) if v.is_string() => v.as_str().unwrap_or_default(),
            Some(o) if o.is_object() => {
                // Its keys found once for both lookups.
                let keys = o.obj_keys();
                let get = |key| keys.and_then(|keys| keys.get(key));
                let (class, config) = (get("class_name"), get("config"));
                let memo = memo.zip(PolicyMemo::key(class, config));
                if let Some(policy) = memo.and_then(|(memo, key)| memo.get(key)) {
                    return Ok(policy);
                }
                let class = class.and_then(JsonRef::as_str).unwrap_or("");
                if class == "DTypePolicyMap" && depth == 0 {
                    let own = self.opt_str("name")?.and_then(|n| {
                        config
                            .and_then(|c| c.get("policy_map"))
                            .and_then(|m| m.get(n))
                    });
                    let chosen = own.or_else(|| config.and_then(|c| c.get("default_policy")));
                    // bounded: only taken when depth == 0
                    return self.policy_value(chosen, depth.saturating_add(1), None);
                }
                if !matches!(class, "DTypePolicy" | "FloatDTypePolicy" | "Policy" | "") {
                    return Err(
                        self.error("dtype", format!("dtype policy {class} is not supported"))
                    );
                }
                let policy = match config.and_then(|c| c.get("name")?.non_null()) {
                    None => None,
                    Some(n) => {
                        let name = self.typed("dtype", n, JsonRef::as_str, "a policy name")?;
                        Some(self.policy_named(name)?)
                    }
                };
                if let Some((memo, key)) = memo {
                    memo.set(key, policy);
                }
                return Ok(policy);
            }
            Some(v) => {
                return Err(self.error("dtype", format!("expected a dtype, found {}", v.kind())));
            }
        };
        self.policy_named(name).map(Some)
    }

    /// The dtype policy `name`, or the error of an unknown one.
    fn policy_named(&self, name: &str) -> Result<DTypePolicy> {
        DTypePolicy::from_name(name)
            .ok_or_else(|| self.error("dtype", format!("unknown dtype policy {name:?}")))
    }

    /// Applies the base-layer keys (`name`, `trainable`, `dtype`) to `layer`.
    pub fn apply_base(&self, layer: &mut dyn Layer) -> Result<()> {
        self.apply_base_with(layer, None)
    }

    /// [`Cfg::apply_base`], reading a serialized dtype policy that `memo`
    /// holds from it.
    pub(crate) fn apply_base_with(
        &self,
        layer: &mut dyn Layer,
        memo: Option<&PolicyMemo>,
    ) -> Result<()> {
        let trainable = self.bool_or("trainable", true)?;
        let policy = self.policy_value(self.value("dtype"), 0, memo)?;
        let name = match self.name {
            // Looked up when the importer made this config.
            Some(v) => self.str_of("name", v)?,
            None => self.opt_str("name")?,
        };
        let c = layer.config_mut();
        c.trainable = trainable;
        if let Some(policy) = policy {
            // Otherwise the layer keeps the global policy it was made with.
            c.set_dtype_policy(policy);
        }
        // A declared layer took its name when its reader made it.
        if let Some(name) = name.filter(|n| c.name() != Some(*n)) {
            c.set_name_str(name);
        }
        Ok(())
    }

    /// A required `int or tuple of N ints` argument (`kernel_size`).
    ///
    /// ```
    /// use kerasinfo::config::{Cfg, JsonValue};
    /// let v = serde_json::json!({"kernel_size": [3, 5]});
    /// let v = JsonValue::from_serde(&v).unwrap();
    /// let cfg = Cfg::new(&v, "config").unwrap();
    /// assert_eq!(cfg.req_tuple::<2>("kernel_size").unwrap().0, [3, 5]);
    /// assert!(cfg.req_tuple::<2>("strides").is_err());
    /// ```
    pub fn req_tuple<const N: usize>(&self, key: &str) -> Result<IntTuple<N>> {
        match self.value(key) {
            None => Err(self.error(key, "missing required argument")),
            Some(v) => self.tuple_value(key, v),
        }
    }

    /// A required number.
    pub fn float(&self, key: &str) -> Result<f64> {
        match self.value(key) {
            None => Err(self.error(key, "missing required number")),
            Some(v) => self.float_value(key, v),
        }
    }

    /// An optional number (`None` when missing or `null`).
    pub fn opt_float(&self, key: &str) -> Result<Option<f64>> {
        self.value(key)
            .map(|v| self.float_value(key, v))
            .transpose()
    }

    /// A list of integers or `null`s (`target_shape`, `noise_shape`), kept
    /// as given (negative values included, for the layer to check).
    ///
    /// ```
    /// use kerasinfo::config::{Cfg, JsonValue};
    /// let v = serde_json::json!({"noise_shape": [null, 1, -3], "bad": [1, "x"]});
    /// let v = JsonValue::from_serde(&v).unwrap();
    /// let cfg = Cfg::new(&v, "config").unwrap();
    /// assert_eq!(cfg.opt_dims("noise_shape").unwrap(), Some(vec![None, Some(1), Some(-3)]));
    /// assert_eq!(cfg.opt_dims("missing").unwrap(), None);
    /// assert!(cfg.opt_dims("bad").unwrap_err().to_string().contains("config.bad"));
    /// ```
    pub fn opt_dims(&self, key: &str) -> Result<Option<Vec<Option<i64>>>> {
        self.ints_or_nulls(key, "a list")
    }

    /// The list of integers or `null`s under `key` (`what` names it in
    /// the error for another value); `None` when missing or `null`.
    fn ints_or_nulls(&self, key: &str, what: &str) -> Result<Option<Vec<Option<i64>>>> {
        let Some(v) = self.value(key) else {
            return Ok(None);
        };
        let items = self.typed(key, v, JsonRef::as_array, what)?;
        let item = |d: JsonRef<'_>| match d.is_null() {
            true => Ok(None),
            false => self.typed(key, d, int_of, "integers or null").map(Some),
        };
        items.map(item).collect::<Result<_>>().map(Some)
    }

    /// An object under `key` (e.g. `renorm_clipping`) as a config of its
    /// own, whose path is `at` (normally [`Cfg::child_path`] of `key`);
    /// `None` when missing or `null`.
    ///
    /// ```
    /// use kerasinfo::config::{Cfg, JsonValue};
    /// let v = serde_json::json!({"renorm_clipping": {"rmax": "big"}});
    /// let v = JsonValue::from_serde(&v).unwrap();
    /// let cfg = Cfg::new(&v, "config").unwrap();
    /// let at = cfg.child_path("renorm_clipping");
    /// let clip = cfg.child("renorm_clipping", &at).unwrap().unwrap();
    /// let err = clip.opt_float("rmax").unwrap_err().to_string();
    /// assert!(err.contains("config.renorm_clipping.rmax"), "{err}");
    /// ```
    pub fn child<'b>(&self, key: &str, at: &'b str) -> Result<Option<Cfg<'b>>>
    where
        'a: 'b,
    {
        self.value(key).map(|v| Cfg::from_ref(v, at)).transpose()
    }

    /// The JSON path of `key` in this config.
    #[must_use]
    pub fn child_path(&self, key: &str) -> String {
        format!("{}.{key}", self.at.get())
    }

    /// Whether `key` is present with the value `null` (which some keys
    /// distinguish from a missing key, e.g. `Bidirectional`'s
    /// `merge_mode=None`).
    ///
    /// ```
    /// use kerasinfo::config::{Cfg, JsonValue};
    /// let v = serde_json::json!({"merge_mode": null});
    /// let v = JsonValue::from_serde(&v).unwrap();
    /// let cfg = Cfg::new(&v, "config").unwrap();
    /// assert!(cfg.is_null("merge_mode"));
    /// assert!(!cfg.is_null("missing"));
    /// ```
    #[must_use]
    pub fn is_null(&self, key: &str) -> bool {
        self.raw(key).is_some_and(JsonRef::is_null)
    }

    /// The first of the layer's calls (its entry's `inbound_nodes[0]`;
    /// `None` when it has none or this config was not read from a layer
    /// entry) and that node's JSON path. Like [`Cfg::call_bool_or`], it
    /// marks the config as read beyond its arguments (no copy is made of
    /// the layer for a later config that repeats it).
    pub(crate) fn first_call(&self) -> (Option<JsonRef<'a>>, String) {
        // A reader of its calls' arguments reads more than the config's.
        self.read_beyond();
        match self.calls {
            Some((nodes, entry_at)) => (
                nodes.as_array().and_then(|mut n| n.next()),
                format!("{}.inbound_nodes[0]", entry_at.get()),
            ),
            None => {
                let at = self.at.get();
                let entry = at.strip_suffix(".config").unwrap_or(at);
                (None, format!("{entry}.inbound_nodes[0]"))
            }
        }
    }

    /// A boolean keyword argument of the layer's calls (Keras writes
    /// them in each inbound node's `kwargs`, e.g.
    /// `return_attention_scores`), or `default` when no call gives it.
    /// kerasinfo's layers take such arguments once, so calls that
    /// disagree are an error. A config not read by the importer has no
    /// calls:
    ///
    /// ```
    /// use kerasinfo::config::{Cfg, JsonValue};
    /// let v = serde_json::json!({"num_heads": 2});
    /// let v = JsonValue::from_serde(&v).unwrap();
    /// let cfg = Cfg::new(&v, "config").unwrap();
    /// assert!(!cfg.call_bool_or("return_attention_scores", false).unwrap());
    /// ```
    pub fn call_bool_or(&self, key: &str, default: bool) -> Result<bool> {
        self.read_beyond();
        let Some((nodes, entry_at)) = self.calls.and_then(|(n, at)| Some((n.as_array()?, at)))
        else {
            return Ok(default);
        };
        let mut found: Option<bool> = None;
        for (k, node) in nodes.enumerate() {
            // Keras 3: {"args": ..., "kwargs": {...}}; tf.keras 2: a list of
            // [layer_name, node_index, tensor_index, kwargs] per input.
            let value = if node.is_object() {
                node.get("kwargs").and_then(|kw| kw.get(key))
            } else {
                node.as_array()
                    .and_then(|mut items| items.next())
                    .and_then(JsonRef::as_array)
                    .and_then(|mut i| i.nth(3))
                    .and_then(|kw| kw.get(key))
            };
            // The path is only built for an error.
            let at = || {
                if node.is_object() {
                    format!("{}.inbound_nodes[{k}].kwargs.{key}", entry_at.get())
                } else if node.is_array() {
                    format!("{}.inbound_nodes[{k}][0][3].{key}", entry_at.get())
                } else {
                    String::new()
                }
            };
            let value = match value.and_then(JsonRef::non_null) {
                None => default,
                Some(v) => v.as_bool().ok_or_else(|| {
                    cfg_error(&at(), format!("expected a boolean, found {}", v.kind()))
                })?,
            };
            match found {
                Some(f) if f != value => {
                    return Err(cfg_error(
                        &at(),
                        format!(
                            "the layer is called with different `{key}` values; kerasinfo's layers take it once"
                        ),
                    ));
                }
                _ => found = Some(value),
            }
        }
        Ok(found.unwrap_or(default))
    }
}

/// The dtype policy the importer last read from a serialized policy
/// object (not a `DTypePolicyMap`, which depends on the layer), by the
/// nodes of the object's `class_name` and `config` values in a parsed
/// document. Keras writes the same policy object in every layer's config;
/// the parser shares the values of a repeated object's keys, so that the
/// policy is read once.
#[derive(Debug, Default)]
pub(crate) struct PolicyMemo(std::cell::Cell<Option<(PolicyKey, Option<DTypePolicy>)>>);

/// The nodes of a policy object's `class_name` and `config` values.
type PolicyKey = (usize, usize);

impl PolicyMemo {
    /// The key of a policy object whose `class_name` and `config` are
    /// `class` and `config` (`None` for a tree's).
    fn key(class: Option<JsonRef<'_>>, config: Option<JsonRef<'_>>) -> Option<PolicyKey> {
        match (class?, config?) {
            (JsonRef::Flat(_, class), JsonRef::Flat(_, config)) => Some((class, config)),
            _ => None,
        }
    }

    /// The policy read for `key`, if it is the last one read.
    fn get(&self, key: PolicyKey) -> Option<Option<DTypePolicy>> {
        self.0.get().filter(|(k, _)| *k == key).map(|(_, p)| p)
    }

    /// Keeps `policy`, read from the object of `key` (not a map's).
    fn set(&self, key: PolicyKey, policy: Option<DTypePolicy>) {
        self.0.set(Some((key, policy)));
    }
}

/// The activation `name`, shared when it is one of Keras's
/// ([`crate::args::ACTIVATIONS`]), copied otherwise.
fn shared_activation(name: &str) -> Cow<'static, str> {
    crate::args::ACTIVATIONS
        .iter()
        .find(|known| **known == name)
        .map_or_else(
            || Cow::Owned(name.to_owned()),
            |known| Cow::Borrowed(*known),
        )
}

/// An integer or a list of integers (axes, `keras.ops` arguments) as a
/// list.
pub(crate) fn as_ints(v: &Value<'_>) -> Option<Vec<i64>> {
    ints_of(JsonRef::Tree(v))
}

/// [`as_ints`] of a value of a parsed document or a tree.
pub(crate) fn ints_of(v: JsonRef<'_>) -> Option<Vec<i64>> {
    match int_of(v) {
        Some(n) => Some(vec![n]),
        None => v.as_array()?.map(int_of).collect(),
    }
}

/// An integer JSON value (also an integral float like `3.0`).
pub(crate) fn as_int(v: &Value<'_>) -> Option<i64> {
    int_of(JsonRef::Tree(v))
}

/// An integer JSON value (also an integral float like `3.0`).
pub(crate) fn int_of(v: JsonRef<'_>) -> Option<i64> {
    v.as_i64().or_else(|| {
        let f = v.as_f64()?;
        #[allow(clippy::cast_possible_truncation)]
        let n = f as i64;
        // Integral and in range: exact.
        (f.fract() == 0.0 && f.abs() < 9.0e15).then_some(n)
    })
}

/// The value under `key` of the object `v` at `at`, or an error.
pub(crate) fn field<'a>(v: JsonRef<'a>, key: &str, at: &str) -> Result<JsonRef<'a>> {
    v.get(key)
        .ok_or_else(|| cfg_error(at, format!("missing key `{key}`")))
}

/// A constant argument of an operation's node (Keras serializes Python
/// numbers as JSON numbers).
pub(crate) fn constant(v: JsonRef<'_>, at: &str) -> Result<f64> {
    v.as_f64().ok_or_else(|| {
        cfg_error(
            at,
            format!("expected a tensor or a number, found {}", v.kind()),
        )
    })
}
