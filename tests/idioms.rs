//! Keras's model-building idioms (issue #11), written the way Keras's
//! tutorials write them and checked against what Keras reports for that
//! code (scripts/gen_idioms_fixtures.py, group `idioms`): summary texts byte
//! for byte, totals, `model.layers`, every weight's path, shape and flag.

mod common;

use common::{check_model_ops, load};
use kerasinfo::naming::clear_session;
use kerasinfo::prelude::*;

type R = kerasinfo::Result<()>;

/// `model.layers` names against the fixture's.
fn check_layers(name: &str, model: &Model) {
    let fx = load("idioms", name);
    let want: Vec<&str> = fx["model_layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let got: Vec<&str> = model.layers().iter().map(LayerHandle::name).collect();
    assert_eq!(got, want, "idioms/{name}: model.layers");
}

fn check(name: &str, model: &Model) {
    check_model_ops("idioms", name, model);
    check_layers(name, model);
}

// 1. Names at construction ---------------------------------------------------

#[test]
fn outer_layer_of_nested_calls_is_named_first() -> R {
    clear_session();
    let inp = Input::new([16]).tensor()?;
    let out = Dense::new(1)
        .call(&Dropout::new(0.1).call(&Dense::new(32).call(&Dense::new(64).call(&inp)?)?)?)?;
    check("nested_calls", &Functional::new(&inp, &out).build()?);
    Ok(())
}

#[test]
fn layers_made_but_never_called_take_their_names() -> R {
    clear_session();
    let inp = Input::new([8]).tensor()?;
    let _unused = Dense::new(3);
    let h = Dense::new(4).call(&inp)?;
    let _named = Dense::new(5).name("named");
    let _also_unused = Dropout::new(0.5);
    let h = Dropout::new(0.2).call(&h)?;
    let out = Dense::new(2).call(&h)?;
    check("unused_layers", &Functional::new(&inp, &out).build()?);
    Ok(())
}

#[test]
fn wrapped_layers_are_named_when_made() -> R {
    clear_session();
    let x = Input::new([4]).tensor()?;
    let sn = SpectralNormalization::new(Dense::new(3));
    let y = Dense::new(3).call(&x)?;
    let y = sn.call(&y)?;
    let bi = Bidirectional::new(LSTM::new(2).return_sequences(true));
    let z = Reshape::new([3, 1]).call(&y)?;
    let z = LSTM::new(2).return_sequences(true).call(&z)?;
    let z = bi.call(&z)?;
    check("wrapper_names", &Functional::new(&x, &z).build()?);
    Ok(())
}
