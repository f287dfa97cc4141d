//! `kerasinfo`: summarize a saved Keras model without Python.
//!
//! ```text
//! kerasinfo [OPTIONS] <MODEL>
//!   MODEL                 a Keras config JSON, a .keras archive, a legacy .h5 file, a tf.keras
//!                         SavedModel directory, a TF.js model.json (or its directory), or - for stdin
//!   --format <FORMAT>     keras3 (default) | keras2 | json | markdown | dot | torchinfo | csv
//!   --show-trainable      add the Trainable column (keras3, keras2, markdown; dot: mark nodes)
//!   --expand-nested[=N]   list the layers of nested models, N levels deep (default: all)
//!                         (keras3, keras2, markdown, csv; dot: clusters, all levels)
//!   --ascii               keras3: ASCII rules, as Keras prints on an ASCII console
//!   --input-shape <SHAPE> rebuild the model on inputs of this shape (repeat once per input),
//!                         e.g. 224,224,3 or None,128 (batch dimension left out)
//!   --layer-range <A> <B> only layers A to B, names or patterns (keras3, keras2)
//!   --line-length <N>     as Keras's line_length
//!   --optimizer <NAME>    as if compiled with this optimizer, built (keras3, json)
//!   --batch-size <N>      memory figures for N samples (json: a memory object; keras3: lines after the summary;
//!                         the batch of --show-memory and of csv's activation_bytes, default 1)
//!   --show-memory         per-layer Param memory and Activations columns (keras3, markdown; json: fields)
//!   --dtype-policy <NAME> the global dtype policy the model loads under (layers whose config names none)
//!   --rankdir <DIR>       dot: TB (default) | LR | BT | RL
//!   --show-shapes         dot: input and output shapes in each node
//!   --check-weights       compare the stored weights' shapes with the model's; exit 1 on a mismatch
//! kerasinfo diff [OPTIONS] <A> <B>   compare two models (see kerasinfo diff --help)
//! ```
//! The format is told by content, not by the file name. Errors are one
//! line on stderr with exit status 1 (2 for wrong usage); `diff` exits 0
//! when the models are the same, 1 when they differ, 2 on errors.

#![forbid(unsafe_code)]
// No panics: every failure is a `Result` (tests exempt).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented,
        clippy::string_slice
    )
)]

#[path = "kerasinfo/diff.rs"]
mod diff;

use std::io::{Read, Write};
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use kerasinfo::config::Registry;
use kerasinfo::formats::{self, LoadedModel, WeightCheck};
use kerasinfo::render::keras2::{self, Keras2Options};
use kerasinfo::{Keras3Options, Model};

#[derive(Debug, Clone, Copy, Default, ValueEnum)]
enum Format {
    /// Keras 3.15's `model.summary()` text, byte for byte.
    #[default]
    Keras3,
    /// tf.keras 2's (tf_keras 2.21) `model.summary()` text, byte for byte.
    Keras2,
    /// One JSON object with every layer's shapes, weights and counts.
    Json,
    /// A GitHub-flavoured Markdown table and the totals.
    Markdown,
    /// Graphviz DOT as Keras's `keras.utils.model_to_dot` writes it.
    Dot,
    /// torchinfo's table (output shape, params, mult-adds; batch size 1).
    Torchinfo,
    /// One CSV record per layer (RFC 4180): shapes, counts, compute,
    /// memory, connections.
    Csv,
}

/// Summarize a saved Keras model (config JSON, .keras archive, legacy .h5,
/// tf.keras SavedModel, TF.js model.json) exactly as Keras would, without
/// Python.
#[derive(Debug, Default, Parser)]
#[command(
    name = "kerasinfo",
    version,
    about,
    after_help = "To compare two models (files or printed summaries): kerasinfo diff A B (see kerasinfo diff --help)"
)]
struct Cli {
    /// A Keras config JSON file (Keras 3 or tf.keras 2), a .keras archive, a
    /// legacy HDF5 file (.h5), a tf.keras SavedModel directory, a TF.js
    /// model.json (or its directory), or - for stdin. Told by content.
    model: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Keras3)]
    format: Format,
    /// Add the Trainable column.
    #[arg(long)]
    show_trainable: bool,
    /// List the layers of nested models under theirs (Keras's
    /// `expand_nested`); `=N` lists N levels of nesting (torchinfo's
    /// `depth` less one): 0 none, 1 the layers of the models nested in
    /// this one, ... Without N, every level, as Keras.
    #[arg(long, value_name = "N", num_args = 0..=1, require_equals = true)]
    expand_nested: Option<Option<usize>>,
    /// keras3: draw the table with ASCII characters, writing any other
    /// character as `?`: what Keras prints when its console's encoding is
    /// ASCII (`PYTHONIOENCODING=ascii:replace`).
    #[arg(long)]
    ascii: bool,
    /// Only the layers from A to B, both inclusive: names or patterns
    /// matched at the start of layer names (Keras's `layer_range`).
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    layer_range: Option<Vec<String>>,
    /// Total width of the table, as Keras's `line_length`.
    #[arg(long, value_name = "N")]
    line_length: Option<usize>,
    /// Summarize the model as compiled with this optimizer (a Keras
    /// identifier, Keras's defaults) once built: Keras's `Optimizer params`
    /// line, counted in `Total params` (keras3, json).
    #[arg(long, value_name = "NAME", value_parser = clap::builder::PossibleValuesParser::new(kerasinfo::optimizer::IDENTIFIERS))]
    optimizer: Option<String>,
    /// Memory figures for a batch of N samples (`Model::memory`, with the
    /// `--optimizer`'s state): json adds `dtype_policy` and `memory`;
    /// keras3 adds a memory block after Keras's text.
    #[arg(long, value_name = "N")]
    batch_size: Option<u64>,
    /// Load the model as after `keras.config.set_dtype_policy(NAME)`:
    /// layers whose config names no dtype take this policy (Keras 3
    /// configs usually name one for every layer), and so does the model
    /// (Keras then compiles a mixed_float16 model's optimizer with loss
    /// scaling).
    #[arg(long, value_name = "NAME")]
    dtype_policy: Option<String>,
    /// DOT graph direction (Keras's `rankdir`): TB, LR, BT or RL.
    #[arg(long, value_name = "DIR", default_value = "TB")]
    rankdir: String,
    /// DOT: show each layer's input and output shapes (Keras's `show_shapes`).
    #[arg(long)]
    show_shapes: bool,
    /// Per-layer memory for a batch of `--batch-size` samples (default 1):
    /// the layer's weights and its outputs, as columns after `Param #`
    /// (keras3, markdown) or `param_bytes` and `activation_bytes` fields
    /// (json; csv always has them).
    #[arg(long)]
    show_memory: bool,
    /// Rebuild the model on inputs of this shape, batch dimension left out
    /// (`224,224,3`; `None` keeps a dimension unknown), as Keras's
    /// `clone_model(model, input_tensors=[keras.Input(shape)])`: every
    /// layer's shapes, FLOPs and memory follow. Give it once per model
    /// input, in the model's input order.
    #[arg(long, value_name = "SHAPE", value_parser = parse_shape, allow_hyphen_values = true)]
    input_shape: Vec<Vec<Option<u64>>>,
    /// Compare the weights the file stores (.keras, .h5, TF.js) with the
    /// weights the model computes: one line per missing, extra or
    /// wrongly shaped weight, exit status 1 on any (json: the summary with
    /// each weight's stored shape and dtype).
    #[arg(long)]
    check_weights: bool,
}

/// `224,224,3` or `None,128`: sizes of at least 1, or `None`.
fn parse_shape(text: &str) -> Result<Vec<Option<u64>>, String> {
    let text = text.trim();
    let inner = text
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(text);
    if inner.trim().is_empty() {
        return Ok(Vec::new());
    }
    inner
        .split(',')
        .enumerate()
        .map(|(i, d)| {
            let d = d.trim();
            let position = i.saturating_add(1);
            if d.eq_ignore_ascii_case("none") {
                return Ok(None);
            }
            match d.parse::<u64>() {
                Ok(0) => Err(format!(
                    "dimension {position} is 0; give sizes of at least 1, or None"
                )),
                Ok(n) => Ok(Some(n)),
                Err(_) => Err(format!(
                    "dimension {position} ({d:?}) is not a size (an integer >= 1) or None; write a shape as 224,224,3"
                )),
            }
        })
        .collect()
}

/// What the command prints, and its exit status.
struct Output {
    text: String,
    failed: bool,
}

/// A failure of the command: its one-line message.
type Fail = Box<dyn std::error::Error>;

/// All of standard input.
fn read_stdin() -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    std::io::stdin()
        .read_to_end(&mut buf)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    Ok(buf)
}

/// Writes `text` to standard output: a closed pipe (e.g. `| head`) is not
/// an error worth reporting.
fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// `v` as pretty JSON and a newline.
fn pretty_json(v: &serde_json::Value) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(v).map(|s| s + "\n")
}

fn load(cli: &Cli) -> Result<LoadedModel, Fail> {
    // Left to the operating system, as the model is (its ~140 factories).
    let registry = std::mem::ManuallyDrop::new(Registry::new());
    if cli.model == "-" {
        return Ok(formats::load_bytes(&read_stdin()?, &registry)?);
    }
    let path = std::path::Path::new(&cli.model);
    let missing = || format!("cannot read {}: no such file or directory", cli.model).into();
    // `load` takes a SavedModel's saved_model.pb for its directory, even a
    // missing one; any other path is asked about after a failure only.
    if path.file_name().is_some_and(|n| n == "saved_model.pb") && !path.exists() {
        return Err(missing());
    }
    formats::load(path, &registry).map_err(|e| if path.exists() { e.into() } else { missing() })
}

/// Whether `--batch-size` is the batch of per-layer memory figures (csv,
/// markdown with `--show-memory`) rather than of a memory plan.
fn memory_batch(cli: &Cli) -> bool {
    matches!(cli.format, Format::Csv) || (cli.show_memory && matches!(cli.format, Format::Markdown))
}

fn run(cli: &Cli) -> Result<Output, Fail> {
    kerasinfo::naming::clear_session();
    if let Some(name) = cli.dtype_policy.as_deref() {
        let policy = kerasinfo::DTypePolicy::from_name(name)
            .ok_or_else(|| format!("unknown dtype policy {name:?}"))?;
        kerasinfo::layer::set_dtype_policy(policy);
    }
    let memory_batch = memory_batch(cli);
    if cli.batch_size.is_some()
        && !matches!(cli.format, Format::Keras3 | Format::Json)
        && !memory_batch
    {
        return Err(
            "--batch-size applies to the keras3 and json formats (and csv, and markdown with --show-memory)"
                .into(),
        );
    }
    if cli.show_memory
        && !matches!(
            cli.format,
            Format::Keras3 | Format::Json | Format::Markdown | Format::Csv
        )
    {
        return Err("--show-memory applies to the keras3, json, markdown and csv formats".into());
    }
    if cli.batch_size == Some(0) && memory_batch {
        return Err("the batch size must be at least 1".into());
    }
    if cli.ascii && !matches!(cli.format, Format::Keras3) {
        return Err("--ascii applies to the keras3 format".into());
    }
    if cli.expand_nested.flatten().is_some()
        && matches!(cli.format, Format::Dot | Format::Json | Format::Torchinfo)
    {
        return Err(
            "a depth for --expand-nested applies to the keras3, keras2, markdown and csv formats"
                .into(),
        );
    }
    // The loader frees the file's bytes and JSON tree before returning, for
    // the summary to reuse; the model graph is left to the operating
    // system, as the process ends after printing.
    let loaded = std::mem::ManuallyDrop::new(load(cli)?);
    // Only the check and the JSON need the stored weights.
    let check = (cli.check_weights || matches!(cli.format, Format::Json))
        .then(|| loaded.check_weights())
        .flatten();
    let failed = cli.check_weights && check.as_ref().is_some_and(|c| !c.is_ok());
    if cli.check_weights {
        let Some(check) = &check else {
            return Err(format!(
                "{}: a {} stores no weights kerasinfo reads, so --check-weights has nothing to \
                 check (it reads those of .keras archives, legacy .h5 files and TF.js models)",
                cli.model,
                loaded.format.description()
            )
            .into());
        };
        if !matches!(cli.format, Format::Json) {
            let text = if check.is_ok() {
                format!("{}: {check}", cli.model)
            } else {
                format!(
                    "{}: the stored weights do not match the model:\n{check}",
                    cli.model
                )
            };
            return Ok(Output { text, failed });
        }
    }
    let text = if cli.input_shape.is_empty() {
        summarize(cli, &loaded.model, check.as_ref())?
    } else {
        let shapes = cli
            .input_shape
            .iter()
            .map(|s| kerasinfo::ShapeArg::from(s.clone()));
        let model = loaded.model.with_input_shapes(shapes)?;
        summarize(cli, &std::mem::ManuallyDrop::new(model), check.as_ref())?
    };
    Ok(Output { text, failed })
}

/// `options` (Keras 3's or tf.keras 2's) with the `model.summary(...)`
/// arguments `cli` gives: `show_trainable`, `expand_nested` (and its
/// depth), `line_length`, `layer_range`.
macro_rules! summary_options {
    ($options:expr, $cli:expr) => {{
        let cli: &Cli = $cli;
        let mut options = $options
            .show_trainable(cli.show_trainable)
            .expand_nested(cli.expand_nested.is_some());
        if let Some(d) = cli.expand_nested.flatten() {
            options = options.expand_nested_depth(d);
        }
        if let Some(n) = cli.line_length {
            options = options.line_length(n);
        }
        if let Some([a, b]) = cli.layer_range.as_deref() {
            options = options.layer_range(a, b);
        }
        options
    }};
}

/// Keras's `model.summary(...)` options `cli` gives.
fn keras3_options(cli: &Cli) -> Keras3Options {
    let options = summary_options!(Keras3Options::new().ascii(cli.ascii), cli);
    if cli.show_memory {
        options.show_memory(cli.batch_size.unwrap_or(1))
    } else {
        options
    }
}

/// Keras 3's text, then the memory plan when there is one.
fn keras3_with_plan(text: String, plan: Option<&kerasinfo::memory::MemoryPlan>) -> String {
    match plan {
        // After Keras's text, which stays as Keras prints it.
        Some(p) => format!("{text}{p}"),
        None => text,
    }
}

/// The summary of `model` in the format `cli` asks for; the JSON adds the
/// stored weights of `check`.
fn summarize(cli: &Cli, model: &Model, check: Option<&WeightCheck>) -> Result<String, Fail> {
    if matches!(cli.format, Format::Keras3) && cli.optimizer.is_none() {
        // Keras 3's text needs less than the whole summary.
        let text = model.summary_text(&keras3_options(cli))?;
        let plan = cli.batch_size.map(|n| model.memory(n, None)).transpose()?;
        return Ok(keras3_with_plan(text, plan.as_ref()));
    }
    let mut optimizer = None;
    let summary = match cli.optimizer.as_deref() {
        None => model.summary(),
        Some(_) if matches!(cli.format, Format::Keras2) => {
            return Err("--optimizer applies to the keras3 and json formats".into());
        }
        Some(id) => {
            let o = kerasinfo::Optimizer::from_identifier(id)
                .ok_or_else(|| format!("unknown optimizer {id}"))?;
            // Keras's `compile` wraps it for a mixed_float16 model.
            let o = model.compiled_optimizer(&o);
            let s = model.summary_with_optimizer(&o);
            optimizer = Some(o);
            s
        }
    };
    // Left to the operating system as well (a row per layer).
    let summary = std::mem::ManuallyDrop::new(summary);
    let batch = cli.batch_size.unwrap_or(1);
    let expand = cli.expand_nested.is_some();
    let depth = cli.expand_nested.flatten();
    let plan = cli
        .batch_size
        .filter(|_| !memory_batch(cli))
        .map(|n| model.memory(n, optimizer.as_ref()))
        .transpose()?;
    let text = match cli.format {
        Format::Keras3 => keras3_with_plan(summary.render(&keras3_options(cli))?, plan.as_ref()),
        Format::Keras2 => keras2::render(&summary, &summary_options!(Keras2Options::new(), cli))?,
        Format::Json => {
            let mut v = kerasinfo::render::json::to_value(&summary);
            if let Some(p) = &plan {
                v = kerasinfo::render::json::with_memory(v, model, p);
            }
            if cli.show_memory {
                v = kerasinfo::render::json::with_layer_memory(v, &summary, batch)?;
            }
            if let Some(c) = check {
                c.add_to_json(&mut v);
            }
            pretty_json(&v)?
        }
        Format::Csv => {
            use kerasinfo::render::csv::{self, CsvOptions};
            let mut options = CsvOptions::new().batch_size(batch).expand_nested(expand);
            if let Some(d) = depth {
                options = options.expand_nested_depth(d);
            }
            csv::render(&summary, &options)?
        }
        Format::Markdown => {
            let mut options = kerasinfo::render::markdown::MarkdownOptions::new()
                .show_trainable(cli.show_trainable)
                .expand_nested(expand);
            if let Some(d) = depth {
                options = options.expand_nested_depth(d);
            }
            if cli.show_memory {
                options = options.show_memory(batch);
            }
            kerasinfo::render::markdown::render(&summary, &options)?
        }
        Format::Dot => kerasinfo::render::dot::render(
            &summary,
            &kerasinfo::render::dot::DotOptions::new()
                .show_trainable(cli.show_trainable)
                .expand_nested(expand)
                .show_shapes(cli.show_shapes)
                .rankdir(cli.rankdir.as_str()),
        )?,
        Format::Torchinfo => {
            use kerasinfo::render::torchinfo::{self, Column, TorchinfoOptions};
            let cols = [Column::OutputSize, Column::NumParams, Column::MultAdds];
            torchinfo::render(&summary, &TorchinfoOptions::new().columns(cols))?
        }
    };
    Ok(text)
}

/// The options of `kerasinfo MODEL` alone, the usual call, without
/// clap's parser (a tenth of what summarizing ResNet50 costs); `None` for
/// any other command line.
fn plain(args: &[std::ffi::OsString]) -> Option<Cli> {
    let [_, model] = args else {
        return None;
    };
    let model = model
        .to_str()
        .filter(|m| !m.starts_with('-') || *m == "-")?;
    Some(Cli {
        model: model.to_owned(),
        rankdir: "TB".to_owned(),
        ..Cli::default()
    })
}

/// Lets glibc's allocator serve the big buffers (the config's text, its
/// parsed nodes) from its heap rather than from mappings of their own:
/// freeing one mapped 4 MiB block raises glibc's mapping threshold to 4 MiB,
/// so what the reader frees is reused by the summary instead of going back
/// to the system (fewer page faults; see the README's performance notes).
fn prepare_allocator() {
    if cfg!(all(target_os = "linux", target_env = "gnu")) {
        drop(std::hint::black_box(Vec::<u8>::with_capacity(4 << 20)));
    }
}

fn main() -> ExitCode {
    prepare_allocator();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == "diff") {
        return diff::main(&args);
    }
    let cli = plain(&args).unwrap_or_else(Cli::parse);
    match run(&cli) {
        Ok(Output { text, failed }) => {
            print(&text);
            ExitCode::from(u8::from(failed))
        }
        Err(e) => {
            eprintln!("kerasinfo: {}", e.to_string().replace('\n', " "));
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_call_reads_as_clap_reads_it() {
        for model in ["model.json", "-", "dir/saved model", "diff.json"] {
            let args: Vec<std::ffi::OsString> = ["kerasinfo", model].map(Into::into).to_vec();
            let ours = plain(&args).unwrap();
            let clap = Cli::try_parse_from(&args).unwrap();
            assert_eq!(format!("{ours:?}"), format!("{clap:?}"));
        }
        for args in [
            &["kerasinfo"][..],
            &["kerasinfo", "--help"],
            &["kerasinfo", "-V"],
            &["kerasinfo", "m.json", "--ascii"],
        ] {
            let args: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
            assert!(plain(&args).is_none(), "{args:?}");
        }
    }
}
