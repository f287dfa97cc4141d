//! The Markdown renderer. Expected text is built from Keras's fixtures
//! (tests/fixtures/core/: the per-layer figures of `<name>.json`, the
//! `Connected to` cells and totals lines of the summary Keras printed),
//! laid out in the documented Markdown format.

use std::path::PathBuf;

#[path = "models/core.rs"]
mod core_models;

use kerasinfo::naming::clear_session;
use kerasinfo::prelude::*;
use kerasinfo::render::markdown::{MarkdownOptions, render};
use serde_json::Value;

type R = kerasinfo::Result<()>;

fn core(file: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/core")
        .join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn commas(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The `Connected to` cell of each row of a Keras 3 summary table
/// (each connection on its own line there), or `None` for a table without
/// that column.
fn keras_connected_to(text: &str) -> Option<Vec<String>> {
    let header = text.lines().find(|l| l.starts_with('┃'))?;
    let col = header.split('┃').position(|c| c.trim() == "Connected to")?;
    let mut rows = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut in_body = false;
    for line in text.lines() {
        if line.starts_with('┡') {
            in_body = true;
        } else if in_body && (line.starts_with('├') || line.starts_with('└')) {
            rows.push(current.join(" "));
            current.clear();
            if line.starts_with('└') {
                break;
            }
        } else if in_body && line.starts_with('│') {
            let cell = line.split('│').nth(col).unwrap().trim();
            assert!(!cell.ends_with('…'), "truncated cell in fixture: {line}");
            if !cell.is_empty() {
                current.push(cell.to_owned());
            }
        }
    }
    Some(rows)
}

/// Markdown the documented format gives for Keras's figures.
fn expected(name: &str, variant: &str, show_trainable: bool) -> String {
    let json: Value = serde_json::from_str(&core(&format!("{name}.json"))).unwrap();
    let text = core(&format!("{name}__{variant}.txt"));
    let connected = keras_connected_to(&text);
    let mut out = format!("**Model: \"{}\"**\n\n", json["name"].as_str().unwrap());
    let mut header = vec!["Layer (type)", "Output Shape", "Param #"];
    let mut align = vec![":---", ":---", "---:"];
    if connected.is_some() {
        header.push("Connected to");
        align.push(":---");
    }
    if show_trainable {
        header.push("Trainable");
        align.push(":---:");
    }
    out += &format!("| {} |\n| {} |\n", header.join(" | "), align.join(" | "));
    let layers = json["layers"].as_array().unwrap();
    if let Some(c) = &connected {
        assert_eq!(c.len(), layers.len());
    }
    for (i, l) in layers.iter().enumerate() {
        let name = l["name"].as_str().unwrap();
        assert!(
            !name.contains(['|', '\\', '*', '`', '<', '>', '[', ']']) && !name.starts_with('_')
        );
        let mut cells = vec![
            format!("{name} ({})", l["class_name"].as_str().unwrap()),
            l["output_shape"].as_str().unwrap().to_owned(),
            commas(l["params"].as_u64().unwrap()),
        ];
        if let Some(c) = &connected {
            cells.push(c[i].replace('[', "\\[").replace(']', "\\]"));
        }
        if show_trainable {
            let t = if l["weights"].as_array().unwrap().is_empty() {
                "-"
            } else if l["trainable"].as_bool().unwrap() {
                "Y"
            } else {
                "N"
            };
            cells.push(t.to_owned());
        }
        out += &format!("| {} |\n", cells.join(" | "));
    }
    out.push('\n');
    for prefix in [
        " Total params: ",
        " Trainable params: ",
        " Non-trainable params: ",
    ] {
        let line = text.lines().find(|l| l.starts_with(prefix)).unwrap();
        out += &format!("- {}\n", line.trim_start());
    }
    out
}

fn check(model: &Model, name: &str, variant: &str, show_trainable: bool) {
    let got = render(
        &model.summary(),
        &MarkdownOptions::new().show_trainable(show_trainable),
    )
    .unwrap();
    assert_eq!(
        got,
        expected(name, variant, show_trainable),
        "{name}__{variant}"
    );
}

#[test]
fn seq_mlp() -> R {
    clear_session();
    let model = core_models::seq_mlp()?;
    check(&model, "seq_mlp", "default", false);
    check(&model, "seq_mlp", "line120", true);
    Ok(())
}

#[test]
fn residual() -> R {
    clear_session();
    let model = core_models::residual()?;
    check(&model, "residual", "line150", false);
    check(&model, "residual", "line150", true);
    Ok(())
}

#[test]
fn multi_io() -> R {
    clear_session();
    let model = core_models::multi_io()?;
    check(&model, "multi_io", "default", false);
    check(&model, "multi_io", "show_trainable", true);
    Ok(())
}

#[test]
fn frozen_layers() -> R {
    clear_session();
    let model = core_models::frozen_layers()?;
    check(&model, "frozen_layers", "default", false);
    check(&model, "frozen_layers", "show_trainable", true);
    Ok(())
}

fn nested_model() -> kerasinfo::Result<Model> {
    clear_session();
    core_models::nested()
}

#[test]
fn nested() -> R {
    let model = nested_model()?;
    check(&model, "nested", "default", false);
    Ok(())
}

/// Expanded nested rows: the layers Keras lists under `encoder` in
/// `nested__expand.txt`, in that order, with its shapes and counts.
#[test]
fn nested_expanded() -> R {
    let model = nested_model()?;
    let got = render(
        &model.summary(),
        &MarkdownOptions::new().expand_nested(true),
    )?;
    let keras = core("nested__expand.txt");
    // (name, shape, params) from the first line of each nested row.
    let keras_nested: Vec<(String, String, String)> = keras
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('│').collect();
            let name = cells.get(1)?.trim().strip_prefix("└ ")?;
            Some((
                name.split(' ').next().unwrap().to_owned(),
                cells[2].trim().to_owned(),
                cells[3].trim().to_owned(),
            ))
        })
        .collect();
    assert_eq!(keras_nested.len(), 3, "{keras}");
    let ours: Vec<&str> = got
        .lines()
        .filter_map(|l| l.strip_prefix("| \u{a0}\u{a0}\u{a0}└ "))
        .collect();
    assert_eq!(ours.len(), keras_nested.len(), "{got}");
    for (line, (name, shape, params)) in ours.iter().zip(&keras_nested) {
        assert!(line.starts_with(&format!("{name} (")), "{line} vs {name}");
        assert!(
            line.ends_with(&format!(" | {shape} | {params} |")),
            "{line}"
        );
    }
    // Outside the nested rows, the table and totals are the unexpanded ones.
    let plain: String = got
        .lines()
        .filter(|l| !l.starts_with("| \u{a0}"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(plain, expected("nested", "expand", false));
    Ok(())
}

#[test]
fn pipes_are_escaped() -> R {
    clear_session();
    let model = Sequential::new()
        .name("a|b")
        .add(Input::new([3]))
        .add(Dense::new(2).name("x|y"))
        .build()?;
    let got = render(&model.summary(), &MarkdownOptions::new())?;
    assert!(got.starts_with("**Model: \"a\\|b\"**\n"), "{got}");
    assert!(
        got.contains("\n| x\\|y (Dense) | (None, 2) | 8 |\n"),
        "{got}"
    );
    Ok(())
}
