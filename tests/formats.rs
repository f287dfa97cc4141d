//! Every file a Keras model lives in, read with `kerasinfo::formats` and
//! checked against what Keras prints for the model it LOADS from that file
//! (`scripts/gen_formats_fixtures.py`, tests/fixtures/formats/): Keras 3's
//! `keras.saving.load_model` (`.keras`, legacy `.h5`), tf_keras's
//! `tf_keras.models.load_model` (`.h5`, SavedModel) and tensorflowjs's own
//! loader (TF.js `model.json`, a tf_keras model).

#![cfg(all(feature = "hdf5", feature = "saved-model"))]

mod common;
mod keras2_fixture;

use std::path::{Path, PathBuf};

use common::{check_layer_order, check_row, check_totals, check_weight_shape_and_flag};
use kerasinfo::config::Registry;
use kerasinfo::formats::{LoadedModel, SavedFormat, StoredWeights, load, load_bytes};
use kerasinfo::naming::clear_session;
use kerasinfo::render::keras2;
use serde_json::Value;

fn dir() -> PathBuf {
    common::fixture_dir("formats")
}

fn json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn load_fixture(file: &str) -> LoadedModel {
    clear_session();
    load(dir().join(file), &Registry::new()).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The saved files with a `.loaded.json` (what Keras loaded from them).
fn loaded_files() -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        if entry.path().is_dir() && entry.path().join("model.json.loaded.json").exists() {
            out.push(format!("{name}/model.json"));
        } else if let Some(file) = name.strip_suffix(".loaded.json") {
            out.push(file.to_owned());
        }
    }
    out.sort();
    out
}

/// The summary of what kerasinfo loads against what Keras loaded: layers,
/// counts, weights, totals, and each variant's text byte for byte.
fn check_loaded(file: &str, loaded: &LoadedModel) -> usize {
    let fx = json(&dir().join(format!("{file}.loaded.json")));
    let s = loaded.model.summary();
    let mut texts = 0;
    for tag in ["keras3", "keras2"] {
        let Some(k) = fx.get(tag) else { continue };
        let ctx = format!("formats/{file} ({tag})");
        assert_eq!(s.name, k["name"].as_str().unwrap(), "{ctx}: model name");
        let layers = check_layer_order(&ctx, &s, k);
        for (row, l) in s.rows.iter().zip(layers) {
            let lctx = format!("{ctx}: layer {}", row.name);
            let shape = match tag {
                "keras3" => row.output_shape_text(),
                _ => keras2::output_shape_text(row),
            };
            for (w, f) in row.weights().iter().zip(check_row(&lctx, row, &shape, l)) {
                // Keras 3's paths as it loads the file (a `.keras` config's
                // layers are built at the root name scope, a legacy `.h5`
                // config's, which has no `build_config`, in their model's).
                if let Some(p) = f.get("path").and_then(Value::as_str) {
                    assert_eq!(w.path, p, "{lctx}: weight path");
                }
                check_weight_shape_and_flag(&lctx, w, f);
                assert_eq!(w.dtype.name(), f["dtype"].as_str().unwrap(), "{lctx}");
            }
        }
        check_totals(&ctx, &s, k, 0);
        for (variant, kwargs) in k["variants"].as_object().unwrap() {
            let path = dir().join(format!("{file}__{tag}__{variant}.txt"));
            let expected = std::fs::read_to_string(&path).unwrap();
            let got = match tag {
                "keras3" => s.render(&common_options(kwargs)).unwrap(),
                _ => keras2::render(&s, &keras2_fixture::options(kwargs)).unwrap(),
            };
            assert_eq!(got, expected, "{ctx}: variant {variant}");
            texts += 1;
        }
    }
    texts
}

fn common_options(kwargs: &Value) -> kerasinfo::Keras3Options {
    kerasinfo::Keras3Options::new().show_trainable(kwargs["show_trainable"].as_bool() == Some(true))
}

fn stored_listing(s: &StoredWeights) -> Value {
    Value::Array(
        s.weights
            .iter()
            .map(|w| {
                serde_json::json!({"group": w.group, "name": w.name, "shape": w.shape, "dtype": w.dtype})
            })
            .collect(),
    )
}

#[test]
fn every_saved_file_summarizes_as_keras_loads_it() {
    let files = loaded_files();
    assert_eq!(files.len(), 11, "{files:?}");
    let mut texts = 0;
    let mut formats = Vec::new();
    for file in &files {
        let loaded = load_fixture(file);
        texts += check_loaded(file, &loaded);
        formats.push(loaded.format);
        let expected = if file.ends_with(".keras") {
            SavedFormat::KerasArchive
        } else if file.ends_with(".h5") {
            SavedFormat::LegacyHdf5
        } else if file.ends_with("_savedmodel") {
            SavedFormat::SavedModel
        } else {
            SavedFormat::TfjsLayers
        };
        assert_eq!(loaded.format, expected, "{file}");
    }
    assert!(texts >= 22, "{texts} texts compared");
}

#[test]
fn stored_weights_are_listed_as_h5py_and_the_manifest_list_them() {
    let mut checked = 0;
    for file in loaded_files() {
        let path = dir().join(format!("{file}.stored.json"));
        let loaded = load_fixture(&file);
        if !path.exists() {
            // SavedModel variables are not read.
            assert_eq!(loaded.format, SavedFormat::SavedModel, "{file}");
            assert!(loaded.stored_weights.is_none());
            continue;
        }
        let fx = json(&path);
        let stored = loaded.stored_weights.as_ref().expect(&file);
        assert_eq!(stored.layout.name(), fx["layout"], "{file}");
        assert_eq!(stored_listing(stored), fx["weights"], "{file}");
        // Keras loaded these weights: nothing is missing, extra or wrongly shaped.
        let check = loaded.check_weights().unwrap();
        assert!(check.is_ok(), "{file}: {check}");
        assert!(check.weights.iter().all(|w| w.stored.is_some()));
        assert_eq!(check.weights.len(), stored.weights.len(), "{file}");
        checked += 1;
    }
    assert_eq!(checked, 9);
}

#[test]
fn versions_come_from_the_files() {
    let cases = [
        ("k3_seq.keras", "3.15.1"),
        ("k3_seq.h5", "3.15.1"),
        ("tk2_seq.h5", "2.21.0"),
        ("tk2_seq_savedmodel", "2.21.0"),
        ("tk2_seq_tfjs/model.json", "2.21.0"),
    ];
    for (file, version) in cases {
        assert_eq!(
            load_fixture(file).keras_version.as_deref(),
            Some(version),
            "{file}"
        );
    }
}

#[test]
fn long_layer_name_lists_are_read_from_their_chunks() {
    // 260 names of 250 characters: Keras splits `layer_names` into
    // `layer_names0`, `layer_names1`, ...; the stored weights follow the
    // model's order, not HDF5's alphabetical one.
    let loaded = load_fixture("k3_long.h5");
    let fx = json(&dir().join("k3_long.h5.loaded.json"));
    assert_eq!(loaded.model.summary().rows.len(), 260);
    assert_eq!(
        loaded.model.summary().total_params,
        fx["keras3"]["total_params"]
    );
    let stored = loaded.stored_weights.unwrap();
    let groups: Vec<&str> = stored.weights.iter().map(|w| w.group.as_str()).collect();
    assert!(groups.first().unwrap().starts_with("l259_"), "{groups:?}");
    assert!(groups.last().unwrap().starts_with("l009_"), "{groups:?}");
}

#[test]
fn the_same_files_load_from_bytes() {
    for file in [
        "k3_seq.keras",
        "k3_func.h5",
        "tk2_seq_tfjs/model.json",
        "tk2_seq_savedmodel/keras_metadata.pb",
    ] {
        let bytes = std::fs::read(dir().join(file)).unwrap();
        clear_session();
        let from_bytes = load_bytes(&bytes, &Registry::new()).unwrap();
        let from_path = load_fixture(file);
        assert_eq!(from_bytes.format, from_path.format, "{file}");
        assert_eq!(
            from_bytes.stored_weights, from_path.stored_weights,
            "{file}"
        );
        assert_eq!(
            from_bytes.model.summary().to_string(),
            from_path.model.summary().to_string(),
            "{file}"
        );
    }
    // A SavedModel's saved_model.pb stands for its directory.
    let loaded = load_fixture("tk2_branch_savedmodel/saved_model.pb");
    assert_eq!(loaded.format, SavedFormat::SavedModel);
}

/// The weights of the model Keras builds from a bad file's config, against
/// the stored ones, by name: (layer, weight, model shape, stored shape).
fn expected_mismatches(fx: &Value) -> (Vec<(String, String)>, Vec<String>, usize) {
    let stored = fx["stored"]["weights"].as_array().unwrap();
    let plain = |n: &str| n.trim_end_matches(":0").to_owned();
    let mut wrong = Vec::new();
    let mut missing = Vec::new();
    let mut model_count = 0;
    for layer in fx["model"].as_array().unwrap() {
        for w in layer["weights"].as_array().unwrap() {
            model_count += 1;
            let name = plain(w["name"].as_str().or(w["path"].as_str()).unwrap());
            let found = stored.iter().find(|s| {
                let sn = plain(s["name"].as_str().unwrap());
                sn == name || sn.ends_with(&format!("/{name}")) || name.ends_with(&format!("/{sn}"))
            });
            match found {
                Some(s) if s["shape"] != w["shape"] => {
                    wrong.push((layer["layer"].as_str().unwrap().to_owned(), name))
                }
                Some(_) => {}
                None => missing.push(layer["layer"].as_str().unwrap().to_owned()),
            }
        }
    }
    (wrong, missing, model_count)
}

#[test]
fn config_and_weights_that_disagree_are_reported_per_layer() {
    // bad_units.h5: `d1` has 5 units in the config, 3 in the weights.
    let loaded = load_fixture("bad_units.h5");
    let fx = json(&dir().join("bad_units.h5.bad.json"));
    assert!(
        fx["keras_error"]
            .as_str()
            .unwrap()
            .contains("Shape mismatch")
    );
    let check = loaded.check_weights().unwrap();
    let (wrong, missing, _) = expected_mismatches(&fx);
    assert!(missing.is_empty());
    let got: Vec<(String, String)> = check
        .weights
        .iter()
        .filter(|w| !w.matches())
        .map(|w| {
            (
                w.layer.clone(),
                w.stored
                    .as_ref()
                    .unwrap()
                    .name
                    .trim_end_matches(":0")
                    .to_owned(),
            )
        })
        .collect();
    assert_eq!(got, wrong);
    assert_eq!(check.mismatches().len(), 7);
    assert_eq!(
        check.mismatches()[0],
        "layer \"d1\" (Dense): weight seq/d1/kernel has shape (4, 5) in the model but (4, 3) in the file (d1/kernel:0, float32)"
    );

    // bad_no_beta.keras: BatchNormalization(center=False) in the config,
    // beta still stored (Keras: "expected 3 variables, but received 4").
    let loaded = load_fixture("bad_no_beta.keras");
    let fx = json(&dir().join("bad_no_beta.keras.bad.json"));
    assert!(
        fx["keras_error"]
            .as_str()
            .unwrap()
            .contains("expected 3 variables, but received 4")
    );
    let check = loaded.check_weights().unwrap();
    let (_, _, model_count) = expected_mismatches(&fx);
    assert_eq!(check.weights.len(), model_count);
    assert!(check.weights.iter().all(|w| w.matches()));
    assert_eq!(
        check.extra.len(),
        fx["stored"]["weights"].as_array().unwrap().len() - model_count
    );
    assert_eq!(check.extra[0].layer.as_deref(), Some("batch_normalization"));

    // bad_tfjs: the manifest lacks dense/bias and gives d1/kernel [4, 4].
    let loaded = load_fixture("bad_tfjs");
    let fx = json(&dir().join("bad_tfjs.bad.json"));
    let check = loaded.check_weights().unwrap();
    let (wrong, missing, _) = expected_mismatches(&fx);
    assert_eq!(wrong, [("d1".to_owned(), "d1/kernel".to_owned())]);
    assert_eq!(missing, ["dense"]);
    let lines = check.mismatches();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].contains("(4, 3) in the model but (4, 4) in the file"),
        "{lines:?}"
    );
    assert!(
        lines[1].starts_with("layer \"dense\" (Dense): weight ")
            && lines[1].ends_with("is missing from the file")
    );
}

fn load_err(file: &str) -> String {
    clear_session();
    load(dir().join(file), &Registry::new())
        .unwrap_err()
        .to_string()
}

#[test]
fn files_without_an_architecture_are_clear_errors() {
    for file in ["weights_only_tk2.h5", "weights_only_k3.weights.h5"] {
        let e = load_err(file);
        assert!(
            e.contains("a weights-only HDF5 file (written by `save_weights`)"),
            "{e}"
        );
        assert!(e.contains(file), "{e}");
    }
    // Wrong attribute types (Keras: TypeErrors).
    let e = load_err("bad_config_type.h5");
    assert!(
        e.ends_with("HDF5 attribute `model_config` is an integer, not a JSON string"),
        "{e}"
    );
    let e = load_err("bad_layer_names_type.h5");
    assert!(
        e.contains(
            "model_weights: attribute `layer_names` is a list of numbers, not a list of names"
        ),
        "{e}"
    );
}

fn temp_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("kerasinfo-formats-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn directories_and_json_that_hold_no_keras_model_are_clear_errors() {
    // A SavedModel that tf.keras did not write (tf.saved_model.save, Keras 3's export).
    let d = temp_dir("sm");
    std::fs::copy(
        dir().join("tk2_seq_savedmodel/saved_model.pb"),
        d.join("saved_model.pb"),
    )
    .unwrap();
    let e = load(&d, &Registry::new()).unwrap_err().to_string();
    assert!(
        e.contains("a SavedModel directory without keras_metadata.pb"),
        "{e}"
    );
    std::fs::remove_file(d.join("saved_model.pb")).unwrap();
    let e = load(&d, &Registry::new()).unwrap_err().to_string();
    assert!(e.contains("a directory that holds no Keras model"), "{e}");
    std::fs::remove_dir_all(&d).unwrap();

    let graph = br#"{"format": "graph-model", "modelTopology": {"node": [], "versions": {}}, "weightsManifest": []}"#;
    let e = load_bytes(graph, &Registry::new()).unwrap_err().to_string();
    assert!(e.starts_with("input: a TensorFlow.js graph model"), "{e}");
    let e = load_bytes(
        br#"{"format": "layers-model", "weightsManifest": []}"#,
        &Registry::new(),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("without `modelTopology`"), "{e}");
    let e = load_bytes(b"\x00\x01\x02garbage", &Registry::new())
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("input: not a Keras model file"), "{e}");
    let e = load_bytes(b"PK\x03\x04", &Registry::new())
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("input: .keras archive"), "{e}");
}

/// Truncated and corrupted files: errors, never panics.
#[test]
fn truncated_and_corrupted_files_are_errors() {
    let files = [
        "k3_seq.keras",
        "k3_seq.h5",
        "tk2_seq.h5",
        "tk2_seq_savedmodel/keras_metadata.pb",
        "tk2_seq_tfjs/model.json",
    ];
    let mut errors = 0;
    for file in files {
        let bytes = std::fs::read(dir().join(file)).unwrap();
        let step = (bytes.len() / 97).max(1);
        for cut in (0..bytes.len()).step_by(step) {
            clear_session();
            if load_bytes(&bytes[..cut], &Registry::new()).is_err() {
                errors += 1;
            }
        }
        let mut seed = 0x9e37_79b9_u64;
        for _ in 0..200 {
            let mut b = bytes.clone();
            for _ in 0..4 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let i = (seed as usize) % b.len();
                b[i] = (seed >> 40) as u8;
            }
            clear_session();
            if let Ok(m) = load_bytes(&b, &Registry::new()) {
                let _ = m.model.summary().to_string();
                let _ = m.check_weights().map(|c| c.to_string());
            }
        }
    }
    assert!(errors > 300, "{errors}");
}

/// Hand-made damage to the HDF5 structures the reader walks: errors that
/// name the file, never a panic or a hang.
#[test]
fn hostile_hdf5_structures_are_errors() {
    let good = std::fs::read(dir().join("k3_seq.h5")).unwrap();
    assert_eq!(
        good[8], 0,
        "superblock version 0 (what h5py writes by default)"
    );
    let root = usize::try_from(u64::from_le_bytes(good[64..72].try_into().unwrap())).unwrap();
    type Damage = Box<dyn Fn(&mut Vec<u8>)>;
    let cases: Vec<(&str, Damage)> = vec![
        ("superblock version 255", Box::new(|b| b[8] = 255)),
        ("offsets of 3 bytes", Box::new(|b| b[13] = 3)),
        (
            "root object header past the end",
            Box::new(|b| b[64..72].copy_from_slice(&u64::MAX.to_le_bytes())),
        ),
        (
            "root object header at 0 (the superblock)",
            Box::new(|b| b[64..72].fill(0)),
        ),
        (
            "root header claiming 4 GiB of messages",
            Box::new(move |b| {
                b[root + 2..root + 4].copy_from_slice(&u16::MAX.to_le_bytes());
                b[root + 8..root + 12].copy_from_slice(&u32::MAX.to_le_bytes());
            }),
        ),
        ("root header version 9", Box::new(move |b| b[root] = 9)),
        ("cut after the superblock", Box::new(|b| b.truncate(100))),
    ];
    for (what, damage) in cases {
        let mut b = good.clone();
        damage(&mut b);
        clear_session();
        let r = load_bytes(&b, &Registry::new());
        let e = r
            .err()
            .unwrap_or_else(|| panic!("{what}: read"))
            .to_string();
        assert!(e.starts_with("input: "), "{what}: {e}");
    }
}

/// A `.keras` archive whose `model.weights.h5` links a group into itself
/// (made with h5py): the walk stops at its bound with an error. (Keras
/// itself loads it: it reads each layer's variables by path, and walks no
/// group.)
#[test]
fn cyclic_weight_groups_are_errors() {
    let e = load_err("bad_cycle.keras");
    assert!(
        e.ends_with("model.weights.h5: HDF5: layers/dense: groups nest more than 64 deep (a group linked into itself?)"),
        "{e}"
    );
}
