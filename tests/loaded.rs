//! Every config fixture, imported, against what Keras reports for the
//! model it **loads** from that config (issue #12;
//! `scripts/gen_loaded_fixtures.py`, `tests/fixtures/loaded/<group>.json.gz`):
//! rows, every weight's path, shape, flag and dtype, the totals, and every
//! summary variant byte for byte (tf.keras 2 configs with the tf.keras 2
//! renderer, as tf_keras printed them). The check is
//! `common::check_loaded`, which the other import tests use too.

#![cfg(feature = "keras-json")]

mod common;

use kerasinfo::config::model_from_json;
use kerasinfo::naming::clear_session;

/// Configs Keras 3 refuses to load (its own `model_from_json` raises): a
/// `Lambda` of a Python lambda (refused in safe mode), and two models whose
/// preprocessing layers' configs Keras cannot rebuild. kerasinfo imports
/// them as the models built in code (tests/config_import.rs).
const KERAS_REFUSES: &[&str] = &[
    "attention_core/core_misc",
    "attention_core/masking_seq",
    "preprocessing/augmentation_all",
    "preprocessing/stft",
];

fn groups() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(common::fixture_dir("loaded"))
        .unwrap()
        .filter_map(|e| {
            let n = e.unwrap().file_name().into_string().unwrap();
            n.strip_suffix(".json.gz").map(str::to_owned)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_config_imports_as_keras_loads_it() {
    let mut failures = Vec::new();
    let mut n = 0;
    for group in groups() {
        let recs = common::loaded_records(&group);
        for (name, rec) in recs.as_object().unwrap() {
            let id = format!("{group}/{name}");
            if rec.get("error").is_some() {
                assert!(
                    KERAS_REFUSES.contains(&id.as_str()),
                    "{id}: Keras refused it: {rec}"
                );
                continue;
            }
            n += 1;
            let r = std::panic::catch_unwind(|| {
                let config = common::read_maybe_gz(&group, &format!("{name}.config.json")).unwrap();
                clear_session();
                let model = model_from_json(&config).unwrap_or_else(|e| panic!("{id}: {e}"));
                common::check_loaded(&group, name, &model);
            });
            if r.is_err() {
                failures.push(id);
            }
        }
    }
    assert!(n >= 450, "{n} configs");
    assert!(
        failures.is_empty(),
        "{} of {n} differ from the loaded models:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
