//! The summary made for Keras 3's text ([`Model::summary_text`]) renders
//! exactly as the whole summary does, for every model config among the
//! test fixtures, as loaded and with layers and the model frozen and
//! unfrozen (the trainable counts it takes from the first call's sums).

use crate::model::Model;
use crate::render::keras3::Keras3Options;

fn same_text(ctx: &str, model: &Model) {
    let options = Keras3Options::new();
    let whole = model.summary().render(&options).map_err(|e| e.to_string());
    let text = model.summary_text(&options).map_err(|e| e.to_string());
    assert_eq!(text, whole, "{ctx}");
}

/// Compares the texts as loaded, then with the first weighted layer
/// frozen, unfrozen, and with the model frozen and unfrozen.
fn check_model(ctx: &str, model: &Model) {
    same_text(ctx, model);
    let Some(layer) = model
        .layers()
        .iter()
        .find(|l| l.weight_specs().is_some_and(|w| !w.is_empty()))
    else {
        return;
    };
    for trainable in [false, true] {
        layer.set_trainable(trainable);
        same_text(
            &format!("{ctx}: {} trainable={trainable}", layer.name()),
            model,
        );
    }
    for trainable in [false, true] {
        model.set_trainable(trainable);
        same_text(&format!("{ctx}: model trainable={trainable}"), model);
    }
}

#[test]
fn text_summary_renders_as_the_whole_summary_for_every_fixture_model() {
    let mut models = 0;
    super::weight_decl_tests::for_each_fixture_model(|name, model| {
        models += 1;
        check_model(name, model);
    });
    assert!(models >= 40, "{models} models");
}

#[test]
fn text_summary_of_built_models_renders_as_the_whole_summary() {
    use crate::prelude::*;
    // A layer built frozen, a shared layer, an unbuilt Sequential, a
    // nested model (the whole summary then).
    let x = Input::new([8, 8, 3]).tensor().unwrap();
    let conv = Conv2D::new(4, 3).shared();
    let a = conv.call(&x).unwrap();
    let b = BatchNormalization::new().trainable(false).call(&a).unwrap();
    let c = conv.call(&x).unwrap();
    let y = Add::new().call([&b, &c]).unwrap();
    let m = Functional::new(&x, &y).build().unwrap();
    check_model("functional", &m);
    let s = Sequential::new()
        .add(Dense::new(3))
        .add(Dense::new(2))
        .build()
        .unwrap();
    same_text("unbuilt", &s);
    let inner = Sequential::new()
        .input_shape([4])
        .add(Dense::new(2))
        .build()
        .unwrap();
    let z = Input::new([4]).tensor().unwrap();
    let outer = Functional::new(&z, inner.call(&z).unwrap())
        .build()
        .unwrap();
    check_model("nested", &outer);
}

/// `Shape`'s and `Connection`'s `Display` and the text renderers'
/// `push_text` write the same text, for every shape and connection of
/// every fixture model's summary.
#[test]
fn display_and_push_text_agree_for_every_fixture_shape_and_connection() {
    let mut checked = 0usize;
    super::weight_decl_tests::for_each_fixture_model(|name, model| {
        for row in &model.summary().rows {
            for shape in &row.output_shapes {
                let mut pushed = String::new();
                shape.push_text(&mut pushed);
                assert_eq!(shape.to_string(), pushed, "{name}: {}", row.name);
                checked += 1;
            }
            for connection in row.connected_to.iter() {
                let mut pushed = String::new();
                connection.push_text(&mut pushed);
                assert_eq!(connection.to_string(), pushed, "{name}: {}", row.name);
                checked += 1;
            }
        }
    });
    assert!(checked > 1000, "{checked} texts");
}
