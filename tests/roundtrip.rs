//! Property test (issue #6): any model built with the builder, written as a
//! Keras 3 config JSON (`config::model_to_json`) and imported back
//! (`config::model_from_json`), gives the same summary.
//!
//! The models are random: Sequential or Functional, over vector, sequence
//! or image inputs, with dense, convolution, pooling, recurrent,
//! normalization, regularization, preprocessing and wrapper layers, frozen
//! layers, shared layers called twice, merges, operations, nested (and
//! frozen nested) models, and several outputs. Each random "gene" picks a
//! layer kind that fits the current tensor's rank, so every model builds.
//!
//! Keras itself loads what the writer writes: besides the fixture twins
//! of tests/config_writer.rs, the first [`RANDOM_FIXTURES`] models of a
//! deterministic run are committed (`tests/fixtures/roundtrip/random_NN.written.json`,
//! written by `cargo test --all-features --test roundtrip -- --ignored
//! write_random_models`), loaded by Keras 3.15.1 with
//! `scripts/check_written_configs.py --random`, which writes Keras's
//! summaries and layer data of the loaded models as fixtures
//! (`random_NN__default.txt`, ...); [`random_models_match_keras`] checks
//! kerasinfo's summaries of the same models against them.
#![cfg(feature = "keras-json")]

mod common;

use kerasinfo::config::{model_from_json, model_to_json};
use kerasinfo::naming::clear_session;
use kerasinfo::prelude::*;
use kerasinfo::{Layer, LayerHandle};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

/// One random building step; each byte selects among choices.
#[derive(Debug, Clone)]
struct Gene {
    op: u8,
    a: u8,
    b: u8,
    c: u8,
    frozen: bool,
}

fn gene() -> impl Strategy<Value = Gene> {
    (
        any::<u8>(),
        any::<u8>(),
        any::<u8>(),
        any::<u8>(),
        proptest::bool::weighted(0.2),
    )
        .prop_map(|(op, a, b, c, frozen)| Gene {
            op,
            a,
            b,
            c,
            frozen,
        })
}

/// The input shape (without the batch axis): a vector, a sequence or an
/// image.
fn input_shape(kind: u8, a: u8, b: u8, c: u8) -> Vec<i64> {
    let small = |x: u8, max: u8| i64::from(1 + x % max);
    match kind % 3 {
        0 => vec![small(a, 12)],
        1 => vec![small(a, 5), small(b, 6)],
        _ => vec![small(a, 6), small(b, 6), small(c, 4)],
    }
}

fn boxed<L: Layer + LayerExt>(layer: L, trainable: bool) -> Box<dyn Layer> {
    Box::new(layer.trainable(trainable))
}

/// A layer that fits an input of `rank` (batch axis included), with the
/// rank of its output.
///
/// Without `wrappers`, `Bidirectional`/`TimeDistributed` become `Dense`:
/// a wrapper in a model frozen as a whole is frozen after construction,
/// which the writer refuses (a config cannot freeze its inner layers; see
/// tests/config_writer.rs).
fn make_layer(g: &Gene, rank: usize, wrappers: bool) -> (Box<dyn Layer>, usize) {
    let t = !g.frozen;
    let units = i64::from(1 + g.a % 8);
    let activation = ["relu", "linear", "tanh", "sigmoid"][usize::from(g.b % 4)];
    let dense = || {
        boxed(
            Dense::new(units)
                .activation(activation)
                .use_bias(g.c.is_multiple_of(2)),
            t,
        )
    };
    let l = match (g.op % 30, rank) {
        (0, _) => dense(),
        (1, _) => boxed(Dropout::new(f64::from(g.a % 5) / 10.0), t),
        (2, _) => boxed(BatchNormalization::new(), t),
        (3, _) => boxed(LayerNormalization::new(), t),
        (4, _) => boxed(Activation::new(activation), t),
        (5, 3) => boxed(
            Conv1D::new(units, i64::from(1 + g.b % 3)).padding(Padding::Same),
            t,
        ),
        (5, 4) => boxed(
            Conv2D::new(units, i64::from(1 + g.b % 3))
                .padding(Padding::Same)
                .use_bias(g.c.is_multiple_of(2)),
            t,
        ),
        (6, 3..) => return (boxed(Flatten::new(), t), 2),
        (7, 3) => {
            let seq = g.c.is_multiple_of(2);
            let u = i64::from(1 + g.a % 5);
            let l = match g.b % 3 {
                0 => boxed(LSTM::new(u).return_sequences(seq), t),
                1 => boxed(GRU::new(u).return_sequences(seq), t),
                _ => boxed(SimpleRNN::new(u).return_sequences(seq), t),
            };
            return (l, if seq { 3 } else { 2 });
        }
        (8, 3) => return (boxed(GlobalMaxPooling1D::new(), t), 2),
        (8, 4) => return (boxed(GlobalAveragePooling2D::new(), t), 2),
        (9, _) if g.b.is_multiple_of(2) => boxed(Normalization::new(), t),
        (9, _) => boxed(Rescaling::new(f64::from(g.a) / 7.0).offset(-1.0), t),
        (10, 4) => boxed(RandomFlip::new().mode(FlipMode::Horizontal), t),
        (10, _) => boxed(GaussianNoise::new(0.1), t),
        (11 | 12, 3) if !wrappers => dense(),
        (11, 3) => {
            let u = i64::from(1 + g.a % 4);
            let l = Bidirectional::new(LSTM::new(u).return_sequences(true));
            boxed(l, t)
        }
        (11, 4) => boxed(MaxPooling2D::new(2).padding(Padding::Same), t),
        (12, 3) => boxed(TimeDistributed::new(Dense::new(units)), t),
        (13, _) => boxed(UnitNormalization::new(), t),
        (14, 4) => boxed(
            Conv2DTranspose::new(units, i64::from(1 + g.b % 3)).padding(Padding::Same),
            t,
        ),
        (15, 4) => boxed(
            SeparableConv2D::new(units, i64::from(1 + g.b % 3)).padding(Padding::Same),
            t,
        ),
        (16, 4) => boxed(
            DepthwiseConv2D::new(i64::from(1 + g.b % 3)).padding(Padding::Same),
            t,
        ),
        (17, 4) if g.b.is_multiple_of(2) => boxed(UpSampling2D::new(2), t),
        (17, 4) => boxed(ZeroPadding2D::new(1), t),
        (18, 2) => return (boxed(RepeatVector::new(i64::from(1 + g.b % 3)), t), 3),
        (19, 2) => return (boxed(Reshape::new([-1, 1]), t), 3),
        (19, 3) => boxed(Permute::new([2, 1]), t),
        (20, _) => match g.b % 5 {
            0 => boxed(PReLU::new(), t),
            1 => boxed(LeakyReLU::new(), t),
            2 => boxed(ELU::new(), t),
            3 => boxed(ReLU::new(), t),
            _ => boxed(Softmax::new(), t),
        },
        // Never frozen: its constructor takes no `trainable` (see
        // `a_frozen_spatial_dropout_is_an_error` in tests/config_writer.rs).
        (21, 3) => boxed(SpatialDropout1D::new(0.2), true),
        (21, _) => boxed(GaussianDropout::new(0.1), t),
        (22, _) if g.b.is_multiple_of(2) => boxed(AlphaDropout::new(0.1), t),
        (22, _) => boxed(ActivityRegularization::new().l1(0.01), t),
        (23, _) if g.b.is_multiple_of(2) => boxed(GroupNormalization::new().groups(1), t),
        (23, _) => boxed(RMSNormalization::new(), t),
        (24, 3) => boxed(AveragePooling1D::new(2).padding(Padding::Same), t),
        (25, 2) => return (boxed(Embedding::new(10, units), t), 3),
        (26, 2) => boxed(
            CategoryEncoding::new(i64::from(1 + g.b % 9)).output_mode(OutputMode::MultiHot),
            t,
        ),
        // Never frozen either (no `trainable` argument).
        (27, 2) => boxed(Discretization::new().bin_boundaries([0.0, 1.0]), true),
        (28, 4) => boxed(
            Resizing::new(i64::from(1 + g.b % 6), i64::from(1 + g.c % 6)),
            t,
        ),
        _ => dense(),
    };
    (l, rank)
}

/// A random Sequential model.
fn sequential(shape: &[i64], genes: &[Gene], frozen: bool) -> kerasinfo::Result<Model> {
    let mut s = Sequential::new().add(Input::new(shape.to_vec()));
    let mut rank = shape.len() + 1;
    for g in genes {
        let (layer, out) = make_layer(g, rank, !frozen);
        s = s.add_boxed(layer);
        rank = out;
    }
    let model = s.build()?;
    if frozen {
        // Keras's `model.trainable = False` (setting it to True would
        // unfreeze the layers made frozen).
        model.set_trainable(false);
    }
    Ok(model)
}

/// A small nested model taking `x`: a Sequential one, or a frozen
/// Functional one.
///
/// (Keras's `Sequential.from_config` ignores `trainable`: a frozen nested
/// Sequential reloads with its layers frozen but its own flag `True`, after
/// Keras's own save and load as after kerasinfo's writer, so a frozen
/// nested model here is Functional.)
fn nested(x: &Tensor, g: &Gene) -> kerasinfo::Result<Tensor> {
    let dims: Vec<Option<u64>> = x.shape().dims()[1..].iter().map(|d| d.known()).collect();
    let units = i64::from(1 + g.a % 6);
    let inner = if g.c.is_multiple_of(3) {
        let i = Input::new(dims).tensor()?;
        let mut y = Dense::new(units).activation("relu").call(&i)?;
        if g.b.is_multiple_of(2) {
            y = BatchNormalization::new().call(&y)?;
        }
        Functional::new(&i, &y).build()?.trainable(false)
    } else {
        let mut s = Sequential::new().add(Input::new(dims));
        s = s.add(Dense::new(units).activation("relu"));
        if g.b.is_multiple_of(2) {
            s = s.add(BatchNormalization::new());
        }
        s.build()?
    };
    inner.call(x)
}

/// A random Functional model: each gene extends a pool of tensors.
fn functional(shape: &[i64], genes: &[Gene], two_outputs: bool) -> kerasinfo::Result<Model> {
    let input = Input::new(shape.to_vec()).name("x").tensor()?;
    let mut pool = vec![input.clone()];
    for g in genes {
        let i = usize::from(g.a) % pool.len();
        let x = pool[i].clone();
        match g.op % 24 {
            // A merge of two tensors of the same shape.
            14 | 15 => {
                let same: Vec<usize> = (0..pool.len())
                    .filter(|&j| j != i && pool[j].shape() == x.shape())
                    .collect();
                if !same.is_empty() {
                    let y = pool[same[usize::from(g.b) % same.len()]].clone();
                    let z = match g.c % 4 {
                        0 => Add::new().call([&x, &y])?,
                        1 => Multiply::new().call([&x, &y])?,
                        2 => Concatenate::new().call([&x, &y])?,
                        _ => Average::new().call([&x, &y])?,
                    };
                    pool.push(z);
                }
            }
            // A shared layer called on two tensors, its outputs added: the
            // model holds both calls or neither. (A call left out of the
            // model renumbers the later ones: Keras's `get_config` keeps
            // only the model's nodes, so its own round trip changes
            // `dense[1][0]` to `dense[0][0]` too.)
            16 => {
                let y = pool[usize::from(g.b) % pool.len()].clone();
                if x.shape() == y.shape() {
                    let shared = Dense::new(i64::from(1 + g.c % 5))
                        .trainable(!g.frozen)
                        .shared();
                    let (p, q) = (shared.call(&x)?, shared.call(&y)?);
                    pool.push(Add::new().call([&p, &q])?);
                }
            }
            // A nested model.
            17 => pool.push(nested(&x, g)?),
            // An operation (`keras.src.ops`).
            18 => pool.push(match g.b % 3 {
                0 => kerasinfo::ops::add(&x, 1.0)?,
                1 => kerasinfo::ops::multiply(&x, &x)?,
                _ => kerasinfo::ops::mean(&x, Some(&[-1]), true)?,
            }),
            // Self-attention, maybe returning the scores too.
            19 if x.shape().rank() == 3 => {
                let mha = MultiHeadAttention::new(i64::from(1 + g.b % 2), i64::from(1 + g.c % 4));
                if g.c % 2 == 0 {
                    let outs = mha.return_attention_scores(true).call_multi([&x, &x])?;
                    pool.extend(outs);
                } else {
                    pool.push(mha.call([&x, &x])?);
                }
            }
            // More operations: slicing, transposing, concatenating.
            20 if x.shape().rank() >= 2 => {
                use kerasinfo::ops::Index;
                let key = [
                    Index::full(),
                    Index::slice(Some(0), None, Some(1 + i64::from(g.b % 2))),
                ];
                pool.push(kerasinfo::ops::get_item(&x, &key)?);
            }
            21 if x.shape().rank() == 3 => {
                pool.push(kerasinfo::ops::transpose(&x, Some(&[0, 2, 1]))?);
            }
            22 => pool.push(kerasinfo::ops::concatenate(&[&x, &x], -1)?),
            _ => {
                let (layer, _) = make_layer(g, x.shape().rank(), true);
                pool.push(LayerHandle::new(layer).call(&x)?);
            }
        }
    }
    let last = pool.len() - 1;
    let mut outputs = vec![pool[last].clone()];
    if two_outputs && last > 1 {
        outputs.push(pool[1].clone());
    }
    Functional::new(&input, &outputs).name("random").build()
}

fn render(m: &Model) -> String {
    m.summary()
        .render(&Keras3Options::new().show_trainable(true))
        .unwrap()
}

/// Writes `model`, imports the JSON and compares the summaries.
fn round_trip(model: &Model) -> Result<(), TestCaseError> {
    let json = model_to_json(model).map_err(|e| TestCaseError::fail(e.to_string()))?;
    clear_session();
    let back = model_from_json(&json).map_err(|e| TestCaseError::fail(format!("{e}\n{json}")))?;
    prop_assert_eq!(render(&back), render(model), "{}", json);
    let (a, b) = (back.summary(), model.summary());
    prop_assert_eq!(
        (a.total_params, a.trainable_params, a.non_trainable_params),
        (b.total_params, b.trainable_params, b.non_trainable_params)
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn sequential_models_round_trip_through_keras_json(
        kind in any::<u8>(), a in any::<u8>(), b in any::<u8>(), c in any::<u8>(),
        genes in proptest::collection::vec(gene(), 1..8),
        frozen_model in proptest::bool::weighted(0.15),
    ) {
        clear_session();
        let shape = input_shape(kind, a, b, c);
        let model = sequential(&shape, &genes, frozen_model).unwrap();
        round_trip(&model)?;
    }

    #[test]
    fn functional_models_round_trip_through_keras_json(
        kind in any::<u8>(), a in any::<u8>(), b in any::<u8>(), c in any::<u8>(),
        genes in proptest::collection::vec(gene(), 1..10),
        two_outputs in any::<bool>(),
    ) {
        clear_session();
        let shape = input_shape(kind, a, b, c);
        let model = functional(&shape, &genes, two_outputs).unwrap();
        round_trip(&model)?;
    }
}

/// How many random models are verified by Keras (half Sequential).
const RANDOM_FIXTURES: usize = 60;

/// The `i`-th model of a deterministic run of the generators.
fn random_models() -> Vec<(String, Model)> {
    let mut runner = TestRunner::deterministic();
    let strategy = (
        any::<u8>(),
        any::<u8>(),
        any::<u8>(),
        any::<u8>(),
        proptest::collection::vec(gene(), 1..10),
        any::<bool>(),
    );
    (0..RANDOM_FIXTURES)
        .map(|i| {
            let (kind, a, b, c, genes, flag) = strategy.new_tree(&mut runner).unwrap().current();
            clear_session();
            let shape = input_shape(kind, a, b, c);
            let model = if i % 2 == 0 {
                functional(&shape, &genes, flag).unwrap()
            } else {
                // One Sequential model in four is frozen as a whole.
                sequential(&shape, &genes, flag && i % 4 == 1).unwrap()
            };
            (format!("random_{i:02}"), model)
        })
        .collect()
}

fn random_dir() -> std::path::PathBuf {
    common::fixture_dir("roundtrip")
}

/// Regenerates the random models' configs for Keras to load.
#[test]
#[ignore = "regenerates tests/fixtures/roundtrip; run scripts/check_written_configs.py --random after"]
fn write_random_models() {
    let dir = random_dir();
    std::fs::create_dir_all(&dir).unwrap();
    for (name, model) in random_models() {
        let json = model_to_json(&model).unwrap();
        std::fs::write(dir.join(format!("{name}.written.json")), json + "\n").unwrap();
    }
}

/// The random models against Keras's summaries of their written configs:
/// the committed config must be what the writer writes now (so that the
/// Keras fixture is of this model), then every figure of the summary
/// (shapes, parameters, weights, trainable flags, connections) must be
/// Keras's.
#[test]
fn random_models_match_keras() {
    let dir = random_dir();
    for (name, model) in random_models() {
        let committed = std::fs::read_to_string(dir.join(format!("{name}.written.json")))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            model_to_json(&model).unwrap() + "\n" == committed,
            "{name}: the model or the writer changed; regenerate and re-run Keras"
        );
        common::check_model_ops("roundtrip", &name, &model);
    }
}
