//! Benchmarks: Keras Applications from config text (`model.to_json()`) to
//! the Keras 3 summary text: parse, rebuild the graph, compute the summary
//! data and render it. No timed asserts; see `cargo bench --bench
//! applications --features keras-json`.

use std::io::Read;

use criterion::{Criterion, black_box, criterion_group, criterion_main};
use kerasinfo::Layer;
use kerasinfo::config::{Cfg, Registry};
use kerasinfo::layers::Identity;

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

fn summary_text(config: &str, registry: &Registry) -> kerasinfo::Result<String> {
    kerasinfo::naming::clear_session();
    let model = kerasinfo::config::model_from_json_with(config, registry)?;
    Ok(model.summary().to_string())
}

/// The built-in registry; while the `Normalization` / `Rescaling` factories
/// are missing, `Identity` stands in for them (same graph size, so the
/// timing is representative; the summary text is not Keras's).
fn registry() -> (Registry, bool) {
    let mut r = Registry::new();
    let mut stand_ins = false;
    for class in ["Normalization", "Rescaling"] {
        if !r.contains(class) {
            stand_ins = true;
            r.register(class, |_c: &Cfg<'_>| {
                Ok(Box::new(Identity::new()) as Box<dyn Layer>)
            });
        }
    }
    (r, stand_ins)
}

fn bench(c: &mut Criterion) {
    let (registry, stand_ins) = registry();
    for name in ["ResNet50", "EfficientNetB7", "NASNetLarge"] {
        let config = config_text(name);
        if let Err(e) = summary_text(&config, &registry) {
            eprintln!("skipping {name}: {e}");
            continue;
        }
        let label = if stand_ins && name.starts_with("EfficientNet") {
            format!("{name}_config_to_summary_text_preprocessing_stand_ins")
        } else {
            format!("{name}_config_to_summary_text")
        };
        c.bench_function(&label, |b| {
            b.iter(|| black_box(summary_text(black_box(&config), &registry).map(|s| s.len())));
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
