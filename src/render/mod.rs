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
