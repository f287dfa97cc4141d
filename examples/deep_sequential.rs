//! A very deep model: a Sequential of N `Dense(8)` layers (default 100,000;
//! pass another N as the first argument), built, summarized and counted,
//! with the time each step takes.

use std::time::Instant;

use kerasinfo::prelude::*;

fn main() -> kerasinfo::Result<()> {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let t = Instant::now();
    let mut s = Sequential::new().input_shape([8]);
    for _ in 0..n {
        s = s.add(Dense::new(8));
    }
    let built = t.elapsed();
    let model = s.build()?;
    let mapped = t.elapsed();
    let summary = model.summary();
    let summarized = t.elapsed();
    println!(
        "{n} layers: {} params; add {:?}, build {:?}, summary {:?}",
        summary.total_params,
        built,
        mapped - built,
        summarized - mapped
    );
    Ok(())
}
