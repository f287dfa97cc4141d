//! `kerasinfo`: summarize a saved Keras model without Python.
//!
//! ```text
//! kerasinfo [OPTIONS] <MODEL>
//!   MODEL                 a Keras config JSON file, a .keras archive, or - for stdin
//!   --format <FORMAT>     keras3 (default) | keras2 | json | markdown | dot | torchinfo
//!   --show-trainable      add the Trainable column (keras3, keras2, markdown; dot: mark nodes)
//!   --expand-nested       list the layers of nested models (keras3, keras2, markdown; dot: clusters)
//!   --layer-range <A> <B> only layers A to B, names or patterns (keras3, keras2)
//!   --line-length <N>     as Keras's line_length
//!   --optimizer <NAME>    as if compiled with this optimizer, built (keras3, json)
//!   --batch-size <N>      memory figures for N samples (json: a memory object; keras3: lines after the summary)
//!   --dtype-policy <NAME> the global dtype policy the model loads under (layers whose config names none)
//!   --rankdir <DIR>       dot: TB (default) | LR | BT | RL
//!   --show-shapes         dot: input and output shapes in each node
//! kerasinfo diff [OPTIONS] <A> <B>   compare two models (see kerasinfo diff --help)
//! ```
//! Errors are one line on stderr with exit status 1 (2 for wrong usage);
//! `diff` exits 0 when the models are the same, 1 when they differ, 2 on
//! errors.

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
use kerasinfo::SummaryOptions;
use kerasinfo::config::{JsonValue, Registry, config_text_from_bytes, model_from_json_value};
use kerasinfo::render::keras2::{self, Keras2Options};

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// Keras 3.15's `model.summary()` text, byte for byte.
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
}

/// Summarize a saved Keras model (config JSON or .keras archive) exactly as
/// Keras would, without Python.
#[derive(Debug, Parser)]
#[command(
    name = "kerasinfo",
    version,
    about,
    after_help = "To compare two models (files or printed summaries): kerasinfo diff A B (see kerasinfo diff --help)"
)]
struct Cli {
    /// A Keras config JSON file (Keras 3 or tf.keras 2), a .keras archive, or - for stdin.
    model: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Keras3)]
    format: Format,
    /// Add the Trainable column.
    #[arg(long)]
    show_trainable: bool,
    /// List the layers of nested models under theirs (Keras's `expand_nested`).
    #[arg(long)]
    expand_nested: bool,
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
}

fn run(cli: &Cli) -> Result<String, String> {
    let bytes = if cli.model == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        buf
    } else {
        std::fs::read(&cli.model).map_err(|e| format!("cannot read {}: {e}", cli.model))?
    };
    kerasinfo::naming::clear_session();
    if let Some(name) = cli.dtype_policy.as_deref() {
        let policy = kerasinfo::DTypePolicy::from_name(name)
            .ok_or_else(|| format!("unknown dtype policy {name:?}"))?;
        kerasinfo::layer::set_dtype_policy(policy);
    }
    if cli.batch_size.is_some() && !matches!(cli.format, Format::Keras3 | Format::Json) {
        return Err("--batch-size applies to the keras3 and json formats".to_owned());
    }
    let text = config_text_from_bytes(&bytes).map_err(|e| e.to_string())?;
    let config = JsonValue::parse(&text).map_err(|e| e.to_string())?;
    let model = model_from_json_value(&config, &Registry::new()).map_err(|e| e.to_string())?;
    // The JSON tree is freed now, so that the summary and its text reuse
    // its memory (a 200,000-layer config: peak 1.1 GB -> 0.76 GB, same CPU
    // time, as page faults cost what the frees save). The model graph is
    // left to the operating system: the process ends after printing.
    drop(config);
    let model = std::mem::ManuallyDrop::new(model);
    let mut optimizer = None;
    let summary = match cli.optimizer.as_deref() {
        None => model.summary(),
        Some(_) if matches!(cli.format, Format::Keras2) => {
            return Err("--optimizer applies to the keras3 and json formats".to_owned());
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
    let plan = match cli.batch_size {
        Some(n) => Some(
            model
                .memory(n, optimizer.as_ref())
                .map_err(|e| e.to_string())?,
        ),
        None => None,
    };
    match cli.format {
        Format::Keras3 => {
            let mut options = SummaryOptions::new()
                .show_trainable(cli.show_trainable)
                .expand_nested(cli.expand_nested);
            if let Some(n) = cli.line_length {
                options = options.line_length(n);
            }
            if let Some([a, b]) = cli.layer_range.as_deref() {
                options = options.layer_range(a, b);
            }
            let text = summary.render(&options).map_err(|e| e.to_string())?;
            Ok(match &plan {
                // After Keras's text, which stays as Keras prints it.
                Some(p) => format!("{text}{p}"),
                None => text,
            })
        }
        Format::Keras2 => {
            let mut options = Keras2Options::new()
                .show_trainable(cli.show_trainable)
                .expand_nested(cli.expand_nested);
            if let Some(n) = cli.line_length {
                options = options.line_length(n);
            }
            if let Some([a, b]) = cli.layer_range.as_deref() {
                options = options.layer_range(a, b);
            }
            keras2::render(&summary, &options).map_err(|e| e.to_string())
        }
        Format::Json => Ok(match &plan {
            Some(p) => {
                let v = kerasinfo::render::json::with_memory(
                    kerasinfo::render::json::to_value(&summary),
                    &model,
                    p,
                );
                let mut s = serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?;
                s.push('\n');
                s
            }
            None => kerasinfo::render::json::render(&summary),
        }),
        Format::Markdown => Ok(kerasinfo::render::markdown::render(
            &summary,
            &kerasinfo::render::markdown::MarkdownOptions::new()
                .show_trainable(cli.show_trainable)
                .expand_nested(cli.expand_nested),
        )),
        Format::Dot => kerasinfo::render::dot::render(
            &summary,
            &kerasinfo::render::dot::DotOptions::new()
                .show_trainable(cli.show_trainable)
                .expand_nested(cli.expand_nested)
                .show_shapes(cli.show_shapes)
                .rankdir(cli.rankdir.as_str()),
        )
        .map_err(|e| e.to_string()),
        Format::Torchinfo => {
            use kerasinfo::render::torchinfo::{self, Column, TorchinfoOptions};
            let cols = [Column::OutputSize, Column::NumParams, Column::MultAdds];
            torchinfo::render(&summary, &TorchinfoOptions::new().columns(cols))
                .map_err(|e| e.to_string())
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == "diff") {
        return diff::main(&args);
    }
    let cli = Cli::parse();
    match run(&cli) {
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (e.g. `| head`) is not an error worth reporting.
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("kerasinfo: {}", e.replace('\n', " "));
            ExitCode::from(1)
        }
    }
}
