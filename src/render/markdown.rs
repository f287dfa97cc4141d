//! The summary as a GitHub-flavoured Markdown table (a kerasinfo format;
//! Keras has none), with the figures Keras prints.
//!
//! The format:
//!
//! ```text
//! **Model: "residual"**
//!
//! | Layer (type) | Output Shape | Param # | Connected to |
//! | :--- | :--- | ---: | :--- |
//! | img (InputLayer) | (None, 32, 32, 16) | 0 | - |
//! | add (Add) | (None, 32, 32, 16) | 0 | batch_normalization_1[0][0], img[0][0] |
//!
//! - Total params: 4,938 (19.29 KB)
//! - Trainable params: 4,874 (19.04 KB)
//! - Non-trainable params: 64 (256.00 B)
//! ```
//!
//! - One row per layer, cells as in Keras 3's `model.summary()`: `name
//!   (Class)`, the output shape, the parameter count with thousands
//!   separators, then `Connected to` (only when the model is not
//!   sequential-like, as in Keras; several inputs are joined by `, `), then
//!   `Trainable` (`Y`, `N`, `-` for no weights) with
//!   [`MarkdownOptions::show_trainable`].
//! - With [`MarkdownOptions::expand_nested`], a nested model's layers
//!   follow its row, their first cell prefixed by three no-break spaces per
//!   level and `└ ` (Keras's marker), `Connected to` `-`.
//! - Text from the model (names, shapes) is escaped: `\`, `|`, `` ` ``, `*`,
//!   `[`, `]`, `<`, `>` get a backslash, and so does `_` at either end of a
//!   cell (inside a word GitHub does not read `_` as emphasis).
//! - With [`MarkdownOptions::show_memory`], `Param memory` and
//!   `Activations` follow `Param #` (sizes as Keras prints them, `?` when
//!   unknown).
//! - The totals are a list, one line each, as Keras words them (with
//!   `Optimizer params` when the summary has an optimizer).
//!
//! ```
//! use kerasinfo::prelude::*;
//! use kerasinfo::render::markdown::{render, MarkdownOptions};
//! let m = Sequential::new().name("s").add(Input::new([4])).add(Dense::new(3)).build()?;
//! let text = render(&m.summary(), &MarkdownOptions::new())?;
//! assert!(text.contains("| dense (Dense) | (None, 3) | 15 |\n"));
//! assert!(text.ends_with("- Total params: 15 (60.00 B)\n- Trainable params: 15 (60.00 B)\n- Non-trainable params: 0 (0.00 B)\n"));
//! let text = render(&m.summary(), &MarkdownOptions::new().show_memory(2))?;
//! assert!(text.contains("| dense (Dense) | (None, 3) | 15 | 60.00 B | 24.00 B |\n"), "{text}");
//! # Ok::<(), kerasinfo::Error>(())
//! ```

use std::fmt::Write as _;

use super::group_thousands;
use crate::summary::{Summary, SummaryRow};

options! {
    /// Options of the Markdown table.
    ///
    /// ```
    /// use kerasinfo::render::markdown::MarkdownOptions;
    /// let o = MarkdownOptions::new().show_trainable(true);
    /// assert!(o.show_trainable && !o.expand_nested);
    /// ```
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[must_use]
    #[non_exhaustive]
    pub struct MarkdownOptions {
        /// Add the `Trainable` column. Defaults to `false`.
        pub show_trainable: bool = false, |on: bool| on;
        /// List the layers of nested models under theirs. Defaults to `false`.
        pub expand_nested: bool = false, |on: bool| on;
        /// How many levels of nested models `expand_nested` lists (`None`, the
        /// default: all). See
        /// [`Keras3Options::expand_nested_depth`](crate::Keras3Options::expand_nested_depth).
        pub expand_nested_depth: Option<usize> = None;
        /// Add `Param memory` and `Activations` columns after `Param #` for a
        /// batch of this many samples (see
        /// [`Keras3Options::show_memory`](crate::Keras3Options::show_memory)).
        /// Defaults to `None`.
        pub show_memory: Option<u64> = None, |batch: u64| Some(batch);
    }
    /// No `Trainable` column, nested models not expanded.
    pub fn new();
}

expand_nested_depth_setter!(MarkdownOptions);

/// The Markdown text of `summary` (format in the [module docs](self)).
///
/// # Errors
/// None today; the `Result` keeps every renderer's signature alike.
pub fn render(summary: &Summary, options: &MarkdownOptions) -> crate::Result<String> {
    let mut out = format!("**Model: \"{}\"**\n\n", escape(&summary.name));
    let mut header = vec!["Layer (type)", "Output Shape", "Param #"];
    let mut align = vec![":---", ":---", "---:"];
    if options.show_memory.is_some() {
        header.extend(super::MEMORY_HEADERS);
        align.extend(["---:", "---:"]);
    }
    if !summary.sequential_like {
        header.push("Connected to");
        align.push(":---");
    }
    if options.show_trainable {
        header.push("Trainable");
        align.push(":---:");
    }
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(out, "| {} |", align.join(" | "));
    let levels = super::expand_levels(options.expand_nested, options.expand_nested_depth);
    // Writing to a `String` cannot fail.
    let _ = super::visit_rows(&summary.rows, levels, 0, &mut |row, level| {
        writeln!(
            out,
            "| {} |",
            cells(row, summary, options, level).join(" | ")
        )
    });
    out.push('\n');
    for (which, n, size) in summary.keras_totals() {
        let _ = writeln!(out, "- {}: {} ({size})", which.label(), group_thousands(n));
    }
    Ok(out)
}

fn cells(row: &SummaryRow, top: &Summary, options: &MarkdownOptions, level: usize) -> Vec<String> {
    let prefix = if level > 0 {
        format!("{}└ ", "\u{a0}".repeat(level.saturating_mul(3)))
    } else {
        String::new()
    };
    let mut cells = vec![
        format!(
            "{prefix}{}",
            escape(&format!("{} ({})", row.name, row.class_name))
        ),
        escape(&row.output_shape_text()),
        if row.unbuilt {
            "0 (unbuilt)".to_owned()
        } else {
            group_thousands(row.params)
        },
    ];
    if let Some(batch) = options.show_memory {
        cells.extend(super::memory_cells(row, batch));
    }
    if !top.sequential_like {
        cells.push(if level > 0 {
            "-".to_owned()
        } else {
            escape(&row.connected_to_text())
        });
    }
    if options.show_trainable {
        cells.push(row.trainable_text().to_owned());
    }
    cells
}

/// Escapes what GitHub would read as table or inline syntax.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let last = text.chars().count().saturating_sub(1);
    for (i, c) in text.chars().enumerate() {
        let special = matches!(c, '\\' | '|' | '`' | '*' | '[' | ']' | '<' | '>')
            || (c == '_' && (i == 0 || i == last));
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("conv2d_1 (Conv2D)"), "conv2d_1 (Conv2D)");
        assert_eq!(escape("_x_"), "\\_x\\_");
        assert_eq!(escape("a\\b*`<>[]"), "a\\\\b\\*\\`\\<\\>\\[\\]");
    }
}
