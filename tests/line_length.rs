//! Every `line_length` from 0 to 200 (and 240, 300, 500), with and without
//! `show_trainable`, on four core models: kerasinfo prints the text Keras 3
//! prints byte for byte, and refuses exactly the widths Keras refuses
//! (fixtures: scripts/gen_line_length_fixtures.py).

mod common;
#[path = "models/core.rs"]
mod models;

use std::io::Read;

use common::fixture_dir;
use kerasinfo::prelude::*;
use serde_json::Value;

fn cases(name: &str) -> Vec<Value> {
    let path = fixture_dir("line_length").join(format!("{name}.json.gz"));
    let bytes = std::fs::read(&path).unwrap();
    let mut text = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut text)
        .unwrap();
    serde_json::from_str::<Value>(&text)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn check(name: &str, model: kerasinfo::Result<Model>) {
    let summary = model.unwrap().summary();
    let cases = cases(name);
    assert_eq!(cases.len(), 408);
    let mut refused = 0;
    for case in &cases {
        let n = usize::try_from(case["line_length"].as_u64().unwrap()).unwrap();
        let show_trainable = case["show_trainable"].as_bool().unwrap();
        let options = Keras3Options::new()
            .line_length(n)
            .show_trainable(show_trainable)
            .console_width(200);
        let ours = summary.render(&options);
        match (case.get("text").and_then(Value::as_str), ours) {
            (Some(keras), Ok(text)) => {
                assert_eq!(
                    text, keras,
                    "{name}: line_length={n} show_trainable={show_trainable}"
                );
            }
            (None, Err(e)) => {
                let keras = case["error"].as_str().unwrap();
                assert_eq!(
                    keras, "ValueError: Insufficient console width to print summary.",
                    "{name}: line_length={n}"
                );
                assert!(e.to_string().contains("insufficient console width"), "{e}");
                refused += 1;
            }
            (keras, ours) => panic!(
                "{name}: line_length={n} show_trainable={show_trainable}: Keras {}, kerasinfo {}",
                keras.map_or("raised", |_| "printed"),
                ours.map_or_else(|e| format!("raised {e}"), |_| "printed".to_owned())
            ),
        }
    }
    assert!(
        refused > 0,
        "{name}: the fixture has narrow widths Keras refuses"
    );
}

#[test]
fn seed() {
    check("seed", models::seed());
}

#[test]
fn long_names() {
    check("long_names", models::long_names());
}

#[test]
fn multi_io() {
    check("multi_io", models::multi_io());
}

#[test]
fn nested() {
    check("nested", models::nested());
}
