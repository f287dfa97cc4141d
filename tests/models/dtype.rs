//! Builders of the kerasinfo twins of the Keras models in
//! `tests/fixtures/dtype/`: tests/dtype.rs checks each against its fixture
//! under the global policy the fixture was made with, tests/config_writer.rs
//! writes some of them as Keras configs.

#![allow(dead_code, unused_imports, clippy::wildcard_imports)]

use kerasinfo::layer::with_dtype_policy;
use kerasinfo::prelude::*;
use kerasinfo::{DType, DTypePolicy};

type R = kerasinfo::Result<Model>;

pub fn cnn() -> R {
    let x_in = Input::new([16, 16, 3]).tensor()?;
    let x = ZeroPadding2D::new((1, 1)).call(&x_in)?;
    let x = Conv2D::new(8, (3, 3)).name("conv0").call(&x)?;
    let x = BatchNormalization::new().axis(3).name("bn0").call(&x)?;
    let x = Activation::new("relu").call(&x)?;
    let x = MaxPooling2D::new((2, 2)).name("max_pool").call(&x)?;
    let x = Flatten::new().call(&x)?;
    let x = Dense::new(1).activation("sigmoid").name("fc").call(&x)?;
    Functional::new(&x_in, &x).name("cnn").build()
}

pub fn mlp() -> R {
    Sequential::new()
        .name("mlp")
        .add(Input::new([20]))
        .add(Dense::new(32).activation("relu"))
        .add(LayerNormalization::new())
        .add(Dropout::new(0.1))
        .add(Dense::new(10))
        .build()
}

pub fn transformer() -> R {
    let x_in = Input::new([12]).name("tokens").tensor()?;
    let x = Embedding::new(50, 16).name("embed").call(&x_in)?;
    let a = MultiHeadAttention::new(2, 8).name("mha").call([&x, &x])?;
    let x = Add::new().call([&x, &a])?;
    let x = LayerNormalization::new().name("ln").call(&x)?;
    let x = GlobalAveragePooling1D::new().call(&x)?;
    let x = Dense::new(4).name("head").call(&x)?;
    Functional::new(&x_in, &x).name("transformer").build()
}

pub fn special() -> R {
    let x_in = Input::new([6, 4]).tensor()?;
    let x = Normalization::new().name("norm").call(&x_in)?;
    let x = GRU::new(5).name("gru").call(&x)?;
    let x = Dense::new(3).lora_rank(2).name("lora").call(&x)?;
    Functional::new(&x_in, &x).name("special").build()
}

pub fn policy(name: &str) -> DTypePolicy {
    DTypePolicy::from_name(name).unwrap()
}

pub fn mixed_layers() -> R {
    let x_in = Input::new([8]).tensor()?;
    let x = Dense::new(16)
        .dtype_policy(policy("mixed_float16"))
        .name("d_mixed16")
        .call(&x_in)?;
    let x = Dense::new(16)
        .dtype(DType::Float16)
        .name("d_f16")
        .call(&x)?;
    let x = BatchNormalization::new()
        .dtype_policy(DTypePolicy::MIXED_BFLOAT16)
        .name("bn_mixedbf16")
        .call(&x)?;
    let x = Dense::new(8)
        .dtype(DType::BFloat16)
        .name("d_bf16")
        .call(&x)?;
    let x = Dense::new(8)
        .dtype_policy(policy("float64"))
        .name("d_f64")
        .call(&x)?;
    let x = Dense::new(4).name("d_default").call(&x)?;
    let x = Activation::new("softmax")
        .dtype(DType::Float32)
        .name("probs")
        .call(&x)?;
    Functional::new(&x_in, &x).name("mixed_layers").build()
}

pub fn recipe() -> R {
    let x_in = Input::new([10]).tensor()?;
    let x = Dense::new(12)
        .activation("relu")
        .name("hidden")
        .call(&x_in)?;
    let x = Dense::new(3).name("logits").call(&x)?;
    let x = Activation::new("softmax")
        .dtype(DType::Float32)
        .name("probs")
        .call(&x)?;
    Functional::new(&x_in, &x).name("recipe").build()
}

pub fn policy_objects() -> R {
    let x_in = Input::new([5]).tensor()?;
    let x = Dense::new(7)
        .dtype_policy(DTypePolicy::MIXED_BFLOAT16)
        .name("a")
        .call(&x_in)?;
    let x = Dense::new(2)
        .dtype_policy(DTypePolicy::from(DType::Float16))
        .name("b")
        .call(&x)?;
    Functional::new(&x_in, &x).name("policy_objects").build()
}

pub fn wrappers() -> R {
    let x = Input::new([4, 6]).tensor()?;
    let f16 = DTypePolicy::from(DType::Float16);
    let a = MultiHeadAttention::new(2, 3)
        .dtype_policy(f16)
        .name("mha")
        .call([&x, &x])?;
    let b = Bidirectional::new(LSTM::new(3))
        .dtype_policy(f16)
        .name("bi")
        .call(&x)?;
    let c = Bidirectional::new(LSTM::new(3).dtype(DType::Float64))
        .name("bi2")
        .call(&x)?;
    let d = TimeDistributed::new(Dense::new(2))
        .dtype(DType::BFloat16)
        .name("td")
        .call(&x)?;
    let e = TimeDistributed::new(Dense::new(2).dtype(DType::Float16))
        .name("td2")
        .call(&x)?;
    let f = SpectralNormalization::new(Dense::new(2))
        .dtype(DType::Float16)
        .name("sn")
        .call(&x)?;
    let g = RNN::new(GRUCell::new(3).dtype(DType::Float16))
        .name("rnn")
        .call(&x)?;
    let h = LSTM::new(3)
        .dtype_policy(DTypePolicy::MIXED_FLOAT16)
        .name("lstm")
        .call(&x)?;
    Functional::new(&x, [&a, &b, &c, &d, &e, &f, &g, &h])
        .name("wrappers")
        .build()
}

pub fn nested() -> R {
    let inner = with_dtype_policy(DTypePolicy::from(DType::Float16), || {
        Sequential::new()
            .name("inner")
            .add(Input::new([8]))
            .add(Dense::new(6).name("inner_dense"))
            .add(BatchNormalization::new().name("inner_bn"))
            .build()
    })?;
    with_dtype_policy(DTypePolicy::MIXED_FLOAT16, || {
        let x = Input::new([8]).tensor()?;
        let y = inner.call(&x)?;
        let y = Dense::new(3).name("outer_dense").call(&y)?;
        Functional::new(&x, &y).name("nested").build()
    })
}
