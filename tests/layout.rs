//! The direction of imports between the crate's parts (issue #13: no
//! import cycle between the layers and the config code), checked on the
//! source text so that a new `use` that would close a cycle fails here
//! with the file and the line:
//!
//! - the core (`layer.rs`, `model/`, `shape.rs`, `weight.rs`, `error.rs`,
//!   `naming.rs`, `compute.rs`, `args.rs`) imports no layer family, no
//!   operation and no config code but the values Keras writes
//!   (`config/values.rs`, which imports only the core);
//! - the layers, the operations and `applications.rs` import the config
//!   code only through its vocabulary files (`cfg`, `registry`, `json`,
//!   `doc`, `values`, `writer`), never `config/mod.rs` or the importer;
//! - those vocabulary files import neither the importer nor the layers.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

fn files(paths: &[&str]) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    for p in paths {
        let p = root.join(p);
        if p.is_dir() {
            rust_files(&p, &mut out);
        } else {
            out.push(p);
        }
    }
    assert!(!out.is_empty(), "no files under {paths:?}");
    out
}

/// Every `crate::…` / `super::…` path in the code of `file` (comments and
/// doc comments left out), with its line number.
fn paths_in(file: &Path) -> Vec<(usize, String)> {
    let text = fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        for start in ["crate::", "super::"] {
            let mut rest = code;
            while let Some(at) = rest.find(start) {
                let path: String = rest[at..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':' || *c == '{')
                    .collect();
                found.push((i + 1, path));
                rest = &rest[at + start.len()..];
            }
        }
    }
    found
}

fn check(parts: &[&str], allowed: impl Fn(&str) -> bool, rule: &str) {
    let mut bad = Vec::new();
    for file in files(parts) {
        for (line, path) in paths_in(&file) {
            if !allowed(&path) {
                let shown = file
                    .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                    .unwrap_or(&file);
                bad.push(format!("{}:{line}: {path}", shown.display()));
            }
        }
    }
    assert!(bad.is_empty(), "{rule}:\n{}", bad.join("\n"));
}

#[test]
fn the_core_imports_no_layer_family_operation_or_importer() {
    check(
        &[
            "layer.rs",
            "model",
            "shape.rs",
            "weight.rs",
            "error.rs",
            "naming.rs",
            "compute.rs",
            "args.rs",
        ],
        |p| {
            let p = p.trim_start_matches('$');
            !(p.starts_with("crate::layers")
                || p.starts_with("crate::ops")
                || p.starts_with("crate::applications")
                || p.starts_with("crate::formats")
                || p.starts_with("crate::summary")
                || p.starts_with("crate::render")
                || (p.starts_with("crate::config") && !p.starts_with("crate::config::values")))
        },
        "the core must not import layers, operations, summaries or config code other than config::values",
    );
}

/// config's vocabulary files: what layers read and write configs with.
const VOCABULARY: [&str; 6] = ["cfg", "registry", "json", "doc", "values", "writer"];

/// Whether `p` is no config path, or one into a vocabulary file.
fn vocabulary_only(p: &str) -> bool {
    let p = p.trim_start_matches('$');
    match p.strip_prefix("crate::config::") {
        Some(rest) => VOCABULARY.iter().any(|v| {
            rest.strip_prefix(v)
                .is_some_and(|r| r.is_empty() || r.starts_with("::"))
        }),
        None => p != "crate::config",
    }
}

#[test]
fn layers_and_operations_use_only_the_config_vocabulary() {
    check(
        &["layers", "ops", "applications.rs"],
        vocabulary_only,
        "layers and operations may import config's vocabulary files only (not config/mod.rs or the importer)",
    );
}

#[test]
fn the_config_vocabulary_imports_neither_the_importer_nor_the_layers() {
    check(
        &[
            "config/cfg.rs",
            "config/registry.rs",
            "config/json.rs",
            "config/doc.rs",
            "config/values.rs",
        ],
        |p| {
            vocabulary_only(p)
                && !(p.starts_with("crate::config::writer")
                    || p.starts_with("crate::layers")
                    || p.starts_with("crate::ops")
                    || p.starts_with("crate::applications")
                    || p.starts_with("super::import")
                    || p.starts_with("super::builtin")
                    || p.starts_with("super::ops")
                    || p.starts_with("super::writer"))
        },
        "config's vocabulary files must not import the importer, the model writer or the layers",
    );
}

/// The summary's diff and the memory report format their numbers with the
/// renderers' shared helpers (`render/mod.rs`), so those helpers take
/// nothing from the summary or the memory code: a function over a
/// `Summary` goes on `Summary` itself (`Summary::totals`).
#[test]
fn the_renderers_shared_helpers_import_no_summary_or_memory_code() {
    check(
        &["render/mod.rs"],
        |p| {
            let p = p.trim_start_matches('$');
            !(p.starts_with("crate::summary") || p.starts_with("crate::memory"))
        },
        "render/mod.rs must not import the summary or memory code (they import its helpers)",
    );
}
