//! Builders of the kerasinfo twins of the Keras models in
//! `tests/fixtures/attention_core/`: tests/layers_attention_core.rs checks each against its
//! fixture, tests/config_writer.rs writes each as a Keras config.

#![allow(dead_code, unused_imports, clippy::wildcard_imports)]

use kerasinfo::naming::clear_session;
use kerasinfo::prelude::*;
use kerasinfo::{DType, Dim, Error, LayerError, Shape, ShapeArg, ops};

/// The shape `()` (a scalar per sample).
pub fn no_dims() -> Vec<u64> {
    Vec::new()
}

pub fn embedding_seq() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .name("embedding_seq")
        .add(Input::new([8]))
        .add(Embedding::new(50, 4).name("tok"))
        .add(Flatten::new())
        .add(Dense::new(1))
        .build()?;
    Ok(model)
}

pub fn embedding_variants() -> kerasinfo::Result<Model> {
    let a = Input::new([None::<u64>]).name("ids").tensor()?;
    let b = Input::new(no_dims()).name("scalar_id").tensor()?;
    let c = Input::new([3, 5]).name("grid_ids").tensor()?;
    let x = Embedding::new(1000, 16).mask_zero(true).call(&a)?;
    let y = Embedding::new(20, 6).trainable(false).call(&b)?;
    let z = Embedding::new(7, 3).lora_rank(2).call(&c)?;
    let w = Embedding::new(30, 5)
        .dtype(DType::Float16)
        .lora_rank(4)
        .name("half_lora")
        .call(&a)?;
    let model = Functional::new([&a, &b, &c], [&x, &y, &z, &w])
        .name("embedding_variants")
        .build()?;
    Ok(model)
}

pub fn reversible_embedding() -> kerasinfo::Result<Model> {
    let ids = Input::new([6]).name("ids").tensor()?;
    let x = ReversibleEmbedding::new(50, 8).call(&ids)?;
    let y = ReversibleEmbedding::new(30, 8)
        .tie_weights(false)
        .mask_zero(true)
        .call(&ids)?;
    let z = ReversibleEmbedding::new(20, 8)
        .name("rev_only")
        .reverse(true)
        .call(&x)?;
    let w = ReversibleEmbedding::new(10, 8)
        .tie_weights(false)
        .name("rev_untied")
        .reverse(true)
        .call(&y)?;
    let v = ReversibleEmbedding::new(30, 4)
        .lora_rank(2)
        .trainable(false)
        .call(&ids)?;
    let model = Functional::new(&ids, [&z, &w, &v])
        .name("reversible_embedding")
        .build()?;
    Ok(model)
}

pub fn mha_self() -> kerasinfo::Result<Model> {
    let inp = Input::new([10, 16]).tensor()?;
    let x = MultiHeadAttention::new(2, 8).call([&inp, &inp])?;
    let x = Dense::new(4).call(&x)?;
    let model = Functional::new(&inp, &x).name("mha_self").build()?;
    Ok(model)
}

pub fn mha_cross() -> kerasinfo::Result<Model> {
    let q = Input::new([5, 16]).name("query").tensor()?;
    let v = Input::new([7, 12]).name("value").tensor()?;
    let k = Input::new([7, 6]).name("key").tensor()?;
    let a = MultiHeadAttention::new(3, 4)
        .value_dim(5)
        .use_bias(false)
        .output_shape([2, 8])
        .name("cross")
        .call([&q, &v, &k])?;
    let b = MultiHeadAttention::new(2, 3)
        .output_shape([20])
        .call([&q, &v])?;
    let c = MultiHeadAttention::new(1, 2)
        .use_gate(true)
        .call([&v, &q])?;
    let model = Functional::new([&q, &v, &k], [&a, &b, &c])
        .name("mha_cross")
        .build()?;
    Ok(model)
}

pub fn mha_axes() -> kerasinfo::Result<Model> {
    let img = Input::new([4, 5, 8]).name("img").tensor()?;
    let seq = Input::new([None, Some(6)]).name("seq").tensor()?;
    let x = MultiHeadAttention::new(2, 4)
        .attention_axes([1, 2])
        .call([&img, &img])?;
    let y = MultiHeadAttention::new(2, 4)
        .attention_axes([2])
        .call([&img, &img])?;
    let z = MultiHeadAttention::new(4, 2)
        .value_dim(3)
        .dropout(0.1)
        .call([&seq, &seq])?;
    let w = MultiHeadAttention::new(2, 2)
        .attention_axes([-2])
        .output_shape([3])
        .call([&seq, &seq, &seq])?;
    let model = Functional::new([&img, &seq], [&x, &y, &z, &w])
        .name("mha_axes")
        .build()?;
    Ok(model)
}

pub fn mha_frozen() -> kerasinfo::Result<Model> {
    // Keras: `mha.trainable = False` after the call (sublayers built).
    let inp = Input::new([4, 6]).tensor()?;
    let x = MultiHeadAttention::new(2, 3)
        .name("frozen_mha")
        .set_trainable(false)
        .call([&inp, &inp])?;
    let y = AdditiveAttention::new().trainable(false).call([&x, &inp])?;
    let model = Functional::new(&inp, &y).name("mha_frozen").build()?;
    Ok(model)
}

pub fn mha_frozen_ctor() -> kerasinfo::Result<Model> {
    let inp = Input::new([4, 6]).tensor()?;
    let x = MultiHeadAttention::new(2, 3)
        .trainable(false)
        .call([&inp, &inp])?;
    let model = Functional::new(&inp, &x).name("mha_frozen_ctor").build()?;
    Ok(model)
}

pub fn odd_ranks() -> kerasinfo::Result<Model> {
    let v2 = Input::new([16]).name("v2").tensor()?;
    let w2 = Input::new([12]).name("w2").tensor()?;
    let q4 = Input::new([3, 5, 16]).name("q4").tensor()?;
    let k4 = Input::new([3, 7, 16]).name("k4").tensor()?;
    let q3 = Input::new([5, 16]).name("q3").tensor()?;
    let v3 = Input::new([7, 12]).name("v3").tensor()?;
    let mha = |name: &str| MultiHeadAttention::new(2, 4).name(name);
    let outs = vec![
        mha("mha_2d").call([&v2, &w2])?,
        mha("mha_q4_v3").call([&q4, &v3])?,
        mha("mha_q3_v4").call([&q3, &k4])?,
        mha("mha_no_axes").attention_axes([]).call([&q3, &v3])?,
        mha("mha_axis0").attention_axes([0]).call([&q3, &v3])?,
        mha("mha_axis_m5").attention_axes([-5]).call([&q3, &v3])?,
        mha("mha_out2").output_shape([2, 3]).call([&q4, &k4])?,
        GroupQueryAttention::new(4, 2, 1)
            .name("gqa_4d")
            .call([&q4, &k4])?,
        GroupQueryAttention::new(4, 0, 1)
            .name("gqa_no_heads")
            .call([&q3, &q3])?,
        Attention::new().name("att_2d").call([&v2, &w2])?,
        Attention::new()
            .use_scale(true)
            .name("att_4d")
            .call([&q4, &v3])?,
        AdditiveAttention::new().name("add_4d").call([&q4, &v3])?,
        EinsumDense::new("0ab,bc->0ac", [None, Some(4)])
            .bias_axes("c")
            .name("zero_is_ellipsis")
            .call(&q4)?,
        EinsumDense::new("aB,BC->aC", [4])
            .bias_axes("C")
            .name("upper")
            .call(&v2)?,
        EinsumDense::new("...c,cd->...d", [64])
            .bias_axes("d")
            .name("left_one")
            .call(&q3)?,
    ];
    let model = Functional::new([&v2, &w2, &q4, &k4, &q3, &v3], outs)
        .name("odd_ranks")
        .build()?;
    Ok(model)
}

pub fn attention_scores() -> kerasinfo::Result<Model> {
    let q = Input::new([5, 16]).name("q").tensor()?;
    let v = Input::new([7, 16]).name("v").tensor()?;
    let k = Input::new([7, 16]).name("k").tensor()?;
    let mut outs = MultiHeadAttention::new(2, 8)
        .return_attention_scores(true)
        .call_multi([&q, &v])?;
    outs.extend(
        GroupQueryAttention::new(4, 4, 2)
            .return_attention_scores(true)
            .call_multi([&q, &v, &k])?,
    );
    outs.extend(
        Attention::new()
            .return_attention_scores(true)
            .call_multi([&q, &v])?,
    );
    outs.extend(
        AdditiveAttention::new()
            .return_attention_scores(true)
            .call_multi([&q, &v, &k])?,
    );
    let model = Functional::new([&q, &v, &k], outs)
        .name("attention_scores")
        .build()?;
    Ok(model)
}

pub fn dtypes() -> kerasinfo::Result<Model> {
    let ids = Input::new([6]).name("ids").tensor()?;
    let x = Embedding::new(40, 8).dtype(DType::Float64).call(&ids)?;
    let y = MultiHeadAttention::new(2, 4)
        .dtype(DType::Float16)
        .call([&x, &x])?;
    let z = Attention::new()
        .use_scale(true)
        .score_mode(ScoreMode::Concat)
        .dtype(DType::Float64)
        .call([&y, &x])?;
    let w = EinsumDense::new("abc,cd->abd", [None, Some(3)])
        .bias_axes("d")
        .dtype(DType::BFloat16)
        .lora_rank(2)
        .call(&z)?;
    let a = AdditiveAttention::new()
        .dtype(DType::Float16)
        .call([&w, &w])?;
    let model = Functional::new(&ids, &a).name("dtypes").build()?;
    Ok(model)
}

pub fn transformer_block() -> kerasinfo::Result<Model> {
    let (maxlen, vocab, dim) = (20, 500, 32);
    let inp = Input::new([maxlen]).name("tokens").tensor()?;
    let tok = Embedding::new(vocab, dim).name("token_emb").call(&inp)?;
    let positions = Input::new([maxlen]).name("positions").tensor()?;
    let pos = Embedding::new(maxlen, dim)
        .name("pos_emb")
        .call(&positions)?;
    let x = Add::new().call([&tok, &pos])?;
    let att = MultiHeadAttention::new(4, dim)
        .dropout(0.1)
        .call([&x, &x])?;
    // Keras's MultiHeadAttention took the name `dropout` for its own layer.
    let att = Dropout::new(0.1).call(&att)?;
    let x = Add::new().call([&x, &att])?;
    let ffn = Dense::new(64).activation("relu").call(&x)?;
    let ffn = Dense::new(dim).call(&ffn)?;
    let x = Add::new().call([&x, &ffn])?;
    let x = Flatten::new().call(&x)?;
    let out = Dense::new(2).activation("softmax").call(&x)?;
    let model = Functional::new([&inp, &positions], &out)
        .name("transformer_block")
        .build()?;
    Ok(model)
}

pub fn shared_shapes() -> kerasinfo::Result<Model> {
    let a = Input::new([4, 8]).name("a").tensor()?;
    let b = Input::new([Some(6), None]).name("b").tensor()?;
    let c = Input::new([3, 8]).name("c").tensor()?;
    let m = MultiHeadAttention::new(2, 4).shared();
    let e = EinsumDense::new("abc,cd->abd", [None, Some(5)])
        .bias_axes("d")
        .shared();
    let ad = AdditiveAttention::new().shared();
    let outs = vec![
        m.call([&a, &a])?,
        m.call([&b, &b])?,
        m.call([&a, &c])?,
        e.call(&a)?,
        e.call(&b)?,
        ad.call([&a, &a])?,
        ad.call([&b, &b])?,
    ];
    let model = Functional::new([&a, &b, &c], outs)
        .name("shared_shapes")
        .build()?;
    Ok(model)
}

pub fn gqa_names() -> kerasinfo::Result<Model> {
    let q = Input::new([6, 8]).tensor()?;
    let x = GroupQueryAttention::new(2, 2, 1).call([&q, &q])?;
    let x = Dropout::new(0.1).call(&x)?;
    let x = MultiHeadAttention::new(1, 2).call([&x, &x])?;
    let x = Dropout::new(0.1).call(&x)?;
    let model = Functional::new(&q, &x).name("gqa_names").build()?;
    Ok(model)
}

pub fn mha_shared() -> kerasinfo::Result<Model> {
    let a = Input::new([6, 8]).tensor()?;
    let b = Input::new([6, 8]).tensor()?;
    let mha = MultiHeadAttention::new(2, 4).name("shared_mha").shared();
    let x = mha.call([&a, &b])?;
    let y = mha.call([&b, &a])?;
    let z = Add::new().call([&x, &y])?;
    let model = Functional::new([&a, &b], &z).name("mha_shared").build()?;
    Ok(model)
}

pub fn gqa() -> kerasinfo::Result<Model> {
    let q = Input::new([6, 16]).name("q").tensor()?;
    let v = Input::new([None, Some(16)]).name("v").tensor()?;
    let k = Input::new([None, Some(16)]).name("k").tensor()?;
    let x = GroupQueryAttention::new(4, 8, 2).call([&q, &v])?;
    let y = GroupQueryAttention::new(3, 2, 1)
        .use_bias(false)
        .name("gqa_nobias")
        .call([&q, &v, &k])?;
    let z = GroupedQueryAttention::new(2, 4, 4)
        .use_gate(true)
        .dropout(0.2)
        .call([&q, &q])?;
    let model = Functional::new([&q, &v, &k], [&x, &y, &z])
        .name("gqa")
        .build()?;
    Ok(model)
}

pub fn attention() -> kerasinfo::Result<Model> {
    let q = Input::new([5, 8]).name("q").tensor()?;
    let v = Input::new([7, 6]).name("v").tensor()?;
    let k = Input::new([7, 8]).name("k").tensor()?;
    let a = Attention::new().call([&q, &v])?;
    let b = Attention::new().use_scale(true).call([&q, &v, &k])?;
    let c = Attention::new()
        .score_mode(ScoreMode::Concat)
        .name("concat_att")
        .call([&q, &v])?;
    let d = Attention::new()
        .use_scale(true)
        .score_mode(ScoreMode::Concat)
        .dropout(0.1)
        .call([&q, &v, &k])?;
    let e = AdditiveAttention::new().call([&q, &v])?;
    let f = AdditiveAttention::new()
        .use_scale(false)
        .call([&q, &v, &k])?;
    let g = AdditiveAttention::new().trainable(false).call([&v, &q])?;
    let model = Functional::new([&q, &v, &k], [&a, &b, &c, &d, &e, &f, &g])
        .name("attention")
        .build()?;
    Ok(model)
}

pub fn attention_unknown() -> kerasinfo::Result<Model> {
    let q = Input::new([None, Some(4)]).tensor()?;
    let v = Input::new([None::<u64>, None]).tensor()?;
    let a = Attention::new().use_scale(true).call([&q, &v])?;
    let b = AdditiveAttention::new().call([&q, &v])?;
    let model = Functional::new([&q, &v], [&a, &b])
        .name("attention_unknown")
        .build()?;
    Ok(model)
}

pub fn einsum_basic() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .name("einsum_basic")
        .add(Input::new([32]))
        .add(EinsumDense::new("ab,bc->ac", [64]).bias_axes("c"))
        .add(EinsumDense::new("ab,bc->ac", [10]).activation("relu"))
        .add(
            EinsumDense::new("...b,bc->...c", [4])
                .bias_axes("c")
                .lora_rank(2),
        )
        .build()?;
    Ok(model)
}

pub fn einsum_shapes() -> kerasinfo::Result<Model> {
    let seq = Input::new([32, 128]).name("seq").tensor()?;
    let deep = Input::new([3, 4, 5]).name("deep").tensor()?;
    let flat = Input::new([32]).name("flat").tensor()?;
    let n = None::<u64>;
    let outs = vec![
        EinsumDense::new("abc,cd->abd", [n, Some(64)])
            .bias_axes("d")
            .name("doc_seq")
            .call(&seq)?,
        EinsumDense::new("abc,cd->abd", [32, 64])
            .bias_axes("d")
            .name("known_seq")
            .call(&seq)?,
        EinsumDense::new("...x,xy->...y", [64])
            .bias_axes("y")
            .name("ellipsis")
            .call(&seq)?,
        EinsumDense::new("abc,cde->abde", [n, Some(4), Some(8)])
            .bias_axes("de")
            .name("heads")
            .call(&seq)?,
        EinsumDense::new("abc,cde->abde", [n, Some(4), Some(8)])
            .bias_axes("e")
            .name("heads_e")
            .call(&seq)?,
        EinsumDense::new("abc,cde->abde", [32, 4, 8])
            .bias_axes("bd")
            .name("bias_bd")
            .call(&seq)?,
        EinsumDense::new("abc,cde->abde", [n, Some(4), Some(8)])
            .name("heads_nobias")
            .call(&seq)?,
        EinsumDense::new("...b,bc->...c", [7])
            .bias_axes("c")
            .name("left_elided")
            .call(&deep)?,
        EinsumDense::new("ab...,bc->ac...", [6])
            .bias_axes("c")
            .name("right_elided")
            .call(&deep)?,
        EinsumDense::new("ab,bc->ac", [9])
            .bias_axes("c")
            .name("implicit_tail")
            .call(&deep)?,
        EinsumDense::new("ab,bc->ac", [64, 7])
            .bias_axes("c")
            .name("extra_out")
            .call(&flat)?,
        EinsumDense::new("ab,bc->ac xx", [3])
            .bias_axes("c")
            .name("trailing")
            .call(&flat)?,
        EinsumDense::new("ab,b->a", no_dims())
            .name("to_vector")
            .call(&flat)?,
        EinsumDense::new("abcd,de->abce", [3, 4, 2])
            .bias_axes("be")
            .name("bias_be")
            .call(&deep)?,
    ];
    let model = Functional::new([&seq, &deep, &flat], outs)
        .name("einsum_shapes")
        .build()?;
    Ok(model)
}

pub fn core_misc() -> kerasinfo::Result<Model> {
    let inp = Input::new([10, 4]).tensor()?;
    let other = Input::new([3]).tensor()?;
    let m = Masking::new().call(&inp)?;
    let m = Masking::new().mask_value(-1.0).call(&m)?;
    let m = Identity::new().call(&m)?;
    let x = Identity::new().call(&inp)?;
    let y = Lambda::new().output_shape([10, 4]).call(&x)?;
    let z = Lambda::new().output_shape([4]).name("summed").call(&y)?;
    let w = Lambda::new().output_shape([3]).call([&other, &inp])?;
    let i = Identity::new().name("ident").call(&other)?;
    let model = Functional::new([&inp, &other], [&m, &z, &w, &i])
        .name("core_misc")
        .build()?;
    Ok(model)
}

pub fn masking_seq() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .name("masking_seq")
        .add(Input::new([None, Some(6)]))
        .add(Masking::new().mask_value(0.0))
        .add(Identity::new())
        .add(Dense::new(3))
        .add(Lambda::new().output_shape_fn(|inputs| {
            let s = &inputs[0];
            Ok(Shape::new([s.dims()[0], s.dims()[2]]))
        }))
        .build()?;
    Ok(model)
}

pub fn dense_lora() -> kerasinfo::Result<Model> {
    let model = Sequential::new()
        .name("dense_lora")
        .add(Input::new([6]))
        .add(Dense::new(8).lora_rank(2))
        .add(
            Dense::new(4)
                .use_bias(false)
                .lora_rank(3)
                .dtype(DType::Float16),
        )
        .add(Dense::new(2).lora_rank(0))
        .build()?;
    Ok(model)
}
