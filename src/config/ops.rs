//! Reading Keras 3 operation nodes (module `keras.src.ops.*`) of a config:
//! each operation type of [`crate::ops`] registers its Keras class name(s)
//! and its reader (`crate::ops::register`); the importer looks them up
//! here.

use std::sync::OnceLock;

use super::cfg::{Cfg, cfg_error, field};
use super::doc::JsonRef;
use crate::error::Result;
use crate::layer::Layer;
use crate::ops::read::{OpCall, OpReaders};

/// Every operation kerasinfo reads, registered by the operations.
fn readers() -> &'static OpReaders {
    static READERS: OnceLock<OpReaders> = OnceLock::new();
    READERS.get_or_init(|| {
        let mut r = OpReaders::default();
        crate::ops::register(&mut r);
        r
    })
}

/// Builds a Keras 3 operation node (module `keras.src.ops.*`) from its
/// config and the `args`/`kwargs` of its first inbound node.
pub(super) fn operation(entry: JsonRef<'_>, class: &str, at: &str) -> Result<Box<dyn Layer>> {
    let cfg_at = format!("{at}.config");
    let cfg = Cfg::from_ref(field(entry, "config", at)?, &cfg_at)?;
    let node_at = format!("{at}.inbound_nodes[0]");
    let node = entry
        .get("inbound_nodes")
        .and_then(JsonRef::as_array)
        .and_then(|mut n| n.next());
    let call = OpCall {
        class,
        cfg: &cfg,
        args: node.and_then(|n| n.get("args")),
        kwargs: node.and_then(|n| n.get("kwargs")),
        node_at: &node_at,
    };
    let Some(read) = readers().get(class) else {
        let module = entry.get("module").and_then(JsonRef::as_str).unwrap_or("?");
        return Err(cfg_error(
            &format!("{at}.class_name"),
            format!("unknown operation {class:?} (module {module:?})"),
        ));
    };
    let mut layer = read(&call)?;
    if let Some(n) = cfg.opt_str("name")? {
        layer.config_mut().set_name_str(n);
    }
    Ok(layer)
}
