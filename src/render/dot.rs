//! Graphviz DOT text like Keras 3's `keras.utils.model_to_dot(model, ...)
//! .to_string()` (`keras/src/utils/model_visualization.py`, printed by
//! pydot 4), which `keras.utils.plot_model` hands to Graphviz.
//!
//! The text is Keras's byte for byte, with one difference Keras cannot
//! avoid: Keras names each node by Python's `id(layer)` (a memory address),
//! so its text changes from run to run. Here nodes are numbered `0, 1, 2, …`
//! in the order they are declared (depth first through expanded nested
//! models), and `scripts/gen_dot_fixtures.py` normalizes Keras's ids the
//! same way (each id replaced by its rank of first appearance in the text).
//!
//! Options Keras has that are not here: `show_dtype` and
//! `show_layer_activations` (the [`Summary`] records neither a tensor's
//! dtype nor a layer's activation), and `subgraph`.
//!
//! ```
//! use kerasinfo::prelude::*;
//! use kerasinfo::render::dot::{render, DotOptions};
//! let m = Sequential::new().add(Input::new([4])).add(Dense::new(3)).add(Dense::new(1)).build()?;
//! let text = render(&m.summary(), &DotOptions::new().rankdir("LR"))?;
//! assert!(text.starts_with("digraph G {\nrankdir=LR;\n"));
//! assert!(text.ends_with("0 -> 1 [penwidth=2];\n}\n"));
//! # Ok::<(), kerasinfo::Error>(())
//! ```

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::error::{Error, Result};
use crate::layer::OutputStructure;
use crate::model::ModelKind;
use crate::shape::Shape;
use crate::summary::{Summary, SummaryRow};

options! {
    /// Options of Keras's `model_to_dot` / `plot_model`.
    ///
    /// ```
    /// use kerasinfo::render::dot::DotOptions;
    /// let o = DotOptions::new().show_shapes(true).dpi(96);
    /// assert_eq!((o.show_shapes, o.show_layer_names, o.dpi), (true, true, 96));
    /// ```
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[must_use]
    #[non_exhaustive]
    pub struct DotOptions {
        /// `show_shapes=`: each node lists its input and output shapes.
        /// Defaults to `false`.
        pub show_shapes: bool = false, |on: bool| on;
        /// `show_layer_names=`: each node shows `name (Class)` rather than the
        /// class alone. Defaults to `true`.
        pub show_layer_names: bool = true, |on: bool| on;
        /// `rankdir=`: `TB`, `LR`, `BT` or `RL`. Defaults to `"TB"`.
        pub rankdir: String = "TB".to_owned(), |rankdir: impl Into<String>| rankdir.into();
        /// `expand_nested=`: nested models become dashed clusters of their
        /// layers. Defaults to `false`.
        pub expand_nested: bool = false, |on: bool| on;
        /// `dpi=`. Defaults to 200.
        pub dpi: u32 = 200, |dpi: u32| dpi;
        /// `show_trainable=`: layers with weights are marked `Trainable`
        /// (green) or `Non-trainable` (red). Defaults to `false`.
        pub show_trainable: bool = false, |on: bool| on;
        /// `splines=`: how Graphviz draws edges. Defaults to `"ortho"`.
        pub splines: String = "ortho".to_owned(), |splines: impl Into<String>| splines.into();
    }
    /// Keras's defaults.
    pub fn new();
}

/// The DOT text Keras's `model_to_dot(model, ...).to_string()` gives, node
/// ids numbered as described in the [module docs](self).
///
/// # Errors
/// [`Error::Options`] when `rankdir` is not one of `TB`, `LR`, `BT`, `RL`
/// (Keras passes any string on to Graphviz); [`Error::Model`] when the
/// summary's connections name a layer it does not have, or when the model
/// was never built (a Sequential given no `Input`), as Keras refuses.
pub fn render(summary: &Summary, options: &DotOptions) -> Result<String> {
    summary.require_built()?;
    if !["TB", "LR", "BT", "RL"].contains(&options.rankdir.as_str()) {
        return Err(Error::Options(format!(
            "rankdir must be one of TB, LR, BT, RL, not {:?}",
            options.rankdir
        )));
    }
    let mut out = String::from("digraph G {\n");
    let _ = writeln!(out, "rankdir={};", quote_attr(&options.rankdir));
    out.push_str("concentrate=true;\n");
    let _ = writeln!(out, "dpi={};", options.dpi);
    let _ = writeln!(out, "splines={};", quote_attr(&options.splines));
    out.push_str("node [shape=record];\n");
    let mut writer = Writer {
        options,
        ids: HashMap::new(),
        out,
    };
    writer.graph(summary)?;
    writer.out.push_str("}\n");
    Ok(writer.out)
}

struct Writer<'a> {
    options: &'a DotOptions,
    /// Node id of each declared row (rows are keyed by address: a row is
    /// one layer of one summary).
    ids: HashMap<*const SummaryRow, usize>,
    out: String,
}

fn key(row: &SummaryRow) -> *const SummaryRow {
    std::ptr::from_ref(row)
}

fn model_error(summary: &Summary, reason: String) -> Error {
    Error::Model {
        model: summary.name.clone(),
        reason,
    }
}

impl Writer<'_> {
    /// Nodes (and clusters) of `summary`, then its edges: Keras's
    /// `model_to_dot` body without the graph header.
    fn graph(&mut self, summary: &Summary) -> Result<()> {
        let expand = self.options.expand_nested;
        for row in &summary.rows {
            match (&row.nested, expand) {
                (Some(inner), true) => {
                    let _ = writeln!(
                        self.out,
                        "subgraph {} {{\nstyle=dashed;\nlabel={};\nlabeljust=l;",
                        quote_id(&format!("cluster_{}", inner.name)),
                        quote_attr(&inner.name)
                    );
                    self.graph(inner)?;
                    self.out.push_str("}\n");
                }
                _ => {
                    let id = self.ids.len();
                    self.ids.insert(key(row), id);
                    let label = self.label(row);
                    let _ = writeln!(
                        self.out,
                        "{id} [label={label}, fontname=Helvetica, border=0, margin=0];"
                    );
                }
            }
        }
        let mut edges: Vec<(usize, usize)> = Vec::new();
        let sequential = summary.class_name == ModelKind::Sequential.class_name();
        if sequential && !expand {
            for pair in summary.rows.windows(2) {
                if let [a, b] = pair {
                    self.edge(&mut edges, summary, a, b)?;
                }
            }
            return Ok(());
        }
        let rows = if sequential {
            summary.rows.get(1..).unwrap_or_default()
        } else {
            summary.rows.as_slice()
        };
        for row in rows {
            for call in &row.inbound {
                for (input_index, conn) in call.iter().enumerate() {
                    // An input that no layer of this model produced (the
                    // `InputLayer` a Sequential model does not list).
                    let Some(source) = summary.row(&conn.layer) else {
                        continue;
                    };
                    if !expand {
                        self.edge(&mut edges, summary, source, row)?;
                        continue;
                    }
                    let source = resolve_source(summary, source, conn.tensor_index)?;
                    let destination = resolve_destination(summary, row, input_index)?;
                    self.edge(&mut edges, summary, source, destination)?;
                }
            }
        }
        Ok(())
    }

    fn edge(
        &mut self,
        edges: &mut Vec<(usize, usize)>,
        summary: &Summary,
        src: &SummaryRow,
        dst: &SummaryRow,
    ) -> Result<()> {
        let id = |row: &SummaryRow| {
            self.ids.get(&key(row)).copied().ok_or_else(|| {
                model_error(summary, format!("no graph node for layer \"{}\"", row.name))
            })
        };
        let pair = (id(src)?, id(dst)?);
        if !edges.contains(&pair) {
            edges.push(pair);
            let _ = writeln!(self.out, "{} -> {} [penwidth=2];", pair.0, pair.1);
        }
        Ok(())
    }

    /// Keras's `make_layer_label` (without dtype and activation).
    fn label(&self, row: &SummaryRow) -> String {
        let o = self.options;
        // Keras's `max(1, show_trainable + 2 * show_shapes)`.
        let colspan = match (o.show_trainable, o.show_shapes) {
            (true, true) => 3,
            (false, true) => 2,
            (_, false) => 1,
        };
        let mut t =
            String::from(r#"<<table border="0" cellborder="1" bgcolor="black" cellpadding="10">"#);
        let title = if o.show_layer_names {
            format!("<b>{}</b> ({})", row.name, row.class_name)
        } else {
            format!("<b>{}</b>", row.class_name)
        };
        let _ = write!(
            t,
            r#"<tr><td colspan="{colspan}" bgcolor="black"><font point-size="16" color="white">{title}</font></td></tr>"#
        );
        let mut cols: Vec<String> = Vec::new();
        if o.show_shapes {
            if !row.is_input {
                cols.push(format!(
                    r#"<td bgcolor="white"><font point-size="14">Input shape: <b>{}</b></font></td>"#,
                    shapes_text(&row.input_shapes, OutputStructure::List)
                ));
            }
            cols.push(format!(
                r#"<td bgcolor="white"><font point-size="14">Output shape: <b>{}</b></font></td>"#,
                shapes_text(&row.output_shapes, row.output_structure)
            ));
        }
        if o.show_trainable && row.has_weights() {
            cols.push(if row.trainable {
                r#"<td bgcolor="forestgreen"><font point-size="14" color="white"><b>Trainable</b></font></td>"#.to_owned()
            } else {
                r#"<td bgcolor="firebrick"><font point-size="14" color="white"><b>Non-trainable</b></font></td>"#.to_owned()
            });
        }
        if !cols.is_empty() {
            let _ = write!(t, "<tr>{}</tr>", cols.concat());
        }
        t.push_str("</table>>");
        t
    }
}

/// A nested model as an edge's source: the layer inside it that produces
/// output `output_index`, however deep.
fn resolve_source<'s>(
    summary: &'s Summary,
    mut source: &'s SummaryRow,
    mut output_index: usize,
) -> Result<&'s SummaryRow> {
    while let Some(inner) = &source.nested {
        let conn = inner.output_connections.get(output_index).ok_or_else(|| {
            model_error(
                summary,
                format!("\"{}\" has no output {output_index}", inner.name),
            )
        })?;
        source = inner
            .row(&conn.layer)
            .ok_or_else(|| model_error(inner, format!("no layer \"{}\"", conn.layer)))?;
        output_index = conn.tensor_index;
    }
    Ok(source)
}

/// A nested model as an edge's destination: a Functional model's
/// `InputLayer` for input `input_index`, a Sequential model's first layer.
fn resolve_destination<'s>(
    summary: &'s Summary,
    mut destination: &'s SummaryRow,
    input_index: usize,
) -> Result<&'s SummaryRow> {
    while let Some(inner) = &destination.nested {
        let next = if inner.class_name == ModelKind::Sequential.class_name() {
            inner.rows.first()
        } else {
            inner
                .input_connections
                .get(input_index)
                .and_then(|c| inner.row(&c.layer))
        };
        destination = next.ok_or_else(|| {
            model_error(
                summary,
                format!("\"{}\" has no layer for input {input_index}", inner.name),
            )
        })?;
    }
    Ok(destination)
}

/// Shapes as Keras's `model_to_dot` labels them: `?` for none.
fn shapes_text(shapes: &[Shape], structure: OutputStructure) -> String {
    if shapes.is_empty() {
        return "?".to_owned();
    }
    super::py_shapes(shapes, structure)
}

/// pydot's `any_needs_quotes`: `Some(false)` for digits, identifiers made
/// of letters and digits and numerals; `Some(true)` for alphanumerics
/// starting with a digit; `None` when undecided.
fn any_needs_quotes(s: &str) -> Option<bool> {
    let mut chars = s.chars();
    let first = chars.next()?;
    if s.chars().all(|c| c.is_ascii_digit()) {
        return Some(false);
    }
    if s.chars().all(char::is_alphanumeric) {
        return Some(first.is_numeric());
    }
    let numeric = {
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        s.matches('.').count() <= 1
            && int.chars().all(|c| c.is_ascii_digit())
            && frac.chars().all(|c| c.is_ascii_digit())
            && !(int.is_empty() && frac.is_empty())
    };
    let quoted = s.len() >= 2 && s.starts_with('"') && s.ends_with('"');
    let html = s.len() >= 2 && s.starts_with('<') && s.ends_with('>');
    if s.chars().any(|c| !c.is_ascii() || c == '\0') && !quoted && !html {
        return Some(true);
    }
    if numeric || quoted || html {
        return Some(false);
    }
    None
}

const DOT_KEYWORDS: [&str; 6] = ["graph", "subgraph", "digraph", "node", "edge", "strict"];

fn make_quoted(s: &str) -> String {
    let escaped = s
        .replace('"', "\\\"")
        .replace('\n', "\\n")
        .replace('\r', "\\r");
    format!("\"{escaped}\"")
}

fn is_keyword(s: &str) -> bool {
    DOT_KEYWORDS.contains(&s.to_lowercase().as_str())
}

/// pydot's `quote_attr_if_necessary`.
fn quote_attr(s: &str) -> String {
    if is_keyword(s) || any_needs_quotes(s) != Some(false) {
        make_quoted(s)
    } else {
        s.to_owned()
    }
}

/// pydot's `quote_id_if_necessary` (for names without `:` ports).
fn quote_id(s: &str) -> String {
    if s.is_empty() {
        return String::new();
    }
    if is_keyword(s) {
        return make_quoted(s);
    }
    let needs = any_needs_quotes(s).unwrap_or_else(|| {
        let mut chars = s.chars();
        let ident = chars
            .next()
            .is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
            && chars.all(|c| c == '_' || c.is_ascii_alphanumeric());
        !ident
    });
    if needs { make_quoted(s) } else { s.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::{quote_attr, quote_id};

    #[test]
    fn pydot_quoting() {
        assert_eq!(quote_attr("encoder"), "encoder");
        assert_eq!(quote_attr("long_names"), "\"long_names\"");
        assert_eq!(quote_attr("200"), "200");
        assert_eq!(quote_attr("node"), "\"node\"");
        assert_eq!(quote_attr("a\"b"), "\"a\\\"b\"");
        assert_eq!(quote_id("cluster_encoder"), "cluster_encoder");
        assert_eq!(quote_id("cluster_my-model"), "\"cluster_my-model\"");
        assert_eq!(quote_id("3d"), "\"3d\"");
    }
}
