//! A summary row's compute cost: its layer's calls in the model, a nested
//! model's graph run on each call's shapes.

use super::Summary;
use crate::compute::Cost;
use crate::model::{LayerHandle, Model, Node, rebuild, with_shapes};
use crate::shape::Shape;

/// A summary row's cost: the sum of the layer's calls in the model (a
/// nested model: its own total once per call); `None` when a call's cost
/// is unknown, rejected or overflows.
pub(crate) fn row_cost<'a>(
    handle: &LayerHandle,
    model: Option<&Model>,
    nested: Option<&Summary>,
    calls: impl Iterator<Item = &'a Node>,
) -> Option<Cost> {
    let layer = handle.layer();
    // `rebuild::called_model`, from the model the row found already.
    let called = model.filter(|_| layer.is_model());
    let mut total = Cost::ZERO;
    for node in calls {
        let c = match (nested, called) {
            // A model called on other shapes than its own: its graph on
            // the call's shapes.
            (_, Some(inner))
                if !with_shapes(&node.inputs, |inputs| rebuild::own_shapes(inner, inputs)) =>
            {
                with_shapes(&node.inputs, |inputs| model_cost_at(inner, inputs, 0))?
            }
            (Some(s), _) => s.cost()?,
            (None, _) => {
                with_shapes(&node.inputs, |inputs| layer.cost(inputs, &node.outputs)).ok()??
            }
        };
        total = total.checked_add(c).ok()?;
    }
    Some(total)
}

/// The cost of `model` called on tensors of shapes `inputs` (its graph
/// run on them), `None` when unknown.
fn model_cost_at(model: &Model, inputs: &[Shape], depth: usize) -> Option<Cost> {
    if depth > 10_000 {
        return None;
    }
    let mut total = Cost::ZERO;
    for call in rebuild::replay(model, inputs).ok()? {
        let layer = call.node.layer.layer();
        let c = match rebuild::called_model(&call.node.layer) {
            Some(inner) => model_cost_at(&inner, &call.inputs, depth.saturating_add(1))?,
            None => layer.cost(&call.inputs, &call.outputs).ok()??,
        };
        total = total.checked_add(c).ok()?;
    }
    Some(total)
}
