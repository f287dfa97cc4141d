//! The DOT renderer against Keras's `model_to_dot(...).to_string()`
//! (fixtures from scripts/gen_dot_fixtures.py, node ids normalized as
//! documented there), plus structural checks and, when Graphviz is
//! installed, a `dot -Tpng` run.

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::{Command, Stdio};

#[macro_use]
#[path = "models/core.rs"]
mod core_models;

use kerasinfo::naming::clear_session;
use kerasinfo::prelude::*;
use kerasinfo::render::dot::{DotOptions, render};

type R = kerasinfo::Result<()>;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dot")
}

/// The options each fixture variant was generated with.
fn options(variant: &str) -> DotOptions {
    let o = DotOptions::new();
    match variant {
        "default" => o,
        "shapes" => o.show_shapes(true),
        "trainable" => o.show_trainable(true),
        "trainable_shapes" => o.show_trainable(true).show_shapes(true),
        "no_names_lr" => o.show_layer_names(false).rankdir("LR").dpi(96),
        "expand" => o.expand_nested(true),
        "expand_shapes" => o.expand_nested(true).show_shapes(true),
        "expand_shapes_trainable" => o.expand_nested(true).show_shapes(true).show_trainable(true),
        "expand_trainable" => o.expand_nested(true).show_trainable(true),
        other => panic!("unknown variant {other}"),
    }
}

/// Fixture variants of one model, sorted.
fn variants(model: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            let stem = name.strip_suffix(".dot")?;
            let (m, variant) = stem.split_once("__")?;
            (m == model).then(|| variant.to_owned())
        })
        .collect();
    v.sort();
    v
}

/// Structural validation in pure Rust: braces balance, every edge's ends
/// are declared nodes, node ids are unique.
fn validate(text: &str) {
    let mut depth = 0i32;
    let mut nodes = HashSet::new();
    for line in text.lines() {
        if line.ends_with(" {") {
            depth += 1;
        } else if line == "}" {
            depth -= 1;
            assert!(depth >= 0, "unbalanced braces:\n{text}");
        } else if let Some((a, rest)) = line.split_once(" -> ") {
            let b = rest.split_once(' ').unwrap().0;
            assert!(
                nodes.contains(a) && nodes.contains(b),
                "edge {line} to undeclared node"
            );
        } else if let Some((id, _)) = line.split_once(" [label=<") {
            assert!(nodes.insert(id.to_owned()), "node {id} declared twice");
            assert!(line.ends_with(">, fontname=Helvetica, border=0, margin=0];"));
        }
    }
    assert_eq!(depth, 0, "unbalanced braces:\n{text}");
    assert!(text.starts_with("digraph G {\n") && text.ends_with("}\n"));
}

/// When Graphviz's `dot` is installed, it must turn the text into a PNG.
fn graphviz_renders(text: &str) {
    let Ok(mut child) = Command::new("dot")
        .arg("-Tpng")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    else {
        // .ci/run installs Graphviz and sets this, so CI cannot skip the check.
        assert!(
            std::env::var_os("KERASINFO_REQUIRE_GRAPHVIZ").is_none(),
            "KERASINFO_REQUIRE_GRAPHVIZ is set but Graphviz `dot` cannot be run"
        );
        eprintln!("note: Graphviz `dot` not found; skipping the -Tpng check");
        return;
    };
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "dot -Tpng failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stdout.starts_with(b"\x89PNG"),
        "dot did not produce a PNG"
    );
}

/// Every fixture variant of `name`, byte for byte.
fn check(name: &str, model: &Model) {
    let vs = variants(name);
    assert!(!vs.is_empty(), "no fixtures for {name}");
    let summary = model.summary();
    for v in vs {
        let path = dir().join(format!("{name}__{v}.dot"));
        let want = std::fs::read_to_string(&path).unwrap();
        let got = render(&summary, &options(&v)).unwrap();
        assert_eq!(got, want, "{}", path.display());
        validate(&got);
        graphviz_renders(&got);
    }
}

fn seq_mlp_model() -> kerasinfo::Result<Model> {
    clear_session();
    core_models::seq_mlp()
}

#[test]
fn seq_mlp() -> R {
    check("seq_mlp", &seq_mlp_model()?);
    Ok(())
}

twin_tests! {
    residual: core_models::residual();
    multi_io: core_models::multi_io();
    nested: core_models::nested();
    nested_frozen: core_models::nested_frozen();
    frozen_layers: core_models::frozen_layers();
    long_names: core_models::long_names();
    shared_layer: core_models::shared_layer();
}

#[test]
fn seq_of_models() -> R {
    clear_session();
    let i1 = Input::new([6]).tensor()?;
    let f_out = Dense::new(5).name("f_dense").call(&i1)?;
    let f = Functional::new(&i1, &f_out).name("func_block").build()?;
    let deep = Sequential::new()
        .name("deep")
        .add(Input::new([5]))
        .add(Dense::new(4).name("deep_dense"))
        .build()?;
    let mid = Sequential::new()
        .name("mid")
        .add(Input::new([5]))
        .add(deep)
        .add(Dense::new(3).name("mid_dense"))
        .build()?;
    let model = Sequential::new()
        .name("stack")
        .add(Input::new([6]))
        .add(f)
        .add(mid)
        .add(Dense::new(2).name("head"))
        .build()?;
    check("seq_of_models", &model);
    Ok(())
}

#[test]
fn two_in_nested() -> R {
    clear_session();
    let p = Input::new([4]).name("p").tensor()?;
    let q = Input::new([3]).name("q").tensor()?;
    let c = Concatenate::new().name("join").call([&p, &q])?;
    let o1 = Dense::new(2).name("o1").call(&c)?;
    let o2 = Dense::new(3).name("o2").call(&c)?;
    let inner = Functional::new([&p, &q], [&o1, &o2])
        .name("inner")
        .build()?;
    let a = Input::new([4]).name("a").tensor()?;
    let b = Input::new([3]).name("b").tensor()?;
    let ys = inner.call_multi([&a, &b])?;
    let z = Concatenate::new().name("merge").call([&ys[1], &ys[0]])?;
    let model = Functional::new([&a, &b], &z)
        .name("two_in_nested")
        .build()?;
    check("two_in_nested", &model);
    Ok(())
}

/// Every fixture file belongs to a model tested above.
#[test]
fn every_fixture_has_a_twin() {
    let models = [
        "seq_mlp",
        "residual",
        "multi_io",
        "nested",
        "nested_frozen",
        "frozen_layers",
        "long_names",
        "shared_layer",
        "seq_of_models",
        "two_in_nested",
    ];
    for e in std::fs::read_dir(dir()).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        let (model, variant) = name.strip_suffix(".dot").unwrap().split_once("__").unwrap();
        assert!(models.contains(&model), "{name} has no twin");
        let _ = options(variant);
    }
}

#[test]
fn rankdir_is_checked() -> R {
    let m = seq_mlp_model()?;
    assert!(render(&m.summary(), &DotOptions::new().rankdir("sideways")).is_err());
    for r in ["TB", "LR", "BT", "RL"] {
        let text = render(&m.summary(), &DotOptions::new().rankdir(r))?;
        assert!(text.contains(&format!("\nrankdir={r};\n")));
    }
    Ok(())
}
