//! Keras's `map_graph`: the topological order, node depths and the order of
//! `model.layers`, computed exactly as `keras/src/ops/function.py` does.

use super::idmap::{IdMap as HashMap, IdSet as HashSet};
use std::sync::Arc;

use super::node::{LayerHandle, Node, Tensor};

/// What `map_graph` found for a model.
pub(crate) struct GraphMap {
    /// Nodes from inputs to outputs (Keras's `nodes_in_decreasing_depth`).
    pub(crate) nodes: Vec<Arc<Node>>,
    /// Every node of the model, including unused input nodes.
    pub(crate) node_ids: HashSet<u64>,
    /// Node ids grouped by depth.
    pub(crate) nodes_by_depth: HashMap<usize, Vec<Arc<Node>>>,
    /// The model's layers in Keras's `model._operations` order.
    pub(crate) operations: Vec<LayerHandle>,
}

/// Why a graph cannot be mapped.
pub(crate) enum GraphError {
    Cycle(String),
    Disconnected { layer: String, tensor: String },
}

fn is_input(node: &Node) -> bool {
    node.layer.layer().is_input()
}

/// Keras's `_build_map`, iteratively (deep models must not overflow the stack).
/// Nodes in topological order, and each layer's first-traversal index.
type BuiltMap = (Vec<Arc<Node>>, HashMap<u64, i64>);

fn build_map(inputs: &HashSet<(u64, usize)>, outputs: &[Tensor]) -> Result<BuiltMap, GraphError> {
    let mut finished: HashSet<u64> = HashSet::default();
    let mut in_progress: HashSet<u64> = HashSet::default();
    let mut nodes: Vec<Arc<Node>> = Vec::new();
    let mut op_indices: HashMap<u64, i64> = HashMap::default();

    // Pre-order work of `_build_map_helper`; Some(node) when it descends.
    let mut enter = |t: &Tensor,
                     finished: &mut HashSet<u64>,
                     in_progress: &HashSet<u64>|
     -> Result<Option<Arc<Node>>, GraphError> {
        let node = &t.node;
        if finished.contains(&node.id) {
            return Ok(None);
        }
        if !is_input(node) && inputs.contains(&t.key()) {
            finished.insert(node.id);
            return Ok(None);
        }
        if in_progress.contains(&node.id) {
            return Err(GraphError::Cycle(node.layer.name().to_owned()));
        }
        let next = i64::try_from(op_indices.len()).unwrap_or(i64::MAX);
        op_indices.entry(node.layer.id()).or_insert(next);
        Ok(Some(Arc::clone(node)))
    };

    let mut stack: Vec<(Arc<Node>, usize)> = Vec::new();
    for out in outputs {
        if let Some(n) = enter(out, &mut finished, &in_progress)? {
            in_progress.insert(n.id);
            stack.push((n, 0));
        }
        while let Some((node, i)) = stack.last_mut() {
            if !is_input(node) && *i < node.inputs.len() {
                let t = node.inputs[*i].clone();
                *i += 1;
                if let Some(c) = enter(&t, &mut finished, &in_progress)? {
                    in_progress.insert(c.id);
                    stack.push((c, 0));
                }
            } else if let Some((node, _)) = stack.pop() {
                finished.insert(node.id);
                in_progress.remove(&node.id);
                nodes.push(node);
            }
        }
    }
    Ok((nodes, op_indices))
}

/// Keras's `map_graph(inputs, outputs)`.
pub(crate) fn map_graph(inputs: &[Tensor], outputs: &[Tensor]) -> Result<GraphMap, GraphError> {
    let input_keys: HashSet<(u64, usize)> = inputs.iter().map(Tensor::key).collect();
    let (nodes, mut op_indices) = build_map(&input_keys, outputs)?;
    let in_graph: HashSet<u64> = nodes.iter().map(|n| n.id).collect();

    let mut node_depths: HashMap<u64, usize> = HashMap::default();
    let mut op_depths: HashMap<u64, usize> = HashMap::default();
    let mut op_handles: HashMap<u64, LayerHandle> = HashMap::default();
    let mut node_by_id: HashMap<u64, Arc<Node>> = HashMap::default();

    for node in nodes.iter().rev() {
        let depth = *node_depths.entry(node.id).or_insert(0);
        let op = node.layer.id();
        let previous = op_depths.get(&op).copied().unwrap_or(0);
        let depth = depth.max(previous);
        op_depths.insert(op, depth);
        op_handles.entry(op).or_insert_with(|| node.layer.clone());
        node_depths.insert(node.id, depth);
        node_by_id.insert(node.id, Arc::clone(node));
        for t in &node.inputs {
            let parent = &t.node;
            if !in_graph.contains(&parent.id) {
                continue;
            }
            let prev = node_depths.get(&parent.id).copied().unwrap_or(0);
            node_depths.insert(parent.id, (depth + 1).max(prev));
        }
    }

    // Unused inputs: InputLayers are added unconditionally.
    for t in inputs {
        let op = t.node.layer.id();
        if !op_depths.contains_key(&op) && is_input(&t.node) {
            op_depths.insert(op, 0);
            op_indices.insert(op, -1);
            op_handles.insert(op, t.node.layer.clone());
            node_depths.insert(t.node.id, 0);
            node_by_id.insert(t.node.id, Arc::clone(&t.node));
        }
    }

    let mut nodes_by_depth: HashMap<usize, Vec<Arc<Node>>> = HashMap::default();
    for (id, depth) in &node_depths {
        if let Some(n) = node_by_id.get(id) {
            nodes_by_depth
                .entry(*depth)
                .or_default()
                .push(Arc::clone(n));
        }
    }
    // Deterministic order inside a depth (Keras keeps insertion order; only
    // membership matters to the summary).
    for v in nodes_by_depth.values_mut() {
        v.sort_by_key(|n| n.id);
    }

    let mut ops: Vec<(usize, i64, LayerHandle)> = op_handles
        .into_iter()
        .map(|(id, h)| {
            let depth = op_depths.get(&id).copied().unwrap_or(0);
            let index = op_indices.get(&id).copied().unwrap_or(i64::MAX);
            (depth, index, h)
        })
        .collect();
    ops.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let operations: Vec<LayerHandle> = ops.into_iter().map(|(_, _, h)| h).collect();

    // Every tensor a node needs must be computable from the inputs.
    let mut computable: HashSet<(u64, usize)> = input_keys;
    let mut depth_keys: Vec<usize> = nodes_by_depth.keys().copied().collect();
    depth_keys.sort_unstable_by(|a, b| b.cmp(a));
    for d in &depth_keys {
        if let Some(ns) = nodes_by_depth.get(d) {
            for node in ns {
                for x in &node.inputs {
                    if !computable.contains(&x.key()) {
                        return Err(GraphError::Disconnected {
                            layer: node.layer.name().to_owned(),
                            tensor: format!("{x:?}"),
                        });
                    }
                }
                for i in 0..node.outputs.len() {
                    computable.insert((node.id, i));
                }
            }
        }
    }

    let node_ids = node_depths.keys().copied().collect();
    Ok(GraphMap {
        nodes,
        node_ids,
        nodes_by_depth,
        operations,
    })
}

/// Keras's test for a "sequential-like" functional model, which decides
/// whether the summary has a `Connected to` column.
pub(crate) fn is_sequential_like(map: &GraphMap) -> bool {
    for v in map.nodes_by_depth.values() {
        if v.len() > 1 || (v.len() == 1 && v[0].inputs.len() > 1) {
            return false;
        }
    }
    // A layer with more than one node in the model is shared.
    let mut seen: HashSet<u64> = HashSet::default();
    for v in map.nodes_by_depth.values() {
        for n in v {
            if !seen.insert(n.layer.id()) {
                return false;
            }
        }
    }
    true
}
