//! (Seeded from every summary text fixture.) Bytes as text (lossily
//! decoded) -> `PrintedSummary::parse`; when it reads a summary: its diff
//! with itself must be empty, and the diff's report and JSON, and the
//! parsed summary's Keras 3 and tf.keras 2 renderings, must not panic.
//! Any panic is a bug.
#![no_main]

use kerasinfo::Keras3Options;
use kerasinfo::render::keras2::{self, Keras2Options};
use kerasinfo::summary::PrintedSummary;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(printed) = PrintedSummary::parse(&text) else {
        return;
    };
    let d = printed.diff(&printed);
    assert!(d.is_empty(), "a printed summary differs from itself:\n{d}");
    let d = printed.summary.diff(&printed);
    let _ = d.to_string();
    let _ = d.to_json();
    let _ = printed
        .summary
        .render(&Keras3Options::new().show_trainable(true));
    let _ = keras2::render(&printed.summary, &Keras2Options::new());
    let _ = printed.summary.params_by_class();
    let _ = printed.summary.nesting_depth();
});
