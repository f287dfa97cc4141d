//! The summary as CSV (RFC 4180), one record per summary row, for pandas
//! and spreadsheets (a kerasinfo format; Keras has none).
//!
//! The header and columns:
//!
//! | column | value |
//! |---|---|
//! | `name` | the layer's name |
//! | `class_name` | its Keras class |
//! | `nested_level` | 0 for the model's own layers, 1 for the layers of a model nested in it, … (see [`CsvOptions::expand_nested`]) |
//! | `output_shape` | the `Output Shape` cell as Keras prints it, `(None, 64, 64, 32)` |
//! | `params`, `trainable_params`, `non_trainable_params` | parameter counts |
//! | `trainable` | the layer's flag, `true` or `false` |
//! | `macs`, `flops` | compute per sample ([`crate::compute`]); empty when unknown |
//! | `param_bytes` | [`SummaryRow::param_bytes`] |
//! | `activation_bytes` | [`SummaryRow::activation_bytes`] for [`CsvOptions::batch_size`] samples; empty when unknown |
//! | `connected_to` | the `Connected to` cell, `a[0][0], b[0][0]`; empty for none and for the layers of nested models |
//!
//! Records end in CRLF. A field with a comma, a double quote, a CR or an
//! LF is enclosed in double quotes, its quotes doubled; other fields are
//! written as they are.
//!
//! ```
//! use kerasinfo::prelude::*;
//! use kerasinfo::render::csv::{render, CsvOptions};
//! let m = Sequential::new().add(Input::new([4])).add(Dense::new(3).name("fc")).build()?;
//! let text = render(&m.summary(), &CsvOptions::new())?;
//! let mut lines = text.split("\r\n");
//! assert_eq!(lines.next(), Some("name,class_name,nested_level,output_shape,params,trainable_params,non_trainable_params,trainable,macs,flops,param_bytes,activation_bytes,connected_to"));
//! assert_eq!(lines.next(), Some("fc,Dense,0,\"(None, 3)\",15,15,0,true,12,27,60,12,"));
//! # Ok::<(), kerasinfo::Error>(())
//! ```

use crate::error::Result;
use crate::summary::{Summary, SummaryRow};

options! {
    /// Options of the CSV text.
    ///
    /// ```
    /// use kerasinfo::render::csv::CsvOptions;
    /// let o = CsvOptions::new().batch_size(32).expand_nested(true);
    /// assert_eq!((o.batch_size, o.expand_nested), (32, true));
    /// ```
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[must_use]
    #[non_exhaustive]
    pub struct CsvOptions {
        /// The batch size of `activation_bytes`. Defaults to 1.
        pub batch_size: u64 = 1, |batch: u64| batch;
        /// Add records for the layers of nested models after theirs, as
        /// Keras's `expand_nested` lists them. Defaults to `false`.
        pub expand_nested: bool = false, |on: bool| on;
        /// How many levels of nesting `expand_nested` lists (`None`, the
        /// default: all). See
        /// [`Keras3Options::expand_nested_depth`](crate::Keras3Options::expand_nested_depth).
        pub expand_nested_depth: Option<usize> = None;
    }
    /// Batch size 1, nested models not expanded.
    pub fn new();
}

expand_nested_depth_setter!(CsvOptions);

/// The header record (its fields need no quotes).
const HEADER: &str = "name,class_name,nested_level,output_shape,params,trainable_params,\
                      non_trainable_params,trainable,macs,flops,param_bytes,activation_bytes,\
                      connected_to\r\n";

/// One field, quoted when RFC 4180 requires it.
fn field(out: &mut String, text: &str) {
    if text.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

fn record<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, f.as_ref());
    }
    out.push_str("\r\n");
}

fn row_fields(row: &SummaryRow, level: usize, batch: u64) -> Result<Vec<String>> {
    let opt = |v: Option<u64>| v.map(|n| n.to_string()).unwrap_or_default();
    Ok(vec![
        row.name.to_string(),
        row.class_name.to_string(),
        level.to_string(),
        row.output_shape_text(),
        row.params.to_string(),
        row.trainable_params.to_string(),
        row.non_trainable_params.to_string(),
        row.trainable.to_string(),
        opt(row.cost().map(|c| c.macs)),
        opt(row.cost().map(|c| c.flops)),
        row.param_bytes()?.to_string(),
        opt(row.activation_bytes(batch)?),
        if level > 0 || row.connected_to.is_empty() {
            String::new()
        } else {
            row.connected_to_text()
        },
    ])
}

/// The CSV text of `summary` (columns in the [module docs](self)). Errors
/// name the layer whose byte figure overflows `u64`.
pub fn render(summary: &Summary, options: &CsvOptions) -> Result<String> {
    let mut out = HEADER.to_owned();
    let levels = super::expand_levels(options.expand_nested, options.expand_nested_depth);
    super::visit_rows(&summary.rows, levels, 0, &mut |row, level| {
        record(&mut out, &row_fields(row, level, options.batch_size)?);
        Ok(())
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn quotes_as_rfc_4180_says() {
        let q = |s: &str| {
            let mut out = String::new();
            field(&mut out, s);
            out
        };
        assert_eq!(q("plain"), "plain");
        assert_eq!(q("a,b"), "\"a,b\"");
        assert_eq!(q("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(q("two\nlines"), "\"two\nlines\"");
        assert_eq!(q("cr\rhere"), "\"cr\rhere\"");
        assert_eq!(q(""), "");
    }
}
