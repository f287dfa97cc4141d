//! Keras's `map_graph`: the topological order, node depths and the order of
//! `model.layers`, computed exactly as `keras/src/ops/function.py` does.
//!
//! Models of a million layers are mapped here, so the work is linear and
//! light: one hash map from node ids to their place in the topological
//! order and one from layer ids to their first-traversal index; everything
//! else lives in vectors indexed by those.

use super::idmap::{IdSet as HashSet, IdSlots};
use std::sync::Arc;

use super::node::{LayerHandle, Node, Tensor};

/// What `map_graph` found for a model.
pub(crate) struct GraphMap {
    /// Nodes from inputs to outputs (Keras's `nodes_in_decreasing_depth`).
    pub(crate) nodes: Vec<Arc<Node>>,
    /// The model's layers in Keras's `model._operations` order.
    pub(crate) operations: Vec<LayerHandle>,
    /// Keras's test for a "sequential-like" functional model: every depth
    /// holds at most one node, with at most one input, and no layer is
    /// called twice.
    pub(crate) sequential_like: bool,
}

/// Why a graph cannot be mapped.
pub(crate) enum GraphError {
    Cycle(String),
    Disconnected { layer: String, tensor: String },
}

/// Where a node stands in the traversal, in one word: its index in the
/// topological order once finished, or one of the two marks below.
type Visit = usize;
/// Being traversed (a second visit is a cycle).
const IN_PROGRESS: Visit = usize::MAX;
/// Finished without a place: a model input that is not an `InputLayer`
/// (a graph source).
const SOURCE: Visit = usize::MAX - 1;

/// What `_build_map` found: the nodes in topological order, each node's
/// place, and each layer's first-traversal index.
struct BuiltMap {
    nodes: Vec<Arc<Node>>,
    visits: IdSlots,
    op_indices: IdSlots,
}

/// The keys of a model's input tensors, asked for at every node: a scan of
/// a few (a model usually has one to three), a hash set of many.
struct InputKeys<'a> {
    few: &'a [Tensor],
    many: Option<HashSet<(u64, usize)>>,
}

/// How many inputs [`InputKeys`] scans.
const FEW_INPUTS: usize = 8;

impl<'a> InputKeys<'a> {
    fn new(inputs: &'a [Tensor]) -> Self {
        let many = (inputs.len() > FEW_INPUTS).then(|| inputs.iter().map(Tensor::key).collect());
        InputKeys { few: inputs, many }
    }

    fn contains(&self, key: &(u64, usize)) -> bool {
        match &self.many {
            Some(set) => set.contains(key),
            None => self.few.iter().any(|t| t.key() == *key),
        }
    }

    /// The smallest id of the inputs' nodes.
    fn min_node_id(&self) -> Option<u64> {
        self.few.iter().map(|t| t.node.id).min()
    }
}

/// Keras's `_build_map`, iteratively (deep models must not overflow the stack).
fn build_map(inputs: &InputKeys<'_>, outputs: &[Tensor]) -> Result<BuiltMap, GraphError> {
    // Ids are handed out in creation order, to layers and nodes alike: the
    // graph's nodes lie between its inputs' and its outputs' (its layers
    // mostly too), and the maps keep that range in vectors.
    // (A graph usually spans about twice as many ids as it has nodes; the
    // capacity hint is kept small, as ids of other models may lie in
    // between.)
    let hi = outputs.iter().map(|t| t.node.id).max().unwrap_or(0);
    let lo = inputs.min_node_id().unwrap_or(hi);
    let hint = usize::try_from(hi.saturating_sub(lo) / 2)
        .unwrap_or(0)
        .min(1 << 12);
    let mut visits: IdSlots = IdSlots::new(lo, hi, hint);
    let mut nodes: Vec<Arc<Node>> = Vec::with_capacity(hint);
    let mut op_indices: IdSlots = IdSlots::new(lo, hi, hint);

    // Pre-order work of `_build_map_helper`: true when it descends into
    // the node (now in progress).
    let mut enter = |t: &Tensor, visits: &mut IdSlots| -> Result<bool, GraphError> {
        let node = &t.node;
        let visit = visits.get(node.id);
        if visit.is_some_and(|v| v != IN_PROGRESS) {
            return Ok(false);
        }
        if !node.layer.is_input() && inputs.contains(&t.key()) {
            visits.insert(node.id, SOURCE);
            return Ok(false);
        }
        if visit == Some(IN_PROGRESS) {
            return Err(GraphError::Cycle(node.layer.name().to_owned()));
        }
        let next = op_indices.len();
        op_indices.get_or_insert(node.layer.id(), next);
        visits.insert(node.id, IN_PROGRESS);
        Ok(true)
    };

    let mut stack: Vec<(&Arc<Node>, usize)> = Vec::new();
    for out in outputs {
        if enter(out, &mut visits)? {
            stack.push((&out.node, 0));
        }
        while let Some((node, i)) = stack.last_mut() {
            let node: &Arc<Node> = node;
            let next = if node.layer.is_input() {
                None
            } else {
                node.connection(*i)
            };
            if let Some(t) = next {
                // bounded: *i < node.connection_count()
                *i = (*i).saturating_add(1);
                if enter(t, &mut visits)? {
                    stack.push((&t.node, 0));
                }
            } else {
                stack.pop();
                visits.insert(node.id, nodes.len());
                nodes.push(Arc::clone(node));
            }
        }
    }
    Ok(BuiltMap {
        nodes,
        visits,
        op_indices,
    })
}

/// Keras's `map_graph(inputs, outputs)`.
pub(crate) fn map_graph(inputs: &[Tensor], outputs: &[Tensor]) -> Result<GraphMap, GraphError> {
    match chain_map(inputs, outputs) {
        Some(map) => Ok(map),
        None => general_map(inputs, outputs),
    }
}

/// The map of a plain chain (what a Sequential model builds): one
/// `InputLayer` input, every node the first call of its layer with exactly
/// one input, the previous node's output, and every output from the last
/// node. Its order needs no traversal bookkeeping: the chain from the
/// input is the topological order, and its layers, each at its own depth,
/// are `model._operations` in the same order. `None` when the graph is
/// not such a chain ([`general_map`] then maps it).
fn chain_map(inputs: &[Tensor], outputs: &[Tensor]) -> Option<GraphMap> {
    let [input] = inputs else {
        return None;
    };
    let last = &outputs.first()?.node;
    if outputs.iter().any(|t| !Arc::ptr_eq(&t.node, last)) {
        return None;
    }
    let mut nodes: Vec<Arc<Node>> = Vec::new();
    let mut node = last;
    loop {
        if node.node_index != 0 {
            // A layer called before (or twice in this chain): the general
            // map tells its nodes apart.
            return None;
        }
        nodes.push(Arc::clone(node));
        if node.layer.is_input() {
            break;
        }
        if !node.kw_inputs.is_empty() {
            return None;
        }
        let [t] = node.inputs.as_slice() else {
            return None;
        };
        node = &t.node;
    }
    if !Arc::ptr_eq(node, &input.node) {
        return None;
    }
    nodes.reverse();
    let operations = nodes.iter().map(|n| n.layer.clone()).collect();
    Some(GraphMap {
        nodes,
        operations,
        sequential_like: true,
    })
}

/// [`map_graph`] for any graph.
fn general_map(inputs: &[Tensor], outputs: &[Tensor]) -> Result<GraphMap, GraphError> {
    let input_keys = InputKeys::new(inputs);
    let BuiltMap {
        nodes,
        visits,
        op_indices,
    } = build_map(&input_keys, outputs)?;
    let place = |id: u64| visits.get(id).filter(|&i| i < nodes.len());

    // Depths, from the outputs back: a node is deeper than every node
    // that uses it, and a layer's nodes are as deep as its deepest.
    let mut node_depths: Vec<usize> = vec![0; nodes.len()];
    let mut op_depths: Vec<usize> = vec![0; op_indices.len()];
    let mut op_handles: Vec<Option<&LayerHandle>> = vec![None; op_indices.len()];
    // The nodes with inputs from outside the graph (model inputs, or a
    // disconnected graph).
    let mut outside: Vec<usize> = Vec::new();
    for (index, node) in nodes.iter().enumerate().rev() {
        let op = op_indices.get(node.layer.id()).unwrap_or(0);
        let (Some(op_depth), Some(depth_slot)) =
            (op_depths.get_mut(op), node_depths.get_mut(index))
        else {
            continue;
        };
        let depth = (*depth_slot).max(*op_depth);
        *op_depth = depth;
        *depth_slot = depth;
        if let Some(h) = op_handles.get_mut(op) {
            h.get_or_insert(&node.layer);
        }
        let mut from_outside = false;
        for t in node.connections() {
            match place(t.node.id) {
                Some(parent) => {
                    if let Some(d) = node_depths.get_mut(parent) {
                        // bounded: a depth is below the number of nodes
                        *d = (*d).max(depth.saturating_add(1));
                    }
                }
                None => from_outside = true,
            }
        }
        if from_outside {
            outside.push(index);
        }
    }

    // Unused inputs: InputLayers are added unconditionally (depth 0,
    // traversal index -1, in the order of the model's inputs).
    let mut unused: Vec<&Arc<Node>> = Vec::new();
    for t in inputs {
        let op = t.node.layer.id();
        if !op_indices.contains(op)
            && t.node.layer.is_input()
            && !unused.iter().any(|n| n.layer.id() == op)
        {
            unused.push(&t.node);
        }
    }

    // Every tensor a node needs must be computable from the inputs: a
    // tensor of a node in the graph always is (that node is deeper), so
    // only the inputs from outside the graph are checked, and the first
    // failure in Keras's order (deepest first, then by node) is reported.
    let failure = outside
        .iter()
        .filter_map(|&index| {
            let node = nodes.get(index)?;
            let x = node
                .connections()
                .find(|x| place(x.node.id).is_none() && !input_keys.contains(&x.key()))?;
            let depth = node_depths.get(index).copied().unwrap_or(0);
            Some((std::cmp::Reverse(depth), node.id, node, x))
        })
        .min_by_key(|&(depth, id, _, _)| (depth, id));
    if let Some((_, _, node, x)) = failure {
        return Err(GraphError::Disconnected {
            layer: node.layer.name().to_owned(),
            tensor: format!("{x:?}"),
        });
    }

    // Sequential-like: no layer with two nodes, none with several inputs,
    // and at most one node per depth (a depth is below the number of nodes).
    let sequential_like =
        nodes.len() == op_indices.len() && nodes.iter().all(|n| n.connection_count() <= 1) && {
            let mut taken = vec![false; nodes.len().saturating_add(1)];
            let depths = node_depths.iter().copied();
            depths.chain(std::iter::repeat_n(0, unused.len())).all(|d| {
                taken
                    .get_mut(d)
                    .is_some_and(|t| !std::mem::replace(t, true))
            })
        };

    // `model._operations`: deepest first, then in traversal order (a
    // layer's slot is its traversal index).
    drop(node_depths);
    drop(op_indices);
    drop(visits);
    // A counting sort: depths are below the number of nodes, and slots
    // taken in increasing order stay in traversal order within a depth.
    let max_depth = op_depths.iter().copied().max().unwrap_or(0);
    let mut starts: Vec<usize> = vec![0; max_depth.saturating_add(2)];
    for &d in &op_depths {
        // bounded: d <= max_depth; deepest first
        if let Some(c) = starts.get_mut(max_depth.saturating_sub(d).saturating_add(1)) {
            *c = c.saturating_add(1);
        }
    }
    for i in 1..starts.len() {
        let before = starts.get(i.saturating_sub(1)).copied().unwrap_or(0);
        if let Some(c) = starts.get_mut(i) {
            *c = c.saturating_add(before);
        }
    }
    let mut ops: Vec<usize> = vec![0; op_depths.len()];
    for (slot, &d) in op_depths.iter().enumerate() {
        let Some(at) = starts.get_mut(max_depth.saturating_sub(d)) else {
            continue;
        };
        if let Some(o) = ops.get_mut(*at) {
            *o = slot;
        }
        *at = at.saturating_add(1);
    }
    drop(starts);
    // Unused inputs are at depth 0 with index -1: first among depth 0.
    let first_shallow = op_depths.iter().filter(|&&d| d > 0).count();
    let handle = |&slot: &usize| op_handles.get(slot).copied().flatten().cloned();
    let mut operations: Vec<LayerHandle> =
        Vec::with_capacity(ops.len().saturating_add(unused.len()));
    operations.extend(ops.iter().take(first_shallow).filter_map(handle));
    operations.extend(unused.iter().map(|n| n.layer.clone()));
    operations.extend(ops.iter().skip(first_shallow).filter_map(handle));
    drop(ops);

    Ok(GraphMap {
        nodes,
        operations,
        sequential_like,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prelude::*;

    /// The chain fast path gives exactly what the general traversal gives.
    fn same_maps(inputs: &[Tensor], outputs: &[Tensor]) -> bool {
        let (Some(fast), Ok(general)) = (chain_map(inputs, outputs), general_map(inputs, outputs))
        else {
            return false;
        };
        let ids = |m: &GraphMap| m.nodes.iter().map(|n| n.id).collect::<Vec<_>>();
        let ops = |m: &GraphMap| m.operations.iter().map(LayerHandle::id).collect::<Vec<_>>();
        ids(&fast) == ids(&general)
            && ops(&fast) == ops(&general)
            && fast.sequential_like == general.sequential_like
    }

    #[test]
    fn chain_map_matches_the_traversal() {
        let x = Input::new([8]).tensor().unwrap();
        let xs = std::slice::from_ref(&x);
        let mut y = x.clone();
        for _ in 0..5 {
            y = Dense::new(4).call(&y).unwrap();
        }
        assert!(same_maps(xs, std::slice::from_ref(&y)));
        // One input only: a chain's own input.
        assert!(same_maps(xs, xs));
        // Several outputs of the last node.
        let lstm = LSTM::new(3).return_state(true).shared();
        let seq = Reshape::new([2, 4]).call(&x).unwrap();
        let outs = lstm.call_multi(&seq).unwrap();
        assert!(same_maps(xs, &outs));
    }

    proptest::proptest! {
        /// Random chains, some with a layer called twice or a merge: the
        /// fast path either declines or gives the traversal's map.
        #[test]
        fn chain_map_agrees_with_the_traversal(
            steps in proptest::collection::vec(0u8..4, 1..12),
        ) {
            let x = Input::new([4]).tensor().unwrap();
            let reused = Dense::new(4).shared();
            let mut y = x.clone();
            let mut plain = true;
            for step in steps {
                y = match step {
                    0 => Dense::new(4).call(&y).unwrap(),
                    1 => Activation::new("relu").call(&y).unwrap(),
                    2 => {
                        plain &= reused.call_count() == 0;
                        reused.call(&y).unwrap()
                    }
                    _ => {
                        plain = false;
                        Add::new().call([&y, &x]).unwrap()
                    }
                };
            }
            let xs = std::slice::from_ref(&x);
            let ys = std::slice::from_ref(&y);
            match chain_map(xs, ys) {
                Some(_) => proptest::prop_assert!(same_maps(xs, ys)),
                None => proptest::prop_assert!(!plain),
            }
        }
    }

    #[test]
    fn chain_map_declines_what_is_not_a_plain_chain() {
        let x = Input::new([8]).tensor().unwrap();
        let xs = std::slice::from_ref(&x);
        // A layer called twice in the chain.
        let shared = Dense::new(8).shared();
        let a = shared.call(&x).unwrap();
        let b = shared.call(&a).unwrap();
        assert!(chain_map(xs, std::slice::from_ref(&b)).is_none());
        assert!(general_map(xs, &[b]).is_ok());
        // A merge (two inputs).
        let c = Dense::new(8).call(&x).unwrap();
        let sum = Add::new().call([&x, &c]).unwrap();
        assert!(chain_map(xs, &[sum]).is_none());
        // Outputs of two different nodes.
        assert!(chain_map(xs, &[c.clone(), x.clone()]).is_none());
        // An input that is not where the chain starts.
        let d = Dense::new(2).call(&c).unwrap();
        assert!(chain_map(&[c], &[d]).is_none());
    }
}
