//! Benchmarks: building ResNet50 with the builder and computing its
//! summary data, rendering Keras 3's summary text, and building and
//! counting a Sequential of a million `Dense` layers (its memory per layer
//! is measured by `cargo run --release --example deep_sequential 1000000`).

use criterion::{Criterion, black_box, criterion_group, criterion_main};
use kerasinfo::prelude::*;

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

fn deep(c: &mut Criterion) {
    let mut group = c.benchmark_group("deep_sequential");
    group.sample_size(10);
    group.bench_function("1m_dense_build_and_count", |b| {
        b.iter(|| {
            kerasinfo::naming::clear_session();
            let mut s = Sequential::new().input_shape([8]);
            for _ in 0..1_000_000 {
                s = s.add(Dense::new(8));
            }
            let model = s.build().expect("builds");
            black_box(model.count_params())
        });
    });
    group.finish();
}

criterion_group!(benches, bench, deep);
criterion_main!(benches);
