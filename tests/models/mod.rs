//! The fixture twins shared by the family tests (tests/layers_*.rs,
//! tests/summary_core.rs, tests/ops.rs) and tests/config_writer.rs.

pub mod attention_core;
pub mod conv;
pub mod core;
pub mod dtype;
pub mod norm_act_reg;
pub mod ops;
pub mod preprocessing;
pub mod recurrent;
pub mod reshape_merge;
