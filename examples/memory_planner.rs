//! Will training ResNet50 with Adam fit in a GPU's memory? The memory
//! plan (`Model::memory`) at several batch sizes, in float32 and under the
//! `mixed_float16` policy, and the largest batch that fits a budget
//! (`Model::largest_batch`).
//!
//! ```sh
//! cargo run --example memory_planner          # a 16 GiB budget
//! cargo run --example memory_planner -- 8     # an 8 GiB budget
//! ```

use std::fmt::Write as _;

use kerasinfo::layer::with_dtype_policy;
use kerasinfo::memory::MemoryPlan;
use kerasinfo::{DTypePolicy, Model, Optimizer};

#[path = "resnet50.rs"]
#[allow(dead_code)]
mod resnet50;

/// The batch sizes the report shows.
pub const BATCHES: [u64; 5] = [1, 32, 64, 128, 256];

/// ResNet50 (`keras.applications.ResNet50(weights=None)`) built under
/// `policy`, as with `keras.config.set_dtype_policy(policy)` before it.
pub fn resnet50_under(policy: DTypePolicy) -> kerasinfo::Result<Model> {
    kerasinfo::naming::clear_session();
    with_dtype_policy(policy, resnet50::resnet50)
}

fn gib(bytes: u64) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let b = bytes as f64;
    b / f64::from(1u32 << 30)
}

/// One line of the table.
pub fn row(plan: &MemoryPlan, budget_gib: u64) -> String {
    let budget = budget_gib.saturating_mul(1 << 30);
    format!(
        "{:>6} {:>14} {:>14} {:>14} {:>14} {:>16} {:>16}  {:>6.2} GiB  {}",
        plan.batch_size,
        plan.params_bytes,
        plan.gradient_bytes,
        plan.optimizer_bytes,
        plan.input_bytes,
        plan.forward_backward_bytes,
        plan.total_bytes,
        gib(plan.total_bytes),
        if plan.fits(budget) {
            "fits"
        } else {
            "does not fit"
        },
    )
}

/// The whole report for a budget of `budget_gib` GiB.
pub fn report(budget_gib: u64) -> kerasinfo::Result<String> {
    let budget = budget_gib.saturating_mul(1 << 30);
    let mut out = String::new();
    for policy in [DTypePolicy::FLOAT32, DTypePolicy::MIXED_FLOAT16] {
        let model = resnet50_under(policy)?;
        let adam = Optimizer::adam();
        let _ = writeln!(
            out,
            "ResNet50, Adam, {policy} policy, budget {budget_gib} GiB (all sizes in bytes)"
        );
        let _ = writeln!(
            out,
            "{:>6} {:>14} {:>14} {:>14} {:>14} {:>16} {:>16}",
            "batch", "params", "gradients", "optimizer", "input", "fwd/bwd", "total"
        );
        for batch in BATCHES {
            let plan = model.memory(batch, Some(&adam))?;
            let _ = writeln!(out, "{}", row(&plan, budget_gib));
        }
        match model.largest_batch(budget, Some(&adam))? {
            Some(b) => {
                let _ = writeln!(out, "Largest batch within {budget_gib} GiB: {b}\n");
            }
            None => {
                let _ = writeln!(out, "Not even a batch of 1 fits in {budget_gib} GiB\n");
            }
        }
    }
    Ok(out)
}

fn main() -> kerasinfo::Result<()> {
    let budget_gib = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(16);
    print!("{}", report(budget_gib)?);
    Ok(())
}
