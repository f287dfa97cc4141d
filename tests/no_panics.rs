//! Layers and operations never panic, whatever their arguments and input
//! sizes: extreme values (0, negative, near `i64::MAX`/`u64::MAX`, unknown)
//! give a result or an error. Test builds check arithmetic overflow, so a
//! wrapping or unchecked sum anywhere on these paths fails here.

use kerasinfo::layers::merging::DotAxes;
use kerasinfo::layers::reshaping::{IntList, PaddingSpec, TargetShape};
use kerasinfo::naming::clear_session;
use kerasinfo::ops::{self, Index};
use kerasinfo::prelude::*;
use proptest::prelude::*;

/// Sizes at the edges, and unknown.
fn dim() -> impl Strategy<Value = Option<u64>> {
    prop::sample::select(vec![
        None,
        Some(0),
        Some(1),
        Some(2),
        Some(3),
        Some(8),
        Some(1 << 32),
        Some(u64::MAX / 2),
        Some(u64::MAX - 1),
        Some(u64::MAX),
    ])
}

/// Integer arguments at the edges.
fn arg() -> impl Strategy<Value = i64> {
    prop::sample::select(vec![
        i64::MIN,
        i64::MIN + 1,
        -3,
        -1,
        0,
        1,
        2,
        3,
        1 << 32,
        i64::MAX - 1,
        i64::MAX,
    ])
}

type Call = Box<dyn Fn(&Tensor, &Tensor) -> kerasinfo::Result<Tensor>>;

/// One layer or operation per argument set, applied to `(x, y)`.
fn calls(a: [i64; 4]) -> Vec<Call> {
    let [p, q, r, s] = a;
    let padding = |same| if same { Padding::Same } else { Padding::Valid };
    let mut v: Vec<Call> = vec![
        Box::new(move |x, _| Dense::new(p).call(x)),
        Box::new(move |x, _| Embedding::new(p, q).call(x)),
        Box::new(move |x, _| Conv1D::new(p, q).strides(r).dilation_rate(s).call(x)),
        Box::new(move |x, _| Conv2D::new(p, (q, r)).groups(s).call(x)),
        Box::new(move |x, _| Conv3D::new(p, q).padding(padding(r > 0)).call(x)),
        Box::new(move |x, _| Conv1D::new(p, q).padding(Padding::Causal).call(x)),
        Box::new(move |x, _| {
            Conv2DTranspose::new(p, q)
                .strides(r)
                .output_padding(s)
                .call(x)
        }),
        Box::new(move |x, _| {
            Conv1DTranspose::new(p, q)
                .strides(r)
                .padding(padding(s > 0))
                .dilation_rate(s)
                .call(x)
        }),
        Box::new(move |x, _| DepthwiseConv2D::new(p).depth_multiplier(q).call(x)),
        Box::new(move |x, _| SeparableConv1D::new(p, q).depth_multiplier(r).call(x)),
        Box::new(move |x, _| MaxPooling2D::new((p, q)).strides(r).call(x)),
        Box::new(move |x, _| {
            AveragePooling1D::new(p)
                .strides(q)
                .padding(padding(r > 0))
                .call(x)
        }),
        Box::new(move |x, _| ZeroPadding2D::new(PaddingSpec([(p, q), (r, s)])).call(x)),
        Box::new(move |x, _| Cropping2D::new(PaddingSpec([(p, q), (r, s)])).call(x)),
        Box::new(move |x, _| Cropping1D::new(PaddingSpec([(p, q)])).call(x)),
        Box::new(move |x, _| UpSampling2D::new((p, q)).call(x)),
        Box::new(move |x, _| Reshape::new(TargetShape(vec![Some(p), Some(q)])).call(x)),
        Box::new(move |x, _| Reshape::new(TargetShape(vec![Some(-1), Some(p)])).call(x)),
        Box::new(move |x, _| Permute::new(IntList(vec![p, q])).call(x)),
        Box::new(move |x, _| RepeatVector::new(p).call(x)),
        Box::new(|x, _| Flatten::new().call(x)),
        Box::new(move |x, _| EinsumDense::new("ab,bc->ac", [p]).call(x)),
        Box::new(move |x, _| EinsumDense::new("...b,bc->...c", [p]).call(x)),
        Box::new(move |x, _| EinsumDense::new("ab...,bc->ac...", [p, q]).call(x)),
        Box::new(move |x, _| {
            EinsumDense::new("abc,cd->abd", [q, p])
                .bias_axes("d")
                .call(x)
        }),
        Box::new(move |x, y| MultiHeadAttention::new(p, q).value_dim(r).call([x, y])),
        Box::new(move |x, y| {
            MultiHeadAttention::new(2, 4)
                .attention_axes([p, q])
                .output_shape([r])
                .call([x, y])
        }),
        Box::new(move |x, y| GroupedQueryAttention::new(p, q, r).call([x, y])),
        Box::new(move |x, y| Concatenate::new().axis(p).call([x, y])),
        Box::new(|x, y| Add::new().call([x, y])),
        Box::new(move |x, y| Dot::new(DotAxes::from((p, q))).call([x, y])),
        Box::new(move |x, _| GroupNormalization::new().groups(p).axis(q).call(x)),
        Box::new(move |x, _| PReLU::new().shared_axes(vec![p, q]).call(x)),
        Box::new(move |x, _| SpatialDropout2D::new(0.5).call(x)),
        Box::new(move |x, _| {
            STFTSpectrogram::new()
                .frame_length(p)
                .frame_step(q)
                .fft_length(r)
                .call(x)
        }),
        Box::new(move |x, _| {
            MelSpectrogram::new()
                .fft_length(p)
                .sequence_stride(q)
                .sequence_length(r)
                .num_mel_bins(s)
                .call(x)
        }),
        Box::new(move |x, _| ConvLSTM2D::new(p, q).strides(r).call(x)),
        Box::new(move |x, _| LSTM::new(p).call(x)),
        Box::new(move |x, _| Bidirectional::new(GRU::new(p)).call(x)),
        Box::new(move |x, _| {
            ops::get_item(
                x,
                &[
                    Index::slice(Some(p), Some(q), Some(r)),
                    Index::Int(s),
                    Index::Ellipsis,
                    Index::NewAxis,
                ],
            )
        }),
        Box::new(move |x, _| ops::reshape(x, [p, q])),
        Box::new(move |x, _| BatchNormalization::new().axis(p).call(x)),
        Box::new(move |x, _| LayerNormalization::new().axis(vec![p, q]).call(x)),
        Box::new(move |x, _| RMSNormalization::new().axis(p).call(x)),
        Box::new(move |x, _| Softmax::new().axis(vec![p]).call(x)),
        Box::new(move |x, _| {
            SpectralNormalization::new(Dense::new(p))
                .power_iterations(q)
                .call(x)
        }),
        Box::new(move |x, _| TimeDistributed::new(Dense::new(p)).call(x)),
        Box::new(move |x, _| TimeDistributed::new(Conv1D::new(p, q)).call(x)),
        Box::new(move |x, _| Resizing::new(p, q).call(x)),
        Box::new(move |x, _| CenterCrop::new(p, q).call(x)),
        Box::new(move |x, _| RandomCrop::new(p, q).call(x)),
        Box::new(move |x, _| CategoryEncoding::new(p).call(x)),
        Box::new(move |x, _| Hashing::new(p).call(x)),
        Box::new(move |x, _| GlobalAveragePooling2D::new().keepdims(p > 0).call(x)),
        Box::new(move |x, _| AdaptiveMaxPooling2D::new((p, q)).call(x)),
        Box::new(move |x, _| ConvLSTM1D::new(p, q).dilation_rate(r).call(x)),
        Box::new(move |x, _| SimpleRNN::new(p).call(x)),
        Box::new(|x, y| ops::add(x, y)),
    ];
    v.shrink_to_fit();
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn layers_at_the_limits_give_results_or_errors(
        x_dims in proptest::collection::vec(dim(), 0..5),
        other in dim(),
        at in any::<prop::sample::Index>(),
        same_rank in any::<bool>(),
        extra in proptest::collection::vec(dim(), 0..3),
        args in proptest::array::uniform4(arg()),
    ) {
        clear_session();
        // The second input mostly shares the first's rank and sizes (so
        // merges and attention reach their size arithmetic), with one size
        // changed; otherwise a few more axes.
        let mut y_dims = x_dims.clone();
        if same_rank {
            if !y_dims.is_empty() {
                let i = at.index(y_dims.len());
                y_dims[i] = other;
            }
        } else {
            y_dims.extend(extra);
        }
        let x = Input::new(x_dims).tensor().unwrap();
        let y = Input::new(y_dims).tensor().unwrap();
        for call in calls(args) {
            if let Ok(out) = call(&x, &y) {
                // A model of what was accepted builds or is refused, and its
                // summary renders, without panicking either.
                if let Ok(model) = Functional::new([&x, &y], &out).build() {
                    let summary = model.summary();
                    let _ = summary.to_string();
                    let _ = kerasinfo::render::keras2::render(&summary, &Default::default());
                }
            }
        }
    }
}

/// A small nested model with connections, for the renderers.
fn nested_model() -> Model {
    clear_session();
    let inner = Sequential::new()
        .name("inner")
        .input_shape([4])
        .add(Dense::new(4).name("inner_dense"))
        .build()
        .unwrap();
    let a = Input::new([4]).name("in_a").tensor().unwrap();
    let b = Input::new([4]).name("in_b").tensor().unwrap();
    let s = Add::new().name("add_1").call([&a, &b]).unwrap();
    let n = inner.call(&s).unwrap();
    let out = Dense::new(2).name("dense_out").call(&n).unwrap();
    Functional::new([&a, &b], &out)
        .name("outer")
        .build()
        .unwrap()
}

/// Column positions: fractions, absolute columns, and invalid values.
fn position() -> impl Strategy<Value = f64> {
    prop_oneof![
        0.0f64..=1.0,
        (-50i32..300).prop_map(f64::from),
        prop::sample::select(vec![-1.5, 2.5, f64::NAN, f64::INFINITY, -1e300, 1e300]),
    ]
}

/// `layer_range` patterns: names, regular-expression syntax and junk.
fn pattern() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "in_a",
            "add_1",
            "inner",
            "dense_out",
            "dense.*",
            ".+_1",
            "(in|add)_[ab1]",
            "[^x]*",
            "a{0,2}",
            "x{2,1}",
            "^$",
            "",
        ])
        .prop_map(str::to_owned),
        "[a-z_.*+?(){}\\[\\]|^$\\\\0-9,:-]{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn renderers_never_panic_on_any_options(
        line_length in 0usize..400,
        positions in proptest::option::of(proptest::collection::vec(position(), 0..7)),
        show_trainable in any::<bool>(),
        expand_nested in any::<bool>(),
        range in proptest::option::of((pattern(), pattern())),
    ) {
        use kerasinfo::render::{dot, keras2, markdown};
        let summary = nested_model().summary();
        let mut k2 = keras2::Keras2Options::new()
            .line_length(line_length)
            .show_trainable(show_trainable)
            .expand_nested(expand_nested);
        if let Some(p) = positions {
            k2 = k2.positions(p);
        }
        if let Some((first, last)) = range {
            k2 = k2.layer_range(first, last);
        }
        if let Ok(text) = keras2::render(&summary, &k2) {
            prop_assert!(text.starts_with("Model: \"outer\""));
        }
        let md = markdown::MarkdownOptions::new()
            .show_trainable(show_trainable)
            .expand_nested(expand_nested);
        prop_assert!(markdown::render(&summary, &md).unwrap().contains("dense_out"));
        let d = dot::DotOptions::new()
            .show_shapes(show_trainable)
            .show_trainable(expand_nested)
            .expand_nested(expand_nested);
        prop_assert!(dot::render(&summary, &d).is_ok());
    }
}

/// `to_snake_case` (rewritten on slice patterns) matches Keras's on edge
/// cases: empty, one char, runs of capitals, digits, non-word chars, long
/// names (fixture: scripts/gen_naming_fixtures.py).
#[test]
fn to_snake_case_matches_keras_on_edge_cases() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/naming/snake_case.json");
    let text = std::fs::read_to_string(path).unwrap();
    let cases: Vec<(String, String)> = serde_json::from_str(&text).unwrap();
    assert_eq!(cases.len(), 37);
    for (name, expected) in cases {
        assert_eq!(
            kerasinfo::naming::to_snake_case(&name),
            expected,
            "to_snake_case({name:?})"
        );
    }
}

proptest! {
    /// Any string: no panic, and the result is lowercase ASCII-wise.
    #[test]
    fn to_snake_case_never_panics(name in ".{0,40}") {
        let snake = kerasinfo::naming::to_snake_case(&name);
        prop_assert!(!snake.chars().any(|c| c.is_ascii_uppercase()));
    }
}
