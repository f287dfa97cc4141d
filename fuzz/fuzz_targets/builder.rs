//! An `arbitrary`-driven sequence of layer constructions with arbitrary
//! arguments through the public builder API, then the model build, its
//! summary and every renderer. Every error must be a `Result`: any panic is
//! a bug.
#![no_main]

#[path = "../common/mod.rs"]
#[allow(dead_code)]
mod common;

use arbitrary::Arbitrary;
use kerasinfo::prelude::*;
use libfuzzer_sys::fuzz_target;

/// An integer argument: mostly small (the interesting range), sometimes any
/// `i64` (overflow, huge allocations).
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Int {
    Small(i8),
    Any(i64),
}

impl Int {
    fn get(self) -> i64 {
        match self {
            Int::Small(v) => i64::from(v),
            Int::Any(v) => v,
        }
    }
}

/// A dimension of an `Input` shape: `None` or an integer.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum DimArg {
    None,
    Int(Int),
}

impl DimArg {
    fn get(self) -> Option<i64> {
        match self {
            DimArg::None => None,
            DimArg::Int(i) => Some(i.get()),
        }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Pad {
    Valid,
    Same,
    Causal,
}

impl Pad {
    fn get(self) -> Padding {
        match self {
            Pad::Valid => Padding::Valid,
            Pad::Same => Padding::Same,
            Pad::Causal => Padding::Causal,
        }
    }
}

fn fmt(first: bool) -> DataFormat {
    if first {
        DataFormat::ChannelsFirst
    } else {
        DataFormat::ChannelsLast
    }
}

const ACTIVATIONS: &[&str] = &[
    "relu",
    "linear",
    "softmax",
    "tanh",
    "",
    "no_such_activation",
];

/// One layer construction; `x`, `y` pick tensors already built (modulo the
/// number of tensors).
#[derive(Arbitrary, Debug)]
enum Op {
    Dense {
        x: u8,
        units: Int,
        act: u8,
        use_bias: bool,
        lora: Option<Int>,
    },
    Conv1D {
        x: u8,
        filters: Int,
        k: Int,
        s: Int,
        d: Int,
        pad: Pad,
        first: bool,
        groups: Int,
    },
    Conv2D {
        x: u8,
        filters: Int,
        k: [Int; 2],
        s: [Int; 2],
        d: [Int; 2],
        pad: Pad,
        first: bool,
        groups: Int,
    },
    Conv3D {
        x: u8,
        filters: Int,
        k: [Int; 3],
        s: [Int; 3],
        pad: Pad,
        first: bool,
    },
    Conv2DTranspose {
        x: u8,
        filters: Int,
        k: [Int; 2],
        s: [Int; 2],
        op: Option<[Int; 2]>,
        d: [Int; 2],
        pad: Pad,
        first: bool,
    },
    DepthwiseConv2D {
        x: u8,
        k: [Int; 2],
        s: [Int; 2],
        mult: Int,
        pad: Pad,
        first: bool,
    },
    SeparableConv2D {
        x: u8,
        filters: Int,
        k: [Int; 2],
        s: [Int; 2],
        mult: Int,
        pad: Pad,
        first: bool,
    },
    MaxPooling1D {
        x: u8,
        p: Int,
        s: Option<Int>,
        pad: Pad,
        first: bool,
    },
    MaxPooling2D {
        x: u8,
        p: [Int; 2],
        s: Option<[Int; 2]>,
        pad: Pad,
        first: bool,
    },
    AveragePooling3D {
        x: u8,
        p: [Int; 3],
        s: Option<[Int; 3]>,
        pad: Pad,
        first: bool,
    },
    GlobalAveragePooling2D {
        x: u8,
        first: bool,
        keepdims: bool,
    },
    GlobalMaxPooling1D {
        x: u8,
        first: bool,
        keepdims: bool,
    },
    Flatten {
        x: u8,
    },
    Reshape {
        x: u8,
        target: Vec<DimArg>,
    },
    Permute {
        x: u8,
        dims: Vec<Int>,
    },
    RepeatVector {
        x: u8,
        n: Int,
    },
    ZeroPadding2D {
        x: u8,
        p: [(Int, Int); 2],
    },
    Cropping1D {
        x: u8,
        c: (Int, Int),
    },
    UpSampling2D {
        x: u8,
        size: [Int; 2],
    },
    Concatenate {
        x: u8,
        y: u8,
        axis: Int,
    },
    Add {
        x: u8,
        y: u8,
    },
    Subtract {
        x: u8,
        y: u8,
    },
    Multiply {
        x: u8,
        y: u8,
    },
    Dot {
        x: u8,
        y: u8,
        a: Int,
        b: Int,
        normalize: bool,
    },
    Lstm {
        x: u8,
        units: Int,
        seq: bool,
        state: bool,
    },
    Gru {
        x: u8,
        units: Int,
        seq: bool,
        state: bool,
    },
    SimpleRnn {
        x: u8,
        units: Int,
        seq: bool,
    },
    Bidirectional {
        x: u8,
        units: Int,
        seq: bool,
        state: bool,
    },
    ConvLstm2D {
        x: u8,
        filters: Int,
        k: [Int; 2],
        pad: Pad,
        seq: bool,
    },
    MultiHeadAttention {
        x: u8,
        y: u8,
        heads: Int,
        key_dim: Int,
        value_dim: Option<Int>,
        scores: bool,
        axes: Option<Vec<Int>>,
        out: Option<Vec<DimArg>>,
    },
    GroupedQueryAttention {
        x: u8,
        y: u8,
        head_dim: Int,
        q: Int,
        kv: Int,
    },
    Attention {
        x: u8,
        y: u8,
        scale: bool,
    },
    Embedding {
        x: u8,
        input_dim: Int,
        output_dim: Int,
        mask_zero: bool,
    },
    EinsumDense {
        x: u8,
        eq: u8,
        out: Vec<DimArg>,
    },
    BatchNormalization {
        x: u8,
        axis: Int,
        center: bool,
        scale: bool,
    },
    LayerNormalization {
        x: u8,
        axes: Vec<Int>,
    },
    GroupNormalization {
        x: u8,
        groups: Int,
        axis: Int,
    },
    Dropout {
        x: u8,
        rate: f64,
    },
    Activation {
        x: u8,
        act: u8,
    },
    TimeDistributedDense {
        x: u8,
        units: Int,
    },
    /// Marks the next layer as frozen (trainable = false).
    Freeze,
}

const EQUATIONS: &[&str] = &[
    "ab,bc->ac",
    "abc,cd->abd",
    "abc,cde->abde",
    "ab,b->a",
    "abc,bcd->ad",
    "a,ab->b",
    "bad",
    "ab,bc->ac->x",
];

#[derive(Arbitrary, Debug)]
struct Plan {
    inputs: Vec<Vec<DimArg>>,
    ops: Vec<Op>,
    outputs: Vec<u8>,
    name: Option<String>,
    trainable: bool,
    /// New input shapes to rebuild the model on (`Model::with_input_shapes`).
    new_shapes: Option<Vec<Vec<DimArg>>>,
}

fn pick(ts: &[Tensor], i: u8) -> &Tensor {
    &ts[usize::from(i) % ts.len()]
}

fn arr<const N: usize>(a: [Int; N]) -> [i64; N] {
    a.map(Int::get)
}

fn act(i: u8) -> &'static str {
    ACTIVATIONS[usize::from(i) % ACTIVATIONS.len()]
}

fn apply(op: Op, ts: &[Tensor], frozen: bool) -> kerasinfo::Result<Vec<Tensor>> {
    macro_rules! one {
        ($layer:expr, $inp:expr) => {{
            let l = $layer;
            let l = if frozen { l.set_trainable(false) } else { l };
            l.call($inp).map(|t| vec![t])
        }};
    }
    macro_rules! multi {
        ($layer:expr, $inp:expr) => {{
            let l = $layer;
            let l = if frozen { l.set_trainable(false) } else { l };
            l.call_multi($inp)
        }};
    }
    match op {
        Op::Dense {
            x,
            units,
            act: a,
            use_bias,
            lora,
        } => {
            let mut l = Dense::new(units.get())
                .activation(act(a))
                .use_bias(use_bias);
            if let Some(r) = lora {
                l = l.lora_rank(r.get());
            }
            one!(l, pick(ts, x))
        }
        Op::Conv1D {
            x,
            filters,
            k,
            s,
            d,
            pad,
            first,
            groups,
        } => one!(
            Conv1D::new(filters.get(), k.get())
                .strides(s.get())
                .dilation_rate(d.get())
                .padding(pad.get())
                .data_format(fmt(first))
                .groups(groups.get()),
            pick(ts, x)
        ),
        Op::Conv2D {
            x,
            filters,
            k,
            s,
            d,
            pad,
            first,
            groups,
        } => one!(
            Conv2D::new(filters.get(), arr(k))
                .strides(arr(s))
                .dilation_rate(arr(d))
                .padding(pad.get())
                .data_format(fmt(first))
                .groups(groups.get()),
            pick(ts, x)
        ),
        Op::Conv3D {
            x,
            filters,
            k,
            s,
            pad,
            first,
        } => one!(
            Conv3D::new(filters.get(), arr(k))
                .strides(arr(s))
                .padding(pad.get())
                .data_format(fmt(first)),
            pick(ts, x)
        ),
        Op::Conv2DTranspose {
            x,
            filters,
            k,
            s,
            op,
            d,
            pad,
            first,
        } => {
            let mut l = Conv2DTranspose::new(filters.get(), arr(k))
                .strides(arr(s))
                .dilation_rate(arr(d))
                .padding(pad.get())
                .data_format(fmt(first));
            if let Some(op) = op {
                l = l.output_padding(arr(op));
            }
            one!(l, pick(ts, x))
        }
        Op::DepthwiseConv2D {
            x,
            k,
            s,
            mult,
            pad,
            first,
        } => one!(
            DepthwiseConv2D::new(arr(k))
                .strides(arr(s))
                .depth_multiplier(mult.get())
                .padding(pad.get())
                .data_format(fmt(first)),
            pick(ts, x)
        ),
        Op::SeparableConv2D {
            x,
            filters,
            k,
            s,
            mult,
            pad,
            first,
        } => one!(
            SeparableConv2D::new(filters.get(), arr(k))
                .strides(arr(s))
                .depth_multiplier(mult.get())
                .padding(pad.get())
                .data_format(fmt(first)),
            pick(ts, x)
        ),
        Op::MaxPooling1D {
            x,
            p,
            s,
            pad,
            first,
        } => {
            let mut l = MaxPooling1D::new(p.get())
                .padding(pad.get())
                .data_format(fmt(first));
            if let Some(s) = s {
                l = l.strides(s.get());
            }
            one!(l, pick(ts, x))
        }
        Op::MaxPooling2D {
            x,
            p,
            s,
            pad,
            first,
        } => {
            let mut l = MaxPooling2D::new(arr(p))
                .padding(pad.get())
                .data_format(fmt(first));
            if let Some(s) = s {
                l = l.strides(arr(s));
            }
            one!(l, pick(ts, x))
        }
        Op::AveragePooling3D {
            x,
            p,
            s,
            pad,
            first,
        } => {
            let mut l = AveragePooling3D::new(arr(p))
                .padding(pad.get())
                .data_format(fmt(first));
            if let Some(s) = s {
                l = l.strides(arr(s));
            }
            one!(l, pick(ts, x))
        }
        Op::GlobalAveragePooling2D { x, first, keepdims } => one!(
            GlobalAveragePooling2D::new()
                .data_format(fmt(first))
                .keepdims(keepdims),
            pick(ts, x)
        ),
        Op::GlobalMaxPooling1D { x, first, keepdims } => one!(
            GlobalMaxPooling1D::new()
                .data_format(fmt(first))
                .keepdims(keepdims),
            pick(ts, x)
        ),
        Op::Flatten { x } => one!(Flatten::new(), pick(ts, x)),
        Op::Reshape { x, target } => one!(
            Reshape::new(target.into_iter().map(DimArg::get).collect::<Vec<_>>()),
            pick(ts, x)
        ),
        Op::Permute { x, dims } => one!(
            Permute::new(dims.into_iter().map(Int::get).collect::<Vec<_>>()),
            pick(ts, x)
        ),
        Op::RepeatVector { x, n } => one!(RepeatVector::new(n.get()), pick(ts, x)),
        Op::ZeroPadding2D { x, p } => one!(
            ZeroPadding2D::new(p.map(|(a, b)| (a.get(), b.get()))),
            pick(ts, x)
        ),
        Op::Cropping1D { x, c } => one!(Cropping1D::new((c.0.get(), c.1.get())), pick(ts, x)),
        Op::UpSampling2D { x, size } => one!(UpSampling2D::new(arr(size)), pick(ts, x)),
        Op::Concatenate { x, y, axis } => one!(
            Concatenate::new().axis(axis.get()),
            [pick(ts, x), pick(ts, y)]
        ),
        Op::Add { x, y } => one!(Add::new(), [pick(ts, x), pick(ts, y)]),
        Op::Subtract { x, y } => one!(Subtract::new(), [pick(ts, x), pick(ts, y)]),
        Op::Multiply { x, y } => one!(Multiply::new(), [pick(ts, x), pick(ts, y)]),
        Op::Dot {
            x,
            y,
            a,
            b,
            normalize,
        } => one!(
            Dot::new((a.get(), b.get())).normalize(normalize),
            [pick(ts, x), pick(ts, y)]
        ),
        Op::Lstm {
            x,
            units,
            seq,
            state,
        } => multi!(
            LSTM::new(units.get())
                .return_sequences(seq)
                .return_state(state),
            pick(ts, x)
        ),
        Op::Gru {
            x,
            units,
            seq,
            state,
        } => multi!(
            GRU::new(units.get())
                .return_sequences(seq)
                .return_state(state),
            pick(ts, x)
        ),
        Op::SimpleRnn { x, units, seq } => one!(
            SimpleRNN::new(units.get()).return_sequences(seq),
            pick(ts, x)
        ),
        Op::Bidirectional {
            x,
            units,
            seq,
            state,
        } => multi!(
            Bidirectional::new(
                LSTM::new(units.get())
                    .return_sequences(seq)
                    .return_state(state)
            ),
            pick(ts, x)
        ),
        Op::ConvLstm2D {
            x,
            filters,
            k,
            pad,
            seq,
        } => one!(
            ConvLSTM2D::new(filters.get(), arr(k))
                .padding(pad.get())
                .return_sequences(seq),
            pick(ts, x)
        ),
        Op::MultiHeadAttention {
            x,
            y,
            heads,
            key_dim,
            value_dim,
            scores,
            axes,
            out,
        } => {
            let mut l =
                MultiHeadAttention::new(heads.get(), key_dim.get()).return_attention_scores(scores);
            if let Some(v) = value_dim {
                l = l.value_dim(v.get());
            }
            if let Some(a) = axes {
                l = l.attention_axes(a.into_iter().map(Int::get).collect::<Vec<_>>());
            }
            if let Some(o) = out {
                l = l.output_shape(o.into_iter().map(DimArg::get).collect::<Vec<_>>());
            }
            multi!(l, [pick(ts, x), pick(ts, y)])
        }
        Op::GroupedQueryAttention {
            x,
            y,
            head_dim,
            q,
            kv,
        } => multi!(
            GroupedQueryAttention::new(head_dim.get(), q.get(), kv.get()),
            [pick(ts, x), pick(ts, y)]
        ),
        Op::Attention { x, y, scale } => one!(
            Attention::new().use_scale(scale),
            [pick(ts, x), pick(ts, y)]
        ),
        Op::Embedding {
            x,
            input_dim,
            output_dim,
            mask_zero,
        } => one!(
            Embedding::new(input_dim.get(), output_dim.get()).mask_zero(mask_zero),
            pick(ts, x)
        ),
        Op::EinsumDense { x, eq, out } => one!(
            EinsumDense::new(
                EQUATIONS[usize::from(eq) % EQUATIONS.len()],
                out.into_iter().map(DimArg::get).collect::<Vec<_>>()
            ),
            pick(ts, x)
        ),
        Op::BatchNormalization {
            x,
            axis,
            center,
            scale,
        } => one!(
            BatchNormalization::new()
                .axis(axis.get())
                .center(center)
                .scale(scale),
            pick(ts, x)
        ),
        Op::LayerNormalization { x, axes } => {
            let mut l = LayerNormalization::new();
            if !axes.is_empty() {
                l = l.axis(axes.into_iter().map(Int::get).collect::<Vec<_>>());
            }
            one!(l, pick(ts, x))
        }
        Op::GroupNormalization { x, groups, axis } => one!(
            GroupNormalization::new()
                .groups(groups.get())
                .axis(axis.get()),
            pick(ts, x)
        ),
        Op::Dropout { x, rate } => one!(Dropout::new(rate), pick(ts, x)),
        Op::Activation { x, act: a } => one!(Activation::new(act(a)), pick(ts, x)),
        Op::TimeDistributedDense { x, units } => {
            one!(TimeDistributed::new(Dense::new(units.get())), pick(ts, x))
        }
        Op::Freeze => Ok(Vec::new()),
    }
}

fuzz_target!(|plan: Plan| {
    kerasinfo::naming::clear_session();
    let mut tensors = Vec::new();
    let mut inputs = Vec::new();
    for shape in plan.inputs.into_iter().take(3) {
        let shape: Vec<Option<i64>> = shape.into_iter().take(6).map(DimArg::get).collect();
        if let Ok(t) = Input::new(shape).tensor() {
            inputs.push(t.clone());
            tensors.push(t);
        }
    }
    if tensors.is_empty() {
        return;
    }
    let mut frozen = false;
    for op in plan.ops.into_iter().take(24) {
        if matches!(op, Op::Freeze) {
            frozen = true;
            continue;
        }
        if let Ok(out) = apply(op, &tensors, frozen) {
            tensors.extend(out);
        }
        frozen = false;
    }
    let outputs: Vec<Tensor> = if plan.outputs.is_empty() {
        tensors.last().cloned().into_iter().collect()
    } else {
        plan.outputs
            .iter()
            .take(3)
            .map(|&i| pick(&tensors, i).clone())
            .collect()
    };
    let mut f = Functional::new(inputs, outputs).trainable(plan.trainable);
    if let Some(name) = plan.name {
        f = f.name(name);
    }
    if let Ok(model) = f.build() {
        common::exercise(&model);
        if let Some(new) = plan.new_shapes {
            let shapes: Vec<Vec<Option<i64>>> = new
                .into_iter()
                .take(4)
                .map(|s| s.into_iter().take(6).map(DimArg::get).collect())
                .collect();
            if let Ok(rebuilt) = model.with_input_shapes(shapes) {
                common::exercise(&rebuilt);
            }
        }
    }
});
