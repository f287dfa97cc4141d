//! Benchmarks: building ResNet50 with the builder and computing its
//! summary data, and rendering Keras 3's summary text.

use criterion::{Criterion, black_box, criterion_group, criterion_main};

#[path = "../examples/resnet50.rs"]
#[allow(dead_code)]
mod resnet50_example;

fn bench(c: &mut Criterion) {
    c.bench_function("resnet50_build_and_summary_data", |b| {
        b.iter(|| {
            kerasinfo::naming::clear_session();
            let model = resnet50_example::resnet50().expect("ResNet50 builds");
            black_box(model.summary().total_params)
        });
    });
    kerasinfo::naming::clear_session();
    let model = resnet50_example::resnet50().expect("ResNet50 builds");
    let summary = model.summary();
    c.bench_function("resnet50_summary_data", |b| {
        b.iter(|| black_box(model.summary().rows.len()));
    });
    c.bench_function("resnet50_render_keras3_text", |b| {
        b.iter(|| black_box(summary.to_string().len()));
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
