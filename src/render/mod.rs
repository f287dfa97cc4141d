//! Renderers: turn a [`Summary`](crate::Summary) into text. They read the
//! summary's data only; they never look at layer types.
//!
//! - [`keras2`]: tf.keras 2's `model.summary()` text, byte for byte.
//! - [`keras3`]: Keras 3's `model.summary()` table, byte for byte.
//! - [`dot`]: Graphviz DOT like Keras's `keras.utils.model_to_dot`.
//! - [`markdown`]: a GitHub-flavoured Markdown table.
//! - [`json`]: one JSON object (feature `keras-json`).
//! - [`torchinfo`]: the table torchinfo prints, with compute figures.

pub mod dot;
#[cfg(feature = "keras-json")]
pub mod json;
pub mod keras2;
pub mod keras3;
pub mod markdown;
mod pattern;
mod rich;
pub mod torchinfo;

pub use keras3::SummaryOptions;

/// `1234567` as `1,234,567` (torchinfo's and the memory report's figures).
pub(crate) fn grouped(n: u64) -> String {
    let digits: Vec<char> = n.to_string().chars().rev().collect();
    let groups: Vec<String> = digits.chunks(3).map(|g| g.iter().rev().collect()).collect();
    let mut groups = groups;
    groups.reverse();
    groups.join(",")
}
