//! Times the library call a saved-model summary costs: Keras config text in,
//! Keras 3 summary text out (parse, import, summary, render), for the
//! config files given as arguments (gzip-compressed `.gz` files are read
//! too). Prints one line per file: `name median_seconds runs
//! mean_cpu_seconds` (the thread's CPU time over all runs divided by their
//! number, where Linux tells it: its clock may tick in milliseconds, too
//! coarse for one call; a busy machine inflates it less than the wall
//! clock; else `-`).
//!
//! `cargo run --release --features keras-json --example import_timing -- FILE...`
//! (used by scripts/bench_vs_keras.py).

use std::io::Read;
use std::time::{Duration, Instant};

use kerasinfo::config::{Registry, model_from_json_with};

fn read(path: &str) -> std::io::Result<String> {
    let bytes = std::fs::read(path)?;
    if path.ends_with(".gz") {
        let mut text = String::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut text)?;
        Ok(text)
    } else {
        String::from_utf8(bytes).map_err(std::io::Error::other)
    }
}

/// CPU time of this thread so far (Linux), in nanoseconds.
fn cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let registry = Registry::new();
    for path in std::env::args().skip(1) {
        let text = read(&path)?;
        let mut times: Vec<Duration> = Vec::new();
        let cpu_start = cpu_ns();
        let start = Instant::now();
        while times.len() < 5 || (start.elapsed() < Duration::from_secs(2) && times.len() < 200) {
            kerasinfo::naming::clear_session();
            let t = Instant::now();
            let model = model_from_json_with(&text, &registry)?;
            let out = model.summary().to_string();
            times.push(t.elapsed());
            std::hint::black_box(out);
        }
        times.sort();
        let median = times[times.len() / 2];
        let cpu_mean = match (cpu_start, cpu_ns()) {
            (Some(a), Some(b)) => format!(
                "{:.6}",
                Duration::from_nanos(b.saturating_sub(a)).as_secs_f64() / times.len() as f64
            ),
            _ => "-".to_owned(),
        };
        let name = std::path::Path::new(&path)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(&path)
            .split('.')
            .next()
            .unwrap_or_default()
            .to_owned();
        println!(
            "{name} {:.6} {} {cpu_mean}",
            median.as_secs_f64(),
            times.len()
        );
    }
    Ok(())
}
