//! Benchmarks: Keras Applications from config text (`model.to_json()`) to
//! the Keras 3 summary text: parse, rebuild the graph, compute the summary
//! data and render it. No timed asserts; see `cargo bench --bench
//! applications --features keras-json`.

use std::io::Read;

use criterion::{Criterion, black_box, criterion_group, criterion_main};

fn config_text(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/applications/{name}.config.json.gz",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).expect("fixture exists");
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes.as_slice())
        .read_to_string(&mut text)
        .expect("gzip fixture");
    text
}

fn summary_text(config: &str) -> kerasinfo::Result<String> {
    kerasinfo::naming::clear_session();
    let model = kerasinfo::config::model_from_json(config)?;
    Ok(model.summary().to_string())
}

fn bench(c: &mut Criterion) {
    for name in ["ResNet50", "EfficientNetB7", "NASNetLarge"] {
        let config = config_text(name);
        // EfficientNetB7 needs the Rescaling/Normalization factories; skip
        // it (with a note) while they are missing.
        if let Err(e) = summary_text(&config) {
            eprintln!("skipping {name}: {e}");
            continue;
        }
        c.bench_function(&format!("{name}_config_to_summary_text"), |b| {
            b.iter(|| black_box(summary_text(black_box(&config)).map(|s| s.len())));
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
