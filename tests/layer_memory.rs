//! Per-layer memory (`SummaryRow::activation_bytes`, `param_bytes`) and
//! the renderers that show it (`--show-memory`, CSV): per layer against
//! the output shapes, output dtypes and weights Keras reports
//! (tests/fixtures/dtype), in total against `Model::memory` and
//! torchinfo's own figures (tests/fixtures/memory).

#![cfg(feature = "keras-json")]

mod common;

use kerasinfo::layer::with_dtype_policy;
use kerasinfo::prelude::*;
use kerasinfo::render::csv::{self, CsvOptions};
use kerasinfo::{DType, DTypePolicy, Model};
use serde_json::Value;

fn load(group: &str, name: &str) -> Value {
    let path = common::fixture_dir(group).join(format!("{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn import(group: &str, name: &str) -> Model {
    let json =
        std::fs::read_to_string(common::fixture_dir(group).join(format!("{name}.config.json")))
            .unwrap();
    kerasinfo::naming::clear_session();
    kerasinfo::config::model_from_json(&json).unwrap()
}

fn elements(shape_text: &str, batch: u64) -> u64 {
    shape_text
        .trim_matches(|c| c == '(' || c == ')')
        .split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            if d == "None" {
                batch
            } else {
                d.parse().unwrap()
            }
        })
        .product()
}

fn bytes_of(dtype: &str) -> u64 {
    kerasinfo::memory::element_bytes(DType::from_name(dtype).unwrap())
}

#[test]
fn each_layer_matches_keras_shapes_dtypes_and_weights() {
    let mut layers_checked = 0;
    for name in common::fixture_names("dtype", ".config.json") {
        let fx = load("dtype", &name);
        let p = &fx["policy"];
        let global = DTypePolicy::from_name(p["model_policy"].as_str().unwrap()).unwrap();
        let json = std::fs::read_to_string(
            common::fixture_dir("dtype").join(format!("{name}.config.json")),
        )
        .unwrap();
        kerasinfo::naming::clear_session();
        let model =
            with_dtype_policy(global, || kerasinfo::config::model_from_json(&json)).unwrap();
        let s = model.summary();
        for (l, pl) in fx["layers"]
            .as_array()
            .unwrap()
            .iter()
            .zip(p["layers"].as_array().unwrap())
        {
            let row = s.row(l["name"].as_str().unwrap()).unwrap();
            let ctx = format!("{name}: {}", row.name);
            // Weights: Keras's shapes at Keras's dtypes.
            let want: u64 = l["weights"]
                .as_array()
                .unwrap()
                .iter()
                .map(|w| {
                    w["shape"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|d| d.as_u64().unwrap())
                        .product::<u64>()
                        * bytes_of(w["dtype"].as_str().unwrap())
                })
                .sum();
            assert_eq!(row.param_bytes().unwrap(), want, "{ctx}: param bytes");
            if row.nested.is_some() {
                continue;
            }
            let outs = pl["output_dtypes"].as_array().unwrap();
            for batch in [1u64, 5] {
                let want = elements(l["output_shape"].as_str().unwrap(), batch)
                    * bytes_of(outs[0].as_str().unwrap());
                assert_eq!(
                    row.activation_bytes(batch).unwrap(),
                    Some(want),
                    "{ctx}: activations at batch {batch}"
                );
            }
            layers_checked += 1;
        }
    }
    assert!(layers_checked > 100, "{layers_checked}");
}

/// The rows add up to `Model::memory`'s figures.
fn check_consistent(ctx: &str, model: &Model) {
    let s = model.summary();
    for batch in [1u64, 7] {
        let Ok(plan) = model.memory(batch, None) else {
            // Unknown dimensions, or an input's fixed batch size.
            continue;
        };
        let (mut forward, mut inputs, mut params) = (0, 0, 0);
        for r in &s.rows {
            let b = r.activation_bytes(batch).unwrap().unwrap();
            if r.is_input {
                inputs += b;
            } else {
                forward += b;
            }
            params += r.param_bytes().unwrap();
        }
        assert_eq!(forward, plan.forward_bytes, "{ctx}: forward at {batch}");
        if s.class_name == "Functional" {
            assert_eq!(inputs, plan.input_bytes, "{ctx}: inputs at {batch}");
        }
        if s.rows.iter().all(|r| r.nested.is_none()) {
            assert_eq!(params, plan.params_bytes, "{ctx}: params");
        }
    }
}

#[test]
fn rows_add_up_to_the_memory_plan() {
    let mut n = 0;
    for group in ["core", "dtype", "applications", "mask", "conv", "recurrent"] {
        for name in common::fixture_names(group, ".config.json") {
            let model = import(group, &name);
            check_consistent(&format!("{group}/{name}"), &model);
            n += 1;
        }
    }
    // Rebuilt models, nested models called on their new shapes included.
    for name in common::fixture_names("input_shape", ".rebuilt.json") {
        let fx = load("input_shape", &format!("{name}.rebuilt"));
        let shapes: Vec<Vec<Option<u64>>> = fx["input_shapes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_array().unwrap().iter().map(Value::as_u64).collect())
            .collect();
        let model = import("input_shape", &name)
            .with_input_shapes(shapes)
            .unwrap();
        check_consistent(&format!("input_shape/{name}"), &model);
        n += 1;
    }
    assert!(n > 100, "{n}");
}

#[test]
fn weighted_rows_give_torchinfos_forward_backward_size() {
    // torchinfo's "Forward/backward pass size": twice the output bytes of
    // every layer with parameters (tests/fixtures/memory, from torchinfo
    // 1.8 on the PyTorch twins of these models).
    let twins = |name: &str| -> Model {
        kerasinfo::naming::clear_session();
        match name {
            "mlp" => Sequential::new()
                .add(Input::new([20]))
                .add(Dense::new(32).activation("relu"))
                .add(LayerNormalization::new())
                .add(Dropout::new(0.1))
                .add(Dense::new(10))
                .build(),
            "cnn" => (|| {
                let x_in = Input::new([16, 16, 3]).tensor()?;
                let x = ZeroPadding2D::new((1, 1)).call(&x_in)?;
                let x = Conv2D::new(8, (3, 3)).call(&x)?;
                let x = BatchNormalization::new().call(&x)?;
                let x = Activation::new("relu").call(&x)?;
                let x = MaxPooling2D::new((2, 2)).call(&x)?;
                let x = Flatten::new().call(&x)?;
                let x = Dense::new(1).activation("sigmoid").call(&x)?;
                Functional::new(&x_in, &x).build()
            })(),
            _ => (|| {
                let a = Input::new([6]).tensor()?;
                let b = Input::new([4]).tensor()?;
                let h = Dense::new(5).call(&a)?;
                let h = Concatenate::new().call([&h, &b])?;
                let h = Dense::new(3).call(&h)?;
                let y = Dense::new(2).call(&h)?;
                Functional::new([&a, &b], &y).build()
            })(),
        }
        .unwrap()
    };
    let mut checked = 0;
    for name in ["mlp", "cnn", "two_inputs"] {
        let model = twins(name);
        let s = model.summary();
        for run in load("memory", name)["runs"].as_array().unwrap() {
            if run["dtype"] != "float32" {
                continue;
            }
            let batch = run["batch_size"].as_u64().unwrap();
            let fb: u64 = s
                .rows
                .iter()
                .filter(|r| r.params > 0)
                .map(|r| 2 * r.activation_bytes(batch).unwrap().unwrap())
                .sum();
            assert_eq!(
                fb,
                run["total_output_bytes"].as_u64().unwrap(),
                "{name} {batch}"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 9);
}

/// `text` without the columns between the third and fifth column rule
/// of its first table line (the memory columns).
fn without_memory_columns(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let top: Vec<char> = lines[1].chars().collect();
    let seps: Vec<usize> = top
        .iter()
        .enumerate()
        .filter(|(i, c)| *i > 0 && matches!(c, '┳' | '┓'))
        .map(|(i, _)| i)
        .collect();
    let (from, to) = (seps[2], seps[4]);
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        if i >= 1 && chars.len() == top.len() {
            out.extend(&chars[..from]);
            out.extend(&chars[to..]);
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

#[test]
fn memory_columns_leave_kerass_columns_as_they_are() {
    let mut checked = 0;
    for name in [
        "residual",
        "nested",
        "multi_io",
        "long_names",
        "nested_frozen",
    ] {
        let s = import("core", name).summary();
        for options in [
            Keras3Options::new(),
            Keras3Options::new().show_trainable(true),
            Keras3Options::new().expand_nested(true),
            Keras3Options::new().line_length(150),
        ] {
            let plain = s.render(&options).unwrap();
            let with = s.render(&options.clone().show_memory(4)).unwrap();
            assert_eq!(without_memory_columns(&with), plain, "{name}:\n{with}");
            assert!(with.contains("Param memory") && with.contains("Activations"));
            checked += 1;
        }
    }
    assert_eq!(checked, 20);
}

#[test]
fn memory_cells_show_keras_sizes_and_unknowns() {
    kerasinfo::naming::clear_session();
    let m = Sequential::new()
        .add(Input::new([None, Some(8u64)]))
        .add(Dense::new(4).name("fc"))
        .build()
        .unwrap();
    let text = m
        .summary()
        .render(&Keras3Options::new().show_memory(2))
        .unwrap();
    // 36 float32 weights; the output's length is unknown.
    assert!(text.contains("│ fc (Dense)"), "{text}");
    assert!(
        text.contains("│       144.00 B │              ? │"),
        "{text}"
    );
    let at = m.with_input_shapes([[10, 8]]).unwrap();
    let text = at
        .summary()
        .render(&Keras3Options::new().show_memory(2))
        .unwrap();
    assert!(
        text.contains("│       144.00 B │       320.00 B │"),
        "{text}"
    );
    let md = kerasinfo::render::markdown::render(
        &at.summary(),
        &kerasinfo::render::markdown::MarkdownOptions::new().show_memory(2),
    )
    .unwrap();
    assert!(
        md.contains("| Layer (type) | Output Shape | Param # | Param memory | Activations |"),
        "{md}"
    );
    assert!(
        md.contains("| fc (Dense) | (None, 10, 4) | 36 | 144.00 B | 320.00 B |"),
        "{md}"
    );
}

/// RFC 4180 records (quoted fields, doubled quotes, CRLF).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CRLF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => {
                assert!(c != '\n' && c != '"', "unquoted {c:?}");
                field.push(c);
            }
        }
    }
    assert!(record.is_empty() && field.is_empty(), "ends with CRLF");
    records
}

#[test]
fn csv_has_one_record_per_row_with_the_summarys_figures() {
    for name in ["residual", "nested", "multi_io", "long_names"] {
        let s = import("core", name).summary();
        let text = csv::render(&s, &CsvOptions::new().batch_size(3)).unwrap();
        let records = parse_csv(&text);
        assert_eq!(records[0].len(), 13);
        assert_eq!(records.len(), s.rows.len() + 1, "{name}");
        for (rec, row) in records[1..].iter().zip(&s.rows) {
            assert_eq!(rec.len(), 13);
            assert_eq!(rec[0], row.name);
            assert_eq!(rec[1], row.class_name);
            assert_eq!(rec[2], "0");
            assert_eq!(rec[3], row.output_shape_text());
            assert_eq!(rec[4], row.params.to_string());
            assert_eq!(rec[7], row.trainable.to_string());
            assert_eq!(
                rec[8],
                row.cost().map(|c| c.macs.to_string()).unwrap_or_default()
            );
            assert_eq!(rec[10], row.param_bytes().unwrap().to_string());
            assert_eq!(
                rec[11],
                row.activation_bytes(3)
                    .unwrap()
                    .map(|b| b.to_string())
                    .unwrap_or_default()
            );
            let conn = if row.connected_to.is_empty() {
                String::new()
            } else {
                row.connected_to_text()
            };
            assert_eq!(rec[12], conn);
        }
        // Expanded: nested layers follow their model, one level deeper.
        let expanded = parse_csv(&csv::render(&s, &CsvOptions::new().expand_nested(true)).unwrap());
        let nested_rows: usize = s
            .rows
            .iter()
            .filter_map(|r| r.nested.as_deref())
            .map(|n| n.rows.iter().filter(|r| !r.is_operation).count())
            .sum();
        assert_eq!(expanded.len(), records.len() + nested_rows, "{name}");
        let depth0 = csv::render(&s, &CsvOptions::new().expand_nested_depth(0)).unwrap();
        assert_eq!(
            parse_csv(&depth0),
            parse_csv(&csv::render(&s, &CsvOptions::new().batch_size(1)).unwrap())
        );
    }
}

#[test]
fn csv_quotes_names_with_commas_quotes_and_newlines() {
    kerasinfo::naming::clear_session();
    let odd = "odd \"name\", with\r\na newline";
    let x = Input::new([3]).name("in,put").tensor().unwrap();
    let y = Dense::new(2).name(odd).call(&x).unwrap();
    let z = Concatenate::new().call([&y, &x]).unwrap();
    let m = Functional::new(&x, &z).name("m").build().unwrap();
    let text = csv::render(&m.summary(), &CsvOptions::new()).unwrap();
    let records = parse_csv(&text);
    assert_eq!(records[1][0], "in,put");
    assert_eq!(records[2][0], odd);
    assert_eq!(records[3][12], format!("{odd}[0][0], in,put[0][0]"));
    assert!(
        text.contains("\"odd \"\"name\"\", with\r\na newline\""),
        "{text}"
    );
}
