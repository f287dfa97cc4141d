//! The config importer never panics: arbitrary bytes, and real Keras
//! configs with values replaced or keys removed at random, give a model or
//! an error.

#![cfg(feature = "keras-json")]

mod common;

use kerasinfo::config::Registry;
use kerasinfo::formats::load_bytes;
use proptest::prelude::*;
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = common::fixture_dir("core").join(format!("{name}.config.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Every (path, value) position in a JSON tree, depth first.
fn positions(v: &Value, out: &mut Vec<Vec<PathStep>>, path: &mut Vec<PathStep>) {
    out.push(path.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                path.push(PathStep::Key(k.clone()));
                positions(child, out, path);
                path.pop();
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                path.push(PathStep::Index(i));
                positions(child, out, path);
                path.pop();
            }
        }
        _ => {}
    }
}

#[derive(Debug, Clone)]
enum PathStep {
    Key(String),
    Index(usize),
}

fn at_mut<'a>(v: &'a mut Value, path: &[PathStep]) -> Option<&'a mut Value> {
    let mut cur = v;
    for step in path {
        cur = match step {
            PathStep::Key(k) => cur.get_mut(k.as_str())?,
            PathStep::Index(i) => cur.get_mut(*i)?,
        };
    }
    Some(cur)
}

fn replacement(kind: u8) -> Value {
    match kind % 8 {
        0 => Value::Null,
        1 => serde_json::json!(-1),
        2 => serde_json::json!(0),
        3 => serde_json::json!(u64::MAX),
        4 => serde_json::json!("bogus"),
        5 => serde_json::json!([]),
        6 => serde_json::json!({}),
        _ => serde_json::json!([null, -5, 1e300]),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = load_bytes(&bytes, &Registry::new()).map(|l| l.model);
    }

    #[test]
    fn mutated_configs_never_panic(
        model in prop::sample::select(vec!["seed", "residual", "nested", "shared_layer", "multi_io", "seq_cnn"]),
        picks in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), any::<bool>()), 1..4),
    ) {
        let mut v = fixture(model);
        for (index, kind, remove) in picks {
            let mut all = Vec::new();
            positions(&v, &mut all, &mut Vec::new());
            let path = index.get(&all).clone();
            if remove
                && let Some((last, parent)) = path.split_last()
                    && let (PathStep::Key(k), Some(Value::Object(m))) = (last, at_mut(&mut v, parent)) {
                        m.remove(k);
                        continue;
                    }
            if let Some(slot) = at_mut(&mut v, &path) {
                *slot = replacement(kind);
            }
        }
        let text = serde_json::to_vec(&v).unwrap();
        kerasinfo::naming::clear_session();
        if let Ok(m) = load_bytes(&text, &Registry::new()).map(|l| l.model) {
            // A model that imports also summarizes and renders.
            let s = m.summary();
            let _ = s.to_string();
        }
    }
}
