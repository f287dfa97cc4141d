//! `kerasinfo diff A B`: compare two models, each a Keras config JSON, a
//! `.keras` archive or a printed summary text (`-` for stdin).
//!
//! ```text
//! kerasinfo diff [OPTIONS] <A> <B>
//!   --format <FORMAT>       text (default) | json
//!   --ignore-names          match layers by position and class; ignore names
//!   --ignore-weight-paths   ignore weight paths
//! ```
//! Exit status: 0 when the two are the same, 1 when they differ, 2 on
//! wrong usage or a side that cannot be read (as `diff(1)`).

use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use kerasinfo::summary::DiffOptions;
use kerasinfo::testing::Architecture;

use super::{Fail, pretty_json, print, read_stdin};

#[derive(Debug, Clone, Copy, ValueEnum)]
enum DiffFormat {
    /// A report like a unified diff of the summary rows.
    Text,
    /// One JSON object: `equal`, `left`, `right`, `changes`.
    Json,
}

/// Compare two models layer by layer: exit 0 when they are the same, 1
/// when they differ, 2 on errors.
#[derive(Debug, Parser)]
#[command(name = "kerasinfo diff", bin_name = "kerasinfo diff", version)]
struct DiffCli {
    /// A Keras config JSON (Keras 3 or tf.keras 2), a .keras archive, a
    /// printed `model.summary()` text, or - for stdin.
    a: String,
    /// The other model, as A.
    b: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    format: DiffFormat,
    /// Match layers by position and class only, and ignore layer and model
    /// names (automatic names differ between sessions).
    #[arg(long)]
    ignore_names: bool,
    /// Ignore weight paths.
    #[arg(long)]
    ignore_weight_paths: bool,
}

fn load(arg: &str) -> Result<Architecture, Fail> {
    kerasinfo::naming::clear_session();
    if arg == "-" {
        return Ok(Architecture::from_bytes(&read_stdin()?, "standard input")?);
    }
    Ok(Architecture::load(arg)?)
}

fn run(cli: &DiffCli) -> Result<(bool, String), Fail> {
    if cli.a == "-" && cli.b == "-" {
        return Err("only one side can be read from standard input".into());
    }
    let (a, b) = (load(&cli.a)?, load(&cli.b)?);
    let options = DiffOptions::new()
        .ignore_names(cli.ignore_names)
        .ignore_weight_paths(cli.ignore_weight_paths);
    let diff = kerasinfo::summary::diff::diff(&a, &b, &options);
    let text = match cli.format {
        DiffFormat::Text => diff.to_string(),
        DiffFormat::Json => pretty_json(&diff.to_json())?,
    };
    Ok((diff.is_empty(), text))
}

/// Runs `kerasinfo diff` with the process's arguments (`args[1]` is `diff`).
pub fn main(args: &[std::ffi::OsString]) -> ExitCode {
    // clap exits with status 2 on wrong usage.
    let cli = DiffCli::parse_from(args.iter().skip(1));
    match run(&cli) {
        Ok((same, text)) => {
            print(&text);
            ExitCode::from(u8::from(!same))
        }
        Err(e) => {
            eprintln!("kerasinfo diff: {}", e.to_string().replace('\n', " "));
            ExitCode::from(2)
        }
    }
}
