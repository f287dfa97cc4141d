//! `kerasinfo --format markdown|dot` on configs Keras saved
//! (tests/fixtures/core/*.config.json), against Keras's DOT fixtures
//! (tests/fixtures/dot/, from the same models) and the library renderers.

#![cfg(feature = "cli")]

mod common;

use std::path::PathBuf;

use common::kerasinfo;
use kerasinfo::config::Registry;
use kerasinfo::formats::load_bytes;
use kerasinfo::render::markdown::{self, MarkdownOptions};

fn fixtures(group: &str, file: &str) -> PathBuf {
    common::fixture_dir(group).join(file)
}

fn read(group: &str, file: &str) -> String {
    std::fs::read_to_string(fixtures(group, file)).unwrap()
}

fn config(name: &str) -> String {
    fixtures("core", &format!("{name}.config.json"))
        .display()
        .to_string()
}

#[test]
fn dot_is_keras_model_to_dot() {
    for name in [
        "residual",
        "multi_io",
        "nested",
        "nested_frozen",
        "long_names",
    ] {
        let (code, out, err) = kerasinfo(&["--format", "dot", &config(name)]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(out, read("dot", &format!("{name}__default.dot")), "{name}");
    }
    let cases: [(&str, &[&str], &str); 4] = [
        ("residual", &["--show-shapes"], "shapes"),
        ("nested_frozen", &["--show-trainable"], "trainable"),
        ("nested_frozen", &["--expand-nested"], "expand"),
        (
            "nested",
            &["--expand-nested", "--show-shapes", "--show-trainable"],
            "expand_shapes_trainable",
        ),
    ];
    for (name, flags, variant) in cases {
        let mut args = vec!["--format", "dot"];
        args.extend_from_slice(flags);
        let cfg = config(name);
        args.push(&cfg);
        let (code, out, err) = kerasinfo(&args);
        assert_eq!(code, 0, "{err}");
        assert_eq!(
            out,
            read("dot", &format!("{name}__{variant}.dot")),
            "{name}__{variant}"
        );
    }
}

#[test]
fn dot_rankdir() {
    let want = read("dot", "multi_io__default.dot").replace("\nrankdir=TB;\n", "\nrankdir=LR;\n");
    let (code, out, err) = kerasinfo(&["--format", "dot", "--rankdir", "LR", &config("multi_io")]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, want);
    let (code, out, err) = kerasinfo(&["--format", "dot", "--rankdir", "up", &config("multi_io")]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.starts_with("kerasinfo: ") && err.contains("rankdir"),
        "{err}"
    );
}

#[test]
fn markdown_is_the_library_table() {
    for (name, flags) in [
        ("residual", &[][..]),
        ("frozen_layers", &["--show-trainable"][..]),
        ("nested", &["--expand-nested", "--show-trainable"][..]),
    ] {
        let mut args = vec!["--format", "markdown"];
        args.extend_from_slice(flags);
        let cfg = config(name);
        args.push(&cfg);
        let (code, out, err) = kerasinfo(&args);
        assert_eq!(code, 0, "{err}");
        kerasinfo::naming::clear_session();
        let model = load_bytes(&std::fs::read(&cfg).unwrap(), &Registry::new())
            .map(|l| l.model)
            .unwrap();
        let options = MarkdownOptions::new()
            .show_trainable(flags.contains(&"--show-trainable"))
            .expand_nested(flags.contains(&"--expand-nested"));
        assert_eq!(
            out,
            markdown::render(&model.summary(), &options).unwrap(),
            "{name}"
        );
        // The totals are Keras's.
        let keras = read("core", &format!("{name}__default.txt"));
        for line in keras.lines().filter(|l| l.contains(" params: ")) {
            assert!(
                out.contains(&format!("\n- {}\n", line.trim_start())),
                "{name}: {line}"
            );
        }
        assert!(out.starts_with(&format!(
                "**Model: \"{}\"**\n\n| Layer (type) |",
                keras
                    .lines()
                    .next()
                    .unwrap()
                    .trim_start_matches("Model: \"")
                    .trim_end_matches('"')
            )));
    }
}

#[test]
fn markdown_with_an_optimizer_lists_its_params_as_keras3_does() {
    let config = fixtures("core", "seq_mlp.config.json");
    let config = config.to_str().unwrap();
    let text = |format: &str| {
        let (code, out, err) = kerasinfo(&["--format", format, "--optimizer", "adam", config]);
        assert_eq!(code, 0, "{err}");
        out
    };
    let keras3 = text("keras3");
    let markdown = text("markdown");
    let line = keras3
        .lines()
        .find(|l| l.starts_with(" Optimizer params: "))
        .unwrap();
    assert!(
        markdown.contains(&format!("- {}", line.trim_start())),
        "{markdown}"
    );
}

#[test]
fn torchinfo_is_the_library_table_with_tf_profiler_mult_adds() {
    use kerasinfo::render::torchinfo::{self, Column, TorchinfoOptions};
    let cfg = config("seed");
    let (code, out, err) = kerasinfo(&["--format", "torchinfo", &cfg]);
    assert_eq!(code, 0, "{err}");
    kerasinfo::naming::clear_session();
    let model = load_bytes(&std::fs::read(&cfg).unwrap(), &Registry::new())
        .map(|l| l.model)
        .unwrap();
    let cols = [Column::OutputSize, Column::NumParams, Column::MultAdds];
    let want = torchinfo::render(&model.summary(), &TorchinfoOptions::new().columns(cols)).unwrap();
    assert_eq!(out, want);
    // The mult-adds are the MACs of the contractions TensorFlow's profiler
    // counts (as 2·MACs) for the same model at batch size 1.
    let tf: serde_json::Value = serde_json::from_str(&read("compute", "tf_profiler.json")).unwrap();
    let by_op = &tf["cases"]["seed"]["tf_flops_by_op"];
    let macs = (by_op["Conv2D"].as_u64().unwrap() + by_op["MatMul"].as_u64().unwrap()) / 2;
    #[allow(clippy::cast_precision_loss)]
    let line = format!("Total mult-adds (M): {:.2}\n", macs as f64 / 1e6);
    assert!(out.contains(&line), "{line}\n{out}");
    // Keras's totals.
    let keras = read("core", "seed__default.txt");
    for line in keras.lines().filter(|l| l.contains(" params: ")) {
        let (label, rest) = line.trim_start().split_once(": ").unwrap();
        let count = rest.split_whitespace().next().unwrap();
        assert!(
            out.contains(&format!("\n{label}: {count}\n")),
            "{line}\n{out}"
        );
    }
    assert!(out.contains("├─Conv2D (conv0): 1-2 "), "{out}");
}

#[test]
fn torchinfo_format_in_help() {
    let (code, _, err) = kerasinfo(&["--format", "torchinfoo", "x.json"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("torchinfo"), "{err}");
}

#[test]
fn json_has_compute_figures_of_the_tf_profiler() {
    let (code, out, err) = kerasinfo(&["--format", "json", &config("seed")]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let tf: serde_json::Value = serde_json::from_str(&read("compute", "tf_profiler.json")).unwrap();
    let case = &tf["cases"]["seed"];
    // FLOPs: the profiler's total at batch size 1, and per layer.
    assert_eq!(v["total_flops"], case["tf_flops"]);
    let by_op = &case["tf_flops_by_op"];
    let macs = (by_op["Conv2D"].as_u64().unwrap() + by_op["MatMul"].as_u64().unwrap()) / 2;
    assert_eq!(v["total_macs"].as_u64(), Some(macs));
    for layer in v["layers"].as_array().unwrap() {
        let name = layer["name"].as_str().unwrap();
        let want = case["tf_flops_by_layer"]
            .get(name)
            .cloned()
            .unwrap_or(0.into());
        assert_eq!(layer["flops"], want, "{name}");
        assert!(layer["macs"].is_u64(), "{name}");
    }
    // The existing schema is unchanged.
    assert_eq!(v["total_params"], 37_633);
}
