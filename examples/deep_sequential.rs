//! A very deep model: a Sequential of N `Dense(8)` layers (default 100,000;
//! pass another N as the first argument), built and counted, then
//! summarized, with the time each step takes and the memory it needs,
//! measured by a counting allocator (peak bytes live, per layer).
//!
//! `cargo run --release --example deep_sequential 1000000`

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use kerasinfo::prelude::*;

/// The system allocator, counting the bytes live and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grow(n: usize) {
    let live = LIVE.fetch_add(n, Ordering::Relaxed) + n;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

// SAFETY: every call is forwarded to `System` unchanged; only counters move.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grow(layout.size());
        // SAFETY: the caller's contract is forwarded.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grow(layout.size());
        // SAFETY: the caller's contract is forwarded.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract is forwarded.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            grow(new_size - layout.size());
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        // SAFETY: the caller's contract is forwarded.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Peak bytes live since the last reset, and resets the peak to what is
/// live now.
fn take_peak(base: usize) -> usize {
    let peak = PEAK.swap(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
    peak.saturating_sub(base)
}

/// CPU time of this (single-threaded) process so far, where Linux tells
/// it: on a loaded machine it says more than the wall clock.
fn cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

fn cpu_between(a: Option<Duration>, b: Option<Duration>) -> String {
    match (a, b) {
        (Some(a), Some(b)) => format!("{:?}", b.saturating_sub(a)),
        _ => "?".to_owned(),
    }
}

#[allow(clippy::cast_precision_loss)]
fn per_layer(bytes: usize, n: usize) -> f64 {
    bytes as f64 / n.max(1) as f64
}

fn main() -> kerasinfo::Result<()> {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let c0 = cpu();
    let t = Instant::now();
    let mut s = Sequential::new().input_shape([8]);
    for _ in 0..n {
        s = s.add(Dense::new(8));
    }
    let added = t.elapsed();
    let added_bytes = LIVE.load(Ordering::Relaxed).saturating_sub(base);
    let model = s.build()?;
    let built = t.elapsed();
    let params = model.count_params();
    let counted = t.elapsed();
    let c1 = cpu();
    let build_peak = take_peak(base);
    let model_bytes = LIVE.load(Ordering::Relaxed).saturating_sub(base);
    let summary = model.summary();
    let summarized = t.elapsed();
    let c2 = cpu();
    let summary_peak = take_peak(base);
    assert_eq!(summary.total_params, params);
    drop(summary);
    drop(model);
    let dropped = t.elapsed();
    println!(
        "{n} layers: {params} params; add {:?}, build {:?}, count {:?} (built and counted in {:?}); \
         summary {:?}; drop {:?}",
        added,
        built - added,
        counted - built,
        counted,
        summarized - counted,
        dropped - summarized
    );
    println!(
        "cpu time: built and counted {}, summary {}",
        cpu_between(c0, c1),
        cpu_between(c1, c2)
    );
    println!(
        "memory: {:.0} bytes/layer added, peak {:.0} bytes/layer building and counting \
         ({:.0} bytes/layer live after), peak {:.0} bytes/layer with the summary",
        per_layer(added_bytes, n),
        per_layer(build_peak, n),
        per_layer(model_bytes, n),
        per_layer(summary_peak, n)
    );
    Ok(())
}
